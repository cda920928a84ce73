"""The closing report (tổng kết / sơ kết): the monthly report's context and renderers, plus its own sections.

Sections, as the document numbers them: I–III as the monthly report (over the whole campaign);
IV. công tác khen thưởng with the money; V. đăng ký thi đua against what was achieved;
VI. bài học kinh nghiệm; VII. phương hướng, nhiệm vụ. Templates `bao-cao-tong-ket` extend
`bao-cao-thang` (md, html) or are generated from its layout (docx, tools/make_year_templates.py).
"""

from __future__ import annotations

from pathlib import Path

from thidua_cli.domain.closing import FINAL, ClosingReport, count_phrase
from thidua_cli.domain.formats import format_date, format_money, format_points
from thidua_cli.domain.models import COLLECTIVE, DANH_HIEU
from thidua_cli.domain.report import period_phrase

TEMPLATE = "bao-cao-tong-ket"


def closing_json(closing: ClosingReport) -> dict:
    from thidua_cli.render.report import report_json

    data = report_json(closing.report)
    data.update({
        "kind": closing.kind,
        "title": subject_line(closing),
        "awards_proposed_by_award": [_money_json(line) for line in closing.proposed],
        "awards_granted_by_award": [_money_json(line) for line in closing.granted],
        "awards_granted": [
            {"subject": g.subject, "name": g.name, "kind": g.kind, "award": g.award, "award_name": g.award_name,
             "number": g.number, "date": g.day.isoformat() if g.day else None, "amount": g.amount}
            for g in closing.granted_rows
        ],
        "proposed_amount": closing.proposed_amount,
        "granted_amount": closing.granted_amount,
        "registrations": [
            {"award": r.award, "award_name": r.award_name, "registered": r.registered, "achieved": r.achieved,
             "granted": r.granted, "granted_unregistered": r.unregistered}
            for r in closing.registrations
        ],
        "registrations_unapproved": closing.unapproved,
        "lessons": list(closing.lessons),
    })
    return data


def _money_json(line) -> dict:
    return {"award": line.award, "award_name": line.award_name, "collectives": line.collectives,
            "individuals": line.individuals, "amount": line.amount}


def subject_line(closing: ClosingReport) -> str:
    report = closing.report
    what = "Tổng kết" if closing.kind == FINAL else "Sơ kết"
    return f"{what} {report.campaign.phrase} ({period_phrase(report.period)})"


def _money_rows(lines) -> dict:
    rows = [{"stt": str(i), "award": line.award_name, "collectives": str(line.collectives), "individuals": str(line.individuals),
             "amount": format_money(line.amount)} for i, line in enumerate(lines, 1)]
    total = {"collectives": str(sum(l.collectives for l in lines)), "individuals": str(sum(l.individuals for l in lines)),
             "amount": format_money(sum(l.amount for l in lines))}
    return {"rows": rows, "total": total}


def _award_heading(campaign, lines) -> str:
    """The heading over the award names: "Danh hiệu thi đua, hình thức khen thưởng" when the rows hold both (the Law
    keeps them apart: a Lao động tiên tiến is no hình thức), else the one kind they are."""
    categories = {a.code: a.category for a in campaign.awards}
    kinds = {categories.get(line.award) == DANH_HIEU for line in lines}
    if kinds == {True}:
        return "Danh hiệu thi đua"
    return "Danh hiệu thi đua, hình thức khen thưởng" if True in kinds else "Hình thức khen thưởng"


def closing_context(closing: ClosingReport) -> dict:
    """`report_context` of the period, re-titled, plus: `money_proposed`, `money_granted` {rows [stt, award,
    collectives, individuals, amount], total}, `granted_list` [decision, award, who, amount], `registrations`
    [award, registered, achieved, granted, unregistered], `registrations_note`, `lessons`, `awards_summary`."""
    from thidua_cli.render.report import _top, by_agency, report_context, standings_basis

    report = closing.report
    campaign = report.campaign
    context = report_context(report)
    phrase = period_phrase(report.period)
    word = closing.word
    context.update({
        "subject_line": subject_line(closing),
        # the whole campaign from its start: no earlier standings to compare with, and not "the first report" (the
        # monthly reports came before it)
        "standings_intro": standings_basis(report) + ".",
        "intro": (
            f"Thực hiện Kế hoạch số {campaign.plan}"
            + (f" ngày {format_date(campaign.issued)}" if campaign.issued else "")
            + f" về việc triển khai {campaign.phrase}, {campaign.agency} báo cáo {word} "
            f"phong trào ({phrase}) như sau:"
        ),
        "closing": f"Trên đây là báo cáo {word} {by_agency(campaign.phrase, campaign)}./.",
        "award_heading": _award_heading(campaign, (*closing.proposed, *closing.granted)),
        "money_proposed": _money_rows(closing.proposed),
        "money_granted": _money_rows(closing.granted),
        "granted_list": [
            {"decision": f"{g.number} ngày {format_date(g.day)}" if g.day else g.number, "award": g.award_name,
             "who": f"{g.name} ({'tập thể' if g.kind == COLLECTIVE else 'cá nhân'})",
             "amount": format_money(g.amount) if g.amount is not None else ""}
            for g in closing.granted_rows
        ],
        "awards_summary": _awards_summary(closing),
        "registrations": [
            {"award": r.award_name, "registered": str(r.registered), "achieved": str(r.achieved),
             "rate": f"{format_points(r.achieved * 10000 // r.registered)}%" if r.registered else "",
             "granted": str(r.granted), "unregistered": str(r.unregistered)}
            for r in closing.registrations
        ],
        "registrations_note": (
            "“Đăng ký” là số đăng ký đã được duyệt; “Đạt” là số đã đăng ký và được khen thưởng hình thức đó hoặc cao hơn "
            "cùng loại; “Được khen” là tổng số được khen thưởng hình thức đó, trong đó “Không đăng ký” là số không đăng ký."
            + (f" Chưa tính {_unapproved(closing)}." if closing.unapproved else "")
            # one still waiting for the decision is no failure: "Đạt 0, 0%" alone read as if the registrant fell short
            + "".join(f" {r.award_name}: {r.pending:02d} trường hợp đã đăng ký được đề nghị, chưa có quyết định khen thưởng, chưa tính "
                      "là “Đạt”." for r in closing.registrations if r.pending)
        ),
        # registrations waiting for approval are no "Chưa có." (it read as if nobody had registered)
        "registrations_nothing": (f"Có {_unapproved(closing)}, chưa tổng hợp kết quả." if closing.unapproved
                                  else context["nothing"]),
        "lessons": list(closing.lessons),
        # the ranks of "tiêu biểu" are over the whole campaign (to the as-of day), not "trong kỳ"
        "top": _top(report, "cả phong trào" if closing.kind == FINAL else f"đến ngày {format_date(report.covered.end)}"),
    })
    headings = context["headings"]
    headings.update({
        "results": f"KẾT QUẢ THỰC HIỆN PHONG TRÀO ({phrase.upper()})",
        "top": "Tập thể, cá nhân tiêu biểu",
        "idle": "Tập thể, cá nhân chưa có kết quả được ghi nhận",
        "standings": "KẾT QUẢ XẾP HẠNG" + (" CẢ PHONG TRÀO" if closing.kind == FINAL else f" ĐẾN NGÀY {format_date(report.covered.end)}"),
        "proposed": "Đề nghị khen thưởng",
        "decided": "Quyết định khen thưởng",
        "registrations": "ĐĂNG KÝ THI ĐUA VÀ KẾT QUẢ ĐẠT ĐƯỢC",
        "lessons": "BÀI HỌC KINH NGHIỆM",
        "next": "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
    })
    return context


def _awards_summary(closing: ClosingReport) -> str:
    """Section IV's opening sentence; a side with nobody says so in words ("chưa có … nào"), never "… không có"."""
    proposed = (
        f"Đã đề nghị khen thưởng {count_phrase(*closing.proposed_tally)}, tiền thưởng {format_money(closing.proposed_amount)} đồng"
        if closing.proposed_tally[2] else "Chưa đề nghị khen thưởng tập thể, cá nhân nào"
    )
    granted = (
        f"đã có quyết định khen thưởng {count_phrase(*closing.granted_tally)}, tiền thưởng {format_money(closing.granted_amount)} đồng"
        if closing.granted_tally[2] else "chưa có quyết định khen thưởng nào"
    )
    refused = [f"{u.name} — {u.award} (đợt {u.round}" + (f", {u.paper}" if u.paper else "") + ")"
               for u in closing.ungranted if u.refused]
    waiting = [f"{u.name} — {u.award} (đợt {u.round}, {u.said})" for u in closing.ungranted if not u.refused]
    if refused:
        granted += f"; không được khen {len(refused):02d} lượt: {'; '.join(refused)}"
    if waiting and closing.granted_tally[2]:  # nothing decided at all: "chưa có quyết định … nào" says it of everyone
        granted += f"; còn {len(waiting):02d} lượt chưa có quyết định: {'; '.join(waiting)}"
    return f"{proposed}; {granted}."


def closing_document(closing: ClosingReport, fmt: str, templates_dir: str | Path | None = None, env=None) -> str | bytes:
    from thidua_cli.render.documents import render_document
    from thidua_cli.render.report import _charts

    context = closing_context(closing)
    if fmt == "html":
        context["charts"] = _charts(closing.report)
    return render_document(TEMPLATE, context, fmt, templates_dir, env=env)


def closing_screen(closing: ClosingReport) -> str:
    """The sections of the document, as the monthly report's screen shows them: section IV tells the campaign's
    proposals and decisions (a themed campaign's come after its end, outside the period the monthly section IV
    reads), then the registrations and the lessons."""
    from thidua_cli.render.report import report_screen

    view = closing_context(closing)
    h = view["headings"]
    awards = [view["awards_summary"], f"1. {h['proposed']}"]
    awards += [f"- {row['award']}: {_tally(row)}, tiền thưởng {row['amount']} đồng" for row in view["money_proposed"]["rows"]]
    if not view["money_proposed"]["rows"]:
        awards.append(view["nothing"])
    awards.append(f"2. {h['decided']}")
    awards += [f"- {row['decision']}: {row['award']} — {row['who']}" + (f", {row['amount']} đồng" if row["amount"] else "")
               for row in view["granted_list"]]
    if not view["granted_list"]:
        awards.append(view["nothing"])
    registrations = [f"- Đăng ký {row['award']}: {row['registered']}, đạt {row['achieved']}; được khen {row['granted']}"
                     f" (không đăng ký {row['unregistered']})" for row in view["registrations"]]
    lessons = [f"{i}. {line}" for i, line in enumerate(view["lessons"], 1)]
    if registrations and closing.unapproved:
        registrations.append(f"(Chưa tính {_unapproved(closing)}.)")
    sections = [(h["registrations"], registrations or [view["registrations_nothing"]]), (h["lessons"], lessons or [view["nothing"]])]
    return report_screen(closing.report, view=view, awards=awards, sections=sections)


def _unapproved(closing: ClosingReport) -> str:
    """"02 đăng ký thi đua chưa được duyệt"."""
    return f"{closing.unapproved:02d} đăng ký thi đua chưa được duyệt"


def _tally(row: dict) -> str:
    """"02 tập thể và 03 cá nhân" from a money row's counts (as text)."""
    return count_phrase(int(row["collectives"] or 0), int(row["individuals"] or 0))


def write_closing(db, kind: str, as_of, campaign, top: int, next_steps: str | None, lessons: str | None, day, number,
                  chosen: str, out: str | None, templates) -> None:
    """`thidua report --final | --midterm`: build, then write in the chosen format (the monthly report's formats)."""
    from thidua_cli.render.output import write_output
    from thidua_cli.render.tabular import to_json
    from thidua_cli.services import closing_report as service

    steps = service.read_lines(next_steps, "--next-steps") if next_steps else None
    learned = service.read_lines(lessons, "--lessons") if lessons else None
    closing = service.build(db, kind, as_of, campaign, top, steps, learned, day, number)
    if chosen == "json":
        write_output(lambda: to_json(closing_json(closing)), out)
    elif chosen in ("md", "html", "docx"):
        write_output(lambda: closing_document(closing, chosen, templates), out)
    elif chosen == "pdf":
        from thidua_cli.render.pdf import html_to_pdf

        write_output(lambda: html_to_pdf(closing_document(closing, "html", templates)), out)
    else:
        write_output(lambda: closing_screen(closing), out)
