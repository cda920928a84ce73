"""A Sở Giáo dục và Đào tạo's Văn phòng running a year with thidua from the README and SPEC (trial7): what it met."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "trial7"


def _school(thidua):
    """The themed campaign, one school with its Hiệu trưởng, a Tổ trưởng chuyên môn and a teacher, their entries."""
    thidua.ok("campaign", "load", str(DATA / "dtht.toml"))
    thidua.ok("subject", "import", str(DATA / "don-vi-can-bo.csv"))
    thidua.ok("import-entries", str(DATA / "thanh-tich.csv"))
    return thidua


def _confirmation(report: str) -> str:
    """The signature part of a báo cáo thành tích (Markdown): from the last section on."""
    return report[report.rindex("III."):]


def test_a_to_truong_chuyen_mon_does_not_head_the_school(thidua):
    """A "Tổ trưởng chuyên môn Toán" of a Trường THPT was taken for the head of the school (the title starts with
    "tổ trưởng"): the school's báo cáo thành tích was signed by her as THỦ TRƯỞNG ĐƠN VỊ, a teacher's report was
    confirmed by "TỔ TRƯỞNG CHUYÊN MÔN TOÁN … (Ký, đóng dấu)", and her own report had no confirmation of the
    Hiệu trưởng. A tổ trưởng heads a tổ, a part of the school: the Hiệu trưởng confirms and signs for the school."""
    _school(thidua)
    thidua.ok("propose-awards", "--out", str(thidua.folder / "ho-so"), "--date", "01/12/2026")
    reports = {p.name: p.read_text(encoding="utf-8") for p in (thidua.folder / "ho-so").rglob("bao-cao-*.md")}
    school = _confirmation(next(text for name, text in reports.items() if name.startswith("bao-cao-cva-")))
    teacher = _confirmation(next(text for name, text in reports.items() if name.startswith("bao-cao-gv03-")))
    leader = _confirmation(next(text for name, text in reports.items() if name.startswith("bao-cao-gv01-")))
    assert "Trần Văn Hùng" in school and "Nguyễn Thị Thu Hà" not in school, school
    assert "HIỆU TRƯỞNG" in teacher and "Trần Văn Hùng" in teacher, teacher
    assert "TỔ TRƯỞNG" not in teacher and "Nguyễn Thị Thu Hà" not in teacher, teacher
    assert "HIỆU TRƯỞNG" in leader and "Trần Văn Hùng" in leader, leader


def test_a_list_of_units_headed_ten_don_vi_is_read(thidua):
    """A Sở's list of its schools and phòng — "Mã đơn vị | Tên đơn vị | Loại | Tỷ lệ nữ (%)" — was refused: "thiếu cột họ
    và tên / tên tập thể", though "Mã đơn vị" was read as the code. "Tên đơn vị" is the name when the file has no
    name column; beside a "Họ và tên" it is not the person's name (named among the unused columns, as before)."""
    units = thidua.write("don-vi.csv", """
        STT,Mã đơn vị,Tên đơn vị,Loại,Tỷ lệ nữ (%)
        1,CVA,Trường THPT Chu Văn An,Tập thể,"70,6"
        2,PTCCB,Phòng Tổ chức cán bộ,Tập thể,"66,7"
        """)
    result = thidua.ok("subject", "import", str(units))
    assert "Đã thêm 2" in result.stderr, result.stderr
    import json

    listed = {s["code"]: s["name"] for s in json.loads(thidua.ok("subject", "list", "-O", "json").stdout)["subjects"]}
    assert listed == {"CVA": "Trường THPT Chu Văn An", "PTCCB": "Phòng Tổ chức cán bộ"}
    staff = thidua.write("can-bo.csv", """
        Mã CB,Họ và tên,Tên đơn vị,Loại
        GV01,Nguyễn Thị Thu Hà,Trường THPT Chu Văn An,cá nhân
        """)
    result = thidua.ok("subject", "import", str(staff))
    assert "Tên đơn vị" in result.stderr, result.stderr  # not the name: named, not dropped
    listed = {s["code"]: s["name"] for s in json.loads(thidua.ok("subject", "list", "-O", "json").stdout)["subjects"]}
    assert listed["GV01"] == "Nguyễn Thị Thu Hà"


def test_a_comma_typed_after_a_name_in_an_entries_file_is_no_mismatch(thidua):
    """`subject import` trims a comma typed after a name ("Đặng Thị Hồng,"); `import-entries` refused the whole file
    for it: "Đặng Thị Hồng," không khớp với mã GV07 (Đặng Thị Hồng) — mã hay tên bị ghi nhầm?". The name cell only
    checks the code: a stray comma or semicolon after it is no other name. A row named only by "Trần Văn Hùng;" finds
    him too; a different name is still refused."""
    thidua.ok("campaign", "load", str(DATA / "dtht.toml"))
    thidua.ok("subject", "import", str(DATA / "don-vi-can-bo.csv"))
    entries = thidua.write("thang-3.csv", """
        Ngày,Mã,Họ và tên / Tên đơn vị,Tiêu chí,Điểm,Nội dung thành tích
        15/3/2026,GV03,"Lê Thị Minh Châu,",PP,"9,5",Thao giảng cụm trường môn Ngữ văn
        16/3/2026,,Trần Văn Hùng;,PP,5,Dự giờ góp ý giáo viên trẻ
        """)
    result = thidua.ok("import-entries", str(entries))
    assert "Đã ghi 2 mục" in result.stderr, result.stderr
    import json

    rows = json.loads(thidua.ok("entries", "-O", "json").stdout)["entries"]
    assert sorted((r["subject"], r["points"]) for r in rows) == [("GV02", 5.0), ("GV03", 9.5)]
    wrong = thidua.write("sai.csv", """
        Ngày,Mã,Họ và tên / Tên đơn vị,Tiêu chí,Điểm
        17/3/2026,GV03,"Lê Thị Minh,",PP,1
        """)
    from conftest import assert_refused

    assert_refused(thidua, ["import-entries", str(wrong)], "không khớp với mã GV03")


def test_final_report_does_not_say_no_registrations_when_they_wait_for_approval(thidua):
    """Five schools and teachers registered (đăng ký thi đua) and none was approved yet: the báo cáo tổng kết's section
    "V. ĐĂNG KÝ THI ĐUA VÀ KẾT QUẢ ĐẠT ĐƯỢC" read "Chưa có." — as if nobody had registered. It now says how many
    registrations wait for approval (not counted in the table), on the screen and in every format, and the table's
    note says so beside the approved ones."""
    _school(thidua)
    thidua.ok("register", "add", "--subject", "CVA", "--award", "BK-UBND", "--date", "20/01/2026",
              "--targets", "15 giải học sinh giỏi cấp tỉnh")
    thidua.ok("register", "add", "--subject", "GV01", "--award", "GK-GD", "--date", "15/01/2026")
    screen = thidua.ok("report", "--final").stdout
    section = screen[screen.index("ĐĂNG KÝ THI ĐUA VÀ KẾT QUẢ"):screen.index("BÀI HỌC KINH NGHIỆM")]
    assert "Chưa có." not in section, section
    assert "02 đăng ký thi đua chưa được duyệt" in section, section
    for fmt in ("md", "html"):
        text = thidua.ok("report", "--final", "-O", fmt).stdout
        assert "02 đăng ký thi đua chưa được duyệt" in text, fmt
    import json

    assert json.loads(thidua.ok("report", "--final", "-O", "json").stdout)["registrations_unapproved"] == 2
    thidua.ok("report", "--final", "-o", str(thidua.folder / "tong-ket.docx"))
    from docx import Document

    words = "\n".join(p.text for p in Document(str(thidua.folder / "tong-ket.docx")).paragraphs)
    assert "02 đăng ký thi đua chưa được duyệt" in words
    # one approved, one waiting: the table counts the approved one, its note names the other
    thidua.ok("register", "approve", "1")
    screen = thidua.ok("report", "--final", "-O", "md").stdout
    section = screen[screen.index("ĐĂNG KÝ THI ĐUA VÀ KẾT QUẢ"):screen.index("BÀI HỌC KINH NGHIỆM")]
    assert "| Bằng khen của Chủ tịch UBND tỉnh | 1 |" in section, section
    assert "01 đăng ký thi đua chưa được duyệt" in section, section


def test_an_entry_dated_after_today_is_said(thidua, monkeypatch):
    """An entry typed 20/12/2026 on 07/12/2026 (for 02/12?) was recorded without a word; the default standings (to
    today) then left it out, silently too. A day after today is now said, in add-entry and import-entries — as the
    ratings of a year not yet come are refused and a decision dated after today needs --allow-future."""
    monkeypatch.setenv("THIDUA_TODAY", "2026-11-20")
    _school(thidua)
    result = thidua.ok("add-entry", "--subject", "GV03", "--criterion", "PP", "--points", "2", "--date", "25/11/2026",
                       "--note", "Thao giảng")
    assert "ngày 25/11/2026 sau hôm nay (20/11/2026)" in result.stderr, result.stderr
    entries = thidua.write("thang-11.csv", """
        Ngày,Mã,Tiêu chí,Điểm,Nội dung thành tích
        18/11/2026,GV02,PP,3,Dự giờ
        27/11/2026,GV02,HSG,4,Học sinh giỏi
        """)
    result = thidua.ok("import-entries", str(entries))
    assert "dòng 3: ngày 27/11/2026 sau hôm nay (20/11/2026)" in result.stderr, result.stderr
    assert "dòng 2:" not in result.stderr, result.stderr
    assert "Đã ghi 2 mục" in result.stderr


def test_minutes_do_not_end_the_meeting_before_its_second_vote_of_the_same_day(thidua, monkeypatch):
    """The council voted at 14:00–16:30, a Bằng khen fell through to the Giấy khen and was voted again the same
    afternoon, 16:35–16:50. The biên bản told that second vote ("Cuộc họp bắt đầu lúc 16 giờ 35, kết thúc lúc 16 giờ
    50"), then closed with "Cuộc họp ngày 07 tháng 12 năm 2026 kết thúc lúc 16 giờ 30 phút" — before it. The meeting
    of that day ends when its last vote ended."""
    monkeypatch.setenv("THIDUA_TODAY", "2026-12-07")
    _school(thidua)
    folder = thidua.folder / "ho-so"
    thidua.ok("propose-awards", "--out", str(folder), "--date", "01/12/2026")
    votes = thidua.write("phieu.csv", """
        subject,award,votes
        CVA,BK-UBND,3
        GV01,BK-UBND,1
        GV03,GK-GD,3
        """)
    thidua.ok("record-votes", "1", "--file", str(votes), "--date", "07/12/2026", "--start", "14:00", "--end", "16:30",
              "--place", "Phòng họp số 1")
    again = thidua.write("phieu-2.csv", "subject,award,votes\nGV01,GK-GD,3\n")
    thidua.ok("record-votes", "1", "--file", str(again), "--date", "07/12/2026", "--start", "16:35", "--end", "16:50",
              "--place", "Phòng họp số 1")
    minutes = next(folder.rglob("bien-ban.md")).read_text(encoding="utf-8")
    assert "kết thúc lúc 16 giờ 50" in minutes, minutes
    closing = next(line for line in minutes.splitlines() if line.startswith("Cuộc họp") and "Biên bản đã được thông qua" in line)
    assert "16 giờ 50 phút" in closing and "16 giờ 30" not in closing, closing


def test_a_long_list_of_bad_vote_rows_is_cut_as_an_import_is(thidua):
    """Every vote of a 39-row sheet typed as 5 while one of the 5 members was away: record-votes printed all 36 error
    lines on the screen. As every import does (README: "Danh sách dài … chỉ hiện 20 dòng đầu"), the screen shows the
    first 20 and names the file beside the sheet that holds them all."""
    thidua.ok("campaign", "load", str(DATA / "dtht.toml"))
    people = ["Mã,Họ và tên,Loại,Đơn vị,Chức vụ,Giới tính", "CVA,Trường THPT Chu Văn An,tập thể,,,"]
    people += [f"GV{n:02d},Giáo viên Số {n},cá nhân,CVA,Giáo viên,nam" for n in range(1, 31)]
    thidua.ok("subject", "import", str(thidua.write("can-bo.csv", "\n".join(people) + "\n")))
    rows = ["Ngày,Mã,Tiêu chí,Điểm,Nội dung thành tích"] + [f"15/3/2026,GV{n:02d},PP,{30 + n % 5},Thao giảng" for n in range(1, 31)]
    thidua.ok("import-entries", str(thidua.write("thanh-tich.csv", "\n".join(rows) + "\n")))
    thidua.ok("propose-awards", "--out", str(thidua.folder / "ho-so"), "--date", "01/12/2026")
    votes = ["subject,award,votes"] + [f"GV{n:02d},GK-GD,3" for n in range(1, 31)]
    sheet = thidua.write("phieu.csv", "\n".join(votes) + "\n")
    from conftest import assert_refused

    result = assert_refused(thidua, ["record-votes", "1", "--file", str(sheet), "--absent", "Đỗ Thị Mai"],
                             "lớn hơn số thành viên có mặt")
    shown = [line for line in result.stderr.splitlines() if line.startswith("  ")]
    assert len(shown) <= 21, result.stderr
    assert "… và " in result.stderr and "phieu.csv.kiem-tra.txt" in result.stderr, result.stderr


def test_the_last_month_of_a_campaign_does_not_plan_the_month_after_it(thidua, monkeypatch):
    """The report of November 2026, the campaign's last month (it ends 30/11/2026), planned "thực hiện các việc làm
    cụ thể trong tháng 12/2026" — a month outside the plan. Its next steps now are the closing of the campaign: the
    tổng kết and the bình xét, naming the day it ended; a month inside the campaign keeps "tháng tới" as before."""
    monkeypatch.setenv("THIDUA_TODAY", "2026-12-07")
    _school(thidua)
    last = thidua.ok("report", "--month", "2026-11", "-O", "md").stdout
    steps = last[last.index("PHƯƠNG HƯỚNG"):]
    assert "tháng 12/2026" not in steps, steps
    assert "tổng kết phong trào" in steps and "30/11/2026" in steps, steps
    assert "tích cực hưởng ứng phong trào" not in steps, steps
    earlier = thidua.ok("report", "--month", "2026-10", "-O", "md").stdout
    assert "thực hiện các việc làm cụ thể trong tháng 11/2026" in earlier[earlier.index("PHƯƠNG HƯỚNG"):]


def test_an_award_name_two_campaigns_share_is_refused_naming_their_campaigns(thidua):
    """The Sở keeps its themed campaign and its year-end review in one ledger, both with a "Giấy khen của Giám đốc Sở"
    (GK-GD, GK). A history row naming it was refused "trùng tên với GK-GD — Giấy khen của Giám đốc Sở; GK — Giấy khen
    của Giám đốc Sở — hãy ghi mã": two identical names, nothing to choose by. The refusal names each code's campaign."""
    thidua.ok("campaign", "load", str(DATA / "dtht.toml"))
    yearly = (DATA / "dtht.toml").read_text(encoding="utf-8").replace('code = "dtht-2026"', 'code = "tx-2026"').replace(
        'name = "Thi đua Dạy tốt - Học tốt năm 2026"', 'name = "Phong trào thi đua thường xuyên năm 2026"').replace(
        'code = "GK-GD"', 'code = "GK"').replace('kind = "chuyen-de"', 'kind = "thuong-xuyen"')
    thidua.ok("campaign", "load", str(thidua.write("tx.toml", yearly)))
    thidua.ok("subject", "import", str(DATA / "don-vi-can-bo.csv"))
    history = thidua.write("khen-thuong.csv", """
        Mã,Họ và tên,Năm 2024,Năm 2025
        GV01,Nguyễn Thị Thu Hà,,Giấy khen của Giám đốc Sở
        """)
    from conftest import assert_refused

    result = assert_refused(thidua, ["awards", "import", str(history)], "hãy ghi mã")
    assert "GK-GD — Giấy khen của Giám đốc Sở (phong trào dtht-2026)" in result.stderr, result.stderr
    assert "GK — Giấy khen của Giám đốc Sở (phong trào tx-2026)" in result.stderr, result.stderr


def test_check_code_without_its_ledger_part_is_told_what_is_missing(thidua):
    """The office copied the code printed at the foot of the tờ trình, "F990-5C1E-4838", and was told it was "không
    phải mã kiểm tra của thidua" — it is one, without the "(sổ …, đợt …)" beside it. The refusal now says what part
    is missing; text that is no code at all is refused as before."""
    from conftest import assert_refused

    thidua.mini()
    result = assert_refused(thidua, ["check", "--code", "F990-5C1E-4838"], "thiếu phần “(sổ …", code=2)
    assert "không phải mã kiểm tra" not in result.stderr, result.stderr
    assert_refused(thidua, ["check", "--code", "abc"], "không phải mã kiểm tra", code=2)


def test_a_campaign_without_tiers_does_not_call_everyone_unrated(thidua, monkeypatch):
    """The year-end campaign sets no [[tiers]] (its awards have their own conditions): the monthly report and the
    báo cáo tổng kết printed "Chưa đạt mức xếp loại" beside every school and teacher, first ones included — as if all
    had failed. Without tiers the standings have no "Xếp loại" column; a campaign with tiers keeps it."""
    import re

    monkeypatch.setenv("THIDUA_TODAY", "2026-12-07")
    text = (DATA / "dtht.toml").read_text(encoding="utf-8")
    thidua.ok("campaign", "load", str(thidua.write("khong-xep-loai.toml", re.sub(r"\[\[tiers\]\][^\[]*", "", text))))
    thidua.ok("subject", "import", str(DATA / "don-vi-can-bo.csv"))
    thidua.ok("import-entries", str(DATA / "thanh-tich.csv"))
    for args in (("--month", "2026-10"), ("--final",)):
        for fmt in ("table", "md", "html"):
            out = thidua.ok("report", *args, "-O", fmt).stdout
            standings = out[out.index("III."):out.index("IV.")]
            assert "Chưa đạt mức xếp loại" not in standings and "Xếp loại" not in standings, (args, fmt, standings)
        thidua.ok("report", *args, "-o", str(thidua.folder / "bc.docx"))
        from docx import Document

        document = Document(str(thidua.folder / "bc.docx"))
        cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
        assert "Chưa đạt mức xếp loại" not in cells and "Xếp loại" not in cells, args
    # with tiers: the column stays, and who is below them is said
    thidua.ok("campaign", "load", str(DATA / "dtht.toml"))
    out = thidua.ok("report", "--month", "2026-10", "-O", "md").stdout
    standings = out[out.index("III."):out.index("IV.")]
    assert "Xếp loại" in standings and "Chưa đạt mức xếp loại" in standings and "Xuất sắc" in standings


def test_explain_does_not_call_anyone_unrated_in_a_campaign_without_tiers(thidua):
    """`score --explain GV01` in the year-end campaign (no [[tiers]]) ended "Hạng 1 trong cá nhân; chưa đạt mức xếp loại
    nào" — as if the first teacher had failed a rating the campaign does not have."""
    import re

    text = (DATA / "dtht.toml").read_text(encoding="utf-8")
    thidua.ok("campaign", "load", str(thidua.write("khong-xep-loai.toml", re.sub(r"\[\[tiers\]\][^\[]*", "", text))))
    thidua.ok("subject", "import", str(DATA / "don-vi-can-bo.csv"))
    thidua.ok("import-entries", str(DATA / "thanh-tich.csv"))
    out = thidua.ok("score", "--explain", "GV01").stdout
    assert "Hạng 1 trong cá nhân" in out and "xếp loại" not in out.split("Hạng 1 trong cá nhân")[1].splitlines()[0], out
    thidua.ok("campaign", "load", str(DATA / "dtht.toml"))
    out = thidua.ok("score", "--explain", "GV03").stdout
    assert "chưa đạt mức xếp loại nào" in out, out


def test_a_tie_the_council_decides_is_checked_for_a_shared_initiative(thidua, monkeypatch):
    """Two teachers tied at the last Chiến sĩ thi đua cơ sở; the council chose the one whose sáng kiến "Học từ vựng qua
    dự án" was already the ground of another teacher's CSTĐCS in the same round. propose-awards warns of a sáng kiến
    credited to two proposed people (one sáng kiến grounds one award), but it could not know the tie's winner, and
    record-votes said nothing. It now warns as propose-awards does."""
    monkeypatch.setenv("THIDUA_TODAY", "2026-12-07")
    thidua.ok("campaign", "load", str(thidua.write("cuoi-nam.toml", """
        [campaign]
        code = "tx-2026"
        name = "Phong trào thi đua thường xuyên năm 2026"
        kind = "thuong-xuyen"
        plan = "03/KH-SGDĐT"
        issued = 2026-01-10
        start = 2026-01-01
        end = 2026-12-31
        agency = "Sở Giáo dục và Đào tạo"
        parent_agency = "UBND tỉnh Gia Lai"
        place = "Gia Lai"
        base_salary = 2340000

        [[criteria]]
        code = "NV"
        name = "Kết quả thực hiện nhiệm vụ năm học"
        applies_to = "individual"

        [[criteria]]
        code = "SK"
        name = "Sáng kiến được công nhận"
        applies_to = "individual"
        initiative = true

        [[awards]]
        code = "CSTDCS"
        name = "Chiến sĩ thi đua cơ sở"
        category = "danh-hieu"
        level = 1
        applies_to = "individual"
        min_score = 80
        max_count = 2
        multiplier = 1.0
        authority = "Giám đốc Sở Giáo dục và Đào tạo"
        requires = [{ initiative = true }]
        """)))
    thidua.ok("subject", "import", str(DATA / "don-vi-can-bo.csv"))
    thidua.ok("import-entries", str(thidua.write("cuoi-nam.csv", """
        Ngày,Mã,Tiêu chí,Điểm,Nội dung thành tích
        01/12/2026,GV02,NV,92,Kết quả đánh giá cuối năm
        01/12/2026,GV01,NV,85,Kết quả đánh giá cuối năm
        01/12/2026,GV03,NV,85,Kết quả đánh giá cuối năm
        15/09/2026,GV02,SK,8,Sáng kiến “Học từ vựng qua dự án”
        20/09/2026,GV01,SK,5,Sáng kiến “Học từ vựng qua dự án”
        20/09/2026,GV03,SK,5,Sáng kiến “Thí nghiệm ảo”
        """)))
    proposed = thidua.ok("propose-awards", "--out", str(thidua.folder / "ho-so"))
    assert "Học từ vựng qua dự án" not in proposed.stderr  # GV01 is not proposed yet: a tie with GV03
    votes = thidua.write("phieu.csv", "subject,award,votes\nGV02,CSTDCS,3\nGV01,CSTDCS,3\nGV03,CSTDCS,1\n")
    result = thidua.ok("record-votes", "1", "--file", str(votes), "--members", "3")
    assert "sáng kiến “Học từ vựng qua dự án” được tính cho 2 đối tượng" in result.stderr, result.stderr


def test_the_registration_list_keeps_its_last_row_with_the_total_and_signature(thidua):
    """`register list -o dang-ky.docx` of five registrations filled the first landscape page with the table and put
    "GIÁM ĐỐC" alone on page 2 (README: no page holds only the signature). As the danh sách đề nghị does, the last row
    and the "Tổng cộng" row are a small table of their own that Word and LibreOffice keep with the signature."""
    _school(thidua)
    thidua.ok("register", "add", "--subject", "CVA", "--award", "BK-UBND", "--date", "20/01/2026")
    thidua.ok("register", "add", "--subject", "GV01", "--award", "GK-GD", "--date", "15/01/2026")
    thidua.ok("register", "add", "--subject", "GV03", "--award", "GK-GD", "--date", "16/01/2026")
    thidua.ok("register", "list", "-o", str(thidua.folder / "dang-ky.docx"))
    from docx import Document

    # (trial18: the last row, the total and the signature are now the last rows of the listing's own table, so that
    # the page they go to shows the column titles; the rows kept with what follows are the last one and the total)
    tables = Document(str(thidua.folder / "dang-ky.docx")).tables
    listing = next(table for table in tables if any("Tổng cộng" in cell.text for row in table.rows for cell in row.cells))
    rows = [(" ".join(cell.text for cell in row.cells), all(p.paragraph_format.keep_with_next for cell in row.cells
                                                            for p in cell.paragraphs)) for row in listing.rows]
    total = next(i for i, (text, _) in enumerate(rows) if "Tổng cộng" in text)
    kept = [text for text, keep in rows[1:total] if keep and text.split(" ")[0].isdigit()]  # headings are kept too
    assert len(kept) == 1 and "Nguyễn Thị Thu Hà" in kept[0], rows  # the last row (by tên), only it
    assert any("Lê Thị Minh Châu" in text and not keep for text, keep in rows[1:total]), rows
    assert "GIÁM ĐỐC" in "".join(listing.rows[-1]._tr.itertext()) and rows[total][1], rows  # the signature: the last row


def test_a_one_word_rating_is_read_and_said_and_the_standards_scale_is_named(thidua):
    """A school's sheet wrote "Tốt" and "Khá": "Tốt" was read as Hoàn thành tốt nhiệm vụ without a word while "Khá" was
    refused as no rating — but Tốt/Khá/Đạt is the teachers' professional-standard scale, not the yearly rating. The
    one-word reading is said, cell by cell; "Khá" is refused naming the scale it belongs to."""
    from conftest import assert_refused

    _school(thidua)
    done = thidua.ok("ratings", "import", str(thidua.write("xl.csv", "Mã,Năm,Xếp loại\nGV01,2025,Tốt\nGV03,2025,Xuất sắc\n")))
    assert ('xếp loại ghi tắt một chữ, đọc là mức xếp loại chất lượng hằng năm (nếu tệp ghi mức đánh giá theo chuẩn '
            'nghề nghiệp Tốt/Khá/Đạt thì đó không phải xếp loại này') in done.stderr
    assert 'dòng 2, cột "Xếp loại": "Tốt" → Hoàn thành tốt nhiệm vụ; dòng 3, cột "Xếp loại": "Xuất sắc" → Hoàn thành xuất sắc nhiệm vụ' in done.stderr
    assert_refused(thidua, ["ratings", "import", str(thidua.write("xl2.csv", "Mã,Năm,Xếp loại\nGV01,2024,Khá\n"))],
                   '"Khá" không phải xếp loại (mức đánh giá theo chuẩn nghề nghiệp Tốt/Khá/Đạt/Chưa đạt, không phải xếp '
                   'loại chất lượng hằng năm)')


def test_a_registrations_file_is_an_import_listed_and_recognised(thidua):
    """`register import` wrote its rows but no import batch: the file was missing from `thidua imports` and the
    same file again was not recognised (SPEC §6: each import is a batch, the same file twice is recognised)."""
    import json

    _school(thidua)
    path = thidua.write("dang-ky.csv", "Mã,Danh hiệu đăng ký,Ngày đăng ký\nGV01,GK-GD,15/01/2026\nCVA,BK-UBND,20/01/2026\n")
    first = thidua.ok("register", "import", str(path))
    batches = json.loads(thidua.ok("imports", "--format", "json").stdout)["imports"]
    mine = [b for b in batches if b["kind"] == "registrations"]
    assert [(b["file"], b["rows"], b["added"]) for b in mine] == [("dang-ky.csv", 2, 2)]
    assert f"Lần nhập số {mine[0]['id']} (xem: thidua imports)" in first.stderr
    assert "đăng ký thi đua" in thidua.ok("imports").stdout
    again = thidua.ok("register", "import", str(path))
    assert f"tệp dang-ky.csv đã được nhập ở lần nhập số {mine[0]['id']}" in again.stderr
    assert "Đã ghi 0 đăng ký (chờ duyệt); bỏ qua 2 đã có trong sổ" in again.stderr
    assert len([b for b in json.loads(thidua.ok("imports", "--format", "json").stdout)["imports"]
                if b["kind"] == "registrations"]) == 1


def test_the_agency_head_named_in_the_council_signs_under_their_name(thidua):
    """Without `signer_name`, the tờ trình to the UBND, the draft QĐ and the báo cáo thành tích left the Giám đốc's
    name blank, though [[council]] names "Trần Văn Bình, Giám đốc Sở" (the danh sách took the Chánh Văn phòng's
    name from the council all the same). The one council member whose title is the signer's is named."""
    _school(thidua)
    out = thidua.folder / "ho-so"
    thidua.ok("propose-awards", "--out", str(out), "--date", "01/12/2026")
    documents = {p.relative_to(out).as_posix(): " ".join(p.read_text(encoding="utf-8").split()) for p in out.rglob("*.md")}
    to_ubnd = next(text for name, text in documents.items() if "ubnd" in name and name.endswith("to-trinh.md"))
    assert "**GIÁM ĐỐC**<br><br><br><br>**Trần Văn Bình**" in to_ubnd, to_ubnd[-400:]
    decision = next(text for name, text in documents.items() if name.endswith("quyet-dinh.md"))
    assert "**Trần Văn Bình**" in decision
