"""The council's vote sheet (phiếu tổng hợp kết quả bỏ phiếu) of a round, as an .xlsx to fill in.

One row per candidate (and per tied subject, for the places the rules left to
the council), pre-filled with the code, the name and the award; the
"Số phiếu đồng ý" cells are left empty for the secretary, and accept only whole
numbers from 0 to the number of members. `record-votes --file` reads the sheet
back as it is: its headers are the vote file's aliases (services.proposals.VOTE_COLUMNS).
"""

from __future__ import annotations

import io

from thidua_cli.domain.formats import format_date
from thidua_cli.domain.models import COLLECTIVE, INDIVIDUAL
from thidua_cli.render.tabular import neutralise

WIDTHS = (10, 36, 14, 42, 14)
# the award's columns over the rows a sheet lists: "Lao động tiên tiến" is a danh hiệu thi đua, not a hình thức
# (record-votes reads each of these headers, file_kinds.VOTES)
_AWARD_HEADERS = {
    frozenset({False}): ("Mã hình thức", "Tên hình thức"),
    frozenset({True}): ("Mã danh hiệu", "Tên danh hiệu"),
    frozenset({True, False}): ("Mã danh hiệu, hình thức", "Danh hiệu thi đua, hình thức khen thưởng"),
}


def headers(result) -> tuple[str, ...]:
    """The sheet's heading row: the award's columns named after what the sheet lists (danh hiệu, hình thức or both)."""
    from thidua_cli.domain.models import DANH_HIEU

    kinds = frozenset(a.category == DANH_HIEU for a in [p.award for p in result.proposals] + [t.award for t in result.ties])
    code, name = _AWARD_HEADERS.get(kinds, _AWARD_HEADERS[frozenset({False})])
    return ("Mã", "Họ và tên / Tên tập thể", code, name, "Số phiếu đồng ý")


def vote_rows(result) -> list[tuple]:
    """(code, name, award code, award name) per candidate and tied subject: highest award first, tập thể before cá nhân."""
    pairs = [(p.subject, p.award) for p in result.proposals]
    pairs += [(subject, tie.award) for tie in result.ties for subject in tie.subjects]
    order = {COLLECTIVE: 0, INDIVIDUAL: 1}
    pairs.sort(key=lambda pair: (-pair[1].level, pair[1].position, order.get(pair[0].kind, 2)))
    return [(s.code, s.name, a.code, a.name) for s, a in pairs]


def _ties_line(result, places) -> str:
    if not result.ties:
        return ""
    parts = [f"{t.award.code}: {', '.join(s.code for s in t.subjects)} ({n} suất)" for t, n in zip(result.ties, places)]
    return "Đồng hạng ở suất cuối, Hội đồng bỏ phiếu cho các suất còn lại — " + "; ".join(parts)


def _sitting_line(result, sitting: int) -> str:
    """What a later sheet is for and when the council voted before: two sheets of one round must not be taken
    for one another on the secretary's desk (the line goes before the instructions: the heading row stays put)."""
    from thidua_cli.render.dossier_minutes import lower_kinds

    before = [f"lần {s.number} ngày {format_date(s.day)}" for s in result.sittings if s.number < sitting and s.day]
    # a Tập thể lao động xuất sắc voted down goes on to Tập thể lao động tiên tiến: a danh hiệu, not a hình thức
    lower = lower_kinds(p.award for p in result.proposals if p.fallen_from is not None and (p.sitting or sitting) == sitting)
    return (f"Lần {sitting}: xét tiếp {lower} thấp hơn cho các đề nghị không đạt tỷ lệ phiếu đồng ý ở lần "
            f"{sitting - 1}" + (f" (đã bỏ phiếu {', '.join(before)})" if before else "") + ". ")


def vote_sheet_xlsx(result, members: int | None, places: tuple[int, ...] = (), sitting: int = 1) -> bytes:
    """The sheet in openpyxl's write-only mode: rows are written as they are added (a province's round lists
    thousands of candidates; in the normal mode, styling each new row scanned the whole sheet).

    `sitting` > 1: the sheet of a later sitting (the proposals a failed vote fell through to), named as such."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from thidua_cli.render.xlsx import FONT_NAME, FONT_SIZE, cell_style, styled_cell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(f"Phiếu bầu đợt {result.number}" + (f" lần {sitting}" if sitting > 1 else ""))
    bold = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
    plain = Font(name=FONT_NAME, size=FONT_SIZE)
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    campaign = result.campaign
    if members is None:  # no council_members key: the members the campaign lists, as record-votes and the biên bản count
        members = campaign.council_members or len(campaign.council or ()) or None
    titles = [
        f"Tổng hợp kết quả bỏ phiếu{f' (lần {sitting}, ngày ……/……/…………)' if sitting > 1 else ''} của Hội đồng Thi đua - "
        f"Khen thưởng — đợt đề nghị số {result.number}",
        f"{campaign.name}, từ {format_date(result.period.start)} đến {format_date(result.period.end)}",
        (_sitting_line(result, sitting) if sitting > 1 else "")
        + f"Tổng số thành viên Hội đồng: {members if members is not None else '……'}; "
        "ghi số phiếu đồng ý của từng người (tập thể), rồi chạy: "
        f"thidua record-votes {result.number} --file TỆP-NÀY" + (" --date NGÀY-HỌP" if sitting > 1 else ""),
    ]
    ties = _ties_line(result, places)
    if ties:
        titles.append(ties)
    header_row = len(titles) + 1
    rows = vote_rows(result)
    last = header_row + len(rows)
    # what write-only mode writes before the rows is set first: widths, frozen header, page
    for index, width in enumerate(WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9
    # printed for the council: every column on one page's width, the heading row again on every page
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = f"{header_row}:{header_row}"

    title_style = cell_style(sheet, font=Font(name=FONT_NAME, size=FONT_SIZE + 2, bold=True))
    line_style = cell_style(sheet, font=plain)
    for index, text in enumerate(titles):
        sheet.append([styled_cell(sheet, text, title_style if index == 0 else line_style)])
    fill = PatternFill("solid", fgColor="DDEBF7")
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    header_style = cell_style(sheet, font=bold, fill=fill, alignment=centred, border=border)
    heading = headers(result)
    sheet.append([styled_cell(sheet, text, header_style) for text in heading])
    # a long unit's or award's name is wrapped, never cut
    row_style = cell_style(sheet, font=plain, border=border, alignment=Alignment(vertical="top", wrap_text=True))
    for code, name, award, award_name in rows:
        values = (neutralise(code), neutralise(name), award, neutralise(award_name), None)
        sheet.append([styled_cell(sheet, value, row_style) for value in values])
    votes = get_column_letter(heading.index("Số phiếu đồng ý") + 1)
    if last > header_row:
        check = DataValidation(type="whole", operator="between", formula1="0", formula2=str(members or 1000), allow_blank=True,
                               showErrorMessage=True, errorTitle="Số phiếu", error="Số phiếu đồng ý là số nguyên từ 0 đến số thành viên Hội đồng")
        check.add(f"{votes}{header_row + 1}:{votes}{last}")
        sheet.data_validations.append(check)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
