"""Decisions (quyết định khen thưởng) in the ledger: one row per decision of one deciding authority.

- A decision belongs to one round and one authority (as the campaign's awards
  name it); the award-history rows it granted point to it (`decision_id`).
- Append-only: a correction is a new decision whose `corrects` names the wrong
  one (at most one correction each). A decision is *live* while nothing
  corrects it; only live decisions' history rows count (`LIVE_HISTORY`) for
  `requires`, money, reports and the one-achievement-one-award rule.
- `number_key` is the number folded (case, diacritics, spaces) so that
  "35/QĐ-STTTT" and "35/qd-stttt" are one number. Numbers restart every
  calendar year (NĐ 30/2020 Điều 15 k1: the number is the order of the
  document in the year), so a number is taken per year of the decision date.
Call the writers inside `Ledger.write()`.
"""

from __future__ import annotations

from thidua_cli.storage.dialect import new_id

import sqlite3
from dataclasses import dataclass
from datetime import date

from thidua_cli.domain.vntext import fold_key

# An award-history row (alias h) that no correction has replaced: manual and imported rows, and
# rows of decisions no other decision corrects.
LIVE_HISTORY = "NOT EXISTS (SELECT 1 FROM decision fix WHERE fix.corrects = h.decision_id)"


def number_key(number: str) -> str:
    return "".join(fold_key(number).split())


@dataclass(frozen=True)
class DecisionRow:
    id: int
    round_id: int
    round_number: int
    campaign: str
    authority: str
    number: str
    day: date
    recorded_at: str
    recorded_by: str
    corrects: int | None
    reason: str | None
    corrected_by: int | None  # the decision correcting this one; None while it is live

    @property
    def live(self) -> bool:
        return self.corrected_by is None


_SELECT = """
SELECT d.id, d.round_id, r.number, c.code, d.authority, d.number, d.day, d.recorded_at, d.recorded_by, d.corrects,
       d.reason, fix.id
FROM decision d
JOIN round r ON r.id = d.round_id
JOIN campaign c ON c.id = d.campaign_id
LEFT JOIN decision fix ON fix.corrects = d.id
"""


def _row(row: tuple) -> DecisionRow:
    return DecisionRow(
        id=row[0], round_id=row[1], round_number=row[2], campaign=row[3], authority=row[4], number=row[5],
        day=date.fromisoformat(row[6]), recorded_at=row[7], recorded_by=row[8] or "", corrects=row[9], reason=row[10],
        corrected_by=row[11],
    )


def insert_decision(
    connection: sqlite3.Connection, round_id: int, campaign_id: int, authority: str, number: str, day: date,
    recorded_at: str, recorded_by: str, corrects: int | None = None, reason: str | None = None,
) -> int:
    cursor = connection.execute(
        "INSERT INTO decision (round_id, campaign_id, authority, number, number_key, day, recorded_at, recorded_by, "
        "corrects, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (round_id, campaign_id, authority, number, number_key(number), day.isoformat(), recorded_at, recorded_by,
         corrects, reason),
    )
    return new_id(cursor)


def first_of_chain(connection: sqlite3.Connection) -> dict[int, int]:
    """decision id -> the id of the decision its chain of corrections began with (itself when it corrects none):
    the order decisions were first made in, which corrections keep."""
    corrects = dict(connection.execute("SELECT id, corrects FROM decision").fetchall())
    first: dict[int, int] = {}
    for decision_id in corrects:
        chain = [decision_id]
        while corrects.get(chain[-1]) is not None and chain[-1] not in first:
            chain.append(corrects[chain[-1]])
        root = first.get(chain[-1], chain[-1])
        for link in chain:
            first[link] = root
    return first


def of_round(connection: sqlite3.Connection, round_id: int) -> list[DecisionRow]:
    """Every decision of a round, corrected ones included, in the order recorded."""
    return [_row(r) for r in connection.execute(_SELECT + " WHERE d.round_id = ? ORDER BY d.id", (round_id,))]


def of_campaign(connection: sqlite3.Connection, campaign_id: int) -> list[DecisionRow]:
    return [_row(r) for r in connection.execute(_SELECT + " WHERE d.campaign_id = ? ORDER BY d.id", (campaign_id,))]


def with_number(connection: sqlite3.Connection, number: str, year: int | None = None) -> list[DecisionRow]:
    """Decisions with this number (folded), of one calendar year when given."""
    sql = _SELECT + " WHERE d.number_key = ?"
    params: list = [number_key(number)]
    if year is not None:
        sql += " AND substr(d.day, 1, 4) = ?"
        params.append(f"{year:04d}")
    return [_row(r) for r in connection.execute(sql + " ORDER BY d.id", params)]


def latest_correction(connection: sqlite3.Connection, decision: DecisionRow) -> DecisionRow:
    """The live decision that (through one correction or several) stands for `decision` now."""
    fixes = {d.id: d for d in of_round(connection, decision.round_id)}
    latest = decision
    while latest.corrected_by in fixes:
        latest = fixes[latest.corrected_by]
    return latest


@dataclass(frozen=True)
class GrantedRow:
    """A live award-history row granted by a decision of a round: what the one-award rule compares."""

    history_id: int
    subject_id: int
    subject: str
    subject_name: str
    award: str
    name: str
    issuer: str
    amount: int | None
    round_id: int
    round_number: int
    period_from: date
    period_to: date
    decision_id: int
    number: str
    day: date


def granted(connection: sqlite3.Connection, campaign_id: int, decision_id: int | None = None,
            round_id: int | None = None) -> list[GrantedRow]:
    """Live history rows granted by the campaign's decisions (or by one round's; or by one decision, live or not)."""
    sql = (
        "SELECT h.id, s.id, s.code, s.name, h.award, h.name, h.issuer, h.amount, r.id, r.number, r.period_from, "
        "r.period_to, d.id, d.number, d.day FROM award_history h JOIN subject s ON s.id = h.subject_id "
        "JOIN decision d ON d.id = h.decision_id JOIN round r ON r.id = d.round_id WHERE "
    )
    if decision_id is None:
        sql += "d.campaign_id = ? AND " + LIVE_HISTORY
        params: tuple = (campaign_id,)
        if round_id is not None:
            sql += " AND d.round_id = ?"
            params += (round_id,)
    else:
        sql += "d.id = ?"
        params = (decision_id,)
    return [
        GrantedRow(
            history_id=r[0], subject_id=r[1], subject=r[2], subject_name=r[3], award=r[4], name=r[5], issuer=r[6],
            amount=r[7], round_id=r[8], round_number=r[9], period_from=date.fromisoformat(r[10]),
            period_to=date.fromisoformat(r[11]), decision_id=r[12], number=r[13], day=date.fromisoformat(r[14]),
        )
        for r in connection.execute(sql + " ORDER BY h.id", params)
    ]


def awards_of_decisions(connection: sqlite3.Connection, round_id: int) -> dict[int, list[str]]:
    """decision id -> the award codes its history rows grant (in the order recorded)."""
    found: dict[int, dict[str, None]] = {}
    for decision_id, award in connection.execute(
        "SELECT decision_id, award FROM award_history WHERE round_id = ? AND decision_id IS NOT NULL ORDER BY id", (round_id,)
    ):
        found.setdefault(decision_id, {}).setdefault(award)
    return {key: list(codes) for key, codes in found.items()}


def copy_for_correction(
    connection: sqlite3.Connection, amounts: dict[int, int | None], decision_id: int, number: str, day: date, recorded_at: str,
) -> None:
    """The corrected decision's history rows again, under the correcting decision, its number, date and money."""
    connection.executemany(
        "INSERT INTO award_history (subject_id, award, name, number, day, issuer, source, round_id, campaign_id, amount, "
        "recorded_at, category, award_kind, year, decision_id, position) "
        "SELECT subject_id, award, name, ?, ?, issuer, source, round_id, campaign_id, ?, ?, category, award_kind, year, ?, position "
        "FROM award_history WHERE id = ?",
        [(number, day.isoformat(), amount, recorded_at, decision_id, history_id) for history_id, amount in amounts.items()],
    )
