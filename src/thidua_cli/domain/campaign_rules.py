"""What a campaign file may say, checked on the raw TOML before anything is parsed or loaded.

`campaign_def` turns values into the domain records; this module refuses, with
the line, the key and what to write instead, whatever the tool could not
honour: an unknown key (with the key it was probably meant to be), a value of
the wrong type (no coercion: `weight = "1.0"` is refused, not read as 1.0),
dates and decimals written the office way (tomllib cannot read them, so the
raw line is looked at to say the fix), references to awards the campaign does
not define, prerequisite cycles, two awards at one level of one ladder,
duplicate tiers and base salaries, caps below floors.

Every check reads the TOML document as tomllib gives it, so the parsers of the
new keys (categories, prerequisites over years, council) can change without
touching the refusals.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from datetime import date, datetime

from thidua_cli.errors import InvalidData

TABLES = ("campaign", "criteria", "tiers", "awards", "base_salaries", "council")

TEXT, DATE, INTEGER, NUMBER, FLAG, TEXTS, CODES, PREREQUISITES = (
    "text", "date", "integer", "number", "flag", "texts", "codes", "prerequisites",
)

# table → key → type. Every key of SPEC §4 and of the README, and nothing else.
KEYS: dict[str, dict[str, str]] = {
    "campaign": {
        "code": TEXT, "name": TEXT, "kind": TEXT, "plan": TEXT, "issued": DATE, "start": DATE, "end": DATE,
        "agency": TEXT, "parent_agency": TEXT, "place": TEXT, "base_salary": INTEGER, "agency_short": TEXT,
        "rules": TEXT, "rounding": TEXT, "office": TEXT, "signer_title": TEXT, "signer_name": TEXT,
        "council_chair": TEXT, "council_secretary": TEXT, "council_members": INTEGER, "recipients": TEXTS,
        "legal_basis": TEXTS, "description": TEXT, "on_vote_failure": TEXT, "numbering": TEXT,
        "scope": TEXT, "launch_level": TEXT,  # issue 15: biểu 0601.N
    },
    "criteria": {
        "code": TEXT, "name": TEXT, "applies_to": TEXT, "max_points": NUMBER, "min_points": NUMBER, "weight": NUMBER,
        "description": TEXT, "initiative": FLAG, "penalty": FLAG,
    },
    "tiers": {"name": TEXT, "min_score": NUMBER, "applies_to": TEXT},
    "awards": {
        "code": TEXT, "name": TEXT, "level": INTEGER, "applies_to": TEXT, "min_score": NUMBER, "quota_percent": NUMBER,
        "max_count": INTEGER, "requires_no_penalty": FLAG, "requires": PREREQUISITES,
        "requires_individual": PREREQUISITES, "requires_collective": PREREQUISITES, "multiplier": NUMBER,
        "collective_multiplier": NUMBER, "authority": TEXT, "vote_threshold": NUMBER, "agency_decides": FLAG,
        "description": TEXT, "category": TEXT, "with": CODES,
        "requires_registration": FLAG,  # issue 15: đăng ký thi đua
    },
    "base_salaries": {"from": DATE, "amount": INTEGER},
    "council": {"name": TEXT, "title": TEXT, "role": TEXT},
}
# one table item of `requires`: { award = "CSTDCS", years = 3 } or { rating = "…", years = 5, after = "BKUB" }
PREREQUISITE_KEYS = {"award": TEXT, "rating": TEXT, "years": INTEGER, "after": TEXT, "this_year": FLAG, "initiative": FLAG,
                     "members": TEXT, "members_rating": TEXT, "more_than_percent": NUMBER, "percent": NUMBER,
                     "at_least": INTEGER, "no_discipline": TEXT, "members_no_discipline": TEXT}
# what a table item is about: exactly one of these
PREREQUISITE_SUBJECTS = ("award", "rating", "initiative", "members", "members_rating", "no_discipline",
                         "members_no_discipline")
MEMBER_BOUNDS = ("more_than_percent", "percent", "at_least")
_YEAR_KEYS = ("years", "after", "this_year")
REQUIRES_KEYS = ("requires", "requires_individual", "requires_collective")

_CODE_SHAPE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$")
_KIND_OVERLAP = {("both", "both"), ("both", "individual"), ("both", "collective"), ("individual", "both"),
                 ("collective", "both"), ("individual", "individual"), ("collective", "collective")}

Locate = Callable[[str, "int | None", "str | None"], "int | None"]


class _Refusal:
    """Builds the one `Lỗi:` line: file, line, key, why and the fix."""

    def __init__(self, filename: str, locate: Locate):
        self.filename = filename
        self.locate = locate

    def __call__(self, table: str, index: int | None, key: str | None, why: str) -> InvalidData:
        line = self.locate(table, index, key)
        where = table if index is None else f"{table}[{index + 1}]"
        name = f"{where}.{key}" if key else where
        at = f"dòng {line}, " if line else ""
        return InvalidData(f"tệp {self.filename}, {at}khoá {name}: {why}")


# --------------------------------------------------------------------------- before tomllib can read it


_OFFICE_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_SLASHED_DATE = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_COMMA_DECIMAL = re.compile(r"^(-?\d+),(\d+)$")
_GROUPED = re.compile(r"^-?\d{1,3}(?:[.,]\d{3})+$")
_ASSIGNMENT = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=\s*(.*?)\s*(?:#.*)?$")


def office_way_value(text: str, filename: str, number: int) -> InvalidData | None:
    """Line `number` (where tomllib stopped) as a refusal with the fix, when its value is a date or a number
    written the office way; None otherwise.

    tomllib stops at such a line with "expected newline"; what the user needs to know is what to write."""
    lines = text.splitlines()
    match = _ASSIGNMENT.match(lines[number - 1]) if 0 < number <= len(lines) else None
    if not match:
        return None
    key, value = match[1], match[2]
    fix = _office_fix(key, value)
    return InvalidData(f"tệp {filename}, dòng {number}, khoá {_table_path(lines, number)}{key}: {value} {fix}") if fix else None


def key_at(text: str, number: int, column: int) -> str | None:
    """The key ("campaign.issued", "awards[2].min_score") whose value tomllib stopped in at line `number`, column
    `column`; None when it stopped elsewhere (a header, or the line after an unclosed list, which names no key)."""
    lines = text.splitlines()
    line = lines[number - 1] if 0 < number <= len(lines) else ""
    match = _ASSIGNMENT.match(line)
    if not match or column <= line.index("=") + 1:
        return None
    return f"{_table_path(lines, number)}{match[1]}"


def key_of_line(lines: list[str], number: int) -> str | None:
    """The key ("awards[2].name", "campaign.legal_basis") a value on line `number` belongs to: the line's own
    assignment, or the list it is an item of; None outside both."""
    for at in range(number, 0, -1):
        line = lines[at - 1]
        match = _ASSIGNMENT.match(line)
        if match:
            return f"{_table_path(lines, at)}{match[1]}" if at == number or match[2].startswith("[") else None
        if _HEADER.match(line):
            return None
    return None


_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_-]+)\s*\]")


def _table_path(lines: list[str], number: int) -> str:
    """ "awards[2]." for a line inside the second [[awards]] block ("campaign." inside [campaign])."""
    path, seen = "", {}
    for line in lines[: number - 1]:
        header = _HEADER.match(line)
        if header:
            name = header[2]
            if header[1] == "[[":
                seen[name] = seen.get(name, 0) + 1
                path = f"{name}[{seen[name]}]."
            else:
                path = f"{name}."
    return path


def _office_fix(key: str, value: str) -> str | None:
    day = _OFFICE_DATE.match(value)
    slashed = _SLASHED_DATE.match(value)
    if day or slashed:
        year, month, number = (day[3], day[2], day[1]) if day else (slashed[1], slashed[2], slashed[3])
        try:
            written = date(int(year), int(month), int(number)).isoformat()
        except ValueError:
            return "không phải ngày hợp lệ; viết ngày dạng năm-tháng-ngày, ví dụ 2025-01-20"
        return f"viết ngày dạng {written} (năm-tháng-ngày, không có ngoặc kép): {key} = {written}"
    if _GROUPED.match(value):
        digits = re.sub(r"[.,]", "", value)
        return f"viết số liền, không có dấu ngăn cách hàng nghìn: {key} = {digits}"
    decimal = _COMMA_DECIMAL.match(value)
    if decimal:
        return f"dùng dấu chấm: {decimal[1]}.{decimal[2]} ({key} = {decimal[1]}.{decimal[2]})"
    return None


# --------------------------------------------------------------------------- the document as tomllib read it


def check_definition(document: dict, filename: str, locate: Locate) -> None:
    """Raise `InvalidData` for the first thing in the file the tool cannot honour; return when all is well."""
    refuse = _Refusal(filename, locate)
    for table in document:
        if table in KEYS["campaign"] and not isinstance(document[table], (dict, list)):
            raise InvalidData(f"tệp {filename}: khoá {table} phải đặt trong mục [campaign] (dưới dòng [campaign]), "
                              "không đặt trước nó")
        if table not in KEYS:
            line = locate(table, None, None) or locate(table, 0, None)
            at = f", dòng {line}" if line else ""
            raise InvalidData(
                f"tệp {filename}{at}: mục {table} không có trong quy định tệp phong trào{_suggest(table, TABLES)} "
                f"(các mục: {', '.join(TABLES)})"
            )
    for table, known in KEYS.items():
        for index, item in _items(document, table, refuse):
            for key, value in item.items():
                if key not in known:
                    raise refuse(table, index, key, _unknown_key(table, key))
                _check_type(refuse, table, index, key, known[key], value)
    _check_codes(document, refuse)
    _check_bounds(document, refuse)
    _check_references(document, refuse)
    _check_cycles(document, refuse)
    _check_levels(document, refuse)
    _check_tiers(document, refuse)
    _check_salaries(document, refuse)


def _items(document: dict, table: str, refuse: _Refusal) -> list[tuple[int | None, dict]]:
    value = document.get(table)
    if value is None:
        return []
    if table == "campaign":
        if not isinstance(value, dict):
            raise refuse(table, None, None, "phải là một mục [campaign]")
        return [(None, value)]
    if not isinstance(value, list):
        raise refuse(table, None, None, f"phải viết dạng [[{table}]], mỗi mục một khối")
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            raise refuse(table, index, None, f"phải là một khối [[{table}]]")
    return list(enumerate(value))


def _unknown_key(table: str, key: str) -> str:
    elsewhere = [other for other, keys in KEYS.items() if key in keys and other != table]
    if elsewhere:
        blocks = " hay ".join(f"[{o}]" if o == "campaign" else f"[[{o}]]" for o in elsewhere)
        return f"khoá {key} thuộc mục {blocks}, không dùng trong mục này{_suggest(key, KEYS[table])}"
    return f"khoá không có trong quy định tệp phong trào{_suggest(key, KEYS[table])}"


def _suggest(word: str, known) -> str:
    close = difflib.get_close_matches(word, list(known), n=2, cutoff=0.6)
    return f"; có phải {' hay '.join(close)}?" if close else ""


def _toml(value) -> str:
    """How a value is written in TOML, for the fix a message proposes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def _check_type(refuse: _Refusal, table: str, index: int | None, key: str, kind: str, value) -> None:
    why = _type_problem(key, kind, value)
    if why:
        raise refuse(table, index, key, why)
    if kind == PREREQUISITES:
        for item in value:
            if isinstance(item, dict):
                _check_prerequisite(refuse, table, index, key, item)


def _type_problem(key: str, kind: str, value) -> str | None:
    """Why `value` is not of `kind`, with what to write instead; None when it is."""
    text = value if isinstance(value, str) else None
    if kind == TEXT:
        if isinstance(value, str):
            return None
        if isinstance(value, (list, dict)):
            return "phải là một chuỗi trong ngoặc kép, không phải danh sách hay bảng"
        return f'phải là chuỗi trong ngoặc kép: {key} = "{_toml(value)}"'
    if kind == DATE:
        if isinstance(value, date):
            return None
        if text is not None:
            day = _as_date(text)
            if day is not None:
                return f"là ngày, viết không có ngoặc kép, dạng năm-tháng-ngày: {key} = {day.isoformat()}"
        shown = f"{_toml(value)} không phải ngày" if text is not None else "phải là ngày"
        return f"{shown}; viết dạng năm-tháng-ngày không có ngoặc kép, ví dụ {key} = 2025-01-20"
    if kind in (INTEGER, NUMBER):
        if isinstance(value, bool):
            return f"phải là số, không phải {_toml(value)}"
        if isinstance(value, int) or (kind == NUMBER and isinstance(value, float)):
            if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
                return "phải là một số hữu hạn"
            return None
        if isinstance(value, float):
            return f"phải là số nguyên: {key} = {int(value)}" if value.is_integer() else "phải là số nguyên"
        if text is not None:
            number = _as_number(text)
            if number is not None:
                return f"là số, viết không có ngoặc kép: {key} = {number}"
        shown = f"{_toml(value)} không phải số" if text is not None else "phải là số"
        if kind == INTEGER:
            return f"{shown}; viết số nguyên không có ngoặc kép, ví dụ {key} = 10"
        return f"{shown}; viết số không có ngoặc kép, dấu chấm thập phân, ví dụ {key} = 1.5"
    if kind == FLAG:
        if isinstance(value, bool):
            return None
        return f"phải là true hoặc false, không có ngoặc kép: {key} = true"
    if kind in (TEXTS, CODES):
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return None
        if text is not None:
            return f'phải là danh sách trong ngoặc vuông: {key} = [{_toml(text)}]'
        return f'phải là danh sách chuỗi, ví dụ {key} = ["…", "…"]'
    if kind == PREREQUISITES:
        if isinstance(value, list) and all(isinstance(item, (str, dict)) for item in value):
            return None
        if text is not None:
            return f'phải là danh sách trong ngoặc vuông: {key} = [{_toml(text)}]'
        return f'phải là danh sách mã hình thức hoặc bảng, ví dụ {key} = ["LDTT", {{ award = "CSTDCS", years = 3 }}]'
    return None  # pragma: no cover - every kind is handled above


def _as_date(text: str) -> date | None:
    from thidua_cli.domain.formats import FormatError, parse_date

    try:
        return parse_date(text)
    except FormatError:
        return None


def _as_number(text: str) -> str | None:
    from thidua_cli.domain.formats import FormatError, parse_decimal

    try:
        number = parse_decimal(text)
    except FormatError:
        return None
    return format(number, "f")


def _check_prerequisite(refuse: _Refusal, table: str, index: int | None, key: str, item: dict) -> None:
    for name, value in item.items():
        if name not in PREREQUISITE_KEYS:
            raise refuse(table, index, key, f"khoá {name} không dùng được trong một điều kiện{_suggest(name, PREREQUISITE_KEYS)} "
                                            f"(có: {', '.join(PREREQUISITE_KEYS)})")
        why = _type_problem(name, PREREQUISITE_KEYS[name], value)
        if why:
            raise refuse(table, index, key, f"{name}: {why}")
    about = [name for name in PREREQUISITE_SUBJECTS if name in item]
    if len(about) != 1:
        raise refuse(table, index, key, "mỗi điều kiện dạng bảng cần đúng một trong award, rating, initiative, members, "
                                        'members_rating, no_discipline, members_no_discipline, ví dụ { award = "CSTDCS", '
                                        'years = 3 }, { initiative = true }, { members = "LDTT", more_than_percent = 50 }, '
                                        '{ members_no_discipline = "Cảnh cáo" }')
    if about[0] in ("no_discipline", "members_no_discipline"):
        extra = [name for name in (*_YEAR_KEYS, *MEMBER_BOUNDS) if name in item]
        if extra:
            raise refuse(table, index, key, f"{extra[0]} không dùng với {about[0]}: kỷ luật xét trong chính năm xét, "
                                            "không ai bị kỷ luật từ hình thức ấy trở lên")
        return
    if about[0] == "initiative" and item["initiative"] is not True:
        raise refuse(table, index, key, "{ initiative = true } là điều kiện có sáng kiến; bỏ điều kiện này nếu không cần")
    bounds = [name for name in MEMBER_BOUNDS if name in item]
    if about[0] in ("members", "members_rating"):
        if len(bounds) != 1:
            raise refuse(table, index, key, f'{{ {about[0]} = … }} cần đúng một trong more_than_percent, percent, at_least, '
                                            'ví dụ { members = "LDTT", more_than_percent = 50 } hoặc { members = "CSTDCS", at_least = 1 }')
        value = item[bounds[0]]
        if value < 0 or (bounds[0] != "at_least" and value > 100):
            raise refuse(table, index, key, f"{bounds[0]} = {_toml(value)} phải từ 0 đến 100" if bounds[0] != "at_least"
                         else f"at_least = {value} phải từ 0 trở lên")
        if value == 0 and bounds[0] in ("at_least", "percent"):  # a condition every collective meets is a slip
            raise refuse(table, index, key, f"{bounds[0]} = 0 thì tập thể nào cũng đạt — ghi "
                         f"{'từ 1 trở lên' if bounds[0] == 'at_least' else 'lớn hơn 0'}, hoặc bỏ điều kiện này")
        extra = [name for name in _YEAR_KEYS if name in item]
        if extra:
            raise refuse(table, index, key, f"{extra[0]} không dùng với {about[0]}: điều kiện về thành viên tập thể "
                                            "xét trong chính năm xét")
    else:
        if bounds:
            raise refuse(table, index, key, f"{bounds[0]} chỉ dùng với members hoặc members_rating")
        if about[0] == "initiative" and any(name in item for name in _YEAR_KEYS):
            extra = next(name for name in _YEAR_KEYS if name in item)
            raise refuse(table, index, key, f"{extra} không dùng với initiative: sáng kiến xét trong kỳ của đợt")


def _check_codes(document: dict, refuse: _Refusal) -> None:
    for table in ("criteria", "awards"):
        for index, item in enumerate(document.get(table, [])):
            code = item.get("code")
            if isinstance(code, str) and code.strip() and not _CODE_SHAPE.match(code.strip()):
                raise refuse(table, index, "code", f'"{code}" không dùng được làm mã: mã bắt đầu và kết thúc bằng chữ hoặc số, '
                                                   'giữa chỉ có chữ, số, ".", "_", "-" (không dấu, không khoảng trắng), ví dụ "GK-GD"')


def _check_bounds(document: dict, refuse: _Refusal) -> None:
    for index, item in enumerate(document.get("awards", [])):
        level = item.get("level")
        if isinstance(level, int) and level < 1:
            raise refuse("awards", index, "level", f"{level} phải từ 1 trở lên (1 là hình thức thấp nhất, số lớn hơn là cao hơn)")
    for index, item in enumerate(document.get("criteria", [])):
        cap, floor = item.get("max_points"), item.get("min_points")
        if isinstance(cap, (int, float)) and isinstance(floor, (int, float)) and cap < floor:
            raise refuse("criteria", index, "max_points", f"trần {_toml(cap)} thấp hơn sàn min_points = {_toml(floor)}: "
                                                          "đặt max_points lớn hơn hoặc bằng min_points")


def _award_codes(document: dict) -> dict[str, str]:
    """Folded code → code as written, for the awards the file defines."""
    return {item["code"].strip().casefold(): item["code"].strip()
            for item in document.get("awards", []) if isinstance(item.get("code"), str) and item["code"].strip()}


def _references(item: dict) -> list[tuple[str, str]]:
    """(key, award code) for every award an award's requires / with names (`award` and `after` of table items)."""
    found = []
    for key in REQUIRES_KEYS:
        for entry in item.get(key, []):
            if isinstance(entry, str):
                found.append((key, entry))
            else:
                found += [(key, entry[name]) for name in ("award", "after", "members") if isinstance(entry.get(name), str)]
    found += [("with", code) for code in item.get("with", [])]
    return found


def _check_references(document: dict, refuse: _Refusal) -> None:
    codes = _award_codes(document)
    for index, item in enumerate(document.get("awards", [])):
        own = item.get("code", "").strip() if isinstance(item.get("code"), str) else ""
        for key, code in _references(item):
            wanted = code.strip()
            if wanted.casefold() == own.casefold() and own:
                raise refuse("awards", index, key, f'"{own}" không thể tự yêu cầu hay đi kèm chính nó')
            if wanted.casefold() not in codes:
                raise refuse("awards", index, key, f'không có hình thức mã "{wanted}" trong các mục [[awards]] của tệp'
                                                   f"{_suggest_code(wanted, codes)} (có: {', '.join(codes.values()) or 'chưa có hình thức nào'})")


def _suggest_code(wanted: str, codes: dict[str, str]) -> str:
    from thidua_cli.domain.vntext import fold_key

    folded = {fold_key(code).replace(" ", ""): code for code in codes.values()}
    exact = folded.get(fold_key(wanted).replace(" ", ""))
    if exact:
        return f"; có phải {exact}?"
    return _suggest(wanted.upper(), {code.upper() for code in codes.values()})


def _check_cycles(document: dict, refuse: _Refusal) -> None:
    """A prerequisite chain that comes back to its start can never be met."""
    awards = document.get("awards", [])
    codes = _award_codes(document)
    needs: dict[str, list[str]] = {}
    index_of: dict[str, int] = {}
    for index, item in enumerate(awards):
        code = item.get("code", "").strip().casefold() if isinstance(item.get("code"), str) else ""
        index_of.setdefault(code, index)
        needs.setdefault(code, []).extend(c.strip().casefold() for key, c in _references(item) if key != "with")
    state: dict[str, int] = {}  # 1 on the path, 2 done

    def visit(code: str, path: list[str]) -> None:
        state[code] = 1
        for other in needs.get(code, []):
            if state.get(other) == 1:
                loop = path[path.index(other):] + [other] if other in path else [code, other]
                shown = " → ".join(codes.get(c, c) for c in loop)
                raise refuse("awards", index_of[loop[0]], _requires_key(awards[index_of[loop[0]]]),
                             f"điều kiện khen thưởng vòng tròn: {shown} (không ai đáp ứng được); bỏ một điều kiện trong vòng")
            if state.get(other) is None and other in needs:
                visit(other, path + [other])
        state[code] = 2

    for code in needs:
        if state.get(code) is None:
            visit(code, [code])


def _requires_key(item: dict) -> str:
    return next((key for key in REQUIRES_KEYS if key in item), "requires")


def _check_levels(document: dict, refuse: _Refusal) -> None:
    """One ladder (danh hiệu or hình thức) has one award per level for each kind of subject."""
    seen: list[tuple[int, str, str, int]] = []
    for index, item in enumerate(document.get("awards", [])):
        level = item.get("level")
        if not isinstance(level, int):
            continue
        category = item.get("category", "hinh-thuc")
        applies = item.get("applies_to", "both")
        for other_level, other_category, other_applies, other in seen:
            if other_level == level and other_category == category and (applies, other_applies) in _KIND_OVERLAP:
                codes = [document["awards"][i].get("code", "?") for i in (other, index)]
                raise refuse("awards", index, "level", f"{level} trùng cấp với {codes[0]} (awards[{other + 1}]) cho cùng đối tượng "
                                                       f"và cùng loại {category}: không biết xét hình thức nào trước; "
                                                       "đặt level khác nhau (số lớn hơn là hình thức cao hơn)")
        seen.append((level, category, applies, index))


def _check_tiers(document: dict, refuse: _Refusal) -> None:
    from thidua_cli.domain.vntext import fold_key

    names: dict[tuple[str, str], int] = {}
    scores: dict[tuple[object, str], int] = {}
    for index, item in enumerate(document.get("tiers", [])):
        applies = item.get("applies_to", "both")
        name = item.get("name")
        if isinstance(name, str):
            for (other_name, other_applies), other in names.items():
                if other_name == fold_key(name) and (applies, other_applies) in _KIND_OVERLAP:
                    raise refuse("tiers", index, "name", f'"{name}" trùng tên với tiers[{other + 1}]; mỗi mức xếp loại một tên')
            names[(fold_key(name), applies)] = index
        score = item.get("min_score")
        if isinstance(score, (int, float)) and not isinstance(score, bool):
            for (other_score, other_applies), other in scores.items():
                if other_score == score and (applies, other_applies) in _KIND_OVERLAP:
                    raise refuse("tiers", index, "min_score", f"{_toml(score)} trùng với tiers[{other + 1}]: hai mức xếp loại "
                                                              "cùng điểm thì không phân biệt được; đặt min_score khác nhau")
            scores[(score, applies)] = index


def _check_salaries(document: dict, refuse: _Refusal) -> None:
    seen: dict[date, int] = {}
    for index, item in enumerate(document.get("base_salaries", [])):
        start = item.get("from")
        if isinstance(start, datetime):
            start = start.date()
        if isinstance(start, date):
            if start in seen:
                raise refuse("base_salaries", index, "from", f"{start.isoformat()} trùng với base_salaries[{seen[start] + 1}]: "
                                                             "mỗi thời điểm chỉ một mức lương cơ sở; bỏ một khối")
            seen[start] = index
