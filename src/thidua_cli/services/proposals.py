"""Proposal rounds: propose-awards, record-votes, record-decision, and the dossier written at each step.

A round is stored once, as proposed (`round.result`); votes and decisions are
recorded beside it, and the `RoundResult` the documents are written from is
rebuilt from these three every time. Each command is one transaction: the
dossier is written inside it, so a renderer failure leaves the ledger as it was.

Council votes (`record-votes`): the share is votes for / ALL members × 100
(absent members count as not agreeing); a candidate passes when it reaches the
award's `vote_threshold`, or more than half when the award sets none. Every
proposed candidate needs a row. Subjects left tied for the council may also
get a row: tied subjects that reach the threshold take the places left for
that award (most votes first; equal votes at the last place → the council must
vote again). A subject granted a higher award through a tie no longer takes the
lower award it was proposed for (one award per subject per round).

Decisions (`record-decision`, `decision correct`) are in `services/decisions.py`:
one record per decision of one deciding authority; `round_view` reads them back
into the RoundResult (`decisions`, `pending`, and the agency head's own one in
`decision_number/date`). A cancelled round is kept and refuses votes and decisions.
"""

from __future__ import annotations

import re

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from thidua_cli.domain.formats import FormatError, format_date, format_points, parse_date, typed_on_a_keyboard
from thidua_cli.domain.models import (
    CATEGORIES, COLLECTIVE, DANH_HIEU, HINH_THUC, INDIVIDUAL, KIND_LABELS, Award, Campaign, HistoryAward, Period, Subject,
)
from thidua_cli.domain.periods import PeriodRequest, refuse_outside, resolve_period
from thidua_cli.domain.report import covered_period
from thidua_cli.domain.prerequisites import EarlierGrant, Records
from thidua_cli.domain.proposals import (
    Exclusion, amount_for, awards_by_level, decide, less_titles_paid, paid_by_each_authority, shared_initiatives,
    lost_to_women_first, tie_places, vote_passes, vote_percent,
)
from thidua_cli.domain.decisions import pending_authorities
from thidua_cli.domain.minutes import chair as minutes_chair, secretary as minutes_secretary
from thidua_cli.domain.rounds import Dossier, Meeting, Proposal, RoundDecision, RoundResult, Sitting, SubjectRecord, Tie
from thidua_cli.domain.scoring import Standings, name_sort_key
from thidua_cli.domain.vntext import clean, fold_key
from thidua_cli.errors import FileRowsError, InvalidData, NotFound, RowError, ThiduaError, UsageError
from thidua_cli.services.ledger_session import session_for
from thidua_cli.services.round_overlap import overlapping_rounds, round_to_replace
from thidua_cli.services.session import Session, current_user, now_text, past_day, today as session_today
from thidua_cli.services.standings import standings_for
from thidua_cli.storage import decisions as decision_store
from thidua_cli.storage import history as history_store
from thidua_cli.storage import ratings as rating_store
from thidua_cli.storage import discipline as discipline_store
from thidua_cli.storage import rounds as round_store
from thidua_cli.storage import subjects as subject_store


@dataclass(frozen=True)
class VoteLine:
    """One council vote as stored: a proposed candidate, or a tied subject (`tie`)."""

    subject: str
    award: str
    votes: int
    percent: Decimal
    passed: bool
    tie: bool = False
    note: str = ""  # why a vote that reached the threshold did not pass (no place left, higher award)
    sitting: int = 1  # the council sitting: 2, 3 … vote on the proposals made after a vote fell through


@dataclass
class RoundView:
    """A round as the CLI shows it: the RoundResult plus what the documents do not carry."""

    result: RoundResult
    places: tuple[int, ...] = ()  # per tie: places of its award left for the council
    votes: dict[tuple[str, str], VoteLine] = field(default_factory=dict)  # (subject, award) -> vote
    exclusions: list[Exclusion] = field(default_factory=list)
    out_dir: Path | None = None
    written: list[Path] = field(default_factory=list)
    dossier_note: str | None = None  # why no document was written
    warnings: list[str] = field(default_factory=list)
    granted: list[HistoryAward] = field(default_factory=list)  # recorded by this decision
    decision: RoundDecision | None = None  # the decision record-decision recorded (it may grant no one)
    proposal_date: date | None = None
    meeting_date: date | None = None
    sitting: int = 1  # the council sitting this record-votes recorded
    fallen: list[Proposal] = field(default_factory=list)  # proposals made by votes that fell through, awaiting a vote
    replaced: int | None = None  # the round propose-awards --replace cancelled


# --------------------------------------------------------------------------- storage form


def _stored_result(result: RoundResult, day: date, created_by: str, counts: dict[str, int], places: list[int],
                   templates: str | None, excluded: Iterable[Exclusion] = ()) -> dict:
    return {
        "round": result.number,
        "campaign": result.campaign.code,
        "from": result.period.start.isoformat(),
        "to": result.period.end.isoformat(),
        "label": result.period.label,
        "date": day.isoformat(),
        "created_at": result.created_at,
        "created_by": created_by,
        "base_salary": result.campaign.salary_on(day),
        "counts": counts,
        "templates": templates,
        "proposals": [_stored_proposal(p) for p in result.proposals],
        "ties": [
            {"award": t.award.code, "kind": t.subjects[0].kind, "subjects": [s.code for s in t.subjects],
             "total": str(t.total), "places": n, "ranks": [_rank(result.standings, s.code) for s in t.subjects]}
            for t, n in zip(result.ties, places)
        ],
        "total_amount": result.total_amount,
        "excluded": [
            {"award": e.award.code, "subject": e.subject.code, "reason": e.reason, "text": e.text} for e in excluded
        ],
    }


def _stored_proposal(p: Proposal) -> dict:
    item = {"award": p.award.code, "subject": p.subject.code, "name": p.subject.name, "kind": p.subject.kind,
            "total": str(p.total), "rank": p.rank, "amount": p.amount}
    for key, value in (("brought_by", p.brought_by), ("fallen_from", p.fallen_from), ("sitting", p.sitting)):
        if value is not None:
            item[key] = value
    if p.paid_before:
        item["paid_before"] = [list(title) for title in p.paid_before]
    return item


def records_for(session: Session, campaign: Campaign, period: Period, before: int | None = None, skip: int | None = None,
                reconsider: Iterable[str] = ()) -> Records:
    """The subjects' past as the proposal rules read it: award history, ratings, earlier grants of this campaign,
    and what earlier rounds of the same achievement did (`earlier_rounds`): rounds numbered below `before`
    (all when None), the round numbered `skip` aside (the one `--replace` cancels)."""
    history: dict[str, list[HistoryAward]] = {}
    names: dict[str, str] = {}
    # a round of the period on its own (before=0) is made as if the campaign's rounds of the period were not: what
    # their decisions granted is no history to it either (else it blocked the CSTĐCS round 1 granted — "mỗi năm một
    # lần" — while proposing again the Giấy khen the same decision granted)
    aside = {r.number for r in overlapping_rounds(session.connection, campaign, period)} if before == 0 else set()
    for row in history_store.history_rows(session.connection):
        if aside and row.award.round in aside and row.award.extra.get("campaign") == campaign.code:
            continue
        history.setdefault(row.subject, []).append(row.award)
        if row.award.name:
            names.setdefault(row.award.award.casefold(), row.award.name)
    # before=0 (score --explain: a round of the period on its own): no round made is earlier, decided or not
    earlier = earlier_grants(session, campaign, period) if before != 0 else {}
    pending, voted_down, used, refused = earlier_rounds(session, campaign, period, before, skip)
    for code, grants in pending.items():
        earlier.setdefault(code, []).extend(grants)
    return Records(
        history=history, ratings=rating_store.ratings_by_subject(session.connection),
        earlier=earlier, names=names, voted_down=voted_down, used_places=used, not_granted=refused,
        discipline=discipline_store.by_subject(session.connection),
        reconsider=frozenset(code.casefold() for code in reconsider),
    )


def _has_entries(session: Session, campaign: Campaign, shared: tuple[date, date], subject_id: int | None) -> bool:
    from thidua_cli.storage import entries as entry_store

    entries = entry_store.list_entries(session.connection, campaign.id, shared[0].isoformat(), shared[1].isoformat(), [subject_id])
    return entries.fetchone() is not None


def earlier_grants(session: Session, campaign: Campaign, period: Period) -> dict[str, list[EarlierGrant]]:
    """Awards the campaign's decisions granted for periods overlapping this one, to subjects with live entries in
    the overlap: the same achievement, as record-decision refuses it (`domain.decisions.same_achievement`)."""
    from thidua_cli.domain.decisions import overlap

    found: dict[str, list[EarlierGrant]] = {}
    for g in decision_store.granted(session.connection, campaign.id):
        shared = overlap((period.start, period.end), (g.period_from, g.period_to))
        if shared is None:
            continue
        if _has_entries(session, campaign, shared, g.subject_id):
            granted_award = campaign.award(g.award)
            found.setdefault(g.subject, []).append(EarlierGrant(
                award=g.award, number=g.number, day=g.day, round=g.round_number,
                category=granted_award.category if granted_award else HINH_THUC,
            ))
    return found


def earlier_rounds(
    session: Session, campaign: Campaign, period: Period, before: int | None, skip: int | None,
) -> tuple[dict[str, list[EarlierGrant]], dict[str, list[tuple[str, int]]], dict[tuple[str, str], int],
           dict[str, list[tuple[str, int, str]]]]:
    """What earlier rounds of the campaign for overlapping periods (not cancelled) did to subjects with live entries
    in the overlap — the same achievement: proposals not yet decided nor voted down (pending grants), proposals
    the council voted down (below the ratio: one who reached it and lost a tied place was not), the places each
    (award, kind) took there (granted or pending; danh hiệu brought `with` another take none), so that a supplementary
    round of the year stays within the year's quota, and proposals a decision did not grant (award, round, its
    number): those take no place, as no award was given."""
    from thidua_cli.domain.decisions import overlap

    pending: dict[str, list[EarlierGrant]] = {}
    voted_down: dict[str, list[tuple[str, int]]] = {}
    used: dict[tuple[str, str], int] = {}
    refused: dict[str, list[tuple[str, int, str]]] = {}
    subjects = None
    for prior in round_store.list_rounds(session.connection, campaign.id):
        if prior.cancelled or prior.number == skip or (before is not None and prior.number >= before):
            continue
        shared = overlap((period.start, period.end), (prior.period_from, prior.period_to))
        if shared is None:
            continue
        subjects = subjects if subjects is not None else subjects_by_code(session)
        view = round_view(session, campaign, prior, with_standings=False, subjects=subjects)
        decided = settled_in_round(session.connection, prior)
        not_granted = {(code, award.casefold()): d.number for d in view.result.decisions for code, award in d.not_granted}
        for p in view.result.proposals:
            if not _has_entries(session, campaign, shared, p.subject.id):
                continue
            number = not_granted.get((p.subject.code, p.award.code.casefold()))
            if number is not None:
                refused.setdefault(p.subject.code, []).append((p.award.code, prior.number, number))
                continue
            if p.passed is False:
                if not p.vote_note:  # reached the ratio and lost a tied place (or the like): not voted down
                    voted_down.setdefault(p.subject.code, []).append((p.award.code, prior.number))
                continue
            if p.brought_by is None:
                key = (p.award.code.casefold(), p.subject.kind)
                used[key] = used.get(key, 0) + 1
            if (p.subject.code, p.award.code.casefold()) not in decided:
                pending.setdefault(p.subject.code, []).append(EarlierGrant(
                    award=p.award.code, number="", day=None, round=prior.number, category=p.award.category, pending=True))
    return pending, voted_down, used, refused


def _rank(standings: Standings | None, code: str) -> int:
    row = standings.row(code) if standings else None
    return row.rank if row else 0


def _award_of(campaign: Campaign, code: str, number: int) -> Award:
    award = campaign.award(code)
    if award is None:
        raise ThiduaError(
            f"đợt đề nghị số {number}: hình thức {code} không còn trong phong trào {campaign.code}",
            hint="nạp lại tệp phong trào có hình thức này, hoặc lập đợt đề nghị mới",
        )
    return award


def _subject_of(subjects: dict[str, Subject], code: str, number: int) -> Subject:
    subject = subjects.get(code)
    if subject is None:
        raise ThiduaError(f"đợt đề nghị số {number}: không còn đối tượng {code} trong sổ")
    return subject


def _order_key(proposal: Proposal) -> tuple:
    kind = 0 if proposal.subject.kind == COLLECTIVE else 1
    return (CATEGORIES.index(proposal.award.category), -proposal.award.level, proposal.award.position, kind, proposal.rank,
            name_sort_key(proposal.subject))


def subjects_by_code(session: Session) -> dict[str, Subject]:
    """Every subject by code, as `round_view` reads the subjects a stored round names."""
    return {s.code: s for s in subject_store.all_subjects(session.connection)}


def round_view(
    session: Session, campaign: Campaign, row: round_store.RoundRow, with_standings: bool = True, ignore_votes: bool = False,
    subjects: Mapping[str, Subject] | None = None,
) -> RoundView:
    """The stored round, with its votes and decisions, as a RoundResult (current entries for the documents).

    With votes, each tied subject the council voted on is a candidate in `proposals` too (passed or not).
    `subjects` (code -> subject, `subjects_by_code`): given by a caller reading many rounds, read once for all."""
    stored = row.result
    if subjects is None:
        subjects = subjects_by_code(session)
    period = Period(row.period_from, row.period_to, stored.get("label", ""))
    standings = standings_for(session, campaign, period) if with_standings else None
    by_code = {r.subject.code: r for r in standings.rows} if standings else {}
    proposal_date = date.fromisoformat(stored["date"]) if stored.get("date") else None
    votes = {} if ignore_votes else (row.votes or {})
    lines = {(v["subject"], v["award"]): _vote_line(v) for v in votes.get("votes", [])}
    amounts = _decided_amounts(session, row.id)
    paid_less: set[int] = set()  # subjects a decided danh hiệu pays less than its rate (`_with_titles_paid_before`)
    warnings: list[str] = []

    def proposal(award: Award, subject: Subject, total: Decimal, rank: int, amount: int, item: dict | None = None) -> Proposal:
        standing = by_code.get(subject.code)
        if standing is not None and standing.total != total:
            warnings.append(
                f"{subject.code} — {subject.name}: tổng điểm nay là {format_points(standing.total)}, "
                f"khác {format_points(total)} lúc lập đợt {row.number} (có mục ghi mới hoặc bị huỷ)"
            )
        line = lines.get((subject.code, award.code))
        decided_amount, decided_on = amounts.get((subject.code, award.code.casefold()), (None, None))
        if decided_amount is not None and award.category == "danh-hieu" and (item or {}).get("brought_by") is None and \
                decided_amount < amount_for(campaign, award, subject.kind, date.fromisoformat(decided_on) if decided_on else None):
            paid_less.add(subject.id)
        return Proposal(
            award=award, subject=subject, total=total, rank=rank,
            amount=amount, decided_amount=decided_amount, row=standing,
            votes_for=line.votes if line else None, passed=line.passed if line else None,
            brought_by=(item or {}).get("brought_by"), fallen_from=(item or {}).get("fallen_from"),
            paid_before=tuple(tuple(title) for title in (item or {}).get("paid_before", ())),
            sitting=line.sitting if line else None, vote_note=line.note if line else "",
        )

    proposals = []
    for item in stored["proposals"]:
        award = _award_of(campaign, item["award"], row.number)
        proposals.append(proposal(award, _subject_of(subjects, item["subject"], row.number), Decimal(item["total"]), item["rank"], item["amount"], item))
    ties, places, from_ties = [], [], []
    for item in stored["ties"]:
        award = _award_of(campaign, item["award"], row.number)
        members = tuple(_subject_of(subjects, code, row.number) for code in item["subjects"])
        ties.append(Tie(award=award, subjects=members, total=Decimal(item["total"])))
        places.append(item.get("places", len(members)))
        ranks = item.get("ranks") or [_rank(standings, s.code) for s in members]
        for subject, rank in zip(members, ranks):
            line = lines.get((subject.code, award.code))
            if line is not None:  # the council voted on this tied subject: it is a candidate like the others
                from_ties.append(proposal(award, subject, Decimal(item["total"]), rank, amount_for(campaign, award, subject.kind, proposal_date)))
    proposals = _brought_by_ties(proposals + from_ties, lines, campaign, amounts)
    of_subject: dict[str, list[Proposal]] = {}
    for p in proposals:
        of_subject.setdefault(p.subject.code, []).append(p)
    proposals = [_paid_alone(p, lines, campaign, proposal_date, of_subject) for p in proposals]
    proposals = _tie_winners_priced(session, proposals, {id(p) for p in from_ties}, lines, campaign, proposal_date, period.end.year)
    if paid_less:
        proposals = _with_titles_paid_before(session, proposals, paid_less, row.id, period.end.year)
    proposals.sort(key=_order_key)
    result = RoundResult(
        number=row.number, campaign=campaign, period=period, proposals=tuple(proposals), ties=tuple(ties),
        standings=standings, created_at=row.created_at, members=votes.get("members"),
        sittings=_sittings(votes),
        meeting=_meeting(votes.get("meeting")),
        supplementary=_earlier_awards(_live_rounds_before(session, campaign, row, period)) if stored.get("supplementary") else frozenset(),
        women_passed_over=tuple((item["award"], subjects[item["subject"]]) for item in stored.get("excluded", ())
                                if item["subject"] in subjects and lost_to_women_first(item["reason"], item.get("text", ""))),
    )
    result = _with_decisions(session, row, result)
    meeting = date.fromisoformat(votes["date"]) if votes.get("date") else None
    view = RoundView(result=result, places=tuple(places), votes=lines, proposal_date=proposal_date, meeting_date=meeting,
                     out_dir=Path(row.out_dir) if row.out_dir else None, exclusions=_stored_exclusions(campaign, subjects, stored, lines))
    view.warnings.extend(dict.fromkeys(warnings))
    return view


def _meeting(data: dict | None) -> Meeting | None:
    if not data:
        return None
    return Meeting(start=data.get("start", ""), end=data.get("end", ""), place=data.get("place", ""),
                   absent=tuple(data.get("absent", ())), written=tuple(data.get("written", ())),
                   chair=data.get("chair", ""), secretary=data.get("secretary", ""))


def _sittings(votes: dict) -> tuple[Sitting, ...]:
    listed = votes.get("sittings") or ([dict(votes, sitting=1)] if votes.get("members") else [])
    return tuple(
        Sitting(number=item["sitting"], members=item["members"], day=date.fromisoformat(item["date"]) if item.get("date") else None,
                file=item.get("file") or "", meeting=_meeting(item.get("meeting")))
        for item in listed
    )


def _with_decisions(session: Session, row: round_store.RoundRow, result: RoundResult) -> RoundResult:
    """The round's live decisions, one or more per deciding authority, and the authorities still to decide.

    `decision_number/date` stay the agency head's own decision (the dossier's draft QĐ); a round without
    any award the agency decides takes its first decision there."""
    connection = session.connection
    every = decision_store.of_round(connection, row.id)
    numbers = {d.id: d.number for d in every}
    awards = decision_store.awards_of_decisions(connection, row.id)
    refused = _not_granted_by_live_decision(every, row.result.get("not_granted", ()))
    decisions = tuple(
        RoundDecision(
            authority=d.authority, number=d.number, day=d.day, awards=tuple(awards.get(d.id, ())),
            corrects=numbers.get(d.corrects) if d.corrects else None, reason=d.reason, not_granted=tuple(refused.get(d.id, ())),
        )
        for d in every if d.live
    )
    decided = settled_in_round(connection, row)
    pending = pending_authorities(((p.award.authority, p.subject.code, p.award.code) for p in result.active_proposals), decided)
    agency_codes = {a.code.casefold() for a in result.campaign.awards if a.agency_decides}
    agency_in_round = any(p.award.agency_decides for p in result.proposals)
    own = next(
        (d for d in decisions if not agency_in_round or any(code.casefold() in agency_codes for code in d.awards)), None
    )
    return replace(
        result, decisions=decisions, pending=pending,
        decision_number=own.number if own else None, decision_date=own.day if own else None,
    )


def _live_rounds_before(session: Session, campaign: Campaign, row: round_store.RoundRow, period: Period) -> list:
    """A supplementary round is so while a round made before it for an overlapping period stands: with those all
    cancelled, its QĐ is the first of the period and says no "bổ sung"."""
    return [other for other in overlapping_rounds(session.connection, campaign, period, row) if other.number < row.number]


def _earlier_awards(rows: list) -> frozenset[str]:
    """The award codes (folded) the rounds `rows` proposed or left tied: what a round beside them supplements."""
    return frozenset(
        str(item["award"]).casefold() for r in rows for key in ("proposals", "ties") for item in (r.result or {}).get(key, ())
    )


def settled_in_round(connection, row: round_store.RoundRow) -> set[tuple[str, str]]:
    """(subject code, award code folded) the round's decisions settled: granted by a live decision, or named by
    one as not granted (`record-decision --not-granted`, kept in the round's stored result)."""
    decided = {(code, award.casefold()) for code, award, _, _ in history_store.decided_in_round(connection, row.id)}
    return decided | not_granted_in_round(row)


def not_granted_in_round(row: round_store.RoundRow) -> set[tuple[str, str]]:
    """(subject code, award code folded) a decision of the round named not granted, live or corrected since."""
    return {(item["subject"], item["award"].casefold()) for item in row.result.get("not_granted", ())}


def _not_granted_by_live_decision(decisions: list, refused: Iterable[dict]) -> dict[int, list[tuple[str, str]]]:
    """live decision id → (subject, award) it did not grant: a refusal stays with its decision through corrections."""
    corrected_by = {d.corrects: d.id for d in decisions if d.corrects}
    by_decision: dict[int, list[tuple[str, str]]] = {}
    for item in refused:
        decision_id = item["decision"]
        while decision_id in corrected_by:
            decision_id = corrected_by[decision_id]
        by_decision.setdefault(decision_id, []).append((item["subject"], item["award"]))
    return by_decision


def _vote_line(data: dict) -> VoteLine:
    return VoteLine(
        subject=data["subject"], award=data["award"], votes=data["votes"], percent=Decimal(data["percent"]),
        passed=data["passed"], tie=data.get("tie", False), note=data.get("note", ""), sitting=data.get("sitting", 1),
    )


def _stored_exclusions(campaign: Campaign, subjects: dict[str, Subject], stored: dict, lines: dict) -> list[Exclusion]:
    """The exclusions of the proposal (those settled after a vote fell through replaced by what the fall-through
    found), then those of the council's votes (below the threshold, or no place left)."""
    result = []
    later = stored.get("excluded_after_vote", [])
    settled = {(item["award"], item["subject"]) for item in stored["proposals"] + later}
    settled |= {(line.award, line.subject) for line in lines.values()}  # a tie the council voted on
    kept = [item for item in stored.get("excluded", []) if (item["award"], item["subject"]) not in settled]
    for item in kept + later:
        award, subject = campaign.award(item["award"]), subjects.get(item["subject"])
        if award is not None and subject is not None:
            result.append(Exclusion(award, subject, item["reason"], item["text"]))
    for line in lines.values():
        award, subject = campaign.award(line.award), subjects.get(line.subject)
        if not line.passed and award is not None and subject is not None:
            result.append(Exclusion(award, subject, "vote", vote_failure_text(line, award)))
    return result


def vote_failure_text(line: "VoteLine", award: Award) -> str:
    if line.note:
        joined = ", " if "nhưng" in line.note else " nhưng "  # "…, đạt tỷ lệ nhưng hết suất", not "nhưng … nhưng"
        return f"Hội đồng bỏ phiếu {line.votes} phiếu đồng ý ({format_points(line.percent)}%){joined}{line.note}"
    need = f"{format_points(award.vote_threshold)}%" if award.vote_threshold is not None else "quá nửa"
    return f"Hội đồng bỏ phiếu {line.votes} phiếu đồng ý ({format_points(line.percent)}%), chưa đạt {need} tổng số thành viên"


def _with_titles_paid_before(session: Session, proposals: list[Proposal], subject_ids: set[int], round_id: int,
                             year: int) -> list[Proposal]:
    """Each decided danh hiệu paid less than its rate, with the danh hiệu of the year that other decisions paid
    the subject already (other rounds', or this round's by another authority — the Giám đốc's CSTĐCS before the
    UBND's CSTĐ cấp tỉnh): what the documents say the difference is for."""
    paid = history_store.titles_paid_by_subject(session.connection, sorted(subject_ids), year)
    out = []
    for p in proposals:
        before = tuple((t.name or t.award, t.amount, f"QĐ số {t.number}") for t in paid.get(p.subject.id, ())
                       if t.round_id != round_id or t.award.casefold() != p.award.code.casefold())
        out.append(replace(p, decided_paid_before=before) if before and p.award.category == "danh-hieu" and p.brought_by is None else p)
    return out


def _less_titles_paid(session: Session, proposals: Iterable[Proposal], year: int) -> list[Proposal]:
    """The proposals, a danh hiệu of a year whose lower danh hiệu a decision paid already asking what it adds."""
    proposals = list(proposals)
    ids = sorted({p.subject.id for p in proposals if p.award.category == "danh-hieu" and p.amount})
    paid = {subject_id: [(t.award, t.name or t.award, t.amount, t.number) for t in titles]
            for subject_id, titles in history_store.titles_paid_by_subject(session.connection, ids, year).items()}
    return less_titles_paid(proposals, paid) if paid else proposals


def _decided_amounts(session: Session, round_id: int) -> dict[tuple[str, str], tuple[int, str | None]]:
    """(subject code, award) -> (the money its decision in force pays, the decision's date)."""
    return {
        (code, award.casefold()): (amount, day)
        for code, award, amount, day in session.connection.execute(
            "SELECT s.code, h.award, h.amount, h.day FROM award_history h JOIN subject s ON s.id = h.subject_id "
            f"WHERE h.round_id = ? AND h.source = 'decision' AND {decision_store.LIVE_HISTORY}",
            (round_id,),
        )
    }


def load_round(session: Session, campaign: Campaign, number: int, refused: str | None = None) -> round_store.RoundRow:
    """The stored round; with `refused` (what is not done, "không ghi phiếu bầu"), a cancelled round is an error."""
    row = round_store.get_round(session.connection, campaign.id, number)
    if row is None:
        known = round_store.round_numbers(session.connection, campaign.id)
        listed = ", ".join(str(n) for n in known) if known else "chưa có đợt nào"
        raise NotFound(
            f"không có đợt đề nghị số {number} của phong trào {campaign.code} (đang có: {listed})",
            hint="lập đợt đề nghị: thidua propose-awards" if not known else None,
        )
    if refused and row.cancelled:
        reason = f" ({row.cancel_reason})" if row.cancel_reason else ""
        raise ThiduaError(
            f"đợt đề nghị số {number} đã huỷ ngày {format_date(date.fromisoformat(row.cancelled_at[:10]))}{reason}; {refused}",
            hint="xem các đợt: thidua rounds",
        )
    return row


# --------------------------------------------------------------------------- the dossier


class EntriesInLedger:
    """A subject's live entries of the period (`SubjectRecord.entries`), read from the ledger each time they are
    iterated, in date order: a province's round (thousands of subjects × dozens of entries) never holds them all.
    Iterate it only while the command's connection is open: the dossier is written inside the transaction."""

    __slots__ = ("_connection", "_campaign", "_period", "_subject_id")

    def __init__(self, connection, campaign: Campaign, period: Period, subject_id: int):
        self._connection, self._campaign, self._period, self._subject_id = connection, campaign, period, subject_id

    def __iter__(self):
        from thidua_cli.storage import entries as entry_store

        campaign = self._campaign
        start, end = self._period.start.isoformat(), self._period.end.isoformat()
        rows = sorted((r for r in entry_store.subject_entries(self._connection, campaign.id, self._subject_id) if start <= r[1] <= end),
                      key=lambda r: (r[1], r[0]))
        names = {c.code: c.name for c in campaign.criteria}  # the ledger gives each code as the campaign has it
        for entry_id, day, code, points, note, evidence in rows:
            yield {
                "id": entry_id, "date": date.fromisoformat(day), "criterion": code,
                "criterion_name": names.get(code, code), "points": points, "note": note, "evidence": evidence,
            }


def for_the_dossier(result: RoundResult) -> tuple[RoundResult, tuple[Subject, ...] | None]:
    """The round holding the scores of those it names only, and everyone ranked (`Dossier.people`): of everyone the
    dossier reads only who they are (units' names, heads of units), and the scores of those the round does not name
    (20,000 rows, ~10 MB on a province's ledger) are let go before it is written."""
    if result.standings is None:
        return result, None
    people = tuple(row.subject for row in result.standings.rows)
    named = [p.subject.code for p in result.proposals] + [s.code for t in result.ties for s in t.subjects]
    return replace(result, standings=result.standings.narrowed(named)), people


def build_dossier(session: Session, result: RoundResult, day: date | None, round_id: int | None = None,
                  people: tuple[Subject, ...] | None = None) -> Dossier:
    """RoundResult + one SubjectRecord per proposed or tied subject (entries of the period, award history, unit name).
    `people`: everyone ranked, when `result.standings` holds the round's own rows only (`Dossier.people`)."""
    from thidua_cli.services.subjects import unit_names

    connection = session.connection
    campaign = result.campaign
    wanted: dict[str, Subject] = {}
    for p in result.proposals:
        wanted.setdefault(p.subject.code, p.subject)
    for t in result.ties:
        for s in t.subjects:
            wanted.setdefault(s.code, s)
    units = unit_names(connection)
    by_id = {s.id: s.code for s in wanted.values()}
    history: dict[str, list[HistoryAward]] = {code: [] for code in wanted}
    for h in history_store.history_rows(connection, sorted(by_id)):
        if round_id is not None and h.round_id == round_id:
            continue  # what this round grants is not "already received"
        history[h.subject].append(h.award)
    details = {s.id: subject_store.subject_details(connection, s.id) for s in wanted.values()}
    records = {}
    for code, subject in wanted.items():
        unit_name = None
        if subject.kind == INDIVIDUAL and subject.unit:
            unit_name = units.get(fold_key(subject.unit), subject.unit)
        records[code] = SubjectRecord(subject=subject, entries=EntriesInLedger(connection, campaign, result.period, subject.id),
                                      history=tuple(history[code]), unit_name=unit_name, details=details.get(subject.id, {}))
    numbers = _register_numbers(connection, result, day, round_id) if campaign.numbering == "register" else {}
    from thidua_cli.storage.changelog import verification_code

    return Dossier(round=result, records=records, today=day, numbers=numbers,
                   verification_code=verification_code(connection, result.number), people=people)


def _register_numbers(connection, result: RoundResult, day: date | None, round_id: int | None) -> dict[str, str]:
    """Numbers from the register of outgoing documents for the round's tờ trình and biên bản (called inside
    the command's write transaction: a document keeps its number when the dossier is written again)."""
    from thidua_cli.domain.numbering import dossier_slots
    from thidua_cli.storage.register import number_for

    issued = day or session_today()
    return {
        slot.key: f"{number_for(connection, slot.key, slot.series, issued, round_id, now_text()):02d}/{slot.series}"
        for slot in dossier_slots(result)
    }


def write_documents(dossier: Dossier, out_dir: Path, templates: str | None, pdf: bool = False) -> tuple[Sequence[Path], str | None]:
    """Write the dossier with the document renderer (and a PDF of each document with `pdf`); (files, None),
    or ([], why) when the renderer is not installed."""
    try:
        from thidua_cli.render.dossier import write_dossier
    except ImportError as error:
        if error.name not in (None, "thidua_cli.render.dossier"):
            raise
        return [], "chưa có bộ tạo hồ sơ (render/dossier) trong bản cài đặt này; chưa viết văn bản nào"
    # the folder is made by write_dossier when the dossier is complete: a failure leaves none behind
    templates_dir = Path(templates) if templates else None
    if not pdf:
        return write_dossier(dossier, out_dir, templates_dir), None
    from thidua_cli.render.documents import FORMATS

    return write_dossier(dossier, out_dir, templates_dir, formats=FORMATS + ("pdf",)), None


def wants_pdf(row: round_store.RoundRow, asked: bool) -> bool:
    """A round whose dossier was asked for in PDF (propose-awards -O pdf) keeps it in PDF when written again."""
    return asked or bool(row.result.get("pdf"))


def write_vote_sheet(
    result: RoundResult, out_dir: Path, members: int | None, places: tuple[int, ...] = (), name: str | None = None,
    sitting: int = 1,
) -> Path:
    """The council's vote sheet, pre-filled with every candidate, for `record-votes --file` to read back as it is."""
    from thidua_cli.errors import system_reason
    from thidua_cli.files import write_atomic
    from thidua_cli.render.vote_sheet import vote_sheet_xlsx

    path = out_dir / (name or f"phieu-bau-dot-{result.number}.xlsx")
    try:
        write_atomic(path, vote_sheet_xlsx(result, members, places, sitting))
    except OSError as error:
        raise ThiduaError(f"không ghi được tệp {path}: {system_reason(error)}") from None
    return path


def templates_option(templates: str | None) -> str | None:
    if templates is None:
        return None
    path = Path(templates)
    if not path.is_dir():
        raise UsageError(f'--templates: không có thư mục "{templates}"')
    return str(path.resolve())


# --------------------------------------------------------------------------- propose-awards


def registration_filter(session: Session, campaign: Campaign):
    """The exclusion of `requires_registration` (issue 15), kept apart from the proposal rules.

    None when no award of the campaign requires registration; else `refuse(award, subject)` -> the reason in
    Vietnamese (chưa đăng ký / chưa được duyệt / bị trả lại) or None, which `decide(..., refuse=gate)` adds
    to a candidate's problems (key "registration"), so the subject is excluded with that reason."""
    from thidua_cli.domain.registration import registration_gate
    from thidua_cli.storage.registrations import list_registrations

    if not any(award.requires_registration for award in campaign.awards):
        return None
    return registration_gate(campaign, list_registrations(session.connection, campaign))



def propose_awards(
    db: str | None, request: PeriodRequest, campaign: str | None = None, out: str | None = None,
    templates: str | None = None, today: date | None = None, by: str | None = None,
    replace_round: int | None = None, allow_overlap: bool = False, pdf: bool = False, reconsider: Sequence[str] = (),
    dated: str | None = None,
) -> RoundView:
    """`dated` (`--date`): the day the tờ trình and the dossier bear, when the office made them before typing the
    round in; the round is dated by it too (reports of that month count it)."""
    templates = templates_option(templates)
    day = today or (_dossier_day(dated) if dated else session_today())
    with session_for(db) as session:
        chosen = session.campaign(campaign)
        if not chosen.awards:
            raise ThiduaError(
                f"phong trào {chosen.code} chưa khai báo hình thức khen thưởng nào",
                hint="thêm các mục [[awards]] vào tệp phong trào rồi nạp lại: thidua campaign load TỆP.toml",
            )
        period = resolve_period(request, chosen.start, chosen.end, day)
        refuse_outside(period, chosen)
        # the campaign's part of the period: a year-end round of a campaign ending 15/12 told the UBND it ran "đến
        # ngày 31/12/2026" where the tổng kết and the report say 15/12/2026
        period = covered_period(period, chosen)
        replaced = round_to_replace(session.connection, chosen, period, replace_round, allow_overlap)
        standings = standings_for(session, chosen, period)
        gate = registration_filter(session, chosen)  # issue 15: requires_registration (see registration_filter)
        records = records_for(session, chosen, period, skip=replaced.number if replaced else None, reconsider=reconsider)
        _check_reconsider(reconsider, records)
        outcome = decide(standings, records, day, refuse=gate)
        proposals, ties = _less_titles_paid(session, outcome.proposals, period.end.year), outcome.ties
        if not proposals and not ties and outcome.excluded:
            first = outcome.excluded[0]
            raise ThiduaError(
                f"không có đối tượng nào được đề nghị trong kỳ {format_date(period.start)} – {format_date(period.end)}: "
                f"{len(outcome.excluded)} trường hợp đủ điểm nhưng không đủ điều kiện, như {first.subject.code} — "
                f"{first.subject.name}: {first.award.code} — {first.text}; không lập đợt đề nghị",
                hint="xem lý do của từng người: thidua score --explain MÃ (và các đợt trước cùng kỳ: thidua rounds)",
            )
        if not proposals and not ties:
            lowest = min(chosen.awards, key=lambda a: a.min_score)
            raise ThiduaError(
                f"không có đối tượng nào đủ điều kiện khen thưởng trong kỳ {format_date(period.start)} – {format_date(period.end)} "
                f"(điểm thấp nhất cần đạt: {format_points(lowest.min_score)}); không lập đợt đề nghị",
                hint="xem bảng điểm: thidua score",
            )
        counts = {kind: len(standings.of_kind(kind)) for kind in (COLLECTIVE, INDIVIDUAL)}
        places = [tie_places(t, proposals, counts[t.subjects[0].kind], records.places_used(t.award, t.subjects[0].kind))
                  for t in ties]
        del records  # the province's award history, read by the rules only: ~20 MB of 20,000 subjects' past let go
        warnings = _already_rewarded(session, chosen, proposals)
        from thidua_cli.storage.entries import initiative_notes

        warnings += shared_initiatives(proposals, initiative_notes(
            session.connection, chosen.id, [c.code for c in chosen.criteria if c.initiative], period.start, period.end))
        created_by = current_user(by)
        with session.ledger.write() as connection:
            number = round_store.next_number(connection, chosen.id)
            if replaced is not None:
                round_store.cancel_round(connection, replaced.id, now_text(), created_by, f"thay bằng đợt đề nghị số {number}")
            out_dir = (Path(out) if out else Path.cwd() / f"{chosen.code}-dot-{number}").resolve()
            result = RoundResult(
                number=number, campaign=chosen, period=period, proposals=tuple(proposals), ties=tuple(ties),
                standings=standings, created_at=now_text(),
                supplementary=_earlier_awards(overlapping_rounds(connection, chosen, period, replaced)),
                women_passed_over=tuple((e.award.code, e.subject) for e in outcome.excluded if lost_to_women_first(e.reason, e.text)),
            )
            stored = _stored_result(result, day, created_by, counts, places, templates, outcome.excluded)
            if pdf:
                stored["pdf"] = True
            if dated:
                stored["dated"] = True  # the office said the dossier's day: a council cannot have sat before it
            if result.supplementary:
                stored["supplementary"] = True
            round_id = round_store.insert_round(
                connection, chosen.id, number, period.start, period.end, result.created_at, created_by, stored, str(out_dir)
            )
            del standings
            result, people = for_the_dossier(result)
            dossier = build_dossier(session, result, day, round_id, people=people)
            written, note = write_documents(dossier, out_dir, templates, pdf)
            written.append(write_vote_sheet(result, out_dir, chosen.council_members, tuple(places)))
        return RoundView(
            result=result, places=tuple(places), exclusions=outcome.excluded, out_dir=out_dir,
            written=written, dossier_note=note, warnings=warnings, proposal_date=day,
            replaced=replaced.number if replaced else None,
        )


def _dossier_day(text: str) -> date:
    return past_day(text, "ngày lập hồ sơ")


def _check_reconsider(reconsider: Sequence[str], records: Records) -> None:
    """`--reconsider` names a subject the council voted down, or a decision did not grant, in an earlier round of the
    same achievement."""
    down = {code.casefold(): code for code in (*records.voted_down, *records.not_granted)}
    for code in reconsider:
        if code.casefold() not in down:
            listed = ", ".join(sorted(set(down.values()))) or "không có ai"
            raise UsageError(f"--reconsider: {code} không bị Hội đồng bỏ phiếu không đạt hay cấp trên không khen ở đợt trước "
                             f"nào cho cùng kỳ (những người như vậy: {listed})")


def _already_rewarded(session: Session, campaign: Campaign, proposals: Iterable[Proposal]) -> list[str]:
    """A reminder for a subject proposed again in the campaign an award of the kind it got before (a danh hiệu
    after a danh hiệu, a hình thức after a hình thức): one achievement is rewarded once. A danh hiệu and a hình
    thức are not the same reward (an office's trial was warned of LĐTT when proposing Giấy khen)."""
    kinds: dict[str, set[str]] = {}
    higher: dict[tuple[str, str], str] = {}  # (subject, paid danh hiệu's name) → the higher one asking what it adds
    ids = set()
    for p in proposals:
        kinds.setdefault(p.subject.code, set()).add(p.award.category)
        ids.add(p.subject.id)
        for name, _amount, _decision in p.paid_before:
            higher[(p.subject.code, name)] = p.award.code
    if not ids:
        return []
    warnings = []
    for h in history_store.history_rows(session.connection, sorted(ids)):
        if h.award.source == "decision" and h.campaign == campaign.code and h.award.category in kinds.get(h.subject, ()):
            said = (f"{h.subject} — {h.subject_name} đã được khen {h.award.award} trong phong trào này "
                    f"(quyết định số {h.award.number}, đợt {h.award.round}); ")
            above = higher.get((h.subject, h.award.name))
            # a higher danh hiệu of the same year after a lower one paid is no second reward: it pays what it adds
            # (the danh sách says so); "một thành tích chỉ khen một lần" contradicted the money asked beside it
            warnings.append(said + (f"{above} cao hơn cùng năm chỉ hưởng phần chênh lệch tiền thưởng" if above
                                    else "một thành tích chỉ khen một lần"))
    return warnings


# --------------------------------------------------------------------------- record-votes


def _voted_subject(subjects, text: str, unit: str, candidacies: dict[str, list[str]], fail):
    """The subject a vote row names by code or name: two alike names told apart by the row's "Đơn vị" cell, as every
    import does, or else by which of them the round proposes (the sheet votes on the round's candidates only)."""
    from thidua_cli.domain.vntext import match_key

    found = subjects.find(text, unit)
    if type(found) is not str:
        return found
    if found.startswith("trùng tên"):
        alike = [s for s in subjects.subjects if s.code in candidacies and match_key(s.name) == match_key(text)
                 and (not unit or subjects.in_unit(s, unit))]
        if len(alike) == 1:
            return alike[0]
    fail(found if found.startswith("trùng tên") else f'không tìm thấy đối tượng "{text}"')
    return None


def _parse_votes(value, members: int, voters: int | None = None) -> int:
    text = clean(str(value if value is not None else ""))
    if not text:
        raise FormatError("trống — cần số phiếu đồng ý")
    typed_on_a_keyboard(text)  # "８" or "−1" read silently would be a count nobody sees the tool took
    # as a secretary writes the tally: "7 phiếu", "7/9" (of the members), "7/9 phiếu"
    tally = re.fullmatch(r"(\d+)\s*(?:/\s*(\d+))?\s*(?:phiếu(?:\s+đồng\s+ý)?)?\.?", text, re.IGNORECASE)
    if tally and (tally[2] or not text.isdigit()):
        if tally[2] and int(tally[2]) != members:
            raise FormatError(f"ghi {tally[1]}/{tally[2]}, mà Hội đồng có {members} thành viên (--members) — ghi số "
                              "phiếu đồng ý trên tổng số thành viên")
        text = tally[1]
    try:
        number = Decimal(text.replace(",", "."))
    except Exception:  # noqa: BLE001 - decimal raises several types
        raise FormatError("không phải số phiếu (số nguyên)") from None
    if not number.is_finite() or number != number.to_integral_value():
        raise FormatError("không phải số phiếu (số nguyên)")
    count = int(number)
    if count < 0:
        raise FormatError("không được âm")
    if count > members:
        raise FormatError(f"lớn hơn số thành viên Hội đồng ({members})")
    if voters is not None and count > voters:
        raise FormatError(f"lớn hơn số thành viên có mặt hoặc có ý kiến bằng văn bản ({voters})")
    return count


@dataclass(frozen=True)
class MeetingRequest:
    """The council meeting as `record-votes` is told it: times, place, who was absent."""

    start: str | None = None
    end: str | None = None
    place: str | None = None
    absent: tuple[str, ...] = ()
    written: tuple[str, ...] = ()
    chair: str | None = None
    secretary: str | None = None


def _clock(option: str, text: str | None) -> str:
    """"8:30", "08:30", "8h30", "8 giờ 30" → "08 giờ 30" (how a biên bản writes a time)."""
    if text is None or not clean(text):
        return ""
    import re

    match = re.fullmatch(r"(\d{1,2})\s*(?::|h|g|giờ)\s*(\d{1,2})?\s*(?:phút)?", clean(text).casefold())
    if not match or int(match[1]) > 23 or int(match[2] or 0) > 59:
        raise UsageError(f'{option}: "{text}" không phải giờ (ví dụ 08:00 hoặc 8h30)')
    return f"{int(match[1]):02d} giờ {int(match[2] or 0):02d}"


def _meeting_record(request: MeetingRequest, campaign: Campaign, members: int) -> dict:
    """The meeting as stored with the votes; absent members must be members of the council when it is named."""
    names = {fold_key(m.name): m.name for m in campaign.council}

    def member(option: str, text: str) -> str:
        name = clean(text)
        if names and fold_key(name) not in names:
            raise UsageError(f'{option}: "{name}" không có trong danh sách thành viên Hội đồng ([[council]] của phong trào)',
                             hint="có: " + ", ".join(names.values()))
        return names.get(fold_key(name), name)

    absent = [member("--absent", n) for n in request.absent if clean(n)]
    written = [member("--written", n) for n in request.written if clean(n)]
    for option, listed in (("--absent", absent), ("--written", written)):
        twice = sorted({name for name in listed if listed.count(name) > 1})
        if twice:  # counted twice, the biên bản's "có mặt" was one short
            raise UsageError(f'{option}: "{twice[0]}" ghi hai lần')
    both = set(absent) & set(written)
    if both:
        raise UsageError(f"--absent và --written cùng ghi {', '.join(sorted(both))}: chọn một")
    if len(absent) + len(written) >= members:
        raise UsageError(f"số thành viên vắng mặt ({len(absent) + len(written)}) không nhỏ hơn số thành viên Hội đồng ({members})")
    start, end = _clock("--start", request.start), _clock("--end", request.end)
    if start and end and end <= start:
        raise UsageError(f"--end: {end} không sau giờ bắt đầu {start}")
    stored = {"start": start, "end": end, "place": clean(request.place or ""), "absent": absent, "written": written}
    away = {fold_key(name) for name in absent + written}
    for option, role, duty, given, holder in (
        ("--chair", "Chủ tịch Hội đồng", "chủ tọa", request.chair, minutes_chair),
        ("--secretary", "Thư ký Hội đồng", "ghi", request.secretary, minutes_secretary),
    ):
        name = member(option, given) if given and clean(given) else ""
        if name:
            stored[option.lstrip("-")] = name
        person = name or getattr(holder(campaign), "name", "")
        if person and fold_key(person) in away:
            # the biên bản would name as chairing, and have sign, a member it lists as away
            if name:
                raise UsageError(f'{option}: "{name}" được ghi vắng mặt; người {"chủ tọa" if option == "--chair" else "ghi biên bản"} phải có mặt')
            raise UsageError(f'--absent: "{person}" là {role}, người {duty} và ký biên bản, nhưng được ghi vắng mặt',
                             hint=f'ghi người thay bằng {option} "Họ và tên"')
    return stored


def record_votes(
    db: str | None, number: int, file: str, members: int | None = None, campaign: str | None = None,
    day: str | None = None, templates: str | None = None, meeting_request: MeetingRequest | None = None, pdf: bool = False,
) -> RoundView:
    from thidua_cli.domain.file_kinds import VOTES
    from thidua_cli.services.readers import ReadNotes, read_rows
    from thidua_cli.services.subject_lookup import index_for
    from thidua_cli.storage.subjects import campaign_agency_id

    templates = templates_option(templates)
    filename = Path(file).name
    # a council meets before its votes are recorded: a later day is a slip (the biên bản would be dated ahead)
    meeting = past_day(day, "ngày Hội đồng họp") if day else session_today()
    with session_for(db) as session:
        chosen = session.campaign(campaign)
        row = load_round(session, chosen, number, "không ghi phiếu bầu")
        if decision_store.of_round(session.connection, row.id) or row.decision_number:
            raise ThiduaError(f"đợt đề nghị số {number} đã có quyết định khen thưởng; không ghi lại phiếu bầu")
        declared = chosen.council_members or (len(chosen.council) if chosen.council else None)
        members_warning = None
        if members is not None and declared is not None and members != declared:
            listed = (f"council_members = {chosen.council_members}" if chosen.council_members
                      else f"{len(chosen.council)} người trong [[council]]")
            members_warning = (f"--members {members} khác số thành viên Hội đồng khai báo trong tệp phong trào ({listed}); "
                               f"tỷ lệ phiếu đồng ý tính trên {members} thành viên")
        if members is None:
            members = declared
        if members is None:
            raise UsageError(
                "thiếu tuỳ chọn --members (số thành viên Hội đồng)",
                hint="hoặc khai báo council_members trong tệp phong trào",
            )
        if members < 1:
            raise UsageError(f"--members: {members} phải lớn hơn 0")
        meeting_record = _meeting_record(meeting_request or MeetingRequest(), chosen, members)
        view = round_view(session, chosen, row, with_standings=False, ignore_votes=True)
        if row.result.get("dated") and meeting < view.proposal_date:
            # the council votes on the danh sách made on the day the office gave: a sitting before it would date the
            # biên bản and the tờ trình ahead of the lists they approve. (A round typed in after the meeting, dated
            # the day it was typed, takes the meeting's day for all its documents.)
            raise UsageError(f"{'--date: ' if day else ''}ngày Hội đồng họp {format_date(meeting)} trước ngày lập đợt đề nghị số {number} "
                             f"({format_date(view.proposal_date)}); Hội đồng xét danh sách sau khi đợt được lập",
                             hint="ghi ngày họp đúng: thidua record-votes … --date NGÀY")
        earlier = [_vote_line(v) for v in row.votes["votes"]] if row.votes else []
        voted = {(line.subject, line.award): line for line in earlier}
        pending = [p for p in view.result.proposals if (p.subject.code, p.award.code) not in voted] if earlier else []
        # A vote that fell through made new proposals: this sitting votes on them only. Otherwise the
        # file is the (first, or again the first) vote on the round as proposed.
        sitting = max(line.sitting for line in earlier) + 1 if pending else 1
        if pending:
            result, places = replace(view.result, proposals=tuple(pending), ties=()), ()
        else:
            result, places = replace(view.result, proposals=tuple(p for p in view.result.proposals if p.fallen_from is None)), view.places
            earlier = []
        proposed = {(p.subject.code, p.award.code): p for p in result.proposals}
        tied = {(s.code, t.award.code): (t, index) for index, t in enumerate(result.ties) for s in t.subjects}
        candidacies: dict[str, list[str]] = {}
        for subject_code, award_code in list(proposed) + list(tied):
            candidacies.setdefault(subject_code, []).append(award_code)
        errors: list[RowError] = []
        counted: dict[tuple[str, str], tuple[int, str]] = {}
        notes = ReadNotes()
        subjects = index_for(session.connection, campaign_agency_id(session.connection, chosen.id))
        for source in read_rows(file, VOTES, notes=notes):
            values = source.values
            if source.problems:
                errors.extend(source.problems)
                continue

            def fail(column: str, value, why: str) -> None:
                errors.append(RowError(source.where, source.cells.get(column, column), value, why))

            if "subject" not in source.cells and "name" not in source.cells:
                raise ThiduaError(f"tệp {filename} thiếu cột mã đối tượng (hoặc họ và tên)",
                                  hint="các cột: Mã (hoặc Họ và tên), Mã hình thức (khi cần), Số phiếu đồng ý")
            code_text = clean(str(values.get("subject") or ""))
            name_text = clean(str(values.get("name") or ""))
            subject_text, column = (code_text, "subject") if code_text else (name_text, "name")
            subject = None
            if not subject_text:
                fail(column, subject_text, "trống — cần mã hoặc tên đối tượng")
            else:
                subject = _voted_subject(subjects, subject_text, "" if code_text else clean(str(values.get("unit") or "")),
                                         candidacies, lambda why: fail(column, subject_text, why))
            if subject is not None and code_text and name_text and fold_key(name_text) != fold_key(subject.name):
                fail("name", name_text, f"không khớp với mã {subject.code} ({subject.name})")
                subject = None
            try:
                count = _parse_votes(values.get("votes"), members, members - len(meeting_record["absent"]))
            except FormatError as error:
                fail("votes", values.get("votes"), str(error))
                count = None
            if subject is None:
                continue
            awards = candidacies.get(subject.code)
            if not awards and any(code == subject.code for code, _ in voted) and pending:
                fail("subject", subject_text, f"đã được Hội đồng bỏ phiếu; phiên {sitting} chỉ bỏ phiếu các đề nghị xét tiếp: "
                     + ", ".join(f"{p.subject.code} ({p.award.code})" for p in pending))
                continue
            if not awards:
                fail("subject", subject_text, f"không có trong danh sách đề nghị hay đồng hạng của đợt {number}")
                continue
            award_text = clean(str(values.get("award") or ""))
            award_name = clean(str(values.get("award_name") or ""))
            if not award_text and award_name:  # a sheet with the award's name only
                named = [code for code in awards if fold_key(_award_of(chosen, code, number).name) == fold_key(award_name)]
                award_text = named[0] if len(named) == 1 else award_name
            if award_text:
                match = [code for code in awards if code.casefold() == award_text.casefold()]
                if not match:  # the award's name, or its short form, under "Danh hiệu" ("Chiến sĩ thi đua cơ sở", "LĐTT")
                    from thidua_cli.services.registrations import find_award

                    named = find_award(chosen, award_text)
                    match = [code for code in awards if named is not None and code == named.code]
                if not match:
                    fail("award", award_text, f"{subject.code} không được đề nghị hình thức này trong đợt {number} (có: {', '.join(awards)})")
                    continue
                award_code = match[0]
            elif len(awards) == 1:
                award_code = awards[0]
            else:
                fail("award", "", f"{subject.code} vừa đồng hạng vừa được đề nghị ({', '.join(awards)}): ghi rõ hình thức")
                continue
            key = (subject.code, award_code)
            if key in counted:
                fail("subject", subject_text, f"trùng với {counted[key][1]} ({subject.code}, {award_code})")
                continue
            if count is not None:
                counted[key] = (count, source.where)
        missing = [key for key in proposed if key not in counted]
        if errors:
            raise FileRowsError(filename, errors, file)
        if not counted:
            raise ThiduaError(f"tệp {filename} không có dòng dữ liệu nào")
        if missing:
            listed = "; ".join(f"{code} — {proposed[(code, award)].subject.name} ({award})" for code, award in missing)
            raise InvalidData(
                # a person proposed a danh hiệu and a hình thức is two rows: counting them "người" overcounted people
                f"tệp {filename} thiếu số phiếu của {len(missing)} đề nghị: {listed}",
                hint="mỗi đề nghị (một người hoặc tập thể, một hình thức) cần một dòng; ghi 0 nếu không ai đồng ý",
            )
        lines = _decide_votes(result, places, counted, members, sitting)
        if pending:
            lines = _within_limits(session, chosen, row, view, lines, earlier)
        lines, member_warnings = _members_judged_again(session, chosen, view, lines, earlier)
        recorded = {"sitting": sitting, "members": members, "date": meeting.isoformat(), "recorded_at": now_text(),
                    "recorded_by": current_user(None), "file": filename, "meeting": meeting_record}
        sittings = (row.votes.get("sittings", []) if row.votes and pending else []) or (
            [{"sitting": 1, **{k: row.votes.get(k) for k in ("members", "date", "recorded_at", "recorded_by", "file", "meeting")}}]
            if pending else [])
        votes = {
            **{key: value for key, value in recorded.items() if key != "sitting"},
            "sittings": sittings + [recorded],
            "votes": [
                {"subject": v.subject, "award": v.award, "votes": v.votes, "percent": str(v.percent), "passed": v.passed,
                 "tie": v.tie, "note": v.note, "sitting": v.sitting}
                for v in earlier + lines
            ],
        }
        stored = _after_vote(session, chosen, row, view, lines, earlier, meeting, replaced=bool(row.votes) and not pending)
        replaced = row.votes is not None and not pending
        with session.ledger.write() as connection:
            round_store.set_votes(connection, row.id, votes)
            if stored is not None:
                round_store.set_result(connection, row.id, stored)
            row = load_round(session, chosen, number)
            view = round_view(session, chosen, row)
            out_dir = view.out_dir or (Path.cwd() / f"{chosen.code}-dot-{number}").resolve()
            view.result, people = for_the_dossier(view.result)
            dossier = build_dossier(session, view.result, meeting, row.id, people=people)
            view.written, view.dossier_note = write_documents(dossier, out_dir, templates or row.result.get("templates"),
                                                              wants_pdf(row, pdf))
            view.out_dir = out_dir
            view.fallen = [p for p in view.result.proposals if p.fallen_from is not None and p.passed is None]
            if view.fallen:  # the sheet of the next sitting: only the proposals it votes on
                next_sitting = replace(view.result, proposals=tuple(view.fallen), ties=())
                view.written.append(write_vote_sheet(next_sitting, out_dir, members, name=f"phieu-bau-dot-{number}-phien-{sitting + 1}.xlsx",
                                                    sitting=sitting + 1))
        if any(v.tie and v.passed for v in lines):  # a tie the council settled: propose-awards could not check its winner
            from thidua_cli.storage.entries import initiative_notes

            view.warnings += shared_initiatives(view.result.active_proposals, initiative_notes(
                session.connection, chosen.id, [c.code for c in chosen.criteria if c.initiative],
                view.result.period.start, view.result.period.end))
        if replaced:
            view.warnings.insert(0, f"đã thay kết quả bỏ phiếu ghi trước đây của đợt {number}")
        view.sitting = sitting
        view.warnings[:0] = notes.warnings()
        view.warnings.extend(member_warnings)
        if members_warning:
            view.warnings.insert(0, members_warning)
        missing_record = [option for option, value in (("--start", meeting_record["start"]), ("--end", meeting_record["end"]),
                                                        ("--place", meeting_record["place"])) if not value]
        if missing_record:
            view.warnings.append("biên bản họp Hội đồng để trống " + ", ".join(missing_record)
                                 + " (giờ bắt đầu, kết thúc, địa điểm): ghi lại phiếu với các tuỳ chọn này để điền")
        return view


def _after_vote(session: Session, campaign: Campaign, row: round_store.RoundRow, view: RoundView, lines: list[VoteLine],
                earlier: list[VoteLine], day: date, replaced: bool) -> dict | None:
    """The stored round after this sitting: proposals made by votes that fell through (SPEC §5.2 item 7),
    the exclusions they change; None when the round as stored stays as it is."""
    from thidua_cli.domain.proposals import AFTER_VOTE_NOTES, fall_through

    stored = dict(row.result)
    changed = False
    if replaced and any("fallen_from" in item for item in stored["proposals"]):
        stored["proposals"] = [item for item in stored["proposals"] if "fallen_from" not in item]  # they followed the old vote
        stored.pop("excluded_after_vote", None)
        changed = True
    if campaign.on_vote_failure != "next-lower":
        return stored if changed else None
    by_key = {(p.subject.code, p.award.code): p for p in view.result.proposals}
    failed_lines = {(v.subject, v.award) for v in lines
                    if not v.passed and not v.tie and (not v.note or v.note.startswith(AFTER_VOTE_NOTES))}
    failed = [by_key[key] for key in failed_lines if key in by_key and by_key[key].brought_by is None]
    if not failed:
        return stored if changed else None
    all_lines = {(v.subject, v.award): v for v in earlier + lines}
    live = _brought_by_ties([
        p for p in view.result.proposals
        if (p.subject.code, p.award.code) in {(i["subject"], i["award"]) for i in stored["proposals"]}
        and ((line := all_lines.get((p.subject.code, p.award.code))) is None or line.passed)
    ], all_lines, campaign, {})
    # a tied subject the council gave a place holds it like a proposal: a vote falling through stays within the
    # places left (SPEC §5.2 item 7)
    live += [
        Proposal(award=tie.award, subject=subject, total=tie.total, rank=0, amount=0)
        for tie in view.result.ties for subject in tie.subjects
        if (line := all_lines.get((subject.code, tie.award.code))) is not None and line.passed
    ]
    standings = standings_for(session, campaign, view.result.period)
    new, excluded = fall_through(standings, records_for(session, campaign, view.result.period, before=row.number), live,
                                 failed, stored.get("counts", {}), view.proposal_date or day,  # priced as the round was
                                 refuse=registration_filter(session, campaign))
    if not new and not excluded:
        return stored if changed else None
    new = _less_titles_paid(session, new, view.result.period.end.year)  # asked as a proposal made at once is
    stored["proposals"] = stored["proposals"] + [_stored_proposal(p) for p in new]
    found = {(e.award.code, e.subject.code): e for e in excluded}
    stored["excluded_after_vote"] = [
        item for item in stored.get("excluded_after_vote", []) if (item["award"], item["subject"]) not in found
    ] + [{"award": e.award.code, "subject": e.subject.code, "reason": e.reason, "text": e.text} for e in found.values()]
    return stored


def _members_judged_again(session: Session, campaign: Campaign, view: RoundView, lines: list[VoteLine],
                          earlier: list[VoteLine]) -> tuple[list[VoteLine], list[str]]:
    """A collective whose danh hiệu rests on its members' (`members` conditions) is judged again on the danh hiệu
    the council passed: passed in this sitting, it does not pass (and falls through like a vote below the
    threshold); passed in an earlier sitting, the result warns, for the council to reconsider. One the round held
    back that those danh hiệu now qualify is named, with the supplementary round it needs."""
    from thidua_cli.domain.proposals import members_after_vote, qualified_after_vote

    if not any(item.on_members for award in campaign.awards for item in award.prerequisites):
        return lines, []
    standings = standings_for(session, campaign, view.result.period)
    records = records_for(session, campaign, view.result.period, before=view.result.number)
    subjects = {p.subject.code: p.subject for p in view.result.proposals}
    subjects.update({s.code: s for t in view.result.ties for s in t.subjects})
    now = {(line.subject, line.award) for line in lines}
    passed = {(line.subject, line.award) for line in earlier if line.passed and (line.subject, line.award) not in now}
    passed |= {(line.subject, line.award) for line in lines if line.passed}
    kept, warnings = [], []
    for line in lines:
        award, subject = campaign.award(line.award), subjects.get(line.subject)
        if line.passed and award is not None and subject is not None:
            missing = members_after_vote(standings, records, award, subject, passed)
            if missing:
                line = replace(line, passed=False, note=missing)
        kept.append(line)
    for line in earlier:
        award, subject = campaign.award(line.award), subjects.get(line.subject)
        if line.passed and (line.subject, line.award) not in now and award is not None and subject is not None:
            missing = members_after_vote(standings, records, award, subject, passed)
            if missing:
                warnings.append(f"{subject.code} — {subject.name} đã đạt {award.name} ở phiên {line.sitting} nhưng "
                                f"{missing}; Hội đồng cần xem lại trước khi ra quyết định")
    number = view.result.number
    why = {(e.award.code, e.subject.code): e.text for e in view.exclusions if e.reason == "requires"}
    passed_now = {(line.subject, line.award) for line in earlier if line.passed and (line.subject, line.award) not in now}
    passed_now |= {(line.subject, line.award) for line in kept if line.passed}
    for award, subject in qualified_after_vote(standings, records, why, passed_now):
        warnings.append(f"{subject.code} — {subject.name} nay đủ điều kiện {award.name} với các danh hiệu Hội đồng đã bỏ "
                        f"phiếu (khi lập đợt {number}: {why[(award.code, subject.code)]}); đợt {number} không đề nghị được "
                        "nữa: sau khi có quyết định khen thưởng, lập đợt bổ sung: thidua propose-awards --allow-overlap")
    return kept, warnings


def _within_limits(session: Session, campaign: Campaign, row: round_store.RoundRow, view: RoundView, lines: list[VoteLine],
                   earlier: list[VoteLine]) -> list[VoteLine]:
    """A later sitting passes a proposal that fell through only within its award's places (SPEC §5.2 item 7):
    those passed in earlier sittings — tied winners included — and by earlier rounds of the same achievement
    count. (The fall-through already stays within them; a round stored before it counted tied winners did not.)"""
    from thidua_cli.domain.proposals import year_limit

    records = records_for(session, campaign, view.result.period, before=row.number)
    counts = row.result.get("counts", {})
    brought = {(p.subject.code, p.award.code) for p in view.result.proposals if p.brought_by}
    partners = _tie_partners({(line.subject, line.award): line for line in earlier}, campaign)
    brought |= {(line.subject, line.award) for line in earlier if (line.subject, line.award.casefold()) in partners}
    kinds = {p.subject.code: p.subject.kind for p in view.result.proposals}
    kinds.update({s.code: s.kind for t in view.result.ties for s in t.subjects})
    taken: dict[tuple[str, str], int] = {}
    for line in earlier:
        if line.passed and (line.subject, line.award) not in brought:
            key = (line.award, kinds.get(line.subject, ""))
            taken[key] = taken.get(key, 0) + 1
    kept = []
    for line in lines:
        award = campaign.award(line.award)
        kind = kinds.get(line.subject, "")
        if line.passed and award is not None and (line.subject, line.award) not in brought:
            limit = year_limit(award, counts.get(kind, 0), records.places_used(award, kind))
            if limit is not None and taken.get((line.award, kind), 0) >= limit:
                line = replace(line, passed=False, note=f"đạt tỷ lệ nhưng hết suất ({limit} suất của {award.name} đã đủ)")
            else:
                taken[(line.award, kind)] = taken.get((line.award, kind), 0) + 1
        kept.append(line)
    return kept


def _decide_votes(result: RoundResult, places: tuple[int, ...], counted: dict[tuple[str, str], tuple[int, str]], members: int,
                  sitting: int = 1) -> list[VoteLine]:
    """Who passes: proposals by threshold; tied subjects by threshold within the places left, most votes first.

    One award per subject and category passes (a danh hiệu brought `with` another aside); an award whose
    brought danh hiệu does not pass does not pass either (it is granted only together with it)."""
    campaign = result.campaign
    granted: set[tuple[str, str]] = set()  # (subject, category)
    lines: list[VoteLine] = []
    proposals_by_award: dict[str, list[Proposal]] = {}
    for p in result.proposals:
        proposals_by_award.setdefault(p.award.code, []).append(p)
    ties_by_award: dict[str, list[tuple[Tie, int]]] = {}
    for tie, n in zip(result.ties, places):
        ties_by_award.setdefault(tie.award.code, []).append((tie, n))
    brought = {(p.subject.code, p.award.code): p.brought_by for p in result.proposals if p.brought_by}
    own_proposals = {(p.subject.code, p.award.code) for p in result.proposals if not p.brought_by}
    # a subject tied for an award that brings a danh hiệu may be tied for that danh hiệu too (the tie went on to it)
    own_proposals |= {(s.code, t.award.code) for t in result.ties for s in t.subjects}
    for award in awards_by_level(campaign):
        higher = f"đã được {'danh hiệu' if award.category == DANH_HIEU else 'hình thức'} cao hơn trong đợt này"
        for p in proposals_by_award.get(award.code, []):
            count = counted[(p.subject.code, award.code)][0]
            reached = vote_passes(count, members, award.vote_threshold)
            own = p.brought_by is None and (p.subject.code, award.code) not in brought
            note = higher if reached and own and (p.subject.code, award.category) in granted else ""
            passed = reached and not note
            if passed and own:
                granted.add((p.subject.code, award.category))
            lines.append(VoteLine(p.subject.code, award.code, count, vote_percent(count, members), passed, False, note, sitting))
        for tie, n in ties_by_award.get(award.code, []):
            voted = [(s, counted[(s.code, award.code)][0]) for s in tie.subjects if (s.code, award.code) in counted]
            # one whose higher tie won brings this danh hiệu with it: it takes none of the tie's places (as a
            # brought danh hiệu takes none), and it passes by its own vote, without which the higher one fails
            reached = [(s, c) for s, c in voted if vote_passes(c, members, award.vote_threshold)
                       and (s.code, award.category) not in granted and (s.code, award.code) not in brought]
            reached.sort(key=lambda item: (-item[1], name_sort_key(item[0])))
            if len(reached) > n and n > 0 and reached[n - 1][1] == reached[n][1]:
                level = [s for s, c in reached if c == reached[n - 1][1]]
                raise ThiduaError(
                    f"đồng hạng {award.code} ({format_points(tie.total)} điểm): "
                    + ", ".join(f"{s.code} — {s.name}" for s in level)
                    + f" cùng {reached[n - 1][1]} phiếu đồng ý mà chỉ còn {n} suất; chưa ghi gì",
                    hint="Hội đồng cần bỏ phiếu lại giữa những người này",
                )
            winners = {s.code for s, _ in reached[:n]}
            for s, count in voted:
                ok = vote_passes(count, members, award.vote_threshold)
                note = ""
                if (s.code, award.code) in brought:
                    lines.append(VoteLine(s.code, award.code, count, vote_percent(count, members), ok, True, "", sitting))
                    continue
                if ok and (s.code, award.category) in granted:
                    note = higher
                elif ok and s.code not in winners:
                    note = f"đạt tỷ lệ nhưng hết suất ({n} suất)"
                passed = s.code in winners
                if passed:
                    granted.add((s.code, award.category))
                    # the tie's place brings what the award brings `with` it: the winner's own proposal of that
                    # danh hiệu (the tie went on to it) is now the one brought, not a second danh hiệu refused
                    partners = (campaign.award(code) for code in campaign.brought_with(award))
                    brought.update({(s.code, partner.code): award.code for partner in partners
                                    if partner is not None and (s.code, partner.code) in own_proposals})
                lines.append(VoteLine(s.code, award.code, count, vote_percent(count, members), passed, True, note, sitting))
    # A subject granted a higher award through a tie does not also take the lower one it was proposed for.
    first_passed: dict[tuple[str, str], str] = {}
    for line in lines:
        category = campaign.award(line.award).category
        if line.passed and (line.subject, line.award) not in brought:
            first_passed.setdefault((line.subject, category), line.award)
    final = []
    for line in lines:
        first = first_passed.get((line.subject, campaign.award(line.award).category))
        if line.passed and (line.subject, line.award) not in brought and first != line.award:
            line = replace(line, passed=False, note=f"đã được {first} trong đợt này")
        final.append(line)
    # … and an award does not pass without the danh hiệu it brings.
    failed_brought = {(line.subject, brought[(line.subject, line.award)]): line.award
                      for line in final if (line.subject, line.award) in brought and not line.passed}
    for index, line in enumerate(final):
        partner = failed_brought.get((line.subject, line.award))
        if line.passed and partner is not None:
            name = campaign.award(partner).name
            final[index] = replace(line, passed=False, note=f"không đạt {name} đi kèm")
    return final


def _tie_partners(lines: dict, campaign: Campaign) -> dict[tuple[str, str], str]:
    """(subject, danh hiệu code folded) → the award whose tie the council gave the subject, which brings it `with` it."""
    partners = {}
    for (subject, code), line in lines.items():
        award = campaign.award(code)
        if line.tie and line.passed and award is not None:
            partners.update({(subject, partner.casefold()): award.code for partner in campaign.brought_with(award)})
    return partners


def _brought_by_ties(proposals: list[Proposal], lines: dict, campaign: Campaign, decided: dict) -> list[Proposal]:
    """A tied subject the council gave the place holds the danh hiệu the award brings `with` it: its own proposal
    of that danh hiệu (the tie went on to it) is the one brought, at no money of its own (`_decide_votes` passed
    it so) unless a decision recorded other money (`decided`: (subject, award folded) → (đồng, the decision's date))."""
    bringers = _tie_partners(lines, campaign)
    if not bringers:
        return proposals
    return [
        replace(p, brought_by=bringers[key], amount=0, decided_amount=decided.get(key, (None, None))[0])
        if p.brought_by is None and (key := (p.subject.code, p.award.code.casefold())) in bringers else p
        for p in proposals
    ]


def _tie_winners_priced(session: Session, proposals: list[Proposal], tied: set[int], lines: dict, campaign: Campaign,
                        day: date | None, year: int) -> list[Proposal]:
    """The danh hiệu of a subject the council gave a tied place, asked as if proposed at once (`propose_awards`):
    each authority what it pays (`paid_by_each_authority`: the Giám đốc's CSTĐCS its own money, the UBND's CSTĐ cấp
    tỉnh the difference), less what earlier decisions paid for the year. A tie is priced only once the council chose,
    so its award (`tied`: ids of those proposals) and the danh hiệu it brings are priced here, nothing else."""
    winners = {subject for (subject, _), line in lines.items() if line.tie and line.passed}
    fresh = [p for p in proposals if p.subject.code in winners and p.award.category == DANH_HIEU
             and (id(p) in tied or p.brought_by is not None)]
    if not fresh:
        return proposals
    priced = _less_titles_paid(session, paid_by_each_authority(fresh, campaign, day), year)
    moved = {id(old): new for old, new in zip(fresh, priced)}
    return [moved.get(id(p), p) for p in proposals]


def _paid_alone(proposal: Proposal, lines: dict, campaign: Campaign, day: date | None,
                others: Mapping[str, list[Proposal]] | None = None) -> Proposal:
    """A danh hiệu brought `with` one the council did not pass stands alone, with its own money — unless a higher
    danh hiệu of the subject that passed pays for the year (the LĐTT a failed CSTĐ cấp tỉnh brought also comes with
    the CSTĐCS that passed: the Giám đốc's QĐ pays it nothing)."""
    if proposal.brought_by is None or proposal.amount:
        return proposal
    bringer = lines.get((proposal.subject.code, proposal.brought_by))
    if bringer is None or bringer.passed:
        return proposal
    if any(other.award.category == proposal.award.category
           and other.award.level > proposal.award.level and other.award.code != proposal.brought_by
           and (line := lines.get((other.subject.code, other.award.code))) is not None and line.passed
           for other in (others or {}).get(proposal.subject.code, ())):
        return proposal
    return replace(proposal, amount=amount_for(campaign, proposal.award, proposal.subject.kind, day))


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)
