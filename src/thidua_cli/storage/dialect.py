"""The few things the two engines say differently: what the catalogue holds, and the change log's triggers.

Every query of the ledger is written once (see `pg_connection.py`); these functions are the
exceptions, each giving one answer on both engines: which tables and columns exist."""

from __future__ import annotations


def is_postgres(connection) -> bool:
    return getattr(connection, "engine", "sqlite") == "postgresql"


def table_names(connection) -> set[str]:
    if is_postgres(connection):
        rows = connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    else:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    return {row[0] for row in rows}


def table_exists(connection, table: str) -> bool:
    if is_postgres(connection):
        sql = "SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?"
    else:
        sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    return connection.execute(sql, (table,)).fetchone() is not None


def column_names(connection, table: str) -> list[str]:
    """The table's columns in their order in the table."""
    if is_postgres(connection):
        rows = connection.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = ? ORDER BY ordinal_position", (table,))
        return [row[0] for row in rows]
    return [row[1] for row in connection.execute(f'PRAGMA main.table_info("{table}")')]


def ddl(connection) -> list[str]:
    """The schema's CREATE statements in this connection's dialect."""
    if is_postgres(connection):
        from thidua_cli.storage.postgres import ddl as server_ddl

        return server_ddl()
    from thidua_cli.storage.schema import ddl as file_ddl

    return file_ddl()


def new_id(cursor) -> int:
    """The id an `INSERT … RETURNING id` gave (both engines; sqlite3's lastrowid has no PostgreSQL twin).
    The cursor is read to its end, so that SQLite finishes the statement before the transaction ends."""
    row = cursor.fetchone()
    cursor.fetchall()
    return int(row[0])


def streamed(connection, sql: str, parameters=()):
    """The rows of a large result as they come, memory flat: sqlite3's cursor steps row by row already;
    on the server they are fetched in batches instead of all at once."""
    if is_postgres(connection):
        return connection.stream(sql, parameters)
    return connection.execute(sql, parameters)
