"""The demo: a fresh ledger from the bundled example, then every output the product makes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from thidua_cli.domain.periods import PeriodRequest
from thidua_cli.errors import ThiduaError
from thidua_cli.resources import examples_dir

EXAMPLE = "covid19-stttt"


def run_demo(out: str) -> Iterator[str]:
    from thidua_cli.render.standings import standings_json, standings_screen, standings_table
    from thidua_cli.render.tabular import to_csv, to_json, to_markdown, to_rich
    from thidua_cli.services.campaigns import load_campaign
    from thidua_cli.services.entries import import_entries
    from thidua_cli.services.standings import score
    from thidua_cli.services.subjects import import_subjects

    source = examples_dir() / EXAMPLE
    if not source.is_dir():
        raise ThiduaError(f"không tìm thấy ví dụ mẫu tại {source}")
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "thidua-demo.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    yield f"Sổ mẫu: {db}"
    loaded = load_campaign(str(db), str(source / "campaign.toml"))
    yield f"Đã nạp phong trào {loaded.campaign.code} ({loaded.campaign.plan}): {loaded.campaign.name}"
    subjects = import_subjects(str(db), str(source / "subjects.csv"))
    yield f"Đã nhập {subjects.added} đối tượng."
    entries = import_entries(str(db), str(source / "entries.csv"))
    yield f"Đã ghi {entries.added} mục thành tích."
    for step in _later_steps(db, folder, source):
        yield step
    standings = score(str(db), PeriodRequest())
    (folder / "bang-diem.md").write_text(to_markdown(standings_table(standings)), encoding="utf-8")
    (folder / "bang-diem.json").write_text(to_json(standings_json(standings)), encoding="utf-8")
    (folder / "bang-diem.csv").write_text(to_csv(standings_table(standings, machine=True)), encoding="utf-8")
    yield standings_screen(standings, top=5).rstrip()
    yield f"Bảng điểm đầy đủ: {folder / 'bang-diem.md'}, {folder / 'bang-diem.csv'}, {folder / 'bang-diem.json'}"
    yield f"Xem tiếp: thidua --db {db} score --explain NV01"


def _later_steps(db: Path, folder: Path, source: Path) -> Iterator[str]:
    """Award history, the dossier and the monthly report join the demo as they are built."""
    yield from _monthly_report(db, folder)


REPORT_MONTH = "2021-11"
REPORT_DATE = "2021-12-03"  # the Office reports early the next month


def _monthly_report(db: Path, folder: Path) -> Iterator[str]:
    """The example's report for November 2021, in every document format."""
    from thidua_cli.render.report import report_html, report_json, report_markdown
    from thidua_cli.render.report_docx import report_docx
    from thidua_cli.render.tabular import to_json
    from thidua_cli.services.report import build

    report = build(str(db), PeriodRequest(month=REPORT_MONTH), day=REPORT_DATE)
    stem = f"bao-cao-thang-{REPORT_MONTH}"
    written = []
    for suffix, render in (
        ("md", lambda: report_markdown(report)), ("html", lambda: report_html(report)),
        ("docx", lambda: report_docx(report)), ("json", lambda: to_json(report_json(report))),
    ):
        path = folder / f"{stem}.{suffix}"
        content = render()
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        written.append(str(path))
    yield f"Báo cáo tháng {REPORT_MONTH[5:]}/{REPORT_MONTH[:4]}: {', '.join(written)}"
