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


def server_status(url: str) -> ServerStatus:
    from thidua_cli.services.ledger_admin import COUNTED
    from thidua_cli.storage.schema import SCHEMA_VERSION

    connection = postgres.connect(url)
    try:
        version = postgres.schema_version(connection)
        postgres.refuse_newer(url, version)  # as `db status` refuses a newer file
        present = postgres.table_names(connection)
        counts = {key: connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] if table in present else 0
                  for key, (table, _) in COUNTED.items()}
        last = connection.execute("SELECT recorded_at FROM entry ORDER BY id DESC LIMIT 1").fetchone() \
            if "entry" in present else None
        return ServerStatus(postgres.shown(url), "PostgreSQL", postgres.server_version(connection), version,
                            SCHEMA_VERSION, counts, last[0] if last else None)
    except BaseException as error:
        if postgres.is_driver_error(error):
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


def copy_between(source: str, destination: str):
    """`db copy SRC DEST`: each named as `--db` is (a file path or a PostgreSQL URL without password)."""
    from thidua_cli.storage.engine_copy import copy_ledger

    return copy_ledger(_target(source, "NGUỒN"), _target(destination, "ĐÍCH"))


def _target(text: str, field: str) -> str | Path:
    if postgres.is_postgres_url(text):
        return postgres.checked_url(text, field)
    return Path(text)
