"""Vietnamese text: normalisation, matching keys and collation.

- Everything stored is NFC (`nfc`).
- Names are compared on keys, never on raw text: `match_key` keeps the letters
  and the tone of each word but not where the tone mark sits ("Hòa" = "Hoà"),
  nor case or spacing; `fold_key` also drops every diacritic ("nguyen van an"
  finds "Nguyễn Văn An", đ folds to d).
- `collation_key` orders like CLDR "vi": a < ă < â, d < đ, e < ê, o < ô < ơ,
  u < ư as letters; tones only break ties (ngang < huyền < hỏi < ngã < sắc <
  nặng); case last.
- `person_sort_key` orders people by tên, then tên đệm, then họ.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_MODIFIERS = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}
_MODIFIED = {
    ("a", "breve"): "ă",
    ("a", "circumflex"): "â",
    ("e", "circumflex"): "ê",
    ("o", "circumflex"): "ô",
    ("o", "horn"): "ơ",
    ("u", "horn"): "ư",
}
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}
_SPACES = re.compile(r"\s+")
# Control characters (NUL, ESC, DEL, C1) and invisible format characters that ride along with
# copy-paste: zero-width spaces and joiners, bidi overrides, BOM, soft hyphen. They would break
# matching, terminals (escape sequences) and .xlsx output, and never belong in a name or a note.
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean(text: str | None) -> str:
    """NFC, trimmed, inner white space collapsed to one space, control and invisible characters removed.

    Runs for every cell of an import, so: ASCII is already NFC; printable text holds none of the
    invisible characters (all are Cc or Cf); `str.split()` splits on exactly what `\\s` matches.
    Same result as `_SPACES.sub(" ", _INVISIBLE.sub("", nfc(text))).strip()`, 3× faster. In printable
    text the only white space is the plain space (tabs, line breaks, no-break and other Unicode spaces
    are not printable): text that neither starts nor ends with one nor holds two in a row is already
    clean, and is not split and joined again (half the cost of cleaning a note on an import)."""
    if text is None:
        return ""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    if not text.isprintable():
        text = _INVISIBLE.sub("", text)
    elif "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


_WORDS: dict[str, tuple[tuple[tuple[str, bool], ...], int]] = {}


def _letters(word: str) -> tuple[tuple[tuple[str, bool], ...], int]:
    """Split a word into (vietnamese base letter, is_upper) and its tone (0-5).

    Names reuse few words: ranking 20,000 people splits each distinct word once
    (a bounded cache; the result is immutable)."""
    known = _WORDS.get(word)
    if known is None:
        known = _split_letters(word)
        if len(_WORDS) < 100_000:
            _WORDS[word] = known
    return known


def _split_letters(word: str) -> tuple[tuple[tuple[str, bool], ...], int]:
    letters: list[tuple[str, bool]] = []
    tone = 0
    for char in unicodedata.normalize("NFD", word):
        if char in _TONES:
            tone = _TONES[char]
        elif char in _MODIFIERS and letters:
            base, upper = letters[-1]
            letters[-1] = (_MODIFIED.get((base, _MODIFIERS[char]), base), upper)
        elif unicodedata.combining(char):
            continue
        else:
            lower = char.lower()
            letters.append((lower, lower != char))
    return tuple(letters), tone


def match_key(text: str | None) -> str:
    """Case-, spacing- and tone-placement-insensitive key that keeps diacritics."""
    words = []
    for word in clean(text).split(" "):
        if not word:
            continue
        letters, tone = _letters(word)
        words.append("".join(letter for letter, _ in letters) + (str(tone) if tone else ""))
    return " ".join(words)


def fold_key(text: str | None) -> str:
    """Key without any diacritic: "Nguyễn Văn Đạt" -> "nguyen van dat"."""
    folded = []
    for char in unicodedata.normalize("NFD", clean(text).casefold()):
        if unicodedata.combining(char):
            continue
        folded.append("d" if char == "đ" else char)
    return "".join(folded)


def _char_rank(letter: str) -> int:
    if letter in _LETTER_RANK:
        return 100 + _LETTER_RANK[letter]
    if letter.isdigit():
        return 10 + int(letter) if letter in "0123456789" else 50
    if letter == " ":
        return 0
    if not letter.isalnum():
        return 1
    return 1000 + ord(letter)


@lru_cache(maxsize=1 << 16)  # pure; the report sorts the same names three times
def collation_key(text: str | None) -> tuple:
    """Sort key following CLDR "vi": letters first, then tones, then case."""
    primary: list[int] = []
    secondary: list[int] = []
    tertiary: list[int] = []
    for index, word in enumerate(clean(text).split(" ")):
        if index:
            primary.append(0)
        letters, tone = _letters(word)
        primary.extend(_char_rank(letter) for letter, _ in letters)
        secondary.append(tone)
        tertiary.extend(int(upper) for _, upper in letters)
    return (tuple(primary), tuple(secondary), tuple(tertiary))


@lru_cache(maxsize=1 << 16)
def person_sort_key(name: str | None) -> tuple:
    """Vietnamese name order: tên (last word), then tên đệm, then họ."""
    words = clean(name).split(" ")
    given = words[-1] if words else ""
    middle = " ".join(words[1:-1])
    family = words[0] if len(words) > 1 else ""
    return (collation_key(given), collation_key(middle), collation_key(family), clean(name))


# Every value of a collation key, and every code point, is below 2^24 - 1.
_WIDTH = 3
_END = bytes(_WIDTH)


def _sequence_bytes(values) -> bytes:
    """One sequence of a key: each value + 1 in 3 big-endian bytes, then three zero bytes.

    The end mark sorts below every value, so a sequence that is a prefix of
    another sorts first, as in tuple comparison."""
    return b"".join((value + 1).to_bytes(_WIDTH, "big") for value in values) + _END


def collation_bytes(text: str | None) -> bytes:
    """`collation_key(text)` as bytes that sort the same way under a plain byte comparison."""
    return b"".join(_sequence_bytes(level) for level in collation_key(text))


def text_bytes(text: str) -> bytes:
    """Bytes that sort as `text` does in Python (code point by code point)."""
    return _sequence_bytes(map(ord, text))


def person_sort_bytes(name: str | None) -> bytes:
    """`person_sort_key(name)` as bytes that sort the same way under a plain byte comparison."""
    given, middle, family, full = person_sort_key(name)
    return b"".join(_sequence_bytes(level) for level in (*given, *middle, *family)) + text_bytes(full)
