"""Subjects' details (`subject.details`, JSON: domain.models.SUBJECT_DETAIL_FIELDS) for the báo cáo thành tích.

The one place the dossier reads the column; `subject_from_row` leaves `details`
empty for speed. (The imports branch adds `storage.subjects.subject_details`
for one subject; this reads the few subjects of a round at once.)
"""

from __future__ import annotations

import json
import sqlite3

from thidua_cli.domain.models import SUBJECT_DETAIL_FIELDS


def details_by_id(connection: sqlite3.Connection, subject_ids: list[int]) -> dict[int, dict]:
    """Subject id → its details (known keys only, values as text); subjects without details are left out."""
    found: dict[int, dict] = {}
    for start in range(0, len(subject_ids), 500):
        chunk = subject_ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        for subject_id, text in connection.execute(f"SELECT id, details FROM subject WHERE id IN ({marks})", chunk):
            try:
                data = json.loads(text or "{}")
            except ValueError:
                continue
            kept = {key: str(value).strip() for key, value in data.items() if key in SUBJECT_DETAIL_FIELDS and str(value).strip()} \
                if isinstance(data, dict) else {}
            if kept:
                found[subject_id] = kept
    return found
