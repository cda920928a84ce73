"""Opening the ledger file and running transactions on it (stdlib sqlite3).

Design and invariants:
- WAL journal, `synchronous = FULL`, foreign keys on, a 60 s busy timeout:
  readers never wait for writers; writers queue behind each other instead of
  failing. "database is locked" reaches the user only after 60 s of waiting.
- A new ledger is created inside the file itself, under `BEGIN IMMEDIATE`: two
  processes creating the same ledger at once serialise on the SQLite lock, the
  second finds the schema made. A ledger from an older version is backed up
  and migrated in one transaction; one from a newer version is refused.
- Every change goes through `Ledger.write()`: one `BEGIN IMMEDIATE`
  transaction, rolled back on any failure, so a command that fails (or is
  killed, or hits a full disk) leaves the ledger as it was.
- Every SQLite failure a user can meet (busy, read-only, disk full, I/O,
  corrupt file, not a ledger) becomes one Vietnamese `Lỗi:` line
  (`storage_error`).
"""

from __future__ import annotations

import os
import sqlite3
import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from thidua_cli.errors import ThiduaError, system_reason
from thidua_cli.storage import schema

BUSY_TIMEOUT_S = 60
_RETRY_PAUSE_S = 0.05
_LEDGER_SUFFIXES = ("", "-wal", "-shm", "-journal")


class Ledger:
    """One open ledger. Use `write()` for every change: one transaction each."""

    def __init__(self, path: Path, connection: sqlite3.Connection, created: bool, version: int):
        self.path = path
        self.connection = connection
        self.created = created
        self.version = version
        self.migrated_from: tuple[int, Path] | None = None  # (old version, backup) when this open migrated
        self.sealed_on_migration = False  # this open's migration sealed the existing records in the change log
        self.archive_of: str | None = None  # the campaign a read-only archive holds (`db copy … --campaign`)
        self._migrating = False

    @classmethod
    def open(cls, path: str | os.PathLike, create: bool = False, migrate: bool = True) -> "Ledger":
        """Open (or, with `create`, create) the ledger at `path`.

        `migrate=False` opens an older ledger as it is (for `check` and `db` commands, which must not write)."""
        path = Path(path)
        if path.is_dir():
            raise ThiduaError(f"{path} là một thư mục, không phải tệp sổ thi đua", hint="chỉ rõ tệp sổ, ví dụ --db thidua.db")
        existed = path.exists()
        if not existed:
            if not create:
                raise ThiduaError(
                    f"chưa có sổ thi đua tại {path}",
                    hint="nạp một phong trào trước: thidua campaign load TỆP.toml (hoặc chỉ rõ --db)",
                )
            if not path.parent.is_dir():
                raise ThiduaError(f"không có thư mục {path.parent} để tạo sổ thi đua")
        try:
            connection = sqlite3.connect(_uri(path, create), uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as error:
            raise storage_error(path, error, "tạo" if create and not existed else "mở") from error
        created = False
        try:
            created = _prepare(connection, path, create)
            version = schema.schema_version(connection)
        except BaseException as error:
            connection.close()
            if not existed:
                _remove_if_blank(path)
            if isinstance(error, sqlite3.Error):
                raise storage_error(path, error, "tạo" if not existed else "mở") from error
            raise
        if version is None or version < 1:
            connection.close()
            raise ThiduaError(f"tệp {path} không phải sổ thi đua của thidua", hint="chỉ rõ đúng tệp sổ bằng --db")
        if version > schema.SCHEMA_VERSION:
            connection.close()
            raise ThiduaError(
                f"sổ {path} được tạo bởi phiên bản thidua mới hơn (lược đồ {version}, bản này chỉ đọc được đến "
                f"lược đồ {schema.SCHEMA_VERSION}); không mở",
                hint="hãy cập nhật thidua lên bản mới nhất",
            )
        ledger = cls(path, connection, created, version)
        ledger.archive_of = _archived_campaign(connection)
        if version < schema.SCHEMA_VERSION and migrate:
            try:
                ledger._migrate()
            except ThiduaError as error:
                connection.close()
                if isinstance(error.__cause__, sqlite3.Error) and _kind(error.__cause__) == "readonly":
                    raise ThiduaError(
                        f"sổ {path} ở lược đồ {version} cần nâng cấp lên {schema.SCHEMA_VERSION} trước khi dùng, "
                        f"nhưng sổ chỉ đọc; sổ giữ nguyên",
                        hint="cho phép ghi vào tệp sổ và thư mục chứa nó rồi chạy lại (thidua sẽ sao lưu trước khi nâng cấp)",
                    ) from error
                raise
            except BaseException:
                connection.close()
                raise
        return ledger

    def _migrate(self) -> None:
        """Back up, then apply every pending migration in one transaction (one process does it; the others wait)."""
        self._migrating = True  # an archive is read-only, but is brought to this version's schema as any file
        try:
            self._apply_migrations()
        finally:
            self._migrating = False

    def _apply_migrations(self) -> None:
        with self.write() as connection:
            version = schema.schema_version(connection) or 1
            if version >= schema.SCHEMA_VERSION:
                self.version = version
                return
            # fail here, before any backup is made, if the ledger cannot be written
            connection.execute("UPDATE meta SET value = value WHERE key = 'schema_version'")
            target = _free_name(self.path.with_name(f"{self.path.name}.v{version}.bak"))
            try:
                self.backup(target)
            except (OSError, sqlite3.Error) as error:
                detail = system_reason(error) if isinstance(error, OSError) else error
                raise ThiduaError(
                    f"sổ {self.path} cần nâng cấp từ lược đồ {version} lên {schema.SCHEMA_VERSION} nhưng không sao lưu được "
                    f"sang {target} ({detail}); sổ giữ nguyên",
                    hint="kiểm tra quyền ghi và chỗ trống của thư mục chứa sổ",
                ) from error
            try:
                for step in sorted(number for number in schema.MIGRATIONS if version < number <= schema.SCHEMA_VERSION):
                    schema.MIGRATIONS[step](connection)
                connection.execute(
                    "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(schema.SCHEMA_VERSION),)
                )
            except sqlite3.Error as error:
                raise ThiduaError(
                    f"không nâng cấp được sổ {self.path} từ lược đồ {version} lên {schema.SCHEMA_VERSION} ({error}); "
                    f"sổ giữ nguyên, bản sao lưu ở {target}"
                ) from error
            self.version = schema.SCHEMA_VERSION
            self.migrated_from = (version, target)
            self.sealed_on_migration = version < 12 <= schema.SCHEMA_VERSION

    def backup(self, target: Path) -> None:
        """A consistent copy of the committed ledger, as one self-contained file, written atomically.

        Reads through its own connection, so it works while this one holds a write transaction and
        never blocks other writers (WAL)."""
        target = Path(target)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        source = sqlite3.connect(_uri(self.path, False), uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            destination = sqlite3.connect(str(temporary))
            try:
                source.backup(destination)
                destination.execute("PRAGMA journal_mode = DELETE")
            finally:
                destination.close()
            with open(temporary, "rb+") as written:
                os.fsync(written.fileno())
            os.replace(temporary, target)
            from thidua_cli.files import sync_folder

            sync_folder(target.parent)
        except BaseException:
            for suffix in _LEDGER_SUFFIXES:
                Path(str(temporary) + suffix).unlink(missing_ok=True)
            raise
        finally:
            source.close()

    @contextmanager
    def write(self, record_changes: bool = True):
        """One write transaction; waits for other writers (up to 60 s) instead of failing.

        Any failure inside rolls everything back; SQLite failures become one `Lỗi:` line. Its changes to
        the records that decide awards are appended to the change log, unless `record_changes` is False
        (a verbatim copy of a whole ledger, which brings its own change log)."""
        connection = self.connection
        if self.archive_of is not None and not self._migrating:
            raise archive_refusal(self.path, self.archive_of)
        try:
            _begin_immediate(connection)
        except sqlite3.Error as error:
            raise storage_error(self.path, error) from error
        try:
            from thidua_cli.storage.changelog import recording

            with recording(connection, record_changes):
                yield connection
            connection.execute("COMMIT")
        except sqlite3.Error as error:
            _rollback(connection)
            raise storage_error(self.path, error) from error
        except BaseException:
            _rollback(connection)
            raise

    def query(self, sql: str, parameters: tuple | dict = ()) -> list[sqlite3.Row]:
        return self.connection.execute(sql, parameters).fetchall()

    def is_blank(self) -> bool:
        """True when the ledger holds nothing but its schema (safe to remove)."""
        tables = [row[0] for row in self.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'meta'")]
        return all(self.connection.execute(f'SELECT 1 FROM "{name}" LIMIT 1').fetchone() is None for name in tables)

    def close(self) -> None:
        self.connection.close()


def _archived_campaign(connection: sqlite3.Connection) -> str | None:
    from thidua_cli.storage.dialect import archived_campaign

    try:
        return archived_campaign(connection)
    except sqlite3.Error:  # a file being created has no meta yet
        return None


def archive_refusal(path, code: str) -> ThiduaError:
    """What every write to one campaign's read-only archive (`db copy … --campaign`) is told."""
    return ThiduaError(f"sổ {path} là bản lưu trữ riêng phong trào {code}, chỉ để đọc; không ghi gì",
                       hint="ghi vào sổ gốc (tệp của văn phòng hoặc máy chủ của tỉnh)")


def _uri(path: Path, create: bool) -> str:
    """A file: URI, so that opening an existing ledger never creates an empty file by mistake."""
    return f"{path.resolve().as_uri()}?mode={'rwc' if create else 'rw'}"


def _prepare(connection: sqlite3.Connection, path: Path, create: bool) -> bool:
    """Pragmas, WAL, and the schema when the file is new. Returns True when this call created the schema."""
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
    connection.execute("PRAGMA foreign_keys = ON")
    created = False
    if not schema.has_tables(connection):
        if not create:
            if path.stat().st_size == 0:
                raise ThiduaError(f"tệp sổ {path} trống, chưa có dữ liệu", hint="nạp một phong trào trước: thidua campaign load TỆP.toml")
            raise ThiduaError(f"tệp {path} không phải sổ thi đua của thidua", hint="chỉ rõ đúng tệp sổ bằng --db")
        _use_wal(connection)
        _begin_immediate(connection)
        try:
            if not schema.has_tables(connection):  # another process may have created it while we waited
                schema.create_schema(connection)
                created = True
            connection.execute("COMMIT")
        except BaseException:
            _rollback(connection)
            raise
    else:
        if schema.schema_version(connection) is None:
            # someone else's SQLite file: do not even switch its journal mode
            raise ThiduaError(f"tệp {path} không phải sổ thi đua của thidua", hint="chỉ rõ đúng tệp sổ bằng --db")
        _use_wal(connection)
    connection.execute("PRAGMA synchronous = FULL")
    return created


def _use_wal(connection: sqlite3.Connection) -> None:
    """Switch to WAL (persistent in the file). Changing the journal mode may report busy without waiting: retry."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            if connection.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                connection.execute("PRAGMA journal_mode = WAL").fetchone()
            return
        except sqlite3.OperationalError as error:
            if _is_busy(error) and time.monotonic() < deadline:
                time.sleep(_RETRY_PAUSE_S)
                continue
            if _kind(error) == "readonly":
                return  # a read-only ledger can still be read
            raise


def _begin_immediate(connection: sqlite3.Connection) -> None:
    """BEGIN IMMEDIATE, waiting for other writers. The busy timeout does the waiting; a few cases
    (a stale WAL snapshot) report busy at once, so retry until the same deadline."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            connection.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as error:
            if _is_busy(error) and time.monotonic() < deadline:
                time.sleep(_RETRY_PAUSE_S)
                continue
            raise


def _rollback(connection: sqlite3.Connection) -> None:
    """Roll back if a transaction is still open (SQLite may already have rolled back after a full disk)."""
    try:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
    except sqlite3.Error:
        pass


def _is_busy(error: sqlite3.Error) -> bool:
    return _kind(error) == "busy"


def _kind(error: sqlite3.Error) -> str:
    """Classify a SQLite error by its result code (Python ≥ 3.11), falling back on the message."""
    name = getattr(error, "sqlite_errorname", "") or ""
    text = str(error).lower()
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in text or "database table is locked" in text:
        return "busy"
    if name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text:
        return "readonly"
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return "full"
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        return "io"
    if name.startswith("SQLITE_NOTADB") or "not a database" in text:
        return "notadb"
    if name.startswith("SQLITE_CORRUPT") or "malformed" in text:
        return "corrupt"
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")) or "unable to open" in text:
        return "cantopen"
    return "other"


def error_kind(error: sqlite3.Error) -> str:
    """busy, readonly, full, io, notadb, corrupt, cantopen or other."""
    return _kind(error)


def is_environmental(error: sqlite3.Error) -> bool:
    """A failure of the file or the disk, not of thidua's own SQL."""
    return _kind(error) != "other"


def storage_error(path: Path, error: sqlite3.Error, action: str = "ghi") -> ThiduaError:
    """One Vietnamese line for a SQLite failure; any transaction has been rolled back.

    `action` is the verb: ghi, đọc, mở, tạo."""
    kind = _kind(error)
    unchanged = "sổ giữ nguyên như trước"
    if kind == "busy":
        return ThiduaError(
            f"sổ {path} bận quá {BUSY_TIMEOUT_S} giây (một lệnh khác đang ghi hoặc giữ khoá); chưa ghi gì",
            hint="thử lại sau ít phút; nếu vẫn bận, kiểm tra chương trình nào đang mở sổ",
        )
    if kind == "readonly":
        return ThiduaError(
            f"sổ {path} chỉ đọc, không {action} được; {unchanged}",
            hint=f"kiểm tra quyền ghi của tệp sổ và của thư mục chứa nó (SQLite cần tạo tệp {path.name}-wal và "
            f"{path.name}-shm bên cạnh sổ)",
        )
    if kind == "full":
        return ThiduaError(
            f"đĩa đầy, không {action} được sổ {path}; {unchanged}", hint="giải phóng chỗ trống trên đĩa rồi chạy lại lệnh"
        )
    if kind == "io":
        return ThiduaError(
            f"lỗi đọc/ghi đĩa, không {action} được sổ {path} ({error}); {unchanged}",
            hint="kiểm tra chỗ trống trên đĩa, ổ USB hoặc ổ mạng, rồi chạy: thidua check",
        )
    if kind == "notadb":
        return ThiduaError(f"tệp {path} không phải sổ thi đua (không phải tệp SQLite)", hint="chỉ rõ đúng tệp sổ bằng --db")
    if kind == "corrupt":
        return ThiduaError(
            f"sổ {path} bị hỏng ({error})", hint="chạy thidua check để xem chi tiết; khôi phục từ bản sao lưu gần nhất"
        )
    if kind == "cantopen":
        folder = path.parent if str(path.parent) not in ("", ".") else Path.cwd()
        return ThiduaError(
            f"không {action} được sổ {path}: không có quyền truy cập tệp, hoặc thư mục {folder} không cho ghi",
            hint=f"kiểm tra quyền của tệp sổ và thư mục chứa nó (SQLite cần tạo tệp {path.name}-wal và {path.name}-shm bên cạnh sổ)",
        )
    return ThiduaError(f"không {action} được sổ {path} ({error}); {unchanged}")


def _free_name(path: Path) -> Path:
    if not path.exists():
        return path
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.stem}-{stamp}{path.suffix}")
    number = 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem}-{stamp}-{number}{path.suffix}")
    return candidate


def _remove_if_blank(path: Path) -> None:
    """After a failed creation: remove the file we made, unless another process filled it meanwhile."""
    try:
        connection = sqlite3.connect(_uri(path, False), uri=True, timeout=1)
        try:
            blank = not schema.has_tables(connection)
        finally:
            connection.close()
    except sqlite3.Error:
        blank = path.exists() and path.stat().st_size == 0
    if blank:
        remove_ledger_files(path)


def remove_ledger_files(path: Path) -> None:
    for suffix in _LEDGER_SUFFIXES:
        Path(str(path) + suffix).unlink(missing_ok=True)


def discard_new_ledger(ledger: Ledger) -> None:
    """A command that created the ledger and then failed leaves nothing behind —
    unless another process has already put data into it."""
    try:
        blank = ledger.is_blank()
    except sqlite3.Error:
        blank = False
    ledger.close()
    if blank:
        remove_ledger_files(ledger.path)
