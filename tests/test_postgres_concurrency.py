"""Many offices writing to one PostgreSQL ledger at once: 8 processes adding entries and 2 importing
files, to the same campaign and to another one. Nobody fails, no row is lost or doubled, and every
hash chain verifies afterwards (`thidua check`)."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import MINI_CAMPAIGN, MINI_SUBJECTS
from test_concurrency import WRITER, cli_env


def test_eight_writers_and_two_importers_on_two_campaigns(thidua, pg_url, postgres_server, tmp_path):
    second = MINI_CAMPAIGN.replace('code = "mini"', 'code = "mini2"').replace("Phong trào thử nghiệm", "Phong trào thứ hai")
    thidua.ok("--db", pg_url, "campaign", "load", str(thidua.write("mini.toml", MINI_CAMPAIGN)))
    thidua.ok("--db", pg_url, "campaign", "load", str(thidua.write("mini2.toml", second)))
    thidua.ok("--db", pg_url, "subject", "import", str(thidua.write("subjects.csv", MINI_SUBJECTS)))
    files = []
    for campaign in ("mini", "mini2"):
        rows = "".join(f"2021-11-{1 + n % 28:02d},NV{1 + n % 3},TC1,1,Tệp {campaign} {n},\n" for n in range(400))
        path = tmp_path / f"{campaign}.csv"
        path.write_text("date,subject,criterion,points,note,evidence\n" + rows, encoding="utf-8")
        files.append((campaign, path))
    writer = WRITER.replace('"add-entry",', '"add-entry", "--campaign", sys.argv[4],')
    clerks = [
        subprocess.Popen([sys.executable, "-c", writer, pg_url, f"w{n}", "25", ("mini", "mini2")[n % 2]],
                         env=cli_env(THIDUA_USER=f"Người {n}"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for n in range(8)
    ]
    importers = [
        subprocess.Popen([sys.executable, "-m", "thidua_cli", "--db", pg_url, "import-entries", str(path), "--campaign",
                          campaign, "--allow-near-duplicates"],
                         env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for campaign, path in files
    ]
    for process in clerks:
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0 and json.loads(out.splitlines()[-1]) == [0] * 25, err
    for process in importers:
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
    rows = postgres_server.rows(pg_url, "SELECT c.code, e.note FROM entry e JOIN campaign c ON c.id = e.campaign_id ORDER BY e.id")
    assert len(rows) == 8 * 25 + 2 * 400
    assert len({note for _, note in rows}) == len(rows)  # none doubled
    expected = {(("mini", "mini2")[n % 2], f"w{n}-{k}") for n in range(8) for k in range(25)}
    expected |= {(campaign, f"Tệp {campaign} {n}") for campaign, _ in files for n in range(400)}
    assert set(rows) == expected  # none lost, each in its own campaign
    ids = [row[0] for row in postgres_server.rows(pg_url, "SELECT id FROM entry ORDER BY id")]
    assert ids == list(range(1, len(rows) + 1))  # the chain's ids stay dense
    result = thidua("--db", pg_url, "check")
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr


def test_a_connection_lost_in_the_middle_of_an_import_writes_nothing(thidua, pg_url, postgres_server, tmp_path):
    """The server drops the importing session halfway (as a stopped server or a cut network would):
    one Vietnamese line, and not one of the file's rows on the server."""
    import time

    thidua.ok("--db", pg_url, "campaign", "load", str(thidua.write("mini.toml", MINI_CAMPAIGN)))
    thidua.ok("--db", pg_url, "subject", "import", str(thidua.write("subjects.csv", MINI_SUBJECTS)))
    rows = "".join(f"2021-11-{1 + n % 28:02d},NV{1 + n % 3},TC1,1,Dòng {n},\n" for n in range(60_000))
    big = tmp_path / "big.csv"
    big.write_text("date,subject,criterion,points,note,evidence\n" + rows, encoding="utf-8")
    before = postgres_server.rows(pg_url, "SELECT COUNT(*) FROM entry")[0][0]
    importer = subprocess.Popen([sys.executable, "-m", "thidua_cli", "--db", pg_url, "import-entries", str(big)],
                                env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    from urllib.parse import urlsplit

    database = urlsplit(pg_url).path.lstrip("/")
    deadline = time.monotonic() + 120
    killed = 0
    while time.monotonic() < deadline and importer.poll() is None and not killed:
        # the import's own transaction has begun writing: some entry rows exist only inside it
        killed = postgres_server.rows(postgres_server.url(), (
            "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
            f"WHERE datname = '{database}' AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL"))[0][0]
        time.sleep(0.05)
    _, stderr = importer.communicate(timeout=120)
    assert killed, f"the import finished before its session could be dropped: {stderr}"
    assert importer.returncode == 1, stderr
    assert stderr.startswith("Lỗi: ") and "mất kết nối tới máy chủ PostgreSQL" in stderr and "sổ giữ nguyên" in stderr, stderr
    assert "Traceback" not in stderr
    assert postgres_server.rows(pg_url, "SELECT COUNT(*) FROM entry")[0][0] == before
    assert postgres_server.rows(pg_url, "SELECT COUNT(*) FROM import_batch WHERE kind = 'entries'")[0][0] == 0
