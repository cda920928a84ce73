"""Writers of different offices on one province server do not wait for each other (schema version 15):
ids come from sequences, each campaign chain has its own lock, and an office's writers queue only
behind their own agency's (`storage.server_ids`, `storage.server_ledger`). Real server (tests/pg.py)."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import psycopg
import pytest
from conftest import MINI_CAMPAIGN
from test_concurrency import cli_env
from test_postgres_agencies import province  # noqa: F401  (the fixture: two offices and the province)
from test_postgres_engine import server_rows

from thidua_cli.storage.schema import SCHEMA_VERSION
from thidua_cli.storage.server_ledger import AGENCY_LOCK, WRITE_LOCK

pytestmark = pytest.mark.sqlite_only  # runs once, in the SQLite pass: it starts its own server roles itself


def _thidua(url: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "thidua_cli", "--db", url, *args], env=cli_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _entry(url: str, campaign: str, subject: str, note: str) -> subprocess.Popen:
    return _thidua(url, "add-entry", "-c", campaign, "-s", subject, "-k", "TC1", "-p", "1", "-d", "2021-11-05", "-n", note)


def _finished(process: subprocess.Popen, timeout: float) -> bool:
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        return False
    return True


def _campaign_with_one_person(thidua, url: str) -> tuple[str, ...]:
    """The mini campaign and NV1 on the ledger; the add-entry arguments for NV1, a date to follow."""
    thidua.ok("--db", url, "campaign", "load", str(thidua.write("mini.toml", MINI_CAMPAIGN)))
    thidua.ok("--db", url, "subject", "add", "--code", "NV1", "--name", "Nguyễn Văn An", "--kind", "individual")
    return ("add-entry", "-c", "mini", "-s", "NV1", "-k", "TC1", "-p", "1", "-d")


def _two_entries_one_voided(thidua, url: str) -> tuple[str, ...]:
    add = _campaign_with_one_person(thidua, url)
    for day in ("2021-11-02", "2021-11-03"):
        thidua.ok("--db", url, *add, day)
    thidua.ok("--db", url, "void-entry", "1", "--reason", "Ghi nhầm")
    return add


def test_an_office_writes_while_another_office_holds_its_writer_lock(thidua, province):
    owner = province["owner"]
    agency_a = psycopg.connect(owner).execute("SELECT id FROM agency WHERE code = 'so-a'").fetchone()[0]
    with psycopg.connect(province["office_a"], autocommit=True) as held:
        held.execute("BEGIN")  # an office A writer in the middle of a long import, as thidua holds it
        held.execute("SELECT pg_advisory_xact_lock_shared(%s), pg_advisory_xact_lock(%s, %s)", (WRITE_LOCK, AGENCY_LOCK, agency_a))
        other_office = _entry(province["office_b"], "mb", "B1", "Sở B ghi trong lúc Sở A đang ghi")
        assert _finished(other_office, 60), "office B waited for office A"
        assert other_office.returncode == 0, other_office.stderr.read()
        # (started after: PostgreSQL queues a shared request behind an exclusive one already waiting)
        same_office = _entry(province["office_a"], "ma", "A1", "Sở A ghi sau người ghi trước của mình")
        whole_ledger = _thidua(owner, "subject", "add", "--code", "T1", "--name", "Lê Văn Tỉnh", "--kind", "individual")
        time.sleep(2)
        assert same_office.poll() is None  # office A's next writer waits for the one before it
        assert whole_ledger.poll() is None  # and whoever writes across every office waits for every office
        held.execute("COMMIT")
    for process in (same_office, whole_ledger):
        assert _finished(process, 60) and process.returncode == 0, process.stderr.read()
    for role in ("office_a", "office_b", "owner"):
        done = thidua("--db", province[role], "check")
        assert (done.exit_code, done.stderr) == (0, ""), (role, done.stderr)


def test_offices_writing_at_once_lose_nothing_and_every_chain_verifies(thidua, province, tmp_path):
    files = []
    for office, campaign, subject in (("office_a", "ma", "A1"), ("office_b", "mb", "B1")):
        rows = "".join(f"2021-11-{1 + n % 28:02d},{subject},TC1,1,Tệp {campaign} {n},\n" for n in range(300))
        path = tmp_path / f"{campaign}.csv"
        path.write_text("date,subject,criterion,points,note,evidence\n" + rows, encoding="utf-8")
        files.append((office, campaign, path))
    writers = [_entry(province[("office_a", "office_b")[n % 2]], ("ma", "mb")[n % 2], ("A1", "B1")[n % 2], f"người ghi {n}")
               for n in range(6)]
    writers += [_thidua(province[office], "import-entries", str(path), "--campaign", campaign, "--allow-near-duplicates")
                for office, campaign, path in files]
    # subjects of both offices at once: the changes that belong to no campaign share one chain
    writers += [_thidua(province[office], "subject", "add", "--code", f"{office}-{n}", "--name", f"Người {n}", "--kind",
                        "individual") for n in range(2) for office in ("office_a", "office_b")]
    for process in writers:
        assert _finished(process, 300) and process.returncode == 0, process.stderr.read()
    rows = server_rows(province["owner"])
    notes = [row[6] for row in rows["entry"] if row[6]]  # the fixture's six entries have no note
    assert len(rows["entry"]) == 6 + len(notes) and len(set(notes)) == len(notes) == 6 + 2 * 300  # none lost or doubled
    assert len({row[0] for row in rows["entry"]}) == len(rows["entry"])
    for role in ("office_a", "office_b", "tinh", "owner"):
        done = thidua("--db", province[role], "check")
        assert (done.exit_code, done.stderr) == (0, ""), (role, done.stderr)


def test_a_failed_import_on_the_server_gives_its_ids_back(thidua, pg_url, tmp_path):
    """The same files in the same order give the same ids as on a file, even after a refused import."""
    ids = {}
    for engine, url in (("sqlite", str(tmp_path / "so.db")), ("postgresql", pg_url)):
        thidua.ok("--db", url, "campaign", "load", str(thidua.write("mini.toml", MINI_CAMPAIGN)))
        thidua.ok("--db", url, "subject", "add", "--code", "NV1", "--name", "Nguyễn Văn An", "--kind", "individual")
        good = "".join(f"2021-11-{1 + n:02d},NV1,TC1,1,Dòng {n},\n" for n in range(20))
        bad = tmp_path / "loi.csv"
        bad.write_text("date,subject,criterion,points,note,evidence\n" + good + "2021-11-30,NV9,TC1,1,Không có người,\n",
                       encoding="utf-8")
        refused = thidua("--db", url, "import-entries", str(bad), "--campaign", "mini")
        assert refused.exit_code == 1 and "NV9" in refused.stderr
        thidua.ok("--db", url, "add-entry", "-c", "mini", "-s", "NV1", "-k", "TC1", "-p", "2", "-d", "2021-11-03")
        # an import tried first (the README's way), then made: its batch takes the number the dry run took
        fine = tmp_path / "dung.csv"
        fine.write_text("date,subject,criterion,points,note,evidence\n" + good, encoding="utf-8")
        thidua.ok("--db", url, "import-entries", str(fine), "--campaign", "mini", "--dry-run")
        made = thidua.ok("--db", url, "import-entries", str(fine), "--campaign", "mini")
        assert "Lần nhập số 1" in made.stderr, made.stderr
        listed = json.loads(thidua.ok("--db", url, "entries", "-c", "mini", "--format", "json").stdout)["entries"]
        batches = json.loads(thidua.ok("--db", url, "imports", "--format", "json").stdout)["imports"]
        ids[engine] = (sorted(entry["id"] for entry in listed), [batch["id"] for batch in batches])
        assert thidua("--db", url, "check").exit_code == 0
    assert ids["postgresql"] == ids["sqlite"] == (list(range(1, 22)), [1])


def test_ids_skipped_by_racing_writers_are_no_deletion_but_a_deleted_entry_still_is(thidua, pg_url, postgres_server):
    add = _campaign_with_one_person(thidua, pg_url)
    thidua.ok("--db", pg_url, *add, "2021-11-02")
    with psycopg.connect(pg_url) as other:  # a writer that reserved ids and then failed after someone else reserved
        other.execute("SELECT thidua_reserve_ids('entry', 5)")
        other.execute("SELECT thidua_reserve_ids('change_log', 3)")
        other.commit()
    for day in ("2021-11-03", "2021-11-04", "2021-11-05"):
        thidua.ok("--db", pg_url, *add, day)
    ids = [row[0] for row in postgres_server.rows(pg_url, "SELECT id FROM entry ORDER BY id")]
    assert ids == [1, 7, 8, 9]
    done = thidua("--db", pg_url, "check")
    assert (done.exit_code, done.stderr) == (0, ""), done.stderr
    with psycopg.connect(pg_url) as owner:  # someone with the owner's rights deletes an entry in the middle
        owner.execute("ALTER TABLE entry DISABLE TRIGGER USER")
        owner.execute("DELETE FROM entry WHERE id = 7")
        owner.execute("ALTER TABLE entry ENABLE TRIGGER USER")
        owner.commit()
    found = thidua("--db", pg_url, "check")
    assert found.exit_code == 1
    assert found.stdout.splitlines() == [
        "mục ghi số 8 không còn nối tiếp mục số 1 trong chuỗi băm của nó: có mục ở giữa đã bị xoá, hoặc mục số 1 đã bị "
        "thay ngoài thidua",
        "chuỗi băm mục ghi của phong trào mini: số mục ghi thidua đã ghi (4) không khớp số mục còn trong sổ (3)",
    ]
    assert found.stderr.startswith("Lỗi: sổ postgresql://") and "có 2 lỗi" in found.stderr


def test_a_schema_14_server_ledger_takes_its_ids_from_sequences_after_the_upgrade(thidua, pg_url, postgres_server):
    add = _two_entries_one_voided(thidua, pg_url)
    with psycopg.connect(pg_url) as connection:  # as version 14 left it: dense ids given by thidua, sequences unused
        connection.execute("DELETE FROM meta WHERE key LIKE '%\\_ids\\_from\\_sequence'")
        connection.execute("UPDATE meta SET value = '14' WHERE key = 'schema_version'")
        connection.execute("DROP FUNCTION thidua_reserve_ids(text, bigint)")
        connection.execute("DROP FUNCTION thidua_return_ids(text, bigint, bigint)")
        for table in ("entry", "void", "change_log"):
            connection.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 1, false)")
        changes = connection.execute("SELECT MAX(id) FROM change_log").fetchone()[0]
    upgraded = thidua.ok("--db", pg_url, "db", "upgrade")
    assert upgraded.stderr.startswith(f"Đã nâng cấp sổ {pg_url} từ lược đồ 14 lên {SCHEMA_VERSION}")
    thidua.ok("--db", pg_url, *add, "2021-11-04")
    thidua.ok("--db", pg_url, "void-entry", "2", "--reason", "Ghi nhầm")
    assert postgres_server.rows(pg_url, "SELECT id FROM entry ORDER BY id") == [(1,), (2,), (3,)]
    assert postgres_server.rows(pg_url, "SELECT id FROM void ORDER BY id") == [(1,), (2,)]
    assert dict(postgres_server.rows(pg_url, "SELECT key, value FROM meta WHERE key LIKE '%sequence'")) == {
        "entry_ids_from_sequence": "3", "void_ids_from_sequence": "2", "change_log_ids_from_sequence": str(changes + 1),
    }
    assert postgres_server.rows(pg_url, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(SCHEMA_VERSION),)]
    done = thidua("--db", pg_url, "check")
    assert (done.exit_code, done.stderr) == (0, ""), done.stderr


def test_a_file_copied_from_the_server_takes_every_kind_of_write(thidua, pg_url, tmp_path):
    """The server keeps no ledger-wide head in meta: a file made from it goes on after its newest records."""
    add = _two_entries_one_voided(thidua, pg_url)
    for copy in ("ban-chep.db", "ban-luu.db"):
        target = str(tmp_path / copy)
        thidua.ok("--db", pg_url, "db", "backup", target) if copy == "ban-luu.db" else thidua.ok("db", "copy", pg_url, target)
        thidua.ok("--db", target, "subject", "add", "--code", "NV2", "--name", "Trần Thị Bình", "--kind", "individual")
        thidua.ok("--db", target, "subject", "block", "NV2", "--reason", "Đang xem xét")
        thidua.ok("--db", target, *add, "2021-11-04")
        thidua.ok("--db", target, "void-entry", "2", "--reason", "Ghi nhầm")
        done = thidua("--db", target, "check")
        assert (done.exit_code, done.stdout, done.stderr) == (0, "", ""), (copy, done.stdout, done.stderr)
