"""Legacy Vietnamese font encodings (TCVN3 / VNI-Windows) -> Unicode."""

from __future__ import annotations

import unicodedata

import pytest

from thidua_cli.domain.legacy import (
    KEPT,
    LEGACY_FONTS,
    MIXED,
    detect_legacy,
    encoding_for_font,
    is_uppercase_font,
    read_in_column,
    tcvn3_to_unicode,
    to_unicode,
    unicode_to_tcvn3,
    unicode_to_vni,
    vni_to_unicode,
)

# Reference tables, written out independently of the module.  Tone order in
# every row: ngang, huyền, hỏi, ngã, sắc, nặng.
UNICODE = {
    "a": "a à ả ã á ạ",
    "ă": "ă ằ ẳ ẵ ắ ặ",
    "â": "â ầ ẩ ẫ ấ ậ",
    "e": "e è ẻ ẽ é ẹ",
    "ê": "ê ề ể ễ ế ệ",
    "i": "i ì ỉ ĩ í ị",
    "o": "o ò ỏ õ ó ọ",
    "ô": "ô ồ ổ ỗ ố ộ",
    "ơ": "ơ ờ ở ỡ ớ ợ",
    "u": "u ù ủ ũ ú ụ",
    "ư": "ư ừ ử ữ ứ ự",
    "y": "y ỳ ỷ ỹ ý ỵ",
}
# TCVN 5712:1993 VN3 byte codes (shown as the cp1252/Latin-1 character).
TCVN3 = {
    "a": "a µ ¶ · ¸ ¹",
    "ă": "¨ » ¼ ½ ¾ Æ",
    "â": "© Ç È É Ê Ë",
    "e": "e Ì Î Ï Ð Ñ",
    "ê": "ª Ò Ó Ô Õ Ö",
    "i": "i × Ø Ü Ý Þ",
    "o": "o ß á â ã ä",
    "ô": "« å æ ç è é",
    "ơ": "¬ ê ë ì í î",
    "u": "u ï ñ ò ó ô",
    "ư": "\u00ad õ ö ÷ ø ù",
    "y": "y ú û ü ý þ",
}
TCVN3_OTHER = {"đ": "®", "Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "Đ": "§"}
VNI_LOWER = {
    "a": "a aø aû aõ aù aï",
    "ă": "aê aè aú aü aé aë",
    "â": "aâ aà aå aã aá aä",
    "e": "e eø eû eõ eù eï",
    "ê": "eâ eà eå eã eá eä",
    "i": "i ì æ ó í ò",
    "o": "o oø oû oõ où oï",
    "ô": "oâ oà oå oã oá oä",
    "ơ": "ô ôø ôû ôõ ôù ôï",
    "u": "u uø uû uõ uù uï",
    "ư": "ö öø öû öõ öù öï",
    "y": "y yø yû yõ yù î",
}
VNI_UPPER = {
    "a": "A AØ AÛ AÕ AÙ AÏ",
    "ă": "AÊ AÈ AÚ AÜ AÉ AË",
    "â": "AÂ AÀ AÅ AÃ AÁ AÄ",
    "e": "E EØ EÛ EÕ EÙ EÏ",
    "ê": "EÂ EÀ EÅ EÃ EÁ EÄ",
    "i": "I Ì Æ Ó Í Ò",
    "o": "O OØ OÛ OÕ OÙ OÏ",
    "ô": "OÂ OÀ OÅ OÃ OÁ OÄ",
    "ơ": "Ô ÔØ ÔÛ ÔÕ ÔÙ ÔÏ",
    "u": "U UØ UÛ UÕ UÙ UÏ",
    "ư": "Ö ÖØ ÖÛ ÖÕ ÖÙ ÖÏ",
    "y": "Y YØ YÛ YÕ YÙ Î",
}

LOWER = [
    (vowel, tone, letter)
    for vowel, row in UNICODE.items()
    for tone, letter in enumerate(row.split())
]
ALL_LOWER = "".join(letter for _, _, letter in LOWER) + "đ"
ALL_UPPER = ALL_LOWER.upper()

FIXED = "Cộng hòa xã hội chủ nghĩa Việt Nam"
FIXED_OLD_STYLE = "Cộng hoà xã hội chủ nghĩa Việt Nam"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
SENTENCES = [
    FIXED,
    MOTTO,
    "Nguyễn Văn An, Trần Thị Bích Ngọc, Lê Hoàng Quỳnh Hương",
    "Khen thưởng tập thể lao động xuất sắc năm 2024: 15 đơn vị.",
    "Ủy ban nhân dân tỉnh Quảng Ngãi; Sở Giáo dục và Đào tạo",
    "Chiến sĩ thi đua cơ sở - Bằng khen của Thủ tướng Chính phủ",
    "người, giữa, khuỷu, quyết, thuở, ngoằn ngoèo, khuya, oái oăm",
]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --- conversion tables -----------------------------------------------------------


def test_reference_tables_cover_every_vowel_and_tone():
    assert len(LOWER) == 72
    assert len(set(ALL_LOWER)) == 73 and len(set(ALL_UPPER)) == 73
    assert all(nfc(letter) == letter and len(letter) == 1 for letter in ALL_LOWER + ALL_UPPER)


@pytest.mark.parametrize(("vowel", "tone", "letter"), LOWER)
def test_tcvn3_every_lowercase_letter(vowel, tone, letter):
    code = TCVN3[vowel].split()[tone]
    assert unicode_to_tcvn3(letter) == code
    assert tcvn3_to_unicode(code) == letter
    assert tcvn3_to_unicode(unicode_to_tcvn3(letter)) == letter


@pytest.mark.parametrize(("vowel", "tone", "letter"), LOWER)
def test_tcvn3_every_uppercase_letter(vowel, tone, letter):
    upper = letter.upper()
    encoded = unicode_to_tcvn3(upper)
    if upper in TCVN3_OTHER:  # Ă Â Ê Ô Ơ Ư have codes of their own
        assert encoded == TCVN3_OTHER[upper]
        assert tcvn3_to_unicode(encoded) == upper
    elif tone == 0:  # A E I O U Y are ASCII
        assert encoded == upper
    else:  # toned capitals only exist through an "H" font
        assert encoded == TCVN3[vowel].split()[tone]
        assert tcvn3_to_unicode(encoded) == letter
    assert tcvn3_to_unicode(encoded, uppercase=True) == upper


@pytest.mark.parametrize(("letter", "code"), sorted(TCVN3_OTHER.items()))
def test_tcvn3_d_and_plain_capitals(letter, code):
    assert unicode_to_tcvn3(letter) == code
    assert tcvn3_to_unicode(code) == letter


def test_tcvn3_whole_alphabet_round_trips():
    assert tcvn3_to_unicode(unicode_to_tcvn3(ALL_LOWER)) == ALL_LOWER
    assert tcvn3_to_unicode(unicode_to_tcvn3(ALL_UPPER), uppercase=True) == ALL_UPPER
    assert tcvn3_to_unicode(unicode_to_tcvn3(ALL_UPPER.lower()), uppercase=True) == ALL_UPPER


@pytest.mark.parametrize(("vowel", "tone", "letter"), LOWER)
def test_vni_every_letter_both_cases(vowel, tone, letter):
    lower, upper = VNI_LOWER[vowel].split()[tone], VNI_UPPER[vowel].split()[tone]
    assert unicode_to_vni(letter) == lower
    assert unicode_to_vni(letter.upper()) == upper
    assert vni_to_unicode(lower) == letter
    assert vni_to_unicode(upper) == letter.upper()


def test_vni_d_and_whole_alphabet_round_trips():
    assert unicode_to_vni("đĐ") == "ñÑ"
    assert vni_to_unicode("ñÑ") == "đĐ"
    for text in (ALL_LOWER, ALL_UPPER, " ".join(ALL_LOWER), " ".join(ALL_UPPER)):
        assert vni_to_unicode(unicode_to_vni(text)) == text


@pytest.mark.parametrize("text", SENTENCES)
def test_sentences_round_trip(text):
    assert vni_to_unicode(unicode_to_vni(text)) == text
    assert tcvn3_to_unicode(unicode_to_tcvn3(text.lower())) == text.lower()
    assert tcvn3_to_unicode(unicode_to_tcvn3(text), uppercase=True) == text.upper()


def test_encoders_accept_nfd():
    decomposed = unicodedata.normalize("NFD", FIXED)
    assert unicode_to_vni(decomposed) == unicode_to_vni(FIXED)
    assert unicode_to_tcvn3(decomposed) == unicode_to_tcvn3(FIXED)


def test_known_tcvn3_strings():
    assert tcvn3_to_unicode("Céng hßa x· héi chñ nghÜa ViÖt Nam") == FIXED
    assert tcvn3_to_unicode("Céng hoµ x· héi chñ nghÜa ViÖt Nam") == FIXED_OLD_STYLE
    assert tcvn3_to_unicode("§éc lËp - Tù do - H¹nh phóc") == MOTTO
    assert tcvn3_to_unicode("NguyÔn V¨n An") == "Nguyễn Văn An"
    assert unicode_to_tcvn3(FIXED) == "Céng hßa x· héi chñ nghÜa ViÖt Nam"


def test_known_vni_strings():
    assert vni_to_unicode("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam") == FIXED
    assert vni_to_unicode("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM") == FIXED.upper()
    assert vni_to_unicode("Ñoäc laäp - Töï do - Haïnh phuùc") == MOTTO
    assert vni_to_unicode("Nguyeãn Vaên An") == "Nguyễn Văn An"
    assert vni_to_unicode("Tröôøng Ñaïi hoïc ñòa chæ") == "Trường Đại học địa chỉ"
    assert unicode_to_vni(FIXED) == "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"


def test_vni_marks_only_attach_where_they_can():
    # a mark after a consonant, or a breve after e, stays what it is
    assert vni_to_unicode("Café Renée") == "Café Renée"
    # case follows the base letter
    assert vni_to_unicode("Aá aÁ") == "Ấ ấ"


def test_results_are_nfc():
    for text in ("ViÖt", "Vieät", "VIEÄT"):
        for result in (tcvn3_to_unicode(text), tcvn3_to_unicode(text, True), vni_to_unicode(text)):
            assert result == nfc(result)


def test_untouched_characters():
    assert tcvn3_to_unicode("ABC xyz 123 %&") == "ABC xyz 123 %&"
    assert vni_to_unicode("ABC xyz 123 %&") == "ABC xyz 123 %&"
    assert tcvn3_to_unicode("") == vni_to_unicode("") == ""
    # codes that are not TCVN3 (only in the larger VN1/VN2 sets) are kept
    assert tcvn3_to_unicode("ÀÁÂÃÄÅ°") == "ÀÁÂÃÄÅ°"


# --- fonts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("font", "encoding", "upper"),
    [
        (".VnTime", "tcvn3", False),
        (".VnTimeH", "tcvn3", True),
        (".VnArial", "tcvn3", False),
        (".VnArialH", "tcvn3", True),
        (".VnArial NarrowH", "tcvn3", True),
        (".VnCentury Schoolbook", "tcvn3", False),
        ("  .vntimeh ", "tcvn3", True),
        ("VNI-Times", "vni", False),
        ("VNI-Helve", "vni", False),
        ("vni-times", "vni", False),
        ("Times New Roman", None, False),
        ("Arial", None, False),
        ("Calibri", None, False),
        ("", None, False),
        (None, None, False),
    ],
)
def test_fonts(font, encoding, upper):
    assert encoding_for_font(font) == encoding
    assert is_uppercase_font(font) is upper


def test_legacy_fonts_table():
    assert LEGACY_FONTS[".vn"] == "tcvn3"
    assert LEGACY_FONTS["vni-"] == "vni"


def test_uppercase_font():
    typed = "céng hoµ x· héi chñ nghÜa viÖt nam"
    assert tcvn3_to_unicode(typed) == FIXED_OLD_STYLE.lower()
    assert tcvn3_to_unicode(typed, uppercase=True) == FIXED_OLD_STYLE.upper()
    assert to_unicode(typed, ".VnTimeH") == (FIXED_OLD_STYLE.upper(), "tcvn3")
    assert to_unicode(typed, ".VnTime") == (FIXED_OLD_STYLE.lower(), "tcvn3")
    # the whole cell is drawn in capitals, even plain ASCII letters
    assert to_unicode("danh s¸ch khen th­ëng", ".VnTimeH") == ("DANH SÁCH KHEN THƯỞNG", "tcvn3")
    assert to_unicode("BAN THI ®UA", ".VnTimeH") == ("BAN THI ĐUA", "tcvn3")


# --- detection ---------------------------------------------------------------------

TCVN3_SAMPLES = [
    "NguyÔn V¨n An",
    "TrÇn ThÞ BÝch Ngäc",
    "Céng hoµ x· héi chñ nghÜa ViÖt Nam",
    "§éc lËp - Tù do - H¹nh phóc",
    "Tæng hîp danh s¸ch ®Ò nghÞ khen th­ëng n¨m 2024",
    "ViÖt",
]
VNI_SAMPLES = [
    "Nguyeãn Vaên An",
    "Traàn Thò Bích Ngoïc",
    "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam",
    "Ñoäc laäp - Töï do - Haïnh phuùc",
    "Toång hôïp danh saùch ñeà nghò khen thöôûng naêm 2024",
    "Nguyeãn",
]
NOT_LEGACY = [
    "",
    "Nguyen Van An",
    "Hello, world! 50% off",
    "50%",
    "Café",
    "naïve",
    "Müller",
    "Ñandú",
    "Crème brûlée à la française",
    "Le café est très bon à Paris, où il fait chaud.",
    "Garçon, l'addition s'il vous plaît; merci beaucoup.",
    "Über den Wolken muß die Freiheit wohl grenzenlos sein.",
    "Señor Muñoz, ¿dónde está el baño? Aún no lo sé.",
    "Nå kan du gå videre til leksjon 2, på norsk.",
    "São Paulo, coração, ações",
    "10 µm, © 2024, 1½ kg, 5 × 3",
    "Loïc et Anaïs à Noël",
    # Unicode Vietnamese, including words that only use Latin-1 letters
    "Lê Thái Tô",
    "Hoà Bình, Thái Bình",
    "Tô Hoài",
]


@pytest.mark.parametrize("text", TCVN3_SAMPLES)
def test_detect_tcvn3(text):
    assert detect_legacy(text) == "tcvn3"


@pytest.mark.parametrize("text", VNI_SAMPLES)
def test_detect_vni(text):
    assert detect_legacy(text) == "vni"


@pytest.mark.parametrize("text", NOT_LEGACY)
def test_no_false_positive(text):
    assert detect_legacy(text) is None
    assert detect_legacy(text.upper()) is None


@pytest.mark.parametrize("text", SENTENCES + [FIXED.upper(), MOTTO.upper()])
def test_unicode_vietnamese_is_not_legacy(text):
    assert detect_legacy(text) is None
    assert detect_legacy(unicodedata.normalize("NFD", text)) is None
    assert detect_legacy(unicodedata.normalize("NFKD", text)) is None


@pytest.mark.parametrize("text", SENTENCES)
def test_detect_encoded_sentences(text):
    assert detect_legacy(unicode_to_tcvn3(text)) == "tcvn3"
    assert detect_legacy(unicode_to_vni(text)) == "vni"
    assert detect_legacy(unicode_to_vni(text.upper())) == "vni"


# --- to_unicode ----------------------------------------------------------------------


def test_to_unicode_detects_without_font():
    assert to_unicode("NguyÔn V¨n An") == ("Nguyễn Văn An", "tcvn3")
    assert to_unicode("Nguyeãn Vaên An", "Times New Roman") == ("Nguyễn Văn An", "vni")
    assert to_unicode("Café") == ("Café", None)
    assert to_unicode("Nguyễn Văn An") == ("Nguyễn Văn An", None)
    assert to_unicode("") == ("", None)


def test_to_unicode_font_name_comes_first():
    # too little to detect, but the font says so
    assert detect_legacy("Hµ") is None
    assert to_unicode("Hµ", ".VnTime") == ("Hà", "tcvn3")
    assert to_unicode("N÷", ".VnTime") == ("Nữ", "tcvn3")
    assert to_unicode("Thò", "VNI-Times") == ("Thị", "vni")
    # the font wins over what the characters look like
    assert to_unicode("NguyÔn", "VNI-Times") == ("NguyƠn", "vni")
    assert to_unicode("Vieät", ".VnTime") == (tcvn3_to_unicode("Vieät"), "tcvn3")


def test_to_unicode_keeps_unicode_typed_in_a_legacy_font():
    for font in (".VnTime", ".VnTimeH", "VNI-Times"):
        for text in ("Nguyễn Văn An", unicodedata.normalize("NFD", "Nguyễn Văn An"), "Thái Bình"):
            assert to_unicode(text, font) == (text, None)
    assert to_unicode("Nguyen Van An", ".VnTime") == ("Nguyen Van An", None)
    assert to_unicode("Nguyen Van An", "VNI-Times") == ("Nguyen Van An", None)


@pytest.mark.parametrize(("cell", "column", "expected"), [
    (unicode_to_vni("Hỗ trợ người dân"), "tcvn3", ("Hỗ trợ người dân", "vni")),  # pasted from a VNI file
    (unicode_to_tcvn3("Trần Thị Bình"), "vni", ("Trần Thị Bình", "tcvn3")),
    ("Hµ", "vni", ("Hà", "tcvn3")),  # no VNI code at all: one short TCVN3 word
    (unicode_to_tcvn3("nghành giáo dục"), "tcvn3", ("nghành giáo dục", "tcvn3")),  # a misspelt word is no reason to refuse
    (unicode_to_tcvn3("Hà Nội"), "tcvn3", ("Hà Nội", "tcvn3")),
    ("Tô", "tcvn3", ("Tụ", "tcvn3")),  # ambiguous: the column decides, as before
    ("José Müller", "tcvn3", ("José Müller", KEPT)),
    (unicode_to_tcvn3("Việt") + " " + unicode_to_vni("Nguyễn Hoà"), "tcvn3", ("ViÖt Nguyeãn Hoaø", MIXED)),
    ("Nguyễn Văn An", "vni", ("Nguyễn Văn An", None)),
])
def test_a_cell_of_a_legacy_column_is_decided_on_its_own_words(cell, column, expected):
    assert read_in_column(cell, column) == expected


def test_a_word_typed_in_capitals_keeps_them_on_its_toned_vowels():
    """TCVN3 has no toned capitals: "NGƯỜI LẬP BIỂU" typed in .VnTime came back "NGƯờI LậP BIểU" (and was stored so)."""
    for text in ("NGƯỜI LẬP BIỂU", "GIÁM ĐỐC", "HỒ CHÍ MINH", "Quảng Trị, ngày 05 tháng 01", "KT. GIÁM ĐỐC"):
        assert tcvn3_to_unicode(unicode_to_tcvn3(text)) == text
    assert tcvn3_to_unicode(unicode_to_tcvn3("Mã")) == "Mã"
