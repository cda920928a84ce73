"""What a new office's year-end review (a Sở Giáo dục và Đào tạo, 2026) found wrong: each test sets up the case in
a temporary ledger and computes what the law and the campaign file say, not what the tool printed before."""

from __future__ import annotations

import json

from test_award_conditions import danh_hieu, excluded, proposed
from test_proposals import people, picks, setup

GK_TWO_PLACES = (
    danh_hieu("LDTT", 1, "individual", 50, '[{ rating = "Hoàn thành tốt nhiệm vụ", this_year = true }]')
    + "[[awards]]\ncode = \"GK\"\nname = \"Giấy khen\"\nlevel = 1\nmin_score = 50\nmax_count = 2\nmultiplier = 0.3\n"
    "authority = \"Giám đốc Sở Thông tin và Truyền thông\"\n"
)
THREE = people("NV1,Nguyễn Văn An,cá nhân,VP,nam,", "NV2,Trần Văn Bình,cá nhân,VP,nam,", "NV3,Lê Văn Cường,cá nhân,VP,nam,")


def test_one_who_reached_the_ratio_but_lost_the_tied_place_was_not_voted_down(thidua):
    """NV2 and NV3 tie at 80 for GK's last place; the council gives 4 votes to NV2 and 3 to NV3, both above half of
    5 members: NV3 reached the ratio and lost the place only. A later round of the year (NV3's rating came late)
    must not say 'Hội đồng đã bỏ phiếu không đạt' of him: he is out because the year's places are taken."""
    setup(thidua, GK_TWO_PLACES, THREE, {"NV1": 90, "NV2": 80, "NV3": 80}, extra="council_members = 5")
    thidua.ok("ratings", "import", str(thidua.write("xl.csv", "subject,year,rating\nNV1,2022,HTTNV\nNV2,2022,HTTNV\n")))
    first = proposed(thidua)
    assert picks(first) == [("LDTT", "NV1"), ("LDTT", "NV2"), ("GK", "NV1")]
    assert first["ties"] == [{"award": "GK", "subjects": ["NV2", "NV3"], "total": 80.0}]
    votes = "subject,award,votes\nNV1,LDTT,5\nNV2,LDTT,5\nNV1,GK,5\nNV2,GK,4\nNV3,GK,3\n"
    thidua.ok("record-votes", "1", "--file", str(thidua.write("p.csv", votes)))
    thidua.ok("ratings", "import", str(thidua.write("xl2.csv", "subject,year,rating\nNV3,2022,HTTNV\n")))
    second = proposed(thidua, "--allow-overlap")
    assert picks(second) == [("LDTT", "NV3")]
    places_used = 2  # NV1 and NV2 passed for GK in round 1 (awaiting the decision)
    assert excluded(second)[("GK", "NV3")] == (
        f"ngoài giới hạn 2 suất (tối đa 2, {places_used} suất đã dùng ở đợt trước cho cùng kỳ)")
    assert not any("bỏ phiếu không đạt" in reason for reason in excluded(second).values())
