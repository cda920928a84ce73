"""Award history: list, add one, import many (all or nothing, like import-entries)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NamedTuple

from decimal import Decimal

from thidua_cli.domain.formats import FormatError, decision_number, format_date, parse_date, some_of
from thidua_cli.domain.history_terms import (
    AWARD_KIND_LABELS, CATEGORY_LABELS, guess_category, parse_award_kind, parse_category, words_in_order,
)
from thidua_cli.domain.models import HINH_THUC, KIND_LABELS, Award, DANH_HIEU
from thidua_cli.domain.ratings import title_name, title_subject_kind
from thidua_cli.domain.vntext import clean, fold_key
from thidua_cli.errors import InvalidData, RowError, ThiduaError
from thidua_cli.services.import_result import FileImport
from thidua_cli.services.ledger_session import session_for
from thidua_cli.services.session import Session, now_text, today
from thidua_cli.storage import campaigns as campaign_store
from thidua_cli.storage import history as store
from thidua_cli.storage import subjects as subject_store

_CODE = re.compile(r"^[^\s,;]{1,40}$")
MAX_TEXT = 300
# "Số 180/QĐ-SNN ngày 28/12/2024", "QĐ số 1234/QĐ-BNN, 05/8/2023": a decision's number and date in one cell
_NUMBER_AND_DATE = re.compile(
    # a space, a comma or "ngày" between the two: "15.01.2020" alone is a date, not số "1" of 05/01/2020
    r"^(?:(?:quyết định|qđ)\s+)?(?:số\s+)?(?P<number>[^\s,;]*\d[^\s,;]*)(?:\s*[,;]\s*|\s+)(?:ngày\s+)?"
    r"(?P<date>\d{1,2}[/.-]\d{1,2}[/.-]\d{4})$", re.IGNORECASE,
)


class Catalogue:
    """Every campaign's awards, found by code or by name on the folded key (first campaign wins on a shared code).

    Awards no campaign offers keep the code the history already gives their name ("Chiến sĩ thi
    đua cơ sở" is CSTDCS when an earlier row said so), so that `requires` finds them by code."""

    def __init__(self, session: Session):
        self.by_code: dict[str, Award] = {}
        self.by_folded_code: dict[str, dict[str, Award]] = {}  # "LĐTT" as offices write LDTT
        self.by_name: dict[str, dict[str, Award]] = {}
        self.history_codes: dict[str, set[str]] = {}  # folded name -> codes given to it in the history
        self.campaign_of: dict[str, str] = {}  # award code (casefolded) -> the campaign offering it: a shared name is told by it
        for code in campaign_store.campaign_codes(session.connection):
            campaign = campaign_store.read_campaign(session.connection, code)
            for award in campaign.awards:
                self.campaign_of.setdefault(award.code.casefold(), code)
                self.by_code.setdefault(award.code.casefold(), award)
                self.by_folded_code.setdefault(fold_key(award.code), {}).setdefault(award.code.casefold(), award)
                self.by_name.setdefault(fold_key(award.name), {}).setdefault(award.code.casefold(), award)
        for code, name in store.named_codes(session.connection):
            self.learn(code, name)

    def learn(self, code: str, name: str) -> None:
        if name and _CODE.match(code) and fold_key(code) != fold_key(name):
            self.history_codes.setdefault(fold_key(name), set()).add(code)

    def find(self, text: str) -> Award | str | None:
        """The award `text` names (code or name), None when no campaign offers it, a text when it is ambiguous."""
        found = self.by_code.get(text.casefold())
        if found is not None:
            return found
        folded = self.by_folded_code.get(fold_key(text), {})
        if len(folded) == 1:
            return next(iter(folded.values()))
        named = self.by_name.get(fold_key(text), {})
        if len(named) > 1:
            return "trùng tên với " + "; ".join(f"{a.code} — {a.name} (phong trào {self.campaign_of[key]})"
                                                for key, a in named.items()) + " — hãy ghi mã"
        return next(iter(named.values()), None)

    def find_by_words(self, text: str) -> Award | str | None:
        """The one award whose name has every word of `text`, in its order ("Bằng khen UBND tỉnh" for "Bằng khen của
        Chủ tịch UBND tỉnh"); three words at least, else "Bằng khen" would name whichever Bằng khen the ledger has.
        A text when several awards have those words (as `find` says of a shared name)."""
        words = fold_key(text).split()
        if len(words) < 3:
            return None
        found = {award.code.casefold(): award for named in self.by_name.values() for award in named.values()
                 if words_in_order(words, fold_key(award.name).split())}
        if len(found) > 1:
            return "có thể là " + "; ".join(f"{a.code} — {a.name} (phong trào {self.campaign_of[key]})"
                                            for key, a in found.items()) + " — hãy ghi mã"
        return next(iter(found.values()), None)

    def history_code(self, name: str) -> str | None:
        codes = self.history_codes.get(fold_key(name), set())
        return next(iter(codes)) if len(codes) == 1 else None


@dataclass(frozen=True)
class CheckedAward:
    award: str
    name: str
    number: str
    day: date | None
    issuer: str
    category: str = HINH_THUC
    award_kind: str = "cong-trang"
    year: int | None = None
    guessed: bool = False  # the category comes from the words of the name
    split_from: str | None = None  # the number cell the number and the date were both read from
    # the column ("title" or "form") the award was written under when its name is of the other category
    # ("Lao động tiên tiến" under "Hình thức khen thưởng"): the name decides, said in a warning
    overruled: str | None = None


def check_award(catalogue: Catalogue, values: dict, fail, number_needed: bool = True, subject=None) -> list[CheckedAward]:
    """Validate one history record's fields; `fail(column, value, why)` collects the problems.
    `number_needed=False`: a cell of award history kept by year, which has no place for the decision's number
    (the year is given; the record is kept without a number, and the import names it). `subject`, when known:
    an award only the other kind of subject holds (a person's TTLĐXS) is refused.

    The award is named in a column of its own (code or name), or in a "Danh hiệu" or a
    "Hình thức khen thưởng" column, which also says which it is; a row with both of these
    holds two awards of one decision."""
    bad = False

    def problem(column, value, why):
        nonlocal bad
        bad = True
        fail(column, value, why)

    # a stray comma or dot typed after a name ("Bằng khen của Chủ tịch UBND tỉnh,") is no part of it: it was kept
    # in the award's name, which then matched no other writing of that award
    generic, title, form, name_column = (_cell(values, key).strip(_STRAY) for key in ("award", "title", "form", "name"))
    items: list[tuple[str, str, str | None, str]] = []  # (text, column, category of the column, name)
    if generic:
        specific = [(text, column, category) for text, column, category in ((title, "title", DANH_HIEU), (form, "form", HINH_THUC)) if text]
        if len(specific) > 1:
            problem("title", title, "dòng có cả mã khen thưởng, danh hiệu và hình thức — tách thành hai dòng")
        elif specific:
            text, column, category = specific[0]
            items.append((generic, "award", category, name_column or text))
        else:
            items.append((generic, "award", None, name_column))
    else:
        items.extend((text, column, category, name_column) for text, column, category in ((title, "title", DANH_HIEU), (form, "form", HINH_THUC)) if text)
    if not items:
        column = "award" if "award" in values else "form" if "form" in values else "title"
        problem(column, "", "trống — cần mã hoặc tên khen thưởng (ví dụ GK-GD, Lao động tiên tiến)")
    number = _cell(values, "number")
    if not decision_number(number) and number_needed:
        problem("number", number, "trống — cần số quyết định, ví dụ 212/QĐ-STTTT")
    split_from = None
    both = _NUMBER_AND_DATE.match(number) if number and not _cell(values, "date") else None
    if both:  # no date of its own: the one written after the number is the decision's, said in a warning
        split_from, number = number, both["number"]
        values = {**values, "date": both["date"]}
    number = decision_number(number)  # "Số 12/QĐ-SNV" copied from the decision's header: the number is 12/QĐ-SNV
    year = None
    year_text = _cell(values, "year")
    if year_text:
        digits = re.sub(r"^(?:năm|nam)\s*", "", year_text, flags=re.IGNORECASE)  # "Năm 2025", as ratings import reads it
        try:
            year = int(Decimal(digits.replace(",", ".")))
            if str(year) != digits.split(".")[0].split(",")[0] or not 1945 <= year <= today().year + 1:
                raise ValueError
        except (ArithmeticError, ValueError):
            problem("year", year_text, f"phải là một năm, ví dụ 2020 (từ 1945 đến {today().year + 1})")
            year = None
    raw_day = values.get("date")
    day = None
    if isinstance(raw_day, date):
        day = raw_day
    elif clean(str(raw_day or "")) or year is None:
        try:
            day = parse_date(clean(str(raw_day or "")))
        except FormatError as error:
            problem("date", raw_day, str(error) if clean(str(raw_day or "")) else "trống — cần ngày quyết định (hoặc ít nhất cột năm)")
    if day is not None and day > today():
        problem("date", format_date(day), "sau hôm nay")
    if year is not None and day is not None and year > day.year:  # an achievement after the decision recognising it
        problem("year", year_text, f"sau năm của quyết định (ngày {format_date(day)}) — năm được khen là năm của thành "
                "tích, không thể sau ngày quyết định")
    kind_text = _cell(values, "kind")
    award_kind = parse_award_kind(kind_text) if kind_text else "cong-trang"
    if award_kind is None:
        problem("kind", kind_text, "loại hình phải là: " + ", ".join(f"{label} ({code})" for code, label in AWARD_KIND_LABELS.items()))
    category_text = _cell(values, "category")
    stated = parse_category(category_text) if category_text else None
    if category_text and stated is None:
        problem("category", category_text, "phải là danh hiệu (danh-hieu) hoặc hình thức (hinh-thuc)")
    checked = []
    for text, column, column_category, name in items:
        overruled = None
        offered = catalogue.find(text)
        if offered is None and not _CODE.match(text):  # "Bằng khen UBND tỉnh": read as the table kept by year reads it
            offered = catalogue.find_by_words(text)
        if isinstance(offered, str):
            problem(column, text, offered)
            continue
        code, guessed = text, False
        if offered is not None:
            code, name = offered.code, name or offered.name
            category = stated or offered.category
        else:
            if _CODE.match(text) and not name and (statutory := title_name(text)):
                # a short form offices write (TTLĐXS) of an award no campaign in the ledger offers: read as the
                # table kept by year reads it, by its name
                name, code = statutory, catalogue.history_code(statutory) or fold_key(text).upper()
            if _CODE.match(text) and not name:
                if "name" in values:
                    problem("name", name, f'trống — "{text}" không phải khen thưởng của phong trào nào trong sổ, cần ghi tên khen thưởng')
                else:  # no column of names: the cell that holds the code is the one to name, with its text
                    problem(column, text, "không phải mã khen thưởng của phong trào nào trong sổ — ghi tên đầy đủ "
                            '(ví dụ "Lao động tiên tiến"), hoặc thêm cột "Tên khen thưởng"')
                continue
            if not _CODE.match(text):
                name = name or text  # an award known by its name only: kept with that name (and its code if known)
                code = catalogue.history_code(name) or text
            catalogue.learn(code, name)
            # the name decides over the column it sits under: a danh hiệu thi đua by law ("Lao động tiên tiến") is one
            # whatever the office heads its column; only the "Phân loại" column says otherwise
            guess = None if stated else guess_category(name)
            category = stated or guess or column_category or HINH_THUC
            guessed = not (stated or column_category)
            if column_category and category != column_category:
                overruled = "title" if column_category == DANH_HIEU else "form"
        held_by = offered.applies_to if isinstance(offered, Award) and offered.applies_to != "both" else \
            title_subject_kind(name or code)
        if subject is not None and held_by and held_by != subject.kind:
            read = f"({name}) " if name and fold_key(name) != fold_key(text) else ""
            problem(column, text, f"{read}chỉ dành cho {KIND_LABELS[held_by]}, mà {subject.code} — {subject.name} "
                    f"là {KIND_LABELS[subject.kind]}")
            continue
        if len(code) > MAX_TEXT:
            problem(column, code[:30] + "…", f"dài quá {MAX_TEXT} ký tự")
        issuer = _cell(values, "issuer") or (offered.authority if offered is not None else "")
        for field_name, value in (("name", name), ("number", number), ("issuer", issuer)):
            if len(value) > MAX_TEXT:
                problem(field_name, value[:30] + "…", f"dài quá {MAX_TEXT} ký tự")
        checked.append(CheckedAward(code, name, number, day, issuer, category, award_kind or "cong-trang", year, guessed,
                                    split_from, overruled))
    return [] if bad else checked


def _for_year_unsaid(found: CheckedAward) -> bool:
    """A danh hiệu thi đua decided in the first quarter for the decision's own year — no year written (taken for the
    decision's), or that year written (a "Năm" column holding the decision's year) —, though an annual title is
    recognised after its year ends (CSTĐCS 2024 by a decision of January 2025), and the year decides every
    prerequisite over years and "a year's title once". Named, never guessed."""
    return (found.category == DANH_HIEU and found.day is not None and found.day.month <= 3
            and found.year in (None, found.day.year))


def _for_year_unsaid_warning(cells: list[str], how: str) -> str:
    return ("danh hiệu thi đua quyết định trong quý I được tính là danh hiệu của chính năm quyết định (không ghi năm "
            "thành tích, hoặc năm ghi là năm ấy), trong khi danh hiệu của một năm được công nhận sau khi năm ấy kết thúc "
            "(Chiến sĩ thi đua cơ sở năm 2024 ký tháng 01/2025) — năm ấy quyết định các điều kiện nhiều năm và việc mỗi "
            "năm công nhận danh hiệu một lần: " + some_of(cells) + f"; nếu là danh hiệu của năm trước, {how}")


def _differs(row, found: CheckedAward, recorded: tuple[str, str, int | None] | None) -> list[str]:
    """The cells of a row already in the ledger (same subject, award, number, date) that say otherwise than it."""
    if recorded is None:
        return []
    issuer, award_kind, year = recorded
    said = []
    if _cell(row.values, "issuer") and found.issuer != issuer:
        said.append(("issuer", found.issuer, issuer))
    if _cell(row.values, "kind") and found.award_kind != award_kind:
        said.append(("kind", AWARD_KIND_LABELS.get(found.award_kind, found.award_kind), AWARD_KIND_LABELS.get(award_kind, award_kind)))
    if _cell(row.values, "year") and found.year is not None and found.year != year:
        said.append(("year", str(found.year), "" if year is None else str(year)))
    return [RowError(row.where, row.cells.get(field, field), value, f'— trong sổ: "{kept}" ({found.award}, số {found.number})').describe()
            for field, value, kept in said]


_STRAY = " ,;."


def _cell(values: dict, key: str) -> str:
    value = values.get(key)
    if value is None:
        return ""
    if isinstance(value, date):
        return format_date(value)
    return clean(str(value))


@dataclass
class AwardListing:
    count: int
    rows: Callable[[], Iterator[store.HistoryRow]]  # in listing order, read from the ledger as they are consumed


@contextmanager
def open_award_listing(db: str | None, subject: str | None = None, include_corrected: bool = False) -> Iterator[AwardListing]:
    """The award history as `awards` shows it, counted first, then streamed while the ledger stays open."""
    with session_for(db) as session:
        ids = [session.subject(subject).id] if subject else None
        connection = session.connection
        yield AwardListing(
            store.count_history(connection, ids, include_corrected),
            lambda: store.history_in_listing_order(connection, ids, include_corrected),
        )


def history_heading(db: str | None) -> str:
    """The title row of an award-history spreadsheet: the ledger's campaigns and the day it was drawn up."""
    from thidua_cli.domain.formats import format_date
    from thidua_cli.services.session import today
    from thidua_cli.storage import campaigns as campaign_store

    with session_for(db) as session:
        names = [campaign_store.read_campaign(session.connection, code).name for code in campaign_store.campaign_codes(session.connection)]
    campaigns = f" — {'; '.join(names)}" if names else ""
    return f"Lịch sử khen thưởng{campaigns}, tính đến ngày {format_date(today())}"


def add_award(
    db: str | None, subject: str, award: str, number: str, day: str | None, name: str | None = None,
    issuer: str | None = None, kind: str | None = None, year: str | None = None, category: str | None = None,
    position: str | None = None,
) -> tuple[store.HistoryRow, list[str]]:
    """One award; (the row, warnings). The award by code or name, as in `awards import`."""
    with session_for(db) as session:
        who = session.subject(subject)
        whose = subject_store.others_subjects(session.connection, who.id).get(who.id)
        if whose is not None:
            from thidua_cli.services.imports import OTHERS_RECORDS

            raise InvalidData(f"--subject: {who.code} — {who.name} là đối tượng {whose}; {OTHERS_RECORDS}")
        problems: list[tuple[str, object, str]] = []
        values = {"award": award, "name": name, "number": number, "date": day, "issuer": issuer, "kind": kind,
                  "year": year, "category": category}
        checked = check_award(Catalogue(session), values, lambda column, value, why: problems.append((column, value, why)),
                              subject=who)
        if problems or not checked:
            column, value, why = problems[0]
            option = {"title": "award", "form": "award"}.get(column, column)
            raise InvalidData(f'--{option}: "{value if value is not None else ""}" {why}')
        found = checked[0]
        if _history_key(who.id, found) in store.history_keys(session.connection):
            raise ThiduaError(
                f"{who.code} — {who.name} đã có {found.award} theo quyết định số {found.number}"
                + (f" ngày {format_date(found.day)}" if found.day else "") + " trong sổ"
            )
        with session.ledger.write() as connection:
            store.insert_history(connection, [
                _new_history(who.id, found, "manual", now_text(), position=(position or "").strip() or None)])
        # the option the name came from
        warnings = [f'loại đoán theo tên (dùng --category nếu sai): {_guess_text("--name" if name else "--award", found)}'] \
            if found.guessed else []
        if found.split_from:
            warnings.append(f'ngày quyết định đọc từ --number "{found.split_from}": số {found.number}, ngày {format_date(found.day)}')
        if _for_year_unsaid(found):
            warnings.append(_for_year_unsaid_warning(
                [f'"{found.name}" theo quyết định số {found.number} ngày {format_date(found.day)} → năm {found.day.year}'],
                "ghi --year"))
        return _last_for(session, who.id), warnings


def _history_key(subject_id: int, checked: CheckedAward) -> tuple:
    return store.history_key(subject_id, checked.award, checked.number, checked.day.isoformat() if checked.day else None,
                             checked.year)


def _new_history(subject_id: int, checked: CheckedAward, source: str, recorded_at: str, import_id: int | None = None,
                 position: str | None = None) -> store.NewHistory:
    return store.NewHistory(
        subject_id=subject_id, award=checked.award, name=checked.name, number=checked.number, day=checked.day,
        issuer=checked.issuer, source=source, recorded_at=recorded_at, category=checked.category,
        award_kind=checked.award_kind, year=checked.year, import_id=import_id, position=position,
    )


def _guess_text(where: str, checked: CheckedAward) -> str:
    return f'{where} "{checked.name}" → {CATEGORY_LABELS[checked.category]}'


def _last_for(session: Session, subject_id: int) -> store.HistoryRow:
    rows = store.list_history(session.connection, [subject_id])
    return max(rows, key=lambda r: r.id)


@dataclass
class AwardImport(FileImport):
    pass




def import_awards(
    db: str | None, path: str, dry_run: bool = False, sheet: str | None = None, columns: tuple[str, ...] = (),
) -> AwardImport:
    from thidua_cli.domain.file_kinds import AWARD_HISTORY
    from thidua_cli.services.subject_lookup import index_for
    from thidua_cli.services.imports import subject_rows
    from thidua_cli.services.imports import file_sha256, seen_before, skipped_message
    from thidua_cli.services.readers import ReadNotes
    from thidua_cli.services.session import current_user
    from thidua_cli.storage import imports as batch_store

    filename = Path(path).name
    report = AwardImport(dry_run=dry_run)
    errors: list[RowError] = []
    new_rows: list[CheckedAward] = []
    owners: list[int] = []
    positions: list[str | None] = []  # the "Chức vụ" cell of each new row (the position when awarded), if any
    guesses: list[str] = []
    overruled: list[str] = []  # awards under the other category's column ("Lao động tiên tiến" under "Hình thức"): named
    by_year = _by_year_layout(path, sheet, columns)
    file_kind = by_year.kind if by_year else AWARD_HISTORY
    unnumbered: list[str] = []  # cells of a table by year recorded without a decision number: named
    unnumbered_rows: list[str] = []  # rows of an export (Nguồn: nhập từ tệp) kept without a number: named
    held_before: list[str] = []  # such cells the ledger already holds for that year (with a number): skipped, named
    ratings_in_cells: list[str] = []  # a rating written in an award's cell (HTXSNV): no award, named
    rating_columns: dict[str, str] = {}  # each year's "Xếp loại" column beside its "Danh hiệu" one: left out, named
    split: list[str] = []  # rows whose number cell held the date too
    year_unsaid: list[str] = []  # danh hiệu of the first quarter with no year written: taken for the decision's, named
    dated_by_number = False  # a date read from a number cell: the file's dates are not missing
    notes = ReadNotes()
    sha256 = file_sha256(path)
    with session_for(db, dry_run=dry_run) as session:
        earlier = seen_before(session.connection, "awards", sha256, sheet)
        if earlier is not None:
            report.skipped = skipped_message(path, earlier)
            return report
        catalogue = Catalogue(session)
        subjects = index_for(session.connection)
        seen = store.history_keys(session.connection)
        in_file: dict[tuple, str] = {}  # each award written, by key: where in the file it was first
        repeated: list[str] = []  # the cells writing an award again: kept once, named
        recorded: dict | None = None  # the ledger's terms of each award, read at the first row already there
        differing: list[str] = []
        recorded_at = now_text()
        held = store.held_years(session.connection) if by_year else set()
        for row, fail, who in subject_rows(path, file_kind, sheet, columns, notes, report, errors, subjects,
                                           subject_store.others_subjects(session.connection)):
            if by_year is None:
                checked = check_award(catalogue, row.values, fail, number_needed=False, subject=who)
                # a row needs its decision's number, unless the ledger holds it as it is, without one (award history
                # kept by year, exported by `awards -o` and imported again): that row is a copy, skipped below
                if not _cell(row.values, "number") and (
                        who is None or not checked or any(_history_key(who.id, found) not in seen for found in checked)):
                    if who is not None and checked and _kept_without_number(row.values):
                        # exported from a ledger that kept it so (award history by year): read back as kept, named
                        unnumbered_rows.extend(f'{row.where}: "{_cell(row.values, "award") or found.name}" năm {found.year}'
                                               for found in checked)
                    else:
                        fail("number", "", "trống — cần số quyết định, ví dụ 212/QĐ-STTTT")
                        checked = []
            else:
                written = _year_cells(catalogue, row, by_year, fail, ratings_in_cells, who)
                checked = [found for found, _ in written]
                as_written = {id(found): text for found, text in written}
                for field in by_year.ratings:
                    rating_columns.setdefault(field, _column_named(row.cells[field]))
            if who is None:
                continue
            for found in checked:
                cell = place = row.where
                if by_year is not None:
                    text = as_written[id(found)]
                    place = f"{row.where}, cột {_column_named(row.cells[str(found.year)])}"
                    cell = f'{place}: "{text}"'
                if by_year is not None and not found.number:
                    read = "" if fold_key(text) == fold_key(found.name or found.award) else f" → {found.name or found.award}"
                    if (who.id, found.award.casefold(), found.year) in held:
                        report.duplicates += 1
                        held_before.append(cell + read)
                        continue
                dated_by_number = dated_by_number or found.split_from is not None
                key = _history_key(who.id, found)
                if key in in_file:  # the same award twice in the file (a person listed under two units): kept once
                    report.duplicates += 1
                    repeated.append(f"{cell} giống {in_file[key]}")
                    continue
                if key in seen:
                    report.duplicates += 1
                    recorded = store.recorded_terms(session.connection) if recorded is None else recorded
                    differing.extend(_differs(row, found, recorded.get(key)))
                    continue
                if by_year is not None and not found.number:
                    unnumbered.append(cell + read)
                seen.add(key)
                in_file[key] = place
                if found.guessed:
                    guesses.append(_guess_text(row.where + ":", found))
                if found.overruled:
                    overruled.append(_guess_text(f"{row.where}, cột {_column_named(row.cells[found.overruled])}:", found))
                if found.split_from and (not split or not split[-1].startswith(row.where + " ")):
                    split.append(f'{row.where} ("{found.split_from}" → số {found.number}, ngày {format_date(found.day)})')
                if _for_year_unsaid(found):
                    year_unsaid.append(f'{place}: "{found.name}" ngày {format_date(found.day)} → năm {found.day.year}')
                new_rows.append(found)
                owners.append(who.id)
                # the "Chức vụ" of a row per award; a table kept by year has none (the register's is taken)
                positions.append((_cell(row.values, "position") or None) if by_year is None else None)
        if dated_by_number:
            notes.found_elsewhere("date", AWARD_HISTORY.describe("date"))
        report.close_reading(filename, path, errors, notes, len(new_rows))
        if by_year is not None:
            report.warnings.extend(_by_year_warnings(filename, unnumbered, held_before, ratings_in_cells, rating_columns))
        if unnumbered_rows:
            report.warnings.append(
                f"ghi {len(unnumbered_rows)} khen thưởng không có số quyết định, như sổ đã xuất ra tệp đã giữ chúng (cột "
                "\"Nguồn\": nhập từ tệp — lịch sử khen thưởng ghi theo năm, không có số): " + some_of(unnumbered_rows))
        if repeated:
            report.warnings.append(f"bỏ qua {len(repeated)} khen thưởng ghi lặp lại trong tệp, chỉ ghi một lần: "
                                   + some_of(repeated, "ô"))
        if differing:
            report.warnings.append("khen thưởng đã có trong sổ nhưng tệp ghi khác, sổ giữ bản đã ghi: "
                                   + some_of(differing, "ô"))
        if split:
            report.warnings.append("ngày quyết định đọc từ ô số quyết định: " + some_of(split))
        if year_unsaid:
            report.warnings.append(_for_year_unsaid_warning(
                year_unsaid, 'ghi năm ấy ở cột "Năm" (năm thành tích, không phải năm ký quyết định) trước khi nhập — '
                'xem trước bằng --dry-run'))
        if guesses:
            report.warnings.append(
                "khen thưởng không thuộc phong trào nào trong sổ, loại đoán theo tên (ghi ở cột \"Danh hiệu\" hoặc "
                "\"Hình thức khen thưởng\", hoặc cột \"Phân loại\", nếu đoán sai): " + some_of(guesses)
            )
        if overruled:
            report.warnings.append(
                "khen thưởng có tên là loại khác với cột ghi nó, sổ ghi loại theo tên (Luật Thi đua, khen thưởng 2022; "
                "muốn giữ loại của cột thì ghi ở cột \"Phân loại\"): "
                + some_of(overruled)
            )
        if not dry_run:
            with session.ledger.write() as connection:
                report.batch = batch_store.insert_batch(connection, "awards", filename, sha256 or "", recorded_at, current_user(None),
                                                        sheet)
                store.insert_history(connection, [
                    _new_history(owner, found, "import", recorded_at, report.batch, position)
                    for owner, found, position in zip(owners, new_rows, positions)
                ])
                batch_store.finish_batch(connection, report.batch, report.rows, report.added)
        return report


# --- award history kept one column per year ---------------------------------------------------------------

class _ByYear(NamedTuple):
    kind: object  # the FileKind read
    years: tuple[str, ...]  # the year columns the file has, as fields ("2023")
    ratings: tuple[str, ...]  # the columns of ratings beside them ("xep-loai-2023"): ratings import reads them


def _by_year_layout(path: str, sheet: str | None, columns: tuple[str, ...]) -> _ByYear | None:
    """The layout of award history kept one column per year ("Họ và tên | Năm 2022 | Năm 2023"), when the file's
    header row is one; None for the usual table (a row per award), or a file the usual reading refuses."""
    from thidua_cli.domain.file_kinds import AWARD_HISTORY, history_by_year
    from thidua_cli.services.readers import read_positions, year_header

    last = today().year
    kind = history_by_year(range(1945, last + 1))
    header = year_header(path, kind, AWARD_HISTORY, 1945, sheet, columns)
    if header is None:
        return None
    fields, years = header
    try:
        usual = read_positions(path, AWARD_HISTORY, sheet, columns)
    except ThiduaError:
        usual = {}
    # read either way, the other way's awards would be left out; a year's "Danh hiệu" sub-column read as the
    # usual table's "Danh hiệu" is the same column, no other way
    by_year_columns = {fields[year] for year in years}
    if any(usual[field] not in by_year_columns for field in ("award", "title", "form") if field in usual):
        raise ThiduaError(
            f"tệp {Path(path).name} có cả cột khen thưởng (mỗi dòng một khen thưởng) lẫn cột của từng năm "
            f"({', '.join(years)}): không rõ đọc theo cách nào",
            hint='mỗi tệp một cách ghi; bỏ các cột không đọc bằng --column "Tên cột=-"',
        )
    ratings = tuple(field for field in kind.fields() if field in fields and field.startswith("xep-loai-"))
    return _ByYear(kind, years, ratings)


def _kept_without_number(values: dict) -> bool:
    """The row is a record `awards -o` wrote of an award its ledger kept without a decision number — imported
    ("Nguồn: nhập từ tệp"), with its year — not a row whose number was forgotten."""
    return fold_key(_cell(values, "source") or "") in ("nhap tu tep", "import") and bool(_cell(values, "year"))


def _column_named(column: str) -> str:
    """A column as a message names it: its letter (a workbook) or its header in quotes (CSV)."""
    return column if column.isalpha() and column.isupper() and len(column) <= 3 else f'"{column}"'


def _year_cells(catalogue: Catalogue, row, by_year: _ByYear, fail, ratings_in_cells: list[str], subject=None) -> list[tuple[CheckedAward, str]]:
    """Each award written in the row's year cells, checked as a record of that year: the award by code, name or
    the short form offices write (CSTĐCS is Chiến sĩ thi đua cơ sở), the decision's number and date when the cell
    holds them ("CSTĐCS (QĐ 12/QĐ-SKHCN)"). A cell no award is read from is refused by name."""
    from thidua_cli.domain.history_terms import read_history_cell
    from thidua_cli.domain.ratings import normalise_rating, title_name

    def is_award(text: str) -> bool:
        return (isinstance(catalogue.find(text), Award) or bool(title_name(text)) or guess_category(text) is not None
                or catalogue.find_by_words(text) is not None)

    def is_rating(text: str) -> bool:
        return normalise_rating(text) is not None

    def is_known(text: str) -> bool:  # an award by its code or name, a danh hiệu or hình thức by law, a rating
        return isinstance(catalogue.find(text), Award) or bool(title_name(text)) or is_rating(text)

    found: list[tuple[CheckedAward, str]] = []  # each award with the words of the cell it was read from
    for field in by_year.years:
        if field not in row.cells:
            continue
        text = clean(str(row.values.get(field) or ""))
        if not text:
            continue
        cell = read_history_cell(text, is_award, is_rating, is_known)
        named = _column_named(row.cells[field])
        for rating in cell.ratings:
            ratings_in_cells.append(f'{row.where}, cột {named}: "{rating}"')
        if cell.unknown or not (cell.awards or cell.ratings):
            fail(field, text, "không đọc được là danh hiệu, hình thức khen thưởng nào — ghi tên (ví dụ \"Lao động tiên "
                 "tiến\", \"Giấy khen của Giám đốc Sở\") hoặc viết tắt (LĐTT, CSTĐCS), có thể kèm số quyết định trong "
                 "ngoặc: \"CSTĐCS (QĐ 12/QĐ-SKHCN)\"")
            continue
        for award in cell.awards:
            offered = catalogue.find(award)
            code = award
            if offered is None and isinstance(by_words := catalogue.find_by_words(award), Award):
                offered, code = by_words, by_words.code
            name = "" if isinstance(offered, Award) else (title_name(award) or "")
            if name and not isinstance(offered, Award):  # a short form no campaign offers: its name, a plain code
                code = catalogue.history_code(name) or (fold_key(award).upper() if _CODE.match(award) else award)
            values = {"award": code, "name": name or None, "number": cell.number, "date": cell.day or None, "year": field,
                      "kind": row.values.get("kind"), "issuer": row.values.get("issuer")}
            found.extend((checked, award) for checked in check_award(
                catalogue, values, lambda column, value, why, f=field, t=text: fail(f, t, why), number_needed=False,
                subject=subject))
    return found


def _by_year_warnings(filename: str, unnumbered: list[str], held_before: list[str], ratings_in_cells: list[str],
                      rating_columns: dict[str, str]) -> list[str]:
    def listed(cells: list[str]) -> str:
        return some_of(cells, "ô")

    lines = []
    if rating_columns:
        lines.append(f"không nhập cột xếp loại của từng năm ({', '.join(f'cột {c}' for c in rating_columns.values())}): "
                     f"xếp loại không phải khen thưởng — nhập bằng: thidua ratings import {filename}")
    if unnumbered:
        lines.append(f"ghi {len(unnumbered)} khen thưởng theo năm của cột, không có số quyết định (bảng theo năm không ghi "
                     "số; báo cáo thành tích để trống ô số, ngày quyết định — có số thì ghi trong ô, ví dụ "
                     f"\"CSTĐCS (QĐ 12/QĐ-SKHCN)\"): {listed(unnumbered)}")
    if held_before:
        lines.append("bỏ qua khen thưởng sổ đã có cho đúng năm ấy (ô không ghi số quyết định): " + listed(held_before))
    if ratings_in_cells:
        lines.append(f"không nhập xếp loại ghi trong ô khen thưởng (không phải khen thưởng — nhập bằng: thidua ratings "
                     f"import {filename}): " + listed(ratings_in_cells))
    return lines
