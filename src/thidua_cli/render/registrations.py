"""The registrations: a listing (terminal, JSON, CSV, XLSX) and the summary sent upward (md, html, docx, NĐ 30)."""

from __future__ import annotations

from datetime import date

from thidua_cli.domain.models import COLLECTIVE, INDIVIDUAL, KIND_LABELS
from thidua_cli.domain.registration import STATUS_LABELS, Registration
from thidua_cli.domain.scoring import name_sort_key
from thidua_cli.render.tabular import Column, Table

DOCUMENT = "danh-sach-dang-ky"


def ordered(rows: list[Registration]) -> list[Registration]:
    """Tập thể first, then cá nhân; each in Vietnamese name order; one subject's awards in the order registered."""
    return sorted(rows, key=lambda r: (r.subject.kind != COLLECTIVE, name_sort_key(r.subject), r.id))


def _unit(registration: Registration, units: dict[str, str]) -> str:
    subject = registration.subject
    if subject.kind != INDIVIDUAL:
        return ""
    unit = units.get(subject.unit or "", subject.unit or "")
    return ", ".join(part for part in (subject.position, unit) if part)


def registrations_json(listing) -> dict:
    return {
        "campaign": listing.campaign.code,
        "registrations": [
            {"id": r.id, "subject": r.subject.code, "name": r.subject.name, "kind": r.subject.kind, "award": r.award,
             "award_name": r.award_name, "targets": r.targets, "date": r.day, "status": r.status, "reason": r.reason or None}
            for r in ordered(listing.rows)
        ],
    }


def registrations_table(listing, machine: bool = False) -> Table:
    columns = [
        Column("id", "Số", "number"), Column("subject", "Mã"), Column("name", "Họ và tên / Tên tập thể"),
        Column("kind", "Loại"), Column("award", "Đăng ký"), Column("targets", "Chỉ tiêu"), Column("date", "Ngày đăng ký", "date"),
        Column("status", "Tình trạng"), Column("reason", "Lý do trả lại"),
    ]
    rows = [
        {"id": r.id, "subject": r.subject.code, "name": r.subject.name,
         "kind": r.subject.kind if machine else KIND_LABELS[r.subject.kind],
         "award": r.award if machine else f"{r.award_name} ({r.award})", "targets": r.targets, "date": r.day,
         "status": r.status if machine else STATUS_LABELS[r.status], "reason": r.reason or None}
        for r in ordered(listing.rows)
    ]
    return Table(columns, rows, title=f"Đăng ký thi đua — {listing.campaign.code} ({len(rows)})")


def document_context(listing, day: date) -> dict:
    from thidua_cli.render.documents import header_context, signature_context, short_date, signer_title

    campaign = listing.campaign
    table: list[dict] = []
    counts = {}
    number = 0
    for roman, kind in (("I", COLLECTIVE), ("II", INDIVIDUAL)):
        rows = [r for r in ordered(listing.rows) if r.subject.kind == kind]
        counts[kind] = len({r.subject.code for r in rows})
        if not rows:
            continue
        table.append({"heading": True, "label": f"{roman}. {KIND_LABELS[kind].upper()} ({counts[kind]:02d})"})
        for registration in rows:
            number += 1
            table.append({
                "heading": False, "stt": number, "name": registration.subject.name, "unit": _unit(registration, listing.units),
                "award": registration.award_name, "targets": registration.targets, "date": registration.day,
                "status": STATUS_LABELS[registration.status] + (f": {registration.reason}" if registration.reason else ""),
            })
    # the statuses some registration has: "chờ duyệt 00" said nothing
    counted = ((label, sum(1 for r in listing.rows if r.status == status)) for status, label in STATUS_LABELS.items())
    by_status = [f"{label} {count:02d}" for label, count in counted if count]
    return {
        "header": header_context(campaign.parent_agency, campaign.agency, None, campaign.place, day),
        "title": "DANH SÁCH",
        "subject_line": f"Tập thể, cá nhân đăng ký thi đua trong {campaign.phrase}",
        # the plan cited as the dossier cites it, and as this table writes its own dates ("05/9/2025", not "05/09/2025")
        "note": f"(Theo Kế hoạch số {campaign.plan}" + (f" ngày {short_date(campaign.issued)}" if campaign.issued else "") + ")",
        "table": table,
        "total": (
            f"Tổng cộng: {counts.get(COLLECTIVE, 0):02d} tập thể và {counts.get(INDIVIDUAL, 0):02d} cá nhân, "
            f"{len(listing.rows):02d} lượt đăng ký ({', '.join(by_status)})"
        ),
        "signature": signature_context(signer_title(campaign), campaign.signer_named(signer_title(campaign))),
    }


def registrations_document(listing, fmt: str, day: date, templates_dir=None) -> str | bytes:
    from thidua_cli.render.documents import render_document

    return render_document(DOCUMENT, document_context(listing, day), fmt, templates_dir)
