"""The monthly report, rendered: JSON, terminal text, and the documents (Markdown, HTML, Word).

`report_context` turns a `Report` into plain, already formatted Vietnamese text
(numbers "1.234,5", dates "dd/mm/yyyy") plus the NĐ 30/2020 header, signature and
"Nơi nhận" every document shares; the three documents are the template
`bao-cao-thang` (templates/md, html, docx — overridable from a user folder like
every document template) rendered through `render.documents.render_document`,
so they say the same thing and follow the dossier's layout rules.
"""

from __future__ import annotations

from pathlib import Path

from thidua_cli.domain.formats import format_date, format_number, format_points, points_value
from thidua_cli.domain.models import COLLECTIVE, INDIVIDUAL
from thidua_cli.domain.report import Report, period_phrase, period_word, summary_sentence, within_period
from thidua_cli.render.documents import (
    doc_number, header_context, recipients_list, render_document, signature_context, signer_title,
)
from thidua_cli.render.standings import row_json

TEMPLATE = "bao-cao-thang"
KIND_TITLES = {COLLECTIVE: "Tập thể", INDIVIDUAL: "Cá nhân"}
DOCUMENT_ROWS = 100  # standings rows per kind written into a document; JSON always has them all
IDLE_NAMES = 300  # beyond this many subjects without entries, the document gives counts per unit
SCREEN_ROWS = 10


# ---------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------

UNRATED = "Chưa đạt mức xếp loại"  # below the campaign's lowest tier so far: said, not left blank

def _entry_json(line) -> dict:
    return {
        "id": line.id, "date": line.day.isoformat(), "subject": line.subject.code, "name": line.subject.name,
        "kind": line.subject.kind, "criterion": line.criterion, "points": float(points_value(line.points)),
        "note": line.note, "evidence": line.evidence,
    }


def voided_sentence(report: Report) -> str:
    """Why the figures differ from a report of the same period written before the voids: the voided entries dated
    in it, counted nowhere, by reason ("Không tính 4 mục ghi … đã huỷ ngày 07/12/2026, lý do: …")."""
    from thidua_cli.render.change_log import local_time

    count = sum(entries for _, entries, _ in report.voided)
    parts = [(f"{entries} mục " if len(report.voided) > 1 else "") + f"huỷ ngày {local_time(at)[:10]}, lý do: {reason.rstrip('. ')}"
             for reason, entries, at in report.voided]
    return f"Không tính {count} mục ghi có ngày {within_period(report.period)} đã bị huỷ ({'; '.join(parts)})."


def report_json(report: Report) -> dict:
    campaign = report.campaign
    value = lambda hundredths: float(points_value(hundredths))  # noqa: E731
    return {
        "campaign": campaign.code,
        "title": subject_line(report),
        "period": report.period.label,
        "from": report.covered.start.isoformat(),
        "to": report.covered.end.isoformat(),
        "date": report.today.isoformat(),
        "entry_count": report.entry_count,
        "voided_count": sum(entries for _, entries, _ in report.voided),
        "voided": [{"reason": reason, "entries": entries, "voided_at": at} for reason, entries, at in report.voided],
        "points": value(report.points),
        "negative_points": value(report.negative_points),
        "subjects_with_entries": report.subjects_with_entries,
        "by_criterion": [
            {"criterion": c.code, "name": c.name, "entries": c.entries, "points": value(c.points)} for c in report.by_criterion
        ],
        "by_unit": [
            {"unit": u.unit, "name": u.name, "entries": u.entries, "points": value(u.points),
             "subjects": u.subjects, "subjects_with_entries": u.with_entries}
            for u in report.by_unit
        ],
        "by_week": [
            {"from": w.start.isoformat(), "to": w.end.isoformat(), "entries": w.entries, "points": value(w.points)}
            for w in report.weeks
        ],
        "without_entries": [
            {"subject": s.code, "name": s.name, "kind": s.kind, "unit": s.unit} for s in report.without_entries
        ],
        "top": [dict(row_json(line.row), highlight=line.highlight) for line in report.top],
        "initiative_count": report.initiative_count,
        "initiatives": [_entry_json(line) for line in report.initiatives],
        "penalty_count": report.penalty_count,
        "penalties": [_entry_json(line) for line in report.penalties],
        "disciplines": [{"date": d.day.isoformat() if d.day else None, "subject": d.subject.code, "name": d.subject.name,
                         "form": d.form, "number": d.number, "reason": d.reason} for d in report.disciplines],
        "standings_from": report.standings.period.start.isoformat(),
        "standings_to": report.standings.period.end.isoformat(),
        "standings": [row_json(row) for row in report.standings.rows],
        "previous_to": report.previous_end.isoformat() if report.previous_end else None,
        "rank_changes": [
            {"subject": line.row.subject.code, "rank": line.row.rank, "previous_rank": line.previous_rank,
             "change": line.change}
            for line in report.lines
        ],
        "awards_proposed": [
            {"round": p.round, "date": p.day.isoformat() if p.day else None, "award": p.award,
             "award_name": p.award_name, "subject": p.subject, "name": p.name, "kind": p.kind}
            for p in report.proposed
        ],
        "awards_decided": [
            {"subject": d.subject, "name": d.name, "kind": d.kind, "award": d.award, "award_name": d.award_name,
             "number": d.number, "date": d.day.isoformat() if d.day else None, "issuer": d.issuer}
            for d in report.decided
        ],
        "next_steps": list(report.next_steps),
    }


# ---------------------------------------------------------------------------
# The context every document is drawn from
# ---------------------------------------------------------------------------

def _compared(report: Report) -> bool:
    """Whether the standings have a ranking before the period to compare with (something recorded before it)."""
    return report.previous_end is not None and any(line.previous_rank is not None for line in report.lines)


def standings_basis(report: Report) -> str:
    """What section III's standings add up (without a full stop: the monthly report goes on to the comparison).
    Before the campaign's end the xếp loại is the points so far: said, or "Chưa đạt mức xếp loại" beside most names
    in November read as if they had failed the year (trial14)."""
    campaign, end = report.campaign, report.standings.period.end
    provisional = (f"; xếp loại tạm tính theo điểm lũy kế đến ngày {format_date(end)} (phong trào đến ngày "
                   f"{format_date(campaign.end)} mới xếp loại chính thức)") if campaign.tiers and end < campaign.end else ""
    return (
        f"Điểm lũy kế từ ngày {format_date(report.standings.period.start)} đến ngày "
        f"{format_date(end)}, theo từng tiêu chí (đã áp dụng mức điểm tối đa, tối thiểu "
        f"của tiêu chí), xếp hạng riêng tập thể và cá nhân{provisional}"
    )


def subject_line(report: Report) -> str:
    """The trích yếu: "Kết quả thực hiện phong trào thi đua “…” tháng 11/2021"."""
    return f"Kết quả thực hiện {report.campaign.phrase} {period_phrase(report.period)}"


def _count(value: int) -> str:
    return format_number(value, 0)


def _change(change: int | None) -> str:
    if change is None:
        return ""
    if change > 0:
        return f"↑ {change}"
    if change < 0:
        return f"↓ {-change}"
    return "–"


def _kind_word(kind: str | None) -> str:
    return {COLLECTIVE: "tập thể", INDIVIDUAL: "cá nhân"}.get(kind or "", "")


def _plan_phrase(campaign) -> str:
    plan = f"Kế hoạch số {campaign.plan}"
    if campaign.issued:
        plan += f" ngày {format_date(campaign.issued)}"
    return plan


def _criteria(report: Report) -> dict:
    rows = [
        {"stt": str(i), "code": c.code, "name": c.name, "entries": _count(c.entries), "points": format_points(c.points)}
        for i, c in enumerate(report.by_criterion, 1)
    ]
    total = {"entries": _count(report.entry_count), "points": format_points(report.points)}
    return {"rows": rows, "total": total}


def _units(report: Report) -> dict:
    rows = [
        {"stt": str(i), "name": u.name, "subjects": f"{u.with_entries}/{u.subjects}" if u.subjects else str(u.with_entries),
         "entries": _count(u.entries), "points": format_points(u.points)}
        for i, u in enumerate(report.by_unit, 1)
    ]
    subjects = sum(u.subjects for u in report.by_unit)
    total = {"subjects": f"{report.subjects_with_entries}/{subjects}", "entries": _count(report.entry_count),
             "points": format_points(report.points)}
    return {"rows": rows, "total": total}


def _idle(report: Report) -> list[dict]:
    """Subjects with no entry yet, one line per unit: "Văn phòng Sở: tập thể đơn vị; Thạch Sô Phi, …"."""
    from thidua_cli.domain.report import unit_directory, unit_of

    units = unit_directory(row.subject for row in report.standings.rows)
    groups: dict[str, dict] = {}
    for subject in report.without_entries:
        _, name = unit_of(subject, units)
        group = groups.setdefault(name, {"unit": name, "collective": False, "names": []})
        if subject.kind == COLLECTIVE:
            group["collective"] = True
        else:
            group["names"].append(subject.name)
    many = len(report.without_entries) > IDLE_NAMES
    lines = []
    for group in groups.values():
        parts = []
        if group["collective"]:
            parts.append("tập thể đơn vị")
        if group["names"]:
            parts.append(f"{len(group['names'])} cá nhân" if many else ", ".join(group["names"]))
        lines.append({"unit": group["unit"], "text": "; ".join(parts)})
    return lines


def _top(report: Report, span: str | None = None) -> list[dict]:
    """Section II.1; `span`: what the ranks are over, said in the note under a table ("trong tháng" by default)."""
    groups = []
    for kind in (COLLECTIVE, INDIVIDUAL):
        rows = [
            {"rank": str(line.row.rank), "name": line.row.subject.name, "unit": line.unit_name or "",
             "points": format_points(line.row.total_rounded), "entries": _count(line.row.entries),
             "highlight": line.highlight}
            for line in report.top if line.row.subject.kind == kind
        ]
        if rows:
            groups.append({"kind": kind, "label": KIND_TITLES[kind], "letter": "ab"[len(groups)], "rows": rows,
                           "note": _top_left_out(report, kind, span)})
    return groups


def _top_left_out(report: Report, kind: str, span: str | None = None) -> str:
    """The "Hạng" column is the period's rank; one ranked above the last shown but left out for a violation in the
    period (domain.report.top_rows) leaves a gap (1, 3 …) that the signer asks about: named, with why and where."""
    shown = {line.row.subject.code for line in report.top if line.row.subject.kind == kind}
    last = max((line.row.rank for line in report.top if line.row.subject.kind == kind), default=0)
    disciplined = {d.subject.code for d in report.disciplines}
    out = [row for row in report.period_standings.rows
           if row.subject.kind == kind and row.subject.code not in shown and row.rank < last and row.total > 0]
    if not out:
        return ""
    reasons = []
    if any(row.penalties for row in out):
        reasons.append("có vi phạm, điểm trừ")
    if any(row.subject.code in disciplined for row in out):
        reasons.append("bị kỷ luật")
    word = period_word(report.period)
    span = span or ("trong kỳ" if word == "kỳ" else f"trong {word}")
    # the ranks, not the names: this section holds up examples, and who broke a rule is told in mục 3 (by name there)
    ranks = ", ".join(dict.fromkeys(str(row.rank) for row in out))
    who = f"trường hợp xếp hạng {ranks}" if len(out) == 1 else f"các trường hợp xếp hạng {ranks}"
    return (f"Hạng theo tổng điểm {span}; {who} {' hoặc '.join(reasons)} "
            "nên không nêu ở đây (xem mục 3).")


def _entries(lines, total: int) -> dict:
    rows = [
        {"stt": str(i), "date": format_date(line.day), "name": line.subject.name, "kind": _kind_word(line.subject.kind),
         "criterion": line.criterion, "note": line.note, "evidence": line.evidence,
         "content": f"{line.note} ({line.evidence})" if line.evidence else line.note, "points": format_points(line.points)}
        for i, line in enumerate(lines, 1)
    ]
    more = f"… và {_count(total - len(rows))} mục khác." if total > len(rows) else ""
    return {"rows": rows, "count": total, "more": more}


def _with_disciplines(data: dict, disciplines) -> dict:
    """Section II's "Vi phạm, điểm trừ" with the disciplinary measures decided in the period after the entries: the
    one a cảnh cáo cost its danh hiệu was not in it (trial10)."""
    if not disciplines:
        return data
    rows = list(data["rows"])
    for d in disciplines:
        decided = f" (quyết định số {d.number})" if d.number else ""
        content = f"Kỷ luật: {d.form}{decided}" + (f" — {d.reason}" if d.reason else "")
        rows.append({"stt": str(len(rows) + 1), "date": format_date(d.day) if d.day else "", "name": d.subject.name,
                     "kind": _kind_word(d.subject.kind), "criterion": "", "note": content, "evidence": "", "content": content,
                     "points": ""})
    return {**data, "rows": rows, "count": data["count"] + len(disciplines)}


def _standings(report: Report) -> list[dict]:
    groups = []
    for kind in (COLLECTIVE, INDIVIDUAL):
        lines = [line for line in report.lines if line.row.subject.kind == kind]
        if not lines:
            continue
        rows = [
            {"rank": str(line.row.rank), "name": line.row.subject.name, "unit": line.unit_name or "",
             "total": format_number(line.row.total_rounded, 2, trim=True), "tier": line.row.tier or UNRATED,
             "previous": "" if line.previous_rank is None else str(line.previous_rank), "change": _change(line.change),
             "trend": "up" if (line.change or 0) > 0 else ("down" if (line.change or 0) < 0 else "")}
            for line in lines[:DOCUMENT_ROWS]
        ]
        more = ""
        if len(lines) > DOCUMENT_ROWS:
            more = f"… và {_count(len(lines) - DOCUMENT_ROWS)} {KIND_TITLES[kind].lower()} khác (xem bảng điểm đầy đủ)."
        groups.append({"kind": kind, "label": KIND_TITLES[kind], "number": len(groups) + 1, "rows": rows, "more": more,
                       "count": len(lines)})
    return groups


def _awards_until(report: Report):
    """The last day section IV looks at: the end of the period asked for, or the report's date if earlier."""
    return min(report.period.end, report.today) if report.today else report.period.end


def _proposed(report: Report) -> list[dict]:
    rows = []
    for p in report.proposed:
        kind = _kind_word(p.kind)
        rows.append({"round": str(p.round), "date": format_date(p.day) if p.day else "", "award": p.award_name,
                     "name": p.name, "kind": kind, "who": f"{p.name} ({kind})" if kind else p.name})
    return rows


def _decided(report: Report) -> list[dict]:
    rows = []
    for d in report.decided:
        date_text = format_date(d.day) if d.day else ""
        kind = _kind_word(d.kind)
        rows.append({"number": d.number, "date": date_text, "award": d.award_name, "name": d.name, "issuer": d.issuer,
                     "kind": kind, "decision": f"{d.number} ngày {date_text}" if date_text else d.number,
                     "who": f"{d.name} ({kind})" if kind else d.name})
    return rows


def by_agency(text: str, campaign) -> str:
    """`text` "của {agency}" — once: a campaign named "… năm 2026 của Sở Xây dựng" already says whose it is, and
    the closing line read "… của Sở Xây dựng của Sở Xây dựng" (seen on a rendered tổng kết)."""
    from thidua_cli.domain.vntext import fold_key

    if fold_key(campaign.phrase).endswith(fold_key(f"của {campaign.agency}")):
        return text
    return f"{text} của {campaign.agency}"


def report_context(report: Report) -> dict:
    """What the templates `md/bao-cao-thang.md`, `html/bao-cao-thang.html` and `docx/bao-cao-thang.docx` draw.

    Numbers and dates are already written the Vietnamese way ("1.234,5", "29/11/2021").
    The NĐ 30/2020 blocks are the ones every document shares (render/documents.py):
    `header` (header_context), `signature` (signature_context), `recipients`
    (recipients_list, no "Như trên": a báo cáo has no "Kính gửi"). Report keys:

    - `title` "BÁO CÁO", `subject_line` (trích yếu), `intro`, `closing`;
    - `phrase` ("tháng 11/2021"), `word` ("tháng", "quý", "năm" or "kỳ");
    - `headings`: the section and sub-section titles (results, by_criterion, by_unit,
      idle, examples, top, initiatives, penalties, standings, awards, proposed,
      decided, next) — numbered by the templates;
    - I: `summary` (paragraphs), `empty` (no entry in the period), `criteria`
      {rows [stt, code, name, entries, points], total}, `criteria_note`, `units`
      {rows [stt, name, subjects "9/13", entries, points], total}, `units_note`,
      `idle` [unit, text] or `idle_none`;
    - II: `top` [kind, label, letter "a"/"b", rows [rank, name, unit, points, entries,
      highlight]] or `top_none`; `initiatives`, `penalties` {rows [stt, date, name, kind,
      criterion, note, evidence, content "note (evidence)", points], count, more};
    - III: `standings_intro`, `standings` [kind, label, number, rows [rank, name, unit,
      total, tier, previous, change "↑ 2", trend "up"/"down"/""], more, count],
      `has_previous`, `change_title`;
    - IV: `proposed` [round, date, award, name, kind, who], `decided` [number, date,
      award, name, issuer, kind, decision "12/QĐ-… ngày …", who];
    - V: `next_steps` (lines); `nothing` ("Chưa có.") for an empty list;
    - `campaign` (the campaign record); the HTML also gets `charts` (inline SVG).
    """
    campaign = report.campaign
    phrase = period_phrase(report.period)
    word = period_word(report.period)
    summary = [summary_sentence(report)]
    if report.covered.start > report.period.start:
        summary.append(
            f"Phong trào bắt đầu từ ngày {format_date(campaign.start)}: số liệu {phrase} tính từ ngày "
            f"{format_date(report.covered.start)} đến ngày {format_date(report.covered.end)}."
        )
    elif report.covered.end < report.period.end:
        summary.append(
            f"Phong trào kết thúc ngày {format_date(campaign.end)}: số liệu {phrase} tính đến ngày {format_date(report.covered.end)}."
        )
    if report.voided:
        summary.append(voided_sentence(report))
    in_word = "trong kỳ" if word == "kỳ" else f"trong {word}"
    standings_intro = standings_basis(report)
    if _compared(report):
        standings_intro += f"; cột “Thay đổi” so với thứ hạng hết {report.previous_label} (↑ tăng, ↓ giảm số bậc; – giữ nguyên)."
    elif report.previous_end:  # a "Thay đổi" column left blank from top to bottom said nothing
        standings_intro += f"; đến hết {report.previous_label} chưa có kết quả nào được ghi nhận nên chưa so sánh thứ hạng."
    else:
        standings_intro += "; đây là kỳ báo cáo đầu tiên của phong trào nên chưa so sánh thứ hạng với kỳ trước."
    number = doc_number(report.number, "BC", campaign.agency_short)
    return {
        "campaign": campaign,
        "verification_code": report.verification_code,  # printed in small print at the foot (issue 14)
        "header": header_context(campaign.parent_agency, campaign.agency, number, campaign.place, report.today),
        "title": "BÁO CÁO",
        "subject_line": subject_line(report),
        "phrase": phrase,
        "word": word,
        "intro": (
            f"Thực hiện {_plan_phrase(campaign)} về việc triển khai {campaign.phrase}, "
            f"{campaign.agency} báo cáo kết quả thực hiện phong trào {phrase} như sau:"
        ),
        "headings": {
            "results": f"KẾT QUẢ THỰC HIỆN {in_word.upper()}",
            "by_criterion": "Kết quả theo tiêu chí thi đua",
            "by_unit": "Kết quả theo đơn vị",
            "idle": f"Tập thể, cá nhân chưa có kết quả được ghi nhận {in_word}",
            "examples": "GƯƠNG ĐIỂN HÌNH, SÁNG KIẾN VÀ VI PHẠM",
            "top": f"Tập thể, cá nhân tiêu biểu {in_word}",
            "initiatives": "Sáng kiến, giải pháp được ghi nhận",
            "penalties": "Vi phạm, điểm trừ",
            "standings": f"KẾT QUẢ XẾP HẠNG TỪ ĐẦU PHONG TRÀO ĐẾN HẾT {phrase.upper()}" if word != "kỳ"
                         else f"KẾT QUẢ XẾP HẠNG TỪ ĐẦU PHONG TRÀO ĐẾN NGÀY {format_date(report.standings.period.end)}",
            "awards": "CÔNG TÁC KHEN THƯỞNG",
            "proposed": f"Đề nghị khen thưởng {in_word}",
            "decided": f"Quyết định khen thưởng {in_word}",
            "next": "PHƯƠNG HƯỚNG, NHIỆM VỤ " + (f"{word.upper()} TỚI" if word != "kỳ" else "THỜI GIAN TỚI"),
        },
        "summary": summary,
        "empty": report.entry_count == 0,
        "criteria": _criteria(report),
        "criteria_note": "Điểm ghi nhận là tổng điểm các mục ghi trong kỳ, chưa áp dụng mức điểm tối đa, tối thiểu của tiêu chí.",
        "units": _units(report),
        "units_note": "Đơn vị gồm tập thể và các cá nhân thuộc đơn vị; cột “Có kết quả” là số tập thể, cá nhân có mục ghi / tổng số.",
        "idle": _idle(report),
        "idle_none": "Tất cả tập thể, cá nhân đều đã có kết quả được ghi nhận.",
        "top": _top(report),
        "top_none": f"Chưa có tập thể, cá nhân nào có điểm {in_word}.",
        "initiatives": _entries(report.initiatives, report.initiative_count),
        "penalties": _with_disciplines(_entries(report.penalties, report.penalty_count), report.disciplines),
        "nothing": "Chưa có.",
        "standings_intro": standings_intro,
        "standings": _standings(report),
        "has_previous": _compared(report),
        # a campaign with no [[tiers]] rates nobody by points: no "Xếp loại" column ("Chưa đạt mức xếp loại" beside
        # every subject, the first ones too, read as if all had failed)
        "has_tiers": bool(campaign.tiers),
        "change_title": "Thay đổi",
        "proposed": _proposed(report),
        "decided": _decided(report),
        # an empty section IV names the day it is true to: "Chưa có." read as if no award work happened at all
        "proposed_none": f"Chưa có đợt đề nghị khen thưởng nào đến ngày {format_date(_awards_until(report))}.",
        "decided_none": f"Chưa có quyết định khen thưởng nào đến ngày {format_date(_awards_until(report))}.",
        "next_steps": list(report.next_steps),
        "closing": f"Trên đây là báo cáo kết quả thực hiện {by_agency(f'{campaign.phrase} {phrase}', campaign)}./.",
        "signature": signature_context(signer_title(campaign), campaign.signer_named(signer_title(campaign))),
        "recipients": recipients_list(campaign.recipients, first=()),
    }


# ---------------------------------------------------------------------------
# Markdown, HTML and Word: the shared document templates (render/documents.py)
# ---------------------------------------------------------------------------

def _charts(report: Report) -> list[dict]:
    """The HTML's inline SVG charts, numbered in the order they appear: weeks and units (section I, when
    something was recorded), then the standings movement per kind (section III, when there is a previous period)."""
    from markupsafe import Markup

    from thidua_cli.render.report_charts import movement_chart, unit_chart, week_chart

    charts = []
    if report.entry_count:
        charts.append({"key": "weeks", "svg": Markup(week_chart(report)), "caption": "Số mục ghi theo tuần"})
        charts.append({"key": "units", "svg": Markup(unit_chart(report)), "caption": "Điểm ghi nhận theo đơn vị"})
    for kind, svg in movement_chart(report):
        charts.append({"key": "movement", "svg": Markup(svg),
                       "caption": f"Thay đổi thứ hạng {KIND_TITLES[kind].lower()} (10 hạng đầu)"})
    for number, chart in enumerate(charts, 1):
        chart["number"] = number
    return charts


def report_document(report: Report, fmt: str, templates_dir: str | Path | None = None, env=None) -> str | bytes:
    """The report as `fmt` (md | html | docx) from the template `bao-cao-thang` (user folder first)."""
    context = report_context(report)
    if fmt == "html":
        context["charts"] = _charts(report)
    return render_document(TEMPLATE, context, fmt, templates_dir, env=env)


# ---------------------------------------------------------------------------
# The terminal: plain text within 100 columns, user text never read as markup
# ---------------------------------------------------------------------------

def report_screen(report: Report, width: int | None = None, view: dict | None = None,
                  awards: list[str] | None = None, sections: list[tuple[str, list[str]]] = ()) -> str:
    """The report on a terminal. The tổng kết / sơ kết passes its own `view` (headings), the lines of its section IV
    (`awards`: what was proposed and decided for the campaign, though after its end) and the `sections` it has
    before the last one (heading, lines), numbered on from V."""
    import textwrap

    from thidua_cli.render.tabular import Column, Table, to_rich

    view = view if view is not None else report_context(report)
    width = min(width or 100, 100)
    out: list[str] = []

    def para(text: str, indent: str = "") -> None:
        out.append(textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent))

    def bullets(lines: list[str], empty: str) -> None:
        if not lines:
            para(empty, "  ")
        for line in lines:
            para(f"- {line}", "  ")

    def table(columns, rows) -> None:
        out.append(to_rich(Table(columns, rows), width=width).rstrip("\n"))

    header = view["header"]
    out.append(f"{header['issuer']} — {header['number']} — {header['date_line']}")
    out.append("")
    para(f"BÁO CÁO: {view['subject_line']}")
    out.append("")
    h = view["headings"]
    out.append(f"I. {h['results']}")
    for line in view["summary"]:
        para(line)
    out.append(f"1. {h['by_criterion']}")
    rows = [dict(r, name=f"{r['code']}. {r['name']}") for r in view["criteria"]["rows"]]
    rows.append({"stt": "", "name": "Tổng cộng", **view["criteria"]["total"]})
    table([Column("stt", "TT"), Column("name", "Tiêu chí"), Column("entries", "Số mục", justify="right"),
           Column("points", "Điểm", justify="right")], rows)
    out.append(f"2. {h['by_unit']}")
    rows = list(view["units"]["rows"]) + [{"stt": "", "name": "Tổng cộng", **view["units"]["total"]}]
    table([Column("stt", "TT"), Column("name", "Đơn vị"), Column("subjects", "Có kết quả", justify="right"),
           Column("entries", "Số mục", justify="right"), Column("points", "Điểm", justify="right")], rows)
    out.append(f"3. {h['idle']}")
    bullets([f"{line['unit']}: {line['text']}." for line in view["idle"]], view["idle_none"])
    out.append("")
    out.append(f"II. {h['examples']}")
    out.append(f"1. {h['top']}")
    if not view["top"]:
        para(view["top_none"], "  ")
    for group in view["top"]:
        columns = [Column("rank", "Hạng", justify="right"), Column("name", group["label"])]
        if group["kind"] == INDIVIDUAL:
            columns.append(Column("unit", "Đơn vị"))
        columns += [Column("points", "Điểm", justify="right"), Column("highlight", "Thành tích nổi bật")]
        table(columns, group["rows"])
    for number, key in ((2, "initiatives"), (3, "penalties")):
        out.append(f"{number}. {h[key]}")
        data = view[key]
        if not data["rows"]:
            para(view["nothing"], "  ")
            continue
        table([Column("date", "Ngày"), Column("name", "Tập thể, cá nhân"), Column("note", "Nội dung"),
               Column("points", "Điểm", justify="right")], data["rows"])
        if data["more"]:
            para(data["more"], "  ")
    out.append("")
    out.append(f"III. {h['standings']}")
    para(view["standings_intro"])
    for group in view["standings"]:
        columns = [Column("rank", "Hạng", justify="right"), Column("name", group["label"])]
        if group["kind"] == INDIVIDUAL:
            columns.append(Column("unit", "Đơn vị"))
        columns.append(Column("total", "Tổng điểm", justify="right"))
        if view["has_tiers"]:
            columns.append(Column("tier", "Xếp loại"))
        if view["has_previous"]:
            columns.append(Column("change", "Thay đổi", justify="right"))
        shown = group["rows"][:SCREEN_ROWS]
        table(columns, shown)
        if group["count"] > len(shown):
            para(f"… và {group['count'] - len(shown)} {group['label'].lower()} khác (xem đầy đủ: --format md, html, docx).", "  ")
    out.append("")
    out.append(f"IV. {h['awards']}")
    if awards is not None:
        for line in awards:
            para(line, "  " if line.startswith("- ") else "")
    else:
        out.append(f"1. {h['proposed']}")
        bullets([f"Đợt {p['round']} ({p['date']}): {p['award']} — {p['name']}" for p in view["proposed"]], view["proposed_none"])
        out.append(f"2. {h['decided']}")
        bullets([f"{d['decision']}: {d['award']} — {d['name']}" for d in view["decided"]], view["decided_none"])
    numerals = iter(("V", "VI", "VII", "VIII", "IX"))
    for heading, lines in sections:
        out.append("")
        out.append(f"{next(numerals)}. {heading}")
        for line in lines:
            para(line, "  " if line.startswith("- ") else "")
    out.append("")
    out.append(f"{next(numerals)}. {h['next']}")
    for number, step in enumerate(view["next_steps"], 1):
        para(f"{number}. {step}", "")
    return "\n".join(line.rstrip() for line in "\n".join(out).splitlines()) + "\n"
