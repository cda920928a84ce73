"""thidua log: the changes to rules, subjects, awards, rounds and voids, for people to read."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from thidua_cli.services.ledger_session import session_for
from thidua_cli.services.session import today


def list_changes(db: str | None, campaign: str | None, subject: str | None, period_request) -> tuple[list, str]:
    """(records, period label): every change, oldest first, of the campaign and/or subject, in the period (local days)."""
    from thidua_cli.domain.periods import resolve_period
    from thidua_cli.storage.changelog import read_changes

    period = None
    if period_request.given():
        period = resolve_period(period_request, date(1900, 1, 1), date(9999, 12, 31), today())
    with session_for(db, migrate=False) as session:
        campaign_id = session.campaign(campaign).id if campaign else None
        subject_id = session.subject(subject).id if subject else None
        since = until = None
        if period is not None:
            since = _utc_text(period.start)
            until = _utc_text(period.end + timedelta(days=1))
        return read_changes(session.connection, campaign_id, subject_id, since, until), period.label if period else ""


def _utc_text(day: date) -> str:
    """Midnight of a local day, as the UTC ISO text the log is stamped with."""
    return datetime.combine(day, time()).astimezone().astimezone(timezone.utc).isoformat(timespec="microseconds")


def check_code(db: str | None, code: str):
    """Whether the ledger still holds, unchanged, the state a document's verification code names."""
    from thidua_cli.storage.changelog import code_status, parse_code

    parse_code(code)  # a malformed code is a usage error, before the ledger is opened
    with session_for(db, migrate=False) as session:
        return code_status(session.connection, code)
