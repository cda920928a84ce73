"""trial13: an inspector of the Ban Thi đua - Khen thưởng checks that every number, name and date the office's
outputs state agrees with the ledger, with the other outputs and with a count made by hand.

Run on both engines: `pytest tests/test_trial13.py` and `THIDUA_TEST_ENGINE=postgresql pytest tests/test_trial13.py`."""

from __future__ import annotations

import json

from conftest import MINI_CAMPAIGN

OWN_NAME = MINI_CAMPAIGN.replace('name = "Phong trào thử nghiệm"',
                                 'name = "Phong trào thi đua năm 2021 của Sở Thông tin và Truyền thông"')


def test_the_closing_line_names_the_agency_once_when_the_campaign_name_already_does(thidua):
    # a campaign named "… của Sở Xây dựng" closed its tổng kết with "… năm 2026 của Sở Xây dựng của Sở Xây dựng./."
    # (seen on the rendered tổng kết), and its monthly report likewise
    thidua.ok("campaign", "load", str(thidua.write("c.toml", OWN_NAME)))
    thidua.ok("subject", "add", "--code", "NV1", "--name", "Nguyễn Văn An", "--kind", "ca-nhan", "--gender", "nam")
    thidua.ok("add-entry", "--subject", "NV1", "--criterion", "TC1", "--points", "30", "--date", "2021-11-05")
    final = thidua.ok("report", "--final", "--date", "2021-12-31", "-O", "md").stdout
    assert "Trên đây là báo cáo tổng kết phong trào thi đua năm 2021 của Sở Thông tin và Truyền thông./." in final
    monthly = thidua.ok("report", "--month", "2021-11", "--date", "2021-12-01", "-O", "md").stdout
    assert "của Sở Thông tin và Truyền thông của Sở Thông tin và Truyền thông" not in monthly
    assert "Trên đây là báo cáo kết quả thực hiện phong trào thi đua năm 2021 của Sở Thông tin và Truyền thông" in monthly


def test_a_man_tied_at_the_last_place_with_the_woman_who_took_it_is_told_so_not_out_of_the_limit(thidua):
    # 10 Giấy khen, the 10th and 11th both 46,25 points, a woman and a man: the woman was proposed (NĐ 152 Điều 4 k6)
    # and the man's reason read "ngoài giới hạn 10 suất (…)", as if he had fewer points than the last one proposed
    one_place = MINI_CAMPAIGN.replace('authority = "Giám đốc Sở Thông tin và Truyền thông"',
                                      'authority = "Giám đốc Sở Thông tin và Truyền thông"\nmax_count = 1')
    thidua.ok("campaign", "load", str(thidua.write("c.toml", one_place)))
    thidua.ok("subject", "import", str(thidua.write("s.csv", """
        code,name,kind,unit,position,gender,female_percent
        VP,Văn phòng Sở,tập thể,,,,40
        NV1,Nguyễn Văn An,cá nhân,VP,Chuyên viên,nam,
        NV2,Trần Thị Ánh,cá nhân,VP,Chuyên viên,nữ,
        NV3,Lê Văn Hòa,cá nhân,VP,Chuyên viên,nam,
    """)))
    for code, points in (("NV1", "30"), ("NV2", "30"), ("NV3", "25")):
        thidua.ok("add-entry", "--subject", code, "--criterion", "TC1", "--points", points, "--date", "2021-11-05")
    out = json.loads(thidua.ok("propose-awards", "--to", "2021-11-30", "--date", "2021-12-01", "--format", "json").stdout)
    assert [(p["award"], p["subject"]) for p in out["proposals"]] == [("GK", "NV2")]
    reasons = {e["subject"]: e["reason"] for e in out["excluded"]}
    assert reasons["NV1"] == ("đồng hạng ở suất cuối (30 điểm), suất cuối dành cho cá nhân nữ cùng điểm "
                              "(ưu tiên nữ theo khoản 3 Điều 3 Nghị định số 91/2017/NĐ-CP)")  # the 2021 campaign's rules
    assert reasons["NV3"].startswith("ngoài giới hạn 1 suất")  # fewer points: out of the limit, as before


TWO_LADDERS = MINI_CAMPAIGN + """
[[awards]]
code = "LDTT"
name = "Lao động tiên tiến"
category = "danh-hieu"
level = 1
applies_to = "individual"
min_score = 40
multiplier = 0.3
authority = "Giám đốc Sở Thông tin và Truyền thông"
"""


def test_a_round_beside_an_earlier_one_says_bo_sung_only_of_what_the_earlier_one_proposed(thidua, tmp_path):
    # a mid-year round proposed Giấy khen only; the year-end round beside it (--allow-overlap) asked to "công nhận bổ
    # sung danh hiệu Tập thể lao động xuất sắc và tặng Bằng khen" — "bổ sung" on the danh hiệu never proposed before
    # (and sent to a UBND that had no earlier tờ trình), none on the Giấy khen that was proposed before
    thidua.ok("campaign", "load", str(thidua.write("c.toml", TWO_LADDERS)))
    thidua.ok("subject", "import", str(thidua.write("s.csv", """
        code,name,kind,unit,position,gender,female_percent
        NV1,Nguyễn Văn An,cá nhân,,Chuyên viên,nam,
        NV2,Trần Thị Ánh,cá nhân,,Chuyên viên,nữ,
    """)))
    thidua.ok("add-entry", "--subject", "NV1", "--criterion", "TC1", "--points", "25", "--date", "2021-10-05")
    thidua.ok("add-entry", "--subject", "NV2", "--criterion", "TC1", "--points", "45", "--date", "2021-11-05")
    first = json.loads(thidua.ok("propose-awards", "--to", "2021-10-31", "--date", "2021-11-01", "-O", "json",
                                 "--out", str(tmp_path / "dot1")).stdout)
    assert [(p["award"], p["subject"]) for p in first["proposals"]] == [("GK", "NV1")]
    second = json.loads(thidua.ok("propose-awards", "--to", "2021-12-31", "--date", "2021-12-31", "--allow-overlap",
                                  "-O", "json", "--out", str(tmp_path / "dot2")).stdout)
    assert {(p["award"], p["subject"]) for p in second["proposals"]} == {("LDTT", "NV2"), ("GK", "NV2")}
    text = "\n".join(path.read_text(encoding="utf-8") for path in (tmp_path / "dot2").rglob("*.md")
                     if path.name in ("to-trinh.md", "danh-sach.md", "quyet-dinh.md"))
    assert "công nhận danh hiệu Lao động tiên tiến và tặng bổ sung Giấy khen của Giám đốc Sở" in text
    assert "công nhận bổ sung" not in text.replace("\n", " ") and "CÔNG NHẬN BỔ SUNG" not in text


COLLECTIVE_TITLES = MINI_CAMPAIGN + """
[[awards]]
code = "TTLDXS"
name = "Tập thể lao động xuất sắc"
category = "danh-hieu"
level = 2
applies_to = "collective"
min_score = 40
max_count = 1
multiplier = 0
collective_multiplier = 1.5
authority = "Giám đốc Sở Thông tin và Truyền thông"

[[awards]]
code = "TTLDTT"
name = "Tập thể lao động tiên tiến"
category = "danh-hieu"
level = 1
applies_to = "collective"
min_score = 20
multiplier = 0
collective_multiplier = 0.8
authority = "Giám đốc Sở Thông tin và Truyền thông"
"""


def test_explain_does_not_say_the_council_voted_down_what_it_passed_and_a_higher_title_displaced(thidua):
    # two offices tied for the one Tập thể lao động xuất sắc, each proposed Tập thể lao động tiên tiến as well; the
    # council gave the tie to one and 7/7 to its TTLĐTT, which the higher title displaced. The biên bản says "7/7
    # phiếu: không được đề nghị, đã được danh hiệu cao hơn"; score --explain said "Hội đồng không thông qua"
    thidua.ok("campaign", "load", str(thidua.write("c.toml", COLLECTIVE_TITLES)))
    thidua.ok("subject", "import", str(thidua.write("s.csv", """
        code,name,kind,unit,position,gender,female_percent
        VP,Văn phòng Sở,tập thể,,,,40
        TTRA,Thanh tra Sở,tập thể,,,,40
    """)))
    for code in ("VP", "TTRA"):
        thidua.ok("add-entry", "--subject", code, "--criterion", "TC2", "--points", "25", "--date", "2021-11-05")
        thidua.ok("add-entry", "--subject", code, "--criterion", "TC1", "--points", "20", "--date", "2021-11-06")
    out = json.loads(thidua.ok("propose-awards", "--to", "2021-11-30", "--date", "2021-12-01", "-O", "json").stdout)
    assert [t["subjects"] for t in out["ties"]] == [["TTRA", "VP"]]
    votes = thidua.write("phieu.csv", """
        subject,award,votes
        VP,TTLDXS,7
        TTRA,TTLDXS,5
        VP,TTLDTT,7
        TTRA,TTLDTT,7
        VP,GK,7
        TTRA,GK,7
    """)
    thidua.ok("record-votes", "1", "--members", "7", "--file", str(votes), "--date", "2021-12-02")
    told = thidua.ok("score", "--to", "2021-11-30", "--explain", "VP").stdout
    assert ("TTLDTT — Tập thể lao động tiên tiến: không đề nghị: đã được danh hiệu cao hơn trong đợt này "
            "(Hội đồng 7/7 phiếu đồng ý)") in told
    assert "không thông qua" not in told


def test_the_minutes_name_women_first_where_it_left_a_man_out_of_the_lowest_award(thidua, tmp_path):
    # the 10th Giấy khen went to a woman tied with a man at 46,25 points; Giấy khen being the lowest award, he got
    # nothing else, and the biên bản did not say that ưu tiên nữ had decided the last place
    one_place = MINI_CAMPAIGN.replace('authority = "Giám đốc Sở Thông tin và Truyền thông"',
                                      'authority = "Giám đốc Sở Thông tin và Truyền thông"\nmax_count = 1')
    thidua.ok("campaign", "load", str(thidua.write("c.toml", one_place)))
    thidua.ok("subject", "import", str(thidua.write("s.csv", """
        code,name,kind,unit,position,gender,female_percent
        NV1,Nguyễn Văn An,cá nhân,,Chuyên viên,nam,
        NV2,Trần Thị Ánh,cá nhân,,Chuyên viên,nữ,
    """)))
    for code in ("NV1", "NV2"):
        thidua.ok("add-entry", "--subject", code, "--criterion", "TC1", "--points", "30", "--date", "2021-11-05")
    thidua.ok("propose-awards", "--to", "2021-11-30", "--date", "2021-12-01", "--out", str(tmp_path / "dot1"))
    minutes = next((tmp_path / "dot1").rglob("bien-ban.md")).read_text(encoding="utf-8")
    assert ("Giấy khen của Giám đốc Sở: Trần Thị Ánh và Nguyễn Văn An cùng đạt 30 điểm tại suất cuối; áp dụng ưu tiên "
            "cá nhân nữ (khoản 3 Điều 3 Nghị định số 91/2017/NĐ-CP), đề nghị Trần Thị Ánh.") in minutes
    thidua.ok("record-votes", "1", "--members", "5", "--file", str(thidua.write("v.csv", "subject,votes\nNV2,5\n")),
              "--date", "2021-12-02")
    minutes = next((tmp_path / "dot1").rglob("bien-ban.md")).read_text(encoding="utf-8")
    assert "áp dụng ưu tiên cá nhân nữ (khoản 3 Điều 3 Nghị định số 91/2017/NĐ-CP), đề nghị Trần Thị Ánh." in minutes


def test_a_year_end_round_states_the_campaign_s_own_dates_as_the_reports_do(thidua, tmp_path):
    # `propose-awards --year 2026` of a campaign from 01/01 to 15/12/2026: the tờ trình, danh sách and QĐ said "từ
    # ngày 01/01/2026 đến ngày 31/12/2026" while the tổng kết and `report --year 2026` say "đến ngày 15/12/2026"
    short = MINI_CAMPAIGN.replace("end = 2021-12-31", "end = 2021-12-15")
    thidua.ok("campaign", "load", str(thidua.write("c.toml", short)))
    thidua.ok("subject", "add", "--code", "NV1", "--name", "Nguyễn Văn An", "--kind", "ca-nhan", "--gender", "nam")
    thidua.ok("add-entry", "--subject", "NV1", "--criterion", "TC1", "--points", "30", "--date", "2021-11-05")
    report = json.loads(thidua.ok("report", "--year", "2021", "--date", "2021-12-20", "-O", "json").stdout)
    out = json.loads(thidua.ok("propose-awards", "--year", "2021", "--date", "2021-12-20", "-O", "json",
                               "--out", str(tmp_path / "dot1")).stdout)
    assert (out["from"], out["to"]) == (report["from"], report["to"]) == ("2021-10-01", "2021-12-15")
    letter = next((tmp_path / "dot1").rglob("to-trinh.md")).read_text(encoding="utf-8")
    assert "từ ngày 01/10/2021 đến ngày 15/12/2021" in letter and "31/12/2021" not in letter
