"""The example campaign's whole year, built once for the tests of the closing report and the statistics:
history imported, registrations (one returned), a round, the council's vote, one decision per authority."""

from __future__ import annotations

import json

import pytest

from conftest import EXAMPLE, Thidua

DECISIONS = {"HCLD3": ("1023/QĐ-CTN", "2022-09-03"), "BK-TTG": ("856/QĐ-TTg", "2022-08-19"),
             "BK-UBND": ("1234/QĐ-UBND", "2022-07-15"), "GK-GD": ("35/QĐ-STTTT", "2022-06-20")}


def year_ledger(folder, monkeypatch: pytest.MonkeyPatch) -> tuple[Thidua, dict]:
    """(the ledger, the round as propose-awards printed it)."""
    monkeypatch.setenv("THIDUA_TODAY", "2022-06-10")
    monkeypatch.setenv("THIDUA_USER", "Người kiểm thử")
    thidua = Thidua(folder)
    thidua.example()
    thidua.ok("awards", "import", str(EXAMPLE / "awards-history.csv"))
    thidua.ok("register", "import", str(EXAMPLE / "registrations.csv"))
    thidua.ok("register", "approve", "--all")
    thidua.ok("register", "return", "23", "--reason", "Chỉ tiêu chưa cụ thể")
    round_ = json.loads(thidua.ok("propose-awards", "-O", "json", "--out", str(folder / "hs")).stdout)
    votes = "subject,award,votes\n" + "".join(f"{p['subject']},{p['award']},7\n" for p in round_["proposals"])
    monkeypatch.setenv("THIDUA_TODAY", "2022-06-15")  # the council met, and its votes were recorded, that day
    thidua.ok("record-votes", "1", "--members", "7", "--file", str(thidua.write("phieu.csv", votes)), "--date", "2022-06-15")
    monkeypatch.setenv("THIDUA_TODAY", "2022-09-30")
    for code in dict.fromkeys(p["award"] for p in round_["proposals"]):
        number, day = DECISIONS[code]
        thidua.ok("record-decision", "1", "--award", code, "--number", number, "--date", day)
    return thidua, round_
