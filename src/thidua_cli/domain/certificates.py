"""What a certificate says: the values its layout's fields are filled with (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from thidua_cli.domain.models import INDIVIDUAL, Award, Campaign, Subject
from thidua_cli.domain.vntext import fold_key

# The title that signs for an authority: "Chủ tịch UBND tỉnh Trà Vinh" signs as "CHỦ TỊCH".
_SIGNING_TITLES = ("Tổng Giám đốc", "Phó Chủ tịch", "Chủ tịch", "Thủ tướng", "Bộ trưởng", "Giám đốc", "Viện trưởng", "Hiệu trưởng", "Trưởng ban")


@dataclass(frozen=True)
class CertificateFacts:
    """One granted award and what the certificate must say about it (every part plain text or a date)."""

    subject: Subject
    award_code: str
    award_name: str
    authority: str
    decision_number: str
    decision_date: date | None
    period_from: date
    period_to: date
    signer_title: str
    signer_name: str
    register_number: str = ""
    award_year: int | None = None  # the year the award is for (a danh hiệu is a year's title)


def is_flag(award_name: str) -> bool:
    """A Cờ thi đua (of the Government, of a bộ or tỉnh …) is a flag, a satin banner embroidered to the official
    pattern and ordered from a maker; no bằng or giấy chứng nhận goes with it, so it has no page on a blank."""
    return fold_key(award_name).startswith("co thi dua")


def flags_left_out(labels: list[str]) -> str:
    """The one line an office reads when the Cờ thi đua of a batch are not printed: who, and why."""
    return (f"không in Cờ thi đua lên phôi: {'; '.join(labels)} — cờ là hiện vật may, thêu theo mẫu quy định, "
            "đặt làm riêng, không có bằng hay giấy chứng nhận")


def signer_for(campaign: Campaign, award: Award | None, authority: str) -> tuple[str, str]:
    """(title, name) of who signs: the agency's signer for the awards its head decides, else the
    authority's own title, in capitals, and no name (the office knows who signs above it)."""
    if award is not None and award.agency_decides and campaign.signer_title:
        return campaign.signer_title.upper(), campaign.signer_named(campaign.signer_title)
    folded = fold_key(authority)
    for title in _SIGNING_TITLES:
        if folded.startswith(fold_key(title)):
            return title.upper(), ""
    return authority.upper(), ""


# Central authorities sign in the capital: their certificates bear "Hà Nội", not the agency's place.
_CENTRAL = ("chu tich nuoc", "thu tuong", "chinh phu", "bo truong", "quoc hoi")


def place_for(campaign: Campaign, authority: str) -> str:
    folded = fold_key(authority)
    return "Hà Nội" if any(word in folded for word in _CENTRAL) else campaign.place


def honorific(subject: Subject) -> str:
    if subject.kind != INDIVIDUAL:
        return subject.name
    prefix = {"nữ": "Bà", "nam": "Ông"}.get(subject.gender or "", "Ông (Bà)")
    return f"{prefix} {subject.name}"


def short_day(day: date) -> str:
    """"05/3/2021", "09/02/2021": the NĐ 30 padding rule (day below 10, months 1 and 2)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


_PEOPLES_COMMITTEE = r"(?:UBND|[ỦU]Y BAN NHÂN DÂN|[ỦU]Ỷ BAN NHÂN DÂN|Ủy ban nhân dân|Uỷ ban nhân dân)"


def in_full(authority: str, parent_agency: str = "") -> str:
    """The authority as a certificate heads it: in full, as the official blanks print it ("CHỦ TỊCH ỦY BAN NHÂN DÂN
    TỈNH VĨNH LONG"), though the campaign file and the dossier write "Chủ tịch UBND tỉnh Vĩnh Long". An authority
    that stops at "UBND tỉnh" (what `campaign init` writes) takes the province from the campaign's parent agency
    ("UBND tỉnh Vĩnh Long"): no province's blank reads "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH" alone."""
    bare = re.fullmatch(rf"(.*(?<!\w){_PEOPLES_COMMITTEE} (tỉnh|thành phố))\s*", authority, flags=re.IGNORECASE)
    parent = re.fullmatch(rf"\s*{_PEOPLES_COMMITTEE} (tỉnh|thành phố) (.+?)\s*", parent_agency or "", flags=re.IGNORECASE)
    if bare and parent and bare.group(2).lower() == parent.group(1).lower():
        authority = f"{bare.group(1)} {parent.group(2)}"
    return re.sub(r"(?<!\w)UBND(?!\w)", "Ủy ban nhân dân", authority)


def certificate_values(facts: CertificateFacts, campaign: Campaign) -> dict[str, str]:
    """Every value of `certificate_layout.CERTIFICATE_VALUES` for one certificate."""
    from thidua_cli.domain.formats import date_line, date_words

    subject = facts.subject
    position_unit = ", ".join(part for part in (subject.position, subject.unit) if part) if subject.kind == INDIVIDUAL else ""
    day = facts.decision_date
    place = place_for(campaign, facts.authority)
    blank = "ngày      tháng      năm"
    return {
        "authority": in_full(facts.authority, campaign.parent_agency).upper(),
        "award_name": facts.award_name,
        "name": subject.name,
        "honorific_name": honorific(subject),
        "position": subject.position or "" if subject.kind == INDIVIDUAL else "",
        "unit": subject.unit or "" if subject.kind == INDIVIDUAL else "",
        "position_unit": position_unit,
        "achievement": (
            f"Đã có thành tích xuất sắc trong {campaign.phrase} "
            f"từ ngày {short_day(facts.period_from)} đến ngày {short_day(facts.period_to)}"
        ),
        "campaign_name": campaign.name,
        "decision_number": facts.decision_number,
        "decision_date": short_day(day) if day else "…/…/…",
        "decision_date_words": date_words(day) if day else blank,
        "place": place,
        "place_date": date_line(place, day) if day else f"{place}, {blank}",
        "signer_title": facts.signer_title,
        "signer_name": facts.signer_name,
        "register_number": facts.register_number or "……",
        "year": str(day.year) if day else "",
        "award_year": str(facts.award_year or facts.period_to.year),
    }
