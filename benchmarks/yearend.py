#!/usr/bin/env python3
"""The year-end review at the size of a province: how `propose-awards` grows with the units and people.

    python benchmarks/yearend.py                  # 250, 500 and 1,000 units of 9 people each
    python benchmarks/yearend.py --units 500,1000,2000
    python benchmarks/yearend.py --quick          # 50 and 100 units, a smoke run

The campaign is the one `thidua campaign init --kind thuong-xuyen` writes for an office: danh hiệu
with conditions on a collective's members (TTLĐTT: more than 50% of its people Lao động tiên tiến;
TTLĐXS: 100% rated, 70% LĐTT, one Chiến sĩ thi đua cơ sở, no one disciplined), the yearly rating of
each subject (`ratings import`), an initiative criterion for CSTĐCS. Each size is a whole ledger
built through the real commands; `propose-awards` runs on a fresh copy of it and writes the whole
dossier (a báo cáo thành tích per proposal), as an office's round does.

A collective's member conditions once scanned every person for each unit (2,000 units, 18,000 people:
156 s): the growth table shows the cost staying linear — the time at twice the units within 2.4×
of the time before (the 12×-for-10× of `run.py`). `score --format json` of the same ledger is
given beside it, the part of the round every command shares.

Results are printed and written to benchmarks/results/yearend.md.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "src")]

import run as bench  # noqa: E402  (benchmarks/run.py: process timing, tools, the data folder)

PEOPLE_PER_UNIT = 9
YEAR = 2025
GROWTH_LIMIT = 2.4  # the time at twice the size, at most (linear cost, with room for the machine's noise)
RATINGS = (("Hoàn thành xuất sắc nhiệm vụ", 0.25), ("Hoàn thành tốt nhiệm vụ", 0.6), ("Hoàn thành nhiệm vụ", 0.15))


def folder(units: int) -> Path:
    return bench.DATA / f"yearend-u{units}"


def build_files(units: int, tool: bench.Tool) -> Path:
    """tx.toml (from `campaign init`), subjects.csv, ratings.csv, entries.csv — deterministic, seeded."""
    where = folder(units)
    done = where / "files.ok"
    if done.exists():
        return where
    where.mkdir(parents=True, exist_ok=True)
    bench.run([*tool.thidua, "campaign", "init", "--kind", "thuong-xuyen", "--year", str(YEAR), "--code", "tx-bench",
               "--name", f"Phong trào thi đua thường xuyên năm {YEAR}", "--agency", "Sở Nội vụ", "--agency-short", "SNV",
               "--parent-agency", "UBND tỉnh Vĩnh Long", "--place", "Vĩnh Long", "--plan", "05/KH-SNV",
               "--council-members", "9", "--no-input", "--force", "-o", str(where / "tx.toml")], tool.env)
    rng = random.Random(20251231)
    people: list[str] = []
    with open(where / "subjects.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "name", "kind", "unit", "position", "gender", "female_percent"])
        for unit in range(1, units + 1):
            code = f"DV{unit:04d}"
            writer.writerow([code, f"Phòng chuyên môn số {unit}", "tập thể", "", "", "", rng.choice(("40", "55", "75"))])
            for member in range(1, PEOPLE_PER_UNIT + 1):
                person = f"CB{unit:04d}{member:02d}"
                people.append(person)
                middle = rng.choice(bench.MIDDLE)
                gender = "nữ" if "Thị" in middle else rng.choice(("nam", "nữ"))
                writer.writerow([person, f"{rng.choice(bench.FAMILY)} {middle} {rng.choice(bench.GIVEN)}", "cá nhân", code,
                                 "Chuyên viên", gender, ""])
    units_codes = [f"DV{unit:04d}" for unit in range(1, units + 1)]
    with open(where / "ratings.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["subject", "year", "rating"])
        names, weights = zip(*RATINGS)
        for code in units_codes + people:
            writer.writerow([code, YEAR, rng.choices(names, weights)[0]])
    with open(where / "entries.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["date", "subject", "criterion", "points", "note"])
        for code in units_codes + people:
            # TC1 ≤ 50, TC2 ≤ 40, SK ≤ 10 (initiative): totals from about 60 to 100 (units from 75: some reach
            # TTLĐXS), a few with a penalty
            low = 8 if code.startswith("DV") else 0
            writer.writerow([f"{YEAR}-06-{rng.randrange(1, 29):02d}", code, "TC1", rng.randrange(35 + low, 51), "Kết quả 6 tháng"])
            writer.writerow([f"{YEAR}-12-{rng.randrange(1, 29):02d}", code, "TC2", rng.randrange(25 + low, 41), "Kết quả cả năm"])
            if rng.random() < 0.3:
                writer.writerow([f"{YEAR}-10-{rng.randrange(1, 29):02d}", code, "SK", rng.randrange(5, 11), "Sáng kiến"])
            if rng.random() < 0.03:
                writer.writerow([f"{YEAR}-11-{rng.randrange(1, 29):02d}", code, "VPH", -5, "Vi phạm quy chế"])
    done.write_text("ok\n")
    return where


def build_ledger(units: int, tool: bench.Tool, say) -> Path:
    where = build_files(units, tool)
    ledger = where / "ledger.db"
    if ledger.exists() and _current(ledger):
        return ledger
    say(f"  dựng sổ {units} đơn vị, {units * PEOPLE_PER_UNIT} người…")
    temp = where / "ledger-new.db"
    bench.remove_ledger(temp)
    for args in (("campaign", "load", str(where / "tx.toml")), ("subject", "import", str(where / "subjects.csv")),
                 ("ratings", "import", str(where / "ratings.csv")), ("import-entries", str(where / "entries.csv"))):
        bench.run(bench.thidua_args(tool, temp, *args), tool.env, cwd=where)
    bench.checkpoint(temp)
    bench.remove_ledger(ledger)
    temp.rename(ledger)
    return ledger


def _current(ledger: Path) -> bool:
    import sqlite3

    from thidua_cli.storage.schema import SCHEMA_VERSION

    con = sqlite3.connect(ledger)
    try:
        found = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    finally:
        con.close()
    return found is not None and int(found[0]) == SCHEMA_VERSION


def measure(units: int, tool: bench.Tool, repeats: int, say) -> dict:
    ledger = build_ledger(units, tool, say)
    where = folder(units)
    rounds, scores = [], []
    proposals = 0
    for _ in range(repeats):
        work = bench.fresh_copy(ledger, where / "round.db")
        out = where / "ho-so"
        shutil.rmtree(out, ignore_errors=True)
        rounds.append(bench.run(bench.thidua_args(tool, work, "propose-awards", "--year", str(YEAR), "--out", str(out)),
                                tool.env, cwd=where))
        proposals = bench.proposal_count(work)
        scores.append(bench.run(bench.thidua_args(tool, ledger, "score", "--year", str(YEAR), "--format", "json"), tool.env,
                                stdout=where / "score.json", cwd=where))
    return {
        "units": units, "people": units * PEOPLE_PER_UNIT, "proposals": proposals,
        "round": statistics.median(r.seconds for r in rounds), "round_mb": max(r.max_rss_mb for r in rounds),
        "score": statistics.median(r.seconds for r in scores),
    }


def markdown(rows: list[dict]) -> str:
    lines = [
        "| Đơn vị | Cá nhân | Đề nghị | `propose-awards` (ghi cả hồ sơ) | Bộ nhớ đỉnh | `score --format json` | "
        "Tỉ lệ với cỡ trước | Mục tiêu | Đạt |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|:---:|",
    ]
    for index, row in enumerate(rows):
        ratio = verdict = ""
        if index:
            grown = row["round"] / rows[index - 1]["round"]
            step = row["units"] / rows[index - 1]["units"]
            limit = GROWTH_LIMIT * step / 2
            ratio, verdict = f"{grown:.2f}× (cỡ ×{step:g})".replace(".", ","), "✓" if grown <= limit else "✗"
        lines.append(f"| {bench.count_text(row['units'])} | {bench.count_text(row['people'])} | "
                     f"{bench.count_text(row['proposals'])} | {_seconds(row['round'])} | {row['round_mb']:.0f} MB | "
                     f"{_seconds(row['score'])} | {ratio} | "
                     f"{'≤ ' + format(GROWTH_LIMIT, 'g').replace('.', ',') + '× khi cỡ ×2' if index else ''} | {verdict} |")
    return "\n".join(lines) + "\n"


def _seconds(value: float) -> str:
    return bench.seconds_text(value).replace(".", ",")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Đo bình xét cuối năm (điều kiện theo cá nhân của tập thể) ở nhiều cỡ.")
    parser.add_argument("--units", help="các cỡ (số đơn vị, mỗi đơn vị 9 người), phân cách bằng dấu phẩy; mặc định 250,500,1000")
    parser.add_argument("--quick", action="store_true", help="50 và 100 đơn vị, một lần mỗi cỡ")
    parser.add_argument("--repeats", type=int, default=None, help="số lần đo mỗi cỡ (mặc định 3; --quick: 1)")
    args = parser.parse_args(argv)
    sizes = [50, 100] if args.quick else [int(part) for part in (args.units or "250,500,1000").split(",")]
    repeats = args.repeats or (1 if args.quick else 3)
    tool = bench.find_tools()
    tool.env["THIDUA_TODAY"] = f"{YEAR + 1}-01-15"  # the review is made early in the next year
    bench.DATA.mkdir(parents=True, exist_ok=True)
    rows = []
    for units in sizes:
        print(f"Bình xét cuối năm: {units} đơn vị, {units * PEOPLE_PER_UNIT} người", flush=True)
        rows.append(measure(units, tool, repeats, lambda text: print(text, flush=True)))
        print(f"  propose-awards {bench.seconds_text(rows[-1]['round'])}, {rows[-1]['proposals']} đề nghị; "
              f"score {bench.seconds_text(rows[-1]['score'])}", flush=True)
    table = markdown(rows)
    print()
    print(table)
    bench.RESULTS.mkdir(parents=True, exist_ok=True)
    (bench.RESULTS / "yearend.md").write_text(f"# Bình xét cuối năm ở nhiều cỡ\n\n{bench.versions()}\n\n{table}", encoding="utf-8")
    grew_linearly = all("✗" not in line for line in table.splitlines())
    return 0 if grew_linearly else 1


if __name__ == "__main__":
    sys.exit(main())
