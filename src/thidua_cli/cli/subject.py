"""thidua subject import | add | list | block | unblock."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from thidua_cli.cli.app import sub_app
from thidua_cli.cli.common import db_of, progress_bar, told_before_import
from thidua_cli.cli.options import ColumnOpt, DryRunOpt, FormatOpt, OutOpt, ScreenTopOpt, SheetOpt

app = sub_app("Đối tượng thi đua (tập thể, cá nhân): nhập từ tệp, thêm, liệt kê, tạm dừng xét khen.")


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(
        help="Tệp .csv hoặc .xlsx: mã, họ và tên, loại, đơn vị, chức vụ, giới tính, tỷ lệ nữ; ngày sinh, quê quán, "
        "trình độ chuyên môn, chức vụ Đảng, đoàn thể… (cho báo cáo thành tích).",
    )],
    dry_run: DryRunOpt = False,
    sheet: SheetOpt = None,
    column: ColumnOpt = None,
    kind: Annotated[Optional[str], typer.Option(
        "--kind",
        help="Loại của các dòng không ghi loại (tệp không có cột Loại, hoặc ô Loại để trống): ca-nhan (cá nhân) "
        "hoặc tap-the (tập thể); dòng có ghi loại giữ loại của nó.",
    )] = None,
) -> None:
    """Thêm hoặc cập nhật đối tượng từ tệp .csv/.xlsx (kiểm tra hết, lỗi một dòng thì không ghi gì)."""
    from thidua_cli.render.output import info
    from thidua_cli.services.subjects import import_subjects, kind_option

    given_kind = kind_option(kind)
    with progress_bar() as progress:
        report = import_subjects(db_of(ctx), file, dry_run, sheet, progress, tuple(column or ()), given_kind)
    if told_before_import(report, file):
        return
    prefix = "Kiểm tra xong (chưa ghi): sẽ" if dry_run else "Đã"
    info(f"{prefix} thêm {report.added}, cập nhật {report.updated}, giữ nguyên {report.unchanged} đối tượng.")


@app.command("add")
def add(
    ctx: typer.Context,
    code: Annotated[str, typer.Option("--code", help="Mã đối tượng, ví dụ NV01 hoặc VP.")],
    name: Annotated[Optional[str], typer.Option("--name", help="Họ và tên, hoặc tên tập thể (đối tượng mới: bắt buộc; sửa đối tượng đã có: bỏ trống thì giữ).")] = None,
    kind: Annotated[Optional[str], typer.Option("--kind", help="ca-nhan (cá nhân) hoặc tap-the (tập thể) (đối tượng mới: bắt buộc; sửa đối tượng đã có: bỏ trống thì giữ).")] = None,
    unit: Annotated[Optional[str], typer.Option("--unit", help="Đơn vị (mã hoặc tên tập thể) của cá nhân.")] = None,
    position: Annotated[Optional[str], typer.Option("--position", help="Chức vụ.")] = None,
    gender: Annotated[Optional[str], typer.Option("--gender", help="nam hoặc nữ (cá nhân).")] = None,
    female_percent: Annotated[Optional[str], typer.Option("--female-percent", help="Tỷ lệ nữ, % (tập thể).")] = None,
) -> None:
    """Thêm (hoặc sửa) một đối tượng: tuỳ chọn không ghi thì giữ giá trị đã có; ghi rỗng (--unit "") thì xoá giá trị ấy."""
    from thidua_cli.render.output import info, warn
    from thidua_cli.services.subjects import add_subject

    subject, status, warnings = add_subject(
        db_of(ctx),
        {"code": code, "name": name, "kind": kind, "unit": unit, "position": position, "gender": gender,
         "female_percent": female_percent},
    )
    for line in warnings:
        warn(line)
    verb = {"added": "Đã thêm", "updated": "Đã cập nhật", "unchanged": "Không thay đổi"}[status]
    info(f"{verb} {subject.code} — {subject.name}")


@app.command("list")
def list_(
    ctx: typer.Context,
    kind: Annotated[Optional[str], typer.Option("--kind", help="Chỉ ca-nhan (cá nhân) hoặc tap-the (tập thể).")] = None,
    unit: Annotated[Optional[str], typer.Option("--unit", help="Chỉ một đơn vị (mã hoặc tên).")] = None,
    fmt: FormatOpt = None,
    out: OutOpt = None,
    top: ScreenTopOpt = None,
) -> None:
    """Liệt kê đối tượng: tập thể trước, rồi cá nhân theo thứ tự tên, tên đệm, họ."""
    from thidua_cli.render.output import Listing, choose_format, write_streamed
    from thidua_cli.render.subjects import subjects_json_items, subjects_table
    from thidua_cli.services.subjects import kind_option, open_subject_listing

    kind = kind_option(kind)  # "ca-nhan", "tập thể" as subject import and add take them (and individual, collective)
    chosen = choose_format(fmt, out, ("table", "json", "csv", "md", "xlsx"))
    with open_subject_listing(db_of(ctx), kind, unit) as listing:
        table = lambda: subjects_table(listing)  # noqa: E731 - the same table for people and machines
        write_streamed(chosen, out, Listing(
            listing.count, "đối tượng", "subjects", lambda: subjects_json_items(listing), table, table,
        ), sheet="Đối tượng", top=top)


@app.command("block")
def block(
    ctx: typer.Context,
    subject: Annotated[str, typer.Argument(help="Mã hoặc tên đối tượng.")],
    reason: Annotated[str, typer.Option("--reason", help="Lý do (đang xem xét kỷ luật, điều tra, khiếu nại…).")],
) -> None:
    """Tạm dừng xét khen thưởng một đối tượng (NĐ 152 Điều 4 k4)."""
    from thidua_cli.render.output import info
    from thidua_cli.services.subjects import set_block

    found, _ = set_block(db_of(ctx), subject, True, reason)
    info(f"Đã tạm dừng xét khen thưởng {found.code} — {found.name}: {found.block_reason}")


@app.command("unblock")
def unblock(ctx: typer.Context, subject: Annotated[str, typer.Argument(help="Mã hoặc tên đối tượng.")]) -> None:
    """Bỏ tạm dừng xét khen thưởng."""
    from thidua_cli.render.output import info
    from thidua_cli.services.subjects import set_block

    found, changed = set_block(db_of(ctx), subject, False, None)
    if changed:
        info(f"Đã bỏ tạm dừng xét khen thưởng {found.code} — {found.name}")
    else:
        info(f"{found.code} — {found.name} không bị tạm dừng xét khen thưởng; không thay đổi gì")
