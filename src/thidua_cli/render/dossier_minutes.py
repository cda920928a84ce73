"""The biên bản họp Hội đồng: the meeting as a record, and what happened at each limit, in words.

Written from the ledger's state when the biên bản is written: before the vote
it lists the candidates and asks the council to settle each tie; after the vote
it records the votes and who took the places. The priority for women is
mentioned only where it decided something, and "xét ở hình thức thấp hơn" only
where a lower award exists. Citations come from the campaign's rule set.
"""

from __future__ import annotations

from decimal import Decimal

from thidua_cli.domain.formats import format_money, format_points
from thidua_cli.domain.minutes import chair, proposed_lower, secretary, tie_outcomes, women_first  # noqa: F401
from thidua_cli.domain.models import COLLECTIVE, DANH_HIEU, Campaign
from thidua_cli.domain.proposals import vote_passes, vote_percent
from thidua_cli.domain.rounds import RoundResult
from thidua_cli.domain.rulesets import RuleSet
from thidua_cli.domain.scoring import name_sort_key
from thidua_cli.domain.vntext import fold_key


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " và " + names[-1]


def _count(n: int) -> str:
    return f"{n:02d}"


_COUNCIL_ROLES = {
    "chu tich": "Chủ tịch Hội đồng", "pho chu tich": "Phó Chủ tịch Hội đồng",
    "pho chu tich thuong truc": "Phó Chủ tịch Thường trực Hội đồng", "uy vien": "Ủy viên",
    "uy vien thuong truc": "Ủy viên Thường trực", "thu ky": "Thư ký Hội đồng", "uy vien thu ky": "Ủy viên, Thư ký Hội đồng",
    "uy vien kiem thu ky": "Ủy viên kiêm Thư ký Hội đồng",
}


def council_role(role: str) -> str:
    """A member's role as a biên bản writes it: "chủ tịch" as the office typed it is the "Chủ tịch Hội đồng"."""
    key = " ".join(fold_key(role).replace(",", " ").replace("-", " ").split())
    known = _COUNCIL_ROLES.get(key)
    if known:
        return known
    return role[:1].upper() + role[1:]


def first_meeting(result: RoundResult):
    """The meeting the biên bản begins with: the first sitting's, or the one recorded with the votes."""
    first = result.sittings[0] if result.sittings and result.sittings[0].meeting is not None else None
    return first.meeting if first is not None else result.meeting


def chair_role(campaign: Campaign, result: RoundResult) -> str:
    """The chair's role in "Chủ tọa: …, Chủ tịch Hội đồng": another member's own when the Chủ tịch was away."""
    meeting = first_meeting(result)
    if meeting is None or not meeting.chair:
        return "Chủ tịch Hội đồng"
    person = chair(campaign, meeting)
    return council_role(person.role) if person and person.role else "thành viên Hội đồng"


def attendance(result: RoundResult, members: int | None) -> dict:
    """Who sat at the meeting — the first sitting's, where the biên bản begins; a later sitting is told in its
    own paragraph (`sitting_meeting`) —: members listed with present/absent, and the counts (after the vote)."""
    from thidua_cli.domain.formats import date_words

    campaign = result.campaign
    first = result.sittings[0] if result.sittings and result.sittings[0].meeting is not None else None
    meeting = first.meeting if first is not None else result.meeting
    absent = set(meeting.absent) if meeting else set()
    written = set(meeting.written) if meeting else set()
    listed = []
    for member in campaign.council:
        state = "vắng mặt, có ý kiến bằng văn bản" if member.name in written else ("vắng mặt" if member.name in absent else "")
        text = ", ".join(part for part in (member.name, member.title, council_role(member.role) if member.role else "") if part)
        listed.append({"name": member.name, "text": text + (f" ({state})" if state else ""), "present": not state})
    return {
        "members": listed,
        "line": _present_line(meeting, first.members if first is not None else members),
        "start": meeting.start if meeting and meeting.start else "",
        "end": _day_end(result, first, meeting),
        "place": meeting.place if meeting and meeting.place else "",
        # the day the biên bản begins: the first sitting's (the documents are dated on the last one)
        "day": date_words(first.day) if first is not None and first.day and len(result.sittings) > 1 else "",
        **_closing(result, first, meeting),
    }


def _closing(result: RoundResult, first, meeting) -> dict:
    """How the biên bản closes: "Cuộc họp [ngày …] kết thúc lúc …" on the first sitting's day; when a later sitting
    sat on a later day (a vote fallen through, taken again the next day), "Phiên họp cuối ngày 04 tháng 12 năm 2026
    kết thúc lúc 15 giờ 00": a biên bản telling that sitting's result was not approved at the first one's close.
    `day` and `end` keep the first day's, as templates of an office's own may use them."""
    from thidua_cli.domain.formats import date_words

    day = date_words(first.day) if first is not None and first.day and len(result.sittings) > 1 else ""
    later = [s for s in result.sittings[1:] if first is not None and first.day and s.day and s.day > first.day]
    if not later:
        return {"close_word": "Cuộc họp", "close_day": day, "close_end": _day_end(result, first, meeting)}
    last = max(s.day for s in later)
    ends = [s.meeting.end for s in later if s.day == last and s.meeting is not None and s.meeting.end]
    return {"close_word": "Phiên họp cuối", "close_day": date_words(last), "close_end": ends[-1] if ends else ""}


def _day_end(result: RoundResult, first, meeting) -> str:
    """When the meeting the biên bản closes on ended: the last vote of the first sitting's day (a vote fallen through
    to the next lower award taken again that afternoon ends it later than the first vote)."""
    end = meeting.end if meeting and meeting.end else ""
    if first is None or first.day is None:
        return end
    for sitting in result.sittings[1:]:
        if sitting.day == first.day and sitting.meeting is not None and sitting.meeting.end:
            end = sitting.meeting.end
    return end


def _present_line(meeting, members: int | None) -> str:
    if meeting is None or not members:
        return ""
    absent, written = set(meeting.absent), set(meeting.written)
    line = f"Có mặt {_count(members - len(absent) - len(written))}/{_count(members)} thành viên Hội đồng"
    parts = []
    if absent:
        parts.append(f"vắng mặt {_count(len(absent))} ({_join(sorted(absent))})")
    if written:
        parts.append(f"vắng mặt có ý kiến bằng văn bản {_count(len(written))} ({_join(sorted(written))})")
    return line + ("; " + "; ".join(parts) if parts else "") + "."


def sitting_meeting(sitting) -> str:
    """A later sitting's own meeting as the paragraph of its vote tells it: " Cuộc họp bắt đầu lúc 14 giờ 00 tại
    Phòng họp số 2; có mặt 08/09 thành viên Hội đồng; vắng mặt 01 (…)." — empty when it recorded none."""
    meeting = sitting.meeting if sitting is not None else None
    if meeting is None:
        return ""
    said = []
    if meeting.start:
        said.append(f"bắt đầu lúc {meeting.start}" + (f", kết thúc lúc {meeting.end}" if meeting.end else ""))
    if meeting.place:
        said.append(f"tại {meeting.place}")
    text = (" Cuộc họp " + " ".join(said) + ".") if said else ""
    present = _present_line(meeting, sitting.members)
    return text + (" " + present if present else "")


def _who(subject) -> str:
    return subject.name


def award_kind_word(award) -> str:
    """"danh hiệu" for a danh hiệu thi đua (Lao động tiên tiến), "hình thức" for a hình thức khen thưởng (Giấy
    khen): the Law keeps the two apart, and so does the biên bản. Nothing when the name already says it."""
    if award.category != DANH_HIEU:
        return "hình thức"
    return "" if fold_key(award.name).startswith("danh hieu") else "danh hiệu"


def lower_kinds(awards) -> str:
    """"danh hiệu thi đua", "hình thức khen thưởng" or both: what the awards a sitting goes on to are."""
    categories = {award.category == DANH_HIEU for award in awards}
    words = [word for flag, word in ((True, "danh hiệu thi đua"), (False, "hình thức khen thưởng")) if flag in categories]
    return ", ".join(words) or "hình thức khen thưởng"


def limit_lines(result: RoundResult, rules: RuleSet, members: int | None) -> list[str]:
    """Paragraphs on the limits: women-first where it decided, each tie as proposed or as voted."""
    lines = []
    outcomes = tie_outcomes(result)
    tied_at = {(o.tie.award.code, o.tie.subjects[0].kind, o.tie.total) for o in outcomes}
    for fact in women_first(result):
        if (fact.award.code, fact.kind, fact.total) in tied_at:
            continue  # told with the tie below
        lines.append(
            f"{fact.award.name}: {_join([s.name for s in fact.taken])} và {_join([s.name for s in fact.passed_over])} "
            f"cùng đạt {format_points(fact.total)} điểm tại suất cuối; áp dụng ưu tiên "
            f"{'tập thể có tỷ lệ nữ từ 70% trở lên' if fact.kind == COLLECTIVE else 'cá nhân nữ'} ({rules.women_first}), "
            f"đề nghị {_join([s.name for s in fact.taken])}"
            + "".join(f"; {s.name} được đề nghị {lower.award.name}" for s in fact.passed_over
                      if (lower := proposed_lower(result, s, fact.award)) is not None)
            + "."
        )
    for outcome in outcomes:
        tie = outcome.tie
        names = _join([s.name for s in sorted(tie.subjects, key=name_sort_key)])
        head = f"{tie.award.name}: {names} cùng đạt {format_points(tie.total)} điểm tại suất cuối"
        if outcome.women_first:
            head += f" (đã áp dụng ưu tiên nữ theo {rules.women_first})"
        if not outcome.voted:
            tail = f"; đề nghị Hội đồng biểu quyết chọn người nhận suất còn lại của {tie.award.name}"
            if outcome.lower is not None:
                tail += ", người không được chọn được xét ở " + " ".join(filter(None, (award_kind_word(outcome.lower), outcome.lower.name)))
            lines.append(head + tail + ".")
            continue
        parts = []
        for proposal in (*outcome.winners, *outcome.others):
            share = vote_percent(proposal.votes_for, members) if members else Decimal(0)
            verdict = "được đề nghị" if proposal.passed else "không được đề nghị"
            parts.append(f"{proposal.subject.name} {proposal.votes_for}/{members} phiếu đồng ý "
                         f"({format_points(share)}%), {verdict}")
        for subject in outcome.unvoted:
            lower = proposed_lower(result, subject, tie.award)
            parts.append(f"{subject.name} không được biểu quyết"
                         + (f", được đề nghị {lower.award.name}" if lower is not None else ""))
        for proposal in outcome.others:
            lower = proposed_lower(result, proposal.subject, tie.award)
            if lower is not None:
                parts.append(f"{proposal.subject.name} được đề nghị {lower.award.name}")
        lines.append(head + "; Hội đồng đã biểu quyết: " + "; ".join(parts) + ".")
    return lines


def conclusion_lines(groups: list[dict], rules: RuleSet, agency: str, result: RoundResult | None = None) -> list[str]:
    """By deciding level: what is proposed and the money; what the agency's own fund pays; who fell short of the vote."""
    lines = []
    own = 0
    for group in groups:
        # each award with its own verb: a danh hiệu is "công nhận", a hình thức "tặng" (not "tặng Lao động tiên tiến")
        awards = "; ".join(f"{a['granting']} cho {a['phrase']}" for a in group["awards"])
        lines.append(f"Đề nghị {group['authority']} {awards}; tiền thưởng {format_money(group['amount'])} đồng.")
        if group["in_house"]:
            own += group["amount"]
    payer = [f"Quỹ thi đua, khen thưởng của {agency} chi {format_money(own)} đồng"] if own else []
    above = [a["name"] for g in groups if not g["in_house"] for a in g["awards"]]
    if above:
        payer.append(f"tiền thưởng {_join(above)} do cấp quyết định khen thưởng chi trả")
    if payer:
        lines.append("Tiền thưởng theo " + rules.money + ": " + "; ".join(payer) + ".")
    if result is not None and result.members:
        tied = {(s.code, t.award.code) for t in result.ties for s in t.subjects}
        failed = [p for p in result.proposals if p.passed is False and (p.subject.code, p.award.code) not in tied]
        # one tied for a place who fell short of the ratio is "Không đạt" in the vote table too: named here with the
        # others (section 3 tells the tie); one who reached it and lost the place is told there only
        short = [p for p in result.proposals if p.passed is False and not p.vote_note]
        if short:
            lines.append("Không đạt tỷ lệ phiếu đồng ý: " + "; ".join(
                f"{p.subject.name} ({p.award.name}, {p.votes_for}/{result.members} phiếu)" for p in short) + ".")
        # reached the ratio, but not proposed for another reason (no place left, members' danh hiệu after the vote …)
        for p in failed:
            if p.vote_note:
                lines.append(f"{p.subject.name} ({p.award.name}, {p.votes_for}/{result.members} phiếu): không được đề nghị, "
                             f"{p.vote_note}.")
    return lines


def sitting_of(proposal, recorded: int) -> int:
    """The council sitting that votes on a proposal: as recorded, else the first (the round as proposed), or the
    one after the last recorded for a proposal made when a vote fell through (still to be voted on)."""
    if proposal.sitting:
        return proposal.sitting
    return recorded + 1 if proposal.fallen_from is not None else 1


def recorded_sittings(result: RoundResult) -> int:
    if result.sittings:
        return max(s.number for s in result.sittings)
    return 1 if result.members is not None else 0


def session_result(result: RoundResult, number: int, proposals: list, members: int | None) -> str:
    """"Kết quả bỏ phiếu lần 1: 65/66 trường hợp đạt tỷ lệ phiếu đồng ý; không đạt: … , được xét tiếp … ở lần bỏ
    phiếu thứ 2." Empty before the vote; said as awaiting for a sitting not yet held. The count and the names are
    by the ratio, as the words say: one below it is "không đạt" (a tied one too: the table says so), one who reached
    it but is not proposed (a higher award in the round, no place left) is counted as reaching it and told apart."""
    voted = [p for p in proposals if p.votes_for is not None]
    if not voted:  # the intro says it awaits the vote
        return ""

    def reached(proposal) -> bool:
        return bool(proposal.passed) or bool(members) and vote_passes(proposal.votes_for, members, proposal.award.vote_threshold)

    line = (f"Kết quả bỏ phiếu lần {number}: {_count(sum(reached(p) for p in voted))}/{_count(len(voted))} trường hợp "
            "đạt tỷ lệ phiếu đồng ý")
    later = {(p.subject.code, p.fallen_from): p for p in result.proposals if p.fallen_from is not None}
    below, apart = [], []
    for proposal in voted:
        if proposal.passed:
            continue
        share = vote_percent(proposal.votes_for, members) if members else Decimal(0)
        needed = proposal.award.vote_threshold
        if reached(proposal):  # reached the ratio, out for another reason: that reason, not "dưới mức"
            apart.append(f"{proposal.subject.name} ({proposal.award.name}, {proposal.votes_for}/{members} phiếu, "
                         f"{format_points(share)}%" + (f": {proposal.vote_note})" if proposal.vote_note else ")"))
            continue
        text = (f"{proposal.subject.name} ({proposal.award.name}, {proposal.votes_for}/{members} phiếu, {format_points(share)}%"
                + (f", dưới mức {format_points(needed)}%" if needed is not None else "") + ")")
        lower = later.get((proposal.subject.code, proposal.award.code))
        if lower is not None:
            text += f", được xét tiếp {lower.award.name} ở lần bỏ phiếu thứ {sitting_of(lower, recorded_sittings(result))}"
        below.append(text)
    if below:
        line += "; không đạt: " + "; ".join(below)
    if apart:
        line += "; đạt tỷ lệ nhưng không được đề nghị: " + "; ".join(apart)
    return line + "."
