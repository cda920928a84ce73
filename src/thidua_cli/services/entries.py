"""Recording entries: one by one, from files (all or nothing), listing, voiding."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import chain
from datetime import date
from pathlib import Path

from thidua_cli.domain.formats import FormatError, format_date, format_number, format_points, parse_date, parse_points
from thidua_cli.domain.models import KIND_LABELS, Campaign, Period, Subject
from thidua_cli.domain.periods import PeriodRequest, resolve_period
from thidua_cli.domain.vntext import clean, fold_key
from thidua_cli.errors import FileRowsError, InvalidData, NotFound, RowError, ThiduaError, UsageError
from thidua_cli.services.ledger_session import session_for
from thidua_cli.services.session import Session, current_user, now_text, of_another_agency, today
from thidua_cli.services.subject_lookup import SubjectIndex, subject_named
from thidua_cli.storage import entries as store
from thidua_cli.storage import subjects as subject_store

MAX_NOTE = 2000


def _criterion_for(campaign: Campaign, code: str, subject: Subject, field_name: str):
    criterion = campaign.criterion(code)
    if criterion is None:
        known = ", ".join(c.code for c in campaign.criteria)
        raise InvalidData(f'{field_name}: không có tiêu chí "{code}" trong phong trào {campaign.code} (có: {known})')
    if not criterion.applies(subject.kind):
        raise InvalidData(
            f"{field_name}: tiêu chí {criterion.code} không áp dụng cho {KIND_LABELS[subject.kind]} "
            f"({subject.code} — {subject.name})"
        )
    return criterion


def _criterion_ids(session: Session, campaign: Campaign) -> dict[str, int]:
    return {
        code.casefold(): criterion_id
        for criterion_id, code in session.connection.execute("SELECT id, code FROM criterion WHERE campaign_id = ?", (campaign.id,))
    }


@dataclass(frozen=True)
class AddedEntry:
    id: int
    subject: Subject
    criterion: str
    day: date
    points: int
    warnings: tuple[str, ...] = ()


def date_warning(campaign: Campaign, day: date, now: date | None = None) -> str | None:
    if not campaign.start <= day <= campaign.end:
        return (
            f"ngày {format_date(day)} nằm ngoài thời gian phong trào ({format_date(campaign.start)} – "
            f"{format_date(campaign.end)}); mục ghi không được tính điểm mặc định"
        )
    if now is not None and day > now:  # a thing not yet happened: a typo ("20/12" for "02/12") more likely than not
        return (f"ngày {format_date(day)} sau hôm nay ({format_date(now)}) — gõ nhầm ngày? Bảng điểm mặc định (đến hôm "
                "nay) chưa tính mục này")
    return None


def bounds_warning(criterion, hundredths: int) -> str | None:
    """An entry whose points alone pass the criterion's cap or floor. Not refused: SPEC §5.1 bounds the sum
    of a subject's points (`clamp`), so a deduction on a criterion whose floor is 0 counts while the sum
    stays above it, and one entry may count more than the cap (11,25 for 55 computers at 0,2 on a criterion
    capped at 10, in the example); but the person is told, since a typo ("50" for "5,0") looks just like it."""
    high, low = criterion.max_points, criterion.min_points
    if criterion.penalty and hundredths > 0:  # "2" typed in a violation's row for -2: a sign lost, the points added
        return (f"{format_points(hundredths)} điểm dương ở tiêu chí vi phạm {criterion.code} ({criterion.name}): mục này "
                f"được cộng điểm — điểm trừ ghi số âm, ví dụ -{format_points(hundredths)}")
    if high is not None and hundredths > high:
        return (f"{format_points(hundredths)} điểm, hơn cả trần {format_points(high)} của tiêu chí {criterion.code}: "
                f"tổng điểm tiêu chí này của một đối tượng chỉ tính đến {format_points(high)}")
    if low is not None and hundredths < low:
        return (f"{format_points(hundredths)} điểm, thấp hơn sàn {format_points(low)} của tiêu chí {criterion.code}: "
                f"tổng điểm tiêu chí này của một đối tượng không tính dưới {format_points(low)}")
    return None


def add_entry(
    db: str | None, subject: str, criterion: str, points: str, day: str | None = None, note: str | None = None,
    evidence: str | None = None, campaign: str | None = None, by: str | None = None,
) -> AddedEntry:
    try:
        hundredths = parse_points(points)
    except FormatError as error:
        raise InvalidData(f'--points: "{points}" {error}') from None
    try:
        entry_day = parse_date(day) if day else today()
    except FormatError as error:
        raise InvalidData(f'--date: "{day}" {error}') from None
    note_text, evidence_text = clean(note), clean(evidence)
    if len(note_text) > MAX_NOTE or len(evidence_text) > MAX_NOTE:
        raise InvalidData(f"--note/--evidence: dài quá {MAX_NOTE} ký tự")
    with session_for(db) as session:
        chosen = session.campaign(campaign)
        who = session.subject(subject, campaign_id=chosen.id)
        elsewhere = subject_store.agency_elsewhere(session.connection, who.id, chosen.id)
        if elsewhere is not None:
            raise InvalidData(
                f"--subject: {who.code} — {who.name} {of_another_agency(elsewhere, chosen.code)}",
                hint="kiểm tra lại mã đối tượng (mỗi cơ quan ghi điểm cho người của mình)",
            )
        chosen_criterion = _criterion_for(chosen, criterion, who, "--criterion")
        criterion_id = _criterion_ids(session, chosen)[chosen_criterion.code.casefold()]
        new = store.NewEntry(
            campaign_id=chosen.id, subject_id=who.id, criterion_id=criterion_id, day=entry_day.isoformat(),
            points=hundredths, note=note_text, evidence=evidence_text, recorded_by=current_user(by), recorded_at=now_text(),
        )
        with session.ledger.write() as connection:
            store.insert_entries(connection, [(new, new.fingerprint())])
            entry_id = connection.execute("SELECT MAX(id) FROM entry").fetchone()[0]
        warnings = (date_warning(chosen, entry_day, today()), bounds_warning(chosen_criterion, hundredths))
        return AddedEntry(entry_id, who, chosen_criterion.code, entry_day, hundredths, tuple(w for w in warnings if w))


@dataclass
class EntryImport:
    rows: int = 0
    added: int = 0
    duplicates: int = 0
    dry_run: bool = False
    warnings: list[str] = field(default_factory=list)
    converted: list[str] = field(default_factory=list)
    batch: int | None = None  # the import batch recorded
    skipped: str | None = None  # the file was imported before: what to tell
    near_duplicates: int = 0  # let through with --allow-near-duplicates
    repeated: list[str] = field(default_factory=list)  # rows equal to an earlier row of the file, skipped: which
    alike: list[str] = field(default_factory=list)  # rows equal to an earlier row but for note or evidence, stored: which
    counted: str = "dòng"  # what `rows` counts: "ô điểm" for a table one column per criterion (an entry per cell)


def import_entries(
    db: str | None, path: str, campaign: str | None = None, dry_run: bool = False, by: str | None = None,
    sheet: str | None = None, progress=None, columns: tuple[str, ...] = (), allow_near_duplicates: bool = False,
    criterion: str | None = None, points: str | None = None,
) -> EntryImport:
    """All rows are checked; any bad row → nothing written and every bad row reported.

    The file is streamed row by row into one `executemany` (memory does not grow
    with the file); the check runs a million times on a big import, so it keeps
    to dictionary lookups and cached parsing. A big CSV file into a SQLite ledger
    is checked in a second process while this one writes (`check_apart`): on two
    cores the checks overlap SQLite's inserts. The import is recorded as a batch
    (`thidua imports`); a file already imported (same SHA-256) is skipped, and rows
    that differ from a live entry only in note or evidence are refused unless
    `allow_near_duplicates`."""
    from thidua_cli.services.check_apart import CheckApart, worth_a_second_process
    from thidua_cli.services.imports import describe, file_sha256, seen_before, skipped_message, voided_before
    from thidua_cli.storage.campaigns import campaign_codes
    from thidua_cli.storage import imports as batch_store

    filename = Path(path).name
    result = EntryImport(dry_run=dry_run)
    check = _EntryCheck(path, campaign, sheet, columns, current_user(by), now_text(), allow_near_duplicates)
    if criterion is not None or points is not None:  # the rows of a file without them: a list of initiatives
        check.defaults = _row_defaults(db, campaign, criterion, points)
    # forked before this process opens the ledger: no SQLite connection crosses the fork
    apart = CheckApart(partial(check.rows_apart, db), lambda: check.found) if worth_a_second_process(db, path) else None
    try:
        sha256 = file_sha256(path)
        with session_for(db, dry_run=dry_run) as session:
            connection = session.connection
            check.recorder = current_user(by)  # on a server, its role: known once connected
            earlier = seen_before(connection, "entries", sha256, sheet)
            if earlier is not None:
                # the same file into another campaign is that campaign's entries, not a repeat: it was skipped, and
                # the campaign asked for got nothing
                into, target = batch_store.campaign_of_entries(connection, earlier.id), session.campaign(campaign).code
                if into is None or into == target:
                    several = len(campaign_codes(connection)) > 1  # then which campaign holds them is news
                    result.skipped = skipped_message(path, earlier, into if several else None)
                    return result
                result.warnings.append(f"tệp {filename} đã được nhập vào phong trào {into} ở {describe(earlier)}; "
                                       f"lần này nhập vào phong trào {target}")
            elif (voided := voided_before(connection, "entries", sha256, sheet)) is not None:
                result.warnings.append(voided)
            if campaign:
                session.campaign(campaign)  # an unknown --campaign is refused before anything else
            expected = _rows_at_least(path)
            try:
                with store.parents_checked_here(connection), session.ledger.write() as connection, \
                        store.bulk_load(connection, expected) as indexes_dropped:
                    if apart is not None:
                        apart.go()
                    batch_id = batch_store.insert_batch(connection, "entries", filename, sha256 or "", check.recorded_at, check.recorder,
                                                        sheet)
                    if apart is not None:
                        rows = apart.rows(progress)
                    elif indexes_dropped:  # the duplicate lookups read the ledger as it was, with its indexes
                        rows = check.rows_apart(db, progress)
                    else:
                        rows = check.rows(session, progress)
                    store.insert_entries(connection, rows, batch_id, expected)
                    found = check.found = apart.finish() if apart is not None else check.found
                    if found.errors:
                        raise FileRowsError(filename, found.errors, path, found.notes.refusal_hint())
                    if found.rows == 0:
                        raise ThiduaError(f"tệp {filename} không có dòng dữ liệu nào")
                    if found.near and not allow_near_duplicates:
                        raise _near_duplicates_error(path, found.near)
                    batch_store.finish_batch(connection, batch_id, found.rows, found.added)
                    result.batch = batch_id
                    if dry_run:
                        raise _RolledBack()
            except _RolledBack:
                result.batch = None
    finally:
        if apart is not None:
            apart.close()
    found = check.found
    result.rows, result.added, result.duplicates = found.rows, found.added, found.duplicates
    result.converted = found.converted
    result.counted = found.counted
    result.near_duplicates = len(found.near)
    result.repeated = [f"{where}: giống hệt dòng {line}" for where, line in found.repeated]
    result.alike = [f"{where}: giống dòng {line}, chỉ khác nội dung hoặc minh chứng" for where, line in found.alike]
    result.warnings = result.warnings + found.notes.warnings() + found.date_warnings  # first: the file's earlier import
    if found.warned_dates > 5:
        result.warnings.append(f"… và {found.warned_dates - 5} dòng khác có ngày ngoài thời gian phong trào")
    result.warnings += found.future_warnings
    if found.warned_future > 5:
        result.warnings.append(f"… và {found.warned_future - 5} dòng khác có ngày sau hôm nay")
    result.warnings += found.points_warnings
    for given, where, words in (
        (found.criterion_given, found.criterion_where, f"không ghi tiêu chí, lấy tiêu chí {check.defaults[0]} theo --criterion"),
        (found.points_given, found.points_where, f"không ghi điểm, lấy {check.defaults[1]} điểm theo --points"),
    ):
        if given:  # which rows, unless it is every row of the file (a list of initiatives)
            more = f"; … và {format_number(given - len(where))} dòng khác" if given > len(where) else ""
            result.warnings.append(f"{format_number(given)} dòng {words}"
                                   + ("" if given == found.rows else ": " + "; ".join(where) + more))
    if found.total_warnings:
        result.warnings.append("dòng tổng cộng không bằng tổng điểm các dòng của tệp (có ô điểm ghi dạng chữ mà Excel không "
                               "cộng, hay thiếu, thừa dòng? các dòng vẫn được ghi theo từng ô — kiểm lại tệp): "
                               + "; ".join(found.total_warnings))
    if found.warned_points > 5:
        result.warnings.append(f"… và {found.warned_points - 5} dòng khác có điểm vượt trần hoặc dưới sàn của tiêu chí (hay điểm dương ở tiêu chí vi phạm)")
    return result


@dataclass
class _CheckFound:
    """What the check of an import's rows found (sent back whole by a check run in a second process)."""

    criterion_given: int = 0  # rows whose criterion is --criterion's (the first five named)
    criterion_where: list[str] = field(default_factory=list)
    points_given: int = 0  # rows whose points are --points' (the first five named)
    points_where: list[str] = field(default_factory=list)
    rows: int = 0
    added: int = 0
    duplicates: int = 0
    errors: list[RowError] = field(default_factory=list)
    converted: list[str] = field(default_factory=list)
    date_warnings: list[str] = field(default_factory=list)  # the first five rows dated outside the campaign
    warned_dates: int = 0
    future_warnings: list[str] = field(default_factory=list)  # the first five rows dated after today (in the campaign)
    warned_future: int = 0
    points_warnings: list[str] = field(default_factory=list)  # the first five rows with points past a criterion's bounds
    warned_points: int = 0
    total_warnings: list[str] = field(default_factory=list)  # "Tổng cộng" rows whose points are not the rows' sum
    near: list[tuple[str, int, int | None]] = field(default_factory=list)  # rows like a live entry: (where, its id, its batch)
    repeated: list[tuple[str, int]] = field(default_factory=list)  # rows equal to an earlier row of the file: (where, its line)
    alike: list[tuple[str, int]] = field(default_factory=list)  # ... equal but for note or evidence: (where, its line)
    notes: object = None  # the reader's ReadNotes
    counted: str = "dòng"  # what `rows` counts (EntryImport.counted)


class _EntryCheck:
    """Every row of an entry file checked, as (entry, fingerprint) pairs `store.insert_entries` appends.

    The entry is a plain tuple in `store.NewEntry` order; the fingerprint is None where no duplicate
    lookup needed it (the campaign held no entries): the writer then computes it. Once a row has
    failed, no more pairs are given, but every row is still checked and every bad cell named."""

    def __init__(self, path, campaign, sheet, columns, recorder, recorded_at, allow_near_duplicates):
        self.path, self.campaign, self.sheet, self.columns = path, campaign, sheet, columns
        self.recorder, self.recorded_at, self.allow_near_duplicates = recorder, recorded_at, allow_near_duplicates
        self.found = _CheckFound()
        self.defaults: tuple[str | None, str | None] = (None, None)  # (--criterion, --points): a row's empty cell

    def rows_apart(self, db: str | None, progress=None, go=None) -> Iterator[tuple]:
        """`rows` read through a ledger connection of its own: the ledger as it was when the writing
        transaction began (that transaction holds the lock), with indexes a big load has dropped.

        `go` (a second process, `check_apart`): the file is read ahead while the writer opens the
        ledger and begins its transaction; the ledger is opened only once it has (`go.wait()`)."""
        table = self._table()
        ahead: list = []
        if go is not None:
            for row in table:
                ahead.append(row)
                if len(ahead) % 1024 == 0 and (len(ahead) >= _READ_AHEAD or go.given()):
                    break
            go.wait()
        with session_for(db) as session:
            yield from self.rows(session, progress, chain(ahead, table))

    def _table(self) -> Iterator:
        from thidua_cli.domain.file_kinds import ENTRIES
        from thidua_cli.services.readers import ReadNotes, read_table

        self.found.notes = notes = ReadNotes()
        kind = ENTRIES
        if self.defaults[0] is not None:
            kind = kind.not_requiring("criterion")
        if self.defaults[1] is not None:
            kind = replace(kind, required=tuple(group for group in kind.required if group != ("points", "points_minus")))
        table = read_table(self.path, kind, _IMPORTED_FIELDS, self.sheet, self.columns, notes)
        try:
            first = next(table, None)
        except ThiduaError as refused:  # no column of criteria and points: a table one column per criterion?
            return _by_criterion(self.path, self.sheet, self.columns, refused, self.found)
        return chain((first,), table) if first is not None else iter(())

    def rows(self, session: Session, progress=None, table: Iterator | None = None) -> Iterator[tuple]:
        """The pairs to append; `progress(rows read)` after each row. `table`: the file's rows (`_table`)."""
        from thidua_cli.storage.hashchain import entry_fingerprint

        table = self._table() if table is None else table
        connection = session.connection
        found = self.found
        errors, near, converted_cells = found.errors, found.near, found.converted
        # on a ledger shared by agencies, a campaign's entries are for its own agency's people (or nobody's)
        held_by_agency = subject_store.subject_agencies(connection)
        subjects = SubjectIndex(subject_store.all_subjects(connection), held_by_agency)
        default_campaign = session.campaign(self.campaign) if self.campaign else None
        campaigns: dict[str, Campaign] = {}
        recorder, recorded_at, allow_near_duplicates = self.recorder, self.recorded_at, self.allow_near_duplicates

        def campaign_for(row, code) -> Campaign | None:
            nonlocal default_campaign
            code = clean(str(code)) if code else ""
            if not code:
                if default_campaign is None:
                    default_campaign = session.campaign(None)
                return default_campaign
            if code.casefold() not in campaigns:
                try:
                    campaigns[code.casefold()] = session.campaign(code)
                except ThiduaError:
                    errors.append(RowError(row.where, row.cells.get("campaign", "campaign"), code, "không có phong trào này trong sổ"))
                    return None
            return campaigns[code.casefold()]

        def fail(row, column: str, value, why: str) -> None:
            errors.append(RowError(row.where, row.cells.get(column, column), value, why))

        per_campaign: dict[int, tuple[dict, store.ExistingEntries, dict, int | None]] = {}
        # Files repeat the same dates, subjects, criteria and points on row after row: each distinct
        # cell value is checked once and its outcome (the value, or why it is refused) remembered.
        # Keys hold the cell's type unless it is text: the number 1, 1.0 and True are equal keys.
        days: dict = {}
        named: dict = {}
        points_read: dict = {}
        chosen = chosen_cell = None
        read = added = duplicates = warned_dates = warned_points = warned_future = 0
        dated_where = None  # the row last warned of its date
        now = today()  # a row dated after it is said (date_warning)
        by_id: dict[int, object] = {}  # criterion id -> the criterion
        limits: dict[int, tuple[int, int]] = {}  # criterion id -> (floor, cap) in hundredths, for `bounds_warning`
        twins, repeated, alike = _FileTwins(), found.repeated, found.alike
        # the points of the rows above each "Tổng cộng" row the reader has left out (rows come in the file's order;
        # the reader, reading ahead, may have met totals further down)
        totals, totals_passed, summed, sums_at = found.notes.total_points, 0, 0, []
        default_criterion, default_points = self.defaults
        try:
            for row in table:
                read += 1
                where, line, values, cells, converted, problems = row
                if totals_passed < len(totals):
                    while totals_passed < len(totals) and totals[totals_passed][0] < line:
                        sums_at.append(summed)
                        totals_passed += 1
                if converted:
                    converted_cells.extend(converted)
                if progress is not None:
                    progress(read)
                if problems:
                    errors.extend(problems)
                    continue
                raw_day, code_cell, name_cell, criterion_cell, raw_points, note, evidence, campaign_cell, row_by, unit_cell, minus = values
                if default_criterion is not None and (criterion_cell is None or criterion_cell == ""):
                    criterion_cell = default_criterion
                    found.criterion_given += 1
                    if len(found.criterion_where) < 5:  # named in the warning; the count is of them all
                        found.criterion_where.append(where)
                if default_points is not None and (raw_points is None or raw_points == "") and (minus is None or minus == ""):
                    raw_points = default_points
                    found.points_given += 1
                    if len(found.points_where) < 5:
                        found.points_where.append(where)
                if chosen is None or campaign_cell != chosen_cell:  # most files name no campaign
                    chosen, chosen_cell = campaign_for(row, campaign_cell), campaign_cell
                    if chosen is None:
                        continue
                    known = per_campaign.get(chosen.id)
                    if known is None:
                        known = per_campaign[chosen.id] = (
                            _criteria_lookup(session, chosen), store.ExistingEntries(connection, chosen.id), {},
                            subject_store.campaign_agency_id(connection, chosen.id) if held_by_agency else None,
                        )
                        for criterion, criterion_id in known[0].values():
                            by_id[criterion_id] = criterion
                            limits[criterion_id] = (_NO_FLOOR if criterion.min_points is None else criterion.min_points,
                                                    0 if criterion.penalty else  # points added by a violation: told
                                                    _NO_CAP if criterion.max_points is None else criterion.max_points)
                    lookup, existing, criteria, campaign_agency = known
                    campaign_id, first_day, last_day, held = chosen.id, chosen.start, chosen.end, existing.up_to

                day = days.get(raw_day if type(raw_day) is str else (type(raw_day), raw_day), _UNSEEN)
                if day is _UNSEEN:
                    day = _remember(days, raw_day if type(raw_day) is str else (type(raw_day), raw_day), _checked_day)
                if type(day) is str:
                    fail(row, "date", raw_day, day)
                    day = None
                subject_key = code_cell if not name_cell and not unit_cell and type(code_cell) is str else (
                    type(code_cell), code_cell, type(name_cell), name_cell, unit_cell, campaign_agency)
                who = named.get(subject_key, _UNSEEN)
                if who is _UNSEEN:
                    who = _remember(named, subject_key,
                                    lambda _: subject_named((code_cell, name_cell, unit_cell), subjects, campaign_agency))
                if type(who) is tuple and len(who) == 2:  # told once per subject and unit written, then kept
                    found.notes.units.append(f"{where}: {who[1]}")
                    who = named[subject_key] = who[0]
                if type(who) is tuple:
                    column, text, why = who
                    fail(row, "subject_name" if column not in cells else column, text, why)
                    who = None
                elif campaign_agency is not None and who.id in held_by_agency and held_by_agency[who.id][0] != campaign_agency:
                    fail(row, "subject" if "subject" in cells else "subject_name", who.code, f"là đối tượng của cơ quan {held_by_agency[who.id][1]}, không thuộc cơ quan "
                         f"giữ phong trào {chosen.code}")
                    who = None
                criterion_key = (criterion_cell if type(criterion_cell) is str else (type(criterion_cell), criterion_cell),
                                 who.kind if who is not None else None)
                criterion_id = criteria.get(criterion_key, _UNSEEN)
                if criterion_id is _UNSEEN:
                    criterion_id = _remember(criteria, criterion_key, lambda key: _criterion_named(key, lookup, chosen))
                if type(criterion_id) is tuple:
                    text, why = criterion_id
                    fail(row, "criterion", text, why if who is None else why.replace("{code}", who.code))
                hundredths = points_read.get(raw_points if type(raw_points) is str else (type(raw_points), raw_points), _UNSEEN)
                if hundredths is _UNSEEN:
                    hundredths = _remember(points_read, raw_points if type(raw_points) is str else (type(raw_points), raw_points),
                                           _checked_points)
                if minus is not None and minus != "" and (type(minus) is not str or minus.strip()):
                    hundredths = _deducted(row, raw_points, minus, fail)  # "Điểm cộng | Điểm trừ": the one filled in
                elif type(hundredths) is str:
                    fail(row, "points" if "points" in cells or "points_minus" not in cells else "points_minus", raw_points, hundredths)
                    hundredths = None
                else:
                    summed += hundredths
                if type(note) is not str:
                    note = _text(note)
                if type(evidence) is not str:
                    evidence = _text(evidence)
                if len(note) > MAX_NOTE:
                    fail(row, "note", note[:30] + "…", f"dài quá {MAX_NOTE} ký tự")
                if len(evidence) > MAX_NOTE:
                    fail(row, "evidence", evidence[:30] + "…", f"dài quá {MAX_NOTE} ký tự")
                if errors:
                    continue
                when, iso_day = day
                if when > now or not first_day <= when <= last_day:
                    if where != dated_where:  # a table one column per criterion: one row, one date, several entries
                        dated_where = where
                        if not first_day <= when <= last_day:
                            warned_dates += 1
                            if warned_dates <= 5:
                                found.date_warnings.append(f"{where}: {date_warning(chosen, when)}")
                        else:
                            warned_future += 1
                            if warned_future <= 5:
                                found.future_warnings.append(f"{where}: {date_warning(chosen, when, now)}")
                low, high = limits[criterion_id]
                if hundredths < low or hundredths > high:
                    warned_points += 1
                    if warned_points <= 5:
                        found.points_warnings.append(f"{where}: {bounds_warning(by_id[criterion_id], hundredths)}")
                if type(row_by) is not str:
                    row_by = _text(row_by)
                subject_id = who.id
                new = (campaign_id, subject_id, criterion_id, iso_day, hundredths, note, evidence, row_by or recorder, recorded_at)
                # the writer computes the fingerprint when no ledger lookup needs it (this may be the slower process)
                fingerprint = entry_fingerprint(campaign_id, subject_id, criterion_id, iso_day, hundredths, note, evidence) if held else None
                # a row repeated inside the file is told apart as a row repeating the ledger is
                twin_in_file = twins.see(hash((campaign_id, subject_id, criterion_id, iso_day, hundredths)), hash((note, evidence)), row.line)
                if held and existing.take(new, fingerprint):  # the campaign has entries: is the row one of them?
                    duplicates += 1
                    continue
                if twin_in_file is not None and twin_in_file[0]:
                    repeated.append((where, twin_in_file[1]))
                    continue
                if twin_in_file is not None:  # stored: two achievements of a day told apart by their notes, most often
                    alike.append((where, twin_in_file[1]))
                twin = existing.near(new, fingerprint) if held else None
                if twin is not None:
                    near.append((where, twin[0], twin[1]))
                    if not allow_near_duplicates:
                        continue
                added += 1
                yield new, fingerprint
            sums_at += [summed] * (len(totals) - len(sums_at))
            found.total_warnings = _totals_not_summed(totals, sums_at)
        finally:
            found.rows, found.added, found.duplicates = read, added, duplicates
            found.warned_dates, found.warned_points, found.warned_future = warned_dates, warned_points, warned_future


def _totals_not_summed(totals: list[tuple[int, str, object]], sums_at: list[int]) -> list[str]:
    """The "Tổng cộng" rows whose points cell is neither the sum of the rows above it nor of those since the total
    before it (a group's "Cộng phòng A"): a number typed as text Excel left out of its SUM, a row added or lost."""
    told = []
    for index, ((_, where, cell), summed) in enumerate(zip(totals, sums_at)):
        shown = _total_written(cell)
        since = summed - sums_at[index - 1] if index else summed
        if shown is None or shown in (summed, since):
            continue
        told.append(f"{where} ghi {format_points(shown)} điểm, các dòng phía trên cộng lại {format_points(summed)}"
                    + (f" (từ dòng tổng trước: {format_points(since)})" if index else ""))
    return told


def _total_written(cell) -> int | None:
    """A total's points in hundredths (a sum of floats rounded as Excel shows it), or None when it holds none."""
    if cell is None or isinstance(cell, bool) or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, float):
        return round(cell * 100)
    try:
        return parse_points(cell)
    except FormatError:
        return None


def _row_defaults(db: str | None, campaign: str | None, criterion: str | None, points: str | None):
    """`import-entries --criterion K --points P`: checked before the file is read — the criterion of the campaign
    (its code as the campaign writes it), the points as a cell would be written."""
    code = None
    if criterion is not None:
        with session_for(db) as session:
            chosen = session.campaign(campaign)
        known = chosen.criterion(clean(criterion))
        if known is None:
            raise UsageError(f'--criterion: không có tiêu chí "{clean(criterion)}" trong phong trào {chosen.code} '
                             f"(có: {', '.join(c.code for c in chosen.criteria)})")
        code = known.code
    if points is not None:
        try:
            parse_points(clean(points))
        except FormatError as error:
            raise UsageError(f'--points: "{clean(points)}" {error}') from None
        points = clean(points)
    return code, points


def _by_criterion(path, sheet, columns, refused: ThiduaError, found: "_CheckFound") -> Iterator:
    """The rows of a table kept one column per criterion ("Ngày | Mã | Họ và tên | TC1 điểm | TC2 điểm"), each cell
    filled in as a row of its own (the criterion heading its column, the points in it), or `refused` — the usual
    table's refusal — when the file is no such table. A table one column per month ("T1 … T12") has no day and no
    criterion for its points: refused, saying so."""
    from thidua_cli.domain.file_kinds import (
        ENTRIES, POINTS_OF, criterion_of_header, entries_by_criterion, header_key, month_of_header,
    )
    from thidua_cli.services.readers import SKIP, ReadNotes, parse_column_options, read_headers, read_table

    loose = replace(ENTRIES, required=(("subject", "subject_name"),))  # the header however many columns it lacks
    try:
        headers, positions = read_headers(path, loose, sheet, columns)
    except ThiduaError:
        raise refused from None
    if "criterion" in positions or "points" in positions or "points_minus" in positions:
        raise refused
    taken = set(positions.values())
    left_out = {key for key, field in parse_column_options(ENTRIES, columns).items() if field == SKIP}  # --column "X=-"
    codes: dict[str, tuple[str, ...]] = {}
    months = []
    for index, header in enumerate(headers):
        if index in taken or not header or header_key(header) in left_out:
            continue
        if month_of_header(header) is not None:
            months.append(header)
        elif (code := criterion_of_header(header)) is not None:
            codes[code] = (*codes.get(code, ()), header)
    if len(months) >= 2 and not codes:
        raise ThiduaError(
            f"{refused.message.split(' thiếu cột')[0]} ghi điểm mỗi tháng một cột ({', '.join(months[:3])}"
            f"{' …' if len(months) > 3 else ''}): mỗi mục ghi cần ngày đạt được và tiêu chí, bảng này không có",
            hint="ghi mỗi thành tích một dòng: Ngày, Mã (hoặc Họ và tên), Tiêu chí, Điểm, Nội dung, Minh chứng "
                 "(mẫu: thidua templates xlsx THƯ-MỤC); hoặc mỗi tiêu chí một cột (TC1, TC2 …) bên cột Ngày",
        )
    if not codes:
        raise refused
    if "date" not in positions:
        raise ThiduaError(
            f"{refused.message.split(' thiếu cột')[0]} ghi điểm mỗi tiêu chí một cột ({', '.join(t[0] for t in codes.values())}) "
            f"nhưng thiếu cột ngày: mỗi mục ghi cần ngày đạt được",
            hint='thêm cột "Ngày" (ngày đạt được của các điểm trên dòng); cột ngày mang tên khác thì chỉ rõ: '
                 '--column "Tên cột=date"',
        )
    kind = entries_by_criterion(codes)
    fields = ("date", "subject", "subject_name", "note", "evidence", "campaign", "recorded_by", "unit",
              *(POINTS_OF + code for code in codes))
    found.notes = notes = ReadNotes()
    found.counted = "ô điểm"
    notes.sheet_notes.append(
        "bảng ghi điểm mỗi tiêu chí một cột: mỗi ô có điểm là một mục ghi của tiêu chí ở đầu cột ("
        + ", ".join(f"{texts[0]} → {code}" for code, texts in codes.items()) + ")"
    )
    zeros: list[str] = []
    empty: list[str] = []
    try:
        for row in read_table(path, kind, fields, sheet, columns, notes):
            values, cells = row.values, row.cells
            day, code_cell, name_cell, note, evidence, campaign, by, unit = values[:8]
            problems = row.problems
            spread = 0
            for code, raw in zip(codes, values[8:]):
                field = POINTS_OF + code
                if raw is None or (isinstance(raw, str) and not raw.strip()):
                    continue
                if raw == 0 or (isinstance(raw, str) and raw.strip() in ("0", "0,0", "0.0", "0,00", "0.00")):
                    zeros.append(f"{row.where} ({codes[code][0]})")  # nothing to record: told, not written
                    continue
                named = {key: value for key, value in cells.items() if not key.startswith(POINTS_OF)}
                named["criterion"] = named["points"] = cells.get(field, field)
                yield row._replace(values=[day, code_cell, name_cell, code, raw, note, evidence, campaign, by, unit, ""],
                                   cells=named, converted=row.converted if not spread else (), problems=problems)
                problems = ()
                spread += 1
            if not spread:
                if problems or row.converted:
                    yield row._replace(values=[day, code_cell, name_cell, next(iter(codes)), "", note, evidence, campaign, by, unit, ""])
                else:
                    empty.append(row.where)
    finally:
        if zeros:
            notes.sheet_notes.append(f"{len(zeros)} ô điểm ghi 0, không ghi thành mục: " + "; ".join(zeros[:20])
                                     + (f" … và {len(zeros) - 20} ô khác" if len(zeros) > 20 else ""))
        if empty:
            notes.sheet_notes.append(f"{len(empty)} dòng không có điểm ở cột tiêu chí nào, không ghi mục nào: "
                                     + "; ".join(empty[:20]) + (f" … và {len(empty) - 20} dòng khác" if len(empty) > 20 else ""))


def _deducted(row, raw_points, minus, fail) -> int | None:
    """The points of a row whose "Điểm trừ" cell is filled in: minus what it says (2 or -2 there is -2 points), or None
    when refused — its "Điểm" ("Điểm cộng") cell filled in too, or no number."""
    if raw_points is not None and raw_points != "" and (type(raw_points) is not str or raw_points.strip()):
        fail(row, "points_minus", minus, f'ghi cả điểm cộng ("{_text(raw_points)}") và điểm trừ trên một dòng — mỗi dòng '
                                         f"một mục ghi: tách thành hai dòng")
        return None
    found = _checked_points(minus if type(minus) is str else (type(minus), minus))
    if type(found) is str:
        fail(row, "points_minus", minus, found)
        return None
    return -abs(found)


def _criteria_lookup(session: Session, campaign: Campaign) -> dict[str, tuple]:
    """Criteria by code (case ignored), and by folded name where no code reads the same."""
    ids = _criterion_ids(session, campaign)
    lookup = {c.code.casefold(): (c, ids[c.code.casefold()]) for c in campaign.criteria}
    for criterion in campaign.criteria:
        lookup.setdefault(fold_key(criterion.name), (criterion, ids[criterion.code.casefold()]))
    return lookup


class _FileTwins:
    """The rows of one file seen so far, to tell a row repeated inside the file (as `ExistingEntries` tells one
    repeating the ledger). Kept linear and small for a million rows: one int key (the hash of campaign,
    subject, criterion, day and points) and one int value (the hash of the row's note and evidence, and its
    line) per row, about 130 bytes; the few rows alike in all but note or evidence are listed apart."""

    def __init__(self) -> None:
        self.first: dict[int, int] = {}
        self.more: dict[int, list[tuple[int, int]]] = {}

    def see(self, alike: int, wording: int, line: int) -> tuple[bool, int] | None:
        """None for the first row like this one; (True, line) for a row equal to an earlier one on that line;
        (False, line) for one alike but for note or evidence (the first such earlier row). `alike`: the hash of
        the row but for note and evidence; `wording`: the hash of those two."""
        exact = wording & _HASH_BITS
        first = self.first.get(alike)
        if first is None:
            self.first[alike] = exact << 32 | line
            return None
        earlier = [(first >> 32, first & _LINE_BITS), *self.more.get(alike, ())]
        for other, other_line in earlier:
            if other == exact:
                return True, other_line
        self.more.setdefault(alike, []).append((exact, line))
        return False, earlier[0][1]


_HASH_BITS = (1 << 64) - 1
_LINE_BITS = (1 << 32) - 1
_NO_CAP, _NO_FLOOR = 1 << 62, -(1 << 62)


# what the import reads of each row, in this order (`read_table`)
_IMPORTED_FIELDS = ("date", "subject", "subject_name", "criterion", "points", "note", "evidence", "campaign", "recorded_by", "unit",
                    "points_minus")
_UNSEEN = object()
_READ_AHEAD = 1 << 16  # rows a second process reads before the writer's transaction has begun (~30 MB at most)
_REMEMBERED = 1 << 16  # distinct values remembered per field: dates, codes and points repeat; more is a rare file


def _remember(cache: dict, key, check):
    """`check(key)` (a value, or why the cell is refused), remembered for the next rows holding the same cell."""
    found = check(key)
    if len(cache) < _REMEMBERED:
        cache[key] = found
    return found


def _checked_day(key) -> tuple[date, str] | str:
    """(date, ISO text), or why the cell is no date; `key` is the text, or (type, cell)."""
    raw = key if type(key) is str else key[1]
    if raw is None or not str(raw).strip():
        return "trống — cần ngày (DD/MM/YYYY)"  # as an empty point or subject cell is told, not "không phải ngày"
    try:
        day = raw if isinstance(raw, date) else parse_date(str(raw or ""))
    except FormatError as error:
        return str(error)
    return day, day.isoformat()


def _checked_points(key) -> int | str:
    """Hundredths, or why the cell is no number of points; `key` is the text, or (type, cell): True is not 1."""
    raw = key if type(key) is str else key[1]
    try:
        if raw is None or raw == "":
            raise FormatError("trống — cần số điểm")
        return parse_points(raw)
    except FormatError as error:
        return str(error)


def _criterion_named(key: tuple, lookup: dict, campaign: Campaign) -> int | tuple[str, str]:
    """The criterion id a row's cell names for a subject of kind `key[1]`, or (value, why); a why that
    names the subject holds `{code}` (the outcome is remembered per kind, not per subject)."""
    text = key[0] if type(key[0]) is str else _text(key[0][1])
    if not text:  # as an empty subject or points cell is told
        return (text, "trống — cần mã tiêu chí")
    criterion, criterion_id = lookup.get(text.casefold()) or lookup.get(fold_key(text), (None, None))
    if criterion is None:
        meant = _code_meant(text, campaign)
        return (text, f"không có tiêu chí này trong phong trào {campaign.code}" + (f" — có phải {meant}?" if meant else ""))
    if key[1] is not None and not criterion.applies(key[1]):
        return (text, f"không áp dụng cho {KIND_LABELS[key[1]]} ({{code}})")
    return criterion_id


def _code_meant(text: str, campaign: Campaign) -> str | None:
    """The criterion code a refused cell is written like ("TC 1", "TC1.", "TC01", "Tiêu chí 1" for TC1), to name in the
    refusal — not taken in its place: "TC01" may be a criterion the campaign file has yet to hold."""
    def shape(code: str) -> str:
        return re.sub(r"(?<!\d)0+(?=\d)", "", re.sub(r"[\s.:_-]+", "", fold_key(code)))

    written = shape(text)
    found = [c.code for c in campaign.criteria if shape(c.code) == written]
    if not found:
        number = re.fullmatch(r"(?:tieu chi|tc)\s*0*(\d+)\.?", fold_key(text).strip())
        found = [c.code for c in campaign.criteria if number and shape(c.code) == f"tc{number[1]}"]
    return found[0] if len(found) == 1 else None


def _near_duplicates_error(path: str, near: list[tuple[str, int, int | None]]) -> ThiduaError:
    from thidua_cli.services.long_lists import shortened

    lines = [f"{where}: giống mục ghi số {entry_id}" + (f" (lần nhập số {batch})" if batch else "") for where, entry_id, batch in near]
    batches = sorted({batch for _, _, batch in near if batch})
    undo = f"; nếu tệp này sửa lại lần nhập số {batches[0]}, huỷ lần nhập đó trước: thidua void-import {batches[0]} --reason \"…\"" if len(batches) == 1 else ""
    return ThiduaError(
        f"tệp {Path(path).name} có {len(near)} dòng gần trùng với mục ghi đã có (cùng ngày, đối tượng, tiêu chí, điểm; "
        f"khác nội dung hoặc minh chứng), chưa ghi gì vào sổ — {lines[0]}",
        hint="nếu đó là những thành tích khác thật, thêm --allow-near-duplicates" + undo,
        details=shortened(lines, path, "Các dòng gần trùng mục ghi đã có", skipped_first=1),
    )


def _text(value) -> str:
    """A non-text cell (number, empty) as clean text; text cells come clean from the readers."""
    return clean(str(value)) if value else ""


def _rows_at_least(path: str) -> int:
    """A low guess of a file's row count from its size (an entry row rarely takes under 100 bytes)."""
    try:
        return Path(path).stat().st_size // 100
    except OSError:
        return 0


class _RolledBack(Exception):
    """Raised inside the write transaction to undo a dry run."""


@dataclass
class EntryListing:
    campaign: Campaign
    period: Period
    count: int
    voided: int  # how many of them are voided
    rows: Callable[[], Iterator[dict]]  # the entries, read from the ledger as they are consumed


@contextmanager
def open_entry_listing(
    db: str | None, request: PeriodRequest, campaign: str | None = None, subject: str | None = None,
    criterion: str | None = None, unit: str | None = None, include_void: bool = False,
) -> Iterator[EntryListing]:
    """The entries chosen by the filters, counted first, then streamed while the ledger stays open."""
    from thidua_cli.services.subjects import filter_by_unit

    with session_for(db) as session:
        chosen = session.campaign(campaign)
        period = resolve_period(request, chosen.start, chosen.end, today()) if request.given() else Period(date.min, date.max, "")
        subject_ids = None
        if subject:
            subject_ids = [session.subject(subject).id]
        if unit:
            members = filter_by_unit(subject_store.all_subjects(session.connection), unit)
            if not members:
                raise NotFound(f'--unit: không có đơn vị "{clean(unit)}"')
            ids = {s.id for s in members}
            subject_ids = [i for i in subject_ids if i in ids] if subject_ids is not None else sorted(ids)
        criterion_id = None
        if criterion:
            known = chosen.criterion(criterion)
            if known is None:
                raise NotFound(f'--criterion: không có tiêu chí "{criterion}" trong phong trào {chosen.code}')
            criterion_id = _criterion_ids(session, chosen)[known.code.casefold()]
        query = (session.connection, chosen.id, period.start.isoformat(), period.end.isoformat(), subject_ids, criterion_id, include_void)
        count, voided = store.count_entries(*query)

        def rows() -> Iterator[dict]:
            for r in store.list_entries(*query, stream=True):
                yield {
                    "id": r[0], "date": r[1], "subject": r[2], "name": r[3], "criterion": r[4], "points": r[5],
                    "note": r[6], "evidence": r[7], "recorded_by": r[8], "recorded_at": r[9], "voided": bool(r[10]),
                    "void_reason": r[11], "unit": r[12], "voided_by": r[15], "voided_at": r[16],
                }

        if not request.given():
            period = Period(chosen.start, chosen.end, "")
        yield EntryListing(chosen, period, count, voided, rows)


def void_reason(reason: str, number: int, record: str) -> str:
    """The reason to void `record` number `number` ("mục ghi", "lần nhập"), checked before the ledger is opened."""
    reason_text = clean(reason)
    if not reason_text:
        raise InvalidData(f"--reason: cần ghi lý do huỷ {record}")
    if not 0 < number < 2**63:
        raise NotFound(f"không có {record} số {number}")
    return reason_text


def void_entry(db: str | None, entry_id: int, reason: str, by: str | None = None) -> int:
    reason_text = void_reason(reason, entry_id, "mục ghi")
    with session_for(db) as session:
        with session.ledger.write() as connection:
            row = store.entry_row(connection, entry_id)
            if row is None:
                raise NotFound(f"không có mục ghi số {entry_id}")
            if row[2] is not None:
                from thidua_cli.render.change_log import local_time

                # when, by whom and why: the office asking to void it again learns it was done, and how
                raise ThiduaError(f"mục ghi số {entry_id} đã bị huỷ trước đó ({local_time(row[3])}, {row[4]}: {row[5]})")
            return store.insert_void(connection, entry_id, reason_text, current_user(by), now_text())
