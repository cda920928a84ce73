"""XLSX export of a `Table` (openpyxl, write-only mode so 100,000 rows stay fast).

One sheet: a title row (the campaign's name and the period, `Table.heading`),
then the header on row 2 (the importers find a header under a title row, so
the file can be imported back): bold, centred, frozen, with a filter; Vietnamese column titles; Times New Roman;
column widths from the content; numbers as numbers (negative points too),
dates as real dates shown DD/MM/YYYY, money with thousands. Text that a
spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) is
neutralised with a leading apostrophe (`tabular.neutralise`) and stored as
text; characters XML cannot hold are dropped. The table's caption (the
criteria legend of a score table) goes to a second sheet "Chú thích".
"""

from __future__ import annotations

import io
from copy import copy
from datetime import date
from decimal import Decimal

from thidua_cli.render.tabular import Column, Table, neutralise

FONT_NAME = "Times New Roman"
FONT_SIZE = 12
DATE_FORMAT = "DD/MM/YYYY"
MONEY_FORMAT = "#,##0"
MAX_WIDTH = 60


def _cell_value(column: Column, value, illegal=None):
    """The value as a spreadsheet should hold it (`illegal`: openpyxl's ILLEGAL_CHARACTERS_RE, passed in
    by a caller writing many cells)."""
    if illegal is None:
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE as illegal

    value = column.label(value)
    if value is None:
        return None
    if isinstance(value, bool):
        return "có" if value else None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (int, float, date)):
        return value
    text = illegal.sub("", str(value))
    return neutralise(text)


def _width(value) -> int:
    if value is None:
        return 0
    if isinstance(value, date):
        return 10
    if isinstance(value, float):
        return len(f"{value:,.2f}")
    if isinstance(value, int):
        return len(f"{value:,}")
    return max((len(line) for line in str(value).splitlines()), default=0)


WIDTH_SAMPLE = 1000  # rows read ahead to size the columns: a streamed listing is never held whole


def cell_style(sheet, **attributes):
    """A cell style of a write-only `sheet` built once, for `styled_cell`: openpyxl hashes every style
    object set on a cell, which costs more than writing the cell (slow on thousands of rows)."""
    from openpyxl.cell import WriteOnlyCell

    prototype = WriteOnlyCell(sheet)
    for name, value in attributes.items():
        setattr(prototype, name, value)
    return prototype._style


def styled_cell(sheet, value, style_array):
    """A new cell of a write-only `sheet` holding `value`, in a style made by `cell_style`."""
    from openpyxl.cell import WriteOnlyCell

    made = WriteOnlyCell(sheet, value=value)
    made._style = copy(style_array)
    return made


def table_to_xlsx(table: Table, sheet_title: str = "Dữ liệu") -> bytes:
    buffer = io.BytesIO()
    write_table_xlsx(table, buffer, sheet_title)
    return buffer.getvalue()


def write_table_xlsx(table: Table, handle, sheet_title: str = "Dữ liệu") -> None:
    """The workbook of `table` into an open binary file. openpyxl's write-only mode keeps rows on disk
    until the file is zipped, so memory stays flat; the widths come from the first `WIDTH_SAMPLE`
    rows (all of them in a table of that size or less); the filter's range, written with the
    sheet's tail, is set once the rows are counted."""
    from itertools import chain, islice

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.utils import get_column_letter

    columns = table.columns
    values_of = ([_cell_value(c, row.get(c.key), ILLEGAL_CHARACTERS_RE) for c in columns] for row in table.rows)
    sample = list(islice(values_of, WIDTH_SAMPLE))
    rows = chain(sample, values_of)
    widths = [len(c.title) for c in columns]
    for values in sample:
        for index, value in enumerate(values):
            size = _width(value)
            if size > widths[index]:
                widths[index] = size

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_sheet_name(sheet_title))
    for index, column in enumerate(columns):
        limit = column.width if column.width and column.width > len(column.title) else MAX_WIDTH
        sheet.column_dimensions[get_column_letter(index + 1)].width = max(6, min(widths[index], limit, MAX_WIDTH) + 2)
    sheet.freeze_panes = "A3"
    if columns:
        sheet.print_title_rows = "1:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_font = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    header_alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    body_font = Font(name=FONT_NAME, size=FONT_SIZE)

    def style(**attributes):
        return cell_style(sheet, **attributes)

    def cell(value, style_array):
        return styled_cell(sheet, value, style_array)

    header_style = style(font=header_font, fill=header_fill, alignment=header_alignment, border=border)
    heading_style = style(font=Font(name=FONT_NAME, size=FONT_SIZE + 2, bold=True))
    sheet.append([cell(neutralise(ILLEGAL_CHARACTERS_RE.sub("", table.heading or table.title)), heading_style)])
    sheet.append([cell(neutralise(column.title), header_style) for column in columns])

    plain = style(font=body_font, border=border)
    dated = style(font=body_font, border=border, number_format=DATE_FORMAT)
    numbered = [style(font=body_font, border=border, number_format=f) if f else plain for f in map(_number_format, columns)]
    # One styled cell per column and kind, given each row's value in turn: the write-only sheet writes a
    # row out as it is appended, so a cell is free again for the next row. A new cell and a copied style
    # per value cost more than openpyxl's own writing (~2× a plain write-only dump of the same rows).
    plain_cells = [cell(None, plain) for _ in columns]
    dated_cells = [cell(None, dated) for _ in columns]
    numbered_cells = [cell(None, style_array) for style_array in numbered]
    written = 0
    for values in rows:
        written += 1
        line = []
        for index, value in enumerate(values):
            if isinstance(value, date):
                made = dated_cells[index]
            elif isinstance(value, (int, float)):
                made = numbered_cells[index]
            else:
                made = plain_cells[index]
            made.value = value
            line.append(made)
        sheet.append(line)
    if columns:  # the heading on row 1, the column titles on row 2
        sheet.auto_filter.ref = f"A2:{get_column_letter(len(columns))}{written + 2}"

    if table.caption:
        notes = workbook.create_sheet("Chú thích")
        notes.column_dimensions["A"].width = 100
        for text in table.caption.splitlines():
            note = WriteOnlyCell(notes, value=neutralise(text))
            note.font = body_font
            notes.append([note])
    workbook.save(handle)


def _number_format(column: Column) -> str | None:
    if column.kind == "money":
        return MONEY_FORMAT
    if column.kind == "date":
        return DATE_FORMAT
    return None  # points and counts: General shows 8,55 / 99 the locale's way


def _sheet_name(title: str) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join("-" if char in "[]:*?/\\" else char for char in title).strip("'") or "Dữ liệu"
    return cleaned[:31]

