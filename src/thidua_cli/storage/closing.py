"""What the closing report adds to the monthly report's numbers: every proposal and every decision
of the campaign (not only those dated in a month), with the money."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

from thidua_cli.domain.closing import GrantedLine, ProposedLine
from thidua_cli.storage.decisions import LIVE_HISTORY


def proposed_lines(connection: sqlite3.Connection, campaign_id: int, until: date) -> list[ProposedLine]:
    """The proposals of every round of the campaign proposed up to `until` (the round's stored result and its
    proposal date, which a round proposed for a past day keeps; else the day it was created), but a round
    cancelled by then (`rounds cancel`, `propose-awards --replace`): its proposals were never sent."""
    lines = []
    for number, created_at, result in connection.execute(
        "SELECT number, created_at, result FROM round WHERE campaign_id = ? "
        "AND (cancelled_at IS NULL OR substr(cancelled_at, 1, 10) > ?) ORDER BY number", (campaign_id, until.isoformat()),
    ):
        try:
            data = json.loads(result or "{}")
        except ValueError:
            continue
        proposed_on = str((data.get("date") if isinstance(data, dict) else None) or created_at or "")[:10]
        if proposed_on > until.isoformat():
            continue
        for item in data.get("proposals") or [] if isinstance(data, dict) else []:
            if isinstance(item, dict) and item.get("award"):
                lines.append(ProposedLine(
                    round=number, award=str(item["award"]), award_name=str(item.get("award_name") or ""),
                    subject=str(item.get("subject") or ""), kind=str(item.get("kind") or ""), amount=int(item.get("amount") or 0),
                ))
    return lines


def granted_lines(connection: sqlite3.Connection, campaign_id: int, until: date) -> list[GrantedLine]:
    """The awards granted by the campaign's live decisions dated up to `until` (award_history, source "decision")."""
    return [
        GrantedLine(subject=code, name=name, kind=kind, award=award, award_name=award_name or award, number=number or "",
                    day=date.fromisoformat(day) if day else None, issuer=issuer or "", amount=amount)
        for code, name, kind, award, award_name, number, day, issuer, amount in connection.execute(
            "SELECT s.code, s.name, s.kind, h.award, h.name, h.number, h.day, h.issuer, h.amount "
            "FROM award_history h JOIN subject s ON s.id = h.subject_id "
            f"WHERE h.source = 'decision' AND h.campaign_id = ? AND {LIVE_HISTORY} AND (h.day IS NULL OR h.day <= ?) "
            "ORDER BY h.day, h.number, h.id",
            (campaign_id, until.isoformat()),
        )
    ]
