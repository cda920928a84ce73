"""`thidua templates xlsx DIR`: blank workbooks with Vietnamese headers and drop-downs, that import back as they are."""

from __future__ import annotations

import json
from datetime import datetime

from openpyxl import load_workbook

from conftest import MINI_CAMPAIGN, assert_refused

FILES = ["mau-doi-tuong.xlsx", "mau-muc-ghi.xlsx", "mau-khen-thuong.xlsx", "mau-xep-loai.xlsx", "mau-phieu-bau.xlsx"]
FIRST_ROW = 4  # title, hints, header, then the rows to fill


def fill(template, rows: list[list], out):
    workbook = load_workbook(template)
    sheet = workbook.active
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, 1):
            sheet.cell(FIRST_ROW + offset, column).value = value
    workbook.save(out)
    return out


def headers(path) -> list[str]:
    return [c.value for c in load_workbook(path).active[FIRST_ROW - 1]]


def test_without_a_ledger_the_workbooks_have_their_headers_and_fixed_lists(thidua):
    folder = thidua.folder / "mau"
    result = thidua.ok("templates", "xlsx", str(folder))
    assert result.stdout.split() == [str(folder / name) for name in FILES]
    assert "Đã ghi 5 tệp mẫu Excel vào" in result.stderr
    assert not thidua.db.exists()  # writing templates creates no ledger
    assert headers(folder / "mau-muc-ghi.xlsx") == ["Ngày", "Mã đối tượng", "Tiêu chí", "Điểm", "Thành tích", "Minh chứng"]
    subjects = headers(folder / "mau-doi-tuong.xlsx")
    assert subjects[:7] == ["Mã", "Họ và tên", "Loại", "Đơn vị", "Chức vụ", "Giới tính", "Tỷ lệ nữ (%)"]
    assert subjects[7:10] == ["Ngày, tháng, năm sinh", "Quê quán", "Nơi thường trú"] and len(subjects) == 7 + 14
    assert headers(folder / "mau-khen-thuong.xlsx") == ["Mã đối tượng", "Mã hình thức", "Tên hình thức", "Số quyết định",
                                                        "Ngày quyết định", "Cấp khen", "Phân loại", "Loại hình", "Năm"]
    assert headers(folder / "mau-xep-loai.xlsx") == ["Mã đối tượng", "Năm", "Xếp loại"]
    assert headers(folder / "mau-phieu-bau.xlsx") == ["Mã đối tượng", "Họ và tên / Tên tập thể", "Mã hình thức", "Số phiếu đồng ý"]
    workbook = load_workbook(folder / "mau-doi-tuong.xlsx")
    assert workbook.sheetnames == ["Đối tượng"]  # no ledger: no codes to list
    lists = {str(d.sqref): d.formula1 for d in workbook.active.data_validations.dataValidation if d.type == "list"}
    assert lists == {"C4:C1003": '"cá nhân,tập thể"', "F4:F1003": '"nam,nữ"'}
    ratings = load_workbook(folder / "mau-xep-loai.xlsx").active.data_validations.dataValidation
    assert any(d.formula1 == '"Hoàn thành xuất sắc nhiệm vụ,Hoàn thành tốt nhiệm vụ,Hoàn thành nhiệm vụ,Không hoàn thành nhiệm vụ"'
               for d in ratings)


def test_with_a_campaign_the_lists_hold_its_codes(thidua):
    thidua.mini()
    folder = thidua.folder / "mau"
    thidua.ok("templates", "xlsx", str(folder))
    workbook = load_workbook(folder / "mau-muc-ghi.xlsx")
    assert workbook.sheetnames == ["Mục ghi", "Danh mục"] and workbook.active.title == "Mục ghi"
    sheet = workbook.active
    assert sheet["A1"].value == "MỤC GHI THÀNH TÍCH, VI PHẠM — Phong trào thử nghiệm"
    lists = {str(d.sqref): d.formula1 for d in sheet.data_validations.dataValidation if d.type == "list"}
    assert lists == {"B4:B1003": "'Danh mục'!$A$2:$A$5", "C4:C1003": "'Danh mục'!$D$2:$D$4"}
    catalogue = [[c.value for c in row] for row in workbook["Danh mục"].iter_rows()]
    assert [row[0] for row in catalogue] == ["Mã đối tượng", "VP", "NV1", "NV2", "NV3"]
    assert [row[3] for row in catalogue[:4]] == ["Mã tiêu chí", "TC1", "TC2", "VP"]
    assert [row[6] for row in catalogue[:2]] == ["Mã hình thức", "GK"]


def test_filled_workbooks_import_back_as_they_are(thidua):
    thidua.ok("campaign", "load", str(thidua.write("mini.toml", MINI_CAMPAIGN)))
    folder = thidua.folder / "mau"
    thidua.ok("templates", "xlsx", str(folder))
    subjects = fill(folder / "mau-doi-tuong.xlsx", [
        ["VP", "Văn phòng Sở", "tập thể", None, None, None, 40],
        ["NV1", "Nguyễn Văn An", "cá nhân", "VP", "Chuyên viên", "nam", None, "05/03/1985", "Trà Vinh"],
        ["NV2", "Trần Thị Ánh", "cá nhân", "VP", "Chánh Văn phòng", "nữ"],
    ], thidua.folder / "doi-tuong.xlsx")
    result = thidua.ok("subject", "import", str(subjects))
    assert "Cảnh báo" not in result.stderr  # every column is one the importer knows
    listed = json.loads(thidua.ok("subject", "list", "-O", "json").stdout)["subjects"]
    assert [(s["code"], s["name"], s["kind"], s["unit"], s["gender"]) for s in listed] == [
        ("VP", "Văn phòng Sở", "collective", None, None), ("NV1", "Nguyễn Văn An", "individual", "VP", "nam"),
        ("NV2", "Trần Thị Ánh", "individual", "VP", "nữ")]
    import sqlite3

    from thidua_cli.storage.subjects import subject_details

    connection = sqlite3.connect(thidua.db)
    nv1 = connection.execute("SELECT id FROM subject WHERE code = 'NV1'").fetchone()[0]
    assert subject_details(connection, nv1) == {"birth_date": "05/03/1985", "hometown": "Trà Vinh"}  # the báo cáo's details kept
    connection.close()
    thidua.ok("templates", "xlsx", str(folder), "--force")  # now with the subjects' codes in the lists
    entries = fill(folder / "mau-muc-ghi.xlsx", [
        [datetime(2021, 11, 5), "NV1", "TC1", 8.5, "Viết 5 tin bài tuyên truyền", "CV 123/STTTT-VP"],
        ["06/11/2021", "VP", "TC2", "22,25", "Tập thể đoàn kết", None],
    ], thidua.folder / "muc-ghi.xlsx")
    result = thidua.ok("import-entries", str(entries))
    assert "Cảnh báo" not in result.stderr
    got = json.loads(thidua.ok("entries", "-O", "json").stdout)["entries"]
    assert [(e["date"], e["subject"], e["criterion"], e["points"], e["note"], e["evidence"]) for e in got] == [
        ("2021-11-05", "NV1", "TC1", 8.5, "Viết 5 tin bài tuyên truyền", "CV 123/STTTT-VP"),
        ("2021-11-06", "VP", "TC2", 22.25, "Tập thể đoàn kết", ""),
    ]
    history = fill(folder / "mau-khen-thuong.xlsx", [
        ["NV1", "GK", "Giấy khen của Giám đốc Sở", "212/QĐ-STTTT", datetime(2020, 12, 25), "Giám đốc Sở Thông tin và Truyền thông",
         "hình thức khen thưởng", "công trạng", 2020],
    ], thidua.folder / "khen-thuong.xlsx")
    thidua.ok("awards", "import", str(history))
    awards = json.loads(thidua.ok("awards", "-O", "json").stdout)["awards"]
    assert [(a["subject"], a["award"], a["name"], a["number"], a["date"], a["issuer"]) for a in awards] == [
        ("NV1", "GK", "Giấy khen của Giám đốc Sở", "212/QĐ-STTTT", "2020-12-25", "Giám đốc Sở Thông tin và Truyền thông")]
    thidua.ok("propose-awards", "--out", str(thidua.folder / "dot-1"))
    votes = fill(folder / "mau-phieu-bau.xlsx", [["VP", "Văn phòng Sở", "GK", 5]], thidua.folder / "phieu.xlsx")
    voted = json.loads(thidua.ok("record-votes", "1", "--members", "7", "--file", str(votes), "-O", "json").stdout)
    assert [(p["subject"], p["votes"], p["passed"]) for p in voted["proposals"]] == [("VP", 5, True)]


def test_existing_templates_are_not_overwritten_without_force(thidua):
    thidua.mini()
    folder = thidua.folder / "mau"
    folder.mkdir()
    (folder / "mau-muc-ghi.xlsx").write_bytes(b"cua toi")
    assert_refused(thidua, ["templates", "xlsx", str(folder)], f"thư mục {folder} đã có mau-muc-ghi.xlsx; không ghi đè")
    assert (folder / "mau-muc-ghi.xlsx").read_bytes() == b"cua toi" and len(list(folder.iterdir())) == 1
    thidua.write("tep", "x")
    assert_refused(thidua, ["templates", "xlsx", str(thidua.folder / "tep")], "là một tệp, không phải thư mục")
