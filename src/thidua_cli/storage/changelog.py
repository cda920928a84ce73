"""The change log: every change to a record that can decide an award, hash-chained like the entries.

Design:
- `WATCHED` names the tables (campaign definition, subjects, award history, rounds, decisions,
  voids) and how each record is keyed. Entries are not here: they have their own chain.
- `Ledger.write()` calls `watch()` before a transaction and `seal()` at its end. `watch()` puts
  TEMP triggers on this connection only (never in the file), which note the key and the state
  before the transaction of each record the transaction touches. `seal()` then appends one
  `change_log` row per record whose state moved: before (the last sealed state), after, command,
  who, when, chained by hash; `meta.change_chain`/`change_count` hold the head. No table is
  scanned at write time.
- A record edited behind thidua's back is never sealed by a later thidua write: if the state a
  transaction found differs from the last sealed one, the write is refused.
- `verify()` (for `thidua check`) replays the log once (last `after` per record) and compares it
  with one pass over each watched table: linear in the rows.
- A migration that adds a column to a watched table must call `seal_all()` after it: the state of
  every row gains a key, and `check` would otherwise name each row as changed.
- `verification_code()` prints the chain heads of entries, voids and the change log plus the
  round; `code_status()` says whether the ledger still holds that state.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from contextlib import contextmanager
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

from thidua_cli.errors import ThiduaError, UsageError
from thidua_cli.storage.dialect import column_names, is_postgres, table_exists
from thidua_cli.storage.hashchain import GENESIS

CHAIN_KEY = "change_chain"
COUNT_KEY = "change_count"
_DIGEST_FUNCTION = "thidua_digest"


@dataclass(frozen=True)
class Watched:
    table: str
    key: tuple[str, ...]  # columns making the record key ("id", or a natural key where rows are replaced)
    skip: tuple[str, ...] = ()  # derived or bulky columns that decide nothing
    digested: tuple[str, ...] = ()  # long JSON columns kept as a SHA-256 in the log
    since: int = 12  # the schema version whose migration sealed the table's rows first


WATCHED = (
    Watched("campaign", ("id",), skip=("source", "loaded_at")),
    Watched("criterion", ("id",)),
    # rewritten as delete + insert on each campaign load: keyed by what names them, not by row id
    Watched("tier", ("campaign_id", "name")),
    Watched("award", ("campaign_id", "code")),
    Watched("base_salary", ("campaign_id", "start")),
    # agency_id: which office keeps the subject on a shared server, held there by row-level security;
    # not a fact of the award, and sealing it would log every subject of a ledger once at schema 14
    Watched("subject", ("id",), skip=("match_key", "fold_key", "created_at", "agency_id")),
    # position: the chức vụ the statistics count an award by (schema 22), filled for the awards before it by the
    # migration; no fact of the award, and sealing it would log every award of a ledger once
    Watched("award_history", ("id",), skip=("position",)),
    Watched("round", ("id",), digested=("result", "votes")),
    Watched("decision", ("id",), skip=("number_key",)),
    Watched("void", ("id",)),
    Watched("rating", ("id",)),  # yearly ratings decide prerequisites over years
    # requires_registration: an approved registration decides who may be proposed (schema 13)
    Watched("registration", ("id",), since=13),
    Watched("registration_review", ("id",), since=13),
    Watched("discipline", ("id",), since=20),  # disciplinary measures bar danh hiệu (no_discipline conditions)
)
WATCHED_BY_TABLE = {w.table: w for w in WATCHED}

_context: dict[str, str | None] = {"command": None, "by": None, "role": None}


def set_context(command: str | None, by: str | None = None) -> None:
    """The command this process writes for (set once by the CLI as it starts a command; forgets any earlier `by`
    and server role)."""
    _context["command"] = command
    _context["by"] = by
    _context["role"] = None


def set_recorder(by: str) -> None:
    """The person a command records as (its --by), named in the change log too."""
    _context["by"] = by


def set_server_role(role: str | None) -> None:
    """The PostgreSQL role the ledger's server knows this process as: who writes, on a shared server."""
    _context["role"] = role


def current_command() -> str:
    """The command this process runs, as the change log names it ("db agency add", "record-decision")."""
    return _command()


def _command() -> str:
    if _context["command"]:
        return str(_context["command"])
    import sys

    click = sys.modules.get("click")
    context = click.get_current_context(silent=True) if click else None
    if context is not None:
        words = context.command_path.split()
        return " ".join(words[1:]) or words[0]
    return "không rõ lệnh"


def recorder() -> str:
    """Who a write is recorded as: --by, else THIDUA_USER, else the PostgreSQL role the server checks the rights
    of (on a shared server the login of this computer names nobody the province knows), else that login."""
    if _context["by"]:
        return str(_context["by"])
    configured = (os.environ.get("THIDUA_USER") or "").strip()
    if configured:
        return configured
    if _context["role"]:
        return str(_context["role"])
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name on this system
        return "không rõ"


def digest_text(value) -> str | None:
    if value is None:
        return None
    return "sha256:" + hashlib.sha256(str(value).encode("utf-8")).hexdigest()


def register_functions(connection) -> None:
    if not is_postgres(connection):
        connection.create_function(_DIGEST_FUNCTION, 1, digest_text, deterministic=True)


def has_change_log(connection) -> bool:
    return table_exists(connection, "change_log")


def _columns(connection, watched: Watched) -> list[str]:
    return [column for column in column_names(connection, watched.table) if column != "id" and column not in watched.skip]


def state_text(watched: Watched, columns: list[str], values) -> str:
    """A record's state as the log keeps it: compact JSON of its columns in table order (the text
    SQLite's json_object gives), long columns as a SHA-256. The same text on both engines."""
    state = {column: digest_text(value) if column in watched.digested else value for column, value in zip(columns, values)}
    return json.dumps(state, ensure_ascii=False, separators=(",", ":"))


def _noted_state(watched: Watched, columns: list[str], noted: str | None) -> str | None:
    """The state a trigger noted (the row's raw columns as JSON) in the log's form."""
    if noted is None:
        return None
    values = json.loads(noted)
    return state_text(watched, columns, [values.get(column) for column in columns])


def _raw_state_sql(connection, watched: Watched, alias: str) -> str:
    """SQLite: the row's raw columns as JSON, noted by the TEMP trigger before a change."""
    parts = [f"'{column}', {alias}.\"{column}\"" for column in _columns(connection, watched)]
    return "json_object(" + ", ".join(parts) + ")"


def _key_sql(watched: Watched, alias: str) -> str:
    return "CAST(" + " || '/' || ".join(f'COALESCE(CAST({alias}."{column}" AS TEXT), \'\')' for column in watched.key) + " AS TEXT)"


def _table_exists(connection, table: str) -> bool:
    return table_exists(connection, table)


_SERVER_KEY_FUNCTION = """CREATE OR REPLACE FUNCTION thidua_record_key(row_json jsonb, columns text[]) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT string_agg(COALESCE(row_json ->> name, ''), '/' ORDER BY position)
    FROM unnest(columns) WITH ORDINALITY AS listed(name, position)
$$"""

_SERVER_NOTE_FUNCTION = """CREATE OR REPLACE FUNCTION thidua_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- only a thidua writer has the session table; anyone else's change is found by thidua check
    IF to_regclass('pg_temp.change_touched') IS NULL THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO pg_temp.change_touched (tbl, record, old, existed)
            VALUES (TG_TABLE_NAME, thidua_record_key(to_jsonb(OLD), TG_ARGV), to_jsonb(OLD)::text, 1) ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO pg_temp.change_touched (tbl, record, old, existed)
            VALUES (TG_TABLE_NAME, thidua_record_key(to_jsonb(NEW), TG_ARGV), NULL, 0) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$"""


def server_triggers(tables: set[str] | None = None) -> list[str]:
    """PostgreSQL: the triggers that note, for a thidua writer's session, each watched record a
    transaction touches (SQLite does the same with TEMP triggers, see `watch`); of every watched
    table, or of those named."""
    statements = [_SERVER_KEY_FUNCTION, _SERVER_NOTE_FUNCTION]
    for watched in WATCHED:
        if tables is not None and watched.table not in tables:
            continue
        arguments = ", ".join(f"'{column}'" for column in watched.key)
        statements.append(
            f'CREATE TRIGGER watch_{watched.table} AFTER INSERT OR UPDATE OR DELETE ON "{watched.table}" '
            f"FOR EACH ROW EXECUTE FUNCTION thidua_note_change({arguments})"
        )
    return statements


def ensure_server_triggers(connection) -> None:
    """A server ledger made before a table was watched (or before the triggers) gets them now, in the
    writing transaction: without them its changes would look made outside thidua."""
    present = {row[0] for row in connection.execute(
        "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND t.tgname = 'watch_' || c.relname"
    )}
    missing = {w.table for w in WATCHED if w.table not in present and _table_exists(connection, w.table)}
    if missing:
        for statement in server_triggers(missing):
            connection.execute(statement)


def _touched_table_exists(connection) -> bool:
    if is_postgres(connection):
        return connection.execute("SELECT to_regclass('pg_temp.change_touched') IS NOT NULL").fetchone()[0]
    return connection.execute("SELECT 1 FROM sqlite_temp_master WHERE name = 'change_touched'").fetchone() is not None


def watch(connection) -> bool:
    """Get this connection ready to note what each write touches (once); False when the ledger has no change log yet.

    SQLite: TEMP triggers on this connection only. PostgreSQL: the schema's triggers, which write
    into this session's temporary table."""
    if _touched_table_exists(connection):
        return True
    if not has_change_log(connection):
        return False
    if is_postgres(connection):
        ensure_server_triggers(connection)
        connection.execute(
            "CREATE TEMP TABLE IF NOT EXISTS change_touched (n BIGSERIAL, tbl TEXT NOT NULL, record TEXT NOT NULL, "
            "old TEXT, existed INTEGER NOT NULL, PRIMARY KEY (tbl, record))"
        )
        return True
    register_functions(connection)
    connection.execute(
        "CREATE TEMP TABLE IF NOT EXISTS change_touched (tbl TEXT NOT NULL, record TEXT NOT NULL, "
        "old TEXT, existed INTEGER NOT NULL, PRIMARY KEY (tbl, record))"
    )
    for watched in WATCHED:
        if not _table_exists(connection, watched.table):
            continue
        table = watched.table
        old_state, old_key, new_key = _raw_state_sql(connection, watched, "OLD"), _key_sql(watched, "OLD"), _key_sql(watched, "NEW")
        note_old = f"INSERT OR IGNORE INTO change_touched VALUES ('{table}', {old_key}, {old_state}, 1);"
        note_new = f"INSERT OR IGNORE INTO change_touched VALUES ('{table}', {new_key}, NULL, 0);"
        connection.execute(f'CREATE TEMP TRIGGER IF NOT EXISTS watch_{table}_insert AFTER INSERT ON main."{table}" BEGIN {note_new} END')
        connection.execute(
            f'CREATE TEMP TRIGGER IF NOT EXISTS watch_{table}_update BEFORE UPDATE ON main."{table}" BEGIN {note_old} {note_new} END'
        )
        connection.execute(f'CREATE TEMP TRIGGER IF NOT EXISTS watch_{table}_delete BEFORE DELETE ON main."{table}" BEGIN {note_old} END')
    return True


@contextmanager
def recording(connection, record_changes: bool = True):
    """Around the body of a write transaction (both engines): what it changes is sealed into the log at its end."""
    watching = record_changes and watch(connection)
    yield connection
    if watching:
        seal(connection)


def _sealed_states(connection, table: str, records: list[str] | None = None) -> dict[str, str | None]:
    """The last sealed state of each record of `table` (all of them, or those named), None once deleted."""
    states: dict[str, str | None] = {}
    if records is None:
        for record, after in connection.execute("SELECT record, after FROM change_log WHERE tbl = ? ORDER BY id", (table,)):
            states[record] = after
        return states
    for start in range(0, len(records), 500):
        chunk = records[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        for record, after in connection.execute(
            f"SELECT record, after FROM change_log WHERE id IN (SELECT MAX(id) FROM change_log WHERE tbl = ? AND record IN ({marks}) "
            f"GROUP BY record)",
            (table, *chunk),
        ):
            states[record] = after
    return states


def _current_states(connection, watched: Watched, records: list[str] | None = None) -> dict[str, tuple[str, int | None, int | None]]:
    """record → (state JSON, campaign id, subject id) as the table holds it now."""
    campaign = _campaign_sql(connection, watched)
    subject = _subject_sql(watched)
    columns = _columns(connection, watched)
    listed = ", ".join(f't."{column}"' for column in columns)
    sql = f'SELECT {_key_sql(watched, "t")}, {campaign}, {subject}, {listed} FROM "{watched.table}" t'
    found = {}

    def keep(rows, wanted=None):
        for record, campaign_id, subject_id, *values in rows:
            if wanted is None or record in wanted:
                found[record] = (state_text(watched, columns, values), campaign_id, subject_id)

    if records is None or watched.key != ("id",):
        keep(connection.execute(sql), None if records is None else set(records))
        return found
    for start in range(0, len(records), 500):
        chunk = [int(record) for record in records[start:start + 500]]
        keep(connection.execute(sql + f" WHERE t.id IN ({', '.join('?' * len(chunk))})", chunk))
    return found


def _subject_sql(watched: Watched) -> str:
    if watched.table in ("award_history", "rating", "registration", "discipline"):
        return "t.subject_id"
    if watched.table == "registration_review":
        return "(SELECT r.subject_id FROM registration r WHERE r.id = t.registration_id)"
    return "t.id" if watched.table == "subject" else "NULL"


def _campaign_sql(connection, watched: Watched) -> str:
    if watched.table == "campaign":
        return "t.id"
    if watched.table == "void":
        return "(SELECT e.campaign_id FROM entry e WHERE e.id = t.entry_id)"
    if watched.table == "registration_review":
        return "(SELECT r.campaign_id FROM registration r WHERE r.id = t.registration_id)"
    return "t.campaign_id" if "campaign_id" in _columns(connection, watched) else "NULL"


def _ids_from(state: str | None, key: str) -> int | None:
    if not state:
        return None
    value = json.loads(state).get(key)
    return value if isinstance(value, int) else None


def seal(connection, command: str | None = None, by: str | None = None) -> int:
    """Append the changes of this transaction to the change log; returns how many records changed.

    Refuses (ThiduaError) when a record this transaction touched had been changed behind thidua's back."""
    order = "n" if is_postgres(connection) else "rowid"
    touched = connection.execute(f"SELECT tbl, record, old, existed FROM change_touched ORDER BY {order}").fetchall()
    if not touched:
        return 0
    connection.execute("DELETE FROM change_touched")
    by_table: dict[str, list[tuple[str, str | None, int]]] = {}
    for table, record, old, existed in touched:
        by_table.setdefault(table, []).append((record, old, existed))
    changes = []
    for watched in WATCHED:
        rows = by_table.get(watched.table)
        if not rows:
            continue
        records = [record for record, _, _ in rows]
        sealed = _sealed_states(connection, watched.table, records)
        current = _current_states(connection, watched, records)
        columns = _columns(connection, watched)
        for record, old, existed in rows:
            before = sealed.get(record)
            found_before = _noted_state(watched, columns, old) if existed else None
            if found_before != before:
                raise ThiduaError(
                    f"{describe(connection, watched.table, before or found_before)} đã bị sửa ngoài thidua "
                    f"({difference_text(before, found_before)}); lệnh không ghi gì",
                    hint="chạy thidua check để xem mọi thay đổi ngoài thidua; khôi phục từ bản sao lưu trước khi ghi tiếp",
                )
            after, campaign_id, subject_id = current.get(record, (None, None, None))
            if after != before:
                if after is None:
                    campaign_id = _ids_from(before, "campaign_id") or (int(record) if watched.table == "campaign" else None)
                    subject_id = _ids_from(before, "subject_id") or (int(record) if watched.table == "subject" else None)
                changes.append((watched.table, record, campaign_id, subject_id, before, after))
    _append(connection, changes, command or _command(), by or recorder())
    return len(changes)


def seal_all(connection, command: str, by: str = "thidua") -> int:
    """Seal every watched record whose state differs from the log (the first seal of a migrated ledger)."""
    register_functions(connection)
    changes = []
    for watched in WATCHED:
        if not _table_exists(connection, watched.table):
            continue
        sealed = _sealed_states(connection, watched.table)
        current = _current_states(connection, watched)
        for record, (after, campaign_id, subject_id) in current.items():
            if sealed.get(record) != after:
                changes.append((watched.table, record, campaign_id, subject_id, sealed.get(record), after))
    _append(connection, changes, command, by)
    return len(changes)


def record_hash(prev_hash: str, number: int, table: str, record: str, campaign_id, subject_id, before, after,
                command: str, by: str, at: str) -> str:
    text = "\x1f".join((
        "change", prev_hash, str(number), table, record, str(campaign_id or ""), str(subject_id or ""),
        before or "", after or "", command, by, at,
    ))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_head(connection) -> tuple[int, str]:
    row = connection.execute("SELECT value FROM meta WHERE key = ?", (CHAIN_KEY,)).fetchone()
    number, _, digest = str(row[0] if row else "0:").partition(":")
    try:
        return int(number), digest or GENESIS
    except ValueError:
        return 0, GENESIS


def _append(connection, changes: list, command: str, by: str) -> None:
    """The changes as new records, each chained in its campaign's chain of changes (`storage.chains`)."""
    if not changes:
        return
    from thidua_cli.storage.chains import Heads, campaign_key

    from thidua_cli.storage.server_ids import Ids

    last_id, last_hash = read_head(connection)
    heads = Heads(connection, "change_log", (last_id, last_hash))
    for campaign in dict.fromkeys(campaign_key(change[2]) for change in changes):
        _refuse_broken_head(connection, heads, campaign)  # and every chain locked before an id is taken
    # the head in meta, or the newest record if that is further (a file copied from a server, which keeps no head)
    newest = connection.execute("SELECT MAX(id) FROM change_log").fetchone()[0] or 0
    ids = Ids(connection, "change_log", max(last_id, newest), len(changes))
    at = datetime.now(timezone.utc).isoformat(timespec="microseconds")
    rows = []
    for table, record, campaign_id, subject_id, before, after in changes:
        last_id = ids.take()
        campaign = campaign_key(campaign_id)
        prev = heads.previous(campaign)
        last_hash = record_hash(prev, last_id, table, record, campaign_id, subject_id, before, after, command, by, at)
        rows.append((last_id, table, record, campaign_id, subject_id, before, after, command, by, at, prev, last_hash))
        heads.advance(campaign, last_id, last_hash)
    connection.executemany(
        "INSERT INTO change_log (id, tbl, record, campaign_id, subject_id, before, after, command, recorded_by, recorded_at, "
        "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    heads.save()
    if not ids.server:
        connection.executemany(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [(CHAIN_KEY, f"{last_id}:{last_hash}"), (COUNT_KEY, str(last_id))],
        )


def _refuse_broken_head(connection, heads, campaign: int) -> None:
    """A chain whose newest record is no longer the one its head names is not extended: the next
    record would hide that something was changed behind thidua's back."""
    last_id, last_hash = heads.last(campaign)
    if heads.one_chain:
        newest = connection.execute("SELECT id, hash FROM change_log ORDER BY id DESC LIMIT 1").fetchone()
    else:
        newest = connection.execute(
            "SELECT id, hash FROM change_log WHERE COALESCE(campaign_id, 0) = ? AND id >= ? ORDER BY id DESC LIMIT 1",
            (campaign, last_id or _chains_from(connection)),
        ).fetchone()
    if (newest is None and (last_id == 0 or heads.one_chain)) or (newest is not None and (newest[0], newest[1]) == (last_id, last_hash)):
        return
    raise ThiduaError(
        "nhật ký thay đổi của sổ không còn khớp đầu chuỗi băm (đã bị sửa ngoài thidua); lệnh không ghi gì",
        hint="chạy thidua check để xem chi tiết",
    )


def _chains_from(connection) -> int:
    from thidua_cli.storage.chains import chains_from

    return chains_from(connection, "change_log") or 1


# ---- wording: what a record is, and what changed in it ----

TABLE_NOUNS = {
    "campaign": "phong trào", "criterion": "tiêu chí", "tier": "mức xếp loại", "award": "hình thức khen thưởng",
    "base_salary": "mức lương cơ sở", "subject": "đối tượng", "award_history": "khen thưởng đã nhận",
    "round": "đợt xét", "decision": "quyết định khen thưởng", "void": "bản huỷ", "rating": "xếp loại năm",
    "registration": "đăng ký thi đua", "registration_review": "kết quả duyệt", "discipline": "kỷ luật",
}


def describe(connection, table: str, state: str | None, record: str = "") -> str:
    """'tiêu chí TC1 của phong trào covid19-stttt', from a record's state."""
    values = json.loads(state) if state else {}
    noun = TABLE_NOUNS.get(table, table)
    name = {
        "campaign": values.get("code"), "criterion": values.get("code"), "tier": values.get("name"),
        "award": values.get("code"), "base_salary": f"từ {_day(values.get('start'))}" if values.get("start") else None,
        "subject": values.get("code"), "round": values.get("number"), "decision": values.get("number"),
    }.get(table)
    if table == "rating":
        name = " ".join(str(v) for v in (values.get("year"), values.get("rating")) if v)
    if table == "discipline":
        name = " ".join(str(v) for v in (values.get("form"), values.get("year")) if v)
    if table == "award_history":
        name = " ".join(str(v) for v in (values.get("award"), values.get("number")) if v)
    if table == "void":
        name = f"của mục ghi số {values.get('entry_id')}" if values.get("entry_id") is not None else None
    if table == "registration":
        name = f"số {record} ({values.get('award')})" if record and values.get("award") else values.get("award")
    if table == "registration_review":
        registration = values.get("registration_id")
        name = f"của đăng ký thi đua số {registration}" if registration is not None else None
    text = f"{noun} {name}" if name not in (None, "") else f"{noun} (bản ghi {record})"
    if table in ("award_history", "rating", "registration", "discipline") and values.get("subject_id") is not None:
        text += f" của đối tượng {_code_of(connection, 'subject', values['subject_id'])}"
    if table not in ("campaign", "subject", "void") and values.get("campaign_id") is not None:
        text += f" của phong trào {_code_of(connection, 'campaign', values['campaign_id'])}"
    return text


def _day(value) -> str:
    """A day the ledger keeps as 2024-07-01, as the office writes it (01/07/2024)."""
    text = str(value)
    return f"{text[8:10]}/{text[5:7]}/{text[:4]}" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else text


def _code_of(connection, table: str, record_id) -> str:
    row = connection.execute(f"SELECT code FROM {table} WHERE id = ?", (record_id,)).fetchone()
    if row:
        return str(row[0])
    from thidua_cli.storage.dialect import sees_every_row

    # gone, or on a shared server another agency's, which this role does not read
    return f"#{record_id}" if sees_every_row(connection) else f"#{record_id} (của cơ quan khác)"


def _shown(value) -> str:
    if value is None or value == "":
        return "(trống)"
    if isinstance(value, str) and value.startswith("sha256:"):
        return "nội dung khác"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def changed_fields(before: str | None, after: str | None) -> list[tuple[str, object, object]]:
    old = json.loads(before) if before else {}
    new = json.loads(after) if after else {}
    return [(key, old.get(key), new.get(key)) for key in dict.fromkeys([*old, *new]) if old.get(key) != new.get(key)]


def difference_text(before: str | None, after: str | None) -> str:
    if before is None and after is not None:
        return "được thêm"
    if after is None and before is not None:
        return "bị xoá"
    from thidua_cli.domain.change_fields import field_words

    parts = []
    for key, old, new in changed_fields(before, after):
        if isinstance(old, str) and old.startswith("sha256:") or isinstance(new, str) and str(new).startswith("sha256:"):
            parts.append(f"{field_words(key)} đổi")
        else:
            parts.append(f"{field_words(key)} đổi từ {_shown(old)} thành {_shown(new)}")
    return ", ".join(parts) or "không đổi"


# ---- verifying: the log's chain, and the tables against the log's last sealed state ----


@dataclass(frozen=True)
class ChangeProblem:
    record: str  # "criterion/3", "change_log/12"
    message: str  # one Vietnamese line


def verify(connection) -> Iterator[ChangeProblem]:
    """Every break of the change log's chain, then every watched record that differs from its sealed state."""
    if not has_change_log(connection):
        return
    register_functions(connection)
    yield from _verify_chain(connection)
    version = _schema_version(connection)
    unjudged = _campaigns_unread(connection)
    for watched in WATCHED:
        if not _table_exists(connection, watched.table) or watched.since > version:
            continue  # an older ledger `check` opens as it is: its migration has not sealed this table yet
        sealed = _sealed_states(connection, watched.table)
        current = _current_states(connection, watched)
        for record in dict.fromkeys([*current, *sealed]):
            before = sealed.get(record)
            now = current.get(record, (None, None, None))
            after = now[0]
            if before is None and unjudged(now[1]):
                continue  # read here (a decision correcting an award is every office's), its change log is not
            if before != after:
                name = describe(connection, watched.table, before or after, record)
                if after is None:
                    message = f"{name} bị xoá ngoài thidua"
                elif before is None:
                    message = f"{name} được thêm vào sổ ngoài thidua"
                else:
                    message = f"{name}: {difference_text(before, after)} ngoài thidua"
                yield ChangeProblem(f"{watched.table}/{record}", message)


def _schema_version(connection) -> int:
    row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    try:
        return int(row[0]) if row else 0
    except ValueError:
        return 0


def _campaigns_unread(connection):
    """Whether a record of this campaign is beyond what this role reads of the change log: on a shared server an
    office reads some rows of other offices' campaigns (a decision correcting an award, since schema version 21)
    but not the changes that sealed them — another office's record, not this one's to judge. One campaign's
    archive holds the same (`db copy … --campaign`)."""
    from thidua_cli.storage.dialect import judges_whole_ledger

    if judges_whole_ledger(connection):
        return lambda campaign_id: False
    readable = {row[0] for row in connection.execute("SELECT id FROM campaign")}
    return lambda campaign_id: campaign_id is not None and campaign_id not in readable


def _verify_chain(connection) -> Iterator[ChangeProblem]:
    """Breaks of the change log's chains: the one old chain (records before schema version 14), then one
    chain per campaign (`storage.chains`). A reader who may not see every row judges only the campaign
    chains it can read."""
    from thidua_cli.storage.chains import campaign_key, chains_from, read_heads
    from thidua_cli.storage.dialect import judges_whole_ledger
    from thidua_cli.storage.server_ids import sequence_from

    sees_all = judges_whole_ledger(connection)
    # ids from a sequence (a server, version 15) may skip: from there on the campaign chains alone judge
    dense_until = sequence_from(connection, "change_log")
    dense_ids = dense_until is None
    if dense_ids:
        dense_until = float("inf")
    chained_from = chains_from(connection, "change_log")
    heads = read_heads(connection, "change_log") if chained_from is not None else {}
    head_id, head_hash = read_head(connection)
    count_row = connection.execute("SELECT value FROM meta WHERE key = ?", (COUNT_KEY,)).fetchone()
    previous, expected = GENESIS, 1
    chain_ends: dict[int, list] = {}  # campaign -> [last id, last hash, records]
    last_gap = 0
    faulted = False
    for row in connection.execute(
        "SELECT id, tbl, record, campaign_id, subject_id, before, after, command, recorded_by, recorded_at, prev_hash, hash "
        "FROM change_log ORDER BY id"
    ):
        number, table, record, campaign_id, subject_id, before, after, command, by, at, prev_hash, stored = row
        in_campaign_chain = chained_from is not None and number >= chained_from
        if not sees_all and not in_campaign_chain:
            continue
        if sees_all and number != expected and expected < dense_until:
            faulted = True
            last_gap = number
            yield ChangeProblem(
                f"change_log/{expected}",
                f"nhật ký thay đổi: bản ghi số {expected}–{min(number, dense_until) - 1} bị xoá ngoài thidua",
            )
        key = campaign_key(campaign_id)
        if in_campaign_chain and not sees_all and key and key not in heads:
            # a change another office's chain holds, read here because every office reads award history
            # and subjects: its own hash is judged, its place in a chain this role cannot read is not
            link_known, expected_prev = False, prev_hash
        elif in_campaign_chain:
            chain = chain_ends.setdefault(key, [0, GENESIS, 0])
            link_known, expected_prev = chain[0] >= last_gap, chain[1]
            chain[0], chain[1], chain[2] = number, stored, chain[2] + 1
        else:
            link_known, expected_prev = True, previous
        computed = record_hash(prev_hash, number, table, record, campaign_id, subject_id, before, after, command, by, at)
        if stored != computed or (link_known and prev_hash != expected_prev):
            faulted = True
            yield ChangeProblem(f"change_log/{number}", f"nhật ký thay đổi: bản ghi số {number} đã bị sửa ngoài thidua")
        previous = stored
        if number < dense_until:
            expected = number + 1
    last = expected - 1
    if sees_all and not dense_ids and expected < dense_until:
        faulted = True
        yield ChangeProblem(
            f"change_log/{expected}", f"nhật ký thay đổi: bản ghi số {expected}–{dense_until - 1} bị xoá ngoài thidua"
        )
    if sees_all and dense_ids and (
        (head_id, head_hash) != (last, previous if last else GENESIS) or count_row is None or str(count_row[0]) != str(head_id)
    ):
        faulted = True
        yield ChangeProblem(
            "change_log", f"nhật ký thay đổi: đầu chuỗi băm ghi bản số {head_id}, sổ còn {last} bản ghi (bị xoá, thêm hoặc sửa ngoài thidua)"
        )
    if chained_from is None or (sees_all and dense_ids and faulted):
        return
    for campaign in sorted(set(heads) | set(chain_ends)):
        found = tuple(chain_ends.get(campaign, (0, GENESIS, 0)))
        kept = heads.get(campaign, (0, GENESIS, 0))
        if found != kept:
            yield ChangeProblem(
                f"change_log/{kept[0]}",
                f"nhật ký thay đổi: đầu chuỗi băm {_chain_name(connection, campaign)} ghi bản số {kept[0]}, "
                f"sổ còn {found[2]} bản ghi của chuỗi ấy, mới nhất là số {found[0]} (bị xoá, thêm hoặc sửa ngoài thidua)",
            )


def _chain_name(connection, campaign: int) -> str:
    if campaign == 0:
        return "chung (không thuộc phong trào nào)"
    row = connection.execute("SELECT code FROM campaign WHERE id = ?", (campaign,)).fetchone()
    return f"của phong trào {row[0]}" if row else f"của phong trào số {campaign}"


# ---- the verification code printed on documents ----

_DIGEST_ONLY = re.compile(r"[0-9A-F]{4}-?[0-9A-F]{4}-?[0-9A-F]{4}", re.I)
_CODE_PATTERN = re.compile(r"([0-9A-F]{4})-?([0-9A-F]{4})-?([0-9A-F]{4})\W+(?:sổ\s*)?(\d+)\.(\d+)\.(\d+)(?:\W+(?:đợt\s*)?(\d+))?", re.I)


def _head_at(connection, table: str, number: int) -> str | None:
    if number == 0:
        return GENESIS
    row = connection.execute(f"SELECT hash FROM {table} WHERE id = ?", (number,)).fetchone()
    return str(row[0]) if row else None


def _code_digest(entry: tuple[int, str], void: tuple[int, str], change: tuple[int, str], round_number: int | None) -> str:
    text = "\x1f".join(("thidua-code", *(f"{n}:{h}" for n, h in (entry, void, change)), str(round_number or "")))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12].upper()
    return f"{digest[0:4]}-{digest[4:8]}-{digest[8:12]}"


def _counts(connection) -> tuple[int, int, int]:
    counts = []
    for table in ("entry", "void", "change_log"):
        row = connection.execute(f"SELECT MAX(id) FROM {table}").fetchone()
        counts.append(int(row[0] or 0))
    return counts[0], counts[1], counts[2]


def verification_code(connection, round_number: int | None = None) -> str:
    """'3F9A-C21B-77D0 (sổ 1204.3.57, đợt 2)': the chain heads of entries, voids and changes, and the round.

    The numbers in brackets say which records the code covers, so `thidua check --code` can find them.
    Inside a write transaction, the changes made so far are sealed first: the code names them too."""
    if connection.in_transaction and _touched_table_exists(connection):
        seal(connection)
    entry, void, change = _counts(connection)
    digest = _code_digest(
        (entry, _head_at(connection, "entry", entry)), (void, _head_at(connection, "void", void)),
        (change, _head_at(connection, "change_log", change)), round_number,
    )
    return f"{digest} (sổ {entry}.{void}.{change}" + (f", đợt {round_number})" if round_number else ")")


@dataclass(frozen=True)
class CodeStatus:
    holds: bool
    added_since: int = 0
    unreadable: bool = False  # the records it names are not this role's to read (another agency's, on a shared server)


def parse_code(text: str) -> tuple[str, int, int, int, int | None]:
    match = _CODE_PATTERN.search(text.replace("Mã kiểm tra:", " "))
    if match is None and _DIGEST_ONLY.fullmatch(text.replace("Mã kiểm tra:", " ").strip()):
        raise UsageError(  # the code as printed without the records it names: it cannot be checked, but it is one
            f'--code: "{text.strip()}" thiếu phần “(sổ …, đợt …)” in ngay sau mã ở chân văn bản',
            hint='chép đủ dòng in ở chân văn bản, ví dụ --code "3F9A-C21B-77D0 (sổ 1204.3.57, đợt 2)"',
        )
    if match is None:
        raise UsageError(
            f'--code: "{text}" không phải mã kiểm tra của thidua',
            hint='chép đủ dòng in ở chân văn bản, ví dụ --code "3F9A-C21B-77D0 (sổ 1204.3.57, đợt 2)"',
        )
    digest = "-".join(match.group(i).upper() for i in (1, 2, 3))
    round_number = int(match.group(7)) if match.group(7) else None
    return digest, int(match.group(4)), int(match.group(5)), int(match.group(6)), round_number


def code_status(connection, text: str) -> CodeStatus:
    """Whether the records the code covers are still there with the same hashes (the chains' own
    checks say whether everything up to them is intact)."""
    digest, entry, void, change, round_number = parse_code(text)
    if not has_change_log(connection):
        return CodeStatus(False)  # a ledger older than the codes cannot hold the state one names
    heads = [_head_at(connection, table, number) for table, number in (("entry", entry), ("void", void), ("change_log", change))]
    if any(head is None for head in heads):
        from thidua_cli.storage.dialect import sees_every_row

        return CodeStatus(False, unreadable=not sees_every_row(connection))
    if _code_digest((entry, heads[0]), (void, heads[1]), (change, heads[2]), round_number) != digest:
        return CodeStatus(False)
    added = sum(
        connection.execute(f"SELECT COUNT(*) FROM {table} WHERE id > ?", (number,)).fetchone()[0]
        for table, number in (("entry", entry), ("void", void), ("change_log", change))
    )
    return CodeStatus(True, added)


# ---- reading the log (thidua log) ----


@dataclass(frozen=True)
class ChangeRecord:
    number: int
    table: str
    record: str
    what: str  # 'tiêu chí TC1 của phong trào covid19-stttt'
    before: dict | None
    after: dict | None
    command: str
    by: str
    at: str  # UTC, ISO
    not_granted: tuple[tuple[str, str], ...] = ()  # a decision added: (subject, award) it named not granted
    corrects: str | None = None  # a decision added by `decision correct`: the number of the one it corrects
    agencies: dict = field(default_factory=dict)  # agency id → code, for a change of the agency a row belongs to


def _decisions_granting(connection, decision_ids: list[int], subject_id: int | None = None) -> set[int]:
    """Of these decisions, those that granted someone (award-history rows point to them) — that subject, if given."""
    found: set[int] = set()
    whom = "" if subject_id is None else " AND subject_id = ?"
    for start in range(0, len(decision_ids), 500):
        part = decision_ids[start:start + 500]
        marks = ", ".join("?" for _ in part)
        found.update(row[0] for row in connection.execute(
            f"SELECT DISTINCT decision_id FROM award_history WHERE decision_id IN ({marks}){whom}",
            [*part, *([] if subject_id is None else [subject_id])]))
    return found


def refusals_by_decision(connection, round_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """decision id → (subject code, award code) it named not granted, as the rounds keep them (`record-decision
    --not-granted`): the change log holds a round's result as a digest, which cannot say who."""
    found: dict[int, list[tuple[str, str]]] = {}
    for start in range(0, len(round_ids), 500):
        part = round_ids[start:start + 500]
        marks = ", ".join("?" for _ in part)
        for (result,) in connection.execute(f"SELECT result FROM round WHERE id IN ({marks})", part):
            for item in json.loads(result).get("not_granted", ()):
                found.setdefault(item["decision"], []).append((item["subject"], item["award"]))
    return found


def read_changes(
    connection, campaign_id: int | None = None, subject_id: int | None = None,
    since: str | None = None, until: str | None = None,
) -> list[ChangeRecord]:
    """The log's records, oldest first, filtered by campaign, subject and time (ISO text bounds, `until` exclusive)."""
    if not has_change_log(connection):
        return []
    where, parameters = [], []
    if campaign_id is not None:
        where.append("campaign_id = ?")
        parameters.append(campaign_id)
    if subject_id is not None:
        # a subject's story holds the voids of its entries (logged under the campaign, not the subject) and the
        # decisions of its rounds, which may have refused it (kept out below unless they name it)
        where.append("(subject_id = ? OR (tbl = 'void' AND record IN (SELECT CAST(v.id AS VARCHAR(20)) FROM void v "
                     "JOIN entry e ON e.id = v.entry_id WHERE e.subject_id = ?)) OR (tbl = 'decision' AND before IS NULL))")
        parameters += [subject_id, subject_id]
    if since:
        where.append("recorded_at >= ?")
        parameters.append(since)
    if until:
        where.append("recorded_at < ?")
        parameters.append(until)
    sql = "SELECT id, tbl, record, before, after, command, recorded_by, recorded_at FROM change_log"
    if where:
        sql += " WHERE " + " AND ".join(where)
    found = []
    agencies = None
    for number, table, record, before, after, command, by, at in connection.execute(sql + " ORDER BY id", parameters):
        found.append(ChangeRecord(
            number, table, record, describe(connection, table, after or before, record),
            json.loads(before) if before else None, json.loads(after) if after else None, command, by, at,
        ))
        if '"agency_id"' in (before or "") + (after or ""):  # named by code ("so-tttt → so-khcn"), not by row id
            if agencies is None:
                agencies = dict(connection.execute("SELECT id, code FROM agency").fetchall())
            found[-1] = replace(found[-1], agencies=agencies)
    added = [r for r in found if r.table == "decision" and r.before is None and r.after]
    if not added:
        return found
    refused = refusals_by_decision(connection, sorted({r.after["round_id"] for r in added if r.after.get("round_id")}))
    corrected = _numbers_of_decisions(connection, sorted({r.after["corrects"] for r in added if r.after.get("corrects")}))
    granting = _decisions_granting(connection, sorted(int(r.record) for r in added))
    told = {id(r): replace(r, not_granted=tuple(refused.get(int(r.record), ())), corrects=corrected.get(r.after.get("corrects")),
                           # a reply granting no one (record-decision --none-granted) is a văn bản, not a QĐ khen thưởng
                           what=r.what if int(r.record) in granting or not refused.get(int(r.record))
                           else r.what.replace(TABLE_NOUNS["decision"], "văn bản trả lời", 1))
            for r in added}
    found = [told.get(id(r), r) for r in found]
    if subject_id is not None:
        # of the decisions, those refusing the subject (it received nothing from the others: its awards are its own
        # lines), and those correcting a decision that granted it — or its story shows the award under the wrong
        # number and again under the right one, two awards for one
        code = connection.execute("SELECT code FROM subject WHERE id = ?", (subject_id,)).fetchone()
        corrected_for = _decisions_granting(connection, sorted({r.after["corrects"] for r in added if r.after.get("corrects")}),
                                            subject_id)
        found = [r for r in found if r.table != "decision" or r.before is not None
                 or (code is not None and any(who == code[0] for who, _ in r.not_granted))
                 or (r.after or {}).get("corrects") in corrected_for]
    return found


def _numbers_of_decisions(connection, ids: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        marks = ", ".join("?" for _ in part)
        found.update(dict(connection.execute(f"SELECT id, number FROM decision WHERE id IN ({marks})", part)))
    return found
