"""Yearly ratings (xếp loại chất lượng): the four standard ratings and how offices type them.

The ratings are ordered: a prerequisite "rated Hoàn thành tốt nhiệm vụ" is met
by Hoàn thành xuất sắc nhiệm vụ too. What an office types is matched on a
folded key without spaces or punctuation, so "HTXSNV", "HT XS NV",
"hoàn thành xuất sắc" and "Hoàn thành xuất sắc nhiệm vụ" are one rating.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from thidua_cli.domain.vntext import fold_key

EXCELLENT = "Hoàn thành xuất sắc nhiệm vụ"
GOOD = "Hoàn thành tốt nhiệm vụ"
DONE = "Hoàn thành nhiệm vụ"
NOT_DONE = "Không hoàn thành nhiệm vụ"
RATINGS = (EXCELLENT, GOOD, DONE, NOT_DONE)  # best first
_RANK = {rating: len(RATINGS) - index for index, rating in enumerate(RATINGS)}

_ALIASES = {
    EXCELLENT: ("hoanthanhxuatsacnhiemvu", "hoanthanhxuatsac", "htxsnv", "htxs", "xuatsac"),
    GOOD: ("hoanthanhtotnhiemvu", "hoanthanhtot", "httnv", "htt", "htotnv", "tot"),
    DONE: ("hoanthanhnhiemvu", "hoanthanh", "htnv", "ht"),
    NOT_DONE: ("khonghoanthanhnhiemvu", "khonghoanthanh", "khtnv", "kht", "chuahoanthanhnhiemvu", "chuahoanthanh"),
}
_BY_KEY = {alias: rating for rating, aliases in _ALIASES.items() for alias in aliases}
_NOT_LETTERS = re.compile(r"[^a-z0-9]")


def normalise_rating(text: str | None) -> str | None:
    """The standard rating an office's text means, or None when it names none of the four."""
    key = _NOT_LETTERS.sub("", fold_key(text or ""))
    return _BY_KEY.get(key)


# what an office writes for a year it did not rate someone (on leave, just hired, not assessed): no rating of the four
_UNRATED = ("khongxeploai", "chuaxeploai", "khongdanhgia", "chuadanhgia", "khongxet", "chuaxet", "khongphanloai",
            "nghithaisan", "nghiom", "nghiphep", "nghikhongluong", "nghiviec", "nghihuu", "moituyen", "moinhan",
            "moichuyen", "khongthamgia")


def means_unrated(text: str | None) -> bool:
    """Whether a rating cell says the year was not rated ("Không xếp loại", "Nghỉ thai sản", "Mới tuyển dụng")."""
    key = _NOT_LETTERS.sub("", fold_key(text or ""))
    return bool(key) and key.startswith(_UNRATED)


def at_least(rating: str | None, wanted: str) -> bool:
    """`rating` is `wanted` or better."""
    return rating is not None and _RANK.get(rating, 0) >= _RANK[wanted]


def ratings_hint() -> str:
    return "; ".join(f"{rating} ({_ALIASES[rating][2].upper()})" for rating in RATINGS)


# what an office writes beside a rating in its yearly table: the danh hiệu or hình thức of that year ("HTXSNV, LĐTT"),
# which is no rating and is imported with the award history
_TITLES = {
    "Lao động tiên tiến": ("laodongtientien", "ldtt"),
    "Chiến sĩ thi đua cơ sở": ("chiensithiduacoso", "cstdcs"),
    "Chiến sĩ thi đua cấp tỉnh": ("chiensithiduacaptinh", "cstdct", "cstdctinh", "cstdcaptinh"),
    "Chiến sĩ thi đua cấp bộ": ("chiensithiduacapbo", "cstdcb", "cstdcapbo"),
    "Chiến sĩ thi đua toàn quốc": ("chiensithiduatoanquoc", "cstdtq"),
    "Chiến sĩ thi đua": ("chiensithidua", "cstd"),
    "Tập thể lao động tiên tiến": ("tapthelaodongtientien", "ttldtt"),
    "Tập thể lao động xuất sắc": ("tapthelaodongxuatsac", "ttldxs"),
    "Cờ thi đua": ("cothidua",),
    "Giấy khen": ("giaykhen", "gk"),
    "Bằng khen": ("bangkhen", "bk"),
}
_TITLE_BY_KEY = {alias: title for title, aliases in _TITLES.items() for alias in aliases}
_PARTS = re.compile(r"\s*(?:[,;/+&()\n]|\s-\s|\svà\s)\s*")  # "HTXSNV, LĐTT", "HTXSNV (CSTĐCS)", "HTTNV và LĐTT"


class CellReading(NamedTuple):
    rating: str | None  # the standard rating the cell holds
    titles: tuple[str, ...]  # the danh hiệu or hình thức written beside it (or alone), as written


def read_rating_cell(text: str) -> CellReading | None:
    """A cell of a ratings table: its rating and the award titles beside it ("HTXSNV, LĐTT"), or None when a
    part of it is neither (or it holds two ratings)."""
    rating = normalise_rating(text)
    if rating is not None:
        return CellReading(rating, ())
    from thidua_cli.domain.history_terms import known_names

    def is_known(part: str) -> bool:
        return normalise_rating(part) is not None or _NOT_LETTERS.sub("", fold_key(part)) in _TITLE_BY_KEY

    ratings, titles = [], []
    # "HTTNV⏎LĐTT": the line break between them is a space once the cell is read — read as "HTTNV, LĐTT"
    parts = (name for part in filter(None, _PARTS.split(text.strip())) for name in known_names(part, is_known) or (part,))
    for part in parts:
        found = normalise_rating(part)
        if found is not None:
            ratings.append(found)
        elif _NOT_LETTERS.sub("", fold_key(part)) in _TITLE_BY_KEY:
            titles.append(part)
        else:
            return None
    if len(ratings) > 1 or not (ratings or titles):
        return None
    return CellReading(ratings[0] if ratings else None, tuple(titles))


def title_name(text: str) -> str | None:
    """The full name of a danh hiệu or hình thức an office writes short or whole ("CSTĐCS", "lao động tiên
    tiến" → "Chiến sĩ thi đua cơ sở", "Lao động tiên tiến"); None for any other text."""
    return _TITLE_BY_KEY.get(_NOT_LETTERS.sub("", fold_key(text)))


# who a danh hiệu by law is for (Luật Thi đua, khen thưởng 2022 Điều 26–28): "Lao động tiên tiến" and the Chiến sĩ
# thi đua are a person's, the Tập thể … and the Cờ thi đua a collective's; Giấy khen, Bằng khen are either's
_INDIVIDUAL_PREFIXES = ("laodongtientien", "chiensithidua")
_COLLECTIVE_PREFIXES = ("tapthelaodong", "cothidua")


def title_subject_kind(text: str) -> str | None:
    """"individual" or "collective" for a danh hiệu by law written short or whole (TTLĐXS, "Cờ thi đua của UBND
    tỉnh"), None when it may be either's or is no such danh hiệu."""
    key = _NOT_LETTERS.sub("", fold_key(title_name(text) or text))
    if key.startswith(_INDIVIDUAL_PREFIXES):
        return "individual"
    if key.startswith(_COLLECTIVE_PREFIXES):
        return "collective"
    return None


# "Tốt", "Xuất sắc" alone are read as the yearly rating (an office's shorthand), said in a warning: schools also
# grade teachers against the professional standard Tốt / Khá / Đạt / Chưa đạt, a different scale; its other
# words are no yearly rating at all
_BARE_WORDS = {"tot", "xuatsac"}
_STANDARD_SCALE = {"kha", "dat", "chuadat"}


def is_bare_word(text: str) -> bool:
    """"Tốt" or "Xuất sắc" without "hoàn thành … nhiệm vụ": read, but said."""
    return _NOT_LETTERS.sub("", fold_key(text)) in _BARE_WORDS


def is_standard_scale(text: str) -> bool:
    """"Khá", "Đạt", "Chưa đạt": the professional standard's grades, not a yearly rating."""
    return _NOT_LETTERS.sub("", fold_key(text)) in _STANDARD_SCALE
