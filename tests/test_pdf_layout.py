"""Every Word document of the demo, printed to PDF with LibreOffice and looked at page by page.

What a council secretary checks before signing: no page holds only a signature
block or only "Nơi nhận"; each document has the pages it should; no text runs
outside the NĐ 30/2020 margins. Skipped where LibreOffice is not installed,
except under CI=true, where a missing LibreOffice is a failure (`.ci/run` installs it). All files go through one soffice
call: starting LibreOffice is most of the time.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from pdf_pages import MM, convert, pages, tools_available

pytestmark = pytest.mark.skipif(
    not tools_available() and os.environ.get("CI") != "true", reason="LibreOffice (soffice) và poppler (pdftotext) chưa cài",
)

TOP, BOTTOM, LEFT, RIGHT = 20 * MM, 20 * MM, 30 * MM, 15 * MM
SLACK = 1.5  # points: glyph boxes may overhang their advance a little
V_SLACK = 3  # points: pdftotext boxes run from the font's ascent to its descent, beyond the line's own box
# pages per document of the demo (after the vote and the decision)
PAGES = {f"covid19-stttt/{name}": count for name, count in {
    "1-chu-tich-nuoc/to-trinh": 2, "1-chu-tich-nuoc/danh-sach": 1, "1-chu-tich-nuoc/bien-ban": 4,
    "2-thu-tuong-chinh-phu/to-trinh": 2, "2-thu-tuong-chinh-phu/danh-sach": 1,
    "3-chu-tich-ubnd-tinh-tra-vinh/to-trinh": 2, "3-chu-tich-ubnd-tinh-tra-vinh/danh-sach": 3,
    "4-giam-doc-so-thong-tin-va-truyen-thong/to-trinh": 3, "4-giam-doc-so-thong-tin-va-truyen-thong/danh-sach": 4,
    "4-giam-doc-so-thong-tin-va-truyen-thong/quyet-dinh": 3,
}.items()}
_SIGNATURE_WORDS = re.compile(r"\((Ký|ký)[^)]*\)|Nơi nhận:|^\d+$")


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    from typer.testing import CliRunner

    from thidua_cli.cli import app

    folder = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(app, ["demo", "--out", str(folder)])
    assert result.exit_code == 0, result.stderr
    # NĐ 30/2020 documents only: the certificates (ban-in-khen-thuong) print on their own forms, with their own margins
    files = sorted(path for path in folder.rglob("*.docx") if "ban-in-khen-thuong" not in path.parts)
    pdfs = convert(files, folder / "pdf")
    # "covid19-stttt/1-chu-tich-nuoc/to-trinh": the demo's campaigns, each with its dossier
    return {path.relative_to(folder).with_suffix("").as_posix().replace("/ho-so-de-nghi/", "/"): pages(pdf)
            for path, pdf in pdfs.items()}, folder


def _signature_phrases(folder: Path) -> list[str]:
    """Names, recipients and titles that make up signature blocks and "Nơi nhận" in the demo."""
    from thidua_cli.domain.campaign_def import parse_campaign
    from thidua_cli.resources import examples_dir

    names: list[str] = []
    recipients = ["Như trên;", "Như Điều 3;", "Thành viên Hội đồng;", "Lưu: VT, VP.", "Lưu: VT, hồ sơ TĐKT."]
    for example in sorted(p for p in examples_dir().iterdir() if (p / "subjects.csv").is_file()):
        campaign = parse_campaign((example / "campaign.toml").read_text(encoding="utf-8"))
        names += [campaign.signer_name, campaign.council_chair, campaign.council_secretary, *(m.name for m in campaign.council)]
        names += [line.split(",")[1] for line in (example / "subjects.csv").read_text(encoding="utf-8").splitlines()[1:]]
        recipients += [f"{r};" for r in campaign.recipients]
    names = [name for name in names if name]
    return sorted({*names, *recipients}, key=len, reverse=True)


def _leftover(line: str, phrases: list[str]) -> str:
    """What remains of a line once signature titles (capitals), names, notes and recipients are removed."""
    for phrase in phrases:
        line = line.replace(phrase, " ")
    line = _SIGNATURE_WORDS.sub(" ", line)
    words = [w for w in line.replace("-", " ").split() if w.strip(".,;:")]
    return " ".join(w for w in words if not (w.isupper() or w.strip(".,;:").isupper()))


def test_no_page_holds_only_a_signature_or_the_recipients(printed):
    documents, folder = printed
    phrases = _signature_phrases(folder)
    bare = []
    for name, document in documents.items():
        for number, page in enumerate(document[1:], 2):
            if not any(_leftover(line, phrases) for line in page.lines()):
                bare.append(f"{name} trang {number}: {' / '.join(page.lines())[:120]}")
    assert not bare, "\n".join(bare)


def test_the_last_row_and_the_total_stand_with_the_signature(printed):
    """The danh sách and the quyết định's annex end with their last row, the "Tổng cộng" row, and (the danh sách)
    the sum in words and the signature: LibreOffice must print them on one page, the total never opening a page
    (the UBND danh sách of the demo printed the sum in words and the signature alone on its page 3)."""
    documents, _ = printed
    listings = {name: document for name, document in documents.items() if name.endswith(("/danh-sach", "/quyet-dinh"))}
    assert len(listings) >= 8
    apart = []
    for name, document in listings.items():
        page = next(page for page in reversed(document) if any(line.startswith("Tổng cộng:") for line in page.lines()))
        lines = [line for line in page.lines() if not line.startswith("Mã kiểm tra")]
        total = next(i for i, line in enumerate(lines) if line.startswith("Tổng cộng:"))
        last_row = any(re.match(r"\d+ \S", line) for line in lines[:total])  # "6 Đoàn Thanh Tùng …": STT, then its text
        signed = name.endswith("/danh-sach")
        kept = not signed or (page is document[-1] and any(line.startswith("Tổng số tiền thưởng bằng chữ") for line in lines[total:]))
        if not (last_row and kept):
            apart.append(f"{name} trang {document.index(page) + 1}: {' / '.join(lines)[:160]}")
    assert not apart, "\n".join(apart)


def test_page_count_of_each_document(printed):
    documents, _ = printed
    counts = {name: len(document) for name, document in documents.items()}
    assert {name: counts[name] for name in PAGES} == PAGES
    reports = {name: n for name, n in counts.items()  # the báo cáo thành tích: covid19-stttt/FOLDER/bao-cao-…
               if name.startswith("covid19-stttt/") and name.count("/") == 2 and "/bao-cao-" in name}
    assert len(reports) == 21 and all(1 <= n <= 3 for n in reports.values()), reports
    assert counts["covid19-stttt/bao-cao-thang-2021-11"] <= 8
    assert all(n <= 4 for name, n in counts.items() if name.count("/") == 2 and "/bao-cao-" in name)


def test_no_text_outside_the_margins(printed):
    documents, _ = printed
    outside = []
    for name, document in documents.items():
        for number, page in enumerate(document, 1):
            below = [w for w in page.words if w.y0 > page.height - BOTTOM + V_SLACK]
            # the verification code, in small print in the page footer (issue 14), and nothing else there
            coded = bool(re.fullmatch(r"Mã kiểm tra: \S+ \(sổ [0-9.]+(, đợt \d+)?\)", " ".join(w.text for w in below)))
            for word in page.words:
                if word.y1 < TOP and word.text.isdigit():
                    continue  # the page number, centred in the header
                if coded and word in below and LEFT - SLACK <= word.x0 and word.x1 <= page.width - RIGHT + SLACK:
                    continue
                if (word.x0 < LEFT - SLACK or word.x1 > page.width - RIGHT + SLACK
                        or word.y0 < TOP - V_SLACK or word.y1 > page.height - BOTTOM + V_SLACK):
                    outside.append(f"{name} trang {number}: “{word.text}” ({word.x0:.0f}, {word.y0:.0f})–({word.x1:.0f}, {word.y1:.0f})")
    assert not outside, "\n".join(outside[:20])


def test_the_check_knows_a_bare_signature_page_from_a_page_of_text(printed):
    _, folder = printed
    phrases = _signature_phrases(folder)
    # page 2 of the quyết định and page 4 of the biên bản as they came out before (issue 20)
    for bare in (["2", "Nơi nhận: GIÁM ĐỐC", "- Như Điều 3;", "- Sở Nội vụ;", "- BGĐ Sở;", "- Lưu: VT, VP. Nguyễn Văn Nay"],
                 ["4", "- Thành viên Hội đồng;", "- Lưu: VT, hồ sơ TĐKT."],
                 ["CHÁNH VĂN PHÒNG", "Trương Quốc An"]):
        assert not any(_leftover(line, phrases) for line in bare), bare
    page = ["3", "Kính trình Giám đốc Sở Thông tin và Truyền thông xem xét, quyết định./.", "Nơi nhận: CHÁNH VĂN PHÒNG"]
    assert any(_leftover(line, phrases) for line in page)
