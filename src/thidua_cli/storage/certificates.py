"""The granted awards a batch of certificates is printed for: award history written by decisions."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from thidua_cli.domain.models import Subject
from thidua_cli.storage.decisions import LIVE_HISTORY
from thidua_cli.storage.subjects import SUBJECT_WIDTH, subject_columns, subject_from_row


@dataclass(frozen=True)
class GrantedAward:
    """One award_history row with source 'decision', with its subject and the round's period."""

    history_id: int
    subject: Subject
    award: str
    award_name: str
    number: str
    day: date | None
    issuer: str
    round_number: int
    period_from: date
    period_to: date
    year: int | None = None  # the year the award is for (a danh hiệu's year: `award_history.year`)


def granted_awards(
    connection: sqlite3.Connection, campaign_id: int, round_number: int | None = None, decision_number: str | None = None,
) -> list[GrantedAward]:
    """The campaign's decided awards of one round or of one decision number, in the order recorded. The rows
    of a decision corrected since are left out: its correction's rows stand for them."""
    sql = (
        f"SELECT {subject_columns('s')}, h.id, h.award, h.name, h.number, h.day, h.issuer, r.number, r.period_from, r.period_to, h.year "
        "FROM award_history h JOIN subject s ON s.id = h.subject_id JOIN round r ON r.id = h.round_id "
        f"WHERE h.source = 'decision' AND h.campaign_id = ? AND {LIVE_HISTORY}"
    )
    params: list = [campaign_id]
    if round_number is not None:
        sql += " AND r.number = ?"
        params.append(round_number)
    if decision_number is not None:
        sql += " AND h.number = ?"
        params.append(decision_number)
    rows = []
    for row in connection.execute(sql + " ORDER BY h.id", params):
        rest = row[SUBJECT_WIDTH:]
        rows.append(GrantedAward(
            history_id=rest[0], subject=subject_from_row(row[:SUBJECT_WIDTH]), award=rest[1], award_name=rest[2] or rest[1],
            number=rest[3] or "", day=date.fromisoformat(rest[4]) if rest[4] else None, issuer=rest[5] or "",
            round_number=rest[6], period_from=date.fromisoformat(rest[7]), period_to=date.fromisoformat(rest[8]),
            year=rest[9],
        ))
    return rows


def decision_numbers(connection: sqlite3.Connection, campaign_id: int) -> list[str]:
    """Every live decision number recorded for the campaign (named in a refusal)."""
    return [
        number for (number,) in connection.execute(
            f"SELECT DISTINCT h.number FROM award_history h WHERE h.source = 'decision' AND h.campaign_id = ? AND {LIVE_HISTORY} "
            "ORDER BY h.number", (campaign_id,)
        )
    ]
