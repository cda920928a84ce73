"""trial15: the IT administrator of a province's Sở Nội vụ sets up one PostgreSQL server for the whole province — a
Sở Y tế, a Sở Giáo dục và Đào tạo and the Ban Thi đua - Khen thưởng — following the README's server sections: roles
with passwords, grants, an office's SQLite ledger handed over with `db copy`, two offices at work at once, a person
moved from one office to the other, and the province reading everything. What went wrong on the way is here.

Real server (tests/pg.py), as tests/test_postgres_agencies.py."""

from __future__ import annotations

import psycopg
import pytest
from test_postgres_agencies import province  # noqa: F401  (the fixture: two offices, a province role)
from test_postgres_engine import server_rows
from thidua_cli.storage.schema import SCHEMA_VERSION

pytestmark = pytest.mark.sqlite_only  # runs once, in the SQLite pass: it makes its server roles itself


# --------------------------------------------------------------------------- 1. psql: another office's row made one's own


def test_an_office_cannot_make_another_offices_rows_its_own_with_psql(thidua, province, postgres_server):  # noqa: F811
    # a row policy's WITH CHECK sees only the row as it becomes: office B, which reads the province's subjects, award
    # history and ratings, took office A's person by writing its own agency into the row (UPDATE 1), and moved A's
    # awards and ratings onto its own person (the Bằng khen of A1 gone from A1's record, without a word)
    a, b, owner = province["office_a"], province["office_b"], province["owner"]
    thidua.ok("--db", a, "awards", "add", "-s", "A1", "-a", "Bằng khen của Chủ tịch UBND tỉnh", "-n", "12/QĐ-UBND",
              "-d", "2021-06-01", "--issuer", "Chủ tịch UBND tỉnh")
    rated = thidua.write("xep-loai.csv", "subject,year,rating\nA1,2020,Hoàn thành tốt nhiệm vụ\n")
    thidua.ok("--db", a, "ratings", "import", str(rated))
    ids = dict(postgres_server.rows(owner, "SELECT code, id FROM subject"))
    agency_b = postgres_server.rows(owner, "SELECT id FROM agency WHERE code = 'so-b'")[0][0]
    before = server_rows(owner)
    for sql in (
        f"UPDATE subject SET agency_id = {agency_b} WHERE code = 'A1'",
        f"UPDATE award_history SET subject_id = {ids['B1']} WHERE subject_id = {ids['A1']}",
        f"UPDATE rating SET subject_id = {ids['B1']} WHERE subject_id = {ids['A1']}",
    ):
        with psycopg.connect(b) as connection:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(sql)
    assert server_rows(owner) == before
    # its own rows it still changes, with psql as with thidua; the administrator is not held
    with psycopg.connect(b) as connection:  # (rolled back: a change behind thidua's back is check's to name)
        assert connection.execute("UPDATE subject SET position = 'Chuyên viên' WHERE code = 'B1'").rowcount == 1
        connection.rollback()
    thidua.ok("--db", b, "subject", "add", "--code", "B1", "--position", "Trưởng phòng")
    thidua.ok("--db", owner, "db", "agency", "move", "A1", "--to", "so-b")
    for role in ("office_a", "office_b", "owner"):
        done = thidua("--db", province[role], "check")
        assert done.exit_code == 0, (role, done.stdout, done.stderr)


# --------------------------------------------------------------------------- 2. the administrator's commands, by an office


def test_an_office_running_the_administrators_commands_is_told_whose_they_are(thidua, province):  # noqa: F811
    # `db agency move` run with an office's role took another office's person (the row policy let the office write its
    # own agency into the row); `db agency add`, `db grant`, `db revoke` said "không có quyền … nhờ quản trị máy chủ
    # cấp quyền (thidua db grant)": advice to ask for rights the office must not have
    a, owner = province["office_a"], province["owner"]
    role_b = province["roles"]["office_b"]
    before = server_rows(owner)
    for args in (["db", "agency", "move", "B1", "--to", "so-a"], ["db", "agency", "add", "so-c", "Sở C"],
                 ["db", "grant", role_b, "--agency", "so-a"], ["db", "revoke", role_b]):
        refused = thidua("--db", a, *args)
        command = " ".join(args[:3] if args[1] == "agency" else args[:2])
        assert refused.exit_code == 1, (args, refused.stderr)
        assert refused.stderr.startswith(f"Lỗi: vai trò {province['roles']['office_a']} không phải vai trò quản trị của sổ "), refused.stderr
        assert f": thidua {command} chỉ vai trò quản trị chạy được; sổ giữ nguyên như trước" in refused.stderr, refused.stderr
        assert "Gợi ý: việc quản trị sổ chung (db agency, db grant) làm bằng vai trò quản trị, chủ của lược đồ" in refused.stderr
    assert server_rows(owner) == before
    # the province's read-only role: as before, it only reads
    refused = thidua("--db", province["tinh"], "db", "grant", role_b, "--agency", "so-a")
    assert refused.exit_code == 1 and refused.stderr.startswith(f"Lỗi: vai trò {province['roles']['tinh']} chỉ được đọc sổ ")
    assert server_rows(owner) == before
    thidua.ok("--db", owner, "db", "agency", "move", "B1", "--to", "so-a")  # the administrator's, as the README says


# --------------------------------------------------------------------------- 3. db agency move --unit, already there


def test_moving_someone_already_in_the_agency_does_not_drop_the_unit_given(thidua, province):  # noqa: F811
    # the person moved earlier, their unit left blank; the administrator runs the move again with --unit: "đã thuộc cơ
    # quan so-b; không thay đổi gì" — the unit typed was dropped without a word
    owner = province["owner"]
    thidua.ok("--db", province["office_b"], "subject", "add", "--code", "PB", "--name", "Phòng B", "--kind", "collective")
    thidua.ok("--db", owner, "db", "agency", "move", "A1", "--to", "so-b")
    before = server_rows(owner)
    refused = thidua("--db", owner, "db", "agency", "move", "A1", "--to", "so-b", "--unit", "PB")
    assert refused.exit_code == 1 and refused.stderr.startswith(
        "Lỗi: --unit: A1 — Nguyễn Văn An đã thuộc cơ quan so-b; lệnh chuyển cơ quan không đổi đơn vị (đơn vị hiện nay: "
        "trống); sổ giữ nguyên"), refused.stderr
    assert "Gợi ý: đổi đơn vị: thidua subject add --code A1 --unit PB" in refused.stderr
    assert server_rows(owner) == before
    # the same unit it has, or no --unit: nothing to say but that it is already there
    assert "đã thuộc cơ quan so-b; không thay đổi gì" in thidua.ok("--db", owner, "db", "agency", "move", "A1", "--to", "so-b").stderr


# --------------------------------------------------------------------------- 4. db status by a role granted nothing


def test_db_status_of_a_role_granted_nothing_says_what_every_command_says(thidua, province, postgres_server):  # noqa: F811
    # every command said "vai trò PostgreSQL chưa được cấp quyền trên sổ …; Gợi ý: … thidua db grant VAI_TRÒ --agency …",
    # and db status — the first thing an office runs to see whether it is connected — "vai trò PostgreSQL không có quyền"
    # with "nhờ quản trị máy chủ cấp quyền cho vai trò này": the same case, another line, no command to give the admin
    owner = province["owner"]
    database = owner.split("?")[0].rsplit("/", 1)[1]
    role = f"khong_quyen_{database}"
    postgres_server.psql(f"CREATE ROLE {role} LOGIN", database)
    url = owner.replace("postgres@", f"{role}@")
    for args in (["db", "status"], ["score", "-c", "ma"]):
        refused = thidua("--db", url, *args)
        assert refused.exit_code == 1 and refused.stderr.startswith(
            "Lỗi: vai trò PostgreSQL chưa được cấp quyền trên sổ "), (args, refused.stderr)
        assert "Gợi ý: nhờ quản trị máy chủ cấp: thidua db grant VAI_TRÒ --agency MÃ_CƠ_QUAN" in refused.stderr


# --------------------------------------------------------------------------- 5. a ledger restored onto another database


def test_a_ledger_copied_onto_a_new_database_names_the_roles_that_have_no_rights_there(thidua, province, postgres_server, tmp_path):  # noqa: F811
    # the archive of the whole province (db copy to a file) put back on a new database: `db agency list` named each
    # office's role as before, but rights are the server's, not the ledger's — every office got "chưa được cấp quyền"
    # and nothing had said so
    archive = tmp_path / "luu-tru.db"
    thidua.ok("db", "copy", province["owner"], str(archive))
    restored = postgres_server.new_database()
    done = thidua.ok("db", "copy", str(archive), restored)
    roles = province["roles"]
    shown = restored
    assert (f"Cảnh báo: vai trò {roles['office_a']} (cơ quan so-a) ghi trong sổ chưa có quyền trên {shown}; cấp: thidua db "
            f"grant {roles['office_a']} --agency so-a") in done.stderr, done.stderr
    assert f"cấp: thidua db grant {roles['tinh']} --province [--read-only]" in done.stderr
    office_a = restored.replace("postgres@", f"{roles['office_a']}@")
    assert thidua("--db", office_a, "score", "-c", "ma").exit_code == 1
    thidua.ok("--db", restored, "db", "grant", roles["office_a"], "--agency", "so-a")
    assert thidua.ok("--db", office_a, "campaign", "list", "--format", "json").stdout.count('"code"') == 1
    # into a file, or onto a database where every role named works already: nothing to warn of
    assert "Cảnh báo" not in thidua.ok("db", "copy", province["owner"], str(tmp_path / "lan-2.db")).stderr


# --------------------------------------------------------------------------- 6. a name another office's person also has


def test_an_office_names_its_own_person_though_another_office_has_one_of_the_same_name(thidua, province, tmp_path):  # noqa: F811
    # Sở GD&ĐT's "Nguyễn Văn An" and Sở Y tế's: on its own ledger each office wrote entries by name; on the province's
    # server every `add-entry -s "Nguyễn Văn An"`, `--explain`, and every file naming him was refused as "trùng tên với
    # A1 …; B2 …" — though the other office's person can never be scored in this campaign
    b = province["office_b"]
    thidua.ok("--db", b, "subject", "add", "--code", "B2", "--name", "Nguyễn Văn An", "--kind", "individual")
    done = thidua.ok("--db", b, "add-entry", "-c", "mb", "-s", "Nguyễn Văn An", "-k", "TC1", "-p", "2", "-d", "2021-11-08")
    assert "B2 — Nguyễn Văn An" in done.stderr, done.stderr
    explained = thidua.ok("--db", b, "score", "-c", "mb", "--explain", "nguyen van an").stdout
    assert "B2 — Nguyễn Văn An" in explained
    path = tmp_path / "theo-ten.csv"
    path.write_text("Ngày,Họ và tên,Tiêu chí,Điểm,Nội dung thành tích\n09/11/2021,Nguyễn Văn An,TC1,1,Theo tên\n", encoding="utf-8")
    thidua.ok("--db", b, "import-entries", str(path), "-c", "mb")
    entries = thidua.ok("--db", b, "entries", "-c", "mb", "--format", "json").stdout
    assert entries.count('"B2"') == 2, entries
    # where both could be meant — the province reading everyone, or a campaign of office A — A's own is named
    assert "A1 — Nguyễn Văn An" in thidua.ok("--db", province["tinh"], "score", "-c", "ma", "--explain", "Nguyễn Văn An").stdout
    # a change of the subject's own (block, discipline) by an office: the person it may change; the administrator,
    # who may change both, is asked which (it was refused for the office too, naming the other office's person)
    blocked = thidua.ok("--db", b, "subject", "block", "Nguyễn Văn An", "--reason", "đang xem xét")
    assert "B2" in blocked.stdout + blocked.stderr, blocked.stderr
    thidua.ok("--db", b, "discipline", "add", "Nguyễn Văn An", "--form", "Khiển trách", "--date", "2021-11-20")
    refused = thidua("--db", province["owner"], "subject", "block", "Nguyễn Văn An", "--reason", "x")
    assert refused.exit_code == 1 and "trùng với 2 đối tượng" in refused.stderr, refused.stderr


# --------------------------------------------------------------------------- 7. db agency add says it added


def test_db_agency_add_says_the_agency_was_added_and_what_comes_next(thidua, province):  # noqa: F811
    # "Cơ quan so-c — Sở C: chưa có phong trào nào." — the same line as for an agency already there: nothing said it
    # was added, nor that its office's role is granted next
    owner = province["owner"]
    done = thidua.ok("--db", owner, "db", "agency", "add", "so-c", "Sở C")
    assert done.stderr.strip() == ("Đã thêm cơ quan so-c — Sở C: chưa có phong trào nào. Cấp quyền cho vai trò của cơ "
                                   "quan: thidua db grant VAI_TRÒ --agency so-c")
    again = thidua.ok("--db", owner, "db", "agency", "add", "so-c")
    assert again.stderr.strip() == "Cơ quan so-c — Sở C: chưa có phong trào nào."


# --------------------------------------------------------------------------- 8. the same name in an office's history files


def test_an_offices_ratings_and_awards_files_name_its_own_person_by_a_shared_name(thidua, province, tmp_path):  # noqa: F811
    # as for entries (6): the office's ratings and past awards, by name, were refused as "trùng tên với A1 …; B2 …",
    # though an office writes only its own people's — the province, reading everyone, is still asked for the code
    b = province["office_b"]
    thidua.ok("--db", b, "subject", "add", "--code", "B2", "--name", "Nguyễn Văn An", "--kind", "individual")
    rated = tmp_path / "xep-loai.csv"
    rated.write_text("Họ và tên,Năm,Xếp loại\nNguyễn Văn An,2020,Hoàn thành tốt nhiệm vụ\n", encoding="utf-8")
    thidua.ok("--db", b, "ratings", "import", str(rated))
    awarded = tmp_path / "khen-thuong.csv"
    awarded.write_text("Họ và tên,Danh hiệu thi đua,Số quyết định,Ngày quyết định,Cơ quan ban hành,Năm\n"
                       "Nguyễn Văn An,Lao động tiên tiến,3/QĐ-SB,10/01/2021,Giám đốc Sở B,2020\n", encoding="utf-8")
    thidua.ok("--db", b, "awards", "import", str(awarded))
    assert '"B2"' in thidua.ok("--db", b, "ratings", "--subject", "B2", "--format", "json").stdout
    assert "3/QĐ-SB" in thidua.ok("--db", b, "awards", "-s", "B2", "--format", "json").stdout
    assert "3/QĐ-SB" not in thidua.ok("--db", b, "awards", "-s", "A1", "--format", "json").stdout
    rated.write_text("Họ và tên,Năm,Xếp loại\nNguyễn Văn An,2019,Hoàn thành tốt nhiệm vụ\n", encoding="utf-8")
    refused = thidua("--db", province["owner"], "ratings", "import", str(rated), "--dry-run")
    assert refused.exit_code == 1 and "trùng tên với A1 — Nguyễn Văn An; B2 — Nguyễn Văn An" in refused.stderr, refused.stderr


# --------------------------------------------------------------------------- migration 24: the guard on ledgers made before


def test_a_server_ledger_made_before_the_guard_gets_it_at_its_upgrade(thidua, province, postgres_server):  # noqa: F811
    # the guard triggers came with `db init`; a ledger at schema 23 had none, and an office there could still take
    # another office's person. Schema 24 makes them on the upgrade the administrator runs (thidua db upgrade)
    a, b, owner = province["office_a"], province["office_b"], province["owner"]
    database = owner.split("?")[0].rsplit("/", 1)[1]
    tables = [name for (name,) in postgres_server.rows(
        owner, "SELECT DISTINCT event_object_table FROM information_schema.triggers WHERE trigger_name LIKE '%\\_guard'")]
    assert "subject" in tables
    postgres_server.psql("; ".join(f'DROP TRIGGER {table}_guard ON "{table}"' for table in tables)
                         + "; UPDATE meta SET value = '23' WHERE key = 'schema_version';", database)
    agency_b = postgres_server.rows(owner, "SELECT id FROM agency WHERE code = 'so-b'")[0][0]
    with psycopg.connect(b) as connection:  # the hole, as it was on a schema-23 ledger (rolled back)
        assert connection.execute(f"UPDATE subject SET agency_id = {agency_b} WHERE code = 'A1'").rowcount == 1
        connection.rollback()
    upgraded = thidua.ok("--db", owner, "db", "upgrade")
    assert f"từ lược đồ 23 lên {SCHEMA_VERSION}" in upgraded.stderr
    before = server_rows(owner)
    with psycopg.connect(b) as connection:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute(f"UPDATE subject SET agency_id = {agency_b} WHERE code = 'A1'")
    assert server_rows(owner) == before
    for role in ("office_a", "office_b", "owner"):
        assert thidua("--db", province[role], "check").exit_code == 0, role


def test_an_office_on_a_ledger_not_yet_upgraded_is_told_the_administrator_upgrades_it(thidua, province, postgres_server):  # noqa: F811
    # an office's first command after a new release tried the upgrade itself and said "vai trò PostgreSQL không có quyền
    # ghi phần này của sổ": it is told who upgrades it
    a, owner = province["office_a"], province["owner"]
    database = owner.split("?")[0].rsplit("/", 1)[1]
    postgres_server.psql("UPDATE meta SET value = '23' WHERE key = 'schema_version';", database)
    before = server_rows(owner)
    for role in ("office_a", "tinh"):
        refused = thidua("--db", province[role], "subject", "list")
        assert refused.exit_code == 1
        assert refused.stderr.startswith("Lỗi: sổ PostgreSQL ") and f"ở lược đồ 23, bản thidua này dùng lược đồ {SCHEMA_VERSION}: quản " \
            "trị sổ cần nâng cấp trước; sổ giữ nguyên như trước\nGợi ý: vai trò quản trị chạy: thidua --db URL db upgrade" \
            in refused.stderr, refused.stderr
    assert server_rows(owner) == before
    thidua.ok("--db", owner, "db", "upgrade")
    thidua.ok("--db", a, "subject", "list")
