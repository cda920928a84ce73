"""Units by name: an individual's unit is kept as its collective's code (VP), documents print the name."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable


def unit_names(connection: sqlite3.Connection, codes: Iterable[str]) -> dict[str, str]:
    """code -> name of each code that is a collective subject; other codes are left out (printed as typed)."""
    wanted = sorted({code for code in codes if code})
    if not wanted:
        return {}
    marks = ", ".join("?" for _ in wanted)
    return dict(connection.execute(f"SELECT code, name FROM subject WHERE kind = 'collective' AND code IN ({marks})", wanted))
