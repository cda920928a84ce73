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
  "id:hash" of the last record written by thidua) and, next to it, the count
  of records the head covers (`entry_count`, `void_count`, schema version 9),
  so that deleting the newest entries, moving the head back, or appending rows
  behind the tool's back, is detected by `thidua check` (`integrity.py`)
  without trusting any one of these values alone.
"""

from __future__ import annotations

from thidua_cli.storage.dialect import new_id

import sqlite3
from collections.abc import Callable

SCHEMA_VERSION = 25
ARCHIVE_KEY = "archive_of_campaign"  # meta: the code of the one campaign a read-only file archives (`db copy --campaign`)
APPLICATION = "thidua"
CHAIN_KEYS = {"entry": "entry_chain", "void": "void_chain"}
COUNT_KEYS = {"entry": "entry_count", "void": "void_count"}


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
    connection.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", initial_meta())


def initial_meta() -> list[tuple[str, str]]:
    """The `meta` rows of a new, empty ledger (on either engine)."""
    return [
        ("schema_version", str(SCHEMA_VERSION)),
        ("application", APPLICATION),
        (CHAIN_KEYS["entry"], chain_head_text(0, None)),
        (CHAIN_KEYS["void"], chain_head_text(0, None)),
        (COUNT_KEYS["entry"], "0"),
        (COUNT_KEYS["void"], "0"),
        ("change_chain", chain_head_text(0, None)),  # schema version 12: the change log's head
        ("change_count", "0"),
        # schema version 14: every record is chained in its campaign's chain (`storage.chains`)
        *((f"{table}_campaign_chains_from", "1") for table in ("entry", "void", "change_log")),
    ]


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


def read_chain_count(connection: sqlite3.Connection, table: str) -> int | None:
    """How many records the head of `table`'s chain covers, or None if not recorded (or not a number)."""
    row = connection.execute("SELECT value FROM meta WHERE key = ?", (COUNT_KEYS[table],)).fetchone()
    if row is None:
        return None
    try:
        return int(str(row[0]))
    except ValueError:
        return None


def write_chain_head(connection: sqlite3.Connection, table: str, last_id: int, last_hash: str | None) -> None:
    """The head and the count it covers; ids are dense from 1 (append-only), so the count is the head's id."""
    connection.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [(CHAIN_KEYS[table], chain_head_text(last_id, last_hash)), (COUNT_KEYS[table], str(last_id))],
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


def _v5(connection: sqlite3.Connection) -> None:
    """Version 5: each import is a batch (file, SHA-256, rows, when, by whom); entries and award history name theirs."""
    for statement in ddl():
        if statement.startswith("CREATE TABLE import_batch ") or statement.startswith("CREATE INDEX ix_import_batch_"):
            connection.execute(statement)
    connection.execute("ALTER TABLE entry ADD COLUMN import_id INTEGER REFERENCES import_batch (id)")
    connection.execute("ALTER TABLE award_history ADD COLUMN import_id INTEGER REFERENCES import_batch (id)")


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
            "VALUES (?, ?, ?, ?, ?, ?, ?, '') RETURNING id",
            (round_id, campaign_id, issuer, number, number_key(number), day, recorded_at),
        )
        connection.execute(
            "UPDATE award_history SET decision_id = ? WHERE source = 'decision' AND round_id = ? AND issuer = ? "
            "AND number = ? AND day = ?",
            (new_id(cursor), round_id, issuer, number, day),
        )


def _v7(connection: sqlite3.Connection) -> None:
    """Version 7: award categories, `with` and prerequisites over years; yearly ratings."""
    import json

    connection.execute("ALTER TABLE award ADD COLUMN category VARCHAR NOT NULL DEFAULT 'hinh-thuc'")
    connection.execute("ALTER TABLE award ADD COLUMN with_awards VARCHAR NOT NULL DEFAULT '[]'")
    connection.execute("ALTER TABLE award ADD COLUMN prerequisites VARCHAR NOT NULL DEFAULT '[]'")
    for award_id, requires in connection.execute("SELECT id, requires FROM award").fetchall():
        items = [{"award": code} for code in json.loads(requires or "[]")]
        connection.execute("UPDATE award SET prerequisites = ? WHERE id = ?", (json.dumps(items, ensure_ascii=False), award_id))
    for statement in ddl():
        if statement.startswith(("CREATE TABLE rating ", "CREATE INDEX ix_rating_")):
            connection.execute(statement)


def _v8(connection: sqlite3.Connection) -> None:
    """Version 8: the register of outgoing documents, which numbers the dossier's tờ trình and biên bản."""
    for statement in ddl():
        if statement.startswith("CREATE TABLE document_number "):
            connection.execute(statement)


def _v9(connection: sqlite3.Connection) -> None:
    """Version 9: each chain head is stored with the count it covers; entries are sealed to codes.

    The backup `Ledger.open` takes before any migration keeps the version-8 file. Re-sealing
    rewrites every entry's hash, which would launder an edit made behind the tool's back, so it
    is done only when the whole old chain verifies, heads included; otherwise every row keeps
    seal 1 (its old hash, checked as before) and `thidua check` goes on naming the breaks.
    Rows added from now on carry seal 2 either way."""
    from thidua_cli.storage.integrity import reseal_entries, verify_chain

    connection.execute("ALTER TABLE entry ADD COLUMN seal INTEGER NOT NULL DEFAULT '1'")
    heads = {table: read_chain_head(connection, table) for table in CHAIN_KEYS}
    for table, head in heads.items():
        if head is not None:
            write_chain_head(connection, table, head[0], head[1])
    intact = (
        all(head is not None for head in heads.values())
        and not connection.execute("PRAGMA foreign_key_check(entry)").fetchall()
        and not any(True for table in CHAIN_KEYS for _ in verify_chain(connection, table))
    )
    if intact:
        reseal_entries(connection)


def _v11(connection: sqlite3.Connection) -> None:
    """Version 11: registrations (đăng ký thi đua) and the Office's reviews of them.

    IF NOT EXISTS: a ledger rebuilt to an older version by hand (tests of the other steps do so) may keep them."""
    for statement in ddl():
        if statement.startswith(("CREATE TABLE registration ", "CREATE TABLE registration_review ")):
            connection.execute(statement.replace("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ", 1))
        elif statement.startswith("CREATE INDEX") and " ON registration" in statement:
            connection.execute(statement.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1))


def _v12(connection: sqlite3.Connection) -> None:
    """Version 12: the change log (`storage.changelog`); the current state of every record that can
    decide an award is sealed as its first records."""
    from thidua_cli.storage.changelog import seal_all

    for statement in ddl():
        if statement.startswith(("CREATE TABLE change_log ", "CREATE INDEX ix_change_log_")):
            connection.execute(statement.replace("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ", 1).replace(
                "CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1))
    connection.executemany(
        "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", [("change_chain", chain_head_text(0, None)), ("change_count", "0")]
    )
    seal_all(connection, "nâng cấp sổ lên lược đồ 12 (niêm phong trạng thái hiện có)")


def _v13(connection: sqlite3.Connection) -> None:
    """Version 13: registrations and their reviews join the change log (they decide `requires_registration`);
    the ones already in the ledger are sealed as their first records."""
    from thidua_cli.storage.changelog import seal_all

    seal_all(connection, "nâng cấp sổ lên lược đồ 13 (niêm phong đăng ký thi đua hiện có)")


def _register_per_agency(connection) -> None:
    """The register's numbers become unique per agency, year and series (schema version 14), every number kept
    with agency 0. SQLite changes a unique key only by making the table again; the server alters it in place,
    which keeps the rights roles were granted on it."""
    from thidua_cli.storage.dialect import column_names, ddl as ddl_of, is_postgres

    if is_postgres(connection):
        connection.execute("ALTER TABLE document_number ADD COLUMN agency INTEGER DEFAULT 0 NOT NULL")
        for constraint, in connection.execute(
            "SELECT conname FROM pg_constraint WHERE conrelid = 'document_number'::regclass AND contype = 'u' "
            "AND pg_get_constraintdef(oid) = 'UNIQUE (year, series, number)'"
        ).fetchall():
            connection.execute(f'ALTER TABLE document_number DROP CONSTRAINT "{constraint}"')
        connection.execute("ALTER TABLE document_number ADD UNIQUE (agency, year, series, number)")
        return
    columns = ", ".join(column_names(connection, "document_number"))
    connection.execute("ALTER TABLE document_number RENAME TO document_number_before")
    for statement in ddl_of(connection):
        if statement.startswith("CREATE TABLE document_number "):
            connection.execute(statement)
    connection.execute(f"INSERT INTO document_number ({columns}, agency) SELECT {columns}, 0 FROM document_number_before")
    connection.execute("DROP TABLE document_number_before")


def _v14(connection: sqlite3.Connection) -> None:
    """Version 14: agencies sharing a province server (`agency`, `agency_role`, the `agency_id` of campaigns and
    subjects, a register of outgoing documents per agency), and one hash
    chain per campaign (`chain_head`, `storage.chains`) for the records written from now on. No hash is rewritten:
    the records before stay the one chain they were sealed in, and a code printed before still holds."""
    from thidua_cli.storage.chains import start_campaign_chains
    from thidua_cli.storage.changelog import seal_all
    from thidua_cli.storage.dialect import column_names, ddl as ddl_of, is_postgres

    for statement in ddl_of(connection):
        if statement.startswith(("CREATE TABLE agency ", "CREATE TABLE agency_role ", "CREATE TABLE chain_head ")):
            connection.execute(statement.replace("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ", 1))
    for table in ("campaign", "subject"):
        if "agency_id" not in column_names(connection, table):
            connection.execute(f"ALTER TABLE {table} ADD COLUMN agency_id INTEGER REFERENCES agency (id)")
    if "agency" not in column_names(connection, "document_number"):
        _register_per_agency(connection)
    if is_postgres(connection):
        from thidua_cli.storage.row_security import rls_statements

        for statement in rls_statements():
            connection.execute(statement)
    start_campaign_chains(connection)
    seal_all(connection, "nâng cấp sổ lên lược đồ 14 (cơ quan; chuỗi băm theo phong trào)")


def _v15(connection: sqlite3.Connection) -> None:
    """Version 15: on a shared server, the ids of entries, voids and changes come from sequences from now on,
    so that writers of different agencies no longer wait for each other (`storage.server_ids`); a file keeps
    its dense ids. Each import batch says which agency's office imported it (`import_batch.agency_id`)."""
    from thidua_cli.storage.dialect import column_names, is_postgres

    if "agency_id" not in column_names(connection, "import_batch"):
        connection.execute("ALTER TABLE import_batch ADD COLUMN agency_id INTEGER REFERENCES agency (id)")
    # an import of entries is the agency's whose campaign they went to
    connection.execute(
        "UPDATE import_batch SET agency_id = (SELECT MAX(c.agency_id) FROM entry e JOIN campaign c ON c.id = e.campaign_id "
        "WHERE e.import_id = import_batch.id) WHERE agency_id IS NULL"
    )
    if is_postgres(connection):
        from thidua_cli.storage import server_ids
        from thidua_cli.storage.row_security import rls_statements

        for statement in [*server_ids.functions(), *rls_statements()]:
            connection.execute(statement)
        server_ids.start(connection)


def _v16(connection: sqlite3.Connection) -> None:
    """Version 16: on a shared server, the numbers an import batch or registrations took are given back when the
    command fails or is a dry run (`server_ids.RETURNED_TABLES`), as the ids of entries already were. Nothing
    changes on a file."""
    from thidua_cli.storage.dialect import is_postgres

    if is_postgres(connection):
        from thidua_cli.storage import server_ids

        for statement in server_ids.functions():
            connection.execute(statement)


def _v17(connection: sqlite3.Connection) -> None:
    """Version 17: the index on `entry.fingerprint` goes. Its only reader, an import's duplicate lookup, finds
    the same rows through ix_entry_scoring (the fingerprint holds campaign, subject, criterion, day and points),
    and building it again after a big load took a third of the index rebuild (~1 s of 1,000,000 rows)."""
    connection.execute("DROP INDEX IF EXISTS ix_entry_fingerprint")


def _v20(connection: sqlite3.Connection) -> None:
    """Version 20: disciplinary measures (`discipline`), which the award rules `no_discipline` and
    `members_no_discipline` read; watched by the change log, and on a shared server kept like ratings (every office
    reads them, each writes its own subjects'), with the rights each role has on ratings."""
    from thidua_cli.storage.dialect import ddl as ddl_of, is_postgres, table_exists

    if not table_exists(connection, "discipline"):  # an earlier step that remade the tables made it already
        for statement in ddl_of(connection):
            if statement.startswith(("CREATE TABLE discipline ", "CREATE INDEX ix_discipline_")):
                connection.execute(statement)
    if is_postgres(connection):
        from thidua_cli.storage.changelog import ensure_server_triggers
        from thidua_cli.storage.row_security import rls_statements

        ensure_server_triggers(connection)  # made here by the owner: an office's role, writing first, could not
        for statement in rls_statements():
            connection.execute(statement)
        roles = connection.execute(
            "SELECT rolname, has_table_privilege(rolname, 'rating', 'INSERT') FROM pg_roles "
            "WHERE has_table_privilege(rolname, 'rating', 'SELECT') AND NOT rolsuper AND rolname NOT LIKE 'pg\\_%'"
        ).fetchall()
        sequence = connection.execute("SELECT pg_get_serial_sequence('discipline', 'id')").fetchone()[0]
        for role, writes in roles:
            quoted = '"' + role.replace('"', '""') + '"'
            connection.execute(f'GRANT {"SELECT, INSERT, UPDATE, DELETE" if writes else "SELECT"} ON discipline TO {quoted}')
            if writes and sequence:
                connection.execute(f"GRANT USAGE, SELECT ON SEQUENCE {sequence} TO {quoted}")


def _row_security_again(connection: sqlite3.Connection) -> None:
    """A server ledger's functions, triggers and policies made anew (`row_security.rls_statements`, idempotent);
    nothing in a file."""
    from thidua_cli.storage.dialect import is_postgres

    if is_postgres(connection):
        from thidua_cli.storage.row_security import rls_statements

        for statement in rls_statements():
            connection.execute(statement)


def _v21(connection: sqlite3.Connection) -> None:
    """Version 21: on a shared server, a decision correcting another is readable by every office, which could not
    tell that an award of another office's corrected decision was no longer in force (`row_security`). Nothing
    changes in a file."""
    _row_security_again(connection)


def _v22(connection: sqlite3.Connection) -> None:
    """Version 22: each award keeps the person's chức vụ (`award_history.position`), which the statistics split
    individuals by; they read today's position, so a promotion moved last year's awards to another row. Awards
    recorded before keep the position the person holds now (the best the ledger knows). The change log leaves the
    column out (`changelog.WATCHED`): nothing to seal."""
    from thidua_cli.storage.dialect import column_names

    if "position" not in column_names(connection, "award_history"):
        connection.execute("ALTER TABLE award_history ADD COLUMN position VARCHAR")
    connection.execute(
        "UPDATE award_history SET position = (SELECT s.position FROM subject s WHERE s.id = award_history.subject_id) "
        "WHERE position IS NULL"
    )


def _v23(connection: sqlite3.Connection) -> None:
    """Version 23: an import batch keeps the sheet it read (`import_batch.sheet`): a workbook kept a sheet a month was
    refused at its second sheet as the same file (it is known by its content)."""
    from thidua_cli.storage.dialect import column_names

    if "sheet" not in column_names(connection, "import_batch"):
        connection.execute("ALTER TABLE import_batch ADD COLUMN sheet VARCHAR")


def _v24(connection: sqlite3.Connection) -> None:
    """Version 24: on a shared server, an office could move another office's person to itself (`UPDATE subject SET
    agency_id = …`), or point another office's award history and ratings at its own people: the policies check a
    changed row only as it becomes. A trigger before each update (`thidua_guard_TABLE`) now holds the row as it was
    to the same rule. Nothing changes in a file."""
    _row_security_again(connection)


def _v25(connection: sqlite3.Connection) -> None:
    """Version 25: on a shared server, the office that took a merged office's campaigns (`db agency merge`) could not
    read the numbers the merged office's register gave their rounds' documents, and numbered them again (refused as
    a duplicate); the merged office could still renumber or delete them. An office now reads the numbers of its
    campaigns' rounds whatever register gave them, and changes only its own register's numbers of rounds of its own
    campaigns (`row_security`). Nothing changes in a file."""
    _row_security_again(connection)


# version -> function migrating from version-1 to version; all of them run inside one transaction
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    2: _v2,
    3: _v3,
    4: _v4,
    5: _v5,
    6: _v6,
    7: _v7,
    8: _v8,
    9: _v9,
    11: _v11,
    12: _v12,
    13: _v13,
    14: _v14,
    15: _v15,
    16: _v16,
    17: _v17,
    20: _v20,
    21: _v21,
    22: _v22,
    23: _v23,
    24: _v24,
    25: _v25,
}
