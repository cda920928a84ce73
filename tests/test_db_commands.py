"""thidua db path | status | backup."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import MINI_CAMPAIGN, assert_refused
from test_concurrency import HOLD_LOCK
from thidua_cli.storage.schema import SCHEMA_VERSION


def test_db_path_prints_the_ledger_in_use(thidua, tmp_path, monkeypatch):
    result = thidua("db", "path")
    assert (result.exit_code, result.stdout) == (0, f"{thidua.db}\n")
    assert "chưa có sổ" in result.stderr
    thidua.mini()
    assert thidua("db", "path").stderr == ""
    # without --db: THIDUA_DB, else thidua.db in the current folder, always shown absolute
    from typer.testing import CliRunner

    from thidua_cli.cli import app

    monkeypatch.setenv("THIDUA_DB", "relative/so.db")
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(app, ["db", "path"]).stdout == f"{tmp_path / 'relative' / 'so.db'}\n"
    monkeypatch.delenv("THIDUA_DB")
    assert CliRunner().invoke(app, ["db", "path"]).stdout == f"{tmp_path / 'thidua.db'}\n"


def test_db_status_counts_what_the_ledger_holds(thidua):
    thidua.example()
    thidua.ok("void-entry", "1", "--reason", "Thử")
    data = json.loads(thidua.ok("db", "status", "--format", "json").stdout)
    assert set(data) == {"path", "size", "schema_version", "schema_current", "journal_mode", "counts", "last_entry_at"}
    assert data["path"] == str(thidua.db)
    assert data["size"] >= thidua.db.stat().st_size > 0
    assert (data["schema_version"], data["schema_current"], data["journal_mode"]) == (SCHEMA_VERSION, SCHEMA_VERSION, "wal")
    connection = sqlite3.connect(thidua.db)
    expected = {key: connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for key, table in (
        ("campaigns", "campaign"), ("subjects", "subject"), ("entries", "entry"), ("voids", "void"), ("rounds", "round"),
        ("awards", "award_history"))}
    connection.close()
    expected["corrected_awards"] = 0  # no decision of the example corrected: every award is in force
    assert data["counts"] == expected
    assert expected["campaigns"] == 1 and expected["voids"] == 1 and expected["entries"] > 100
    table = thidua.ok("db", "status").stdout
    for label in ("Tệp sổ", "Dung lượng", "Phiên bản lược đồ", "Phong trào", "Đối tượng", "Mục ghi", "Mục đã huỷ",
                  "Đợt xét khen thưởng", "Khen thưởng đã ghi nhận"):
        assert label in table
    assert "KB" in table
    csv_lines = thidua.ok("db", "status", "--format", "csv").stdout.splitlines()
    assert csv_lines[0] == "key,value" and f"entries,{expected['entries']}" in csv_lines


def test_db_status_of_a_missing_ledger(thidua):
    assert_refused(thidua, ["db", "status"], "chưa có sổ thi đua tại")
    assert not thidua.db.exists()


def test_backup_is_a_consistent_single_file_ledger(thidua):
    thidua.example()
    target = thidua.folder / "sao-luu.db"
    result = thidua.ok("db", "backup", str(target))
    assert result.stdout == ""
    assert result.stderr.startswith(f"Đã sao lưu sổ {thidua.db} sang {target} (")
    assert target.exists() and not Path(str(target) + "-wal").exists()
    connection = sqlite3.connect(target)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    connection.close()
    original = thidua.ok("entries", "--format", "json").stdout
    assert thidua.ok("--db", str(target), "entries", "--format", "json").stdout == original
    assert thidua("--db", str(target), "check").exit_code == 0


def test_backup_refuses_to_overwrite_without_force(thidua):
    thidua.mini()
    target = thidua.folder / "sao-luu.db"
    target.write_bytes("bản cũ".encode())
    assert_refused(thidua, ["db", "backup", str(target)], f"tệp {target} đã có; không ghi đè")
    assert target.read_bytes() == "bản cũ".encode()
    thidua.ok("db", "backup", str(target), "--force")
    assert target.read_bytes().startswith(b"SQLite format 3")


def test_backup_refusals(thidua):
    thidua.mini()
    assert_refused(thidua, ["db", "backup", str(thidua.db), "--force"], "không thể ghi đè chính sổ")
    assert_refused(thidua, ["db", "backup", str(thidua.folder / "không-có" / "x.db")], "không có thư mục")
    assert_refused(thidua, ["db", "backup", str(thidua.folder)], "là một thư mục")
    assert not list(thidua.folder.glob(".*.tmp*"))


def test_backup_while_another_process_is_writing(thidua):
    """The backup does not wait for the writer, and holds only what was committed."""
    thidua.mini()
    thidua.ok("add-entry", "-s", "NV1", "-k", "TC1", "-p", "3", "-d", "2021-11-02")
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(thidua.db), "3"], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": ""})
    try:
        assert holder.stdout.readline().strip() == "locked"
        target = thidua.folder / "giua-chung.db"
        thidua.ok("db", "backup", str(target))
        assert holder.poll() is None, "the backup waited for the writer"
    finally:
        holder.wait(timeout=30)
    connection = sqlite3.connect(target)
    assert connection.execute("SELECT COUNT(*) FROM entry").fetchone()[0] == 1
    connection.close()
    assert thidua("--db", str(target), "check").exit_code == 0


def test_backup_of_a_missing_ledger(thidua):
    assert_refused(thidua, ["db", "backup", str(thidua.folder / "x.db")], "chưa có sổ thi đua tại")
    assert not (thidua.folder / "x.db").exists()


def test_db_commands_have_help(thidua):
    for command in ("path", "status", "backup"):
        result = thidua("db", command, "--help")
        assert result.exit_code == 0 and "Cách dùng" in result.stdout


def test_db_agency_add_and_list_on_a_file(thidua):
    """Agencies work on an office's own file too (they travel with `db copy` to the province server)."""
    thidua.mini()
    empty = thidua.ok("db", "agency", "list")
    assert (empty.stdout, empty.stderr) == ("", 'Sổ chưa có cơ quan nào; thêm bằng: thidua db agency add MÃ "Tên cơ quan"\n')
    thidua.ok("add-entry", "-s", "NV1", "-k", "TC1", "-p", "5", "-d", "2021-11-02")
    subjects = len(json.loads(thidua.ok("subject", "list", "--format", "json").stdout)["subjects"])
    assert subjects > 1
    added = thidua.ok("db", "agency", "add", "so-tttt", "Sở Thông tin và Truyền thông", "--campaign", "mini")
    # NV1 comes with its campaign; the others, in no campaign yet, too: no campaign is left without an agency
    assert (f"nhận thêm {subjects} đối tượng chưa thuộc cơ quan nào (của các phong trào ấy, hoặc chưa có mục ghi ở "
            "phong trào nào)") in added.stderr
    thidua.ok("db", "agency", "add", "so-tttt")  # again, without a name: nothing new, nothing refused
    listed = json.loads(thidua.ok("db", "agency", "list", "--format", "json").stdout)["agencies"]
    assert listed == [{"code": "so-tttt", "name": "Sở Thông tin và Truyền thông", "campaigns": ["mini"], "roles": [], "subjects": subjects}]
    assert "so-tttt" in thidua.ok("db", "agency", "list").stdout
    assert thidua("check").exit_code == 0
    log = thidua.ok("log").stdout
    assert "cơ quan (agency_id): (trống) → so-tttt" in log  # by code, not by the row id (trial20)


def test_db_agency_add_refuses_what_it_cannot_do_and_changes_nothing(thidua):
    thidua.mini()
    assert_refused(thidua, ["db", "agency", "add", "so-x"], 'TÊN: cơ quan "so-x" chưa có trên sổ')
    assert_refused(thidua, ["db", "agency", "add", "so-x", "Sở X", "--campaign", "khong-co"], 'không có phong trào "khong-co"')
    thidua.ok("db", "agency", "add", "so-x", "Sở X")
    assert_refused(thidua, ["db", "agency", "add", "so-x", "Sở Y"], 'cơ quan "so-x" đã có trên sổ với tên "Sở X"')
    assert_refused(thidua, ["db", "agency", "add", " ", "Sở Z"], "MÃ: mã cơ quan không được để trống")
    thidua.ok("db", "agency", "add", "so-x", "--campaign", "mini")
    assert_refused(thidua, ["db", "agency", "add", "so-y", "Sở Y", "--campaign", "mini"],
                   '--campaign: phong trào mini đã thuộc cơ quan "so-x"; không chuyển sang "so-y"')


def test_db_upgrade_brings_an_older_file_to_this_schema_and_says_when_there_is_nothing_to_do(thidua):
    thidua.ok("campaign", "load", str(thidua.write("mini.toml", MINI_CAMPAIGN)))
    done = thidua("db", "upgrade")
    assert (done.exit_code, done.stdout) == (0, "")
    assert done.stderr.strip() == f"Sổ đã ở lược đồ {SCHEMA_VERSION}, lược đồ của bản này; không cần nâng cấp."
    with sqlite3.connect(thidua.db) as connection:  # as the version before left it (its step changes nothing in a file)
        connection.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION - 1),))
    refused = thidua("db", "copy", str(thidua.db), "postgresql://ai@khong-co-may/so")
    assert refused.exit_code == 1
    assert f"Gợi ý: nâng cấp sổ nguồn trước (thidua sao lưu rồi nâng cấp): thidua --db {thidua.db} db upgrade" in refused.stderr
    done = thidua("db", "upgrade")
    assert done.exit_code == 0
    backup = thidua.db.with_name(f"{thidua.db.name}.v{SCHEMA_VERSION - 1}.bak")
    assert done.stderr.startswith(f"Đã nâng cấp sổ {thidua.db} từ lược đồ {SCHEMA_VERSION - 1} lên {SCHEMA_VERSION}; "
                                  f"bản sao lưu trước khi nâng cấp: {backup}")
    assert backup.exists()
    status = json.loads(thidua.ok("db", "status", "--format", "json").stdout)
    assert status["schema_version"] == SCHEMA_VERSION


def test_db_upgrade_of_a_missing_ledger_is_refused_and_creates_nothing(thidua):
    done = thidua("db", "upgrade")
    assert done.exit_code == 1 and done.stderr.startswith(f"Lỗi: chưa có sổ thi đua tại {thidua.db}\n")
    assert not thidua.db.exists()


def test_db_agency_merge_and_rename_on_a_file(thidua):
    """An office's own file holding two departments' campaigns: after the merge the one department keeps both, and
    the change of each campaign's agency is in the change log; the refusal to give a campaign held by one agency to
    another names the merge instead of a hand edit of campaign.agency_id."""
    thidua.mini()
    thidua.ok("campaign", "load", str(thidua.write("m2.toml", MINI_CAMPAIGN.replace('code = "mini"', 'code = "m2"', 1))))
    thidua.ok("db", "agency", "add", "so-tttt", "Sở Thông tin và Truyền thông", "--campaign", "mini")
    thidua.ok("db", "agency", "add", "so-khcn", "Sở Khoa học và Công nghệ", "--campaign", "m2")
    refused = assert_refused(thidua, ["db", "agency", "add", "so-khcn", "--campaign", "mini"],
                             '--campaign: phong trào mini đã thuộc cơ quan "so-tttt"; không chuyển sang "so-khcn"')
    assert "thidua db agency merge so-tttt --into so-khcn" in refused.stderr
    refused = assert_refused(thidua, ["db", "agency", "add", "so-khcn", "Sở KH&CN"], 'đã có trên sổ với tên "Sở Khoa học và Công nghệ"')
    assert 'Gợi ý: cơ quan đổi tên thì ghi tên mới: thidua db agency rename so-khcn "Sở KH&CN"' in refused.stderr
    subjects = {v["code"]: v["subjects"] for v in json.loads(thidua.ok("db", "agency", "list", "--format", "json").stdout)["agencies"]}
    done = thidua.ok("db", "agency", "merge", "so-tttt", "--into", "so-khcn")
    assert done.stderr.startswith(f"Đã sáp nhập cơ quan so-tttt vào so-khcn: 1 phong trào, {subjects['so-tttt']} đối tượng")
    thidua.ok("db", "agency", "rename", "so-khcn", "Sở Khoa học và Công nghệ (sau sáp nhập)")
    listed = json.loads(thidua.ok("db", "agency", "list", "--format", "json").stdout)["agencies"]
    assert listed == [
        {"code": "so-khcn", "name": "Sở Khoa học và Công nghệ (sau sáp nhập)", "campaigns": ["m2", "mini"], "roles": [],
         "subjects": subjects["so-tttt"] + subjects["so-khcn"]},
        {"code": "so-tttt", "name": "Sở Thông tin và Truyền thông", "campaigns": [], "roles": [], "subjects": 0},
    ]
    assert "cơ quan (agency_id): so-tttt → so-khcn" in thidua.ok("log").stdout
    assert thidua("check").exit_code == 0
