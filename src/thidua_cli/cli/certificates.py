"""thidua certificates: in bằng khen, giấy khen on the pre-printed blank (PDF and docx)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from thidua_cli.cli.common import db_of
from thidua_cli.cli.options import CampaignOpt


def certificates(
    ctx: typer.Context,
    round_number: Annotated[Optional[int], typer.Argument(help="Số đợt đề nghị đã có quyết định.", min=1, show_default=False, metavar="ĐỢT")] = None,
    decision: Annotated[Optional[str], typer.Option("--decision", help='Chỉ in theo một số quyết định, ví dụ "35/QĐ-STTTT".')] = None,
    campaign: CampaignOpt = None,
    layout: Annotated[
        Optional[str],
        typer.Option("--layout", help="Tệp TOML toạ độ (mm) các ô trên phôi của đơn vị; mặc định mẫu Giấy khen (A4 ngang), Bằng khen (A3 ngang) hoặc giấy chứng nhận danh hiệu (A4 ngang) kèm theo."),
    ] = None,
    out: Annotated[str, typer.Option("--out", "-o", help="Thư mục ghi tệp PDF và docx.")] = "ban-in-khen-thuong",
    first_number: Annotated[
        Optional[int], typer.Option("--first-number", help="Số vào sổ của bản đầu tiên; các bản sau tăng dần. Mặc định để trống.", min=1)
    ] = None,
    signer_title: Annotated[Optional[str], typer.Option("--signer-title", help="Chức vụ người ký in trên phôi (mặc định theo cấp khen).")] = None,
    signer_name: Annotated[Optional[str], typer.Option("--signer-name", help="Họ tên người ký in trên phôi.")] = None,
    award: Annotated[Optional[list[str]], typer.Option("--award", "-a", help="Chỉ in các khen thưởng này (mã hoặc tên; lặp lại hoặc phân cách bằng dấu phẩy): một loại phôi mỗi lần, ví dụ với --layout.")] = None,
) -> None:
    """In bằng khen, giấy khen lên phôi: mỗi khen thưởng đã quyết định một trang, tệp PDF (phông nhúng sẵn) và docx.

    Ô trên phôi dùng các giá trị {authority} {award_name} {name} {honorific_name} {position} {unit}
    {position_unit} {achievement} {campaign_name} {decision_number} {decision_date} {decision_date_words}
    {place} {place_date} {signer_title} {signer_name} {register_number} {year}.
    """
    from thidua_cli.domain.certificates import flags_left_out
    from thidua_cli.render.output import info, warn
    from thidua_cli.services.certificates import write_certificates

    result = write_certificates(
        db_of(ctx), round_number, decision, campaign, layout, out, first_number, signer_title, signer_name,
        tuple(award or ()),
    )
    if result.flags:
        info(f"Lưu ý: {flags_left_out(result.flags)}.")
    if result.blanks_under_own_layout:
        kinds = ", ".join(f"{count} {name.lower()}" for name, count in result.blanks_under_own_layout.items())
        warn(f"--layout {layout}: mọi bản in theo toạ độ của một phôi, nhưng các khen thưởng này in trên nhiều loại phôi "
             f"({kinds}) — bản không thuộc loại phôi đã đo sẽ in lệch: dùng --layout cho một quyết định (--decision) chỉ có "
             "một loại phôi hoặc chọn khen thưởng in trên phôi ấy (--award), hoặc bỏ --layout để in mỗi loại theo mẫu gốc của nó")
    kinds = ", ".join(f"{count} {name.lower()}" for name, count in result.by_layout.items())
    info(f"Đã in {result.count} bản ({kinds}): {', '.join(str(p) for p in result.written)}")


def register(app: typer.Typer) -> None:
    app.command("certificates")(certificates)
