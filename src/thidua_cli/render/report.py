"""The monthly report, rendered: JSON, terminal text, Markdown and HTML (Jinja), and the shared view.

`report_view` turns a `Report` into plain, already formatted Vietnamese text
(numbers "1.234,5", dates "dd/mm/yyyy", the NĐ 30/2020 header and signature):
the Markdown and HTML templates (templates/report/*.j2, overridable from a
user folder) and the Word writer (render/report_docx.py) all read that one
view, so the three documents say the same thing.
"""

from __future__ import annotations

import os
from pathlib import Path

from thidua_cli.domain.formats import date_line, format_date, format_number, format_points, points_value
from thidua_cli.domain.models import COLLECTIVE, INDIVIDUAL
from thidua_cli.domain.report import Report, period_phrase, period_word, summary_sentence
from thidua_cli.render.standings import row_json

KIND_TITLES = {COLLECTIVE: "Tập thể", INDIVIDUAL: "Cá nhân"}
DOCUMENT_ROWS = 100  # standings rows per kind written into a document; JSON always has them all
IDLE_NAMES = 300  # beyond this many subjects without entries, the document gives counts per unit
SCREEN_ROWS = 10
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


# ---------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------

def _entry_json(line) -> dict:
    return {
        "id": line.id, "date": line.day.isoformat(), "subject": line.subject.code, "name": line.subject.name,
        "kind": line.subject.kind, "criterion": line.criterion, "points": float(points_value(line.points)),
        "note": line.note, "evidence": line.evidence,
    }


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
# The view every document is written from
# ---------------------------------------------------------------------------

def subject_line(report: Report) -> str:
    """The trích yếu: "Kết quả thực hiện phong trào thi đua “…” tháng 11/2021"."""
    return f"Kết quả thực hiện phong trào thi đua “{report.campaign.name}” {period_phrase(report.period)}"


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


def _plan_phrase(campaign) -> str:
    plan = f"Kế hoạch số {campaign.plan}"
    if campaign.issued:
        plan += f" ngày {format_date(campaign.issued)}"
    return plan


def balanced_lines(text: str, limit: int) -> list[str]:
    """Split a heading into as few lines of at most about `limit` characters as it needs, of even length.

    "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" → ["SỞ THÔNG TIN VÀ", "TRUYỀN THÔNG"], as offices set it by hand,
    rather than a single word left alone on the second line."""
    words = text.split()
    if len(text) <= limit or len(words) < 2:
        return [text] if text else []
    count = -(-len(text) // limit)
    target = len(text) / count
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if current and len(lines) < count - 1 and abs(len(candidate) - target) > abs(len(current) - target):
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return lines


def _number(number: int | None, short: str) -> str:
    """"Số: 05/BC-STTTT"; without a number the space is left for the văn thư to fill in."""
    suffix = f"/BC-{short}" if short else "/BC"
    if number is None:
        return f"Số:       {suffix}"
    return f"Số: {number:02d}{suffix}"


def _header(report: Report) -> dict:
    campaign = report.campaign
    short = campaign.agency_short or ""
    return {
        "parent_agency": campaign.parent_agency.upper(),
        "parent_agency_lines": balanced_lines(campaign.parent_agency.upper(), 26),
        "agency": campaign.agency.upper(),
        "agency_lines": balanced_lines(campaign.agency.upper(), 22),
        "number": _number(report.number, short),
        "nation": NATION,
        "motto": MOTTO,
        "date_line": date_line(campaign.place, report.today) if campaign.place else date_line("", report.today).lstrip(", "),
    }


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


def _top(report: Report) -> list[dict]:
    groups = []
    for kind in (COLLECTIVE, INDIVIDUAL):
        rows = [
            {"rank": str(line.row.rank), "name": line.row.subject.name, "unit": line.unit_name or "",
             "points": format_points(line.row.total_rounded), "entries": _count(line.row.entries),
             "highlight": line.highlight}
            for line in report.top if line.row.subject.kind == kind
        ]
        if rows:
            groups.append({"kind": kind, "label": KIND_TITLES[kind], "rows": rows})
    return groups


def _entries(lines, total: int) -> dict:
    rows = [
        {"stt": str(i), "date": format_date(line.day), "name": line.subject.name,
         "kind": "tập thể" if line.subject.kind == COLLECTIVE else "cá nhân", "criterion": line.criterion,
         "note": line.note, "evidence": line.evidence, "points": format_points(line.points)}
        for i, line in enumerate(lines, 1)
    ]
    more = f"… và {_count(total - len(rows))} mục khác." if total > len(rows) else ""
    return {"rows": rows, "count": total, "more": more}


def _standings(report: Report) -> list[dict]:
    groups = []
    for kind in (COLLECTIVE, INDIVIDUAL):
        lines = [line for line in report.lines if line.row.subject.kind == kind]
        if not lines:
            continue
        rows = [
            {"rank": str(line.row.rank), "name": line.row.subject.name, "unit": line.unit_name or "",
             "total": format_number(line.row.total_rounded, 2, trim=True), "tier": line.row.tier or "",
             "previous": "" if line.previous_rank is None else str(line.previous_rank), "change": _change(line.change)}
            for line in lines[:DOCUMENT_ROWS]
        ]
        more = ""
        if len(lines) > DOCUMENT_ROWS:
            more = f"… và {_count(len(lines) - DOCUMENT_ROWS)} {KIND_TITLES[kind].lower()} khác (xem bảng điểm đầy đủ)."
        groups.append({"kind": kind, "label": KIND_TITLES[kind], "rows": rows, "more": more, "count": len(lines)})
    return groups


def _proposed(report: Report) -> list[dict]:
    return [
        {"round": str(p.round), "date": format_date(p.day) if p.day else "", "award": p.award_name, "name": p.name,
         "kind": "tập thể" if p.kind == COLLECTIVE else ("cá nhân" if p.kind == INDIVIDUAL else "")}
        for p in report.proposed
    ]


def _decided(report: Report) -> list[dict]:
    return [
        {"number": d.number, "date": format_date(d.day) if d.day else "", "award": d.award_name, "name": d.name,
         "issuer": d.issuer, "kind": "tập thể" if d.kind == COLLECTIVE else "cá nhân"}
        for d in report.decided
    ]


def _recipients(report: Report) -> list[str]:
    lines = [f"- {name};" for name in report.campaign.recipients]
    lines.append("- Lưu: VT, VP.")
    return lines


def _signer(report: Report) -> dict:
    campaign = report.campaign
    title = campaign.signer_title or "THỦ TRƯỞNG CƠ QUAN"
    return {"lines": [line.strip().upper() for line in title.splitlines() if line.strip()], "name": campaign.signer_name}


def report_view(report: Report) -> dict:
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
    in_word = "trong kỳ" if word == "kỳ" else f"trong {word}"
    standings_intro = (
        f"Điểm lũy kế từ ngày {format_date(report.standings.period.start)} đến ngày "
        f"{format_date(report.standings.period.end)}, theo từng tiêu chí (đã áp dụng mức điểm tối đa, tối thiểu "
        f"của tiêu chí), xếp hạng riêng tập thể và cá nhân"
    )
    if report.previous_end:
        standings_intro += f"; cột “Thay đổi” so với thứ hạng hết {report.previous_label} (↑ tăng, ↓ giảm số bậc; – giữ nguyên)."
    else:
        standings_intro += f"; đây là kỳ báo cáo đầu tiên của phong trào nên chưa so sánh thứ hạng với kỳ trước."
    initiatives = _entries(report.initiatives, report.initiative_count)
    penalties = _entries(report.penalties, report.penalty_count)
    return {
        "header": _header(report),
        "title": "BÁO CÁO",
        "subject_line": subject_line(report),
        "phrase": phrase,
        "word": word,
        "intro": (
            f"Thực hiện {_plan_phrase(campaign)} về việc triển khai phong trào thi đua “{campaign.name}”, "
            f"{campaign.agency} báo cáo kết quả thực hiện phong trào {phrase} như sau:"
        ),
        "headings": {
            "I": f"KẾT QUẢ THỰC HIỆN {in_word.upper()}",
            "I.1": "Kết quả theo tiêu chí thi đua",
            "I.2": "Kết quả theo đơn vị",
            "I.3": f"Tập thể, cá nhân chưa có kết quả được ghi nhận {in_word}",
            "II": "GƯƠNG ĐIỂN HÌNH, SÁNG KIẾN VÀ VI PHẠM",
            "II.1": f"Tập thể, cá nhân tiêu biểu {in_word}",
            "II.2": "Sáng kiến, giải pháp được ghi nhận",
            "II.3": "Vi phạm, điểm trừ",
            "III": f"KẾT QUẢ XẾP HẠNG TỪ ĐẦU PHONG TRÀO ĐẾN HẾT {phrase.upper()}" if word != "kỳ"
                   else f"KẾT QUẢ XẾP HẠNG TỪ ĐẦU PHONG TRÀO ĐẾN NGÀY {format_date(report.standings.period.end)}",
            "IV": "CÔNG TÁC KHEN THƯỞNG",
            "IV.1": f"Đề nghị khen thưởng {in_word}",
            "IV.2": f"Quyết định khen thưởng {in_word}",
            "V": "PHƯƠNG HƯỚNG, NHIỆM VỤ " + (f"{word.upper()} TỚI" if word != "kỳ" else "THỜI GIAN TỚI"),
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
        "initiatives": initiatives,
        "penalties": penalties,
        "none": "Chưa có.",
        "standings_intro": standings_intro,
        "standings": _standings(report),
        "has_previous": report.previous_end is not None,
        "change_title": "Thay đổi",
        "proposed": _proposed(report),
        "decided": _decided(report),
        "next_steps": list(report.next_steps),
        "closing": (
            f"Trên đây là báo cáo kết quả thực hiện phong trào thi đua “{campaign.name}” {phrase} của "
            f"{campaign.agency}./."
        ),
        "signer": _signer(report),
        "recipients": _recipients(report),
    }


# ---------------------------------------------------------------------------
# Markdown and HTML: Jinja templates, user folder first
# ---------------------------------------------------------------------------

def _environment(user_dir: str | None):
    """templates/report/*.j2: the user's folder (--templates or THIDUA_TEMPLATES) first, then the shipped ones.

    A user template may extend the shipped one as "default:report/report.html.j2"."""
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, StrictUndefined

    from thidua_cli.errors import UsageError
    from thidua_cli.resources import templates_dir

    shipped = FileSystemLoader(str(templates_dir()))
    loaders = []
    folder = user_dir or os.environ.get("THIDUA_TEMPLATES")
    if folder:
        if not Path(folder).is_dir():
            option = "--templates" if user_dir else "THIDUA_TEMPLATES"
            raise UsageError(f'{option}: không có thư mục "{folder}"')
        loaders.append(FileSystemLoader(folder))
    loaders.append(shipped)
    loaders.append(PrefixLoader({"default": shipped}, delimiter=":"))

    def autoescape(name: str | None) -> bool:
        return bool(name) and (name.endswith(".html.j2") or name.endswith(".html"))

    return Environment(
        loader=ChoiceLoader(loaders), undefined=StrictUndefined, autoescape=autoescape,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )


def _render(name: str, context: dict, user_dir: str | None) -> str:
    from jinja2 import TemplateError

    from thidua_cli.errors import ThiduaError

    environment = _environment(user_dir)
    try:
        return environment.get_template(name).render(**context)
    except TemplateError as error:
        where = getattr(error, "filename", None) or name
        line = getattr(error, "lineno", None)
        raise ThiduaError(f"mẫu {where}{f', dòng {line}' if line else ''}: {error}") from None


def md_text(text: str) -> str:
    """User text inside Markdown: no table breaks, no raw HTML, no accidental emphasis."""
    out = []
    for char in str(text).replace("\r", " ").replace("\n", " "):
        out.append("\\" + char if char in "\\`*_[]<>|#" else char)
    return "".join(out)


def report_markdown(report: Report, user_dir: str | None = None) -> str:
    return _render("report/report.md.j2", {"v": report_view(report), "md": md_text}, user_dir)


def report_html(report: Report, user_dir: str | None = None) -> str:
    from markupsafe import Markup

    from thidua_cli.render.report_charts import movement_chart, unit_chart, week_chart

    charts = {
        "units": Markup(unit_chart(report)),
        "weeks": Markup(week_chart(report)),
        "movement": [
            {"svg": Markup(svg), "label": KIND_TITLES[kind].lower()} for kind, svg in movement_chart(report)
        ],
    }
    return _render("report/report.html.j2", {"v": report_view(report), "charts": charts}, user_dir)


# ---------------------------------------------------------------------------
# The terminal: plain text within 100 columns, user text never read as markup
# ---------------------------------------------------------------------------

def report_screen(report: Report, width: int | None = None) -> str:
    import textwrap

    from thidua_cli.render.tabular import Column, Table, to_rich

    view = report_view(report)
    width = min(width or 100, 100)
    out: list[str] = []

    def para(text: str, indent: str = "") -> None:
        out.append(textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent))

    def table(columns, rows) -> None:
        out.append(to_rich(Table(columns, rows), width=width).rstrip("\n"))

    header = view["header"]
    out.append(f"{header['agency']} — {header['number']} — {header['date_line']}")
    out.append("")
    para(f"BÁO CÁO: {view['subject_line']}")
    out.append("")
    h = view["headings"]
    out.append(f"I. {h['I']}")
    for line in view["summary"]:
        para(line)
    out.append(f"1. {h['I.1']}")
    rows = [dict(r, name=f"{r['code']}. {r['name']}") for r in view["criteria"]["rows"]]
    rows.append({"stt": "", "name": "Tổng cộng", **view["criteria"]["total"]})
    table([Column("stt", "TT"), Column("name", "Tiêu chí"), Column("entries", "Số mục", justify="right"),
           Column("points", "Điểm", justify="right")], rows)
    out.append(f"2. {h['I.2']}")
    rows = list(view["units"]["rows"]) + [{"stt": "", "name": "Tổng cộng", **view["units"]["total"]}]
    table([Column("stt", "TT"), Column("name", "Đơn vị"), Column("subjects", "Có kết quả", justify="right"),
           Column("entries", "Số mục", justify="right"), Column("points", "Điểm", justify="right")], rows)
    out.append(f"3. {h['I.3']}")
    if view["idle"]:
        for line in view["idle"]:
            para(f"- {line['unit']}: {line['text']}.", "  ")
    else:
        para(view["idle_none"], "  ")
    out.append("")
    out.append(f"II. {h['II']}")
    out.append(f"1. {h['II.1']}")
    if not view["top"]:
        para(view["top_none"], "  ")
    for group in view["top"]:
        columns = [Column("rank", "Hạng", justify="right"), Column("name", group["label"])]
        if group["kind"] == INDIVIDUAL:
            columns.append(Column("unit", "Đơn vị"))
        columns += [Column("points", "Điểm", justify="right"), Column("highlight", "Thành tích nổi bật")]
        table(columns, group["rows"])
    for key, title in (("initiatives", "II.2"), ("penalties", "II.3")):
        out.append(f"{title[-1]}. {h[title]}")
        data = view[key]
        if not data["rows"]:
            para(view["none"], "  ")
            continue
        table([Column("date", "Ngày"), Column("name", "Tập thể, cá nhân"), Column("note", "Nội dung"),
               Column("points", "Điểm", justify="right")], data["rows"])
        if data["more"]:
            para(data["more"], "  ")
    out.append("")
    out.append(f"III. {h['III']}")
    para(view["standings_intro"])
    for group in view["standings"]:
        columns = [Column("rank", "Hạng", justify="right"), Column("name", group["label"])]
        if group["kind"] == INDIVIDUAL:
            columns.append(Column("unit", "Đơn vị"))
        columns += [Column("total", "Tổng điểm", justify="right"), Column("tier", "Xếp loại")]
        if view["has_previous"]:
            columns.append(Column("change", "Thay đổi", justify="right"))
        shown = group["rows"][:SCREEN_ROWS]
        table(columns, shown)
        if group["count"] > len(shown):
            para(f"… và {group['count'] - len(shown)} {group['label'].lower()} khác (xem đầy đủ: --format md, html, docx).", "  ")
    out.append("")
    out.append(f"IV. {h['IV']}")
    out.append(f"1. {h['IV.1']}")
    if view["proposed"]:
        for p in view["proposed"]:
            para(f"- Đợt {p['round']} ({p['date']}): {p['award']} — {p['name']}", "  ")
    else:
        para(view["none"], "  ")
    out.append(f"2. {h['IV.2']}")
    if view["decided"]:
        for d in view["decided"]:
            para(f"- {d['number']} ngày {d['date']}: {d['award']} — {d['name']}", "  ")
    else:
        para(view["none"], "  ")
    out.append("")
    out.append(f"V. {h['V']}")
    for number, step in enumerate(view["next_steps"], 1):
        para(f"{number}. {step}", "")
    return "\n".join(line.rstrip() for line in "\n".join(out).splitlines()) + "\n"
