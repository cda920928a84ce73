"""Award rounds: what `propose-awards` decides and what the dossier is written from.

These plain records are the contract between the proposal rules
(`domain/proposals.py`), their storage, and the document renderers
(`render/dossier*.py`). Money is in đồng; points are exact `Decimal`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from thidua_cli.domain.models import Award, Campaign, HistoryAward, Period, Subject
from thidua_cli.domain.scoring import StandingRow, Standings


@dataclass(frozen=True)
class Proposal:
    award: Award
    subject: Subject
    total: Decimal  # exact total of the standings row
    rank: int  # rank within the subject's kind
    amount: int  # reward money in đồng as proposed (multiplier × base salary, rounded per campaign)
    row: StandingRow | None = None
    votes_for: int | None = None  # after record-votes
    passed: bool | None = None  # after record-votes: votes_for / members ≥ award.vote_threshold
    brought_by: str | None = None  # the danh hiệu whose `with` brought this one (CSTĐCS brings LĐTT)
    fallen_from: str | None = None  # the award whose council vote this subject failed before this proposal
    sitting: int | None = None  # the council sitting that voted on it (1, 2 … after votes that fell through)
    vote_note: str = ""  # why it did not pass though the votes may have reached the ratio (no place left, …)
    # a danh hiệu proposed at less than its rate: the year's danh hiệu earlier decisions paid already, as (name,
    # amount, decision number) — one year's achievement is paid its highest danh hiệu; `amount` is what it adds
    paid_before: tuple[tuple[str, int, str], ...] = ()
    # after record-decision, a danh hiệu paid less than its rate: the same, as the decision paid it (it may count a
    # danh hiệu of this round another authority decided first: the Giám đốc's CSTĐCS before the UBND's CSTĐ cấp tỉnh)
    decided_paid_before: tuple[tuple[str, int, str], ...] = ()
    # after record-decision: what the decision in force pays for it (None while no decision granted it); it may
    # differ from `amount`: a danh hiệu brought with one a decision refused pays its own rate, one whose lower
    # danh hiệu of the year was paid before pays the difference
    decided_amount: int | None = None

    @property
    def paid_amount(self) -> int:
        """The money granted or still to grant: the decided amount once decided, else the proposed one."""
        return self.amount if self.decided_amount is None else self.decided_amount


@dataclass(frozen=True)
class Tie:
    """Subjects tied at an award's limit that the rules could not separate: left to the council."""

    award: Award
    subjects: tuple[Subject, ...]
    total: Decimal


@dataclass(frozen=True)
class Meeting:
    """The council's meeting as `record-votes` recorded it (times as the office writes them: "08 giờ 00")."""

    start: str = ""
    end: str = ""
    place: str = ""
    absent: tuple[str, ...] = ()  # members absent without a written opinion
    written: tuple[str, ...] = ()  # members absent who sent a written opinion (counted in the vote)
    chair: str = ""  # who chaired it when not the council's Chủ tịch (`record-votes --chair`)
    secretary: str = ""  # who kept the minutes when not the council's Thư ký


@dataclass(frozen=True)
class Sitting:
    """One council meeting that voted on the round: the first on the proposals, the next ones on the
    proposals made when a vote fell through to the next lower award (`Proposal.sitting` says which)."""

    number: int
    members: int
    day: date | None = None
    file: str = ""
    meeting: Meeting | None = None  # its time, place and who was away, as record-votes recorded them


@dataclass(frozen=True)
class RoundDecision:
    """A live decision of one deciding authority for the round (a corrected one is not listed here)."""

    authority: str
    number: str
    day: date
    awards: tuple[str, ...] = ()  # award codes it granted
    corrects: str | None = None  # the number of the decision it corrected
    reason: str | None = None  # why that one was corrected
    not_granted: tuple[tuple[str, str], ...] = ()  # (subject code, award code) proposed to it that it did not grant


@dataclass(frozen=True)
class RoundResult:
    number: int
    campaign: Campaign
    period: Period
    proposals: tuple[Proposal, ...]
    ties: tuple[Tie, ...] = ()
    standings: Standings | None = None
    created_at: str = ""
    members: int | None = None  # council members, once votes are recorded
    # the agency head's own decision (the draft QĐ of the dossier); with no such award in the round, the first one
    decision_number: str | None = None
    decision_date: date | None = None
    sittings: tuple[Sitting, ...] = ()  # every council sitting, in order (the last one's members are `members`)
    decisions: tuple[RoundDecision, ...] = ()  # one or more per deciding authority that has decided
    pending: tuple[str, ...] = ()  # deciding authorities whose decision is not recorded yet, highest level first
    meeting: Meeting | None = None  # once votes are recorded with the meeting's details
    # made beside earlier rounds of the same period (--allow-overlap), an đợt bổ sung: the award codes (folded) those
    # earlier rounds proposed, whose phrases say "bổ sung"; empty for a round that is the first of its period
    supplementary: frozenset[str] = frozenset()
    # (award code, subject) tied at an award's last place and left out by women-first with no other award of the kind
    women_passed_over: tuple = ()

    def decisions_of(self, authority: str) -> tuple[RoundDecision, ...]:
        return tuple(d for d in self.decisions if d.authority == authority)

    @property
    def not_granted(self) -> frozenset[tuple[str, str]]:
        """(subject code, award code folded) that a decision did not grant."""
        return frozenset((code, award.casefold()) for d in self.decisions for code, award in d.not_granted)

    @property
    def total_amount(self) -> int:
        """The money of the round as proposed (the tờ trình's): the council's list, before any decision."""
        return sum(p.amount for p in self.active_proposals)

    @property
    def amount_due(self) -> int:
        """The money granted or still to grant: decided amounts where decided, refused proposals left out (a danh hiệu
        still to decide counts as proposed: what it adds to the lower ones the round pays, `paid_by_each_authority`)."""
        refused = self.not_granted
        return sum(p.paid_amount for p in self.active_proposals if (p.subject.code, p.award.code.casefold()) not in refused)

    @property
    def active_proposals(self) -> tuple[Proposal, ...]:
        """Before the vote: every proposal; after: only those who passed (not those still awaiting a vote)."""
        if self.members is None:
            return self.proposals
        return tuple(p for p in self.proposals if p.passed)


@dataclass(frozen=True)
class SubjectRecord:
    """What a Báo cáo thành tích is built from: the subject's entries in the period and award history."""

    subject: Subject
    # {"id","date","criterion","criterion_name","points"(hundredths),"note","evidence"} in date order: a tuple,
    # or (services.proposals.EntriesInLedger) read again from the ledger each time it is iterated
    entries: Iterable[dict]
    history: tuple[HistoryAward, ...] = ()
    unit_name: str | None = None
    details: dict = field(default_factory=dict)  # SUBJECT_DETAIL_FIELDS → text (lý lịch, đặc điểm)


@dataclass(frozen=True)
class Dossier:
    round: RoundResult
    records: dict[str, SubjectRecord] = field(default_factory=dict)  # by subject code
    today: date | None = None  # the date written on the documents
    numbers: dict[str, str] = field(default_factory=dict)  # document key (domain.numbering) → "05/TTr-STTTT"
    verification_code: str = ""  # the ledger state the documents are written from (storage.changelog)
    # everyone the standings ranked, in their order, when `round.standings` was narrowed to the round's own rows
    # (propose-awards lets the others' scores go before writing); None: the subjects of `round.standings`
    people: tuple[Subject, ...] | None = None

    def ranked_subjects(self) -> Sequence[Subject] | None:
        """Every subject of the standings the round was made from (units' names, heads of units, the
        Chánh Văn phòng); None when the round carries no standings."""
        if self.people is not None:
            return self.people
        standings = self.round.standings
        return None if standings is None else [row.subject for row in standings.rows]
