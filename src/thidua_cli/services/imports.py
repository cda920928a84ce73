"""Import batches: recognising a file imported before, listing the imports, undoing one."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from thidua_cli.domain.formats import format_date
from thidua_cli.errors import NotFound, ThiduaError
from thidua_cli.services.entries import void_reason
from thidua_cli.services.ledger_session import session_for
from thidua_cli.services.session import current_user, now_text
from thidua_cli.storage import entries as entry_store
from thidua_cli.storage import imports as store

KIND_LABELS = {"entries": "mục ghi", "subjects": "đối tượng", "awards": "lịch sử khen thưởng", "ratings": "xếp loại",
               "registrations": "đăng ký thi đua", "discipline": "kỷ luật"}
# what an office does instead when it would void an import that is not of entries
_MENDED_BY = {
    "subjects": "đối tượng sửa lại bằng subject import tệp đúng",
    "awards": "lịch sử khen thưởng chưa huỷ được theo lần nhập",
    "ratings": "xếp loại sửa lại bằng ratings import tệp đúng --replace",
    "registrations": "đăng ký ghi nhầm thì trả lại từng số: thidua register return SỐ --reason …",
    "discipline": "kỷ luật ghi nhầm thì huỷ từng số: thidua discipline cancel SỐ --reason …",
}


def subject_rows(path, kind, sheet, columns, notes, report, errors: list, subjects, others: dict[int, str] | None = None):
    """Each readable row of a subject-keyed import file (award history, ratings, registrations), as
    (row, fail, subject): `report.rows` and `report.converted` are kept up to date, a row the reader
    refused adds its problems to `errors`, `fail(column, value, why)` names a cell of the row, and the
    subject is None when the row names none the ledger knows, or one of `others` (subject id -> whose it
    is: another office's, on a shared server) — the cell already named."""
    from thidua_cli.errors import RowError
    from thidua_cli.services.subject_lookup import row_subject
    from thidua_cli.services.readers import read_rows

    for row in read_rows(path, kind, sheet, columns, notes):
        report.rows += 1
        report.converted.extend(row.converted)
        if row.problems:
            errors.extend(row.problems)
            continue

        def fail(column, value, why, row=row):
            named = row.cells.get(column)
            if named is None:  # a field the file has no column for: named by its label, not its code
                named = f"{kind.column(column).label} (tệp không có cột này)" if column in kind.fields() else column
            errors.append(RowError(row.where, named, value, why))

        who = row_subject(row, subjects, lambda _row, column, value, why: fail(column, value, why), notes)
        if who is not None and others and who.id in others:
            fail("subject", who.code, f"là đối tượng {others[who.id]}; {OTHERS_RECORDS}")
            who = None
        yield row, fail, who


OTHERS_RECORDS = "trên sổ chung, mỗi văn phòng chỉ ghi khen thưởng, xếp loại cho đối tượng của cơ quan mình"


def file_sha256(path: str | Path) -> str | None:
    """The file's SHA-256 (read in 1 MB chunks); None when it cannot be read (the reader then says why)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _day(at: str) -> str:
    """'2021-11-05T01:30:00+00:00' → '05/11/2021'."""
    from datetime import date

    try:
        return format_date(date.fromisoformat(at[:10]))
    except ValueError:
        return at[:10]


def describe(batch: store.Batch) -> str:
    """'lần nhập số 3 (tệp x.csv, 05/11/2021, Nguyễn Văn An, 712 dòng)'."""
    day = _day(batch.at)
    sheet = f', trang tính "{batch.sheet}"' if batch.sheet else ""
    return f"lần nhập số {batch.id} (tệp {batch.file}{sheet}, {day}, {batch.by}, {batch.rows} dòng)"


def seen_before(connection, kind: str, sha256: str | None, sheet: str | None = None) -> store.Batch | None:
    """The batch that imported this file (this --sheet of it) before, if any. A read-only archive is refused first:
    "imported before, skipped" would read as if the file could have gone in (trial20)."""
    from thidua_cli.storage.dialect import archived_campaign

    archive = archived_campaign(connection)
    if archive is not None:
        from thidua_cli.storage.ledger import archive_refusal

        raise archive_refusal(connection.execute("PRAGMA database_list").fetchone()[2], archive)  # always a file
    return store.batch_of_file(connection, kind, sha256, sheet=sheet) if sha256 else None


def voided_before(connection, kind: str, sha256: str | None, sheet: str | None = None) -> str | None:
    """The warning for a file whose very content was imported by a batch voided since (a wrong file, likely)."""
    batch = store.batch_of_file(connection, kind, sha256, voided=True, sheet=sheet) if sha256 else None
    if batch is None:
        return None
    return (f"tệp này có cùng nội dung (SHA-256) với {describe(batch)}, lần nhập đã bị huỷ ngày {_day(batch.voided_at)} "
            f"(lý do: {batch.void_reason}) — các dòng ấy được ghi lại: nếu lần ấy huỷ vì tệp sai thì tệp này vẫn là tệp sai")


def skipped_message(path: str, batch: store.Batch, campaign: str | None = None) -> str:
    """What to tell when a file (a sheet of it) was imported before."""
    again = (
        f"; muốn nhập lại tệp này (ví dụ với --column), huỷ lần nhập đó trước: thidua void-import {batch.id} --reason \"…\""
        if batch.kind == "entries" else ""
    )
    into = f" vào phong trào {campaign}" if campaign else ""
    what = f'trang tính "{batch.sheet}" của tệp' if batch.sheet else "tệp"
    return f"{what} {Path(path).name} đã được nhập{into} ở {describe(batch)} — bỏ qua, không ghi gì{again}"


def list_imports(db: str | None) -> list[store.Batch]:
    with session_for(db) as session:
        return store.batches(session.connection)


@dataclass(frozen=True)
class VoidedImport:
    batch: store.Batch
    voided: int


def void_import(db: str | None, batch_id: int, reason: str, by: str | None = None) -> VoidedImport:
    """Void every live entry of the batch in one transaction; the batch is marked voided."""
    reason_text = void_reason(reason, batch_id, "lần nhập")
    with session_for(db) as session:
        with session.ledger.write() as connection:
            found = store.batch(connection, batch_id)
            if found is None:
                raise NotFound(f"không có lần nhập số {batch_id}", hint="xem các lần nhập: thidua imports")
            if found.voided:
                raise ThiduaError(f"{describe(found)} đã bị huỷ trước đó ({_day(found.voided_at)}: {found.void_reason})")
            if found.kind != "entries":
                raise ThiduaError(
                    f"{describe(found)} là tệp {KIND_LABELS.get(found.kind, found.kind)}: chỉ huỷ được lần nhập mục ghi",
                    hint=_MENDED_BY.get(found.kind),
                )
            ids = store.live_entry_ids(connection, batch_id)
            who, at = current_user(by), now_text()
            entry_store.insert_voids(connection, ids, f"{reason_text} (huỷ lần nhập số {batch_id})", who, at)
            store.mark_voided(connection, batch_id, at, reason_text, who)
        return VoidedImport(store.batch(session.connection, batch_id), len(ids))
