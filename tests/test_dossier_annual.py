"""The 2025 year-end dossier as the office signs it: the documents agree with the ledger and with each other.

Built once from the annual example (`services.demo_annual`, as `thidua demo` does): 06 tập thể and 33 cá nhân
proposed for 66 awards (a person recognised Lao động tiên tiến and given a Giấy khen is one person, two
awards); the council votes twice (Võ Thanh Sơn, 6/9 for the Bằng khen, falls through to the Giấy khen).
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from test_dossier import data_rows, paragraphs, text_of

GIAM_DOC = "3-giam-doc-so-khoa-hoc-va-cong-nghe"
UBND = "1-chu-tich-ubnd-tinh-vinh-long"


@pytest.fixture(scope="module")
def annual(tmp_path_factory) -> Path:
    from thidua_cli.services.demo_annual import annual_demo

    folder = tmp_path_factory.mktemp("nam-2025")
    lines = list(annual_demo(folder))
    assert lines[-1].startswith("Báo cáo năm 2025: "), lines
    return folder


def md(annual: Path, group: str, name: str) -> str:
    return (annual / "ho-so-de-nghi" / group / f"{name}.md").read_text(encoding="utf-8")


def ledger_rows(annual: Path, authority: str | None = None) -> list[tuple[str, str, str]]:
    """(award, subject, kind) of every proposal that passed the council, from the ledger itself."""
    import json

    connection = sqlite3.connect(annual / "thidua-demo.db")
    result, votes = connection.execute("SELECT result, votes FROM round WHERE number = 1").fetchone()
    connection.close()
    passed = {(v["subject"], v["award"]) for v in json.loads(votes)["votes"] if v["passed"]}
    return [(p["award"], p["subject"], p["kind"]) for p in json.loads(result)["proposals"] if (p["subject"], p["award"]) in passed]


def _table_rows(text: str, header: str) -> list[list[str]]:
    """The data rows (those with an STT) of the markdown table after the line starting with `header`."""
    rows, inside = [], False
    for line in text.splitlines():
        if line.startswith(header):
            inside = True
            continue
        if inside and not line.startswith("|"):
            if rows:
                break
            continue
        if inside and re.match(r"\| \d+ \|", line):
            rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


# --------------------------------------------------------------------------- 1. people counted once


def test_titles_count_people_once_and_say_the_awards_apart(annual):
    rows = ledger_rows(annual)
    giam_doc = [r for r in rows if r[0] in {"CSTDCS", "TTLDTT", "LDTT", "GK-GD"}]
    collectives = {s for _, s, k in giam_doc if k == "collective"}
    people = {s for _, s, k in giam_doc if k == "individual"}
    assert (len(collectives), len(people), len(giam_doc)) == (5, 33, 58)
    phrase = "05 tập thể và 33 cá nhân (58 lượt khen thưởng)"
    to_trinh = md(annual, GIAM_DOC, "to-trinh")
    assert f"Giấy khen của Giám đốc Sở cho {phrase} có thành tích xuất sắc" in to_trinh  # the trích yếu
    assert f"(có danh sách kèm theo), cụ thể như sau:" in to_trinh and f"cho {phrase} (có danh sách kèm theo)" in to_trinh
    assert "- Danh sách đề nghị khen thưởng (05 tập thể và 33 cá nhân, 58 lượt khen thưởng);" in to_trinh
    assert "- 38 báo cáo tóm tắt thành tích." in to_trinh  # one per subject, not per award
    assert "52 cá nhân" not in to_trinh and "06 tập thể" not in to_trinh
    danh_sach = md(annual, GIAM_DOC, "danh-sach")
    assert f"**Tổng cộng: {phrase}**" in danh_sach
    listed = _table_rows(danh_sach, "| STT |")
    assert len(listed) == 58 and len({row[1] for row in listed}) == 38
    quyet_dinh = md(annual, GIAM_DOC, "quyet-dinh")
    assert f"**Tổng cộng: {phrase}**" in quyet_dinh
    # the per-award counts add up to the awards; the reports are one per subject
    counts = [int(n) for n in re.findall(r"^\*\*\d\. [^:]+: (?:(\d+) tập thể và )?(\d+) (?:cá nhân|tập thể)\*\*$",
                                         to_trinh, re.M) for n in n if n]
    assert sum(counts) == 58
    reports = sorted((annual / "ho-so-de-nghi" / GIAM_DOC).glob("bao-cao-*.md"))
    assert len(reports) == 38 and not any(re.search(r"-\d\.md$", p.name) for p in reports)
    # the province's group: Văn phòng Sở (TTLĐXS and Bằng khen) and NV05 (CSTĐ tỉnh and Bằng khen) counted once
    assert "cho 02 tập thể và 03 cá nhân (07 lượt khen thưởng) có thành tích" in md(annual, UBND, "to-trinh")
    # the biên bản's conclusion counts the round's subjects once, and the awards as its own table does
    bien_ban = md(annual, GIAM_DOC, "bien-ban")
    assert "đề nghị khen thưởng 06 tập thể và 33 cá nhân (66 lượt khen thưởng) đạt tỷ lệ" in bien_ban
    assert len(ledger_rows(annual)) == 66


# --------------------------------------------------------------------------- 2. each sitting of the council


def test_the_minutes_tell_each_sitting_and_agree_with_their_tables(annual):
    text = md(annual, GIAM_DOC, "bien-ban")
    # the council's roles as a biên bản writes them, though the campaign file typed them "chủ tịch", "ủy viên"
    assert "Nguyễn Văn Thiện, Giám đốc Sở, Chủ tịch Hội đồng" in text and ", chủ tịch" not in text
    assert ", Phó Chủ tịch Hội đồng" in text and ", ủy viên" not in text
    assert "67 trường hợp" not in text
    assert "danh sách 66 trường hợp của 06 tập thể và 33 cá nhân đủ tiêu chuẩn" in text
    first = _table_rows(text, "2. Hội đồng thảo luận")
    assert "Kết quả bỏ phiếu lần 1 (ngày 30/12/2025):" in text
    assert len(first) == 66 and sum(row[-1] == "Đạt" for row in first) == 65
    assert not any(row[1] == "Võ Thanh Sơn" and row[4] == "Giấy khen của Giám đốc Sở" for row in first)
    assert ("Kết quả bỏ phiếu lần 1: 65/66 trường hợp đạt tỷ lệ phiếu đồng ý; không đạt: Võ Thanh Sơn (Bằng khen của "
            "Chủ tịch UBND tỉnh, 6/9 phiếu, 66,67%, dưới mức 70%), được xét tiếp Giấy khen của Giám đốc Sở ở lần bỏ phiếu thứ 2.") in text
    assert ("3. Hội đồng bỏ phiếu lần 2 (ngày 30/12/2025) đối với 01 trường hợp đề nghị xét tiếp hình thức khen thưởng thấp "
            "hơn do không đạt tỷ lệ phiếu đồng ý ở lần bỏ phiếu thứ 1. Có mặt 09/09 thành viên Hội đồng. Kết quả:") in text
    second = _table_rows(text, "3. Hội đồng bỏ phiếu lần 2")
    assert second == [["1", "Võ Thanh Sơn", "Phòng Bưu chính, Viễn thông và Chuyển đổi số", "93", "Giấy khen của Giám đốc Sở",
                       "≥ 50%", "9/9", "100", "Đạt"]]
    assert "Kết quả bỏ phiếu lần 2: 01/01 trường hợp đạt tỷ lệ phiếu đồng ý." in text
    # the tờ trình says which vote a row's figure comes from
    assert ("- Ông Võ Thanh Sơn, Trưởng phòng, Phòng Bưu chính, Viễn thông và Chuyển đổi số: 9/9 phiếu đồng ý (100%), "
            "bỏ phiếu lần 2;") in md(annual, GIAM_DOC, "to-trinh")
    # the two sittings together are the 66 awards the conclusion proposes
    assert 65 + 1 == len(ledger_rows(annual))
    # the same in Word
    document = Document(str(annual / "ho-so-de-nghi" / GIAM_DOC / "bien-ban.docx"))
    word = paragraphs(document)
    assert "Kết quả bỏ phiếu lần 2: 01/01 trường hợp đạt tỷ lệ phiếu đồng ý." in word
    votes = [t for t in document.tables if t.rows[0].cells[0].text == "STT"]
    assert [len([r for r in data_rows(t) if r[0].isdigit()]) for t in votes] == [66, 1]


# --------------------------------------------------------------------------- 3. headings kept with their rows


@pytest.mark.parametrize("name", ["danh-sach", "bien-ban", "quyet-dinh"])
def test_group_headings_keep_with_the_next_row_and_column_titles_repeat(annual, name):
    document = Document(str(annual / "ho-so-de-nghi" / GIAM_DOC / f"{name}.docx"))
    tables = [t for t in document.tables if t.rows[0].cells[0].text == "STT"]
    assert tables
    headings = 0
    for table in tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        for row in table.rows[1:]:
            cells = row._tr.findall(qn("w:tc"))
            if len(cells) == 1 and re.match(r"^([IVX]+|[AB]|\d+)\. ", row.cells[0].text):  # a merged heading row
                headings += 1
                assert all(p.paragraph_format.keep_with_next for p in row.cells[0].paragraphs), row.cells[0].text
    assert headings >= 2


# --------------------------------------------------------------------------- 4. the verb follows the kind


def test_a_danh_hieu_is_recognised_and_a_hinh_thuc_given_in_every_document(annual):
    titles = ("Chiến sĩ thi đua", "Lao động tiên tiến", "Tập thể lao động")
    for path in (annual / "ho-so-de-nghi").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        for title in titles:
            assert not re.search(rf"tặng (danh hiệu )?{title}", text), (path.name, title)
    report = md(annual, GIAM_DOC, "bao-cao-nv01-huynh-van-phong")
    assert "**Đề nghị công nhận danh hiệu Chiến sĩ thi đua cơ sở, Lao động tiên tiến và tặng Giấy khen của Giám đốc Sở**" in report
    assert "**Đề nghị công nhận danh hiệu Tập thể lao động tiên tiến**" in md(annual, GIAM_DOC, "bao-cao-ttra-thanh-tra-so")
    bien_ban = md(annual, GIAM_DOC, "bien-ban")
    assert ("- Đề nghị Giám đốc Sở Khoa học và Công nghệ công nhận danh hiệu Chiến sĩ thi đua cơ sở cho 07 cá nhân; công nhận "
            "danh hiệu Tập thể lao động tiên tiến cho 04 tập thể;") in bien_ban
    assert "- Đề nghị Thủ tướng Chính phủ tặng Bằng khen của Thủ tướng Chính phủ cho 01 cá nhân;" in bien_ban


# --------------------------------------------------------------------------- 5. 6. the QĐ's basis, the tờ trình's recipients


def test_nothing_blank_in_the_basis_and_a_to_trinh_goes_to_whom_it_asks(annual):
    quyet_dinh = md(annual, GIAM_DOC, "quyet-dinh")
    assert "Căn cứ Biên bản ngày 30/12/2025 họp Hội đồng Thi đua - Khen thưởng Sở Khoa học và Công nghệ;" in quyet_dinh
    assert "Biên bản số " not in quyet_dinh
    for group in (UBND, "2-thu-tuong-chinh-phu", GIAM_DOC):
        to_trinh = md(annual, group, "to-trinh")
        assert "| ***Nơi nhận:***<br>- Như trên;<br>- Lưu: VT, VP. |" in to_trinh, group
    # the QĐ keeps the list it is sent to
    assert "- Như Điều 3;<br>- Sở Nội vụ (Ban Thi đua - Khen thưởng);" in quyet_dinh


# --------------------------------------------------------------------------- 7. 8. the year's report


def test_the_year_report_lists_the_round_after_the_scoring_cut_off(annual):
    text = (annual / "bao-cao-nam-2025.md").read_text(encoding="utf-8")
    section = text[text.index("## IV. CÔNG TÁC KHEN THƯỞNG"):text.index("## V. ")]
    proposed = _table_rows(section, "| Đợt |")
    # what the tờ trình carried: Võ Thanh Sơn's Bằng khen, voted down by the council, was never sent (it was counted here
    # beside a tờ trình without it; the biên bản keeps it)
    assert len(proposed) == len(ledger_rows(annual))
    assert not any(row[3].startswith("Võ Thanh Sơn") and row[2].startswith("Bằng khen") for row in proposed), proposed
    assert {row[1] for row in proposed} == {"25/12/2025"}
    assert "Chưa có quyết định khen thưởng nào đến ngày 31/12/2025." in section  # signed in January 2026
    assert "Chưa có.\n" not in section


def test_the_tier_column_is_wide_enough_and_keeps_its_last_word(annual):
    from thidua_cli.render.documents import nowrap_tail

    assert nowrap_tail("Hoàn thành tốt nhiệm vụ") == "Hoàn thành tốt nhiệm\u00a0vụ"
    assert nowrap_tail("Hoàn thành xuất sắc") == "Hoàn thành xuất\u00a0sắc" and nowrap_tail("Hoàn thành") == "Hoàn thành"
    document = Document(str(annual / "bao-cao-nam-2025.docx"))
    tiers = [t for t in document.tables if t.rows[0].cells[-1].text == "Xếp loại"]
    assert len(tiers) == 2
    for table in tiers:
        widths = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert widths[-1] >= 45 * 567 // 10, widths  # ≥ 45 mm in twentieths of a point (23 mm before)
        assert sum(widths) <= 165 * 567 // 10 + 5
    assert "Hoàn thành tốt nhiệm\u00a0vụ" in [row.cells[-1].text for table in tiers for row in table.rows]


# --------------------------------------------------------------------------- 9. the second sitting's sheet


def test_the_second_sittings_sheet_is_named_as_such(annual):
    from openpyxl import load_workbook

    sheet = load_workbook(annual / "ho-so-de-nghi" / "phieu-bau-dot-1-phien-2.xlsx").active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert sheet.title == "Phiếu bầu đợt 1 lần 2"
    assert rows[0][0] == ("Tổng hợp kết quả bỏ phiếu (lần 2, ngày ……/……/…………) của Hội đồng Thi đua - Khen thưởng "
                          "— đợt đề nghị số 1")
    assert rows[2][0].startswith("Lần 2: xét tiếp hình thức khen thưởng thấp hơn cho các đề nghị không đạt tỷ lệ phiếu "
                                 "đồng ý ở lần 1 (đã bỏ phiếu lần 1 ngày 30/12/2025). Tổng số thành viên Hội đồng: 9;")
    assert rows[3] == ["Mã", "Họ và tên / Tên tập thể", "Mã hình thức", "Tên hình thức", "Số phiếu đồng ý"]
    assert rows[4][:3] == ["NV20", "Võ Thanh Sơn", "GK-GD"]
    first = load_workbook(annual / "ho-so-de-nghi" / "phieu-bau-dot-1.xlsx").active
    assert first.title == "Phiếu bầu đợt 1" and "lần" not in first.cell(1, 1).value


def test_the_closing_report_counts_people_once(annual):
    from thidua_cli.render.closing_report import closing_context
    from thidua_cli.services.closing_report import build

    closing = build(str(annual / "thidua-demo.db"), "tong-ket", day="2026-03-10")
    summary = closing_context(closing)["awards_summary"]
    # proposed: 06 tập thể and 33 cá nhân, the 66 awards the tờ trình carried (Võ Thanh Sơn's Bằng khen, voted down by the
    # council, was never sent: it was counted as a 67th); granted: the 66
    assert summary.startswith("Đã đề nghị khen thưởng 06 tập thể và 33 cá nhân (66 lượt khen thưởng)")
    assert "đã có quyết định khen thưởng 06 tập thể và 33 cá nhân (66 lượt khen thưởng)" in summary
    assert sum(line.collectives + line.individuals for line in closing.granted) == 66  # the per-award table still counts awards


def test_between_the_two_sittings_the_minutes_say_what_awaits_the_vote(thidua, tmp_path, monkeypatch):
    from test_yearend import VOTES_1, propose, year_end

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("THIDUA_TODAY", "2025-12-20")
    year_end(thidua)
    propose(thidua)
    monkeypatch.setenv("THIDUA_TODAY", "2025-12-22")  # the council meets two days after the dossier
    thidua.ok("record-votes", "1", "--file", str(thidua.write("v1.csv", VOTES_1)), "--date", "2025-12-22")
    text = next((tmp_path / "nam-2025-dot-1").rglob("bien-ban.md")).read_text(encoding="utf-8")
    assert "Kết quả bỏ phiếu lần 1 (ngày 22/12/2025):" in text
    assert re.search(r"Kết quả bỏ phiếu lần 1: \d+/\d+ trường hợp đạt tỷ lệ phiếu đồng ý; không đạt: .*Lê Văn Cường \(Bằng khen"
                     r"[^)]*\), được xét tiếp Giấy khen của Giám đốc Sở ở lần bỏ phiếu thứ 2", text)
    assert ("3. Các trường hợp đề nghị xét tiếp hình thức khen thưởng thấp hơn do không đạt tỷ lệ phiếu đồng ý ở lần bỏ phiếu "
            "thứ 1 (01 trường hợp), chờ Hội đồng bỏ phiếu lần 2:") in text
    pending = _table_rows(text, "3. Các trường hợp đề nghị xét tiếp")
    assert [(row[1], row[4], row[6], row[8]) for row in pending] == [("Lê Văn Cường", "Giấy khen của Giám đốc Sở", "", "")]
    sheet = tmp_path / "nam-2025-dot-1" / "phieu-bau-dot-1-phien-2.xlsx"
    from openpyxl import load_workbook

    rows = [[c.value for c in row] for row in load_workbook(sheet).active.iter_rows()]
    assert "(đã bỏ phiếu lần 1 ngày 22/12/2025)" in rows[2][0]
