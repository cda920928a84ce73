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
