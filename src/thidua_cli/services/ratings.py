"""Yearly ratings: list them, import them from a file (all or nothing, like every import).

A row equal to the rating already recorded for that subject and year is a
duplicate and skipped; a different rating for a subject and year that has one
is refused, unless `--replace` (then a new row is added and becomes the
rating; the old one stays in the ledger).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NamedTuple

from thidua_cli.domain.file_kinds import FileKind
from thidua_cli.domain.ratings import is_bare_word, is_standard_scale, means_unrated, ratings_hint, read_rating_cell
from thidua_cli.domain.scoring import name_sort_key
from thidua_cli.domain.vntext import clean
from thidua_cli.errors import RowError, ThiduaError, UsageError
from thidua_cli.services.import_result import FileImport, taken_from_option
from thidua_cli.services.ledger_session import session_for
from thidua_cli.services.session import current_user, now_text, today
from thidua_cli.storage import ratings as store
from thidua_cli.storage import subjects as subject_store

FIRST_YEAR = 1945
_YEAR_TEXT = re.compile(r"^(?:nam\s*)?(\d{4})(?:\.0+)?$")


@dataclass
class RatingImport(FileImport):
    replaced: int = 0


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


def import_ratings(db: str | None, path: str, dry_run: bool = False, replace: bool = False, sheet: str | None = None,
                   by: str | None = None, columns: tuple[str, ...] = (), year: int | None = None) -> RatingImport:
    """All rows checked first; any bad row → nothing written. One import batch, like every import.

    `year` (`--year`): the year of the rows that do not say theirs — a file whose title says the year and
    has no "Năm" column (then it need not have one), or empty cells; a row that says its year keeps it.
    A table kept one column per year ("Họ và tên | 2022 | 2023 | 2024") gives one rating per cell filled in."""
    from thidua_cli.domain.file_kinds import RATINGS
    from thidua_cli.services.subject_lookup import index_for
    from thidua_cli.services.imports import subject_rows
    from thidua_cli.services.imports import file_sha256, seen_before, skipped_message
    from thidua_cli.services.readers import ReadNotes
    from thidua_cli.storage import imports as batch_store

    filename = Path(path).name
    report = RatingImport(dry_run=dry_run)
    errors: list[RowError] = []
    new_rows: list[store.NewRating] = []
    last_year = today().year
    if year is not None and not FIRST_YEAR <= year <= last_year:
        raise UsageError(f"--year: {year} ngoài khoảng {FIRST_YEAR}–{last_year}")
    by_year = _by_year_layout(path, sheet, columns, last_year)
    if by_year is not None and year is not None:
        raise UsageError(f"--year: tệp {filename} ghi mỗi năm một cột ({', '.join(by_year.years)}), năm của mỗi "
                         "xếp loại là năm của cột — bỏ --year")
    file_kind = by_year.kind if by_year else RATINGS if year is None else RATINGS.not_requiring("year")
    given: list[str] = []  # rows whose year comes from --year
    titles: list[str] = []  # cells naming a danh hiệu or hình thức, not a rating: left out, named
    beside: list[str] = []  # the cells of a year's "Danh hiệu" column beside its "Xếp loại" one: left out, named
    bare: list[str] = []  # "Tốt", "Xuất sắc" alone: read as the yearly rating, named
    unrated: list[str] = []  # "Không xếp loại", "Nghỉ thai sản": a year not rated, named
    repeated: list[str] = []  # a subject's rating of a year written again, the same: kept once, named
    notes = ReadNotes()
    sha256 = file_sha256(path)
    with session_for(db, dry_run=dry_run) as session:
        earlier = seen_before(session.connection, "ratings", sha256, sheet)
        if earlier is not None:
            report.skipped = skipped_message(path, earlier)
            return report
        subjects = index_for(session.connection)
        recorded = {(r.subject_id, r.year): r.rating for r in store.current_ratings(session.connection)}
        in_file: dict[tuple[int, int], tuple[str, str]] = {}
        recorded_at, recorded_by = now_text(), current_user(by)
        for row, fail, who in subject_rows(path, file_kind, sheet, columns, notes, report, errors, subjects,
                                           subject_store.others_subjects(session.connection)):
            if by_year is None:
                raw_year = row.values.get("year")
                if year is not None and not clean(str(raw_year or "")):
                    raw_year = year
                    given.append(row.where)
                cells = [("rating", _row_year(raw_year, last_year, fail), row.values.get("rating"))]
            else:  # one rating per year cell filled in; an empty cell is no year rated
                cells = [(field, int(field), row.values[field]) for field in by_year.years
                         if field in row.cells and clean(str(row.values[field] or ""))]
                for field in by_year.titles:  # the danh hiệu beside each year's rating: award history, named
                    text = clean(str(row.values.get(field) or ""))
                    if text:
                        beside.append(RowError(row.where, row.cells[field], text, "").describe().rstrip())
            for column, row_year, raw in cells:
                raw_rating = clean(str(raw or ""))
                if row_year is not None and row_year > last_year:  # a column of a year to come: not left out in silence
                    fail(column, raw_rating, f"năm {row_year} chưa đến — chưa có xếp loại (năm nay {last_year})")
                    continue
                reading = read_rating_cell(raw_rating) if raw_rating else None
                if reading is None and means_unrated(raw_rating):  # a year not rated: no rating, said
                    held = recorded.get((who.id, row_year)) if who is not None and row_year is not None else None
                    if held is not None:  # not "the year is left empty" where the ledger holds a rating of it
                        fail(column, raw_rating, f"ghi năm {row_year} không xếp loại, nhưng sổ đã có xếp loại {held} của "
                                                 f"{who.code} — {who.name} năm ấy; ghi đúng xếp loại của năm, hoặc để trống ô")
                        continue
                    unrated.append(RowError(row.where, row.cells.get(column, column), raw_rating, "").describe().rstrip())
                    continue
                if reading is None:
                    scale = (" (mức đánh giá theo chuẩn nghề nghiệp Tốt/Khá/Đạt/Chưa đạt, không phải xếp loại chất "
                             "lượng hằng năm)") if is_standard_scale(raw_rating) else ""
                    fail(column, raw_rating, f"không phải xếp loại{scale}; ghi một trong: {ratings_hint()}" if raw_rating
                         else "trống — cần xếp loại")
                    continue
                if is_bare_word(raw_rating):
                    bare.append(RowError(row.where, row.cells.get(column, column), raw_rating, "").describe().rstrip()
                                + f" → {reading.rating}")
                if reading.titles:  # named as a refusal names a cell
                    titles.append(RowError(row.where, row.cells.get(column, column), ", ".join(reading.titles), "").describe().rstrip())
                if who is None or row_year is None or reading.rating is None:
                    continue
                rating = reading.rating
                key = (who.id, row_year)
                if key in in_file:
                    earlier_rating, where = in_file[key]
                    if earlier_rating != rating:
                        fail(column, raw_rating, f"khác xếp loại {earlier_rating} của {who.code} năm {row_year} ghi ở {where} của tệp")
                    else:  # a person listed twice (under two units): kept once, named
                        report.duplicates += 1
                        repeated.append(RowError(row.where, row.cells.get(column, column), raw_rating, "").describe().rstrip()
                                        + f" giống {where} ({who.code} năm {row_year})")
                    continue
                in_file[key] = (rating, row.where)
                current = recorded.get(key)
                if current == rating:
                    report.duplicates += 1
                    continue
                if current is not None:
                    if not replace:
                        fail(column, raw_rating, f"khác xếp loại {current} đã có trong sổ của {who.code} — {who.name} năm {row_year} (thêm --replace để thay)")
                        continue
                    report.replaced += 1
                new_rows.append(store.NewRating(who.id, row_year, rating, filename, recorded_by, recorded_at))
        report.close_reading(filename, path, errors, notes, len(new_rows) - report.replaced)
        if given:
            report.warnings.append(taken_from_option(given, report.rows, f"không ghi năm, lấy năm {year} theo --year"))
        if titles:
            more = f"; … và {len(titles) - 10} ô khác" if len(titles) > 10 else ""
            report.warnings.append("không nhập danh hiệu thi đua, hình thức khen thưởng ghi trong ô xếp loại (không phải "
                                   "xếp loại — chép sang tệp lịch sử khen thưởng, mỗi dòng một khen thưởng với số quyết định, rồi thidua awards import): " + "; ".join(titles[:10]) + more)
        if repeated:
            more = f"; … và {len(repeated) - 10} ô khác" if len(repeated) > 10 else ""
            report.warnings.append(f"bỏ qua {len(repeated)} xếp loại ghi lặp lại trong tệp, chỉ ghi một lần: "
                                   + "; ".join(repeated[:10]) + more)
        if bare:
            more = f"; … và {len(bare) - 10} ô khác" if len(bare) > 10 else ""
            report.warnings.append(
                "xếp loại ghi tắt một chữ, đọc là mức xếp loại chất lượng hằng năm (nếu tệp ghi mức đánh giá theo chuẩn "
                "nghề nghiệp Tốt/Khá/Đạt thì đó không phải xếp loại này — sửa tệp rồi nhập lại với --replace): "
                + "; ".join(bare[:10]) + more)
        if unrated:
            more = f"; … và {len(unrated) - 10} ô khác" if len(unrated) > 10 else ""
            report.warnings.append(
                f"không ghi xếp loại cho {len(unrated)} ô nói năm ấy không xếp loại (sổ để trống năm ấy, như ô trống; "
                "điều kiện cần xếp loại năm đó thì không đạt): " + "; ".join(unrated[:10]) + more)
        if beside:
            more = f"; … và {len(beside) - 10} ô khác" if len(beside) > 10 else ""
            report.warnings.append(
                f"không nhập {len(beside)} ô của cột danh hiệu từng năm (danh hiệu, hình thức khen thưởng là lịch sử khen "
                f"thưởng, không phải xếp loại — nhập chúng bằng: thidua awards import {filename}, lệnh ấy đọc cột danh hiệu "
                "của từng năm và bỏ qua cột xếp loại): " + "; ".join(beside[:10]) + more)
        if not dry_run:
            with session.ledger.write() as connection:
                report.batch = batch_store.insert_batch(connection, "ratings", filename, sha256 or "", recorded_at, recorded_by,
                                                        sheet)
                store.insert_ratings(connection, [dataclasses.replace(r, batch_id=report.batch) for r in new_rows])
                batch_store.finish_batch(connection, report.batch, report.rows, len(new_rows))
        return report


def _row_year(raw_year: object, last_year: int, fail) -> int | None:
    """The year a row of a ratings table says (the "Năm" column, or --year), or None with the cell named."""
    row_year = parse_year(raw_year)
    if row_year is None:
        fail("year", raw_year, "không phải năm (ví dụ 2024)" if clean(str(raw_year or "")) else "trống — cần năm xếp loại")
    elif not FIRST_YEAR <= row_year <= last_year:
        fail("year", raw_year, f"ngoài khoảng {FIRST_YEAR}–{last_year}")
        return None
    return row_year


_YEARS_AHEAD = 10


class _ByYear(NamedTuple):
    kind: FileKind
    years: tuple[str, ...]  # the year columns the file has, as fields ("2023")
    titles: tuple[str, ...] = ()  # the danh hiệu columns beside them ("danh-hieu-2023")


def _by_year_layout(path: str, sheet: str | None, columns: tuple[str, ...], last_year: int) -> _ByYear | None:
    """The layout of a table kept one column per year, when the file's header row is one ("Họ và tên | 2022 |
    2023"); None for the usual table (a "Năm" and a "Xếp loại" column), or a file the usual reading refuses."""
    from thidua_cli.domain.file_kinds import RATINGS, ratings_by_year
    from thidua_cli.services.readers import read_layout, year_header

    kind = ratings_by_year(range(FIRST_YEAR, last_year + _YEARS_AHEAD + 1))  # a year to come: read, then refused
    header = year_header(path, kind, RATINGS.not_requiring("year"), FIRST_YEAR, sheet, columns)
    if header is None:
        return None
    fields, years = header
    try:
        usual = read_layout(path, RATINGS.not_requiring("year"), sheet, columns)
    except ThiduaError:
        usual = frozenset()
    if {"year", "rating"} <= usual:  # read either way, the other way's ratings would be left out
        raise ThiduaError(
            f"tệp {Path(path).name} có cả cột Năm và Xếp loại (mỗi dòng một năm) lẫn cột của từng năm "
            f"({', '.join(years)}): không rõ đọc theo cách nào",
            hint='mỗi tệp một cách ghi; bỏ các cột không đọc bằng --column "Tên cột=-"',
        )
    return _ByYear(kind, years, tuple(field for field in kind.fields() if field in fields and field.startswith("danh-hieu-")))


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
