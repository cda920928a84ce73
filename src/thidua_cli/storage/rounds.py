"""Proposal rounds in the ledger: one row per `propose-awards` run, numbered per campaign.

The round as computed is kept whole as JSON in `round.result` (period,
proposals, ties, who ran it and when) so that it reads back exactly as it was
proposed, whatever is recorded later. The council vote is JSON in
`round.votes`; decisions, one per deciding authority, are records of their
own (`storage.decisions`), and `decision_number` / `decision_date` repeat the
agency head's own one for readers of older ledgers. A round is never deleted:
cancelling it sets `cancelled_at/by` and `cancel_reason`. Call the writers
inside `Ledger.write()`.
"""

from __future__ import annotations

from thidua_cli.storage.dialect import new_id

import json
import sqlite3
from dataclasses import dataclass
from datetime import date

_COLUMNS = (
    "id, campaign_id, number, period_from, period_to, created_at, created_by, result, votes, decision_number, decision_date, out_dir, "
    "cancelled_at, cancelled_by, cancel_reason"
)


@dataclass(frozen=True)
class RoundRow:
    id: int
    campaign_id: int
    number: int
    period_from: date
    period_to: date
    created_at: str
    created_by: str
    result: dict
    votes: dict | None
    decision_number: str | None
    decision_date: date | None
    out_dir: str | None
    cancelled_at: str | None = None
    cancelled_by: str | None = None
    cancel_reason: str | None = None

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None


def _row(row: tuple) -> RoundRow:
    return RoundRow(
        id=row[0], campaign_id=row[1], number=row[2], period_from=date.fromisoformat(row[3]),
        period_to=date.fromisoformat(row[4]), created_at=row[5], created_by=row[6] or "", result=json.loads(row[7]),
        votes=json.loads(row[8]) if row[8] else None, decision_number=row[9],
        decision_date=date.fromisoformat(row[10]) if row[10] else None, out_dir=row[11],
        cancelled_at=row[12], cancelled_by=row[13], cancel_reason=row[14],
    )


def _json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def next_number(connection: sqlite3.Connection, campaign_id: int) -> int:
    row = connection.execute("SELECT MAX(number) FROM round WHERE campaign_id = ?", (campaign_id,)).fetchone()
    return (row[0] or 0) + 1


def insert_round(
    connection: sqlite3.Connection, campaign_id: int, number: int, period_from: date, period_to: date,
    created_at: str, created_by: str, result: dict, out_dir: str | None,
) -> int:
    cursor = connection.execute(
        "INSERT INTO round (campaign_id, number, period_from, period_to, created_at, created_by, result, out_dir) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (campaign_id, number, period_from.isoformat(), period_to.isoformat(), created_at, created_by, _json(result), out_dir),
    )
    return new_id(cursor)


def get_round(connection: sqlite3.Connection, campaign_id: int, number: int) -> RoundRow | None:
    row = connection.execute(f"SELECT {_COLUMNS} FROM round WHERE campaign_id = ? AND number = ?", (campaign_id, number)).fetchone()
    return _row(row) if row else None


def list_rounds(connection: sqlite3.Connection, campaign_id: int) -> list[RoundRow]:
    return [_row(r) for r in connection.execute(f"SELECT {_COLUMNS} FROM round WHERE campaign_id = ? ORDER BY number", (campaign_id,))]


def round_numbers(connection: sqlite3.Connection, campaign_id: int) -> list[int]:
    return [r[0] for r in connection.execute("SELECT number FROM round WHERE campaign_id = ? ORDER BY number", (campaign_id,))]


def set_votes(connection: sqlite3.Connection, round_id: int, votes: dict) -> None:
    connection.execute("UPDATE round SET votes = ? WHERE id = ?", (_json(votes), round_id))


def set_result(connection: sqlite3.Connection, round_id: int, result: dict) -> None:
    """The round as it stands after a council vote that fell through to lower awards (new proposals)."""
    connection.execute("UPDATE round SET result = ? WHERE id = ?", (_json(result), round_id))


def set_decision(connection: sqlite3.Connection, round_id: int, number: str, day: date) -> None:
    connection.execute("UPDATE round SET decision_number = ?, decision_date = ? WHERE id = ?", (number, day.isoformat(), round_id))


def set_out_dir(connection: sqlite3.Connection, round_id: int, out_dir: str) -> None:
    connection.execute("UPDATE round SET out_dir = ? WHERE id = ?", (out_dir, round_id))


def cancel_round(connection: sqlite3.Connection, round_id: int, at: str, by: str, reason: str) -> None:
    connection.execute(
        "UPDATE round SET cancelled_at = ?, cancelled_by = ?, cancel_reason = ? WHERE id = ? AND cancelled_at IS NULL",
        (at, by, reason, round_id),
    )
