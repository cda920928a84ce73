"""`thidua db status | init | copy` on a ledger held by a PostgreSQL server."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from thidua_cli.errors import ThiduaError
from thidua_cli.storage import postgres


@dataclass(frozen=True)
class ServerStatus:
    url: str
    engine: str
    server_version: str
    schema_version: int | None  # None: the database holds no thidua schema yet
    schema_current: int
    counts: dict[str, int]
    last_entry_at: str | None
    # a role held to one agency: (code, name) of it; its counts are its own campaigns' and its own people's
    agency: tuple[str, str] | None = None


def server_status(url: str) -> ServerStatus:
    from thidua_cli.services.ledger_admin import ledger_counts
    from thidua_cli.storage.schema import SCHEMA_VERSION

    connection = postgres.connect(url)
    try:
        version = postgres.schema_version(connection)
        postgres.refuse_newer(url, version)  # as `db status` refuses a newer file
        present = postgres.table_names(connection)
        counts = ledger_counts(connection, set(present))
        last = connection.execute("SELECT recorded_at FROM entry ORDER BY id DESC LIMIT 1").fetchone() \
            if "entry" in present else None
        agency = None
        if version is not None and version >= 14:  # agencies came with schema 14
            from thidua_cli.storage.agencies import role_agency_counts

            own = role_agency_counts(connection)
            if own is not None:
                # subjects and award history are the province's common record, readable by every office: an
                # office's status counts its own, as its campaigns, entries and rounds are its own
                agency = own[:2]
                counts["subjects"], counts["awards"], counts["corrected_awards"] = own[2:]
        return ServerStatus(postgres.shown(url), "PostgreSQL", postgres.server_version(connection), version,
                            SCHEMA_VERSION, counts, last[0] if last else None, agency)
    except BaseException as error:
        if postgres.is_driver_error(error):
            if getattr(error, "sqlstate", None) == "42501":  # a role granted nothing here: said as every command says it
                from thidua_cli.storage.server_ledger import server_error

                raise server_error(url, error, "đọc") from error
            raise postgres.connection_error(url, error) from error
        raise
    finally:
        connection.close()


def init_server(url: str) -> int:
    """Create the schema on an empty database, in one transaction; the schema version made."""
    from thidua_cli.storage.schema import SCHEMA_VERSION

    with postgres.admin_transaction(url) as connection:
        version = postgres.schema_version(connection)
        postgres.refuse_newer(url, version)
        if version is not None:
            raise ThiduaError(f"sổ PostgreSQL {postgres.shown(url)} đã có lược đồ (phiên bản {version}); không tạo lại")
        postgres.refuse_clashing_tables(connection, url)
        postgres.create_schema(connection)
    return SCHEMA_VERSION


def copy_between(source: str, destination: str, campaign: str | None = None):
    """`db copy SRC DEST [--campaign C]`: each named as `--db` is (a file path or a PostgreSQL URL without password)."""
    from thidua_cli.domain.vntext import clean
    from thidua_cli.storage.engine_copy import copy_ledger

    return copy_ledger(_target(source, "NGUỒN"), _target(destination, "ĐÍCH"), clean(campaign) if campaign is not None else None)


def _target(text: str, field: str) -> str | Path:
    if postgres.is_postgres_url(text):
        return postgres.checked_url(text, field)
    return Path(text)


# Records that are only ever appended: no role of an office may change or remove one, whatever client it uses.
APPEND_ONLY = ("entry", "void", "change_log")
# Who works for which agency is the administrator's to say: an office's role may read it, never change it.
# The ledger's own settings (`meta`: the schema version, where the chains begin) are the owner's too, and a
# chain's head is moved by every writer of the chain but removed by none.
ADMINISTERED = {"agency": "SELECT", "agency_role": "SELECT", "meta": "SELECT", "chain_head": "SELECT, INSERT, UPDATE"}


def grant_statements(role: str, read_only: bool = False, agency_id: int | None = None, province: bool = False) -> list[str]:
    """The SQL that lets `role` work on the ledger: an office's role writes, but the server itself keeps
    entries, voids and the change log append-only (INSERT and SELECT, never UPDATE or DELETE); with
    `read_only` (the province's reviewers), SELECT on everything and nothing else.

    The role is recorded in `agency_role` as working for `agency_id` (row-level security then holds it to
    that agency's campaigns, `storage.row_security`), or as the province's (`province`: it reads every agency)."""
    from thidua_cli.storage.postgres import sorted_tables

    quoted = _role_name(role)
    tables = [table.name for table in sorted_tables()]
    statements = [f"GRANT USAGE ON SCHEMA {_current_schema()} TO {quoted}"]
    statements += [f'REVOKE ALL ON "{table}" FROM {quoted}' for table in tables]
    for table in tables:
        if table in ADMINISTERED:
            rights = "SELECT" if read_only else ADMINISTERED[table]
        elif read_only:
            rights = "SELECT"
        elif table in APPEND_ONLY:
            rights = "SELECT, INSERT"
        else:
            rights = "SELECT, INSERT, UPDATE, DELETE"
        if rights:
            statements.append(f'GRANT {rights} ON "{table}" TO {quoted}')
    if not read_only:
        statements.append(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {_current_schema()} TO {quoted}")
    statements.append(f"DELETE FROM agency_role WHERE role = '{role}'")
    if agency_id is not None or province:
        statements.append(
            f"INSERT INTO agency_role (role, agency_id, province) VALUES ('{role}', {'NULL' if agency_id is None else int(agency_id)}, "
            f"{1 if province else 0})"
        )
    return statements


def _current_schema() -> str:
    return "CURRENT_SCHEMA"  # replaced by the schema's name when run (GRANT takes a name, not an expression)


def _role_name(role: str) -> str:
    import re

    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", role):
        from thidua_cli.errors import UsageError

        raise UsageError(f'VAI_TRÒ: "{role}" không phải tên vai trò PostgreSQL hợp lệ (chữ thường không dấu, số, gạch dưới)',
                         hint="ví dụ: van_phong_so_khcn")
    return f'"{role}"'


def grant_role(url: str, role: str, read_only: bool = False, run: bool = True, agency: str | None = None,
               province: bool = False) -> tuple[list[str], str | None]:
    """The grant statements with the schema named, run in one transaction unless only printed; and what the
    role saw before, when that changes ('cơ quan so-a', 'mọi cơ quan'), for the administrator to be told."""
    with postgres.admin_transaction(url) as connection:
        version = postgres.schema_version(connection)
        if version is None:
            raise ThiduaError(f"cơ sở dữ liệu {postgres.shown(url)} chưa có sổ thi đua; không cấp quyền được",
                              hint="tạo lược đồ trước: thidua --db URL db init")
        if run:
            postgres.refuse_unless_administrator(connection, url, "thidua db grant")
        agency_id = None
        if agency is not None:
            row = connection.execute("SELECT id FROM agency WHERE code = %s", (agency,)).fetchone()
            if row is None:
                raise ThiduaError(f'--agency: chưa có cơ quan "{agency}" trên sổ; không cấp quyền',
                                  hint=f'thêm cơ quan trước: thidua db agency add {agency} "Tên cơ quan"')
            agency_id = row[0]
        schema = connection.execute("SELECT current_schema()").fetchone()[0]
        statements = [s.replace("CURRENT_SCHEMA", f'"{schema}"') for s in grant_statements(role, read_only, agency_id, province)]
        if run:
            exists = connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
            if not exists:
                raise ThiduaError(f'máy chủ chưa có vai trò "{role}"; không cấp quyền',
                                  hint=f"tạo vai trò trước (quản trị máy chủ): CREATE ROLE {role} LOGIN;")
            before = _role_scope(connection, role)
            for statement in statements:
                connection.execute(statement)
            after = _role_scope(connection, role)
            return statements, before if before is not None and before != after else None
    return statements, None


def revoke_role(url: str, role: str) -> str | None:
    """Every right `grant_role` gave the role on this ledger, taken back in one transaction, and its agency
    forgotten; what it saw before (None: it had been granted nothing here)."""
    from thidua_cli.storage.postgres import sorted_tables

    quoted = _role_name(role)
    with postgres.admin_transaction(url) as connection:
        if postgres.schema_version(connection) is None:
            raise ThiduaError(f"cơ sở dữ liệu {postgres.shown(url)} chưa có sổ thi đua; không có quyền nào để thu hồi")
        postgres.refuse_unless_administrator(connection, url, "thidua db revoke")
        if connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is None:
            raise ThiduaError(f'máy chủ không có vai trò "{role}"; không có quyền nào để thu hồi')
        before = _role_scope(connection, role)
        schema = connection.execute("SELECT current_schema()").fetchone()[0]
        for table in sorted_tables():
            connection.execute(f'REVOKE ALL ON "{table.name}" FROM {quoted}')
        connection.execute(f'REVOKE ALL ON ALL SEQUENCES IN SCHEMA "{schema}" FROM {quoted}')
        connection.execute("DELETE FROM agency_role WHERE role = %s", (role,))
        return before


def _role_scope(connection, role: str) -> str | None:
    """What the role was granted to see: None when it was never granted."""
    row = connection.execute(
        "SELECT r.province, a.code FROM agency_role r LEFT JOIN agency a ON a.id = r.agency_id WHERE r.role = %s", (role,)
    ).fetchone()
    if row is None:
        granted = connection.execute("SELECT has_table_privilege(%s, 'entry', 'SELECT')", (role,)).fetchone()[0]
        return "phong trào chưa giao cơ quan nào" if granted else None
    return "mọi cơ quan (vai trò của tỉnh)" if row[0] else f"phong trào của cơ quan {row[1]}"
