"""thidua imports | void-import: the files imported, and undoing one import as a whole."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from thidua_cli.cli.common import db_of
from thidua_cli.cli.options import FormatOpt, OutOpt


def imports(ctx: typer.Context, fmt: FormatOpt = None, out: OutOpt = None) -> None:
    """Liệt kê các lần nhập tệp (mục ghi, đối tượng, khen thưởng): tệp, SHA-256, số dòng, lúc nhập, người nhập."""
    from thidua_cli.render.imports import imports_json, imports_table
    from thidua_cli.render.output import choose_format, info, write_listing
    from thidua_cli.services.imports import list_imports

    chosen = choose_format(fmt, out, ("table", "json", "csv", "md", "xlsx"))
    batches = list_imports(db_of(ctx))
    if not batches and chosen == "table":
        info("Chưa nhập tệp nào vào sổ.")
        return
    write_listing(chosen, out, lambda: imports_json(batches), lambda: imports_table(batches),
                  lambda: imports_table(batches, machine=True), sheet="Lần nhập")


def void_import(
    ctx: typer.Context,
    batch_id: Annotated[int, typer.Argument(help="Số của lần nhập (xem: thidua imports).", metavar="ID")],
    reason: Annotated[str, typer.Option("--reason", "-r", help="Lý do huỷ.")],
    by: Annotated[Optional[str], typer.Option("--by", help="Người huỷ.")] = None,
) -> None:
    """Huỷ cả một lần nhập mục ghi: mọi mục còn hiệu lực của lần nhập đó được huỷ trong một lần (không xoá gì)."""
    from thidua_cli.render.output import info
    from thidua_cli.services.imports import describe, void_import as run

    done = run(db_of(ctx), batch_id, reason, by)
    info(f"Đã huỷ {describe(done.batch)}: {done.voided} mục ghi được huỷ.")


def register(app: typer.Typer) -> None:
    app.command("imports")(imports)
    app.command("void-import")(void_import)
