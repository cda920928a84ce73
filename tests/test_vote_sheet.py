"""propose-awards writes the council's vote sheet; record-votes reads it back as it is. `-o thu.xlsx` is a file."""

from __future__ import annotations

import json

from openpyxl import load_workbook

from conftest import assert_refused
from test_proposals import _voting_ledger, propose

HEADER_ROW = 4


def sheet_of(thidua, number: int = 1):
    path = thidua.folder / f"thu-dot-{number}" / f"phieu-bau-dot-{number}.xlsx"
    return path, load_workbook(path)


def fill(path, votes: dict[str, int], out) -> None:
    """Write the votes in the sheet as a secretary would: only the "Số phiếu đồng ý" cells."""
    workbook = load_workbook(path)
    sheet = workbook.active
    header = [c.value for c in sheet[HEADER_ROW]]
    code, count = header.index("Mã") + 1, header.index("Số phiếu đồng ý") + 1
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):
        sheet.cell(row, count).value = votes[sheet.cell(row, code).value]
    workbook.save(out)


def test_the_vote_sheet_is_pre_filled_and_read_back_as_it_is(thidua, monkeypatch):
    monkeypatch.chdir(thidua.folder)
    _voting_ledger(thidua, members="council_members = 10")
    result = thidua.ok("propose-awards", "--format", "json")
    path, workbook = sheet_of(thidua)
    assert f"Phiếu bầu để Hội đồng ghi số phiếu: {path.resolve()}" in result.stderr
    sheet = workbook.active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Tổng hợp kết quả bỏ phiếu của Hội đồng Thi đua - Khen thưởng — đợt đề nghị số 1"
    assert rows[1][0] == "Phong trào thử nghiệm khen thưởng, từ 01/01/2022 đến 31/12/2022"
    assert rows[2][0].startswith("Tổng số thành viên Hội đồng: 10;")
    assert rows[HEADER_ROW - 1] == ["Mã", "Họ và tên / Tên tập thể", "Mã hình thức", "Tên hình thức", "Số phiếu đồng ý"]
    assert rows[HEADER_ROW:] == [
        ["NV1", "Nguyễn Văn An", "BK", "Hình thức BK", None],
        ["NV2", "Trần Văn Bình", "GK", "Hình thức GK", None],
        ["NV3", "Lê Văn Cường", "GK", "Hình thức GK", None],
        ["NV4", "Phạm Văn Dũng", "GK", "Hình thức GK", None],
    ]
    validation = sheet.data_validations.dataValidation[0]
    assert (validation.type, validation.formula1, validation.formula2, str(validation.sqref)) == ("whole", "0", "10", "E5:E8")
    # printed for the council: one page wide, the heading row on every page, long names wrapped
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert sheet.page_setup.fitToHeight == 0 and sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert sheet.page_setup.orientation == "landscape" and sheet.cell(HEADER_ROW + 1, 2).alignment.wrap_text
    # Unfilled, it is refused by name, and nothing is recorded.
    assert_refused(thidua, ["record-votes", "1", "--file", str(path)],
                   'trang tính "Phiếu bầu đợt 1", dòng 5, cột E: "" trống — cần số phiếu đồng ý')
    filled = thidua.folder / "phieu-da-ghi.xlsx"
    fill(path, {"NV1": 8, "NV2": 6, "NV3": 5, "NV4": 0}, filled)
    voted = json.loads(thidua.ok("record-votes", "1", "--file", str(filled), "--format", "json").stdout)
    assert [(p["subject"], p["votes"], p["passed"]) for p in voted["proposals"]] == [
        ("NV1", 8, True), ("NV2", 6, True), ("NV3", 5, False), ("NV4", 0, False)]


def test_a_name_that_is_not_the_codes_is_refused(thidua, monkeypatch):
    monkeypatch.chdir(thidua.folder)
    _voting_ledger(thidua, members="council_members = 10")
    thidua.ok("propose-awards")
    path, workbook = sheet_of(thidua)
    sheet = workbook.active
    sheet.cell(HEADER_ROW + 2, 2).value = "Lê Văn Cường"  # NV2's row, with NV3's name
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):
        sheet.cell(row, 5).value = 6
    workbook.save(thidua.folder / "nham.xlsx")
    assert_refused(thidua, ["record-votes", "1", "--file", str(thidua.folder / "nham.xlsx")],
                   'dòng 6, cột B: "Lê Văn Cường" không khớp với mã NV2 (Trần Văn Bình)')


def test_older_vote_files_still_work(thidua, monkeypatch):
    """By name only, and by code with the award's name only."""
    monkeypatch.chdir(thidua.folder)
    _voting_ledger(thidua)
    propose(thidua)
    by_name = thidua.write("ten.csv", "Họ và tên,Số phiếu đồng ý\nNguyễn Văn An,8\nTrần Văn Bình,6\nLê Văn Cường,5\nPhạm Văn Dũng,0\n")
    voted = json.loads(thidua.ok("record-votes", "1", "--members", "10", "--file", str(by_name), "--format", "json").stdout)
    assert [p["passed"] for p in voted["proposals"]] == [True, True, False, False]
    award_name = thidua.write("hinh-thuc.csv", "Mã,Tên hình thức,Phiếu\nNV1,Hình thức BK,8\nNV2,Hình thức GK,6\nNV3,,5\nNV4,,0\n")
    voted = json.loads(thidua.ok("record-votes", "1", "--members", "10", "--file", str(award_name), "--format", "json").stdout)
    assert [p["passed"] for p in voted["proposals"]] == [True, True, False, False]
    nobody = thidua.write("khong-ma.csv", "Đơn vị,Số phiếu\nVP,8\n")
    assert_refused(thidua, ["record-votes", "1", "--members", "10", "--file", str(nobody)],
                   "tệp khong-ma.csv thiếu cột mã đối tượng (hoặc họ và tên)")


def test_out_with_a_file_extension_writes_that_file(thidua, monkeypatch):
    monkeypatch.chdir(thidua.folder)
    _voting_ledger(thidua)
    result = thidua.ok("propose-awards", "-o", "thu.xlsx")
    target = thidua.folder / "thu.xlsx"
    assert target.is_file() and "Đã ghi thu.xlsx" in result.stderr
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0][0].startswith("Đợt đề nghị khen thưởng số 1 — Phong trào thử nghiệm khen thưởng")
    assert (thidua.folder / "thu-dot-1" / "phieu-bau-dot-1.xlsx").is_file()  # the dossier goes to the round's folder
    thidua.ok("propose-awards", "-o", "de-nghi.csv", "--replace", "1")  # the round of the same period again
    data = (thidua.folder / "de-nghi.csv").read_text(encoding="utf-8-sig")
    assert data.startswith("round,award,award_name,kind,rank,subject")
    (thidua.folder / "thu-muc.xlsx").mkdir()
    assert_refused(thidua, ["propose-awards", "-o", "thu-muc.xlsx"], "--out: thu-muc.xlsx là một thư mục", code=2)
    assert_refused(thidua, ["propose-awards", "-o", "thu.md"], 'định dạng "md" không dùng được ở lệnh này', code=2)


def test_ties_are_in_the_sheet_for_the_council(thidua, monkeypatch):
    from test_proposals import award, people, setup

    monkeypatch.chdir(thidua.folder)
    subjects = people("NV1,Nguyễn Văn An,cá nhân,VP,nam,", "NV2,Trần Văn Bình,cá nhân,VP,nam,", "NV3,Lê Văn Cường,cá nhân,VP,nam,")
    setup(thidua, award("GK", 1, max_count=2), subjects, {"NV1": 90, "NV2": 80, "NV3": 80})
    thidua.ok("propose-awards")
    path, workbook = sheet_of(thidua)
    rows = [[c.value for c in row] for row in workbook.active.iter_rows()]
    assert rows[3][0] == "Đồng hạng ở suất cuối, Hội đồng bỏ phiếu cho các suất còn lại — GK: NV2, NV3 (1 suất)"
    assert [r[0] for r in rows[5:]] == ["NV1", "NV2", "NV3"]
    filled = thidua.folder / "ghi.xlsx"
    for row, count in ((6, 9), (7, 8), (8, 3)):
        workbook.active.cell(row, 5).value = count
    workbook.save(filled)
    voted = json.loads(thidua.ok("record-votes", "1", "--members", "10", "--file", str(filled), "--format", "json").stdout)
    assert [(p["subject"], p["passed"]) for p in voted["proposals"]] == [("NV1", True), ("NV2", True), ("NV3", False)]


def test_the_award_columns_are_named_after_what_the_sheet_lists(thidua, monkeypatch):
    """Rows of Chiến sĩ thi đua cơ sở and Lao động tiên tiến were headed "Mã hình thức", "Tên hình thức": a danh hiệu
    thi đua is no hình thức khen thưởng (trial10). Named as what they are, and read back as such."""
    from test_award_conditions import danh_hieu
    from test_proposals import award, people, setup

    monkeypatch.chdir(thidua.folder)
    rules = danh_hieu("CSTDCS", 2, "individual", 85, extra='with = ["LDTT"]') + danh_hieu("LDTT", 1, "individual", 50)
    subjects = people("NV1,Nguyễn Văn An,cá nhân,VP,nam,", "NV2,Trần Văn Bình,cá nhân,VP,nam,")
    setup(thidua, rules, subjects, {"NV1": 90, "NV2": 60}, extra="council_members = 5")
    thidua.ok("propose-awards")
    path, workbook = sheet_of(thidua)
    header = [c.value for c in workbook.active[HEADER_ROW]]
    assert header == ["Mã", "Họ và tên / Tên tập thể", "Mã danh hiệu", "Tên danh hiệu", "Số phiếu đồng ý"]
    rows = [[c.value for c in row][:3] for row in workbook.active.iter_rows(min_row=HEADER_ROW + 1)]
    fill(path, {"NV1": 5, "NV2": 5}, thidua.folder / "da-ghi.xlsx")
    voted = thidua.ok("record-votes", "1", "--file", str(thidua.folder / "da-ghi.xlsx"), "--format", "json")
    assert all(p["passed"] for p in json.loads(voted.stdout)["proposals"]) and len(rows) == 3
    # a round with both danh hiệu and hình thức
    both = thidua.__class__(thidua.folder / "both")
    (thidua.folder / "both").mkdir()
    monkeypatch.chdir(thidua.folder / "both")
    setup(both, rules + award("GK", 1, min_score=50), subjects, {"NV1": 90, "NV2": 60})
    both.ok("propose-awards")
    header = [c.value for c in load_workbook(thidua.folder / "both" / "thu-dot-1" / "phieu-bau-dot-1.xlsx").active[HEADER_ROW]]
    assert header[2:4] == ["Mã danh hiệu, hình thức", "Danh hiệu thi đua, hình thức khen thưởng"]
