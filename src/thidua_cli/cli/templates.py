"""thidua templates list | copy: the document templates and the user's overrides."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from thidua_cli.cli.app import sub_app
from thidua_cli.cli.options import FormatOpt, TemplatesOpt

app = sub_app(
    "Mẫu văn bản (tờ trình, danh sách, biên bản, báo cáo thành tích, quyết định, báo cáo tháng): xem và chép ra để sửa. "
    "Mẫu trong thư mục riêng (--templates hoặc THIDUA_TEMPLATES) được dùng thay mẫu gốc cùng tên."
)

DEFAULT_FOLDER = "thidua-templates"


@app.command("list")
def list_(
    templates: TemplatesOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Liệt kê các mẫu: tên, định dạng có sẵn, định dạng đang được thay bằng mẫu riêng."""
    from thidua_cli.render.documents import list_templates, user_templates_dir
    from thidua_cli.render.output import choose_format, info, write_output
    from thidua_cli.render.tabular import Column, Table, to_json, to_rich
    from thidua_cli.resources import templates_dir

    chosen = choose_format(fmt, None, ("table", "json"))
    user = user_templates_dir(templates)
    items = list_templates(templates)
    if chosen == "json":
        data = {"shipped": str(templates_dir()), "user": str(user) if user else None, "templates": items}
        write_output(lambda: to_json(data), None)
        return
    table = Table(
        columns=[
            Column("name", "Tên mẫu", no_wrap=True),
            Column("formats", "Định dạng"),
            Column("overridden", "Mẫu riêng"),
            Column("description", "Dùng cho"),
        ],
        rows=[
            {
                "name": item["name"],
                "formats": ", ".join(item["formats"]) or "—",
                "overridden": ", ".join(item["overridden"]) or "",
                "description": item["description"],
            }
            for item in items
        ],
    )
    write_output(lambda: to_rich(table), None)
    info(f"Mẫu gốc: {templates_dir()}")
    info(f"Mẫu riêng: {user}" if user else "Chưa dùng thư mục mẫu riêng (--templates THƯ_MỤC hoặc biến THIDUA_TEMPLATES).")


@app.command("copy")
def copy(
    name: Annotated[str, typer.Argument(help="Tên mẫu, ví dụ to-trinh (xem: thidua templates list).")],
    to: Annotated[
        Optional[str],
        typer.Option("--to", help=f"Thư mục mẫu riêng (mặc định: THIDUA_TEMPLATES, hoặc ./{DEFAULT_FOLDER})."),
    ] = None,
    only: Annotated[
        Optional[str], typer.Option("--format", "-O", help="Chỉ chép một định dạng: docx, html hoặc md.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Chép đè tệp đã có.")] = False,
) -> None:
    """Chép mẫu gốc NAME (mọi định dạng) vào thư mục mẫu riêng để sửa; lần sau mẫu riêng được dùng."""
    import os

    from thidua_cli.errors import UsageError
    from thidua_cli.render.documents import ENV_VAR, FORMATS, copy_template
    from thidua_cli.render.output import info

    formats = FORMATS
    if only:
        if only.strip().lower() not in FORMATS:
            raise UsageError(f'--format: "{only}" không hợp lệ; chọn: {", ".join(FORMATS)}')
        formats = (only.strip().lower(),)
    destination = to or os.environ.get(ENV_VAR) or DEFAULT_FOLDER
    written = copy_template(name, destination, formats, force)
    for path in written:
        typer.echo(str(path))
    info(f"Đã chép {len(written)} tệp mẫu \"{name}\" vào {destination}.")
    if not (to is None and os.environ.get(ENV_VAR)):
        info(f"Sửa tệp rồi dùng --templates {destination} (hoặc đặt {ENV_VAR}={destination}) khi lập hồ sơ.")
    if "html" in formats or "md" in formats:
        info('Mẫu riêng có thể chỉ thay một khối: {% extends "default:html/' + name + '.html" %} rồi ghi đè {% block … %}.')


@app.command("xlsx")
def xlsx(
    ctx: typer.Context,
    folder: Annotated[str, typer.Argument(help="Thư mục ghi các tệp mẫu (tạo nếu chưa có).", metavar="THƯ_MỤC")],
    campaign: Annotated[Optional[str], typer.Option("--campaign", "-c", help="Phong trào lấy danh sách mã (bỏ qua được khi sổ chỉ có một).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp mẫu đã có.")] = False,
) -> None:
    """Ghi các tệp Excel trống để điền rồi nhập lại: đối tượng, mục ghi, khen thưởng, xếp loại, phiếu bầu.

    Tiêu đề cột tiếng Việt như chương trình đọc được; có danh sách chọn (loại, giới tính, xếp loại…), và khi sổ có
    phong trào thì danh sách mã đối tượng, mã tiêu chí, mã hình thức của phong trào (trang "Danh mục")."""
    from thidua_cli.cli.common import db_of
    from thidua_cli.render.output import info
    from thidua_cli.services.fill_in import write_fill_ins

    written = write_fill_ins(db_of(ctx), folder, campaign, force)
    for path in written:
        typer.echo(str(path))
    info(f"Đã ghi {len(written)} tệp mẫu Excel vào {folder}: điền từ dòng 4 (dưới dòng tiêu đề cột) rồi nhập bằng lệnh ghi ở dòng 2 mỗi tệp.")
