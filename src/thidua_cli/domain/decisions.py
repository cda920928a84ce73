"""Decisions and round status: pure rules over plain values.

- A decision belongs to one deciding authority (the `authority` of the
  campaign's awards). `--authority` is matched on folded text: equal, or the
  only authority of the round containing it ("ubnd" → "Chủ tịch UBND tỉnh …").
- One achievement, one award (Luật TĐKT 2022 Điều 5): an award the subject
  already holds from the same campaign for an overlapping period is the same
  achievement, unless none of the subject's entries fall in the overlap (its
  achievement in the new period is a new one).
- A round is: cancelled; decided (every authority with something to grant has
  a live decision) or partly decided; voted; or proposed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from thidua_cli.domain.vntext import fold_key

PROPOSED, VOTED, PARTLY_DECIDED, DECIDED, CANCELLED = "proposed", "voted", "partly-decided", "decided", "cancelled"
STATUS_LABELS = {
    PROPOSED: "đề nghị",
    VOTED: "đã biểu quyết",
    PARTLY_DECIDED: "đã quyết định một phần",
    DECIDED: "đã quyết định",
    CANCELLED: "đã huỷ",
}


def match_authority(text: str, authorities: Iterable[str]) -> list[str]:
    """The authorities `text` names: the one equal on folded text, else every one containing it."""
    wanted = fold_key(text)
    known = list(dict.fromkeys(authorities))
    if not wanted:
        return []
    equal = [a for a in known if fold_key(a) == wanted]
    if equal:
        return equal
    return [a for a in known if wanted in fold_key(a)]


def overlap(first: tuple[date, date], second: tuple[date, date]) -> tuple[date, date] | None:
    """The days two inclusive periods share, or None."""
    start, end = max(first[0], second[0]), min(first[1], second[1])
    return (start, end) if start <= end else None


@dataclass(frozen=True)
class Held:
    """An award a subject holds from a decision of a round of the campaign."""

    subject: str
    award: str
    period: tuple[date, date]  # of the round that granted it
    number: str
    day: date
    round: int


def same_achievement(award: str, period: tuple[date, date], held: Held, has_entries_in) -> bool:
    """Whether granting `award` for `period` repeats `held` (same award, overlapping period, shared entries).

    `has_entries_in(start, end)` tells whether the subject has live entries on those days."""
    if held.award.casefold() != award.casefold():
        return False
    shared = overlap(period, held.period)
    return shared is not None and has_entries_in(*shared)


def round_status(cancelled: bool, voted: bool, decided_authorities: Iterable[str], pending: Iterable[str]) -> str:
    if cancelled:
        return CANCELLED
    if any(True for _ in decided_authorities):
        return PARTLY_DECIDED if any(True for _ in pending) else DECIDED
    return VOTED if voted else PROPOSED


def pending_authorities(to_grant: Iterable[tuple[str, str, str]], decided: set[tuple[str, str]]) -> tuple[str, ...]:
    """Authorities with a (subject, award) to grant that no live decision covers; `to_grant` is
    (authority, subject, award) in the round's order (highest award first)."""
    pending: dict[str, None] = {}
    for authority, subject, award in to_grant:
        if (subject, award.casefold()) not in decided:
            pending.setdefault(authority)
    return tuple(pending)


GRANTED, REFUSED, VOTED_DOWN, AWAITING_VOTE, AWAITING_DECISION = "granted", "refused", "voted-down", "awaiting-vote", "awaiting-decision"
LEFT_OUT = "left-out"  # considered for a lower award after a vote fell through, and not proposed it (no place left …)


@dataclass(frozen=True)
class Outcome:
    """What became of one award a round proposed a subject: `state` (one of the six above) for what follows from
    it, `said` as every output tells it ("Chủ tịch UBND tỉnh … không khen (quyết định số … ngày …)")."""

    award: str
    name: str
    state: str
    said: str
    authority: str = ""  # who decides it (a refusal's, as `said` names it)
    paper: str = ""  # the document of a refusal or a grant: "quyết định số … ngày …", "văn bản số … ngày …"
    day: date | None = None  # that document's date (a report written before it: still waiting)


def left_out_after_vote(stored: dict, names: dict[str, str], code: str) -> list[Outcome]:
    """The lower awards a round considered the subject `code` for after its council vote fell through, and did not
    propose (`excluded_after_vote` of the stored round: no place left, a condition unmet): told by `score --explain`
    beside the vote, which alone left the office asking why the Giấy khen never came."""
    return [Outcome(item["award"], names.get(item["award"], item["award"]), LEFT_OUT,
                    f"không đề nghị: {item['text']}")
            for item in stored.get("excluded_after_vote", ()) if item["subject"] == code]


def what_became_of(result, code: str) -> list[Outcome]:
    """What became of each award a round proposed the subject `code`: what `score --explain` tells beside what a
    round of the period on its own would propose, so that the two never read as one (a subject given the Bằng
    khen of this achievement is not "to be proposed" a Giấy khen), and what the tổng kết says was not granted."""
    from thidua_cli.domain.formats import format_date

    refused = result.not_granted
    told = []
    for p in result.proposals:
        if p.subject.code != code:
            continue
        key = (code, p.award.code.casefold())
        by_authority = [d for d in result.decisions if d.authority == p.award.authority]
        authority = p.award.authority or "cấp có thẩm quyền"
        paper, d = "", None
        if key in refused:
            d = next((d for d in by_authority if (code, p.award.code) in d.not_granted), None)
            kind = "quyết định" if d is not None and d.awards else "văn bản"  # a QĐ granting others, or a reply
            paper = f"{kind} số {d.number} ngày {format_date(d.day)}" if d else ""
            # the deciding authority by name: the Giám đốc refusing his own Giấy khen is no "cấp trên"
            state, said = REFUSED, f"{authority} không khen" + (f" ({paper})" if paper else "")
        elif p.decided_amount is not None:
            d = next((d for d in by_authority if p.award.code in d.awards), None)
            paper = f"quyết định số {d.number} ngày {format_date(d.day)}" if d else ""
            state, said = GRANTED, "đã được khen" + (f" theo {paper}" if paper else "")
        elif p.passed is False and p.vote_note and p.votes_for is not None and result.members:
            # reached the ratio and was left out (a higher danh hiệu of the round, a tied place lost, no place left):
            # the biên bản says so with the votes; "Hội đồng không thông qua" read as if the council had voted it down
            state = VOTED_DOWN
            said = f"không đề nghị: {p.vote_note} (Hội đồng {p.votes_for}/{result.members} phiếu đồng ý)"
        elif p.passed is False:
            state, said = VOTED_DOWN, "Hội đồng không thông qua" + (f" ({p.vote_note})" if p.vote_note else "")
        elif result.members is None or p.passed is None:
            state, said = AWAITING_VOTE, "chờ Hội đồng bỏ phiếu"
        else:
            state, said = AWAITING_DECISION, f"chờ quyết định của {p.award.authority}"
        along = f", đi kèm {p.brought_by}" if p.brought_by else ""
        told.append(Outcome(p.award.code, p.award.name, state, said + along, authority, paper,
                            d.day if state in (REFUSED, GRANTED) and d is not None else None))
    return told
