"""The register of outgoing documents (sổ đăng ký văn bản đi), schema version 8.

With `numbering = "register"` a campaign's tờ trình and biên bản take their
numbers from here: the next number of their series ("TTr-STTTT") in the year,
recorded against the document's key, so that writing the dossier again keeps
the number and no number is ever given to two documents. Call the writer
inside `Ledger.write()`.
"""

from __future__ import annotations

import sqlite3
from datetime import date


def number_for(
    connection: sqlite3.Connection, document: str, series: str, day: date, round_id: int | None, recorded_at: str
) -> int:
    """The number registered for `document`; a new one (the series' next in `day`'s year) if it has none."""
    from thidua_cli.storage.dialect import writing_agency

    row = connection.execute("SELECT number FROM document_number WHERE document = ?", (document,)).fetchone()
    if row is not None:
        return row[0]
    agency = _register_of(connection, round_id) or writing_agency(connection)
    # the series continues after the numbers the agency's campaigns' documents were given, in its register or, for
    # a campaign it took when another office was merged into it (`db agency merge`), in that office's
    last = connection.execute(
        "SELECT MAX(number) FROM document_number WHERE year = ? AND series = ? AND (agency = ? OR round_id IN "
        "(SELECT r.id FROM round r JOIN campaign c ON c.id = r.campaign_id WHERE c.agency_id = ?))",
        (day.year, series, agency, agency),
    ).fetchone()[0]
    number = (last or 0) + 1
    connection.execute(
        "INSERT INTO document_number (year, series, number, document, round_id, issued_on, recorded_at, agency) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (day.year, series, number, document, round_id, day.isoformat(), recorded_at, agency),
    )
    return number


def _register_of(connection, round_id: int | None) -> int | None:
    """The agency whose campaign the round is in (its register numbers the round's documents, whoever writes them:
    the office's role, the administrator, or anyone on a file backed up from the shared server); None outside a
    round or for a campaign of no agency (an office's own file)."""
    if round_id is None:
        return None
    row = connection.execute(
        "SELECT c.agency_id FROM round r JOIN campaign c ON c.id = r.campaign_id WHERE r.id = ?", (round_id,)).fetchone()
    return row[0] if row else None
