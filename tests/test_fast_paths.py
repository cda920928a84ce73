"""The fast paths behind the benchmarks give exactly what the straightforward code gives.

Each optimisation (benchmarks/run.py measures them) is checked against the
plain computation it replaces: JSON text, Vietnamese keys, exact totals,
the import's index rebuild, duplicate skipping and hash chain, CSV decoding.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua_cli.domain import formats, vntext
from thidua_cli.domain.models import Campaign, Criterion, Period, Subject, Tier, build_frozen
from thidua_cli.domain.scoring import HUNDRED, _KindRules, compute_standings, in_name_order, name_sort_bytes, name_sort_key, tier_for
from thidua_cli.render import standings as views
from thidua_cli.render.tabular import _json_default, to_json
from thidua_cli.storage import entries as entry_store
from thidua_cli.storage.hashchain import GENESIS, SEAL_CODES, entry_fingerprint, entry_seal
from thidua_cli.storage.standings import sums_sql

from conftest import sums_from_cells


# --- JSON ---------------------------------------------------------------------------------------

def _stdlib_json(data) -> str:
    """What to_json was before: the standard library, indented (Decimals and dates as the product writes them)."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default) + "\n"


_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(),
    st.dates(), st.decimals(allow_nan=False, allow_infinity=False, places=2),
)
_json_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.tuples(inner, inner), st.dictionaries(st.text(), inner, max_size=4)),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(_json_values)
def test_to_json_is_the_standard_indented_json(value):
    assert to_json(value) == _stdlib_json(value)


def test_to_json_edge_cases():
    for value in ({}, [], {"a": {}, "b": [], "c": [[], {}]}, {"k": "\"\\\n\t\x00ễ"}, [1.5, -0.0, 1e300, 10**30],
                  {1: "non-string key"}, {"x": {"y": {"z": [1, {"w": None}]}}}, "plain", 3):
        assert to_json(value) == json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def _campaign(tiers=(), weights=("1", "1.5", "2.25")) -> Campaign:
    criteria = tuple(
        Criterion(code=code, name=code, applies_to=applies, max_points=high, min_points=low, weight=Decimal(weight))
        for code, applies, high, low, weight in (
            ("TC1", "both", 2000, 0, weights[0]), ("TC2", "individual", None, None, weights[1]),
            ("VP", "both", 0, -1000, weights[2]),
        )
    )
    return Campaign(
        code="t", name="T", kind="chuyen-de", plan="1/KH", issued=None, start=date(2024, 1, 1), end=date(2024, 12, 31),
        agency="Sở", parent_agency="UBND", place="Trà Vinh", base_salary=1, criteria=criteria, tiers=tuple(tiers), id=1,
    )


def test_standings_json_text_equals_the_generic_json():
    people = [
        Subject(code="A", name='Nguyễn "Văn" An\\', kind="individual", unit="P1", id=1),
        Subject(code="B", name="Lê Thị\nBình", kind="individual", unit=None, id=2),
        Subject(code="C", name="Phòng Ánh & Co", kind="collective", id=3),
        Subject(code="D", name="Trần An", kind="individual", unit="P1", id=4),
    ]
    campaign = _campaign(tiers=(Tier("Xuất sắc", Decimal(10)),))
    sums = [(1, "TC1", 1250, 3, 0), (1, "VP", -50, 1, 1), (2, "TC2", 999, 2, 0), (3, "TC1", 2500, 4, 0), (4, "TC1", 1250, 1, 0)]
    standings = compute_standings(
        campaign, Period(date(2024, 1, 1), date(2024, 12, 31)), in_name_order(people), sums_from_cells(campaign, sums)
    )
    for top in (None, 1, 2, 100):
        assert views.standings_json_text(standings, top) == to_json(views.standings_json(standings, top))
    empty = compute_standings(campaign, Period(date(2024, 1, 1), date(2024, 12, 31)), [], {})
    assert views.standings_json_text(empty) == to_json(views.standings_json(empty))


def test_standings_json_text_with_criterion_codes_that_look_like_format_marks():
    criteria = (Criterion(code="T%s", name="a", applies_to="both"), Criterion(code='K"%%', name="b", applies_to="individual"))
    campaign = Campaign(
        code="t", name="T", kind="chuyen-de", plan="1/KH", issued=None, start=date(2024, 1, 1), end=date(2024, 12, 31),
        agency="Sở", parent_agency="UBND", place="Trà Vinh", base_salary=1, criteria=criteria, tiers=(), id=1,
    )
    people = [Subject(code="A", name="An", kind="individual", id=1), Subject(code="C", name="Cục", kind="collective", id=2)]
    sums = sums_from_cells(campaign, [(1, "T%s", 150, 1, 0), (1, 'K"%%', -5, 1, 1), (2, "T%s", 7, 1, 0)])
    standings = compute_standings(campaign, Period(date(2024, 1, 1), date(2024, 12, 31)), in_name_order(people), sums)
    assert views.standings_json_text(standings) == to_json(views.standings_json(standings))


def test_score_json_of_the_example_is_the_generic_json(thidua):
    from thidua_cli.services.standings import score
    from thidua_cli.domain.periods import PeriodRequest

    thidua.example()
    standings = score(str(thidua.db), PeriodRequest())
    printed = thidua.ok("score", "--format", "json").stdout
    assert printed == to_json(views.standings_json(standings)) == views.standings_json_text(standings)


# --- Vietnamese text ------------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")
_vietnamese = st.lists(st.sampled_from(
    list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂĐÊƠƯ0123456789 -.'\t\n\u00a0\u2003\u1680ạảãàáấầẩẫậệếềểễởờớợỡừứửữựỳýỷỹỵ")
    + ["a\u0301", "o\u031b\u0300", "e\u0302\u0323", "\u0301"]  # decomposed letters, a stray mark
), max_size=30).map("".join)


@given(_vietnamese)
def test_clean_equals_the_regular_expression(text):
    assert vntext.clean(text) == _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _reference_collation_key(text):
    primary, secondary, tertiary = [], [], []
    for index, word in enumerate(vntext.clean(text).split(" ")):
        if index:
            primary.append(0)
        letters, tone = vntext._letters(word)
        primary.extend(vntext._char_rank(letter) for letter, _ in letters)
        secondary.append(tone)
        tertiary.extend(int(upper) for _, upper in letters)
    return (tuple(primary), tuple(secondary), tuple(tertiary))


def _reference_person_key(name):
    words = vntext.clean(name).split(" ")
    given, middle, family = words[-1], " ".join(words[1:-1]), words[0] if len(words) > 1 else ""
    return (_reference_collation_key(given), _reference_collation_key(middle), _reference_collation_key(family), vntext.clean(name))


@settings(max_examples=300)
@given(_vietnamese)
def test_cached_name_keys_equal_the_direct_computation(text):
    assert vntext.collation_key(text) == _reference_collation_key(text)
    assert vntext.person_sort_key(text) == _reference_person_key(text)


def _sign(a, b) -> int:
    return (a > b) - (a < b)


@settings(max_examples=500)
@given(st.sampled_from(["individual", "collective"]), _vietnamese, _vietnamese)
def test_stored_name_order_bytes_sort_as_the_name_keys(kind, first, second):
    one, two = Subject(code="A", name=first, kind=kind), Subject(code="B", name=second, kind=kind)
    assert _sign(name_sort_bytes(kind, first), name_sort_bytes(kind, second)) == _sign(name_sort_key(one), name_sort_key(two))


def test_name_order_bytes_on_names_that_differ_late():
    names = ["Nguyễn Văn An", "Nguyễn Văn Ân", "Nguyễn Văn Án", "Nguyễn Van An", "Lê An", "An", "nguyễn văn an",
             "Trần Thị Ánh Tuyết", "Trần Thị Ánh Tuyết Mai", "Đỗ Đạt", "Do Dat", "Phòng Kế hoạch - Tài chính", ""]
    for kind in ("individual", "collective"):
        subjects = [Subject(code=str(i), name=name, kind=kind) for i, name in enumerate(names)]
        by_key = sorted(subjects, key=name_sort_key)
        by_bytes = sorted(subjects, key=lambda s: name_sort_bytes(kind, s.name))
        assert [s.name for s in by_bytes] == [s.name for s in by_key]


# --- exact totals ---------------------------------------------------------------------------------

_weights = st.decimals(min_value=0, max_value=100, places=3, allow_nan=False, allow_infinity=False) | st.sampled_from(
    [Decimal("1"), Decimal("1.0"), Decimal("1.50"), Decimal("1E+1"), Decimal("0"), Decimal("0.001")]
)


@settings(max_examples=300)
@given(st.tuples(_weights, _weights, _weights), st.lists(st.integers(-5000, 5000), min_size=3, max_size=3))
def test_integer_totals_equal_the_decimal_sum_digit_for_digit(weights, points):
    campaign = _campaign(weights=tuple(str(w) for w in weights))
    rules = _KindRules(campaign, "individual")
    raw = dict(zip(("TC1", "TC2", "VP"), points))
    _, scores, weighted = rules.score([len(points), 0, *points])
    total = rules.total(weighted)
    expected_scores = {c.code: c.clamp(raw[c.code]) for c in campaign.criteria}
    expected = sum((c.weight * expected_scores[c.code] for c in campaign.criteria), Decimal(0)) / HUNDRED
    assert scores == expected_scores
    assert str(total) == str(expected)


def test_tiers_as_tier_for():
    tiers = (Tier("Tốt", Decimal(50)), Tier("Xuất sắc", Decimal(90)), Tier("Cũng tốt", Decimal(50)), Tier("Tập thể", Decimal(10), "collective"))
    rules = _KindRules(_campaign(tiers=tiers), "individual")
    for total in (Decimal(0), Decimal(10), Decimal("49.99"), Decimal(50), Decimal(89), Decimal(90), Decimal(1000)):
        assert rules.tier(total) == tier_for(_campaign(tiers=tiers), "individual", total)


def test_build_frozen_equals_init():
    values = dict(code="A", name="An", kind="individual", unit="P", position=None, gender="nữ", female_percent=None,
                  blocked=False, block_reason=None, active=True, id=7)
    built = build_frozen(Subject, values)
    assert built == Subject(**values) and hash(built) == hash(Subject(**values))
    with pytest.raises(AttributeError):
        built.name = "B"  # still frozen


# --- parsing caches -------------------------------------------------------------------------------

def test_cached_parsing_still_refuses_bad_values_every_time():
    for _ in range(3):
        assert formats.parse_date("2024-02-29") == date(2024, 2, 29)
        assert formats.parse_date("05/03/2024") == date(2024, 3, 5)
        assert formats.parse_points("8,5") == 850 and formats.parse_points(" -2 ") == -200
        with pytest.raises(formats.FormatError, match="không phải ngày có thật"):
            formats.parse_date("2023-02-29")
        with pytest.raises(formats.FormatError, match="quá 2 chữ số"):
            formats.parse_points("1.234")


# --- the standings query --------------------------------------------------------------------------

def test_standings_query_reads_the_covering_index_in_group_order(thidua):
    thidua.example()
    thidua.ok("void-entry", "3", "--reason", "ghi nhầm")
    connection = sqlite3.connect(thidua.db)
    criteria = [row[0] for row in connection.execute("SELECT id FROM criterion")]
    for days, short in ((True, False), (False, False), (True, True)):
        branch = (*criteria, 1, *(("2021-10-15", "2022-05-31") if days else ()))
        query = sums_sql(len(criteria), days, short)
        plan = [row[-1] for row in connection.execute("EXPLAIN QUERY PLAN " + query, branch + branch)]
        every_entry, voided = plan[: plan.index("UNION ALL")], plan[plan.index("UNION ALL"):]
        if short:  # the period's days only, sorted by subject
            assert any("COVERING INDEX ix_entry_by_day (campaign_id=? AND day>? AND day<?)" in step for step in every_entry), plan
        else:  # the campaign in subject order: nothing to sort
            assert any("COVERING INDEX ix_entry_scoring" in step for step in every_entry), plan
            assert not any("TEMP B-TREE" in step for step in every_entry), plan
        # the voided entries are reached from the void table, one primary-key seek each (sorting them is cheap)
        assert voided[1].startswith("SCAN v") and "SEARCH e USING INTEGER PRIMARY KEY" in voided[2], plan


def _naive_sums(connection, ids, start, end) -> dict[int, tuple]:
    """What subject_sums must give, straight from the rows: entries not voided, in the period."""
    sums: dict[int, list] = {}
    rows = connection.execute(
        "SELECT subject_id, criterion_id, points FROM entry WHERE campaign_id = 1 AND day >= ? AND day <= ? "
        "AND id NOT IN (SELECT entry_id FROM void)", (start, end))
    for subject_id, criterion_id, points in rows:
        row = sums.setdefault(subject_id, [0, 0] + [None] * len(ids))
        row[0] += 1
        row[1] += points < 0
        column = 2 + ids.index(criterion_id)
        row[column] = (row[column] or 0) + points
    return {subject_id: tuple(row) for subject_id, row in sums.items()}


def test_the_standings_query_counts_what_the_rows_hold(thidua):
    """Every plan of the query against the rows themselves, before and after voids."""
    from thidua_cli.storage.standings import subject_sums

    thidua.example()
    # the whole campaign (no date test), wider, a month (short: read by day), a week, one day
    periods = (("2021-10-15", "2022-05-31"), ("2000-01-01", "2099-12-31"), ("2021-12-01", "2021-12-31"),
               ("2022-03-07", "2022-03-13"), ("2021-11-20", "2021-11-20"), ("2021-10-01", "2022-02-28"))

    def same_for_the_standings(sums):
        # Where every entry of a criterion was voided its Σ is 0, where it never had one None: the
        # standings read both as 0. A subject whose every entry was voided keeps a row of zeros,
        # the same as no row.
        assert all(value in (0, None) for row in sums.values() if not row[0] for value in row)
        return {key: row[:2] + tuple(value or None for value in row[2:]) for key, row in sums.items() if row[0]}

    def compare():
        connection = sqlite3.connect(thidua.db)
        codes = [row[0] for row in connection.execute("SELECT code FROM criterion ORDER BY position")]
        ids = [row[0] for row in connection.execute("SELECT id FROM criterion ORDER BY position")]
        for start, end in periods:
            expected = _naive_sums(connection, ids, start, end)
            got = subject_sums(connection, 1, codes, start, end)
            assert same_for_the_standings(got) == same_for_the_standings(expected), (start, end)
        connection.close()

    compare()
    total = sqlite3.connect(thidua.db).execute("SELECT COUNT(*) FROM entry").fetchone()[0]
    for entry_id in (1, 2, total // 2, total):
        thidua.ok("void-entry", str(entry_id), "--reason", "ghi nhầm")
    compare()


# --- imports --------------------------------------------------------------------------------------

def _indexes(db) -> list[tuple]:
    connection = sqlite3.connect(db)
    try:
        return sorted(connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'entry'"))
    finally:
        connection.close()


def _chain_ok(db) -> int:
    """Recompute every entry's fingerprint and the hash chain; returns the number of entries."""
    connection = sqlite3.connect(db)
    rows = connection.execute(
        "SELECT e.id, e.campaign_id, e.subject_id, e.criterion_id, e.day, e.points, e.note, e.evidence, e.recorded_by, "
        "e.recorded_at, e.fingerprint, e.prev_hash, e.hash, e.seal, c.code, s.code, k.code FROM entry e "
        "JOIN campaign c ON c.id = e.campaign_id JOIN subject s ON s.id = e.subject_id "
        "JOIN criterion k ON k.id = e.criterion_id ORDER BY e.id"
    ).fetchall()
    connection.close()
    previous = GENESIS
    for row in rows:
        fingerprint = entry_fingerprint(*row[1:8])
        assert row[10] == fingerprint and row[11] == previous
        assert row[13] == SEAL_CODES  # every row this tool writes now is sealed to the codes
        assert row[12] == entry_seal(previous, row[0], fingerprint, row[8], row[9], *row[14:17])
        previous = row[12]
    return len(rows)


ENTRIES = """date,subject,criterion,points,note,evidence
2021-11-02,NV1,TC1,5,Thành tích một,QĐ 1
02/11/2021,NV2,TC1,"2,5",Thành tích hai,
2021-11-03,VP,TC2,10,Tập thể,QĐ 2
"""


def test_import_rebuilds_the_indexes_it_dropped(thidua):
    thidua.mini()
    fresh = _indexes(thidua.db)
    assert {name for name, _ in fresh} == {"ix_entry_scoring", "ix_entry_by_day"}
    thidua.ok("import-entries", str(thidua.write("e.csv", ENTRIES)))
    assert _indexes(thidua.db) == fresh
    assert _chain_ok(thidua.db) == 3


def test_failed_and_dry_run_imports_keep_the_indexes(thidua):
    from conftest import assert_refused

    thidua.mini()
    fresh = _indexes(thidua.db)
    bad = thidua.write("bad.csv", ENTRIES + "2021-11-04,NV9,TC1,1,,\n")
    assert_refused(thidua, ["import-entries", str(bad)], "không có đối tượng này trong sổ")
    thidua.ok("import-entries", "--dry-run", str(thidua.write("e.csv", ENTRIES)))
    assert _indexes(thidua.db) == fresh
    assert _chain_ok(thidua.db) == 0


def test_bulk_load_keeps_indexes_when_the_ledger_is_larger(thidua):
    thidua.mini()
    rows = "".join(f"2021-11-{day:02d},NV1,TC1,{number},Thành tích {number},\n" for number in range(12) for day in (3, 4))
    thidua.ok("import-entries", str(thidua.write("e.csv", ENTRIES + rows)))  # 27 entries
    connection = sqlite3.connect(thidua.db, isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    # kept while the ledger holds REBUILD_FROM (4) times the rows loaded or more
    with entry_store.bulk_load(connection, expected_rows=6):
        assert {name for name, _ in connection.execute("SELECT name, 1 FROM sqlite_master WHERE tbl_name = 'entry' AND type = 'index'")} >= {"ix_entry_scoring"}
    with entry_store.bulk_load(connection, expected_rows=7):
        assert connection.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'ix_entry_scoring'").fetchone() == (0,)
    with entry_store.bulk_load(connection, expected_rows=1000):
        assert connection.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'ix_entry_scoring'").fetchone() == (0,)
    # the rebuild sorts on helper threads, and leaves the connection as it found it
    assert connection.execute("PRAGMA threads").fetchone() == (0,)
    connection.execute("COMMIT")
    connection.close()
    assert {name for name, _ in _indexes(thidua.db)} == {"ix_entry_scoring", "ix_entry_by_day"}


def test_duplicate_lookup_seeks_the_scoring_index(thidua):
    """Schema 17 has no index on the fingerprint: an import's duplicate lookup must still be a seek, never a scan."""
    thidua.mini()
    thidua.ok("import-entries", str(thidua.write("e.csv", ENTRIES)))
    connection = sqlite3.connect(thidua.db)
    asked: list[str] = []
    connection.set_trace_callback(asked.append)
    existing = entry_store.ExistingEntries(connection, 1)
    row = connection.execute("SELECT campaign_id, subject_id, criterion_id, day, points, note, evidence FROM entry WHERE id = 1").fetchone()
    fingerprint = entry_fingerprint(*row)
    assert existing.take(row, fingerprint) and existing.near(row, fingerprint) is None
    connection.set_trace_callback(None)
    lookups = [sql for sql in asked if "e.fingerprint" in sql]
    assert len(lookups) == 1  # `near` reuses what `take` read for the same row
    plan = [step[-1] for step in connection.execute("EXPLAIN QUERY PLAN " + lookups[0].replace("?", "1"))]
    assert any("USING INDEX ix_entry_scoring (campaign_id=? AND subject_id=? AND criterion_id=? AND day=? AND points=?" in step
               for step in plan), plan
    assert not any(step.startswith("SCAN e") for step in plan), plan
    connection.close()


def test_reimport_into_a_filled_ledger_skips_exact_duplicates_once_each(thidua):
    thidua.mini()
    thidua.ok("import-entries", str(thidua.write("e.csv", ENTRIES)))
    again = thidua.ok("import-entries", str(thidua.write("again.csv", ENTRIES + "\n")))  # the same rows, another file
    assert "Đã ghi 0 mục; bỏ qua 3 mục" in again.stderr
    doubled = ENTRIES + "2021-11-02,NV1,TC1,5,Thành tích một,QĐ 1\n2021-11-05,NV3,TC1,1,Mới,\n"
    result = thidua.ok("import-entries", str(thidua.write("doubled.csv", doubled)))
    # the ledger holds the first row once: one copy in the file is a duplicate, the second copy repeats the first
    # copy inside the file and is skipped as well, named (it used to be stored as new)
    assert "Đã ghi 1 mục; bỏ qua 3 mục đã có trong sổ và 1 dòng lặp lại trong tệp" in result.stderr
    assert "  dòng 5: giống hệt dòng 2\n" in result.stderr
    assert _chain_ok(thidua.db) == 4


def _windows_1258_form(text: str) -> str:
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + "".join(c for c in parts if c in tones))
    return "".join(out)


@pytest.mark.parametrize("encoding,delimiter", [("utf-8-sig", ","), ("utf-16", ";"), ("cp1258", ","), ("utf-8", "\t")])
def test_csv_files_are_decoded_as_before(thidua, encoding, delimiter):
    thidua.mini()
    text = ENTRIES.replace(",", delimiter) if delimiter != "," else ENTRIES
    if delimiter != ",":
        text = text.replace('"2{}5"'.format(delimiter), "2,5")
    if encoding == "cp1258":  # Windows-1258 writes tones as combining marks after ă â ê ô ơ ư
        text = _windows_1258_form(text)
    path = thidua.folder / "enc.csv"
    path.write_bytes(text.encode(encoding))
    thidua.ok("import-entries", str(path))
    listed = json.loads(thidua.ok("entries", "--format", "json").stdout)["entries"]
    assert [(e["subject"], e["points"], e["note"]) for e in listed] == [
        ("NV1", 5, "Thành tích một"), ("NV2", 2.5, "Thành tích hai"), ("VP", 10, "Tập thể"),
    ]


def test_a_file_that_is_not_text_is_refused(thidua):
    from conftest import assert_refused

    thidua.mini()
    path = thidua.folder / "binary.csv"
    path.write_bytes(b"date,subject\n\x81\x8d\x8f\x90\x9d")
    assert_refused(thidua, ["import-entries", str(path)], "không phải văn bản UTF-8")


def test_the_reports_three_standings_from_one_scan_equal_three_separate_ones(thidua):
    from thidua_cli.domain.models import Period
    from thidua_cli.services.ledger_session import session_for
    from thidua_cli.services.standings import standings_for, standings_to_and_before

    thidua.example()
    for entry_id in (2, 40, 41):
        thidua.ok("void-entry", str(entry_id), "--reason", "ghi nhầm")
    with session_for(str(thidua.db)) as session:
        campaign = session.campaign(None)
        for start, end in ((date(2021, 10, 15), date(2021, 10, 31)), (date(2021, 12, 1), date(2021, 12, 31)),
                           (date(2022, 5, 1), date(2022, 5, 31))):
            month, to_end, before = standings_to_and_before(session, campaign, Period(start, end, "tháng"))
            assert month == standings_for(session, campaign, Period(start, end, "tháng"))
            assert to_end == standings_for(session, campaign, Period(campaign.start, end, "tháng"))
            if start == campaign.start:
                assert before is None
            else:
                assert before == standings_for(session, campaign, Period(campaign.start, start - timedelta(days=1)))
