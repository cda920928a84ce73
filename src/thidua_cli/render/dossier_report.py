"""The báo cáo thành tích of one proposed subject, as the Phụ lục mẫu of the rule set has it.

- The full report for awards the Thủ tướng or the Chủ tịch nước decide (Huân
  chương, Bằng khen của Thủ tướng); the tóm tắt where the simplified procedure
  applies (awards of the province and of the agency).
- I. Sơ lược lý lịch from the subject's details (a collective: đặc điểm, tình
  hình — chức năng nhiệm vụ, cơ cấu tổ chức, số CCVC, tổ chức Đảng, đoàn thể);
  fields not recorded are left as dotted lines for the subject to fill.
- II. The achievements as an account grouped by criterion, from the entries'
  notes and evidence; scores belong to the danh sách and the biên bản, but an
  entry recorded without a note has nothing else to tell it by: it is told by
  its points, criterion and month ("Đạt 20 điểm tiêu chí “…” trong tháng
  10/2021"), those of one month in one line.
- III. Danh hiệu thi đua and hình thức khen thưởng in separate lists.
- Confirmation: the head of the subject's unit, and the level that submits the
  award (cấp trình khen thưởng); a head of unit never confirms their own report:
  it goes to the agency head.
"""

from __future__ import annotations

from datetime import date

from thidua_cli.domain.formats import format_points
from thidua_cli.domain.models import COLLECTIVE, DANH_HIEU, INDIVIDUAL, SUBJECT_DETAIL_FIELDS, Subject
from thidua_cli.domain.rounds import Dossier, Proposal
from thidua_cli.domain.vntext import fold_key
from thidua_cli.render.documents import balanced_lines, header_context, side_by_side, signature_context, signer_title

BLANK = "………………………………"
_HEAD_TITLES = ("truong phong", "chanh van phong", "chanh thanh tra", "giam doc", "truong ban", "thu truong", "truong")
_SUMMARY_NOTES = 3  # per criterion in a tóm tắt


# titles that put "trưởng" after the body headed: "Chi cục trưởng", "Cục trưởng", "Hiệu trưởng", "Đội trưởng" …
_HEADS_BY_ENDING = ("chi cuc truong", "cuc truong", "vu truong", "vien truong", "hieu truong", "doi truong", "to truong")


# the head of a phòng, a khoa or a tổ heads the unit only when the unit is that phòng, khoa or tổ: a Trưởng phòng Công
# nghệ thông tin of a Bệnh viện, a Trưởng khoa of a Trung tâm Y tế, or a Tổ trưởng chuyên môn of a Trường THPT, heads a
# part of the unit, not the unit
_PART_HEADS = {"truong phong": "phong", "truong khoa": "khoa", "to truong": "to"}


def is_head(position: str | None, unit_name: str | None = None) -> bool:
    """"Trưởng phòng", "Chánh Văn phòng", "Giám đốc Trung tâm", "Chi cục trưởng" head their unit; "Phó …" do not;
    given the unit's name, a "Trưởng phòng …" heads it only when it is a phòng (a "Trưởng khoa …" a khoa, a "Tổ
    trưởng …" a tổ)."""
    folded = fold_key(position or "")
    if not folded or folded.startswith("pho ") or not folded.startswith(_HEAD_TITLES + _HEADS_BY_ENDING):
        return False
    unit = fold_key(unit_name or "")
    for title, body in _PART_HEADS.items():
        if unit and (folded == title or folded.startswith(title + " ")):
            return unit == body or unit.startswith(body + " ")
    return True


def unit_heads(dossier: Dossier) -> dict[str, Subject]:
    """Unit (a collective's code) → the individual heading it: the first head of each unit among everyone
    in the standings. Built once per dossier: looking through 20,000 subjects for each report was quadratic."""
    ranked = dossier.ranked_subjects()
    people = ranked if ranked is not None else [r.subject for r in dossier.records.values()]
    names = {person.code: person.name for person in people if person.kind == COLLECTIVE}
    heads: dict[str, Subject] = {}
    for person in people:
        if (person.kind == INDIVIDUAL and person.unit and person.unit not in heads
                and is_head(person.position, names.get(person.unit, person.unit))):
            heads[person.unit] = person
    return heads


def _account(entries: list[dict], criteria, kind: str, limit: int | None) -> list[dict]:
    """Per criterion: the subject's achievements in words (positive entries, in date order). An entry without a
    note is told by its points, the criterion and the month (`_unnoted`), never left out: a unit's 20 points for a
    criterion are an achievement though nobody wrote what they were for."""
    sections = []
    for criterion in criteria:
        if not criterion.applies(kind) or criterion.penalty:
            continue
        mine = sorted((e for e in entries if e.get("criterion") == criterion.code and int(e.get("points") or 0) > 0),
                      key=lambda e: (str(e.get("date")), e.get("id") or 0))
        items: list[str | tuple[int, int]] = []  # a noted line, or the month of the entries without a note
        months: dict[tuple[int, int], tuple[int, list[str]]] = {}  # month → (points, evidence) of those entries
        for entry in mine:
            note = " ".join(str(entry.get("note") or "").split()).rstrip(".;")
            evidence = " ".join(str(entry.get("evidence") or "").split())
            if not note:
                day = _day(entry.get("date"))
                month = (day.year, day.month)
                if month not in months:
                    months[month] = (0, [])
                    items.append(month)
                points, cited = months[month]
                months[month] = (points + int(entry.get("points") or 0), cited + [evidence] if evidence and evidence not in cited else cited)
                continue
            line = note[:1].upper() + note[1:] + (f" ({evidence})" if evidence else "")
            if line not in items:
                items.append(line)
        lines = [item if isinstance(item, str) else _unnoted(criterion.name, item, *months[item]) for item in items]
        if limit is not None and len(lines) > limit:
            lines = lines[:limit]
        if lines:
            sections.append({"index": len(sections) + 1, "name": criterion.name, "lines": lines})
    return sections


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _unnoted(criterion: str, month: tuple[int, int], points: int, evidence: list[str]) -> str:
    """The line of a month's entries recorded without a note: "Đạt 20 điểm tiêu chí “Thanh toán không dùng tiền
    mặt” trong tháng 10/2021 (Báo cáo số …)" — the month padded as NĐ 30 pads it in a date (02/2022, 3/2022)."""
    year, number = month
    shown = f"{number:02d}" if number < 3 else str(number)
    cited = f" ({'; '.join(evidence)})" if evidence else ""
    return f"Đạt {format_points(points)} điểm tiêu chí “{criterion}” trong tháng {shown}/{year}{cited}"


_TITLE_NAMES = ("chien si thi dua", "lao dong tien tien", "tap the lao dong", "co thi dua")


def _is_title(history) -> bool:
    """A danh hiệu thi đua: so recorded, or named as one (history imported before categories were kept)."""
    return history.category == DANH_HIEU or fold_key(history.name or history.award).startswith(_TITLE_NAMES)


def _profile(subject: Subject, details: dict, unit: str, campaign) -> list[dict]:
    def value(key: str) -> str:
        return details.get(key, "") or BLANK

    if subject.kind == INDIVIDUAL:
        gender = {"nam": "Nam", "nữ": "Nữ"}.get(subject.gender or "", BLANK)
        position = subject.position or ""
        party = details.get("party_position", "")
        rows = [
            ("Họ và tên", subject.name), ("Giới tính", gender),
            (SUBJECT_DETAIL_FIELDS["birth_date"], value("birth_date")),
            (SUBJECT_DETAIL_FIELDS["hometown"], value("hometown")),
            (SUBJECT_DETAIL_FIELDS["residence"], value("residence")),
            (SUBJECT_DETAIL_FIELDS["ethnicity"], value("ethnicity")),
            ("Chức vụ (Đảng, chính quyền, đoàn thể)", "; ".join(p for p in (position, party) if p) or BLANK),
            ("Đơn vị công tác", f"{unit}, {campaign.agency}" if unit else campaign.agency),
            (SUBJECT_DETAIL_FIELDS["education"], value("education")),
            (SUBJECT_DETAIL_FIELDS["political_theory"], value("political_theory")),
            (SUBJECT_DETAIL_FIELDS["joined"], value("joined")),
        ]
    else:
        staff = details.get("staff_count", "")
        if subject.female_percent is not None:
            from thidua_cli.render.documents import percent

            share = f"nữ chiếm {percent(subject.female_percent, 1)}%"
            staff = f"{staff or BLANK} ({share})"  # the number stays to fill in: the share is no count
        rows = [
            ("Tên tập thể", subject.name), ("Cơ quan chủ quản", campaign.agency),
            (SUBJECT_DETAIL_FIELDS["functions"], value("functions")),
            (SUBJECT_DETAIL_FIELDS["structure"], value("structure")),
            (SUBJECT_DETAIL_FIELDS["staff_count"], staff or BLANK),
            (SUBJECT_DETAIL_FIELDS["party_org"], value("party_org")),
            (SUBJECT_DETAIL_FIELDS["facilities"], value("facilities")),
        ]
    return [{"label": label, "value": text} for label, text in rows]


def _history(record) -> dict:
    items = sorted(record.history if record else (), key=lambda h: (h.for_year or 0, h.day or date.min, h.name))
    rows = [{"year": h.for_year or "", "name": h.name or h.award, "number": h.number, "date": h.day, "issuer": h.issuer,
             "title": _is_title(h)} for h in items]
    return {"titles": [r for r in rows if r["title"]], "forms": [r for r in rows if not r["title"]]}


def _confirmations(dossier: Dossier, subject: Subject, agency_decides: bool, heads: dict[str, Subject]) -> dict:
    """left / right / extra signature blocks: who confirms, who reports, the cấp trình."""
    campaign = dossier.round.campaign
    head_title = signer_title(campaign)
    agency_head = (head_title, campaign.signer_named(head_title))
    submits = not agency_decides  # the agency submits the award to a higher level: it confirms as cấp trình

    def block(heading: str, title: str, name: str, note: str = "(Ký, đóng dấu)") -> dict:
        signature = signature_context(title, name, note=note)  # a deputy keeps "KT. GIÁM ĐỐC" over "PHÓ GIÁM ĐỐC"
        if heading:
            signature["lines"] = [*balanced_lines(heading, 30), *signature["lines"]]
            signature["authority"] = " ".join(filter(None, (heading, signature["authority"])))
        return signature

    if subject.kind == COLLECTIVE:
        details = dossier.records[subject.code].details if subject.code in dossier.records else {}
        head = heads.get(subject.code)
        head_name = head.name if head else details.get("head", "")
        right = block("", "THỦ TRƯỞNG ĐƠN VỊ", head_name)
        heading = "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG" if submits else "THỦ TRƯỞNG CƠ QUAN CẤP TRÊN XÁC NHẬN, ĐỀ NGHỊ"
        left = block(heading, *agency_head)
        return {"left": left, "right": right, "extra": None}
    right = block("", "NGƯỜI BÁO CÁO THÀNH TÍCH", subject.name, note="(Ký, ghi rõ họ và tên)")
    record = dossier.records.get(subject.code)
    unit_name = (record.unit_name if record is not None else None) or subject.unit
    heads_unit = is_head(subject.position, unit_name)
    head = None if heads_unit or not subject.unit else heads.get(subject.unit)
    unit = dossier.records.get(subject.unit) if subject.unit and head is None and not heads_unit else None
    named = (unit.details or {}).get("head", "") if unit is not None else ""
    if named:  # the unit's record names its Thủ trưởng (no subject of the ledger holds the post)
        left = block("THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ", "THỦ TRƯỞNG ĐƠN VỊ", named)
        extra = block("XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG", *agency_head) if submits else None
        return {"left": left, "right": right, "extra": extra}
    if head is None:  # the subject heads the unit (or has none): the agency head confirms
        heading = "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG" if submits else "THỦ TRƯỞNG CƠ QUAN XÁC NHẬN, ĐỀ NGHỊ"
        return {"left": block(heading, *agency_head), "right": right, "extra": None}
    left = block("THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ", (head.position or "").upper(), head.name)
    extra = block("XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG", *agency_head) if submits else None
    return {"left": left, "right": right, "extra": extra}


def proposal_index(round_) -> dict[tuple[str, str], Proposal]:
    """(subject code, award code) → the first such proposal of the round, as a search from the start finds it."""
    index: dict[tuple[str, str], Proposal] = {}
    for proposal in round_.proposals:
        index.setdefault((proposal.subject.code, proposal.award.code), proposal)
    return index


def report_context(row: dict, dossier: Dossier, common: dict, today: date, full: bool, file: str,
                   proposals: dict[tuple[str, str], Proposal] | None = None, heads: dict[str, Subject] | None = None) -> dict:
    """The context of one report; `proposals` ((subject, award) codes → proposal) and `heads` (`unit_heads`)
    are the dossier's indexes, passed in when many reports are built from one dossier."""
    round_ = dossier.round
    campaign = round_.campaign
    if proposals is None:
        proposals = proposal_index(round_)
    proposal = proposals[(row["code"], row["award_code"])]
    subject = proposal.subject
    record = dossier.records.get(subject.code)
    details = record.details if record else {}
    individual = subject.kind == INDIVIDUAL
    unit = row["unit"]
    signatures = _confirmations(dossier, subject, proposal.award.agency_decides, unit_heads(dossier) if heads is None else heads)
    signatures["left"], signatures["right"] = side_by_side(signatures["left"], signatures["right"])
    if individual:
        issuer, parent = (unit or campaign.agency), (campaign.agency if unit else campaign.parent_agency)
    else:
        issuer, parent = subject.name, campaign.agency
    achievements = _account(list(record.entries) if record else [], campaign.criteria, subject.kind, None if full else _SUMMARY_NOTES)
    duties = details.get("functions", "") if not individual else ", ".join(p for p in (subject.position, unit) if p)
    if full and duties:  # the mẫu: 1. nhiệm vụ được giao; 2. thành tích, one point per criterion
        for section in achievements:
            section["label"] = "abcdefghiklmnopqrstuvxy"[section["index"] - 1] + ")"
    else:
        for section in achievements:
            section["label"] = f"{section['index']}."
    return {
        **common,
        "row": row,
        "subject": subject,
        "individual": individual,
        "full": full,
        "file": file,
        "header": header_context(parent, issuer, None, campaign.place, today),
        "title": "BÁO CÁO THÀNH TÍCH" if full else "BÁO CÁO TÓM TẮT THÀNH TÍCH",
        # the verb follows the kind: "công nhận danh hiệu Lao động tiên tiến", "tặng Giấy khen …" (render.dossier)
        "subject_line": row.get("proposed") or (f"Đề nghị công nhận danh hiệu {proposal.award.name}"
                                                if proposal.award.category == DANH_HIEU else f"Đề nghị tặng {proposal.award.name}"),
        "campaign_line": f"Thành tích trong {campaign.phrase} {common['period_text']}",
        "profile": _profile(subject, details, unit, campaign),
        "section_one": "I. SƠ LƯỢC LÝ LỊCH" if individual else "I. ĐẶC ĐIỂM, TÌNH HÌNH",
        "section_two": "II. THÀNH TÍCH ĐẠT ĐƯỢC" if full else "II. TÓM TẮT THÀNH TÍCH ĐẠT ĐƯỢC",
        "duties": duties,
        "achievements": achievements,
        "achievements_heading": "2. Thành tích đạt được" if full and duties else "",
        "history": _history(record),
        "left_signature": signatures["left"],
        "right_signature": signatures["right"],
        "extra_signature": signatures["extra"],
    }
