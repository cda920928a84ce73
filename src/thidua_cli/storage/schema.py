"""Creating and migrating the ledger schema.

Schema changes are numbered functions (`MIGRATIONS`); `meta.schema_version`
records the last one applied. A ledger from an older version is backed up,
then migrated; one from a newer version is refused.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

SCHEMA_VERSION = 1
APPLICATION = "thidua"


def create_schema(path: str) -> None:
    """Create every table and index on an empty SQLite file (SQLModel is the source of truth)."""
    from sqlalchemy import create_engine
    from sqlmodel import SQLModel

    from thidua_cli.storage import tables  # noqa: F401  (registers the tables)

    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as connection:
            SQLModel.metadata.create_all(connection)
            connection.exec_driver_sql(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?), ('application', ?)",
                (str(SCHEMA_VERSION), APPLICATION),
            )
    finally:
        engine.dispose()


def schema_version(connection: sqlite3.Connection) -> int | None:
    try:
        row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError:
        return None
    return int(row[0]) if row else None


# version -> function migrating from version-1 to version, run inside one transaction
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {}
