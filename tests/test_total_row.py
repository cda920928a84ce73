"""A file's "Tổng cộng" row, left out of the import, is compared with the points of the rows above it.

Excel's SUM skips a number typed as text ("2" with a leading apostrophe, or pasted from another program): the
office's total then says less than the ledger will hold. thidua reads every cell, so its sum and the sheet's
disagree — told, with both numbers, rows kept as written. A total that agrees (the whole table's, or a group's
"Cộng phòng A" since the total before it) is named only as the row left out, as before."""

from __future__ import annotations

import json
import re

from openpyxl import Workbook

from conftest import MINI_CAMPAIGN, MINI_SUBJECTS

NOT_SUMMED = "dòng tổng cộng không bằng tổng điểm các dòng của tệp"


def _mini(thidua):
    thidua.ok("campaign", "load", str(thidua.write("mini.toml", MINI_CAMPAIGN)))
    thidua.ok("subject", "import", str(thidua.write("mini-subjects.csv", MINI_SUBJECTS)))
    return thidua


def _points(thidua) -> float:
    return sum(e["points"] for e in json.loads(thidua.ok("entries", "--format", "json").stdout)["entries"])


def test_totals_that_agree_with_their_rows_are_not_told_twice(thidua):
    _mini(thidua)
    path = thidua.write("thang-10.csv", """\
        Ngày;Họ và tên;Tiêu chí;Điểm;Nội dung
        05/10/2021;Nguyễn Văn An;TC1;1,5;Họp
        06/10/2021;Nguyễn Văn An;TC1;1;Trực
        ;Cộng phòng A;;2,5;
        06/10/2021;Trần Thị Ánh;TC1;2;Trực
        ;Cộng phòng B;;2;
        ;Tổng cộng;;4,5;
        """)
    result = thidua.ok("import-entries", str(path))
    assert "không nhập dòng tổng cộng" in result.stderr
    assert NOT_SUMMED not in result.stderr, result.stderr


def test_a_total_other_than_its_rows_sum_is_told_with_both_and_the_rows_kept(thidua):
    _mini(thidua)
    path = thidua.write("thang-10.csv", """\
        Ngày;Họ và tên;Tiêu chí;Điểm;Nội dung
        05/10/2021;Nguyễn Văn An;TC1;1,5;Họp
        06/10/2021;Trần Thị Ánh;TC1;2;Trực
        07/10/2021;Lê Văn Hòa;TC1;3;Trực
        ;Tổng cộng: 3 người;;4,5;
        """)
    result = thidua.ok("import-entries", str(path))
    assert (f"Cảnh báo: {NOT_SUMMED} (có ô điểm ghi dạng chữ mà Excel không cộng, hay thiếu, thừa dòng? các dòng vẫn "
            "được ghi theo từng ô — kiểm lại tệp): dòng 5 ghi 4,5 điểm, các dòng phía trên cộng lại 6,5") in result.stderr
    assert _points(thidua) == 6.5


def test_a_number_typed_as_text_that_excel_left_out_of_its_sum_is_told(thidua):
    """The workbook as Excel saved it: "3" typed as text in E4, the total's SUM (cached 3,5) left it out."""
    _mini(thidua)
    book = Workbook()
    sheet = book.active
    sheet.append(["KẾT QUẢ THI ĐUA THÁNG 10"])
    sheet.append(["Ngày", "Họ và tên", "Tiêu chí", "Nội dung", "Điểm"])
    sheet.append(["05/10/2021", "Nguyễn Văn An", "TC1", "Họp", 1.5])
    sheet.append(["06/10/2021", "Trần Thị Ánh", "TC1", "Trực", "3"])
    sheet.append(["07/10/2021", "Lê Văn Hòa", "TC1", "Trực", 2])
    sheet.append([None, "Cộng phòng A", None, None, 3.5])
    sheet.append(["08/10/2021", "Lê Văn Hòa", "TC1", "Trực", 1])
    sheet.append([None, "Tổng cộng", None, None, 4.5])
    path = thidua.folder / "thang-10.xlsx"
    book.save(path)
    result = thidua.ok("import-entries", str(path))
    assert ('trang tính "Sheet", dòng 6 ghi 3,5 điểm, các dòng phía trên cộng lại 6,5; trang tính "Sheet", dòng 8 ghi '
            "4,5 điểm, các dòng phía trên cộng lại 7,5 (từ dòng tổng trước: 1)") in result.stderr, result.stderr
    assert _points(thidua) == 7.5
    # the rows left out show their numbers as Excel shows them here (it said "3.5")
    assert '("Cộng phòng A"; cột E: "3,5")' in result.stderr, result.stderr


def test_a_big_file_checked_in_a_second_process_compares_its_totals_too(thidua):
    """A big CSV is checked by a second process that reads ahead of the rows it checks (`check_apart`): a total
    further down is already known when a row above it is summed."""
    from thidua_cli.services.check_apart import MIN_BYTES

    _mini(thidua)
    rows, summed, line = ["Ngày;Mã;Tiêu chí;Điểm;Nội dung"], 0, 1
    while sum(map(len, rows)) < MIN_BYTES + 1000:
        line += 1
        rows.append(f"{1 + line % 28:02d}/10/2021;NV{1 + line % 3};TC1;1;Trực chốt lần {line}")
        summed += 1
        if line == 1000:  # a group's total that agrees, early in the file
            rows.append(f";Cộng phòng A;;{summed};")
            line += 1
    rows.append(f";Tổng cộng;;{summed - 2};")
    result = thidua.ok("import-entries", str(thidua.write("ca-nam.csv", "\n".join(rows) + "\n")))
    told = f"dòng {len(rows)} ghi {summed - 2:_} điểm, các dòng phía trên cộng lại {summed:_} (từ dòng tổng trước: " \
        f"{summed - 999:_})"
    assert told.replace("_", ".") in result.stderr, result.stderr
    assert "dòng 1001 ghi" not in result.stderr
    # the heading counts its rows as the list's "… và 50.198 dòng khác" does (it said "50218 dòng giống …")
    assert re.search(r"Cảnh báo: \d{2}\.\d{3} dòng giống một dòng trước trong tệp", result.stderr), result.stderr[:300]
