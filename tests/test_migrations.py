"""Schema evolution: an older ledger is backed up and migrated on open; a newer one is refused.

`fixtures/ledger-v1.db` was written by thidua at schema version 1 (see
`fixtures/build_ledger_v1.py`): the mini campaign, four subjects, six entries,
one void (entry 5) and one award-history row. Tests work on copies.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINI_CAMPAIGN, assert_refused
from test_concurrency import cli_env
from thidua_cli.storage import schema

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "ledger-v1.db"


@pytest.fixture
def old_ledger(thidua):
    shutil.copyfile(FIXTURE, thidua.db)
    return thidua


def meta(db: Path) -> dict[str, str]:
    connection = sqlite3.connect(db)
    try:
        return dict(connection.execute("SELECT key, value FROM meta"))
    finally:
        connection.close()


def schema_of(db: Path) -> list[tuple]:
    """Every table's columns in order (name, type, not null, default, key), foreign keys and indexes.

    Compared as structure, not as CREATE text: SQLite keeps the text of `ALTER TABLE … ADD COLUMN`
    as written, so a migrated table's text differs from a new one's while its schema is the same."""
    connection = sqlite3.connect(db)
    try:
        schema = []
        for kind, name, table in connection.execute("SELECT type, name, tbl_name FROM sqlite_master ORDER BY name"):
            if kind == "table":
                columns = tuple(tuple(row[1:]) for row in connection.execute(f'PRAGMA table_info("{name}")'))
                keys = tuple(sorted(tuple(row[2:5]) for row in connection.execute(f'PRAGMA foreign_key_list("{name}")')))
                schema.append((kind, name, table, columns, keys))
            elif kind == "index":
                columns = tuple(row[2] for row in connection.execute(f'PRAGMA index_info("{name}")'))
                unique = connection.execute(f'PRAGMA index_list("{table}")').fetchall()
                schema.append((kind, name, table, columns, tuple(row[2] for row in unique if row[1] == name)))
            else:
                schema.append((kind, name, table, (), ()))
        return schema
    finally:
        connection.close()


def test_the_fixture_is_a_version_1_ledger():
    assert meta(FIXTURE)["schema_version"] == "1"
    assert "entry_chain" not in meta(FIXTURE)
    assert not any(name == "ix_award_history_subject_id" for _, name, *_ in schema_of(FIXTURE))


def test_an_old_ledger_is_backed_up_then_migrated(old_ledger):
    result = old_ledger("entries", "--include-void", "--format", "json")
    assert result.exit_code == 0, result.stderr
    backup = old_ledger.db.with_name("thidua.db.v1.bak")
    assert result.stderr.splitlines()[0] == (
        f"Đã nâng cấp sổ {old_ledger.db} từ lược đồ 1 lên {schema.SCHEMA_VERSION}; bản sao lưu trước khi nâng cấp: {backup}"
    )
    entries = json.loads(result.stdout)["entries"]
    assert [e["id"] for e in entries] == [1, 2, 3, 4, 5, 6]
    assert [e["voided"] for e in entries] == [False, False, False, False, True, False]
    # the backup is the untouched version-1 ledger, one self-contained file
    assert meta(backup)["schema_version"] == "1"
    assert schema_of(backup) == schema_of(FIXTURE)
    assert not Path(str(backup) + "-wal").exists()
    # the migrated ledger: version 2, the new index, the chain heads
    after = meta(old_ledger.db)
    assert after["schema_version"] == str(schema.SCHEMA_VERSION)
    connection = sqlite3.connect(old_ledger.db)
    last_entry = connection.execute("SELECT id, hash FROM entry ORDER BY id DESC LIMIT 1").fetchone()
    last_void = connection.execute("SELECT id, hash FROM void ORDER BY id DESC LIMIT 1").fetchone()
    connection.close()
    assert after["entry_chain"] == f"{last_entry[0]}:{last_entry[1]}"
    assert after["void_chain"] == f"{last_void[0]}:{last_void[1]}"
    check = old_ledger("check")
    assert (check.exit_code, check.stdout, check.stderr) == (0, "", "")


def test_a_migrated_ledger_has_exactly_the_schema_of_a_new_one(old_ledger, tmp_path):
    old_ledger.ok("subject", "list")
    fresh = tmp_path / "fresh.db"
    old_ledger("--db", str(fresh), "subject", "add", "--code", "X", "--name", "X", "--kind", "individual")
    assert schema_of(old_ledger.db) == schema_of(fresh)


def test_the_migrated_ledger_works_on(old_ledger):
    old_ledger.ok("add-entry", "-s", "NV1", "-k", "TC1", "-p", "5", "-d", "2021-12-10")
    old_ledger.ok("void-entry", "7", "--reason", "Thử")
    data = json.loads(old_ledger.ok("score", "--format", "json").stdout)
    assert {row["subject"]: row["total"] for row in data["standings"]}["NV2"] == 45.0
    assert old_ledger("check").exit_code == 0
    # a second open does not migrate (or back up) again
    assert len(list(old_ledger.folder.glob("thidua.db.v1*.bak"))) == 1
    # version 3 stored every subject's name-order key, as subject import would have
    from thidua_cli.domain.scoring import name_sort_bytes

    connection = sqlite3.connect(old_ledger.db)
    stored = dict(connection.execute("SELECT subject_id, sort_key FROM name_order"))
    subjects = connection.execute("SELECT id, kind, name FROM subject").fetchall()
    connection.close()
    assert subjects and stored == {sid: name_sort_bytes(kind, name) for sid, kind, name in subjects}


def test_check_does_not_migrate(old_ledger):
    before = old_ledger.digest()
    quiet = old_ledger("check")
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")
    assert old_ledger.ok("check", "--all").stdout.splitlines() == [
        f"lưu ý: sổ ở lược đồ 1; lệnh ghi tới sẽ nâng cấp lên {schema.SCHEMA_VERSION} (có sao lưu trước)"
    ]
    status = json.loads(old_ledger.ok("db", "status", "--format", "json").stdout)
    assert (status["schema_version"], status["schema_current"]) == (1, schema.SCHEMA_VERSION)
    assert old_ledger.digest() == before
    assert not list(old_ledger.folder.glob("*.bak"))


def test_a_newer_ledger_is_refused(old_ledger):
    connection = sqlite3.connect(old_ledger.db)
    with connection:
        connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    connection.close()
    message = f"được tạo bởi phiên bản thidua mới hơn (lược đồ 99, bản này chỉ đọc được đến lược đồ {schema.SCHEMA_VERSION})"
    for args in (["entries"], ["add-entry", "-s", "NV1", "-k", "TC1", "-p", "1"], ["check"], ["db", "status"]):
        result = assert_refused(old_ledger, args, message)
        assert "Gợi ý: hãy cập nhật thidua" in result.stderr
    assert not list(old_ledger.folder.glob("*.bak"))


def test_a_failed_migration_changes_nothing(old_ledger, monkeypatch):
    def half_done(connection):
        connection.execute("CREATE INDEX ix_award_history_subject_id ON award_history (subject_id)")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setitem(schema.MIGRATIONS, 2, half_done)
    before = old_ledger.digest()
    result = old_ledger("entries")
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"Lỗi: không nâng cấp được sổ {old_ledger.db} từ lược đồ 1 lên {schema.SCHEMA_VERSION} (disk I/O error); sổ giữ nguyên")
    assert old_ledger.digest() == before
    assert meta(old_ledger.db)["schema_version"] == "1"
    monkeypatch.undo()
    assert old_ledger.ok("entries").exit_code == 0


def test_processes_opening_an_old_ledger_at_once_migrate_it_once(old_ledger):
    processes = [
        subprocess.Popen([sys.executable, "-m", "thidua_cli", "--db", str(old_ledger.db), *args], env=cli_env(),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for args in (["entries"], ["score"], ["add-entry", "-s", "NV3", "-k", "TC1", "-p", "2", "-d", "2021-12-11"])
    ]
    for process in processes:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr
    assert len(list(old_ledger.folder.glob("*.bak"))) == 1
    assert meta(old_ledger.db)["schema_version"] == str(schema.SCHEMA_VERSION)
    assert old_ledger("check").exit_code == 0


def test_every_version_has_a_migration():
    """Numbers may be sparse while branches land (each has its own); the current version is the last step."""
    assert min(schema.MIGRATIONS) == 2 and max(schema.MIGRATIONS) == schema.SCHEMA_VERSION
    assert {2, 3, 4} <= set(schema.MIGRATIONS)


def test_a_read_only_old_ledger_says_it_needs_upgrading(old_ledger, monkeypatch):
    from test_crash import _read_only

    restore = _read_only(monkeypatch, old_ledger)
    try:
        result = assert_refused(old_ledger, ["entries"], f"ở lược đồ 1 cần nâng cấp lên {schema.SCHEMA_VERSION} trước khi dùng, nhưng sổ chỉ đọc")
        assert "Gợi ý: cho phép ghi" in result.stderr
        assert old_ledger("check").exit_code == 0  # check reads an old ledger as it is
    finally:
        restore()
    assert not list(old_ledger.folder.glob("*.bak"))


V13_DOCUMENT_NUMBER = """CREATE TABLE document_number (
\tid INTEGER NOT NULL, year INTEGER NOT NULL, series VARCHAR NOT NULL, number INTEGER NOT NULL, document VARCHAR NOT NULL,
\tround_id INTEGER, issued_on DATE NOT NULL, recorded_at VARCHAR NOT NULL,
\tPRIMARY KEY (id), UNIQUE (year, series, number), UNIQUE (document), FOREIGN KEY(round_id) REFERENCES round (id)
)"""


def test_schema_14_gives_each_agency_its_own_register_keeping_every_number(thidua, tmp_path):
    """A version-13 register (numbers unique per year and series) becomes one per agency: the table is made
    again with the new key, every number kept, 0 (the office's own) as its agency."""
    thidua.mini()
    connection = sqlite3.connect(thidua.db)
    with connection:
        connection.execute("DROP TABLE document_number")
        connection.execute(V13_DOCUMENT_NUMBER)
        connection.execute("INSERT INTO document_number VALUES (7, 2025, 'TTr-STTTT', 12, 'mini/1/to-trinh', NULL, '2025-12-01', 'x')")
        connection.execute("UPDATE meta SET value = '13' WHERE key = 'schema_version'")
    connection.close()
    result = thidua.ok("subject", "list")
    assert f"từ lược đồ 13 lên {schema.SCHEMA_VERSION}" in result.stderr
    connection = sqlite3.connect(thidua.db)
    rows = connection.execute("SELECT id, year, series, number, document, agency FROM document_number").fetchall()
    connection.close()
    assert rows == [(7, 2025, "TTr-STTTT", 12, "mini/1/to-trinh", 0)]
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    thidua.ok("--db", str(fresh / "new.db"), "campaign", "load", str(thidua.write("m.toml", MINI_CAMPAIGN)))
    assert [r for r in schema_of(thidua.db) if "document_number" in str(r)] == \
        [r for r in schema_of(fresh / "new.db") if "document_number" in str(r)]
    assert thidua("check").exit_code == 0


@pytest.mark.parametrize("command", [
    ["import-entries", "FILE", "--dry-run"],
    ["subject", "import", "SUBJECTS", "--dry-run"],
    ["awards", "import", "AWARDS", "--dry-run"],
    ["ratings", "import", "RATINGS", "--dry-run"],
])
def test_a_dry_run_on_an_old_ledger_writes_nothing_not_even_the_upgrade(old_ledger, command):
    """A dry run upgraded an older ledger (a backup beside it) and then said "Chưa ghi gì": it writes nothing now,
    and says how to upgrade; after `db upgrade` the same dry run goes through."""
    files = {
        "FILE": old_ledger.write("e.csv", "date,subject,criterion,points\n2021-10-05,NV1,TC1,1\n"),
        "SUBJECTS": old_ledger.write("s.csv", "code,name,kind\nNV9,Phạm Văn Chín,cá nhân\n"),
        "AWARDS": old_ledger.write("a.csv", "subject,award,number,date\nNV1,Giấy khen,1/QĐ,2020-12-01\n"),
        "RATINGS": old_ledger.write("r.csv", "subject,year,rating\nNV1,2020,Hoàn thành tốt nhiệm vụ\n"),
    }
    args = [str(files.get(arg, arg)) for arg in command]
    before = old_ledger.db.read_bytes()
    assert_refused(old_ledger, args, f"--dry-run: sổ {old_ledger.db} ở lược đồ 1, bản thidua này dùng lược đồ "
                                     f"{schema.SCHEMA_VERSION}; chạy thử không ghi gì vào sổ, kể cả việc nâng cấp", code=2)
    assert old_ledger.db.read_bytes() == before
    assert not list(old_ledger.db.parent.glob("*.bak"))
    old_ledger.ok("db", "upgrade")
    assert "chưa ghi" in old_ledger.ok(*args).stderr.casefold()
