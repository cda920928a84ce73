"""Blank fill-in workbooks (`thidua templates xlsx DIR`): subjects, entries, award history, ratings, council votes.

Each workbook is one sheet to fill, first and active: a title row, a line of
hints, then the header row, in the Vietnamese headers the importers accept, so
a filled workbook imports back as it is. Drop-down lists (data validation) offer
what the ledger knows: the kinds and genders of subjects, and, when a campaign is
in the ledger, its subject and criterion codes (from a second sheet "Danh mục",
visible, so that a person can look a code up).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from thidua_cli.domain.models import SUBJECT_DETAIL_FIELDS

RATINGS = ("Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ")
AWARD_KINDS = ("công trạng", "chuyên đề", "đột xuất", "niên hạn", "quá trình cống hiến", "đối ngoại")
CATEGORIES = ("danh hiệu thi đua", "hình thức khen thưởng")
ROWS = 1000  # rows offered by the drop-down lists and formats


@dataclass(frozen=True)
class FillInColumn:
    header: str
    width: int = 16
    choices: tuple[str, ...] = ()  # an inline drop-down
    catalogue: str | None = None  # a drop-down from the "Danh mục" sheet: "subjects" | "criteria" | "awards"
    kind: str = "text"  # text | date | number | whole


@dataclass(frozen=True)
class FillIn:
    filename: str
    sheet: str
    title: str
    hint: str
    columns: tuple[FillInColumn, ...]


@dataclass
class Catalogue:
    """What the ledger offers to the drop-downs: (code, name) pairs, and the campaign they come from."""

    campaign: str = ""  # the campaign's name; "" when there is no ledger
    subjects: list[tuple[str, str]] = field(default_factory=list)
    criteria: list[tuple[str, str]] = field(default_factory=list)
    awards: list[tuple[str, str]] = field(default_factory=list)


_SUBJECT_CODE = FillInColumn("Mã đối tượng", 14, catalogue="subjects")


def fill_ins() -> tuple[FillIn, ...]:
    """The five workbooks. Headers are the ones SPEC §6 and the importers' aliases use."""
    details = tuple(FillInColumn(label, 24) for label in SUBJECT_DETAIL_FIELDS.values())
    return (
        FillIn("mau-doi-tuong.xlsx", "Đối tượng", "DANH SÁCH ĐỐI TƯỢNG THI ĐUA (tập thể, cá nhân)",
               "Loại: cá nhân hoặc tập thể; cá nhân ghi Đơn vị là mã tập thể của mình; Giới tính: nam hoặc nữ; tập thể ghi Tỷ lệ nữ (%). "
               "Các cột sau dùng cho báo cáo thành tích (có thể để trống). Nhập: thidua subject import TỆP",
               (FillInColumn("Mã", 12), FillInColumn("Họ và tên", 28), FillInColumn("Loại", 12, ("cá nhân", "tập thể")),
                FillInColumn("Đơn vị", 14), FillInColumn("Chức vụ", 20), FillInColumn("Giới tính", 10, ("nam", "nữ")),
                FillInColumn("Tỷ lệ nữ (%)", 12, kind="number")) + details),
        FillIn("mau-muc-ghi.xlsx", "Mục ghi", "MỤC GHI THÀNH TÍCH, VI PHẠM",
               "Ngày dạng DD/MM/YYYY; Mã đối tượng và Tiêu chí chọn trong danh sách (xem trang Danh mục); điểm âm cho vi phạm, "
               "tối đa 2 chữ số thập phân. Nhập: thidua import-entries TỆP",
               (FillInColumn("Ngày", 12, kind="date"), _SUBJECT_CODE, FillInColumn("Tiêu chí", 10, catalogue="criteria"),
                FillInColumn("Điểm", 8, kind="number"), FillInColumn("Thành tích", 50), FillInColumn("Minh chứng", 30))),
        FillIn("mau-khen-thuong.xlsx", "Khen thưởng", "QUÁ TRÌNH KHEN THƯỞNG (khen thưởng đã nhận)",
               "Mã hình thức: mã trong tệp phong trào, hoặc để trống và ghi Tên hình thức; Phân loại: danh hiệu thi đua hoặc "
               "hình thức khen thưởng; Năm: năm được khen (mặc định năm của quyết định). Nhập: thidua awards import TỆP",
               (_SUBJECT_CODE, FillInColumn("Mã hình thức", 14, catalogue="awards"), FillInColumn("Tên hình thức", 40),
                FillInColumn("Số quyết định", 18), FillInColumn("Ngày quyết định", 14, kind="date"),
                FillInColumn("Cấp khen", 30), FillInColumn("Phân loại", 22, CATEGORIES),
                FillInColumn("Loại hình", 18, AWARD_KINDS), FillInColumn("Năm", 8, kind="whole"))),
        FillIn("mau-xep-loai.xlsx", "Xếp loại", "XẾP LOẠI CHẤT LƯỢNG HẰNG NĂM",
               "Mỗi đối tượng mỗi năm một dòng; Xếp loại chọn trong danh sách. Nhập: thidua ratings import TỆP",
               (_SUBJECT_CODE, FillInColumn("Năm", 8, kind="whole"), FillInColumn("Xếp loại", 32, RATINGS))),
        FillIn("mau-phieu-bau.xlsx", "Phiếu bầu", "TỔNG HỢP KẾT QUẢ BỎ PHIẾU CỦA HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
               "Mỗi người (tập thể) được đề nghị một dòng; Số phiếu đồng ý là số nguyên. Đợt đề nghị đã có phiếu điền sẵn "
               "(phieu-bau-dot-N.xlsx). Nhập: thidua record-votes ĐỢT --file TỆP",
               (_SUBJECT_CODE, FillInColumn("Họ và tên / Tên tập thể", 36), FillInColumn("Mã hình thức", 14, catalogue="awards"),
                FillInColumn("Số phiếu đồng ý", 14, kind="whole"))),
    )


def fill_in_xlsx(form: FillIn, catalogue: Catalogue) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from thidua_cli.render.tabular import neutralise
    from thidua_cli.render.xlsx import DATE_FORMAT, FONT_NAME, FONT_SIZE

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = form.sheet
    title = form.title + (f" — {catalogue.campaign}" if catalogue.campaign else "")
    sheet.append([neutralise(title)])
    sheet.append([form.hint])
    sheet.append([c.header for c in form.columns])
    header_row = 3
    sheet["A1"].font = Font(name=FONT_NAME, size=FONT_SIZE + 2, bold=True)
    sheet["A2"].font = Font(name=FONT_NAME, size=FONT_SIZE - 1, italic=True)
    thin = Side(style="thin", color="808080")
    for cell in sheet[header_row]:
        cell.font = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.freeze_panes = f"A{header_row + 1}"
    first, last = header_row + 1, header_row + ROWS
    lists = _catalogue_sheet(workbook, catalogue, neutralise)
    for index, column in enumerate(form.columns, 1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        area = f"{letter}{first}:{letter}{last}"
        check = None
        if column.choices:
            check = DataValidation(type="list", formula1='"' + ",".join(column.choices) + '"', allow_blank=True)
        elif column.catalogue and lists.get(column.catalogue):
            check = DataValidation(type="list", formula1=lists[column.catalogue], allow_blank=True)
        elif column.kind == "date":
            check = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
            sheet.column_dimensions[letter].number_format = DATE_FORMAT
        elif column.kind == "whole":
            check = DataValidation(type="whole", operator="between", formula1="0", formula2="100000", allow_blank=True)
        elif column.kind == "number":
            check = DataValidation(type="decimal", operator="between", formula1="-100000", formula2="100000", allow_blank=True)
        if check is not None:
            check.showErrorMessage = not (column.catalogue and column.catalogue == "awards")  # history may name outside awards
            check.errorTitle = column.header
            check.error = f"Giá trị không hợp lệ cho cột {column.header}"
            check.add(area)
            sheet.add_data_validation(check)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9
    workbook.active = 0
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# the sheet of codes the drop-down lists draw on; an import knows it as the template's and does not name it
CATALOGUE_SHEET = "Danh mục"
CATALOGUE_COLUMNS = (("subjects", "Mã đối tượng", "Họ và tên / Tên tập thể"), ("criteria", "Mã tiêu chí", "Tiêu chí"),
                     ("awards", "Mã hình thức", "Tên hình thức"))


def _catalogue_sheet(workbook, catalogue: Catalogue, neutralise) -> dict[str, str]:
    """The "Danh mục" sheet (codes and names side by side) and the range formula of each list written."""
    from openpyxl.styles import Font

    from thidua_cli.render.xlsx import FONT_NAME, FONT_SIZE

    groups = [(key, code_header, name_header, items) for (key, code_header, name_header), items in
              zip(CATALOGUE_COLUMNS, (catalogue.subjects, catalogue.criteria, catalogue.awards))]
    if not any(items for *_, items in groups):
        return {}
    sheet = workbook.create_sheet(CATALOGUE_SHEET)
    formulas = {}
    for offset, (key, code_header, name_header, items) in enumerate(groups):
        code_column, name_column = 3 * offset + 1, 3 * offset + 2
        for column, header in ((code_column, code_header), (name_column, name_header)):
            cell = sheet.cell(1, column, header)
            cell.font = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
        for row, (code, name) in enumerate(items, 2):
            sheet.cell(row, code_column, neutralise(code))
            sheet.cell(row, name_column, neutralise(name))
        if items:
            from openpyxl.utils import get_column_letter

            letter = get_column_letter(code_column)
            formulas[key] = f"'Danh mục'!${letter}$2:${letter}${len(items) + 1}"
            sheet.column_dimensions[letter].width = 14
            sheet.column_dimensions[get_column_letter(name_column)].width = 40
    return formulas
