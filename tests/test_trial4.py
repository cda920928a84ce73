"""What a Sở Y tế's Văn phòng found wrong running a themed campaign of its own ("Thi đua chuyển đổi số y tế
2026": hospitals and trung tâm y tế, their staff, penalties, a Giấy khen of the Giám đốc Sở and a Bằng khen of
the Chủ tịch UBND tỉnh) from SPEC alone: each test sets up the case in a temporary ledger, through the CLI, and
states what the Office must read."""

from __future__ import annotations

import json

CAMPAIGN = """
[campaign]
code = "cds-yte-2026"
name = "Thi đua chuyển đổi số y tế 2026"
kind = "chuyen-de"
plan = "15/KH-SYT"
issued = 2026-02-20
start = 2026-03-01
end = 2026-11-30
agency = "Sở Y tế"
agency_short = "SYT"
parent_agency = "UBND tỉnh Vĩnh Long"
place = "Vĩnh Long"
base_salary = 2340000
signer_title = "GIÁM ĐỐC"
signer_name = "Trần Quốc Hưng"

[[criteria]]
code = "HIS"
name = "Triển khai bệnh án điện tử, phần mềm HIS"
applies_to = "collective"
max_points = 50

[[criteria]]
code = "KN"
name = "Kỹ năng số, đào tạo chuyển đổi số"
applies_to = "individual"
max_points = 60
weight = 1.5

[[criteria]]
code = "VP"
name = "Vi phạm an toàn thông tin, chậm báo cáo"
applies_to = "both"
max_points = 0
min_points = -30
penalty = true

[[awards]]
code = "GK-GD"
name = "Giấy khen của Giám đốc Sở Y tế"
level = 1
applies_to = "both"
min_score = 60
multiplier = 0.3
authority = "Giám đốc Sở Y tế"
"""

SUBJECTS = """mã,tên,loại,đơn vị,chức vụ,giới tính,tỷ lệ nữ
BVDK,Bệnh viện Đa khoa tỉnh Vĩnh Long,tập thể,,,,62
CDC,Trung tâm Kiểm soát bệnh tật,tập thể,,,,68
CN01,Nguyễn Thị Hồng Nhung,cá nhân,Bệnh viện Đa khoa tỉnh Vĩnh Long,Trưởng phòng Công nghệ thông tin,nữ,
CN02,Trần Văn Bình,cá nhân,BVDK,Bác sĩ,nam,
CN08,Ngô Thị Ánh,cá nhân,Bệnh viện Đa khoa tỉnh Vĩnh Long,Điều dưỡng,nữ,
"""


def health(thidua, entries: str):
    thidua.ok("campaign", "load", str(thidua.write("cds.toml", CAMPAIGN)))
    thidua.ok("subject", "import", str(thidua.write("doi-tuong.csv", SUBJECTS)))
    thidua.ok("import-entries", str(thidua.write("thanh-tich.csv", "ngày,đối tượng,tiêu chí,điểm,ghi chú,minh chứng\n" + entries)))
    return thidua


def test_a_penalty_is_never_the_outstanding_achievement_of_the_monthly_report(thidua):
    """`report --month 2026-04` listed Trung tâm Kiểm soát bệnh tật among the "tiêu biểu" with, under "Thành tích
    nổi bật", its violation "Chậm báo cáo an toàn thông tin quý I": the highlight was the note of the entry with
    the most points, and a -10 penalty with a note beat a +20 achievement without one."""
    health(thidua, "10/04/2026,CDC,HIS,20,,\n12/04/2026,CDC,VP,-10,Chậm báo cáo an toàn thông tin quý I,\n"
                   "15/04/2026,BVDK,HIS,30,Bệnh án điện tử toàn viện,\n")
    data = json.loads(thidua.ok("report", "--month", "2026-04", "--format", "json").stdout)
    highlights = {row["subject"]: row["highlight"] for row in data["top"]}
    # … nor is one with a violation in the month held up as an example at all: it is told under the violations
    assert highlights == {"BVDK": "Bệnh án điện tử toàn viện"}
    screen = thidua.ok("report", "--month", "2026-04").stdout
    section = screen.split("1. Tập thể, cá nhân tiêu biểu")[1].split("2. Sáng kiến")[0]
    assert "Chậm báo cáo" not in section


def test_db_status_says_when_the_last_entry_was_made_as_people_write_it(thidua):
    """`db status` showed "Mục ghi gần nhất lúc 2026-12-07T12:35:30.494943+00:00" — a machine's stamp, to the
    microsecond and in UTC — where `imports` and `log` say "07/12/2026 12:35" (the office's clock)."""
    import re

    health(thidua, "15/04/2026,BVDK,HIS,30,,\n")
    for fmt in ("table", "md"):
        line = next(l for l in thidua.ok("db", "status", "-O", fmt).stdout.splitlines() if "Mục ghi gần nhất lúc" in l)
        assert re.search(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", line), line
        assert not re.search(r"\d{4}-\d{2}-\d{2}T", line), line
    stamp = json.loads(thidua.ok("db", "status", "-O", "json").stdout)["last_entry_at"]
    assert re.match(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", stamp)  # a program reads the ISO stamp


def test_a_head_of_a_department_in_a_hospital_does_not_confirm_for_the_hospital(thidua):
    """Ngô Thị Ánh, Điều dưỡng of the Bệnh viện Đa khoa, had her báo cáo thành tích confirmed by "THỦ TRƯỞNG ĐƠN VỊ
    XÁC NHẬN, ĐỀ NGHỊ — TRƯỞNG PHÒNG CÔNG NGHỆ THÔNG TIN — Nguyễn Thị Hồng Nhung": a Trưởng phòng heads a phòng,
    not the hospital she works in. With no head of the hospital known, the Giám đốc Sở confirms."""
    health(thidua, "20/04/2026,CN08,KN,50,Hoàn thành khóa đào tạo,\n20/04/2026,CN01,KN,45,Ký số bệnh án,\n")
    thidua.ok("propose-awards", "--out", str(thidua.folder / "ho-so"))
    (report,) = (thidua.folder / "ho-so").rglob("bao-cao-cn08-*.md")
    text = report.read_text(encoding="utf-8")
    assert "Nguyễn Thị Hồng Nhung" not in text and "CÔNG NGHỆ THÔNG TIN" not in text
    assert "Trần Quốc Hưng" in text


def test_explain_writes_no_dash_after_an_entry_without_a_note(thidua):
    """`score --explain` printed "#1 20/04/2026:      50 — " — a dash before nothing — for an entry recorded with
    points only (most entries a unit sends are)."""
    health(thidua, "20/04/2026,CN08,KN,50,,\n21/04/2026,CN08,KN,5,,05/QĐ-BV\n")
    lines = thidua.ok("score", "--explain", "CN08").stdout.splitlines()
    first = next(l for l in lines if l.strip().startswith("#1 "))
    assert first.rstrip() == first and not first.endswith("—"), repr(first)
    assert first.split(":", 1)[1].strip() == "50"
    second = next(l for l in lines if l.strip().startswith("#2 "))
    assert second.rstrip().endswith("5 — (05/QĐ-BV)"), repr(second)


COUNCIL = "".join(f'\n[[council]]\nname = "{name}"\ntitle = "{title}"\nrole = "{role}"\n' for name, title, role in (
    ("Trần Quốc Hưng", "Giám đốc Sở", "Chủ tịch"), ("Lê Thị Ánh", "Phó Giám đốc Sở", "Phó Chủ tịch"),
    ("Nguyễn Văn Đức", "Chánh Văn phòng", "Thư ký"), ("Phạm Minh Tâm", "Trưởng phòng Nghiệp vụ Y", "Ủy viên"),
    ("Huỳnh Thị Yến", "Trưởng phòng Kế hoạch - Tài chính", "Ủy viên")))


def test_the_vote_sheet_counts_the_council_the_campaign_lists(thidua):
    """The campaign lists its five council members ([[council]], no council_members key): the biên bản said "(5
    thành viên)" and record-votes counted 5, but the vote sheet propose-awards wrote for the secretary said
    "Tổng số thành viên Hội đồng: ……"."""
    from openpyxl import load_workbook

    thidua.ok("campaign", "load", str(thidua.write("cds.toml", CAMPAIGN + COUNCIL)))
    thidua.ok("subject", "import", str(thidua.write("doi-tuong.csv", SUBJECTS)))
    thidua.ok("add-entry", "--subject", "CN08", "--criterion", "KN", "--points", "50", "--date", "20/04/2026")
    thidua.ok("propose-awards", "--out", str(thidua.folder / "ho-so"))
    (sheet,) = (thidua.folder / "ho-so").glob("phieu-bau-*.xlsx")
    cells = [str(c) for row in load_workbook(sheet).active.iter_rows(values_only=True) for c in row if c]
    line = next(c for c in cells if "Tổng số thành viên Hội đồng" in c)
    assert "Tổng số thành viên Hội đồng: 5;" in line, line
    (minutes,) = (thidua.folder / "ho-so").rglob("bien-ban.md")
    assert "(5 thành viên)" in minutes.read_text(encoding="utf-8")


def test_an_empty_criterion_cell_is_called_empty(thidua):
    """A row whose "Tiêu chí" cell is empty (a note line pasted into the file) was refused with '"" không có tiêu
    chí này trong phong trào cds-yte-2026', where the empty subject and points cells of the same row read "trống —
    cần …"."""
    from conftest import assert_refused

    thidua.ok("campaign", "load", str(thidua.write("cds.toml", CAMPAIGN)))
    thidua.ok("subject", "import", str(thidua.write("doi-tuong.csv", SUBJECTS)))
    path = thidua.write("thanh-tich.csv", "ngày,đối tượng,tiêu chí,điểm\n20/04/2026,CN08,KN,50\n21/04/2026,CN08,,5\n")
    result = assert_refused(thidua, ["import-entries", str(path)], 'dòng 3, cột "tiêu chí": "" trống — cần mã tiêu chí')
    assert "không có tiêu chí này" not in result.stderr


def test_the_final_report_on_screen_tells_the_awards_made_after_the_campaign_ended(thidua, monkeypatch):
    """A themed campaign's awards come after it ends (campaign to 30/11/2026, round and decision in December).
    `report --final` on screen said under "IV. CÔNG TÁC KHEN THƯỞNG": "Chưa có đợt đề nghị khen thưởng nào đến ngày
    30/11/2026. … Chưa có quyết định khen thưởng nào đến ngày 30/11/2026.", then further down "Khen thưởng: Đã đề nghị
    khen thưởng … đã có quyết định khen thưởng …" — the screen contradicted itself, and the Markdown, Word and HTML
    report, which list the Giấy khen of the QĐ."""
    monkeypatch.setenv("THIDUA_TODAY", "2026-12-20")
    health(thidua, "20/04/2026,CN08,KN,50,Hoàn thành khóa đào tạo,\n20/04/2026,CN01,KN,45,Ký số bệnh án,\n")
    thidua.ok("propose-awards", "--out", str(thidua.folder / "ho-so"))
    sheet = thidua.write("phieu.csv", "mã,mã hình thức,số phiếu đồng ý\nCN01,GK-GD,5\nCN08,GK-GD,5\n")
    thidua.ok("record-votes", "1", "--file", str(sheet), "--members", "5", "--date", "05/12/2026")
    thidua.ok("record-decision", "1", "--number", "125/QĐ-SYT", "--date", "11/12/2026")
    screen = " ".join(thidua.ok("report", "--final").stdout.split())
    document = " ".join(thidua.ok("report", "--final", "-O", "md").stdout.split())
    assert "125/QĐ-SYT" in document
    awards = screen.split("IV. CÔNG TÁC KHEN THƯỞNG")[1].split(" V. ")[0]
    assert "Chưa có" not in awards, awards
    assert "đã có quyết định khen thưởng 02 cá nhân, tiền thưởng 1.420.000 đồng" in awards, awards
    assert "125/QĐ-SYT ngày 11/12/2026" in awards and "Ngô Thị Ánh" in awards, awards
    assert screen.count("đã có quyết định khen thưởng") == 1


def _pdf_fonts(data: bytes) -> set[str]:
    """The fonts a PDF embeds, read from its font dictionaries (plain or in compressed object streams)."""
    import re
    import zlib

    pattern = re.compile(rb"/BaseFont\s*/([A-Za-z0-9+\-]+)")
    names = set(pattern.findall(data))
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            names |= set(pattern.findall(zlib.decompress(stream.group(1))))
        except zlib.error:
            continue
    return {name.decode().split("+")[-1] for name in names}


def test_a_pdf_prints_in_the_shipped_liberation_serif_not_the_machines_fonts(thidua, tmp_path):
    """`report --month 2026-04 -o bao-cao.pdf` embedded DejaVu Serif (every style) on a machine that has it: the
    @font-face rules naming the shipped Liberation Serif were handed to WeasyPrint without a FontConfiguration, so
    WeasyPrint dropped them and took the machine's fonts (with Debian's Liberation Serif 1.07, which has no
    Vietnamese letters, half the text fell back to DejaVu; only a machine with Liberation Serif 2 printed right).
    The PDF is made here in a process that sees no font of the machine: the shipped one must be all it needs."""
    import os
    import subprocess
    import sys

    import pytest

    import thidua_cli

    pytest.importorskip("weasyprint")
    if thidua.engine != "sqlite":
        pytest.skip("the subprocess reads a ledger file")
    health(thidua, "15/04/2026,BVDK,HIS,30,Bệnh án điện tử toàn viện,\n20/04/2026,CN08,KN,50,Hoàn thành khóa đào tạo,\n")
    config = tmp_path / "fonts.conf"  # a fontconfig with no font folder: the machine's fonts are out of sight
    config.write_text(f'<?xml version="1.0"?>\n<fontconfig><cachedir>{tmp_path / "fc-cache"}</cachedir></fontconfig>\n')
    env = dict(os.environ, FONTCONFIG_FILE=str(config), PYTHONPATH=os.path.dirname(os.path.dirname(thidua_cli.__file__)))
    target = thidua.folder / "bao-cao.pdf"
    done = subprocess.run([sys.executable, "-m", "thidua_cli", "--db", str(thidua.db), "report", "--month", "2026-04",
                           "-o", str(target)], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    fonts = _pdf_fonts(target.read_bytes())
    assert fonts and all(name.startswith("Liberation-Serif") for name in fonts), fonts


def test_campaign_init_keeps_the_capitals_of_its_example_when_a_question_goes_unanswered(thidua):
    """Asked the questions, the Office left the agency unanswered (end of input): the error read "chưa trả lời: cơ
    quan phát động (ví dụ sở nội vụ)" — the whole question lowered, "Sở Nội vụ" with it (the --no-input message
    already lowered the first letter only)."""
    result = thidua("campaign", "init", "--kind", "chuyen-de", "-o", str(thidua.folder / "cds.toml"),
                    input="Thi đua chuyển đổi số y tế 2026\n01/03/2026\n30/11/2026\n")
    assert result.exit_code == 2, result.stderr
    line = next(l for l in result.stderr.splitlines() if l.startswith("Lỗi:"))
    assert line == "Lỗi: chưa trả lời: cơ quan phát động (ví dụ Sở Nội vụ) (tuỳ chọn --agency)", line


def test_campaign_init_offers_today_as_the_office_writes_a_date(thidua, monkeypatch):
    """"Ngày bắt đầu (ví dụ 15/01/2026) [2026-12-07]:" — the example in one style, the default in another."""
    monkeypatch.setenv("THIDUA_TODAY", "2026-12-07")
    result = thidua("campaign", "init", "--kind", "chuyen-de", "-o", str(thidua.folder / "cds.toml"),
                    input="Thi đua chuyển đổi số y tế 2026\n")
    assert "Ngày bắt đầu (ví dụ 15/01/2026) [07/12/2026]:" in result.stderr, result.stderr
    accepted = thidua("campaign", "init", "--kind", "chuyen-de", "-o", str(thidua.folder / "cds.toml"),
                      input="Thi đua chuyển đổi số y tế 2026\n\n30/12/2026\nSở Y tế\nSYT\nUBND tỉnh Vĩnh Long\nVĩnh Long\n\n\n\n")
    assert accepted.exit_code == 0, accepted.stderr
    assert "start = 2026-12-07" in (thidua.folder / "cds.toml").read_text(encoding="utf-8")


def test_a_missing_prerequisite_is_named_as_the_award_is_called(thidua):
    """Ngô Thị Ánh reached the Bằng khen's score without the Giấy khen it requires: propose-awards said "BK-UBND —
    chưa có GK-GD trong lịch sử khen thưởng" (the code of the campaign file) where every other reason names the
    award ("đã được đề nghị Bằng khen của Chủ tịch UBND tỉnh trong đợt này …", "thiếu Chiến sĩ thi đua cơ sở năm
    …")."""
    campaign = CAMPAIGN.replace('authority = "Giám đốc Sở Y tế"\n', 'authority = "Giám đốc Sở Y tế"\n' + """
[[awards]]
code = "BK-UBND"
name = "Bằng khen của Chủ tịch UBND tỉnh"
level = 2
applies_to = "both"
min_score = 80
requires = ["GK-GD"]
multiplier = 1.5
authority = "Chủ tịch UBND tỉnh"
""")
    thidua.ok("campaign", "load", str(thidua.write("cds.toml", campaign)))
    thidua.ok("subject", "import", str(thidua.write("doi-tuong.csv", SUBJECTS)))
    thidua.ok("awards", "add", "--subject", "CN01", "--award", "GK-GD", "--number", "45/QĐ-SYT", "--date", "15/01/2025")
    thidua.ok("import-entries", str(thidua.write("tt.csv", "ngày,đối tượng,tiêu chí,điểm\n20/04/2026,CN08,KN,60\n")))
    data = json.loads(thidua.ok("propose-awards", "--format", "json", "--out", str(thidua.folder / "hs")).stdout)
    (reason,) = [e["reason"] for e in data["excluded"] if e["subject"] == "CN08" and e["award"] == "BK-UBND"]
    assert reason == "chưa có Giấy khen của Giám đốc Sở Y tế trong lịch sử khen thưởng", reason


def test_a_tie_the_council_settled_is_not_still_called_unsettled(thidua):
    """After record-votes chose Ngô Thị Ánh for the Bằng khen's one place, `record-votes` and `rounds show` still
    headed the tie "Đồng hạng, chưa phân định được, đề nghị Hội đồng xem xét:" over "Hội đồng chọn: CN08 — Ngô Thị
    Ánh"."""
    campaign = CAMPAIGN.replace('authority = "Giám đốc Sở Y tế"\n', 'authority = "Giám đốc Sở Y tế"\n' + """
[[awards]]
code = "BK-UBND"
name = "Bằng khen của Chủ tịch UBND tỉnh"
level = 2
applies_to = "both"
min_score = 80
max_count = 1
multiplier = 1.5
authority = "Chủ tịch UBND tỉnh"
""")
    thidua.ok("campaign", "load", str(thidua.write("cds.toml", campaign)))
    thidua.ok("subject", "import", str(thidua.write("doi-tuong.csv", SUBJECTS)))
    thidua.ok("import-entries", str(thidua.write("tt.csv", "ngày,đối tượng,tiêu chí,điểm\n20/04/2026,CN08,KN,60\n"
                                                           "20/04/2026,CN01,KN,60\n")))
    before = thidua.ok("propose-awards", "--out", str(thidua.folder / "hs")).stdout
    assert "Đồng hạng, chưa phân định được, đề nghị Hội đồng xem xét:" in before
    sheet = thidua.write("phieu.csv", "mã,mã hình thức,số phiếu đồng ý\nCN08,BK-UBND,5\nCN01,BK-UBND,2\n"
                                      "CN08,GK-GD,5\nCN01,GK-GD,5\n")
    for screen in (thidua.ok("record-votes", "1", "--file", str(sheet), "--members", "5").stdout,
                   thidua.ok("rounds", "show", "1").stdout):
        assert "chưa phân định được" not in screen, screen
        assert "Đồng hạng ở suất cuối, Hội đồng đã biểu quyết:" in screen
        assert "Hội đồng chọn: CN08 — Ngô Thị Ánh" in screen
