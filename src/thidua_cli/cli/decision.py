"""thidua decision correct NUMBER: correct a recorded decision without erasing it."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from thidua_cli.cli.app import make_app
from thidua_cli.cli.common import db_of
from thidua_cli.cli.options import CampaignOpt, FormatOpt

app = make_app("Quyết định khen thưởng đã ghi: sửa số hoặc ngày (không xoá quyết định cũ).")


@app.command("correct")
def correct(
    ctx: typer.Context,
    wrong: Annotated[str, typer.Argument(help="Số quyết định đã ghi sai.", metavar="SỐ")],
    number: Annotated[str, typer.Option("--number", "-n", help='Số quyết định đúng, ví dụ "35/QĐ-STTTT" (có thể giữ số cũ).')],
    day: Annotated[str, typer.Option("--date", "-d", help="Ngày ký đúng (tiền thưởng tính lại theo mức lương cơ sở ngày này).")],
    reason: Annotated[str, typer.Option("--reason", "-r", help="Lý do sửa, ví dụ: ghi nhầm ngày ký.")],
    dated: Annotated[Optional[str], typer.Option("--dated", help="Ngày của quyết định cần sửa, khi có hai quyết định cùng số (hai năm khác nhau).")] = None,
    allow_future: Annotated[bool, typer.Option("--allow-future", help="Cho phép ngày quyết định sau hôm nay.")] = False,
    campaign: CampaignOpt = None,
    fmt: FormatOpt = None,
    templates: Annotated[Optional[str], typer.Option("--templates", help="Thư mục mẫu văn bản riêng để viết lại hồ sơ.")] = None,
) -> None:
    """Sửa số hoặc ngày của một quyết định đã ghi: ghi quyết định đúng, quyết định cũ vẫn giữ trong sổ và đánh dấu đã sửa.

    Khen thưởng của quyết định cũ không còn được tính (điều kiện requires, tiền thưởng, báo cáo); chúng được ghi lại
    theo số, ngày mới, tiền thưởng tính theo mức lương cơ sở ngày mới; hồ sơ của đợt được viết lại."""
    from thidua_cli.render.output import choose_format, warn, write_output
    from thidua_cli.render.rounds import correction_json, correction_screen
    from thidua_cli.render.tabular import to_json
    from thidua_cli.services.decisions import correct_decision

    chosen = choose_format(fmt, None, ("table", "json"))
    correction = correct_decision(db_of(ctx), wrong, number, day, reason, dated, campaign, allow_future, templates)
    for line in correction.view.warnings:
        warn(line)
    if correction.view.dossier_note:
        warn(correction.view.dossier_note)
    if chosen == "json":
        write_output(lambda: to_json(correction_json(correction)), None)
    else:
        write_output(lambda: correction_screen(correction), None)
