"""trial14: the dossier of a themed campaign (theo chuyên đề) of a Sở Giáo dục và Đào tạo, read as the Giám đốc who
signs it: "Thi đua đổi mới, sáng tạo trong dạy và học năm học 2025–2026" — schools and teachers, Giấy khen của Giám
đốc Sở, Bằng khen của Chủ tịch UBND tỉnh, one Bằng khen của Thủ tướng going up; a tie at the last Bằng khen place, a
council vote where one teacher falls below the ratio and is voted again for a Giấy khen, a penalty in a month.

Data in tests/data/trial14 (names are invented)."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "trial14"
CAMPAIGN_NAME = "Thi đua đổi mới, sáng tạo trong dạy và học năm học 2025–2026"


def _build(thidua, monkeypatch, *, decide: bool = True) -> Path:
    monkeypatch.setenv("THIDUA_TODAY", "2026-07-20")
    thidua.ok("campaign", "load", str(DATA / "campaign.toml"))
    thidua.ok("subject", "import", str(DATA / "subjects.csv"))
    thidua.ok("import-entries", str(DATA / "entries.csv"))
    out = thidua.folder / "dot1"
    thidua.ok("propose-awards", "--date", "05/06/2026", "--out", str(out))
    meeting = ["--date", "10/06/2026", "--place", "Phòng họp Sở Giáo dục và Đào tạo", "--written", "Đặng Quốc Việt"]
    thidua.ok("record-votes", "1", "--file", str(DATA / "votes-1.csv"), "--start", "8:00", "--end", "10:30", *meeting)
    thidua.ok("record-votes", "1", "--file", str(DATA / "votes-2.csv"), "--start", "10:30", "--end", "11:00", *meeting)
    if decide:
        thidua.ok("record-decision", "1", "--number", "85/QĐ-SGDĐT", "--date", "15/06/2026", "--award", "GK-GD")
    return out


def _md(out: Path, folder: str, name: str) -> str:
    return next(out.glob(f"{folder}*/{name}.md")).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- 1. the campaign's name in a sentence


def test_a_campaign_named_thi_dua_is_not_called_phong_trao_thi_dua_thi_dua():
    # every document said 'phong trào thi đua “Thi đua đổi mới, sáng tạo …”' (trích yếu of the tờ trình, the QĐ, the
    # reports, the certificates): the words twice. A name that is itself the call to emulate is 'phong trào “Thi đua …”'
    from thidua_cli.domain.models import campaign_phrase

    assert campaign_phrase(CAMPAIGN_NAME) == f"phong trào “{CAMPAIGN_NAME}”"
    assert campaign_phrase("thi đua dạy tốt, học tốt") == "phong trào “thi đua dạy tốt, học tốt”"
    # as before: other names in quotes after "phong trào thi đua", and one saying "Phong trào thi đua …" itself
    assert campaign_phrase("Dân vận khéo") == "phong trào thi đua “Dân vận khéo”"
    assert campaign_phrase("Phong trào thi đua thường xuyên năm 2026") == "phong trào thi đua thường xuyên năm 2026"
    assert campaign_phrase("Thi đuấn") == "phong trào thi đua “Thi đuấn”"  # a word that merely begins alike


def test_the_signed_documents_name_the_campaign_once(thidua, monkeypatch):
    out = _build(thidua, monkeypatch)
    for folder, name in (("3-", "to-trinh"), ("3-", "quyet-dinh"), ("3-", "bien-ban"), ("1-", "to-trinh"), ("2-", "danh-sach")):
        text = _md(out, folder, name)
        assert "thi đua “Thi đua" not in text, (folder, name)
    assert f"xuất sắc trong phong trào “{CAMPAIGN_NAME}”" in _md(out, "3-", "quyet-dinh")
    report = thidua.ok("report", "--month", "2025-11", "--date", "05/12/2025", "--format", "md").stdout
    assert f"Kết quả thực hiện phong trào “{CAMPAIGN_NAME}” tháng 11/2025" in " ".join(report.split())


# --------------------------------------------------------------------------- 2. the biên bản's count of each sitting


def test_the_minutes_say_who_fell_below_the_ratio_and_who_reached_it_but_is_not_proposed(thidua, monkeypatch):
    # the sentence after the first vote table said "11/14 trường hợp đạt tỷ lệ phiếu đồng ý; không đạt: Lê Hoàng Phúc
    # (…4/7…); Phạm Quốc Khánh (Giấy khen …, 7/7 phiếu, 100%: đã được hình thức cao hơn …)" — naming as "không đạt" one
    # with every vote, and leaving out Bùi Thanh Sơn, tied at the last Bằng khen place and given 3/7 (the table right
    # above says "Không đạt", and so does the conclusion).
    out = _build(thidua, monkeypatch)
    text = " ".join(_md(out, "3-", "bien-ban").split())
    assert ("Kết quả bỏ phiếu lần 1: 12/14 trường hợp đạt tỷ lệ phiếu đồng ý; không đạt: Lê Hoàng Phúc (Bằng khen của "
            "Chủ tịch UBND tỉnh, 4/7 phiếu, 57,14%, dưới mức 70%), được xét tiếp Giấy khen của Giám đốc Sở ở lần bỏ phiếu "
            "thứ 2; Bùi Thanh Sơn (Bằng khen của Chủ tịch UBND tỉnh, 3/7 phiếu, 42,86%, dưới mức 70%); đạt tỷ lệ nhưng "
            "không được đề nghị: Phạm Quốc Khánh (Giấy khen của Giám đốc Sở, 7/7 phiếu, 100%: đã được hình thức cao hơn "
            "trong đợt này).") in text
    assert "Kết quả bỏ phiếu lần 2: 01/01 trường hợp đạt tỷ lệ phiếu đồng ý." in text
    # the conclusion agrees: the same two below the ratio
    assert ("Không đạt tỷ lệ phiếu đồng ý: Lê Hoàng Phúc (Bằng khen của Chủ tịch UBND tỉnh, 4/7 phiếu); Bùi Thanh Sơn "
            "(Bằng khen của Chủ tịch UBND tỉnh, 3/7 phiếu).") in text
    # and the Word biên bản says the same
    from docx import Document

    word = " ".join(p.text for p in Document(str(next(out.glob("3-*/bien-ban.docx")))).paragraphs)
    assert "đạt tỷ lệ nhưng không được đề nghị: Phạm Quốc Khánh" in word
    assert "3/7 phiếu, 42,86%, dưới mức 70%" in word


# --------------------------------------------------------------------------- 3. the reports' "tiêu biểu" tables


def test_the_examples_table_says_who_is_left_out_of_its_ranks(thidua, monkeypatch):
    # "Tập thể tiêu biểu trong tháng" of 11/2025 listed "Hạng 1 … Hạng 3": the school ranked 2 that month had a penalty
    # (rightly no example to hold up), but the page did not say so and the signer asked who was second. The tổng kết
    # had 1, 2, 4, 5 the same way. The rank stays the period's; a note under the table says which rank is left out,
    # why, and where it is told (not the name: this section holds up examples; mục 3 names who broke a rule).
    _build(thidua, monkeypatch, decide=False)
    month = " ".join(thidua.ok("report", "--month", "2025-11", "--date", "05/12/2025", "--format", "md").stdout.split())
    assert ("Hạng theo tổng điểm trong tháng; trường hợp xếp hạng 2 có vi phạm, điểm trừ nên không nêu ở đây "
            "(xem mục 3).") in month
    assert month.count("Hạng theo tổng điểm") == 1  # the individuals' table has no gap: no note
    final = " ".join(thidua.ok("report", "--final", "--date", "20/07/2026", "--format", "md").stdout.split())
    assert ("Hạng theo tổng điểm cả phong trào; trường hợp xếp hạng 3 có vi phạm, điểm trừ nên không nêu ở đây "
            "(xem mục 3).") in final
    # in Word and HTML too
    from docx import Document

    thidua.ok("report", "--month", "2025-11", "--date", "05/12/2025", "-o", str(thidua.folder / "bc.docx"))
    word = [p.text for p in Document(str(thidua.folder / "bc.docx")).paragraphs]
    assert any("trường hợp xếp hạng 2 có vi phạm, điểm trừ nên không nêu ở đây" in line for line in word)
    assert not any("{{" in line or "{%" in line for line in word)
    html = thidua.ok("report", "--month", "2025-11", "--date", "05/12/2025", "--format", "html").stdout
    assert '<p class="note">Hạng theo tổng điểm trong tháng; trường hợp xếp hạng 2 có vi phạm' in html
    thidua.ok("report", "--final", "--date", "20/07/2026", "-o", str(thidua.folder / "tk.docx"))
    word = [p.text for p in Document(str(thidua.folder / "tk.docx")).paragraphs]
    assert any("trường hợp xếp hạng 3 có vi phạm, điểm trừ nên không nêu ở đây" in line for line in word)
    # a month without such a gap says nothing of the kind
    may = thidua.ok("report", "--month", "2026-05", "--date", "05/06/2026", "--format", "md").stdout
    assert "nên không nêu ở đây" not in may


# --------------------------------------------------------------------------- 4. the registration list


def test_the_registration_list_cites_the_plan_as_its_rows_and_the_dossier_write_dates(thidua, monkeypatch):
    # the list said "(Theo Kế hoạch số 152/KH-SGDĐT ngày 05/09/2025)" above rows dated "15/9/2025", while the tờ trình
    # cites "Kế hoạch số 152/KH-SGDĐT ngày 05/9/2025": one document, two ways of writing a date
    monkeypatch.setenv("THIDUA_TODAY", "2025-09-25")
    thidua.ok("campaign", "load", str(DATA / "campaign.toml"))
    thidua.ok("subject", "import", str(DATA / "subjects.csv"))
    thidua.ok("register", "import", str(DATA / "reg.csv"))
    text = thidua.ok("register", "list", "--format", "md", "--date", "25/09/2025").stdout
    assert "(Theo Kế hoạch số 152/KH-SGDĐT ngày 05/9/2025)" in text
    assert "05/09/2025" not in text and "| 15/9/2025 |" in text


# --------------------------------------------------------------------------- 5. the tổng kết's registrations


def test_the_final_report_does_not_read_a_pending_bang_khen_as_a_registration_failed(thidua, monkeypatch):
    # section V said "Bằng khen của Thủ tướng Chính phủ: đăng ký 1, đạt 0, 0%" with no word that the teacher who
    # registered for it was proposed and the Prime Minister had not decided yet (section IV said so, V did not)
    _build(thidua, monkeypatch)
    thidua.ok("register", "import", str(DATA / "reg.csv"))
    thidua.ok("register", "approve", "--all")
    final = " ".join(thidua.ok("report", "--final", "--date", "20/07/2026", "--format", "md").stdout.split())
    # before the province decides: its two registrants (a school and a teacher) wait too
    assert "Bằng khen của Chủ tịch UBND tỉnh: 02 trường hợp đã đăng ký được đề nghị, chưa có quyết định" in final
    thidua.ok("record-decision", "1", "--number", "1234/QĐ-UBND", "--date", "10/07/2026", "--authority", "ubnd")
    final = " ".join(thidua.ok("report", "--final", "--date", "20/07/2026", "--format", "md").stdout.split())
    assert ("Bằng khen của Thủ tướng Chính phủ: 01 trường hợp đã đăng ký được đề nghị, chưa có quyết định khen thưởng, "
            "chưa tính là “Đạt”.") in final
    assert "Bằng khen của Chủ tịch UBND tỉnh: 02 trường hợp" not in final
    assert "| Bằng khen của Chủ tịch UBND tỉnh | 2 | 2 | 100% |" in final
    # a Giấy khen registrant who got nothing (the school out of the quota) is no "chờ": no note for it
    assert "Giấy khen của Giám đốc Sở: 0" not in final
    # once the decision is recorded the note is gone and the registrant counts as "Đạt"
    thidua.ok("record-decision", "1", "--number", "567/QĐ-TTg", "--date", "15/07/2026", "--authority", "thu tuong")
    final = " ".join(thidua.ok("report", "--final", "--date", "20/07/2026", "--format", "md").stdout.split())
    assert "chưa có quyết định khen thưởng, chưa tính" not in final
    assert "| Bằng khen của Thủ tướng Chính phủ | 1 | 1 | 100% |" in final


# --------------------------------------------------------------------------- 6. the certificates


def test_a_bang_khen_of_the_province_is_headed_with_its_name_in_full(thidua, monkeypatch):
    # the Bằng khen printed "CHỦ TỊCH UBND TỈNH VĨNH LONG" above the name: the campaign file's short form, which the
    # dossier may use, but no official blank abbreviates the authority that awards it
    _build(thidua, monkeypatch)
    thidua.ok("record-decision", "1", "--number", "1234/QĐ-UBND", "--date", "10/07/2026", "--authority", "ubnd")
    out = thidua.folder / "ban-in"
    thidua.ok("certificates", "1", "-o", str(out))
    from docx import Document

    text = [p.text for p in Document(str(out / "bang-khen.docx")).paragraphs]
    text += [p.text for t in Document(str(out / "bang-khen.docx")).tables for r in t.rows for c in r.cells for p in c.paragraphs]
    assert any("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH VĨNH LONG" in line for line in text)
    assert not any("UBND" in line and "Quyết định số" not in line for line in text)
    # the Giấy khen keeps its heading as it was
    text = [p.text for p in Document(str(out / "giay-khen.docx")).paragraphs]
    text += [p.text for t in Document(str(out / "giay-khen.docx")).tables for r in t.rows for c in r.cells for p in c.paragraphs]
    assert any("GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO" in line for line in text)


def test_in_full_spells_out_ubnd_only_as_a_word():
    from thidua_cli.domain.certificates import in_full

    assert in_full("Chủ tịch UBND tỉnh Vĩnh Long") == "Chủ tịch Ủy ban nhân dân tỉnh Vĩnh Long"
    assert in_full("Giám đốc Sở Giáo dục và Đào tạo") == "Giám đốc Sở Giáo dục và Đào tạo"
    assert in_full("Chủ tịch UBNDX") == "Chủ tịch UBNDX"


# --------------------------------------------------------------------------- 7. the tổng kết's last page


def test_the_closing_sentence_of_the_tong_ket_is_kept_with_its_signature(thidua, monkeypatch):
    # the báo cáo tổng kết drops "keep with next" from its gap paragraphs (a gap held to a long table pushed a name
    # onto a page of its own), the gap before the signature too: "Trên đây là báo cáo tổng kết …" stayed at the foot
    # of a page and "Nơi nhận" with "GIÁM ĐỐC" went alone onto the next (the demo's tổng kết, once its section II
    # grew by a line). The closing sentence, the gap and the signature are kept together, as in the monthly report.
    from docx import Document
    from docx.text.paragraph import Paragraph

    _build(thidua, monkeypatch, decide=False)
    for args, name in ((("--final", "--date", "20/07/2026"), "tk.docx"), (("--month", "2025-11"), "bc.docx")):
        thidua.ok("report", *args, "-o", str(thidua.folder / name))
        document = Document(str(thidua.folder / name))
        signature = document.tables[-1]
        assert "GIÁM ĐỐC" in signature.rows[0].cells[1].text and "Nơi nhận" in signature.rows[0].cells[0].text
        gap = Paragraph(signature._tbl.getprevious(), document)
        closing = Paragraph(gap._p.getprevious(), document)
        assert closing.text.startswith("Trên đây là báo cáo"), closing.text
        assert gap.paragraph_format.keep_with_next and closing.paragraph_format.keep_with_next, name
