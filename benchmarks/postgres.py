#!/usr/bin/env python3
"""thidua on a PostgreSQL server: whole-process timings against psql, measured in the same run.

    python benchmarks/postgres.py            # 1,000,000 entries, 20,000 subjects (the data of run.py)
    python benchmarks/postgres.py --quick    # 20,000 entries, 1,000 subjects

Starts its own server (initdb, pg_ctl on a unix socket in a temporary folder, as the tests do) and
measures, alternating with each baseline after one warm-up:

- `thidua db copy LEDGER.db postgresql://…` (a 1M-entry SQLite ledger into an empty database)
  against `psql \\copy` of the same rows, table by table, into the same schema made by `db init`
  (target ≤ 2×);
- `thidua --db postgresql://… score --format json` against the same standings SQL
  (`storage.standings.sums_sql`) run by `psql` (target ≤ 1.5×);
- that `score --format json` and `check` give the same output after a round trip
  SQLite → PostgreSQL → SQLite (not timed; a line says whether they did).

Results are printed and written to benchmarks/results/postgres.md.
"""

from __future__ import annotations

import argparse
import csv
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests"), str(HERE.parent / "src")]

import run as bench  # noqa: E402  (benchmarks/run.py: data, process timing, the Measurement table)


def server():
    from pg import PostgresServer, missing

    reason = missing()
    if reason:
        raise SystemExit(f"Lỗi: không đo được trên PostgreSQL: {reason}")
    folder = Path(tempfile.mkdtemp(prefix="thidua-bench-pg-"))
    started = PostgresServer(folder)
    started.start()
    return started


def filled_ledger(tool, size, say) -> Path:
    """The 1M-entry ledger run.py's import measurement leaves (made here by the same command if missing)."""
    ledger = size.folder / "ledger.db"
    if not ledger.exists() or bench.row_count(ledger) != size.rows:
        base = bench.build_base_ledger(tool, size, say)
        bench.fresh_copy(base, ledger)
        say("Nhập mục ghi vào sổ SQLite…")
        bench.run(bench.thidua_args(tool, ledger, "import-entries", str(size.folder / "entries.csv")), tool.env)
        bench.checkpoint(ledger)
    return ledger


def export_tables(ledger: Path, folder: Path) -> list[tuple[str, list[str], Path]]:
    """Every table of the ledger as CSV, in foreign-key order: what the psql baseline loads."""
    from thidua_cli.storage.engine_copy import plans

    folder.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(ledger)
    exported = []
    for plan in plans():
        path = folder / f"{plan.name}.csv"
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            for row in con.execute(plan.select()):
                writer.writerow([_csv_value(value) for value in row])
        exported.append((plan.name, list(plan.columns), path))
    con.close()
    return exported


def _csv_value(value):
    if value is None:
        return "\\N"
    if isinstance(value, bytes):
        return "\\x" + value.hex()  # bytea's input form
    return value


def psql(pg, database: str, *args: str, stdin: str | None = None) -> list[str]:
    return pg._command("psql", "-h", str(pg.folder), "-U", "postgres", "-d", database, "-X", "-q",
                       "-v", "ON_ERROR_STOP=1", *args)


def recreate(pg, database: str, schema: bool, tool) -> str:
    pg._run("psql", "-h", str(pg.folder), "-U", "postgres", "-d", "postgres", "-X", "-q",
            "-c", f"DROP DATABASE IF EXISTS {database}", "-c", f"CREATE DATABASE {database}")
    url = pg.url(database)
    if schema:
        bench.run([*tool.thidua, "--db", url, "db", "init"], tool.env)
    return url


def copy_script(exported) -> str:
    lines = ["BEGIN;", "DELETE FROM meta;"]
    for table, columns, path in exported:
        listed = ", ".join(f'"{column}"' for column in columns)
        lines.append(f"\\copy \"{table}\" ({listed}) FROM '{path}' WITH (FORMAT csv, NULL '\\N')")
    lines.append("COMMIT;")
    return "\n".join(lines) + "\n"


def standings_sql(ledger: Path) -> str:
    """The standings aggregation `score` runs, with its parameters written in (one campaign, all days)."""
    from thidua_cli.storage.standings import sums_sql

    con = sqlite3.connect(ledger)
    campaign = con.execute("SELECT id FROM campaign").fetchone()[0]
    criteria = [row[0] for row in con.execute("SELECT id FROM criterion WHERE campaign_id = ? ORDER BY position", (campaign,))]
    con.close()
    sql = sums_sql(len(criteria), days=False)
    for value in (*criteria, campaign) * 2:
        sql = sql.replace("?", str(value), 1)
    return sql


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Đo thidua trên PostgreSQL so với psql trong cùng lần chạy.")
    parser.add_argument("--quick", action="store_true", help="cỡ nhỏ (20.000 mục, 1.000 đối tượng)")
    parser.add_argument("--rows", type=int)
    parser.add_argument("--subjects", type=int)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", default=str(bench.RESULTS / "postgres.md"))
    args = parser.parse_args(argv)
    rows = args.rows or (20_000 if args.quick else 1_000_000)
    subjects = args.subjects or (1_000 if args.quick else 20_000)
    size = bench.Size(rows, subjects)

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    tool = bench.find_tools()
    bench.DATA.mkdir(parents=True, exist_ok=True)
    bench.build_files(size)
    ledger = filled_ledger(tool, size, say)
    pg = server()
    try:
        exported = export_tables(ledger, size.folder / "pg-csv")
        script = size.folder / "pg-csv" / "copy.sql"
        script.write_text(copy_script(exported), encoding="utf-8")
        measurements = []

        copy = bench.Measurement("db-copy", "`db copy` SQLite → PostgreSQL", "`psql \\copy` của cùng các dòng", 2.0)
        measurements.append(copy)
        candidate_db, baseline_db = "bench_copy", "bench_psql"

        def thidua_copy():
            url = recreate(pg, candidate_db, False, tool)
            return bench.run([*tool.thidua, "db", "copy", str(ledger), url], tool.env)

        def psql_copy():
            recreate(pg, baseline_db, True, tool)
            return bench.run(psql(pg, baseline_db, "-f", str(script)), tool.env)

        bench.alternate(copy, args.repeat, thidua_copy, psql_copy, progress=say)

        url = pg.url(candidate_db)  # holds the last copy
        pg._run("psql", "-h", str(pg.folder), "-U", "postgres", "-d", candidate_db, "-X", "-q", "-c", "VACUUM ANALYZE")
        score = bench.Measurement("score-pg", "`score --format json` trên PostgreSQL", "cùng truy vấn bảng điểm qua `psql`", 1.5)
        measurements.append(score)
        query = size.folder / "pg-csv" / "standings.sql"
        query.write_text(standings_sql(ledger) + ";\n", encoding="utf-8")
        out = size.folder / "pg-csv" / "out"
        bench.alternate(score, args.repeat + 2,
                        lambda: bench.run([*tool.thidua, "--db", url, "score", "--format", "json"], tool.env, stdout=out),
                        lambda: bench.run(psql(pg, candidate_db, "-A", "-t", "-f", str(query)), tool.env, stdout=out),
                        progress=say)

        say("Chép vòng SQLite → PostgreSQL → SQLite và so kết quả…")
        back = size.folder / "pg-csv" / "round-trip.db"
        bench.remove_ledger(back)
        bench.run([*tool.thidua, "db", "copy", url, str(back)], tool.env)
        same = {}
        for name, command in (("score --format json", ["score", "--format", "json"]), ("check", ["check"])):
            outputs = []
            for db in (str(ledger), url, str(back)):
                done = subprocess.run([*tool.thidua, "--db", db, *command], env=tool.env, capture_output=True, text=True)
                outputs.append((done.returncode, done.stdout))
            same[name] = outputs[0] == outputs[1] == outputs[2]
    finally:
        pg.stop()
    info = {"rows": size.rows, "subjects": size.subjects}
    table = (f"### PostgreSQL ({bench.count_text(size.rows)} mục ghi, {bench.count_text(size.subjects)} đối tượng)\n\n"
             "| Phép đo | thidua | Mốc | Tỷ lệ | Mục tiêu | Đạt |\n|---|---|---|---|---|---|\n")
    for m in measurements:
        ok = "có" if m.ratio <= m.target else "không"
        table += (f"| {m.title} | {bench.seconds_text(m.median)} | {m.baseline_title}: {bench.seconds_text(m.baseline_median)} "
                  f"| {m.ratio:.2f}× | {bench.target_text(m.target)} | {ok} |\n")
    table += "\nChép vòng SQLite → PostgreSQL → SQLite, cùng kết quả ở cả ba sổ: " + ", ".join(
        f"`{name}` {'giống hệt' if ok else 'KHÁC'}" for name, ok in same.items()) + ".\n"
    del info
    target = Path(args.out)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(table, encoding="utf-8")
    print(table)
    return 0 if all(same.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
