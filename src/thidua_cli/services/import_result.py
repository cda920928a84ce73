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

    def close_reading(self, filename: str, path, errors: list, notes, added: int) -> None:
        """Every row read: refuse the file naming each bad row, or one without data rows; else count what will be
        written and take the reader's warnings (columns left out, hidden sheets …)."""
        from thidua_cli.errors import FileRowsError, ThiduaError

        if errors:
            raise FileRowsError(filename, errors, path, notes.refusal_hint())
        if self.rows == 0:
            raise ThiduaError(f"tệp {filename} không có dòng dữ liệu nào")
        self.added = added
        self.warnings.extend(notes.warnings())


def taken_from_option(rows_given: list[str], rows: int, words: str) -> str:
    """The warning for the rows whose empty cell an option filled ("2 dòng không ghi năm, lấy năm 2025 theo
    --year"): which rows, unless it is every row of the file."""
    if len(rows_given) == rows:
        return f"{len(rows_given)} dòng {words}"
    more = f"; … và {len(rows_given) - 5} dòng khác" if len(rows_given) > 5 else ""
    return f"{len(rows_given)} dòng {words}: " + "; ".join(rows_given[:5]) + more
