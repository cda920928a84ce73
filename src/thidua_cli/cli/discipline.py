"""thidua discipline [--subject S] [--year Y] | discipline add | discipline cancel: disciplinary measures."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from thidua_cli.cli.app import make_app
from thidua_cli.cli.common import db_of
from thidua_cli.cli.options import ColumnOpt, DryRunOpt, FormatOpt, OneSubjectOpt, OneYearOpt, OutOpt, SheetOpt

# `discipline` lists when called alone, like `ratings`.
app = make_app(
    "Kỷ luật (khiển trách, cảnh cáo …): ghi, huỷ bản ghi nhầm, liệt kê; dùng cho điều kiện no_discipline và "
    "members_no_discipline (tập thể không có cá nhân bị kỷ luật từ cảnh cáo trở lên).",
    no_args_is_help=False,
    invoke_without_command=True,
)


@app.callback(invoke_without_command=True)
def discipline(
    ctx: typer.Context, subject: OneSubjectOpt = None, year: OneYearOpt = None,
    cancelled: Annotated[bool, typer.Option("--cancelled", help="Liệt kê cả bản ghi đã huỷ.")] = False,
    fmt: FormatOpt = None, out: OutOpt = None,
) -> None:
    """Các kỷ luật đang có hiệu lực: tập thể trước, cá nhân theo thứ tự tên; mỗi đối tượng theo năm."""
    if ctx.invoked_subcommand is not None:
        return
    from thidua_cli.cli.common import show_rows
    from thidua_cli.render.discipline import discipline_json, discipline_table
    from thidua_cli.services.discipline import list_disciplines

    show_rows(fmt, out, list_disciplines(db_of(ctx), subject, year, cancelled), discipline_json, discipline_table,
              "Chưa ghi kỷ luật nào" + (" phù hợp." if subject or year else "; ghi bằng: thidua discipline add MÃ --form … --date …"),
              "Kỷ luật")


@app.command("add")
def add(
    ctx: typer.Context,
    subject: Annotated[str, typer.Argument(help="Mã hoặc tên đối tượng.")],
    form: Annotated[str, typer.Option("--form", help="Hình thức kỷ luật: khiển trách, cảnh cáo, hạ bậc lương, giáng chức, "
                                      "cách chức, bãi nhiệm, buộc thôi việc.")],
    day: Annotated[str, typer.Option("--date", help="Ngày quyết định kỷ luật (15/03/2025 hoặc 2025-03-15).")],
    number: Annotated[Optional[str], typer.Option("--number", help="Số quyết định kỷ luật.")] = None,
    year: Annotated[Optional[int], typer.Option("--year", "-y", help="Năm bị tính (mặc định năm của quyết định).")] = None,
    reason: Annotated[Optional[str], typer.Option("--reason", help="Vi phạm, ghi chú.")] = None,
    by: Annotated[Optional[str], typer.Option("--by", help="Người ghi.")] = None,
) -> None:
    """Ghi một kỷ luật của một đối tượng (một lần ghi; ghi trùng thì bị từ chối)."""
    from thidua_cli.render.discipline import discipline_line
    from thidua_cli.render.output import info, warn
    from thidua_cli.services.discipline import add_discipline

    row, touched = add_discipline(db_of(ctx), subject, form, day, number, year, reason, by)
    info("Đã ghi kỷ luật " + discipline_line(row) + ".")
    for text in touched:
        warn(text)


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="Tệp .csv, .xlsx hoặc .xls: mã (hoặc họ và tên, đơn vị), hình thức kỷ luật, "
                                        "số và ngày quyết định, năm bị tính (mặc định năm của quyết định), lý do.")],
    dry_run: DryRunOpt = False,
    sheet: SheetOpt = None,
    column: ColumnOpt = None,
    by: Annotated[Optional[str], typer.Option("--by", help="Người nhập.")] = None,
) -> None:
    """Nhập các quyết định kỷ luật từ tệp của văn phòng: kiểm tra mọi dòng trước, có dòng lỗi thì không ghi gì; kỷ luật
    đã có trong sổ thì bỏ qua."""
    from thidua_cli.cli.common import told_before_import
    from thidua_cli.domain.formats import format_number as count
    from thidua_cli.render.output import info, warn
    from thidua_cli.services.discipline import import_disciplines

    report = import_disciplines(db_of(ctx), file, dry_run, sheet, by, tuple(column or ()))
    if told_before_import(report, file):
        return
    if dry_run:
        info(f"Kiểm tra xong {count(report.rows)} dòng, không có lỗi: sẽ ghi {count(report.added)} kỷ luật, bỏ qua "
             f"{count(report.duplicates)} đã có. Chưa ghi gì.")
    else:
        info(f"Đã ghi {count(report.added)} kỷ luật; bỏ qua {count(report.duplicates)} đã có trong sổ (tổng "
             f"{count(report.rows)} dòng). Lần nhập số {report.batch} (xem: thidua imports).")
    for text in report.touched:
        warn(text)


@app.command("cancel")
def cancel(
    ctx: typer.Context,
    discipline_id: Annotated[int, typer.Argument(help="Số của bản ghi kỷ luật (cột Số của thidua discipline).", metavar="SỐ")],
    reason: Annotated[str, typer.Option("--reason", help="Lý do huỷ (ghi nhầm người, quyết định đã bị huỷ …).")],
    by: Annotated[Optional[str], typer.Option("--by", help="Người huỷ.")] = None,
) -> None:
    """Huỷ một bản ghi kỷ luật ghi nhầm: vẫn giữ trong sổ (ai, khi nào, vì sao), không còn được tính."""
    from thidua_cli.render.discipline import discipline_line
    from thidua_cli.render.output import info
    from thidua_cli.services.discipline import cancel_discipline

    row = cancel_discipline(db_of(ctx), discipline_id, reason, by)
    info("Đã huỷ kỷ luật " + discipline_line(row) + f": {row.cancel_reason}.")
