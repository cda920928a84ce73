"""The `thidua` command line. Each command group lives in its own module; this one names them.

Only Typer and light modules are imported here: `thidua --help` must not load
SQLAlchemy, Jinja2, docxtpl or openpyxl (a test checks it).
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from thidua_cli.cli.app import LazyRootGroup, make_app

# Every top-level command → the module of thidua_cli.cli that defines it, in the order of
# `thidua --help` (Typer lists single commands first, then the groups). A module is imported
# only when one of its commands runs; tests/test_docs.py checks this table against the modules.
COMMANDS = {
    "add-entry": "entries",
    "import-entries": "entries",
    "entries": "entries",
    "void-entry": "entries",
    "imports": "imports",
    "void-import": "imports",
    "score": "score",
    "propose-awards": "proposals",
    "record-votes": "proposals",
    "record-decision": "proposals",
    "report": "report",
    "certificates": "certificates",
    "stats": "stats",
    "check": "check",
    "log": "log",
    "demo": "demo",
    "campaign": "campaign",
    "subject": "subject",
    "awards": "awards",
    "ratings": "ratings",
    "discipline": "discipline",
    "rounds": "rounds",
    "decision": "decision",
    "register": "register",
    "db": "db",
    "templates": "templates",
}


class _Root(LazyRootGroup):
    table = COMMANDS


app = make_app(
    "thidua — sổ theo dõi phong trào thi đua: ghi nhận thành tích, chấm điểm, đề nghị khen thưởng, "
    "biên bản, quyết định và báo cáo tháng, từ một tệp sổ SQLite.",
    cls=_Root,
)


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        Optional[str],
        typer.Option("--db", help="Tệp sổ thi đua, hoặc postgresql://người_dùng@máy_chủ/tên_csdl (mặc định: biến THIDUA_DB, hoặc thidua.db ở thư mục hiện tại).", envvar=None),
    ] = None,
) -> None:
    """thidua — sổ theo dõi phong trào thi đua."""
    ctx.obj = {"db": db}


def main() -> None:
    # A command is short-lived and its big structures (a million import rows,
    # 200,000 standings cells) hold no reference cycles: collect cycles rarely
    # instead of every 700 allocations (the cyclic collector took ~10 % of `score`).
    import gc

    gc.set_threshold(100_000, 50, 100)
    app()
