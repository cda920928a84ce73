"""Reading an .xlsx sheet as rows of named cells (see services/readers.py).

openpyxl reads the workbook in read-only (streaming) mode, so a sheet of
100,000 rows is never held in memory. Read-only cells still carry their
cell-level font (`cell.font`), which is what tells a TCVN3/VNI column apart;
the fonts of runs inside a rich-text cell are not available in this mode, so
such cells fall back on the character patterns.

Values keep their Excel type where it matters:
- a date cell gives a `date` (so does a bare serial number in a date column);
- a number gives an `int`, or a `Decimal` — a float that is a 2-decimal value
  but for binary noise (8.55 stored as 8.549999999999999) is rounded to it,
  any other float keeps all its digits (and points then fail with "có quá 2
  chữ số thập phân"); a percentage cell (0.625 shown as 62,5%) gives 62.5;
- text is converted from TCVN3/VNI when needed, then NFC-cleaned.
Errors and notes name the sheet, the row and the column letter as Excel
shows them: `trang tính "Nhập liệu", dòng 14, cột D`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from thidua_cli.domain.vntext import clean, fold_key
from thidua_cli.errors import ThiduaError
from thidua_cli.services.readers import (
    HEADER_SEARCH_ROWS, LegacyCells, RawCell, RawRow, SourceRow, find_header, finish_rows, is_numbering_row,
)

_FLOAT_NOISE = 1e-9
_SERIAL_DATES = (18264, 73051)  # 1950-01-01 .. 2099-12-31 as Excel day numbers


def read_xlsx_rows(
    path: Path, aliases: dict[str, tuple[str, ...]], required: tuple[str, ...], sheet: str | None,
    map_headers: Callable, require: Callable,
) -> Iterator[SourceRow]:
    """The rows of one sheet; XML the workbook's parts cannot hold is refused with the file named.

    The parser (expat) never fetches an external entity and stops an entity expansion that
    grows out of bounds; either way the file is refused whole, before anything is written."""
    try:
        yield from _sheet_rows(path, aliases, required, sheet, map_headers, require)
    except SyntaxError as error:  # xml.etree's ParseError and lxml's XMLSyntaxError both derive from it
        raise ThiduaError(
            f"không đọc được tệp {path.name}: {xml_problem(error)}; chưa ghi gì vào sổ",
            hint="mở tệp bằng Excel rồi Lưu thành → Sổ làm việc Excel (.xlsx) để có một tệp sạch",
        ) from None


def xml_problem(error: SyntaxError) -> str:
    """What is wrong with the XML inside an Office file, in Vietnamese (the parser's text is English)."""
    text = str(error).lower()
    where = ""
    position = getattr(error, "position", None)
    if isinstance(position, tuple) and len(position) == 2:
        where = f" (dòng {position[0]}, cột {position[1]} của phần XML bên trong)"
    if "invalid character" in text or "not well-formed (invalid token)" in text:
        return "có ký tự không hợp lệ trong XML (một tham chiếu ký tự như &#1; không được phép)" + where
    if "entity" in text or "dtd" in text or "amplification" in text:
        return ("có khai báo thực thể XML (DTD/ENTITY, kiểu tấn công XXE hoặc \"billion laughs\"), "
                "bị từ chối vì an toàn") + where
    return "phần XML bên trong tệp bị hỏng" + where


def _sheet_rows(
    path: Path, aliases: dict[str, tuple[str, ...]], required: tuple[str, ...], sheet: str | None,
    map_headers: Callable, require: Callable,
) -> Iterator[SourceRow]:
    workbook = _open(path)
    try:
        worksheet = _choose_sheet(workbook, sheet, path.name)
        worksheet.reset_dimensions()  # some writers store a wrong size; read what is there
        title = worksheet.title
        place = f'trang tính "{title}"'
        converter = LegacyCells()
        rows = worksheet.iter_rows()
        first_rows = []
        for cells in rows:
            first_rows.append(cells)
            if len(first_rows) >= HEADER_SEARCH_ROWS:
                break
        candidates = [[_header_text(cell, converter) for cell in cells] for cells in first_rows]
        index, mapping = find_header(candidates, aliases, required, f"{path.name}, {place}", map_headers, require)
        columns = {key: _letter(i + 1) for i, key in mapping.items()}

        def sheet_rows():
            yield from first_rows[index + 1:]
            yield from rows

        def raw_rows() -> Iterator[RawRow]:
            first = True
            for cells in sheet_rows():
                line = _row_number(cells)
                if line is None:  # no cell at all
                    continue
                chosen = {key: cells[i] if i < len(cells) else None for i, key in mapping.items()}
                if all(_blank(cell) for cell in chosen.values()):
                    continue
                if first:
                    first = False
                    if is_numbering_row(_value(cell) for cell in cells):
                        continue
                raw = {
                    key: RawCell(_typed(cell, key), f"{place}, ô {columns[key]}{line}", _font(cell))
                    for key, cell in chosen.items()
                }
                yield RawRow(f"{place}, dòng {line}", line, raw, columns)

        yield from finish_rows(raw_rows(), converter)
    finally:
        workbook.close()


def _open(path: Path):
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    from thidua_cli.errors import system_reason

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as error:
        detail = system_reason(error) if isinstance(error, OSError) and error.errno else "không phải sổ làm việc Excel .xlsx hợp lệ"
        raise ThiduaError(
            f"không đọc được tệp {path.name}: {detail}",
            hint="mở tệp bằng Excel rồi Lưu thành → Sổ làm việc Excel (.xlsx); tệp có mật khẩu cần bỏ mật khẩu trước",
        ) from None


def _choose_sheet(workbook, sheet: str | None, filename: str):
    sheets = workbook.worksheets
    if not sheets:
        raise ThiduaError(f"tệp {filename} không có trang tính nào")
    if not sheet:
        return sheets[0]
    wanted = clean(sheet)
    for candidates in (
        [s for s in sheets if s.title == wanted],
        [s for s in sheets if fold_key(s.title) == fold_key(wanted)],
    ):
        if len(candidates) == 1:
            return candidates[0]
    if wanted.isdigit() and 1 <= int(wanted) <= len(sheets):
        return sheets[int(wanted) - 1]
    names = ", ".join(f'"{s.title}"' for s in sheets)
    raise ThiduaError(f'tệp {filename} không có trang tính "{wanted}" (các trang tính: {names})')


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def _row_number(cells) -> int | None:
    for cell in cells:
        row = getattr(cell, "row", None)
        if row is not None:
            return row
    return None


def _value(cell):
    return None if cell is None else getattr(cell, "value", None)


def _blank(cell) -> bool:
    value = _value(cell)
    return value is None or (isinstance(value, str) and not value.strip())


def _font(cell) -> str | None:
    font = getattr(cell, "font", None) if cell is not None else None
    return getattr(font, "name", None) if font is not None else None


def _header_text(cell, converter: LegacyCells) -> str:
    value = _value(cell)
    if value is None:
        return ""
    if not isinstance(value, str):
        return clean(str(value))
    return clean(converter.convert(None, value, _font(cell))[0])


def _typed(cell, key: str) -> object:
    """The cell's value as the validators expect it (see the module docstring)."""
    value = _value(cell)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, (date, time, timedelta)):
        return value if isinstance(value, date) else str(value)
    if isinstance(value, (int, float)):
        if (key == "date" or key.endswith("_date")) and _SERIAL_DATES[0] <= value <= _SERIAL_DATES[1]:
            from openpyxl.utils.datetime import from_excel

            return from_excel(value).date()
        percent = "%" in (getattr(cell, "number_format", "") or "")
        return _number(value, percent)
    return value if isinstance(value, str) else str(value)


def _number(value: int | float, percent: bool = False) -> int | Decimal:
    if isinstance(value, int):
        number = Decimal(value)
    else:
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        number = Decimal(repr(value))
    if percent:
        number *= 100
    rounded = round(number, 2)
    if number != rounded and abs(float(number) - float(rounded)) <= _FLOAT_NOISE * max(1.0, abs(float(number))):
        number = rounded
    if number == number.to_integral_value():
        return int(number)
    return number.normalize() if number.as_tuple().exponent < -2 else number
