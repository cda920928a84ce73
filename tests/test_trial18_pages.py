"""The dossier as the signer reads it: Word documents printed to pages (LibreOffice) and looked at page by page.

A listing (danh sách, the quyết định's annex) that runs over a page repeats its column titles on every page it
continues on, the page where its last row, its total and its signature land included: a page holding rows under no
column titles is read as a table of its own, without knowing what its columns are. Skipped where LibreOffice is not
installed, except under CI=true.
"""

from __future__ import annotations

import os
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from dossier_example import SMALL_CAMPAIGN, build_dossier
from pdf_pages import convert, pages, tools_available
from thidua_cli.domain.campaign_def import parse_campaign
from thidua_cli.domain.models import Subject
from thidua_cli.render.dossier import write_dossier

ROOT = Path(__file__).resolve().parent.parent
printing = pytest.mark.skipif(
    not tools_available() and os.environ.get("CI") != "true", reason="LibreOffice (soffice) và poppler (pdftotext) chưa cài",
)

_SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Võ", "Đặng"]
_NAMES = ["An", "Bình", "Châu", "Dũng", "Hà", "Khoa", "Lan", "Minh", "Nga", "Phúc", "Quân", "Tâm"]


def many_dossier(individuals: int):
    """One collective and INDIVIDUALS people, every one proposed for the Giấy khen the Giám đốc signs: a danh sách,
    a biên bản and a quyết định whose listings run over pages."""
    campaign = parse_campaign(SMALL_CAMPAIGN)
    subjects = [Subject(code="P1", name="Phòng Quản lý công nghệ", kind="collective", female_percent=Decimal(20), id=1)]
    entries = [{"id": 1, "date": date(2025, 3, 5), "subject": "P1", "criterion": "CDS", "points": 7000, "note": "Số hoá hồ sơ",
                "evidence": ""}]
    for i in range(individuals):
        code = f"A{i + 1:03d}"
        subjects.append(Subject(code=code, name=f"{_SURNAMES[i % 6]} Văn {_NAMES[(i // 6) % 12]}", kind="individual",
                                unit="P1", position="Chuyên viên", gender="nam", id=i + 2))
        entries.append({"id": i + 2, "date": date(2025, 4, 1), "subject": code, "criterion": "CDS", "points": 6000 + i,
                        "note": "Triển khai dịch vụ công trực tuyến toàn trình", "evidence": ""})
    return build_dossier(campaign, subjects, entries, [], {"GK": [s.code for s in subjects]}, today=date(2025, 3, 5))


def _row_number(line: str) -> int | None:
    found = re.match(r"(\d+) \S", line)
    return int(found.group(1)) if found else None


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """Danh sách, biên bản and quyết định of rounds of 12, 14, 20, 38 and 64 people: with main's templates of
    08/12/2026 the last row and the total of the danh sách of 12, 14 and 20 and of the quyết định's annex of 38 opened
    a page with no column titles."""
    out = tmp_path_factory.mktemp("trang")
    files = []
    for count in (12, 14, 20, 38, 64):
        write_dossier(many_dossier(count), out / f"n{count}", formats=("docx",))
        files += [path for path in sorted((out / f"n{count}").rglob("*.docx")) if path.stem in ("danh-sach", "bien-ban", "quyet-dinh")
                  or (count == 12 and path.stem.startswith("bao-cao-p1-"))]
    pdfs = convert(files, out / "pdf")
    return {f"{path.parent.parent.name}/{path.stem}": pages(pdf) for path, pdf in pdfs.items()}


@printing
def test_every_page_of_a_listing_opens_with_its_column_titles(printed):
    untitled = []
    for name, document in printed.items():
        if "/bao-cao-" in name:
            continue
        start = next(i for i, page in enumerate(document) if any(line.startswith("STT ") for line in page.lines()))
        for number, page in enumerate(document[start:], start + 1):
            lines = page.lines()
            if number == start + 1:  # the page the listing starts on: the text above it is not the listing
                lines = lines[next(i for i, line in enumerate(lines) if line.startswith("STT ")):]
            rows = [i for i, line in enumerate(lines) if _row_number(line) is not None]
            titles = [i for i, line in enumerate(lines) if line.startswith("STT ")]
            if rows and not (titles and titles[0] < rows[0]):
                untitled.append(f"{name} trang {number}: {' / '.join(lines)[:140]}")
    assert not untitled, "\n".join(untitled)


@printing
def test_the_last_row_the_total_and_the_signature_share_a_page_under_the_titles(printed):
    """The case the fix is for does occur here: the last row is pushed to a page of its own (with the total and, in a
    danh sách, the sum in words and the signature), and that page shows the column titles above it."""
    pushed = []
    for name, document in printed.items():
        if not name.endswith(("/danh-sach", "/quyet-dinh")):
            continue
        count = int(name.split("/")[0][1:]) + 1  # the collective and the people
        page = next(p for p in document if any(line.startswith("Tổng cộng:") for line in p.lines()))
        lines = [line for line in page.lines() if not line.startswith("Mã kiểm tra")]
        numbers = [n for n in map(_row_number, lines) if n is not None]
        assert numbers and numbers[-1] == count, (name, lines)
        if name.endswith("/danh-sach"):
            assert page is document[-1] and any(line.startswith("Tổng số tiền thưởng bằng chữ") for line in lines), (name, lines)
        if numbers[0] == count and page is not document[0]:
            pushed.append(name)
            first_row = next(i for i, line in enumerate(lines) if _row_number(line) is not None)
            assert any(line.startswith("STT ") for line in lines[:first_row]), (name, lines)
    assert {"n12/danh-sach", "n38/quyet-dinh"} <= set(pushed), pushed


def _grid_tables(document):
    return [table for table in document.tables if table.rows[0]._tr.find(qn("w:trPr") + "/" + qn("w:tblHeader")) is not None]


@pytest.mark.parametrize("template", ["danh-sach", "quyet-dinh", "danh-sach-dang-ky"])
def test_a_listing_template_keeps_its_tail_in_the_table_of_its_column_titles(template):
    """Structure of the shipped templates: one table carries the column titles (repeated), the rows, the tail (kept
    with the next row, unsplittable) and, for a signed listing, a last row holding the signature."""
    document = Document(str(ROOT / "templates" / "docx" / f"{template}.docx"))
    listing = _grid_tables(document)[-1]
    texts = [" ".join(cell.text for cell in row.cells) for row in listing.rows]
    assert any("tail_rows" in text for text in texts) and any("body_rows" in text for text in texts)
    tail = next(i for i, text in enumerate(texts) if "tail_rows" in text)
    total = next(i for i, text in enumerate(texts) if "{{ total }}" in text or "Tổng cộng" in text)
    for row in listing.rows[tail:total + 1]:
        assert all(p.paragraph_format.keep_with_next for cell in row.cells for p in cell.paragraphs)
    assert all(row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
               for row in listing.rows[tail + 1:] if "{%tr" not in " ".join(c.text for c in row.cells))
    signed = template != "quyet-dinh"
    if signed:
        last = listing.rows[-1].cells[0]
        assert last.tables and "signature" in "".join(last._tc.itertext())
        assert listing._tbl.getnext().tag == qn("w:p") and "signature" not in "".join(listing._tbl.getnext().itertext())
    else:
        assert total == len(texts) - 1


@printing
def test_the_lines_of_the_profile_are_not_stretched(printed):
    """I. Đặc điểm, tình hình of a collective: "- Số cán bộ, công chức, viên chức, người lao động: ……… (nữ chiếm 20%)"
    runs over a line, and justified, its first line was stretched to the margin ("người        lao        động:"),
    the dotted blank unbreakable. The lý lịch and đặc điểm lines are set flush left: a space stays a space."""
    (name,) = [name for name in printed if "/bao-cao-p1-" in name]
    page = printed[name][0]
    line = next(i for i, text in enumerate(page.lines()) if text.startswith("- Số cán bộ"))
    words = sorted((w for w in page.words if abs(w.y1 - next(w for w in page.words if w.text == "Số").y1) <= 2),
                   key=lambda w: w.x0)
    gaps = [round(b.x0 - a.x1, 1) for a, b in zip(words, words[1:])]
    assert line >= 0 and max(gaps) < 6, (page.lines()[line], gaps)  # a space of Times 14 is 3,5 pt


def test_the_html_profile_is_flush_left_too(tmp_path):
    write_dossier(many_dossier(1), tmp_path, formats=("html",))
    (report,) = tmp_path.rglob("bao-cao-p1-*.html")
    text = report.read_text(encoding="utf-8")
    assert '<ul class="dash flush">' in text and "ul.dash.flush li { text-align: left; }" in text
