"""`campaign init`: a commented campaign file from a few answers, under the rule set in force (NĐ 152/2025).

The file is written for a person to finish (criteria and quotas are the
office's own), but it loads as it is: every award, multiplier and base salary
is the current one (DOMAIN.md §1 and §4), and a test loads what this writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from thidua_cli.domain.formats import date_words
from thidua_cli.domain.models import campaign_phrase
from thidua_cli.domain.vntext import clean, fold_key

RULE_SET = "nd152-2025"
BASE_SALARY = 2340000  # NĐ 73/2024/NĐ-CP Điều 3 k2, from 01/7/2024
BASE_SALARY_FROM = date(2024, 7, 1)
KINDS = ("thuong-xuyen", "chuyen-de")


@dataclass(frozen=True)
class InitAnswers:
    kind: str  # thuong-xuyen | chuyen-de
    name: str
    code: str
    agency: str
    agency_short: str
    parent_agency: str
    place: str
    plan: str
    start: date
    end: date
    council_members: int


def code_from_name(name: str, year: int) -> str:
    """"Thi đua thường xuyên năm 2026" → "thi-dua-thuong-xuyen-nam-2026" (the `[a-z0-9-]+` a campaign code needs)."""
    words = re.sub(r"[^a-z0-9]+", "-", fold_key(name)).strip("-")
    words = "-".join(words.split("-")[:6]) or "phong-trao"
    return words if str(year) in words else f"{words}-{year}"


def short_name(agency: str) -> str:
    """"Sở Nội vụ" → "SNV", "Sở Khoa học và Công nghệ" → "SKHCN": the initials offices put in document numbers."""
    letters = [word[0] for word in clean(agency).split(" ") if word and word[0].isalpha() and word.casefold() != "và"]
    return "".join(letters).upper() or "VP"


def _text(value: str) -> str:
    return '"' + clean(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def campaign_toml(answers: InitAnswers) -> str:
    """The campaign file: header comment, [campaign], base salaries, criteria, tiers, awards of the kind chosen."""
    a = answers
    regular = a.kind == "thuong-xuyen"
    kind_words = "thường xuyên (xét cuối năm)" if regular else "theo chuyên đề (có thời hạn)"
    parts = [
        _HEADER.format(kind_words=kind_words),
        "[campaign]",
        "# Mã phong trào: chữ thường không dấu, chữ số, dấu gạch ngang.",
        f"code = {_text(a.code)}",
        f"name = {_text(a.name)}",
        '# "thuong-xuyen" (thường xuyên) hoặc "chuyen-de" (theo chuyên đề, theo đợt, đặc biệt).',
        f"kind = {_text(a.kind)}",
        "# Số, ký hiệu Kế hoạch phát động; ngày ban hành; ngày bắt đầu và kết thúc tính điểm.",
        f"plan = {_text(a.plan)}",
        f"issued = {a.start.isoformat()}",
        f"start = {a.start.isoformat()}",
        f"end = {a.end.isoformat()}",
        "# Cơ quan phát động, tên viết tắt (trong số văn bản), cơ quan chủ quản, địa danh ở dòng ngày tháng.",
        f"agency = {_text(a.agency)}",
        f"agency_short = {_text(a.agency_short)}",
        f"parent_agency = {_text(a.parent_agency)}",
        f"place = {_text(a.place)}",
        f"# Mức lương cơ sở (đồng/tháng): {f'{BASE_SALARY:,}'.replace(',', '.')} đồng theo Nghị định số 73/2024/NĐ-CP, từ 01/7/2024.",
        f"base_salary = {BASE_SALARY}",
        "# Bộ quy định: Nghị định số 152/2025/NĐ-CP (hệ số tiền thưởng Điều 50, 51, 54).",
        f"rules = {_text(RULE_SET)}",
        '# Tiền thưởng làm tròn lên hàng chục nghìn đồng ("up") hoặc làm tròn gần nhất ("nearest").',
        'rounding = "up"',
        "# Tổng số thành viên Hội đồng Thi đua - Khen thưởng (tỷ lệ phiếu tính trên tổng số này).",
        f"council_members = {a.council_members}",
        "# Bộ phận thường trực Hội đồng và chức danh người ký văn bản; bỏ dấu # ở các dòng dưới khi có tên.",
        f"office = {_text('Văn phòng ' + a.agency)}",
        'signer_title = "GIÁM ĐỐC"',
        '# signer_name = "Họ và tên người ký"',
        '# council_chair = "Họ và tên Chủ tịch Hội đồng"',
        '# council_secretary = "Họ và tên Thư ký Hội đồng"',
        '# recipients = ["Ban Giám đốc", "Các phòng, đơn vị trực thuộc"]',
        '# Người không đủ phiếu được xét hình thức thấp hơn kế tiếp ("next-lower") hay không ("none").',
        'on_vote_failure = "next-lower"',
        "legal_basis = [",
        "  # quyết định của Giám đốc Sở căn cứ trước hết văn bản quy định chức năng, nhiệm vụ của Sở (thiếu thì dự thảo",
        "  # quyết định để dòng chấm chấm), ví dụ:",
        '  # "Quyết định số 12/2025/QĐ-UBND ngày 01 tháng 3 năm 2025 của Ủy ban nhân dân tỉnh … quy định chức năng, '
        'nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở …",',
        '  "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022",',
        '  "Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền trong lĩnh '
        'vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng",',
        # a căn cứ cites the plan's number, date, issuer and trích yếu (NĐ 30/2020), as the reports' "Thực hiện Kế hoạch"
        f"  {_text(f'Kế hoạch số {a.plan} {date_words(a.start)} của {a.agency} về việc phát động {campaign_phrase(a.name)}')},",
        "]",
        "",
        "# Lương cơ sở theo thời điểm: tiền thưởng tính theo mức áp dụng vào ngày ký quyết định (NĐ 152 Điều 49).",
        "# Khi Nhà nước điều chỉnh, thêm một khối [[base_salaries]] với ngày áp dụng và số tiền mới.",
        "[[base_salaries]]",
        f"from = {BASE_SALARY_FROM.isoformat()}",
        f"amount = {BASE_SALARY}",
        "",
        _CRITERIA,
        _TIERS,
        _awards(_REGULAR if regular else _THEMED, a.agency, a.parent_agency),
    ]
    return "\n".join(parts).rstrip("\n") + "\n"


_HEADER = """\
# =============================================================================
# PHONG TRÀO THI ĐUA {kind_words}
# Tệp do `thidua campaign init` tạo theo Nghị định số 152/2025/NĐ-CP.
# Sửa tên tiêu chí, điểm, tỷ lệ cho đúng Kế hoạch, rồi chạy:
#     thidua campaign load TỆP.toml
# Quy ước: dòng bắt đầu bằng # là ghi chú; chữ trong ngoặc kép "…"; ngày viết
# năm-tháng-ngày (2026-01-15); số thập phân dùng dấu chấm (0.3); tiền viết liền
# (2340000). Khoá gõ sai, giá trị sai kiểu đều bị từ chối kèm cách sửa.
# =============================================================================
"""

_CRITERIA = """\
# =============================================================================
# TIÊU CHÍ — mỗi tiêu chí một khối [[criteria]]: code, name, applies_to
# ("individual" cá nhân, "collective" tập thể, "both" cả hai), max_points (trần),
# min_points (sàn), weight (hệ số), initiative (sáng kiến), penalty (vi phạm).
# =============================================================================
[[criteria]]
code = "TC1"
name = "Hoàn thành nhiệm vụ chuyên môn được giao"
applies_to = "both"
max_points = 50
min_points = 0

[[criteria]]
code = "TC2"
name = "Thực hiện các nội dung trọng tâm của phong trào"
applies_to = "both"
max_points = 40
min_points = 0

[[criteria]]
code = "SK"
name = "Sáng kiến, giải pháp được công nhận, áp dụng"
applies_to = "both"
max_points = 10
min_points = 0
initiative = true

[[criteria]]
code = "VPH"
name = "Vi phạm quy định, kỷ luật"
applies_to = "both"
max_points = 0
min_points = -20
penalty = true
"""

_TIERS = """\
# =============================================================================
# XẾP LOẠI theo tổng điểm — mỗi mức một khối [[tiers]].
# =============================================================================
[[tiers]]
name = "Hoàn thành xuất sắc"
min_score = 90

[[tiers]]
name = "Hoàn thành tốt"
min_score = 75

[[tiers]]
name = "Hoàn thành"
min_score = 50
"""

_AWARD_KEYS = """\
# =============================================================================
# DANH HIỆU THI ĐUA VÀ HÌNH THỨC KHEN THƯỞNG — mỗi loại một khối [[awards]].
#   category  : "danh-hieu" (danh hiệu thi đua) hoặc "hinh-thuc" (hình thức khen
#               thưởng); mỗi đối tượng nhận nhiều nhất một của mỗi loại trong đợt
#   level     : thứ bậc trong cùng loại, số lớn hơn là cao hơn (xét trước)
#   min_score, quota_percent, max_count : điểm tối thiểu, tỷ lệ %, số lượng tối đa
#   requires  : mã phải có sẵn trong lịch sử khen thưởng, hoặc bảng
#               { award = "…", years = 3 } (mỗi năm trong 3 năm trước năm xét;
#               this_year = true tính thêm chính năm xét: years = 2, this_year =
#               true là 3 năm liền, năm xét và 2 năm trước),
#               { rating = "Hoàn thành tốt nhiệm vụ", this_year = true } (xếp
#               loại năm xét trở lên, thidua ratings import),
#               { initiative = true } (có sáng kiến trong kỳ),
#               { members = "LDTT", more_than_percent = 50 } (tỷ lệ cá nhân của
#               tập thể đạt danh hiệu; hoặc percent = 70, at_least = 1),
#               { members_rating = "Hoàn thành nhiệm vụ", percent = 100 },
#               { members_no_discipline = "Cảnh cáo" } (không cá nhân nào của
#               tập thể bị kỷ luật từ mức đó trở lên trong năm xét),
#               { no_discipline = "Khiển trách" } (chính đối tượng; thidua
#               discipline add)
#   with      : tặng kèm cùng đợt (CSTĐCS kèm LĐTT)
#   multiplier, collective_multiplier : hệ số × mức lương cơ sở (NĐ 152 Điều 50,
#               51, 54); tập thể mặc định gấp đôi cá nhân
#   vote_threshold : tỷ lệ phiếu đồng ý tối thiểu (%) trên tổng số thành viên
#               Hội đồng; không đặt thì cần quá nửa
# =============================================================================
"""

_DECIDES = {"agency": "Giám đốc {agency}", "province": "Chủ tịch UBND tỉnh"}
_PENALTY_NOTE = ("# Điểm trừ trong kỳ không tự loại khỏi danh hiệu, hình thức này: Luật chỉ loại người đang bị xem xét kỷ luật\n"
                 "# (thidua subject block). Đặt true nếu quy chế thi đua của cơ quan không xét người có điểm trừ.")
# why each rule of the law is there (Luật Thi đua, khen thưởng 2022)
_NOTES = {
    "LDTT": {"requires": "# Điều 24: hoàn thành tốt nhiệm vụ trở lên — xếp loại của năm xét (thidua ratings import)."},
    "CSTDCS": {"requires": "# Điều 23: đạt Lao động tiên tiến (with) và có sáng kiến được công nhận — có điểm ở tiêu chí initiative."},
    "TTLDTT": {"requires": "# Điều 28: tập thể hoàn thành tốt nhiệm vụ (xếp loại của chính tập thể năm xét); trên 50% cá nhân\n"
                           "# trong tập thể (cá nhân có đơn vị là tập thể này) đạt Lao động tiên tiến."},
    "TTLDXS": {"requires": "# Điều 27: tập thể hoàn thành xuất sắc nhiệm vụ (xếp loại của chính tập thể năm xét); 100% cá nhân\n"
                           "# hoàn thành nhiệm vụ (xếp loại năm xét), từ 70% đạt Lao động tiên tiến, có cá nhân đạt Chiến sĩ\n"
                           "# thi đua cơ sở."},
}
_VOTE_NOTE = "# Theo quy chế của Hội đồng (NĐ 98/2023 Điều 30 k7, nay hết hiệu lực, quy định 80%)."

# (code, name, category, level, applies_to, min_score, extra keys, who decides); NĐ 152/2025 Điều 50, 51, 54.
_REGULAR = (
    ("LDTT", "Lao động tiên tiến", "danh-hieu", 1, "individual", 75,
     {"requires_no_penalty": "false", "requires": '[{ rating = "Hoàn thành tốt nhiệm vụ", this_year = true }]',
      "multiplier": "0.3"}, "agency"),
    ("CSTDCS", "Chiến sĩ thi đua cơ sở", "danh-hieu", 2, "individual", 90,
     {"quota_percent": "15", "with": '["LDTT"]', "requires": "[{ initiative = true }]", "multiplier": "1.0",
      "vote_threshold": "80"}, "agency"),
    ("TTLDTT", "Tập thể lao động tiên tiến", "danh-hieu", 1, "collective", 75,
     {"requires": '[\n  { rating = "Hoàn thành tốt nhiệm vụ", this_year = true },\n  { members = "LDTT", more_than_percent = 50 },\n'
                  '  { members_no_discipline = "Cảnh cáo" },\n]',
      "multiplier": "0.8", "collective_multiplier": "0.8"},
     "agency"),
    ("TTLDXS", "Tập thể lao động xuất sắc", "danh-hieu", 2, "collective", 90,
     {"requires": '[\n  { rating = "Hoàn thành xuất sắc nhiệm vụ", this_year = true },\n'
                  '  { members_rating = "Hoàn thành nhiệm vụ", percent = 100 },\n  { members = "LDTT", percent = 70 },\n'
                  '  { members = "CSTDCS", at_least = 1 },\n  { members_no_discipline = "Cảnh cáo" },\n]',
      "multiplier": "1.5", "collective_multiplier": "1.5"}, "province"),
    ("GK", "Giấy khen của Giám đốc {agency}", "hinh-thuc", 1, "both", 85,
     {"quota_percent": "30", "requires_no_penalty": "false", "multiplier": "0.3", "collective_multiplier": "0.6"}, "agency"),
    ("BK-UBND", "Bằng khen của Chủ tịch UBND tỉnh", "hinh-thuc", 2, "both", 95,
     {"quota_percent": "10", "multiplier": "1.5", "collective_multiplier": "3.0"}, "province"),
)
_THEMED = (
    ("GK", "Giấy khen của Giám đốc {agency}", "hinh-thuc", 1, "both", 80,
     {"quota_percent": "30", "requires_no_penalty": "false", "multiplier": "0.3", "collective_multiplier": "0.6"}, "agency"),
    ("BK-UBND", "Bằng khen của Chủ tịch UBND tỉnh", "hinh-thuc", 2, "both", 90,
     {"quota_percent": "15", "max_count": "5", "multiplier": "1.5", "collective_multiplier": "3.0", "vote_threshold": "70"},
     "province"),
)


def _province_head(parent_agency: str) -> str:
    """Who decides at the province's level, named as the tờ trình, the danh sách and the Bằng khen name them: "Chủ tịch
    UBND tỉnh Vĩnh Long" for a department under "UBND tỉnh Vĩnh Long" (or "Ủy ban nhân dân thành phố Cần Thơ")."""
    found = re.fullmatch(r"\s*(?:UBND|[ỦU][yỷ] ban nhân dân)\s+(tỉnh|thành phố)\s+(.+?)\s*", parent_agency or "", re.IGNORECASE)
    return f"Chủ tịch UBND {found.group(1).lower()} {found.group(2)}" if found else _DECIDES["province"]


def _awards(rows, agency: str, parent_agency: str = "") -> str:
    blocks = []
    for code, name, category, level, applies_to, min_score, extra, decides in rows:
        keys = {"requires_no_penalty": "true", **extra}
        lines = ["[[awards]]", f'code = "{code}"', f"name = {_text(name.format(agency=agency))}", f'category = "{category}"',
                 f"level = {level}", f'applies_to = "{applies_to}"', f"min_score = {min_score}"]
        for key, value in keys.items():
            if key == "vote_threshold" and code == "CSTDCS":
                lines.append(_VOTE_NOTE)
            if key in _NOTES.get(code, {}):
                lines.append(_NOTES[code][key])
            elif key == "requires_no_penalty" and value == "false":
                lines.append(_PENALTY_NOTE)
            lines.append(f"{key} = {value}")
        deciding = _province_head(parent_agency) if decides == "province" else _DECIDES[decides].format(agency=agency)
        lines += [f"authority = {_text(deciding)}",
                  f"agency_decides = {'true' if decides == 'agency' else 'false'}", ""]
        blocks.append("\n".join(lines))
    return _AWARD_KEYS + "\n".join(blocks)
