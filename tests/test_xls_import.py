"""Excel 97–2003 workbooks (.xls): offices keep years of them — old templates, lists typed in .VnTime — and they
were refused ("định dạng Excel cũ (.xls), chưa đọc được: lưu thành .xlsx"). Each is read as the .xlsx it would be
saved as: the same checks, the same warnings, the same cells named. Workbooks written here with xlwt."""

from __future__ import annotations

import json
from datetime import date

import xlwt

from conftest import MINI_CAMPAIGN, assert_refused
from thidua_cli.domain.legacy import unicode_to_tcvn3


def _style(font: str = "Times New Roman", struck: bool = False, date_format: bool = False, bold: bool = False):
    style = xlwt.XFStyle()
    style.font = xlwt.Font()
    style.font.name, style.font.struck_out, style.font.bold = font, struck, bold
    if date_format:
        style.num_format_str = "DD/MM/YYYY"
    return style


def _office_workbook(path, with_struck_row: bool = True) -> None:
    """The Văn phòng's month as its old template keeps it: a title merged over the table, headers and notes typed in
    .VnTime (TCVN3), dates as dates, a row hidden by a filter, a struck-out row, a 'Tổng cộng' row, a note on a cell,
    a hidden sheet of codes, and a summary sheet the workbook does not open on."""
    book = xlwt.Workbook(encoding="utf-8")
    summary = book.add_sheet("Tổng hợp")
    summary.write(0, 0, "Tổng hợp cả năm")
    sheet = book.add_sheet("Tháng 11")
    vn = _style(".VnTime")
    sheet.write_merge(0, 0, 0, 5, unicode_to_tcvn3("KẾT QUẢ THI ĐUA THÁNG 11/2021"), _style(".VnTimeH", bold=True))
    for column, header in enumerate(("STT", "Ngày", "Mã", "Tiêu chí", "Điểm", "Nội dung thành tích")):
        sheet.write(2, column, unicode_to_tcvn3(header), vn)
    rows = [
        (1, date(2021, 11, 5), "NV1", "TC1", 2.5, "Hoàn thành xuất sắc nhiệm vụ được giao"),
        (2, date(2021, 11, 6), "NV2", "TC1", 3, "Tham gia trực chốt kiểm soát dịch"),
        (3, date(2021, 11, 7), "NV3", "TC1", 4, "Trực đêm tại chốt"),  # hidden by a filter: still read, named
        (4, date(2021, 11, 8), "NV1", "TC1", 9, "Dòng đã bỏ"),  # struck out: refused until unstruck or deleted
    ][:4 if with_struck_row else 3]
    for line, (number, day, code, criterion, points, note) in enumerate(rows, start=3):
        struck = number == 4
        sheet.write(line, 0, number, _style(struck=struck))
        sheet.write(line, 1, day, _style(struck=struck, date_format=True))
        sheet.write(line, 2, code, _style(struck=struck))
        sheet.write(line, 3, criterion, _style(struck=struck))
        sheet.write(line, 4, points, _style(struck=struck))
        sheet.write(line, 5, unicode_to_tcvn3(note), _style(".VnTime", struck=struck))
    sheet.row(5).hidden = True
    sheet.write(7, 1, unicode_to_tcvn3("Tổng cộng"), vn)
    sheet.write(7, 4, 18.5)
    codes = book.add_sheet("Danh mục")
    codes.write(0, 0, "NV1")
    codes.visibility = 1
    book.active_sheet = 1
    sheet.set_selected(True)
    summary.set_selected(False)
    book.save(str(path))


def _entries(thidua) -> list[tuple]:
    stored = json.loads(thidua.ok("entries", "--format", "json").stdout)["entries"]
    return sorted((e["date"], e["subject"], e["points"], e["note"]) for e in stored)


def test_an_old_office_workbook_is_read_with_every_check_of_an_xlsx(thidua):
    thidua.mini()
    path = thidua.folder / "thang-11.xls"
    _office_workbook(path)
    # the struck-out row is refused as in an .xlsx, naming its row; nothing written
    assert_refused(thidua, ["import-entries", str(path)], 'trang tính "Tháng 11", dòng 7')
    assert _entries(thidua) == []


def test_an_old_office_workbook_without_its_struck_row_is_imported_and_every_value_named_or_kept(thidua):
    thidua.mini()
    path = thidua.folder / "thang-11.xls"
    _office_workbook(path, with_struck_row=False)
    result = thidua.ok("import-entries", str(path))
    err = result.stderr
    assert _entries(thidua) == [("2021-11-05", "NV1", 2.5, "Hoàn thành xuất sắc nhiệm vụ được giao"),
                                ("2021-11-06", "NV2", 3, "Tham gia trực chốt kiểm soát dịch"),
                                ("2021-11-07", "NV3", 4, "Trực đêm tại chốt")]
    assert 'đọc trang tính "Tháng 11"; không đọc trang tính "Tổng hợp"; trang tính ẩn "Danh mục"' in err, err
    assert "Đã chuyển 3 ô từ mã cũ (TCVN3/VNI) sang Unicode" in err  # the notes; the headers read as they mean
    assert "dòng 6" in err and "ẩn" in err  # the row a filter hid is read, and named
    assert 'không nhập dòng tổng cộng (không phải dữ liệu của một đối tượng): trang tính "Tháng 11", dòng 8' in err
    assert "dòng tổng cộng không bằng tổng điểm" in err and "ghi 18,5 điểm, các dòng phía trên cộng lại 9,5" in err


def test_an_xls_list_of_subjects_in_vnitimes_is_read(thidua):
    thidua.ok("campaign", "load", str(thidua.write("mini.toml", MINI_CAMPAIGN)))
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Cán bộ")
    for column, header in enumerate(("Mã", "Họ và tên", "Loại", "Đơn vị", "Ngày sinh")):
        sheet.write(0, column, header)
    sheet.write(1, 0, "VP")
    sheet.write(1, 1, "Văn phòng Sở")
    sheet.write(1, 2, "tập thể")
    sheet.write(2, 0, "NV1")
    sheet.write(2, 1, unicode_to_tcvn3("Nguyễn Văn An"), _style(".VnTime"))
    sheet.write(2, 2, "cá nhân")
    sheet.write(2, 3, "VP")
    sheet.write(2, 4, date(1990, 3, 7), _style(date_format=True))
    path = thidua.folder / "can-bo.xls"
    book.save(str(path))
    result = thidua.ok("subject", "import", str(path))
    assert "Đã chuyển 1 ô từ mã cũ (TCVN3/VNI) sang Unicode" in result.stderr, result.stderr
    listed = {s["code"]: s for s in json.loads(thidua.ok("subject", "list", "--format", "json").stdout)["subjects"]}
    assert (listed["NV1"]["name"], listed["NV1"]["unit"]) == ("Nguyễn Văn An", "VP")


def test_a_damaged_xls_is_refused_by_name(thidua):
    thidua.mini()
    damaged = thidua.folder / "hong.xls"
    damaged.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert_refused(thidua, ["import-entries", str(damaged)],
                   "không đọc được tệp hong.xls: không phải sổ làm việc Excel 97–2003 (.xls) đọc được")
