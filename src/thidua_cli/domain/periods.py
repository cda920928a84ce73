"""Periods: --month, --quarter, --year, --from/--to, --as-of, or the whole campaign."""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date

from thidua_cli.domain.formats import FormatError, parse_date, format_date
from thidua_cli.domain.models import Period
from thidua_cli.errors import UsageError


@dataclass(frozen=True)
class PeriodRequest:
    month: str | None = None
    quarter: str | None = None
    year: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    as_of: str | None = None

    def given(self) -> list[str]:
        names = []
        if self.month:
            names.append("--month")
        if self.quarter:
            names.append("--quarter")
        if self.year:
            names.append("--year")
        if self.date_from or self.date_to:
            names.append("--from/--to")
        if self.as_of:
            names.append("--as-of")
        return names


def _date_option(option: str, value: str) -> date:
    try:
        return parse_date(value)
    except FormatError as error:
        raise UsageError(f'tuỳ chọn {option}: "{value}" {error}') from None


def month_period(text: str, option: str = "--month") -> Period:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip()) or None
    vn = re.fullmatch(r"(\d{1,2})/(\d{4})", text.strip())
    if match:
        year, month = int(match[1]), int(match[2])
    elif vn:
        year, month = int(vn[2]), int(vn[1])
    else:
        raise UsageError(f'tuỳ chọn {option}: "{text}" không đúng dạng YYYY-MM (ví dụ 2021-11)')
    if not 1 <= month <= 12:
        raise UsageError(f'tuỳ chọn {option}: "{text}" có tháng {month} không hợp lệ')
    _check_year(year, option, text)
    return Period(date(year, month, 1), date(year, month, monthrange(year, month)[1]), f"tháng {month:02d}/{year}")


def resolve_period(request: PeriodRequest, campaign_start: date, campaign_end: date, today: date) -> Period:
    given = request.given()
    if len(given) > 1:
        raise UsageError(f"chỉ chọn một kỳ: {', '.join(given)} không dùng cùng nhau")
    if request.month:
        return month_period(request.month)
    if request.quarter:
        match = re.fullmatch(r"(\d{4})-[Qq]([1-4])", request.quarter.strip())
        if not match:
            raise UsageError(f'tuỳ chọn --quarter: "{request.quarter}" không đúng dạng YYYY-Qn (ví dụ 2021-Q4)')
        year, quarter = int(match[1]), int(match[2])
        _check_year(year, "--quarter", request.quarter)
        first = 3 * quarter - 2
        end_month = first + 2
        return Period(date(year, first, 1), date(year, end_month, monthrange(year, end_month)[1]), f"quý {_roman(quarter)}/{year}")
    if request.year:
        if not re.fullmatch(r"\d{4}", request.year.strip()):
            raise UsageError(f'tuỳ chọn --year: "{request.year}" không đúng dạng YYYY')
        year = int(request.year)
        _check_year(year, "--year", request.year)
        return Period(date(year, 1, 1), date(year, 12, 31), f"năm {year}")
    if request.date_from or request.date_to:
        start = _date_option("--from", request.date_from) if request.date_from else campaign_start
        end = _date_option("--to", request.date_to) if request.date_to else campaign_end
        if end < start:
            raise UsageError(f"--to {format_date(end)} trước --from {format_date(start)}")
        return Period(start, end, f"từ {format_date(start)} đến {format_date(end)}")
    if request.as_of:
        end = _date_option("--as-of", request.as_of)
        return Period(campaign_start, end, f"đến {format_date(end)}")
    end = max(campaign_start, min(campaign_end, today))
    return Period(campaign_start, end, f"từ {format_date(campaign_start)} đến {format_date(end)}")


def previous_period(period: Period) -> Period | None:
    """The period of the same length just before (for month: the previous month)."""
    start = period.start
    if start.day == 1 and period.end.month == start.month:
        year, month = (start.year, start.month - 1) if start.month > 1 else (start.year - 1, 12)
        if year < 1:
            return None
        return Period(date(year, month, 1), date(year, month, monthrange(year, month)[1]))
    return None


def _check_year(year: int, option: str, text: str) -> None:
    if not 1 <= year <= 9999:
        raise UsageError(f'tuỳ chọn {option}: "{text}" có năm {year} không hợp lệ')


def _roman(number: int) -> str:
    return ["I", "II", "III", "IV"][number - 1]


def refuse_outside(period: Period, campaign) -> None:
    """The same refusal for `score`, `report` and `propose-awards`: a period that does not meet the campaign's
    dates has nothing to show (score would print zeros and everyone ranked 1)."""
    from thidua_cli.domain.report import period_phrase
    from thidua_cli.errors import ThiduaError

    if period.end < campaign.start or period.start > campaign.end:
        phrase = f"ngày {format_date(period.end)}" if period.end < period.start else period_phrase(period)  # --as-of before the start
        raise ThiduaError(
            f"{phrase} nằm ngoài thời gian phong trào {campaign.code} "
            f"(từ {format_date(campaign.start)} đến {format_date(campaign.end)})",
            hint=f"chọn một kỳ trong thời gian phong trào, ví dụ --month {campaign.start.year}-{campaign.start.month:02d}",
        )
