"""The award dossier (hồ sơ đề nghị khen thưởng) of a round, per deciding authority.

`write_dossier(dossier, out_dir)` writes, for each authority that decides at
least one proposed award, a folder with the Tờ trình, the Danh sách đề nghị,
the Biên bản họp Hội đồng, one Báo cáo tóm tắt thành tích per proposed subject
and, for awards the agency head signs, a draft Quyết định — each as .docx,
.html and .md (with `-O pdf` also .pdf, made from the .html) — plus `muc-luc.md` at the top listing what was written.

Everything the templates show is computed here once (`dossier_contexts`), so
the three formats cannot disagree: the counts in the tờ trình are the rows of
the danh sách because both are drawn from the same group record.
"""

from __future__ import annotations

import json
import re
from collections import ChainMap
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path

from thidua_cli.domain.models import COLLECTIVE, DANH_HIEU, HINH_THUC, INDIVIDUAL, Campaign, Subject
from thidua_cli.domain.numbering import by_authority, in_house, minutes_slot, office_short, proposal_slot
from thidua_cli.domain.rulesets import decision_basis, legal_basis, rule_set
from thidua_cli.domain.rounds import Dossier, Proposal as _Proposal, RoundResult, SubjectRecord, Tie
from thidua_cli.domain.formats import format_money, format_points
from thidua_cli.domain.scoring import name_sort_key
from thidua_cli.domain.vntext import fold_key
from thidua_cli.errors import ThiduaError, system_reason
from thidua_cli.render.documents import (
    FORMATS,
    document_pieces,
    header_context,
    make_environment,
    prepare_word_templates,
    recipients_list,
    render_document,
    short_date,
    side_by_side,
    signature_context,
    signer_title,
)
from thidua_cli.render import dossier_minutes as minutes_text
from thidua_cli.render.dossier_report import proposal_index, report_context, unit_heads
from thidua_cli.files import BackgroundSync, move_into, staged_folder, write_staged

MANIFEST = ".thidua-ho-so.json"
WORD_TEMPLATES = ("to-trinh", "danh-sach", "bien-ban", "quyet-dinh", "bao-cao-thanh-tich")
PDF = "pdf"  # a format of the dossier beside FORMATS, asked for with -O pdf
INDEX = "muc-luc.md"
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_LETTERS = "abcdefghiklmnopqrstuvxy"
_NATIONAL = ("thu tuong", "chu tich nuoc", "chinh phu")


# ---------------------------------------------------------------------------
# Small text helpers
# ---------------------------------------------------------------------------


def slug(text: str, limit: int = 40) -> str:
    """ASCII file-name slug: "Chủ tịch UBND tỉnh Trà Vinh" → "chu-tich-ubnd-tinh-tra-vinh"."""
    words = re.sub(r"[^a-z0-9]+", "-", fold_key(text)).strip("-")
    if len(words) <= limit:
        return words or "x"
    cut = words[:limit]
    return (cut.rsplit("-", 1)[0] if "-" in cut else cut) or "x"


def count_phrase(collectives: int, individuals: int, awards: int | None = None, inside: bool = False) -> str:
    """"2 tập thể và 3 cá nhân", "3 cá nhân", "2 tập thể"; with `awards` (rows of the list) more than the
    collectives and individuals — one person recognised Lao động tiên tiến and given a Giấy khen —
    "05 tập thể và 33 cá nhân (58 lượt khen thưởng)": people are counted once, the awards said apart
    (`inside` brackets already: "…33 cá nhân, 58 lượt khen thưởng")."""
    parts = []
    if collectives:
        parts.append(f"{collectives:02d} tập thể" if collectives < 10 else f"{collectives} tập thể")
    if individuals:
        parts.append(f"{individuals:02d} cá nhân" if individuals < 10 else f"{individuals} cá nhân")
    phrase = " và ".join(parts) if parts else "0 tập thể, cá nhân"
    if awards is not None and awards > collectives + individuals:
        phrase += f", {awards:02d} lượt khen thưởng" if inside else f" ({awards:02d} lượt khen thưởng)"
    return phrase


def tally(proposals: Iterable[_Proposal]) -> tuple[int, int, int]:
    """(distinct collectives, distinct individuals, proposals): a subject with two awards is one subject."""
    collectives: set[str] = set()
    individuals: set[str] = set()
    rows = 0
    for proposal in proposals:
        rows += 1
        (collectives if proposal.subject.kind == COLLECTIVE else individuals).add(proposal.subject.code)
    return len(collectives), len(individuals), rows


def tally_phrase(proposals: Iterable[_Proposal]) -> str:
    return count_phrase(*tally(proposals))


def join_names(names: list[str]) -> str:
    """"A", "A và B", "A, B và C"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " và " + names[-1]


def _roman(index: int) -> str:
    return _ROMAN[index] if index < len(_ROMAN) else str(index + 1)


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _office_header(office: str) -> str:
    """"Văn phòng Sở" → "Văn phòng" for the header line (the agency is the line above)."""
    return re.sub(r"\s+Sở$", "", office.strip()) or office


def _is_national(authority: str) -> bool:
    folded = fold_key(authority)
    return any(word in folded for word in _NATIONAL)


def _is_province(parent: str) -> bool:
    folded = fold_key(parent)
    return folded.startswith("ubnd") or folded.startswith("uy ban nhan dan")


# ---------------------------------------------------------------------------
# Rows and groups
# ---------------------------------------------------------------------------


def _units(dossier: Dossier) -> dict[str, str]:
    """Unit code → name, from the collectives in the standings (an individual's unit is a collective's code)."""
    names: dict[str, str] = {}
    for subject in dossier.ranked_subjects() or ():
        if subject.kind == COLLECTIVE:
            names[subject.code] = subject.name
    return names


def _unit_name(subject: Subject, record: SubjectRecord | None, units: dict[str, str]) -> str:
    if record is not None and record.unit_name:
        return record.unit_name
    if subject.unit:
        return units.get(subject.unit, subject.unit)
    return ""


def _summary(record: SubjectRecord | None, initiatives: frozenset[str] = frozenset(), limit: int = 2) -> str:
    """Tóm tắt thành tích: the notes of the subject's highest positive entries, its best recognised initiative
    first (what a CSTĐCS or CSTĐ rests on, Luật TĐKT 2022 Điều 21–23, though it scores fewer points than the work)."""
    if record is None:
        return ""
    best = sorted(
        (e for e in record.entries if int(e.get("points") or 0) > 0 and (e.get("note") or "").strip()),
        key=lambda e: (-int(e.get("points") or 0), str(e.get("date") or "")),
    )
    initiative = next((e for e in best if e.get("criterion") in initiatives), None)
    if initiative is not None:  # the best initiative, then the work with the most points
        best.remove(initiative)
        best.insert(0, initiative)
    notes: list[str] = []
    for entry in best:
        note = " ".join(str(entry["note"]).split()).rstrip(".;")
        if note not in notes:
            notes.append(note)
        if len(notes) == limit:
            break
    return "; ".join(notes) + ("." if notes else "")


def _cached(cache: dict, key, compute, *args):
    if key not in cache:
        cache[key] = compute(*args)
    return cache[key]


def _honorific(subject: Subject) -> str:
    if subject.kind != INDIVIDUAL:
        return ""
    return {"nam": "Ông", "nữ": "Bà"}.get(subject.gender or "", "")


def _vote(proposal: _Proposal, members: int | None) -> dict:
    if members is None or proposal.votes_for is None:
        return {"votes_for": None, "percent": None, "result": ""}
    share = Decimal(proposal.votes_for) * 100 / Decimal(members) if members else Decimal(0)
    result = "" if proposal.passed is None else ("Đạt" if proposal.passed else "Không đạt")
    if proposal.passed is False and proposal.vote_note:  # reached the ratio, out for want of a place (or the like):
        result = "Không được đề nghị"  # "Không đạt" beside 4/7 where more than half suffices contradicts the vote
    return {"votes_for": proposal.votes_for, "percent": share, "result": result}


def _row(proposal: _Proposal, dossier: Dossier, units: dict[str, str], drawn: dict[str, str] | None = None) -> dict:
    subject = proposal.subject
    record = dossier.records.get(subject.code)
    initiatives = frozenset(c.code for c in dossier.round.campaign.criteria if c.initiative)
    row = proposal.row
    unit = _unit_name(subject, record, units)
    honorific = _honorific(subject)
    listing = ", ".join(part for part in (f"{honorific} {subject.name}".strip(), subject.position or "", unit) if part)
    vote = _vote(proposal, dossier.round.members)
    vote_text = ""
    if vote["votes_for"] is not None:
        vote_text = f"{vote['votes_for']}/{dossier.round.members} phiếu đồng ý ({format_points(vote['percent'].quantize(Decimal('0.01')))}%)"
        if (proposal.sitting or 1) > 1:  # voted at a later sitting, after failing a higher award: the tờ trình says so
            vote_text += f", bỏ phiếu lần {proposal.sitting}"
    return {
        "vote_text": vote_text,
        "listing_voted": f"{listing}: {vote_text}" if vote_text else listing,
        "code": subject.code,
        "name": subject.name,
        "kind": subject.kind,
        "collective": subject.kind == COLLECTIVE,
        "honorific": honorific,
        "listing": listing,
        "gender": subject.gender or "",
        "position": subject.position or "",
        "unit": unit,
        "summary": (_summary(record, initiatives) if drawn is None
                    else _cached(drawn, subject.code, _summary, record, initiatives)),
        "total": proposal.total,
        "rank": proposal.rank,
        "tier": row.tier if row is not None else None,
        "award": proposal.award.name,
        "award_code": proposal.award.code,
        "amount": proposal.amount,
        "amount_note": _amount_note(proposal, dossier),
        "paid_before": bool(proposal.paid_before),
        "threshold": proposal.award.vote_threshold,
        **vote,
    }


def _paid_values(proposal: _Proposal, dossier: Dossier) -> dict:
    """What the decision's documents say of a proposal's money where it differs from what was proposed: a danh
    hiệu brought with one the decision refused pays its own rate; one whose lower danh hiệu of the year another
    decision paid pays the difference. The proposal's documents keep the money as proposed."""
    return {"amount": proposal.paid_amount, "amount_note": _amount_note(proposal, dossier, paid=True),
            "paid_before": bool(proposal.decided_paid_before)}


_by_key: list = [None, {}, {}]  # (the round, its proposals by (subject, award), by subject): built once per round rendered


def _indexed(round_result: RoundResult) -> list:
    if _by_key[0] is not round_result:
        by_subject: dict[str, list[_Proposal]] = {}
        for p in round_result.proposals:
            by_subject.setdefault(p.subject.code, []).append(p)
        _by_key[:] = [round_result, {(p.subject.code, p.award.code): p for p in round_result.proposals}, by_subject]
    return _by_key


def _proposals_by_key(round_result: RoundResult) -> dict:
    return _indexed(round_result)[1]


def _proposals_of_subject(round_result: RoundResult, code: str) -> list[_Proposal]:
    return _indexed(round_result)[2].get(code, [])


def _amount_note(proposal: _Proposal, dossier: Dossier, paid: bool = False) -> str:
    """Why a danh hiệu brought along by a higher one is listed at 0 đồng: one achievement at one time is
    paid its highest danh hiệu only (NĐ 152/2025 Điều 49), so the signer does not read the 0 as a slip. `paid`
    (the decision's documents, money as decided): the same for a danh hiệu paid less than its rate because
    another decision paid a danh hiệu of that year."""
    def money(p: _Proposal) -> int:
        return p.paid_amount if paid else p.amount

    titles = proposal.decided_paid_before if paid else proposal.paid_before
    if titles:
        earlier = "; ".join(f"{name} {format_money(amount)} đồng " + (f"({where})" if where.startswith("QĐ số") else where)
                            for name, amount, where in titles)
        # "đã hưởng" once a decision paid it; a danh hiệu a lower authority decides in the same round is still to pay
        said = "đã hưởng" if all(where.startswith("QĐ số") for _, _, where in titles) else "trừ"
        return (f"{said} tiền thưởng {earlier}; hưởng phần chênh lệch" if money(proposal)
                else f"{said} tiền thưởng danh hiệu cao hơn: {earlier}")
    if proposal.brought_by is None or money(proposal):
        return ""
    paying = [p for p in _proposals_of_subject(dossier.round, proposal.subject.code) if money(p)
              and p.award.category == proposal.award.category and p.award.level > proposal.award.level]
    if paying:  # the next danh hiệu up that pays: the CSTĐCS decided while the CSTĐ cấp tỉnh awaits the UBND
        return f"hưởng tiền thưởng danh hiệu cao nhất: {min(paying, key=lambda p: p.award.level).award.name}"
    code, seen = proposal.brought_by, {proposal.award.code}
    while code not in seen:  # a danh hiệu brought by one that was itself brought along: up to the one paid
        seen.add(code)
        bringer = _proposals_by_key(dossier.round).get((proposal.subject.code, code))
        if bringer is None or bringer.brought_by is None or money(bringer):
            break
        code = bringer.brought_by
    higher = dossier.round.campaign.award(code)
    return f"hưởng tiền thưởng danh hiệu cao nhất: {higher.name if higher else code}"


def _ordered(proposals: Iterable[_Proposal]) -> list[_Proposal]:
    """Danh hiệu thi đua before hình thức khen thưởng; award level high → low, tập thể before cá nhân, then
    Vietnamese name order."""
    return sorted(
        proposals,
        key=lambda p: (p.award.category != DANH_HIEU, -p.award.level, p.award.position, p.award.code,
                       p.subject.kind != COLLECTIVE, name_sort_key(p.subject)),
    )


_CATEGORY_HEADINGS = {DANH_HIEU: "A. DANH HIỆU THI ĐUA", HINH_THUC: "B. HÌNH THỨC KHEN THƯỞNG"}


def granting(award_name: str, category: str) -> str:
    """"tặng Giấy khen của Giám đốc Sở"; a danh hiệu thi đua is recognised: "công nhận danh hiệu Lao động tiên tiến"."""
    if category != DANH_HIEU:
        return f"tặng {award_name}"
    return f"công nhận {award_name}" if fold_key(award_name).startswith("danh hieu") else f"công nhận danh hiệu {award_name}"


def proposed_heading(categories: Iterable[str]) -> str:
    """The column over what is proposed: "Hình thức đề nghị" over hình thức khen thưởng only; "Danh hiệu đề nghị"
    over danh hiệu thi đua only; "Danh hiệu, hình thức đề nghị" when the list holds both (its rows sit under "A. DANH
    HIỆU THI ĐUA" and "B. HÌNH THỨC KHEN THƯỞNG": a Lao động tiên tiến is no hình thức)."""
    kinds = {category == DANH_HIEU for category in categories}
    if kinds == {True}:
        return "Danh hiệu đề nghị"
    return "Danh hiệu, hình thức đề nghị" if True in kinds else "Hình thức đề nghị"


def supplementary(phrase: str) -> str:
    """"công nhận bổ sung danh hiệu …", "tặng bổ sung Giấy khen …": a round beside an earlier one of the same year
    says so of what the earlier one proposed too, or the Giám đốc signs a second QĐ titled as the first."""
    for verb in ("công nhận ", "tặng "):
        if phrase.startswith(verb):
            return f"{verb}bổ sung {phrase[len(verb):]}"
    return f"{phrase} (bổ sung)"


def granting_phrase(blocks: list[dict], earlier: frozenset[str] = frozenset()) -> str:
    """"tặng A và B", "công nhận danh hiệu C, D và tặng E": one verb per category, in the order of the blocks;
    "và" only once in each run of names ("…C và D và tặng E" read twice). A verb says "bổ sung" when an earlier
    round of the same period proposed one of its awards (`earlier`, award codes folded): a year-end round beside a
    mid-year Giấy khen round "tặng bổ sung Giấy khen" but "công nhận danh hiệu Lao động tiên tiến" — never proposed
    before — and the UBND, never sent a tờ trình for the period, is not asked to "công nhận bổ sung"."""
    categories = list(dict.fromkeys(b["category"] for b in blocks))
    parts: list[str] = []
    for index, category in enumerate(categories):
        listed = [b["name"] for b in blocks if b["category"] == category]
        names = join_names(listed) if index == len(categories) - 1 else ", ".join(listed)
        phrase = granting(names, category)
        if earlier and any(str(b.get("code", "")).casefold() in earlier for b in blocks if b["category"] == category):
            phrase = supplementary(phrase)
        parts.append(phrase)
    return " và ".join(parts)


class _Placed(Mapping):
    """A proposal's row in one list: its shared values (`_row`, drawn once for every list of the dossier) and
    its place there — STT, number in its section, and in a quyết định the money as decided. Reads as the
    ChainMap of the two did (the keys of the place first), in a fifth of its memory: a province's round holds
    one in each of four lists for each of ~6,000 proposals while the dossier is written."""

    __slots__ = ("_shared", "_stt", "_index", "_paid")

    def __init__(self, shared: dict, stt: int, index: int, paid: dict | None = None):
        self._shared, self._stt, self._index, self._paid = shared, stt, index, paid

    def __getitem__(self, key):
        if key == "heading":
            return False
        if key == "stt":
            return self._stt
        if key == "index":
            return self._index
        if self._paid is not None and key in self._paid:
            return self._paid[key]
        return self._shared[key]

    def _own(self) -> dict:
        return {"heading": False, "stt": self._stt, "index": self._index, **(self._paid or {})}

    def __iter__(self):
        return iter({**self._shared, **self._own()})  # ChainMap's order: the shared keys, then the place's own

    def __len__(self) -> int:
        return len(self._shared.keys() | self._own().keys())

    def __contains__(self, key) -> bool:
        return key in ("heading", "stt", "index") or (self._paid is not None and key in self._paid) or key in self._shared

    def __repr__(self) -> str:
        return f"_Placed({dict(self)!r})"


def _award_blocks(proposals: list[_Proposal], dossier: Dossier, units: dict[str, str],
                  drawn: dict | None = None, paid: bool = False) -> tuple[list[dict], list[dict]]:
    """Per award: its sections (tập thể, cá nhân) with numbered rows; and the flat table rows with headings.

    `drawn`, shared by the calls for one dossier, keeps each subject's summary (its code) and each
    proposal's values (its id) so that they are drawn once. `paid`: the money as decided (the quyết định),
    not as proposed (tờ trình, danh sách, biên bản)."""
    awards: list[dict] = []
    table: list[dict] = []
    number = 0
    current: dict | None = None
    for proposal in _ordered(proposals):
        award = proposal.award
        if current is None or current["code"] != award.code:
            current = {
                "code": award.code, "name": award.name, "level": award.level, "roman": _roman(len(awards)),
                "index": len(awards) + 1, "agency_decides": award.agency_decides, "category": award.category,
                "sections": [], "collectives": 0, "individuals": 0, "count": 0, "amount": 0, "threshold": award.vote_threshold,
            }
            awards.append(current)
        kind = proposal.subject.kind
        section = current["sections"][-1] if current["sections"] and current["sections"][-1]["kind"] == kind else None
        if section is None:
            section = {"kind": kind, "label": "Tập thể" if kind == COLLECTIVE else "Cá nhân", "rows": [], "amount": 0,
                       "letter": _LETTERS[len(current["sections"])]}
            current["sections"].append(section)
        number += 1
        # one row per proposal serves the section and the flat table (thousands of rows in a province's round);
        # the lists of the biên bản, each group and its quyết định share the proposal's values and add its place
        if drawn is None:
            shared = _row(proposal, dossier, units)
        else:
            shared = _cached(drawn, id(proposal), _row, proposal, dossier, units, drawn)
        row = _Placed(shared, number, len(section["rows"]) + 1, _paid_values(proposal, dossier) if paid else None)
        section["rows"].append(row)
        section["amount"] += row["amount"]
        current["count"] += 1
        current["amount"] += row["amount"]
        current["collectives" if kind == COLLECTIVE else "individuals"] += 1
    both = len({block["category"] for block in awards}) > 1  # the danh sách keeps danh hiệu and hình thức apart
    for block in awards:
        block["phrase"] = count_phrase(block["collectives"], block["individuals"])
        block["granting"] = granting(block["name"], block["category"])
        if both and block is next(b for b in awards if b["category"] == block["category"]):
            table.append({"heading": True, "level": 0, "label": _CATEGORY_HEADINGS[block["category"]], "count": 0, "amount": 0})
        amounts: dict[str, list[int]] = {}
        topped_up: set[str] = set()  # kinds with a danh hiệu paid the difference to one paid before (`_amount_note`)
        brought: set[str] = set()  # kinds with a danh hiệu at 0 đồng because a higher one is paid (`_amount_note`)
        for section in block["sections"]:
            for row in section["rows"]:
                amounts.setdefault(section["kind"], [])
                if row["paid_before"]:
                    topped_up.add(section["kind"])
                else:
                    amounts[section["kind"]].append(row["amount"])
                    if not row["amount"] and row["amount_note"]:
                        brought.add(section["kind"])
            section["count"] = len(section["rows"])
        block["unit_amounts"] = [
            {"kind": kind, "label": "tập thể" if kind == COLLECTIVE else "cá nhân", "amounts": sorted(set(values)),
             "topped_up": kind in topped_up, "brought": kind in brought}
            for kind, values in ((k, amounts[k]) for k in (COLLECTIVE, INDIVIDUAL) if k in amounts)
        ]
        table.append({"heading": True, "level": 1, "label": f"{block['roman']}. {block['name'].upper()}", "count": block["count"], "amount": block["amount"]})
        for index, section in enumerate(block["sections"], 1):
            table.append({"heading": True, "level": 2, "label": f"{index}. {section['label']} ({section['count']:02d})", "count": section["count"], "amount": section["amount"]})
            table.extend(section["rows"])
    return awards, table


def _ties(ties: Iterable[Tie], units: dict[str, str], dossier: Dossier) -> list[dict]:
    out = []
    for tie in sorted(ties, key=lambda t: (-t.award.level, t.award.position)):
        subjects = sorted(tie.subjects, key=name_sort_key)
        out.append({
            "award": tie.award.name,
            "award_code": tie.award.code,
            "total": tie.total,
            "subjects": [
                {"code": s.code, "name": s.name, "kind": s.kind, "honorific": _honorific(s),
                 "unit": _unit_name(s, dossier.records.get(s.code), units), "female": s.female}
                for s in subjects
            ],
            "names": join_names([s.name for s in subjects]),
        })
    return out


def _sessions(dossier: Dossier, units: dict[str, str], drawn: dict, members: int | None, vote_basis: str) -> list[dict]:
    """The council's sittings as the biên bản tells them: the first votes on the round as proposed (and the
    ties), each next one on the proposals made when a vote fell through to a lower award. Each has its own
    table (STT from 1), its count — the count of the list the Thường trực reports is the first sitting's
    rows — and, after the vote, its result in words."""
    round_ = dossier.round
    recorded = minutes_text.recorded_sittings(round_)
    by_sitting: dict[int, list[_Proposal]] = {}
    for proposal in round_.proposals:
        by_sitting.setdefault(minutes_text.sitting_of(proposal, recorded), []).append(proposal)
    days = {s.number: s.day for s in round_.sittings}
    several = len(by_sitting) > 1
    sessions = []
    for number in sorted(by_sitting) or [1]:
        proposals = by_sitting.get(number, [])
        _, table = _award_blocks(proposals, dossier, units, drawn)
        pairs = {(p.subject.code, p.award.code) for p in proposals}
        subjects = {(p.subject.kind, p.subject.code) for p in proposals}
        if number == 1:
            pairs |= {(s.code, t.award.code) for t in round_.ties for s in t.subjects}
            subjects |= {(s.kind, s.code) for t in round_.ties for s in t.subjects}
        collectives = sum(kind == COLLECTIVE for kind, _ in subjects)
        individuals = len(subjects) - collectives
        count = len(pairs)
        day = days.get(number)
        dated = f" (ngày {short_date(day)})" if day else ""
        # "08 trường hợp của 02 tập thể và 04 cá nhân": in brackets, the reader added 2 + 4 and found 6 where 8 were
        # listed (one tied for two awards, one proposed a danh hiệu and a hình thức)
        phrase = f"{count:02d} trường hợp" + (f" của {count_phrase(collectives, individuals)}" if count > len(subjects) else "")
        if number == 1:
            intro = ("2. Hội đồng thảo luận, biểu quyết bằng phiếu kín đối với từng trường hợp; tỷ lệ phiếu đồng ý tính trên tổng "
                     "số thành viên Hội đồng" + (f" ({members} thành viên)" if members else "") + f", theo {vote_basis}. "
                     + (f"Kết quả bỏ phiếu lần 1{dated}:" if several else "Kết quả:"))
        elif any(p.votes_for is not None for p in proposals):
            sitting = next((s for s in round_.sittings if s.number == number), None)
            intro = (f"{number + 1}. Hội đồng bỏ phiếu lần {number}{dated} đối với {phrase} đề nghị xét tiếp "
                     f"{minutes_text.lower_kinds(p.award for p in proposals)} thấp hơn do không đạt tỷ lệ phiếu đồng ý ở "
                     f"lần bỏ phiếu thứ {number - 1}."
                     f"{minutes_text.sitting_meeting(sitting)} Kết quả:")
        else:  # written after the first vote, before the next: what the council still has to vote on
            intro = (f"{number + 1}. Các trường hợp đề nghị xét tiếp {minutes_text.lower_kinds(p.award for p in proposals)} "
                     f"thấp hơn do không đạt tỷ lệ phiếu đồng ý ở lần bỏ phiếu thứ {number - 1} ({phrase}), chờ Hội đồng bỏ "
                     f"phiếu lần {number}:")
        sessions.append({
            "number": number,
            "several": several,
            "title": f"Bỏ phiếu lần {number}{dated}" if several else "",
            "rows": table,
            "count": count,
            "phrase": phrase,
            "intro": intro,
            "result": minutes_text.session_result(round_, number, proposals, round_.members) if several else "",
        })
    return sessions


def _groups(dossier: Dossier, drawn: dict | None = None) -> list[dict]:
    """Active proposals grouped by the authority that decides the award, highest award first."""
    round_ = dossier.round
    units = _units(dossier)
    groups = []
    sitting_days = {s.number: s.day for s in round_.sittings}
    for index, (authority, proposals) in enumerate(by_authority(round_).items(), 1):
        awards, table = _award_blocks(proposals, dossier, units, drawn)
        collectives, individuals, rows = tally(proposals)
        groups.append({
            "index": index,
            "authority": authority,
            "folder": f"{index}-{slug(authority, 40)}",
            "in_house": in_house(proposals),
            "slot": proposal_slot(round_.campaign, round_.number, authority, proposals),
            "awards": awards,
            "table": table,
            "rows": [row for row in table if not row["heading"]],
            "collectives": collectives,
            "individuals": individuals,
            "count": rows,
            "subjects": collectives + individuals,
            "phrase": count_phrase(collectives, individuals, rows),
            "phrase_inside": count_phrase(collectives, individuals, rows, inside=True),
            "amount": sum(p.amount for p in proposals),
            "award_names": join_names([a["name"] for a in awards]),
            "award_phrase": granting_phrase(awards, round_.supplementary),
            # the days of the sittings that voted these proposals (a vote falling through is voted another day)
            "vote_days": sorted({day for p in proposals if (day := sitting_days.get(p.sitting or 1)) is not None}),
        })
    return groups


class Reports(Sequence):
    """The báo cáo thành tích of a group, each context built when it is read and dropped after.

    A province's round proposes thousands of subjects: their report contexts (profile, achievements
    drawn from the entries) never need to live at once. The file names are fixed up front, since
    two codes differing only by case or punctuation would share one."""

    def __init__(self, rows: list[dict], build: Callable[..., dict]):
        self._rows = rows
        self._build = build
        self.files: list[str] = []
        used: set[str] = set()
        for row in rows:
            stem = name = f"bao-cao-{slug(row['code'], 16)}-{slug(row['name'], 32)}"
            count = 1
            while name in used:
                count += 1
                name = f"{stem}-{count}"
            used.add(name)
            self.files.append(name)

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return self._build(self._rows[index], file=self.files[index])


# ---------------------------------------------------------------------------
# Contexts per document
# ---------------------------------------------------------------------------


def _reward_phrase(label: str, amounts: list[int], topped_up: bool = False, brought: bool = False) -> str:
    """'mỗi cá nhân được thưởng 2.340.000 đồng': the rewards a unit of one award is paid. A 0 beside a paid
    amount is a danh hiệu brought along by a higher one, whose reward alone is paid (NĐ 152/2025 Điều 49):
    said so, not as if 0 đồng were a rate one could be given instead. `brought`: the 0s are such danh hiệu —
    when every one of them is (each Lao động tiên tiến of the decision comes with a Chiến sĩ thi đua cơ sở),
    the rule alone is said, never "mỗi cá nhân được thưởng 0 đồng". `topped_up`: some were paid for a lower
    danh hiệu of the year by an earlier decision and get the difference, which the list names person by person."""
    if topped_up:
        difference = (f"{label} đã hưởng tiền thưởng danh hiệu khác của cùng năm theo quyết định trước được hưởng phần "
                      "chênh lệch (ghi trong danh sách kèm theo)")
        if not amounts:
            return difference
        return _reward_phrase(label, amounts, brought=brought) + f"; {difference}"
    paid = [amount for amount in amounts if amount]
    if amounts and not paid and brought:
        return f"{label} được khen cùng danh hiệu cao hơn chỉ hưởng tiền thưởng của danh hiệu cao nhất"
    if paid and len(paid) < len(amounts):
        return (f"mỗi {label} được thưởng " + " hoặc ".join(f"{format_money(v)} đồng" for v in paid)
                + f" ({label} được khen cùng danh hiệu cao hơn chỉ hưởng tiền thưởng của danh hiệu cao nhất)")
    return f"mỗi {label} được thưởng " + " hoặc ".join(f"{format_money(v)} đồng" for v in amounts)


def _kinds_phrase(collectives: int, individuals: int) -> str:
    """"tập thể, cá nhân", or the one kind the decision has."""
    return ", ".join(kind for kind, count in (("tập thể", collectives), ("cá nhân", individuals)) if count) or "tập thể, cá nhân"


def _report_rows(group: dict) -> list:
    """One báo cáo thành tích per subject of the group, not per award: a person recognised Lao động tiên tiến
    and given a Giấy khen reports once, "Đề nghị công nhận danh hiệu Lao động tiên tiến và tặng Giấy khen …"."""
    awards_of: dict[str, list[dict]] = {}
    first: dict[str, object] = {}
    for block in group["awards"]:
        for section in block["sections"]:
            for row in section["rows"]:
                awards_of.setdefault(row["code"], []).append({"name": block["name"], "category": block["category"]})
                first.setdefault(row["code"], row)
    return [ChainMap({"proposed": "Đề nghị " + granting_phrase(awards_of[code])}, row) for code, row in first.items()]


def _reports_phrase(group: dict, full: bool) -> str:
    count = group["subjects"]
    return f"{count:02d} báo cáo {'thành tích' if full else 'tóm tắt thành tích'}"


def _document_date(dossier: Dossier) -> date:
    if dossier.today is not None:
        return dossier.today
    created = (dossier.round.created_at or "")[:10]
    try:
        return date.fromisoformat(created)
    except ValueError:
        return date.today()


def _office_head(dossier: Dossier) -> str:
    """Who signs for the Văn phòng as its Chánh Văn phòng: the subject or council member of that position; else
    the council secretary, unless the council lists the secretary under another title (then the name is left
    for the signer to write: a secretary who is "Chuyên viên" must not sign as Chánh Văn phòng)."""

    def heads_the_office(title: str) -> bool:
        return fold_key(title).startswith("chanh van phong")

    campaign = dossier.round.campaign
    for subject in dossier.ranked_subjects() or ():
        if heads_the_office(subject.position):
            return subject.name
    for member in campaign.council:
        if heads_the_office(member.title):
            return member.name
    secretary = campaign.council_secretary
    if any(fold_key(m.name) == fold_key(secretary) and m.title for m in campaign.council):
        return ""
    return secretary


def _plan_line(campaign: Campaign) -> str | None:
    """"Kế hoạch số 44/KH-STTTT ngày 15/10/2021 của …", unless the legal basis already cites the plan."""
    if not campaign.plan or any(campaign.plan in basis for basis in campaign.legal_basis):
        return None
    dated = f" ngày {short_date(campaign.issued)}" if campaign.issued else ""
    return f"Kế hoạch số {campaign.plan}{dated} của {campaign.agency} về việc triển khai {campaign.phrase}"


def dossier_contexts(dossier: Dossier) -> dict:
    """Everything the templates draw, computed once: {"common": …, "groups": […], "minutes": …}.

    Each group holds the contexts of its documents: "to_trinh", "danh_sach",
    "quyet_dinh" (or None), and "reports" (one per proposed subject).
    """
    round_: RoundResult = dossier.round
    campaign = round_.campaign
    today = _document_date(dossier)
    units = _units(dossier)
    council_name = f"Hội đồng Thi đua - Khen thưởng {campaign.agency}"
    rules = rule_set(campaign.rules, campaign.end)
    slot = minutes_slot(campaign, round_.number)
    registered = dossier.numbers.get(slot.key)
    minutes_number = registered or slot.blank()
    office = campaign.office or "Văn phòng"
    period_text = f"từ ngày {short_date(round_.period.start)} đến ngày {short_date(round_.period.end)}"
    signer = signature_context(signer_title(campaign), campaign.signer_named(signer_title(campaign)))
    basis = legal_basis(rules, campaign.legal_basis)
    plan = _plan_line(campaign)
    if plan:
        basis.append(plan)
    minutes_cited = f"Biên bản số {registered}" if registered else "Biên bản"
    minutes_basis = f"{minutes_cited} ngày {short_date(today)} họp {council_name}"

    common = {
        "campaign": campaign,
        "round": round_,
        "rules": rules,
        "period": round_.period,
        "period_text": period_text,
        "today": today,
        "agency": campaign.agency,
        "agency_short": campaign.agency_short,
        "parent_agency": campaign.parent_agency,
        "place": campaign.place,
        "council_name": council_name,
        "minutes_number": minutes_number,
        "office": office,
        "voted": round_.members is not None,
        "verification_code": dossier.verification_code,  # printed in small print at the foot (issue 14)
    }

    # a subject's entries are read from the ledger each time (EntriesInLedger): its summary is drawn once
    drawn: dict = {}
    all_awards, _ = _award_blocks(list(round_.proposals), dossier, units, drawn)
    members = round_.members if round_.members is not None else (campaign.council_members or (len(campaign.council) or None))
    sessions = _sessions(dossier, units, drawn, members, rules.vote)
    active = list(round_.active_proposals)
    chair = minutes_text.chair(campaign, minutes_text.first_meeting(round_))
    secretary = minutes_text.secretary(campaign, minutes_text.first_meeting(round_))
    group_list = _groups(dossier, drawn)
    proposals_by_row = proposal_index(round_)
    heads = unit_heads(dossier)
    minutes = {
        **common,
        "proposed_heading": proposed_heading(p.award.category for p in round_.proposals),
        "header": header_context(campaign.agency, "Hội đồng Thi đua - Khen thưởng", minutes_number, campaign.place, today),
        "title": "BIÊN BẢN",
        "subject_line": f"Họp {council_name} xét đề nghị khen thưởng trong {campaign.phrase}",
        "council": {
            "name": council_name,
            "chair": chair.name if chair else "",
            "chair_role": minutes_text.chair_role(campaign, round_),
            "secretary": secretary.name if secretary else "",
            "members": members,
        },
        "meeting": minutes_text.attendance(round_, members),
        "vote_basis": rules.vote,
        "candidates": all_awards,
        # the first sitting's table (the round as proposed); `sessions` has every sitting, each with its table
        "candidate_rows": sessions[0]["rows"],
        "sessions": sessions,
        "candidate_count": sessions[0]["count"],
        "candidate_phrase": sessions[0]["phrase"],
        "ties_number": 2 + len(sessions),
        "ties": _ties(round_.ties, units, dossier),
        "limit_lines": minutes_text.limit_lines(round_, rules, members),
        "conclusion": {
            "phrase": tally_phrase(active),
            "amount": sum(p.amount for p in active),
            "lines": minutes_text.conclusion_lines(group_list, rules, campaign.agency, round_),
        },
        "signatures": dict(zip(("secretary", "chair"), side_by_side(
            signature_context("THƯ KÝ", secretary.name if secretary else ""),
            signature_context("CHỦ TỌA", chair.name if chair else ""),
        ))),
        "recipients": recipients_list((), first=("Thành viên Hội đồng",), archive="Lưu: VT, hồ sơ TĐKT"),
    }

    groups = []
    for group in group_list:
        authority = group["authority"]
        full_reports = _is_national(authority)
        national = full_reports and _is_province(campaign.parent_agency)
        addressee = f"Chủ tịch {campaign.parent_agency}" if national else authority
        if group["in_house"]:
            issuer, issuer_short = _office_header(office), office_short(office)
            sender = office
            signature = signature_context("CHÁNH " + _office_header(office).upper(), _office_head(dossier))
            parent = campaign.agency
        else:
            issuer, issuer_short = campaign.agency, campaign.agency_short
            sender = campaign.agency
            signature = signer
            parent = campaign.parent_agency
        number = dossier.numbers.get(group["slot"].key) or group["slot"].blank()
        if not national:
            request, closing = "xem xét, quyết định", "xem xét, quyết định"
        elif "chu tich nuoc" in fold_key(authority):
            request = f"xem xét, đề nghị Thủ tướng Chính phủ trình {authority}"
            closing = f"xem xét, đề nghị Thủ tướng Chính phủ trình {authority}"
        else:
            request, closing = f"xem xét, trình {authority}", f"xem xét, trình {authority}"
        vote_line = ""
        if round_.members is not None:
            days = group["vote_days"] or [today]
            held = (f"tại cuộc họp ngày {short_date(days[0])}" if len(days) == 1
                    else f"tại các cuộc họp ngày {join_names([short_date(d) for d in days])}")
            vote_line = (f"Các trường hợp trên được {council_name} biểu quyết bằng phiếu kín {held}, "
                         f"đạt tỷ lệ phiếu đồng ý theo quy định (tính trên tổng số {round_.members:02d} thành viên Hội đồng), "
                         "số phiếu ghi kèm từng trường hợp.")
        to_trinh = {
            **common,
            "group": group,
            "header": header_context(parent, issuer, number, campaign.place, today),
            "number": number,
            "title": "TỜ TRÌNH",
            "subject_line": f"Về việc đề nghị {group['award_phrase']} cho {group['phrase']} có thành tích xuất sắc trong {campaign.phrase}",
            "addressee": addressee,
            "basis": basis + [minutes_basis],
            "sender": sender,
            "request": request,
            "closing": closing,
            "vote_line": vote_line,
            "attachments": [
                f"Danh sách đề nghị khen thưởng ({group['phrase_inside']})",
                f"{minutes_cited} họp {council_name}",
                _reports_phrase(group, full_reports),
            ],
            "signature": signature,
            # a tờ trình goes to the authority it is addressed to ("Như trên") and the archive, never to the list
            # the QĐ is sent to (NĐ 30/2020 Phụ lục III: Nơi nhận of a tờ trình)
            "recipients": recipients_list(()),
        }
        danh_sach = {
            **common,
            "group": group,
            "proposed_heading": proposed_heading(a["category"] for a in group["awards"]),
            "header": header_context(parent, issuer, None, dated=False),
            "title": f"DANH SÁCH ĐỀ NGHỊ {group['award_phrase'].upper()}",
            "attached_to": f"Kèm theo Tờ trình số {number} ngày {short_date(today)} của {sender}",
            "signature": signature,
        }
        quyet_dinh = None
        decided = [a for a in group["awards"] if a["agency_decides"]]
        if decided:
            qd_number = round_.decision_number or None
            qd_day = round_.decision_date
            number_text = qd_number if qd_number else f"     /QĐ-{campaign.agency_short}"
            decided_codes = {a["code"] for a in decided}
            refused = round_.not_granted
            decided_proposals = [p for p in round_.active_proposals if p.award.authority == authority and p.award.code in decided_codes
                                 and (p.subject.code, p.award.code.casefold()) not in refused]
            decided_blocks, decided_table = _award_blocks(decided_proposals, dossier, units, drawn, paid=True)
            decided_rows = [r for r in decided_table if not r["heading"]]
            qd_collectives, qd_individuals, qd_count = tally(decided_proposals)
            names = join_names([a["name"] for a in decided_blocks])
            decided_phrase = granting_phrase(decided_blocks, round_.supplementary)
            article_one = "; ".join(f"{b['granting']} cho {b['phrase']}" for b in decided_blocks)
            money_lines = [
                f"{a['name']}: " + ", ".join(_reward_phrase(u["label"], u["amounts"], u["topped_up"], u["brought"]) for u in a["unit_amounts"])
                for a in decided_blocks
            ]
            quyet_dinh = {
                **common,
                "group": group,
                "awards": decided_blocks,
                "table": decided_table,
                "money_lines": money_lines,
                "header": header_context(campaign.parent_agency, campaign.agency, number_text, campaign.place, qd_day, year=today.year),
                "number": number_text,
                "decision_date": qd_day,
                "title": "QUYẾT ĐỊNH",
                "subject_line": f"Về việc {decided_phrase} cho {_kinds_phrase(qd_collectives, qd_individuals)} có thành tích xuất sắc trong {campaign.phrase}",
                "authority_line": authority.upper(),
                # a biên bản not yet numbered is cited by its date, never as "số      /BB-…"
                "basis": decision_basis(basis, campaign.agency, campaign.parent_agency) + [minutes_basis],
                "proposer": f"Xét đề nghị của Chánh {office}.",
                "phrase": count_phrase(qd_collectives, qd_individuals, qd_count),
                "award_names": names,
                "rows": decided_rows,
                "amount": sum(r["amount"] for r in decided_rows),
                "funding": f"Quỹ thi đua, khen thưởng của {campaign.agency} năm {(qd_day or today).year}",
                "executors": f"Chánh {office}, Thủ trưởng các phòng, đơn vị thuộc Sở và các tập thể, cá nhân có tên tại Điều 1",
                "signature": signer,
                "recipients": recipients_list(campaign.recipients, first=("Như Điều 3",)),
                "annex_title": f"DANH SÁCH {_kinds_phrase(qd_collectives, qd_individuals).upper()} ĐƯỢC {decided_phrase.upper()}",
                "article_one": _upper_first(article_one),
                "annex_attached_to": f"Kèm theo Quyết định số {number_text} {('ngày ' + short_date(qd_day)) if qd_day else 'ngày     /     /' + str(today.year)} của {_upper_first(authority)}",
            }
        reports = Reports(_report_rows(group), partial(report_context, dossier=dossier, common=common, today=today, full=full_reports,
                                                 proposals=proposals_by_row, heads=heads))
        groups.append({**group, "to_trinh": to_trinh, "danh_sach": danh_sach, "quyet_dinh": quyet_dinh, "reports": reports})
    return {"common": common, "groups": groups, "minutes": minutes, "ties": minutes["ties"]}


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def write_dossier(dossier: Dossier, out_dir: Path, templates_dir: Path | None = None, formats: tuple[str, ...] = FORMATS) -> WrittenFiles:
    """Write the dossier of `dossier.round` into `out_dir`; return every file written (the index last).

    `formats` are those of FORMATS, plus "pdf" for a PDF of each document made from its HTML.

    Each document goes to a temporary folder as soon as it is rendered (memory holds one document, not
    the dossier), and the folder is moved into place only when every document rendered: a template
    error writes nothing. Files this function wrote before into `out_dir` and no longer part of the
    dossier (a subject who failed the vote) are removed; nothing else is touched.
    """
    out_dir = Path(out_dir)
    env = make_environment(templates_dir)
    if "docx" in formats and dossier.round.proposals:
        prepare_word_templates(WORD_TEMPLATES, env, templates_dir)
    contexts = dossier_contexts(dossier)
    previous = _read_manifest(out_dir)
    written: list[str] = []  # relative POSIX paths: thousands of Path objects held ~7 MB
    try:
        # the whole dossier is written and synced in a temporary folder first: a full disk or a
        # Ctrl-C there leaves the earlier dossier exactly as it was, and no partial file
        with staged_folder(out_dir) as staging, BackgroundSync() as sync:
            def add(folder: str, stem: str, template: str, context: dict) -> None:
                html = None
                for fmt in formats:
                    if fmt == PDF:  # from the print-ready HTML, as the reports are (WeasyPrint, thidua-cli[pdf])
                        from thidua_cli.render.pdf import html_to_pdf

                        page = html if html is not None else render_document(template, context, "html", templates_dir, env=env)
                        content = html_to_pdf(page)
                    elif fmt == "html" and PDF in formats:  # kept for the PDF
                        content = html = render_document(template, context, fmt, templates_dir, env=env)
                    elif fmt in ("md", "html"):
                        content = document_pieces(template, context, fmt, templates_dir, env=env)
                    else:
                        content = render_document(template, context, fmt, templates_dir, env=env)
                    relative = f"{folder}/{stem}.{fmt}"
                    write_staged(staging, relative, content, sync)
                    written.append(relative)

            index_groups = []
            for group in contexts["groups"]:
                folder = group["folder"]
                first = len(written)
                add(folder, "to-trinh", "to-trinh", group["to_trinh"])
                add(folder, "danh-sach", "danh-sach", group["danh_sach"])
                add(folder, "bien-ban", "bien-ban", contexts["minutes"])
                if group["quyet_dinh"] is not None:
                    add(folder, "quyet-dinh", "quyet-dinh", group["quyet_dinh"])
                for report in group["reports"]:
                    add(folder, report["file"], "bao-cao-thanh-tich", report)
                index_groups.append({**group, "files": written[first:]})
            index_context = {**contexts["common"], "groups": index_groups, "ties": contexts["ties"],
                             "limit_lines": contexts["minutes"]["limit_lines"],
                             "total_amount": sum(g["amount"] for g in index_groups),
                             "formats": list(formats)}
            write_staged(staging, INDEX, document_pieces("muc-luc", index_context, "md", templates_dir, env=env), sync)
            written.append(INDEX)
            current = set(written)
            write_staged(staging, MANIFEST, json.dumps(sorted(current), ensure_ascii=False, indent=1) + "\n", sync)
            sync.wait()
            move_into(staging, out_dir, [*written, MANIFEST])
        for stale in sorted(previous - current):
            target = out_dir / stale
            if target.is_file() and ".." not in Path(stale).parts:
                target.unlink()
                parent = target.parent
                if parent != out_dir and parent.is_dir() and not any(parent.iterdir()):
                    parent.rmdir()
    except OSError as error:
        raise ThiduaError(f"không ghi được hồ sơ vào {out_dir}: {system_reason(error)}; các tệp hồ sơ cũ giữ nguyên") from None
    return WrittenFiles(out_dir, written)


class WrittenFiles(Sequence):
    """The files a dossier wrote, as Paths made when asked: a province's dossier is ~18,000 files, and as many
    Path objects held ~7 MB to the end of the command. Files written next to it (the vote sheet) are appended."""

    def __init__(self, folder: Path, relatives: list[str]):
        self._folder = folder
        self._relatives = relatives
        self._added: list[Path] = []

    def __len__(self) -> int:
        return len(self._relatives) + len(self._added)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        if index < len(self._relatives):
            return self._folder / self._relatives[index]
        return self._added[index - len(self._relatives)]

    def append(self, path: Path) -> None:
        self._added.append(path)

    def __eq__(self, other) -> bool:
        return list(self) == list(other) if isinstance(other, (list, tuple, WrittenFiles)) else NotImplemented

    def __repr__(self) -> str:
        return f"WrittenFiles({list(self)!r})"


def _read_manifest(out_dir: Path) -> set[str]:
    path = out_dir / MANIFEST
    if not path.is_file():
        return set()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {str(item) for item in data if isinstance(item, str)}
