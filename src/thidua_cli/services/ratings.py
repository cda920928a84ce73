"""Yearly ratings: list them, import them from a file (all or nothing, like every import).

A row equal to the rating already recorded for that subject and year is a
duplicate and skipped; a different rating for a subject and year that has one
is refused, unless `--replace` (then a new row is added and becomes the
rating; the old one stays in the ledger).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from thidua_cli.domain.ratings import normalise_rating, ratings_hint
from thidua_cli.domain.scoring import name_sort_key
from thidua_cli.domain.vntext import clean
from thidua_cli.errors import FileRowsError, RowError, ThiduaError, UsageError
from thidua_cli.services.ledger_session import session_for
from thidua_cli.services.session import current_user, now_text, today
from thidua_cli.storage import ratings as store
from thidua_cli.storage import subjects as subject_store

RATING_COLUMNS = {
    "subject": ("subject", "doi tuong", "ma doi tuong", "ma", "ma can bo", "ho va ten", "ten", "ho va ten / ten tap the"),
    "year": ("year", "nam", "nam danh gia", "nam xep loai"),
    "rating": ("rating", "xep loai", "xep loai chat luong", "ket qua xep loai", "muc xep loai", "danh gia, xep loai",
               "ket qua danh gia, xep loai"),
}
FIRST_YEAR = 1945
_YEAR_TEXT = re.compile(r"^(?:nam\s*)?(\d{4})(?:\.0+)?$")


@dataclass
class RatingImport:
    rows: int = 0
    added: int = 0
    replaced: int = 0
    duplicates: int = 0
    dry_run: bool = False
    converted: list[str] = field(default_factory=list)


def parse_year(value: object) -> int | None:
    """2023, 2023.0, "2023", "Năm 2023" → 2023; anything else None."""
    from thidua_cli.domain.vntext import fold_key

    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    match = _YEAR_TEXT.match(fold_key(str(value or "")))
    return int(match[1]) if match else None


def _source_rows(path: str, sheet: str | None):
    """The one place a ratings file is read (import batches hook here)."""
    from thidua_cli.services.readers import read_rows

    return read_rows(path, RATING_COLUMNS, ("subject", "year", "rating"), sheet)


def import_ratings(db: str | None, path: str, dry_run: bool = False, replace: bool = False, sheet: str | None = None,
                   by: str | None = None) -> RatingImport:
    from thidua_cli.services.entries import SubjectIndex

    filename = Path(path).name
    report = RatingImport(dry_run=dry_run)
    errors: list[RowError] = []
    new_rows: list[store.NewRating] = []
    last_year = today().year
    with session_for(db) as session:
        subjects = SubjectIndex(subject_store.all_subjects(session.connection))
        recorded = {(r.subject_id, r.year): r.rating for r in store.current_ratings(session.connection)}
        in_file: dict[tuple[int, int], tuple[str, str]] = {}
        recorded_at, recorded_by = now_text(), current_user(by)
        for row in _source_rows(path, sheet):
            report.rows += 1
            report.converted.extend(row.converted)

            def fail(column, value, why):
                errors.append(RowError(row.where, row.cells.get(column, column), value, why))

            subject_text = clean(str(row.values.get("subject") or ""))
            who = subjects.find(subject_text) if subject_text else "trống — cần mã hoặc tên đối tượng"
            if isinstance(who, str):
                fail("subject", subject_text, who)
                who = None
            raw_year = row.values.get("year")
            year = parse_year(raw_year)
            if year is None:
                fail("year", raw_year, "không phải năm (ví dụ 2024)" if clean(str(raw_year or "")) else "trống — cần năm xếp loại")
            elif not FIRST_YEAR <= year <= last_year:
                fail("year", raw_year, f"ngoài khoảng {FIRST_YEAR}–{last_year}")
                year = None
            raw_rating = clean(str(row.values.get("rating") or ""))
            rating = normalise_rating(raw_rating)
            if rating is None:
                fail("rating", raw_rating, f"không phải xếp loại; ghi một trong: {ratings_hint()}" if raw_rating else "trống — cần xếp loại")
            if who is None or year is None or rating is None:
                continue
            key = (who.id, year)
            if key in in_file:
                earlier, where = in_file[key]
                if earlier != rating:
                    fail("rating", raw_rating, f"{who.code} năm {year} đã ghi {earlier} ở {where} của tệp")
                else:
                    report.duplicates += 1
                continue
            in_file[key] = (rating, row.where)
            current = recorded.get(key)
            if current == rating:
                report.duplicates += 1
                continue
            if current is not None:
                if not replace:
                    fail("rating", raw_rating, f"{who.code} — {who.name} năm {year} đã có xếp loại {current} trong sổ (thêm --replace để thay)")
                    continue
                report.replaced += 1
            new_rows.append(store.NewRating(who.id, year, rating, filename, recorded_by, recorded_at))
        if errors:
            raise FileRowsError(filename, errors)
        if report.rows == 0:
            raise ThiduaError(f"tệp {filename} không có dòng dữ liệu nào")
        report.added = len(new_rows) - report.replaced
        if not dry_run and new_rows:
            with session.ledger.write() as connection:
                store.insert_ratings(connection, new_rows)
        return report


def list_ratings(db: str | None, subject: str | None = None, year: int | None = None) -> list[store.RatingRow]:
    """Current ratings: tập thể first, then people in name order; each subject's years in order."""
    if year is not None and not FIRST_YEAR <= year <= date.max.year:
        raise UsageError(f"--year: {year} không phải năm hợp lệ")
    with session_for(db) as session:
        ids = [session.subject(subject).id] if subject else None
        rows = store.current_ratings(session.connection, ids, year)
        subjects = {s.code: s for s in subject_store.all_subjects(session.connection)}
    kind_order = {"collective": 0, "individual": 1}

    def key(row: store.RatingRow):
        who = subjects.get(row.subject)
        return (kind_order.get(row.kind, 2), name_sort_key(who) if who else (), row.subject, row.year)

    return sorted(rows, key=key)
