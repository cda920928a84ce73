"""Word documents turned into pages, read back as a person would look at them (LibreOffice, poppler).

`convert(docx_files, out)` converts every file in ONE soffice call (start-up
is most of the cost); `pages(pdf)` gives each page's words with their boxes
(pdftotext -bbox), so a test can ask what a page holds and where its text sits.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4  # points per millimetre
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


def tools_available() -> bool:
    return all(shutil.which(tool) for tool in ("soffice", "pdftotext"))


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    words: tuple[Word, ...]

    def lines(self) -> list[str]:
        """Words grouped by baseline (within 2 pt), top to bottom, left to right."""
        rows: list[list[Word]] = []
        for word in sorted(self.words, key=lambda w: (round(w.y1), w.x0)):
            if rows and abs(rows[-1][0].y1 - word.y1) <= 2:
                rows[-1].append(word)
            else:
                rows.append([word])
        return [" ".join(w.text for w in sorted(row, key=lambda w: w.x0)) for row in rows]


def convert(files: list[Path], out: Path) -> dict[Path, Path]:
    """docx → pdf for every file at once; each copied first under a unique name (two folders hold a to-trinh)."""
    staging = out / "docx"
    staging.mkdir(parents=True, exist_ok=True)
    names: dict[Path, Path] = {}
    for index, source in enumerate(files):
        copy = staging / f"{index:03d}-{source.stem}.docx"
        shutil.copyfile(source, copy)
        names[source] = out / f"{copy.stem}.pdf"
    profile = (out / "profile").resolve()
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(out),
         *sorted(str(p) for p in staging.iterdir())],
        check=True, capture_output=True, timeout=600, env={**os.environ, "FONTCONFIG_FILE": str(_fonts_config(out))},
    )
    return names


def _fonts_config(out: Path) -> Path:
    """A fontconfig that adds the Liberation fonts thidua ships and reads "Times New Roman" as Liberation Serif (the
    same metrics): without them LibreOffice sets the documents in a wider fallback, and pages break as in no office."""
    fonts = Path(__file__).resolve().parents[1] / "src" / "thidua_cli" / "fonts"
    config = out / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{fonts}</dir>\n  <cachedir>{(out / 'fontcache').resolve()}</cachedir>\n"
        "  <alias><family>Times New Roman</family><prefer><family>Liberation Serif</family></prefer></alias>\n"
        "</fontconfig>\n", encoding="utf-8")
    return config


def pages(pdf: Path) -> list[Page]:
    text = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    found = []
    for width, height, body in _PAGE.findall(text):
        words = tuple(Word(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in _WORD.findall(body))
        found.append(Page(float(width), float(height), words))
    return found
