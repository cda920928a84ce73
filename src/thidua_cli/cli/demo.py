"""thidua demo: the bundled example campaign, end to end."""

from __future__ import annotations

from typing import Annotated

import typer


def demo(
    out: Annotated[str, typer.Option("--out", "-o", help="Thư mục ghi sổ mẫu và mọi kết quả.")] = "thidua-demo",
) -> None:
    """Dựng hai sổ mẫu (Kế hoạch 44/KH-STTTT; bình xét cuối năm 2025 theo NĐ 152/2025) và tạo mọi kết quả."""
    from thidua_cli.render.output import info
    from thidua_cli.services.demo import run_demo

    for line in run_demo(out):
        info(line)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
