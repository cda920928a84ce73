"""Decisions: record-decision (one deciding authority at a time) and decision correct.

record-decision grants the round's passed candidates (or, when no award in
the round needs a vote, every proposal) whose award one authority decides:
the authority named by `--authority`, implied by `--award`, or the only one
the round has to grant. Each grant becomes award history, linked to the new
decision record, with the money recomputed on the base salary in force on the
decision date. Refused, with nothing written:
- a cancelled round; a round spanning several authorities without saying which;
- a number already taken that year by another decision (numbers restart each year);
- a date after today, unless `--allow-future`;
- a grant the subject already holds from the same campaign for the same
  achievement (an overlapping round sharing its entries; Luật TĐKT 2022 Điều 5);
- what the same authority already decided in this round (correct it instead).

decision correct NUMBER: a new decision record with the right number and date
corrects the wrong one, which stays in the ledger; its history rows are
granted again under the new decision and the wrong ones stop counting.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from thidua_cli.domain.decisions import Held, match_authority, same_achievement
from thidua_cli.domain.formats import FormatError, decision_number, format_date, format_points, parse_date
from thidua_cli.domain.models import Campaign, HistoryAward
from thidua_cli.domain.proposals import amount_after_titles_paid, amount_for
from thidua_cli.domain.rounds import Proposal
from thidua_cli.domain.vntext import clean, fold_key
from thidua_cli.errors import NotFound, ThiduaError, UsageError
from thidua_cli.services.ledger_session import session_for
from thidua_cli.services.proposals import (
    RoundView, load_round, round_view, templates_option, build_dossier, for_the_dossier, not_granted_in_round, wants_pdf, write_documents,
)
from thidua_cli.services.session import Session, current_user, now_text, today as session_today
from thidua_cli.storage import decisions as decision_store
from thidua_cli.storage import discipline as discipline_store
from thidua_cli.storage import entries as entry_store
from thidua_cli.storage import history as history_store
from thidua_cli.storage import rounds as round_store


# a decision's number is indexed (ix_decision_number_key) and a server's index entry holds about 2 700 bytes: bounded
# on both engines as `awards add` bounds the number of an award it records (awards.MAX_TEXT)
MAX_NUMBER = 300


def _number_option(text: str, option: str = "--number") -> str:
    number = decision_number(text)
    if not number:
        raise UsageError(f"{option}: cần số quyết định, ví dụ 25/QĐ-STTTT")
    if len(number) > MAX_NUMBER:
        raise ThiduaError(f'{option}: "{number[:30]}…" dài quá {MAX_NUMBER} ký tự')
    return number


def _date_option(text: str, allow_future: bool, option: str = "--date") -> date:
    try:
        day = parse_date(text)
    except FormatError as error:
        raise UsageError(f'{option}: "{text}" {error}') from None
    if day > session_today() and not allow_future:
        raise ThiduaError(
            f"{option}: ngày quyết định {format_date(day)} sau hôm nay ({format_date(session_today())}); chưa ghi gì",
            hint="kiểm tra lại ngày; nếu quyết định đúng là ký ngày ấy, thêm --allow-future",
        )
    return day


def _before_meeting(view: RoundView, day: date, number: int) -> list[str]:
    """A decision rests on the council's biên bản: dated before the meeting that voted, one of the two dates is wrong.
    Said, not refused: the meeting's date is the day the votes were recorded unless `record-votes --date` gave it."""
    if view.meeting_date and day < view.meeting_date:
        return [f"ngày quyết định {format_date(day)} trước ngày Hội đồng họp bỏ phiếu {format_date(view.meeting_date)} "
                f"(đợt đề nghị số {number}), mà quyết định căn cứ biên bản họp: kiểm tra lại một trong hai ngày"]
    return []


def _number_taken(session: Session, number: str, day: date, allowed: set[int] = frozenset()) -> None:
    """Refuse a number another live decision of the same year already has (`allowed`: the decisions being
    corrected). A number corrected away was never the decision's: it is free for the decision that has it."""
    taken = [d for d in decision_store.with_number(session.connection, number, day.year) if d.id not in allowed and d.live]
    if taken:
        d = taken[0]
        raise ThiduaError(
            f"--number: số quyết định {number} năm {day.year} đã dùng cho quyết định ngày {format_date(d.day)} của {d.authority} "
            f"(đợt đề nghị số {d.round_number}, phong trào {d.campaign}); mỗi quyết định một số",
            hint="kiểm tra lại số quyết định; sửa quyết định đã ghi: thidua decision correct",
        )
    key = decision_store.number_key(number)
    for measure in discipline_store.disciplines(session.connection, dated_in=day.year):
        if decision_store.number_key(measure.number) == key:
            raise ThiduaError(
                f"--number: số {number} năm {day.year} là quyết định kỷ luật ngày {format_date(measure.day)} "
                f"({measure.subject} — {measure.subject_name}, {measure.form.lower()}); mỗi quyết định một số",
                hint="kiểm tra lại số quyết định khen thưởng",
            )


def _awards_option(result, awards: list[str] | None, number: int) -> dict:
    wanted = {}
    for code in awards or []:
        for part in code.split(","):
            part = clean(part)
            if not part:
                continue
            award = result.campaign.award(part)
            if award is None or all(p.award.code != award.code for p in result.proposals):
                listed = ", ".join(dict.fromkeys(p.award.code for p in result.proposals))
                raise UsageError(f'--award: đợt {number} không đề nghị hình thức "{part}" (có: {listed})')
            wanted[award.code] = award
    return wanted


def _authorities_text(result, candidates: list[Proposal]) -> str:
    by_authority: dict[str, dict[str, None]] = {}
    for p in candidates:
        by_authority.setdefault(p.award.authority, {}).setdefault(p.award.code)
    parts = []
    for authority, codes in by_authority.items():
        decided = result.decisions_of(authority)
        state = "đã có quyết định số " + ", ".join(d.number for d in decided) if decided else "chưa có quyết định"
        parts.append(f"{authority} ({', '.join(codes)}; {state})")
    return "; ".join(parts)


def _authority(result, candidates: list[Proposal], text: str | None, wanted: dict, number: int) -> str:
    """The one deciding authority this decision is of."""
    in_round = list(dict.fromkeys(p.award.authority for p in result.proposals))
    if text is not None:
        found = match_authority(text, in_round)
        if len(found) != 1:
            why = "trùng với nhiều cấp" if found else "không phải cấp quyết định nào"
            raise UsageError(f'--authority: "{clean(text)}" {why} của đợt {number} (có: {"; ".join(found or in_round)})')
        other = [a for a in wanted.values() if a.authority != found[0]]
        if other:
            listed = ", ".join(f"{a.code} do {a.authority} quyết định" for a in other)
            raise UsageError(f"--award: {listed}, không phải {found[0]}")
        return found[0]
    if wanted:
        named = list(dict.fromkeys(a.authority for a in wanted.values()))
        if len(named) > 1:
            listed = "; ".join(f"{a.code}: {a.authority}" for a in wanted.values())
            raise UsageError(f"--award: các hình thức thuộc {len(named)} cấp quyết định ({listed}); mỗi quyết định chỉ của một cấp")
        return named[0]
    spanned = list(dict.fromkeys(p.award.authority for p in candidates)) or in_round
    if len(spanned) > 1:
        raise UsageError(
            f"đợt đề nghị số {number} gồm khen thưởng của {len(spanned)} cấp quyết định: {_authorities_text(result, candidates)}; "
            "mỗi quyết định chỉ của một cấp",
            hint='ghi rõ cấp: --authority "…" hoặc --award MÃ',
        )
    return spanned[0]


def _first_sheet(row, number: int) -> str:
    """The vote sheet propose-awards wrote for the council (the hint named a "phieu.csv" nobody had)."""
    name = f"phieu-bau-dot-{number}.xlsx"
    return str(Path(row.out_dir) / name) if row.out_dir else name


def _next_sheet(row, result, number: int) -> str:
    """The vote sheet record-votes wrote for the next sitting (the hint named a "phieu.csv" nobody had)."""
    name = f"phieu-bau-dot-{number}-phien-{len(result.sittings) + 1}.xlsx"
    return str(Path(row.out_dir) / name) if row.out_dir else name


def _candidates(row, result, number: int) -> list[Proposal]:
    if row.votes is not None:
        waiting = [p for p in result.proposals if p.passed is None]
        if waiting:  # proposals made by a vote that fell through, for the council's next sitting
            listed = "; ".join(f"{p.subject.code} — {p.subject.name} ({p.award.code}, xét tiếp sau khi không đạt {p.fallen_from})"
                               if p.fallen_from else f"{p.subject.code} — {p.subject.name} ({p.award.code})" for p in waiting)
            raise ThiduaError(
                f"đợt đề nghị số {number} còn {len(waiting)} đề nghị chưa được Hội đồng bỏ phiếu: {listed}",
                hint=f"ghi phiếu phiên tiếp theo: thidua record-votes {number} --file {_next_sheet(row, result, number)}",
            )
        return [p for p in result.proposals if p.passed]
    needing = [a for a in {p.award.code: p.award for p in result.proposals}.values() if a.vote_threshold is not None]
    if needing:
        listed = ", ".join(f"{a.code} cần {format_points(a.vote_threshold)}% phiếu đồng ý" for a in needing)
        raise ThiduaError(
            f"đợt đề nghị số {number} chưa ghi kết quả bỏ phiếu của Hội đồng ({listed})",
            hint=f"ghi phiếu trước: thidua record-votes {number} --file {_first_sheet(row, number)}",
        )
    campaign = result.campaign
    if campaign.council or campaign.council_members:  # the office's council votes every proposal (quá nửa when unset)
        raise ThiduaError(
            f"đợt đề nghị số {number} chưa ghi kết quả bỏ phiếu của Hội đồng: phong trào {campaign.code} có Hội đồng Thi đua - "
            "Khen thưởng, mỗi đề nghị cần Hội đồng bỏ phiếu (không đặt vote_threshold thì phải quá nửa tổng số thành viên)",
            hint=f"ghi phiếu trước: thidua record-votes {number} --file {_first_sheet(row, number)}",
        )
    return list(result.proposals)


def _titles_held_this_year(session: Session, campaign: Campaign, row, todo: list[Proposal]) -> list[str]:
    """The yearly danh hiệu the decision would grant a second time for the year: held already, from another
    campaign, round or file (`domain.proposals.same_title_of_year`), whatever the round proposed before that."""
    from thidua_cli.domain.proposals import same_title_of_year, same_title_text

    titles = [p for p in todo if p.award.category == "danh-hieu"]
    if campaign.kind == "chuyen-de" or not titles:
        return []
    year = row.period_to.year
    held: dict[str, list] = {}
    for h in history_store.history_rows(session.connection, sorted({p.subject.id for p in titles})):
        if h.round_id != row.id:
            held.setdefault(h.subject, []).append(h.award)
    return [f"{p.subject.code} — {p.subject.name} " + same_title_text(h.name or h.award, h, year, p.award)
            for p in titles for h in held.get(p.subject.code, ()) if same_title_of_year(h, p.award, year, campaign)]


def _repeated_achievements(session: Session, campaign: Campaign, row, todo: list[Proposal]) -> None:
    """Refuse a grant the subject holds already for the same achievement (Luật TĐKT 2022 Điều 5)."""
    connection = session.connection
    period = (row.period_from, row.period_to)
    wanted = {p.subject.id for p in todo}
    held: dict[int, list[Held]] = {}
    for g in decision_store.granted(connection, campaign.id):
        if g.subject_id in wanted and g.round_id != row.id:
            held.setdefault(g.subject_id, []).append(
                Held(g.subject, g.award, (g.period_from, g.period_to), g.number, g.day, g.round_number)
            )
    repeated = []
    for p in todo:
        def has_entries_in(start: date, end: date, subject_id=p.subject.id) -> bool:
            rows = entry_store.list_entries(connection, campaign.id, start.isoformat(), end.isoformat(), [subject_id])
            return rows.fetchone() is not None

        for h in held.get(p.subject.id, []):
            if same_achievement(p.award.code, period, h, has_entries_in):
                repeated.append((p, h))
                break
    twice = {id(q) for q, _ in repeated}
    listed_titles = _titles_held_this_year(session, campaign, row, [p for p in todo if id(p) not in twice])
    if repeated or listed_titles:
        listed = "; ".join(
            [f"{p.subject.code} — {p.subject.name} đã được {h.award} theo quyết định số {h.number} ngày {format_date(h.day)} "
             f"(đợt {h.round}, {format_date(h.period[0])} – {format_date(h.period[1])})"
             for p, h in repeated] + listed_titles
        )
        raise ThiduaError(
            f"một thành tích chỉ khen một lần (Luật Thi đua, khen thưởng 2022 Điều 5): {listed}; "
            f"không ghi quyết định đợt {row.number}",
            hint="thành tích trong kỳ trùng đã được khen; bỏ hình thức này khỏi quyết định (--award) hoặc huỷ đợt: thidua rounds cancel",
        )


def record_decision(
    db: str | None, number: int, decision_number: str, decision_date: str, campaign: str | None = None,
    awards: list[str] | None = None, templates: str | None = None, authority: str | None = None,
    allow_future: bool = False, pdf: bool = False, not_granted: tuple[str, ...] = (), none_granted: bool = False,
) -> RoundView:
    templates = templates_option(templates)
    if none_granted and not_granted:
        raise UsageError("--none-granted: đã nêu cả --not-granted; không khen ai thì chỉ cần --none-granted")
    text = _number_option(decision_number)
    try:
        day = parse_date(decision_date)
    except FormatError as error:
        raise UsageError(f'--date: "{decision_date}" {error}') from None
    with session_for(db) as session:
        chosen = session.campaign(campaign)
        row = load_round(session, chosen, number, "không ghi quyết định")
        view = round_view(session, chosen, row, with_standings=False)
        result = view.result
        candidates = _candidates(row, result, number)
        wanted = _awards_option(result, awards, number)
        who = _authority(result, candidates, authority, wanted, number)
        granted = [p for p in candidates if p.award.authority == who and (not wanted or p.award.code in wanted)]
        decided = {(code, award.casefold()) for code, award, _, _ in history_store.decided_in_round(session.connection, row.id)}
        done = decided | not_granted_in_round(row)  # decided, or named not granted by an earlier decision
        todo = [p for p in granted if (p.subject.code, p.award.code.casefold()) not in done]
        refused = (list(todo) if none_granted else _refused(session, todo, not_granted, who, number)) if todo else []
        if refused:
            todo = [p for p in todo if p not in refused]
            granted = [p for p in granted if p not in refused]
        if not todo and not refused:
            earlier = result.decisions_of(who)
            if earlier:
                listed = "; ".join(f"số {d.number} ngày {format_date(d.day)}" for d in earlier)
                raise ThiduaError(
                    f"đợt đề nghị số {number} đã có quyết định của {who} ({listed}); không ghi lần hai",
                    hint=f"sửa số hoặc ngày: thidua decision correct {earlier[0].number} --number … --date … --reason …",
                )
            raise ThiduaError(
                f"đợt đề nghị số {number} không có ai đạt tỷ lệ phiếu của Hội đồng cho khen thưởng của {who}; "
                "không có gì để ghi quyết định"
            )
        day = _date_option(decision_date, allow_future)
        view.warnings += _before_meeting(view, day, number)
        _number_taken(session, text, day)
        _repeated_achievements(session, chosen, row, todo)
        blocked = [p.subject for p in todo if p.subject.blocked]
        if blocked:
            listed = "; ".join(f"{b.code} — {b.name}" + (f" ({b.block_reason})" if b.block_reason else "") for b in blocked)
            raise ThiduaError(
                f"đang tạm dừng xét khen thưởng: {listed}; không ghi quyết định đợt {number}",
                hint="bỏ tạm dừng (thidua subject unblock) khi đã xong, hoặc để Hội đồng xét lại",
            )
        if todo and fold_key(text).find("qd") < 0:  # a reply granting no one is a letter (công văn), not a QĐ
            view.warnings.append(f'số quyết định "{text}" không có ký hiệu QĐ (ví dụ 25/QĐ-STTTT)')
        if view.proposal_date and day < view.proposal_date:
            view.warnings.append(f"ngày quyết định {format_date(day)} trước ngày lập đợt đề nghị {format_date(view.proposal_date)}")
        if day > session_today():
            view.warnings.append(f"ngày quyết định {format_date(day)} sau hôm nay (--allow-future)")
        recorded_at = now_text()
        paid_before = _titles_paid_before(session, todo, result.period.end.year)
        granting = {id(p) for p in granted}
        settled = _by_subject(p for p in candidates
                              if id(p) in granting or (p.subject.code, p.award.code.casefold()) in decided)
        to_come = _by_subject(p for p in candidates if p.award.authority != who
                              and (p.subject.code, p.award.code.casefold()) not in done)
        with session.ledger.write() as connection:
            decision_id = decision_store.insert_decision(
                connection, row.id, chosen.id, who, text, day, recorded_at, current_user(None)
            )
            rows = [
                history_store.NewHistory(
                    subject_id=p.subject.id, award=p.award.code, name=p.award.name, number=text, day=day,
                    issuer=p.award.authority, source="decision", recorded_at=recorded_at, round_id=row.id,
                    campaign_id=chosen.id,
                    amount=_amount(chosen, p, settled, day, paid_before, row.id, to_come),
                    award_kind="chuyen-de" if chosen.kind == "chuyen-de" else "cong-trang", year=result.period.end.year,
                    decision_id=decision_id, category=p.award.category,
                )
                for p in todo
            ]
            history_store.insert_history(connection, rows)
            if refused:
                stored = dict(row.result)
                stored["not_granted"] = list(stored.get("not_granted", ())) + [
                    {"subject": p.subject.code, "award": p.award.code, "decision": decision_id} for p in refused
                ]
                round_store.set_result(connection, row.id, stored)
            after = _rewrite_dossier(session, chosen, number, templates, day, pdf)
        after.warnings = view.warnings + after.warnings + _lower_still_open(chosen, result, refused)
        after.decision = next((d for d in after.result.decisions if (d.number, d.day, d.authority) == (text, day, who)), None)
        after.granted = [
            HistoryAward(subject=p.subject.code, award=r.award, name=r.name, number=r.number, day=r.day, issuer=r.issuer,
                         source="decision", round=number, amount=r.amount, extra={"subject_name": p.subject.name, "kind": p.subject.kind})
            for p, r in zip(todo, rows)
        ]
        return after


def _lower_still_open(campaign, result, refused: list[Proposal]) -> list[str]:
    """A proposal the authority did not grant leaves its subject open to the lower awards of its category (the UBND
    does not recognise a unit's Tập thể lao động xuất sắc: the Giám đốc may still recognise its Tập thể lao động tiên
    tiến): a supplementary round of the period considers them — said, as nothing else would prompt the office."""
    from thidua_cli.domain.history_terms import CATEGORY_LABELS

    told = []
    for p in refused:
        lower = [a for a in campaign.awards if a.category == p.award.category and a.level < p.award.level
                 and a.applies(p.subject.kind)]
        if not lower:
            continue
        period = f"--from {format_date(result.period.start)} --to {format_date(result.period.end)}"
        told.append(f"{p.subject.code} — {p.subject.name} không được khen {p.award.name}: còn có thể được xét "
                    f"{CATEGORY_LABELS[p.award.category].lower()} thấp hơn ({', '.join(a.name for a in lower)}) ở một đợt bổ "
                    f"sung cùng kỳ: thidua propose-awards {period} --allow-overlap (đề nghị lại chính {p.award.name}: thêm "
                    f"--reconsider {p.subject.code})")
    return told


def _refused(session: Session, todo: list[Proposal], values: tuple[str, ...], who: str, number: int) -> list[Proposal]:
    """The proposals `--not-granted` names among those the decision settles: "MÃ" or "MÃ:HÌNH_THỨC" (or a name)."""
    refused: list[Proposal] = []
    for value in values:
        text = clean(value)
        name, _, award = text.rpartition(":")
        if name and any(_names_award(p, award) for p in todo):
            subject = session.subject(name, "--not-granted")
        else:
            try:
                subject, award = session.subject(text, "--not-granted"), ""
            except NotFound:
                if not name:
                    raise
                # "NV1:ZZ": the person is known, the award is not among those pending (said below, with the list)
                subject = session.subject(name, "--not-granted")
        theirs = [p for p in todo if p.subject.id == subject.id]
        mine = [p for p in theirs if not award or _names_award(p, award)]
        if theirs and not mine:
            # the person is pending here, the award named is not theirs: saying the person is not pending was false
            codes = ", ".join(p.award.code for p in theirs)
            raise ThiduaError(
                f'--not-granted: "{text}": {subject.code} — {subject.name} không có đề nghị "{award}" chờ quyết định '
                f"của {who} ở đợt {number}; đề nghị của {subject.code} chờ cấp này: {codes}",
                hint=f"ví dụ --not-granted {subject.code}:{theirs[0].award.code}",
            )
        if not mine:
            listed = ", ".join(sorted({p.award.code for p in todo}))
            raise ThiduaError(
                f'--not-granted: "{text}" ({subject.code} — {subject.name}) không có trong các đề nghị còn chờ quyết định '
                f"của {who} ở đợt {number}" + (f" ({listed})" if listed else ""),
                hint=f"xem các đề nghị của đợt: thidua rounds show {number}",
            )
        if len(mine) > 1:
            codes = ", ".join(p.award.code for p in mine)
            raise ThiduaError(
                f'--not-granted: {subject.code} — {subject.name} được đề nghị {codes}; ghi rõ hình thức không được khen',
                hint=f"ví dụ --not-granted {subject.code}:{mine[0].award.code}",
            )
        if mine[0] not in refused:
            refused.append(mine[0])
    return refused


def _names_award(proposal: Proposal, award: str) -> bool:
    """`MÃ:HÌNH_THỨC` names the award by its code or by its name, as the vote file does."""
    return fold_key(award) in (fold_key(proposal.award.code), fold_key(proposal.award.name))


def _rewrite_dossier(session: Session, campaign: Campaign, number: int, templates: str | None, day: date,
                     pdf: bool = False) -> RoundView:
    """Inside the write: the round's own decision columns follow its records, and the dossier is written again."""
    row = load_round(session, campaign, number)
    after = round_view(session, campaign, row)
    result = after.result
    if (result.decision_number, result.decision_date) != (row.decision_number, row.decision_date) and result.decision_number:
        round_store.set_decision(session.connection, row.id, result.decision_number, result.decision_date)
    out_dir = after.out_dir or (Path.cwd() / f"{campaign.code}-dot-{number}").resolve()
    document_day = after.meeting_date or after.proposal_date or day
    after.result, people = for_the_dossier(result)
    del result  # its scores of everyone: let go before the dossier is written
    dossier = build_dossier(session, after.result, document_day, row.id, people=people)
    after.written, after.dossier_note = write_documents(dossier, out_dir, templates or row.result.get("templates"),
                                                        wants_pdf(row, pdf))
    after.out_dir = out_dir
    return after


# --------------------------------------------------------------------------- decision correct


@dataclass
class Correction:
    wrong: decision_store.DecisionRow
    number: str
    day: date
    reason: str
    view: RoundView
    rows: list[decision_store.GrantedRow]  # granted again under the new decision


def _wrong_decision(session: Session, number: str, dated: date | None, campaign: str | None) -> decision_store.DecisionRow:
    found = decision_store.with_number(session.connection, number, dated.year if dated else None)
    if dated is not None:
        found = [d for d in found if d.day == dated]
    if campaign:
        chosen = session.campaign(campaign)
        found = [d for d in found if d.campaign == chosen.code]
    if not found:
        raise NotFound(
            f'không có quyết định số "{number}"' + (f" ngày {format_date(dated)}" if dated else "") + " trong sổ",
            hint="xem các đợt và quyết định: thidua rounds",
        )
    live = [d for d in found if d.live]
    if not live:
        latest = decision_store.latest_correction(session.connection, found[-1])
        raise ThiduaError(
            f"quyết định số {found[0].number} ngày {format_date(found[0].day)} đã được sửa bằng quyết định số {latest.number} "
            f"ngày {format_date(latest.day)}; không sửa lại bản đã sửa",
            hint=f"sửa bản mới nhất: thidua decision correct {latest.number} …",
        )
    if len(live) > 1:
        listed = "; ".join(f"ngày {format_date(d.day)} của {d.authority} (đợt {d.round_number}, phong trào {d.campaign})" for d in live)
        raise UsageError(f"có {len(live)} quyết định số {number}: {listed}", hint="chọn một bằng --dated NGÀY")
    return live[0]


def _titles_paid_before(session: Session, granted: list[Proposal], year: int, before_decision: int | None = None,
                        first: dict[int, int] | None = None) -> dict[int, list[history_store.TitlePaid]]:
    """subject id -> the danh hiệu of `year` decisions in force paid it (`history_store.titles_paid`): all of them,
    or, with `before_decision`, those first made before it (a correction keeps its first decision's place;
    `first`: `decision_store.first_of_chain`, when the caller has it already)."""
    ids = sorted({p.subject.id for p in granted if p.award.category == "danh-hieu"})
    titles = history_store.titles_paid_by_subject(session.connection, ids, year)
    if before_decision is not None and titles:
        first = first if first is not None else decision_store.first_of_chain(session.connection)
    return {subject_id: kept for subject_id, paid in titles.items()
            if (kept := [t for t in paid if before_decision is None or first[t.decision_id] < first[before_decision]])}


def _own_money(proposal: Proposal) -> bool:
    """A danh hiệu brought `with` a higher one that was proposed at its own money: its authority pays it whole and
    the higher one's pays the difference (`paid_by_each_authority`), whichever decides first."""
    return proposal.brought_by is not None and proposal.amount > 0


def _by_subject(proposals: Iterable[Proposal]) -> dict[str, list[Proposal]]:
    """Proposals by subject code: `_amount` looks up one subject's, not the whole round's, for each award it pays."""
    found: dict[str, list[Proposal]] = {}
    for p in proposals:
        found.setdefault(p.subject.code, []).append(p)
    return found


def _amount(campaign: Campaign, proposal: Proposal, settled: Mapping[str, list[Proposal]], day: date,
            paid_before: dict[int, list[history_store.TitlePaid]], round_id: int,
            to_come: Mapping[str, list[Proposal]]) -> int:
    """The money a decision dated `day` pays for one award, as the round proposed it to its authority:
    - a danh hiệu brought with a higher one of the same round that this decision or an earlier one grants
      (`settled`) pays nothing;
    - one a lower authority pays at its own money (`_own_money`: the Giám đốc's CSTĐCS brought with the UBND's
      CSTĐ cấp tỉnh) pays its rate, whether the UBND decided first or not;
    - the higher one pays what it adds to those (paid, or `to_come`: still to decide), as its danh sách asked;
    - a danh hiệu of a year whose lower danh hiệu another round's decision paid pays what it adds."""
    own = _own_money(proposal)
    if proposal.brought_by is not None and not own and any(
        other.award.category == "danh-hieu" and other.award.level > proposal.award.level
        for other in settled.get(proposal.subject.code, ())
    ):  # brought along, and a higher danh hiệu of the round is held on this date: that one pays
        return 0
    full = amount_for(campaign, proposal.award, proposal.subject.kind, day)
    if proposal.award.category != "danh-hieu":
        return full
    # what it pays is not lessened by a higher danh hiệu of the round another authority decided (that one paid
    # what it adds); the lower ones still to decide are counted at what they will pay, in turn less theirs
    paid = [t.amount for t in paid_before.get(proposal.subject.id, ())
            if not (t.round_id == round_id and _higher(campaign, t.award, proposal))]
    paid += [_amount(campaign, lower, {}, day, paid_before, round_id, to_come)
             for lower in to_come.get(proposal.subject.code, ())
             if _own_money(lower) and lower.award.category == "danh-hieu" and lower.award.level < proposal.award.level]
    return amount_after_titles_paid(full, paid)


def _higher(campaign: Campaign, code: str, proposal: Proposal) -> bool:
    award = campaign.award(code)
    return award is not None and award.level > proposal.award.level


def _amounts_on(session: Session, campaign: Campaign, result, row, granted: list[decision_store.GrantedRow], day: date,
                decision_id: int) -> dict[int, int]:
    """Each award's money under a decision dated `day` (the base salary of that day), by history row, as when it
    was recorded: a danh hiệu brought with a higher one of the same round still pays nothing, and one whose
    lower danh hiệu of the year a decision before `decision_id` paid still pays what it adds."""
    candidates = _candidates(row, result, row.number)
    proposals = {(p.subject.code, p.award.code.casefold()): p for p in candidates}
    first = decision_store.first_of_chain(session.connection)
    settled_keys = {(g.subject, g.award.casefold()) for g in granted} | {
        (g.subject, g.award.casefold()) for g in decision_store.granted(session.connection, campaign.id, round_id=row.id)
        if first[g.decision_id] < first[decision_id]
    }
    settled = _by_subject(p for key, p in proposals.items() if key in settled_keys)
    authority = next((g.issuer for g in granted), None)
    refused = not_granted_in_round(row)
    to_come = _by_subject(p for key, p in proposals.items()
                          if key not in settled_keys and key not in refused and p.award.authority != authority)
    awards = {a.code.casefold(): a for a in campaign.awards}
    paid_before = _titles_paid_before(session, list(proposals.values()), result.period.end.year, decision_id, first)
    amounts = {}
    for g in granted:
        proposal = proposals.get((g.subject, g.award.casefold()))
        award = awards.get(g.award.casefold())
        if proposal is None or award is None:  # not of this campaign's rules any more: as it was paid
            amounts[g.history_id] = g.amount
        else:
            amounts[g.history_id] = _amount(campaign, proposal, settled, day, paid_before, row.id, to_come)
    return amounts


def correct_decision(
    db: str | None, wrong_number: str, number: str, decision_date: str, reason: str, dated: str | None = None,
    campaign: str | None = None, allow_future: bool = False, templates: str | None = None,
) -> Correction:
    templates = templates_option(templates)
    wrong_text = _number_option(wrong_number, "SỐ")
    text = _number_option(number)
    why = clean(reason)
    if not why:
        raise UsageError("--reason: cần lý do sửa (ví dụ: ghi nhầm ngày ký)")
    try:
        old_day = parse_date(dated) if dated else None
    except FormatError as error:
        raise UsageError(f'--dated: "{dated}" {error}') from None
    day = _date_option(decision_date, allow_future)
    with session_for(db) as session:
        wrong = _wrong_decision(session, wrong_text, old_day, campaign)
        if decision_store.number_key(text) == decision_store.number_key(wrong.number) and day == wrong.day:
            raise ThiduaError(
                f"quyết định số {wrong.number} đã ghi ngày {format_date(wrong.day)}; số và ngày mới giống hệt, không có gì để sửa"
            )
        chain = {wrong.id}
        every = {d.id: d for d in decision_store.of_round(session.connection, wrong.round_id)}
        current = wrong
        while current.corrects is not None:
            chain.add(current.corrects)
            current = every[current.corrects]
        _number_taken(session, text, day, chain)
        chosen = session.campaign(wrong.campaign)
        row = round_store.get_round(session.connection, chosen.id, wrong.round_number)
        old_rows = decision_store.granted(session.connection, chosen.id, wrong.id)
        before = round_view(session, chosen, row, with_standings=False)
        amounts = _amounts_on(session, chosen, before.result, row, old_rows, day, wrong.id)  # paid as the first of its chain was
        recorded_at = now_text()
        with session.ledger.write() as connection:
            new_id = decision_store.insert_decision(
                connection, wrong.round_id, row.campaign_id, wrong.authority, text, day, recorded_at, current_user(None),
                corrects=wrong.id, reason=why,
            )
            decision_store.copy_for_correction(connection, amounts, new_id, text, day, recorded_at)
            view = _rewrite_dossier(session, chosen, wrong.round_number, templates, day)
            again = decision_store.granted(connection, chosen.id, new_id)
        return Correction(wrong=wrong, number=text, day=day, reason=why, view=view, rows=again)
