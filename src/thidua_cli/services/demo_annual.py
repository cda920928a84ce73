"""The demo's second campaign: the 2025 year-end review of the Sở KH&CN Vĩnh Long (NĐ 152/2025).

Its steps use the year-end engine (danh hiệu and hình thức apart, `with`, ratings, chains over
years, the vote that falls through). Each step that needs a piece not present in this build says
so in one line and the demo goes on, so `thidua demo` always finishes:

- the campaign file uses the keys of SPEC §4 (category, with, requires tables, [[council]]…): a
  build whose campaign reader refuses them stops here, saying why;
- ratings are imported through `services.ratings.import_ratings` when that module exists;
- the award history uses the office's headers (Danh hiệu thi đua, Hình thức khen thưởng, Loại hình,
  Năm): a build that does not read them says so and proposes without the history;
- the example's vote files (phieu-bau-hoi-dong*.csv) are recorded when they fit the round; a build
  that proposes other people (no categories yet) says so and records a sheet built from the round;
- a second council vote is taken only when the first left proposals without a vote (those that
  fell through to the next lower form).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

from thidua_cli.domain.periods import PeriodRequest
from thidua_cli.errors import ThiduaError
from thidua_cli.files import write_atomic
from thidua_cli.resources import examples_dir

ANNUAL_EXAMPLE = "thuong-xuyen-2025-skhcn"
BLOCKED = ("NV08", "đang xem xét kỷ luật theo Thông báo số 41/TB-SKHCN ngày 02/12/2025")
# A cảnh cáo of 2025 (README.md of the example): his Phòng could not be Tập thể lao động tiên tiến in any case
DISCIPLINED = ("NV26", "Cảnh cáo", "15/10/2025", "112/QĐ-SKHCN", "vi phạm quy định về quản lý hồ sơ nhiệm vụ khoa học")
# The council's vote of the example: every proposal gets all 9 votes but this one, which gets
# 6/9 = 66,67 % < 70 % and falls through to the Giấy khen (README.md of the example).
SHORT_VOTE = ("NV20", "BK-UBND", 6)


def annual_demo(folder: Path, source: Path | None = None) -> Iterator[str]:
    """Load, subjects, block, ratings, history, entries, score, propose, vote (twice), decide, report."""
    from thidua_cli.services.campaigns import load_campaign
    from thidua_cli.services.demo import fresh_ledger, write_standings
    from thidua_cli.services.entries import import_entries
    from thidua_cli.services.subjects import import_subjects, set_block

    source = source or examples_dir() / ANNUAL_EXAMPLE
    definition = source / "campaign.toml"
    db = fresh_ledger(folder)
    try:
        loaded = load_campaign(str(db), str(definition))
    except ThiduaError as error:
        yield f"Chưa chạy phong trào thường xuyên 2025: bản thidua này chưa đọc được tệp {definition.name} ({error})."
        return
    yield f"Sổ mẫu phong trào thường xuyên 2025: {db}"
    campaign = loaded.campaign
    yield f"Đã nạp phong trào {campaign.code} ({campaign.plan}): {campaign.name}"
    subjects = import_subjects(str(db), str(source / "subjects.csv"))
    yield f"Đã nhập {subjects.added} đối tượng."
    code, reason = BLOCKED
    set_block(str(db), code, True, reason)
    yield f"Tạm dừng xét khen thưởng {code}: {reason}."
    yield from _discipline(db)
    yield from _ratings(db, source / "ratings.csv")
    yield from _history(db, source / "awards-history.csv")
    entries = import_entries(str(db), str(source / "entries.csv"))
    yield f"Đã ghi {entries.added} mục thành tích năm 2025."
    yield from write_standings(db, folder)
    yield from _round(db, folder, source, campaign)
    yield from _year_report(db, folder, campaign)


def _discipline(db: Path) -> Iterator[str]:
    from thidua_cli.render.discipline import discipline_line
    from thidua_cli.services.discipline import add_discipline

    code, form, day, number, reason = DISCIPLINED
    yield "Đã ghi kỷ luật " + discipline_line(add_discipline(str(db), code, form, day, number, reason=reason)[0]) + "."


def _ratings(db: Path, path: Path) -> Iterator[str]:
    try:
        module = importlib.import_module("thidua_cli.services.ratings")
    except ImportError:
        module = None
    importer = getattr(module, "import_ratings", None)
    if importer is None:
        yield f"Bỏ qua {path.name}: bản thidua này chưa có lệnh ratings import."
        return
    imported = importer(str(db), str(path))
    yield f"Đã nhập xếp loại 2020–2025: {imported.added} dòng ({path.name})."


def _history(db: Path, path: Path) -> Iterator[str]:
    from thidua_cli.services.awards import import_awards

    try:
        imported = import_awards(str(db), str(path))
    except ThiduaError as error:
        yield f"Chưa nhập được {path.name} ({error}); đề nghị khen thưởng sẽ xét không có lịch sử khen thưởng."
        return
    yield f"Đã nhập {imported.added} khen thưởng đã nhận trước đây, có cả khen thưởng theo chuyên đề ({path.name})."


def _round(db: Path, folder: Path, source: Path, campaign) -> Iterator[str]:
    """Propose 10 days after the period, the council meets after 15, the decisions follow."""
    view = yield from _propose(db, folder, campaign)
    voted = yield from _council(db, folder, source, campaign, view.result)
    yield from _decisions(db, campaign, voted)


def _propose(db: Path, folder: Path, campaign):
    from thidua_cli.domain.formats import format_date, format_money
    from thidua_cli.render.proposals import round_json
    from thidua_cli.render.tabular import to_json
    from thidua_cli.services.demo import count_text, documents_line
    from thidua_cli.services.proposals import propose_awards

    proposed_on = campaign.end + timedelta(days=10)
    view = propose_awards(str(db), PeriodRequest(), out=str(folder / "ho-so-de-nghi"), today=proposed_on)
    result = view.result
    yield (
        f"Đợt đề nghị số {result.number} ({format_date(proposed_on)}): {count_text(result.proposals)}; "
        f"{len(view.exclusions)} trường hợp không được đề nghị (có nêu lý do); "
        f"tổng tiền thưởng {format_money(result.total_amount)} đồng."
    )
    yield documents_line(view)
    write_atomic(folder / "de-nghi.json", to_json(round_json(view)))
    yield f"Danh sách đề nghị và lý do không đề nghị (JSON): {folder / 'de-nghi.json'}"
    return view


def _council(db: Path, folder: Path, source: Path, campaign, result):
    """The example's vote; then, for proposals that fell through to a lower form, the second vote."""
    from thidua_cli.domain.formats import format_date

    met_on = campaign.end + timedelta(days=15)
    members = campaign.council_members or len(campaign.council) or 9
    voted, lines = _vote(db, result.number, source / "phieu-bau-hoi-dong.csv", folder,
                         vote_sheet(result.proposals, result.ties, members), members, met_on)
    yield from lines
    yield (
        f"Hội đồng ({members} thành viên) họp ngày {format_date(met_on)}: "
        # of those voted on: a proposal the vote made (one fell through to a lower form) waits for the next sitting,
        # and the biên bản says 65/66 as well
        f"{len(voted.result.active_proposals)}/{sum(p.passed is not None for p in voted.result.proposals)} đạt tỷ lệ phiếu."
    )
    unvoted = [p for p in voted.result.proposals if (p.subject.code, p.award.code) not in voted.votes]
    if unvoted:
        voted, lines = _vote(db, result.number, source / "phieu-bau-hoi-dong-lan-2.csv", folder,
                             vote_sheet(unvoted, (), members), members, met_on)
        yield from lines
        yield f"Hội đồng bỏ phiếu lần hai cho {len(unvoted)} đề nghị xét tiếp hình thức thấp hơn."
    return voted


def _decisions(db: Path, campaign, voted) -> Iterator[str]:
    """One decision per deciding authority (the Giám đốc's first, the province's and the Prime
    Minister's later), as the Covid-19 demo does: `record-decision --authority`."""
    from thidua_cli.domain.formats import format_date, format_money
    from thidua_cli.services.decisions import record_decision
    from thidua_cli.services.demo import decisions_per_authority

    decided_on = campaign.end + timedelta(days=20)
    for authority, number, day in decisions_per_authority(voted.result.active_proposals, campaign, decided_on):
        decided = record_decision(str(db), voted.result.number, number, day.isoformat(), authority=authority)
        total = sum(h.amount or 0 for h in decided.granted)
        yield (
            f"Quyết định số {number} ngày {format_date(day)} của {authority}: {len(decided.granted)} danh hiệu, "
            f"hình thức ghi vào lịch sử, tổng tiền thưởng {format_money(total)} đồng."
        )


def _vote(db: Path, number: int, example: Path, folder: Path, built: str, members: int, day) -> tuple:
    """Record the example's vote file; when the round differs from what the example expects (a build
    without some year-end rule proposes other people), say so and record a sheet built from the round."""
    from thidua_cli.services.proposals import record_votes

    try:
        return record_votes(str(db), number, str(example), members, day=day.isoformat()), [f"Phiếu bầu: {example}"]
    except ThiduaError as error:
        sheet = folder / example.name
        write_atomic(sheet, built)
        voted = record_votes(str(db), number, str(sheet), members, day=day.isoformat())
        return voted, [f"Phiếu mẫu {example.name} không khớp đợt đề nghị ({error}); dùng phiếu lập theo đợt: {sheet}"]


def vote_sheet(proposals, ties, members: int) -> str:
    """The council's vote as a file `record-votes` reads: all members for each proposal but SHORT_VOTE;
    in a tie the first in name order is chosen (all but one vote) and the others fall short."""
    from thidua_cli.domain.proposals import vote_passes

    short_subject, short_award, short_votes = SHORT_VOTE
    rows = ["Mã,Hình thức khen thưởng,Số phiếu đồng ý"]
    for proposal in proposals:
        key = (proposal.subject.code, proposal.award.code)
        votes = short_votes if key == (short_subject, short_award) else members
        rows.append(f"{proposal.subject.code},{proposal.award.code},{votes}")
    for tie in ties:
        low = max(c for c in range(members + 1) if not vote_passes(c, members, tie.award.vote_threshold))
        for index, subject in enumerate(tie.subjects):
            rows.append(f"{subject.code},{tie.award.code},{members - 1 if index == 0 else low}")
    return "\n".join(rows) + "\n"


def _year_report(db: Path, folder: Path, campaign) -> Iterator[str]:
    """The year's report (báo cáo tổng kết năm 2025) in every document format."""
    from thidua_cli.render.documents import make_environment
    from thidua_cli.render.output import write_file
    from thidua_cli.render.report import report_document, report_json
    from thidua_cli.render.tabular import to_json
    from thidua_cli.services.report import build

    year = str(campaign.end.year)
    # written on the year's last day, after the council's vote: section IV shows the year's round (proposed
    # 10 days after the scoring cut-off) and says no decision was signed by that day
    report = build(str(db), PeriodRequest(year=year), day=f"{year}-12-31")
    env = make_environment()
    written = []
    for suffix in ("md", "html", "docx", "json"):
        path = folder / f"bao-cao-nam-{year}.{suffix}"
        write_file(path, to_json(report_json(report)) if suffix == "json" else report_document(report, suffix, env=env))
        written.append(str(path))
    yield f"Báo cáo năm {year}: {', '.join(written)}"

