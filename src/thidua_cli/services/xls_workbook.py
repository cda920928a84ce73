"""An Excel 97–2003 workbook (.xls) read as the .xlsx it would be saved as, so that one reader reads both.

Offices keep years of .xls files — the old templates, the lists typed in .VnTime. xlrd reads the
binary format; what the .xlsx reader looks at is carried over cell by cell into an .xlsx built in
memory: values (dates as dates, whole numbers as integers, errors as Excel's error codes), each
cell's font name (a legacy TCVN3/VNI font is how its text is told) and strike-through, merged
ranges, hidden rows, columns and sheets, the sheet the workbook opens on, and the notes on cells.
An .xls holds at most 65,536 rows a sheet: the copy in memory stays small.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from thidua_cli.errors import ThiduaError

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of Excel 97–2003 (and Word 97) files
_SAVE_AS = "mở tệp bằng Excel rồi Lưu thành → Sổ làm việc Excel (.xlsx)"


def is_binary_workbook(start: bytes) -> bool:
    return start.startswith(OLE2_SIGNATURE)


def xls_as_xlsx(path: Path) -> BytesIO:
    """The .xlsx (in memory) holding what `path` holds; a file xlrd cannot read is refused by name."""
    import xlrd
    from openpyxl import Workbook

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True)
    except Exception as error:  # a damaged file fails anywhere in xlrd's parser (CompDocError, struct.error …)
        why = "có mật khẩu" if "encrypt" in str(error).lower() else "không phải sổ làm việc Excel 97–2003 (.xls) đọc được"
        raise ThiduaError(f"không đọc được tệp {path.name}: {why}", hint=f"{_SAVE_AS}; tệp có mật khẩu cần bỏ mật khẩu trước") from None
    workbook = Workbook()
    workbook.remove(workbook.active)
    fonts: dict[tuple[str, bool], object] = {}
    active = None
    for sheet in book.sheets():
        target = workbook.create_sheet(title=_title(sheet.name, workbook))
        target.sheet_state = {1: "hidden", 2: "veryHidden"}.get(sheet.visibility, "visible")
        if active is None and getattr(sheet, "sheet_selected", 0) and sheet.visibility == 0:
            active = len(workbook.worksheets) - 1
        _copy_cells(book, sheet, target, fonts)
        for row_low, row_high, column_low, column_high in sheet.merged_cells:
            if row_high - row_low > 1 or column_high - column_low > 1:
                target.merge_cells(start_row=row_low + 1, end_row=row_high, start_column=column_low + 1,
                                   end_column=column_high)
        for row, info in sheet.rowinfo_map.items():
            if info.hidden:
                target.row_dimensions[row + 1].hidden = True
        for column, info in sheet.colinfo_map.items():
            if info.hidden:
                from openpyxl.utils import get_column_letter

                target.column_dimensions[get_column_letter(column + 1)].hidden = True
        _copy_notes(sheet, target)
    if not workbook.worksheets:
        raise ThiduaError(f"tệp {path.name} không có trang tính nào")
    if active is not None:
        workbook.active = active
    copy = BytesIO()
    workbook.save(copy)
    copy.seek(0)
    return copy


def _copy_cells(book, sheet, target, fonts: dict) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    for row in range(sheet.nrows):
        for column in range(sheet.ncols):
            cell = sheet.cell(row, column)
            value = _value(cell, book.datemode)
            if value is None:
                continue
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub(" ", value)  # control characters an .xlsx cannot hold (none shows)
            written = target.cell(row=row + 1, column=column + 1, value=value)
            if isinstance(value, str) and value.startswith("="):
                written.data_type = "s"  # text that reads like a formula stays the text it is
            font = book.font_list[book.xf_list[cell.xf_index].font_index]
            key = (font.name, bool(font.struck_out))
            if key not in fonts:
                fonts[key] = Font(name=font.name, strike=bool(font.struck_out))
            written.font = fonts[key]


def _value(cell, datemode: int):
    import xlrd

    kind, value = cell.ctype, cell.value
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if kind == xlrd.XL_CELL_NUMBER:
        return int(value) if float(value).is_integer() and abs(value) < 2**53 else value
    if kind == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(value, datemode)
        except (xlrd.xldate.XLDateError, ValueError, OverflowError):
            return value  # a number the sheet formats as a date it cannot be: the reader names it as it is
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(value, "#VALUE!")
    return value


def _copy_notes(sheet, target) -> None:
    from openpyxl.comments import Comment

    for (row, column), note in getattr(sheet, "cell_note_map", {}).items():
        text = (note.text or "").strip()
        if text:
            target.cell(row=row + 1, column=column + 1).comment = Comment(text, note.author or "")


def _title(name: str, workbook) -> str:
    """The sheet's name as an .xlsx allows it (at most 31 characters, none of []:*?/\\), kept apart from the others."""
    clean = "".join(" " if char in "[]:*?/\\" else char for char in name)[:31] or "Sheet"
    taken = {sheet.title for sheet in workbook.worksheets}
    title, number = clean, 2
    while title in taken:
        title = f"{clean[:28]} ({number})"
        number += 1
    return title
