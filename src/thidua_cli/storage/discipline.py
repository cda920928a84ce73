"""Disciplinary measures in the ledger. Rows are only added; a cancelled one stays, marked."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from thidua_cli.storage.dialect import new_id

_SELECT = (
    "SELECT d.id, s.code, s.name, s.kind, d.year, d.form, d.number, d.day, d.reason, d.recorded_by, d.recorded_at, "
    "d.cancelled_at, d.cancelled_by, d.cancel_reason FROM discipline d JOIN subject s ON s.id = d.subject_id"
)


@dataclass(frozen=True)
class DisciplineRow:
    id: int
    subject: str
    subject_name: str
    kind: str
    year: int
    form: str
    number: str
    day: date | None
    reason: str
    recorded_by: str
    recorded_at: str
    cancelled_at: str | None
    cancelled_by: str | None
    cancel_reason: str | None


def _row(values) -> DisciplineRow:
    day = values[7]  # ISO text on both engines
    return DisciplineRow(*values[:7], date.fromisoformat(day) if day else None, *values[8:])


def disciplines(connection: sqlite3.Connection, subject_id: int | None = None, year: int | None = None,
                with_cancelled: bool = False, dated_in: int | None = None,
                dated_between: tuple[date, date] | None = None) -> list[DisciplineRow]:
    """The measures in force (or all), of one subject, counted against one `year`, or whose decision is dated in
    the year `dated_in` (a decision number is one document of its year), or between two days (a report's period)."""
    sql, where, params = _SELECT, [], []
    if dated_in is not None:
        where.append("substr(d.day, 1, 4) = ?")
        params.append(f"{dated_in:04d}")
    if dated_between is not None:
        where.append("d.day >= ? AND d.day <= ?")
        params.extend(day.isoformat() for day in dated_between)
    if not with_cancelled:
        where.append("d.cancelled_at IS NULL")
    if subject_id is not None:
        where.append("d.subject_id = ?")
        params.append(subject_id)
    if year is not None:
        where.append("d.year = ?")
        params.append(year)
    if where:
        sql += " WHERE " + " AND ".join(where)
    return [_row(values) for values in connection.execute(sql + " ORDER BY d.year, d.id", params)]


def get(connection: sqlite3.Connection, discipline_id: int) -> DisciplineRow | None:
    values = connection.execute(_SELECT + " WHERE d.id = ?", (discipline_id,)).fetchone()
    return _row(values) if values else None


def by_subject(connection: sqlite3.Connection) -> dict[str, list[tuple[int, str, str]]]:
    """subject code → (year, form, decision number) of the measures in force: what the award rules read."""
    found: dict[str, list[tuple[int, str, str]]] = {}
    for row in disciplines(connection):
        found.setdefault(row.subject, []).append((row.year, row.form, row.number))
    return found


def insert(connection: sqlite3.Connection, subject_id: int, year: int, form: str, number: str, day: date | None,
           reason: str, recorded_by: str, recorded_at: str) -> int:
    return new_id(connection.execute(
        "INSERT INTO discipline (subject_id, year, form, number, day, reason, recorded_by, recorded_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (subject_id, year, form, number, day.isoformat() if day else None, reason, recorded_by, recorded_at),
    ))


def cancel(connection: sqlite3.Connection, discipline_id: int, at: str, by: str, reason: str) -> None:
    connection.execute(
        "UPDATE discipline SET cancelled_at = ?, cancelled_by = ?, cancel_reason = ? WHERE id = ?",
        (at, by, reason, discipline_id),
    )
