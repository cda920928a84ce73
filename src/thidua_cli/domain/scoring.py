"""Standings (SPEC §5.1) from per-(subject, criterion) sums. Pure and exact.

The database sums the points (one SQL aggregation); this module clamps each
sum to the criterion's bounds, weights it with `Decimal`, ranks within each
kind (competition ranking, ties in Vietnamese name order) and assigns tiers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from thidua_cli.domain.models import COLLECTIVE, INDIVIDUAL, KINDS, Campaign, Period, Subject
from thidua_cli.domain.vntext import collation_key, person_sort_key

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class CellSum:
    """What SQL returns per (subject, criterion) for a period."""

    subject_id: int
    criterion_code: str
    points: int  # hundredths, Σ of non-voided entries
    entries: int
    negatives: int  # how many entries had negative points


@dataclass(frozen=True)
class StandingRow:
    subject: Subject
    raw: dict[str, int]  # criterion -> Σ points, hundredths
    scores: dict[str, int]  # criterion -> clamped, hundredths (unweighted)
    total: Decimal  # exact, in points
    rank: int
    tier: str | None
    entries: int
    penalties: int

    @property
    def total_rounded(self) -> Decimal:
        return self.total.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Standings:
    campaign: Campaign
    period: Period
    rows: list[StandingRow] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[StandingRow]:
        return [row for row in self.rows if row.subject.kind == kind]

    def row(self, code: str) -> StandingRow | None:
        return next((row for row in self.rows if row.subject.code == code), None)


def name_sort_key(subject: Subject) -> tuple:
    if subject.kind == INDIVIDUAL:
        return person_sort_key(subject.name)
    return (collation_key(subject.name), subject.name)


def scored_kinds(campaign: Campaign) -> list[str]:
    return [kind for kind in KINDS if any(c.applies(kind) for c in campaign.criteria)]


def compute_standings(campaign: Campaign, period: Period, subjects: Iterable[Subject], sums: Iterable[CellSum]) -> Standings:
    kinds = scored_kinds(campaign)
    by_subject: dict[int, list[CellSum]] = {}
    for cell in sums:
        by_subject.setdefault(cell.subject_id, []).append(cell)
    unranked = []
    for subject in subjects:
        if not subject.active or subject.kind not in kinds:
            continue
        raw: dict[str, int] = {}
        entries = penalties = 0
        applicable = {c.code: c for c in campaign.criteria if c.applies(subject.kind)}
        for cell in by_subject.get(subject.id, ()):
            if cell.criterion_code in applicable:
                raw[cell.criterion_code] = cell.points
                entries += cell.entries
                penalties += cell.negatives
        scores = {code: criterion.clamp(raw.get(code, 0)) for code, criterion in applicable.items()}
        total = sum((applicable[code].weight * value for code, value in scores.items()), Decimal(0)) / HUNDRED
        unranked.append((subject, raw, scores, total, entries, penalties))
    rows: list[StandingRow] = []
    for kind in (COLLECTIVE, INDIVIDUAL):
        group = [item for item in unranked if item[0].kind == kind]
        group.sort(key=lambda item: (-item[3], name_sort_key(item[0])))
        previous_total = None
        rank = 0
        for position, (subject, raw, scores, total, entries, penalties) in enumerate(group, 1):
            if total != previous_total:
                rank = position
                previous_total = total
            rows.append(
                StandingRow(
                    subject=subject, raw=raw, scores=scores, total=total, rank=rank,
                    tier=tier_for(campaign, subject.kind, total), entries=entries, penalties=penalties,
                )
            )
    return Standings(campaign=campaign, period=period, rows=rows)


def tier_for(campaign: Campaign, kind: str, total: Decimal) -> str | None:
    reached = [tier for tier in campaign.tiers if tier.applies(kind) and tier.min_score <= total]
    if not reached:
        return None
    return max(reached, key=lambda tier: tier.min_score).name
