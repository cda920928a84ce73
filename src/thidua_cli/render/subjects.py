"""Subject listings, built row by row from a streamed `SubjectListing`."""

from __future__ import annotations

from collections.abc import Iterator

from thidua_cli.domain.models import KIND_LABELS, Subject
from thidua_cli.render.tabular import Column, Table, json_number


def subject_item(s: Subject) -> dict:
    """One subject as `subject list --format json` prints it."""
    return {
        "code": s.code, "name": s.name, "kind": s.kind, "unit": s.unit, "position": s.position, "gender": s.gender,
        "female_percent": None if s.female_percent is None else json_number(s.female_percent),
        "blocked": s.blocked, "block_reason": s.block_reason,
    }


def subjects_json_items(listing) -> Iterator[dict]:
    return (subject_item(s) for s in listing.rows())


def subjects_table(listing) -> Table:
    columns = [Column("code", "Mã"), Column("name", "Họ và tên / Tập thể"), Column("kind", "Loại"), Column("unit", "Đơn vị"),
               Column("position", "Chức vụ"), Column("gender", "Giới tính"), Column("female_percent", "Tỷ lệ nữ (%)", "number"),
               Column("blocked", "Tạm dừng xét khen")]
    rows = (
        {"code": s.code, "name": s.name, "kind": KIND_LABELS[s.kind], "unit": s.unit, "position": s.position,
         "gender": s.gender, "female_percent": s.female_percent, "blocked": s.block_reason if s.blocked else None}
        for s in listing.rows()
    )
    return Table(columns, rows, title=f"Đối tượng thi đua ({listing.count})")
