"""Generate the Word templates of the campaign's whole year (issue 15) in `templates/docx/`.

    python tools/make_year_templates.py [OUT_DIR]      # default: templates/docx

Built with the layout helpers of `make_docx_templates.py` (same page, fonts, header, signature),
kept in a file of its own so that the dossier's generator stays as it is. The context of each
template is built in `thidua_cli.render.registrations.document_context` (danh-sach-dang-ky).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_docx_templates as base  # noqa: E402
from docx.enum.text import WD_LINE_SPACING  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402


def danh_sach_dang_ky():
    document = base.new_document("Danh sách đăng ký thi đua", landscape=True)
    base.nd30_header(document, 100, 152)
    base.nd30_title(document, "{{ title }}", "{{ subject_line }}", "{{ note }}")
    columns = [
        ("STT", 11), ("Họ và tên / Tên tập thể", 42), ("Chức vụ, đơn vị", 44), ("Danh hiệu, hình thức đăng ký", 38),
        ("Chỉ tiêu đăng ký", 64), ("Ngày đăng ký", 22), ("Tình trạng", 31),
    ]
    data = [
        ("{{ row.stt }}", base.CENTER), ("{{ row.name }}", base.LEFT_ALIGN), ("{{ row.unit }}", base.LEFT_ALIGN),
        ("{{ row.award }}", base.LEFT_ALIGN), ("{{ row.targets }}", base.LEFT_ALIGN),
        ("{{ row.date | short_date }}", base.CENTER), ("{{ row.status }}", base.LEFT_ALIGN),
    ]
    # as base.listing_table: one table whose last row, total and signature (a closing row) go to a page together,
    # under the column titles repeated there (the signature stood alone on a page when the table filled the one
    # before; then the last row, in a small table of its own, opened a page without the column titles)
    table = base.grid_table(document, columns)
    base.keep_together(table)
    base.heading_rows(table, "table | body_rows", data)
    first_of_tail = len(table.rows)
    base.heading_rows(table, "table | tail_rows", data)
    total = table.add_row()
    base.cant_split(total)
    base.cell_text(base.merge_row(total), "{{ total }}", align=base.CENTER, bold=True)
    for row in table.rows[first_of_tail:]:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
    base.closing_row(table, lambda cell, width: base.signature_block(None, recipients=False, container=cell, width_mm=width))
    return document


def _paragraph_starting(document, text: str):
    return next(p for p in document.paragraphs if p.text.startswith(text))


def bao_cao_tong_ket():
    """The monthly report's layout (make_docx_templates.bao_cao_thang) with section IV rebuilt with the money and
    sections V (registrations) and VI (lessons) before the next steps, renumbered VII. Context: closing_context."""
    document = base.bao_cao_thang()
    body = document.element.body
    awards = _paragraph_starting(document, "IV. {{ headings.awards }}")._p
    next_steps = _paragraph_starting(document, "V. {{ headings.next }}")
    for element in list(body)[list(body).index(awards):list(body).index(next_steps._p)]:
        body.remove(element)
    before = len(body) - 1  # new content goes before the final sectPr
    base.heading(document, "IV. {{ headings.awards }}")
    base.body(document, "{{ awards_summary }}")
    money = [("TT", 12, base.CENTER, "{{ row.stt }}"), ("{{ award_heading }}", 83, base.LEFT_ALIGN, "{{ row.award }}"),
             ("Tập thể", 20, base.RIGHT_ALIGN, "{{ row.collectives }}"), ("Cá nhân", 20, base.RIGHT_ALIGN, "{{ row.individuals }}"),
             ("Tiền thưởng (đồng)", 30, base.RIGHT_ALIGN, "{{ row.amount }}")]
    for number, key, title in ((1, "money_proposed", "proposed"), (2, "money_granted", "decided")):
        base.heading(document, f"{number}. {{{{ headings.{title} }}}}", 2)
        total = ["", "Tổng số lượt khen thưởng", f"{{{{ {key}.total.collectives }}}}", f"{{{{ {key}.total.individuals }}}}",
                 f"{{{{ {key}.total.amount }}}}"]
        base.optional(document, f"{key}.rows", lambda d, key=key, total=total: base.report_table(d, money, f"row in {key}.rows", total,
                                                                                                keep=True), "{{ nothing }}")
    base.optional(document, "granted_list", lambda d: base.report_table(d, [
        ("TT", 10, base.CENTER, "{{ loop.index }}"), ("Quyết định", 38, base.LEFT_ALIGN, "{{ row.decision }}"),
        ("{{ award_heading }}", 45, base.LEFT_ALIGN, "{{ row.award }}"), ("Tập thể, cá nhân", 47, base.LEFT_ALIGN, "{{ row.who }}"), ("Tiền thưởng (đồng)", 25, base.RIGHT_ALIGN, "{{ row.amount }}"),
    ], "row in granted_list"))
    base.heading(document, "V. {{ headings.registrations }}")

    def registrations(d):
        base.report_table(d, [
            ("Danh hiệu, hình thức", 60, base.LEFT_ALIGN, "{{ row.award }}"), ("Đăng ký", 20, base.RIGHT_ALIGN, "{{ row.registered }}"),
            ("Đạt", 17, base.RIGHT_ALIGN, "{{ row.achieved }}"), ("Tỷ lệ", 20, base.RIGHT_ALIGN, "{{ row.rate }}"),
            ("Được khen", 22, base.RIGHT_ALIGN, "{{ row.granted }}"), ("Không đăng ký", 26, base.RIGHT_ALIGN, "{{ row.unregistered }}"),
        ], "row in registrations", keep=True)
        base.note(d, "{{ registrations_note }}")

    base.optional(document, "registrations", registrations, "{{ registrations_nothing or nothing }}")
    base.heading(document, "VI. {{ headings.lessons }}")
    base.tag(document, "{%p for line in lessons %}")
    base.body(document, "{{ loop.index }}. {{ line }}")
    base.tag(document, "{%p endfor %}")
    added = [element for element in list(body)[before:] if element.tag != qn("w:sectPr")]
    for element in added:
        next_steps._p.addprevious(element)
    for run in next_steps.runs:
        run.text = run.text.replace("V. {{ headings.next }}", "VII. {{ headings.next }}")
    # the gaps after the tables are not kept with what follows here: the báo cáo tổng kết runs for pages, and a gap
    # held to a long list of units or to the signature pushed one name, or the signature alone, onto a page of its own
    # — but the gap between the closing sentence ("Trên đây là báo cáo tổng kết …") and the signature stays kept:
    # without it the signature and "Nơi nhận" went to a page of their own when the report ended near a page's foot
    signature = document.tables[-1]._tbl
    before_signature = signature.getprevious()
    for paragraph in document.paragraphs:
        if paragraph._p is before_signature:
            continue
        if not paragraph.runs and paragraph.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY:
            paragraph.paragraph_format.keep_with_next = None
    return document


DOCUMENTS = {"danh-sach-dang-ky": danh_sach_dang_ky, "bao-cao-tong-ket": bao_cao_tong_ket}


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "templates" / "docx"
    out.mkdir(parents=True, exist_ok=True)
    for name, build in DOCUMENTS.items():
        path = out / f"{name}.docx"
        document = build()
        if document.element.body[-2].tag == qn("w:tbl"):  # Word wants a paragraph after a final table
            base._trailing_paragraph(document)
        base._schema_order(document)
        document.save(str(path))
        base._reproducible(path)
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
