"""The one exception family the CLI turns into a `Lỗi: …` line.

Domain and service code raise these with a Vietnamese message that names the
record and field at fault; the CLI prints them on one line and exits 1 (or 2
for usage errors). Nothing else should reach the user as a traceback.
"""

from __future__ import annotations

import re

_COLUMN_LETTER = re.compile("[A-Z]{1,3}")  # a spreadsheet column as Excel names it


class ThiduaError(Exception):
    """A request that was understood but cannot be done (exit 1)."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None, details: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.details = details or []


class UsageError(ThiduaError):
    """The command line itself is wrong (exit 2)."""

    exit_code = 2


class NotFound(ThiduaError):
    pass


class InvalidData(ThiduaError):
    pass


class RowError(Exception):
    """One bad cell of an input file; collected, never raised to the user alone."""

    def __init__(self, where: str, column: str, value: object, reason: str):
        super().__init__(reason)
        self.where = where
        self.column = column
        self.value = value
        self.reason = reason

    def describe(self) -> str:
        """`dòng 14, cột "points": …` (CSV: the column's name) or `…, dòng 14, cột D: …` (XLSX: its letter)."""
        where = self.where
        value = "" if self.value is None else str(self.value)
        if self.column:
            column = self.column if _COLUMN_LETTER.fullmatch(self.column) else f'"{self.column}"'
            return f'{where}, cột {column}: "{value}" {self.reason}'
        return f"{where}: {self.reason}"


class FileRowsError(ThiduaError):
    """Every bad row of an input file, reported together."""

    def __init__(self, filename: str, errors: list[RowError]):
        rows = len({e.where for e in errors})
        problems = f" ({len(errors)} lỗi)" if len(errors) != rows else ""
        first = errors[0].describe() if errors else ""
        message = f"tệp {filename} có {rows} dòng lỗi{problems}, chưa ghi gì vào sổ — {first}"
        super().__init__(message, details=[e.describe() for e in errors[1:]])
        self.errors = errors
