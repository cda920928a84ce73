"""Entry listings (SPEC §3 JSON)."""

from __future__ import annotations

from datetime import date

from thidua_cli.domain.formats import format_date, points_value
from thidua_cli.render.tabular import Column, Table, json_number


def entries_json(listing) -> dict:
    return {
        "entries": [
            {"id": e["id"], "date": e["date"], "subject": e["subject"], "criterion": e["criterion"],
             "points": json_number(points_value(e["points"])), "note": e["note"], "evidence": e["evidence"],
             "recorded_by": e["recorded_by"], "recorded_at": e["recorded_at"], "voided": e["voided"]}
            for e in listing.entries
        ]
    }


def entries_table(listing, machine: bool = False) -> Table:
    columns = [
        Column("id", "Số", "number"), Column("date", "Ngày", "date"), Column("subject", "Mã"),
        Column("name", "Họ và tên / Tập thể"), Column("criterion", "Tiêu chí"), Column("points", "Điểm", "points"),
        Column("note", "Thành tích", width=50), Column("evidence", "Minh chứng", width=30),
        Column("recorded_by", "Người ghi"),
    ]
    if machine:
        columns.append(Column("recorded_at", "Thời điểm ghi"))
    if any(e["voided"] for e in listing.entries) or machine:
        columns.append(Column("voided", "Đã huỷ"))
    rows = []
    for e in listing.entries:
        row = dict(e)
        row["date"] = date.fromisoformat(e["date"])
        row["points"] = points_value(e["points"])
        row["voided"] = (e["void_reason"] or "có") if e["voided"] else None
        if machine:
            row["voided"] = bool(e["voided"])
        rows.append(row)
    campaign, period = listing.campaign, listing.period
    start, end = (max(period.start, campaign.start), min(period.end, campaign.end)) if period.label else (campaign.start, campaign.end)
    heading = f"Mục ghi — {campaign.name}, từ {format_date(start)} đến {format_date(end)}"
    return Table(columns, rows, title=f"Mục ghi phong trào {campaign.code} ({len(rows)} mục)", heading=heading)
