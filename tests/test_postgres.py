"""The standings SQL is portable: PostgreSQL runs the same statements and gives the same numbers.

The session's PostgreSQL server (tests/pg.py: initdb, pg_ctl and psql of the machine) gets the
example ledger's scoring tables in a database of its own, and each standings query of
storage/standings.py runs on both databases.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from thidua_cli.storage import standings as store

TABLES = ("agency", "campaign", "criterion", "subject", "name_order", "import_batch", "entry", "void")  # in key order


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
def both(tmp_path_factory, postgres_server):
    """The example ledger with three voids, and a PostgreSQL copy of its scoring tables."""
    from conftest import Thidua

    folder = tmp_path_factory.mktemp("postgres")
    (folder / "ledger").mkdir()
    thidua = Thidua(folder / "ledger")
    thidua.example()
    for entry_id in (1, 17, 60):
        thidua.ok("void-entry", str(entry_id), "--reason", "ghi nhầm")
    database = postgres_server.create_database()
    postgres_server.psql(_schema_and_rows(thidua.db), database)

    class OnServer:
        def run(self, sql: str) -> list[tuple]:
            return postgres_server.psql(sql, database)

    sqlite = sqlite3.connect(thidua.db)
    yield sqlite, OnServer()
    sqlite.close()


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
