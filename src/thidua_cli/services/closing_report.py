"""thidua report --final | --midterm --as-of D: the tổng kết / sơ kết of the whole campaign.

The figures are the monthly report's (`services/report.build`, one standings pass) over the campaign
from its start to its end (or to the as-of day); the closing report adds every proposal and decision
of the campaign up to the date written on the report, the registrations, and the lessons learned.
"""

from __future__ import annotations

from thidua_cli.domain.closing import FINAL, MIDTERM, ClosingReport, Ungranted, build_closing
from thidua_cli.domain.formats import format_date
from thidua_cli.domain.periods import PeriodRequest
from thidua_cli.errors import ThiduaError, UsageError
from thidua_cli.services import report as monthly
from thidua_cli.services.ledger_session import session_for


def build(
    db: str | None, kind: str, as_of: str | None = None, campaign: str | None = None, top: int = 5,
    next_steps: tuple[str, ...] | None = None, lessons: tuple[str, ...] | None = None, day: str | None = None,
    number: int | None = None,
) -> ClosingReport:
    from thidua_cli.storage.closing import granted_lines, proposed_lines
    from thidua_cli.storage.registrations import list_registrations

    if kind == MIDTERM and not as_of:
        raise UsageError("--midterm cần --as-of NGÀY (sơ kết đến ngày nào)")
    if kind == FINAL and as_of:
        raise UsageError("--final tổng kết cả phong trào; bỏ --as-of (hoặc dùng --midterm --as-of NGÀY)")
    with session_for(db) as session:
        chosen = session.campaign(campaign)
    request = PeriodRequest(as_of=as_of) if kind == MIDTERM else PeriodRequest(
        date_from=chosen.start.isoformat(), date_to=chosen.end.isoformat()
    )
    report = monthly.build(db, request, chosen.code, top=top, next_steps=next_steps, day=day, number=number)
    if kind == MIDTERM and report.covered.end >= chosen.end:
        raise ThiduaError(
            f"ngày {format_date(report.covered.end)} không trước ngày kết thúc phong trào {chosen.code} ({format_date(chosen.end)}): "
            "đó là tổng kết",
            hint="dùng: thidua report --final",
        )
    until = max(report.today, report.covered.end) if kind == FINAL else report.covered.end
    with session_for(db) as session:
        proposed = _as_sent(session, chosen, proposed_lines(session.connection, chosen.id, until), until)
        granted = granted_lines(session.connection, chosen.id, until)
        registrations = list_registrations(session.connection, chosen)
        ungranted = _ungranted(session, chosen, proposed, until)
    return build_closing(kind, report, proposed, granted, registrations, lessons, ungranted,
                         steps_given=next_steps is not None)


def _ungranted(session, campaign, proposed: list, until) -> tuple[Ungranted, ...]:
    """Each proposal sent by `until` (the proposals as counted, `proposed`) that no decision dated by then granted:
    refused by the deciding authority by then, or still waiting on that day — why the granted tally is the smaller.
    A decision dated after the report's date is not yet known to it: its refusals and grants are still waiting."""
    from thidua_cli.domain.decisions import AWAITING_DECISION, AWAITING_VOTE, GRANTED, REFUSED, what_became_of
    from thidua_cli.services.proposals import round_view, subjects_by_code
    from thidua_cli.storage import rounds as round_store

    numbers = list(dict.fromkeys(line.round for line in proposed))
    if not numbers:
        return ()
    subjects = subjects_by_code(session)
    told = []
    for number in numbers:
        row = round_store.get_round(session.connection, campaign.id, number)
        result = round_view(session, campaign, row, with_standings=False, subjects=subjects).result
        sittings = (row.votes.get("sittings") or [row.votes]) if row.votes else []
        voted_later = bool(sittings) and str(sittings[0].get("date") or "")[:10] > until.isoformat()
        outcomes = {}
        for code in dict.fromkeys(p.subject.code for p in result.proposals):
            name = next(p.subject.name for p in result.proposals if p.subject.code == code)
            for outcome in what_became_of(result, code):
                outcomes.setdefault((code, outcome.award), (name, outcome))
        for line in (line for line in proposed if line.round == number):
            subject = subjects.get(line.subject)
            name, outcome = outcomes.get((line.subject, line.award), (subject.name if subject else line.subject, None))
            award_name = outcome.name if outcome else (line.award_name or line.award)
            known = outcome is not None and (outcome.day is None or outcome.day <= until)
            if known and outcome.state == GRANTED:
                continue
            if known and outcome.state == REFUSED:
                told.append(Ungranted(name, award_name, number, True, outcome.said, outcome.paper))
            elif voted_later or (outcome is not None and outcome.state == AWAITING_VOTE):  # the council met after
                told.append(Ungranted(name, award_name, number, False, "chờ Hội đồng bỏ phiếu"))
            elif outcome is not None and outcome.state == AWAITING_DECISION:
                told.append(Ungranted(name, award_name, number, False, outcome.said))
            else:  # decided after the report's date (or voted on again after it): on that day, still to be decided
                authority = (outcome.authority if outcome else "") or "cấp có thẩm quyền"
                told.append(Ungranted(name, award_name, number, False, f"chờ quyết định của {authority}"))
    return tuple(told)


def _as_sent(session, campaign, proposed: list, until) -> list:
    """After the council's vote a round's proposals are those its tờ trình carries, with their money
    (services.rounds.proposals_as_sent); the monthly report counts them the same way."""
    from thidua_cli.domain.closing import ProposedLine
    from thidua_cli.services.rounds import with_proposals_as_sent

    return with_proposals_as_sent(session, campaign, proposed, until, lambda line, p: ProposedLine(
        round=line.round, award=p.award.code, award_name=p.award.name, subject=p.subject.code, kind=p.subject.kind,
        amount=p.amount))


def read_lines(path: str, option: str = "--lessons") -> tuple[str, ...]:
    """A free-text section from a file, one item a line (as --next-steps)."""
    try:
        return monthly.read_next_steps(path)
    except ThiduaError as error:
        raise type(error)(error.message.replace("--next-steps", option), error.hint) from None




def latest_decision_day(db: str | None, campaign: str | None = None):
    """The date of the campaign's latest decision (its end if none yet)."""
    from datetime import date

    from thidua_cli.storage.closing import granted_lines

    with session_for(db) as session:
        chosen = session.campaign(campaign)
        days = [row.day for row in granted_lines(session.connection, chosen.id, date.max) if row.day]
    return max(days, default=chosen.end)
