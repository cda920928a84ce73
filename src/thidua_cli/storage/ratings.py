"""Yearly ratings in the ledger. Rows are only added; the newest row of a subject and year is its rating."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

_CURRENT = (
    "SELECT r.id, s.code, s.name, s.kind, r.year, r.rating, r.source, r.recorded_by, r.recorded_at, r.subject_id "
    "FROM rating r JOIN subject s ON s.id = r.subject_id "
    "WHERE r.id = (SELECT MAX(n.id) FROM rating n WHERE n.subject_id = r.subject_id AND n.year = r.year)"
)


@dataclass(frozen=True)
class RatingRow:
    id: int
    subject: str
    subject_name: str
    kind: str
    year: int
    rating: str
    source: str
    recorded_by: str
    recorded_at: str
    subject_id: int


@dataclass(frozen=True)
class NewRating:
    subject_id: int
    year: int
    rating: str
    source: str
    recorded_by: str
    recorded_at: str
    batch_id: int | None = None


def current_ratings(connection: sqlite3.Connection, subject_ids: list[int] | None = None, year: int | None = None) -> list[RatingRow]:
    sql, params = _CURRENT, []
    if subject_ids is not None:
        sql += " AND r.subject_id IN (" + (", ".join("?" for _ in subject_ids) or "NULL") + ")"
        params.extend(subject_ids)
    if year is not None:
        sql += " AND r.year = ?"
        params.append(year)
    return [RatingRow(*row) for row in connection.execute(sql + " ORDER BY r.year, r.id", params)]


def ratings_by_subject(connection: sqlite3.Connection) -> dict[str, dict[int, str]]:
    """subject code → {year: rating}: what prerequisites over years read."""
    result: dict[str, dict[int, str]] = {}
    for row in current_ratings(connection):
        result.setdefault(row.subject, {})[row.year] = row.rating
    return result


def insert_ratings(connection: sqlite3.Connection, rows: list[NewRating]) -> int:
    connection.executemany(
        "INSERT INTO rating (subject_id, year, rating, source, recorded_by, recorded_at, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(r.subject_id, r.year, r.rating, r.source, r.recorded_by, r.recorded_at, r.batch_id) for r in rows],
    )
    return len(rows)
