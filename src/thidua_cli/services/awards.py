"""Award history: list, add one, import many (all or nothing, like import-entries)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from thidua_cli.domain.formats import FormatError, format_date, parse_date
from thidua_cli.domain.models import Award
from thidua_cli.domain.scoring import name_sort_key
from thidua_cli.domain.vntext import clean
from thidua_cli.errors import FileRowsError, InvalidData, RowError, ThiduaError
from thidua_cli.services.ledger_session import session_for
from thidua_cli.services.readers import AWARD_COLUMNS, read_rows
from thidua_cli.services.session import Session, now_text, today
from thidua_cli.storage import campaigns as campaign_store
from thidua_cli.storage import history as store
from thidua_cli.storage import subjects as subject_store

_CODE = re.compile(r"^[^\s,;]{1,40}$")
MAX_TEXT = 300


def _known_awards(session: Session) -> dict[str, Award]:
    """Award codes offered by the campaigns in the ledger (first campaign wins on a shared code)."""
    known: dict[str, Award] = {}
    for code in campaign_store.campaign_codes(session.connection):
        campaign = campaign_store.read_campaign(session.connection, code)
        for award in campaign.awards:
            known.setdefault(award.code.casefold(), award)
    return known


@dataclass(frozen=True)
class CheckedAward:
    award: str
    name: str
    number: str
    day: date
    issuer: str


def check_award(known: dict[str, Award], values: dict, fail) -> CheckedAward | None:
    """Validate one history record's fields; `fail(column, value, why)` collects the problems."""
    bad = False

    def problem(column, value, why):
        nonlocal bad
        bad = True
        fail(column, value, why)

    code = clean(str(values.get("award") or ""))
    if not code:
        problem("award", code, "trống — cần mã hình thức (ví dụ GK-GD, CSTDCS)")
    elif not _CODE.match(code):
        problem("award", code, "mã không được có khoảng trắng, dấu phẩy hay chấm phẩy, tối đa 40 ký tự")
    offered = known.get(code.casefold()) if code else None
    name = clean(str(values.get("name") or ""))
    if offered is not None:
        code = offered.code
        name = name or offered.name
    elif code and not name:
        problem("name", name, f'trống — "{code}" không phải hình thức của phong trào nào trong sổ, cần ghi tên hình thức')
    number = clean(str(values.get("number") or ""))
    if not number:
        problem("number", number, "trống — cần số quyết định, ví dụ 212/QĐ-STTTT")
    raw_day = values.get("date")
    day = None
    if isinstance(raw_day, date):
        day = raw_day
    else:
        try:
            day = parse_date(clean(str(raw_day or "")))
        except FormatError as error:
            problem("date", raw_day, str(error) if clean(str(raw_day or "")) else "trống — cần ngày quyết định")
    if day is not None and day > today():
        problem("date", format_date(day), "sau hôm nay")
    issuer = clean(str(values.get("issuer") or "")) or (offered.authority if offered else "")
    for column, text in (("name", name), ("number", number), ("issuer", issuer)):
        if len(text) > MAX_TEXT:
            problem(column, text[:30] + "…", f"dài quá {MAX_TEXT} ký tự")
    if bad:
        return None
    return CheckedAward(code, name, number, day, issuer)


def list_awards(db: str | None, subject: str | None = None) -> list[store.HistoryRow]:
    with session_for(db) as session:
        ids = None
        if subject:
            ids = [session.subject(subject).id]
        rows = store.list_history(session.connection, ids)
        subjects = {s.code: s for s in subject_store.all_subjects(session.connection)}
    kind_order = {"collective": 0, "individual": 1}

    def key(row: store.HistoryRow):
        who = subjects.get(row.subject)
        return (kind_order.get(row.kind, 2), name_sort_key(who) if who else (), row.award.day or date.min, row.id)

    return sorted(rows, key=key)


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
    db: str | None, subject: str, award: str, number: str, day: str, name: str | None = None, issuer: str | None = None,
) -> store.HistoryRow:
    with session_for(db) as session:
        who = session.subject(subject)
        problems: list[tuple[str, object, str]] = []
        checked = check_award(
            _known_awards(session), {"award": award, "name": name, "number": number, "date": day, "issuer": issuer},
            lambda column, value, why: problems.append((column, value, why)),
        )
        if checked is None:
            column, value, why = problems[0]
            raise InvalidData(f'--{column}: "{value if value is not None else ""}" {why}')
        if (who.id, checked.award.casefold(), checked.number, checked.day.isoformat()) in store.history_keys(session.connection):
            raise ThiduaError(
                f"{who.code} — {who.name} đã có {checked.award} theo quyết định số {checked.number} ngày {format_date(checked.day)} trong sổ"
            )
        with session.ledger.write() as connection:
            store.insert_history(connection, [store.NewHistory(
                subject_id=who.id, award=checked.award, name=checked.name, number=checked.number, day=checked.day,
                issuer=checked.issuer, source="manual", recorded_at=now_text(),
            )])
        return _last_for(session, who.id)


def _last_for(session: Session, subject_id: int) -> store.HistoryRow:
    rows = store.list_history(session.connection, [subject_id])
    return max(rows, key=lambda r: r.id)


@dataclass
class AwardImport:
    rows: int = 0
    added: int = 0
    duplicates: int = 0
    dry_run: bool = False
    converted: list[str] = field(default_factory=list)


def import_awards(db: str | None, path: str, dry_run: bool = False, sheet: str | None = None) -> AwardImport:
    from thidua_cli.services.entries import SubjectIndex

    filename = Path(path).name
    report = AwardImport(dry_run=dry_run)
    errors: list[RowError] = []
    new_rows: list[store.NewHistory] = []
    with session_for(db) as session:
        known = _known_awards(session)
        subjects = SubjectIndex(subject_store.all_subjects(session.connection))
        seen = store.history_keys(session.connection)
        recorded_at = now_text()
        for row in read_rows(path, AWARD_COLUMNS, ("subject", "award"), sheet):
            report.rows += 1
            report.converted.extend(row.converted)

            def fail(column, value, why):
                errors.append(RowError(row.where, row.cells.get(column, column), value, why))

            subject_text = clean(str(row.values.get("subject") or ""))
            who = subjects.find(subject_text) if subject_text else "trống — cần mã hoặc tên đối tượng"
            if isinstance(who, str):
                fail("subject", subject_text, who)
                who = None
            checked = check_award(known, row.values, fail)
            if who is None or checked is None:
                continue
            key = (who.id, checked.award.casefold(), checked.number, checked.day.isoformat())
            if key in seen:
                report.duplicates += 1
                continue
            seen.add(key)
            new_rows.append(store.NewHistory(
                subject_id=who.id, award=checked.award, name=checked.name, number=checked.number, day=checked.day,
                issuer=checked.issuer, source="import", recorded_at=recorded_at,
            ))
        if errors:
            raise FileRowsError(filename, errors)
        if report.rows == 0:
            raise ThiduaError(f"tệp {filename} không có dòng dữ liệu nào")
        report.added = len(new_rows)
        if not dry_run and new_rows:
            with session.ledger.write() as connection:
                store.insert_history(connection, new_rows)
        return report
