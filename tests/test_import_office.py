"""A new office's own files, as it keeps them, through every import: a workbook with rows hidden beside a
sheet of other data, award codes written with "Đ" ("LĐTT"), a staff list without a "Loại" column. Each value
is kept, or named in a warning or a refusal that changes nothing."""

from __future__ import annotations

import json

from openpyxl import Workbook

from conftest import MINI_CAMPAIGN, assert_refused
from test_xlsx_import import subjects_json

# the mini campaign and a danh hiệu whose code an office writes with its "Đ": LĐTT
CAMPAIGN_WITH_LDTT = MINI_CAMPAIGN + """
[[awards]]
code = "LDTT"
name = "Lao động tiên tiến"
category = "danh-hieu"
level = 1
applies_to = "individual"
min_score = 10
multiplier = 0.3
"""


def office_workbook(path, rows: list[list], hidden_rows: tuple[int, ...] = (), other_sheet: bool = False):
    """The sheet an office keeps: its rows as given, some hidden by hand, and maybe a second sheet of data."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách"
    for row in rows:
        sheet.append(row)
    for line in hidden_rows:
        sheet.row_dimensions[line].hidden = True
    if other_sheet:
        other = workbook.create_sheet("Hợp đồng")
        other.append(["Mã", "Họ và tên"])
        other.append(["HD01", "Võ Văn Tám"])
    workbook.save(path)
    return path


def test_hidden_rows_beside_another_sheet_of_data_are_read_and_named(thidua):
    """A sheet with a hidden row and a second sheet holding data crashed the import (NameError while looking
    for the drop-down lists' sheets); both are now named in warnings and every row is kept."""
    path = office_workbook(thidua.folder / "can-bo.xlsx", [
        ["SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"],
        ["Mã", "Họ và tên", "Loại"],
        ["NN01", "Nguyễn Thị Thủy", "Cá nhân"],
        ["NN02", "Trần Văn Hoà", "Cá nhân"],
    ], hidden_rows=(4,), other_sheet=True)
    result = thidua("subject", "import", str(path))
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert 'không đọc trang tính "Hợp đồng"' in result.stderr
    assert "có 1 dòng đang ẩn trên Excel" in result.stderr and "dòng 4" in result.stderr
    assert {code: s["name"] for code, s in subjects_json(thidua).items()} == {
        "NN01": "Nguyễn Thị Thủy", "NN02": "Trần Văn Hoà"}
