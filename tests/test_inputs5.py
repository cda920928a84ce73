"""What a trial of a new office (a Sở Y tế) found wrong reading its own files and writing its papers: the headers it
writes, the category of an award written under the other column, an entry without a note in the báo cáo thành tích,
and `db status` counting history no other command counts. Each case is set up here, through the CLI."""

from __future__ import annotations

import json
import re

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


# --------------------------------------------------------------------------- 2. a danh hiệu under "Hình thức khen thưởng"


def history(thidua) -> list[tuple]:
    return [(h["subject"], h["name"], h["category"])
            for h in json.loads(thidua.ok("awards", "--format", "json").stdout)["awards"]]


def with_staff(thidua):
    mini(thidua).ok("subject", "import", str(thidua.write("ds.csv", "Mã,Họ và tên,Loại\nNV1,Nguyễn Văn An,cá nhân\n"
                                                                     "KHTC,Phòng Kế hoạch - Tài chính,tập thể\n")))
    return thidua


def test_a_danh_hieu_under_the_hinh_thuc_column_is_a_danh_hieu_said_in_a_warning(thidua):
    """"Lao động tiên tiến" under "Hình thức khen thưởng" was stored as a hình thức, silently, where `awards add` and a
    column headed "award" take it for the danh hiệu thi đua it is (Luật Thi đua, khen thưởng 2022, Điều 23–28)."""
    with_staff(thidua)
    result = thidua.ok("awards", "import", str(thidua.write("kt.csv", """
        Mã,Hình thức khen thưởng,Số quyết định,Ngày quyết định
        NV1,Lao động tiên tiến,12/QĐ-SYT,20/12/2023
        NV1,Bằng khen của Chủ tịch UBND tỉnh,15/QĐ-UBND,22/12/2023
        KHTC,Tập thể lao động xuất sắc,13/QĐ-SYT,20/12/2023
        KHTC,Cờ thi đua của UBND tỉnh,16/QĐ-UBND,22/12/2023
        NV1,Chiến sĩ thi đua cấp tỉnh,17/QĐ-UBND,22/12/2023
    """)))
    assert sorted(history(thidua)) == [
        ("KHTC", "Cờ thi đua của UBND tỉnh", "danh-hieu"), ("KHTC", "Tập thể lao động xuất sắc", "danh-hieu"),
        ("NV1", "Bằng khen của Chủ tịch UBND tỉnh", "hinh-thuc"), ("NV1", "Chiến sĩ thi đua cấp tỉnh", "danh-hieu"),
        ("NV1", "Lao động tiên tiến", "danh-hieu"),
    ]
    warning = next(line for line in result.stderr.splitlines() if "sổ ghi loại theo tên" in line)
    assert warning.startswith("Cảnh báo: khen thưởng có tên là loại khác với cột ghi nó, sổ ghi loại theo tên")
    assert 'dòng 2, cột "Hình thức khen thưởng": "Lao động tiên tiến" → danh hiệu thi đua' in warning
    assert 'dòng 4, cột "Hình thức khen thưởng": "Tập thể lao động xuất sắc" → danh hiệu thi đua' in warning
    assert 'dòng 5, cột "Hình thức khen thưởng": "Cờ thi đua của UBND tỉnh" → danh hiệu thi đua' in warning
    assert 'dòng 6, cột "Hình thức khen thưởng": "Chiến sĩ thi đua cấp tỉnh" → danh hiệu thi đua' in warning
    assert "dòng 3" not in warning  # a Bằng khen under "Hình thức" is where it belongs
    # the same award by the other paths: one rule
    thidua.ok("awards", "add", "--subject", "NV1", "--award", "Lao động tiên tiến", "--number", "1/QĐ-SYT", "--date", "2022-12-20")
    thidua.ok("awards", "import", str(thidua.write("kt2.csv", "Mã,award,Số quyết định,Ngày quyết định\n"
                                                               "NV1,Lao động tiên tiến,2/QĐ-SYT,20/12/2021\n")))
    assert [h[2] for h in history(thidua) if h[0] == "NV1" and h[1] == "Lao động tiên tiến"] == ["danh-hieu"] * 3


def test_a_hinh_thuc_under_the_danh_hieu_column_is_a_hinh_thuc_unless_the_file_says_which(thidua):
    """The reverse: "Giấy khen của Giám đốc Sở Y tế" under "Danh hiệu" was a danh hiệu. A "Phân loại" column still
    says what the office means, and then nothing is guessed."""
    with_staff(thidua)
    result = thidua.ok("awards", "import", str(thidua.write("kt.csv", """
        Mã,Danh hiệu,Số quyết định,Ngày quyết định
        NV1,Giấy khen của Giám đốc Sở Y tế,14/QĐ-SYT,20/12/2023
        NV1,Chiến sĩ thi đua cơ sở,18/QĐ-SYT,20/12/2023
    """)))
    assert sorted(history(thidua)) == [("NV1", "Chiến sĩ thi đua cơ sở", "danh-hieu"),
                                       ("NV1", "Giấy khen của Giám đốc Sở Y tế", "hinh-thuc")]
    assert 'dòng 2, cột "Danh hiệu": "Giấy khen của Giám đốc Sở Y tế" → hình thức khen thưởng' in result.stderr
    assert "dòng 3" not in result.stderr
    said = thidua.ok("awards", "import", str(thidua.write("kt2.csv", """
        Mã,Hình thức khen thưởng,Phân loại,Số quyết định,Ngày quyết định
        NV1,Lao động tiên tiến,hình thức,19/QĐ-SYT,20/12/2023
    """)))
    assert "Cảnh báo" not in said.stderr
    assert ("NV1", "Lao động tiên tiến", "hinh-thuc") in history(thidua)



def test_a_hinh_thuc_whose_name_mentions_a_danh_hieu_stays_a_hinh_thuc(thidua):
    """The name decides over the column now, so it must be read for what it is: a Bằng khen that names the danh hiệu
    it was given for is a Bằng khen (the first words of a name say what it is), not moved to the danh hiệu."""
    with_staff(thidua)
    name = "Bằng khen của Chủ tịch UBND tỉnh (2 năm liền Chiến sĩ thi đua cơ sở)"
    result = thidua.ok("awards", "import", str(thidua.write("kt.csv", f"""
        Mã,Hình thức khen thưởng,Số quyết định,Ngày quyết định
        NV1,{name},15/QĐ-UBND,22/12/2023
    """)))
    assert "Cảnh báo" not in result.stderr
    added = thidua.ok("awards", "add", "--subject", "KHTC", "--award", name, "--number", "16/QĐ-UBND", "--date", "2023-12-22")
    assert "→ hình thức khen thưởng" in added.stderr
    assert sorted(history(thidua)) == [("KHTC", name, "hinh-thuc"), ("NV1", name, "hinh-thuc")]

# --------------------------------------------------------------------------- 3. an entry without a note in the báo cáo

HEALTH = """
[campaign]
code = "cds-yte"
name = "Thi đua chuyển đổi số y tế 2026"
kind = "chuyen-de"
plan = "15/KH-SYT"
issued = 2026-02-20
start = 2026-03-01
end = 2026-11-30
agency = "Sở Y tế"
agency_short = "SYT"
parent_agency = "UBND tỉnh Vĩnh Long"
place = "Vĩnh Long"
base_salary = 2340000
signer_title = "GIÁM ĐỐC"
signer_name = "Trần Quốc Hưng"

[[criteria]]
code = "HIS"
name = "Triển khai bệnh án điện tử, phần mềm HIS"
applies_to = "both"
max_points = 50

[[criteria]]
code = "TT"
name = "Thanh toán không dùng tiền mặt"
applies_to = "both"
max_points = 30

[[awards]]
code = "GK-GD"
name = "Giấy khen của Giám đốc Sở Y tế"
level = 1
applies_to = "both"
min_score = 20
authority = "Giám đốc Sở Y tế"
multiplier = 0.3
"""


def report_of(thidua, code: str) -> str:
    (report,) = (thidua.folder / "ho-so").rglob(f"bao-cao-{code.lower()}-*.md")
    return report.read_text(encoding="utf-8")


def section_two(text: str) -> str:
    return text.split("## II.")[1].split("## III.")[0]


def test_an_entry_without_a_note_is_told_in_the_bao_cao_thanh_tich(thidua):
    """Section II listed a criterion's achievements from the entries' notes only: the hospital's 20 points for
    "Thanh toán không dùng tiền mặt" vanished, and a nurse whose entries had no note got only "Cá nhân tự ghi thành
    tích…". An entry without a note is told by its points, criterion and month; those of one month in one line."""
    thidua.ok("campaign", "load", str(thidua.write("yte.toml", HEALTH)))
    thidua.ok("subject", "import", str(thidua.write("ds.csv", """
        Mã,Họ và tên / Tên đơn vị,Loại,Đơn vị,Chức vụ
        BVDK,Bệnh viện Đa khoa tỉnh,tập thể,,
        DD01,Ngô Thị Ánh,cá nhân,BVDK,Điều dưỡng
    """)))
    thidua.ok("import-entries", str(thidua.write("diem.csv", """
        Ngày,Mã,Tiêu chí,Điểm,Nội dung,Minh chứng
        15/04/2026,BVDK,HIS,30,Triển khai bệnh án điện tử toàn viện,Báo cáo số 12/BC-BV
        20/04/2026,BVDK,TT,20,,
        10/03/2026,DD01,HIS,12,,
        25/03/2026,DD01,HIS,8,,Báo cáo số 5/BC-BV
        02/02/2026,DD01,TT,5,,
        12/05/2026,DD01,TT,6.5,,
    """)))
    thidua.ok("propose-awards", "--out", str(thidua.folder / "ho-so"))
    unit = section_two(report_of(thidua, "BVDK"))
    assert "- Triển khai bệnh án điện tử toàn viện (Báo cáo số 12/BC-BV)." in unit
    assert "### 2. Thanh toán không dùng tiền mặt\n\n- Đạt 20 điểm tiêu chí “Thanh toán không dùng tiền mặt” trong tháng 4/2026." in unit
    person = section_two(report_of(thidua, "DD01"))
    assert "tự ghi thành tích" not in person
    assert ("- Đạt 20 điểm tiêu chí “Triển khai bệnh án điện tử, phần mềm HIS” trong tháng 3/2026 (Báo cáo số 5/BC-BV)."
            in person)
    assert "- Đạt 6,5 điểm tiêu chí “Thanh toán không dùng tiền mặt” trong tháng 5/2026." in person
    assert "tháng 02/2026" not in person  # before the campaign: no entry of the period


# --------------------------------------------------------------------------- 4. db status counts the awards in force


def test_db_status_counts_the_awards_awards_lists_and_names_the_corrected_apart(thidua, monkeypatch):
    """`db status` said "Khen thưởng đã ghi nhận 4" where `awards` listed 2: the other 2 are the rows of a decision
    corrected since (`decision correct`), which count nowhere else."""
    from test_decisions import _decided_ledger

    monkeypatch.setenv("THIDUA_TODAY", "2023-03-01")
    _decided_ledger(thidua)
    plain = json.loads(thidua.ok("db", "status", "-O", "json").stdout)["counts"]
    plain_screen = thidua.ok("db", "status").stdout
    assert plain["awards"] == 2
    thidua.ok("decision", "correct", "9/QĐ-STTTT", "--number", "9/QĐ-STTTT", "--date", "2022-12-30", "--reason", "ghi nhầm năm")
    thidua.ok("awards", "add", "--subject", "NV3", "--award", "Lao động tiên tiến", "--number", "3/QĐ-STTTT", "--date", "2022-12-20")
    listed = json.loads(thidua.ok("awards", "--format", "json").stdout)["awards"]
    every = json.loads(thidua.ok("awards", "--include-corrected", "--format", "json").stdout)["awards"]
    assert (len(listed), len(every)) == (3, 5)
    counts = json.loads(thidua.ok("db", "status", "-O", "json").stdout)["counts"]
    assert counts["awards"] == len(listed) == 3
    assert counts.get("corrected_awards") == 2 and plain.get("corrected_awards") == 0
    assert "đã được sửa" not in plain_screen  # nothing corrected: no line for it
    lines = dict(re.split(r"\s{2,}", line.strip())[:2] for line in thidua.ok("db", "status").stdout.splitlines()
                 if len(re.split(r"\s{2,}", line.strip())) == 2)
    assert lines["Khen thưởng đã ghi nhận"] == "3"
    assert lines["Khen thưởng theo quyết định đã được sửa (không còn tính)"] == "2"
    assert "| Khen thưởng đã ghi nhận | 3 |" in thidua.ok("db", "status", "-O", "md").stdout
    assert "awards,3\ncorrected_awards,2\n" in thidua.ok("db", "status", "-O", "csv").stdout.replace("\r\n", "\n")
