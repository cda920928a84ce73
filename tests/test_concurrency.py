"""Several thidua processes on one ledger at once: writers wait for each other, nobody fails.

The processes are real (subprocess, `sys.executable`, PYTHONPATH at this
checkout's src). The 3 × 200 writers each run the real CLI entry point 200
times in one interpreter — every call opens the ledger, writes one entry in
its own transaction and closes it, exactly as `thidua add-entry` does — so
that 600 commands take seconds, not the minutes 600 interpreter start-ups
would cost on a 2-core machine. The creation race below starts one real
`python -m thidua_cli` per command.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from conftest import MINI_CAMPAIGN
from thidua_cli.storage.schema import SCHEMA_VERSION

SRC = Path(__file__).resolve().parent.parent / "src"


def cli_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("THIDUA_DEBUG", None)
    env.update(extra)
    return env


def run_cli(db: Path, *args: str, **popen) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "thidua_cli", "--db", str(db), *args], env=cli_env(), capture_output=True, text=True, timeout=300, **popen
    )


WRITER = textwrap.dedent(
    """
    import json, sys
    from thidua_cli.cli import app

    db, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    codes = []
    for n in range(count):
        subject = ("NV1", "NV2", "NV3")[n % 3]
        codes.append(app(["--db", db, "add-entry", "-s", subject, "-k", "TC1", "-p", "1", "-d", "2021-11-15",
                          "-n", f"{tag}-{n}"], standalone_mode=False))
    print(json.dumps(codes))
    """
)


def test_three_writers_two_hundred_entries_each(thidua):
    thidua.mini()
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(thidua.db), tag, "200"],
            env=cli_env(THIDUA_USER=f"Người {tag}"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for tag in ("a", "b", "c")
    ]
    outputs = [writer.communicate(timeout=600) for writer in writers]
    for writer, (stdout, stderr) in zip(writers, outputs):
        assert writer.returncode == 0, stderr
        assert json.loads(stdout.splitlines()[-1]) == [0] * 200
        assert "Lỗi" not in stderr and "locked" not in stderr
    connection = sqlite3.connect(thidua.db)
    ids = [row[0] for row in connection.execute("SELECT id FROM entry ORDER BY id")]
    notes = {row[0] for row in connection.execute("SELECT note FROM entry")}
    connection.close()
    assert ids == list(range(1, 601))
    assert notes == {f"{tag}-{n}" for tag in "abc" for n in range(200)}
    result = thidua("check")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_processes_creating_the_same_new_ledger_at_once(tmp_path):
    """Four commands start together on a ledger that does not exist yet: one creates it, all succeed."""
    (tmp_path / "mini.toml").write_text(MINI_CAMPAIGN, encoding="utf-8")
    for round_number in range(3):
        db = tmp_path / f"new-{round_number}.db"
        commands = [
            ["campaign", "load", str(tmp_path / "mini.toml")],
            *(["subject", "add", "--code", f"S{n}", "--name", f"Người thứ {n}", "--kind", "individual"] for n in range(3)),
        ]
        processes = [
            subprocess.Popen([sys.executable, "-m", "thidua_cli", "--db", str(db), *args], env=cli_env(),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for args in commands
        ]
        for process in processes:
            _, stderr = process.communicate(timeout=300)
            assert process.returncode == 0, stderr
        connection = sqlite3.connect(db)
        assert connection.execute("SELECT COUNT(*) FROM subject").fetchone()[0] == 3
        assert connection.execute("SELECT COUNT(*) FROM campaign").fetchone()[0] == 1
        assert connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        connection.close()
        assert run_cli(db, "check").returncode == 0


HOLD_LOCK = textwrap.dedent(
    """
    import sqlite3, sys, time
    connection = sqlite3.connect(sys.argv[1], isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("UPDATE meta SET value = value WHERE key = 'application'")
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    connection.execute("COMMIT")
    """
)


def test_a_writer_waits_for_another_and_readers_do_not(thidua):
    thidua.mini()
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(thidua.db), "2.5"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    started = time.monotonic()
    reader = run_cli(thidua.db, "subject", "list", "--format", "json")
    read_time = time.monotonic() - started
    writer = run_cli(thidua.db, "add-entry", "-s", "NV1", "-k", "TC1", "-p", "3", "-d", "2021-11-02")
    write_time = time.monotonic() - started
    holder.wait(timeout=30)
    assert reader.returncode == 0 and len(json.loads(reader.stdout)["subjects"]) == 4
    assert read_time < 2.5, "a reader waited for a writer"
    assert writer.returncode == 0, writer.stderr
    assert write_time >= 2.0, "the writer did not wait for the lock"
    assert writer.stdout.strip() == "1"


def test_busy_beyond_the_timeout_is_one_clear_line(thidua, monkeypatch):
    """Only after the whole wait (60 s in use; 1 s here) does the user see an error — and nothing is written."""
    from thidua_cli.storage import ledger as ledger_module

    thidua.mini()
    monkeypatch.setattr(ledger_module, "BUSY_TIMEOUT_S", 1)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(thidua.db), "4"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        result = thidua("add-entry", "-s", "NV1", "-k", "TC1", "-p", "3", "-d", "2021-11-02")
        assert time.monotonic() - started >= 0.9
        assert result.exit_code == 1
        assert result.stderr.splitlines()[0] == (
            f"Lỗi: sổ {thidua.db} bận quá 1 giây (một lệnh khác đang ghi hoặc giữ khoá); chưa ghi gì"
        )
        assert "locked" not in result.stderr
    finally:
        holder.wait(timeout=30)
    assert thidua.ok("entries", "--format", "json").stdout.count('"id"') == 0


def test_imports_and_single_entries_interleave(thidua, tmp_path):
    """A file import (one long transaction) and clerks adding entries at the same time: all land, once."""
    thidua.mini()
    rows = "".join(f"2021-11-{1 + n % 28:02d},NV{1 + n % 3},TC1,1,Nhập tệp {n},\n" for n in range(3000))
    big = tmp_path / "big.csv"
    big.write_text("date,subject,criterion,points,note,evidence\n" + rows, encoding="utf-8")
    importer = subprocess.Popen([sys.executable, "-m", "thidua_cli", "--db", str(thidua.db), "import-entries", str(big),
                                 # the clerks' entries share day, subject, criterion and points with rows of the file
                                 "--allow-near-duplicates"],
                                env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    clerk = subprocess.Popen([sys.executable, "-c", WRITER, str(thidua.db), "clerk", "30"], env=cli_env(),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, import_err = importer.communicate(timeout=600)
    clerk_out, clerk_err = clerk.communicate(timeout=600)
    assert importer.returncode == 0, import_err
    assert clerk.returncode == 0 and json.loads(clerk_out.splitlines()[-1]) == [0] * 30, clerk_err
    connection = sqlite3.connect(thidua.db)
    assert connection.execute("SELECT COUNT(*) FROM entry").fetchone()[0] == 3030
    connection.close()
    assert thidua("check").exit_code == 0
