"""Standings (SPEC §5.1) from per-subject, per-criterion sums. Pure and exact.

The database sums the points (one SQL aggregation); this module clamps each
sum to the criterion's bounds, weights it exactly (integers, then `Decimal`),
ranks within each kind (competition ranking, ties in Vietnamese name order by
the stored name-order keys) and assigns tiers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from operator import itemgetter

from thidua_cli.domain.models import COLLECTIVE, INDIVIDUAL, KINDS, Campaign, Period, Subject, build_frozen
from thidua_cli.domain.vntext import collation_bytes, collation_key, person_sort_bytes, person_sort_key, text_bytes

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class StandingRow:
    subject: Subject
    raw: dict[str, int]  # applicable criterion -> Σ points (0 without entries), hundredths
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

    def narrowed(self, codes: Iterable[str]) -> Standings:
        """The rows of the subjects `codes` only, each with its rank among everyone."""
        kept = set(codes)
        return Standings(self.campaign, self.period, [row for row in self.rows if row.subject.code in kept])


def name_sort_key(subject: Subject) -> tuple:
    if subject.kind == INDIVIDUAL:
        return person_sort_key(subject.name)
    return (collation_key(subject.name), subject.name)


def name_sort_bytes(kind: str, name: str) -> bytes:
    """`name_sort_key` as bytes with the same order among subjects of one kind (kept in the ledger)."""
    if kind == INDIVIDUAL:
        return person_sort_bytes(name)
    return collation_bytes(name) + text_bytes(name)


def scored_kinds(campaign: Campaign) -> list[str]:
    return [kind for kind in KINDS if any(c.applies(kind) for c in campaign.criteria)]


def in_name_order(subjects: Iterable[Subject]) -> list[Subject]:
    return sorted(subjects, key=name_sort_key)


def compute_standings(
    campaign: Campaign,
    period: Period,
    subjects: Iterable[Subject],
    sums: Mapping[int, Sequence],
    recount: Callable[[int, list[str]], tuple[int, int]] | None = None,
) -> Standings:
    """Standings from what the database summed.

    `subjects`: the active subjects in Vietnamese name order within each kind (`in_name_order`;
    the ledger keeps each subject's key so that SQL returns them so). `sums`: subject id →
    (entries, negative entries, then Σ points of each criterion of `campaign.criteria` in order,
    None where it has no entry), as `storage.standings.subject_sums` gives. A subject whose sums
    include a criterion that does not apply to its kind (thidua refuses such entries; only a
    ledger edited by hand has them) gets its counts from `recount(subject id, applicable codes)`
    so that they cover applicable entries only (without `recount`, its counts stay as summed).

    This runs once per subject of a 20,000-subject ledger: bounds, weights and tiers are prepared
    once per kind (`_KindRules`) and totals stay integers until the rows are built."""
    rules = {kind: _KindRules(campaign, kind) for kind in scored_kinds(campaign)}
    groups: dict[str, list[tuple]] = {kind: [] for kind in rules}
    for subject in subjects:
        kind = rules.get(subject.kind)
        if kind is None:
            continue
        cell = sums.get(subject.id)
        if cell is None:  # one pair of dicts shared by every subject without entries (nothing changes a row's dicts)
            raw, scores, weighted = kind.zero_raw, kind.zero_scores, kind.zero_total
            entries = penalties = 0
        else:
            raw, scores, weighted = kind.score(cell)
            entries, penalties = cell[0], cell[1]
            if recount is not None and kind.has_stray(cell):
                entries, penalties = recount(subject.id, list(kind.criteria))
        groups[subject.kind].append((weighted, subject, raw, scores, entries, penalties))
    rows: list[StandingRow] = []
    for kind_name in (COLLECTIVE, INDIVIDUAL):
        if kind_name not in groups:
            continue
        kind = rules[kind_name]
        group = groups[kind_name]
        group.sort(key=itemgetter(0), reverse=True)  # stable: equal totals stay in name order
        previous = None
        rank = 0
        for position, (weighted, subject, raw, scores, entries, penalties) in enumerate(group, 1):
            if weighted != previous:
                rank = position
                previous = weighted
                total = kind.total(weighted)
                tier = kind.tier(total)
            rows.append(build_frozen(StandingRow, {
                "subject": subject, "raw": raw, "scores": scores, "total": total, "rank": rank,
                "tier": tier, "entries": entries, "penalties": penalties,
            }))
    return Standings(campaign=campaign, period=period, rows=rows)


class _KindRules:
    """The criteria, weights and tiers of one kind of subject, prepared for the per-subject loop.

    `score` clamps like `Criterion.clamp` and `total` returns the total equal to
    `sum((weight × score for …), Decimal(0)) / 100` digit for digit, exponent
    included: with E the smallest exponent among 0 and the weights, that Decimal
    sum is Σ (weight × 10^-E) × score — an integer — times 10^E."""

    def __init__(self, campaign: Campaign, kind: str):
        self.criteria = {c.code: c for c in campaign.criteria if c.applies(kind)}
        self.exponent = min([0] + [c.weight.as_tuple().exponent for c in self.criteria.values()])
        # the sums start with the two counts, then one value per criterion of the campaign
        self.terms = [
            (index + 2, c.code, c.max_points, c.min_points, int(c.weight.scaleb(-self.exponent)))
            for index, c in enumerate(campaign.criteria) if c.applies(kind)
        ]
        stray = [index + 2 for index, c in enumerate(campaign.criteria) if not c.applies(kind)]
        # itemgetter: one C call per subject; it gives a bare value for one position, a tuple for more
        self.stray_values = itemgetter(*stray) if stray else None
        self.no_stray = None if len(stray) == 1 else (None,) * len(stray)
        # highest threshold first; among equal thresholds the first listed, as `max` in tier_for picks
        self.tiers = sorted(((t.min_score, t.name) for t in campaign.tiers if t.applies(kind)), key=lambda t: -t[0])
        self.zero_raw, self.zero_scores, self.zero_total = self.score([0, 0] + [None] * len(campaign.criteria))

    def score(self, cell: Sequence) -> tuple[dict[str, int], dict[str, int], int]:
        """(Σ points and clamped score of every applicable criterion, weighted total as an integer).

        When no sum is clamped the two are one dict: 20,000 rows held a second copy of every sum. A plain
        loop: timed against `map`/`zip` forms, it is the fastest (2.4 µs a subject)."""
        raw: dict[str, int] = {}
        scores: dict[str, int] | None = None
        weighted = 0
        for index, code, high, low, weight in self.terms:
            value = cell[index]
            if value is None:
                value = 0
            raw[code] = value
            if high is not None and value > high:
                value = high
            elif low is not None and value < low:
                value = low
            else:
                if scores is not None:
                    scores[code] = value
                weighted += weight * value
                continue
            if scores is None:
                scores = dict(raw)  # the sums so far, this one replaced by its bound below
            scores[code] = value
            weighted += weight * value
        return raw, raw if scores is None else scores, weighted

    def has_stray(self, cell: Sequence) -> bool:
        return self.stray_values is not None and self.stray_values(cell) != self.no_stray

    def total(self, weighted: int) -> Decimal:
        total = Decimal(weighted)
        if self.exponent:
            total = total.scaleb(self.exponent)
        return total / HUNDRED

    def tier(self, total: Decimal) -> str | None:
        for min_score, name in self.tiers:
            if min_score <= total:
                return name
        return None


def tier_for(campaign: Campaign, kind: str, total: Decimal) -> str | None:
    reached = [tier for tier in campaign.tiers if tier.applies(kind) and tier.min_score <= total]
    if not reached:
        return None
    return max(reached, key=lambda tier: tier.min_score).name
