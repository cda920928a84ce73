"""Reading tabular input files (.csv, .xlsx) as rows of named cells.

Headers are matched on the folded key against each file type's aliases, so
"Họ và tên", "ho va ten" and "name" all mean `name`. All text is NFC. Every
row carries what an error must name: the line (CSV) or the sheet, row and
column letter (XLSX).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from thidua_cli.domain.vntext import clean, fold_key
from thidua_cli.errors import ThiduaError

SUBJECT_COLUMNS = {
    "code": ("code", "ma", "ma so", "ma doi tuong", "ma can bo"),
    "name": ("name", "ho va ten", "ten", "ho ten", "ten tap the", "ten doi tuong", "ho va ten / ten tap the"),
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


@dataclass(frozen=True)
class SourceRow:
    where: str  # "dòng 14" or "trang tính Sheet1, dòng 14"
    line: int
    values: dict[str, object]
    cells: dict[str, str]  # column key -> how to name the column ("points" or "D")
    converted: tuple[str, ...] = ()


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
            hint="dòng đầu tiên phải là tiêu đề cột, ví dụ: " + ", ".join(required),
        )


def read_rows(path: str | Path, aliases: dict[str, tuple[str, ...]], required: tuple[str, ...], sheet: str | None = None) -> Iterator[SourceRow]:
    path = Path(path)
    if not path.exists():
        raise ThiduaError(f"không tìm thấy tệp {path}")
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from thidua_cli.services.xlsx_reader import read_xlsx_rows

        yield from read_xlsx_rows(path, aliases, required, sheet, _map_headers, _require)
        return
    if suffix not in (".csv", ".txt"):
        raise ThiduaError(f"tệp {path.name}: chỉ đọc được .csv hoặc .xlsx")
    yield from _read_csv(path, aliases, required)


def _decode(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for encoding in ("utf-16",):
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise ThiduaError(f"tệp {path.name} có dấu UTF-16 nhưng nội dung bị hỏng hoặc bị cắt cụt") from None
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError:
        raise ThiduaError(f"tệp {path.name} không phải văn bản UTF-8", hint="trong Excel chọn Lưu thành → CSV UTF-8") from None


def _read_csv(path: Path, aliases, required) -> Iterator[SourceRow]:
    from thidua_cli.domain import legacy_text

    text = _decode(path)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    if first_line.count("\t") > max(first_line.count(";"), first_line.count(",")):
        delimiter = "\t"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = [clean(h) for h in next(reader)]
    except StopIteration:
        raise ThiduaError(f"tệp {path.name} trống") from None
    except csv.Error as error:
        raise _csv_error(path, reader, error) from None
    mapping = _map_headers(headers, aliases, path.name)
    _require(mapping, required, path.name, headers)
    cells = {key: key for key in mapping.values()}
    records = iter(reader)
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except csv.Error as error:
            raise _csv_error(path, reader, error) from None
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        values: dict[str, object] = {}
        converted = []
        for index, key in mapping.items():
            raw = record[index] if index < len(record) else ""
            value, encoding = legacy_text.to_unicode(raw)
            if encoding:
                converted.append(f"dòng {line}, cột {key}: {encoding.upper()} → Unicode")
            values[key] = clean(value)
        yield SourceRow(where=f"dòng {line}", line=line, values=values, cells=cells, converted=tuple(converted))


def _csv_error(path: Path, reader, error: csv.Error) -> ThiduaError:
    """A malformed CSV (an unclosed quote swallowing the rest of the file, a huge cell): one line, with where."""
    why = str(error)
    if "field larger than field limit" in why:
        why = "có một ô quá dài (thường do dấu ngoặc kép mở mà không đóng)"
    return ThiduaError(
        f"tệp {path.name}, dòng {reader.line_num}: không đọc được dạng CSV ({why})",
        hint="mở tệp bằng Excel và lưu lại dạng CSV UTF-8",
    )
