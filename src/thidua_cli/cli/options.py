"""Options shared by several commands, defined once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:  # imported when a period is asked for: `--help` and period-less commands skip domain/
    from thidua_cli.domain.periods import PeriodRequest

CampaignOpt = Annotated[
    Optional[str], typer.Option("--campaign", "-c", help="Mã phong trào (bỏ qua được khi sổ chỉ có một phong trào).")
]
FormatOpt = Annotated[
    Optional[str], typer.Option("--format", "-O", help="Định dạng: table, json, csv, md, html, docx, xlsx, pdf (tuỳ lệnh).")
]
OutOpt = Annotated[
    Optional[str], typer.Option("--out", "-o", help="Ghi ra tệp; định dạng suy ra từ đuôi tệp.")
]
MonthOpt = Annotated[Optional[str], typer.Option("--month", help="Tháng YYYY-MM.")]
QuarterOpt = Annotated[Optional[str], typer.Option("--quarter", help="Quý YYYY-Qn.")]
YearOpt = Annotated[Optional[str], typer.Option("--year", help="Năm YYYY.")]
FromOpt = Annotated[Optional[str], typer.Option("--from", help="Từ ngày (YYYY-MM-DD hoặc DD/MM/YYYY).")]
ToOpt = Annotated[Optional[str], typer.Option("--to", help="Đến ngày, tính cả ngày này.")]
AsOfOpt = Annotated[Optional[str], typer.Option("--as-of", help="Từ đầu phong trào đến ngày này.")]


def period_request(month=None, quarter=None, year=None, date_from=None, date_to=None, as_of=None) -> PeriodRequest:
    from thidua_cli.domain.periods import PeriodRequest

    return PeriodRequest(month=month, quarter=quarter, year=year, date_from=date_from, date_to=date_to, as_of=as_of)
TemplatesOpt = Annotated[
    Optional[str],
    typer.Option(
        "--templates",
        help="Thư mục mẫu văn bản riêng (mặc định: biến THIDUA_TEMPLATES); mẫu nào có ở đây thì thay mẫu gốc.",
    ),
]
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="Chỉ kiểm tra, không ghi vào sổ.")]
# the filters of a listing by subject and year (ratings, discipline)
OneSubjectOpt = Annotated[Optional[str], typer.Option("--subject", "-s", help="Chỉ một đối tượng (mã hoặc tên).")]
OneYearOpt = Annotated[Optional[int], typer.Option("--year", "-y", help="Chỉ một năm.")]
SheetOpt = Annotated[
    Optional[str],
    typer.Option(
        "--sheet",
        help="Trang tính cần đọc trong tệp .xlsx (tên hoặc số thứ tự); mặc định trang đang mở khi mở tệp (không đọc trang ẩn).",
    ),
]
ColumnOpt = Annotated[
    Optional[list[str]],
    typer.Option(
        "--column",
        help='Chỉ rõ một cột: "Tiêu đề cột=trường" (ví dụ "Nội dung chi tiết=note"; "=-" để bỏ cột); dùng nhiều lần được.',
    ),
]

# How many rows a listing shows on the screen (the whole listing goes to a file or a pipe in csv/json/md/xlsx)
ScreenTopOpt = Annotated[
    Optional[int],
    typer.Option("--top", min=1, help="Bảng trên màn hình chỉ hiện N dòng đầu (mặc định 2000); csv, json, md, xlsx luôn đủ mọi dòng."),
]
