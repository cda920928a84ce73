"""A real PostgreSQL server for the tests: initdb and pg_ctl on a unix socket in a temporary folder.

One server per test session (`postgres_server` in conftest.py); each test that needs a ledger on it
takes a fresh, empty database (`PostgresServer.new_database`). When root runs the tests, the server
runs as the `postgres` user (PostgreSQL refuses root). Where PostgreSQL or psycopg is missing the
tests are skipped, except under CI=true, where that is a failure (.ci/run installs the server).
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

TOOLS = ("initdb", "pg_ctl", "psql")
USER = "postgres"  # the server's superuser, whoever runs the server


def missing() -> str | None:
    """Why no server can be started here, or None."""
    absent = [tool for tool in TOOLS if shutil.which(tool) is None]
    if absent:
        return f"không có {', '.join(absent)} trên PATH"
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            return "chạy bằng root nhưng không có runuser"
        if subprocess.run(["id", USER], capture_output=True).returncode != 0:
            return "chạy bằng root nhưng không có người dùng postgres"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "chưa cài psycopg (pip install -e '.[test]')"
    return None


def unavailable(reason: str) -> None:
    """Skip, or fail under CI=true: CI installs PostgreSQL, so a missing server there is a broken set-up."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL: {reason} (CI=true: thiếu máy chủ là lỗi, không bỏ qua)", pytrace=False)
    pytest.skip(f"PostgreSQL: {reason}")


class PostgresServer:
    def __init__(self, folder: Path):
        self.folder = folder
        self.data = folder / "data"
        self._numbers = itertools.count(1)

    def _command(self, *argv: str) -> list[str]:
        return ["runuser", "-u", USER, "--", *argv] if os.geteuid() == 0 else list(argv)

    def _run(self, *argv: str, **options) -> subprocess.CompletedProcess:
        done = subprocess.run(self._command(*argv), capture_output=True, text=True, **options)
        assert done.returncode == 0, f"{argv[0]}: {done.stderr}"
        return done

    def start(self) -> None:
        self.folder.chmod(0o777)
        self._run("initdb", "-D", str(self.data), "-U", USER, "-A", "trust", "-E", "UTF8", "--no-locale")
        options = f"-k {self.folder} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-w", "-l", str(self.folder / "log"), "start")

    def stop(self) -> None:
        subprocess.run(self._command("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop"), capture_output=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}@/{database}?host={self.folder}"

    def create_database(self) -> str:
        """The name of a new, empty database."""
        import psycopg

        name = f"thu_{next(self._numbers)}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        return name

    def new_database(self) -> str:
        """The URL of a new, empty database of its own."""
        return self.url(self.create_database())

    def rows(self, url: str, sql: str) -> list[tuple]:
        import psycopg

        with psycopg.connect(url) as connection:
            return connection.execute(sql).fetchall()

    def psql(self, sql: str, database: str = "postgres") -> list[tuple]:
        """Rows of the last statement run by psql itself, each value an int, bytes, a string, or None."""
        done = self._run("psql", "-h", str(self.folder), "-U", USER, "-d", database, "-X", "-q", "-A", "-t",
                         "-F", "\t", "-P", "null=NULL", "-v", "ON_ERROR_STOP=1", input=sql)
        return [tuple(_value(cell) for cell in line.split("\t")) for line in done.stdout.splitlines() if line]


def _value(cell: str):
    if cell == "NULL":
        return None
    if cell.startswith("\\x"):
        return bytes.fromhex(cell[2:])
    try:
        return int(cell)
    except ValueError:
        return cell


def started_server():
    """Start a server (or skip/fail with the reason); yields it and stops it afterwards."""
    reason = missing()
    if reason:
        unavailable(reason)
    # not under pytest's folder: the postgres user may not enter it (mode 700, owned by the tester)
    server = PostgresServer(Path(tempfile.mkdtemp(prefix="thidua-postgres-")))
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.folder, ignore_errors=True)
