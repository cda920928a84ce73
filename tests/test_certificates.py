"""thidua certificates: each field inside its box on the blank, page size, fonts embedded, docx alike."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import MINI_SUBJECTS, REPO, assert_refused

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext, pdftoppm) not installed")

PT_PER_MM = 72 / 25.4
LONG_UNIT = "Trung tâm Công nghệ thông tin và Truyền thông, Phát triển hạ tầng số và Chuyển đổi số tỉnh Trà Vinh"


@pytest.fixture
def decided(thidua, monkeypatch):
    """The mini campaign with a decision: GK for VP (tập thể), NV2 (nữ), NV1 (nam) and a long-named collective."""
    monkeypatch.setenv("THIDUA_TODAY", "2022-01-05")
    thidua.mini()
    thidua.write("more.csv", f"code,name,kind\nTTDL,\"{LONG_UNIT}\",tập thể\n")
    thidua.ok("subject", "import", str(thidua.folder / "more.csv"))
    for code, points in (("VP", 45), ("TTDL", 44), ("NV1", 40), ("NV2", 41)):
        thidua.ok("add-entry", "--subject", code, "--criterion", "TC1", "--points", str(points), "--date", "2021-11-02")
    thidua.ok("propose-awards", "--out", str(thidua.folder / "hoso"))
    thidua.ok("record-decision", "1", "--number", "35/QĐ-STTTT", "--date", "2021-12-20")
    return thidua


def layout_boxes(path: Path) -> dict[str, tuple[float, float, float, float]]:
    import tomllib

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {name: (f["x"], f["y"], f["x"] + f["width"], f["y"] + f["height"]) for name, f in data["fields"].items()}


def page_size_mm(pdf: Path) -> tuple[int, int]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    width, height = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups()
    return round(float(width) / PT_PER_MM), round(float(height) / PT_PER_MM)


def words_of(pdf: Path) -> list[list[tuple[str, float, float, float, float]]]:
    """Per page, every word with its box in mm (pdftotext -bbox reads the PDF back)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in out.split("<page ")[1:]:
        words = []
        for x0, y0, x1, y1, text in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page):
            words.append((html.unescape(text), *(float(v) / PT_PER_MM for v in (x0, y0, x1, y1))))
        pages.append(words)
    return pages


def field_texts(words, boxes) -> dict[str, str]:
    """Each word must lie inside one box (0.3 mm for rounding); returns the text found in each box."""
    found: dict[str, list[str]] = {}
    for text, x0, y0, x1, y1 in words:
        inside = [name for name, (bx0, by0, bx1, by1) in boxes.items()
                  if x0 >= bx0 - 0.3 and x1 <= bx1 + 0.3 and y0 >= by0 - 0.3 and y1 <= by1 + 0.3]
        assert inside, f"word {text!r} at ({x0:.1f}, {y0:.1f})–({x1:.1f}, {y1:.1f}) mm lies outside every field box"
        found.setdefault(inside[0], []).append(text)
    return {name: " ".join(words) for name, words in found.items()}


def test_each_field_lies_in_its_box_with_exact_vietnamese(decided):
    out = decided.folder / "in"
    result = decided.ok("certificates", "1", "--first-number", "101", "-o", str(out))
    assert "Đã in 4 bản (4 giấy khen)" in result.stderr
    pdf = out / "giay-khen.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           4" in info
    assert page_size_mm(pdf) == (297, 210)  # A4 ngang
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # emb = yes
    assert all("LiberationSerif" in line for line in fonts)
    boxes = layout_boxes(REPO / "templates" / "certificates" / "giay-khen.toml")
    pages = [field_texts(words, boxes) for words in words_of(pdf)]
    by_name = {page["name"]: page for page in pages}
    assert set(by_name) == {"Văn phòng Sở", LONG_UNIT, "Ông Nguyễn Văn An", "Bà Trần Thị Ánh"}
    anh = by_name["Bà Trần Thị Ánh"]
    assert anh["authority"] == "GIÁM ĐỐC SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    assert anh["position_unit"] == "Chánh Văn phòng, Văn phòng Sở"
    assert anh["achievement"] == (
        "Đã có thành tích xuất sắc trong phong trào thử nghiệm từ ngày 01/10/2021 đến ngày 31/12/2021"
    )
    assert anh["decision"] == "Quyết định số 35/QĐ-STTTT ngày 20/12/2021"
    assert anh["place_date"] == "Trà Vinh, ngày 20 tháng 12 năm 2021"
    assert anh["signer_title"] == "GIÁM ĐỐC"
    assert "signer_name" not in anh  # the campaign names no signer: left for the pen
    assert sorted(page["register_number"] for page in pages) == [f"Số vào sổ: {n}" for n in (101, 102, 103, 104)]
    assert "position_unit" not in by_name["Văn phòng Sở"]  # a collective has no chức vụ, đơn vị line


def test_the_blank_has_ink_only_inside_the_field_boxes(decided):
    """Rasterised: every dark pixel of every page lies inside a field box of the layout."""
    out = decided.folder / "in"
    decided.ok("certificates", "1", "-o", str(out))
    boxes = layout_boxes(REPO / "templates" / "certificates" / "giay-khen.toml")
    dpi = 40
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(out / "giay-khen.pdf"), str(out / "page")], check=True)
    images = sorted(out.glob("page*.pgm"))
    assert len(images) == 4
    for image in images:
        width, height, pixels = read_pgm(image)
        assert (round(width * 25.4 / dpi), round(height * 25.4 / dpi)) == (297, 210)
        dark = 0
        for row in range(height):
            for column in range(width):
                if pixels[row * width + column] < 128:
                    dark += 1
                    x, y = (column + 0.5) * 25.4 / dpi, (row + 0.5) * 25.4 / dpi
                    assert any(x0 - 0.7 <= x <= x1 + 0.7 and y0 - 0.7 <= y <= y1 + 0.7 for x0, y0, x1, y1 in boxes.values()), (
                        f"{image.name}: ink at ({x:.1f}, {y:.1f}) mm outside every field box"
                    )
        assert dark > 200  # the page is not blank


def read_pgm(path: Path) -> tuple[int, int, bytes]:
    data = path.read_bytes()
    parts = data.split(maxsplit=4)
    assert parts[0] == b"P5"
    return int(parts[1]), int(parts[2]), parts[4]


def test_a_long_name_shrinks_to_fit_a_one_line_box(decided):
    layout = decided.write("phoi.toml", """
        [page]
        name = "Giấy khen"
        width = 210
        height = 297

        [fields.name]
        x = 20
        y = 100
        width = 120
        height = 12
        size = 24
        min_size = 6
        wrap = false
        text = "{honorific_name}"

        [fields.achievement]
        x = 20
        y = 120
        width = 170
        height = 40
        size = 16
    """)
    out = decided.folder / "rieng"
    decided.ok("certificates", "1", "--layout", str(layout), "-o", str(out))
    pdf = out / "phoi.pdf"
    assert page_size_mm(pdf) == (210, 297)
    boxes = layout_boxes(layout)
    pages = words_of(pdf)
    texts = [field_texts(words, boxes) for words in pages]
    assert LONG_UNIT in [page["name"] for page in texts]
    long_page = pages[[page["name"] for page in texts].index(LONG_UNIT)]
    short_page = pages[[page["name"] for page in texts].index("Văn phòng Sở")]

    def height_of(words, box):
        return max(y1 - y0 for _, x0, y0, x1, y1 in words if y0 >= boxes[box][1] - 0.3 and y1 <= boxes[box][3] + 0.3)

    assert height_of(long_page, "name") < 0.7 * height_of(short_page, "name")  # shrunk, on one line


def test_the_docx_puts_the_same_lines_at_the_same_places(decided):
    from docx import Document
    from docx.oxml.ns import qn

    out = decided.folder / "in"
    decided.ok("certificates", "1", "-o", str(out))
    document = Document(str(out / "giay-khen.docx"))
    assert len(document.sections) == 4
    for section in document.sections:
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    boxes = layout_boxes(REPO / "templates" / "certificates" / "giay-khen.toml")
    framed = [p for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.find(qn("w:framePr")) is not None]
    for paragraph in framed:
        frame = paragraph._p.pPr.find(qn("w:framePr"))
        x, y, width = (int(frame.get(qn(k))) * 25.4 / 1440 for k in ("w:x", "w:y", "w:w"))
        assert any(abs(x - x0) < 0.1 and abs(width - (x1 - x0)) < 0.1 and y0 - 0.1 <= y <= y1 for x0, y0, x1, y1 in boxes.values())
        for run in paragraph.runs:
            assert run.font.name == "Times New Roman"
    texts = [p.text for p in framed]
    assert "Trà Vinh, ngày 20 tháng 12 năm 2021" in texts
    assert "Bà Trần Thị Ánh" in texts


def test_a_box_off_the_page_is_refused_and_nothing_is_written(decided):
    layout = decided.write("lech.toml", """
        [page]
        width = 297
        height = 210

        [fields.name]
        x = 200
        y = 100
        width = 120
        height = 12
    """)
    out = decided.folder / "khong"
    assert_refused(decided, ["certificates", "1", "--layout", str(layout), "-o", str(out)],
                   "mẫu phôi lech.toml, [fields.name]: ô (200 + 120 mm × 100 + 12 mm) vượt ra ngoài trang 297 × 210 mm")
    assert not out.exists()


def test_text_that_cannot_fit_is_refused_and_nothing_is_written(decided):
    layout = decided.write("chat.toml", """
        [page]
        width = 297
        height = 210

        [fields.achievement]
        x = 20
        y = 100
        width = 60
        height = 8
        size = 14
        min_size = 12
    """)
    out = decided.folder / "khong"
    assert_refused(decided, ["certificates", "1", "--layout", str(layout), "-o", str(out)],
                   "ô achievement của mẫu phôi chat.toml")
    assert not out.exists()


@pytest.mark.parametrize("text, message", [
    ('[page]\nwidth = 297\nheight = 210\n[fields.name]\nx = 1\ny = 1\nwidth = 10\nheight = 10\ntext = "{ten}"\n',
     "mẫu phôi sai.toml, [fields.name]: text dùng {ten} không có"),
    ('[page]\nwidth = 297\nheight = 210\n[fields.name]\nx = 1\ny = 1\nwidth = 10\nheight = 10\nfont_size = 3\n',
     "mẫu phôi sai.toml, [fields.name]: khóa không dùng được: font_size"),
    ('[page]\nwidth = 297\n[fields.name]\nx = 1\ny = 1\nwidth = 10\nheight = 10\n', "mẫu phôi sai.toml, [page]: height thiếu"),
    ('[page]\nwidth = 297\nheight = "A4"\n', "mẫu phôi sai.toml, [page]: height = 'A4', cần một số"),
])
def test_malformed_layouts_are_refused(decided, text, message):
    layout = decided.folder / "sai.toml"
    layout.write_text(text, encoding="utf-8")
    assert_refused(decided, ["certificates", "1", "--layout", str(layout), "-o", str(decided.folder / "x")], message)


def test_a_round_without_decision_and_a_missing_choice_are_refused(thidua, monkeypatch):
    monkeypatch.setenv("THIDUA_TODAY", "2022-01-05")
    thidua.mini()
    # a round not in the ledger is named as such (trial6)
    assert_refused(thidua, ["certificates", "1"], "không có đợt đề nghị số 1 của phong trào mini (đang có: chưa có đợt nào)")
    thidua.ok("add-entry", "--subject", "NV1", "--criterion", "TC1", "--points", "30", "--date", "05/11/2021")
    thidua.ok("propose-awards", "-o", str(thidua.folder / "dot-1"))
    assert_refused(thidua, ["certificates", "1"], "đợt đề nghị số 1 của phong trào mini chưa có khen thưởng nào được quyết định")
    assert_refused(thidua, ["certificates", "--decision", "9/QĐ-X"], "quyết định số 9/QĐ-X của phong trào mini chưa có")
    assert_refused(thidua, ["certificates"], "chọn đợt đề nghị", code=2)


def test_by_decision_number_and_the_bang_khen_layout(decided):
    out = decided.folder / "qd"
    decided.ok("certificates", "--decision", "35/QĐ-STTTT", "--layout", str(REPO / "templates" / "certificates" / "bang-khen.toml"),
               "--signer-title", "Giám đốc", "--signer-name", "Nguyễn Văn Nay", "-o", str(out))
    boxes = layout_boxes(REPO / "templates" / "certificates" / "bang-khen.toml")
    pages = [field_texts(words, boxes) for words in words_of(out / "bang-khen.pdf")]
    assert len(pages) == 4
    assert {page["signer_name"] for page in pages} == {"Nguyễn Văn Nay"}
    assert {page["signer_title"] for page in pages} == {"GIÁM ĐỐC"}


def test_the_example_certificates(tmp_path_factory):
    """The example's whole year: one page per granted award, each field's text read back from the PDF (golden)."""
    import json

    from conftest import assert_golden
    from year_example import year_ledger

    monkeypatch = pytest.MonkeyPatch()
    try:
        thidua, _ = year_ledger(tmp_path_factory.mktemp("certificates"), monkeypatch)
        out = thidua.folder / "in"
        thidua.ok("certificates", "1", "--first-number", "1", "-o", str(out))
    finally:
        monkeypatch.undo()
    pages = {}
    for name in ("bang-khen", "giay-khen"):
        boxes = layout_boxes(REPO / "templates" / "certificates" / f"{name}.toml")
        pages[name] = [field_texts(words, boxes) for words in words_of(out / f"{name}.pdf")]
    assert len(pages["bang-khen"]) + len(pages["giay-khen"]) == 21
    assert_golden("certificates-example.json", json.dumps(pages, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def test_a_danh_hieu_is_printed_on_a_certificate_that_names_it(tmp_path, monkeypatch):
    """A danh hiệu on the Bằng khen blank ("TẶNG BẰNG KHEN" printed, no line for the award's name) gave one person's
    CSTĐCS and LĐTT the same page (an office's trial): a danh hiệu goes on the giấy chứng nhận, which names it."""
    from typer.testing import CliRunner

    from thidua_cli.cli import app
    from thidua_cli.services.demo_annual import annual_demo

    monkeypatch.setenv("THIDUA_TODAY", "2026-06-30")
    for _ in annual_demo(tmp_path / "annual"):
        pass
    db, out = str(tmp_path / "annual" / "thidua-demo.db"), tmp_path / "in"
    done = CliRunner().invoke(app, ["--db", db, "certificates", "1", "-o", str(out)])
    assert done.exit_code == 0, done.stderr
    history = json.loads(CliRunner().invoke(app, ["--db", db, "awards", "--format", "json"]).stdout)["awards"]
    titles = [h for h in history if h["source"] == "decision" and h["round"] == 1 and h["category"] == "danh-hieu"]
    assert f"{len(titles)} giấy chứng nhận danh hiệu" in done.stderr
    boxes = layout_boxes(REPO / "templates" / "certificates" / "danh-hieu.toml")
    pages = [field_texts(words, boxes) for words in words_of(out / "danh-hieu.pdf")]
    assert len(pages) == len(titles)
    assert all(page["title"] == "CHỨNG NHẬN" for page in pages)
    named = sorted(page["award_name"] for page in pages)
    assert named == sorted(f"Đạt danh hiệu “{h['name']}”" for h in titles)
    # a danh hiệu is a year's title: the giấy chứng nhận says the year, not "Đã có thành tích xuất sắc trong …" of a
    # Giấy khen (trial18 found "Lao động tiên tiến" certified as an outstanding achievement)
    assert {page["achievement"] for page in pages} == {f"Năm {h['year']}" for h in titles} == {"Năm 2025"}
    assert len(set(map(tuple, (sorted(p.items()) for p in pages)))) == len(pages)  # no two pages alike


FLAG_AWARD = """
[[awards]]
code = "CTD"
name = "Cờ thi đua của UBND tỉnh"
category = "danh-hieu"
level = 5
applies_to = "collective"
min_score = 40
multiplier = 1.5
collective_multiplier = 3.0
authority = "Chủ tịch UBND tỉnh Trà Vinh"
"""


def test_a_flag_is_not_printed_on_a_blank_and_the_office_is_told_who(thidua, monkeypatch):
    """A Cờ thi đua is a flag embroidered to the official pattern, with no bằng or giấy chứng nhận: it came out as a
    "CHỨNG NHẬN" page. It is left out of the printing, in one line naming who and why; the rest is printed."""
    from conftest import MINI_CAMPAIGN

    monkeypatch.setenv("THIDUA_TODAY", "2022-01-05")
    thidua.ok("campaign", "load", str(thidua.write("mini.toml", MINI_CAMPAIGN + FLAG_AWARD)))
    thidua.ok("subject", "import", str(thidua.write("mini-subjects.csv", MINI_SUBJECTS)))
    for code, points in (("VP", 45), ("NV1", 40), ("NV2", 41)):
        thidua.ok("add-entry", "--subject", code, "--criterion", "TC1", "--points", str(points), "--date", "2021-11-02")
    thidua.ok("propose-awards", "--out", str(thidua.folder / "hoso"))
    thidua.ok("record-decision", "1", "--authority", "ubnd", "--number", "12/QĐ-UBND", "--date", "2021-12-15")
    flag = ("Lỗi: không in Cờ thi đua lên phôi: VP — Văn phòng Sở (Cờ thi đua của UBND tỉnh) — cờ là hiện vật may, thêu "
            "theo mẫu quy định, đặt làm riêng, không có bằng hay giấy chứng nhận")
    out = thidua.folder / "in"
    assert_refused(thidua, ["certificates", "--decision", "12/QĐ-UBND", "-o", str(out)], flag)
    assert not out.exists()
    thidua.ok("record-decision", "1", "--authority", "giam doc", "--number", "35/QĐ-STTTT", "--date", "2021-12-20")
    done = thidua.ok("certificates", "1", "-o", str(out))
    note = [line for line in done.stderr.splitlines() if "Cờ thi đua" in line]
    assert note == [flag.replace("Lỗi: không", "Lưu ý: không") + "."]
    assert "Đã in 3 bản (3 giấy khen)" in done.stderr  # Văn phòng Sở's Giấy khen is printed: a hình thức, on its blank
    assert sorted(p.name for p in out.iterdir()) == ["giay-khen.docx", "giay-khen.pdf"]
    text = subprocess.run(["pdftotext", str(out / "giay-khen.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert all(name in text for name in ("Văn phòng Sở", "Nguyễn Văn An", "Trần Thị Ánh")) and "CHỨNG NHẬN" not in text and "Cờ thi đua" not in text
