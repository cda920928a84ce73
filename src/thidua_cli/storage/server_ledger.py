"""A ledger held by a PostgreSQL server: the same `Ledger` interface as a SQLite file.

Design and invariants:
- One connection per command, in autocommit mode; `write()` is one `BEGIN … COMMIT` transaction,
  rolled back on any failure (a dropped connection rolls back on the server by itself), so a failed
  command changes nothing, exactly as on SQLite.
- Writers of one agency queue behind each other on that agency's advisory lock, taken first in
  every write transaction, as `BEGIN IMMEDIATE` makes an office's writers queue on its SQLite file;
  writers of different agencies do not wait for each other (from schema version 15 ids come from
  sequences and each campaign chain has its own lock: `storage.server_ids`, `storage.chains`).
  A role that reads every agency (the owner, the province) writes alone: it takes the ledger's lock
  that every office writer holds shared. Readers never wait.
- A database without the schema is given one by a command that creates a ledger (as a missing
  file is), under the same lock, so that two processes creating it at once make it once.
- A schema newer than this version is refused; an older one is migrated in the same transaction
  as its check (DDL is transactional on PostgreSQL, so no backup file is needed).
- Every server failure a user can meet becomes one Vietnamese `Lỗi:` line (`server_error`).
"""

from __future__ import annotations

import re

from contextlib import contextmanager

from thidua_cli.errors import ThiduaError
from thidua_cli.storage import postgres, schema
from thidua_cli.storage.pg_connection import PgConnection

# pg_advisory_xact_lock key of the ledger's writers ("thidua" in ASCII): an office's writers hold it
# shared, with their agency's own lock (AGENCY_LOCK, agency id); everyone else holds it alone
WRITE_LOCK = 0x746869647561
AGENCY_LOCK = 0x74686961


class ServerLedger:
    """One open ledger on a PostgreSQL server. Use `write()` for every change: one transaction each."""

    engine = "postgresql"

    def __init__(self, url: str, connection: PgConnection, created: bool, version: int):
        self.url = url
        self.path = postgres.shown(url)  # how messages name the ledger
        self.connection = connection
        self.created = created
        self.version = version
        self.migrated_from: tuple[int, str] | None = None
        self.sealed_on_migration = False
        self._agency_lock: tuple[int, ...] | None = None

    @classmethod
    def open(cls, url: str, create: bool = False, migrate: bool = True) -> "ServerLedger":
        raw = postgres.connect(url)
        raw.autocommit = True
        connection = PgConnection(raw, url)
        try:
            created = False
            version = postgres.schema_version(connection)
            if version is None:
                if not create:
                    raise ThiduaError(
                        f"cơ sở dữ liệu {postgres.shown(url)} chưa có sổ thi đua (chưa có lược đồ của thidua)",
                        hint="tạo lược đồ: thidua --db URL db init (hoặc nạp một phong trào: thidua campaign load TỆP.toml)",
                    )
                created = _create(connection, url)
                version = schema.SCHEMA_VERSION
            postgres.refuse_newer(url, version)
            ledger = cls(url, connection, created, version)
            if version < schema.SCHEMA_VERSION and migrate:
                if not postgres.administers(connection):
                    # an office's role cannot change the schema: said, rather than "không có quyền ghi phần này"
                    raise ThiduaError(
                        f"sổ PostgreSQL {postgres.shown(url)} ở lược đồ {version}, bản thidua này dùng lược đồ "
                        f"{schema.SCHEMA_VERSION}: quản trị sổ cần nâng cấp trước; sổ giữ nguyên như trước",
                        hint="vai trò quản trị chạy: thidua --db URL db upgrade",
                    )
                ledger._migrate()
            return ledger
        except BaseException as error:
            connection.close()
            if postgres.is_driver_error(error):
                raise server_error(url, error, "mở") from error
            raise

    def _migrate(self) -> None:
        with self.write() as connection:
            version = postgres.schema_version(connection) or schema.SCHEMA_VERSION
            if version >= schema.SCHEMA_VERSION:
                self.version = version
                return
            old = version
            for step in sorted(number for number in schema.MIGRATIONS if version < number <= schema.SCHEMA_VERSION):
                if step <= 12:
                    raise ThiduaError(
                        f"sổ PostgreSQL {self.path} ở lược đồ {version}, quá cũ để nâng cấp trên máy chủ",
                        hint="chép về tệp SQLite, mở bằng bản này để nâng cấp, rồi chép lên một cơ sở dữ liệu trống (thidua db copy)",
                    )
                schema.MIGRATIONS[step](connection)
            connection.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(schema.SCHEMA_VERSION),))
            self.version = schema.SCHEMA_VERSION
            self.migrated_from = (old, "(không cần: PostgreSQL nâng cấp trong một giao dịch)")

    @contextmanager
    def write(self, record_changes: bool = True):
        """One write transaction, after every earlier writer (the advisory lock); any failure rolls it back."""
        from thidua_cli.storage import server_ids

        connection = self.connection
        try:
            connection.execute("BEGIN")
            agency = self._writers_agency()
            if agency is None:
                connection.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
            else:
                connection.execute("SELECT pg_advisory_xact_lock_shared(?), pg_advisory_xact_lock(?, ?)",
                                   (WRITE_LOCK, AGENCY_LOCK, agency))
        except BaseException as error:
            postgres.rollback_quietly_autocommit(connection)
            if postgres.is_driver_error(error):
                raise server_error(self.url, error) from error
            raise
        try:
            from thidua_cli.storage.changelog import recording

            with recording(connection, record_changes):
                yield connection
            connection.execute("COMMIT")
            server_ids.forget_reservations(connection)
        except BaseException as error:
            postgres.rollback_quietly_autocommit(connection)
            server_ids.give_back_all(connection)
            if postgres.is_driver_error(error):
                raise self._read_only(error) or server_error(self.url, error) from error
            raise

    def _read_only(self, error: BaseException) -> ThiduaError | None:
        """A refused write by a role granted only to read (the province's reviewers): said so, rather than naming
        the first table the write touched."""
        if getattr(error, "sqlstate", None) != "42501":
            return None
        from thidua_cli.storage.changelog import current_command

        command = current_command()
        administering = command.startswith("db ")  # db agency: the administrator's, not an office's
        try:
            if administering:
                postgres.refuse_unless_administrator(self.connection, self.url, f"thidua {command}")
            role, writes = self.connection.execute(
                "SELECT current_user, has_table_privilege(current_user, 'entry', 'INSERT')").fetchone()
        except ThiduaError as refused:
            return refused
        except Exception:  # noqa: BLE001 - the refusal itself is then reported as it came
            return None
        if writes:
            return None
        return ThiduaError(
            f"vai trò {role} chỉ được đọc sổ {postgres.shown(self.url)}, không ghi được; sổ giữ nguyên như trước",
            hint="ghi bằng vai trò của văn phòng giữ phong trào ấy (vai trò của tỉnh chỉ đọc để tổng hợp)",
        )

    def _writers_agency(self) -> int | None:
        """The agency whose writers this role queues with (0: the campaigns of no agency), or None when it
        writes alone: a role that reads every agency, or a ledger older than version 15 (dense ids)."""
        if self._agency_lock is None:
            from thidua_cli.storage import server_ids
            from thidua_cli.storage.dialect import sees_every_row, writing_agency

            connection = self.connection
            shared = server_ids.sequence_from(connection, "entry") is not None and not sees_every_row(connection)
            self._agency_lock = (writing_agency(connection),) if shared else ()
        return self._agency_lock[0] if self._agency_lock else None

    def query(self, sql: str, parameters: tuple | dict = ()) -> list:
        return self.connection.execute(sql, parameters).fetchall()

    def is_blank(self) -> bool:
        tables = postgres.table_names(self.connection) - {"meta"}
        return all(self.connection.execute(f'SELECT 1 FROM "{name}" LIMIT 1').fetchone() is None for name in tables)

    def discard_if_blank(self) -> None:
        """After a failed command that made the schema: the database goes back to empty, unless
        another process has already put data into it."""
        try:
            with self.write(record_changes=False) as connection:
                if self.is_blank():
                    for table in reversed(postgres.sorted_tables()):
                        connection.execute(f'DROP TABLE IF EXISTS "{table.name}" CASCADE')
                    connection.execute("DROP FUNCTION IF EXISTS thidua_note_change() CASCADE")
                    connection.execute("DROP FUNCTION IF EXISTS thidua_record_key(jsonb, text[])")
                    connection.execute("DROP FUNCTION IF EXISTS thidua_reserve_ids(text, bigint)")
                    connection.execute("DROP FUNCTION IF EXISTS thidua_return_ids(text, bigint, bigint)")
        except Exception:  # noqa: BLE001 - the command's own failure is the one reported
            pass
        self.close()

    def backup(self, target) -> None:
        """A SQLite file holding the whole ledger (`db copy` to a file)."""
        from thidua_cli.storage.engine_copy import copy_ledger

        copy_ledger(self.url, target)

    def close(self) -> None:
        self.connection.close()


def _create(connection: PgConnection, url: str) -> bool:
    """The schema on an empty database, once even when two processes try at the same time."""
    connection.execute("BEGIN")
    try:
        connection.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
        created = postgres.schema_version(connection) is None
        if created:
            postgres.refuse_clashing_tables(connection, url)
            postgres.create_schema(connection)
        connection.execute("COMMIT")
        return created
    except BaseException:
        postgres.rollback_quietly_autocommit(connection)
        raise


def server_error(url: str, error: BaseException, action: str = "ghi") -> ThiduaError:
    """One Vietnamese line for a server failure; any transaction has been rolled back. The server's own
    (English) words are kept only where no Vietnamese line says the same."""
    text = (str(error).strip().splitlines() or [type(error).__name__])[0]
    lowered = text.lower()
    unchanged = "sổ giữ nguyên như trước"
    state = getattr(error, "sqlstate", None) or ""
    lost = state.startswith(("08", "57P")) or (
        state == "" and type(error).__name__ in ("OperationalError", "InterfaceError"))
    if lost:  # connection exceptions, the server shut down or the session terminated, or no answer at all
        return ThiduaError(
            f"mất kết nối tới máy chủ PostgreSQL {postgres.shown(url)} giữa chừng (máy chủ dừng, phiên bị ngắt hoặc mạng "
            f"đứt); giao dịch đã huỷ, {unchanged}",
            hint="kiểm tra máy chủ đang chạy và mạng, rồi chạy lại lệnh",
        )
    if state == "42501" or "permission denied" in lowered or "row-level security" in lowered:
        part = _part_named(text)
        if part == "bảng meta":  # every command reads it first: the role was never granted anything
            return ThiduaError(
                f"vai trò PostgreSQL chưa được cấp quyền trên sổ {postgres.shown(url)}; {unchanged}",
                hint="nhờ quản trị máy chủ cấp: thidua db grant VAI_TRÒ --agency MÃ_CƠ_QUAN (hoặc --province --read-only)",
            )
        return ThiduaError(
            f"vai trò PostgreSQL không có quyền {action} {part} của sổ {postgres.shown(url)}; {unchanged}",
            hint="vai trò chỉ đọc (như của tỉnh) không ghi được; vai trò của một văn phòng chỉ ghi phong trào và đối tượng "
                 "của cơ quan mình; nhờ quản trị máy chủ nếu cần cấp quyền (thidua db grant)",
        )
    if state == "23505":  # a unique key: on a shared server the record holding it may be another agency's
        return _KeyTaken(
            f"{_unique_key_noun(error)} đã có trên sổ chung {postgres.shown(url)}, có thể thuộc một cơ quan khác "
            f"(vai trò này không thấy được); {unchanged}",
            hint="chọn mã khác (ví dụ thêm tiền tố của cơ quan), hoặc hỏi quản trị máy chủ mã ấy của ai",
        )
    if state.startswith("53"):
        return ThiduaError(f"máy chủ PostgreSQL hết tài nguyên (chỗ đĩa, bộ nhớ hoặc số kết nối); {unchanged}",
                           hint="nhờ quản trị máy chủ kiểm tra chỗ đĩa và giới hạn kết nối, rồi chạy lại lệnh")
    return ThiduaError(f"không {action} được sổ PostgreSQL {postgres.shown(url)} (máy chủ báo: {text}); {unchanged}")


_TABLE_NAMED = re.compile(r'(?:for table|for relation|relation|table) "?([a-z_]+)"?')


def _part_named(text: str) -> str:
    """'kỷ luật (bảng discipline)' when the server named a table the office knows by a name, 'bảng meta' when it
    named another, else 'phần này'."""
    from thidua_cli.storage.changelog import TABLE_NOUNS

    found = _TABLE_NAMED.search(text)
    if not found:
        return "phần này"
    noun = TABLE_NOUNS.get(found.group(1))
    return f"{noun} (bảng {found.group(1)})" if noun else f"bảng {found.group(1)}"


_UNIQUE_NOUNS = {"campaign": "mã phong trào", "subject": "mã đối tượng", "agency": "mã cơ quan"}


class _KeyTaken(ThiduaError):
    """A unique key already held; the server names the value only to a role that may read the row holding it."""

    def naming(self, noun: str, value: str) -> ThiduaError:
        """The same line with the value the command was writing, where the server could not say it."""
        if f'{noun} "' in self.message or not self.message.startswith(noun):
            return self
        return ThiduaError(f'{noun} "{value}"' + self.message[len(noun):], hint=self.hint)


def taken_key(error: ThiduaError, noun: str, value: str) -> ThiduaError:
    return error.naming(noun, value) if isinstance(error, _KeyTaken) else error


_KEY_DETAIL = re.compile(r"Key \((?:[^)]*)\)=\((.*)\) already exists")


def _unique_key_noun(error: BaseException) -> str:
    """'mã phong trào "covid19-stttt"': which key, and its value when the server said it."""
    diag = getattr(error, "diag", None)
    table = getattr(diag, "table_name", None) or ""
    noun = _UNIQUE_NOUNS.get(table, f"khoá của bảng {table}" if table else "khoá")
    found = _KEY_DETAIL.search(getattr(diag, "message_detail", None) or "")
    return f'{noun} "{found.group(1)}"' if found else noun
