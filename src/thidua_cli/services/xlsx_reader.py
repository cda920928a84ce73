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

import re
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from thidua_cli.domain.file_kinds import FileKind
from thidua_cli.domain.vntext import clean, fold_key
from thidua_cli.errors import RowError, ThiduaError
from thidua_cli.services.readers import (
    HEADER_SEARCH_ROWS, LegacyCells, RawCell, RawRow, ReadNotes, SourceRow, find_header, finish_rows, is_numbering_row,
    below_signatures, footer_note, group_heading_note, holds_no_code, names_no_one, repeats_header, stray_note, two_level_headers, shortened_text, starts_footer, total_row_note,
)
from thidua_cli.services.xlsx_sheet import SheetExtras, cell_comments, list_sheets, sheet_extras

_FLOAT_NOISE = 1e-9
_SERIAL_DATES = (18264, 73051)  # 1950-01-01 .. 2099-12-31 as Excel day numbers (1900 system)
_BIRTH_SERIALS = (1, 73051)  # a birth date may be any day of the 1900s
_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!"}


def read_xlsx_rows(
    path: Path, kind: FileKind, sheet: str | None, explicit: dict[str, str], notes: ReadNotes | None,
) -> Iterator[SourceRow]:
    """The rows of one sheet; XML the workbook's parts cannot hold is refused with the file named.

    The parser (expat) never fetches an external entity and stops an entity expansion that
    grows out of bounds; either way the file is refused whole, before anything is written."""
    try:
        yield from _sheet_rows(path, kind, sheet, explicit, notes)
    except SyntaxError as error:  # xml.etree's ParseError and lxml's XMLSyntaxError both derive from it
        raise ThiduaError(
            f"không đọc được tệp {path.name}: {xml_problem(error)}; chưa ghi gì vào sổ",
            hint="mở tệp bằng Excel rồi Lưu thành → Sổ làm việc Excel (.xlsx) để có một tệp sạch",
        ) from None


_ENTITIES = "có khai báo thực thể XML (DTD/ENTITY, kiểu tấn công XXE hoặc \"billion laughs\"), bị từ chối vì an toàn"


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
        return _ENTITIES + where
    return "phần XML bên trong tệp bị hỏng" + where


def _sheet_rows(
    path: Path, kind: FileKind, sheet: str | None, explicit: dict[str, str], notes: ReadNotes | None,
) -> Iterator[SourceRow]:
    workbook = _open(path)
    try:
        worksheet, hidden = _choose_sheet(workbook, sheet, path.name)
        others = [s.title for s in workbook.worksheets
                  if s is not worksheet and s.title not in hidden and _holds_values(s)] if notes is not None else []
        if others:  # a sheet the drop-down lists of the one read draw on is a list of choices, not data left out
            lists = list_sheets(workbook, worksheet, others)
            others = [title for title in others if title not in lists]
        if notes is not None and (hidden or others):
            names = "; ".join(part for part in (
                f"trang tính {', '.join(f'{chr(34)}{title}{chr(34)}' for title in others)}" if others else "",
                f"trang tính ẩn {', '.join(f'{chr(34)}{title}{chr(34)}' for title in hidden)}" if hidden else "",
            ) if part)
            notes.sheet_notes.append(
                f'đọc trang tính "{worksheet.title}"; không đọc {names} (chọn trang khác bằng --sheet)'
            )
        if notes is not None:
            commented = cell_comments(workbook, worksheet)
            if commented:
                shown = "; ".join(f'ô {where}: "{shortened_text(text)}"' for where, text in commented[:20])
                more = f"; … và {len(commented) - 20} ô khác" if len(commented) > 20 else ""
                notes.sheet_notes.append(
                    f'trang tính "{worksheet.title}" có {len(commented)} ô kèm ghi chú (comment), không nhập vào sổ: '
                    f"{shown}{more} — điều cần giữ, chép vào cột nội dung hoặc minh chứng"
                )
        extras = sheet_extras(workbook, worksheet)
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
        first_lines = [_row_number(cells) or index + 1 for index, cells in enumerate(first_rows)]
        for line, cells in zip(first_lines, first_rows):
            extras.remember(line, cells)
        candidates = [
            [_header_text(extras.shown(line, i + 1, cell), converter) for i, cell in enumerate(cells)]
            for line, cells in zip(first_lines, first_rows)
        ]
        widest = max(map(len, candidates), default=0)
        for line, texts in zip(first_lines, candidates):  # a merged title reaching past the row's last cell written
            for i in range(len(texts), widest):
                merged = extras.merged_at(line, i + 1)
                if merged is None:
                    break
                texts.append(_header_text(extras.origin(merged), converter))
        combined = two_level_headers(candidates, lambda index: extras.spans_columns(first_lines[index]))

        def column_of(index: int, header: str, plain: bool = False) -> str:
            letter = _letter(index + 1)
            if not header:
                return f"cột {letter} (không có tiêu đề)"
            return f'{header} (cột {letter})' if plain else f'cột {letter} ("{header}")'

        try:
            layout = find_header(
                candidates, kind, f"{path.name}, {place}", explicit, lambda i: f"dòng {first_lines[i]}", column_of, notes,
                combined,
            )
        except ThiduaError as refused:
            # the sheet open when the file was saved is often a summary ("Tổng hợp") beside the sheets of data
            shown = [s.title for s in workbook.worksheets if s is not worksheet and s.sheet_state == "visible"]
            if sheet is None and shown and " thiếu cột " in refused.message:
                refused.hint = (f'tệp còn trang tính {", ".join(f"{chr(34)}{title}{chr(34)}" for title in shown)}: '
                                f'nếu bảng cần nhập ở trang khác, chọn bằng --sheet "{shown[0]}"; ') + (refused.hint or "")
            raise
        mapping = layout.mapping
        columns = {key: _letter(i + 1) for i, key in mapping.items()}
        header_width = len(layout.headers)
        untitled = {i for i in range(header_width) if not layout.headers[i]}
        beyond: set[int] = set()
        filled: dict[tuple[int, int, int, int], int] = {}
        hidden_read: list[int] = []  # data rows Excel hides (a filter left on, or hidden by hand): read all the same
        timed = _Timed()  # date cells holding a time of day too: the date is read, the time named
        # blank on the table's "Tổng cộng" row: who the row is about (else its first required column)
        guard = [key for key in kind.identity if key in columns] or [key for key in kind.required[0] if key in columns]
        names_only = kind.identity[0] not in columns  # a group's heading then stands in the names' column
        # the header over the codes (or names): a row holding it there may be the header typed again (a printed page's)
        guard_header = next((layout.headers[i] for i, key in mapping.items() if key == guard[0]), "").casefold()

        def names_nobody(chosen) -> bool:
            return notes is not None and all(_blank(chosen[key]) or names_no_one(_value(chosen[key])) for key in guard)

        def total_row(line: int, cells) -> str | None:
            """The warning's words when this row, naming nobody, sums the table (a "Tổng cộng" cell): its values,
            a formula never calculated by its text."""
            shown = []
            for i, cell in enumerate(cells):
                formula = extras.uncached.get((line, i + 1))
                shown.append((f"cột {_letter(i + 1)}", f"={formula}" if formula is not None else _value(cell)))
            return total_row_note(f"{place}, dòng {line}", shown)

        # the points column: a number Excel shows rounded ("8,33" for 25/3) is named as the person sees it
        points_at = next((i for i, key in mapping.items() if key in SUMMED_FIELDS), None)

        def _shown_fewer_places(cell) -> RowError | None:
            number = _number(cell.value)
            if not isinstance(number, Decimal) or number == round(number, 2):
                return None
            written = re.sub(r"\[[^\]]*\]|\"[^\"]*\"", "", getattr(cell, "number_format", "") or "")  # [Red], "đ"
            if not re.search(r"[0#]", written):
                return None  # "General": Excel shows the digits themselves
            places = re.search(r"\.([0#]+)", written)
            decimals = len(places.group(1)) if places else 0
            if round(number, decimals) == number:
                return None  # shown whole: the usual "quá 2 chữ số thập phân" names what the person sees
            shown = f"{round(number, decimals):.{decimals}f}".replace(".", ",")
            full = format(number, "f").replace(".", ",")
            return RowError(
                f"{place}, dòng {cell.row}", _letter(cell.column), shown,
                f"là số Excel hiện đã làm tròn; giá trị trong ô là {full} (quá 2 chữ số thập phân) — làm tròn trong ô "
                f"(=ROUND(…;2)) hoặc gõ số điểm",
            )

        def sheet_rows():
            yield from first_rows[layout.index + 1:]
            yield from rows

        def raw_rows() -> Iterator[RawRow]:
            first = True
            source = sheet_rows()
            for cells in source:
                line = _row_number(cells)
                if line is None:  # no cell at all
                    continue
                chosen = {}
                spread = []  # points shown once over several rows: each row's, or the rows' together?
                for i, key in mapping.items():
                    cell = cells[i] if i < len(cells) else None
                    merged = extras.merged_at(line, i + 1)
                    if merged is not None:
                        cell = extras.origin(merged)
                        filled[merged] = filled.get(merged, 0) + 1
                        if key in SUMMED_FIELDS and line != merged[0] and not _blank(cell):
                            spread.append(_spread_points(place, line, merged, _value(cell)))
                    chosen[key] = cell
                if points_at is not None and points_at < len(cells) and type(cells[points_at].value) is float:
                    shown = _shown_fewer_places(cells[points_at])
                    if shown is not None:
                        spread.append(shown)
                extras.remember(line, cells)
                for i, cell in enumerate(cells):
                    if (i in untitled or i >= header_width) and i not in beyond and not _blank(cell):
                        beyond.add(i)  # a value under no header: named with the unused columns
                # a heading first: "A. TẬP THỂ" typed in the STT cell alone leaves every column read blank
                if notes is not None and (names_only or holds_no_code(
                        _value(chosen[guard[0]]), [_value(chosen[key]) for key in guard[1:]])) and (
                        heading := group_heading_note(f"{place}, dòng {line}", (_value(cell) for cell in cells))):
                    notes.heading_row(line, heading)
                    continue
                if all(_blank(cell) for cell in chosen.values()) and not extras.uncached_in(line, columns_of(mapping)):
                    stray = stray_note(f"{place}, dòng {line}", (_value(cell) for cell in cells)) if notes is not None else None
                    if stray is not None:  # "Ghi chú: …" under the table: not read, told
                        notes.stray.append(stray)
                    continue
                if names_nobody(chosen):
                    total = total_row(line, cells)
                    if total is not None:
                        notes.totals.append(total)
                        if points_at is not None:  # compared with the rows' sum (import-entries); a formula never
                            # calculated has no value to compare
                            value = None if points_at >= len(cells) or (line, points_at + 1) in extras.uncached \
                                else _value(cells[points_at])
                            notes.total_points.append((line, f"{place}, dòng {line}", value))
                        continue
                    if starts_footer([_value(cell) for cell in cells], [_value(cell) for cell in chosen.values()]):
                        # the place, date, signers: the rest of the sheet is theirs
                        notes.footer.append(footer_note(f"{place}, dòng {line}", (_value(cell) for cell in cells)))
                        for more in source:
                            if _row_number(more) is not None and any(not _blank(cell) for cell in more):
                                below = _row_number(more)
                                notes.footer.append(footer_note(f"{place}, dòng {below}", (_value(c) for c in more)))
                                held = {key: more[i] if i < len(more) else None for i, key in mapping.items()}
                                if all(any(not _blank(held.get(key)) for key in group) for group in kind.required):
                                    # a row of the table typed under the signatures ("bổ sung"): not left out unseen
                                    key = next((key for key in (*guard, *held) if not _blank(held.get(key))))
                                    yield RawRow(f"{place}, dòng {below}", below, {}, columns, (RowError(
                                        f"{place}, dòng {below}", columns[key], _value(held[key]),
                                        below_signatures(line)),))
                        return
                if first:
                    first = False
                    if is_numbering_row(_value(cell) for cell in cells):
                        continue
                if (notes is not None and isinstance(_value(chosen[guard[0]]), str)
                        and _header_text(chosen[guard[0]], converter).casefold() == guard_header
                        and repeats_header([_header_text(cell, converter) for cell in cells], layout.headers)):
                    notes.repeated.append(f"{place}, dòng {line}")
                    first = True  # the column numbers "(1), (2)…" under it, as under the first header
                    continue
                if line in extras.hidden_rows:
                    hidden_read.append(line)
                problems = _cell_problems(extras, line, mapping, chosen, place) + tuple(spread) + _struck(chosen, columns, place, line)
                raw = {
                    key: RawCell(_typed(cell, key, workbook, timed, line), f"{place}, ô {columns[key]}{line}", _font(cell))
                    for key, cell in chosen.items()
                }
                yield RawRow(f"{place}, dòng {line}", line, raw, columns, problems)

        yield from finish_rows(raw_rows(), converter)
        if notes is not None:
            hidden_used = [i for i in sorted(mapping) if i + 1 in extras.hidden_columns]
            if hidden_used:
                shown = ", ".join(column_of(i, layout.headers[i], plain=True) for i in hidden_used)
                notes.sheet_notes.append(
                    f"{place} có cột đang ẩn trên Excel, vẫn được đọc như mọi cột: {shown} — kiểm lại các giá trị của cột ấy"
                )
            if timed.count:
                shown = ", ".join(f"ô {columns[key]}{line} ({value:%d/%m/%Y %H:%M})" for line, key, value in timed.first)
                more = f" … và {timed.count - len(timed.first)} ô khác" if timed.count > len(timed.first) else ""
                notes.sheet_notes.append(f"{place} có {timed.count} ô ngày kèm giờ trong ngày, sổ chỉ ghi ngày: {shown}{more}")
            if hidden_read:
                shown = ", ".join(str(line) for line in hidden_read[:20]) + (f" … và {len(hidden_read) - 20} dòng khác" if len(hidden_read) > 20 else "")
                notes.sheet_notes.append(
                    f'{place} có {len(hidden_read)} dòng đang ẩn trên Excel (lọc hoặc ẩn dòng), vẫn được đọc như mọi dòng: '
                    f"dòng {shown} — kiểm lại nếu các dòng ấy không phải để nhập"
                )
            notes.unused.extend(column_of(i, "") for i in sorted(beyond))
            for (min_row, min_col, max_row, max_col), count in sorted(filled.items()):
                notes.sheet_notes.append(
                    f"ô gộp {_letter(min_col)}{min_row}:{_letter(max_col)}{max_row}: giá trị của ô "
                    f"{_letter(min_col)}{min_row} được dùng cho cả {count + 1} dòng, như khi xem trên Excel"
                )
    finally:
        workbook.close()


# fields whose values the ledger adds up: a cell merged over several rows is shown once, so copying it into each
# row (as a name or a unit is) would count it once per row
SUMMED_FIELDS = frozenset({"points"})


def _struck(chosen: dict, columns: dict[str, str], place: str, line: int) -> tuple[RowError, ...]:
    """A row whose every cell read is struck through on the sheet: offices strike a row out to cancel it rather than
    delete it. Read as any row, a cancelled achievement would be counted; refused, naming the row."""
    filled = [(key, cell) for key, cell in chosen.items() if not _blank(cell)]
    if len(filled) < 2:
        return ()
    for _, cell in filled:
        font = getattr(cell, "font", None)
        if not getattr(font, "strike", False):
            return ()
    key, cell = next(((key, cell) for key, cell in filled if isinstance(_value(cell), str)), filled[0])  # the code, the name
    return (RowError(f"{place}, dòng {line}", columns[key], _value(cell),
                     "cả dòng bị gạch ngang trên Excel (dòng đã bỏ?) — đã bỏ thì xoá dòng; vẫn nhập thì bỏ gạch ngang"),)


def _spread_points(place: str, line: int, merged: tuple[int, int, int, int], value: object) -> RowError:
    min_row, min_col, max_row, max_col = merged
    rows = max_row - min_row + 1
    cells = f"{_letter(min_col)}{min_row}:{_letter(max_col)}{max_row}"
    return RowError(
        f"{place}, dòng {line}", _letter(min_col), value,
        f"là ô gộp {cells} ghi điểm một lần cho {rows} dòng — không rõ là điểm của từng dòng hay của cả {rows} dòng "
        "(nhập thì mỗi dòng một lần): bỏ gộp ô, ghi điểm của từng dòng",
    )


def columns_of(mapping: dict[int, str]) -> set[int]:
    return {i + 1 for i in mapping}


def _cell_problems(extras: SheetExtras, line: int, mapping: dict[int, str], chosen: dict, place: str) -> tuple[RowError, ...]:
    """A used cell the person sees a value in that the file does not hold: a formula never calculated, an error."""
    problems = []
    for i in mapping:
        letter = _letter(i + 1)
        formula = extras.uncached.get((line, i + 1))
        if formula is not None:
            problems.append(RowError(
                f"{place}, dòng {line}", letter, f"={formula}",
                "là công thức chưa có giá trị đã tính (tệp do một chương trình khác ghi ra) — "
                "mở tệp bằng Excel, lưu lại rồi nhập lại",
            ))
            continue
        value = _value(chosen[mapping[i]])
        if isinstance(value, str) and value.strip() in _ERRORS:
            problems.append(RowError(f"{place}, dòng {line}", letter, value, "là lỗi công thức trong Excel, không phải giá trị"))
    return tuple(problems)


def _open(path: Path):
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    from thidua_cli.errors import system_reason

    try:
        if path.suffix.lower() == ".xls":  # a workbook named .xls (`readers._readable`): openpyxl goes by the name
            from io import BytesIO

            from thidua_cli.services.xls_workbook import is_binary_workbook, xls_as_xlsx

            with open(path, "rb") as handle:
                data = handle.read()
            # Excel 97–2003: the .xlsx it would be saved as, built in memory
            source = xls_as_xlsx(path) if is_binary_workbook(data) else BytesIO(data)
            return load_workbook(source, read_only=True, data_only=True)
        return load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as error:
        detail = system_reason(error) if isinstance(error, OSError) and error.errno else "không phải sổ làm việc Excel .xlsx hợp lệ"
        if _forbidden_entities(error):
            detail = _ENTITIES
        raise ThiduaError(
            f"không đọc được tệp {path.name}: {detail}",
            hint="mở tệp bằng Excel rồi Lưu thành → Sổ làm việc Excel (.xlsx); tệp có mật khẩu cần bỏ mật khẩu trước",
        ) from None


def _forbidden_entities(error: BaseException) -> bool:
    """openpyxl parses through defusedxml when it is installed (fpdf2 needs it): its refusal of a DTD or an entity
    comes wrapped in openpyxl's "could not read worksheets" ValueError."""
    while error is not None:
        if type(error).__module__.startswith("defusedxml"):
            return True
        error = error.__cause__ or error.__context__
    return False


def _holds_values(worksheet) -> bool:
    """Whether a sheet not read holds data (Excel's empty "Sheet2", "Sheet3" are not worth a word, nor the
    "Danh mục" of codes thidua's own templates carry for their drop-down lists)."""
    from thidua_cli.render.fill_in import CATALOGUE_COLUMNS, CATALOGUE_SHEET

    for row in worksheet.iter_rows(values_only=True):
        texts = {str(value).strip() for value in row if value is not None and str(value).strip()}
        if not texts:
            continue
        headers = {header for _, *pair in CATALOGUE_COLUMNS for header in pair}
        return not (worksheet.title == CATALOGUE_SHEET and texts <= headers)
    return False


def _choose_sheet(workbook, sheet: str | None, filename: str):
    """(the sheet to read, titles of the hidden sheets not read): the one asked for, else the
    sheet the workbook opens on in Excel (its active sheet, if visible; else the first visible one)."""
    sheets = workbook.worksheets
    if not sheets:
        raise ThiduaError(f"tệp {filename} không có trang tính nào")
    hidden = [s.title for s in sheets if s.sheet_state != "visible"]
    if not sheet:
        visible = [s for s in sheets if s.sheet_state == "visible"]
        if not visible:
            raise ThiduaError(f"tệp {filename} chỉ có trang tính ẩn ({', '.join(hidden)}); chọn một trang bằng --sheet")
        active = workbook.active
        chosen = active if active in visible else visible[0]
        return chosen, hidden
    wanted = clean(sheet)
    for candidates in (
        [s for s in sheets if s.title == wanted],
        [s for s in sheets if fold_key(s.title) == fold_key(wanted)],
    ):
        if len(candidates) == 1:
            return candidates[0], [title for title in hidden if title != candidates[0].title]
    if wanted.isdigit() and 1 <= int(wanted) <= len(sheets):
        chosen = sheets[int(wanted) - 1]
        return chosen, [title for title in hidden if title != chosen.title]
    names = ", ".join(f'"{s.title}"' + (" (ẩn)" if s.sheet_state != "visible" else "") for s in sheets)
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


class _Timed:
    """The date cells of a sheet that hold a time of day too: how many, and the first 20 (line, field, value)."""

    __slots__ = ("count", "first")

    def __init__(self) -> None:
        self.count = 0
        self.first: list[tuple[int, str, datetime]] = []

    def add(self, line: int, key: str, value: datetime) -> None:
        self.count += 1
        if len(self.first) < 20:
            self.first.append((line, key, value))


def _typed(cell, key: str, workbook=None, timed: _Timed | None = None, line: int = 0) -> object:
    """The cell's value as the validators expect it (see the module docstring). A date cell holding a time of day
    (a second or more past midnight) is read as its date, and added to `timed` so that the time is named."""
    value = _value(cell)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, datetime):
        if timed is not None and (value.hour or value.minute or value.second):
            timed.add(line, key, value)
        return value.date()
    if isinstance(value, (date, time, timedelta)):
        return value if isinstance(value, date) else str(value)
    if isinstance(value, (int, float)):
        low, high = _BIRTH_SERIALS if key == "birth_date" else _SERIAL_DATES
        if (key in ("date", "joined") or key.endswith("_date")) and low <= value <= high:
            from openpyxl.utils.datetime import from_excel

            epoch = getattr(workbook, "epoch", None)
            return (from_excel(value, epoch) if epoch else from_excel(value)).date()
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
