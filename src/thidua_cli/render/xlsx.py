"""XLSX export of a `Table` (openpyxl): header row, widths, numbers and dates typed."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from thidua_cli.render.tabular import Table, neutralise


def table_to_xlsx(table: Table, sheet_title: str = "Dữ liệu") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    bold = Font(name="Times New Roman", bold=True)
    normal = Font(name="Times New Roman")
    sheet.append([c.title for c in table.columns])
    for cell in sheet[1]:
        cell.font = bold
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    widths = [len(c.title) for c in table.columns]
    for row in table.rows:
        values = []
        for index, column in enumerate(table.columns):
            value = row.get(column.key)
            if isinstance(value, Decimal):
                value = int(value) if value == value.to_integral_value() else float(value)
            elif isinstance(value, bool):
                value = "có" if value else ""
            elif isinstance(value, str):
                value = neutralise(value)
            values.append(value)
            widths[index] = max(widths[index], min(60, len(str(value)) if value is not None else 0))
        sheet.append(values)
    for index, column in enumerate(table.columns, 1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(8, widths[index - 1] + 2)
        for cell in sheet[letter][1:]:
            cell.font = normal
            if column.kind == "date" or isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
            elif column.kind in ("points",):
                cell.number_format = "#,##0.00"
            elif column.kind == "money":
                cell.number_format = "#,##0"
            elif isinstance(cell.value, str):
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
