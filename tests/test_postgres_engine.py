"""PostgreSQL as a second engine, so far: choosing it by URL, `db status`, `db init`, `db copy` (issue 12).

Everything here runs against the session's real server (tests/pg.py), never a mock.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import psycopg
import pytest
from conftest import EXAMPLE, Thidua, assert_refused

from thidua_cli.storage.schema import SCHEMA_VERSION


def server_rows(url: str) -> dict[str, list[tuple]]:
    """Every row of every table in the database's schema, in key order, by table."""
    with psycopg.connect(url) as connection:
        tables = [row[0] for row in connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")]
        return {table: connection.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall() for table in tables}


def ledger_rows(path: Path) -> dict[str, list[tuple]]:
    connection = sqlite3.connect(path)
    try:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {table: connection.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall() for table in tables}
    finally:
        connection.close()


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Thidua:
    """The example ledger with a void, a round with votes and a decision: every kind of row."""
    thidua = Thidua(tmp_path_factory.mktemp("example"))
    thidua.example()
    thidua.ok("void-entry", "5", "--reason", "ghi nhầm")
    return thidua


def test_a_password_in_the_url_is_refused_before_any_connection(thidua, monkeypatch):
    result = assert_refused(thidua, ["--db", "postgresql://van_phong:bi-mat@localhost/thidua", "db", "status"],
                            "--db: địa chỉ PostgreSQL không được chứa mật khẩu", code=2)
    assert "PGPASSWORD" in result.stderr and "bi-mat" not in result.stderr
    assert len(result.stderr.splitlines()) == 2  # the Lỗi: line and its Gợi ý:
    assert_refused(thidua, ["--db", "postgresql://van_phong@localhost/thidua?password=bi-mat", "db", "init"],
                   "không được chứa mật khẩu", code=2)
    monkeypatch.setenv("THIDUA_DB", "postgres://van_phong:bi-mat@localhost/thidua")
    from typer.testing import CliRunner

    from thidua_cli.cli import app

    result = CliRunner().invoke(app, ["db", "status"])
    assert result.exit_code == 2 and result.stderr.startswith("Lỗi: biến THIDUA_DB: địa chỉ PostgreSQL không được chứa mật khẩu")


def test_every_command_on_an_unreachable_server_is_one_line(thidua):
    """The commands run on PostgreSQL now; a server that cannot be reached is one line, nothing written."""
    campaign = str(EXAMPLE / "campaign.toml")
    for command in (["subject", "list"], ["campaign", "load", campaign], ["check"], ["db", "backup", "b.db"]):
        result = assert_refused(thidua, ["--db", "postgresql://van_phong@/thidua?host=/khong-co", *command],
                                "sổ PostgreSQL postgresql://van_phong@/thidua?host=/khong-co: máy chủ không nhận kết nối "
                                "(chưa chạy, sai cổng, hoặc sai thư mục socket)")
        assert "không có thư mục" not in result.stderr
        assert not Path("b.db").exists()


def test_without_psycopg_the_hint_names_the_extra(thidua, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if `thidua-cli[postgres]` were not installed
    result = assert_refused(thidua, ["--db", "postgresql://van_phong@/thidua?host=/khong-co", "db", "status"],
                            "chưa cài trình kết nối PostgreSQL (psycopg)")
    assert "pip install 'thidua-cli[postgres]'" in result.stderr


def test_db_path_prints_the_url(thidua):
    url = "postgresql://van_phong@may-chu:5433/thidua"
    assert thidua.ok("--db", url, "db", "path").stdout == url + "\n"


def test_an_unreachable_server_is_one_line(thidua):
    result = assert_refused(thidua, ["--db", "postgresql://van_phong@/thidua?host=/khong-co-thu-muc", "db", "status"],
                            "máy chủ không nhận kết nối")
    assert len(result.stderr.splitlines()) == 2


def test_db_init_creates_the_schema_and_status_shows_engine_and_versions(thidua, pg_url):
    before = json.loads(thidua.ok("--db", pg_url, "db", "status", "--format", "json").stdout)
    assert before["engine"] == "PostgreSQL" and before["schema_version"] is None
    assert before["server_version"].split()[0].split(".")[0].isdigit()
    assert "chưa có lược đồ" in thidua.ok("--db", pg_url, "db", "status").stdout

    result = thidua.ok("--db", pg_url, "db", "init")
    assert f"Đã tạo lược đồ sổ thi đua (phiên bản {SCHEMA_VERSION})" in result.stderr
    rows = server_rows(pg_url)
    from thidua_cli.storage.postgres import sorted_tables

    assert set(rows) == {table.name for table in sorted_tables()}
    assert dict(rows["meta"])["schema_version"] == str(SCHEMA_VERSION)
    assert all(not table_rows for name, table_rows in rows.items() if name != "meta")
    with psycopg.connect(pg_url) as connection:
        indexes = {row[0] for row in connection.execute("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")}
    assert {"ix_entry_scoring", "ix_subject_match_key"} <= indexes

    after = json.loads(thidua.ok("--db", pg_url, "db", "status", "--format", "json").stdout)
    assert (after["schema_version"], after["schema_current"]) == (SCHEMA_VERSION, SCHEMA_VERSION)
    assert after["counts"] == dict.fromkeys(("campaigns", "subjects", "entries", "voids", "rounds", "awards", "corrected_awards"), 0)
    table = thidua.ok("--db", pg_url, "db", "status").stdout
    for label in ("Hệ quản trị", "PostgreSQL", "Phiên bản máy chủ", "Phiên bản lược đồ"):
        assert label in table

    result = thidua("--db", pg_url, "db", "init")
    assert result.exit_code == 1 and result.stderr.startswith("Lỗi: sổ PostgreSQL") and "đã có lược đồ" in result.stderr
    assert server_rows(pg_url) == rows


def test_a_server_holding_a_newer_schema_is_refused(thidua, pg_url, example):
    thidua.ok("--db", pg_url, "db", "init")
    with psycopg.connect(pg_url) as connection:
        connection.execute("UPDATE meta SET value = %s WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    before = server_rows(pg_url)
    for command in (["--db", pg_url, "db", "init"], ["--db", pg_url, "db", "status"], ["db", "copy", str(example.db), pg_url],
                    ["db", "copy", pg_url, str(thidua.folder / "ve.db")]):
        result = thidua(*command)
        assert result.exit_code == 1, result.stderr
        assert result.stderr.startswith("Lỗi: sổ ") and f"lược đồ {SCHEMA_VERSION + 1}" in result.stderr
        assert "mới hơn" in result.stderr and "Traceback" not in result.stderr
    assert server_rows(pg_url) == before
    assert not (thidua.folder / "ve.db").exists()


def test_db_init_is_only_for_postgresql(thidua):
    assert_refused(thidua, ["db", "init"], "db init chỉ dùng cho sổ PostgreSQL", code=2)
    assert not thidua.db.exists()


def test_copy_sqlite_to_postgresql_and_back_keeps_every_row(thidua, example, postgres_server):
    url = postgres_server.new_database()
    source_digest = hashlib.sha256(example.db.read_bytes()).hexdigest()
    result = thidua.ok("db", "copy", str(example.db), url)
    assert "Đã chép sổ" in result.stderr and "mục ghi" in result.stderr
    assert hashlib.sha256(example.db.read_bytes()).hexdigest() == source_digest  # the source is only read

    original = ledger_rows(example.db)
    on_server = server_rows(url)
    assert set(on_server) == set(original)
    # on the server the ids of the chained tables come from sequences after the copied ones (schema version 15):
    # meta says where the dense ids end; nothing else differs
    dense_ends = {(f"{table}_ids_from_sequence", str(max((row[0] for row in original[table]), default=0) + 1))
                  for table in ("entry", "void", "change_log")}
    assert set(on_server["meta"]) == set(original["meta"]) | dense_ends
    assert {name: len(rows) for name, rows in on_server.items() if name != "meta"} == \
        {name: len(rows) for name, rows in original.items() if name != "meta"}
    assert len(original["entry"]) > 100 and original["void"]
    status = json.loads(thidua.ok("--db", url, "db", "status", "--format", "json").stdout)
    assert status["counts"]["entries"] == len(original["entry"]) and status["schema_version"] == SCHEMA_VERSION

    # the server numbers the next rows after the copied ones
    with psycopg.connect(url) as connection:
        for table in ("entry", "subject", "campaign", "void"):
            following = connection.execute(f"SELECT nextval(pg_get_serial_sequence('{table}', 'id'))").fetchone()[0]
            assert following == max(row[0] for row in original[table]) + 1, table
        connection.rollback()

    back = thidua.folder / "ve-lai.db"
    thidua.ok("db", "copy", url, str(back))
    copied_back = ledger_rows(back)
    assert set(copied_back.pop("meta")) == set(original["meta"]) | dense_ends
    assert copied_back == {name: rows for name, rows in original.items() if name != "meta"}
    assert sorted(p.name for p in thidua.folder.iterdir() if p.name.startswith((".ve-lai", "ve-lai"))) == ["ve-lai.db"]
    checked = thidua("--db", str(back), "check")
    assert checked.exit_code == 0, checked.stderr
    scores = [thidua.ok("--db", str(ledger), "score", "--format", "json").stdout for ledger in (example.db, back)]
    assert scores[0] == scores[1]


def test_copy_refuses_a_non_empty_postgresql_destination(thidua, example, pg_url):
    thidua.ok("db", "copy", str(example.db), pg_url)
    before = server_rows(pg_url)
    result = thidua("db", "copy", str(example.db), pg_url)
    assert result.exit_code == 1
    assert result.stderr.startswith("Lỗi: sổ đích postgresql://") and "không trống (đã có dữ liệu ở bảng " in result.stderr
    assert "campaign" in result.stderr.splitlines()[0]
    assert server_rows(pg_url) == before


def test_copy_into_a_database_prepared_by_db_init(thidua, example, pg_url):
    thidua.ok("--db", pg_url, "db", "init")
    thidua.ok("db", "copy", str(example.db), pg_url)
    original = ledger_rows(example.db)
    # the source's meta replaces what db init wrote, plus where the dense ids end (schema version 15)
    dense_ends = {(f"{table}_ids_from_sequence", str(max((row[0] for row in original[table]), default=0) + 1))
                  for table in ("entry", "void", "change_log")}
    assert set(server_rows(pg_url)["meta"]) == set(original["meta"]) | dense_ends
    assert thidua("--db", pg_url, "check").exit_code == 0


def test_copy_refuses_an_existing_sqlite_destination(thidua, example, pg_url):
    thidua.ok("db", "copy", str(example.db), pg_url)
    target = thidua.folder / "da-co.db"
    target.write_bytes(b"tep cua nguoi khac")
    result = thidua("db", "copy", pg_url, str(target))
    assert result.exit_code == 1 and result.stderr.startswith(f"Lỗi: sổ đích {target} không trống")
    assert target.read_bytes() == b"tep cua nguoi khac"


def test_copy_refuses_sqlite_to_sqlite_and_a_missing_source(thidua, example):
    result = thidua("db", "copy", str(example.db), str(thidua.folder / "khac.db"))
    assert result.exit_code == 1 and "thidua db backup" in result.stderr
    assert not (thidua.folder / "khac.db").exists()
    result = thidua("db", "copy", str(thidua.folder / "khong-co.db"), "postgresql://van_phong@/thidua?host=/khong-co")
    assert result.exit_code == 1 and result.stderr.startswith("Lỗi: chưa có sổ thi đua tại")


def test_a_failed_copy_leaves_the_postgresql_destination_empty(thidua, example, pg_url, tmp_path):
    broken = tmp_path / "hong.db"
    broken.write_bytes(example.db.read_bytes())
    connection = sqlite3.connect(broken)
    last = connection.execute("SELECT MAX(id) FROM entry").fetchone()[0]
    connection.execute("UPDATE entry SET points = 'không phải số' WHERE id = ?", (last,))  # PostgreSQL's INTEGER refuses it
    connection.commit()
    connection.close()
    result = thidua("db", "copy", str(broken), pg_url)
    assert result.exit_code == 1, result.stderr
    assert result.stderr.startswith("Lỗi: không ghi được sổ postgresql://") and "sổ đích giữ nguyên" in result.stderr
    assert "Traceback" not in result.stderr
    assert server_rows(pg_url) == {}  # not even the tables: the schema was made in the same transaction


def test_a_failed_copy_into_a_db_init_database_leaves_it_as_it_was(thidua, example, pg_url, tmp_path):
    thidua.ok("--db", pg_url, "db", "init")
    before = server_rows(pg_url)
    broken = tmp_path / "hong.db"
    broken.write_bytes(example.db.read_bytes())
    connection = sqlite3.connect(broken)
    connection.execute("UPDATE entry SET points = 'không phải số' WHERE id = 3")
    connection.commit()
    connection.close()
    assert thidua("db", "copy", str(broken), pg_url).exit_code == 1
    assert server_rows(pg_url) == before


@pytest.mark.parametrize("ci, code, said", [("true", 1, "CI=true: thiếu máy chủ là lỗi, không bỏ qua"), ("", 0, "1 skipped")])
def test_a_missing_server_fails_under_ci_and_is_skipped_elsewhere(ci, code, said, tmp_path):
    import os
    import subprocess
    import sys

    tests = Path(__file__).resolve().parent
    environment = {**os.environ, "PATH": str(tmp_path), "CI": ci}  # no initdb, pg_ctl nor psql on PATH
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs",
         f"{tests / 'test_postgres.py'}::test_the_sums_query_gives_the_same_rows_on_postgresql"],
        capture_output=True, text=True, env=environment, cwd=tests.parent,
    )
    assert done.returncode == code, done.stdout + done.stderr
    assert said in done.stdout and "không có initdb, pg_ctl, psql trên PATH" in done.stdout


def test_a_role_or_host_that_does_not_exist_is_named_in_vietnamese(thidua, pg_url):
    missing = pg_url.replace("postgres@", "vp_so_khnc@")
    result = assert_refused(thidua, ["--db", missing, "score"], 'máy chủ không có vai trò (người dùng) "vp_so_khnc"')
    assert "Gợi ý: kiểm tra tên người dùng trong địa chỉ" in result.stderr and "does not exist" not in result.stderr
