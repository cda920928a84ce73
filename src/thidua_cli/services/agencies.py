"""`thidua db agency add | list`: the offices sharing a province ledger, and the campaigns each owns."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone

from thidua_cli.domain.vntext import clean
from thidua_cli.errors import InvalidData, NotFound
from thidua_cli.services.ledger_session import session_for
from thidua_cli.storage import agencies as store


@dataclass(frozen=True)
class AgencyView:
    code: str
    name: str
    campaigns: tuple[str, ...]
    roles: tuple[str, ...]
    subjects: int  # subjects the agency keeps
    subjects_taken: int = 0  # subjects this command gave it with its campaigns


def add_agency(db: str | None, code: str, name: str, campaign_codes: list[str]) -> AgencyView:
    """A new agency (or, when it exists, the campaigns given are made its own), in one transaction."""
    code, name = clean(code), clean(name)
    if not code:
        raise InvalidData("MÃ: mã cơ quan không được để trống")
    with session_for(db) as session:
        campaigns = [session.campaign(c) for c in campaign_codes]  # a campaign not found: one line, nothing written
        existing = store.agency_by_code(session.connection, code)
        if existing is None and not name:
            raise InvalidData(f'TÊN: cơ quan "{code}" chưa có trên sổ; cần ghi tên cơ quan để thêm')
        if existing is not None and name and name != existing[2]:
            raise InvalidData(f'TÊN: cơ quan "{code}" đã có trên sổ với tên "{existing[2]}", không phải "{name}"')
        for campaign in campaigns:
            holder = store.campaign_agency(session.connection, campaign.id)
            if holder is not None and holder != code:
                raise InvalidData(
                    f'--campaign: phong trào {campaign.code} đã thuộc cơ quan "{holder}"; không chuyển sang "{code}"',
                    hint="mỗi phong trào thuộc một cơ quan; nếu thật sự cần chuyển, nhờ quản trị máy chủ sửa campaign.agency_id",
                )
        with session.ledger.write():
            agency_id = existing[0] if existing else store.add_agency(
                session.connection, code, name, datetime.now(timezone.utc).isoformat(timespec="seconds"))
            taken = store.assign_campaigns(session.connection, agency_id, [c.id for c in campaigns])
        return replace(_view(session.connection, code), subjects_taken=taken)


def list_agencies(db: str | None) -> list[AgencyView]:
    with session_for(db) as session:
        return [AgencyView(code, name, tuple(c), tuple(r), n) for code, name, c, r, n in store.list_agencies(session.connection)]


def _view(connection, code: str) -> AgencyView:
    for view in store.list_agencies(connection):
        if view[0] == code:
            return AgencyView(view[0], view[1], tuple(view[2]), tuple(view[3]), view[4])
    raise NotFound(f'không có cơ quan "{code}"')
