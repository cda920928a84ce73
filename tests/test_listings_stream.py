"""Listings stream (issue 13): `entries`, `subject list` and `awards` give the same bytes as before
the change in every format, write rows as they are read, and keep the screen readable."""

from __future__ import annotations

import json

import pytest

from conftest import assert_golden

LISTINGS = {
    "entries": ["entries", "--include-void", "--from", "2021-10-01", "--to", "2021-10-31"],
    "entries-nv": ["entries", "--subject", "NV19", "--month", "2021-11"],
    "entries-unit": ["entries", "--unit", "VP"],
    "subjects": ["subject", "list"],
    "subjects-unit": ["subject", "list", "--unit", "Văn phòng Sở"],
    "subjects-individual": ["subject", "list", "--kind", "individual"],
    "awards": ["awards"],
    "awards-nv": ["awards", "--subject", "NV04"],
}
TEXT_FORMATS = ("table", "csv", "json", "md")


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    from conftest import EXAMPLE, Thidua

    thidua = Thidua(tmp_path_factory.mktemp("listings"))
    thidua.example()
    thidua.ok("void-entry", "3", "--reason", "Ghi nhầm | dòng có ký tự đặc biệt")
    thidua.ok("awards", "import", str(EXAMPLE / "awards-history.csv"))
    thidua.ok("awards", "add", "--subject", "NV04", "--award", "CSTDCS", "--name", "=Chiến sĩ thi đua cơ sở",
              "--number", "12/QĐ-STTTT", "--date", "2021-12-30")
    # who and when recorded vary from run to run: fixed here (listings do not verify the chain)
    import sqlite3

    connection = sqlite3.connect(thidua.db)
    with connection:
        connection.execute("UPDATE entry SET recorded_by = 'Người kiểm thử', recorded_at = '2022-01-01T08:00:00.000000+00:00'")
        connection.execute("UPDATE void SET recorded_by = 'Người kiểm thử', recorded_at = '2022-01-01T09:00:00.000000+00:00'")
        connection.execute("UPDATE award_history SET recorded_at = '2022-01-01T10:00:00.000000+00:00'")
    connection.close()
    return thidua


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_the_same_bytes_as_before(example, monkeypatch, name, fmt):
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("THIDUA_USER", "Người kiểm thử")
    result = example.ok(*LISTINGS[name], "--format", fmt)
    assert_golden(f"listings/{name}.{'txt' if fmt == 'table' else fmt}", result.stdout)


@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_the_same_workbook_as_before(example, monkeypatch, name):
    from openpyxl import load_workbook

    monkeypatch.setenv("THIDUA_TODAY", "2022-06-30")  # the award history's title row says when it was drawn up
    target = example.folder / f"{name}.xlsx"
    example.ok(*LISTINGS[name], "-o", str(target))
    workbook = load_workbook(target)
    sheets = {}
    for sheet in workbook.worksheets:
        sheets[sheet.title] = {
            "rows": [[None if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)],
            "widths": {k: v.width for k, v in sorted(sheet.column_dimensions.items())},
            "filter": sheet.auto_filter.ref,
            "frozen": sheet.freeze_panes,
        }
    assert_golden(f"listings/{name}.xlsx.json", json.dumps(sheets, ensure_ascii=False, indent=1) + "\n")


def _ledger_of(folder, entries: int):
    from contextlib import chdir

    from conftest import Thidua

    thidua = Thidua(folder)
    thidua.mini()
    lines = ["date,subject,criterion,points,note"]
    for n in range(entries):
        lines.append(f"2021-{10 + n % 3}-{1 + n % 28:02d},NV{1 + n % 3},TC1,{n % 9 + 1},Thành tích số {n} của một cán bộ trong phòng")
    with chdir(folder):  # a module's fixture runs before the tests' own folder is set: the import's lists go here
        thidua.ok("import-entries", str(thidua.write("big.csv", "\n".join(lines) + "\n")))
    return thidua


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """The mini campaign with 30,000 entries: enough that a listing held whole would show in memory."""
    return _ledger_of(tmp_path_factory.mktemp("big"), 30_000)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    return _ledger_of(tmp_path_factory.mktemp("small"), 5_000)


def _peak_kb(thidua, *args: str) -> int:
    """The peak resident memory of one `thidua` run in its own interpreter."""
    import subprocess
    import sys

    script = (
        "import resource, sys\nfrom thidua_cli.cli import main\nsys.argv = ['thidua'] + sys.argv[1:]\n"
        "try:\n    main()\nexcept SystemExit as done:\n    assert not done.code, done.code\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    )
    run = subprocess.run([sys.executable, "-c", script, "--db", str(thidua.db), *args], capture_output=True, text=True, check=True)
    return int(run.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("fmt", ["csv", "json", "md", "xlsx"])
def test_memory_stays_flat_while_a_listing_is_written(small, big, fmt):
    """Rows are written as they are read: six times the entries, about the same peak memory
    (held whole, 25,000 more rows took tens of MB)."""
    peaks = []
    for ledger in (small, big):
        target = ledger.folder / f"all.{fmt}"
        peaks.append(_peak_kb(ledger, "entries", "-o", str(target)))
        assert target.stat().st_size > 100_000
    assert peaks[1] - peaks[0] < 6_000, f"{fmt}: {peaks[0] / 1000:.0f} MB at 5,000 entries, {peaks[1] / 1000:.0f} MB at 30,000"


def test_the_screen_shows_the_top_rows_and_says_how_many_there_are(big):
    result = big.ok("entries", "--top", "3")
    lines = result.stdout.splitlines()
    assert lines[0].strip() == "Mục ghi phong trào mini (30000 mục)"
    assert [line.split()[0] for line in lines[4:] if line[:6].strip()] == ["1", "85", "169"]  # by date, then id
    assert result.stderr == (
        "Đang hiện 3/30.000 mục ghi đầu tiên; xem hết: --format csv -o TỆP.csv (hoặc --top 30000)\n"
    )
    default = big.ok("entries")
    assert "Đang hiện 2.000/30.000 mục ghi đầu tiên" in default.stderr
    assert len(default.stdout.splitlines()) < 2100


def test_a_subject_list_in_sql_order_is_the_name_order(example):
    """The stored name keys order the listing exactly as sorting by `name_sort_key` would."""
    import sqlite3

    from thidua_cli.services.subjects import sorted_subjects
    from thidua_cli.storage.subjects import all_subjects, subjects_in_listing_order

    connection = sqlite3.connect(example.db)
    try:
        by_key = [s.code for s in sorted_subjects(all_subjects(connection))]
        assert [s.code for s in subjects_in_listing_order(connection)] == by_key
    finally:
        connection.close()
