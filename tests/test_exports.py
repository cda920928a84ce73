"""Exports to .xlsx and .csv: opened again and checked cell by cell, formulas neutralised."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

import pytest
from openpyxl import load_workbook

from conftest import Thidua
from thidua_cli.render.tabular import neutralise

HOSTILE = {
    "name": '=HYPERLINK("http://x","bấm vào")',
    "note": "+1 điểm thưởng",
    "evidence": "@SUM(A1)",
}


@pytest.fixture
def ledger(thidua):
    """The mini campaign, a subject with a formula for a name, notes a spreadsheet would run, a negative entry."""
    thidua.mini()
    thidua.ok("subject", "add", "--code", "X1", "--name", HOSTILE["name"], "--kind", "individual", "--unit", "VP")
    thidua.ok("add-entry", "--subject", "X1", "--criterion", "TC1", "--points", "8,55", "--date", "05/11/2021",
              "--note", HOSTILE["note"], "--evidence", HOSTILE["evidence"])
    thidua.ok("add-entry", "--subject", "NV1", "--criterion", "VP", "--points", "-2", "--date", "2021-11-06",
              "--note", "-2 vì đi muộn", "--evidence", "=1+1")
    thidua.ok("add-entry", "--subject", "Văn phòng Sở", "--criterion", "TC2", "--points", "25", "--date", "2021-12-01",
              "--note", "Tập thể đoàn kết")
    return thidua


def sheet_rows(path):
    """The sheet and its rows under the title row (row 1: the campaign's name and the period)."""
    sheet = load_workbook(path).worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    return sheet, rows[1:]


def test_neutralise():
    assert [neutralise(t) for t in ("=1+1", "+1", "-1", "@A1", "\tx", "\rx", " =1", "Bình thường", "", "a=b")] == [
        "'=1+1", "'+1", "'-1", "'@A1", "'\tx", "'\rx", "' =1", "Bình thường", "", "a=b",
    ]


def test_entries_xlsx(ledger):
    path = ledger.folder / "muc-ghi.xlsx"
    result = ledger.ok("entries", "-o", str(path))
    assert f"Đã ghi {path}" in result.stderr and result.stdout == ""
    sheet, rows = sheet_rows(path)
    assert sheet.title == "Mục ghi"
    assert sheet["A1"].value == "Mục ghi — Phong trào thử nghiệm, từ 01/10/2021 đến 31/12/2021" and sheet["A1"].font.b
    header = rows[0]
    assert header[:9] == ["Số", "Ngày", "Mã", "Họ và tên / Tập thể", "Tiêu chí", "Điểm", "Thành tích", "Minh chứng", "Người ghi"]
    assert sheet.freeze_panes == "A3"
    assert all(cell.font.b and cell.font.name == "Times New Roman" for cell in sheet[2])
    assert sheet["A3"].font.name == "Times New Roman" and not sheet["A3"].font.b
    assert sheet.column_dimensions["G"].width > sheet.column_dimensions["A"].width
    by_id = {row[0]: dict(zip(header, row)) for row in rows[1:]}
    first = by_id[1]
    assert first["Ngày"] == datetime(2021, 11, 5) and sheet["B3"].number_format == "DD/MM/YYYY"
    assert first["Điểm"] == 8.55 and isinstance(first["Điểm"], float)
    assert first["Họ và tên / Tập thể"] == "'" + HOSTILE["name"]
    assert first["Thành tích"] == "'+1 điểm thưởng" and first["Minh chứng"] == "'@SUM(A1)"
    assert all(sheet.cell(3, c).data_type != "f" for c in range(1, len(header) + 1))
    second = by_id[2]
    assert second["Điểm"] == -2 and isinstance(second["Điểm"], int)  # a real negative number stays a number
    assert second["Thành tích"] == "'-2 vì đi muộn" and second["Minh chứng"] == "'=1+1"
    assert by_id[3]["Điểm"] == 25


def test_entries_csv(ledger):
    out = ledger.ok("entries", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    by_id = {row["id"]: row for row in rows}
    assert by_id["1"]["name"] == "'" + HOSTILE["name"] and by_id["1"]["note"] == "'+1 điểm thưởng"
    assert by_id["1"]["evidence"] == "'@SUM(A1)" and by_id["1"]["points"] == "8.55" and by_id["1"]["date"] == "2021-11-05"
    assert by_id["2"]["points"] == "-2" and by_id["2"]["note"] == "'-2 vì đi muộn"
    assert not out.startswith("\ufeff")  # stdout, for scripts: no BOM
    path = ledger.folder / "muc-ghi.csv"
    ledger.ok("entries", "-o", str(path))
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # a file, for Excel: UTF-8 with a BOM
    assert path.read_text(encoding="utf-8-sig") == out


def test_subject_list_xlsx_and_csv(ledger):
    path = ledger.folder / "doi-tuong.xlsx"
    ledger.ok("subject", "list", "--format", "xlsx", "-o", str(path))
    sheet, rows = sheet_rows(path)
    assert rows[0] == ["Mã", "Họ và tên / Tập thể", "Loại", "Đơn vị", "Chức vụ", "Giới tính", "Tỷ lệ nữ (%)", "Tạm dừng xét khen"]
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code["VP"][1:3] == ["Văn phòng Sở", "tập thể"] and by_code["VP"][6] == 40
    assert by_code["X1"][1] == "'" + HOSTILE["name"]
    assert [row[0] for row in rows[1:]] == ["VP", "NV1", "NV2", "NV3", "X1"]  # collectives first, then by tên
    out = ledger.ok("subject", "list", "-O", "csv").stdout
    listed = {row["code"]: row for row in csv.DictReader(io.StringIO(out))}
    assert listed["X1"]["name"] == "'" + HOSTILE["name"] and listed["VP"]["female_percent"] == "40"


def test_subject_list_xlsx_imports_back(ledger, tmp_path):
    path = ledger.folder / "doi-tuong.xlsx"
    ledger.ok("subject", "block", "NV2", "--reason", "đang xem xét kỷ luật")
    ledger.ok("subject", "list", "-o", str(path))
    other = Thidua(tmp_path / "khac")
    other.folder.mkdir()
    other.ok("subject", "import", str(path))
    mine = json.loads(ledger.ok("subject", "list", "-O", "json").stdout)["subjects"]
    theirs = json.loads(other.ok("subject", "list", "-O", "json").stdout)["subjects"]
    keys = ("code", "kind", "unit", "position", "gender", "female_percent")
    assert [[s[k] for k in keys] for s in theirs] == [[s[k] for k in keys] for s in mine]
    assert [s["name"] for s in theirs if s["code"] != "X1"] == [s["name"] for s in mine if s["code"] != "X1"]


def test_score_xlsx_and_csv(ledger):
    path = ledger.folder / "bang-diem.xlsx"
    ledger.ok("score", "-o", str(path))
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Bảng điểm", "Chú thích"]
    sheet = workbook["Bảng điểm"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Bảng điểm — Phong trào thử nghiệm, từ 01/10/2021 đến 31/12/2021"
    rows = rows[1:]
    header = rows[0]
    assert header[:5] == ["Hạng", "Mã", "Họ và tên / Tập thể", "Loại", "Đơn vị"] and "Tổng" in header
    by_code = {row[1]: dict(zip(header, row)) for row in rows[1:]}
    assert by_code["X1"]["Tổng"] == 8.55 and by_code["X1"]["Họ và tên / Tập thể"] == "'" + HOSTILE["name"]
    assert by_code["NV1"]["VP"] == -2 and by_code["NV1"]["Tổng"] == -2
    assert by_code["VP"]["Loại"] == "tập thể" and by_code["VP"]["TC2"] == 25 and by_code["VP"]["Hạng"] == 1
    legend = [row[0].value for row in workbook["Chú thích"].iter_rows()]
    assert "TC1: Hoàn thành nhiệm vụ" in legend
    out = ledger.ok("score", "-O", "csv").stdout
    listed = {row["subject"]: row for row in csv.DictReader(io.StringIO(out))}
    assert listed["NV1"]["total"] == "-2" and listed["X1"]["name"] == "'" + HOSTILE["name"]
    assert listed["VP"]["kind"] == "collective"


def test_xlsx_needs_a_file(ledger):
    result = ledger("entries", "--format", "xlsx")
    assert result.exit_code == 2 and "định dạng xlsx cần --out TỆP" in result.stderr


def test_table_to_xlsx_drops_characters_xml_cannot_hold(tmp_path):
    from thidua_cli.render.tabular import Column, Table
    from thidua_cli.render.xlsx import table_to_xlsx

    data = table_to_xlsx(Table([Column("a", "Cột A")], [{"a": "chuông\x07 kêu"}]), "Tên: dài/quá [31] ký tự cho một trang tính")
    path = tmp_path / "t.xlsx"
    path.write_bytes(data)
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Tên- dài-quá -31- ký tự cho một"]
    assert workbook.active["A3"].value == "chuông kêu"
