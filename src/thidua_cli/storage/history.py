"""Award history (khen thưởng đã nhận): what `requires` checks and what a Báo cáo thành tích lists.

Rows come from three sources: `manual` (awards add), `import` (awards import)
and `decision` (record-decision, linked to its decision, round and campaign,
with the money paid). Rows of a decision that was corrected stay, but count
nowhere (`storage.decisions.LIVE_HISTORY`); listings leave them out unless
asked. Award codes are free text: a history row may name an award no campaign
in the ledger offers ("CSTDCS"), then its `name` says what it is.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from thidua_cli.domain.models import HistoryAward
from thidua_cli.storage.decisions import LIVE_HISTORY


@dataclass(frozen=True)
class NewHistory:
    subject_id: int
    award: str
    name: str
    number: str
    day: date | None
    issuer: str
    source: str  # manual | import | decision
    recorded_at: str
    round_id: int | None = None
    campaign_id: int | None = None
    amount: int | None = None
    category: str = "hinh-thuc"
    award_kind: str = "cong-trang"
    year: int | None = None
    import_id: int | None = None
    decision_id: int | None = None
    position: str | None = None  # the chức vụ a file or the office gave; None: the one the register holds now


def insert_history(connection: sqlite3.Connection, rows: list[NewHistory]) -> int:
    connection.executemany(
        "INSERT INTO award_history (subject_id, award, name, number, day, issuer, source, round_id, campaign_id, amount, "
        "recorded_at, category, award_kind, year, import_id, decision_id, position) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, (SELECT s.position FROM subject s WHERE s.id = ?)))",
        [
            (r.subject_id, r.award, r.name, r.number, r.day.isoformat() if r.day else None, r.issuer, r.source, r.round_id,
             r.campaign_id, r.amount, r.recorded_at, r.category, r.award_kind,
             r.year if r.year is not None else (r.day.year if r.day else None), r.import_id, r.decision_id,
             r.position, r.subject_id)
            for r in rows
        ],
    )
    return len(rows)


HISTORY_SQL = """
SELECT h.id, s.code, s.name, s.kind, h.award, h.name, h.number, h.day, h.issuer, h.source, r.number, h.amount,
       c.code, h.recorded_at, h.round_id, h.category, h.award_kind, h.year, fixed.number, h.position
FROM award_history h
LEFT JOIN decision fixed ON fixed.corrects = h.decision_id
JOIN subject s ON s.id = h.subject_id
LEFT JOIN round r ON r.id = h.round_id
LEFT JOIN campaign c ON c.id = h.campaign_id
"""


@dataclass(frozen=True)
class HistoryRow:
    id: int
    subject: str
    subject_name: str
    kind: str
    award: HistoryAward
    campaign: str | None
    recorded_at: str
    round_id: int | None
    corrected_by: str | None = None  # number of the decision that corrected the one granting this row
    position: str = ""  # the person's chức vụ when the award was recorded


def history_rows(
    connection: sqlite3.Connection, subject_ids: list[int] | None = None, include_corrected: bool = False
) -> Iterator[HistoryRow]:
    """The awards in force (unless `include_corrected`) of the subjects named (or all), by day, one at a time:
    a province's history read for a round is tens of thousands of rows, of which callers keep a part."""
    where, params = _where(subject_ids, include_corrected)
    return map(_history_row, connection.execute(HISTORY_SQL + where + " ORDER BY h.day, h.id", params))


def list_history(
    connection: sqlite3.Connection, subject_ids: list[int] | None = None, include_corrected: bool = False
) -> list[HistoryRow]:
    return list(history_rows(connection, subject_ids, include_corrected))


def _where(subject_ids: list[int] | None, include_corrected: bool) -> tuple[str, list]:
    """The awards in force (unless `include_corrected`), of the subjects named (or all)."""
    params: list = []
    conditions = [] if include_corrected else ["fixed.id IS NULL"]
    if subject_ids is not None:
        conditions.append("h.subject_id IN (" + (", ".join("?" for _ in subject_ids) or "NULL") + ")")
        params.extend(subject_ids)
    return (" WHERE " + " AND ".join(conditions) if conditions else ""), params


def _history_row(r: tuple) -> HistoryRow:
    award = HistoryAward(
        subject=r[1], award=r[4], name=r[5] or "", number=r[6] or "", day=date.fromisoformat(r[7]) if r[7] else None,
        issuer=r[8] or "", source=r[9], round=r[10], amount=r[11], extra={"campaign": r[12]} if r[12] else {},
        category=r[15], award_kind=r[16], year=r[17],
    )
    return HistoryRow(r[0], r[1], r[2], r[3], award, r[12], r[13], r[14], r[18], r[19] or "")


def _listing_query(subject_ids: list[int] | None, include_corrected: bool = False) -> tuple[str, list]:
    """What `awards` lists: the awards in force, unless `include_corrected` (as in `list_history`)."""
    where, params = _where(subject_ids, include_corrected)
    return HISTORY_SQL + "LEFT JOIN name_order n ON n.subject_id = h.subject_id\n" + where, params


def history_in_listing_order(
    connection: sqlite3.Connection, subject_ids: list[int] | None = None, include_corrected: bool = False
) -> Iterator[HistoryRow]:
    """`awards` order: collectives, then individuals, each in Vietnamese name order (stored keys), and each
    subject's awards by decision date (undated first), then as recorded; read one row at a time."""
    sql, params = _listing_query(subject_ids, include_corrected)
    sql += (
        " ORDER BY CASE s.kind WHEN 'collective' THEN 0 WHEN 'individual' THEN 1 ELSE 2 END, n.sort_key, "
        "h.day IS NOT NULL, h.day, h.id"
    )
    for r in connection.execute(sql, params):
        yield _history_row(r)


def count_history(connection: sqlite3.Connection, subject_ids: list[int] | None = None, include_corrected: bool = False) -> int:
    sql, params = _listing_query(subject_ids, include_corrected)
    return connection.execute(f"SELECT COUNT(*) FROM ({sql}) AS listed", params).fetchone()[0]


def count_in_force(connection) -> tuple[int, int]:
    """(awards in force, rows of decisions corrected since): `awards` lists the first, `--include-corrected` both.
    One statement without parameters, for a file and a server alike (`db status`)."""
    total, live = connection.execute(
        f"SELECT COUNT(*), COALESCE(SUM(CASE WHEN {LIVE_HISTORY} THEN 1 ELSE 0 END), 0) FROM award_history h"
    ).fetchone()
    return int(live), int(total) - int(live)


def codes_by_subject(connection: sqlite3.Connection) -> dict[str, set[str]]:
    """subject code -> every award code in its history (what `requires` is checked against)."""
    result: dict[str, set[str]] = {}
    for code, award in connection.execute(
        f"SELECT s.code, h.award FROM award_history h JOIN subject s ON s.id = h.subject_id WHERE {LIVE_HISTORY}"
    ):
        result.setdefault(code, set()).add(award)
    return result


def named_codes(connection: sqlite3.Connection) -> list[tuple[str, str]]:
    """(award code, name) pairs of the history where the code is not the name itself."""
    return list(connection.execute("SELECT DISTINCT award, name FROM award_history WHERE name <> '' AND award <> name"))


def history_key(subject_id: int, award: str, number: str | None, day: str | None, year: int | None) -> tuple:
    """(subject id, award code folded, number, ISO date): what makes a row a duplicate. A row with neither number
    nor date (award history kept by year) is told by its year instead: LĐTT 2022 and LĐTT 2023 are two awards."""
    return (subject_id, award.casefold(), number or "", day if day or number else f"năm {year}")


def history_keys(connection: sqlite3.Connection) -> set[tuple]:
    """`history_key` of every row."""
    return {
        history_key(subject_id, award, number, day, year)
        for subject_id, award, number, day, year in connection.execute(
            "SELECT subject_id, award, number, day, year FROM award_history")
    }


def recorded_terms(connection: sqlite3.Connection) -> dict[tuple, tuple[str, str, int | None]]:
    """`history_keys` → (issuer, award kind, year) of the row: an import row equal on the key that says otherwise is named."""
    return {
        history_key(subject_id, award, number, day, year): (issuer, award_kind, year)
        for subject_id, award, number, day, issuer, award_kind, year in connection.execute(
            "SELECT subject_id, award, number, day, issuer, award_kind, year FROM award_history")
    }


def held_years(connection: sqlite3.Connection) -> set[tuple[int, str, int]]:
    """(subject id, award code folded, the year it is for) of every row: an award of a year the ledger holds
    already, written again without its number (award history kept by year), is no new award."""
    return {(subject_id, award.casefold(), year)
            for subject_id, award, year in connection.execute("SELECT subject_id, award, year FROM award_history")
            if year is not None}


def decided_in_round(connection: sqlite3.Connection, round_id: int) -> list[tuple[str, str, str, str | None]]:
    """(subject code, award code, decision number, ISO date) granted by this round's live decisions."""
    return [
        tuple(row)
        for row in connection.execute(
            "SELECT s.code, h.award, h.number, h.day FROM award_history h JOIN subject s ON s.id = h.subject_id "
            f"WHERE h.round_id = ? AND h.source = 'decision' AND {LIVE_HISTORY} ORDER BY h.id",
            (round_id,),
        )
    ]


@dataclass(frozen=True)
class TitlePaid:
    """A danh hiệu of one year paid by a decision in force: what a later, higher one of that year has been paid already."""

    subject_id: int
    award: str
    name: str
    amount: int
    number: str
    decision_id: int
    round_id: int | None


def titles_paid(connection: sqlite3.Connection, subject_ids: list[int], year: int) -> list[TitlePaid]:
    """The danh hiệu of `year` the subjects were paid for by decisions in force, in the order they were recorded."""
    titles: list[tuple[int, TitlePaid]] = []  # with the row's id: the order recorded, across the statements
    for start in range(0, len(subject_ids), 500):  # a province's round: more subjects than a statement takes parameters
        part = subject_ids[start:start + 500]
        sql = (
            "SELECT h.id, h.subject_id, h.award, h.name, h.amount, h.number, h.decision_id, h.round_id FROM award_history h "
            f"WHERE h.source = 'decision' AND h.category = 'danh-hieu' AND h.year = ? AND h.amount > 0 "
            f"AND h.subject_id IN ({', '.join('?' * len(part))}) AND h.decision_id IS NOT NULL AND {LIVE_HISTORY}"
        )
        titles.extend((row[0], TitlePaid(*row[1:])) for row in connection.execute(sql, [year, *part]))
    return [title for _, title in sorted(titles, key=lambda pair: pair[0])]


def titles_paid_by_subject(connection: sqlite3.Connection, subject_ids: list[int], year: int) -> dict[int, list[TitlePaid]]:
    """`titles_paid`, by subject id: what the money rules of a later danh hiệu of the year read."""
    grouped: dict[int, list[TitlePaid]] = {}
    for title in titles_paid(connection, subject_ids, year):
        grouped.setdefault(title.subject_id, []).append(title)
    return grouped
