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
- `--campaign`: one campaign archived to a new SQLite file, read-only — what
  an office holding only that campaign reads on the province server (its
  campaign's rows, and the province's shared records: subjects, ratings,
  discipline, award history, decisions correcting an award, the change log of
  those). `meta` names the campaign (`ARCHIVE_KEY`), and `check` judges that
  file as such an office does: the campaign's chains and the shared chain,
  not the gaps other campaigns' ids leave, nor a reference to a campaign,
  round or decision the archive does not hold.
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
from thidua_cli.storage.schema import ARCHIVE_KEY, SCHEMA_VERSION

_FETCH_ROWS = 10_000


@dataclass(frozen=True)
class TablePlan:
    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    serial: str | None  # the integer id column PostgreSQL numbers with a sequence
    integers: tuple[int, ...] = ()  # positions of the columns that are a 32-bit INTEGER on PostgreSQL
    where: str = ""  # the rows copied (one campaign's archive); all of them when empty

    def select(self) -> str:
        listed = ", ".join(f'"{column}"' for column in self.columns)
        ordered = ", ".join(f'"{column}"' for column in self.key)
        kept = f" WHERE {self.where}" if self.where else ""
        return f'SELECT {listed} FROM "{self.name}"{kept} ORDER BY {ordered}'


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


def copy_ledger(source: str | Path, destination: str | Path, campaign: str | None = None) -> CopyResult:
    if campaign is not None:
        return archive_campaign(source, destination, campaign)
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


# The province's shared records an office reads whatever campaign it keeps (`storage.row_security`): an archive
# holds all of them, so that prerequisites and the one-award rule read in it what they read on the ledger.
_SHARED_LOG_TABLES = "('award_history', 'subject', 'rating', 'discipline')"


def _archive_filters(campaign_id: int) -> dict[str, str | None]:
    """table → the rows one campaign's archive holds ("" all of them, None none)."""
    c = int(campaign_id)
    own_entries = f"entry_id IN (SELECT id FROM entry WHERE campaign_id = {c})"
    referenced_imports = (f"id IN (SELECT import_id FROM entry WHERE campaign_id = {c}) "
                          f"OR id IN (SELECT batch_id FROM rating) OR id IN (SELECT import_id FROM award_history)")
    return {
        "meta": "", "agency": "", "agency_role": None,
        "campaign": f"id = {c}",
        **{table: f"campaign_id = {c}"
           for table in ("criterion", "tier", "award", "base_salary", "entry", "round", "registration")},
        "decision": f"campaign_id = {c} OR corrects IS NOT NULL",
        "void": own_entries,
        "registration_review": f"registration_id IN (SELECT id FROM registration WHERE campaign_id = {c})",
        "document_number": f"round_id IN (SELECT id FROM round WHERE campaign_id = {c})",
        "chain_head": f"campaign_id = 0 OR campaign_id = {c}",
        # with the decisions correcting another of any campaign, the changes that sealed them: `check` judges them
        "change_log": f"campaign_id IS NULL OR campaign_id = {c} OR tbl IN {_SHARED_LOG_TABLES} OR (tbl = 'decision' "
                      f"AND record IN (SELECT CAST(id AS TEXT) FROM decision WHERE corrects IS NOT NULL))",
        "import_batch": referenced_imports,
        **{table: "" for table in ("subject", "name_order", "rating", "discipline", "award_history")},
    }


# References an archive leaves open on purpose: award history and correcting decisions of other campaigns
_OPEN_REFERENCES = {("award_history", "campaign"), ("award_history", "round"), ("award_history", "decision"),
                    ("decision", "campaign"), ("decision", "round"), ("decision", "decision")}


def is_open_reference(table: str, parent: str) -> bool:
    return (table, parent) in _OPEN_REFERENCES


def archive_campaign(source: str | Path, destination: str | Path, code: str) -> CopyResult:
    """One campaign of `source` (a file or a server) into a new read-only SQLite file, all or nothing."""
    from dataclasses import replace

    if isinstance(destination, str):
        raise ThiduaError("--campaign chép một phong trào ra một tệp SQLite lưu trữ; ĐÍCH phải là tên tệp, không phải máy chủ",
                          hint=f"ví dụ: thidua db copy NGUỒN luu-tru-{code}.db --campaign {code}")
    tables = plans()
    with _reader(source, whole=False) as read:
        lookup = TablePlan("campaign", ("id",), ("id",), None, where=f"code = {_literal(code)}")
        found = [row[0] for row in read(lookup)]
        if not found:
            raise ThiduaError(f'--campaign: sổ nguồn {describe(source)} không có phong trào "{code}"',
                              hint=f"xem các phong trào: thidua --db {_quoted(describe(source))} campaign list")
        filters = _archive_filters(found[0])
        chosen = [replace(plan, where=filters[plan.name]) for plan in tables if filters.get(plan.name) is not None]
        missing = {plan.name for plan in tables} - set(filters)
        if missing:  # a table added to the schema without a rule here would be dropped from every archive
            raise ThiduaError(f"chưa biết chép bảng {', '.join(sorted(missing))} vào bản lưu trữ một phong trào")

        def archived(plan: TablePlan):
            rows = read(plan)
            if plan.name == "meta":
                rows = (row for row in rows if row[0] != ARCHIVE_KEY)
                yield from rows
                yield (ARCHIVE_KEY, code)
                return
            yield from rows

        rows = _into_sqlite(destination, chosen, archived, archive=True)
    return CopyResult(describe(source), describe(destination), rows)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


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
def _reader(source: str | Path, whole: bool = True):
    """A function giving each table's rows, read from one consistent snapshot of the source (`whole`: the whole
    ledger is copied, so a role that reads only its own agency's rows is refused)."""
    if isinstance(source, Path):
        from thidua_cli.storage.ledger import Ledger

        ledger = Ledger.open(source, migrate=False)
        try:
            connection = ledger.connection
            _refuse_version(source, ledger.version)
            _refuse_an_archive(source, connection)
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
        _refuse_a_partial_view(source, connection, whole)

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


def _refuse_an_archive(source: Path, connection) -> None:
    """An archive of one campaign is not a whole ledger: copied on, it would be taken for one."""
    from thidua_cli.storage.dialect import archived_campaign

    code = archived_campaign(connection)
    if code is not None:
        raise ThiduaError(f"sổ nguồn {source} là bản lưu trữ riêng phong trào {code}, không phải cả sổ; không chép",
                          hint="chép từ sổ gốc (tệp của văn phòng hoặc máy chủ của tỉnh)")


def _refuse_a_partial_view(source: str, connection, whole: bool = True) -> None:
    """An office's role reads only its own agency's rows: a copy of that would be a ledger with holes
    (other offices' ids missing, chains it cannot close), not the whole ledger a copy promises. An archive of one
    campaign needs the import batches of every office that the province's shared records name, which it does
    not read either."""
    from thidua_cli.storage.row_security import role_sees_all

    if not role_sees_all(connection):
        if not whole:
            raise ThiduaError(
                f"vai trò của sổ nguồn {describe(source)} chỉ đọc được dòng của cơ quan mình; bản lưu trữ một phong "
                f"trào cần cả hồ sơ chung của tỉnh nên không chép",
                hint="nhờ quản trị máy chủ hoặc vai trò của tỉnh chép phong trào ra tệp lưu trữ",
            )
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


def _into_sqlite(path: Path, tables: list[TablePlan], read, archive: bool = False) -> dict[str, int]:
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
            if archive:  # its references to other campaigns' rounds and decisions stay open (`_OPEN_REFERENCES`)
                ledger.connection.execute("PRAGMA foreign_keys = OFF")
            with ledger.write(record_changes=False) as connection:  # the copy brings its own change log
                connection.execute("DELETE FROM meta")  # the new ledger's own rows; the source's replace them
                for plan in tables:
                    marks = ", ".join("?" for _ in plan.columns)
                    listed = ", ".join(f'"{column}"' for column in plan.columns)
                    cursor = connection.executemany(f'INSERT INTO "{plan.name}" ({listed}) VALUES ({marks})', read(plan))
                    copied[plan.name] = cursor.rowcount
                    cursor.close()  # an open statement would defer the close, leaving the rows in the -wal file
                if archive:
                    _refuse_broken_references(connection)
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


def _refuse_broken_references(connection) -> None:
    """An archive whose rows point at rows it does not hold, beyond the references left open on purpose, would
    be a ledger `check` finds broken: refused before it is written."""
    for table, _, parent, _ in connection.execute("PRAGMA foreign_key_check").fetchall():
        if table != "name_order" and not is_open_reference(table, parent):
            raise ThiduaError(f"bản lưu trữ sẽ có dòng của bảng {table} trỏ tới bảng {parent} mà nó không chép; không chép")
