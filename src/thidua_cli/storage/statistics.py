"""What the year's statistics count: every campaign and every award_history row, with the chức vụ the person held
when it was recorded (schema version 22)."""

from __future__ import annotations

import sqlite3
from datetime import date

from thidua_cli.domain.models import Campaign
from thidua_cli.domain.statistics import HistoryFact
from thidua_cli.storage.campaigns import campaign_codes, read_campaign
from thidua_cli.storage.decisions import LIVE_HISTORY


def all_campaigns(connection: sqlite3.Connection) -> list[Campaign]:
    return [read_campaign(connection, code) for code in campaign_codes(connection)]


def campaign_agencies(connection: sqlite3.Connection) -> list[str]:
    """The names of the agencies whose campaigns this role reads, by name (none on a ledger without agencies)."""
    return [row[0] for row in connection.execute(
        "SELECT DISTINCT a.name FROM campaign c JOIN agency a ON a.id = c.agency_id ORDER BY a.name")]


def history_facts(connection: sqlite3.Connection) -> list[HistoryFact]:
    """Every award this role reports (`dialect.own_awards`), but those of a decision corrected since."""
    from thidua_cli.storage.dialect import own_awards

    scope, parameters = own_awards(connection)
    return [
        HistoryFact(id=row[0], subject=row[1], name=row[2], kind=row[3], position=row[4] or "", award=row[5],
                    award_name=row[6] or "", award_kind=row[7], category=row[8], number=row[9] or "",
                    day=date.fromisoformat(row[10]) if row[10] else None, year=row[11])
        for row in connection.execute(
            "SELECT h.id, s.code, s.name, s.kind, h.position, h.award, h.name, h.award_kind, h.category, h.number, h.day, h.year "
            f"FROM award_history h JOIN subject s ON s.id = h.subject_id WHERE {LIVE_HISTORY}{scope} ORDER BY h.id", parameters
        )
    ]
