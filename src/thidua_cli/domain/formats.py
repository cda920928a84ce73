"""Dates, points and money as Vietnamese offices write and type them."""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII)
_VN_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$", re.ASCII)
# a date cell turned to text by a program keeps its midnight: "2026-03-05 00:00:00", "05/03/2026 0:00"
_MIDNIGHT = re.compile(r"^(\S+)(?:\s+|T)0?0:00(?::00(?:\.0+)?)?$", re.ASCII)
_SHORT_YEAR = re.compile(r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$", re.ASCII)
_NO_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{1,2})$", re.ASCII)  # "15/3": the year left out
_MONTH_ONLY = re.compile(r"^(?:tháng|th)\.?\s*(\d{1,2})\s*[/.-]\s*(\d{4})$|^(\d{1,2})[/.-](\d{4})$", re.IGNORECASE)
_POINTS = re.compile(r"^[+-]?\d+([.,]\d+)?$", re.ASCII)
# "1.234,5" / "1,234.5": thousands grouped, then the decimals after the other mark
_GROUPED = re.compile(r"^([+-]?\d{1,3})((?:([.,])\d{3})(?:\3\d{3})*)(?:(?!\3)[.,](\d+))?$", re.ASCII)
_HUNDRED = Decimal(100)
# "5 điểm", "5đ": the points' own unit typed after the number, as unit files write it
_POINTS_UNIT = re.compile(r"^([+-]?[\d.,]*\d)(?:điểm|đ)\.?$", re.IGNORECASE)
# "(2)": a negative number as Excel's accounting format shows it, and saves it in a CSV file
_ACCOUNTING = re.compile(r"^\(([\d.,]*\d(?:điểm|đ)?\.?)\)$", re.IGNORECASE)


class FormatError(ValueError):
    """A value typed by a person that cannot be read; the message is Vietnamese."""


# Signs that look like the keyboard's but are other characters (pasted from Word, a PDF, a Chinese or
# Arabic keyboard): "−1" (U+2212), "–1", full-width "１０", Arabic-Indic "١٠".
_KEYBOARD_SIGNS = {"\u2212": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\ufe63": "-", "\uff0d": "-",
                   "\uff0b": "+", "\ufe62": "+", "\uff0c": ",", "\uff0e": ".", "\uff0f": "/"}


def typed_on_a_keyboard(raw: str) -> None:
    """Refuse a number or date written with look-alike digits or signs, naming what to type instead: read
    silently, "１０" or "−1" would be a value the person never sees the tool took."""
    if raw.isascii():
        return
    import unicodedata

    plain, odd = [], []
    for char in raw:
        digit = unicodedata.decimal(char, None)
        if digit is not None and not char.isascii():
            plain.append(str(digit))
            odd.append(f"chữ số {_script(char)}")
        elif char in _KEYBOARD_SIGNS:
            plain.append(_KEYBOARD_SIGNS[char])
            odd.append(f'dấu "{char}" thay cho "{_KEYBOARD_SIGNS[char]}"')
        else:
            plain.append(char)
    if odd:
        shown = ", ".join(dict.fromkeys(odd))
        raise FormatError(f"viết bằng {shown}, không phải ký tự của bàn phím thường — gõ lại là {''.join(plain)}")


def _script(char: str) -> str:
    import unicodedata

    name = unicodedata.name(char, "")
    if name.startswith("FULLWIDTH"):
        return "toàn khổ (kiểu Trung, Nhật)"
    if "ARABIC" in name:
        return "Ả Rập"
    return "của chữ viết khác (không phải 0-9)"


# An import of a million rows holds a few hundred distinct dates and point values:
# remember what was read (bounded), so each distinct text is parsed once.
_CACHE_LIMIT = 4096
_DATES: dict[str, date] = {}
_POINTS_READ: dict[str, int] = {}


def parse_date(text: str | date) -> date:
    """`YYYY-MM-DD` or `DD/MM/YYYY` (also `D/M/YYYY`, `DD.MM.YYYY`)."""
    if isinstance(text, date):
        return text
    return _remembered(_DATES, text, _parse_date)


def _remembered(cache: dict, text: str, parse):
    """Imports repeat the same few dates and point values: parse each text once (bounded)."""
    known = cache.get(text)
    if known is not None:
        return known
    value = parse(text)
    if len(cache) < _CACHE_LIMIT:
        cache[text] = value
    return value


def _parse_date(text: str) -> date:
    value = str(text).strip()
    iso = _ISO_DATE.match(value)
    vn = _VN_DATE.match(value)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if vn:
            return date(int(vn[3]), int(vn[2]), int(vn[1]))
    except ValueError:
        if vn and int(vn[2]) > 12 and 1 <= int(vn[1]) <= 12:
            # "3/15/2026": month first, as a program set for the United States writes dates — and then
            # "3/5/2026" of the same file means 5 March, not 3 May: the person must see the whole column
            raise FormatError(
                f"không phải ngày có thật theo ngày/tháng/năm; nếu là ngày {int(vn[2])} tháng {int(vn[1])} (kiểu Mỹ: "
                f"tháng/ngày/năm) thì các ngày khác của cột có lẽ cũng ghi kiểu ấy — viết lại cả cột theo DD/MM/YYYY"
            ) from None
        raise FormatError("không phải ngày có thật") from None
    midnight = _MIDNIGHT.match(value)
    if midnight and (_ISO_DATE.match(midnight[1]) or _VN_DATE.match(midnight[1])):
        return _parse_date(midnight[1])  # the time says nothing: a date cell's text
    typed_on_a_keyboard(value)
    if _SHORT_YEAR.match(value):  # 26 is 2026 or 1926: the person says which
        raise FormatError("có năm hai chữ số — viết đủ bốn chữ số, ví dụ 05/03/2026")
    if _NO_YEAR.match(value):
        raise FormatError("thiếu năm — viết đủ ngày/tháng/năm, ví dụ 15/03/2026")
    month = _MONTH_ONLY.match(value)
    if month:
        raise FormatError("là một tháng, không phải một ngày — ghi ngày cụ thể (DD/MM/YYYY)")
    if value.isdigit() and 36526 <= int(value) <= 73050:  # 2000–2099 as Excel counts days, a date cell saved as its number
        from datetime import timedelta

        shown = date(1899, 12, 30) + timedelta(days=int(value))
        raise FormatError(
            f"là một số, không phải ngày — nếu là số ngày Excel lưu cho ngày {shown:%d/%m/%Y}, định dạng cột ấy là "
            f"Ngày (Format Cells → Date) rồi lưu lại, hoặc viết ngày DD/MM/YYYY"
        )
    raise FormatError("không phải ngày hợp lệ (viết YYYY-MM-DD hoặc DD/MM/YYYY)")


# The most points one value may have: the hundredths must fit the ledger's INTEGER columns on PostgreSQL as on
# SQLite (2 147 483 647 there; SQLite would keep more, and the same file then wrote on one engine only).
MAX_POINTS = 10_000_000
# The largest whole number a campaign may give (base salary, level, count …): what a PostgreSQL INTEGER holds.
MAX_INTEGER = 2**31 - 1


def parse_points(text: str | int | float | Decimal) -> int:
    """Points typed as `8.5`, `8,5` or `-2`, at most two decimals → hundredths; also `5 điểm`, `5đ` (the unit
    typed after the number) and `(2)` (a negative as Excel's accounting format shows it)."""
    if type(text) is str:
        return _remembered(_POINTS_READ, text, _parse_points)
    return _parse_points(text)


def _parse_points(text: str | int | float | Decimal) -> int:
    if isinstance(text, bool):
        raise FormatError("không phải số điểm")
    if isinstance(text, int):
        value = Decimal(text)
    elif isinstance(text, float):
        value = Decimal(repr(text))
    elif isinstance(text, Decimal):
        value = text
    else:
        raw = str(text).strip().replace(" ", "")
        if not raw[-1:].isdigit():
            accounting = _ACCOUNTING.match(raw)
            raw = "-" + accounting[1] if accounting else raw
            unit = _POINTS_UNIT.match(raw)
            raw = unit[1] if unit else raw
        matched = _POINTS.match(raw)
        if not matched:
            typed_on_a_keyboard(raw)
            grouped = _GROUPED.match(raw)
            if grouped:  # 1.234,5: the person means 1234,5 — say so rather than guess which mark is which
                whole = grouped[1] + grouped[2].replace(grouped[3], "")
                meant = whole + (f",{grouped[4]}" if grouped[4] else "")
                raise FormatError(f"có dấu ngăn cách hàng nghìn — viết {meant} (không có dấu chấm, phẩy giữa các chữ số)")
            raise FormatError("không phải số điểm (ví dụ 8.5 hoặc 8,5)")
        if matched[1] and len(matched[1]) == 4 and matched[1].endswith("0"):
            # "2.500": 2,5 written with trailing zeros, or 2500 grouped the Vietnamese way — ask, never guess
            whole, _, fraction = raw.replace(",", ".").partition(".")
            short = whole + "," + fraction.rstrip("0") if fraction.rstrip("0") else whole
            raise FormatError(f"là {short} hay {whole}{fraction}? — viết {short} hoặc {whole}{fraction}")
        value = Decimal(raw.replace(",", "."))
    if not value.is_finite():
        raise FormatError("không phải số điểm")
    hundredths = value * _HUNDRED
    if hundredths != hundredths.to_integral_value():
        raise FormatError("có quá 2 chữ số thập phân")
    if abs(hundredths) > MAX_POINTS * _HUNDRED:
        raise FormatError(f"quá lớn (tối đa {format_number(MAX_POINTS)} điểm)")
    return int(hundredths)


_DECIMAL = re.compile(r"^[+-]?\d+([.,]\d+)?$", re.ASCII)
MAX_DECIMAL = Decimal(10) ** 12
DECIMAL_PLACES = 6


def parse_decimal(text: str | int | float | Decimal, what: str = "số") -> Decimal:
    """A weight, threshold, percentage or multiplier: plain decimal notation (`0.3`, `0,3`), below 10¹²,
    at most 6 decimals — so that no later computation can overflow (`1e999999` is refused here)."""
    if isinstance(text, bool):
        raise FormatError(f"không phải {what}")
    if isinstance(text, int):
        value = Decimal(text)
    elif isinstance(text, float):
        value = Decimal(repr(text)) if math.isfinite(text) else Decimal("NaN")
    elif isinstance(text, Decimal):
        value = text
    else:
        raw = str(text).strip().replace(" ", "")
        if not _DECIMAL.match(raw):
            typed_on_a_keyboard(raw)
            raise FormatError(f"không phải {what}")
        value = Decimal(raw.replace(",", "."))
    if not value.is_finite():
        raise FormatError(f"không phải {what}")
    if abs(value) >= MAX_DECIMAL:
        raise FormatError("quá lớn")
    if value and value.normalize().as_tuple().exponent < -DECIMAL_PLACES:
        raise FormatError(f"có quá {DECIMAL_PLACES} chữ số thập phân")
    return value


def points_value(hundredths: int) -> Decimal:
    return Decimal(hundredths) / _HUNDRED


def format_number(value: Decimal | int | float, decimals: int = 0, trim: bool = False) -> str:
    """Vietnamese style: thousands with ".", decimals with ","; `trim` drops ",00"."""
    number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    quantum = Decimal(1).scaleb(-decimals)
    number = number.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    text = f"{abs(number):.{decimals}f}"
    whole, _, fraction = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = ".".join(groups)
    if fraction and not (trim and set(fraction) == {"0"}):
        if trim:
            fraction = fraction.rstrip("0")
        result += "," + fraction
    return sign + result


def format_points(hundredths_or_value: Decimal | int, trim: bool = True) -> str:
    value = hundredths_or_value if isinstance(hundredths_or_value, Decimal) else points_value(hundredths_or_value)
    return format_number(value, 2, trim=trim)


def format_money(amount: int | Decimal) -> str:
    return format_number(Decimal(amount), 0)


def some_of(items: list[str], noun: str = "dòng", shown: int = 10) -> str:
    """The first `shown` items of a warning's list, then how many more: "a; b; … và 12 dòng khác"."""
    more = f"; … và {len(items) - shown} {noun} khác" if len(items) > shown else ""
    return "; ".join(items[:shown]) + more


def written_as_date(text: str) -> bool:
    """The text has a date's shape ("31/02/1990", "1990-02-31"), whether or not that day exists."""
    text = text.strip()
    return bool(_ISO_DATE.match(text) or _VN_DATE.match(text))


def format_date(day: date) -> str:
    """Short form used in tables and citations: 05/3/2021 → "05/03/2021"."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def date_words(day: date) -> str:
    """NĐ 30/2020 form: zero-pad the day below 10 and only the months 1 and 2."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def date_line(place: str, day: date) -> str:
    return f"{place}, {date_words(day)}"


def document_number(number: int, type_code: str, agency_short: str) -> str:
    """"05/TTr-STTTT": zero-pad below 10."""
    return f"{number:02d}/{type_code}-{agency_short}"


def round_money(amount: Decimal, mode: str = "up") -> int:
    """Round to tens of thousands of đồng, up (default) or to the nearest."""
    unit = Decimal(10000)
    rounding = ROUND_CEILING if mode == "up" else ROUND_HALF_UP
    return int((amount / unit).quantize(Decimal(1), rounding=rounding) * unit)


# "Số 12/QĐ-SKHCN", "Số: 12/QĐ-SKHCN", "QĐ số 12/QĐ-SKHCN" as copied from the document's header: the word is no part
# of the number (documents write "Quyết định số 12/QĐ-SKHCN"), and kept it told one decision from itself
_NUMBER_WORD = re.compile(r"^(?:(?:quyết định|qđ)\s+)?số\s*[:.]?\s*(?=\S*\d)", re.IGNORECASE)


def decision_number(text: str | None) -> str:
    """A decision's number as typed: "12/QĐ-SKHCN," pasted from a sentence keeps no trailing comma or semicolon, and
    "Số 12/QĐ-SKHCN" copied from its header no word "Số"."""
    from thidua_cli.domain.vntext import clean

    return _NUMBER_WORD.sub("", clean(text or "").rstrip(",;").rstrip(), count=1)
