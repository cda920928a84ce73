"""thidua campaign load | list | show."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from thidua_cli.cli.app import sub_app
from thidua_cli.cli.common import db_of
from thidua_cli.cli.options import FormatOpt, OutOpt

app = sub_app("Phong trào thi đua: nạp từ tệp TOML, liệt kê, xem chi tiết.")


@app.command("load")
def load(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="Tệp định nghĩa phong trào (.toml).")],
) -> None:
    """Tạo mới hoặc cập nhật phong trào từ tệp TOML (tiêu chí, xếp loại, hình thức khen thưởng)."""
    from thidua_cli.render.output import info, warn
    from thidua_cli.services.campaigns import load_campaign

    result = load_campaign(db_of(ctx), file)
    for line in result.warnings:
        warn(line)
    campaign = result.campaign
    verb = {"created": "Đã tạo", "updated": "Đã cập nhật", "unchanged": "Không thay đổi"}[result.status]
    info(
        f"{verb} phong trào {campaign.code}: {len(campaign.criteria)} tiêu chí, "
        f"{len(campaign.tiers)} mức xếp loại, {len(campaign.awards)} hình thức khen thưởng."
    )


@app.command("list")
def list_(ctx: typer.Context, fmt: FormatOpt = None, out: OutOpt = None) -> None:
    """Liệt kê các phong trào trong sổ."""
    from thidua_cli.render.campaigns import campaigns_json, campaigns_table
    from thidua_cli.render.output import choose_format, write_listing
    from thidua_cli.services.campaigns import list_campaigns

    chosen = choose_format(fmt, out, ("table", "json", "csv", "md"))
    items = list_campaigns(db_of(ctx))
    write_listing(chosen, out, lambda: campaigns_json(items), lambda: campaigns_table(items), sheet="Phong trào")


@app.command("show")
def show(
    ctx: typer.Context,
    code: Annotated[Optional[str], typer.Argument(help="Mã phong trào (bỏ qua được khi sổ chỉ có một).")] = None,
    fmt: FormatOpt = None,
    out: OutOpt = None,
) -> None:
    """Xem một phong trào: thông tin chung, tiêu chí, xếp loại, hình thức khen thưởng."""
    from thidua_cli.render.campaigns import campaign_json, campaign_text
    from thidua_cli.render.output import choose_format, write_output
    from thidua_cli.render.tabular import to_json
    from thidua_cli.services.campaigns import show_campaign

    chosen = choose_format(fmt, out, ("table", "json", "md"))
    campaign = show_campaign(db_of(ctx), code)
    if chosen == "json":
        write_output(lambda: to_json(campaign_json(campaign)), out)
    else:
        write_output(lambda: campaign_text(campaign, markdown=chosen == "md"), out)
