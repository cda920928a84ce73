"""What each kind of input file holds: its fields and the headers offices write for them.

One declarative table per file kind (subjects, entries, award history, council votes …);
the readers (`services/readers.py`) match a file's headers against it on the folded key
(`header_key`: case, diacritics, punctuation and spaces ignored), so "Nội dung thành tích",
"NOI DUNG THANH TICH" and "nội dung  thành tích:" are one header. To add a kind, declare a
`FileKind` and put it in `FILE_KINDS`; nothing else needs to know its headers.

- `headers`: what offices write for the field, as they write it (the English field name is
  always accepted too).
- `fallback`: headers taken only when none of `headers` is in the file: "Ghi chú" is the
  note of an entries file that has no "Nội dung" column, and an unused column beside one;
  "Thời gian" the date of one that has no "Ngày" column.
- `required`: each item is a group of fields of which the file must have at least one
  (an entry's subject may be given by its code or by its name).
- `expected`: optional fields whose absence is worth saying when the file has a column
  nothing uses (probably that field under a header of the office's own).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from thidua_cli.domain.models import SUBJECT_DETAIL_FIELDS
from thidua_cli.domain.vntext import fold_key

_NOT_WORD = re.compile(r"[^0-9a-z%]+")


def header_key(text: str | None) -> str:
    """"Tỷ lệ nữ (%)" → "ty le nu %": folded, punctuation and spaces collapsed to one space."""
    return _NOT_WORD.sub(" ", fold_key(text)).strip()


@dataclass(frozen=True)
class Column:
    field: str
    label: str  # how messages name the field: "nội dung thành tích"
    headers: tuple[str, ...] = ()
    fallback: tuple[str, ...] = ()
    missing_hint: str = ""  # what to do when a file has no column for the field, beside naming it with --column


@dataclass(frozen=True)
class FileKind:
    name: str  # "entries"
    label: str  # "mục ghi": "tệp mục ghi"
    columns: tuple[Column, ...]
    required: tuple[tuple[str, ...], ...]
    expected: tuple[str, ...] = ()
    identity: tuple[str, ...] = ("subject", "subject_name")  # who a row is about: all blank on a "Tổng cộng" row
    # a header none of `headers` is, told by its words (a registration's tick column "Bằng khen UBND" is the
    # campaign's "Bằng khen của Chủ tịch UBND tỉnh"): the field, or None
    guess: Callable[[str], str | None] | None = None
    # (field, instead): a column of `field` read as `instead` when the file has no column of `identity` — the
    # "Đơn vị" of a list of units' own entries names them, as a name column would
    stands_in: tuple[tuple[str, str], ...] = ()

    def column(self, field: str) -> Column:
        return next(c for c in self.columns if c.field == field)

    def fields(self) -> tuple[str, ...]:
        return tuple(c.field for c in self.columns)

    def not_requiring(self, field: str) -> FileKind:
        """The kind with `field` optional: an option (--kind, --year) gives it to the rows that lack it."""
        return replace(self, required=tuple(group for group in self.required if group != (field,)))

    def lookup(self) -> tuple[dict[str, str], dict[str, str]]:
        """(header key → field for `headers`, header key → field for `fallback`)."""
        strong = {header_key(c.field): c.field for c in self.columns}
        for column in self.columns:
            strong.update({header_key(h): column.field for h in column.headers})
        weak = {header_key(h): c.field for c in self.columns for h in c.fallback}
        return strong, weak

    def field_for(self, text: str) -> str | None:
        """The field `text` names: its own name, its label or one of its headers (for --column)."""
        key = header_key(text)
        for column in self.columns:
            if key in {header_key(column.field), header_key(column.label)}:
                return column.field
        strong, weak = self.lookup()
        return strong.get(key) or weak.get(key)

    def describe(self, field: str) -> str:
        return f"{self.column(field).label} ({field})"


# headers read only as written (or typed without marks): folded, "Năm" (a year) would be "Nam" (men's birth years)
EXACT_HEADERS = {header_key(h): h.casefold() for h in ("Nam", "Nữ")}

# a sheet's own row numbers: never data of any field
ROW_NUMBER_HEADERS = ("STT", "Số TT", "TT", "Số thứ tự")

_CODE = ("Mã", "Mã số", "Mã đối tượng", "Mã cán bộ", "Mã CB", "Mã đơn vị",
         # as staff registers and HR software head it
         "Mã nhân viên", "Mã NV", "MSNV", "MSCB", "Mã số cán bộ", "Mã CBCC", "Mã CBCCVC", "Mã công chức",
         "Mã viên chức", "Mã cá nhân", "Mã tập thể", "Mã định danh")
_SUBJECT_CODE = _CODE + ("Đối tượng",)  # in a file of entries, awards or votes: the code, or a name
# a person's name or a unit's, in one column: "Họ và tên / Tên đơn vị", "Họ tên/Đơn vị", "Tên cá nhân, tập thể" (the
# separator is no part of the key); "Cá nhân / tập thể" alone is the kind column of a list of subjects, not a name
# a person's unit: in a list of subjects, the unit they count toward; in a file of entries, awards, ratings or
# registrations, what tells two alike names apart ("Tên đơn vị" there too: the name of a list of units)
_UNIT = ("Đơn vị", "Phòng", "Đơn vị công tác", "Phòng ban", "Thuộc đơn vị")
_ROW_UNIT = Column("unit", "đơn vị", (*_UNIT, "Tên đơn vị", "Phòng, đơn vị", "Phòng, ban"))
_PERSON_NAME = ("Họ và tên", "Họ tên", "Tên cá nhân")
_UNIT_NAME = ("Tên đơn vị", "Đơn vị", "Tên tập thể", "Tập thể")
_SUBJECT_NAME = ("Họ và tên", "Họ tên", "Tên", "Tên tập thể", "Tên đối tượng",
                 *(f"{person} / {unit}" for person in _PERSON_NAME for unit in _UNIT_NAME),
                 *(f"{unit} / {person}" for unit in ("Tên đơn vị", "Tên tập thể") for person in (*_PERSON_NAME, "cá nhân")))

# The báo cáo thành tích's details (domain.models.SUBJECT_DETAIL_FIELDS), as offices head them.
_DETAIL_HEADERS = {
    "birth_date": ("Ngày sinh", "Ngày, tháng, năm sinh", "Ngày tháng năm sinh", "Năm sinh", "Sinh ngày"),
    "hometown": ("Quê quán", "Nguyên quán"),
    "residence": ("Nơi thường trú", "Thường trú", "Nơi ở hiện nay", "Chỗ ở hiện nay", "Địa chỉ thường trú", "Nơi ở"),
    "ethnicity": ("Dân tộc",),
    "education": ("Trình độ chuyên môn", "Trình độ chuyên môn, nghiệp vụ", "Trình độ chuyên môn nghiệp vụ", "Chuyên môn",
                  "Trình độ"),
    "political_theory": ("Trình độ lý luận chính trị", "Lý luận chính trị", "LLCT", "Trình độ LLCT"),
    "party_position": ("Chức vụ Đảng, đoàn thể", "Chức vụ Đảng", "Chức vụ đoàn thể", "Chức vụ Đảng, Đoàn thể"),
    "joined": ("Ngày vào cơ quan", "Ngày về cơ quan", "Ngày tuyển dụng", "Ngày vào ngành"),
    "functions": ("Chức năng, nhiệm vụ", "Chức năng nhiệm vụ", "Nhiệm vụ được giao"),
    "structure": ("Cơ cấu tổ chức", "Cơ cấu"),
    "staff_count": ("Số cán bộ, công chức, viên chức, người lao động", "Số cán bộ", "Số lượng cán bộ", "Tổng số cán bộ",
                    "Số CBCCVC", "Số người"),
    "party_org": ("Tổ chức Đảng, đoàn thể", "Tổ chức Đảng", "Tổ chức đoàn thể"),
    "head": ("Thủ trưởng đơn vị", "Thủ trưởng", "Trưởng đơn vị", "Lãnh đạo đơn vị"),
    "facilities": ("Cơ sở vật chất", "Cơ sở vật chất, trang thiết bị", "Trang thiết bị"),
}

SUBJECTS = FileKind(
    name="subjects",
    label="đối tượng",
    columns=(
        Column("code", "mã", _CODE, missing_hint="danh sách chưa có mã thì thêm cột \"Mã\", mỗi đối tượng một mã (ví dụ NV01, "
               "VP — không dùng số thứ tự STT): mã dùng để ghi điểm, khen thưởng, xếp loại"),
        # a list of the Sở's schools and phòng heads their names "Tên đơn vị" (beside "Mã đơn vị"); beside a "Họ và tên"
        # column it is not the name (named unused)
        Column("name", "họ và tên / tên tập thể", _SUBJECT_NAME, fallback=("Tên đơn vị",)),
        # staff lists often split the name: "Họ và tên đệm" | "Tên"; the two make the name
        Column("surname", "họ và tên đệm", ("Họ và tên đệm", "Họ đệm", "Họ và chữ đệm", "Họ, tên đệm", "Họ")),
        Column("kind", "loại (cá nhân / tập thể)", ("Loại", "Phân loại", "Loại đối tượng", "Cá nhân / tập thể"),
               missing_hint="mọi dòng cùng một loại thì thêm --kind ca-nhan (hoặc --kind tap-the)"),
        Column("unit", "đơn vị", _UNIT),
        # the forms' one column "Chức vụ, đơn vị công tác" ("Chuyên viên Văn phòng"): kept whole as the position
        Column("position", "chức vụ", ("Chức vụ", "Chức danh", "Chức vụ, chức danh", "Chức vụ chính quyền"),
               fallback=("Chức vụ, đơn vị công tác", "Chức vụ, đơn vị", "Chức vụ và đơn vị công tác")),
        Column("gender", "giới tính", ("Giới tính", "Giới", "Nam/Nữ", "Nam / Nữ")),
        Column("female_percent", "tỷ lệ nữ", ("Tỷ lệ nữ", "Tỉ lệ nữ", "Tỷ lệ nữ (%)", "Tỉ lệ nữ (%)", "% nữ")),
        *(Column(field, label[0].lower() + label[1:], _DETAIL_HEADERS[field]) for field, label in SUBJECT_DETAIL_FIELDS.items()),
        # the form's "Năm sinh" merged over "Nam" | "Nữ": the birth date written under the person's gender
        Column("birth_male", "năm sinh (cột Nam)", ("Nam", "Năm sinh Nam", "Ngày sinh Nam")),
        Column("birth_female", "năm sinh (cột Nữ)", ("Nữ", "Năm sinh Nữ", "Ngày sinh Nữ")),
    ),
    required=(("code",), ("name",), ("kind",)),
    identity=("code", "name"),
)

ENTRIES = FileKind(
    name="entries",
    label="mục ghi",
    columns=(
        # "Thời gian" heads the date where the sheet has no "Ngày" column; beside one, it is some other time (named unused)
        Column("date", "ngày", ("Ngày", "Ngày đạt được", "Ngày ghi nhận", "Ngày đạt", "Ngày, tháng", "Ngày, tháng, năm",
                                "Ngày tháng năm ghi nhận", "Ngày công nhận"),
               fallback=("Thời gian", "Thời gian ghi nhận", "Thời gian đạt được", "Thời điểm", "Thời điểm ghi nhận")),
        Column("subject", "mã đối tượng", _SUBJECT_CODE),
        Column("subject_name", "họ và tên / tên tập thể", _SUBJECT_NAME),
        Column("criterion", "tiêu chí", ("Tiêu chí", "Mã tiêu chí")),
        Column("points", "điểm", ("Điểm", "Số điểm", "Điểm đạt được", "Điểm chấm", "Điểm cộng", "Điểm thưởng")),
        # a deduction in a column of its own ("Điểm cộng | Điểm trừ"): 2 (or -2) there is -2 points
        Column("points_minus", "điểm trừ", ("Điểm trừ", "Trừ điểm", "Số điểm trừ", "Điểm bị trừ")),
        Column("note", "nội dung thành tích", ("Nội dung thành tích", "Thành tích", "Nội dung", "Thành tích đạt được",
                                               "Tóm tắt thành tích", "Tên sáng kiến", "Tên sáng kiến, giải pháp",
                                               "Tên đề tài, sáng kiến"), fallback=("Ghi chú",)),
        Column("evidence", "minh chứng", ("Văn bản minh chứng", "Minh chứng", "Căn cứ", "Văn bản", "Số văn bản",
                                         "Tài liệu minh chứng", "Quyết định công nhận", "Số QĐ công nhận",
                                         "Số quyết định công nhận")),
        Column("campaign", "phong trào", ("Phong trào", "Mã phong trào")),
        Column("recorded_by", "người ghi", ("Người ghi", "Người nhập")),
        _ROW_UNIT,
    ),
    required=(("date",), ("subject", "subject_name"), ("criterion",), ("points", "points_minus")),
    expected=("note", "evidence"),
    stands_in=(("unit", "subject_name"),),
)

# An entries table kept one column per criterion ("Ngày | Mã | Họ và tên | TC1 điểm | TC2 điểm"): each cell filled in
# is an entry of the criterion heading its column. The field of such a column is POINTS_OF + the criterion's code.
POINTS_OF = "điểm:"
_CRITERION_HEADER = re.compile(r"^(?:điểm\s+(?:tiêu\s+chí\s+)?)?([a-zđ]{1,6})\s?(\d{1,3}[a-z]?)(?:\s*[(:-]?\s*điểm\s*\)?)?$",
                               re.IGNORECASE)
_LETTERS_HEADER = re.compile(r"^(?:điểm\s+(?:tiêu\s+chí\s+)?([a-zđ]{1,6})|([a-zđ]{1,6})\s*[(:-]?\s*điểm\s*\)?)$", re.IGNORECASE)
# a month's column ("T1" … "T12", "Tháng 3", "Tháng 3/2026"): points of a month, no day, no criterion
_MONTH_HEADER = re.compile(r"^(?:t|th|tháng)\.?\s?(\d{1,2})(?:\s*[/.-]\s*\d{4})?$", re.IGNORECASE)


def month_of_header(text: str) -> int | None:
    """The month a header names ("T3", "Tháng 3/2026" → 3), or None."""
    found = _MONTH_HEADER.match(" ".join(text.split()))
    return int(found[1]) if found and 1 <= int(found[1]) <= 12 else None


def criterion_of_header(text: str) -> str | None:
    """The criterion code a column of points is headed by ("TC1", "TC1 điểm", "Điểm TC1", "TC 1 (điểm)" → "TC1"), or None;
    a month's column ("T3") is none."""
    text = " ".join(text.split())
    found = _CRITERION_HEADER.match(text)
    if found is None:  # a code without digits ("VP") heads a column of points only with the word: "VP điểm", "Điểm VP"
        found = _LETTERS_HEADER.match(text)
        return (found[1] or found[2]).upper() if found else None
    if month_of_header(text) is not None:
        return None
    return (found[1] + found[2]).upper()


def entries_by_criterion(headers: dict[str, tuple[str, ...]]) -> FileKind:
    """The entries kind of a table one column per criterion (`headers`: criterion code → the headers of its column)."""
    return FileKind(
        name="entries",
        label="mục ghi",
        columns=(*(column for column in ENTRIES.columns if column.field not in ("criterion", "points", "points_minus")),
                 *(Column(POINTS_OF + code, f"điểm tiêu chí {code}", texts) for code, texts in headers.items())),
        required=(("date",), ("subject", "subject_name"), tuple(POINTS_OF + code for code in headers)),
        expected=("note", "evidence"),
    )


AWARD_HISTORY = FileKind(
    name="awards",
    label="lịch sử khen thưởng",
    columns=(
        Column("subject", "mã đối tượng", _SUBJECT_CODE),
        Column("subject_name", "họ và tên / tên tập thể", _SUBJECT_NAME),
        Column("award", "khen thưởng (mã hoặc tên)", ("Mã khen thưởng", "Mã hình thức", "Mã danh hiệu", "Khen thưởng",
                                                     "Hình thức / danh hiệu", "Danh hiệu / hình thức")),
        Column("title", "danh hiệu thi đua", ("Danh hiệu", "Danh hiệu thi đua")),
        Column("form", "hình thức khen thưởng", ("Hình thức khen thưởng", "Hình thức")),
        Column("name", "tên khen thưởng", ("Tên hình thức", "Tên khen thưởng", "Tên danh hiệu")),
        Column("number", "số quyết định", ("Số quyết định", "Số QĐ", "Số", "Quyết định số", "Số hiệu quyết định", "Quyết định",
                                           "Số, ngày quyết định", "Số và ngày quyết định", "Số, ngày QĐ", "Số ngày quyết định")),
        Column("date", "ngày quyết định", ("Ngày quyết định", "Ngày QĐ", "Ngày ký", "Ngày", "Ngày ban hành")),
        Column("issuer", "cơ quan ban hành", ("Cơ quan ban hành", "Cấp khen", "Cấp", "Cơ quan", "Nơi cấp",
                                             "Cấp quyết định", "Người ký")),
        Column("kind", "loại hình khen thưởng", ("Loại hình", "Loại hình khen thưởng", "award_kind")),
        Column("year", "năm", ("Năm", "Năm khen thưởng", "Năm được khen")),
        Column("category", "danh hiệu hay hình thức", ("Phân loại", "Loại khen thưởng")),
        # the chức vụ when awarded, which the statistics count by (empty: the one the register holds)
        Column("position", "chức vụ khi được khen", ("Chức vụ", "Chức vụ khi được khen", "Chức vụ khi khen", "Chức danh")),
        # where the record came from, as `awards -o` writes it ("nhập từ tệp"): a record the ledger kept without a
        # decision number (award history by year) is read back as it was kept
        Column("source", "nguồn", ("Nguồn",)),
        _ROW_UNIT,
    ),
    required=(("subject", "subject_name"), ("award", "title", "form")),
    stands_in=(("unit", "subject_name"),),
    expected=("number", "date", "issuer"),
)

# The vote sheet propose-awards writes (render/vote_sheet.py) names each candidate by code and name (the
# name must be the code's); its STT, Đơn vị, Tên hình thức and Ghi chú columns are the tool's own, read back
# as known columns (record-votes does not use them, and does not warn about what it wrote itself).
VOTES = FileKind(
    name="votes",
    label="phiếu bầu",
    columns=(
        Column("subject", "mã đối tượng", _CODE + ("Đối tượng",)),
        Column("name", "họ và tên / tên tập thể", _SUBJECT_NAME),
        Column("award", "mã hình thức", ("Hình thức", "Mã hình thức", "Mã khen thưởng", "Hình thức khen thưởng", "Danh hiệu",
                                          "Hình thức đề nghị", "Mã danh hiệu", "Mã danh hiệu, hình thức")),
        Column("award_name", "tên hình thức", ("Tên hình thức", "Tên khen thưởng", "Tên danh hiệu",
                                               "Danh hiệu thi đua, hình thức khen thưởng")),
        Column("votes", "số phiếu đồng ý", ("votes_for", "yes", "for", "Số phiếu", "Phiếu", "Số phiếu đồng ý",
                                            "Phiếu đồng ý", "Đồng ý", "Số phiếu tán thành", "Tán thành")),
        Column("order", "số thứ tự", ROW_NUMBER_HEADERS),
        Column("unit", "đơn vị", _UNIT),  # tells two alike names apart, as in every import
        Column("note", "ghi chú", ("Ghi chú",)),
    ),
    required=(("votes",),),  # the code or the name: record-votes says which is missing
    identity=("subject", "name"),
)

RATINGS = FileKind(
    name="ratings",
    label="xếp loại",
    columns=(
        Column("subject", "mã đối tượng", _SUBJECT_CODE),
        Column("subject_name", "họ và tên / tên tập thể", _SUBJECT_NAME),
        Column("year", "năm", ("Năm", "Năm đánh giá", "Năm xếp loại", "Năm đánh giá, xếp loại"),
               missing_hint="cả tệp là một năm (năm ghi ở tên bảng) thì thêm --year, ví dụ --year 2025; bảng ghi mỗi năm "
               "một cột thì tiêu đề cột là năm ấy (2024 hoặc \"Năm 2024\")"),
        Column("rating", "xếp loại", ("Xếp loại", "Xếp loại chất lượng", "Kết quả xếp loại", "Kết quả xếp loại chất lượng",
                                      "Mức xếp loại", "Đánh giá, xếp loại",
                                      "Kết quả đánh giá, xếp loại", "Kết quả đánh giá", "Mức độ hoàn thành nhiệm vụ")),
        _ROW_UNIT,
    ),
    required=(("subject", "subject_name"), ("year",), ("rating",)),
    stands_in=(("unit", "subject_name"),),
)


# how offices head a year's column in a table of ratings kept one column per year ("Họ và tên | 2022 | 2023 | 2024")
_YEAR_COLUMN_HEADERS = ("{}", "Năm {}", "Xếp loại {}", "Xếp loại năm {}", "XL {}", "XL năm {}", "Kết quả xếp loại {}",
                        "Kết quả xếp loại năm {}", "Đánh giá {}", "Đánh giá năm {}", "Đánh giá, xếp loại năm {}",
                        "Kết quả đánh giá, xếp loại năm {}", "KQ {}", "KQ năm {}")


# a year merged over two sub-columns, "2023" over "Xếp loại" | "Danh hiệu": read as "2023 Xếp loại", "2023 Danh hiệu"
_YEAR_OVER = ("{}", "Năm {}")
_RATING_UNDER = ("Xếp loại", "Xếp loại chất lượng", "Kết quả xếp loại", "Kết quả xếp loại chất lượng", "Đánh giá, xếp loại", "Kết quả đánh giá, xếp loại",
                 "Kết quả đánh giá", "Đánh giá", "Mức xếp loại", "XL")
_TITLE_UNDER = ("Danh hiệu", "Danh hiệu thi đua", "Danh hiệu thi đua, hình thức khen thưởng", "Danh hiệu, hình thức",
                "Danh hiệu / hình thức", "Khen thưởng", "Thi đua, khen thưởng", "Hình thức khen thưởng", "Khen thưởng, danh hiệu")
TITLE_FIELD = "danh-hieu-{}"  # a year's danh hiệu column beside its rating: `--column "DH 23=danh-hieu-2023"`
RATING_FIELD = "xep-loai-{}"  # a year's rating column beside its danh hiệu, in award history


def _over(year: int, under: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"{over.format(year)} {sub}" for over in _YEAR_OVER for sub in under)


def ratings_by_year(years: range) -> FileKind:
    """A table of ratings one column per year: the year is the field's name ("2023"), so that
    `--column "XL 23=2023"` reads as the person means it. A year may head two columns, its rating
    and its danh hiệu ("2023" merged over "Xếp loại" | "Danh hiệu"): the danh hiệu is award history,
    read so that each of its cells is named, not left out with the column."""
    return FileKind(
        name="ratings",
        label="xếp loại",
        columns=(RATINGS.column("subject"), RATINGS.column("subject_name"), _ROW_UNIT,
                 *(Column(str(year), f"xếp loại năm {year}",
                          tuple(h.format(year) for h in _YEAR_COLUMN_HEADERS) + _over(year, _RATING_UNDER))
                   for year in years),
                 *(Column(TITLE_FIELD.format(year), f"danh hiệu năm {year}", _over(year, _TITLE_UNDER)) for year in years)),
        required=(("subject", "subject_name"), tuple(str(year) for year in years)),
        stands_in=(("unit", "subject_name"),),
    )


# how offices head a year's column in award history kept one column per year ("Họ và tên | Năm 2022 | Năm 2023"):
# each cell the danh hiệu or hình thức of that year
_HISTORY_YEAR_HEADERS = ("{}", "Năm {}", "Khen thưởng {}", "Khen thưởng năm {}", "Danh hiệu {}", "Danh hiệu năm {}",
                         "Danh hiệu thi đua năm {}", "Hình thức khen thưởng năm {}", "Thi đua, khen thưởng năm {}",
                         "Danh hiệu, hình thức năm {}", "Kết quả thi đua năm {}", "Kết quả thi đua, khen thưởng năm {}")


def history_by_year(years: range) -> FileKind:
    """Award history one column per year: each cell filled in is an award of that year (`awards import`).
    The year is the field's name, as in `ratings_by_year`; "2023" merged over "Xếp loại" | "Danh hiệu" reads
    the danh hiệu column (its rating column is left out, named: `ratings import` reads it)."""
    return FileKind(
        name="awards",
        label="lịch sử khen thưởng",
        columns=(AWARD_HISTORY.column("subject"), AWARD_HISTORY.column("subject_name"), _ROW_UNIT,
                 *(Column(str(year), f"khen thưởng năm {year}",
                          tuple(h.format(year) for h in _HISTORY_YEAR_HEADERS) + _over(year, _TITLE_UNDER))
                   for year in years),
                 *(Column(RATING_FIELD.format(year), f"xếp loại năm {year}", _over(year, _RATING_UNDER)) for year in years),
                 AWARD_HISTORY.column("kind"), AWARD_HISTORY.column("issuer")),
        required=(("subject", "subject_name"), tuple(str(year) for year in years)),
        stands_in=(("unit", "subject_name"),),
    )

# Đăng ký thi đua (thidua register import): what each subject aims for at launch, and its targets.
REGISTRATIONS = FileKind(
    name="registrations",
    label="đăng ký thi đua",
    columns=(
        Column("subject", "mã đối tượng", _SUBJECT_CODE),
        Column("subject_name", "họ và tên / tên tập thể", _SUBJECT_NAME),
        Column("award", "danh hiệu, hình thức đăng ký (mã hoặc tên)", (
            "Danh hiệu đăng ký", "Hình thức đăng ký", "Danh hiệu thi đua đăng ký", "Danh hiệu, hình thức đăng ký",
            "Danh hiệu/hình thức đăng ký", "Danh hiệu/hình thức", "Đăng ký danh hiệu", "Danh hiệu", "Hình thức",
            "Mã danh hiệu", "Mã hình thức")),
        Column("targets", "chỉ tiêu đăng ký", ("Chỉ tiêu", "Chỉ tiêu đăng ký", "Mục tiêu", "Nội dung đăng ký", "Nội dung",
                                               "Chỉ tiêu, nhiệm vụ")),
        Column("date", "ngày đăng ký", ("Ngày đăng ký", "Ngày")),
        _ROW_UNIT,
    ),
    required=(("subject", "subject_name"), ("award",)),
    stands_in=(("unit", "subject_name"),),
    expected=("targets",),
)

# An office's own list of disciplinary decisions ("Họ và tên | Đơn vị | Hình thức kỷ luật | Số QĐ | Ngày QĐ | Lý do").
DISCIPLINE = FileKind(
    name="discipline",
    label="kỷ luật",
    columns=(
        Column("subject", "mã đối tượng", _SUBJECT_CODE),
        Column("subject_name", "họ và tên / tên tập thể", _SUBJECT_NAME),
        Column("form", "hình thức kỷ luật", ("Hình thức kỷ luật", "Hình thức", "Kỷ luật", "Mức kỷ luật",
                                             "Hình thức xử lý kỷ luật", "Hình thức xử lý")),
        Column("number", "số quyết định kỷ luật", ("Số quyết định", "Số QĐ", "Số", "Quyết định số", "Số quyết định kỷ luật",
                                                    "Số QĐ kỷ luật", "Quyết định")),
        Column("date", "ngày quyết định kỷ luật", ("Ngày quyết định", "Ngày QĐ", "Ngày ký", "Ngày", "Ngày ban hành",
                                                    "Ngày quyết định kỷ luật")),
        Column("year", "năm bị tính", ("Năm", "Năm kỷ luật", "Năm bị kỷ luật", "Năm bị tính")),
        Column("reason", "vi phạm, lý do", ("Lý do", "Lý do kỷ luật", "Vi phạm", "Nội dung vi phạm", "Hành vi vi phạm",
                                            "Nội dung")),
        _ROW_UNIT,
    ),
    required=(("subject", "subject_name"), ("form",), ("date",)),
    stands_in=(("unit", "subject_name"),),
    expected=("number",),
)

FILE_KINDS = {kind.name: kind for kind in (SUBJECTS, ENTRIES, AWARD_HISTORY, VOTES, RATINGS, REGISTRATIONS, DISCIPLINE)}
