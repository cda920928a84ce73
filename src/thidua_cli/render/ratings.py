"""Yearly ratings → JSON and tables."""

from __future__ import annotations

from thidua_cli.domain.models import KIND_LABELS
from thidua_cli.render.tabular import Column, Table


def ratings_json(rows) -> dict:
    return {
        "ratings": [
            {"subject": r.subject, "name": r.subject_name, "kind": r.kind, "year": r.year, "rating": r.rating,
             "source": r.source, "recorded_by": r.recorded_by, "recorded_at": r.recorded_at}
            for r in rows
        ]
    }


def ratings_table(rows, machine: bool = False) -> Table:
    """The machine form starts with the `ratings import` columns, so an export can be imported again."""
    columns = [Column("subject", "Mã"), Column("year", "Năm", "number"), Column("rating", "Xếp loại"),
               Column("name", "Họ và tên / Tập thể"), Column("kind", "Loại"), Column("source", "Nguồn")]
    if not machine:
        columns = [columns[0], columns[3], columns[4], columns[1], columns[2], columns[5]]
    table_rows = [
        {"subject": r.subject, "name": r.subject_name, "kind": r.kind if machine else KIND_LABELS.get(r.kind, r.kind),
         "year": r.year, "rating": r.rating, "source": r.source}
        for r in rows
    ]
    return Table(columns, table_rows, title=f"Xếp loại hằng năm ({len(table_rows)})")
