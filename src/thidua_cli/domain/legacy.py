"""Vietnamese text typed in legacy 8-bit font encodings -> Unicode NFC.

Old office files still hold text typed with "font encodings": the bytes are
ordinary Windows-1252 characters and only the font draws them as Vietnamese.
Read as Unicode (openpyxl, python-docx) each legacy byte shows up as the
Latin-1 character with the same number, hence mojibake such as
"Céng hoµ x· héi chñ nghÜa ViÖt Nam".  Both encodings below only use codes
0xA0-0xFF, where cp1252 and Latin-1 agree.

TCVN3 (TCVN 5712:1993 VN3, "ABC"; fonts .VnTime, .VnArial, ...)
    One byte per letter: the 67 lower-case vowels with a tone mark or a
    modifier, "đ", and the seven capitals Ă Â Ê Ô Ơ Ư Đ (0xA1-0xAE, 0xB5-0xFE).
    There are no capitals *with a tone*: they are typed with the lower-case
    codes in an upper-case "H" font (.VnTimeH, .VnArialH, ...), which draws
    every letter as a capital.  So `tcvn3_to_unicode(text, uppercase=True)`
    upper-cases the whole result, and `unicode_to_tcvn3` writes a capital with
    a tone as its lower-case code (the case comes back only through an H font).
    The extra codes of the larger VN2/VN1 sets (toned capitals at 0xAF, 0xBA,
    0xBF, 0xC0-0xC5 ..., combining tones at 0xB0-0xB4) are not part of TCVN3 and
    are left as they are.

VNI-Windows (fonts VNI-Times, VNI-Helve, ...)
    A base Latin letter followed by a mark character: "Vieät" = Việt,
    "Nguyeãn" = Nguyễn.  Tone marks: ø huyền, û hỏi, õ ngã, ù sắc, ï nặng;
    circumflex (+ tone) after a/e/o: â à å ã á ä; breve (+ tone) after a:
    ê è ú ü é ë.  Single characters: ô = ơ, ö = ư, ñ = đ, î = ỵ and i with a
    tone: ì ỉ=æ ĩ=ó í ị=ò.  Capitals use the upper-case twin of every code
    (Ù Ø Û Õ Ï, Â À Å Ã Á Ä, Ê È Ú Ü É Ë, Ô Ö Ñ Î, Ì Æ Ó Í Ò).  When decoding, a
    mark takes the case of the letter it follows.

Detection (`detect_legacy`) looks at the characters only.  Text that is plain
ASCII, or holds a Unicode Vietnamese letter beyond Latin-1 or any combining
mark, is never legacy.  Otherwise every distinct word is converted with each
encoding and checked with a Vietnamese syllable test (onset + rhyme from a
closed list, c/k, g/gh, ng/ngh spelling, -c -ch -p -t only with sắc or nặng,
tone mark on an allowed vowel):
  * evidence: the word changes, was not a syllable, and becomes one;
  * counter-evidence: the word changes into a non-syllable;
  * words that are syllables both ways ("Tô" -> "Tụ") are ambiguous and
    ignored, so Unicode Vietnamese typed with Latin-1 letters only ("Lê Thái
    Tô") is never flagged;
  * distinctive: a code that ordinary Latin-1 text hardly has - TCVN3 symbol
    codes (¨ © ª « ¬ ® µ · ¸ ...), Ð Þ þ × ÷, or a capital code inside a
    lower-case word ("ViÖt"); VNI: a vowel directly followed by a mark
    ("Vieät", "hoøa").
An encoding is reported when its evidence is at least twice its counter-
evidence and one of these holds: one distinctive word starting with a
consonant yields a letter beyond Latin-1 ("ViÖt", "Nguyeãn"); two evidence
words, one distinctive; two evidence words with two different codes, no
counter-evidence and a letter beyond Latin-1; three evidence words with two
different codes and no counter-evidence. Single short words ("Hµ" = Hà) are
therefore often left alone: detect on a whole column (joined) when the font
name is unknown.

`to_unicode` trusts the font name first, then falls back on detection.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

__all__ = [
    "KEPT",
    "LEGACY_FONTS",
    "MIXED",
    "detect_legacy",
    "encoding_for_font",
    "is_uppercase_font",
    "read_in_column",
    "tcvn3_to_unicode",
    "to_unicode",
    "unicode_to_tcvn3",
    "unicode_to_vni",
    "vni_to_unicode",
]

LEGACY_FONTS: dict[str, str] = {
    ".vn": "tcvn3",  # .VnTime, .VnTimeH, .VnArial, .VnArialH, .VnCentury Schoolbook ...
    "vni-": "vni",  # VNI-Times, VNI-Helve, VNI-Book, VNI-Aptima ...
}

# Tone order used by every table below: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
_VOWELS = ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _toned(vowel: str, tone: int) -> str:
    return _nfc(vowel + _TONES[tone])


# --- TCVN3 --------------------------------------------------------------------

# Byte codes per vowel, in tone order (0 = the ASCII letter itself).
_TCVN3_CODES = {
    "a": (0x00, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0x00, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0x00, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0x00, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0x00, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0x00, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
_TCVN3_OTHER = {
    "đ": 0xAE, "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7,
}

_TCVN3_DECODE: dict[str, str] = {}
_TCVN3_ENCODE: dict[str, str] = {}
for _vowel, _codes in _TCVN3_CODES.items():
    for _tone, _code in enumerate(_codes):
        if _code:
            _TCVN3_DECODE[chr(_code)] = _toned(_vowel, _tone)
            _TCVN3_ENCODE[_toned(_vowel, _tone)] = chr(_code)
            # No toned capitals in TCVN3: write the lower-case code.
            _TCVN3_ENCODE.setdefault(_toned(_vowel, _tone).upper(), chr(_code))
for _letter, _code in _TCVN3_OTHER.items():
    _TCVN3_DECODE[chr(_code)] = _letter
    _TCVN3_ENCODE[_letter] = chr(_code)
_TCVN3_TRANS = str.maketrans(_TCVN3_DECODE)
_TCVN3_TRANS_BACK = str.maketrans(_TCVN3_ENCODE)


def tcvn3_to_unicode(text: str, uppercase: bool = False) -> str:
    """Decode TCVN3 (ABC) mojibake; `uppercase` for .VnTimeH-style fonts.

    A word typed in capitals keeps them on its toned vowels ("NG¦êI" → "NGƯỜI", not "NGƯờI"): the word's
    other letters say the case the lower-case code could not."""
    result = text.translate(_TCVN3_TRANS)
    if uppercase:
        result = result.upper()
    elif result != text and _TWO_CAPITALS.search(result):  # most text is not typed in capitals: one search
        result = _capitalised(result)  # a text typed all in capitals: every letter
        result = _CAPITALS_WORD.sub(lambda match: _capitalised(match[0]), result)
    return _nfc(result)


_TWO_CAPITALS = re.compile(r"[A-ZĂÂĐÊÔƠƯ][^\W_]*?[A-ZĂÂĐÊÔƠƯ]")  # two capitals in one word
_CAPITALS_WORD = re.compile(r"\w*[^\W\d_a-z]\w*")


def _capitalised(text: str) -> str:
    """`text` in capitals when two of its letters are and none of its Latin letters is lower-case."""
    if sum(char.isupper() for char in text) >= 2 and not any("a" <= char <= "z" for char in text):
        return text.upper()
    return text


def unicode_to_tcvn3(text: str) -> str:
    """Encode to TCVN3 characters; toned capitals lose their case (H fonts)."""
    return _nfc(text).translate(_TCVN3_TRANS_BACK)


# --- VNI-Windows --------------------------------------------------------------

_VNI_TONE = ("", "ø", "û", "õ", "ù", "ï")
_VNI_CIRCUMFLEX = ("â", "à", "å", "ã", "á", "ä")
_VNI_BREVE = ("ê", "è", "ú", "ü", "é", "ë")
_VNI_I = ("i", "ì", "æ", "ó", "í", "ò")
_VNI_LETTERS = {"ô": "ơ", "ö": "ư", "ñ": "đ", "î": "ỵ"}


def _vni_spelling(vowel: str, tone: int) -> str:
    if vowel == "i":
        return _VNI_I[tone]
    if vowel == "y" and tone == 5:
        return "î"
    prefix, marks = {
        "ă": ("a", _VNI_BREVE),
        "â": ("a", _VNI_CIRCUMFLEX),
        "ê": ("e", _VNI_CIRCUMFLEX),
        "ô": ("o", _VNI_CIRCUMFLEX),
        "ơ": ("ô", _VNI_TONE),
        "ư": ("ö", _VNI_TONE),
    }.get(vowel, (vowel, _VNI_TONE))
    return prefix + marks[tone]


_VNI_ENCODE: dict[str, str] = {"đ": "ñ", "Đ": "Ñ"}
for _vowel in _VOWELS:
    for _tone in range(6):
        _VNI_ENCODE[_toned(_vowel, _tone)] = _vni_spelling(_vowel, _tone)
        _VNI_ENCODE[_toned(_vowel, _tone).upper()] = _vni_spelling(_vowel, _tone).upper()
_VNI_TRANS_BACK = str.maketrans(_VNI_ENCODE)

# mark character -> (kind, combining marks added); kinds: tone / circ / breve
_VNI_MARKS: dict[str, tuple[str, str]] = {}
for _tone in range(6):
    for _kind, _marks, _modifier in (
        ("tone", _VNI_TONE, ""),
        ("circ", _VNI_CIRCUMFLEX, "\u0302"),
        ("breve", _VNI_BREVE, "\u0306"),
    ):
        if _marks[_tone]:
            for _char in (_marks[_tone], _marks[_tone].upper()):
                _VNI_MARKS[_char] = (_kind, _modifier + _TONES[_tone])
# stand-alone characters -> Unicode (lower- and upper-case)
_VNI_SINGLE: dict[str, str] = {}
for _code, _letter in _VNI_LETTERS.items():
    _VNI_SINGLE[_code] = _letter
    _VNI_SINGLE[_code.upper()] = _letter.upper()
for _tone in range(1, 6):
    _VNI_SINGLE[_VNI_I[_tone]] = _toned("i", _tone)
    _VNI_SINGLE[_VNI_I[_tone].upper()] = _toned("I", _tone)
_VNI_CODES = {**_VNI_MARKS, **{code: got for code, got in _VNI_SINGLE.items() if code != got}}
del _vowel, _codes, _tone, _code, _letter, _kind, _marks, _modifier, _char


def vni_to_unicode(text: str) -> str:
    """Decode VNI-Windows mojibake ("Vieät Nam" -> "Việt Nam")."""
    out: list[str] = []
    base = ""  # lower-case vowel the next mark may attach to ("" = none)
    modified = toned = False
    for char in text:
        mark = _VNI_MARKS.get(char)
        if mark is not None and base:
            kind, combining = mark
            if kind == "tone" and not toned:
                out.append(combining)
                toned = True
                continue
            if not modified and not toned and (
                (kind == "circ" and base in "aeo") or (kind == "breve" and base == "a")
            ):
                out.append(combining)
                modified, toned = True, len(combining) > 1
                continue
        single = _VNI_SINGLE.get(char)
        out.append(single or char)
        lower = (single or char).lower()
        if lower in ("a", "e", "o", "u", "y", "ơ", "ư"):
            base, modified, toned = lower, lower in ("ơ", "ư"), False
        else:
            base = ""
    return _nfc("".join(out))


def unicode_to_vni(text: str) -> str:
    """Encode to VNI-Windows characters (base letter + mark)."""
    return _nfc(text).translate(_VNI_TRANS_BACK)


# --- fonts ----------------------------------------------------------------------


def encoding_for_font(font_name: str | None) -> str | None:
    """"tcvn3" for .Vn* fonts, "vni" for VNI-* fonts, else None."""
    if not font_name:
        return None
    name = font_name.strip().lower()
    for prefix in sorted(LEGACY_FONTS, key=len, reverse=True):
        if name.startswith(prefix):
            return LEGACY_FONTS[prefix]
    return None


def is_uppercase_font(font_name: str | None) -> bool:
    """True for the TCVN3 capital fonts, whose name ends in "H" (.VnTimeH)."""
    if encoding_for_font(font_name) != "tcvn3":
        return False
    return (font_name or "").strip().lower().endswith("h")


# --- detection ------------------------------------------------------------------

# Text holding any of these is Unicode Vietnamese already: never converted, whatever its font.
_UNICODE_VIETNAMESE = re.compile(
    "[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0"
    "\u1ea0-\u1ef9\u0300-\u036f]"
)
_WORD = re.compile("[A-Za-z\u00a1-\u00ff]+")
_ONSETS = (
    "ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
)
_RHYMES = frozenset(
    """
    a ai ao au ay ac ach am an ang anh ap at ăc ăm ăn ăng ăp ăt
    âc âm ân âng âp ât âu ây
    e eo ec em en eng ep et ê êu êch êm ên ênh êp êt
    i ia iu ich im in inh ip it iêc iêm iên iêng iêp iêt iêu
    y yêm yên yêng yêt yêu
    o oi oc om on ong op ot oong ooc ô ôi ôc ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt
    u ua ui uc um un ung up ut uôc uôi uôm uôn uông uôt
    ư ưa ưi ưu ưc ưm ưn ưng ưt ươc ươi ươm ươn ương ươp ươt ươu
    oa oai oay oao oac oach oam oan oang oanh oap oat oăc oăm oăn oăng oăt
    oe oeo oem oen oet uân uâng uât uây uê uêch uênh uơ
    uy uya uyu uych uyn uynh uyp uyt uyên uyêt
    """.split()
)
_FRONT = "eêiy"


_PLAIN_VOWELS = "aeiouy"
_MODIFIED_VOWELS = "ăâêôơư"


def _tone_places(rhyme: str) -> tuple[int, ...]:
    """Where a rhyme may carry its tone mark (old and new style for oa/oe/uy)."""
    vowels = len(rhyme) - len(rhyme.lstrip(_PLAIN_VOWELS + _MODIFIED_VOWELS))
    modified = [index for index in range(vowels) if rhyme[index] in _MODIFIED_VOWELS]
    if modified:
        return (modified[-1],)
    if vowels < len(rhyme):  # closed by a consonant: the last vowel
        return (vowels - 1,)
    if rhyme in ("oa", "oe", "uy"):
        return (0, 1)
    return (1,) if vowels == 3 else (0,)


@lru_cache(maxsize=65536)
def _is_syllable(word: str) -> bool:
    """Is `word` one well-formed Vietnamese syllable (any case)?"""
    bare, tone, tone_at = [], "", -1
    for index, char in enumerate(_nfc(word.lower())):
        decomposed = unicodedata.normalize("NFD", char)
        marks = [mark for mark in decomposed if mark in _TONES[1:]]
        if marks:
            if tone or len(marks) > 1:
                return False
            tone, tone_at = marks[0], index
        bare.append(_nfc("".join(mark for mark in decomposed if mark not in _TONES[1:])))
    syllable = "".join(bare)
    if len(syllable) != len(bare):
        return False
    for onset in _ONSETS:
        if not syllable.startswith(onset):
            continue
        rhyme = syllable[len(onset):]
        if rhyme not in _RHYMES:
            continue
        if onset in ("k", "gh", "ngh") and rhyme[0] not in _FRONT:
            continue
        if onset in ("c", "ng") and rhyme[0] in _FRONT:
            continue
        if onset == "g" and rhyme[0] in "eê":
            continue
        if (rhyme[-1] in "cpt" or rhyme.endswith("ch")) and tone not in ("\u0301", "\u0323"):
            continue  # stop endings take only sắc or nặng
        if tone and tone_at - len(onset) not in _tone_places(rhyme):
            continue
        return True
    return False


_VNI_MARK_AFTER_VOWEL = re.compile(
    "[aeouyAEOUYôöÔÖ][" + "".join(sorted(_VNI_MARKS)) + "]"
)


def _distinctive(word: str, encoding: str) -> bool:
    """Does `word` hold a code that ordinary Latin-1 text hardly ever has?

    TCVN3: a symbol code (0xA1-0xBE: ¨ © ª « ¬ ® µ · ¸ ...), one of Ð Þ þ × ÷,
    or an upper-case code right after a lower-case letter ("ViÖt").
    VNI: a vowel directly followed by a mark ("Vieät", "hoøa").
    """
    if encoding == "vni":
        return _VNI_MARK_AFTER_VOWEL.search(word) is not None
    for index, char in enumerate(word):
        if char not in _TCVN3_DECODE:
            continue
        if 0xA1 <= ord(char) <= 0xBE or char in "ÐÞþ×÷":
            return True
        if char.isupper() and index and word[index - 1].islower():
            return True
    return False


class _Score(NamedTuple):
    evidence: int  # distinct words that become valid syllables (and were not)
    distinctive: int  # ... of which hold a distinctive code
    counter: int  # distinct changed words that are not valid syllables
    broken: int  # ... of which were valid syllables before
    strong: bool  # a distinctive word, consonant first, yields a letter beyond Latin-1
    codes: int  # different legacy codes used by the evidence words
    beyond: bool  # some evidence word yields a letter beyond Latin-1


def _score(text: str, encoding: str) -> _Score:
    """Score the distinct words of `text` read as `encoding`."""
    convert, table = (
        (tcvn3_to_unicode, _TCVN3_DECODE) if encoding == "tcvn3" else (vni_to_unicode, _VNI_CODES)
    )
    evidence = distinctive = counter = broken = 0
    strong = beyond = False
    codes: set[str] = set()
    for word in set(_WORD.findall(text)):
        converted = convert(word)
        if converted == word:
            continue
        was_valid, now_valid = _is_syllable(word), _is_syllable(converted)
        if now_valid and not was_valid and len(converted) > 1:
            evidence += 1
            codes.update(char for char in word if char in table)
            extended = any(ord(char) > 0xFF for char in converted)
            beyond = beyond or extended
            if _distinctive(word, encoding):
                distinctive += 1
                first = unicodedata.normalize("NFD", converted[:1].lower())[:1]
                strong = strong or (extended and first not in _PLAIN_VOWELS)
        elif not now_valid:
            counter += 1
            broken += was_valid
    return _Score(evidence, distinctive, counter, broken, strong, len(codes), beyond)


def detect_legacy(text: str) -> str | None:
    """"tcvn3" or "vni" when `text` is clearly legacy mojibake, else None."""
    if not text or text.isascii() or _UNICODE_VIETNAMESE.search(text):
        return None
    best: tuple[int, str] | None = None
    tie = False
    for encoding in ("tcvn3", "vni"):
        score = _score(text, encoding)
        clear = (
            score.strong
            or (score.distinctive and score.evidence >= 2)
            or (score.evidence >= 2 and not score.counter and score.codes >= 2 and score.beyond)
            or (score.evidence >= 3 and not score.counter and score.codes >= 2)
        )
        if clear and score.evidence >= 2 * score.counter:
            points = score.evidence - score.counter
            if best is None or points > best[0]:
                best, tie = (points, encoding), False
            elif points == best[0]:
                tie = True
    return None if best is None or tie else best[1]


def is_unicode_vietnamese(text: str) -> bool:
    """True when `to_unicode` leaves `text` as it is whatever the font: it holds Unicode Vietnamese letters."""
    return _UNICODE_VIETNAMESE.search(text) is not None


def to_unicode(text: str, font_name: str | None = None) -> tuple[str, str | None]:
    """(NFC text, encoding used) - or (text unchanged, None).

    A TCVN3/VNI font name decides, unless the text already holds Unicode
    Vietnamese (letters beyond Latin-1 or combining marks), or converting it
    would only turn valid Vietnamese words into invalid ones.  Without such a
    font, `detect_legacy` decides.
    """
    if not text:
        return text, None
    encoding = encoding_for_font(font_name)
    uppercase = False
    if encoding is not None:
        if _UNICODE_VIETNAMESE.search(text):
            return text, None
        score = _score(text, encoding)
        if score.broken and not score.evidence:
            return text, None
        uppercase = is_uppercase_font(font_name)
    else:
        encoding = detect_legacy(text)
        if encoding is None:
            return text, None
    if encoding == "tcvn3":
        converted = tcvn3_to_unicode(text, uppercase=uppercase)
    else:
        converted = vni_to_unicode(text)
    if converted == text:
        return text, None
    return converted, encoding


KEPT = "kept"  # `read_in_column`: no legacy reading makes the cell Vietnamese; left as typed
MIXED = "mixed"  # `read_in_column`: words of the cell read as Vietnamese in neither encoding throughout


def read_in_column(text: str, column: str) -> tuple[str, str | None]:
    """A cell of a column whose first rows read as `column` ("tcvn3" | "vni"), decided on its own words:
    (text, encoding used), (text unchanged, None), (text unchanged, KEPT) or (text unchanged, MIXED).

    Offices paste cells typed in one legacy font into a column typed in the other. A cell is read in the
    column's encoding when that reading changes it and breaks none of its words (ambiguous words like "Tô"
    included, as before); else in the other encoding when that one reads every changed word as Vietnamese;
    else in whichever reads at least two words in three as Vietnamese, so long as none of the words it
    leaves garbled reads as Vietnamese the other way (a misspelt "nghành" is kept, a VNI word inside a TCVN3
    cell is not). A cell no legacy reading makes Vietnamese at all ("José") is kept as typed (`KEPT`);
    the rest is `MIXED`: the import refuses it rather than store garbage."""
    if not text or text.isascii() or _UNICODE_VIETNAMESE.search(text):
        return text, None
    other = "vni" if column == "tcvn3" else "tcvn3"
    own = _score(text, column)
    # what `to_unicode` does for a cell in the column's font, without scoring the cell twice
    converted, used = (text, None) if own.broken and not own.evidence else _decoded(text, column)
    if used is not None and not own.counter:
        return converted, used
    theirs = _score(text, other)
    if theirs.evidence and not theirs.counter:
        return _decoded(text, other)  # "Vieät" in a TCVN3 column, "Hµ" in a VNI one
    if used is None:
        return text, None  # as before: nothing to read, or valid Vietnamese only the column's reading breaks
    for encoding, score, rival, rival_encoding in ((column, own, theirs, other), (other, theirs, own, column)):
        if score.evidence > rival.evidence and score.evidence >= 2 * score.counter:
            if _garbles_the_other_way(text, encoding, rival_encoding):
                break
            return _decoded(text, encoding)
    if not own.evidence and not theirs.evidence:
        return text, KEPT
    return text, MIXED


def _garbles_the_other_way(text: str, encoding: str, rival: str) -> bool:
    """Does a word that `encoding` leaves garbled read as Vietnamese in `rival` (two encodings in one cell)?"""
    convert = {"tcvn3": tcvn3_to_unicode, "vni": vni_to_unicode}
    for word in set(_WORD.findall(text)):
        read = convert[encoding](word)
        if read != word and not _is_syllable(read):
            other_read = convert[rival](word)
            if other_read != word and _is_syllable(other_read):
                return True
    return False


def _decoded(text: str, encoding: str) -> tuple[str, str | None]:
    converted = tcvn3_to_unicode(text) if encoding == "tcvn3" else vni_to_unicode(text)
    return (text, None) if converted == text else (converted, encoding)
