"""Generate the Word templates in `templates/docx/` (python-docx), NĐ 30/2020 layout.

    python tools/make_docx_templates.py [OUT_DIR]      # default: templates/docx

The files are committed; run this again after changing the layout here. Each
document is A4 (the danh sách landscape), margins top/bottom 20 mm, left 30 mm,
right 15 mm, Times New Roman everywhere (docDefaults, every style, every run,
East Asian slot included, language vi-VN), body 14 pt, page numbers centred at
the top from page 2 (a different first-page header), the two-column borderless
header table, signature block and "Nơi nhận".

Jinja tags for docxtpl are written so that each one sits inside a single Word
run: `{{ … }}` inline, `{%p … %}` alone in a paragraph (loops and conditions
over paragraphs), `{%tr … %}` alone in the first cell of a table row (loops and
conditions over rows). The context each template receives is documented in
`thidua_cli.render.dossier.dossier_contexts` (the dossier) and
`thidua_cli.render.report.report_context` (bao-cao-thang, the monthly report).
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"
BODY_PT = 14
TOP, BOTTOM, LEFT, RIGHT = 20, 20, 30, 15  # mm, NĐ 30/2020
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT_ALIGN = WD_ALIGN_PARAGRAPH.LEFT
RIGHT_ALIGN = WD_ALIGN_PARAGRAPH.RIGHT

# ---------------------------------------------------------------------------
# Document, styles, page
# ---------------------------------------------------------------------------


def _set_fonts(rfonts) -> None:
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if rfonts.get(qn(attr)) is not None:
            del rfonts.attrib[qn(attr)]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FONT)


def _rpr_fonts(rpr) -> None:
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    _set_fonts(rfonts)


def _fix_styles(document) -> None:
    """Times New Roman in docDefaults and in every style; no theme fonts; Vietnamese language; black."""
    styles = document.styles.element
    doc_defaults = styles.find(qn("w:docDefaults"))
    rpr_default = doc_defaults.find(qn("w:rPrDefault"))
    rpr = rpr_default.find(qn("w:rPr"))
    _rpr_fonts(rpr)
    for tag in ("w:sz", "w:szCs"):
        element = rpr.find(qn(tag))
        if element is None:
            element = OxmlElement(tag)
            rpr.append(element)
        element.set(qn("w:val"), str(BODY_PT * 2))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    lang.set(qn("w:bidi"), "ar-SA")
    for rfonts in styles.iter(qn("w:rFonts")):
        _set_fonts(rfonts)
    for color in styles.iter(qn("w:color")):
        color.set(qn("w:val"), "000000")
        for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
            if color.get(qn(attr)) is not None:
                del color.attrib[qn(attr)]
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    _rpr_fonts(normal.element.get_or_add_rPr())
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE


def _page_number_field(paragraph) -> None:
    """PAGE field as Word writes it (begin / instrText / separate / result / end)."""
    def run_with(child):
        run = paragraph.add_run()
        _run_font(run, 13)
        run._r.append(child)
        return run

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    result = paragraph.add_run("2")
    _run_font(result, 13)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def new_document(title: str, landscape: bool = False):
    document = Document()
    _fix_styles(document)
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(TOP), Mm(BOTTOM)
    section.left_margin, section.right_margin = Mm(LEFT), Mm(RIGHT)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    section.gutter = Mm(0)
    # Page numbers centred at the top, not on the first page (NĐ 30/2020 Phụ lục I).
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.alignment = CENTER
    _page_number_field(paragraph)
    first = section.first_page_header
    first.is_linked_to_previous = False
    first.paragraphs[0].text = ""
    properties = document.core_properties
    properties.title = title
    properties.author = "thidua"
    properties.last_modified_by = "thidua"
    properties.comments = "Mẫu văn bản của thidua (docxtpl): giữ nguyên các thẻ Jinja trong văn bản."
    properties.language = "vi-VN"
    stamp = datetime(2025, 7, 1, tzinfo=timezone.utc)
    properties.created = stamp
    properties.modified = stamp
    properties.revision = 1
    # the default body holds one empty paragraph: drop it
    body = document.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    return document


def usable_width(document) -> int:
    section = document.sections[0]
    return section.page_width - section.left_margin - section.right_margin


# ---------------------------------------------------------------------------
# Paragraphs and runs
# ---------------------------------------------------------------------------


def _run_font(run, size: float | None = None) -> None:
    run.font.name = FONT
    _rpr_fonts(run._r.get_or_add_rPr())
    if size is not None:
        run.font.size = Pt(size)


def add_run(paragraph, text: str, bold=False, italic=False, underline=False, size: float | None = None):
    run = paragraph.add_run(text)
    _run_font(run, size)
    run.bold = bold or None
    run.italic = italic or None
    if underline:
        run.underline = True
    for t in run._r.iter(qn("w:t")):
        t.set(qn("xml:space"), "preserve")
    return run


def _new_paragraph(container):
    """A new paragraph; in a table cell the untouched paragraph Word requires is used first."""
    paragraphs = container.paragraphs
    if hasattr(container, "_tc") and len(paragraphs) == 1:
        only = paragraphs[0]
        if only._p.pPr is None and not only.runs:
            return only
    return container.add_paragraph()


def para(container, text: str = "", align=JUSTIFY, bold=False, italic=False, underline=False, size: float | None = None,
         indent: bool = False, before: float = 0, after: float = 6, line: float | None = 1.1, keep_next: bool = False):
    paragraph = _new_paragraph(container)
    fmt = paragraph.paragraph_format
    paragraph.alignment = align
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if line is not None:
        fmt.line_spacing = line
    if indent:
        fmt.first_line_indent = Cm(1.27)
    if keep_next:
        fmt.keep_with_next = True
    if text:
        add_run(paragraph, text, bold=bold, italic=italic, underline=underline, size=size)
    return paragraph


def tag(container, text: str):
    """A paragraph holding only a `{%p … %}` tag (docxtpl removes the paragraph itself)."""
    return para(container, text, align=LEFT_ALIGN, after=0, line=None)


def rule(container, width_mm: float, cell_width_mm: float, before: float = 0, after: float = 0):
    """A short horizontal rule centred in a cell/page: an empty paragraph with a bottom border."""
    paragraph = _new_paragraph(container)
    fmt = paragraph.paragraph_format
    side = max((cell_width_mm - width_mm) / 2, 0)
    fmt.left_indent = Mm(side)
    fmt.right_indent = Mm(side)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = Pt(2)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "6")
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    ppr.append(borders)
    run = paragraph.add_run("")
    _run_font(run, 2)
    return paragraph


def page_break(document) -> None:
    paragraph = para(document, after=0, line=None)
    paragraph.add_run().add_break(WD_BREAK.PAGE)


# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------


def _borders(table, value: str) -> None:
    tbl_pr = table._tbl.tblPr
    old = tbl_pr.find(qn("w:tblBorders"))
    if old is not None:
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), value)
        if value != "nil":
            element.set(qn("w:sz"), "4")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "000000")
        borders.append(element)
    tbl_pr.append(borders)


def _cell_margins(table, left_mm: float, right_mm: float, top_mm: float = 0, bottom_mm: float = 0) -> None:
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for edge, value in (("top", top_mm), ("left", left_mm), ("bottom", bottom_mm), ("right", right_mm)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(int(value * 56.7)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.append(margins)


def make_table(container, widths_mm: list[float], rows: int = 1, grid: bool = False, margins=(0, 0)):
    table = container.add_table(rows=rows, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(int(sum(widths_mm) * 56.7)))
    width.set(qn("w:type"), "dxa")
    old = tbl_pr.find(qn("w:tblW"))
    if old is not None:
        tbl_pr.remove(old)
    tbl_pr.append(width)
    _borders(table, "single" if grid else "nil")
    _cell_margins(table, *margins)
    for index, mm in enumerate(widths_mm):
        table.columns[index].width = Mm(mm)
        for cell in table.columns[index].cells:
            cell.width = Mm(mm)
    return table


def cell_text(cell, text: str = "", align=LEFT_ALIGN, bold=False, italic=False, size: float = 12):
    paragraph = _new_paragraph(cell)
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(1)
    fmt.space_after = Pt(1)
    if text:
        add_run(paragraph, text, bold=bold, italic=italic, size=size)
    return paragraph


def cell_para(cell, text: str = "", align=CENTER, bold=False, italic=False, underline=False, size: float = 13,
              before: float = 0, after: float = 0):
    """A paragraph in a borderless layout cell (header, signature)."""
    paragraph = _new_paragraph(cell)
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if text:
        add_run(paragraph, text, bold=bold, italic=italic, underline=underline, size=size)
    return paragraph


def header_row(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def cant_split(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def merge_row(row):
    """Merge every cell of a row into one and return it."""
    first = row.cells[0]
    return first.merge(row.cells[-1])


def tag_row(table, text: str):
    """A table row whose first cell holds only a `{%tr … %}` tag (docxtpl replaces the whole row)."""
    row = table.add_row()
    cell_text(row.cells[0], text, size=8)
    return row


# ---------------------------------------------------------------------------
# NĐ 30 building blocks
# ---------------------------------------------------------------------------


def nd30_header(document, left_mm: float, right_mm: float, second_row: bool = True):
    """Two-column borderless header: chủ quản / ban hành + rule / Số ; Quốc hiệu / Tiêu ngữ / date line.

    A second row carries "Số" and the place-date line so both sit on the same line.
    """
    table = make_table(document, [left_mm, right_mm], rows=2 if second_row else 1, margins=(1, 1))
    left, right = table.rows[0].cells
    tag(left, "{%p for line in header.parent_lines %}")
    cell_para(left, "{{ line }}", size=13)
    tag(left, "{%p endfor %}")
    tag(left, "{%p for line in header.issuer_lines %}")
    cell_para(left, "{{ line }}", bold=True, size=12)
    tag(left, "{%p endfor %}")
    rule(left, 22, left_mm, before=1)
    cell_para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12)
    cell_para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, underline=True, size=13.5)
    if second_row:
        left2, right2 = table.rows[1].cells
        cell_para(left2, "{{ header.number }}", size=13, before=6)
        cell_para(right2, "{{ header.date_line }}", italic=True, size=14, before=6)
    para(document, after=6, line=None)
    return table


def nd30_title(document, type_name: str, subject_tag: str, note_tag: str | None = None):
    width = usable_width(document) / 36000
    para(document, type_name, align=CENTER, bold=True, size=14, before=6, after=0, keep_next=True)
    para(document, subject_tag, align=CENTER, bold=True, size=14, after=0, keep_next=True)
    if note_tag:
        para(document, note_tag, align=CENTER, italic=True, size=14, after=0, keep_next=True)
    rule(document, 40, width, before=2, after=12)


def _gap(document, points: float = 6):
    """A small empty paragraph (vertical space before a layout table), kept with the table."""
    paragraph = para(document, after=0, line=None, keep_next=True)
    paragraph.paragraph_format.line_spacing = Pt(points)
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    return paragraph


def signature_cell(cell, sig: str):
    tag(cell, "{%p for line in " + sig + ".lines %}")
    cell_para(cell, "{{ line }}", bold=True, size=13)
    tag(cell, "{%p endfor %}")
    tag(cell, "{%p if " + sig + ".note %}")
    cell_para(cell, "{{ " + sig + ".note }}", italic=True, size=13)
    tag(cell, "{%p endif %}")
    tag(cell, "{%p for _ in range(" + sig + ".pad) %}")  # the names of blocks side by side on one line
    cell_para(cell, "", size=13)
    tag(cell, "{%p endfor %}")
    for _ in range(4):
        cell_para(cell, "", size=14)
    cell_para(cell, "{{ " + sig + ".name }}", bold=True, size=14)


def recipients_cell(cell, variable: str = "recipients"):
    cell_para(cell, "Nơi nhận:", align=LEFT_ALIGN, bold=True, italic=True, size=12)
    tag(cell, "{%p for line in " + variable + " %}")
    cell_para(cell, "{{ line }}", align=LEFT_ALIGN, size=11)
    tag(cell, "{%p endfor %}")


def signature_block(document, recipients: bool = True, sig: str = "signature", container=None, width_mm: float | None = None):
    """The "Nơi nhận" and the signature side by side; `container`: a table cell to put them in (a listing's closing
    row, `listing_table`), `width_mm` wide, instead of the page."""
    container = document if container is None else container
    _gap(container)
    width = width_mm if width_mm is not None else usable_width(document) / 36000
    left = width * 0.45
    table = make_table(container, [left, width - left])
    cant_split(table.rows[0])
    l_cell, r_cell = table.rows[0].cells
    if recipients:
        recipients_cell(l_cell)
    signature_cell(r_cell, sig)
    return table


def two_signatures(document, left_sig: str, right_sig: str, below_left: str | None = None):
    """Two signature blocks side by side; `below_left`: a third one under the left block, in the same
    unsplittable row, so that it never lands alone on a page (the báo cáo's cấp trình khen thưởng)."""
    _gap(document)
    width = usable_width(document) / 36000
    table = make_table(document, [width / 2, width / 2])
    cant_split(table.rows[0])
    signature_cell(table.rows[0].cells[0], left_sig)
    if below_left:
        left = table.rows[0].cells[0]
        tag(left, "{%p if " + below_left + " %}")
        cell_para(left, "", size=14)
        cell_para(left, "", size=14)
        signature_cell(left, below_left)
        tag(left, "{%p endif %}")
    signature_cell(table.rows[0].cells[1], right_sig)
    return table


def closing(document, text: str):
    """The last paragraph before the signature: kept on the page of the signature block."""
    paragraph = body(document, text)
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def body(document, text: str, bold_prefix: str = "", italic=False):
    paragraph = para(document, "", indent=True, italic=italic)
    if bold_prefix:
        add_run(paragraph, bold_prefix, bold=True)
    add_run(paragraph, text, italic=italic)
    return paragraph


def dash_list(document, loop: str, text: str, keep: bool = False, align=JUSTIFY):
    """One "- …" paragraph per item; `keep`: the list stays with what follows (the tail of a document)."""
    tag(document, "{%p for " + loop + " %}")
    para(document, text, indent=True, after=3, keep_next=keep, align=align)
    tag(document, "{%p endfor %}")


# ---------------------------------------------------------------------------
# The documents
# ---------------------------------------------------------------------------


def grid_table(document, columns: list[tuple[str, float]], size: float = 12):
    table = make_table(document, [w for _, w in columns], rows=1, grid=True, margins=(1.2, 1.2, 0.3, 0.3))
    head = table.rows[0]
    header_row(head)
    for cell, (title, _) in zip(head.cells, columns):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        cell_text(cell, title, align=CENTER, bold=True, size=size)
    return table


def data_row(table, values: list[tuple[str, object]], size: float = 12, bold=False):
    row = table.add_row()
    cant_split(row)
    for cell, (text, align) in zip(row.cells, values):
        cell_text(cell, text, align=align, size=size, bold=bold)
    return row


def loop_rows(table, loop: str, data: list[tuple[str, object]], size: float = 12):
    """`{%tr for LOOP %}` + one data row + `{%tr endfor %}`: one table row per item."""
    tag_row(table, "{%tr for " + loop + " %}")
    data_row(table, data, size=size)
    tag_row(table, "{%tr endfor %}")


def heading_rows(table, variable: str, data: list[tuple[str, object]], size: float = 12):
    """`{%tr for row in VAR %}` + a merged heading row (row.heading) or a data row."""
    tag_row(table, "{%tr for row in " + variable + " %}")
    tag_row(table, "{%tr if row.heading %}")
    heading = table.add_row()
    cant_split(heading)
    merged = merge_row(heading)
    cell_text(merged, "{{ row.label }}", bold=True, size=size)
    # a group heading ("I. LAO ĐỘNG TIÊN TIẾN", "1. Cá nhân (33)") is kept with the row below it, so that it never
    # sits alone at the foot of a page; the column titles repeat on every page (header_row)
    for paragraph in merged.paragraphs:
        paragraph.paragraph_format.keep_with_next = True
    tag_row(table, "{%tr else %}")
    data_row(table, data, size=size)
    tag_row(table, "{%tr endif %}")
    tag_row(table, "{%tr endfor %}")


def total_row(table, label: str, value: str, size: float = 12):
    """The bold "Tổng cộng" row."""
    row = table.add_row()
    cant_split(row)
    cells = row.cells
    merged = cells[0].merge(cells[-2])
    cell_text(merged, label, align=CENTER, bold=True, size=size)
    cell_text(row.cells[-1], value, align=RIGHT_ALIGN, bold=True, size=size)


def listing_table(document, columns: list[tuple[str, float]], variable: str, data: list[tuple[str, object]],
                  total_label: str, total_value: str, size: float = 12, closing=None):
    """A listing (danh sách, annex of a quyết định): ONE table — the column titles (repeated on every page), the rows
    of VARIABLE with their headings, then its tail: the last data row (with the headings just above it) and the
    "Tổng cộng" row, unsplittable and kept with the next row; `closing(cell, width_mm)` fills a last row without
    borders with what must stand on the page of the total (the sum in words, the signature).

    Word keeps a row whose paragraphs are "keep with next" with the next row, and so does LibreOffice (for Word
    files); neither carries "keep with next" from a table's last row to the paragraph after the table. So what
    follows the total is a row of the table too: the last row, the total, the sum in words and the signature go to
    a page together, and that page opens with the column titles (a tail in a table of its own, as before, started
    its page with a row and no titles)."""
    table = grid_table(document, columns, size=size)
    keep_together(table)  # the column titles: alone when the tail is all the rows there are (one subject)
    heading_rows(table, variable + " | body_rows", data, size=size)
    first_of_tail = len(table.rows)
    heading_rows(table, variable + " | tail_rows", data, size=size)
    total_row(table, total_label, total_value, size=size)
    for row in table.rows[first_of_tail:]:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
    if closing is not None:
        closing_row(table, closing)
    return table


def closing_row(table, fill) -> None:
    """A last, unsplittable row of a grid table with no borders but the rule above it, one cell across the table
    and no cell margins; `fill(cell, width_mm)` writes in it. The cell's last paragraph (Word requires one after a
    table) is a hairline."""
    row = table.add_row()
    cant_split(row)
    cell = merge_row(row)
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for edge in ("left", "bottom", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tc_pr.append(borders)
    margins = OxmlElement("w:tcMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tc_pr.append(margins)
    width_mm = sum(column.width for column in table.columns) / 36000
    fill(cell, width_mm)
    last = cell.paragraphs[-1]
    if last.runs or len(cell.paragraphs) == 1:
        last = cell.add_paragraph()
    _shrink(last)


def _shrink(paragraph) -> None:
    """A paragraph as small as a paragraph can be (its mark 1 pt, its line 0.1 pt)."""
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(0.1)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    _one_point_mark(paragraph)


def _one_point_mark(paragraph) -> None:
    """The paragraph's mark at 1 pt: an empty paragraph's height is its mark's."""
    mark = OxmlElement("w:rPr")
    for tag_name in ("w:sz", "w:szCs"):
        size = OxmlElement(tag_name)
        size.set(qn("w:val"), "2")
        mark.append(size)
    paragraph._p.get_or_add_pPr().append(mark)


def words_and_signature(cell, width_mm: float) -> None:
    """The danh sách's close, in the closing row of its listing: the sum in words, then the signature."""
    para(cell, "Tổng số tiền thưởng bằng chữ: {{ group.amount | money_words }}.", italic=True, before=6, keep_next=True)
    signature_block(None, recipients=False, container=cell, width_mm=width_mm)


def to_trinh():
    document = new_document("Tờ trình đề nghị khen thưởng")
    nd30_header(document, 72, 93)
    nd30_title(document, "TỜ TRÌNH", "{{ subject_line }}")
    para(document, "Kính gửi: {{ addressee }}.", align=CENTER, after=12)
    tag(document, "{%p for line in basis %}")
    para(document, "Căn cứ {{ line }}{{ '.' if loop.last else ';' }}", indent=True)
    tag(document, "{%p endfor %}")
    body(document, "Trong {{ campaign.phrase }} ({{ period_text }}), các tập thể, cá nhân thuộc {{ agency }} "
         "đã tích cực hưởng ứng, thi đua và đạt nhiều thành tích. Căn cứ kết quả chấm điểm theo tiêu chí của phong trào và "
         "kết quả bình xét của {{ council_name }}, {{ sender }} kính trình {{ addressee }} {{ request }} {{ group.award_phrase }} "
         "cho {{ group.phrase }} (có danh sách kèm theo), cụ thể như sau:")
    tag(document, "{%p for award in group.awards %}")
    paragraph = para(document, "", indent=True, keep_next=True)
    add_run(paragraph, "{{ award.index }}. {{ award.name }}: {{ award.phrase }}", bold=True)
    tag(document, "{%p for section in award.sections %}")
    para(document, "{{ section.letter }}) {{ section.label }} ({{ '%02d' | format(section.count) }}):", indent=True, keep_next=True)
    dash_list(document, "row in section.rows", "- {{ row.listing_voted }}{{ '.' if loop.last else ';' }}")
    tag(document, "{%p endfor %}")
    tag(document, "{%p endfor %}")
    tag(document, "{%p if vote_line %}")
    body(document, "{{ vote_line }}")
    tag(document, "{%p endif %}")
    body(document, "Tổng số tiền thưởng theo quy định: {{ group.amount | money }} đồng (Bằng chữ: {{ group.amount | money_words }}).")
    para(document, "Hồ sơ kèm theo:", indent=True, keep_next=True)
    dash_list(document, "item in attachments", "- {{ item }}{{ '.' if loop.last else ';' }}", keep=True)
    closing(document, "Kính trình {{ addressee }} {{ closing }}./.")
    signature_block(document)
    return document


def danh_sach():
    document = new_document("Danh sách đề nghị khen thưởng", landscape=True)
    nd30_header(document, 100, 152, second_row=False)
    nd30_title(document, "{{ title }}", "({{ attached_to }})")
    # the second title line is italic, not bold: restyle it
    subject = document.paragraphs[-2]
    for run in subject.runs:
        run.bold = None
        run.italic = True
    # the last row, the total, the sum in words and the signature go to a page together: never a bare signature page
    listing_table(document, [
        # STT and Điểm hold "2960" and "142,75" on one line (a province's list runs to thousands of rows)
        ("STT", 13), ("Họ và tên / Tên tập thể", 48), ("Chức vụ", 26), ("Đơn vị", 36), ("Tóm tắt thành tích", 65),
        ("Điểm", 16), ("{{ proposed_heading }}", 26), ("Tiền thưởng (đồng)", 22),
    ], "group.table", [
        ("{{ row.stt }}", CENTER), ("{{ row.name }}", LEFT_ALIGN), ("{{ row.position }}", LEFT_ALIGN),
        ("{{ row.unit }}", LEFT_ALIGN), ("{{ row.summary }}", LEFT_ALIGN), ("{{ row.total | points }}", RIGHT_ALIGN),
        ("{{ row.award }}", LEFT_ALIGN), (AMOUNT_WITH_NOTE, RIGHT_ALIGN),
    ], "Tổng cộng: {{ group.phrase }}", "{{ group.amount | money }}", closing=words_and_signature)
    return document


def bien_ban():
    document = new_document("Biên bản họp Hội đồng Thi đua - Khen thưởng")
    nd30_header(document, 72, 93)
    nd30_title(document, "BIÊN BẢN", "{{ subject_line }}")
    body(document, "Thời gian: bắt đầu lúc {{ meeting.start or '...... giờ ......' }} phút, {{ meeting.day or (today | date_words) }}.")
    body(document, "Địa điểm: {{ meeting.place ~ '.' if meeting.place else '..................................................................' }}")
    body(document, "Thành phần tham dự:")
    tag(document, "{%p if meeting.members %}")
    dash_list(document, "member in meeting.members", "- {{ member.text }}{{ '.' if loop.last else ';' }}")
    tag(document, "{%p else %}")
    para(document, "- Chủ tọa: {{ council.chair or '....................' }}, {{ council.chair_role or 'Chủ tịch Hội đồng' }};", indent=True, after=3)
    para(document, "- Thư ký: {{ council.secretary or '....................' }}.", indent=True, after=3)
    tag(document, "{%p endif %}")
    tag(document, "{%p if meeting.line %}")
    body(document, "{{ meeting.line }}")
    tag(document, "{%p endif %}")
    # the members' list does not say who chairs and who keeps the minutes; the two lines without it just did
    tag(document, "{%p if meeting.members %}")
    body(document, "Chủ tọa: {{ council.chair or '....................' }}; thư ký: {{ council.secretary or '....................' }}.")
    tag(document, "{%p endif %}")
    body(document, "Nội dung:")
    body(document, "1. Thường trực Hội đồng báo cáo kết quả chấm điểm {{ campaign.phrase }} {{ period_text }} "
         "và danh sách {{ candidate_phrase }} đủ tiêu chuẩn đề nghị khen thưởng theo tiêu chí của phong trào.")
    # one part per council sitting: the first on the round as proposed, each next one on the proposals made when
    # a vote fell through; each with its table and, when there were several, its result
    tag(document, "{%p for session in sessions %}")
    body(document, "{{ session.intro }}").paragraph_format.keep_with_next = True
    table = grid_table(document, [
        # "Kết quả" holds its heading and "Không đạt" on one line each; STT and Điểm "2960" and "142,75"
        ("STT", 12), ("Họ và tên / Tên tập thể", 33), ("Đơn vị", 26), ("Điểm", 14), ("{{ proposed_heading }}", 25),
        ("Tỷ lệ cần đạt", 13), ("Số phiếu đồng ý", 13), ("Tỷ lệ (%)", 12), ("Kết quả", 17),
    ], size=11)
    heading_rows(table, "session.rows", [
        ("{{ row.stt }}", CENTER), ("{{ row.name }}", LEFT_ALIGN), ("{{ row.unit }}", LEFT_ALIGN),
        ("{{ row.total | points }}", RIGHT_ALIGN), ("{{ row.award }}", LEFT_ALIGN),
        ("{% if row.threshold is not none %}≥ {{ row.threshold | percent }}%{% else %}> 50%{% endif %}", CENTER),
        ("{% if row.votes_for is not none %}{{ row.votes_for }}/{{ council.members }}{% endif %}", CENTER),
        ("{% if row.percent is not none %}{{ row.percent | percent }}{% endif %}", RIGHT_ALIGN),
        ("{{ row.result }}", CENTER),
    ], size=11)
    para(document, after=6, line=None)
    tag(document, "{%p if session.result %}")
    body(document, "{{ session.result }}")
    tag(document, "{%p endif %}")
    tag(document, "{%p endfor %}")
    tag(document, "{%p if limit_lines %}")
    body(document, "{{ ties_number }}. Các trường hợp bằng điểm tại suất cuối:").paragraph_format.keep_with_next = True
    dash_list(document, "line in limit_lines", "- {{ line }}")
    tag(document, "{%p endif %}")
    tag(document, "{%p if voted %}")
    paragraph = para(document, "", indent=True, keep_next=True)
    add_run(paragraph, "Kết luận: ", bold=True)
    add_run(paragraph, "Hội đồng thống nhất đề nghị khen thưởng {{ conclusion.phrase }} đạt tỷ lệ phiếu đồng ý theo quy định "
            "(có danh sách kèm theo), cụ thể:")
    dash_list(document, "line in conclusion.lines", "- {{ line }}")
    tag(document, "{%p else %}")
    paragraph = para(document, "", indent=True)
    add_run(paragraph, "Kết luận: ", bold=True)
    add_run(paragraph, "căn cứ kết quả biểu quyết, Hội đồng thống nhất đề nghị khen thưởng các trường hợp đạt tỷ lệ phiếu đồng ý "
            "theo quy định (có danh sách kèm theo).")
    tag(document, "{%p endif %}")
    # the meeting closes on the first sitting's day, or on the last sitting's when that sat on a later day
    closing(document, "{{ meeting.close_word }} {{ meeting.close_day ~ ' ' if meeting.close_day else '' }}kết thúc lúc "
            "{{ meeting.close_end or '...... giờ ......' }} phút{{ '' if meeting.close_day else ' cùng ngày' }}. Biên bản đã được thông qua "
            "trước các thành viên dự họp./.")
    table = two_signatures(document, "signatures.secretary", "signatures.chair")
    keep_together(table)  # the signatures stay with the "Nơi nhận" row added below
    row = table.add_row()
    cant_split(row)
    cell = merge_row(row)
    cell_para(cell, "", size=6)
    recipients_cell(cell)
    return document


def bao_cao():
    document = new_document("Báo cáo thành tích")
    nd30_header(document, 72, 93)
    nd30_title(document, "{{ title }}", "{{ subject_line }}", "{{ campaign_line }}")
    para(document, "{{ section_one }}", bold=True, keep_next=True)
    # flush left: a line that runs over with a dotted blank to fill in ("- Số cán bộ, …: ……… (nữ chiếm 35%)") was
    # stretched to the margin, justified
    dash_list(document, "item in profile", "- {{ item.label }}: {{ item.value }}", align=LEFT_ALIGN)
    para(document, "{{ section_two }}", bold=True, before=6, keep_next=True)
    tag(document, "{%p if full and duties %}")
    paragraph = para(document, "", indent=True)
    add_run(paragraph, "1. {{ 'Quyền hạn, nhiệm vụ được giao' if individual else 'Chức năng, nhiệm vụ được giao' }}: ", bold=True)
    add_run(paragraph, "{{ duties }}.")
    para(document, "{{ achievements_heading }}:", bold=True, indent=True, keep_next=True)
    tag(document, "{%p endif %}")
    tag(document, "{%p for c in achievements %}")
    paragraph = para(document, "", indent=True, keep_next=True)
    add_run(paragraph, "{{ c.label }} {{ c.name }}", bold=True)
    dash_list(document, "line in c.lines", "- {{ line }}{{ '.' if loop.last else ';' }}")
    tag(document, "{%p endfor %}")
    tag(document, "{%p if not achievements %}")
    body(document, "{{ 'Cá nhân' if individual else 'Tập thể' }} tự ghi thành tích đạt được trong phong trào.")
    tag(document, "{%p endif %}")
    para(document, "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True, before=6, keep_next=True)
    for index, (key, label) in enumerate((("titles", "Danh hiệu thi đua"), ("forms", "Hình thức khen thưởng")), 1):
        para(document, f"{index}. {label}", bold=True, indent=True, keep_next=True)
        tag(document, "{%p if history." + key + " %}")
        table = grid_table(document, [("Năm", 16), (label, 55), ("Số, ngày quyết định", 42), ("Cơ quan ban hành", 52)])
        loop_rows(table, "h in history." + key, [("{{ h.year }}", CENTER), ("{{ h.name }}", LEFT_ALIGN),
                                                 ("{{ h.number }}{% if h.date %}, {{ h.date | short_date }}{% endif %}", LEFT_ALIGN),
                                                 ("{{ h.issuer }}", LEFT_ALIGN)])
        if key == "forms":  # the last list stays with the signatures
            keep_together(table)
        tag(document, "{%p else %}")
        body(document, "Không có.").paragraph_format.keep_with_next = key == "forms"
        tag(document, "{%p endif %}")
    para(document, after=6, line=None, keep_next=True)
    two_signatures(document, "left_signature", "right_signature", below_left="extra_signature")
    return document


def quyet_dinh():
    document = new_document("Quyết định khen thưởng (dự thảo)")
    nd30_header(document, 72, 93)
    nd30_title(document, "QUYẾT ĐỊNH", "{{ subject_line }}")
    para(document, "{{ authority_line }}", align=CENTER, bold=True, after=12)
    tag(document, "{%p for line in basis %}")
    para(document, "Căn cứ {{ line }};", indent=True, italic=True)
    tag(document, "{%p endfor %}")
    para(document, "{{ proposer }}", indent=True, italic=True)
    para(document, "QUYẾT ĐỊNH:", align=CENTER, bold=True, before=6, after=12)
    body(document, " {{ article_one }} (có danh sách kèm theo) đã có thành tích xuất sắc trong {{ campaign.phrase }} "
         "{{ period_text }}.", bold_prefix="Điều 1.")
    body(document, " Tiền thưởng kèm theo {% for line in money_lines %}{{ line }}{{ '.' if loop.last else '; ' }}{% endfor %} "
         "Tổng số tiền thưởng: {{ amount | money }} đồng (Bằng chữ: {{ amount | money_words }}), từ nguồn {{ funding }}.",
         bold_prefix="Điều 2.")
    body(document, " {{ executors }} chịu trách nhiệm thi hành Quyết định này. Quyết định có hiệu lực kể từ ngày ký./.",
         bold_prefix="Điều 3.").paragraph_format.keep_with_next = True
    signature_block(document)
    page_break(document)
    para(document, "{{ annex_title }}", align=CENTER, bold=True, after=0)
    para(document, "({{ annex_attached_to }})", align=CENTER, italic=True, after=0)
    rule(document, 40, usable_width(document) / 36000, before=2, after=12)
    listing_table(document, [("STT", 12), ("Họ và tên / Tên tập thể", 60), ("Chức vụ, đơn vị", 65), ("Tiền thưởng (đồng)", 28)],
                  "table", [
        ("{{ row.stt }}", CENTER), ("{{ row.name }}", LEFT_ALIGN),
        ("{{ [row.position, row.unit] | select | join(', ') }}", LEFT_ALIGN), (AMOUNT_WITH_NOTE, RIGHT_ALIGN),
    ], "Tổng cộng: {{ phrase }}", "{{ amount | money }}")
    return document


def heading(document, text: str, level: int = 1):
    """Section headings of a report: "I. …" bold, "1. …" bold and indented, "a) …" italic and indented."""
    return para(document, text, bold=level <= 2, italic=level == 3, indent=level > 1, before=6 if level == 1 else 3,
                keep_next=True)


def note(document, text: str):
    """A 12 pt italic note under a table."""
    return para(document, text, align=LEFT_ALIGN, italic=True, size=12, after=6)


def optional(document, condition: str, build, otherwise: str | None = None):
    """`{%p if CONDITION %}` what `build(document)` adds `{%p else %}` the OTHERWISE paragraph `{%p endif %}`."""
    tag(document, "{%p if " + condition + " %}")
    build(document)
    if otherwise is not None:
        tag(document, "{%p else %}")
        body(document, otherwise)
    tag(document, "{%p endif %}")


def keep_together(table) -> None:
    """Every row kept with the next, so that a short table is not split across pages (nor left
    as a heading and one row at the foot of a page); a table longer than a page still breaks."""
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def report_table(document, columns: list[tuple[str, float, object, str]], loop: str, total: list[str] | None = None,
                 keep: bool = False):
    """A bordered table of the report: (title, width mm, alignment, cell) per column, one row per item of
    LOOP, an optional bold total row; then a small gap. `keep`: for tables that are short by nature."""
    table = grid_table(document, [(title, width) for title, width, _, _ in columns])
    loop_rows(table, loop, [(cell, align) for _, _, align, cell in columns])
    if total is not None:
        data_row(table, [(text, align) for text, (_, _, align, _) in zip(total, columns)], bold=True)
    if keep:
        keep_together(table)
    _gap(document, 6)
    return table


def bao_cao_thang():
    """Báo cáo kết quả thực hiện phong trào thi đua (thidua report): context in render/report.py, report_context."""
    document = new_document("Báo cáo kết quả thực hiện phong trào thi đua")
    nd30_header(document, 72, 93)
    nd30_title(document, "{{ title }}", "{{ subject_line }}")
    body(document, "{{ intro }}")

    heading(document, "I. {{ headings.results }}")
    tag(document, "{%p for line in summary %}")
    body(document, "{{ line }}")
    tag(document, "{%p endfor %}")
    heading(document, "1. {{ headings.by_criterion }}", 2)
    report_table(document, [
        ("TT", 12, CENTER, "{{ row.stt }}"), ("Tiêu chí", 105, LEFT_ALIGN, "{{ row.code }}. {{ row.name }}"),
        ("Số mục", 20, RIGHT_ALIGN, "{{ row.entries }}"), ("Điểm ghi nhận", 28, RIGHT_ALIGN, "{{ row.points }}"),
    ], "row in criteria.rows", ["", "Tổng cộng", "{{ criteria.total.entries }}", "{{ criteria.total.points }}"], keep=True)
    note(document, "{{ criteria_note }}")
    heading(document, "2. {{ headings.by_unit }}", 2)
    report_table(document, [
        ("TT", 12, CENTER, "{{ row.stt }}"), ("Đơn vị", 85, LEFT_ALIGN, "{{ row.name }}"),
        ("Có kết quả", 22, CENTER, "{{ row.subjects }}"), ("Số mục", 18, RIGHT_ALIGN, "{{ row.entries }}"),
        ("Điểm ghi nhận", 28, RIGHT_ALIGN, "{{ row.points }}"),
    ], "row in units.rows", ["", "Tổng cộng", "{{ units.total.subjects }}", "{{ units.total.entries }}", "{{ units.total.points }}"],
       keep=True)
    note(document, "{{ units_note }}")
    heading(document, "3. {{ headings.idle }}", 2)
    optional(document, "idle", lambda d: dash_list(d, "line in idle", "- {{ line.unit }}: {{ line.text }}."), "{{ idle_none }}")

    heading(document, "II. {{ headings.examples }}")
    heading(document, "1. {{ headings.top }}", 2)
    optional(document, "not top", lambda d: body(d, "{{ top_none }}"))
    tag(document, "{%p for group in top %}")
    heading(document, "{{ group.letter }}) {{ group.label }}", 3)
    tag(document, "{%p if group.kind == 'individual' %}")
    report_table(document, [
        ("Hạng", 14, CENTER, "{{ row.rank }}"), ("Họ và tên", 38, LEFT_ALIGN, "{{ row.name }}"),
        ("Đơn vị", 35, LEFT_ALIGN, "{{ row.unit }}"), ("Điểm", 16, RIGHT_ALIGN, "{{ row.points }}"),
        ("Thành tích nổi bật", 62, LEFT_ALIGN, "{{ row.highlight }}"),
    ], "row in group.rows", keep=True)
    tag(document, "{%p else %}")
    report_table(document, [
        ("Hạng", 14, CENTER, "{{ row.rank }}"), ("Tập thể", 55, LEFT_ALIGN, "{{ row.name }}"),
        ("Điểm", 16, RIGHT_ALIGN, "{{ row.points }}"), ("Thành tích nổi bật", 80, LEFT_ALIGN, "{{ row.highlight }}"),
    ], "row in group.rows", keep=True)
    tag(document, "{%p endif %}")
    optional(document, "group.note", lambda d: note(d, "{{ group.note }}"))
    tag(document, "{%p endfor %}")
    for number, key, what in ((2, "initiatives", "Nội dung, minh chứng"), (3, "penalties", "Nội dung vi phạm, minh chứng")):
        heading(document, f"{number}. {{{{ headings.{key} }}}}", 2)

        def entries(d, key=key, what=what):
            report_table(d, [
                ("TT", 10, CENTER, "{{ row.stt }}"), ("Ngày", 24, CENTER, "{{ row.date }}"),
                ("Tập thể, cá nhân", 38, LEFT_ALIGN, "{{ row.name }}"), (what, 78, LEFT_ALIGN, "{{ row.content }}"),
                ("Điểm", 15, RIGHT_ALIGN, "{{ row.points }}"),
            ], f"row in {key}.rows")
            optional(d, f"{key}.more", lambda d2: note(d2, f"{{{{ {key}.more }}}}"))

        optional(document, f"{key}.rows", entries, "{{ nothing }}")

    heading(document, "III. {{ headings.standings }}")
    body(document, "{{ standings_intro }}")
    tag(document, "{%p for group in standings %}")
    heading(document, "{{ group.number }}. {{ group.label }}", 2)
    # "Xếp loại" holds tiers such as "Hoàn thành xuất sắc nhiệm vụ": wide enough for two lines at most ("Hoàn thành
    # / xuất sắc / nhiệm vụ" took three in 23 mm), and `nowrap_tail` keeps "nhiệm vụ" together on the second
    variants = (
        ("group.kind == 'individual' and has_previous", [("Họ và tên", 36), ("Đơn vị", 39), ("Tổng điểm", 18), ("Xếp loại", 44), ("Thay đổi", 14)]),
        ("group.kind == 'individual'", [("Họ và tên", 41), ("Đơn vị", 47), ("Tổng điểm", 18), ("Xếp loại", 45)]),
        ("has_previous", [("Tập thể", 75), ("Tổng điểm", 18), ("Xếp loại", 44), ("Thay đổi", 14)]),
        (None, [("Tập thể", 88), ("Tổng điểm", 18), ("Xếp loại", 45)]),
    )
    # a campaign without tiers has no "Xếp loại" column: its width goes to the names and units
    def untier(columns):
        freed, wide = dict(columns)["Xếp loại"], [t for t, _ in columns if t in ("Họ và tên", "Tập thể", "Đơn vị")]
        share = {title: freed // len(wide) + (freed % len(wide) if index == 0 else 0) for index, title in enumerate(wide)}
        return [(title, width + share.get(title, 0)) for title, width in columns if title != "Xếp loại"]

    untiered = tuple((f"not has_tiers and {condition}" if condition else "not has_tiers", untier(columns))
                     for condition, columns in variants)
    variants = (*untiered, *variants)
    cells = {"Họ và tên": (LEFT_ALIGN, "{{ row.name }}"), "Tập thể": (LEFT_ALIGN, "{{ row.name }}"),
             "Đơn vị": (LEFT_ALIGN, "{{ row.unit }}"), "Tổng điểm": (RIGHT_ALIGN, "{{ row.total }}"),
             "Xếp loại": (LEFT_ALIGN, "{{ row.tier | nowrap_tail }}"), "Thay đổi": (CENTER, "{{ row.change }}")}
    for index, (condition, columns) in enumerate(variants):
        tag(document, "{%p else %}" if condition is None else ("{%p if " if index == 0 else "{%p elif ") + condition + " %}")
        report_table(document, [("Hạng", 14, CENTER, "{{ row.rank }}")]
                     + [(title, width, *cells[title]) for title, width in columns], "row in group.rows",
                     keep="Tập thể" in dict(columns))  # one row per unit: short; the individuals run for pages
    tag(document, "{%p endif %}")
    optional(document, "group.more", lambda d: note(d, "{{ group.more }}"))
    tag(document, "{%p endfor %}")

    heading(document, "IV. {{ headings.awards }}")
    heading(document, "1. {{ headings.proposed }}", 2)
    optional(document, "proposed", lambda d: report_table(d, [
        ("Đợt", 14, CENTER, "{{ row.round }}"), ("Ngày", 25, CENTER, "{{ row.date }}"),
        ("Danh hiệu, hình thức khen thưởng", 66, LEFT_ALIGN, "{{ row.award }}"), ("Tập thể, cá nhân", 60, LEFT_ALIGN, "{{ row.who }}"),
    ], "row in proposed"), "{{ proposed_none }}")
    heading(document, "2. {{ headings.decided }}", 2)
    optional(document, "decided", lambda d: report_table(d, [
        ("Quyết định", 45, LEFT_ALIGN, "{{ row.decision }}"), ("Danh hiệu, hình thức khen thưởng", 60, LEFT_ALIGN, "{{ row.award }}"),
        ("Tập thể, cá nhân", 60, LEFT_ALIGN, "{{ row.who }}"),
    ], "row in decided"), "{{ decided_none }}")

    heading(document, "V. {{ headings.next }}")
    tag(document, "{%p for step in next_steps %}")
    body(document, "{{ loop.index }}. {{ step }}")
    tag(document, "{%p endfor %}")
    closing(document, "{{ closing }}")
    signature_block(document)
    return document


def _hairline(document):
    """A paragraph as small as a paragraph can be (its mark 1 pt, its line 0.1 pt)."""
    paragraph = _gap(document, 0.1)
    paragraph.paragraph_format.keep_with_next = False
    _one_point_mark(paragraph)
    return paragraph


def _trailing_paragraph(document) -> None:
    """The paragraph Word requires after a final table, a hairline: a signature table ending at the foot of a page
    must not push it onto a blank page of its own."""
    _hairline(document)


def _schema_order(document) -> None:
    """Put the children of every pPr, rPr, tblPr, tcPr in the order the OOXML schema requires.

    LibreOffice forgives elements out of order; Word reports the file as damaged.
    """
    orders = {
        qn("w:pPr"): ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
                      "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
                      "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
                      "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"),
        qn("w:rPr"): ("rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
                      "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
                      "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"),
        qn("w:tblPr"): ("tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
                        "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription"),
        qn("w:tcPr"): ("cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign "
                       "hideMark headers cellIns cellDel cellMerge tcPrChange"),
    }
    orders = {tag: tuple(f"w:{name}" for name in names.split()) for tag, names in orders.items()}
    ranks = {tag: {qn(name): index for index, name in enumerate(seq)} for tag, seq in orders.items()}
    parts = [document.element, document.styles.element]
    for section in document.sections:
        for header in (section.header, section.first_page_header):
            parts.append(header._element)
    for root in parts:
        for tag, rank in ranks.items():
            for element in root.iter(tag):
                children = list(element)
                ordered = sorted(children, key=lambda child: rank.get(child.tag, len(rank)))
                if ordered != children:
                    for child in children:
                        element.remove(child)
                    for child in ordered:
                        element.append(child)


def _reproducible(path: Path) -> None:
    """Same layout → same bytes: rewrite the zip with fixed timestamps, so regenerating changes nothing in git."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2025, 7, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)


DOCUMENTS = {
    "to-trinh": to_trinh,
    "danh-sach": danh_sach,
    "bien-ban": bien_ban,
    "bao-cao-thanh-tich": bao_cao,
    "quyet-dinh": quyet_dinh,
    "bao-cao-thang": bao_cao_thang,
}


# a danh hiệu brought along by a higher one is listed at 0 đồng, with the reason (render.dossier._amount_note)
AMOUNT_WITH_NOTE = "{{ row.amount | money }}{% if row.amount_note %} ({{ row.amount_note }}){% endif %}"

VERIFICATION = "{% if verification_code is defined and verification_code %}Mã kiểm tra: {{ verification_code }}{% endif %}"


def verification_footer(document) -> None:
    """Issue 14: the ledger state the paper was written from, in small print in the page footer of every page
    (thidua check --code): a page taken out of the document still names it."""
    for section in document.sections:
        for footer in (section.footer, section.first_page_footer):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            paragraph.alignment = RIGHT_ALIGN
            run = paragraph.add_run(VERIFICATION)
            run.font.size = Pt(8)


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "templates" / "docx"
    out.mkdir(parents=True, exist_ok=True)
    for name, build in DOCUMENTS.items():
        path = out / f"{name}.docx"
        document = build()
        verification_footer(document)
        body = document.element.body
        if body[-2].tag == qn("w:tbl"):  # Word wants a paragraph after a final table
            _trailing_paragraph(document)
        _schema_order(document)
        document.save(str(path))
        _reproducible(path)
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
