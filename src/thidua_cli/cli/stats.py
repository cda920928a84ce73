"""thidua stats --year YYYY: the year's TĐKT statistics forms (TT 02/2023/TT-BNV: 0601.N, 0602.N, 0603.N)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from thidua_cli.cli.common import db_of
from thidua_cli.cli.options import FormatOpt, OutOpt

FORMATS = ("table", "md", "json", "xlsx")


def stats(
    ctx: typer.Context,
    year: Annotated[str, typer.Option("--year", help="Năm báo cáo YYYY.")],
    fmt: FormatOpt = None,
    out: OutOpt = None,
    explain: Annotated[
        Optional[str],
        typer.Option("--explain", help="Liệt kê các bản ghi trong sổ tạo nên một ô: BIỂU:MÃ_SỐ:CỘT, ví dụ 0603:05:2."),
    ] = None,
) -> None:
    """Thống kê thi đua, khen thưởng năm theo biểu 0601.N, 0602.N, 0603.N (Thông tư 02/2023/TT-BNV): xlsx như biểu mẫu, md, json."""
    from thidua_cli.render import statistics as views
    from thidua_cli.render.output import choose_format, write_output
    from thidua_cli.services.statistics import explain as explain_cell
    from thidua_cli.services.statistics import statistics

    chosen = choose_format(fmt, out, FORMATS)
    result = statistics(db_of(ctx), year)
    if explain:
        form, row, column, sources = explain_cell(result, explain)
        write_output(lambda: views.explain_text(form, row, column, sources), out)
    elif chosen == "json":
        from thidua_cli.render.tabular import to_json

        write_output(lambda: to_json(views.stats_json(result)), out)
    elif chosen == "xlsx":
        write_output(lambda: views.stats_xlsx(result), out)
        if result.outside:  # the workbook holds the forms only: the awards in none of them are told, not dropped
            from thidua_cli.render.output import info

            info(f"Lưu ý: {len(result.outside)} khen thưởng trong năm {result.year} không thuộc biểu 0602.N, 0603.N "
                 f"(Giấy khen, danh hiệu cấp cơ sở …) không có trong tệp này; xem danh sách: thidua stats --year {result.year}")
    else:
        write_output(lambda: views.stats_markdown(result), out)


def register(app: typer.Typer) -> None:
    app.command("stats")(stats)
