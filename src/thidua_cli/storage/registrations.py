"""Registrations (đăng ký thi đua) and their reviews: rows are only ever added."""

from __future__ import annotations

from thidua_cli.storage.dialect import new_id

import sqlite3
from dataclasses import dataclass
from datetime import date

from thidua_cli.domain.models import Campaign
from thidua_cli.domain.registration import PENDING, Registration
from thidua_cli.storage.subjects import SUBJECT_WIDTH, subject_columns, subject_from_row


@dataclass(frozen=True)
class NewRegistration:
    campaign_id: int
    subject_id: int
    award: str
    targets: str
    day: date
    source: str
    recorded_by: str
    recorded_at: str


def insert_registrations(connection: sqlite3.Connection, rows: list[NewRegistration]) -> list[int]:
    """The new registrations' numbers, which the office types afterwards (`register approve 3 5 8`): on a server
    they are given back if the command fails or is a dry run, so that they are the numbers a file gives."""
    from thidua_cli.storage.dialect import is_postgres

    if is_postgres(connection) and rows:
        from thidua_cli.storage.server_ids import reserve

        first = reserve(connection, "registration", len(rows))
        ids = list(range(first, first + len(rows)))
        connection.executemany(
            "INSERT INTO registration (id, campaign_id, subject_id, award, targets, day, source, recorded_by, recorded_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(i, r.campaign_id, r.subject_id, r.award, r.targets, r.day.isoformat(), r.source, r.recorded_by, r.recorded_at)
             for i, r in zip(ids, rows)],
        )
        return ids
    ids = []
    for r in rows:
        cursor = connection.execute(
            "INSERT INTO registration (campaign_id, subject_id, award, targets, day, source, recorded_by, recorded_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (r.campaign_id, r.subject_id, r.award, r.targets, r.day.isoformat(), r.source, r.recorded_by, r.recorded_at),
        )
        ids.append(new_id(cursor))
    return ids


def insert_reviews(connection: sqlite3.Connection, ids: list[int], status: str, reason: str, by: str, at: str) -> None:
    connection.executemany(
        "INSERT INTO registration_review (registration_id, status, reason, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)",
        [(registration_id, status, reason, by, at) for registration_id in ids],
    )


def list_registrations(connection: sqlite3.Connection, campaign: Campaign) -> list[Registration]:
    """Every registration of the campaign with the status of its newest review, in the order recorded."""
    names = {award.code.casefold(): award.name for award in campaign.awards}
    sql = (
        f"SELECT {subject_columns('s')}, g.id, g.award, g.targets, g.day, g.recorded_by, v.status, v.reason, v.recorded_at "
        "FROM registration g JOIN subject s ON s.id = g.subject_id "
        "LEFT JOIN registration_review v ON v.id = (SELECT MAX(id) FROM registration_review WHERE registration_id = g.id) "
        "WHERE g.campaign_id = ? ORDER BY g.id"
    )
    rows = []
    for row in connection.execute(sql, (campaign.id,)):
        rest = row[SUBJECT_WIDTH:]
        rows.append(Registration(
            id=rest[0], subject=subject_from_row(row[:SUBJECT_WIDTH]), award=rest[1], award_name=names.get(rest[1].casefold(), rest[1]),
            targets=rest[2], day=date.fromisoformat(rest[3]), recorded_by=rest[4], status=rest[5] or PENDING,
            reason=rest[6] or "", reviewed_at=rest[7],
        ))
    return rows
