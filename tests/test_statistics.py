"""thidua stats --year: the TT 02/2023/TT-BNV forms 0601.N, 0602.N, 0603.N filled from the ledger."""

from __future__ import annotations

import json

import pytest

from conftest import MINI_CAMPAIGN, assert_refused
from year_example import year_ledger

ROWS_0603 = [
    "Tổng số", "1. Chia theo đối tượng khen thưởng", "- Tập thể", "Trong đó: Doanh nghiệp", "- Hộ gia đình", "- Cá nhân",
    "+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên", "+ Lãnh đạo cấp vụ, sở, ngành và tương đương", "+ Doanh nhân",
    "+ Các cấp lãnh đạo khác từ phó phòng trở lên",
    "+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu (công nhân, nông dân,...)",
    "2. Chia theo phương thức khen thưởng", "- Thường xuyên", "- Chuyên đề", "- Đột xuất", "- Đối ngoại", "- Cống hiến.",
    "- Niên hạn", "- Kháng chiến",
]


@pytest.fixture(scope="module")
def decided(tmp_path_factory):
    monkeypatch = pytest.MonkeyPatch()
    yield year_ledger(tmp_path_factory.mktemp("stats"), monkeypatch)[0]
    monkeypatch.undo()


def cell(form: dict, code: str, column: str) -> int:
    return next(row["cells"][column] for row in form["rows"] if row["code"] == code)


def test_the_xlsx_has_the_official_labels_and_its_totals_equal_the_history(decided, tmp_path):
    import openpyxl

    decided.ok("stats", "--year", "2022", "-o", str(tmp_path / "tk.xlsx"))
    workbook = openpyxl.load_workbook(tmp_path / "tk.xlsx")
    assert workbook.sheetnames == ["0601.N", "0602.N", "0603.N"]
    sheet = workbook["0603.N"]
    assert sheet["A1"].value == "Biểu số: 0603.N/BNV-TĐKT"
    assert sheet["A2"].value == "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023"
    assert sheet["E1"].value == "Đơn vị báo cáo: Sở Thông tin và Truyền thông"
    assert [sheet.cell(7, c).value for c in range(1, 6)] == [None, "Mã số", "Đơn vị tính", "Tổng số", "Chia ra"]
    assert [sheet.cell(8, c).value for c in range(5, 9)] == [
        "Bằng khen", "Chiến sĩ thi đua cấp bộ, cấp tỉnh",
        "Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
        "Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
    ]
    assert [sheet.cell(9, c).value for c in range(1, 9)] == ["A", "B", "C", "1", "2", "3", "4", "5"]
    assert {"A7:A8", "B7:B8", "C7:C8", "D7:D8", "E7:H7"} <= {str(r) for r in sheet.merged_cells.ranges}
    labels = [sheet.cell(r, 1).value for r in range(10, 10 + len(ROWS_0603))]
    assert labels == ROWS_0603
    codes = [sheet.cell(r, 2).value for r in range(10, 10 + len(ROWS_0603)) if sheet.cell(r, 2).value]
    assert codes == [f"{n:02d}" for n in range(1, 18)]
    state = workbook["0602.N"]
    assert state.cell(4, 1).value == "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC"
    assert [state.cell(8, c).value for c in (5, 7, 8, 9, 11, 12, 14, 15)] == [
        "Các loại huân chương, huy chương", "Giải thưởng Hồ Chí Minh", "Giải thưởng Nhà nước", "Danh hiệu vinh dự nhà nước",
        "Cờ thi đua của Chính phủ", "Bằng khen của Thủ tướng Chính phủ", "Chiến sĩ thi đua toàn quốc",
        "Các hình thức khen thưởng khác",
    ]
    # the totals, counted again straight from the award history of 2022
    history = [h for h in json.loads(decided.ok("awards", "-O", "json").stdout)["awards"] if h["date"] and h["date"].startswith("2022")]
    province = [h for h in history if h["name"].startswith("Bằng khen") and "Thủ tướng" not in h["name"]]
    nation = [h for h in history if "Thủ tướng" in h["name"] or h["name"].startswith("Huân chương")]
    row = {sheet.cell(r, 2).value: [sheet.cell(r, c).value for c in range(4, 9)] for r in range(10, 10 + len(ROWS_0603))}
    assert row["01"] == [len(province), len(province), 0, 0, 0]
    assert row["02"][0] == sum(1 for h in province if h["kind"] == "collective")
    assert row["05"][0] == sum(1 for h in province if h["kind"] == "individual")
    assert row["12"][0] == len(province)  # a chuyên đề campaign's decision is chuyên đề
    data = json.loads(decided.ok("stats", "--year", "2022", "-O", "json").stdout)
    forms = {form["form"]: form for form in data["forms"]}
    assert cell(forms["0602.N"], "01", "1") == len(nation)
    assert cell(forms["0602.N"], "01", "7a") == sum(1 for h in nation if "Thủ tướng" in h["name"] and h["kind"] == "collective")
    assert cell(forms["0602.N"], "03", "1") == len(nation)  # the tờ trình goes through the province (UBND tỉnh)
    assert cell(forms["0603.N"], "01", "1") == row["01"][0]
    assert cell(forms["0602.N"], "01", "1") + cell(forms["0603.N"], "01", "1") + len(data["outside"]) == len(history)
    assert all(o["text"].find("Giấy khen") > 0 for o in data["outside"])


def test_campaigns_by_scope_duration_and_kind(decided):
    data = json.loads(decided.ok("stats", "--year", "2021", "-O", "json").stdout)
    form = next(f for f in data["forms"] if f["form"] == "0601.N")
    counts = {row["code"]: row["cells"] for row in form["rows"] if row["code"]}
    assert counts["01"] == {"1": 1, "2": 0, "3": 0, "4": 1}
    assert counts["05"]["1"] == counts["06"]["1"] == counts["11"]["1"] == 1  # cơ quan; 7,5 tháng; chuyên đề
    assert sum(counts[code]["1"] for code in ("02", "03", "04", "05")) == counts["01"]["1"]
    assert sum(counts[code]["1"] for code in ("06", "07", "08", "09", "10")) == counts["01"]["1"]
    none = json.loads(decided.ok("stats", "--year", "2023", "-O", "json").stdout)
    assert all(cell(f, "01", "1") == 0 for f in none["forms"])


def test_scope_and_launch_level_from_the_campaign_file(thidua):
    text = MINI_CAMPAIGN.replace('base_salary = 1490000', 'base_salary = 1490000\nscope = "bo-nganh-dia-phuong"\n'
                                                            'launch_level = "bo-tinh"\nend = 2022-12-31').replace("end = 2021-12-31\n", "")
    thidua.ok("campaign", "load", str(thidua.write("c.toml", text)))
    form = json.loads(thidua.ok("stats", "--year", "2021", "-O", "json").stdout)["forms"][0]
    assert cell(form, "03", "3") == 1 and cell(form, "08", "1") == 1 and cell(form, "05", "1") == 0
    bad = MINI_CAMPAIGN.replace('base_salary = 1490000', 'base_salary = 1490000\nscope = "ca-nuoc"')
    assert_refused(thidua, ["campaign", "load", str(thidua.write("bad.toml", bad))], "scope")


def test_explain_lists_the_ledger_rows_behind_a_cell(decided):
    text = decided.ok("stats", "--year", "2022", "--explain", "0603:02:2").stdout
    lines = text.splitlines()
    assert lines[0] == "Biểu 0603.N, dòng 02 (- Tập thể), cột 2 (Chia ra — Bằng khen): 2"
    assert len(lines) == 3 and all(line.startswith("  khen thưởng số ") for line in lines[1:])
    assert "Bằng khen của Chủ tịch UBND tỉnh (BK-UBND), quyết định 1234/QĐ-UBND ngày 15/07/2022, loại hình chuyên đề" in text
    assert decided.ok("stats", "--year", "2021", "--explain", "0601:01:4").stdout.splitlines()[1].startswith(
        "  phong trào covid19-stttt: covid19-stttt — Cả nước đoàn kết")


def test_refusals(decided):
    assert_refused(decided, ["stats", "--year", "22"], '--year: "22" không phải năm', code=2)
    assert_refused(decided, ["stats", "--year", "2022", "--explain", "0603-02"], '--explain: "0603-02" viết BIỂU:MÃ_SỐ:CỘT', code=2)
    assert_refused(decided, ["stats", "--year", "2022", "--explain", "0604:01:1"], "--explain: không có biểu 0604.N", code=2)
    assert_refused(decided, ["stats", "--year", "2022", "--explain", "0603:30:1"], 'biểu 0603.N không có dòng mã số "30"', code=2)
    assert_refused(decided, ["stats", "--year", "2022", "-O", "xlsx"], "định dạng xlsx cần --out TỆP", code=2)


def test_the_example_year_in_markdown(decided):
    from conftest import assert_golden

    assert_golden("stats-2022.md", decided.ok("stats", "--year", "2022").stdout)
