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
from docx.oxml.ns import qn  # noqa: E402


def danh_sach_dang_ky():
    document = base.new_document("Danh sách đăng ký thi đua", landscape=True)
    base.nd30_header(document, 100, 152)
    base.nd30_title(document, "{{ title }}", "{{ subject_line }}", "{{ note }}")
    table = base.grid_table(document, [
        ("STT", 11), ("Họ và tên / Tên tập thể", 42), ("Chức vụ, đơn vị", 44), ("Danh hiệu, hình thức đăng ký", 38),
        ("Chỉ tiêu đăng ký", 64), ("Ngày đăng ký", 22), ("Tình trạng", 31),
    ])
    base.heading_rows(table, "table", [
        ("{{ row.stt }}", base.CENTER), ("{{ row.name }}", base.LEFT_ALIGN), ("{{ row.unit }}", base.LEFT_ALIGN),
        ("{{ row.award }}", base.LEFT_ALIGN), ("{{ row.targets }}", base.LEFT_ALIGN),
        ("{{ row.date | short_date }}", base.CENTER), ("{{ row.status }}", base.LEFT_ALIGN),
    ])
    total = table.add_row()
    base.cant_split(total)
    base.cell_text(base.merge_row(total), "{{ total }}", align=base.CENTER, bold=True)
    base.signature_block(document, recipients=False)
    return document


DOCUMENTS = {"danh-sach-dang-ky": danh_sach_dang_ky}


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "templates" / "docx"
    out.mkdir(parents=True, exist_ok=True)
    for name, build in DOCUMENTS.items():
        path = out / f"{name}.docx"
        document = build()
        if document.element.body[-2].tag == qn("w:tbl"):  # Word wants a paragraph after a final table
            base._gap(document, 1)
        base._schema_order(document)
        document.save(str(path))
        base._reproducible(path)
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
