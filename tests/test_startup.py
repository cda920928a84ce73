"""Start-up stays light: heavy libraries load only inside the commands that need them.

Each check runs a fresh interpreter, so what the test runner itself imported
does not count. Measured numbers and the baselines are in benchmarks/run.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
HEAVY = ("sqlalchemy", "sqlmodel", "jinja2", "docxtpl", "docx", "openpyxl", "rich", "pydantic", "psycopg")

PROBE = """
import io, json, sys
from contextlib import redirect_stdout
args = json.loads(sys.argv[1])
code = None
if args is None:
    import thidua_cli.cli
else:
    sys.argv = ["thidua", *args]
    from thidua_cli.cli import main
    out = io.StringIO()
    try:
        with redirect_stdout(out):
            main()
    except SystemExit as stop:
        code = stop.code
loaded = sorted({name.split(".")[0] for name in sys.modules})
print(json.dumps({"code": code, "loaded": loaded, "modules": sorted(sys.modules)}))
"""


def _probe(args: list[str] | None, tmp_path: Path) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), *([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])])
    env["THIDUA_DB"] = str(tmp_path / "none.db")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def _heavy(loaded: list[str]) -> list[str]:
    return [name for name in HEAVY if name in loaded]


def test_importing_the_cli_loads_no_heavy_library(tmp_path):
    assert _heavy(_probe(None, tmp_path)["loaded"]) == []


def test_help_exits_0_without_heavy_libraries(tmp_path):
    result = _probe(["--help"], tmp_path)
    assert result["code"] in (0, None)
    assert _heavy(result["loaded"]) == []


def test_help_runs_as_a_program(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(SRC))
    done = subprocess.run([sys.executable, "-m", "thidua_cli", "--help"], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Cách dùng" in done.stdout and "add-entry" in done.stdout and "score" in done.stdout


def test_add_entry_uses_stdlib_sqlite_only(thidua, tmp_path):
    """The clerk's most frequent command: no SQLAlchemy/SQLModel (and, with the pinned Typer, no pydantic)."""
    thidua.mini()
    result = _probe(["--db", str(thidua.db), "add-entry", "-s", "NV1", "-k", "TC1", "-p", "2", "--date", "2021-11-02"], tmp_path)
    assert result["code"] in (0, None)
    heavy = _heavy(result["loaded"])
    if tuple(int(part) for part in version("typer").split(".")[:2]) >= (0, 29) and heavy == ["pydantic"]:
        pytest.skip("Typer 0.29+ is installed (the project pins <0.29): it loads pydantic for every command")
    assert heavy == []
    listed = json.loads(thidua.ok("entries", "--format", "json").stdout)["entries"]
    assert [(e["subject"], e["points"]) for e in listed] == [("NV1", 2)]


@pytest.mark.parametrize("args", [["score", "--help"], ["score", "--format", "json"]], ids=["help", "no-ledger"])
def test_a_command_imports_only_its_own_module(tmp_path, args):
    """The root builds commands lazily: `thidua score` neither imports nor converts the others."""
    from thidua_cli.cli import COMMANDS

    result = _probe(args, tmp_path)
    assert result["code"] == (1 if "--help" not in args else 0)  # no ledger: a clean `Lỗi:`, exit 1
    modules = set(result["modules"])
    assert "thidua_cli.cli.score" in modules
    others = sorted(f"thidua_cli.cli.{name}" for name in set(COMMANDS.values()) - {"score"})
    assert "thidua_cli.cli.proposals" in others and "thidua_cli.cli.report" in others
    assert [name for name in others if name in modules] == []
    if "--help" in args:  # help needs no domain, service, storage or render code either
        layers = tuple(f"thidua_cli.{layer}." for layer in ("domain", "services", "storage", "render"))
        assert [name for name in modules if name.startswith(layers)] == []
