"""The Word templates shipped in templates/docx are what the tools make: one edited by hand (bao-cao-tong-ket.docx
was, to keep a page layout the tool had lost) is overwritten the next time anyone runs the tool, silently."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("tool", ["make_docx_templates.py", "make_year_templates.py"])
def test_each_template_is_what_its_tool_makes(tool, tmp_path):
    subprocess.run([sys.executable, str(ROOT / "tools" / tool), str(tmp_path)], check=True, capture_output=True)
    made = sorted(tmp_path.glob("*.docx"))
    assert made
    differing = [path.name for path in made if path.read_bytes() != (ROOT / "templates" / "docx" / path.name).read_bytes()]
    assert not differing, f"templates/docx differs from what tools/{tool} makes: {differing} — run the tool and commit"
