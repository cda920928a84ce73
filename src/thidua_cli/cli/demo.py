"""thidua demo: the bundled example campaign, end to end."""

from __future__ import annotations

from typing import Annotated

import typer


def demo(
    ctx: typer.Context,
    out: Annotated[str, typer.Option("--out", "-o", help="Thư mục ghi sổ mẫu và mọi kết quả.")] = "thidua-demo",
) -> None:
    """Dựng hai sổ mẫu (Kế hoạch 44/KH-STTTT; bình xét cuối năm 2025 theo NĐ 152/2025) và tạo mọi kết quả.

    Với --db postgresql://…, mỗi sổ mẫu là một lược đồ riêng (thidua_demo_…) trong cơ sở dữ liệu đó."""
    from thidua_cli.render.output import info
    from thidua_cli.services.demo import run_demo

    from thidua_cli.services.session import ledger_target

    target = ledger_target(ctx.obj.get("db") if ctx.obj else None)
    for line in run_demo(out, server=target if isinstance(target, str) else None):
        info(line)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
