"""Template machinery: shared filters, lookup order, `default:` inheritance, strictness, the CLI."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document

from conftest import assert_refused
from dossier_example import small_dossier
from thidua_cli.errors import ThiduaError
from thidua_cli.render import documents
from thidua_cli.render.documents import (
    balanced_lines,
    date_line,
    date_words,
    doc_number,
    header_context,
    make_environment,
    money,
    money_words,
    number_words,
    points,
    recipients_list,
    render_document,
    short_date,
    signature_context,
)
from thidua_cli.render.dossier import dossier_contexts, write_dossier
from thidua_cli.resources import templates_dir

SHIPPED = ("to-trinh", "danh-sach", "bien-ban", "bao-cao-thanh-tich", "quyet-dinh", "bao-cao-thang")


# ---------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2021, 3, 5), "ngày 05 tháng 3 năm 2021"),
        (date(2021, 2, 9), "ngày 09 tháng 02 năm 2021"),
        (date(2021, 1, 15), "ngày 15 tháng 01 năm 2021"),
        (date(2021, 10, 15), "ngày 15 tháng 10 năm 2021"),
        (date(2021, 12, 31), "ngày 31 tháng 12 năm 2021"),
    ],
)
def test_date_words_pad_the_day_and_only_months_one_and_two(day, words):
    assert date_words(day) == words
    assert date_line(day, "Trà Vinh") == f"Trà Vinh, {words}"


def test_blank_dates_for_documents_signed_later():
    assert date_line(None, "Trà Vinh", 2022) == "Trà Vinh, ngày      tháng      năm 2022"
    assert date_words(None) == "ngày      tháng      năm"
    assert short_date(date(2021, 3, 5)) == "05/3/2021" and short_date(date(2021, 2, 9)) == "09/02/2021"


def test_numbers_money_and_points_the_vietnamese_way():
    assert money(3510000) == "3.510.000"
    assert money(0) == "0" and money(None) == ""
    assert points(Decimal("91.5")) == "91,5" and points(Decimal("80")) == "80"
    assert points(950) == "9,5"  # entry points are integer hundredths
    assert documents.vn_number(Decimal("1234.5"), 1) == "1.234,5"
    assert documents.percent(Decimal(200) / 3) == "66,67"
    assert doc_number(5, "TTr", "STTTT") == "05/TTr-STTTT"
    assert doc_number(12, "QĐ", "STTTT") == "12/QĐ-STTTT"
    assert doc_number(None, "QĐ", "STTTT") == "     /QĐ-STTTT"


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (3510000, "ba triệu năm trăm mười nghìn"),
        (16380000, "mười sáu triệu ba trăm tám mươi nghìn"),
        (1005000, "một triệu không trăm linh năm nghìn"),
        (21, "hai mươi mốt"),
        (15, "mười lăm"),
        (105, "một trăm linh năm"),
        (2000000000, "hai tỷ"),
        (0, "không"),
    ],
)
def test_amounts_in_words(amount, words):
    assert number_words(amount) == words
    assert money_words(amount) == words[0].upper() + words[1:] + " đồng"


def test_header_and_signature_blocks():
    header = header_context("UBND tỉnh Trà Vinh", "Sở Thông tin và Truyền thông", "01/TTr-STTTT", "Trà Vinh", date(2022, 2, 9))
    assert header["parent"] == "UBND TỈNH TRÀ VINH" and header["issuer"] == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    assert header["issuer_lines"] == ["SỞ THÔNG TIN", "VÀ TRUYỀN THÔNG"]
    assert header["number"] == "Số: 01/TTr-STTTT"
    assert header["date_line"] == "Trà Vinh, ngày 09 tháng 02 năm 2022"
    assert header_context("A", "B")["number"] == ""
    assert signature_context("Phó Giám đốc", "Lê Văn B") == {"authority": "KT. GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": "Lê Văn B",
                                                             "note": "", "lines": ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "pad": 0}
    # long titles are cut where a phrase ends, not where Word would wrap ("ĐƠN / VỊ")
    assert signature_context("Thủ trưởng đơn vị xác nhận, đề nghị")["lines"] == ["THỦ TRƯỞNG ĐƠN VỊ", "XÁC NHẬN, ĐỀ NGHỊ"]
    assert signature_context("GIÁM ĐỐC", "A")["authority"] == ""
    assert signature_context("CHỦ TỊCH", "A", on_behalf="TM. Hội đồng")["authority"] == "TM. HỘI ĐỒNG"
    assert recipients_list(["Sở Nội vụ;", "BGĐ Sở"]) == ["- Như trên;", "- Sở Nội vụ;", "- BGĐ Sở;", "- Lưu: VT, VP."]



def test_signer_titles_on_two_lines_and_numbers_without_a_short_name():
    from types import SimpleNamespace

    assert signature_context("KT. Giám đốc\nPhó Giám đốc", "Lê Văn B") == {
        "authority": "KT. GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": "Lê Văn B", "note": "", "lines": ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "pad": 0}
    assert doc_number(5, "BC", "") == "05/BC" and doc_number(None, "BC", "") == "     /BC"
    assert documents.signer_title(SimpleNamespace(signer_title="", agency="Sở Tư pháp")) == "GIÁM ĐỐC"
    assert documents.signer_title(SimpleNamespace(signer_title="", agency="Ban Dân tộc")) == "THỦ TRƯỞNG CƠ QUAN"
    assert documents.signer_title(SimpleNamespace(signer_title="Trưởng ban", agency="Ban Dân tộc")) == "Trưởng ban"

def test_balanced_header_lines():
    assert balanced_lines("UBND TỈNH TRÀ VINH") == ["UBND TỈNH TRÀ VINH"]
    # a hyphen joins the words around it: never at a line's end; "THI ĐUA" stays one word
    assert balanced_lines("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG") == ["HỘI ĐỒNG", "THI ĐUA - KHEN THƯỞNG"]
    assert balanced_lines("PHÒNG KẾ HOẠCH - TÀI CHÍNH - TỔNG HỢP") == ["PHÒNG KẾ HOẠCH", "- TÀI CHÍNH - TỔNG HỢP"]
    assert balanced_lines("SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN") == ["SỞ NÔNG NGHIỆP", "VÀ PHÁT TRIỂN NÔNG THÔN"]
    lines = balanced_lines("PHÒNG BƯU CHÍNH, VIỄN THÔNG VÀ CÔNG NGHỆ THÔNG TIN")
    assert " ".join(lines) == "PHÒNG BƯU CHÍNH, VIỄN THÔNG VÀ CÔNG NGHỆ THÔNG TIN"
    assert all(len(line) <= 26 and not line.startswith("-") for line in lines)


def test_the_same_filters_in_every_format(tmp_path):
    (tmp_path / "md").mkdir()
    (tmp_path / "md" / "thu.md").write_text("{{ n | money }}|{{ d | date_words }}|{{ p | points }}|{{ s | md }}", encoding="utf-8")
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "thu.html").write_text("{{ n | money }}|{{ d | date_words }}|{{ s }}", encoding="utf-8")
    context = {"n": 3510000, "d": date(2021, 3, 5), "p": Decimal("9.5"), "s": "A & <B> | *C*"}
    assert render_document("thu", context, "md", tmp_path) == r"3.510.000|ngày 05 tháng 3 năm 2021|9,5|A & \<B\> \| \*C\*"
    assert render_document("thu", context, "html", tmp_path) == "3.510.000|ngày 05 tháng 3 năm 2021|A &amp; &lt;B&gt; | *C*"


# ---------------------------------------------------------------------------
# Lookup: user folder → shipped, `default:`, strict
# ---------------------------------------------------------------------------


def small_context(key: str = "to_trinh") -> dict:
    return dossier_contexts(small_dossier())["groups"][0][key]


def test_every_shipped_template_exists_in_every_format():
    root = templates_dir()
    for name in SHIPPED:
        for fmt in ("docx", "html", "md"):
            assert (root / fmt / f"{name}.{fmt}").is_file(), (name, fmt)
    # the Word templates are real A4 Times New Roman documents with Jinja tags in them
    document = Document(str(root / "docx" / "to-trinh.docx"))
    assert document.styles["Normal"].font.name == "Times New Roman"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "{{ subject_line }}" in text and "{%p for line in basis %}" in text


def test_a_user_template_wins_and_can_extend_the_shipped_one(tmp_path):
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "to-trinh.html").write_text(
        '{% extends "default:html/to-trinh.html" %}\n'
        "{% block addressee %}<p class=\"kinh-gui\">Kính gửi: Ban Thi đua - Khen thưởng ({{ addressee }}).</p>{% endblock %}\n",
        encoding="utf-8",
    )
    (tmp_path / "md").mkdir()
    (tmp_path / "md" / "to-trinh.md").write_text("MẪU RIÊNG {{ number }}\n", encoding="utf-8")
    context = small_context()
    html = render_document("to-trinh", context, "html", tmp_path)
    assert "Kính gửi: Ban Thi đua - Khen thưởng (Chủ tịch UBND tỉnh Vĩnh Long)." in html
    assert "TỜ TRÌNH" in html and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html  # the rest is the shipped template
    assert "Kính gửi: Chủ tịch UBND tỉnh Vĩnh Long." not in html
    assert render_document("to-trinh", context, "md", tmp_path) == "MẪU RIÊNG      /TTr-SKHCN\n"  # numbering = "blank"
    # formats not overridden still come from the shipped folder
    assert "DANH SÁCH ĐỀ NGHỊ" in render_document("danh-sach", small_context("danh_sach"), "md", tmp_path)


def test_the_environment_variable_names_the_user_folder(tmp_path, monkeypatch):
    (tmp_path / "md").mkdir()
    (tmp_path / "md" / "to-trinh.md").write_text("TỪ BIẾN MÔI TRƯỜNG\n", encoding="utf-8")
    monkeypatch.setenv("THIDUA_TEMPLATES", str(tmp_path))
    assert render_document("to-trinh", small_context(), "md") == "TỪ BIẾN MÔI TRƯỜNG\n"
    monkeypatch.setenv("THIDUA_TEMPLATES", str(tmp_path / "khong-co"))
    with pytest.raises(ThiduaError, match="THIDUA_TEMPLATES"):
        render_document("to-trinh", small_context(), "md")


def test_a_user_word_template_wins(tmp_path):
    user = tmp_path / "mau"
    (user / "docx").mkdir(parents=True)
    document = Document(str(templates_dir() / "docx" / "to-trinh.docx"))
    document.add_paragraph("MẪU RIÊNG của {{ agency }} — {{ group.amount | money }} đồng")
    document.save(str(user / "docx" / "to-trinh.docx"))
    out = Document(io.BytesIO(render_document("to-trinh", small_context(), "docx", user)))
    text = "\n".join(p.text for p in out.paragraphs)
    assert "MẪU RIÊNG của Sở Khoa học và Công nghệ — 14.040.000 đồng" in text
    assert "TỜ TRÌNH" in text


def test_a_typo_in_a_template_fails_loudly(tmp_path):
    (tmp_path / "md").mkdir()
    (tmp_path / "md" / "to-trinh.md").write_text("{{ campaign.nmae }}", encoding="utf-8")
    with pytest.raises(ThiduaError) as error:
        render_document("to-trinh", small_context(), "md", tmp_path)
    assert error.value.message.startswith("mẫu văn bản md/to-trinh.md")
    assert "nmae" in error.value.message
    (tmp_path / "docx").mkdir()
    document = Document()
    document.add_paragraph("{{ khong_co }}")
    document.save(str(tmp_path / "docx" / "to-trinh.docx"))
    with pytest.raises(ThiduaError, match="khong_co"):
        render_document("to-trinh", small_context(), "docx", tmp_path)
    with pytest.raises(ThiduaError, match="không có mẫu"):
        render_document("khong-co", {}, "md")


def test_word_rendering_leaves_the_markdown_environment_unescaped():
    env = make_environment()
    context = small_context()
    render_document("to-trinh", context, "docx", env=env)
    assert env.autoescape is not True
    md = render_document("to-trinh", context, "md", env=env)
    assert "&amp;" not in md and "<script>" not in md


def test_user_override_used_by_the_dossier(tmp_path):
    user = tmp_path / "mau"
    (user / "md").mkdir(parents=True)
    (user / "md" / "bien-ban.md").write_text('{% extends "default:md/bien-ban.md" %}{% block opening %}PHIÊN HỌP TRỰC TUYẾN\n\n{% endblock %}',
                                            encoding="utf-8")
    write_dossier(small_dossier(), tmp_path / "out", templates_dir=user, formats=("md",))
    text = next((tmp_path / "out").glob("1-*/bien-ban.md")).read_text(encoding="utf-8")
    assert "PHIÊN HỌP TRỰC TUYẾN" in text and "Thành phần tham dự" not in text and "# BIÊN BẢN" in text


# ---------------------------------------------------------------------------
# thidua templates list / copy
# ---------------------------------------------------------------------------


def test_templates_list(thidua, tmp_path):
    result = thidua.ok("templates", "list")
    for name in SHIPPED:
        assert name in result.stdout
    assert "docx, html, md" in result.stdout
    user = tmp_path / "mau"
    (user / "docx").mkdir(parents=True)
    (user / "docx" / "danh-sach.docx").write_bytes((templates_dir() / "docx" / "danh-sach.docx").read_bytes())
    data = json.loads(thidua.ok("templates", "list", "--templates", str(user), "--format", "json").stdout)
    by_name = {item["name"]: item for item in data["templates"]}
    assert by_name["danh-sach"]["overridden"] == ["docx"]
    assert by_name["to-trinh"]["overridden"] == [] and by_name["to-trinh"]["formats"] == ["docx", "html", "md"]
    assert data["user"] == str(user)


def test_templates_copy(thidua, tmp_path):
    target = tmp_path / "mau-cua-toi"
    result = thidua.ok("templates", "copy", "to-trinh", "--to", str(target))
    copied = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert copied == ["docx/to-trinh.docx", "html/to-trinh.html", "md/to-trinh.md"]
    assert (target / "md" / "to-trinh.md").read_bytes() == (templates_dir() / "md" / "to-trinh.md").read_bytes()
    assert "Đã chép 3 tệp mẫu" in result.stderr
    # a second copy does not overwrite the user's edits
    (target / "md" / "to-trinh.md").write_text("đã sửa", encoding="utf-8")
    assert_refused(thidua, ["templates", "copy", "to-trinh", "--to", str(target)], "đã có, không chép đè")
    assert (target / "md" / "to-trinh.md").read_text(encoding="utf-8") == "đã sửa"
    thidua.ok("templates", "copy", "to-trinh", "--to", str(target), "--format", "md", "--force")
    assert (target / "md" / "to-trinh.md").read_bytes() == (templates_dir() / "md" / "to-trinh.md").read_bytes()
    data = json.loads(thidua.ok("templates", "list", "--templates", str(target), "--format", "json").stdout)
    assert next(i for i in data["templates"] if i["name"] == "to-trinh")["overridden"] == ["docx", "html", "md"]


def test_templates_copy_refusals(thidua, tmp_path, monkeypatch):
    assert_refused(thidua, ["templates", "copy", "khong-co", "--to", str(tmp_path)], 'không có mẫu văn bản "khong-co"')
    assert_refused(thidua, ["templates", "copy", "to-trinh", "--to", str(tmp_path), "--format", "pdf"], "--format", code=2)
    assert_refused(thidua, ["templates", "copy", "muc-luc", "--to", str(tmp_path), "--format", "docx"], "không có dạng docx")
    assert_refused(thidua, ["templates", "copy", "to-trinh", "--to", str(templates_dir())], "chính là thư mục mẫu gốc")
    assert_refused(thidua, ["templates", "list", "--templates", str(tmp_path / "khong-co")], "không tồn tại")
    monkeypatch.setenv("THIDUA_TEMPLATES", str(tmp_path / "tu-bien"))
    (tmp_path / "tu-bien").mkdir()
    thidua.ok("templates", "copy", "bien-ban", "--format", "html")
    assert (tmp_path / "tu-bien" / "html" / "bien-ban.html").is_file()


def test_cli_import_loads_no_template_engine():
    code = "import sys, thidua_cli.cli; print(sorted(m for m in ('jinja2', 'docxtpl', 'docx') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src"), "PATH": ""})
    assert out.stdout.strip() == "[]"
