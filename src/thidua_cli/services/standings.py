"""Standings for a period: the shared service behind score, propose-awards and report."""

from __future__ import annotations

import gc
from datetime import timedelta
from contextlib import contextmanager
from dataclasses import dataclass

from thidua_cli.domain.models import Campaign, Period
from thidua_cli.domain.periods import PeriodRequest, refuse_outside, resolve_period
from thidua_cli.domain.scoring import Standings, compute_standings, in_name_order
from thidua_cli.errors import NotFound
from thidua_cli.services.ledger_session import session_for
from thidua_cli.services.session import Session, today
from thidua_cli.storage import standings as store


def standings_for(session: Session, campaign: Campaign, period: Period) -> Standings:
    connection = session.connection
    start, end = period.start.isoformat(), period.end.isoformat()
    with _no_cycle_collection():
        sums = store.subject_sums(connection, campaign.id, [c.code for c in campaign.criteria], start, end)
        subjects, in_order = store.active_subjects(connection, campaign.id)
        return compute_standings(
            campaign, period, subjects if in_order else in_name_order(subjects), sums,
            lambda subject_id, codes: store.recount(connection, campaign.id, subject_id, codes, start, end),
        )


def standings_to_and_before(session: Session, campaign: Campaign, period: Period) -> tuple[Standings, Standings, Standings | None]:
    """For the monthly report: the standings of `period`, the cumulative ones from the campaign
    start to its end, and those to the day before it (None if the campaign had not begun). Two
    aggregations, not three: the sums before the period are those to its end less its own."""
    connection = session.connection
    codes = [c.code for c in campaign.criteria]
    first, since, end = campaign.start.isoformat(), period.start.isoformat(), period.end.isoformat()
    before_end = period.start - timedelta(days=1)
    with _no_cycle_collection():
        to_end = store.subject_sums(connection, campaign.id, codes, first, end)
        within = store.subject_sums(connection, campaign.id, codes, since, end)
        before = _difference(to_end, within)
        subjects, in_order = store.active_subjects(connection, campaign.id)
        ordered = subjects if in_order else in_name_order(subjects)

        def standings(sums, start: str, last: str, shown: Period) -> Standings:
            return compute_standings(
                campaign, shown, ordered, sums,
                lambda subject_id, codes: store.recount(connection, campaign.id, subject_id, codes, start, last),
            )

        return (
            standings(within, since, end, period),
            standings(to_end, first, end, Period(campaign.start, period.end, period.label)),
            standings(before, first, before_end.isoformat(), Period(campaign.start, before_end)) if before_end >= campaign.start else None,
        )


def _difference(whole: dict[int, tuple], part: dict[int, tuple]) -> dict[int, tuple]:
    """Per-subject sums of `whole` less those of `part` (a subset of its entries)."""
    difference = {}
    for subject_id, values in whole.items():
        taken = part.get(subject_id)
        difference[subject_id] = values if taken is None else tuple(map(_minus, values, taken))
    return difference


def _minus(total: int | None, part: int | None) -> int | None:
    if part is None:
        return total
    return total - part


@contextmanager
def _no_cycle_collection():
    """Standings for 20,000 subjects allocate some 200,000 dictionaries and tuples, all alive and none
    in a reference cycle: the cycle collector would walk them again and again for nothing (~8 % of
    `score`). Reference counting still frees everything as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True)
class Explanation:
    standings: Standings
    subject_code: str
    entries: list[dict]
    proposed: tuple = ()  # the Proposals propose-awards would make for the subject in this period
    excluded: tuple = ()  # … and the Exclusions, with the same reasons
    # the rounds made for an overlapping period: (number, from, to, [(award, name, what became of it)])
    rounds: tuple = ()
    # the subject's entries in the period voided since (not counted): who voided them, when and why
    voided: tuple = ()


def score(db: str | None, request: PeriodRequest, campaign: str | None = None) -> Standings:
    with session_for(db) as session:
        chosen = session.campaign(campaign)
        period = resolve_period(request, chosen.start, chosen.end, today())
        refuse_outside(period, chosen)
        return standings_for(session, chosen, period)


def explain(db: str | None, request: PeriodRequest, subject: str, campaign: str | None = None) -> Explanation:
    from thidua_cli.storage import entries as entry_store

    with session_for(db) as session:
        chosen = session.campaign(campaign)
        who = session.subject(subject, "--explain", chosen.id)
        period = resolve_period(request, chosen.start, chosen.end, today())
        refuse_outside(period, chosen)
        standings = standings_for(session, chosen, period)
        if standings.row(who.code) is None:
            raise NotFound(f"--explain: {who.code} — {who.name} {_why_not_ranked(session, who, chosen)}")
        rows = entry_store.list_entries(
            session.connection, chosen.id, period.start.isoformat(), period.end.isoformat(), [who.id], None, True
        ).fetchall()
        entries = [
            {"id": r[0], "date": r[1], "criterion": r[4], "points": r[5], "note": r[6], "evidence": r[7]} for r in rows
            if not r[10]
        ]
        # an inspector asks why a score fell, or why an entry on paper is not counted: the voids answer it
        voided = tuple(
            {"id": r[0], "date": r[1], "criterion": r[4], "points": r[5], "note": r[6], "evidence": r[7],
             "void_reason": r[11], "voided_by": r[15], "voided_at": r[16]} for r in rows if r[10]
        )
        proposed, excluded = _award_review(session, chosen, standings, who.code)
        return Explanation(standings, who.code, entries, proposed, excluded, _rounds_of(session, chosen, period, who.code),
                           voided)


def _rounds_of(session: Session, campaign: Campaign, period, code: str) -> tuple:
    """What the rounds made for an overlapping period proposed the subject, and what became of each."""
    from thidua_cli.domain.decisions import left_out_after_vote, what_became_of
    from thidua_cli.services.proposals import round_view, subjects_by_code
    from thidua_cli.services.round_overlap import overlapping_rounds

    told = []
    rows = overlapping_rounds(session.connection, campaign, period)
    subjects = subjects_by_code(session) if rows else None  # read once for every round
    names = {award.code: award.name for award in campaign.awards}
    for row in rows:
        outcome = what_became_of(round_view(session, campaign, row, with_standings=False, subjects=subjects).result, code)
        outcome += left_out_after_vote(row.result or {}, names, code)
        if outcome:
            told.append((row.number, row.period_from, row.period_to, outcome))
    return tuple(told)


def _why_not_ranked(session: Session, who, campaign: Campaign) -> str:
    from thidua_cli.storage.subjects import agency_elsewhere

    elsewhere = agency_elsewhere(session.connection, who.id, campaign.id)
    if elsewhere is not None:
        from thidua_cli.services.session import of_another_agency

        return of_another_agency(elsewhere, campaign.code)
    return f"không có trong bảng điểm của phong trào {campaign.code} (đối tượng đã ngừng theo dõi)"


def _award_review(session: Session, campaign: Campaign, standings: Standings, code: str) -> tuple[tuple, tuple]:
    """What propose-awards would say of one subject for this period (nothing is stored)."""
    if not campaign.awards:
        return (), ()
    from thidua_cli.domain.proposals import decide
    from thidua_cli.services.proposals import records_for, registration_filter

    # the same gate as propose-awards, or --explain would promise an award the round then refuses
    # what a round for the period decides on its own: the rounds already made are not "earlier" to it (their
    # exclusions are explained as they were made)
    outcome = decide(standings, records_for(session, campaign, standings.period, before=0), today(),
                     refuse=registration_filter(session, campaign))
    return (tuple(p for p in outcome.proposals if p.subject.code == code),
            tuple(e for e in outcome.excluded if e.subject.code == code))


def filtered(standings: Standings, kind: str | None, unit: str | None) -> Standings:
    """Filters keep each subject's rank within the whole kind."""
    rows = standings.rows
    if kind:
        rows = [row for row in rows if row.subject.kind == kind]
    if unit:
        from thidua_cli.errors import NotFound
        from thidua_cli.services.subjects import filter_by_unit

        keep = {s.code for s in filter_by_unit([row.subject for row in standings.rows], unit)}
        if not keep:
            raise NotFound(f'--unit: không có đơn vị "{unit}" trong bảng điểm')
        rows = [row for row in rows if row.subject.code in keep]
    return Standings(standings.campaign, standings.period, rows)
