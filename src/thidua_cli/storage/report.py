"""The SQL behind the monthly report: aggregations over one period's entries.

Every query counts the campaign's entries dated in [start, end] that are not
voided, and sums in the database (GROUP BY), never row by row in Python. The
SQL is portable (SQLite and PostgreSQL); a one-month query is answered from the
covering index ix_entry_by_day. Rounds and award history are read defensively:
they are filled by other commands and may be empty, or hold what an older
version wrote.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date

from thidua_cli.domain.report import DecidedAward, EntryLine, ProposedAward, UnitSum
from thidua_cli.storage.decisions import LIVE_HISTORY
from thidua_cli.storage.subjects import SUBJECT_WIDTH, subject_columns, subject_from_row

_COUNTED = """e.campaign_id = :campaign AND e.day >= :start AND e.day <= :end
  AND NOT EXISTS (SELECT 1 FROM void v WHERE v.entry_id = e.id)"""

BY_CRITERION_SQL = f"""
SELECT c.code, COUNT(*), SUM(e.points)
FROM entry e JOIN criterion c ON c.id = e.criterion_id
WHERE {_COUNTED}
GROUP BY c.code
"""

# A unit is a collective: a collective counts under its own code, an individual under its unit.
_UNIT = "CASE WHEN s.kind = 'collective' THEN s.code ELSE s.unit END"
BY_UNIT_SQL = f"""
SELECT {_UNIT}, COUNT(*), SUM(e.points), COUNT(DISTINCT e.subject_id)
FROM entry e JOIN subject s ON s.id = e.subject_id
WHERE {_COUNTED}
GROUP BY {_UNIT}
"""

BY_DAY_SQL = f"""
SELECT e.day, COUNT(*), SUM(e.points)
FROM entry e
WHERE {_COUNTED}
GROUP BY e.day
ORDER BY e.day
"""

NEGATIVE_SQL = f"""
SELECT COALESCE(SUM(e.points), 0) FROM entry e WHERE {_COUNTED} AND e.points < 0
"""

_LISTED = f"""
SELECT e.id, e.day, {subject_columns("s")},
       c.code, c.name, e.points, e.note, e.evidence
FROM entry e
JOIN subject s ON s.id = e.subject_id
JOIN criterion c ON c.id = e.criterion_id
WHERE {_COUNTED} AND {{condition}}
ORDER BY e.day, e.id
LIMIT :limit
"""

_COUNT = f"""
SELECT COUNT(*) FROM entry e JOIN criterion c ON c.id = e.criterion_id WHERE {_COUNTED} AND {{condition}}
"""

# The criterion is tested on the index (a subquery of ids) before any entry row is read for its note:
# a month without initiatives then costs 26 ms instead of 133 ms on a million entries.
INITIATIVE = "e.criterion_id IN (SELECT i.id FROM criterion i WHERE i.initiative = :flag) AND e.points > 0"
PENALTY = "e.points < 0"

# The note of each chosen subject's highest-scoring achievement in the period (a penalty is no highlight).
# The few top subjects drive the query: their entries are read through ix_entry_scoring
# (campaign, subject). The dates are tested inside a CASE so that no planner takes the
# month's range of ix_entry_by_day instead (then fetching every entry's note of the month:
# 0.24 s against 1 ms on a million entries). CROSS JOIN keeps `subject` as the outer loop.
HIGHLIGHT_SQL = """
SELECT code, note FROM (
  SELECT s.code AS code, e.note AS note,
         ROW_NUMBER() OVER (PARTITION BY e.subject_id ORDER BY e.points DESC, e.day, e.id) AS place
  FROM subject s CROSS JOIN entry e
  WHERE s.code IN ({marks}) AND e.subject_id = s.id AND e.campaign_id = :campaign
    AND CASE WHEN e.day >= :start AND e.day <= :end THEN 1 ELSE 0 END = 1
    AND NOT EXISTS (SELECT 1 FROM void v WHERE v.entry_id = e.id) AND e.note <> '' AND e.points > 0
) best
WHERE place = 1
"""


def _window(campaign_id: int, start: date, end: date) -> dict:
    return {"campaign": campaign_id, "start": start.isoformat(), "end": end.isoformat()}


def criterion_sums(connection: sqlite3.Connection, campaign_id: int, start: date, end: date) -> list[tuple[str, int, int]]:
    return [tuple(row) for row in connection.execute(BY_CRITERION_SQL, _window(campaign_id, start, end))]


def unit_sums(connection: sqlite3.Connection, campaign_id: int, start: date, end: date) -> list[UnitSum]:
    return [UnitSum(*row) for row in connection.execute(BY_UNIT_SQL, _window(campaign_id, start, end))]


def day_sums(connection: sqlite3.Connection, campaign_id: int, start: date, end: date) -> list[tuple[date, int, int]]:
    return [
        (date.fromisoformat(str(day)), entries, points)
        for day, entries, points in connection.execute(BY_DAY_SQL, _window(campaign_id, start, end))
    ]


VOIDED_SQL = """
SELECT v.reason, COUNT(*), MIN(v.recorded_at)
FROM entry e JOIN void v ON v.entry_id = e.id
WHERE e.campaign_id = :campaign AND e.day >= :start AND e.day <= :end
GROUP BY v.reason
ORDER BY MIN(v.recorded_at), v.reason
"""


def voided_entries(connection: sqlite3.Connection, campaign_id: int, start: date, end: date) -> list[tuple[str, int, str]]:
    """(reason, entries, first voided at) of the entries dated in the period voided since: not counted, but told."""
    return [(row[0], int(row[1]), str(row[2])) for row in connection.execute(VOIDED_SQL, _window(campaign_id, start, end))]


def negative_points(connection: sqlite3.Connection, campaign_id: int, start: date, end: date) -> int:
    return connection.execute(NEGATIVE_SQL, _window(campaign_id, start, end)).fetchone()[0]


def listed_entries(
    connection: sqlite3.Connection, campaign_id: int, start: date, end: date, condition: str, limit: int
) -> tuple[list[EntryLine], int]:
    """Entries matching `condition` (INITIATIVE or PENALTY): the first `limit` of them, and how many in all."""
    assert condition in (INITIATIVE, PENALTY)
    parameters = _window(campaign_id, start, end) | {"flag": True, "limit": limit}
    width = SUBJECT_WIDTH
    lines = []
    for row in connection.execute(_LISTED.format(condition=condition), parameters):
        subject = subject_from_row(row[2:2 + width])
        code, name, points, note, evidence = row[2 + width:]
        lines.append(EntryLine(row[0], date.fromisoformat(str(row[1])), subject, code, name, points, note or "", evidence or ""))
    total = connection.execute(_COUNT.format(condition=condition), parameters).fetchone()[0]
    return lines, total


def highlights(connection: sqlite3.Connection, campaign_id: int, start: date, end: date, codes: list[str]) -> dict[str, str]:
    if not codes:
        return {}
    marks = ", ".join(f":code{i}" for i in range(len(codes)))
    parameters = _window(campaign_id, start, end) | {f"code{i}": code for i, code in enumerate(codes)}
    return {code: note for code, note in connection.execute(HIGHLIGHT_SQL.format(marks=marks), parameters)}


def _day(text) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10]) if text else None
    except ValueError:
        return None


def proposed_awards(connection: sqlite3.Connection, campaign_id: int, start: date, end: date, award_names: dict) -> list[ProposedAward]:
    """The proposals of the rounds dated in the period (the round's stored result, read defensively).

    A round is dated as its documents are (the tờ trình's date, stored with the round), else by when it was
    stored: a year-end round prepared on 25/12 and typed in on 7/1 belongs to the year it is dated in. A
    campaign has a handful of rounds: they are read whole and their date is taken from the stored result."""
    try:
        rows = connection.execute(
            "SELECT number, created_at, result FROM round WHERE campaign_id = ? AND cancelled_at IS NULL ORDER BY number",
            (campaign_id,),
        ).fetchall()
    except sqlite3.DatabaseError:
        return []
    proposed = []
    for number, created_at, result in rows:
        try:
            data = json.loads(result or "{}")
        except ValueError:
            continue
        dated = _day(data.get("date") if isinstance(data, dict) and data.get("date") else created_at)
        if dated is None or not start <= dated <= end:
            continue
        items = data.get("proposals") if isinstance(data, dict) else None
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, dict):
                continue
            award = str(item.get("award") or "")
            proposed.append(ProposedAward(
                round=number, day=dated, award=award,
                award_name=str(item.get("award_name") or award_names.get(award, award)),
                subject=str(item.get("subject") or ""), name=str(item.get("name") or item.get("subject") or ""),
                kind=item.get("kind"),
            ))
    return proposed


def decided_awards(connection: sqlite3.Connection, campaign_id: int, start: date, end: date, award_names: dict) -> list[DecidedAward]:
    """Awards granted by a decision dated in the period (award_history, source "decision")."""
    try:
        rows = connection.execute(
            "SELECT s.code, s.name, s.kind, h.award, h.name, h.number, h.day, h.issuer "
            "FROM award_history h JOIN subject s ON s.id = h.subject_id "
            f"WHERE h.source = 'decision' AND {LIVE_HISTORY} AND h.day >= ? AND h.day <= ? "
            "AND (h.campaign_id = ? OR h.round_id IN (SELECT r.id FROM round r WHERE r.campaign_id = ?)) "
            "ORDER BY h.day, h.number, h.id",
            (start.isoformat(), end.isoformat(), campaign_id, campaign_id),
        ).fetchall()
    except sqlite3.DatabaseError:
        return []
    return [
        DecidedAward(
            subject=code, name=name, kind=kind, award=award or "", award_name=award_name or award_names.get(award, award or ""),
            number=number or "", day=_day(day), issuer=issuer or "",
        )
        for code, name, kind, award, award_name, number, day, issuer in rows
    ]
