"""`campaign show` shows every rule the file sets, on the terminal and in JSON."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from conftest import MINI_CAMPAIGN
from test_campaign_rules import BK
from thidua_cli.domain.models import Award, Campaign, CouncilMember, Criterion, Prerequisite
from thidua_cli.render.campaigns import campaign_json, campaign_text

RULES = (
    MINI_CAMPAIGN.replace('place = "Trà Vinh"', 'place = "Trà Vinh"\ncouncil_members = 7\ncouncil_chair = "Nguyễn Văn Chủ"')
    .replace("min_score = 20", "min_score = 20\nquota_percent = 30\nmax_count = 4\nvote_threshold = 50")
    + BK.replace("multiplier = 1.5", 'multiplier = 1.5\ncollective_multiplier = 3.5\nrequires = ["GK"]\n'
                 "requires_no_penalty = true\nvote_threshold = 80")
    + '\n[[base_salaries]]\nfrom = 2019-07-01\namount = 1490000\n'
)


def test_show_has_requires_no_penalty_thresholds_quotas_and_money(thidua):
    thidua.ok("campaign", "load", str(thidua.write("rules.toml", RULES)))
    shown = json.loads(thidua.ok("campaign", "show", "--format", "json").stdout)
    bk, gk = shown["awards"]
    assert bk["requires"] == ["GK"] and bk["requires_no_penalty"] is True and bk["vote_threshold"] == 80
    assert bk["multiplier"] == 1.5 and bk["collective_multiplier"] == 3.5 and bk["category"] == "hinh-thuc"
    assert gk["quota_percent"] == 30 and gk["max_count"] == 4 and gk["vote_threshold"] == 50 and gk["requires"] == []
    assert shown["council_members"] == 7 and shown["council_chair"] == "Nguyễn Văn Chủ"
    assert shown["base_salaries"] == [{"from": "2019-07-01", "amount": 1490000}]
    assert shown["on_vote_failure"] == "next-lower" and shown["numbering"] == "blank"
    text = " ".join(thidua.ok("campaign", "show").stdout.split())
    # awards are named, not coded, in the conditions
    assert "BK đã có Giấy khen của Giám đốc Sở; không có điểm trừ trong kỳ; phiếu đồng ý ≥ 80% tổng số thành viên Hội đồng" in text
    assert "GK phiếu đồng ý ≥ 50% tổng số thành viên Hội đồng" in text
    assert "≤ 30%, tối đa 4" in text and "cá nhân 1,5 / tập thể 3,5" in text
    assert "Hội đồng Thi đua - Khen thưởng: 7 thành viên · Chủ tịch: Nguyễn Văn Chủ" in text
    assert "Lương cơ sở theo thời điểm: từ 01/07/2019: 1.490.000 đồng" in text
    markdown = thidua.ok("campaign", "show", "-O", "md").stdout
    assert "| BK | đã có Giấy khen của Giám đốc Sở; không có điểm trừ trong kỳ; phiếu đồng ý ≥ 80% tổng số thành viên Hội đồng |" in markdown


def test_show_renders_categories_prerequisites_over_years_with_council_and_numbering():
    """The keys other parsers fill (Award.category/with_awards/prerequisites, Campaign.council …) are all shown."""
    cstdcs = Award(
        code="CSTDCS", name="Chiến sĩ thi đua cơ sở", level=2, applies_to="individual", min_score=Decimal(90),
        authority="Giám đốc Sở", multiplier=Decimal(1), category="danh-hieu", with_awards=("LDTT",),
        prerequisites=(Prerequisite(award="LDTT", years=1, this_year=True), Prerequisite(award="GK", this_year=True),
                       Prerequisite(rating="Hoàn thành xuất sắc nhiệm vụ", years=2, after="GK", applies_to="individual")),
    )
    campaign = Campaign(
        code="nam-2025", name="Thi đua thường xuyên năm 2025", kind="thuong-xuyen", plan="01/KH-SNV", issued=None,
        start=date(2025, 1, 1), end=date(2025, 12, 31), agency="Sở Nội vụ", parent_agency="", place="Vĩnh Long",
        base_salary=2340000, criteria=(Criterion(code="TC1", name="Nhiệm vụ", applies_to="both"),), awards=(cstdcs,),
        on_vote_failure="none", numbering="register",
        council=(CouncilMember(name="Trần Văn Một", title="Giám đốc Sở", role="Chủ tịch Hội đồng"),),
    )
    data = campaign_json(campaign)
    award = data["awards"][0]
    assert award["category"] == "danh-hieu" and award["with"] == ["LDTT"]
    assert award["prerequisites"] == [
        {"award": "LDTT", "rating": None, "years": 1, "after": None, "this_year": True, "applies_to": "both"},
        {"award": "GK", "rating": None, "years": 0, "after": None, "this_year": True, "applies_to": "both"},
        {"award": None, "rating": "Hoàn thành xuất sắc nhiệm vụ", "years": 2, "after": "GK", "this_year": False,
         "applies_to": "individual"},
    ]
    assert data["on_vote_failure"] == "none" and data["numbering"] == "register"
    assert data["council"] == [{"name": "Trần Văn Một", "title": "Giám đốc Sở", "role": "Chủ tịch Hội đồng"}]
    text = " ".join(campaign_text(campaign, markdown=True).split())
    # the very years the rules check (domain.prerequisites.window), with the campaign's year as example; LDTT and GK
    # are not awards of this campaign, so they keep their codes; CSTDCS's own name is used
    assert ("LDTT ở 2 năm liền: năm xét và 1 năm trước (xét năm 2025: 2024–2025); GK năm xét (2025); "
            "xếp loại từ “Hoàn thành xuất sắc nhiệm vụ” trở lên ở 2 năm liền trước năm xét (xét năm 2025: 2023–2024), "
            "các năm ấy đều sau năm được tặng GK (cá nhân); xét kèm LDTT cùng đợt") in text
    assert "tặng kèm" not in text  # LĐTT is a danh hiệu: recognised, not given
    assert "| CSTDCS | Chiến sĩ thi đua cơ sở | danh hiệu thi đua |" in text
    assert "Khi không đủ phiếu Hội đồng: không xét tiếp hình thức khác" in text
    assert "Số văn bản: lấy số theo sổ đăng ký văn bản" in text
    assert "| Trần Văn Một | Giám đốc Sở | Chủ tịch Hội đồng |" in text


def test_an_award_for_one_kind_shows_the_multiplier_it_pays_that_kind_only(thidua):
    """An award for individuals only showed "0,3 / 0,6": a collective's multiplier it never pays (trial9)."""
    thidua.ok("campaign", "load", str(thidua.write("rules.toml", RULES.replace('applies_to = "both"\nmin_score = 20',
                                                                             'applies_to = "individual"\nmin_score = 20'))))
    text = " ".join(thidua.ok("campaign", "show").stdout.split())
    assert "cá nhân 0,3 Giám đốc" in text and "0,3 / " not in text
