"""Disciplinary measures → JSON and tables."""

from __future__ import annotations

from thidua_cli.domain.formats import format_date
from thidua_cli.domain.models import KIND_LABELS
from thidua_cli.render.change_log import local_time
from thidua_cli.render.tabular import Column, Table


def discipline_json(rows) -> dict:
    return {
        "disciplines": [
            {"id": r.id, "subject": r.subject, "name": r.subject_name, "kind": r.kind, "year": r.year, "form": r.form,
             "number": r.number, "date": r.day.isoformat() if r.day else None, "reason": r.reason,
             "recorded_by": r.recorded_by, "recorded_at": r.recorded_at,
             "cancelled": {"at": r.cancelled_at, "by": r.cancelled_by, "reason": r.cancel_reason} if r.cancelled_at else None}
            for r in rows
        ]
    }


def discipline_table(rows, machine: bool = False) -> Table:
    columns = [Column("id", "Số", "number"), Column("subject", "Mã"), Column("name", "Họ và tên / Tập thể"),
               Column("kind", "Loại"), Column("year", "Năm", "number"), Column("form", "Hình thức kỷ luật"),
               Column("number", "Số quyết định"), Column("date", "Ngày", "date"), Column("reason", "Lý do"),
               Column("cancelled", "Đã huỷ")]
    table_rows = [
        {"id": r.id, "subject": r.subject, "name": r.subject_name, "kind": r.kind if machine else KIND_LABELS.get(r.kind, r.kind),
         "year": r.year, "form": r.form, "number": r.number, "date": r.day, "reason": r.reason,
         "cancelled": _cancelled(r, machine)}
        for r in rows
    ]
    return Table(columns, table_rows, title=f"Kỷ luật ({len(table_rows)})")


def _cancelled(row, machine: bool) -> str:
    """When and why, the day written as every other day of the listing (it read "2026-12-07: ghi nhầm người")."""
    if not row.cancelled_at:
        return ""
    return f"{row.cancelled_at[:10] if machine else local_time(row.cancelled_at)[:10]}: {row.cancel_reason}"


def discipline_line(row) -> str:
    number = f", Quyết định số {row.number}" if row.number else ""
    day = f" ngày {format_date(row.day)}" if row.day else ""
    return f"{row.subject} — {row.subject_name}: {row.form.lower()} năm {row.year}{number}{day} (số {row.id})"
