"""The Chánh Văn phòng of a Sở Tài chính keeping a year's ledger he must justify to the Ban Thi đua - Khen thưởng tỉnh
and to an inspector (trial8): a wrong file voided and imported again, single entries voided, decisions corrected and
refused, a supplementary round, the ledger tampered with — what the outputs did not say, or said twice."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "trial8"


def _year(thidua):
    """The campaign, its three phòng and six people, January's file and February's file as it should have been."""
    thidua.ok("campaign", "load", str(DATA / "stc.toml"))
    thidua.ok("subject", "import", str(DATA / "can-bo.csv"))
    thidua.ok("import-entries", str(DATA / "t01.csv"))
    return thidua


def test_a_campaign_whose_recipients_end_with_its_own_archive_line_has_it_once(thidua):
    """Offices write "Lưu: VT, VP" as the last of their "Nơi nhận" (recipients) — the report and the draft quyết
    định then ended "- Lưu: VT, VP;<br>- Lưu: VT, VP." (the office's line, then thidua's own). The office's line is
    the archive line: it stands once, last, with the full stop."""
    _year(thidua)
    report = thidua.ok("report", "--month", "2026-01", "-O", "md").stdout
    signature = next(line for line in report.splitlines() if "Nơi nhận" in line)
    assert signature.count("Lưu") == 1, signature
    assert "- Ban Thi đua - Khen thưởng tỉnh;<br>- BGĐ Sở;<br>- Lưu: VT, VP. |" in signature, signature
