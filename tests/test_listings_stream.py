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
def test_the_same_workbook_as_before(example, name):
    from openpyxl import load_workbook

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
