"""Verifying the ledger: the hash chains of entries and voids, and the facts `thidua check` judges.

The chain of a table is verified in one streamed pass (one row in memory at a
time, hashlib only): for each record, in id order,

1. the fingerprint is recomputed from the record's content (campaign,
   subject, criterion, day, points, note, evidence) — a mismatch means the
   content was changed behind thidua's back;
2. the record hash is recomputed from the previous hash, the id, the
   fingerprint, who recorded it and when — a mismatch means those columns
   (or the stored hashes) were changed;
3. `prev_hash` must equal the stored hash of the record before it — a
   mismatch means the record before was rewritten, hashes recomputed;
4. ids are contiguous from 1 and end at the head thidua recorded in `meta`:
   a gap is a deleted record, a shortfall deleted newest records, rows past
   the head were appended by something other than thidua. On a server from
   schema version 15 ids come from sequences (`server_ids`) and may skip:
   from the first such id on, each campaign chain's head and count in
   `chain_head` say where its records end instead.

An unkeyed chain cannot stop someone who recomputes every hash after the
record they change and rewrites `meta`; it does catch every edit made with an
ordinary SQLite tool.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from thidua_cli.domain.checks import (
    APPENDED, BEHIND, CONTENT, COUNT, DELETED, HEAD, NO_COUNT, NO_HEAD, RECORD, RECORD_CODES, REPLACED, UNLINKED,
)
from thidua_cli.storage import schema
from thidua_cli.storage.hashchain import GENESIS, SEAL_CODES, entry_seal


@dataclass(frozen=True)
class ChainBreak:
    table: str  # entry | void
    kind: str
    first: int
    last: int
    follower: int | None = None  # REPLACED, UNLINKED: the record that no longer follows `first` in its chain
    campaign: str | None = None  # a campaign chain's head (`chain_head`) against its records: the campaign's code


# a void is chained with its entry's campaign (schema version 14, `storage.chains`)
_VOID_SQL = (
    "SELECT v.id, v.entry_id, v.reason, v.recorded_by, v.recorded_at, v.prev_hash, v.hash, e.campaign_id "
    "FROM void v LEFT JOIN entry e ON e.id = v.entry_id ORDER BY v.id"
)


def _entry_sql(sealed: bool) -> str:
    return (
        "SELECT id, campaign_id, subject_id, criterion_id, day, points, note, evidence, recorded_by, recorded_at, "
        f"fingerprint, prev_hash, hash, {'seal' if sealed else '1'} FROM entry ORDER BY id"
    )


def has_seal_column(connection: sqlite3.Connection) -> bool:
    """Schema version 9 on: entries say which hash form sealed them, and chain heads carry counts."""
    from thidua_cli.storage.dialect import column_names

    return "seal" in column_names(connection, "entry")


def code_maps(connection: sqlite3.Connection) -> tuple[dict, dict, dict]:
    """id -> code of every campaign, subject and criterion (20,000 subjects: a few MB, read once)."""
    return tuple(
        dict(connection.execute(f"SELECT id, code FROM {table}")) for table in ("campaign", "subject", "criterion")
    )


def _text(value) -> str:
    """How a column took part in the hash; a value of another type (changed by hand) cannot match."""
    if type(value) is str:
        return value
    if type(value) is int:
        return str(value)
    return f"\x00{type(value).__name__}:{value!r}"


def _code(codes: dict, key) -> str:
    value = codes.get(key)
    return value.casefold() if type(value) is str else _text(value)


def verify_chain(connection: sqlite3.Connection, table: str, batch: int = 5000) -> Iterator[ChainBreak]:
    """Every break in the hash chains of `table` ("entry" or "void"), in id order, then what is wrong
    with the heads and counts kept for them.

    Records from `chains.chains_from` on are chained by campaign, the ones before as the one old chain.
    A reader who may not see every row (an office on a shared server) verifies the campaign chains it
    can read; the gaps other offices' rows leave in the ids, and the old chain, are not its to judge."""
    from itertools import islice

    from thidua_cli.storage.chains import campaign_key, chains_from
    from thidua_cli.storage.dialect import judges_whole_ledger, streamed
    from thidua_cli.storage.server_ids import sequence_from

    sealed_ledger = has_seal_column(connection)
    record_faults = _entry_faults(code_maps(connection)) if table == "entry" else _void_faults  # a row by itself
    chained_from = chains_from(connection, table)
    by_campaign = chained_from is not None
    sees_all = judges_whole_ledger(connection)
    # ids from a sequence (a server, version 15) may skip: from there on the campaign chains alone judge
    dense_until = sequence_from(connection, table)
    dense_ids = dense_until is None
    if dense_ids:
        dense_until = float("inf")
    cursor = iter(streamed(connection, _entry_sql(sealed_ledger) if table == "entry" else _VOID_SQL))
    expected_id = 1
    previous_hash = GENESIS  # of the old chain
    chain_ends: dict[int, list] = {}  # campaign -> [last id, last hash, records]
    last_gap = 0  # the id after the latest gap: a link across it cannot be judged
    last_id = 0
    seen = 0
    broken = False  # records missing (the count cannot be judged)
    faulted = False  # any other fault named
    while True:
        rows = list(islice(cursor, batch))
        if not rows:
            break
        for row in rows:
            record_id = row[0]
            if type(record_id) is not int:
                continue  # INTEGER PRIMARY KEY: always int
            in_campaign_chain = by_campaign and record_id >= chained_from
            if not sees_all and not in_campaign_chain:
                # a record of the old single chain (before version 14) a reader of part of the ledger holds (an office
                # on the server, one campaign's archive): its link to the record before it is not this reader's to
                # judge, but its content and its seal are its own
                for kind in record_faults(row):
                    faulted = True
                    yield ChainBreak(table, kind, record_id, record_id)
                continue
            seen += 1
            if sees_all and record_id > expected_id and expected_id < dense_until:
                broken = True
                yield ChainBreak(table, DELETED, expected_id, min(record_id, dense_until) - 1)
                last_gap = record_id
            if table == "entry":
                campaign_id, prev_hash, digest = row[1], row[11], row[12]
            else:
                campaign_id, prev_hash, digest = row[7], row[5], row[6]
            if in_campaign_chain:
                chain = chain_ends.setdefault(campaign_key(campaign_id), [0, GENESIS, 0])
                link_known, expected_prev, before_id = chain[0] >= last_gap, chain[1], chain[0]
                chain[0], chain[1], chain[2] = record_id, digest, chain[2] + 1
            else:
                link_known, expected_prev, before_id = record_id == expected_id, previous_hash, record_id - 1
                previous_hash = digest
            if record_id < dense_until:
                expected_id = record_id + 1
            last_id = record_id
            faults = record_faults(row)
            for kind in faults:
                faulted = True
                yield ChainBreak(table, kind, record_id, record_id)
            if type(faults) is _Unjudged or faults[-1:] in ((RECORD,), (RECORD_CODES,)):
                continue
            if link_known and prev_hash != expected_prev:
                # This record is intact but no longer follows the one before it in its chain: that one
                # was rewritten, hashes recomputed — or, where ids may skip, records between were deleted.
                faulted = True
                kind = UNLINKED if record_id >= dense_until or not sees_all else REPLACED
                yield ChainBreak(table, kind, before_id, before_id, follower=record_id)
    if sees_all and dense_ids:
        for found in _head_breaks(connection, table, last_id, seen, broken, sealed_ledger):
            faulted = True
            yield found
    elif sees_all and expected_id < dense_until:
        # the newest records of the dense part, before the first id taken from a sequence
        yield ChainBreak(table, DELETED, expected_id, dense_until - 1)
    if by_campaign and not (sees_all and dense_ids and (broken or faulted)):
        yield from _campaign_head_breaks(connection, table, chain_ends)


_SEP = "\x1f"


class _Unjudged(tuple):
    """The faults of an entry whose campaign, subject or criterion is gone (the foreign-key check names it):
    its seal and its link cannot be judged."""


_UNJUDGED, _UNJUDGED_CONTENT = _Unjudged(()), _Unjudged((CONTENT,))


def _entry_faults(codes: tuple[dict, dict, dict]):
    """What is wrong with one entry row by itself: its content against its fingerprint, its record hash
    against what it was sealed from. `_UNJUDGED` (an object of its own) when its codes cannot be known."""
    campaigns, subjects, criteria = codes
    sha256 = hashlib.sha256

    def faults(row) -> tuple[str, ...]:
        (record_id, campaign_id, subject_id, criterion_id, day, points, note, evidence, recorded_by, recorded_at,
         fingerprint, prev_hash, digest, seal) = row
        content = _SEP.join((
            _text(campaign_id), _text(subject_id), _text(criterion_id), _text(day), _text(points), _text(note), _text(evidence),
        ))
        found = () if sha256(content.encode("utf-8", "surrogatepass")).hexdigest() == fingerprint else (CONTENT,)
        if seal == SEAL_CODES:
            if campaign_id not in campaigns or subject_id not in subjects or criterion_id not in criteria:
                return _UNJUDGED_CONTENT if found else _UNJUDGED
            sealed = _SEP.join((
                "entry2", _text(prev_hash), str(record_id), _text(fingerprint), _text(recorded_by), _text(recorded_at),
                _code(campaigns, campaign_id), _code(subjects, subject_id), _code(criteria, criterion_id),
            ))
            failed = RECORD_CODES
        else:
            sealed = _SEP.join(("entry", _text(prev_hash), str(record_id), _text(fingerprint), _text(recorded_by), _text(recorded_at)))
            failed = RECORD
        if sha256(sealed.encode("utf-8", "surrogatepass")).hexdigest() != digest:
            return (*found, failed)
        return found

    return faults


def _void_faults(row) -> tuple[str, ...]:
    record_id, entry_id, reason, recorded_by, recorded_at, prev_hash, digest, _ = row
    sealed = _SEP.join(("void", _text(prev_hash), str(record_id), _text(entry_id), _text(reason), _text(recorded_by), _text(recorded_at)))
    return () if hashlib.sha256(sealed.encode("utf-8", "surrogatepass")).hexdigest() == digest else (RECORD,)


def _campaign_head_breaks(connection, table: str, chain_ends: dict[int, list]) -> Iterator[ChainBreak]:
    """Each campaign chain's head (`chain_head`) against its records. Whoever sees every row has had
    these faults named already by the table's own head; this is what an office can judge of its own."""
    from thidua_cli.storage.chains import read_heads

    heads = read_heads(connection, table)
    codes = None
    for campaign in sorted(set(heads) | set(chain_ends)):
        last_id, last_hash, count = chain_ends.get(campaign, (0, GENESIS, 0))
        head_id, head_hash, head_count = heads.get(campaign, (0, GENESIS, 0))
        if (head_id, head_hash, head_count) == (last_id, last_hash, count):
            continue
        if codes is None:
            codes = dict(connection.execute("SELECT id, code FROM campaign"))
        name = str(codes.get(campaign, f"số {campaign}"))
        # first: what the head names (its record, or its count); last: what the records say
        if head_id != last_id:
            yield ChainBreak(table, DELETED if head_id > last_id else APPENDED, head_id, last_id, campaign=name)
        elif head_hash != last_hash:
            yield ChainBreak(table, HEAD, head_id, head_id, campaign=name)
        else:
            yield ChainBreak(table, COUNT, head_count, count, campaign=name)


def _head_breaks(
    connection: sqlite3.Connection, table: str, last_id: int, seen: int, broken: bool, counted: bool
) -> Iterator[ChainBreak]:
    """The head and count in `meta` against the rows found: neither is trusted alone.

    Every ledger since schema version 2 holds a head, even with no records, so a missing head
    is a deletion (someone wiping a table and its head). Since version 9 the count of records
    the head covers is kept too: moving the head back to an older record no longer passes."""
    head = schema.read_chain_head(connection, table)
    if head is None:
        if (schema.schema_version(connection) or 1) >= 2:
            yield ChainBreak(table, NO_HEAD, 0, seen)
        return
    head_id, head_hash = head
    if head_id > last_id:
        broken = True
        yield ChainBreak(table, DELETED, last_id + 1, head_id)
    elif head_id < last_id:
        broken = True
        yield ChainBreak(table, APPENDED, head_id + 1, last_id)
    if 0 < head_id <= last_id:
        row = connection.execute(f"SELECT hash FROM {table} WHERE id = ?", (head_id,)).fetchone()
        if row is not None and row[0] != head_hash:
            yield ChainBreak(table, HEAD, head_id, head_id)
    if not counted:
        return
    count = schema.read_chain_count(connection, table)
    if count is None:
        yield ChainBreak(table, NO_COUNT, head_id, seen)
    elif head_id < count:
        yield ChainBreak(table, BEHIND, head_id, count)
    elif head_id > count or (count != seen and not broken):
        yield ChainBreak(table, COUNT, count, seen)


def reseal_entries(connection: sqlite3.Connection, batch: int = 5000) -> None:
    """Rewrite every entry's chain with seal 2 (bound to today's codes), in id order; only for a
    chain that verified whole (the version-9 migration)."""
    campaigns, subjects, criteria = code_maps(connection)
    reader = connection.execute(
        "SELECT id, campaign_id, subject_id, criterion_id, fingerprint, recorded_by, recorded_at FROM entry ORDER BY id"
    )
    previous = GENESIS
    last_id = 0
    while True:
        rows = reader.fetchmany(batch)
        if not rows:
            break
        updates = []
        for record_id, campaign_id, subject_id, criterion_id, fingerprint, recorded_by, recorded_at in rows:
            digest = entry_seal(
                previous, record_id, fingerprint, recorded_by, recorded_at,
                campaigns[campaign_id], subjects[subject_id], criteria[criterion_id],
            )
            updates.append((previous, digest, SEAL_CODES, record_id))
            previous, last_id = digest, record_id
        connection.executemany("UPDATE entry SET prev_hash = ?, hash = ?, seal = ? WHERE id = ?", updates)
    schema.write_chain_head(connection, "entry", last_id, previous if last_id else None)


@dataclass(frozen=True)
class ForeignKeyViolation:
    table: str
    rowid: int
    column: str
    parent: str
    value: object


@dataclass(frozen=True)
class SchemaFacts:
    version: int | None
    application: str | None
    missing_tables: tuple[str, ...]
    missing_columns: tuple[tuple[str, str], ...]
    missing_indexes: tuple[tuple[str, str], ...]
    # one campaign's archive (`db copy … --campaign`): the campaign `meta` says it holds, and the codes of the
    # campaigns it does hold (one, that one, as written); None for a whole ledger
    archive: tuple[str, tuple[str, ...]] | None = None


@dataclass(frozen=True)
class MisappliedEntry:
    entry_id: int
    subject: str
    subject_kind: str
    criterion: str
    applies_to: str
    other_campaign: bool


@dataclass(frozen=True)
class CampaignDates:
    code: str
    start: str
    end: str


@dataclass(frozen=True)
class EntriesOutside:
    campaign: str
    start: str
    end: str
    count: int
    sample: tuple[int, ...]


@dataclass(frozen=True)
class UnusedSubject:
    code: str
    name: str


def _for_scanning(connection: sqlite3.Connection) -> None:
    """Whole-file reads: map the file and keep a larger page cache (check runs 1.5× faster on 1M entries)."""
    connection.execute("PRAGMA mmap_size = 1073741824")
    connection.execute("PRAGMA cache_size = -65536")


class SqliteFacts:
    """The facts the checks in `domain/checks.py` judge, read from one open ledger.

    With `path`, SQLite's own integrity check starts at once in a background thread on its own
    connection: it runs in C without the GIL, so it overlaps the hash-chain pass (the two slow
    parts on a big ledger, each about 9 s for 1M entries).
    `quick` uses `PRAGMA quick_check` (seconds instead of minutes on huge ledgers; indexes are not
    compared with their tables)."""

    def __init__(self, connection: sqlite3.Connection, path: str | None = None, quick: bool = False):
        self.connection = connection
        self.pragma = "quick_check" if quick else "integrity_check"
        _for_scanning(connection)
        self._background = None
        if path is not None:
            import threading

            self._result: list[str] | BaseException = []
            self._background = threading.Thread(target=self._integrity_in_background, args=(path,), daemon=True)
            self._background.start()

    def _integrity_in_background(self, path: str) -> None:
        try:
            from pathlib import Path

            connection = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=60)
            try:
                _for_scanning(connection)
                self._result = [row[0] for row in connection.execute(f"PRAGMA {self.pragma}")]
            finally:
                connection.close()
        except BaseException as error:  # noqa: BLE001 - handed over to sqlite_integrity()
            self._result = error

    def sqlite_integrity(self) -> list[str]:
        if self._background is not None:
            self._background.join()
            if isinstance(self._result, BaseException):
                raise self._result
            messages = self._result
        else:
            messages = [row[0] for row in self.connection.execute(f"PRAGMA {self.pragma}")]
        return [] if messages == ["ok"] else messages

    def schema(self) -> SchemaFacts:
        from sqlmodel import SQLModel

        from thidua_cli.storage import tables  # noqa: F401

        meta = {}
        try:
            meta = dict(self.connection.execute("SELECT key, value FROM meta"))
        except sqlite3.OperationalError:
            pass
        version = schema.schema_version(self.connection)
        present = {row[0] for row in self.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing_tables, missing_columns, missing_indexes = [], [], []
        for table in SQLModel.metadata.sorted_tables:
            if table.name not in present:
                missing_tables.append(table.name)
                continue
            columns = {row[1] for row in self.connection.execute(f'PRAGMA table_info("{table.name}")')}
            missing_columns += [(table.name, c.name) for c in table.columns if c.name not in columns]
            indexes = {row[1] for row in self.connection.execute(f'PRAGMA index_list("{table.name}")')}
            missing_indexes += [(table.name, i.name) for i in sorted(table.indexes, key=lambda i: i.name) if i.name not in indexes]
        archive = None
        if schema.ARCHIVE_KEY in meta and "campaign" in present:
            held = tuple(row[0] for row in self.connection.execute("SELECT code FROM campaign ORDER BY id"))
            archive = (meta[schema.ARCHIVE_KEY], held)
        return SchemaFacts(version, meta.get("application"), tuple(missing_tables), tuple(missing_columns), tuple(missing_indexes),
                           archive)

    def foreign_key_violations(self) -> Iterator[ForeignKeyViolation]:
        from thidua_cli.storage.dialect import archived_campaign
        from thidua_cli.storage.engine_copy import is_open_reference

        archive = archived_campaign(self.connection) is not None
        keys: dict[str, dict[int, tuple[str, str]]] = {}
        for table, rowid, parent, fkid in self.connection.execute("PRAGMA foreign_key_check").fetchall():
            if table == "name_order":
                continue  # a sort key kept for a subject deleted by hand: the entries pointing at it are what matters
            if archive and is_open_reference(table, parent):
                continue  # award history and corrections of campaigns one campaign's archive does not hold
            if table not in keys:
                keys[table] = {row[0]: (row[3], row[2]) for row in self.connection.execute(f'PRAGMA foreign_key_list("{table}")')}
            column, _ = keys[table].get(fkid, ("?", parent))
            value = None
            if rowid is not None and column != "?":
                found = self.connection.execute(f'SELECT "{column}" FROM "{table}" WHERE rowid = ?', (rowid,)).fetchone()
                value = found[0] if found else None
            yield ForeignKeyViolation(table, rowid, column, parent, value)

    def chain_breaks(self, table: str) -> Iterable[ChainBreak]:
        return verify_chain(self.connection, table)

    def change_log_problems(self):
        """Changes to rules, subjects, awards, rounds or voids made outside thidua (`storage.changelog`)."""
        from thidua_cli.storage.changelog import verify

        return verify(self.connection)

    def misapplied_entries(self) -> Iterator[MisappliedEntry]:
        """Entries (not voided) whose criterion does not apply to the subject's kind, or belongs to another campaign."""
        for row in self.connection.execute(
            "SELECT e.id, s.code, s.kind, c.code, c.applies_to, c.campaign_id <> e.campaign_id "
            "FROM entry e JOIN subject s ON s.id = e.subject_id JOIN criterion c ON c.id = e.criterion_id "
            "WHERE NOT EXISTS (SELECT 1 FROM void v WHERE v.entry_id = e.id) "
            "AND (c.campaign_id <> e.campaign_id OR (c.applies_to <> 'both' AND c.applies_to <> s.kind)) ORDER BY e.id"
        ):
            yield MisappliedEntry(row[0], row[1], row[2], row[3], row[4], bool(row[5]))

    def campaign_dates(self) -> list[CampaignDates]:
        return [CampaignDates(*row) for row in self.connection.execute('SELECT code, start, "end" FROM campaign ORDER BY code')]

    def entries_outside_dates(self, sample: int = 10) -> list[EntriesOutside]:
        found = []
        for code, start, end, campaign_id in self.connection.execute('SELECT code, start, "end", id FROM campaign ORDER BY code').fetchall():
            where = (
                "FROM entry e WHERE e.campaign_id = ? AND (e.day < ? OR e.day > ?) "
                "AND NOT EXISTS (SELECT 1 FROM void v WHERE v.entry_id = e.id)"
            )
            count = self.connection.execute(f"SELECT COUNT(*) {where}", (campaign_id, start, end)).fetchone()[0]
            if count:
                ids = tuple(r[0] for r in self.connection.execute(f"SELECT e.id {where} ORDER BY e.id LIMIT {sample}", (campaign_id, start, end)))
                found.append(EntriesOutside(code, start, end, count, ids))
        return found

    def unused_subjects(self) -> list[UnusedSubject]:
        """Subjects with no entry and no award history, that are not the unit of anyone.

        Each side is read once and kept as a set SQLite indexes (`IN (subquery)`), so the cost is
        n log n in entries and subjects, not subjects × subjects as a correlated lookup on
        `unit` (which has no index) would be."""
        from thidua_cli.storage.dialect import own_subjects

        scope, parameters = own_subjects(self.connection)  # an office cannot see other offices' entries
        return [
            UnusedSubject(code, name)
            for code, name in self.connection.execute(
                "SELECT s.code, s.name FROM subject s "
                "WHERE s.id NOT IN (SELECT subject_id FROM entry) "
                "AND s.id NOT IN (SELECT subject_id FROM award_history) "
                "AND s.code NOT IN (SELECT unit FROM subject WHERE unit IS NOT NULL) "
                f"AND s.name NOT IN (SELECT unit FROM subject WHERE unit IS NOT NULL){scope} "
                "ORDER BY s.code", parameters,
            )
        ]


class ServerFacts(SqliteFacts):
    """The same facts read from a PostgreSQL server. The server keeps its own pages and refuses a
    broken reference itself, so those two checks have nothing to find there."""

    def __init__(self, connection):
        self.connection = connection
        self.pragma = "integrity_check"
        self._background = None

    def sqlite_integrity(self) -> list[str]:
        return []

    def foreign_key_violations(self) -> Iterator[ForeignKeyViolation]:
        return iter(())

    def schema(self) -> SchemaFacts:
        from sqlmodel import SQLModel

        from thidua_cli.storage import postgres, tables  # noqa: F401
        from thidua_cli.storage.dialect import column_names

        present = postgres.table_names(self.connection)
        meta = dict(self.connection.execute("SELECT key, value FROM meta")) if "meta" in present else {}
        indexes = {row[0] for row in self.connection.execute("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")}
        missing_tables, missing_columns, missing_indexes = [], [], []
        for table in SQLModel.metadata.sorted_tables:
            if table.name not in present:
                missing_tables.append(table.name)
                continue
            columns = set(column_names(self.connection, table.name))
            missing_columns += [(table.name, c.name) for c in table.columns if c.name not in columns]
            missing_indexes += [(table.name, i.name) for i in sorted(table.indexes, key=lambda i: i.name) if i.name not in indexes]
        version = postgres.schema_version(self.connection)
        return SchemaFacts(version, meta.get("application"), tuple(missing_tables), tuple(missing_columns), tuple(missing_indexes))
