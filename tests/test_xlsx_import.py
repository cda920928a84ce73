"""Importing .xlsx (and legacy-encoded text in .csv): real workbooks built here with openpyxl."""

from __future__ import annotations

import csv
import importlib.util
import json
import unicodedata
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from conftest import EXAMPLE, REPO, assert_refused

ENTRY_HEADER = ["Ngày", "Đối tượng", "Tiêu chí", "Điểm", "Thành tích", "Minh chứng"]

# TCVN3 (ABC) and VNI-Windows text as the bytes of old files show up once read as Unicode.
TCVN3_NOTE = "Hoµn thµnh tèt nhiÖm vô"  # Hoàn thành tốt nhiệm vụ
TCVN3_CAPITALS = "hoµn thµnh xuÊt s¾c"  # in .VnTimeH: HOÀN THÀNH XUẤT SẮC
VNI_EVIDENCE = "Quyeát ñònh soá 244/QÑ-STTTT"  # Quyết định số 244/QĐ-STTTT


def write_xlsx(path: Path, rows: list[list], sheet: str = "Nhập liệu", fonts: dict[str, str] | None = None,
               formats: dict[str, str] | None = None, extra_sheets: dict[str, list[list]] | None = None) -> Path:
    """A workbook whose first sheet holds `rows`; `fonts`/`formats` by cell ("E2": ".VnTime")."""
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for row in rows:
        worksheet.append(row)
    for coordinate, name in (fonts or {}).items():
        worksheet[coordinate].font = Font(name=name)
    for coordinate, number_format in (formats or {}).items():
        worksheet[coordinate].number_format = number_format
    for title, more in (extra_sheets or {}).items():
        other = workbook.create_sheet(title)
        for row in more:
            other.append(row)
    workbook.save(path)
    return path


def entries_json(thidua) -> list[dict]:
    return json.loads(thidua.ok("entries", "--format", "json").stdout)["entries"]


def subjects_json(thidua) -> dict[str, dict]:
    return {s["code"]: s for s in json.loads(thidua.ok("subject", "list", "--format", "json").stdout)["subjects"]}


# --- values: dates, numbers, names ------------------------------------------------------


def test_dates_numbers_and_names_as_offices_type_them(thidua):
    thidua.mini()
    nfd_name = unicodedata.normalize("NFD", "Trần Thị Ánh")
    path = write_xlsx(thidua.folder / "thanh-tich.xlsx", [
        ENTRY_HEADER,
        [datetime(2021, 10, 20), "NV1", "TC1", 8.549999999999999, "Excel date, float noise", ""],  # 8.55 as Excel stores it
        ["05/11/2021", nfd_name, "TC1", "7,5", "text date, decimal comma", ""],
        ["2021-11-06", "le van hoa", "TC1", 9, "ISO text date, integer cell", ""],
        [date(2021, 11, 7), "NV1", "VP", -2, "negative points", ""],
        [44507, "NV2", "TC1", "10", "a date cell that lost its format", ""],  # 44507 = 07/11/2021
    ], formats={"A2": "DD/MM/YYYY", "A5": "DD/MM/YYYY"})
    result = thidua.ok("import-entries", str(path))
    assert "Đã ghi 5 mục" in result.stderr
    got = [(e["date"], e["subject"], e["points"], e["note"]) for e in entries_json(thidua)]
    assert got == [
        ("2021-10-20", "NV1", 8.55, "Excel date, float noise"),
        ("2021-11-05", "NV2", 7.5, "text date, decimal comma"),
        ("2021-11-06", "NV3", 9, "ISO text date, integer cell"),
        ("2021-11-07", "NV1", -2, "negative points"),
        ("2021-11-07", "NV2", 10, "a date cell that lost its format"),
    ]


def test_header_below_a_title_and_a_numbering_row_blank_and_trailing_rows_ignored(thidua):
    thidua.mini()
    path = write_xlsx(thidua.folder / "bang.xlsx", [
        ["BẢNG THEO DÕI THÀNH TÍCH"],
        ["(Kèm theo Kế hoạch số 05/KH-STTTT)"],
        [],
        ["STT", "Ngày ghi nhận", "Mã đối tượng", "Mã tiêu chí", "Số điểm", "Nội dung", "Số văn bản"],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
        [1, date(2021, 10, 20), "NV1", "TC1", 5, "một", ""],
        [],
        [2, date(2021, 10, 21), "NV2", "TC1", 6, "hai", "Báo cáo 12/BC"],
        [3],  # a numbered template row with nothing in it
        [4],
        [None, None, None],
    ])
    thidua.ok("import-entries", str(path))
    got = [(e["subject"], e["points"], e["evidence"]) for e in entries_json(thidua)]
    assert got == [("NV1", 5, ""), ("NV2", 6, "Báo cáo 12/BC")]


def test_missing_column_names_the_sheet(thidua):
    thidua.mini()
    path = write_xlsx(thidua.folder / "thieu.xlsx", [["Ngày", "Đối tượng", "Điểm"], [date(2021, 10, 20), "NV1", 5]])
    assert_refused(thidua, ["import-entries", str(path)], 'tệp thieu.xlsx, trang tính "Nhập liệu" thiếu cột tiêu chí')


def test_unknown_sheet_lists_the_sheets_and_sheet_chooses_one(thidua):
    thidua.mini()
    path = write_xlsx(
        thidua.folder / "hai-trang.xlsx", [["Ghi chú"], ["trang này không có bảng"]], sheet="Hướng dẫn",
        extra_sheets={"Nhập liệu": [ENTRY_HEADER, [date(2021, 10, 20), "NV1", "TC1", 5, "", ""]]},
    )
    assert_refused(
        thidua, ["import-entries", str(path), "--sheet", "Tháng 10"],
        'tệp hai-trang.xlsx không có trang tính "Tháng 10" (các trang tính: "Hướng dẫn", "Nhập liệu")',
    )
    assert_refused(thidua, ["import-entries", str(path)], 'trang tính "Hướng dẫn" thiếu cột')
    thidua.ok("import-entries", str(path), "--sheet", "nhap lieu")  # folded like every name
    assert [e["subject"] for e in entries_json(thidua)] == ["NV1"]


def test_bad_rows_in_the_middle_write_nothing_and_name_sheet_row_and_column(thidua):
    thidua.mini()
    path = write_xlsx(thidua.folder / "loi.xlsx", [
        ["Danh sách thành tích tháng 10"],
        ENTRY_HEADER,
        [date(2021, 10, 20), "NV1", "TC1", 5, "đúng", ""],
        [date(2021, 10, 21), "NV1", "TC1", 8.555, "ba chữ số thập phân", ""],
        [date(2021, 10, 22), "NV2", "TC1", "8,555", "dạng chữ", ""],
        ["31/02/2021", "Không Có Ai", "TC9", "mười", "", ""],
        [date(2021, 10, 23), "NV2", "TC1", 4, "đúng", ""],
    ])
    result = assert_refused(
        thidua, ["import-entries", str(path)],
        'tệp loi.xlsx có 3 dòng lỗi (6 lỗi), chưa ghi gì vào sổ — trang tính "Nhập liệu", dòng 4, cột D: "8.555" có quá 2 chữ số thập phân',
    )
    details = result.stderr
    assert 'trang tính "Nhập liệu", dòng 5, cột D: "8,555" có quá 2 chữ số thập phân' in details
    assert 'trang tính "Nhập liệu", dòng 6, cột A: "31/02/2021" không phải ngày có thật' in details
    assert 'trang tính "Nhập liệu", dòng 6, cột B: "Không Có Ai" không có đối tượng này trong sổ' in details
    assert 'trang tính "Nhập liệu", dòng 6, cột C: "TC9"' in details
    assert 'dòng 6, cột D: "mười" không phải số điểm' in details
    assert entries_json(thidua) == []


def test_csv_errors_keep_the_column_name(thidua):
    thidua.mini()
    path = thidua.write("loi.csv", """
        date,subject,criterion,points
        2021-10-20,NV1,TC1,5
        2021-10-21,NV1,TC1,"8,555"
    """)
    assert_refused(thidua, ["import-entries", str(path)], 'dòng 3, cột "points": "8,555" có quá 2 chữ số thập phân')


def test_not_a_workbook_and_old_xls(thidua):
    thidua.mini()
    fake = thidua.folder / "gia.xlsx"
    fake.write_text("<html>xuất từ phần mềm cũ</html>", encoding="utf-8")
    assert_refused(thidua, ["import-entries", str(fake)], "không đọc được tệp gia.xlsx")
    old = thidua.folder / "cu.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    assert_refused(thidua, ["import-entries", str(old)], "tệp cu.xls mang đuôi .xls nhưng không phải sổ làm việc Excel")


# --- legacy encodings ------------------------------------------------------------------


def test_tcvn3_and_vni_columns_by_font(thidua):
    thidua.mini()
    path = write_xlsx(thidua.folder / "ma-cu.xlsx", [
        ENTRY_HEADER,
        [date(2021, 10, 20), "NV1", "TC1", 5, TCVN3_NOTE, VNI_EVIDENCE],
        [date(2021, 10, 21), "NV2", "TC1", 6, TCVN3_CAPITALS, "Baùo caùo 12"],
        [date(2021, 10, 22), "NV2", "TC1", 7, "Hµ", "Unicode: Báo cáo số 13"],  # too short to detect: the font decides
    ], fonts={"E2": ".VnTime", "E3": ".VnTimeH", "E4": ".VnTime", "F2": "VNI-Times", "F3": "VNI-Times"})
    result = thidua.ok("import-entries", str(path))
    notes = [(e["note"], e["evidence"]) for e in entries_json(thidua)]
    assert notes == [
        ("Hoàn thành tốt nhiệm vụ", "Quyết định số 244/QĐ-STTTT"),
        ("HOÀN THÀNH XUẤT SẮC", "Báo cáo 12"),
        ("Hà", "Unicode: Báo cáo số 13"),
    ]
    assert all(unicodedata.is_normalized("NFC", n + e) for n, e in notes)
    err = result.stderr
    assert "Đã chuyển 5 ô từ mã cũ (TCVN3/VNI) sang Unicode:" in err
    assert 'trang tính "Nhập liệu", ô E2 (phông .VnTime): TCVN3 → Unicode "Hoàn thành tốt nhiệm vụ"' in err
    assert 'trang tính "Nhập liệu", ô E3 (phông .VnTimeH): TCVN3 → Unicode "HOÀN THÀNH XUẤT SẮC"' in err
    assert 'trang tính "Nhập liệu", ô F2 (phông VNI-Times): VNI → Unicode "Quyết định số 244/QĐ-STTTT"' in err
    assert "ô F4" not in err


def test_legacy_text_without_its_font_is_found_by_its_letters(thidua):
    thidua.mini()
    path = write_xlsx(thidua.folder / "khong-phong.xlsx", [
        ENTRY_HEADER,
        [date(2021, 10, 20), "NV1", "TC1", 5, TCVN3_NOTE, VNI_EVIDENCE],
        [date(2021, 10, 21), "NV1", "TC1", 5, "Hoàn thành (Unicode)", "Café (không phải mã cũ)"],
    ])
    thidua.ok("import-entries", str(path))
    assert [(e["note"], e["evidence"]) for e in entries_json(thidua)] == [
        ("Hoàn thành tốt nhiệm vụ", "Quyết định số 244/QĐ-STTTT"),
        ("Hoàn thành (Unicode)", "Café (không phải mã cũ)"),
    ]


def test_dry_run_shows_converted_cells_and_writes_nothing(thidua):
    thidua.mini()
    path = write_xlsx(thidua.folder / "thu.xlsx", [
        ENTRY_HEADER, [date(2021, 10, 20), "NV1", "TC1", 5, TCVN3_NOTE, ""],
    ], fonts={"E2": ".VnTime"})
    before = thidua.digest()
    result = thidua.ok("import-entries", str(path), "--dry-run")
    assert 'ô E2 (phông .VnTime): TCVN3 → Unicode "Hoàn thành tốt nhiệm vụ"' in result.stderr
    assert "Chưa ghi gì" in result.stderr
    assert thidua.digest() == before


def test_subject_import_xlsx_with_vietnamese_headers_legacy_names_and_percent_cells(thidua):
    rows = [
        ["DANH SÁCH CÁN BỘ"],
        ["Mã", "Họ và tên", "Loại", "Đơn vị", "Chức vụ", "Giới tính", "Tỷ lệ nữ (%)"],
        ["VP", "V¨n phßng Së", "Tập thể", None, None, None, 0.625],  # 62,5% typed as a percentage
        ["NV1", "NguyÔn V¨n An", "Cá nhân", "VP", "Chuyeân vieân", "Nam", None],
        ["NV2", unicodedata.normalize("NFD", "Trần Thị Ánh"), "cá nhân", "VP", "Tröôûng phoøng", "Nữ", None],
        ["TT", "Thanh tra Sở", "tập thể", None, None, None, 40],
    ]
    path = write_xlsx(
        thidua.folder / "can-bo.xlsx", rows, sheet="Danh sách",
        fonts={"B3": ".VnTime", "B4": ".VnTime", "E4": "VNI-Times", "E5": "VNI-Times"}, formats={"G3": "0.0%"},
    )
    dry = thidua.ok("subject", "import", str(path), "--dry-run")
    assert "sẽ thêm 4" in dry.stderr
    assert 'trang tính "Danh sách", ô B4 (phông .VnTime): TCVN3 → Unicode "Nguyễn Văn An"' in dry.stderr
    assert 'ô E5 (phông VNI-Times): VNI → Unicode "Trưởng phòng"' in dry.stderr
    assert not thidua.db.exists() or subjects_json(thidua) == {}
    thidua.ok("subject", "import", str(path))
    subjects = subjects_json(thidua)
    assert subjects["VP"]["name"] == "Văn phòng Sở" and subjects["VP"]["female_percent"] == 62.5
    assert subjects["TT"]["female_percent"] == 40
    assert subjects["NV1"]["name"] == "Nguyễn Văn An"
    assert subjects["NV1"]["position"] == "Chuyên viên" and subjects["NV1"]["gender"] == "nam"
    assert subjects["NV2"]["name"] == unicodedata.normalize("NFC", "Trần Thị Ánh") and subjects["NV2"]["gender"] == "nữ"


def test_subject_import_xlsx_bad_row(thidua):
    thidua.mini()
    path = write_xlsx(thidua.folder / "can-bo.xlsx", [
        ["Mã", "Họ và tên", "Loại", "Giới tính"],
        ["NV7", "Phạm Văn Bảy", "cá nhân", "nam"],
        ["NV8", "Phạm Văn Tám", "nhân viên", "nam"],
    ], sheet="Danh sách")
    assert_refused(
        thidua, ["subject", "import", str(path)],
        'trang tính "Danh sách", dòng 3, cột C: "nhân viên" phải là cá nhân (individual) hoặc tập thể (collective)',
    )


def test_csv_columns_in_tcvn3_and_vni(thidua):
    """No font in a CSV: a column is judged on all its first rows together, so short cells ("L¸i xe") are converted too."""
    path = thidua.write("can-bo.csv", """
        code,name,kind,unit,position
        NV1,NguyÔn V¨n An,cá nhân,VP,Chuyªn viªn
        NV2,TrÇn ThÞ Hµ,cá nhân,VP,L¸i xe
        NV3,Lª V¨n Hoµ,cá nhân,VP,C¸n sù
        NV4,Ph¹m ThÞ Thuû,cá nhân,VP,KÕ to¸n
    """)
    result = thidua.ok("subject", "import", str(path))
    subjects = subjects_json(thidua)
    assert [(s["name"], s["position"]) for s in subjects.values()] == [
        ("Nguyễn Văn An", "Chuyên viên"), ("Trần Thị Hà", "Lái xe"), ("Lê Văn Hoà", "Cán sự"), ("Phạm Thị Thuỷ", "Kế toán"),
    ]
    assert 'dòng 3, cột "position": TCVN3 → Unicode "Lái xe"' in result.stderr
    vni = thidua.write("vni.csv", """
        code;name;kind
        NV5;Nguyeãn Thò Thuøy Döông;cá nhân
    """)
    thidua.ok("subject", "import", str(vni))
    assert subjects_json(thidua)["NV5"]["name"] == "Nguyễn Thị Thùy Dương"


def test_csv_saved_byte_for_byte_from_a_tcvn3_sheet(thidua):
    """Excel "Save as CSV" on a .VnTime sheet writes the font's bytes (Windows-1252), not UTF-8."""
    path = thidua.folder / "cu.csv"
    path.write_bytes("code,name,kind\nNV1,NguyÔn V¨n An,c¸ nh©n\n".encode("cp1252"))
    thidua.ok("subject", "import", str(path))
    assert subjects_json(thidua)["NV1"]["name"] == "Nguyễn Văn An"


def test_any_alias_table_reads_xlsx(tmp_path):
    """The reader is generic: the award history table (awards import) reads the same way."""
    from thidua_cli.domain.file_kinds import AWARD_HISTORY
    from thidua_cli.services.readers import read_rows

    path = write_xlsx(tmp_path / "khen.xlsx", [
        ["Đối tượng", "Hình thức", "Tên hình thức", "Số quyết định", "Ngày quyết định", "Cấp khen"],
        ["NV1", "GK", "GiÊy khen cña Gi¸m ®èc Së", "212/QĐ-STTTT", datetime(2020, 12, 25), "Giám đốc Sở"],
    ], sheet="Khen thưởng", fonts={"C2": ".VnTime"})
    rows = list(read_rows(path, AWARD_HISTORY))
    assert len(rows) == 1
    row = rows[0]
    assert row.values == {  # "Hình thức": the award, and that it is a hình thức khen thưởng (not a danh hiệu)
        "subject": "NV1", "form": "GK", "name": "Giấy khen của Giám đốc Sở", "number": "212/QĐ-STTTT",
        "date": date(2020, 12, 25), "issuer": "Giám đốc Sở",
    }
    assert row.where == 'trang tính "Khen thưởng", dòng 2'
    assert row.cells == {"subject": "A", "form": "B", "name": "C", "number": "D", "date": "E", "issuer": "F"}
    assert row.converted == ('trang tính "Khen thưởng", ô C2 (phông .VnTime): TCVN3 → Unicode "Giấy khen của Giám đốc Sở"',)


# --- names on the folded key -------------------------------------------------------------


@pytest.mark.parametrize("typed", ["Lê Văn Hoà", "lê văn hòa", "LÊ  VĂN   HÒA", "le van hoa", "  Lê Văn Hòa "])
def test_one_person_however_the_name_is_typed(thidua, typed):
    thidua.mini()
    thidua.ok("add-entry", "--subject", typed, "--criterion", "TC1", "--points", "1", "--date", "2021-10-20")
    assert [e["subject"] for e in entries_json(thidua)] == ["NV3"]


def test_thuy_and_thuy_and_nfd_are_one_subject_in_files(thidua):
    thidua.mini()
    thidua.ok("subject", "add", "--code", "NV9", "--name", "Lâm Thị Thuỷ", "--kind", "individual")
    path = write_xlsx(thidua.folder / "ten.xlsx", [
        ENTRY_HEADER,
        [date(2021, 10, 20), "Lâm Thị Thủy", "TC1", 1, "", ""],
        [date(2021, 10, 20), unicodedata.normalize("NFD", "lâm thị thuỷ"), "TC1", 2, "", ""],
        [date(2021, 10, 20), "Lê Văn Hoà", "TC1", 3, "", ""],
    ])
    thidua.ok("import-entries", str(path))
    assert [e["subject"] for e in entries_json(thidua)] == ["NV9", "NV9", "NV3"]


def test_near_duplicate_subject_warns(thidua):
    thidua.mini()
    path = thidua.write("them.csv", """
        code,name,kind,unit
        NV9,Lê Văn Hoà,cá nhân,VP
        NV10,Nguyễn Văn Bình,cá nhân,VP
        NV11,nguyễn  văn bình,cá nhân,VP
    """)
    result = thidua.ok("subject", "import", str(path))
    assert (
        'Cảnh báo: dòng 2: "Lê Văn Hoà" (mã NV9) trùng tên với NV3 — Lê Văn Hòa (đã có trong sổ); '
        "nếu là một người, hãy dùng một mã"
    ) in result.stderr
    assert 'Cảnh báo: dòng 4: "nguyễn văn bình" (mã NV11) trùng tên với NV10 — Nguyễn Văn Bình (ở dòng 3)' in result.stderr
    assert "Đã thêm 3" in result.stderr
    # the same rows again (another file: the same one is recognised and skipped): no new twins beyond the file's own
    again = thidua.ok("subject", "import", str(thidua.write("them-lai.csv", path.read_text(encoding="utf-8") + "\n")))
    assert again.stderr.count("Cảnh báo") == 2
    # two people with one name: the name is now ambiguous, the code is not
    assert_refused(thidua, ["add-entry", "--subject", "Lê Văn Hòa", "--criterion", "TC1", "--points", "1"], "trùng với 2 đối tượng")


# --- the bundled example -------------------------------------------------------------------


def test_example_xlsx_files_give_the_csv_ledger(thidua, tmp_path):
    example = EXAMPLE
    thidua.example()
    from_csv = thidua.ok("score", "--format", "json").stdout
    subjects_csv = thidua.ok("subject", "list", "--format", "json").stdout
    again = thidua.ok("import-entries", str(example / "thanh-tich.xlsx"))
    assert "Đã ghi 0 mục; bỏ qua 395 mục đã có" in again.stderr  # every entry identical to the CSV's
    assert "giữ nguyên 46" in thidua.ok("subject", "import", str(example / "danh-sach-can-bo.xlsx")).stderr

    from conftest import Thidua

    other = Thidua(tmp_path / "xlsx")
    other.folder.mkdir()
    other.ok("campaign", "load", str(example / "campaign.toml"))
    staff = other.ok("subject", "import", str(example / "danh-sach-can-bo.xlsx"))
    assert 'ô C7 (phông .VnTime): TCVN3 → Unicode "Văn phòng Sở"' in staff.stderr
    entries = other.ok("import-entries", str(example / "thanh-tich.xlsx"))
    assert "Đã ghi 395 mục" in entries.stderr
    assert other.ok("score", "--format", "json").stdout == from_csv
    assert other.ok("subject", "list", "--format", "json").stdout == subjects_csv


def test_example_xlsx_files_are_what_the_tool_builds_from_the_csvs(tmp_path):
    spec = importlib.util.spec_from_file_location("make_example_xlsx", REPO / "tools" / "make_example_xlsx.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    tool.build(EXAMPLE, tmp_path)
    for name in ("danh-sach-can-bo.xlsx", "thanh-tich.xlsx"):
        built, committed = load_workbook(tmp_path / name), load_workbook(EXAMPLE / name)
        assert built.sheetnames == committed.sheetnames
        for mine, theirs in zip(built.worksheets, committed.worksheets):
            assert [[(c.value, c.font.name) for c in row] for row in mine.iter_rows()] == [
                [(c.value, c.font.name) for c in row] for row in theirs.iter_rows()
            ], f"{name} is stale: run python tools/make_example_xlsx.py"
    staff = load_workbook(EXAMPLE / "danh-sach-can-bo.xlsx").active
    fonts = {staff.cell(row, 3).font.name for row in range(7, staff.max_row + 1)}
    assert fonts == {".VnTime", "Times New Roman"}  # names typed in TCVN3, a few retyped in Unicode
    sheet = load_workbook(EXAMPLE / "thanh-tich.xlsx").active  # a two-level header (rows 3–4), then the rows
    assert sheet["B5"].is_date and sheet["B5"].number_format == "DD/MM/YYYY"
    assert {str(r) for r in sheet.merged_cells.ranges} >= {"A1:H1", "G3:H3", "B3:B4"}
    assert [sheet["G4"].value, sheet["H4"].value] == ["Nội dung thành tích", "Văn bản minh chứng"]
    with (EXAMPLE / "entries.csv").open(encoding="utf-8") as handle:
        first = next(csv.DictReader(handle))
    assert sheet["B5"].value.date().isoformat() == first["date"]


# --- progress bar ---------------------------------------------------------------------------


def test_progress_bar_only_on_a_terminal(monkeypatch, capsys):
    import io
    import sys

    from thidua_cli.cli.common import progress_bar

    with progress_bar() as progress:
        assert progress is None  # pytest's stderr is not a terminal

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with progress_bar() as progress:
        assert callable(progress)
        for rows in range(1, 1001):
            progress(rows)
    assert "Đang đọc dòng 1.000" in terminal.getvalue()
    assert capsys.readouterr().out == ""  # never on stdout, where data goes


def test_csv_with_a_title_line_and_semicolons(thidua):
    thidua.mini()
    path = thidua.write("thanh-tich.csv", """
        BẢNG THEO DÕI THÀNH TÍCH THÁNG 10

        Ngày;Đối tượng;Tiêu chí;Điểm;Thành tích
        20/10/2021;NV1;TC1;8,5;Hoàn thành, vượt tiến độ
    """)
    thidua.ok("import-entries", str(path))
    assert [(e["date"], e["points"], e["note"]) for e in entries_json(thidua)] == [("2021-10-20", 8.5, "Hoàn thành, vượt tiến độ")]
