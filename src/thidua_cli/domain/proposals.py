"""Award proposal rules (SPEC §5.2): pure functions from standings and award history to a round.

1. Awards are processed from the highest `level` down, each category on its
   own (danh hiệu first, then hình thức); for each award, the kinds it applies
   to, tập thể first.
2. Candidates: subjects of that kind in the standings, not yet given an award
   of the same category in this round, `total ≥ min_score`, no negative entry
   in the period when `requires_no_penalty`, every prerequisite met
   (`domain.prerequisites`), not already granted that award (for a hình thức:
   any hình thức, Luật TĐKT 2022 Điều 5) for the same achievement
   (`domain.decisions.same_achievement`) — nor proposed by an earlier round of it still awaiting a decision; for a
   danh hiệu any danh hiệu of the same level or higher —, not voted down for it by an earlier round of the same
   achievement (unless `Records.reconsider` names the subject), not blocked (NĐ 152 Điều 4 k4). Individuals are
   decided before collectives, whose `members` conditions read them. An award with `with` also needs the danh hiệu it brings to be within
   reach (prerequisites), and brings it: proposed beside it, at no money of
   its own (NĐ 152 Điều 49: one achievement pays its highest danh hiệu), and
   outside that danh hiệu's limit.
3. Limit = min(max_count, floor(quota_percent × N / 100)), N = subjects of that
   kind in the standings; neither set = no limit; less the places earlier rounds of
   the same achievement took (`Records.used_places`).
4. Taken by total, highest first; equal totals in Vietnamese name order. When
   the subjects tied at the limit do not all fit, women are preferred (NĐ 152
   Điều 4 k6: female individuals, collectives with ≥ 70% women). Those still
   tied that do not fit are not proposed for this award: they are listed as a
   `Tie` for the council (with the places left) and go on to the next award.
5. Money = multiplier for the kind × base salary, rounded to tens of
   thousands of đồng as the campaign says (up by default, or nearest).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from thidua_cli.domain.formats import format_date, format_points, round_money
from thidua_cli.domain.models import (
    CATEGORIES, COLLECTIVE, DANH_HIEU, HINH_THUC, INDIVIDUAL, KIND_LABELS, Award, Campaign, HistoryAward, Prerequisite, Subject,
)
from thidua_cli.domain.prerequisites import (
    NO_INITIATIVE, Records, discipline_text, held_this_year, initiative_met, members_unmet, prerequisites_of, unmet,
)
from thidua_cli.domain.ratings import at_least
from thidua_cli.domain.vntext import fold_key
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


def amount_after_titles_paid(full: int, paid: Iterable[int]) -> int:
    """One year's achievement is paid its highest danh hiệu only (NĐ 152/2025 Điều 49): a danh hiệu granted
    after others of the same year were paid (an earlier round's LĐTT, then CSTĐCS) pays what it adds to them,
    never less than nothing (a lower one after a higher one pays 0)."""
    return max(0, full - sum(paid))


_QUOTED = re.compile(r"[“\"]([^”\"]+)[”\"]")


def shared_initiatives(proposals: Iterable[Proposal], notes: Iterable[tuple[str, str]]) -> list[str]:
    """A sáng kiến grounds one award (Luật TĐKT 2022 Điều 5: one achievement, one reward; DOMAIN §3): the initiatives
    (`notes`: (subject code, entry note); the title quoted in it, a note without one naming none) that several subjects proposed an award
    needing one are credited with — a warning each, for the office to check (co-authors say their part)."""
    needing: dict[str, list[Proposal]] = {}  # a subject may be proposed two awards that need one
    for p in proposals:
        if any(item.initiative for item in prerequisites_of(p.award)):
            needing.setdefault(p.subject.code, []).append(p)
    by_title: dict[str, tuple[str, list[str]]] = {}
    for code, note in notes:
        if code not in needing or not (note or "").strip():
            continue
        found = _QUOTED.search(note)
        if not found:  # "Sáng kiến được Hội đồng sáng kiến cơ sở công nhận" names no sáng kiến: nothing to compare
            continue
        title = found[1].strip()
        listed = by_title.setdefault(fold_key(title), (title, []))[1]
        if code not in listed:
            listed.append(code)
    return [
        f"sáng kiến “{title}” được tính cho {len(codes)} đối tượng được đề nghị "
        + ", ".join(f"{code} — {needing[code][0].subject.name} ({', '.join(p.award.name for p in needing[code])})" for code in codes)
        + ": một sáng kiến chỉ làm căn cứ khen thưởng một lần; kiểm tra lại mục ghi (đồng tác giả thì ghi rõ phần đóng góp)"
        for title, codes in by_title.values() if len(codes) > 1
    ]


def less_titles_paid(proposals: Iterable[Proposal], paid: Mapping[int, list[tuple[str, str, int, str]]]) -> list[Proposal]:
    """Proposals of danh hiệu whose subjects earlier decisions paid a danh hiệu of the same year (subject id →
    (award code, name, đồng, decision number)): what was paid comes off the subject's paying danh hiệu of the round,
    lowest first (as the decisions will pay them: the first to be decided pays what it adds), with those titles
    named, so that the tờ trình asks what the decisions will pay."""
    proposals = list(proposals)
    moved: dict[int, Proposal] = {}
    paying: dict[int, list[Proposal]] = {}
    for p in proposals:
        if p.award.category == DANH_HIEU and p.amount and p.subject.id in paid:
            paying.setdefault(p.subject.id, []).append(p)
    for subject_id, items in paying.items():
        codes = {p.award.code.casefold() for p in items}
        titles = [t for t in paid[subject_id] if t[0].casefold() not in codes]
        named_titles = tuple((name, amount, f"QĐ số {number}") for _, name, amount, number in titles)
        remaining = sum(t[2] for t in titles)
        for p in sorted(items, key=lambda p: p.award.level):
            if remaining <= 0:
                break
            cut = min(p.amount, remaining)
            moved[id(p)] = replace(p, amount=p.amount - cut, paid_before=named_titles + p.paid_before)
            remaining -= cut
    return [moved.get(id(p), p) for p in proposals]


def same_title_of_year(held: HistoryAward, award: Award, year: int, campaign: Campaign | None = None) -> bool:
    """`held` is the danh hiệu `award` for `year`, công trạng, or one of the campaign's higher than it: a yearly danh
    hiệu is recognised once a year, the highest, whatever campaign, round or file recorded it (two campaigns of one
    year granted one person LĐTT twice; a unit holding TTLĐXS was proposed TTLĐTT of the same year)."""
    if not (held.category == DANH_HIEU and held.award_kind == "cong-trang" and held.for_year == year):
        return False
    if held.award.casefold() == award.code.casefold() or (held.name and fold_key(held.name) == fold_key(award.name)):
        return True
    ours = campaign.award(held.award) if campaign is not None else None
    return ours is not None and ours.category == DANH_HIEU and ours.level > award.level


def same_title_text(label: str, held: HistoryAward, year: int, award: Award | None = None) -> str:
    when = f" ngày {format_date(held.day)}" if held.day else ""
    number = f" theo Quyết định số {held.number}{when}" if held.number else ""
    where = f" (phong trào {held.extra['campaign']})" if held.extra.get("campaign") else ""
    higher = award is not None and held.award.casefold() != award.code.casefold() and not (
        held.name and fold_key(held.name) == fold_key(award.name))
    rule = "một năm chỉ công nhận danh hiệu cao nhất" if higher else "mỗi năm một danh hiệu chỉ công nhận một lần"
    return f"đã được công nhận {label} năm {year}{number}{where}; {rule}"


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


@dataclass(frozen=True)
class Exclusion:
    """A subject that reached an award's `min_score` but was not proposed for it, and why.

    `reason` is the first cause as a key (proposed | blocked | penalty | granted | requires | with |
    tie | limit | vote); `text` names everything missing, in Vietnamese, as every output shows it."""

    award: Award
    subject: Subject
    reason: str
    text: str = ""


@dataclass
class Outcome:
    proposals: list[Proposal] = field(default_factory=list)
    ties: list[Tie] = field(default_factory=list)
    excluded: list[Exclusion] = field(default_factory=list)


class RoundState:
    """What each subject has been proposed so far in a round: one award per category (its slot),
    plus the codes of everything proposed (those brought `with` included)."""

    def __init__(self, campaign: Campaign, records: Records, year: int, refuse=None, standings: Standings | None = None):
        self.campaign = campaign
        self.records = records
        self.year = year
        rows = standings.rows if standings is not None else []
        self.people = [row.subject for row in rows if row.subject.kind == INDIVIDUAL]
        self.initiative_codes = [c.code for c in campaign.criteria if c.initiative]
        # an extra rule from outside the proposal rules: (award, subject) -> why not, or None
        # (the registration gate of requires_registration, domain/registration.py)
        self.refuse = refuse
        self.slots: dict[tuple[str, str], Award] = {}
        self.codes: dict[str, set[str]] = {}
        self._by_unit: dict[str, list[tuple[int, Subject]]] | None = None  # `members_of`'s index, made at its first call

    def add(self, award: Award, subject: Subject) -> None:
        self.slots.setdefault((subject.code, award.category), award)
        self.codes.setdefault(subject.code, set()).add(award.code.casefold())

    def has(self, subject: Subject, award: Award) -> bool:
        return award.code.casefold() in self.codes.get(subject.code, ())

    def holds(self, subject: Subject, award: Award) -> bool:
        """Granted `award` for the same achievement by an earlier round, or proposed there and awaiting the
        decision: a danh hiệu brought `with` a higher one is then already there, not to be brought again."""
        return any(grant.award.casefold() == award.code.casefold() for grant in self.records.earlier.get(subject.code, ()))

    def problems(self, award: Award, row: StandingRow) -> list[tuple[str, str]]:
        """Why `row` cannot be a candidate for `award` (score and limit aside): (key, text) pairs."""
        subject = row.subject
        taken = self.slots.get((subject.code, award.category))
        if taken is not None:
            text = f"đã được đề nghị {taken.name} trong đợt này"
            if award.category == HINH_THUC:
                text += " (một thành tích chỉ một hình thức khen thưởng)"
            return [("proposed", text)]
        found = []
        if subject.blocked:
            found.append(("blocked", "đang tạm dừng xét khen thưởng" + (f" ({subject.block_reason})" if subject.block_reason else "")))
        if award.requires_no_penalty and row.penalties > 0:
            found.append(("penalty", "có điểm trừ trong kỳ"))
        refused = self.refuse(award, subject) if self.refuse is not None else None
        if refused:
            found.append(("registration", refused))
        found += [("granted", text) for text in self._granted(award, subject)]
        found += [("voted-down", text) for text in self._voted_down(award, subject)]
        found += [("not-granted", text) for text in self._not_granted(award, subject)]
        brought = self.campaign.brought_with(award)
        found += [("requires", text) for text in self._unmet(award, row, brought)]
        for code in brought:
            partner = self.campaign.award(code)
            if partner is None or not partner.applies(subject.kind) or self.has(subject, partner) or self.holds(subject, partner):
                continue
            missing = self._own_bars(partner, row) + self._granted(partner, subject) + self._unmet(partner, row, ())
            if missing:
                found.append(("with", f"không đủ điều kiện {partner.name} đi kèm: " + "; ".join(missing)))
        return found

    @staticmethod
    def _own_bars(award: Award, row: StandingRow) -> list[str]:
        """What keeps a danh hiệu brought `with` another from the subject by its own rules (SPEC §4: granted only
        together, so the award bringing it is not granted either): its minimum score, its no-penalty rule."""
        bars = []
        if row.total < award.min_score:
            bars.append(f"tổng điểm {format_points(row.total)} dưới mức {format_points(award.min_score)}")
        if award.requires_no_penalty and row.penalties > 0:
            bars.append("có điểm trừ trong kỳ")
        return bars

    def _granted(self, award: Award, subject: Subject) -> list[str]:
        """One achievement, one award (Luật TĐKT 2022 Điều 5: not several times, nor several forms, for one
        achievement): the same award; for a hình thức any hình thức; for a danh hiệu any danh hiệu of the same
        level or higher — granted, or proposed in an earlier round and not yet decided nor voted down."""
        texts = []
        for grant in self.records.earlier.get(subject.code, ()):
            same = grant.award.casefold() == award.code.casefold()
            earlier = self.campaign.award(grant.award)
            if not (same or (award.category == HINH_THUC and grant.category == HINH_THUC)
                    or (award.category == DANH_HIEU and grant.category == DANH_HIEU and earlier is not None
                        and earlier.level >= award.level)):
                continue
            if grant.pending:
                texts.append(f"đã được đề nghị {self.records.label(grant.award)} ở đợt {grant.round} cho cùng thành tích "
                             "(đang chờ quyết định)")
                continue
            when = f" ngày {format_date(grant.day)}" if grant.day else ""
            of_round = f", đợt {grant.round}" if grant.round else ""
            texts.append(f"đã được tặng {self.records.label(grant.award)} theo Quyết định số {grant.number}{when} cho cùng thành tích{of_round}")
        if award.category == DANH_HIEU and self.campaign.kind != "chuyen-de":
            told = {(g.award.casefold(), g.number) for g in self.records.earlier.get(subject.code, ()) if not g.pending}
            texts += [same_title_text(self.records.label(h.award), h, self.year, award)
                      for h in self.records.history.get(subject.code, ())
                      if same_title_of_year(h, award, self.year, self.campaign) and (h.award.casefold(), h.number) not in told]
        return texts

    def _voted_down(self, award: Award, subject: Subject) -> list[str]:
        """Voted down by the council for this award in an earlier round of the same achievement: not proposed
        again unless the office names the subject (`--reconsider`)."""
        if subject.code.casefold() in self.records.reconsider:
            return []
        return [f"Hội đồng đã bỏ phiếu không đạt {award.name} ở đợt {number} cho cùng thành tích "
                f"(đề nghị lại: thêm --reconsider {subject.code})"
                for code, number in self.records.voted_down.get(subject.code, ()) if code.casefold() == award.code.casefold()]

    def _not_granted(self, award: Award, subject: Subject) -> list[str]:
        """Not granted `award` by the deciding authority for the same achievement: not proposed for it again
        (a lower award may be) unless the office names the subject (`--reconsider`)."""
        if subject.code.casefold() in self.records.reconsider:
            return []
        return [f"không được khen {award.name} theo Quyết định số {number} (đợt {round_number}) cho cùng thành tích "
                f"(đề nghị lại: thêm --reconsider {subject.code})"
                for code, round_number, number in self.records.not_granted.get(subject.code, ())
                if code.casefold() == award.code.casefold()]

    def _unmet(self, award: Award, row: StandingRow, together: tuple[str, ...]) -> list[str]:
        subject = row.subject
        history = self.records.history.get(subject.code, ())
        ratings = self.records.ratings.get(subject.code, {})
        proposed_now = set(self.codes.get(subject.code, ())) | {code.casefold() for code in together}
        texts = []
        for item in prerequisites_of(award):
            if item.applies_to not in ("both", subject.kind):
                continue
            if item.initiative:
                if not initiative_met(row.raw, self.initiative_codes):
                    texts.append(NO_INITIATIVE)
            elif item.on_members:
                texts += self._members_unmet(item, subject)
            else:
                texts += unmet(item, subject.kind, self.year, history, ratings, proposed_now, self.records, subject.code)
        return texts

    def members_of(self, collective: Subject) -> list[Subject]:
        """The people whose unit is the collective's code or name (either, whatever the case), in the standings' order;
        looked up in an index of the units, made once: scanning everyone for each collective took a province's round
        (2,000 units, 18,000 people) 160 s."""
        if self._by_unit is None:
            self._by_unit = {}
            for index, person in enumerate(self.people):
                unit = (person.unit or "").strip().casefold()
                if unit:
                    self._by_unit.setdefault(unit, []).append((index, person))
        keys = {collective.code.casefold(), collective.name.strip().casefold()}
        return [person for _, person in sorted(pair for key in keys for pair in self._by_unit.get(key, ()))] \
            if len(keys) > 1 else [person for _, person in self._by_unit.get(keys.pop(), ())]

    def _members_unmet(self, item: Prerequisite, collective: Subject) -> list[str]:
        members = self.members_of(collective)
        if item.members_no_discipline is not None:
            if collective.kind != COLLECTIVE:
                return []
            return [discipline_text(found, f"{person.code} — {person.name} ") for person in members
                    for found in self.records.disciplined(person.code, self.year, item.members_no_discipline)]
        if item.members is not None:
            code = item.members

            def meets(person: Subject) -> bool:
                return code.casefold() in self.codes.get(person.code, ()) or held_this_year(
                    self.records.history.get(person.code, ()), code, self.year)

            what = f"đạt {self.records.label(code)} năm {self.year}"
        else:
            def meets(person: Subject) -> bool:
                rated = self.records.ratings.get(person.code, {}).get(self.year)
                return rated is not None and at_least(rated, item.members_rating)

            what = f"xếp loại từ {item.members_rating} trở lên năm {self.year}"
        return members_unmet(item, collective.kind, members, meets, what)


def named(records: Records | Mapping[str, Iterable[str]], campaign: Campaign) -> Records:
    """`records` as Records, with the campaign's award names for the reasons."""
    if not isinstance(records, Records):
        records = Records.from_codes(records)
    names = dict(records.names)
    names.update({award.code.casefold(): award.name for award in campaign.awards})
    return replace(records, names=names)


def _limit_text(award: Award, limit: int, count: int, kind: str, used: int = 0) -> str:
    parts = []
    if award.quota_percent is not None:
        parts.append(f"{format_points(award.quota_percent)}% của {count} {KIND_LABELS[kind]}")
    if award.max_count is not None:
        parts.append(f"tối đa {award.max_count}")
    if used:
        parts.append(f"{used} suất đã dùng ở đợt trước cho cùng kỳ")
    if limit == 0:  # "ngoài giới hạn 0 suất" read as if a limit had been passed; none was ever open
        return f"không có suất nào ({', '.join(parts)}, làm tròn xuống còn 0 suất)"
    return f"ngoài giới hạn {limit} suất ({', '.join(parts)})"


def year_limit(award: Award, count: int, used: int) -> int | None:
    """The places left to a round: the award's limit less those taken by earlier rounds of the same achievement
    (granted, or proposed and not voted down), so that a supplementary round stays within the year's quota."""
    limit = place_limit(award, count)
    return None if limit is None else max(0, limit - used)


def decide(
    standings: Standings, records: Records | Mapping[str, Iterable[str]], today: date | None = None, refuse=None,
) -> Outcome:
    """Apply SPEC §5.2 to the standings: proposals, ties, and every exclusion with its reason.

    Danh hiệu are processed before hình thức, so that a hình thức may require this year's
    danh hiệu (`this_year`); each category from the highest level down, on its own."""
    campaign = standings.campaign
    records = named(records, campaign)
    state = RoundState(campaign, records, standings.period.end.year, refuse, standings)
    outcome = Outcome()
    for category in CATEGORIES:
        # individuals are decided first, so that a collective's condition on its members' danh hiệu
        # (`members`) reads them; the round still lists tập thể first
        blocks: dict[tuple[str, str], Outcome] = {}
        for kind in (INDIVIDUAL, COLLECTIVE):
            for award in awards_by_level(campaign):
                if award.category == category and award.applies(kind):
                    block = blocks[(award.code, kind)] = Outcome()
                    _award_for_kind(award, kind, standings, state, block, today)
        for award in awards_by_level(campaign):
            for kind in KIND_ORDER:
                block = blocks.get((award.code, kind))
                if block is not None:
                    outcome.proposals += block.proposals
                    outcome.ties += block.ties
                    outcome.excluded += block.excluded
    # a danh hiệu brought `with` a later award may have been refused on its own before
    proposed = {(p.award.code, p.subject.code) for p in outcome.proposals}
    outcome.excluded = [e for e in outcome.excluded if (e.award.code, e.subject.code) not in proposed]
    ranks = {row.subject.code: row.rank for row in standings.rows}
    outcome.excluded.sort(key=lambda e: _exclusion_order(e, ranks))
    outcome.proposals = paid_by_each_authority(outcome.proposals, campaign, today)
    return outcome


def paid_by_each_authority(proposals: list[Proposal], campaign: Campaign, day: date | None) -> list[Proposal]:
    """A subject's danh hiệu brought `with` one that another authority decides are decided apart, the lower
    authority first (the Giám đốc's CSTĐCS before the UBND's CSTĐ cấp tỉnh): each authority's highest danh hiệu
    pays what it adds to those the lower ones pay (NĐ 152/2025 Điều 49: one year, the highest), as the
    decisions will pay them; the higher one names what the lower one pays. With one authority, nothing moves."""
    by_subject: dict[str, list[Proposal]] = {}
    for p in proposals:
        if p.award.category == DANH_HIEU:
            by_subject.setdefault(p.subject.code, []).append(p)
    moved: dict[int, Proposal] = {}
    for items in by_subject.values():
        if len({p.award.authority for p in items}) < 2 or not any(p.brought_by for p in items):
            continue
        groups: dict[str, list[Proposal]] = {}
        for p in items:
            groups.setdefault(p.award.authority, []).append(p)
        paid: list[tuple[str, int, str]] = []
        for authority in sorted(groups, key=lambda a: max(p.award.level for p in groups[a])):
            top = max(groups[authority], key=lambda p: p.award.level)
            rate = top.amount if top.brought_by is None else amount_for(campaign, top.award, top.subject.kind, day)
            for p in groups[authority]:
                if p is top:
                    moved[id(p)] = replace(p, amount=amount_after_titles_paid(rate, (t[1] for t in paid)), paid_before=tuple(paid))
                elif p.amount:
                    moved[id(p)] = replace(p, amount=0)
            paid.append((top.award.name, amount_after_titles_paid(rate, (t[1] for t in paid)), "cùng đợt"))
    return [moved.get(id(p), p) for p in proposals]


def _award_for_kind(award: Award, kind: str, standings: Standings, state: RoundState, outcome: Outcome, today: date | None) -> None:
    campaign = standings.campaign
    rows = standings.of_kind(kind)
    candidates = []
    for row in rows:
        if row.total < award.min_score or state.has(row.subject, award):
            continue
        found = state.problems(award, row)
        if found:
            outcome.excluded.append(Exclusion(award, row.subject, found[0][0], "; ".join(text for _, text in found)))
        else:
            candidates.append(row)
    candidates.sort(key=lambda row: (-row.total, name_sort_key(row.subject)))
    limit = year_limit(award, len(rows), state.records.places_used(award, kind))
    taken, tied = choose(candidates, limit)
    amount = amount_for(campaign, award, kind, today)
    brought = []
    for row in taken:
        state.add(award, row.subject)
        outcome.proposals.append(Proposal(award=award, subject=row.subject, total=row.total, rank=row.rank, amount=amount, row=row))
        brought += bring_with(award, row, state)
    outcome.proposals.extend(brought)
    if tied:
        outcome.ties.append(Tie(award=award, subjects=tuple(row.subject for row in tied), total=tied[0].total))
        text = f"đồng hạng ở suất cuối ({format_points(tied[0].total)} điểm), để Hội đồng xem xét"
        outcome.excluded.extend(Exclusion(award, row.subject, "tie", text) for row in tied)
    chosen = {row.subject.code for row in taken} | {row.subject.code for row in tied}
    left = [row for row in candidates if row.subject.code not in chosen]
    if left:
        text = _limit_text(award, place_limit(award, len(rows)), len(rows), kind, state.records.places_used(award, kind))
        # one tied at the last place with a woman (a collective of ≥ 70% women) who took it lost by women-first, not
        # by his total: "ngoài giới hạn 10 suất" read as if he had fewer points than the last one proposed
        women_took = {row.total for row in (*taken, *tied) if row.subject.female}
        outcome.excluded.extend(
            Exclusion(award, row.subject, "limit", _women_first_text(row, kind, campaign) if row.total in women_took
                      and not row.subject.female and limit else text)
            for row in left)


def _women_first_text(row: StandingRow, kind: str, campaign) -> str:
    from thidua_cli.domain.rulesets import rule_set

    who = "tập thể có tỷ lệ nữ từ 70% trở lên" if kind == COLLECTIVE else "cá nhân nữ"
    article = rule_set(campaign.rules, campaign.end).women_first
    return (f"đồng hạng ở suất cuối ({format_points(row.total)} điểm), {WOMEN_FIRST_MARK} {who} cùng điểm "
            f"(ưu tiên nữ theo {article})")


WOMEN_FIRST_MARK = "suất cuối dành cho"


def lost_to_women_first(reason: str, text: str) -> bool:
    """An exclusion of one tied at the last place whom women-first left out (`_women_first_text`): the biên bản
    names him beside the woman taken, as it names one given a lower award in her stead."""
    return reason == "limit" and WOMEN_FIRST_MARK in text and "ưu tiên nữ" in text


def bring_with(award: Award, row: StandingRow, state: RoundState) -> list[Proposal]:
    """The danh hiệu `award` brings `with` it, not yet proposed to the subject: at no money of their
    own, since one achievement at one time pays only its highest danh hiệu (NĐ 152/2025 Điều 49, as
    NĐ 91/2017 Điều 66 k2 điểm c before it)."""
    brought = []
    for code in state.campaign.brought_with(award):
        partner = state.campaign.award(code)
        if (partner is not None and partner.applies(row.subject.kind) and not state.has(row.subject, partner)
                and not state.holds(row.subject, partner)):
            state.add(partner, row.subject)
            brought.append(Proposal(award=partner, subject=row.subject, total=row.total, rank=row.rank, amount=0, row=row,
                                    brought_by=award.code))
    return brought


def _exclusion_order(exclusion: Exclusion, ranks: Mapping[str, int]) -> tuple:
    award, subject = exclusion.award, exclusion.subject
    return (CATEGORIES.index(award.category), -award.level, award.position, KIND_ORDER.index(subject.kind),
            ranks.get(subject.code, 0), name_sort_key(subject))


def propose(
    standings: Standings, records: Records | Mapping[str, Iterable[str]], today: date | None = None, refuse=None,
) -> tuple[list[Proposal], list[Tie]]:
    """Proposals (danh hiệu, then hình thức; each award level high → low, tập thể first, then rank) and ties."""
    outcome = decide(standings, records, today, refuse)
    return outcome.proposals, outcome.ties


def tie_places(tie: Tie, proposals: Iterable[Proposal], standings_count: int, used: int = 0) -> int:
    """Places of `tie.award` left for the council among the tie's kind (limit minus those proposed, and minus
    `used` by earlier rounds of the same achievement)."""
    kind = tie.subjects[0].kind
    limit = year_limit(tie.award, standings_count, used)
    taken = sum(1 for p in proposals if p.award.code == tie.award.code and p.subject.kind == kind and p.brought_by is None)
    if limit is None:
        return len(tie.subjects)
    return max(0, limit - taken)


def vote_passes(votes_for: int, members: int, threshold: Decimal | None) -> bool:
    """votes_for / members × 100 ≥ threshold (all members, present or not); no threshold = more than half."""
    if members <= 0:
        return False
    if threshold is None:
        return votes_for * 2 > members
    return Decimal(votes_for) * 100 >= threshold * members


def vote_percent(votes_for: int, members: int) -> Decimal:
    return (Decimal(votes_for) * 100 / Decimal(members)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def fall_through(
    standings: Standings, records: Records | Mapping[str, Iterable[str]], live: Iterable[Proposal], failed: Iterable[Proposal],
    counts: Mapping[str, int], today: date | None = None, refuse=None,
) -> tuple[list[Proposal], list[Exclusion]]:
    """After a council vote (`on_vote_failure = "next-lower"`, SPEC §5.2 item 7): each subject below an award's
    threshold is considered for the next lower award of the same category it qualifies for, within that award's
    limit (`counts`: subjects of each kind in the round's standings). `live` are the proposals still standing.
    Highest totals first (women first on equal totals, then name order); returns the new proposals (with the
    danh hiệu they bring) and why each lower award tried was not proposed. `refuse` is the round's own gate
    (`decide`'s): a lower award requiring registration is not reached without it."""
    campaign = standings.campaign
    records = named(records, campaign)
    state = RoundState(campaign, records, standings.period.end.year, refuse, standings)
    live = sorted(live, key=lambda p: p.brought_by is not None)  # a subject's slot is its own award, not one brought
    for p in live:
        state.add(p.award, p.subject)
    places: dict[tuple[str, str], int] = {}
    for p in live:
        if p.brought_by is None:
            places[(p.award.code, p.subject.kind)] = places.get((p.award.code, p.subject.kind), 0) + 1
    new: list[Proposal] = []
    excluded: list[Exclusion] = []
    for p in sorted(failed, key=lambda p: (-p.total, not p.subject.female, name_sort_key(p.subject))):
        row = standings.row(p.subject.code)
        kind = p.subject.kind
        if row is None:
            continue
        for lower in awards_by_level(campaign):
            if lower.category != p.award.category or lower.level >= p.award.level or not lower.applies(kind):
                continue
            if row.total < lower.min_score or state.has(row.subject, lower):
                continue
            found = state.problems(lower, row)
            if found:
                excluded.append(Exclusion(lower, row.subject, found[0][0], "; ".join(text for _, text in found)))
                if found[0][0] == "proposed":
                    break
                continue
            limit = year_limit(lower, counts.get(kind, 0), records.places_used(lower, kind))
            if limit is not None and places.get((lower.code, kind), 0) >= limit:
                excluded.append(Exclusion(lower, row.subject, "limit", f"ngoài giới hạn {limit} suất của {lower.name} "
                                                                       "(đã đủ suất khi xét tiếp sau bỏ phiếu)"))
                continue
            state.add(lower, row.subject)
            places[(lower.code, kind)] = places.get((lower.code, kind), 0) + 1
            new.append(Proposal(award=lower, subject=row.subject, total=row.total, rank=row.rank,
                                amount=amount_for(campaign, lower, kind, today), row=row, fallen_from=p.award.code))
            new += [replace(b, fallen_from=p.award.code) for b in bring_with(lower, row, state)]
            break
    return paid_by_each_authority(new, campaign, today), excluded


MEMBERS_AFTER_VOTE = "không còn đủ điều kiện sau khi Hội đồng bỏ phiếu các cá nhân"
# a member disciplined after the round was made: no vote of anyone's changed it, and saying so sent the Office looking
# for a vote that was not there
DISCIPLINED_SINCE = "không còn đủ điều kiện do kỷ luật ghi sau khi lập đợt"
AFTER_VOTE_NOTES = (MEMBERS_AFTER_VOTE, DISCIPLINED_SINCE)


def qualified_after_vote(standings: Standings, records: Records | Mapping[str, Iterable[str]],
                         held_back: Iterable[tuple[str, str]], passed: Iterable[tuple[str, str]]) -> list[tuple[Award, Subject]]:
    """The collectives a round held back from a danh hiệu resting on its members (`held_back`: (award, subject) left
    out for an unmet condition) that meet every condition on the danh hiệu the council passed (`passed`: (subject,
    award) pairs): a tie won for CSTĐCS gives its unit the "ít nhất một cá nhân" of TTLĐXS (Luật TĐKT 2022 Điều 27).
    The round cannot propose them any more; a supplementary round after the decision can."""
    campaign = standings.campaign
    state = RoundState(campaign, named(records, campaign), standings.period.end.year, None, standings)
    for subject, code in passed:
        state.codes.setdefault(subject, set()).add(code.casefold())
    found = []
    for award_code, subject_code in held_back:
        award, row = campaign.award(award_code), standings.row(subject_code)
        if award is None or row is None or row.subject.kind != COLLECTIVE or row.total < award.min_score:
            continue
        if any(item.on_members for item in prerequisites_of(award)) and not state.problems(award, row):
            found.append((award, row.subject))
    return found


def members_after_vote(standings: Standings, records: Records | Mapping[str, Iterable[str]], award: Award, collective: Subject,
                       passed: Iterable[tuple[str, str]]) -> str:
    """A collective's conditions on its members (`members`, `members_rating`, `members_no_discipline`) judged again
    on what the council passed (`passed`: (subject, award) pairs) and on the measures recorded since: an LĐTT voted
    down may leave a Tập thể lao động tiên tiến without its "trên 50%" (Luật TĐKT 2022 Điều 28). The note saying
    why (one of AFTER_VOTE_NOTES, then the reasons), or "" when they still hold."""
    campaign = standings.campaign
    state = RoundState(campaign, named(records, campaign), standings.period.end.year, None, standings)
    for subject, code in passed:
        state.codes.setdefault(subject, set()).add(code.casefold())
    voted, disciplined = [], []
    for item in prerequisites_of(award):
        if item.on_members and item.applies_to in ("both", collective.kind):
            (disciplined if item.members_no_discipline is not None else voted).extend(state._members_unmet(item, collective))
    if not voted and not disciplined:
        return ""
    return f"{MEMBERS_AFTER_VOTE if voted else DISCIPLINED_SINCE}: {'; '.join(voted + disciplined)}"
