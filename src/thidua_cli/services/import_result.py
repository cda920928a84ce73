"""What every import of a file reports (subjects, award history, ratings, registrations)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FileImport:
    rows: int = 0  # data rows read
    added: int = 0  # records written
    duplicates: int = 0  # rows already in the ledger, skipped
    dry_run: bool = False
    converted: list[str] = field(default_factory=list)  # cells converted from TCVN3/VNI
    warnings: list[str] = field(default_factory=list)  # columns nothing uses, hidden sheets …
    batch: int | None = None  # the import batch written
    skipped: str | None = None  # the same file was imported before: what to tell
