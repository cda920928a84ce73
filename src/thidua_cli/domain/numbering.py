"""Which documents of a round carry a number, who issues them, and the number's series.

A round's dossier is written per deciding authority: one tờ trình per
authority (issued by the Văn phòng when the agency head decides, by the agency
otherwise) and one biên bản of the council. With `numbering = "blank"` the
number is left for the văn thư ("     /TTr-STTTT"); with `"register"` the
ledger's register of outgoing documents gives the next number of the series in
the year (storage/register.py). Never the same number on two documents: each
document has its own key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from thidua_cli.domain.models import Campaign
from thidua_cli.domain.rounds import Proposal, RoundResult
from thidua_cli.domain.vntext import fold_key

MINUTES_ISSUER = "HĐTĐKT"  # Hội đồng Thi đua - Khen thưởng


@dataclass(frozen=True)
class DocumentSlot:
    key: str  # unique per document: "covid19-stttt/dot-1/to-trinh/chu tich nuoc"
    type_code: str  # TTr, BB (NĐ 30/2020 Phụ lục III)
    issuer_short: str

    @property
    def series(self) -> str:
        return f"{self.type_code}-{self.issuer_short}"

    def blank(self) -> str:
        """The number left for the văn thư: "     /TTr-STTTT"."""
        return f"     /{self.series}"


def office_short(office: str) -> str:
    """"Văn phòng Sở" → "VP"; another standing body by its initials."""
    folded = fold_key(office)
    if not folded or folded.startswith("van phong"):
        return "VP"
    initials = [w[0] for w in re.split(r"[\s\-–]+", folded) if w and w not in ("so",)]
    return "".join(initials).upper() or "VP"


def by_authority(result: RoundResult) -> dict[str, list[Proposal]]:
    """Active proposals per deciding authority, the authority of the highest award first."""
    groups: dict[str, list[Proposal]] = {}
    for proposal in result.active_proposals:
        groups.setdefault(proposal.award.authority, []).append(proposal)
    ordered = sorted(groups.items(), key=lambda item: (-max(p.award.level for p in item[1]), fold_key(item[0])))
    return dict(ordered)


def in_house(proposals: list[Proposal]) -> bool:
    """The agency head decides: the Văn phòng submits the tờ trình to him."""
    return any(p.award.agency_decides for p in proposals)


def proposal_slot(campaign: Campaign, round_number: int, authority: str, proposals: list[Proposal]) -> DocumentSlot:
    issuer = office_short(campaign.office) if in_house(proposals) else (campaign.agency_short or "VP")
    return DocumentSlot(f"{campaign.code}/dot-{round_number}/to-trinh/{fold_key(authority)}", "TTr", issuer)


def minutes_slot(campaign: Campaign, round_number: int) -> DocumentSlot:
    return DocumentSlot(f"{campaign.code}/dot-{round_number}/bien-ban", "BB", MINUTES_ISSUER)


def dossier_slots(result: RoundResult) -> list[DocumentSlot]:
    """The numbered documents of the round's dossier: the biên bản, then one tờ trình per authority."""
    campaign = result.campaign
    slots = [minutes_slot(campaign, result.number)]
    for authority, proposals in by_authority(result).items():
        slots.append(proposal_slot(campaign, result.number, authority, proposals))
    return slots
