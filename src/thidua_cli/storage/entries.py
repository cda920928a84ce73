"""Entries and voids: append-only, hash-chained writes and the listing query."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import NamedTuple

from thidua_cli.storage import schema
from thidua_cli.storage.dialect import append_rows
from thidua_cli.storage.chains import Heads, campaign_key
from thidua_cli.storage.hashchain import GENESIS, SEAL_CODES, entry_fingerprint, entry_seal, void_hash
from thidua_cli.storage.server_ids import Ids


class NewEntry(NamedTuple):
    """An entry to append (a NamedTuple: an import builds a million of them)."""

    campaign_id: int
    subject_id: int
    criterion_id: int
    day: str  # ISO date
    points: int  # hundredths
    note: str
    evidence: str
    recorded_by: str
    recorded_at: str

    def fingerprint(self) -> str:
        return entry_fingerprint(
            self.campaign_id, self.subject_id, self.criterion_id, self.day, self.points, self.note, self.evidence
        )


class ExistingEntries:
    """Which fingerprints the ledger held before this import, for skipping exact duplicates.

    Looked up row by row through ix_entry_scoring, then by fingerprint among the few
    entries of the same subject, criterion, day and points (only live entries with an
    id up to the highest one before the import count: a voided entry is not there any
    more), so memory stays flat whatever the size of the ledger; a campaign without
    entries needs no lookup at all. Each existing entry matches one row of the file:
    a file holding the same row twice where the ledger has it once adds it once.

    On a server each lookup is a round trip (two per row, ~0.3 ms each): there the live
    entries of a day are read once, when a row first names that day, and the rows of the
    same day are looked up in memory (the fingerprint holds the day; `DAYS_KEPT` days at a time)."""

    DAYS_KEPT = 64

    def __init__(self, connection: sqlite3.Connection, campaign_id: int):
        from thidua_cli.storage.dialect import is_postgres

        self.connection = connection
        self.campaign_id = campaign_id
        self.up_to = connection.execute("SELECT MAX(id) FROM entry").fetchone()[0] or 0
        if self.up_to and connection.execute("SELECT 1 FROM entry WHERE campaign_id = ? LIMIT 1", (campaign_id,)).fetchone() is None:
            self.up_to = 0  # the fingerprint holds the campaign: no entry of another campaign can match
        self.matched: dict[str, int] = {}
        self.last_key: tuple | None = None
        self.last_alike: list = []
        self.days: dict[str, tuple[dict, dict]] | None = {} if is_postgres(connection) else None

    def take(self, entry: tuple, fingerprint: str) -> bool:
        """True when an existing entry with this fingerprint is still unmatched: the row is a duplicate.
        `entry`: the row in `NewEntry` order (campaign, subject, criterion, day, points, …)."""
        if not self.up_to:
            return False
        if self.days is not None:
            count = self._day(entry[3])[0].get(fingerprint, 0)
        else:
            count = sum(1 for _, _, other in self._alike(entry) if other == fingerprint)
        if not count:
            return False
        matched = self.matched.get(fingerprint, 0)
        if matched >= count:
            return False
        self.matched[fingerprint] = matched + 1
        return True

    def near(self, entry: tuple, fingerprint: str) -> tuple[int, int | None] | None:
        """(id, import batch) of a live entry equal to `entry` in date, subject, criterion and points, but
        not in note or evidence — likely the same achievement typed again; None when there is none."""
        if not self.up_to:
            return None
        if self.days is not None:
            for record_id, import_id, other in self._day(entry[3])[1].get((entry[1], entry[2], entry[4]), ()):
                if other != fingerprint:
                    return record_id, import_id
            return None
        for record_id, import_id, other in self._alike(entry):
            if other != fingerprint:
                return record_id, import_id
        return None

    def _alike(self, entry: tuple) -> list[tuple[int, int | None, str]]:
        """(id, import batch, fingerprint) of the live entries equal to `entry` in campaign, subject, criterion,
        day and points, in id order: a seek in ix_entry_scoring. The last row's answer is kept, as `near`
        asks again for the row `take` has just looked up."""
        key = entry[:5]  # campaign, subject, criterion, day, points (`NewEntry` order)
        if self.last_key != key:
            self.last_key = key
            self.last_alike = self.connection.execute(
                "SELECT e.id, e.import_id, e.fingerprint FROM entry e WHERE e.campaign_id = ? AND e.subject_id = ? "
                "AND e.criterion_id = ? AND e.day = ? AND e.points = ? AND e.id <= ? "
                "AND NOT EXISTS (SELECT 1 FROM void v WHERE v.entry_id = e.id) ORDER BY e.id",
                (*key, self.up_to),
            ).fetchall()
        return self.last_alike

    def _day(self, day: str) -> tuple[dict, dict]:
        """(fingerprint -> live entries, (subject, criterion, points) -> [(id, import batch, fingerprint)] in id order)."""
        kept = self.days.get(day)
        if kept is None:
            if len(self.days) >= self.DAYS_KEPT:
                del self.days[next(iter(self.days))]
            counts: dict[str, int] = {}
            alike: dict[tuple, list] = {}
            for record_id, import_id, subject_id, criterion_id, points, fingerprint in self.connection.execute(
                "SELECT e.id, e.import_id, e.subject_id, e.criterion_id, e.points, e.fingerprint FROM entry e "
                "WHERE e.campaign_id = ? AND e.day = ? AND e.id <= ? "
                "AND NOT EXISTS (SELECT 1 FROM void v WHERE v.entry_id = e.id) ORDER BY e.id",
                (self.campaign_id, day, self.up_to),
            ):
                counts[fingerprint] = counts.get(fingerprint, 0) + 1
                alike.setdefault((subject_id, criterion_id, points), []).append((record_id, import_id, fingerprint))
            kept = self.days[day] = (counts, alike)
        return kept


def _last(connection: sqlite3.Connection, table: str) -> tuple[int, str]:
    """Where the chain goes on: the head thidua recorded in `meta`, or the last row if that is further.

    Following the recorded head keeps a deleted newest record visible as a gap (`thidua check`)
    instead of letting the next write silently take its place."""
    row = connection.execute(f"SELECT id, hash FROM {table} ORDER BY id DESC LIMIT 1").fetchone()
    last = (row[0], row[1]) if row else (0, GENESIS)
    head = schema.read_chain_head(connection, table)
    if head is not None and head[0] > last[0]:
        return head
    return last


def _Codes(connection: sqlite3.Connection, table: str):
    """id -> code of one table, looked up once per id (an import names the same subjects again and again).

    A dict's own lookup, not a Python method: an import looks up three codes per row (a method call
    each cost 0.3 s of a 200,000-row import); a miss lands in `_CodeTable.__missing__`."""
    return _CodeTable(connection, table).__getitem__


class _CodeTable(dict):
    """One entry looks up one code; a big import naming thousands of subjects reads the whole table in one
    query once it has looked up `ONE_BY_ONE` ids (one query per id cost 2 of 11 s on 200,000 rows)."""

    ONE_BY_ONE = 64

    def __init__(self, connection: sqlite3.Connection, table: str):
        super().__init__()
        self.connection = connection
        self.table = table
        self.misses = 0

    def __missing__(self, record_id: int) -> str:
        self.misses += 1
        if self.misses == self.ONE_BY_ONE:
            self.update(self.connection.execute(f"SELECT id, code FROM {self.table}"))
            if record_id in self:
                return self[record_id]
        row = self.connection.execute(f"SELECT code FROM {self.table} WHERE id = ?", (record_id,)).fetchone()
        if row is None:  # what the foreign key would refuse, also where `parents_checked_here` turns it off
            raise sqlite3.IntegrityError("FOREIGN KEY constraint failed")
        self[record_id] = row[0]
        return row[0]


@contextmanager
def parents_checked_here(connection: sqlite3.Connection):
    """Around a big append (outside its write transaction): SQLite's per-row foreign-key checks are off.

    They doubled the cost of inserting entries (0.9 s of 4.8 s on 200,000 rows). `insert_entries`
    looks up the campaign's, subject's and criterion's codes of every entry for the seal, inside the
    transaction, and refuses a missing one as the foreign key would; the import batch is inserted in
    the same transaction. The checks are back on when the block ends, whatever happens.
    PostgreSQL checks every reference itself, as it always does."""
    from thidua_cli.storage.dialect import is_postgres

    if is_postgres(connection):
        yield
        return
    connection.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        connection.execute("PRAGMA foreign_keys = ON")


_ENTRY_COLUMNS = ("id", "campaign_id", "subject_id", "criterion_id", "day", "points", "note", "evidence", "recorded_by",
                  "recorded_at", "fingerprint", "prev_hash", "hash", "seal", "import_id")


def insert_entries(
    connection: sqlite3.Connection, entries: Iterable[tuple[tuple, str | None]], import_id: int | None = None, expected: int = 1,
) -> int:
    """Append (entry, fingerprint) pairs in one executemany, each extending its campaign's hash chain
    (`chains`); each record hash is sealed to the campaign's, subject's and criterion's codes (seal 2, `hashchain`).

    Call inside a write transaction; `entries` may be a generator (streamed). An entry is a `NewEntry` or a
    plain tuple in its order; a fingerprint None is computed here (an import checked in a second process
    leaves it to this one where no duplicate lookup needed it). `import_id`: the import batch every entry
    of this call comes from; `expected`: about how many there are."""
    last_id, last_hash = _last(connection, "entry")
    heads = Heads(connection, "entry", (last_id, last_hash))
    ids = Ids(connection, "entry", last_id, expected)
    campaign_code, subject_code, criterion_code = (_Codes(connection, t) for t in ("campaign", "subject", "criterion"))
    added = 0
    take = ids.take

    def rows() -> Iterator[tuple]:
        nonlocal last_hash, added
        campaign, chain = None, None  # an import is one campaign: its head is looked up once
        for entry, fingerprint in entries:
            campaign_id, subject_id, criterion_id, day, points, note, evidence, recorded_by, recorded_at = entry
            if fingerprint is None:
                fingerprint = entry_fingerprint(campaign_id, subject_id, criterion_id, day, points, note, evidence)
            if campaign_id != campaign:
                if campaign is not None:
                    ids.restart()
                campaign, chain = campaign_id, heads.chain(campaign_id)
            record_id = take()
            prev = chain[1]
            digest = entry_seal(
                prev, record_id, fingerprint, recorded_by, recorded_at,
                campaign_code(campaign_id), subject_code(subject_id), criterion_code(criterion_id),
            )
            yield (
                record_id, campaign_id, subject_id, criterion_id, day, points,
                note, evidence, recorded_by, recorded_at, fingerprint, prev, digest, SEAL_CODES, import_id,
            )
            chain[0], chain[1], chain[2] = record_id, digest, chain[2] + 1
            last_hash = digest
            added += 1

    append_rows(connection, "entry", _ENTRY_COLUMNS, rows())
    ids.finish()
    if added:
        heads.save()
        if not ids.server:
            schema.write_chain_head(connection, "entry", ids.next_id - 1, last_hash)
    return added


def insert_void(connection: sqlite3.Connection, entry_id: int, reason: str, recorded_by: str, recorded_at: str) -> int:
    return insert_voids(connection, [entry_id], reason, recorded_by, recorded_at)


def insert_voids(connection: sqlite3.Connection, entry_ids: list[int], reason: str, recorded_by: str, recorded_at: str) -> int:
    """Void each entry (one record each, chained with its entry's campaign); returns the last void id.
    Call inside a write transaction."""
    last_id, last_hash = _last(connection, "void")
    heads = Heads(connection, "void", (last_id, last_hash))
    campaigns = _campaigns_of(connection, entry_ids)
    for campaign in sorted({campaign_key(campaigns.get(entry_id)) for entry_id in entry_ids}):
        heads.previous(campaign)  # every chain locked before an id is taken (`server_ids`)
    ids = Ids(connection, "void", last_id, len(entry_ids))
    rows = []
    for entry_id in entry_ids:
        last_id = ids.take()
        campaign = campaign_key(campaigns.get(entry_id))
        prev = heads.previous(campaign)
        last_hash = void_hash(prev, last_id, entry_id, reason, recorded_by, recorded_at)
        rows.append((last_id, entry_id, reason, recorded_by, recorded_at, prev, last_hash))
        heads.advance(campaign, last_id, last_hash)
    connection.executemany(
        "INSERT INTO void (id, entry_id, reason, recorded_by, recorded_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)", rows
    )
    if rows:
        heads.save()
        if not ids.server:
            schema.write_chain_head(connection, "void", last_id, last_hash)
    return last_id


def _campaigns_of(connection: sqlite3.Connection, entry_ids: list[int], chunk: int = 500) -> dict[int, int]:
    """entry id -> campaign id, a few hundred ids per query (SQLite's limit on bound values)."""
    found: dict[int, int] = {}
    for start in range(0, len(entry_ids), chunk):
        part = entry_ids[start:start + chunk]
        marks = ", ".join("?" * len(part))
        found.update(connection.execute(f"SELECT id, campaign_id FROM entry WHERE id IN ({marks})", part).fetchall())
    return found


ENTRY_LIST_SQL = """
SELECT e.id, e.day, s.code, s.name, c.code, e.points, e.note, e.evidence, e.recorded_by, e.recorded_at,
       CASE WHEN v.id IS NULL THEN 0 ELSE 1 END AS voided, v.reason, s.unit, s.kind, camp.code,
       v.recorded_by, v.recorded_at
FROM entry e
JOIN subject s ON s.id = e.subject_id
JOIN criterion c ON c.id = e.criterion_id
JOIN campaign camp ON camp.id = e.campaign_id
LEFT JOIN void v ON v.entry_id = e.id
WHERE e.campaign_id = :campaign_id AND e.day BETWEEN :start AND :end
"""


def _entry_query(
    campaign_id: int, start: str, end: str, subject_ids: list[int] | None = None, criterion_id: int | None = None,
    include_void: bool = False,
) -> tuple[str, dict]:
    sql = ENTRY_LIST_SQL
    params: dict = {"campaign_id": campaign_id, "start": start, "end": end}
    if subject_ids is not None:
        marks = ", ".join(f":s{i}" for i in range(len(subject_ids))) or "NULL"
        sql += f" AND e.subject_id IN ({marks})"
        params.update({f"s{i}": sid for i, sid in enumerate(subject_ids)})
    if criterion_id is not None:
        sql += " AND e.criterion_id = :criterion_id"
        params["criterion_id"] = criterion_id
    if not include_void:
        sql += " AND v.id IS NULL"
    return sql, params


def list_entries(
    connection: sqlite3.Connection,
    campaign_id: int,
    start: str,
    end: str,
    subject_ids: list[int] | None = None,
    criterion_id: int | None = None,
    include_void: bool = False,
    stream: bool = False,
) -> Iterator[tuple]:
    """The entries in listing order. `stream`: a whole listing, read as it is written out (memory flat on
    both engines; the connection runs nothing else until the rows are read)."""
    sql, params = _entry_query(campaign_id, start, end, subject_ids, criterion_id, include_void)
    if stream:
        from thidua_cli.storage.dialect import streamed

        return streamed(connection, sql + " ORDER BY e.day, e.id", params)
    return connection.execute(sql + " ORDER BY e.day, e.id", params)


def subject_entries(connection: sqlite3.Connection, campaign_id: int, subject_id: int) -> list[tuple]:
    """(id, day, criterion code, points, note, evidence) of one subject's live entries in a campaign, unordered.

    No date range and no ORDER BY on purpose: either makes SQLite walk `ix_entry_by_day` over the
    whole period (80 ms a subject on 1M entries) instead of the subject's rows in `ix_entry_scoring`
    (0.3 ms); the caller keeps its period and sorts these few rows."""
    return connection.execute(
        "SELECT e.id, e.day, c.code, e.points, e.note, e.evidence FROM entry e JOIN criterion c ON c.id = e.criterion_id "
        "LEFT JOIN void v ON v.entry_id = e.id WHERE e.campaign_id = ? AND e.subject_id = ? AND v.id IS NULL",
        (campaign_id, subject_id),
    ).fetchall()


def count_entries(connection: sqlite3.Connection, *filters, **named) -> tuple[int, int]:
    """(entries, voided entries) `list_entries` would give with the same filters: counted before streaming."""
    sql, params = _entry_query(*filters, **named)
    total, voided = connection.execute(f"SELECT COUNT(*), COALESCE(SUM(voided), 0) FROM ({sql}) AS listed", params).fetchone()
    return total, voided


def entry_row(connection: sqlite3.Connection, entry_id: int) -> tuple | None:
    return connection.execute(
        "SELECT e.id, e.campaign_id, v.id, v.recorded_at, v.recorded_by, v.reason "
        "FROM entry e LEFT JOIN void v ON v.entry_id = e.id WHERE e.id = ?",
        (entry_id,),
    ).fetchone()


REBUILD_FROM = 4  # the ledger holds fewer than 4× the rows loaded: indexes rebuilt after the load


@contextmanager
def bulk_load(connection: sqlite3.Connection, expected_rows: int):
    """Around a large append inside a write transaction: indexes of `entry` rebuilt once at the end.

    Inserting into indexes row by row costs random B-tree writes; sorting once
    after the load is cheaper when the load is large compared with the ledger
    (200,000 rows into an empty ledger: 0.5 s insert + 0.55 s rebuild instead of
    3.8 s). Measured into a 200,000-entry ledger: 10,000 rows 0.56 s kept / 0.93 s
    rebuilt, 40,000 rows 1.59 / 1.46 s, 100,000 rows 3.37 / 2.09 s — so the
    indexes are dropped when the file brings at least a quarter of what the
    ledger holds (`REBUILD_FROM`), and, if the body finishes, created again from
    their own SQL inside the same transaction. If the body raises, the
    transaction is rolled back and brings them back unchanged.

    Gives whether the indexes were dropped: lookups inside the load (an import's duplicate checks) must
    then read the ledger through another connection, which still has them — without, each lookup is a
    scan of the whole table (6,000 rows into a 20,000-entry ledger took a minute)."""
    from thidua_cli.storage.dialect import is_postgres

    held = connection.execute("SELECT MAX(id) FROM entry").fetchone()[0] or 0  # ids are dense: append-only
    if held >= REBUILD_FROM * expected_rows or is_postgres(connection):
        yield False
        return
    indexes = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'entry' AND sql IS NOT NULL ORDER BY name"
    ).fetchall()
    for name, _ in indexes:
        connection.execute(f'DROP INDEX "{name}"')
    yield True
    # SQLite sorts for CREATE INDEX on helper threads only when asked (`PRAGMA threads`, 0 by default):
    # the second core is free once the rows are in (the checking process has ended): 2.6-2.9 s instead of 4.6 s
    # for the indexes of 1,000,000 rows (measured with the fingerprint index schema 17 dropped still among them).
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    connection.execute(f"PRAGMA threads = {min(cores, 4) if cores > 1 else 0}")
    try:
        for _, sql in indexes:
            connection.execute(sql)
    finally:
        connection.execute("PRAGMA threads = 0")


def initiative_notes(connection, campaign_id: int, criteria: list[str], start, end) -> list[tuple[str, str]]:
    """(subject code, note) of the live entries with points in these criteria (the campaign's `initiative` ones)
    between two days: the sáng kiến each subject was credited with."""
    if not criteria:
        return []
    return [tuple(row) for row in connection.execute(
        "SELECT s.code, e.note FROM entry e JOIN subject s ON s.id = e.subject_id JOIN criterion c ON c.id = e.criterion_id "
        f"WHERE e.campaign_id = ? AND c.code IN ({', '.join('?' * len(criteria))}) AND e.day >= ? AND e.day <= ? "
        "AND e.points > 0 AND NOT EXISTS (SELECT 1 FROM void v WHERE v.entry_id = e.id) ORDER BY e.id",
        (campaign_id, *criteria, start.isoformat(), end.isoformat()),
    )]
