"""The only code that talks to the database.

Design and invariants:
- The schema is declared once, with SQLModel, in `tables.py`; it is created
  (and migrated, see `schema.py`) through SQLAlchemy only when a ledger is
  created or upgraded. Every other access uses the standard library's
  `sqlite3` with plain, portable SQL (`queries.py`), so that a clerk's
  `add-entry` or a `score` over a million entries does not pay SQLAlchemy's
  start-up. A test checks that the SQL and the SQLModel schema agree.
- Points are integer hundredths; weights, thresholds and percentages are
  decimal strings. Nothing is stored as a float.
- Entries and voids are append-only and hash-chained (`hashchain.py`); the
  head of each chain is kept in `meta`; `integrity.py` verifies them (and
  gathers the other facts `thidua check` judges).
- Every write is one `BEGIN IMMEDIATE` transaction (`Ledger.write`); opening,
  creating, migrating and every SQLite failure are handled in `ledger.py`.
"""
