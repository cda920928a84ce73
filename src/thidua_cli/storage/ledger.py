"""Opening the ledger file and running transactions on it (stdlib sqlite3)."""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from thidua_cli.errors import ThiduaError
from thidua_cli.storage import schema

BUSY_TIMEOUT_MS = 60_000


class Ledger:
    """One open ledger. Use `write()` for every change: one transaction each."""

    def __init__(self, path: Path, connection: sqlite3.Connection, created: bool):
        self.path = path
        self.connection = connection
        self.created = created

    @classmethod
    def open(cls, path: str | os.PathLike, create: bool = False) -> "Ledger":
        path = Path(path)
        created = False
        if not path.exists():
            if not create:
                raise ThiduaError(
                    f"chưa có sổ thi đua tại {path}",
                    hint="nạp một phong trào trước: thidua campaign load TỆP.toml (hoặc chỉ rõ --db)",
                )
            if not path.parent.exists():
                raise ThiduaError(f"không có thư mục {path.parent} để tạo sổ thi đua")
            try:
                schema.create_schema(str(path))
            except Exception as error:  # noqa: BLE001 - any failure here must leave no file behind
                _remove_ledger_files(path)
                raise ThiduaError(f"không tạo được sổ thi đua tại {path}: {error}") from error
            created = True
        try:
            connection = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            connection.execute("PRAGMA foreign_keys = ON")
            mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
            if mode.lower() != "wal":
                try:
                    connection.execute("PRAGMA journal_mode = WAL")
                except sqlite3.OperationalError:
                    pass  # a read-only ledger can still be read
            connection.execute("PRAGMA synchronous = FULL")
            version = schema.schema_version(connection)
        except sqlite3.DatabaseError as error:
            raise ThiduaError(f"tệp {path} không phải sổ thi đua (SQLite) hợp lệ: {error}") from None
        if version is None:
            connection.close()
            raise ThiduaError(f"tệp {path} không phải sổ thi đua của thidua")
        if version > schema.SCHEMA_VERSION:
            connection.close()
            raise ThiduaError(
                f"sổ {path} được tạo bởi phiên bản thidua mới hơn (lược đồ {version}, bản này hiểu đến {schema.SCHEMA_VERSION})",
                hint="hãy cập nhật thidua",
            )
        ledger = cls(path, connection, created)
        if version < schema.SCHEMA_VERSION:
            ledger._migrate(version)
        return ledger

    def _migrate(self, version: int) -> None:
        backup = self.path.with_name(f"{self.path.name}.v{version}.bak")
        self.backup(backup)
        with self.write() as connection:
            for target in range(version + 1, schema.SCHEMA_VERSION + 1):
                schema.MIGRATIONS[target](connection)
                connection.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(target),))

    def backup(self, target: Path) -> None:
        destination = sqlite3.connect(str(target))
        try:
            self.connection.backup(destination)
        finally:
            destination.close()

    @contextmanager
    def write(self):
        """One write transaction; waits for other writers instead of failing."""
        connection = self.connection
        try:
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise _storage_error(self.path, error) from None
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        try:
            connection.execute("COMMIT")
        except sqlite3.OperationalError as error:
            connection.execute("ROLLBACK")
            raise _storage_error(self.path, error) from None

    def query(self, sql: str, parameters: tuple | dict = ()) -> list[sqlite3.Row]:
        return self.connection.execute(sql, parameters).fetchall()

    def close(self) -> None:
        self.connection.close()


def _storage_error(path: Path, error: sqlite3.OperationalError) -> ThiduaError:
    text = str(error).lower()
    if "readonly" in text or "read-only" in text:
        return ThiduaError(f"sổ {path} chỉ đọc, không ghi được", hint="kiểm tra quyền ghi của tệp và thư mục")
    if "full" in text:
        return ThiduaError(f"đĩa đầy, không ghi được vào sổ {path}; sổ vẫn giữ nguyên như trước")
    if "locked" in text or "busy" in text:
        return ThiduaError(f"sổ {path} đang bận quá lâu (người khác đang ghi)", hint="thử lại sau ít phút")
    return ThiduaError(f"không ghi được vào sổ {path}: {error}")


def _remove_ledger_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        candidate = Path(str(path) + suffix)
        if candidate.exists():
            candidate.unlink()


def discard_new_ledger(path: Path) -> None:
    """A command that created the ledger and then failed leaves nothing behind."""
    _remove_ledger_files(path)


def copy_file(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
