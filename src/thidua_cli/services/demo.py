"""The demo: a fresh ledger from the bundled example, then every output the product makes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from thidua_cli.domain.periods import PeriodRequest
from thidua_cli.errors import ThiduaError
from thidua_cli.files import write_atomic
from thidua_cli.resources import examples_dir

EXAMPLE = "covid19-stttt"


_server: dict[str, str | None] = {"url": None}


def run_demo(out: str, server: str | None = None) -> Iterator[str]:
    """Both bundled campaigns, each in its own sub-folder of `out` with its own ledger.

    Two ledgers, not one: the examples are two agencies (Sở TT&TT Trà Vinh 2021, Sở KH&CN Vĩnh Long
    2025) whose staff lists both use the codes NV01…NV40, and subjects are ledger-wide; apart, every
    command the demo suggests works without --campaign, as it does for an office with one campaign.

    With `server` (a PostgreSQL URL), each ledger is a schema of its own in that database
    (`thidua_demo_…`), made afresh; the documents and reports still go to `out`."""
    root = Path(out)
    _server["url"] = server
    yield from example_demo(root / EXAMPLE)
    from thidua_cli.services.demo_annual import ANNUAL_EXAMPLE, annual_demo

    yield from annual_demo(root / ANNUAL_EXAMPLE)


def fresh_ledger(folder: Path) -> Path | str:
    """The demo's ledger in `folder` (or in its own schema on the server), emptied: a demo always
    starts from the example files alone."""
    folder.mkdir(parents=True, exist_ok=True)
    if _server["url"]:
        return fresh_server_schema(_server["url"], "thidua_demo_" + folder.name.replace("-", "_"))
    db = folder / "thidua-demo.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    return db


def fresh_server_schema(url: str, name: str) -> str:
    """The URL of an empty schema `name` in the database of `url` (dropped first if the demo made it before)."""
    from urllib.parse import quote

    from thidua_cli.storage import postgres

    with postgres.admin_transaction(url) as connection:
        connection.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
        connection.execute(f'CREATE SCHEMA "{name}"')
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options={quote(f'-c search_path={name}')}"


def write_standings(db: Path, folder: Path) -> Iterator[str]:
    """The standings of the whole campaign as md, json and csv files, and the top five on screen."""
    from thidua_cli.render.standings import standings_json, standings_screen, standings_table
    from thidua_cli.render.tabular import to_csv, to_json, to_markdown
    from thidua_cli.services.standings import score

    standings = score(str(db), PeriodRequest())
    write_atomic(folder / "bang-diem.md", to_markdown(standings_table(standings)))
    write_atomic(folder / "bang-diem.json", to_json(standings_json(standings)))
    write_atomic(folder / "bang-diem.csv", to_csv(standings_table(standings, machine=True)))
    yield standings_screen(standings, top=5).rstrip()
    yield f"Bảng điểm đầy đủ: {folder / 'bang-diem.md'}, {folder / 'bang-diem.csv'}, {folder / 'bang-diem.json'}"


def example_demo(folder: Path) -> Iterator[str]:
    """The Covid-19 campaign of Kế hoạch 44/KH-STTTT (2021–2022), end to end."""
    from thidua_cli.services.campaigns import load_campaign
    from thidua_cli.services.entries import import_entries
    from thidua_cli.services.subjects import import_subjects

    source = examples_dir() / EXAMPLE
    if not source.is_dir():
        raise ThiduaError(f"không tìm thấy ví dụ mẫu tại {source}")
    db = fresh_ledger(folder)
    yield f"Sổ mẫu: {db}"
    loaded = load_campaign(str(db), str(source / "campaign.toml"))
    yield f"Đã nạp phong trào {loaded.campaign.code} ({loaded.campaign.plan}): {loaded.campaign.name}"
    subjects = import_subjects(str(db), str(source / "subjects.csv"))
    yield f"Đã nhập {subjects.added} đối tượng."
    profiles = source / "ly-lich.csv"  # lý lịch and unit profiles the báo cáo thành tích is written from
    if profiles.exists():
        updated = import_subjects(str(db), str(profiles))
        yield f"Đã cập nhật lý lịch, đặc điểm của {updated.updated} đối tượng ({profiles.name})."
    entries = import_entries(str(db), str(source / "thanh-tich.xlsx"))  # the office's own sheet and headers
    yield f"Đã ghi {entries.added} mục thành tích (thanh-tich.xlsx)."
    for step in _later_steps(db, folder, source):
        yield step
    yield from write_standings(db, folder)
    yield f"Xem tiếp: thidua --db {db} score --explain NV01"


def _later_steps(db: Path, folder: Path, source: Path) -> Iterator[str]:
    """Award history, the dossier and the monthly report join the demo as they are built."""
    from thidua_cli.services.demo_year import registration_steps, year_end_steps

    yield from registration_steps(db, folder, source)
    yield from _award_steps(db, folder, source)
    yield from _monthly_report(db, folder)
    yield from year_end_steps(db, folder)


def _award_steps(db: Path, folder: Path, source: Path) -> Iterator[str]:
    """Award history, a proposal round with its dossier, a council vote and a decision.

    The dates follow the campaign's end (proposal +10 days, council +15, decision +20), so the
    documents and the base salary are those of the time, whatever day the demo runs."""
    from datetime import timedelta

    from thidua_cli.domain.formats import format_date, format_money
    from thidua_cli.domain.proposals import vote_passes
    from thidua_cli.services.awards import import_awards
    from thidua_cli.services.campaigns import show_campaign
    from thidua_cli.services.decisions import record_decision
    from thidua_cli.services.proposals import MeetingRequest, propose_awards, record_votes

    for history in (source / "awards-history.csv", source / "qua-trinh-khen-thuong.csv"):  # codes, then office names
        if history.exists():
            imported = import_awards(str(db), str(history))
            yield f"Đã nhập {imported.added} khen thưởng đã nhận trước đây ({history.name})."
    campaign = show_campaign(str(db), None)
    proposed_on = campaign.end + timedelta(days=10)
    met_on = campaign.end + timedelta(days=15)
    decided_on = campaign.end + timedelta(days=20)
    view = propose_awards(str(db), PeriodRequest(), out=str(folder / "ho-so-de-nghi"), today=proposed_on)
    result = view.result
    yield (
        f"Đợt đề nghị số {result.number} ({format_date(proposed_on)}): {count_text(result.proposals)}; "
        f"{len(result.ties)} trường hợp đồng hạng để Hội đồng xem xét; tổng tiền thưởng {format_money(result.total_amount)} đồng."
    )
    yield documents_line(view)
    members = campaign.council_members or 7
    rows = ["subject,award,votes"]
    for proposal in result.proposals:
        rows.append(f"{proposal.subject.code},{proposal.award.code},{members}")
    if result.proposals:  # one candidate falls short: the last of the lowest award
        last = result.proposals[-1]
        short = max(c for c in range(members + 1) if not vote_passes(c, members, last.award.vote_threshold))
        rows[-1] = f"{last.subject.code},{last.award.code},{short}"
    for tie in result.ties:  # the council settles each tie: the first in name order wins, the others fall short
        low = max(c for c in range(members + 1) if not vote_passes(c, members, tie.award.vote_threshold))
        for index, subject in enumerate(tie.subjects):
            rows.append(f"{subject.code},{tie.award.code},{members - 1 if index == 0 else low}")
    votes_file = folder / "phieu-bau-hoi-dong.csv"
    write_atomic(votes_file, "\n".join(rows) + "\n")
    away = campaign.council[-1].name if campaign.council else None  # one member sends a written opinion
    meeting = MeetingRequest(start="08:00", end="10:30", place=f"Phòng họp {campaign.agency}", written=(away,) if away else ())
    voted = record_votes(str(db), result.number, str(votes_file), members, day=met_on.isoformat(), meeting_request=meeting)
    passed = voted.result.active_proposals
    yield (
        f"Hội đồng ({members} thành viên) họp ngày {format_date(met_on)}: "
        f"{len(passed)}/{sum(p.passed is not None for p in voted.result.proposals)} "
        f"đạt tỷ lệ phiếu (phiếu bầu: {votes_file})."
    )
    decided = None
    for authority, number, day in decisions_per_authority(passed, campaign, decided_on):
        decided = record_decision(str(db), result.number, number, day.isoformat(), authority=authority)
        total = sum(h.amount or 0 for h in decided.granted)
        yield (
            f"Quyết định số {number} ngày {format_date(day)} của {authority}: {len(decided.granted)} khen thưởng ghi vào "
            f"lịch sử, tổng tiền thưởng {format_money(total)} đồng."
        )
    if decided is not None:
        yield f"Mỗi cấp quyết định một quyết định riêng (xem: thidua --db {db} rounds show {result.number}; thidua --db {db} awards)."
    if decided is not None and decided.written:
        yield documents_line(decided, "Hồ sơ viết lại với số và ngày quyết định")


# Example numbers and delays (days after the agency's own decision) of the higher levels' decisions.
_HIGHER_DECISIONS = (("chu tich nuoc", "CTN", 1023, 75), ("thu tuong", "TTg", 856, 60), ("ubnd", "UBND", 1234, 25))


def decisions_per_authority(passed, campaign, decided_on):
    """(authority, number, date) of one decision per deciding authority of the passed candidates: the agency
    head's own first, each higher level later with its own number."""
    from datetime import timedelta

    from thidua_cli.domain.formats import document_number
    from thidua_cli.domain.vntext import fold_key

    authorities = dict.fromkeys(p.award.authority for p in sorted(passed, key=lambda p: p.award.level))
    for index, authority in enumerate(authorities):
        key = fold_key(authority)
        higher = next((item for item in _HIGHER_DECISIONS if item[0] in key), None)
        if higher is None:
            yield authority, document_number(35 + index, "QĐ", campaign.agency_short or "VP"), decided_on
        else:
            _, symbol, number, delay = higher
            yield authority, f"{number}/QĐ-{symbol}", decided_on + timedelta(days=delay)


def count_text(proposals) -> str:
    from thidua_cli.render.proposals import counts_text

    return counts_text(proposals, " được đề nghị")


def documents_line(view, label: str = "Hồ sơ đề nghị") -> str:
    if view.dossier_note:
        return f"{label}: {view.dossier_note}."
    return f"{label}: {len(view.written)} tệp trong {view.out_dir}"


REPORT_MONTH = "2021-11"
REPORT_DATE = "2021-12-03"  # the Office reports early the next month


def _monthly_report(db: Path, folder: Path) -> Iterator[str]:
    """The example's report for November 2021, in every document format."""
    from thidua_cli.render.documents import make_environment
    from thidua_cli.render.output import write_file
    from thidua_cli.render.report import report_document, report_json
    from thidua_cli.render.tabular import to_json
    from thidua_cli.services.report import build

    report = build(str(db), PeriodRequest(month=REPORT_MONTH), day=REPORT_DATE)
    stem = f"bao-cao-thang-{REPORT_MONTH}"
    written = []
    env = make_environment()
    for suffix in ("md", "html", "docx", "json"):
        path = folder / f"{stem}.{suffix}"
        write_file(path, to_json(report_json(report)) if suffix == "json" else report_document(report, suffix, env=env))
        written.append(str(path))
    yield f"Báo cáo tháng {REPORT_MONTH[5:]}/{REPORT_MONTH[:4]}: {', '.join(written)}"
