"""The Chánh Văn phòng and the Giám đốc of a Sở Nông nghiệp và Môi trường reading, page by page, the dossier of the
year-end review 2026 they must sign (trial10): tờ trình, danh sách, biên bản, báo cáo thành tích, quyết định —
what a document said that the ledger, or another document, did not."""

from __future__ import annotations

import json
from pathlib import Path

from docx import Document

DATA = Path(__file__).resolve().parent / "data" / "trial10"


def _year(thidua):
    """A Văn phòng with three people: NV01 and NV03 reach Chiến sĩ thi đua cơ sở (with Lao động tiên tiến), NV01 the
    Bằng khen của Chủ tịch UBND tỉnh and NV03 a Giấy khen; no collective reaches any award."""
    thidua.ok("campaign", "load", str(DATA / "snnmt.toml"))
    thidua.ok("subject", "import", str(DATA / "can-bo.csv"))
    thidua.ok("import-entries", str(DATA / "thanh-tich.csv"))
    return thidua


def _text(path: Path) -> str:
    """The docx as the signer reads it: paragraphs, then every cell of every table."""
    document = Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def _decision(thidua, tmp_path: Path) -> str:
    _year(thidua)
    out = tmp_path / "hs"
    thidua.ok("propose-awards", "--year", "2026", "--out", str(out), "--date", "01/12/2026")
    (decision,) = out.glob("*/quyet-dinh.docx")
    return _text(decision)


def test_the_decision_does_not_pay_a_danh_hieu_0_dong_when_everyone_has_it_with_a_higher_one(thidua, tmp_path):
    """Everyone recognised Lao động tiên tiến in the round is recognised Chiến sĩ thi đua cơ sở too: the draft quyết
    định's Điều 2 read "Lao động tiên tiến: mỗi cá nhân được thưởng 0 đồng" — a rate of 0 đồng the Giám đốc would
    sign, as if the title carried no reward (NĐ 152/2025 Điều 50: 0,3 × lương cơ sở). It now says why nothing more
    is paid: each is paid the reward of the highest danh hiệu only (Điều 49), as the list beside it does."""
    text = _decision(thidua, tmp_path)
    article = next(line for line in text.splitlines() if line.startswith("Điều 2."))
    assert "được thưởng 0 đồng" not in article, article
    assert ("Lao động tiên tiến: cá nhân được khen cùng danh hiệu cao hơn chỉ hưởng tiền thưởng của danh hiệu cao "
            "nhất") in article, article
    assert "Chiến sĩ thi đua cơ sở: mỗi cá nhân được thưởng 2.340.000 đồng" in article, article


def test_the_list_attached_to_a_decision_for_individuals_only_is_not_titled_for_collectives(thidua, tmp_path):
    """The quyết định grants only cá nhân ("… cho cá nhân có thành tích xuất sắc …"), yet the list attached to it was
    titled "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC …": the annex named a kind the decision does not have. It now names
    the kinds the decision grants, as its trích yếu does."""
    text = _decision(thidua, tmp_path)
    assert "cho cá nhân có thành tích xuất sắc" in text, text
    assert "DANH SÁCH TẬP THỂ, CÁ NHÂN" not in text, text
    assert "DANH SÁCH CÁ NHÂN ĐƯỢC CÔNG NHẬN DANH HIỆU CHIẾN SĨ THI ĐUA CƠ SỞ" in text, text


def test_a_chi_cuc_truong_is_counted_a_leader_in_the_years_statistics(thidua):
    """A Bằng khen of the Chủ tịch UBND tỉnh for the Chi cục trưởng of the Chi cục Thủy lợi was counted in biểu 0603.N
    row 10, "Người trực tiếp công tác, lao động …" (workers), beside the Trưởng phòng and Giám đốc Trung tâm of the
    same Sở in row 09: "Chi cục trưởng" did not start like any title the form's leader rows knew ("cuc truong" is
    the Cục). The head of a chi cục and the deputy are "các cấp lãnh đạo khác từ phó phòng trở lên"."""
    _year(thidua)
    for code, name, position in (("NV04", "Võ Hoàng Nam", "Chi cục trưởng"), ("NV05", "Đinh Văn Thành", "Phó Chi cục trưởng")):
        thidua.ok("subject", "add", "--code", code, "--name", name, "--kind", "individual", "--position", position)
        thidua.ok("awards", "add", "--subject", code, "--award", "Bằng khen của Chủ tịch UBND tỉnh", "--number",
                  "2456/QĐ-UBND", "--date", "07/12/2026", "--issuer", "Chủ tịch UBND tỉnh")
    leaders = thidua.ok("stats", "--year", "2026", "--explain", "0603:09:2").stdout
    workers = thidua.ok("stats", "--year", "2026", "--explain", "0603:10:2").stdout
    assert "NV04 — Võ Hoàng Nam" in leaders and "NV05 — Đinh Văn Thành" in leaders, leaders
    assert "Võ Hoàng Nam" not in workers and "Đinh Văn Thành" not in workers, workers


def test_the_closing_report_lists_danh_hieu_before_hinh_thuc(thidua):
    """The tổng kết's tables "Đề nghị khen thưởng" and "Quyết định khen thưởng" were ordered by level alone: Bằng
    khen của Chủ tịch UBND tỉnh (hình thức, level 2) stood between Tập thể lao động xuất sắc and Lao động tiên tiến,
    the two kinds the Law keeps apart mixed in one list. They now follow the dossier: danh hiệu thi đua first,
    then hình thức khen thưởng, each from the highest level down."""
    _year(thidua)
    thidua.ok("propose-awards", "--year", "2026", "--out", "hs", "--date", "01/12/2026")
    closing = json.loads(thidua.ok("report", "--final", "--date", "07/12/2026", "-O", "json").stdout)
    # by level alone: CSTĐCS and BK-UBND (level 2), then LĐTT and GK (level 1)
    assert [line["award"] for line in closing["awards_proposed_by_award"]] == ["CSTDCS", "LDTT", "BK-UBND", "GK"], \
        closing["awards_proposed_by_award"]


def _with_a_tie_and_collectives(thidua, tmp_path: Path):
    """The Văn phòng with one Chiến sĩ thi đua cơ sở to give (NV01 and NV04 tie for it, both women) and the two
    danh hiệu of a collective: the Văn phòng Sở is proposed Tập thể lao động xuất sắc."""
    campaign = (DATA / "snnmt.toml").read_text(encoding="utf-8")
    campaign = campaign.replace('with = ["LDTT"]', 'with = ["LDTT"]\nmax_count = 1')
    campaign += """
[[awards]]
code = "TTLDTT"
name = "Tập thể lao động tiên tiến"
category = "danh-hieu"
level = 1
applies_to = "collective"
min_score = 80
multiplier = 0.8
collective_multiplier = 0.8
authority = "Giám đốc Sở Nông nghiệp và Môi trường"
agency_decides = true

[[awards]]
code = "TTLDXS"
name = "Tập thể lao động xuất sắc"
category = "danh-hieu"
level = 2
applies_to = "collective"
min_score = 85
multiplier = 1.5
collective_multiplier = 1.5
authority = "Chủ tịch UBND tỉnh"
"""
    (tmp_path / "snnmt.toml").write_text(campaign, encoding="utf-8")
    thidua.ok("campaign", "load", str(tmp_path / "snnmt.toml"))
    thidua.ok("subject", "import", str(DATA / "can-bo.csv"))
    thidua.ok("subject", "add", "--code", "NV04", "--name", "Đỗ Thị Hồng Nhung", "--kind", "individual", "--unit", "VP",
              "--position", "Chuyên viên", "--gender", "nữ")
    thidua.ok("import-entries", str(DATA / "thanh-tich.csv"))
    thidua.ok("add-entry", "--subject", "NV04", "--criterion", "TC1", "--points", "88", "--date", "30/06/2026",
              "--note", "Tham mưu công tác văn thư, lưu trữ", "--evidence", "Báo cáo số 14/BC-VP")
    thidua.ok("add-entry", "--subject", "NV04", "--criterion", "SK", "--points", "8", "--date", "05/09/2026",
              "--note", "Sáng kiến “Lưu trữ điện tử”", "--evidence", "QĐ 122/QĐ-HĐSK")
    out = tmp_path / "hs"
    thidua.ok("propose-awards", "--year", "2026", "--out", str(out), "--date", "01/12/2026")
    return out


def _minutes(out: Path) -> str:
    return " ".join(_text(next(out.glob("*/bien-ban.docx"))).split())


def test_the_minutes_call_a_lower_danh_hieu_a_danh_hieu(thidua, tmp_path):
    """Lao động tiên tiến and Tập thể lao động tiên tiến are danh hiệu thi đua, not hình thức khen thưởng (Luật Thi đua,
    khen thưởng 2022 keeps them apart), yet the biên bản said of the tie for Chiến sĩ thi đua cơ sở "người không được
    chọn được xét ở hình thức Lao động tiên tiến", and of the Văn phòng voted down for Tập thể lao động xuất sắc "Các
    trường hợp đề nghị xét tiếp hình thức khen thưởng thấp hơn …" (and its second vote sheet "Lần 2: xét tiếp hình thức
    khen thưởng thấp hơn …"). Each is now called what it is."""
    out = _with_a_tie_and_collectives(thidua, tmp_path)
    before = _minutes(out)
    assert "người không được chọn được xét ở danh hiệu Lao động tiên tiến" in before, before
    assert "hình thức Lao động tiên tiến" not in before, before
    votes = tmp_path / "phieu.csv"
    votes.write_text("subject,award,votes\nNV01,CSTDCS,3\nNV04,CSTDCS,1\nVP,TTLDXS,1\n"
                     "NV01,LDTT,3\nNV03,LDTT,3\nNV04,LDTT,3\nNV01,BK-UBND,3\nNV04,BK-UBND,3\nNV03,GK,3\n", encoding="utf-8")
    thidua.ok("record-votes", "1", "--file", str(votes), "--date", "04/12/2026")
    after = _minutes(out)
    assert "xét tiếp danh hiệu thi đua thấp hơn do không đạt tỷ lệ phiếu đồng ý ở lần bỏ phiếu thứ 1" in after, after
    assert "hình thức khen thưởng thấp hơn" not in after, after
    from openpyxl import load_workbook

    sheet = load_workbook(next(out.glob("phieu-bau-dot-1-phien-2.xlsx"))).active
    line = next(str(c.value) for row in sheet.iter_rows() for c in row if str(c.value or "").startswith("Lần 2:"))
    assert line.startswith("Lần 2: xét tiếp danh hiệu thi đua thấp hơn cho các đề nghị không đạt tỷ lệ phiếu"), line


def test_the_closing_reports_award_tables_are_not_headed_hinh_thuc_alone(thidua, tmp_path):
    """The tổng kết's award tables were headed "Hình thức khen thưởng" over Chiến sĩ thi đua cơ sở and Lao động tiên
    tiến, danh hiệu thi đua the Law keeps apart from hình thức. The heading now names what the rows are: "Danh hiệu
    thi đua, hình thức khen thưởng" here (only "Hình thức khen thưởng" when the campaign gives hình thức alone)."""
    _year(thidua)
    thidua.ok("propose-awards", "--year", "2026", "--out", str(tmp_path / "hs"), "--date", "01/12/2026")
    thidua.ok("report", "--final", "--date", "07/12/2026", "-o", str(tmp_path / "tong-ket.docx"))
    document = Document(str(tmp_path / "tong-ket.docx"))
    headers = [table.rows[0].cells[1].text for table in document.tables if len(table.rows[0].cells) > 1
               and "TT" == table.rows[0].cells[0].text.strip() and "Tập thể" in [c.text for c in table.rows[0].cells]]
    assert headers == ["Danh hiệu thi đua, hình thức khen thưởng"], headers
    markdown = thidua.ok("report", "--final", "--date", "07/12/2026", "-O", "md").stdout
    assert "| TT | Danh hiệu thi đua, hình thức khen thưởng | Tập thể | Cá nhân | Tiền thưởng (đồng) |" in markdown
    assert "Hình thức khen thưởng |" not in markdown, markdown


def test_the_lists_of_the_dossier_do_not_head_danh_hieu_as_hinh_thuc(thidua, tmp_path):
    """The danh sách and the biên bản put Chiến sĩ thi đua cơ sở and Lao động tiên tiến under "A. DANH HIỆU THI ĐUA",
    in a column headed "Hình thức đề nghị": the heading called a danh hiệu a hình thức. It now says "Danh hiệu, hình
    thức đề nghị" where the list holds both, and names the one kind where it holds one (the Giám đốc's danh sách
    here holds both; the UBND's, only the Bằng khen)."""
    _year(thidua)
    out = tmp_path / "hs"
    thidua.ok("propose-awards", "--year", "2026", "--out", str(out), "--date", "01/12/2026")

    def heading(path: Path) -> list[str]:
        return [cell.text for cell in Document(str(path)).tables[1].rows[0].cells]

    (agency,) = out.glob("*giam-doc*")
    (province,) = out.glob("*ubnd*")
    assert "Danh hiệu, hình thức đề nghị" in heading(agency / "danh-sach.docx"), heading(agency / "danh-sach.docx")
    assert "Hình thức đề nghị" in heading(province / "danh-sach.docx"), heading(province / "danh-sach.docx")
    assert "Danh hiệu, hình thức đề nghị" in heading(agency / "bien-ban.docx"), heading(agency / "bien-ban.docx")
    assert "| Danh hiệu, hình thức đề nghị |" in (agency / "danh-sach.md").read_text(encoding="utf-8")
