"""Issue 18 (rounds and decisions): a decision per deciding authority, numbers, future dates, one achievement one
award, corrections without erasure, rounds as records (list, show, cancel, overlap). Small ledgers written here."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from conftest import assert_refused
from test_proposals import SALARIES, award, people, picks, propose, setup

GD = "Giám đốc Sở Thông tin và Truyền thông"
UB = "Chủ tịch UBND tỉnh Trà Vinh"
TTG = "Thủ tướng Chính phủ"

SUBJECTS = people("NV1,Nguyễn Văn An,cá nhân,VP,nam,", "NV2,Trần Văn Bình,cá nhân,VP,nam,", "NV3,Lê Văn Cường,cá nhân,VP,nam,")


def three_levels(thidua) -> None:
    """BK-TTG (Thủ tướng) for NV1, BK (Chủ tịch UBND tỉnh) for NV2, GK (Giám đốc Sở) for NV3; no vote needed."""
    awards = (
        award("BKTTG", 3, min_score=95, max_count=1, multiplier=1.5).replace(GD, TTG)
        + award("BK", 2, min_score=90, max_count=1, multiplier=1.0).replace(GD, UB)
        + award("GK", 1)
    )
    setup(thidua, awards, SUBJECTS, {"NV1": 96, "NV2": 91, "NV3": 80})


def decide(thidua, *args: str) -> dict:
    return json.loads(thidua.ok("record-decision", *args, "--format", "json").stdout)


def rounds(thidua) -> list[dict]:
    return json.loads(thidua.ok("rounds", "--format", "json").stdout)["rounds"]


def history(thidua) -> list[tuple]:
    return [(h["subject"], h["award"], h["number"], h["date"], h["amount"])
            for h in json.loads(thidua.ok("awards", "--format", "json").stdout)["awards"]]


def count(thidua, table: str) -> int:
    connection = sqlite3.connect(thidua.db)
    try:
        return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        connection.close()


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # default dossier folders go to the test's own folder
    monkeypatch.setenv("THIDUA_TODAY", "2023-03-01")


# --------------------------------------------------------------------------- one decision per authority


def test_each_authority_decides_on_its_own_with_its_own_number(thidua):
    three_levels(thidua)
    propose(thidua)
    assert_refused(thidua, ["record-decision", "1", "--number", "5/QĐ-STTTT", "--date", "2022-12-30"],
                   f"đợt đề nghị số 1 gồm khen thưởng của 3 cấp quyết định: {TTG} (BKTTG; chưa có quyết định); "
                   f"{UB} (BK; chưa có quyết định); {GD} (GK; chưa có quyết định); mỗi quyết định chỉ của một cấp", code=2)
    assert_refused(thidua, ["record-decision", "1", "--authority", "chu tich nuoc", "--number", "5/QĐ-STTTT", "--date", "2022-12-30"],
                   f'--authority: "chu tich nuoc" không phải cấp quyết định nào của đợt 1 (có: {TTG}; {UB}; {GD})', code=2)
    assert_refused(thidua, ["record-decision", "1", "--authority", "t", "--number", "5/QĐ-STTTT", "--date", "2022-12-30"],
                   '--authority: "t" trùng với nhiều cấp của đợt 1', code=2)
    assert_refused(thidua, ["record-decision", "1", "--award", "GK,BK", "--number", "5/QĐ-STTTT", "--date", "2022-12-30"],
                   f"--award: các hình thức thuộc 2 cấp quyết định (GK: {GD}; BK: {UB}); mỗi quyết định chỉ của một cấp", code=2)
    assert_refused(thidua, ["record-decision", "1", "--authority", "ubnd", "--award", "GK", "--number", "5/QĐ-STTTT",
                            "--date", "2022-12-30"], f"--award: GK do {GD} quyết định, không phải {UB}", code=2)
    assert count(thidua, "decision") == 0

    own = decide(thidua, "1", "--authority", "giam doc so", "--number", "5/QĐ-STTTT", "--date", "2022-12-30")
    assert [(g["subject"], g["award"]) for g in own["granted"]] == [("NV3", "GK")]
    assert own["pending"] == [TTG, UB]
    listed = rounds(thidua)[0]
    assert (listed["status"], listed["status_text"], listed["pending"]) == ("partly-decided", "đã quyết định một phần", [TTG, UB])
    # the province's decision arrives later, with its own number and date; a number already used is refused
    assert_refused(thidua, ["record-decision", "1", "--award", "BK", "--number", "5 / qđ-stttt", "--date", "2022-12-31"],
                   f"--number: số quyết định 5 / qđ-stttt năm 2022 đã dùng cho quyết định ngày 30/12/2022 của {GD} "
                   "(đợt đề nghị số 1, phong trào thu); mỗi quyết định một số")
    province = decide(thidua, "1", "--award", "BK", "--number", "12/QĐ-UBND", "--date", "2023-01-15")
    assert [(g["subject"], g["award"], g["amount"]) for g in province["granted"]] == [("NV2", "BK", 1_490_000)]
    assert province["decision"] == {"number": "12/QĐ-UBND", "date": "2023-01-15", "authority": UB}
    assert province["pending"] == [TTG]
    # a number restarts each year (NĐ 30/2020 Điều 15): 5/QĐ-STTTT of 2023 is another decision
    prime = decide(thidua, "1", "--authority", "thu tuong", "--number", "5/QĐ-STTTT", "--date", "2023-02-20")
    assert prime["pending"] == []
    listed = rounds(thidua)[0]
    assert listed["status"] == "decided" and listed["granted"] == 3
    assert [(d["authority"], d["number"], d["date"], d["awards"]) for d in listed["decisions"]] == [
        (GD, "5/QĐ-STTTT", "2022-12-30", ["GK"]), (UB, "12/QĐ-UBND", "2023-01-15", ["BK"]), (TTG, "5/QĐ-STTTT", "2023-02-20", ["BKTTG"]),
    ]
    assert {(h[0], h[2]) for h in history(thidua)} == {("NV3", "5/QĐ-STTTT"), ("NV2", "12/QĐ-UBND"), ("NV1", "5/QĐ-STTTT")}
    shown = thidua.ok("rounds", "show", "1").stdout
    assert f"Quyết định số 12/QĐ-UBND ngày 15/01/2023 của {UB}: BK." in shown
    assert "Trạng thái: đã quyết định." in shown
    assert thidua("check").exit_code == 0


def test_a_decision_in_the_future_needs_allow_future(thidua):
    setup(thidua, award("GK", 1), SUBJECTS, {"NV1": 90})
    propose(thidua)
    assert_refused(thidua, ["record-decision", "1", "--number", "9/QĐ-STTTT", "--date", "2099-01-01"],
                   "--date: ngày quyết định 01/01/2099 sau hôm nay (01/03/2023); chưa ghi gì")
    result = assert_refused(thidua, ["record-decision", "1", "--number", "9/QĐ-STTTT", "--date", "02/03/2023"], "sau hôm nay")
    assert "Gợi ý: kiểm tra lại ngày; nếu quyết định đúng là ký ngày ấy, thêm --allow-future" in result.stderr
    done = thidua.ok("record-decision", "1", "--number", "9/QĐ-STTTT", "--date", "2023-03-02", "--allow-future")
    assert "Cảnh báo: ngày quyết định 02/03/2023 sau hôm nay (--allow-future)" in done.stderr


# --------------------------------------------------------------------------- one achievement, one award


def also(thidua, *args: str) -> dict:
    """A round beside the others of an overlapping period (`propose` replaces the last open round)."""
    return json.loads(thidua.ok("propose-awards", "--allow-overlap", "--format", "json", *args).stdout)


def beside(thidua, source: int | None = None) -> dict:
    """A new round proposing again what round `source` (default: the last) proposed, as ledgers made before
    propose-awards counted earlier rounds of the same achievement have it (it now leaves those subjects out with
    the reason): the decision side must still refuse granting them twice. Written as propose-awards writes a
    round (one `Ledger.write()`, change log kept)."""
    from thidua_cli.services.ledger_session import session_for
    from thidua_cli.storage import rounds as round_store

    with session_for(str(thidua.db)) as session:
        campaign = session.campaign(None)
        last = round_store.list_rounds(session.connection, campaign.id)[-1 if source is None else source - 1]
        with session.ledger.write() as connection:
            number = round_store.next_number(connection, campaign.id)
            round_store.insert_round(connection, campaign.id, number, last.period_from, last.period_to, last.created_at,
                                     last.created_by, last.result, None)
    return json.loads(thidua.ok("rounds", "show", str(number), "--format", "json").stdout)


def test_round_two_cannot_be_decided_for_the_same_subjects_and_awards(thidua):
    """Issue 18: after round 1 is decided, round 2 for the same period granted the same Giấy khen again."""
    setup(thidua, award("GK", 1, vote_threshold=50), SUBJECTS, {"NV1": 90, "NV2": 85, "NV3": 80})
    propose(thidua)
    again = thidua("propose-awards", "--allow-overlap")  # now refused: round 1 already proposes them
    assert again.exit_code == 1 and "đã được đề nghị Hình thức GK ở đợt 1 cho cùng thành tích" in again.stderr
    second = beside(thidua)  # a ledger of before: the same three in round 2
    assert second["round"] == 2 and [p["subject"] for p in second["proposals"]] == ["NV1", "NV2", "NV3"]
    votes = thidua.write("p.csv", "subject,votes\nNV1,9\nNV2,9\nNV3,9\n")
    for number in ("1", "2"):
        thidua.ok("record-votes", number, "--members", "10", "--file", str(votes))
    thidua.ok("record-decision", "1", "--number", "5/QĐ-STTTT", "--date", "2022-12-30")
    before = history(thidua)
    assert_refused(thidua, ["record-decision", "2", "--number", "6/QĐ-STTTT", "--date", "2023-01-05"],
                   "Lỗi: một thành tích chỉ khen một lần (Luật Thi đua, khen thưởng 2022 Điều 5): "
                   "NV1 — Nguyễn Văn An đã được GK theo quyết định số 5/QĐ-STTTT ngày 30/12/2022 (đợt 1, 01/01/2022 – 31/12/2022); "
                   "NV2 — Trần Văn Bình đã được GK theo quyết định số 5/QĐ-STTTT ngày 30/12/2022 (đợt 1, 01/01/2022 – 31/12/2022); "
                   "NV3 — Lê Văn Cường đã được GK theo quyết định số 5/QĐ-STTTT ngày 30/12/2022 (đợt 1, 01/01/2022 – 31/12/2022); "
                   "không ghi quyết định đợt 2")
    assert history(thidua) == before and count(thidua, "decision") == 1
    assert sum(h[4] for h in before) == 3 * 450_000  # the money is recorded once


def test_an_overlapping_round_with_new_entries_only_is_a_new_achievement(thidua):
    setup(thidua, award("GK", 1, min_score=50), SUBJECTS, {"NV3": 10})
    entries = thidua.write("e.csv", "date,subject,criterion,points\n2022-03-01,NV1,TC,60\n2022-09-01,NV1,TC,70\n"
                                    "2022-03-02,NV2,TC,60\n2022-06-15,NV2,TC,70\n")
    thidua.ok("import-entries", str(entries))
    propose(thidua, "--from", "2022-01-01", "--to", "2022-06-30")
    # round 2 shares June with round 1: NV2, with a June entry, is proposed in round 1 for the same achievement,
    # so propose-awards leaves NV2 out itself; NV1 has no entry in June: a new achievement
    data = also(thidua, "--from", "2022-06-01", "--to", "2022-12-31")
    assert [p["subject"] for p in data["proposals"]] == ["NV1"]
    assert {"award": "GK", "subject": "NV2",
            "reason": "đã được đề nghị Hình thức GK ở đợt 1 cho cùng thành tích (đang chờ quyết định)"} in data["excluded"]
    # A ledger made before proposals counted earlier rounds: round 3 (Jun–Dec) proposes NV1 and NV2 while
    # round 4 (round 1 again, Jan–Jun) stands beside it.
    thidua.ok("rounds", "cancel", "2", "--reason", "thử")
    thidua.ok("rounds", "cancel", "1", "--reason", "thử")
    assert [p["subject"] for p in also(thidua, "--from", "2022-06-01", "--to", "2022-12-31")["proposals"]] == ["NV1", "NV2"]
    beside(thidua, source=1)
    thidua.ok("record-decision", "4", "--number", "5/QĐ-STTTT", "--date", "2022-07-10")
    # NV2's June entry was counted in round 4 as well: the same achievement
    assert_refused(thidua, ["record-decision", "3", "--number", "6/QĐ-STTTT", "--date", "2023-01-05"],
                   "NV2 — Trần Văn Bình đã được GK theo quyết định số 5/QĐ-STTTT ngày 10/07/2022 (đợt 4, 01/01/2022 – 30/06/2022)")
    result = thidua("record-decision", "3", "--number", "6/QĐ-STTTT", "--date", "2023-01-05")
    assert "NV1 — Nguyễn Văn An đã được" not in result.stderr  # NV1 has no entry in June: a new achievement
    thidua.ok("rounds", "cancel", "3", "--reason", "thay bằng đợt mới")
    later = also(thidua, "--from", "2022-06-01", "--to", "2022-12-31")
    assert [p["subject"] for p in later["proposals"]] == ["NV1"]
    assert {"award": "GK", "subject": "NV2",
            "reason": "đã được tặng Hình thức GK theo Quyết định số 5/QĐ-STTTT ngày 10/07/2022 cho cùng thành tích, đợt 4"} in later["excluded"]


# --------------------------------------------------------------------------- corrections


def _decided_ledger(thidua, date: str = "2023-12-30") -> None:
    setup(thidua, award("GK", 1, min_score=50) + SALARIES, SUBJECTS, {"NV1": 90, "NV2": 85})
    propose(thidua)
    thidua.ok("record-decision", "1", "--number", "9/QĐ-STTTT", "--date", date, "--allow-future")


def test_a_mistyped_decision_is_corrected_without_erasure(thidua, monkeypatch):
    _decided_ledger(thidua)  # typed 2023 for 2022
    assert_refused(thidua, ["record-decision", "1", "--number", "10/QĐ-STTTT", "--date", "2022-12-30"], "không ghi lần hai")
    assert_refused(thidua, ["decision", "correct", "9/QĐ-STTTT", "--number", "9/QĐ-STTTT", "--date", "2022-12-30", "--reason", " "],
                   "--reason: cần lý do sửa", code=2)
    assert_refused(thidua, ["decision", "correct", "99/QĐ-STTTT", "--number", "9/QĐ-STTTT", "--date", "2022-12-30", "--reason", "x"],
                   'không có quyết định số "99/QĐ-STTTT" trong sổ')
    assert_refused(thidua, ["decision", "correct", "9/QĐ-STTTT", "--number", "9/QĐ-STTTT", "--date", "2023-12-30", "--reason", "x",
                            "--allow-future"], "số và ngày mới giống hệt, không có gì để sửa")
    assert_refused(thidua, ["decision", "correct", "9/QĐ-STTTT", "--number", "9/QĐ-STTTT", "--date", "2024-01-01", "--reason", "x"],
                   "--date: ngày quyết định 01/01/2024 sau hôm nay")
    screen = thidua.ok("decision", "correct", "9/qđ-stttt", "--number", "9/QĐ-STTTT", "--date", "30/12/2022",
                       "--reason", "ghi nhầm năm ký").stdout
    assert screen.startswith(
        f"Đã sửa quyết định số 9/QĐ-STTTT ngày 30/12/2023 của {GD} (đợt đề nghị số 1) thành số 9/QĐ-STTTT ngày 30/12/2022; "
        "lý do: ghi nhầm năm ký.\n2 khen thưởng ghi lại theo quyết định mới; tổng tiền thưởng 900.000 đồng."
    )
    # the history counts the corrected decision only; the wrong one stays in the ledger, marked
    assert history(thidua) == [("NV1", "GK", "9/QĐ-STTTT", "2022-12-30", 450_000), ("NV2", "GK", "9/QĐ-STTTT", "2022-12-30", 450_000)]
    assert count(thidua, "award_history") == 4 and count(thidua, "decision") == 2
    every = json.loads(thidua.ok("awards", "--include-corrected", "--format", "json").stdout)["awards"]
    assert sorted((h["subject"], h["date"], h["corrected_by"]) for h in every) == [
        ("NV1", "2022-12-30", None), ("NV1", "2023-12-30", "9/QĐ-STTTT"), ("NV2", "2022-12-30", None), ("NV2", "2023-12-30", "9/QĐ-STTTT"),
    ]
    assert "| Đã sửa bằng quyết định |" in thidua.ok("awards", "--include-corrected", "--format", "md").stdout
    shown = json.loads(thidua.ok("rounds", "show", "1", "--format", "json").stdout)
    assert shown["decision"] == {"number": "9/QĐ-STTTT", "date": "2022-12-30"}
    assert shown["decisions"] == [{"authority": GD, "number": "9/QĐ-STTTT", "date": "2022-12-30", "awards": ["GK"],
                                   "corrects": "9/QĐ-STTTT", "reason": "ghi nhầm năm ký"}]
    assert [(c["number"], c["date"]) for c in shown["corrected"]] == [("9/QĐ-STTTT", "2023-12-30")]
    assert "Quyết định số 9/QĐ-STTTT ngày 30/12/2023 của " + GD + ": đã được sửa" in thidua.ok("rounds", "show", "1").stdout
    check = thidua("check")
    assert (check.exit_code, check.stdout, check.stderr) == (0, "", "")
    # the corrected one cannot be corrected again; a number another decision has is refused
    assert_refused(thidua, ["decision", "correct", "9/QĐ-STTTT", "--dated", "2023-12-30", "--number", "8/QĐ-STTTT",
                            "--date", "2022-12-29", "--reason", "x"],
                   "quyết định số 9/QĐ-STTTT ngày 30/12/2023 đã được sửa bằng quyết định số 9/QĐ-STTTT ngày 30/12/2022")


def test_a_corrected_decision_is_counted_nowhere_and_its_number_is_free(thidua, tmp_path):
    """Its awards were printed twice as certificates and counted twice in the year's statistics (trial of an office's year)."""
    _decided_ledger(thidua, "2022-12-30")
    thidua.ok("decision", "correct", "9/QĐ-STTTT", "--number", "19/QĐ-STTTT", "--date", "2022-12-30", "--reason", "nhầm số")
    printed = thidua.ok("certificates", "1", "-o", str(tmp_path / "in"))
    assert printed.stderr.startswith("Đã in 2 bản (")
    assert_refused(thidua, ["certificates", "--decision", "9/QĐ-STTTT", "-o", str(tmp_path / "in-cu")],
                   "quyết định số 9/QĐ-STTTT ngày 30/12/2022 đã được sửa bằng quyết định số 19/QĐ-STTTT ngày 30/12/2022; "
                   "khen thưởng theo số cũ không còn tính nên không in")
    assert not (tmp_path / "in-cu").exists()
    outside = json.loads(thidua.ok("stats", "--year", "2022", "-O", "json").stdout)["outside"]
    assert len(outside) == 2 and all("19/QĐ-STTTT" in json.dumps(source, ensure_ascii=False) for source in outside)
    closing = thidua.ok("report", "--final", "-O", "md").stdout
    assert "19/QĐ-STTTT" in closing and "9/QĐ-STTTT" not in closing.replace("19/QĐ-STTTT", "")


def test_a_correction_moves_the_money_to_the_base_salary_of_the_right_date(thidua, monkeypatch):
    monkeypatch.setenv("THIDUA_TODAY", "2024-12-01")
    _decided_ledger(thidua, "2024-07-15")  # 2.340.000 × 0,3 → 710.000
    assert [h[4] for h in history(thidua)] == [710_000, 710_000]
    thidua.ok("decision", "correct", "9/QĐ-STTTT", "--number", "19/QĐ-STTTT", "--date", "2022-12-30", "--reason", "nhầm số và ngày")
    assert history(thidua) == [("NV1", "GK", "19/QĐ-STTTT", "2022-12-30", 450_000), ("NV2", "GK", "19/QĐ-STTTT", "2022-12-30", 450_000)]
    assert rounds(thidua)[0]["amount"] == 900_000


def test_a_correction_keeps_a_danh_hieu_brought_along_at_no_money(tmp_path, monkeypatch):
    """NĐ 152/2025 Điều 49: one achievement pays its highest danh hiệu only. Correcting the number of the
    decision that granted CSTĐCS with LĐTT brought along paid the LĐTT again (trial of an office's year)."""
    from typer.testing import CliRunner

    from thidua_cli.cli import app
    from thidua_cli.services.demo_annual import annual_demo

    monkeypatch.setenv("THIDUA_TODAY", "2026-06-30")
    for _ in annual_demo(tmp_path / "annual"):
        pass
    db = str(tmp_path / "annual" / "thidua-demo.db")

    def granted(number: str) -> dict:
        awards = json.loads(CliRunner().invoke(app, ["--db", db, "awards", "--format", "json"]).stdout)["awards"]
        return {(a["subject"], a["award"]): a["amount"] for a in awards if a["number"] == number}

    before = granted("35/QĐ-SKHCN")
    assert 0 in before.values() and len(before) == 58
    done = CliRunner().invoke(app, ["--db", db, "decision", "correct", "35/QĐ-SKHCN", "--number", "36/QĐ-SKHCN",
                                    "--date", "2026-01-04", "--reason", "nhầm số"])
    assert done.exit_code == 0, done.stderr
    assert granted("36/QĐ-SKHCN") == before  # the same day's base salary, the same unpaid danh hiệu
    assert f"tổng tiền thưởng {sum(before.values()):,} đồng".replace(",", ".") in done.stdout


def test_a_correction_cannot_take_a_number_another_decision_has(thidua):
    three_levels(thidua)
    propose(thidua)
    thidua.ok("record-decision", "1", "--award", "GK", "--number", "5/QĐ-STTTT", "--date", "2022-12-30")
    thidua.ok("record-decision", "1", "--award", "BK", "--number", "12/QĐ-UBND", "--date", "2023-01-15")
    assert_refused(thidua, ["decision", "correct", "12/QĐ-UBND", "--number", "5/QĐ-STTTT", "--date", "2022-12-31", "--reason", "x"],
                   f"--number: số quyết định 5/QĐ-STTTT năm 2022 đã dùng cho quyết định ngày 30/12/2022 của {GD}")
    # a number corrected away was a typo, never that decision's: another decision may carry it
    thidua.ok("decision", "correct", "5/QĐ-STTTT", "--number", "6/QĐ-STTTT", "--date", "2022-12-30", "--reason", "nhầm số")
    thidua.ok("decision", "correct", "12/QĐ-UBND", "--number", "5/QĐ-STTTT", "--date", "2022-12-31", "--reason", "số đúng")
    assert sorted((h[1], h[2]) for h in history(thidua)) == [("BK", "5/QĐ-STTTT"), ("GK", "6/QĐ-STTTT")]


# --------------------------------------------------------------------------- rounds as records


def test_rounds_list_show_and_cancel(thidua):
    setup(thidua, award("GK", 1, min_score=50, vote_threshold=50), SUBJECTS, {"NV1": 90, "NV2": 85})
    assert thidua.ok("rounds").stderr == "Chưa có đợt đề nghị nào; lập đợt: thidua propose-awards\n"
    propose(thidua)
    beside(thidua)  # two rounds of the same period proposing the same (a ledger of before; see `beside`)
    thidua.ok("record-votes", "2", "--members", "5", "--file", str(thidua.write("p.csv", "subject,votes\nNV1,5\nNV2,1\n")))
    listed = rounds(thidua)
    assert [(r["round"], r["status"], r["proposals"], r["passed"], r["amount"]) for r in listed] == [
        (1, "proposed", 2, None, 900_000), (2, "voted", 2, 1, 450_000),
    ]
    assert_refused(thidua, ["rounds", "cancel", "1", "--reason", " "], "--reason: cần lý do huỷ đợt", code=2)
    assert_refused(thidua, ["rounds", "cancel", "7", "--reason", "x"], "không có đợt đề nghị số 7")
    done = thidua.ok("rounds", "cancel", "1", "--reason", "lập nhầm kỳ")
    assert done.stderr == "Đã huỷ đợt đề nghị số 1 của phong trào thu; lý do: lập nhầm kỳ. Đợt vẫn giữ trong sổ.\n"
    listed = rounds(thidua)
    assert listed[0]["status"] == "cancelled" and listed[0]["cancelled"]["reason"] == "lập nhầm kỳ"
    assert listed[0]["cancelled"]["by"] == "Người kiểm thử"
    assert_refused(thidua, ["rounds", "cancel", "1", "--reason", "x"], "đợt đề nghị số 1 đã huỷ ngày")
    votes = str(thidua.folder / "p.csv")
    assert_refused(thidua, ["record-votes", "1", "--members", "5", "--file", votes],
                   f"đợt đề nghị số 1 đã huỷ ngày {_today_utc()} (lập nhầm kỳ); không ghi phiếu bầu")
    assert_refused(thidua, ["record-decision", "1", "--number", "5/QĐ-STTTT", "--date", "2022-12-30"], "; không ghi quyết định")
    thidua.ok("record-decision", "2", "--number", "5/QĐ-STTTT", "--date", "2022-12-30")
    assert_refused(thidua, ["rounds", "cancel", "2", "--reason", "x"],
                   f"đợt đề nghị số 2 đã có quyết định khen thưởng (số 5/QĐ-STTTT ngày 30/12/2022 của {GD}); không huỷ được")
    table = thidua.ok("rounds").stdout
    assert "đã huỷ (lập nhầm kỳ)" in table and "đã quyết định" in table and "5/QĐ-STTTT" in table
    shown = thidua.ok("rounds", "show", "1").stdout
    assert "Trạng thái: đã huỷ ngày" in shown and "lý do: lập nhầm kỳ." in shown
    csv = thidua.ok("rounds", "--format", "csv").stdout.splitlines()
    assert csv[0].startswith("round,from,to,status,status_text,proposals")
    assert csv[2].startswith("2,2022-01-01,2022-12-31,decided,đã quyết định,2,0,1,1,450000,5/QĐ-STTTT")


def _today_utc() -> str:
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).strftime("%d/%m/%Y")


def test_a_round_overlapping_a_live_one_asks_for_replace_or_allow_overlap(thidua):
    setup(thidua, award("GK", 1), SUBJECTS, {"NV1": 90, "NV2": 85})
    thidua.ok("propose-awards", "--from", "2022-01-01", "--to", "2022-06-30")
    result = assert_refused(thidua, ["propose-awards", "--quarter", "2022-Q2"],
                            "kỳ 01/04/2022 – 30/06/2022 trùng với đợt đề nghị chưa huỷ của phong trào thu: số 1 "
                            "(01/01/2022 – 30/06/2022); chưa lập đợt mới")
    assert "Gợi ý: thay đợt cũ: thêm --replace 1 (đợt 1 được huỷ); hoặc vẫn lập thêm: --allow-overlap" in result.stderr
    assert_refused(thidua, ["propose-awards", "--replace", "5"], "--replace: không có đợt đề nghị số 5 của phong trào thu")
    thidua.ok("propose-awards", "--from", "2022-07-01", "--to", "2022-12-31")  # no overlap: no question
    replaced = thidua.ok("propose-awards", "--quarter", "2022-Q2", "--replace", "1")
    assert "Đã huỷ đợt đề nghị số 1 (thay bằng đợt 3)." in replaced.stderr
    listed = rounds(thidua)
    assert [(r["round"], r["status"]) for r in listed] == [(1, "cancelled"), (2, "proposed"), (3, "proposed")]
    assert listed[0]["cancelled"]["reason"] == "thay bằng đợt đề nghị số 3"
    assert_refused(thidua, ["propose-awards", "--replace", "1"], "--replace: đợt đề nghị số 1 đã huỷ từ trước")
    # a decided round cannot be replaced; --allow-overlap keeps both
    thidua.ok("record-decision", "3", "--number", "5/QĐ-STTTT", "--date", "2022-07-05")
    assert_refused(thidua, ["propose-awards", "--year", "2022", "--replace", "3"],
                   f"--replace: đợt đề nghị số 3 đã có quyết định khen thưởng (số 5/QĐ-STTTT ngày 05/07/2022 của {GD}); không huỷ được")
    assert_refused(thidua, ["propose-awards", "--year", "2022", "--replace", "2"], "trùng với đợt đề nghị chưa huỷ của phong trào thu: số 3")
    thidua.ok("propose-awards", "--year", "2022", "--allow-overlap")
    assert [r["round"] for r in rounds(thidua)] == [1, 2, 3, 4]


# --------------------------------------------------------------------------- the demo


def test_the_demo_records_one_decision_per_authority(tmp_path, monkeypatch):
    from thidua_cli.services.demo import run_demo
    from thidua_cli.services.rounds import list_rounds

    monkeypatch.delenv("THIDUA_TODAY")
    list(run_demo(str(tmp_path / "demo")))
    (summary,) = list_rounds(str(tmp_path / "demo" / "covid19-stttt" / "thidua-demo.db"))
    decisions = [(d.authority, d.number, d.day.isoformat(), d.awards) for d in summary.result.decisions]
    assert decisions == [
        (GD, "35/QĐ-STTTT", "2022-06-20", ("GK-GD",)),
        (UB, "1234/QĐ-UBND", "2022-07-15", ("BK-UBND",)),
        (TTG, "856/QĐ-TTg", "2022-08-19", ("BK-TTG",)),
        ("Chủ tịch nước", "1023/QĐ-CTN", "2022-09-03", ("HCLD3",)),
    ]
    assert summary.status == "decided" and summary.result.pending == () and summary.granted == 21
    assert summary.result.decision_number == "35/QĐ-STTTT"  # the dossier's QĐ is the agency head's own


# --------------------------------------------------------------------------- migration


def test_decisions_of_an_older_ledger_become_records(thidua):
    """A schema-4 ledger (before import batches and decision records): each (round, number, date, issuer) of its history is one decision."""
    three_levels(thidua)
    propose(thidua)
    thidua.ok("record-decision", "1", "--award", "GK", "--number", "5/QĐ-STTTT", "--date", "2022-12-30")
    thidua.ok("record-decision", "1", "--award", "BK", "--number", "12/QĐ-UBND", "--date", "2023-01-15")
    expected = rounds(thidua)
    from thidua_cli.storage.schema import ddl

    def as_before(connection, name: str, newer_columns: tuple[str, ...]) -> None:
        """The table as schema 4 had it: without the columns (and their foreign keys) added since."""
        (table,) = [s for s in ddl() if s.startswith(f"CREATE TABLE {name} ")]
        lines = [line for line in table.splitlines() if not any(column in line for column in newer_columns)]
        lines[-2] = lines[-2].rstrip().rstrip(",")  # the last line before ")" loses its comma
        connection.execute(f"ALTER TABLE {name} RENAME TO newer")
        connection.execute("\n".join(lines))
        columns = ", ".join(row[1] for row in connection.execute(f"PRAGMA table_info({name})"))
        connection.execute(f"INSERT INTO {name} ({columns}) SELECT {columns} FROM newer")
        connection.execute("DROP TABLE newer")
        for statement in ddl():
            if statement.startswith("CREATE INDEX") and f" ON {name} " in statement:
                connection.execute(statement)

    connection = sqlite3.connect(thidua.db)
    connection.execute("PRAGMA legacy_alter_table = ON")  # other tables' foreign keys keep naming the rebuilt tables
    with connection:  # as schema 4 had them: without import_id (schema 5), decision_id (6), seal (9)
        as_before(connection, "award_history", ("decision_id", "import_id"))
        as_before(connection, "entry", ("import_id", "seal"))
        connection.execute("DROP TABLE import_batch")
        connection.execute("DROP TABLE decision")
        connection.execute("DROP TABLE document_number")  # schema 8 (the dossier's register) came later too
        connection.execute("DROP TABLE change_log")  # schema 12
        connection.execute("DELETE FROM meta WHERE key IN ('change_chain', 'change_count')")
        connection.execute("DROP TABLE chain_head")  # schema 14: one chain per campaign
        connection.execute("DELETE FROM meta WHERE key LIKE '%_campaign_chains_from'")
        for column in ("cancelled_at", "cancelled_by", "cancel_reason"):
            connection.execute(f"ALTER TABLE round DROP COLUMN {column}")
        # nor what schema 7 added (award categories and prerequisites, ratings)
        for column in ("category", "with_awards", "prerequisites"):
            connection.execute(f"ALTER TABLE award DROP COLUMN {column}")
        connection.execute("DROP TABLE rating")
        connection.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    connection.close()
    assert rounds(thidua) == expected
    assert count(thidua, "decision") == 2


# --------------------------------------------------------------------------- a decision granting fewer than proposed


def two_for_the_province(thidua) -> None:
    """BK (Chủ tịch UBND tỉnh) proposed for NV1 and NV2, GK (Giám đốc Sở) for NV3; no vote needed."""
    setup(thidua, award("BK", 2, min_score=90, multiplier=1.0).replace(GD, UB) + award("GK", 1), SUBJECTS,
          {"NV1": 96, "NV2": 91, "NV3": 80})
    propose(thidua)


def test_the_province_grants_fewer_than_proposed(thidua):
    """A year-end trial (yearend2): the UBND refused one Bằng khen of two; record-decision could record only the
    authority's whole list, so the refused one went into the award history as granted."""
    two_for_the_province(thidua)
    assert_refused(thidua, ["record-decision", "1", "--award", "BK", "--number", "12/QĐ-UBND", "--date", "2023-01-15",
                            "--not-granted", "NV3"],
                   f"--not-granted: \"NV3\" (NV3 — Lê Văn Cường) không có trong các đề nghị còn chờ quyết định của {UB} ở đợt 1 (BK)")
    assert_refused(thidua, ["record-decision", "1", "--award", "BK", "--number", "12/QĐ-UBND", "--date", "2023-01-15",
                            "--not-granted", "NV9"], '--not-granted: không tìm thấy đối tượng "NV9"')
    # a known person with an award this decision does not settle (GK is the Giám đốc's): the award is named, not the
    # person (it said NV1 was not among those pending, and NV1 is)
    for value, award_named in (("NV1:GK", "GK"), ("NV1:ZZ", "ZZ")):
        assert_refused(thidua, ["record-decision", "1", "--award", "BK", "--number", "12/QĐ-UBND", "--date", "2023-01-15",
                                "--not-granted", value],
                       f'--not-granted: "{value}": NV1 — Nguyễn Văn An không có đề nghị "{award_named}" chờ quyết định của '
                       f"{UB} ở đợt 1; đề nghị của NV1 chờ cấp này: BK")
    province = decide(thidua, "1", "--award", "BK", "--number", "12/QĐ-UBND", "--date", "2023-01-15", "--not-granted", "tran van binh")
    assert [(g["subject"], g["award"]) for g in province["granted"]] == [("NV1", "BK")]
    assert province["not_granted"] == [{"subject": "NV2", "award": "BK"}]
    # a QĐ that granted others is a quyết định, in what score --explain tells of the round
    assert "BK — Hình thức BK: Chủ tịch UBND tỉnh Trà Vinh không khen (quyết định số 12/QĐ-UBND ngày 15/01/2023)" in \
        thidua.ok("score", "--explain", "NV2").stdout
    assert province["pending"] == [GD]  # the UBND has decided on both: NV2 is no longer waiting for it
    assert [(h[0], h[1]) for h in history(thidua)] == [("NV1", "BK")]
    assert_refused(thidua, ["record-decision", "1", "--award", "BK", "--number", "13/QĐ-UBND", "--date", "2023-01-20"],
                   f"đợt đề nghị số 1 đã có quyết định của {UB} (số 12/QĐ-UBND ngày 15/01/2023); không ghi lần hai")
    [listed] = rounds(thidua)
    assert [(d["number"], d["not_granted"]) for d in listed["decisions"]] == [("12/QĐ-UBND", [{"subject": "NV2", "award": "BK"}])]
    shown = thidua.ok("rounds", "show", "1").stdout
    assert f"Quyết định số 12/QĐ-UBND ngày 15/01/2023 của {UB}: BK; không khen: NV2 (BK)." in shown
    screen = thidua.ok("record-decision", "1", "--award", "GK", "--number", "5/QĐ-STTTT", "--date", "2023-01-20").stdout
    assert "Không được khen" not in screen  # the Giám đốc's own decision refused nobody
    assert rounds(thidua)[0]["status"] == "decided"
    # a correction of the number keeps the refusal with the decision
    thidua.ok("decision", "correct", "12/QĐ-UBND", "--number", "14/QĐ-UBND", "--date", "2023-01-15", "--reason", "nhầm số")
    assert "14/QĐ-UBND ngày 15/01/2023 của " + UB + ": BK; không khen: NV2 (BK)" in thidua.ok("rounds", "show", "1").stdout
    assert {(h[0], h[1]) for h in history(thidua)} == {("NV1", "BK"), ("NV3", "GK")}
    assert thidua("check").exit_code == 0


def test_one_the_province_did_not_grant_is_told_the_lower_awards_a_supplementary_round_considers(thidua):
    """trial13: the UBND did not recognise a unit's Tập thể lao động xuất sắc, and the unit ended the year with no danh
    hiệu though the Giám đốc could recognise its Tập thể lao động tiên tiến — nothing told the office. The decision
    names the lower awards still open and the supplementary round that considers them, which then proposes one."""
    two_for_the_province(thidua)
    screen = thidua.ok("record-decision", "1", "--award", "BK", "--number", "12/QĐ-UBND", "--date", "2023-01-15",
                       "--not-granted", "NV2")
    assert ("Cảnh báo: NV2 — Trần Văn Bình không được khen Hình thức BK: còn có thể được xét hình thức khen thưởng thấp "
            "hơn (Hình thức GK) ở một đợt bổ sung cùng kỳ: thidua propose-awards --from 01/01/2022 --to 31/12/2022 "
            "--allow-overlap (đề nghị lại chính Hình thức BK: thêm --reconsider NV2)") in screen.stderr, screen.stderr
    assert "NV1" not in screen.stderr  # granted: nothing to tell
    thidua.ok("record-decision", "1", "--award", "GK", "--number", "5/QĐ-STTTT", "--date", "2023-01-20")
    supplementary = json.loads(thidua.ok("propose-awards", "--from", "01/01/2022", "--to", "31/12/2022", "--allow-overlap",
                                         "--format", "json").stdout)
    assert picks(supplementary) == [("GK", "NV2")]


def test_explain_tells_the_lower_award_a_vote_fell_through_to_and_why_it_was_not_proposed(thidua):
    """trial13: NV1's Bằng khen fell below the council's ratio and was considered for the Giấy khen, whose one place
    NV2 held: `score --explain` told only "Hội đồng không thông qua" of the Bằng khen — why no Giấy khen came was in
    record-votes' JSON alone."""
    setup(thidua, award("BK", 2, min_score=90, max_count=1, vote_threshold=70) + award("GK", 1, max_count=1),
          SUBJECTS, {"NV1": 96, "NV2": 91})
    assert picks(propose(thidua)) == [("BK", "NV1"), ("GK", "NV2")]
    thidua.ok("record-votes", "1", "--members", "7", "--file", str(thidua.write("p.csv", "subject,votes\nNV1,3\nNV2,7\n")))
    told = thidua.ok("score", "--explain", "NV1").stdout
    assert "BK — Hình thức BK: Hội đồng không thông qua" in told, told
    assert ("GK — Hình thức GK: không đề nghị: ngoài giới hạn 1 suất của Hình thức GK (đã đủ suất khi xét tiếp sau bỏ "
            "phiếu)") in told, told
    data = json.loads(thidua.ok("score", "--explain", "NV1", "--format", "json").stdout)
    assert [p["award"] for p in data["rounds"][0]["proposals"]] == ["BK", "GK"]


def test_votes_written_as_the_secretary_tallies_them_are_read(thidua):
    """trial12: a council secretary's sheet writes "7 phiếu" or "6/7" (of the members): refused as "không phải số
    phiếu". They are read; a tally over another number of members than --members is refused, naming both."""
    setup(thidua, award("BK", 2, min_score=90, max_count=1, vote_threshold=70) + award("GK", 1, max_count=1),
          SUBJECTS, {"NV1": 96, "NV2": 91})
    propose(thidua)
    assert_refused(thidua, ["record-votes", "1", "--members", "7", "--file",
                            str(thidua.write("sai.csv", "subject,votes\nNV1,6/9\nNV2,7 phiếu\n"))],
                   '"6/9" ghi 6/9, mà Hội đồng có 7 thành viên (--members)')
    voted = json.loads(thidua.ok("record-votes", "1", "--members", "7", "--format", "json", "--file",
                                 str(thidua.write("p.csv", "subject,votes\nNV1,6/7\nNV2,7 phiếu\n"))).stdout)
    assert sorted((p["subject"], p["votes"]) for p in voted["proposals"]) == [("NV1", 6), ("NV2", 7)]


@pytest.mark.parametrize("refusing", [("--none-granted",), ("--not-granted", "NV1", "--not-granted", "Trần Văn Bình")])
def test_the_province_grants_none_of_those_proposed(thidua, refusing):
    """The UBND answers a letter (công văn) granting neither Bằng khen: record-decision refused to record a reply
    that grants no one ("một quyết định khen thưởng phải khen ít nhất một người"), so the round waited for the UBND
    for ever. The letter is recorded with its number and date; nothing goes into the history."""
    two_for_the_province(thidua)
    assert_refused(thidua, ["record-decision", "1", "--award", "BK", "--number", "45/UBND-NC", "--date", "2023-01-15",
                            "--none-granted", "--not-granted", "NV1"],
                   "--none-granted: đã nêu cả --not-granted; không khen ai thì chỉ cần --none-granted", code=2)
    args = ("record-decision", "1", "--authority", "ubnd", "--number", "45/UBND-NC", "--date", "2023-01-15", *refusing)
    screen = thidua.ok(*args)
    assert screen.stdout.startswith(f"Văn bản số 45/UBND-NC ngày 15/01/2023 của {UB} — đợt đề nghị số 1\n")
    assert (f"Không khen thưởng ai trong 2 đề nghị còn chờ {UB}: NV1 — Nguyễn Văn An (BK); NV2 — Trần Văn Bình (BK).\n"
            "Không ghi gì vào lịch sử khen thưởng; đợt không còn chờ cấp này cho những người trên.\n"
            f"Còn chờ quyết định của: {GD}.") in screen.stdout
    assert "ký hiệu QĐ" not in screen.stderr  # a letter's number is no QĐ's
    assert history(thidua) == []
    [listed] = rounds(thidua)
    assert listed["pending"] == [GD]
    assert [(d["number"], d["awards"], d["not_granted"]) for d in listed["decisions"]] == [
        ("45/UBND-NC", [], [{"subject": "NV1", "award": "BK"}, {"subject": "NV2", "award": "BK"}])]
    assert f"Văn bản số 45/UBND-NC ngày 15/01/2023 của {UB}: không khen: NV1 (BK), NV2 (BK)." in thidua.ok("rounds", "show", "1").stdout
    logged = thidua.ok("log").stdout  # a reply, not a quyết định khen thưởng (trial8)
    assert "Thêm văn bản trả lời 45/UBND-NC của phong trào" in logged and "quyết định khen thưởng 45/UBND-NC" not in logged
    assert "BK — Hình thức BK: Chủ tịch UBND tỉnh Trà Vinh không khen (văn bản số 45/UBND-NC ngày 15/01/2023)" in \
        thidua.ok("score", "--explain", "NV1").stdout
    assert_refused(thidua, ["record-decision", "1", "--award", "BK", "--number", "46/UBND-NC", "--date", "2023-01-16", "--none-granted"],
                   f"đợt đề nghị số 1 đã có quyết định của {UB} (số 45/UBND-NC ngày 15/01/2023); không ghi lần hai")
    own = decide(thidua, "1", "--award", "GK", "--number", "5/QĐ-STTTT", "--date", "2023-01-20")
    assert [(g["subject"], g["award"]) for g in own["granted"]] == [("NV3", "GK")] and own["pending"] == []
    assert rounds(thidua)[0]["status"] == "decided"
    thidua.ok("decision", "correct", "45/UBND-NC", "--number", "47/UBND-NC", "--date", "2023-01-15", "--reason", "nhầm số")
    assert f"Văn bản số 47/UBND-NC ngày 15/01/2023 của {UB}: không khen: NV1 (BK), NV2 (BK) (sửa văn bản số 45/UBND-NC: nhầm số)." \
        in thidua.ok("rounds", "show", "1").stdout
    assert {(h[0], h[1]) for h in history(thidua)} == {("NV3", "GK")}
    assert thidua("check").exit_code == 0


def test_a_reply_granting_no_one_is_told_in_json(thidua):
    two_for_the_province(thidua)
    data = decide(thidua, "1", "--authority", "ubnd", "--number", "45/UBND-NC", "--date", "2023-01-15", "--none-granted")
    assert data["decision"] == {"number": "45/UBND-NC", "date": "2023-01-15", "authority": UB}
    assert data["granted"] == [] and data["total_amount"] == 0 and data["pending"] == [GD]
    assert data["not_granted"] == [{"subject": "NV1", "award": "BK"}, {"subject": "NV2", "award": "BK"}]


def test_one_not_granted_is_not_proposed_again_for_it_and_takes_no_place(thidua):
    """A supplementary round of the same achievement after the UBND refused NV2's Bằng khen: NV2 is not proposed the
    same Bằng khen again unless the office names NV2 (`--reconsider`), as after a council's vote down; a lower award
    (the Giám đốc's Giấy khen) may be proposed; and the refused Bằng khen took none of the year's places."""
    setup(thidua, award("BK", 2, min_score=90, multiplier=1.0, max_count=2).replace(GD, UB) + award("GK", 1), SUBJECTS,
          {"NV1": 96, "NV2": 91, "NV3": 80})
    propose(thidua)
    decide(thidua, "1", "--award", "BK", "--number", "12/QĐ-UBND", "--date", "2023-01-15", "--not-granted", "NV2")
    decide(thidua, "1", "--award", "GK", "--number", "5/QĐ-STTTT", "--date", "2023-01-20")
    before = thidua.digest()
    assert_refused(thidua, ["propose-awards", "--allow-overlap", "--reconsider", "NV1"],
                   "--reconsider: NV1 không bị Hội đồng bỏ phiếu không đạt hay cấp trên không khen ở đợt trước nào cho cùng kỳ "
                   "(những người như vậy: NV2)", code=2)
    assert thidua.digest() == before
    second = also(thidua)
    assert [(p["award"], p["subject"]) for p in second["proposals"]] == [("GK", "NV2")]
    reasons = {(e["award"], e["subject"]): e["reason"] for e in second["excluded"]}
    assert reasons[("BK", "NV2")] == ("không được khen Hình thức BK theo Quyết định số 12/QĐ-UBND (đợt 1) cho cùng thành tích "
                                      "(đề nghị lại: thêm --reconsider NV2)")
    # the Giám đốc's draft QĐ and its annex say so too (no test read the QĐ: its "bổ sung" could go, the suite green)
    [decision] = list(Path.cwd().glob("thu-dot-2/*/quyet-dinh.md"))
    text = " ".join(decision.read_text(encoding="utf-8").split())
    assert "Về việc tặng bổ sung Hình thức GK cho cá nhân có thành tích" in text
    assert "DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG BỔ SUNG HÌNH THỨC GK" in text
    [first_decision] = list(Path.cwd().glob("thu-dot-1/*/quyet-dinh.md"))
    assert "Về việc tặng Hình thức GK" in " ".join(first_decision.read_text(encoding="utf-8").split())
    thidua.ok("rounds", "cancel", "2", "--reason", "lập lại")
    third = also(thidua, "--reconsider", "NV2")  # one of the two places is still free: NV1 holds the other
    assert [(p["award"], p["subject"]) for p in third["proposals"]] == [("BK", "NV2")]
    # a round beside the first of the same period is a supplementary one, and its documents say so (trial3: the
    # second QĐ of the year was titled as the first)
    [to_trinh] = list(Path.cwd().glob("thu-dot-3/*/to-trinh.md"))
    assert "Về việc đề nghị tặng bổ sung Hình thức BK cho 01 cá nhân" in " ".join(to_trinh.read_text(encoding="utf-8").split())
    [first] = list(Path.cwd().glob("thu-dot-1/*chu-tich*/to-trinh.md"))
    assert "Về việc đề nghị tặng Hình thức BK" in " ".join(first.read_text(encoding="utf-8").split())


def test_a_danh_hieu_brought_with_one_not_granted_is_paid_its_own_money(thidua):
    """CSTĐCS brings LĐTT at no money of its own; when the decision does not grant the CSTĐCS, the LĐTT it grants
    is the highest danh hiệu held and pays its own rate."""
    awards = (award("CSTDCS", 2, min_score=90, category="danh-hieu", multiplier=1.0, **{"with": ["LDTT"]})
              + award("LDTT", 1, min_score=50, category="danh-hieu", multiplier=0.3))
    setup(thidua, awards, SUBJECTS, {"NV1": 96, "NV2": 91})
    data = propose(thidua)
    assert sorted((p["award"], p["subject"], p["amount"]) for p in data["proposals"]) == [
        ("CSTDCS", "NV1", 1_490_000), ("CSTDCS", "NV2", 1_490_000), ("LDTT", "NV1", 0), ("LDTT", "NV2", 0)]
    assert_refused(thidua, ["record-decision", "1", "--number", "5/QĐ-STTTT", "--date", "2023-01-20", "--not-granted", "NV2"],
                   "--not-granted: NV2 — Trần Văn Bình được đề nghị CSTDCS, LDTT; ghi rõ hình thức không được khen")
    decided = decide(thidua, "1", "--number", "5/QĐ-STTTT", "--date", "2023-01-20", "--not-granted", "NV2:cstdcs")
    assert sorted((g["subject"], g["award"], g["amount"]) for g in decided["granted"]) == [
        ("NV1", "CSTDCS", 1_490_000), ("NV1", "LDTT", 0), ("NV2", "LDTT", 450_000)]
    assert decided["not_granted"] == [{"subject": "NV2", "award": "CSTDCS"}]
    [draft] = list(Path.cwd().glob("thu-dot-1/*/quyet-dinh.md"))
    text = draft.read_text(encoding="utf-8")
    assert "danh hiệu Hình thức CSTDCS cho 01 cá nhân; công nhận danh hiệu Hình thức LDTT cho 02 cá nhân" in text
    # his LĐTT, not the CSTĐCS the decision did not grant (no str.count here: the PostgreSQL run would take this
    # test for one about the SQLite file, through this module's `count`)
    assert len(re.findall("Trần Văn Bình", text)) == 1
    assert "**1.940.000**" in text  # what the decision pays: 1.490.000 + 0 + 450.000
    # the danh sách, rewritten with the decision, keeps what was proposed (the CSTĐCS pays, its LĐTT nothing):
    # 2.980.000, not the 3.430.000 of the proposed CSTĐCS and the decided LĐTT added together
    [listing] = list(Path.cwd().glob("thu-dot-1/*/danh-sach.md"))
    listed = " ".join(listing.read_text(encoding="utf-8").split())
    assert "**2.980.000**" in listed and "3.430.000" not in listed and "450.000" not in listed
    # the round's money is what is granted or still to grant: the refused CSTĐCS is not
    assert rounds(thidua)[0]["amount"] == 1_940_000
    shown = thidua.ok("rounds", "show", "1").stdout
    assert "tổng tiền thưởng 2.980.000 đồng." in shown
    assert "Tiền thưởng theo quyết định (cả phần còn chờ quyết định): 1.940.000 đồng; đề nghị 2.980.000 đồng." in shown
    # a correction pays as the decision did: the refused CSTĐCS does not take NV2's LĐTT money back, and the
    # refusal stays with the corrected decision
    thidua.ok("decision", "correct", "5/QĐ-STTTT", "--number", "6/QĐ-STTTT", "--date", "2023-01-20", "--reason", "nhầm số")
    assert sorted((h[0], h[1], h[2], h[4]) for h in history(thidua)) == [
        ("NV1", "CSTDCS", "6/QĐ-STTTT", 1_490_000), ("NV1", "LDTT", "6/QĐ-STTTT", 0), ("NV2", "LDTT", "6/QĐ-STTTT", 450_000)]
    [listed] = rounds(thidua)
    assert [(d["number"], d["not_granted"]) for d in listed["decisions"]] == [("6/QĐ-STTTT", [{"subject": "NV2", "award": "CSTDCS"}])]


def test_a_round_no_longer_beside_a_live_one_is_not_supplementary(thidua):
    """A round made beside round 1 (`--allow-overlap`) is a supplementary one; once round 1 is cancelled it stands
    alone, and the QĐ the Giám đốc signs for it must not say "tặng bổ sung" of a first QĐ that never was."""
    setup(thidua, award("GK", 1, min_score=90), SUBJECTS, {"NV1": 96, "NV2": 80})
    propose(thidua)
    thidua.ok("import-entries", str(thidua.write("more.csv", "date,subject,criterion,points,note,evidence\n"
                                                "2022-05-01,NV3,TC,95,Thành tích của NV3,Báo cáo số 3/BC-STTTT\n")))
    second = also(thidua)
    assert [(p["award"], p["subject"]) for p in second["proposals"]] == [("GK", "NV3")]
    [draft] = list(Path.cwd().glob("thu-dot-2/*/quyet-dinh.md"))
    assert "Về việc tặng bổ sung Hình thức GK" in " ".join(draft.read_text(encoding="utf-8").split())
    thidua.ok("rounds", "cancel", "1", "--reason", "lập nhầm")
    decide(thidua, "2", "--number", "7/QĐ-STTTT", "--date", "2023-01-20")
    [decision] = list(Path.cwd().glob("thu-dot-2/*/quyet-dinh.md"))
    text = " ".join(decision.read_text(encoding="utf-8").split())
    assert "Về việc tặng Hình thức GK cho cá nhân" in text and "ĐƯỢC TẶNG HÌNH THỨC GK" in text and "tặng bổ sung" not in text


def test_the_agency_heads_own_refusal_is_not_told_as_a_higher_level(thidua):
    """`score --explain` told the Giám đốc's own refusal of a Giấy khen (record-decision --not-granted) as "cấp trên
    không khen": the deciding authority is named, whoever it is (trial8)."""
    setup(thidua, award("GK", 1, min_score=50) + SALARIES, SUBJECTS, {"NV1": 90, "NV2": 85})
    propose(thidua)
    thidua.ok("record-decision", "1", "--number", "9/QĐ-STTTT", "--date", "2023-12-30", "--allow-future", "--not-granted", "NV2")
    text = thidua.ok("score", "--explain", "NV2").stdout
    assert f"{GD} không khen (quyết định số 9/QĐ-STTTT ngày 30/12/2023)" in text, text
    assert "cấp trên" not in text
