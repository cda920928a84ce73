"""`thidua campaign init`: a commented campaign file from flags or questions, that loads and round-trips through show."""

from __future__ import annotations

import json

import pytest

from conftest import assert_refused
from thidua_cli.domain.campaign_def import parse_campaign
from thidua_cli.render.campaigns import campaign_json

FLAGS = ["--agency", "Sở Nội vụ", "--parent-agency", "UBND tỉnh Vĩnh Long", "--place", "Vĩnh Long"]


def init(thidua, *args: str, input: str | None = None):
    result = thidua("campaign", "init", *args, input=input)
    assert result.exit_code == 0, result.stderr
    return result


def round_trip(thidua, path) -> dict:
    """Load the file, then `campaign show --format json` equals the file parsed and shown directly."""
    text = path.read_text(encoding="utf-8")
    thidua.ok("campaign", "load", str(path))
    shown = json.loads(thidua.ok("campaign", "show", "--format", "json").stdout)
    assert shown == json.loads(json.dumps(campaign_json(parse_campaign(text, path.name))))
    return shown


def test_regular_campaign_from_flags_loads_and_round_trips(thidua):
    path = thidua.folder / "nam-2026.toml"
    result = init(thidua, "--kind", "thuong-xuyen", "--year", "2026", *FLAGS, "--out", str(path), "--no-input")
    assert f"Đã ghi {path}: phong trào phong-trao-thi-dua-thuong-xuyen-2026 (thường xuyên" in result.stderr
    assert result.stdout == ""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# ====") and "# Mức lương cơ sở (đồng/tháng): 2.340.000 đồng theo Nghị định số 73/2024/NĐ-CP, từ 01/7/2024." in text
    shown = round_trip(thidua, path)
    assert shown["code"] == "phong-trao-thi-dua-thuong-xuyen-2026" and shown["kind"] == "thuong-xuyen"
    assert (shown["start"], shown["end"]) == ("2026-01-01", "2026-12-31")
    assert shown["rules"] == "nd152-2025" and shown["base_salary"] == 2340000
    assert shown["base_salaries"] == [{"from": "2024-07-01", "amount": 2340000}]
    assert shown["agency_short"] == "SNV" and shown["plan"] == "01/KH-SNV" and shown["council_members"] == 7
    money = {a["code"]: (a["multiplier"], a["collective_multiplier"]) for a in shown["awards"]}
    # NĐ 152/2025 Điều 50, 51, 54 (DOMAIN.md §4)
    assert money == {"LDTT": (0.3, 0.6), "CSTDCS": (1, 2), "TTLDTT": (0.8, 0.8), "TTLDXS": (1.5, 1.5),
                     "GK": (0.3, 0.6), "BK-UBND": (1.5, 3)}
    assert next(a for a in shown["awards"] if a["code"] == "CSTDCS")["vote_threshold"] == 80
    assert "LDTT" in text and 'with = ["LDTT"]' in text and 'category = "danh-hieu"' in text
    # the law's conditions of each danh hiệu (Luật Thi đua, khen thưởng 2022 Điều 23, 24, 27, 28)
    conditions = {a["code"]: a["prerequisites"] for a in shown["awards"]}
    assert [(p["rating"], p["this_year"]) for p in conditions["LDTT"]] == [("Hoàn thành tốt nhiệm vụ", True)]
    assert "initiative" in json.dumps(conditions["CSTDCS"]) and "members" in json.dumps(conditions["TTLDTT"])
    # the province's awards are the Chủ tịch of the parent agency's province (trial18: the tờ trình, the danh sách and
    # the quyết định said "Chủ tịch UBND tỉnh", no province, where the campaign file knew it)
    deciders = {a["code"]: a["authority"] for a in shown["awards"]}
    assert deciders["BK-UBND"] == deciders["TTLDXS"] == "Chủ tịch UBND tỉnh Vĩnh Long"
    assert deciders["GK"] == "Giám đốc Sở Nội vụ"


def test_themed_campaign_from_flags_loads_and_round_trips(thidua):
    path = thidua.folder / "chuyen-de.toml"
    init(thidua, "--kind", "chuyen-de", "--name", "Thi đua chào mừng Đại hội Đảng bộ", "--code", "chao-mung-dai-hoi",
         "--start", "01/03/2026", "--end", "2026-09-30", "--agency", "Sở Khoa học và Công nghệ", *FLAGS[2:],
         "--plan", "12/KH-SKHCN", "--council-members", "9", "-o", str(path), "--no-input")
    shown = round_trip(thidua, path)
    assert (shown["code"], shown["kind"], shown["start"], shown["end"]) == ("chao-mung-dai-hoi", "chuyen-de", "2026-03-01", "2026-09-30")
    assert shown["agency_short"] == "SKHCN" and shown["council_members"] == 9
    assert [(a["code"], a["multiplier"], a["collective_multiplier"]) for a in shown["awards"]] == [
        ("BK-UBND", 1.5, 3), ("GK", 0.3, 0.6)]
    # the tờ trình and the quyết định cite the plan with its date, as the reports do ("Kế hoạch số 12/KH-SKHCN ngày 01/03/2026")
    assert shown["legal_basis"][-1] == ("Kế hoạch số 12/KH-SKHCN ngày 01 tháng 3 năm 2026 của Sở Khoa học và Công nghệ về việc phát "
                                        "động phong trào “Thi đua chào mừng Đại hội Đảng bộ”")  # not "thi đua “Thi đua …”"


def test_questions_in_vietnamese_with_a_wrong_answer_asked_again(thidua):
    path = thidua.folder / "hoi.toml"
    answers = "\n".join([
        "chuyen-de", "Thi đua chào mừng Đại hội", "01/03/2026", "30/2/2026", "30/09/2026", "Sở Khoa học và Công nghệ",
        "", "UBND tỉnh Vĩnh Long", "Vĩnh Long", "", "9", "",
    ]) + "\n"
    result = init(thidua, "-o", str(path), input=answers)
    assert "Loại phong trào: thuong-xuyen (thường xuyên, xét cuối năm) hoặc chuyen-de (theo chuyên đề)" in result.stderr
    assert '"30/2/2026" không phải ngày có thật; nhập lại.' in result.stderr
    assert "Tên viết tắt trong số văn bản [SKHCN]" in result.stderr
    shown = round_trip(thidua, path)
    assert (shown["code"], shown["end"], shown["plan"], shown["council_members"]) == (
        "thi-dua-chao-mung-dai-hoi-2026", "2026-09-30", "01/KH-SKHCN", 9)


@pytest.mark.parametrize(("args", "message"), [
    (["--kind", "dac-biet", "--no-input"], '--kind: "dac-biet" không hợp lệ; chọn thuong-xuyen hoặc chuyen-de'),
    (["--kind", "thuong-xuyen", "--no-input"], "thiếu --agency (cơ quan phát động (ví dụ Sở Nội vụ))"),
    (["--kind", "thuong-xuyen", *FLAGS, "--code", "Năm 2026", "--no-input"], '--code: "Năm 2026" chỉ được gồm chữ thường'),
    (["--kind", "chuyen-de", "--name", "X", "--start", "2026-05-01", "--end", "2026-04-01", *FLAGS, "--no-input"],
     "ngày kết thúc 01/04/2026 trước ngày bắt đầu 01/05/2026"),
])
def test_bad_flags_are_refused(thidua, args, message):
    assert_refused(thidua, ["campaign", "init", "-o", str(thidua.folder / "x.toml"), *args], message, code=2)
    assert not (thidua.folder / "x.toml").exists()


def test_an_existing_file_is_not_overwritten_without_force(thidua):
    path = thidua.write("co-roi.toml", "# của tôi\n")
    args = ["campaign", "init", "--kind", "thuong-xuyen", *FLAGS, "-o", str(path), "--no-input"]
    assert_refused(thidua, args, f"tệp {path} đã có; không ghi đè")
    assert path.read_text(encoding="utf-8") == "# của tôi\n"
    thidua.ok(*args, "--force")
    assert path.read_text(encoding="utf-8").startswith("# ====")


def test_unanswered_questions_are_one_error_line(thidua):
    result = thidua("campaign", "init", "-o", str(thidua.folder / "x.toml"), input="")
    lines = result.stderr.splitlines()
    assert result.exit_code == 2 and lines[0].startswith("Loại phong trào:") and lines[1].startswith("Lỗi: chưa trả lời: loại phong trào")
    assert "Aborted" not in result.stderr and not (thidua.folder / "x.toml").exists() and not thidua.db.exists()
