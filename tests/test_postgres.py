"""The standings SQL is portable: PostgreSQL runs the same statements and gives the same numbers.

A real PostgreSQL server is started in a temporary folder (initdb, pg_ctl, psql of the machine,
run as the `postgres` user), the example ledger's scoring tables are copied into it, and each
standings query of storage/standings.py runs on both databases. Skipped where PostgreSQL is
not installed.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

import pytest

from thidua_cli.storage import standings as store

TABLES = ("campaign", "criterion", "subject", "name_order", "import_batch", "entry", "void")  # in key order
TOOLS = ("initdb", "pg_ctl", "psql", "runuser")


def _postgres_missing() -> str | None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        return f"no {', '.join(missing)}"
    if os.geteuid() != 0:
        return "needs root to run the server as the postgres user"
    if subprocess.run(["id", "postgres"], capture_output=True).returncode != 0:
        return "no postgres user"
    return None


pytestmark = pytest.mark.skipif(_postgres_missing() is not None, reason=f"PostgreSQL: {_postgres_missing()}")


class Postgres:
    def __init__(self, folder: Path):
        self.folder = folder
        self.data = folder / "data"

    def _as_postgres(self, *argv: str, **options) -> subprocess.CompletedProcess:
        done = subprocess.run(["runuser", "-u", "postgres", "--", *argv], capture_output=True, text=True, **options)
        assert done.returncode == 0, f"{argv[0]}: {done.stderr}"
        return done

    def start(self) -> None:
        self.folder.chmod(0o777)
        self._as_postgres("initdb", "-D", str(self.data), "-A", "trust", "-E", "UTF8", "--no-locale")
        options = f"-k {self.folder} -c listen_addresses='' -c fsync=off"
        self._as_postgres("pg_ctl", "-D", str(self.data), "-o", options, "-w", "-l", str(self.folder / "log"), "start")

    def stop(self) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", "pg_ctl", "-D", str(self.data), "-m", "immediate", "stop"],
                       capture_output=True)

    def run(self, sql: str) -> list[tuple]:
        """Rows of the last statement, each value an int, bytes, a string, or None."""
        done = self._as_postgres("psql", "-h", str(self.folder), "-d", "postgres", "-X", "-q", "-A", "-t", "-F", "\t",
                                 "-P", "null=NULL", "-v", "ON_ERROR_STOP=1", input=sql)
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


def _literal(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, bytes):
        return f"'\\x{value.hex()}'::bytea"
    return "'" + str(value).replace("'", "''") + "'"


def _bound(sql: str, parameters) -> str:
    """The statement with each ? replaced by its value, as psql has no parameters."""
    pieces = sql.split("?")
    assert len(pieces) == len(parameters) + 1
    return "".join(piece + (_literal(value) if index < len(parameters) else "") for index, (piece, value) in
                   enumerate(zip(pieces, [*parameters, None])))


def _schema_and_rows(ledger: Path) -> str:
    """CREATE TABLE statements in PostgreSQL's dialect from the SQLModel tables, then every row of the ledger."""
    from sqlalchemy.dialects import postgresql
    from sqlalchemy.schema import CreateIndex, CreateTable
    from sqlmodel import SQLModel

    from thidua_cli.storage import tables  # noqa: F401  (registers the tables)

    dialect = postgresql.dialect()
    statements = []
    connection = sqlite3.connect(ledger)
    for name in TABLES:
        table = SQLModel.metadata.tables[name]
        statements.append(str(CreateTable(table).compile(dialect=dialect)).strip() + ";")
        statements += [str(CreateIndex(index).compile(dialect=dialect)).strip() + ";" for index in table.indexes]
        booleans = {column.name for column in table.columns if column.type.python_type is bool}
        columns = [column.name for column in table.columns]
        quoted = ", ".join(f'"{column}"' for column in columns)
        for row in connection.execute(f"SELECT {', '.join(chr(34) + c + chr(34) for c in columns)} FROM {name}"):
            values = [bool(value) if column in booleans and value is not None else value for column, value in zip(columns, row)]
            statements.append(f'INSERT INTO "{name}" ({quoted}) VALUES ({", ".join(_literal(v) for v in values)});')
    connection.close()
    return "\n".join(statements)


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """The example ledger with three voids, and a PostgreSQL copy of its scoring tables."""
    from conftest import Thidua

    folder = tmp_path_factory.mktemp("postgres")
    (folder / "ledger").mkdir()
    thidua = Thidua(folder / "ledger")
    thidua.example()
    for entry_id in (1, 17, 60):
        thidua.ok("void-entry", str(entry_id), "--reason", "ghi nhầm")
    # not under pytest's folder: the postgres user may not enter it (mode 700, owned by the tester)
    server = Postgres(Path(tempfile.mkdtemp(prefix="thidua-postgres-")))
    try:
        server.start()
        server.run(_schema_and_rows(thidua.db))
        yield sqlite3.connect(thidua.db), server
    finally:
        server.stop()
        shutil.rmtree(server.folder, ignore_errors=True)


def test_the_sums_query_gives_the_same_rows_on_postgresql(both):
    sqlite, postgres = both
    ids = [row[0] for row in sqlite.execute("SELECT id FROM criterion ORDER BY position")]
    for period, short in ((None, False), (("2021-10-15", "2022-05-31"), False), (("2021-12-01", "2021-12-31"), True)):
        branch = (*ids, 1, *(period or ()))
        query, parameters = store.sums_sql(len(ids), period is not None, short), branch + branch
        expected = sorted(sqlite.execute(query, parameters).fetchall())
        assert expected, period
        assert sorted(postgres.run(_bound(query, parameters) + ";")) == expected, period


def test_the_extent_subjects_and_recount_queries_run_on_postgresql(both):
    sqlite, postgres = both
    extent = sqlite.execute(store._EXTENT_SQL, (1, 1)).fetchone()
    assert postgres.run(_bound(store._EXTENT_SQL, (1, 1)) + ";") == [extent]

    ordered = "SELECT s.code, o.sort_key FROM subject s LEFT JOIN name_order o ON o.subject_id = s.id WHERE s.active ORDER BY o.sort_key, s.id"
    assert postgres.run(ordered + ";") == sqlite.execute(ordered).fetchall()  # bytea orders byte by byte, as a BLOB

    codes = ["TC1", "TC2", "VPH"]
    recount_sql = store.RECOUNT_SQL.format(marks=", ".join("?" for _ in codes))
    for subject_id in (1, 7, 30):
        parameters = (1, subject_id, "2021-10-15", "2022-05-31", *codes)
        assert postgres.run(_bound(recount_sql, parameters) + ";") == [sqlite.execute(recount_sql, parameters).fetchone()]
