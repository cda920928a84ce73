"""thidua ratings [--subject S] [--year Y] | ratings import FILE: yearly ratings (xếp loại chất lượng)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from thidua_cli.cli.app import make_app
from thidua_cli.cli.common import db_of
from thidua_cli.cli.options import ColumnOpt, DryRunOpt, FormatOpt, OneSubjectOpt, OneYearOpt, OutOpt, SheetOpt

# `ratings` lists when called alone, like `awards`.
app = make_app(
    "Xếp loại chất lượng hằng năm (Hoàn thành xuất sắc nhiệm vụ …): liệt kê, nhập từ tệp; dùng để xét điều kiện nhiều năm.",
    no_args_is_help=False,
    invoke_without_command=True,
)


@app.callback(invoke_without_command=True)
def ratings(ctx: typer.Context, subject: OneSubjectOpt = None, year: OneYearOpt = None, fmt: FormatOpt = None,
            out: OutOpt = None) -> None:
    """Xếp loại hằng năm đang có hiệu lực: tập thể trước, cá nhân theo thứ tự tên; mỗi đối tượng theo năm."""
    if ctx.invoked_subcommand is not None:
        return
    from thidua_cli.cli.common import show_rows
    from thidua_cli.render.ratings import ratings_json, ratings_table
    from thidua_cli.services.ratings import list_ratings

    show_rows(fmt, out, list_ratings(db_of(ctx), subject, year), ratings_json, ratings_table,
              "Chưa có xếp loại nào" + (" phù hợp." if subject or year else "; nhập bằng: thidua ratings import TỆP"), "Xếp loại")


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="Tệp .csv hoặc .xlsx: mã (hoặc họ và tên), năm, xếp loại.")],
    dry_run: DryRunOpt = False,
    replace: Annotated[bool, typer.Option("--replace", help="Thay xếp loại đã có của cùng đối tượng, cùng năm (bản cũ vẫn lưu trong sổ).")] = False,
    sheet: SheetOpt = None,
    column: ColumnOpt = None,
    by: Annotated[Optional[str], typer.Option("--by", help="Người nhập.")] = None,
    year: Annotated[Optional[int], typer.Option(
        "--year", "-y", help="Năm của các dòng không ghi năm (tệp không có cột Năm — năm ghi ở tên bảng —, hoặc ô Năm "
        "để trống); dòng có ghi năm giữ năm của nó.")] = None,
) -> None:
    """Nhập xếp loại hằng năm từ tệp: kiểm tra mọi dòng trước, có dòng lỗi thì không ghi gì; dòng đã có thì bỏ qua.

    Xếp loại gõ đầy đủ hoặc viết tắt (HTXSNV, HTTNV, HTNV, KHTNV) đều được nhận."""
    from thidua_cli.cli.common import told_before_import
    from thidua_cli.domain.formats import format_number as count
    from thidua_cli.render.output import info
    from thidua_cli.services.ratings import import_ratings

    report = import_ratings(db_of(ctx), file, dry_run, replace, sheet, by, tuple(column or ()), year)
    if told_before_import(report, file):
        return
    replaced = f", thay {report.replaced}" if report.replaced else ""
    if dry_run:
        info(f"Kiểm tra xong {count(report.rows)} dòng, không có lỗi: sẽ ghi {count(report.added)} xếp loại{replaced}, bỏ qua {count(report.duplicates)} đã có. Chưa ghi gì.")
    else:
        info(f"Đã ghi {count(report.added)} xếp loại{replaced}; bỏ qua {count(report.duplicates)} đã có trong sổ (tổng {count(report.rows)} dòng). "
             f"Lần nhập số {report.batch} (xem: thidua imports).")
