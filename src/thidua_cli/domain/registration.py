"""Đăng ký thi đua: what each subject commits to at launch, and the Office's review (pure).

A registration names the award aimed for (a danh hiệu or hình thức of the campaign), the targets
as the subject wrote them and the date. Its status is that of its newest review: chờ duyệt (none
yet), đã duyệt, or trả lại with a reason. An award with `requires_registration = true` is proposed
only to subjects with an approved registration for it, or for a higher award of the same category
(whoever aimed for Chiến sĩ thi đua cơ sở and reached only Lao động tiên tiến had registered).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from thidua_cli.domain.models import Award, Campaign, Subject

PENDING = "cho-duyet"
APPROVED = "da-duyet"
RETURNED = "tra-lai"
STATUS_LABELS = {PENDING: "chờ duyệt", APPROVED: "đã duyệt", RETURNED: "trả lại"}
STATUS_INPUTS = {  # how a status may be typed (folded): the --status filter
    "cho-duyet": PENDING, "cho duyet": PENDING, "pending": PENDING,
    "da-duyet": APPROVED, "da duyet": APPROVED, "approved": APPROVED,
    "tra-lai": RETURNED, "tra lai": RETURNED, "returned": RETURNED,
}


@dataclass(frozen=True)
class Registration:
    id: int
    subject: Subject
    award: str  # code
    award_name: str
    targets: str
    day: date
    status: str = PENDING
    reason: str = ""  # why it was returned
    reviewed_at: str | None = None
    recorded_by: str = ""

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def current(registrations: Iterable[Registration]) -> list[Registration]:
    """The newest registration of each (subject, award): a returned one registered again is replaced."""
    newest: dict[tuple[str, str], Registration] = {}
    for registration in sorted(registrations, key=lambda r: r.id):
        newest[(registration.subject.code, registration.award.casefold())] = registration
    return sorted(newest.values(), key=lambda r: r.id)


def registration_gate(campaign: Campaign, registrations: Iterable[Registration]) -> Callable[[Award, Subject], str | None] | None:
    """None when no award of the campaign requires registration; else a function telling, for an award
    and a subject, why the subject may not be proposed for it (in Vietnamese), or None when it may."""
    required = [award for award in campaign.awards if award.requires_registration]
    if not required:
        return None
    by_subject: dict[str, list[Registration]] = {}
    for registration in current(registrations):
        by_subject.setdefault(registration.subject.code, []).append(registration)

    def refuse(award: Award, subject: Subject) -> str | None:
        if not award.requires_registration:
            return None
        covering = {a.code.casefold() for a in campaign.awards if a.category == award.category and a.level >= award.level}
        covering.add(award.code.casefold())
        own = [r for r in by_subject.get(subject.code, ()) if r.award.casefold() in covering]
        if any(r.status == APPROVED for r in own):
            return None
        if any(r.status == PENDING for r in own):
            return f"đăng ký thi đua {award.code} chưa được duyệt"
        returned = [r for r in own if r.status == RETURNED]
        if returned:
            return f"đăng ký thi đua bị trả lại ({returned[-1].reason})"
        return f"chưa đăng ký thi đua {award.code}"

    return refuse
