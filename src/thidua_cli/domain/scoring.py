"""Standings (SPEC §5.1) from per-(subject, criterion) sums. Pure and exact.

The database sums the points (one SQL aggregation); this module clamps each
sum to the criterion's bounds, weights it with `Decimal`, ranks within each
kind (competition ranking, ties in Vietnamese name order) and assigns tiers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from thidua_cli.domain.models import COLLECTIVE, INDIVIDUAL, KINDS, Campaign, Period, Subject, build_frozen
from thidua_cli.domain.vntext import collation_key, person_sort_key

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


class CellSum(NamedTuple):
    """What SQL returns per (subject, criterion) for a period (a NamedTuple: 200,000 of them on a big ledger)."""

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
    """`sums` are CellSums or plain tuples in the same order (subject_id, criterion_code, points, entries, negatives).

    This runs once per subject of a 20,000-subject ledger: bounds, weights and
    tiers are prepared once per kind (`_KindRules`), the loop keeps to plain
    integers and dictionaries."""
    rules = {kind: _KindRules(campaign, kind) for kind in scored_kinds(campaign)}
    by_subject: dict[int, list[tuple]] = {}
    for cell in sums:
        cells = by_subject.get(cell[0])
        if cells is None:
            by_subject[cell[0]] = [cell]
        else:
            cells.append(cell)
    groups: dict[str, list[tuple]] = {COLLECTIVE: [], INDIVIDUAL: []}
    no_cells: list[tuple] = []
    for subject in subjects:
        kind = rules.get(subject.kind)
        if kind is None or not subject.active:
            continue
        applicable = kind.criteria
        raw: dict[str, int] = {}
        entries = penalties = 0
        for _, code, points, count, negatives in by_subject.get(subject.id, no_cells):
            if code in applicable:
                raw[code] = points
                entries += count
                penalties += negatives
        scores, total = kind.score(raw)
        groups[subject.kind].append((subject, raw, scores, total, entries, penalties))
    rows: list[StandingRow] = []
    for kind_name in (COLLECTIVE, INDIVIDUAL):
        group = _ranked_order(groups[kind_name])
        tier_of = rules[kind_name].tier if kind_name in rules else None
        previous_total = None
        rank = 0
        for position, (subject, raw, scores, total, entries, penalties) in enumerate(group, 1):
            if total != previous_total:
                rank = position
                previous_total = total
            rows.append(build_frozen(StandingRow, {
                "subject": subject, "raw": raw, "scores": scores, "total": total, "rank": rank,
                "tier": tier_of(total), "entries": entries, "penalties": penalties,
            }))
    return Standings(campaign=campaign, period=period, rows=rows)


class _KindRules:
    """The criteria, weights and tiers of one kind of subject, prepared for the per-subject loop.

    `score` clamps like `Criterion.clamp` and returns the total equal to
    `sum((weight × score for …), Decimal(0)) / 100` digit for digit, exponent
    included: with E the smallest exponent among 0 and the weights, that Decimal
    sum is Σ (weight × 10^-E) × score — an integer — times 10^E."""

    def __init__(self, campaign: Campaign, kind: str):
        self.criteria = {c.code: c for c in campaign.criteria if c.applies(kind)}
        self.exponent = min([0] + [c.weight.as_tuple().exponent for c in self.criteria.values()])
        self.terms = [
            (code, c.max_points, c.min_points, int(c.weight.scaleb(-self.exponent))) for code, c in self.criteria.items()
        ]
        # highest threshold first; among equal thresholds the first listed, as `max` in tier_for picks
        self.tiers = sorted(((t.min_score, t.name) for t in campaign.tiers if t.applies(kind)), key=lambda t: -t[0])

    def score(self, raw: dict[str, int]) -> tuple[dict[str, int], Decimal]:
        scores: dict[str, int] = {}
        weighted = 0
        for code, high, low, weight in self.terms:
            value = raw.get(code, 0)
            if high is not None and value > high:
                value = high
            elif low is not None and value < low:
                value = low
            scores[code] = value
            weighted += weight * value
        total = Decimal(weighted)
        if self.exponent:
            total = total.scaleb(self.exponent)
        return scores, total / HUNDRED

    def tier(self, total: Decimal) -> str | None:
        for min_score, name in self.tiers:
            if min_score <= total:
                return name
        return None


def _ranked_order(group: list[tuple]) -> list[tuple]:
    """By total, highest first; equal totals in Vietnamese name order.

    Name keys are slow to build, so they are built only inside runs of equal totals."""
    group.sort(key=lambda item: -item[3])
    ordered: list[tuple] = []
    start = 0
    while start < len(group):
        end = start + 1
        while end < len(group) and group[end][3] == group[start][3]:
            end += 1
        if end - start == 1:
            ordered.append(group[start])
        else:
            ordered.extend(sorted(group[start:end], key=lambda item: name_sort_key(item[0])))
        start = end
    return ordered


def tier_for(campaign: Campaign, kind: str, total: Decimal) -> str | None:
    reached = [tier for tier in campaign.tiers if tier.applies(kind) and tier.min_score <= total]
    if not reached:
        return None
    return max(reached, key=lambda tier: tier.min_score).name
