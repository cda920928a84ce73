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

`unmet` returns what is missing as Vietnamese phrases ("thiếu Chiến sĩ thi đua
cơ sở năm 2023", "xếp loại năm 2022 là Hoàn thành tốt nhiệm vụ"); empty when met.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from thidua_cli.domain.models import Award, HistoryAward, Prerequisite
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


@dataclass(frozen=True)
class Records:
    """What the rules read besides the standings, by subject code."""

    history: Mapping[str, Sequence[HistoryAward]] = field(default_factory=dict)
    ratings: Mapping[str, Mapping[int, str]] = field(default_factory=dict)
    earlier: Mapping[str, Sequence[EarlierGrant]] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)  # award code folded → name, for the reasons

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


def _years_text(years: Iterable[int]) -> str:
    return ", ".join(str(y) for y in sorted(years))


def unmet(
    item: Prerequisite, kind: str, year: int, history: Sequence[HistoryAward], ratings: Mapping[int, str],
    proposed_now: Iterable[str], records: Records,
) -> list[str]:
    """What `item` still needs for a subject of `kind`, in the round whose period ends in `year`."""
    if item.applies_to not in ("both", kind):
        return []
    if item.award is not None and item.years == 0 and not item.this_year:
        if any(h.award.casefold() == item.award.casefold() for h in history):
            return []
        return [f"chưa có {item.award} trong lịch sử khen thưởng"]
    years = window(item, year)
    problems = []
    if item.award is not None:
        held = _years_held(history, item.award)
        if item.this_year and item.award.casefold() in {code.casefold() for code in proposed_now}:
            held.add(year)
        missing = [y for y in years if y not in held]
        if missing:
            problems.append(f"thiếu {records.label(item.award)} năm {_years_text(missing)}")
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
