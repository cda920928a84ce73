"""The monthly report (SPEC §8) as one plain value, built from plain inputs.

`services/report.py` gathers the numbers (SQL aggregations and the standings
service) into a `ReportInputs`; `build_report` turns them into a `Report`;
the renderers (`render/report*.py`) only format it. Nothing here touches the
database or a template. Points are integer hundredths, as everywhere.

Report sections, as the document numbers them:
  I.   what was recorded in the period: entries and points by criterion and
       by unit (a unit is a collective; individuals count under theirs), and
       the subjects with no entry yet;
  II.  who stood out (the period's own standings), initiatives, penalties;
  III. standings from the campaign start to the end of the period, with the
       rank change since the end of the previous period;
  IV.  awards proposed (rounds created in the period) and decided;
  V.   next steps (editable text).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from thidua_cli.domain.formats import format_date, format_points
from thidua_cli.domain.models import COLLECTIVE, INDIVIDUAL, Campaign, Period, Subject
from thidua_cli.domain.scoring import StandingRow, Standings, name_sort_key
from thidua_cli.domain.vntext import collation_key, fold_key

NO_UNIT = "(chưa rõ đơn vị)"
_unit_key = lru_cache(maxsize=1 << 14)(fold_key)  # thousands of individuals share a few unit texts


@dataclass(frozen=True)
class CriterionLine:
    code: str
    name: str
    entries: int
    points: int  # hundredths, Σ of the period's entries (before caps and floors)
    initiative: bool = False
    penalty: bool = False


@dataclass(frozen=True)
class UnitLine:
    unit: str | None  # the collective's code, or the unit text when no collective matches; None: no unit
    name: str
    entries: int
    points: int
    subjects: int  # active subjects of the unit (the collective itself and its individuals)
    with_entries: int  # of those, how many have an entry in the period


@dataclass(frozen=True)
class EntryLine:
    """One entry listed in the report (an initiative, a penalty)."""

    id: int
    day: date
    subject: Subject
    criterion: str
    criterion_name: str
    points: int
    note: str = ""
    evidence: str = ""


@dataclass(frozen=True)
class DisciplineLine:
    """A disciplinary measure decided in the period against a subject of the campaign: section II names it beside
    the penalty entries (a cảnh cáo can cost a unit its danh hiệu; the points do not tell it)."""

    day: date | None
    subject: Subject
    form: str
    number: str = ""
    reason: str = ""


@dataclass(frozen=True)
class WeekLine:
    start: date
    end: date
    entries: int
    points: int


@dataclass(frozen=True)
class TopLine:
    row: StandingRow  # of the period's own standings
    unit_name: str | None
    highlight: str = ""  # the note of the subject's highest-scoring entry in the period


@dataclass(frozen=True)
class StandingLine:
    row: StandingRow  # campaign start → end of the period
    unit_name: str | None
    previous_rank: int | None

    @property
    def change(self) -> int | None:
        """Places gained since the end of the previous period (negative: lost)."""
        if self.previous_rank is None:
            return None
        return self.previous_rank - self.row.rank


@dataclass(frozen=True)
class ProposedAward:
    round: int
    day: date | None
    award: str
    award_name: str
    subject: str
    name: str
    kind: str | None


@dataclass(frozen=True)
class DecidedAward:
    subject: str
    name: str
    kind: str
    award: str
    award_name: str
    number: str
    day: date | None
    issuer: str = ""


@dataclass(frozen=True)
class UnitSum:
    """What SQL returns per unit key (the collective's code, or an individual's unit text)."""

    unit: str | None
    entries: int
    points: int
    subjects: int  # distinct subjects with an entry


@dataclass(frozen=True)
class ReportInputs:
    campaign: Campaign
    period: Period  # as requested (a month, a quarter …)
    today: date  # the date written on the document
    criterion_sums: tuple[tuple[str, int, int], ...]  # (code, entries, points)
    unit_sums: tuple[UnitSum, ...]
    day_sums: tuple[tuple[date, int, int], ...]  # (day, entries, points)
    negative_points: int  # Σ of the negative points (hundredths, ≤ 0)
    without_entries: tuple[Subject, ...]
    period_standings: Standings  # the period alone: who stood out
    standings: Standings  # campaign start → end of the period
    previous_standings: Standings | None  # campaign start → end of the previous period
    initiatives: tuple[EntryLine, ...] = ()
    initiative_count: int = 0
    penalties: tuple[EntryLine, ...] = ()
    penalty_count: int = 0
    highlights: dict[str, str] = field(default_factory=dict)  # subject code → note
    proposed: tuple[ProposedAward, ...] = ()
    decided: tuple[DecidedAward, ...] = ()
    next_steps: tuple[str, ...] | None = None  # None: the default text
    top: int = 5
    number: int | None = None  # the document's number ("Số: 05/BC-…"); None: left blank for the văn thư
    voided: tuple[tuple[str, int, str], ...] = ()  # (reason, entries, voided at) of the period's entries voided since
    disciplines: tuple[DisciplineLine, ...] = ()


@dataclass(frozen=True)
class Report:
    campaign: Campaign
    period: Period  # as requested
    covered: Period  # the part of it inside the campaign: what is counted
    today: date
    entry_count: int
    points: int
    negative_points: int
    subjects_with_entries: int
    by_criterion: tuple[CriterionLine, ...]
    by_unit: tuple[UnitLine, ...]
    weeks: tuple[WeekLine, ...]
    without_entries: tuple[Subject, ...]
    top: tuple[TopLine, ...]
    initiatives: tuple[EntryLine, ...]
    initiative_count: int
    penalties: tuple[EntryLine, ...]
    penalty_count: int
    period_standings: Standings  # the period alone
    standings: Standings  # campaign start → end of the period (the same rows as `score`)
    lines: tuple[StandingLine, ...]  # those rows with their rank change
    previous_end: date | None  # None: the period starts with the campaign, nothing to compare with
    previous_label: str
    proposed: tuple[ProposedAward, ...]
    decided: tuple[DecidedAward, ...]
    next_steps: tuple[str, ...]
    number: int | None = None
    verification_code: str = ""
    voided: tuple[tuple[str, int, str], ...] = ()  # not counted: a report written again after voids says so  # the ledger state the report is written from (storage.changelog)
    disciplines: tuple[DisciplineLine, ...] = ()  # measures decided in the period (section II, after the penalties)

    @property
    def word(self) -> str:
        """What the period is called in running text: tháng, quý, năm or kỳ."""
        return period_word(self.period)

    @property
    def positive_points(self) -> int:
        return self.points - self.negative_points

    def subjects_of_kind(self, kind: str) -> int:
        return sum(1 for row in self.standings.rows if row.subject.kind == kind)

    def with_entries_of_kind(self, kind: str) -> int:
        return sum(1 for row in self.period_standings.rows if row.subject.kind == kind and row.entries)


class OutsideCampaign(ValueError):
    """The period does not meet the campaign's dates."""


def covered_period(period: Period, campaign: Campaign) -> Period:
    """The part of `period` inside the campaign; raises OutsideCampaign if there is none."""
    if period.end < campaign.start or period.start > campaign.end:
        raise OutsideCampaign(period.label)
    return Period(max(period.start, campaign.start), min(period.end, campaign.end), period.label)


def previous_end(period: Period, campaign: Campaign) -> date | None:
    """The end of the previous period (the day before this one starts), if the campaign had begun by then."""
    end = period.start - timedelta(days=1)
    return end if end >= campaign.start else None


def period_word(period: Period) -> str:
    label = period.label or ""
    for word in ("tháng", "quý", "năm"):
        if label.startswith(word + " "):
            return word
    return "kỳ"


def period_phrase(period: Period) -> str:
    """How the period is named in a sentence: "tháng 11/2021", "quý IV/2021", "từ ngày … đến ngày …"."""
    if period_word(period) != "kỳ":
        return period.label
    return f"từ ngày {format_date(period.start)} đến ngày {format_date(period.end)}"


def within_period(period: Period) -> str:
    """When something happened, in a sentence: "trong tháng 11/2021", but "từ ngày … đến ngày …" (a span of days
    says itself where it starts and ends: "trong từ ngày" is not Vietnamese)."""
    phrase = period_phrase(period)
    return phrase if period_word(period) == "kỳ" else f"trong {phrase}"


def previous_label(period: Period, end: date | None) -> str:
    """What the rank change is measured against, in words."""
    if end is None:
        return ""
    word = period_word(period)
    if word == "tháng":
        return f"tháng {end.month:02d}/{end.year}"
    if word == "quý":
        quarter = (end.month - 1) // 3
        return f"quý {['I', 'II', 'III', 'IV'][quarter]}/{end.year}"
    if word == "năm":
        return f"năm {end.year}"
    return f"ngày {format_date(end)}"


def next_label(period: Period) -> str:
    """The period after this one, for "phương hướng, nhiệm vụ tháng tới"."""
    word = period_word(period)
    start = period.end + timedelta(days=1)
    if word == "tháng":
        return f"tháng {start.month:02d}/{start.year}"
    if word == "quý":
        return f"quý {['I', 'II', 'III', 'IV'][(start.month - 1) // 3]}/{start.year}"
    if word == "năm":
        return f"năm {start.year}"
    return "thời gian tới"


def unit_directory(subjects) -> dict[str, Subject]:
    """Folded code or name of every collective → the collective (a unit is a collective)."""
    units: dict[str, Subject] = {}
    for subject in subjects:
        if subject.kind == COLLECTIVE:
            units.setdefault(fold_key(subject.code), subject)
            units.setdefault(fold_key(subject.name), subject)
    return units


def unit_of(subject: Subject, units: dict[str, Subject]) -> tuple[str | None, str]:
    """(unit key, display name) a subject counts under."""
    if subject.kind == COLLECTIVE:
        return subject.code, subject.name
    if not subject.unit:
        return None, NO_UNIT
    collective = units.get(_unit_key(subject.unit))
    if collective is not None:
        return collective.code, collective.name
    return subject.unit, subject.unit


def weeks_of(covered: Period, day_sums) -> tuple[WeekLine, ...]:
    """Calendar weeks (Monday to Sunday) cut to the period, with the per-day sums added up."""
    weeks: list[list] = []
    start = covered.start
    while start <= covered.end:
        end = min(start + timedelta(days=6 - start.weekday()), covered.end)
        weeks.append([start, end, 0, 0])
        start = end + timedelta(days=1)
    for day, entries, points in day_sums:
        for week in weeks:
            if week[0] <= day <= week[1]:
                week[2] += entries
                week[3] += points
                break
    return tuple(WeekLine(*week) for week in weeks)


def _units(inputs: ReportInputs, units: dict[str, Subject]) -> tuple[UnitLine, ...]:
    """Every unit with its members (from the standings) and its sums (from SQL), biggest first."""
    names: dict[str | None, str] = {}
    members: dict[str | None, int] = {}
    for row in inputs.period_standings.rows:
        key, name = unit_of(row.subject, units)
        names.setdefault(key, name)
        members[key] = members.get(key, 0) + 1
    sums: dict[str | None, list[int]] = {}
    for item in inputs.unit_sums:
        if item.unit is None:
            key, name = None, NO_UNIT
        else:
            collective = units.get(_unit_key(item.unit))
            key, name = (collective.code, collective.name) if collective else (item.unit, item.unit)
        names.setdefault(key, name)
        total = sums.setdefault(key, [0, 0, 0])
        total[0] += item.entries
        total[1] += item.points
        total[2] += item.subjects
    lines = []
    for key, name in names.items():
        entries, points, with_entries = sums.get(key, (0, 0, 0))
        lines.append(UnitLine(key, name, entries, points, members.get(key, 0), with_entries))
    collectives = {s.code: s for s in units.values()}
    lines.sort(key=lambda line: (line.unit is None, line.unit not in collectives, -line.points, -line.entries,
                                 collation_key(line.name)))
    return tuple(lines)


def _lines(inputs: ReportInputs, units: dict[str, Subject]) -> tuple[StandingLine, ...]:
    previous = {}
    if inputs.previous_standings is not None:
        # a kind with nothing recorded before had no ranking to move from: all at 0 "shared" the first rank, and the
        # first month with results read "↓ 1" for the second best and "↓ 4" for those still at 0
        ranked = {row.subject.kind for row in inputs.previous_standings.rows if row.entries}
        previous = {row.subject.code: row.rank for row in inputs.previous_standings.rows if row.subject.kind in ranked}
    lines = []
    for row in inputs.standings.rows:
        unit_name = unit_of(row.subject, units)[1] if row.subject.kind == INDIVIDUAL else None
        prior = previous.get(row.subject.code) if inputs.previous_standings is not None else None
        lines.append(StandingLine(row, unit_name, prior))
    return tuple(lines)


def top_rows(rows, top: int, disciplined: frozenset[str] = frozenset()) -> list:
    """The period's best ranked, at most `top` places; one with a violation in the period (an entry of a penalty
    criterion, or a disciplinary measure decided in it: the codes `disciplined`) is no example to hold up, whatever
    its points: it is told under "Vi phạm, điểm trừ" instead, and the next ranked takes the place. The report's
    section II and the highlights read for it both come from here."""
    chosen: list = []
    for row in rows:  # ranked, each kind in turn
        if row.total <= 0 or row.penalties or row.subject.code in disciplined:
            continue
        of_kind = [r for r in chosen if r.subject.kind == row.subject.kind]
        if len(of_kind) >= top and row.total < of_kind[-1].total:  # the places are taken (ties stay)
            continue
        chosen.append(row)
    return chosen


def _top(inputs: ReportInputs, units: dict[str, Subject]) -> tuple[TopLine, ...]:
    return tuple(
        TopLine(row, unit_of(row.subject, units)[1] if row.subject.kind == INDIVIDUAL else None,
                inputs.highlights.get(row.subject.code, ""))
        for row in top_rows(inputs.period_standings.rows, inputs.top, frozenset(d.subject.code for d in inputs.disciplines))
    )


def default_next_steps(report_like: dict) -> tuple[str, ...]:
    """A sensible starting text for section V; the user edits it (or passes --next-steps FILE)."""
    campaign: Campaign = report_like["campaign"]
    following = report_like["next"]
    plan = f"Kế hoạch số {campaign.plan}" + (f" ngày {format_date(campaign.issued)}" if campaign.issued else "")
    office = campaign.office or "Văn phòng"
    steps = [
        f"Tiếp tục quán triệt, triển khai thực hiện {plan}; các phòng, đơn vị trực thuộc bám sát các nội dung, "
        f"tiêu chí thi đua, đăng ký và thực hiện các việc làm cụ thể trong {following}.",
    ]
    if report_like.get("last"):  # the campaign's last month (quarter): the month after it is outside the plan
        steps = [
            f"Tổ chức tổng kết {campaign.phrase} (kết thúc ngày {format_date(campaign.end)}) theo "
            f"{plan}; bình xét, đề nghị khen thưởng các tập thể, cá nhân có thành tích xuất sắc.",
        ]
    idle = report_like["idle"]
    if idle and report_like.get("last"):
        steps.append(
            f"Đôn đốc {idle} chưa có kết quả được ghi nhận {report_like['within']} kịp thời báo cáo thành tích kèm "
            f"minh chứng về {office} để tổng hợp trước khi tổng kết."
        )
    elif idle:
        steps.append(
            f"Đôn đốc {idle} chưa có kết quả được ghi nhận {report_like['within']} tích cực hưởng ứng phong trào; "
            f"kịp thời báo cáo thành tích kèm minh chứng về {office} để tổng hợp."
        )
    else:
        steps.append(
            f"Các tập thể, cá nhân tiếp tục báo cáo thành tích kèm minh chứng về {office} định kỳ hằng tháng để tổng hợp."
        )
    if report_like["penalties"]:
        steps.append(
            "Chấn chỉnh, nhắc nhở các trường hợp vi phạm đã nêu tại mục II; thủ trưởng các phòng, đơn vị tăng cường "
            "kiểm tra, giám sát việc chấp hành quy định tại đơn vị."
        )
    steps.append(
        "Kịp thời phát hiện, bồi dưỡng, nhân rộng các gương điển hình tiên tiến, sáng kiến, cách làm hay; đẩy mạnh "
        "tuyên truyền trên Trang thông tin điện tử và các phương tiện thông tin đại chúng."
    )
    steps.append(
        f"{office} tiếp tục theo dõi, tổng hợp kết quả thi đua, tham mưu Hội đồng Thi đua - Khen thưởng xem xét, "
        "đề nghị khen thưởng kịp thời các tập thể, cá nhân có thành tích xuất sắc theo quy định."
    )
    return tuple(steps)


def _idle_phrase(without: tuple[Subject, ...]) -> str:
    collectives = sum(1 for s in without if s.kind == COLLECTIVE)
    individuals = sum(1 for s in without if s.kind == INDIVIDUAL)
    parts = []
    if collectives:
        parts.append(f"{collectives} tập thể")
    if individuals:
        parts.append(f"{individuals} cá nhân")
    return " và ".join(parts)


def build_report(inputs: ReportInputs) -> Report:
    campaign = inputs.campaign
    covered = covered_period(inputs.period, campaign)
    units = unit_directory(row.subject for row in inputs.standings.rows)
    sums = {code: (entries, points) for code, entries, points in inputs.criterion_sums}
    by_criterion = tuple(
        CriterionLine(c.code, c.name, *sums.get(c.code, (0, 0)), initiative=c.initiative, penalty=c.penalty)
        for c in campaign.criteria
    )
    entry_count = sum(entries for _, entries, _ in inputs.criterion_sums)
    points = sum(points for _, _, points in inputs.criterion_sums)
    by_unit = _units(inputs, units)
    without = tuple(
        sorted(inputs.without_entries, key=lambda s: (collation_key(unit_of(s, units)[1]), s.kind != COLLECTIVE,
                                                       name_sort_key(s)))
    )
    end = previous_end(covered, campaign)
    next_steps = inputs.next_steps
    if next_steps is None:
        next_steps = default_next_steps({
            "campaign": campaign, "next": next_label(inputs.period), "within": within_period(inputs.period),
            "idle": _idle_phrase(without), "penalties": inputs.penalty_count + len(inputs.disciplines),
            "last": period_word(inputs.period) != "kỳ" and inputs.period.end >= campaign.end,
        })
    return Report(
        campaign=campaign, period=inputs.period, covered=covered, today=inputs.today,
        entry_count=entry_count, points=points, negative_points=inputs.negative_points,
        subjects_with_entries=sum(item.subjects for item in inputs.unit_sums),
        by_criterion=by_criterion, by_unit=by_unit, weeks=weeks_of(covered, inputs.day_sums),
        without_entries=without, top=_top(inputs, units),
        initiatives=inputs.initiatives, initiative_count=inputs.initiative_count,
        penalties=inputs.penalties, penalty_count=inputs.penalty_count,
        period_standings=inputs.period_standings, standings=inputs.standings, lines=_lines(inputs, units),
        previous_end=end if inputs.previous_standings is not None else None,
        previous_label=previous_label(inputs.period, end) if inputs.previous_standings is not None else "",
        proposed=inputs.proposed, decided=inputs.decided, next_steps=tuple(next_steps), number=inputs.number,
        voided=inputs.voided, disciplines=inputs.disciplines,
    )


def summary_sentence(report: Report) -> str:
    """The opening figures of section I, in words."""
    within = within_period(report.period)
    if report.entry_count == 0:
        return f"Chưa có mục ghi nào {within}."
    collectives = report.subjects_of_kind(COLLECTIVE)
    individuals = report.subjects_of_kind(INDIVIDUAL)
    parts = []
    if collectives:
        parts.append(f"{report.with_entries_of_kind(COLLECTIVE)}/{collectives} tập thể")
    if individuals:
        parts.append(f"{report.with_entries_of_kind(INDIVIDUAL)}/{individuals} cá nhân")
    who = " và ".join(parts)
    text = (
        f"{within[0].upper()}{within[1:]}, đã ghi nhận {report.entry_count} mục thành tích, vi phạm của {who}, "
        f"tổng cộng {format_points(report.points)} điểm"
    )
    if report.negative_points:
        text += f" (cộng {format_points(report.positive_points)} điểm; trừ {format_points(-report.negative_points)} điểm)"
    return text + "."
