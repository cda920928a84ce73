"""The one SQL aggregation behind every standings table."""

from __future__ import annotations

import sqlite3

from thidua_cli.domain.scoring import CellSum

# Portable SQL (SQLite and PostgreSQL). The covering index ix_entry_scoring
# answers it without touching the table; voids are looked up by their unique index.
CELL_SUMS_SQL = """
SELECT e.subject_id, c.code, SUM(e.points), COUNT(*), SUM(CASE WHEN e.points < 0 THEN 1 ELSE 0 END)
FROM entry e
JOIN criterion c ON c.id = e.criterion_id
WHERE e.campaign_id = ? AND e.day >= ? AND e.day <= ?
  AND NOT EXISTS (SELECT 1 FROM void v WHERE v.entry_id = e.id)
GROUP BY e.subject_id, c.code
"""


def cell_sums(connection: sqlite3.Connection, campaign_id: int, start: str, end: str) -> list[CellSum]:
    return [CellSum(*row) for row in connection.execute(CELL_SUMS_SQL, (campaign_id, start, end))]
