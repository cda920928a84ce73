"""What a Sở Tài nguyên và Môi trường's year-end review (2026, an office worker's trial run of its own campaign)
found wrong: each test sets up the case in a temporary ledger and states what the signer must read."""

from __future__ import annotations

from test_award_conditions import danh_hieu
from test_proposals import people, setup

LDTT = danh_hieu("LDTT", 1, "individual", 50)
TWO = people("NV1,Nguyễn Văn An,cá nhân,VP,nam,", "NV2,Trần Văn Bình,cá nhân,VP,nam,")


def test_a_report_of_a_span_of_days_opens_with_the_span_not_trong_tu_ngay(thidua):
    """`report --from … --to …` (and the closing report on screen) opened section I with "Trong từ ngày 15/02/2022
    đến ngày 15/04/2022, đã ghi nhận …", which is not Vietnamese: a span of days says itself where it starts."""
    setup(thidua, LDTT, TWO, {"NV1": 90})
    screen = " ".join(thidua.ok("report", "--from", "15/02/2022", "--to", "15/04/2022").stdout.split())
    thidua.ok("report", "--from", "15/02/2022", "--to", "15/04/2022", "-o", str(thidua.folder / "bao-cao.md"))
    document = " ".join((thidua.folder / "bao-cao.md").read_text(encoding="utf-8").split())
    for text in (screen, document):
        assert "Từ ngày 15/02/2022 đến ngày 15/04/2022, đã ghi nhận 1 mục thành tích" in text
        assert "rong từ ngày" not in text
        # NV2 has nothing in the span: the default next step names the span the same way
        assert "chưa có kết quả được ghi nhận từ ngày 15/02/2022 đến ngày 15/04/2022 tích cực" in text
    month = " ".join(thidua.ok("report", "--month", "2022-03").stdout.split())
    assert "Trong tháng 03/2022, đã ghi nhận 1 mục thành tích" in month


def test_the_closing_report_on_screen_opens_with_the_span(thidua):
    setup(thidua, LDTT, TWO, {"NV1": 90, "NV2": 80})
    text = " ".join(thidua.ok("report", "--final").stdout.split())
    assert ", đã ghi nhận 2 mục thành tích" in text
    assert "rong từ ngày" not in text


def test_bien_ban_without_a_members_list_names_the_chair_and_secretary_once(thidua):
    """A campaign of `campaign init` has no [[council]]: the biên bản listed "- Chủ tọa: …, Chủ tịch Hội đồng; - Thư
    ký: …." under "Thành phần tham dự", then said "Chủ tọa: …; thư ký: …." again two lines below."""
    from docx import Document

    setup(thidua, LDTT, TWO, {"NV1": 90, "NV2": 80})
    thidua.ok("propose-awards", "--out", str(thidua.folder / "ho-so"))
    (md,) = (thidua.folder / "ho-so").rglob("bien-ban.md")
    (html,) = (thidua.folder / "ho-so").rglob("bien-ban.html")
    (docx,) = (thidua.folder / "ho-so").rglob("bien-ban.docx")
    word = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    for text in (md.read_text(encoding="utf-8"), html.read_text(encoding="utf-8"), word):
        assert text.count("Chủ tọa:") == 1 and text.count("hư ký:") == 1, text
        assert "Chủ tọa: ...................., Chủ tịch Hội đồng;" in text


def test_a_cancelled_discipline_says_the_day_as_the_listing_does(thidua):
    """`discipline --cancelled` wrote the day of the cancellation "2026-12-07" beside days written "10/09/2026"."""
    import re

    setup(thidua, LDTT, TWO, {"NV1": 90})
    thidua.ok("discipline", "add", "NV2", "--form", "cảnh cáo", "--number", "47/QĐ-STTTT", "--date", "12/03/2022")
    thidua.ok("discipline", "cancel", "1", "--reason", "ghi nhầm người")
    text = " ".join(thidua.ok("discipline", "--cancelled", "-O", "md").stdout.split())
    assert re.search(r"\d{2}/\d{2}/\d{4}: ghi nhầm người", text), text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)
    csv = thidua.ok("discipline", "--cancelled", "-O", "csv").stdout
    assert re.search(r"\d{4}-\d{2}-\d{2}: ghi nhầm người", csv)  # a file for a program keeps the ISO day


def test_not_granted_names_the_award_by_its_name_too(thidua):
    """The Office typed the award as the UBND's decision writes it, "NV1:Bằng khen của Chủ tịch UBND tỉnh": refused
    with "NV1 … không có trong các đề nghị còn chờ quyết định" although NV1 was waiting for exactly that Bằng khen."""
    import json

    from test_decisions import two_for_the_province

    two_for_the_province(thidua)
    name = next(a["name"] for a in json.loads(thidua.ok("campaign", "show", "--format", "json").stdout)["awards"]
                if a["code"] == "BK")
    result = json.loads(thidua.ok("record-decision", "1", "--award", "BK", "--number", "12/QĐ-UBND", "--date",
                                  "2023-01-15", "--not-granted", f"NV1:{name.lower()}", "--format", "json").stdout)
    assert result["not_granted"] == [{"subject": "NV1", "award": "BK"}]


def test_a_vote_file_missing_rows_counts_proposals_not_people(thidua):
    """NV1 proposed LĐTT and Giấy khen, both rows left out of the vote file: "thiếu số phiếu của 2 người được đề
    nghị: NV1 … (LDTT); NV1 … (GK)" — two people, one name. The year-end file of 16 people said 25 "người"."""
    from conftest import assert_refused

    gk = ('[[awards]]\ncode = "GK"\nname = "Giấy khen"\nlevel = 1\nmin_score = 50\nmultiplier = 0.3\n'
          'authority = "Giám đốc Sở Thông tin và Truyền thông"\n')
    setup(thidua, LDTT + gk, TWO, {"NV1": 90, "NV2": 80})
    thidua.ok("propose-awards")
    votes = thidua.write("phieu.csv", "subject,award,votes\nNV2,LDTT,5\nNV2,GK,5\n")
    assert_refused(thidua, ["record-votes", "1", "--file", str(votes), "--members", "5"],
                   "thiếu số phiếu của 2 đề nghị: NV1 — Nguyễn Văn An (LDTT); NV1 — Nguyễn Văn An (GK)")


def test_campaign_init_explains_every_condition_it_writes(thidua):
    """The file of `campaign init` writes { rating = …, this_year = true } and { members_no_discipline = "Cảnh cáo" },
    but its key notes named only award/years, initiative and members: the Office writing the CSTĐ cấp tỉnh's
    "03 lần liên tục" as years = 3, this_year = true asked for four years (2023–2026)."""
    out = thidua.folder / "pt.toml"
    thidua.ok("campaign", "init", "--no-input", "--kind", "thuong-xuyen", "--year", "2026", "--name", "Thi đua 2026",
              "--code", "tx-2026", "--agency", "Sở Nội vụ", "--agency-short", "SNV", "--plan", "1/KH-SNV",
              "--parent-agency", "UBND tỉnh Bến Tre", "--place", "Bến Tre", "-o", str(out))
    notes = "\n".join(line for line in out.read_text(encoding="utf-8").splitlines() if line.startswith("#"))
    for key in ("this_year = true", "rating =", "members_rating =", "members_no_discipline =", "no_discipline ="):
        assert key in notes, key
    assert "years = 2, this_year =\n#               true là 3 năm liền" in notes


def test_a_higher_danh_hieu_after_a_lower_one_paid_is_not_warned_as_a_second_reward(thidua):
    """NV1's CSTĐCS was voted down and its LĐTT decided; the next round reconsiders the CSTĐCS and asks what it adds
    to the LĐTT paid (the danh sách says so). The warning beside it said "một thành tích chỉ khen một lần", as if the
    proposal were the forbidden second reward — the Office could not tell whether to go on."""
    import json

    awards = (danh_hieu("CSTDCS", 2, "individual", 80, extra='with = ["LDTT"]').replace("multiplier = 0.3", "multiplier = 1.0")
              + LDTT)
    setup(thidua, awards, TWO, {"NV1": 90})
    thidua.ok("propose-awards")
    votes = thidua.write("phieu.csv", "subject,award,votes\nNV1,CSTDCS,1\nNV1,LDTT,5\n")
    thidua.ok("record-votes", "1", "--file", str(votes), "--members", "5")
    thidua.ok("record-decision", "1", "--number", "5/QĐ-STTTT", "--date", "2022-12-20", "--allow-future")
    result = thidua.ok("propose-awards", "--allow-overlap", "--reconsider", "NV1", "--format", "json")
    [cstdcs] = [p for p in json.loads(result.stdout)["proposals"] if p["award"] == "CSTDCS"]
    assert 0 < cstdcs["amount"]
    warning = " ".join(result.stderr.split())
    assert "NV1 — Nguyễn Văn An đã được khen LDTT trong phong trào này (quyết định số 5/QĐ-STTTT, đợt 1); CSTDCS cao hơn " \
           "cùng năm chỉ hưởng phần chênh lệch tiền thưởng" in warning
    assert "một thành tích chỉ khen một lần" not in warning


def test_a_decision_number_is_one_document_of_its_year_across_awards_and_discipline(thidua):
    """`discipline add` took 250/QĐ-STNMT, the number of the Giám đốc's award decision of the same year, and took
    45/QĐ-STNMT dated 11/11 when 45/QĐ-STNMT was recorded dated 10/09; `record-decision` took a disciplinary
    decision's number. Each is a mistyped number that the award rules then print as the reason for a refusal."""
    from conftest import assert_refused

    three = people("NV1,Nguyễn Văn An,cá nhân,VP,nam,", "NV2,Trần Văn Bình,cá nhân,VP,nam,",
                   "NV3,Lê Văn Cường,cá nhân,VP,nam,")
    setup(thidua, LDTT, three, {"NV1": 90, "NV2": 80})
    thidua.ok("propose-awards")
    thidua.ok("record-votes", "1", "--file", str(thidua.write("p.csv", "subject,award,votes\nNV1,LDTT,5\nNV2,LDTT,5\n")),
              "--members", "5")
    thidua.ok("record-decision", "1", "--number", "250/QĐ-STTTT", "--date", "2022-12-02", "--allow-future")
    thidua.ok("discipline", "add", "NV3", "--form", "khiển trách", "--number", "45/QĐ-STTTT", "--date", "2022-09-10")
    assert_refused(thidua, ["discipline", "add", "NV3", "--form", "cảnh cáo", "--number", "250/qđ-stttt",
                            "--date", "2022-12-02"],
                   "--number: số 250/qđ-stttt năm 2022 là quyết định khen thưởng ngày 02/12/2022 của Giám đốc Sở")
    assert_refused(thidua, ["discipline", "add", "NV2", "--form", "khiển trách", "--number", "45/QĐ-STTTT",
                            "--date", "2022-11-11"],
                   "--number: quyết định kỷ luật số 45/QĐ-STTTT năm 2022 đã ghi ngày 10/09/2022 (NV3 — Lê Văn Cường, số 1)")
    # the same decision naming a second person: same number, same day
    thidua.ok("discipline", "add", "NV2", "--form", "khiển trách", "--number", "45/QĐ-STTTT", "--date", "2022-09-10")
    thidua.ok("import-entries", str(thidua.write("nv3.csv", "date,subject,criterion,points,note,evidence\n"
                                                  "2022-05-01,NV3,TC,70,Thành tích của NV3,Báo cáo số 3\n")))
    thidua.ok("propose-awards", "--allow-overlap")
    thidua.ok("record-votes", "2", "--file", str(thidua.write("p2.csv", "subject,award,votes\nNV3,LDTT,5\n")),
              "--members", "5")
    assert_refused(thidua, ["record-decision", "2", "--number", "45/QĐ-STTTT", "--date", "2022-12-05", "--allow-future"],
                   "--number: số 45/QĐ-STTTT năm 2022 là quyết định kỷ luật ngày 10/09/2022 (NV3 — Lê Văn Cường, khiển trách)")


def test_cancelling_a_cancelled_discipline_says_when_in_words(thidua):
    """The refusal printed the ledger's timestamp, "đã được huỷ lúc 2026-12-07T10:31:32.363068+00:00"."""
    import re

    from conftest import assert_refused

    setup(thidua, LDTT, TWO, {"NV1": 90})
    thidua.ok("discipline", "add", "NV2", "--form", "cảnh cáo", "--number", "47/QĐ-STTTT", "--date", "12/03/2022")
    thidua.ok("discipline", "cancel", "1", "--reason", "ghi nhầm người")
    result = assert_refused(thidua, ["discipline", "cancel", "1", "--reason", "lần nữa"], "đã được huỷ lúc ")
    assert re.search(r"đã được huỷ lúc \d{2}/\d{2}/\d{4} \d{2}:\d{2} \(ghi nhầm người\); không huỷ lại", result.stderr)


def test_the_change_log_writes_a_day_as_the_user_reads_it(thidua):
    """`thidua log` said "ngày quyết định (decision_date): (trống) → 2022-12-02" beside its own "07/12/2026 10:27"."""
    import json

    setup(thidua, LDTT, TWO, {"NV1": 90})
    thidua.ok("propose-awards")
    thidua.ok("record-votes", "1", "--file", str(thidua.write("p.csv", "subject,award,votes\nNV1,LDTT,5\n")), "--members", "5")
    thidua.ok("record-decision", "1", "--number", "250/QĐ-STTTT", "--date", "2022-12-02", "--allow-future")
    text = thidua.ok("log").stdout
    assert "ngày quyết định (decision_date): (trống) → 02/12/2022" in text
    assert "2022-12-02" not in text
    assert "2022-12-02" in json.dumps(json.loads(thidua.ok("log", "--format", "json").stdout))  # a program reads ISO


def test_a_quota_that_rounds_down_to_nothing_says_so(thidua):
    """Bằng khen at 10% of 4 collectives: "VP — Văn phòng Sở: BK-UBND — ngoài giới hạn 0 suất (10% của 4 tập thể)"."""
    import json

    bk = ('[[awards]]\ncode = "BK"\nname = "Bằng khen"\nlevel = 2\nmin_score = 50\nquota_percent = 10\nmultiplier = 1.0\n'
          'authority = "Giám đốc Sở Thông tin và Truyền thông"\n')
    four = people("VP,Văn phòng,tập thể,,,", "TT,Thanh tra,tập thể,,,", "KH,Phòng Kế hoạch,tập thể,,,",
                  "QL,Phòng Quản lý,tập thể,,,", "NV1,Nguyễn Văn An,cá nhân,VP,nam,")
    setup(thidua, LDTT + bk, four, {"VP": 90, "TT": 80, "KH": 70, "QL": 60, "NV1": 90})
    data = json.loads(thidua.ok("propose-awards", "--format", "json").stdout)
    reasons = {(e["award"], e["subject"]): e["reason"] for e in data["excluded"]}
    assert reasons[("BK", "VP")] == "không có suất nào (10% của 4 tập thể, làm tròn xuống còn 0 suất)"


def test_a_discipline_recorded_while_a_higher_level_decides_is_warned(thidua):
    """The council voted VP's collective danh hiệu, the Giám đốc decided his part, the UBND's is still awaited; then a
    member of VP is disciplined cảnh cáo. Neither discipline add nor the later record-decision said anything: the
    UBND granted a Tập thể lao động xuất sắc the law (Điều 27) bars. A measure below the condition, or one on a
    collective already decided, is not warned of."""
    awards = (danh_hieu("TTLDXS", 2, "collective", 85, '[{ members_no_discipline = "Cảnh cáo" }]').replace(
        "Giám đốc Sở Thông tin và Truyền thông", "Chủ tịch UBND tỉnh Trà Vinh")
        + danh_hieu("TTLDTT", 1, "collective", 50, '[{ members_no_discipline = "Cảnh cáo" }]') + LDTT)
    units = people("VP,Văn phòng,tập thể,,,", "TT,Thanh tra,tập thể,,,", "NV1,Nguyễn Văn An,cá nhân,VP,nam,",
                   "NV2,Trần Văn Bình,cá nhân,TT,nam,")
    setup(thidua, awards, units, {"VP": 90, "TT": 80, "NV1": 80, "NV2": 80})
    thidua.ok("propose-awards")
    votes = "subject,award,votes\nVP,TTLDXS,5\nTT,TTLDTT,5\nNV1,LDTT,5\nNV2,LDTT,5\n"
    thidua.ok("record-votes", "1", "--file", str(thidua.write("p.csv", votes)), "--members", "5")
    thidua.ok("record-decision", "1", "--authority", "giam doc", "--number", "250/QĐ-STTTT", "--date", "2022-12-02",
              "--allow-future")
    lighter = thidua.ok("discipline", "add", "NV1", "--form", "khiển trách", "--date", "2022-11-01")
    assert "Cảnh báo" not in lighter.stderr
    decided = thidua.ok("discipline", "add", "NV2", "--form", "cảnh cáo", "--date", "2022-11-02")  # TT's TTLĐTT decided
    assert "Cảnh báo" not in decided.stderr
    result = thidua.ok("discipline", "add", "NV1", "--form", "cảnh cáo", "--date", "2022-11-03")
    warning = " ".join(result.stderr.split())
    assert ("Cảnh báo: VP — Văn phòng (có NV1 — Nguyễn Văn An) đang được đề nghị Danh hiệu TTLDXS ở đợt 1 của phong trào "
            in warning)
    assert ("chờ quyết định của Chủ tịch UBND tỉnh Trà Vinh; kỷ luật này làm không còn đủ điều kiện (không cá nhân nào "
            "của tập thể bị kỷ luật từ cảnh cáo trở lên)" in warning)
    assert "ghi VP bằng --not-granted" in warning


def test_a_collective_short_after_a_discipline_since_the_round_says_why(thidua):
    """A member of PDD disciplined cảnh cáo after the round was made: record-votes gave PDD's Tập thể lao động tiên
    tiến "không còn đủ điều kiện sau khi Hội đồng bỏ phiếu các cá nhân: NV16 … bị kỷ luật cảnh cáo" — every member
    had passed; the Office looked for a vote that was not there."""
    import json

    awards = danh_hieu("TTLDTT", 1, "collective", 50, '[{ members_no_discipline = "Cảnh cáo" }]') + LDTT
    units = people("PDD,Phòng Đất đai,tập thể,,,", "NV1,Nguyễn Văn An,cá nhân,PDD,nam,")
    setup(thidua, awards, units, {"PDD": 80, "NV1": 80})
    thidua.ok("propose-awards")
    thidua.ok("discipline", "add", "NV1", "--form", "cảnh cáo", "--number", "60/QĐ-STTTT", "--date", "2022-11-26")
    votes = thidua.write("p.csv", "subject,award,votes\nPDD,TTLDTT,5\nNV1,LDTT,5\n")
    result = json.loads(thidua.ok("record-votes", "1", "--file", str(votes), "--members", "5", "--format", "json").stdout)
    [pdd] = [p for p in result["proposals"] if p["subject"] == "PDD"]
    assert pdd["note"] == ("không còn đủ điều kiện do kỷ luật ghi sau khi lập đợt: NV1 — Nguyễn Văn An bị kỷ luật cảnh "
                           "cáo năm 2022 (Quyết định số 60/QĐ-STTTT)")


def test_rounds_show_marks_a_passed_proposal_a_decision_refused(thidua):
    """`rounds show` printed "Đạt" beside NV2's Bằng khen the UBND did not grant; only a line under the table said
    "không khen: NV2 (BK)"."""
    from test_decisions import two_for_the_province

    two_for_the_province(thidua)
    votes = thidua.write("p.csv", "subject,award,votes\nNV1,BK,5\nNV2,BK,5\nNV3,GK,5\n")
    thidua.ok("record-votes", "1", "--file", str(votes), "--members", "5")
    thidua.ok("record-decision", "1", "--award", "BK", "--number", "12/QĐ-UBND", "--date", "2023-01-15",
              "--not-granted", "NV2")
    rows = {line.split()[4]: line for line in thidua.ok("rounds", "show", "1").stdout.splitlines()
            if line.startswith(("BK ", "GK "))}
    assert rows["NV2"].rstrip().endswith("không được khen (QĐ số 12/QĐ-UBND)")
    assert "không được khen" not in rows["NV1"]


def test_an_overlap_with_a_decided_round_does_not_offer_replace(thidua):
    """The year's round decided, the Office runs propose-awards again for the year: the hint said "thêm --replace 1
    (đợt 1 được huỷ)", and --replace 1 was then refused — a decided round cannot be cancelled."""
    from conftest import assert_refused

    setup(thidua, LDTT, TWO, {"NV1": 90})
    thidua.ok("propose-awards")
    thidua.ok("record-votes", "1", "--file", str(thidua.write("p.csv", "subject,award,votes\nNV1,LDTT,5\n")), "--members", "5")
    thidua.ok("record-decision", "1", "--number", "250/QĐ-STTTT", "--date", "2022-12-02", "--allow-future")
    result = assert_refused(thidua, ["propose-awards"], "trùng với đợt đề nghị chưa huỷ của phong trào thu: số 1")
    assert "--replace" not in result.stderr
    assert "Gợi ý: lập đợt bổ sung bên cạnh các đợt ấy: --allow-overlap (đợt đã có quyết định không huỷ được)" in result.stderr


def test_a_decision_awaiting_a_second_sitting_names_its_vote_sheet(thidua):
    """NV1's Bằng khen voted down fell through to Giấy khen for a second sitting; record-decision said "ghi phiếu phiên
    tiếp theo: thidua record-votes 1 --file phieu.csv" — a file nobody had; record-votes wrote the sheet to fill."""
    from conftest import assert_refused

    awards = ('[[awards]]\ncode = "BK"\nname = "Bằng khen"\nlevel = 2\nmin_score = 50\nmultiplier = 1.0\n'
              'authority = "Giám đốc Sở Thông tin và Truyền thông"\n\n'
              '[[awards]]\ncode = "GK"\nname = "Giấy khen"\nlevel = 1\nmin_score = 50\nmultiplier = 0.3\n'
              'authority = "Giám đốc Sở Thông tin và Truyền thông"\n')
    setup(thidua, awards, TWO, {"NV1": 90, "NV2": 80})
    folder = thidua.folder / "ho-so"
    thidua.ok("propose-awards", "--out", str(folder))
    thidua.ok("record-votes", "1", "--file", str(thidua.write("p.csv", "subject,award,votes\nNV1,BK,1\nNV2,BK,5\n")),
              "--members", "5")
    sheet = folder / "phieu-bau-dot-1-phien-2.xlsx"
    assert sheet.exists()
    assert_refused(thidua, ["record-decision", "1", "--number", "5/QĐ-STTTT", "--date", "2022-12-02", "--allow-future"],
                   f"Gợi ý: ghi phiếu phiên tiếp theo: thidua record-votes 1 --file {sheet.resolve()}")
