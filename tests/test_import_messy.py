"""What an office's messy entry file must never lose or store wrong: a column mixing TCVN3 and VNI cells,
rows repeated inside the file, points typed with look-alike digits or signs, lists too long for a screen —
in this process and in the second process that checks a big CSV file (`check_apart`), with the same
stored rows and the same messages."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import MINI_CAMPAIGN, assert_refused
from test_xlsx_import import write_xlsx
from thidua_cli.domain.legacy import unicode_to_tcvn3 as tcvn3, unicode_to_vni as vni

HEADER = ["Ngày", "Mã đối tượng", "Tiêu chí", "Điểm", "Nội dung", "Minh chứng"]
TITLE = ["BẢNG TỔNG HỢP THÀNH TÍCH QUÝ IV/2021", "", "", "", "", ""]
# an 8-bit file typed in legacy fonts: its title in TCVN3, its headers without diacritics
LEGACY_HEADER = ["Ngay", "Ma doi tuong", "Tieu chi", "Diem", "Noi dung", "Minh chung"]
LEGACY_TITLE = [tcvn3(TITLE[0]), "", "", "", "", ""]


def entries(thidua) -> list[dict]:
    return json.loads(thidua.ok("entries", "--format", "json").stdout)["entries"]


def write_csv(thidua, name: str, rows: list[list[str]], encoding: str = "utf-8"):
    """A CSV file as an office saves it: a title row above the table, Vietnamese headers."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([TITLE, HEADER, *rows] if encoding == "utf-8" else [LEGACY_TITLE, LEGACY_HEADER, *rows])
    path = thidua.folder / name
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def legacy_rows() -> list[list[str]]:
    """A note column typed mostly in TCVN3, with cells pasted from a VNI file (lines 5, 7 and 8)."""
    return [
        ["05/10/2021", "NV1", "TC1", "2", tcvn3("Hoàn thành xuất sắc nhiệm vụ được giao"), tcvn3("Biên bản họp")],
        ["06/10/2021", "NV2", "TC1", "3", tcvn3("Tham gia trực chốt kiểm soát dịch"), tcvn3("Quyết định số 12")],
        ["07/10/2021", "NV3", "TC1", "1", vni("Hỗ trợ người dân khai báo y tế"), vni("Giấy xác nhận của phường")],
        ["08/10/2021", "NV1", "TC1", "1", tcvn3("Trực đêm tại chốt"), ""],
        ["09/10/2021", "VP", "TC2", "1", vni("Hà Nội"), ""],
        ["10/10/2021", "NV2", "TC1", "2", vni("Tuyên truyền phòng dịch"), tcvn3("Công văn số 5")],
    ]


MEANT = [
    ("Hoàn thành xuất sắc nhiệm vụ được giao", "Biên bản họp"),
    ("Tham gia trực chốt kiểm soát dịch", "Quyết định số 12"),
    ("Hỗ trợ người dân khai báo y tế", "Giấy xác nhận của phường"),
    ("Trực đêm tại chốt", ""),
    ("Hà Nội", ""),
    ("Tuyên truyền phòng dịch", "Công văn số 5"),
]


@pytest.fixture
def apart(thidua, monkeypatch):
    """Every CSV file checked in a second process, as a file of 2 MB and more into a SQLite ledger is."""
    from thidua_cli.services import check_apart

    if thidua.engine != "sqlite" or not check_apart.worth_a_second_process(
            str(thidua.db), str(thidua.write("probe.csv", "x" * check_apart.MIN_BYTES))):
        pytest.skip("no second process here (a server ledger, one core, no fork, or not Linux)")
    monkeypatch.setattr(check_apart, "MIN_BYTES", 0)
    monkeypatch.setattr(check_apart, "BATCH", 2)
    return thidua


@pytest.fixture(params=["one process", "two processes"])
def ledger(request, thidua):
    """The mini ledger, its CSV files checked in this process or in a second one: both must agree."""
    if request.param == "two processes":
        request.getfixturevalue("apart")
    return thidua.mini()


# --- 1. TCVN3 and VNI cells in one column --------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "latin-1"])
def test_a_column_mixing_tcvn3_and_vni_cells_is_read_cell_by_cell(ledger, encoding):
    path = write_csv(ledger, "thanh-tich.csv", legacy_rows(), encoding)
    result = ledger.ok("import-entries", path)
    assert [(e["note"], e["evidence"]) for e in entries(ledger)] == MEANT
    # each cell named by the column as the file heads it, as a refusal names it (it read 'cột "note"')
    note, evidence = ("Nội dung", "Minh chứng") if encoding == "utf-8" else ("Noi dung", "Minh chung")
    assert f'dòng 5, cột "{note}": VNI → Unicode "Hỗ trợ người dân khai báo y tế"' in result.stderr
    assert f'dòng 3, cột "{note}": TCVN3 → Unicode "Hoàn thành xuất sắc nhiệm vụ được giao"' in result.stderr
    assert f'dòng 8, cột "{evidence}": TCVN3 → Unicode "Công văn số 5"' in result.stderr
    assert "Đã chuyển 10 ô từ mã cũ" in result.stderr


def test_a_workbook_column_mixing_tcvn3_and_vni_cells_is_read_cell_by_cell(thidua):
    thidua.mini()
    path = write_xlsx(thidua.folder / "thanh-tich.xlsx", [TITLE, HEADER, *legacy_rows()])
    result = thidua.ok("import-entries", path)
    assert [(e["note"], e["evidence"]) for e in entries(thidua)] == MEANT
    assert "VNI → Unicode \"Hỗ trợ người dân khai báo y tế\"" in result.stderr


def test_a_cell_typed_in_both_legacy_encodings_is_refused_by_line_and_column(ledger):
    rows = legacy_rows()
    rows[3][4] = tcvn3("Việt") + " " + vni("Nguyễn Hoà")  # line 6: neither reading gives Vietnamese throughout
    path = write_csv(ledger, "lan.csv", rows)
    result = assert_refused(ledger, ["import-entries", path], 'dòng 6, cột "Nội dung": "ViÖt Nguyeãn Hoaø" gõ lẫn hai mã cũ')
    assert 'theo VNI thành "ViƯt Nguyễn Hoà"' in result.stderr and "gõ lại ô này bằng Unicode" in result.stderr
    assert entries(ledger) == []


def test_latin_text_no_legacy_reading_makes_vietnamese_is_kept_and_named(thidua):
    thidua.mini()
    rows = legacy_rows()
    rows[3][4] = "Hợp tác với chuyên gia José Müller"  # Unicode: never legacy
    rows[4][4] = "José Müller"  # Latin-1 letters only, in a TCVN3 column: kept, not turned into "Josộ Mýller"
    rows[5][4] = tcvn3("Tuyên truyền phòng dịch")
    result = thidua.ok("import-entries", write_csv(thidua, "ten.csv", rows))
    notes = [e["note"] for e in entries(thidua)]
    assert notes[3] == "Hợp tác với chuyên gia José Müller" and notes[4] == "José Müller"
    assert 'dòng 7, cột "Nội dung": để nguyên "José Müller" (đọc theo TCVN3 hay VNI đều không ra tiếng Việt)' in result.stderr


# --- 2. long lists ----------------------------------------------------------------------------------


def test_a_long_refusal_shows_twenty_lines_and_keeps_the_whole_list_beside_the_file(ledger):
    rows = [[f"{day:02d}/10/2021", "NV1", "TC1", "abc", f"Việc {day}", ""] for day in range(1, 31)]
    path = write_csv(ledger, "sai.csv", rows)
    result = assert_refused(ledger, ["import-entries", path],
                            'tệp sai.csv có 30 dòng lỗi, chưa ghi gì vào sổ — dòng 3, cột "Điểm": "abc" không phải số điểm')
    details = result.stderr.splitlines()[1:]
    assert details[0] == '  dòng 4, cột "Điểm": "abc" không phải số điểm (ví dụ 8.5 hoặc 8,5)'
    assert details[19].startswith("  dòng 23, ")
    full = ledger.folder / "sai.csv.kiem-tra.txt"  # in the working folder (the tests run in theirs)
    assert details[20] == "  … và 9 dòng khác — xem đủ trong tệp sai.csv.kiem-tra.txt"
    kept = full.read_text(encoding="utf-8").splitlines()
    assert kept[:3] == ["Tệp sai.csv", "", "Các lỗi (30):"]
    assert kept[3] == 'dòng 3, cột "Điểm": "abc" không phải số điểm (ví dụ 8.5 hoặc 8,5)'
    assert kept[-1] == 'dòng 32, cột "Điểm": "abc" không phải số điểm (ví dụ 8.5 hoặc 8,5)' and len(kept) == 33


def test_a_long_conversion_notice_shows_twenty_cells_and_the_exact_count(ledger):
    rows = [[f"{day:02d}/10/2021", "NV1", "TC1", "1", tcvn3(f"Trực chốt ngày {day}"), ""] for day in range(1, 31)]
    path = write_csv(ledger, "dai.csv", rows)
    for args in (["--dry-run"], []):
        result = ledger.ok("import-entries", path, *args)
        lines = result.stderr.splitlines()
        assert lines[0] == "Đã chuyển 30 ô từ mã cũ (TCVN3/VNI) sang Unicode:"
        assert lines[20] == '  dòng 22, cột "Nội dung": TCVN3 → Unicode "Trực chốt ngày 20"'
        assert lines[21] == "  … và 10 ô khác — xem đủ trong tệp dai.csv.kiem-tra.txt"
    kept = (ledger.folder / "dai.csv.kiem-tra.txt").read_text(encoding="utf-8")
    assert 'dòng 32, cột "Nội dung": TCVN3 → Unicode "Trực chốt ngày 30"' in kept
    assert len(entries(ledger)) == 30


def test_a_short_list_is_shown_whole_and_writes_no_file(thidua):
    thidua.mini()
    rows = [[f"{day:02d}/10/2021", "NV1", "TC1", "x", "", ""] for day in range(1, 22)]  # 21: the 21st is shown, not cut
    result = assert_refused(thidua, ["import-entries", write_csv(thidua, "ngan.csv", rows)], "có 21 dòng lỗi")
    assert len(result.stderr.splitlines()) == 21 and "… và" not in result.stderr
    assert not (thidua.folder / "ngan.csv.kiem-tra.txt").exists()


# --- 3. rows repeated inside the file ---------------------------------------------------------------------


def test_a_row_repeated_in_the_file_is_skipped_as_a_ledger_duplicate_is_and_both_lines_are_named(ledger):
    rows = [
        ["05/10/2021", "NV1", "TC1", "2", "Trực chốt", "QĐ 1"],
        ["06/10/2021", "NV2", "TC1", "1", "Tuyên truyền", ""],
        ["05/10/2021", "nv1", "Hoàn thành nhiệm vụ", "2,0", "Trực  chốt", "QĐ 1"],  # line 5: the same as line 3, written otherwise
        ["05/10/2021", "NV1", "TC1", "2", "Trực chốt đêm", "QĐ 1"],  # line 6: like line 3 but for the note: stored, named
    ]
    result = ledger.ok("import-entries", write_csv(ledger, "lap.csv", rows))
    assert "Cảnh báo: 1 dòng giống hệt một dòng trước trong tệp, bỏ qua (chỉ ghi một lần):\n  dòng 5: giống hệt dòng 3\n" in result.stderr
    assert "Cảnh báo: 1 dòng giống một dòng trước trong tệp" in result.stderr
    assert "  dòng 6: giống dòng 3, chỉ khác nội dung hoặc minh chứng\n" in result.stderr
    assert "Đã ghi 3 mục; bỏ qua 0 mục đã có trong sổ và 1 dòng lặp lại trong tệp (tổng 4 dòng)." in result.stderr
    assert [(e["subject"], e["note"]) for e in entries(ledger)] == [("NV1", "Trực chốt"), ("NV1", "Trực chốt đêm"), ("NV2", "Tuyên truyền")]
    # the file again with one more row: the ledger's copies are skipped first, the file's repeat as before
    again = ledger.ok("import-entries", write_csv(ledger, "lap-2.csv", [*rows, ["07/10/2021", "NV3", "TC1", "1", "", ""]]))
    assert "Đã ghi 1 mục; bỏ qua 3 mục đã có trong sổ và 1 dòng lặp lại trong tệp (tổng 5 dòng)." in again.stderr
    assert len(entries(ledger)) == 4


def test_a_file_repeating_a_row_the_ledger_holds_once_stores_it_once(thidua):
    thidua.mini()
    thidua.ok("add-entry", "-s", "NV1", "-k", "TC1", "-p", "2", "-d", "2021-10-05", "-n", "Trực chốt")
    rows = [["05/10/2021", "NV1", "TC1", "2", "Trực chốt", ""]] * 2
    result = thidua.ok("import-entries", write_csv(thidua, "hai.csv", rows))
    assert "Đã ghi 0 mục; bỏ qua 1 mục đã có trong sổ và 1 dòng lặp lại trong tệp (tổng 2 dòng)." in result.stderr
    assert len(entries(thidua)) == 1


def test_repeated_rows_of_a_workbook_are_named_too(thidua):
    thidua.mini()
    rows = [TITLE, HEADER, ["05/10/2021", "NV1", "TC1", 2, "Trực chốt", ""], ["05/10/2021", "NV1", "TC1", 2, "Trực chốt", ""]]
    result = thidua.ok("import-entries", write_xlsx(thidua.folder / "lap.xlsx", rows))
    assert 'trang tính "Nhập liệu", dòng 4: giống hệt dòng 3' in result.stderr
    assert len(entries(thidua)) == 1


# --- 4. points ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "why"), [
    ("１０", "viết bằng chữ số toàn khổ (kiểu Trung, Nhật), không phải ký tự của bàn phím thường — gõ lại là 10"),
    ("١٠", "viết bằng chữ số Ả Rập, không phải ký tự của bàn phím thường — gõ lại là 10"),
    ("−1", 'viết bằng dấu "−" thay cho "-", không phải ký tự của bàn phím thường — gõ lại là -1'),
    ("–2,5", 'viết bằng dấu "–" thay cho "-", không phải ký tự của bàn phím thường — gõ lại là -2,5'),
    ("1+", "không phải số điểm (ví dụ 8.5 hoặc 8,5)"),
])
def test_points_in_look_alike_digits_or_signs_are_refused_alike_by_the_import_and_add_entry(ledger, typed, why):
    rows = [["05/10/2021", "NV1", "TC1", "1", "", ""], ["06/10/2021", "NV1", "VP", typed, "", ""]]
    assert_refused(ledger, ["import-entries", write_csv(ledger, "diem.csv", rows)], f'dòng 4, cột "Điểm": "{typed}" {why}')
    assert_refused(ledger, ["add-entry", "-s", "NV1", "-k", "VP", "-p", typed, "-d", "2021-10-06"], f'--points: "{typed}" {why}')
    assert entries(ledger) == []


def test_a_date_in_full_width_digits_is_refused_naming_what_to_type(thidua):
    thidua.mini()
    rows = [["２０２１-１０-０５", "NV1", "TC1", "1", "", ""]]
    assert_refused(thidua, ["import-entries", write_csv(thidua, "ngay.csv", rows)],
                   'dòng 3, cột "Ngày": "２０２１-１０-０５" viết bằng chữ số toàn khổ (kiểu Trung, Nhật), không phải ký tự '
                   "của bàn phím thường — gõ lại là 2021-10-05")


BOUNDED = MINI_CAMPAIGN.replace('name = "Hoàn thành nhiệm vụ"\napplies_to = "both"\nmax_points = 50\n',
                                'name = "Hoàn thành nhiệm vụ"\napplies_to = "both"\nmax_points = 50\nmin_points = 0\n')


def test_points_past_a_criterions_cap_or_floor_are_stored_and_named_alike_by_the_import_and_add_entry(thidua):
    """SPEC §5.1 bounds the sum of a subject's points on a criterion, not one entry: a deduction on a criterion
    whose floor is 0 counts while the sum stays above it, and the example campaign has one entry of 11,25 on a
    criterion capped at 10. Neither is refused; both are told, the same way by the import and by add-entry."""
    assert BOUNDED != MINI_CAMPAIGN
    thidua.ok("campaign", "load", str(thidua.write("mini.toml", BOUNDED)))
    thidua.ok("subject", "import", str(thidua.write("s.csv", "code,name,kind\nNV1,Nguyễn Văn An,cá nhân\n")))
    rows = [["05/10/2021", "NV1", "TC1", "-1", "Chậm báo cáo", ""], ["06/10/2021", "NV1", "TC1", "+60", "", ""],
            ["07/10/2021", "NV1", "TC1", "+1", "", ""]]
    result = thidua.ok("import-entries", write_csv(thidua, "bien.csv", rows))
    assert ("Cảnh báo: dòng 3: -1 điểm, thấp hơn sàn 0 của tiêu chí TC1: tổng điểm tiêu chí này của một đối tượng "
            "không tính dưới 0") in result.stderr
    assert ("Cảnh báo: dòng 4: 60 điểm, hơn cả trần 50 của tiêu chí TC1: tổng điểm tiêu chí này của một đối tượng "
            "chỉ tính đến 50") in result.stderr
    assert "dòng 5" not in result.stderr
    assert [e["points"] for e in entries(thidua)] == [-1, 60, 1]
    added = thidua.ok("add-entry", "-s", "NV1", "-k", "TC1", "-p", "-1", "-d", "2021-10-08")
    assert "Cảnh báo: -1 điểm, thấp hơn sàn 0 của tiêu chí TC1" in added.stderr
    assert thidua.ok("add-entry", "-s", "NV1", "-k", "TC1", "-p", "+2", "-d", "2021-10-08").stderr.count("Cảnh báo") == 0


# --- values a workbook holds outside the table read ----------------------------------------------------------------


def test_a_workbooks_other_sheets_and_cell_comments_are_named_not_dropped(thidua):
    from openpyxl import Workbook
    from openpyxl.comments import Comment

    thidua.mini()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tháng 10"
    for row in (TITLE, HEADER, ["05/10/2021", "NV1", "TC1", 2, "Trực chốt", "QĐ 1"], ["07/10/2021", "NV3", "TC1", 1, "Việc", None]):
        sheet.append(row)
    sheet["E4"].comment = Comment("Đã trừ 1 điểm vì chậm báo cáo", "Hoa")
    november = workbook.create_sheet("Tháng 11")
    november.append(HEADER)
    november.append(["05/11/2021", "NV1", "TC1", 3, "", ""])
    workbook.create_sheet("Sheet3")  # empty: not worth a word
    path = thidua.folder / "quy4.xlsx"
    workbook.save(path)
    other = thidua.ok("import-entries", path, "--sheet", "Tháng 11", "--dry-run")
    assert 'Cảnh báo: đọc trang tính "Tháng 11"; không đọc trang tính "Tháng 10" (chọn trang khác bằng --sheet)' in other.stderr
    assert "sẽ ghi 1 mục" in other.stderr and "ghi chú" not in other.stderr
    result = thidua.ok("import-entries", path)
    assert 'Cảnh báo: đọc trang tính "Tháng 10"; không đọc trang tính "Tháng 11" (chọn trang khác bằng --sheet)' in result.stderr
    assert ('Cảnh báo: trang tính "Tháng 10" có 1 ô kèm ghi chú (comment), không nhập vào sổ: ô E4: "Đã trừ 1 điểm '
            'vì chậm báo cáo" — điều cần giữ, chép vào cột nội dung hoặc minh chứng') in result.stderr
    assert "Sheet3" not in result.stderr
    assert len(entries(thidua)) == 2
    # another sheet of the same workbook is an import of its own (the ledger knows a file by its content and sheet)
    again = thidua.ok("import-entries", path, "--sheet", "Tháng 11")
    assert "Đã ghi 1 mục" in again.stderr and len(entries(thidua)) == 3
    listed = [(b["file"], b["sheet"]) for b in json.loads(thidua.ok("imports", "--format", "json").stdout)["imports"]
              if b["file"] == "quy4.xlsx"]
    assert listed == [("quy4.xlsx", None), ("quy4.xlsx", "Tháng 11")]
    before = thidua.digest()
    assert "đã được nhập" in thidua.ok("import-entries", path).stderr  # the first sheet, as first read, again
    assert thidua.digest() == before


def test_a_sheet_the_drop_down_lists_draw_on_is_not_named(thidua):
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    thidua.mini()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Nhập liệu"
    for row in (HEADER, ["05/10/2021", "NV1", "TC1", 2, "", ""]):
        sheet.append(row)
    codes = workbook.create_sheet("Mã cán bộ")
    for code in ("NV1", "NV2", "NV3"):
        codes.append([code])
    choices = DataValidation(type="list", formula1="'Mã cán bộ'!$A$1:$A$3")
    choices.add("B2:B100")
    sheet.add_data_validation(choices)
    path = thidua.folder / "chon.xlsx"
    workbook.save(path)
    result = thidua.ok("import-entries", path)
    assert "Cảnh báo" not in result.stderr and len(entries(thidua)) == 1


def test_rows_a_filter_hides_are_read_and_named(thidua):
    """A workbook saved with a filter still on (or rows hidden by hand): the hidden rows are data like the others,
    stored, and named in a warning, since the person looking at the sheet in Excel did not see them."""
    from openpyxl import Workbook

    thidua.mini()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tháng 10"
    for row in (HEADER, ["05/10/2021", "NV1", "TC1", 2, "Hiện", ""], ["06/10/2021", "NV2", "TC1", 3, "Ẩn một", ""],
                ["07/10/2021", "NV3", "TC1", 1, "Hiện", ""], ["08/10/2021", "NV1", "TC1", 4, "Ẩn hai", ""]):
        sheet.append(row)
    sheet.auto_filter.ref = "A1:F5"
    sheet.row_dimensions[3].hidden = True
    sheet.row_dimensions[5].hidden = True
    path = thidua.folder / "loc.xlsx"
    workbook.save(path)
    result = thidua.ok("import-entries", path)
    assert ('Cảnh báo: trang tính "Tháng 10" có 2 dòng đang ẩn trên Excel (lọc hoặc ẩn dòng), vẫn được đọc như mọi dòng: '
            "dòng 3, 5 — kiểm lại nếu các dòng ấy không phải để nhập") in result.stderr
    assert sorted(e["note"] for e in entries(thidua)) == ["Hiện", "Hiện", "Ẩn hai", "Ẩn một"]
