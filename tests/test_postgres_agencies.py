"""Many offices on one province server, each in its own room (issue 12): agencies, roles and
row-level security enforced by PostgreSQL itself, and one hash chain per campaign, so that an office
that reads only its own rows still verifies and extends its chains. Real server (tests/pg.py)."""

from __future__ import annotations

import json

import psycopg
import pytest
from conftest import MINI_CAMPAIGN, assert_refused
from test_postgres_engine import server_rows

pytestmark = pytest.mark.sqlite_only  # runs once, in the SQLite pass: it starts its own server roles itself


def _campaign(thidua, code: str) -> str:
    return str(thidua.write(f"{code}.toml", MINI_CAMPAIGN.replace('code = "mini"', f'code = "{code}"', 1)))


@pytest.fixture
def province(thidua, pg_url, postgres_server):
    """A province server with two offices (so-a, so-b), each with a campaign and entries, and a province role."""
    database = pg_url.split("?")[0].rsplit("/", 1)[1]
    owner = pg_url
    roles = {key: f"{key}_{database}" for key in ("office_a", "office_b", "tinh")}  # roles are the whole server's
    thidua.ok("--db", owner, "db", "init")
    postgres_server.psql("".join(f"CREATE ROLE {role} LOGIN; " for role in roles.values()), database)
    thidua.ok("--db", owner, "db", "agency", "add", "so-a", "Sở A")
    thidua.ok("--db", owner, "db", "agency", "add", "so-b", "Sở B")
    thidua.ok("--db", owner, "db", "grant", roles["office_a"], "--agency", "so-a")
    thidua.ok("--db", owner, "db", "grant", roles["office_b"], "--agency", "so-b")
    thidua.ok("--db", owner, "db", "grant", roles["tinh"], "--province", "--read-only")
    urls = {key: pg_url.replace("postgres@", f"{role}@") for key, role in roles.items()}
    a, b = urls["office_a"], urls["office_b"]
    thidua.ok("--db", a, "campaign", "load", _campaign(thidua, "ma"))
    thidua.ok("--db", b, "campaign", "load", _campaign(thidua, "mb"))
    thidua.ok("--db", a, "subject", "add", "--code", "A1", "--name", "Nguyễn Văn An", "--kind", "individual")
    thidua.ok("--db", b, "subject", "add", "--code", "B1", "--name", "Trần Thị Bình", "--kind", "individual")
    # interleaved, so that each office's ids have gaps where the other's rows are
    for day in ("2021-11-02", "2021-11-03", "2021-11-04"):
        thidua.ok("--db", a, "add-entry", "-c", "ma", "-s", "A1", "-k", "TC1", "-p", "5", "-d", day)
        thidua.ok("--db", b, "add-entry", "-c", "mb", "-s", "B1", "-k", "TC1", "-p", "7", "-d", day)
    thidua.ok("--db", a, "void-entry", "3", "--reason", "Ghi nhầm")
    thidua.ok("--db", b, "void-entry", "4", "--reason", "Ghi nhầm")
    return {"owner": owner, **urls, "roles": roles}


def _campaigns(thidua, url: str) -> list[str]:
    return [c["code"] for c in json.loads(thidua.ok("--db", url, "campaign", "list", "--format", "json").stdout)["campaigns"]]


def _entries(thidua, url: str, campaign: str) -> list[int]:
    return [e["id"] for e in json.loads(thidua.ok("--db", url, "entries", "-c", campaign, "--format", "json").stdout)["entries"]]


def test_each_office_sees_only_its_own_campaigns_and_the_province_sees_all(thidua, province):
    assert _campaigns(thidua, province["office_a"]) == ["ma"]
    assert _campaigns(thidua, province["office_b"]) == ["mb"]
    assert sorted(_campaigns(thidua, province["tinh"])) == ["ma", "mb"]
    assert _entries(thidua, province["office_a"], "ma") == [1, 5]  # 3 is voided
    assert _entries(thidua, province["tinh"], "mb") == [2, 6]
    listed = json.loads(thidua.ok("--db", province["owner"], "db", "agency", "list", "--format", "json").stdout)["agencies"]
    # an office reads who is who (not secret), and only its own campaigns
    seen_by_a = json.loads(thidua.ok("--db", province["office_a"], "db", "agency", "list", "--format", "json").stdout)["agencies"]
    assert [(x["code"], x["campaigns"]) for x in seen_by_a] == [("so-a", ["ma"]), ("so-b", [])]
    assert listed == [
        {"code": "so-a", "name": "Sở A", "campaigns": ["ma"], "roles": [province["roles"]["office_a"]], "subjects": 1},
        {"code": "so-b", "name": "Sở B", "campaigns": ["mb"], "roles": [province["roles"]["office_b"]], "subjects": 1},
    ]
    # every chain each of them can read verifies: the offices' own, and all of them for the province
    for role in ("office_a", "office_b", "tinh", "owner"):
        done = thidua("--db", province[role], "check")
        assert done.exit_code == 0, (role, done.stdout, done.stderr)


def test_an_office_cannot_read_or_write_another_offices_rows_through_thidua(thidua, province):
    a = province["office_a"]
    before = server_rows(province["owner"])
    for args in (
        ["score", "-c", "mb", "--format", "json"],
        ["add-entry", "-c", "mb", "-s", "B1", "-k", "TC1", "-p", "1", "-d", "2021-11-05"],
        ["entries", "-c", "mb"],
    ):
        result = thidua("--db", a, *args)
        assert result.exit_code == 1, (args, result.stdout, result.stderr)
        assert result.stderr.startswith("Lỗi: ") and "mb" in result.stderr.splitlines()[0], result.stderr
        assert "Traceback" not in result.stderr
    # a campaign code another office holds: it cannot be seen, but the line says why the code is taken
    result = thidua("--db", a, "campaign", "load", _campaign(thidua, "mb"))
    assert result.exit_code == 1 and result.stderr.startswith('Lỗi: mã phong trào "mb" đã có trên sổ chung'), result.stderr
    assert "có thể thuộc một cơ quan khác" in result.stderr and "Traceback" not in result.stderr
    result = thidua("--db", a, "void-entry", "4", "--reason", "Không phải của mình")
    assert result.exit_code == 1 and result.stderr.startswith("Lỗi: ") and "4" in result.stderr.splitlines()[0], result.stderr
    assert server_rows(province["owner"]) == before


def test_an_office_with_psql_is_held_by_the_server_itself(thidua, province, postgres_server):
    before = server_rows(province["owner"])
    with psycopg.connect(province["office_a"]) as connection:
        assert connection.execute("SELECT COUNT(*) FROM entry").fetchone()[0] == 3
        assert connection.execute("SELECT code FROM campaign").fetchall() == [("ma",)]
        assert connection.execute("SELECT COUNT(*) FROM void").fetchone()[0] == 1
        # another office's rows are not there to change: nothing is updated or deleted
        assert connection.execute("UPDATE campaign SET name = 'Đổi tên' WHERE code = 'mb'").rowcount == 0
        assert connection.execute("UPDATE criterion SET max_points = 1 WHERE campaign_id <> "
                                  "(SELECT id FROM campaign WHERE code = 'ma')").rowcount == 0
        assert connection.execute("DELETE FROM round").rowcount == 0
        connection.commit()
    campaign_b = postgres_server.rows(province["owner"], "SELECT id FROM campaign WHERE code = 'mb'")[0][0]
    criterion_b = postgres_server.rows(province["owner"], f"SELECT id FROM criterion WHERE campaign_id = {campaign_b}")[0][0]
    for sql in (
        # an entry into office B's campaign, a criterion for it, a campaign given to office B
        "INSERT INTO entry (id, campaign_id, subject_id, criterion_id, day, points, note, evidence, recorded_by, recorded_at, "
        f"fingerprint, prev_hash, hash, seal) VALUES (99, {campaign_b}, 1, {criterion_b}, '2021-11-09', 100, '', '', 'x', 'x', 'x', 'x', 'x', 2)",
        f"INSERT INTO criterion (campaign_id, code, name, applies_to, max_points, min_points, weight, position) "
        f"VALUES ({campaign_b}, 'X', 'X', 'both', 1, 0, '1', 9)",
        "UPDATE campaign SET agency_id = (SELECT id FROM agency WHERE code = 'so-b') WHERE code = 'ma'",
        "UPDATE agency_role SET province = 1",
        "INSERT INTO agency_role (role, province) VALUES ('someone', 1)",
    ):
        with psycopg.connect(province["office_a"]) as connection:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(sql)
    assert server_rows(province["owner"]) == before


def test_the_province_reads_every_office_and_award_history_is_common(thidua, province):
    thidua.ok("--db", province["office_b"], "awards", "add", "-s", "B1", "-a", "Bằng khen của Chủ tịch UBND tỉnh",
              "-n", "12/QĐ-UBND", "-d", "2021-06-01", "--issuer", "Chủ tịch UBND tỉnh")
    seen = json.loads(thidua.ok("--db", province["office_a"], "awards", "-s", "B1", "--format", "json").stdout)
    assert [a["number"] for a in seen["awards"]] == ["12/QĐ-UBND"]  # office B's award, read by office A
    # a past award of office A's person is office A's to record
    result = thidua("--db", province["office_b"], "awards", "add", "-s", "A1", "-a", "Giấy khen", "-n", "3/QĐ-SB", "-d", "2021-06-01")
    assert result.exit_code == 1 and "A1 — Nguyễn Văn An là đối tượng của cơ quan so-a" in result.stderr, result.stderr
    for campaign in ("ma", "mb"):
        standings = json.loads(thidua.ok("--db", province["tinh"], "score", "-c", campaign, "--format", "json").stdout)
        assert standings["standings"]
    result = thidua("--db", province["tinh"], "add-entry", "-c", "ma", "-s", "A1", "-k", "TC1", "-p", "1", "-d", "2021-11-05")
    assert result.exit_code == 1 and "chỉ được đọc sổ" in result.stderr


def test_each_campaign_has_its_own_chain_and_check_names_a_break_in_it(thidua, province, postgres_server):
    heads = dict(postgres_server.rows(
        province["owner"], "SELECT c.code, h.count FROM chain_head h JOIN campaign c ON c.id = h.campaign_id WHERE h.tbl = 'entry'"))
    assert heads == {"ma": 3, "mb": 3}
    links = postgres_server.rows(province["owner"], "SELECT id, prev_hash, (SELECT hash FROM entry p WHERE p.id = e.id - 2) "
                                                    "FROM entry e WHERE id > 2 ORDER BY id")
    assert all(prev == before for _, prev, before in links)  # each entry follows the one before it in its own campaign
    with psycopg.connect(province["owner"]) as connection:  # the administrator, behind thidua's back
        connection.execute("UPDATE entry SET points = 900 WHERE id = 4")
    done = thidua("--db", province["office_b"], "check")
    assert done.exit_code == 1 and "mục ghi số 4" in done.stdout, (done.stdout, done.stderr)
    assert thidua("--db", province["office_a"], "check").exit_code == 0  # office A's chains are intact


def test_an_office_cannot_back_up_its_partial_view_as_if_it_were_the_whole_ledger(thidua, province, tmp_path):
    target = tmp_path / "luu-tru.db"
    result = thidua("--db", province["office_a"], "db", "backup", str(target))
    assert result.exit_code == 1 and "chỉ đọc được phong trào của cơ quan mình" in result.stderr, result.stderr
    assert result.stderr.startswith("Lỗi: ") and not target.exists()
    thidua.ok("--db", province["tinh"], "db", "backup", str(target))  # the province reads every row: the whole ledger
    assert thidua("--db", str(target), "check").exit_code == 0
    assert sorted(_campaigns(thidua, str(target))) == ["ma", "mb"]


def test_db_grant_prints_the_agency_and_refuses_an_unknown_one(thidua, province):
    role = province["roles"]["office_a"]
    printed = thidua.ok("--db", province["owner"], "db", "grant", role, "--agency", "so-a", "--print").stdout
    assert f"INSERT INTO agency_role (role, agency_id, province) VALUES ('{role}', 1, 0);" in printed
    assert f'GRANT SELECT ON "agency_role" TO "{role}";' in printed
    assert 'UPDATE, DELETE ON "agency_role"' not in printed and 'UPDATE, DELETE ON "agency"' not in printed
    before = server_rows(province["owner"])
    result = thidua("--db", province["owner"], "db", "grant", role, "--agency", "so-khong-co")
    assert result.exit_code == 1 and result.stderr.startswith('Lỗi: --agency: chưa có cơ quan "so-khong-co"'), result.stderr
    assert server_rows(province["owner"]) == before
    both = thidua("--db", province["owner"], "db", "grant", role, "--agency", "so-a", "--province")
    assert both.exit_code == 2 and both.stderr.startswith("Lỗi: --agency và --province: một vai trò làm cho một cơ quan")
    assert server_rows(province["owner"]) == before
    # granting again as it was says nothing more; moving a role to another agency is said
    assert thidua.ok("--db", province["owner"], "db", "grant", role, "--agency", "so-a").stderr.count("\n") == 1
    moved = thidua.ok("--db", province["owner"], "db", "grant", role, "--agency", "so-b").stderr
    assert moved.splitlines()[-1] == f"Cảnh báo: trước lần cấp này, vai trò {role} thấy phong trào của cơ quan so-a; từ nay không còn"


def test_every_office_reads_the_provinces_subjects_but_changes_only_its_own(thidua, province):
    b = province["office_b"]
    assert "Nguyễn Văn An" in thidua.ok("--db", b, "subject", "list").stdout  # A's person, read by B
    before = server_rows(province["owner"])
    result = thidua("--db", b, "subject", "block", "A1", "--reason", "Không phải người của sở B")
    assert result.exit_code == 1 and result.stderr.startswith(
        "Lỗi: ĐỐI_TƯỢNG: A1 — Nguyễn Văn An là đối tượng của cơ quan so-a; trên sổ chung, mỗi văn phòng chỉ sửa được đối tượng "
        "của cơ quan mình"), result.stderr
    result = thidua("--db", b, "subject", "add", "--code", "A1", "--name", "Nguyễn Văn An", "--kind", "individual", "--unit", "X")
    assert result.exit_code == 1 and result.stderr.startswith("Lỗi: --code: A1 — Nguyễn Văn An là đối tượng của cơ quan so-a")
    # nor record another office's person's awards or ratings
    result = thidua("--db", b, "awards", "add", "-s", "A1", "-a", "Lao động tiên tiến", "-n", "1/QĐ-SB", "-d", "2021-12-20",
                    "--category", "danh-hieu")
    assert result.exit_code == 1 and result.stderr.startswith(
        "Lỗi: --subject: A1 — Nguyễn Văn An là đối tượng của cơ quan so-a; trên sổ chung, mỗi văn phòng chỉ ghi khen thưởng"), result.stderr
    rated = thidua.write("xep-loai.csv", "subject,year,rating\nB1,2020,Hoàn thành tốt nhiệm vụ\nA1,2020,Hoàn thành tốt nhiệm vụ\n")
    result = thidua("--db", b, "ratings", "import", str(rated))
    assert result.exit_code == 1 and 'dòng 3, cột "subject": "A1"' in result.stderr, result.stderr
    assert "là đối tượng của cơ quan so-a; trên sổ chung, mỗi văn phòng chỉ ghi khen thưởng, xếp loại" in result.stderr
    # a person of the same name as another office's is no twin of it
    twin = thidua.write("cung-ten.csv", "code,name,kind\nB9,Nguyễn Văn An,individual\n")
    assert "trùng tên" not in thidua.ok("--db", b, "subject", "import", str(twin), "--dry-run").stderr
    # a file naming another office's person: the row and the agency are named, even in a dry run
    listed = thidua.write("doi-tuong.csv", "code,name,kind\nB2,Lê Văn Cường,individual\nA1,Nguyễn Văn An,individual\n")
    for dry in ((), ("--dry-run",)):
        result = thidua("--db", b, "subject", "import", str(listed), *dry)
        assert result.exit_code == 1 and "dòng 3" in result.stderr and "A1" in result.stderr, result.stderr
        assert "là đối tượng của cơ quan so-a; trên sổ chung, mỗi văn phòng chỉ sửa được" in result.stderr
    with psycopg.connect(b) as connection:  # refused by the server, not skipped in silence
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("UPDATE subject SET name = 'Tên khác' WHERE code = 'A1'")
    with psycopg.connect(b) as connection:
        assert connection.execute("DELETE FROM subject WHERE code = 'A1'").rowcount == 0
        connection.commit()
    assert server_rows(province["owner"]) == before
    thidua.ok("--db", province["office_a"], "subject", "block", "A1", "--reason", "Đang xem xét kỷ luật")
    assert thidua("--db", province["office_a"], "check").exit_code == 0


def test_each_office_numbers_its_own_register_and_a_schema_13_register_is_carried_over(thidua, province, postgres_server):
    owner = province["owner"]
    database = owner.split("?")[0].rsplit("/", 1)[1]
    # the register as schema 13 had it: numbers unique per year and series, for every office at once
    postgres_server.psql(
        "ALTER TABLE document_number DROP COLUMN agency CASCADE; ALTER TABLE document_number ADD UNIQUE (year, series, number); "
        "INSERT INTO document_number (id, year, series, number, document, issued_on, recorded_at) "
        "VALUES (7, 2025, 'BB-HĐTĐKT', 12, 'ma/1/bien-ban', '2025-12-01', 'x'); "
        "UPDATE meta SET value = '13' WHERE key = 'schema_version';", database)
    assert "Đã nâng cấp sổ" in thidua.ok("--db", owner, "subject", "add", "--code", "X1", "--name", "Lê Văn X",
                                          "--kind", "individual").stderr
    assert postgres_server.rows(owner, "SELECT id, number, agency FROM document_number") == [(7, 12, 0)]
    keys = postgres_server.rows(owner, "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                                       "WHERE conrelid = 'document_number'::regclass AND contype = 'u' ORDER BY 1")
    assert keys == [("UNIQUE (agency, year, series, number)",), ("UNIQUE (document)",)]
    # the same series and number in two offices' registers: each office sees and numbers its own
    agencies = dict(postgres_server.rows(owner, "SELECT code, id FROM agency"))
    with psycopg.connect(owner) as connection:
        connection.execute(
            "INSERT INTO document_number (year, series, number, document, issued_on, recorded_at, agency) VALUES "
            f"(2026, 'BB-HĐTĐKT', 1, 'ma/2/bien-ban', '2026-01-05', 'x', {agencies['so-a']}), "
            f"(2026, 'BB-HĐTĐKT', 1, 'mb/1/bien-ban', '2026-01-06', 'x', {agencies['so-b']})")
    with psycopg.connect(province["office_a"]) as connection:
        assert connection.execute("SELECT document FROM document_number").fetchall() == [("ma/2/bien-ban",)]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("INSERT INTO document_number (year, series, number, document, issued_on, recorded_at, agency) "
                               f"VALUES (2026, 'BB-HĐTĐKT', 2, 'x', '2026-01-07', 'x', {agencies['so-b']})")
    assert thidua("--db", owner, "check").exit_code == 0


def _award_of_office_b(province, postgres_server) -> int:
    """An award given in office B's campaign mb, as record-decision writes it; gives mb's id."""
    from thidua_cli.services.session import open_ledger

    (subject,), = postgres_server.rows(province["owner"], "SELECT id FROM subject WHERE code = 'B1'")
    (campaign,), = postgres_server.rows(province["owner"], "SELECT id FROM campaign WHERE code = 'mb'")
    ledger = open_ledger(province["office_b"])
    try:
        with ledger.write():
            ledger.connection.execute(
                "INSERT INTO award_history (subject_id, award, name, number, day, issuer, source, campaign_id, recorded_at) "
                "VALUES (?, 'GK', 'Giấy khen', '5/QĐ-SB', '2021-12-20', 'Giám đốc Sở B', 'decision', ?, '2021-12-20T00:00:00')",
                (subject, campaign))
    finally:
        ledger.close()
    return campaign


def test_award_history_of_another_offices_campaign_does_not_break_an_offices_check(thidua, province, postgres_server):
    """Award history is read province-wide, with its changes; the rest of another campaign's chain is not.
    An office judges only the chains whose heads it can read."""
    campaign = _award_of_office_b(province, postgres_server)
    changes = postgres_server.rows(province["owner"], "SELECT campaign_id FROM change_log WHERE tbl = 'award_history'")
    assert changes == [(campaign,)]  # in mb's chain of changes, read by every office
    for role in ("office_a", "office_b", "tinh"):
        done = thidua("--db", province[role], "check")
        assert done.exit_code == 0, (role, done.stdout, done.stderr)


def test_the_log_names_a_campaign_of_another_office_as_such(thidua, province, postgres_server):
    """An office reads the province's award history and its changes, not the other office's campaign:
    the log says whose the campaign is instead of an id that looks like a deleted record."""
    campaign = _award_of_office_b(province, postgres_server)
    award = "Thêm khen thưởng đã nhận GK 5/QĐ-SB của đối tượng B1"
    seen_by_a = thidua.ok("--db", province["office_a"], "log").stdout
    assert f"{award} của phong trào #{campaign} (của cơ quan khác)" in seen_by_a
    seen_by_province = thidua.ok("--db", province["tinh"], "log").stdout
    assert f"{award} của phong trào mb" in seen_by_province
    assert "của cơ quan khác" not in seen_by_province


def test_an_offices_standings_rank_only_its_own_people(thidua, province):
    """Every office reads the province's subjects, but its scores, quotas and reports are its own people's."""
    for role in ("office_a", "owner", "tinh"):
        ranked = json.loads(thidua.ok("--db", province[role], "score", "-c", "ma", "--format", "json").stdout)["standings"]
        assert [row["subject"] for row in ranked] == ["A1"], role
    ranked = json.loads(thidua.ok("--db", province["office_b"], "score", "-c", "mb", "--format", "json").stdout)["standings"]
    assert [row["subject"] for row in ranked] == ["B1"]
    for role in ("office_a", "owner"):  # explaining someone the campaign does not rank: one line, not a crash
        refused = thidua("--db", province[role], "score", "-c", "ma", "--explain", "B1")
        assert refused.exit_code == 1 and refused.stderr.startswith(
            "Lỗi: --explain: B1 — Trần Thị Bình là đối tượng của cơ quan so-b, không thuộc cơ quan giữ phong trào ma"), refused.stderr
    report = json.loads(thidua.ok("--db", province["office_a"], "report", "-c", "ma", "--month", "2021-11", "--format", "json").stdout)
    assert "B1" not in json.dumps(report, ensure_ascii=False)
    # nor its statistics, nor its check's warnings (it cannot see the entries of another office's people)
    thidua.ok("--db", province["office_b"], "awards", "add", "-s", "B1", "-a", "Lao động tiên tiến", "-n", "5/QĐ-SB",
              "-d", "2021-12-20", "--category", "danh-hieu")
    assert "B1" in thidua.ok("--db", province["tinh"], "stats", "--year", "2021", "--format", "json").stdout
    assert "B1" not in thidua.ok("--db", province["office_a"], "stats", "--year", "2021", "--format", "json").stdout
    # the province's figures are headed as the sum of the agencies they count; an office's as its own
    heading = thidua.ok("--db", province["tinh"], "stats", "--year", "2021", "--format", "md").stdout.splitlines()[2]
    assert heading.startswith("Tổng hợp: Sở A, Sở B — các biểu ban hành theo"), heading
    heading = thidua.ok("--db", province["office_a"], "stats", "--year", "2021", "--format", "md").stdout.splitlines()[2]
    assert not heading.startswith("Tổng hợp"), heading
    checked = thidua("--db", province["office_a"], "check", "--all")
    assert checked.exit_code == 0 and "B1" not in checked.stdout + checked.stderr, checked.stdout


def test_an_office_cannot_change_the_ledgers_settings_chain_heads_or_another_offices_imports(thidua, province, tmp_path):
    path = tmp_path / "b.csv"
    path.write_text("date,subject,criterion,points,note,evidence\n2021-11-20,B1,TC1,1,Nhập từ tệp,\n", encoding="utf-8")
    thidua.ok("--db", province["office_b"], "import-entries", str(path), "--campaign", "mb")
    before = server_rows(province["owner"])
    for sql in ("UPDATE meta SET value = '99' WHERE key = 'schema_version'", "DELETE FROM chain_head"):
        with psycopg.connect(province["office_a"]) as connection:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(sql)
    with psycopg.connect(province["office_a"]) as connection:  # another office's import is not there to change
        assert connection.execute("UPDATE import_batch SET file = 'sua.csv'").rowcount == 0
        connection.commit()
    assert server_rows(province["owner"]) == before
    # office A neither sees office B's import nor can void it; B's own list and void work
    assert json.loads(thidua.ok("--db", province["office_a"], "imports", "--format", "json").stdout)["imports"] == []
    refused = thidua("--db", province["office_a"], "void-import", "1", "--reason", "Nhầm")
    assert refused.exit_code == 1 and refused.stderr.startswith("Lỗi: không có lần nhập số 1")
    assert server_rows(province["owner"]) == before
    assert [i["file"] for i in json.loads(thidua.ok("--db", province["office_b"], "imports", "--format", "json").stdout)["imports"]] == ["b.csv"]
    thidua.ok("--db", province["office_b"], "void-import", "1", "--reason", "Nhập nhầm")


def test_an_office_scores_only_its_own_people_in_its_campaign(thidua, province, tmp_path):
    before = server_rows(province["owner"])
    refused = thidua("--db", province["office_a"], "add-entry", "-c", "ma", "-s", "B1", "-k", "TC1", "-p", "1", "-d", "2021-11-05")
    assert refused.exit_code == 1
    assert refused.stderr.startswith("Lỗi: --subject: B1 — Trần Thị Bình là đối tượng của cơ quan so-b, không thuộc cơ quan "
                                     "giữ phong trào ma"), refused.stderr
    path = tmp_path / "a.csv"
    path.write_text("date,subject,criterion,points,note,evidence\n2021-11-20,A1,TC1,1,Của A,\n2021-11-21,B1,TC1,1,Nhầm người,\n",
                    encoding="utf-8")
    refused = thidua("--db", province["office_a"], "import-entries", str(path), "--campaign", "ma")
    assert refused.exit_code == 1
    assert "dòng 3" in refused.stderr and "B1" in refused.stderr and "là đối tượng của cơ quan so-b" in refused.stderr, refused.stderr
    assert server_rows(province["owner"]) == before


def test_a_verification_code_of_another_office_is_not_its_to_judge(thidua, province):
    import re

    printed = thidua.ok("--db", province["office_b"], "report", "-c", "mb", "--month", "2021-11", "--format", "md").stdout
    code = re.search(r"Mã kiểm tra: ([0-9A-F-]+ \(sổ [0-9.]+\))", printed).group(1)
    refused = thidua("--db", province["office_a"], "check", "--code", code)
    assert refused.exit_code == 1
    assert refused.stderr.startswith(f"Lỗi: mã kiểm tra {code} nói về các bản ghi mà vai trò này không đọc được"), refused.stderr
    for role in ("office_b", "tinh"):
        held = thidua("--db", province[role], "check", "--code", code)
        assert held.exit_code == 0 and f"Mã kiểm tra {code} khớp" in held.stderr, (role, held.stderr)


def test_db_revoke_takes_back_every_right_and_the_agency(thidua, province):
    role = province["roles"]["office_b"]
    done = thidua.ok("--db", province["owner"], "db", "revoke", role)
    assert done.stderr.startswith(f"Đã thu hồi quyền của vai trò {role} trên ") and "phong trào của cơ quan so-b" in done.stderr
    refused = thidua("--db", province["office_b"], "score", "-c", "mb")
    assert refused.exit_code == 1 and refused.stderr.startswith("Lỗi: vai trò PostgreSQL chưa được cấp quyền trên sổ")
    listed = json.loads(thidua.ok("--db", province["owner"], "db", "agency", "list", "--format", "json").stdout)["agencies"]
    assert [agency["roles"] for agency in listed] == [[province["roles"]["office_a"]], []]
    again = thidua.ok("--db", province["owner"], "db", "revoke", role)
    assert again.stderr.startswith(f"Vai trò {role} chưa được cấp quyền nào trên ")
    unknown = thidua("--db", province["owner"], "db", "revoke", "khong_co_ai")
    assert unknown.exit_code == 1 and 'máy chủ không có vai trò "khong_co_ai"' in unknown.stderr


def test_the_provinces_read_only_role_is_told_it_only_reads(thidua, province):
    before = server_rows(province["owner"])
    role = province["roles"]["tinh"]
    for args in (["add-entry", "-c", "ma", "-s", "A1", "-k", "TC1", "-p", "1", "-d", "2021-11-06"],
                 ["subject", "add", "--code", "T9", "--name", "Lê Văn Tỉnh", "--kind", "individual"]):
        refused = thidua("--db", province["tinh"], *args)
        assert refused.exit_code == 1 and refused.stderr.startswith(f"Lỗi: vai trò {role} chỉ được đọc sổ "), refused.stderr
        assert "Gợi ý: ghi bằng vai trò của văn phòng giữ phong trào ấy" in refused.stderr
    # an administrator's command run with it is sent to the administrator, not to an office (trial5)
    refused = thidua("--db", province["tinh"], "db", "agency", "add", "so-c", "Sở C")
    assert refused.exit_code == 1 and refused.stderr.startswith(f"Lỗi: vai trò {role} chỉ được đọc sổ "), refused.stderr
    assert "Gợi ý: việc quản trị sổ chung (db agency, db grant) làm bằng vai trò quản trị, chủ của lược đồ" in refused.stderr
    assert server_rows(province["owner"]) == before


def test_a_schema_17_server_gets_discipline_each_office_keeping_to_its_own_subjects(thidua, province, postgres_server):
    """Schema 20 adds `discipline`. On a server made before it, the roles already granted get the rights they have
    on ratings: an office records its own subjects' measures and reads every office's (the province's rules see
    them all), and cannot record one for another office's subject."""
    owner = province["owner"]
    database = owner.split("?")[0].rsplit("/", 1)[1]
    postgres_server.psql("DROP TABLE discipline CASCADE; UPDATE meta SET value = '17' WHERE key = 'schema_version';", database)
    assert "Đã nâng cấp sổ" in thidua.ok("--db", owner, "subject", "add", "--code", "X1", "--name", "Lê Văn X",
                                          "--kind", "individual").stderr
    thidua.ok("--db", province["office_a"], "discipline", "add", "A1", "--form", "cảnh cáo", "--date", "01/08/2022")
    before = server_rows(owner)
    assert_refused(thidua, ["--db", province["office_a"], "discipline", "add", "B1", "--form", "cảnh cáo", "--date", "01/08/2022"],
                   "ĐỐI_TƯỢNG: B1 — Trần Thị Bình là đối tượng của cơ quan so-b")
    # thidua says whose person it is before asking; the server itself refuses the row all the same
    with psycopg.connect(province["office_a"]) as connection:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute(
                "INSERT INTO discipline (subject_id, year, form, number, day, reason, recorded_by, recorded_at) "
                "SELECT id, 2022, 'Cảnh cáo', '', '2022-08-01', '', 'x', 'x' FROM subject WHERE code = 'B1'")
    assert server_rows(owner) == before
    seen = json.loads(thidua.ok("--db", province["office_b"], "discipline", "--format", "json").stdout)["disciplines"]
    assert [(d["subject"], d["form"]) for d in seen] == [("A1", "Cảnh cáo")]
    assert thidua("--db", owner, "check").exit_code == 0


def test_an_offices_status_counts_its_own_people_and_awards(thidua, province):
    """`db status` of office A counted the province's subjects and award history (the common record every office
    reads) beside its own campaigns and entries: 2 subjects and office B's award, in a status that read as
    office A's ledger. It names the agency and counts its own; the province counts everything."""
    thidua.ok("--db", province["office_b"], "awards", "add", "-s", "B1", "-a", "Bằng khen của Chủ tịch UBND tỉnh",
              "-n", "12/QĐ-UBND", "-d", "2021-06-01", "--issuer", "Chủ tịch UBND tỉnh")
    office = json.loads(thidua.ok("--db", province["office_a"], "db", "status", "--format", "json").stdout)
    assert office["agency"] == {"code": "so-a", "name": "Sở A"}
    assert {k: office["counts"][k] for k in ("campaigns", "subjects", "entries", "voids", "awards")} == \
        {"campaigns": 1, "subjects": 1, "entries": 3, "voids": 1, "awards": 0}
    other = json.loads(thidua.ok("--db", province["office_b"], "db", "status", "--format", "json").stdout)
    assert (other["counts"]["subjects"], other["counts"]["awards"]) == (1, 1)
    whole = json.loads(thidua.ok("--db", province["tinh"], "db", "status", "--format", "json").stdout)
    assert whole["agency"] is None
    assert {k: whole["counts"][k] for k in ("campaigns", "subjects", "entries", "voids", "awards")} == \
        {"campaigns": 2, "subjects": 2, "entries": 6, "voids": 2, "awards": 1}
    table = thidua.ok("--db", province["office_a"], "db", "status").stdout
    assert "Sở A (so-a)" in table


def test_a_person_moved_to_another_office_keeps_what_they_achieved_where_they_were(thidua, province, tmp_path):
    """trial5 moved a person between offices with psql: office A's campaign then dropped them from its standings
    (their entries there counted for no one) and nothing said who keeps them now. `db agency move` moves them; the
    campaigns they have entries in still rank them, the new office keeps them from then on."""
    owner, a, b = province["owner"], province["office_a"], province["office_b"]
    before = server_rows(owner)
    refused = thidua("--db", a, "db", "agency", "move", "A1", "--to", "so-b")
    assert refused.exit_code == 1 and refused.stderr.startswith(  # the administrator's command (trial15)
        f"Lỗi: vai trò {province['roles']['office_a']} không phải vai trò quản trị của sổ "), refused.stderr
    assert_refused(thidua, ["--db", owner, "db", "agency", "move", "A1", "--to", "so-x"], '--to: không có cơ quan "so-x" trên sổ')
    assert_refused(thidua, ["--db", owner, "db", "agency", "move", "A1", "--to", "so-b", "--unit", "B1"],
                   "--unit: B1 — Trần Thị Bình là cá nhân, không phải đơn vị")
    assert server_rows(owner) == before
    # office A proposed A1 and its Giám đốc gave the Giấy khen: office A's figures of 2021 hold it, before and after
    thidua.ok("--db", a, "add-entry", "-c", "ma", "-s", "A1", "-k", "TC1", "-p", "15", "-d", "2021-11-06")
    thidua.ok("--db", a, "propose-awards", "-c", "ma", "--from", "2021-10-01", "--to", "2021-12-31", "--out", str(tmp_path / "hs"))
    thidua.ok("--db", a, "record-decision", "1", "-c", "ma", "--number", "7/QĐ-SA", "--date", "2021-12-30")
    stats_a = thidua.ok("--db", a, "stats", "--year", "2021", "--format", "json").stdout
    assert "A1" in stats_a
    standing = json.loads(thidua.ok("--db", a, "score", "-c", "ma", "--format", "json").stdout)["standings"]
    done = thidua.ok("--db", owner, "db", "agency", "move", "nguyen van an", "--to", "so-b")
    assert "Đã chuyển A1 — Nguyễn Văn An từ cơ quan so-a sang cơ quan so-b" in done.stderr, done.stderr
    assert "đã thuộc cơ quan so-b; không thay đổi gì" in thidua.ok("--db", owner, "db", "agency", "move", "A1", "--to", "so-b").stderr
    # office A's campaign still ranks what A1 achieved there, as before the move
    assert json.loads(thidua.ok("--db", a, "score", "-c", "ma", "--format", "json").stdout)["standings"] == standing
    assert "A1" in thidua.ok("--db", a, "score", "-c", "ma", "--explain", "A1").stdout
    # the award office A gave stays in office A's statistics and status, not in office B's
    assert thidua.ok("--db", a, "stats", "--year", "2021", "--format", "json").stdout == stats_a
    assert "A1" not in thidua.ok("--db", b, "stats", "--year", "2021", "--format", "json").stdout
    counts = {role: json.loads(thidua.ok("--db", province[role], "db", "status", "--format", "json").stdout)["counts"]
              for role in ("office_a", "office_b")}
    assert (counts["office_a"]["subjects"], counts["office_a"]["awards"]) == (0, 1)
    assert (counts["office_b"]["subjects"], counts["office_b"]["awards"]) == (2, 0)
    # new achievements are office B's to record; A1 is office B's to change
    refused = thidua("--db", a, "add-entry", "-c", "ma", "-s", "A1", "-k", "TC1", "-p", "1", "-d", "2021-11-05")
    assert refused.exit_code == 1 and "A1 — Nguyễn Văn An là đối tượng của cơ quan so-b" in refused.stderr, refused.stderr
    thidua.ok("--db", b, "add-entry", "-c", "mb", "-s", "A1", "-k", "TC1", "-p", "2", "-d", "2021-11-05")
    thidua.ok("--db", b, "subject", "add", "--code", "A1", "--position", "Chuyên viên")
    ranked = json.loads(thidua.ok("--db", b, "score", "-c", "mb", "--format", "json").stdout)["standings"]
    assert sorted(row["subject"] for row in ranked) == ["A1", "B1"]
    listed = {v["code"]: v["subjects"] for v in json.loads(thidua.ok("--db", owner, "db", "agency", "list", "--format", "json").stdout)["agencies"]}
    assert listed == {"so-a": 0, "so-b": 2}
    # a unit of the office left is not the person's unit any more: left blank and said, or named with --unit
    thidua.ok("--db", a, "subject", "add", "--code", "PA", "--name", "Phòng A", "--kind", "collective")
    thidua.ok("--db", a, "subject", "add", "--code", "A2", "--name", "Lê Văn Cường", "--kind", "individual", "--unit", "PA")
    thidua.ok("--db", b, "subject", "add", "--code", "PB", "--name", "Phòng B", "--kind", "collective")
    assert_refused(thidua, ["--db", owner, "db", "agency", "move", "PA", "--to", "so-b"],
                   "ĐỐI_TƯỢNG: PA — Phòng A là đơn vị của A2; chuyển từng người")
    assert_refused(thidua, ["--db", owner, "db", "agency", "move", "A2", "--to", "so-b", "--unit", "PA"],
                   "--unit: PA — Phòng A là đơn vị của cơ quan so-a, không phải của so-b")
    done = thidua.ok("--db", owner, "db", "agency", "move", "A2", "--to", "so-b")
    assert "bỏ trống đơn vị (đơn vị cũ PA không thuộc cơ quan so-b)" in done.stderr, done.stderr
    thidua.ok("--db", owner, "db", "agency", "move", "A2", "--to", "so-a", "--unit", "Phòng A")
    done = thidua.ok("--db", owner, "db", "agency", "move", "A2", "--to", "so-b", "--unit", "PB")
    assert "sang cơ quan so-b; đơn vị: PB" in done.stderr, done.stderr
    people = {s["code"]: s["unit"] for s in json.loads(thidua.ok("--db", owner, "subject", "list", "--format", "json").stdout)["subjects"]}
    assert people["A2"] == "PB"


def test_an_award_another_office_corrected_is_not_in_force_for_anyone(thidua, province, tmp_path, postgres_server):
    """Office B corrected its decision (`decision correct`): office A, which cannot read office B's decisions, still
    counted the wrong decision's rows as in force — B1's history read by A showed two Giấy khen, one of a decision
    corrected since, and a `requires` or the one-award rule would have counted it."""
    b = province["office_b"]
    thidua.ok("--db", b, "add-entry", "-c", "mb", "-s", "B1", "-k", "TC1", "-p", "10", "-d", "2021-11-05")
    thidua.ok("--db", b, "propose-awards", "-c", "mb", "--from", "2021-10-01", "--to", "2021-12-31", "--out", str(tmp_path / "hs"))
    thidua.ok("--db", b, "record-decision", "1", "-c", "mb", "--number", "9/QĐ-SB", "--date", "2021-12-30")
    thidua.ok("--db", b, "decision", "correct", "9/QĐ-SB", "--number", "9/QĐ-SB", "--date", "2021-12-29", "--reason", "ghi nhầm ngày")
    # a server of schema 20 kept the decisions to their campaign's office: the upgrade (by the owner) opens the
    # correcting ones to every office
    database = province["owner"].split("?")[0].rsplit("/", 1)[1]
    postgres_server.psql("DROP POLICY thidua_select_decision ON decision; CREATE POLICY thidua_select_decision ON decision "
                         "FOR SELECT USING (campaign_id IN (SELECT id FROM campaign)); "
                         "UPDATE meta SET value = '20' WHERE key = 'schema_version';", database)
    assert "Đã nâng cấp sổ" in thidua.ok("--db", province["owner"], "db", "upgrade").stderr
    for role in ("office_a", "office_b", "tinh"):
        seen = json.loads(thidua.ok("--db", province[role], "awards", "-s", "B1", "--format", "json").stdout)["awards"]
        assert [(a["number"], a["date"]) for a in seen] == [("9/QĐ-SB", "2021-12-29")], role
        every = json.loads(thidua.ok("--db", province[role], "awards", "-s", "B1", "--include-corrected", "--format", "json").stdout)
        assert sorted((a["date"], a["corrected_by"]) for a in every["awards"]) == [
            ("2021-12-29", None), ("2021-12-30", "9/QĐ-SB")], role
    # office A reads B's correcting decision but not the changes that sealed it: its check said "quyết định khen
    # thưởng 9/QĐ-SB của phong trào #2 (của cơ quan khác) được thêm vào sổ ngoài thidua" — another office's
    # record is not its to judge; a decision slipped into its own campaign with psql still is
    for role in ("office_a", "office_b", "tinh", "owner"):
        done = thidua("--db", province[role], "check")
        assert done.exit_code == 0, (role, done.stdout, done.stderr)
    postgres_server.psql(
        "INSERT INTO decision (round_id, campaign_id, authority, number, number_key, day, recorded_at, recorded_by) "
        "SELECT (SELECT MIN(id) FROM round), id, 'Giám đốc Sở', '5/QĐ-SA', '5/qđ-sa', '2021-12-20', '2021-12-20T00:00:00', 'ai' "
        "FROM campaign WHERE code = 'ma'",
        database)
    done = thidua("--db", province["office_a"], "check")
    assert done.exit_code == 1 and "quyết định khen thưởng 5/QĐ-SA" in done.stdout and "được thêm vào sổ ngoài thidua" in done.stdout, done.stdout


def test_two_departments_merged_into_one_keep_working_under_the_one_that_took_them(thidua, province):
    """2025: Sở Thông tin và Truyền thông was merged into Sở Khoa học và Công nghệ. `db agency add so-a --campaign mb`
    refused (mb is so-b's) with the advice to have the administrator edit campaign.agency_id by hand; now
    `db agency merge so-b --into so-a` moves so-b's campaigns, people and imports in one step, and `db agency rename`
    gives the merged department its new name."""
    owner, a, b = province["owner"], province["office_a"], province["office_b"]
    role_b = province["roles"]["office_b"]
    thidua.ok("--db", b, "import-entries", "-c", "mb", str(thidua.write(
        "b.csv", "date,subject,criterion,points\n2021-11-05,B1,TC1,2\n")))
    standing = json.loads(thidua.ok("--db", b, "score", "-c", "mb", "--format", "json").stdout)["standings"]
    refused = thidua("--db", owner, "db", "agency", "add", "so-a", "--campaign", "mb")
    assert refused.exit_code == 1 and "Gợi ý: mỗi phong trào thuộc một cơ quan; cơ quan so-b sáp nhập vào so-a thì " \
        "chuyển cả phong trào, đối tượng và lần nhập của nó: thidua db agency merge so-b --into so-a" in refused.stderr
    before = server_rows(owner)
    refused = thidua("--db", a, "db", "agency", "merge", "so-b", "--into", "so-a")
    assert refused.exit_code == 1 and refused.stderr.startswith(
        f"Lỗi: vai trò {province['roles']['office_a']} không phải vai trò quản trị của sổ "), refused.stderr
    for args, message in (
        (["merge", "so-x", "--into", "so-a"], 'MÃ: không có cơ quan "so-x" trên sổ'),
        (["merge", "so-b", "--into", "so-x"], '--into: không có cơ quan "so-x" trên sổ'),
        (["merge", "so-b", "--into", "so-b"], '--into: cơ quan "so-b" chính là cơ quan được sáp nhập'),
        (["rename", "so-x", "Sở X"], 'MÃ: không có cơ quan "so-x" trên sổ'),
        (["rename", "so-a", " "], "TÊN: tên mới của cơ quan không được để trống"),
    ):
        refused = thidua("--db", owner, "db", "agency", *args)
        assert refused.exit_code == 1 and refused.stderr.startswith("Lỗi: " + message), (args, refused.stderr)
    assert server_rows(owner) == before

    done = thidua.ok("--db", owner, "db", "agency", "merge", "so-b", "--into", "so-a")
    assert done.stderr.splitlines() == [
        "Đã sáp nhập cơ quan so-b vào so-a: 1 phong trào, 1 đối tượng, 1 lần nhập từ nay thuộc cơ quan so-a. Thành tích, "
        "đợt xét, quyết định và số văn bản đã cấp giữ nguyên.",
        f"Vai trò {role_b} vẫn làm cho cơ quan so-b (nay không còn gì): cho làm tiếp ở cơ quan nhận — thidua db grant "
        f"{role_b} --agency so-a; hoặc thu hồi — thidua db revoke {role_b}",
    ]
    # office A now keeps mb and its person; office B's role reads nothing of it any more
    assert sorted(_campaigns(thidua, a)) == ["ma", "mb"] and _campaigns(thidua, b) == []
    # B1 ranks as before; A1, office A's, is now among the people of the department that holds mb
    merged = json.loads(thidua.ok("--db", a, "score", "-c", "mb", "--format", "json").stdout)["standings"]
    assert [row for row in merged if row["subject"] == "B1"] == standing
    assert [(row["subject"], row["total"]) for row in merged if row["subject"] != "B1"] == [("A1", 0)]
    thidua.ok("--db", a, "add-entry", "-c", "mb", "-s", "B1", "-k", "TC1", "-p", "1", "-d", "2021-11-06")
    refused = thidua("--db", b, "add-entry", "-c", "mb", "-s", "B1", "-k", "TC1", "-p", "1", "-d", "2021-11-06")
    assert refused.exit_code == 1 and refused.stderr.startswith("Lỗi: "), refused.stderr
    assert "1" in {str(batch["id"]) for batch in json.loads(
        thidua.ok("--db", a, "imports", "--format", "json").stdout)["imports"]}

    renamed = thidua.ok("--db", owner, "db", "agency", "rename", "so-a", "Sở Khoa học, Công nghệ và Truyền thông")
    assert renamed.stderr.startswith("Đã đổi tên cơ quan so-a: Sở A → Sở Khoa học, Công nghệ và Truyền thông.")
    again = thidua.ok("--db", owner, "db", "agency", "rename", "so-a", "Sở Khoa học, Công nghệ và Truyền thông")
    assert again.stderr.startswith("Cơ quan so-a đã có tên Sở Khoa học, Công nghệ và Truyền thông; không thay đổi gì.")
    listed = json.loads(thidua.ok("--db", owner, "db", "agency", "list", "--format", "json").stdout)["agencies"]
    assert listed == [
        {"code": "so-a", "name": "Sở Khoa học, Công nghệ và Truyền thông", "campaigns": ["ma", "mb"],
         "roles": [province["roles"]["office_a"]], "subjects": 2},
        {"code": "so-b", "name": "Sở B", "campaigns": [], "roles": [role_b], "subjects": 0},
    ]
    for role in ("office_a", "office_b", "tinh", "owner"):
        done = thidua("--db", province[role], "check")
        assert done.exit_code == 0, (role, done.stdout, done.stderr)


def test_the_province_archives_one_offices_campaign_to_a_file_an_office_cannot(thidua, province, tmp_path):
    """issue 12: "the province archives one campaign to a file". Office A's role reads only its own rooms (not the
    other offices' import batches the shared records name): refused, nothing written; the province's role archives
    office B's campaign, which then checks and scores on the file as on the server."""
    archive = tmp_path / "luu-tru-mb.db"
    refused = thidua("--db", province["office_a"], "db", "copy", province["office_a"], str(archive), "--campaign", "ma")
    assert refused.exit_code == 1 and "chỉ đọc được dòng của cơ quan mình; bản lưu trữ một phong trào cần cả hồ sơ chung" \
        in refused.stderr, refused.stderr
    assert not archive.exists()
    thidua.ok("--db", province["tinh"], "db", "copy", province["tinh"], str(archive), "--campaign", "mb")
    checked = thidua("--db", str(archive), "check")
    assert checked.exit_code == 0, (checked.stdout, checked.stderr)
    for args in (["score", "-c", "mb", "--format", "json"], ["entries", "-c", "mb", "--include-void", "--format", "json"]):
        assert thidua.ok("--db", str(archive), *args).stdout == thidua.ok("--db", province["tinh"], *args).stdout
    assert [c["code"] for c in json.loads(thidua.ok("--db", str(archive), "campaign", "list", "--format", "json").stdout)["campaigns"]] == ["mb"]
