"""thidua log: every change to rules, subjects, awards, rounds and voids — before, after, who, when, which command."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from thidua_cli.cli.common import db_of
from thidua_cli.cli.options import CampaignOpt, FormatOpt, FromOpt, MonthOpt, QuarterOpt, ToOpt, YearOpt, period_request


def log(
    ctx: typer.Context,
    campaign: CampaignOpt = None,
    subject: Annotated[Optional[str], typer.Option("--subject", "-s", help="Mã hoặc tên đối tượng.")] = None,
    month: MonthOpt = None,
    quarter: QuarterOpt = None,
    year: YearOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Nhật ký thay đổi: mọi thay đổi quy định phong trào (tiêu chí, mức xếp loại, hình thức khen thưởng, lương cơ sở),
    đối tượng, khen thưởng đã nhận, đợt xét, quyết định và bản huỷ — trước và sau, ai đổi, khi nào, bằng lệnh nào.

    Lọc theo --campaign, --subject và kỳ (--month, --quarter, --year, --from/--to: ngày thay đổi)."""
    from thidua_cli.render.change_log import log_json, log_text
    from thidua_cli.render.output import choose_format, info, write_output
    from thidua_cli.render.tabular import to_json
    from thidua_cli.services.change_log import list_changes

    chosen = choose_format(fmt, None, ("table", "json"))
    request = period_request(month, quarter, year, date_from, date_to)
    records, label = list_changes(db_of(ctx), campaign, subject, request)
    if chosen == "json":
        write_output(lambda: to_json(log_json(records)), None)
    elif records:
        write_output(lambda: log_text(records), None)
    else:
        info("Không có thay đổi nào" + (f" trong {label}" if label else ""))


def register(app: typer.Typer) -> None:
    app.command("log")(log)
