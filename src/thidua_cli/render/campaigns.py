"""Campaign listings and details."""

from __future__ import annotations

from thidua_cli.domain.formats import format_date, format_money, format_number, points_value
from thidua_cli.domain.models import Campaign
from thidua_cli.render.tabular import Column, Table, json_number, to_markdown, to_rich

APPLIES = {"individual": "cá nhân", "collective": "tập thể", "both": "cả hai"}


def campaigns_table(items: list[tuple[Campaign, int]]) -> Table:
    columns = [Column("code", "Mã"), Column("name", "Tên phong trào"), Column("plan", "Kế hoạch"),
               Column("start", "Từ ngày", "date"), Column("end", "Đến ngày", "date"), Column("entries", "Số mục ghi", "number")]
    rows = [{"code": c.code, "name": c.name, "plan": c.plan, "start": c.start, "end": c.end, "entries": n} for c, n in items]
    return Table(columns, rows, title="Các phong trào thi đua")


def campaigns_json(items: list[tuple[Campaign, int]]) -> dict:
    return {"campaigns": [{"code": c.code, "name": c.name, "kind": c.kind, "plan": c.plan, "start": c.start.isoformat(),
                           "end": c.end.isoformat(), "entries": n} for c, n in items]}


def _opt_points(value):
    return None if value is None else json_number(points_value(value))


def campaign_json(c: Campaign) -> dict:
    return {
        "code": c.code, "name": c.name, "kind": c.kind, "plan": c.plan,
        "issued": c.issued.isoformat() if c.issued else None, "start": c.start.isoformat(), "end": c.end.isoformat(),
        "agency": c.agency, "parent_agency": c.parent_agency, "place": c.place, "base_salary": c.base_salary,
        "rules": c.rules, "rounding": c.rounding,
        "criteria": [
            {"code": k.code, "name": k.name, "applies_to": k.applies_to, "max_points": _opt_points(k.max_points),
             "min_points": _opt_points(k.min_points), "weight": json_number(k.weight)}
            for k in c.criteria
        ],
        "tiers": [{"name": t.name, "min_score": json_number(t.min_score)} for t in c.tiers],
        "awards": [
            {"code": a.code, "name": a.name, "level": a.level, "applies_to": a.applies_to, "min_score": json_number(a.min_score),
             "quota_percent": None if a.quota_percent is None else json_number(a.quota_percent), "max_count": a.max_count,
             "requires_no_penalty": a.requires_no_penalty, "requires": list(a.requires),
             "multiplier": json_number(a.multiplier), "collective_multiplier": json_number(a.multiplier_for("collective")),
             "authority": a.authority, "vote_threshold": None if a.vote_threshold is None else json_number(a.vote_threshold)}
            for a in sorted(c.awards, key=lambda a: -a.level)
        ],
    }


def campaign_text(c: Campaign, markdown: bool = False) -> str:
    head = [
        f"Phong trào: {c.name}",
        f"Mã: {c.code} · Loại: {'thường xuyên' if c.kind == 'thuong-xuyen' else 'theo chuyên đề'} · Kế hoạch số {c.plan}",
        f"Cơ quan: {c.agency}" + (f" ({c.parent_agency})" if c.parent_agency else ""),
        f"Thời gian: {format_date(c.start)} – {format_date(c.end)} · Mức lương cơ sở: {format_money(c.base_salary)} đồng"
        + (f" · Quy định: {c.rules}" if c.rules else ""),
    ]
    criteria = Table(
        [Column("code", "Mã"), Column("name", "Tiêu chí"), Column("applies", "Áp dụng"), Column("min", "Sàn", "points"),
         Column("max", "Trần", "points"), Column("weight", "Hệ số")],
        [{"code": k.code, "name": k.name, "applies": APPLIES[k.applies_to],
          "min": None if k.min_points is None else points_value(k.min_points),
          "max": None if k.max_points is None else points_value(k.max_points), "weight": format_number(k.weight, 2, trim=True)}
         for k in c.criteria],
        title="Tiêu chí",
    )
    tiers = Table([Column("name", "Xếp loại"), Column("min", "Từ điểm", "points")],
                  [{"name": t.name, "min": t.min_score} for t in c.tiers], title="Xếp loại")
    awards = Table(
        [Column("code", "Mã"), Column("name", "Hình thức"), Column("level", "Cấp", "number"), Column("applies", "Áp dụng"),
         Column("min", "Điểm tối thiểu", "points"), Column("limit", "Giới hạn"), Column("money", "Hệ số tiền thưởng"),
         Column("authority", "Thẩm quyền")],
        [{"code": a.code, "name": a.name, "level": a.level, "applies": APPLIES[a.applies_to], "min": a.min_score,
          "limit": _limit_text(a), "money": f"{format_number(a.multiplier, 2, trim=True)} / {format_number(a.multiplier_for('collective'), 2, trim=True)}",
          "authority": a.authority}
         for a in sorted(c.awards, key=lambda a: -a.level)],
        title="Hình thức khen thưởng",
    )
    render = to_markdown if markdown else to_rich
    separator = "\n\n" if markdown else "\n"
    return separator.join(head) + "\n\n" + "\n".join(render(t) for t in (criteria, tiers, awards) if t.rows)


def _limit_text(award) -> str:
    parts = []
    if award.quota_percent is not None:
        parts.append(f"≤ {format_number(award.quota_percent, 2, trim=True)}%")
    if award.max_count is not None:
        parts.append(f"tối đa {award.max_count}")
    return ", ".join(parts)
