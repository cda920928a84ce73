"""Disciplinary measures: record one, cancel one recorded by mistake, list them.

The award rules read the measures in force (`no_discipline`, `members_no_discipline`): a collective has no
Tập thể lao động tiên tiến or xuất sắc in a year one of its members was disciplined "từ cảnh cáo trở lên".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from thidua_cli.domain.discipline import forms_hint, normalise_form
from thidua_cli.domain.formats import decision_number, format_date
from thidua_cli.domain.scoring import name_sort_key
from thidua_cli.domain.vntext import clean
from thidua_cli.errors import ThiduaError, UsageError
from thidua_cli.render.change_log import local_time
from thidua_cli.services.entries import void_reason
from thidua_cli.services.import_result import FileImport
from thidua_cli.services.ledger_session import session_for
from thidua_cli.services.session import current_user, now_text, past_day, today
from thidua_cli.storage import decisions as decision_store
from thidua_cli.storage import discipline as store
from thidua_cli.storage import subjects as subject_store

FIRST_YEAR = 1945


def _year(year: int | None, day: date) -> int:
    if year is None:
        return day.year
    if not FIRST_YEAR <= year <= today().year:
        raise UsageError(f"--year: {year} ngoài khoảng {FIRST_YEAR}–{today().year}")
    return year


_OTHERS = "trên sổ chung, mỗi văn phòng chỉ ghi, huỷ kỷ luật cho đối tượng của cơ quan mình"


def _refuse_others(connection, subject_id: int, field: str, named: str) -> None:
    """Another office's person (a shared server): the server would refuse the row; say whose person it is, as
    `awards add` and `subject block` do, not only that the role has no right on the table."""
    whose = subject_store.others_subjects(connection, subject_id).get(subject_id)
    if whose is not None:
        raise ThiduaError(f"{field}: {named} là đối tượng {whose}; {_OTHERS}",
                          hint="nhờ văn phòng giữ đối tượng ấy, hoặc quản trị máy chủ, ghi giúp")


def add_discipline(db: str | None, subject: str, form_text: str, day_text: str, number: str | None = None,
                   year: int | None = None, reason: str | None = None,
                   by: str | None = None) -> tuple[store.DisciplineRow, list[str]]:
    """The measure recorded, and a warning for each proposal still awaiting its decision that it leaves short of a
    condition (the council voted VP's Tập thể lao động xuất sắc, the UBND has not decided, a member is now
    disciplined cảnh cáo: the Office must tell the UBND; the vote and the decision re-check nothing of it)."""
    form = normalise_form(clean(form_text))
    if form is None:
        raise UsageError(f'--form: "{clean(form_text)}" không phải hình thức kỷ luật; ghi một trong: {forms_hint()}')
    day = past_day(day_text, "ngày quyết định kỷ luật")
    counted = _year(year, day)
    number_text = decision_number(number)
    with session_for(db) as session:
        who = session.subject(subject, "ĐỐI_TƯỢNG", own=True)
        _refuse_others(session.connection, who.id, "ĐỐI_TƯỢNG", f"{who.code} — {who.name}")
        for earlier in store.disciplines(session.connection, who.id, counted):
            same_number = decision_store.number_key(earlier.number) == decision_store.number_key(number_text)
            if earlier.form == form and same_number and earlier.day == day:
                raise ThiduaError(
                    f"{who.code} — {who.name} đã có kỷ luật {form.lower()} năm {counted}"
                    + (f" (Quyết định số {earlier.number})" if earlier.number else "") + f", số {earlier.id}; không ghi lần hai",
                    hint="xem: thidua discipline --subject " + who.code,
                )
        _number_free(session.connection, number_text, day)
        with session.ledger.write() as connection:
            new = store.insert(connection, who.id, counted, form, number_text, day, clean(reason or ""), current_user(by), now_text())
        return store.get(session.connection, new), proposals_it_touches(session, who, form, counted)


def proposals_it_touches(session, who, form: str, year: int) -> list[str]:
    """Proposals of open rounds, of the measure's year, not yet decided nor refused, whose `no_discipline` (on `who`)
    or `members_no_discipline` (on `who`'s collective) this measure now fails."""
    from thidua_cli.domain.discipline import at_least
    from thidua_cli.domain.models import COLLECTIVE
    from thidua_cli.domain.prerequisites import prerequisites_of
    from thidua_cli.domain.vntext import fold_key
    from thidua_cli.services.proposals import round_view, subjects_by_code
    from thidua_cli.storage import campaigns as campaign_store
    from thidua_cli.storage import rounds as round_store

    unit = fold_key(who.unit or "")
    warnings = []
    subjects = None  # read at the first round, once for all
    for code in campaign_store.campaign_codes(session.connection):
        campaign = campaign_store.read_campaign(session.connection, code)
        for row in round_store.list_rounds(session.connection, campaign.id):
            if row.cancelled or row.period_to.year != year:
                continue
            try:
                subjects = subjects if subjects is not None else subjects_by_code(session)
                result = round_view(session, campaign, row, with_standings=False, subjects=subjects).result
            except ThiduaError:  # a round that no longer reads is named by `thidua rounds`
                continue
            for p in result.active_proposals:
                if p.award.authority not in result.pending or (p.subject.code, p.award.code.casefold()) in result.not_granted:
                    continue
                mine = p.subject.id == who.id
                my_unit = p.subject.kind == COLLECTIVE and unit in (fold_key(p.subject.code), fold_key(p.subject.name))
                for item in prerequisites_of(p.award):
                    if item.applies_to not in ("both", p.subject.kind):
                        continue
                    if mine and item.no_discipline and at_least(form, item.no_discipline):
                        whose, condition = f"{p.subject.code} — {p.subject.name}", f"không bị kỷ luật từ {item.no_discipline}"
                    elif my_unit and item.members_no_discipline and at_least(form, item.members_no_discipline):
                        whose = f"{p.subject.code} — {p.subject.name} (có {who.code} — {who.name})"
                        condition = f"không cá nhân nào của tập thể bị kỷ luật từ {item.members_no_discipline}"
                    else:
                        continue
                    warnings.append(
                        f"{whose} đang được đề nghị {p.award.name} ở đợt {row.number} của phong trào {campaign.code}, chờ "
                        f"quyết định của {p.award.authority}; kỷ luật này làm không còn đủ điều kiện ({condition.lower()} "
                        f"trở lên) — báo {p.award.authority} trước khi ra quyết định; khi có quyết định, ghi "
                        f"{p.subject.code} bằng --not-granted")
                    break
    return warnings


def _number_free(connection, number: str, day: date) -> None:
    """A decision's number is one document of its year (NĐ 30/2020 Điều 15): refuse one that is an award decision
    in the ledger, or a disciplinary decision recorded with another day — a mistyped number, which would name the
    wrong decision in the reasons the award rules print. The same number and day for another person is the same
    decision naming several."""
    problem = _number_problem(connection, number, day)
    if problem is not None:
        raise ThiduaError(f"--number: {problem[0]}", hint=problem[1])


def _number_problem(connection, number: str, day: date, disciplines=None) -> tuple[str, str] | None:
    """Why `number` dated `day` cannot be a disciplinary decision (what, hint), or None. `disciplines`: the
    measures to compare with (default those in the ledger)."""
    if not number:
        return None
    for award in decision_store.with_number(connection, number, day.year):
        if award.live:
            return (f"số {number} năm {day.year} là quyết định khen thưởng ngày {format_date(award.day)} của "
                    f"{award.authority} (đợt đề nghị số {award.round_number}, phong trào {award.campaign}); mỗi quyết "
                    "định một số", "kiểm tra lại số quyết định kỷ luật")
    key = decision_store.number_key(number)
    for other in store.disciplines(connection) if disciplines is None else disciplines:
        if other.day and other.day.year == day.year and other.day != day and decision_store.number_key(other.number) == key:
            return (f"quyết định kỷ luật số {number} năm {day.year} đã ghi ngày {format_date(other.day)} "
                    f"({other.subject} — {other.subject_name}" + (f", số {other.id}" if other.id else "") + "); một số "
                    "quyết định chỉ có một ngày",
                    "kiểm tra lại số hoặc ngày; ghi nhầm thì huỷ: thidua discipline cancel SỐ --reason …")
    return None


@dataclass
class DisciplineImport(FileImport):
    touched: list[str] = field(default_factory=list)  # proposals awaiting a decision the new measures leave short


def import_disciplines(db: str | None, path: str, dry_run: bool = False, sheet: str | None = None, by: str | None = None,
                       columns: tuple[str, ...] = ()) -> DisciplineImport:
    """An office's list of disciplinary decisions, all rows checked first: any bad row → nothing written, every bad
    row named (row, column, value, why). A measure the ledger holds (same person, form, number, day) is skipped and
    counted; one written twice in the file is kept once and named."""
    from pathlib import Path

    from thidua_cli.domain.file_kinds import DISCIPLINE
    from thidua_cli.domain.formats import FormatError, parse_date, some_of
    from thidua_cli.errors import RowError
    from thidua_cli.services.imports import file_sha256, seen_before, skipped_message, subject_rows
    from thidua_cli.services.ratings import parse_year
    from thidua_cli.services.readers import ReadNotes
    from thidua_cli.services.subject_lookup import index_for
    from thidua_cli.storage import imports as batch_store

    filename = Path(path).name
    report = DisciplineImport(dry_run=dry_run)
    errors: list[RowError] = []
    notes = ReadNotes()
    sha256 = file_sha256(path)
    new_rows: list[tuple] = []  # (subject, year, form, number, day, reason, where)
    repeated: list[str] = []
    with session_for(db, dry_run=dry_run) as session:
        connection = session.connection
        earlier = seen_before(connection, "discipline", sha256, sheet)
        if earlier is not None:
            report.skipped = skipped_message(path, earlier)
            return report
        held = store.disciplines(connection)
        kept = {(r.subject, r.year, r.form, decision_store.number_key(r.number), r.day) for r in held}
        in_file: dict[tuple, str] = {}
        pending: list[store.DisciplineRow] = []  # this file's measures, for the one-number-one-day check
        for row, fail, who in subject_rows(path, DISCIPLINE, sheet, columns, notes, report, errors, index_for(connection),
                                           subject_store.others_subjects(connection)):
            raw_form = clean(str(row.values.get("form") or ""))
            form = normalise_form(raw_form)
            if form is None:
                fail("form", raw_form, f"không phải hình thức kỷ luật; ghi một trong: {forms_hint()}" if raw_form
                     else "trống — cần hình thức kỷ luật (khiển trách, cảnh cáo …)")
            raw_day = row.values.get("date")
            day = None
            try:
                day = parse_date(raw_day if isinstance(raw_day, date) else clean(str(raw_day or "")))
                day = date(day.year, day.month, day.day)
                if day > today():
                    fail("date", format_date(day), f"sau hôm nay ({format_date(today())})")
                    day = None
            except FormatError as error:
                text = clean(str(raw_day or ""))
                fail("date", text, str(error) if text else "trống — cần ngày quyết định kỷ luật")
            year = None
            raw_year = row.values.get("year")
            if clean(str(raw_year or "")):
                year = parse_year(raw_year)
                if year is None or not FIRST_YEAR <= year <= today().year:
                    fail("year", clean(str(raw_year)), f"phải là một năm, ví dụ 2025 (từ {FIRST_YEAR} đến {today().year})")
                    year = None
                    continue
            if who is None or form is None or day is None:
                continue
            counted = year if year is not None else day.year
            number = decision_number(str(row.values.get("number") or ""))
            key = (who.code, counted, form, decision_store.number_key(number), day)
            if key in kept:
                report.duplicates += 1
                continue
            if key in in_file:
                report.duplicates += 1
                repeated.append(f"{row.where} giống {in_file[key]}")
                continue
            problem = _number_problem(connection, number, day, [*held, *pending])
            if problem is not None:
                fail("number", number, problem[0])
                continue
            in_file[key] = row.where
            pending.append(store.DisciplineRow(0, who.code, f"{who.name}, {row.where}", who.kind, counted, form, number, day,
                                               "", "", "", None, None, None))
            new_rows.append((who, counted, form, number, day, clean(str(row.values.get("reason") or ""))))
        report.close_reading(filename, path, errors, notes, len(new_rows))
        if repeated:
            report.warnings.append(f"bỏ qua {len(repeated)} kỷ luật ghi lặp lại trong tệp, chỉ ghi một lần: " + some_of(repeated))
        if not dry_run:
            recorded_at, recorded_by = now_text(), current_user(by)
            with session.ledger.write() as writing:
                report.batch = batch_store.insert_batch(writing, "discipline", filename, sha256 or "", recorded_at,
                                                        recorded_by, sheet)
                for who, counted, form, number, day, reason in new_rows:
                    store.insert(writing, who.id, counted, form, number, day, reason, recorded_by, recorded_at)
                batch_store.finish_batch(writing, report.batch, report.rows, report.added)
        for who, counted, form, *_ in new_rows:  # as `discipline add`: proposals awaiting a decision it leaves short
            report.touched.extend(text for text in proposals_it_touches(session, who, form, counted)
                                  if text not in report.touched)
    return report


def cancel_discipline(db: str | None, discipline_id: int, reason: str, by: str | None = None) -> store.DisciplineRow:
    why = void_reason(reason, discipline_id, "kỷ luật")
    with session_for(db) as session:
        # read under the write's lock: two cancels at once, the second finds the first's (not overwrites who and why)
        with session.ledger.write() as connection:
            found = store.get(connection, discipline_id)
            if found is None:
                raise ThiduaError(f"không có kỷ luật số {discipline_id}", hint="xem số ở cột đầu của: thidua discipline")
            if found.cancelled_at:
                raise ThiduaError(f"kỷ luật số {discipline_id} ({found.subject} — {found.subject_name}, {found.form.lower()} "
                                  f"năm {found.year}) đã được huỷ lúc {local_time(found.cancelled_at)}"
                                  + (f" ({found.cancel_reason})" if found.cancel_reason else "") + "; không huỷ lại")
            held = subject_store.subject_by_code(connection, found.subject)
            if held is not None:
                _refuse_others(connection, held.id, f"kỷ luật số {discipline_id}", f"{found.subject} — {found.subject_name}")
            store.cancel(connection, discipline_id, now_text(), current_user(by), why)
        return store.get(session.connection, discipline_id)


def list_disciplines(db: str | None, subject: str | None = None, year: int | None = None,
                     with_cancelled: bool = False) -> list[store.DisciplineRow]:
    """Tập thể first, then people in name order; each subject's measures by year."""
    if year is not None and not FIRST_YEAR <= year <= today().year:
        raise UsageError(f"--year: {year} ngoài khoảng {FIRST_YEAR}–{today().year}")
    with session_for(db) as session:
        subject_id = session.subject(subject).id if subject else None
        rows = store.disciplines(session.connection, subject_id, year, with_cancelled)
        subjects = {s.code: s for s in subject_store.all_subjects(session.connection)}
    kind_order = {"collective": 0, "individual": 1}

    def key(row: store.DisciplineRow):
        who = subjects.get(row.subject)
        return (kind_order.get(row.kind, 2), name_sort_key(who) if who else (), row.subject, row.year, row.id)

    return sorted(rows, key=key)
