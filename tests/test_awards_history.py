"""thidua awards [--subject] | awards add | awards import: the award history `requires` is checked against."""

from __future__ import annotations

import json
from datetime import date

from conftest import EXAMPLE, assert_refused


def history(thidua, *args: str) -> list[dict]:
    return json.loads(thidua.ok("awards", "--format", "json", *args).stdout)["awards"]


def test_add_with_a_campaign_award_fills_name_and_issuer(thidua):
    thidua.mini()
    result = thidua.ok("awards", "add", "--subject", "tran thi anh", "--award", "gk", "--number", "12/QĐ-STTTT", "--date", "05/3/2021")
    assert "Đã ghi NV2 — Trần Thị Ánh: Giấy khen của Giám đốc Sở (GK), quyết định số 12/QĐ-STTTT ngày 05/03/2021" in result.stderr
    assert history(thidua) == [{
        "subject": "NV2", "subject_name": "Trần Thị Ánh", "kind": "individual", "award": "GK", "name": "Giấy khen của Giám đốc Sở",
        "number": "12/QĐ-STTTT", "date": "2021-03-05", "issuer": "Giám đốc Sở Thông tin và Truyền thông", "source": "manual",
        "campaign": None, "round": None, "amount": None, "category": "hinh-thuc", "award_kind": "cong-trang", "year": 2021,
        "position": "Chánh Văn phòng",  # hers when the award was recorded (the register's, none given)
    }]


def test_add_an_award_no_campaign_offers_needs_its_name(thidua):
    thidua.mini()
    # a code neither a campaign offers nor the law's short forms name (CSTĐCS, LĐTT … are read, see below)
    assert_refused(thidua, ["awards", "add", "--subject", "NV1", "--award", "HCLD3", "--number", "215/QĐ-TTg", "--date", "2020-12-28"],
                   '--name: "" trống — "HCLD3" không phải khen thưởng của phong trào nào trong sổ, cần ghi tên khen thưởng')
    thidua.ok("awards", "add", "--subject", "NV1", "--award", "HCLD3", "--number", "215/QĐ-TTg", "--date", "2020-12-28",
              "--name", "Huân chương Lao động hạng Ba", "--issuer", "Chủ tịch nước")
    [row] = history(thidua, "--subject", "Nguyễn Văn An")
    assert (row["award"], row["name"], row["issuer"]) == ("HCLD3", "Huân chương Lao động hạng Ba", "Chủ tịch nước")


def test_the_laws_short_forms_are_read_in_a_row_per_award_table(thidua):
    """An office's history kept a row per award wrote "TTLĐXS", "CSTĐCS": refused as codes no campaign offers,
    though the same file kept one column per year was read. Each is read by the name the law gives it."""
    thidua.mini()
    thidua.ok("awards", "import", str(thidua.write("kt.csv", """\
        Mã,Danh hiệu,Số quyết định,Ngày quyết định
        VP,TTLĐXS,15/QĐ-UBND,06/01/2021
        NV1,CSTĐCS,13/QĐ-STTTT,06/01/2021
        NV2,lđtt,14/QĐ-STTTT,06/01/2021
    """)))
    assert sorted((h["subject"], h["award"], h["name"], h["category"]) for h in history(thidua)) == [
        ("NV1", "CSTDCS", "Chiến sĩ thi đua cơ sở", "danh-hieu"), ("NV2", "LDTT", "Lao động tiên tiến", "danh-hieu"),
        ("VP", "TTLDXS", "Tập thể lao động xuất sắc", "danh-hieu")]


def test_a_danh_hieu_of_the_other_kind_of_subject_is_refused(thidua):
    """A person given "Tập thể lao động xuất sắc" (the unit's award typed on its head's row) or a unit given "Lao động
    tiên tiến" was recorded, silently; the prerequisites and the statistics then counted it. Refused on each path,
    naming the row, the award and the subject."""
    thidua.mini()
    bad = thidua.write("kt.csv", """\
        Mã,Danh hiệu,Số quyết định,Ngày quyết định
        NV2,TTLĐXS,15/QĐ-UBND,06/01/2021
        VP,Lao động tiên tiến,16/QĐ-STTTT,06/01/2021
        VP,Cờ thi đua của UBND tỉnh,17/QĐ-UBND,06/01/2021
    """)
    result = assert_refused(thidua, ["awards", "import", str(bad)], "tệp kt.csv có 2 dòng lỗi, chưa ghi gì vào sổ")
    assert ('dòng 2, cột "Danh hiệu": "TTLĐXS" (Tập thể lao động xuất sắc) chỉ dành cho tập thể, '
            "mà NV2 — Trần Thị Ánh là cá nhân") in result.stderr
    assert 'dòng 3, cột "Danh hiệu": "Lao động tiên tiến" chỉ dành cho cá nhân, mà VP — Văn phòng Sở là tập thể' in result.stderr
    assert_refused(thidua, ["awards", "add", "--subject", "VP", "--award", "CSTĐCS", "--number", "1/QĐ-STTTT", "--date", "2021-01-06"],
                   '--award: "CSTĐCS" (Chiến sĩ thi đua cơ sở) chỉ dành cho cá nhân, mà VP — Văn phòng Sở là tập thể')
    by_year = thidua.write("theo-nam.csv", "Mã,Năm 2020,Năm 2021\nNV1,LĐTT,TTLĐTT\n")
    assert_refused(thidua, ["awards", "import", str(by_year)],
                   '"TTLĐTT" (Tập thể lao động tiên tiến) chỉ dành cho tập thể, mà NV1 — Nguyễn Văn An là cá nhân')
    assert history(thidua) == []


def test_add_refusals(thidua, monkeypatch):
    monkeypatch.setenv("THIDUA_TODAY", "2022-01-01")
    thidua.mini()
    base = ["awards", "add", "--award", "GK", "--number", "1/QĐ-STTTT"]
    assert_refused(thidua, base + ["--subject", "NV99", "--date", "2021-01-01"], 'không tìm thấy đối tượng "NV99"')
    assert_refused(thidua, base + ["--subject", "NV1", "--date", "2021-02-30"], '--date: "2021-02-30" không phải ngày có thật')
    assert_refused(thidua, base + ["--subject", "NV1", "--date", "2022-01-02"], '--date: "02/01/2022" sau hôm nay')
    # "G K" has a space: it is a name, not a code (an award outside every campaign, kept by its name)
    assert_refused(thidua, ["awards", "add", "--subject", "NV1", "--award", "G K", "--number", "1", "--date", "2021-01-01", "--kind", "x"],
                   '--kind: "x" loại hình phải là: công trạng (cong-trang)')
    assert_refused(thidua, ["awards", "add", "--subject", "NV1", "--award", "GK", "--number", " ", "--date", "2021-01-01"], "--number")
    thidua.ok(*base, "--subject", "NV1", "--date", "2021-01-01")
    assert_refused(thidua, base + ["--subject", "NV1", "--date", "01/01/2021"],
                   "NV1 — Nguyễn Văn An đã có GK theo quyết định số 1/QĐ-STTTT ngày 01/01/2021 trong sổ")
    assert_refused(thidua, ["awards", "add", "--subject", "NV1"], "thiếu tuỳ chọn --award", code=2)


def test_import_is_all_or_nothing_and_reports_every_bad_row(thidua, monkeypatch):
    monkeypatch.setenv("THIDUA_TODAY", "2022-01-01")
    thidua.mini()
    bad = thidua.write("kt.csv", """\
        subject,award,name,number,date,issuer
        NV1,GK,,12/QĐ-STTTT,2021-03-05,
        NV404,GK,,13/QĐ-STTTT,2021-03-05,
        NV2,HCLD3,,215/QĐ-TTg,2020-12-28,Chủ tịch nước
        NV3,LDTT,Lao động tiên tiến,,2020-12-28,
        NV3,LDTT,Lao động tiên tiến,214/QĐ-STTTT,28/12/20,
        VP,TTLDTT,Tập thể lao động tiên tiến,213/QĐ-STTTT,2023-01-01,
    """)
    result = assert_refused(thidua, ["awards", "import", str(bad)], "tệp kt.csv có 5 dòng lỗi, chưa ghi gì vào sổ")
    assert 'dòng 3, cột "subject": "NV404" không có đối tượng này trong sổ' in result.stderr
    assert 'dòng 4, cột "name": "" trống — "HCLD3" không phải khen thưởng của phong trào nào trong sổ' in result.stderr
    assert 'dòng 5, cột "number": "" trống — cần số quyết định' in result.stderr
    assert 'dòng 6, cột "date": "28/12/20" có năm hai chữ số — viết đủ bốn chữ số' in result.stderr
    assert 'dòng 7, cột "date": "01/01/2023" sau hôm nay' in result.stderr
    assert history(thidua) == []


def test_import_vietnamese_headers_dry_run_and_duplicates(thidua):
    thidua.mini()
    text = """\
        Mã;Hình thức;Tên hình thức;Số quyết định;Ngày quyết định;Cấp khen
        NV1;CSTDCS;Chiến sĩ thi đua cơ sở;215/QĐ-STTTT;28/12/2020;Giám đốc Sở
        Trần Thị Ánh;gk;;12/QĐ-STTTT;2021-03-05;
        NV1;CSTDCS;Chiến sĩ thi đua cơ sở;215/QĐ-STTTT;28/12/2020;Giám đốc Sở
    """
    path = thidua.write("khen-thuong.csv", text)
    before = thidua.digest()
    dry = thidua.ok("awards", "import", str(path), "--dry-run")
    assert "Kiểm tra xong 3 dòng, không có lỗi: sẽ ghi 2 khen thưởng, bỏ qua 1 đã có. Chưa ghi gì." in dry.stderr
    assert thidua.digest() == before
    assert "Đã ghi 2 khen thưởng; bỏ qua 1 đã có trong sổ (tổng 3 dòng)." in thidua.ok("awards", "import", str(path)).stderr
    assert "đã được nhập ở lần nhập số 2" in thidua.ok("awards", "import", str(path)).stderr  # same SHA-256
    copy = thidua.write("khen-thuong-2.csv", text + "\n")
    assert "Đã ghi 0 khen thưởng; bỏ qua 3 đã có trong sổ (tổng 3 dòng)." in thidua.ok("awards", "import", str(copy)).stderr
    rows = history(thidua)
    assert [(r["subject"], r["award"], r["name"], r["date"], r["source"]) for r in rows] == [
        ("NV1", "CSTDCS", "Chiến sĩ thi đua cơ sở", "2020-12-28", "import"),  # by tên: An before Ánh
        ("NV2", "GK", "Giấy khen của Giám đốc Sở", "2021-03-05", "import"),
    ]


def test_listing_bare_subject_filter_and_csv_round_trip(thidua, tmp_path):
    thidua.ok("campaign", "load", str(EXAMPLE / "campaign.toml"))
    thidua.ok("subject", "import", str(EXAMPLE / "subjects.csv"))
    thidua.ok("awards", "import", str(EXAMPLE / "awards-history.csv"))
    table = thidua.ok("awards").stdout  # the group alone lists
    assert "Lịch sử khen thưởng (10)" in table and "1523/QĐ-UBND" in table
    lines = table.splitlines()
    order = [code for line in lines for code in ("TTBCXB", "TTCNTT", "VP", "NV03", "NV01") if line.strip().startswith(code + " ")]
    assert order == ["TTBCXB", "TTCNTT", "VP", "NV03", "NV01"]  # collectives first, then by tên: An < Đức
    nv29 = history(thidua, "--subject", "tran huu phuoc")
    assert [(r["award"], r["date"]) for r in nv29] == [("BK-UBND", "2019-08-20"), ("CSTDCS", "2020-12-28")]
    assert_refused(thidua, ["awards", "--subject", "Không Có Ai"], 'không tìm thấy đối tượng "Không Có Ai"')
    exported = tmp_path / "xuat.csv"
    thidua.ok("awards", "--out", str(exported))
    assert exported.read_bytes().startswith(b"\xef\xbb\xbf")  # -o FILE.csv: UTF-8 with a BOM, for Excel
    header = exported.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("subject,award,name,number,date,issuer,")
    # The export imports into another ledger as the same history.
    from conftest import Thidua

    other_folder = tmp_path / "khac"
    other_folder.mkdir()
    other = Thidua(other_folder)
    other.ok("campaign", "load", str(EXAMPLE / "campaign.toml"))
    other.ok("subject", "import", str(EXAMPLE / "subjects.csv"))
    other.ok("awards", "import", str(exported))
    strip = lambda rows: [{k: v for k, v in r.items() if k != "source"} for r in rows]  # noqa: E731
    assert strip(history(other)) == strip(history(thidua))


def test_history_formats(thidua, tmp_path):
    from openpyxl import load_workbook

    thidua.mini()
    thidua.ok("awards", "add", "--subject", "NV1", "--award", "GK", "--number", "=1+1", "--date", "2021-01-01")
    csv_text = thidua.ok("awards", "--format", "csv").stdout
    assert "'=1+1" in csv_text  # a spreadsheet would run it: neutralised
    md = thidua.ok("awards", "--format", "md").stdout
    # the chức vụ when awarded; danh hiệu thi đua and hình thức khen thưởng in columns of their own, then the award's
    # code and loại hình
    assert "| NV1 | Nguyễn Văn An | Chuyên viên | 2021 |  | Giấy khen của Giám đốc Sở | GK | công trạng |" in md
    thidua.ok("awards", "--out", str(tmp_path / "kt.xlsx"))
    sheet = load_workbook(tmp_path / "kt.xlsx").active
    assert sheet["A1"].value == "Lịch sử khen thưởng — Phong trào thử nghiệm, tính đến ngày " + date.today().strftime("%d/%m/%Y")
    header = [c.value for c in sheet[2]]
    assert header[:4] == ["Mã", "Hình thức", "Tên hình thức", "Số quyết định"]
    assert sheet["D3"].value == "'=1+1"
    assert sheet.cell(3, header.index("Nguồn") + 1).value == "nhập tay"  # Vietnamese for people, not "manual"
    assert "manual" in csv_text  # CSV for scripts keeps the value
    assert_refused(thidua, ["awards", "--format", "docx"], 'định dạng "docx" không dùng được', code=2)


def test_empty_history(thidua):
    thidua.mini()
    result = thidua.ok("awards")
    assert result.stdout == "" and "Chưa có khen thưởng nào trong sổ" in result.stderr
    assert history(thidua) == []


def test_help_lists_the_subcommands(thidua):
    result = thidua.ok("awards", "--help")
    assert "add" in result.stdout and "import" in result.stdout and "--subject" in result.stdout


def test_the_terminal_listing_fits_a_terminal(thidua, monkeypatch):
    """A third campaign's trial: thirteen columns in a 120-character terminal wrapped "Tập thể lao động tiên tiến"
    and "Giám đốc Sở Giao thông vận tải" a word a line. The terminal shows the award by name in one column; the
    code, source and round stay in the other formats."""
    thidua.mini()
    thidua.ok("awards", "add", "--subject", "NV1", "--award", "GK", "--number", "12/QĐ-STTTT", "--date", "2021-01-01")
    monkeypatch.setenv("COLUMNS", "120")
    lines = thidua.ok("awards").stdout.splitlines()
    words = " ".join(lines[:6]).split()
    for title in ("Mã", "Năm", "Danh hiệu thi", "đua, hình thức", "khen thưởng", "Loại hình", "Số quyết định", "Ngày",
                  "Cấp quyết định", "Tiền thưởng"):
        assert " ".join(title.split()) in " ".join(words), title
    assert "Nguồn" not in words and "Đợt" not in words
    assert all(len(line) <= 120 for line in lines)
    row = next(line for line in lines if line.lstrip().startswith("NV1"))
    assert "Nguyễn Văn An" in row and "12/QĐ-STTTT" in row and "01/01/2021" in row and "công trạng" in row
    assert "Giấy khen của" in row and "Giám đốc Sở" in row  # words kept together, not one a line
    assert "nhập tay" not in thidua.ok("awards").stdout  # the source: in md, csv, xlsx and json
    assert "| nhập tay |" in thidua.ok("awards", "--format", "md").stdout


def _with_bang_khen(thidua, code: str, award: str) -> None:
    from conftest import MINI_CAMPAIGN

    text = MINI_CAMPAIGN.replace('code = "mini"', f'code = "{code}"', 1) + f'''
[[awards]]
code = "{award}"
name = "Bằng khen của Chủ tịch UBND tỉnh"
level = 2
applies_to = "both"
min_score = 45
multiplier = 1.0
authority = "Chủ tịch UBND tỉnh Trà Vinh"
'''
    thidua.ok("campaign", "load", str(thidua.write(f"{code}.toml", text)))


def test_a_short_name_of_a_campaigns_award_is_read_and_one_two_campaigns_share_is_refused(thidua):
    """"Bằng khen UBND tỉnh" in a table of a row per award was kept as an award outside every campaign, while the table
    kept by year read it as the campaign's Bằng khen, and its full name shared by two campaigns was refused: one
    reading now — the campaign's award when one has those words, refused naming each when two do."""
    thidua.mini()
    _with_bang_khen(thidua, "tx", "BK-UBND")
    row = "Mã,Hình thức khen thưởng,Số quyết định,Ngày quyết định\nNV1,Bằng khen UBND tỉnh,12/QĐ-UBND,05/01/2021\n"
    thidua.ok("awards", "import", str(thidua.write("kt.csv", row)))
    assert [(h["award"], h["name"]) for h in history(thidua)] == [("BK-UBND", "Bằng khen của Chủ tịch UBND tỉnh")]
    _with_bang_khen(thidua, "dt", "BK")
    again = row.replace("NV1", "NV2")
    assert_refused(thidua, ["awards", "import", str(thidua.write("kt2.csv", again))],
                   '"Bằng khen UBND tỉnh" có thể là BK — Bằng khen của Chủ tịch UBND tỉnh (phong trào dt); '
                   "BK-UBND — Bằng khen của Chủ tịch UBND tỉnh (phong trào tx) — hãy ghi mã")
