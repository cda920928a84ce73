"""The Văn phòng of a Sở Y tế that has never used thidua (trial9): its year-end review and its themed campaign
run from the files the office keeps in Excel — a title row, a two-row merged header, merged unit cells, names
with stray commas and double spaces, the award history kept one column per year, the yearly ratings likewise."""

from __future__ import annotations

import json

from openpyxl import Workbook

from conftest import assert_refused

CAMPAIGN = """
[campaign]
code = "tx-syt-2026"
name = "Phong trào thi đua thường xuyên năm 2026 của Sở Y tế"
kind = "thuong-xuyen"
plan = "05/KH-SYT"
issued = 2026-01-05
start = 2026-01-01
end = 2026-12-31
agency = "Sở Y tế"
agency_short = "SYT"
parent_agency = "UBND tỉnh Quảng Trị"
place = "Quảng Trị"
base_salary = 2340000
rules = "nd152-2025"

[[criteria]]
code = "CM"
name = "Kết quả thực hiện nhiệm vụ chuyên môn"
applies_to = "both"
max_points = 100

[[awards]]
code = "LDTT"
name = "Lao động tiên tiến"
category = "danh-hieu"
level = 1
applies_to = "individual"
min_score = 70
multiplier = 0.3
authority = "Giám đốc Sở Y tế"

[[awards]]
code = "CSTDCS"
name = "Chiến sĩ thi đua cơ sở"
category = "danh-hieu"
level = 2
applies_to = "individual"
min_score = 85
with = ["LDTT"]
multiplier = 1.0
authority = "Giám đốc Sở Y tế"

[[awards]]
code = "GK-GD"
name = "Giấy khen của Giám đốc Sở Y tế"
category = "hinh-thuc"
level = 1
applies_to = "both"
min_score = 80
multiplier = 0.3
authority = "Giám đốc Sở Y tế"
"""

SUBJECTS = """
mã,họ và tên,loại,đơn vị,giới tính
VP,Văn phòng Sở,tập thể,,
YT01,Hồ Văn Tâm,cá nhân,VP,nam
YT02,Nguyễn Thị Lan,cá nhân,VP,nữ
"""


def _office(thidua):
    thidua.ok("campaign", "load", str(thidua.write("tx.toml", CAMPAIGN)))
    thidua.ok("subject", "import", str(thidua.write("can-bo.csv", SUBJECTS)))
    return thidua


def _workbook(thidua, name: str, rows: list[list[object]]):
    book = Workbook()
    sheet = book.active
    sheet.title = "Khen thưởng"
    for row in rows:
        sheet.append(row)
    path = thidua.folder / name
    book.save(path)
    return path


def test_awards_on_two_lines_of_one_year_cell_are_two_awards(thidua):
    """The award history kept one column per year: two awards of a year typed on two lines of one cell (Alt+Enter,
    "LĐTT⏎GK-GD") — the reader had already made the line break a space, and the cell was recorded as ONE award
    named "LĐTT GK-GD", outside every campaign, guessed a danh hiệu: the person's Lao động tiên tiến and Giấy khen
    of that year were not in the history (so no prerequisite over years could see them). So were "LĐTT và GK-GD"
    and "LĐTT - GK-GD". Each is now read as the two awards it names; a name that holds "và" ("Bằng khen của Bộ Thông
    tin và Truyền thông") stays one award."""
    _office(thidua)
    path = _workbook(thidua, "khen-thuong-theo-nam.xlsx", [
        ["STT", "Họ và tên", "Năm 2023", "Năm 2024", "Năm 2025"],
        [1, "Hồ  Văn Tâm", "LĐTT\nGK-GD", "LĐTT và GK-GD", "Bằng khen của Bộ Thông tin và Truyền thông"],
        [2, "Nguyễn Thị Lan,", "LĐTT - GK-GD", "Lao động tiên tiến\nGiấy khen", "CSTĐCS\nHTXSNV"],
    ])
    thidua.ok("awards", "import", str(path))
    history = json.loads(thidua.ok("awards", "-O", "json").stdout)
    rows = history["awards"] if isinstance(history, dict) else history
    got = sorted((a["subject"], a["year"], a["award"]) for a in rows)
    assert got == sorted([
        ("YT01", 2023, "LDTT"), ("YT01", 2023, "GK-GD"), ("YT01", 2024, "LDTT"), ("YT01", 2024, "GK-GD"),
        ("YT01", 2025, "Bằng khen của Bộ Thông tin và Truyền thông"),
        ("YT02", 2023, "LDTT"), ("YT02", 2023, "GK-GD"), ("YT02", 2024, "LDTT"), ("YT02", 2024, "Giấy khen"),
        ("YT02", 2025, "CSTDCS"),
    ]), got


def test_a_rating_and_a_danh_hieu_on_two_lines_of_one_cell_are_read_as_with_a_comma(thidua):
    """The yearly ratings kept one column per year: "HTTNV⏎LĐTT" (rating and danh hiệu on two lines of one cell)
    was refused — '"HTTNV LĐTT" không phải xếp loại' — though "HTTNV, LĐTT" is read (the rating recorded, the
    danh hiệu named as award history). The line break is now a separator like the comma."""
    _office(thidua)
    path = _workbook(thidua, "xep-loai.xlsx", [
        ["STT", "Họ và tên", "Năm 2024", "Năm 2025"],
        [1, "Hồ Văn Tâm", "HTTNV\nLĐTT", "HTXSNV"],
        [2, "Nguyễn Thị Lan", "Hoàn thành tốt nhiệm vụ\nLao động tiên tiến", "HTTNV"],
    ])
    result = thidua.ok("ratings", "import", str(path))
    assert "LĐTT" in result.stderr and "Lao động tiên tiến" in result.stderr, result.stderr
    rows = json.loads(thidua.ok("ratings", "-O", "json").stdout)
    rows = rows["ratings"] if isinstance(rows, dict) else rows
    got = sorted((r["subject"], r["year"], r["rating"]) for r in rows)
    assert got == [("YT01", 2024, "Hoàn thành tốt nhiệm vụ"), ("YT01", 2025, "Hoàn thành xuất sắc nhiệm vụ"),
                   ("YT02", 2024, "Hoàn thành tốt nhiệm vụ"), ("YT02", 2025, "Hoàn thành tốt nhiệm vụ")], got


CDS = """
[campaign]
code = "cds-yte-2026"
name = "Thi đua thực hiện chuyển đổi số y tế năm 2026"
kind = "chuyen-de"
plan = "25/KH-SYT"
issued = 2026-01-15
start = 2026-01-15
end = 2026-12-15
agency = "Sở Y tế"
parent_agency = "UBND tỉnh Quảng Trị"
place = "Quảng Trị"
base_salary = 2340000

[[criteria]]
code = "HSBA"
name = "Triển khai bệnh án điện tử"
applies_to = "both"
max_points = 40

[[criteria]]
code = "DVC"
name = "Dịch vụ công trực tuyến"
applies_to = "individual"
max_points = 20

[[awards]]
code = "GK-CDS"
name = "Giấy khen của Giám đốc Sở Y tế"
level = 1
applies_to = "both"
min_score = 10
multiplier = 0.15
authority = "Giám đốc Sở Y tế"
"""


def test_points_merged_over_several_rows_are_refused_not_counted_once_per_row(thidua):
    """The office merged the "Điểm" cell of one person's three lines of achievement (6 points shown once, centred
    over the three rows): the import gave each row the 6 — 18 points in the ledger where the sheet shows 6 — with
    only the general line "ô gộp F2:F4: giá trị của ô F2 được dùng cho cả 3 dòng". Whether 6 is each row's or the
    three rows' together, the person must say: the file is refused naming the merged cell, nothing is written. A
    name or a unit merged over rows is still read for each row."""
    thidua.ok("campaign", "load", str(thidua.write("cds.toml", CDS)))
    thidua.ok("subject", "import", str(thidua.write("can-bo.csv", SUBJECTS)))
    book = Workbook()
    sheet = book.active
    sheet.title = "Quý I"
    sheet.append(["STT", "Ngày", "Họ và tên", "Tiêu chí", "Nội dung", "Điểm"])
    sheet.append([1, "09/03/2026", "Hồ Văn Tâm", "DVC", "Số hoá hồ sơ đợt 1", 6])
    sheet.append([None, "10/03/2026", None, "DVC", "Số hoá hồ sơ đợt 2", None])
    sheet.append([None, "11/03/2026", None, "DVC", "Số hoá hồ sơ đợt 3", None])
    sheet.append([2, "12/03/2026", "Nguyễn Thị Lan", "DVC", "Hỗ trợ nộp hồ sơ", 4])
    sheet.merge_cells("A2:A4")
    sheet.merge_cells("C2:C4")
    sheet.merge_cells("F2:F4")
    path = thidua.folder / "quy-1.xlsx"
    book.save(path)
    result = assert_refused(thidua, ["import-entries", str(path)], 'trang tính "Quý I", dòng 3, cột F')
    first = result.stderr.splitlines()[0]
    assert 'trang tính "Quý I", dòng 3, cột F' in first and "F2:F4" in first, first
    assert "3 dòng" in first, first
    assert 'trang tính "Quý I", dòng 4, cột F' in result.stderr, result.stderr
    # each row given its own points (the name still merged): read
    sheet.unmerge_cells("F2:F4")
    sheet["F3"], sheet["F4"] = 2, 2
    sheet["F2"] = 2
    book.save(path)
    thidua.ok("import-entries", str(path))
    got = [(e["subject"], e["points"]) for e in json.loads(thidua.ok("entries", "-O", "json").stdout)["entries"]]
    assert sorted(got) == [("YT01", 2), ("YT01", 2), ("YT01", 2), ("YT02", 4)], got


def test_a_name_two_people_share_is_refused_with_the_unit_of_each(thidua):
    """Two "Nguyễn Thị Lan" — one in the Văn phòng, one in the Phòng Nghiệp vụ Y. A file naming her was refused
    '"Nguyễn Thị Lan" trùng tên với YT02 — Nguyễn Thị Lan; YT40 — Nguyễn Thị Lan — hãy ghi mã': two identical
    names, nothing to tell the office which code is whose (`add-entry --subject` lists the unit of each). The
    refusal of a file now lists each one's unit too."""
    thidua.ok("campaign", "load", str(thidua.write("cds.toml", CDS)))
    thidua.ok("subject", "import", str(thidua.write("can-bo.csv", SUBJECTS + "NVY,Phòng Nghiệp vụ Y,tập thể,,\n"
                                                    "YT40,Nguyễn Thị Lan,cá nhân,NVY,nữ\n")))
    path = thidua.write("t3.csv", """
        Ngày,Họ và tên,Tiêu chí,Điểm,Nội dung
        09/03/2026,Nguyễn Thị Lan,DVC,2,Hỗ trợ nộp hồ sơ
    """)
    result = thidua("import-entries", str(path))
    assert result.exit_code == 1
    assert "trùng tên với YT02 — Nguyễn Thị Lan (VP); YT40 — Nguyễn Thị Lan (NVY) — hãy ghi mã" in result.stderr, result.stderr


def test_a_person_with_award_history_is_not_turned_into_a_collective_by_a_list_imported_again(thidua):
    """The staff list imported again with "Tập thể" in the "Loại" cell of Trương Minh Khôi (Excel's fill handle
    dragged the cell above down): the import said "cập nhật 1" and he became a tập thể — listed among the phòng
    in the standings, still "thuộc" NVY, holding his Lao động tiên tiến 2024–2025, a danh hiệu only a person can
    hold. A subject whose award history is of its kind is no longer changed to the other kind: the row is
    refused naming the history, nothing written (his entries alone, on criteria for both kinds, did not stop it)."""
    _office(thidua)
    thidua.ok("subject", "import", str(thidua.write("them.csv", "mã,họ và tên,loại,đơn vị,giới tính\n"
                                                     "YT05,Trương Minh Khôi,cá nhân,VP,nam\n")))
    thidua.ok("awards", "import", str(_workbook(thidua, "kt.xlsx", [
        ["STT", "Họ và tên", "Năm 2024", "Năm 2025"],
        [1, "Trương Minh Khôi", "LĐTT", "LĐTT"],
    ])))
    path = thidua.write("lai.csv", """
        mã,họ và tên,loại
        YT02,Nguyễn Thị Lan,cá nhân
        YT05,Trương Minh Khôi,tập thể
    """)
    first = assert_refused(thidua, ["subject", "import", str(path)], "YT05").stderr.splitlines()[0]
    assert "dòng 3" in first and "YT05" in first and "Lao động tiên tiến" in first and "cá nhân" in first, first
    assert_refused(thidua, ["subject", "add", "--code", "YT05", "--kind", "tap-the"], "Lao động tiên tiến")
    kinds = {s["code"]: s["kind"] for s in json.loads(thidua.ok("subject", "list", "-O", "json").stdout)["subjects"]}
    assert kinds["YT05"] == "individual"


def test_a_list_whose_names_slid_against_their_codes_is_refused_and_a_rename_is_told(thidua):
    """The staff list imported again after sorting only the "Họ và tên" column in Excel: YT01 now "Nguyễn Thị
    Lan", YT02 "Hồ Văn Tâm". The import said "cập nhật 2" and nothing else — each code (its entries, ratings, the
    decided awards) silently became the other person's. Names moved from one code to another are now refused,
    naming both codes, nothing written; a name corrected on its own ("Nguyễn Thị Lan" → "Nguyễn Thị Lan Anh") is
    written and told in a warning, old and new."""
    _office(thidua)
    slid = thidua.write("lai.csv", """
        mã,họ và tên,loại
        YT01,Nguyễn Thị Lan,cá nhân
        YT02,Hồ Văn Tâm,cá nhân
    """)
    result = assert_refused(thidua, ["subject", "import", str(slid)], 'dòng 2, cột "họ và tên": "Nguyễn Thị Lan"')
    first = result.stderr.splitlines()[0]
    assert 'dòng 2, cột "họ và tên": "Nguyễn Thị Lan"' in first and "YT02" in first and "YT01" in first, first
    assert 'dòng 3, cột "họ và tên": "Hồ Văn Tâm"' in result.stderr, result.stderr
    renamed = thidua.write("sua-ten.csv", """
        mã,họ và tên,loại
        YT02,Nguyễn Thị Lan Anh,cá nhân
        YT01,Hồ  Văn Tâm,cá nhân
    """)
    result = thidua.ok("subject", "import", str(renamed))
    assert 'đổi tên: dòng 2 YT02 "Nguyễn Thị Lan" → "Nguyễn Thị Lan Anh"' in result.stderr, result.stderr
    assert "YT01" not in result.stderr.split("đổi tên:")[1], result.stderr
    names = {s["code"]: s["name"] for s in json.loads(thidua.ok("subject", "list", "-O", "json").stdout)["subjects"]}
    assert names["YT02"] == "Nguyễn Thị Lan Anh" and names["YT01"] == "Hồ Văn Tâm"


def test_an_empty_date_cell_is_told_empty_like_the_other_cells_of_the_row(thidua):
    """A note running on to the row below (the rest of its words alone in "Nội dung") was refused, rightly, but
    told '"" không phải ngày hợp lệ' for the empty date beside '"" trống — cần số điểm': an empty cell is not an
    invalid date. It now says "trống — cần ngày"."""
    thidua.ok("campaign", "load", str(thidua.write("cds.toml", CDS)))
    thidua.ok("subject", "import", str(thidua.write("can-bo.csv", SUBJECTS)))
    path = thidua.write("t3.csv", """
        Ngày,Họ và tên,Tiêu chí,Điểm,Nội dung
        09/03/2026,Hồ Văn Tâm,DVC,2,Triển khai dịch vụ công tại
        ,,,,5 bệnh viện tuyến huyện
    """)
    result = thidua("import-entries", str(path))
    assert result.exit_code == 1
    assert 'dòng 3, cột "Ngày": "" trống — cần ngày (DD/MM/YYYY)' in result.stderr, result.stderr
    assert "không phải ngày" not in result.stderr, result.stderr


def test_a_person_ticked_under_both_nam_and_nu_is_told_ticked_not_born_twice(thidua):
    """"Giới tính" merged over "Nam | Nữ", an "x" ticked under each for one person: refused, rightly, but told
    '"x" có năm sinh ở cả cột Nam ("x") và cột Nữ' — there is no birth year in the row. It now says the row is
    ticked under both."""
    _office(thidua)
    book = Workbook()
    sheet = book.active
    sheet.title = "DS"
    sheet.append(["STT", "Mã", "Họ và tên", "Giới tính", None])
    sheet.append([None, None, None, "Nam", "Nữ"])
    for column in "ABC":
        sheet.merge_cells(f"{column}1:{column}2")
    sheet.merge_cells("D1:E1")
    sheet.append([1, "YT50", "Phạm Văn Nam", "x", None])
    sheet.append([2, "YT52", "Ngô An", "x", "x"])
    path = thidua.folder / "ds.xlsx"
    book.save(path)
    result = thidua("subject", "import", str(path), "--kind", "ca-nhan")
    assert result.exit_code == 1
    assert 'trang tính "DS", dòng 4, cột E: "x" đánh dấu cả cột Nam ("x") và cột Nữ — đánh dấu một cột' in result.stderr, result.stderr


def test_a_date_cell_holding_a_time_of_day_names_the_time_it_does_not_keep(thidua):
    """A "Ngày" cell typed "07/03/2026 14:30" in Excel is an Excel date with a time: the import kept 07/03/2026 and
    said nothing of the 14:30 (the same words typed as text are refused). The entry still takes the date; a
    warning names each such cell with its time. A date at midnight is no news."""
    from datetime import datetime

    thidua.ok("campaign", "load", str(thidua.write("cds.toml", CDS)))
    thidua.ok("subject", "import", str(thidua.write("can-bo.csv", SUBJECTS)))
    book = Workbook()
    sheet = book.active
    sheet.title = "Quý I"
    sheet.append(["Ngày", "Họ và tên", "Tiêu chí", "Điểm", "Nội dung"])
    sheet.append([datetime(2026, 3, 7, 14, 30), "Hồ Văn Tâm", "DVC", 2, "Họp trực tuyến"])
    sheet.append([datetime(2026, 3, 8), "Nguyễn Thị Lan", "DVC", 3, "Hỗ trợ nộp hồ sơ"])
    path = thidua.folder / "q1.xlsx"
    book.save(path)
    result = thidua.ok("import-entries", str(path))
    assert 'trang tính "Quý I" có 1 ô ngày kèm giờ trong ngày, sổ chỉ ghi ngày: ô A2 (07/03/2026 14:30)' in result.stderr, result.stderr
    got = sorted((e["subject"], e["date"]) for e in json.loads(thidua.ok("entries", "-O", "json").stdout)["entries"])
    assert got == [("YT01", "2026-03-07"), ("YT02", "2026-03-08")]


def test_an_award_written_twice_in_the_table_by_year_is_named_as_a_repeat_not_as_recorded(thidua):
    """Lê Quang Huy moved from the Văn phòng to the Phòng Nghiệp vụ Y in 2023: the award table by year lists him
    under both, with LĐTT 2023 in each row. Kept once, rightly, but the warning said "ghi 3 khen thưởng … không có
    số quyết định" listing the second LĐTT as written, while the summary said "Đã ghi 2 khen thưởng; bỏ qua 1 đã có
    trong sổ" naming nothing. The second cell is now named as a repeat of the first, and the list of awards
    written without a number holds those written."""
    _office(thidua)
    path = _workbook(thidua, "kt.xlsx", [
        ["STT", "Họ và tên", "Năm 2023", "Năm 2024"],
        [1, "Hồ Văn Tâm", "LĐTT", None],
        [2, "Nguyễn Thị Lan", "LĐTT", "GK-GD"],
        [3, "Hồ Văn Tâm", "LĐTT", None],
    ])
    result = thidua.ok("awards", "import", str(path))
    assert "Đã ghi 3 khen thưởng;" in result.stderr, result.stderr
    assert "ghi 3 khen thưởng theo năm của cột, không có số quyết định" in result.stderr, result.stderr
    assert ('ghi lặp lại trong tệp, chỉ ghi một lần: trang tính "Khen thưởng", dòng 4, cột C: "LĐTT" giống '
            'trang tính "Khen thưởng", dòng 2, cột C') in result.stderr, result.stderr
    history = json.loads(thidua.ok("awards", "-O", "json").stdout)
    rows = history["awards"] if isinstance(history, dict) else history
    assert sorted((a["subject"], a["year"], a["award"]) for a in rows) == [
        ("YT01", 2023, "LDTT"), ("YT02", 2023, "LDTT"), ("YT02", 2024, "GK-GD")]


def test_a_rating_written_twice_in_the_file_is_named_as_a_repeat(thidua):
    """The ratings table by year lists Hồ Văn Tâm under two units, HTXSNV 2025 in both rows: kept once, and the
    summary said "bỏ qua 1 đã có trong sổ" — the ledger had none, and no cell was named. The second cell is now
    named as a repeat of the first."""
    _office(thidua)
    path = _workbook(thidua, "xl.xlsx", [
        ["STT", "Họ và tên", "Năm 2025"],
        [1, "Hồ Văn Tâm", "HTXSNV"],
        [2, "Nguyễn Thị Lan", "HTTNV"],
        [3, "Hồ Văn Tâm", "Hoàn thành xuất sắc nhiệm vụ"],
    ])
    result = thidua.ok("ratings", "import", str(path))
    assert ('bỏ qua 1 xếp loại ghi lặp lại trong tệp, chỉ ghi một lần: trang tính "Khen thưởng", dòng 4, cột C: '
            '"Hoàn thành xuất sắc nhiệm vụ" giống trang tính "Khen thưởng", dòng 2 (YT01 năm 2025)') in result.stderr, result.stderr


def test_a_unit_that_is_no_collective_of_the_ledger_is_named(thidua):
    """The staff list gives a new person's unit as "P. Nghiệp vụ Y" where the ledger's collective is "Phòng Nghiệp
    vụ Y" (NVY): the import stored the text and said nothing — she then counts as a member of no collective, and
    the Tập thể lao động tiên tiến of NVY ("trên 50% cá nhân đạt Lao động tiên tiến") is judged without her. Such
    units are now named in a warning (the value is kept as typed); a unit written as a collective's code or name
    is not."""
    _office(thidua)
    path = thidua.write("moi.csv", """
        mã,họ và tên,loại,đơn vị
        NVY,Phòng Nghiệp vụ Y,tập thể,
        YT60,Đỗ Thị Sáu,cá nhân,P. Nghiệp vụ Y
        YT61,Đỗ Văn Bảy,cá nhân,Phòng Nghiệp vụ Y
        YT62,Đỗ Văn Tám,cá nhân,VP
    """)
    result = thidua.ok("subject", "import", str(path))
    warning = next(line for line in result.stderr.splitlines() if "không phải tập thể nào trong sổ" in line)
    assert '"P. Nghiệp vụ Y" (dòng 3)' in warning, warning
    assert "Bảy" not in warning and "dòng 4" not in warning and "dòng 5" not in warning, warning
    units = {s["code"]: s["unit"] for s in json.loads(thidua.ok("subject", "list", "-O", "json").stdout)["subjects"]}
    assert units["YT60"] == "P. Nghiệp vụ Y" and units["YT61"] == "NVY" and units["YT62"] == "VP"


def test_the_award_history_exported_is_imported_into_a_new_ledger_with_the_awards_kept_without_a_number(thidua, tmp_path):
    """The award history kept by year has no decision numbers; imported, its awards are kept without one. The
    office carries the history to next year's ledger the way the README says: `awards -o lich-su.xlsx`, then
    `awards import lich-su.xlsx` — refused, "trống — cần số quyết định" for every such row: the export the tool
    writes could not be read back into a new ledger (only into the one holding those awards already). A row
    the export marks as imported ("Nguồn: nhập từ tệp") with its year is now taken as it was kept, and named
    among the awards written without a number; a row without a number that says nothing of where it came from
    is still refused."""
    from tests.conftest import Thidua

    _office(thidua)
    thidua.ok("awards", "import", str(_workbook(thidua, "kt.xlsx", [
        ["STT", "Họ và tên", "Năm 2024", "Năm 2025"],
        [1, "Hồ Văn Tâm", "LĐTT", "CSTĐCS (QĐ 250/QĐ-SYT ngày 22/12/2025)"],
        [2, "Nguyễn Thị Lan", "GK-GD", None],
    ])))
    exported = thidua.folder / "lich-su.xlsx"
    thidua.ok("awards", "-o", str(exported))
    before = sorted((a["subject"], a["award"], a["number"], a["year"], a["category"])
                    for a in json.loads(thidua.ok("awards", "-O", "json").stdout)["awards"])
    folder = tmp_path / "nam-sau"
    folder.mkdir()
    new = Thidua(folder)  # next year's ledger (a file: the export is read the same on either engine)
    _office(new)
    result = new.ok("awards", "import", str(exported))
    assert "không có số quyết định" in result.stderr and "dòng 4" in result.stderr, result.stderr
    after = sorted((a["subject"], a["award"], a["number"], a["year"], a["category"])
                   for a in json.loads(new.ok("awards", "-O", "json").stdout)["awards"])
    assert after == before, after
    typed = new.write("them.csv", "Mã,Danh hiệu,Năm,Nguồn\nYT01,LĐTT,2023,\n")
    result = new("awards", "import", str(typed))
    assert result.exit_code == 1 and "trống — cần số quyết định" in result.stderr, result.stderr


def test_points_excel_shows_rounded_are_refused_naming_what_the_sheet_shows(thidua):
    """"=25/3" in a "Điểm" cell formatted 0.00 shows 8,33; the refusal said '"8.333333333333334" có quá 2 chữ số
    thập phân' — a number the office never sees, with a decimal point. It now names the cell as shown and the value
    it holds, the Vietnamese way, and how to mend it."""
    from tests.test_imports import cache_formulas

    thidua.ok("campaign", "load", str(thidua.write("cds.toml", CDS)))
    thidua.ok("subject", "import", str(thidua.write("can-bo.csv", SUBJECTS)))
    book = Workbook()
    sheet = book.active
    sheet.title = "Quý I"
    sheet.append(["Ngày", "Họ và tên", "Tiêu chí", "Điểm", "Nội dung"])
    sheet.append(["10/03/2026", "Hồ Văn Tâm", "DVC", "=25/3", "Chia đều cho 3 người"])
    sheet["D2"].number_format = "0.00"
    sheet.append(["10/03/2026", "Nguyễn Thị Lan", "DVC", 2.5, "Hỗ trợ"])
    sheet["D3"].number_format = "0.00"
    path = thidua.folder / "q1.xlsx"
    book.save(path)
    cache_formulas(path, "xl/worksheets/sheet1.xml", {"D2": 25 / 3})
    result = assert_refused(thidua, ["import-entries", str(path)], 'dòng 2, cột D: "8,33"')
    assert ('trang tính "Quý I", dòng 2, cột D: "8,33" là số Excel hiện đã làm tròn; giá trị trong ô là 8,333333333333334 '
            "(quá 2 chữ số thập phân)") in result.stderr, result.stderr
    assert "dòng 3" not in result.stderr, result.stderr
