"""Dossiers built by hand for the document tests: no ledger, no proposal engine.

`example_dossier()` reads the bundled example's files, computes the standings
with the pure scoring code and proposes, by hand, what SPEC §5.2 gives for the
whole campaign (worked out below), so the document tests do not depend on the
proposal rules being written in parallel.

`small_dossier()` is a tiny campaign written in the test, with hostile text.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

from thidua_cli.domain.campaign_def import parse_campaign
from thidua_cli.domain.formats import parse_points, round_money
from thidua_cli.domain.models import HistoryAward, Period, Subject
from thidua_cli.domain.numbering import dossier_slots
from thidua_cli.domain.rounds import Dossier, Proposal, RoundResult, SubjectRecord, Tie
from conftest import sums_from_cells
from thidua_cli.domain.scoring import compute_standings, in_name_order

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "covid19-stttt"

# What SPEC §5.2 proposes for the whole example campaign (15/10/2021 – 31/5/2022):
# - HCLD3 (≥ 98, max 1, no penalty): NV29 (99). HCCC3 (≥ 97): nobody left.
# - BK-TTG (≥ 95, max 1): TTCNTT (96); no individual reaches 95 besides NV29.
# - BK-UBND (≥ 88, 35 %, max 4, no penalty): collectives floor(35 % × 6) = 2 → TTBCXB, VP;
#   individuals max 4 → NV23, NV17, NV04 (NV19 has a penalty), then NV18 and NV33 tie at
#   89,5 for the last place: NV18 is a woman (NĐ 152 Điều 4 k6) → NV18.
# - GK-GD (≥ 75, 40 %, max 12): collectives floor(2,4) = 2 → BCVT, KHTC; individuals 12:
#   NV19, NV33, NV01, NV24, NV31, NV14, NV03, NV25, NV37, NV09, NV21 and one of NV26/NV39
#   (both men, 80 points): a tie left to the council, neither proposed.
EXAMPLE_PROPOSALS = {
    "HCLD3": ["NV29"],
    "BK-TTG": ["TTCNTT"],
    "BK-UBND": ["TTBCXB", "VP", "NV23", "NV17", "NV04", "NV18"],
    "GK-GD": ["BCVT", "KHTC", "NV19", "NV33", "NV01", "NV24", "NV31", "NV14", "NV03", "NV25", "NV37", "NV09", "NV21"],
}
# The verification code propose-awards prints at the foot of each signed document (issue 14). These dossiers are
# built without a ledger, so theirs is a fixed one of the same form; that a real one verifies with `check --code` is
# tested on ledgers (test_change_log.py, test_pdf.py).
FIXTURE_CODE = "5A1C-0E93-D27B (sổ 395.0.412, đợt {round})"

EXAMPLE_TIE = ("GK-GD", ("NV26", "NV39"), Decimal(80))


def read_subjects(path: Path) -> list[Subject]:
    subjects = []
    with path.open(encoding="utf-8-sig") as handle:
        for index, row in enumerate(csv.DictReader(handle), 1):
            subjects.append(
                Subject(
                    code=row["code"], name=row["name"], kind=row["kind"], unit=row["unit"] or None,
                    position=row["position"] or None, gender=row["gender"] or None,
                    female_percent=Decimal(row["female_percent"]) if row["female_percent"] else None, id=index,
                )
            )
    return subjects


def read_entries(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig") as handle:
        return [
            {"id": index, "date": date.fromisoformat(row["date"]), "subject": row["subject"], "criterion": row["criterion"],
             "points": parse_points(row["points"]), "note": row["note"], "evidence": row["evidence"]}
            for index, row in enumerate(csv.DictReader(handle), 1)
        ]


# the headers of examples/covid19-stttt/ly-lich.csv → SUBJECT_DETAIL_FIELDS
_DETAIL_COLUMNS = {
    "Ngày sinh": "birth_date", "Quê quán": "hometown", "Nơi thường trú": "residence", "Dân tộc": "ethnicity",
    "Trình độ chuyên môn": "education", "Trình độ lý luận chính trị": "political_theory",
    "Chức vụ Đảng, đoàn thể": "party_position", "Ngày vào cơ quan": "joined", "Chức năng, nhiệm vụ": "functions",
    "Cơ cấu tổ chức": "structure", "Số cán bộ, công chức, viên chức, người lao động": "staff_count",
    "Tổ chức Đảng, đoàn thể": "party_org", "Cơ sở vật chất": "facilities",
}


def read_details(path: Path) -> dict[str, dict]:
    """Subject code → details, as the subject import keeps them from the example's lý lịch file."""
    with path.open(encoding="utf-8-sig") as handle:
        return {row["Mã"]: {field: row[header] for header, field in _DETAIL_COLUMNS.items() if row.get(header)}
                for row in csv.DictReader(handle)}


def read_history(path: Path) -> list[HistoryAward]:
    with path.open(encoding="utf-8-sig") as handle:
        return [
            HistoryAward(subject=row["subject"], award=row["award"], name=row["name"], number=row["number"],
                         day=date.fromisoformat(row["date"]), issuer=row["issuer"])
            for row in csv.DictReader(handle)
        ]


def build_dossier(campaign, subjects, entries, history, chosen: dict[str, list[str]], ties=(), number=1,
                  today=date(2022, 6, 6), members=None, votes=None, decision_number=None, decision_date=None,
                  numbered=False, meeting=None, details=None) -> Dossier:
    """Standings from the entries, then the proposals named in `chosen` (award → subject codes)."""
    period = Period(campaign.start, campaign.end)
    by_code = {s.code: s for s in subjects}
    sums: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for entry in entries:
        cell = sums[(by_code[entry["subject"]].id, entry["criterion"])]
        cell[0] += entry["points"]
        cell[1] += 1
        cell[2] += entry["points"] < 0
    cells = [(sid, code, p, n, neg) for (sid, code), (p, n, neg) in sums.items()]
    standings = compute_standings(campaign, period, in_name_order(subjects), sums_from_cells(campaign, cells))
    proposals = []
    votes = votes or {}
    for award_code, codes in chosen.items():
        award = campaign.award(award_code)
        for code in codes:
            row = standings.row(code)
            subject = by_code[code]
            amount = round_money(award.multiplier_for(subject.kind) * campaign.base_salary, campaign.rounding)
            vote = votes.get(code)
            passed = None
            if vote is not None and members:
                passed = Decimal(vote) * 100 / members >= (award.vote_threshold or Decimal(50))
            proposals.append(Proposal(award=award, subject=subject, total=row.total, rank=row.rank, amount=amount, row=row,
                                      votes_for=vote, passed=passed))
    tie_records = tuple(
        Tie(award=campaign.award(award_code), subjects=tuple(by_code[c] for c in codes), total=total)
        for award_code, codes, total in ties
    )
    criteria = {c.code: c.name for c in campaign.criteria}
    units = {s.code: s.name for s in subjects if s.kind == "collective"}
    records = {}
    for proposal in proposals:
        code = proposal.subject.code
        mine = tuple(
            {**{k: v for k, v in e.items() if k != "subject"}, "criterion_name": criteria[e["criterion"]]}
            for e in entries if e["subject"] == code
        )
        records[code] = SubjectRecord(
            subject=proposal.subject, entries=mine, history=tuple(h for h in history if h.subject == code),
            unit_name=units.get(proposal.subject.unit or ""), details=(details or {}).get(code, {}),
        )
    round_ = RoundResult(number=number, campaign=campaign, period=period, proposals=tuple(proposals), ties=tie_records,
                         standings=standings, created_at=f"{today.isoformat()}T08:00:00+00:00", members=members,
                         decision_number=decision_number, decision_date=decision_date, meeting=meeting)
    numbers = {}
    if numbered:  # as the register gives them: each series counts from the round's number
        counters: dict[str, int] = {}
        for slot in dossier_slots(round_):
            counters[slot.series] = counters.get(slot.series, number - 1) + 1
            numbers[slot.key] = f"{counters[slot.series]:02d}/{slot.series}"
    return Dossier(round=round_, records=records, today=today, numbers=numbers, verification_code=FIXTURE_CODE.format(round=number))


def example_dossier(**options) -> Dossier:
    campaign = parse_campaign((EXAMPLE / "campaign.toml").read_text(encoding="utf-8"))
    return build_dossier(
        campaign, read_subjects(EXAMPLE / "subjects.csv"), read_entries(EXAMPLE / "entries.csv"),
        read_history(EXAMPLE / "awards-history.csv"), EXAMPLE_PROPOSALS, ties=[EXAMPLE_TIE], **options,
    )


SMALL_CAMPAIGN = """
[campaign]
code = "nho"
name = "Thi đua chuyển đổi số năm 2025"
kind = "chuyen-de"
plan = "05/KH-SKHCN"
issued = 2025-02-09
start = 2025-02-09
end = 2025-12-31
agency = "Sở Khoa học và Công nghệ"
agency_short = "SKHCN"
parent_agency = "UBND tỉnh Vĩnh Long"
place = "Vĩnh Long"
base_salary = 2340000
signer_title = "PHÓ GIÁM ĐỐC"
signer_name = "Lê Văn Bình"
council_chair = "Trần Văn Cường"
council_secretary = "Ngô Thị Dung"
council_members = 9
office = "Văn phòng Sở"
recipients = ["Sở Nội vụ"]
legal_basis = ["Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"]

[[criteria]]
code = "CDS"
name = "Chuyển đổi số & <cải cách>"
applies_to = "both"
max_points = 100

[[awards]]
code = "BK"
name = "Bằng khen của Chủ tịch UBND tỉnh"
level = 2
min_score = 80
multiplier = 1.5
authority = "Chủ tịch UBND tỉnh Vĩnh Long"
vote_threshold = 70

[[awards]]
code = "GK"
name = "Giấy khen của Giám đốc Sở"
level = 1
min_score = 50
multiplier = 0.3
authority = "Giám đốc Sở Khoa học và Công nghệ"
vote_threshold = 50
"""

SMALL_SUBJECTS = [
    Subject(code="P1", name="<script>alert(1)</script> & Cie", kind="collective", female_percent=Decimal(75), id=1),
    Subject(code="P2", name="Phòng Quản lý công nghệ", kind="collective", female_percent=Decimal(20), id=2),
    Subject(code="A1", name="Đặng Thị Ánh", kind="individual", unit="P2", position="Chuyên viên", gender="nữ", id=3),
    Subject(code="A2", name="Nguyễn Văn Ân", kind="individual", unit="P2", position="Trưởng phòng", gender="nam", id=4),
    Subject(code="A3", name="Bùi Văn Yên", kind="individual", unit="P1", position="Kỹ sư", gender="nam", id=5),
    Subject(code="A4", name="Trần Thị Bé", kind="individual", unit="P1", position="Chuyên viên", gender="nữ", id=6),
]

SMALL_ENTRIES = [
    {"id": 1, "date": date(2025, 3, 5), "subject": "P1", "criterion": "CDS", "points": 9000, "note": "Ghi chú {{ 7*7 }} <b>đậm</b>", "evidence": "QĐ số 12/QĐ-SKHCN & phụ lục"},
    {"id": 2, "date": date(2025, 2, 9), "subject": "P2", "criterion": "CDS", "points": 6000, "note": "Số hoá hồ sơ", "evidence": ""},
    {"id": 3, "date": date(2025, 4, 1), "subject": "A1", "criterion": "CDS", "points": 8500, "note": "Triển khai chữ ký số", "evidence": ""},
    {"id": 4, "date": date(2025, 4, 2), "subject": "A2", "criterion": "CDS", "points": 8200, "note": "Dịch vụ công trực tuyến", "evidence": ""},
    {"id": 5, "date": date(2025, 4, 3), "subject": "A3", "criterion": "CDS", "points": 6000, "note": "Hỗ trợ người dân", "evidence": ""},
    {"id": 6, "date": date(2025, 4, 4), "subject": "A4", "criterion": "CDS", "points": 5500, "note": "Tập huấn", "evidence": ""},
]

SMALL_CHOSEN = {"BK": ["P1", "A1", "A2"], "GK": ["P2", "A3", "A4"]}


def small_dossier(**options) -> Dossier:
    campaign = parse_campaign(SMALL_CAMPAIGN)
    history = [HistoryAward(subject="A1", award="GK", name="Giấy khen của Giám đốc Sở", number="07/QĐ-SKHCN",
                            day=date(2024, 1, 9), issuer="Giám đốc Sở Khoa học và Công nghệ")]
    options.setdefault("today", date(2025, 3, 5))
    return build_dossier(campaign, SMALL_SUBJECTS, SMALL_ENTRIES, history, SMALL_CHOSEN, **options)


# The example after the council's meeting (the demo's vote): the tie for the last Giấy khen settled by
# vote (NV39 6/7 takes the place, NV26 3/7 does not), one proposal failing its vote (NV21 3/7), the
# meeting recorded (times, place, one member absent with a written opinion), numbers from the register.
EXAMPLE_VOTES = {"NV21": 3, "NV39": 6, "NV26": 3}


def voted_example_dossier() -> Dossier:
    from thidua_cli.domain.rounds import Meeting

    chosen = {**EXAMPLE_PROPOSALS, "GK-GD": [*EXAMPLE_PROPOSALS["GK-GD"], "NV39", "NV26"]}
    campaign = parse_campaign((EXAMPLE / "campaign.toml").read_text(encoding="utf-8"))
    votes = {code: EXAMPLE_VOTES.get(code, 7) for codes in chosen.values() for code in codes}
    meeting = Meeting(start="08 giờ 00", end="10 giờ 30", place="Phòng họp Sở Thông tin và Truyền thông",
                      written=("Lê Thị Hồng Nhung",))
    return build_dossier(
        campaign, read_subjects(EXAMPLE / "subjects.csv"), read_entries(EXAMPLE / "entries.csv"),
        read_history(EXAMPLE / "awards-history.csv"), chosen, ties=[EXAMPLE_TIE], today=date(2022, 6, 15), members=7,
        votes=votes, meeting=meeting, numbered=True, details=read_details(EXAMPLE / "ly-lich.csv"),
    )


# A campaign under NĐ 152/2025 (rules = "nd152-2025"), its council named, voted: P2 fails the Giấy khen.
def nd152_dossier() -> Dossier:
    from dataclasses import replace

    from thidua_cli.domain.models import CouncilMember
    from thidua_cli.domain.rounds import Meeting

    campaign = replace(parse_campaign(SMALL_CAMPAIGN), rules="nd152-2025", council=(
        CouncilMember("Trần Văn Cường", "Giám đốc Sở", "Chủ tịch Hội đồng"),
        CouncilMember("Lê Văn Bình", "Phó Giám đốc Sở", "Phó Chủ tịch Hội đồng"),
        CouncilMember("Ngô Thị Dung", "Chánh Văn phòng Sở", "Ủy viên, Thư ký Hội đồng"),
        CouncilMember("Phạm Quốc Huy", "Trưởng phòng Quản lý công nghệ", "Ủy viên"),
        CouncilMember("Võ Thị Lan", "Chánh Thanh tra Sở", "Ủy viên"),
    ), council_members=5)
    history = [HistoryAward(subject="A1", award="GK", name="Giấy khen của Giám đốc Sở", number="07/QĐ-SKHCN",
                            day=date(2024, 1, 9), issuer="Giám đốc Sở Khoa học và Công nghệ")]
    meeting = Meeting(start="14 giờ 00", end="15 giờ 30", place="Phòng họp Sở Khoa học và Công nghệ", absent=("Võ Thị Lan",))
    votes = {"P1": 4, "A1": 4, "A2": 4, "P2": 2, "A3": 4, "A4": 3}  # 4 voters: one member absent
    return build_dossier(campaign, SMALL_SUBJECTS, SMALL_ENTRIES, history, SMALL_CHOSEN, today=date(2025, 12, 15), members=5,
                         votes=votes, meeting=meeting, numbered=True)
