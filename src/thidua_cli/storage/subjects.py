"""Subjects (tập thể, cá nhân) in the ledger."""

from __future__ import annotations

from thidua_cli.storage.dialect import new_id

import json
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timezone
from decimal import Decimal

from thidua_cli.domain.models import SUBJECT_DETAIL_FIELDS, Subject, build_frozen
from thidua_cli.domain.scoring import name_sort_bytes
from thidua_cli.domain.vntext import fold_key, match_key

SUBJECT_COLUMNS = "id, code, name, kind, unit, position, gender, female_percent, blocked, block_reason, active"
SUBJECT_WIDTH = len(SUBJECT_COLUMNS.split(", "))


def subject_columns(alias: str) -> str:
    """The columns `subject_from_row` reads, of the subject table named `alias` in a join."""
    return ", ".join(f"{alias}.{column}" for column in SUBJECT_COLUMNS.split(", "))


def subject_from_row(row: tuple) -> Subject:
    # build_frozen: `all_subjects` builds 20,000 of them for every standings table
    return build_frozen(Subject, {
        "code": row[1], "name": row[2], "kind": row[3], "unit": row[4], "position": row[5], "gender": row[6],
        "female_percent": None if row[7] is None else Decimal(row[7]), "blocked": bool(row[8]),
        "block_reason": row[9], "active": bool(row[10]), "id": row[0], "details": {},
    })


def all_subjects(connection: sqlite3.Connection) -> list[Subject]:
    return [subject_from_row(row) for row in connection.execute(f"SELECT {SUBJECT_COLUMNS} FROM subject")]


def collective_names(connection: sqlite3.Connection) -> list[tuple[str, str]]:
    """(code, name) of every collective subject."""
    return connection.execute("SELECT code, name FROM subject WHERE kind = 'collective'").fetchall()


def subject_agencies(connection: sqlite3.Connection) -> dict[int, tuple[int, str]]:
    """subject id -> (agency id, agency code) of every subject that belongs to an agency (none on most files)."""
    return {
        subject_id: (agency_id, code)
        for subject_id, agency_id, code in connection.execute(
            "SELECT s.id, s.agency_id, a.code FROM subject s JOIN agency a ON a.id = s.agency_id"
        )
    }


def others_subjects(connection: sqlite3.Connection, subject_id: int | None = None) -> dict[int, str]:
    """subject id -> whose it is ('của cơ quan so-a', 'chưa thuộc cơ quan nào') for every subject this role reads but may
    not change (or only `subject_id`, when it is one): on a shared server an office changes only its own agency's
    (`row_security`); none elsewhere."""
    from thidua_cli.storage.dialect import sees_every_row, writing_agency

    if sees_every_row(connection):
        return {}
    own = writing_agency(connection) or None
    one = " WHERE s.id = ?" if subject_id is not None else ""
    return {
        found_id: f"của cơ quan {code}" if code else "chưa thuộc cơ quan nào"
        for found_id, agency_id, code in connection.execute(
            f"SELECT s.id, s.agency_id, a.code FROM subject s LEFT JOIN agency a ON a.id = s.agency_id{one}",
            () if subject_id is None else (subject_id,),
        )
        if agency_id != own
    }


def campaign_agency_id(connection: sqlite3.Connection, campaign_id: int) -> int | None:
    row = connection.execute("SELECT agency_id FROM campaign WHERE id = ?", (campaign_id,)).fetchone()
    return row[0] if row else None


def agency_elsewhere(connection: sqlite3.Connection, subject_id: int, campaign_id: int) -> str | None:
    """The code of the agency the subject belongs to, when that is not the campaign's (both belonging to one)."""
    row = connection.execute(
        "SELECT a.code FROM subject s JOIN campaign c ON c.id = ? JOIN agency a ON a.id = s.agency_id "
        "WHERE s.id = ? AND c.agency_id IS NOT NULL AND s.agency_id <> c.agency_id", (campaign_id, subject_id),
    ).fetchone()
    return row[0] if row else None


def subjects_in_listing_order(connection: sqlite3.Connection, kind: str | None = None) -> Iterator[Subject]:
    """Collectives, then individuals, each in Vietnamese name order (the stored `name_order` keys),
    ties by id (as a stable sort by `domain.scoring.name_sort_key` of the rows in id order), read one row at a time."""
    columns = ", ".join(f"s.{c}" for c in SUBJECT_COLUMNS.split(", "))
    sql = (
        f"SELECT {columns} FROM subject s LEFT JOIN name_order n ON n.subject_id = s.id "
        "WHERE s.kind IN ('collective', 'individual')" + (" AND s.kind = ?" if kind else "")
        + " ORDER BY CASE s.kind WHEN 'collective' THEN 0 ELSE 1 END, n.sort_key, s.id"
    )
    for row in connection.execute(sql, (kind,) if kind else ()):
        yield subject_from_row(row)


def subject_by_code(connection: sqlite3.Connection, code: str) -> Subject | None:
    """The subject of this code, whatever the case it is typed in: SQL's lower() knows only ASCII (SQLite's, and a
    server's in the C locale), so "đtn" for ĐTN is also looked up as Python writes it in capitals and in small."""
    for sql, value in ((f"SELECT {SUBJECT_COLUMNS} FROM subject WHERE code = ?", code),
                       (f"SELECT {SUBJECT_COLUMNS} FROM subject WHERE lower(code) = lower(?)", code),
                       (f"SELECT {SUBJECT_COLUMNS} FROM subject WHERE code = ?", code.upper()),
                       (f"SELECT {SUBJECT_COLUMNS} FROM subject WHERE code = ?", code.lower())):
        row = connection.execute(sql, (value,)).fetchone()
        if row is not None:
            return subject_from_row(row)
    return None


def subject_details(connection: sqlite3.Connection, subject_id: int) -> dict:
    """One subject's personal or unit details (SUBJECT_DETAIL_FIELDS → text), for a báo cáo thành tích."""
    row = connection.execute("SELECT details FROM subject WHERE id = ?", (subject_id,)).fetchone()
    if row is None or not row[0]:
        return {}
    try:
        stored = json.loads(row[0])
    except ValueError:
        return {}
    return stored if isinstance(stored, dict) else {}


def _merged_details(stored: dict, incoming: dict) -> dict:
    """A file's details over the stored ones: a value typed replaces, a cell left empty keeps what was known."""
    merged = {**stored, **{key: value for key, value in incoming.items() if value}}
    return {key: merged[key] for key in (*SUBJECT_DETAIL_FIELDS, *sorted(set(merged) - set(SUBJECT_DETAIL_FIELDS))) if key in merged}


def _details_text(details: dict) -> str:
    return json.dumps(details, ensure_ascii=False)


def subjects_by_key(connection: sqlite3.Connection, column: str, key: str) -> list[Subject]:
    assert column in ("match_key", "fold_key")
    return [subject_from_row(row) for row in connection.execute(f"SELECT {SUBJECT_COLUMNS} FROM subject WHERE {column} = ?", (key,))]


def _values(subject: Subject) -> tuple:
    percent = None if subject.female_percent is None else str(subject.female_percent)
    return (
        subject.name, subject.kind, subject.unit, subject.position, subject.gender, percent,
        match_key(subject.name), fold_key(subject.name),
    )


_LOOK_UP = object()


def subject_status(connection: sqlite3.Connection, subject: Subject, existing=_LOOK_UP) -> str:
    """What `upsert_subject` would do: "added", "updated" or "unchanged".

    `existing` (the stored subject with that code, or None) may be given by a caller that loaded
    every subject once, so a large import does not look each code up (a case-insensitive scan)."""
    if existing is _LOOK_UP:
        existing = subject_by_code(connection, subject.code)
    if existing is None:
        return "added"
    if _values(existing)[:6] != _values(subject)[:6]:
        return "updated"
    if subject.details:
        stored = subject_details(connection, existing.id)
        if _merged_details(stored, subject.details) != stored:
            return "updated"
    return "unchanged"


def upsert_subject(connection: sqlite3.Connection, subject: Subject, existing=_LOOK_UP) -> str:
    """Insert or update by code; returns "added", "updated" or "unchanged"."""
    if existing is _LOOK_UP:
        existing = subject_by_code(connection, subject.code)
    status = subject_status(connection, subject, existing)
    values = _values(subject)
    if status == "added":
        subject_id = new_id(connection.execute(
            "INSERT INTO subject (name, kind, unit, position, gender, female_percent, match_key, fold_key, code, "
            "blocked, active, created_at, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            values + (subject.code, False, True, datetime.now(timezone.utc).isoformat(timespec="seconds"),
                      _details_text(_merged_details({}, subject.details))),
        ))
        write_name_orders(connection, [(subject_id, subject.kind, subject.name)])
    elif status == "updated":
        connection.execute(
            "UPDATE subject SET name = ?, kind = ?, unit = ?, position = ?, gender = ?, female_percent = ?, "
            "match_key = ?, fold_key = ? WHERE id = ?",
            values + (existing.id,),
        )
        if subject.details:
            merged = _merged_details(subject_details(connection, existing.id), subject.details)
            connection.execute("UPDATE subject SET details = ? WHERE id = ?", (_details_text(merged), existing.id))
        write_name_orders(connection, [(existing.id, subject.kind, subject.name)])
    return status


def write_name_orders(connection: sqlite3.Connection, subjects) -> None:
    """Store the name-order key of each (id, kind, name); the standings sort ties by it."""
    connection.executemany(
        "INSERT INTO name_order (subject_id, sort_key) VALUES (?, ?) "
        "ON CONFLICT (subject_id) DO UPDATE SET sort_key = excluded.sort_key",
        [(subject_id, name_sort_bytes(kind, name)) for subject_id, kind, name in subjects],
    )



def set_blocked(connection: sqlite3.Connection, subject_id: int, blocked: bool, reason: str | None) -> None:
    connection.execute("UPDATE subject SET blocked = ?, block_reason = ? WHERE id = ?", (blocked, reason, subject_id))


def subject_entry_counts(connection: sqlite3.Connection, subject_id: int) -> int:
    return connection.execute("SELECT COUNT(*) FROM entry WHERE subject_id = ?", (subject_id,)).fetchone()[0]


def award_history_held(connection: sqlite3.Connection, subject_id: int) -> list[tuple[str, int | None]]:
    """The subject's award history that counts (a corrected decision's awards do not): (name, year), oldest first."""
    from thidua_cli.storage.decisions import LIVE_HISTORY

    return [(name, year) for name, year in connection.execute(
        f"SELECT h.name, h.year FROM award_history h WHERE h.subject_id = ? AND {LIVE_HISTORY} ORDER BY h.year, h.id",
        (subject_id,),
    )]


def entries_stranded_by_kind(connection: sqlite3.Connection, subject_id: int, kind: str) -> int:
    """Entries (not voided) of the subject whose criterion would not apply if it became `kind`."""
    return connection.execute(
        "SELECT COUNT(*) FROM entry e JOIN criterion c ON c.id = e.criterion_id "
        "WHERE e.subject_id = ? AND c.applies_to <> 'both' AND c.applies_to <> ? "
        "AND NOT EXISTS (SELECT 1 FROM void v WHERE v.entry_id = e.id)",
        (subject_id, kind),
    ).fetchone()[0]
