"""Imports as offices write their files: every column used or named, malformed files refused by name,
each import a batch that can be undone, near-duplicates caught, award history by name."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font

from conftest import assert_refused
from test_xlsx_import import subjects_json, write_xlsx

TCVN3_NOTE = "Hoµn thµnh tèt nhiÖm vô"  # Hoàn thành tốt nhiệm vụ, as a .VnTime cell holds it


def entries(thidua, *args: str) -> list[dict]:
    return json.loads(thidua.ok("entries", "--format", "json", *args).stdout)["entries"]


def history(thidua) -> list[dict]:
    return json.loads(thidua.ok("awards", "--format", "json").stdout)["awards"]


def imports(thidua) -> list[dict]:
    return json.loads(thidua.ok("imports", "--format", "json").stdout)["imports"]


def warning_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("Cảnh báo: bỏ qua cột")]


def cache_formulas(path: Path, part: str, values: dict[str, object]) -> None:
    """Give formula cells the cached value Excel stores when it saves (openpyxl writes none)."""
    temporary = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == part:
                text = data.decode()
                for reference, value in values.items():
                    text = re.sub(rf'(<c r="{reference}"[^>]*><f>[^<]*</f>)<v\s*/?>(</v>)?', rf"\g<1><v>{value}</v>", text)
                data = text.encode()
            target.writestr(item, data)
    shutil.move(temporary, path)


# --- entries: office headers, unknown columns, --column -------------------------------------------


OFFICE_ENTRIES = """\
Ngày,Mã,Họ và tên,Tiêu chí,Điểm,Nội dung thành tích,Văn bản minh chứng
05/10/2021,NV1,Nguyễn Văn An,TC1,"8,5",Trực chốt kiểm soát,CV 12/STTTT-VP
06/10/2021,NV2,Trần Thị Ánh,TC1,3,"Tuyên truyền 5K, khu phố 2",QĐ 15/QĐ-STTTT
"""


def test_entries_with_office_headers_keep_every_value(thidua):
    thidua.mini()
    result = thidua.ok("import-entries", str(thidua.write("thang-10.csv", OFFICE_ENTRIES)))
    assert "Cảnh báo" not in result.stderr  # every column is used
    got = [(e["date"], e["subject"], e["points"], e["note"], e["evidence"]) for e in entries(thidua)]
    assert got == [
        ("2021-10-05", "NV1", 8.5, "Trực chốt kiểm soát", "CV 12/STTTT-VP"),
        ("2021-10-06", "NV2", 3, "Tuyên truyền 5K, khu phố 2", "QĐ 15/QĐ-STTTT"),
    ]


@pytest.mark.parametrize("dry_run", [True, False])
def test_an_unknown_column_is_named_on_import_and_dry_run(thidua, dry_run):
    thidua.mini()
    path = thidua.write("e.csv", """\
        Ngày,Mã,Tiêu chí,Điểm,Nội dung chi tiết,Số VB,Đơn vị
        05/10/2021,NV1,TC1,1,Trực chốt,CV 1,VP
    """)
    result = thidua.ok("import-entries", str(path), *(["--dry-run"] if dry_run else []))
    assert warning_lines(result.stderr) == [
        "Cảnh báo: bỏ qua cột: Nội dung chi tiết, Số VB; tệp không có cột nội dung thành tích (note), "
        'minh chứng (evidence) — nếu một cột bị bỏ qua là cột đó, dùng --column "Nội dung chi tiết=note"'
    ]
    if not dry_run:  # the file is in: undo that import, then read the file again with the columns named
        again = thidua.ok("import-entries", str(path), "--column", "Nội dung chi tiết=note")
        assert "đã được nhập ở lần nhập số 2" in again.stderr and "thidua void-import 2" in again.stderr
        thidua.ok("void-import", "2", "--reason", "thiếu nội dung")
    mapped = thidua.ok("import-entries", str(path), "--column", "Nội dung chi tiết=note", "--column", "Số VB=evidence",
                       "--column", "Đơn vị=-")
    assert warning_lines(mapped.stderr) == ["Cảnh báo: bỏ qua cột: Đơn vị"]
    [entry] = entries(thidua)  # without --include-void: the live one
    assert (entry["note"], entry["evidence"]) == ("Trực chốt", "CV 1")


def test_the_column_hint_never_offers_the_stt_column_as_the_note(thidua):
    # an office's sheet numbers its rows first ("STT"); the hint pointed at it, and following it stored 1, 2, 3… as notes
    thidua.mini()
    path = thidua.write("e.csv", """\
        STT,Ngày,Mã,Tiêu chí,Điểm,Thành tích cụ thể
        1,05/10/2021,NV1,TC1,1,Trực chốt
    """)
    assert warning_lines(thidua.ok("import-entries", str(path), "--dry-run").stderr) == [
        "Cảnh báo: bỏ qua cột: STT, Thành tích cụ thể; tệp không có cột nội dung thành tích (note), "
        'minh chứng (evidence) — nếu một cột bị bỏ qua là cột đó, dùng --column "Thành tích cụ thể=note"'
    ]


def test_ghi_chu_is_the_note_only_when_no_other_column_is(thidua):
    thidua.mini()
    alone = thidua.write("a.csv", "Ngày,Mã,Tiêu chí,Điểm,Ghi chú\n05/10/2021,NV1,TC1,1,Trực\n")
    assert warning_lines(thidua.ok("import-entries", str(alone)).stderr) == []
    beside = thidua.write("b.csv", "Ngày,Mã,Tiêu chí,Điểm,Nội dung,Ghi chú\n06/10/2021,NV1,TC1,1,Trực,đêm\n")
    assert warning_lines(thidua.ok("import-entries", str(beside)).stderr) == [
        'Cảnh báo: bỏ qua cột: Ghi chú; tệp không có cột minh chứng (evidence) — nếu một cột bị bỏ qua là cột đó, '
        'dùng --column "Ghi chú=evidence"'
    ]
    assert [e["note"] for e in entries(thidua)] == ["Trực", "Trực"]


def test_code_and_name_columns_are_checked_against_each_other(thidua):
    thidua.mini()
    path = thidua.write("e.csv", "Ngày,Mã,Họ và tên,Tiêu chí,Điểm\n05/10/2021,NV1,Trần Thị Ánh,TC1,1\n")
    assert_refused(thidua, ["import-entries", str(path)],
                   'dòng 2, cột "Họ và tên": "Trần Thị Ánh" không khớp với mã NV1 (Nguyễn Văn An)')
    by_name = thidua.write("n.csv", "Ngày,Họ và tên,Tiêu chí,Điểm\n05/10/2021,tran thi anh,TC1,1\n")
    thidua.ok("import-entries", str(by_name))
    assert [e["subject"] for e in entries(thidua)] == ["NV2"]


def test_column_option_refusals(thidua):
    thidua.mini()
    path = thidua.write("e.csv", OFFICE_ENTRIES)
    assert_refused(thidua, ["import-entries", str(path), "--column", "Nội dung thành tích=ghi"],
                   '--column "Nội dung thành tích=ghi": tệp mục ghi không có trường "ghi"', code=2)
    assert_refused(thidua, ["import-entries", str(path), "--column", "note"], 'viết dạng "Tiêu đề cột=trường"', code=2)
    assert_refused(thidua, ["import-entries", str(path), "--column", "Không có=note"],
                   '--column: tệp e.csv không có cột "khong co" ở dòng 1')
    assert entries(thidua) == []


def test_two_headers_for_one_field_are_refused_by_name(thidua):
    thidua.mini()
    twice = thidua.write("twice.csv", "date,subject,criterion,points,points\n2021-10-05,NV1,TC1,1,2\n")
    result = assert_refused(thidua, ["import-entries", str(twice)],
                            'tệp twice.csv, dòng 1: cột "points" và cột "points" cùng là cột điểm (points)')
    assert "--column" in result.stderr
    both = thidua.write("both.csv", "Ngày,Mã,subject,Tiêu chí,Điểm\n2021-10-05,NV1,NV2,TC1,1\n")
    assert_refused(thidua, ["import-entries", str(both)], 'dòng 1: cột "Mã" và cột "subject" cùng là cột mã đối tượng (subject)')
    chosen = thidua.ok("import-entries", str(both), "--column", "subject=subject")
    assert warning_lines(chosen.stderr)[0].startswith("Cảnh báo: bỏ qua cột: Mã;")
    assert [e["subject"] for e in entries(thidua)] == ["NV2"]


# --- malformed CSV ---------------------------------------------------------------------------------


def test_an_unclosed_quote_is_refused_with_its_line(thidua):
    thidua.mini()
    path = thidua.write("q.csv", 'date,subject,criterion,points,note\n2021-10-05,NV1,TC1,1,"Trực\n2021-10-06,NV2,TC1,2,Tuyên truyền\n')
    assert_refused(thidua, ["import-entries", str(path)],
                   "tệp q.csv, dòng 2: dấu ngoặc kép mở trong dòng này không được đóng, nên các dòng sau (đến dòng 3) bị nuốt vào một ô")
    closed_later = thidua.write("q2.csv", (
        'date,subject,criterion,points,note\n2021-10-05,NV1,TC1,1,"Trực\n2021-10-06,NV2,TC1,2,Tuyên truyền"\n'
    ))
    assert_refused(thidua, ["import-entries", str(closed_later)],
                   "dòng 2: một ô chứa cả dòng dữ liệu sau nó — dấu ngoặc kép mở trong ô này không được đóng đúng chỗ")
    multi_line = thidua.write("q3.csv", 'date,subject,criterion,points,note\n2021-10-05,NV1,TC1,1,"Trực\nđêm"\n')
    thidua.ok("import-entries", str(multi_line))  # a cell typed on two lines in Excel is fine
    assert [e["note"] for e in entries(thidua)] == ["Trực đêm"]


def test_rows_with_more_or_fewer_cells_than_the_header_are_refused(thidua):
    thidua.mini()
    more = thidua.write("more.csv", "date,subject,criterion,points,note\n2021-10-05,NV1,TC1,1,Trực, đêm 5/10\n")
    assert_refused(thidua, ["import-entries", str(more)],
                   'dòng 2: có 6 ô nhưng dòng tiêu đề có 5 cột (ô thừa: " đêm 5/10") — có dấu phẩy trong một ô mà không đặt ô đó '
                   "trong dấu ngoặc kép?")
    fewer = thidua.write("fewer.csv", "date,subject,criterion,points,note\n2021-10-05,NV1,TC1\n2021-10-06,NV1,TC1,1,x\n")
    assert_refused(thidua, ["import-entries", str(fewer)], "dòng 2: có 3 ô nhưng dòng tiêu đề có 5 cột — thiếu ô")
    trailing = thidua.write("trailing.csv", "date,subject,criterion,points,note\n2021-10-05,NV1,TC1,1,x,,\n")
    thidua.ok("import-entries", str(trailing))  # empty cells after the last column: nothing lost
    assert len(entries(thidua)) == 1


def test_a_stray_comma_that_pushes_a_note_into_the_next_column_is_refused(thidua):
    """The pushed-out cell is empty, but the end of the note went into a column nothing imports."""
    thidua.mini()
    path = thidua.write("e.csv", "BẢNG THÀNH TÍCH THÁNG 11,,,,,\nNgày,Mã,Tiêu chí,Điểm,Nội dung,Ghi chú riêng\n"
                                 "02/11/2021,NV1,TC1,1,Trực đêm,đã xác minh\n05/11/2021,NV2,TC1,2,Viết bài, có ảnh,\n")
    assert_refused(thidua, ["import-entries", str(path)],
                   "dòng 4: có 7 ô nhưng dòng tiêu đề có 6 cột (ô thừa: để trống) — có dấu phẩy trong một ô mà không đặt ô đó "
                   "trong dấu ngoặc kép? Các ô sau nó đã lệch sang cột bên cạnh")


def test_a_value_under_no_header_is_named(thidua):
    thidua.mini()
    path = thidua.write("e.csv", "date,subject,criterion,points,,note\n2021-10-05,NV1,TC1,1,lạc cột,x\n")
    result = thidua.ok("import-entries", str(path))
    assert warning_lines(result.stderr) == ["Cảnh báo: bỏ qua cột: cột 5 (không có tiêu đề)"]


def test_utf16_without_its_mark_is_refused_as_such(thidua):
    thidua.mini()
    path = thidua.folder / "utf16.csv"
    path.write_bytes("code,name,kind\nNV9,Đặng Thị Huệ,cá nhân\n".encode("utf-16-le"))
    assert_refused(thidua, ["subject", "import", str(path)],
                   "tệp utf16.csv có vẻ là UTF-16 nhưng thiếu dấu BOM đầu tệp: không xác định được bảng mã, chưa đọc gì")
    binary = thidua.folder / "nul.csv"
    binary.write_bytes(b"code,name,kind\n\x00,\x00,\x00\n")
    assert_refused(thidua, ["subject", "import", str(binary)], "tệp nul.csv có byte NUL, không phải tệp văn bản")


# --- xlsx as the person sees it ---------------------------------------------------------------------


def office_workbook(path: Path, formula: str | None = "=2+3") -> Path:
    """A hidden old sheet first; the active sheet with title rows, a merged two-level header, a .VnTime
    cell, a formula, a unit merged over two rows and a column nothing uses."""
    workbook = Workbook()
    old = workbook.active
    old.title = "Cũ 2020"
    old.append(["Ngày", "Mã", "Tiêu chí", "Điểm"])
    old.append([datetime(2020, 1, 1), "NV1", "TC1", 99])
    old.sheet_state = "hidden"
    sheet = workbook.create_sheet("Tháng 10")
    workbook.active = 1
    sheet.append(["UBND TỈNH TRÀ VINH"])
    sheet.merge_cells("A1:H1")
    sheet.append(["BẢNG THEO DÕI THÀNH TÍCH THÁNG 10/2021"])
    sheet.merge_cells("A2:H2")
    sheet.append([])
    sheet.append(["STT", "Ngày", "Mã", "Tiêu chí", "Điểm", "Thành tích", None, "Ghi chú nội bộ"])
    sheet.append([None, None, None, None, None, "Nội dung", "Văn bản minh chứng", None])
    for letter in "ABCDEH":
        sheet.merge_cells(f"{letter}4:{letter}5")
    sheet.merge_cells("F4:G4")
    sheet.append([1, datetime(2021, 10, 5), "NV1", "TC1", 8.5, TCVN3_NOTE, "CV 12/STTTT", "đã kiểm"])
    sheet["F6"].font = Font(name=".VnTime")
    sheet.append([2, datetime(2021, 10, 6), "NV2", "TC1", formula or 5, "Trực dịch", "CV 13", None])
    sheet.append([3, datetime(2021, 10, 7), "NV3", "TC1", 4, "Tuyên truyền 5K", "CV 14", None])
    sheet.merge_cells("G7:G8")  # one document for two rows, as the person sees it
    workbook.save(path)
    return path


def test_an_office_workbook_is_read_as_the_person_sees_it(thidua):
    thidua.mini()
    path = office_workbook(thidua.folder / "thang-10.xlsx")
    cache_formulas(path, "xl/worksheets/sheet2.xml", {"E7": 5})
    dry = thidua.ok("import-entries", str(path), "--dry-run")
    assert 'Cảnh báo: đọc trang tính "Tháng 10"; không đọc trang tính ẩn "Cũ 2020" (chọn trang khác bằng --sheet)' in dry.stderr
    assert warning_lines(dry.stderr) == ["Cảnh báo: bỏ qua cột: STT (cột A), Ghi chú nội bộ (cột H)"]
    assert "ô gộp G7:G8: giá trị của ô G7 được dùng cho cả 2 dòng" in dry.stderr
    assert entries(thidua) == []
    thidua.ok("import-entries", str(path))
    got = [(e["date"], e["subject"], e["points"], e["note"], e["evidence"]) for e in entries(thidua)]
    assert got == [
        ("2021-10-05", "NV1", 8.5, "Hoàn thành tốt nhiệm vụ", "CV 12/STTTT"),
        ("2021-10-06", "NV2", 5, "Trực dịch", "CV 13"),  # the formula's cached value
        ("2021-10-07", "NV3", 4, "Tuyên truyền 5K", "CV 13"),  # under the merged cell
    ]


def test_a_formula_without_a_cached_value_refuses_its_row(thidua):
    thidua.mini()
    path = office_workbook(thidua.folder / "thang-10.xlsx")
    assert_refused(thidua, ["import-entries", str(path)],
                   'trang tính "Tháng 10", dòng 7, cột E: "=2+3" là công thức chưa có giá trị đã tính')


def test_the_hidden_sheet_is_read_only_when_asked_for(thidua):
    thidua.mini()
    path = office_workbook(thidua.folder / "thang-10.xlsx", formula=None)
    chosen = thidua.ok("import-entries", str(path), "--sheet", "Cũ 2020", "--dry-run")
    assert 'trang tính "Cũ 2020", dòng 2: ngày 01/01/2020 nằm ngoài thời gian phong trào' in chosen.stderr
    assert "trang tính ẩn" not in chosen.stderr


def test_dates_of_a_1904_workbook(thidua):
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    thidua.mini()
    workbook = Workbook()
    workbook.epoch = CALENDAR_MAC_1904
    sheet = workbook.active
    sheet.append(["Ngày", "Mã", "Tiêu chí", "Điểm"])
    sheet.append([datetime(2021, 10, 5), "NV1", "TC1", 1])  # a date cell: stored as a 1904 serial
    sheet.append([(date(2021, 10, 6) - date(1904, 1, 1)).days, "NV2", "TC1", 1])  # a bare 1904 serial number
    path = thidua.folder / "mac.xlsx"
    workbook.save(path)
    thidua.ok("import-entries", str(path))
    assert [e["date"] for e in entries(thidua)] == ["2021-10-05", "2021-10-06"]


# --- batches: same file, near-duplicates, void-import -------------------------------------------------


def test_the_same_file_twice_is_recognised_for_every_kind(thidua):
    thidua.mini()
    first = thidua.ok("import-entries", str(thidua.write("e.csv", OFFICE_ENTRIES)))
    assert "Lần nhập số 2" in first.stderr
    for command, path in (
        (["import-entries"], thidua.folder / "e.csv"),
        (["subject", "import"], thidua.folder / "mini-subjects.csv"),
    ):
        before = thidua.digest()
        again = thidua.ok(*command, str(path))
        assert again.stderr.startswith(f"Tệp {path.name} đã được nhập ở lần nhập số ")
        assert "bỏ qua, không ghi gì" in again.stderr
        assert thidua.digest() == before
    awards = thidua.write("kt.csv", "Mã,Hình thức khen thưởng,Số QĐ,Ngày ký\nNV1,Giấy khen của Giám đốc Sở,12/QĐ-STTTT,05/03/2021\n")
    thidua.ok("awards", "import", str(awards))
    assert "đã được nhập ở lần nhập số 3" in thidua.ok("awards", "import", str(awards)).stderr
    assert [(b["id"], b["kind"], b["file"], b["rows"], b["voided"]) for b in imports(thidua)] == [
        (1, "subjects", "mini-subjects.csv", 4, False), (2, "entries", "e.csv", 2, False), (3, "awards", "kt.csv", 1, False),
    ]
    assert all(len(b["sha256"]) == 64 and b["by"] == "Người kiểm thử" for b in imports(thidua))


def test_a_near_duplicate_is_refused_and_allowed_with_the_flag(thidua):
    thidua.mini()
    thidua.ok("import-entries", str(thidua.write("e.csv", "date,subject,criterion,points\n2021-10-05,NV1,TC1,1\n2021-10-06,NV2,TC1,3\n")))
    fixed = thidua.write("e-sua.csv", """\
        date,subject,criterion,points,note
        2021-10-05,NV1,TC1,1,Trực chốt
        2021-10-07,NV3,TC1,2,Mới
    """)
    result = assert_refused(thidua, ["import-entries", str(fixed)],
                            "tệp e-sua.csv có 1 dòng gần trùng với mục ghi đã có (cùng ngày, đối tượng, tiêu chí, điểm; khác nội "
                            "dung hoặc minh chứng), chưa ghi gì vào sổ — dòng 2: giống mục ghi số 1 (lần nhập số 2)")
    assert 'thêm --allow-near-duplicates; nếu tệp này sửa lại lần nhập số 2, huỷ lần nhập đó trước: thidua void-import 2' in result.stderr
    assert_refused(thidua, ["import-entries", str(fixed), "--dry-run"], "có 1 dòng gần trùng")
    allowed = thidua.ok("import-entries", str(fixed), "--allow-near-duplicates")
    assert "Đã ghi 2 mục" in allowed.stderr and "1 dòng gần trùng mục đã có vẫn được ghi" in allowed.stderr
    assert len(entries(thidua)) == 4


def test_void_import_restores_the_standings_exactly_and_check_passes(thidua):
    thidua.mini()
    thidua.ok("add-entry", "-s", "NV1", "-k", "TC1", "-p", "5", "-d", "2021-10-02")
    before = thidua.ok("score", "--format", "json").stdout
    wrong = thidua.write("sai.csv", "date,subject,criterion,points,note\n2021-10-05,NV1,TC1,7,x\n2021-10-06,VP,TC2,3,y\n")
    thidua.ok("import-entries", str(wrong))
    thidua.ok("void-entry", "2", "--reason", "một dòng sai")  # voided by hand first: void-import skips it
    assert thidua.ok("score", "--format", "json").stdout != before
    done = thidua.ok("void-import", "2", "--reason", "Nhập nhầm tệp")
    assert "Đã huỷ lần nhập số 2 (tệp sai.csv" in done.stderr and ": 1 mục ghi được huỷ." in done.stderr
    assert thidua.ok("score", "--format", "json").stdout == before
    assert thidua("check").exit_code == 0 and thidua("check").stdout == ""
    listed = entries(thidua, "--include-void")
    assert [(e["id"], e["voided"]) for e in listed] == [(1, False), (2, True), (3, True)]  # voided, never deleted
    [batch] = [b for b in imports(thidua) if b["id"] == 2]
    assert batch["voided"] is True and batch["void_reason"] == "Nhập nhầm tệp"
    # the same file may come back once its import is undone
    assert "Đã ghi 2 mục" in thidua.ok("import-entries", str(wrong)).stderr


def test_void_import_refusals(thidua):
    thidua.mini()
    thidua.ok("import-entries", str(thidua.write("e.csv", OFFICE_ENTRIES)))
    assert_refused(thidua, ["void-import", "9", "--reason", "x"], "không có lần nhập số 9")
    assert_refused(thidua, ["void-import", "2", "--reason", " "], "--reason: cần ghi lý do huỷ lần nhập")
    assert_refused(thidua, ["void-import", "1", "--reason", "x"], "lần nhập số 1 (tệp mini-subjects.csv")
    thidua.ok("void-import", "2", "--reason", "x")
    refused = assert_refused(thidua, ["void-import", "2", "--reason", "x"], "đã bị huỷ trước đó")
    # the day written as everywhere else ("07/12/2026: x"), not "2026-12-07: x"; in the listing too
    assert re.search(r"đã bị huỷ trước đó \(\d\d/\d\d/\d{4}: x\)", refused.stderr), refused.stderr
    assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d: x", thidua.ok("imports").stdout.replace("\n", " ")), thidua.ok("imports").stdout
    assert_refused(thidua, ["void-import", "abc", "--reason", "x"], "abc", code=2)


def test_imports_listing_formats(thidua):
    thidua.mini()
    table = thidua.ok("imports").stdout
    assert "mini-subjects.csv" in table and "đối tượng" in table
    csv_text = thidua.ok("imports", "--format", "csv").stdout
    assert csv_text.splitlines()[0].startswith("id,kind,file,sheet,rows,added,at,by,voided,sha256")


# --- subjects: details kept ---------------------------------------------------------------------------


def test_subject_details_are_kept_and_loaded(thidua):
    from thidua_cli.storage.ledger import Ledger
    from thidua_cli.storage.subjects import subject_by_code, subject_details

    thidua.mini()
    path = write_xlsx(thidua.folder / "can-bo.xlsx", [
        ["Mã", "Họ và tên", "Loại", "Ngày sinh", "Quê quán", "Trình độ chuyên môn", "Chức vụ Đảng, đoàn thể", "Ghi chú"],
        ["NV1", "Nguyễn Văn An", "Cá nhân", datetime(1985, 3, 7), "Càng Long, Trà Vinh", "Kỹ sư CNTT", "Bí thư Chi đoàn", "x"],
        ["VP", "Văn phòng Sở", "Tập thể", None, None, None, None, None],
    ], formats={"D2": "DD/MM/YYYY"})
    dry = thidua.ok("subject", "import", str(path), "--dry-run")
    assert warning_lines(dry.stderr) == ["Cảnh báo: bỏ qua cột: Ghi chú (cột H)"]
    # NV1's details; VP's share of women is kept: the file has no column for it (it used to be wiped)
    assert "cập nhật 1, giữ nguyên 1" in dry.stderr
    result = thidua.ok("subject", "import", str(path))
    assert warning_lines(result.stderr) == ["Cảnh báo: bỏ qua cột: Ghi chú (cột H)"]
    assert subjects_json(thidua)["VP"]["female_percent"] == 40
    ledger = Ledger.open(thidua.db)
    try:
        subject = subject_by_code(ledger.connection, "NV1")
        assert subject_details(ledger.connection, subject.id) == {
            "birth_date": "07/03/1985", "hometown": "Càng Long, Trà Vinh", "education": "Kỹ sư CNTT",
            "party_position": "Bí thư Chi đoàn",
        }
        assert subject_details(ledger.connection, subject_by_code(ledger.connection, "VP").id) == {}
    finally:
        ledger.close()
    # a later file without those columns keeps them
    again = thidua.write("them.csv", "code,name,kind,position\nNV1,Nguyễn Văn An,cá nhân,Trưởng phòng\n")
    thidua.ok("subject", "import", str(again))
    ledger = Ledger.open(thidua.db)
    try:
        assert subject_details(ledger.connection, subject_by_code(ledger.connection, "NV1").id)["hometown"] == "Càng Long, Trà Vinh"
    finally:
        ledger.close()


# --- award history as offices keep it -----------------------------------------------------------------


def test_award_history_by_name_with_category_kind_and_year(thidua, monkeypatch):
    monkeypatch.setenv("THIDUA_TODAY", "2022-01-01")
    thidua.mini()
    path = thidua.write("qua-trinh.csv", """\
        Mã,Họ và tên,Hình thức khen thưởng,Danh hiệu,Số quyết định,Ngày quyết định,Cơ quan ban hành,Loại hình,Năm,Ghi chú
        NV1,Nguyễn Văn An,giấy khen của giám đốc sở,,12/QĐ-STTTT,05/03/2021,,,,
        NV2,Trần Thị Ánh,,Lao động tiên tiến,15/QĐ-STTTT,10/01/2021,Giám đốc Sở,Công trạng,2020,
        NV3,Lê Văn Hòa,Bằng khen của Bộ Thông tin và Truyền thông,,45/QĐ-BTTTT,20/02/2019,Bộ trưởng,Chuyên đề,,
        NV3,Lê Văn Hòa,Huân chương Lao động hạng Ba,Chiến sĩ thi đua cơ sở,99/QĐ-CTN,02/09/2020,Chủ tịch nước,đột xuất,,ghi tay
    """)
    dry = thidua.ok("awards", "import", str(path), "--dry-run")
    assert warning_lines(dry.stderr) == ["Cảnh báo: bỏ qua cột: Ghi chú"]
    assert "sẽ ghi 5" in dry.stderr  # the last row holds a danh hiệu and a hình thức of one decision
    assert warning_lines(thidua.ok("awards", "import", str(path)).stderr) == ["Cảnh báo: bỏ qua cột: Ghi chú"]
    got = {(r["subject"], r["award"], r["name"], r["category"], r["award_kind"], r["year"]) for r in history(thidua)}
    assert got == {
        ("NV1", "GK", "Giấy khen của Giám đốc Sở", "hinh-thuc", "cong-trang", 2021),  # matched by name to the campaign's GK
        ("NV2", "Lao động tiên tiến", "Lao động tiên tiến", "danh-hieu", "cong-trang", 2020),
        ("NV3", "Bằng khen của Bộ Thông tin và Truyền thông", "Bằng khen của Bộ Thông tin và Truyền thông", "hinh-thuc",
         "chuyen-de", 2019),
        ("NV3", "Huân chương Lao động hạng Ba", "Huân chương Lao động hạng Ba", "hinh-thuc", "dot-xuat", 2020),
        ("NV3", "Chiến sĩ thi đua cơ sở", "Chiến sĩ thi đua cơ sở", "danh-hieu", "dot-xuat", 2020),
    }
    listing = thidua.ok("awards", "--format", "md").stdout
    assert "| Danh hiệu thi đua | Hình thức khen thưởng |" in listing


def test_award_history_guessed_category_is_stated(thidua, monkeypatch):
    monkeypatch.setenv("THIDUA_TODAY", "2022-01-01")
    thidua.mini()
    path = thidua.write("kt.csv", "Mã,Khen thưởng,Số QĐ,Ngày ký\nNV1,Chiến sĩ thi đua cơ sở,1/QĐ,05/03/2021\nNV2,Kỷ niệm chương,2/QĐ,05/03/2021\n")
    result = thidua.ok("awards", "import", str(path))
    assert ('khen thưởng không thuộc phong trào nào trong sổ, loại đoán theo tên' in result.stderr
            and 'dòng 2: "Chiến sĩ thi đua cơ sở" → danh hiệu thi đua; dòng 3: "Kỷ niệm chương" → hình thức khen thưởng'
            in result.stderr)
    added = thidua.ok("awards", "add", "-s", "NV3", "-a", "Lao động tiên tiến", "-n", "3/QĐ", "-d", "2021-01-05")
    assert 'Cảnh báo: loại đoán theo tên (dùng --category nếu sai): --award "Lao động tiên tiến" → danh hiệu thi đua' in added.stderr
    thidua.ok("awards", "add", "-s", "NV3", "-a", "Giấy khen của Công đoàn", "-n", "4/QĐ", "--year", "2019",
              "--category", "hinh-thuc", "--kind", "doi-ngoai")
    [row] = [r for r in history(thidua) if r["number"] == "4/QĐ"]
    assert (row["date"], row["year"], row["category"], row["award_kind"]) == (None, 2019, "hinh-thuc", "doi-ngoai")


def test_award_history_refusals(thidua, monkeypatch):
    monkeypatch.setenv("THIDUA_TODAY", "2022-01-01")
    thidua.mini()
    bad = thidua.write("kt.csv", """\
        Mã,Họ và tên,Hình thức khen thưởng,Số QĐ,Ngày ký,Loại hình,Năm
        NV1,Trần Thị Ánh,Giấy khen,1/QĐ,05/03/2021,,
        NV2,Trần Thị Ánh,Giấy khen,2/QĐ,05/03/2021,thường niên,
        NV2,Trần Thị Ánh,Giấy khen,3/QĐ,05/03/2021,,20x0
    """)
    result = assert_refused(thidua, ["awards", "import", str(bad)], "tệp kt.csv có 3 dòng lỗi, chưa ghi gì vào sổ")
    assert 'dòng 2, cột "Họ và tên": "Trần Thị Ánh" không khớp với mã NV1 (Nguyễn Văn An)' in result.stderr
    assert 'dòng 3, cột "Loại hình": "thường niên" loại hình phải là: công trạng (cong-trang)' in result.stderr
    assert 'dòng 4, cột "Năm": "20x0" phải là một năm' in result.stderr


# --- votes: the same table ------------------------------------------------------------------------------


def test_vote_sheets_with_office_headers_name_unused_columns(tmp_path):
    from thidua_cli.domain.file_kinds import VOTES
    from thidua_cli.services.readers import ReadNotes, read_rows

    path = write_xlsx(tmp_path / "phieu.xlsx", [
        ["STT", "Mã", "Họ và tên", "Hình thức đề nghị", "Số phiếu đồng ý", "Ý kiến khác"],
        [1, "NV1", "Nguyễn Văn An", "GK", 7, "nhất trí"],
    ])
    notes = ReadNotes()
    [row] = list(read_rows(path, VOTES, notes=notes))
    assert row.values == {"order": 1, "subject": "NV1", "name": "Nguyễn Văn An", "award": "GK", "votes": 7}
    assert notes.warnings() == ["bỏ qua cột: Ý kiến khác (cột F)"]


def test_award_history_workbook_with_grouped_headers_and_a_year_formula(thidua, monkeypatch):
    """"Khen thưởng" merged over Danh hiệu | Hình thức, "Quyết định" over Số QĐ | Ngày ký | Cấp khen; the year a formula."""
    monkeypatch.setenv("THIDUA_TODAY", "2022-01-01")
    thidua.mini()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Quá trình"
    sheet.append(["QUÁ TRÌNH KHEN THƯỞNG"])
    sheet.merge_cells("A1:H1")
    sheet.append(["Mã số", "Họ và tên", "Khen thưởng", None, "Quyết định", None, None, "Năm"])
    sheet.append([None, None, "Danh hiệu", "Hình thức khen thưởng", "Số QĐ", "Ngày ký", "Cấp khen", None])
    for letter in "ABH":
        sheet.merge_cells(f"{letter}2:{letter}3")
    sheet.merge_cells("C2:D2")
    sheet.merge_cells("E2:G2")
    sheet.append(["NV1", "Nguyễn Văn An", "Lao động tiên tiến", None, "12/QĐ-SNV", datetime(2021, 1, 5), "Giám đốc Sở", "=YEAR(F4)-1"])
    path = thidua.folder / "qua-trinh.xlsx"
    workbook.save(path)
    assert_refused(thidua, ["awards", "import", str(path)], 'dòng 4, cột H: "=YEAR(F4)-1" là công thức chưa có giá trị đã tính')
    cache_formulas(path, "xl/worksheets/sheet1.xml", {"H4": 2020})
    result = thidua.ok("awards", "import", str(path))
    assert "Cảnh báo: bỏ qua cột" not in result.stderr
    [row] = history(thidua)
    assert (row["subject"], row["name"], row["category"], row["number"], row["date"], row["issuer"], row["year"]) == (
        "NV1", "Lao động tiên tiến", "danh-hieu", "12/QĐ-SNV", "2021-01-05", "Giám đốc Sở", 2020,
    )


def test_a_formula_whose_cached_result_is_empty_text_is_an_empty_cell(thidua):
    """=IF(…;"";…) saved by Excel: <v></v> of type str is a calculated empty text, not a missing value."""
    thidua.mini()
    path = write_xlsx(thidua.folder / "e.xlsx", [
        ["Ngày", "Mã", "Tiêu chí", "Điểm", "Minh chứng"],
        [datetime(2021, 10, 5), "NV1", "TC1", 1, '=IF(A2="","","")'],
    ])
    temporary = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<c r="E2"', b'<c r="E2" t="str"', data)
            target.writestr(item, data)
    shutil.move(temporary, path)
    thidua.ok("import-entries", str(path))
    assert [e["evidence"] for e in entries(thidua)] == [""]


def test_a_name_split_in_two_columns_is_one_name(thidua):
    thidua.mini()
    path = thidua.write("ds.csv", "Mã,Họ và tên đệm,Tên,Loại\nNV9,Đặng Thị,Huệ,Cá nhân\nTT,,Tổ Tổng hợp,Tập thể\n")
    result = thidua.ok("subject", "import", str(path))
    assert "Cảnh báo" not in result.stderr
    listed = {s["code"]: s["name"] for s in json.loads(thidua.ok("subject", "list", "--format", "json").stdout)["subjects"]}
    assert (listed["NV9"], listed["TT"]) == ("Đặng Thị Huệ", "Tổ Tổng hợp")


def test_a_workbook_kept_a_sheet_a_month_is_imported_a_sheet_at_a_time(thidua):
    """The second sheet of the same workbook was skipped as 'đã được nhập' (a batch knew its file by content alone),
    and the way out told was to copy the sheet into a workbook of its own. Each sheet is its own import now; the same
    sheet again is still known."""
    import openpyxl

    thidua.example()
    book = openpyxl.Workbook()
    for index, (title, day) in enumerate((("Tháng 11", "2021-11-20"), ("Tháng 12", "2021-12-20"))):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = title
        sheet.append(["date", "subject", "criterion", "points", "note"])
        sheet.append([day, "NV01", "TC3", 2, f"Thành tích {title.lower()}"])
    path = thidua.folder / "theo-thang.xlsx"
    book.save(path)
    before = len(json.loads(thidua.ok("entries", "--format", "json").stdout)["entries"])
    thidua.ok("import-entries", str(path), "--sheet", "Tháng 11")
    second = thidua.ok("import-entries", str(path), "--sheet", "Tháng 12")
    assert "Đã ghi 1 mục" in second.stderr, second.stderr
    notes = [e["note"] for e in json.loads(thidua.ok("entries", "--format", "json").stdout)["entries"]]
    assert len(notes) == before + 2 and {"Thành tích tháng 11", "Thành tích tháng 12"} <= set(notes)
    again = thidua.ok("import-entries", str(path), "--sheet", "Tháng 12")
    assert 'Trang tính "Tháng 12" của tệp theo-thang.xlsx đã được nhập ở lần nhập số' in again.stderr
    assert "bỏ qua, không ghi gì" in again.stderr
    listed = json.loads(thidua.ok("imports", "--format", "json").stdout)["imports"]
    assert [(b["file"], b["sheet"]) for b in listed[-2:]] == [("theo-thang.xlsx", "Tháng 11"), ("theo-thang.xlsx", "Tháng 12")]
    assert 'theo-thang.xlsx (trang tính "Tháng 12")' in thidua.ok("imports").stdout


def test_voiding_an_import_that_is_not_of_entries_says_what_to_do_for_that_kind(thidua):
    """`void-import` of a discipline import told the office "đối tượng sửa lại bằng subject import …; lịch sử khen thưởng
    chưa huỷ được", advice about two other kinds of file; each kind is now told its own way."""
    thidua.mini()
    thidua.ok("discipline", "import", str(thidua.write(
        "k.csv", "Họ và tên,Hình thức kỷ luật,Số QĐ,Ngày QĐ,Lý do\nNguyễn Văn An,Khiển trách,12/QĐ-STTTT,05/03/2021,Đi muộn\n")))
    thidua.ok("ratings", "import", str(thidua.write("x.csv", "Mã,Năm,Xếp loại\nNV1,2021,HTXSNV\n")))
    batches = {b["kind"]: b["id"] for b in json.loads(thidua.ok("imports", "--format", "json").stdout)["imports"]}
    for kind, advice in (("discipline", "Gợi ý: kỷ luật ghi nhầm thì huỷ từng số: thidua discipline cancel SỐ --reason …"),
                         ("ratings", "Gợi ý: xếp loại sửa lại bằng ratings import tệp đúng --replace"),
                         ("subjects", "Gợi ý: đối tượng sửa lại bằng subject import tệp đúng")):
        refused = assert_refused(thidua, ["void-import", str(batches[kind]), "--reason", "Nhầm tệp"],
                                 "chỉ huỷ được lần nhập mục ghi")
        assert refused.stderr.splitlines()[1] == advice, refused.stderr
