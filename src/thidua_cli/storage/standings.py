"""The one SQL aggregation behind every standings table."""

from __future__ import annotations

import sqlite3

from thidua_cli.domain.scoring import CellSum

# Portable SQL (SQLite and PostgreSQL). Grouped by the criterion's id, not its
# code: the covering index ix_entry_scoring (campaign, subject, criterion, day,
# points) then delivers the rows already in group order, with no temporary
# B-tree (1M entries: 0.9 s instead of 1.5 s when grouping by the joined code).
# Voids are excluded with one uncorrelated NOT IN (void.entry_id is NOT NULL
# and unique), evaluated once, cheaper than a correlated NOT EXISTS per entry.
CELL_SUMS_SQL = """
SELECT e.subject_id, e.criterion_id, SUM(e.points), COUNT(*), SUM(CASE WHEN e.points < 0 THEN 1 ELSE 0 END)
FROM entry e
WHERE e.campaign_id = ? AND e.day >= ? AND e.day <= ?
  AND e.id NOT IN (SELECT v.entry_id FROM void v)
GROUP BY e.subject_id, e.criterion_id
"""


def cell_sums(connection: sqlite3.Connection, campaign_id: int, start: str, end: str) -> list[CellSum]:
    codes = dict(connection.execute("SELECT id, code FROM criterion WHERE campaign_id = ?", (campaign_id,)))
    return [
        CellSum(subject_id, codes[criterion_id], points, count, negatives)
        for subject_id, criterion_id, points, count, negatives in connection.execute(CELL_SUMS_SQL, (campaign_id, start, end))
    ]
