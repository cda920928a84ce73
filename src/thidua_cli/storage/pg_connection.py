"""A PostgreSQL connection with the call shape of the stdlib `sqlite3` one, so that every query in
`storage/` is written once and runs on both engines.

Design and invariants:
- Queries keep the DB-API `?` marks of sqlite3. Each SQL text is translated once (cached) to
  psycopg's `%s`: marks inside quoted strings and identifiers stay as they are, and a literal `%`
  is doubled. The SQL itself is the subset both engines read the same way (standard SQL,
  `ON CONFLICT`, `RETURNING`, `COALESCE`, `FILTER`); where they differ, `storage/dialect.py`
  gives the one expression each engine needs.
- Values travel as SQLite holds them: dates as ISO text and truth values as 0/1 (the server's
  columns are TEXT and INTEGER, see `postgres.ddl`), so that rows, hashes and JSON read the same
  from either engine.
- Parameters are bound on the client (`psycopg.ClientCursor`), as sqlite3 binds them: a `?` in
  any position (`? IS NULL`, `COALESCE(?, …)`) means what it means on SQLite, with no type for
  the server to guess.
- The connection is in autocommit mode; `Ledger.write()` opens and closes each transaction
  itself, exactly as on SQLite (`BEGIN` … `COMMIT`).
"""

from __future__ import annotations

from functools import lru_cache

ENGINE = "postgresql"
_BATCH_ROWS = 5_000


@lru_cache(maxsize=4096)
def translated(sql: str) -> str:
    """sqlite3's marks in psycopg's words: `?` → `%s`, `:name` → `%(name)s`, and `%` → `%%`, outside
    quoted strings and quoted identifiers."""
    out = []
    quote = None
    index, length = 0, len(sql)
    while index < length:
        char = sql[index]
        if quote:
            out.append("%%" if char == "%" else char)
            if char == quote:
                quote = None
        elif char in ("'", '"'):
            quote = char
            out.append(char)
        elif char == "?":
            out.append("%s")
        elif char == "%":
            out.append("%%")
        elif char == ":" and index + 1 < length and (sql[index + 1].isalpha() or sql[index + 1] == "_") \
                and (index == 0 or sql[index - 1] != ":"):
            end = index + 1
            while end < length and (sql[end].isalnum() or sql[end] == "_"):
                end += 1
            out.append(f"%({sql[index + 1:end]})s")
            index = end
            continue
        else:
            out.append(char)
        index += 1
    return "".join(out)


class PgConnection:
    """Wraps an open psycopg connection (autocommit); `execute`/`executemany` take `?` marks."""

    engine = ENGINE

    def __init__(self, raw, url: str):
        import psycopg

        raw.cursor_factory = psycopg.ClientCursor
        self.raw = raw
        self.url = url
        _adapt_values(raw)

    def execute(self, sql: str, parameters=()):
        cursor = self.raw.cursor()
        cursor.execute(translated(sql), _listed(parameters))
        return cursor

    def executemany(self, sql: str, rows):
        """Rows in batches: the rows may come from a generator that itself reads the ledger (as
        sqlite3 allows), which psycopg's pipelined executemany cannot interleave."""
        from itertools import islice

        query, rows = translated(sql), iter(rows)
        cursor = self.raw.cursor()
        while batch := [_listed(row) for row in islice(rows, _BATCH_ROWS)]:
            cursor.executemany(query, batch)
        return cursor

    def stream(self, sql: str, parameters=(), size: int = 10_000):
        """Rows of a large result, fetched from the server in batches (flat memory)."""
        with self.raw.cursor() as cursor:
            yield from cursor.stream(translated(sql), _listed(parameters), size=size)

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def close(self) -> None:
        self.raw.close()


def _listed(parameters):
    if isinstance(parameters, dict):
        return parameters
    return list(parameters)


def _adapt_values(raw) -> None:
    """Dates as ISO text and truth values as 0/1, as the sqlite3 module stores them."""
    from datetime import date, datetime

    from psycopg.adapt import Dumper
    from psycopg.types.string import StrDumper

    class TruthAsInteger(Dumper):
        oid = raw.adapters.types["int8"].oid

        def dump(self, value):
            return b"1" if value else b"0"

    class DateAsText(StrDumper):  # noqa: D401
        def dump(self, value):
            return value.isoformat().encode("utf-8")

    class DateTimeAsText(StrDumper):
        def dump(self, value):
            return value.isoformat(" ").encode("utf-8")

    raw.adapters.register_dumper(bool, TruthAsInteger)
    raw.adapters.register_dumper(date, DateAsText)
    raw.adapters.register_dumper(datetime, DateTimeAsText)
