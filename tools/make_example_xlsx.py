"""Build the bundled example's Excel files from its CSV files, so both always agree.

    python tools/make_example_xlsx.py [FOLDER]      (default: examples/covid19-stttt)

writes, next to subjects.csv and entries.csv:

- danh-sach-can-bo.xlsx — the staff list as an office keeps it: the agency and
  the list's title above the table (typed in TCVN3 with the capital font
  .VnTimeH), a subtitle, the header row with Vietnamese titles (STT, Mã, Họ và
  tên, Loại, Đơn vị, Chức vụ, Giới tính, Tỷ lệ nữ (%)), a column-numbering row
  (1)…(8), then one row per subject; the names are typed in TCVN3 (font
  .VnTime);
- thanh-tich.xlsx — the entries with an office's headers: a merged title row,
  then a two-level header (STT, Ngày, Mã, Họ và tên, Tiêu chí, Điểm merged
  over two rows; "Thành tích" merged over "Nội dung thành tích" and "Văn bản
  minh chứng"), Ngày as real Excel dates shown DD/MM/YYYY, Điểm as numbers,
  the note typed in TCVN3 (font .VnTime).

TCVN3 has no toned capital letters (they were typed with an "H" font), so a
cell such as "Lưu Thị Ánh" or "Ủng hộ 39 kg gạo…" cannot be written in
.VnTime: those few cells stay in Unicode (Times New Roman), as when someone
has retyped them — `thidua` reads each cell by its own font.

`thidua subject import danh-sach-can-bo.xlsx` and `thidua import-entries
thanh-tich.xlsx` give exactly the ledger the CSV files give (a test checks it).
"""

from __future__ import annotations

import csv
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from thidua_cli.domain.legacy import tcvn3_to_unicode, unicode_to_tcvn3  # noqa: E402

UNICODE_FONT = "Times New Roman"
TCVN3_FONT = ".VnTime"
TCVN3_CAPITALS_FONT = ".VnTimeH"
FIXED_TIME = datetime(2022, 6, 1, 8, 0, 0)  # document properties, so rebuilding changes no metadata

KIND_LABELS = {"individual": "Cá nhân", "collective": "Tập thể"}
GENDER_LABELS = {"nam": "Nam", "nữ": "Nữ", "": None}


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _number(text: str):
    if not text:
        return None
    value = Decimal(text)
    return int(value) if value == value.to_integral_value() else float(value)


def tcvn3_cell(sheet, text: str, font: str = TCVN3_FONT, **style):
    """A cell typed in TCVN3 when the text can be (no toned capitals), else Unicode."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    legacy = unicode_to_tcvn3(text)
    uppercase = font == TCVN3_CAPITALS_FONT
    if tcvn3_to_unicode(legacy, uppercase=uppercase) == text:
        cell = WriteOnlyCell(sheet, value=legacy)
        cell.font = Font(name=font, **style)
    else:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = Font(name=UNICODE_FONT, **style)
    return cell


def _cell(sheet, value, **style):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cell = WriteOnlyCell(sheet, value=value)
    cell.font = Font(name=UNICODE_FONT, **style)
    return cell


def _workbook():
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    workbook.properties.creator = "Văn phòng Sở Thông tin và Truyền thông"
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    return workbook


def _header(sheet, titles: list[str]) -> list:
    from openpyxl.styles import Alignment

    cells = []
    for title in titles:
        cell = _cell(sheet, title, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cells.append(cell)
    return cells


def staff_workbook(subjects_csv: Path):
    """danh-sach-can-bo.xlsx from subjects.csv."""
    from openpyxl.styles import Alignment

    rows = _read(subjects_csv)
    workbook = _workbook()
    sheet = workbook.create_sheet("Danh sách")
    titles = ["STT", "Mã", "Họ và tên", "Loại", "Đơn vị", "Chức vụ", "Giới tính", "Tỷ lệ nữ (%)"]
    for letter, width in zip("ABCDEFGH", (6, 9, 45, 10, 10, 30, 10, 12)):
        sheet.column_dimensions[letter].width = width
    sheet.append([tcvn3_cell(sheet, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH TRÀ VINH", TCVN3_CAPITALS_FONT, bold=True)])
    sheet.append([tcvn3_cell(
        sheet, "DANH SÁCH TẬP THỂ, CÁ NHÂN THAM GIA PHONG TRÀO THI ĐUA ĐẶC BIỆT PHÒNG, CHỐNG DỊCH COVID-19",
        TCVN3_CAPITALS_FONT, bold=True,
    )])
    sheet.append([_cell(sheet, "(Kèm theo Kế hoạch số 44/KH-STTTT ngày 15/10/2021 của Sở Thông tin và Truyền thông)", italic=True)])
    sheet.append([])
    sheet.append(_header(sheet, titles))
    numbering = []
    for index in range(1, len(titles) + 1):
        cell = _cell(sheet, f"({index})", italic=True)
        cell.alignment = Alignment(horizontal="center")
        numbering.append(cell)
    sheet.append(numbering)
    for number, row in enumerate(rows, 1):
        sheet.append([
            _cell(sheet, number),
            _cell(sheet, row["code"]),
            tcvn3_cell(sheet, row["name"]),
            _cell(sheet, KIND_LABELS[row["kind"]]),
            _cell(sheet, row["unit"] or None),
            _cell(sheet, row["position"] or None),
            _cell(sheet, GENDER_LABELS[row["gender"]]),
            _cell(sheet, _number(row["female_percent"])),
        ])
    return workbook


def entries_workbook(entries_csv: Path):
    """thanh-tich.xlsx from entries.csv, with the headers an office writes (a merged two-level header)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    rows = _read(entries_csv)
    names = {row["code"]: row["name"] for row in _read(entries_csv.parent / "subjects.csv")}
    workbook = Workbook()  # not write-only: the header cells are merged
    workbook.properties.creator = "Văn phòng Sở Thông tin và Truyền thông"
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    sheet = workbook.active
    sheet.title = "Thành tích"
    for letter, width in zip("ABCDEFGH", (6, 12, 9, 28, 9, 8, 70, 45)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A5"

    def put(row: int, column: int, value, font: str = UNICODE_FONT, **style):
        cell = sheet.cell(row, column, value)
        cell.font = Font(name=font, **style)
        return cell

    put(1, 1, "BẢNG THEO DÕI THÀNH TÍCH PHONG TRÀO THI ĐUA ĐẶC BIỆT PHÒNG, CHỐNG DỊCH COVID-19", bold=True)
    sheet.merge_cells("A1:H1")
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for column, title in enumerate(["STT", "Ngày", "Mã", "Họ và tên", "Tiêu chí", "Điểm", "Thành tích"], 1):
        put(3, column, title, bold=True).alignment = center
    for column, title in ((7, "Nội dung thành tích"), (8, "Văn bản minh chứng")):
        put(4, column, title, bold=True).alignment = center
    for letter in "ABCDEF":
        sheet.merge_cells(f"{letter}3:{letter}4")
    sheet.merge_cells("G3:H3")
    for number, row in enumerate(rows, 1):
        line = number + 4
        put(line, 1, number)
        put(line, 2, date.fromisoformat(row["date"])).number_format = "DD/MM/YYYY"
        put(line, 3, row["subject"])
        put(line, 4, names[row["subject"]])
        put(line, 5, row["criterion"])
        put(line, 6, _number(row["points"]))
        if row["note"]:
            legacy = unicode_to_tcvn3(row["note"])
            if tcvn3_to_unicode(legacy) == row["note"]:
                put(line, 7, legacy, TCVN3_FONT)
            else:
                put(line, 7, row["note"])
        if row["evidence"]:
            put(line, 8, row["evidence"])
    return workbook


def build(folder: Path, out: Path | None = None) -> list[Path]:
    out = out or folder
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make, source in (
        ("danh-sach-can-bo.xlsx", staff_workbook, "subjects.csv"),
        ("thanh-tich.xlsx", entries_workbook, "entries.csv"),
    ):
        target = out / name
        make(folder / source).save(target)
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else REPO / "examples" / "covid19-stttt"
    for path in build(folder):
        print(f"Đã ghi {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
