"""What a trial of a new office (a Sở Y tế) found wrong reading its own files and writing its papers: the headers it
writes, the category of an award written under the other column, an entry without a note in the báo cáo thành tích,
and `db status` counting history no other command counts. Each case is set up here, through the CLI."""

from __future__ import annotations

import json

import pytest

from conftest import MINI_CAMPAIGN, assert_refused


def mini(thidua):
    thidua.ok("campaign", "load", str(thidua.write("mini.toml", MINI_CAMPAIGN)))
    return thidua


def subjects(thidua) -> dict[str, str]:
    return {s["code"]: s["name"] for s in json.loads(thidua.ok("subject", "list", "--format", "json").stdout)["subjects"]}


def entries(thidua) -> list[tuple]:
    return [(e["date"], e["subject"], e["criterion"], e["points"])
            for e in json.loads(thidua.ok("entries", "--format", "json").stdout)["entries"]]


# --------------------------------------------------------------------------- 1. the headers offices write


@pytest.mark.parametrize("header", ["Họ và tên / Tên đơn vị", "Họ tên/Đơn vị", "Tên cá nhân, tập thể", "HỌ VÀ TÊN/TÊN ĐƠN VỊ",
                                    "Tên đơn vị / cá nhân"])
def test_a_name_column_for_people_and_units_is_the_name(thidua, header):
    """"Họ và tên / Tên đơn vị" (one column for a person's name or a unit's) was refused: "thiếu cột họ và tên / tên
    tập thể"."""
    mini(thidua)
    thidua.ok("subject", "import", str(thidua.write("ds.csv", f"""
        Mã,"{header}",Loại
        BV,Bệnh viện Đa khoa tỉnh,tập thể
        NV1,Nguyễn Văn An,cá nhân
    """)))
    assert subjects(thidua) == {"BV": "Bệnh viện Đa khoa tỉnh", "NV1": "Nguyễn Văn An"}


def test_the_name_beside_the_code_is_checked_under_a_name_column_for_people_and_units(thidua):
    """On the entries sheet the column was left out, so a name that is not the code's went in unseen."""
    mini(thidua)
    thidua.ok("subject", "import", str(thidua.write("ds.csv", "Mã,Họ tên/Đơn vị,Loại\nNV1,Nguyễn Văn An,cá nhân\n"
                                                               "NV2,Trần Thị Ánh,cá nhân\n")))
    path = thidua.write("diem.csv", """
        Ngày,Mã,Họ và tên / Tên đơn vị,Tiêu chí,Điểm
        05/10/2021,NV1,Trần Thị Ánh,TC1,5
    """)
    assert_refused(thidua, ["import-entries", str(path)],
                   'dòng 2, cột "Họ và tên / Tên đơn vị": "Trần Thị Ánh" không khớp với mã NV1 (Nguyễn Văn An)')
    # the name alone finds the subject
    thidua.ok("import-entries", str(thidua.write("ten.csv", "Ngày,Họ và tên / Tên đơn vị,Tiêu chí,Điểm\n"
                                                             "05/10/2021,Trần Thị Ánh,TC1,5\n")))
    assert entries(thidua) == [("2021-10-05", "NV2", "TC1", 5)]


@pytest.mark.parametrize("header", ["Thời gian", "Ngày, tháng", "Thời gian ghi nhận", "THỜI GIAN"])
def test_the_date_under_the_headers_offices_write(thidua, header):
    """"Thời gian" was no date column: "thiếu cột ngày"."""
    mini(thidua).ok("subject", "import", str(thidua.write("ds.csv", "Mã,Họ và tên,Loại\nNV1,Nguyễn Văn An,cá nhân\n")))
    result = thidua.ok("import-entries", str(thidua.write("diem.csv", f'"{header}",Mã,Tiêu chí,Điểm\n05/10/2021,NV1,TC1,5\n')))
    assert "bỏ qua cột" not in result.stderr
    assert entries(thidua) == [("2021-10-05", "NV1", "TC1", 5)]


def test_a_time_column_beside_the_date_is_named_not_taken_for_a_second_date(thidua):
    """With "Ngày" and "Thời gian" both on the sheet the date is "Ngày"; "Thời gian" (here the quarter) is left out
    and named, not refused as a second date column."""
    mini(thidua).ok("subject", "import", str(thidua.write("ds.csv", "Mã,Họ và tên,Loại\nNV1,Nguyễn Văn An,cá nhân\n")))
    result = thidua.ok("import-entries", str(thidua.write("diem.csv", """
        Thời gian,Ngày,Mã,Tiêu chí,Điểm,Nội dung
        Quý IV/2021,05/10/2021,NV1,TC1,5,Hoàn thành tốt
    """)))
    assert "bỏ qua cột: Thời gian" in result.stderr
    assert entries(thidua) == [("2021-10-05", "NV1", "TC1", 5)]
    # two columns that are each only a time: which one is the date is not guessed
    path = thidua.write("hai.csv", "Thời gian,Thời gian ghi nhận,Mã,Tiêu chí,Điểm\n05/11/2021,06/11/2021,NV1,TC1,5\n")
    assert_refused(thidua, ["import-entries", str(path)], 'cột "Thời gian" và cột "Thời gian ghi nhận" cùng là cột ngày (date)')

