"""Rounds as records → JSON, tables and the `rounds show` text; a decision correction's summary."""

from __future__ import annotations

from datetime import date

from thidua_cli.domain.formats import format_date, format_money
from thidua_cli.render.proposals import decision_lines, decisions_json, round_json, round_screen
from thidua_cli.render.tabular import Column, Table


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def _numbers(summary, joiner: str) -> str:
    if summary.result is None:
        return summary.problem or ""
    return joiner.join(d.number for d in summary.result.decisions)


def _pending(summary, joiner: str) -> str:
    result = summary.result
    return joiner.join(result.pending) if result and result.decisions else ""


def summary_json(summary) -> dict:
    result = summary.result
    return {
        "round": summary.number,
        "campaign": summary.campaign,
        "from": summary.period.start.isoformat(),
        "to": summary.period.end.isoformat(),
        "created_at": summary.created_at,
        "created_by": summary.created_by,
        "status": summary.status,
        "status_text": summary.status_text,
        "proposals": summary.proposals,
        "ties": summary.ties,
        "passed": summary.passed,
        "granted": summary.granted,
        "amount": summary.amount,
        "decisions": decisions_json(result) if result else [],
        "pending": list(result.pending) if result else [],
        "corrected": [
            {"authority": d.authority, "number": d.number, "date": d.day.isoformat(), "recorded_at": d.recorded_at}
            for d in summary.corrected
        ],
        "cancelled": {"at": summary.cancelled_at, "by": summary.cancelled_by, "reason": summary.cancel_reason}
        if summary.cancelled_at else None,
    }


def rounds_json(summaries) -> dict:
    return {"rounds": [summary_json(s) for s in summaries]}


def rounds_table(summaries, machine: bool = False) -> Table:
    columns = [
        Column("round", "Đợt", "number"), Column("from", "Từ ngày", "date", no_wrap=True), Column("to", "Đến ngày", "date", no_wrap=True),
        Column("status", "Trạng thái", no_wrap=not machine), Column("proposals", "Đề nghị", "number"), Column("ties", "Đồng hạng", "number"),
        Column("passed", "Đạt phiếu", "number"), Column("granted", "Đã khen", "number"),
        Column("amount", "Tiền thưởng", "money", no_wrap=True), Column("decisions", "Quyết định", no_wrap=True),
        Column("pending", "Chờ quyết định của"),
    ]
    if machine:
        columns.insert(4, Column("status_text", "Tình trạng"))
        columns.append(Column("cancel_reason", "Lý do huỷ"))
    rows = []
    for s in summaries:
        status = s.status if machine else s.status_text
        if not machine and s.cancel_reason:
            status += f" ({s.cancel_reason})"
        rows.append({
            "round": s.number, "from": s.period.start, "to": s.period.end, "status": status, "status_text": s.status_text,
            "proposals": s.proposals, "ties": s.ties, "passed": s.passed, "granted": s.granted, "amount": s.amount,
            "decisions": _numbers(s, "; " if machine else "\n"), "pending": _pending(s, "; " if machine else "\n"),
            "cancel_reason": s.cancel_reason,
        })
    campaign = summaries[0].campaign if summaries else ""
    return Table(columns, rows, title=f"Các đợt đề nghị khen thưởng — phong trào {campaign}")


_SHOW_KEYS = ("created_at", "created_by", "status", "status_text", "passed", "granted", "amount", "decisions", "pending",
              "corrected", "cancelled")


def show_json(summary, view) -> dict:
    """The round as propose-awards prints it (SPEC §5.2), plus its status, decisions and cancellation."""
    data = round_json(view)
    extra = summary_json(summary)
    data.update({key: extra[key] for key in _SHOW_KEYS})
    return data


def show_screen(summary, view) -> str:
    lines = [round_screen(view).rstrip("\n"), ""]
    status = f"Trạng thái: {summary.status_text}"
    if summary.cancelled_at:
        status += f" ngày {format_date(_day(summary.cancelled_at))}" + (f" bởi {summary.cancelled_by}" if summary.cancelled_by else "")
        status += f"; lý do: {summary.cancel_reason}" if summary.cancel_reason else ""
    lines.append(status + ".")
    made = view.proposal_date or _day(summary.created_at)
    by = f" bởi {summary.created_by}" if summary.created_by else ""
    lines.append(f"Lập đợt ngày {format_date(made)} (ghi vào sổ ngày {format_date(_day(summary.created_at))}{by}).")
    result = view.result
    if not result.decisions and summary.status != "cancelled":  # with decisions, round_screen lists those still to come
        lines.append("Chưa có quyết định nào" + (f"; chờ quyết định của: {'; '.join(result.pending)}." if result.pending else "."))
    for d in summary.corrected:
        lines.append(f"Quyết định số {d.number} ngày {format_date(d.day)} của {d.authority}: đã được sửa (giữ trong sổ, không còn tính).")
    if result.decisions and summary.amount != result.total_amount:  # a refusal, or money a decision counted otherwise
        lines.append(f"Tiền thưởng theo quyết định (cả phần còn chờ quyết định): {format_money(summary.amount)} đồng; "
                     f"đề nghị {format_money(result.total_amount)} đồng.")
    return "\n".join(lines) + "\n"


def correction_screen(correction) -> str:
    wrong = correction.wrong
    total = sum(g.amount or 0 for g in correction.rows)
    lines = [
        f"Đã sửa quyết định số {wrong.number} ngày {format_date(wrong.day)} của {wrong.authority} "
        f"(đợt đề nghị số {wrong.round_number}) thành số {correction.number} ngày {format_date(correction.day)}; "
        f"lý do: {correction.reason}.",
        f"{len(correction.rows)} khen thưởng ghi lại theo quyết định mới; tổng tiền thưởng {format_money(total)} đồng. "
        "Quyết định cũ vẫn trong sổ, đánh dấu đã sửa.",
    ]
    lines.extend(decision_lines(correction.view.result))
    return "\n".join(lines) + "\n"


def correction_json(correction) -> dict:
    wrong = correction.wrong
    return {
        "corrected": {"number": wrong.number, "date": wrong.day.isoformat(), "authority": wrong.authority, "round": wrong.round_number},
        "decision": {"number": correction.number, "date": correction.day.isoformat(), "authority": wrong.authority,
                     "reason": correction.reason},
        "granted": [{"award": g.award, "subject": g.subject, "name": g.subject_name, "amount": g.amount} for g in correction.rows],
        "total_amount": sum(g.amount or 0 for g in correction.rows),
    }
