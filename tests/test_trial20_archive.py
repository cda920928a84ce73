"""trial20: one campaign archived to a read-only file (`db copy … --campaign`), edited with sqlite3 afterwards."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import MINI_CAMPAIGN, Thidua

pytestmark = pytest.mark.sqlite_only  # about the archive file itself

FIXTURES = Path(__file__).parent / "fixtures"


def _reader(tmp_path, path) -> Thidua:
    reader = Thidua(tmp_path, None)
    reader.db = path
    return reader


def test_an_edited_entry_of_an_upgraded_ledgers_archive_fails_its_check(tmp_path):
    """A ledger older than version 14 keeps its entries and voids in one old chain. In one campaign's archive of it
    those records were skipped altogether by `check` (their link to the record before is not the archive's to
    judge), so points changed with sqlite3 passed: the archive scored the edited points with `check` clean. Each
    record's own content and seal are judged now."""
    ledger = tmp_path / "so-cu.db"
    shutil.copy(FIXTURES / "ledger-v1.db", ledger)
    owner = _reader(tmp_path, ledger)
    owner.ok("db", "upgrade")
    archive = tmp_path / "luu-tru-mini.db"
    owner.ok("db", "copy", str(ledger), str(archive), "--campaign", "mini")
    reader = _reader(tmp_path, archive)
    assert reader("check").exit_code == 0
    with sqlite3.connect(archive) as connection:
        (first,) = connection.execute("SELECT MIN(id) FROM entry").fetchone()
        connection.execute("UPDATE entry SET points = points + 5000 WHERE id = ?", (first,))
        (void,) = connection.execute("SELECT MIN(id) FROM void").fetchone()
        connection.execute("UPDATE void SET reason = 'Sửa lý do' WHERE id = ?", (void,))
    checked = reader("check")
    assert checked.exit_code == 1, (checked.stdout, checked.stderr)
    assert f"mục ghi số {first}: nội dung đã bị sửa ngoài thidua" in checked.stdout, checked.stdout
    assert f"bản huỷ số {void}:" in checked.stdout, checked.stdout
    assert "Traceback" not in checked.stderr


def test_an_archive_whose_campaign_was_renamed_in_meta_fails_its_check(thidua, tmp_path):
    """`meta.archive_of_campaign` says which campaign a read-only archive holds (`db status`, the refusal of every
    write name it). Changed with sqlite3 to another code, `check` passed; and a whole ledger given that key was
    judged as an archive (its gaps and ledger-wide heads no longer looked at) with `check` clean. The key must name
    the one campaign the file holds."""
    thidua.mini()
    thidua.ok("add-entry", "-c", "mini", "-s", "NV1", "-k", "TC1", "-p", "15", "-d", "2021-11-02")
    archive = tmp_path / "luu-tru-mini.db"
    thidua.ok("db", "copy", str(thidua.db), str(archive), "--campaign", "mini")
    reader = _reader(tmp_path, archive)
    assert reader("check").exit_code == 0
    with sqlite3.connect(archive) as connection:
        connection.execute("UPDATE meta SET value = 'phong-trao-khac' WHERE key = 'archive_of_campaign'")
    checked = reader("check")
    assert checked.exit_code == 1, (checked.stdout, checked.stderr)
    assert ("bản lưu trữ ghi là của riêng phong trào phong-trao-khac (meta.archive_of_campaign) nhưng giữ phong trào "
            "mini: bảng meta hoặc bảng campaign đã bị sửa ngoài thidua") in checked.stdout, checked.stdout
    thidua.ok("campaign", "load", str(thidua.write("m2.toml", MINI_CAMPAIGN.replace('code = "mini"', 'code = "m2"', 1))))
    with sqlite3.connect(thidua.db) as connection:
        connection.execute("INSERT INTO meta (key, value) VALUES ('archive_of_campaign', 'mini')")
    checked = thidua("check")
    assert checked.exit_code == 1 and "nhưng giữ phong trào mini, m2" in checked.stdout, (checked.stdout, checked.stderr)


def test_a_correcting_decision_of_another_campaign_edited_in_an_archive_fails_its_check(thidua, tmp_path):
    """An archive holds the decisions correcting another (`decision correct`) of every campaign: which awards are in
    force depends on them. Their change log was not copied with them, so `check` could not judge them: the correction
    of m2's decision changed or deleted with sqlite3 in mini's archive passed, and a deleted one put the corrected
    decision's awards back in force there. Their change log comes with them now."""
    from test_campaign_archive import _two_campaigns

    _two_campaigns(thidua, tmp_path)
    thidua.ok("decision", "correct", "8/QĐ-STTTT", "-c", "m2", "-n", "8/QĐ-STTTT", "-d", "2021-12-29",
              "-r", "Ghi nhầm ngày ký")
    archive = tmp_path / "luu-tru-mini.db"
    thidua.ok("db", "copy", str(thidua.db), str(archive), "--campaign", "mini")
    reader = _reader(tmp_path, archive)
    assert reader("check").exit_code == 0
    import json

    def in_force(runner):
        return [(a["number"], a["date"]) for a in json.loads(runner.ok("awards", "-s", "NV2", "--format", "json").stdout)["awards"]]

    assert in_force(reader) == in_force(thidua) == [("8/QĐ-STTTT", "2021-12-29")]
    for sql in ("UPDATE decision SET number = '9/QĐ-STTTT' WHERE corrects IS NOT NULL",
                "DELETE FROM decision WHERE corrects IS NOT NULL"):
        edited = tmp_path / "sua.db"
        shutil.copy(archive, edited)
        with sqlite3.connect(edited) as connection:
            assert connection.execute(sql).rowcount == 1
        checked = _reader(tmp_path, edited)("check")
        assert checked.exit_code == 1, (sql, checked.stdout, checked.stderr)
        assert "quyết định khen thưởng 8/QĐ-STTTT của phong trào" in checked.stdout, checked.stdout
        edited.unlink()
