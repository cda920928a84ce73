"""A ledger on a PostgreSQL server: naming it by URL, connecting, and its schema.

Design and invariants:
- `--db` / `THIDUA_DB` name either a SQLite file or a libpq URL
  (`postgresql://user@host:port/dbname`, `?host=/socket/dir` and the other
  libpq query keys). A password is taken only from PGPASSWORD or ~/.pgpass,
  which libpq reads itself: a URL carrying one is refused, as it would sit in
  the shell history and in every process listing.
- psycopg 3 (extra `thidua-cli[postgres]`) is imported only here, and only
  when a URL asks for it, so that SQLite users never load it.
- The schema is the same SQLModel metadata as SQLite's, compiled with the
  postgresql dialect; DDL is transactional on PostgreSQL, so `create_schema`
  either makes every table and the `meta` rows or nothing.
"""

from __future__ import annotations

import re

from contextlib import contextmanager
from urllib.parse import parse_qs, urlsplit, urlunsplit

from thidua_cli.errors import ThiduaError, UsageError

SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(db: str | None) -> bool:
    return bool(db) and db.strip().lower().startswith(SCHEMES)


def checked_url(url: str, source: str) -> str:
    """The URL as given, once it is known to carry no password; `source` names where it came from."""
    try:
        parts = urlsplit(url.strip())
        has_password = parts.password is not None or "password" in parse_qs(parts.query)
    except ValueError as error:
        raise UsageError(f"{source}: địa chỉ PostgreSQL {url!r} không đúng dạng ({error})",
                         hint="dạng đúng: postgresql://người_dùng@máy_chủ:cổng/tên_csdl") from error
    if has_password:
        raise UsageError(
            f"{source}: địa chỉ PostgreSQL không được chứa mật khẩu (mật khẩu trong dòng lệnh lộ ra ở lịch sử lệnh "
            f"và danh sách tiến trình)",
            hint="bỏ mật khẩu khỏi địa chỉ; đặt nó trong biến PGPASSWORD hoặc tệp ~/.pgpass",
        )
    return url.strip()


def shown(url: str) -> str:
    """The URL as printed to the user (it never holds a password; this keeps it so even if one slipped by)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", "@")
    return urlunsplit(parts._replace(netloc=netloc))


def _driver():
    try:
        import psycopg
    except ImportError as error:
        raise ThiduaError(
            "chưa cài trình kết nối PostgreSQL (psycopg) nên không mở được sổ trên máy chủ PostgreSQL",
            hint="cài thêm: pip install 'thidua-cli[postgres]'",
        ) from error
    return psycopg


def connect(url: str):
    """An open psycopg connection (not autocommit: every use is one transaction), or one `Lỗi:` line."""
    psycopg = _driver()
    import logging

    # psycopg logs what it ignores while closing a broken connection; the user gets one Lỗi: line instead
    logging.getLogger("psycopg").addHandler(logging.NullHandler())
    try:
        # UTF-8 between thidua and the server whatever PGCLIENTENCODING says: Vietnamese text goes both ways
        connection = psycopg.connect(url, connect_timeout=10, client_encoding="UTF8")
    except psycopg.Error as error:
        raise connection_error(url, error) from error
    _refuse_encoding(url, connection)
    from thidua_cli.storage.changelog import set_server_role

    set_server_role(connection.info.user)
    return connection


def _refuse_encoding(url: str, connection) -> None:
    """A database made in another encoding cannot keep what a file keeps: LATIN1 cannot hold "đ" (the first
    command failed as an unexpected error), SQL_ASCII hands back its names as bytes (the schema was made twice:
    the first command failed after creating the tables, every later one on them). Refused before anything is read
    or written."""
    encoding = connection.info.parameter_status("server_encoding") or b""
    encoding = encoding.decode("ascii", "replace") if isinstance(encoding, bytes) else str(encoding)
    if encoding.upper().replace("-", "") != "UTF8":
        connection.close()
        raise ThiduaError(
            f"sổ PostgreSQL {shown(url)}: cơ sở dữ liệu dùng bảng mã {encoding or 'không rõ'}, không phải UTF8, nên "
            f"không giữ được chữ tiếng Việt; chưa đọc, chưa ghi gì",
            hint="tạo một cơ sở dữ liệu UTF8 cho sổ: createdb -E UTF8 -T template0 TÊN (hoặc nhờ quản trị máy chủ), "
                 "rồi dùng địa chỉ của nó",
        )


def connection_error(url: str, error: Exception) -> ThiduaError:
    whole = str(error).strip()
    text = whole.splitlines()[-1].strip() if whole else type(error).__name__  # libpq's warnings come first
    lowered = whole.lower()
    missing_role = re.search(r'role "([^"]+)" does not exist', whole)
    no_login = re.search(r'role "([^"]+)" is not permitted to log in', whole)
    if "password file" in lowered and "group or world access" in lowered:
        why, hint = "tệp mật khẩu ~/.pgpass ai cũng đọc được nên bị bỏ qua", "chỉ cho chủ tệp đọc: chmod 600 ~/.pgpass"
    elif "password" in lowered:
        why, hint = "sai hoặc thiếu mật khẩu", "đặt mật khẩu trong biến PGPASSWORD hoặc tệp ~/.pgpass"
    elif missing_role:
        why = f'máy chủ không có vai trò (người dùng) "{missing_role.group(1)}"'
        hint = f"kiểm tra tên người dùng trong địa chỉ; vai trò mới do quản trị máy chủ tạo: CREATE ROLE {missing_role.group(1)} LOGIN"
    elif no_login:
        why = f'vai trò "{no_login.group(1)}" không được phép đăng nhập máy chủ'
        hint = f"nhờ quản trị máy chủ cho phép: ALTER ROLE {no_login.group(1)} LOGIN"
    elif "does not exist" in lowered and "database" in lowered:
        why, hint = "cơ sở dữ liệu chưa có trên máy chủ", "tạo nó trước: createdb TÊN (hoặc nhờ quản trị máy chủ)"
    elif "permission denied" in lowered:
        why, hint = "vai trò PostgreSQL không có quyền", "nhờ quản trị máy chủ cấp quyền cho vai trò này"
    elif any(words in lowered for words in ("resolve host", "translate host name", "name or service not known")):
        why, hint = "không tìm thấy máy chủ có tên trong địa chỉ", "kiểm tra tên máy chủ (hoặc địa chỉ IP) trong địa chỉ postgresql://…"
    elif "connection refused" in lowered or "no such file or directory" in lowered:
        why = "máy chủ không nhận kết nối (chưa chạy, sai cổng, hoặc sai thư mục socket)"
        hint = "kiểm tra máy chủ PostgreSQL đang chạy và cổng, thư mục socket trong địa chỉ"
    elif "timeout" in lowered or "timed out" in lowered:
        why, hint = "máy chủ không trả lời", "kiểm tra mạng tới máy chủ và tường lửa, rồi chạy lại"
    else:  # the server's own words say which of the many causes it was
        why, hint = f"không kết nối được máy chủ (máy chủ báo: {text})", "kiểm tra máy chủ PostgreSQL đang chạy và địa chỉ, cổng trong URL"
    return ThiduaError(f"sổ PostgreSQL {shown(url)}: {why}", hint=hint)


def rollback_quietly(connection) -> None:
    """Roll back after a failure; a connection the server already dropped has nothing left to undo."""
    try:
        connection.rollback()
    except Exception:  # noqa: BLE001 - the failure being reported is the one that matters
        pass


@contextmanager
def admin_transaction(url: str):
    """A connection for one administrative transaction: committed at the end, rolled back on any
    failure, a driver failure made one `Lỗi:` line."""
    connection = connect(url)
    try:
        yield connection
        connection.commit()
    except BaseException as error:
        rollback_quietly(connection)
        if is_driver_error(error):
            raise connection_error(url, error) from error
        raise
    finally:
        connection.close()


ADMINISTERING = "việc quản trị sổ chung (db agency, db grant) làm bằng vai trò quản trị, chủ của lược đồ"


def administers(connection) -> bool:
    """Whether the connected role may run the administrator's commands on this ledger: it owns the ledger's tables
    (or is a member of the role that does), or is a superuser. Any connection: thidua's or a bare psycopg one."""
    return bool(connection.execute(
        "SELECT COALESCE((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false) "
        "OR pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = to_regclass('meta')), 'USAGE')"
    ).fetchone()[0])


def refuse_unless_administrator(connection, url: str, command: str) -> None:
    """An office's role (or the province's) running `db grant`, `db revoke`, `db agency …`: one line saying whose
    command it is, before anything is written — not "ask to be granted rights", which would be the wrong advice."""
    if not administers(connection):
        role, writes = connection.execute(
            "SELECT current_user, to_regclass('entry') IS NOT NULL AND has_table_privilege(current_user, 'entry', 'INSERT')"
        ).fetchone()
        if not writes:  # the province's reviewers: as any write of theirs is refused
            raise ThiduaError(f"vai trò {role} chỉ được đọc sổ {shown(url)}, không ghi được; sổ giữ nguyên như trước",
                              hint=ADMINISTERING)
        raise ThiduaError(
            f"vai trò {role} không phải vai trò quản trị của sổ {shown(url)}: {command} chỉ vai trò quản trị chạy được; "
            f"sổ giữ nguyên như trước",
            hint=ADMINISTERING,
        )


def refuse_clashing_tables(connection, url: str) -> None:
    """A database whose own tables bear thidua's names is not given a schema over them."""
    clashing = table_names(connection) & {table.name for table in sorted_tables()}
    if clashing:
        raise ThiduaError(
            f"cơ sở dữ liệu {shown(url)} đã có bảng trùng tên với bảng của thidua "
            f"({', '.join(sorted(clashing))}); không tạo lược đồ",
            hint="dùng một cơ sở dữ liệu trống (createdb TÊN)",
        )


def rollback_quietly_autocommit(connection) -> None:
    """ROLLBACK of a transaction opened with BEGIN on an autocommit connection, if one is still open."""
    try:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
    except Exception:  # noqa: BLE001 - the failure being reported is the one that matters
        pass


def is_driver_error(error: BaseException) -> bool:
    module = type(error).__module__ or ""
    return module.startswith("psycopg")


def ddl() -> list[str]:
    """CREATE TABLE / CREATE INDEX statements of the current schema in PostgreSQL's dialect.

    Columns hold values as the SQLite ledger does: dates as ISO text, truth values as 0/1, text
    compared byte by byte (COLLATE "C", SQLite's BINARY), so that every query, sort, hash and JSON
    document is the same on both engines whatever locale the server was made with."""
    from sqlalchemy.schema import CreateIndex, CreateTable

    dialect = _ledger_dialect()
    statements = []
    for table in sorted_tables():
        statements.append(str(CreateTable(table).compile(dialect=dialect)).strip())
        for index in sorted(table.indexes, key=lambda i: i.name):
            statements.append(str(CreateIndex(index).compile(dialect=dialect)).strip())
    return statements


def _ledger_dialect():
    from sqlalchemy.dialects import postgresql
    from sqlalchemy.dialects.postgresql.base import PGTypeCompiler

    class SqliteShapedTypes(PGTypeCompiler):
        def visit_DATE(self, type_, **kw):
            return 'TEXT COLLATE "C"'

        def visit_DATETIME(self, type_, **kw):
            return 'TEXT COLLATE "C"'

        def visit_BOOLEAN(self, type_, **kw):
            return "INTEGER"

        def visit_VARCHAR(self, type_, **kw):
            return 'TEXT COLLATE "C"'

        def visit_TEXT(self, type_, **kw):
            return 'TEXT COLLATE "C"'

    dialect = postgresql.dialect()
    dialect.type_compiler_instance = SqliteShapedTypes(dialect)
    return dialect


def sorted_tables():
    """Every ledger table, each after the tables its foreign keys point to."""
    from sqlmodel import SQLModel

    from thidua_cli.storage import tables  # noqa: F401  (registers the tables)

    return SQLModel.metadata.sorted_tables


def table_names(connection) -> set[str]:
    rows = connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").fetchall()
    return {row[0] for row in rows}


def schema_version(connection) -> int | None:
    """The schema version recorded on the server; None when the database holds no thidua ledger."""
    if "meta" not in table_names(connection):
        return None
    row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    try:
        return int(row[0]) if row else None
    except (TypeError, ValueError):
        return None


def server_version(connection) -> str:
    return connection.execute("SHOW server_version").fetchone()[0]


def create_schema(connection, with_meta: bool = True) -> None:
    """Every table and index (and, with `with_meta`, the `meta` rows of a new ledger); inside the caller's transaction."""
    from thidua_cli.storage import schema

    for statement in ddl():
        connection.execute(statement)
    from thidua_cli.storage.changelog import server_triggers

    from thidua_cli.storage.row_security import rls_statements

    from thidua_cli.storage import server_ids

    for statement in [*server_triggers(), *rls_statements(), *server_ids.functions()]:
        connection.execute(statement)
    if with_meta:
        mark = "?" if hasattr(connection, "engine") else "%s"  # the ledger's connection, or a bare psycopg one
        for key, value in [*schema.initial_meta(), *server_ids.initial_meta()]:
            connection.execute(f"INSERT INTO meta (key, value) VALUES ({mark}, {mark})", (key, value))


def refuse_newer(url: str, version: int | None) -> None:
    from thidua_cli.storage.schema import SCHEMA_VERSION

    if version is not None and version > SCHEMA_VERSION:
        raise ThiduaError(
            f"sổ PostgreSQL {shown(url)} được tạo bởi phiên bản thidua mới hơn (lược đồ {version}, bản này chỉ đọc "
            f"được đến lược đồ {SCHEMA_VERSION}); không mở",
            hint="hãy cập nhật thidua lên bản mới nhất",
        )
