"""The `thidua` command line. Each command group lives in its own module; this one assembles them.

Only Typer and light modules are imported here: `thidua --help` must not load
SQLAlchemy, Jinja2, docxtpl or openpyxl (a test checks it).
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from thidua_cli.cli.app import make_app

app = make_app(
    "thidua — sổ theo dõi phong trào thi đua: ghi nhận thành tích, chấm điểm, đề nghị khen thưởng, "
    "biên bản, quyết định và báo cáo tháng, từ một tệp sổ SQLite."
)


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        Optional[str],
        typer.Option("--db", help="Tệp sổ thi đua (mặc định: biến THIDUA_DB, hoặc thidua.db ở thư mục hiện tại).", envvar=None),
    ] = None,
) -> None:
    """thidua — sổ theo dõi phong trào thi đua."""
    ctx.obj = {"db": db}


def _register() -> None:
    from thidua_cli.cli import awards, campaign, check, db, demo, entries, proposals, report, score, subject, templates

    app.add_typer(campaign.app, name="campaign")
    app.add_typer(subject.app, name="subject")
    entries.register(app)
    score.register(app)
    proposals.register(app)
    app.add_typer(awards.app, name="awards")
    report.register(app)
    check.register(app)
    app.add_typer(db.app, name="db")
    app.add_typer(templates.app, name="templates")
    demo.register(app)


_register()


def main() -> None:
    # A command is short-lived and its big structures (a million import rows,
    # 200,000 standings cells) hold no reference cycles: collect cycles rarely
    # instead of every 700 allocations (the cyclic collector took ~10 % of `score`).
    import gc

    gc.set_threshold(100_000, 50, 100)
    app()
