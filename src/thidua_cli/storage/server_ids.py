"""Ids of entries, voids and changes: dense on a file, from sequences on a shared server (schema version 15);
import batches too are given back by a failed command there (version 16).

Why: ids numbered densely from one need one writer at a time across the whole
ledger (the next id is the last one plus one, known only once the writer before
has committed). On a province server that made every office wait for every
other. There the ids come from the table's sequence instead, a range reserved
at a time, so writers of different agencies run side by side; each campaign's
chain is still extended by one writer at a time (`chains.Heads` locks it), and
its ids grow in the order its records were chained, because a range is
reserved only once the chain's lock is held.

What a sequence costs: an id taken by a transaction that then fails is not
given back by PostgreSQL. thidua gives a range back itself (after the rollback,
or the part an append did not use) whenever no one has reserved after it, so
ids stay the same as on a file for the same files in the same order; only
writers racing each other leave gaps. A gap is therefore no sign of a deletion
from the first id taken from a sequence on (`<table>_ids_from_sequence` in
`meta`): there a deletion is found by the campaign chains — a broken link, or
a chain head whose record or count is gone — and the ledger-wide head in
`meta` is no longer kept (it would be the one row every writer waits on).
The ids before that point stay dense and are judged as before.
"""

from __future__ import annotations

CHAINED_TABLES = ("entry", "void", "change_log")
# tables whose ids a failed command gives back (version 16 adds the import batches and the registrations, whose
# numbers the office types: a dry run, or a refused file, took numbers that the next import then skipped —
# "lần nhập số 3" where a file says 2)
RETURNED_TABLES = (*CHAINED_TABLES, "import_batch", "registration")
# session-level lock held only while a range is reserved or given back ("thidu" in ASCII)
_RANGE_LOCK = 0x7468696475
_LARGEST_RANGE = 10_000


def meta_key(table: str) -> str:
    return f"{table}_ids_from_sequence"


def sequence_from(connection, table: str) -> int | None:
    """The first id of `table` that may have come from a sequence (ids before it are dense); None on a
    ledger that has never been on a server at version 15 (dense throughout)."""
    row = connection.execute("SELECT value FROM meta WHERE key = ?", (meta_key(table),)).fetchone()
    try:
        return int(row[0]) if row else None
    except (TypeError, ValueError):
        return None


def functions() -> list[str]:
    """The server's two functions, SECURITY DEFINER so that an office needs no right to move a sequence
    back: reserve `wanted` ids in one range; give a range back when nothing was reserved after it."""
    tables = ", ".join(f"'{table}'" for table in RETURNED_TABLES)
    return [
        f"""CREATE OR REPLACE FUNCTION thidua_reserve_ids(tbl text, wanted bigint) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    seq regclass;
    last_id bigint;
BEGIN
    IF tbl NOT IN ({tables}) OR wanted < 1 THEN
        RAISE EXCEPTION 'thidua_reserve_ids: %, %', tbl, wanted;
    END IF;
    seq := pg_get_serial_sequence(quote_ident(tbl), 'id')::regclass;
    PERFORM pg_advisory_lock({_RANGE_LOCK});
    last_id := setval(seq, nextval(seq) + wanted - 1);
    PERFORM pg_advisory_unlock({_RANGE_LOCK});
    RETURN last_id - wanted + 1;
END $$""",
        f"""CREATE OR REPLACE FUNCTION thidua_return_ids(tbl text, first_id bigint, last_id bigint) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    seq regclass;
    reached bigint;
    held bigint;
    returned boolean := false;
BEGIN
    IF tbl NOT IN ({tables}) OR first_id < 1 OR first_id > last_id THEN
        RETURN false;
    END IF;
    seq := pg_get_serial_sequence(quote_ident(tbl), 'id')::regclass;
    PERFORM pg_advisory_lock({_RANGE_LOCK});
    EXECUTE format('SELECT last_value FROM %s', seq) INTO reached;
    EXECUTE format('SELECT COALESCE(MAX(id), 0) FROM %I', tbl) INTO held;
    IF reached = last_id AND held < first_id THEN
        PERFORM setval(seq, GREATEST(first_id - 1, 1), first_id > 1);
        returned := true;
    END IF;
    PERFORM pg_advisory_unlock({_RANGE_LOCK});
    RETURN returned;
END $$""",
    ]


def start(connection) -> None:
    """From now on the server gives these tables' ids (a copy onto a server, or the version-15 migration
    there): where the dense ids end is kept, and each sequence goes on after the last id (or after the
    head `meta` recorded, if that is further: a deleted newest record stays a gap). Plain SQL without
    parameters, for the ledger's connection and a bare psycopg one alike (`db copy`)."""
    for table, head_key in zip(CHAINED_TABLES, ("entry_chain", "void_chain", "change_chain")):
        last = connection.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0]
        head = connection.execute(f"SELECT value FROM meta WHERE key = '{head_key}'").fetchone()
        number = str(head[0]).partition(":")[0] if head else ""
        reached = max(int(last), int(number) if number.isdigit() else 0)
        connection.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {max(reached, 1)}, {'true' if reached else 'false'})"
        )
        # a ledger copied back onto a server keeps where its dense ids ended
        connection.execute(
            f"INSERT INTO meta (key, value) VALUES ('{meta_key(table)}', '{reached + 1}') ON CONFLICT (key) DO NOTHING"
        )


def initial_meta() -> list[tuple[str, str]]:
    """The rows of a new server ledger: every id from a sequence."""
    return [(meta_key(table), "1") for table in CHAINED_TABLES]


def from_sequence(connection, table: str) -> bool:
    from thidua_cli.storage.dialect import is_postgres

    return is_postgres(connection) and sequence_from(connection, table) is not None


class Ids:
    """The ids one append gives its records, in order. `expected`: how many it will likely take.

    On a file (and on a server ledger older than version 15) each is the last one plus one, as before.
    On a server they come from the sequence, a range at a time; `finish` gives back what was not used,
    and a failed transaction gives back every range (`give_back_all`), when no one reserved after it."""

    def __init__(self, connection, table: str, last_id: int, expected: int = 1):
        self.connection = connection
        self.table = table
        self.server = from_sequence(connection, table)
        self.next_id = last_id + 1
        self.last_reserved = last_id if not self.server else 0
        self.wanted = max(1, expected)

    def take(self) -> int:
        if self.next_id > self.last_reserved:
            if not self.server:
                self.last_reserved = self.next_id
            else:
                self._reserve()
        taken = self.next_id
        self.next_id += 1
        return taken

    def _reserve(self) -> None:
        wanted = min(self.wanted, _LARGEST_RANGE)
        first = int(self.connection.execute("SELECT thidua_reserve_ids(?, ?)", (self.table, wanted)).fetchone()[0])
        self.next_id, self.last_reserved = first, first + wanted - 1
        _reservations(self.connection).append((self.table, first, self.last_reserved))
        self.wanted = wanted * 4

    def restart(self) -> None:
        """The next id after a new chain's lock is taken: a range reserved before it could hold ids lower
        than the ones that chain's last writer took."""
        if self.server:
            self.finish()
            self.last_reserved = 0

    def finish(self) -> None:
        """Gives back the unused end of the range reserved last."""
        if self.server and self.next_id <= self.last_reserved:
            self.connection.execute("SELECT thidua_return_ids(?, ?, ?)", (self.table, self.next_id, self.last_reserved))
            reservations = _reservations(self.connection)
            if reservations and reservations[-1][2] == self.last_reserved:
                table, first, _ = reservations[-1]
                if first < self.next_id:
                    reservations[-1] = (table, first, self.next_id - 1)
                else:
                    reservations.pop()
            self.last_reserved = self.next_id - 1


def reserve(connection, table: str, count: int = 1) -> int:
    """The first of `count` ids of `table` from its sequence on a server, given back with the others if the
    transaction fails (`RETURNED_TABLES`)."""
    first = int(connection.execute("SELECT thidua_reserve_ids(?, ?)", (table, count)).fetchone()[0])
    _reservations(connection).append((table, first, first + count - 1))
    return first


def _reservations(connection) -> list:
    found = getattr(connection, "reserved_ids", None)
    if found is None:
        found = connection.reserved_ids = []
    return found


def forget_reservations(connection) -> None:
    """After a commit: the ranges are the committed records' own."""
    if getattr(connection, "reserved_ids", None):
        connection.reserved_ids = []


def give_back_all(connection) -> None:
    """After a rollback: every range the transaction reserved, newest first, so that the ids the failed
    command took are taken again by the next one (as on a file). Best effort: a range someone reserved
    after stays a gap, and a connection that is gone gives nothing back."""
    reservations = getattr(connection, "reserved_ids", None)
    if not reservations:
        return
    connection.reserved_ids = []
    try:
        for table, first, last in reversed(reservations):
            connection.execute("SELECT thidua_return_ids(?, ?, ?)", (table, first, last))
    except Exception:  # noqa: BLE001 - the command's own failure is the one reported
        pass
