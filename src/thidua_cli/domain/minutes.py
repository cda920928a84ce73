"""What happened at each award's limit, for the biên bản to tell: pure facts from a round.

- where the priority for women (NĐ 152 Điều 4 k6; NĐ 91 Điều 3) decided who took
  the last places: a woman taken at the limit's total while a man with the same
  total was not (left tied, or gone on to a lower award);
- each tie left to the council: the places left, and after the vote who won
  them, who did not and with how many votes, and the next lower award of the
  same category where one exists (a Giấy khen has none).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from thidua_cli.domain.models import Award, Campaign, CouncilMember, Subject
from thidua_cli.domain.rounds import Meeting, Proposal, RoundResult, Tie
from thidua_cli.domain.vntext import fold_key


def _role_holder(campaign: Campaign, role: str, fallback: str) -> CouncilMember | None:
    for member in campaign.council:
        folded = fold_key(member.role)
        if (role == "chair" and folded.startswith("chu tich")) or (role == "secretary" and "thu ky" in folded):
            return member
    return CouncilMember(fallback, "", "") if fallback else None


def _named(campaign: Campaign, name: str) -> CouncilMember:
    return next((m for m in campaign.council if fold_key(m.name) == fold_key(name)), CouncilMember(name, "", ""))


def chair(campaign: Campaign, meeting: Meeting | None = None) -> CouncilMember | None:
    """Who chaired the meeting: the one `record-votes --chair` named (the Chủ tịch was away), else the Chủ tịch."""
    if meeting is not None and meeting.chair:
        return _named(campaign, meeting.chair)
    return _role_holder(campaign, "chair", campaign.council_chair)


def secretary(campaign: Campaign, meeting: Meeting | None = None) -> CouncilMember | None:
    """Who kept the minutes: the one `record-votes --secretary` named, else the council's Thư ký."""
    if meeting is not None and meeting.secretary:
        return _named(campaign, meeting.secretary)
    return _role_holder(campaign, "secretary", campaign.council_secretary)


@dataclass(frozen=True)
class WomenFirst:
    award: Award
    kind: str
    total: Decimal
    taken: tuple[Subject, ...]  # women taken at the limit's total
    passed_over: tuple[Subject, ...]  # men with the same total not taken for this award


@dataclass(frozen=True)
class TieOutcome:
    tie: Tie
    voted: bool
    winners: tuple[Proposal, ...]  # after the vote: tied subjects who took the places left
    others: tuple[Proposal, ...]  # after the vote: tied subjects who did not
    unvoted: tuple[Subject, ...]  # tied subjects the council gave no vote
    lower: Award | None  # the next lower award of the same category for their kind
    women_first: bool


def lower_award(campaign: Campaign, award: Award, kind: str) -> Award | None:
    """The next award below `award` in level, of the same category, offered to `kind`."""
    below = [a for a in campaign.awards if a.level < award.level and a.category == award.category and a.applies(kind)]
    return max(below, key=lambda a: (a.level, -a.position)) if below else None


def _tied_keys(result: RoundResult) -> set[tuple[str, str]]:
    return {(s.code, t.award.code) for t in result.ties for s in t.subjects}


def _blocked_by_penalty(award: Award, proposal: Proposal) -> bool:
    return award.requires_no_penalty and proposal.row is not None and proposal.row.penalties > 0


def women_first(result: RoundResult) -> list[WomenFirst]:
    """Every award limit where women-first decided who was proposed."""
    tied = _tied_keys(result)
    found = []
    for award in sorted({p.award.code: p.award for p in result.proposals}.values(), key=lambda a: -a.level):
        for kind in ("collective", "individual"):
            taken = [p for p in result.proposals if p.award.code == award.code and p.subject.kind == kind
                     and (p.subject.code, award.code) not in tied]
            if not taken:
                continue
            boundary = min(p.total for p in taken)
            women = tuple(p.subject for p in taken if p.total == boundary and p.subject.female)
            ties = [t for t in result.ties if t.award.code == award.code and t.subjects[0].kind == kind and t.total == boundary]
            men = [s for t in ties for s in t.subjects if not s.female]
            # a man at the boundary given a lower award of the same kind in its stead: not one who got this award
            # too and a danh hiệu brought along with it, nor one given an award of the other category
            given = {p.subject.code for p in taken}
            men += [p.subject for p in result.proposals
                    if p.award.level < award.level and p.award.category == award.category and p.brought_by is None
                    and p.subject.code not in given and p.subject.kind == kind and p.total == boundary
                    and not p.subject.female and not _blocked_by_penalty(award, p)]
            # a man left out by women-first and given nothing else of the kind (the lowest award): the exclusion says so
            men += [s for code, s in result.women_passed_over if code == award.code and s.kind == kind]
            men = list({s.code: s for s in men}.values())
            if women and men:
                found.append(WomenFirst(award, kind, boundary, women, tuple(men)))
    return found


def tie_outcomes(result: RoundResult) -> list[TieOutcome]:
    """Each tie of the round, as proposed or as the council settled it."""
    decided = women_first(result)
    outcomes = []
    for tie in sorted(result.ties, key=lambda t: (-t.award.level, t.award.position)):
        codes = {s.code for s in tie.subjects}
        voted = [p for p in result.proposals if p.award.code == tie.award.code and p.subject.code in codes and p.votes_for is not None]
        voted_codes = {p.subject.code for p in voted}
        kind = tie.subjects[0].kind
        women = any(w.award.code == tie.award.code and w.kind == kind and w.total == tie.total for w in decided)
        outcomes.append(TieOutcome(
            tie=tie,
            voted=result.members is not None,
            winners=tuple(p for p in voted if p.passed),
            others=tuple(p for p in voted if not p.passed),
            unvoted=tuple(s for s in tie.subjects if s.code not in voted_codes),
            lower=lower_award(result.campaign, tie.award, kind),
            women_first=women,
        ))
    return outcomes


def proposed_lower(result: RoundResult, subject: Subject, award: Award) -> Proposal | None:
    """The proposal of a lower award the subject went on to in this round, if any (active ones only)."""
    return next((p for p in result.active_proposals if p.subject.code == subject.code and p.award.level < award.level), None)
