"""One hash chain per campaign (schema version 14) for entries, voids and the change log.

Why per campaign: on a shared server an office reads only its own campaigns
(row-level security), so it could neither verify nor extend one chain running
through every office's rows. From schema version 14 on, each new record's
`prev_hash` is the hash of the record before it *in the same campaign* (a void
goes with its entry's campaign; a change with no campaign, such as a subject's,
goes in chain 0), and the head of each chain is a `chain_head` row, read inside
the writing transaction (locked `FOR UPDATE` on PostgreSQL).

Records written before version 14 keep the one chain they were written in: the
migration does not rewrite a single hash, so a verification code printed on a
paper signed before the upgrade still holds. `meta` says where the campaign
chains begin (`<table>_campaign_chains_from`, the first id chained by
campaign); the rows before it are verified as the one old chain.

On a file the ids stay dense across the table and `meta` keeps the table's
global head and count as before, so deleting any record is also found by the
gap it leaves. On a server (version 15) ids come from sequences and the chains
alone find a deletion (`storage.server_ids`).
"""

from __future__ import annotations

from thidua_cli.storage.hashchain import GENESIS

CHAINED_TABLES = ("entry", "void", "change_log")
# the first key of each table's chain locks on a server (the second is the campaign)
_CHAIN_LOCKS = {"entry": 0x74680001, "void": 0x74680002, "change_log": 0x74680003}


def from_key(table: str) -> str:
    return f"{table}_campaign_chains_from"


def chains_from(connection, table: str) -> int | None:
    """The first id of `table` chained by campaign; None on a ledger older than version 14 (one chain only)."""
    row = connection.execute("SELECT value FROM meta WHERE key = ?", (from_key(table),)).fetchone()
    try:
        return int(row[0]) if row else None
    except (TypeError, ValueError):
        return None


def campaign_key(campaign_id) -> int:
    """The chain a record goes in: its campaign's, or chain 0 for records that belong to no campaign."""
    return campaign_id if type(campaign_id) is int else 0


class Heads:
    """The heads of one table's campaign chains, as one write transaction moves them.

    Read once per campaign (locked on PostgreSQL until the transaction ends), moved in memory as
    records are chained, written back by `save`. On a ledger older than version 14 (a migration
    sealing changes before step 14 has run) every record goes on the one chain whose head is `global_head`."""

    def __init__(self, connection, table: str, global_head: tuple[int, str]):
        from thidua_cli.storage.dialect import is_postgres

        self.connection = connection
        self.table = table
        self.server = is_postgres(connection)
        self.lock = " FOR UPDATE" if self.server else ""
        self.one_chain = chains_from(connection, table) is None
        self.heads: dict[int, list] = {}  # campaign -> [last id, last hash, count, known on disk]
        if self.one_chain:
            self.heads[0] = [global_head[0], global_head[1], 0, True]

    def chain(self, campaign: int) -> list:
        """The campaign's head as a mutable [last id, last hash, count, known on disk]: a big append moves it
        in place (`advance` does the same, one call per record)."""
        return self._head(campaign)

    def _head(self, campaign: int) -> list:
        if self.one_chain:
            return self.heads[0]
        head = self.heads.get(campaign)
        if head is None:
            if self.server:
                # one writer per chain until commit, even before the chain has a head row to lock
                self.connection.execute("SELECT pg_advisory_xact_lock(?, ?)", (_CHAIN_LOCKS[self.table], campaign))
            row = self.connection.execute(
                f"SELECT last_id, last_hash, count FROM chain_head WHERE tbl = ? AND campaign_id = ?{self.lock}",
                (self.table, campaign),
            ).fetchone()
            head = self.heads[campaign] = [row[0], row[1], row[2], True] if row else [0, GENESIS, 0, False]
        return head

    def previous(self, campaign: int) -> str:
        return self._head(campaign)[1]

    def last(self, campaign: int) -> tuple[int, str]:
        head = self._head(campaign)
        return head[0], head[1]

    def advance(self, campaign: int, record_id: int, digest: str) -> None:
        head = self._head(campaign)
        head[0], head[1], head[2] = record_id, digest, head[2] + 1

    def save(self) -> None:
        if self.one_chain:
            return
        updates = [(h[0], h[1], h[2], self.table, c) for c, h in self.heads.items() if h[3]]
        inserts = [(self.table, c, h[0], h[1], h[2]) for c, h in self.heads.items() if not h[3] and h[2]]
        if updates:
            self.connection.executemany(
                "UPDATE chain_head SET last_id = ?, last_hash = ?, count = ? WHERE tbl = ? AND campaign_id = ?", updates
            )
        if inserts:
            self.connection.executemany(
                "INSERT INTO chain_head (tbl, campaign_id, last_id, last_hash, count) VALUES (?, ?, ?, ?, ?)", inserts
            )
        for head in self.heads.values():
            head[3] = head[3] or bool(head[2])


def read_heads(connection, table: str) -> dict[int, tuple[int, str, int]]:
    """Every campaign chain head of `table` this connection may read: campaign -> (last id, last hash, count)."""
    return {
        campaign: (last_id, last_hash, count)
        for campaign, last_id, last_hash, count in connection.execute(
            "SELECT campaign_id, last_id, last_hash, count FROM chain_head WHERE tbl = ?", (table,)
        )
    }


def start_campaign_chains(connection) -> None:
    """Version 14: the records written from now on are chained by campaign; the ones before stay one chain."""
    rows = []
    for table in CHAINED_TABLES:
        last = connection.execute(f"SELECT MAX(id) FROM {table}").fetchone()[0] or 0
        key = "change_chain" if table == "change_log" else f"{table}_chain"
        head = connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        try:
            recorded = int(str(head[0]).partition(":")[0]) if head else 0
        except ValueError:
            recorded = 0
        rows.append((from_key(table), str(max(last, recorded) + 1)))
    # a ledger that already chains by campaign keeps where its chains begin
    connection.executemany("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", rows)
