"""thidua register add | import | list | approve | return: đăng ký thi đua."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from thidua_cli.cli.app import sub_app
from thidua_cli.cli.common import db_of
from thidua_cli.cli.options import CampaignOpt, ColumnOpt, DryRunOpt, FormatOpt, OutOpt, SheetOpt, TemplatesOpt

app = sub_app("Đăng ký thi đua: mỗi tập thể, cá nhân đăng ký danh hiệu, hình thức và chỉ tiêu; Văn phòng duyệt hoặc trả lại.")

ByOpt = Annotated[Optional[str], typer.Option("--by", help="Người ghi (mặc định: biến THIDUA_USER hoặc tên đăng nhập).")]
LIST_FORMATS = ("table", "json", "csv", "xlsx", "md", "html", "docx", "pdf")


@app.command("add")
def add(
    ctx: typer.Context,
    subject: Annotated[str, typer.Option("--subject", "-s", help="Mã hoặc tên đối tượng.")],
    award: Annotated[str, typer.Option("--award", "-a", help="Mã hoặc tên danh hiệu, hình thức đăng ký (của phong trào).")],
    targets: Annotated[Optional[str], typer.Option("--targets", "-t", help="Chỉ tiêu đăng ký, ghi tự do.")] = None,
    day: Annotated[Optional[str], typer.Option("--date", "-d", help="Ngày đăng ký (mặc định hôm nay).")] = None,
    campaign: CampaignOpt = None,
    by: ByOpt = None,
) -> None:
    """Ghi một đăng ký thi đua (trạng thái chờ duyệt) và in số đăng ký."""
    from thidua_cli.render.output import info
    from thidua_cli.services.registrations import add_registration

    registration = add_registration(db_of(ctx), subject, award, targets, day, campaign, by)
    print(registration.id)
    info(f"Đã ghi đăng ký số {registration.id}: {registration.subject.code} — {registration.subject.name} đăng ký "
         f"{registration.award_name} ({registration.award}), chờ duyệt")


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="Tệp .csv hoặc .xlsx: đối tượng, danh hiệu/hình thức đăng ký, chỉ tiêu, ngày đăng ký.")],
    campaign: CampaignOpt = None,
    dry_run: DryRunOpt = False,
    sheet: SheetOpt = None,
    column: ColumnOpt = None,
    by: ByOpt = None,
) -> None:
    """Nhập đăng ký thi đua từ tệp: kiểm tra mọi dòng trước, có dòng lỗi thì không ghi gì; đăng ký đã có thì bỏ qua."""
    from thidua_cli.cli.common import show_long_lists
    from thidua_cli.domain.formats import format_number as count
    from thidua_cli.render.output import info, warn
    from thidua_cli.services.registrations import import_registrations

    report = import_registrations(db_of(ctx), file, campaign, dry_run, sheet, by, tuple(column or ()))
    show_long_lists(report.converted, file)
    for line in report.warnings:
        warn(line)
    if dry_run:
        info(f"Kiểm tra xong {count(report.rows)} dòng, không có lỗi: sẽ ghi {count(report.added)} đăng ký, bỏ qua {count(report.duplicates)} đã có. Chưa ghi gì.")
    else:
        batch = f" Lần nhập số {report.batch} (xem: thidua imports)." if report.batch else ""
        info(f"Đã ghi {count(report.added)} đăng ký (chờ duyệt); bỏ qua {count(report.duplicates)} đã có trong sổ "
             f"(tổng {count(report.rows)} dòng).{batch}")


@app.command("list")
def list_(
    ctx: typer.Context,
    campaign: CampaignOpt = None,
    status: Annotated[Optional[str], typer.Option("--status", help="Chỉ một tình trạng: chờ duyệt, đã duyệt, trả lại.")] = None,
    fmt: FormatOpt = None,
    out: OutOpt = None,
    day: Annotated[Optional[str], typer.Option("--date", help="Ngày ghi trên văn bản (md, html, docx); mặc định hôm nay.")] = None,
    templates: TemplatesOpt = None,
) -> None:
    """Danh sách đăng ký thi đua: bảng, json, csv, xlsx; md, html, docx là văn bản theo NĐ 30/2020 để gửi cấp trên."""
    from thidua_cli.render import registrations as views
    from thidua_cli.render.output import choose_format, info, write_listing, write_output
    from thidua_cli.services.registrations import document_date, list_registrations

    chosen = choose_format(fmt, out, LIST_FORMATS)
    listing = list_registrations(db_of(ctx), campaign, status)
    if chosen in ("md", "html", "docx", "pdf"):
        written_on = document_date(day)
        if chosen == "pdf":  # from the print-ready HTML (WeasyPrint, optional)
            from thidua_cli.render.pdf import html_to_pdf

            write_output(lambda: html_to_pdf(views.registrations_document(listing, "html", written_on, templates)), out)
        else:
            write_output(lambda: views.registrations_document(listing, chosen, written_on, templates), out)
        return
    if not listing.rows and chosen == "table":
        info("Chưa có đăng ký thi đua nào" + (" ở tình trạng này." if status else "; thêm bằng: thidua register add hoặc thidua register import TỆP"))
        return
    write_listing(
        chosen, out, lambda: views.registrations_json(listing), lambda: views.registrations_table(listing),
        lambda: views.registrations_table(listing, machine=True), sheet="Đăng ký thi đua",
    )


@app.command("approve")
def approve(
    ctx: typer.Context,
    numbers: Annotated[Optional[list[int]], typer.Argument(help="Số đăng ký (xem: thidua register list).", show_default=False, metavar="SỐ…")] = None,
    everyone: Annotated[bool, typer.Option("--all", help="Duyệt mọi đăng ký đang chờ duyệt.")] = False,
    campaign: CampaignOpt = None,
    by: ByOpt = None,
) -> None:
    """Duyệt đăng ký thi đua (một hay nhiều số, hoặc --all)."""
    from thidua_cli.domain.registration import APPROVED
    from thidua_cli.render.output import info
    from thidua_cli.services.registrations import review

    done = review(db_of(ctx), list(numbers or []), APPROVED, None, everyone, campaign, by)
    info(f"Đã duyệt {len(done)} đăng ký: " + ", ".join(f"số {r.id} ({r.subject.code}, {r.award})" for r in done))


@app.command("return")
def return_(
    ctx: typer.Context,
    numbers: Annotated[list[int], typer.Argument(help="Số đăng ký cần trả lại.", show_default=False, metavar="SỐ…")],
    reason: Annotated[str, typer.Option("--reason", "-r", help="Lý do trả lại (bắt buộc).")],
    campaign: CampaignOpt = None,
    by: ByOpt = None,
) -> None:
    """Trả lại đăng ký thi đua, ghi lý do; đối tượng đăng ký lại bằng register add."""
    from thidua_cli.domain.registration import RETURNED
    from thidua_cli.render.output import info
    from thidua_cli.services.registrations import review

    done = review(db_of(ctx), list(numbers), RETURNED, reason, False, campaign, by)
    info(f"Đã trả lại {len(done)} đăng ký: " + ", ".join(f"số {r.id} ({r.subject.code}, {r.award})" for r in done))
