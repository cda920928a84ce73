"""Pages of the demo's dossier as the README shows them (docs/trang-mau/*.png).

    .venv/bin/python tools/sample_pages.py

Runs `thidua demo`, prints the chosen Word documents with LibreOffice (one
soffice call) and turns their pages into small PNG images with poppler's
pdftoppm. Run it again after changing a document's layout.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "trang-mau"
# (document of the demo, pages to show, image name)
PAGES = [
    ("covid19-stttt/ho-so-de-nghi/1-chu-tich-nuoc/to-trinh.docx", (1,), "to-trinh"),
    ("covid19-stttt/ho-so-de-nghi/4-giam-doc-so-thong-tin-va-truyen-thong/bien-ban.docx", (1, 4), "bien-ban"),
    ("covid19-stttt/ho-so-de-nghi/1-chu-tich-nuoc/bao-cao-nv29-tran-huu-phuoc.docx", (1, 3), "bao-cao-thanh-tich"),
    ("covid19-stttt/ho-so-de-nghi/4-giam-doc-so-thong-tin-va-truyen-thong/quyet-dinh.docx", (2,), "quyet-dinh"),
]


def main() -> int:
    sys.path.insert(0, str(ROOT / "tests"))
    from pdf_pages import convert

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        subprocess.run([str(ROOT / ".venv" / "bin" / "thidua"), "demo", "--out", str(work / "demo")], check=True,
                       capture_output=True)
        pdfs = convert([work / "demo" / name for name, _, _ in PAGES], work / "pdf")
        shutil.rmtree(OUT, ignore_errors=True)
        OUT.mkdir(parents=True)
        for name, pages, stem in PAGES:
            pdf = pdfs[work / "demo" / name]
            for page in pages:
                target = OUT / f"{stem}-{page}"
                subprocess.run(["pdftoppm", "-r", "50", "-gray", "-png", "-singlefile", "-f", str(page), "-l", str(page), str(pdf),
                                str(target)], check=True)
                print(target.with_suffix(".png").relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
