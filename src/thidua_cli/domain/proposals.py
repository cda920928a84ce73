"""Award proposal rules (SPEC §5.2): pure functions from standings and award history to a round.

1. Awards are processed from the highest `level` down; for each award, the
   kinds it applies to, tập thể first.
2. Candidates: subjects of that kind in the standings, not yet given an award
   in this round, `total ≥ min_score`, no negative entry in the period when
   `requires_no_penalty`, every code of `requires` in their history, not
   blocked (NĐ 152 Điều 4 k4).
3. Limit = min(max_count, floor(quota_percent × N / 100)), N = subjects of that
   kind in the standings; neither set = no limit.
4. Taken by total, highest first; equal totals in Vietnamese name order. When
   the subjects tied at the limit do not all fit, women are preferred (NĐ 152
   Điều 4 k6: female individuals, collectives with ≥ 70% women). Those still
   tied that do not fit are not proposed for this award: they are listed as a
   `Tie` for the council (with the places left) and go on to the next award.
5. Money = multiplier for the kind × base salary, rounded to tens of
   thousands of đồng as the campaign says (up by default, or nearest).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from thidua_cli.domain.formats import round_money
from thidua_cli.domain.models import COLLECTIVE, INDIVIDUAL, Award, Campaign, Subject
from thidua_cli.domain.rounds import Proposal, Tie
from thidua_cli.domain.scoring import StandingRow, Standings, name_sort_key

KIND_ORDER = (COLLECTIVE, INDIVIDUAL)


def awards_by_level(campaign: Campaign) -> list[Award]:
    """Highest level first; equal levels in the order of the campaign file."""
    return sorted(campaign.awards, key=lambda award: (-award.level, award.position))


def place_limit(award: Award, count: int) -> int | None:
    """How many of `count` subjects of one kind may receive `award`; None = no limit."""
    limits = []
    if award.max_count is not None:
        limits.append(award.max_count)
    if award.quota_percent is not None:
        limits.append(int((award.quota_percent * count) // 100))
    return min(limits) if limits else None


def amount_for(campaign: Campaign, award: Award, kind: str, day: date | None = None) -> int:
    """Reward money in đồng with the base salary in force on `day` (default: the campaign's base salary)."""
    return round_money(award.multiplier_for(kind) * campaign.salary_on(day), campaign.rounding)


def holds_all(required: Iterable[str], held: Iterable[str]) -> bool:
    codes = {code.casefold() for code in held}
    return all(code.casefold() in codes for code in required)


@dataclass(frozen=True)
class Exclusion:
    """Why a subject that reached `min_score` was not a candidate for an award (for explanations)."""

    award: Award
    subject: Subject
    reason: str  # "penalty" | "requires" | "blocked" | "registration"
    detail: str = ""  # the reason in words, when the code alone does not say it (registration)


# An extra rule from outside the proposal rules (the registration gate, domain/registration.py):
# (award, subject) -> why the subject may not be proposed for the award, or None.
Refusal = Callable[[Award, Subject], "str | None"]


def eligible(award: Award, row: StandingRow, held: Iterable[str]) -> str | None:
    """None when the row is a candidate for `award` (score aside); else the reason it is not."""
    if row.subject.blocked:
        return "blocked"
    if award.requires_no_penalty and row.penalties > 0:
        return "penalty"
    if award.requires and not holds_all(award.requires, held):
        return "requires"
    return None


def choose(candidates: list[StandingRow], limit: int | None) -> tuple[list[StandingRow], list[StandingRow]]:
    """Rows taken and rows left tied for the council, from candidates sorted by total then name.

    At the limit: the group tied on the last place's total either fits whole, or
    women are taken first; if the women alone do not fit they are the tie, and
    if they fit but the men do not all fit in the places left, the men are the
    tie. A tie takes no place: the council decides who gets the places left."""
    if limit is None or len(candidates) <= limit:
        return list(candidates), []
    if limit <= 0:
        return [], []
    boundary = candidates[limit - 1].total
    above = [row for row in candidates if row.total > boundary]
    group = [row for row in candidates if row.total == boundary]
    places = limit - len(above)
    if len(group) <= places:  # the tie sits inside the limit
        return above + group, []
    women = [row for row in group if row.subject.female]
    men = [row for row in group if not row.subject.female]
    if len(women) > places:
        return above, women
    taken = above + women
    places -= len(women)
    if places == 0:
        return taken, []  # women-first filled every place: the men are simply not proposed
    return taken, men


def propose(
    standings: Standings, history_codes_by_subject: Mapping[str, Iterable[str]], today: date | None = None,
    refuse: Refusal | None = None,
) -> tuple[list[Proposal], list[Tie]]:
    """Apply SPEC §5.2 to the standings; returns proposals (award level high → low, tập thể first, then rank) and ties."""
    campaign = standings.campaign
    awarded: set[str] = set()
    proposals: list[Proposal] = []
    ties: list[Tie] = []
    for award in awards_by_level(campaign):
        for kind in KIND_ORDER:
            if not award.applies(kind):
                continue
            rows = standings.of_kind(kind)
            candidates = [
                row for row in rows
                if row.subject.code not in awarded
                and row.total >= award.min_score
                and eligible(award, row, history_codes_by_subject.get(row.subject.code, ())) is None
                and (refuse is None or refuse(award, row.subject) is None)
            ]
            candidates.sort(key=lambda row: (-row.total, name_sort_key(row.subject)))
            taken, tied = choose(candidates, place_limit(award, len(rows)))
            amount = amount_for(campaign, award, kind, today)
            for row in taken:
                awarded.add(row.subject.code)
                proposals.append(Proposal(award=award, subject=row.subject, total=row.total, rank=row.rank, amount=amount, row=row))
            if tied:
                ties.append(Tie(award=award, subjects=tuple(row.subject for row in tied), total=tied[0].total))
    return proposals, ties


def tie_places(tie: Tie, proposals: Iterable[Proposal], standings_count: int) -> int:
    """Places of `tie.award` left for the council among the tie's kind (limit minus those proposed)."""
    kind = tie.subjects[0].kind
    limit = place_limit(tie.award, standings_count)
    taken = sum(1 for p in proposals if p.award.code == tie.award.code and p.subject.kind == kind)
    if limit is None:
        return len(tie.subjects)
    return max(0, limit - taken)


def exclusions(
    standings: Standings, history_codes_by_subject: Mapping[str, Iterable[str]], proposals: Iterable[Proposal],
    refuse: Refusal | None = None,
) -> list[Exclusion]:
    """Subjects that reached an award's min_score but were not candidates (penalty, prerequisites, blocked),
    for the awards above the one they finally got, if any; each subject once, for its highest such award."""
    got = {p.subject.code: p.award for p in proposals}
    seen: set[str] = set()
    result = []
    for award in awards_by_level(standings.campaign):
        for row in standings.rows:
            code = row.subject.code
            if code in seen or not award.applies(row.subject.kind) or row.total < award.min_score:
                continue
            if code in got and got[code].level >= award.level:
                continue
            reason = eligible(award, row, history_codes_by_subject.get(code, ()))
            detail = refuse(award, row.subject) if reason is None and refuse is not None else None
            if detail:
                reason = "registration"
            if reason is not None:
                seen.add(code)
                result.append(Exclusion(award, row.subject, reason, detail or ""))
    return result


def vote_passes(votes_for: int, members: int, threshold: Decimal | None) -> bool:
    """votes_for / members × 100 ≥ threshold (all members, present or not); no threshold = more than half."""
    if members <= 0:
        return False
    if threshold is None:
        return votes_for * 2 > members
    return Decimal(votes_for) * 100 >= threshold * members


def vote_percent(votes_for: int, members: int) -> Decimal:
    return (Decimal(votes_for) * 100 / Decimal(members)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
