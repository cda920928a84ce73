"""The monthly report as a Word document (python-docx), laid out per NĐ 30/2020.

Written from the same view as the Markdown and HTML (`render.report.report_view`).
Kept in two parts so that it can move onto the shared NĐ 30 document
infrastructure later: `Nd30Writer` (page, fonts, header table, headings, tables,
signature — nothing report-specific) and `report_docx` (the report's sections).

Layout: A4 portrait; margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New
Roman (also for East Asian text) 14 pt, justified, first line indented 1,27 cm,
6 pt after; page numbers centred at the top from page 2; tables 12 pt;
"Nơi nhận:" 12 pt bold italic with its list in 11 pt.
"""

from __future__ import annotations

import io

FONT = "Times New Roman"
TEXT_WIDTH_MM = 165  # 210 − 30 − 15
# What may follow w:pBdr inside w:pPr (the schema fixes the order; Word refuses a file that breaks it).
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)


class Nd30Writer:
    """A python-docx document with the NĐ 30/2020 page, fonts and building blocks."""

    def __init__(self):
        from docx import Document
        from docx.shared import Mm, Pt

        self.Mm, self.Pt = Mm, Pt
        self.document = Document()
        section = self.document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        section.header_distance = Mm(10)
        self._fonts()
        self._page_numbers(section)

    # -- set-up --------------------------------------------------------------
    def _fonts(self) -> None:
        from docx.enum.text import WD_LINE_SPACING
        from docx.oxml.ns import qn

        styles = self.document.styles
        for name in ("Normal", "Table Grid", "Header"):
            style = styles[name]
            style.font.name = FONT
            rpr = style.element.get_or_add_rPr()
            fonts = rpr.find(qn("w:rFonts"))
            if fonts is None:
                fonts = rpr.makeelement(qn("w:rFonts"), {})
                rpr.insert(0, fonts)
            for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                fonts.set(qn(attribute), FONT)
            for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(qn(attribute), None)
        normal = styles["Normal"]
        normal.font.size = self.Pt(14)
        normal.paragraph_format.space_before = self.Pt(0)
        normal.paragraph_format.space_after = self.Pt(6)
        normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        styles["Table Grid"].font.size = self.Pt(12)
        # The document defaults name the theme fonts (Calibri, MS Mincho …): point them at Times New Roman too.
        defaults = self.document.styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            for fonts in defaults.iter(qn("w:rFonts")):
                for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                    fonts.attrib.pop(qn(attribute), None)
                for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                    fonts.set(qn(attribute), FONT)

    def _page_numbers(self, section) -> None:
        """Page number centred at the top, not on the first page (NĐ 30)."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._field(paragraph.add_run(), "PAGE")
        for run in paragraph.runs:
            run.font.size = self.Pt(13)

    @staticmethod
    def _field(run, instruction: str) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        begin, text, end = OxmlElement("w:fldChar"), OxmlElement("w:instrText"), OxmlElement("w:fldChar")
        begin.set(qn("w:fldCharType"), "begin")
        text.set(qn("xml:space"), "preserve")
        text.text = instruction
        end.set(qn("w:fldCharType"), "end")
        run._r.extend([begin, text, end])

    # -- text ----------------------------------------------------------------
    def paragraph(self, text: str = "", *, container=None, bold=False, italic=False, underline=False, size=None,
                  align="justify", indent=True, before=None, after=None, keep_next=False):
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        target = container if container is not None else self.document
        paragraph = target.add_paragraph()
        paragraph.alignment = {
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
            "left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT,
        }[align]
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = self.Mm(12.7) if indent and align == "justify" else None
        if before is not None:
            fmt.space_before = self.Pt(before)
        if after is not None:
            fmt.space_after = self.Pt(after)
        if keep_next:
            fmt.keep_with_next = True
        if text:
            self.run(paragraph, text, bold=bold, italic=italic, underline=underline, size=size)
        return paragraph

    def run(self, paragraph, text: str, *, bold=False, italic=False, underline=False, size=None):
        run = paragraph.add_run(text)
        run.bold, run.italic = bold or None, italic or None
        if underline:
            run.underline = True
        if size:
            run.font.size = self.Pt(size)
        return run

    def heading(self, text: str, level: int = 1) -> None:
        """I. … (bold), 1. … (bold), a) … (italic): all with the body's first-line indent."""
        self.paragraph(text, bold=level <= 2, italic=level == 3, before=6 if level == 1 else 3, keep_next=True)

    def rule(self, container=None, width_mm: float = 40, cell_mm: float = TEXT_WIDTH_MM, after: float = 0) -> None:
        """A short centred line (under the issuing agency and under the trích yếu)."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        paragraph = self.paragraph(container=container, align="center", indent=False, after=after)
        side = max((cell_mm - width_mm) / 2, 0)
        paragraph.paragraph_format.left_indent = self.Mm(side)
        paragraph.paragraph_format.right_indent = self.Mm(side)
        paragraph.paragraph_format.line_spacing = self.Pt(6)
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
            bottom.set(qn(key), value)
        borders.append(bottom)
        properties = paragraph._p.get_or_add_pPr()
        properties.insert_element_before(borders, *_AFTER_PBDR)

    # -- tables --------------------------------------------------------------
    def _cell_text(self, cell, text: str, *, bold=False, italic=False, size=None, align="left", after=0):
        paragraph = cell.paragraphs[0] if not cell.paragraphs[0].text and len(cell.paragraphs) == 1 and not cell.paragraphs[0].runs else cell.add_paragraph()
        paragraph = self._format_cell_paragraph(paragraph, align, after)
        if text:
            self.run(paragraph, text, bold=bold, italic=italic, size=size)
        return paragraph

    def _format_cell_paragraph(self, paragraph, align: str, after: float):
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        paragraph.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                               "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
        paragraph.paragraph_format.first_line_indent = None
        paragraph.paragraph_format.space_after = self.Pt(after)
        return paragraph

    def _pad(self, table) -> None:
        """A little air above and below the text of every data cell."""
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.space_before = self.Pt(1)
                    paragraph.paragraph_format.space_after = self.Pt(1)

    @staticmethod
    def _widths(table, widths_mm) -> None:
        """Fixed column widths that Word and LibreOffice both honour (grid, cells, fixed layout)."""
        from docx.oxml.ns import qn
        from docx.shared import Mm

        table.autofit = False  # w:tblLayout type="fixed"
        tbl = table._tbl
        width = tbl.tblPr.find(qn("w:tblW"))  # python-docx always writes one
        width.set(qn("w:type"), "dxa")
        width.set(qn("w:w"), str(int(sum(Mm(w).twips for w in widths_mm))))
        for column, value in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths_mm):
            column.set(qn("w:w"), str(int(Mm(value).twips)))
        for row in table.rows:
            for cell, value in zip(row.cells, widths_mm):
                cell.width = Mm(value)

    def table(self, headers: list[str], rows: list[list[str]], widths_mm: list[float], aligns: list[str],
              bold_rows: set[int] = frozenset()) -> None:
        """A bordered data table, 12 pt, header row bold and repeated on every page."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        table = self.document.add_table(rows=1 + len(rows), cols=len(headers))
        table.style = self.document.styles["Table Grid"]
        header = table.rows[0]
        flag = OxmlElement("w:tblHeader")
        flag.set(qn("w:val"), "true")
        header._tr.get_or_add_trPr().append(flag)
        for cell, text in zip(header.cells, headers):
            self._cell_text(cell, text, bold=True, size=12, align="center")
        for index, values in enumerate(rows):
            cells = table.rows[index + 1].cells
            for cell, text, align in zip(cells, values, aligns):
                self._cell_text(cell, text, bold=index in bold_rows, size=12, align=align)
            no_split = OxmlElement("w:cantSplit")
            table.rows[index + 1]._tr.get_or_add_trPr().append(no_split)
        self._widths(table, widths_mm)
        self._pad(table)
        gap = self.paragraph(after=0)
        gap.paragraph_format.line_spacing = self.Pt(8)

    def plain_table(self, columns: int, widths_mm: list[float]):
        """A borderless layout table (header block, signature block)."""
        table = self.document.add_table(rows=1, cols=columns)
        self._widths(table, widths_mm)
        return table

    # -- NĐ 30 blocks ----------------------------------------------------------
    def header_block(self, header: dict) -> None:
        left_mm, right_mm = 62, 103
        table = self.plain_table(2, [left_mm, right_mm])
        left, right = table.rows[0].cells
        for line in header["parent_agency_lines"]:
            self._cell_text(left, line, size=13, align="center")
        for line in header["agency_lines"]:
            self._cell_text(left, line, bold=True, size=13, align="center")
        self.rule(container=left, width_mm=22, cell_mm=left_mm)
        self._cell_text(left, header["number"], size=13, align="center", after=0).paragraph_format.space_before = self.Pt(6)
        self._cell_text(right, header["nation"], bold=True, size=12, align="center")
        motto = self._cell_text(right, "", align="center")
        self.run(motto, header["motto"], bold=True, underline=True, size=13)
        line = self._cell_text(right, header["date_line"], italic=True, size=14, align="center")
        line.paragraph_format.space_before = self.Pt(8)

    def title_block(self, title: str, subject_line: str) -> None:
        self.paragraph(title, bold=True, align="center", before=18, after=0)
        self.paragraph(subject_line, bold=True, align="center", after=0)
        self.rule(width_mm=45, after=12)

    def numbered(self, items: list[str]) -> None:
        for number, item in enumerate(items, 1):
            self.paragraph(f"{number}. {item}")

    def signature_block(self, recipients: list[str], signer_lines: list[str], signer_name: str) -> None:
        table = self.plain_table(2, [82, 83])
        left, right = table.rows[0].cells
        self._cell_text(left, "Nơi nhận:", bold=True, italic=True, size=12).paragraph_format.space_before = self.Pt(6)
        for line in recipients:
            self._cell_text(left, line, size=11)
        for index, line in enumerate(signer_lines):
            paragraph = self._cell_text(right, line, bold=True, size=14, align="center")
            if index == 0:
                paragraph.paragraph_format.space_before = self.Pt(6)
        for _ in range(4):
            self._cell_text(right, "", size=14, align="center")
        self._cell_text(right, signer_name, bold=True, size=14, align="center")
        # keep the closing paragraph, the signature and the recipients on one page
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def report_docx(report) -> bytes:
    """The report's sections on an NĐ 30 page."""
    from thidua_cli.render.report import report_view

    v = report_view(report)
    h = v["headings"]
    doc = Nd30Writer()
    doc.document.core_properties.title = f"Báo cáo – {v['subject_line']}"
    doc.document.core_properties.author = report.campaign.agency
    doc.header_block(v["header"])
    doc.title_block(v["title"], v["subject_line"])
    doc.paragraph(v["intro"])

    doc.heading(f"I. {h['I']}")
    for line in v["summary"]:
        doc.paragraph(line)
    doc.heading(f"1. {h['I.1']}", 2)
    rows = [[r["stt"], f"{r['code']}. {r['name']}", r["entries"], r["points"]] for r in v["criteria"]["rows"]]
    rows.append(["", "Tổng cộng", v["criteria"]["total"]["entries"], v["criteria"]["total"]["points"]])
    doc.table(["TT", "Tiêu chí", "Số mục", "Điểm ghi nhận"], rows, [12, 105, 20, 28], ["center", "left", "right", "right"],
              bold_rows={len(rows) - 1})
    doc.paragraph(v["criteria_note"], italic=True, size=12, indent=False)
    doc.heading(f"2. {h['I.2']}", 2)
    rows = [[r["stt"], r["name"], r["subjects"], r["entries"], r["points"]] for r in v["units"]["rows"]]
    total = v["units"]["total"]
    rows.append(["", "Tổng cộng", total["subjects"], total["entries"], total["points"]])
    doc.table(["TT", "Đơn vị", "Có kết quả", "Số mục", "Điểm ghi nhận"], rows, [12, 85, 22, 18, 28],
              ["center", "left", "center", "right", "right"], bold_rows={len(rows) - 1})
    doc.paragraph(v["units_note"], italic=True, size=12, indent=False)
    doc.heading(f"3. {h['I.3']}", 2)
    if v["idle"]:
        for line in v["idle"]:
            doc.paragraph(f"- {line['unit']}: {line['text']}.")
    else:
        doc.paragraph(v["idle_none"])

    doc.heading(f"II. {h['II']}")
    doc.heading(f"1. {h['II.1']}", 2)
    if not v["top"]:
        doc.paragraph(v["top_none"])
    for index, group in enumerate(v["top"]):
        doc.heading(f"{'ab'[index]}) {group['label']}", 3)
        if group["kind"] == "individual":
            rows = [[r["rank"], r["name"], r["unit"], r["points"], r["highlight"]] for r in group["rows"]]
            doc.table(["Hạng", "Họ và tên", "Đơn vị", "Điểm", "Thành tích nổi bật"], rows, [14, 38, 35, 16, 62],
                      ["center", "left", "left", "right", "left"])
        else:
            rows = [[r["rank"], r["name"], r["points"], r["highlight"]] for r in group["rows"]]
            doc.table(["Hạng", "Tập thể", "Điểm", "Thành tích nổi bật"], rows, [14, 55, 16, 80],
                      ["center", "left", "right", "left"])
    for key, title, what in (("initiatives", "II.2", "Nội dung, minh chứng"), ("penalties", "II.3", "Nội dung vi phạm, minh chứng")):
        doc.heading(f"{title[-1]}. {h[title]}", 2)
        data = v[key]
        if not data["rows"]:
            doc.paragraph(v["none"])
            continue
        rows = [
            [r["stt"], r["date"], r["name"], r["note"] + (f" ({r['evidence']})" if r["evidence"] else ""), r["points"]]
            for r in data["rows"]
        ]
        doc.table(["TT", "Ngày", "Tập thể, cá nhân", what, "Điểm"], rows, [10, 24, 38, 78, 15],
                  ["center", "center", "left", "left", "right"])
        if data["more"]:
            doc.paragraph(data["more"], italic=True, size=12, indent=False)

    doc.heading(f"III. {h['III']}")
    doc.paragraph(v["standings_intro"])
    for index, group in enumerate(v["standings"], 1):
        doc.heading(f"{index}. {group['label']}", 2)
        change = [v["change_title"]] if v["has_previous"] else []
        if group["kind"] == "individual":
            headers = ["Hạng", "Họ và tên", "Đơn vị", "Tổng điểm", "Xếp loại"] + change
            widths = [14, 44, 50, 20, 23, 14] if change else [14, 48, 53, 22, 28]
            rows = [[r["rank"], r["name"], r["unit"], r["total"], r["tier"]] + ([r["change"]] if change else [])
                    for r in group["rows"]]
            aligns = ["center", "left", "left", "right", "left", "center"]
        else:
            headers = ["Hạng", "Tập thể", "Tổng điểm", "Xếp loại"] + change
            widths = [14, 84, 20, 33, 14] if change else [14, 93, 24, 34]
            rows = [[r["rank"], r["name"], r["total"], r["tier"]] + ([r["change"]] if change else []) for r in group["rows"]]
            aligns = ["center", "left", "right", "left", "center"]
        doc.table(headers, rows, widths, aligns)
        if group["more"]:
            doc.paragraph(group["more"], italic=True, size=12, indent=False)

    doc.heading(f"IV. {h['IV']}")
    doc.heading(f"1. {h['IV.1']}", 2)
    if v["proposed"]:
        rows = [[r["round"], r["date"], r["award"], r["name"] + (f" ({r['kind']})" if r["kind"] else "")] for r in v["proposed"]]
        doc.table(["Đợt", "Ngày", "Hình thức khen thưởng", "Tập thể, cá nhân"], rows, [14, 25, 66, 60],
                  ["center", "center", "left", "left"])
    else:
        doc.paragraph(v["none"])
    doc.heading(f"2. {h['IV.2']}", 2)
    if v["decided"]:
        rows = [[r["number"] + (f" ngày {r['date']}" if r["date"] else ""), r["award"], f"{r['name']} ({r['kind']})"]
                for r in v["decided"]]
        doc.table(["Quyết định", "Hình thức khen thưởng", "Tập thể, cá nhân"], rows, [45, 60, 60], ["left", "left", "left"])
    else:
        doc.paragraph(v["none"])

    doc.heading(f"V. {h['V']}")
    doc.numbered(v["next_steps"])
    doc.paragraph(v["closing"], keep_next=True)
    doc.signature_block(v["recipients"], v["signer"]["lines"], v["signer"]["name"])
    return doc.to_bytes()
