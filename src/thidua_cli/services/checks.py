"""Running `thidua check` over one ledger: every check in `domain.checks`, in order, never stopping early."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from thidua_cli.domain.checks import ERROR, Problem, checks
from thidua_cli.services.ledger_session import session_for
from thidua_cli.services.session import ledger_path


@dataclass(frozen=True)
class CheckReport:
    path: Path
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == ERROR]

    @property
    def ok(self) -> bool:
        return not self.errors


def check_ledger(db: str | None, quick: bool = False) -> CheckReport:
    """Run every check, read-only (an older ledger is not migrated by checking it).

    SQLite's integrity check runs in the background from the start and is collected last, so it
    overlaps the hash-chain pass; problems are still reported in the order of the list."""
    from thidua_cli.storage.integrity import SqliteFacts
    from thidua_cli.storage.schema import SCHEMA_VERSION

    path = ledger_path(db)
    with session_for(db, migrate=False) as session:
        facts = SqliteFacts(session.connection, str(path), quick=quick)
        ordered = checks(SCHEMA_VERSION)
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
