"""Certificates on the pre-printed blank: one page per granted award, as PDF (fpdf2) and docx.

Each field's text is fitted to its box with the metrics of Liberation Serif, metric-compatible
with Times New Roman: wrapped on words, then shrunk half a point at a time down to the box's
`min_size`. The docx is built from the same fitted lines (one absolutely positioned frame per
field, the lines broken where the PDF breaks them), so both print alike on the same blank.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from thidua_cli.domain.certificate_layout import CertificateLayout, FieldBox
from thidua_cli.errors import InvalidData

FONTS = Path(__file__).resolve().parent.parent / "fonts"
FAMILY = "LiberationSerif"
DOCX_FONT = "Times New Roman"  # what Word has; Liberation Serif has the same metrics
_STYLES = {"": "Regular", "B": "Bold", "I": "Italic", "BI": "BoldItalic"}
MM_PER_PT = 25.4 / 72
LINE_SPACING = 1.2  # line height over font size
STEP = Decimal("0.5")


@dataclass(frozen=True)
class PlacedField:
    box: FieldBox
    lines: tuple[str, ...]
    size: float  # pt
    top: float  # mm: the first line's top, the text block centred in the box

    @property
    def line_height(self) -> float:
        return self.size * MM_PER_PT * LINE_SPACING


@dataclass(frozen=True)
class CertificatePage:
    label: str  # whom it is for, in messages: "NV01 — Phạm Minh Đức (GK-GD)"
    layout: CertificateLayout
    fields: tuple[PlacedField, ...]


def _style(box: FieldBox) -> str:
    return ("B" if box.bold else "") + ("I" if box.italic else "")


def new_pdf(layout: CertificateLayout):
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format=(float(layout.width), float(layout.height)))
    pdf.set_margins(0, 0, 0)
    pdf.set_auto_page_break(False)
    pdf.c_margin = 0
    for style, suffix in _STYLES.items():
        pdf.add_font(FAMILY, style, str(FONTS / f"LiberationSerif-{suffix}.ttf"))
    pdf.set_creator("thidua")
    return pdf


def measurer(layout: CertificateLayout):
    """A scratch PDF whose metrics `fit_field` measures with (fpdf2 measures on a page)."""
    pdf = new_pdf(layout)
    pdf.add_page()
    return pdf


def fit_field(pdf, box: FieldBox, text: str, label: str, source: str = "") -> PlacedField:
    """The largest size from `box.size` down to `box.min_size` at which `text` fits the box."""
    width, height = float(box.width), float(box.height)
    size = box.size
    while size >= box.min_size:
        pdf.set_font(FAMILY, _style(box), float(size))
        line_height = float(size) * MM_PER_PT * LINE_SPACING
        if box.wrap:
            lines = pdf.multi_cell(width, line_height, text, dry_run=True, output="LINES", align=box.align)
        else:
            lines = [text]
        lines = [line.strip() for line in lines]
        if len(lines) * line_height <= height + 1e-6 and all(pdf.get_string_width(line) <= width + 1e-6 for line in lines):
            top = float(box.y) + (height - len(lines) * line_height) / 2
            return PlacedField(box, tuple(lines), float(size), top)
        size -= STEP
    raise InvalidData(
        f"bản in cho {label}, ô {box.name} của mẫu phôi {source}: “{text}” không vừa ô "
        f"{box.width} × {box.height} mm dù đã thu nhỏ đến cỡ {box.min_size} pt; chưa ghi tệp nào",
        hint="mở rộng ô (width, height), cho xuống dòng (wrap = true) hoặc giảm min_size trong mẫu phôi",
    )


def place_page(pdf, layout: CertificateLayout, values: dict[str, str], label: str) -> CertificatePage:
    placed = []
    for box in layout.fields:
        text = box.fill(values)
        if text:
            placed.append(fit_field(pdf, box, text, label, layout.source))
    return CertificatePage(label, layout, tuple(placed))


def certificates_pdf(pages: list[CertificatePage], title: str, created) -> bytes:
    """One page per certificate, each the size of its blank; fonts embedded (subset)."""
    pdf = new_pdf(pages[0].layout)
    pdf.set_title(title)
    if created is not None:  # the decision's date, so that the same batch prints to the same bytes
        pdf.set_creation_date(created)
    for page in pages:
        pdf.add_page(format=(float(page.layout.width), float(page.layout.height)))
        for field in page.fields:
            pdf.set_font(FAMILY, _style(field.box), field.size)
            for index, line in enumerate(field.lines):
                pdf.set_xy(float(field.box.x), field.top + index * field.line_height)
                align = "L" if field.box.align == "J" and index == len(field.lines) - 1 else field.box.align
                pdf.cell(float(field.box.width), field.line_height, line, align=align)
    return bytes(pdf.output())


def certificates_docx(pages: list[CertificatePage]) -> bytes:
    """The same pages for Word: a section per certificate, a frame per field at its place on the page."""
    import io

    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Mm, Pt

    alignments = {"L": WD_ALIGN_PARAGRAPH.LEFT, "C": WD_ALIGN_PARAGRAPH.CENTER, "R": WD_ALIGN_PARAGRAPH.RIGHT,
                  "J": WD_ALIGN_PARAGRAPH.JUSTIFY}
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = DOCX_FONT
    normal.paragraph_format.space_after = Pt(0)
    for index, page in enumerate(pages):
        section = document.sections[0] if index == 0 else document.add_section(WD_SECTION.NEW_PAGE)
        layout = page.layout
        section.orientation = WD_ORIENT.LANDSCAPE if layout.width > layout.height else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(float(layout.width)), Mm(float(layout.height))
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(5))
        for field in page.fields:
            paragraph = document.add_paragraph()
            paragraph.alignment = alignments[field.box.align]
            form = paragraph.paragraph_format
            form.space_before = form.space_after = Pt(0)
            form.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            form.line_spacing = Pt(field.size * LINE_SPACING)
            _frame(paragraph, float(field.box.x), field.top, float(field.box.width), len(field.lines) * field.line_height)
            for number, line in enumerate(field.lines):
                run = paragraph.add_run(line)
                run.font.name = DOCX_FONT
                run.font.size = Pt(field.size)
                run.font.bold = field.box.bold
                run.font.italic = field.box.italic
                if number < len(field.lines) - 1:
                    run.add_break()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _frame(paragraph, x: float, y: float, width: float, height: float) -> None:
    """`w:framePr`: the paragraph sits at (x, y) mm from the page's corner, `width` wide."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    twips = 1440 / 25.4
    frame = OxmlElement("w:framePr")
    for key, value in (
        ("w:w", round(width * twips)), ("w:h", round(height * twips)), ("w:hRule", "atLeast"),
        ("w:x", round(x * twips)), ("w:y", round(y * twips)), ("w:hAnchor", "page"), ("w:vAnchor", "page"),
        ("w:wrap", "notBeside"),
    ):
        frame.set(qn(key), str(value))
    properties = paragraph._p.get_or_add_pPr()
    properties.insert(0, frame)
