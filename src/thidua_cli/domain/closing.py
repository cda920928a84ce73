"""The closing report (báo cáo tổng kết; sơ kết at the half-way point) of a whole campaign (pure).

It is the monthly report (`domain/report.py`) computed over the campaign from its start to its end
(tổng kết) or to a day (sơ kết), with what only the whole year has: the awards proposed and granted
with the money, the registrations against what was achieved, the lessons learned. The services give
the plain rows; nothing here touches the database or a template.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from thidua_cli.domain.models import COLLECTIVE, DANH_HIEU, Campaign
from thidua_cli.domain.registration import APPROVED, PENDING, Registration, current
from thidua_cli.domain.report import DecidedAward, Report

FINAL = "tong-ket"
MIDTERM = "so-ket"
KIND_WORDS = {FINAL: "tổng kết", MIDTERM: "sơ kết"}


@dataclass(frozen=True)
class MoneyLine:
    """One award, proposed or granted: how many collectives and individuals, and the money (đồng)."""

    award: str
    award_name: str
    collectives: int
    individuals: int
    amount: int


@dataclass(frozen=True)
class GrantedLine(DecidedAward):
    """One award_history row of a decision of the campaign, with the money paid."""

    amount: int | None = None


@dataclass(frozen=True)
class ProposedLine:
    round: int
    award: str
    award_name: str
    subject: str
    kind: str
    amount: int


@dataclass(frozen=True)
class RegistrationLine:
    """Per award: approved registrations, how many of them achieved it (or a higher award of the same
    category), and the awards granted to subjects that had not registered for it."""

    award: str
    award_name: str
    registered: int
    achieved: int
    granted: int
    unregistered: int
    pending: int = 0  # registered, proposed for it (or higher), still waiting for the decision: not "đạt" yet


@dataclass(frozen=True)
class ClosingReport:
    kind: str  # FINAL | MIDTERM
    report: Report  # the whole campaign (or to the as-of day), computed as the monthly report
    proposed: tuple[MoneyLine, ...]
    granted: tuple[MoneyLine, ...]
    granted_rows: tuple[GrantedLine, ...]
    registrations: tuple[RegistrationLine, ...]
    lessons: tuple[str, ...]
    # (distinct collectives, distinct individuals, awards): one person with a danh hiệu and a hình thức is one person
    proposed_tally: tuple[int, int, int] = (0, 0, 0)
    granted_tally: tuple[int, int, int] = (0, 0, 0)
    unapproved: int = 0  # registrations still waiting for approval: not in `registrations`, said beside it
    # proposals sent but not granted, the gap between the two tallies of section IV, said in words
    ungranted: tuple["Ungranted", ...] = ()

    @property
    def word(self) -> str:
        return KIND_WORDS[self.kind]

    @property
    def proposed_amount(self) -> int:
        return sum(line.amount for line in self.proposed)

    @property
    def granted_amount(self) -> int:
        return sum(line.amount for line in self.granted)


def money_lines(campaign: Campaign, rows) -> tuple[MoneyLine, ...]:
    """Rows with `.award`, `.kind`, `.amount` summed per award, in the dossier's order: danh hiệu thi đua before
    hình thức khen thưởng (the Law keeps them apart), each from the highest level down."""
    order = {a.code: _award_order(a) for a in campaign.awards}
    names = {a.code: a.name for a in campaign.awards}
    sums: dict[str, list] = {}
    for row in rows:
        line = sums.setdefault(row.award, [getattr(row, "award_name", "") or names.get(row.award, row.award), 0, 0, 0])
        line[1 if row.kind == COLLECTIVE else 2] += 1
        line[3] += row.amount or 0
    return tuple(
        MoneyLine(code, *values) for code, values in sorted(sums.items(), key=lambda item: (order.get(item[0], (True, 1, 0)), item[0]))
    )


def _award_order(award) -> tuple:
    """Danh hiệu first, then hình thức; level high → low; the campaign's order."""
    return (award.category != DANH_HIEU, -award.level, award.position)


def registration_lines(campaign: Campaign, registrations: list[Registration], granted: tuple[GrantedLine, ...],
                       ungranted: tuple["Ungranted", ...] = ()) -> tuple[RegistrationLine, ...]:
    """Registered (approved) against achieved, per award of the campaign that anyone registered for or received;
    none when nobody's registration was approved (a table of zeros said nothing the awards section does not).
    `pending`: of those not achieved, the ones proposed for it (or higher) and still waiting for the decision."""
    waiting = {(u.name, u.award) for u in ungranted if not u.refused}
    names = {a.code.casefold(): a.name for a in campaign.awards}
    approved = [r for r in current(registrations) if r.status == APPROVED]
    if not approved:
        return ()
    held: dict[str, set[str]] = {}
    for row in granted:
        held.setdefault(row.subject, set()).add(row.award.casefold())
    lines = []
    for award in sorted(campaign.awards, key=_award_order):
        covering = {a.code.casefold() for a in campaign.awards if a.category == award.category and a.level >= award.level}
        mine = [r for r in approved if r.award.casefold() == award.code.casefold()]
        achieved = sum(1 for r in mine if held.get(r.subject.code, set()) & covering)
        pending = sum(1 for r in mine if not held.get(r.subject.code, set()) & covering
                      and any((r.subject.name, names[code]) in waiting for code in covering))
        registered_codes = {r.subject.code for r in approved
                            if r.award.casefold() in covering}
        received = [row for row in granted if row.award.casefold() == award.code.casefold()]
        unregistered = sum(1 for row in received if row.subject not in registered_codes)
        if mine or received:
            lines.append(RegistrationLine(award.code, award.name, len(mine), achieved, len(received), unregistered, pending))
    return tuple(lines)


def default_lessons(report: Report) -> tuple[str, ...]:
    """A starting text for the lessons learned; the Office edits it (or passes --lessons FILE)."""
    campaign = report.campaign
    lessons = [
        "Cấp ủy, lãnh đạo quan tâm chỉ đạo sát sao, người đứng đầu gương mẫu là yếu tố quyết định thành công của "
        "phong trào thi đua.",
        "Nội dung, tiêu chí thi đua cụ thể, gắn với nhiệm vụ chính trị của từng phòng, đơn vị; việc đăng ký thi đua "
        "và theo dõi, ghi nhận kết quả thường xuyên giúp đánh giá, khen thưởng chính xác, kịp thời, công khai.",
    ]
    if report.penalty_count:
        lessons.append(
            "Cần tăng cường kiểm tra, giám sát, kịp thời chấn chỉnh các trường hợp vi phạm để phong trào đi vào thực chất."
        )
    if report.without_entries:
        lessons.append(
            "Một số tập thể, cá nhân chưa tích cực hưởng ứng, chưa báo cáo kết quả kịp thời; cần đôn đốc thường xuyên hơn."
        )
    lessons.append(
        f"Làm tốt công tác tuyên truyền, phát hiện, nhân rộng điển hình tiên tiến trong {campaign.phrase}."
    )
    return tuple(lessons)


@dataclass(frozen=True)
class Ungranted:
    """A proposal sent that no decision granted: refused by its deciding authority, or still waiting."""

    name: str  # the subject's
    award: str  # the award's name
    round: int
    refused: bool
    said: str  # "Chủ tịch UBND tỉnh … không khen (…)", "chờ quyết định của …", "chờ Hội đồng bỏ phiếu"
    paper: str = ""  # the refusal's document: "quyết định số … ngày …", "văn bản số … ngày …"


def build_closing(
    kind: str, report: Report, proposed: list[ProposedLine], granted: list[GrantedLine], registrations: list[Registration],
    lessons: tuple[str, ...] | None = None, ungranted: tuple[Ungranted, ...] = (), steps_given: bool = False,
) -> ClosingReport:
    """`steps_given`: the office wrote section VII (--next-steps); otherwise a tổng kết's is written for a campaign that
    has ended (the monthly report's urged units to take part and planned the month after it)."""
    campaign = report.campaign
    granted_rows = tuple(granted)
    if kind == FINAL and not steps_given:
        report = replace(report, next_steps=final_next_steps(report, any(not u.refused for u in ungranted), bool(granted_rows)))
    return ClosingReport(
        kind=kind, report=report, proposed=money_lines(campaign, proposed), granted=money_lines(campaign, granted_rows),
        granted_rows=granted_rows, registrations=registration_lines(campaign, registrations, granted_rows, tuple(ungranted)),
        lessons=tuple(lessons) if lessons else default_lessons(report),
        proposed_tally=tally(proposed), granted_tally=tally(granted_rows),
        unapproved=sum(1 for r in current(registrations) if r.status == PENDING), ungranted=tuple(ungranted),
    )


def final_next_steps(report: Report, awaiting: bool, granted: bool = True) -> tuple[str, ...]:
    """Section VII of a tổng kết: what follows a campaign that has ended. `awaiting`: proposals not all decided;
    `granted`: a decision granted someone (else there is nothing to hand out)."""
    campaign = report.campaign
    office = campaign.office or "Văn phòng"
    steps = [f"Phát huy kết quả {campaign.phrase}; duy trì các việc làm, cách làm hay của phong trào "
             "trong nhiệm vụ thường xuyên của các phòng, đơn vị."]
    if awaiting:
        steps.append("Theo dõi kết quả xét khen thưởng của cấp có thẩm quyền đối với các trường hợp đã đề nghị; tổ chức "
                     "trao khen thưởng kịp thời khi có quyết định.")
    elif granted:
        steps.append("Tổ chức trao khen thưởng kịp thời cho các tập thể, cá nhân được khen thưởng.")
    else:  # section IV says no one was proposed nor granted: no award to hand out
        steps.append("Xem xét, đề nghị khen thưởng các tập thể, cá nhân có thành tích tiêu biểu trong phong trào theo "
                     "quy định.")
    if report.penalty_count or report.disciplines:  # section II names both
        steps.append("Rút kinh nghiệm các trường hợp vi phạm đã nêu tại mục II; thủ trưởng các phòng, đơn vị tăng cường "
                     "kiểm tra, giám sát việc chấp hành quy định tại đơn vị.")
    steps.append("Nhân rộng các gương điển hình tiên tiến, sáng kiến đã được ghi nhận; tuyên truyền trên Trang thông tin "
                 "điện tử và các phương tiện thông tin đại chúng.")
    steps.append(f"{office} hoàn thiện, lưu trữ hồ sơ phong trào; tham mưu Hội đồng Thi đua - Khen thưởng phát động các "
                 "phong trào thi đua tiếp theo.")
    return tuple(steps)


def tally(rows) -> tuple[int, int, int]:
    """(distinct collectives, distinct individuals, rows) of rows with `.subject` and `.kind`."""
    collectives, individuals, count = set(), set(), 0
    for row in rows:
        count += 1
        (collectives if row.kind == COLLECTIVE else individuals).add(row.subject)
    return len(collectives), len(individuals), count


def count_phrase(collectives: int, individuals: int, awards: int | None = None) -> str:
    """"05 tập thể và 33 cá nhân", with "(58 lượt khen thưởng)" when some received more than one award."""
    parts = []
    if collectives:
        parts.append(f"{collectives:02d} tập thể")
    if individuals:
        parts.append(f"{individuals:02d} cá nhân")
    phrase = " và ".join(parts) or "không có"
    if awards is not None and awards > collectives + individuals:
        phrase += f" ({awards:02d} lượt khen thưởng)"
    return phrase


