"""Disciplinary measures and the award rules that read them (Luật Thi đua, khen thưởng 2022 Điều 27, 28: a
collective is Tập thể lao động tiên tiến or xuất sắc only with no member disciplined "từ hình thức cảnh cáo trở
lên"; an agency may bar an individual's danh hiệu for a lighter measure). Expected results come from the points."""

from __future__ import annotations

import json

from conftest import assert_refused
from test_award_conditions import danh_hieu
from test_proposals import people, propose, setup

NO_WARNING = '{ members_no_discipline = "Cảnh cáo" }'
RULES = (
    danh_hieu("CSTDCS", 2, "individual", 90, extra='with = ["LDTT"]')
    + danh_hieu("LDTT", 1, "individual", 50, '[{ no_discipline = "khiển trách" }]')
    + danh_hieu("TTLDXS", 2, "collective", 90, f'[{{ members = "LDTT", percent = 70 }}, {NO_WARNING}]')
    + danh_hieu("TTLDTT", 1, "collective", 50, f'[{{ members = "LDTT", more_than_percent = 50 }}, {NO_WARNING}]')
)
UNITS = people(
    "P1,Phòng Một,tập thể,,,", "A1,Nguyễn Văn An,cá nhân,P1,nam,", "A2,Trần Văn Bình,cá nhân,P1,nam,",
    "P3,Phòng Ba,tập thể,,,", "C1,Đỗ Thị Hoa,cá nhân,P3,nữ,", "C2,Vũ Thị Lan,cá nhân,P3,nữ,", "C3,Lý Thị Mai,cá nhân,P3,nữ,",
    "C4,Hà Thị Ngọc,cá nhân,P3,nữ,",
)
# every person reaches LĐTT (50); Phòng Ba keeps 70% LĐTT with one of its four without it
POINTS = {"P1": 95, "A1": 70, "A2": 60, "P3": 95, "C1": 92, "C2": 70, "C3": 55, "C4": 60}


def picked(data: dict) -> set[tuple[str, str]]:
    return {(p["award"], p["subject"]) for p in data["proposals"]}


def reasons(data: dict) -> dict[tuple[str, str], str]:
    return {(e["award"], e["subject"]): e["reason"] for e in data["excluded"]}


def add(thidua, *args: str) -> str:
    return thidua.ok("discipline", "add", *args).stderr


def test_a_member_disciplined_from_canh_cao_keeps_the_collective_from_its_danh_hieu(thidua):
    setup(thidua, RULES, UNITS, POINTS)
    assert {("TTLDXS", "P1"), ("TTLDXS", "P3")} <= picked(propose(thidua))
    # lighter than cảnh cáo (a khiển trách), or of another year: the collective keeps its danh hiệu; the person,
    # whose own LĐTT bars a khiển trách of the year, does not
    said = add(thidua, "C2", "--form", "KHIỂN TRÁCH", "--date", "10/06/2022", "--number", "7/QĐ-STTTT")
    assert "Đã ghi kỷ luật C2 — Vũ Thị Lan: khiển trách năm 2022, Quyết định số 7/QĐ-STTTT ngày 10/06/2022 (số 1)." in said
    add(thidua, "A2", "--form", "canh cao", "--date", "2021-12-20")
    data = propose(thidua)
    assert {("TTLDXS", "P1"), ("TTLDXS", "P3")} <= picked(data)
    assert ("LDTT", "C2") not in picked(data)
    assert reasons(data)[("LDTT", "C2")] == "bị kỷ luật khiển trách năm 2022 (Quyết định số 7/QĐ-STTTT)"
    # C3's cảnh cáo of the year: Phòng Ba is neither xuất sắc nor tiên tiến, and the reason names who and why
    add(thidua, "Lý Thị Mai", "--form", "Cảnh cáo", "--date", "01/08/2022", "--number", "15/QĐ-STTTT", "--reason", "vi phạm giờ giấc")
    data = propose(thidua)
    assert {("TTLDXS", "P3"), ("TTLDTT", "P3")}.isdisjoint(picked(data)) and ("TTLDXS", "P1") in picked(data)
    why = "C3 — Lý Thị Mai bị kỷ luật cảnh cáo năm 2022 (Quyết định số 15/QĐ-STTTT)"
    # her own LĐTT goes too (a cảnh cáo is heavier than the khiển trách LĐTT bars): 2 of 4 hold LĐTT
    assert reasons(data)[("TTLDXS", "P3")] == f"2/4 cá nhân (50%) đạt Danh hiệu LDTT năm 2022, cần từ 70% trở lên; {why}"
    assert reasons(data)[("TTLDTT", "P3")] == f"2/4 cá nhân (50%) đạt Danh hiệu LDTT năm 2022, cần trên 50%; {why}"
    explained = thidua.ok("score", "--explain", "P3").stdout
    assert why in explained
    # recorded by mistake: cancelled, kept in the ledger, no longer counted
    listed = json.loads(thidua.ok("discipline", "--format", "json").stdout)["disciplines"]
    assert [(d["subject"], d["year"], d["form"]) for d in listed] == [
        ("A2", 2021, "Cảnh cáo"), ("C2", 2022, "Khiển trách"), ("C3", 2022, "Cảnh cáo")]
    said = thidua.ok("discipline", "cancel", "3", "--reason", "ghi nhầm người").stderr
    assert said.startswith("Đã huỷ kỷ luật C3 — Lý Thị Mai: cảnh cáo năm 2022") and "ghi nhầm người" in said
    assert ("TTLDXS", "P3") in picked(propose(thidua))
    shown = json.loads(thidua.ok("discipline", "--cancelled", "--subject", "C3", "--format", "json").stdout)["disciplines"]
    assert shown[0]["cancelled"]["reason"] == "ghi nhầm người"
    assert "kỷ luật Cảnh cáo 2022 của đối tượng C3" in thidua.ok("log").stdout
    assert thidua("check").exit_code == 0


def test_refusals_name_the_field_and_change_nothing(thidua, monkeypatch):
    monkeypatch.setenv("THIDUA_TODAY", "2023-01-10")
    setup(thidua, RULES, UNITS, POINTS)
    add(thidua, "C3", "--form", "cảnh cáo", "--date", "01/08/2022", "--number", "15/QĐ-STTTT")
    before = thidua.digest()
    assert_refused(thidua, ["discipline", "add", "C3", "--form", "nhắc nhở", "--date", "01/08/2022"],
                   '--form: "nhắc nhở" không phải hình thức kỷ luật; ghi một trong: Khiển trách, Cảnh cáo, Hạ bậc lương, '
                   "Giáng chức, Cách chức, Bãi nhiệm, Buộc thôi việc", code=2)
    assert_refused(thidua, ["discipline", "add", "C3", "--form", "cảnh cáo", "--date", "01/02/2023"],
                   "--date: ngày quyết định kỷ luật 01/02/2023 sau hôm nay (10/01/2023)", code=2)
    assert_refused(thidua, ["discipline", "add", "C3", "--form", "cảnh cáo", "--date", "31/02/2022"], '--date: "31/02/2022"', code=2)
    assert_refused(thidua, ["discipline", "add", "X9", "--form", "cảnh cáo", "--date", "01/08/2022"],
                   'ĐỐI_TƯỢNG: không tìm thấy đối tượng "X9"')
    assert_refused(thidua, ["discipline", "add", "C3", "--form", "Cảnh cáo", "--date", "2022-08-01", "--number", "15/QĐ-STTTT"],
                   "C3 — Lý Thị Mai đã có kỷ luật cảnh cáo năm 2022 (Quyết định số 15/QĐ-STTTT), số 1; không ghi lần hai")
    # the same number typed another way (case, spaces, a stray comma) is the same decision, as --number's check of
    # other decisions says
    assert_refused(thidua, ["discipline", "add", "C3", "--form", "cảnh cáo", "--date", "01/08/2022", "--number", "15/QĐ-STTTT,"],
                   "C3 — Lý Thị Mai đã có kỷ luật cảnh cáo năm 2022 (Quyết định số 15/QĐ-STTTT), số 1; không ghi lần hai")
    assert_refused(thidua, ["discipline", "add", "C3", "--form", "cảnh cáo", "--date", "01/08/2022", "--number", "15 / qđ-stttt"],
                   "C3 — Lý Thị Mai đã có kỷ luật cảnh cáo năm 2022 (Quyết định số 15/QĐ-STTTT), số 1; không ghi lần hai")
    assert_refused(thidua, ["discipline", "cancel", "9", "--reason", "nhầm"], "không có kỷ luật số 9")
    assert_refused(thidua, ["discipline", "cancel", "1", "--reason", "  "], "--reason: cần ghi lý do huỷ kỷ luật")
    assert thidua.digest() == before
    thidua.ok("discipline", "cancel", "1", "--reason", "nhầm")
    before = thidua.digest()
    assert_refused(thidua, ["discipline", "cancel", "1", "--reason", "nhầm"], "kỷ luật số 1 (C3 — Lý Thị Mai, cảnh cáo năm 2022) đã được huỷ")
    assert thidua.digest() == before


def test_the_campaign_file_names_a_measure_the_rules_know(thidua):
    bad = RULES.replace(NO_WARNING, '{ members_no_discipline = "nhắc nhở" }', 1)
    setup_args = ("campaign", "load")
    from test_proposals import CAMPAIGN

    for rules, message in (
        (bad, 'members_no_discipline = "nhắc nhở" không phải hình thức kỷ luật; chọn: Khiển trách, Cảnh cáo'),
        (RULES.replace(NO_WARNING, '{ members_no_discipline = "Cảnh cáo", percent = 10 }', 1),
         "percent không dùng với members_no_discipline"),
    ):
        path = thidua.write("thu.toml", CAMPAIGN.format(extra="", awards=rules))
        result = thidua(*setup_args, str(path))
        assert result.exit_code == 1 and message in result.stderr, result.stderr
    thidua.ok(*setup_args, str(thidua.write("thu.toml", CAMPAIGN.format(extra="", awards=RULES))))
    shown = " ".join(thidua.ok("campaign", "show").stdout.split())
    assert "không có cá nhân nào của tập thể bị kỷ luật từ hình thức cảnh cáo trở lên năm xét" in shown
    assert "không bị kỷ luật từ hình thức khiển trách trở lên năm xét" in shown


def test_a_listing_of_a_year_out_of_range_is_refused_and_a_decision_number_keeps_no_stray_comma(thidua):
    setup(thidua, RULES, UNITS, POINTS)
    assert_refused(thidua, ["discipline", "--year", "1800"], "--year: 1800 ngoài khoảng 1945–", code=2)
    # a decision number keeps no comma pasted after it, in record-decision as in discipline add
    propose(thidua)
    thidua.ok("record-decision", "1", "--number", "9/QĐ-STTTT,", "--date", "2023-01-10")
    assert {a["number"] for a in json.loads(thidua.ok("awards", "--format", "json").stdout)["awards"]} == {"9/QĐ-STTTT"}


def test_the_reports_name_a_measure_decided_in_their_period(thidua, monkeypatch):
    """Section II ("Vi phạm, điểm trừ") of the month's report and of the tổng kết listed the penalty entries only: a
    cảnh cáo that cost a unit its danh hiệu was told nowhere in them (trial10)."""
    monkeypatch.setenv("THIDUA_TODAY", "2023-02-01")
    setup(thidua, danh_hieu("LDTT", 1, "individual", 50), people("NV1,Nguyễn Văn An,cá nhân,VP,nam,",
                                                                 "NV2,Trần Văn Bình,cá nhân,VP,nam,"), {"NV1": 60, "NV2": 70})
    thidua.ok("discipline", "add", "NV2", "--form", "cảnh cáo", "--number", "15/QĐ-STTTT", "--date", "2022-03-10",
              "--reason", "vi phạm quy chế")
    line = "Kỷ luật: Cảnh cáo (quyết định số 15/QĐ-STTTT) — vi phạm quy chế"
    march = thidua.ok("report", "--month", "2022-03", "-O", "md").stdout
    assert line in march and "Trần Văn Bình" in march.split(line)[0].rsplit("\n", 1)[-1]
    # the one disciplined is no example to hold up in the same section (as one with a penalty entry is not)
    examples = march.split("Tập thể, cá nhân tiêu biểu")[1].split("Sáng kiến")[0]
    assert "Nguyễn Văn An" in examples and "Trần Văn Bình" not in examples
    assert line not in thidua.ok("report", "--month", "2022-04", "-O", "md").stdout  # decided in March
    final = thidua.ok("report", "--final", "-O", "md").stdout
    assert line in final
    assert "Rút kinh nghiệm các trường hợp vi phạm đã nêu tại mục II" in final  # section VII follows what II says
    data = json.loads(thidua.ok("report", "--month", "2022-03", "--format", "json").stdout)
    assert data["disciplines"] == [{"date": "2022-03-10", "subject": "NV2", "name": "Trần Văn Bình", "form": "Cảnh cáo",
                                    "number": "15/QĐ-STTTT", "reason": "vi phạm quy chế"}]
