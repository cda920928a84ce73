"""Campaign definitions in the ledger: save (create or update) and read back."""

from __future__ import annotations

from thidua_cli.storage.dialect import new_id

import json
from dataclasses import replace
import sqlite3
from datetime import date, datetime, timezone
from decimal import Decimal

from thidua_cli.domain.models import Award, BaseSalary, Campaign, CouncilMember, Criterion, Prerequisite, Tier

_SETTING_KEYS = (
    "agency_short", "rules", "rounding", "office", "signer_title", "signer_name",
    "council_chair", "council_secretary", "council_members", "recipients", "legal_basis", "on_vote_failure",
    "numbering", "council",
    "scope", "launch_level",  # issue 15: biểu 0601.N
)
_PREREQUISITE_FIELDS = ("award", "rating", "years", "after", "this_year", "applies_to")
# kinds added later are stored only when set, so that a campaign without them keeps the stored text it had
_LATER_FIELDS = ("initiative", "members", "members_rating", "more_than_percent", "percent", "at_least", "no_discipline",
                 "members_no_discipline")
_DECIMAL_FIELDS = ("more_than_percent", "percent")


def _prerequisite_item(item: Prerequisite) -> dict:
    data = {name: getattr(item, name) for name in _PREREQUISITE_FIELDS}
    for name in _LATER_FIELDS:
        value = getattr(item, name)
        if value not in (None, False):
            data[name] = str(value) if name in _DECIMAL_FIELDS else value
    return data


def _prerequisites_json(items: tuple[Prerequisite, ...]) -> str:
    return json.dumps([_prerequisite_item(item) for item in items], ensure_ascii=False)


def _prerequisites(text: str | None) -> tuple[Prerequisite, ...]:
    items = []
    for item in json.loads(text or "[]"):
        item = dict(item, **{name: Decimal(item[name]) for name in _DECIMAL_FIELDS if item.get(name) is not None})
        items.append(Prerequisite(**item))
    return tuple(items)


def _dec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _str(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def campaign_codes(connection: sqlite3.Connection) -> list[str]:
    return [row[0] for row in connection.execute("SELECT code FROM campaign ORDER BY start, code")]


def read_campaign(connection: sqlite3.Connection, code: str) -> Campaign | None:
    row = connection.execute(
        "SELECT id, code, name, kind, plan, issued, start, \"end\", agency, parent_agency, place, base_salary, settings "
        "FROM campaign WHERE code = ?",
        (code,),
    ).fetchone()
    if row is None:
        return None
    campaign_id = row[0]
    settings = json.loads(row[12] or "{}")
    criteria = tuple(
        Criterion(
            code=r[0], name=r[1], applies_to=r[2], max_points=r[3], min_points=r[4], weight=Decimal(r[5]),
            description=r[6] or "", initiative=bool(r[7]), penalty=bool(r[8]), position=r[9],
        )
        for r in connection.execute(
            "SELECT code, name, applies_to, max_points, min_points, weight, description, initiative, penalty, position "
            "FROM criterion WHERE campaign_id = ? ORDER BY position, id",
            (campaign_id,),
        )
    )
    tiers = tuple(
        Tier(name=r[0], min_score=Decimal(r[1]), applies_to=r[2])
        for r in connection.execute(
            "SELECT name, min_score, applies_to FROM tier WHERE campaign_id = ? ORDER BY position, id", (campaign_id,)
        )
    )
    awards = tuple(
        Award(
            code=r[0], name=r[1], level=r[2], applies_to=r[3], min_score=Decimal(r[4]), authority=r[5],
            multiplier=Decimal(r[6]), collective_multiplier=_dec(r[7]), quota_percent=_dec(r[8]), max_count=r[9],
            requires_no_penalty=bool(r[10]), requires=tuple(json.loads(r[11] or "[]")), vote_threshold=_dec(r[12]),
            agency_decides=bool(r[13]), position=r[14], category=r[15], with_awards=tuple(json.loads(r[16] or "[]")),
            prerequisites=_prerequisites(r[17]),
        )
        for r in connection.execute(
            "SELECT code, name, level, applies_to, min_score, authority, multiplier, collective_multiplier, quota_percent, "
            "max_count, requires_no_penalty, requires, vote_threshold, agency_decides, position, category, with_awards, "
            "prerequisites "
            "FROM award WHERE campaign_id = ? ORDER BY position, id",
            (campaign_id,),
        )
    )
    salaries = tuple(
        BaseSalary(start=date.fromisoformat(r[0]), amount=r[1])
        for r in connection.execute("SELECT start, amount FROM base_salary WHERE campaign_id = ? ORDER BY start", (campaign_id,))
    )
    registration = set(settings.get("requires_registration", ()))  # issue 15: kept in settings, no award column
    if registration:
        awards = tuple(replace(a, requires_registration=a.code in registration) for a in awards)
    extra = {key: settings[key] for key in _SETTING_KEYS if key in settings}
    for key in ("recipients", "legal_basis"):
        if key in extra:
            extra[key] = tuple(extra[key])
    if "council" in extra:
        extra["council"] = tuple(CouncilMember(**member) for member in extra["council"])
    return Campaign(
        id=campaign_id, code=row[1], name=row[2], kind=row[3], plan=row[4],
        issued=date.fromisoformat(row[5]) if row[5] else None,
        start=date.fromisoformat(row[6]), end=date.fromisoformat(row[7]), agency=row[8],
        parent_agency=row[9] or "", place=row[10] or "", base_salary=row[11],
        criteria=criteria, tiers=tiers, awards=awards, base_salaries=salaries, **extra,
    )


def criteria_with_entries(connection: sqlite3.Connection, campaign_id: int) -> dict[str, int]:
    return {
        code: count
        for code, count in connection.execute(
            "SELECT c.code, COUNT(e.id) FROM criterion c JOIN entry e ON e.criterion_id = c.id "
            "WHERE c.campaign_id = ? GROUP BY c.code",
            (campaign_id,),
        )
    }


def save_campaign(connection: sqlite3.Connection, campaign: Campaign, source: str) -> int:
    """Insert or update the campaign and its definitions; criteria keep their ids."""
    settings = {key: getattr(campaign, key) for key in _SETTING_KEYS}
    settings["recipients"] = list(campaign.recipients)
    settings["legal_basis"] = list(campaign.legal_basis)
    settings["council"] = [{"name": m.name, "title": m.title, "role": m.role} for m in campaign.council]
    settings["requires_registration"] = [a.code for a in campaign.awards if a.requires_registration]
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    values = (
        campaign.name, campaign.kind, campaign.plan, campaign.issued.isoformat() if campaign.issued else None,
        campaign.start.isoformat(), campaign.end.isoformat(), campaign.agency, campaign.parent_agency,
        campaign.place, campaign.base_salary, json.dumps(settings, ensure_ascii=False, sort_keys=True), source, now,
    )
    row = connection.execute("SELECT id FROM campaign WHERE code = ?", (campaign.code,)).fetchone()
    if row is None:
        cursor = connection.execute(
            "INSERT INTO campaign (name, kind, plan, issued, start, \"end\", agency, parent_agency, place, base_salary, "
            "settings, source, loaded_at, code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            values + (campaign.code,),
        )
        campaign_id = new_id(cursor)
    else:
        campaign_id = row[0]
        connection.execute(
            "UPDATE campaign SET name = ?, kind = ?, plan = ?, issued = ?, start = ?, \"end\" = ?, agency = ?, "
            "parent_agency = ?, place = ?, base_salary = ?, settings = ?, source = ?, loaded_at = ? WHERE id = ?",
            values + (campaign_id,),
        )
    existing = {
        code.casefold(): criterion_id
        for criterion_id, code in connection.execute("SELECT id, code FROM criterion WHERE campaign_id = ?", (campaign_id,))
    }
    kept = set()
    for criterion in campaign.criteria:
        fields = (
            criterion.code, criterion.name, criterion.applies_to, criterion.max_points, criterion.min_points,
            str(criterion.weight), criterion.description, criterion.initiative, criterion.penalty, criterion.position,
        )
        criterion_id = existing.get(criterion.code.casefold())
        if criterion_id is None:
            connection.execute(
                "INSERT INTO criterion (code, name, applies_to, max_points, min_points, weight, description, initiative, "
                "penalty, position, campaign_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                fields + (campaign_id,),
            )
        else:
            kept.add(criterion_id)
            connection.execute(
                "UPDATE criterion SET code = ?, name = ?, applies_to = ?, max_points = ?, min_points = ?, weight = ?, "
                "description = ?, initiative = ?, penalty = ?, position = ? WHERE id = ?",
                fields + (criterion_id,),
            )
    for criterion_id in set(existing.values()) - kept:
        connection.execute("DELETE FROM criterion WHERE id = ?", (criterion_id,))
    connection.execute("DELETE FROM tier WHERE campaign_id = ?", (campaign_id,))
    connection.executemany(
        "INSERT INTO tier (campaign_id, name, min_score, applies_to, position) VALUES (?, ?, ?, ?, ?)",
        [(campaign_id, t.name, str(t.min_score), t.applies_to, i) for i, t in enumerate(campaign.tiers)],
    )
    connection.execute("DELETE FROM award WHERE campaign_id = ?", (campaign_id,))
    connection.executemany(
        "INSERT INTO award (campaign_id, code, name, level, applies_to, min_score, authority, multiplier, "
        "collective_multiplier, quota_percent, max_count, requires_no_penalty, requires, vote_threshold, "
        "agency_decides, position, category, with_awards, prerequisites) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                campaign_id, a.code, a.name, a.level, a.applies_to, str(a.min_score), a.authority, str(a.multiplier),
                _str(a.collective_multiplier), _str(a.quota_percent), a.max_count, a.requires_no_penalty,
                json.dumps(list(a.requires), ensure_ascii=False), _str(a.vote_threshold), a.agency_decides, a.position,
                a.category, json.dumps(list(a.with_awards), ensure_ascii=False), _prerequisites_json(a.prerequisites),
            )
            for a in campaign.awards
        ],
    )
    connection.execute("DELETE FROM base_salary WHERE campaign_id = ?", (campaign_id,))
    connection.executemany(
        "INSERT INTO base_salary (campaign_id, start, amount) VALUES (?, ?, ?)",
        [(campaign_id, s.start.isoformat(), s.amount) for s in campaign.base_salaries],
    )
    return campaign_id
