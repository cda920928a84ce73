"""Entry listings (SPEC §3 JSON), built row by row from a streamed `EntryListing`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from thidua_cli.domain.formats import format_date, points_value
from thidua_cli.render.tabular import Column, Table, json_number


def entry_item(e: dict) -> dict:
    """One entry as `entries --format json` prints it; a voided one also says why, by whom and when it was voided."""
    item = {
        "id": e["id"], "date": e["date"], "subject": e["subject"], "criterion": e["criterion"],
        "points": json_number(points_value(e["points"])), "note": e["note"], "evidence": e["evidence"],
        "recorded_by": e["recorded_by"], "recorded_at": e["recorded_at"], "voided": e["voided"],
    }
    if e["voided"]:
        item.update(void_reason=e.get("void_reason"), voided_by=e.get("voided_by"), voided_at=e.get("voided_at"))
    return item


def entries_json_items(listing) -> Iterator[dict]:
    return (entry_item(e) for e in listing.rows())


def entries_table(listing, machine: bool = False) -> Table:
    """The listing as a table whose rows are read as they are written."""
    columns = [
        Column("id", "Số", "number"), Column("date", "Ngày", "date"), Column("subject", "Mã"),
        Column("name", "Họ và tên / Tập thể"), Column("criterion", "Tiêu chí"), Column("points", "Điểm", "points"),
        Column("note", "Thành tích", width=50), Column("evidence", "Minh chứng", width=30),
        Column("recorded_by", "Người ghi"),
    ]
    if machine:
        columns.append(Column("recorded_at", "Thời điểm ghi"))
    if listing.voided or machine:
        columns.append(Column("voided", "Đã huỷ"))
    if listing.voided and machine:  # a spreadsheet of the voided entries keeps why, by whom and when
        columns += [Column("void_reason", "Lý do huỷ"), Column("voided_by", "Người huỷ"), Column("voided_at", "Thời điểm huỷ")]

    def rows() -> Iterator[dict]:
        for e in listing.rows():
            row = dict(e)
            row["date"] = date.fromisoformat(e["date"])
            row["points"] = points_value(e["points"])
            row["voided"] = bool(e["voided"]) if machine else ((e["void_reason"] or "có") if e["voided"] else None)
            yield row

    campaign, period = listing.campaign, listing.period
    start, end = (max(period.start, campaign.start), min(period.end, campaign.end)) if period.label else (campaign.start, campaign.end)
    heading = f"Mục ghi — {campaign.name}, từ {format_date(start)} đến {format_date(end)}"
    return Table(columns, rows(), title=f"Mục ghi phong trào {campaign.code} ({listing.count} mục)", heading=heading)
