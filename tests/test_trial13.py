"""trial13: an inspector of the Ban Thi đua - Khen thưởng checks that every number, name and date the office's
outputs state agrees with the ledger, with the other outputs and with a count made by hand.

Run on both engines: `pytest tests/test_trial13.py` and `THIDUA_TEST_ENGINE=postgresql pytest tests/test_trial13.py`."""

from __future__ import annotations

import json

from conftest import MINI_CAMPAIGN

OWN_NAME = MINI_CAMPAIGN.replace('name = "Phong trào thử nghiệm"',
                                 'name = "Phong trào thi đua năm 2021 của Sở Thông tin và Truyền thông"')


def test_the_closing_line_names_the_agency_once_when_the_campaign_name_already_does(thidua):
    # a campaign named "… của Sở Xây dựng" closed its tổng kết with "… năm 2026 của Sở Xây dựng của Sở Xây dựng./."
    # (seen on the rendered tổng kết), and its monthly report likewise
    thidua.ok("campaign", "load", str(thidua.write("c.toml", OWN_NAME)))
    thidua.ok("subject", "add", "--code", "NV1", "--name", "Nguyễn Văn An", "--kind", "ca-nhan", "--gender", "nam")
    thidua.ok("add-entry", "--subject", "NV1", "--criterion", "TC1", "--points", "30", "--date", "2021-11-05")
    final = thidua.ok("report", "--final", "--date", "2021-12-31", "-O", "md").stdout
    assert "Trên đây là báo cáo tổng kết phong trào thi đua năm 2021 của Sở Thông tin và Truyền thông./." in final
    monthly = thidua.ok("report", "--month", "2021-11", "--date", "2021-12-01", "-O", "md").stdout
    assert "của Sở Thông tin và Truyền thông của Sở Thông tin và Truyền thông" not in monthly
    assert "Trên đây là báo cáo kết quả thực hiện phong trào thi đua năm 2021 của Sở Thông tin và Truyền thông" in monthly
