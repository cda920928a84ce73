"""`score --explain S`: every entry behind each criterion score, the bound applied, the arithmetic."""

from __future__ import annotations

from decimal import Decimal

from thidua_cli.domain.formats import format_date, format_number, format_points, points_value
from thidua_cli.render.standings import row_json


def _criterion_lines(explanation):
    standings = explanation.standings
    row = standings.row(explanation.subject_code)
    campaign = standings.campaign
    by_criterion: dict[str, list[dict]] = {}
    for entry in explanation.entries:
        by_criterion.setdefault(entry["criterion"], []).append(entry)
    parts = []
    for criterion in campaign.criteria:
        if not criterion.applies(row.subject.kind):
            continue
        raw = row.raw.get(criterion.code, 0)
        clamped = row.scores[criterion.code]
        bound = None
        if clamped != raw:
            bound = "trần" if clamped == criterion.max_points else "sàn"
        parts.append((criterion, by_criterion.get(criterion.code, []), raw, clamped, bound))
    return row, parts


def explain_json(explanation) -> dict:
    row, parts = _criterion_lines(explanation)
    return {
        "campaign": explanation.standings.campaign.code,
        "from": explanation.standings.period.start.isoformat(),
        "to": explanation.standings.period.end.isoformat(),
        "subject": row_json(row),
        "criteria": [
            {
                "criterion": criterion.code, "name": criterion.name,
                "entries": [{"id": e["id"], "date": e["date"], "points": float(points_value(e["points"])), "note": e["note"],
                             "evidence": e["evidence"]} for e in entries],
                "voided": [{"id": e["id"], "date": e["date"], "points": float(points_value(e["points"])), "note": e["note"],
                            "evidence": e["evidence"], "reason": e["void_reason"], "voided_by": e["voided_by"],
                            "voided_at": e["voided_at"]} for e in explanation.voided if e["criterion"] == criterion.code],
                "raw": float(points_value(raw)), "score": float(points_value(clamped)), "bound": bound,
                "max_points": None if criterion.max_points is None else float(points_value(criterion.max_points)),
                "min_points": None if criterion.min_points is None else float(points_value(criterion.min_points)),
                "weight": float(criterion.weight),
                "weighted": float(criterion.weight * points_value(clamped)),
            }
            for criterion, entries, raw, clamped, bound in parts
        ],
        "total": float(row.total_rounded),
        "awards": {
            "proposed": [{"award": p.award.code, "name": p.award.name, "brought_by": p.brought_by} for p in explanation.proposed],
            "excluded": [{"award": e.award.code, "name": e.award.name, "reason": e.text} for e in explanation.excluded],
        },
        **({"rounds": [{"round": number, "from": start.isoformat(), "to": end.isoformat(),
                        "proposals": [{"award": o.award, "name": o.name, "outcome": o.said} for o in outcome]}
                       for number, start, end, outcome in explanation.rounds]} if explanation.rounds else {}),
    }


def explain_text(explanation, markdown: bool = False) -> str:
    row, parts = _criterion_lines(explanation)
    subject = row.subject
    standings = explanation.standings
    lines = [
        f"{'# ' if markdown else ''}Giải thích điểm: {subject.code} — {subject.name}",
        "",
        f"Phong trào {standings.campaign.code}, từ {format_date(standings.period.start)} đến {format_date(standings.period.end)}",
        "",
    ]
    terms = []
    for criterion, entries, raw, clamped, bound in parts:
        lines.append(f"{'## ' if markdown else ''}{criterion.code} — {criterion.name}")
        for e in entries:
            said = " ".join(filter(None, (e["note"], f"({e['evidence']})" if e["evidence"] else "")))
            said = f" — {said}" if said else ""  # points only: no dash before nothing
            lines.append(f"  {'- ' if markdown else ''}#{e['id']} {format_date(_date(e['date']))}: {format_points(e['points']):>7}{said}")
        if not entries:
            lines.append("  (chưa có mục ghi)")
        for e in (v for v in explanation.voided if v["criterion"] == criterion.code):
            lines.append(f"  {'- ' if markdown else ''}#{e['id']} {format_date(_date(e['date']))}: "
                         f"{format_points(e['points']):>7} — không tính: {_void_said(e)}")
        summary = f"  Cộng: {format_points(raw)}"
        if bound == "trần":
            summary += f" → vượt trần {format_points(criterion.max_points)}, tính {format_points(clamped)}"
        elif bound == "sàn":
            summary += f" → dưới sàn {format_points(criterion.min_points)}, tính {format_points(clamped)}"
        if criterion.weight != 1:
            summary += f" × hệ số {format_number(criterion.weight, 2, trim=True)} = {format_number(criterion.weight * points_value(clamped), 4, trim=True)}"
        lines.append(summary)
        lines.append("")
        terms.append(_term(criterion.weight, clamped))
    lines.append(f"Tổng điểm = {' + '.join(terms) or '0'} = {format_number(row.total_rounded, 2, trim=True)}")  # as score writes it
    # a campaign without [[tiers]] rates nobody by points: "chưa đạt mức xếp loại nào" read as a rating failed
    rated = f"; xếp loại: {row.tier}" if row.tier else ("; chưa đạt mức xếp loại nào" if standings.campaign.tiers else "")
    lines.append(f"Hạng {row.rank} trong {'tập thể' if subject.kind == 'collective' else 'cá nhân'}" + rated)
    lines += _award_lines(explanation, markdown)
    return "\n".join(lines) + "\n"


def _award_lines(explanation, markdown: bool) -> list[str]:
    """What the rounds made for the period proposed the subject and what became of it; then what propose-awards
    would do for this subject in a round of this period on its own, with the same reasons."""
    bullet = "- " if markdown else ""
    lines = []
    for number, start, end, outcome in explanation.rounds:
        lines += ["", f"{'## ' if markdown else ''}Đợt đề nghị số {number} ({format_date(start)} – {format_date(end)})"]
        lines += [f"  {bullet}{o.award} — {o.name}: {o.said}" for o in outcome]
    if not explanation.proposed and not explanation.excluded:
        return lines
    heading = ("Xét khen thưởng nếu lập một đợt riêng cho kỳ này (không kể các đợt trên)" if explanation.rounds
               else "Xét khen thưởng (nếu lập đợt đề nghị cho kỳ này)")
    lines += ["", f"{'## ' if markdown else ''}{heading}"]
    for p in explanation.proposed:
        along = f" (đi kèm {p.brought_by})" if p.brought_by else ""
        lines.append(f"  {bullet}Được đề nghị: {p.award.code} — {p.award.name}{along}")
    for e in explanation.excluded:
        lines.append(f"  {bullet}Không được đề nghị {e.award.code} — {e.award.name}: {e.text}")
    return lines


def _term(weight: Decimal, clamped: int) -> str:
    value = format_points(clamped)
    if clamped < 0:
        value = f"({value})"
    return value if weight == 1 else f"{format_number(weight, 2, trim=True)}×{value}"


def _void_said(e: dict) -> str:
    """'đã huỷ ngày 07/12/2026 (Lê Hoàng Phúc), lý do: …' for a voided entry, with what it had said."""
    from thidua_cli.render.change_log import local_time

    said = " ".join(filter(None, (e["note"], f"({e['evidence']})" if e["evidence"] else "")))
    when = local_time(e["voided_at"]) if e["voided_at"] else ""
    who = f" ({e['voided_by']})" if e["voided_by"] else ""
    return f"đã huỷ {when}{who}, lý do: {e['void_reason']}" + (f" [{said}]" if said else "")


def _date(text: str):
    from datetime import date

    return date.fromisoformat(text)
