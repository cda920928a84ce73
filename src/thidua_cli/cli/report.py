"""thidua report: the monthly (quarterly, yearly …) report on the campaign (SPEC §8)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from thidua_cli.cli.common import db_of
from thidua_cli.cli.options import (
    AsOfOpt, CampaignOpt, FormatOpt, FromOpt, MonthOpt, OutOpt, QuarterOpt, TemplatesOpt, ToOpt, YearOpt, period_request,
)

FORMATS = ("table", "md", "html", "docx", "json", "pdf")


def report(
    ctx: typer.Context,
    month: MonthOpt = None, quarter: QuarterOpt = None, year: YearOpt = None,
    date_from: FromOpt = None, date_to: ToOpt = None,
    campaign: CampaignOpt = None,
    fmt: FormatOpt = None,
    out: OutOpt = None,
    templates: TemplatesOpt = None,
    day: Annotated[
        Optional[str], typer.Option("--date", help="Ngày ghi trên báo cáo (YYYY-MM-DD hoặc DD/MM/YYYY); mặc định hôm nay.")
    ] = None,
    number: Annotated[
        Optional[int], typer.Option("--number", help="Số văn bản (Số: 05/BC-…); mặc định để trống cho văn thư ghi.", min=1)
    ] = None,
    top: Annotated[int, typer.Option("--top", help="Số hạng đầu mỗi loại nêu ở mục tiêu biểu (mặc định 5).", min=1, show_default=False)] = 5,
    next_steps: Annotated[
        Optional[str],
        typer.Option("--next-steps", help="Tệp văn bản cho mục V (phương hướng, nhiệm vụ): mỗi dòng một nhiệm vụ."),
    ] = None,
    final: Annotated[bool, typer.Option("--final", help="Báo cáo tổng kết cả phong trào (từ ngày bắt đầu đến ngày kết thúc).")] = False,
    midterm: Annotated[bool, typer.Option("--midterm", help="Báo cáo sơ kết: từ đầu phong trào đến ngày --as-of.")] = False,
    as_of: AsOfOpt = None,
    lessons: Annotated[
        Optional[str], typer.Option("--lessons", help="Tệp văn bản cho mục bài học kinh nghiệm (tổng kết, sơ kết): mỗi dòng một ý.")
    ] = None,
) -> None:
    """Báo cáo kết quả thực hiện phong trào thi đua theo tháng (hoặc quý, năm, khoảng ngày); báo cáo tổng kết (--final)
    hoặc sơ kết (--midterm --as-of NGÀY) cả phong trào: table, md, html, docx, json."""
    from thidua_cli.errors import UsageError
    from thidua_cli.render.output import choose_format, write_output
    from thidua_cli.services import report as service

    if final or midterm:  # issue 15: the tổng kết / sơ kết of the whole campaign
        from thidua_cli.render.closing_report import write_closing

        if final and midterm or any((month, quarter, year, date_from, date_to)):
            raise UsageError("--final hoặc --midterm --as-of NGÀY tự chọn kỳ báo cáo; bỏ --month, --quarter, --year, --from, --to")
        write_closing(db_of(ctx), "tong-ket" if final else "so-ket", as_of, campaign, top, next_steps, lessons, day, number,
                      choose_format(fmt, out, FORMATS), out, templates)
        return
    request = period_request(month, quarter, year, date_from, date_to, as_of)
    if not request.given():
        raise UsageError("chọn kỳ báo cáo: --month YYYY-MM (hoặc --quarter, --year, --from/--to, --as-of NGÀY); báo cáo "
                         "tổng kết cả phong trào: --final; sơ kết: --midterm --as-of NGÀY")
    chosen = choose_format(fmt, out, FORMATS)
    steps = service.read_next_steps(next_steps) if next_steps else None
    built = service.build(db_of(ctx), request, campaign, top=top, next_steps=steps, day=day, number=number)
    from thidua_cli.render import report as views

    if chosen == "json":
        from thidua_cli.render.tabular import to_json

        write_output(lambda: to_json(views.report_json(built)), out)
    elif chosen in ("md", "html", "docx"):
        write_output(lambda: views.report_document(built, chosen, templates), out)
    elif chosen == "pdf":  # from the print-ready HTML (WeasyPrint, optional)
        from thidua_cli.render.pdf import html_to_pdf

        write_output(lambda: html_to_pdf(views.report_document(built, "html", templates)), out)
    else:
        write_output(lambda: views.report_screen(built), out)


def register(app: typer.Typer) -> None:
    app.command("report")(report)
