"""Rounds as records: thidua rounds, rounds show N, rounds cancel N.

A round's status comes from what is recorded beside it: cancelled; decided
(every deciding authority with something to grant has a live decision) or
partly decided; voted; proposed. Cancelling keeps the round (marked, with who,
when and why) and is refused once any decision is recorded for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from thidua_cli.domain.decisions import STATUS_LABELS, round_status
from thidua_cli.domain.models import Period
from thidua_cli.domain.rounds import RoundResult
from thidua_cli.domain.vntext import clean
from thidua_cli.errors import ThiduaError, UsageError
from thidua_cli.services.ledger_session import session_for
from thidua_cli.services.proposals import RoundView, load_round, round_view, subjects_by_code
from thidua_cli.services.round_overlap import decisions_text
from thidua_cli.services.session import current_user, now_text
from thidua_cli.storage import decisions as decision_store
from thidua_cli.storage import rounds as round_store


@dataclass
class RoundSummary:
    number: int
    campaign: str
    period: Period
    created_at: str
    created_by: str
    status: str
    proposals: int
    ties: int
    passed: int | None  # after the vote
    granted: int  # award-history rows of live decisions
    amount: int  # money of what is granted or still to grant (decided amounts where decided)
    result: RoundResult | None  # None when the round no longer reads (an award removed from the campaign)
    cancelled_at: str | None = None
    cancelled_by: str | None = None
    cancel_reason: str | None = None
    corrected: list[decision_store.DecisionRow] = field(default_factory=list)  # decisions replaced by a correction
    problem: str | None = None

    @property
    def status_text(self) -> str:
        return STATUS_LABELS[self.status]


def _summary(session, campaign, row: round_store.RoundRow, view: RoundView | None = None, subjects=None) -> RoundSummary:
    connection = session.connection
    every = decision_store.of_round(connection, row.id)
    problem = None
    result = None
    try:
        view = view or round_view(session, campaign, row, with_standings=False, subjects=subjects)
        result = view.result
    except ThiduaError as error:
        problem = error.message
    live = [d for d in every if d.live]
    granted = sum(len(decision_store.granted(connection, campaign.id, d.id)) for d in live)
    stored = row.result
    if result is not None:
        passed = len(result.active_proposals) if result.members is not None else None
        status = round_status(row.cancelled, row.votes is not None, [d.authority for d in result.decisions], result.pending)
        amount = result.amount_due
    else:
        passed = None
        status = round_status(row.cancelled, row.votes is not None, [d.authority for d in live], [])
        amount = int(stored.get("total_amount") or 0)
    return RoundSummary(
        number=row.number, campaign=campaign.code, period=Period(row.period_from, row.period_to, stored.get("label", "")),
        created_at=row.created_at, created_by=row.created_by, status=status, proposals=len(stored.get("proposals", [])),
        ties=len(stored.get("ties", [])), passed=passed, granted=granted, amount=amount, result=result,
        cancelled_at=row.cancelled_at, cancelled_by=row.cancelled_by, cancel_reason=row.cancel_reason,
        corrected=[d for d in every if not d.live], problem=problem,
    )


def list_rounds(db: str | None, campaign: str | None = None) -> list[RoundSummary]:
    with session_for(db) as session:
        chosen = session.campaign(campaign)
        rows = round_store.list_rounds(session.connection, chosen.id)
        subjects = subjects_by_code(session) if rows else None  # read once for every round listed
        return [_summary(session, chosen, row, subjects=subjects) for row in rows]


def show_round(db: str | None, number: int, campaign: str | None = None) -> tuple[RoundSummary, RoundView]:
    with session_for(db) as session:
        chosen = session.campaign(campaign)
        row = load_round(session, chosen, number)
        view = round_view(session, chosen, row, with_standings=False)
        return _summary(session, chosen, row, view), view


def cancel_round(db: str | None, number: int, reason: str, campaign: str | None = None, by: str | None = None) -> RoundSummary:
    why = clean(reason)
    if not why:
        raise UsageError("--reason: cần lý do huỷ đợt (ví dụ: lập nhầm kỳ)")
    with session_for(db) as session:
        chosen = session.campaign(campaign)
        row = load_round(session, chosen, number, "không huỷ lại")
        if decision_store.of_round(session.connection, row.id):
            raise ThiduaError(
                f"đợt đề nghị số {number} đã có quyết định khen thưởng ({decisions_text(session.connection, row.id)}); không huỷ được",
                hint="quyết định ghi sai thì sửa: thidua decision correct SỐ --number … --date … --reason …",
            )
        with session.ledger.write() as connection:
            round_store.cancel_round(connection, row.id, now_text(), current_user(by), why)
        row = load_round(session, chosen, number)
        return _summary(session, chosen, row)


def cancelled_day(summary: RoundSummary) -> date | None:
    return date.fromisoformat(summary.cancelled_at[:10]) if summary.cancelled_at else None


def proposals_as_sent(session, campaign, numbers, until: date) -> dict[int, tuple]:
    """Per round voted on by the council by `until` (of `numbers`): the proposals its tờ trình carries — those who passed,
    a tie the council settled included — not the list as first proposed (one voted below the ratio was never sent; one
    of the tied chosen by the council was). A round not voted on by then, or that no longer reads, is left out: its
    list is what there was."""
    sent = {}
    subjects = subjects_by_code(session) if numbers else None  # read once for every round
    for number in sorted(set(numbers)):
        row = round_store.get_round(session.connection, campaign.id, number)
        if row is None or row.votes is None:
            continue
        first = (row.votes.get("sittings") or [row.votes])[0].get("date")
        if first and date.fromisoformat(first) > until:  # a report written before the council met
            continue
        try:
            sent[number] = round_view(session, campaign, row, with_standings=False, subjects=subjects).result.active_proposals
        except ThiduaError:
            continue
    return sent



def with_proposals_as_sent(session, campaign, lines: list, until: date, line_of) -> list:
    """Report lines of proposals (each with a `round`), those of a round the council voted on by `until` replaced by
    `line_of(a line of that round, proposal)` for each proposal its tờ trình carries (`proposals_as_sent`)."""
    sent = proposals_as_sent(session, campaign, (line.round for line in lines), until)
    first_of = {}
    for line in lines:
        first_of.setdefault(line.round, line)
    kept = [line for line in lines if line.round not in sent]
    for number, proposals in sent.items():
        kept.extend(line_of(first_of[number], p) for p in proposals)
    return sorted(kept, key=lambda line: line.round)
