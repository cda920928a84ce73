"""Reading tabular input files (.csv, .xlsx) as rows of named cells.

A file is read as the person sees it, or refused by name:
- Headers are matched on the folded key (`domain.file_kinds.header_key`) against the file
  kind's declared headers, so "Họ và tên", "HO VA TEN" and "name" all mean `name`. The
  header row need not be the first: the first of the first 10 rows that names every
  required column is taken (offices put a title above the table), and a column-numbering
  row right under it ("1, 2, 3…" or "(1), (2)…") is skipped. `--column "Tiêu đề=field"`
  maps a header explicitly (`=-` leaves it out).
- Every column is used or named: the headers nothing uses (and untitled columns holding
  values) are collected in `ReadNotes`, which the commands print as one warning line.
  Two headers meaning one field are refused: which one to take is the user's choice.
- A CSV row with more cells than the header (a comma typed in a note without quotes), or
  fewer, and a quote left open are refused with the line; so is a file whose encoding
  cannot be told (UTF-16 without its BOM).
- All text is NFC. Every row carries what an error must name: the line (CSV) or the sheet,
  row and column letter (XLSX).

Text typed in a legacy Vietnamese encoding (TCVN3/ABC, VNI-Windows) is
converted to Unicode cell by cell, and every converted cell is reported:
  1. an XLSX cell whose font is a TCVN3 (.VnTime, .VnTimeH…) or VNI
     (VNI-Times…) font is read in that encoding;
  2. otherwise, a column whose first rows read as legacy text as a whole (or, when
     TCVN3 and VNI tie there, by most of its cells) is read in that encoding — each
     cell still decided on its own words (`legacy.read_in_column`): a VNI cell pasted
     into a TCVN3 column is read as VNI, a cell both readings garble is refused with
     its line and column, Latin text no reading makes Vietnamese is kept and named;
  3. otherwise each cell is checked on its own character patterns.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from thidua_cli.domain.file_kinds import EXACT_HEADERS, ROW_NUMBER_HEADERS, FileKind, header_key
from thidua_cli.domain.vntext import clean, fold_key
from thidua_cli.errors import RowError, ThiduaError, UsageError

HEADER_SEARCH_ROWS = 20  # the header row is looked for among the first rows (an NĐ 30 annex heads its table with 12 and more)
LEGACY_SAMPLE_ROWS = 200  # rows read ahead to decide a column's encoding
CELLS_REMEMBERED = 1 << 15  # distinct cells remembered per column (a column of unique notes stops there)
SKIP = "-"  # --column "Tiêu đề=-": the column is left out on purpose (still named)


# NamedTuples, not frozen dataclasses: a million-row import builds one RawRow,
# one SourceRow and a RawCell per column for every row (3× cheaper each).
class SourceRow(NamedTuple):
    where: str  # "dòng 14" or 'trang tính "Sheet1", dòng 14'
    line: int
    values: dict[str, object]
    cells: dict[str, str]  # field -> how to name its column (the header as written, or the letter "D")
    converted: tuple[str, ...] = ()
    problems: tuple[RowError, ...] = ()  # the row as a whole cannot be read (extra cells, formula without value)


class TableRow(NamedTuple):
    """A row as the fields its reader was asked for (`read_table`): `values[i]` is field `fields[i]`;
    where the file has no column for a field it reads as an empty cell ("" in a CSV file, None in a
    workbook). A list, not a dict: an import builds one per row."""

    where: str
    line: int
    values: list
    cells: dict[str, str]  # as in SourceRow: the fields the file has, and how to name their columns
    converted: tuple[str, ...] = ()
    problems: tuple[RowError, ...] = ()


class RawCell(NamedTuple):
    """One cell as read, before legacy conversion and cleaning."""

    value: object
    label: str  # how a conversion note names the cell: 'dòng 5, cột "note"' or 'trang tính "S", ô C5'
    font: str | None = None


class RawRow(NamedTuple):
    where: str
    line: int
    cells: dict[str, RawCell | str]  # a CSV cell is its plain text (no font; its label is built only for a note)
    columns: dict[str, str]
    problems: tuple[RowError, ...] = ()


class ReadNotes:
    """What a read found that the person must be told, beside the rows: printed as warnings."""

    def __init__(self) -> None:
        self.unused: list[str] = []  # columns nothing uses, named as the person sees them
        self.missing: list[str] = []  # expected fields the file has no column for
        self.suggest: str | None = None  # a --column to try
        self.sheet_notes: list[str] = []  # hidden sheets, merged cells filled in
        self.totals: list[str] = []  # the "Tổng cộng" rows left out, each with its values
        self.total_points: list[tuple[int, str, object]] = []  # (line, where, its points cell) of each such row
        self.footer: list[str] = []  # the place, date and signatures under the table, each row with its values
        self.fields: frozenset[str] = frozenset()  # the fields the header row gives a column
        self.positions: dict[str, int] = {}  # field -> the index of its column
        self.groups: list[str] = []  # the rows heading a group of the table ("I | Phòng Kế hoạch"), each with its values
        self.headings: list[tuple[int, str]] = []  # (line, the group's name) of those rows, in the file's order
        self.units: list[str] = []  # rows whose "Đơn vị" cell is not their subject's unit in the ledger (kept)
        self.repeated: list[str] = []  # the header typed again under the table's top (one per printed page)
        self.headers: list[str] = []  # the header row as read (its texts, column by column)
        self.stray: list[str] = []  # rows with text only in columns nothing reads ("Ghi chú: …" under the table)

    def warnings(self) -> list[str]:
        lines = list(self.sheet_notes)
        if self.repeated:
            more = f"; … và {len(self.repeated) - 20} dòng khác" if len(self.repeated) > 20 else ""
            lines.append("không nhập dòng tiêu đề cột lặp lại (tiêu đề in lại ở đầu mỗi trang, không phải dữ liệu): "
                         + "; ".join(self.repeated[:20]) + more)
        if self.stray:
            more = f"; … và {len(self.stray) - 20} dòng khác" if len(self.stray) > 20 else ""
            lines.append("không nhập dòng chỉ có chữ ở cột không được đọc (các cột cần đọc đều trống): "
                         + "; ".join(self.stray[:20]) + more)
        if self.groups:
            lines.append("không nhập dòng tên nhóm (tiêu đề một nhóm trong bảng, không phải dữ liệu): " + "; ".join(self.groups))
        if self.totals:
            lines.append("không nhập dòng tổng cộng (không phải dữ liệu của một đối tượng): " + "; ".join(self.totals))
        if self.footer:
            more = f"; … và {len(self.footer) - 10} dòng khác" if len(self.footer) > 10 else ""
            lines.append("không nhập phần cuối bảng (địa danh, ngày tháng, chức danh và tên người ký — không phải dữ liệu): "
                         + "; ".join(self.footer[:10]) + more)
        if self.units:
            from thidua_cli.domain.formats import some_of

            lines.append("đơn vị ghi trong tệp khác đơn vị trong sổ (vẫn ghi cho đối tượng đã đọc theo mã, tên; nếu nhầm "
                         "người: huỷ lần nhập này, sửa tệp rồi nhập lại): " + some_of(self.units))
        if self.unused:
            line = "bỏ qua cột: " + ", ".join(self.unused)
            if self.missing and self.suggest:
                line += (
                    f"; tệp không có cột {', '.join(self.missing)} — nếu một cột bị bỏ qua là cột đó, "
                    f'dùng --column "{self.suggest}"'
                )
            lines.append(line)
        return lines

    def heading_row(self, line: int, heading: GroupHeading) -> None:
        self.groups.append(heading.note)
        self.headings.append((line, heading.name))

    def headings_above(self, line: int) -> Iterator[str]:
        """The names of the groups a row stands under, the nearest first: the headings above its line (the reader
        may have read further on already). "I. Phòng Kế hoạch" under "B. CÁ NHÂN" stands under both."""
        from bisect import bisect_left

        for index in range(bisect_left(self.headings, (line, "")) - 1, -1, -1):
            yield self.headings[index][1]

    def found_elsewhere(self, field: str, described: str) -> None:
        """A field the file has no column for was read from another one's cells (the date with the number):
        not missing, and no column left out is offered for it."""
        if described in self.missing:
            self.missing.remove(described)
        if self.suggest and self.suggest.endswith(f"={field}"):
            self.suggest = None

    def refusal_hint(self) -> str | None:
        """On a refused file, the columns nothing read: often the one the errors miss, under the office's own header."""
        if not self.unused:
            return None
        hint = "tệp có cột không được đọc: " + ", ".join(self.unused)
        if self.missing and self.suggest:
            hint += f'; nếu một cột ấy là cột {", ".join(self.missing)}, chỉ rõ bằng --column "{self.suggest}"'
        return hint


def _fields_shown(fields: Sequence[str]) -> str:
    """The fields a --column may name, a table of ratings by year's years as one span ("1945–2026"), not 82 names."""
    years = [field for field in fields if field.isdigit()]
    of_years = dict.fromkeys(field.rpartition("-")[0] for field in fields if field.rpartition("-")[2].isdigit() and "-" in field)
    shown = [field for field in fields if not field.rpartition("-")[2].isdigit()]
    return ", ".join(shown + ([f"một năm từ {years[0]} đến {years[-1]}"] if years else [])
                     + [f"{prefix}-NĂM (cột {_OF_YEAR.get(prefix, prefix)} của năm ấy)" for prefix in of_years])


_OF_YEAR = {"danh-hieu": "danh hiệu", "xep-loai": "xếp loại"}  # the columns a year heads beside its own


def parse_column_options(kind: FileKind, options: Sequence[str]) -> dict[str, str]:
    """`--column "Nội dung chi tiết=note"` (repeatable) → {header key: field or SKIP}."""
    explicit: dict[str, str] = {}
    for option in options or ():
        header, sep, target = option.rpartition("=")
        if not sep or not header.strip() or not target.strip():
            raise UsageError(f'--column "{option}": viết dạng "Tiêu đề cột=trường", ví dụ --column "Nội dung chi tiết=note"')
        field = SKIP if target.strip() == SKIP else kind.field_for(target)
        if field is None:
            fields = _fields_shown(kind.fields())
            raise UsageError(f'--column "{option}": tệp {kind.label} không có trường "{target.strip()}" (có: {fields}, hoặc - để bỏ cột)')
        key = header_key(header)
        if key in explicit and explicit[key] != field:
            raise UsageError(f'--column: cột "{header.strip()}" được chỉ hai lần')
        explicit[key] = field
    return explicit


class Layout(NamedTuple):
    """Where the header is and what each column means."""

    index: int  # of the (last) header row among the candidate rows
    mapping: dict[int, str]  # column index -> field
    headers: list[str]  # the header texts as read


class _Mapped(NamedTuple):
    mapping: dict[int, str]
    conflicts: list[tuple[str, list[int]]]
    unused: list[int]
    explicit_found: set[str]


def _map_headers(headers: list[str], kind: FileKind, explicit: dict[str, str]) -> _Mapped:
    strong, weak = kind.lookup()
    chosen: dict[str, list[int]] = {}
    explicit_fields = {field for field in explicit.values() if field != SKIP}
    unused: list[int] = []
    fallbacks: list[tuple[int, str]] = []
    found: set[str] = set()
    for index, header in enumerate(headers):
        key = header_key(header)
        if not key:
            continue
        if key not in explicit and key not in strong and key not in weak:
            # a header too short for its legacy font to be told ("M·" is "Mã" in TCVN3): read as the one it names
            for reading in legacy_readings(header)[1:]:
                if header_key(reading) in explicit or header_key(reading) in strong:
                    header = headers[index] = clean(reading)
                    key = header_key(reading)
                    break
        if key in explicit:
            found.add(key)
            if explicit[key] == SKIP:
                unused.append(index)
            else:
                chosen.setdefault(explicit[key], []).append(index)
            continue
        field = strong.get(key)
        if field is None and key not in weak and kind.guess is not None:
            field = kind.guess(header)  # a header the kind tells by its words ("Bằng khen UBND" for an award's column)
        if field is not None and key in EXACT_HEADERS and _misread(header, EXACT_HEADERS[key], kind.column(field)):
            field = None
        if field is not None and field not in explicit_fields:
            chosen.setdefault(field, []).append(index)
        elif field is None and key in weak and weak[key] not in explicit_fields:
            fallbacks.append((index, weak[key]))
        else:
            unused.append(index)
    taken = set(chosen)
    for index, field in fallbacks:
        if field in taken:
            unused.append(index)  # a "Ghi chú" beside a "Nội dung" column
        else:
            chosen.setdefault(field, []).append(index)
    for field, instead in kind.stands_in:
        if field in chosen and field not in explicit_fields and not any(other in chosen for other in kind.identity):
            chosen[instead] = chosen.pop(field)
    mapping = {indexes[0]: field for field, indexes in chosen.items()}
    conflicts = [(field, indexes) for field, indexes in chosen.items() if len(indexes) > 1]
    return _Mapped(mapping, conflicts, sorted(unused), found)


def _misread(header: str, exact: str, column) -> bool:
    """"Năm" folds to "nam": it is not the "Nam" column (men's birth years) of a kind that has one, though a
    "Nam" typed without marks is."""
    return (not header.isascii() and clean(header).casefold() != exact
            and any(h.casefold() == exact for h in column.headers))


def _satisfies(mapped: _Mapped, kind: FileKind) -> bool:
    fields = set(mapped.mapping.values())
    return all(any(field in fields for field in group) for group in kind.required)


def find_header(
    candidates: list[list[str]], kind: FileKind, filename: str, explicit: dict[str, str],
    line_of, column_of, notes: ReadNotes | None, combined: dict[int, list[str]] | None = None,
) -> Layout:
    """The header among the first rows: the first that names every required column.

    `combined[i]` is rows i and i+1 read as one two-level header (a merged group title over
    its sub-headers, XLSX), each way `two_level_headers` reads them; the first is tried before
    row i alone, the others after it (before it when they name more columns), when row i is a
    header at all (a merged title above the table is not). A row whose columns mean one field twice is taken
    only if no later row names every column without that ("Khen thưởng" merged over
    "Danh hiệu" and "Hình thức" reads as two award columns on its own row). When no row
    names every required column, the row naming the most columns is reported as missing."""
    best: tuple[int, _Mapped, list[str]] | None = None
    doubled: tuple[int, list[str], _Mapped] | None = None
    for index, headers in enumerate(candidates):
        if not any(headers):
            continue
        plain = _map_headers(headers, kind, explicit)
        options = []
        readings = combined.get(index, []) if combined and plain.mapping else []
        for reading in readings[:1]:
            options.append((index + 1, reading, _map_headers(reading, kind, explicit)))
        later = []
        for reading in readings[1:]:  # before row i alone when it names more columns (a CSV: "2023,," over "Xếp loại,Danh hiệu")
            mapped = _map_headers(reading, kind, explicit)
            (options if len(mapped.mapping) > len(plain.mapping) else later).append((index + 1, reading, mapped))
        options.append((index, headers, plain))
        options.extend(later)
        for end, texts, mapped in options:
            if _satisfies(mapped, kind):
                if not mapped.conflicts:
                    return _settle(end, texts, mapped, kind, filename, explicit, line_of, column_of, notes)
                doubled = doubled or (end, texts, mapped)
            if best is None or len(mapped.mapping) > len(best[1].mapping):
                best = (end, mapped, texts)
    if doubled is not None:
        end, texts, mapped = doubled
        return _settle(end, texts, mapped, kind, filename, explicit, line_of, column_of, notes)
    if best is None:
        raise ThiduaError(f"tệp {filename} trống")
    fields = set(best[1].mapping.values())
    # the person reads the fields by their Vietnamese labels, and writes the header row as the office heads them;
    # the machine name only where it is typed (--column)
    missing = [" hoặc ".join(kind.column(field).label for field in group)
               for group in kind.required if not any(field in fields for field in group)]
    found = ", ".join(h for h in best[2] if h) or "(trống)"
    first = ", ".join(" hoặc ".join(f'"{_header_of(kind.column(field))}"' for field in group) for group in kind.required)
    absent = [field for group in kind.required if not any(field in fields for field in group) for field in group]
    own = "".join(f"{hint}; " for hint in dict.fromkeys(kind.column(field).missing_hint for field in absent) if hint)
    raise ThiduaError(
        f"tệp {filename} thiếu cột {', '.join(missing)} (dòng tiêu đề có: {found})",
        hint=f"{own}dòng tiêu đề (một trong {HEADER_SEARCH_ROWS} dòng đầu) phải có các cột: {first}; "
        f'cột mang tên khác thì chỉ rõ: --column "Tên cột={absent[0] if absent else kind.required[0][0]}"',
    )


def _header_of(column) -> str:
    """How an office heads the column: its first usual header, else its label."""
    return column.headers[0] if column.headers else column.label[0].upper() + column.label[1:]


def two_level_headers(candidates: list[list[str]], titles_over, carry: bool = False) -> dict[int, list[list[str]]]:
    """Rows i and i+1 read as one header where row i holds a group title over sub-headers (`titles_over(i)`),
    in two readings (`find_header`'s `combined`): each column by its sub-header, else by the title above it
    ("Khen thưởng" over "Danh hiệu" | "Hình thức"); then each by the title and the sub-header together, when
    the sub-headers repeat under each title ("2023" over "Xếp loại" | "Danh hiệu": "2023 Xếp loại",
    "2023 Danh hiệu"). `carry`: a CSV row saved from a merged title holds it in its first cell only, the cells
    after it empty over their sub-headers."""
    combined = {}
    for index in range(len(candidates) - 1):
        if titles_over(index):
            upper, lower = candidates[index], candidates[index + 1]
            width = max(len(upper), len(lower))
            above = [upper[i] if i < len(upper) else "" for i in range(width)]
            below = [lower[i] if i < len(lower) else "" for i in range(width)]
            readings = [[below[i] or above[i] for i in range(width)]]
            if carry:
                for i in range(1, width):
                    if not above[i] and below[i] and below[i - 1]:
                        above[i] = above[i - 1]
            joined = [f"{above[i]} {below[i]}" if above[i] and below[i] and above[i] != below[i] else below[i] or above[i]
                      for i in range(width)]
            if joined != readings[0]:
                readings.append(joined)
            combined[index] = readings
    return combined


def _saved_merge(upper: list[str], lower: list[str]) -> bool:
    """A CSV row saved from a merged group title: a title, then empty cells the next row heads ("Kết quả xếp loại;;"
    over "2022;2023;2024")."""
    return any(upper[i] and not upper[i + 1] and i + 1 < len(lower) and lower[i + 1] for i in range(len(upper) - 1))


def _settle(index, headers, mapped: _Mapped, kind, filename, explicit, line_of, column_of, notes) -> Layout:
    """The chosen header: refused if two columns mean one field or a --column names no column; else noted."""
    for field, indexes in mapped.conflicts:
        named = " và ".join(column_of(i, headers[i]) for i in indexes)
        raise ThiduaError(
            f"tệp {filename}, {line_of(index)}: {named} cùng là cột {kind.describe(field)}",
            hint=f'giữ một cột, hoặc chọn cột cần đọc: --column "{headers[indexes[0]]}={field}" '
            f'(cột kia bị bỏ qua), hoặc --column "{headers[indexes[1]]}=-"',
        )
    for key in explicit:
        if key not in mapped.explicit_found:
            found = ", ".join(f'"{h}"' for h in headers if h) or "(trống)"
            raise ThiduaError(f'--column: tệp {filename} không có cột "{key}" ở {line_of(index)} (có: {found})')
    if notes is not None:
        notes.fields = frozenset(mapped.mapping.values())
        notes.positions = {field: i for i, field in mapped.mapping.items()}
        notes.headers = list(headers)
        notes.unused.extend(column_of(i, headers[i], plain=True) for i in mapped.unused)
        present = set(mapped.mapping.values())
        absent = [field for field in kind.expected if field not in present]
        if absent:
            notes.missing = [kind.describe(field) for field in absent]
            # the sheet's row numbers ("STT") are no field: following a hint to them would store 1, 2, 3…
            numbering = {header_key(h) for h in ROW_NUMBER_HEADERS}
            # nor is a column the person left out on purpose (--column "X=-")
            offered = [i for i in mapped.unused if header_key(headers[i]) not in numbering
                       and explicit.get(header_key(headers[i])) != SKIP]
            if offered:
                notes.suggest = f"{headers[offered[0]]}={absent[0]}"
    return Layout(index, mapped.mapping, headers)


# what an office writes on the row that sums its table ("Tổng cộng", "CỘNG:", "Tổng số")
_TOTAL_LABELS = frozenset({"tong cong", "cong", "tong so", "cong chung", "tong cong chung"})


# the label with what it counts ("Tổng cộng: 2 người", "Tổng số 15 đồng chí", "Cộng (3 tập thể)"), read without marks:
# no name goes on with a colon or a number
_TOTAL_COUNTED = re.compile(r"^(?:tong cong chung|tong cong|cong chung|tong so|tong|cong)\s*(?:[:(–-]|\d)")
# a group's subtotal ("Cộng phòng A", "Tổng phòng B", "Cộng khối II") and the total's longer labels ("Tổng cộng các
# phòng"), read with their marks: "Tổng Công Minh" and "Tổng Văn Cộng" are people, "Cộng đồng …", "Cộng tác viên …",
# "Tổng đội …", "Tổng cục …" are units
_TOTAL_OF_GROUP = re.compile(r"^(?:(?:tổng cộng|tổng số|cộng chung)\s+\S|"
                             r"cộng\s+(?:phòng|văn phòng|tổ|đội|khối|ban|bộ phận|đơn vị|nhóm|chi cục|chi nhánh|trung tâm|thanh tra|cơ quan|"
                             r"[ivx]+(?:\W|$))|"
                             r"tổng\s+(?:phòng|khối|đơn vị)(?:\W|$))")


def legacy_readings(text: str) -> tuple[str, ...]:
    """The cell as typed, then as read in TCVN3 and in VNI when it may be legacy text (Latin-1 letters only):
    a row is told for a total, a group or a signature before its cells are converted, column by column."""
    if text.isascii() or any(ord(char) > 0xFF for char in text):
        return (text,)
    from thidua_cli.domain.legacy import tcvn3_to_unicode, vni_to_unicode

    return (text, tcvn3_to_unicode(text), vni_to_unicode(text))


def as_read(value: object) -> str:
    """A cell's text as a warning quotes it: converted from a legacy font when it reads as one; a number of a
    workbook as Excel shows it in Vietnamese (3,5 — not 3.5)."""
    if type(value) is float:
        return f"{value:.10g}".replace(".", ",") if "e" not in f"{value:.10g}" else str(value)
    text = clean(str(value))
    if text.isascii() or any(ord(char) > 0xFF for char in text):
        return text
    from thidua_cli.domain.legacy import to_unicode

    return clean(to_unicode(text)[0])


def _total_label(value: object) -> str | None:
    """The label, as read, when a cell is the label of the row that sums the table or one group of it."""
    if not isinstance(value, str) or len(value) > 80:
        return None
    for reading in legacy_readings(value):
        text = clean(reading).casefold()
        if (len(text) <= 24 and header_key(text) in _TOTAL_LABELS) or _TOTAL_OF_GROUP.match(text) \
                or _TOTAL_COUNTED.match(fold_key(text)):
            return clean(reading)
    return None


def is_total_label(value: object) -> bool:
    """Whether a cell is the label of the row that sums the table, or one group of it (left out, named)."""
    return _total_label(value) is not None


def total_row_note(where: str, cells: Iterable[tuple[str, object]]) -> str | None:
    """The warning's words for a row that sums the table: its label and every other value it holds (named,
    not dropped), or None when no cell of the row is such a label. `cells`: (column as named, value)."""
    label, others = None, []
    for column, value in cells:
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        found = _total_label(value)
        if label is None and found:
            label = found
        elif not (found and found == label):  # a merged label read in each of its cells
            others.append(f'{column}: "{shortened_text(as_read(value))}"')
    if label is None:
        return None
    return f'{where} ("{label}"' + (f"; {', '.join(others)}" if others else "") + ")"


def repeats_header(texts: Sequence[str], headers: Sequence[str]) -> bool:
    """Whether a row below the header is the header typed again — as offices print a long table, heading each page:
    two or more cells, each the header of its column (or one line of a two-line header), and nothing else."""
    found = 0
    for i, text in enumerate(texts):
        text = clean(text).casefold()
        if not text:
            continue
        header = clean(headers[i]).casefold() if i < len(headers) and headers[i] else ""
        if not header or (text != header and not header.startswith(text + " ") and not header.endswith(" " + text)):
            return False
        found += 1
    return found >= 2


# a row heading a group of the table: numbered "I", "II.", "A)" beside its name, or "I. Phòng Kế hoạch" in one cell
_GROUP_NUMBER = re.compile(r"^(?:[IVX]+|[A-Z])\s*[.)]?$")
# in one cell, a sub-group's number too ("1. Phòng Kế hoạch"), but no date or decimal ("05/10/2021", "1.5")
_NUMBERED_GROUP = re.compile(r"^(?:(?:[IVX]+|[A-Z])\s*[.)/-]\s*\S|\d{1,2}\s*[.)]\s+\D)")


def holds_no_code(first: object, rest: Iterable[object]) -> bool:
    """Whether the cells naming a row's subject may hold a group's heading: the first (the code) blank, or words no
    code is ("TẬP THỂ" typed under "Mã" — a code has no space) with the others blank."""
    if first is None or not str(first).strip():
        return True
    return any(char.isspace() for char in str(first).strip()) and all(v is None or not str(v).strip() for v in rest)


class GroupHeading(NamedTuple):
    note: str  # the warning's words: where, and the row's values
    name: str  # the group's name as written ("TẬP THỂ", "I. Phòng Kế hoạch")


def group_heading_note(where: str, values: Iterable[object]) -> GroupHeading | None:
    """The row (its code blank) that heads a group of the table — a Roman numeral or a capital letter and the
    group's name, nothing else — or None. A number ("1") is a subject's row: one missing its code is refused."""
    texts = list(dict.fromkeys(as_read(v) for v in values if v is not None and str(v).strip()))  # a merged cell: once
    # the number first, as the STT column holds it: "Nguyễn Văn An | A" is a rating of A, no heading
    numbered = len(texts) == 2 and _GROUP_NUMBER.match(texts[0]) and not _GROUP_NUMBER.match(texts[1])
    if not (numbered or len(texts) == 1 and _NUMBERED_GROUP.match(texts[0])):
        return None
    return GroupHeading(f"{where} ({', '.join(f'{chr(34)}{shortened_text(text)}{chr(34)}' for text in texts)})", texts[-1])


# under the table: "Quảng Trị, ngày 05 tháng 01 năm 2026", "NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ", "KT. GIÁM ĐỐC"
_PLACE_AND_DATE = re.compile(r"\bngay\s*\.*\s*\d{0,2}\s*\.*\s*thang\s*\.*\s*\d{0,2}\s*\.*\s*nam\s*\.*\s*\d{0,4}\s*$")
_SIGNERS = re.compile(r"^(?:kt|tm|tl|tuq|q)?\s*(?:nguoi lap|thu truong|giam doc|pho giam doc|chanh van phong|truong phong|"
                      r"chu tich|ke toan|xac nhan cua)")


def _footer_text(value: object) -> bool:
    if not isinstance(value, str) or not value.strip() or len(value) > 80:
        return False
    return any(_PLACE_AND_DATE.search(folded) or _SIGNERS.match(folded)
               for folded in map(header_key, legacy_readings(value)))


def starts_footer(values: Iterable[object], used: Iterable[object]) -> bool:
    """Whether a row naming nobody begins what an office writes under its table: a cell holds the place and date
    or a signer's title, and the columns read hold nothing else (a row of data that only lacks its code is no
    footer, even when its note ends with "ngày 05 tháng 3 năm 2026")."""
    return any(map(_footer_text, values)) and all(
        value is None or (isinstance(value, str) and not value.strip()) or _footer_text(value) for value in used)


# what the total row writes under the names beside its label: "15 người", "(02 tập thể)" — a bare number may be a code
_COUNT = re.compile(r"^\(?\d{1,6}\s*(?:người|đồng chí|cá nhân|tập thể|đơn vị|đối tượng|lượt)\)?$")


def names_no_one(value: object) -> bool:
    """Whether a cell where a row names its subject holds instead the table's "Tổng cộng" or a line of what is
    written under it ("Quảng Trị, ngày …", "THỦ TRƯỞNG ĐƠN VỊ"): offices write both under the names; or the count
    the total row gives there ("15 người") — a row is a total only when some cell of it is the label."""
    return isinstance(value, str) and (is_total_label(value) or _footer_text(value)
                                       or bool(_COUNT.match(clean(value).casefold())))


def below_signatures(line: int) -> str:
    """Why a row of the table's data under the place, date and signatures is refused."""
    return (f"nằm dưới phần cuối bảng (địa danh, ngày tháng, chữ ký từ dòng {line}) mà có đủ dữ liệu như một dòng của "
            f"bảng — cần nhập thì chuyển lên trên phần chữ ký, không thì xoá")


def footer_note(where: str, values: Iterable[object]) -> str:
    shown = ", ".join(f'"{shortened_text(_as_shown(v))}"' for v in values if v is not None and str(v).strip())
    return f"{where} ({shown})"


def _as_shown(value: object) -> str:
    """A cell's value as the office reads it on its sheet: a date DD/MM/YYYY (not "2026-06-06 00:00:00"), else `as_read`."""
    from datetime import date, datetime

    if isinstance(value, datetime) and not (value.hour or value.minute or value.second):
        value = value.date()
    if isinstance(value, date) and not isinstance(value, datetime):
        return f"{value:%d/%m/%Y}"
    return as_read(value)


def stray_note(where: str, values: Iterable[object]) -> str | None:
    """The warning's words for a row whose columns read are all blank but that holds text elsewhere ("Ghi chú: điểm
    tháng 5 chưa gồm hội chợ" typed in the STT column under the table), or None: a row numbered in advance ("4" in
    the STT column of a form's empty row) holds nothing to tell."""
    texts = [v for v in values if isinstance(v, str) and v.strip() and not _ROW_NUMBER.match(v.strip())]
    if not texts:
        return None
    return f"{where} (" + ", ".join(f'"{shortened_text(as_read(v))}"' for v in texts) + ")"


_ROW_NUMBER = re.compile(r"^\(?[0-9IVXivx]{1,6}[.)]?$")


_NUMBERING = re.compile(r"^\(?\s*(\d{1,2}|[A-Za-z])\s*\)?$")


def is_numbering_row(values: Iterable[object]) -> bool:
    """A row under the header that only numbers the columns: 1, 2, 3… or (1), (2)… or A, B, C…"""
    texts = [str(v).strip() for v in values if v is not None and str(v).strip()]
    if len(texts) < 2 or not all(_NUMBERING.match(t) for t in texts):
        return False
    marks = [_NUMBERING.match(t)[1] for t in texts]
    if all(m.isdigit() for m in marks):
        numbers = [int(m) for m in marks]
    elif all(m.isalpha() for m in marks):
        numbers = [ord(m.upper()) for m in marks]
    else:
        return False
    return all(b > a for a, b in zip(numbers, numbers[1:]))


# --- legacy encodings ---------------------------------------------------------------

_ENCODING_LABEL = {"tcvn3": "TCVN3", "vni": "VNI"}


class LegacyCells:
    """Decides, cell by cell, whether text was typed in TCVN3 or VNI, and converts it."""

    def __init__(self) -> None:
        from thidua_cli.domain import legacy

        self._legacy = legacy
        self.columns: dict[str, str] = {}  # column key -> encoding found on the column's first rows
        self._memo: dict[tuple[str, str | None], tuple[str, str | None]] = {}

    def learn(self, rows: Iterable[RawRow]) -> None:
        """Look at each column's text (cells without a legacy font) as a whole."""
        legacy = self._legacy
        samples: dict[str, dict[str, None]] = {}
        for row in rows:
            for key, cell in row.cells.items():
                if type(cell) is str:
                    cell = RawCell(cell, "")
                text = cell.value
                if not isinstance(text, str) or text.isascii() or legacy.encoding_for_font(cell.font):
                    continue
                if any(ord(char) > 0xFF for char in text):  # Unicode Vietnamese: never legacy
                    continue
                bucket = samples.setdefault(key, {})
                if len(bucket) < 500:
                    bucket[text] = None
        for key, texts in samples.items():
            found = legacy.detect_legacy("\n".join(texts))
            if found is None:  # a column holding both encodings can tie as a whole: its cells then vote
                votes = [vote for vote in map(legacy.detect_legacy, texts) if vote]
                found = max(("tcvn3", "vni"), key=votes.count) if votes else None
            if found:
                self.columns[key] = found

    def convert(self, key: str | None, text: str, font: str | None) -> tuple[str, str | None]:
        """(text in Unicode, "tcvn3" | "vni" | None)."""
        legacy = self._legacy
        column = None
        if legacy.encoding_for_font(font) is None:
            if text.isascii():
                return text, None
            column = self.columns.get(key) if key else None
        memo_key = (text, font or column)
        found = self._memo.get(memo_key)
        if found is None:
            if len(self._memo) > 20000:  # units, positions, names repeat; notes seldom do
                self._memo.clear()
            # a cell of a legacy column is decided on its own words too: a VNI cell pasted into a TCVN3 column
            found = legacy.read_in_column(text, column) if column else legacy.to_unicode(text, font)
            self._memo[memo_key] = found
        return found

    def note(self, cell: RawCell, text: str, encoding: str) -> str:
        font = f" (phông {cell.font})" if self._legacy.encoding_for_font(cell.font) else ""
        shown = shortened_text(text)
        if encoding == self._legacy.KEPT:
            return f'{cell.label}: để nguyên "{shown}" (đọc theo TCVN3 hay VNI đều không ra tiếng Việt)'
        return f'{cell.label}{font}: {_ENCODING_LABEL[encoding]} → Unicode "{shown}"'

    def refusal(self, where: str, column: str, key: str, text: str) -> RowError:
        """A cell whose words read as Vietnamese only partly in either legacy encoding (`legacy.MIXED`)."""
        legacy = self._legacy
        readings = "; ".join(
            f'theo {_ENCODING_LABEL[encoding]} thành "{shortened_text(clean(convert(text)))}"'
            for encoding, convert in (("tcvn3", legacy.tcvn3_to_unicode), ("vni", legacy.vni_to_unicode))
        )
        return RowError(where, column, shortened_text(text), (
            f"gõ lẫn hai mã cũ, đọc mã nào cũng sai chữ ({readings}; cột này gõ mã "
            f"{_ENCODING_LABEL[self.columns[key]]}) — gõ lại ô này bằng Unicode"
        ))


def shortened_text(text: str) -> str:
    """A cell's text as a message quotes it: at most 60 characters."""
    return text if len(text) <= 60 else text[:57] + "…"


def finish_rows(raw_rows: Iterator[RawRow], converter: LegacyCells | None = None) -> Iterator[SourceRow]:
    """Legacy text → Unicode, then NFC and spaces cleaned; the first rows are read ahead to learn each column."""
    converter = converter or LegacyCells()
    ahead: list[RawRow] = []
    for row in raw_rows:
        ahead.append(row)
        if len(ahead) >= LEGACY_SAMPLE_ROWS:
            break
    converter.learn(ahead)

    # A CSV column repeats its values (dates, codes, points, the same few notes): each distinct cell
    # of a column is converted and cleaned once; a conversion is still reported on every cell.
    from collections import defaultdict
    from itertools import chain

    from thidua_cli.domain.legacy import MIXED as mixed, is_unicode_vietnamese

    refused: list[RowError] = []
    seen: defaultdict[str, dict[str, tuple[str, str | None]]] = defaultdict(dict)
    for row in chain(ahead, raw_rows):
        values: dict[str, object] = {}
        converted: list[str] = []
        for key, cell in row.cells.items():
            if type(cell) is str:  # a CSV cell
                column = seen[key]
                found = column.get(cell)
                if found is None:
                    if cell.isascii() or is_unicode_vietnamese(cell):  # never legacy text: one test, no conversion
                        found = (clean(cell), None)
                    else:
                        text, encoding = converter.convert(key, cell, None)
                        found = (clean(text), encoding)
                    if len(column) < CELLS_REMEMBERED:
                        column[cell] = found
                value, encoding = found
                if encoding == mixed:
                    refused.append(converter.refusal(row.where, row.columns.get(key, key), key, cell))
                elif encoding:
                    # the column as the file heads it ("Nội dung thành tích"), as a refusal names it, not the field
                    converted.append(converter.note(RawCell(cell, f'{row.where}, cột "{row.columns.get(key, key)}"'), value, encoding))
                values[key] = value
                continue
            value = cell.value
            if isinstance(value, str):
                text, encoding = converter.convert(key, value, cell.font)
                if encoding == mixed:
                    refused.append(converter.refusal(row.where, row.columns.get(key, key), key, value))
                value = clean(text)
                if encoding and encoding != mixed:
                    converted.append(converter.note(cell, value, encoding))
            values[key] = value
        problems = row.problems
        if refused:
            problems, refused = (*problems, *refused), []
        yield SourceRow(row.where, row.line, values, row.columns, tuple(converted) if converted else (), problems)


# --- files ------------------------------------------------------------------------------


def read_rows(
    path: str | Path, kind: FileKind, sheet: str | None = None, columns: Sequence[str] = (),
    notes: ReadNotes | None = None,
) -> Iterator[SourceRow]:
    """The rows of a .csv or .xlsx file of `kind`; `notes` collects what the person must be told."""
    explicit = parse_column_options(kind, columns)
    path = _readable(path, sheet)
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):  # a .xls `_readable` let through is a workbook
        from thidua_cli.services.xlsx_reader import read_xlsx_rows

        yield from read_xlsx_rows(path, kind, sheet, explicit, notes)
        return
    fields = kind.fields()
    place = {field: index for index, field in enumerate(fields)}
    for row in _csv_file(path, kind, explicit, notes, fields):
        values = row.values
        yield SourceRow(row.where, row.line, {field: values[place[field]] for field in row.cells}, row.cells,
                        row.converted, row.problems)


def read_table(
    path: str | Path, kind: FileKind, fields: Sequence[str], sheet: str | None = None, columns: Sequence[str] = (),
    notes: ReadNotes | None = None,
) -> Iterator[TableRow]:
    """`read_rows` as lists of `fields`: what a million-row import reads (no dict per row on a CSV file)."""
    explicit = parse_column_options(kind, columns)
    path = _readable(path, sheet)
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):  # a .xls `_readable` let through is a workbook
        from thidua_cli.services.xlsx_reader import read_xlsx_rows

        for row in read_xlsx_rows(path, kind, sheet, explicit, notes):
            got = row.values.get
            yield TableRow(row.where, row.line, [got(field) for field in fields], row.cells, row.converted, row.problems)
        return
    yield from _csv_file(path, kind, explicit, notes, fields)


def read_layout(path: str | Path, kind: FileKind, sheet: str | None = None, columns: Sequence[str] = ()) -> frozenset[str]:
    """The fields the file's header row gives a column, found as `read_rows` finds it; a file without one is
    refused as `read_rows` refuses it. Read no further than its first row."""
    return frozenset(read_positions(path, kind, sheet, columns))


def read_positions(path: str | Path, kind: FileKind, sheet: str | None = None, columns: Sequence[str] = ()) -> dict[str, int]:
    """`read_layout` with where each field's column is (its index): two readings of a file are told apart by it."""
    return read_headers(path, kind, sheet, columns)[1]


def read_headers(path: str | Path, kind: FileKind, sheet: str | None = None,
                 columns: Sequence[str] = ()) -> tuple[list[str], dict[str, int]]:
    """The header row's texts, column by column, and where each field of `kind` is in it."""
    notes = ReadNotes()
    rows = read_rows(path, kind, sheet, columns, notes)
    try:
        next(rows, None)
    finally:
        rows.close()
    return notes.headers, notes.positions


def year_header(path: str | Path, kind: FileKind, usual: FileKind, first_year: int, sheet: str | None = None,
                columns: Sequence[str] = ()) -> tuple[dict[str, int], tuple[str, ...]] | None:
    """The header of a table kept one column per year (`kind`: "Họ và tên | 2022 | 2023"): (where each field's
    column is, the years it has as fields); None for the usual table (`usual`, a row per year or award), or a file
    the usual reading refuses — a header of years the reader refused (two "Năm 2024" columns) gives its reason."""
    try:
        fields = read_positions(path, kind, sheet, columns)
    except ThiduaError as refused:
        if kind.column(str(first_year)).label in refused.message:  # no column of a year: the usual table
            return None
        try:
            read_layout(path, usual, sheet, columns)
        except ThiduaError:
            raise refused from None
        return None
    years = tuple(field for field in kind.fields() if field in fields and field.isdigit())
    return (fields, years) if years else None


def _readable(path: str | Path, sheet: str | None) -> Path:
    """The path, refused by name unless it is a file thidua reads (.csv, .txt, .xlsx, .xlsm)."""
    path = Path(path)
    if not path.exists():
        raise ThiduaError(f"không tìm thấy tệp {path}")
    if path.is_dir():
        raise ThiduaError(f"{path} là thư mục, không phải tệp")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return path
    if suffix == ".xls":
        with open(path, "rb") as handle:
            start = handle.read(512)
        if start.startswith(b"PK\x03\x04"):  # a workbook (.xlsx) a program named .xls: Excel opens it, so does thidua
            return path
        from thidua_cli.services.xls_workbook import is_binary_workbook

        if is_binary_workbook(start):  # Excel 97–2003: read as the .xlsx it would be saved as (xls_workbook)
            return path
        text = start.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n").replace(b"\x00", b"").lower()
        if text.startswith(b"<"):  # what web software exports as "Excel": a web page or XML table named .xls
            raise ThiduaError(
                f"tệp {path.name} mang đuôi .xls nhưng là trang web (HTML/XML) do một phần mềm xuất ra, không phải sổ "
                f"làm việc Excel; chưa đọc được",
                hint="mở tệp bằng Excel rồi Lưu thành → Sổ làm việc Excel (.xlsx), hoặc CSV UTF-8",
            )
        raise ThiduaError(
            f"tệp {path.name} mang đuôi .xls nhưng không phải sổ làm việc Excel; chưa đọc được",
            hint="mở tệp bằng Excel rồi Lưu thành → Sổ làm việc Excel (.xlsx), hoặc CSV UTF-8",
        )
    if suffix not in (".csv", ".txt"):
        raise ThiduaError(f"tệp {path.name}: chỉ đọc được .csv, .xlsx hoặc .xls")
    if sheet:
        raise UsageError("--sheet chỉ dùng với tệp Excel (.xlsx, .xls)")
    return path


def _csv_file(path: Path, kind: FileKind, explicit: dict[str, str], notes: ReadNotes | None, fields: Sequence[str]):
    with open(path, encoding=_encoding(path), newline="") as handle:
        yield from _csv_rows(path, handle, kind, explicit, notes, fields)


def _encoding(path: Path) -> str:
    """UTF-8 (with or without BOM), UTF-16 with its BOM, else an 8-bit Windows code page; refused when it cannot be told.

    8-bit files: text typed in TCVN3/VNI fonts was saved byte for byte
    (Windows-1252), which Latin-1 reads back as the legacy converter expects;
    anything else is taken as Windows-1258 (Vietnamese). UTF-8 and UTF-16 are
    checked over the whole file in 1 MB chunks, so that the file is then read
    as a stream: memory does not grow with the file (1,000,000 rows: 110 MB).
    NUL bytes never occur in text of an 8-bit or UTF-8 file: with no BOM, a file
    holding them is UTF-16 without its mark, or not text at all — either way its
    letters cannot be known, and guessing would import garbage."""
    with open(path, "rb") as handle:
        start = handle.read(4096)
        utf16 = start[:2] in (b"\xff\xfe", b"\xfe\xff")
        if utf16 and not _decodes(handle, "utf-16"):
            raise ThiduaError(f"tệp {path.name} có dấu UTF-16 nhưng nội dung bị hỏng hoặc bị cắt cụt")
        if utf16:
            return "utf-16"
        if b"\x00" in start:
            raise _unknown_encoding(path, start)
        if _decodes(handle, "utf-8-sig"):
            return "utf-8-sig"
    from thidua_cli.domain.legacy import detect_legacy

    data = path.read_bytes()  # an 8-bit file: rare, and decided on its whole text as before
    if b"\x00" in data:
        raise _unknown_encoding(path, data)
    broken = _broken_utf8(path, data)
    if broken is not None:
        raise broken
    if detect_legacy(data.decode("latin-1")):
        return "latin-1"
    try:
        data.decode("cp1258")
    except UnicodeDecodeError:
        raise ThiduaError(f"tệp {path.name} không phải văn bản UTF-8", hint="trong Excel chọn Lưu thành → CSV UTF-8") from None
    return "cp1258"


def _broken_utf8(path: Path, data: bytes) -> ThiduaError | None:
    """A UTF-8 file with a few bytes that are not UTF-8 (a character pasted from a file saved as ANSI, rows of two files
    put together): read as Windows-1258, every letter with a mark of its UTF-8 rows would be stored garbled ("Táº­p
    huáº¥n") without a word. Letters Windows-1258 text never makes in UTF-8 tell it (three at least); the lines that are
    not UTF-8 are named."""
    text = data.decode("utf-8", errors="replace")
    good = sum(1 for char in text if char > "\x7f" and char != "\ufffd")
    if good < 3:
        return None
    lines = [str(number) for number, line in enumerate(text.splitlines(), 1) if "\ufffd" in line]
    shown = ", ".join(lines[:10]) + (f" … và {len(lines) - 10} dòng khác" if len(lines) > 10 else "")
    return ThiduaError(
        f"tệp {path.name} có dòng viết theo UTF-8 và dòng không đọc được theo UTF-8 (dòng {shown}: ký tự dán từ tệp "
        f"lưu kiểu ANSI, hay ghép hai tệp khác bảng mã) — đọc theo một bảng mã thì chữ có dấu của các dòng kia hỏng; "
        f"chưa đọc gì",
        hint="mở tệp bằng Notepad, gõ lại các chữ hỏng ở những dòng ấy, rồi Lưu thành → Mã hoá UTF-8",
    )


def _unknown_encoding(path: Path, sample: bytes) -> ThiduaError:
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if max(even, odd) >= len(sample) // 4 and min(even, odd) <= max(even, odd) // 10:
        what = "có vẻ là UTF-16 nhưng thiếu dấu BOM đầu tệp"
    else:
        what = "có byte NUL, không phải tệp văn bản"
    return ThiduaError(
        f"tệp {path.name} {what}: không xác định được bảng mã, chưa đọc gì",
        hint="mở tệp bằng Excel hoặc Notepad rồi lưu lại dạng CSV UTF-8",
    )


def _decodes(handle, encoding: str) -> bool:
    handle.seek(0)
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        while chunk := handle.read(1 << 20):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _delimiter(lines: list[str]) -> str:
    """`,`, `;` or tab: the one the first line holding any of them uses most (a title line may hold none)."""
    for line in lines:
        counts = {d: line.count(d) for d in (",", ";", "\t")}
        best = max(counts, key=lambda d: (counts[d], d == ","))
        if counts[best]:
            return best
    return ","


def _header_delimiter(lines: list[str], kind: FileKind, explicit: dict[str, str]) -> str:
    """The delimiter under which the first lines hold the header naming most of the kind's columns: a title
    line above a ";" table often holds a comma ("KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI NĂM 2025") and is no guide.
    When the lines hold one delimiter only, or no header tells them apart, `_delimiter` decides."""
    first = _delimiter([line.rstrip("\r\n") for line in lines])
    present = [d for d in (",", ";", "\t") if any(d in line for line in lines)]
    if len(present) < 2:
        return first
    converter = LegacyCells()

    def named(delimiter: str) -> int:
        try:
            records = list(csv.reader(lines, delimiter=delimiter))
        except csv.Error:
            return 0
        return max((len(_map_headers([clean(converter.convert(None, cell, None)[0]) for cell in record], kind, explicit).mapping)
                    for record in records), default=0)

    scores = {d: named(d) for d in present}
    best = max(present, key=lambda d: (scores[d], d == first))
    return best if scores[best] > scores.get(first, 0) else first


def _legacy_header_reader(handle, first_rows: list[tuple[int, list[str]]], converter: LegacyCells):
    """How the header cells of a CSV file are read: in the legacy encoding the first rows as a whole are typed in
    (a file saved from a sheet in VNI-Times or .VnTime), so that a short header no cell alone tells ("Ñôn vò",
    "Ngaøy") is named in Unicode ("Đơn vị") as the office reads it on its sheet; else cell by cell."""
    from thidua_cli.domain import legacy

    found = None
    if getattr(handle, "encoding", "") == "latin-1":  # an 8-bit file typed in a legacy font (`_encoding`)
        found = legacy.detect_legacy("\n".join(cell for _, record in first_rows for cell in record if not cell.isascii()))

    def read(cell: str) -> str:
        if found and not cell.isascii():
            text, encoding = legacy.read_in_column(cell, found)
            if encoding in ("tcvn3", "vni"):
                return clean(text)
        return clean(converter.convert(None, cell, None)[0])

    return read


def _csv_rows(
    path: Path, handle, kind: FileKind, explicit: dict[str, str], notes: ReadNotes | None, fields: Sequence[str],
) -> Iterator[TableRow]:
    first_lines = [line for line in (handle.readline() for _ in range(HEADER_SEARCH_ROWS)) if line]
    handle.seek(0)
    delimiter = _header_delimiter(first_lines, kind, explicit)
    reader = _CsvRecords(path, csv.reader(handle, delimiter=delimiter, strict=True))
    converter = LegacyCells()
    first_rows: list[tuple[int, list[str]]] = []
    for record in reader:
        first_rows.append((reader.line_num, record))
        if len(first_rows) >= HEADER_SEARCH_ROWS:
            break
    if not first_rows:
        raise ThiduaError(f"tệp {path.name} trống")
    header_text = _legacy_header_reader(handle, first_rows, converter)
    candidates = [[header_text(cell) for cell in record] for _, record in first_rows]

    def column_of(index: int, header: str, plain: bool = False) -> str:
        if not header:
            return f"cột {index + 1} (không có tiêu đề)"
        return header if plain else f'cột "{header}"'

    combined = two_level_headers(candidates, lambda i: _saved_merge(candidates[i], candidates[i + 1]), carry=True)
    layout = find_header(
        candidates, kind, path.name, explicit, lambda i: f"dòng {first_rows[i][0]}", column_of, notes, combined,
    )
    headers = layout.headers
    width = len(headers)
    # how many cells the file's rows carry: the header line's, or the first data row's when a spreadsheet
    # padded its rows with empty cells past the header; a row longer than that has been pushed
    header_cells = width
    while width and not headers[width - 1]:
        width -= 1
    columns = {field: headers[i] for i, field in layout.mapping.items()}
    position = {field: i for i, field in layout.mapping.items()}
    untitled = [i for i in range(width) if not headers[i]]
    untitled_with_values: set[int] = set()
    cells = _ColumnCells(converter, [field if field in position else None for field in fields], columns)
    converter.learn(_ahead(path, handle, delimiter, layout.index, position))

    # One pass straight over csv (a million rows run here): the usual row has the header's width, one
    # line, and cells seen before in their columns; anything else takes the slower branches.
    handle.seek(0)
    parsed = csv.reader(handle, delimiter=delimiter, strict=True)
    previous_line = 0
    first = True
    indexes = [position.get(field, -1) for field in fields]  # -1: the empty cell appended to every row
    # a row naming nobody (no code, no name) may be the table's "Tổng cộng" row
    guard = ([position[field] for field in kind.identity if field in position]
             or [position[field] for field in kind.required[0] if field in position])
    guard_first, guard_rest = guard[0], guard[1:]
    # the header typed again on each printed page: its cell over the codes (or names), as the file holds it
    header_words = {word for _, record in first_rows[max(layout.index - 1, 0):layout.index + 1]
                    if guard_first < len(record) and record[guard_first].strip()
                    for word in (record[guard_first], record[guard_first].strip())}  # a copy: one set lookup a row
    names_only = kind.identity[0] not in position  # a group's heading then stands in the names' column
    someone: set[str] = set()  # the codes and names seen naming a subject: each asked once in a million rows

    def names_nobody(cell: str) -> bool:
        if names_no_one(cell):
            return True
        someone.add(cell)
        return False

    used_positions = sorted(position.values())
    pick = itemgetter(*indexes) if len(indexes) > 1 else lambda record: (record[indexes[0]],)
    known, finish, refused = cells.known, cells.finish, cells.refused
    new_row = partial(tuple.__new__, TableRow)  # a NamedTuple's own constructor is a Python function
    try:
        for _ in range(layout.index + 1):  # the title rows and the header, read already
            next(parsed)
            previous_line = parsed.line_num
        for record in parsed:
            line = parsed.line_num
            start, previous_line = previous_line + 1, line
            if (not record or not record[0] or record[0].isspace()) and not "".join(record).strip():
                continue
            if first:
                first = False
                header_cells = max(header_cells, len(record))
                if is_numbering_row(record):
                    continue
            problems = ()
            if len(record) != width or line > start:
                problems = _shape_problems(record, width, start, delimiter, header_cells)
                if len(record) < width:
                    record += [""] * (width - len(record))
            who = record[guard_first]
            if (notes is not None and who in header_words
                    and repeats_header([header_text(cell) for cell in record], headers)):
                notes.repeated.append(f"dòng {start}")
                first = True  # the column numbers "(1), (2)…" under it, as under the first header
                continue
            if (notes is not None and (names_only or holds_no_code(who, [record[i] for i in guard_rest]))
                    and len(record) - record.count("") <= 2
                    and (heading := group_heading_note(f"dòng {start}", record))):
                notes.heading_row(start, heading)
                continue
            if not who and notes is not None and not any(record[i] for i in used_positions):
                stray = stray_note(f"dòng {start}", record)  # a note under the table, or a form's numbered empty row
                if stray is not None:
                    notes.stray.append(stray)
                continue
            if (notes is not None and (not who or (who not in someone and names_nobody(who)))
                    and not any(record[i] and not names_no_one(record[i]) for i in guard_rest)):
                total = total_row_note(f"dòng {start}", ((column_of(i, headers[i] if i < len(headers) else "", True), cell)
                                                          for i, cell in enumerate(record)))
                if total is not None:
                    notes.totals.append(total)
                    if "points" in position:  # compared with the rows' sum (import-entries)
                        notes.total_points.append((start, f"dòng {start}", record[position["points"]]))
                    continue
                if starts_footer(record, map(record.__getitem__, used_positions)):  # the rest: place, date, signers
                    notes.footer.append(footer_note(f"dòng {start}", record))
                    signed = start
                    for record in parsed:
                        start = previous_line + 1
                        previous_line = parsed.line_num
                        if "".join(record).strip():
                            notes.footer.append(footer_note(f"dòng {start}", record))
                            if all(any(position[field] < len(record) and record[position[field]].strip()
                                       for field in group if field in position) for group in kind.required):
                                # a row of the table typed under the signatures ("bổ sung"): not left out unseen
                                at = next((i for i in guard if i < len(record) and record[i].strip()),
                                          next(i for i in sorted(position.values()) if i < len(record) and record[i].strip()))
                                field = next(f for f, i in position.items() if i == at)
                                yield new_row((f"dòng {start}", start, [""] * len(fields), columns, (), (RowError(
                                    f"dòng {start}", columns.get(field, field), record[at], below_signatures(signed)),)))
                    break
            if untitled:
                for i in untitled:
                    if record[i].strip():
                        untitled_with_values.add(i)
            record.append("")
            raw = pick(record)
            values = list(map(dict.get, known, raw))
            converted = ()
            if None in values:
                converted = finish(values, raw, start)
                if refused:
                    problems, refused[:] = (*problems, *refused), ()
            yield new_row((f"dòng {start}", start, values, columns, converted, problems))
    except csv.Error as error:
        raise _csv_error(path, parsed, error, previous_line + 1) from None
    if notes is not None and untitled_with_values:
        notes.unused.extend(column_of(i, "") for i in sorted(untitled_with_values))


def _ahead(path: Path, handle, delimiter: str, header_index: int, position: dict[str, int]) -> list[RawRow]:
    """The first data rows (`LEGACY_SAMPLE_ROWS`), read apart to learn each column's encoding before the
    pass; a malformed record ends them (the pass names it)."""
    handle.seek(0)
    rows: list[RawRow] = []
    try:
        for index, record in enumerate(csv.reader(handle, delimiter=delimiter, strict=True)):
            if index > header_index:
                rows.append(RawRow("", 0, {field: record[i] for field, i in position.items() if i < len(record)}, {}))
                if len(rows) >= LEGACY_SAMPLE_ROWS:
                    break
    except csv.Error:
        pass
    return rows


def excel_text(cell: str) -> str:
    """A CSV cell as Excel shows it: ="001" (what programs write so that Excel keeps a code's zeros, or a code as
    text) is 001."""
    if cell.startswith('="') and cell.endswith('"') and len(cell) >= 3:
        return cell[2:-1].replace('""', '"')
    return cell


class _ColumnCells:
    """Each distinct cell of a column converted from a legacy font and cleaned once (a column repeats its
    dates, codes, points and notes). `known[slot]` maps a cell to its clean text; a converted cell is
    kept apart so that its conversion is still reported on every row that holds it. A field the file has
    no column for reads the empty cell every row is given at its end."""

    def __init__(self, converter: LegacyCells, keys: list[str | None], columns: dict[str, str]):
        self.converter = converter
        self.keys = keys
        self.columns = columns  # field -> its header as written
        self.refused: list[RowError] = []  # cells `finish` found typed in two legacy encodings at once, taken by the row
        from thidua_cli.domain.legacy import MIXED

        self.mixed = MIXED
        self.known: list[dict[str, str]] = [{} if key else {"": ""} for key in self.keys]
        self.legacy: list[dict[str, tuple[str, str]]] = [{} for _ in self.keys]
        from thidua_cli.domain.legacy import is_unicode_vietnamese

        self.unicode_vietnamese = is_unicode_vietnamese

    def finish(self, values: list, raw: tuple, line: int) -> tuple[str, ...]:
        """Fill in the cells seen for the first time (None in `values`); the conversion notes of the row.

        A column of notes or evidence holds a new text on most rows: that path is kept short."""
        converted = []
        slot = values.index(None)
        while True:
            cell = raw[slot]
            found = self.legacy[slot].get(cell) if self.legacy[slot] else None
            if found is None and (cell.isascii() or self.unicode_vietnamese(cell)):  # never legacy text
                text = values[slot] = clean(excel_text(cell))
                remembered = self.known[slot]
                if len(remembered) < CELLS_REMEMBERED:
                    remembered[cell] = text
            else:
                if found is None:
                    text, encoding = self.converter.convert(self.keys[slot], excel_text(cell), None)
                    found = (clean(text), encoding)
                    remembered = self.legacy[slot] if encoding else self.known[slot]
                    if len(remembered) < CELLS_REMEMBERED:
                        remembered[cell] = found if encoding else found[0]
                values[slot] = found[0]
                if found[1] == self.mixed:
                    key = self.keys[slot]
                    self.refused.append(self.converter.refusal(f"dòng {line}", self.columns.get(key, key), key, cell))
                elif found[1]:
                    key = self.keys[slot]
                    label = f'dòng {line}, cột "{self.columns.get(key, key)}"'
                    converted.append(self.converter.note(RawCell(cell, label), found[0], found[1]))
            if None not in values:  # most rows hold one new cell, a note or an evidence
                return tuple(converted)
            slot = values.index(None)


def _shape_problems(record: list[str], width: int, line: int, delimiter: str, header_cells: int | None = None) -> tuple[RowError, ...]:
    """A row that does not line up with the header: a delimiter typed in a value, a value lost, a quote left open.

    Empty cells past the titled columns are what a spreadsheet writes up to its widest row, and are let
    through; a row with more cells than the file's rows carry (`header_cells`) has had its cells pushed
    one column on by a stray delimiter, even when the cell pushed out at its end is empty."""
    where = f"dòng {line}"
    shown = "dấu chấm phẩy" if delimiter == ";" else "dấu phẩy" if delimiter == "," else "dấu tab"
    pushed = header_cells is not None and len(record) > max(width, header_cells)
    if len(record) > width and (pushed or any(cell.strip() for cell in record[width:])):
        # as typed; a cell typed in a legacy font (8-bit letters only) as the office reads it on its sheet
        extra = "; ".join(f'"{cell if cell.isascii() or any(ord(c) > 0xFF for c in cell) else as_read(cell)}"'
                          for cell in record[width:] if cell.strip()) or "để trống"
        return (RowError(where, "", None, (
            f"có {len(record)} ô nhưng dòng tiêu đề có {width} cột (ô thừa: {extra}) — "
            f"có {shown} trong một ô mà không đặt ô đó trong dấu ngoặc kép? Các ô sau nó đã lệch sang cột bên cạnh"
        )),)
    if len(record) < width:
        return (RowError(where, "", None, (
            f"có {len(record)} ô nhưng dòng tiêu đề có {width} cột — thiếu ô (ô trống vẫn cần {shown} ngăn cách)"
        )),)
    for cell in record:
        if "\n" in cell and any(part.count(delimiter) >= max(width - 1, 1) for part in cell.split("\n")):
            return (RowError(where, "", None, (
                "một ô chứa cả dòng dữ liệu sau nó — dấu ngoặc kép mở trong ô này không được đóng đúng chỗ"
            )),)
    return ()


class _CsvRecords:
    """csv.reader that turns a malformed file (an unclosed quote, a huge cell) into one `Lỗi:` line."""

    def __init__(self, path: Path, reader):
        self.path = path
        self.reader = reader

    @property
    def line_num(self) -> int:
        return self.reader.line_num

    def __iter__(self):
        return self

    def __next__(self):
        start = self.reader.line_num + 1
        try:
            return next(self.reader)
        except csv.Error as error:
            raise _csv_error(self.path, self.reader, error, start) from None


def _csv_error(path: Path, reader, error: csv.Error, start: int) -> ThiduaError:
    """A malformed CSV (an unclosed quote swallowing the rest of the file, a huge cell): one line, with where."""
    why = str(error)
    if "field larger than field limit" in why:
        why = "có một ô quá dài (thường do dấu ngoặc kép mở mà không đóng)"
    elif "unexpected end of data" in why:
        return ThiduaError(
            f"tệp {path.name}, dòng {start}: dấu ngoặc kép mở trong dòng này không được đóng, "
            f"nên các dòng sau (đến dòng {reader.line_num}) bị nuốt vào một ô",
            hint="thêm dấu ngoặc kép đóng cuối ô đó, hoặc mở tệp bằng Excel và lưu lại dạng CSV UTF-8",
        )
    elif "expected after" in why:
        why = "có dấu ngoặc kép lẫn giữa ô (sau dấu ngoặc kép đóng phải là dấu phân cách)"
    return ThiduaError(
        f"tệp {path.name}, dòng {reader.line_num}: không đọc được dạng CSV ({why})",
        hint="mở tệp bằng Excel và lưu lại dạng CSV UTF-8",
    )
