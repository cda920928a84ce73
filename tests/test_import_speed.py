"""import-entries after the speed-ups (issue 13): the same rows, fingerprints and chained hashes as before,
on a generated file that repeats dates, subjects, criteria and points the way office files do, mixes date
and point spellings, names subjects and criteria by code and by name, and holds TCVN3 text both as a whole
column (told per column) and in single cells of a Unicode column (told per cell)."""

from __future__ import annotations

import csv
import io
import random
import sqlite3

import pytest

from conftest import MINI_CAMPAIGN, MINI_SUBJECTS, assert_golden, assert_refused

PINNED_AT = "2022-01-05T08:00:00.000000+00:00"
NOTES = ("Hoàn thành xuất sắc nhiệm vụ được giao", "Hỗ trợ người dân cài đặt ứng dụng", "Số hoá hồ sơ lưu trữ",
         "Chậm nộp báo cáo", "")
LEGACY_NOTES = ("Tham gia tæ c«ng nghÖ sè céng ®ång",)  # TCVN3 bytes read as Latin-1
DAYS = ("2021-10-04", "15/10/2021", "2021-11-02", "1/12/2021", "2021-12-31", "2022-01-03")  # the last: outside
POINTS = ("1", "2,5", "3", "1.25", "0,5")
SUBJECTS = ("NV1", "nv2", "Lê Văn Hòa", "NV3", "VP")


def generated_rows(seed: int, count: int) -> list[list[str]]:
    from thidua_cli.domain.legacy import unicode_to_tcvn3

    rng = random.Random(seed)
    rows = []
    for number in range(count):
        subject = rng.choice(SUBJECTS)
        criterion = rng.choice(("TC1", "tc1", "Hoàn thành nhiệm vụ", "TC2") if subject == "VP" else ("TC1", "Hoàn thành nhiệm vụ"))
        criterion, points = ("VP", "-1") if number % 17 == 0 else (criterion, rng.choice(POINTS))
        note = rng.choice(LEGACY_NOTES) if number % 23 == 5 else rng.choice(NOTES)
        evidence = unicode_to_tcvn3(f"Quyết định số {rng.randrange(1, 40)}/QĐ-STTTT") if number % 3 else ""
        rows.append([rng.choice(DAYS), subject, criterion, points, note, evidence])
    return rows


def write_csv(path, rows) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["Ngày", "Mã đối tượng", "Tiêu chí", "Điểm", "Nội dung", "Minh chứng"])
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def ledger_dump(db) -> str:
    connection = sqlite3.connect(db)
    try:
        lines = ["\t".join(map(str, row)) for row in connection.execute(
            "SELECT id, campaign_id, subject_id, criterion_id, day, points, note, evidence, recorded_by, recorded_at, "
            "fingerprint, prev_hash, hash, seal, import_id FROM entry ORDER BY id")]
        lines += ["\t".join(map(str, row)) for row in connection.execute(
            "SELECT id, kind, file, sha256, rows, added, at, recorded_by FROM import_batch WHERE kind = 'entries' ORDER BY id")]
        indexes = [row[0] for row in connection.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'entry' AND sql IS NOT NULL ORDER BY name")]
        return "\n".join(lines + indexes) + "\n"
    finally:
        connection.close()


@pytest.fixture
def pinned(thidua, monkeypatch):
    monkeypatch.setenv("THIDUA_TODAY", "2022-01-05")
    monkeypatch.setattr("thidua_cli.services.entries.now_text", lambda: PINNED_AT)
    thidua.ok("campaign", "load", str(thidua.write("mini.toml", MINI_CAMPAIGN)))
    thidua.ok("subject", "import", str(thidua.write("subjects.csv", MINI_SUBJECTS)))
    return thidua


def test_the_same_rows_and_hashes_as_before(pinned):
    first, second = generated_rows(13, 400), generated_rows(14, 150)
    write_csv(pinned.folder / "first.csv", first)
    # the second file repeats 60 rows of the first (skipped) before 150 others, many of them near
    # duplicates (let through), into a ledger that holds entries (indexes live; the first load rebuilt them)
    write_csv(pinned.folder / "second.csv", first[:60] + second)
    loaded = pinned.ok("import-entries", "first.csv")
    again = pinned.ok("import-entries", "second.csv", "--allow-near-duplicates")
    assert "Đã ghi" in loaded.stderr and "bỏ qua" in again.stderr
    assert_golden("imports/speed-messages.txt", loaded.stderr + again.stderr)
    assert_golden("imports/speed-ledger.tsv", ledger_dump(pinned.db))


def test_a_bad_row_among_repeated_values_is_still_named(pinned):
    rows = generated_rows(15, 200)
    rows[120][3] = "2,555"  # a points spelling seen nowhere else in the file
    rows[150][0] = "31/11/2021"  # a date that does not exist, once
    rows[170][1] = "NV99"
    write_csv(pinned.folder / "bad.csv", rows)
    result = assert_refused(pinned, ("import-entries", "bad.csv"), "dòng 122")
    assert "dòng 152" in result.stderr and "dòng 172" in result.stderr and "NV99" in result.stderr


def test_a_missing_parent_is_refused_while_sqlite_does_not_check_it(pinned):
    """import-entries turns SQLite's per-row foreign-key checks off for its load; the seal's code
    lookups refuse an entry whose subject does not exist, as the foreign key did, and the checks
    are back on afterwards."""
    from thidua_cli.storage import entries as store

    connection = sqlite3.connect(pinned.db, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    orphan = store.NewEntry(1, 999, 1, "2021-10-04", 100, "", "", "Người kiểm thử", PINNED_AT)
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"), store.parents_checked_here(connection):
        connection.execute("BEGIN IMMEDIATE")
        try:
            store.insert_entries(connection, [(orphan, orphan.fingerprint())])
        finally:
            connection.execute("ROLLBACK")
    assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert connection.execute("SELECT COUNT(*) FROM entry").fetchone()[0] == 0
    connection.close()


def _schema(db) -> list[tuple]:
    connection = sqlite3.connect(db)
    try:
        return connection.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").fetchall()
    finally:
        connection.close()


def test_a_load_that_rebuilds_the_indexes_leaves_the_schema_of_a_new_ledger(pinned, thidua_factory, monkeypatch):
    """The entry table's indexes are dropped for a big load and made again before the commit: after it
    `check` passes and sqlite_master is that of a ledger never loaded (same indexes, same SQL)."""
    from thidua_cli.storage import entries as store

    rebuilt = []
    bulk_load = store.bulk_load

    def watched(connection, expected_rows):
        held = connection.execute("SELECT COUNT(*) FROM entry").fetchone()[0]
        rebuilt.append(held < store.REBUILD_FROM * expected_rows)
        return bulk_load(connection, expected_rows)

    monkeypatch.setattr(store, "bulk_load", watched)
    write_csv(pinned.folder / "big.csv", generated_rows(16, 600))
    pinned.ok("import-entries", "big.csv")
    assert rebuilt == [True]
    assert pinned.ok("check").stdout == ""  # a sound ledger: nothing printed, exit code 0
    fresh = thidua_factory()
    fresh.ok("campaign", "load", str(fresh.write("mini.toml", MINI_CAMPAIGN)))
    assert _schema(pinned.db) == _schema(fresh.db)


@pytest.fixture
def apart(pinned, monkeypatch):
    """Every CSV file, however small, checked in a second process while this one writes (`check_apart`)."""
    from thidua_cli.services import check_apart

    if not check_apart.worth_a_second_process(str(pinned.db), str(pinned.write("probe.csv", "x" * check_apart.MIN_BYTES))):
        pytest.skip("no second process here (one core, no fork, or not Linux)")
    monkeypatch.setattr(check_apart, "MIN_BYTES", 0)
    monkeypatch.setattr(check_apart, "BATCH", 7)  # many batches, the last one short
    return pinned


def test_checked_in_a_second_process_the_same_rows_and_hashes(apart):
    """The same two files as `test_the_same_rows_and_hashes_as_before`, checked in a forked process: the
    same messages, rows, fingerprints and chained hashes (the same golden files)."""
    first, second = generated_rows(13, 400), generated_rows(14, 150)
    write_csv(apart.folder / "first.csv", first)
    write_csv(apart.folder / "second.csv", first[:60] + second)
    loaded = apart.ok("import-entries", "first.csv")
    again = apart.ok("import-entries", "second.csv", "--allow-near-duplicates")
    assert_golden("imports/speed-messages.txt", loaded.stderr + again.stderr)
    assert_golden("imports/speed-ledger.tsv", ledger_dump(apart.db))
    # the writer gives up before its transaction begins: the second process, reading ahead, just ends
    before = apart.digest()
    skipped = apart.ok("import-entries", "first.csv")
    assert "đã được nhập ở lần nhập số 2" in skipped.stderr
    write_csv(apart.folder / "third.csv", generated_rows(17, 50))
    assert_refused(apart, ("import-entries", "third.csv", "--campaign", "khong-co"), 'không có phong trào "khong-co"')
    assert apart.digest() == before


def test_checked_in_a_second_process_a_bad_file_changes_nothing(apart):
    rows = generated_rows(15, 200)
    rows[120][3] = "2,555"
    rows[150][0] = "31/11/2021"
    rows[170][1] = "NV99"
    write_csv(apart.folder / "bad.csv", rows)
    result = assert_refused(apart, ("import-entries", "bad.csv"), "dòng 122")
    assert "dòng 152" in result.stderr and "dòng 172" in result.stderr and "NV99" in result.stderr
    write_csv(apart.folder / "near.csv", generated_rows(13, 400))
    apart.ok("import-entries", "near.csv")
    write_csv(apart.folder / "near-again.csv", generated_rows(14, 150))
    refused = assert_refused(apart, ("import-entries", "near-again.csv"), "gần trùng")
    assert "--allow-near-duplicates" in refused.stderr
    apart.write("broken.csv", "date,subject,criterion,points\n2021-10-04,NV1,TC1,\"1\n")
    assert_refused(apart, ("import-entries", "broken.csv"), "dấu ngoặc kép")
    assert apart.ok("check").stdout == ""


@pytest.mark.sqlite_only  # SQLite's indexes, dropped for a big load
def test_a_load_that_drops_the_indexes_looks_duplicates_up_with_them(pinned, monkeypatch):
    """A file bringing more than a quarter of the ledger drops the entry indexes inside its transaction;
    its duplicate and near-duplicate lookups then read the ledger through another connection, which has
    them (through the writer's connection each lookup scanned the whole table: 6,000 rows into a
    20,000-entry ledger took a minute)."""
    from thidua_cli.services import check_apart
    from thidua_cli.storage import entries as store

    monkeypatch.setattr(check_apart, "MIN_BYTES", 1 << 40)  # this process checks
    indexed = []
    existing = store.ExistingEntries

    def watched(connection, campaign_id):
        indexed.append(connection.execute(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'entry' AND sql IS NOT NULL").fetchone()[0])
        return existing(connection, campaign_id)

    monkeypatch.setattr(store, "ExistingEntries", watched)
    write_csv(pinned.folder / "first.csv", generated_rows(13, 400))
    pinned.ok("import-entries", "first.csv")
    write_csv(pinned.folder / "second.csv", generated_rows(13, 400)[:60] + generated_rows(14, 150))
    again = pinned.ok("import-entries", "second.csv", "--allow-near-duplicates")
    assert "Đã ghi 139 mục; bỏ qua 69 mục đã có trong sổ và 2 dòng lặp lại trong tệp" in again.stderr  # as in speed-messages.txt
    assert indexed == [2, 2]  # ix_entry_scoring and ix_entry_by_day, as in a fresh ledger


def test_a_second_process_that_dies_leaves_the_ledger_as_it_was(apart, monkeypatch):
    """The checking process ends without a word (killed, out of memory): the writer rolls back and says so."""
    import os

    from thidua_cli.services import entries

    def dying(self, db, progress=None, go=None):
        go.wait()
        os._exit(3)  # in the second process only: this generator runs there
        yield

    monkeypatch.setattr(entries._EntryCheck, "rows_apart", dying)
    write_csv(apart.folder / "first.csv", generated_rows(13, 400))
    assert_refused(apart, ("import-entries", "first.csv"), "đã dừng giữa chừng")
