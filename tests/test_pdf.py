"""-O pdf: the reports and the registrations list from their print-ready HTML (WeasyPrint, optional extra)."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys

import pytest

from conftest import assert_refused
from year_example import year_ledger

PT_PER_MM = 72 / 25.4


def _weasyprint_works() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return shutil.which("pdftotext") is not None


needs_pdf = pytest.mark.skipif(not _weasyprint_works(), reason="WeasyPrint (thidua-cli[pdf]) or poppler-utils not installed")


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    monkeypatch = pytest.MonkeyPatch()
    yield year_ledger(tmp_path_factory.mktemp("pdf"), monkeypatch)[0]
    monkeypatch.undo()


def words(pdf) -> list[list[tuple[str, float, float, float, float]]]:
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [
        [(html.unescape(t), *(float(v) / PT_PER_MM for v in box))
         for *box, t in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page)]
        for page in out.split("<page ")[1:]
    ]


@needs_pdf
def test_the_closing_report_as_pdf_keeps_the_page_of_the_docx(year, tmp_path):
    target = tmp_path / "tong-ket.pdf"
    year.ok("report", "--final", "--date", "2022-09-15", "-o", str(target))
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts", info)  # A4
    fonts = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts) and all("Liberation-Serif" in line for line in fonts)
    pages = words(target)
    assert len(pages) > 2
    text = " ".join(w[0] for page in pages for w in page)
    assert "BÁO CÁO" in text and "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI" in text and "ngày 15 tháng 9 năm 2022" in text
    for number, page in enumerate(pages, 1):
        in_margin = [w for w in page if w[2] < 20 - 0.5]  # the top margin holds the page number, from page 2
        assert [w[0] for w in in_margin] == ([] if number == 1 else [str(number)])
        for word, x0, y0, x1, y1 in page:  # NĐ 30 margins: left 30, right 15, bottom 20 mm
            assert x0 >= 30 - 0.5 and x1 <= 210 - 15 + 0.5 and y1 <= 297 - 20 + 0.5, (number, word, x0, x1, y1)


@needs_pdf
def test_the_monthly_report_and_the_registrations_as_pdf(year, tmp_path):
    year.ok("report", "--month", "2021-11", "-o", str(tmp_path / "thang.pdf"))
    assert "tháng 11/2021" in " ".join(w[0] for w in words(tmp_path / "thang.pdf")[0])
    year.ok("register", "list", "-o", str(tmp_path / "dk.pdf"))
    info = subprocess.run(["pdfinfo", str(tmp_path / "dk.pdf")], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+841\.\d+ x 595\.\d+ pts", info)  # A4 ngang


def test_without_weasyprint_one_line_says_what_to_install(year, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint → ImportError
    result = assert_refused(year, ["report", "--final", "-o", str(tmp_path / "x.pdf")], "ghi PDF cần WeasyPrint, máy này chưa cài")
    assert "Gợi ý: cài phần PDF: pip install 'thidua-cli[pdf]'" in result.stderr
    assert not (tmp_path / "x.pdf").exists()
