"""trial17: a department's Office runs its first year-end review (thường xuyên) from its own messy files."""

from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import Workbook

from conftest import assert_refused

SUBJECTS = """\
Mã,Họ và tên,Loại,Đơn vị,Chức vụ,Giới tính
VP,Văn phòng Sở,tập thể,,,
TCBC,"Phòng Tổ chức, biên chế",tập thể,,,
NV01,Nguyễn Văn Hùng,cá nhân,VP,Chánh Văn phòng,nam
NV02,Nguyễn Văn Hùng,cá nhân,TCBC,Chuyên viên,nam
NV03,Trần Thị Hòa,cá nhân,VP,Chuyên viên,nữ
NV04,Trần Thị Hoà,cá nhân,TCBC,Phó Trưởng phòng,nữ
"""


def _office(thidua):
    """A campaign as `campaign init --kind thuong-xuyen` writes it, and subjects with alike names in two units."""
    toml = thidua.folder / "tx2025.toml"
    thidua.ok("campaign", "init", "--kind", "thuong-xuyen", "--year", "2025", "--name", "Thi đua thường xuyên năm 2025",
              "--code", "tx2025", "--agency", "Sở Nội vụ", "--agency-short", "SNV", "--parent-agency",
              "UBND tỉnh Vĩnh Long", "--place", "Vĩnh Long", "--plan", "05/KH-SNV", "--council-members", "7",
              "--no-input", "-o", str(toml))
    thidua.ok("campaign", "load", str(toml))
    thidua.ok("subject", "import", str(thidua.write("doi-tuong.csv", SUBJECTS)))
    return thidua


def _title_rows(ws, title: str) -> None:
    ws["A1"] = "SỞ NỘI VỤ"
    ws["A2"] = title
    ws["A3"] = "(Cập nhật ngày 20/12/2025)"


def test_tick_registrations_tell_alike_names_apart_by_their_unit_column(thidua):
    """A tick table of registrations ("Họ và tên | Đơn vị | LĐTT | CSTĐCS", "Đăng ký danh hiệu" merged above the
    ticks) naming two people of one name in two units was refused "trùng tên … hãy ghi mã (hoặc đơn vị, ở cột Đơn
    vị)" while the file had that very column, listed as not read. The unit column now tells them apart, as it
    does for entries and for a registration table with one award column."""
    _office(thidua)
    wb = Workbook()
    ws = wb.active
    _title_rows(ws, "BẢN ĐĂNG KÝ THI ĐUA NĂM 2025")
    ws.append([])
    ws.append(["STT", "Họ và tên", "Đơn vị", "Đăng ký danh hiệu", None, "Chỉ tiêu", "Ngày đăng ký"])
    ws.merge_cells("D5:E5")
    for column in "ABCFG":
        ws.merge_cells(f"{column}5:{column}6")
    ws.append([None, None, None, "LĐTT", "CSTĐCS", None, None])
    ws.append([1, "Nguyễn Văn Hùng", "Văn phòng Sở", "x", "x", "01 sáng kiến", date(2025, 1, 15)])
    ws.append([2, "Nguyễn Văn Hùng", "Phòng Tổ chức, biên chế", "x", None, "Hoàn thành tốt", "15/01/2025"])
    ws.append([3, "Trần Thị Hoà", "Phòng Tổ chức, biên chế", "✓", None, "Hoàn thành tốt", "15/01/2025"])
    path = thidua.folder / "dang-ky.xlsx"
    wb.save(path)
    result = thidua.ok("register", "import", str(path))
    assert "Đơn vị" not in result.stderr, result.stderr
    listed = list(csv.DictReader(io.StringIO(thidua.ok("register", "list", "-O", "csv").stdout)))
    assert sorted((r["subject"], r["award"]) for r in listed) == [
        ("NV01", "CSTDCS"), ("NV01", "LDTT"), ("NV02", "LDTT"), ("NV04", "LDTT")], listed


def test_a_title_decided_in_january_without_its_year_is_named(thidua):
    """The Office's award history had no "Năm" column: CSTĐCS decided 15/01/2025 went in as the 2025 title without a
    word, and the year-end review of 2025 then refused that person LĐTT ("đã được công nhận Chiến sĩ thi đua cơ sở
    năm 2025 …") while 2024 lacked the CSTĐCS the chains ask for. The year stays the decision's (SPEC), but each
    danh hiệu of a first-quarter decision with no year written is now named in a warning, on --dry-run too, and by
    `awards add` without --year; a row with its year, a hình thức, and a December decision are not named."""
    _office(thidua)
    path = thidua.write("khen-thuong.csv", """\
        Họ và tên,Đơn vị,Danh hiệu thi đua,Hình thức khen thưởng,Số QĐ,Ngày QĐ,Năm
        Trần Thị Hòa,Văn phòng Sở,Chiến sĩ thi đua cơ sở,,22/QĐ-SNV,15/01/2025,
        Trần Thị Hòa,Văn phòng Sở,Lao động tiên tiến,,08/QĐ-SNV,10/01/2024,2023
        Trần Thị Hoà,"Phòng Tổ chức, biên chế",Lao động tiên tiến,,210/QĐ-SNV,28/12/2024,
        Nguyễn Văn Hùng,"Phòng Tổ chức, biên chế",,Giấy khen của Giám đốc Sở Nội vụ,23/QĐ-SNV,15/01/2025,
        """)
    for args in (["--dry-run"], []):
        result = thidua.ok("awards", "import", str(path), *args)
        warned = [line for line in result.stderr.splitlines() if "quý I" in line]
        assert len(warned) == 1, result.stderr
        assert 'dòng 2: "Chiến sĩ thi đua cơ sở" ngày 15/01/2025 → năm 2025' in warned[0], warned
        assert "dòng 3" not in warned[0] and "dòng 4" not in warned[0] and "dòng 5" not in warned[0], warned
        assert 'cột "Năm"' in warned[0]
    added = thidua.ok("awards", "add", "--subject", "NV01", "--award", "LĐTT", "--number", "24/QĐ-SNV",
                      "--date", "20/02/2025")
    assert "quý I" in added.stderr and "--year" in added.stderr, added.stderr
    assert "loại đoán theo tên" not in added.stderr, added.stderr  # a warning of its own, not one of a guessed category
    said = thidua.ok("awards", "add", "--subject", "NV02", "--award", "LĐTT", "--number", "24/QĐ-SNV",
                     "--date", "20/02/2025", "--year", "2024")
    assert "Cảnh báo" not in said.stderr, said.stderr


def test_a_decision_number_copied_with_its_word_so_is_the_number(thidua):
    """The Office's files copy a decision's number from its header: "Số 11/QĐ-SNV", "Số: 45/QĐ-SNV". The award history
    kept "Số 11/QĐ-SNV" (documents then read "Quyết định số Số 11/QĐ-SNV", and it was another decision than
    11/QĐ-SNV); `discipline add` printed "Quyết định số Số 45/QĐ-SNV". The word is now no part of the number."""
    _office(thidua)
    path = thidua.write("khen-thuong.csv", """\
        Mã,Danh hiệu thi đua,Số QĐ,Ngày QĐ,Năm
        NV01,Lao động tiên tiến,Số 11/QĐ-SNV,10/01/2024,2023
        NV02,Lao động tiên tiến,QĐ số 12/QĐ-SNV,10/01/2024,2023
        """)
    thidua.ok("awards", "import", str(path))
    numbers = {row["subject"]: row["number"] for row in csv.DictReader(io.StringIO(thidua.ok("awards", "-O", "csv").stdout))}
    assert numbers == {"NV01": "11/QĐ-SNV", "NV02": "12/QĐ-SNV"}, numbers
    added = thidua.ok("discipline", "add", "NV03", "--form", "khiển trách", "--number", "Số: 45/QĐ-SNV", "--date", "12/08/2025")
    assert "Quyết định số 45/QĐ-SNV ngày 12/08/2025" in added.stderr + added.stdout, added.stderr
    # the same decision again for a second person is one decision of several people, not a mistyped number
    thidua.ok("discipline", "add", "NV04", "--form", "khiển trách", "--number", "45/QĐ-SNV", "--date", "12/08/2025")


def test_a_collective_s_own_rating_of_the_year_decides_its_title(thidua):
    """Luật Thi đua, khen thưởng 2022 Điều 28 a (Tập thể lao động tiên tiến: hoàn thành tốt nhiệm vụ) and Điều 27 a
    (Tập thể lao động xuất sắc: hoàn thành xuất sắc nhiệm vụ). The campaign `campaign init --kind thuong-xuyen` writes
    asked a person's own rating for LĐTT but never a collective's for its titles: a phòng rated "Hoàn thành nhiệm vụ"
    for the year was proposed Tập thể lao động tiên tiến. The template now asks the collective's own rating of the
    year; one rated "Hoàn thành tốt nhiệm vụ" gets TTLĐTT, not TTLĐXS, and the reason names the rating."""
    _office(thidua)
    lines = ["Ngày,Mã,Tiêu chí,Điểm,Nội dung thành tích"]
    for code in ("VP", "TCBC", "NV01", "NV02", "NV03", "NV04"):
        lines += [f"30/06/2025,{code},TC1,50,Nhiệm vụ chuyên môn", f"15/11/2025,{code},TC2,40,Nội dung trọng tâm"]
    lines.append('20/10/2025,NV01,SK,5,Sáng kiến "Số hoá hồ sơ"')
    thidua.ok("import-entries", str(thidua.write("diem.csv", "\n".join(lines) + "\n")))
    thidua.ok("ratings", "import", str(thidua.write("xep-loai.csv", """\
        Mã,Năm,Xếp loại
        NV01,2025,HTXSNV
        NV02,2025,HTTNV
        NV03,2025,HTTNV
        NV04,2025,HTTNV
        VP,2025,Hoàn thành tốt nhiệm vụ
        TCBC,2025,Hoàn thành nhiệm vụ
        """)))
    import json

    round_ = json.loads(thidua.ok("propose-awards", "--format", "json").stdout)
    titles = sorted((p["subject"], p["award"]) for p in round_["proposals"] if p["kind"] == "collective"
                    and p["award"].startswith("TTLD"))
    assert titles == [("VP", "TTLDTT")], round_["proposals"]
    reasons = {(e["subject"], e["award"]): e["reason"] for e in round_["excluded"]}
    assert reasons[("TCBC", "TTLDTT")] == "xếp loại năm 2025 là Hoàn thành nhiệm vụ", reasons
    assert reasons[("VP", "TTLDXS")].startswith("xếp loại năm 2025 là Hoàn thành tốt nhiệm vụ"), reasons


def _discipline_book(path, rows) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Kỷ luật 2025"
    _title_rows(ws, "DANH SÁCH CÁN BỘ, CÔNG CHỨC BỊ KỶ LUẬT NĂM 2025")
    ws.append([])
    ws.append(["STT", "Họ và tên", "Đơn vị công tác", "Hình thức kỷ luật", "Số QĐ", "Ngày QĐ", "Nội dung vi phạm"])
    for number, row in enumerate(rows, 1):
        ws.append([number, *row])
    ws.append([None, f"Cộng: {len(rows)} người"])
    wb.save(path)


def test_the_office_s_own_list_of_disciplinary_decisions_is_imported(thidua):
    """The Office keeps its disciplinary decisions in a workbook of its own; thidua had only `discipline add`, one
    typed command per decision, so the list the year-end review's collective titles depend on (Luật 2022 Điều 27,
    28: no member disciplined cảnh cáo or heavier) was typed again by hand. `discipline import` reads it as the
    other imports do: title rows, alike names told apart by their unit, Excel and text dates, "Số" before the
    number; all rows checked first, a bad row names its row and column and nothing is written; a file imported
    again is recognised; a measure the ledger holds is skipped."""
    _office(thidua)
    path = thidua.folder / "ky-luat.xlsx"
    _discipline_book(path, [
        ["Trần Thị Hoà", "Phòng Tổ chức, biên chế", "Cảnh cáo", "45/QĐ-SNV", date(2025, 8, 12), "vi phạm quy chế"],
        ["Nguyễn Văn Hùng", "Văn phòng Sở", "KHIỂN TRÁCH ", "Số 46/QĐ-SNV", "12/08/2025", "chậm trễ"],
    ])
    checked = thidua.ok("discipline", "import", str(path), "--dry-run")
    assert "sẽ ghi 2 kỷ luật" in checked.stderr, checked.stderr
    assert "STT (cột A)" in checked.stderr and "Cộng: 2 người" in checked.stderr, checked.stderr
    assert "Chưa ghi kỷ luật nào" in thidua.ok("discipline").stdout + thidua.ok("discipline").stderr
    thidua.ok("discipline", "import", str(path))
    import json

    rows = sorted((r["subject"], r["form"], r["number"], r["date"], r["year"], r["reason"])
                  for r in json.loads(thidua.ok("discipline", "-O", "json").stdout)["disciplines"])
    assert rows == [("NV01", "Khiển trách", "46/QĐ-SNV", "2025-08-12", 2025, "chậm trễ"),
                    ("NV04", "Cảnh cáo", "45/QĐ-SNV", "2025-08-12", 2025, "vi phạm quy chế")], rows
    again = thidua.ok("discipline", "import", str(path))
    assert "đã được nhập" in again.stderr, again.stderr
    assert "kỷ luật" in thidua.ok("imports").stdout

    bad = thidua.folder / "ky-luat-sai.xlsx"
    _discipline_book(bad, [
        ["Trần Thị Hoà", "Phòng Tổ chức, biên chế", "Cảnh cáo", "45/QĐ-SNV", date(2025, 8, 12), "vi phạm quy chế"],
        ["Trần Thị Hòa", "Văn phòng Sở", "nhắc nhở", "47/QĐ-SNV", "13/08/2025", ""],
        ["Nguyễn Văn Hùng", "Phòng Tổ chức, biên chế", "Khiển trách", "45/QĐ-SNV", "20/08/2025", ""],
        ["Nguyễn Văn Hùng", "Phòng Tổ chức, biên chế", "Khiển trách", "48/QĐ-SNV", "32/08/2025", ""],
    ])
    refused = assert_refused(thidua, ["discipline", "import", str(bad)], "chưa ghi gì vào sổ")
    assert 'dòng 7, cột D: "nhắc nhở" không phải hình thức kỷ luật' in refused.stderr, refused.stderr
    assert 'dòng 8, cột E: "45/QĐ-SNV" quyết định kỷ luật số 45/QĐ-SNV năm 2025 đã ghi ngày 12/08/2025' in refused.stderr
    assert 'dòng 9, cột F: "32/08/2025"' in refused.stderr, refused.stderr
    assert "dòng 6" not in refused.stderr  # the measure the ledger holds: skipped, no error


def test_the_council_s_own_vote_sheet_names_alike_people_by_their_unit(thidua):
    """The council's secretary keeps the tally in the Office's own sheet: "Họ và tên | Đơn vị công tác | Danh hiệu |
    Số phiếu đồng ý", the award by its name. Two Nguyễn Văn Hùng (Văn phòng, Phòng Tổ chức) were refused "trùng với 2
    đối tượng" though the sheet names their units, and "Lao động tiên tiến" under "Danh hiệu" was refused as not
    proposed (only the code LDTT was read there). The unit tells them apart as in every import, and the award's
    name (or short form) is read as the award. (Phòng Tổ chức then loses TTLĐTT: 1/2 members LĐTT after the vote.)"""
    _office(thidua)
    lines = ["Ngày,Mã,Tiêu chí,Điểm"]
    for code in ("VP", "TCBC", "NV01", "NV02", "NV03", "NV04"):
        lines += [f"30/06/2025,{code},TC1,45", f"15/11/2025,{code},TC2,35"]
    thidua.ok("import-entries", str(thidua.write("diem.csv", "\n".join(lines) + "\n")))
    thidua.ok("ratings", "import", str(thidua.write("xep-loai.csv", "Mã,Năm,Xếp loại\n" + "".join(
        f"{code},2025,HTTNV\n" for code in ("VP", "TCBC", "NV01", "NV02", "NV03", "NV04")))))
    import json

    round_ = json.loads(thidua.ok("propose-awards", "--format", "json").stdout)
    assert sorted((p["subject"], p["award"]) for p in round_["proposals"]) == [
        ("NV01", "LDTT"), ("NV02", "LDTT"), ("NV03", "LDTT"), ("NV04", "LDTT"), ("TCBC", "TTLDTT"), ("VP", "TTLDTT")]
    sheet = thidua.write("phieu.csv", """\
        STT,Họ và tên,Đơn vị công tác,Danh hiệu,Số phiếu đồng ý
        1,Văn phòng Sở,,Tập thể lao động tiên tiến,7
        2,"Phòng Tổ chức, biên chế",,TTLĐTT,7
        3,Nguyễn Văn Hùng,Văn phòng Sở,Lao động tiên tiến,7
        4,Nguyễn Văn Hùng,"Phòng Tổ chức, biên chế",LĐTT,3
        5,Trần Thị Hòa,Văn phòng,Lao động tiên tiến,7
        6,Trần Thị Hoà,TCBC,Lao động tiên tiến,7
        """)
    thidua.ok("record-votes", "1", "--file", str(sheet), "--members", "7")
    shown = json.loads(thidua.ok("rounds", "show", "1", "-O", "json").stdout)
    votes = {(p["subject"], p["award"]): (p["votes"], p["passed"]) for p in shown["proposals"]}
    assert votes == {("VP", "TTLDTT"): (7, True), ("TCBC", "TTLDTT"): (7, False), ("NV01", "LDTT"): (7, True),
                     ("NV02", "LDTT"): (3, False), ("NV03", "LDTT"): (7, True), ("NV04", "LDTT"): (7, True)}, votes


def test_a_share_of_women_written_as_a_fraction_is_named(thidua):
    """The Office's list of units has "Tỷ lệ nữ" as 0,7 (a share, in a cell not formatted as percent): thidua kept it
    as 0,7% without a word, and a phòng of 70% women lost the priority of a tie (NĐ 152/2025 Điều 4 k6). The value
    is kept as written, and each share of 1 or less without a % sign is named in a warning; a cell formatted as a
    percent (0,7 shown "70%") is 70, as before, and is not named."""
    _office(thidua)
    wb = Workbook()
    ws = wb.active
    ws.append(["Mã", "Tên đơn vị", "Loại", "Tỷ lệ nữ"])
    ws.append(["VP", "Văn phòng Sở", "tập thể", 0.7])
    ws.append(["TCBC", "Phòng Tổ chức, biên chế", "tập thể", 0.75])
    ws["D3"].number_format = "0%"
    ws.append(["TTR", "Thanh tra Sở", "tập thể", "0,5 %"])
    path = thidua.folder / "don-vi.xlsx"
    wb.save(path)
    result = thidua.ok("subject", "import", str(path))
    warned = [line for line in result.stderr.splitlines() if "tỷ lệ nữ" in line]
    assert len(warned) == 1 and 'dòng 2, cột D: "0.7"' in warned[0], result.stderr
    assert "dòng 3" not in warned[0] and "dòng 4" not in warned[0], warned
    shares = {row["code"]: row["female_percent"] for row in csv.DictReader(io.StringIO(thidua.ok("subject", "list", "-O", "csv").stdout))}
    assert (shares["VP"], shares["TCBC"], shares["TTR"]) == ("0.7", "75", "0.5"), shares


def test_a_year_column_holding_the_decision_s_year_is_named_and_a_later_year_refused(thidua):
    """The Office's "Năm" column often holds the year the decision was signed: CSTĐCS signed 10/01/2025 written "2025"
    was taken as the 2025 title without a word, and a Giấy khen signed 10/01/2024 written "2025" (for an achievement
    after the decision) too. The first is now named like a title without a year; the second is refused, naming the
    row and the column, and nothing is written."""
    _office(thidua)
    named = thidua.write("khen-thuong.csv", """\
        Mã,Danh hiệu thi đua,Hình thức khen thưởng,Số QĐ,Ngày QĐ,Năm
        NV01,Chiến sĩ thi đua cơ sở,,61/QĐ-SNV,10/01/2025,2025
        NV02,Chiến sĩ thi đua cơ sở,,62/QĐ-SNV,10/01/2025,2024
        """)
    result = thidua.ok("awards", "import", str(named), "--dry-run")
    warned = [line for line in result.stderr.splitlines() if "quý I" in line]
    assert len(warned) == 1 and 'dòng 2: "Chiến sĩ thi đua cơ sở" ngày 10/01/2025 → năm 2025' in warned[0], result.stderr
    assert "dòng 3" not in warned[0]
    later = thidua.write("khen-thuong-sai.csv", """\
        Mã,Danh hiệu thi đua,Hình thức khen thưởng,Số QĐ,Ngày QĐ,Năm
        NV01,Lao động tiên tiến,,60/QĐ-SNV,28/12/2024,2024
        NV02,,Giấy khen của Giám đốc Sở Nội vụ,62/QĐ-SNV,10/01/2024,2025
        """)
    assert_refused(thidua, ["awards", "import", str(later)],
                   'dòng 3, cột "Năm": "2025" sau năm của quyết định (ngày 10/01/2024)')
    assert_refused(thidua, ["awards", "add", "--subject", "NV03", "--award", "LDTT", "--number", "63/QĐ-SNV",
                            "--date", "10/01/2025", "--year", "2026"], "--year")


def test_the_office_s_list_of_initiatives_is_imported_as_entries_of_one_criterion(thidua):
    """The Office's list of recognised initiatives ("Họ và tên | Đơn vị công tác | Tên sáng kiến | Số QĐ công nhận |
    Ngày công nhận") has no criterion and no points: import-entries refused it as lacking "ngày, tiêu chí", and
    Chiến sĩ thi đua cơ sở (Luật 2022 Điều 23) needs these initiatives as entries of the campaign's initiative
    criterion. `--criterion SK --points 5` now give the rows that lack them (a row that writes its own keeps it, and a
    warning names the rows given), and its headers are read as date, note and evidence."""
    _office(thidua)
    wb = Workbook()
    ws = wb.active
    _title_rows(ws, "DANH SÁCH SÁNG KIẾN ĐƯỢC CÔNG NHẬN NĂM 2025")
    ws.append([])
    ws.append(["STT", "Họ và tên", "Đơn vị công tác", "Tên sáng kiến", "Số QĐ công nhận", "Ngày công nhận", "Điểm"])
    ws.append([1, "Trần Thị Hoà", "Phòng Tổ chức, biên chế", 'Sáng kiến "Tuyển dụng trực tuyến"', "50/QĐ-SNV",
               date(2025, 11, 20), None])
    ws.append([2, "Nguyễn Văn Hùng", "Văn phòng Sở", 'Sáng kiến "Số hoá hồ sơ"', "50/QĐ-SNV", "20/11/2025", "7"])
    path = thidua.folder / "sang-kien.xlsx"
    wb.save(path)
    assert_refused(thidua, ["import-entries", str(path), "--criterion", "XX", "--points", "5"],
                   '--criterion: không có tiêu chí "XX" trong phong trào tx2025 (có: TC1, TC2, SK, VPH)', code=2)
    result = thidua.ok("import-entries", str(path), "--criterion", "sk", "--points", "5")
    assert "2 dòng không ghi tiêu chí, lấy tiêu chí SK theo --criterion" in result.stderr, result.stderr
    assert "lấy 5 điểm theo --points" in result.stderr and "dòng 6" in result.stderr, result.stderr
    import json

    entries = sorted((e["subject"], e["criterion"], e["points"], e["date"], e["note"], e["evidence"])
                     for e in json.loads(thidua.ok("entries", "--format", "json").stdout)["entries"])
    assert entries == [("NV01", "SK", 7.0, "2025-11-20", 'Sáng kiến "Số hoá hồ sơ"', "50/QĐ-SNV"),
                       ("NV04", "SK", 5.0, "2025-11-20", 'Sáng kiến "Tuyển dụng trực tuyến"', "50/QĐ-SNV")], entries


def test_several_awards_registered_in_one_cell(thidua):
    """The Office's registration list writes a person's awards in one cell: "LĐTT, CSTĐCS". It was refused as no
    award of the campaign. Each award of such a cell is now a registration (same targets and date); a part that is
    not for the subject's kind is named, and nothing is written."""
    _office(thidua)
    path = thidua.write("dang-ky.csv", """\
        Họ và tên,Đơn vị,Danh hiệu đăng ký,Chỉ tiêu,Ngày đăng ký
        Nguyễn Văn Hùng,Văn phòng Sở,"LĐTT, CSTĐCS",Hoàn thành xuất sắc nhiệm vụ,15/01/2025
        Trần Thị Hoà,"Phòng Tổ chức, biên chế",Lao động tiên tiến; Giấy khen,Hoàn thành tốt nhiệm vụ,15/01/2025
        Văn phòng Sở,,Tập thể lao động tiên tiến,Hoàn thành tốt nhiệm vụ,15/01/2025
        """)
    thidua.ok("register", "import", str(path))
    listed = list(csv.DictReader(io.StringIO(thidua.ok("register", "list", "-O", "csv").stdout)))
    assert sorted((r["subject"], r["award"], r["targets"]) for r in listed) == [
        ("NV01", "CSTDCS", "Hoàn thành xuất sắc nhiệm vụ"), ("NV01", "LDTT", "Hoàn thành xuất sắc nhiệm vụ"),
        ("NV04", "GK", "Hoàn thành tốt nhiệm vụ"), ("NV04", "LDTT", "Hoàn thành tốt nhiệm vụ"),
        ("VP", "TTLDTT", "Hoàn thành tốt nhiệm vụ")], listed
    wrong = thidua.write("dang-ky-sai.csv", "Mã,Danh hiệu đăng ký,Ngày đăng ký\nNV02,\"LĐTT, TTLĐTT\",15/01/2025\n")
    assert_refused(thidua, ["register", "import", str(wrong)], '"TTLĐTT": TTLDTT không dành cho cá nhân')
