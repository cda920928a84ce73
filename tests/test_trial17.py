"""trial17: a department's Office runs its first year-end review (thường xuyên) from its own messy files."""

from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import Workbook

from conftest import assert_refused

SUBJECTS = """\
Mã,Họ và tên,Loại,Đơn vị,Chức vụ,Giới tính
VP,Văn phòng Sở,tập thể,,,
TCBC,"Phòng Tổ chức, biên chế",tập thể,,,
NV01,Nguyễn Văn Hùng,cá nhân,VP,Chánh Văn phòng,nam
NV02,Nguyễn Văn Hùng,cá nhân,TCBC,Chuyên viên,nam
NV03,Trần Thị Hòa,cá nhân,VP,Chuyên viên,nữ
NV04,Trần Thị Hoà,cá nhân,TCBC,Phó Trưởng phòng,nữ
"""


def _office(thidua):
    """A campaign as `campaign init --kind thuong-xuyen` writes it, and subjects with alike names in two units."""
    toml = thidua.folder / "tx2025.toml"
    thidua.ok("campaign", "init", "--kind", "thuong-xuyen", "--year", "2025", "--name", "Thi đua thường xuyên năm 2025",
              "--code", "tx2025", "--agency", "Sở Nội vụ", "--agency-short", "SNV", "--parent-agency",
              "UBND tỉnh Vĩnh Long", "--place", "Vĩnh Long", "--plan", "05/KH-SNV", "--council-members", "7",
              "--no-input", "-o", str(toml))
    thidua.ok("campaign", "load", str(toml))
    thidua.ok("subject", "import", str(thidua.write("doi-tuong.csv", SUBJECTS)))
    return thidua


def _title_rows(ws, title: str) -> None:
    ws["A1"] = "SỞ NỘI VỤ"
    ws["A2"] = title
    ws["A3"] = "(Cập nhật ngày 20/12/2025)"


def test_tick_registrations_tell_alike_names_apart_by_their_unit_column(thidua):
    """A tick table of registrations ("Họ và tên | Đơn vị | LĐTT | CSTĐCS", "Đăng ký danh hiệu" merged above the
    ticks) naming two people of one name in two units was refused "trùng tên … hãy ghi mã (hoặc đơn vị, ở cột Đơn
    vị)" while the file had that very column, listed as not read. The unit column now tells them apart, as it
    does for entries and for a registration table with one award column."""
    _office(thidua)
    wb = Workbook()
    ws = wb.active
    _title_rows(ws, "BẢN ĐĂNG KÝ THI ĐUA NĂM 2025")
    ws.append([])
    ws.append(["STT", "Họ và tên", "Đơn vị", "Đăng ký danh hiệu", None, "Chỉ tiêu", "Ngày đăng ký"])
    ws.merge_cells("D5:E5")
    for column in "ABCFG":
        ws.merge_cells(f"{column}5:{column}6")
    ws.append([None, None, None, "LĐTT", "CSTĐCS", None, None])
    ws.append([1, "Nguyễn Văn Hùng", "Văn phòng Sở", "x", "x", "01 sáng kiến", date(2025, 1, 15)])
    ws.append([2, "Nguyễn Văn Hùng", "Phòng Tổ chức, biên chế", "x", None, "Hoàn thành tốt", "15/01/2025"])
    ws.append([3, "Trần Thị Hoà", "Phòng Tổ chức, biên chế", "✓", None, "Hoàn thành tốt", "15/01/2025"])
    path = thidua.folder / "dang-ky.xlsx"
    wb.save(path)
    result = thidua.ok("register", "import", str(path))
    assert "Đơn vị" not in result.stderr, result.stderr
    listed = list(csv.DictReader(io.StringIO(thidua.ok("register", "list", "-O", "csv").stdout)))
    assert sorted((r["subject"], r["award"]) for r in listed) == [
        ("NV01", "CSTDCS"), ("NV01", "LDTT"), ("NV02", "LDTT"), ("NV04", "LDTT")], listed
