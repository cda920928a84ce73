"""thidua campaign load | list | show."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from thidua_cli.cli.app import sub_app
from thidua_cli.cli.common import db_of
from thidua_cli.cli.options import FormatOpt, OutOpt

app = sub_app("Phong trào thi đua: nạp từ tệp TOML, liệt kê, xem chi tiết.")


@app.command("load")
def load(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="Tệp định nghĩa phong trào (.toml).")],
) -> None:
    """Tạo mới hoặc cập nhật phong trào từ tệp TOML (tiêu chí, xếp loại, hình thức khen thưởng)."""
    from thidua_cli.render.output import info, warn
    from thidua_cli.services.campaigns import load_campaign

    result = load_campaign(db_of(ctx), file)
    for line in result.warnings:
        warn(line)
    campaign = result.campaign
    verb = {"created": "Đã tạo", "updated": "Đã cập nhật", "unchanged": "Không thay đổi"}[result.status]
    info(
        f"{verb} phong trào {campaign.code}: {len(campaign.criteria)} tiêu chí, "
        f"{len(campaign.tiers)} mức xếp loại, {len(campaign.awards)} hình thức khen thưởng."
    )


@app.command("list")
def list_(ctx: typer.Context, fmt: FormatOpt = None, out: OutOpt = None) -> None:
    """Liệt kê các phong trào trong sổ."""
    from thidua_cli.render.campaigns import campaigns_json, campaigns_table
    from thidua_cli.render.output import choose_format, write_listing
    from thidua_cli.services.campaigns import list_campaigns

    chosen = choose_format(fmt, out, ("table", "json", "csv", "md"))
    items = list_campaigns(db_of(ctx))
    write_listing(chosen, out, lambda: campaigns_json(items), lambda: campaigns_table(items), sheet="Phong trào")


@app.command("show")
def show(
    ctx: typer.Context,
    code: Annotated[Optional[str], typer.Argument(help="Mã phong trào (bỏ qua được khi sổ chỉ có một).")] = None,
    fmt: FormatOpt = None,
    out: OutOpt = None,
) -> None:
    """Xem một phong trào: thông tin chung, tiêu chí, xếp loại, hình thức khen thưởng."""
    from thidua_cli.render.campaigns import campaign_json, campaign_text
    from thidua_cli.render.output import choose_format, write_output
    from thidua_cli.render.tabular import to_json
    from thidua_cli.services.campaigns import show_campaign

    chosen = choose_format(fmt, out, ("table", "json", "md"))
    campaign = show_campaign(db_of(ctx), code)
    if chosen == "json":
        write_output(lambda: to_json(campaign_json(campaign)), out)
    else:
        write_output(lambda: campaign_text(campaign, markdown=chosen == "md"), out)


InitText = Annotated[Optional[str], typer.Option(show_default=False)]


@app.command("init")
def init(
    kind: Annotated[Optional[str], typer.Option("--kind", help="thuong-xuyen (thường xuyên, xét cuối năm) hoặc chuyen-de (theo chuyên đề).")] = None,
    year: Annotated[Optional[int], typer.Option("--year", help="Năm thi đua (phong trào thường xuyên: từ 01/01 đến 31/12).", min=2000, max=2100)] = None,
    name: Annotated[Optional[str], typer.Option("--name", help="Tên phong trào.")] = None,
    code: Annotated[Optional[str], typer.Option("--code", help="Mã phong trào (chữ thường không dấu, số, dấu gạch ngang).")] = None,
    agency: Annotated[Optional[str], typer.Option("--agency", help="Cơ quan phát động, ví dụ Sở Nội vụ.")] = None,
    agency_short: Annotated[Optional[str], typer.Option("--agency-short", help="Tên viết tắt trong số văn bản, ví dụ SNV.")] = None,
    parent_agency: Annotated[Optional[str], typer.Option("--parent-agency", help="Cơ quan chủ quản, ví dụ UBND tỉnh Vĩnh Long.")] = None,
    place: Annotated[Optional[str], typer.Option("--place", help="Địa danh ở dòng ngày tháng, ví dụ Vĩnh Long.")] = None,
    plan: Annotated[Optional[str], typer.Option("--plan", help="Số, ký hiệu Kế hoạch, ví dụ 05/KH-SNV.")] = None,
    start: Annotated[Optional[str], typer.Option("--start", help="Ngày bắt đầu (YYYY-MM-DD hoặc DD/MM/YYYY).")] = None,
    end: Annotated[Optional[str], typer.Option("--end", help="Ngày kết thúc.")] = None,
    council_members: Annotated[Optional[int], typer.Option("--council-members", help="Tổng số thành viên Hội đồng Thi đua - Khen thưởng.", min=1)] = None,
    out: Annotated[Optional[str], typer.Option("--out", "-o", help="Tệp ghi ra (mặc định <mã phong trào>.toml).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")] = False,
    no_input: Annotated[bool, typer.Option("--no-input", help="Không hỏi: dùng giá trị mặc định, thiếu thông tin bắt buộc thì báo lỗi (cho tập lệnh).")] = False,
) -> None:
    """Tạo tệp phong trào (TOML, có chú thích) từ vài câu hỏi hoặc từ tuỳ chọn, theo Nghị định 152/2025/NĐ-CP.

    Hỏi những gì chưa có trong tuỳ chọn; với --no-input thì không hỏi (dùng trong tập lệnh). Tệp tạo ra nạp được
    ngay bằng `thidua campaign load`; sửa tiêu chí, điểm, tỷ lệ cho đúng Kế hoạch trước khi nạp."""
    from pathlib import Path

    from thidua_cli.cli.campaign_init import ask_answers
    from thidua_cli.domain.campaign_def import parse_campaign
    from thidua_cli.domain.campaign_init import campaign_toml
    from thidua_cli.errors import ThiduaError
    from thidua_cli.render.output import info, write_file

    answers = ask_answers(
        dict(kind=kind, year=year, name=name, code=code, agency=agency, agency_short=agency_short,
             parent_agency=parent_agency, place=place, plan=plan, start=start, end=end, council_members=council_members),
        interactive=not no_input,
    )
    text = campaign_toml(answers)
    target = Path(out or f"{answers.code}.toml")
    parse_campaign(text, target.name)  # what init writes always loads
    if target.exists() and not force:
        raise ThiduaError(f"tệp {target} đã có; không ghi đè", hint="chọn tên khác bằng --out, hoặc thêm --force để ghi đè")
    try:
        write_file(target, text)
    except OSError as error:
        from thidua_cli.errors import system_reason

        raise ThiduaError(f"không ghi được tệp {target}: {system_reason(error)}") from None
    info(f"Đã ghi {target}: phong trào {answers.code} ({'thường xuyên' if answers.kind == 'thuong-xuyen' else 'theo chuyên đề'}, "
         f"theo Nghị định 152/2025/NĐ-CP). Sửa tiêu chí, điểm, tỷ lệ cho đúng Kế hoạch rồi chạy: thidua campaign load {target}")
    if no_input and plan is None:  # a number made up here would be printed on every tờ trình and report
        from thidua_cli.render.output import warn

        warn(f"chưa ghi --plan: tệp ghi tạm Kế hoạch số {answers.plan}; sửa plan (số, ký hiệu) và issued (ngày ban hành) "
             f"trong tệp cho đúng Kế hoạch trước khi nạp — tờ trình, báo cáo in số này")
