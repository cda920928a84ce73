"""Issue 14: nothing that decides an award changes unseen. Every record that can change a result is
sealed in the hash-chained change log; `check` names any change made outside thidua, `log` shows the
changes made through it, and the verification code on the paper anchors the ledger."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Thidua, assert_refused
from test_decisions import SUBJECTS
from test_proposals import award, people, propose, setup
from thidua_cli.domain.change_fields import field_words
from thidua_cli.storage import schema
from thidua_cli.storage.changelog import WATCHED, WATCHED_BY_TABLE
from thidua_cli.storage.hashchain import entry_fingerprint, entry_seal

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "ledger-v1.db"
CODE = re.compile(r"Mã kiểm tra: ([0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4} \(sổ [0-9.]+(?:, đợt \d+)?\))")


def _watched_columns() -> list[tuple[str, str]]:
    connection = sqlite3.connect(":memory:")
    for statement in schema.ddl():
        connection.execute(statement)
    pairs = []
    for watched in WATCHED:
        for row in connection.execute(f'PRAGMA table_info("{watched.table}")'):
            if row[1] != "id" and row[1] not in watched.skip:
                pairs.append((watched.table, row[1]))
    return pairs


@pytest.fixture(scope="module")
def demo_ledger(tmp_path_factory):
    """The example ledger of `thidua demo` (rounds, votes, decisions, award history), with one entry voided."""
    folder = tmp_path_factory.mktemp("demo")
    env = {**os.environ, "THIDUA_USER": "Người kiểm thử", "THIDUA_DB": str(folder / "unused.db")}
    env.pop("THIDUA_TODAY", None)
    run = [sys.executable, "-m", "thidua_cli"]
    subprocess.run([*run, "demo", "-o", str(folder / "demo")], check=True, capture_output=True, cwd=folder, env=env)
    ledgers = {}
    for name in ("covid19-stttt", "thuong-xuyen-2025-skhcn"):
        db = folder / "demo" / name / "thidua-demo.db"
        subprocess.run([*run, "--db", str(db), "void-entry", "1", "--reason", "Ghi nhầm"], check=True, capture_output=True,
                       cwd=folder, env=env)
        ledgers[name] = db
    return ledgers


def _copy(source, tmp_path) -> Thidua:
    thidua = Thidua(tmp_path)
    connection = sqlite3.connect(source)
    connection.execute(f"VACUUM INTO '{thidua.db}'")  # a consistent one-file copy
    connection.close()
    return thidua


@pytest.fixture
def ledger(demo_ledger, tmp_path) -> Thidua:
    """The Covid-19 example (2022): rounds, votes, decisions per authority, award history, a void."""
    return _copy(demo_ledger["covid19-stttt"], tmp_path)


def _ledger_holding(demo_ledger, tmp_path, table: str) -> Thidua:
    """The example ledger that holds rows of `table` (yearly ratings and a discipline are in the 2025 annual example)."""
    return _copy(demo_ledger["thuong-xuyen-2025-skhcn" if table in ("rating", "discipline") else "covid19-stttt"], tmp_path)


def tamper(thidua: Thidua, *statements: str) -> None:
    connection = sqlite3.connect(thidua.db)
    connection.execute("PRAGMA foreign_keys = OFF")
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()


def check_lines(thidua: Thidua) -> list[str]:
    result = thidua("check")
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stderr.startswith("Lỗi: ") and "Traceback" not in result.stderr
    return result.stdout.splitlines()


def _changed(value):
    if isinstance(value, int):
        return 1 - value if value in (0, 1) else value + 1
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return "2000-01-01"
    if value is None:
        return 7
    return value + "x"


def test_the_example_ledgers_check_clean(demo_ledger, tmp_path):
    tables = set()
    for number, source in enumerate(demo_ledger.values()):
        folder = tmp_path / str(number)
        folder.mkdir()
        ledger = _copy(source, folder)
        result = ledger("check")
        assert result.exit_code == 0, result.stdout + result.stderr
        connection = sqlite3.connect(ledger.db)
        tables |= {row[0] for row in connection.execute("SELECT DISTINCT tbl FROM change_log")}
        connection.close()
    assert tables == {w.table for w in WATCHED}  # every watched table has sealed records in the examples


@pytest.mark.parametrize(("table", "column"), _watched_columns())
def test_every_column_changed_with_sql_is_named(demo_ledger, tmp_path, table, column):
    ledger = _ledger_holding(demo_ledger, tmp_path, table)
    connection = sqlite3.connect(ledger.db)
    row = connection.execute(
        f'SELECT id, "{column}" FROM "{table}" ORDER BY "{column}" IS NULL, id LIMIT 1'
    ).fetchone()
    connection.close()
    assert row is not None, f"the example ledger has no {table}"
    record_id, value = row
    tamper(ledger, f"UPDATE \"{table}\" SET \"{column}\" = {_sql(_changed(value))} WHERE id = {record_id}")
    lines = check_lines(ledger)
    natural_key = column in WATCHED_BY_TABLE[table].key
    expected = "bị xoá ngoài thidua" if natural_key else f"{field_words(column)} đổi"
    named = [line for line in lines if line.endswith("ngoài thidua") and expected in line]
    assert named, lines
    if not natural_key:
        assert len([line for line in lines if f"{field_words(column)} đổi" in line]) == 1, lines


def _sql(value) -> str:
    return str(value) if isinstance(value, int) else "'" + str(value).replace("'", "''") + "'"


@pytest.mark.parametrize("table", [w.table for w in WATCHED])
def test_a_record_deleted_with_sql_is_named(demo_ledger, tmp_path, table):
    ledger = _ledger_holding(demo_ledger, tmp_path, table)
    connection = sqlite3.connect(ledger.db)
    record_id = connection.execute(f'SELECT MAX(id) FROM "{table}"').fetchone()[0]
    connection.close()
    tamper(ledger, f'DELETE FROM "{table}" WHERE id = {record_id}')
    assert [line for line in check_lines(ledger) if line.endswith("bị xoá ngoài thidua")]


def test_the_issue_examples_are_named_one_line_each(ledger):
    tamper(
        ledger,
        "UPDATE criterion SET weight = '2' WHERE code = 'TC1'",
        "UPDATE award SET min_score = '0' WHERE code = 'GK-GD'",
        "UPDATE subject SET gender = 'nam' WHERE code = 'NV02'",
        "UPDATE subject SET blocked = 1, block_reason = 'Đang xem xét kỷ luật' WHERE code = 'NV05'",
        "UPDATE award_history SET number = '999/QĐ' WHERE id = 1",
        "UPDATE round SET result = '{}' WHERE number = 1",
    )
    lines = check_lines(ledger)
    assert "tiêu chí TC1 của phong trào covid19-stttt: hệ số (weight) đổi từ 1.0 thành 2 ngoài thidua" in lines
    assert "hình thức khen thưởng GK-GD của phong trào covid19-stttt: điểm đạt (min_score) đổi từ 75 thành 0 ngoài thidua" in lines
    assert "đối tượng NV02: giới tính (gender) đổi từ nữ thành nam ngoài thidua" in lines
    assert "đối tượng NV05: bị chặn xét khen (blocked) đổi từ 0 thành 1, lý do chặn (block_reason) đổi từ (trống) thành Đang xem xét kỷ luật ngoài thidua" in lines
    assert any(line.startswith("khen thưởng đã nhận") and "số (number) đổi từ" in line for line in lines)
    assert "đợt xét 1 của phong trào covid19-stttt: kết quả đợt xét (result) đổi ngoài thidua" in lines


def test_a_write_through_thidua_never_seals_a_record_changed_outside_it(ledger):
    ledger.ok("log", "--subject", "NV02")  # opened once by thidua (WAL) before the edit
    tamper(ledger, "UPDATE subject SET gender = 'nam' WHERE code = 'NV02'")
    assert_refused(ledger, ["subject", "block", "NV02", "--reason", "Đang xem xét kỷ luật"], "đối tượng NV02 đã bị sửa ngoài thidua")


def test_a_rewritten_change_log_is_named(ledger):
    tamper(ledger, """UPDATE change_log SET after = replace(after, '"weight":"1.0"', '"weight":"2"') WHERE tbl = 'criterion'""")
    assert any(line.startswith("nhật ký thay đổi: bản ghi số") for line in check_lines(ledger))


# --------------------------------------------------------------------------- through thidua: clean check, shown in log


def _log(thidua: Thidua, *args: str) -> list[dict]:
    return json.loads(thidua.ok("log", "--format", "json", *args).stdout)


def test_changes_through_thidua_keep_check_clean_and_show_in_log(thidua):
    setup(thidua, award("GK", 1, vote_threshold=50), SUBJECTS, {"NV1": 90, "NV2": 85, "NV3": 80})
    toml = thidua.folder / "thu.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("max_points = 100", "max_points = 120", 1), encoding="utf-8")
    assert "max_points = 120" in toml.read_text(encoding="utf-8")
    thidua.ok("campaign", "load", str(toml))
    thidua.ok("subject", "import", str(thidua.write("more.csv", people("NV3,Lê Văn Cường,cá nhân,VP,nữ,"))))
    thidua.ok("subject", "block", "NV2", "--reason", "Đang xem xét kỷ luật")
    thidua.ok("subject", "unblock", "NV2")
    thidua.ok("awards", "add", "--subject", "NV1", "--award", "GK", "--number", "7/QĐ-STTTT", "--date", "2021-05-01")
    propose(thidua)
    thidua.ok("record-votes", "1", "--members", "10", "--file", str(thidua.write("p.csv", "subject,votes\nNV1,9\nNV2,0\nNV3,9\n")))
    thidua.ok("record-decision", "1", "--number", "5/QĐ-STTTT", "--date", "2022-12-30")
    assert thidua("check").exit_code == 0, thidua("check").stdout

    changes = _log(thidua)
    commands = {c["command"] for c in changes}
    assert {"campaign load", "subject import", "subject block", "subject unblock", "awards add", "propose-awards",
            "record-votes", "record-decision"} <= commands, commands
    cap = [c for c in changes if c["table"] == "criterion" and c["action"] == "changed"]
    assert len(cap) == 1 and cap[0]["before"]["max_points"] == 10000 and cap[0]["after"]["max_points"] == 12000
    assert cap[0]["by"] == "Người kiểm thử" and cap[0]["command"] == "campaign load"
    gender = [c for c in _log(thidua, "--subject", "NV3") if c["action"] == "changed" and c["table"] == "subject"]
    assert [(c["before"]["gender"], c["after"]["gender"]) for c in gender] == [("nam", "nữ")]
    blocks = [(c["command"], c["after"]["blocked"]) for c in _log(thidua, "--subject", "NV2") if c["action"] == "changed"]
    assert blocks == [("subject block", 1), ("subject unblock", 0)]
    text = thidua.ok("log", "--subject", "NV2").stdout
    assert "lệnh: thidua subject block" in text and "bị chặn xét khen (blocked): không → có" in text
    assert _log(thidua, "--year", "1999") == []
    decided = [c for c in changes if c["command"] == "record-decision"]
    assert {c["table"] for c in decided} >= {"decision", "award_history"}


def test_the_log_says_whom_a_decision_did_not_grant(thidua):
    """A trial (trial3): after `record-decision --not-granted`, `thidua log` showed the round's result changed as
    "nội dung đã lưu → nội dung đã lưu" and nothing said whom the UBND refused. The decision added now names them
    (kept in the round's result, which the log holds as a digest), in text and JSON."""
    from test_decisions import two_for_the_province

    two_for_the_province(thidua)
    thidua.ok("record-decision", "1", "--award", "BK", "--number", "12/QĐ-UBND", "--date", "2023-01-15", "--not-granted", "NV2")
    thidua.ok("record-decision", "1", "--award", "GK", "--number", "5/QĐ-STTTT", "--date", "2023-01-20")
    text = thidua.ok("log").stdout
    assert "  Thêm quyết định khen thưởng 12/QĐ-UBND của phong trào thu\n    không khen: NV2 (BK)\n" in text
    assert "kết quả đợt xét (result): nội dung cũ → nội dung mới" in text
    assert text.count("không khen:") == 1  # the Giám đốc's QĐ refused no one
    added = [c for c in _log(thidua) if c["table"] == "decision"]
    assert [(c["after"]["number"], c.get("not_granted")) for c in added] == [
        ("12/QĐ-UBND", [{"subject": "NV2", "award": "BK"}]), ("5/QĐ-STTTT", None)]
    # a correction says which decision it corrects and why (the state names it by its id only)
    thidua.ok("decision", "correct", "5/QĐ-STTTT", "--number", "6/QĐ-STTTT", "--date", "2023-01-20", "--reason", "Ghi nhầm số")
    text = thidua.ok("log").stdout
    assert "  Thêm quyết định khen thưởng 6/QĐ-STTTT của phong trào thu\n    sửa quyết định số 5/QĐ-STTTT — lý do: Ghi nhầm số\n" in text


def test_log_names_an_unknown_subject(thidua):
    thidua.mini()
    assert_refused(thidua, ["log", "--subject", "KHÔNG-CÓ"], "không tìm thấy đối tượng")


# --------------------------------------------------------------------------- the verification code


def _codes(folder) -> set[str]:
    found = set()
    for path in folder.rglob("*.md"):
        found.update(CODE.findall(path.read_text(encoding="utf-8")))
    return found


def _dossier_code(thidua: Thidua) -> str:
    setup(thidua, award("GK", 1), SUBJECTS, {"NV1": 90, "NV2": 85, "NV3": 80})
    thidua.ok("propose-awards", "--out", str(thidua.folder / "dot-1"))
    codes = _codes(thidua.folder / "dot-1")
    assert len(codes) == 1, codes  # every document of the round carries the same code
    code = codes.pop()
    assert code.endswith(", đợt 1)")
    pages = sorted((thidua.folder / "dot-1").rglob("*.html"))
    assert pages
    for path in pages:
        assert f"Mã kiểm tra: {code}" in path.read_text(encoding="utf-8"), path
    import zipfile

    documents = sorted((thidua.folder / "dot-1").rglob("*.docx"))
    assert documents
    for path in documents:
        with zipfile.ZipFile(path) as document:
            footers = [name for name in document.namelist() if name.startswith("word/footer")]
            assert len(footers) == 2, (path, footers)  # the first page's footer and the other pages'
            for footer in footers:  # every page carries it, in small print in the page footer
                assert f"Mã kiểm tra: {code}" in document.read(footer).decode("utf-8"), (path, footer)
            assert "Mã kiểm tra" not in document.read("word/document.xml").decode("utf-8"), path
    return code


def test_every_document_carries_the_code_and_it_verifies(thidua):
    code = _dossier_code(thidua)
    result = thidua("check", "--code", code)
    assert result.exit_code == 0, result.stderr
    assert "khớp" in result.stderr and "chưa thêm bản ghi nào" in result.stderr
    report = thidua.ok("report", "--month", "2022-03", "--format", "md").stdout
    assert "Mã kiểm tra: " in report


def test_a_void_keeps_the_old_code_and_new_documents_carry_a_new_one(thidua):
    code = _dossier_code(thidua)
    thidua.ok("void-entry", "1", "--reason", "Ghi nhầm")
    result = thidua("check", "--code", code)
    assert result.exit_code == 0, result.stderr
    assert "đã thêm 2 bản ghi từ đó" in result.stderr  # the void and its change-log record
    thidua.ok("propose-awards", "--allow-overlap", "--out", str(thidua.folder / "dot-2"))
    assert _codes(thidua.folder / "dot-2") and code not in _codes(thidua.folder / "dot-2")


def test_an_entry_edited_with_sql_fails_the_code(thidua):
    code = _dossier_code(thidua)
    tamper(thidua, "UPDATE entry SET points = points + 100 WHERE id = 2")
    result = thidua("check", "--code", code)
    assert result.exit_code == 1 and result.stderr.startswith("Lỗi: mã kiểm tra") and "không khớp" in result.stderr


def test_a_recomputed_chain_passes_check_but_not_the_code_on_paper(thidua):
    code = _dossier_code(thidua)
    connection = sqlite3.connect(thidua.db)
    campaigns = dict(connection.execute("SELECT id, code FROM campaign"))
    subjects = dict(connection.execute("SELECT id, code FROM subject"))
    criteria = dict(connection.execute("SELECT id, code FROM criterion"))
    connection.execute("UPDATE entry SET points = points + 100 WHERE id = 2")
    previous = "0" * 64
    for row in connection.execute(
        "SELECT id, campaign_id, subject_id, criterion_id, day, points, note, evidence, recorded_by, recorded_at FROM entry ORDER BY id"
    ).fetchall():
        record_id, campaign_id, subject_id, criterion_id, day, points, note, evidence, by, at = row
        fingerprint = entry_fingerprint(campaign_id, subject_id, criterion_id, day, points, note, evidence)
        digest = entry_seal(previous, record_id, fingerprint, by, at, campaigns[campaign_id], subjects[subject_id], criteria[criterion_id])
        connection.execute("UPDATE entry SET fingerprint = ?, prev_hash = ?, hash = ?, seal = 2 WHERE id = ?",
                           (fingerprint, previous, digest, record_id))
        previous = digest
    connection.execute("UPDATE meta SET value = (SELECT id || ':' || hash FROM entry ORDER BY id DESC LIMIT 1) WHERE key = 'entry_chain'")
    # … and the campaign chain's head (one campaign: its chain is the same records)
    connection.execute("UPDATE chain_head SET last_hash = (SELECT hash FROM entry ORDER BY id DESC LIMIT 1) WHERE tbl = 'entry'")
    connection.commit()
    connection.close()
    assert thidua("check").exit_code == 0  # the unkeyed chain alone cannot tell …
    result = thidua("check", "--code", code)  # … the signed paper can
    assert result.exit_code == 1 and "không khớp" in result.stderr
    assert result.stderr.startswith("Lỗi: mã kiểm tra")


def test_a_malformed_code_is_a_usage_error(thidua):
    thidua.mini()
    assert_refused(thidua, ["check", "--code", "abc"], "không phải mã kiểm tra", code=2)


def test_an_older_ledger_is_sealed_by_its_migration_and_says_so(thidua):
    shutil.copyfile(FIXTURE, thidua.db)
    result = thidua.ok("subject", "list")  # a write-capable open migrates (after a backup)
    notes = [line for line in result.stderr.splitlines() if "nhật ký thay đổi" in line]
    assert len(notes) == 1 and notes[0].startswith("Đã niêm phong")
    assert thidua("check").exit_code == 0
    changes = _log(thidua)
    assert changes and {c["command"] for c in changes} == {
        "nâng cấp sổ lên lược đồ 12 (niêm phong trạng thái hiện có)",
        "nâng cấp sổ lên lược đồ 14 (cơ quan; chuỗi băm theo phong trào)",  # each campaign gained agency_id
    }
    sealed = [c for c in changes if "lược đồ 12" in c["command"]]
    assert {c["action"] for c in sealed} == {"added"}
    # version 14 gave every campaign an agency (none, in an office's own file): a change of each campaign only
    later = [c for c in changes if "lược đồ 14" in c["command"]]
    assert later and {(c["table"], c["action"]) for c in later} == {("campaign", "changed")}


def test_the_log_names_the_person_a_command_records_as(thidua):
    thidua.example()
    thidua.ok("void-entry", "3", "--reason", "Ghi nhầm", "--by", "Lê Văn Cường")
    thidua.ok("subject", "block", "NV01", "--reason", "Đang xem xét kỷ luật")
    voids, blocks = _log(thidua)[-2:]
    assert (voids["table"], voids["by"], voids["command"]) == ("void", "Lê Văn Cường", "void-entry")
    assert (blocks["table"], blocks["by"], blocks["command"]) == ("subject", "Người kiểm thử", "subject block")


# --------------------------------------------------------------------------- registrations (schema 13)


def _registrations(thidua: Thidua) -> None:
    thidua.mini()
    thidua.ok("register", "add", "-s", "NV1", "-a", "GK", "-t", "Hoàn thành xuất sắc nhiệm vụ")
    thidua.ok("register", "add", "-s", "NV2", "-a", "GK")
    thidua.ok("register", "approve", "1")
    thidua.ok("register", "return", "2", "--reason", "Chỉ tiêu chưa cụ thể")


def test_registrations_made_through_thidua_are_in_the_log_and_check_clean(thidua):
    _registrations(thidua)
    assert thidua("check").exit_code == 0
    changes = [c for c in _log(thidua) if c["table"] in ("registration", "registration_review")]
    assert [(c["table"], c["command"], c["action"]) for c in changes] == [
        ("registration", "register add", "added"), ("registration", "register add", "added"),
        ("registration_review", "register approve", "added"), ("registration_review", "register return", "added"),
    ]
    assert changes[0]["what"] == "đăng ký thi đua số 1 (GK) của đối tượng NV1 của phong trào mini"
    assert changes[3]["after"]["status"] == "tra-lai" and changes[3]["after"]["reason"] == "Chỉ tiêu chưa cụ thể"
    # found by subject and campaign, as the other records are
    assert {c["table"] for c in _log(thidua, "--subject", "NV2")} >= {"registration", "registration_review"}
    assert {c["table"] for c in _log(thidua, "--campaign", "mini")} >= {"registration", "registration_review"}
    text = thidua.ok("log", "--subject", "NV1").stdout
    assert "lệnh: thidua register approve" in text and "Thêm kết quả duyệt của đăng ký thi đua số 1" in text


def test_a_registration_approved_with_sql_is_named_by_check(thidua):
    _registrations(thidua)
    tamper(thidua, "UPDATE registration_review SET status = 'da-duyet', reason = '' WHERE registration_id = 2")
    lines = check_lines(thidua)
    assert lines == ["kết quả duyệt của đăng ký thi đua số 2: trạng thái (status) đổi từ tra-lai thành da-duyet, "
                     "lý do (reason) đổi từ Chỉ tiêu chưa cụ thể thành (trống) ngoài thidua"], lines
    # … and a later write through thidua does not launder it
    thidua.ok("register", "add", "-s", "NV3", "-a", "GK")
    assert check_lines(thidua) == lines


def test_a_registration_edited_added_or_deleted_with_sql_is_named(thidua):
    _registrations(thidua)
    tamper(thidua, "UPDATE registration SET award = 'BK', targets = 'khác' WHERE id = 1")
    assert check_lines(thidua) == [
        "đăng ký thi đua số 1 (GK) của đối tượng NV1 của phong trào mini: khen thưởng (award) đổi từ GK thành BK, "
        "chỉ tiêu đăng ký (targets) đổi từ Hoàn thành xuất sắc nhiệm vụ thành khác ngoài thidua"]
    tamper(thidua, "UPDATE registration SET award = 'GK', targets = 'Hoàn thành xuất sắc nhiệm vụ' WHERE id = 1")
    assert thidua("check").exit_code == 0
    tamper(thidua, "INSERT INTO registration_review (registration_id, status, reason, recorded_by, recorded_at) "
                   "VALUES (2, 'da-duyet', '', 'x', '2021-10-21T00:00:00+00:00')")
    assert check_lines(thidua) == ["kết quả duyệt của đăng ký thi đua số 2 được thêm vào sổ ngoài thidua"]
    tamper(thidua, "DELETE FROM registration_review WHERE id = 3", "DELETE FROM registration_review WHERE id = 1")
    assert check_lines(thidua) == ["kết quả duyệt của đăng ký thi đua số 1 bị xoá ngoài thidua"]


def test_a_schema_12_ledger_seals_its_registrations_when_migrated(thidua, monkeypatch):
    from thidua_cli.storage import changelog

    before_13 = tuple(w for w in WATCHED if w.since < 13)
    assert {w.table for w in WATCHED if w.since <= 13} - {w.table for w in before_13} == {"registration", "registration_review"}
    with monkeypatch.context() as schema_12:  # thidua as it was at schema 12: registrations outside the log
        schema_12.setattr(changelog, "WATCHED", before_13)
        _registrations(thidua)
    tamper(thidua, "UPDATE meta SET value = '12' WHERE key = 'schema_version'")
    assert not [c for c in _log(thidua) if c["table"].startswith("registration")]
    assert thidua("check").exit_code == 0  # opened as it is: its registrations are not sealed yet, nor named
    result = thidua.ok("register", "list")  # a write-capable open migrates
    assert f"từ lược đồ 12 lên {schema.SCHEMA_VERSION}" in result.stderr
    notes = [line for line in result.stderr.splitlines() if "nhật ký thay đổi" in line]
    assert notes == ["Đã niêm phong các đăng ký thi đua và kết quả duyệt hiện có vào nhật ký thay đổi (thidua log)"]
    assert thidua("check").exit_code == 0
    sealed = [c for c in _log(thidua) if c["table"].startswith("registration")]
    assert len(sealed) == 4 and {c["command"] for c in sealed} == {"nâng cấp sổ lên lược đồ 13 (niêm phong đăng ký thi đua hiện có)"}
    tamper(thidua, "UPDATE registration SET subject_id = 3 WHERE id = 1")
    lines = check_lines(thidua)
    assert len(lines) == 1 and lines[0].startswith("đăng ký thi đua số 1 (GK)") and "đối tượng (subject_id) đổi từ" in lines[0], lines


def test_the_voids_of_one_voided_import_are_one_line_of_the_log(thidua):
    """trial19: `void-import` of a batch wrote one log record per entry, and `thidua log` showed each (42 blocks for
    one file) where the office did one thing. The voids one command wrote at one moment with one reason are one block,
    naming the entries in ranges; a void of its own stays a block of its own; the JSON keeps every record."""
    thidua.mini()
    rows = "".join(f"2021-11-0{day},NV1,TC1,{day}\n" for day in range(1, 6))
    thidua.ok("import-entries", str(thidua.write("e.csv", "date,subject,criterion,points\n" + rows)))
    batch = json.loads(thidua.ok("imports", "--format", "json").stdout)["imports"][-1]["id"]
    thidua.ok("void-entry", "2", "--reason", "Ghi nhầm ngày")
    thidua.ok("void-import", str(batch), "--reason", "Nhập nhầm tệp")
    text = thidua.ok("log").stdout
    assert "  Thêm bản huỷ của mục ghi số 2\n    lý do: Ghi nhầm ngày\n" in text
    assert f"  Thêm 4 bản huỷ của các mục ghi số 1, 3–5\n    lý do: Nhập nhầm tệp (huỷ lần nhập số {batch})\n" in text, text
    assert text.count("bản huỷ") == 2
    records = json.loads(thidua.ok("log", "--format", "json").stdout)
    records = records["changes"] if isinstance(records, dict) else records
    assert sum(1 for r in records if r["table"] == "void") == 5
