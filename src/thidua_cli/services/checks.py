"""Running `thidua check` over one ledger: every check in `domain.checks`, in order, never stopping early."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from thidua_cli.domain.checks import ERROR, Problem, checks
from thidua_cli.errors import ThiduaError
from thidua_cli.services.ledger_session import session_for
from thidua_cli.services.session import ledger_target
from thidua_cli.storage.ledger import error_kind


@dataclass(frozen=True)
class CheckReport:
    path: Path | str  # the file, or the server URL as shown
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == ERROR]

    @property
    def ok(self) -> bool:
        return not self.errors


def check_ledger(db: str | None, quick: bool = False, warnings: bool = True) -> CheckReport:
    """Run every check, read-only (an older ledger is not migrated by checking it); without
    `warnings`, the checks that can only warn are not run at all.

    SQLite's integrity check runs in the background from the start and is collected last, so it
    overlaps the hash-chain pass; problems are still reported in the order of the list."""
    target = ledger_target(db)
    if isinstance(target, str):
        return _check_open_ledger(db, target, quick, warnings)
    path = target
    try:
        return _check_open_ledger(db, path, quick, warnings)
    except ThiduaError as error:
        cause = error.__cause__
        if isinstance(cause, sqlite3.DatabaseError) and error_kind(cause) == "corrupt":
            # Too damaged to open as a ledger: what SQLite itself can still say is the report.
            return CheckReport(path, _raw_integrity(path))
        raise


def _raw_integrity(path: Path) -> list[Problem]:
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            messages = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        return [Problem("sqlite", "ledger", f"tệp sổ hỏng, SQLite không đọc được ({error})")]
    problems = [Problem("sqlite", "ledger", f"tệp sổ hỏng (SQLite integrity_check): {m}") for m in messages[:20] if m != "ok"]
    return problems or [Problem("sqlite", "ledger", "tệp sổ hỏng: không mở được như một sổ thi đua")]


def _check_open_ledger(db: str | None, path: Path | str, quick: bool, warnings: bool) -> CheckReport:
    from thidua_cli.storage.integrity import ServerFacts, SqliteFacts
    from thidua_cli.storage.schema import SCHEMA_VERSION

    with session_for(db, migrate=False) as session:
        if isinstance(path, str):
            facts = ServerFacts(session.connection)
            path = session.ledger.path
        else:
            facts = SqliteFacts(session.connection, str(path), quick=quick)
        ordered = [check for check in checks(SCHEMA_VERSION) if warnings or not check.warns_only]
        found: dict[str, list[Problem]] = {}
        for check in sorted(ordered, key=lambda c: c.name == "sqlite"):
            problems: list[Problem] = found.setdefault(check.name, [])
            try:
                for problem in check.run(facts):
                    problems.append(problem)
            except sqlite3.DatabaseError as error:
                # A damaged file can make a later check unreadable: report it and go on.
                problems.append(Problem(check.name, "ledger", f"không chạy được kiểm tra {check.title}: {error}"))
        return CheckReport(path, [p for check in ordered for p in found[check.name]])
