"""Vietnamese text, dates and numbers (domain, pure)."""

from datetime import date
from decimal import Decimal

import pytest

from thidua_cli.domain.formats import (
    FormatError, date_line, date_words, document_number, format_money, format_number, parse_date, parse_points, round_money,
)
from thidua_cli.domain.vntext import clean, collation_key, fold_key, match_key, nfc, person_sort_key


def test_collation_follows_cldr_vi():
    words = ["Yến", "Đạt", "Ăn", "Ánh", "An", "Ân", "Dũng", "Ơn", "Ôn", "On", "Ưng", "Ung", "Êm", "Em"]
    assert sorted(words, key=collation_key) == ["An", "Ánh", "Ăn", "Ân", "Dũng", "Đạt", "Em", "Êm", "On", "Ôn", "Ơn", "Ung", "Ưng", "Yến"]
    tones = ["Mạ", "Má", "Mã", "Mả", "Mà", "Ma"]
    assert sorted(tones, key=collation_key) == ["Ma", "Mà", "Mả", "Mã", "Má", "Mạ"]
    # letters decide before tones: "Ánh" < "Ăn" although Á carries a tone
    assert collation_key("Ánh") < collation_key("Ăn")


def test_people_sort_by_given_name_then_middle_then_family():
    people = ["Trần Văn Bình", "Lê Thị An", "Nguyễn Văn An", "Phạm An", "Đỗ Thị Ánh"]
    assert sorted(people, key=person_sort_key) == ["Phạm An", "Lê Thị An", "Nguyễn Văn An", "Đỗ Thị Ánh", "Trần Văn Bình"]


def test_match_and_fold_keys():
    assert match_key("Lê Văn Hoà") == match_key("lê  văn HÒA") == match_key("Lê Văn Hòa ")
    assert match_key("Thuỷ") == match_key("Thủy")
    assert match_key("Hòa") != match_key("Hóa")
    assert fold_key("Nguyễn Văn Đạt") == "nguyen van dat"
    decomposed = "Nguye\u0302\u0303n"
    assert nfc(decomposed) == "Nguyễn" and match_key(decomposed) == match_key("Nguyễn")
    assert clean("  a \t b\n") == "a b"


@pytest.mark.parametrize(
    "day, words",
    [
        (date(2021, 3, 5), "ngày 05 tháng 3 năm 2021"),
        (date(2021, 2, 9), "ngày 09 tháng 02 năm 2021"),
        (date(2021, 1, 15), "ngày 15 tháng 01 năm 2021"),
        (date(2021, 10, 15), "ngày 15 tháng 10 năm 2021"),
        (date(2021, 12, 1), "ngày 01 tháng 12 năm 2021"),
    ],
)
def test_date_words_nd30(day, words):
    assert date_words(day) == words


def test_date_line_and_numbers():
    assert date_line("Trà Vinh", date(2021, 10, 15)) == "Trà Vinh, ngày 15 tháng 10 năm 2021"
    assert document_number(5, "TTr", "STTTT") == "05/TTr-STTTT"
    assert document_number(12, "QĐ", "STTTT") == "12/QĐ-STTTT"
    assert format_money(3510000) == "3.510.000"
    assert format_number(Decimal("1234.5"), 1) == "1.234,5"
    assert format_number(Decimal("-0.5"), 2) == "-0,50"
    assert format_number(Decimal("12.50"), 2, trim=True) == "12,5"


def test_parse_dates():
    assert parse_date("2021-11-05") == date(2021, 11, 5)
    assert parse_date("05/11/2021") == date(2021, 11, 5)
    assert parse_date("5/1/2022") == date(2022, 1, 5)
    for bad in ["31/02/2021", "2021-13-01", "11/2021", "", "hôm nay"]:
        with pytest.raises(FormatError):
            parse_date(bad)


def test_parse_points():
    assert parse_points("8.5") == 850
    assert parse_points("8,5") == 850
    assert parse_points("-2") == -200
    assert parse_points(" +3,25 ") == 325
    assert parse_points(7) == 700
    for bad, why in [("8,555", "quá 2 chữ số thập phân"), ("1.234,5", "có dấu ngăn cách hàng nghìn — viết 1234,5"),
                     ("2.500", "là 2,5 hay 2500"), ("NaN", "không phải số điểm"), ("", "không phải số điểm")]:
        with pytest.raises(FormatError, match=why):
            parse_points(bad)


def test_money_rounding_modes():
    assert round_money(Decimal("702000")) == 710000
    assert round_money(Decimal("702000"), "nearest") == 700000
    assert round_money(Decimal("705000"), "nearest") == 710000
    assert round_money(Decimal("3510000")) == 3510000
    assert round_money(Decimal("447000")) == 450000
