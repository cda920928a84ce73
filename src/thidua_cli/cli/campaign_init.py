"""The questions of `thidua campaign init` (Vietnamese prompts on stderr), each answer checked and asked again if wrong."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import typer

from thidua_cli.errors import UsageError

_CODE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class _Asker:
    def __init__(self, given: dict, interactive: bool):
        self.given = given
        self.interactive = interactive

    def __call__(self, key: str, question: str, check: Callable, default=None):
        """The flag's value, else the answer to `question` (default shown), checked by `check(text) -> value`."""
        option = "--" + key.replace("_", "-")
        value = self.given.get(key)
        if value is not None:
            try:
                return check(value)
            except ValueError as error:
                raise UsageError(f"{option}: {error}") from None
        if not self.interactive:
            if default is None:
                # only the first letter: the example keeps its capitals ("ví dụ UBND tỉnh Vĩnh Long", not "ubnd tỉnh vĩnh long")
                raise UsageError(f"thiếu {option} ({question[:1].lower()}{question[1:]})",
                                 hint="bỏ --no-input để trả lời từng câu hỏi")
            return check(default)
        while True:
            try:
                text = typer.prompt(question, default=default, err=True, show_default=default not in (None, ""))
            except typer.Abort:
                typer.echo("", err=True)  # the question stays on its line, the error on its own
                raise UsageError(f"chưa trả lời: {question[:1].lower()}{question[1:]} (tuỳ chọn {option})",
                                 hint="trả lời các câu hỏi, hoặc cho đủ tuỳ chọn kèm --no-input") from None
            try:
                return check(text)
            except ValueError as error:
                typer.echo(f"  {error}; nhập lại.", err=True)


def _required(text) -> str:
    from thidua_cli.domain.vntext import clean

    value = clean(str(text))
    if not value:
        raise ValueError("không được để trống")
    return value


def _kind(text) -> str:
    from thidua_cli.domain.campaign_init import KINDS

    value = str(text).strip().lower()
    aliases = {"tx": "thuong-xuyen", "thuong xuyen": "thuong-xuyen", "thường xuyên": "thuong-xuyen",
               "cd": "chuyen-de", "chuyen de": "chuyen-de", "chuyên đề": "chuyen-de"}
    value = aliases.get(value, value)
    if value not in KINDS:
        raise ValueError(f'"{text}" không hợp lệ; chọn thuong-xuyen hoặc chuyen-de')
    return value


def _code(text) -> str:
    value = str(text).strip()
    if not _CODE.match(value):
        raise ValueError(f'"{value}" chỉ được gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ thi-dua-2026')
    return value


def _day(text) -> date:
    from thidua_cli.domain.formats import FormatError, parse_date

    try:
        return parse_date(str(text).strip())
    except FormatError as error:
        raise ValueError(f'"{text}" {error}') from None


def _members(text) -> int:
    value = str(text).strip()
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f'"{text}" phải là số nguyên dương')
    return int(value)


def ask_answers(given: dict, interactive: bool):
    """An `InitAnswers` from the flags given and the questions asked for the rest."""
    from thidua_cli.domain.campaign_init import InitAnswers, code_from_name, short_name
    from thidua_cli.domain.formats import format_date
    from thidua_cli.services.session import today

    ask = _Asker(given, interactive)
    kind = ask("kind", "Loại phong trào: thuong-xuyen (thường xuyên, xét cuối năm) hoặc chuyen-de (theo chuyên đề)", _kind, "thuong-xuyen")
    this_year = today().year
    if kind == "thuong-xuyen":
        year = ask("year", "Năm thi đua", lambda t: _year(t), str(this_year))
        start, end = date(year, 1, 1), date(year, 12, 31)
        name = ask("name", "Tên phong trào", _required, f"Phong trào thi đua thường xuyên năm {year}")
    else:
        name = ask("name", "Tên phong trào (như trong Kế hoạch)", _required)
        start = ask("start", "Ngày bắt đầu (ví dụ 15/01/2026)", _day, today().strftime("%d/%m/%Y"))  # as the example writes it
        end = ask("end", "Ngày kết thúc (ví dụ 30/11/2026)", _day)
        if end < start:
            raise UsageError(f"ngày kết thúc {format_date(end)} trước ngày bắt đầu {format_date(start)}")
    agency = ask("agency", "Cơ quan phát động (ví dụ Sở Nội vụ)", _required)
    agency_short = ask("agency_short", "Tên viết tắt trong số văn bản", _required, short_name(agency))
    parent_agency = ask("parent_agency", "Cơ quan chủ quản (ví dụ UBND tỉnh Vĩnh Long)", _required)
    place = ask("place", "Địa danh ghi ở dòng ngày tháng (ví dụ Vĩnh Long)", _required)
    plan = ask("plan", "Số, ký hiệu Kế hoạch phát động", _required, f"01/KH-{agency_short}")
    members = ask("council_members", "Số thành viên Hội đồng Thi đua - Khen thưởng", _members, "7")
    code = ask("code", "Mã phong trào", _code, code_from_name(name, start.year))
    return InitAnswers(kind=kind, name=name, code=code, agency=agency, agency_short=agency_short, parent_agency=parent_agency,
                       place=place, plan=plan, start=start, end=end, council_members=members)


def _year(text) -> int:
    value = str(text).strip()
    if not re.fullmatch(r"\d{4}", value) or not 2000 <= int(value) <= 2100:
        raise ValueError(f'"{text}" không phải năm (ví dụ 2026)')
    return int(value)
