"""The commands on a PostgreSQL ledger: the same output as on a file, and every bad condition of a
server is one Vietnamese line that changes nothing (issue 12). Real server (tests/pg.py)."""

from __future__ import annotations

import json

import psycopg
from conftest import EXAMPLE, MINI_CAMPAIGN, assert_refused
from test_postgres_engine import server_rows

from thidua_cli.storage.schema import SCHEMA_VERSION


def _scenario(thidua, db: str) -> dict[str, str]:
    """The example through the commands; what each read command prints."""
    thidua.ok("--db", db, "campaign", "load", str(EXAMPLE / "campaign.toml"))
    thidua.ok("--db", db, "subject", "import", str(EXAMPLE / "subjects.csv"))
    thidua.ok("--db", db, "import-entries", str(EXAMPLE / "entries.csv"))
    thidua.ok("--db", db, "void-entry", "5", "--reason", "Ghi nhầm")
    outputs = {}
    for name, command in {
        "score": ["score", "--format", "json"], "explain": ["score", "--explain", "NV01", "--format", "json"],
        "month": ["score", "--month", "2021-11", "--format", "json"], "entries": ["entries", "--format", "csv"],
        "subjects": ["subject", "list", "--format", "json"], "campaign": ["campaign", "show"],
    }.items():
        outputs[name] = thidua.ok("--db", db, *command).stdout
    return outputs


def test_the_same_files_give_the_same_output_on_both_engines(thidua, pg_url, monkeypatch):
    monkeypatch.setenv("THIDUA_TODAY", "2022-01-10")
    on_file = _scenario(thidua, str(thidua.folder / "so.db"))
    on_server = _scenario(thidua, pg_url)
    for name in on_file:
        if name == "entries":  # each ledger has its own recorded_at
            strip = lambda text: [line.rsplit(",", 3)[0] for line in text.splitlines()]  # noqa: E731
            assert strip(on_server[name]) == strip(on_file[name])
        else:
            assert on_server[name] == on_file[name], name
    assert json.loads(on_server["score"])["standings"]
    assert thidua("--db", pg_url, "check").exit_code == 0


def test_a_database_without_the_schema_is_one_line_for_a_read(thidua, pg_url):
    for command in (["score"], ["entries"], ["subject", "list"], ["awards"], ["log"]):
        result = thidua("--db", pg_url, *command)
        assert result.exit_code == 1 and result.stderr.startswith("Lỗi: cơ sở dữ liệu "), result.stderr
        assert "chưa có sổ thi đua" in result.stderr and "Traceback" not in result.stderr
    assert server_rows(pg_url) == {}  # a read never makes the schema


def test_a_failed_first_command_leaves_the_database_empty(thidua, pg_url):
    broken = thidua.write("hong.toml", MINI_CAMPAIGN.replace('max_points = 50', 'max_points = "năm mươi"'))
    result = thidua("--db", pg_url, "campaign", "load", str(broken))
    assert result.exit_code != 0 and result.stderr.startswith("Lỗi: ")
    assert server_rows(pg_url) == {}


def test_a_role_without_rights_is_one_line_and_changes_nothing(thidua, pg_url, postgres_server):
    thidua.ok("--db", pg_url, "campaign", "load", str(thidua.write("mini.toml", MINI_CAMPAIGN)))
    database = pg_url.split("?")[0].rsplit("/", 1)[1]
    postgres_server.psql("DROP ROLE IF EXISTS khach; CREATE ROLE khach LOGIN;", database)
    guest = pg_url.replace("postgres@", "khach@")
    before = server_rows(pg_url)
    for command in (["score"], ["subject", "add", "--code", "X1", "--name", "Nguyễn Văn X", "--kind", "individual"]):
        result = thidua("--db", guest, *command)
        assert result.exit_code == 1, result.stderr
        # never granted anything: the line says so, and the hint names the command that grants
        assert result.stderr.startswith("Lỗi: vai trò PostgreSQL chưa được cấp quyền trên sổ"), result.stderr
        assert "Gợi ý: nhờ quản trị máy chủ cấp: thidua db grant VAI_TRÒ --agency" in result.stderr
        assert "sổ giữ nguyên" in result.stderr and "Traceback" not in result.stderr
    assert server_rows(pg_url) == before


def test_a_role_the_server_will_not_let_in_is_one_line(thidua, postgres_server):
    """The tests' server trusts its socket (no password to get wrong); a role refused at log-in takes the
    same path as a wrong password: one line naming the role, nothing written."""
    database = postgres_server.create_database()
    postgres_server.psql("DROP ROLE IF EXISTS khong_dang_nhap; CREATE ROLE khong_dang_nhap NOLOGIN;", database)
    url = postgres_server.url(database).replace("postgres@", "khong_dang_nhap@")
    result = assert_refused(thidua, ["--db", url, "score"], 'vai trò "khong_dang_nhap" không được phép đăng nhập máy chủ')
    assert "ALTER ROLE khong_dang_nhap LOGIN" in result.stderr


def test_a_server_ledger_of_schema_12_is_upgraded_in_place(thidua, pg_url, postgres_server):
    """A server ledger made by the previous release (schema 12, no change-log triggers yet) is upgraded by
    the first command, in one transaction, and its later writes are logged."""
    thidua.ok("--db", pg_url, "campaign", "load", str(thidua.write("mini.toml", MINI_CAMPAIGN)))
    database = pg_url.split("?")[0].rsplit("/", 1)[1]
    postgres_server.psql(
        "DROP FUNCTION thidua_note_change() CASCADE; UPDATE meta SET value = '12' WHERE key = 'schema_version';", database)
    result = thidua.ok("--db", pg_url, "subject", "import", str(thidua.write("s.csv", "code,name,kind\nNV1,Nguyễn Văn An,cá nhân\n")))
    assert "Đã nâng cấp sổ" in result.stderr
    assert postgres_server.rows(pg_url, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(SCHEMA_VERSION),)]
    assert postgres_server.rows(pg_url, "SELECT COUNT(*) FROM pg_trigger WHERE tgname LIKE 'watch_%'")[0][0] > 0
    changes = json.loads(thidua.ok("--db", pg_url, "log", "--format", "json").stdout)
    added = [c for c in changes if c["table"] == "subject" and c["command"] == "subject import"]
    assert [c["after"]["code"] for c in added] == ["NV1"]  # the triggers the upgrade made noted the write
    assert thidua("--db", pg_url, "check").exit_code == 0


def test_psycopg_is_not_loaded_for_a_file(thidua):
    import subprocess
    import sys

    code = ("import sys; from thidua_cli.cli import app; "
            "app(['--db', sys.argv[1], 'db', 'path'], standalone_mode=False); print('psycopg' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code, str(thidua.folder / "x.db")], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip().endswith("False"), done.stderr


def test_an_office_role_writes_but_the_server_keeps_entries_voids_and_the_log_append_only(thidua, pg_url, postgres_server):
    database = pg_url.split("?")[0].rsplit("/", 1)[1]
    thidua.ok("--db", pg_url, "db", "init")
    postgres_server.psql("DROP ROLE IF EXISTS van_phong; CREATE ROLE van_phong LOGIN; "
                         "DROP ROLE IF EXISTS ban_tdkt; CREATE ROLE ban_tdkt LOGIN;", database)
    printed = thidua.ok("--db", pg_url, "db", "grant", "van_phong", "--print").stdout
    assert 'GRANT SELECT, INSERT ON "entry" TO "van_phong";' in printed
    assert 'GRANT SELECT, INSERT, UPDATE, DELETE ON "entry"' not in printed
    thidua.ok("--db", pg_url, "db", "grant", "van_phong")
    thidua.ok("--db", pg_url, "db", "grant", "ban_tdkt", "--read-only")
    office = pg_url.replace("postgres@", "van_phong@")
    thidua.ok("--db", office, "campaign", "load", str(thidua.write("mini.toml", MINI_CAMPAIGN)))
    thidua.ok("--db", office, "subject", "add", "--code", "NV1", "--name", "Nguyễn Văn An", "--kind", "individual")
    thidua.ok("--db", office, "add-entry", "-s", "NV1", "-k", "TC1", "-p", "5", "-d", "2021-11-02")
    thidua.ok("--db", office, "void-entry", "1", "--reason", "Ghi nhầm")
    assert thidua("--db", office, "check").exit_code == 0
    before = server_rows(pg_url)
    for sql in ("UPDATE entry SET points = 900 WHERE id = 1", "DELETE FROM void", "DELETE FROM change_log",
                "UPDATE change_log SET after = NULL"):
        with psycopg.connect(office) as connection:
            try:
                connection.execute(sql)
                raise AssertionError(f"the server let the office role run: {sql}")
            except psycopg.errors.InsufficientPrivilege:
                pass
    assert server_rows(pg_url) == before
    reviewer = pg_url.replace("postgres@", "ban_tdkt@")
    assert json.loads(thidua.ok("--db", reviewer, "score", "--format", "json").stdout)["standings"]
    result = assert_refused(thidua, ["--db", reviewer, "add-entry", "-s", "NV1", "-k", "TC1", "-p", "1", "-d", "2021-11-03"],
                            "vai trò ban_tdkt chỉ được đọc sổ")
    assert server_rows(pg_url) == before and "Traceback" not in result.stderr


def test_db_grant_refuses_a_file_an_unknown_role_and_a_bad_name(thidua, pg_url):
    assert_refused(thidua, ["db", "grant", "van_phong"], "db grant chỉ dùng cho sổ PostgreSQL", code=2)
    assert_refused(thidua, ["--db", pg_url, "db", "grant", "van_phong"], "chưa có sổ thi đua")
    thidua.ok("--db", pg_url, "db", "init")
    assert_refused(thidua, ["--db", pg_url, "db", "grant", "khong_co_vai_tro_nay"], 'máy chủ chưa có vai trò "khong_co_vai_tro_nay"')
    assert_refused(thidua, ["--db", pg_url, "db", "grant", "Văn Phòng; DROP"], "không phải tên vai trò PostgreSQL hợp lệ", code=2)


def test_the_demo_runs_on_a_server_each_example_in_its_own_schema(thidua, pg_url, tmp_path, monkeypatch):
    """`thidua --db postgresql://… demo`: both examples end to end on the server, each ledger a schema of
    its own; every standings file it writes is the one the file-based demo writes."""
    monkeypatch.chdir(tmp_path)
    on_server = thidua.ok("--db", pg_url, "demo", "-o", "may-chu")
    on_file = thidua.ok("demo", "-o", "tep")
    assert "Lỗi" not in on_server.stderr and "Chưa chạy" not in on_server.stderr
    assert "thidua_demo_covid19_stttt" in on_server.stderr and "thidua_demo_thuong_xuyen_2025_skhcn" in on_server.stderr
    for example in ("covid19-stttt", "thuong-xuyen-2025-skhcn"):
        for name in ("bang-diem.json", "bang-diem.csv", "bang-diem.md"):
            assert (tmp_path / "may-chu" / example / name).read_bytes() == (tmp_path / "tep" / example / name).read_bytes()
    schemas = [row[0] for row in psycopg.connect(pg_url).execute(
        "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'thidua_demo_%' ORDER BY 1")]
    assert schemas == ["thidua_demo_covid19_stttt", "thidua_demo_thuong_xuyen_2025_skhcn"]
    assert on_file.exit_code == 0


def test_on_a_server_a_write_is_recorded_as_the_role_when_nobody_names_who(thidua, pg_url, monkeypatch):
    """On a shared server the login of the office's computer ("root", "admin") names nobody the province knows; the
    PostgreSQL role is whom the server grants the rights: entries, imports and the change log name it. --by and
    THIDUA_USER still name the person."""
    monkeypatch.delenv("THIDUA_USER")
    thidua.ok("--db", pg_url, "campaign", "load", str(EXAMPLE / "campaign.toml"))
    thidua.ok("--db", pg_url, "subject", "import", str(EXAMPLE / "subjects.csv"))
    thidua.ok("--db", pg_url, "import-entries", str(EXAMPLE / "entries.csv"))
    role = psycopg.connect(pg_url).info.user
    entries = json.loads(thidua.ok("--db", pg_url, "entries", "--format", "json").stdout)["entries"]
    assert {e["recorded_by"] for e in entries} == {role}
    batches = json.loads(thidua.ok("--db", pg_url, "imports", "--format", "json").stdout)["imports"]
    assert {b["by"] for b in batches} == {role}
    changes = json.loads(thidua.ok("--db", pg_url, "log", "--format", "json").stdout)
    assert changes and {c["by"] for c in changes} == {role}
    first = entries[0]
    thidua.ok("--db", pg_url, "void-entry", str(first["id"]), "--reason", "ghi nhầm", "--by", "Nguyễn Thị Văn Thư")
    changes = json.loads(thidua.ok("--db", pg_url, "log", "--format", "json").stdout)
    assert changes[-1]["by"] == "Nguyễn Thị Văn Thư"
