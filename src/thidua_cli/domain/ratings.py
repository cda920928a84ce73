"""Yearly ratings (xếp loại chất lượng): the four standard ratings and how offices type them.

The ratings are ordered: a prerequisite "rated Hoàn thành tốt nhiệm vụ" is met
by Hoàn thành xuất sắc nhiệm vụ too. What an office types is matched on a
folded key without spaces or punctuation, so "HTXSNV", "HT XS NV",
"hoàn thành xuất sắc" and "Hoàn thành xuất sắc nhiệm vụ" are one rating.
"""

from __future__ import annotations

import re

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


def at_least(rating: str | None, wanted: str) -> bool:
    """`rating` is `wanted` or better."""
    return rating is not None and _RANK.get(rating, 0) >= _RANK[wanted]


def ratings_hint() -> str:
    return "; ".join(f"{rating} ({_ALIASES[rating][2].upper()})" for rating in RATINGS)
