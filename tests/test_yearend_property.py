"""Property test of the year-end proposal rules (issue 19): `domain.proposals.decide` against a naive
implementation of SPEC §5.2 written here, on random campaigns with both categories, `with`, prerequisites
over years (with `after` and `this_year`), per-kind prerequisites, ratings, and histories that mix công
trạng with chuyên đề awards (which never count toward years, NĐ 152/2025 Điều 4 k3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from thidua_cli.domain.models import Award, Campaign, HistoryAward, Period, Prerequisite, Subject
from thidua_cli.domain.prerequisites import Records
from thidua_cli.domain.proposals import decide
from thidua_cli.domain.scoring import StandingRow, Standings

YEAR = 2022
RATINGS = ["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ"]
GOODNESS = {rating: 4 - index for index, rating in enumerate(RATINGS)}
CODES = ["A", "B", "C", "D", "E"]


# --------------------------------------------------------------------------- the naive rules


def naive(awards, rows, history, ratings):
    """SPEC §5.2 item by item: returns {(award, subject, brought_by)}, {(award, frozenset(subjects))}."""
    by_code = {a.code: a for a in awards}
    slot = {}  # (subject, category) -> award code
    held_now = {}  # subject -> codes proposed in this round
    proposals, ties = set(), set()

    def meets(item, subject, together):
        if item.applies_to not in ("both", subject.kind):
            return True
        past = history.get(subject.code, [])
        if item.award and item.years == 0 and not item.this_year:
            return any(h.award == item.award for h in past)
        years = list(range(YEAR - item.years, YEAR)) + ([YEAR] if item.this_year else [])
        for y in years:
            if item.award:
                ok = any(h.award == item.award and h.for_year == y and h.award_kind == "cong-trang" for h in past)
                if y == YEAR and (item.award in held_now.get(subject.code, set()) or item.award in together):
                    ok = True
            else:
                rating = ratings.get(subject.code, {}).get(y)
                ok = rating is not None and GOODNESS[rating] >= GOODNESS[item.rating]
            if not ok:
                return False
        if item.after and years:
            first = min(years)
            if not any(h.award == item.after and h.award_kind == "cong-trang" and h.for_year < first for h in past):
                return False
        return True

    def may_have(award, subject, together):
        return all(meets(item, subject, together) for item in award.prerequisites)

    def brings(award):  # `with`, and what those bring in turn (granted only together, SPEC §4)
        found, todo = [], list(award.with_awards)
        while todo:
            code = todo.pop(0)
            if code != award.code and code not in found:
                found.append(code)
                todo += list(by_code[code].with_awards) if code in by_code else []
        return found

    for category in ("danh-hieu", "hinh-thuc"):
        for award in sorted((a for a in awards if a.category == category), key=lambda a: (-a.level, a.position)):
            for kind in ("collective", "individual"):
                if award.applies_to not in ("both", kind):
                    continue
                pool = [r for r in rows if r.subject.kind == kind]
                candidates = []
                for r in pool:
                    s = r.subject
                    if r.total < award.min_score or award.code in held_now.get(s.code, set()) or (s.code, category) in slot:
                        continue
                    if s.blocked or (award.requires_no_penalty and r.penalties):
                        continue
                    if not may_have(award, s, set(brings(award))):
                        continue
                    partners = [by_code[c] for c in brings(award) if c in by_code and by_code[c].applies_to in ("both", kind)
                                and c not in held_now.get(s.code, set())]
                    # granted only together (SPEC §4): each partner's own score and no-penalty rule hold too
                    if not all(may_have(p, s, set()) and r.total >= p.min_score and not (p.requires_no_penalty and r.penalties)
                               for p in partners):
                        continue
                    candidates.append(r)
                limits = []
                if award.max_count is not None:
                    limits.append(award.max_count)
                if award.quota_percent is not None:
                    limits.append(int(award.quota_percent * len(pool) // 100))
                taken, tied = naive_choose(candidates, min(limits) if limits else None)
                for r in taken:
                    s = r.subject
                    slot.setdefault((s.code, category), award.code)
                    held_now.setdefault(s.code, set()).add(award.code)
                    proposals.add((award.code, s.code, None))
                    for code in brings(award):
                        partner = by_code.get(code)
                        if partner and partner.applies_to in ("both", kind) and code not in held_now[s.code]:
                            held_now[s.code].add(code)
                            slot.setdefault((s.code, partner.category), code)
                            proposals.add((code, s.code, award.code))
                if tied:
                    ties.add((award.code, frozenset(r.subject.code for r in tied)))
    return proposals, ties


def naive_choose(candidates, limit):
    ordered = sorted(candidates, key=lambda r: -r.total)
    if limit is None or len(ordered) <= limit:
        return ordered, []
    if limit == 0:
        return [], []
    boundary = ordered[limit - 1].total
    above = [r for r in ordered if r.total > boundary]
    group = [r for r in ordered if r.total == boundary]
    places = limit - len(above)
    if len(group) <= places:
        return above + group, []
    women = [r for r in group if r.subject.female]
    men = [r for r in group if not r.subject.female]
    if len(women) > places:
        return above, women
    if places - len(women) == 0:
        return above + women, []
    return above + women, men


# --------------------------------------------------------------------------- random year-end rounds


@st.composite
def prerequisite(draw):
    kind_of = draw(st.sampled_from(["award", "rating"]))
    years = draw(st.integers(0, 3))
    this_year = draw(st.booleans())
    if kind_of == "rating" and years == 0:
        this_year = True
    return Prerequisite(
        award=draw(st.sampled_from(CODES + ["X"])) if kind_of == "award" else None,
        rating=draw(st.sampled_from(RATINGS[:3])) if kind_of == "rating" else None,
        years=years, this_year=this_year,
        after=draw(st.sampled_from([None, None, "X", "A", "B"])),
        applies_to=draw(st.sampled_from(["both", "both", "individual", "collective"])),
    )


def drawn_subject(draw, index: int, blocked_one_in: int) -> Subject:
    """A person or a collective, a woman or a man (a collective mostly of women or not), blocked now and then."""
    kind = draw(st.sampled_from(["collective", "individual"]))
    female = draw(st.booleans())
    return Subject(
        code=f"S{index:02d}", name=f"Người {index:02d}", kind=kind,
        gender=("nữ" if female else "nam") if kind == "individual" else None,
        female_percent=(Decimal(80) if female else Decimal(40)) if kind == "collective" else None,
        blocked=draw(st.integers(0, blocked_one_in - 1)) == 0,
    )


@st.composite
def year_end(draw):
    count = draw(st.integers(1, 10))
    rows = []
    for index in range(count):
        subject = drawn_subject(draw, index, 13)
        total = Decimal(draw(st.sampled_from([60, 80, 80, 90, 90, 100])))
        rows.append(StandingRow(subject, {}, {}, total, 0, None, 1, draw(st.sampled_from([0, 0, 0, 1]))))
    codes = draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=5, unique=True))
    awards = []
    for position, code in enumerate(codes):
        category = draw(st.sampled_from(["danh-hieu", "hinh-thuc"]))
        others = [c for c in codes if c != code]
        awards.append(Award(
            code=code, name=f"Khen thưởng {code}", level=draw(st.integers(1, 4)),
            applies_to=draw(st.sampled_from(["both", "both", "individual", "collective"])),
            min_score=Decimal(draw(st.sampled_from([0, 70, 85]))), authority="Giám đốc Sở", multiplier=Decimal("0.3"),
            quota_percent=draw(st.sampled_from([None, None, Decimal(50)])), max_count=draw(st.sampled_from([None, None, 0, 1, 2])),
            requires_no_penalty=draw(st.booleans()), position=position, category=category,
            with_awards=tuple(draw(st.lists(st.sampled_from(others), max_size=1))) if others and category == "danh-hieu" else (),
            prerequisites=tuple(draw(st.lists(prerequisite(), max_size=2))),
        ))
    history, ratings = {}, {}
    for row in rows:
        code = row.subject.code
        history[code] = [
            HistoryAward(subject=code, award=draw(st.sampled_from(CODES + ["X"])), name="", number="1/QĐ", day=None,
                         award_kind=draw(st.sampled_from(["cong-trang", "cong-trang", "chuyen-de", "dot-xuat"])),
                         year=draw(st.integers(YEAR - 4, YEAR - 1)))
            for _ in range(draw(st.integers(0, 8)))
        ]
        ratings[code] = {year: draw(st.sampled_from(RATINGS[:1] * 3 + RATINGS)) for year in range(YEAR - 4, YEAR + 1) if draw(st.integers(0, 6))}
    campaign = Campaign(
        code="nam", name="Năm", kind="thuong-xuyen", plan="1/KH-X", issued=None, start=date(YEAR, 1, 1), end=date(YEAR, 12, 31),
        agency="Sở", parent_agency="", place="", base_salary=2_340_000, awards=tuple(awards),
    )
    return Standings(campaign, Period(date(YEAR, 1, 1), date(YEAR, 12, 31)), rows), history, ratings


@settings(max_examples=400, deadline=None)
@given(year_end())
def test_year_end_rules_agree_with_the_naive_reading(case):
    standings, history, ratings = case
    outcome = decide(standings, Records(history=history, ratings=ratings))
    expected_proposals, expected_ties = naive(standings.campaign.awards, standings.rows, history, ratings)
    assert {(p.award.code, p.subject.code, p.brought_by) for p in outcome.proposals} == expected_proposals
    assert {(t.award.code, frozenset(s.code for s in t.subjects)) for t in outcome.ties} == expected_ties
    # at most one award of each category per subject, besides those brought `with` another
    own = [(p.subject.code, p.award.category) for p in outcome.proposals if p.brought_by is None]
    assert len(own) == len(set(own))
    # every subject of an applicable kind that reached min_score and was not proposed an award is excluded, with a reason
    proposed = {(p.award.code, p.subject.code) for p in outcome.proposals}
    reached = {
        (a.code, r.subject.code) for a in standings.campaign.awards for r in standings.rows
        if a.applies(r.subject.kind) and r.total >= a.min_score
    }
    assert {(e.award.code, e.subject.code) for e in outcome.excluded} == reached - proposed
    assert all(e.text for e in outcome.excluded)


def test_chuyen_de_history_does_not_count_toward_years():
    """The same history counts when công trạng, not when chuyên đề or đột xuất (NĐ 152/2025 Điều 4 k3)."""
    subject = Subject(code="NV1", name="Nguyễn Văn An", kind="individual", gender="nam")
    award = Award(code="CSTDT", name="Chiến sĩ thi đua cấp tỉnh", level=3, applies_to="individual", min_score=Decimal(0),
                  authority="Chủ tịch UBND tỉnh", multiplier=Decimal(3), category="danh-hieu",
                  prerequisites=(Prerequisite(award="CSTDCS", years=2),))
    campaign = Campaign(code="nam", name="Năm", kind="thuong-xuyen", plan="1/KH-X", issued=None, start=date(YEAR, 1, 1),
                        end=date(YEAR, 12, 31), agency="Sở", parent_agency="", place="", base_salary=2_340_000, awards=(award,))
    standings = Standings(campaign, Period(date(YEAR, 1, 1), date(YEAR, 12, 31)),
                          [StandingRow(subject, {}, {}, Decimal(95), 1, None, 1, 0)])

    def held(kind_2021: str) -> Records:
        return Records(history={"NV1": [
            HistoryAward("NV1", "CSTDCS", "Chiến sĩ thi đua cơ sở", "1/QĐ", date(2020, 12, 20)),
            HistoryAward("NV1", "CSTDCS", "Chiến sĩ thi đua cơ sở", "2/QĐ", date(2022, 1, 10), award_kind=kind_2021, year=2021),
        ]})

    assert [p.award.code for p in decide(standings, held("cong-trang")).proposals] == ["CSTDT"]
    for kind in ("chuyen-de", "dot-xuat"):
        outcome = decide(standings, held(kind))
        assert outcome.proposals == []
        said = {"chuyen-de": "theo chuyên đề", "dot-xuat": "đột xuất"}[kind]  # the 2021 title decided in 2022, named
        assert [e.text for e in outcome.excluded] == [
            f"thiếu CSTDCS năm 2021 (năm 2021 chỉ có khen thưởng {said}, không tính vào điều kiện nhiều năm của khen "
            "thưởng công trạng)"]


UNIT_WORDS = ["P1", "p1", " Phòng Một ", "phòng một", "P2", "Phòng Hai", "", None]


@settings(max_examples=200, deadline=None)
@given(units=st.lists(st.sampled_from(UNIT_WORDS), max_size=30),
       collective=st.sampled_from([("P1", "Phòng Một"), ("P2", "Phòng Hai"), ("P1", "P1"), ("Phòng Hai", "P2")]))
def test_the_members_of_a_collective_are_those_the_naive_scan_finds(units, collective):
    """RoundState.members_of looks the collective up in an index of units (scanning everyone for each collective was
    quadratic); it finds the people the rule names — unit equal to the collective's code or name, whatever the case
    and the spaces around — in the standings' order."""
    from thidua_cli.domain.proposals import RoundState

    unit = Subject(code=collective[0], name=collective[1], kind="collective")
    people = [Subject(code=f"N{i}", name=f"Người {i}", kind="individual", unit=u) for i, u in enumerate(units)]
    campaign = Campaign(code="nam", name="Năm", kind="thuong-xuyen", plan="1/KH-X", issued=None, start=date(YEAR, 1, 1),
                        end=date(YEAR, 12, 31), agency="Sở", parent_agency="", place="", base_salary=2_340_000)
    state = RoundState(campaign, Records.from_codes({}), YEAR)
    state.people = people
    wanted = {unit.code.casefold(), unit.name.strip().casefold()}
    naive_members = [p for p in people if (p.unit or "").strip() and (p.unit or "").strip().casefold() in wanted]
    assert state.members_of(unit) == naive_members
