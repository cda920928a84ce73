"""`thidua demo` also writes the registrations summary, the certificates, the closing report and the statistics."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from typer.testing import CliRunner


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils not installed")
def test_demo_writes_the_whole_year(tmp_path):
    import openpyxl
    from docx import Document

    from thidua_cli.cli import app

    result = CliRunner().invoke(app, ["demo", "--out", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.stderr
    folder = tmp_path / "demo" / "covid19-stttt"  # the first of the two bundled campaigns, in its sub-folder
    assert "Đăng ký thi đua: 23 lượt, 1 trả lại" in result.stderr
    summary = (folder / "dang-ky-thi-dua.md").read_text(encoding="utf-8")
    assert "Tổng cộng: 06 tập thể và 17 cá nhân, 23 lượt đăng ký (đã duyệt 22, trả lại 01)" in summary
    assert Document(str(folder / "dang-ky-thi-dua.docx")).sections[0].page_width.mm > 290
    pages = {}
    for name in ("giay-khen", "bang-khen"):
        info = subprocess.run(["pdfinfo", str(folder / "ban-in-khen-thuong" / f"{name}.pdf")], capture_output=True, text=True).stdout
        pages[name] = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    closing = json.loads((folder / "bao-cao-tong-ket.json").read_text(encoding="utf-8"))
    assert sum(pages.values()) == len(closing["awards_granted"]) == 21
    assert pages["giay-khen"] == sum(1 for g in closing["awards_granted"] if g["award"] == "GK-GD")
    assert closing["granted_amount"] == 29_850_000 and closing["kind"] == "tong-ket"
    for suffix in ("md", "html", "docx"):
        assert (folder / f"bao-cao-tong-ket.{suffix}").exists()
    workbook = openpyxl.load_workbook(folder / "thong-ke-2022.xlsx")
    assert workbook.sheetnames == ["0601.N", "0602.N", "0603.N"]
    assert workbook["0603.N"]["D10"].value == sum(
        1 for g in closing["awards_granted"] if g["award_name"].startswith("Bằng khen") and "Thủ tướng" not in g["award_name"]
    )
