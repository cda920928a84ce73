"""Creating and migrating the ledger schema.

- SQLModel (`tables.py`) is the source of truth: `ddl()` compiles its tables
  and indexes to SQLite DDL, which `create_schema` runs on the ledger's own
  stdlib connection, inside the caller's write transaction. Two processes
  creating the same new ledger at once therefore serialise on the SQLite lock:
  the second one finds the tables made and creates nothing.
- Schema changes are numbered functions (`MIGRATIONS`); `meta.schema_version`
  records the last one applied. A ledger from an older version is backed up,
  then migrated in one transaction (`Ledger.open`); one from a newer version
  is refused. A migrated ledger has exactly the schema of a new one (a test
  compares them).
- `meta` also keeps the head of each hash chain (`entry_chain`, `void_chain`:
  "id:hash" of the last record written by thidua), so that deleting the
  newest entry, or appending rows behind the tool's back, is detected by
  `thidua check` (`integrity.py`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

SCHEMA_VERSION = 11
APPLICATION = "thidua"
CHAIN_KEYS = {"entry": "entry_chain", "void": "void_chain"}


def ddl() -> list[str]:
    """CREATE TABLE / CREATE INDEX statements for the current schema, from the SQLModel tables."""
    from sqlalchemy.dialects import sqlite
    from sqlalchemy.schema import CreateIndex, CreateTable
    from sqlmodel import SQLModel

    from thidua_cli.storage import tables  # noqa: F401  (registers the tables)

    dialect = sqlite.dialect()
    statements = []
    for table in SQLModel.metadata.sorted_tables:
        statements.append(str(CreateTable(table).compile(dialect=dialect)).strip())
        for index in sorted(table.indexes, key=lambda i: i.name):
            statements.append(str(CreateIndex(index).compile(dialect=dialect)).strip())
    return statements


def has_tables(connection: sqlite3.Connection) -> bool:
    return connection.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] > 0


def create_schema(connection: sqlite3.Connection) -> None:
    """Create every table and index on an empty ledger; call inside a write transaction."""
    for statement in ddl():
        connection.execute(statement)
    connection.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?)",
        [
            ("schema_version", str(SCHEMA_VERSION)),
            ("application", APPLICATION),
            (CHAIN_KEYS["entry"], chain_head_text(0, None)),
            (CHAIN_KEYS["void"], chain_head_text(0, None)),
        ],
    )


def schema_version(connection: sqlite3.Connection) -> int | None:
    """The ledger's schema version; None when the file is not a thidua ledger."""
    try:
        row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return None
        raise
    if not row:
        return None
    try:
        return int(row[0])
    except (TypeError, ValueError):
        return None


def chain_head_text(last_id: int, last_hash: str | None) -> str:
    from thidua_cli.storage.hashchain import GENESIS

    return f"{last_id}:{last_hash or GENESIS}"


def read_chain_head(connection: sqlite3.Connection, table: str) -> tuple[int, str] | None:
    """(id, hash) of the last record thidua appended to `table`, or None if not recorded."""
    row = connection.execute("SELECT value FROM meta WHERE key = ?", (CHAIN_KEYS[table],)).fetchone()
    if row is None:
        return None
    text = str(row[0])
    number, _, digest = text.partition(":")
    try:
        return int(number), digest
    except ValueError:
        return None


def write_chain_head(connection: sqlite3.Connection, table: str, last_id: int, last_hash: str) -> None:
    connection.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (CHAIN_KEYS[table], chain_head_text(last_id, last_hash)),
    )


def _v2(connection: sqlite3.Connection) -> None:
    """Version 2: award history looked up by subject; hash-chain heads kept in `meta`."""
    connection.execute("CREATE INDEX IF NOT EXISTS ix_award_history_subject_id ON award_history (subject_id)")
    for table in CHAIN_KEYS:
        row = connection.execute(f"SELECT id, hash FROM {table} ORDER BY id DESC LIMIT 1").fetchone()
        write_chain_head(connection, table, row[0] if row else 0, row[1] if row else None)


def _v3(connection: sqlite3.Connection) -> None:
    """Version 3: each subject's name-order key (`name_order`), so standings order ties in SQL order."""
    from thidua_cli.storage.subjects import write_name_orders

    for statement in ddl():
        if statement.startswith("CREATE TABLE name_order "):
            connection.execute(statement)
    write_name_orders(connection, connection.execute("SELECT id, kind, name FROM subject"))


def _v4(connection: sqlite3.Connection) -> None:
    """Version 4: subjects keep their personal/unit details; award history keeps category, loại hình and year."""
    connection.execute("ALTER TABLE subject ADD COLUMN details VARCHAR NOT NULL DEFAULT '{}'")
    connection.execute("ALTER TABLE award_history ADD COLUMN category VARCHAR NOT NULL DEFAULT 'hinh-thuc'")
    connection.execute("ALTER TABLE award_history ADD COLUMN award_kind VARCHAR NOT NULL DEFAULT 'cong-trang'")
    connection.execute("ALTER TABLE award_history ADD COLUMN year INTEGER")
    connection.execute("UPDATE award_history SET year = CAST(substr(day, 1, 4) AS INTEGER) WHERE day IS NOT NULL")
    # history granted by a chuyên đề campaign is not công trạng (NĐ 152 Điều 4 k3)
    connection.execute(
        "UPDATE award_history SET award_kind = 'chuyen-de' WHERE campaign_id IN (SELECT id FROM campaign WHERE kind = 'chuyen-de')"
    )


def _v6(connection: sqlite3.Connection) -> None:
    """Version 6: decisions as records, one per deciding authority (award history links to them);
    rounds can be cancelled. Each earlier decision becomes a record: its history rows grouped by round,
    number, date and issuer."""
    from thidua_cli.storage.decisions import number_key

    for statement in ddl():
        if statement.startswith(("CREATE TABLE decision ", "CREATE INDEX ix_decision_")):
            connection.execute(statement)
    for column in ("cancelled_at", "cancelled_by", "cancel_reason"):
        connection.execute(f"ALTER TABLE round ADD COLUMN {column} VARCHAR")
    connection.execute("ALTER TABLE award_history ADD COLUMN decision_id INTEGER REFERENCES decision (id)")
    groups = connection.execute(
        "SELECT h.round_id, r.campaign_id, h.issuer, h.number, h.day, MIN(h.recorded_at) FROM award_history h "
        "JOIN round r ON r.id = h.round_id WHERE h.source = 'decision' AND h.day IS NOT NULL "
        "GROUP BY h.round_id, r.campaign_id, h.issuer, h.number, h.day ORDER BY MIN(h.id)"
    ).fetchall()
    for round_id, campaign_id, issuer, number, day, recorded_at in groups:
        cursor = connection.execute(
            "INSERT INTO decision (round_id, campaign_id, authority, number, number_key, day, recorded_at, recorded_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, '')",
            (round_id, campaign_id, issuer, number, number_key(number), day, recorded_at),
        )
        connection.execute(
            "UPDATE award_history SET decision_id = ? WHERE source = 'decision' AND round_id = ? AND issuer = ? "
            "AND number = ? AND day = ?",
            (cursor.lastrowid, round_id, issuer, number, day),
        )


def _v11(connection: sqlite3.Connection) -> None:
    """Version 11: registrations (đăng ký thi đua) and the Office's reviews of them.

    IF NOT EXISTS: a ledger rebuilt to an older version by hand (tests of the other steps do so) may keep them."""
    for statement in ddl():
        if statement.startswith(("CREATE TABLE registration ", "CREATE TABLE registration_review ")):
            connection.execute(statement.replace("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ", 1))
        elif statement.startswith("CREATE INDEX") and " ON registration" in statement:
            connection.execute(statement.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1))


# version -> function migrating from version-1 to version; all of them run inside one transaction
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    2: _v2,
    3: _v3,
    4: _v4,
    6: _v6,
    11: _v11,
}
