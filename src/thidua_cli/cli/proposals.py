"""thidua propose-awards | record-votes | record-decision."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from thidua_cli.cli.common import db_of
from thidua_cli.cli.options import (
    AsOfOpt, CampaignOpt, FormatOpt, FromOpt, MonthOpt, QuarterOpt, ToOpt, YearOpt, period_request,
)

TemplatesOpt = Annotated[
    Optional[str],
    typer.Option("--templates", help="Thư mục mẫu văn bản riêng (ghi đè mẫu có sẵn; mặc định biến THIDUA_TEMPLATES)."),
]
RoundArg = Annotated[int, typer.Argument(help="Số đợt đề nghị (in ra khi chạy propose-awards).", metavar="ROUND")]


def _report_documents(view) -> None:
    from thidua_cli.render.output import info, warn

    for line in view.warnings:
        warn(line)
    if view.dossier_note:
        warn(view.dossier_note)
    elif view.written:
        info(f"Đã viết {len(view.written)} tệp hồ sơ vào {view.out_dir}")


def propose_awards(
    ctx: typer.Context,
    campaign: CampaignOpt = None,
    month: MonthOpt = None, quarter: QuarterOpt = None, year: YearOpt = None,
    date_from: FromOpt = None, date_to: ToOpt = None, as_of: AsOfOpt = None,
    out: Annotated[Optional[str], typer.Option("--out", "-o", help="Thư mục ghi hồ sơ (mặc định <mã phong trào>-dot-<số đợt> ở thư mục hiện tại); hoặc tệp .xlsx/.csv/.json cho danh sách đề nghị (hồ sơ vào thư mục mặc định).")] = None,
    fmt: FormatOpt = None,
    templates: TemplatesOpt = None,
    by: Annotated[Optional[str], typer.Option("--by", help="Người lập đợt đề nghị.")] = None,
    replace: Annotated[Optional[int], typer.Option("--replace", help="Huỷ đợt đề nghị số này (chưa có quyết định) và lập đợt mới thay nó.", metavar="N")] = None,
    allow_overlap: Annotated[bool, typer.Option("--allow-overlap", help="Vẫn lập đợt mới khi kỳ trùng với một đợt chưa huỷ.")] = False,
    reconsider: Annotated[Optional[list[str]], typer.Option("--reconsider", help="Xét lại người (mã) Hội đồng đã bỏ phiếu không đạt, hoặc cấp trên không khen (record-decision --not-granted), ở đợt trước cùng kỳ; lặp lại cho từng người.", metavar="MÃ")] = None,
    day: Annotated[Optional[str], typer.Option("--date", "-d", help="Ngày ghi trên tờ trình và hồ sơ của đợt (YYYY-MM-DD hoặc DD/MM/YYYY); mặc định hôm nay.")] = None,
) -> None:
    """Chọn người được đề nghị khen thưởng theo quy tắc của phong trào, lưu thành một đợt đề nghị và viết hồ sơ.

    Xét từ hình thức cao nhất xuống; mỗi đối tượng nhiều nhất một hình thức khen thưởng và một danh hiệu thi đua
    trong đợt; giới hạn theo tỷ lệ và số lượng; đồng điểm ở suất cuối thì ưu tiên nữ, còn đồng hạng thì để Hội đồng
    xem xét. Kỳ trùng với một đợt chưa huỷ thì cần --replace N (huỷ đợt N) hoặc --allow-overlap. -O pdf: hồ sơ có thêm bản PDF của từng văn bản (cần
    thidua-cli[pdf]); record-votes và record-decision viết lại cả bản PDF."""
    from pathlib import Path

    from thidua_cli.render import proposals as views
    from thidua_cli.render.output import choose_format, info, write_output
    from thidua_cli.render.tabular import to_csv, to_json, to_xlsx
    from thidua_cli.services.proposals import propose_awards as run

    listing, folder = _listing_file(out)
    if listing:
        chosen = choose_format(fmt, listing, ("json", "csv", "xlsx"))
    else:
        # xlsx goes into the round's folder; pdf is the dossier's documents also as PDF there (the screen shows the table)
        chosen = choose_format(fmt, None, ("table", "json", "csv", "xlsx", "pdf"), own_folder=True)
    view = run(db_of(ctx), period_request(month, quarter, year, date_from, date_to, as_of), campaign, folder, templates, by=by,
               replace_round=replace, allow_overlap=allow_overlap, pdf=chosen == "pdf", reconsider=tuple(reconsider or ()),
               dated=day)
    result = view.result
    if view.replaced is not None:
        info(f"Đã huỷ đợt đề nghị số {view.replaced} (thay bằng đợt {result.number}).")
    info(
        f"Đã lập đợt đề nghị số {result.number} của phong trào {result.campaign.code}: "
        f"{len(result.proposals)} đề nghị, {len(result.ties)} trường hợp đồng hạng để Hội đồng xem xét."
    )
    _report_documents(view)
    sheet = next((path for path in view.written if path.name.startswith("phieu-bau-")), None)
    if sheet is not None:
        info(f"Phiếu bầu để Hội đồng ghi số phiếu: {sheet} (rồi chạy: thidua record-votes {result.number} --file {sheet})")
    if chosen == "json":
        write_output(lambda: to_json(views.round_json(view)), listing)
    elif chosen == "csv":
        write_output(lambda: to_csv(views.round_table(view, machine=True)), listing)
    elif chosen == "xlsx":
        target = listing or Path(view.out_dir) / f"de-nghi-dot-{result.number}.xlsx"
        write_output(lambda: to_xlsx(views.round_table(view, machine=True), f"Đợt {result.number}"), str(target))
    else:
        write_output(lambda: views.round_screen(view), None)


def _listing_file(out: str | None) -> tuple[str | None, str | None]:
    """(file for the proposal list, folder for the dossier): `-o thu.xlsx` names a file, never a folder called thu.xlsx."""
    from pathlib import Path

    from thidua_cli.errors import UsageError
    from thidua_cli.render.output import EXTENSIONS

    if not out or Path(out).suffix.lower() not in EXTENSIONS:
        return None, out
    if Path(out).is_dir():
        raise UsageError(f"--out: {out} là một thư mục có đuôi tệp; đặt tên khác cho tệp danh sách hoặc thư mục hồ sơ")
    return out, None


def record_votes(
    ctx: typer.Context,
    round_number: RoundArg,
    file: Annotated[str, typer.Option("--file", "-f", help="Tệp .csv/.xlsx: đối tượng, hình thức (nếu cần), số phiếu đồng ý.")],
    members: Annotated[Optional[int], typer.Option("--members", "-m", help="Tổng số thành viên Hội đồng (mặc định council_members của phong trào).")] = None,
    day: Annotated[Optional[str], typer.Option("--date", "-d", help="Ngày họp Hội đồng (mặc định hôm nay).")] = None,
    start: Annotated[Optional[str], typer.Option("--start", help='Giờ bắt đầu họp, ví dụ "08:00" hoặc "8h30".')] = None,
    end: Annotated[Optional[str], typer.Option("--end", help='Giờ kết thúc họp, ví dụ "10:30".')] = None,
    place: Annotated[Optional[str], typer.Option("--place", help="Địa điểm họp, ví dụ \"Phòng họp Sở\".")] = None,
    absent: Annotated[Optional[list[str]], typer.Option("--absent", help="Thành viên vắng mặt (lặp lại cho từng người).")] = None,
    written: Annotated[Optional[list[str]], typer.Option("--written", help="Thành viên vắng mặt có ý kiến bằng văn bản (lặp lại).")] = None,
    chair: Annotated[Optional[str], typer.Option("--chair", help="Người chủ tọa khi Chủ tịch Hội đồng vắng (ví dụ Phó Chủ tịch Hội đồng).")] = None,
    secretary: Annotated[Optional[str], typer.Option("--secretary", help="Người ghi biên bản khi Thư ký Hội đồng vắng.")] = None,
    campaign: CampaignOpt = None,
    fmt: FormatOpt = None,
    templates: TemplatesOpt = None,
) -> None:
    """Ghi kết quả bỏ phiếu của Hội đồng cho một đợt đề nghị và viết lại hồ sơ với những người đạt.

    Tỷ lệ = số phiếu đồng ý / tổng số thành viên Hội đồng; đạt khi không thấp hơn vote_threshold của hình thức
    (không khai báo: trên một nửa). Người đồng hạng được Hội đồng bỏ phiếu đạt sẽ nhận các suất còn lại."""
    from thidua_cli.render import proposals as views
    from thidua_cli.render.output import choose_format, info, write_output
    from thidua_cli.render.tabular import to_json
    from thidua_cli.services.proposals import MeetingRequest, record_votes as run

    chosen = choose_format(fmt, None, ("table", "json", "pdf"), own_folder=True)
    meeting = MeetingRequest(start=start, end=end, place=place, absent=tuple(absent or ()), written=tuple(written or ()),
                             chair=chair, secretary=secretary)
    view = run(db_of(ctx), round_number, file, members, campaign, day, templates, meeting, pdf=chosen == "pdf")
    passed = view.result.active_proposals
    voted = [p for p in view.result.proposals if p.passed is not None]
    info(f"Đã ghi kết quả bỏ phiếu đợt {view.result.number} (phiên {view.sitting}): {len(passed)}/{len(voted)} đạt.")
    for p in view.fallen:
        info(f"{p.subject.code} — {p.subject.name} không đạt {p.fallen_from}: xét tiếp {p.award.name} ({p.award.code}).")
    if view.fallen:
        sheet = (view.out_dir / f"phieu-bau-dot-{view.result.number}-phien-{view.sitting + 1}.xlsx") if view.out_dir else "phieu.xlsx"
        info(f"Hội đồng bỏ phiếu tiếp các đề nghị này (phiên {view.sitting + 1}): thidua record-votes {view.result.number} --file {sheet}")
    _report_documents(view)
    if chosen == "json":
        write_output(lambda: to_json(views.round_json(view)), None)
    else:
        write_output(lambda: views.round_screen(view), None)


def record_decision(
    ctx: typer.Context,
    round_number: RoundArg,
    number: Annotated[str, typer.Option("--number", "-n", help='Số quyết định, ví dụ "25/QĐ-STTTT".')],
    day: Annotated[str, typer.Option("--date", "-d", help="Ngày ký quyết định (tiền thưởng tính theo mức lương cơ sở ngày này).")],
    award: Annotated[Optional[list[str]], typer.Option("--award", "-a", help="Chỉ các hình thức này, cùng một cấp quyết định (lặp lại hoặc phân cách bằng dấu phẩy).")] = None,
    authority: Annotated[Optional[str], typer.Option("--authority", help='Cấp quyết định, như tệp phong trào ghi (gõ không dấu, một phần cũng được: "ubnd", "thu tuong").')] = None,
    allow_future: Annotated[bool, typer.Option("--allow-future", help="Cho phép ngày quyết định sau hôm nay.")] = False,
    not_granted: Annotated[Optional[list[str]], typer.Option("--not-granted", help="Người được đề nghị mà quyết định không khen (mã hoặc tên; thêm :MÃ_HÌNH_THỨC khi người ấy được đề nghị nhiều hình thức của cấp này); lặp lại cho từng người.")] = None,
    none_granted: Annotated[bool, typer.Option("--none-granted", help="Cấp trên không khen ai trong các đề nghị còn chờ cấp này (ghi số, ngày của văn bản trả lời).")] = False,
    campaign: CampaignOpt = None,
    fmt: FormatOpt = None,
    templates: TemplatesOpt = None,
) -> None:
    """Ghi quyết định khen thưởng của một cấp quyết định cho một đợt: những người đạt được ghi vào lịch sử khen thưởng.

    Cấp trên khen ít hơn số được đề nghị: nêu từng người không được khen bằng --not-granted; họ không vào lịch sử
    khen thưởng và đợt không còn chờ quyết định cho họ. Cấp trên không khen ai (trả lời bằng văn bản): ghi số, ngày
    của văn bản ấy với --none-granted (hoặc nêu mọi người bằng --not-granted).

    Mỗi quyết định của một cấp (--authority, hoặc suy ra từ --award); đợt có khen thưởng của nhiều cấp thì ghi
    từng quyết định khi quyết định của cấp đó về, với số và ngày riêng. Số quyết định không được trùng số đã ghi
    trong cùng năm; không khen lại thành tích đã được khen (Luật Thi đua, khen thưởng 2022 Điều 5)."""
    from thidua_cli.render import proposals as views
    from thidua_cli.render.output import choose_format, write_output
    from thidua_cli.render.tabular import to_json
    from thidua_cli.services.decisions import record_decision as run

    chosen = choose_format(fmt, None, ("table", "json", "pdf"), own_folder=True)
    view = run(db_of(ctx), round_number, number, day, campaign, award, templates, authority, allow_future, pdf=chosen == "pdf",
               not_granted=tuple(not_granted or ()), none_granted=none_granted)
    _report_documents(view)
    if chosen == "json":
        write_output(lambda: to_json(views.decision_json(view)), None)
    else:
        write_output(lambda: views.decision_screen(view), None)


def register(app: typer.Typer) -> None:
    app.command("propose-awards")(propose_awards)
    app.command("record-votes")(record_votes)
    app.command("record-decision")(record_decision)
