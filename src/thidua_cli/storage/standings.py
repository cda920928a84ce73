"""The one SQL aggregation behind every standings table, and the subjects it ranks."""

from __future__ import annotations

import sqlite3
from datetime import date
from collections.abc import Sequence

from thidua_cli.domain.models import Subject
from thidua_cli.storage.subjects import subject_columns, subject_from_row

# Portable SQL (SQLite ≥ 3.30 and PostgreSQL run aggregate FILTER clauses).
# One row per subject with entries in the period: how many entries, how many
# of them negative, then Σ points per criterion in the order asked for (NULL:
# no entry). Grouped by subject alone, the covering index ix_entry_scoring
# (campaign, subject, criterion, day, points) delivers the rows in group order
# (no temporary B-tree), and 20,000 rows come back instead of 200,000 cells.
# Voids are few: instead of testing each of a million entries against the
# void table, the first branch sums every entry and the second, reached
# through the void table, gives the voided ones negated, to be added
# (CROSS JOIN: SQLite keeps the void table as the outer loop).
_SUMS_SQL = """
SELECT {subject}, COUNT(*), COUNT(*) FILTER (WHERE e.points < 0){sums}
FROM entry e
WHERE e.campaign_id = ?{days}
GROUP BY {subject}
UNION ALL
SELECT e.subject_id, -COUNT(*), -COUNT(*) FILTER (WHERE e.points < 0){voided}
FROM void v CROSS JOIN entry e
WHERE e.id = v.entry_id AND e.campaign_id = ?{days}
GROUP BY e.subject_id
"""
_SUM = ",\n  SUM(e.points) FILTER (WHERE e.criterion_id = ?)"
_DAYS = " AND e.day >= ? AND e.day <= ?"
# A short period (a month of a year's campaign) reads only its own days from ix_entry_by_day
# (campaign, day, …) and sorts them by subject: 0.15 s against 0.35 s for reading the whole
# campaign in subject order, on a million entries. Grouping by an expression (selected as it
# is grouped, which PostgreSQL requires) keeps the planner from taking the subject order of
# ix_entry_scoring.
_BY_DAY = "e.subject_id + 0"
_SHORT = 6  # a period shorter than a sixth of the days the entries span is short
# Two index seeks: MIN and MAX each read one end of ix_entry_by_day.
_EXTENT_SQL = "SELECT (SELECT MIN(day) FROM entry WHERE campaign_id = ?), (SELECT MAX(day) FROM entry WHERE campaign_id = ?)"


def sums_sql(criteria: int, days: bool = True, short: bool = False) -> str:
    return _SUMS_SQL.format(
        sums=_SUM * criteria, voided=_SUM.replace("SUM", "-SUM") * criteria,
        days=_DAYS if days else "", subject=_BY_DAY if short else "e.subject_id",
    )


def subject_sums(
    connection: sqlite3.Connection, campaign_id: int, criteria: Sequence[str], start: str, end: str
) -> dict[int, tuple]:
    """subject id → (entries, negative entries, Σ points of each criterion code in `criteria`), voids left out.

    A criterion's Σ is None when the subject has no entry for it, 0 when all were voided. The
    dates are left out of the query when the period holds all the campaign's entries (the
    default period, from the start to today): a test per entry, a tenth of the query's time."""
    first, last = connection.execute(_EXTENT_SQL, (campaign_id, campaign_id)).fetchone()
    days = first is not None and not (start <= first and last <= end)
    short = days and _span(start, end) * _SHORT < _span(first, last)
    ids = dict(connection.execute("SELECT code, id FROM criterion WHERE campaign_id = ?", (campaign_id,)))
    branch = (*(ids[code] for code in criteria), campaign_id, *((start, end) if days else ()))  # in the order of the ? marks
    sums: dict[int, tuple] = {}
    for row in connection.execute(sums_sql(len(criteria), days, short), branch + branch):
        counted = sums.get(row[0])
        sums[row[0]] = row[1:] if counted is None else tuple(map(_add, counted, row[1:]))
    return sums


def _span(start: str, end: str) -> int:
    return (date.fromisoformat(str(end)[:10]) - date.fromisoformat(str(start)[:10])).days + 1


def _add(counted: int | None, voided: int | None) -> int | None:
    if voided is None:
        return counted
    return voided if counted is None else counted + voided


# The subjects a campaign ranks: those of its agency, those no agency holds, and those with entries in it. On a
# shared server every agency's subjects are readable (award history is the province's), but an office's standings,
# quotas and reports are its own people's; a campaign of no agency (a file, one office) ranks every subject. A
# person moved to another agency (`db agency move`) keeps what they achieved here: the campaign still ranks them.
CAMPAIGN_SUBJECTS = (
    "(s.agency_id IS NULL OR s.agency_id = (SELECT c.agency_id FROM campaign c WHERE c.id = {campaign}) "
    "OR (SELECT c.agency_id FROM campaign c WHERE c.id = {campaign}) IS NULL "
    "OR EXISTS (SELECT 1 FROM entry e WHERE e.campaign_id = {campaign} AND e.subject_id = s.id))"
)


def active_subjects(connection: sqlite3.Connection, campaign_id: int) -> tuple[list[Subject], bool]:
    """Every active subject the campaign ranks (`CAMPAIGN_SUBJECTS`), in the order of the stored name-order
    keys, and whether all have one (a subject inserted behind thidua's back has none: the order must then be computed)."""
    rows = connection.execute(
        f"SELECT {subject_columns('s')}, o.sort_key IS NULL FROM subject s LEFT JOIN name_order o ON o.subject_id = s.id "
        f"WHERE s.active = 1 AND {CAMPAIGN_SUBJECTS.format(campaign=':campaign')} ORDER BY o.sort_key, s.id",
        {"campaign": campaign_id},
    ).fetchall()
    return [subject_from_row(row) for row in rows], not any(row[-1] for row in rows)


RECOUNT_SQL = """
SELECT COUNT(*), COUNT(*) FILTER (WHERE e.points < 0) FROM entry e JOIN criterion c ON c.id = e.criterion_id
WHERE e.campaign_id = ? AND e.subject_id = ? AND e.day >= ? AND e.day <= ? AND c.code IN ({marks})
  AND e.id NOT IN (SELECT v.entry_id FROM void v)
"""


def recount(connection: sqlite3.Connection, campaign_id: int, subject_id: int, criteria: Sequence[str], start: str, end: str) -> tuple[int, int]:
    """(entries, negative entries) of one subject in the period, for the given criterion codes only."""
    query = RECOUNT_SQL.format(marks=", ".join("?" for _ in criteria))
    return connection.execute(query, (campaign_id, subject_id, start, end, *criteria)).fetchone()
