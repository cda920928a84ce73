"""The bundled annual example (examples/thuong-xuyen-2025-skhcn): its files, its law, and the demo."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import sys
import tomllib
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import REPO

ANNUAL = REPO / "examples" / "thuong-xuyen-2025-skhcn"
DATA_FILES = ("subjects.csv", "entries.csv", "ratings.csv", "awards-history.csv", "phieu-bau-hoi-dong.csv",
              "phieu-bau-hoi-dong-lan-2.csv")


def _generator():
    spec = importlib.util.spec_from_file_location("make_annual_example", REPO / "tools" / "make_annual_example.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _definition() -> dict:
    return tomllib.loads((ANNUAL / "campaign.toml").read_text(encoding="utf-8"))


def _rows(name: str) -> list[dict]:
    with (ANNUAL / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --------------------------------------------------------------------------- the files


def test_the_data_files_are_what_the_generator_writes(tmp_path):
    """The CSV files come from one cast in tools/make_annual_example.py; a hand edit would drift from it."""
    _generator().main(tmp_path)
    for name in DATA_FILES:
        assert (tmp_path / name).read_bytes() == (ANNUAL / name).read_bytes(), name


def test_each_initiative_is_recognised_once_for_one_subject():
    """DOMAIN §3: a sáng kiến grounds one award. The example recognised "Hệ thống giám sát máy chủ…" for four
    subjects by four decisions, which a signer reading the báo cáo thành tích side by side would question."""
    titles = [(row["Mã"], re.search("“(.+)”", row["Nội dung thành tích"])[1]) for row in _rows("entries.csv") if row["Tiêu chí"] == "SK"]
    assert len(titles) == 12 and len({title for _, title in titles}) == len(titles), titles


def test_every_text_file_is_nfc_utf8_with_the_office_headers():
    for path in ANNUAL.iterdir():
        text = path.read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", text) == text, path.name
    headers = {name: next(csv.reader((ANNUAL / name).open(encoding="utf-8"))) for name in DATA_FILES}
    assert headers["entries.csv"] == ["Ngày", "Mã", "Tiêu chí", "Điểm", "Nội dung thành tích", "Văn bản minh chứng"]
    assert headers["ratings.csv"] == ["Mã", "Năm", "Xếp loại"]
    assert headers["awards-history.csv"] == [
        "Mã", "Danh hiệu thi đua", "Hình thức khen thưởng", "Số quyết định", "Ngày quyết định", "Cơ quan ban hành", "Loại hình", "Năm"]
    assert headers["subjects.csv"][:7] == ["Mã", "Họ và tên", "Loại", "Đơn vị", "Chức vụ", "Giới tính", "Tỷ lệ nữ (%)"]


def test_every_award_cites_the_article_it_follows():
    text = (ANNUAL / "campaign.toml").read_text(encoding="utf-8")
    blocks = text.split("[[awards]]")[1:]
    assert len(blocks) == len(_definition()["awards"]) == 8
    for block in blocks:
        code = re.search(r'^code = "([^"]+)"', block, re.M)[1]
        assert re.search(r"(Luật|NĐ 152) Điều \d+", block), f"{code}: no article cited"


def test_the_definition_follows_the_law_as_noted():
    data = _definition()
    head = data["campaign"]
    assert (head["kind"], head["rules"], head["on_vote_failure"]) == ("thuong-xuyen", "nd152-2025", "next-lower")
    assert (head["agency"], head["parent_agency"], head["place"]) == ("Sở Khoa học và Công nghệ", "UBND tỉnh Vĩnh Long", "Vĩnh Long")
    council = data["council"]
    assert len(council) == head["council_members"] == 9
    roles = [m["role"] for m in council]
    assert roles.count("chủ tịch") == 1 and roles.count("thư ký") == 1 and roles.count("phó chủ tịch") == 2
    chair = next(m for m in council if m["role"] == "chủ tịch")
    assert (chair["name"], chair["title"]) == (head["council_chair"], "Giám đốc Sở") and chair["name"] == head["signer_name"]
    assert next(m for m in council if m["role"] == "thư ký")["name"] == head["council_secretary"]
    assert not any("Phó Giám đốc" in m["title"] and "Văn phòng" in m["title"] for m in council)
    awards = {a["code"]: a for a in data["awards"]}
    assert {c for c, a in awards.items() if a["category"] == "danh-hieu"} == {"CSTDT", "TTLDXS", "CSTDCS", "TTLDTT", "LDTT"}
    assert {c for c, a in awards.items() if a["category"] == "hinh-thuc"} == {"BK-TTG", "BK-UBND", "GK-GD"}
    # NĐ 152 Điều 54 k1 and the danh hiệu amounts (NGUON.md §5)
    individual = {c: Decimal(str(a["multiplier"])) for c, a in awards.items() if a["applies_to"] != "collective"}
    assert individual == {"CSTDT": 3, "CSTDCS": 1, "LDTT": Decimal("0.3"), "BK-TTG": Decimal("3.5"), "BK-UBND": Decimal("1.5"),
                          "GK-GD": Decimal("0.3")}
    collective = {c: Decimal(str(a["collective_multiplier"])) for c, a in awards.items() if a["applies_to"] != "individual"}
    assert collective == {"TTLDXS": Decimal("1.5"), "TTLDTT": Decimal("0.8"), "BK-UBND": 3, "GK-GD": Decimal("0.6")}
    # Luật Điều 80 k1: the Giám đốc decides LĐTT, CSTĐCS, TTLĐTT and Giấy khen; the rest goes up
    assert {c for c, a in awards.items() if a["agency_decides"]} == {"LDTT", "CSTDCS", "TTLDTT", "GK-GD"}
    assert awards["CSTDCS"]["with"] == ["LDTT"] and awards["CSTDT"]["with"] == ["CSTDCS", "LDTT"]
    assert awards["CSTDT"]["requires_individual"] == [{"award": "CSTDCS", "years": 3}]
    assert awards["BK-TTG"]["requires_individual"] == [{"rating": "Hoàn thành tốt nhiệm vụ", "years": 5, "after": "BK-UBND"}]


def test_the_cast_shows_each_situation_in_the_data():
    subjects = {r["Mã"]: r for r in _rows("subjects.csv")}
    assert sum(r["Loại"] == "Tập thể" for r in subjects.values()) == 7 and len(subjects) == 48
    assert all(r["Tỷ lệ nữ (%)"] for r in subjects.values() if r["Loại"] == "Tập thể")
    assert all(r["Giới tính"] in ("Nam", "Nữ") and r["Ngày, tháng, năm sinh"] for r in subjects.values() if r["Loại"] == "Cá nhân")
    history = _rows("awards-history.csv")

    def held(code, name, kind="Công trạng"):
        return sorted(int(r["Năm"]) for r in history if r["Mã"] == code and name in (r["Danh hiệu thi đua"], r["Hình thức khen thưởng"])
                      and r["Loại hình"] == kind)

    assert all(bool(r["Danh hiệu thi đua"]) != bool(r["Hình thức khen thưởng"]) for r in history)  # one or the other

    assert held("NV05", "Chiến sĩ thi đua cơ sở") == [2022, 2023, 2024]
    assert held("NV12", "Chiến sĩ thi đua cơ sở") == [2022, 2024]
    assert held("NV03", "Bằng khen của Chủ tịch UBND tỉnh") == [2019]
    assert held("NV03", "Bằng khen của Chủ tịch UBND tỉnh", "Chuyên đề") == [2022]
    assert held("NV12", "Bằng khen của Chủ tịch UBND tỉnh") == [] and held("NV12", "Bằng khen của Chủ tịch UBND tỉnh", "Chuyên đề") == [2019]
    assert held("NV02", "Giấy khen của Giám đốc Sở", "Chuyên đề") == [2022]
    ratings = {(r["Mã"], int(r["Năm"])): r["Xếp loại"] for r in _rows("ratings.csv")}
    assert {year for code, year in ratings if code == "NV03"} == set(range(2020, 2026))
    assert all(ratings[("NV03", y)] in ("Hoàn thành tốt nhiệm vụ", "Hoàn thành xuất sắc nhiệm vụ") for y in range(2020, 2025))
    votes = {(r["Mã"], r["Hình thức khen thưởng"]): int(r["Số phiếu đồng ý"]) for r in _rows("phieu-bau-hoi-dong.csv")}
    assert votes[("NV20", "BK-UBND")] == 6 and 6 * 100 / 9 < 70
    assert {v for k, v in votes.items() if k != ("NV20", "BK-UBND")} == {9}


def test_the_entries_add_up_to_the_cast_totals(thidua):
    thidua.ok("campaign", "load", str(ANNUAL / "campaign.toml"))
    thidua.ok("subject", "import", str(ANNUAL / "subjects.csv"))
    thidua.ok("import-entries", str(ANNUAL / "entries.csv"))
    standings = json.loads(thidua.ok("score", "--format", "json").stdout)["standings"]
    totals = {row["subject"]: Decimal(str(row["total"])) for row in standings}
    cast = _generator()
    expected = {p.code: p.total for p in cast.PEOPLE} | {u[0]: u[2] for u in cast.UNITS}
    assert totals == expected


# --------------------------------------------------------------------------- the demo


def test_the_demo_runs_both_campaigns_each_in_its_own_ledger(tmp_path):
    from thidua_cli.services.demo import run_demo

    lines = list(run_demo(str(tmp_path / "demo")))
    text = "\n".join(lines)
    assert (tmp_path / "demo" / "covid19-stttt" / "thidua-demo.db").exists()
    assert "Đã ghi 395 mục thành tích" in text
    annual = tmp_path / "demo" / "thuong-xuyen-2025-skhcn"
    assert "Đã nạp phong trào thuong-xuyen-2025-skhcn (18/KH-SKHCN)" in text, text
    assert "Đã nhập 48 đối tượng." in text and "Đã ghi 587 mục thành tích năm 2025." in text
    assert "Tạm dừng xét khen thưởng NV08: đang xem xét kỷ luật" in text
    assert re.search(r"Quyết định số 35/QĐ-SKHCN ngày 04/01/2026 của Giám đốc Sở Khoa học và Công nghệ: \d+ danh hiệu", text)
    assert re.search(r"Quyết định số 1234/QĐ-UBND ngày 29/01/2026 của Chủ tịch UBND tỉnh Vĩnh Long: \d+ danh hiệu", text)
    assert (annual / "thidua-demo.db").exists() and lines[-1].startswith("Báo cáo năm 2025: ")
    for suffix in ("md", "html", "docx", "json"):
        assert (annual / f"bao-cao-nam-2025.{suffix}").exists()
    proposed = json.loads((annual / "de-nghi.json").read_text(encoding="utf-8"))["proposals"]
    assert "NV08" not in {p["subject"] for p in proposed}  # blocked: under disciplinary review


def test_a_build_that_cannot_read_the_definition_says_so_and_writes_nothing(tmp_path):
    from thidua_cli.services.demo_annual import annual_demo

    source = tmp_path / "example"
    source.mkdir()
    (source / "campaign.toml").write_text("[campaign]\ncode = 'x'\n[[hoi_dong]]\nten = 'A'\n", encoding="utf-8")
    lines = list(annual_demo(tmp_path / "out", source))
    assert len(lines) == 1 and lines[0].startswith("Chưa chạy phong trào thường xuyên 2025: bản thidua này chưa đọc được tệp campaign.toml (")
    assert not (tmp_path / "out" / "thidua-demo.db").exists()


def test_the_vote_sheet_gives_all_votes_but_the_one_that_falls_short():
    from types import SimpleNamespace as S

    from thidua_cli.services.demo_annual import vote_sheet

    def proposal(subject, award):
        return S(subject=S(code=subject), award=S(code=award))

    sheet = vote_sheet([proposal("NV05", "BK-UBND"), proposal("NV20", "BK-UBND"), proposal("NV20", "CSTDCS")], (), 9)
    assert sheet.splitlines() == ["Mã,Hình thức khen thưởng,Số phiếu đồng ý", "NV05,BK-UBND,9", "NV20,BK-UBND,6", "NV20,CSTDCS,9"]


# --------------------------------------------------------------------------- once the year-end engine and the imports land


def test_the_example_campaign_loads(thidua):
    result = thidua.ok("campaign", "load", str(ANNUAL / "campaign.toml"))
    assert "Cảnh báo" not in result.stderr  # every key of the file is known
    again = thidua.ok("campaign", "load", str(ANNUAL / "campaign.toml"))
    assert "Cảnh báo" not in again.stderr


def test_the_example_files_import_keeping_every_column(thidua):
    thidua.ok("campaign", "load", str(ANNUAL / "campaign.toml"))
    for args in (("subject", "import", ANNUAL / "subjects.csv"), ("import-entries", ANNUAL / "entries.csv"),
                 ("awards", "import", ANNUAL / "awards-history.csv")):
        result = thidua.ok(*args)
        assert "Cảnh báo" not in result.stderr, result.stderr  # no column named as unused
    import sqlite3

    connection = sqlite3.connect(thidua.db)
    try:
        details = json.loads(connection.execute("SELECT details FROM subject WHERE code = 'NV05'").fetchone()[0])
        kinds = dict(connection.execute("SELECT award_kind, COUNT(*) FROM award_history GROUP BY award_kind").fetchall())
        years = dict(connection.execute(
            "SELECT h.number, h.year FROM award_history h JOIN subject s ON s.id = h.subject_id"
            " WHERE s.code = 'NV05' AND h.year = 2023").fetchall())
    finally:
        connection.close()
    assert details["birth_date"] in ("23/07/1985", "1985-07-23") and details["hometown"] == "phường Phước Hậu, tỉnh Vĩnh Long"
    assert details["education"] == "Thạc sĩ Quản trị kinh doanh" and details["party_position"] == "Đảng viên; Bí thư Chi đoàn"
    history = _rows("awards-history.csv")
    assert kinds == {"cong-trang": sum(r["Loại hình"] == "Công trạng" for r in history),
                     "chuyen-de": sum(r["Loại hình"] == "Chuyên đề" for r in history)}
    assert years == {"08/QĐ-SKHCN": 2023}  # CSTĐCS 2023, decided in January 2024
    entries = json.loads(thidua.ok("entries", "--subject", "NV15", "--format", "json").stdout)["entries"]
    assert all(e["note"] and e["evidence"] for e in entries)


def test_the_annual_demo_gives_the_expected_round(tmp_path):
    """Golden: who is recognised and proposed, each exclusion, the vote that falls through."""
    from thidua_cli.services.demo_annual import annual_demo

    folder = tmp_path / "annual"
    lines = list(annual_demo(folder))
    text = "\n".join(lines)
    assert "không khớp" not in text, text  # the example's own vote files fit the round
    assert "Hội đồng bỏ phiếu lần hai" in text
    round_data = json.loads((folder / "de-nghi.json").read_text(encoding="utf-8"))
    proposed: dict[str, set[str]] = {}
    for p in round_data["proposals"]:
        proposed.setdefault(p["award"], set()).add(p["subject"])
    expected = _generator().EXPECTED
    assert {award: set(codes) for award, codes in expected.items()} == proposed
    reasons = {(e["award"], e["subject"]): e["reason"] for e in round_data["excluded"]}
    assert "2023" in reasons[("CSTDT", "NV12")] and "2023" in reasons[("CSTDT", "NV03")]
    # NV12's only Bằng khen UBND tỉnh is chuyên đề: no ground for the Prime Minister's (counted, he would only miss the place)
    assert "chưa có Bằng khen của Chủ tịch UBND tỉnh" in reasons[("BK-TTG", "NV12")]
    assert ("BK-UBND", "NV15") in reasons and ("CSTDCS", "NV15") in reasons
    assert ("CSTDCS", "NV08") in reasons and not any("NV08" in codes for codes in proposed.values())  # blocked
    from typer.testing import CliRunner

    from thidua_cli.cli import app

    history = json.loads(CliRunner().invoke(app, ["--db", str(folder / "thidua-demo.db"), "awards", "--format", "json"]).stdout)
    granted = {(a["subject"], a["award"]) for a in history["awards"] if a["source"] == "decision"}
    assert ("NV20", "GK-GD") in granted and ("NV20", "BK-UBND") not in granted  # 6/9 < 70 %: fell through
    assert ("NV05", "CSTDT") in granted and ("NV05", "LDTT") in granted
    assert ("NV03", "BK-TTG") in granted  # by the Prime Minister's own decision, recorded later
    # "Phong trào thi đua thường xuyên năm 2025 …" is named as such, not 'phong trào thi đua “Phong trào thi đua …”'
    written = [path.read_text(encoding="utf-8") for path in folder.rglob("*.md")]
    assert any("trong phong trào thi đua thường xuyên năm 2025 của Sở Khoa học và Công nghệ" in text for text in written)
    assert not any("“Phong trào thi đua" in text for text in written)


def test_a_danh_hieu_brought_along_at_no_money_says_why_in_the_lists(thidua, monkeypatch):
    """One achievement at one time is paid its highest danh hiệu only (NĐ 152/2025 Điều 49): a danh hiệu
    brought along by a higher one is listed at 0 đồng, and the danh sách and quyết định say which one pays."""
    monkeypatch.setenv("THIDUA_TODAY", "2026-01-10")
    for command in (["campaign", "load", ANNUAL / "campaign.toml"], ["subject", "import", ANNUAL / "subjects.csv"],
                    ["import-entries", ANNUAL / "entries.csv"], ["awards", "import", ANNUAL / "awards-history.csv"],
                    ["ratings", "import", ANNUAL / "ratings.csv"]):
        thidua.ok(*map(str, command))
    proposed = json.loads(thidua.ok("propose-awards", "--out", str(thidua.folder / "hs"), "--format", "json").stdout)
    proposals = proposed["proposals"]
    names = {a["code"]: a["name"] for a in _definition()["awards"]}
    unpaid = [p for p in proposals if not p["amount"]]
    assert unpaid  # the example has CSTĐCS and LĐTT brought along by higher danh hiệu
    lists = [path.read_text(encoding="utf-8") for path in (thidua.folder / "hs").rglob("*.md")
             if path.name in ("danh-sach.md", "quyet-dinh.md")]
    lines = [line for text in lists for line in text.splitlines()]
    for proposal in unpaid:
        payers = {names[q["award"]] for q in proposals if q["subject"] == proposal["subject"] and q["amount"]}
        notes = [f"0 (hưởng tiền thưởng danh hiệu cao nhất: {name})" for name in payers]
        rows = [line for line in lines if f"| {proposal['name']} |" in line and f"| {names[proposal['award']]} |" in line]
        assert rows and all(any(note in row for note in notes) for row in rows), (proposal, payers, rows)
    assert not [line for line in lines if line.rstrip().endswith("| 0 |")]  # no bare 0 left for the signer to wonder about
    # nor in the quyết định's article on money: 0 đồng is not a rate one could be paid "instead"
    decisions = [line for line in lines if "được thưởng" in line]
    assert decisions and not [line for line in decisions if "0 đồng hoặc" in line or "hoặc 0 đồng" in line], decisions
    assert any("chỉ hưởng tiền thưởng của danh hiệu cao nhất" in line for line in decisions), decisions
