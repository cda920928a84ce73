"""trial20: the province's administrator merges one office into another, renames it and archives campaigns on a
real server (tests/pg.py), checking what each role sees afterwards."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest
from conftest import MINI_CAMPAIGN
from test_postgres_engine import server_rows
from test_postgres_agencies import province  # noqa: F401  (the fixture: offices so-a, so-b and the province)

pytestmark = pytest.mark.sqlite_only  # runs once, in the SQLite pass: it starts its own server roles itself

REGISTER = MINI_CAMPAIGN.replace("base_salary = 1490000", 'base_salary = 1490000\nnumbering = "register"', 1)


def _register_campaign(thidua, code: str) -> str:
    return str(thidua.write(f"{code}.toml", REGISTER.replace('code = "mini"', f'code = "{code}"', 1)))


def _numbers(out) -> dict[str, str]:
    found = {}
    for path in sorted(out.rglob("*.md")):
        match = re.search(r"Số: ([^< ]+)", path.read_text(encoding="utf-8"))
        if match:
            found[str(path.relative_to(out))] = match[1]
    return found


def test_a_merged_offices_round_keeps_its_numbers_when_the_office_that_took_it_writes_it_again(thidua, province, tmp_path):
    """Office B numbered round 1 of its campaign from its register; merged into office A, office A writing that
    round's dossier again (record-votes) failed: it could not read the number B's register gave the document, so it
    tried to give it a second one, which the register's one-number-per-document rule refused."""
    owner, a, b = province["owner"], province["office_a"], province["office_b"]
    thidua.ok("--db", b, "campaign", "load", _register_campaign(thidua, "rb"))
    thidua.ok("--db", b, "add-entry", "-c", "rb", "-s", "B1", "-k", "TC1", "-p", "45", "-d", "2021-11-10")
    out = tmp_path / "ho-so"
    thidua.ok("--db", b, "propose-awards", "-c", "rb", "--out", str(out))
    before = _numbers(out)
    assert before and all(n.startswith("01/") for n in before.values()), before
    thidua.ok("--db", owner, "db", "agency", "merge", "so-b", "--into", "so-a")
    votes = thidua.write("phieu.csv", "subject,award,votes\nB1,GK,7\n")
    done = thidua("--db", a, "record-votes", "1", "-c", "rb", "--file", str(votes), "--date", "2021-12-20",
                   "--members", "7")
    assert done.exit_code == 0, (done.stdout, done.stderr)
    assert _numbers(out) == before
    for role in ("office_a", "office_b", "tinh", "owner"):
        checked = thidua("--db", province[role], "check")
        assert checked.exit_code == 0, (role, checked.stdout, checked.stderr)


def test_the_office_that_took_a_merged_offices_campaign_continues_its_series_not_from_01_again(thidua, province, tmp_path):
    """Office B gave round 1 of its campaign 01/BB-HĐTĐKT and 01/TTr-…; merged into office A (whose register had
    none), round 2 of the same campaign was numbered 01 again by office A's register: two documents of the same
    series and year with the same number. The register of the office that took the campaign continues after the
    numbers its campaigns' documents were given: 02."""
    owner, a, b = province["owner"], province["office_a"], province["office_b"]
    thidua.ok("--db", b, "campaign", "load", _register_campaign(thidua, "rb"))
    thidua.ok("--db", b, "add-entry", "-c", "rb", "-s", "B1", "-k", "TC1", "-p", "45", "-d", "2021-11-10")
    first = tmp_path / "dot-1"
    thidua.ok("--db", b, "propose-awards", "-c", "rb", "--out", str(first))
    thidua.ok("--db", b, "record-decision", "1", "-c", "rb", "--number", "12/QĐ-SB", "--date", "2021-12-20")
    thidua.ok("--db", owner, "db", "agency", "merge", "so-b", "--into", "so-a")
    thidua.ok("--db", a, "add-entry", "-c", "rb", "-s", "A1", "-k", "TC1", "-p", "45", "-d", "2021-11-11")
    second = tmp_path / "dot-2"
    thidua.ok("--db", a, "propose-awards", "-c", "rb", "--out", str(second), "--allow-overlap")
    # the administrator writing a round of the campaign numbers it from the register of the office holding it
    thidua.ok("--db", owner, "subject", "add", "--code", "C1", "--name", "Lê Văn Cường", "--kind", "individual")
    thidua.ok("--db", owner, "add-entry", "-c", "rb", "-s", "C1", "-k", "TC1", "-p", "45", "-d", "2021-11-12")
    third = tmp_path / "dot-3"
    thidua.ok("--db", owner, "propose-awards", "-c", "rb", "--out", str(third), "--allow-overlap")
    numbers = [n for out in (first, second, third) for n in sorted(_numbers(out).values()) if "/QĐ-" not in n]
    series = {n.split("/", 1)[1] for n in numbers}
    assert sorted(numbers) == sorted(f"{i:02d}/{s}" for s in series for i in (1, 2, 3)), numbers
    assert server_rows(owner)["document_number"]


def test_the_merged_offices_role_cannot_change_the_numbers_of_the_campaigns_it_gave_away(thidua, province):
    """After `db agency merge so-b --into so-a`, office B's role (told it now works for an office with nothing) could
    still renumber or delete, through psql, the register's numbers of the rounds of the campaign office A now holds
    (the rows stayed in B's register): a re-written dossier would then take another number. It changes none now."""
    import psycopg

    owner, b = province["owner"], province["office_b"]
    thidua.ok("--db", b, "campaign", "load", _register_campaign(thidua, "rb"))
    thidua.ok("--db", b, "add-entry", "-c", "rb", "-s", "B1", "-k", "TC1", "-p", "45", "-d", "2021-11-10")
    thidua.ok("--db", b, "propose-awards", "-c", "rb", "--out", str(thidua.folder / "ho-so"))
    with psycopg.connect(b) as connection:  # before the merge, its own register is its own to keep
        assert connection.execute("UPDATE document_number SET recorded_at = recorded_at").rowcount == 2
        connection.rollback()
    thidua.ok("--db", owner, "db", "agency", "merge", "so-b", "--into", "so-a")
    before = server_rows(owner)["document_number"]
    with psycopg.connect(b) as connection:
        assert connection.execute("DELETE FROM document_number").rowcount == 0
        connection.commit()
    with psycopg.connect(b) as connection:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("UPDATE document_number SET number = number + 10")
    assert server_rows(owner)["document_number"] == before and len(before) == 2


def test_a_province_backup_used_as_a_file_continues_each_offices_register(thidua, province, tmp_path):
    """The province's ledger backed up to a SQLite file (`db backup`) and worked on as a file: a new round of an
    office's campaign was numbered in the file's register of no agency, 01 again beside the 01 its office had given
    in the same series and year. It continues the register of the agency holding the campaign."""
    b = province["office_b"]
    thidua.ok("--db", b, "campaign", "load", _register_campaign(thidua, "rb"))
    thidua.ok("--db", b, "add-entry", "-c", "rb", "-s", "B1", "-k", "TC1", "-p", "45", "-d", "2021-11-10")
    first = tmp_path / "dot-1"
    thidua.ok("--db", b, "propose-awards", "-c", "rb", "--out", str(first))
    thidua.ok("--db", b, "record-decision", "1", "-c", "rb", "--number", "12/QĐ-SB", "--date", "2021-12-20")
    copy = tmp_path / "sao-luu.db"
    thidua.ok("--db", province["owner"], "db", "backup", str(copy))
    thidua.ok("--db", str(copy), "subject", "add", "--code", "C1", "--name", "Lê Văn Cường", "--kind", "individual")
    thidua.ok("--db", str(copy), "add-entry", "-c", "rb", "-s", "C1", "-k", "TC1", "-p", "45", "-d", "2021-11-12")
    second = tmp_path / "dot-2"
    thidua.ok("--db", str(copy), "propose-awards", "-c", "rb", "--out", str(second), "--allow-overlap")
    numbers = [n for out in (first, second) for n in sorted(_numbers(out).values()) if "/QĐ-" not in n]
    series = {n.split("/", 1)[1] for n in numbers}
    assert sorted(numbers) == sorted(f"{i:02d}/{s}" for s in series for i in (1, 2)), numbers
    assert thidua("--db", str(copy), "check").exit_code == 0


def test_a_schema_24_server_gets_the_register_policies_at_its_upgrade(thidua, province, postgres_server):
    """The register policies above came with `db init`; a server ledger at schema 24 kept the old ones (the merged
    office renumbering the campaigns it gave away). Schema 25 makes them again on the administrator's upgrade."""
    import psycopg

    from thidua_cli.storage.schema import SCHEMA_VERSION

    owner, b = province["owner"], province["office_b"]
    database = owner.split("?")[0].rsplit("/", 1)[1]
    thidua.ok("--db", b, "campaign", "load", _register_campaign(thidua, "rb"))
    thidua.ok("--db", b, "add-entry", "-c", "rb", "-s", "B1", "-k", "TC1", "-p", "45", "-d", "2021-11-10")
    thidua.ok("--db", b, "propose-awards", "-c", "rb", "--out", str(thidua.folder / "ho-so"))
    thidua.ok("--db", owner, "db", "agency", "merge", "so-b", "--into", "so-a")
    own = "agency = COALESCE((SELECT thidua_role_agency(current_user)), 0)"
    postgres_server.psql(  # the policies of schema 24
        "DROP POLICY thidua_update_document_number ON document_number; DROP POLICY thidua_delete_document_number ON "
        f"document_number; CREATE POLICY thidua_update_document_number ON document_number FOR UPDATE USING ({own}) "
        f"WITH CHECK ({own}); CREATE POLICY thidua_delete_document_number ON document_number FOR DELETE USING ({own}); "
        "UPDATE meta SET value = '24' WHERE key = 'schema_version';", database)
    with psycopg.connect(b) as connection:  # the hole, as it was on a schema-24 server (rolled back)
        assert connection.execute("DELETE FROM document_number").rowcount == 2
        connection.rollback()
    upgraded = thidua.ok("--db", owner, "db", "upgrade")
    assert f"lên {SCHEMA_VERSION}" in upgraded.stderr, upgraded.stderr
    before = server_rows(owner)["document_number"]
    with psycopg.connect(b) as connection:
        assert connection.execute("DELETE FROM document_number").rowcount == 0
        connection.commit()
    assert server_rows(owner)["document_number"] == before and len(before) == 2
    for role in ("office_a", "office_b", "owner"):
        assert thidua("--db", province[role], "check").exit_code == 0, role
