"""The ledger a command works on, and how campaigns and subjects are named."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from thidua_cli.domain.models import Campaign, Subject
from thidua_cli.domain.vntext import clean, fold_key, match_key
from thidua_cli.errors import NotFound, ThiduaError
from thidua_cli.storage import campaigns as campaign_store
from thidua_cli.storage import subjects as subject_store
from thidua_cli.storage.ledger import Ledger


def ledger_target(db: str | None) -> str | Path:
    """What `--db` (else THIDUA_DB, else thidua.db) names: a SQLite file, or a PostgreSQL URL (checked: no password)."""
    from thidua_cli.storage.postgres import checked_url, is_postgres_url

    named = db or os.environ.get("THIDUA_DB") or "thidua.db"
    if is_postgres_url(named):
        return checked_url(named, "--db" if db else "biến THIDUA_DB")
    return Path(named)


def ledger_path(db: str | None) -> Path:
    """The SQLite ledger file, for what only a file has (its folder, its size); a PostgreSQL URL is refused."""
    target = ledger_target(db)
    if isinstance(target, str):
        from thidua_cli.storage.postgres import shown

        raise ThiduaError(
            f"việc này chỉ làm được với một tệp sổ SQLite, không làm trên sổ PostgreSQL ({shown(target)})",
            hint="chép sổ về một tệp SQLite: thidua db copy URL thidua.db",
        )
    return target


def open_ledger(db: str | None, create: bool = False, migrate: bool = True):
    """The ledger `--db` names: a SQLite file (`Ledger`) or a PostgreSQL server (`ServerLedger`)."""
    target = ledger_target(db)
    if isinstance(target, str):
        from thidua_cli.storage.server_ledger import ServerLedger

        return ServerLedger.open(target, create=create, migrate=migrate)
    return Ledger.open(target, create=create, migrate=migrate)


def ledger_exists(db: str | None) -> bool:
    """Whether `--db` names a ledger that already holds the schema (a file, or a server database)."""
    target = ledger_target(db)
    if not isinstance(target, str):
        return target.exists()
    from thidua_cli.storage import postgres

    connection = postgres.connect(target)
    try:
        return postgres.schema_version(connection) is not None
    finally:
        connection.close()


def today() -> date:
    """Today, or THIDUA_TODAY (YYYY-MM-DD) so that tests and demos are reproducible."""
    fixed = os.environ.get("THIDUA_TODAY")
    return date.fromisoformat(fixed) if fixed else date.today()


def now_text() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def past_day(text: str, what: str, option: str = "--date") -> date:
    """A date option (15/03/2025 or 2025-03-15) that cannot be after today: one `Lỗi:` line naming `what` it is."""
    from thidua_cli.domain.formats import FormatError, format_date, parse_date
    from thidua_cli.errors import UsageError

    try:
        day = parse_date(text)
    except FormatError as error:
        raise UsageError(f'{option}: "{text}" {error}') from None
    if day > today():
        raise UsageError(f"{option}: {what} {format_date(day)} sau hôm nay ({format_date(today())})")
    return day


def current_user(explicit: str | None = None) -> str:
    if explicit and clean(explicit):
        from thidua_cli.storage.changelog import set_recorder

        set_recorder(clean(explicit))  # the change log names the same person
        return clean(explicit)
    from thidua_cli.storage.changelog import recorder

    return clean(recorder())


@dataclass
class Session:
    ledger: Ledger

    @property
    def connection(self):
        return self.ledger.connection

    def campaign(self, code: str | None) -> Campaign:
        codes = campaign_store.campaign_codes(self.connection)
        if code:
            wanted = clean(code)
            match = next((c for c in codes if c.casefold() == wanted.casefold()), None)
            if match is None:
                known = ", ".join(codes) or "chưa có phong trào nào"
                raise NotFound(f'không có phong trào "{wanted}" trong sổ (đang có: {known})')
            return campaign_store.read_campaign(self.connection, match)
        if not codes:
            raise NotFound("sổ chưa có phong trào nào", hint="nạp phong trào: thidua campaign load TỆP.toml")
        if len(codes) > 1:
            raise ThiduaError(
                f"sổ có {len(codes)} phong trào ({', '.join(codes)}), hãy chọn một bằng --campaign",
            )
        return campaign_store.read_campaign(self.connection, codes[0])

    def subject(self, name_or_code: str, field: str = "--subject", campaign_id: int | None = None,
                own: bool = False) -> Subject:
        return find_subject(self.connection, name_or_code, field, campaign_id, own)


def find_subject(connection, name_or_code: str, field: str = "--subject", campaign_id: int | None = None,
                 own: bool = False) -> Subject:
    """By code, else by name: first keeping diacritics (tone placement ignored), then folded. With `campaign_id`, a
    name shared with another office's person on a province server names the one the campaign can rank; with `own`
    (a command changing the subject: block, discipline), the one this office may change."""
    text = clean(name_or_code)
    if not text:
        raise NotFound(f"{field}: chưa ghi mã hoặc tên đối tượng")
    by_code = subject_store.subject_by_code(connection, text)
    if by_code is not None:
        return by_code
    for column, key in (("match_key", match_key(text)), ("fold_key", fold_key(text))):
        found = subject_store.subjects_by_key(connection, column, key)
        if len(found) > 1 and campaign_id is not None:
            found = [s for s in found if subject_store.agency_elsewhere(connection, s.id, campaign_id) is None] or found
        if len(found) > 1 and own:
            others = subject_store.others_subjects(connection)
            found = [s for s in found if s.id not in others] or found
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            listed = "; ".join(f"{s.code} — {s.name}" + (f" ({s.unit})" if s.unit else "") for s in found)
            raise ThiduaError(f'{field}: tên "{text}" trùng với {len(found)} đối tượng: {listed}', hint="hãy ghi mã đối tượng")
    raise NotFound(f'{field}: không tìm thấy đối tượng "{text}"', hint="xem danh sách: thidua subject list")


def open_session(db: str | None, create: bool = False) -> Session:
    return Session(open_ledger(db, create=create))


def of_another_agency(agency: str, campaign_code: str) -> str:
    """Why a subject has no place in a campaign on a shared server: it is another office's person."""
    return f"là đối tượng của cơ quan {agency}, không thuộc cơ quan giữ phong trào {campaign_code}"
