"""Crashes and hostile environments: a killed import, a full disk, a read-only ledger — nothing half-written."""

from __future__ import annotations

import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import assert_refused
from test_concurrency import cli_env, run_cli

ROWS = 100_000


def entry_count(db: Path) -> int:
    connection = sqlite3.connect(db)
    try:
        return connection.execute("SELECT COUNT(*) FROM entry").fetchone()[0]
    finally:
        connection.close()


@pytest.fixture(scope="module")
def big_import(tmp_path_factory):
    """A ledger (mini campaign, 4 subjects, 3 entries, checkpointed into one file) and a 100,000-row entries file."""
    from conftest import MINI_CAMPAIGN, MINI_SUBJECTS

    folder = tmp_path_factory.mktemp("crash")
    db = folder / "before.db"
    (folder / "mini.toml").write_text(MINI_CAMPAIGN, encoding="utf-8")
    (folder / "subjects.csv").write_text(MINI_SUBJECTS, encoding="utf-8")
    for args in (["campaign", "load", str(folder / "mini.toml")], ["subject", "import", str(folder / "subjects.csv")]):
        assert run_cli(db, *args).returncode == 0
    for day in ("2021-10-29", "2021-10-30", "2021-10-31"):  # days the file never uses: no row is a near-duplicate
        assert run_cli(db, "add-entry", "-s", "NV1", "-k", "TC1", "-p", "1", "-d", day).returncode == 0
    assert not Path(str(db) + "-wal").exists()
    rng = random.Random(7)
    subjects = ("VP", "NV1", "NV2", "NV3")
    lines = ["date,subject,criterion,points,note,evidence"]
    for n in range(ROWS):
        lines.append(f"2021-{rng.randint(10, 12)}-{rng.randint(1, 28):02d},{subjects[n % 4]},TC1,{rng.randint(-500, 900) / 100},"
                     f"Thành tích số {n},QĐ {n}/QĐ-STTTT")
    data = folder / "entries.csv"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return db, data


def copy_ledger(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    return target


def test_an_import_killed_at_any_moment_leaves_the_ledger_before_or_after(big_import, tmp_path):
    before_db, data = big_import
    before = entry_count(before_db)
    # one full run measures how long the import takes and shows what "after" is
    full = copy_ledger(before_db, tmp_path / "full.db")
    started = time.monotonic()
    result = run_cli(full, "import-entries", str(data))
    duration = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    after = entry_count(full)
    assert after == before + ROWS
    rng = random.Random(20211015)
    moments = sorted(rng.uniform(0.15, 1.05) * duration for _ in range(3))
    outcomes = []
    for run, moment in enumerate(moments):
        db = copy_ledger(before_db, tmp_path / f"killed-{run}.db")
        process = subprocess.Popen([sys.executable, "-m", "thidua_cli", "--db", str(db), "import-entries", str(data)],
                                   env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + moment
        while process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        count = entry_count(db)
        assert count in (before, after), f"run {run}: killed at {moment:.2f}s of {duration:.2f}s left {count} entries"
        outcomes.append(count)
        checked = run_cli(db, "check")
        assert (checked.returncode, checked.stdout) == (0, ""), checked.stdout + checked.stderr
        # and the ledger works on
        assert run_cli(db, "add-entry", "-s", "NV2", "-k", "TC1", "-p", "1", "-d", "2021-10-09").returncode == 0
        assert entry_count(db) == count + 1
    assert before in outcomes, "no run was killed mid-import; the kill moments are too late"


def test_a_kill_while_the_write_ahead_log_fills_up(big_import, tmp_path):
    """Killed exactly while the uncommitted transaction spills into the -wal file."""
    before_db, data = big_import
    # on a loaded machine the import may commit between the look at its log and the kill landing: then the kill
    # hit nothing (the process had exited), and the same kill is tried again on a fresh copy
    for attempt in range(3):
        db = copy_ledger(before_db, tmp_path / f"spill-{attempt}.db")
        wal = Path(str(db) + "-wal")
        process = subprocess.Popen([sys.executable, "-m", "thidua_cli", "--db", str(db), "import-entries", str(data)],
                                   env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while process.poll() is None and time.monotonic() < deadline:
            if wal.exists() and wal.stat().st_size > 2_000_000:
                break
            time.sleep(0.005)
        assert process.poll() is None, "the import finished before its log grew"
        process.send_signal(signal.SIGKILL)
        if process.wait(timeout=60) == -signal.SIGKILL:
            break
    assert process.returncode == -signal.SIGKILL, "the import committed before every kill landed"
    assert wal.stat().st_size > 2_000_000  # uncommitted pages were on disk …
    assert entry_count(db) == entry_count(before_db)  # … and count for nothing
    assert run_cli(db, "check").returncode == 0


def _limit_file_size(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_disk_that_fills_up_during_an_import(big_import, tmp_path):
    """Writes beyond 3 MB fail (as on a full disk or a full USB stick): one clear line, nothing written."""
    before_db, data = big_import
    db = copy_ledger(before_db, tmp_path / "full-disk.db")
    original = db.read_bytes()
    result = subprocess.run([sys.executable, "-m", "thidua_cli", "--db", str(db), "import-entries", str(data)], env=cli_env(),
                            capture_output=True, text=True, timeout=300, preexec_fn=_limit_file_size(3_000_000))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"Lỗi: lỗi đọc/ghi đĩa, không ghi được sổ {db}") or lines[0].startswith("Lỗi: đĩa đầy"), result.stderr
    assert lines[0].endswith("sổ giữ nguyên như trước")
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == original
    assert entry_count(db) == entry_count(before_db)
    assert run_cli(db, "check").returncode == 0


def test_sqlite_full_is_reported_as_a_full_disk(thidua, monkeypatch):
    """SQLITE_FULL (what a full disk gives) during executemany: 'đĩa đầy', and the ledger is unchanged."""
    from thidua_cli.storage import ledger as ledger_module

    thidua.mini()
    rows = "".join(f"2021-11-{1 + n % 28:02d},NV1,TC1,1,{'Ghi chú dài ' * 20}{n},\n" for n in range(5000))
    data = thidua.write("many.csv", "date,subject,criterion,points,note,evidence\n" + rows)
    prepare = ledger_module._prepare

    def small_disk(connection, path, create):
        created = prepare(connection, path, create)
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages + 20}")
        return created

    monkeypatch.setattr(ledger_module, "_prepare", small_disk)
    result = assert_refused(thidua, ["import-entries", str(data)], "đĩa đầy, không ghi được sổ")
    assert result.stderr.splitlines()[0].endswith("sổ giữ nguyên như trước")
    monkeypatch.undo()
    assert thidua("check").exit_code == 0


def _read_only(monkeypatch, thidua):
    """Make the ledger read-only: chmod for a normal user; root ignores file modes, so as root SQLite is
    made to open the file read-only (what it does by itself for a file the user cannot write)."""
    if os.geteuid() != 0:
        thidua.db.chmod(0o444)
        return lambda: thidua.db.chmod(0o644)
    from thidua_cli.storage import ledger as ledger_module

    uri = ledger_module._uri
    monkeypatch.setattr(ledger_module, "_uri", lambda path, create: uri(path, False).replace("mode=rw", "mode=ro"))
    return monkeypatch.undo


def test_a_read_only_ledger_can_be_read_but_not_written(thidua, monkeypatch):
    from conftest import MINI_CAMPAIGN

    thidua.mini()
    thidua.ok("add-entry", "-s", "NV1", "-k", "TC1", "-p", "4", "-d", "2021-10-05")
    restore = _read_only(monkeypatch, thidua)
    try:
        assert thidua.ok("entries", "--format", "json").stdout.count('"id"') == 1
        assert thidua("check").exit_code == 0
        result = assert_refused(thidua, ["add-entry", "-s", "NV1", "-k", "TC1", "-p", "4", "-d", "2021-10-06"],
                                f"sổ {thidua.db} chỉ đọc, không ghi được; sổ giữ nguyên như trước")
        assert "Gợi ý: kiểm tra quyền ghi" in result.stderr
        assert_refused(thidua, ["void-entry", "1", "--reason", "x"], "chỉ đọc")
        assert_refused(thidua, ["subject", "add", "--code", "Z", "--name", "Z", "--kind", "individual"], "chỉ đọc")
        changed = thidua.write("m.toml", MINI_CAMPAIGN.replace("Phong trào thử nghiệm", "Phong trào đổi tên"))
        assert_refused(thidua, ["campaign", "load", str(changed)], "chỉ đọc")
    finally:
        restore()


def test_a_ledger_cannot_be_created_in_a_folder_that_does_not_exist(thidua):
    missing = thidua.folder / "không-có" / "so.db"
    toml = thidua.write("mini.toml", "[campaign]\n")
    result = thidua("--db", str(missing), "campaign", "load", str(toml))
    assert result.exit_code == 1 and result.stderr.startswith("Lỗi: ")
    assert not missing.parent.exists()


def test_opening_errors_are_one_line(thidua, tmp_path):
    from conftest import MINI_CAMPAIGN

    campaign = thidua.write("mini.toml", MINI_CAMPAIGN)
    cases = {
        "folder": (tmp_path, "là một thư mục, không phải tệp sổ thi đua"),
        "garbage": (tmp_path / "rác.db", "không phải sổ thi đua (không phải tệp SQLite)"),
        "empty": (tmp_path / "trống.db", "trống, chưa có dữ liệu"),
        "other": (tmp_path / "khác.db", "không phải sổ thi đua của thidua"),
    }
    (tmp_path / "rác.db").write_bytes(os.urandom(8192))
    (tmp_path / "trống.db").write_bytes(b"")
    other = sqlite3.connect(tmp_path / "khác.db")
    other.execute("CREATE TABLE notes (x)")
    other.close()
    for name, (path, message) in cases.items():
        before = path.read_bytes() if path.is_file() else None
        for args in (["score"], ["check"], ["db", "status"], ["add-entry", "-s", "A", "-k", "B", "-p", "1"]):
            result = thidua("--db", str(path), *args)
            assert result.exit_code == 1, (name, args, result.stderr)
            first = result.stderr.splitlines()[0]
            assert first.startswith("Lỗi: ") and message in first, (name, args, result.stderr)
            assert "Traceback" not in result.stderr
        if before is not None:
            assert path.read_bytes() == before
    # a write command may create a ledger in an empty file, never in someone else's
    thidua.ok("--db", str(tmp_path / "trống.db"), "campaign", "load", str(campaign))
    for path in (tmp_path / "rác.db", tmp_path / "khác.db"):
        before = path.read_bytes()
        assert thidua("--db", str(path), "campaign", "load", str(campaign)).exit_code == 1
        assert path.read_bytes() == before


def test_a_failed_first_command_leaves_no_ledger_behind(thidua, monkeypatch):
    """The command that created the ledger failed while writing: no empty ledger is left."""
    from conftest import MINI_CAMPAIGN
    from thidua_cli.storage import campaigns as campaign_store

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(campaign_store, "save_campaign", broken)
    result = thidua("campaign", "load", str(thidua.write("mini.toml", MINI_CAMPAIGN)))
    assert result.exit_code == 1 and result.stderr.startswith("Lỗi: lỗi đọc/ghi đĩa")
    assert not any(thidua.folder.glob("thidua.db*"))
