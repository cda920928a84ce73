"""An award keeps the chức vụ its person held when it was recorded (schema version 22): the statistics of TT 02/2023
split individuals by position (biểu 0603.N), and a promotion since must not move last year's awards to another row."""

from __future__ import annotations

import json

from conftest import MINI_CAMPAIGN, MINI_SUBJECTS
from thidua_cli.storage.schema import SCHEMA_VERSION

INDIVIDUALS = "05"  # - Cá nhân
OTHER_LEADERS = "09"  # + Các cấp lãnh đạo khác từ phó phòng trở lên
DIRECT_WORKERS = "10"  # + Người trực tiếp công tác, lao động, …


def _ledger(thidua):
    thidua.ok("campaign", "load", str(thidua.write("c.toml", MINI_CAMPAIGN)))
    thidua.ok("subject", "import", str(thidua.write("s.csv", MINI_SUBJECTS)))
    return thidua


def _individuals(thidua, year: int) -> dict[str, int]:
    forms = {form["form"]: form for form in json.loads(thidua.ok("stats", "--year", str(year), "-O", "json").stdout)["forms"]}
    cells = {row["code"]: row["cells"]["1"] for row in forms["0603.N"]["rows"] if row["code"]}
    return {code: cells[code] for code in (INDIVIDUALS, OTHER_LEADERS, DIRECT_WORKERS)}


def _positions(thidua) -> dict[str, str | None]:
    return {item["number"]: item["position"] for item in json.loads(thidua.ok("awards", "-O", "json").stdout)["awards"]}


def test_a_promotion_after_the_award_leaves_last_years_statistics_as_they_were(thidua):
    _ledger(thidua)
    thidua.ok("awards", "add", "-s", "NV1", "-a", "Bằng khen của Chủ tịch UBND tỉnh", "-n", "12/QĐ-UBND", "-d", "2025-03-02",
              "--category", "hinh-thuc")
    before = _individuals(thidua, 2025)
    assert before == {INDIVIDUALS: 1, OTHER_LEADERS: 0, DIRECT_WORKERS: 1}  # a Chuyên viên when awarded
    thidua.ok("subject", "add", "--code", "NV1", "--position", "Trưởng phòng")
    assert _individuals(thidua, 2025) == before
    assert _positions(thidua) == {"12/QĐ-UBND": "Chuyên viên"}
    # an award recorded after the promotion counts by the new position
    thidua.ok("awards", "add", "-s", "NV1", "-a", "Bằng khen của Chủ tịch UBND tỉnh", "-n", "40/QĐ-UBND", "-d", "2025-11-20",
              "--category", "hinh-thuc")
    assert _individuals(thidua, 2025) == {INDIVIDUALS: 2, OTHER_LEADERS: 1, DIRECT_WORKERS: 1}


def test_the_office_gives_the_position_an_old_award_was_given_in(thidua):
    _ledger(thidua)
    thidua.ok("awards", "add", "-s", "NV2", "-a", "Bằng khen của Chủ tịch UBND tỉnh", "-n", "7/QĐ-UBND", "-d", "2024-05-10",
              "--category", "hinh-thuc", "--position", "Chuyên viên")  # Chánh Văn phòng today
    assert _individuals(thidua, 2024) == {INDIVIDUALS: 1, OTHER_LEADERS: 0, DIRECT_WORKERS: 1}
    assert _positions(thidua) == {"7/QĐ-UBND": "Chuyên viên"}


def test_an_award_history_file_with_a_position_column_keeps_each_rows_position(thidua, tmp_path):
    import openpyxl

    _ledger(thidua)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Mã", "Họ và tên", "Chức vụ", "Hình thức khen thưởng", "Số quyết định", "Ngày quyết định"])
    sheet.append(["NV1", "Nguyễn Văn An", "Phó Trưởng phòng", "Bằng khen của Chủ tịch UBND tỉnh", "3/QĐ-UBND", "12/01/2023"])
    sheet.append(["NV3", "Lê Văn Hòa", None, "Bằng khen của Chủ tịch UBND tỉnh", "3/QĐ-UBND", "12/01/2023"])
    book.save(tmp_path / "lich-su.xlsx")
    result = thidua.ok("awards", "import", str(tmp_path / "lich-su.xlsx"))
    assert "Chức vụ" not in result.stderr  # the column is read, not named as unused
    # NV1 is a Chuyên viên in the register now; NV3's empty cell takes the register's
    assert _individuals(thidua, 2023) == {INDIVIDUALS: 2, OTHER_LEADERS: 1, DIRECT_WORKERS: 1}
    listed = json.loads(thidua.ok("awards", "-O", "json").stdout)["awards"]
    assert {(a["subject"], a["position"]) for a in listed} == {("NV1", "Phó Trưởng phòng"), ("NV3", "Chuyên viên")}
    # the export carries the column under a name the import reads: the same file back is the same awards
    thidua.ok("awards", "-o", str(tmp_path / "xuat.csv"))
    assert "position" in (tmp_path / "xuat.csv").read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    again = thidua.ok("awards", "import", str(tmp_path / "xuat.csv"))
    assert "bỏ qua cột: campaign, round, amount\n" in again.stderr  # position (and source) are read
    assert "Đã ghi 0 khen thưởng; bỏ qua 2 đã có trong sổ" in again.stderr


def test_a_decision_records_the_position_of_the_day_and_its_correction_keeps_it(thidua, monkeypatch):
    from test_proposals import award, setup

    monkeypatch.setenv("THIDUA_TODAY", "2023-03-01")
    subjects = ("code,name,kind,unit,position,gender,female_percent\n"
                "VP,Văn phòng Sở,tập thể,,,,40\nNV1,Nguyễn Văn An,cá nhân,VP,Chuyên viên,nam,\n"
                "NV2,Trần Văn Bình,cá nhân,VP,Phó Chánh Văn phòng,nam,\n")
    province = award("BK", 1).replace("Hình thức BK", "Bằng khen của Chủ tịch UBND tỉnh").replace(
        "Giám đốc Sở Thông tin và Truyền thông", "Chủ tịch UBND tỉnh Trà Vinh")
    setup(thidua, province, subjects, {"NV1": 80, "NV2": 85})
    thidua.ok("propose-awards")
    thidua.ok("record-decision", "1", "--number", "15/QĐ-STTTT", "--date", "2023-01-14")
    assert _positions_of(thidua) == {("VP", "15/QĐ-STTTT"): None, ("NV1", "15/QĐ-STTTT"): "Chuyên viên",
                                     ("NV2", "15/QĐ-STTTT"): "Phó Chánh Văn phòng"}
    thidua.ok("subject", "add", "--code", "NV1", "--position", "Trưởng phòng")
    thidua.ok("decision", "correct", "15/QĐ-STTTT", "--number", "16/QĐ-STTTT", "--date", "2023-01-20", "--reason", "gõ nhầm số")
    assert _positions_of(thidua) == {("VP", "16/QĐ-STTTT"): None, ("NV1", "16/QĐ-STTTT"): "Chuyên viên",
                                     ("NV2", "16/QĐ-STTTT"): "Phó Chánh Văn phòng"}
    assert _individuals(thidua, 2023) == {INDIVIDUALS: 2, OTHER_LEADERS: 1, DIRECT_WORKERS: 1}


def _positions_of(thidua) -> dict[tuple[str, str], str | None]:
    return {(item["subject"], item["number"]): item["position"]
            for item in json.loads(thidua.ok("awards", "-O", "json").stdout)["awards"]}


def _awards_of_schema_21(thidua) -> int:
    """A ledger as the release before made it: a change log sealing its awards, no award_history.position."""
    _ledger(thidua)
    thidua.ok("awards", "add", "-s", "NV2", "-a", "Bằng khen của Chủ tịch UBND tỉnh", "-n", "7/QĐ-UBND", "-d", "2024-05-10",
              "--category", "hinh-thuc")
    return len(json.loads(thidua.ok("log", "--format", "json").stdout))


def test_a_ledger_of_schema_21_with_a_change_log_upgrades(thidua):
    """The upgrade filled each award's position under the change log's watch: every later command was refused, the
    award 'sửa ngoài thidua (chức vụ … đổi từ … thành (trống))', on every ledger of the release before."""
    import sqlite3

    logged = _awards_of_schema_21(thidua)
    connection = sqlite3.connect(thidua.db)
    with connection:
        connection.execute("ALTER TABLE award_history DROP COLUMN position")
        connection.execute("ALTER TABLE import_batch DROP COLUMN sheet")  # schema 23
        connection.execute("UPDATE meta SET value = '21' WHERE key = 'schema_version'")
    connection.close()
    upgraded = thidua.ok("subject", "list")
    assert "Đã nâng cấp sổ" in upgraded.stderr and f"từ lược đồ 21 lên {SCHEMA_VERSION}" in upgraded.stderr
    assert _positions(thidua) == {"7/QĐ-UBND": "Chánh Văn phòng"}
    assert thidua("check").exit_code == 0
    thidua.ok("subject", "add", "--code", "NV2", "--position", "Phó Giám đốc Sở")  # writes go on
    assert len(json.loads(thidua.ok("log", "--format", "json").stdout)) == logged + 1


def test_a_server_of_schema_21_upgrades(thidua, pg_url, postgres_server):
    thidua.db = pg_url
    logged = _awards_of_schema_21(thidua)
    database = pg_url.split("?")[0].rsplit("/", 1)[1]
    postgres_server.psql("ALTER TABLE award_history DROP COLUMN position; ALTER TABLE import_batch DROP COLUMN sheet; "
                         "UPDATE meta SET value = '21' WHERE key = 'schema_version';", database)
    assert "Đã nâng cấp sổ" in thidua.ok("subject", "list").stderr
    assert _positions(thidua) == {"7/QĐ-UBND": "Chánh Văn phòng"}
    assert thidua("check").exit_code == 0
    thidua.ok("subject", "add", "--code", "NV2", "--position", "Phó Giám đốc Sở")
    assert len(json.loads(thidua.ok("log", "--format", "json").stdout)) == logged + 1


def test_an_office_workbook_of_awards_keeps_each_value_or_names_it(thidua, tmp_path):
    """A title row, the office's own headers ("Mã CB", "Chức vụ khi được khen", "Số QĐ", "Ngày ký"), an extra column,
    a hidden sheet, a stray comma after a name: the award's name kept its comma ("Bằng khen của Chủ tịch UBND tỉnh,"),
    another award to the ledger than the same name written without it."""
    import openpyxl

    _ledger(thidua)
    book = openpyxl.Workbook()
    old = book.active
    old.title, old.sheet_state = "Cũ", "hidden"
    old.append(["x"])
    sheet = book.create_sheet("Khen thưởng 2024")
    book.active = 1
    sheet.append(["SỞ THÔNG TIN VÀ TRUYỀN THÔNG"])
    sheet.merge_cells("A1:H1")
    sheet.append(["STT", "Mã CB", "Họ và tên", "Chức vụ khi được khen", "Hình thức khen thưởng", "Số QĐ", "Ngày ký",
                  "Ghi chú riêng"])
    sheet.append([1, "NV1", "Nguyễn Văn An,", "Phó Trưởng phòng ", "Bằng khen của Chủ tịch UBND tỉnh,", "12/QĐ-UBND",
                  "05/03/2024", "đã trao"])
    sheet.append([2, "NV3", "Lê Văn  Hòa", None, "Bằng khen của Chủ tịch UBND tỉnh", "12/QĐ-UBND", "05/03/2024", None])
    book.save(tmp_path / "kt.xlsx")
    result = thidua.ok("awards", "import", str(tmp_path / "kt.xlsx"))
    assert 'không đọc trang tính ẩn "Cũ"' in result.stderr
    assert "Ghi chú riêng (cột H)" in result.stderr and "Chức vụ" not in result.stderr
    listed = json.loads(thidua.ok("awards", "-O", "json").stdout)["awards"]
    assert {(a["subject"], a["name"], a["position"]) for a in listed} == {
        ("NV1", "Bằng khen của Chủ tịch UBND tỉnh", "Phó Trưởng phòng"), ("NV3", "Bằng khen của Chủ tịch UBND tỉnh", "Chuyên viên")}
