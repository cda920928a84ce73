"""Rendering details: a table on a terminal too narrow for it: no column is cut away and no value shortened (the terminal then
wraps the lines), a heading broken between its words; the titles of documents naming several awards."""

from __future__ import annotations

from thidua_cli.render.tabular import Column, Table, to_rich


def test_a_table_wider_than_the_terminal_keeps_every_column_and_value():
    columns = [Column("round", "Đợt", "number"), Column("status", "Trạng thái", no_wrap=True),
               Column("ties", "Đồng hạng", "number"), Column("passed", "Đạt phiếu", "number"),
               Column("decisions", "Quyết định", no_wrap=True), Column("pending", "Chờ quyết định của")]
    rows = [{"round": 1, "status": "đã quyết định", "ties": 0, "passed": 66,
             "decisions": "35/QĐ-SKHCN\n1234/QĐ-UBND\n856/QĐ-TTg", "pending": "Thủ tướng Chính phủ"}]
    for width in (40, 60, 200):
        text = to_rich(Table(columns, rows), width=width)
        for value in ("đã quyết định", "35/QĐ-SKHCN", "1234/QĐ-UBND", "856/QĐ-TTg", "66"):
            assert value in text, (width, text)
        words = text.split()
        for word in ("Đợt", "Trạng", "thái", "Đồng", "hạng", "Đạt", "phiếu", "Quyết", "định", "Chờ", "quyết", "của",
                     "Thủ", "tướng", "Chính", "phủ"):
            assert word in words, (width, word, text)


def test_a_number_or_a_date_is_never_folded_over_two_lines():
    # `thidua awards` on a 120-column terminal printed "1.410.00" above "0" and "25/12/2" above "025"
    from thidua_cli.render.proposals import history_table

    row = {"subject": "VP", "subject_name": "Văn phòng Sở", "year": 2025, "title": None, "form": "Giấy khen của Giám đốc Sở Tư pháp",
           "award": "GK", "award_kind": "chuyen-de", "number": "215/QĐ-STP", "date": "2025-12-25", "issuer": "Giám đốc Sở Tư pháp",
           "source": "decision", "round": 1, "amount": 1410000, "category": "hinh-thuc", "name": "Giấy khen", "campaign": "cds-2025"}
    import datetime

    row["date"] = datetime.date(2025, 12, 25)
    text = to_rich(Table(history_table([]).columns, [row]), width=120)
    for value in ("1.410.000", "25/12/2025"):
        assert value in text, text


def test_a_title_naming_several_danh_hieu_and_a_hinh_thuc_says_va_once_per_run():
    from thidua_cli.render.dossier import granting_phrase

    blocks = [{"category": "danh-hieu", "name": "Chiến sĩ thi đua cơ sở"}, {"category": "danh-hieu", "name": "Lao động tiên tiến"},
              {"category": "hinh-thuc", "name": "Giấy khen của Giám đốc Sở"}]
    assert granting_phrase(blocks) == ("công nhận danh hiệu Chiến sĩ thi đua cơ sở, Lao động tiên tiến "
                                       "và tặng Giấy khen của Giám đốc Sở")
    assert granting_phrase(blocks[:2]) == "công nhận danh hiệu Chiến sĩ thi đua cơ sở và Lao động tiên tiến"
