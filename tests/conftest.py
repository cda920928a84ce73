"""Shared test helpers: every test works on its own temporary ledger, never a real one."""

from __future__ import annotations

import hashlib
import os
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from thidua_cli.cli import app

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "covid19-stttt"

MINI_CAMPAIGN = """
[campaign]
code = "mini"
name = "Phong trào thử nghiệm"
kind = "chuyen-de"
plan = "05/KH-STTTT"
issued = 2021-10-01
start = 2021-10-01
end = 2021-12-31
agency = "Sở Thông tin và Truyền thông"
parent_agency = "UBND tỉnh Trà Vinh"
place = "Trà Vinh"
base_salary = 1490000

[[criteria]]
code = "TC1"
name = "Hoàn thành nhiệm vụ"
applies_to = "both"
max_points = 50

[[criteria]]
code = "TC2"
name = "Tập thể đoàn kết"
applies_to = "collective"
max_points = 30

[[criteria]]
code = "VP"
name = "Vi phạm"
applies_to = "both"
min_points = -10

[[tiers]]
name = "Xuất sắc"
min_score = 40

[[awards]]
code = "GK"
name = "Giấy khen của Giám đốc Sở"
level = 1
applies_to = "both"
min_score = 20
multiplier = 0.3
authority = "Giám đốc Sở Thông tin và Truyền thông"
"""

MINI_SUBJECTS = """code,name,kind,unit,position,gender,female_percent
VP,Văn phòng Sở,tập thể,,,,40
NV1,Nguyễn Văn An,cá nhân,VP,Chuyên viên,nam,
NV2,Trần Thị Ánh,cá nhân,VP,Chánh Văn phòng,nữ,
NV3,Lê Văn Hòa,cá nhân,VP,Chuyên viên,nam,
"""


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """No test can touch a real ledger, nor leave files in the checkout: the default ledger path and
    the working folder (where a round's dossier goes by default) are in tmp."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("THIDUA_DB", str(tmp_path / "default.db"))
    monkeypatch.setenv("THIDUA_USER", "Người kiểm thử")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("THIDUA_DEBUG", raising=False)
    monkeypatch.delenv("THIDUA_TODAY", raising=False)
    monkeypatch.delenv("THIDUA_TEMPLATES", raising=False)


class Thidua:
    """Runs `thidua --db <tmp ledger> …` through Typer's CliRunner; the ledger is a file in `folder`,
    or, given `url`, a new empty database on the tests' PostgreSQL server."""

    def __init__(self, folder: Path, url: str | None = None):
        self.folder = folder
        self.db = url or folder / "thidua.db"
        self.engine = "postgresql" if url else "sqlite"

    def __call__(self, *args: str, input: str | None = None) -> Result:
        runner = CliRunner()
        result = runner.invoke(app, ["--db", str(self.db), *map(str, args)], input=input)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Result(result.exit_code, result.stdout, result.stderr)

    def ok(self, *args: str) -> Result:
        result = self(*args)
        assert result.exit_code == 0, result.stderr
        return result

    def write(self, name: str, text: str, encoding: str = "utf-8") -> Path:
        path = self.folder / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding=encoding)
        return path

    def digest(self) -> str:
        """The ledger's bytes (main file + WAL), or every row on the server: a failed command must not change them."""
        if self.engine == "postgresql":
            return server_digest(self.db)
        h = hashlib.sha256()
        for suffix in ("", "-wal"):
            path = Path(str(self.db) + suffix)
            if path.exists():
                h.update(path.read_bytes())
        return h.hexdigest()

    def mini(self) -> "Thidua":
        self.ok("campaign", "load", str(self.write("mini.toml", MINI_CAMPAIGN)))
        self.ok("subject", "import", str(self.write("mini-subjects.csv", MINI_SUBJECTS)))
        return self

    def example(self) -> "Thidua":
        self.ok("campaign", "load", str(EXAMPLE / "campaign.toml"))
        self.ok("subject", "import", str(EXAMPLE / "subjects.csv"))
        self.ok("import-entries", str(EXAMPLE / "entries.csv"))
        return self


ENGINE = os.environ.get("THIDUA_TEST_ENGINE", "sqlite")  # `make test` runs the command tests once more with postgresql


@pytest.fixture
def thidua(tmp_path, request) -> Thidua:
    return Thidua(tmp_path, _server_ledger(request))


def _server_ledger(request) -> str | None:
    """A new database on the tests' server when this run is the PostgreSQL one (tests marked
    `sqlite_only` read the file itself and keep a file)."""
    if ENGINE != "postgresql" or request.node.get_closest_marker("sqlite_only"):
        return None
    return request.getfixturevalue("postgres_server").new_database()


def server_digest(url: str) -> str:
    """Every row of every table of a server ledger, in a fixed order, hashed."""
    import psycopg

    h = hashlib.sha256()
    with psycopg.connect(url) as connection:
        tables = [row[0] for row in connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")]
        for table in tables:
            h.update(table.encode())
            for (text,) in connection.execute(f'SELECT t::text FROM "{table}" t ORDER BY t::text'):
                h.update(text.encode("utf-8") + b"\n")
    return h.hexdigest()


def assert_refused(thidua: Thidua, args: list[str], message: str, code: int = 1) -> Result:
    """The command fails with `code`, prints one `Lỗi:` line containing `message`, and changes nothing."""
    before = thidua.digest()
    result = thidua(*args)
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    first = result.stderr.splitlines()[0]
    assert first.startswith("Lỗi: "), result.stderr
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert thidua.digest() == before, "the ledger changed after a failed command"
    return result


@pytest.fixture
def thidua_factory(tmp_path, request):
    """A fresh ledger per call (for hypothesis examples within one test)."""
    counter = iter(range(10**6))

    def make() -> Thidua:
        folder = tmp_path / f"case{next(counter)}"
        folder.mkdir()
        return Thidua(folder, _server_ledger(request))

    return make


GOLDEN = Path(__file__).resolve().parent / "golden"


def assert_golden(name: str, text: str) -> None:
    """Compare with tests/golden/<name>; UPDATE_GOLDEN=1 rewrites the file instead."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"missing golden file {path}; run with UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"output differs from {path} (UPDATE_GOLDEN=1 to accept)"


def sums_from_cells(campaign, cells) -> dict[int, tuple]:
    """(subject id, criterion code, Σ points, entries, negatives) cells → the per-subject sums
    `compute_standings` takes, as `storage.standings.subject_sums` returns them."""
    codes = [c.code for c in campaign.criteria]
    sums: dict[int, list] = {}
    for subject_id, code, points, entries, negatives in cells:
        row = sums.setdefault(subject_id, [0, 0] + [None] * len(codes))
        row[0] += entries
        row[1] += negatives
        row[2 + codes.index(code)] = points
    return {subject_id: tuple(row) for subject_id, row in sums.items()}


@pytest.fixture(scope="session")
def postgres_server():
    """One real PostgreSQL server for the whole session (tests/pg.py); skipped where none can run, failed under CI=true."""
    from pg import started_server

    yield from started_server()


@pytest.fixture
def pg_url(postgres_server) -> str:
    """The URL of a new, empty PostgreSQL database for this test."""
    return postgres_server.new_database()


def pytest_collection_modifyitems(config, items):
    """In the PostgreSQL run, a test about the SQLite file itself (it opens the ledger with sqlite3 to
    edit it behind the tool's back, reads its bytes, or asks whether the file exists), directly or
    through a helper or fixture of its module, keeps a SQLite file: it is about the file, not the
    commands."""
    if ENGINE != "postgresql":
        return
    for item in items:
        if _about_the_file(item):
            item.add_marker(pytest.mark.sqlite_only)


_FILE_WORDS = ("sqlite3", "Ledger.open(", ", thidua.db)", ".db.exists", ".db.read_bytes", ".db.stat", "db.with_name", ".db.parent", "Path(thidua.db")


def _about_the_file(item) -> bool:
    import inspect

    function = getattr(item, "function", None)
    if function is None:
        return False
    module = inspect.getmodule(function)
    seen: set = set()

    def mentions(target, depth: int = 0) -> bool:
        if target in seen or depth > 3:
            return False
        seen.add(target)
        try:
            source = inspect.getsource(target)
        except (OSError, TypeError):
            return False
        if any(word in source for word in _FILE_WORDS):
            return True
        code = getattr(getattr(target, "__wrapped__", target), "__code__", None)
        names = set(code.co_names) | set(code.co_varnames) if code else set()
        for name in names:
            helper = getattr(module, name, None)
            if inspect.isfunction(helper) and inspect.getmodule(helper) is module and mentions(helper, depth + 1):
                return True
        return False

    if mentions(function):
        return True
    for name in getattr(item, "fixturenames", ()):
        fixture = getattr(module, name, None)
        if fixture is not None and mentions(getattr(fixture, "__wrapped__", fixture)):
            return True
    return False
