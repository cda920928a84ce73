"""thidua register: đăng ký thi đua — add, import, list, approve, return.

Registrations and reviews are only ever added (one transaction per command); the status of a
registration is that of its newest review. A subject has at most one live registration per award:
registering again is refused unless the previous one was returned.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from thidua_cli.domain.formats import FormatError, format_date, parse_date
from thidua_cli.domain.history_terms import words_in_order
from thidua_cli.domain.models import KIND_LABELS, Award, Campaign, Subject
from thidua_cli.domain.registration import APPROVED, PENDING, RETURNED, STATUS_INPUTS, STATUS_LABELS, Registration, current
from thidua_cli.domain.vntext import clean, fold_key
from thidua_cli.errors import InvalidData, NotFound, RowError, ThiduaError, UsageError
from thidua_cli.services.import_result import FileImport
from thidua_cli.services.ledger_session import session_for
from thidua_cli.services.session import current_user, now_text, of_another_agency, today
from thidua_cli.storage import registrations as store
from thidua_cli.storage import subjects as subject_store
from thidua_cli.storage.units import unit_names

@dataclass
class RegistrationImport(FileImport):
    pass


@dataclass
class RegistrationList:
    campaign: Campaign
    rows: list[Registration] = field(default_factory=list)
    status: str | None = None
    units: dict[str, str] = field(default_factory=dict)  # unit code -> the collective's name


def find_award(campaign: Campaign, text: str) -> Award | None:
    """By code, else by code or name with diacritics and case ignored ("LĐTT" is LDTT)."""
    found = campaign.award(text)
    if found is not None:
        return found
    wanted = fold_key(text)
    codes = [a for a in campaign.awards if fold_key(a.code) == wanted]
    if len(codes) == 1:
        return codes[0]
    named = next((a for a in campaign.awards if fold_key(a.name) == wanted), None)
    if named is not None or not wanted:
        return named
    # the words an office writes for the one award they begin ("Giấy khen" for "Giấy khen của Giám đốc Sở"; "Lao
    # động tiên tiến" for "Danh hiệu Lao động tiên tiến"); "Bằng khen" with two Bằng khen names none
    bare = wanted.removeprefix("danh hieu ")
    if len(bare.split()) < 2:  # "Giấy" alone is no award's name, though one begins with it
        return None
    begun = [a for a in campaign.awards if (f"{fold_key(a.name).removeprefix('danh hieu ')} ").startswith(f"{bare} ")]
    if len(begun) == 1:
        return begun[0]
    if begun:
        return None
    # the name shortened by its words left out ("Bằng khen UBND" for "Bằng khen của Chủ tịch UBND tỉnh"): every
    # word written is the award's, in its order, and no other award's name has them all
    words = bare.split()
    within = [a for a in campaign.awards if words_in_order(words, fold_key(a.name).split())]
    return within[0] if len(within) == 1 else None


def _award_problem(campaign: Campaign, subject: Subject, text: str) -> tuple[Award | None, str | None]:
    award = find_award(campaign, text)
    if award is None:
        # by code and name: the person wrote the name ("Giấy khen"), the code alone does not say which it is
        codes = "; ".join(f"{a.code} — {a.name}" for a in campaign.awards) or "chưa có hình thức nào"
        return None, f"không phải danh hiệu, hình thức của phong trào {campaign.code} (có: {codes})"
    if not award.applies(subject.kind):
        return None, f"{award.code} không dành cho {KIND_LABELS[subject.kind]}"
    return award, None


def _live(existing: list[Registration], subject: Subject, award: Award) -> Registration | None:
    """The subject's registration for the award still in force (not returned), if any."""
    for registration in current(existing):
        if registration.subject.code == subject.code and registration.award.casefold() == award.code.casefold():
            return registration if registration.status != RETURNED else None
    return None


def document_date(text: str | None):
    """The date written on the summary sent upward (default today)."""
    return _day(text)


def _day(text: str | None, option: str = "--date"):
    if not text:
        return today()
    try:
        return parse_date(text)
    except FormatError as error:
        raise UsageError(f'{option}: "{text}" {error}') from None


def add_registration(
    db: str | None, subject: str, award: str, targets: str | None = None, day: str | None = None,
    campaign: str | None = None, by: str | None = None,
) -> Registration:
    when = _day(day)
    with session_for(db) as session:
        chosen = session.campaign(campaign)
        who = session.subject(subject)
        elsewhere = subject_store.agency_elsewhere(session.connection, who.id, chosen.id)
        if elsewhere is not None:  # as add-entry: the campaign's standings never count them
            raise InvalidData(f"--subject: {who.code} — {who.name} {of_another_agency(elsewhere, chosen.code)}",
                              hint="kiểm tra lại mã đối tượng (mỗi cơ quan đăng ký thi đua cho người của mình)")
        found, problem = _award_problem(chosen, who, clean(award))
        if problem:
            raise InvalidData(f'--award: "{clean(award)}" {problem}')
        live = _live(store.list_registrations(session.connection, chosen), who, found)
        if live is not None:
            raise ThiduaError(
                f"{who.code} — {who.name} đã đăng ký {found.code} ngày {format_date(live.day)} (số {live.id}, {live.status_label})",
                hint="muốn sửa chỉ tiêu thì trả lại đăng ký cũ (thidua register return SỐ --reason …) rồi đăng ký lại",
            )
        row = store.NewRegistration(chosen.id, who.id, found.code, clean(targets or ""), when, "manual", current_user(by), now_text())
        with session.ledger.write() as connection:
            [new_id] = store.insert_registrations(connection, [row])
        return Registration(new_id, who, found.code, found.name, row.targets, when, recorded_by=row.recorded_by)


def import_registrations(
    db: str | None, path: str, campaign: str | None = None, dry_run: bool = False, sheet: str | None = None,
    by: str | None = None, columns: tuple[str, ...] = (),
) -> RegistrationImport:
    """All rows are checked first; any bad row → nothing written and every bad row reported.
    A row equal to a live registration (same subject and award) is skipped and counted."""
    from thidua_cli.domain.file_kinds import REGISTRATIONS
    from thidua_cli.services.subject_lookup import index_for
    from thidua_cli.services.imports import describe, file_sha256, seen_before, subject_rows
    from thidua_cli.services.readers import ReadNotes, shortened_text
    from thidua_cli.storage.subjects import campaign_agency_id

    filename = Path(path).name
    sha256 = file_sha256(path)
    report = RegistrationImport(dry_run=dry_run)
    errors: list[RowError] = []
    new_rows: list[store.NewRegistration] = []
    notes = ReadNotes()
    unticked: list[str] = []  # rows of a tick table with no award ticked: named
    with session_for(db, dry_run=dry_run) as session:
        chosen = session.campaign(campaign)
        ticks = _tick_layout(path, sheet, columns, chosen)
        subjects = index_for(session.connection, campaign_agency_id(session.connection, chosen.id))
        existing = store.list_registrations(session.connection, chosen)
        in_file: dict[tuple[str, str], str] = {}
        recorded_by, recorded_at = current_user(by), now_text()

        def register(row, who: Subject, found: Award, day, fail, column: str, cell) -> None:
            key = (who.code, found.code)
            if key in in_file:
                fail(column, cell, f"{who.code} đã đăng ký {found.code} ở {in_file[key]} của tệp này")
                return
            in_file[key] = row.where
            targets = clean(str(row.values.get("targets") or ""))
            live = _live(existing, who, found)
            if live is not None:  # the same registration again is skipped; one that says otherwise is no copy
                given_day = row.values.get("date") not in (None, "")
                if (targets and targets != live.targets) or (given_day and day != live.day):
                    field_name, value = ("targets", targets) if targets and targets != live.targets else ("date", format_date(day))
                    fail(field_name, value, f'khác đăng ký {found.code} đã có của {who.code} (số {live.id}, ngày '
                         f'{format_date(live.day)}, chỉ tiêu "{shortened_text(live.targets)}") — muốn đổi thì trả lại đăng ký '
                         f'cũ (thidua register return {live.id} --reason …) rồi nhập lại')
                else:
                    report.duplicates += 1
                return
            new_rows.append(store.NewRegistration(chosen.id, who.id, found.code, targets, day, "import", recorded_by, recorded_at))

        held_by_agency = subject_store.subject_agencies(session.connection)
        campaign_agency = subject_store.campaign_agency_id(session.connection, chosen.id) if held_by_agency else None
        for row, fail, who in subject_rows(path, ticks or REGISTRATIONS, sheet, columns, notes, report, errors, subjects):
            if who is not None and campaign_agency is not None and held_by_agency.get(who.id, (campaign_agency,))[0] != campaign_agency:
                fail("subject", who.code, of_another_agency(held_by_agency[who.id][1], chosen.code))  # as import-entries
                continue
            if ticks is not None:
                day = _row_day(row, fail)
                ticked = _ticked(row, chosen, who, fail)
                if ticked is not None and not ticked:
                    unticked.append(row.where)
                for field, cell in ticked or ():
                    if who is not None and day is not None:
                        register(row, who, chosen.award(field), day, fail, field, cell)
                continue
            found = _row_awards(row, chosen, who, fail)
            day = _row_day(row, fail)
            if who is None or not found or day is None:
                continue
            for award in found:
                register(row, who, award, day, fail, "award", row.values.get("award"))
        if ticks is not None:
            _refuse_foreign_awards(filename, chosen, notes.unused, columns)
        report.close_reading(filename, path, errors, notes, len(new_rows))
        if unticked:
            more = f"; … và {len(unticked) - 10} dòng khác" if len(unticked) > 10 else ""
            report.warnings.append("không ghi đăng ký nào cho dòng không đánh dấu danh hiệu, hình thức nào: "
                                   + "; ".join(unticked[:10]) + more)
        earlier = seen_before(session.connection, "registrations", sha256, sheet)
        if earlier is not None:  # read again all the same: the file may be another campaign's too
            report.warnings.append(f"tệp {filename} đã được nhập ở {describe(earlier)}; đăng ký đã có được bỏ qua, "
                                   f"chỉ ghi đăng ký mới")
        if not dry_run and (new_rows or earlier is None):
            from thidua_cli.storage import imports as batch_store

            with session.ledger.write() as connection:
                report.batch = batch_store.insert_batch(connection, "registrations", filename, sha256 or "", recorded_at, recorded_by,
                                                        sheet)
                store.insert_registrations(connection, new_rows)
                batch_store.finish_batch(connection, report.batch, report.rows, len(new_rows))
    return report


# what an office puts in a tick column: "x", "✓" … (a checkbox cell reads TRUE)
_TICKS = frozenset({"x", "✓", "✔", "☑", "√", "v", "1", "true"})


def _tick_layout(path: str, sheet: str | None, columns: tuple[str, ...], campaign: Campaign):
    """The file kind of a registration table with one tick column per award ("Họ và tên | LĐTT | CSTĐCS | Bằng
    khen UBND", "x" under each award registered), when the usual reading (a "Danh hiệu đăng ký" column) refuses
    the file and this one reads it; else None (the usual reading's refusal stands)."""
    from thidua_cli.domain.file_kinds import REGISTRATIONS, Column, FileKind
    from thidua_cli.services.readers import read_layout

    try:
        read_layout(path, REGISTRATIONS, sheet, columns)
        return None
    except ThiduaError as refused:
        usual = refused
    awards = []
    for award in campaign.awards:
        names = (award.code, award.name, award.name.removeprefix("Danh hiệu ").strip())
        awards.append(Column(award.code, f"đánh dấu đăng ký {award.name}", names + tuple(f"Đăng ký {n}" for n in names)))

    def guess(header: str) -> str | None:
        found = find_award(campaign, header)
        return found.code if found is not None else None

    kind = FileKind(
        name="registrations", label="đăng ký thi đua",
        columns=(REGISTRATIONS.column("subject"), REGISTRATIONS.column("subject_name"), *awards,
                 REGISTRATIONS.column("targets"), REGISTRATIONS.column("date"), REGISTRATIONS.column("unit")),
        required=(("subject", "subject_name"), tuple(a.code for a in campaign.awards)),
        stands_in=REGISTRATIONS.stands_in, expected=("targets",), guess=guess,
    )
    if not campaign.awards:
        raise usual
    try:
        read_layout(path, kind, sheet, columns)
    except ThiduaError:
        raise usual from None
    return kind


def _refuse_foreign_awards(filename: str, campaign: Campaign, unused: list[str], columns: tuple[str, ...]) -> None:
    """A tick column headed by an award the campaign does not offer ("CSTĐ cấp tỉnh") is refused by name: left out
    with the columns nothing reads, its ticks — registrations — would go nowhere. `--column "…=-"` leaves it out."""
    import re

    from thidua_cli.domain.file_kinds import header_key
    from thidua_cli.domain.history_terms import guess_category
    from thidua_cli.domain.ratings import title_name

    skipped = {header_key(option.rpartition("=")[0]) for option in columns if option.rpartition("=")[2].strip() == "-"}
    foreign: list[tuple[str, str]] = []  # (header, its letter as "(cột F)" in a workbook)
    for column in unused:
        header, letter = re.fullmatch(r"(.*?)((?: \(cột [A-Z]{1,3}\))?)", column).groups()
        if header_key(header) not in skipped and (title_name(header) or guess_category(header)):
            foreign.append((header, letter))
    if foreign:
        offered = "; ".join(f"{a.code} — {a.name}" for a in campaign.awards)
        named = ", ".join(f'"{header}"{letter}' for header, letter in foreign)
        raise ThiduaError(
            f"tệp {filename}: cột {named} là danh hiệu, hình thức phong trào {campaign.code} không có (có: {offered}) — "
            "dấu đăng ký ở cột ấy không ghi được",
            hint=f'đặt tiêu đề cột là mã hoặc tên một hình thức của phong trào, hoặc bỏ cột: --column "{foreign[0][0]}=-"',
        )


def _ticked(row, campaign: Campaign, who: Subject | None, fail) -> list[tuple[str, object]] | None:
    """The awards a row of a tick table registers, as (award code, the cell); a cell neither empty nor a tick is
    named, and so is a tick under an award not for the subject's kind. None when a cell was refused."""
    ticked, bad = [], False
    for award in campaign.awards:
        if award.code not in row.cells:
            continue
        value = row.values.get(award.code)
        if value is None or value is False or (isinstance(value, str) and not value.strip()):
            continue
        text = clean(str(value))
        if text.casefold() not in _TICKS:
            fail(award.code, text, f"không phải dấu đăng ký {award.code} — đánh x (hoặc ✓) nếu đăng ký, để trống nếu không")
            bad = True
            continue
        if who is not None and not award.applies(who.kind):
            fail(award.code, text, f"{award.code} không dành cho {KIND_LABELS[who.kind]}")
            bad = True
            continue
        ticked.append((award.code, text))
    return None if bad else ticked


def _row_awards(row, campaign: Campaign, who: Subject | None, fail) -> list[Award]:
    """The awards a row registers: one, or several written in one cell ("LĐTT, CSTĐCS", "Lao động tiên tiến; Giấy
    khen") when the cell is no award's name itself and every part is one."""
    import re

    text = clean(str(row.values.get("award") or ""))
    if not text:
        fail("award", "", "trống — cần danh hiệu hoặc hình thức đăng ký")
        return []
    if who is None:
        return []
    found, problem = _award_problem(campaign, who, text)
    if problem and find_award(campaign, text) is None:
        parts = [part for part in (clean(p) for p in re.split(r"[,;+\n]", text)) if part]
        # "LĐTT," (a stray comma) reads as its one part; "LĐTT, CSTĐCS" as two
        readings = [_award_problem(campaign, who, part) for part in parts] if parts != [text] else []
        if readings and all(award is not None for award, _ in readings):
            return [award for award, _ in readings]
        wrong = [(part, why) for part, (award, why) in zip(parts, readings) if why and find_award(campaign, part) is not None]
        if not wrong and len(parts) > 1:  # "LĐTT, Chiến sĩ thi đua cấp tỉnh": the part no award of the campaign is
            wrong = [(part, why) for part, (award, why) in zip(parts, readings) if award is None][:1]
        if wrong:  # "LĐTT, TTLĐTT" for a person: the part that is not for them is named
            part, why = wrong[0]
            fail("award", text, f'"{part}": {why}')
            return []
    if problem:
        fail("award", text, problem)
        return []
    return [found]


def _row_day(row, fail):
    raw = row.values.get("date")
    if raw in (None, ""):
        return today()
    if isinstance(raw, date):
        return raw
    try:
        return parse_date(str(raw))
    except FormatError as error:
        fail("date", raw, str(error))
        return None


def status_option(text: str | None) -> str | None:
    if not text:
        return None
    status = STATUS_INPUTS.get(fold_key(text).strip())
    if status is None:
        raise UsageError(f'--status: "{text}" không hợp lệ; chọn: {", ".join(STATUS_LABELS.values())}')
    return status


def list_registrations(db: str | None, campaign: str | None = None, status: str | None = None) -> RegistrationList:
    wanted = status_option(status)
    with session_for(db) as session:
        chosen = session.campaign(campaign)
        rows = current(store.list_registrations(session.connection, chosen))
        if wanted:
            rows = [r for r in rows if r.status == wanted]
        names = unit_names(session.connection, (r.subject.unit for r in rows))
    return RegistrationList(chosen, rows, wanted, names)


def review(
    db: str | None, numbers: list[int], status: str, reason: str | None = None, everyone_pending: bool = False,
    campaign: str | None = None, by: str | None = None,
) -> list[Registration]:
    """Approve (đã duyệt) or return (trả lại, with a reason) registrations by their numbers."""
    text = clean(reason or "")
    if status == RETURNED and not text:
        raise UsageError("--reason: cần ghi lý do trả lại đăng ký")
    if not numbers and not everyone_pending:
        raise UsageError("ghi số đăng ký (xem: thidua register list)" + (" hoặc --all" if status == APPROVED else ""))
    with session_for(db) as session:
        chosen = session.campaign(campaign)
        rows = current(store.list_registrations(session.connection, chosen))
        by_id = {r.id: r for r in rows}
        if everyone_pending:
            chosen_rows = [r for r in rows if r.status == PENDING]
            if not chosen_rows:
                raise ThiduaError(f"phong trào {chosen.code} không có đăng ký nào đang chờ duyệt")
        else:
            chosen_rows = []
            for number in dict.fromkeys(numbers):
                registration = by_id.get(number)
                if registration is None:
                    raise NotFound(f"không có đăng ký số {number} trong phong trào {chosen.code}", hint="xem: thidua register list")
                if registration.status == RETURNED:
                    raise ThiduaError(
                        f"đăng ký số {number} ({registration.subject.code}, {registration.award}) đã bị trả lại; "
                        "không duyệt hay trả lại lần nữa",
                        hint="đối tượng đăng ký lại: thidua register add …",
                    )
                if registration.status == status:
                    raise ThiduaError(
                        f"đăng ký số {number} ({registration.subject.code}, {registration.award}) đang ở tình trạng {STATUS_LABELS[status]}"
                    )
                chosen_rows.append(registration)
        at = now_text()
        with session.ledger.write() as connection:
            store.insert_reviews(connection, [r.id for r in chosen_rows], status, text, current_user(by), at)
    from dataclasses import replace

    return [replace(r, status=status, reason=text, reviewed_at=at) for r in chosen_rows]
