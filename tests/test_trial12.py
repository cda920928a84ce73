"""The Văn phòng of a Sở Công Thương that has never used thidua (trial12): each of its 9 units sends its monthly
file its own way — CSV with ";" and decimal commas in Windows-1258, Excel "Unicode text", TCVN3 and VNI, a sheet
printed with its header on each page, points typed "5 điểm", dates as Excel serials — and the office imports them
as they come.

Run twice: `pytest tests/test_trial12.py` (SQLite) and `THIDUA_TEST_ENGINE=postgresql pytest tests/test_trial12.py`."""

from __future__ import annotations

import json
from datetime import date

from openpyxl import Workbook

from conftest import assert_refused

CAMPAIGN = """
[campaign]
code = "cds-2026"
name = "Thi đua đẩy mạnh chuyển đổi số, phát triển thương mại điện tử năm 2026"
kind = "chuyen-de"
plan = "12/KH-SCT"
issued = 2026-01-05
start = 2026-01-01
end = 2026-12-31
agency = "Sở Công Thương"
parent_agency = "UBND tỉnh Vĩnh Long"
place = "Vĩnh Long"
base_salary = 2340000

[[criteria]]
code = "TC1"
name = "Hoàn thành nhiệm vụ chuyển đổi số"
applies_to = "both"
max_points = 60

[[criteria]]
code = "TC2"
name = "Hỗ trợ doanh nghiệp lên sàn thương mại điện tử"
applies_to = "both"
max_points = 40

[[criteria]]
code = "VP"
name = "Vi phạm"
applies_to = "both"
min_points = -20

[[awards]]
code = "GK"
name = "Giấy khen của Giám đốc Sở"
level = 1
applies_to = "both"
min_score = 20
multiplier = 0.3
authority = "Giám đốc Sở Công Thương"
"""

STAFF = """code,name,kind,unit,position
QLTM,Phòng Quản lý thương mại,tập thể,,
KTAT,Phòng Kỹ thuật an toàn - Môi trường,tập thể,,
CT10,Trương Mỹ Linh,cá nhân,QLTM,Trưởng phòng
CT11,Bùi Đức Thắng,cá nhân,QLTM,Chuyên viên
CT14,Cao Minh Nhật,cá nhân,KTAT,Chuyên viên
CT15,Dương Thị Thuỷ,cá nhân,KTAT,Trưởng phòng
"""


def ansi(text: str) -> bytes:
    """As Excel on a Vietnamese Windows saves "CSV": Windows-1258, a letter the code page lacks precomposed written
    as its letter and a combining tone mark."""
    import unicodedata

    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            split = unicodedata.normalize("NFD", char)
            tone = next(mark for mark in split if mark in "\u0300\u0301\u0303\u0309\u0323")
            out += unicodedata.normalize("NFC", split.replace(tone, "")).encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


def sct(thidua):
    thidua.ok("campaign", "load", str(thidua.write("sct.toml", CAMPAIGN)))
    thidua.ok("subject", "import", str(thidua.write("can-bo.csv", STAFF)))
    return thidua


def entries(thidua) -> list[tuple]:
    rows = json.loads(thidua.ok("entries", "-O", "json").stdout)["entries"]
    return [(row["date"], row["subject"], row["criterion"], row["points"], row["note"]) for row in rows]


def test_the_header_typed_again_on_each_printed_page_is_left_out_and_named(thidua):
    # the unit's sheet heads each printed page with the header (and the column numbers under it): the second
    # header was refused as a row of data with four errors ("Ngày" is no date, "Mã" no subject …)
    sct(thidua)
    header = ["STT", "Ngày", "Mã", "Họ và tên", "Tiêu chí", "Điểm", "Nội dung thành tích", "Minh chứng"]
    book = Workbook()
    sheet = book.active
    sheet.title = "T5"
    sheet.append(["KẾT QUẢ THI ĐUA THÁNG 5/2026 — PHÒNG QUẢN LÝ THƯƠNG MẠI"])
    sheet.append(header)
    sheet.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"])
    sheet.append([1, date(2026, 5, 4), "CT10", "Trương Mỹ Linh", "TC1", 4, "Chủ trì hội nghị TMĐT", "KH 30"])
    sheet.append(header)
    sheet.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"])
    sheet.append([2, date(2026, 5, 18), "CT11", "Bùi Đức Thắng", "TC2", 2, "Đưa 5 HTX lên sàn", "BC 31"])
    path = thidua.folder / "qltm-thang5.xlsx"
    book.save(path)
    result = thidua.ok("import-entries", str(path))
    assert 'không nhập dòng tiêu đề cột lặp lại (tiêu đề in lại ở đầu mỗi trang, không phải dữ liệu): ' \
           'trang tính "T5", dòng 5' in result.stderr
    assert "Đã ghi 2 mục" in result.stderr
    assert entries(thidua) == [("2026-05-04", "CT10", "TC1", 4, "Chủ trì hội nghị TMĐT"),
                               ("2026-05-18", "CT11", "TC2", 2, "Đưa 5 HTX lên sàn")]
    # the same table saved as CSV
    text = "\n".join(";".join(row) for row in (
        ["Ngày", "Mã", "Tiêu chí", "Điểm", "Nội dung"],
        ["01/06/2026", "CT14", "TC1", "1,5", "Kiểm tra an toàn"],
        ["Ngày", "Mã", "Tiêu chí", "Điểm", "Nội dung"],
        ["1", "2", "3", "4", "5"],
        ["02/06/2026", "CT15", "TC2", "3", "Tập huấn"],
    )) + "\n"
    result = thidua.ok("import-entries", str(thidua.write("ktat.csv", text)))
    assert "không nhập dòng tiêu đề cột lặp lại (tiêu đề in lại ở đầu mỗi trang, không phải dữ liệu): dòng 3" in result.stderr
    assert entries(thidua)[2:] == [("2026-06-01", "CT14", "TC1", 1.5, "Kiểm tra an toàn"),
                                   ("2026-06-02", "CT15", "TC2", 3, "Tập huấn")]


def test_a_row_like_the_header_but_holding_data_is_still_read_or_refused(thidua):
    # only a row of nothing but the header's own words is a repeated header
    sct(thidua)
    text = "Ngày,Mã,Tiêu chí,Điểm,Nội dung\n01/06/2026,CT14,TC1,1,Kiểm tra\nNgày,Mã,TC1,2,Nội dung\n"
    assert_refused(thidua, ["import-entries", str(thidua.write("ktat.csv", text))], "dòng 3")


def test_points_typed_with_their_unit_or_as_excel_shows_a_negative_in_accounting_format_are_read(thidua):
    # "5đ", "3 điểm" (the unit typed after the number) and "(2)" (a negative number in Excel's accounting format,
    # saved so in a CSV file) were refused as "không phải số điểm": the unit's whole file sent back to be retyped
    sct(thidua)
    text = "Ngày;Mã;Tiêu chí;Điểm;Nội dung\r\n" \
           "03/02/2026;CT10;TC1;5đ;Thanh tra chuyên đề\r\n" \
           "10/02/2026;CT11;TC2;3 điểm;Hướng dẫn doanh nghiệp\r\n" \
           "17/02/2026;CT14;VP;(2);Chậm báo cáo\r\n" \
           "18/02/2026;CT15;TC1;1,5 Điểm;Tập huấn\r\n"
    (thidua.folder / "ttra.csv").write_bytes(ansi(text))
    thidua.ok("import-entries", str(thidua.folder / "ttra.csv"))
    assert [(subject, points, note) for _, subject, _, points, note in entries(thidua)] == \
        [("CT10", 5, "Thanh tra chuyên đề"), ("CT11", 3, "Hướng dẫn doanh nghiệp"), ("CT14", -2, "Chậm báo cáo"),
         ("CT15", 1.5, "Tập huấn")]
    score = json.loads(thidua.ok("score", "--format", "json").stdout)
    totals = {row["subject"]: row["total"] for row in score["standings"]}
    assert (totals["CT10"], totals["CT11"], totals["CT14"], totals["CT15"]) == (5, 3, -2, 1.5)
    thidua.ok("add-entry", "--subject", "CT10", "--criterion", "TC1", "--points", "2 điểm", "--date", "05/03/2026")
    assert entries(thidua)[-1][3] == 2
    # what still says nothing sure is refused by its cell
    bad = "Ngày,Mã,Tiêu chí,Điểm\n03/02/2026,CT10,TC1,điểm\n04/02/2026,CT10,TC1,(-2)\n"
    result = assert_refused(thidua, ["import-entries", str(thidua.write("bad.csv", bad))], 'dòng 2, cột "Điểm": "điểm"')
    assert 'dòng 3, cột "Điểm": "(-2)"' in result.stderr


def test_a_date_without_its_year_a_month_a_us_date_or_an_excel_day_number_is_refused_saying_which(thidua):
    # "15/3", "Tháng 7/2026", "3/15/2026" and "46118" were each "không phải ngày hợp lệ (viết YYYY-MM-DD hoặc
    # DD/MM/YYYY)" or "không phải ngày có thật": nothing said what was wrong — and for "3/15/2026" nothing said that
    # "3/5/2026" of the same column, read without a word as 3 May, is then 5 March
    sct(thidua)
    text = ("Ngày ghi nhận,Mã,Tiêu chí,Điểm,Nội dung\n"
            "15/7,CT14,TC1,1,Kiểm tra\n"
            "Tháng 7/2026,CT15,TC1,1,Tập huấn\n"
            "3/15/2026,CT14,TC2,1,Hỗ trợ\n"
            "46118,CT15,TC2,1,Hội nghị\n")
    result = assert_refused(thidua, ["import-entries", str(thidua.write("ktat.csv", text))],
                            'dòng 2, cột "Ngày ghi nhận": "15/7" thiếu năm — viết đủ ngày/tháng/năm, ví dụ 15/03/2026')
    assert 'dòng 3, cột "Ngày ghi nhận": "Tháng 7/2026" là một tháng, không phải một ngày' in result.stderr
    assert ('dòng 4, cột "Ngày ghi nhận": "3/15/2026" không phải ngày có thật theo ngày/tháng/năm; nếu là ngày 15 '
            'tháng 3 (kiểu Mỹ: tháng/ngày/năm) thì các ngày khác của cột có lẽ cũng ghi kiểu ấy') in result.stderr
    assert 'dòng 5, cột "Ngày ghi nhận": "46118" là một số, không phải ngày — nếu là số ngày Excel lưu cho ngày 06/04/2026' \
        in result.stderr
    assert_refused(thidua, ["add-entry", "--subject", "CT14", "--criterion", "TC1", "--points", "1", "--date", "15/3"],
                   '--date: "15/3" thiếu năm')


def test_the_header_of_a_csv_file_typed_in_vni_is_named_in_unicode(thidua):
    # a unit's sheet typed in VNI-Times, saved as CSV: a column no import reads was named as the bytes read
    # ("bỏ qua cột: Ghi chuù"), not as the office sees it on its sheet ("Ghi chú")
    from thidua_cli.domain.legacy import unicode_to_vni

    sct(thidua)
    rows = [["Ngày", "Mã", "Họ và tên", "Tiêu chí", "Điểm", "Nội dung", "Ghi chú"],
            ["07/09/2026", "CT10", "Trương Mỹ Linh", "TC1", "6", "Hội chợ trực tuyến", "Đã báo cáo"],
            ["14/09/2026", "CT11", "Bùi Đức Thắng", "TC2", "1.5", "Hỗ trợ làng nghề lên sàn", ""]]
    text = "\r\n".join(",".join(unicode_to_vni(cell) for cell in row) for row in rows) + "\r\n"
    (thidua.folder / "ttkc.csv").write_bytes(text.encode("latin-1"))
    result = thidua.ok("import-entries", str(thidua.folder / "ttkc.csv"))
    assert "bỏ qua cột: Ghi chú" in result.stderr, result.stderr
    assert entries(thidua) == [("2026-09-07", "CT10", "TC1", 6, "Hội chợ trực tuyến"),
                               ("2026-09-14", "CT11", "TC2", 1.5, "Hỗ trợ làng nghề lên sàn")]


def test_a_table_one_column_per_criterion_gives_an_entry_per_cell_filled_in(thidua):
    # "Ngày | Mã | Họ và tên | TC1 điểm | TC2 điểm | VP điểm": refused "thiếu cột tiêu chí, điểm" with a hint to
    # --column that no column could follow; each cell with points is now an entry of the criterion over it,
    # a 0 and a row without points named, not written
    sct(thidua)
    book = Workbook()
    sheet = book.active
    sheet.title = "Tháng 4"
    sheet.append(["PHÒNG KỸ THUẬT AN TOÀN - MÔI TRƯỜNG"])
    sheet.append(["Ngày", "Mã", "Họ và tên", "TC1 điểm", "TC2 điểm", "VP điểm", "Minh chứng"])
    sheet.append([date(2026, 4, 30), "CT14", "Cao Minh Nhật", 2, "1,5 điểm", "(1)", "BC 50"])
    sheet.append([date(2026, 4, 30), "CT15", "Dương Thị Thuỷ", 0, None, None, "BC 51"])
    sheet.append([date(2026, 4, 30), "KTAT", "Phòng Kỹ thuật an toàn - Môi trường", None, 4, None, "BC 52"])
    path = thidua.folder / "ktat-thang4.xlsx"
    book.save(path)
    result = thidua.ok("import-entries", str(path))
    assert ("bảng ghi điểm mỗi tiêu chí một cột: mỗi ô có điểm là một mục ghi của tiêu chí ở đầu cột "
            "(TC1 điểm → TC1, TC2 điểm → TC2, VP điểm → VP)") in result.stderr
    assert '1 ô điểm ghi 0, không ghi thành mục: trang tính "Tháng 4", dòng 4 (TC1 điểm)' in result.stderr
    assert "Đã ghi 4 mục; bỏ qua 0 mục đã có trong sổ (tổng 4 ô điểm)" in result.stderr  # not "4 dòng": the sheet has 3
    rows = json.loads(thidua.ok("entries", "-O", "json").stdout)["entries"]
    assert sorted((row["subject"], row["criterion"], row["points"], row["evidence"]) for row in rows) == [
        ("CT14", "TC1", 2, "BC 50"), ("CT14", "TC2", 1.5, "BC 50"), ("CT14", "VP", -1, "BC 50"), ("KTAT", "TC2", 4, "BC 52")]
    assert {row["date"] for row in rows} == {"2026-04-30"}
    # a bad cell is named by its column; a code no criterion has, by the column heading it
    text = "Ngày;Mã;TC1 điểm;TC9 điểm\n30/05/2026;CT14;abc;\n30/05/2026;CT15;;2\n"
    result = assert_refused(thidua, ["import-entries", str(thidua.write("ktat.csv", text))],
                            'dòng 2, cột "TC1 điểm": "abc" không phải số điểm')
    assert 'dòng 3, cột "TC9 điểm": "TC9" không có tiêu chí này' in result.stderr
    # a column left out by --column "…=-" is no criterion's: named as left out, no entry
    text = "Ngày;Mã;TC1 điểm;TC2 điểm\n30/06/2026;CT14;1;2\n"
    result = thidua.ok("import-entries", str(thidua.write("ktat-6.csv", text)), "--column", "TC2 điểm=-")
    assert "(TC1 điểm → TC1)" in result.stderr and "bỏ qua cột: TC2 điểm" in result.stderr
    assert [row[1:4] for row in entries(thidua)][-1] == ("CT14", "TC1", 1)
    # without a date column: said so, not "thiếu cột ngày, tiêu chí, điểm"
    assert_refused(thidua, ["import-entries", str(thidua.write("nodate.csv", "Mã,TC1,TC2\nCT14,1,2\n"))],
                   "ghi điểm mỗi tiêu chí một cột (TC1, TC2) nhưng thiếu cột ngày")


def test_a_table_one_column_per_month_is_refused_saying_it_has_no_day_nor_criterion(thidua):
    # "Mã | Họ và tên | T1 … T12": no day, no criterion for any of its points — refused "thiếu cột ngày, tiêu chí, điểm"
    # with a hint to name a column by --column, which no column of it could follow
    sct(thidua)
    book = Workbook()
    sheet = book.active
    sheet.title = "Điểm TC1"
    sheet.append(["STT", "Mã", "Họ và tên"] + [f"T{month}" for month in range(1, 13)])
    sheet.append([1, "CT14", "Cao Minh Nhật", 2, 3])
    path = thidua.folder / "theo-thang.xlsx"
    book.save(path)
    result = assert_refused(thidua, ["import-entries", str(path)],
                            'trang tính "Điểm TC1" ghi điểm mỗi tháng một cột (T1, T2, T3 …): mỗi mục ghi cần ngày đạt '
                            "được và tiêu chí, bảng này không có")
    assert "Gợi ý: ghi mỗi thành tích một dòng" in result.stderr


def test_a_note_typed_under_the_table_is_named_and_a_forms_numbered_empty_rows_are_left_alone(thidua):
    # "Ghi chú: …" typed in the STT column under the table was dropped without a word from a workbook (the columns
    # read all blank), while the same sheet saved as CSV was refused — with four errors for each of the form's empty
    # rows numbered in advance ("4,,,,,"); both now skip those rows, naming the note
    sct(thidua)
    text = ("STT,Ngày,Mã,Tiêu chí,Điểm,Nội dung\n"
            "1,04/06/2026,CT10,TC1,4,Chủ trì hội nghị\n"
            '"Ghi chú: điểm tháng 6 chưa gồm hội chợ",,,,,\n'
            "2,,,,,\n3,,,,,\n")
    result = thidua.ok("import-entries", str(thidua.write("qltm.csv", text)))
    assert ('không nhập dòng chỉ có chữ ở cột không được đọc (các cột cần đọc đều trống): '
            'dòng 3 ("Ghi chú: điểm tháng 6 chưa gồm hội chợ")') in result.stderr
    assert "dòng 4" not in result.stderr and "Đã ghi 1 mục" in result.stderr
    book = Workbook()
    sheet = book.active
    sheet.append(["STT", "Ngày", "Mã", "Tiêu chí", "Điểm", "Nội dung"])
    sheet.append([1, date(2026, 6, 5), "CT11", "TC2", 2, "Đưa 5 HTX lên sàn"])
    sheet.append(["Ghi chú: điểm tháng 6 chưa gồm hội chợ"])
    sheet.append([2])
    sheet.append([None, None, None, None, None, "Vĩnh Long, ngày 30 tháng 6 năm 2026"])
    sheet.append([None, date(2026, 6, 30), None, None, 1.5, "Người lập biểu"])
    path = thidua.folder / "qltm.xlsx"
    book.save(path)
    result = thidua.ok("import-entries", str(path))
    assert 'trang tính "Sheet", dòng 3 ("Ghi chú: điểm tháng 6 chưa gồm hội chợ")' in result.stderr
    assert "dòng 4" not in result.stderr
    # what is under the signature is named as the sheet shows it: 30/06/2026, not "2026-06-30 00:00:00"
    assert 'trang tính "Sheet", dòng 6 ("30/06/2026", "1,5", "Người lập biểu")' in result.stderr


def test_a_workbook_a_program_named_xls_is_read_and_a_web_page_named_xls_is_told_for_what_it_is(thidua):
    # software exports "Excel" files named .xls that are a workbook (.xlsx) inside, or a web page: both were refused
    # as "định dạng Excel cũ (.xls)" — Excel opens the first, and the second is no old Excel file
    sct(thidua)
    book = Workbook()
    book.active.append(["Ngày", "Mã", "Tiêu chí", "Điểm", "Nội dung"])
    book.active.append([date(2026, 6, 2), "CT14", "TC1", 3, "Kiểm tra tiết kiệm điện"])
    book.save(thidua.folder / "qlnl-thang6.xls")
    thidua.ok("import-entries", str(thidua.folder / "qlnl-thang6.xls"))
    assert entries(thidua) == [("2026-06-02", "CT14", "TC1", 3, "Kiểm tra tiết kiệm điện")]
    (thidua.folder / "xuat.xls").write_text("<html><body><table><tr><td>Ngày</td></tr></table></body></html>")
    assert_refused(thidua, ["import-entries", str(thidua.folder / "xuat.xls")],
                   "tệp xuat.xls mang đuôi .xls nhưng là trang web (HTML/XML) do một phần mềm xuất ra")
    (thidua.folder / "cu.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    # a real Excel 97–2003 workbook is read (test_xls_import); one damaged is refused by name
    assert_refused(thidua, ["import-entries", str(thidua.folder / "cu.xls")],
                   "không đọc được tệp cu.xls: không phải sổ làm việc Excel 97–2003 (.xls) đọc được")


def test_a_workbook_saved_on_its_summary_sheet_is_refused_naming_the_sheets_to_choose_from(thidua):
    # the unit saved its workbook on the "Tổng hợp" sheet, the entries on "Tháng 10", "Tháng 11": the refusal named the
    # columns missing on "Tổng hợp" and a --column to give them, never that the table was on another sheet
    sct(thidua)
    book = Workbook()
    book.active.title = "Tổng hợp"
    book.active.append(["Mã", "Tổng"])
    book.active.append(["CT14", 5])
    for month in (10, 11):
        sheet = book.create_sheet(f"Tháng {month}")
        sheet.append(["Ngày", "Mã", "Tiêu chí", "Điểm", "Nội dung"])
        sheet.append([date(2026, month, 3), "CT14", "TC1", 1, f"Việc tháng {month}"])
    book.save(thidua.folder / "ktat.xlsx")
    result = assert_refused(thidua, ["import-entries", str(thidua.folder / "ktat.xlsx")],
                            'trang tính "Tổng hợp" thiếu cột ngày, tiêu chí, điểm')
    assert ('Gợi ý: tệp còn trang tính "Tháng 10", "Tháng 11": nếu bảng cần nhập ở trang khác, chọn bằng '
            '--sheet "Tháng 10"') in result.stderr
    thidua.ok("import-entries", str(thidua.folder / "ktat.xlsx"), "--sheet", "Thang 11")
    assert entries(thidua) == [("2026-11-03", "CT14", "TC1", 1, "Việc tháng 11")]


def test_a_staff_register_from_hr_software_heads_its_codes_ma_nhan_vien(thidua):
    # "Mã nhân viên", "MSCB", "Mã CBCCVC" … were no code column: the register was refused "thiếu cột mã"
    sct(thidua)
    text = ("Mã nhân viên,Họ tên,Phòng ban,Chức danh,Giới tính,Ngày sinh\n"
            "CT30,Phan Thị Hạnh,QLTM,Chuyên viên,Nữ,1990-07-02T00:00:00\n")
    thidua.ok("subject", "import", str(thidua.write("nhan-su.csv", text)), "--kind", "ca-nhan")
    people = {row["code"]: row for row in json.loads(thidua.ok("subject", "list", "-O", "json").stdout)["subjects"]}
    assert (people["CT30"]["name"], people["CT30"]["unit"], people["CT30"]["position"]) == \
        ("Phan Thị Hạnh", "QLTM", "Chuyên viên")
    text = "Ngày;MSCB;Tiêu chí;Điểm\n02/03/2026;CT30;TC1;2\n"
    thidua.ok("import-entries", str(thidua.write("qltm.csv", text)))
    assert entries(thidua) == [("2026-03-02", "CT30", "TC1", 2, "")]


def test_points_kept_in_a_plus_and_a_minus_column_are_read_with_their_sign(thidua):
    # "Điểm cộng | Điểm trừ": refused "thiếu cột điểm"; and beside a "Điểm" column, "Điểm trừ" was left out while its
    # rows were refused for their empty "Điểm" cell. A deduction is minus what it says (2 or -2 there is -2 points)
    sct(thidua)
    book = Workbook()
    book.active.append(["Ngày", "Mã", "Tiêu chí", "Điểm cộng", "Điểm trừ", "Nội dung"])
    book.active.append([date(2026, 3, 2), "CT14", "TC1", 2, None, "Kiểm tra an toàn"])
    book.active.append([date(2026, 3, 3), "CT14", "VP", None, 2, "Nộp báo cáo trễ"])
    book.active.append([date(2026, 3, 4), "CT15", "VP", None, -1.5, "Vắng họp"])
    book.save(thidua.folder / "ktat.xlsx")
    thidua.ok("import-entries", str(thidua.folder / "ktat.xlsx"))
    assert entries(thidua) == [("2026-03-02", "CT14", "TC1", 2, "Kiểm tra an toàn"), ("2026-03-03", "CT14", "VP", -2, "Nộp báo cáo trễ"),
                               ("2026-03-04", "CT15", "VP", -1.5, "Vắng họp")]
    score = {row["subject"]: row["total"] for row in json.loads(thidua.ok("score", "--format", "json").stdout)["standings"]}
    assert (score["CT14"], score["CT15"]) == (0, -1.5)
    text = "Ngày;Mã;Tiêu chí;Điểm;Điểm trừ\n05/03/2026;CT14;TC1;2;1\n06/03/2026;CT14;VP;;\n"
    result = assert_refused(thidua, ["import-entries", str(thidua.write("qltm.csv", text))],
                            'dòng 2, cột "Điểm trừ": "1" ghi cả điểm cộng ("2") và điểm trừ trên một dòng')
    assert 'dòng 3, cột "Điểm": "" trống — cần số điểm' in result.stderr


def test_a_row_of_a_table_by_criterion_dated_after_today_is_told_once(thidua, monkeypatch):
    # each cell of the row is an entry: the row's date was told once per cell ("dòng 2 … dòng 2 …"), and counted so
    monkeypatch.setenv("THIDUA_TODAY", "2026-06-01")
    sct(thidua)
    text = "Ngày;Mã;TC1 điểm;TC2 điểm\n05/06/2026;CT14;1;2\n"
    result = thidua.ok("import-entries", str(thidua.write("ktat.csv", text)))
    assert result.stderr.count("dòng 2: ngày 05/06/2026 sau hôm nay (01/06/2026)") == 1, result.stderr
    assert "Đã ghi 2 mục" in result.stderr


def test_a_cell_pushed_out_of_a_vni_row_is_quoted_in_unicode(thidua):
    # "1,5" unquoted in a comma file pushes the note out of the table: the refusal quoted it as the bytes read
    # ("ô thừa: "Hoã trôï laøng ngheà leân saøn"") — the office reads it "Hỗ trợ làng nghề lên sàn" on its sheet
    from thidua_cli.domain.legacy import unicode_to_vni

    sct(thidua)
    rows = [["Ngày", "Mã", "Tiêu chí", "Điểm", "Nội dung"], ["07/09/2026", "CT14", "TC1", "1,5", "Hỗ trợ làng nghề lên sàn"]]
    text = "\r\n".join(",".join(unicode_to_vni(cell) for cell in row) for row in rows) + "\r\n"
    (thidua.folder / "ttkc.csv").write_bytes(text.encode("latin-1"))
    assert_refused(thidua, ["import-entries", str(thidua.folder / "ttkc.csv")],
                   'dòng 2: có 6 ô nhưng dòng tiêu đề có 5 cột (ô thừa: "Hỗ trợ làng nghề lên sàn")')


def test_a_utf8_file_with_a_few_bytes_not_utf8_is_refused_naming_the_lines_not_stored_garbled(thidua):
    # one byte not UTF-8 (a "’" pasted from a file saved as ANSI) made the whole file read as Windows-1258: every
    # letter with a mark of its UTF-8 rows stored garbled ("Táº­p huáº¥n") without a word
    sct(thidua)
    text = ("Ngay,Ma,Tieu chi,Diem,Noi dung\n"
            "01/12/2026,CT14,TC1,1,Tập huấn thương mại trên sàn\n"
            "02/12/2026,CT15,TC1,1,Hội nghị\u2019s\n").encode("utf-8").replace("\u2019".encode("utf-8"), b"\x92")
    (thidua.folder / "ktat.csv").write_bytes(text)
    result = assert_refused(thidua, ["import-entries", str(thidua.folder / "ktat.csv")],
                            "tệp ktat.csv có dòng viết theo UTF-8 và dòng không đọc được theo UTF-8 (dòng 3:")
    assert "Gợi ý: mở tệp bằng Notepad" in result.stderr
    # rows of an ANSI file and of a UTF-8 one put together: the same
    (thidua.folder / "ghep.csv").write_bytes(ansi("Ngày,Mã,Tiêu chí,Điểm,Nội dung\n02/12/2026,CT14,TC1,1,Hỗ trợ\n")
                                              + "03/12/2026,CT15,TC1,1,Tập huấn thương mại\n".encode("utf-8"))
    assert_refused(thidua, ["import-entries", str(thidua.folder / "ghep.csv")], "(dòng 1, 2:")
    # an ANSI file alone is read as before
    (thidua.folder / "ansi.csv").write_bytes(ansi("Ngày,Mã,Tiêu chí,Điểm,Nội dung\n02/12/2026,CT14,TC1,1,Hỗ trợ doanh nghiệp\n"))
    thidua.ok("import-entries", str(thidua.folder / "ansi.csv"))
    assert entries(thidua) == [("2026-12-02", "CT14", "TC1", 1, "Hỗ trợ doanh nghiệp")]


def test_a_criterion_written_like_a_code_of_the_campaign_is_refused_naming_that_code(thidua):
    # "TC 1", "TC1.", "tc01", "Tiêu chí 2": only "không có tiêu chí này"; the unit retyping its file was not told
    # which code the campaign has (nor is one taken in its place: "TC01" may be a criterion yet to load)
    sct(thidua)
    text = "Ngày,Mã,Tiêu chí,Điểm\n01/10/2026,CT14,TC 1,1\n02/10/2026,CT14,tc01,1\n03/10/2026,CT14,Tiêu chí 2,1\n04/10/2026,CT14,TC9,1\n"
    result = assert_refused(thidua, ["import-entries", str(thidua.write("ktat.csv", text))],
                            'dòng 2, cột "Tiêu chí": "TC 1" không có tiêu chí này trong phong trào cds-2026 — có phải TC1?')
    assert '"tc01" không có tiêu chí này trong phong trào cds-2026 — có phải TC1?' in result.stderr
    assert '"Tiêu chí 2" không có tiêu chí này trong phong trào cds-2026 — có phải TC2?' in result.stderr
    assert '"TC9" không có tiêu chí này trong phong trào cds-2026\n' in result.stderr


def test_csv_cells_a_program_wrote_as_excel_text_formulas_are_read_as_excel_shows_them(thidua):
    # ="CT14" (how programs export a code so that Excel keeps it as text; Excel shows CT14) was refused
    # "="CT14" không có đối tượng này trong sổ"
    sct(thidua)
    text = 'Ngày;Mã;Tiêu chí;Điểm;Nội dung\n07/03/2026;="CT14";TC1;1;Kiểm tra\n"=""08/03/2026""";"=""CT15""";TC1;="2";Tập huấn\n'
    thidua.ok("import-entries", str(thidua.write("xuat.csv", text)))
    assert entries(thidua) == [("2026-03-07", "CT14", "TC1", 1, "Kiểm tra"), ("2026-03-08", "CT15", "TC1", 2, "Tập huấn")]
    thidua.ok("subject", "import", str(thidua.write("nv.csv", 'Mã,Họ và tên,Đơn vị\n="CT40",Trần Văn Mới,QLTM\n')),
              "--kind", "ca-nhan")
    people = {row["code"]: row["name"] for row in json.loads(thidua.ok("subject", "list", "-O", "json").stdout)["subjects"]}
    assert people["CT40"] == "Trần Văn Mới"


def test_a_row_struck_through_on_the_sheet_is_refused_not_counted(thidua):
    # offices strike a row out to cancel it rather than delete it: the struck row was read as any row, its 5 points
    # counted without a word; a row is refused when every cell read is struck (one struck note is an edit, not a cancel)
    from openpyxl.styles import Font

    sct(thidua)
    book = Workbook()
    sheet = book.active
    sheet.append(["Ngày", "Mã", "Tiêu chí", "Điểm", "Nội dung"])
    sheet.append([date(2026, 10, 1), "CT14", "TC1", 1, "Kiểm tra"])
    sheet.append([date(2026, 10, 2), "CT15", "TC1", 5, "Hội nghị (đã bỏ)"])
    for cell in sheet[3]:
        cell.font = Font(strike=True)
    sheet.append([date(2026, 10, 3), "CT15", "TC1", 2, "Tập huấn"])
    sheet["E4"].font = Font(strike=True)
    book.save(thidua.folder / "ktat.xlsx")
    assert_refused(thidua, ["import-entries", str(thidua.folder / "ktat.xlsx")],
                   'trang tính "Sheet", dòng 3, cột B: "CT15" cả dòng bị gạch ngang trên Excel (dòng đã bỏ?)')
    sheet.delete_rows(3)
    book.save(thidua.folder / "ktat.xlsx")
    thidua.ok("import-entries", str(thidua.folder / "ktat.xlsx"))
    assert [row[1:4] for row in entries(thidua)] == [("CT14", "TC1", 1), ("CT15", "TC1", 2)]


def test_points_added_by_a_violation_criterion_are_told(thidua):
    # "2" typed in a violation's row for -2 (the unit's own "Điểm trừ" sheet without the sign) was stored as 2 points
    # added, without a word: a criterion marked penalty adds no points but by a sign lost
    campaign = CAMPAIGN.replace('code = "VP"\nname = "Vi phạm"\napplies_to = "both"\nmin_points = -20',
                                'code = "VP"\nname = "Vi phạm"\napplies_to = "both"\nmin_points = -20\npenalty = true')
    assert campaign != CAMPAIGN
    thidua.ok("campaign", "load", str(thidua.write("sct.toml", campaign)))
    thidua.ok("subject", "import", str(thidua.write("can-bo.csv", STAFF)))
    text = "Ngày,Mã,Tiêu chí,Điểm\n01/03/2026,CT14,VP,2\n02/03/2026,CT15,VP,-1\n"
    result = thidua.ok("import-entries", str(thidua.write("ktat.csv", text)))
    assert ("dòng 2: 2 điểm dương ở tiêu chí vi phạm VP (Vi phạm): mục này được cộng điểm — điểm trừ ghi số âm, "
            "ví dụ -2") in result.stderr
    assert "dòng 3" not in result.stderr
    result = thidua.ok("add-entry", "--subject", "CT15", "--criterion", "VP", "--points", "3", "--date", "03/03/2026")
    assert "3 điểm dương ở tiêu chí vi phạm VP" in result.stderr


def test_a_row_of_the_table_typed_under_the_signatures_is_refused_not_left_out_unseen(thidua):
    # a unit added a row ("bổ sung") under its place, date and signatures: named in the long warning of the footer
    # among the signers' names, its points never written — refused now, naming the row
    sct(thidua)
    book = Workbook()
    sheet = book.active
    sheet.append(["STT", "Ngày", "Mã", "Tiêu chí", "Điểm", "Nội dung"])
    sheet.append([1, date(2026, 6, 5), "CT11", "TC2", 2, "Đưa 5 HTX lên sàn"])
    sheet.append([None, None, None, None, None, "Vĩnh Long, ngày 30 tháng 6 năm 2026"])
    sheet.append([None, None, None, None, None, "TRƯỞNG PHÒNG"])
    sheet.append([None, None, None, None, None, "Trương Mỹ Linh"])
    sheet.append([2, date(2026, 6, 6), "CT10", "TC1", 1.5, "Bổ sung: hội nghị TMĐT"])
    book.save(thidua.folder / "qltm.xlsx")
    assert_refused(thidua, ["import-entries", str(thidua.folder / "qltm.xlsx")],
                   'trang tính "Sheet", dòng 6, cột C: "CT10" nằm dưới phần cuối bảng (địa danh, ngày tháng, chữ ký từ '
                   "dòng 3) mà có đủ dữ liệu như một dòng của bảng")
    text = ("Ngày,Mã,Tiêu chí,Điểm,Nội dung\n01/06/2026,CT14,TC1,1,Kiểm tra\n"
            ',,,,"Vĩnh Long, ngày 30 tháng 6 năm 2026"\n,,,,TRƯỞNG PHÒNG\n,,,,Dương Thị Thuỷ\n02/06/2026,CT15,TC1,2,Bổ sung\n')
    assert_refused(thidua, ["import-entries", str(thidua.write("ktat.csv", text))],
                   'dòng 6, cột "Mã": "CT15" nằm dưới phần cuối bảng (địa danh, ngày tháng, chữ ký từ dòng 3)')
    # the signers alone are left out as before
    thidua.ok("import-entries", str(thidua.write("ktat2.csv", "\n".join(text.splitlines()[:5]) + "\n")))
    assert entries(thidua) == [("2026-06-01", "CT14", "TC1", 1, "Kiểm tra")]


def test_an_award_year_written_nam_2025_is_read_as_ratings_import_reads_it(thidua):
    # "Năm 2025" in the "Năm" column of the award history was refused "phải là một năm", while ratings import reads it
    sct(thidua)
    text = ("Mã;Khen thưởng;Số QĐ;Ngày QĐ;Năm\nCT14;Giấy khen của Giám đốc Sở;20/QĐ-SCT;25/12/2025;Năm 2025\n"
            "CT15;Giấy khen của Giám đốc Sở;20/QĐ-SCT;25/12/2025;2024-2025\n")
    assert_refused(thidua, ["awards", "import", str(thidua.write("kt.csv", text))],
                   'dòng 3, cột "Năm": "2024-2025" phải là một năm')
    thidua.ok("awards", "import", str(thidua.write("kt2.csv", "\n".join(text.splitlines()[:2]) + "\n")))
    rows = json.loads(thidua.ok("awards", "-O", "json").stdout)
    rows = rows["awards"] if isinstance(rows, dict) else rows
    assert [(row["subject"], row["year"]) for row in rows] == [("CT14", 2025)]
