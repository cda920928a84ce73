"""Prerequisites of an award (SPEC §4 `requires`), checked against a subject's past.

- A plain code: the award is anywhere in the subject's history.
- `{award, years = N}`: held in each of the N calendar years before the year Y
  in which the round's period ends (history's `for_year`), and in Y too with
  `this_year` — Y counts when the same round proposes that award to the subject.
- `{rating, years = N}`: rated so (or better) in each of those years; Y counts
  with `this_year` when Y's rating is recorded.
- `after = CODE`: every year of the window comes after a year in which the
  subject received CODE.
- Only công trạng history counts toward years and `after`: results of đột
  xuất and chuyên đề awards are no ground for công trạng awards (NĐ 152/2025
  Điều 4 k3).
- `requires_individual` / `requires_collective` items apply to one kind only.
- `{initiative = true}`: a live entry with points in one of the campaign's
  `initiative` criteria within the round's period (the sum of those points is
  above zero): Luật TĐKT 2022 Điều 23 — CSTĐCS needs a recognised sáng kiến.
- `{members = CODE, more_than_percent | percent | at_least = N}` (collectives
  only): of the collective's members — active individuals in the standings whose
  unit is the collective — those holding CODE for the round's year (proposed in
  the round, or granted for that year) are more than N %, at least N %, or at
  least N persons; `members_rating` counts members rated so (or better) that
  year. Luật TĐKT 2022 Điều 28 (TTLĐTT: trên 50% LĐTT), Điều 27 (TTLĐXS: 100%
  hoàn thành nhiệm vụ, ≥ 70% LĐTT, có CSTĐCS).
- `{no_discipline = FORM}`: the subject has no disciplinary measure of FORM or
  heavier in the round's year; `{members_no_discipline = FORM}`: no member of
  the collective has (Điều 27, 28: "không có cá nhân bị kỷ luật từ hình thức
  cảnh cáo trở lên").

`unmet` returns what is missing as Vietnamese phrases ("thiếu Chiến sĩ thi đua
cơ sở năm 2023", "xếp loại năm 2022 là Hoàn thành tốt nhiệm vụ"); empty when met.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from thidua_cli.domain.history_terms import AWARD_KIND_LABELS
from thidua_cli.domain.models import COLLECTIVE, Award, HistoryAward, Prerequisite, Subject
from thidua_cli.domain.discipline import at_least as discipline_at_least
from thidua_cli.domain.ratings import at_least

CONG_TRANG = "cong-trang"


@dataclass(frozen=True)
class EarlierGrant:
    """An award granted by another round of the same campaign whose period overlaps the new one, to a
    subject with entries in the overlap: the same achievement (`domain.decisions.same_achievement`)."""

    award: str
    number: str
    day: date | None
    round: int | None
    category: str = "hinh-thuc"
    pending: bool = False  # proposed by that round, not yet decided (nor voted down)


@dataclass(frozen=True)
class Records:
    """What the rules read besides the standings, by subject code."""

    history: Mapping[str, Sequence[HistoryAward]] = field(default_factory=dict)
    ratings: Mapping[str, Mapping[int, str]] = field(default_factory=dict)
    earlier: Mapping[str, Sequence[EarlierGrant]] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)  # award code folded → name, for the reasons
    # earlier rounds of the same achievement (same campaign, overlapping period, not cancelled):
    voted_down: Mapping[str, Sequence[tuple[str, int]]] = field(default_factory=dict)  # subject → (award, round)
    used_places: Mapping[tuple[str, str], int] = field(default_factory=dict)  # (award folded, kind) → places taken
    # proposals a deciding authority did not grant (`record-decision --not-granted`): subject → (award, round, QĐ số)
    not_granted: Mapping[str, Sequence[tuple[str, int, str]]] = field(default_factory=dict)
    reconsider: frozenset[str] = frozenset()  # subject codes folded the office asks to propose again
    # disciplinary measures in force: subject code → (year, form, decision number), for `no_discipline` conditions
    discipline: Mapping[str, Sequence[tuple[int, str, str]]] = field(default_factory=dict)

    def disciplined(self, subject: str, year: int, wanted: str) -> list[tuple[int, str, str]]:
        """The subject's measures of `year` of the form `wanted` or heavier."""
        return [d for d in self.discipline.get(subject, ()) if d[0] == year and discipline_at_least(d[1], wanted)]

    def places_used(self, award: Award, kind: str) -> int:
        return self.used_places.get((award.code.casefold(), kind), 0)

    @classmethod
    def from_codes(cls, codes_by_subject: Mapping[str, Iterable[str]]) -> "Records":
        """Award history given as bare codes (held at some time, year unknown)."""
        return cls(history={
            subject: tuple(HistoryAward(subject=subject, award=code, name="", number="", day=None) for code in codes)
            for subject, codes in codes_by_subject.items()
        })

    def label(self, code: str) -> str:
        return self.names.get(code.casefold(), code)


def prerequisites_of(award: Award) -> tuple[Prerequisite, ...]:
    """Every prerequisite; an award built with bare `requires` codes only (older callers) has those."""
    return award.prerequisites or tuple(Prerequisite(award=code) for code in award.requires)


def window(item: Prerequisite, year: int) -> list[int]:
    years = list(range(year - item.years, year))
    if item.this_year:
        years.append(year)
    return years


def _years_held(history: Iterable[HistoryAward], code: str) -> set[int]:
    wanted = code.casefold()
    return {
        h.for_year for h in history
        if h.award.casefold() == wanted and h.award_kind == CONG_TRANG and h.for_year is not None
    }


def _not_counted(history: Iterable[HistoryAward], code: str, missing: list[int]) -> str:
    """Why a year the history does show the award for is still missing: only a chuyên đề, đột xuất … one."""
    wanted = code.casefold()
    other: dict[int, set[str]] = {}
    for h in history:
        if h.award.casefold() == wanted and h.for_year in missing and h.award_kind != CONG_TRANG:
            other.setdefault(h.for_year, set()).add(AWARD_KIND_LABELS.get(h.award_kind or "", h.award_kind or ""))
    if not other:
        return ""
    parts = [f"năm {year} chỉ có khen thưởng {'theo ' if kinds == {'chuyên đề'} else ''}{', '.join(sorted(kinds))}"
             for year, kinds in sorted(other.items())]
    return f" ({'; '.join(parts)}, không tính vào điều kiện nhiều năm của khen thưởng công trạng)"


def _years_text(years: Iterable[int]) -> str:
    return ", ".join(str(y) for y in sorted(years))


def unmet(
    item: Prerequisite, kind: str, year: int, history: Sequence[HistoryAward], ratings: Mapping[int, str],
    proposed_now: Iterable[str], records: Records, subject: str,
) -> list[str]:
    """What `item` still needs for the subject `subject` (its code) of `kind`, in the round whose period ends in
    `year`. The code is required: left out, a `no_discipline` condition would find no measure and pass in silence."""
    if item.applies_to not in ("both", kind) or item.initiative or item.on_members:
        return []  # the round's own facts: `RoundState` judges these
    if item.no_discipline is not None:
        return [discipline_text(found) for found in records.disciplined(subject, year, item.no_discipline)]
    if item.award is not None and item.years == 0 and not item.this_year:
        if any(h.award.casefold() == item.award.casefold() for h in history):
            return []
        return [f"chưa có {records.label(item.award)} trong lịch sử khen thưởng"]
    years = window(item, year)
    problems = []
    if item.award is not None:
        held = _years_held(history, item.award)
        if item.this_year and item.award.casefold() in {code.casefold() for code in proposed_now}:
            held.add(year)
        missing = [y for y in years if y not in held]
        if missing:
            problems.append(f"thiếu {records.label(item.award)} năm {_years_text(missing)}"
                            + _not_counted(history, item.award, missing))
    else:
        unrated = [y for y in years if y not in ratings]
        if unrated:
            problems.append(f"chưa có xếp loại năm {_years_text(unrated)}")
        for y in years:
            if y in ratings and not at_least(ratings[y], item.rating):
                problems.append(f"xếp loại năm {y} là {ratings[y]}")
    if item.after is not None and years:
        received = _years_held(history, item.after)
        if not received:
            span = f"năm {years[0]}" if len(years) == 1 else f"các năm {min(years)}–{max(years)}"
            problems.append(f"chưa có {records.label(item.after)} ({span} phải sau năm được tặng)")
        elif not any(r < min(years) for r in received):
            problems.append(f"chưa đủ {len(years)} năm sau {records.label(item.after)} (được tặng năm {_years_text(received)})")
    return problems


def discipline_text(measure: tuple[int, str, str], who: str = "") -> str:
    year, form, number = measure
    return f"{who}bị kỷ luật {form.lower()} năm {year}" + (f" (Quyết định số {number})" if number else "")


NO_INITIATIVE = "chưa có sáng kiến được công nhận trong kỳ"


def initiative_met(raw: Mapping[str, int], initiative_codes: Iterable[str]) -> bool:
    """Points in an initiative criterion within the period (`raw`: the standings row's Σ points by criterion)."""
    return any(raw.get(code, 0) > 0 for code in initiative_codes)


def held_this_year(history: Iterable[HistoryAward], code: str, year: int) -> bool:
    """`code` granted for `year` (any loại hình: a member's danh hiệu of the year, whatever round decided it)."""
    wanted = code.casefold()
    return any(h.award.casefold() == wanted and h.for_year == year for h in history)


def _percent_text(count: int, total: int) -> str:
    share = (Decimal(count) * 100 / total).quantize(Decimal("0.01")) if total else Decimal(0)
    return f"{share.normalize():f}".replace(".", ",")


def members_unmet(item: Prerequisite, kind: str, members: Sequence[Subject], meets, what: str) -> list[str]:
    """What a member condition misses for a collective: `meets(member)` says whether one member counts,
    `what` names the condition ("đạt Lao động tiên tiến năm 2026")."""
    if kind != COLLECTIVE or not item.on_members:
        return []
    total = len(members)
    count = sum(1 for member in members if meets(member))
    if item.at_least is not None:
        if count >= item.at_least:
            return []
        if count == 0:
            return [f"chưa có cá nhân nào {what}" + (f" (cần ít nhất {item.at_least})" if item.at_least > 1 else "")]
        return [f"chỉ {count} cá nhân {what}, cần ít nhất {item.at_least}"]
    if total == 0:
        return [f"không có cá nhân nào thuộc tập thể trong bảng điểm để xét tỷ lệ {what}"]
    share = Decimal(count) * 100 / total
    if item.more_than_percent is not None:
        if share > item.more_than_percent:
            return []
        need = f"cần trên {_bound(item.more_than_percent)}%"
    else:
        if share >= item.percent:
            return []
        need = f"cần từ {_bound(item.percent)}% trở lên"
    return [f"{count}/{total} cá nhân ({_percent_text(count, total)}%) {what}, {need}"]


def _bound(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")
