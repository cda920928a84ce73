"""Campaign definition files (TOML, SPEC §4) → a validated `Campaign`.

The file is checked whole before anything is written; the first problem is
reported with the line and key at fault (tomllib gives no positions for
values, so `_Locator` finds them in the text).
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime
from decimal import Decimal

from thidua_cli.domain.campaign_rules import check_definition, office_way_value
from thidua_cli.domain.formats import MAX_INTEGER, FormatError, format_money, format_number, parse_decimal, parse_points
from thidua_cli.domain.models import (
    CATEGORIES,
    HINH_THUC,
    Award,
    BaseSalary,
    Campaign,
    CouncilMember,
    Criterion,
    Prerequisite,
    Tier,
)
from thidua_cli.domain.vntext import clean
from thidua_cli.errors import InvalidData

_CODE = re.compile(r"^[a-z0-9-]+$")
_ITEM_CODE = re.compile(r"^[A-Za-z0-9._-]+$")
_APPLIES = ("individual", "collective", "both")
_CAMPAIGN_KINDS = ("thuong-xuyen", "chuyen-de")
_VOTE_FAILURE = ("next-lower", "none")
_REQUIRES_KEYS = {"requires": "both", "requires_individual": "individual", "requires_collective": "collective"}


class _Locator:
    """Finds the line of `[[table]]` number i, and of a key inside it."""

    def __init__(self, text: str):
        self.lines = text.splitlines()

    def line_of(self, table: str, index: int | None, key: str | None) -> int | None:
        header = re.compile(r"^\s*\[\[\s*" + re.escape(table) + r"\s*\]\]" if index is not None else r"^\s*\[\s*" + re.escape(table) + r"\s*\]")
        start = None
        seen = -1
        for number, line in enumerate(self.lines, 1):
            if header.match(line):
                seen += 1
                if index is None or seen == index:
                    start = number
                    break
        if start is None:
            return None
        if key is None:
            return start
        key_line = re.compile(r"^\s*" + re.escape(key) + r"\s*=")
        for number in range(start, len(self.lines)):
            line = self.lines[number]
            if re.match(r"^\s*\[", line):
                break
            if key_line.match(line):
                return number + 1
        return start


class _Reader:
    def __init__(self, filename: str, locator: _Locator, table: str, index: int | None, data: dict):
        self.filename = filename
        self.locator = locator
        self.table = table
        self.index = index
        self.data = data

    def fail(self, key: str | None, why: str) -> InvalidData:
        line = self.locator.line_of(self.table, self.index, key if key in self.data else None)
        where = f"{self.table}[{self.index + 1}]" if self.index is not None else self.table
        name = f"{where}.{key}" if key else where
        at = f"dòng {line}, " if line else ""
        return InvalidData(f"tệp {self.filename}, {at}khoá {name}: {why}")

    def text(self, key: str, required: bool = True, default: str = "") -> str:
        if key not in self.data:
            if required:
                raise self.fail(key, "bắt buộc nhưng chưa có")
            return default
        value = self.data[key]
        if not isinstance(value, str):
            raise self.fail(key, "phải là chuỗi văn bản trong ngoặc kép")
        value = clean(value)
        if required and not value:
            raise self.fail(key, "không được để trống")
        return value

    def choice(self, key: str, options: tuple[str, ...], default: str | None = None) -> str:
        value = self.text(key, required=default is None, default=default or "")
        if value not in options:
            raise self.fail(key, f'"{value}" không hợp lệ; chọn một trong: {", ".join(options)}')
        return value

    def day(self, key: str, required: bool = True) -> date | None:
        if key not in self.data:
            if required:
                raise self.fail(key, "bắt buộc nhưng chưa có")
            return None
        value = self.data[key]
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            from thidua_cli.domain.formats import parse_date

            try:
                return parse_date(value)
            except FormatError as error:
                raise self.fail(key, f'"{value}" {error}') from None
        raise self.fail(key, "phải là ngày (YYYY-MM-DD)")

    def number(self, key: str, required: bool = False, minimum: Decimal | None = None) -> Decimal | None:
        if key not in self.data:
            if required:
                raise self.fail(key, "bắt buộc nhưng chưa có")
            return None
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise self.fail(key, "phải là số")
        try:
            number = parse_decimal(value)
        except FormatError as error:
            raise self.fail(key, f'"{value}" {error}') from None
        if minimum is not None and number < minimum:
            raise self.fail(key, f"phải lớn hơn hoặc bằng {minimum}")
        return number

    def points(self, key: str) -> int | None:
        if key not in self.data:
            return None
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise self.fail(key, "phải là số điểm")
        try:
            return parse_points(value)
        except FormatError as error:
            raise self.fail(key, f'"{value}" {error}') from None

    def integer(self, key: str, required: bool = False, minimum: int | None = None) -> int | None:
        if key not in self.data:
            if required:
                raise self.fail(key, "bắt buộc nhưng chưa có")
            return None
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, "phải là số nguyên")
        if abs(value) > MAX_INTEGER:  # a PostgreSQL INTEGER column holds no more (SQLite would, on one engine only)
            raise self.fail(key, f"quá lớn (tối đa {format_number(MAX_INTEGER)})")
        if minimum is not None and value < minimum:
            raise self.fail(key, f"phải lớn hơn hoặc bằng {minimum}")
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        if key not in self.data:
            return default
        value = self.data[key]
        if not isinstance(value, bool):
            raise self.fail(key, "phải là true hoặc false")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        if key not in self.data:
            return ()
        value = self.data[key]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "phải là danh sách chuỗi, ví dụ [\"…\", \"…\"]")
        return tuple(clean(v) for v in value if clean(v))


def parse_campaign(text: str, filename: str = "campaign.toml") -> Campaign:
    """Parse and validate a campaign file; raises `InvalidData` naming line and key."""
    document = _read_toml(text, filename)
    locator = _Locator(text)
    root = _Reader(filename, locator, "campaign", None, document)
    check_definition(document, filename, locator.line_of)
    head = document.get("campaign")
    if not isinstance(head, dict):
        raise InvalidData(f"tệp {filename}: thiếu mục [campaign]")
    r = _Reader(filename, locator, "campaign", None, head)
    code = r.text("code")
    if not _CODE.match(code):
        raise r.fail("code", f'"{code}" chỉ được gồm chữ thường không dấu, số và dấu gạch ngang (a-z, 0-9, -)')
    if len(code) > MAX_CAMPAIGN_CODE:
        raise r.fail("code", _too_long(code, MAX_CAMPAIGN_CODE))
    start = r.day("start")
    end = r.day("end")
    if end < start:
        raise r.fail("end", f"ngày kết thúc {end.isoformat()} trước ngày bắt đầu {start.isoformat()}")
    base_salary = r.integer("base_salary", required=True, minimum=0)
    rounding = r.choice("rounding", ("up", "nearest"), default="up")
    plan = r.text("plan")
    agency = r.text("agency")
    agency_short = r.text("agency_short", required=False)
    if not agency_short:
        agency_short = _short_from_plan(plan) or "VP"

    criteria = tuple(_criterion(_table_reader(document, "criteria", i, filename, locator), i) for i in range(_count(document, "criteria", root)))
    if not criteria:
        raise InvalidData(f"tệp {filename}: cần ít nhất một mục [[criteria]]")
    _unique([c.code for c in criteria], "criteria", filename, locator)
    tiers = tuple(_tier(_table_reader(document, "tiers", i, filename, locator)) for i in range(_count(document, "tiers", root)))
    awards = tuple(_award(_table_reader(document, "awards", i, filename, locator), i, agency) for i in range(_count(document, "awards", root)))
    _unique([a.code for a in awards], "awards", filename, locator)
    salaries = tuple(
        _salary(_table_reader(document, "base_salaries", i, filename, locator)) for i in range(_count(document, "base_salaries", root))
    )
    _money_fits(awards, max([base_salary, *(s.amount for s in salaries)]), rounding, document, filename, locator)
    council_members = r.integer("council_members", minimum=1)
    campaign = Campaign(
        code=code,
        name=r.text("name"),
        kind=r.choice("kind", _CAMPAIGN_KINDS),
        plan=plan,
        issued=r.day("issued", required=False),
        start=start,
        end=end,
        agency=agency,
        parent_agency=r.text("parent_agency", required=False),
        place=r.text("place", required=False),
        base_salary=base_salary,
        criteria=criteria,
        tiers=tuple(sorted(tiers, key=lambda t: t.min_score, reverse=True)),
        awards=awards,
        base_salaries=salaries,
        agency_short=agency_short,
        rules=r.text("rules", required=False),
        rounding=rounding,
        office=r.text("office", required=False),
        signer_title=r.text("signer_title", required=False),
        signer_name=r.text("signer_name", required=False),
        council_chair=r.text("council_chair", required=False),
        council_secretary=r.text("council_secretary", required=False),
        council_members=council_members,
        recipients=r.texts("recipients"),
        legal_basis=r.texts("legal_basis"),
        on_vote_failure=r.choice("on_vote_failure", _VOTE_FAILURE, default="next-lower"),
        numbering=_numbering(r),
        council=_council(document, filename, locator, root),
    )
    return _year_keys(campaign, r, document, filename, locator)


def _money_fits(awards, salary: int, rounding: str, document: dict, filename: str, locator: _Locator) -> None:
    """An award's money (multiplier × the highest base salary of the file) must fit the award history's INTEGER
    column on PostgreSQL as on SQLite: SQLite kept 2 340 000 000 đồng where the server refused the decision."""
    from thidua_cli.domain.formats import round_money
    from thidua_cli.domain.models import COLLECTIVE, INDIVIDUAL

    for index, award in enumerate(awards):
        for kind, key in ((INDIVIDUAL, "multiplier"), (COLLECTIVE, "collective_multiplier")):
            if not award.applies(kind):
                continue
            multiplier = award.multiplier_for(kind)
            amount = round_money(multiplier * salary, rounding)
            if amount > MAX_INTEGER:
                if award.collective_multiplier is None:
                    key = "multiplier"  # the collective's is 2 × multiplier
                raise _table_reader(document, "awards", index, filename, locator).fail(
                    key, f"tiền thưởng {format_money(amount)} đồng ({multiplier} × mức lương cơ sở "
                    f"{format_money(salary)} đồng) quá lớn (tối đa {format_money(MAX_INTEGER)} đồng)")


def _year_keys(campaign: Campaign, r: _Reader, document: dict, filename: str, locator: _Locator) -> Campaign:
    """The keys of the campaign's whole year (issue 15): `scope` and `launch_level` for the statistics
    (biểu 0601.N), and each award's `requires_registration` (đăng ký thi đua)."""
    from dataclasses import replace

    from thidua_cli.domain.models import LAUNCH_LEVELS, SCOPES

    awards = tuple(
        replace(award, requires_registration=_table_reader(document, "awards", i, filename, locator).flag("requires_registration"))
        for i, award in enumerate(campaign.awards)
    )
    return replace(
        campaign, awards=awards,
        scope=r.choice("scope", tuple(SCOPES), default="co-quan-don-vi"),
        launch_level=r.choice("launch_level", tuple(LAUNCH_LEVELS), default="co-quan"),
    )


def _numbering(r: _Reader) -> str:
    """How documents are numbered: "blank" for the văn thư to fill (default), or "register" (the ledger's own)."""
    return r.choice("numbering", ("blank", "register"), default="blank")


def _council(document: dict, filename: str, locator: _Locator, root: _Reader) -> tuple[CouncilMember, ...]:
    """The council's members, `[[council]]` tables of name, title (chức vụ) and role (chủ tịch, thư ký, ủy viên …)."""
    members = []
    for index in range(_count(document, "council", root)):
        r = _table_reader(document, "council", index, filename, locator)
        members.append(CouncilMember(name=r.text("name"), title=r.text("title", required=False), role=r.text("role", required=False)))
    return tuple(members)


def _read_toml(text: str, filename: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        where = re.search(r"\(at line (\d+),", str(error))
        office_way = office_way_value(text, filename, int(where[1])) if where else None
        raise office_way or InvalidData(f"tệp {filename} không đúng cú pháp TOML: {_vi_toml_error(error, text)}") from None
    except RecursionError:
        raise InvalidData(f"tệp {filename}: danh sách hoặc bảng lồng nhau quá sâu, không đọc được; "
                          "mỗi khoá chỉ cần một danh sách, ví dụ requires = [\"GK\"]") from None


_TOML_REASONS = (
    ("Illegal character '\\n'", "chuỗi chưa đóng ngoặc kép trước khi xuống dòng"),
    ("Illegal character", "ký tự không hợp lệ"),
    ("Unterminated string", "chuỗi chưa đóng ngoặc kép"),
    ("Expected '=' after a key", "thiếu dấu = sau tên khoá"),
    ("Invalid value", "giá trị không hợp lệ (chuỗi phải trong ngoặc kép, ngày viết YYYY-MM-DD)"),
    ("Invalid date or datetime", "ngày không hợp lệ (viết YYYY-MM-DD)"),
    ("Cannot overwrite a value", "khoá bị khai báo hai lần"),
    ("Cannot declare", "bảng bị khai báo hai lần"),
    ("Expected newline or end of document", "thừa nội dung sau giá trị (mỗi khoá một dòng)"),
    ("Invalid initial character for a key part", "tên khoá không hợp lệ"),
    ("Unclosed array", "danh sách chưa đóng ngoặc ]"),
    ("Expected ']'", "thiếu ngoặc ]"),
)


def _vi_toml_error(error: Exception, text: str = "") -> str:
    """tomllib's reason in Vietnamese, with the line and column, and the key whose value it stopped in (SPEC §4:
    the line and key at fault)."""
    from thidua_cli.domain.campaign_rules import key_at

    message = str(error)
    match = re.search(r"\(at line (\d+), column (\d+)\)", message)
    reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
    reason = next((vi for en, vi in _TOML_REASONS if reason.startswith(en)), f"lỗi cú pháp ({reason})")
    if match:
        key = key_at(text, int(match[1]), int(match[2]))
        return f"dòng {match[1]}, cột {match[2]}: {reason}" + (f" (khoá {key})" if key else "")
    return reason


def _short_from_plan(plan: str) -> str:
    match = re.search(r"/[A-ZĐa-z]+-([A-ZĐa-z0-9]+)$", plan)
    return match[1] if match else ""


def _count(document: dict, table: str, root: _Reader) -> int:
    value = document.get(table, [])
    if not isinstance(value, list):
        raise InvalidData(f"tệp {root.filename}: {table} phải viết dạng [[{table}]]")
    return len(value)


def _table_reader(document: dict, table: str, index: int, filename: str, locator: _Locator) -> _Reader:
    data = document[table][index]
    reader = _Reader(filename, locator, table, index, data if isinstance(data, dict) else {})
    if not isinstance(data, dict):
        raise reader.fail(None, "phải là một bảng [[…]]")
    return reader


def _unique(codes: list[str], table: str, filename: str, locator: _Locator) -> None:
    seen: dict[str, int] = {}
    for index, code in enumerate(codes):
        key = code.casefold()
        if key in seen:
            line = locator.line_of(table, index, "code")
            raise InvalidData(f'tệp {filename}, dòng {line}, khoá {table}[{index + 1}].code: mã "{code}" bị trùng với {table}[{seen[key] + 1}]')
        seen[key] = index


# Codes are unique keys, indexed: a server's index entry holds about 2 700 bytes, a file's any length — the same file
# loaded on one engine only. A code is typed on every command line: these bounds leave room for any real one.
MAX_ITEM_CODE = 40
MAX_CAMPAIGN_CODE = 100


def _too_long(code: str, limit: int) -> str:
    return f'"{code[:30]}…" dài quá {limit} ký tự'


def _item_code(r: _Reader) -> str:
    code = r.text("code")
    if not _ITEM_CODE.match(code):
        raise r.fail("code", f'"{code}" chỉ được gồm chữ, số, ".", "_" và "-" (không dấu, không khoảng trắng)')
    if len(code) > MAX_ITEM_CODE:
        raise r.fail("code", _too_long(code, MAX_ITEM_CODE))
    return code


def _criterion(r: _Reader, index: int) -> Criterion:
    code = _item_code(r)
    max_points = r.points("max_points")
    min_points = r.points("min_points")
    if max_points is not None and min_points is not None and min_points > max_points:
        raise r.fail("min_points", "lớn hơn max_points")
    weight = r.number("weight", minimum=Decimal(0))
    return Criterion(
        code=code,
        name=r.text("name"),
        applies_to=r.choice("applies_to", _APPLIES, default="both"),
        max_points=max_points,
        min_points=min_points,
        weight=Decimal(1) if weight is None else weight,
        description=r.text("description", required=False),
        initiative=r.flag("initiative"),
        penalty=r.flag("penalty"),
        position=index,
    )


# a tier is known by its name (the change log's key of it, indexed like the codes above)
MAX_TIER_NAME = 300


def _tier(r: _Reader) -> Tier:
    name = r.text("name")
    if len(name) > MAX_TIER_NAME:
        raise r.fail("name", _too_long(name, MAX_TIER_NAME))
    return Tier(
        name=name,
        min_score=r.number("min_score", required=True),
        applies_to=r.choice("applies_to", _APPLIES, default="both"),
    )


def _award(r: _Reader, index: int, agency: str) -> Award:
    from thidua_cli.domain.vntext import fold_key

    code = _item_code(r)
    quota = r.number("quota_percent", minimum=Decimal(0))
    if quota is not None and quota > 100:
        raise r.fail("quota_percent", "không được lớn hơn 100")
    threshold = r.number("vote_threshold", minimum=Decimal(0))
    if threshold is not None and threshold > 100:
        raise r.fail("vote_threshold", "không được lớn hơn 100")
    authority = r.text("authority", required=False) or "Thủ trưởng cơ quan"
    agency_folded = fold_key(agency)
    default_in_house = bool(agency_folded) and agency_folded in fold_key(authority)
    return Award(
        code=code,
        name=r.text("name"),
        level=r.integer("level", required=True),
        applies_to=r.choice("applies_to", _APPLIES, default="both"),
        min_score=r.number("min_score") or Decimal(0),
        authority=authority,
        multiplier=r.number("multiplier", minimum=Decimal(0)) or Decimal(0),
        collective_multiplier=r.number("collective_multiplier", minimum=Decimal(0)),
        quota_percent=quota,
        max_count=r.integer("max_count", minimum=0),
        requires_no_penalty=r.flag("requires_no_penalty"),
        requires=_plain_codes(r, "requires"),
        vote_threshold=threshold,
        agency_decides=r.flag("agency_decides", default=default_in_house),
        position=index,
        category=r.choice("category", CATEGORIES, default=HINH_THUC),
        with_awards=r.texts("with"),
        prerequisites=_prerequisites(r),
    )


def _requirement_items(r: _Reader, key: str) -> list:
    """The items of a requires key (types, keys and codes were checked by `campaign_rules`)."""
    value = r.data.get(key, [])
    return [value] if isinstance(value, (str, dict)) else list(value)


def _plain_codes(r: _Reader, key: str) -> tuple[str, ...]:
    """The plain codes of `requires` (held at any time), as `Award.requires` always listed them."""
    return tuple(clean(item) for item in _requirement_items(r, key) if isinstance(item, str) and clean(item))


def _prerequisites(r: _Reader) -> tuple[Prerequisite, ...]:
    """Every item of requires (both kinds), requires_individual and requires_collective."""
    items = []
    for key, applies_to in _REQUIRES_KEYS.items():
        for item in _requirement_items(r, key):
            if isinstance(item, str):
                if clean(item):
                    items.append(Prerequisite(award=clean(item), applies_to=applies_to))
            else:
                items.append(_prerequisite_table(r, key, item, applies_to))
    return tuple(items)


def _prerequisite_table(r: _Reader, key: str, item: dict, applies_to: str) -> Prerequisite:
    """{ award | rating, years, after, this_year }: held (rated so) in each of `years` years before the round's.
    A rating is one of the four standard ones, however the office typed it."""
    from thidua_cli.domain.ratings import normalise_rating, ratings_hint

    rating = clean(item["rating"]) if item.get("rating") is not None else None
    years, this_year = item.get("years", 0), item.get("this_year", False)
    if rating is not None:
        standard = normalise_rating(rating)
        if standard is None:
            raise r.fail(key, f'rating = "{rating}" không phải xếp loại; chọn: {ratings_hint()}')
        if not years and not this_year:
            raise r.fail(key, f'{{ rating = "{rating}" }}: xếp loại cần years (số năm liên tục) hoặc this_year = true')
        rating = standard
    award = clean(item["award"]) if item.get("award") is not None else None
    after = clean(item["after"]) if item.get("after") is not None else None
    members = clean(item["members"]) if item.get("members") is not None else None
    members_rating = None
    if item.get("members_rating") is not None:
        members_rating = normalise_rating(clean(item["members_rating"]))
        if members_rating is None:
            raise r.fail(key, f'members_rating = "{item["members_rating"]}" không phải xếp loại; chọn: {ratings_hint()}')
    bounds = {name: Decimal(str(item[name])) for name in ("more_than_percent", "percent") if item.get(name) is not None}
    forms = {name: _discipline_form(r, key, name, item[name])
             for name in ("no_discipline", "members_no_discipline") if item.get(name) is not None}
    return Prerequisite(award=award, rating=rating, years=years, after=after, this_year=this_year, applies_to=applies_to,
                        initiative=item.get("initiative", False), members=members, members_rating=members_rating,
                        at_least=item.get("at_least"), **bounds, **forms)


def _discipline_form(r: _Reader, key: str, name: str, text: str) -> str:
    from thidua_cli.domain.discipline import forms_hint, normalise_form

    form = normalise_form(clean(text))
    if form is None:
        raise r.fail(key, f'{name} = "{text}" không phải hình thức kỷ luật; chọn: {forms_hint()}')
    return form


def _salary(r: _Reader) -> BaseSalary:
    return BaseSalary(start=r.day("from"), amount=r.integer("amount", required=True, minimum=0))
