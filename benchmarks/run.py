#!/usr/bin/env python3
"""thidua benchmarks: whole-process timings against baselines measured in the same run.

    python benchmarks/run.py            # full size: 1,000,000 entries, 20,000 subjects, 10 criteria
    python benchmarks/run.py --quick    # smoke size (20,000 entries, 1,000 subjects), a few seconds
    python benchmarks/run.py --rows 200000 --only score,add-entry
    python benchmarks/run.py --quick --no-growth --only check,entries-csv

Besides the table against baselines, a growth table gives each command's time at
10,000, 100,000 and 1,000,000 entries (the same 20,000 subjects), so that a reader
can see the cost grow linearly (target: 1M ≤ 12× 100k).

Builds its own data under benchmarks/data/ (git-ignored): a campaign with 10
criteria, a subjects CSV and an entries CSV. The ledger is created through the
real commands (`campaign load`, `subject import`) and filled by the measured
`thidua import-entries` itself, so it is a genuine, hash-chained ledger.

Every measurement runs whole processes several times, alternating with its
baseline (A B A B …) after one unmeasured warm-up, and reports medians and the
ratio median / baseline median. Absolute times depend on the machine; the
ratios are what we track. Peak memory is each process's own max RSS
(`os.wait4`). The table is printed and written to benchmarks/results/latest.md.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = HERE / "data"
RESULTS = HERE / "results"
GENERATOR = 2  # bump when the generated data changes (2: award history)

CAMPAIGN_START = dt.date(2024, 1, 1)
CAMPAIGN_END = dt.date(2024, 12, 31)
TODAY = "2024-12-31"
REPORT_MONTH = "2024-06"
CRITERIA = (
    # code, applies_to, max, min, weight
    ("TC1", "collective", 40, 0, "1"),
    ("TC2", "collective", 30, 0, "1"),
    ("TC3", "both", 25, 0, "1"),
    ("TC4", "both", 20, 0, "1.5"),
    ("TC5", "both", 15, 0, "1"),
    ("TC6", "individual", 30, 0, "1"),
    ("TC7", "individual", 25, 0, "1"),
    ("TC8", "individual", 20, 0, "1"),
    ("SK", "both", 10, 0, "1"),
    ("VP", "both", 0, -20, "1"),
)
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Thạch", "Kim", "Sơn", "Trương")
MIDDLE = ("Văn", "Thị", "Minh", "Thanh", "Ngọc", "Hữu", "Quốc", "Thị Kim", "Hoàng", "Đức", "Thu", "Bảo", "Gia", "Xuân", "Công")
GIVEN = ("An", "Ánh", "Bình", "Châu", "Cường", "Dũng", "Duyên", "Đạt", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Hương",
         "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Ngọc", "Nhung", "Phúc", "Phương", "Quân", "Sơn", "Tâm", "Thảo",
         "Thủy", "Trang", "Trí", "Tú", "Tuấn", "Uyên", "Việt", "Vy", "Xuân", "Yến")
NOTES = (
    "Tham mưu xây dựng kế hoạch chuyển đổi số của đơn vị",
    "Hoàn thành xuất sắc nhiệm vụ được giao trong tháng",
    "Hỗ trợ người dân cài đặt ứng dụng dịch vụ công trực tuyến",
    "Tuyên truyền chính sách an sinh xã hội trên Trang thông tin điện tử",
    "Tham gia tổ công nghệ số cộng đồng tại xã",
    "Đề xuất giải pháp tiết kiệm chi phí in ấn tài liệu",
    "Chậm nộp báo cáo định kỳ",
    "Ủng hộ Quỹ Vì người nghèo của tỉnh",
    "Bảo đảm an toàn thông tin cho hệ thống hội nghị truyền hình",
    "Số hoá hồ sơ lưu trữ của phòng",
    "",
)
POINTS = ("1", "2", "2.5", "3", "5", "0.5", "1.25", "4", "10", "8.5")
PENALTIES = ("-1", "-2", "-0.5", "-5")
HISTORY_AWARDS = (
    ("GK", "Giấy khen của Giám đốc Sở", "Giám đốc Sở Thông tin và Truyền thông"),
    ("CSTDCS", "Chiến sĩ thi đua cơ sở", "Giám đốc Sở Thông tin và Truyền thông"),
    ("BK-UBND", "Bằng khen của Chủ tịch UBND tỉnh", "Chủ tịch UBND tỉnh Trà Vinh"),
)


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Size:
    rows: int
    subjects: int

    @property
    def folder(self) -> Path:
        return DATA / f"g{GENERATOR}-r{self.rows}-s{self.subjects}"


def campaign_toml() -> str:
    lines = [
        "[campaign]",
        'code = "bench"',
        'name = "Phong trào thi đua đo hiệu năng"',
        'kind = "thuong-xuyen"',
        'plan = "01/KH-STTTT"',
        f"issued = {CAMPAIGN_START.isoformat()}",
        f"start = {CAMPAIGN_START.isoformat()}",
        f"end = {CAMPAIGN_END.isoformat()}",
        'agency = "Sở Thông tin và Truyền thông"',
        'parent_agency = "UBND tỉnh Trà Vinh"',
        'place = "Trà Vinh"',
        "base_salary = 2340000",
        "",
    ]
    for code, applies, high, low, weight in CRITERIA:
        lines += [
            "[[criteria]]", f'code = "{code}"', f'name = "Tiêu chí {code}"', f'applies_to = "{applies}"',
            f"max_points = {high}", f"min_points = {low}", f"weight = {weight}", "",
        ]
    for name, score in (("Hoàn thành xuất sắc", 90), ("Hoàn thành tốt", 70), ("Hoàn thành", 50)):
        lines += ["[[tiers]]", f'name = "{name}"', f"min_score = {score}", ""]
    lines += [
        "[[awards]]", 'code = "GK"', 'name = "Giấy khen của Giám đốc Sở"', "level = 1", 'applies_to = "both"',
        "min_score = 80", "quota_percent = 30", "multiplier = 0.3", 'authority = "Giám đốc Sở Thông tin và Truyền thông"', "",
    ]
    return "\n".join(lines)


def build_files(size: Size) -> None:
    """campaign.toml, subjects.csv, entries.csv (deterministic, seeded)."""
    folder = size.folder
    folder.mkdir(parents=True, exist_ok=True)
    done = folder / "files.ok"
    if done.exists():
        return
    rng = random.Random(20241231)
    (folder / "campaign.toml").write_text(campaign_toml(), encoding="utf-8")
    units = max(1, size.subjects // 50)
    collectives = [f"DV{i:04d}" for i in range(1, units + 1)]
    individuals = [f"CB{i:06d}" for i in range(1, size.subjects - units + 1)]
    with open(folder / "subjects.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "name", "kind", "unit", "position", "gender", "female_percent"])
        for index, code in enumerate(collectives, 1):
            writer.writerow([code, f"Phòng chuyên môn số {index}", "tập thể", "", "", "", rng.choice(("30", "45.5", "70", "80"))])
        for code in individuals:
            middle = rng.choice(MIDDLE)
            gender = "nữ" if "Thị" in middle else rng.choice(("nam", "nữ"))
            name = f"{rng.choice(FAMILY)} {middle} {rng.choice(GIVEN)}"
            writer.writerow([code, name, "cá nhân", rng.choice(collectives), "Chuyên viên", gender, ""])
    for_kind = {
        "collective": [c for c, applies, *_ in CRITERIA if applies in ("both", "collective") and c != "VP"],
        "individual": [c for c, applies, *_ in CRITERIA if applies in ("both", "individual") and c != "VP"],
    }
    days = (CAMPAIGN_END - CAMPAIGN_START).days + 1
    dates = [(CAMPAIGN_START + dt.timedelta(days=d)).isoformat() for d in range(days)]
    everyone = [(c, "collective") for c in collectives] + [(c, "individual") for c in individuals]
    with open(folder / "entries.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["date", "subject", "criterion", "points", "note", "evidence"])
        choice, random_ = rng.choice, rng.random
        for _ in range(size.rows):
            code, kind = choice(everyone)
            day = choice(dates)
            if random_() < 0.03:
                criterion, points = "VP", choice(PENALTIES)
            else:
                criterion, points = choice(for_kind[kind]), choice(POINTS)
            evidence = f"Quyết định số {rng.randrange(1, 999)}/QĐ-STTTT ngày {day[8:]}/{day[5:7]}/2024" if random_() < 0.5 else ""
            writer.writerow([day, code, criterion, points, choice(NOTES), evidence])
    # after the entries, so that the entries file stays the one generator 1 wrote
    with open(folder / "awards-history.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["subject", "award", "name", "number", "date", "issuer"])
        for code in individuals:
            for year in sorted(rng.sample(range(2019, 2024), rng.choice((0, 1, 2)))):
                award, name, issuer = rng.choice(HISTORY_AWARDS)
                writer.writerow([code, award, name, f"{rng.randrange(1, 999)}/QĐ-STTTT", f"{year}-12-{rng.randrange(20, 31)}", issuer])
    done.write_text("ok\n")


# --------------------------------------------------------------------------- running


def distinct_rows(entries_csv: Path) -> int:
    """The rows an import of the generated file stores: each distinct row once (the random data repeats a
    few rows word for word, which import-entries skips as copies).

    Counted in a process of its own: the set of a million rows (~600 MB) would otherwise stay in this
    process's peak RSS, which Linux hands on to every command started after it (`run` reads a child's
    peak, and a child forked from a large process starts from that size), so every row of the memory
    column read 585 MB."""
    script = ("import csv, sys\n"
              "with open(sys.argv[1], encoding='utf-8', newline='') as handle:\n"
              "    rows = csv.reader(handle)\n"
              "    next(rows)\n"
              "    print(len({tuple(row) for row in rows}))\n")
    done = subprocess.run([sys.executable, "-c", script, str(entries_csv)], capture_output=True, text=True, check=True)
    return int(done.stdout)


def stored_rows(entries_csv: Path) -> int:
    """`distinct_rows` of the file, counted once and kept beside it (`entries.csv.rows`). A filled ledger was
    compared with the rows of the file (1,000,000), which an import never reaches (999,981 distinct): every run,
    even `--only propose-awards`, imported the million entries again before measuring anything."""
    kept = entries_csv.with_name(entries_csv.name + ".rows")
    if kept.exists() and kept.stat().st_mtime >= entries_csv.stat().st_mtime:
        return int(kept.read_text(encoding="utf-8"))
    count = distinct_rows(entries_csv)
    kept.write_text(f"{count}\n", encoding="utf-8")
    return count


@dataclass
class Run:
    seconds: float  # wall clock
    max_rss_mb: float
    cpu_seconds: float = 0.0  # user + system


@dataclass
class Tool:
    thidua: list[str]
    sqlite_utils: list[str] | None
    python: str
    env: dict[str, str]


def find_tools() -> Tool:
    bindir = Path(sys.executable).parent
    script = bindir / "thidua"
    thidua = [str(script)] if script.exists() else [sys.executable, "-m", "thidua_cli"]
    peer = bindir / "sqlite-utils"
    sqlite_utils = [str(peer)] if peer.exists() else ([shutil.which("sqlite-utils")] if shutil.which("sqlite-utils") else None)
    env = dict(os.environ)
    # The checkout's own code is what we measure, whatever the virtualenv's install points at.
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src")] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    env.update({"THIDUA_USER": "Người đo hiệu năng", "THIDUA_TODAY": TODAY, "COLUMNS": "120", "LC_ALL": "C.UTF-8"})
    for name in ("THIDUA_DB", "THIDUA_DEBUG", "THIDUA_TEMPLATES"):
        env.pop(name, None)
    # An installed package runs from compiled .pyc files (pip compiles them); a shell that forbids
    # writing them would make every measured run recompile the changed modules.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return Tool(thidua, sqlite_utils, sys.executable, env)


class CommandFailed(RuntimeError):
    pass


def run(argv: list[str], env: dict[str, str], stdout: Path | None = None, cwd: Path | None = None) -> Run:
    """One whole process: wall time, and that process's own peak RSS. Run in the data folder unless told
    otherwise, so that what a command writes beside itself (an import's `.kiem-tra.txt`) never lands in the checkout."""
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL
    cwd = cwd or DATA
    err_path = DATA / "last-stderr.txt"
    with open(err_path, "wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if stdout:
        out.close()
    if process.returncode != 0:
        message = err_path.read_text(encoding="utf-8", errors="replace").strip()
        raise CommandFailed(f"{' '.join(argv)} → mã thoát {process.returncode}\n{message}")
    return Run(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


@dataclass
class Measurement:
    key: str
    title: str
    baseline_title: str
    target: float | None
    memory_target_mb: float | None = None
    runs: list[Run] = field(default_factory=list)
    baseline_runs: list[Run] = field(default_factory=list)
    paired: bool = True  # runs[i] and baseline_runs[i] ran one after the other
    missing: str | None = None

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def baseline_median(self) -> float:
        return statistics.median(r.seconds for r in self.baseline_runs)

    @property
    def ratio(self) -> float:
        """The median of the ratios of runs made one after the other (robust when the machine's load
        drifts during the run); for a baseline taken from another measurement, the ratio of the medians."""
        return self._ratio(lambda r: r.seconds)

    @property
    def cpu_ratio(self) -> float:
        """Same ratio on CPU time (user + system): steadier than wall time when other programs share the machine."""
        return self._ratio(lambda r: r.cpu_seconds)

    def _ratio(self, value) -> float:
        if self.paired and len(self.runs) == len(self.baseline_runs):
            return statistics.median(value(a) / value(b) for a, b in zip(self.runs, self.baseline_runs) if value(b))
        baseline = statistics.median(value(r) for r in self.baseline_runs)
        return statistics.median(value(r) for r in self.runs) / baseline if baseline else float("nan")

    @property
    def peak_mb(self) -> float:
        return max(r.max_rss_mb for r in self.runs)


SLOW_SECONDS = 20  # a command slower than this is measured 3 times at most


def alternate(measurement: Measurement, repeats: int, candidate, baseline, warmup: bool = True, progress=print) -> None:
    """Warm-up once, then candidate and baseline alternately; `candidate`/`baseline` return a Run."""
    if warmup:
        first = candidate()
        if baseline:
            baseline()
        if first.seconds > SLOW_SECONDS and repeats > 3:
            progress(f"  {measurement.key}: {first.seconds:.0f} s mỗi lần, chỉ đo 3 lần")
            repeats = 3
    for index in range(repeats):
        measurement.runs.append(candidate())
        if baseline:
            measurement.baseline_runs.append(baseline())
        progress(f"  {measurement.key}: lần {index + 1}/{repeats}: {measurement.runs[-1].seconds:.3f} s"
                 + (f" (mốc {measurement.baseline_runs[-1].seconds:.3f} s)" if baseline else ""))
        if measurement.runs[-1].seconds > 6 * SLOW_SECONDS and index + 1 < repeats:
            progress(f"  {measurement.key}: quá chậm, dừng sau {index + 1} lần để cả lần đo không quá 10 phút")
            break


# --------------------------------------------------------------------------- baselines

BASELINE_IMPORT = r'''
"""Baseline: what a user's own script does: csv + sqlite3.executemany of the same rows in one
transaction, into a bare table of the same columns (no index, no foreign key, no hashes computed)."""
import csv, sqlite3, sys, datetime
db, path = sys.argv[1:3]
con = sqlite3.connect(db, isolation_level=None)
con.execute("PRAGMA journal_mode = WAL")
con.execute("PRAGMA synchronous = FULL")
con.execute(
    "CREATE TABLE plain_entry (id INTEGER PRIMARY KEY, campaign_id INTEGER, subject_id INTEGER, criterion_id INTEGER, "
    "day TEXT, points INTEGER, note TEXT, evidence TEXT, recorded_by TEXT, recorded_at TEXT, fingerprint TEXT, "
    "prev_hash TEXT, hash TEXT)")
campaign = con.execute("SELECT id FROM campaign").fetchone()[0]
subjects = dict(con.execute("SELECT code, id FROM subject"))
criteria = dict(con.execute("SELECT code, id FROM criterion WHERE campaign_id = ?", (campaign,)))
now = datetime.datetime.now(datetime.timezone.utc).isoformat()
with open(path, encoding="utf-8", newline="") as handle:
    reader = csv.reader(handle)
    next(reader)
    rows = (
        (campaign, subjects[s], criteria[k], d, round(float(p) * 100), n, e, "bench", now, "", "", "")
        for d, s, k, p, n, e in reader
    )
    con.execute("BEGIN")
    con.executemany(
        "INSERT INTO plain_entry (campaign_id, subject_id, criterion_id, day, points, note, evidence, recorded_by, "
        "recorded_at, fingerprint, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    con.execute("COMMIT")
'''

BASELINE_SCORE = r'''
"""Baseline: one hand-written SQL aggregation through sqlite3 (sums per subject and criterion)."""
import sqlite3, sys
db, start, end = sys.argv[1:4]
con = sqlite3.connect(db)
rows = con.execute(
    "SELECT e.subject_id, e.criterion_id, SUM(e.points), COUNT(*) FROM entry e "
    "WHERE e.campaign_id = 1 AND e.day BETWEEN ? AND ? "
    "AND e.id NOT IN (SELECT v.entry_id FROM void v) "
    "GROUP BY e.subject_id, e.criterion_id", (start, end)).fetchall()
sys.stdout.write(f"{len(rows)} {sum(r[2] for r in rows)}\n")
'''


BASELINE_CHECK = r'''
"""Baseline: SQLite's own integrity check, plus a SHA-256 of every entry row in Python."""
import hashlib, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
count = 0
for row in con.execute("SELECT * FROM entry ORDER BY id"):
    hashlib.sha256("\x1f".join(map(str, row)).encode("utf-8")).hexdigest()
    count += 1
sys.stdout.write(f"{count}\n")
'''

BASELINE_ENTRIES_CSV = r'''
"""Baseline: a Python sqlite3 CSV dump of the join `thidua entries` lists (live entries, by date)."""
import csv, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
writer = csv.writer(sys.stdout)
writer.writerow(["id", "date", "subject", "name", "criterion", "points", "note", "evidence", "recorded_by", "recorded_at", "unit"])
writer.writerows(con.execute(
    "SELECT e.id, e.day, s.code, s.name, c.code, e.points / 100.0, e.note, e.evidence, e.recorded_by, e.recorded_at, s.unit "
    "FROM entry e JOIN subject s ON s.id = e.subject_id JOIN criterion c ON c.id = e.criterion_id "
    "LEFT JOIN void v ON v.entry_id = e.id WHERE e.campaign_id = 1 AND v.id IS NULL ORDER BY e.day, e.id"))
'''

BASELINE_ENTRIES_XLSX = r'''
"""Baseline: a plain openpyxl write-only dump of the same join, as a user's own script would write a workbook
(no styles, no column widths: `thidua entries -o x.xlsx` adds fonts, borders, date formats, a title row)."""
import sqlite3, sys
from openpyxl import Workbook
con = sqlite3.connect(sys.argv[1])
workbook = Workbook(write_only=True)
sheet = workbook.create_sheet("Mục ghi")
sheet.append(["id", "date", "subject", "name", "criterion", "points", "note", "evidence", "recorded_by", "recorded_at", "unit"])
for row in con.execute(
    "SELECT e.id, e.day, s.code, s.name, c.code, e.points / 100.0, e.note, e.evidence, e.recorded_by, e.recorded_at, s.unit "
    "FROM entry e JOIN subject s ON s.id = e.subject_id JOIN criterion c ON c.id = e.criterion_id "
    "LEFT JOIN void v ON v.entry_id = e.id WHERE e.campaign_id = 1 AND v.id IS NULL ORDER BY e.day, e.id"):
    sheet.append(row)
workbook.save(sys.argv[2])
'''

BASELINE_AWARDS_CSV = r'''
"""Baseline: a Python sqlite3 CSV dump of the award history joined with its subjects."""
import csv, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
writer = csv.writer(sys.stdout)
writer.writerow(["subject", "name", "award", "award_name", "number", "date", "issuer", "category", "kind", "year"])
writer.writerows(con.execute(
    "SELECT s.code, s.name, h.award, h.name, h.number, h.day, h.issuer, h.category, h.award_kind, h.year "
    "FROM award_history h JOIN subject s ON s.id = h.subject_id ORDER BY s.code, h.day, h.id"))
'''

BASELINE_SUBJECTS = r'''
"""Baseline: csv + sqlite3.executemany of the subjects file into a bare table, one transaction."""
import csv, sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("PRAGMA journal_mode = WAL")
con.execute("PRAGMA synchronous = FULL")
con.execute("CREATE TABLE plain_subject (code TEXT, name TEXT, kind TEXT, unit TEXT, position TEXT, gender TEXT, female_percent TEXT)")
with open(sys.argv[2], encoding="utf-8", newline="") as handle:
    reader = csv.reader(handle)
    next(reader)
    con.execute("BEGIN")
    con.executemany("INSERT INTO plain_subject VALUES (?, ?, ?, ?, ?, ?, ?)", reader)
    con.execute("COMMIT")
'''

BASELINES = {
    "import.py": BASELINE_IMPORT, "score.py": BASELINE_SCORE, "check.py": BASELINE_CHECK,
    "entries_csv.py": BASELINE_ENTRIES_CSV, "entries_xlsx.py": BASELINE_ENTRIES_XLSX, "awards_csv.py": BASELINE_AWARDS_CSV,
    "subjects.py": BASELINE_SUBJECTS,
}


# --------------------------------------------------------------------------- the benchmark


def month_bounds(month: str) -> tuple[str, str]:
    year, number = (int(part) for part in month.split("-"))
    following = dt.date(year + number // 12, number % 12 + 1, 1)
    return f"{month}-01", (following - dt.timedelta(days=1)).isoformat()


def target_text(target: float | None) -> str:
    return "—" if target is None else f"≤ {target:.1f}×"


def thidua_args(tool: Tool, db: Path, *args: str) -> list[str]:
    return [*tool.thidua, "--db", str(db), *args]


def build_base_ledger(tool: Tool, size: Size, say) -> Path:
    """Campaign + subjects, no entries: created through the real commands."""
    base = size.folder / "base.db"
    drop_older_ledgers(size, say)
    if base.exists():
        return base
    say("Tạo sổ gốc (campaign load + subject import)…")
    temp = size.folder / "base-new.db"
    remove_ledger(temp)
    run(thidua_args(tool, temp, "campaign", "load", str(size.folder / "campaign.toml")), tool.env)
    checkpoint(temp)
    shutil.copyfile(temp, campaign_ledger(size))
    run(thidua_args(tool, temp, "subject", "import", str(size.folder / "subjects.csv")), tool.env)
    run(thidua_args(tool, temp, "awards", "import", str(size.folder / "awards-history.csv")), tool.env)
    checkpoint(temp)
    temp.rename(base)
    return base


def drop_older_ledgers(size: Size, say) -> None:
    """Ledgers kept from a run of an older schema are made again: else every measured command would
    first upgrade its copy (a schema-13 base ledger made import-entries 5.4× its baseline instead of 4.3×)."""
    from thidua_cli.storage.schema import SCHEMA_VERSION

    base = size.folder / "base.db"
    if not base.exists():
        return
    con = sqlite3.connect(base)
    try:
        found = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    finally:
        con.close()
    if found is not None and int(found[0]) == SCHEMA_VERSION:
        return
    say(f"Sổ đã dựng trước đó theo lược đồ {found[0] if found else '?'} (nay {SCHEMA_VERSION}): dựng lại…")
    for name in ("base.db", "campaign-only.db", "ledger.db"):
        remove_ledger(size.folder / name)


def campaign_ledger(size: Size) -> Path:
    """The campaign alone, no subjects yet: where `subject import` is measured."""
    return size.folder / "campaign-only.db"


def checkpoint(db: Path) -> None:
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def remove_ledger(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(db) + suffix).unlink(missing_ok=True)


def warm(path: Path) -> None:
    """Read a file once so that every measured run finds it in the page cache."""
    with open(path, "rb") as handle:
        while handle.read(1 << 20):
            pass


def fresh_copy(base: Path, target: Path) -> Path:
    remove_ledger(target)
    shutil.copyfile(base, target)
    return target


def row_count(db: Path, table: str = "entry") -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


VOIDED = 10


def add_voids(tool: Tool, db: Path, say) -> None:
    """A working ledger has some voided entries: every standings query must then leave them out."""
    say(f"Huỷ {VOIDED} mục ghi (void-entry, không tính giờ)…")
    step = max(1, row_count(db) // VOIDED)
    for number in range(VOIDED):
        run(thidua_args(tool, db, "void-entry", str(1 + number * step), "--reason", "Ghi nhầm (đo hiệu năng)"), tool.env)


def has_command(tool: Tool, db: Path, name: str) -> bool:
    result = subprocess.run(thidua_args(tool, db, name, "--help"), env=tool.env, capture_output=True)
    return result.returncode == 0


# key, title, baseline, time target (ratio), peak memory target (MB)
OTHER_MEASUREMENTS = (
    ("check", "`thidua check` ({rows} mục)", "`PRAGMA integrity_check` + SHA-256 từng mục ghi bằng Python", 3.0, None),
    ("entries-csv", "`thidua entries --format csv` ({rows} mục)", "kết xuất CSV cùng phép nối bằng `sqlite3` của Python", 3.0, 150),
    ("entries-json", "`thidua entries --format json`", "kết xuất CSV cùng phép nối bằng `sqlite3`", None, 150),
    ("entries-xlsx", "`thidua entries -o entries.xlsx`", "`openpyxl` chế độ write-only ghi cùng phép nối (không định dạng)", None, 150),
    ("propose-awards", "`thidua propose-awards` (bản sao sổ, ghi hồ sơ)", "`thidua score --format json`", None, 150),
    ("awards", "`thidua awards --format csv` (lịch sử khen thưởng)", "kết xuất CSV lịch sử khen thưởng bằng `sqlite3`", None, None),
    ("subject-import", "`thidua subject import` ({subjects} đối tượng)", "`csv` + `executemany` vào bảng trần", None, None),
)
GROWTH_COMMANDS = ("import", "score", "check", "entries-csv", "propose-awards", "report", "awards", "subject-import")
GROWTH_LIMIT = 12.0  # time at 1M entries ≤ 12× the time at 100k (for ten times the entries)


def thidua_commands(tool: Tool, size: Size, ledger: Path) -> dict:
    """The measured thidua process of each command, on the ledger of `size` (each returns a Run)."""
    folder = size.folder
    out = folder / "out"
    out.mkdir(exist_ok=True)

    def imported() -> Run:
        work = fresh_copy(folder / "base.db", folder / "import-work.db")
        # in out/: an import writes the whole of a long list it cuts (entries.csv.kiem-tra.txt) where it runs
        return run(thidua_args(tool, work, "import-entries", str(folder / "entries.csv")), tool.env, cwd=out)

    def proposed() -> Run:
        # a round is recorded: each run starts from the same ledger; its dossier goes to out/
        work = fresh_copy(ledger, folder / "propose-work.db")
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()
        return run(thidua_args(tool, work, "propose-awards"), tool.env, cwd=out)

    def subjects_imported() -> Run:
        work = fresh_copy(campaign_ledger(size), folder / "subjects-work.db")
        return run(thidua_args(tool, work, "subject", "import", str(folder / "subjects.csv")), tool.env)

    return {
        "import": imported,
        "score": lambda: run(thidua_args(tool, ledger, "score", "--format", "json"), tool.env, stdout=out / "score.json"),
        "check": lambda: run(thidua_args(tool, ledger, "check"), tool.env),
        "entries-csv": lambda: run(thidua_args(tool, ledger, "entries", "--format", "csv"), tool.env, stdout=out / "entries.csv"),
        "entries-json": lambda: run(thidua_args(tool, ledger, "entries", "--format", "json"), tool.env, stdout=out / "entries.json"),
        "entries-xlsx": lambda: run(thidua_args(tool, ledger, "entries", "-o", str(out / "entries.xlsx")), tool.env),
        "propose-awards": proposed,
        "report": lambda: run(thidua_args(tool, ledger, "report", "--month", REPORT_MONTH, "--format", "html"), tool.env,
                              stdout=out / "report.html"),
        "awards": lambda: run(thidua_args(tool, ledger, "awards", "--format", "csv"), tool.env, stdout=out / "awards.csv"),
        "subject-import": subjects_imported,
    }


def baseline_commands(tool: Tool, size: Size, ledger: Path, scripts: Path) -> dict:
    folder = size.folder
    dump = folder / "out" / "baseline.csv"

    def script(name: str, *args: str, stdout: Path | None = None) -> Run:
        return run([tool.python, str(scripts / name), *args], tool.env, stdout=stdout)

    def subjects() -> Run:
        work = fresh_copy(campaign_ledger(size), folder / "subjects-baseline.db")
        return script("subjects.py", str(work), str(folder / "subjects.csv"))

    entries_dump = lambda: script("entries_csv.py", str(ledger), stdout=dump)  # noqa: E731
    return {
        "check": lambda: script("check.py", str(ledger)),
        "entries-csv": entries_dump,
        "entries-json": entries_dump,
        "entries-xlsx": lambda: script("entries_xlsx.py", str(ledger), str(folder / "out" / "baseline.xlsx")),
        "propose-awards": lambda: run(thidua_args(tool, ledger, "score", "--format", "json"), tool.env, stdout=folder / "out" / "score.json"),
        "awards": lambda: script("awards_csv.py", str(ledger), stdout=dump),
        "subject-import": subjects,
    }


def benchmark(size: Size, repeats: dict[str, int], only: set[str], say=print) -> tuple[list[Measurement], dict]:
    tool = find_tools()
    started = time.perf_counter()
    say(f"Dữ liệu: {count_text(size.rows)} mục ghi, {count_text(size.subjects)} đối tượng, {len(CRITERIA)} tiêu chí → {size.folder}")
    build_files(size)
    base = build_base_ledger(tool, size, say)
    folder = size.folder
    ledger = folder / "ledger.db"
    entries_csv = folder / "entries.csv"
    measurements: list[Measurement] = []
    scripts = folder / "baselines"
    scripts.mkdir(exist_ok=True)
    for name, text in BASELINES.items():
        (scripts / name).write_text(text, encoding="utf-8")

    # ---- start-up
    if "startup" in only:
        m = Measurement("startup", "`thidua --help`", "`sqlite-utils --version`", 1.0)
        measurements.append(m)
        if tool.sqlite_utils is None:
            m.missing = "chưa cài sqlite-utils (pip install -e '.[bench]')"
        else:
            alternate(m, repeats["startup"], lambda: run([*tool.thidua, "--help"], tool.env),
                      lambda: run([*tool.sqlite_utils, "--version"], tool.env), progress=say)

    # ---- import (also builds the big ledger)
    if "import" in only or not ledger.exists() or row_count(ledger) < stored_rows(entries_csv):
        measured = "import" in only
        m = Measurement("import", f"`thidua import-entries` ({count_text(size.rows)} dòng CSV)",
                        "`csv` + `sqlite3.executemany` vào bảng trần (không chỉ mục), một giao dịch", 3.0,
                        memory_target_mb=300)
        work = folder / "import-work.db"
        baseline_db = folder / "import-baseline.db"
        warm(entries_csv)

        def candidate() -> Run:
            fresh_copy(base, work)
            return run(thidua_args(tool, work, "import-entries", str(entries_csv)), tool.env)

        def baseline() -> Run:
            fresh_copy(base, baseline_db)
            return run([tool.python, str(scripts / "import.py"), str(baseline_db), str(entries_csv)], tool.env)

        if measured:
            measurements.append(m)
            alternate(m, repeats["import"], candidate, baseline, warmup=False, progress=say)
        else:
            say("Nạp sổ lớn (import-entries, không tính giờ)…")
            candidate()
        count = row_count(work)
        if count != stored_rows(entries_csv):  # a row repeated inside the file is stored once (and named)
            raise CommandFailed(f"import-entries ghi {count} mục, cần {stored_rows(entries_csv)} (số dòng khác nhau của tệp)")
        checkpoint(work)
        remove_ledger(ledger)
        work.rename(ledger)
        remove_ledger(work)
        remove_ledger(baseline_db)
    if row_count(ledger, "void") < VOIDED:
        add_voids(tool, ledger, say)
        checkpoint(ledger)

    # ---- score
    if "score" in only:
        score_m = Measurement("score", f"`thidua score --format json` ({count_text(size.rows)} mục, {count_text(size.subjects)} đối tượng)",
                              "một truy vấn SQL tổng hợp qua `sqlite3`", 1.5, memory_target_mb=300)
        measurements.append(score_m)
        out = folder / "score.json"
        alternate(score_m, repeats["score"],
                  lambda: run(thidua_args(tool, ledger, "score", "--format", "json"), tool.env, stdout=out),
                  lambda: run([tool.python, str(scripts / "score.py"), str(ledger), CAMPAIGN_START.isoformat(), TODAY], tool.env),
                  progress=say)
        standings = json.loads(out.read_text(encoding="utf-8"))["standings"]
        if len(standings) != size.subjects:
            raise CommandFailed(f"score --format json có {len(standings)} dòng, cần {size.subjects}")
        # For information (the issue sets no target here): a month tests each entry's date and sums
        # few of them, so the SQL is cheap and the fixed work for 20,000 subjects weighs more.
        month = Measurement("score-month", f"`thidua score --month {REPORT_MONTH} --format json`",
                            "cùng truy vấn, giới hạn trong tháng", None, memory_target_mb=300)
        measurements.append(month)
        first, last = month_bounds(REPORT_MONTH)
        alternate(month, repeats["score"],
                  lambda: run(thidua_args(tool, ledger, "score", "--month", REPORT_MONTH, "--format", "json"), tool.env, stdout=out),
                  lambda: run([tool.python, str(scripts / "score.py"), str(ledger), first, last], tool.env),
                  progress=say)

    # ---- report
    if "report" in only:
        m = Measurement("report", f"`thidua report --month {REPORT_MONTH} --format html`", "`thidua score --format json`", 2.0)
        measurements.append(m)
        if not has_command(tool, ledger, "report"):
            m.missing = "chưa có"
        else:
            out = folder / "report.html"
            try:
                # paired with `score` runs, as the other measurements are with their baselines
                alternate(m, repeats["report"],
                          lambda: run(thidua_args(tool, ledger, "report", "--month", REPORT_MONTH, "--format", "html"), tool.env, stdout=out),
                          lambda: run(thidua_args(tool, ledger, "score", "--format", "json"), tool.env, stdout=folder / "score.json"),
                          progress=say)
            except CommandFailed as error:
                m.missing = "lỗi: " + str(error).splitlines()[-1][:120]

    # ---- the other commands of issue 13, each against its own baseline
    for key, title, baseline_title, target, memory in OTHER_MEASUREMENTS:
        if key not in only:
            continue
        m = Measurement(key, title.format(rows=count_text(size.rows), subjects=count_text(size.subjects)), baseline_title, target, memory)
        measurements.append(m)
        commands = thidua_commands(tool, size, ledger)
        try:
            alternate(m, repeats[key], commands[key], baseline_commands(tool, size, ledger, scripts)[key], progress=say)
        except CommandFailed as error:
            m.missing = "lỗi: " + str(error).splitlines()[-1][:120]

    # ---- add-entry (last: it appends to the ledger)
    if "add-entry" in only:
        m = Measurement("add-entry", f"`thidua add-entry …` (sổ {count_text(row_count(ledger))} mục)",
                        "`sqlite-utils insert` một dòng vào bảng entry (bản sao sổ)", 1.5)
        measurements.append(m)
        if tool.sqlite_utils is None:
            m.missing = "chưa cài sqlite-utils (pip install -e '.[bench]')"
        else:
            peer_db = fresh_copy(ledger, folder / "peer.db")
            row = {
                "campaign_id": 1, "subject_id": 42, "criterion_id": 3, "day": "2024-06-15", "points": 250,
                "note": "Hỗ trợ người dân cài đặt ứng dụng dịch vụ công trực tuyến", "evidence": "Quyết định số 12/QĐ-STTTT",
                "recorded_by": "Người đo hiệu năng", "recorded_at": "2024-06-15T08:00:00+00:00",
                "fingerprint": "0" * 64, "prev_hash": "0" * 64, "hash": "0" * 64,
            }
            row_file = folder / "row.json"
            row_file.write_text(json.dumps(row, ensure_ascii=False), encoding="utf-8")
            subject = "CB000042" if size.subjects > 100 else "CB000001"
            alternate(m, repeats["add-entry"],
                      lambda: run(thidua_args(tool, ledger, "add-entry", "--subject", subject, "--criterion", "TC3", "--points", "2,5",
                                              "--date", "2024-06-15", "--note", row["note"], "--evidence", row["evidence"]), tool.env),
                      lambda: run([*tool.sqlite_utils, "insert", str(peer_db), "entry", str(row_file)], tool.env),
                      progress=say)
            remove_ledger(peer_db)

    info = {
        "elapsed": time.perf_counter() - started,
        "rows": size.rows,
        "subjects": size.subjects,
        "repeats": repeats,
        "thidua": " ".join(Path(a).name if i == 0 else a for i, a in enumerate(tool.thidua)),
    }
    return measurements, info


def prepare(tool: Tool, size: Size, say) -> Path:
    """The files and the filled ledger of `size` (import not measured), with some voided entries."""
    build_files(size)
    build_base_ledger(tool, size, say)
    ledger = size.folder / "ledger.db"
    if not ledger.exists() or row_count(ledger) < stored_rows(size.folder / "entries.csv"):
        say(f"Nạp sổ {count_text(size.rows)} mục (import-entries, không tính giờ)…")
        thidua_commands(tool, size, ledger)["import"]()
        work = size.folder / "import-work.db"
        checkpoint(work)
        remove_ledger(ledger)
        work.rename(ledger)
        remove_ledger(work)
    if row_count(ledger, "void") < VOIDED:
        add_voids(tool, ledger, say)
        checkpoint(ledger)
    return ledger


def growth_size(rows: int, main: Size) -> Size:
    """A ledger `rows` long shaped like the main one: as many entries per subject.

    With the subjects held fixed, a smaller ledger is not the same office with fewer
    entries but one where each person has a fifth of the entries — at 100,000 entries
    over 20,000 subjects one person reaches an award's score, at 1,000,000 about 6,000,
    so `propose-awards` would measure how many dossiers there are, not how its cost grows."""
    return Size(rows, max(50, round(main.subjects * rows / main.rows)))


def growth(sizes: list[Size], only: set[str], say=print) -> dict[str, list[float | str | None]]:
    """Each command's median time at each size (a fast command 3 times, a slow one once)."""
    tool = find_tools()
    times: dict[str, list[float | None]] = {key: [] for key in GROWTH_COMMANDS if key in only}
    for size in sizes:
        say(f"Tăng trưởng: {count_text(size.rows)} mục, {count_text(size.subjects)} đối tượng")
        ledger = prepare(tool, size, say)
        commands = thidua_commands(tool, size, ledger)
        for key in times:
            try:
                runs = [commands[key]().seconds]
                if runs[0] < 2:
                    runs += [commands[key]().seconds, commands[key]().seconds]
                times[key].append(statistics.median(runs))
                say(f"  {key}: {seconds_text(times[key][-1])}")
                if key == "propose-awards":
                    PROPOSALS[size] = proposal_count(size.folder / "propose-work.db")
            except CommandFailed as error:
                say(f"  {key}: {str(error).splitlines()[-1][:120]}")
                # a small ledger may have no one reaching the award's score: nothing to propose is no failure
                times[key].append(NOTHING_TO_PROPOSE if NO_ONE_QUALIFIES in str(error) else None)
    return times


PROPOSALS: dict[Size, int] = {}  # proposals made by the growth table's propose-awards, by size


def proposal_count(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        (result,) = con.execute("SELECT result FROM round ORDER BY id DESC LIMIT 1").fetchone()
        return len(json.loads(result)["proposals"])
    finally:
        con.close()


NO_ONE_QUALIFIES = "không có đối tượng nào đủ điều kiện"
NOTHING_TO_PROPOSE = "không ai đủ điểm"


def growth_markdown(sizes: list[Size], times: dict[str, list[float | str | None]]) -> str:
    heads = " | ".join(f"{count_text(size.rows)} mục" for size in sizes)
    # 12× for ten times the entries (1M against 100k); other steps in proportion
    limit = GROWTH_LIMIT * (sizes[-1].rows / sizes[-2].rows) / 10 if len(sizes) > 1 else GROWTH_LIMIT
    last = f"{count_text(sizes[-1].rows)} / {count_text(sizes[-2].rows)}" if len(sizes) > 1 else ""
    lines = [
        f"| Lệnh | {heads} | Tỉ lệ {last} | Mục tiêu | Đạt |",
        "|---|" + "---:|" * len(sizes) + "---:|---:|:---:|",
    ]
    for key, values in times.items():
        cells = " | ".join(seconds_text(v) if isinstance(v, float) else (v or "lỗi") for v in values)
        ratio, verdict = "", ""
        if len(values) > 1 and isinstance(values[-1], float) and isinstance(values[-2], float) and values[-2]:
            growth_ratio = values[-1] / values[-2]
            ratio = f"{growth_ratio:.1f}×"
            verdict = "✓" if growth_ratio <= limit else "✗"
        lines.append(f"| {key} | {cells} | {ratio} | ≤ {limit:.0f}× | {verdict} |")
    subjects = ", ".join(f"{count_text(size.subjects)}" for size in sizes)
    lines += ["", f"Mỗi cỡ là cả một sổ lớn lên cùng tỉ lệ: số đối tượng theo số mục ({subjects} đối tượng), nên mỗi "
              "người có chừng ấy mục ghi ở mọi cỡ; mỗi ô là trung vị của 3 lần chạy (1 lần khi một lần chạy quá 2 giây). "
              "Chi phí tăng tuyến tính thì tỉ lệ giữa hai cỡ gần bằng tỉ lệ số mục."]
    if PROPOSALS:
        made = ", ".join(f"{count_text(PROPOSALS[size])} ở {count_text(size.rows)} mục" for size in sizes if size in PROPOSALS)
        lines += ["", f"Số đề nghị của propose-awards (mỗi đề nghị một báo cáo thành tích và một dòng trong mỗi danh sách): {made}."]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- the table


def harness_peak_mb() -> float:
    """This process's own peak RSS: a floor under every peak `run` reads of a child it starts."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def count_text(value: int) -> str:
    """1.000.000: Vietnamese thousands separator."""
    return f"{value:,}".replace(",", ".")


def seconds_text(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"


def versions() -> str:
    parts = [f"Python {platform.python_version()}", f"SQLite {sqlite3.sqlite_version}"]
    try:
        from importlib.metadata import version

        for package in ("typer", "sqlite-utils"):
            try:
                parts.append(f"{package} {version(package)}")
            except Exception:  # noqa: BLE001 - not installed
                pass
    except ImportError:
        pass
    return ", ".join(parts)


def markdown(measurements: list[Measurement], info: dict) -> str:
    lines = [
        "| Phép đo | Trung vị | Mốc so sánh | Trung vị mốc | Tỉ lệ | Mục tiêu | Đạt | Tỉ lệ CPU | Bộ nhớ đỉnh |",
        "|---|---:|---|---:|---:|---:|:---:|---:|---:|",
    ]
    for m in measurements:
        if m.missing:
            lines.append(f"| {m.title} | {m.missing} | {m.baseline_title} | | | {target_text(m.target)} | | | |")
            continue
        ok = m.target is None or m.ratio <= m.target
        memory = f"{m.peak_mb:.0f} MB"
        if m.memory_target_mb:
            memory += f" (≤ {m.memory_target_mb:.0f})"
            ok = ok and m.peak_mb <= m.memory_target_mb
        verdict = "" if m.target is None and not m.memory_target_mb else ("✓" if ok else "✗")
        lines.append(
            f"| {m.title} | {seconds_text(m.median)} | {m.baseline_title} | {seconds_text(m.baseline_median)} | "
            f"{m.ratio:.2f}× | {target_text(m.target)} | {verdict} | {m.cpu_ratio:.2f}× | {memory} |"
        )
    counts = ", ".join(f"{m.key} {len(m.runs)}" for m in measurements if m.runs)
    lines += [
        "",
        f"{count_text(info['rows'])} mục ghi, {count_text(info['subjects'])} đối tượng, {len(CRITERIA)} tiêu chí. "
        f"Trung vị của mỗi lệnh chạy trọn một tiến trình (số lần: {counts}), xen kẽ với mốc so sánh trong cùng lần đo; "
        f"tỉ lệ = trung vị của tỉ lệ thời gian thực từng cặp lệnh–mốc chạy liền nhau (report và propose-awards: mốc là `score` chạy xen kẽ); "
        f"mục tiêu xét theo tỉ lệ này. Tỉ lệ CPU: cùng phép tính trên thời gian CPU (user + sys), ít dao động hơn khi máy có việc khác. "
        f"Bộ nhớ đỉnh: RSS lớn nhất của tiến trình thidua (không thể nhỏ hơn bộ nhớ đỉnh của chính run.py, "
        f"{harness_peak_mb():.0f} MB, vì Linux tính tiến trình con từ cỡ của tiến trình sinh ra nó).",
        f"Máy: {platform.machine()}, {os.cpu_count()} lõi, {platform.system()} {platform.release()}; {versions()}. "
        f"Đo ngày {dt.date.today().isoformat()}, tổng thời gian {info['elapsed'] / 60:.1f} phút.",
    ]
    return "\n".join(lines) + "\n"


MEASURED = ("startup", "add-entry", "import", "score", "report", *(key for key, *_ in OTHER_MEASUREMENTS))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Đo hiệu năng thidua so với các mốc đo trong cùng lần chạy.")
    parser.add_argument("--quick", action="store_true", help="cỡ nhỏ để thử nhanh (20.000 mục, 1.000 đối tượng, ít lần đo)")
    parser.add_argument("--rows", type=int, help="số mục ghi (mặc định 1.000.000)")
    parser.add_argument("--subjects", type=int, help="số đối tượng (mặc định 20.000)")
    parser.add_argument("--repeat", type=int, help="số lần đo cho mọi phép đo (mặc định: 10 khởi động, 10 add-entry, 3 import, 5 score, 5 report, 3 các lệnh khác)")
    parser.add_argument("--only", help="chỉ các phép đo này, phân cách bằng dấu phẩy: " + ",".join(MEASURED))
    parser.add_argument("--growth", help="các cỡ của bảng tăng trưởng, phân cách bằng dấu phẩy (mặc định 10000,100000 và cỡ chính; --quick: 2000 và cỡ chính)")
    parser.add_argument("--no-growth", action="store_true", help="bỏ bảng tăng trưởng")
    parser.add_argument("--out", default=str(RESULTS / "latest.md"), help="tệp Markdown kết quả")
    parser.add_argument("--clean", action="store_true", help="xoá dữ liệu đã tạo trước đó rồi tạo lại")
    args = parser.parse_args(argv)

    rows = args.rows or (20_000 if args.quick else 1_000_000)
    subjects = args.subjects or (1_000 if args.quick else 20_000)
    size = Size(rows, subjects)
    repeats = {"startup": 10, "add-entry": 10, "import": 3, "score": 5, "report": 5} | {key: 3 for key, *_ in OTHER_MEASUREMENTS}
    if args.quick:
        repeats = {key: 2 for key in repeats} | {"startup": 5, "add-entry": 5, "score": 3, "report": 3}
    if args.repeat:
        repeats = {key: args.repeat for key in repeats}
    names = MEASURED
    only = set(names) if not args.only else {name.strip() for name in args.only.split(",")}
    unknown = only - set(names)
    if unknown:
        parser.error(f"không có phép đo: {', '.join(sorted(unknown))}")
    repeats = {key: value for key, value in repeats.items() if key in only}
    if args.clean and size.folder.exists():
        shutil.rmtree(size.folder)
    DATA.mkdir(parents=True, exist_ok=True)
    try:
        measurements, info = benchmark(size, repeats, only, say=lambda text: print(text, file=sys.stderr, flush=True))
    except CommandFailed as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 1
    order = {name: index for index, name in enumerate(("startup", "add-entry", "import", "score", "score-month", "report", *(key for key, *_ in OTHER_MEASUREMENTS)))}
    measurements.sort(key=lambda m: order[m.key])
    table = markdown(measurements, info)
    if not args.no_growth:
        if args.growth:
            rows_list = [int(part) for part in args.growth.split(",")]
        else:
            rows_list = [2_000, rows] if args.quick else [10_000, 100_000, rows]
        sizes = [growth_size(count, size) for count in sorted(set(rows_list))]
        try:
            times = growth(sizes, only, say=lambda text: print(text, file=sys.stderr, flush=True))
        except CommandFailed as error:
            print(f"Lỗi: {error}", file=sys.stderr)
            return 1
        table += "\n### Tăng trưởng theo số mục ghi\n\n" + growth_markdown(sizes, times)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(table, encoding="utf-8")
    print(table)
    print(f"(đã ghi {out})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
