"""Rounds, votes, decisions and award history → JSON (SPEC §5.2), plain tables and a readable summary.

The documents of the dossier are not here (render/dossier*); this is what the
commands print.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from thidua_cli.domain.formats import format_date, format_money, format_points
from thidua_cli.domain.models import COLLECTIVE, INDIVIDUAL, KIND_LABELS
from thidua_cli.domain.rounds import Proposal, RoundResult
from thidua_cli.render.tabular import Column, Table, json_number

STATUS_LABELS = {"proposed": "đề nghị", "tie": "đồng hạng, Hội đồng xét"}
PASSED_LABELS = {True: "đạt", False: "không đạt"}


def _total(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def proposal_json(p: Proposal) -> dict:
    return {
        "award": p.award.code, "subject": p.subject.code, "name": p.subject.name, "kind": p.subject.kind,
        "total": _total(p.total), "rank": p.rank, "amount": p.amount,
    }


def round_json(view) -> dict:
    """SPEC §5.2, exactly; after a vote, each candidate also has votes, percent and passed, plus members."""
    result: RoundResult = view.result
    voted = result.members is not None
    proposals = []
    for p in result.proposals:
        item = proposal_json(p)
        if voted:
            line = view.votes.get((p.subject.code, p.award.code))
            item["votes"] = p.votes_for
            item["percent"] = json_number(line.percent) if line else None
            item["passed"] = p.passed if p.passed is None else bool(p.passed)  # null: awaiting the next sitting
            item["tie"] = bool(line and line.tie)
            item["note"] = line.note if line else ""
            item["sitting"] = p.sitting
            item["fallen_from"] = p.fallen_from
            item["brought_by"] = p.brought_by
        proposals.append(item)
    data = {
        "round": result.number,
        "campaign": result.campaign.code,
        "from": result.period.start.isoformat(),
        "to": result.period.end.isoformat(),
    }
    if voted:
        data["members"] = result.members
        data["sittings"] = [{"sitting": s.number, "members": s.members, "date": s.day.isoformat() if s.day else None}
                            for s in result.sittings]
    data["proposals"] = proposals
    data["ties"] = [{"award": t.award.code, "subjects": [s.code for s in t.subjects], "total": _total(t.total)} for t in result.ties]
    data["total_amount"] = result.total_amount
    data["excluded"] = excluded_json(view.exclusions)
    if result.decision_number:
        data["decision"] = {"number": result.decision_number, "date": result.decision_date.isoformat()}
    if result.decisions:
        data["decisions"] = decisions_json(result)
        data["pending"] = list(result.pending)
    return data


def excluded_json(exclusions) -> list[dict]:
    """SPEC §5.2: every subject that reached an award's min_score but was not proposed for it, and why."""
    return [{"award": e.award.code, "subject": e.subject.code, "reason": e.text} for e in exclusions]


def exclusion_lines(exclusions, indent: str = "  ") -> list[str]:
    """One line per exclusion, as `propose-awards` and `score --explain` print them. Those proposed a higher award
    of the same category are counted, not listed: the table above shows what they got."""
    lines = [f"{indent}{e.subject.code} — {e.subject.name}: {e.award.code} — {e.text}" for e in exclusions if e.reason != "proposed"]
    higher = sum(1 for e in exclusions if e.reason == "proposed")
    if higher:
        lines.append(f"{indent}(và {higher} trường hợp đã được đề nghị danh hiệu, hình thức cao hơn cùng loại trong đợt)")
    return lines


def decisions_json(result: RoundResult) -> list[dict]:
    listed = []
    for d in result.decisions:
        item = {"authority": d.authority, "number": d.number, "date": d.day.isoformat(), "awards": list(d.awards),
                "corrects": d.corrects, "reason": d.reason}
        if d.not_granted:  # `record-decision --not-granted`: only then, so that the usual shape stays as it was
            item["not_granted"] = [{"subject": code, "award": award} for code, award in d.not_granted]
        listed.append(item)
    return listed


def _unit(subject) -> str | None:
    return subject.unit if subject.kind == INDIVIDUAL else None


def round_table(view, machine: bool = False) -> Table:
    """One row per candidate (and per tied subject): for CSV/XLSX and the terminal."""
    result: RoundResult = view.result
    voted = result.members is not None
    columns = [Column("award", "Hình thức"), Column("kind", "Loại", labels=KIND_LABELS), Column("rank", "Hạng", "number"), Column("subject", "Mã"),
               Column("name", "Họ và tên / Tập thể", no_wrap=not machine), Column("unit", "Đơn vị"),
               Column("total", "Tổng điểm", "points"), Column("amount", "Tiền thưởng", "money")]
    if machine:
        columns = [Column("round", "Đợt", "number")] + columns[:1] + [Column("award_name", "Tên hình thức")] + columns[1:]
        columns.append(Column("status", "Trạng thái", labels=STATUS_LABELS))
    if voted:
        columns += [Column("votes", "Phiếu đồng ý", "number"), Column("percent", "Tỷ lệ (%)", "points"),
                    Column("passed", "Kết quả", labels=PASSED_LABELS)]
    rows = []
    listed = set()
    for p in result.proposals:
        line = view.votes.get((p.subject.code, p.award.code))
        listed.add((p.subject.code, p.award.code))
        status = "tie" if line and line.tie else "proposed"
        row = {
            "round": result.number, "award": p.award.code, "award_name": p.award.name,
            "kind": p.subject.kind, "rank": p.rank, "subject": p.subject.code,
            "name": p.subject.name, "unit": _unit(p.subject), "total": p.total, "amount": p.amount, "status": status,
        }
        if voted:
            row["votes"] = p.votes_for
            row["percent"] = line.percent if line else None
            if machine:
                row["passed"] = p.passed if p.passed is None else bool(p.passed)
            elif p.passed is None:
                row["passed"] = f"Chờ bỏ phiếu (xét tiếp sau khi không đạt {p.fallen_from})" if p.fallen_from else "Chờ bỏ phiếu"
            else:
                # reached the ratio but out (no place left …): not "Không đạt" beside the votes, as in the biên bản
                verdict = "Đạt" if p.passed else ("Không được đề nghị" if line and line.note else "Không đạt")
                row["passed"] = verdict + (f" ({line.note})" if line and line.note else "")
                # "Đạt" alone beside one a decision refused read as granted, the "không khen" line far below
                refused = next((d for d in result.decisions for code, award in d.not_granted
                                if code == p.subject.code and award.casefold() == p.award.code.casefold()), None)
                if p.passed and refused:
                    row["passed"] += f"; không được khen (QĐ số {refused.number})"
        rows.append(row)
    if machine:
        for t in result.ties:
            for s in t.subjects:
                if (s.code, t.award.code) in listed:
                    continue
                standing = result.standings.row(s.code) if result.standings else None
                rows.append({
                    "round": result.number, "award": t.award.code, "award_name": t.award.name, "kind": s.kind,
                    "rank": standing.rank if standing else None, "subject": s.code, "name": s.name, "unit": _unit(s),
                    "total": t.total, "amount": None, "status": "tie",
                })
    title = (
        f"Đợt đề nghị khen thưởng số {result.number} — phong trào {result.campaign.code}, "
        f"từ {format_date(result.period.start)} đến {format_date(result.period.end)}"
    )
    heading = (f"Đợt đề nghị khen thưởng số {result.number} — {result.campaign.name}, "
               f"từ {format_date(result.period.start)} đến {format_date(result.period.end)}")
    return Table(columns, rows, title=title, heading=heading)


def counts_text(proposals, what: str = "") -> str:
    """"6 tập thể và 33 cá nhân{what} (66 lượt khen thưởng)": a subject with a danh hiệu and a hình thức is
    counted once, the awards said apart when they are more."""
    proposals = list(proposals)
    collectives = len({p.subject.code for p in proposals if p.subject.kind == COLLECTIVE})
    individuals = len({p.subject.code for p in proposals if p.subject.kind == INDIVIDUAL})
    parts = []
    if collectives:
        parts.append(f"{collectives} tập thể")
    if individuals:
        parts.append(f"{individuals} cá nhân")
    more = f" ({len(proposals)} lượt khen thưởng)" if len(proposals) > collectives + individuals else ""
    return (" và ".join(parts) or "không ai") + what + more


def round_screen(view) -> str:
    """What a person reads after propose-awards / record-votes: the table, ties, who was left out and why, totals."""
    from thidua_cli.render.tabular import to_plain

    result: RoundResult = view.result
    voted = result.members is not None
    table = round_table(view)
    out = [table.title, "", to_plain(table).rstrip("\n"), ""]
    by_award: dict[str, list[Proposal]] = {}
    for p in result.active_proposals:
        by_award.setdefault(p.award.code, []).append(p)
    award_names = {a.code: a for a in result.campaign.awards}
    if voted:
        out.append(f"Kết quả bỏ phiếu ({result.members} thành viên Hội đồng; tỷ lệ tính trên tổng số thành viên):")
    else:
        out.append("Đề nghị:")
    for code, items in by_award.items():
        award = award_names[code]
        out.append(f"  {award.name} ({code}, {award.authority} quyết định): {counts_text(items)}")
    if not by_award:
        out.append("  (không ai)")
    if result.ties:
        out.append("")
        out.append("Đồng hạng ở suất cuối, Hội đồng đã biểu quyết:" if voted else "Đồng hạng, chưa phân định được, đề nghị Hội đồng xem xét:")
        for tie, places in zip(result.ties, view.places or [None] * len(result.ties)):
            names = ", ".join(f"{s.code} — {s.name}" for s in tie.subjects)
            room = f"; còn {places} suất" if places is not None else ""
            out.append(f"  {tie.award.name} ({tie.award.code}), {format_points(tie.total)} điểm: {names}{room}")
            if voted:
                chosen = [s for s in tie.subjects if (line := view.votes.get((s.code, tie.award.code))) and line.passed]
                verdict = ", ".join(f"{s.code} — {s.name}" for s in chosen) or "không ai"
                out.append(f"    Hội đồng chọn: {verdict}")
    if view.exclusions:
        out.append("")
        out.append("Đủ điểm nhưng không được đề nghị:")
        out.extend(exclusion_lines(view.exclusions))
    out.append("")
    out.append(f"Tổng cộng: {counts_text(result.active_proposals)}; tổng tiền thưởng {format_money(result.total_amount)} đồng.")
    out.extend(decision_lines(result))
    return "\n".join(out) + "\n"


def decision_lines(result: RoundResult) -> list[str]:
    """Each live decision with its authority, then the authorities still to decide."""
    out = []
    for d in result.decisions:
        fixed = f" (sửa {_paper(d)} số {d.corrects}: {d.reason})" if d.corrects else ""
        refused = ", ".join(f"{code} ({award})" for code, award in d.not_granted)
        said = ", ".join(d.awards) + (f"; không khen: {refused}" if refused else "") if d.awards else f"không khen: {refused}"
        out.append(f"{_paper(d).capitalize()} số {d.number} ngày {format_date(d.day)} của {d.authority}: {said}{fixed}.")
    if result.decisions and result.pending:
        out.append(f"Còn chờ quyết định của: {'; '.join(result.pending)}.")
    return out


def _paper(decision) -> str:
    """A decision that granted no one is the authority's reply (a công văn), not a quyết định khen thưởng."""
    return "quyết định" if decision.awards else "văn bản"


def decision_json(view) -> dict:
    result: RoundResult = view.result
    recorded = view.decision
    data = {
        "round": result.number,
        "campaign": result.campaign.code,
        "decision": {"number": recorded.number, "date": recorded.day.isoformat(), "authority": recorded.authority}
        if recorded else None,
        "granted": [
            {"award": h.award, "subject": h.subject, "name": h.extra.get("subject_name"), "kind": h.extra.get("kind"),
             "amount": h.amount}
            for h in view.granted
        ],
        "total_amount": sum(h.amount or 0 for h in view.granted),
        "pending": list(result.pending),
    }
    refused = [{"subject": code, "award": award} for code, award in _not_granted_by(view)]
    if refused:  # `--not-granted`: only then, as in `rounds --format json`
        data["not_granted"] = refused
    return data


def _not_granted_by(view) -> tuple[tuple[str, str], ...]:
    """(subject, award) the decision just recorded named not granted (`record-decision --not-granted`)."""
    return view.decision.not_granted if view.decision else ()


def decision_screen(view) -> str:
    from thidua_cli.render.tabular import to_rich

    columns = [Column("award", "Hình thức"), Column("subject", "Mã"), Column("name", "Họ và tên / Tập thể"),
               Column("issuer", "Cấp quyết định"), Column("amount", "Tiền thưởng", "money")]
    rows = [
        {"award": h.award, "subject": h.subject, "name": h.extra.get("subject_name"), "issuer": h.issuer, "amount": h.amount}
        for h in view.granted
    ]
    d = view.decision
    title = f"{_paper(d).capitalize()} số {d.number} ngày {format_date(d.day)} của {d.authority} — đợt đề nghị số {view.result.number}"
    total = sum(h.amount or 0 for h in view.granted)
    refused = _not_granted_by(view)
    names = {p.subject.code: p.subject.name for p in view.result.proposals}
    listed = "; ".join(f"{code} — {names.get(code, code)} ({award})" for code, award in refused)
    if not rows:  # the authority's reply granted no one: nothing goes into the history
        text = title + "\n\n" + f"Không khen thưởng ai trong {len(refused)} đề nghị còn chờ {d.authority}: {listed}.\n"
        text += "Không ghi gì vào lịch sử khen thưởng; đợt không còn chờ cấp này cho những người trên.\n"
    else:
        # the title is a line of its own: a Rich title wraps at the table's width
        text = title + "\n\n" + to_rich(Table(columns, rows)) + f"\nĐã ghi {len(rows)} khen thưởng vào lịch sử; tổng tiền thưởng {format_money(total)} đồng.\n"
        if refused:
            text += f"Không được khen theo quyết định này (không ghi vào lịch sử): {listed}.\n"
    if view.result.pending:
        text += f"Còn chờ quyết định của: {'; '.join(view.result.pending)}.\n"
    return text


# --------------------------------------------------------------------------- award history

SOURCE_LABELS = {"manual": "nhập tay", "import": "nhập từ tệp", "decision": "quyết định"}


def history_item(r, corrected: bool = False) -> dict:
    """One history row as `awards --format json` prints it; with `corrected` (awards --include-corrected),
    which decision corrected the one granting it."""
    item = {"subject": r.subject, "subject_name": r.subject_name, "kind": r.kind, "award": r.award.award, "name": r.award.name,
            "number": r.award.number, "date": r.award.day.isoformat() if r.award.day else None, "issuer": r.award.issuer,
            "source": r.award.source, "campaign": r.campaign, "round": r.award.round, "amount": r.award.amount,
            "category": r.award.category, "award_kind": r.award.award_kind, "year": r.award.for_year,
            "position": r.position or None}
    if corrected:
        item["corrected_by"] = r.corrected_by
    return item


def history_table(rows, machine: bool = False, heading: str = "", corrected: bool = False, count: int | None = None,
                  screen: bool = False) -> Table:
    """Machine form keeps the `awards import` columns first, so an export can be imported again.
    `rows` may be a stream read once; then `count` gives the title's number. The `screen` form fits a
    terminal: one column for the award's name (danh hiệu or hình thức), without its code, source and round
    (thirteen columns in 120 characters wrapped "Tập thể lao động tiên tiến" a word a line)."""
    from thidua_cli.domain.history_terms import AWARD_KIND_LABELS, CATEGORY_LABELS
    from thidua_cli.domain.models import DANH_HIEU

    columns = [Column("subject", "Mã"), Column("award", "Hình thức"), Column("name", "Tên hình thức"), Column("number", "Số quyết định"),
               Column("date", "Ngày", "date"), Column("issuer", "Cấp quyết định"), Column("subject_name", "Họ và tên / Tập thể"),
               Column("source", "Nguồn", labels=SOURCE_LABELS), Column("campaign", "Phong trào"), Column("round", "Đợt", "number"),
               Column("amount", "Tiền thưởng", "money"), Column("category", "Phân loại", labels=CATEGORY_LABELS),
               Column("award_kind", "Loại hình", labels=AWARD_KIND_LABELS), Column("year", "Năm", "number"),
               Column("position", "Chức vụ"), Column("title", "Danh hiệu thi đua"), Column("form", "Hình thức khen thưởng")]
    if screen:
        by_key = {c.key: c for c in columns}
        by_key["name"] = Column("name", "Danh hiệu thi đua, hình thức khen thưởng")
        columns = [by_key[k] for k in ("subject", "subject_name", "year", "name", "award_kind", "number", "date", "issuer", "amount")]
    elif not machine:  # danh hiệu thi đua and hình thức khen thưởng in columns of their own (CV 6208/BNV-CCVC)
        order = ["subject", "subject_name", "position", "year", "title", "form", "award", "award_kind", "number", "date",
                 "issuer", "source", "round", "amount"]
        by_key = {c.key: c for c in columns}
        by_key["award"] = Column("award", "Mã khen thưởng")
        columns = [by_key[k] for k in order]
    else:
        columns = [c for c in columns if c.key not in ("title", "form")]
    if corrected:
        columns.append(Column("corrected_by", "Đã sửa bằng quyết định"))
    table_rows = (
        {"subject": r.subject, "subject_name": r.subject_name, "award": r.award.award, "name": r.award.name, "number": r.award.number,
         "date": r.award.day, "issuer": r.award.issuer,
         "source": r.award.source,
         "campaign": r.campaign, "round": r.award.round, "amount": r.award.amount, "category": r.award.category,
         "award_kind": r.award.award_kind, "year": r.award.for_year,
         "title": r.award.name if r.award.category == DANH_HIEU else "",
         "form": r.award.name if r.award.category != DANH_HIEU else "", "corrected_by": r.corrected_by,
         "position": r.position}
        for r in rows
    )
    if count is None:
        table_rows = list(table_rows)
        count = len(table_rows)
    return Table(columns, table_rows, title=f"Lịch sử khen thưởng ({count})", heading=heading)
