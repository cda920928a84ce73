"""thidua add-entry | import-entries | entries | void-entry."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from thidua_cli.cli.common import db_of, progress_bar, told_before_import
from thidua_cli.cli.options import (
    AsOfOpt, CampaignOpt, FormatOpt, FromOpt, MonthOpt, OutOpt, QuarterOpt, ToOpt, YearOpt, period_request, ColumnOpt, DryRunOpt,
    ScreenTopOpt, SheetOpt,
)


def add_entry(
    ctx: typer.Context,
    subject: Annotated[str, typer.Option("--subject", "-s", help="Mã hoặc họ tên đối tượng (không phân biệt hoa thường, dấu).")],
    criterion: Annotated[str, typer.Option("--criterion", "-k", help="Mã tiêu chí, ví dụ TC1.")],
    points: Annotated[str, typer.Option("--points", "-p", help="Số điểm, ví dụ 8.5 hoặc 8,5; âm cho vi phạm.", allow_from_autoenv=False)],
    day: Annotated[Optional[str], typer.Option("--date", "-d", help="Ngày đạt thành tích (YYYY-MM-DD hoặc DD/MM/YYYY); mặc định hôm nay.")] = None,
    note: Annotated[Optional[str], typer.Option("--note", "-n", help="Nội dung thành tích.")] = None,
    evidence: Annotated[Optional[str], typer.Option("--evidence", "-e", help="Minh chứng: số văn bản, quyết định…")] = None,
    campaign: CampaignOpt = None,
    by: Annotated[Optional[str], typer.Option("--by", help="Người ghi (mặc định THIDUA_USER hoặc tài khoản máy).")] = None,
) -> None:
    """Ghi một thành tích (hoặc vi phạm) và in số của mục ghi."""
    from thidua_cli.domain.formats import format_date, format_points
    from thidua_cli.render.output import info, warn
    from thidua_cli.services.entries import add_entry as record

    added = record(db_of(ctx), subject, criterion, points, day, note, evidence, campaign, by)
    for line in added.warnings:
        warn(line)
    typer.echo(str(added.id))
    info(
        f"Đã ghi mục số {added.id}: {added.subject.code} — {added.subject.name}, {added.criterion}, "
        f"{format_points(added.points)} điểm, ngày {format_date(added.day)}"
    )


def import_entries(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="Tệp .csv hoặc .xlsx: ngày, đối tượng, tiêu chí, điểm, thành tích, minh chứng.")],
    dry_run: DryRunOpt = False,
    campaign: CampaignOpt = None,
    sheet: SheetOpt = None,
    by: Annotated[Optional[str], typer.Option("--by", help="Người ghi.")] = None,
    column: ColumnOpt = None,
    allow_near_duplicates: Annotated[bool, typer.Option(
        "--allow-near-duplicates",
        help="Vẫn ghi những dòng chỉ khác mục đã có ở nội dung hoặc minh chứng (cùng ngày, đối tượng, tiêu chí, điểm).",
    )] = False,
    criterion: Annotated[Optional[str], typer.Option(
        "--criterion", help="Tiêu chí của các dòng không ghi tiêu chí (tệp không có cột Tiêu chí, ví dụ danh sách sáng "
        "kiến được công nhận: --criterion SK); dòng có ghi giữ tiêu chí của nó.")] = None,
    points: Annotated[Optional[str], typer.Option(
        "--points", help="Điểm của các dòng không ghi điểm (tệp không có cột Điểm); dòng có ghi giữ điểm của nó.")] = None,
) -> None:
    """Ghi nhiều mục từ tệp: kiểm tra mọi dòng trước, có dòng lỗi thì không ghi gì; dòng đã có thì bỏ qua."""
    from thidua_cli.domain.formats import format_number as count
    from thidua_cli.render.output import info
    from thidua_cli.services.entries import import_entries as run

    with progress_bar() as progress:
        result = run(db_of(ctx), file, campaign, dry_run, by, sheet, progress, tuple(column or ()), allow_near_duplicates,
                     criterion, points)
    if told_before_import(result, file):
        return
    near = f"; {result.near_duplicates} dòng gần trùng mục đã có vẫn được ghi (--allow-near-duplicates)" if result.near_duplicates else ""
    repeated = f" và {len(result.repeated)} dòng lặp lại trong tệp" if result.repeated else ""
    if dry_run:
        info(
            f"Kiểm tra xong {count(result.rows)} {result.counted}, không có lỗi: sẽ ghi {count(result.added)} mục, bỏ qua {count(result.duplicates)} mục đã có"
            f"{repeated}{near}. Chưa ghi gì."
        )
    else:
        info(
            f"Đã ghi {count(result.added)} mục; bỏ qua {count(result.duplicates)} mục đã có trong sổ{repeated} (tổng {count(result.rows)} {result.counted}){near}. "
            f"Lần nhập số {result.batch}; huỷ cả lần nhập này bằng: thidua void-import {result.batch} --reason \"…\""
        )


def entries(
    ctx: typer.Context,
    subject: Annotated[Optional[str], typer.Option("--subject", "-s", help="Chỉ một đối tượng (mã hoặc tên).")] = None,
    criterion: Annotated[Optional[str], typer.Option("--criterion", "-k", help="Chỉ một tiêu chí.")] = None,
    unit: Annotated[Optional[str], typer.Option("--unit", help="Chỉ một đơn vị (mã hoặc tên).")] = None,
    include_void: Annotated[bool, typer.Option("--include-void", help="Hiện cả mục đã huỷ.")] = False,
    campaign: CampaignOpt = None,
    month: MonthOpt = None, quarter: QuarterOpt = None, year: YearOpt = None,
    date_from: FromOpt = None, date_to: ToOpt = None, as_of: AsOfOpt = None,
    fmt: FormatOpt = None,
    out: OutOpt = None,
    top: ScreenTopOpt = None,
) -> None:
    """Liệt kê các mục ghi (lọc theo đối tượng, tiêu chí, đơn vị, kỳ); ghi ra từng dòng khi đọc, sổ lớn mấy cũng vậy."""
    from thidua_cli.render.entries import entries_json_items, entries_table
    from thidua_cli.render.output import Listing, choose_format, write_streamed
    from thidua_cli.services.entries import open_entry_listing

    chosen = choose_format(fmt, out, ("table", "json", "csv", "md", "xlsx"))
    request = period_request(month, quarter, year, date_from, date_to, as_of)
    with open_entry_listing(db_of(ctx), request, campaign, subject, criterion, unit, include_void) as listing:
        write_streamed(chosen, out, Listing(
            listing.count, "mục ghi", "entries", lambda: entries_json_items(listing), lambda: entries_table(listing),
            lambda: entries_table(listing, machine=True),
        ), sheet="Mục ghi", top=top)


def void_entry(
    ctx: typer.Context,
    entry_id: Annotated[int, typer.Argument(help="Số của mục ghi cần huỷ.", metavar="ID")],
    reason: Annotated[str, typer.Option("--reason", "-r", help="Lý do huỷ.")],
    by: Annotated[Optional[str], typer.Option("--by", help="Người huỷ.")] = None,
) -> None:
    """Huỷ một mục ghi (mục ghi không bị xoá; một bản ghi huỷ được thêm vào sổ)."""
    from thidua_cli.render.output import info
    from thidua_cli.services.entries import void_entry as run

    run(db_of(ctx), entry_id, reason, by)
    info(f"Đã huỷ mục ghi số {entry_id}.")


def register(app: typer.Typer) -> None:
    app.command("add-entry")(add_entry)
    app.command("import-entries")(import_entries)
    app.command("entries")(entries)
    app.command("void-entry")(void_entry)
