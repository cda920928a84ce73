"""The words of award history: loại hình, danh hiệu vs hình thức, and a guess of which one a name is.

Danh hiệu thi đua and hình thức khen thưởng are kept apart (the national personnel database
records both, CV 6208/BNV-CCVC); an award no campaign in the ledger offers has only its name
to tell which it is (Luật Thi đua, khen thưởng 2022: danh hiệu thi đua Điều 23–28, hình thức
khen thưởng Điều 29: huân chương, huy chương, danh hiệu vinh dự nhà nước, giải thưởng, kỷ niệm
chương, bằng khen, giấy khen).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from thidua_cli.domain.file_kinds import header_key
from thidua_cli.domain.models import DANH_HIEU, HINH_THUC

AWARD_KIND_LABELS = {
    "cong-trang": "công trạng",
    "chuyen-de": "chuyên đề",
    "dot-xuat": "đột xuất",
    "nien-han": "niên hạn",
    "cong-hien": "quá trình cống hiến",
    "doi-ngoai": "đối ngoại",
}
_KIND_WORDS = {
    **{header_key(code): code for code in AWARD_KIND_LABELS},
    **{header_key(label): code for code, label in AWARD_KIND_LABELS.items()},
    "theo chuyen de": "chuyen-de", "phong trao thi dua": "chuyen-de", "phong trao": "chuyen-de", "theo dot": "chuyen-de",
    "thuong xuyen": "cong-trang", "cong hien": "cong-hien",
    "khen thuong cong trang": "cong-trang", "khen thuong dot xuat": "dot-xuat", "khen thuong doi ngoai": "doi-ngoai",
    "khen thuong nien han": "nien-han", "khen thuong theo chuyen de": "chuyen-de",
}
CATEGORY_LABELS = {DANH_HIEU: "danh hiệu thi đua", HINH_THUC: "hình thức khen thưởng"}
_CATEGORY_WORDS = {
    "danh hieu": DANH_HIEU, "danh hieu thi dua": DANH_HIEU, "dh": DANH_HIEU, header_key(DANH_HIEU): DANH_HIEU,
    "hinh thuc": HINH_THUC, "hinh thuc khen thuong": HINH_THUC, "ht": HINH_THUC, header_key(HINH_THUC): HINH_THUC,
}
# Words of a name, folded, that tell a danh hiệu thi đua or a hình thức khen thưởng ("Cờ thi đua của Chính phủ" is a
# danh hiệu, "Bằng khen của Thủ tướng Chính phủ" a hình thức). A name holding words of both is what its first such
# words say, the head of a Vietnamese noun phrase coming first: "Bằng khen … (2 năm liền Chiến sĩ thi đua cơ sở)" is
# a Bằng khen.
_DANH_HIEU_WORDS = (
    "chien si thi dua", "chien si tien tien", "lao dong tien tien", "lao dong xuat sac", "co thi dua",
    "don vi quyet thang", "don vi tien tien", "gia dinh van hoa", "ldtt", "cstdcs", "cstd", "ttldtt", "ttldxs",
)
_HINH_THUC_WORDS = (
    "huan chuong", "huy chuong", "bang khen", "giay khen", "ky niem chuong", "giai thuong", "anh hung", "nhan dan",
    "uu tu", "ba me viet nam", "danh hieu vinh du", "bk", "gk", "hcld",
)


def parse_award_kind(text: str) -> str | None:
    """"Chuyên đề", "chuyen-de", "Theo chuyên đề" → "chuyen-de"; None when it is no loại hình."""
    return _KIND_WORDS.get(header_key(text))


def parse_category(text: str) -> str | None:
    return _CATEGORY_WORDS.get(header_key(text))


def guess_category(name: str) -> str | None:
    """Danh hiệu or hình thức from the words of an award's name (the first such words where it has both); None when
    the name says neither."""
    words = f" {header_key(name)} "
    found = [(words.find(f" {word} "), order, category)
             for order, (category, known) in enumerate(((DANH_HIEU, _DANH_HIEU_WORDS), (HINH_THUC, _HINH_THUC_WORDS)))
             for word in known if f" {word} " in words]
    return min(found)[2] if found else None


def words_in_order(words: list[str], name: list[str]) -> bool:
    """Every word of a shortened name is a word of the full name, in its order ("bang khen ubnd" in "bang khen cua
    chu tich ubnd tinh")."""
    place = iter(name)
    return all(word in place for word in words)


# --- a cell of award history kept one column per year ("LĐTT", "CSTĐCS (QĐ 12/QĐ-SKHCN)") ---------------------

# the decision written in the cell: "(QĐ 12/QĐ-SKHCN)", "QĐ số 180/QĐ-STTTT ngày 28/12/2022", "số 15/QĐ-UBND";
# without "QĐ" or "số" before it, a number only when it reads as one ("12/QĐ-SKHCN")
_CELL_DECISION = re.compile(
    r"\(?\s*(?:(?:theo\s+)?(?:quyết\s+định|qđ)\s*(?:số)?|số)\s*[:.]?\s*(?P<number>\d[^\s,;()]*)"
    r"(?:\s*(?:,|ngày|ngày:)\s*(?:ngày\s*)?(?P<date>\d{1,2}[/.-]\d{1,2}[/.-]\d{4}))?\s*\)?"
    r"|\(?\s*(?P<bare>\d+\s*/\s*qđ[^\s,;()]*)\s*\)?", re.IGNORECASE)
_CELL_PARTS = re.compile(r"\s*[,;+\n]\s*")
_CELL_EDGES = " \t,;.:-–()"


class HistoryCell(NamedTuple):
    awards: tuple[str, ...]  # each award the cell names, as written
    number: str  # the decision's number written in the cell, or ""
    day: str  # its date as written, or ""
    ratings: tuple[str, ...]  # parts that are a yearly rating (HTXSNV), not an award
    unknown: str  # the text no award is read from (the cell then names nothing), or ""


def read_history_cell(text: str, is_award: Callable[[str], bool], is_rating: Callable[[str], bool],
                      is_known: Callable[[str], bool] | None = None) -> HistoryCell:
    """The awards of one cell of award history by year, the decision written with them, and what else it holds.

    Parts apart by "," ";" "+" or a line are each an award when each reads as one (`is_award`: a campaign's award,
    a known danh hiệu or hình thức, or a name that says which it is); otherwise the whole cell is one award if it
    reads as one, else `unknown` holds it. A stray comma or dot at either end is no part of the name.
    A part that is no award the ledger knows (`is_known`: a campaign's award by code or name, a danh hiệu or hình
    thức written short or whole, a rating) but is two or more of them one after the other — the line break of
    "LĐTT⏎GK-GD" is a space once the cell is read, "LĐTT và GK-GD", "CSTĐCS - HTXSNV" — is those (`known_names`)."""
    number = day = ""
    found = _CELL_DECISION.search(text)
    if found:
        number = (found["number"] or found["bare"] or "").replace(" ", "").rstrip(".")
        day = found["date"] or ""
        text = text[:found.start()] + " " + text[found.end():]
    text = text.strip(_CELL_EDGES)
    parts = [part.strip(_CELL_EDGES) for part in _CELL_PARTS.split(text)]
    parts = [part for part in parts if part]
    if is_known is not None:
        parts = [name for part in parts for name in (known_names(part, is_known) or (part,))]
    ratings = tuple(part for part in parts if is_rating(part))
    rest = [part for part in parts if not is_rating(part)]
    if all(map(is_award, rest)):
        return HistoryCell(tuple(rest), number, day, ratings, "")
    whole = text if not ratings else ", ".join(rest)
    if is_award(whole):
        return HistoryCell((whole,), number, day, ratings, "")
    return HistoryCell((), number, day, ratings, whole)


# the words between two names written on one line: "LĐTT và GK-GD", "HTTNV - LĐTT"
_JOINERS = re.compile(r"\s+(?:và|-|–|&)\s+", re.IGNORECASE)


def known_names(text: str, is_known: Callable[[str], bool]) -> tuple[str, ...] | None:
    """`text` as two or more names one after the other, each `is_known` ("LĐTT GK-GD", "Lao động tiên tiến Giấy
    khen", "LĐTT và GK-GD"), the fewest such names; None when `text` is itself known, or is not such a sequence
    ("Bằng khen của Bộ Thông tin và Truyền thông" is no sequence of known names: it stays one name)."""
    if is_known(text):
        return None
    found: list[str] = []
    for group in _JOINERS.split(text):
        words = group.split()
        if not words:
            return None
        # fewest names covering words[:end], for each end (None: no way)
        best: list[tuple[str, ...] | None] = [()] + [None] * len(words)
        for end in range(1, len(words) + 1):
            for start in range(end):
                before = best[start]
                if before is None or (best[end] is not None and len(best[end]) <= len(before) + 1):
                    continue
                name = " ".join(words[start:end])
                if is_known(name):
                    best[end] = (*before, name)
        if best[-1] is None:
            return None
        found.extend(best[-1])
    return tuple(found) if len(found) > 1 else None
