"""A new office's own files, as it keeps them, through every import: a workbook with rows hidden beside a
sheet of other data, award codes written with "Đ" ("LĐTT"), a staff list without a "Loại" column. Each value
is kept, or named in a warning or a refusal that changes nothing."""

from __future__ import annotations

import json

from openpyxl import Workbook
from openpyxl.styles import Font

from conftest import MINI_CAMPAIGN, assert_refused
from test_import_messy import apart, ledger  # noqa: F401 — fixtures: the file checked in one process or in two
from test_xlsx_import import subjects_json

# the mini campaign and a danh hiệu whose code an office writes with its "Đ": LĐTT
CAMPAIGN_WITH_LDTT = MINI_CAMPAIGN + """
[[awards]]
code = "LDTT"
name = "Lao động tiên tiến"
category = "danh-hieu"
level = 1
applies_to = "individual"
min_score = 10
multiplier = 0.3
"""


def office_workbook(path, rows: list[list], hidden_rows: tuple[int, ...] = (), other_sheet: bool = False):
    """The sheet an office keeps: its rows as given, some hidden by hand, and maybe a second sheet of data."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách"
    for row in rows:
        sheet.append(row)
    for line in hidden_rows:
        sheet.row_dimensions[line].hidden = True
    if other_sheet:
        other = workbook.create_sheet("Hợp đồng")
        other.append(["Mã", "Họ và tên"])
        other.append(["HD01", "Võ Văn Tám"])
    workbook.save(path)
    return path


def csv_and_workbook(thidua, stem: str, rows: list[list[str]], separator: str = ";") -> tuple[tuple[object, str], ...]:
    """The same rows as an office's .csv and .xlsx, each with how a message names a row of it."""
    csv_path = thidua.write(f"{stem}.csv", "".join(separator.join(row) + "\n" for row in rows))
    workbook = Workbook()
    for row in rows:
        workbook.active.append([cell or None for cell in row])
    workbook.save(thidua.folder / f"{stem}.xlsx")
    return (csv_path, "dòng"), (thidua.folder / f"{stem}.xlsx", 'trang tính "Sheet", dòng')


def ratings_stored(thidua) -> list[tuple[str, int, str]]:
    """The ledger's ratings as (subject, year, rating), in order."""
    listed = json.loads(thidua.ok("ratings", "--format", "json").stdout)["ratings"]
    return sorted((r["subject"], r["year"], r["rating"]) for r in listed)


def test_hidden_rows_beside_another_sheet_of_data_are_read_and_named(thidua):
    """A sheet with a hidden row and a second sheet holding data crashed the import (NameError while looking
    for the drop-down lists' sheets); both are now named in warnings and every row is kept."""
    path = office_workbook(thidua.folder / "can-bo.xlsx", [
        ["SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"],
        ["Mã", "Họ và tên", "Loại"],
        ["NN01", "Nguyễn Thị Thủy", "Cá nhân"],
        ["NN02", "Trần Văn Hoà", "Cá nhân"],
    ], hidden_rows=(4,), other_sheet=True)
    result = thidua("subject", "import", str(path))
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert 'không đọc trang tính "Hợp đồng"' in result.stderr
    assert "có 1 dòng đang ẩn trên Excel" in result.stderr and "dòng 4" in result.stderr
    assert {code: s["name"] for code, s in subjects_json(thidua).items()} == {
        "NN01": "Nguyễn Thị Thủy", "NN02": "Trần Văn Hoà"}


def test_award_codes_written_with_their_d_bar_are_the_campaigns_codes(thidua):
    """Offices write the abbreviation as it is spoken, "LĐTT": award history and registrations took it for
    an unknown code (refused) instead of the campaign's LDTT."""
    thidua.ok("campaign", "load", str(thidua.write("ldtt.toml", CAMPAIGN_WITH_LDTT)))
    thidua.ok("subject", "import", str(thidua.write("s.csv", "Mã,Họ và tên,Loại\nNV1,Nguyễn Văn An,cá nhân\n")))
    history = thidua.write("qua-trinh.csv", "Mã,Danh hiệu,Số QĐ,Ngày ký\nNV1,LĐTT,180/QĐ-STTTT,28/12/2020\n")
    result = thidua("awards", "import", str(history))
    assert result.exit_code == 0, result.stderr
    awards = json.loads(thidua.ok("awards", "--format", "json").stdout)["awards"]
    assert [(a["subject"], a["award"], a["name"], a["category"]) for a in awards] == [
        ("NV1", "LDTT", "Lao động tiên tiến", "danh-hieu")]
    registrations = thidua.write("dang-ky.csv", "Mã;Danh hiệu đăng ký;Chỉ tiêu\nNV1;LĐTT;Hoàn thành 100%\n")
    result = thidua("register", "import", str(registrations))
    assert result.exit_code == 0, result.stderr
    listed = json.loads(thidua.ok("register", "list", "--format", "json").stdout)
    assert [(r["subject"], r["award"], r["targets"]) for r in listed["registrations"]] == [("NV1", "LDTT", "Hoàn thành 100%")]


def test_an_unknown_award_code_without_a_name_column_is_named_with_its_own_text(thidua):
    """The refusal quoted an empty name ('cột "Danh hiệu": "" trống') for a file that has no column of names:
    it now quotes the code the cell holds and says how to write the award."""
    thidua.mini()
    history = thidua.write("qua-trinh.csv", "Mã,Danh hiệu,Số QĐ,Ngày ký\nNV1,HCLĐ3,15/QĐ-CTN,05/01/2020\n")
    result = assert_refused(thidua, ["awards", "import", str(history)],
                            'dòng 2, cột "Danh hiệu": "HCLĐ3" không phải mã khen thưởng của phong trào nào trong sổ')
    assert 'ghi tên đầy đủ (ví dụ "Lao động tiên tiến")' in result.stderr
    assert '""' not in result.stderr


STAFF_WITHOUT_KIND = "Mã,Họ và tên,Đơn vị công tác\nNN01,Nguyễn Thị Thủy,VP\nNN02,Trần Văn Hoà,VP\n"


def test_a_staff_list_without_a_kind_column_is_refused_with_the_option_to_give_it(thidua):
    thidua.mini()
    path = thidua.write("can-bo.csv", STAFF_WITHOUT_KIND)
    result = assert_refused(thidua, ["subject", "import", str(path)], "tệp can-bo.csv thiếu cột loại (cá nhân / tập thể) (dòng tiêu đề có:")
    assert "Gợi ý: mọi dòng cùng một loại thì thêm --kind ca-nhan (hoặc --kind tap-the)" in result.stderr
    assert_refused(thidua, ["subject", "import", str(path), "--kind", "nhóm"],
                   '--kind: "nhóm" phải là ca-nhan (cá nhân) hoặc tap-the (tập thể)', code=2)


def test_kind_option_gives_the_kind_of_rows_that_do_not_say_theirs(thidua):
    thidua.mini()
    result = thidua("subject", "import", str(thidua.write("can-bo.csv", STAFF_WITHOUT_KIND)), "--kind", "ca-nhan")
    assert result.exit_code == 0, result.stderr
    assert "Cảnh báo: 2 dòng không ghi loại, lấy loại cá nhân theo --kind" in result.stderr
    subjects = subjects_json(thidua)
    assert (subjects["NN01"]["kind"], subjects["NN01"]["unit"]) == ("individual", "VP")
    assert subjects["NN02"]["kind"] == "individual"
    # a file with a "Loại" column: the rows that say their kind keep it, the empty cells take --kind (and are named)
    units = thidua.write("don-vi.csv", "Mã,Tên,Loại\nP1,Phòng Kế hoạch,\nNN03,Lê Văn Ba,Cá nhân\nP2,Phòng Tổ chức,\n")
    result = thidua("subject", "import", str(units), "--kind", "Tập thể")
    assert result.exit_code == 0, result.stderr
    assert "2 dòng không ghi loại, lấy loại tập thể theo --kind: dòng 2; dòng 4" in result.stderr
    subjects = subjects_json(thidua)
    assert [subjects[code]["kind"] for code in ("P1", "NN03", "P2")] == ["collective", "individual", "collective"]


def test_the_total_row_under_an_entries_table_is_left_out_and_named_with_its_values(ledger):
    """A "Tổng cộng" row summing the points refused the whole file ("" không phải ngày hợp lệ, mã trống …)
    without saying it was the total row; it is now left out, and the warning names it and its sum — also when
    a second process checks the file."""
    thidua = ledger
    path = thidua.write("thang-10.csv", """\
        SỞ THÔNG TIN VÀ TRUYỀN THÔNG;;;;;
        STT;Ngày;Mã;Tiêu chí;Điểm;Nội dung
        1;05/10/2021;NV1;TC1;1,5;"Họp; báo cáo"
        2;06/10/2021;NV2;TC1;2;Trực
        ;;;;;
        TỔNG CỘNG:;;;;3,5;
        """)
    result = thidua("import-entries", str(path))
    assert result.exit_code == 0, result.stderr
    assert ('Cảnh báo: không nhập dòng tổng cộng (không phải dữ liệu của một đối tượng): '
            'dòng 6 ("TỔNG CỘNG:"; Điểm: "3,5")') in result.stderr
    assert "Đã ghi 2 mục" in result.stderr
    stored = json.loads(thidua.ok("entries", "--format", "json").stdout)["entries"]
    assert sorted((e["subject"], e["points"], e["note"]) for e in stored) == [("NV1", 1.5, "Họp; báo cáo"), ("NV2", 2, "Trực")]


def test_a_row_without_a_date_is_still_refused_when_it_is_no_total_row(thidua):
    thidua.mini()
    path = thidua.write("thang-10.csv", "Ngày,Mã,Tiêu chí,Điểm\n05/10/2021,NV1,TC1,1\n,NV2,TC1,2\n")
    assert_refused(thidua, ["import-entries", str(path)], 'dòng 3, cột "Ngày": "" trống — cần ngày (DD/MM/YYYY)')


def test_the_total_row_of_a_workbook_merged_across_its_first_columns_is_left_out_and_named(thidua):
    """The label merged over STT, Mã and Họ và tên (Excel shows it in each), a formula summing a column never
    calculated (the file written by a program): the row is no subject, and every value of it is named."""
    thidua.mini()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách"
    for row in (["UBND TỈNH TRÀ VINH"], ["DANH SÁCH CÁN BỘ"], ["STT", "Mã", "Họ và tên", "Loại", "Tỷ lệ nữ"],
                [1, "NN01", "Nguyễn Thị Thủy", "Cá nhân", None], [2, "P1", "Phòng Kế hoạch", "Tập thể", 40],
                ["Tổng cộng", None, None, "2 đối tượng", "=SUM(E4:E5)"]):
        sheet.append(row)
    sheet.merge_cells("A6:C6")
    workbook.save(thidua.folder / "can-bo.xlsx")
    result = thidua("subject", "import", str(thidua.folder / "can-bo.xlsx"))
    assert result.exit_code == 0, result.stderr
    assert ('không nhập dòng tổng cộng (không phải dữ liệu của một đối tượng): trang tính "Danh sách", dòng 6 '
            '("Tổng cộng"; cột D: "2 đối tượng", cột E: "=SUM(E4:E5)")') in result.stderr
    assert sorted(subjects_json(thidua)) == ["NN01", "NV1", "NV2", "NV3", "P1", "VP"]


def test_a_used_column_hidden_in_excel_is_read_and_named(thidua):
    """Rows hidden in Excel were named; a column hidden by hand was read without a word, though the person who
    checked the sheet never saw its values."""
    thidua.mini()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tháng 10"
    for row in (["Ngày", "Mã", "Tiêu chí", "Điểm", "Minh chứng", "Nội dung"], ["05/10/2021", "NV1", "TC1", 2, "CV 12", "Họp"]):
        sheet.append(row)
    sheet.column_dimensions["E"].hidden = True
    workbook.save(thidua.folder / "thang-10.xlsx")
    result = thidua("import-entries", str(thidua.folder / "thang-10.xlsx"))
    assert result.exit_code == 0, result.stderr
    assert ('Cảnh báo: trang tính "Tháng 10" có cột đang ẩn trên Excel, vẫn được đọc như mọi cột: Minh chứng (cột E)'
            in result.stderr)
    stored = json.loads(thidua.ok("entries", "--format", "json").stdout)["entries"]
    assert [(e["subject"], e["evidence"], e["note"]) for e in stored] == [("NV1", "CV 12", "Họp")]


def test_a_campaign_file_saved_as_ansi_by_notepad_is_refused_with_its_line_and_the_way_to_save_it(thidua):
    """The refusal said only "không phải văn bản UTF-8", with no line and no hint for the person who saved it."""
    path = thidua.folder / "phong-trao.toml"
    path.write_bytes('[campaign]\ncode = "mini"\nname = "Phong trào"\n'.encode("cp1258"))  # à: the byte 0xE0
    result = assert_refused(thidua, ["campaign", "load", str(path)], "phong-trao.toml, dòng 3: không phải văn bản UTF-8")
    assert "Gợi ý: mở tệp bằng Notepad, chọn Lưu thành → Mã hoá (Encoding) UTF-8" in result.stderr


def test_a_campaign_name_pasted_in_a_legacy_font_is_converted_and_named(thidua):
    """A criterion's name pasted from an old TCVN3 document was loaded as "Hoµn thµnh nhiÖm vô" and went into
    every document; a VNI one likewise. Both are read as Unicode, and the warning names line and key."""
    from thidua_cli.domain.legacy import unicode_to_tcvn3 as tcvn3, unicode_to_vni as vni

    text = (MINI_CAMPAIGN.replace('name = "Hoàn thành nhiệm vụ"', f'name = "{tcvn3("Hoàn thành nhiệm vụ")}"')
            .replace('name = "Tập thể đoàn kết"', f"name = '{vni('Tập thể đoàn kết')}'"))
    path = thidua.write("phong-trao.toml", text)
    result = thidua("campaign", "load", str(path))
    assert result.exit_code == 0, result.stderr
    assert ('Cảnh báo: đã chuyển giá trị gõ mã cũ sang Unicode (sửa lại trong tệp cho đúng): '
            'dòng 16, khoá criteria[1].name: TCVN3 → Unicode "Hoàn thành nhiệm vụ"; '
            'dòng 22, khoá criteria[2].name: VNI → Unicode "Tập thể đoàn kết"') in result.stderr
    shown = json.loads(thidua.ok("campaign", "show", "--format", "json").stdout)
    assert [c["name"] for c in shown["criteria"]] == ["Hoàn thành nhiệm vụ", "Tập thể đoàn kết", "Vi phạm"]
    assert "Không thay đổi" in thidua.ok("campaign", "load", str(thidua.write("mini.toml", MINI_CAMPAIGN))).stderr


def test_a_legal_basis_pasted_in_a_legacy_font_is_named_by_its_list(thidua):
    """A căn cứ pasted from an old TCVN3 document sits on a line of the legal_basis list, which holds no "=":
    the warning named it 'khoá …'."""
    from thidua_cli.domain.legacy import unicode_to_tcvn3 as tcvn3

    basis = "Kế hoạch số 05/KH-STTTT của Sở Thông tin và Truyền thông"
    text = MINI_CAMPAIGN.replace("[[criteria]]", f'legal_basis = [\n  "{tcvn3(basis)}",\n]\n\n[[criteria]]', 1)
    result = thidua("campaign", "load", str(thidua.write("phong-trao.toml", text)))
    assert result.exit_code == 0, result.stderr
    assert f'khoá campaign.legal_basis: TCVN3 → Unicode "{basis}"' in result.stderr


def test_a_semicolon_file_under_a_title_holding_a_comma_is_read_by_its_header(thidua):
    """The delimiter was taken from the first line holding any: a title "KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI" above a
    ";" table made it ",", and the file was refused as having no header. The header decides now."""
    thidua.mini()
    path = thidua.write("xep-loai.csv", """\
        KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI NĂM 2021
        Mã;Họ và tên;Năm;Xếp loại
        NV1;Nguyễn Văn An;2021;HTXSNV
        NV2;Trần Thị Ánh;2021;Hoàn thành tốt nhiệm vụ
        """)
    result = thidua("ratings", "import", str(path))
    assert result.exit_code == 0, result.stderr
    assert ratings_stored(thidua) == [
        ("NV1", 2021, "Hoàn thành xuất sắc nhiệm vụ"), ("NV2", 2021, "Hoàn thành tốt nhiệm vụ")]
    # a comma file whose notes hold semicolons keeps its commas
    entries = thidua.write("thang-10.csv", 'Ngày,Mã,Tiêu chí,Điểm,Nội dung\n05/10/2021,NV1,TC1,1,"họp; trực; báo cáo; tổng hợp"\n')
    thidua.ok("import-entries", str(entries))
    stored = json.loads(thidua.ok("entries", "--format", "json").stdout)["entries"]
    assert [(e["subject"], e["note"]) for e in stored] == [("NV1", "họp; trực; báo cáo; tổng hợp")]


def test_a_kind_change_refused_names_the_column_and_the_value_as_the_file_has_them(thidua):
    """The refusal named the field and the stored code ('cột "kind": "individual"') where the office's file
    says "Loại" and "Cá nhân"; with --kind it names the option."""
    thidua.mini()
    thidua.ok("add-entry", "-s", "VP", "-k", "TC2", "-p", "10", "-d", "2021-10-10")
    subjects = thidua.write("don-vi.csv", "Mã,Họ và tên,Loại\nVP,Văn phòng Sở,Cá nhân\n")
    assert_refused(thidua, ["subject", "import", str(subjects)],
                   'dòng 2, cột "Loại": "Cá nhân" đổi VP từ tập thể sang cá nhân sẽ làm 1 mục ghi không còn hợp lệ')
    without = thidua.write("khong-loai.csv", "Mã,Họ và tên\nVP,Văn phòng Sở\n")
    assert_refused(thidua, ["subject", "import", str(without), "--kind", "ca-nhan"],
                   'dòng 2, cột "--kind": "cá nhân" đổi VP từ tập thể sang cá nhân')


RATINGS_OF_A_YEAR = """\
    KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG NĂM 2021
    STT,Mã,Họ và tên,Xếp loại
    1,NV1,Nguyễn Văn An,HTXSNV
    2,NV2,Trần Thị Ánh,Hoàn thành tốt nhiệm vụ
    """


def test_ratings_of_one_year_without_a_year_column_are_refused_with_the_option_to_give_it(thidua):
    thidua.mini()
    path = thidua.write("xep-loai.csv", RATINGS_OF_A_YEAR)
    result = assert_refused(thidua, ["ratings", "import", str(path)], "tệp xep-loai.csv thiếu cột năm (dòng tiêu đề có:")
    assert "Gợi ý: cả tệp là một năm (năm ghi ở tên bảng) thì thêm --year, ví dụ --year 2025" in result.stderr
    assert_refused(thidua, ["ratings", "import", str(path), "--year", "1900"], "--year: 1900 ngoài khoảng 1945–", code=2)


def test_year_option_gives_the_year_of_rows_that_do_not_say_theirs(thidua):
    thidua.mini()
    result = thidua("ratings", "import", str(thidua.write("xep-loai.csv", RATINGS_OF_A_YEAR)), "--year", "2021")
    assert result.exit_code == 0, result.stderr
    assert "Cảnh báo: 2 dòng không ghi năm, lấy năm 2021 theo --year" in result.stderr
    # a "Năm" column with an empty cell: that row takes --year, the other keeps its own year
    mixed = thidua.write("hai-nam.csv", "Mã,Năm,Xếp loại\nNV3,2020,HTNV\nNV3,,HTTNV\n")
    result = thidua("ratings", "import", str(mixed), "--year", "2021")
    assert result.exit_code == 0, result.stderr
    assert "1 dòng không ghi năm, lấy năm 2021 theo --year: dòng 3" in result.stderr
    assert ratings_stored(thidua) == [
        ("NV1", 2021, "Hoàn thành xuất sắc nhiệm vụ"), ("NV2", 2021, "Hoàn thành tốt nhiệm vụ"),
        ("NV3", 2020, "Hoàn thành nhiệm vụ"), ("NV3", 2021, "Hoàn thành tốt nhiệm vụ")]


def test_the_total_and_the_signatures_written_under_the_names_are_left_out_and_named(thidua):
    """Offices write "Tổng cộng", the place and date and the signer under the "Họ và tên" column: only a row
    whose code and name were both blank was taken for a total or a footer, so these rows refused the file as
    subjects not in the ledger ('"THỦ TRƯỞNG ĐƠN VỊ" không có đối tượng này trong sổ'), in .csv and .xlsx."""
    thidua.mini()
    rows = [["KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI NĂM 2021", "", "", ""], ["STT", "Mã CB", "Họ và tên", "Kết quả xếp loại"],
            ["1", "NV1", "Nguyễn Văn An", "Hoàn thành xuất sắc nhiệm vụ"], ["", "", "Tổng cộng", ""], ["", "", "", ""],
            ["", "", "Quảng Trị, ngày 05 tháng 01 năm 2022", ""], ["", "", "THỦ TRƯỞNG ĐƠN VỊ", ""], ["", "", "Nguyễn Văn Bình", ""]]
    for path, where in csv_and_workbook(thidua, "xep-loai", rows):
        result = thidua("ratings", "import", str(path), "--year", "2021", "--dry-run")
        assert result.exit_code == 0, result.stderr
        assert f'không nhập dòng tổng cộng (không phải dữ liệu của một đối tượng): {where} 4 ("Tổng cộng")' in result.stderr
        assert (f'không phải dữ liệu): {where} 6 ("Quảng Trị, ngày 05 tháng 01 năm 2022"); {where} 7 ("THỦ TRƯỞNG ĐƠN VỊ"); '
                f'{where} 8 ("Nguyễn Văn Bình")') in result.stderr
        assert "sẽ ghi 1" in result.stderr


def test_a_date_cell_turned_to_text_with_its_midnight_is_read_and_a_two_digit_year_is_refused_by_name(thidua):
    """A program that turns a date cell into text writes its midnight ("2021-10-05 00:00:00"): that was refused
    as no date; a two-digit year (1921 or 2021?) was refused without saying why."""
    thidua.mini()
    path = thidua.write("thang-10.csv", "Ngày,Mã,Tiêu chí,Điểm\n2021-10-05 00:00:00,NV1,TC1,1\n06/10/2021 0:00,NV2,TC1,2\n")
    thidua.ok("import-entries", str(path))
    stored = json.loads(thidua.ok("entries", "--format", "json").stdout)["entries"]
    assert sorted((e["subject"], e["date"]) for e in stored) == [("NV1", "2021-10-05"), ("NV2", "2021-10-06")]
    short = thidua.write("thang-11.csv", "Ngày,Mã,Tiêu chí,Điểm\n05/11/21,NV1,TC1,1\n06/11/2021 08:30,NV2,TC1,1\n")
    result = assert_refused(thidua, ["import-entries", str(short)],
                            'dòng 2, cột "Ngày": "05/11/21" có năm hai chữ số — viết đủ bốn chữ số, ví dụ 05/03/2026')
    assert 'dòng 3, cột "Ngày": "06/11/2021 08:30" không phải ngày hợp lệ' in result.stderr


def test_award_history_with_the_decision_in_one_column_reads_its_number_and_date(thidua):
    """Offices write "Quyết định" as one column: "Số 180/QĐ-STTTT ngày 28/12/2020". The column was left out
    and every row refused for a missing number and date, naming columns the file does not have ('cột
    "number"'); now the number and the date are read from it, and the warning shows both for each row."""
    thidua.mini()
    path = thidua.write("qua-trinh.csv", """\
        Mã,Hình thức khen thưởng,Quyết định
        NV1,Giấy khen của Giám đốc Sở,"Số 180/QĐ-STTTT ngày 28/12/2020"
        NV2,Bằng khen của Bộ trưởng,"QĐ số 1234/QĐ-BTTTT, 05/8/2019"
        """)
    result = thidua("awards", "import", str(path))
    assert result.exit_code == 0, result.stderr
    assert ('Cảnh báo: ngày quyết định đọc từ ô số quyết định: dòng 2 ("Số 180/QĐ-STTTT ngày 28/12/2020" → số '
            '180/QĐ-STTTT, ngày 28/12/2020); dòng 3 ("QĐ số 1234/QĐ-BTTTT, 05/8/2019" → số 1234/QĐ-BTTTT, ngày 05/08/2019)'
            ) in result.stderr
    awards = json.loads(thidua.ok("awards", "--format", "json").stdout)["awards"]
    assert sorted((a["subject"], a["award"], a["number"], a["date"]) for a in awards) == [
        ("NV1", "GK", "180/QĐ-STTTT", "2020-12-28"), ("NV2", "Bằng khen của Bộ trưởng", "1234/QĐ-BTTTT", "2019-08-05")]


def test_dates_read_from_the_number_cells_are_not_said_missing_nor_looked_for_in_another_column(thidua):
    """With every date read from "Số, ngày quyết định", the warning still said the file had no date column and
    offered --column "Ghi chú=date" (following it would have refused the file for "có tiền thưởng")."""
    thidua.mini()
    path = thidua.write("qua-trinh.csv", """\
        Mã,Hình thức khen thưởng,"Số, ngày quyết định",Ghi chú
        NV1,Giấy khen của Giám đốc Sở,"Số 180/QĐ-STTTT ngày 28/12/2020",có tiền thưởng
        """)
    result = thidua("awards", "import", str(path))
    assert result.exit_code == 0, result.stderr
    assert "Cảnh báo: bỏ qua cột: Ghi chú\n" in result.stderr
    assert "ngày quyết định (date)" not in result.stderr and "Ghi chú=date" not in result.stderr


def test_a_decision_date_alone_in_the_number_cell_is_not_cut_into_a_number_and_a_date(thidua):
    """ "15.01.2020" in the number column (no date column) was split into số "1", ngày 05/01/2020 — a number
    and a date nobody wrote, stored; a number and a date are told apart only by a space, comma or "ngày", so
    the row has no date and is refused like any row without one."""
    thidua.mini()
    path = thidua.write("qua-trinh.csv", "Mã,Hình thức khen thưởng,Số quyết định\nNV1,Giấy khen,15.01.2020\nNV2,Bằng khen,05/8/2023\n")
    result = assert_refused(thidua, ["awards", "import", str(path)],
                            'dòng 2, cột "ngày quyết định (tệp không có cột này)": "" trống — cần ngày quyết định')
    assert "dòng 3" in result.stderr and "đọc từ ô số quyết định" not in result.stderr
    assert json.loads(thidua.ok("awards", "--format", "json").stdout)["awards"] == []


def test_a_refused_award_history_names_the_missing_columns_by_label_and_the_columns_left_out(thidua):
    thidua.mini()
    path = thidua.write("qua-trinh.csv", "Mã,Hình thức khen thưởng,Văn bản khen\nNV1,Giấy khen của Giám đốc Sở,180/QĐ-STTTT\n")
    result = assert_refused(thidua, ["awards", "import", str(path)],
                            'dòng 2, cột "số quyết định (tệp không có cột này)": "" trống — cần số quyết định')
    assert ('Gợi ý: tệp có cột không được đọc: Văn bản khen; nếu một cột ấy là cột số quyết định (number), ngày quyết '
            'định (date), cơ quan ban hành (issuer), chỉ rõ bằng --column "Văn bản khen=number"') in result.stderr


def test_a_gender_given_to_a_collective_or_a_share_of_women_to_a_person_is_named_not_dropped(thidua):
    """Both were left out without a word: the file's "Nữ" of a unit, "45" of a person."""
    thidua.mini()
    path = thidua.write("ds.csv", "Mã,Họ và tên,Loại,Giới tính,Tỷ lệ nữ\nP9,Phòng Thử,Tập thể,Nữ,\nNV9,Lê Văn Chín,Cá nhân,Nam,45\n")
    result = thidua("subject", "import", str(path))
    assert result.exit_code == 0, result.stderr
    assert ('Cảnh báo: không ghi giá trị không dùng cho loại đối tượng của dòng (loại có đúng không?): '
            'dòng 2, cột "Giới tính": "Nữ" — giới tính chỉ ghi cho cá nhân, P9 là tập thể; '
            'dòng 3, cột "Tỷ lệ nữ": "45" — tỷ lệ nữ chỉ ghi cho tập thể, NV9 là cá nhân') in result.stderr
    subjects = subjects_json(thidua)
    assert (subjects["P9"]["gender"], subjects["NV9"]["gender"], subjects["NV9"]["female_percent"]) == (None, "nam", None)


def birth_under_gender_workbook(path, rows: list[list]):
    """The form's "Năm sinh" merged over two columns "Nam" | "Nữ": the year written under the person's gender."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách"
    sheet.append(["DANH SÁCH CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG"])
    sheet.append(["STT", "Mã", "Họ và tên", "Loại", "Năm sinh", None, "Đơn vị"])
    sheet.append([None, None, None, None, "Nam", "Nữ", None])
    for column in "ABCDG":
        sheet.merge_cells(f"{column}2:{column}3")
    sheet.merge_cells("E2:F2")
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_a_birth_year_written_under_nam_or_nu_gives_the_birth_date_and_the_gender(thidua):
    """Both columns were left out ('bỏ qua cột: Nam (cột E), Nữ (cột F)'): the birth year and the gender the
    form records by where it is written."""
    thidua.mini()
    path = birth_under_gender_workbook(thidua.folder / "ds.xlsx", [
        [1, "NV7", "Nguyễn Văn Bảy", "Cá nhân", 1978, None, "VP"],
        [2, "NV8", "Trần Thị Tám", "Cá nhân", None, "12/3/1985", "VP"],
    ])
    result = thidua("subject", "import", str(path))
    assert result.exit_code == 0, result.stderr
    assert "Nam (cột E)" not in result.stderr and "Nữ (cột F)" not in result.stderr
    subjects = subjects_json(thidua)
    assert (subjects["NV7"]["gender"], subjects["NV8"]["gender"]) == ("nam", "nữ")
    # the birth dates are kept with the subject's details, which the báo cáo thành tích reads
    from thidua_cli.services.ledger_session import session_for
    from thidua_cli.storage import subjects as store

    with session_for(str(thidua.db)) as session:
        kept = {s.code: store.subject_details(session.connection, s.id).get("birth_date")
                for s in store.all_subjects(session.connection)}
    assert (kept["NV7"], kept["NV8"]) == ("1978", "12/03/1985")  # a date the Vietnamese way, as the báo cáo prints it


def test_a_birth_date_typed_as_text_is_written_the_vietnamese_way_and_an_impossible_one_is_refused(thidua):
    """"7/3/1995" or "1995-03-07" typed as text went into the báo cáo thành tích as typed, beside "07/03/1995" of a date
    cell; "31/02/1990" was printed as a birth date."""
    from thidua_cli.services.ledger_session import session_for
    from thidua_cli.storage import subjects as store

    thidua.mini()
    good = thidua.write("ns.csv", "Mã,Họ và tên,Loại,Đơn vị,Ngày sinh\nNV7,Nguyễn Văn Bảy,cá nhân,VP,7/3/1995\n"
                                  "NV8,Trần Thị Tám,cá nhân,VP,1990-12-01\nNV9,Lê Văn Chín,cá nhân,VP,1988\n")
    thidua.ok("subject", "import", str(good))
    with session_for(str(thidua.db)) as session:
        kept = {s.code: store.subject_details(session.connection, s.id).get("birth_date")
                for s in store.all_subjects(session.connection)}
    assert (kept["NV7"], kept["NV8"], kept["NV9"]) == ("07/03/1995", "01/12/1990", "1988")
    bad = thidua.write("ns2.csv", "Mã,Họ và tên,Loại,Đơn vị,Ngày sinh\nNV10,Phạm Văn Mười,cá nhân,VP,31/02/1990\n")
    assert_refused(thidua, ["subject", "import", str(bad)], 'dòng 2, cột "Ngày sinh": "31/02/1990" không phải ngày có thật')


def test_a_tick_under_nam_or_nu_gives_the_gender_and_no_birth_date(thidua):
    """The other form: "Giới tính" over "Nam" | "Nữ" ticked with an "x". The "x" was kept as the birth date
    (details {"birth_date": "x"}, into the báo cáo thành tích); a mark with no digit says the gender only."""
    thidua.mini()
    path = thidua.write("ds.csv", "DANH SÁCH CÁN BỘ, CÔNG CHỨC NĂM 2025\nMã,Họ và tên,Nam,Nữ,Loại\n"
                                  "NV7,Nguyễn Văn Bảy,x,,cá nhân\nNV8,Trần Thị Tám,,X,cá nhân\n")
    result = thidua("subject", "import", str(path))
    assert result.exit_code == 0, result.stderr
    subjects = subjects_json(thidua)
    assert (subjects["NV7"]["gender"], subjects["NV8"]["gender"]) == ("nam", "nữ")
    from thidua_cli.services.ledger_session import session_for
    from thidua_cli.storage import subjects as store

    with session_for(str(thidua.db)) as session:
        kept = {s.code: store.subject_details(session.connection, s.id) for s in store.all_subjects(session.connection)}
    assert ("birth_date" in kept["NV7"], "birth_date" in kept["NV8"]) == (False, False)


def test_a_year_column_is_not_taken_for_the_men_s_birth_years(thidua):
    """"Năm" folds to "nam": a staff list's year column made every person a man born in 2025 (Lê Thị Hoa
    stored "nam", details {"birth_date": "2025"}), without a word. It is a column left out, and named."""
    thidua.mini()
    path = thidua.write("ds.csv", "Mã,Họ và tên,Loại,Năm\nNV7,Lê Thị Hoa,cá nhân,2025\n")
    result = thidua("subject", "import", str(path))
    assert result.exit_code == 0, result.stderr
    assert "Cảnh báo: bỏ qua cột: Năm" in result.stderr
    assert subjects_json(thidua)["NV7"]["gender"] is None
    # typed without marks, "Nam" | "Nu" are the form's columns still
    result = thidua("subject", "import", str(thidua.write("ds2.csv", "Mã,Họ và tên,Loại,Nam,Nu\nNV8,Lê Thị Tám,cá nhân,,1985\n")))
    assert result.exit_code == 0, result.stderr
    assert subjects_json(thidua)["NV8"]["gender"] == "nữ"


def test_a_birth_year_under_both_nam_and_nu_or_against_the_gender_column_is_refused(thidua):
    thidua.mini()
    path = birth_under_gender_workbook(thidua.folder / "ds.xlsx", [[1, "NV7", "Nguyễn Văn Bảy", "Cá nhân", 1978, 1979, "VP"]])
    assert_refused(thidua, ["subject", "import", str(path)],
                   'trang tính "Danh sách", dòng 4, cột F: "1979" có năm sinh ở cả cột Nam ("1978") và cột Nữ — để ở một cột')


def test_the_total_row_of_a_vote_sheet_is_left_out_and_named(thidua, monkeypatch):
    """The council's sheet sums its votes on a "Tổng cộng" row: it was refused as a row with no code and more
    votes than members."""
    from test_proposals import _voting_ledger, propose

    monkeypatch.chdir(thidua.folder)
    _voting_ledger(thidua)
    propose(thidua)
    path = thidua.write("phieu.csv", """\
        HỘI ĐỒNG THI ĐUA, KHEN THƯỞNG
        STT;Mã;Họ và tên;Số phiếu đồng ý
        1;NV1;Nguyễn Văn An;8
        2;NV2;Trần Văn Bình;6
        3;NV3;Lê Văn Cường;5
        4;NV4;Phạm Văn Dũng;0
        Tổng cộng;;;19
        """)
    result = thidua("record-votes", "1", "--members", "10", "--file", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert 'không nhập dòng tổng cộng (không phải dữ liệu của một đối tượng): dòng 7 ("Tổng cộng"; Số phiếu đồng ý: "19")' in result.stderr
    assert [(p["subject"], p["votes"]) for p in json.loads(result.stdout)["proposals"]] == [
        ("NV1", 8), ("NV2", 6), ("NV3", 5), ("NV4", 0)]


def test_a_registration_imported_again_with_other_targets_is_refused_not_skipped_as_a_copy(thidua):
    """The file's new chỉ tiêu was counted as "đã có" and never written; the same registration again is still
    skipped."""
    thidua.ok("campaign", "load", str(thidua.write("ldtt.toml", CAMPAIGN_WITH_LDTT)))
    thidua.ok("subject", "import", str(thidua.write("s.csv", "Mã,Họ và tên,Loại\nNV1,Nguyễn Văn An,cá nhân\n")))
    first = thidua.write("dang-ky.csv", "Mã;Danh hiệu đăng ký;Chỉ tiêu;Ngày đăng ký\nNV1;LDTT;Hoàn thành 100%;05/10/2021\n")
    thidua.ok("register", "import", str(first))
    again = thidua.write("dang-ky-lai.csv", "Mã;Danh hiệu đăng ký;Chỉ tiêu;Ngày đăng ký\nNV1;LDTT;Hoàn thành 100%;05/10/2021\n")
    assert "bỏ qua 1" in thidua.ok("register", "import", str(again)).stderr.lower()
    changed = thidua.write("dang-ky-moi.csv", "Mã;Danh hiệu đăng ký;Chỉ tiêu;Ngày đăng ký\nNV1;LDTT;Hoàn thành 100%, 01 sáng kiến;05/10/2021\n")
    assert_refused(thidua, ["register", "import", str(changed)],
                   'dòng 2, cột "Chỉ tiêu": "Hoàn thành 100%, 01 sáng kiến" khác đăng ký LDTT đã có của NV1 (số 1, ngày '
                   '05/10/2021, chỉ tiêu "Hoàn thành 100%") — muốn đổi thì trả lại đăng ký cũ (thidua register return 1')
    listed = json.loads(thidua.ok("register", "list", "--format", "json").stdout)["registrations"]
    assert [r["targets"] for r in listed] == ["Hoàn thành 100%"]


def test_an_award_already_recorded_that_the_file_says_otherwise_of_is_named(thidua):
    """A second file correcting the "Loại hình" (chuyên đề, not công trạng: not counted for the years a
    higher award requires) was taken as the same row "đã có" and its correction dropped without a word."""
    thidua.mini()
    header = "Mã,Hình thức khen thưởng,Số QĐ,Ngày ký,Loại hình\n"
    thidua.ok("awards", "import", str(thidua.write("kt-1.csv", header + "NV1,Bằng khen của Bộ,12/QĐ-BTTTT,05/3/2020,Công trạng\n")))
    result = thidua("awards", "import", str(thidua.write("kt-2.csv", header + "NV1,Bằng khen của Bộ,12/QĐ-BTTTT,05/3/2020,Chuyên đề\n")))
    assert result.exit_code == 0, result.stderr
    assert ('Cảnh báo: khen thưởng đã có trong sổ nhưng tệp ghi khác, sổ giữ bản đã ghi: dòng 2, cột "Loại hình": '
            '"chuyên đề" — trong sổ: "công trạng" (Bằng khen của Bộ, số 12/QĐ-BTTTT)') in result.stderr
    awards = json.loads(thidua.ok("awards", "--format", "json").stdout)["awards"]
    assert [(a["number"], a["award_kind"]) for a in awards] == [("12/QĐ-BTTTT", "cong-trang")]
    # the same file again, or a row repeated inside a file, says nothing more
    again = thidua("awards", "import", str(thidua.write("kt-3.csv", header + "NV1,Bằng khen của Bộ,12/QĐ-BTTTT,05/3/2020,Công trạng\n" * 2)))
    assert again.exit_code == 0 and "tệp ghi khác" not in again.stderr


def test_a_short_list_of_subjects_updates_what_it_says_and_keeps_the_rest(thidua):
    """Importing a list of new people (mã, họ tên, loại only) wiped the unit, position and gender of every
    person already in the ledger ("cập nhật 3"), with no word: the members of a unit were no longer its."""
    thidua.mini()
    short = thidua.write("moi.csv", "Mã,Họ và tên,Loại\nNV1,Nguyễn Văn An,Cá nhân\nNV2,Trần Thị Ánh,Cá nhân\nNV9,Đỗ Văn Chín,Cá nhân\n")
    result = thidua("subject", "import", str(short))
    assert result.exit_code == 0, result.stderr
    assert "Đã thêm 1, cập nhật 0, giữ nguyên 2 đối tượng." in result.stderr
    subjects = subjects_json(thidua)
    assert [(subjects[c]["unit"], subjects[c]["position"], subjects[c]["gender"]) for c in ("NV1", "NV2")] == [
        ("VP", "Chuyên viên", "nam"), ("VP", "Chánh Văn phòng", "nữ")]
    assert subjects["VP"]["female_percent"] == 40
    # a value the file gives still replaces the one on record
    moved = thidua.write("chuyen.csv", "Mã,Họ và tên,Loại,Đơn vị,Chức vụ\nNV1,Nguyễn Văn An,Cá nhân,TTRA,\n")
    assert "cập nhật 1" in thidua.ok("subject", "import", str(moved)).stderr
    subjects = subjects_json(thidua)
    assert (subjects["NV1"]["unit"], subjects["NV1"]["position"]) == ("TTRA", "Chuyên viên")


def test_subject_add_keeps_what_its_options_do_not_say_and_refuses_a_gender_for_a_collective(thidua):
    """`subject add` (thêm hoặc sửa) to correct a name wiped the unit, position and gender it was not given;
    a --gender for a collective was dropped without a word."""
    thidua.mini()
    thidua.ok("subject", "add", "--code", "NV2", "--name", "Trần Thị Ánh Hồng", "--kind", "cá nhân")
    subject = subjects_json(thidua)["NV2"]
    assert (subject["name"], subject["unit"], subject["position"], subject["gender"]) == (
        "Trần Thị Ánh Hồng", "VP", "Chánh Văn phòng", "nữ")
    assert_refused(thidua, ["subject", "add", "--code", "P1", "--name", "Phòng Một", "--kind", "collective", "--gender", "nữ"],
                   "--gender: giới tính chỉ ghi cho cá nhân, P1 là tập thể")
    # an option given empty clears what it names: the only way to say "no position any more" (a file's empty cell keeps)
    assert "Đã cập nhật NV2" in thidua.ok("subject", "add", "--code", "NV2", "--name", "Trần Thị Ánh Hồng", "--kind", "cá nhân",
                                          "--position", "", "--unit", " ").stderr
    subject = subjects_json(thidua)["NV2"]
    assert (subject["unit"], subject["position"], subject["gender"]) == (None, None, "nữ")


def test_points_with_a_thousands_mark_are_refused_with_what_to_write(thidua):
    """"2.500" was read as 2,5 points — in an office's own notation it is two thousand five hundred: which one is
    meant is asked, never guessed; "1.234,5" said only "không phải số điểm"."""
    thidua.mini()
    path = thidua.write("diem.csv", "Ngày,Mã,Tiêu chí,Điểm\n05/10/2021,NV1,TC1,\"2.500\"\n05/10/2021,NV2,TC1,\"1.234,5\"\n")
    result = assert_refused(thidua, ["import-entries", str(path)],
                            'dòng 2, cột "Điểm": "2.500" là 2,5 hay 2500? — viết 2,5 hoặc 2500')
    assert 'dòng 3, cột "Điểm": "1.234,5" có dấu ngăn cách hàng nghìn — viết 1234,5' in result.stderr
    assert_refused(thidua, ["add-entry", "-s", "NV1", "-k", "TC1", "-p", "1.000", "-d", "2021-10-05"],
                   "là 1 hay 1000? — viết 1 hoặc 1000")
    thidua.ok("add-entry", "-s", "NV1", "-k", "TC1", "-p", "1,50", "-d", "2021-10-05")


def test_the_place_date_and_signatures_under_a_table_are_left_out_and_named(thidua):
    """The signature block every Vietnamese table ends with refused the file with one error per cell ('"NGƯỜI LẬP
    BIỂU" không có đối tượng này', '"THỦ TRƯỞNG ĐƠN VỊ" không phải năm' …); it is now named in one warning."""
    thidua.mini()
    path = thidua.write("xep-loai.csv", """\
        Mã,Họ và tên,Năm,Xếp loại
        NV1,Nguyễn Văn An,2021,HTXSNV
        ,,,
        ,,"Trà Vinh, ngày 05 tháng 01 năm 2022",
        NGƯỜI LẬP BIỂU,,THỦ TRƯỞNG ĐƠN VỊ,
        Lê Văn Lập,,Trần Văn Trưởng,
        """)
    result = thidua("ratings", "import", str(path))
    assert result.exit_code == 0, result.stderr
    assert ('Cảnh báo: không nhập phần cuối bảng (địa danh, ngày tháng, chức danh và tên người ký — không phải dữ liệu): '
            'dòng 4 ("Trà Vinh, ngày 05 tháng 01 năm 2022"); dòng 5 ("NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ"); '
            'dòng 6 ("Lê Văn Lập", "Trần Văn Trưởng")') in result.stderr
    listed = json.loads(thidua.ok("ratings", "--format", "json").stdout)["ratings"]
    assert [(r["subject"], r["year"]) for r in listed] == [("NV1", 2021)]


def test_the_signature_block_of_a_workbook_is_left_out_but_a_row_missing_its_code_is_still_refused(thidua):
    thidua.mini()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tháng 10"
    for row in (["Ngày", "Mã", "Tiêu chí", "Điểm", "Nội dung"], ["05/10/2021", "NV1", "TC1", 2, "Họp"], [],
                [None, None, None, "Trà Vinh, ngày 31 tháng 10 năm 2021"], [None, None, None, "KT. GIÁM ĐỐC"],
                [None, None, None, "PHÓ GIÁM ĐỐC"], [None, None, None, "Nguyễn Văn Ký"]):
        sheet.append(row)
    sheet.merge_cells("D4:E4")
    workbook.save(thidua.folder / "thang-10.xlsx")
    result = thidua("import-entries", str(thidua.folder / "thang-10.xlsx"))
    assert result.exit_code == 0, result.stderr
    assert ('không nhập phần cuối bảng (địa danh, ngày tháng, chức danh và tên người ký — không phải dữ liệu): '
            'trang tính "Tháng 10", dòng 4 ("Trà Vinh, ngày 31 tháng 10 năm 2021"); trang tính "Tháng 10", dòng 5 '
            '("KT. GIÁM ĐỐC"); trang tính "Tháng 10", dòng 6 ("PHÓ GIÁM ĐỐC"); trang tính "Tháng 10", dòng 7 ("Nguyễn Văn Ký")'
            ) in result.stderr
    assert [e["subject"] for e in json.loads(thidua.ok("entries", "--format", "json").stdout)["entries"]] == ["NV1"]
    # a row of data that only lacks its code is no footer, though its note ends with a date
    forgot = thidua.write("thang-11.csv", "Ngày,Mã,Tiêu chí,Điểm,Nội dung\n05/11/2021,,TC1,1,Họp ngày 05 tháng 11 năm 2021\n")
    assert_refused(thidua, ["import-entries", str(forgot)], 'dòng 2, cột "Mã": "" trống — cần mã hoặc tên đối tượng')


def test_the_signature_block_of_an_entries_file_is_named_the_same_in_one_process_or_two(ledger):
    path = ledger.write("thang-10.csv", """\
        Ngày;Mã;Tiêu chí;Điểm;Nội dung
        05/10/2021;NV1;TC1;2;Họp
        ;;;;"Trà Vinh, ngày 31 tháng 10 năm 2021"
        ;;;;NGƯỜI LẬP BIỂU
        """)
    result = ledger("import-entries", str(path))
    assert result.exit_code == 0, result.stderr
    assert 'phần cuối bảng (địa danh, ngày tháng, chức danh và tên người ký — không phải dữ liệu): dòng 3 ("Trà Vinh, ngày 31 tháng 10 năm 2021"); dòng 4 ("NGƯỜI LẬP BIỂU")' in result.stderr
    assert "Đã ghi 1 mục" in result.stderr


def test_a_staff_list_without_codes_is_refused_with_how_to_give_them(thidua):
    """The hint offered only --column "Tên cột=code", which a person follows with the STT column (codes 1, 2, 3)."""
    thidua.mini()
    path = thidua.write("can-bo.csv", "STT,Họ và tên,Chức vụ\n1,Nguyễn Văn Mười,Chuyên viên\n")
    result = assert_refused(thidua, ["subject", "import", str(path), "--kind", "ca-nhan"], "tệp can-bo.csv thiếu cột mã (dòng tiêu đề có:")
    assert ('Gợi ý: danh sách chưa có mã thì thêm cột "Mã", mỗi đối tượng một mã (ví dụ NV01, VP — không dùng số thứ tự '
            'STT): mã dùng để ghi điểm, khen thưởng, xếp loại') in result.stderr


def test_total_rows_whose_label_counts_are_left_out_and_named_but_names_like_them_are_kept(thidua):
    """"Tổng cộng: 2 người", "Tổng số: 15 đồng chí", "Cộng: 3 tập thể" under the names refused the file (a subject
    without a code); they are total rows like "Tổng cộng". A person called "Tổng Văn Cộng" or "Tổng Công Minh" and
    units called "Cộng đồng …", "Cộng tác viên …", "Tổng đội …" are subjects."""
    thidua.mini()
    rows = [["STT", "Mã", "Họ và tên", "Loại"], ["1", "NN01", "Tổng Văn Cộng", "Cá nhân"], ["2", "NN02", "Tổng Công Minh", "Cá nhân"],
            ["3", "CD3", "Cộng đồng khu phố 3", "Tập thể"], ["4", "CTV", "Cộng tác viên dư luận xã hội", "Tập thể"],
            ["5", "TD", "Tổng đội Thanh niên xung phong", "Tập thể"], ["", "", "Tổng cộng: 2 người", ""],
            ["", "", "Tổng số: 15 đồng chí", "5"], ["", "", "Cộng: 3 tập thể", ""]]
    for path, where in csv_and_workbook(thidua, "can-bo", rows, ","):
        result = thidua("subject", "import", str(path), "--dry-run")
        assert result.exit_code == 0, result.stderr
        loai = "Loại" if where == "dòng" else "cột D"
        assert (f'không nhập dòng tổng cộng (không phải dữ liệu của một đối tượng): {where} 7 ("Tổng cộng: 2 người"); '
                f'{where} 8 ("Tổng số: 15 đồng chí"; {loai}: "5"); {where} 9 ("Cộng: 3 tập thể")') in result.stderr
        assert "sẽ thêm 5," in result.stderr
    thidua.ok("subject", "import", str(thidua.folder / "can-bo.xlsx"))
    names = {code: s["name"] for code, s in subjects_json(thidua).items()}
    assert [names[code] for code in ("NN01", "NN02", "CD3", "CTV", "TD")] == [
        "Tổng Văn Cộng", "Tổng Công Minh", "Cộng đồng khu phố 3", "Cộng tác viên dư luận xã hội", "Tổng đội Thanh niên xung phong"]


def test_the_subtotal_of_each_group_is_left_out_and_named_like_the_total(ledger):
    """An office's list sums each phòng under its rows ("Cộng phòng A", "Cộng: Phòng Kế hoạch", "Tổng phòng B"):
    those rows refused the file as subjects not in the ledger; they are left out and named, with their sums."""
    path = ledger.write("thang-10.csv", """\
        Ngày;Họ và tên;Tiêu chí;Điểm;Nội dung
        05/10/2021;Nguyễn Văn An;TC1;1,5;Họp
        ;Cộng phòng A;;1,5;
        06/10/2021;Trần Thị Ánh;TC1;2;Trực
        ;Cộng: Phòng Kế hoạch;;2;
        07/10/2021;Lê Văn Hòa;TC1;3;Trực
        ;TỔNG PHÒNG B;;3;
        ;Tổng cộng: 3 người;;6,5;
        """)
    result = ledger("import-entries", str(path))
    assert result.exit_code == 0, result.stderr
    assert ('không nhập dòng tổng cộng (không phải dữ liệu của một đối tượng): dòng 3 ("Cộng phòng A"; Điểm: "1,5"); '
            'dòng 5 ("Cộng: Phòng Kế hoạch"; Điểm: "2"); dòng 7 ("TỔNG PHÒNG B"; Điểm: "3"); '
            'dòng 8 ("Tổng cộng: 3 người"; Điểm: "6,5")') in result.stderr
    assert "Đã ghi 3 mục" in result.stderr
    stored = json.loads(ledger.ok("entries", "--format", "json").stdout)["entries"]
    assert sorted((e["subject"], e["points"]) for e in stored) == [("NV1", 1.5), ("NV2", 2), ("NV3", 3)]


RATINGS_BY_YEAR = """\
    KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CÁN BỘ QUA CÁC NĂM,,,,
    Họ và tên,Đơn vị,2019,2020,2021
    Nguyễn Văn An,VP,HTXSNV,"HTTNV, LĐTT",
    Trần Thị Ánh,VP,HTNV,LĐTT,Hoàn thành tốt nhiệm vụ
    """


def test_ratings_kept_one_column_per_year_give_one_rating_per_cell_filled_in(thidua):
    """Offices keep their ratings one column per year: the file was refused for want of a "Năm" and a
    "Xếp loại" column. Each cell filled in is the rating of its column's year; a danh hiệu written in the
    cell (LĐTT) is no rating, and is named."""
    thidua.mini()
    result = thidua("ratings", "import", str(thidua.write("qua-cac-nam.csv", RATINGS_BY_YEAR)))
    assert result.exit_code == 0, result.stderr
    # the unit column is read: it is each person's unit in the ledger, so nothing is said of it
    assert "bỏ qua cột" not in result.stderr and "đơn vị ghi trong tệp" not in result.stderr
    assert ('không nhập danh hiệu thi đua, hình thức khen thưởng ghi trong ô xếp loại (không phải xếp loại — chép sang '
            'tệp lịch sử khen thưởng, mỗi dòng một khen thưởng với số quyết định, rồi thidua awards import): dòng 3, '
            'cột "2020": "LĐTT"; dòng 4, cột "2020": "LĐTT"') in result.stderr
    assert "Đã ghi 4 xếp loại" in result.stderr
    assert ratings_stored(thidua) == [
        ("NV1", 2019, "Hoàn thành xuất sắc nhiệm vụ"), ("NV1", 2020, "Hoàn thành tốt nhiệm vụ"),
        ("NV2", 2019, "Hoàn thành nhiệm vụ"), ("NV2", 2021, "Hoàn thành tốt nhiệm vụ")]


def test_a_year_cell_that_holds_no_rating_is_refused_by_its_column(thidua):
    thidua.mini()
    path = thidua.write("qua-cac-nam.csv", RATINGS_BY_YEAR.replace("LĐTT,Hoàn", "Khá,Hoàn"))
    assert_refused(thidua, ["ratings", "import", str(path)], 'dòng 4, cột "2020": "Khá" không phải xếp loại (mức đánh giá theo chuẩn nghề nghiệp Tốt/Khá/Đạt/Chưa đạt, không phải xếp loại chất lượng hằng năm); ghi một trong:')
    assert_refused(thidua, ["ratings", "import", str(thidua.write("b.csv", RATINGS_BY_YEAR)), "--year", "2021"],
                   "--year: tệp b.csv ghi mỗi năm một cột (2019, 2020, 2021), năm của mỗi xếp loại là năm của cột — bỏ --year",
                   code=2)
    # a year under a header of the office's own is given by --column, as the README says
    own = thidua.write("xl.csv", "Họ và tên,XL 20,XL 21\nLê Văn Hòa,HTXSNV,HTTNV\n")
    result = thidua("ratings", "import", str(own), "--column", "XL 20=2020", "--column", "XL 21=2021")
    assert result.exit_code == 0, result.stderr
    assert [(subject, year) for subject, year, _ in ratings_stored(thidua)] == [("NV3", 2020), ("NV3", 2021)]
    # a year not to be rated yet is refused with the years it may be, not with each of them
    assert_refused(thidua, ["ratings", "import", str(own), "--column", "XL 20=2090"],
                   '--column "XL 20=2090": tệp xếp loại không có trường "2090" (có: subject, subject_name, unit, '
                   'một năm từ 1945 đến ', code=2)


def test_a_table_with_both_a_year_column_and_columns_of_years_is_refused_by_name(thidua):
    """"Năm | Xếp loại" beside a "2025" column: read by years, the Năm and Xếp loại columns were left out with a
    warning naming the columns, and their ratings (the file's own) went nowhere."""
    thidua.mini()
    both = thidua.write("ca-hai.csv", "Mã,Họ và tên,Năm,Xếp loại,2025\nNV1,Nguyễn Văn An,2024,HTTNV,HTXSNV\n")
    assert_refused(thidua, ["ratings", "import", str(both)],
                   "tệp ca-hai.csv có cả cột Năm và Xếp loại (mỗi dòng một năm) lẫn cột của từng năm (2025): "
                   "không rõ đọc theo cách nào")
    result = thidua("ratings", "import", str(both), "--column", "2025=-")
    assert result.exit_code == 0, result.stderr
    assert [(subject, year) for subject, year, _ in ratings_stored(thidua)] == [("NV1", 2024)]


def test_two_columns_of_one_year_are_refused_as_such_not_as_a_table_without_a_year_column(thidua):
    thidua.mini()
    twice = thidua.write("hai-cot.csv", "Mã,Họ và tên,Năm 2024,Năm 2024,2025\nNV1,Nguyễn Văn An,HTXSNV,HTTNV,HTNV\n")
    assert_refused(thidua, ["ratings", "import", str(twice)],
                   'tệp hai-cot.csv, dòng 1: cột "Năm 2024" và cột "Năm 2024" cùng là cột xếp loại năm 2024 (2024)')


def test_a_column_of_a_year_to_come_is_refused_by_its_cell(thidua, monkeypatch):
    """A "2027" column in 2026 was not a year column: left out under "bỏ qua cột: 2027", its ratings went nowhere."""
    monkeypatch.setenv("THIDUA_TODAY", "2026-12-07")
    thidua.mini()
    ahead = thidua.write("nam-sau.csv", "Mã,Họ và tên,2025,2027\nNV1,Nguyễn Văn An,HTXSNV,HTTNV\nNV2,Trần Thị Bình,HTTNV,\n")
    assert_refused(thidua, ["ratings", "import", str(ahead)],
                   'dòng 2, cột "2027": "HTTNV" năm 2027 chưa đến — chưa có xếp loại (năm nay 2026)')


def test_a_workbook_of_ratings_by_year_under_a_merged_title_is_read_by_its_years(thidua):
    """The years under "Kết quả xếp loại" merged over their columns, as numbers; a code column beside the names."""
    thidua.mini()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Xếp loại"
    for row in (["SỞ THÔNG TIN VÀ TRUYỀN THÔNG"], ["STT", "Mã", "Họ và tên", "Kết quả xếp loại", None, None],
                [None, None, None, 2019, 2020, 2021], [1, "NV3", "Lê Văn Hòa", "HTTNV", None, "HTXSNV"],
                [None, None, "Cộng: 1 người", None, None, None]):
        sheet.append(row)
    sheet.merge_cells("D2:F2")
    workbook.save(thidua.folder / "xep-loai.xlsx")
    result = thidua("ratings", "import", str(thidua.folder / "xep-loai.xlsx"))
    assert result.exit_code == 0, result.stderr
    assert 'không nhập dòng tổng cộng (không phải dữ liệu của một đối tượng): trang tính "Xếp loại", dòng 5 ("Cộng: 1 người")' in result.stderr
    assert ratings_stored(thidua) == [
        ("NV3", 2019, "Hoàn thành tốt nhiệm vụ"), ("NV3", 2021, "Hoàn thành xuất sắc nhiệm vụ")]


def test_a_refused_entries_file_names_the_columns_it_did_not_read(ledger):
    """The other imports end a refusal with the columns nothing read (often the one the errors miss, under the
    office's own header); import-entries did not, in one process or in two."""
    path = ledger.write("thang-11.csv", """\
        STT;Ngày;Mã;Tiêu chí;Điểm;Diễn giải
        1;05/11/2021;NV9;TC1;1,5;Họp
        """)
    result = assert_refused(ledger, ["import-entries", str(path)], 'dòng 2, cột "Mã": "NV9" không có đối tượng này trong sổ')
    assert ('Gợi ý: tệp có cột không được đọc: STT, Diễn giải; nếu một cột ấy là cột nội dung thành tích (note), '
            'minh chứng (evidence), chỉ rõ bằng --column "Diễn giải=note"') in result.stderr


def test_a_missing_column_is_named_in_vietnamese_and_the_header_row_by_the_office_s_headers(thidua):
    """"thiếu cột kind (loại …)" showed the office worker an English field name; the refusal names the column by
    its Vietnamese label, the hint the header row by the headers offices write, and the field's name is left only
    in the --column the person types."""
    thidua.mini()
    result = assert_refused(thidua, ["subject", "import", str(thidua.write("can-bo.csv", STAFF_WITHOUT_KIND))],
                            "Lỗi: tệp can-bo.csv thiếu cột loại (cá nhân / tập thể) (dòng tiêu đề có: Mã, Họ và tên, Đơn vị công tác)")
    assert ('dòng tiêu đề (một trong 20 dòng đầu) phải có các cột: "Mã", "Họ và tên", "Loại"; cột mang tên khác thì '
            'chỉ rõ: --column "Tên cột=kind"') in result.stderr
    result = assert_refused(thidua, ["awards", "import", str(thidua.write("qt.csv", "Mã,Ghi chú\nNV1,x\n"))],
                            "thiếu cột khen thưởng (mã hoặc tên) hoặc danh hiệu thi đua hoặc hình thức khen thưởng (dòng")
    assert 'phải có các cột: "Mã" hoặc "Họ và tên", "Mã khen thưởng" hoặc "Danh hiệu" hoặc "Hình thức khen thưởng"' in result.stderr
    for line in result.stderr.splitlines():
        assert " award" not in line.split("--column")[0], line


def test_the_rows_heading_each_group_are_left_out_and_named(thidua):
    """A staff list grouped by phòng ("I | | Phòng Kế hoạch", "II. Văn phòng Sở") was refused: the group's row has
    no code and no kind. It is left out and named; a row numbered 1, 2 … that lacks its code is still refused."""
    thidua.mini()
    rows = [["STT", "Mã", "Họ và tên", "Loại"], ["I", "", "Phòng Kế hoạch", ""], ["1", "KH01", "Nguyễn Văn Tư", "Cá nhân"],
            ["", "", "Cộng Văn phòng", ""], ["", "", "II. Văn phòng Sở", ""], ["2", "VP2", "Văn phòng Sở", "Tập thể"]]
    for path, where in csv_and_workbook(thidua, "can-bo", rows):
        result = thidua("subject", "import", str(path), "--dry-run")
        assert result.exit_code == 0, result.stderr
        assert (f'Cảnh báo: không nhập dòng tên nhóm (tiêu đề một nhóm trong bảng, không phải dữ liệu): {where} 2 ("I", '
                f'"Phòng Kế hoạch"); {where} 5 ("II. Văn phòng Sở")') in result.stderr
        assert f'không nhập dòng tổng cộng (không phải dữ liệu của một đối tượng): {where} 4 ("Cộng Văn phòng")' in result.stderr
        assert "sẽ thêm 2," in result.stderr
    forgot = thidua.write("thieu-ma.csv", "STT;Mã;Họ và tên;Loại\n1;;Nguyễn Văn Tư;\n")
    assert_refused(thidua, ["subject", "import", str(forgot)], 'dòng 2, cột "Mã": "" trống — mỗi đối tượng cần một mã')


def test_a_danh_hieu_in_a_workbook_s_year_cell_is_named_by_the_cell(thidua):
    thidua.mini()
    workbook = Workbook()
    for row in (["Mã", "2019", "2020", "2021"], ["NV1", "HTTNV (Giấy khen)", "HTXSNV/CSTĐCS", "LĐTT"]):
        workbook.active.append(row)
    workbook.save(thidua.folder / "xl.xlsx")
    result = thidua("ratings", "import", str(thidua.folder / "xl.xlsx"))
    assert result.exit_code == 0, result.stderr
    assert ('rồi thidua awards import): trang tính "Sheet", dòng 2, cột B: "Giấy khen"; trang tính "Sheet", dòng 2, '
            'cột C: "CSTĐCS"; trang tính "Sheet", dòng 2, cột D: "LĐTT"') in result.stderr
    assert ratings_stored(thidua) == [("NV1", 2019, "Hoàn thành tốt nhiệm vụ"), ("NV1", 2020, "Hoàn thành xuất sắc nhiệm vụ")]


def test_a_list_typed_in_tcvn3_has_its_code_header_total_and_signatures_told_apart(thidua):
    """A list saved from a .VnTime font: the "Mã" header (two letters, "M·") was not read as the code column, and
    the "Tổng cộng" and signature rows — told apart before the cells are converted — were refused as subjects.
    They are read as the person sees them, and named converted."""
    from thidua_cli.domain.legacy import unicode_to_tcvn3

    thidua.mini()
    rows = [["Mã", "Họ và tên", "Loại"], ["KH03", "Nguyễn Thị Hường", "Cá nhân"], ["", "Tổng cộng: 1 người", ""],
            ["", "", "Trà Vinh, ngày 15 tháng 12 năm 2021"], ["", "", "NGƯỜI LẬP BIỂU"]]
    path = thidua.folder / "can-bo.csv"
    path.write_bytes("".join(";".join(unicode_to_tcvn3(cell) for cell in row) + "\r\n" for row in rows).encode("latin-1"))
    workbook = Workbook()
    for row in rows:
        workbook.active.append([unicode_to_tcvn3(cell) or None for cell in row])
    for line in workbook.active.iter_rows():
        for cell in line:
            cell.font = Font(name=".VnTime")
    workbook.save(thidua.folder / "can-bo.xlsx")
    for path, where in ((path, "dòng"), (thidua.folder / "can-bo.xlsx", 'trang tính "Sheet", dòng')):
        result = thidua("subject", "import", str(path), "--dry-run")
        assert result.exit_code == 0, result.stderr
        assert f'không nhập dòng tổng cộng (không phải dữ liệu của một đối tượng): {where} 3 ("Tổng cộng: 1 người")' in result.stderr
        assert (f'không phải dữ liệu): {where} 4 ("Trà Vinh, ngày 15 tháng 12 năm 2021"); {where} 5 ("NGƯỜI LẬP BIỂU")'
                in result.stderr)
        assert "sẽ thêm 1," in result.stderr
    thidua.ok("subject", "import", str(path))
    assert subjects_json(thidua)["KH03"]["name"] == "Nguyễn Thị Hường"


def test_a_csv_saved_from_a_workbook_with_a_merged_title_over_the_years_is_read_by_its_years(thidua):
    """The merged "Kết quả xếp loại" over 2019 | 2020 | 2021 saved as CSV: the title, then empty cells the next row
    heads. Read as the workbook is; a title row over a header of its own is still no header."""
    thidua.mini()
    path = thidua.write("xep-loai.csv", """\
        KẾT QUẢ XẾP LOẠI;;;;
        STT;Họ và tên;Kết quả xếp loại;;
        ;;2019;2020;2021
        1;Lê Văn Hòa;HTTNV;;HTXSNV
        """)
    result = thidua("ratings", "import", str(path))
    assert result.exit_code == 0, result.stderr
    assert "Cảnh báo: bỏ qua cột: STT" in result.stderr
    assert ratings_stored(thidua) == [
        ("NV3", 2019, "Hoàn thành tốt nhiệm vụ"), ("NV3", 2021, "Hoàn thành xuất sắc nhiệm vụ")]


def test_a_total_row_counting_under_the_names_beside_its_label_is_left_out_and_named(thidua):
    """"Tổng cộng" under STT (or merged over STT and Mã) and "15 người" under the names: the row was refused as a
    subject without a code (or read as a subject coded "Cộng" when the label sat under Mã)."""
    thidua.mini()
    path = thidua.write("can-bo.csv", "STT;Mã;Họ và tên;Loại\n1;KH09;Lê Thị Mười;Cá nhân\nTổng cộng;;01 người;\n;Cộng;1 người;\n")
    result = thidua("subject", "import", str(path), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert ('không nhập dòng tổng cộng (không phải dữ liệu của một đối tượng): dòng 3 ("Tổng cộng"; Họ và tên: "01 người"); '
            'dòng 4 ("Cộng"; Họ và tên: "1 người")') in result.stderr
    workbook = Workbook()
    for row in (["STT", "Mã", "Họ và tên", "Loại"], [1, "KH09", "Lê Thị Mười", "Cá nhân"], ["Tổng cộng", None, "15 người", None]):
        workbook.active.append(row)
    workbook.active.merge_cells("A3:B3")
    workbook.save(thidua.folder / "can-bo.xlsx")
    result = thidua("subject", "import", str(thidua.folder / "can-bo.xlsx"))
    assert result.exit_code == 0, result.stderr
    assert 'trang tính "Sheet", dòng 3 ("Tổng cộng"; cột C: "15 người")' in result.stderr
    assert "KH09" in subjects_json(thidua) and len(subjects_json(thidua)) == 5
    # a count under the names with no label is a subject's row missing its code: refused
    assert_refused(thidua, ["subject", "import", str(thidua.write("x.csv", "Mã;Họ và tên;Loại\n;15 người;\n"))],
                   'dòng 2, cột "Mã": "" trống — mỗi đối tượng cần một mã')


def test_a_group_heading_in_a_file_that_names_its_subjects_without_codes_is_left_out_and_named(ledger):
    path = ledger.write("thang-10.csv", """\
        STT;Ngày;Họ và tên;Tiêu chí;Điểm
        I;;Văn phòng;;
        1;05/10/2021;Nguyễn Văn An;TC1;2
        """)
    result = ledger("import-entries", str(path))
    assert result.exit_code == 0, result.stderr
    assert 'không nhập dòng tên nhóm (tiêu đề một nhóm trong bảng, không phải dữ liệu): dòng 2 ("I", "Văn phòng")' in result.stderr
    assert "Đã ghi 1 mục" in result.stderr
    workbook = Workbook()
    for row in (["STT", "Ngày", "Họ và tên", "Tiêu chí", "Điểm"], ["II", None, "Phòng Kế hoạch", None, None],
                [1, "06/10/2021", "Trần Thị Ánh", "TC1", 3]):
        workbook.active.append(row)
    workbook.save(ledger.folder / "thang-10.xlsx")
    result = ledger("import-entries", str(ledger.folder / "thang-10.xlsx"))
    assert result.exit_code == 0, result.stderr
    assert 'không phải dữ liệu): trang tính "Sheet", dòng 2 ("II", "Phòng Kế hoạch")' in result.stderr
    # a rating written as a letter after the name is no group's heading: refused as no rating
    path = ledger.write("xep-loai.csv", "Họ và tên;Năm;Xếp loại\nNguyễn Văn An;;A\n")
    assert_refused(ledger, ["ratings", "import", str(path), "--year", "2021"], 'dòng 2, cột "Xếp loại": "A" không phải xếp loại')


def test_a_registration_naming_an_award_the_campaign_calls_otherwise_lists_each_award_by_code_and_name(thidua):
    """"Bằng khen" was refused with "(có: GK, LDTT)": the person who wrote a name was left to guess the codes. The
    words the one award begins with ("Giấy khen" for "Giấy khen của Giám đốc Sở") name it (they were refused too)."""
    thidua.ok("campaign", "load", str(thidua.write("ldtt.toml", CAMPAIGN_WITH_LDTT)))
    thidua.ok("subject", "import", str(thidua.write("s.csv", "Mã,Họ và tên,Loại\nNV1,Nguyễn Văn An,cá nhân\n")))
    path = thidua.write("dang-ky.csv", "Mã;Danh hiệu đăng ký\nNV1;Bằng khen\n")
    assert_refused(thidua, ["register", "import", str(path)],
                   'dòng 2, cột "Danh hiệu đăng ký": "Bằng khen" không phải danh hiệu, hình thức của phong trào mini '
                   '(có: GK — Giấy khen của Giám đốc Sở; LDTT — Lao động tiên tiến)')
    # one word is no award's name, though one award begins with it (revin)
    assert_refused(thidua, ["register", "import", str(thidua.write("dang-ky-1.csv", "Mã;Danh hiệu đăng ký\nNV1;Giấy\n"))],
                   '"Giấy" không phải danh hiệu, hình thức của phong trào mini')
    thidua.ok("register", "import", str(thidua.write("dang-ky-2.csv", "Mã;Danh hiệu đăng ký\nNV1;giấy khen\n")))
    listed = json.loads(thidua.ok("register", "list", "--format", "json").stdout)
    assert [(r["subject"], r["award"]) for r in listed["registrations"]] == [("NV1", "GK")]


def test_the_kind_of_a_row_comes_from_the_heading_it_stands_under(thidua):
    """A list split "A. TẬP THỂ" … "B. CÁ NHÂN" (sub-grouped by phòng) has no "Loại" column and could not be given one
    --kind: each row without a kind takes the one of the nearest heading that names one, and the warning says so."""
    thidua.mini()
    rows = [["STT", "Mã", "Họ và tên", "Chức vụ"], ["A", "", "TẬP THỂ", ""], ["1", "P9", "Phòng Tổ chức", ""],
            ["B", "", "CÁ NHÂN", ""], ["I", "", "Phòng Kế hoạch", ""], ["1", "KH21", "Lê Văn Một", "Chuyên viên"],
            ["", "", "2. Phòng Tổ chức", ""], ["2", "KH22", "Lê Văn Hai", ""]]
    for path, where in csv_and_workbook(thidua, "de-nghi", rows):
        result = thidua("subject", "import", str(path), "--dry-run")
        assert result.exit_code == 0, result.stderr
        assert f'1 dòng không ghi loại, lấy loại tập thể theo dòng tên nhóm "TẬP THỂ" phía trên: {where} 3' in result.stderr
        assert (f'2 dòng không ghi loại, lấy loại cá nhân theo dòng tên nhóm "CÁ NHÂN" phía trên: {where} 6; {where} 8'
                in result.stderr)
        assert f'{where} 5 ("I", "Phòng Kế hoạch"); {where} 7 ("2. Phòng Tổ chức")' in result.stderr
    thidua.ok("subject", "import", str(thidua.folder / "de-nghi.xlsx"))
    subjects = subjects_json(thidua)
    assert [subjects[code]["kind"] for code in ("P9", "KH21", "KH22")] == ["collective", "individual", "individual"]
    # no heading naming a kind, no "Loại" column, no --kind: refused as the file lacking the column, as before
    assert_refused(thidua, ["subject", "import", str(thidua.write("x.csv", "STT;Mã;Họ và tên\nI;;Phòng Kế hoạch\n1;KH23;Lê Văn Ba\n"))],
                   "tệp x.csv thiếu cột loại (cá nhân / tập thể) (dòng tiêu đề có: STT, Mã, Họ và tên)")


def kinds_from_headings(thidua, stem: str, rows: list[list[str]]) -> list[tuple[object, str]]:
    """Rows 2 and 4 head the groups TẬP THỂ and CÁ NHÂN of rows 3 and 5: each takes its heading's kind, as .csv and
    as .xlsx; the results with how they name a row."""
    results = []
    for path, where in csv_and_workbook(thidua, stem, rows):
        result = thidua("subject", "import", str(path), "--dry-run")
        assert result.exit_code == 0, result.stderr
        collective, individual = (next(c for c in rows[line] if c) if rows[line][1] == "" else rows[line][1] for line in (1, 3))
        assert f'lấy loại tập thể theo dòng tên nhóm "{collective}" phía trên: {where} 3' in result.stderr
        assert f'lấy loại cá nhân theo dòng tên nhóm "{individual}" phía trên: {where} 5' in result.stderr
        results.append((result, where))
    return results


def test_a_heading_typed_under_the_code_column_heads_its_group(thidua):
    """"A | TẬP THỂ" with TẬP THỂ under "Mã": read as a row whose code is "TẬP THỂ", the file was refused for
    lacking a "Loại" column though its headings say the kind."""
    thidua.mini()
    rows = [["STT", "Mã", "Họ và tên"], ["A", "TẬP THỂ", ""], ["1", "P9", "Phòng Tổ chức"],
            ["B", "CÁ NHÂN", ""], ["1", "KH21", "Lê Văn Một"]]
    kinds_from_headings(thidua, "nhom-o-ma", rows)
    # a row with a code and no name is no heading: refused by its empty name
    assert_refused(thidua, ["subject", "import", str(thidua.write("x.csv", "STT;Mã;Họ và tên;Loại\nA;P8;;tập thể\n"))],
                   "dòng 2")


def test_the_forms_chuc_vu_don_vi_cong_tac_column_is_kept_as_the_position(thidua):
    """The one column "Chức vụ, đơn vị công tác" of the forms was left out ("bỏ qua cột") with every value in it;
    beside a "Chức vụ" column of its own it stays left out and named."""
    thidua.mini()
    one = thidua.write("cv-dv.csv", 'Mã;Họ và tên;Loại;Chức vụ, đơn vị công tác\nKH31;Lê Văn Ba;cá nhân;Chuyên viên Văn phòng\n')
    result = thidua("subject", "import", str(one))
    assert result.exit_code == 0, result.stderr
    assert "bỏ qua cột" not in result.stderr
    assert subjects_json(thidua)["KH31"]["position"] == "Chuyên viên Văn phòng"
    both = thidua.write("cv-dv-2.csv", "Mã;Họ và tên;Loại;Chức vụ;Chức vụ, đơn vị công tác\nKH32;Lê Văn Tư;cá nhân;Chuyên viên;"
                        "Chuyên viên Văn phòng\n")
    result = thidua("subject", "import", str(both))
    assert result.exit_code == 0, result.stderr
    assert "bỏ qua cột: Chức vụ, đơn vị công tác" in result.stderr
    assert subjects_json(thidua)["KH32"]["position"] == "Chuyên viên"


def test_a_heading_typed_in_the_stt_column_alone_heads_its_group(thidua):
    """"A. TẬP THỂ" typed in the STT cell, the rest of its row empty: the workbook skipped it as a blank row (no read
    column holds anything), so its rows had no kind and the file was refused for lacking a "Loại" column."""
    thidua.mini()
    rows = [["STT", "Mã", "Họ và tên"], ["A. TẬP THỂ", "", ""], ["1", "P9", "Phòng Tổ chức"],
            ["B. CÁ NHÂN", "", ""], ["1", "KH21", "Lê Văn Một"]]
    for result, where in kinds_from_headings(thidua, "nhom-o-stt", rows):
        assert f'{where} 2 ("A. TẬP THỂ"); {where} 4 ("B. CÁ NHÂN")' in result.stderr


# the year's awards an office keeps beside its ratings and registrations: LĐTT, CSTĐCS, a Bằng khen of the province
CAMPAIGN_OF_THE_YEAR = CAMPAIGN_WITH_LDTT + """
[[awards]]
code = "CSTDCS"
name = "Chiến sĩ thi đua cơ sở"
category = "danh-hieu"
level = 2
applies_to = "individual"
min_score = 30
multiplier = 1.0

[[awards]]
code = "BKUBND"
name = "Bằng khen của Chủ tịch UBND tỉnh"
level = 3
applies_to = "both"
min_score = 40
multiplier = 1.0
"""


def year_workbook(path, rows: list[list], merged: tuple[str, ...] = (), hidden_sheet: bool = True):
    """An office's yearly table: a title above it, headers merged over their columns, and a hidden sheet of notes."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Năm"
    for row in rows:
        sheet.append(row)
    for cells in merged:
        sheet.merge_cells(cells)
    if hidden_sheet:
        notes = workbook.create_sheet("Ghi chú")
        notes.append(["Bảng tổng hợp gửi Phòng Tổ chức"])
        notes.sheet_state = "hidden"
    workbook.save(path)
    return path


def history_stored(thidua) -> list[tuple]:
    """The ledger's award history as (subject, award, name, number, year, category), in order."""
    awards = json.loads(thidua.ok("awards", "--format", "json").stdout)["awards"]
    return sorted((a["subject"], a["award"], a["name"], a["number"], a["year"], a["category"]) for a in awards)


RATING_AND_TITLE_BY_YEAR = [
    ["SỞ KHOA HỌC VÀ CÔNG NGHỆ"],
    ["KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI VÀ DANH HIỆU THI ĐUA CÁC NĂM"],
    ["STT", "Họ và tên", 2023, None, "Năm 2024", None],
    [None, None, "Xếp loại", "Danh hiệu", "Xếp loại", "Danh hiệu"],
    [1, "Nguyễn Văn An", "HTXSNV", "CSTĐCS", "Hoàn thành tốt nhiệm vụ,", "LĐTT"],
    [2, "Trần Thị Ánh", "HTTNV", "LĐTT", "HTNV", None],
    [3, "Lê Văn Hòa", None, None, "HTXSNV", "Giấy khen của Giám đốc Sở,"],
]
RATING_AND_TITLE_MERGES = ("A3:A4", "B3:B4", "C3:D3", "E3:F3")


def test_ratings_with_a_danh_hieu_column_under_each_year_read_the_ratings_and_name_each_danh_hieu(thidua):
    """Each year merged over "Xếp loại" | "Danh hiệu" was refused ("cột C và cột D cùng là cột xếp loại năm 2023"):
    the merged year read as two columns of one year. The sub-headers now say which is which: each Xếp loại cell is
    the rating of its year; the Danh hiệu cells are award history, which ratings cannot hold — each is named in one
    warning that says which command imports them (awards import reads the same file, below)."""
    thidua.ok("campaign", "load", str(thidua.write("nam.toml", CAMPAIGN_OF_THE_YEAR)))
    thidua.ok("subject", "import", str(thidua.write("s.csv", MINI_SUBJECTS_OF_THE_YEAR)))
    path = year_workbook(thidua.folder / "xep-loai-thi-dua.xlsx", RATING_AND_TITLE_BY_YEAR, RATING_AND_TITLE_MERGES)
    result = thidua("ratings", "import", str(path))
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert 'không đọc trang tính ẩn "Ghi chú"' in result.stderr
    assert ('Cảnh báo: không nhập 4 ô của cột danh hiệu từng năm (danh hiệu, hình thức khen thưởng là lịch sử khen '
            'thưởng, không phải xếp loại — nhập chúng bằng: thidua awards import xep-loai-thi-dua.xlsx, lệnh ấy đọc cột '
            'danh hiệu của từng năm và bỏ qua cột xếp loại): trang tính "Năm", dòng 5, cột D: "CSTĐCS"; trang tính "Năm", '
            'dòng 5, cột F: "LĐTT"; trang tính "Năm", dòng 6, cột D: "LĐTT"; trang tính "Năm", dòng 7, cột F: '
            '"Giấy khen của Giám đốc Sở,"') in result.stderr
    assert "Cảnh báo: bỏ qua cột: STT (cột A)\n" in result.stderr  # the rows' numbers only
    assert ratings_stored(thidua) == [
        ("NV1", 2023, "Hoàn thành xuất sắc nhiệm vụ"), ("NV1", 2024, "Hoàn thành tốt nhiệm vụ"),
        ("NV2", 2023, "Hoàn thành tốt nhiệm vụ"), ("NV2", 2024, "Hoàn thành nhiệm vụ"),
        ("NV3", 2024, "Hoàn thành xuất sắc nhiệm vụ")]
    assert history_stored(thidua) == []
    # the command the warning names reads the Danh hiệu cells of the same file, and names the Xếp loại columns
    result = thidua("awards", "import", str(path))
    assert result.exit_code == 0, result.stderr
    assert ("Cảnh báo: không nhập cột xếp loại của từng năm (cột C, cột E): xếp loại không phải khen thưởng — nhập "
            "bằng: thidua ratings import xep-loai-thi-dua.xlsx") in result.stderr
    assert ('ghi 4 khen thưởng theo năm của cột, không có số quyết định (bảng theo năm không ghi số; báo cáo thành tích '
            'để trống ô số, ngày quyết định — có số thì ghi trong ô, ví dụ "CSTĐCS (QĐ 12/QĐ-SKHCN)"): trang tính "Năm", '
            'dòng 5, cột D: "CSTĐCS" → Chiến sĩ thi đua cơ sở; trang tính "Năm", dòng 5, cột F: "LĐTT" → Lao động tiên '
            'tiến; trang tính "Năm", dòng 6, cột D: "LĐTT" → Lao động tiên tiến; trang tính "Năm", dòng 7, cột F: '
            '"Giấy khen của Giám đốc Sở"') in result.stderr
    assert history_stored(thidua) == [
        ("NV1", "CSTDCS", "Chiến sĩ thi đua cơ sở", "", 2023, "danh-hieu"),
        ("NV1", "LDTT", "Lao động tiên tiến", "", 2024, "danh-hieu"),
        ("NV2", "LDTT", "Lao động tiên tiến", "", 2023, "danh-hieu"),
        ("NV3", "GK", "Giấy khen của Giám đốc Sở", "", 2024, "hinh-thuc")]


MINI_SUBJECTS_OF_THE_YEAR = """code,name,kind,unit,position,gender,female_percent
VP,Văn phòng Sở,tập thể,,,,40
NV1,Nguyễn Văn An,cá nhân,VP,Chuyên viên,nam,
NV2,Trần Thị Ánh,cá nhân,VP,Chánh Văn phòng,nữ,
NV3,Lê Văn Hòa,cá nhân,VP,Chuyên viên,nam,
"""


AWARDS_BY_YEAR = [
    ["QUÁ TRÌNH KHEN THƯỞNG CỦA CÁN BỘ, CÔNG CHỨC"],
    ["(Kèm theo Công văn số 15/SKHCN-VP)"],
    ["TT", "Họ và tên", "Năm 2022", "Năm 2023", "Năm 2024"],
    [1, "Nguyễn Văn An", "LĐTT", "CSTĐCS (QĐ 12/QĐ-SKHCN)", "LĐTT, Bằng khen UBND tỉnh (QĐ số 1520/QĐ-UBND ngày 20/12/2024)"],
    [2, "Trần Thị Ánh", None, "LĐTT", "Giấy khen của Giám đốc Sở,"],
    [3, "Lê Văn Hòa", "HTXSNV, LĐTT", None, "Khá"],
]


def test_award_history_kept_one_column_per_year_gives_one_record_per_award_of_each_cell(thidua):
    """"Họ và tên | Năm 2022 | Năm 2023 | Năm 2024" was refused for lacking a "Danh hiệu" column. Each cell now
    holds the awards of its column's year: by code, name or short form (CSTĐCS), with the decision number when the
    cell gives one; one kept without a number is named, a rating is named for ratings import, and a cell no award
    is read from ("Khá") refuses the file by name."""
    thidua.ok("campaign", "load", str(thidua.write("nam.toml", CAMPAIGN_OF_THE_YEAR)))
    thidua.ok("subject", "import", str(thidua.write("s.csv", MINI_SUBJECTS_OF_THE_YEAR)))
    path = year_workbook(thidua.folder / "qua-trinh.xlsx", AWARDS_BY_YEAR)
    assert_refused(thidua, ["awards", "import", str(path)],
                   'tệp qua-trinh.xlsx có 1 dòng lỗi, chưa ghi gì vào sổ — trang tính "Năm", dòng 6, cột E: "Khá" không '
                   'đọc được là danh hiệu, hình thức khen thưởng nào')
    rows = [row[:4] + ["Giấy khen của Giám đốc Sở"] if row[1:2] == ["Lê Văn Hòa"] else row for row in AWARDS_BY_YEAR]
    path = year_workbook(thidua.folder / "qua-trinh-da-sua.xlsx", rows)
    result = thidua("awards", "import", str(path))
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert ('ghi 5 khen thưởng theo năm của cột, không có số quyết định (bảng theo năm không ghi số; báo cáo thành tích '
            'để trống ô số, ngày quyết định — có số thì ghi trong ô, ví dụ "CSTĐCS (QĐ 12/QĐ-SKHCN)"): trang tính "Năm", '
            'dòng 4, cột C: "LĐTT" → Lao động tiên tiến; trang tính "Năm", dòng 5, cột D: "LĐTT" → Lao động tiên tiến; '
            'trang tính "Năm", dòng 5, cột E: "Giấy khen của Giám đốc Sở"; trang tính "Năm", dòng 6, cột C: "LĐTT" → Lao '
            'động tiên tiến; trang tính "Năm", dòng 6, cột E: "Giấy khen của Giám đốc Sở"') in result.stderr
    assert ('không nhập xếp loại ghi trong ô khen thưởng (không phải khen thưởng — nhập bằng: thidua ratings import '
            'qua-trinh-da-sua.xlsx): trang tính "Năm", dòng 6, cột C: "HTXSNV"') in result.stderr
    assert "Đã ghi 8 khen thưởng" in result.stderr
    assert history_stored(thidua) == [
        ("NV1", "BKUBND", "Bằng khen của Chủ tịch UBND tỉnh", "1520/QĐ-UBND", 2024, "hinh-thuc"),
        ("NV1", "CSTDCS", "Chiến sĩ thi đua cơ sở", "12/QĐ-SKHCN", 2023, "danh-hieu"),
        ("NV1", "LDTT", "Lao động tiên tiến", "", 2022, "danh-hieu"),
        ("NV1", "LDTT", "Lao động tiên tiến", "1520/QĐ-UBND", 2024, "danh-hieu"),
        ("NV2", "GK", "Giấy khen của Giám đốc Sở", "", 2024, "hinh-thuc"),
        ("NV2", "LDTT", "Lao động tiên tiến", "", 2023, "danh-hieu"),
        ("NV3", "GK", "Giấy khen của Giám đốc Sở", "", 2024, "hinh-thuc"),
        ("NV3", "LDTT", "Lao động tiên tiến", "", 2022, "danh-hieu")]
    dated = json.loads(thidua.ok("awards", "--subject", "NV1", "--format", "json").stdout)["awards"]
    assert {a["award"]: a["date"] for a in dated if a["number"] == "1520/QĐ-UBND"} == {"BKUBND": "2024-12-20", "LDTT": "2024-12-20"}
    # the same awards in another file (its cells without numbers) are the ledger's already: nothing doubles
    again = year_workbook(thidua.folder / "qua-trinh-ban-khac.xlsx", [AWARDS_BY_YEAR[2], ["", "Nguyễn Văn An", "LĐTT", "CSTĐCS", "LĐTT"]])
    result = thidua("awards", "import", str(again))
    assert result.exit_code == 0, result.stderr
    assert "Đã ghi 0 khen thưởng; bỏ qua 3 đã có trong sổ" in result.stderr
    assert ('bỏ qua khen thưởng sổ đã có cho đúng năm ấy (ô không ghi số quyết định): trang tính "Năm", dòng 2, cột C: '
            '"LĐTT" → Lao động tiên tiến; trang tính "Năm", dòng 2, cột D: "CSTĐCS" → Chiến sĩ thi đua cơ sở; trang tính "Năm", dòng 2, cột E: "LĐTT" → Lao động tiên tiến') in result.stderr
    assert len(history_stored(thidua)) == 8
    # exported and imported again, the awards kept without a number are copies, not rows lacking one
    thidua.ok("awards", "-o", str(thidua.folder / "lich-su.xlsx"))
    result = thidua("awards", "import", str(thidua.folder / "lich-su.xlsx"))
    assert result.exit_code == 0, result.stderr
    assert "Đã ghi 0 khen thưởng; bỏ qua 8 đã có trong sổ" in result.stderr
    one_more = thidua.write("them.csv", "Mã,Danh hiệu,Năm\nNV2,LĐTT,2024\n")
    assert_refused(thidua, ["awards", "import", str(one_more)], 'dòng 2, cột "số quyết định (tệp không có cột này)": "" trống — cần số quyết định')


def test_registrations_ticked_one_column_per_award_give_one_registration_per_tick(thidua):
    """"Họ và tên | LĐTT | CSTĐCS | Bằng khen UBND" with "x" under each award registered was refused for lacking a
    "Danh hiệu đăng ký" column. Each tick (x, X, ✓) is now a registration for its column's award — "Bằng khen
    UBND" is the campaign's Bằng khen của Chủ tịch UBND tỉnh; a cell neither empty nor a tick refuses the file by
    name, and a row with no tick is named."""
    thidua.ok("campaign", "load", str(thidua.write("nam.toml", CAMPAIGN_OF_THE_YEAR)))
    thidua.ok("subject", "import", str(thidua.write("s.csv", MINI_SUBJECTS_OF_THE_YEAR)))
    rows = [["BẢNG ĐĂNG KÝ THI ĐUA NĂM 2021"], ["Văn phòng Sở, ngày 05 tháng 01 năm 2021"],
            ["STT", "Họ và tên", "Đăng ký danh hiệu, hình thức", None, None, "Chỉ tiêu"],
            [None, None, "LĐTT", "CSTĐCS", "Bằng khen UBND", None],
            [1, "Nguyễn Văn An", "x", "X", "✓", "Hoàn thành 100% kế hoạch"],
            [2, "Trần Thị Ánh", "✓", None, "có", None],
            [3, "Lê Văn Hòa", None, None, None, None]]
    merges = ("A3:A4", "B3:B4", "C3:E3", "F3:F4")
    path = year_workbook(thidua.folder / "dang-ky.xlsx", rows, merges)
    assert_refused(thidua, ["register", "import", str(path)],
                   'tệp dang-ky.xlsx có 1 dòng lỗi, chưa ghi gì vào sổ — trang tính "Năm", dòng 6, cột E: "có" không phải '
                   'dấu đăng ký BKUBND — đánh x (hoặc ✓) nếu đăng ký, để trống nếu không')
    rows[5][4] = None
    path = year_workbook(thidua.folder / "dang-ky-da-sua.xlsx", rows, merges)
    result = thidua("register", "import", str(path))
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert ('không ghi đăng ký nào cho dòng không đánh dấu danh hiệu, hình thức nào: trang tính "Năm", dòng 7'
            ) in result.stderr
    listed = json.loads(thidua.ok("register", "list", "--format", "json").stdout)["registrations"]
    assert sorted((r["subject"], r["award"], r["targets"]) for r in listed) == [
        ("NV1", "BKUBND", "Hoàn thành 100% kế hoạch"), ("NV1", "CSTDCS", "Hoàn thành 100% kế hoạch"),
        ("NV1", "LDTT", "Hoàn thành 100% kế hoạch"), ("NV2", "LDTT", "")]
    # a tick column of an award the campaign does not offer is refused by name, not left out with its ticks
    other = thidua.write("dang-ky-them.csv", "Họ và tên,LĐTT,CSTĐ cấp tỉnh\nLê Văn Hòa,x,x\n")
    result = assert_refused(thidua, ["register", "import", str(other)],
                            'tệp dang-ky-them.csv: cột "CSTĐ cấp tỉnh" là danh hiệu, hình thức phong trào mini không có (có: '
                            'GK — Giấy khen của Giám đốc Sở; LDTT — Lao động tiên tiến; CSTDCS — Chiến sĩ thi đua cơ sở; '
                            'BKUBND — Bằng khen của Chủ tịch UBND tỉnh)')
    assert 'bỏ cột: --column "CSTĐ cấp tỉnh=-"' in result.stderr
    result = thidua("register", "import", str(other), "--column", "CSTĐ cấp tỉnh=-")
    assert result.exit_code == 0, result.stderr
    assert "Cảnh báo: bỏ qua cột: CSTĐ cấp tỉnh" in result.stderr
    assert "CSTĐ cấp tỉnh=targets" not in result.stderr  # left out on purpose: not offered as another field's column


def test_the_same_table_of_ratings_and_danh_hieu_saved_as_csv_is_read_the_same(thidua):
    """Saved as CSV the merged years hold their title in the first cell only ("2023,,Năm 2024,"): the header was
    taken as that row alone, with four columns, and every row refused for its fifth cell."""
    thidua.ok("campaign", "load", str(thidua.write("nam.toml", CAMPAIGN_OF_THE_YEAR)))
    thidua.ok("subject", "import", str(thidua.write("s.csv", MINI_SUBJECTS_OF_THE_YEAR)))
    path = thidua.write("xep-loai.csv", """\
        KẾT QUẢ XẾP LOẠI VÀ THI ĐUA,,,,
        Họ và tên,2023,,Năm 2024,
        ,Xếp loại,Danh hiệu,Xếp loại,Danh hiệu
        Nguyễn Văn An,HTXSNV,CSTĐCS,HTTNV,"LĐTT,"
        Trần Thị Ánh,HTTNV,,HTNV,
        """)
    result = thidua("ratings", "import", str(path))
    assert result.exit_code == 0, result.stderr
    assert ('nhập chúng bằng: thidua awards import xep-loai.csv, lệnh ấy đọc cột danh hiệu của từng năm và bỏ qua cột xếp '
            'loại): dòng 4, cột "2023 Danh hiệu": "CSTĐCS"; dòng 4, cột "Năm 2024 Danh hiệu": "LĐTT,"') in result.stderr
    assert [(s, y) for s, y, _ in ratings_stored(thidua)] == [("NV1", 2023), ("NV1", 2024), ("NV2", 2023), ("NV2", 2024)]
    result = thidua("awards", "import", str(path))
    assert result.exit_code == 0, result.stderr
    assert ('không nhập cột xếp loại của từng năm (cột "2023 Xếp loại", cột "Năm 2024 Xếp loại"): xếp loại không phải '
            'khen thưởng — nhập bằng: thidua ratings import xep-loai.csv') in result.stderr
    assert history_stored(thidua) == [("NV1", "CSTDCS", "Chiến sĩ thi đua cơ sở", "", 2023, "danh-hieu"),
                                      ("NV1", "LDTT", "Lao động tiên tiến", "", 2024, "danh-hieu")]


def test_one_year_merged_over_its_rating_and_danh_hieu_is_a_table_by_year_for_awards_import(thidua):
    """With one year only, the "Danh hiệu" sub-column is also what a row-per-award table heads its awards: the file
    was read that way and every row refused for lacking a decision number. It is the year's column."""
    thidua.ok("campaign", "load", str(thidua.write("nam.toml", CAMPAIGN_OF_THE_YEAR)))
    thidua.ok("subject", "import", str(thidua.write("s.csv", MINI_SUBJECTS_OF_THE_YEAR)))
    path = year_workbook(thidua.folder / "nam-2024.xlsx", [["Họ và tên", "Năm 2024", None], [None, "Xếp loại", "Danh hiệu"],
                                                            ["Lê Văn Hòa", "HTXSNV", "CSTĐCS"]], ("A1:A2", "B1:C1"))
    result = thidua("awards", "import", str(path))
    assert result.exit_code == 0, result.stderr
    assert ("không nhập cột xếp loại của từng năm (cột B): xếp loại không phải khen thưởng — nhập bằng: thidua ratings "
            "import nam-2024.xlsx") in result.stderr
    assert history_stored(thidua) == [("NV3", "CSTDCS", "Chiến sĩ thi đua cơ sở", "", 2024, "danh-hieu")]
    # a table that has both a row's award column and a year's column is refused, which way to read it being unclear
    both = thidua.write("ca-hai.csv", "Mã,Danh hiệu,Số QĐ,2024\nNV1,LĐTT,15/QĐ-SKHCN,CSTĐCS\n")
    assert_refused(thidua, ["awards", "import", str(both)],
                   "tệp ca-hai.csv có cả cột khen thưởng (mỗi dòng một khen thưởng) lẫn cột của từng năm (2024): không rõ "
                   "đọc theo cách nào")


def test_a_year_an_office_did_not_rate_is_left_without_a_rating_and_named(thidua):
    """trial17: "Không xếp loại" or "Nghỉ thai sản" in a year's cell was refused as "không phải xếp loại; ghi một
    trong: …" — as if the office had mistyped a rating, with nothing saying that the year simply has none. Such a
    cell gives no rating (as an empty one does) and is named in a warning; a mistyped rating is still refused."""
    thidua.mini()
    path = thidua.write("qua-cac-nam.csv", "Họ và tên,Đơn vị,2023,2024,2025\n"
                                           "Nguyễn Văn An,VP,HTXSNV,Nghỉ thai sản,HTTNV\n"
                                           "Trần Thị Ánh,VP,Không xếp loại,Mới tuyển dụng,HTNV\n")
    result = thidua("ratings", "import", str(path))
    assert result.exit_code == 0, result.stderr
    assert ('không ghi xếp loại cho 3 ô nói năm ấy không xếp loại (sổ để trống năm ấy, như ô trống; điều kiện cần xếp '
            'loại năm đó thì không đạt): dòng 2, cột "2024": "Nghỉ thai sản"; dòng 3, cột "2023": "Không xếp loại"; '
            'dòng 3, cột "2024": "Mới tuyển dụng"') in result.stderr, result.stderr
    assert ratings_stored(thidua) == [
        ("NV1", 2023, "Hoàn thành xuất sắc nhiệm vụ"), ("NV1", 2025, "Hoàn thành tốt nhiệm vụ"),
        ("NV2", 2025, "Hoàn thành nhiệm vụ")]
    assert_refused(thidua, ["ratings", "import", str(thidua.write("sai.csv", "Mã,Năm,Xếp loại\nNV3,2024,Loại khá\n"))],
                   'không phải xếp loại; ghi một trong:')
    # a year the ledger holds a rating of is not "left empty" by such a cell: refused, naming the rating held
    assert_refused(thidua, ["ratings", "import", str(thidua.write("lai.csv", "Mã,Năm,Xếp loại\nNV1,2023,Nghỉ thai sản\n"))],
                   '"Nghỉ thai sản" ghi năm 2023 không xếp loại, nhưng sổ đã có xếp loại Hoàn thành xuất sắc nhiệm vụ của NV1 — '
                   'Nguyễn Văn An năm ấy')


def test_an_annex_under_a_long_nd30_heading_is_read(thidua):
    """trial17: the annex of a decision, as the office keeps it, heads its table with the agency, the national motto,
    the number, the place and date, "PHỤ LỤC", its title over two lines and "(Kèm theo Quyết định số …)": the header
    row fell below the first 10 rows and the file was refused as having no column "Mã" or "Họ và tên"."""
    thidua.mini()
    workbook = Workbook()
    sheet = workbook.active
    heading = ["UBND TỈNH TRÀ VINH", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
               "Độc lập - Tự do - Hạnh phúc", "", "Trà Vinh, ngày 20 tháng 12 năm 2025", "", "PHỤ LỤC",
               "KẾT QUẢ XẾP LOẠI CHẤT LƯỢNG CÔNG CHỨC, VIÊN CHỨC", "NĂM 2025",
               "(Kèm theo Quyết định số 120/QĐ-STTTT ngày 20/12/2025 của Giám đốc Sở)", ""]
    for text in heading:
        sheet.append([text])
    sheet.append(["STT", "Họ và tên", "Năm", "Kết quả xếp loại chất lượng"])  # the annex's own heading (review)
    sheet.append([1, "Nguyễn Văn An", 2025, "Hoàn thành xuất sắc nhiệm vụ"])
    sheet.append([2, "Trần Thị Ánh", 2025, "Hoàn thành tốt nhiệm vụ"])
    path = thidua.folder / "phu-luc.xlsx"
    workbook.save(path)
    result = thidua("ratings", "import", str(path))
    assert result.exit_code == 0, result.stderr
    assert ratings_stored(thidua) == [("NV1", 2025, "Hoàn thành xuất sắc nhiệm vụ"), ("NV2", 2025, "Hoàn thành tốt nhiệm vụ")]
