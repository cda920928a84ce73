"""Opening a session for one command, and undoing a ledger this command created if it fails."""

from __future__ import annotations

from contextlib import contextmanager

from thidua_cli.services.session import Session, ledger_path
from thidua_cli.storage.ledger import Ledger, discard_new_ledger


@contextmanager
def session_for(db: str | None, create: bool = False):
    path = ledger_path(db)
    ledger = Ledger.open(path, create=create)
    try:
        yield Session(ledger)
    except BaseException:
        ledger.close()
        if ledger.created:
            discard_new_ledger(path)
        raise
    else:
        ledger.close()
