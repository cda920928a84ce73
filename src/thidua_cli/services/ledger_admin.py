"""`thidua db path | status | backup | upgrade`: where the ledger is, what it holds, a consistent copy of it,
its schema brought to this version."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from thidua_cli.errors import ThiduaError, system_reason
from thidua_cli.services.ledger_session import session_for
from thidua_cli.services.session import ledger_path

# key in JSON -> (table, Vietnamese label); the awards are those in force, as `awards` lists them, the rows of
# a decision corrected since (`decision correct`, `awards --include-corrected`) apart: they count nowhere
COUNTED = {
    "campaigns": ("campaign", "Phong trào"),
    "subjects": ("subject", "Đối tượng"),
    "entries": ("entry", "Mục ghi"),
    "voids": ("void", "Mục đã huỷ"),
    "rounds": ("round", "Đợt xét khen thưởng"),
    "awards": ("award_history", "Khen thưởng đã ghi nhận"),
    "corrected_awards": ("award_history", "Khen thưởng theo quyết định đã được sửa (không còn tính)"),
}
HISTORY_COUNTS = ("awards", "corrected_awards")


def ledger_counts(connection, tables: set[str] | None = None) -> dict[str, int]:
    """`COUNTED` of a ledger: `tables` those a server's has; None for a file, whose missing tables (a ledger of an
    older schema, read before its upgrade) count 0."""
    from thidua_cli.storage.history import count_in_force

    def count(sql: str, needs: tuple[str, ...]):
        if tables is not None:
            return connection.execute(sql).fetchone() if all(t in tables for t in needs) else None
        try:
            return connection.execute(sql).fetchone()
        except sqlite3.OperationalError:
            return None

    counts = {}
    for key, (table, _) in COUNTED.items():
        if key not in HISTORY_COUNTS:
            found = count(f'SELECT COUNT(*) FROM "{table}"', (table,))
            counts[key] = found[0] if found else 0
    in_force = None
    if tables is None or {"award_history", "decision"} <= tables:
        try:
            in_force = count_in_force(connection)
        except sqlite3.OperationalError:  # a file older than corrected decisions: every row is in force
            pass
    if in_force is None:
        found = count('SELECT COUNT(*) FROM "award_history"', ("award_history",))
        in_force = (found[0] if found else 0, 0)
    counts["awards"], counts["corrected_awards"] = in_force
    return {key: counts[key] for key in COUNTED}


def ledger_location(db: str | None) -> Path:
    return Path(os.path.abspath(ledger_path(db)))


def ledger_size(path: Path) -> int:
    """Bytes on disk: the ledger and its write-ahead log."""
    return sum(Path(str(path) + suffix).stat().st_size for suffix in ("", "-wal") if Path(str(path) + suffix).exists())


@dataclass(frozen=True)
class LedgerStatus:
    path: Path
    size: int
    schema_version: int
    schema_current: int
    journal_mode: str
    counts: dict[str, int]
    last_entry_at: str | None
    archive_of: str | None = None  # the one campaign a read-only archive holds (`db copy … --campaign`)


def ledger_status(db: str | None) -> LedgerStatus:
    from thidua_cli.storage.schema import SCHEMA_VERSION

    with session_for(db, migrate=False) as session:
        connection = session.connection
        counts = ledger_counts(connection)
        last = connection.execute("SELECT recorded_at FROM entry ORDER BY id DESC LIMIT 1").fetchone()
        mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
        return LedgerStatus(
            path=ledger_location(db), size=ledger_size(ledger_path(db)), schema_version=session.ledger.version,
            schema_current=SCHEMA_VERSION, journal_mode=mode, counts=counts, last_entry_at=last[0] if last else None,
            archive_of=session.ledger.archive_of,
        )


@dataclass(frozen=True)
class BackupResult:
    source: Path
    target: Path
    size: int
    entries: int


def backup_ledger(db: str | None, target: str, force: bool = False) -> BackupResult:
    """An online, consistent copy (SQLite backup API) as one self-contained file; never half-written."""
    destination = Path(target)
    from thidua_cli.services.session import ledger_target

    if isinstance(ledger_target(db), str):
        return _backup_server(db, destination, force)
    source = ledger_path(db)
    if destination.is_dir():
        raise ThiduaError(f"{target} là một thư mục; hãy ghi tên tệp sao lưu, ví dụ {destination / 'thidua-sao-luu.db'}")
    if not destination.parent.is_dir():
        raise ThiduaError(f"không có thư mục {destination.parent} để ghi bản sao lưu")
    if source.exists() and destination.exists() and os.path.samefile(source, destination):
        raise ThiduaError(f"bản sao lưu không thể ghi đè chính sổ {source}")
    if destination.exists() and not force:
        raise ThiduaError(f"tệp {target} đã có; không ghi đè", hint="chọn tên khác, hoặc thêm --force để ghi đè")
    with session_for(db, migrate=False) as session:
        try:
            session.ledger.backup(destination)
        except OSError as error:
            raise ThiduaError(f"không ghi được bản sao lưu {target}: {system_reason(error)}") from error
        except sqlite3.Error as error:
            from thidua_cli.storage.ledger import error_kind

            why = "đĩa đầy" if error_kind(error) == "full" else str(error)
            raise ThiduaError(
                f"không ghi được bản sao lưu {target} ({why}); sổ không thay đổi",
                hint="kiểm tra chỗ trống và quyền ghi của thư mục đích",
            ) from error
        entries = session.connection.execute("SELECT COUNT(*) FROM entry").fetchone()[0]
    return BackupResult(ledger_location(db), destination, destination.stat().st_size, entries)


def _backup_server(db: str | None, destination: Path, force: bool) -> BackupResult:
    """A ledger on a PostgreSQL server, backed up as one SQLite file (`db copy`), written atomically."""
    import tempfile

    from thidua_cli.services.session import ledger_target
    from thidua_cli.storage.engine_copy import copy_ledger

    url = ledger_target(db)
    if destination.is_dir():
        raise ThiduaError(f"{destination} là một thư mục; hãy ghi tên tệp sao lưu, ví dụ {destination / 'thidua-sao-luu.db'}")
    if not destination.parent.is_dir():
        raise ThiduaError(f"không có thư mục {destination.parent} để ghi bản sao lưu")
    if destination.exists() and not force:
        raise ThiduaError(f"tệp {destination} đã có; không ghi đè", hint="chọn tên khác, hoặc thêm --force để ghi đè")
    scratch = Path(tempfile.mkdtemp(prefix=".sao-luu-", dir=destination.parent)) / destination.name
    try:
        result = copy_ledger(url, scratch)
        os.replace(scratch, destination)
    finally:
        for leftover in scratch.parent.glob("*"):
            leftover.unlink()
        scratch.parent.rmdir()
    from thidua_cli.storage.postgres import shown

    return BackupResult(shown(url), destination, destination.stat().st_size, result.rows.get("entry", 0))


def upgrade_ledger(db: str | None) -> tuple[int, int]:
    """(schema version before, after): the ledger brought to this version's schema (backed up first on a file,
    in one transaction on a server; `session_for` says so), or left as it is when it is already there."""
    from thidua_cli.services.session import open_ledger

    before = open_ledger(db, migrate=False)
    version = before.version
    before.close()
    with session_for(db) as session:
        return version, session.ledger.version
