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


CATEGORY_LABELS = {"danh-hieu": "danh hiệu thi đua", "hinh-thuc": "hình thức khen thưởng"}
ON_VOTE_FAILURE_LABELS = {
    "next-lower": "xét tiếp hình thức thấp hơn kế tiếp cùng loại (trong giới hạn của hình thức đó)",
    "none": "không xét tiếp hình thức khác",
}
NUMBERING_LABELS = {"blank": "để trống số văn bản cho văn thư ghi", "register": "lấy số theo sổ đăng ký văn bản"}
ROUNDING_LABELS = {"up": "làm tròn lên hàng chục nghìn đồng", "nearest": "làm tròn gần nhất đến hàng chục nghìn đồng"}
PREREQUISITE_KINDS = {"individual": " (cá nhân)", "collective": " (tập thể)", "both": ""}


def _number(value):
    return None if value is None else json_number(value)


def prerequisite_json(p) -> dict:
    data = {"award": p.award, "rating": p.rating, "years": p.years, "after": p.after, "this_year": p.this_year,
            "applies_to": p.applies_to}
    if p.initiative:
        data["initiative"] = True
    for key in ("members", "members_rating", "more_than_percent", "percent", "at_least", "no_discipline", "members_no_discipline"):
        value = getattr(p, key)
        if value is not None:
            data[key] = json_number(value) if key in ("more_than_percent", "percent") else value
    return data


def _span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def _years_checked(p, year: int | None) -> str:
    """Exactly the years `domain.prerequisites.window` checks: N years before the year of the round (the year its
    period ends), and that year too with `this_year`; with the campaign's own year as an example."""
    if p.this_year:
        words = f"ở {p.years + 1} năm liền: năm xét và {p.years} năm trước"
        first, last = (year - p.years, year) if year else (None, None)
    else:
        words = "ở năm trước năm xét" if p.years == 1 else f"ở {p.years} năm liền trước năm xét"
        first, last = (year - p.years, year - 1) if year else (None, None)
    return words + (f" (xét năm {year}: {_span(first, last)})" if year else "")


def prerequisite_text(p, names=None, year: int | None = None, initiative_criteria=()) -> str:
    """One prerequisite in words, with award names (`names`: code folded → name) and the very years the rules
    check: "đã có Giấy khen …", "xếp loại từ “Hoàn thành xuất sắc nhiệm vụ” trở lên ở 2 năm liền: năm xét và 1 năm
    trước (xét năm 2026: 2025–2026)", "trên 50% cá nhân của tập thể đạt Lao động tiên tiến năm xét"."""
    names = names or {}

    def label(code: str) -> str:
        return names.get(code.casefold(), code)

    if p.no_discipline is not None or p.members_no_discipline is not None:
        who = "không bị" if p.no_discipline is not None else "không có cá nhân nào của tập thể bị"
        text = f"{who} kỷ luật từ hình thức {(p.no_discipline or p.members_no_discipline).lower()} trở lên năm xét"
    elif p.initiative:
        text = "có sáng kiến được công nhận trong kỳ"
        if initiative_criteria:
            text += f" (có điểm ở tiêu chí {', '.join(initiative_criteria)})"
    elif p.members is not None or p.members_rating is not None:
        what = f"đạt {label(p.members)}" if p.members is not None else f"xếp loại từ “{p.members_rating}” trở lên"
        if p.at_least is not None:
            share = f"ít nhất {p.at_least} cá nhân của tập thể"
        elif p.more_than_percent is not None:
            share = f"trên {format_number(p.more_than_percent, 2, trim=True)}% cá nhân của tập thể"
        elif p.percent == 100:
            share = "tất cả (100%) cá nhân của tập thể"
        else:
            share = f"từ {format_number(p.percent, 2, trim=True)}% cá nhân của tập thể"
        text = f"{share} {what} năm xét"
    else:
        what = label(p.award) if p.award else f"xếp loại từ “{p.rating}” trở lên"
        if p.years:
            text = f"{what} {_years_checked(p, year)}"
        elif p.this_year:
            text = f"{what} năm xét" + (f" ({year})" if year else "")
        else:
            text = f"đã có {what}"
        if p.after:
            text += f", các năm ấy đều sau năm được tặng {label(p.after)}"
    return text + PREREQUISITE_KINDS.get(p.applies_to, "")


def award_conditions(a, c: Campaign | None = None) -> list[str]:
    """Every rule an award sets besides its score and limits, in words (the prerequisites over years when parsed,
    else the plain codes of `requires`), naming the campaign's awards by name."""
    names = {award.code.casefold(): award.name for award in c.awards} if c is not None else {}
    year = c.end.year if c is not None else None
    initiative = [k.code for k in c.criteria if k.initiative] if c is not None else []
    parts = []
    if a.prerequisites:
        parts += [prerequisite_text(p, names, year, initiative) for p in a.prerequisites]
    else:
        parts += [f"đã có {names.get(code.casefold(), code)}" for code in a.requires]
    if a.requires_no_penalty:
        parts.append("không có điểm trừ trong kỳ")
    if a.with_awards:
        # "kèm", not "tặng kèm": what comes along is a danh hiệu, recognised (công nhận), not given (tặng); and those
        # it brings in turn, since they come too
        brought = c.brought_with(a) if c is not None else a.with_awards
        parts.append("xét kèm " + ", ".join(names.get(code.casefold(), code) for code in brought) + " cùng đợt")
    if a.vote_threshold is not None:
        parts.append(f"phiếu đồng ý ≥ {format_number(a.vote_threshold, 2, trim=True)}% tổng số thành viên Hội đồng")
    else:
        parts.append("phiếu đồng ý trên một nửa tổng số thành viên Hội đồng")
    return parts


def campaign_json(c: Campaign) -> dict:
    return {
        "code": c.code, "name": c.name, "kind": c.kind, "plan": c.plan,
        "issued": c.issued.isoformat() if c.issued else None, "start": c.start.isoformat(), "end": c.end.isoformat(),
        "agency": c.agency, "parent_agency": c.parent_agency, "place": c.place, "base_salary": c.base_salary,
        "rules": c.rules, "rounding": c.rounding, "agency_short": c.agency_short, "office": c.office,
        "signer_title": c.signer_title, "signer_name": c.signer_name,
        "on_vote_failure": c.on_vote_failure, "numbering": c.numbering,
        "council_members": c.council_members, "council_chair": c.council_chair, "council_secretary": c.council_secretary,
        "council": [{"name": m.name, "title": m.title, "role": m.role} for m in c.council],
        "recipients": list(c.recipients), "legal_basis": list(c.legal_basis),
        "base_salaries": [{"from": s.start.isoformat(), "amount": s.amount} for s in c.base_salaries],
        "criteria": [
            {"code": k.code, "name": k.name, "applies_to": k.applies_to, "max_points": _opt_points(k.max_points),
             "min_points": _opt_points(k.min_points), "weight": json_number(k.weight), "initiative": k.initiative,
             "penalty": k.penalty}
            for k in c.criteria
        ],
        "tiers": [{"name": t.name, "min_score": json_number(t.min_score), "applies_to": t.applies_to} for t in c.tiers],
        "awards": [
            {"code": a.code, "name": a.name, "level": a.level, "category": a.category, "applies_to": a.applies_to,
             "min_score": json_number(a.min_score), "quota_percent": _number(a.quota_percent), "max_count": a.max_count,
             "requires_no_penalty": a.requires_no_penalty, "requires": list(a.requires),
             "prerequisites": [prerequisite_json(p) for p in a.prerequisites], "with": list(a.with_awards),
             "multiplier": json_number(a.multiplier), "collective_multiplier": json_number(a.multiplier_for("collective")),
             "authority": a.authority, "agency_decides": a.agency_decides, "vote_threshold": _number(a.vote_threshold)}
            for a in sorted(c.awards, key=lambda a: -a.level)
        ],
    }


def campaign_text(c: Campaign, markdown: bool = False) -> str:
    head = [
        f"Phong trào: {c.name}",
        f"Mã: {c.code} · Loại: {'thường xuyên' if c.kind == 'thuong-xuyen' else 'theo chuyên đề'} · Kế hoạch số {c.plan}"
        + (f" ngày {format_date(c.issued)}" if c.issued else ""),
        f"Cơ quan: {c.agency}" + (f" ({c.parent_agency})" if c.parent_agency else ""),
        f"Thời gian: {format_date(c.start)} – {format_date(c.end)} · Mức lương cơ sở: {format_money(c.base_salary)} đồng"
        + (f" · Quy định: {c.rules}" if c.rules else ""),
    ]
    if c.base_salaries:
        head.append("Lương cơ sở theo thời điểm: " + "; ".join(
            f"từ {format_date(s.start)}: {format_money(s.amount)} đồng" for s in c.base_salaries))
    head.append(f"Tiền thưởng: {ROUNDING_LABELS.get(c.rounding, c.rounding)}")
    head.append(f"Khi không đủ phiếu Hội đồng: {ON_VOTE_FAILURE_LABELS.get(c.on_vote_failure, c.on_vote_failure)}")
    head.append(f"Số văn bản: {NUMBERING_LABELS.get(c.numbering, c.numbering)}")
    council = [f"{c.council_members} thành viên" if c.council_members is not None else "",
               f"Chủ tịch: {c.council_chair}" if c.council_chair else "", f"Thư ký: {c.council_secretary}" if c.council_secretary else ""]
    if any(council):
        head.append("Hội đồng Thi đua - Khen thưởng: " + " · ".join(part for part in council if part))
    criteria = Table(
        [Column("code", "Mã"), Column("name", "Tiêu chí"), Column("applies", "Áp dụng"), Column("min", "Sàn", "points"),
         Column("max", "Trần", "points"), Column("weight", "Hệ số"), Column("kind", "Loại")],
        [{"code": k.code, "name": k.name, "applies": APPLIES[k.applies_to],
          "min": None if k.min_points is None else points_value(k.min_points),
          "max": None if k.max_points is None else points_value(k.max_points), "weight": format_number(k.weight, 2, trim=True),
          "kind": "sáng kiến" if k.initiative else "vi phạm" if k.penalty else ""}
         for k in c.criteria],
        title="Tiêu chí",
    )
    tiers = Table([Column("name", "Xếp loại"), Column("min", "Từ điểm", "points"), Column("applies", "Áp dụng")],
                  [{"name": t.name, "min": t.min_score, "applies": APPLIES[t.applies_to]} for t in c.tiers], title="Xếp loại")
    ordered = sorted(c.awards, key=lambda a: -a.level)
    awards = Table(
        [Column("code", "Mã"), Column("name", "Hình thức"), Column("category", "Loại"), Column("level", "Cấp", "number"),
         Column("applies", "Áp dụng"), Column("min", "Điểm tối thiểu", "points"), Column("limit", "Giới hạn"),
         Column("money", "Hệ số tiền thưởng"), Column("authority", "Thẩm quyền")],
        [{"code": a.code, "name": a.name, "category": CATEGORY_LABELS.get(a.category, a.category), "level": a.level,
          "applies": APPLIES[a.applies_to], "min": a.min_score, "limit": _limit_text(a),
          "money": _money_text(a),
          "authority": a.authority + (" (cơ quan quyết định)" if a.agency_decides else "")}
         for a in ordered],
        title="Hình thức khen thưởng",
    )
    conditions = Table([Column("code", "Mã"), Column("rules", "Điều kiện, quy tắc")],
                       [{"code": a.code, "rules": "; ".join(award_conditions(a, c))} for a in ordered],
                       title="Điều kiện của từng hình thức")
    members = Table([Column("name", "Họ và tên"), Column("title", "Chức vụ"), Column("role", "Nhiệm vụ trong Hội đồng")],
                    [{"name": m.name, "title": m.title, "role": m.role} for m in c.council], title="Thành viên Hội đồng")
    render = to_markdown if markdown else to_rich
    separator = "\n\n" if markdown else "\n"
    tables = (criteria, tiers, awards, conditions, members)
    return separator.join(head) + "\n\n" + "\n".join(render(t) for t in tables if t.rows)


def _money_text(award) -> str:
    """The multipliers of the kinds the award is for: "0,3 / 0,6" (cá nhân / tập thể), or the one kind's alone —
    an award for individuals only showed a collective's multiplier it never pays."""
    individual = f"cá nhân {format_number(award.multiplier, 2, trim=True)}"
    collective = f"tập thể {format_number(award.multiplier_for('collective'), 2, trim=True)}"
    return {"individual": individual, "collective": collective}.get(award.applies_to, f"{individual} / {collective}")


def _limit_text(award) -> str:
    parts = []
    if award.quota_percent is not None:
        parts.append(f"≤ {format_number(award.quota_percent, 2, trim=True)}%")
    if award.max_count is not None:
        parts.append(f"tối đa {award.max_count}")
    return ", ".join(parts)
