"""The narrow columns of the long lists hold what a province's list puts in them on one line: a row number in the
thousands ("2960") and a total with two decimals ("142,75"). A province's danh sách of 5,967 rows printed "296 / 0"
and "142, / 75" over two lines. Measured with the Liberation Serif thidua ships (Times New Roman's metrics)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "src" / "thidua_cli" / "fonts" / "LiberationSerif-Regular.ttf"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TWIPS_PER_MM = 56.7
CELL_MARGINS_MM = 1.2 * 2


def _text_mm(text: str, points: float) -> float:
    from fontTools.ttLib import TTFont

    font = TTFont(str(FONT))
    widths, cmap, units = font["hmtx"].metrics, font.getBestCmap(), font["head"].unitsPerEm
    return sum(widths[cmap[ord(ch)]][0] for ch in text) / units * points * 25.4 / 72


def _columns(template: str) -> tuple[dict[str, float], float]:
    """The first table's column widths (mm) by heading, and its body's font size (pt)."""
    with zipfile.ZipFile(ROOT / "templates" / "docx" / template) as docx:
        tree = etree.fromstring(docx.read("word/document.xml"))
    def titles(row) -> list[str]:
        return ["".join(t.text or "" for t in cell.iter(f"{W}t")) for cell in row.findall(f"{W}tc")]

    table = next(t for t in tree.iter(f"{W}tbl") if "STT" in titles(t.find(f"{W}tr")))
    widths = [int(col.get(f"{W}w")) / TWIPS_PER_MM for col in table.find(f"{W}tblGrid")]
    cells = [row for row in table.findall(f"{W}tr") if any("row.stt" in text for text in titles(row))]
    size = cells[0].find(f".//{W}sz")  # the size of a data row's text
    return dict(zip(titles(table.find(f"{W}tr")), widths)), int(size.get(f"{W}val")) / 2


@pytest.mark.parametrize("template", ["danh-sach.docx", "bien-ban.docx"])
def test_row_numbers_and_totals_of_a_long_list_keep_to_one_line(template):
    columns, size = _columns(template)
    for title, text in (("STT", "2960"), ("Điểm", "142,75"), ("Tiền thưởng (đồng)", "99.990.000")):
        if title not in columns:
            continue
        room = columns[title] - CELL_MARGINS_MM
        assert _text_mm(text, size) < room, (template, title, round(_text_mm(text, size), 2), round(room, 2))
