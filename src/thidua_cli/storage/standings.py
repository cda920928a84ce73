"""The one SQL aggregation behind every standings table, and the subjects it ranks."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from thidua_cli.domain.models import Subject
from thidua_cli.storage.subjects import subject_columns, subject_from_row

# Portable SQL (SQLite ≥ 3.30 and PostgreSQL run aggregate FILTER clauses).
# One row per subject with entries in the period: how many entries, how many
# of them negative, then Σ points per criterion in the order asked for (NULL:
# no entry) — and the same again for the entries since a given day, when
# asked (the monthly report: the month and the total to its end in one scan).
# Grouped by subject alone, the covering index ix_entry_scoring (campaign,
# subject, criterion, day, points) delivers the rows in group order (no
# temporary B-tree), and 20,000 rows come back instead of 200,000 cells.
# Voids are few: instead of testing each of a million entries against the
# void table, the first branch sums every entry and the second, reached
# through the void table, gives the voided ones negated, to be added
# (CROSS JOIN: SQLite keeps the void table as the outer loop).
_SUMS_SQL = """
SELECT e.subject_id, {columns}
FROM entry e
WHERE e.campaign_id = ?{days}
GROUP BY e.subject_id
UNION ALL
SELECT e.subject_id, {voided}
FROM void v CROSS JOIN entry e
WHERE e.id = v.entry_id AND e.campaign_id = ?{days}
GROUP BY e.subject_id
"""
_DAYS = " AND e.day >= ? AND e.day <= ?"
# Two index seeks: MIN and MAX each read one end of ix_entry_by_day.
_EXTENT_SQL = "SELECT (SELECT MIN(day) FROM entry WHERE campaign_id = ?), (SELECT MAX(day) FROM entry WHERE campaign_id = ?)"


def _columns(criterion_ids: Sequence[int], since: str | None, sign: str = "") -> tuple[list[str], list]:
    """The aggregates of one part (all entries, or those since a day) and their parameters, in order."""
    day = " AND e.day >= ?" if since else ""
    columns = [f"{sign}COUNT(*)" + (" FILTER (WHERE e.day >= ?)" if since else ""), f"{sign}COUNT(*) FILTER (WHERE e.points < 0{day})"]
    parameters: list = [since, since] if since else []
    for criterion_id in criterion_ids:
        columns.append(f"{sign}SUM(e.points) FILTER (WHERE e.criterion_id = ?{day})")
        parameters += [criterion_id, since] if since else [criterion_id]
    return columns, parameters


def sums_query(criterion_ids: Sequence[int], campaign_id: int, period: tuple[str, str] | None, since: str | None = None) -> tuple[str, tuple]:
    """The query and its parameters; `period` None: no date test (the period holds every entry)."""
    counted, parameters = _columns(criterion_ids, None)
    voided, _ = _columns(criterion_ids, None, "-")
    if since:
        more, more_parameters = _columns(criterion_ids, since)
        counted, voided, parameters = counted + more, voided + _columns(criterion_ids, since, "-")[0], parameters + more_parameters
    branch = (*parameters, campaign_id, *(period or ()))
    query = _SUMS_SQL.format(columns=",\n  ".join(counted), voided=",\n  ".join(voided), days=_DAYS if period else "")
    return query, branch + branch


def subject_sums(
    connection: sqlite3.Connection, campaign_id: int, criteria: Sequence[str], start: str, end: str
) -> dict[int, tuple]:
    """subject id → (entries, negative entries, Σ points of each criterion code in `criteria`), voids left out.

    A criterion's Σ is None when the subject has no entry for it, 0 when all were voided. The
    dates are left out of the query when the period holds all the campaign's entries (the
    default period, from the start to today): a test per entry, a tenth of the query's time."""
    return _sums(connection, campaign_id, criteria, start, end, None)[0]


def subject_sums_since(
    connection: sqlite3.Connection, campaign_id: int, criteria: Sequence[str], start: str, since: str, end: str
) -> tuple[dict[int, tuple], dict[int, tuple]]:
    """`subject_sums` from `start` to `end`, and from `since` to `end`, in one scan."""
    return _sums(connection, campaign_id, criteria, start, end, since)


def _sums(connection, campaign_id, criteria, start, end, since) -> list[dict[int, tuple]]:
    first, last = connection.execute(_EXTENT_SQL, (campaign_id, campaign_id)).fetchone()
    days = first is not None and not (start <= first and last <= end)
    ids = dict(connection.execute("SELECT code, id FROM criterion WHERE campaign_id = ?", (campaign_id,)))
    query, parameters = sums_query([ids[code] for code in criteria], campaign_id, (start, end) if days else None, since)
    width = 2 + len(criteria)
    parts: list[dict[int, tuple]] = [{} for _ in range(2 if since else 1)]
    for row in connection.execute(query, parameters):
        subject_id = row[0]
        for index, sums in enumerate(parts):
            values = row[1 + index * width: 1 + (index + 1) * width]
            counted = sums.get(subject_id)
            sums[subject_id] = values if counted is None else tuple(map(_add, counted, values))
    return parts


def _add(counted: int | None, voided: int | None) -> int | None:
    if voided is None:
        return counted
    return voided if counted is None else counted + voided


def active_subjects(connection: sqlite3.Connection) -> tuple[list[Subject], bool]:
    """Every active subject, in the order of the stored name-order keys, and whether all have one
    (a subject inserted behind thidua's back has none: the order must then be computed)."""
    rows = connection.execute(
        f"SELECT {subject_columns('s')}, o.sort_key IS NULL FROM subject s LEFT JOIN name_order o ON o.subject_id = s.id "
        "WHERE s.active ORDER BY o.sort_key, s.id"
    ).fetchall()
    return [subject_from_row(row) for row in rows], not any(row[-1] for row in rows)


def recount(connection: sqlite3.Connection, campaign_id: int, subject_id: int, criteria: Sequence[str], start: str, end: str) -> tuple[int, int]:
    """(entries, negative entries) of one subject in the period, for the given criterion codes only."""
    marks = ", ".join("?" for _ in criteria)
    return connection.execute(
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE e.points < 0) FROM entry e JOIN criterion c ON c.id = e.criterion_id "
        f"WHERE e.campaign_id = ? AND e.subject_id = ? AND e.day >= ? AND e.day <= ? AND c.code IN ({marks}) "
        "AND e.id NOT IN (SELECT v.entry_id FROM void v)",
        (campaign_id, subject_id, start, end, *criteria),
    ).fetchone()
