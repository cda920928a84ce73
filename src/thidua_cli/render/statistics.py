"""The year's statistics forms: xlsx laid out like the official forms (merged headers, the same labels and
order), JSON, Markdown, and the ledger rows behind one cell (`--explain`)."""

from __future__ import annotations

from thidua_cli.domain.statistics import CIRCULAR, RECEIVED, StatForm, YearStatistics


def form_title(form: StatForm) -> str:
    return f"Biểu số: {form.code}/BNV-TĐKT"


def stats_json(stats: YearStatistics) -> dict:
    return {
        "year": stats.year,
        "circular": CIRCULAR,
        "forms": [
            {"form": form.code, "title": form.title, "measure": form.measure,
             "columns": [{"key": c.key, "number": c.number, "header": list(c.header)} for c in form.columns],
             "rows": [{"code": r.code or None, "label": r.label, "unit": r.unit or None,
                       "cells": {c.key: form.count(r.code, c.key) for c in form.columns} if r.code else None}
                      for r in form.rows]}
            for form in stats.forms
        ],
        "outside": [{"ref": s.ref, "text": s.text} for s in stats.outside],
    }


def _header_label(column) -> str:
    return " — ".join(column.header)


def stats_markdown(stats: YearStatistics) -> str:
    from thidua_cli.render.documents import md

    out = [f"# Thống kê thi đua, khen thưởng năm {stats.year}", "",
           f"{md(stats.agency)} — các biểu ban hành theo {CIRCULAR}; ngày nhận báo cáo: {RECEIVED.lower()}.", ""]
    for form in stats.forms:
        out += [f"## {form_title(form)} — {form.title}", ""]
        if form.measure:
            out += [f"*Đơn vị tính: {form.measure}*", ""]
        head = ["", "Mã số"] + (["Đơn vị tính"] if form.has_unit_column else []) + [
            f"{_header_label(c)} ({c.number})" for c in form.columns]
        out.append("| " + " | ".join(head) + " |")
        out.append("|" + "|".join(["---", ":---:"] + ([":---:"] if form.has_unit_column else []) + ["---:"] * len(form.columns)) + "|")
        for row in form.rows:
            label = f"**{md(row.label)}**" if row.bold else md(row.label)
            cells = [str(form.count(row.code, c.key)) if row.code else "" for c in form.columns]
            out.append("| " + " | ".join([label, row.code] + ([row.unit] if form.has_unit_column else []) + cells) + " |")
        out.append("")
    out.append(f"## Khen thưởng trong năm không thuộc biểu 0602.N, 0603.N: {len(stats.outside)}")
    out.append("")
    out += [f"- {md(source.text)}" for source in stats.outside] or ["Không có."]
    return "\n".join(out) + "\n"


def explain_text(form: StatForm, row: str, column: str, sources) -> str:
    label = next(r.label for r in form.rows if r.code == row)
    header = next(_header_label(c) for c in form.columns if c.key == column)
    lines = [f"Biểu {form.code}, dòng {row} ({label}), cột {column} ({header}): {len(sources)}"]
    lines += [f"  {source.ref}: {source.text}" for source in sources]
    return "\n".join(lines) + "\n"


def stats_xlsx(stats: YearStatistics) -> bytes:
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    from thidua_cli.render.tabular import neutralise

    workbook = Workbook()
    workbook.remove(workbook.active)
    thin = Side(style="thin")
    grid = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    font = Font(name="Times New Roman", size=11)
    bold = Font(name="Times New Roman", size=11, bold=True)
    for form in stats.forms:
        sheet = workbook.create_sheet(form.code)
        fixed = 3 if form.has_unit_column else 2
        width = fixed + len(form.columns)
        half = max(2, width // 2)

        def put(row, column, value, style=font, align=None, border=False):
            cell = sheet.cell(row=row, column=column, value=value)
            cell.font = style
            if align is not None:
                cell.alignment = align
            if border:
                cell.border = grid
            return cell

        def span(row, first, last, value, style=font, align=None):
            put(row, first, value, style, align)
            if last > first:
                sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)

        span(1, 1, half, form_title(form), bold)
        span(1, half + 1, width, f"Đơn vị báo cáo: {neutralise(stats.agency)}", bold, centre)
        span(2, 1, half, f"Ban hành theo {CIRCULAR}")
        span(2, half + 1, width, f"Đơn vị nhận báo cáo: {neutralise(stats.parent_agency)}", font, centre)
        span(3, 1, half, f"Ngày nhận báo cáo: {RECEIVED}")
        span(4, 1, width, form.title, Font(name="Times New Roman", size=14, bold=True), centre)
        span(5, 1, width, f"Năm {stats.year}", Font(name="Times New Roman", size=11, italic=True), centre)
        if form.measure:
            span(6, 1, width, f"Đơn vị tính: {form.measure}", Font(name="Times New Roman", size=11, italic=True),
                 Alignment(horizontal="right"))
        top = 7
        depth = max(len(c.header) for c in form.columns)
        bottom = top + depth - 1
        for index, title in enumerate(["", "Mã số"] + (["Đơn vị tính"] if form.has_unit_column else []), 1):
            for r in range(top, bottom + 1):
                put(r, index, None, bold, centre, border=True)
            put(top, index, title, bold, centre, border=True)
            if bottom > top:
                sheet.merge_cells(start_row=top, start_column=index, end_row=bottom, end_column=index)
        for level in range(depth):
            start = 0
            while start < len(form.columns):
                column = form.columns[start]
                if level >= len(column.header):
                    start += 1
                    continue
                end = start
                while (end + 1 < len(form.columns) and len(form.columns[end + 1].header) > level
                       and form.columns[end + 1].header[:level + 1] == column.header[:level + 1]):
                    end += 1
                row = top + level
                last_row = bottom if level == len(column.header) - 1 else row
                for c in range(start, end + 1):
                    for r in range(row, last_row + 1):
                        put(r, fixed + 1 + c, None, bold, centre, border=True)
                put(row, fixed + 1 + start, column.header[level], bold, centre, border=True)
                if end > start or last_row > row:
                    sheet.merge_cells(start_row=row, start_column=fixed + 1 + start, end_row=last_row, end_column=fixed + 1 + end)
                start = end + 1
        numbers = bottom + 1
        for index, letter in enumerate(["A", "B", "C"][:fixed], 1):
            put(numbers, index, letter, bold, centre, border=True)
        start = 0
        while start < len(form.columns):
            end = start
            while end + 1 < len(form.columns) and form.columns[end + 1].number == form.columns[start].number:
                end += 1
            for c in range(start, end + 1):
                put(numbers, fixed + 1 + c, None, bold, centre, border=True)
            put(numbers, fixed + 1 + start, form.columns[start].number, bold, centre, border=True)
            if end > start:
                sheet.merge_cells(start_row=numbers, start_column=fixed + 1 + start, end_row=numbers, end_column=fixed + 1 + end)
            start = end + 1
        current = numbers + 1
        for row in form.rows:
            style = bold if row.bold else font
            put(current, 1, row.label, style, Alignment(wrap_text=True, vertical="center"), border=True)
            put(current, 2, row.code or None, style, centre, border=True)
            if form.has_unit_column:
                put(current, 3, row.unit or None, style, centre, border=True)
            for index, column in enumerate(form.columns):
                put(current, fixed + 1 + index, form.count(row.code, column.key) if row.code else None, style,
                    Alignment(horizontal="right"), border=True)
            current += 1
        current += 1
        span(current, half + 1, width, f"{neutralise(stats.place)}, ngày …… tháng …… năm ……",
             Font(name="Times New Roman", size=11, italic=True), centre)
        span(current + 1, 1, half, "Người lập biểu", bold, centre)
        span(current + 1, half + 1, width, "Thủ trưởng đơn vị", bold, centre)
        span(current + 2, 1, half, "(Ký, họ tên)", Font(name="Times New Roman", size=11, italic=True), centre)
        span(current + 2, half + 1, width, "(Ký, họ tên, đóng dấu)", Font(name="Times New Roman", size=11, italic=True), centre)
        sheet.column_dimensions["A"].width = 58
        sheet.column_dimensions["B"].width = 7
        if form.has_unit_column:
            sheet.column_dimensions["C"].width = 12
        for index in range(len(form.columns)):
            sheet.column_dimensions[get_column_letter(fixed + 1 + index)].width = 13
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
