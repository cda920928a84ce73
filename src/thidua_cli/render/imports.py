"""The import batches listing (`thidua imports`)."""

from __future__ import annotations

from thidua_cli.render.tabular import Column, Table


def imports_json(batches) -> dict:
    return {
        "imports": [
            {"id": b.id, "kind": b.kind, "file": b.file, "sheet": b.sheet, "sha256": b.sha256, "rows": b.rows,
             "added": b.added, "at": b.at, "by": b.by, "voided": b.voided, "void_reason": b.void_reason}
            for b in batches
        ]
    }


def _local_time(at: str) -> str:
    """'2021-11-05T01:30:00+00:00' → '05/11/2021 08:30' in the computer's time zone (what the office's clock said)."""
    from datetime import datetime

    try:
        return datetime.fromisoformat(at).astimezone().strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return at


def imports_table(batches, machine: bool = False) -> Table:
    from thidua_cli.services.imports import KIND_LABELS

    columns = [
        Column("id", "Số", "number"), Column("kind", "Loại tệp"), Column("file", "Tệp"),
        *([Column("sheet", "Trang tính")] if machine else []), Column("rows", "Dòng", "number"),
        Column("added", "Đã ghi", "number"), Column("at", "Lúc nhập"), Column("by", "Người nhập"), Column("voided", "Đã huỷ"),
        Column("sha256", "SHA-256" if machine else "SHA-256 (đầu)"),
    ]
    rows = [
        {"id": b.id, "kind": b.kind if machine else KIND_LABELS.get(b.kind, b.kind),
         "file": b.file if machine or not b.sheet else f'{b.file} (trang tính "{b.sheet}")', "sheet": b.sheet or "", "rows": b.rows,
         "added": b.added, "at": b.at if machine else _local_time(b.at), "by": b.by,
         "voided": (b.voided_at or "") if machine else (f"{_local_time(b.voided_at)}: {b.void_reason}" if b.voided else ""),
         "sha256": b.sha256 if machine else b.sha256[:12]}
        for b in batches
    ]
    return Table(columns, rows, title=f"Các lần nhập tệp ({len(rows)})")
