"""thidua rounds [show N | cancel N]: the stored proposal rounds."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from thidua_cli.cli.app import make_app
from thidua_cli.cli.common import db_of
from thidua_cli.cli.options import CampaignOpt, FormatOpt, OutOpt

RoundArg = Annotated[int, typer.Argument(help="Số đợt đề nghị.", metavar="ĐỢT")]

# `rounds` lists when called alone, like `awards`.
app = make_app(
    "Các đợt đề nghị khen thưởng: liệt kê, xem một đợt, huỷ một đợt chưa có quyết định.",
    no_args_is_help=False,
    invoke_without_command=True,
)


@app.callback(invoke_without_command=True)
def rounds(ctx: typer.Context, campaign: CampaignOpt = None, fmt: FormatOpt = None, out: OutOpt = None) -> None:
    """Liệt kê các đợt đề nghị: kỳ, trạng thái (đề nghị, đã biểu quyết, đã quyết định theo từng cấp, đã huỷ), số lượng, tiền thưởng."""
    if ctx.invoked_subcommand is not None:
        return
    from thidua_cli.render.output import choose_format, info, write_listing
    from thidua_cli.render.rounds import rounds_json, rounds_table
    from thidua_cli.services.rounds import list_rounds

    chosen = choose_format(fmt, out, ("table", "json", "csv", "md", "xlsx"))
    found = list_rounds(db_of(ctx), campaign)
    if not found and chosen == "table":
        info("Chưa có đợt đề nghị nào; lập đợt: thidua propose-awards")
        return
    write_listing(chosen, out, lambda: rounds_json(found), lambda: rounds_table(found),
                  lambda: rounds_table(found, machine=True), sheet="Đợt đề nghị")


@app.command("show")
def show(ctx: typer.Context, number: RoundArg, campaign: CampaignOpt = None, fmt: FormatOpt = None) -> None:
    """Xem một đợt: người được đề nghị, phiếu bầu, quyết định của từng cấp, các cấp còn chờ quyết định."""
    from thidua_cli.render.output import choose_format, write_output
    from thidua_cli.render.rounds import show_json, show_screen
    from thidua_cli.render.tabular import to_json
    from thidua_cli.services.rounds import show_round

    chosen = choose_format(fmt, None, ("table", "json"))
    summary, view = show_round(db_of(ctx), number, campaign)
    if chosen == "json":
        write_output(lambda: to_json(show_json(summary, view)), None)
    else:
        write_output(lambda: show_screen(summary, view), None)


@app.command("cancel")
def cancel(
    ctx: typer.Context,
    number: RoundArg,
    reason: Annotated[str, typer.Option("--reason", "-r", help="Lý do huỷ đợt.")],
    campaign: CampaignOpt = None,
    by: Annotated[Optional[str], typer.Option("--by", help="Người huỷ.")] = None,
) -> None:
    """Huỷ một đợt đề nghị chưa có quyết định nào: đợt vẫn giữ trong sổ, đánh dấu đã huỷ, không ghi phiếu hay quyết định được nữa."""
    from thidua_cli.render.output import info
    from thidua_cli.services.rounds import cancel_round

    summary = cancel_round(db_of(ctx), number, reason, campaign, by)
    info(f"Đã huỷ đợt đề nghị số {summary.number} của phong trào {summary.campaign}; lý do: {summary.cancel_reason}. Đợt vẫn giữ trong sổ.")
