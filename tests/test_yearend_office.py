"""What a new office's year-end review (a Sở Giáo dục và Đào tạo, 2026) found wrong: each test sets up the case in
a temporary ledger and computes what the law and the campaign file say, not what the tool printed before."""

from __future__ import annotations

import json

from test_award_conditions import danh_hieu, excluded, proposed
from test_proposals import CAMPAIGN, people, picks, setup

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


CSTDT_BRINGS = (
    danh_hieu("CSTDT", 3, "individual", 90, extra='with = ["CSTDCS", "LDTT"]').replace(
        "multiplier = 0.3", "multiplier = 3.0").replace("Giám đốc Sở Thông tin và Truyền thông", "Chủ tịch UBND tỉnh Trà Vinh")
    + danh_hieu("CSTDCS", 2, "individual", 80, extra='with = ["LDTT"]').replace("multiplier = 0.3", "multiplier = 1.0")
    + danh_hieu("LDTT", 1, "individual", 50)
)


def _paid(thidua) -> dict[tuple[str, str], int]:
    return {(a["subject"], a["award"]): a["amount"]
            for a in json.loads(thidua.ok("awards", "--format", "json").stdout)["awards"] if a["source"] == "decision"}


def test_the_giam_doc_pays_the_cstdcs_a_cstd_cap_tinh_still_awaited_brings(thidua, monkeypatch):
    """NV1 is proposed CSTĐ cấp tỉnh (Chủ tịch UBND tỉnh decides), which brings CSTĐCS and LĐTT (Giám đốc Sở decides).
    The Giám đốc's QĐ comes first: on its date NV1 holds no CSTĐ cấp tỉnh, so it pays the CSTĐCS (it paid 0 'hưởng
    tiền thưởng danh hiệu cao nhất: CSTĐ cấp tỉnh', a title the UBND had not conferred and might never); the UBND's
    later decision pays what the CSTĐ cấp tỉnh adds (NĐ 152/2025 Điều 49: one year, the highest danh hiệu)."""
    monkeypatch.setenv("THIDUA_TODAY", "2023-01-25")
    setup(thidua, CSTDT_BRINGS, people("NV1,Nguyễn Văn An,cá nhân,VP,nam,", "NV2,Trần Văn Bình,cá nhân,VP,nam,"),
          {"NV1": 95, "NV2": 85})
    first = proposed(thidua)
    assert sorted(picks(first)) == [("CSTDCS", "NV1"), ("CSTDCS", "NV2"), ("CSTDT", "NV1"), ("LDTT", "NV1"), ("LDTT", "NV2")]
    salary = 1490000
    cstdt, cstdcs = 3 * salary, salary  # 4.470.000 and 1.490.000: already tens of thousands
    asked = {(p["subject"], p["award"]): p["amount"] for p in first["proposals"]}
    assert asked == {("NV1", "CSTDT"): cstdt - cstdcs, ("NV1", "CSTDCS"): cstdcs, ("NV1", "LDTT"): 0,
                     ("NV2", "CSTDCS"): cstdcs, ("NV2", "LDTT"): 0}
    thidua.ok("record-decision", "1", "--number", "5/QĐ-STTTT", "--date", "2023-01-10", "--authority", "giam doc")
    assert _paid(thidua) == {("NV1", "CSTDCS"): cstdcs, ("NV1", "LDTT"): 0, ("NV2", "CSTDCS"): cstdcs, ("NV2", "LDTT"): 0}
    # between the two decisions the round's money counts the CSTĐ cấp tỉnh at what it will add, not at its whole rate
    # on top of the CSTĐCS paid already
    [round_] = json.loads(thidua.ok("rounds", "--format", "json").stdout)["rounds"]
    assert round_["amount"] == cstdt + cstdcs
    (decision,) = thidua.folder.rglob("quyet-dinh.md")
    text = " ".join(decision.read_text(encoding="utf-8").split())
    assert "Danh hiệu CSTDT" not in text
    thidua.ok("record-decision", "1", "--number", "7/QĐ-UBND", "--date", "2023-01-20", "--authority", "ubnd")
    paid = _paid(thidua)
    assert paid[("NV1", "CSTDT")] == cstdt - cstdcs
    assert paid[("NV1", "CSTDT")] + paid[("NV1", "CSTDCS")] + paid[("NV1", "LDTT")] == cstdt  # the highest, once
    [round_] = json.loads(thidua.ok("rounds", "--format", "json").stdout)["rounds"]
    assert round_["amount"] == sum(paid.values()) == cstdt + cstdcs == sum(asked.values())
    assert paid == asked  # each decision paid what was asked of it
    # the danh sách sent to the UBND asked, from the start, what the UBND's decision paid: the CSTĐ cấp tỉnh less the
    # CSTĐCS the Giám đốc decides in the same round (it asked the whole 4.470.000, and the Giám đốc's danh sách 0 for
    # the CSTĐCS his QĐ paid 1.490.000: the tờ trình and the QĐ drawn from it disagreed)
    listing = " ".join(next(p for p in thidua.folder.rglob("danh-sach.md") if "ubnd" in str(p)).read_text(encoding="utf-8").split())
    assert ("| Danh hiệu CSTDT | 2.980.000 (trừ tiền thưởng Danh hiệu CSTDCS 1.490.000 đồng cùng đợt; hưởng phần chênh "
            "lệch) |") in listing
    # corrected, the Giám đốc's decision still came first: it pays the CSTĐCS as it did
    thidua.ok("decision", "correct", "5/QĐ-STTTT", "--number", "6/QĐ-STTTT", "--date", "2023-01-10", "--reason", "gõ nhầm số")
    assert _paid(thidua) == paid


def test_the_ldtt_a_failed_cstd_cap_tinh_brought_comes_with_the_cstdcs_that_passed(thidua, monkeypatch):
    """The council votes NV1's CSTĐ cấp tỉnh down; its CSTĐCS and LĐTT pass. The LĐTT comes with the CSTĐCS and is
    paid nothing, as the Giám đốc's QĐ pays it: the round asked its own 450.000 đ for it (1.940.000 in all against
    the 1.490.000 paid)."""
    monkeypatch.setenv("THIDUA_TODAY", "2023-01-25")
    setup(thidua, CSTDT_BRINGS, people("NV1,Nguyễn Văn An,cá nhân,VP,nam,"), {"NV1": 95})
    proposed(thidua)
    votes = "subject,award,votes\nNV1,CSTDT,1\nNV1,CSTDCS,5\nNV1,LDTT,5\n"
    thidua.ok("record-votes", "1", "--members", "5", "--file", str(thidua.write("p.csv", votes)))
    shown = json.loads(thidua.ok("rounds", "show", "1", "--format", "json").stdout)
    asked = {p["award"]: p["amount"] for p in shown["proposals"] if p["passed"]}
    assert asked == {"CSTDCS": 1490000, "LDTT": 0} and shown["total_amount"] == 1490000
    thidua.ok("record-decision", "1", "--number", "5/QĐ-STTTT", "--date", "2023-01-20", "--authority", "giam doc")
    assert _paid(thidua) == {("NV1", "CSTDCS"): 1490000, ("NV1", "LDTT"): 0}


def test_a_cstdcs_decided_after_the_cstd_cap_tinh_it_came_with_pays_what_its_danh_sach_asked(thidua, monkeypatch):
    """The UBND decides first. Its QĐ follows the danh sách it was sent, which asked the CSTĐ cấp tỉnh less the
    CSTĐCS the Giám đốc pays in the same round; the Giám đốc's QĐ then pays the CSTĐCS. It recorded the UBND's at
    the whole CSTĐ cấp tỉnh and the CSTĐCS at 0 — not what either QĐ said (an earlier rule, from before each
    authority was asked its own money)."""
    monkeypatch.setenv("THIDUA_TODAY", "2023-01-25")
    setup(thidua, CSTDT_BRINGS, people("NV1,Nguyễn Văn An,cá nhân,VP,nam,"), {"NV1": 95})
    asked = {(p["subject"], p["award"]): p["amount"] for p in proposed(thidua)["proposals"]}
    assert asked == {("NV1", "CSTDT"): 3 * 1490000 - 1490000, ("NV1", "CSTDCS"): 1490000, ("NV1", "LDTT"): 0}
    thidua.ok("record-decision", "1", "--number", "7/QĐ-UBND", "--date", "2023-01-10", "--authority", "ubnd")
    thidua.ok("record-decision", "1", "--number", "5/QĐ-STTTT", "--date", "2023-01-20", "--authority", "giam doc")
    assert _paid(thidua) == asked


def test_the_summary_of_achievements_names_the_initiative_a_cstdcs_rests_on(thidua):
    """The danh sách's "Tóm tắt thành tích" listed the two entries with the most points; a CSTĐCS (Luật 2022 Điều 23:
    LĐTT and a recognised initiative) read only "Thành tích …" and never the sáng kiến it was proposed for."""
    from test_award_conditions import CSTDCS_WITH_INITIATIVE, add_entries

    setup(thidua, CSTDCS_WITH_INITIATIVE, people("NV1,Nguyễn Văn An,cá nhân,VP,nam,"), {"NV1": 60})
    add_entries(thidua, ["2022-06-01,NV1,TC,25,Hoàn thành xuất sắc nhiệm vụ quý II",
                         "2022-05-01,NV1,SK,5,Sáng kiến số 1 được Hội đồng công nhận"])
    assert ("CSTDCS", "NV1") in picks(proposed(thidua, "--out", str(thidua.folder / "hs")))
    (listing,) = (thidua.folder / "hs").rglob("danh-sach.md")
    row = next(line for line in listing.read_text(encoding="utf-8").splitlines() if "| Danh hiệu CSTDCS |" in line)
    assert "Sáng kiến số 1 được Hội đồng công nhận" in row


def test_a_collectives_report_leaves_its_staff_count_to_write_beside_the_share_of_women(thidua):
    """With no staff count on file, the Báo cáo thành tích of a school read "Số cán bộ, công chức, viên chức, người
    lao động: nữ chiếm 65%" — a share where the number goes; the dotted line to fill must stay, the share beside it."""
    setup(thidua, danh_hieu("TTLDTT", 1, "collective", 50), people("LQD,Trường THPT Lê Quý Đôn,tập thể,,,65"), {"LQD": 90})
    proposed(thidua, "--out", str(thidua.folder / "hs"))
    (report,) = (thidua.folder / "hs").rglob("bao-cao-lqd-*.md")
    line = next(x for x in report.read_text(encoding="utf-8").splitlines() if x.startswith("- Số cán bộ"))
    assert line == "- Số cán bộ, công chức, viên chức, người lao động: ……………………………… (nữ chiếm 65%)"


def test_explain_after_the_decision_still_tells_why_one_was_left_out(thidua):
    """score --explain answers for a round of the period on its own; once the round was decided it counted that
    decision's grants (the 9 people with a Giấy khen 'đã được tặng'), so their places looked free and it said of the
    10th, left out for want of a place: 'Được đề nghị: GK-GD'."""
    from test_proposals import award

    setup(thidua, award("GK", 1, 50, max_count=1), people("NV1,Nguyễn Văn An,cá nhân,VP,nam,", "NV2,Trần Văn Bình,cá nhân,VP,nam,"),
          {"NV1": 90, "NV2": 80})
    assert picks(proposed(thidua)) == [("GK", "NV1")]
    thidua.ok("record-decision", "1", "--number", "5/QĐ-STTTT", "--date", "2022-12-30")
    explained = thidua.ok("score", "--explain", "NV2").stdout
    assert "Được đề nghị" not in explained
    assert "Không được đề nghị GK — Hình thức GK: ngoài giới hạn 1 suất (tối đa 1)" in explained
    assert "Được đề nghị: GK — Hình thức GK" in thidua.ok("score", "--explain", "NV1").stdout
    # … and what the round made did with it comes first, so the two never read as one (trial4: a subject given the
    # award of this achievement read "Được đề nghị" and nothing else)
    explained = thidua.ok("score", "--explain", "NV1").stdout
    assert ("Đợt đề nghị số 1 (01/01/2022 – 31/12/2022)\n  GK — Hình thức GK: đã được khen theo quyết định số 5/QĐ-STTTT "
            "ngày 30/12/2022\n\nXét khen thưởng nếu lập một đợt riêng cho kỳ này (không kể các đợt trên)") in explained
    data = json.loads(thidua.ok("score", "--explain", "NV1", "--format", "json").stdout)
    assert data["rounds"] == [{"round": 1, "from": "2022-01-01", "to": "2022-12-31", "proposals": [
        {"award": "GK", "name": "Hình thức GK", "outcome": "đã được khen theo quyết định số 5/QĐ-STTTT ngày 30/12/2022"}]}]
    assert "Đợt đề nghị số" not in thidua.ok("score", "--explain", "NV2").stdout  # not proposed in it: nothing to tell


def test_explain_after_the_decision_does_not_count_that_decisions_danh_hieu_against_a_round_on_its_own(thidua):
    """A round of the period "không kể các đợt trên" left out the rounds' Giấy khen (so it was "Được đề nghị" again)
    but counted the CSTĐCS their decision granted as this year's — "Không được đề nghị CSTDCS: đã được công nhận
    Chiến sĩ thi đua cơ sở năm 2022 theo Quyết định số 5/QĐ-STTTT …; mỗi năm một danh hiệu chỉ công nhận một lần",
    and likewise its LĐTT: the person read as eligible for the Giấy khen and not for the danh hiệu granted with it."""
    from test_proposals import award

    titles = danh_hieu("CSTDCS", 2, "individual", 80, extra='with = ["LDTT"]') + danh_hieu("LDTT", 1, "individual", 50) \
        + award("GK", 1, 50)
    setup(thidua, titles, people("NV1,Nguyễn Văn An,cá nhân,VP,nam,"), {"NV1": 90})
    # the year-end review: its danh hiệu are công trạng, one a year
    regular = CAMPAIGN.format(extra="", awards=titles).replace('kind = "chuyen-de"', 'kind = "thuong-xuyen"')
    thidua.ok("campaign", "load", str(thidua.write("thu.toml", regular)))
    assert sorted(picks(proposed(thidua))) == [("CSTDCS", "NV1"), ("GK", "NV1"), ("LDTT", "NV1")]
    thidua.ok("record-decision", "1", "--number", "5/QĐ-STTTT", "--date", "2022-12-30")
    on_its_own = thidua.ok("score", "--explain", "NV1").stdout.split("(không kể các đợt trên)")[1]
    assert "Không được đề nghị" not in on_its_own, on_its_own
    for line in ("Được đề nghị: CSTDCS", "Được đề nghị: LDTT", "Được đề nghị: GK"):
        assert line in on_its_own, on_its_own


def test_a_chain_missing_a_year_held_only_by_a_chuyen_de_award_says_so(thidua):
    """Trường THPT Nguyễn Huệ holds 'Tập thể lao động xuất sắc' for 2025 in its history, given by a chuyên đề
    campaign: it does not count toward a công trạng chain (NĐ 152/2025 Điều 4 k3), and the reason said only
    'thiếu … năm 2025' beside a history that shows one — the office could not see why."""
    rules = (danh_hieu("CTD", 3, "collective", 90, '[{ award = "TTLDXS", years = 1 }]')
             + danh_hieu("TTLDXS", 2, "collective", 90))
    setup(thidua, rules, people("P1,Phòng Một,tập thể,,,", "P2,Phòng Hai,tập thể,,,"), {"P1": 95, "P2": 95})
    for code, kind in (("P1", "chuyen-de"), ("P2", "cong-trang")):
        thidua.ok("awards", "add", "--subject", code, "--award", "TTLDXS", "--number", f"1/QĐ-UBND-{code}",
                  "--date", "2021-09-10", "--kind", kind, "--year", "2021")
    data = proposed(thidua)
    assert ("CTD", "P2") in picks(data) and ("CTD", "P1") not in picks(data)
    assert excluded(data)[("CTD", "P1")] == (
        "thiếu Danh hiệu TTLDXS năm 2021 (năm 2021 chỉ có khen thưởng theo chuyên đề, không tính vào điều kiện "
        "nhiều năm của khen thưởng công trạng)")


def test_the_to_trinh_dates_each_sitting_its_cases_were_voted_at(thidua):
    """NV1 fails the Bằng khen at the meeting of 20/12 and is voted the Giấy khen at a second sitting on 22/12; the
    Giám đốc's tờ trình said every case was voted 'tại cuộc họp ngày 22/12/2022' (NV2 was voted on 20/12); in an
    office's trial the UBND's tờ trình, whose cases were all voted at the first meeting, named the second's day too."""
    from test_award_conditions import FALLING, FOUR

    setup(thidua, FALLING, FOUR, {"NV1": 95, "NV2": 80, "NV3": 80, "NV4": 80}, extra="council_members = 5")
    proposed(thidua, "--out", str(thidua.folder / "hs"))
    votes = "subject,award,votes\nNV1,BK,2\nNV2,GK,5\nNV3,GK,1\nNV4,GK,1\n"
    thidua.ok("record-votes", "1", "--file", str(thidua.write("p.csv", votes)), "--date", "2022-12-20")
    thidua.ok("record-votes", "1", "--file", str(thidua.write("p2.csv", "subject,award,votes\nNV1,GK,5\n")), "--date", "2022-12-22")
    texts = {path.parent.name: " ".join(path.read_text(encoding="utf-8").split())
             for path in (thidua.folder / "hs").rglob("to-trinh.md")}
    (giam_doc,) = [text for folder, text in texts.items() if "giam-doc" in folder]
    assert "biểu quyết bằng phiếu kín tại các cuộc họp ngày 20/12/2022 và 22/12/2022" in giam_doc


def test_the_bien_ban_of_two_sittings_ends_the_first_meeting_on_its_own_day(thidua):
    """After the second sitting's paragraph (22/12, 14 giờ 00 to 14 giờ 30) the biên bản closed with 'Cuộc họp kết
    thúc lúc 11 giờ 00 phút cùng ngày' — the first meeting's end, read as the day just told (22/12)."""
    from docx import Document

    from test_award_conditions import FALLING, FOUR

    setup(thidua, FALLING, FOUR, {"NV1": 95, "NV2": 80, "NV3": 80, "NV4": 80}, extra="council_members = 5")
    proposed(thidua, "--out", str(thidua.folder / "hs"))
    votes = "subject,award,votes\nNV1,BK,2\nNV2,GK,5\nNV3,GK,1\nNV4,GK,1\n"
    thidua.ok("record-votes", "1", "--file", str(thidua.write("p.csv", votes)), "--date", "2022-12-20",
              "--start", "8:00", "--end", "11:00", "--place", "Phòng họp Sở")
    thidua.ok("record-votes", "1", "--file", str(thidua.write("p2.csv", "subject,award,votes\nNV1,GK,5\n")), "--date", "2022-12-22",
              "--start", "14:00", "--end", "14:30", "--place", "Phòng họp Sở")
    # (trial18) the biên bản tells the 22/12 sitting and is dated 22/12: it closes on that sitting, named with its day
    # ("approved at the close of the 20/12 meeting" could not hold the 22/12 result), never "cùng ngày"
    ending = "Phiên họp cuối ngày 22 tháng 12 năm 2022 kết thúc lúc 14 giờ 30 phút. Biên bản đã được thông qua"
    for minutes in (thidua.folder / "hs").rglob("bien-ban.md"):
        text = " ".join(minutes.read_text(encoding="utf-8").split())
        assert ending in text and "cùng ngày" not in text
        word = " ".join(" ".join(p.text for p in Document(str(minutes.with_suffix(".docx"))).paragraphs).split())
        assert ending in word
        html = " ".join(minutes.with_suffix(".html").read_text(encoding="utf-8").split())
        assert ending in html
