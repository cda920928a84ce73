"""Build the data files of the annual example (examples/thuong-xuyen-2025-skhcn) from the cast below.

    python tools/make_annual_example.py [FOLDER]

Every person's 2025 total, ratings 2020–2025 and award history are written here in one
place, so the situations the example must show stay visible and consistent (README.md of the
example lists them). The entries are split into dated rows with a fixed seed: running the
script again gives the same files. All names, decisions and achievements are fictional.
"""

from __future__ import annotations

import csv
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent / "examples" / "thuong-xuyen-2025-skhcn"

HTXS = "Hoàn thành xuất sắc nhiệm vụ"
HTT = "Hoàn thành tốt nhiệm vụ"
HT = "Hoàn thành nhiệm vụ"

SKHCN = "Giám đốc Sở Khoa học và Công nghệ tỉnh Vĩnh Long"
STTTT = "Giám đốc Sở Thông tin và Truyền thông tỉnh Trà Vinh"
UB_VL = "Chủ tịch UBND tỉnh Vĩnh Long"
UB_TV = "Chủ tịch UBND tỉnh Trà Vinh"

# award code -> name as the decisions write it (the import matches the name with the campaign's awards)
NAMES = {
    "LDTT": "Lao động tiên tiến",
    "CSTDCS": "Chiến sĩ thi đua cơ sở",
    "TTLDTT": "Tập thể lao động tiên tiến",
    "TTLDXS": "Tập thể lao động xuất sắc",
    "GK-GD": "Giấy khen của Giám đốc Sở",
    "BK-UBND": "Bằng khen của Chủ tịch UBND tỉnh",
}
DANH_HIEU = {"LDTT", "CSTDCS", "TTLDTT", "TTLDXS"}
# decision register per issuer and year: (number, date) of the year-end decision, for the year before
SO_DECISIONS = {  # công nhận danh hiệu / giấy khen năm N, ký đầu năm N+1 (TT&TT Trà Vinh until 2024)
    2020: ("12/QĐ-STTTT", date(2021, 1, 15)),
    2021: ("09/QĐ-STTTT", date(2022, 1, 12)),
    2022: ("11/QĐ-STTTT", date(2023, 1, 13)),
    2023: ("07/QĐ-STTTT", date(2024, 1, 10)),
    2024: ("05/QĐ-STTTT", date(2025, 1, 9)),
}
VL_SO_DECISIONS = {  # the Sở KH&CN Vĩnh Long, for staff who were there before the merger
    2021: ("14/QĐ-SKHCN", date(2022, 1, 14)),
    2022: ("10/QĐ-SKHCN", date(2023, 1, 11)),
    2023: ("08/QĐ-SKHCN", date(2024, 1, 12)),
    2024: ("06/QĐ-SKHCN", date(2025, 1, 10)),
}
COVID_GK = ("35/QĐ-STTTT", date(2022, 6, 20))  # Giấy khen of the 2021–2022 Covid-19 campaign (chuyên đề)
COVID_BK = ("1268/QĐ-UBND", date(2022, 7, 8))  # Bằng khen UBND tỉnh Trà Vinh, same campaign (chuyên đề)
# Bằng khen UBND tỉnh Vĩnh Long of the chuyên đề campaign "Vì người nghèo – Không để ai bị bỏ lại phía sau"
POOR_BK = ("1890/QĐ-UBND", date(2019, 10, 15))
CHUYEN_DE = {  # (award, origin) -> (number, date, issuer)
    ("GK-GD", "TV"): (*COVID_GK, STTTT),
    ("BK-UBND", "TV"): (*COVID_BK, UB_TV),
    ("BK-UBND", "VL"): (*POOR_BK, UB_VL),
}


@dataclass
class Person:
    code: str
    name: str
    unit: str
    position: str
    gender: str
    born: str
    hometown: str
    education: str
    party: str
    total: Decimal  # the 2025 score the entries add up to
    ratings: dict[int, str] = field(default_factory=dict)  # 2020–2025
    history: list[tuple] = field(default_factory=list)  # (award, year, kind, origin) ; origin "TV" | "VL"
    initiative: Decimal = Decimal(0)  # points of SK inside the total
    penalty: Decimal = Decimal(0)  # negative points (VP) added on top of the positive criteria


UNITS = [
    # code, name, total 2025, ratings, history (the share of women comes from the staff listed below)
    ("VP", "Văn phòng Sở", Decimal("94"), {y: HTXS for y in range(2020, 2026)},
     [("TTLDXS", 2022, "cong-trang", "TV"), ("TTLDXS", 2024, "cong-trang", "TV"), ("TTLDTT", 2023, "cong-trang", "TV")]),
    ("TTRA", "Thanh tra Sở", Decimal("84"), {2020: HTT, 2021: HTT, 2022: HTXS, 2023: HTT, 2024: HTT, 2025: HTT},
     [("TTLDTT", 2023, "cong-trang", "TV"), ("TTLDTT", 2024, "cong-trang", "TV")]),
    ("KHTC", "Phòng Kế hoạch - Tài chính", Decimal("92.5"), {2020: HTT, 2021: HTXS, 2022: HTXS, 2023: HTXS, 2024: HTXS, 2025: HTXS},
     [("TTLDTT", 2022, "cong-trang", "VL"), ("TTLDXS", 2023, "cong-trang", "VL"), ("TTLDXS", 2024, "cong-trang", "VL")]),
    ("QLKH", "Phòng Quản lý khoa học", Decimal("86.5"), {2020: HTT, 2021: HTT, 2022: HTT, 2023: HTXS, 2024: HTT, 2025: HTT},
     [("TTLDTT", 2024, "cong-trang", "VL")]),
    ("CNDMST", "Phòng Quản lý công nghệ và Đổi mới sáng tạo", Decimal("72"), {2020: HT, 2021: HTT, 2022: HTT, 2023: HT, 2024: HTT, 2025: HT},
     []),
    ("BCVT", "Phòng Bưu chính, Viễn thông và Chuyển đổi số", Decimal("88"), {2020: HTT, 2021: HTXS, 2022: HTT, 2023: HTT, 2024: HTXS, 2025: HTT},
     [("TTLDTT", 2024, "cong-trang", "TV")]),
    ("TTCNTT", "Trung tâm Công nghệ thông tin và Truyền thông", Decimal("90.5"), {2020: HTT, 2021: HTXS, 2022: HTXS, 2023: HTT, 2024: HTXS, 2025: HTXS},
     [("TTLDTT", 2022, "cong-trang", "TV"), ("TTLDXS", 2024, "cong-trang", "TV"), ("BK-UBND", 2022, "chuyen-de", "TV")]),
]


def _ratings(*values: str) -> dict[int, str]:
    return dict(zip(range(2020, 2026), values))


def _steady(total: Decimal) -> dict[int, str]:
    good = HTXS if total >= 90 else HTT if total >= 75 else HT
    return _ratings(HTT, HTT, good, HTT, good, good)


# The cast. The comment names the situation each person shows (README.md of the example).
PEOPLE = [
    Person("NV01", "Huỳnh Văn Phong", "VP", "Chánh Văn phòng", "nam", "12/03/1975", "xã Long Hồ, tỉnh Vĩnh Long",
           "Thạc sĩ Quản lý công", "Bí thư Chi bộ Văn phòng", Decimal("91"), _ratings(HTXS, HTXS, HTT, HTXS, HTXS, HTXS),
           [("LDTT", 2023, "cong-trang", "VL"), ("CSTDCS", 2024, "cong-trang", "VL")], Decimal("5")),
    # NV02: tie-free Giấy khen; Covid Giấy khen (chuyên đề) on record
    Person("NV02", "Nguyễn Thị Thu Trang", "VP", "Phó Chánh Văn phòng", "nữ", "05/09/1983", "phường Trà Vinh, tỉnh Vĩnh Long",
           "Cử nhân Luật", "Chi ủy viên; Chủ tịch Công đoàn cơ sở", Decimal("88.5"), _ratings(HTT, HTT, HTXS, HTT, HTXS, HTT),
           [("LDTT", 2022, "cong-trang", "TV"), ("GK-GD", 2022, "chuyen-de", "TV"), ("LDTT", 2024, "cong-trang", "TV")]),
    # NV03: Bằng khen của Thủ tướng — BK UBND 2019 (công trạng), then 2020–2024 "hoàn thành tốt trở lên",
    # CSTĐCS three times in those years; his Covid Bằng khen of 2022 is chuyên đề (NĐ 152 Điều 4)
    Person("NV03", "Phạm Quốc Bảo", "TTCNTT", "Giám đốc Trung tâm", "nam", "20/11/1978", "xã Càng Long, tỉnh Vĩnh Long",
           "Thạc sĩ Khoa học máy tính", "Bí thư Chi bộ Trung tâm", Decimal("98"), _ratings(HTT, HTT, HTXS, HTXS, HTXS, HTXS),
           [("BK-UBND", 2019, "cong-trang", "TV"), ("CSTDCS", 2020, "cong-trang", "TV"), ("CSTDCS", 2022, "cong-trang", "TV"),
            ("BK-UBND", 2022, "chuyen-de", "TV"), ("CSTDCS", 2024, "cong-trang", "TV")], Decimal("10")),
    Person("NV04", "Lê Thị Kim Ngân", "VP", "Kế toán", "nữ", "14/02/1988", "xã Tam Bình, tỉnh Vĩnh Long",
           "Cử nhân Kế toán", "Đảng viên; Ủy viên Ban Chấp hành Công đoàn", Decimal("82"), {}, [("LDTT", 2024, "cong-trang", "VL")]),
    # NV05: Chiến sĩ thi đua cấp tỉnh — CSTĐCS 2022, 2023, 2024 (công trạng)
    Person("NV05", "Nguyễn Thị Mỹ Linh", "VP", "Chuyên viên", "nữ", "23/07/1985", "phường Phước Hậu, tỉnh Vĩnh Long",
           "Thạc sĩ Quản trị kinh doanh", "Đảng viên; Bí thư Chi đoàn", Decimal("97"), _ratings(HTT, HTXS, HTXS, HTXS, HTXS, HTXS),
           [("LDTT", 2021, "cong-trang", "VL"), ("CSTDCS", 2022, "cong-trang", "VL"), ("CSTDCS", 2023, "cong-trang", "VL"),
            ("CSTDCS", 2024, "cong-trang", "VL")], Decimal("10")),
    Person("NV06", "Trần Minh Khoa", "VP", "Chuyên viên", "nam", "02/01/1990", "xã Châu Thành, tỉnh Vĩnh Long",
           "Kỹ sư Công nghệ thông tin", "Đảng viên", Decimal("78")),
    Person("NV07", "Thạch Thị Sa Ly", "VP", "Văn thư", "nữ", "18/06/1992", "xã Trà Cú, tỉnh Vĩnh Long",
           "Cử nhân Lưu trữ học", "Đoàn viên", Decimal("76.5"), {}, [("GK-GD", 2022, "chuyen-de", "TV")]),
    # NV08: under disciplinary review (blocked) — a high score, no award
    Person("NV08", "Đặng Văn Lực", "TTRA", "Thanh tra viên chính", "nam", "09/10/1976", "xã Tiểu Cần, tỉnh Vĩnh Long",
           "Cử nhân Luật", "Chi ủy viên", Decimal("95"), _ratings(HTXS, HTXS, HTXS, HTT, HTXS, HTT),
           [("CSTDCS", 2023, "cong-trang", "TV"), ("CSTDCS", 2024, "cong-trang", "TV")], Decimal("5")),
    Person("NV09", "Võ Thị Hồng Nhung", "TTRA", "Phó Chánh Thanh tra (phụ trách)", "nữ", "30/04/1984", "xã Mỏ Cày, tỉnh Vĩnh Long",
           "Thạc sĩ Luật", "Đảng viên", Decimal("89"), {}, [("LDTT", 2023, "cong-trang", "TV"), ("LDTT", 2024, "cong-trang", "TV")]),
    Person("NV10", "Lâm Quốc Thịnh", "TTRA", "Thanh tra viên", "nam", "11/12/1987", "xã Cầu Kè, tỉnh Vĩnh Long",
           "Cử nhân Luật", "Đảng viên", Decimal("80")),
    Person("NV11", "Nguyễn Hoàng Yến", "TTRA", "Thanh tra viên", "nữ", "07/08/1991", "phường Bến Tre, tỉnh Vĩnh Long",
           "Cử nhân Kinh tế", "Đoàn viên", Decimal("74")),
    # NV12: excluded from CSTĐ cấp tỉnh — CSTĐCS 2022 and 2024, none in 2023 (only LĐTT); and from the
    # Bằng khen của Thủ tướng: his only Bằng khen UBND tỉnh (2019) is chuyên đề, no ground for công trạng
    Person("NV12", "Lê Minh Tâm", "KHTC", "Trưởng phòng", "nam", "16/05/1980", "xã Vũng Liêm, tỉnh Vĩnh Long",
           "Thạc sĩ Tài chính - Ngân hàng", "Chi ủy viên", Decimal("96"), _ratings(HTT, HTXS, HTXS, HTT, HTXS, HTXS),
           [("BK-UBND", 2019, "chuyen-de", "VL"), ("CSTDCS", 2022, "cong-trang", "VL"), ("LDTT", 2023, "cong-trang", "VL"),
            ("CSTDCS", 2024, "cong-trang", "VL")], Decimal("10")),
    Person("NV13", "Trương Thị Bích Vân", "KHTC", "Phó Trưởng phòng", "nữ", "21/03/1986", "xã Trà Ôn, tỉnh Vĩnh Long",
           "Cử nhân Tài chính", "Đảng viên", Decimal("87.5"), {}, [("LDTT", 2024, "cong-trang", "VL")]),
    Person("NV14", "Phan Thị Diễm My", "KHTC", "Chuyên viên", "nữ", "03/11/1993", "xã Bình Minh, tỉnh Vĩnh Long",
           "Cử nhân Kế toán", "Đoàn viên", Decimal("81")),
    # NV15: a penalty in 2025 (late report) — no Bằng khen, no CSTĐCS; still Giấy khen and LĐTT
    Person("NV15", "Đỗ Thanh Hải", "KHTC", "Chuyên viên", "nam", "25/09/1982", "xã Long Hồ, tỉnh Vĩnh Long",
           "Cử nhân Kinh tế", "Đảng viên", Decimal("94"), _ratings(HTT, HTT, HTXS, HTT, HTXS, HTT),
           [("LDTT", 2024, "cong-trang", "VL")], Decimal("7"), Decimal("-3")),
    Person("NV16", "Nguyễn Văn Toàn", "QLKH", "Trưởng phòng", "nam", "08/08/1977", "xã Mang Thít, tỉnh Vĩnh Long",
           "Tiến sĩ Sinh học", "Chi ủy viên", Decimal("90.5"), _ratings(HTXS, HTT, HTXS, HTXS, HTT, HTXS),
           [("CSTDCS", 2021, "cong-trang", "VL"), ("LDTT", 2024, "cong-trang", "VL")], Decimal("10")),
    Person("NV17", "Huỳnh Thị Kiều Oanh", "QLKH", "Phó Trưởng phòng", "nữ", "12/12/1985", "xã Chợ Lách, tỉnh Vĩnh Long",
           "Thạc sĩ Nông học", "Đảng viên", Decimal("86"), {}, [("LDTT", 2024, "cong-trang", "VL")]),
    Person("NV18", "Kim Sô Phia", "QLKH", "Chuyên viên", "nữ", "19/01/1994", "xã Trà Cú, tỉnh Vĩnh Long",
           "Kỹ sư Công nghệ sinh học", "Đoàn viên", Decimal("79")),
    Person("NV19", "Bùi Văn Đạt", "QLKH", "Chuyên viên", "nam", "27/06/1989", "xã Tam Bình, tỉnh Vĩnh Long",
           "Thạc sĩ Môi trường", "Đảng viên", Decimal("77")),
    # NV20: proposed for Bằng khen UBND tỉnh, 6/9 votes = 66,67 % < 70 % → falls through to Giấy khen
    Person("NV20", "Võ Thanh Sơn", "BCVT", "Trưởng phòng", "nam", "15/04/1979", "xã Châu Thành, tỉnh Vĩnh Long",
           "Kỹ sư Điện tử - Viễn thông", "Chi ủy viên", Decimal("93"), _ratings(HTT, HTXS, HTT, HTXS, HTXS, HTXS),
           [("LDTT", 2023, "cong-trang", "TV"), ("CSTDCS", 2024, "cong-trang", "TV")], Decimal("8")),
    Person("NV21", "Lý Thị Hồng Gấm", "BCVT", "Phó Trưởng phòng", "nữ", "06/10/1987", "xã Duyên Hải, tỉnh Vĩnh Long",
           "Thạc sĩ Hệ thống thông tin", "Đảng viên", Decimal("89.5"), {}, [("LDTT", 2023, "cong-trang", "TV"), ("GK-GD", 2022, "chuyen-de", "TV")]),
    Person("NV22", "Ngô Văn Hậu", "BCVT", "Chuyên viên", "nam", "29/02/1992", "xã Cầu Ngang, tỉnh Vĩnh Long",
           "Kỹ sư Viễn thông", "Đảng viên", Decimal("83")),
    Person("NV23", "Tăng Thị Ngọc Hân", "BCVT", "Chuyên viên", "nữ", "13/07/1995", "phường Long Châu, tỉnh Vĩnh Long",
           "Cử nhân Công nghệ thông tin", "Đoàn viên", Decimal("75.5")),
    Person("NV24", "Châu Minh Nhựt", "CNDMST", "Trưởng phòng", "nam", "01/09/1981", "xã Giồng Trôm, tỉnh Vĩnh Long",
           "Thạc sĩ Quản lý khoa học và công nghệ", "Đảng viên", Decimal("84.5"), {}, [("LDTT", 2024, "cong-trang", "VL")]),
    Person("NV25", "Mai Thị Thanh Thảo", "CNDMST", "Chuyên viên", "nữ", "24/12/1990", "xã Ba Tri, tỉnh Vĩnh Long",
           "Cử nhân Kinh tế", "Đảng viên", Decimal("72")),
    Person("NV26", "Thái Văn Lộc", "CNDMST", "Chuyên viên", "nam", "10/05/1993", "xã Bình Đại, tỉnh Vĩnh Long",
           "Kỹ sư Cơ khí", "Đoàn viên", Decimal("68")),
    # NV27: Bằng khen UBND tỉnh (last place), woman
    Person("NV27", "Dương Thị Thúy Kiều", "TTCNTT", "Phó Giám đốc Trung tâm", "nữ", "17/03/1984", "phường Trà Vinh, tỉnh Vĩnh Long",
           "Thạc sĩ Công nghệ thông tin", "Đảng viên; Phó Chủ tịch Công đoàn cơ sở", Decimal("92.5"), _ratings(HTT, HTT, HTXS, HTXS, HTXS, HTXS),
           [("LDTT", 2022, "cong-trang", "TV"), ("GK-GD", 2022, "chuyen-de", "TV"), ("CSTDCS", 2023, "cong-trang", "TV"), ("LDTT", 2024, "cong-trang", "TV")], Decimal("8")),
    Person("NV28", "Sơn Văn Rô", "TTCNTT", "Viên chức", "nam", "22/08/1988", "xã Trà Cú, tỉnh Vĩnh Long",
           "Kỹ sư Mạng máy tính", "Đảng viên", Decimal("88"), {}, [("LDTT", 2024, "cong-trang", "TV")]),
    Person("NV29", "Phạm Thị Ánh Tuyết", "TTCNTT", "Viên chức", "nữ", "04/04/1991", "xã Càng Long, tỉnh Vĩnh Long",
           "Cử nhân Công nghệ thông tin", "Đoàn viên", Decimal("85.5"), {}, [("GK-GD", 2022, "chuyen-de", "TV")]),
    Person("NV30", "Nguyễn Trọng Nghĩa", "TTCNTT", "Viên chức", "nam", "28/10/1994", "xã Tiểu Cần, tỉnh Vĩnh Long",
           "Kỹ sư Phần mềm", "Đoàn viên", Decimal("80.5")),
    Person("NV31", "Trần Thị Mộng Cầm", "TTCNTT", "Viên chức", "nữ", "15/06/1996", "xã Cầu Kè, tỉnh Vĩnh Long",
           "Cử nhân Thiết kế đồ họa", "Đoàn viên", Decimal("73")),
    Person("NV32", "Lê Hữu Phước", "VP", "Lái xe", "nam", "03/03/1980", "xã Long Hồ, tỉnh Vĩnh Long",
           "Trung cấp", "", Decimal("70")),
    Person("NV33", "Hồ Thị Thanh Tuyền", "KHTC", "Chuyên viên", "nữ", "09/09/1989", "xã Trà Ôn, tỉnh Vĩnh Long",
           "Cử nhân Tài chính", "Đảng viên", Decimal("79.5")),
    Person("NV34", "Võ Minh Triết", "QLKH", "Chuyên viên", "nam", "12/02/1995", "xã Vũng Liêm, tỉnh Vĩnh Long",
           "Kỹ sư Nông nghiệp", "Đoàn viên", Decimal("66")),
    Person("NV35", "Nguyễn Thị Hoài Thương", "BCVT", "Chuyên viên", "nữ", "26/11/1990", "phường Bến Tre, tỉnh Vĩnh Long",
           "Thạc sĩ Công nghệ thông tin", "Đảng viên", Decimal("84")),
    Person("NV36", "Trần Quang Vinh", "CNDMST", "Phó Trưởng phòng", "nam", "19/07/1983", "xã Mỏ Cày, tỉnh Vĩnh Long",
           "Thạc sĩ Kỹ thuật điện", "Đảng viên", Decimal("81.5"), {}, [("LDTT", 2023, "cong-trang", "VL")]),
    Person("NV37", "Đinh Thị Ngọc Bích", "TTRA", "Chuyên viên", "nữ", "31/05/1992", "xã Châu Thành, tỉnh Vĩnh Long",
           "Cử nhân Luật", "Đoàn viên", Decimal("77.5")),
    Person("NV38", "Kiên Văn Sang", "TTCNTT", "Nhân viên kỹ thuật", "nam", "08/12/1997", "xã Trà Cú, tỉnh Vĩnh Long",
           "Cao đẳng Công nghệ thông tin", "Đoàn viên", Decimal("62")),
    Person("NV39", "Phùng Thị Cẩm Tú", "QLKH", "Chuyên viên", "nữ", "20/10/1993", "xã Mang Thít, tỉnh Vĩnh Long",
           "Kỹ sư Công nghệ thực phẩm", "Đoàn viên", Decimal("85")),
    Person("NV40", "La Văn Thành", "BCVT", "Chuyên viên", "nam", "14/01/1986", "xã Cầu Ngang, tỉnh Vĩnh Long",
           "Kỹ sư Điện tử", "Đảng viên", Decimal("78.5")),
    # NV41: the council's secretary (Văn phòng, in charge of thi đua, khen thưởng) is scored like everyone
    Person("NV41", "Trần Thị Ngọc Hà", "VP", "Chuyên viên", "nữ", "11/11/1989", "phường Long Châu, tỉnh Vĩnh Long",
           "Cử nhân Quản lý nhà nước", "Đảng viên; Ủy viên Ban Chấp hành Công đoàn", Decimal("83"), {},
           [("LDTT", 2024, "cong-trang", "VL")]),
]

# criteria caps (campaign.toml): individuals NV 50 + KL 15 + PT 10 + CDS 15 + SK 10; collectives TT1 50 + TT2 15 + PT 10 + CDS 15 + SK 10
INDIVIDUAL_CAPS = {"NV": 50, "KL": 15, "PT": 10, "CDS": 15}
COLLECTIVE_CAPS = {"TT1": 50, "TT2": 15, "PT": 10, "CDS": 15}

NOTES = {
    "NV": ["Hoàn thành đúng hạn các nhiệm vụ chuyên môn quý {q}/2025", "Tham mưu văn bản chỉ đạo, hướng dẫn của Sở trong quý {q}/2025",
           "Thẩm định hồ sơ, giải quyết thủ tục hành chính đúng hạn quý {q}/2025"],
    "KL": ["Chấp hành giờ làm việc, quy chế nội bộ, quy tắc ứng xử công vụ quý {q}/2025"],
    "PT": ["Tham gia phong trào “Bình dân học vụ số” của cơ quan", "Tham gia hội thao, văn nghệ chào mừng ngày Khoa học và Công nghệ Việt Nam 18/5",
           "Ủng hộ Quỹ “Vì người nghèo” năm 2025"],
    "CDS": ["Xử lý hồ sơ công việc trên môi trường điện tử, ký số văn bản quý {q}/2025", "Cập nhật dữ liệu vào hệ thống thông tin giải quyết thủ tục hành chính của tỉnh"],
    "TT1": ["Hoàn thành chỉ tiêu kế hoạch công tác quý {q}/2025 của đơn vị", "Hoàn thành nhiệm vụ trọng tâm được Giám đốc Sở giao quý {q}/2025"],
    "TT2": ["Tham mưu, phối hợp tổ chức hội nghị, hội thảo của Sở", "Phối hợp sắp xếp tổ chức bộ máy sau hợp nhất Sở"],
    "SK": ["Sáng kiến “{title}” được Hội đồng sáng kiến cơ sở công nhận"],
    "VP": ["Chậm nộp báo cáo tổng hợp quý theo yêu cầu của Văn phòng (lần 2)"],
}
INITIATIVES = [
    "Số hóa hồ sơ đăng ký nhiệm vụ khoa học và công nghệ", "Bảng theo dõi tiến độ đề tài trên Google Sheets có cảnh báo hạn",
    "Quy trình tiếp nhận phản ánh về chất lượng dịch vụ viễn thông qua Zalo OA", "Mẫu hóa báo cáo quyết toán kinh phí sự nghiệp khoa học",
    "Hệ thống giám sát máy chủ của Trung tâm dữ liệu tỉnh bằng mã nguồn mở", "Sổ tay chuyển đổi số cấp xã",
]
# A sáng kiến is one achievement of its authors and grounds one award (DOMAIN §3): each subject's own, never
# the same title recognised again for another by another decision
OWN_INITIATIVES = {
    "NV01": "Quy trình lưu trữ hồ sơ điện tử của Văn phòng Sở", "NV03": "Hệ thống giám sát máy chủ của Trung tâm dữ liệu tỉnh bằng mã nguồn mở",
    "NV05": "Bảng theo dõi tiến độ đề tài trên Google Sheets có cảnh báo hạn",
    "NV08": "Sổ tay thanh tra chuyên ngành khoa học và công nghệ", "NV12": "Mẫu hóa báo cáo quyết toán kinh phí sự nghiệp khoa học",
    "NV15": "Bảng tính đối chiếu số dư tài khoản tạm ứng", "NV16": "Số hóa hồ sơ đăng ký nhiệm vụ khoa học và công nghệ",
    "NV20": "Quy trình tiếp nhận phản ánh về chất lượng dịch vụ viễn thông qua Zalo OA",
    "NV27": "Sổ tay chuyển đổi số cấp xã", "VP": "Cổng tiếp nhận văn bản đến qua thư điện tử công vụ",
    "KHTC": "Phần mềm lập dự toán ngân sách sự nghiệp khoa học", "TTCNTT": "Nền tảng chia sẻ dữ liệu dùng chung của tỉnh",
}
EVIDENCE = {
    "NV": "Báo cáo số {n}/BC-SKHCN ngày {d}", "KL": "Bảng chấm công tháng {m}/2025", "PT": "Kế hoạch số {n}/KH-CĐCS ngày {d}",
    "CDS": "Thống kê hệ thống quản lý văn bản tháng {m}/2025", "TT1": "Báo cáo số {n}/BC-SKHCN ngày {d}",
    "TT2": "Thông báo số {n}/TB-SKHCN ngày {d}", "SK": "Quyết định số {n}/QĐ-SKHCN ngày {d}", "VP": "Thông báo số {n}/TB-VP ngày {d}",
}


def _split(rng: random.Random, total: Decimal, caps: dict[str, int]) -> dict[str, Decimal]:
    """Share `total` among the criteria in proportion to their caps, in half points, never above a cap."""
    cap_sum = sum(caps.values())
    if not 0 <= total <= cap_sum:
        raise ValueError(f"{total} cannot be shared under the caps {caps}")
    shares = {code: (total * cap / cap_sum * 2).to_integral_value() / 2 for code, cap in caps.items()}
    rest = total - sum(shares.values())
    codes = list(caps)
    while rest:
        code = rng.choice(codes)
        step = Decimal("0.5") if rest > 0 else Decimal("-0.5")
        if Decimal(0) <= shares[code] + step <= caps[code]:
            shares[code] += step
            rest -= step
    return shares


def _rows_for(rng: random.Random, code: str, criterion: str, points: Decimal, serial: list[int]) -> list[list[str]]:
    """One criterion's points as 1–4 dated rows (quarters)."""
    if points == 0:
        return []
    parts = 1 if criterion in ("SK", "VP") else rng.randint(2, 4)
    half_points = int(points * 2)
    cuts = sorted(rng.sample(range(1, half_points), parts - 1)) if parts > 1 and half_points > parts else []
    pieces = [Decimal(b - a) / 2 for a, b in zip([0, *cuts], [*cuts, half_points])]
    rows = []
    for index, piece in enumerate(pieces):
        quarter = index + 1 if len(pieces) > 1 else rng.randint(2, 4)
        day = date(2025, 3 * quarter - 2, 1) + timedelta(days=rng.randint(5, 80))
        day = min(day, date(2025, 12, 12))
        serial[0] += 1
        drawn = rng.choice(NOTES[criterion]), rng.choice(INITIATIVES)  # drawn for every row: the seed's sequence stays
        note = drawn[0].format(q=quarter, title=OWN_INITIATIVES.get(code, drawn[1]) if criterion == "SK" else drawn[1])
        evidence = EVIDENCE[criterion].format(n=serial[0] % 300 + 10, d=day.strftime("%d/%m/%Y"), m=day.month)
        rows.append([day.strftime("%d/%m/%Y"), code, criterion, _text(piece), note, evidence])
    return rows


def _text(value: Decimal) -> str:
    text = f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:f}"
    return text.replace(".", ",")  # how the office types it


def entries(rng: random.Random) -> list[list[str]]:
    rows: list[list[str]] = []
    serial = [0]
    for code, _name, total, _ratings_, _history in UNITS:
        initiative = Decimal("5") if total >= 90 else Decimal(0)
        for criterion, points in _split(rng, total - initiative, COLLECTIVE_CAPS).items():
            rows += _rows_for(rng, code, criterion, points, serial)
        rows += _rows_for(rng, code, "SK", initiative, serial)
    for person in PEOPLE:
        positive = person.total - person.initiative - person.penalty
        for criterion, points in _split(rng, positive, INDIVIDUAL_CAPS).items():
            rows += _rows_for(rng, person.code, criterion, points, serial)
        rows += _rows_for(rng, person.code, "SK", person.initiative, serial)
        if person.penalty:
            serial[0] += 1
            rows.append(["14/10/2025", person.code, "VP", _text(person.penalty), NOTES["VP"][0],
                         EVIDENCE["VP"].format(n=serial[0] % 300 + 10, d="14/10/2025")])
    rows.sort(key=lambda row: (row[0][6:] + row[0][3:5] + row[0][:2], row[1], row[2]))
    return rows


def history_rows() -> list[list[str]]:
    rows = []
    subjects = [(code, ratings, history) for code, _n, _t, ratings, history in UNITS]
    subjects += [(p.code, p.ratings, p.history) for p in PEOPLE]
    for code, _ratings_, history in subjects:
        for award, year, kind, origin in history:
            name, number, day, issuer = _decision(award, year, kind, origin)
            title, form = (name, "") if award in DANH_HIEU else ("", name)  # kept apart, as the national database does
            rows.append([code, title, form, number, day, issuer, kind_label(kind), str(year)])
    return rows


def kind_label(kind: str) -> str:
    return {"cong-trang": "Công trạng", "chuyen-de": "Chuyên đề"}[kind]


def _decision(award: str, year: int, kind: str, origin: str) -> tuple[str, str, str, str]:
    name = NAMES[award]
    if kind == "chuyen-de":
        number, day, issuer = CHUYEN_DE[(award, origin)]
        return name, number, day.strftime("%d/%m/%Y"), issuer
    if award in ("BK-UBND", "TTLDXS"):
        number, day = {2019: ("2315/QĐ-UBND", date(2019, 12, 20)), 2022: ("245/QĐ-UBND", date(2023, 2, 3)),
                       2023: ("198/QĐ-UBND", date(2024, 1, 26)), 2024: ("167/QĐ-UBND", date(2025, 1, 22))}[year]
        return name, number, day.strftime("%d/%m/%Y"), UB_TV if origin == "TV" else UB_VL
    register = SO_DECISIONS if origin == "TV" else VL_SO_DECISIONS
    number, day = register[year]
    return name, number, day.strftime("%d/%m/%Y"), STTTT if origin == "TV" else SKHCN


def rating_rows() -> list[list[str]]:
    rows = []
    for code, _n, _t, ratings, _h in UNITS:
        rows += [[code, str(year), rating] for year, rating in sorted(ratings.items())]
    for person in PEOPLE:
        ratings = person.ratings or _steady(person.total)
        rows += [[person.code, str(year), rating] for year, rating in sorted(ratings.items())]
    return rows


SUBJECT_HEADER = ["Mã", "Họ và tên", "Loại", "Đơn vị", "Chức vụ", "Giới tính", "Tỷ lệ nữ (%)", "Ngày, tháng, năm sinh", "Dân tộc",
                  "Quê quán", "Trình độ chuyên môn, nghiệp vụ", "Chức vụ Đảng, đoàn thể", "Thủ trưởng đơn vị",
                  "Số cán bộ, công chức, viên chức, người lao động", "Chức năng, nhiệm vụ"]
FUNCTIONS = {  # what each unit does, for the "đặc điểm, tình hình" of a collective's báo cáo thành tích
    "VP": "Tham mưu tổng hợp, hành chính, tổ chức cán bộ, thi đua, khen thưởng của Sở",
    "TTRA": "Thanh tra hành chính, thanh tra chuyên ngành khoa học và công nghệ, bưu chính, viễn thông",
    "KHTC": "Kế hoạch, tài chính, ngân sách sự nghiệp khoa học và công nghệ, quản lý tài sản của Sở",
    "QLKH": "Quản lý nhiệm vụ khoa học và công nghệ cấp tỉnh, cấp cơ sở; sở hữu trí tuệ",
    "CNDMST": "Quản lý công nghệ, thị trường công nghệ, hỗ trợ khởi nghiệp đổi mới sáng tạo",
    "BCVT": "Quản lý bưu chính, viễn thông, tần số vô tuyến điện; chuyển đổi số",
    "TTCNTT": "Vận hành Trung tâm dữ liệu tỉnh, hạ tầng kỹ thuật chính quyền số, an toàn thông tin",
}
HEADS = {"VP": "NV01", "TTRA": "NV09", "KHTC": "NV12", "QLKH": "NV16", "CNDMST": "NV24", "BCVT": "NV20", "TTCNTT": "NV03"}
KHMER = ("NV07", "NV18", "NV28", "NV38")  # Thạch, Kim, Sơn, Kiên: Khmer family names of the Trà Vinh area


def subject_rows() -> list[list[str]]:
    rows = []
    for code, name, _t, _r, _h in UNITS:
        members = [p for p in PEOPLE if p.unit == code]
        head = next(p.name for p in members if p.code == HEADS[code])
        women = Decimal(100 * sum(p.gender == "nữ" for p in members)) / len(members)
        rows.append([code, name, "Tập thể", "", "", "", _text(women.quantize(Decimal("0.1"))), "", "", "", "", "", head,
                     str(len(members)), FUNCTIONS[code]])
    for p in PEOPLE:
        rows.append([p.code, p.name, "Cá nhân", p.unit, p.position, p.gender.capitalize(), "", p.born,
                     "Khmer" if p.code in KHMER else "Kinh", p.hometown, p.education, p.party, "", "", ""])
    return rows


# What the council votes on: every proposal of the round, the danh hiệu a higher one brings `with`
# it included (CSTĐ cấp tỉnh brings CSTĐCS and LĐTT, CSTĐCS brings LĐTT), as README.md expects.
CSTD = ["NV03", "NV12", "NV20", "NV27", "NV01", "NV16"]  # CSTĐCS in their own right
EXPECTED = {
    "CSTDT": ["NV05"],
    "TTLDXS": ["VP", "KHTC"],
    "CSTDCS": ["NV05", *CSTD],
    "TTLDTT": ["TTCNTT", "BCVT", "QLKH", "TTRA"],
    "LDTT": ["NV05", *CSTD, "NV15", "NV21", "NV09", "NV02", "NV28", "NV13", "NV17", "NV29", "NV39", "NV24", "NV35", "NV41",
             "NV22", "NV04", "NV36", "NV14", "NV30", "NV10", "NV33", "NV18", "NV40", "NV06", "NV37", "NV19", "NV07", "NV23"],
    "BK-TTG": ["NV03"],
    "BK-UBND": ["VP", "NV05", "NV12", "NV20", "NV27"],
    "GK-GD": ["KHTC", "TTCNTT", "NV15", "NV01", "NV16", "NV21", "NV09", "NV02", "NV28", "NV13", "NV17", "NV29", "NV39"],
}
SHORT = ("NV20", "BK-UBND", 6)  # 6/9 = 66,67 % < 70 %: falls through to the Giấy khen
MEMBERS = 9


def vote_rows() -> tuple[list[list[str]], list[list[str]]]:
    first = [[code, award, str(SHORT[2] if (code, award) == SHORT[:2] else MEMBERS)]
             for award, codes in EXPECTED.items() for code in codes]
    second = [[SHORT[0], "GK-GD", str(MEMBERS)]]
    return first, second


def write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main(folder: Path = FOLDER) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(2025)
    write(folder / "subjects.csv", SUBJECT_HEADER, subject_rows())
    write(folder / "entries.csv", ["Ngày", "Mã", "Tiêu chí", "Điểm", "Nội dung thành tích", "Văn bản minh chứng"], entries(rng))
    write(folder / "ratings.csv", ["Mã", "Năm", "Xếp loại"], rating_rows())
    write(folder / "awards-history.csv",
          ["Mã", "Danh hiệu thi đua", "Hình thức khen thưởng", "Số quyết định", "Ngày quyết định", "Cơ quan ban hành", "Loại hình",
           "Năm"],
          history_rows())
    first, second = vote_rows()
    write(folder / "phieu-bau-hoi-dong.csv", ["Mã", "Hình thức khen thưởng", "Số phiếu đồng ý"], first)
    write(folder / "phieu-bau-hoi-dong-lan-2.csv", ["Mã", "Hình thức khen thưởng", "Số phiếu đồng ý"], second)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else FOLDER)
