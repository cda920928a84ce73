"""A file's "Đơn vị" column: what tells two people of one name apart, and what is checked against the ledger.

Offices name people by name and unit; two "Nguyễn Văn An" in two phòng are common. A file naming them so was
refused ("trùng tên … — hãy ghi mã") and its "Đơn vị" column named unused: the office had to look up and type
every code. The unit now chooses between alike names; a unit that is not the person's in the ledger is named
(the row is kept — a person moved since — or refused when it leaves two alike names undecided)."""

from __future__ import annotations

import json

from openpyxl import Workbook

from conftest import MINI_CAMPAIGN, assert_refused

SUBJECTS = """
code,name,kind,unit,gender
VP,Văn phòng Sở,tập thể,,
KHTC,Phòng Kế hoạch – Tài chính,tập thể,,
CB1,Nguyễn Văn An,cá nhân,VP,nam
CB2,Nguyễn Văn An,cá nhân,KHTC,nam
CB3,Trần Thị Ánh,cá nhân,VP,nữ
"""


def _office(thidua):
    thidua.ok("campaign", "load", str(thidua.write("mini.toml", MINI_CAMPAIGN)))
    imported = thidua.ok("subject", "import", str(thidua.write("units.csv", SUBJECTS)))
    # the register's warning of the two alike names says how files tell them apart (it said "by code" only)
    assert "tệp điểm ghi mã (hoặc tên kèm cột Đơn vị)" in imported.stderr, imported.stderr
    return thidua


def _entries(thidua) -> list[tuple]:
    stored = json.loads(thidua.ok("entries", "--format", "json").stdout)["entries"]
    return sorted((e["subject"], e["date"], e["points"]) for e in stored)


def test_two_people_of_one_name_are_told_apart_by_their_unit(thidua):
    _office(thidua)
    path = thidua.write("thang-10.csv", """
        Ngày,Họ và tên,Đơn vị,Tiêu chí,Điểm,Nội dung thành tích
        05/10/2021,Nguyễn Văn An,Văn phòng,TC1,2,Trực chốt
        06/10/2021,Nguyễn Văn An,Phòng Kế hoạch - Tài chính,TC1,3,Trực chốt
        07/10/2021,Nguyễn Văn An,KHTC,TC1,1,Tuyên truyền
    """)
    result = thidua.ok("import-entries", str(path))
    assert "Cảnh báo" not in result.stderr, result.stderr  # the unit column is read, and agrees with the ledger
    assert _entries(thidua) == [("CB1", "2021-10-05", 2), ("CB2", "2021-10-06", 3), ("CB2", "2021-10-07", 1)]


def test_without_a_unit_column_two_alike_names_are_refused_saying_a_unit_would_tell_them_apart(thidua):
    _office(thidua)
    path = thidua.write("thang-10.csv", """
        Ngày,Họ và tên,Tiêu chí,Điểm
        05/10/2021,Nguyễn Văn An,TC1,2
    """)
    assert_refused(thidua, ["import-entries", str(path)],
                   'dòng 2, cột "Họ và tên": "Nguyễn Văn An" trùng tên với CB1 — Nguyễn Văn An (VP); CB2 — Nguyễn Văn An '
                   "(KHTC) — hãy ghi mã (hoặc đơn vị, ở cột Đơn vị)")


def test_a_unit_neither_of_two_alike_names_is_in_is_refused_naming_it(thidua):
    _office(thidua)
    path = thidua.write("thang-10.csv", """
        Ngày,Họ và tên,Đơn vị,Tiêu chí,Điểm
        05/10/2021,Nguyễn Văn An,Văn phòng,TC1,2
        06/10/2021,Nguyễn Văn An,Thanh tra,TC1,2
    """)
    assert_refused(thidua, ["import-entries", str(path)],
                   'dòng 3, cột "Họ và tên": "Nguyễn Văn An" trùng tên với CB1 — Nguyễn Văn An (VP); CB2 — Nguyễn Văn An '
                   '(KHTC); không ai thuộc đơn vị "Thanh tra" — hãy ghi mã')


def test_a_unit_that_is_not_the_persons_in_the_ledger_is_named_and_the_row_kept(thidua):
    """A code (or a name only one person has) with another unit: a person moved since the month of the file, or a
    code typed for another's — the row is kept for the code, and the office is told which rows to look at."""
    _office(thidua)
    path = thidua.write("thang-11.csv", """
        Ngày,Mã,Họ và tên,Đơn vị,Tiêu chí,Điểm
        05/11/2021,CB3,Trần Thị Ánh,KHTC,TC1,2
        06/11/2021,CB3,Trần Thị Ánh,KHTC,TC1,1
        07/11/2021,CB1,,Văn phòng Sở,TC1,1
    """)
    result = thidua.ok("import-entries", str(path))
    assert ('Cảnh báo: đơn vị ghi trong tệp khác đơn vị trong sổ (vẫn ghi cho đối tượng đã đọc theo mã, tên; nếu nhầm '
            'người: huỷ lần nhập này, sửa tệp rồi nhập lại): dòng 2: CB3 — Trần Thị Ánh thuộc đơn vị VP — Văn phòng Sở '
            'trong sổ, tệp ghi đơn vị "KHTC"\n') in result.stderr, result.stderr  # once for the person and unit
    assert _entries(thidua) == [("CB1", "2021-11-07", 1), ("CB3", "2021-11-05", 2), ("CB3", "2021-11-06", 1)]


def test_a_list_of_units_headed_don_vi_gives_the_units_own_points(thidua):
    """A table of the units' own results ("Đơn vị | Tiêu chí | Điểm", no name column): refused for want of a name
    column before; the unit column names each unit."""
    _office(thidua)
    path = thidua.write("tap-the.csv", """
        Ngày,Đơn vị,Tiêu chí,Điểm
        05/10/2021,Văn phòng Sở,VP,4
        05/10/2021,Phòng Kế hoạch – Tài chính,VP,3
    """)
    thidua.ok("import-entries", str(path))
    assert _entries(thidua) == [("KHTC", "2021-10-05", 3), ("VP", "2021-10-05", 4)]


def test_a_unit_row_with_its_name_under_don_vi_only_is_refused_saying_where_the_name_goes(thidua):
    _office(thidua)
    path = thidua.write("thang-10.csv", """
        Ngày,Họ và tên,Đơn vị,Tiêu chí,Điểm
        05/10/2021,Trần Thị Ánh,Văn phòng Sở,TC1,2
        05/10/2021,,Văn phòng Sở,VP,4
    """)
    assert_refused(thidua, ["import-entries", str(path)],
                   'dòng 3, cột "Họ và tên": "" trống — cần mã hoặc tên đối tượng (điểm của chính đơn vị "Văn phòng Sở" '
                   "thì ghi tên hoặc mã đơn vị vào cột tên)")


def test_award_history_and_ratings_in_a_workbook_tell_alike_names_apart_by_unit(thidua):
    _office(thidua)
    book = Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH KHEN THƯỞNG"])
    sheet.append(["STT", "Họ và tên", "Đơn vị công tác", "Danh hiệu", "Số quyết định", "Ngày ký", "Cơ quan ban hành"])
    sheet.append([1, "Nguyễn Văn An", "Phòng Kế hoạch – Tài chính", "Lao động tiên tiến", "12/QĐ-SYT", "15/12/2020",
                  "Giám đốc Sở"])
    sheet.append([2, "Nguyễn Văn An", "Văn phòng Sở", "Chiến sĩ thi đua cơ sở", "13/QĐ-SYT", "15/12/2020", "Giám đốc Sở"])
    path = thidua.folder / "khen-thuong.xlsx"
    book.save(path)
    thidua.ok("awards", "import", str(path))
    held = json.loads(thidua.ok("awards", "--format", "json").stdout)
    rows = held["awards"] if isinstance(held, dict) else held
    assert sorted((a["subject"], a["number"]) for a in rows) == [("CB1", "13/QĐ-SYT"), ("CB2", "12/QĐ-SYT")]

    ratings = thidua.write("xep-loai.csv", """
        Họ và tên,Đơn vị,Năm,Xếp loại
        Nguyễn Văn An,VP,2020,Hoàn thành xuất sắc nhiệm vụ
        Nguyễn Văn An,KHTC,2020,Hoàn thành nhiệm vụ
    """)
    thidua.ok("ratings", "import", str(ratings))
    listed = thidua.ok("ratings", "--format", "json").stdout
    by_subject = {r["subject"]: r["rating"] for r in json.loads(listed)["ratings"]}
    assert by_subject == {"CB1": "Hoàn thành xuất sắc nhiệm vụ", "CB2": "Hoàn thành nhiệm vụ"}


def test_a_big_file_checked_in_a_second_process_names_a_unit_that_is_not_the_persons(thidua):
    """A big CSV into a file ledger is checked by a second process (`check_apart`): what it finds of units comes
    back with the rest."""
    from thidua_cli.services.check_apart import MIN_BYTES

    _office(thidua)
    rows = ["Ngày,Mã,Họ và tên,Đơn vị,Tiêu chí,Điểm,Nội dung thành tích"]
    line = 0
    while sum(map(len, rows)) < MIN_BYTES + 1000:
        line += 1
        rows.append(f"{5 + line % 20:02d}/10/2021,CB1,Nguyễn Văn An,Văn phòng Sở,TC1,1,Trực chốt lần {line}")
    rows.append("05/11/2021,CB3,Trần Thị Ánh,Phòng Kế hoạch - Tài chính,TC1,2,Tuyên truyền")
    result = thidua.ok("import-entries", str(thidua.write("ca-nam.csv", "\n".join(rows) + "\n")))
    assert (f'dòng {line + 2}: CB3 — Trần Thị Ánh thuộc đơn vị VP — Văn phòng Sở trong sổ, tệp ghi đơn vị '
            '"Phòng Kế hoạch - Tài chính"') in result.stderr, result.stderr
    assert f"Đã ghi {line + 1:,} mục".replace(",", ".") in result.stderr
