"""The year-end review (issue 19), as an office runs it: award keys of the campaign file, yearly ratings,
danh hiệu and hình thức proposed apart, prerequisites over years, the reason for every exclusion, and
council votes that fall through to the next lower award."""

from __future__ import annotations

import json
import textwrap

import pytest

from conftest import assert_refused

CAMPAIGN = """
[campaign]
code = "nam-2025"
name = "Phong trào thi đua thường xuyên năm 2025"
kind = "thuong-xuyen"
plan = "01/KH-SKHCN"
start = 2025-01-01
end = 2025-12-31
agency = "Sở Khoa học và Công nghệ"
agency_short = "SKHCN"
parent_agency = "UBND tỉnh Vĩnh Long"
place = "Vĩnh Long"
base_salary = 2340000
council_members = 9
{campaign_extra}

[[criteria]]
code = "TC"
name = "Kết quả thực hiện nhiệm vụ"
max_points = 100

[[awards]]
code = "CSTDCS"
name = "Chiến sĩ thi đua cơ sở"
category = "danh-hieu"
level = 2
applies_to = "individual"
min_score = 90
with = ["LDTT"]
requires = [{{ rating = "HTXSNV", this_year = true }}]
vote_threshold = 80
multiplier = 1.0
authority = "Giám đốc Sở Khoa học và Công nghệ"

[[awards]]
code = "LDTT"
name = "Lao động tiên tiến"
category = "danh-hieu"
level = 1
applies_to = "individual"
min_score = 70
requires = [{{ rating = "Hoàn thành tốt nhiệm vụ", this_year = true }}]
multiplier = 0.3
authority = "Giám đốc Sở Khoa học và Công nghệ"

[[awards]]
code = "TTLDTT"
name = "Tập thể lao động tiên tiến"
category = "danh-hieu"
level = 1
applies_to = "collective"
min_score = 70
multiplier = 0.8
collective_multiplier = 0.8
authority = "Giám đốc Sở Khoa học và Công nghệ"

[[awards]]
code = "TTLDXS"
name = "Tập thể lao động xuất sắc"
category = "danh-hieu"
level = 2
applies_to = "collective"
min_score = 95
multiplier = 1.5
collective_multiplier = 1.5
authority = "Chủ tịch UBND tỉnh Vĩnh Long"

[[awards]]
code = "BKTTG"
name = "Bằng khen của Thủ tướng Chính phủ"
level = 3
min_score = 95
requires_individual = [{{ rating = "HTXSNV", years = 4, this_year = true, after = "BKUB" }}]
vote_threshold = 90
multiplier = 3.5
authority = "Thủ tướng Chính phủ"

[[awards]]
code = "BKUB"
name = "Bằng khen của Chủ tịch UBND tỉnh"
level = 2
min_score = 90
max_count = 2
requires_individual = [{{ award = "CSTDCS", years = 2 }}]
requires_collective = ["TTLDXS"]
vote_threshold = 70
multiplier = 1.5
authority = "Chủ tịch UBND tỉnh Vĩnh Long"

[[awards]]
code = "GK"
name = "Giấy khen của Giám đốc Sở"
level = 1
min_score = 80
multiplier = 0.3
authority = "Giám đốc Sở Khoa học và Công nghệ"
"""

SUBJECTS = """code,name,kind,unit,position,gender,female_percent
VP,Văn phòng Sở,tập thể,,,,40
NV1,Nguyễn Văn An,cá nhân,VP,Chánh Văn phòng,nam,
NV2,Trần Thị Bình,cá nhân,VP,Chuyên viên,nữ,
NV3,Lê Văn Cường,cá nhân,VP,Chuyên viên,nam,
NV4,Phạm Thị Dung,cá nhân,VP,Chuyên viên,nữ,
NV5,Hồ Văn Em,cá nhân,VP,Chuyên viên,nam,
"""

ENTRIES = "date,subject,criterion,points,note,evidence\n" + "".join(
    f"2025-06-01,{code},TC,{points},Thành tích năm 2025,Báo cáo số {n}/BC-SKHCN\n"
    for n, (code, points) in enumerate({"VP": 85, "NV1": 98, "NV2": 96, "NV3": 92, "NV4": 85, "NV5": 75}.items(), 1)
)

RATINGS = """Mã,Năm,Xếp loại
NV1,2021,HTXSNV
NV1,2022,HTXSNV
NV1,2023,HTXSNV
NV1,2024,HTXSNV
NV1,2025,HTXSNV
NV2,2021,HTXSNV
NV2,2022,HTTNV
NV2,2023,HTXSNV
NV2,2024,HTXSNV
NV2,2025,Hoàn thành xuất sắc nhiệm vụ
NV3,2025,ht xs nv
NV4,2025,Hoàn thành tốt
NV5,2025,Hoàn thành nhiệm vụ
"""

HISTORY = """subject,award,name,number,date,issuer
NV1,BKUB,Bằng khen của Chủ tịch UBND tỉnh,12/QĐ-UBND,2020-12-20,Chủ tịch UBND tỉnh
NV1,CSTDCS,Chiến sĩ thi đua cơ sở,100/QĐ-SKHCN,2023-12-20,Giám đốc Sở
NV1,CSTDCS,Chiến sĩ thi đua cơ sở,101/QĐ-SKHCN,2024-12-20,Giám đốc Sở
NV2,CSTDCS,Chiến sĩ thi đua cơ sở,101/QĐ-SKHCN,2024-12-20,Giám đốc Sở
NV3,CSTDCS,Chiến sĩ thi đua cơ sở,100/QĐ-SKHCN,2023-12-20,Giám đốc Sở
NV3,CSTDCS,Chiến sĩ thi đua cơ sở,101/QĐ-SKHCN,2024-12-20,Giám đốc Sở
"""


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("THIDUA_TODAY", "2025-12-20")


def year_end(thidua, campaign_extra: str = "", ratings: bool = True, history: bool = True):
    thidua.ok("campaign", "load", str(thidua.write("nam.toml", CAMPAIGN.format(campaign_extra=campaign_extra))))
    thidua.ok("subject", "import", str(thidua.write("subjects.csv", SUBJECTS)))
    thidua.ok("import-entries", str(thidua.write("entries.csv", ENTRIES)))
    if ratings:
        thidua.ok("ratings", "import", str(thidua.write("xep-loai.csv", RATINGS)))
    if history:
        thidua.ok("awards", "import", str(thidua.write("khen-thuong.csv", HISTORY)))
    return thidua


def propose(thidua, *args) -> dict:
    return json.loads(thidua.ok("propose-awards", "--format", "json", *args).stdout)


def picks(data) -> list[tuple[str, str]]:
    return [(p["award"], p["subject"]) for p in data["proposals"]]


# --------------------------------------------------------------------------- the campaign file


def test_award_keys_round_trip_through_the_ledger(thidua):
    from thidua_cli.domain.campaign_def import parse_campaign
    from thidua_cli.domain.models import Prerequisite
    from thidua_cli.services.campaigns import show_campaign

    year_end(thidua, 'on_vote_failure = "none"', ratings=False, history=False)
    parsed = parse_campaign(CAMPAIGN.format(campaign_extra='on_vote_failure = "none"'))
    stored = show_campaign(str(thidua.db), None)
    assert stored.awards == parsed.awards and stored.on_vote_failure == "none"
    assert stored.award("CSTDCS").category == "danh-hieu" and stored.award("CSTDCS").with_awards == ("LDTT",)
    assert stored.award("GK").category == "hinh-thuc"  # the default keeps older files' meaning
    assert stored.award("BKTTG").prerequisites == (
        Prerequisite(rating="Hoàn thành xuất sắc nhiệm vụ", years=4, this_year=True, after="BKUB", applies_to="individual"),
    )
    assert stored.award("BKUB").prerequisites == (
        Prerequisite(award="CSTDCS", years=2, applies_to="individual"), Prerequisite(award="TTLDXS", applies_to="collective"),
    )
    before = thidua.digest()
    result = thidua.ok("campaign", "load", str(thidua.folder / "nam.toml"))
    assert "Không thay đổi" in result.stderr and thidua.digest() == before
    # years = 4 with this_year = true asks five years: said on every load, with what to write for four in all
    assert ("BKTTG: điều kiện xếp loại từ Hoàn thành xuất sắc nhiệm vụ tính 5 năm liền — năm xét và 4 năm trước "
            "(this_year = true tính thêm năm xét); nếu Kế hoạch nói 4 năm kể cả năm xét thì ghi years = 3") in result.stderr
    assert "BKUB: điều kiện" not in result.stderr  # years = 2 alone: the two years before, as it reads


@pytest.mark.parametrize("requires, message", [
    ('[{ rating = "Giỏi", years = 2 }]', 'rating = "Giỏi" không phải xếp loại; chọn: Hoàn thành xuất sắc nhiệm vụ (HTXSNV)'),
    ('[{ rating = "HTXSNV" }]', '{ rating = "HTXSNV" }: xếp loại cần years (số năm liên tục) hoặc this_year = true'),
    ('[{ award = "CSTDCS", year = 3 }]', "khoá year không dùng được"),  # the rules' own refusals come first
])
def test_malformed_prerequisites_are_refused_with_line_and_key(thidua, requires, message):
    text = CAMPAIGN.format(campaign_extra="").replace('requires = [{ rating = "Hoàn thành tốt nhiệm vụ", this_year = true }]',
                                                       f"requires = {requires}")
    path = thidua.write("nam.toml", text)
    line = next(number for number, row in enumerate(path.read_text().splitlines(), 1) if row == f"requires = {requires}")
    result = assert_refused(thidua, ["campaign", "load", str(path)], message)
    assert f"dòng {line}, khoá awards[2].requires" in result.stderr


def test_bad_category_and_vote_failure_setting(thidua):
    text = CAMPAIGN.format(campaign_extra='on_vote_failure = "xuống"')
    assert_refused(thidua, ["campaign", "load", str(thidua.write("a.toml", text))], '"xuống" không hợp lệ; chọn một trong: next-lower, none')
    text = CAMPAIGN.format(campaign_extra="").replace('category = "danh-hieu"', 'category = "danh hiệu"', 1)
    assert_refused(thidua, ["campaign", "load", str(thidua.write("b.toml", text))], "khoá awards[1].category")


# --------------------------------------------------------------------------- ratings


def test_ratings_import_with_office_headers_and_abbreviations(thidua):
    year_end(thidua, ratings=False, history=False)
    path = thidua.write("xep-loai.csv", RATINGS)
    before = thidua.digest()
    dry = thidua.ok("ratings", "import", str(path), "--dry-run")
    assert "Kiểm tra xong 13 dòng, không có lỗi: sẽ ghi 13 xếp loại, bỏ qua 0 đã có. Chưa ghi gì." in dry.stderr
    assert thidua.digest() == before
    assert "Đã ghi 13 xếp loại; bỏ qua 0 đã có trong sổ (tổng 13 dòng). Lần nhập số 3" in thidua.ok("ratings", "import", str(path)).stderr
    # an import batch like every import: the same file is recognised, the same rows in another file are skipped
    assert "Tệp xep-loai.csv đã được nhập ở lần nhập số 3" in thidua.ok("ratings", "import", str(path)).stderr
    lines = RATINGS.splitlines()
    again = thidua.write("xep-loai-2.csv", "\n".join([lines[0] + ",Ghi chú"] + [line + "," for line in lines[1:]] + ["NV5,2024,HTTNV,mới", ""]))
    result = thidua.ok("ratings", "import", str(again))
    assert "Đã ghi 1 xếp loại; bỏ qua 13 đã có trong sổ (tổng 14 dòng). Lần nhập số 4" in result.stderr
    assert "Cảnh báo: bỏ qua cột: Ghi chú" in result.stderr
    batches = json.loads(thidua.ok("imports", "--format", "json").stdout)
    assert [(b["kind"], b["file"], b["rows"], b["added"]) for b in batches["imports"] if b["kind"] == "ratings"] == [
        ("ratings", "xep-loai.csv", 13, 13), ("ratings", "xep-loai-2.csv", 14, 1)
    ]
    listed = json.loads(thidua.ok("ratings", "--year", "2025", "--format", "json").stdout)["ratings"]
    assert [(r["subject"], r["rating"]) for r in listed] == [
        ("NV1", "Hoàn thành xuất sắc nhiệm vụ"), ("NV2", "Hoàn thành xuất sắc nhiệm vụ"), ("NV3", "Hoàn thành xuất sắc nhiệm vụ"),
        ("NV4", "Hoàn thành tốt nhiệm vụ"), ("NV5", "Hoàn thành nhiệm vụ"),
    ]
    mine = json.loads(thidua.ok("ratings", "--subject", "tran thi binh", "--format", "json").stdout)["ratings"]
    assert [(r["year"], r["rating"]) for r in mine][:2] == [(2021, "Hoàn thành xuất sắc nhiệm vụ"), (2022, "Hoàn thành tốt nhiệm vụ")]
    csv_text = thidua.ok("ratings", "--subject", "NV3", "--format", "csv").stdout
    assert csv_text.splitlines()[:2] == ["subject,year,rating,name,kind,source", "NV3,2025,Hoàn thành xuất sắc nhiệm vụ,Lê Văn Cường,individual,xep-loai.csv"]


def test_ratings_from_xlsx_under_a_title(thidua):
    from openpyxl import Workbook

    year_end(thidua, ratings=False, history=False)
    book = Workbook()
    sheet = book.active
    sheet.append(["BẢNG TỔNG HỢP XẾP LOẠI CHẤT LƯỢNG NĂM 2025"])
    sheet.append(["Mã cán bộ", "Năm", "Kết quả xếp loại"])
    sheet.append(["NV1", 2025, "HTXSNV"])
    sheet.append(["NV4", 2025.0, "Hoàn thành tốt nhiệm vụ"])
    book.save(thidua.folder / "xep-loai.xlsx")
    thidua.ok("ratings", "import", str(thidua.folder / "xep-loai.xlsx"))
    listed = json.loads(thidua.ok("ratings", "--format", "json").stdout)["ratings"]
    assert [(r["subject"], r["year"], r["rating"]) for r in listed] == [
        ("NV1", 2025, "Hoàn thành xuất sắc nhiệm vụ"), ("NV4", 2025, "Hoàn thành tốt nhiệm vụ"),
    ]


def test_ratings_import_refusals_report_every_row_and_write_nothing(thidua):
    year_end(thidua, ratings=False, history=False)
    thidua.ok("ratings", "import", str(thidua.write("a.csv", "subject,year,rating\nNV1,2024,HTXSNV\n")))
    bad = thidua.write("b.csv", textwrap.dedent("""\
        subject,year,rating
        NV9,2023,HTXSNV
        NV1,20x3,HTXSNV
        NV2,2099,tốt lắm
        NV1,2024,HTTNV
        NV3,2025,HTXSNV
        NV3,2025,HTTNV
        NV4,,
    """))
    result = assert_refused(thidua, ["ratings", "import", str(bad)], "tệp b.csv có 6 dòng lỗi (8 lỗi), chưa ghi gì vào sổ")
    for line in (
        'dòng 2, cột "subject": "NV9" không có đối tượng này trong sổ',
        'dòng 3, cột "year": "20x3" không phải năm (ví dụ 2024)',
        'dòng 4, cột "year": "2099" ngoài khoảng 1945–2025',
        'dòng 4, cột "rating": "tốt lắm" không phải xếp loại; ghi một trong: Hoàn thành xuất sắc nhiệm vụ (HTXSNV)',
        'dòng 5, cột "rating": "HTTNV" khác xếp loại Hoàn thành xuất sắc nhiệm vụ đã có trong sổ của NV1 — Nguyễn Văn An năm 2024 (thêm --replace để thay)',
        'dòng 7, cột "rating": "HTTNV" khác xếp loại Hoàn thành xuất sắc nhiệm vụ của NV3 năm 2025 ghi ở dòng 6 của tệp',
        'dòng 8, cột "year": "" trống — cần năm xếp loại',
        'dòng 8, cột "rating": "" trống — cần xếp loại',
    ):
        assert line in result.stderr
    assert_refused(thidua, ["ratings", "import", "khong-co.csv"], "không tìm thấy tệp khong-co.csv")
    assert_refused(thidua, ["ratings", "import", str(thidua.write("c.csv", "subject,year\nNV1,2024\n"))], "rating")
    assert_refused(thidua, ["ratings", "--subject", "NV9"], "NV9")


def test_a_changed_rating_needs_replace_and_the_old_one_stays_in_the_ledger(thidua):
    import sqlite3

    year_end(thidua, ratings=False, history=False)
    thidua.ok("ratings", "import", str(thidua.write("a.csv", "subject,year,rating\nNV1,2024,HTXSNV\n")))
    changed = thidua.write("b.csv", "subject,year,rating\nNV1,2024,HTTNV\n")
    assert_refused(thidua, ["ratings", "import", str(changed)], "thêm --replace để thay")
    assert "Đã ghi 0 xếp loại, thay 1" in thidua.ok("ratings", "import", str(changed), "--replace").stderr
    listed = json.loads(thidua.ok("ratings", "--format", "json").stdout)["ratings"]
    assert [(r["year"], r["rating"], r["source"]) for r in listed] == [(2024, "Hoàn thành tốt nhiệm vụ", "b.csv")]
    with sqlite3.connect(thidua.db) as connection:
        assert connection.execute("SELECT rating FROM rating ORDER BY id").fetchall() == [
            ("Hoàn thành xuất sắc nhiệm vụ",), ("Hoàn thành tốt nhiệm vụ",)
        ]


# --------------------------------------------------------------------------- proposals


def test_danh_hieu_and_hinh_thuc_are_proposed_apart_with_their_reasons(thidua):
    year_end(thidua)
    data = propose(thidua)
    assert picks(data) == [
        ("CSTDCS", "NV1"), ("CSTDCS", "NV2"), ("CSTDCS", "NV3"),
        ("LDTT", "NV1"), ("LDTT", "NV2"), ("LDTT", "NV3"),  # brought `with` CSTĐCS
        ("LDTT", "NV4"), ("TTLDTT", "VP"),
        ("BKTTG", "NV1"), ("BKUB", "NV3"), ("GK", "VP"), ("GK", "NV2"), ("GK", "NV4"),
    ]
    amounts = {(p["award"], p["subject"]): p["amount"] for p in data["proposals"]}
    assert amounts[("LDTT", "NV1")] == 0 and amounts[("LDTT", "NV4")] == 710_000  # only the highest danh hiệu is paid
    excluded = {(e["award"], e["subject"]): e["reason"] for e in data["excluded"]}
    assert excluded == {
        ("LDTT", "NV5"): "xếp loại năm 2025 là Hoàn thành nhiệm vụ",
        ("BKTTG", "NV2"): "xếp loại năm 2022 là Hoàn thành tốt nhiệm vụ; "
                          "chưa có Bằng khen của Chủ tịch UBND tỉnh (các năm 2021–2025 phải sau năm được tặng)",
        ("BKUB", "NV1"): "đã được đề nghị Bằng khen của Thủ tướng Chính phủ trong đợt này (một thành tích chỉ một hình thức khen thưởng)",
        ("BKUB", "NV2"): "thiếu Chiến sĩ thi đua cơ sở năm 2023",
        ("GK", "NV1"): "đã được đề nghị Bằng khen của Thủ tướng Chính phủ trong đợt này (một thành tích chỉ một hình thức khen thưởng)",
        ("GK", "NV3"): "đã được đề nghị Bằng khen của Chủ tịch UBND tỉnh trong đợt này (một thành tích chỉ một hình thức khen thưởng)",
    }
    # the same round again (replacing it: with --allow-overlap a second round now sees the first one's proposals)
    screen = thidua.ok("propose-awards", "--replace", "1").stdout
    assert "  NV2 — Trần Thị Bình: BKUB — thiếu Chiến sĩ thi đua cơ sở năm 2023" in screen
    assert "(và 3 trường hợp đã được đề nghị danh hiệu, hình thức cao hơn cùng loại trong đợt)" in screen
    explain = thidua.ok("score", "--explain", "NV2").stdout
    assert "Không được đề nghị BKUB — Bằng khen của Chủ tịch UBND tỉnh: thiếu Chiến sĩ thi đua cơ sở năm 2023" in explain
    assert "Được đề nghị: LDTT — Lao động tiên tiến (đi kèm CSTDCS)" in explain
    reasons = json.loads(thidua.ok("score", "--explain", "NV5", "--format", "json").stdout)["awards"]
    assert reasons == {"proposed": [], "excluded": [{"award": "LDTT", "name": "Lao động tiên tiến", "reason": "xếp loại năm 2025 là Hoàn thành nhiệm vụ"}]}


def test_without_ratings_every_year_missing_is_named(thidua):
    year_end(thidua, ratings=False)
    excluded = {(e["award"], e["subject"]): e["reason"] for e in propose(thidua)["excluded"]}
    assert excluded[("CSTDCS", "NV1")] == "chưa có xếp loại năm 2025; không đủ điều kiện Lao động tiên tiến đi kèm: chưa có xếp loại năm 2025"
    assert excluded[("BKTTG", "NV1")] == "chưa có xếp loại năm 2021, 2022, 2023, 2024, 2025"


def test_chuyen_de_awards_do_not_count_toward_years(thidua):
    """A CSTĐCS granted by a chuyên đề campaign is recorded as chuyên đề and is no ground for BKUB (NĐ 152 Điều 4 k3)."""
    year_end(thidua)
    theme = CAMPAIGN.format(campaign_extra="").replace('code = "nam-2025"', 'code = "cd-2024"').replace(
        'kind = "thuong-xuyen"', 'kind = "chuyen-de"').replace("2025-01-01", "2024-01-01").replace("2025-12-31", "2024-12-31")
    thidua.ok("campaign", "load", str(thidua.write("cd.toml", theme)))
    thidua.ok("add-entry", "--campaign", "cd-2024", "-s", "NV2", "-k", "TC", "-p", "95", "-d", "2024-05-01")
    thidua.ok("ratings", "import", str(thidua.write("r.csv", "subject,year,rating\nNV2,2023,HTXSNV\n")))
    round_ = propose(thidua, "--campaign", "cd-2024")
    assert ("CSTDCS", "NV2") in picks(round_)
    votes = "subject,award,votes\n" + "".join(f"{p['subject']},{p['award']},9\n" for p in round_["proposals"])
    thidua.ok("record-votes", str(round_["round"]), "--campaign", "cd-2024", "--file", str(thidua.write("v.csv", votes)))
    thidua.ok("record-decision", str(round_["round"]), "--campaign", "cd-2024", "--authority", "giam doc", "--number", "9/QĐ-SKHCN",
              "--date", "2024-12-28")
    # the 2024 CSTĐCS is now twice in NV2's history: the công trạng one imported, the chuyên đề one decided
    history = json.loads(thidua.ok("awards", "--subject", "NV2", "--format", "json").stdout)["awards"]
    assert [(h["award"], h["date"]) for h in history] == [("CSTDCS", "2024-12-20"), ("CSTDCS", "2024-12-28"), ("LDTT", "2024-12-28"), ("GK", "2024-12-28")]
    excluded = {(e["award"], e["subject"]): e["reason"] for e in propose(thidua, "--campaign", "nam-2025")["excluded"]}
    assert excluded[("BKUB", "NV2")] == "thiếu Chiến sĩ thi đua cơ sở năm 2023"


def test_a_campaign_without_categories_keeps_one_ladder(thidua):
    """SPEC's JSON contract for existing campaigns: everything is a hình thức, one award per subject."""
    import re

    text = CAMPAIGN.format(campaign_extra="").replace('category = "danh-hieu"\n', "").replace('with = ["LDTT"]\n', "")
    levels = iter([6, 2, 1, 5, 7, 4, 3])  # one ladder: one award per level (CSTDCS, LDTT, TTLDTT, TTLDXS, BKTTG, BKUB, GK)
    text = re.sub(r"^level = \d+$", lambda _: f"level = {next(levels)}", text, flags=re.M)
    thidua.ok("campaign", "load", str(thidua.write("nam.toml", text)))
    thidua.ok("subject", "import", str(thidua.write("subjects.csv", SUBJECTS)))
    thidua.ok("import-entries", str(thidua.write("entries.csv", ENTRIES)))
    thidua.ok("ratings", "import", str(thidua.write("xep-loai.csv", RATINGS)))
    thidua.ok("awards", "import", str(thidua.write("khen-thuong.csv", HISTORY)))
    data = propose(thidua)
    codes = [p["subject"] for p in data["proposals"]]
    assert len(codes) == len(set(codes))
    assert picks(data) == [("BKTTG", "NV1"), ("CSTDCS", "NV2"), ("CSTDCS", "NV3"), ("GK", "VP"), ("GK", "NV4")]


# --------------------------------------------------------------------------- votes that fall through


VOTES_1 = """subject,award,votes
NV1,CSTDCS,9
NV2,CSTDCS,9
NV3,CSTDCS,6
NV1,LDTT,9
NV2,LDTT,9
NV3,LDTT,9
NV4,LDTT,9
VP,TTLDTT,9
NV1,BKTTG,9
NV3,BKUB,6
VP,GK,9
NV2,GK,9
NV4,GK,9
"""


def test_a_failed_vote_falls_through_to_the_next_lower_award(thidua, monkeypatch):
    year_end(thidua)
    propose(thidua)
    monkeypatch.setenv("THIDUA_TODAY", "2025-12-23")  # the council sits on the 22nd and again on the 23rd
    first = thidua.ok("record-votes", "1", "--file", str(thidua.write("v1.csv", VOTES_1)), "--date", "2025-12-22", "--format", "json")
    assert "NV3 — Lê Văn Cường không đạt BKUB: xét tiếp Giấy khen của Giám đốc Sở (GK)." in first.stderr
    data = json.loads(first.stdout)
    by_key = {(p["award"], p["subject"]): p for p in data["proposals"]}
    assert by_key[("GK", "NV3")]["passed"] is None and by_key[("GK", "NV3")]["fallen_from"] == "BKUB"
    assert by_key[("BKUB", "NV3")]["passed"] is False and by_key[("BKUB", "NV3")]["sitting"] == 1
    # CSTĐCS failed: the LĐTT it brought stands alone, and is paid
    assert by_key[("CSTDCS", "NV3")]["passed"] is False
    assert by_key[("LDTT", "NV3")]["passed"] is True and by_key[("LDTT", "NV3")]["amount"] == 710_000
    excluded = {(e["award"], e["subject"]): e["reason"] for e in data["excluded"]}
    assert excluded[("BKUB", "NV3")] == "Hội đồng bỏ phiếu 6 phiếu đồng ý (66,67%), chưa đạt 70% tổng số thành viên"
    assert ("GK", "NV3") not in excluded
    assert_refused(thidua, ["record-decision", "1", "--number", "5/QĐ-SKHCN", "--date", "2025-12-25"],
                   "đợt đề nghị số 1 còn 1 đề nghị chưa được Hội đồng bỏ phiếu: NV3 — Lê Văn Cường (GK, xét tiếp sau khi không đạt BKUB)")
    assert_refused(thidua, ["record-votes", "1", "--file", str(thidua.write("v.csv", "subject,votes\nNV1,9\n"))],
                   'dòng 2, cột "subject": "NV1" đã được Hội đồng bỏ phiếu; phiên 2 chỉ bỏ phiếu các đề nghị xét tiếp: NV3 (GK)')
    # the sheet of the second sitting lists only the proposal it votes on; the secretary fills it in
    from test_vote_sheet import fill

    sheet = thidua.folder / "nam-2025-dot-1" / "phieu-bau-dot-1-phien-2.xlsx"
    assert f"--file {sheet}" in first.stderr
    fill(sheet, {"NV3": 8}, thidua.folder / "phien-2.xlsx")
    second = json.loads(thidua.ok("record-votes", "1", "--file", str(thidua.folder / "phien-2.xlsx"), "--date", "2025-12-23",
                                  "--format", "json").stdout)
    assert second["sittings"] == [{"sitting": 1, "members": 9, "date": "2025-12-22"}, {"sitting": 2, "members": 9, "date": "2025-12-23"}]
    gk = next(p for p in second["proposals"] if (p["award"], p["subject"]) == ("GK", "NV3"))
    assert (gk["passed"], gk["sitting"], gk["votes"]) == (True, 2, 8)
    assert next(p for p in second["proposals"] if (p["award"], p["subject"]) == ("BKUB", "NV3"))["votes"] == 6  # both votes kept
    decided = json.loads(thidua.ok("record-decision", "1", "--authority", "giam doc", "--number", "5/QĐ-SKHCN", "--date", "2025-12-23",
                                   "--format", "json").stdout)
    granted = {(g["award"], g["subject"]): g["amount"] for g in decided["granted"]}
    assert granted[("GK", "NV3")] == 710_000 and granted[("LDTT", "NV3")] == 710_000 and granted[("LDTT", "NV1")] == 0
    history = json.loads(thidua.ok("awards", "--subject", "NV1", "--format", "json").stdout)["awards"]
    assert {h["award"] for h in history if h["source"] == "decision"} == {"CSTDCS", "LDTT"}


def test_history_keeps_danh_hieu_and_hinh_thuc_apart(thidua):
    import sqlite3

    year_end(thidua)
    data = propose(thidua)
    votes = "subject,award,votes\n" + "".join(f"{p['subject']},{p['award']},9\n" for p in data["proposals"])
    thidua.ok("record-votes", "1", "--file", str(thidua.write("v.csv", votes)))
    thidua.ok("record-decision", "1", "--authority", "giam doc", "--number", "5/QĐ-SKHCN", "--date", "2025-12-20")
    thidua.ok("record-decision", "1", "--authority", "ubnd", "--number", "15/QĐ-UBND", "--date", "2025-12-20")
    thidua.ok("record-decision", "1", "--authority", "thu tuong", "--number", "25/QĐ-TTg", "--date", "2025-12-20")
    with sqlite3.connect(thidua.db) as connection:
        counts = dict(connection.execute("SELECT category, COUNT(*) FROM award_history WHERE source = 'decision' GROUP BY category"))
    assert counts == {"danh-hieu": 8, "hinh-thuc": 5}


def test_no_fall_through_when_the_campaign_says_none(thidua):
    year_end(thidua, 'on_vote_failure = "none"')
    propose(thidua)
    data = json.loads(thidua.ok("record-votes", "1", "--file", str(thidua.write("v1.csv", VOTES_1)), "--format", "json").stdout)
    assert ("GK", "NV3") not in picks(data)
    decided = json.loads(thidua.ok("record-decision", "1", "--authority", "giam doc", "--number", "5/QĐ-SKHCN", "--date", "2025-12-20",
                                   "--format", "json").stdout)
    assert ("GK", "NV3") not in {(g["award"], g["subject"]) for g in decided["granted"]}


def test_a_new_first_vote_drops_the_proposals_the_old_one_made(thidua):
    year_end(thidua)
    propose(thidua)
    thidua.ok("record-votes", "1", "--file", str(thidua.write("v1.csv", VOTES_1)))
    thidua.ok("record-votes", "1", "--file", str(thidua.write("v2.csv", "subject,votes\nNV3,8\n")))
    again = json.loads(thidua.ok("record-votes", "1", "--file", str(thidua.write("v3.csv", VOTES_1.replace("NV3,BKUB,6", "NV3,BKUB,7"))),
                                 "--format", "json").stdout)
    assert ("GK", "NV3") not in picks(again)
    assert next(p for p in again["proposals"] if (p["award"], p["subject"]) == ("BKUB", "NV3"))["passed"] is True
    excluded = {(e["award"], e["subject"]): e["reason"] for e in again["excluded"]}
    assert excluded[("GK", "NV3")].startswith("đã được đề nghị Bằng khen của Chủ tịch UBND tỉnh")  # as proposed, again
    assert [s["sitting"] for s in again["sittings"]] == [1]
