"""trial19: a themed campaign's whole year read back — what the office reads must agree with the ledger and itself."""

from __future__ import annotations

import json

import pytest

from conftest import Thidua


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the dossier folder is made in the current folder


def _log(thidua: Thidua, *args: str) -> list[dict]:
    return json.loads(thidua.ok("log", "--format", "json", *args).stdout)


def test_a_subjects_log_says_its_award_decision_was_corrected(thidua):
    """trial19: `decision correct` writes a new decision and records the awards again under it; `thidua log --subject`
    showed the person's award added under the wrong number and again under the right one, and nothing in between:
    read by person, the log said two Giấy khen. The correcting decision (which the whole log shows, with the
    number it corrects and why) is now in the story of each person the corrected decision granted, and only theirs."""
    from test_decisions import two_for_the_province

    two_for_the_province(thidua)  # BK for NV1 and NV2 (UBND tỉnh), GK for NV3 (Giám đốc Sở)
    thidua.ok("record-decision", "1", "--award", "GK", "--number", "5/QĐ-STTTT", "--date", "2023-01-20")
    thidua.ok("record-decision", "1", "--award", "BK", "--number", "12/QĐ-UBND", "--date", "2023-01-25")
    thidua.ok("decision", "correct", "5/QĐ-STTTT", "--number", "6/QĐ-STTTT", "--date", "2023-01-20", "--reason", "Ghi nhầm số")

    text = thidua.ok("log", "--subject", "NV3").stdout
    assert "Thêm khen thưởng đã nhận GK 5/QĐ-STTTT của đối tượng NV3" in text
    assert ("  Thêm quyết định khen thưởng 6/QĐ-STTTT của phong trào thu\n"
            "    sửa quyết định số 5/QĐ-STTTT — lý do: Ghi nhầm số\n") in text
    assert text.index("GK 5/QĐ-STTTT") < text.index("GK 6/QĐ-STTTT") < text.index("sửa quyết định số 5/QĐ-STTTT")
    assert [c["after"]["number"] for c in _log(thidua, "--subject", "NV3") if c["table"] == "decision"] == ["6/QĐ-STTTT"]
    # the others were granted by the UBND's decision, which was not corrected: nothing of the correction is theirs
    for other in ("NV1", "NV2"):
        assert "sửa quyết định" not in thidua.ok("log", "--subject", other).stdout
        assert [c for c in _log(thidua, "--subject", other) if c["table"] == "decision"] == []


def test_the_log_writes_the_base_salarys_day_as_the_office_does(thidua):
    """trial19: `thidua log` read "Thêm mức lương cơ sở từ 2024-07-01" — the one day of the log in the ledger's
    own notation, beside "ngày 20/01/2023" of a decision; it reads "từ 01/07/2024" now."""
    thidua.mini()
    toml = thidua.folder / "luong.toml"
    source = (thidua.folder / "mini.toml").read_text(encoding="utf-8")
    toml.write_text(source.replace("\n[[criteria]]", "\n[[base_salaries]]\nfrom = 2024-07-01\namount = 2340000\n\n[[criteria]]", 1),
                    encoding="utf-8")
    thidua.ok("campaign", "load", str(toml))
    text = thidua.ok("log").stdout
    assert "mức lương cơ sở từ 01/07/2024 của phong trào" in text and "2024-07-01" not in text


def _section_iv(thidua: Thidua, *args: str) -> str:
    text = thidua.ok("report", *args, "-O", "md").stdout
    return text[text.index("## IV."):text.index("### 1.", text.index("## IV."))]


def test_a_closing_report_tells_the_awards_as_they_stood_on_its_date(thidua):
    """trial19: a tổng kết (or sơ kết) counts the proposals and decisions up to the date it is written on, but told
    what was not granted as the ledger stands today. Written on 31/12/2022, before the UBND's reply of 15/01/2023, it
    said 'không được khen 01 lượt: Trần Văn Bình — … (quyết định số 12/QĐ-UBND ngày 15/01/2023)' — a decision after
    the report's own date — and nothing of Nguyễn Văn An's Bằng khen, proposed and not yet decided: 03 lượt proposed,
    01 granted, 01 refused, one unaccounted for. Now both are still waiting on that date, and the refusal is told
    once the report's date reaches it."""
    from test_decisions import GD, SUBJECTS, UB
    from test_proposals import award, propose, setup

    setup(thidua, award("BK", 2, min_score=90, multiplier=1.0).replace(GD, UB) + award("GK", 1), SUBJECTS,
          {"NV1": 96, "NV2": 91, "NV3": 80})
    propose(thidua, "--date", "2022-12-20")  # BK for NV1 and NV2 (UBND tỉnh), GK for NV3 (Giám đốc Sở)
    thidua.ok("record-decision", "1", "--award", "GK", "--number", "5/QĐ-STTTT", "--date", "2022-12-28")
    thidua.ok("record-decision", "1", "--award", "BK", "--number", "12/QĐ-UBND", "--date", "2023-01-15", "--not-granted", "NV2")

    on_the_31st = _section_iv(thidua, "--final", "--date", "2022-12-31")
    assert "Đã đề nghị khen thưởng 03 cá nhân" in on_the_31st and "đã có quyết định khen thưởng 01 cá nhân" in on_the_31st
    assert "không được khen" not in on_the_31st and "15/01/2023" not in on_the_31st
    assert "còn 02 lượt chưa có quyết định: " in on_the_31st
    assert f"Nguyễn Văn An — Hình thức BK (đợt 1, chờ quyết định của {UB})" in on_the_31st
    assert f"Trần Văn Bình — Hình thức BK (đợt 1, chờ quyết định của {UB})" in on_the_31st

    later = _section_iv(thidua, "--final", "--date", "2023-01-20")
    assert "đã có quyết định khen thưởng 02 cá nhân" in later and "chưa có quyết định:" not in later
    assert "không được khen 01 lượt: Trần Văn Bình — Hình thức BK (đợt 1, quyết định số 12/QĐ-UBND ngày 15/01/2023)" in later

    # a sơ kết before the round: nothing proposed, nothing decided, and no refusal of a proposal not yet made
    before = _section_iv(thidua, "--midterm", "--as-of", "2022-12-10", "--date", "2022-12-10")
    assert "Chưa đề nghị khen thưởng tập thể, cá nhân nào; chưa có quyết định khen thưởng nào." in before


def test_the_log_in_json_names_the_decision_a_correction_corrects(thidua):
    """trial19: `thidua log` says "sửa quyết định số 5/QĐ-STTTT — lý do: …"; its JSON gave only the ledger's row id
    of that decision (`after.corrects`: 1), which nothing else the office reads names. It carries the number too."""
    from test_decisions import two_for_the_province

    two_for_the_province(thidua)
    thidua.ok("record-decision", "1", "--award", "GK", "--number", "5/QĐ-STTTT", "--date", "2023-01-20")
    thidua.ok("decision", "correct", "5/QĐ-STTTT", "--number", "6/QĐ-STTTT", "--date", "2023-01-20", "--reason", "Ghi nhầm số")
    added = [c for c in _log(thidua) if c["table"] == "decision"]
    assert [(c["after"]["number"], c.get("corrects")) for c in added] == [("5/QĐ-STTTT", None), ("6/QĐ-STTTT", "5/QĐ-STTTT")]


@pytest.mark.parametrize(("start", "end", "row"), [
    ("2025-01-01", "2025-12-31", "07"),  # the calendar year
    ("2025-03-26", "2026-03-25", "07"),  # one year from a day of the month: it said "Từ 1 năm đến dưới 3 năm"
    ("2025-09-05", "2026-09-04", "07"),
    ("2025-03-26", "2026-04-10", "08"),  # a year and some days
    ("2025-03-26", "2025-12-31", "06"),
    ("2025-03-26", "2027-03-25", "08"),  # two years
    ("2025-03-26", "2028-03-25", "09"),  # three years: "Từ 3 năm đến dưới 5 năm"
])
def test_form_0601_counts_a_campaign_of_one_year_in_the_one_year_row(thidua, start, end, row):
    """trial19: biểu 0601.N put a campaign from 26/03/2025 to 25/03/2026 — one year — in row 08 "Từ 1 năm đến dưới
    3 năm": whole months were counted one too many when the campaign did not start on the 1st of a month."""
    thidua.mini()  # a campaign of 2021, outside the year
    toml = thidua.folder / "mot-nam.toml"
    text = (thidua.folder / "mini.toml").read_text(encoding="utf-8").replace('code = "mini"', 'code = "mot-nam"', 1)
    text = text.replace("issued = 2021-10-01", f"issued = {start}").replace("start = 2021-10-01", f"start = {start}")
    toml.write_text(text.replace("end = 2021-12-31", f"end = {end}"), encoding="utf-8")
    thidua.ok("campaign", "load", str(toml))
    forms = json.loads(thidua.ok("stats", "--year", "2025", "-O", "json").stdout)["forms"]
    rows = {r["code"]: r["cells"] for r in next(f for f in forms if f["form"] == "0601.N")["rows"] if r["code"]}
    assert [code for code in ("06", "07", "08", "09", "10") if rows[code]["1"]] == [row]


def test_the_statistics_workbook_says_the_years_awards_it_leaves_out(thidua):
    """trial19: `stats -o thong-ke.xlsx` writes the three forms only, and the year's awards of the cơ sở level (Giấy
    khen, Lao động tiên tiến …), which belong to none of them, were in no sheet and told nowhere — on the screen and in
    Markdown they are listed 'không thuộc biểu 0602.N, 0603.N'. Writing the workbook now says how many and where to
    read them; the forms are unchanged."""
    thidua.mini()
    thidua.ok("awards", "add", "--subject", "NV1", "--award", "Giấy khen của Giám đốc Sở Thông tin và Truyền thông",
              "--number", "7/QĐ-STTTT", "--date", "2021-12-20")
    thidua.ok("awards", "add", "--subject", "NV2", "--award", "Bằng khen của Chủ tịch UBND tỉnh",
              "--number", "9/QĐ-UBND", "--date", "2021-12-22")
    written = thidua.ok("stats", "--year", "2021", "-o", str(thidua.folder / "thong-ke.xlsx"))
    assert ("Lưu ý: 1 khen thưởng trong năm 2021 không thuộc biểu 0602.N, 0603.N (Giấy khen, danh hiệu cấp cơ sở …) "
            "không có trong tệp này; xem danh sách: thidua stats --year 2021") in written.stderr
    from openpyxl import load_workbook

    assert load_workbook(thidua.folder / "thong-ke.xlsx").sheetnames == ["0601.N", "0602.N", "0603.N"]
    # nothing left out: nothing said
    assert "Lưu ý" not in thidua.ok("stats", "--year", "2022", "-o", str(thidua.folder / "thong-ke-2022.xlsx")).stderr
    assert "Lưu ý" not in thidua.ok("stats", "--year", "2021").stderr  # the screen lists them


def test_every_field_the_log_can_name_has_a_vietnamese_word():
    """trial19: `thidua log` named a cancelled round's 'cancelled_by (cancelled_by)', and a campaign reloaded with its
    place, plan or agency changed 'place (place): Trà Vinh → Vĩnh Long' — the column's own English name, where every
    other field reads 'điểm đạt (min_score)'. Each column the log (and `check`) can name has its Vietnamese word."""
    import sqlite3

    from thidua_cli.domain.change_fields import FIELD_LABELS
    from thidua_cli.storage import schema
    from thidua_cli.storage.changelog import WATCHED

    connection = sqlite3.connect(":memory:")
    for statement in schema.ddl():
        connection.execute(statement)
    unnamed = [f"{w.table}.{row[1]}" for w in WATCHED for row in connection.execute(f'PRAGMA table_info("{w.table}")')
               if row[1] != "id" and row[1] not in w.skip and row[1] not in FIELD_LABELS]
    assert unnamed == []


def test_a_cancelled_round_reads_in_the_log_as_the_office_writes(thidua):
    """trial19: `rounds cancel` read in the log 'huỷ lúc (cancelled_at): (trống) → 2026-12-07T23:52:26.275955+00:00'
    and 'cancelled_by (cancelled_by): (trống) → …': the moment is written as the log's own header writes it (local
    day and time), and who cancelled in Vietnamese."""
    from datetime import datetime

    from test_proposals import award, propose, setup

    setup(thidua, award("GK", 1), "code,name,kind,unit,gender,female_percent\nNV1,Nguyễn Văn An,cá nhân,VP,nam,\n",
          {"NV1": 90})
    propose(thidua)
    thidua.ok("rounds", "cancel", "1", "--reason", "Lập nhầm kỳ")
    change = next(c for c in _log(thidua) if c["command"] == "rounds cancel")
    moment = datetime.fromisoformat(change["after"]["cancelled_at"]).astimezone().strftime("%d/%m/%Y %H:%M")
    text = thidua.ok("log").stdout
    assert f"    huỷ lúc (cancelled_at): (trống) → {moment}\n" in text
    assert "    người huỷ (cancelled_by): (trống) → Người kiểm thử\n" in text
    assert "+00:00" not in text


def test_the_log_names_kinds_and_categories_in_vietnamese(thidua):
    """trial19: a criterion reloaded for individuals only read 'áp dụng cho (applies_to): both → individual', an award
    moved to the danh hiệu 'phân loại (category): hinh-thuc → danh-hieu': the ledger's own codes. They read as
    `campaign show` says them."""
    thidua.mini()
    toml = thidua.folder / "mini.toml"
    text = toml.read_text(encoding="utf-8").replace('applies_to = "both"', 'applies_to = "individual"', 1)
    toml.write_text(text, encoding="utf-8")
    thidua.ok("campaign", "load", str(toml))
    log = thidua.ok("log").stdout
    assert "    áp dụng cho (applies_to): cả hai → cá nhân\n" in log
    from thidua_cli.domain.change_fields import value_words

    assert value_words("category", "danh-hieu") == "danh hiệu thi đua"
    assert value_words("award_kind", "dot-xuat") == "đột xuất" and value_words("status", "tra-lai") == "trả lại"
    assert value_words("kind", "collective") == "tập thể" and value_words("kind", "thuong-xuyen") == "thường xuyên"
    assert value_words("name", "both") == "both"  # a name is what it is
