"""-O pdf: the reports and the registrations list from their print-ready HTML (WeasyPrint, optional extra)."""

from __future__ import annotations

import html
import json
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
    # NĐ 30 margins (left 30, right 15, bottom 20 mm); the top margin holds the page number, from page 2, and the
    # foot of the last page the verification code in small print
    _assert_printed_page(target, landscape=False)


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


# --------------------------------------------------------------------------- the propose-awards dossier as PDF (issue 15)


def _plain(text: str) -> str:
    """Text compared across line breaks: a PDF wraps names and amounts in table cells, dropping a line-end hyphen."""
    return re.sub(r"[\s\-]+", "", text)


def _pdf_text(pdf) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _assert_printed_page(pdf, landscape: bool) -> None:
    """A4 (landscape for the danh sách), NĐ 30 margins, page numbers from page 2 only, fonts embedded."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    width, height = (297, 210) if landscape else (210, 297)
    assert re.search(r"Page size:\s+(\d+)\.\d+ x (\d+)\.\d+ pts", info).groups() == (
        str(int(width * PT_PER_MM)), str(int(height * PT_PER_MM))), (pdf, info)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts) and all("Liberation-Serif" in line for line in fonts), pdf
    pages = words(pdf)
    for number, page in enumerate(pages, 1):
        assert [w[0] for w in page if w[2] < 20 - 0.5] == ([] if number == 1 else [str(number)]), (pdf, number)
        footer = [w[0] for w in page if w[2] > height - 20 - 0.5]  # the verification code, on the last page only
        assert footer == ([] if number < len(pages) else ["Mã", "kiểm", "tra:", *footer[3:]]), (pdf, number, footer)
        for word, x0, y0, x1, y1 in page:
            assert x0 >= 30 - 0.5 and x1 <= width - 15 + 0.5 and y1 <= height - 20 + 12, (pdf, number, word, x0, x1, y1)
    assert re.fullmatch(r"Mã kiểm tra: \S+ \(sổ [0-9.]+(, đợt \d+)?\)", " ".join(footer)), (pdf, footer)
    _assert_ink_inside_the_margins(pdf, width, height, len(pages))


def _assert_ink_inside_the_margins(pdf, width: int, height: int, last: int, dpi: int = 30) -> None:
    """Rasterised (pdftoppm): every dark pixel — text, table rules, signature lines — lies inside the NĐ 30 margins,
    but the page number centred in the top margin from page 2 and the small code at the top of the last page's foot."""
    from test_certificates import read_pgm

    stem = pdf.parent / f".raster-{pdf.stem}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(pdf), str(stem)], check=True)
    images = sorted(pdf.parent.glob(f"{stem.name}*.pgm"))
    assert images, pdf
    slack = 25.4 / dpi  # one pixel
    for number, image in enumerate(images, 1):
        columns, rows, pixels = read_pgm(image)
        image.unlink()
        assert abs(columns * 25.4 / dpi - width) <= slack and abs(rows * 25.4 / dpi - height) <= slack, (pdf, number, columns, rows)
        dark = 0
        for row in range(rows):
            y = (row + 0.5) * 25.4 / dpi
            for column in range(columns):
                if pixels[row * columns + column] >= 128:
                    continue
                dark += 1
                x = (column + 0.5) * 25.4 / dpi
                inside = 30 - slack <= x <= width - 15 + slack and 20 - slack <= y <= height - 20 + slack
                page_number = number > 1 and y < 20 and abs(x - (30 + width - 15) / 2) < 10
                code = number == last and height - 20 <= y <= height - 20 + 6 and 30 <= x <= width - 15 + slack
                assert inside or page_number or code, f"{pdf.name} trang {number}: mực ở ({x:.1f}, {y:.1f}) mm, ngoài lề"
        assert dark > 100, (pdf, number)  # the page is not blank


@needs_pdf
def test_the_dossier_as_pdf_agrees_with_the_ledger(thidua, monkeypatch):
    from thidua_cli.domain.formats import format_money

    monkeypatch.setenv("THIDUA_TODAY", "2022-06-10")
    thidua.example()
    folder = thidua.folder / "hs"
    thidua.ok("propose-awards", "-O", "pdf", "--out", str(folder))
    round_ = json.loads(thidua.ok("rounds", "show", "1", "-O", "json").stdout)
    documents = sorted(folder.rglob("*.docx"))
    assert documents and all(path.with_suffix(".pdf").is_file() for path in documents)
    assert sorted(p.with_suffix("") for p in folder.rglob("*.pdf")) == sorted(p.with_suffix("") for p in documents)
    index = (folder / "muc-luc.md").read_text(encoding="utf-8")
    assert all(f"`{path.relative_to(folder).as_posix()}`" in index for path in folder.rglob("*.pdf"))
    for pdf in sorted(folder.rglob("*.pdf")):
        _assert_printed_page(pdf, landscape=pdf.name == "danh-sach.pdf")

    # each proposal of the round is a row of exactly one danh sách, with its award and its money, and has its báo cáo
    from thidua_cli.render.dossier import slug

    lists = {path.parent: _plain(_pdf_text(path)) for path in folder.rglob("danh-sach.pdf")}
    awards = {a["code"]: a for a in json.loads(thidua.ok("campaign", "show", "-O", "json").stdout)["awards"]}
    members: dict = {group: [] for group in lists}
    for p in round_["proposals"]:
        award = awards[p["award"]]
        holding = [group for group in lists if group.name.split("-", 1)[1] == slug(award["authority"])]
        assert len(holding) == 1, (p, holding)  # the folder of the level that decides the award
        members[holding[0]].append(p)
        text = lists[holding[0]]
        assert _plain(p["name"]) in text and _plain(award["name"]) in text and _plain(format_money(p["amount"])) in text, p
        assert list(holding[0].glob(f"bao-cao-{p['subject'].lower()}-*.pdf")), p
    # the tờ trình of each level asks for the money of its rows, and all of them for the round's total
    for group, proposed in members.items():
        asked = _plain(_pdf_text(group / "to-trinh.pdf"))
        assert _plain(f"Tổng số tiền thưởng theo quy định: {format_money(sum(p['amount'] for p in proposed))} đồng") in asked, group
    assert sum(p["amount"] for p in round_["proposals"]) == round_["total_amount"]

    # the verification code printed on the PDF is the ledger's, and `check --code` verifies it
    codes = {m for path in folder.rglob("*.pdf") for m in re.findall(r"Mã kiểm tra: (\S+ \(sổ [0-9.]+, đợt 1\))", _pdf_text(path))}
    assert len(codes) == 1, codes
    code = codes.pop()
    assert f"Mã kiểm tra: {code}" in (folder / next(iter(members)).name / "to-trinh.md").read_text(encoding="utf-8")
    result = thidua("check", "--code", code)
    assert result.exit_code == 0 and "khớp" in result.stderr, result.stderr


@needs_pdf
def test_a_pdf_dossier_stays_pdf_when_votes_and_decisions_rewrite_it(thidua):
    from test_decisions import SUBJECTS
    from test_proposals import award, setup

    setup(thidua, award("GK", 1, vote_threshold=50), SUBJECTS, {"NV1": 90, "NV2": 85, "NV3": 80})
    folder = thidua.folder / "hs"
    thidua.ok("propose-awards", "-O", "pdf", "--out", str(folder))
    minutes = next(folder.rglob("bien-ban.pdf"))
    assert "Nguyễn Văn An" in _pdf_text(minutes)
    thidua.ok("record-votes", "1", "--members", "10", "--file", str(thidua.write("p.csv", "subject,votes\nNV1,9\nNV2,3\nNV3,8\n")))
    voted = _pdf_text(minutes)
    assert "9/10" in voted.replace(" ", "") or "90%" in voted.replace(" ", ""), voted
    assert not list(folder.rglob("bao-cao-nv2-*.pdf")) and list(folder.rglob("bao-cao-nv3-*.pdf"))  # NV2 failed the vote
    thidua.ok("record-decision", "1", "--number", "5/QĐ-STTTT", "--date", "2022-12-30")
    decision = next(folder.rglob("quyet-dinh.pdf"))
    assert _plain("Số: 5/QĐ-STTTT") in _plain(_pdf_text(decision))
    for pdf in folder.rglob("*.pdf"):
        _assert_printed_page(pdf, landscape=pdf.name == "danh-sach.pdf")


def test_a_pdf_dossier_without_weasyprint_says_what_to_install_and_writes_nothing(monkeypatch, thidua):
    from test_decisions import SUBJECTS
    from test_proposals import award, setup

    setup(thidua, award("GK", 1), SUBJECTS, {"NV1": 90})
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint → ImportError
    result = assert_refused(thidua, ["propose-awards", "-O", "pdf", "--out", str(thidua.folder / "hs")],
                            "ghi PDF cần WeasyPrint, máy này chưa cài")
    assert "Gợi ý: cài phần PDF: pip install 'thidua-cli[pdf]'" in result.stderr
    assert not (thidua.folder / "hs").exists()
    assert json.loads(thidua.ok("rounds", "-O", "json").stdout)["rounds"] == []
