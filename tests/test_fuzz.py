"""Hostile input: random text, numbers, dates, CSV rows, TOML files and encodings at every parser and command.

The contract: every parser returns a value or raises its own error type
(FormatError, InvalidData/ThiduaError); every command ends in success or in a
one-line `Lỗi:` with exit 1 or 2 — never a traceback, never "lỗi không mong
đợi" (the CLI's catch-all for bugs) — and a refused command leaves the ledger
bytes unchanged. Examples are derandomised and bounded so CI time stays small
(the whole file runs in well under a minute).
"""

from __future__ import annotations

import copy
import json
import datetime
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINI_CAMPAIGN
from thidua_cli.domain.campaign_def import parse_campaign
from thidua_cli.domain.formats import FormatError, format_number, parse_date, parse_decimal, parse_points, round_money
from thidua_cli.errors import ThiduaError
from thidua_cli.domain.file_kinds import ENTRIES, SUBJECTS
from thidua_cli.services.readers import read_rows

PARSERS = settings(max_examples=250, deadline=None, derandomize=True, database=None)
COMMANDS = settings(
    max_examples=25, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Text a user (or a broken export) can put in a cell: Vietnamese, markup, separators, quotes, controls.
NASTY = [
    "", " ", "Nguyễn Văn An", "Hoà", "Hòa", "[b]x[/b]", "[red]đỏ", "<script>alert(1)</script>", "{{ 7*7 }}", "{% if %}",
    "=1+1", "+84", "-2", "@SUM(A1)", "a,b", "a;b", '"', '""', "\n", "\r\n", "\t", "\x00", "\x1b[31m", "\ufeff",
    "\u200b", "\u202e", "𝕏", "😀", "NaN", "inf", "1e999999", "9" * 40, "8,55", "8.5", "-0", "0,5", "1_000",
    "2021-02-30", "31/12/2021", "00/00/0000", "9999-12-31", "0001-01-01", "2021-13-01", "tập thể", "cá nhân",
    "individual", "collective", "nữ", "nam", "TC1", "TC2", "VP", "NV1", "vp", "nv1 ", "Văn phòng Sở", "100", "101", "-1",
]
cell = st.one_of(st.sampled_from(NASTY), st.text(max_size=12), st.integers(-10**6, 10**6).map(str))
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1258", "latin-1"]


def _judge(thidua, args: list[str]) -> None:
    """Success, or one `Lỗi:` line with exit 1/2 and the ledger unchanged; never a crash."""
    before = thidua.digest()
    result = thidua(*args)
    assert "Traceback" not in result.stderr + result.stdout
    assert "lỗi không mong đợi" not in result.stderr, result.stderr
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.stderr)
    if result.exit_code:
        lines = result.stderr.splitlines()
        assert lines and lines[0].startswith("Lỗi: "), result.stderr
        assert thidua.digest() == before, f"ledger changed after a refused command: {args}\n{result.stderr}"


def _csv(header: list[str], rows: list[list[str]], delimiter: str) -> str:
    def quote(value: str) -> str:
        if any(ch in value for ch in (delimiter, '"', "\n", "\r")):
            return '"' + value.replace('"', '""') + '"'
        return value

    return "\n".join(delimiter.join(quote(v) for v in line) for line in [header, *rows]) + "\n"


def _write_encoded(path, text: str, encoding: str, garbage: bytes = b"") -> None:
    path.write_bytes(text.encode(encoding, errors="replace") + garbage)


# ---------------------------------------------------------------- parsers


@PARSERS
@given(st.one_of(st.text(), st.from_regex(r"\A\d{1,6}[/.-]\d{1,6}[/.-]\d{1,6}\Z"), st.sampled_from(NASTY)))
def test_parse_date_returns_a_date_or_a_format_error(text):
    try:
        assert isinstance(parse_date(text), datetime.date)
    except FormatError:
        pass


@PARSERS
@given(st.one_of(st.text(), st.integers(), st.floats(), st.decimals(), st.sampled_from(NASTY),
                 st.from_regex(r"\A[+-]? ?\d{0,20}[.,]?\d{0,20}\Z")))
def test_parse_points_returns_hundredths_or_a_format_error(value):
    try:
        points = parse_points(value)
    except FormatError:
        return
    assert isinstance(points, int) and abs(points) < 10**12


@PARSERS
@given(st.one_of(st.text(), st.integers(), st.floats(), st.decimals(), st.sampled_from(NASTY)))
def test_parse_decimal_never_lets_an_overflowing_number_through(value):
    try:
        number = parse_decimal(value)
    except FormatError:
        return
    # whatever it accepts, the arithmetic downstream (money, two-decimal totals) must handle
    assert abs(number) < 10**12
    round_money(number * 10**12, "up")
    format_number(number * 10**12, 2)


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return "nan"
        if value in (float("inf"), float("-inf")):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    out = []
    for ch in str(value):
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 32 or ord(ch) == 127:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


BASE_DEFINITION = {
    "campaign": {
        "code": "mini", "name": "Phong trào thử nghiệm", "kind": "chuyen-de", "plan": "05/KH-STTTT",
        "start": datetime.date(2021, 10, 1), "end": datetime.date(2021, 12, 31), "agency": "Sở Thông tin và Truyền thông",
        "base_salary": 1490000,
    },
    "criteria": [{"code": "TC1", "name": "Hoàn thành nhiệm vụ", "applies_to": "both", "max_points": 50},
                 {"code": "TC2", "name": "Tập thể đoàn kết", "applies_to": "collective", "max_points": 30},
                 {"code": "VP", "name": "Vi phạm", "applies_to": "both", "min_points": -10}],
    "tiers": [{"name": "Xuất sắc", "min_score": 40}],
    "awards": [{"code": "GK", "name": "Giấy khen", "level": 1, "applies_to": "both", "min_score": 20, "multiplier": 0.3,
                "quota_percent": 30, "max_count": 10, "authority": "Giám đốc Sở"}],
    "base_salaries": [{"from": datetime.date(2023, 7, 1), "amount": 1800000}],
}
KEYS = {
    "campaign": ["code", "name", "kind", "plan", "issued", "start", "end", "agency", "parent_agency", "place", "base_salary",
                 "rounding", "agency_short", "council_members", "recipients", "legal_basis", "signer_name", "unknown"],
    "criteria": ["code", "name", "applies_to", "max_points", "min_points", "weight", "description", "initiative", "penalty"],
    "tiers": ["name", "min_score", "applies_to"],
    "awards": ["code", "name", "level", "applies_to", "min_score", "quota_percent", "max_count", "requires_no_penalty",
               "requires", "multiplier", "collective_multiplier", "authority", "vote_threshold", "agency_decides"],
    "base_salaries": ["from", "amount"],
}
toml_scalar = st.one_of(
    cell, st.integers(-10**20, 10**20), st.integers(-200, 200), st.floats(), st.floats(-1000, 1000), st.booleans(),
    st.dates(), st.lists(st.text(max_size=5), max_size=3), st.decimals(-10**6, 10**6, places=3).map(str),
    st.sampled_from(["both", "individual", "collective", "thuong-xuyen", "up", "nearest", "GK", "TC1", "1e300"]),
)


@st.composite
def definitions(draw) -> str:
    """A valid campaign with one to three keys changed, removed or duplicated tables — rendered as TOML."""
    data = copy.deepcopy(BASE_DEFINITION)
    for _ in range(draw(st.integers(1, 3))):
        table = draw(st.sampled_from(list(KEYS)))
        key = draw(st.sampled_from(KEYS[table]))
        target = data[table] if table == "campaign" else draw(st.sampled_from(data[table]))
        if key in target and draw(st.integers(0, 4)) == 0:
            del target[key]
        else:
            target[key] = draw(toml_scalar)
    if draw(st.integers(0, 6)) == 0:
        data["criteria"].append(copy.deepcopy(data["criteria"][0]))  # a duplicated code
    lines = ["[campaign]"] + [f"{k} = {_toml_value(v)}" for k, v in data["campaign"].items()]
    for table in ("criteria", "tiers", "awards", "base_salaries"):
        for item in data[table]:
            lines.append(f"[[{table}]]")
            lines += [f"{k} = {_toml_value(v)}" for k, v in item.items()]
    return "\n".join(lines) + "\n"


@PARSERS
@given(st.one_of(st.text(), definitions(), st.just(MINI_CAMPAIGN).map(lambda t: t.replace("=", "= =", 1))))
def test_parse_campaign_returns_a_campaign_or_invalid_data(text):
    try:
        campaign = parse_campaign(text, "fuzz.toml")
    except ThiduaError:
        return
    # what the parser accepts, scoring and money can compute with
    for criterion in campaign.criteria:
        format_number(criterion.weight * Decimal(criterion.max_points or 10**6), 2)
    for tier in campaign.tiers:
        format_number(tier.min_score, 2)
    for award in campaign.awards:
        for kind in ("individual", "collective"):
            round_money(award.multiplier_for(kind) * campaign.salary_on(campaign.end), campaign.rounding)


@PARSERS
@given(
    st.lists(st.lists(cell, min_size=0, max_size=8), min_size=0, max_size=5),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(ENCODINGS),
    st.binary(max_size=8),
    st.sampled_from(["subjects", "entries", "garbage"]),
)
def test_read_rows_yields_rows_or_a_thidua_error(tmp_path_factory, rows, delimiter, encoding, garbage, kind):
    header = {"subjects": ["mã", "họ và tên", "loại", "giới tính", "tỷ lệ nữ"], "entries": ["date", "subject", "criterion", "points", "note"],
              "garbage": ["", "x", "\x00"]}[kind]
    path = tmp_path_factory.mktemp("rows") / "input.csv"
    _write_encoded(path, _csv(header, rows, delimiter), encoding, garbage)
    try:
        for row in read_rows(path, SUBJECTS if kind == "subjects" else ENTRIES):
            assert all(isinstance(v, str) for v in row.values.values())
            assert all("\x00" not in v and "\n" not in v for v in row.values.values())
    except ThiduaError:
        pass


# ---------------------------------------------------------------- commands


@COMMANDS
@given(definitions(), st.sampled_from(ENCODINGS), st.binary(max_size=4))
def test_campaign_load_hostile_files(thidua, text, encoding, garbage):
    path = thidua.folder / "fuzz.toml"
    _write_encoded(path, text, encoding, garbage if encoding == "latin-1" else b"")
    _judge(thidua, ["campaign", "load", str(path)])


@COMMANDS
@given(
    st.lists(st.lists(cell, min_size=3, max_size=7), min_size=1, max_size=4),
    st.sampled_from([",", ";"]),
    st.sampled_from(ENCODINGS),
    st.booleans(),
)
def test_subject_import_hostile_files(thidua, rows, delimiter, encoding, dry_run):
    if not thidua.db.exists():
        thidua.mini()
    path = thidua.folder / "subjects.csv"
    _write_encoded(path, _csv(["code", "name", "kind", "unit", "gender", "female_percent", "position"], rows, delimiter), encoding)
    _judge(thidua, ["subject", "import", str(path), *(["--dry-run"] if dry_run else [])])


@COMMANDS
@given(
    st.one_of(cell, st.sampled_from(["NV1", "VP", "nguyen van an", "Văn phòng Sở"])),
    st.one_of(cell, st.sampled_from(["TC1", "TC2", "VP", "tc1"])),
    st.one_of(cell, st.sampled_from(["5", "8,5", "-2", "0.125", "1e3", "99999999999999"])),
    st.one_of(cell, st.dates().map(str), st.sampled_from(["15/11/2021", "2021-11-15"])),
    st.one_of(st.none(), cell),
    st.one_of(st.none(), cell),
)
def test_add_entry_hostile_arguments(thidua, subject, criterion, points, day, note, evidence):
    if not thidua.db.exists():
        thidua.mini()
    args = ["add-entry", "--subject", subject, "--criterion", criterion, "--points", points, "--date", day]
    if note is not None:
        args += ["--note", note]
    if evidence is not None:
        args += ["--evidence", evidence]
    _judge(thidua, args)


period_value = st.one_of(
    cell, st.from_regex(r"\A\d{1,5}-\d{1,2}\Z"), st.from_regex(r"\A\d{4}-[Qq]\d\Z"), st.from_regex(r"\A\d{1,5}\Z"),
    st.dates().map(str), st.sampled_from(["0000-01", "9999-12", "0000-Q1", "9999-Q4", "0000", "9999", "0001-01-01", "9999-12-31"]),
)


@COMMANDS
@given(
    st.sampled_from([["score"], ["entries", "--include-void"], ["score", "--explain", "NV1"], ["score", "--format", "json"],
                     ["entries", "--subject", "VP"], ["score", "--kind", "collective"]]),
    st.lists(st.tuples(st.sampled_from(["--month", "--quarter", "--year", "--from", "--to", "--as-of"]), period_value), max_size=2),
)
def test_read_commands_hostile_periods(thidua, command, options):
    if not thidua.db.exists():
        thidua.mini()
        for day in ("0001-01-01", "9999-12-31", "2021-10-05"):
            thidua.ok("add-entry", "-s", "NV1", "-k", "TC1", "-p", "10000000", "-d", day)  # the most one entry may have (formats.MAX_POINTS)
    args = list(command)
    for option, value in options:
        args += [option, value]
    _judge(thidua, args)


@COMMANDS
@given(
    st.lists(
        st.tuples(
            st.one_of(cell, st.dates().map(str), st.sampled_from(["2021-10-05", "05/10/2021"])),
            st.one_of(cell, st.sampled_from(["NV1", "VP", "NV2"])),
            st.one_of(cell, st.sampled_from(["TC1", "TC2", "VP"])),
            st.one_of(cell, st.sampled_from(["5", "8,5", "-2"])),
            cell,
            cell,
        ).map(list),
        min_size=1, max_size=5,
    ),
    st.sampled_from([",", ";"]),
    st.sampled_from(ENCODINGS),
    st.booleans(),
)
def test_import_entries_hostile_files(thidua, rows, delimiter, encoding, dry_run):
    if not thidua.db.exists():
        thidua.mini()
    path = thidua.folder / "entries.csv"
    _write_encoded(path, _csv(["date", "subject", "criterion", "points", "note", "evidence"], rows, delimiter), encoding)
    _judge(thidua, ["import-entries", str(path), *(["--dry-run"] if dry_run else [])])


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _encode_like_an_office(text: str, encoding: str) -> bytes:
    """cp1258 (Windows Vietnamese) keeps ă, â, ê, ô, ơ, ư, đ precomposed and writes tones as combining marks."""
    if encoding != "cp1258":
        return text.encode(encoding, errors="replace")
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in _TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES)) + tones)
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1258"])
def test_file_encodings_are_read_or_refused(thidua, encoding):
    """A subjects file in each encoding an office produces: read correctly when the encoding can be known."""
    thidua.mini()
    path = thidua.folder / "subjects.csv"
    path.write_bytes(_encode_like_an_office("code,name,kind\nNV9,Đặng Thị Huệ,cá nhân\n", encoding))
    result = thidua("subject", "import", str(path))
    if result.exit_code == 0:
        listed = thidua.ok("subject", "list", "--format", "json").stdout
        assert "Đặng Thị Huệ" in listed
    else:
        assert result.stderr.startswith("Lỗi: ") and "lỗi không mong đợi" not in result.stderr


def test_nul_bytes_and_garbage_are_refused_cleanly(thidua):
    thidua.mini()
    for content in (b"\x00\x00\x00", b"\xff\xfe\x00", bytes(range(256)), b"code,name,kind\n\x00,\x00,\x00\n", b"PK\x03\x04garbage"):
        path = thidua.folder / "bad.csv"
        path.write_bytes(content)
        _judge(thidua, ["subject", "import", str(path)])
        _judge(thidua, ["import-entries", str(path)])
        toml = thidua.folder / "bad.toml"
        toml.write_bytes(content)
        _judge(thidua, ["campaign", "load", str(toml)])


MARKUP = ["[b]Đậm[/b] Nguyễn", "<script>alert(1)</script>", "{{ 7*7 }} Lê", "[link=x]y[/link]"]


def test_markup_in_user_text_is_shown_literally(thidua):
    thidua.mini()
    for index, name in enumerate(MARKUP, 1):
        thidua.ok("subject", "add", "--code", f"M{index}", "--name", name, "--kind", "individual", "--unit", "VP")
        thidua.ok("add-entry", "-s", f"M{index}", "-k", "TC1", "-p", "5", "-d", "2021-10-05", "--note", name, "--evidence", name)
    outputs = {
        "subject list": thidua.ok("subject", "list").stdout,
        "entries": thidua.ok("entries").stdout,
        "score": thidua.ok("score").stdout,
    }
    for command, text in outputs.items():
        flat = " ".join(text.split())
        for name in MARKUP:
            assert name in flat, f"{command} does not show {name!r} literally:\n{text}"
        assert "49" not in flat.replace("2021", ""), f"{command} evaluated a template"
    html = thidua.ok("score", "--format", "html").stdout
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    entries_json = thidua.ok("entries", "--format", "json").stdout
    assert "[b]Đậm[/b] Nguyễn" in entries_json and "{{ 7*7 }} Lê" in entries_json


def test_control_characters_in_a_value_never_break_the_error_line(thidua):
    """A newline or a terminal escape inside a value is shown escaped: the error stays one line, the terminal safe."""
    text = MINI_CAMPAIGN.replace("start = 2021-10-01", 'start = "2021\\n\\u001b[2J10-01"')
    path = thidua.write("bad.toml", text)
    result = thidua("campaign", "load", str(path))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "\x1b" not in result.stderr
    assert result.stderr.startswith("Lỗi: tệp bad.toml, dòng ") and '"2021\\n\\x1b[2J10-01"' in result.stderr
    # stored text never keeps them either
    thidua.ok("campaign", "load", str(thidua.write("mini.toml", MINI_CAMPAIGN)))
    thidua.ok("subject", "add", "--code", "Z1", "--name", "Lê\x1b Văn\x00 Tám\u200b", "--kind", "individual")
    listed = json.loads(thidua.ok("subject", "list", "--format", "json").stdout)["subjects"]
    assert [s["name"] for s in listed] == ["Lê Văn Tám"]


def test_an_unclosed_quote_swallowing_the_file_is_one_line(thidua):
    thidua.mini()
    path = thidua.folder / "quote.csv"
    path.write_text('date,subject,criterion,points,note\n2021-10-05,NV1,TC1,1,"' + "x" * 200_000 + "\n", encoding="utf-8")
    result = thidua("import-entries", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith("Lỗi: tệp quote.csv, dòng ")
    assert "không đọc được dạng CSV (có một ô quá dài" in result.stderr
    truncated = thidua.folder / "utf16.csv"
    truncated.write_bytes("code,name,kind\nA,Bé,cá nhân\n".encode("utf-16") + b"\x00")
    assert thidua("subject", "import", str(truncated)).stderr.startswith("Lỗi: tệp utf16.csv có dấu UTF-16 nhưng nội dung bị hỏng")
