"""Opening a session for one command, and undoing a ledger this command created if it fails."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager

from thidua_cli.services.session import Session, open_ledger
from thidua_cli.storage.ledger import discard_new_ledger, is_environmental, storage_error
from thidua_cli.storage.schema import SCHEMA_VERSION


@contextmanager
def session_for(db: str | None, create: bool = False, migrate: bool = True, dry_run: bool = False):
    """The ledger for one command. A failure of the file or disk while reading becomes one `Lỗi:` line
    (writes are mapped by `Ledger.write`); a ledger this command created is removed if the command fails.

    `dry_run`: the command promises to write nothing — not even the upgrade of an older ledger (it said "Đã nâng
    cấp sổ …" and then "Chưa ghi gì"): such a ledger is refused, naming `db upgrade`."""
    ledger = open_ledger(db, create=create, migrate=migrate and not dry_run)
    path = ledger.path
    if dry_run and migrate and ledger.version < SCHEMA_VERSION:
        from thidua_cli.errors import UsageError

        old = ledger.version
        ledger.close()
        raise UsageError(f"--dry-run: sổ {path} ở lược đồ {old}, bản thidua này dùng lược đồ {SCHEMA_VERSION}; chạy thử "
                         "không ghi gì vào sổ, kể cả việc nâng cấp",
                         hint="nâng cấp sổ trước (có sao lưu): thidua db upgrade — rồi chạy thử lại")
    if ledger.migrated_from is not None:
        from thidua_cli.render.output import info

        old, backup = ledger.migrated_from
        info(f"Đã nâng cấp sổ {path} từ lược đồ {old} lên {SCHEMA_VERSION}; bản sao lưu trước khi nâng cấp: {backup}")
        if ledger.sealed_on_migration:
            info("Đã niêm phong quy định, đối tượng, khen thưởng, đợt xét, bản huỷ và đăng ký thi đua hiện có làm bản ghi đầu của nhật ký thay đổi (thidua log)")
        elif old < 13 <= SCHEMA_VERSION:  # schema 13 adds the registrations to a log schema 12 began
            info("Đã niêm phong các đăng ký thi đua và kết quả duyệt hiện có vào nhật ký thay đổi (thidua log)")
    try:
        yield Session(ledger)
    except sqlite3.Error as error:
        _close(ledger)
        if is_environmental(error):
            raise storage_error(path, error, "đọc") from error
        raise
    except Exception as error:
        _close(ledger)
        from thidua_cli.storage.postgres import is_driver_error

        if is_driver_error(error):
            from thidua_cli.storage.server_ledger import server_error

            raise server_error(ledger.url, error, "đọc") from error
        raise
    except BaseException:
        _close(ledger)
        raise
    else:
        ledger.close()


def _close(ledger) -> None:
    if ledger.created and getattr(ledger, "engine", None) == "postgresql":
        ledger.discard_if_blank()
    elif ledger.created:
        discard_new_ledger(ledger)
    else:
        ledger.close()
