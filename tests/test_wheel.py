"""The built wheel carries the templates and the example, and runs the demo from them."""

import os
import subprocess
import sys
import zipfile

from conftest import REPO


def test_wheel_contains_templates_and_examples_and_runs(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(REPO)],
        capture_output=True, text=True,
    )
    assert built.returncode == 0, built.stderr
    [wheel] = list((tmp_path / "dist").glob("thidua_cli-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "thidua_cli/examples/covid19-stttt/campaign.toml" in names
    assert "thidua_cli/examples/covid19-stttt/entries.csv" in names
    assert "thidua_cli/examples/thuong-xuyen-2025-skhcn/campaign.toml" in names
    assert "thidua_cli/fonts/LiberationSerif-Regular.ttf" in names  # certificates embed it (OFL 1.1, licence beside it)
    assert "thidua_cli/fonts/LICENSE-LiberationFonts.txt" in names
    shipped_templates = [n for n in names if n.startswith("thidua_cli/templates/")]
    repo_templates = [p for p in (REPO / "templates").rglob("*") if p.is_file()]
    assert len(shipped_templates) == len(repo_templates)
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    env = {**os.environ, "PYTHONPATH": str(unpacked), "THIDUA_DB": str(tmp_path / "x.db")}
    demo = subprocess.run(
        [sys.executable, "-m", "thidua_cli", "demo", "--out", str(tmp_path / "demo")], capture_output=True, text=True, env=env,
        cwd=tmp_path,
    )
    assert demo.returncode == 0, demo.stderr
    assert "Đã ghi 395 mục thành tích (thanh-tich.xlsx)." in demo.stderr  # the office sheet, merged headers and all
    assert (tmp_path / "demo" / "covid19-stttt" / "bang-diem.json").exists()
