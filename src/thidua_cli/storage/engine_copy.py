"""`thidua db copy`: a whole ledger from SQLite to PostgreSQL or back, all or nothing.

Design and invariants:
- Every table of the SQLModel metadata is copied in foreign-key order, each
  in primary-key order, every column as stored: ids and hashes are kept, so
  the hash chains verify on the other side.
- The source must be at this version's schema (a copy never migrates its
  source: copying writes nothing there) and hold no table thidua does not
  know (no value is dropped in silence).
- The destination must be empty. On PostgreSQL the schema, the rows (bulk,
  through `COPY … FROM STDIN`) and the sequence resets are one transaction:
  a failure leaves the database as it was. A SQLite destination is written
  to a temporary file beside it and renamed into place only once complete.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from thidua_cli.errors import ThiduaError
from thidua_cli.storage import postgres
from thidua_cli.storage.schema import SCHEMA_VERSION

_FETCH_ROWS = 10_000


@dataclass(frozen=True)
class TablePlan:
    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    serial: str | None  # the integer id column PostgreSQL numbers with a sequence
    integers: tuple[int, ...] = ()  # positions of the columns that are a 32-bit INTEGER on PostgreSQL

    def select(self) -> str:
        listed = ", ".join(f'"{column}"' for column in self.columns)
        ordered = ", ".join(f'"{column}"' for column in self.key)
        return f'SELECT {listed} FROM "{self.name}" ORDER BY {ordered}'


def plans() -> list[TablePlan]:
    result = []
    for table in postgres.sorted_tables():
        key = tuple(column.name for column in table.primary_key.columns)
        serial = key[0] if len(key) == 1 and table.c[key[0]].autoincrement is not False and \
            table.c[key[0]].type.python_type is int and not table.c[key[0]].foreign_keys else None
        integers = tuple(position for position, column in enumerate(table.columns) if _is_integer(column))
        result.append(TablePlan(table.name, tuple(column.name for column in table.columns), key, serial, integers))
    return result


_SMALLEST, _LARGEST = -(2**31), 2**31 - 1  # what a PostgreSQL INTEGER holds; SQLite keeps 64 bits


def _is_integer(column) -> bool:
    from sqlalchemy import BigInteger, Boolean, Integer

    return isinstance(column.type, Integer) and not isinstance(column.type, (BigInteger, Boolean))


def _refuse_too_large(plan: TablePlan, row: tuple) -> None:
    """A file written before the bounds on points, salaries and money (or edited) may hold a number no server
    column holds: name it, where the server's own message ('value … is out of range for type integer') named
    neither the record nor the column."""
    for position in plan.integers:
        value = row[position]
        if isinstance(value, int) and not _SMALLEST <= value <= _LARGEST:
            where = ", ".join(f"{plan.columns[plan.columns.index(k)]} {row[plan.columns.index(k)]}" for k in plan.key)
            raise ThiduaError(
                f'sổ nguồn có số {value} ở bảng {plan.name} ({where}), cột "{plan.columns[position]}": lớn hơn cột '
                f"số nguyên của PostgreSQL giữ được (từ {_SMALLEST} đến {_LARGEST}); không chép gì",
                hint="số ấy được ghi khi thidua chưa giới hạn nó; sổ này chỉ dùng được trên tệp SQLite",
            )


@dataclass(frozen=True)
class CopyResult:
    source: str
    destination: str
    rows: dict[str, int]  # table -> rows copied
    # onto a server: the roles the ledger names as working for an agency (or the province) that have no rights on this
    # database — (role, agency code or None, province, whether the server has the role at all)
    ungranted: tuple[tuple[str, str | None, bool, bool], ...] = ()


def describe(target: str | Path) -> str:
    return postgres.shown(target) if isinstance(target, str) else str(target)


def copy_ledger(source: str | Path, destination: str | Path) -> CopyResult:
    if isinstance(source, Path) and isinstance(destination, Path):
        raise ThiduaError("db copy chép giữa SQLite và PostgreSQL; để chép một tệp sổ sang tệp khác hãy dùng thidua db backup")
    if isinstance(source, str) and isinstance(destination, str):
        raise ThiduaError("db copy chưa chép trực tiếp giữa hai sổ PostgreSQL",
                          hint="chép qua một tệp SQLite, hoặc dùng pg_dump của PostgreSQL")
    tables = plans()
    with _reader(source) as read:
        if isinstance(destination, str):
            rows = _into_postgres(destination, tables, read)
        else:
            rows = _into_sqlite(destination, tables, read)
    ungranted = _ungranted_roles(destination) if isinstance(destination, str) and rows.get("agency_role") else ()
    return CopyResult(describe(source), describe(destination), rows, ungranted)


def _ungranted_roles(url: str) -> tuple[tuple[str, str | None, bool, bool], ...]:
    """The roles `agency_role` names (copied with the ledger) that this database has granted nothing: rights are the
    server's, not the ledger's, so a ledger restored onto another database lists roles that cannot work on it yet."""
    from thidua_cli.storage import postgres

    connection = postgres.connect(url)
    try:
        found = connection.execute(
            "SELECT r.role, a.code, r.province = 1, p.rolname IS NOT NULL FROM agency_role r "
            "LEFT JOIN agency a ON a.id = r.agency_id LEFT JOIN pg_roles p ON p.rolname = r.role "
            "WHERE p.rolname IS NULL OR NOT has_table_privilege(r.role, 'entry', 'SELECT') ORDER BY r.role"
        ).fetchall()
    finally:
        connection.close()
    return tuple((role, code, bool(province), bool(exists)) for role, code, province, exists in found)


# --- reading ---------------------------------------------------------------------------------------

def _quoted(text: str) -> str:
    return f'"{text}"' if any(c.isspace() for c in text) else text


def _refuse_version(source: str | Path, version: int | None) -> None:
    if version is None:
        raise ThiduaError(f"{describe(source)} không phải sổ thi đua của thidua (không có lược đồ)")
    if version > SCHEMA_VERSION:
        raise ThiduaError(
            f"sổ nguồn {describe(source)} ở lược đồ {version}, mới hơn bản thidua này (lược đồ {SCHEMA_VERSION}); không chép",
            hint="hãy cập nhật thidua lên bản mới nhất",
        )
    if version < SCHEMA_VERSION:
        raise ThiduaError(
            f"sổ nguồn {describe(source)} ở lược đồ {version}, cũ hơn lược đồ {SCHEMA_VERSION} của bản này; "
            f"db copy không nâng cấp sổ nguồn",
            hint=f"nâng cấp sổ nguồn trước (thidua sao lưu rồi nâng cấp): thidua --db {_quoted(describe(source))} db upgrade, rồi chép lại",
        )


@contextmanager
def _reader(source: str | Path):
    """A function giving each table's rows, read from one consistent snapshot of the source."""
    if isinstance(source, Path):
        from thidua_cli.storage.ledger import Ledger

        ledger = Ledger.open(source, migrate=False)
        try:
            connection = ledger.connection
            _refuse_version(source, ledger.version)
            known = {plan.name for plan in plans()}
            found = {row[0] for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
            if found - known:
                raise ThiduaError(f"sổ nguồn {source} có bảng thidua không biết ({', '.join(sorted(found - known))}); "
                                  f"không chép để khỏi bỏ sót dữ liệu")
            connection.execute("BEGIN")  # one snapshot for every table

            def read(plan: TablePlan) -> Iterator[tuple]:
                yield from connection.execute(plan.select())

            yield read
            connection.execute("COMMIT")
        finally:
            ledger.close()
        return
    connection = postgres.connect(source)
    try:
        connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        _refuse_version(source, postgres.schema_version(connection))
        _refuse_a_partial_view(source, connection)

        def read(plan: TablePlan) -> Iterator[tuple]:
            with connection.cursor(name=f"copy_{plan.name}") as cursor:
                cursor.itersize = _FETCH_ROWS
                cursor.execute(plan.select())
                for row in cursor:
                    yield tuple(value.isoformat() if isinstance(value, date) else value for value in row)

        yield read
    except BaseException as error:
        if postgres.is_driver_error(error):
            raise _failed(source, "đọc", error) from error
        raise
    finally:
        connection.close()


def _refuse_a_partial_view(source: str, connection) -> None:
    """An office's role reads only its own agency's rows: a copy of that would be a ledger with holes
    (other offices' ids missing, chains it cannot close), not the whole ledger a copy promises."""
    from thidua_cli.storage.row_security import role_sees_all

    if not role_sees_all(connection):
        raise ThiduaError(
            f"vai trò của sổ nguồn {describe(source)} chỉ đọc được phong trào của cơ quan mình; bản chép sẽ thiếu dòng "
            f"của các cơ quan khác nên không chép",
            hint="nhờ quản trị máy chủ (hoặc vai trò của tỉnh) sao lưu cả sổ",
        )


# --- writing ---------------------------------------------------------------------------------------

def _failed(target: str | Path, action: str, error: BaseException) -> ThiduaError:
    first = (str(error).strip().splitlines() or [type(error).__name__])[0]
    return ThiduaError(f"không {action} được sổ {describe(target)} ({first}); sổ đích giữ nguyên như trước khi chép")


def _into_postgres(url: str, tables: list[TablePlan], read) -> dict[str, int]:
    connection = postgres.connect(url)
    try:
        existing = postgres.table_names(connection) & {plan.name for plan in tables}
        if existing:
            _refuse_filled_postgres(url, connection, existing, tables)
        copied = {}
        with connection.cursor() as cursor:
            if existing:
                cursor.execute("DELETE FROM meta")  # the rows `db init` wrote; the source's replace them
            else:
                postgres.create_schema(connection, with_meta=False)
            for plan in tables:
                listed = ", ".join(f'"{column}"' for column in plan.columns)
                count = 0
                with cursor.copy(f'COPY "{plan.name}" ({listed}) FROM STDIN') as copy:
                    for row in read(plan):
                        if plan.integers:
                            _refuse_too_large(plan, row)
                        copy.write_row(row)
                        count += 1
                copied[plan.name] = count
                if plan.serial:
                    # the next id the server gives is after the last one copied
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence('\"{plan.name}\"', '{plan.serial}'), "
                        f"COALESCE(MAX(\"{plan.serial}\"), 1), MAX(\"{plan.serial}\") IS NOT NULL) FROM \"{plan.name}\""
                    )
        from thidua_cli.storage import server_ids

        with connection.cursor() as cursor:
            server_ids.start(cursor)
        connection.commit()
        return copied
    except BaseException as error:
        postgres.rollback_quietly(connection)
        if postgres.is_driver_error(error):
            raise _failed(url, "ghi", error) from error
        raise
    finally:
        connection.close()


def _refuse_filled_postgres(url: str, connection, existing: set[str], tables: list[TablePlan]) -> None:
    version = postgres.schema_version(connection)
    postgres.refuse_newer(url, version)
    filled = [plan.name for plan in tables if plan.name in existing and plan.name != "meta"
              and connection.execute(f'SELECT EXISTS (SELECT 1 FROM "{plan.name}")').fetchone()[0]]
    if filled or version != SCHEMA_VERSION or len(existing) != len(tables):
        why = f"đã có dữ liệu ở bảng {', '.join(filled)}" if filled else "đã có một lược đồ khác"
        raise ThiduaError(
            f"sổ đích {postgres.shown(url)} không trống ({why}); db copy chỉ chép vào một sổ trống",
            hint="chọn một cơ sở dữ liệu trống (createdb TÊN) làm đích",
        )


def _into_sqlite(path: Path, tables: list[TablePlan], read) -> dict[str, int]:
    from thidua_cli.storage.ledger import Ledger, remove_ledger_files

    if path.is_dir():
        raise ThiduaError(f"{path} là một thư mục; hãy ghi tên tệp sổ đích, ví dụ {path / 'thidua.db'}")
    if not path.parent.is_dir():
        raise ThiduaError(f"không có thư mục {path.parent} để ghi sổ đích")
    if path.exists() and path.stat().st_size > 0:
        raise ThiduaError(f"sổ đích {path} không trống (tệp đã có); db copy chỉ chép vào một sổ mới",
                          hint="chọn tên tệp chưa có")
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".dang-chep", dir=path.parent)
    os.close(handle)
    os.unlink(name)
    scratch = Path(name)
    copied = {}
    try:
        ledger = Ledger.open(scratch, create=True)
        try:
            with ledger.write(record_changes=False) as connection:  # the copy brings its own change log
                connection.execute("DELETE FROM meta")  # the new ledger's own rows; the source's replace them
                for plan in tables:
                    marks = ", ".join("?" for _ in plan.columns)
                    listed = ", ".join(f'"{column}"' for column in plan.columns)
                    cursor = connection.executemany(f'INSERT INTO "{plan.name}" ({listed}) VALUES ({marks})', read(plan))
                    copied[plan.name] = cursor.rowcount
                    cursor.close()  # an open statement would defer the close, leaving the rows in the -wal file
        finally:
            ledger.close()
        if path.exists() and path.stat().st_size > 0:
            raise ThiduaError(f"sổ đích {path} vừa được tạo bởi tiến trình khác trong lúc chép; không ghi đè")
        os.replace(scratch, path)
    except sqlite3.Error as error:
        remove_ledger_files(scratch)
        raise _failed(path, "ghi", error) from error
    except BaseException:
        remove_ledger_files(scratch)
        raise
    return copied
