"""thidua score."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from thidua_cli.cli.common import db_of
from thidua_cli.cli.options import (
    AsOfOpt, CampaignOpt, FormatOpt, FromOpt, MonthOpt, OutOpt, QuarterOpt, ToOpt, YearOpt, period_request,
)


def score(
    ctx: typer.Context,
    kind: Annotated[Optional[str], typer.Option("--kind", help="Chỉ ca-nhan (cá nhân) hoặc tap-the (tập thể).")] = None,
    unit: Annotated[Optional[str], typer.Option("--unit", help="Chỉ một đơn vị (mã hoặc tên).")] = None,
    top: Annotated[Optional[int], typer.Option("--top", help="Chỉ N hạng đầu mỗi loại.", min=1)] = None,
    explain: Annotated[Optional[str], typer.Option("--explain", help="Giải thích điểm của một đối tượng: từng mục ghi, trần/sàn, phép tính.")] = None,
    campaign: CampaignOpt = None,
    month: MonthOpt = None, quarter: QuarterOpt = None, year: YearOpt = None,
    date_from: FromOpt = None, date_to: ToOpt = None, as_of: AsOfOpt = None,
    fmt: FormatOpt = None,
    out: OutOpt = None,
) -> None:
    """Bảng điểm và xếp hạng (theo loại đối tượng) cho một kỳ; mặc định từ đầu phong trào đến hôm nay."""
    from thidua_cli.render.output import choose_format, write_output
    from thidua_cli.services import standings as service
    from thidua_cli.services.subjects import kind_option

    kind = kind_option(kind)  # "ca-nhan", "tập thể" as subject import and add take them (and individual, collective)
    request = period_request(month, quarter, year, date_from, date_to, as_of)
    if explain:
        from thidua_cli.render.explain import explain_json, explain_text

        chosen = choose_format(fmt, out, ("table", "json", "md"))
        explanation = service.explain(db_of(ctx), request, explain, campaign)
        if chosen == "json":
            from thidua_cli.render.tabular import to_json

            write_output(lambda: to_json(explain_json(explanation)), out)
        else:
            write_output(lambda: explain_text(explanation, markdown=chosen == "md"), out)
        return
    chosen = choose_format(fmt, out, ("table", "json", "csv", "md", "xlsx", "html"))
    standings = service.score(db_of(ctx), request, campaign)
    standings = service.filtered(standings, kind, unit)
    from thidua_cli.render import standings as views
    from thidua_cli.render.tabular import to_csv, to_markdown, to_xlsx

    renderers = {
        "json": lambda: views.standings_json_text(standings, top),
        "csv": lambda: to_csv(views.standings_table(standings, top, machine=True)),
        "md": lambda: to_markdown(views.standings_table(standings, top)),
        "xlsx": lambda: to_xlsx(views.standings_table(standings, top), "Bảng điểm"),
        "html": lambda: views.standings_html(standings, top),
        "table": lambda: views.standings_screen(standings, top),
    }
    write_output(renderers[chosen], out)


def register(app: typer.Typer) -> None:
    app.command("score")(score)
