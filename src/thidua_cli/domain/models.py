"""Plain, immutable domain records. Points are integer hundredths."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

def build_frozen(cls, values: dict):
    """A frozen dataclass instance from ALL its field values, without running `__init__`.

    Seven times cheaper than the generated `__init__` (which sets each field
    through `object.__setattr__`), for the bulk rows of a big ledger: 20,000
    subjects and standings rows. Only for classes without `__post_init__`; the
    instance is still frozen and equal to one built by `__init__` (tested)."""
    instance = object.__new__(cls)
    instance.__dict__.update(values)
    return instance


INDIVIDUAL = "individual"
COLLECTIVE = "collective"
KINDS = (COLLECTIVE, INDIVIDUAL)
KIND_LABELS = {INDIVIDUAL: "cá nhân", COLLECTIVE: "tập thể"}


@dataclass(frozen=True)
class Criterion:
    code: str
    name: str
    applies_to: str  # individual | collective | both
    max_points: int | None = None  # hundredths
    min_points: int | None = None  # hundredths
    weight: Decimal = Decimal(1)
    description: str = ""
    initiative: bool = False
    penalty: bool = False
    position: int = 0

    def applies(self, kind: str) -> bool:
        return self.applies_to in ("both", kind)

    def clamp(self, raw: int) -> int:
        if self.max_points is not None and raw > self.max_points:
            return self.max_points
        if self.min_points is not None and raw < self.min_points:
            return self.min_points
        return raw


@dataclass(frozen=True)
class Tier:
    name: str
    min_score: Decimal
    applies_to: str = "both"

    def applies(self, kind: str) -> bool:
        return self.applies_to in ("both", kind)


DANH_HIEU = "danh-hieu"  # danh hiệu thi đua (LĐTT, CSTĐCS, TTLĐTT …)
HINH_THUC = "hinh-thuc"  # hình thức khen thưởng (Giấy khen, Bằng khen …)
CATEGORIES = (DANH_HIEU, HINH_THUC)


@dataclass(frozen=True)
class Prerequisite:
    """One item of an award's `requires` (SPEC §4).

    A plain code is `Prerequisite(award=code)` (held at any time). A table counts years: the
    award held, or the rating given, in each of the `years` calendar years before the year in
    which the round's period ends (and that year too with `this_year`), all after the year the
    subject received `after`. Only công trạng history counts toward years (NĐ 152 Điều 4 k3)."""

    award: str | None = None
    rating: str | None = None
    years: int = 0  # 0: held at any time
    after: str | None = None
    this_year: bool = False
    applies_to: str = "both"  # requires → both; requires_individual / requires_collective → one kind
    # `{ initiative = true }`: a live entry with points in an `initiative` criterion in the round's period
    # (Luật TĐKT 2022 Điều 23: CSTĐCS needs a recognised sáng kiến)
    initiative: bool = False
    # a collective's members (individuals whose unit is the collective) in the round's year: `members` = an award
    # code they hold (proposed in the round, or granted for that year), `members_rating` = a rating at least; with
    # one bound: `more_than_percent`, `percent` (at least), `at_least` (a count). Luật TĐKT 2022 Điều 27, 28.
    members: str | None = None
    members_rating: str | None = None
    more_than_percent: Decimal | None = None
    percent: Decimal | None = None
    at_least: int | None = None
    # no disciplinary measure of this form or heavier (domain.discipline) in the round's year: `no_discipline` on the
    # subject itself, `members_no_discipline` on any member of a collective (Luật TĐKT 2022 Điều 27, 28: "không có cá
    # nhân bị kỷ luật từ hình thức cảnh cáo trở lên")
    no_discipline: str | None = None
    members_no_discipline: str | None = None

    @property
    def on_members(self) -> bool:
        return self.members is not None or self.members_rating is not None or self.members_no_discipline is not None


@dataclass(frozen=True)
class CouncilMember:
    name: str
    title: str = ""
    role: str = ""  # chủ tịch | phó chủ tịch | thư ký | ủy viên …


@dataclass(frozen=True)
class Award:
    code: str
    name: str
    level: int
    applies_to: str
    min_score: Decimal
    authority: str
    multiplier: Decimal
    collective_multiplier: Decimal | None = None
    quota_percent: Decimal | None = None
    max_count: int | None = None
    requires_no_penalty: bool = False
    requires: tuple[str, ...] = ()
    vote_threshold: Decimal | None = None
    agency_decides: bool = False
    position: int = 0
    category: str = HINH_THUC
    with_awards: tuple[str, ...] = ()  # danh hiệu granted together with this one (CSTĐCS brings LĐTT)
    prerequisites: tuple[Prerequisite, ...] = ()  # every item of requires / requires_individual / requires_collective
    requires_registration: bool = False  # proposed only to subjects with an approved đăng ký thi đua

    def applies(self, kind: str) -> bool:
        return self.applies_to in ("both", kind)

    def multiplier_for(self, kind: str) -> Decimal:
        if kind == COLLECTIVE:
            return self.collective_multiplier if self.collective_multiplier is not None else 2 * self.multiplier
        return self.multiplier


# Biểu 0601.N: phạm vi tổ chức thi đua, and cấp chủ trì phát động thi đua (its columns 2, 3, 4).
SCOPES = {
    "toan-quoc": "Toàn quốc",
    "bo-nganh-dia-phuong": "Bộ, ban, ngành đoàn thể, địa phương",
    "cum-khoi": "Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng các cấp tổ chức",
    "co-quan-don-vi": "Cơ quan, tổ chức, đơn vị",
}
LAUNCH_LEVELS = {
    "trung-uong": "Cấp Trung ương (Hội đồng Thi đua - Khen thưởng Trung ương)",
    "bo-tinh": "Cấp bộ, ban ngành đoàn thể trung ương, tỉnh, thành phố trực thuộc Trung ương",
    "co-quan": "Cơ quan, tổ chức, đơn vị",
}


@dataclass(frozen=True)
class BaseSalary:
    start: date
    amount: int


def campaign_phrase(name: str) -> str:
    """How the documents name a campaign mid-sentence: 'phong trào thi đua “Dân vận khéo”'; a name that says
    "Phong trào thi đua …" itself ("Phong trào thi đua thường xuyên năm 2026", what `campaign init` offers) is not
    put in quotes after the same words again ('phong trào thi đua “Phong trào thi đua …”'); a name that is itself a
    call to emulate ("Thi đua đổi mới, sáng tạo trong dạy và học") is 'phong trào “Thi đua …”', not 'phong trào thi
    đua “Thi đua …”'."""
    from thidua_cli.domain.vntext import fold_key

    def starts(words: str) -> bool:
        return fold_key(name[:len(words)]) == words and (len(name) == len(words) or not name[len(words)].isalnum())

    name = " ".join(name.split())
    for words, written in (("phong trao thi dua", "phong trào thi đua"), ("phong trao", "phong trào")):
        if starts(words):
            return written + name[len(words):]
    if starts("thi dua"):
        return f"phong trào “{name}”"
    return f"phong trào thi đua “{name}”"


@dataclass(frozen=True)
class Campaign:
    code: str
    name: str
    kind: str
    plan: str
    issued: date | None
    start: date
    end: date
    agency: str
    parent_agency: str
    place: str
    base_salary: int
    criteria: tuple[Criterion, ...] = ()
    tiers: tuple[Tier, ...] = ()
    awards: tuple[Award, ...] = ()
    base_salaries: tuple[BaseSalary, ...] = ()
    agency_short: str = ""
    rules: str = ""
    rounding: str = "up"
    office: str = ""
    signer_title: str = ""
    signer_name: str = ""
    council_chair: str = ""
    council_secretary: str = ""
    council_members: int | None = None
    recipients: tuple[str, ...] = ()
    legal_basis: tuple[str, ...] = ()
    id: int | None = None
    on_vote_failure: str = "next-lower"  # next-lower | none
    numbering: str = "blank"  # blank | register
    council: tuple[CouncilMember, ...] = ()
    # TT 02/2023/TT-BNV biểu 0601.N: phạm vi tổ chức thi đua and cấp chủ trì phát động (SCOPES, LAUNCH_LEVELS)
    scope: str = "co-quan-don-vi"
    launch_level: str = "co-quan"

    def criterion(self, code: str) -> Criterion | None:
        wanted = code.strip().casefold()
        return next((c for c in self.criteria if c.code.casefold() == wanted), None)

    def award(self, code: str) -> Award | None:
        wanted = code.strip().casefold()
        return next((a for a in self.awards if a.code.casefold() == wanted), None)

    def brought_with(self, award: Award) -> tuple[str, ...]:
        """The danh hiệu `award` brings `with` it and those they bring in turn (the CSTĐ cấp tỉnh brings the CSTĐCS,
        which brings the LĐTT): granted only together, so a file naming only the next one down means them all."""
        found: list[str] = []
        seen = {award.code.casefold()}
        waiting = list(award.with_awards)
        while waiting:
            code = waiting.pop(0)
            if code.casefold() in seen:
                continue
            seen.add(code.casefold())
            found.append(code)
            partner = self.award(code)
            if partner is not None:
                waiting.extend(partner.with_awards)
        return tuple(found)

    @property
    def phrase(self) -> str:
        return campaign_phrase(self.name)

    def signer_named(self, title: str) -> str:
        """The name under the agency's signature: `signer_name`, else the one council member whose title is the
        signer's (the "Giám đốc Sở" of [[council]] for "GIÁM ĐỐC"; not a deputy's), else none (a blank to fill)."""
        if self.signer_name:
            return self.signer_name
        from thidua_cli.domain.vntext import fold_key

        head = fold_key(title)
        found = [m.name for m in self.council if head and fold_key(m.title).startswith(head)]
        return found[0] if len(found) == 1 else ""

    def salary_on(self, day: date | None) -> int:
        """Base salary in force on `day` (NĐ 152 Điều 49: the decision date)."""
        if day is None or not self.base_salaries:
            return self.base_salary
        in_force = [s for s in self.base_salaries if s.start <= day]
        if not in_force:
            return self.base_salary
        return max(in_force, key=lambda s: s.start).amount


# The details a báo cáo thành tích (NĐ 152 Phụ lục) needs, kept in `subject.details` (JSON):
# field → its Vietnamese label. Individuals: sơ lược lý lịch; collectives: đặc điểm, tình hình.
SUBJECT_DETAIL_FIELDS = {
    "birth_date": "Ngày, tháng, năm sinh",
    "hometown": "Quê quán",
    "residence": "Nơi thường trú",
    "ethnicity": "Dân tộc",
    "education": "Trình độ chuyên môn, nghiệp vụ",
    "political_theory": "Trình độ lý luận chính trị",
    "party_position": "Chức vụ Đảng, đoàn thể",
    "joined": "Ngày vào cơ quan",
    "functions": "Chức năng, nhiệm vụ",
    "structure": "Cơ cấu tổ chức",
    "staff_count": "Số cán bộ, công chức, viên chức, người lao động",
    "party_org": "Tổ chức Đảng, đoàn thể",
    "head": "Thủ trưởng đơn vị",
    "facilities": "Cơ sở vật chất",
}


@dataclass(frozen=True)
class Subject:
    code: str
    name: str
    kind: str
    unit: str | None = None
    position: str | None = None
    gender: str | None = None  # "nam" | "nữ" for individuals
    female_percent: Decimal | None = None
    blocked: bool = False
    block_reason: str | None = None
    active: bool = True
    id: int | None = None
    details: dict = field(default_factory=dict, compare=False, hash=False)  # SUBJECT_DETAIL_FIELDS → text

    @property
    def female(self) -> bool:
        """NĐ 152 Điều 4 k6: female individuals, collectives with ≥ 70% women."""
        if self.kind == INDIVIDUAL:
            return self.gender == "nữ"
        return self.female_percent is not None and self.female_percent >= 70


@dataclass(frozen=True)
class Entry:
    id: int
    campaign: str
    subject: str
    criterion: str
    day: date
    points: int  # hundredths
    note: str = ""
    evidence: str = ""
    recorded_by: str = ""
    recorded_at: datetime | None = None
    voided: bool = False
    void_reason: str | None = None


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str = ""

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass
class HistoryAward:
    subject: str
    award: str
    name: str
    number: str
    day: date | None
    issuer: str = ""
    source: str = "manual"
    round: int | None = None
    amount: int | None = None
    extra: dict = field(default_factory=dict)
    category: str = "hinh-thuc"  # danh-hieu | hinh-thuc
    award_kind: str = "cong-trang"  # loại hình: only công trạng counts toward chains over years
    year: int | None = None  # the year the award is for; None: the decision date's year

    @property
    def for_year(self) -> int | None:
        return self.year if self.year is not None else (self.day.year if self.day else None)
