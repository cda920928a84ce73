"""`thidua db agency add | list | move | rename | merge`: the offices sharing a province ledger, and the campaigns each owns."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone

from thidua_cli.domain.vntext import clean
from thidua_cli.errors import InvalidData, NotFound
from thidua_cli.services.ledger_session import session_for
from thidua_cli.storage import agencies as store
from thidua_cli.storage import subjects as subject_store


@dataclass(frozen=True)
class AgencyView:
    code: str
    name: str
    campaigns: tuple[str, ...]
    roles: tuple[str, ...]
    subjects: int  # subjects the agency keeps
    subjects_taken: int = 0  # subjects this command gave it with its campaigns
    created: bool = False  # this command added it


def add_agency(db: str | None, code: str, name: str, campaign_codes: list[str]) -> AgencyView:
    """A new agency (or, when it exists, the campaigns given are made its own), in one transaction."""
    code, name = clean(code), clean(name)
    if not code:
        raise InvalidData("MÃ: mã cơ quan không được để trống")
    with session_for(db) as session:
        _refuse_unless_administrator(session, "thidua db agency add")
        campaigns = [session.campaign(c) for c in campaign_codes]  # a campaign not found: one line, nothing written
        existing = store.agency_by_code(session.connection, code)
        if existing is None and not name:
            raise InvalidData(f'TÊN: cơ quan "{code}" chưa có trên sổ; cần ghi tên cơ quan để thêm')
        if existing is not None and name and name != existing[2]:
            raise InvalidData(f'TÊN: cơ quan "{code}" đã có trên sổ với tên "{existing[2]}", không phải "{name}"',
                              hint=f'cơ quan đổi tên thì ghi tên mới: thidua db agency rename {code} "{name}"')
        for campaign in campaigns:
            holder = store.campaign_agency(session.connection, campaign.id)
            if holder is not None and holder != code:
                raise InvalidData(
                    f'--campaign: phong trào {campaign.code} đã thuộc cơ quan "{holder}"; không chuyển sang "{code}"',
                    hint=f"mỗi phong trào thuộc một cơ quan; cơ quan {holder} sáp nhập vào {code} thì chuyển cả phong trào, "
                         f"đối tượng và lần nhập của nó: thidua db agency merge {holder} --into {code}",
                )
        with session.ledger.write():
            agency_id = existing[0] if existing else store.add_agency(
                session.connection, code, name, datetime.now(timezone.utc).isoformat(timespec="seconds"))
            taken = store.assign_campaigns(session.connection, agency_id, [c.id for c in campaigns])
        return replace(_view(session.connection, code), subjects_taken=taken, created=existing is None)


def _refuse_unless_administrator(session, command: str) -> None:
    """On a shared server, `db agency add` and `db agency move` are the administrator's: an office's role moving a
    person would take another office's person as its own."""
    from thidua_cli.storage import postgres
    from thidua_cli.storage.dialect import is_postgres

    if is_postgres(session.connection):
        postgres.refuse_unless_administrator(session.connection, session.ledger.url, command)


@dataclass(frozen=True)
class AgencyRename:
    code: str
    before: str
    after: str


def rename_agency(db: str | None, code: str, name: str) -> AgencyRename:
    """The agency's new name (a department renamed by the province's reorganisation); its code, campaigns, people
    and roles stay. The documents of its campaigns keep the issuing agency their campaign file names."""
    code, name = clean(code), clean(name)
    if not name:
        raise InvalidData("TÊN: tên mới của cơ quan không được để trống")
    with session_for(db) as session:
        _refuse_unless_administrator(session, "thidua db agency rename")
        agency_id, _, before = _agency(session.connection, code, "MÃ")
        if before != name:
            with session.ledger.write():
                store.rename_agency(session.connection, agency_id, name)
        return AgencyRename(code, before, name)


@dataclass(frozen=True)
class AgencyMerge:
    merged: str
    into: str
    campaigns: int
    subjects: int
    imports: int
    roles: tuple[str, ...]  # the merged agency's roles, which still work for it (and so now for nothing)


def merge_agencies(db: str | None, code: str, into: str) -> AgencyMerge:
    """Everything the agency `code` keeps — campaigns, people and units, imports — kept by `into` from now on, in
    one transaction (two departments merged into one). What was achieved, decided and numbered stays as it was."""
    code, into = clean(code), clean(into)
    with session_for(db) as session:
        _refuse_unless_administrator(session, "thidua db agency merge")
        merged = _agency(session.connection, code, "MÃ")
        target = _agency(session.connection, into, "--into")
        if merged[0] == target[0]:
            raise InvalidData(f'--into: cơ quan "{into}" chính là cơ quan được sáp nhập; ghi cơ quan nhận khác')
        with session.ledger.write():
            campaigns, subjects, imports = store.merge_agency(session.connection, merged[0], target[0])
        return AgencyMerge(code, into, campaigns, subjects, imports, tuple(store.agency_roles(session.connection, merged[0])))


def _agency(connection, code: str, field: str) -> tuple[int, str, str]:
    found = store.agency_by_code(connection, code)
    if found is None:
        raise NotFound(f'{field}: không có cơ quan "{code}" trên sổ', hint="xem các cơ quan: thidua db agency list")
    return found


def list_agencies(db: str | None) -> list[AgencyView]:
    with session_for(db) as session:
        return [AgencyView(code, name, tuple(c), tuple(r), n) for code, name, c, r, n in store.list_agencies(session.connection)]


def _view(connection, code: str) -> AgencyView:
    for view in store.list_agencies(connection):
        if view[0] == code:
            return AgencyView(view[0], view[1], tuple(view[2]), tuple(view[3]), view[4])
    raise NotFound(f'không có cơ quan "{code}"')


@dataclass(frozen=True)
class SubjectMove:
    code: str
    name: str
    before: str | None  # the agency it left (its code), None: it belonged to none
    after: str
    unit_before: str | None
    unit_after: str | None
    moved: bool  # False: it was already the agency's, nothing changed


def move_subject(db: str | None, subject: str, agency: str, unit: str | None = None) -> SubjectMove:
    """A person (or a collective no one lists as their unit) moved to another office of the province, in one
    transaction. What they achieved stays where it was: the campaigns they have entries in still rank them, their
    award history (the province's) goes with them, and the new office keeps them from now on."""
    from thidua_cli.domain.models import COLLECTIVE

    with session_for(db) as session:
        _refuse_unless_administrator(session, "thidua db agency move")
        connection = session.connection
        who = session.subject(subject, "ĐỐI_TƯỢNG")
        target = store.agency_by_code(connection, clean(agency))
        if target is None:
            raise NotFound(f'--to: không có cơ quan "{clean(agency)}" trên sổ',
                           hint="xem các cơ quan: thidua db agency list")
        before = store.subject_agency(connection, who.id)
        if before is not None and before[0] == target[0]:
            if unit and _unit_in(session, target, unit) != who.unit:  # not dropped in silence: the move changes nothing
                raise InvalidData(
                    f"--unit: {who.code} — {who.name} đã thuộc cơ quan {target[1]}; lệnh chuyển cơ quan không đổi đơn vị "
                    f"(đơn vị hiện nay: {who.unit or 'trống'}); sổ giữ nguyên",
                    hint=f"đổi đơn vị: thidua subject add --code {who.code} --unit {clean(unit)}")
            return SubjectMove(who.code, who.name, before[1], target[1], who.unit, who.unit, False)
        if who.kind == COLLECTIVE and (members := store.members_of_unit(connection, who.code)):
            listed = ", ".join(members[:5]) + (f" … ({len(members)} người)" if len(members) > 5 else "")
            raise InvalidData(f"ĐỐI_TƯỢNG: {who.code} — {who.name} là đơn vị của {listed}; chuyển từng người (hoặc đổi "
                              f"đơn vị của họ) trước khi chuyển đơn vị")
        new_unit = _unit_in(session, target, unit) if unit else None
        if not unit and who.unit:
            old_unit = subject_store.subject_by_code(connection, who.unit)
            held = store.subject_agency(connection, old_unit.id) if old_unit is not None else None
            new_unit = who.unit if old_unit is not None and (held is None or held[0] == target[0]) else None
        with session.ledger.write():
            store.move_subject(connection, who.id, target[0], new_unit)
        return SubjectMove(who.code, who.name, before[1] if before else None, target[1], who.unit, new_unit, True)


def _unit_in(session, target: tuple[int, str, str], unit: str) -> str:
    """`--unit`: a collective of the agency the subject moves to (or of none), by code or name."""
    from thidua_cli.domain.models import COLLECTIVE

    found = session.subject(unit, "--unit")
    if found.kind != COLLECTIVE:
        raise InvalidData(f"--unit: {found.code} — {found.name} là cá nhân, không phải đơn vị")
    held = store.subject_agency(session.connection, found.id)
    if held is not None and held[0] != target[0]:
        raise InvalidData(f"--unit: {found.code} — {found.name} là đơn vị của cơ quan {held[1]}, không phải của {target[1]}")
    return found.code
