"""Agencies (cơ quan) sharing a ledger, and which agency each campaign belongs to (schema version 14)."""

from __future__ import annotations

from thidua_cli.storage.dialect import new_id


def agency_by_code(connection, code: str) -> tuple[int, str, str] | None:
    return connection.execute("SELECT id, code, name FROM agency WHERE code = ?", (code,)).fetchone()


def add_agency(connection, code: str, name: str, at: str) -> int:
    return new_id(connection.execute("INSERT INTO agency (code, name, added_at) VALUES (?, ?, ?) RETURNING id", (code, name, at)))


def campaign_agency(connection, campaign_id: int) -> str | None:
    """The code of the agency the campaign belongs to, None when it belongs to none."""
    row = connection.execute(
        "SELECT a.code FROM campaign c JOIN agency a ON a.id = c.agency_id WHERE c.id = ?", (campaign_id,)
    ).fetchone()
    return row[0] if row else None


def assign_campaigns(connection, agency_id: int, campaign_ids: list[int]) -> int:
    """The campaigns, and the subjects no agency holds yet that have entries or registrations in them
    (an office's file brought to the server: its people come with its campaigns); how many subjects.
    The imports of their entries come along. Once every campaign belongs to an agency, the subjects no agency
    holds and no campaign uses (people added but not yet scored), and the imports of subjects and award
    history, come along too: the file they came in was this office's."""
    connection.executemany("UPDATE campaign SET agency_id = ? WHERE id = ?", [(agency_id, c) for c in campaign_ids])
    taken = 0
    for campaign_id in campaign_ids:
        taken += connection.execute(
            "UPDATE subject SET agency_id = ? WHERE agency_id IS NULL AND (id IN (SELECT subject_id FROM entry WHERE campaign_id = ?) "
            "OR id IN (SELECT subject_id FROM registration WHERE campaign_id = ?))",
            (agency_id, campaign_id, campaign_id),
        ).rowcount
    connection.executemany(
        "UPDATE import_batch SET agency_id = ? WHERE agency_id IS NULL AND id IN (SELECT import_id FROM entry WHERE campaign_id = ?)",
        [(agency_id, c) for c in campaign_ids],
    )
    if campaign_ids and connection.execute("SELECT 1 FROM campaign WHERE agency_id IS NULL LIMIT 1").fetchone() is None:
        connection.execute("UPDATE import_batch SET agency_id = ? WHERE agency_id IS NULL", (agency_id,))
        taken += connection.execute(
            "UPDATE subject SET agency_id = ? WHERE agency_id IS NULL AND NOT EXISTS (SELECT 1 FROM entry e WHERE e.subject_id = subject.id) "
            "AND NOT EXISTS (SELECT 1 FROM registration r WHERE r.subject_id = subject.id)",
            (agency_id,),
        ).rowcount
    return taken


def list_agencies(connection) -> list[tuple[str, str, list[str], list[str], int]]:
    """(code, name, its campaigns' codes, the database roles working for it, how many subjects it keeps), by code."""
    campaigns: dict[int, list[str]] = {}
    for agency_id, code in connection.execute("SELECT agency_id, code FROM campaign WHERE agency_id IS NOT NULL ORDER BY code"):
        campaigns.setdefault(agency_id, []).append(code)
    roles: dict[int, list[str]] = {}
    for agency_id, role in connection.execute("SELECT agency_id, role FROM agency_role WHERE agency_id IS NOT NULL ORDER BY role"):
        roles.setdefault(agency_id, []).append(role)
    subjects = dict(connection.execute("SELECT agency_id, COUNT(*) FROM subject WHERE agency_id IS NOT NULL GROUP BY agency_id"))
    return [
        (code, name, campaigns.get(agency_id, []), roles.get(agency_id, []), subjects.get(agency_id, 0))
        for agency_id, code, name in connection.execute("SELECT id, code, name FROM agency ORDER BY code").fetchall()
    ]


def role_agency_counts(connection) -> tuple[str, str, int, int, int] | None:
    """On a shared server, for a role held to one agency: (its code, its name, its subjects — those of no agency
    too, as `dialect.own_subjects` counts them —, the awards in force it reports (`dialect.OWN_AWARDS`), its rows
    of corrected decisions). None when the role reads every agency (a file, the owner, the province). Statements
    without parameters: a bare psycopg connection runs them (`db status`)."""
    from thidua_cli.storage.decisions import LIVE_HISTORY
    from thidua_cli.storage.dialect import OWN_AWARDS
    from thidua_cli.storage.row_security import role_sees_all

    if role_sees_all(connection):
        return None
    agency = connection.execute("SELECT code, name FROM agency WHERE id = thidua_role_agency(current_user)").fetchone()
    if agency is None:
        return None
    own = "(s.agency_id IS NULL OR s.agency_id = thidua_role_agency(current_user))"
    subjects = connection.execute(f"SELECT COUNT(*) FROM subject s WHERE {own}").fetchone()[0]
    total, live = connection.execute(
        f"SELECT COUNT(*), COALESCE(SUM(CASE WHEN {LIVE_HISTORY} THEN 1 ELSE 0 END), 0) "
        f"FROM award_history h JOIN subject s ON s.id = h.subject_id WHERE {OWN_AWARDS.format(agency='thidua_role_agency(current_user)')}"
    ).fetchone()
    return agency[0], agency[1], int(subjects), int(live), int(total) - int(live)


def subject_agency(connection, subject_id: int) -> tuple[int, str] | None:
    """(id, code) of the agency the subject belongs to, None when it belongs to none."""
    return connection.execute(
        "SELECT a.id, a.code FROM subject s JOIN agency a ON a.id = s.agency_id WHERE s.id = ?", (subject_id,)
    ).fetchone()


def members_of_unit(connection, unit_code: str) -> list[str]:
    """Codes of the subjects whose unit is `unit_code`, by code."""
    return [row[0] for row in connection.execute("SELECT code FROM subject WHERE unit = ? ORDER BY code", (unit_code,))]


def move_subject(connection, subject_id: int, agency_id: int, unit: str | None) -> None:
    """The subject now kept by `agency_id`, in `unit` (None: no unit)."""
    connection.execute("UPDATE subject SET agency_id = ?, unit = ? WHERE id = ?", (agency_id, unit, subject_id))


def rename_agency(connection, agency_id: int, name: str) -> None:
    connection.execute("UPDATE agency SET name = ? WHERE id = ?", (name, agency_id))


def merge_agency(connection, merged_id: int, into_id: int) -> tuple[int, int, int]:
    """Everything `merged_id` keeps — its campaigns, its subjects, its imports — kept by `into_id` from now on;
    (campaigns, subjects, imports) moved. Its roles and its register of outgoing documents stay with it: the
    numbers it gave were its own, and which role works for the merged office is the administrator's choice."""
    moved = []
    for table in ("campaign", "subject", "import_batch"):
        moved.append(connection.execute(
            f"UPDATE {table} SET agency_id = ? WHERE agency_id = ?", (into_id, merged_id)).rowcount)
    return moved[0], moved[1], moved[2]


def agency_roles(connection, agency_id: int) -> list[str]:
    return [row[0] for row in connection.execute("SELECT role FROM agency_role WHERE agency_id = ? ORDER BY role", (agency_id,))]
