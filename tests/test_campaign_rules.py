"""The campaign file refuses what the tool cannot honour: one `Lỗi:` line with file, line, key and the fix; nothing loaded."""

from __future__ import annotations

import json

import pytest

from conftest import MINI_CAMPAIGN, assert_refused

BK = """
[[awards]]
code = "BK"
name = "Bằng khen của Chủ tịch UBND tỉnh"
level = 2
applies_to = "both"
min_score = 30
multiplier = 1.5
authority = "Chủ tịch UBND tỉnh Trà Vinh"
"""
WITH_BK = MINI_CAMPAIGN + BK  # GK is awards[1] (lines 36-42), BK awards[2]

# (what is replaced, what replaces it, the message expected) — each on the mini campaign with a BK award after GK.
REFUSALS = [
    pytest.param("max_points = 30", "quota_percen = 30",
                 "tệp bad.toml, dòng 24, khoá criteria[2].quota_percen: khoá không có trong quy định tệp phong trào",
                 id="typo-elsewhere"),
    pytest.param("multiplier = 0.3", "quota_percen = 30\nmultiplier = 0.3",
                 "tệp bad.toml, dòng 42, khoá awards[1].quota_percen: khoá không có trong quy định tệp phong trào; "
                 "có phải quota_percent?", id="unknown-key"),
    pytest.param("max_points = 30", "quota_percent = 30",
                 "khoá criteria[2].quota_percent: khoá quota_percent thuộc mục [[awards]], không dùng trong mục này",
                 id="key-of-another-table"),
    pytest.param("max_points = 50", 'max_points = 50\nweight = "1.0"',
                 'tệp bad.toml, dòng 19, khoá criteria[1].weight: là số, viết không có ngoặc kép: weight = 1.0', id="quoted-number"),
    pytest.param("start = 2021-10-01", 'start = "15/10/2021"',
                 "tệp bad.toml, dòng 7, khoá campaign.start: là ngày, viết không có ngoặc kép, dạng năm-tháng-ngày: "
                 "start = 2021-10-15", id="quoted-date"),
    pytest.param("multiplier = 0.3", 'multiplier = 0.3\nrequires = "BK"',
                 'tệp bad.toml, dòng 43, khoá awards[1].requires: phải là danh sách trong ngoặc vuông: requires = ["BK"]',
                 id="requires-not-a-list"),
    pytest.param("min_score = 20", 'min_score = 20\nrequires_no_penalty = "có"',
                 "khoá awards[1].requires_no_penalty: phải là true hoặc false, không có ngoặc kép: requires_no_penalty = true",
                 id="quoted-flag"),
    pytest.param('place = "Trà Vinh"', 'place = "Trà Vinh"\nrecipients = "Sở Nội vụ"',
                 'khoá campaign.recipients: phải là danh sách trong ngoặc vuông: recipients = ["Sở Nội vụ"]', id="texts-not-a-list"),
    pytest.param("base_salary = 1490000", "base_salary = 1490000.5",
                 "khoá campaign.base_salary: phải là số nguyên", id="float-salary"),
    pytest.param("issued = 2021-10-01", "issued = 20/01/2025",
                 "tệp bad.toml, dòng 6, khoá campaign.issued: 20/01/2025 viết ngày dạng 2025-01-20", id="office-date"),
    pytest.param("issued = 2021-10-01", "issued = 2025/01/20",
                 "khoá campaign.issued: 2025/01/20 viết ngày dạng 2025-01-20", id="slashed-date"),
    pytest.param("issued = 2021-10-01", "issued = 31/02/2025",
                 "khoá campaign.issued: 31/02/2025 không phải ngày hợp lệ", id="office-date-impossible"),
    pytest.param("multiplier = 0.3", "multiplier = 0,3",
                 "tệp bad.toml, dòng 42, khoá awards[1].multiplier: 0,3 dùng dấu chấm: 0.3", id="office-decimal"),
    pytest.param("base_salary = 1490000", "base_salary = 1.490.000",
                 "khoá campaign.base_salary: 1.490.000 viết số liền, không có dấu ngăn cách hàng nghìn: base_salary = 1490000",
                 id="office-thousands"),
    pytest.param("multiplier = 0.3", 'multiplier = 0.3\nrequires = ["LĐTT"]',
                 'tệp bad.toml, dòng 43, khoá awards[1].requires: không có hình thức mã "LĐTT" trong các mục [[awards]] của tệp '
                 "(có: GK, BK)", id="unknown-requires"),
    pytest.param("multiplier = 0.3", 'multiplier = 0.3\nrequires = ["bk-"]',
                 'không có hình thức mã "bk-" trong các mục [[awards]] của tệp; có phải BK?', id="unknown-requires-suggested"),
    pytest.param("multiplier = 0.3", 'multiplier = 0.3\nrequires_individual = [{ award = "CSTD", years = 3 }]',
                 'khoá awards[1].requires_individual: không có hình thức mã "CSTD"', id="unknown-requires-table"),
    pytest.param("multiplier = 0.3", 'multiplier = 0.3\nrequires_collective = [{ rating = "Hoàn thành xuất sắc nhiệm vụ", years = 5, after = "BKTT" }]',
                 'khoá awards[1].requires_collective: không có hình thức mã "BKTT"', id="unknown-after"),
    pytest.param("multiplier = 0.3", 'multiplier = 0.3\nwith = ["LDTT"]',
                 'khoá awards[1].with: không có hình thức mã "LDTT"', id="unknown-with"),
    pytest.param("multiplier = 0.3", 'multiplier = 0.3\nrequires = [{ award = "BK", yeas = 3 }]',
                 "khoá awards[1].requires: khoá yeas không dùng được trong một điều kiện; có phải years?", id="prerequisite-typo"),
    pytest.param("multiplier = 0.3", 'multiplier = 0.3\nrequires = [{ award = "BK", rating = "Hoàn thành tốt nhiệm vụ" }]',
                 "mỗi điều kiện dạng bảng cần đúng một trong award, rating, initiative, members, members_rating", id="prerequisite-award-and-rating"),
    pytest.param("multiplier = 0.3", 'multiplier = 0.3\nrequires = [{ award = "BK", years = "3" }]',
                 "khoá awards[1].requires: years: là số, viết không có ngoặc kép: years = 3", id="prerequisite-quoted-years"),
    pytest.param("multiplier = 0.3", 'multiplier = 0.3\nrequires = ["GK"]',
                 'khoá awards[1].requires: "GK" không thể tự yêu cầu hay đi kèm chính nó', id="self-requires"),
    # a condition every collective meets is a slip (trial7: "at_least = 0" loaded and was always met)
    pytest.param("multiplier = 0.3", 'multiplier = 0.3\nrequires = [{ members = "BK", at_least = 0 }]',
                 "at_least = 0 thì tập thể nào cũng đạt — ghi từ 1 trở lên, hoặc bỏ điều kiện này", id="members-at-least-0"),
    pytest.param("multiplier = 0.3", 'multiplier = 0.3\nrequires = [{ members = "BK", percent = 0 }]',
                 "percent = 0 thì tập thể nào cũng đạt — ghi lớn hơn 0, hoặc bỏ điều kiện này", id="members-percent-0"),
    pytest.param('code = "GK"', 'code = ".."',
                 'khoá awards[1].code: ".." không dùng được làm mã', id="dots-code"),
    pytest.param("level = 1", "level = -7",
                 "tệp bad.toml, dòng 39, khoá awards[1].level: -7 phải từ 1 trở lên", id="negative-level"),
    pytest.param("level = 2", "level = 1",
                 "khoá awards[2].level: 1 trùng cấp với GK (awards[1]) cho cùng đối tượng và cùng loại hinh-thuc", id="same-level"),
    pytest.param("max_points = 30", "max_points = 30\nmin_points = 40",
                 "khoá criteria[2].max_points: trần 30 thấp hơn sàn min_points = 40", id="cap-below-floor"),
    pytest.param("min_score = 40", 'min_score = 40\n\n[[tiers]]\nname = "xuất  sắc"\nmin_score = 30',
                 'khoá tiers[2].name: "xuất  sắc" trùng tên với tiers[1]', id="duplicate-tier-name"),
    pytest.param("min_score = 40", 'min_score = 40\n\n[[tiers]]\nname = "Tốt"\nmin_score = 40.0',
                 "khoá tiers[2].min_score: 40.0 trùng với tiers[1]", id="duplicate-tier-threshold"),
    pytest.param("[[tiers]]", "[[base_salaries]]\nfrom = 2021-07-01\namount = 1490000\n\n[[base_salaries]]\nfrom = 2021-07-01\n"
                 "amount = 1800000\n\n[[tiers]]",
                 "khoá base_salaries[2].from: 2021-07-01 trùng với base_salaries[1]", id="duplicate-salary-date"),
    pytest.param("[[tiers]]", "[hoi_dong]\nname = \"A\"\n\n[[tiers]]",
                 "mục hoi_dong không có trong quy định tệp phong trào", id="unknown-table"),
]


@pytest.mark.parametrize(("old", "new", "message"), REFUSALS)
def test_refused_with_line_key_and_fix(thidua, old, new, message):
    thidua.mini()
    assert old in WITH_BK
    path = thidua.write("bad.toml", WITH_BK.replace(old, new, 1))
    result = assert_refused(thidua, ["campaign", "load", str(path)], message)
    assert result.stderr.count("\n") == 1  # one line, no warnings before it
    shown = json.loads(thidua.ok("campaign", "show", "--format", "json").stdout)
    assert [a["code"] for a in shown["awards"]] == ["GK"]  # the mini campaign as it was


def test_with_bk_itself_loads(thidua):
    result = thidua.ok("campaign", "load", str(thidua.write("ok.toml", WITH_BK)))
    assert result.stderr == "Đã tạo phong trào mini: 3 tiêu chí, 1 mức xếp loại, 2 hình thức khen thưởng.\n"


def test_a_campaign_key_above_the_campaign_table(thidua):
    thidua.mini()
    path = thidua.write("top.toml", 'rules = "nd152-2025"\n' + WITH_BK)
    assert_refused(thidua, ["campaign", "load", str(path)], "tệp top.toml: khoá rules phải đặt trong mục [campaign]")


def test_a_prerequisite_cycle_is_refused(thidua):
    thidua.mini()
    text = WITH_BK.replace("multiplier = 0.3", 'multiplier = 0.3\nrequires = ["BK"]').replace(
        "multiplier = 1.5", 'multiplier = 1.5\nrequires = [{ rating = "Hoàn thành xuất sắc nhiệm vụ", years = 2, after = "GK" }]')
    assert_refused(thidua, ["campaign", "load", str(thidua.write("cycle.toml", text))],
                   "tệp cycle.toml, dòng 43, khoá awards[1].requires: điều kiện khen thưởng vòng tròn: GK → BK → GK "
                   "(không ai đáp ứng được); bỏ một điều kiện trong vòng")


def test_a_first_load_refused_leaves_no_ledger(thidua):
    path = thidua.write("bad.toml", WITH_BK.replace("multiplier = 0.3", "multiplier = 0,3"))
    assert_refused(thidua, ["campaign", "load", str(path)], "dùng dấu chấm: 0.3")
    assert not thidua.db.exists()


def test_a_5000_deep_array_is_one_clear_line(thidua):
    thidua.mini()
    path = thidua.write("deep.toml", WITH_BK.replace("multiplier = 0.3", "multiplier = 0.3\nrequires = " + "[" * 5000 + "]" * 5000))
    result = assert_refused(thidua, ["campaign", "load", str(path)], "tệp deep.toml: danh sách hoặc bảng lồng nhau quá sâu")
    assert result.stderr.count("\n") == 1


def test_a_nested_list_in_requires_is_refused(thidua):
    thidua.mini()
    path = thidua.write("nested.toml", WITH_BK.replace("multiplier = 0.3", 'multiplier = 0.3\nrequires = [["BK"]]'))
    assert_refused(thidua, ["campaign", "load", str(path)], "khoá awards[1].requires: phải là danh sách mã hình thức hoặc bảng")


NEW_KEYS = (
    MINI_CAMPAIGN.replace('place = "Trà Vinh"', 'place = "Trà Vinh"\non_vote_failure = "next-lower"\nnumbering = "register"')
    + BK.replace("multiplier = 1.5", 'multiplier = 1.5\ncategory = "hinh-thuc"\nrequires = ["GK"]\nrequires_collective = ["GK"]')
    + """
[[awards]]
code = "LDTT"
name = "Lao động tiên tiến"
level = 1
category = "danh-hieu"
applies_to = "individual"
multiplier = 0.3
with = []

[[council]]
name = "Nguyễn Văn Chủ"
title = "Giám đốc Sở"
role = "Chủ tịch Hội đồng"
"""
)


def test_the_new_keys_of_spec_4_load(thidua):
    """category, with, per-kind requires, on_vote_failure, numbering and [[council]] are known keys."""
    thidua.ok("campaign", "load", str(thidua.write("new-keys.toml", NEW_KEYS)))


def test_prerequisite_tables_are_known():
    """Table items of requires (award | rating, years, after, this_year) pass the checks; parsing them is the
    award parser's business."""
    import tomllib

    from thidua_cli.domain.campaign_rules import check_definition

    text = NEW_KEYS.replace('requires = ["GK"]', 'requires = ["GK", { award = "LDTT", years = 1, this_year = true }]\n'
                            'requires_individual = [{ rating = "Hoàn thành xuất sắc nhiệm vụ", years = 2, after = "GK" }]')
    check_definition(tomllib.loads(text), "new-keys.toml", lambda table, index, key: None)
