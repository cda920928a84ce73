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
        # the catalogue, not information_schema: a role without rights on a table (an office on
        # `agency_role`) still sees its columns there
        rows = connection.execute(
            "SELECT a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
            "WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ? AND a.attnum > 0 "
            "AND NOT a.attisdropped ORDER BY a.attnum", (table,))
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


def append_rows(connection, table: str, columns: tuple[str, ...], rows) -> None:
    """Many new rows at once: one `executemany` on SQLite, `COPY` on the server (the bulk path of each)."""
    if is_postgres(connection) and not _row_security_active(connection, table):
        connection.copy_rows(table, columns, rows)
        return
    marks = ", ".join("?" for _ in columns)
    connection.executemany(f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({marks})', rows)


def _row_security_active(connection, table: str) -> bool:
    """Whether row-level security holds this role on `table` (PostgreSQL refuses COPY into such a table:
    an office's rows are then appended by INSERT, checked row by row against its policy)."""
    return bool(connection.execute("SELECT row_security_active(?)", (table,)).fetchone()[0])


def sees_every_row(connection) -> bool:
    """Whether this connection reads every row of the ledger: always on a file; on a shared server,
    unless row-level security keeps this role to its own agency (`postgres.rls_statements`)."""
    if not is_postgres(connection):
        return True
    from thidua_cli.storage.row_security import role_sees_all

    return role_sees_all(connection)


def archived_campaign(connection) -> str | None:
    """The code of the one campaign a file archives (`db copy … --campaign`), None for a whole ledger."""
    from thidua_cli.storage.schema import ARCHIVE_KEY

    if is_postgres(connection):
        return None
    row = connection.execute("SELECT value FROM meta WHERE key = ?", (ARCHIVE_KEY,)).fetchone()
    return row[0] if row else None


def judges_whole_ledger(connection) -> bool:
    """Whether `check` judges the whole ledger here — the gaps between ids, the old single chain, the ledger-wide
    heads: it reads every row (`sees_every_row`) and the file is not one campaign's archive, which holds, as an
    office does on the server, its campaign's rows and the province's shared records only."""
    return sees_every_row(connection) and archived_campaign(connection) is None


def writing_agency(connection) -> int:
    """The agency whose register of outgoing documents this connection numbers: 0 on a file (one office),
    on a shared server the agency of the role (`agency_role`), 0 for a role that has none."""
    if not is_postgres(connection) or connection.execute("SELECT to_regproc('thidua_role_agency')").fetchone()[0] is None:
        return 0
    return int(connection.execute("SELECT COALESCE(thidua_role_agency(current_user), 0)").fetchone()[0])


def own_subjects(connection, alias: str = "s") -> tuple[str, tuple]:
    """(" AND …", parameters) keeping a query to the subjects of this role's agency and those of none, for a role
    held to one agency on a shared server (it reads every agency's subjects, but its statistics and warnings are
    about its own people); nothing on a file or for a role that reads every agency."""
    if sees_every_row(connection):
        return "", ()
    return f" AND ({alias}.agency_id IS NULL OR {alias}.agency_id = ?)", (writing_agency(connection) or None,)


# An award-history row (alias h, its subject s) an office reports (`stats`, `db status`): the awards of its own
# campaigns — a person it proposed who moved to another office since stays in its figures —, and outside any
# campaign those of its own subjects and of subjects of none. Its own campaigns are those it reads (row security).
OWN_AWARDS = ("((h.campaign_id IS NULL AND (s.agency_id IS NULL OR s.agency_id = {agency})) "
              "OR h.campaign_id IN (SELECT id FROM campaign))")


def own_awards(connection) -> tuple[str, tuple]:
    """(" AND …", parameters) keeping a query of award history (h, s) to the rows this role's agency reports
    (`OWN_AWARDS`); nothing on a file or for a role that reads every agency."""
    if sees_every_row(connection):
        return "", ()
    return " AND " + OWN_AWARDS.format(agency="?"), (writing_agency(connection) or None,)
