"""Reading tabular input files (.csv, .xlsx) as rows of named cells.

Headers are matched on the folded key against each file type's aliases, so
"Họ và tên", "ho va ten" and "name" all mean `name`. The header row need not
be the first: the first of the first 10 rows that names every required column
is taken (offices put a title above the table), and a column-numbering row
right under it ("1, 2, 3…" or "(1), (2)…") is skipped. All text is NFC.
Every row carries what an error must name: the line (CSV) or the sheet, row
and column letter (XLSX).

Text typed in a legacy Vietnamese encoding (TCVN3/ABC, VNI-Windows) is
converted to Unicode cell by cell, and every converted cell is reported:
  1. an XLSX cell whose font is a TCVN3 (.VnTime, .VnTimeH…) or VNI
     (VNI-Times…) font is read in that encoding;
  2. otherwise, a column whose first rows read as legacy text as a whole is
     read in that encoding (short words like "Hµ" are too weak alone);
  3. otherwise each cell is checked on its own character patterns.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from thidua_cli.domain.vntext import clean, fold_key
from thidua_cli.errors import ThiduaError, UsageError

SUBJECT_COLUMNS = {
    "code": ("code", "ma", "ma so", "ma doi tuong", "ma can bo"),
    "name": ("name", "ho va ten", "ten", "ho ten", "ten tap the", "ten doi tuong", "ho va ten / ten tap the",
             "ho va ten / tap the"),
    "kind": ("kind", "loai", "phan loai", "loai doi tuong"),
    "unit": ("unit", "don vi", "phong", "don vi cong tac"),
    "position": ("position", "chuc vu", "chuc danh"),
    "gender": ("gender", "gioi tinh", "gioi"),
    "female_percent": ("female_percent", "ty le nu", "ti le nu", "ty le nu (%)", "ti le nu (%)", "% nu"),
}
ENTRY_COLUMNS = {
    "date": ("date", "ngay", "ngay dat duoc", "ngay ghi nhan"),
    "subject": ("subject", "doi tuong", "ma doi tuong", "ma", "ho va ten", "ten"),
    "criterion": ("criterion", "tieu chi", "ma tieu chi"),
    "points": ("points", "diem", "so diem"),
    "note": ("note", "thanh tich", "ghi chu", "noi dung"),
    "evidence": ("evidence", "minh chung", "van ban", "can cu", "so van ban"),
    "campaign": ("campaign", "phong trao", "ma phong trao"),
    "recorded_by": ("recorded_by", "nguoi ghi", "nguoi nhap"),
}
AWARD_COLUMNS = {
    "subject": ("subject", "doi tuong", "ma doi tuong", "ma", "ho va ten", "ten"),
    "award": ("award", "ma khen thuong", "hinh thuc", "danh hieu", "ma hinh thuc"),
    "name": ("name", "ten hinh thuc", "ten khen thuong", "ten danh hieu"),
    "number": ("number", "so quyet dinh", "so qd", "so"),
    "date": ("date", "ngay", "ngay quyet dinh", "ngay qd"),
    "issuer": ("issuer", "cap", "co quan", "cap khen", "noi cap"),
}

HEADER_SEARCH_ROWS = 10  # the header row is looked for among the first rows
LEGACY_SAMPLE_ROWS = 200  # rows read ahead to decide a column's encoding


# NamedTuples, not frozen dataclasses: a million-row import builds one RawRow,
# one SourceRow and a RawCell per column for every row (3× cheaper each).
class SourceRow(NamedTuple):
    where: str  # "dòng 14" or 'trang tính "Sheet1", dòng 14'
    line: int
    values: dict[str, object]
    cells: dict[str, str]  # column key -> how to name the column ("points" or "D")
    converted: tuple[str, ...] = ()


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


def _map_headers(headers: list[str], aliases: dict[str, tuple[str, ...]], filename: str) -> dict[int, str]:
    lookup = {alias: key for key, names in aliases.items() for alias in names}
    mapping: dict[int, str] = {}
    for index, header in enumerate(headers):
        key = lookup.get(fold_key(header).strip(" :*"))
        if key and key not in mapping.values():
            mapping[index] = key
    return mapping


def _require(mapping: dict[int, str], required: tuple[str, ...], filename: str, headers: list[str]) -> None:
    missing = [key for key in required if key not in mapping.values()]
    if missing:
        found = ", ".join(h for h in headers if h) or "(trống)"
        raise ThiduaError(
            f"tệp {filename} thiếu cột {', '.join(missing)} (dòng tiêu đề có: {found})",
            hint=f"dòng tiêu đề (một trong {HEADER_SEARCH_ROWS} dòng đầu) phải có các cột: " + ", ".join(required),
        )


def find_header(
    candidates: list[list[str]], aliases: dict[str, tuple[str, ...]], required: tuple[str, ...], filename: str,
    map_headers: Callable = _map_headers, require: Callable = _require,
) -> tuple[int, dict[int, str]]:
    """(index of the header row among `candidates`, column index -> key).

    The first row that names every required column wins; when none does, the
    row naming the most columns (or the first non-empty one) is reported as
    missing columns."""
    best: tuple[int, int, dict[int, str]] | None = None
    for index, headers in enumerate(candidates):
        if not any(headers):
            continue
        mapping = map_headers(headers, aliases, filename)
        if all(key in mapping.values() for key in required):
            return index, mapping
        if best is None or len(mapping) > best[1]:
            best = (index, len(mapping), mapping)
    if best is None:
        raise ThiduaError(f"tệp {filename} trống")
    require(best[2], required, filename, candidates[best[0]])
    return best[0], best[2]  # pragma: no cover - require() raised


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

_PSEUDO_FONT = {"tcvn3": ".VnTime", "vni": "VNI-Times"}
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
            if found:
                self.columns[key] = found

    def convert(self, key: str | None, text: str, font: str | None) -> tuple[str, str | None]:
        """(text in Unicode, "tcvn3" | "vni" | None)."""
        legacy = self._legacy
        if legacy.encoding_for_font(font) is None:
            if text.isascii():
                return text, None
            column = self.columns.get(key) if key else None
            font = _PSEUDO_FONT[column] if column else None
        memo_key = (text, font)
        found = self._memo.get(memo_key)
        if found is None:
            if len(self._memo) > 20000:  # units, positions, names repeat; notes seldom do
                self._memo.clear()
            found = self._memo[memo_key] = legacy.to_unicode(text, font)
        return found

    def note(self, cell: RawCell, text: str, encoding: str) -> str:
        font = f" (phông {cell.font})" if self._legacy.encoding_for_font(cell.font) else ""
        shown = text if len(text) <= 60 else text[:57] + "…"
        return f'{cell.label}{font}: {_ENCODING_LABEL[encoding]} → Unicode "{shown}"'


def finish_rows(raw_rows: Iterator[RawRow], converter: LegacyCells | None = None) -> Iterator[SourceRow]:
    """Legacy text → Unicode, then NFC and spaces cleaned; the first rows are read ahead to learn each column."""
    converter = converter or LegacyCells()
    ahead: list[RawRow] = []
    for row in raw_rows:
        ahead.append(row)
        if len(ahead) >= LEGACY_SAMPLE_ROWS:
            break
    converter.learn(ahead)

    def all_rows() -> Iterator[RawRow]:
        yield from ahead
        ahead.clear()
        yield from raw_rows

    for row in all_rows():
        values: dict[str, object] = {}
        converted: list[str] = []
        for key, cell in row.cells.items():
            if type(cell) is str:  # a CSV cell
                if cell.isascii():  # plain ASCII is never legacy text
                    values[key] = clean(cell)
                    continue
                text, encoding = converter.convert(key, cell, None)
                value = clean(text)
                if encoding:
                    converted.append(converter.note(RawCell(cell, f'{row.where}, cột "{key}"'), value, encoding))
                values[key] = value
                continue
            value = cell.value
            if isinstance(value, str):
                text, encoding = converter.convert(key, value, cell.font)
                value = clean(text)
                if encoding:
                    converted.append(converter.note(cell, value, encoding))
            values[key] = value
        yield SourceRow(row.where, row.line, values, row.columns, tuple(converted) if converted else ())


# --- files ------------------------------------------------------------------------------


def read_rows(path: str | Path, aliases: dict[str, tuple[str, ...]], required: tuple[str, ...], sheet: str | None = None) -> Iterator[SourceRow]:
    path = Path(path)
    if not path.exists():
        raise ThiduaError(f"không tìm thấy tệp {path}")
    if path.is_dir():
        raise ThiduaError(f"{path} là thư mục, không phải tệp")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from thidua_cli.services.xlsx_reader import read_xlsx_rows

        yield from read_xlsx_rows(path, aliases, required, sheet, _map_headers, _require)
        return
    if suffix == ".xls":
        raise ThiduaError(
            f"tệp {path.name} là định dạng Excel cũ (.xls), chưa đọc được",
            hint="mở tệp bằng Excel rồi Lưu thành → Sổ làm việc Excel (.xlsx), hoặc CSV UTF-8",
        )
    if suffix not in (".csv", ".txt"):
        raise ThiduaError(f"tệp {path.name}: chỉ đọc được .csv hoặc .xlsx")
    if sheet:
        raise UsageError("--sheet chỉ dùng với tệp .xlsx")
    yield from _read_csv(path, aliases, required)


def _encoding(path: Path) -> str:
    """UTF-8 (with or without BOM), UTF-16, else an 8-bit Windows code page.

    8-bit files: text typed in TCVN3/VNI fonts was saved byte for byte
    (Windows-1252), which Latin-1 reads back as the legacy converter expects;
    anything else is taken as Windows-1258 (Vietnamese). UTF-8 and UTF-16 are
    checked over the whole file in 1 MB chunks, so that the file is then read
    as a stream: memory does not grow with the file (1,000,000 rows: 110 MB)."""
    with open(path, "rb") as handle:
        utf16 = handle.read(2) in (b"\xff\xfe", b"\xfe\xff")
        if utf16 and not _decodes(handle, "utf-16"):
            raise ThiduaError(f"tệp {path.name} có dấu UTF-16 nhưng nội dung bị hỏng hoặc bị cắt cụt")
        if utf16:
            return "utf-16"
        if _decodes(handle, "utf-8-sig"):
            return "utf-8-sig"
    from thidua_cli.domain.legacy import detect_legacy

    data = path.read_bytes()  # an 8-bit file: rare, and decided on its whole text as before
    if detect_legacy(data.decode("latin-1")):
        return "latin-1"
    try:
        data.decode("cp1258")
    except UnicodeDecodeError:
        raise ThiduaError(f"tệp {path.name} không phải văn bản UTF-8", hint="trong Excel chọn Lưu thành → CSV UTF-8") from None
    return "cp1258"


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


def _read_csv(path: Path, aliases, required) -> Iterator[SourceRow]:
    with open(path, encoding=_encoding(path), newline="") as handle:
        yield from _csv_rows(path, handle, aliases, required)


def _csv_rows(path: Path, handle, aliases, required) -> Iterator[SourceRow]:
    first_lines = [line for line in (handle.readline() for _ in range(HEADER_SEARCH_ROWS)) if line]
    handle.seek(0)
    delimiter = _delimiter([line.rstrip("\r\n") for line in first_lines])
    reader = _CsvRecords(path, csv.reader(handle, delimiter=delimiter))
    converter = LegacyCells()
    first_rows: list[tuple[int, list[str]]] = []
    for record in reader:
        first_rows.append((reader.line_num, record))
        if len(first_rows) >= HEADER_SEARCH_ROWS:
            break
    if not first_rows:
        raise ThiduaError(f"tệp {path.name} trống")
    candidates = [[clean(converter.convert(None, cell, None)[0]) for cell in record] for _, record in first_rows]
    index, mapping = find_header(candidates, aliases, required, path.name)
    columns = {key: key for key in mapping.values()}
    items = list(mapping.items())
    width = max(mapping) + 1

    def records() -> Iterator[tuple[int, list[str]]]:
        yield from first_rows[index + 1:]
        for record in reader:
            yield reader.line_num, record

    def raw_rows() -> Iterator[RawRow]:
        first = True
        for line, record in records():
            if not "".join(record).strip():
                continue
            if first:
                first = False
                if is_numbering_row(record):
                    continue
            if len(record) < width:
                record += [""] * (width - len(record))
            yield RawRow(f"dòng {line}", line, {key: record[i] for i, key in items}, columns)

    yield from finish_rows(raw_rows(), converter)


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
        try:
            return next(self.reader)
        except csv.Error as error:
            raise _csv_error(self.path, self.reader, error) from None


def _csv_error(path: Path, reader, error: csv.Error) -> ThiduaError:
    """A malformed CSV (an unclosed quote swallowing the rest of the file, a huge cell): one line, with where."""
    why = str(error)
    if "field larger than field limit" in why:
        why = "có một ô quá dài (thường do dấu ngoặc kép mở mà không đóng)"
    return ThiduaError(
        f"tệp {path.name}, dòng {reader.line_num}: không đọc được dạng CSV ({why})",
        hint="mở tệp bằng Excel và lưu lại dạng CSV UTF-8",
    )
