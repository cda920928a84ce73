"""The dossier as the ledger writes it: numbers from the register of outgoing documents, the council's
meeting recorded by record-votes, and the refusals that keep the biên bản true."""

from __future__ import annotations

import re
import sqlite3

from conftest import EXAMPLE, assert_refused


def _example_round(thidua):
    thidua.example()
    thidua.ok("awards", "import", str(EXAMPLE / "awards-history.csv"))
    out = thidua.folder / "ho-so"
    thidua.ok("propose-awards", "--out", str(out))
    return out


def _votes(thidua, rows: str):
    return thidua.write("phieu.csv", "subject,award,votes\n" + rows)


def _all_votes(thidua, out, fail: dict[str, int] | None = None, tie: dict[str, int] | None = None):
    """A vote file giving every proposal 7 votes but those in `fail`, and the tied subjects their votes."""
    import json

    fail = fail or {}
    connection = sqlite3.connect(thidua.db)
    stored = json.loads(connection.execute("SELECT result FROM round").fetchone()[0])
    connection.close()
    lines = [f"{p['subject']},{p['award']},{fail.get(p['subject'], 7)}" for p in stored["proposals"]]
    for t in stored["ties"]:
        lines += [f"{code},{t['award']},{(tie or {}).get(code, 3)}" for code in t["subjects"]]
    return _votes(thidua, "\n".join(lines) + "\n")


def test_register_numbers_each_document_once_and_keeps_them(thidua):
    out = _example_round(thidua)
    numbers = {}
    for folder in sorted(p for p in out.iterdir() if p.is_dir()):
        text = (folder / "to-trinh.md").read_text(encoding="utf-8")
        numbers[folder.name] = re.search(r"Số: ([^< ]+)", text)[1]
    # numbering = "register" in the example: each tờ trình has its own number in its series
    assert numbers == {
        "1-chu-tich-nuoc": "01/TTr-STTTT", "2-thu-tuong-chinh-phu": "02/TTr-STTTT",
        "3-chu-tich-ubnd-tinh-tra-vinh": "03/TTr-STTTT", "4-giam-doc-so-thong-tin-va-truyen-thong": "01/TTr-VP",
    }
    danh_sach = (out / "3-chu-tich-ubnd-tinh-tra-vinh" / "danh-sach.md").read_text(encoding="utf-8")
    assert "Kèm theo Tờ trình số 03/TTr-STTTT ngày" in danh_sach
    # writing the dossier again (the vote) keeps the numbers; nothing is numbered twice
    thidua.ok("record-votes", "1", "--file", str(_all_votes(thidua, out, tie={"NV39": 6})), "--date", "2022-06-15")
    again = (out / "3-chu-tich-ubnd-tinh-tra-vinh" / "to-trinh.md").read_text(encoding="utf-8")
    assert "Số: 03/TTr-STTTT" in again
    rows = sqlite3.connect(thidua.db).execute("SELECT series, number, document FROM document_number ORDER BY id").fetchall()
    assert [(s, n) for s, n, _ in rows] == [("BB-HĐTĐKT", 1), ("TTr-STTTT", 1), ("TTr-STTTT", 2), ("TTr-STTTT", 3), ("TTr-VP", 1)]
    assert len({d for _, _, d in rows}) == len(rows)
    # the next document of a series takes the next number of its year; a new year starts again at 01
    from datetime import date

    from thidua_cli.storage.register import number_for

    connection = sqlite3.connect(thidua.db)
    year = connection.execute("SELECT year FROM document_number").fetchone()[0]
    assert number_for(connection, "khác/to-trinh", "TTr-STTTT", date(year, 12, 31), None, "t") == 4
    assert number_for(connection, "khác/to-trinh", "TTr-STTTT", date(year, 12, 31), None, "t") == 4  # same document
    assert number_for(connection, "năm-sau/to-trinh", "TTr-STTTT", date(year + 1, 1, 3), None, "t") == 1
    connection.rollback()


def test_blank_numbering_leaves_the_number_to_the_van_thu(thidua):
    text = (EXAMPLE / "campaign.toml").read_text(encoding="utf-8").replace('numbering = "register"', 'numbering = "blank"')
    thidua.ok("campaign", "load", str(thidua.write("blank.toml", text)))
    thidua.ok("subject", "import", str(EXAMPLE / "subjects.csv"))
    thidua.ok("import-entries", str(EXAMPLE / "entries.csv"))
    out = thidua.folder / "ho-so"
    thidua.ok("propose-awards", "--out", str(out))
    text = (out / "1-chu-tich-nuoc" / "to-trinh.md").read_text(encoding="utf-8")
    assert "Số:      /TTr-STTTT" in text
    assert sqlite3.connect(thidua.db).execute("SELECT COUNT(*) FROM document_number").fetchone() == (0,)


def test_the_meeting_recorded_in_the_bien_ban(thidua):
    out = _example_round(thidua)
    votes = _all_votes(thidua, out, fail={"NV21": 3}, tie={"NV39": 6, "NV26": 3})
    result = thidua.ok("record-votes", "1", "--file", str(votes), "--date", "15/06/2022", "--start", "8h", "--end", "10:30",
                       "--place", "Phòng họp Sở", "--written", "le thi hong nhung")
    assert "để trống" not in result.stderr
    text = (out / "4-giam-doc-so-thong-tin-va-truyen-thong" / "bien-ban.md").read_text(encoding="utf-8")
    for expected in (
        "Thời gian: bắt đầu lúc 08 giờ 00 phút, ngày 15 tháng 6 năm 2022.",
        "Địa điểm: Phòng họp Sở.",
        "- Nguyễn Văn Nay, Giám đốc Sở, Chủ tịch Hội đồng;",
        "- Lê Thị Hồng Nhung, Trưởng phòng Thông tin - Báo chí - Xuất bản, Ủy viên (vắng mặt, có ý kiến bằng văn bản).",
        "Có mặt 06/07 thành viên Hội đồng; vắng mặt có ý kiến bằng văn bản 01 (Lê Thị Hồng Nhung).",
        "Đinh Công Đạt 6/7 phiếu đồng ý (85,71%), được đề nghị; Bùi Quang Vinh 3/7 phiếu đồng ý (42,86%), không được đề nghị.",
        # Vinh, tied below the ratio, is "Không đạt" in the table too
        "Không đạt tỷ lệ phiếu đồng ý: Hồ Văn Lộc (Giấy khen của Giám đốc Sở, 3/7 phiếu); "
        "Bùi Quang Vinh (Giấy khen của Giám đốc Sở, 3/7 phiếu).",
        "Cuộc họp kết thúc lúc 10 giờ 30 phút cùng ngày.",
    ):
        assert expected in text, expected
    assert "......" not in text
    # the tờ trình states the votes of each subject it proposes
    to_trinh = (out / "4-giam-doc-so-thong-tin-va-truyen-thong" / "to-trinh.md").read_text(encoding="utf-8")
    assert "- Ông Đinh Công Đạt, Viên chức, Trung tâm Công nghệ thông tin và Truyền thông: 6/7 phiếu đồng ý (85,71%);" in to_trinh


def test_record_votes_without_the_meeting_warns_that_the_bien_ban_has_blanks(thidua):
    out = _example_round(thidua)
    result = thidua.ok("record-votes", "1", "--file", str(_all_votes(thidua, out, tie={"NV39": 6})), "--date", "2022-06-15")
    assert "biên bản họp Hội đồng để trống --start, --end, --place" in result.stderr


def test_meeting_refusals_change_nothing(thidua):
    out = _example_round(thidua)
    votes = _all_votes(thidua, out, tie={"NV39": 6})
    base = ["record-votes", "1", "--file", str(votes)]
    assert_refused(thidua, [*base, "--absent", "Người Lạ"], '--absent: "Người Lạ" không có trong danh sách thành viên Hội đồng', 2)
    assert_refused(thidua, [*base, "--start", "25:00"], '--start: "25:00" không phải giờ', 2)
    assert_refused(thidua, [*base, "--start", "10:00", "--end", "09:00"], "--end: 09 giờ 00 không sau giờ bắt đầu 10 giờ 00", 2)
    assert_refused(thidua, [*base, "--absent", "Kim Văn Đạt", "--written", "Kim Văn Đạt"], "--absent và --written cùng ghi Kim Văn Đạt", 2)
    # seven votes for everyone, but one member was absent without a written opinion: at most six votes
    assert_refused(thidua, [*base, "--absent", "Kim Văn Đạt"], "lớn hơn số thành viên có mặt hoặc có ý kiến bằng văn bản (6)")


def test_a_chair_away_is_not_named_chairing_the_meeting(thidua):
    """The Chủ tịch recorded absent: the biên bản still named him "Chủ tọa" and had him sign as CHỦ TỌA — the
    document contradicted its own list of those present. It is refused until the office names who chaired
    (`--chair`), and that member, with his own role, is the one the biên bản names and has sign; a member written
    twice counted twice among the absent."""
    out = _example_round(thidua)
    votes = str(_all_votes(thidua, out, tie={"NV39": 6}))
    base = ["record-votes", "1", "--file", votes, "--date", "15/06/2022", "--start", "8h", "--end", "10:30", "--place", "Phòng họp Sở"]
    assert_refused(thidua, [*base, "--written", "Nguyễn Văn Nay"],
                   '--absent: "Nguyễn Văn Nay" là Chủ tịch Hội đồng, người chủ tọa và ký biên bản, nhưng được ghi vắng mặt\n'
                   'Gợi ý: ghi người thay bằng --chair "Họ và tên"', 2)
    assert_refused(thidua, [*base, "--written", "Trương Quốc An"],
                   '--absent: "Trương Quốc An" là Thư ký Hội đồng, người ghi và ký biên bản, nhưng được ghi vắng mặt', 2)
    assert_refused(thidua, [*base, "--written", "Nguyễn Văn Nay", "--chair", "Kim Văn Đạt", "--absent", "Kim Văn Đạt"],
                   '--chair: "Kim Văn Đạt" được ghi vắng mặt; người chủ tọa phải có mặt', 2)
    assert_refused(thidua, [*base, "--chair", "Người Lạ"], '--chair: "Người Lạ" không có trong danh sách thành viên Hội đồng', 2)
    assert_refused(thidua, [*base, "--written", "Kim Văn Đạt", "--written", "kim van dat"], '--written: "Kim Văn Đạt" ghi hai lần', 2)
    thidua.ok(*base, "--written", "Nguyễn Văn Nay", "--chair", "le minh khoa")
    text = " ".join((out / "4-giam-doc-so-thong-tin-va-truyen-thong" / "bien-ban.md").read_text(encoding="utf-8").split())
    assert "Nguyễn Văn Nay, Giám đốc Sở, Chủ tịch Hội đồng (vắng mặt, có ý kiến bằng văn bản)" in text
    assert "Chủ tọa: Lê Minh Khoa; thư ký: Trương Quốc An." in text
    signatures = text[text.rindex("THƯ KÝ"):]
    assert "Lê Minh Khoa" in signatures and "Nguyễn Văn Nay" not in signatures


def test_a_meeting_after_today_is_refused(thidua, monkeypatch):
    """`record-votes --date 10/12/2026` on 07/12/2026 was taken silently: the biên bản dated ahead of the day the votes
    were recorded, where propose-awards refuses a future dossier date and record-decision asks for --allow-future."""
    monkeypatch.setenv("THIDUA_TODAY", "2022-06-20")
    out = _example_round(thidua)
    votes = str(_all_votes(thidua, out, tie={"NV39": 6}))
    assert_refused(thidua, ["record-votes", "1", "--file", votes, "--date", "21/06/2022"],
                   "--date: ngày Hội đồng họp 21/06/2022 sau hôm nay (20/06/2022)", 2)
    thidua.ok("record-votes", "1", "--file", votes, "--date", "20/06/2022")


def test_a_meeting_before_the_round_is_refused(thidua, monkeypatch):
    """A round dated 15/06/2022 (`propose-awards --date`) took a council vote of 10/06/2022: the biên bản and the
    tờ trình were dated five days before the danh sách they approve. Refused; the round's own day is accepted."""
    monkeypatch.setenv("THIDUA_TODAY", "2022-06-20")
    thidua.example()
    thidua.ok("awards", "import", str(EXAMPLE / "awards-history.csv"))
    out = thidua.folder / "ho-so"
    thidua.ok("propose-awards", "--out", str(out), "--date", "15/06/2022")
    votes = str(_all_votes(thidua, out, tie={"NV39": 6}))
    assert_refused(thidua, ["record-votes", "1", "--file", votes, "--date", "10/06/2022"],
                   "--date: ngày Hội đồng họp 10/06/2022 trước ngày lập đợt đề nghị số 1 (15/06/2022); "
                   "Hội đồng xét danh sách sau khi đợt được lập", 2)
    thidua.ok("record-votes", "1", "--file", votes, "--date", "15/06/2022")
    text = " ".join((out / "4-giam-doc-so-thong-tin-va-truyen-thong" / "bien-ban.md").read_text(encoding="utf-8").split())
    assert "ngày 15 tháng 6 năm 2022" in text


def test_a_chair_away_without_a_council_list(thidua):
    """Without [[council]], the chair named by council_chair is the one who must not be away; --chair names another,
    as "thành viên Hội đồng" since no list gives a role."""
    from test_proposals import award, people, propose, setup

    setup(thidua, award("GK", 1), people("NV1,Nguyễn Văn An,cá nhân,VP,nam,"), {"NV1": 90},
          extra='council_members = 5\ncouncil_chair = "Trần Văn Chủ"\ncouncil_secretary = "Lê Thị Ký"')
    propose(thidua)
    base = ["record-votes", "1", "--file", str(thidua.write("p.csv", "subject,votes\nNV1,4\n"))]
    assert_refused(thidua, [*base, "--written", "tran van chu"], '--absent: "Trần Văn Chủ" là Chủ tịch Hội đồng, người chủ tọa và ký biên bản', 2)
    thidua.ok(*base, "--written", "Trần Văn Chủ", "--chair", "Phạm Văn Phó")
    (minutes,) = thidua.folder.rglob("bien-ban.md")
    text = " ".join(minutes.read_text(encoding="utf-8").split())
    assert "- Chủ tọa: Phạm Văn Phó, thành viên Hội đồng;" in text and "Trần Văn Chủ" not in text.replace("(Trần Văn Chủ)", "")


def test_bao_cao_takes_the_lý_lịch_and_the_đặc_điểm_from_the_subjects_details(thidua):
    import json

    thidua.example()
    thidua.ok("awards", "import", str(EXAMPLE / "awards-history.csv"))
    connection = sqlite3.connect(thidua.db)
    with connection:  # as the subject details import keeps them (subject.details, SUBJECT_DETAIL_FIELDS)
        connection.execute("UPDATE subject SET details = ? WHERE code = 'NV29'", (json.dumps({
            "birth_date": "12/3/1978", "hometown": "xã Long Toàn, thị xã Duyên Hải, tỉnh Trà Vinh", "ethnicity": "Kinh",
            "education": "Thạc sĩ Công nghệ thông tin", "political_theory": "Cao cấp", "party_position": "Bí thư Chi bộ",
        }, ensure_ascii=False),))
        connection.execute("UPDATE subject SET details = ? WHERE code = 'TTCNTT'", (json.dumps({
            "functions": "Tham mưu, triển khai ứng dụng công nghệ thông tin của tỉnh", "structure": "03 phòng chuyên môn",
            "staff_count": "24", "party_org": "Chi bộ Trung tâm (18 đảng viên); Công đoàn cơ sở; Chi đoàn",
        }, ensure_ascii=False),))
    connection.close()
    out = thidua.folder / "ho-so"
    thidua.ok("propose-awards", "--out", str(out))
    person = (out / "1-chu-tich-nuoc" / "bao-cao-nv29-tran-huu-phuoc.md").read_text(encoding="utf-8")
    for expected in ("# BÁO CÁO THÀNH TÍCH", "- Ngày, tháng, năm sinh: 12/3/1978", "- Dân tộc: Kinh",
                     "- Chức vụ (Đảng, chính quyền, đoàn thể): Giám đốc Trung tâm; Bí thư Chi bộ",
                     "- Trình độ lý luận chính trị: Cao cấp",
                     "**1. Quyền hạn, nhiệm vụ được giao:** Giám đốc Trung tâm, Trung tâm Công nghệ thông tin và Truyền thông."):
        assert expected in person, expected
    assert "- Nơi thường trú: ………………………………" in person  # not recorded: for him to fill
    # he heads his unit: the agency head confirms (as the level that submits the award), not he himself
    assert "**XÁC NHẬN CỦA**<br>**CẤP TRÌNH KHEN THƯỞNG**<br>**GIÁM ĐỐC**" in person
    assert person.count("Trần Hữu Phước") == 2  # the name in lý lịch and under "người báo cáo", never as confirmer
    unit = (out / "2-thu-tuong-chinh-phu" / "bao-cao-ttcntt-trung-tam-cong-nghe-thong-tin.md").read_text(encoding="utf-8")
    for expected in ("- Chức năng, nhiệm vụ: Tham mưu, triển khai ứng dụng công nghệ thông tin của tỉnh",
                     "- Cơ cấu tổ chức: 03 phòng chuyên môn", "- Tổ chức Đảng, đoàn thể: Chi bộ Trung tâm (18 đảng viên)",
                     "- Số cán bộ, công chức, viên chức, người lao động: 24 (nữ chiếm"):
        assert expected in unit, expected
    # the collective's head signs as thủ trưởng đơn vị: Trần Hữu Phước, Giám đốc Trung tâm
    assert re.search(r"\*\*THỦ TRƯỞNG ĐƠN VỊ\*\*<br>\*\(Ký, đóng dấu\)\*(<br>)+\*\*Trần Hữu Phước\*\*", unit)


def test_a_rule_set_thidua_does_not_carry_is_said_at_load(thidua):
    text = (EXAMPLE / "campaign.toml").read_text(encoding="utf-8").replace('rules = "nd91-2017"', 'rules = "nd98-2023"')
    result = thidua.ok("campaign", "load", str(thidua.write("c.toml", text)))
    assert ('bộ quy định "nd98-2023" chưa có trong thidua (có: nd91-2017, nd152-2025); văn bản căn cứ Nghị định số '
            '91/2017/NĐ-CP, văn bản có hiệu lực khi phong trào kết thúc — ghi rules = "nd91-2017" nếu đúng') in result.stderr
    assert "Cảnh báo" in result.stderr or "cảnh báo" in result.stderr.casefold()
    assert "bộ quy định" not in thidua.ok("campaign", "load", str(EXAMPLE / "campaign.toml")).stderr


def test_the_quyet_dinh_cites_the_agencys_powers_first_or_leaves_the_line_to_fill(thidua):
    """NĐ 30/2020 Phụ lục I: the căn cứ of a văn bản begin with the act giving the issuer its powers. The Giám đốc's
    QĐ began with the Law: a signer sends it back. The campaign's own line naming the Sở's chức năng, nhiệm vụ comes
    first; without one, a line to fill in (trial14)."""
    from conftest import MINI_CAMPAIGN, MINI_SUBJECTS

    def first_basis(campaign_text: str, out: str) -> list[str]:
        thidua.ok("campaign", "load", str(thidua.write("mini.toml", campaign_text)))
        thidua.ok("add-entry", "--subject", "NV1", "--criterion", "TC1", "--points", "50", "--date", "2021-11-05")
        thidua.ok("propose-awards", "--out", str(thidua.folder / out), *(["--replace", "1"] if out != "hs1" else []))
        (decision,) = (thidua.folder / out).rglob("quyet-dinh.md")
        return [line for line in decision.read_text(encoding="utf-8").splitlines() if line.startswith("Căn cứ")]

    thidua.ok("subject", "import", str(thidua.write("s.csv", MINI_SUBJECTS)))
    lines = first_basis(MINI_CAMPAIGN, "hs1")
    assert lines[0] == ("Căn cứ Quyết định số ………… ngày ………… của Ủy ban nhân dân tỉnh Trà Vinh quy định chức năng, nhiệm "
                        "vụ, quyền hạn và cơ cấu tổ chức của Sở Thông tin và Truyền thông;")
    powers = ("Quyết định số 20/2016/QĐ-UBND ngày 10 tháng 6 năm 2016 của Ủy ban nhân dân tỉnh Trà Vinh quy định chức "
              "năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Thông tin và Truyền thông")
    own = MINI_CAMPAIGN.replace('base_salary = 1490000', f'base_salary = 1490000\nlegal_basis = ["Luật Thi đua, khen thưởng", "{powers}"]')
    lines = first_basis(own, "hs2")
    assert lines[0] == f"Căn cứ {powers};"
    assert not any("…………" in line for line in lines)
