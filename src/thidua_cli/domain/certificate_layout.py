"""The layout of a pre-printed certificate blank (phôi bằng khen, giấy khen), read from TOML.

A layout names the page size and, for each field, a box in millimetres from the top-left
corner of the blank, the largest and smallest font size and the text (a pattern over the
values of `CERTIFICATE_VALUES`). Offices measure their own blank with a ruler and write
their own file (`thidua certificates --layout FILE`); every box must lie on the page.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from decimal import Decimal

from thidua_cli.errors import InvalidData

# The values a field's `text` may use, with what they hold (`thidua certificates --help` lists them).
CERTIFICATE_VALUES = {
    "authority": "cấp khen in hoa (GIÁM ĐỐC SỞ …)",
    "award_name": "tên hình thức khen thưởng",
    "name": "họ tên cá nhân hoặc tên tập thể",
    "honorific_name": "“Ông/Bà” và họ tên (cá nhân), tên tập thể",
    "position": "chức vụ",
    "unit": "đơn vị",
    "position_unit": "chức vụ, đơn vị",
    "achievement": "nội dung khen thưởng (thành tích)",
    "campaign_name": "tên phong trào",
    "decision_number": "số quyết định",
    "decision_date": "ngày quyết định (20/6/2022)",
    "decision_date_words": "ngày quyết định bằng chữ (ngày 20 tháng 6 năm 2022)",
    "place": "địa danh",
    "place_date": "địa danh, ngày tháng năm ký",
    "signer_title": "chức vụ người ký",
    "signer_name": "họ tên người ký",
    "register_number": "số vào sổ",
    "year": "năm quyết định",
    "award_year": "năm của danh hiệu (năm được xét, ví dụ 2025)",
}

ALIGNMENTS = {"left": "L", "center": "C", "right": "R", "justify": "J"}
_FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PAGE_KEYS = {"name", "width", "height", "font"}
_FIELD_KEYS = {"x", "y", "width", "height", "size", "min_size", "bold", "italic", "align", "wrap", "text"}
DEFAULT_MIN_SIZE = Decimal(8)


@dataclass(frozen=True)
class FieldBox:
    name: str
    x: Decimal  # mm from the left edge of the blank
    y: Decimal  # mm from the top edge
    width: Decimal
    height: Decimal
    text: str  # pattern over CERTIFICATE_VALUES, e.g. "Quyết định số {decision_number}"
    size: Decimal  # largest font size (pt); shrunk down to min_size to fit the box
    min_size: Decimal = DEFAULT_MIN_SIZE
    bold: bool = False
    italic: bool = False
    align: str = "C"  # L | C | R | J
    wrap: bool = True

    def fill(self, values: dict[str, str]) -> str:
        return self.text.format_map(values).strip()


@dataclass(frozen=True)
class CertificateLayout:
    name: str
    width: Decimal  # mm
    height: Decimal
    fields: tuple[FieldBox, ...]
    source: str = ""  # the file it was read from, for messages


def parse_layout(text: str, source: str) -> CertificateLayout:
    """The layout in `text` (TOML); a malformed one is refused with one `Lỗi:` naming the key."""
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InvalidData(f"mẫu phôi {source}: không đọc được TOML ({error})") from None
    unknown = set(data) - {"page", "fields"}
    if unknown:
        raise InvalidData(f"mẫu phôi {source}: khóa không dùng được: {', '.join(sorted(unknown))} (chỉ có [page] và [fields.TÊN])")
    page = _table(data, "page", source)
    _only(page, _PAGE_KEYS, "[page]", source)
    width = _length(page, "width", "[page]", source)
    height = _length(page, "height", "[page]", source)
    fields_table = _table(data, "fields", source)
    if not fields_table:
        raise InvalidData(f"mẫu phôi {source}: chưa có ô nào ([fields.name], [fields.achievement] …)")
    fields = tuple(_field(name, value, width, height, source) for name, value in fields_table.items())
    return CertificateLayout(str(page.get("name", "")), width, height, fields, source)


def _table(data: dict, key: str, source: str) -> dict:
    value = data.get(key)
    if not isinstance(value, dict):
        raise InvalidData(f"mẫu phôi {source}: thiếu bảng [{key}]")
    return value


def _only(table: dict, allowed: set[str], where: str, source: str) -> None:
    unknown = set(table) - allowed
    if unknown:
        raise InvalidData(
            f"mẫu phôi {source}, {where}: khóa không dùng được: {', '.join(sorted(unknown))}",
            hint=f"các khóa: {', '.join(sorted(allowed))}",
        )


def _length(table: dict, key: str, where: str, source: str) -> Decimal:
    """A length in mm (or a size in pt): a number, positive for sizes, not negative for positions."""
    value = table.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        shown = "thiếu" if value is None else f"= {value!r}"
        raise InvalidData(f"mẫu phôi {source}, {where}: {key} {shown}, cần một số (mm; cỡ chữ: pt)")
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if number < 0 or (key not in ("x", "y") and number == 0):
        raise InvalidData(f"mẫu phôi {source}, {where}: {key} = {value} phải lớn hơn 0")
    return number


def _field(name: str, table, page_width: Decimal, page_height: Decimal, source: str) -> FieldBox:
    where = f"[fields.{name}]"
    if not _FIELD_NAME.match(name) or not isinstance(table, dict):
        raise InvalidData(f"mẫu phôi {source}: {where} phải là một bảng tên chữ thường (ví dụ [fields.name])")
    _only(table, _FIELD_KEYS, where, source)
    x, y = _length(table, "x", where, source), _length(table, "y", where, source)
    width, height = _length(table, "width", where, source), _length(table, "height", where, source)
    if x + width > page_width or y + height > page_height:
        raise InvalidData(
            f"mẫu phôi {source}, {where}: ô ({x} + {width} mm × {y} + {height} mm) vượt ra ngoài trang "
            f"{page_width} × {page_height} mm",
            hint="sửa x, y, width, height cho ô nằm trọn trong phôi",
        )
    text = table.get("text", "{" + name + "}")
    if not isinstance(text, str):
        raise InvalidData(f"mẫu phôi {source}, {where}: text phải là chuỗi")
    for _, key, _, _ in string.Formatter().parse(text):
        if key is not None and key not in CERTIFICATE_VALUES:
            raise InvalidData(
                f"mẫu phôi {source}, {where}: text dùng {{{key}}} không có",
                hint="dùng được: " + ", ".join("{" + k + "}" for k in CERTIFICATE_VALUES),
            )
    size = _length(table, "size", where, source) if "size" in table else Decimal(14)
    min_size = _length(table, "min_size", where, source) if "min_size" in table else min(DEFAULT_MIN_SIZE, size)
    if min_size > size:
        raise InvalidData(f"mẫu phôi {source}, {where}: min_size = {min_size} lớn hơn size = {size}")
    align = table.get("align", "center")
    if align not in ALIGNMENTS:
        raise InvalidData(f"mẫu phôi {source}, {where}: align = {align!r} (chọn: {', '.join(ALIGNMENTS)})")
    flags = {}
    for key in ("bold", "italic", "wrap"):
        if key in table and not isinstance(table[key], bool):
            raise InvalidData(f"mẫu phôi {source}, {where}: {key} phải là true hoặc false")
        flags[key] = table.get(key, key == "wrap")
    return FieldBox(name, x, y, width, height, text, size, min_size, flags["bold"], flags["italic"], ALIGNMENTS[align], flags["wrap"])
