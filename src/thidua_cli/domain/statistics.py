"""The year's TĐKT statistics on the Nội vụ forms of Thông tư 02/2023/TT-BNV (pure).

- Biểu 0601.N/BNV-TĐKT, số phong trào thi đua: the campaigns launched in the year (their `issued` date,
  else their start), by phạm vi (`scope`), thời hạn (start to end) and phương thức (`kind`), in the
  columns of the cấp chủ trì phát động (`launch_level`).
- Biểu 0602.N/BNV-TĐKT, khen thưởng cấp Nhà nước, and 0603.N/BNV-TĐKT, khen thưởng cấp bộ, cấp tỉnh:
  the award history decided in the year (the decision's date, else the year the award is for), by
  hình thức (from the award's name), đối tượng (tập thể, hộ gia đình, cá nhân by position) and loại hình
  (`award_kind`). Awards of the cơ sở level (Giấy khen, Lao động tiên tiến, Chiến sĩ thi đua cơ sở …) are in
  neither form: they are counted apart as `outside`, so that every row of the year is accounted for.

Every cell keeps the ledger rows behind it (`cells[(row, column)]`), so `--explain` lists them and the
totals are counted, not typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from thidua_cli.domain.formats import format_date
from thidua_cli.domain.models import COLLECTIVE, LAUNCH_LEVELS, SCOPES, Campaign
from thidua_cli.domain.vntext import fold_key

CIRCULAR = "Thông tư số 02/2023/TT-BNV ngày 23/3/2023"
RECEIVED = "Ngày 15 tháng 12 năm báo cáo"


@dataclass(frozen=True)
class FormColumn:
    key: str  # "1", "2a" …: what --explain names
    number: str  # the column's number printed under the header ("1=(2+3+4)", "2")
    header: tuple[str, ...]  # the header from the top level down; equal neighbours are merged


@dataclass(frozen=True)
class FormRow:
    code: str  # mã số ("01"); "" for a group heading
    label: str
    unit: str = ""  # đơn vị tính (column C), where the form has it
    bold: bool = False


@dataclass(frozen=True)
class Source:
    """One ledger row behind a cell: a campaign (0601) or an award_history row (0602, 0603)."""

    ref: str  # "phong trào covid19-stttt" / "khen thưởng số 12" (award_history.id)
    text: str


@dataclass
class StatForm:
    code: str  # "0601.N"
    title: str
    measure: str  # "Phong trào", "" …
    columns: tuple[FormColumn, ...]
    rows: tuple[FormRow, ...]
    has_unit_column: bool = False
    cells: dict[tuple[str, str], list[Source]] = field(default_factory=dict)

    def count(self, row: str, column: str) -> int:
        return len(self.cells.get((row, column), ()))

    def add(self, row: str, columns: list[str], source: Source) -> None:
        for column in columns:
            self.cells.setdefault((row, column), []).append(source)


@dataclass(frozen=True)
class HistoryFact:
    """What the forms need of one award_history row."""

    id: int
    subject: str
    name: str
    kind: str  # individual | collective
    position: str
    award: str
    award_name: str
    award_kind: str
    category: str
    number: str
    day: date | None
    year: int | None


@dataclass
class YearStatistics:
    year: int
    agency: str
    parent_agency: str
    place: str
    forms: tuple[StatForm, ...]
    outside: list[Source]  # the year's awards in neither 0602 nor 0603 (cơ sở level, and danh hiệu such as TTLĐXS)


# --------------------------------------------------------------------------- 0601.N


def duration_row(campaign: Campaign) -> str:
    """Thời hạn thi đua, in months from start to end (both days counted, a part of a month as one): < 12, 12,
    13–35, 36–59, ≥ 60. 26/03/2025 – 25/03/2026 is 12 months; 01/01 – 31/12 too; 26/03/2025 – 10/04/2026 is 13."""
    start, after = campaign.start, campaign.end + timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month + (1 if after.day > start.day else 0)
    if months < 12:
        return "06"
    if months == 12:
        return "07"
    if months < 36:
        return "08"
    if months < 60:
        return "09"
    return "10"


SCOPE_ROWS = {"toan-quoc": "02", "bo-nganh-dia-phuong": "03", "cum-khoi": "04", "co-quan-don-vi": "05"}
LEVEL_COLUMNS = {"trung-uong": "2", "bo-tinh": "3", "co-quan": "4"}


def form_0601(campaigns: list[Campaign], year: int) -> StatForm:
    form = StatForm(
        "0601.N", "SỐ PHONG TRÀO THI ĐUA", "Phong trào",
        columns=(
            FormColumn("1", "1=(2+3+4)", ("Tổng số",)),
            *(FormColumn(key, key, ("Số phong trào thi đua chia theo cấp chủ trì phát động thi đua", LAUNCH_LEVELS[level]))
              for level, key in LEVEL_COLUMNS.items()),
        ),
        rows=(
            FormRow("01", "Tổng số", bold=True),
            FormRow("", "1. Chia theo phạm vi tổ chức thi đua", bold=True),
            *(FormRow(code, f"- {SCOPES[scope]}") for scope, code in SCOPE_ROWS.items()),
            FormRow("", "2. Chia theo thời hạn thi đua", bold=True),
            FormRow("06", "- Dưới 1 năm"), FormRow("07", "- 1 năm"), FormRow("08", "- Từ 1 năm đến dưới 3 năm"),
            FormRow("09", "- Từ 3 năm đến dưới 5 năm"), FormRow("10", "- Từ 5 năm trở lên"),
            FormRow("", "3. Chia theo phương thức tổ chức phong trào thi đua", bold=True),
            FormRow("11", "- Thi đua theo chuyên đề"), FormRow("12", "- Thi đua thường xuyên hàng năm"),
        ),
    )
    for campaign in campaigns:
        launched = campaign.issued or campaign.start
        if launched.year != year:
            continue
        source = Source(f"phong trào {campaign.code}", f"{campaign.code} — {campaign.name} (Kế hoạch số {campaign.plan}, "
                                                         f"từ {format_date(campaign.start)} đến {format_date(campaign.end)})")
        columns = ["1", LEVEL_COLUMNS.get(campaign.launch_level, "4")]
        method = "11" if campaign.kind == "chuyen-de" else "12"
        for row in ("01", SCOPE_ROWS.get(campaign.scope, "05"), duration_row(campaign), method):
            form.add(row, columns, source)
    return form


# --------------------------------------------------------------------------- 0602.N, 0603.N

# Hình thức by the award's name (folded): the first pattern found wins.
STATE_FORMS = (
    ("giai thuong ho chi minh", "gthcm"), ("giai thuong nha nuoc", "gtnn"),
    ("huan chuong", "hc"), ("huy chuong", "hc"),
    ("anh hung", "vd"), ("nha giao nhan dan", "vd"), ("nha giao uu tu", "vd"), ("thay thuoc nhan dan", "vd"),
    ("thay thuoc uu tu", "vd"), ("nghe si nhan dan", "vd"), ("nghe si uu tu", "vd"), ("nghe nhan nhan dan", "vd"),
    ("nghe nhan uu tu", "vd"), ("ba me viet nam anh hung", "vd"),
    ("co thi dua cua chinh phu", "co"), ("bang khen cua thu tuong", "bk"), ("chien si thi dua toan quoc", "cstd"),
)
PROVINCE_FORMS = (
    ("chien si thi dua cap bo", "cstd"), ("chien si thi dua cap tinh", "cstd"), ("chien si thi dua bo", "cstd"),
    ("chien si thi dua tinh", "cstd"),
    ("co thi dua", "co"), ("ky niem chuong", "knc"), ("huy hieu", "knc"), ("bang khen", "bk"),
)
STATE_COLUMNS = (  # (key, column number, header path, who)
    ("2a", "2", ("Chia ra", "Các loại huân chương, huy chương", "Tập thể"), COLLECTIVE),
    ("2b", "2", ("Chia ra", "Các loại huân chương, huy chương", "Cá nhân"), "individual"),
    ("3", "3", ("Chia ra", "Giải thưởng Hồ Chí Minh", "Cá nhân"), "individual"),
    ("4", "4", ("Chia ra", "Giải thưởng Nhà nước", "Cá nhân"), "individual"),
    ("5a", "5", ("Chia ra", "Danh hiệu vinh dự nhà nước", "Tập thể"), COLLECTIVE),
    ("5b", "5", ("Chia ra", "Danh hiệu vinh dự nhà nước", "Cá nhân"), "individual"),
    ("6", "6", ("Chia ra", "Cờ thi đua của Chính phủ", "Tập thể"), COLLECTIVE),
    ("7a", "7", ("Chia ra", "Bằng khen của Thủ tướng Chính phủ", "Tập thể"), COLLECTIVE),
    ("7b", "7", ("Chia ra", "Bằng khen của Thủ tướng Chính phủ", "Cá nhân"), "individual"),
    ("8", "8", ("Chia ra", "Chiến sĩ thi đua toàn quốc", "Cá nhân"), "individual"),
    ("9a", "9", ("Chia ra", "Các hình thức khen thưởng khác", "Tập thể"), COLLECTIVE),
    ("9b", "9", ("Chia ra", "Các hình thức khen thưởng khác", "Cá nhân"), "individual"),
)
STATE_COLUMN_OF = {"hc": "2", "gthcm": "3", "gtnn": "4", "vd": "5", "co": "6", "bk": "7", "cstd": "8"}
PROVINCE_COLUMNS = (
    ("2", "2", ("Chia ra", "Bằng khen")),
    ("3", "3", ("Chia ra", "Chiến sĩ thi đua cấp bộ, cấp tỉnh")),
    ("4", "4", ("Chia ra", "Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương")),
    ("5", "5", ("Chia ra", "Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc "
                           "Trung ương")),
)
PROVINCE_COLUMN_OF = {"bk": "2", "cstd": "3", "co": "4", "knc": "5"}

RECIPIENT_ROWS = (  # (label, unit, key)
    ("- Tập thể", "Tập thể", "tap-the"), ("Trong đó: Doanh nghiệp", "Doanh nghiệp", "doanh-nghiep"),
    ("- Hộ gia đình", "Hộ", "ho"), ("- Cá nhân", "Người", "ca-nhan"),
    ("+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên", "Người", "lanh-dao-bo-tinh"),
    ("+ Lãnh đạo cấp vụ, sở, ngành và tương đương", "Người", "lanh-dao-so"),
    ("+ Doanh nhân", "Người", "doanh-nhan"),
    ("+ Các cấp lãnh đạo khác từ phó phòng trở lên", "Người", "lanh-dao-khac"),
    ("+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu (công nhân, nông dân,...)", "Người",
     "truc-tiep"),
)
METHOD_ROWS = (  # loại hình (award_kind) → row label
    ("cong-trang", "- Thường xuyên"), ("chuyen-de", "- Chuyên đề"), ("dot-xuat", "- Đột xuất"), ("doi-ngoai", "- Đối ngoại"),
    ("cong-hien", "- Cống hiến."), ("nien-han", "- Niên hạn"), ("khang-chien", "- Kháng chiến"),
)

# Positions (folded), most senior first: who an individual counts as in rows "+ …".
_LEADERS = (
    ("lanh-dao-bo-tinh", ("bo truong", "thu truong", "chu tich ubnd tinh", "pho chu tich ubnd tinh", "bi thu tinh uy",
                          "pho bi thu tinh uy", "chu tich hdnd tinh", "pho chu tich hdnd tinh")),
    ("doanh-nhan", ("tong giam doc", "giam doc cong ty", "chu tich hoi dong quan tri", "chu doanh nghiep", "chu tich hdqt")),
    ("lanh-dao-so", ("giam doc so", "pho giam doc so", "vu truong", "pho vu truong", "cuc truong", "pho cuc truong")),
    ("lanh-dao-khac", ("truong phong", "pho truong phong", "chanh van phong", "pho chanh van phong", "chanh thanh tra",
                       "pho chanh thanh tra", "giam doc trung tam", "pho giam doc trung tam", "truong ban", "pho truong ban",
                       "hieu truong", "pho hieu truong", "truong khoa", "pho truong khoa", "chu tich", "pho chu tich",
                       "chi cuc truong", "pho chi cuc truong")),
)
_AGENCY_HEADS = ("giam doc", "pho giam doc")  # of the Sở itself: "Phó Giám đốc" with no unit after it


def recipient_rows(fact: HistoryFact) -> list[str]:
    """The rows of "Chia theo đối tượng khen thưởng" one award counts in."""
    if fact.kind == COLLECTIVE:
        name = fold_key(fact.name)
        if name.startswith(("ho ", "gia dinh ")):
            return ["ho"]
        if name.startswith(("cong ty", "tong cong ty", "doanh nghiep", "hop tac xa")):
            return ["tap-the", "doanh-nghiep"]
        return ["tap-the"]
    position = fold_key(fact.position or "")
    if position in _AGENCY_HEADS:
        return ["ca-nhan", "lanh-dao-so"]
    for key, titles in _LEADERS:
        if any(position.startswith(title) for title in titles):
            return ["ca-nhan", key]
    return ["ca-nhan", "truc-tiep"]


def award_class(name: str, patterns) -> str | None:
    folded = fold_key(name)
    return next((key for pattern, key in patterns if pattern in folded), None)


def _award_rows(start: int, first_group: tuple[str, ...], with_issuer: bool) -> tuple[list[FormRow], dict[str, str]]:
    """The rows of 0602/0603 from "Tổng số" on, numbered from `start`, and key → mã số."""
    rows = [FormRow("01", "Tổng số", bold=True)]
    codes = {"tong": "01"}
    number = start
    if with_issuer:
        rows.append(FormRow("", "1. Chia theo đơn vị ban hành tờ trình Thủ tướng Chính phủ về khen thưởng", bold=True))
        for label, unit, key in (("- Bộ, ban, ngành, đoàn thể Trung ương", "Bộ, ngành", "bo-nganh"),
                                 ("- Tỉnh, thành phố trực thuộc Trung ương", "Tỉnh,TP", "tinh")):
            code = f"{number:02d}"
            rows.append(FormRow(code, label, unit))
            codes[key] = code
            number += 1
        number += 2  # the form numbers the next group from 06
    rows.append(FormRow("", first_group[0], bold=True))
    for label, unit, key in RECIPIENT_ROWS:
        code = f"{number:02d}"
        rows.append(FormRow(code, label, unit))
        codes[key] = code
        number += 1
    rows.append(FormRow("", first_group[1], bold=True))
    for key, label in METHOD_ROWS:
        code = f"{number:02d}"
        rows.append(FormRow(code, label))
        codes[key] = code
        number += 1
    return rows, codes


def _history_source(fact: HistoryFact) -> Source:
    from thidua_cli.domain.history_terms import AWARD_KIND_LABELS

    when = f"ngày {format_date(fact.day)}" if fact.day else (f"năm {fact.year}" if fact.year else "ngày ?")
    kind = AWARD_KIND_LABELS.get(fact.award_kind, fact.award_kind)
    return Source(f"khen thưởng số {fact.id}", f"{fact.subject} — {fact.name}: {fact.award_name or fact.award} ({fact.award}), "
                                              f"quyết định {fact.number or '?'} {when}, loại hình {kind}")


def form_0602(facts: list[HistoryFact], through_province: bool) -> StatForm:
    rows, codes = _award_rows(2, ("2. Chia theo đối tượng khen thưởng", "3. Chia theo phương thức khen thưởng"), True)
    form = StatForm(
        "0602.N", "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC", "",
        columns=(FormColumn("1", "1", ("Tổng số",)), *(FormColumn(key, number, header) for key, number, header, _ in STATE_COLUMNS)),
        rows=tuple(rows), has_unit_column=True,
    )
    for fact in facts:
        kind = award_class(fact.award_name or fact.award, STATE_FORMS)
        if kind is None:
            continue
        number = STATE_COLUMN_OF[kind]
        column = next((key for key, num, _, who in STATE_COLUMNS if num == number and who == fact.kind), None)
        if column is None:  # a form the table has for the other kind only (Cờ for a person …): "khác"
            column = "9a" if fact.kind == COLLECTIVE else "9b"
        source = _history_source(fact)
        for key in ["tong", "tinh" if through_province else "bo-nganh", *recipient_rows(fact), fact.award_kind]:
            if key in codes:
                form.add(codes[key], ["1", column], source)
    return form


def form_0603(facts: list[HistoryFact]) -> StatForm:
    rows, codes = _award_rows(2, ("1. Chia theo đối tượng khen thưởng", "2. Chia theo phương thức khen thưởng"), False)
    form = StatForm(
        "0603.N", "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG", "",
        columns=(FormColumn("1", "1", ("Tổng số",)), *(FormColumn(key, number, header) for key, number, header in PROVINCE_COLUMNS)),
        rows=tuple(rows), has_unit_column=True,
    )
    for fact in facts:
        if award_class(fact.award_name or fact.award, STATE_FORMS) is not None:
            continue
        kind = award_class(fact.award_name or fact.award, PROVINCE_FORMS)
        if kind is None:
            continue
        source = _history_source(fact)
        for key in ["tong", *recipient_rows(fact), fact.award_kind]:
            if key in codes:
                form.add(codes[key], ["1", PROVINCE_COLUMN_OF[kind]], source)
    return form


def decided_in(fact: HistoryFact, year: int) -> bool:
    return fact.day.year == year if fact.day else fact.year == year


def build_statistics(year: int, campaigns: list[Campaign], facts: list[HistoryFact], agency: str, parent: str, place: str) -> YearStatistics:
    """The three forms for `year`; the awards in neither (cơ sở level, TTLĐXS …) are listed in `outside`."""
    of_year = [fact for fact in facts if decided_in(fact, year)]
    through_province = any(word in fold_key(parent) for word in ("ubnd", "tinh", "thanh pho", "uy ban nhan dan"))
    forms = (form_0601(campaigns, year), form_0602(of_year, through_province), form_0603(of_year))
    counted = {source.ref for form in forms[1:] for source in form.cells.get(("01", "1"), ())}
    outside = [source for source in map(_history_source, of_year) if source.ref not in counted]
    return YearStatistics(year, agency, parent, place, forms, outside)


def parse_cell(text: str) -> tuple[str, str, str]:
    """"0603:05:2" (biểu, mã số, cột) → ("0603.N", "05", "2"); raises ValueError with the reason in Vietnamese."""
    parts = [part.strip() for part in text.replace("/", ":").split(":")]
    if len(parts) != 3 or not all(parts):
        raise ValueError("viết BIỂU:MÃ_SỐ:CỘT, ví dụ 0603:05:2 (biểu 0603.N, dòng mã số 05, cột 2)")
    form = parts[0].upper().removesuffix(".N")
    row = parts[1].zfill(2) if parts[1].isdigit() else parts[1]
    return f"{form}.N", row, parts[2].lower()
