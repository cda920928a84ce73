"""thidua db agency add | list | move | rename | merge: the offices sharing one province ledger (a group of `thidua db`, `agency_app`)."""

from __future__ import annotations

from typing import Annotated

import typer

from thidua_cli.cli.app import sub_app
from thidua_cli.cli.common import db_of
from thidua_cli.cli.options import FormatOpt, OutOpt

agency_app = sub_app("Cơ quan (văn phòng các sở, ngành) dùng chung một sổ cấp tỉnh; mỗi phong trào thuộc một cơ quan.")


@agency_app.command("add")
def add(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar="MÃ", help="Mã cơ quan, ví dụ so-khcn.")],
    name: Annotated[str, typer.Argument(metavar="TÊN", help='Tên cơ quan, ví dụ "Sở Khoa học và Công nghệ" (bỏ trống khi cơ quan đã có).')] = "",
    campaigns: Annotated[list[str], typer.Option("--campaign", "-c", help="Phong trào (mã) giao cho cơ quan này; lặp lại cho nhiều phong trào.")] = [],  # noqa: B006
) -> None:
    """Thêm một cơ quan vào sổ, hoặc giao phong trào đã có cho cơ quan (thidua db grant … --agency MÃ cho vai trò của cơ quan)."""
    from thidua_cli.render.output import info
    from thidua_cli.services.agencies import add_agency

    view = add_agency(db_of(ctx), code, name, campaigns)
    owned = ", ".join(view.campaigns) if view.campaigns else "chưa có phong trào nào"
    taken = (f"; nhận thêm {view.subjects_taken} đối tượng chưa thuộc cơ quan nào (của các phong trào ấy, hoặc chưa có "
             f"mục ghi ở phong trào nào)" if view.subjects_taken else "")
    if view.created:  # said as added, with what comes next: the office's role
        info(f"Đã thêm cơ quan {view.code} — {view.name}: {owned}{taken}. Cấp quyền cho vai trò của cơ quan: "
             f"thidua db grant VAI_TRÒ --agency {view.code}")
    else:
        info(f"Cơ quan {view.code} — {view.name}: {owned}{taken}.")


@agency_app.command("list")
def list_(ctx: typer.Context, fmt: FormatOpt = None, out: OutOpt = None) -> None:
    """Các cơ quan trên sổ, phong trào của mỗi cơ quan và vai trò PostgreSQL làm việc cho cơ quan."""
    from thidua_cli.render.output import choose_format, info, write_output
    from thidua_cli.render.tabular import Column, Table, to_csv, to_json, to_markdown, to_rich
    from thidua_cli.services.agencies import list_agencies

    chosen = choose_format(fmt, out, ("table", "json", "csv", "md"))
    views = list_agencies(db_of(ctx))
    if chosen == "json":
        data = {"agencies": [{"code": v.code, "name": v.name, "campaigns": list(v.campaigns), "roles": list(v.roles),
                              "subjects": v.subjects} for v in views]}
        write_output(lambda: to_json(data), out)
        return
    if not views and chosen == "table":
        info('Sổ chưa có cơ quan nào; thêm bằng: thidua db agency add MÃ "Tên cơ quan"')
        return
    rows = [{"code": v.code, "name": v.name, "campaigns": ", ".join(v.campaigns), "subjects": v.subjects, "roles": ", ".join(v.roles)}
            for v in views]
    table = Table(
        [Column("code", "Mã"), Column("name", "Tên cơ quan"), Column("campaigns", "Phong trào"),
         Column("subjects", "Số đối tượng", "number"), Column("roles", "Vai trò PostgreSQL")],
        rows, title="Cơ quan trên sổ thi đua",
    )
    write_output(lambda: to_csv(table) if chosen == "csv" else to_markdown(table) if chosen == "md" else to_rich(table), out)


@agency_app.command("move")
def move(
    ctx: typer.Context,
    subject: Annotated[str, typer.Argument(metavar="ĐỐI_TƯỢNG", help="Mã hoặc họ tên người (hoặc đơn vị) chuyển công tác.")],
    to: Annotated[str, typer.Option("--to", help="Mã cơ quan nhận, ví dụ so-yte.", metavar="MÃ")],
    unit: Annotated[str | None, typer.Option("--unit", help="Đơn vị (mã hoặc tên) ở cơ quan nhận.", metavar="ĐƠN_VỊ")] = None,
) -> None:
    """Chuyển một người sang cơ quan khác trên sổ cấp tỉnh: thành tích cũ ở lại phong trào cũ, lịch sử khen thưởng đi theo."""
    from thidua_cli.render.output import info
    from thidua_cli.services.agencies import move_subject

    done = move_subject(db_of(ctx), subject, to, unit)
    if not done.moved:
        info(f"{done.code} — {done.name} đã thuộc cơ quan {done.after}; không thay đổi gì.")
        return
    origin = f"từ cơ quan {done.before} " if done.before else ""
    if done.unit_after and done.unit_after != done.unit_before:
        unit_text = f"; đơn vị: {done.unit_after}"
    elif done.unit_after:
        unit_text = f"; giữ đơn vị {done.unit_after}"
    elif done.unit_before:
        unit_text = (f"; bỏ trống đơn vị (đơn vị cũ {done.unit_before} không thuộc cơ quan {done.after}) — ghi đơn vị mới: "
                     f"thidua subject add --code {done.code} --unit MÃ_ĐƠN_VỊ, hoặc --unit ở lệnh này")
    else:
        unit_text = ""
    info(f"Đã chuyển {done.code} — {done.name} {origin}sang cơ quan {done.after}{unit_text}. Các phong trào cũ vẫn xếp hạng "
         f"thành tích đã ghi; từ nay cơ quan {done.after} ghi và sửa thông tin của đối tượng này.")


@agency_app.command("rename")
def rename(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar="MÃ", help="Mã cơ quan, ví dụ so-khcn.")],
    name: Annotated[str, typer.Argument(metavar="TÊN", help='Tên mới, ví dụ "Sở Khoa học và Công nghệ".')],
) -> None:
    """Đổi tên một cơ quan (quản trị chạy); mã, phong trào, đối tượng và vai trò của cơ quan giữ nguyên."""
    from thidua_cli.render.output import info
    from thidua_cli.services.agencies import rename_agency

    done = rename_agency(db_of(ctx), code, name)
    if done.before == done.after:
        info(f"Cơ quan {done.code} đã có tên {done.after}; không thay đổi gì.")
        return
    info(f"Đã đổi tên cơ quan {done.code}: {done.before} → {done.after}. Văn bản của các phong trào vẫn ghi cơ quan ban "
         f"hành theo tệp phong trào (khoá agency).")


@agency_app.command("merge")
def merge(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar="MÃ", help="Mã cơ quan được sáp nhập, ví dụ so-tttt.")],
    into: Annotated[str, typer.Option("--into", help="Mã cơ quan nhận, ví dụ so-khcn.", metavar="MÃ")],
) -> None:
    """Sáp nhập một cơ quan vào cơ quan khác (quản trị chạy): phong trào, đối tượng, lần nhập của nó từ nay thuộc cơ quan nhận."""
    from thidua_cli.render.output import info
    from thidua_cli.services.agencies import merge_agencies

    done = merge_agencies(db_of(ctx), code, into)
    moved = (f"{done.campaigns} phong trào, {done.subjects} đối tượng, {done.imports} lần nhập"
             if done.campaigns or done.subjects or done.imports else "không có phong trào, đối tượng, lần nhập nào")
    info(f"Đã sáp nhập cơ quan {done.merged} vào {done.into}: {moved} từ nay thuộc cơ quan {done.into}. Thành tích, đợt "
         f"xét, quyết định và số văn bản đã cấp giữ nguyên.")
    for role in done.roles:
        info(f"Vai trò {role} vẫn làm cho cơ quan {done.merged} (nay không còn gì): cho làm tiếp ở cơ quan nhận — "
             f"thidua db grant {role} --agency {done.into}; hoặc thu hồi — thidua db revoke {role}")
