"""Import batches: each file imported is a record (file, SHA-256, rows, when, by whom).

Entries and award history rows carry the id of the batch they came from, so that a wrong
import can be undone as a whole (`void-import`: every live entry of the batch gets a void
record — nothing is deleted) and the same file is recognised when it comes again.
"""

from __future__ import annotations

from thidua_cli.storage.dialect import new_id

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class Batch:
    id: int
    kind: str
    file: str
    sha256: str
    rows: int
    added: int
    at: str
    by: str
    voided_at: str | None
    void_reason: str | None
    voided_by: str | None
    sheet: str | None = None

    @property
    def voided(self) -> bool:
        return self.voided_at is not None


_COLUMNS = "id, kind, file, sha256, rows, added, at, recorded_by, voided_at, void_reason, voided_by, sheet"


def insert_batch(connection: sqlite3.Connection, kind: str, file: str, sha256: str, at: str, by: str,
                 sheet: str | None = None) -> int:
    """A new batch (rows and added filled in by `finish_batch` once the file is read). On a server its number
    is given back if the import fails or is a dry run, so that the next import takes it, as on a file."""
    from thidua_cli.storage.dialect import is_postgres

    if is_postgres(connection):
        from thidua_cli.storage.server_ids import reserve

        batch_id = reserve(connection, "import_batch")
        connection.execute(
            "INSERT INTO import_batch (id, kind, file, sha256, rows, added, at, recorded_by, sheet) "
            "VALUES (?, ?, ?, ?, 0, 0, ?, ?, ?)",
            (batch_id, kind, file, sha256, at, by, sheet),
        )
        return batch_id
    return new_id(connection.execute(
        "INSERT INTO import_batch (kind, file, sha256, rows, added, at, recorded_by, sheet) "
        "VALUES (?, ?, ?, 0, 0, ?, ?, ?) RETURNING id",
        (kind, file, sha256, at, by, sheet),
    ))


def finish_batch(connection: sqlite3.Connection, batch_id: int, rows: int, added: int) -> None:
    connection.execute("UPDATE import_batch SET rows = ?, added = ? WHERE id = ?", (rows, added, batch_id))


def campaign_of_entries(connection: sqlite3.Connection, batch_id: int) -> str | None:
    """The code of the campaign a batch of entries went into (a file of entries goes into one campaign)."""
    row = connection.execute(
        "SELECT c.code FROM entry e JOIN campaign c ON c.id = e.campaign_id WHERE e.import_id = ? LIMIT 1", (batch_id,)
    ).fetchone()
    return row[0] if row else None


def batch_of_file(connection: sqlite3.Connection, kind: str, sha256: str, voided: bool = False,
                  sheet: str | None = None) -> Batch | None:
    """The latest batch that imported a file with this SHA-256 (and this --sheet of it, or none) as this kind: not
    voided, or (`voided`) voided since."""
    row = connection.execute(
        f"SELECT {_COLUMNS} FROM import_batch WHERE kind = ? AND sha256 = ? AND COALESCE(sheet, '') = ? "
        f"AND voided_at IS {'NOT ' if voided else ''}NULL ORDER BY id DESC LIMIT 1",
        (kind, sha256, sheet or ""),
    ).fetchone()
    return Batch(*row) if row else None


def batch(connection: sqlite3.Connection, batch_id: int) -> Batch | None:
    row = connection.execute(f"SELECT {_COLUMNS} FROM import_batch WHERE id = ?", (batch_id,)).fetchone()
    return Batch(*row) if row else None


def batches(connection: sqlite3.Connection) -> list[Batch]:
    return [Batch(*row) for row in connection.execute(f"SELECT {_COLUMNS} FROM import_batch ORDER BY id")]


def live_entry_ids(connection: sqlite3.Connection, batch_id: int) -> list[int]:
    return [
        entry_id
        for (entry_id,) in connection.execute(
            "SELECT e.id FROM entry e WHERE e.import_id = ? AND NOT EXISTS (SELECT 1 FROM void v WHERE v.entry_id = e.id) "
            "ORDER BY e.id",
            (batch_id,),
        )
    ]


def mark_voided(connection: sqlite3.Connection, batch_id: int, at: str, reason: str, by: str) -> None:
    connection.execute(
        "UPDATE import_batch SET voided_at = ?, void_reason = ?, voided_by = ? WHERE id = ?", (at, reason, by, batch_id)
    )
