"""thidua campaign load | list | show."""

import json

import pytest

from conftest import EXAMPLE, MINI_CAMPAIGN, assert_refused


def test_load_creates_the_ledger_and_reload_changes_nothing(thidua):
    path = thidua.write("c.toml", MINI_CAMPAIGN)
    first = thidua.ok("campaign", "load", str(path))
    assert "Đã tạo phong trào mini: 3 tiêu chí, 1 mức xếp loại, 1 hình thức khen thưởng." in first.stderr
    before = thidua.digest()
    again = thidua.ok("campaign", "load", str(path))
    assert "Không thay đổi phong trào mini" in again.stderr
    assert thidua.digest() == before


def test_update_keeps_entries_and_changes_definitions(thidua):
    thidua.mini()
    thidua.ok("add-entry", "--subject", "NV1", "--criterion", "TC1", "--points", "60", "--date", "2021-10-05")
    changed = MINI_CAMPAIGN.replace("max_points = 50", "max_points = 55")
    thidua.ok("campaign", "load", str(thidua.write("c2.toml", changed)))
    data = json.loads(thidua.ok("score", "--format", "json").stdout)
    row = next(r for r in data["standings"] if r["subject"] == "NV1")
    assert row["criteria"]["TC1"] == 55.0


def test_removing_a_criterion_with_entries_is_refused(thidua):
    thidua.mini()
    thidua.ok("add-entry", "--subject", "VP", "--criterion", "TC2", "--points", "5", "--date", "2021-10-05")
    without = MINI_CAMPAIGN.replace(
        '[[criteria]]\ncode = "TC2"\nname = "Tập thể đoàn kết"\napplies_to = "collective"\nmax_points = 30\n', ""
    )
    assert "TC2" not in without
    path = thidua.write("c3.toml", without)
    assert_refused(thidua, ["campaign", "load", str(path)], "bỏ tiêu chí đã có mục ghi: TC2 (1 mục ghi)")


def test_removing_an_unused_criterion_is_allowed(thidua):
    thidua.mini()
    without = MINI_CAMPAIGN.replace(
        '[[criteria]]\ncode = "TC2"\nname = "Tập thể đoàn kết"\napplies_to = "collective"\nmax_points = 30\n', ""
    )
    result = thidua.ok("campaign", "load", str(thidua.write("c3.toml", without)))
    assert "Đã cập nhật phong trào mini: 2 tiêu chí" in result.stderr


def test_malformed_toml_names_the_line(thidua):
    path = thidua.write("bad.toml", MINI_CAMPAIGN.replace('plan = "05/KH-STTTT"', 'plan = "05/KH-STTTT'))
    assert_refused(thidua, ["campaign", "load", str(path)], "bad.toml không đúng cú pháp TOML: dòng 5, cột 20: chuỗi chưa đóng ngoặc kép trước khi xuống dòng")
    assert not thidua.db.exists(), "a refused first load must not leave a ledger behind"


@pytest.mark.parametrize("old, new, message", [
    ("issued = 2021-10-01", "issued = 2021-02-30",
     "dòng 6, cột 10: ngày không hợp lệ (viết YYYY-MM-DD) (khoá campaign.issued)"),
    ("max_points = 30", "max_points = -",
     "dòng 24, cột 14: giá trị không hợp lệ (chuỗi phải trong ngoặc kép, ngày viết YYYY-MM-DD) (khoá criteria[2].max_points)"),
    ('plan = "05/KH-STTTT"', 'plan = "05/KH-STTTT',
     "dòng 5, cột 20: chuỗi chưa đóng ngoặc kép trước khi xuống dòng (khoá campaign.plan)"),
])
def test_a_value_toml_cannot_read_names_its_key(thidua, old, new, message):
    """SPEC §4: a malformed file is rejected with the line and key at fault — also where tomllib itself stops."""
    path = thidua.write("bad.toml", MINI_CAMPAIGN.replace(old, new))
    assert_refused(thidua, ["campaign", "load", str(path)], f"Lỗi: tệp bad.toml không đúng cú pháp TOML: {message}")


def test_a_list_left_open_names_no_key_of_the_next_line(thidua):
    path = thidua.write("bad.toml", MINI_CAMPAIGN.replace('place = "Trà Vinh"', 'place = ["Trà Vinh"'))
    result = assert_refused(thidua, ["campaign", "load", str(path)], "Lỗi: tệp bad.toml không đúng cú pháp TOML: dòng 12, cột 1")
    assert "khoá" not in result.stderr


def test_wrong_value_names_line_and_key(thidua):
    path = thidua.write("bad.toml", MINI_CAMPAIGN.replace("max_points = 30", 'max_points = "ba mươi"'))
    result = assert_refused(thidua, ["campaign", "load", str(path)], 'khoá criteria[2].max_points: "ba mươi" không phải số; viết số không có ngoặc kép')
    assert "tệp bad.toml, dòng 24, khoá" in result.stderr


def test_missing_required_key(thidua):
    path = thidua.write("bad.toml", MINI_CAMPAIGN.replace('agency = "Sở Thông tin và Truyền thông"\n', ""))
    assert_refused(thidua, ["campaign", "load", str(path)], "khoá campaign.agency: bắt buộc nhưng chưa có")


def test_bad_choices_and_dates(thidua):
    for old, new, message in [
        ('kind = "chuyen-de"', 'kind = "dac-biet"', 'khoá campaign.kind: "dac-biet" không hợp lệ; chọn một trong: thuong-xuyen, chuyen-de'),
        ('code = "mini"', 'code = "Mini Campaign"', 'khoá campaign.code: "Mini Campaign" chỉ được gồm'),
        ("end = 2021-12-31", "end = 2021-09-30", "khoá campaign.end: ngày kết thúc 2021-09-30 trước ngày bắt đầu 2021-10-01"),
        ('applies_to = "both"\nmax_points = 50', 'applies_to = "everyone"\nmax_points = 50', 'khoá criteria[1].applies_to: "everyone" không hợp lệ'),
        ('code = "TC2"', 'code = "TC1"', 'mã "TC1" bị trùng với criteria[1]'),
    ]:
        assert old in MINI_CAMPAIGN
        path = thidua.write("bad.toml", MINI_CAMPAIGN.replace(old, new, 1))
        assert_refused(thidua, ["campaign", "load", str(path)], message)


def test_unknown_key_is_refused_with_the_key_meant(thidua):
    """A typo used to be only a warning, and the cap was silently gone: now nothing is loaded."""
    path = thidua.write("typo.toml", MINI_CAMPAIGN.replace("max_points = 30", "max_point = 30"))
    assert_refused(thidua, ["campaign", "load", str(path)],
                   "tệp typo.toml, dòng 24, khoá criteria[2].max_point: khoá không có trong quy định tệp phong trào; "
                   "có phải max_points hay min_points?")
    assert not thidua.db.exists()


def test_missing_file(thidua):
    assert_refused(thidua, ["campaign", "load", "khong-co.toml"], "không tìm thấy tệp khong-co.toml")


def test_list_and_show(thidua):
    thidua.ok("campaign", "load", str(EXAMPLE / "campaign.toml"))
    listed = json.loads(thidua.ok("campaign", "list", "--format", "json").stdout)
    assert listed["campaigns"][0]["code"] == "covid19-stttt"
    assert listed["campaigns"][0]["entries"] == 0
    shown = json.loads(thidua.ok("campaign", "show", "--format", "json").stdout)
    assert shown["plan"] == "44/KH-STTTT"
    assert [a["code"] for a in shown["awards"]][0] == "HCLD3"
    assert shown["criteria"][0] == {
        "code": "TC1", "name": shown["criteria"][0]["name"], "applies_to": "collective",
        "max_points": 25, "min_points": 0, "weight": 1, "initiative": False, "penalty": False,
    }
    text = thidua.ok("campaign", "show", "covid19-stttt").stdout
    assert "Giấy khen của Giám đốc Sở" in text and "Mức lương cơ sở: 1.490.000 đồng" in text


def test_show_unknown_campaign(thidua):
    thidua.mini()
    assert_refused(thidua, ["campaign", "show", "khac"], 'không có phong trào "khac" trong sổ (đang có: mini)')


def test_commands_on_a_missing_ledger_say_so(thidua):
    result = assert_refused(thidua, ["campaign", "list"], "chưa có sổ thi đua tại")
    assert "thidua campaign load" in result.stderr
    assert not thidua.db.exists()


def test_two_campaigns_need_an_explicit_choice(thidua):
    thidua.mini()
    other = MINI_CAMPAIGN.replace('code = "mini"', 'code = "mini-2"')
    thidua.ok("campaign", "load", str(thidua.write("c2.toml", other)))
    assert_refused(thidua, ["score"], "sổ có 2 phong trào (mini, mini-2), hãy chọn một bằng --campaign")
    assert thidua.ok("score", "--campaign", "mini-2", "--format", "json").stdout
