"""thidua awards [--subject S] | awards add | awards import: award history (khen thưởng đã nhận)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from thidua_cli.cli.app import make_app
from thidua_cli.cli.common import db_of
from thidua_cli.cli.options import ColumnOpt, DryRunOpt, FormatOpt, OutOpt, ScreenTopOpt, SheetOpt

# `awards` lists when called alone, so unlike other groups it does not answer a bare call with its help.
app = make_app(
    "Lịch sử khen thưởng: liệt kê, thêm, nhập từ tệp (dùng để xét điều kiện requires và báo cáo thành tích).",
    no_args_is_help=False,
    invoke_without_command=True,
)


@app.callback(invoke_without_command=True)
def awards(
    ctx: typer.Context,
    subject: Annotated[Optional[str], typer.Option("--subject", "-s", help="Chỉ một đối tượng (mã hoặc tên).")] = None,
    fmt: FormatOpt = None,
    out: OutOpt = None,
    top: ScreenTopOpt = None,
    include_corrected: Annotated[bool, typer.Option("--include-corrected", help="Hiện cả khen thưởng theo quyết định đã được sửa (không còn tính).")] = False,
) -> None:
    """Lịch sử khen thưởng: tập thể trước, cá nhân theo thứ tự tên; mỗi người theo ngày quyết định."""
    if ctx.invoked_subcommand is not None:
        return
    from thidua_cli.render.output import Listing, choose_format, info, write_streamed
    from thidua_cli.render.proposals import history_item, history_table
    from thidua_cli.services.awards import history_heading, open_award_listing

    chosen = choose_format(fmt, out, ("table", "json", "csv", "md", "xlsx"))
    heading = history_heading(db_of(ctx)) if chosen == "xlsx" else ""
    with open_award_listing(db_of(ctx), subject, include_corrected) as listing:
        if not listing.count and chosen == "table":
            info("Chưa có khen thưởng nào trong sổ" + (" cho đối tượng này." if subject else "; thêm bằng: thidua awards add hoặc thidua awards import TỆP"))
            return
        write_streamed(chosen, out, Listing(
            listing.count, "khen thưởng", "awards", lambda: (history_item(r, include_corrected) for r in listing.rows()),
            lambda: history_table(listing.rows(), corrected=include_corrected, count=listing.count),
            lambda: history_table(listing.rows(), machine=True, heading=heading, corrected=include_corrected, count=listing.count),
            lambda: history_table(listing.rows(), corrected=include_corrected, count=listing.count, screen=True),
        ), sheet="Khen thưởng", top=top)


@app.command("add")
def add(
    ctx: typer.Context,
    subject: Annotated[str, typer.Option("--subject", "-s", help="Mã hoặc tên đối tượng.")],
    award: Annotated[str, typer.Option("--award", "-a", help='Mã hoặc tên khen thưởng, ví dụ GK-GD hoặc "Lao động tiên tiến".')],
    number: Annotated[str, typer.Option("--number", "-n", help='Số quyết định, ví dụ "212/QĐ-STTTT".')],
    day: Annotated[Optional[str], typer.Option("--date", "-d", help="Ngày quyết định (YYYY-MM-DD hoặc DD/MM/YYYY).")] = None,
    name: Annotated[Optional[str], typer.Option("--name", help="Tên khen thưởng (cần khi mã không thuộc phong trào nào trong sổ).")] = None,
    issuer: Annotated[Optional[str], typer.Option("--issuer", help="Cấp quyết định, ví dụ Chủ tịch UBND tỉnh.")] = None,
    kind: Annotated[Optional[str], typer.Option("--kind", help="Loại hình: cong-trang (mặc định), chuyen-de, dot-xuat, nien-han, cong-hien, doi-ngoai.")] = None,
    year: Annotated[Optional[str], typer.Option("--year", help="Năm được khen (mặc định năm của ngày quyết định).")] = None,
    category: Annotated[Optional[str], typer.Option("--category", help="danh-hieu (danh hiệu thi đua) hoặc hinh-thuc (hình thức khen thưởng); mặc định theo phong trào hoặc theo tên.")] = None,
    position: Annotated[Optional[str], typer.Option("--position", help="Chức vụ khi được khen (mặc định chức vụ đang ghi ở đối tượng); thống kê đếm theo nó.")] = None,
) -> None:
    """Ghi một khen thưởng đã nhận trước đây hoặc ngoài sổ."""
    from thidua_cli.domain.formats import format_date
    from thidua_cli.domain.history_terms import CATEGORY_LABELS
    from thidua_cli.render.output import info, warn
    from thidua_cli.services.awards import add_award

    row, warnings = add_award(db_of(ctx), subject, award, number, day, name, issuer, kind, year, category, position)
    for line in warnings:
        warn(line)
    when = f" ngày {format_date(row.award.day)}" if row.award.day else ""
    from thidua_cli.domain.history_terms import AWARD_KIND_LABELS

    info(
        f"Đã ghi {row.subject} — {row.subject_name}: {row.award.name}"
        + (f" ({row.award.award})" if row.award.award != row.award.name else "")  # an award outside the campaigns: its name is its code
        + ", "
        f"quyết định số {row.award.number}{when} — {CATEGORY_LABELS.get(row.award.category, row.award.category)}, "
        f"{AWARD_KIND_LABELS.get(row.award.award_kind, row.award.award_kind)}, năm {row.award.for_year}"
    )


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(
        help="Tệp .csv hoặc .xlsx: mã đối tượng, khen thưởng (mã hoặc tên; hoặc cột Danh hiệu / Hình thức khen thưởng), "
        "số quyết định, ngày quyết định, cơ quan ban hành, loại hình, năm.",
    )],
    dry_run: DryRunOpt = False,
    sheet: SheetOpt = None,
    column: ColumnOpt = None,
) -> None:
    """Nhập lịch sử khen thưởng từ tệp: kiểm tra mọi dòng trước, có dòng lỗi thì không ghi gì; dòng đã có thì bỏ qua."""
    from thidua_cli.cli.common import told_before_import
    from thidua_cli.domain.formats import format_number as count
    from thidua_cli.render.output import info
    from thidua_cli.services.awards import import_awards

    report = import_awards(db_of(ctx), file, dry_run, sheet, tuple(column or ()))
    if told_before_import(report, file):
        return
    if dry_run:
        info(f"Kiểm tra xong {count(report.rows)} dòng, không có lỗi: sẽ ghi {count(report.added)} khen thưởng, bỏ qua {count(report.duplicates)} đã có. Chưa ghi gì.")
    else:
        info(
            f"Đã ghi {count(report.added)} khen thưởng; bỏ qua {count(report.duplicates)} đã có trong sổ (tổng {count(report.rows)} dòng). "
            f"Lần nhập số {report.batch} (xem: thidua imports)."
        )
