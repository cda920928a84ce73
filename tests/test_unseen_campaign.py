"""A campaign unlike the bundled examples, through the commands and JSON of SPEC only, with every expected value
worked out by hand from SPEC §5 (tests/fixtures/atgt-2026: weights 1.5, 0.25, 2 and 0.333, caps and floors, a
penalty criterion, tiers listed out of order, entries on period edges and outside the campaign, voids, decimals
typed 2,5 and 0.25, a subject without entries, a blocked one, a collective at exactly 70 % women)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "fixtures" / "atgt-2026"


@pytest.fixture
def atgt(thidua, tmp_path, monkeypatch):
    monkeypatch.setenv("THIDUA_TODAY", "2026-12-07")
    monkeypatch.chdir(tmp_path)
    thidua.ok("campaign", "load", str(DATA / "campaign.toml"))
    thidua.ok("subject", "import", str(DATA / "subjects.csv"))
    thidua.ok("import-entries", str(DATA / "entries.csv"))
    thidua.ok("import-entries", str(DATA / "entries-2.csv"))
    listed = json.loads(thidua.ok("entries", "--format", "json").stdout)["entries"]
    for entry in listed:
        if entry["note"] == "Ghi nhầm":
            thidua.ok("void-entry", str(entry["id"]), "--reason", "Ghi nhầm")
    thidua.ok("awards", "add", "--subject", "CN02", "--award", "GK", "--number", "15/QĐ-SGTVT", "--date", "2025-12-20")
    thidua.ok("awards", "add", "--subject", "VPS", "--award", "GK", "--number", "16/QĐ-SGTVT", "--date", "2024-12-20")
    thidua.ok("subject", "block", "CN06", "--reason", "Đang xem xét kỷ luật")
    return thidua


def standings(thidua, *period: str) -> dict[str, tuple]:
    data = json.loads(thidua.ok("score", "--format", "json", *period).stdout)
    return {row["subject"]: (row["total"], row["rank"], row["tier"], row["entries"]) for row in data["standings"]}


def test_the_whole_campaign(atgt):
    rows = standings(atgt)
    # PKT: CM 20 + 25 capped at 40 × 1.5 = 60, DV 10 × 2 = 20; the 14/02 entry of PTC and the 01/12 one of VPS are
    # outside the campaign; VPS: CM 27,5 + 2,5 = 30 × 1,5 = 45, DV 20 × 2 = 40 (the DV 5 voided)
    assert rows["VPS"] == (85.0, 1, "Tốt", 3)
    assert [rows[c] for c in ("PKT", "PTC", "PVT")] == [(80.0, 2, "Tốt", 3), (80.0, 2, "Tốt", 2), (80.0, 2, "Tốt", 2)]
    assert rows["BQL"] == (75.5, 5, "Tốt", 2)  # 25 × 1,5 + 19 × 2: exactly the "Tốt" threshold
    assert rows["TTD"] == (0.0, 6, "Trung bình", 0)
    # CN01: 60 + 45 × 0,333 + 10 + 20 × 0,25 = 89,985 — shown 89,99 but below 90 ("Xuất sắc")
    assert rows["CN01"] == (89.99, 2, "Tốt", 4)
    # CN10: 60 + 15 × 0,333 + 10 + 2 × 0,25 = 75,495 — shown 75,5 but below 75,5: "Khá"
    assert rows["CN10"] == (75.5, 8, "Khá", 4)
    assert rows["CN11"] == (50.0, 9, "Khá", 4)  # (25,75 + 0,25) × 1,5 + 10 + 4 × 0,25
    assert rows["CN09"] == (-7.5, 11, None, 3)  # CM 5 × 1,5; VP -12 - 8 floored at -15; below every tier
    assert [rows[c][:2] for c in ("CN03", "CN02", "CN05", "CN04")] == [(85.0, 3)] * 4  # name order: Lê before Trần


def test_periods_count_what_is_dated_in_them(atgt):
    assert standings(atgt, "--quarter", "2026-Q1")["PTC"] == (40.0, 2, "Trung bình", 2)  # 20 × 1,5 + the 14/02 DV 5 × 2; PKT 60
    assert standings(atgt, "--month", "2026-04")["PKT"] == (20.0, 1, "Trung bình", 1)  # the 01/04 entry only
    assert standings(atgt, "--year", "2026")["VPS"] == (105.0, 1, "Xuất sắc", 4)  # with the 01/12 entry


def test_the_proposals(atgt):
    data = json.loads(atgt.ok("propose-awards", "--format", "json").stdout)
    picks = [(p["award"], p["subject"], p["amount"]) for p in data["proposals"]]
    # CSTĐCS: floor(25 % × 11) = 2 places; four at 85 for the last one, two of them women: the women are the tie
    assert data["ties"] == [{"award": "CSTDCS", "subjects": ["CN05", "CN04"], "total": 85.0}]
    assert ("CSTDCS", "CN01", 2340000) in picks and ("LDTT", "CN01", 0) in picks
    # BK (max 1, needs GK held): VPS among collectives, CN02 among individuals; 2 × 1,0 × 2.340.000 for a collective
    assert ("BK", "VPS", 4680000) in picks and ("BK", "CN02", 2340000) in picks
    # GK: floor(40 % × 6) = 2 collectives, three at 80 — PKT (70 % women) and PTC (75 %) before PVT (69,9 %);
    # 3 individuals: CN01, then the women CN05 and CN04 before CN03; 0,3 × 2.340.000 rounded up = 710.000
    assert [(a, s) for a, s, _ in picks if a == "GK"] == [("GK", "PKT"), ("GK", "PTC"), ("GK", "CN01"), ("GK", "CN05"),
                                                        ("GK", "CN04")]
    reasons = {(e["award"], e["subject"]) for e in data["excluded"]}
    assert {("GK", "PVT"), ("GK", "CN03"), ("CSTDCS", "CN08"), ("GK", "CN08"), ("CSTDCS", "CN06")} <= reasons
    assert data["total_amount"] == sum(amount for _, _, amount in picks) == 27970000
