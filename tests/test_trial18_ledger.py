"""trial18: documents of ledgers made through the CLI as an office would (a campaign from `campaign init`), read as signed."""

from __future__ import annotations

from docx import Document


def _campaign(thidua, more: str = "", more_entries: str = ""):
    thidua.ok("campaign", "init", "--no-input", "--kind", "chuyen-de", "--year", "2026", "--name", "Thi đua chuyển đổi số năm 2026",
              "--code", "cds-2026", "--agency", "Sở Khoa học và Công nghệ", "--agency-short", "SKHCN",
              "--parent-agency", "UBND tỉnh Vĩnh Long", "--place", "Vĩnh Long", "--plan", "07/KH-SKHCN",
              "--start", "2026-02-01", "--end", "2026-11-30", "--council-members", "9", "-o", str(thidua.folder / "cds.toml"))
    toml = thidua.folder / "cds.toml"  # every subject may be proposed: a campaign of three
    toml.write_text(toml.read_text(encoding="utf-8").replace("quota_percent = 15", "quota_percent = 100")
                    .replace("quota_percent = 30", "quota_percent = 100"), encoding="utf-8")
    thidua.ok("campaign", "load", str(toml))
    thidua.ok("subject", "import", str(thidua.write("dt.csv", """
        code,name,kind,unit,position,gender,female_percent
        P1,Phòng Quản lý khoa học,tập thể,,,,40
        CN1,Nguyễn Thanh Lộc,cá nhân,P1,Trưởng phòng,nam,
        CN2,Lê Thị Hà,cá nhân,P1,Chuyên viên,nữ,
        """ + more)))
    thidua.ok("import-entries", str(thidua.write("tt.csv", """
        date,subject,criterion,points,note,evidence
        2026-03-02,P1,TC1,50,Hoàn thành kế hoạch,
        2026-03-02,P1,TC2,40,Số hoá hồ sơ,
        2026-03-02,CN1,TC1,50,Hoàn thành kế hoạch,
        2026-03-02,CN1,TC2,40,Số hoá hồ sơ,
        2026-03-02,CN2,TC1,45,Hoàn thành kế hoạch,
        2026-03-02,CN2,TC2,40,Số hoá hồ sơ,
        """ + more_entries)))


def test_a_bang_khen_of_the_province_names_the_province(thidua, monkeypatch):
    """`campaign init` writes the Bằng khen's authority as "Chủ tịch UBND tỉnh" (the province is the campaign's
    parent agency, "UBND tỉnh Vĩnh Long"): the certificate was headed "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", with no
    province, as no blank of any province reads. The ledger knows the province: the heading names it."""
    monkeypatch.setenv("THIDUA_TODAY", "2026-12-10")
    _campaign(thidua)
    out = thidua.folder / "hs"
    thidua.ok("propose-awards", "--out", str(out))
    votes = thidua.write("phieu.csv", "subject,award,votes\nP1,BK-UBND,9\nCN1,BK-UBND,9\nCN2,GK,9\n")
    thidua.ok("record-votes", "1", "--file", str(votes), "--date", "2026-12-03")
    thidua.ok("record-decision", "1", "--authority", "ubnd", "--number", "2451/QĐ-UBND", "--date", "2026-12-07")
    thidua.ok("record-decision", "1", "--authority", "giam doc", "--number", "125/QĐ-SKHCN", "--date", "2026-12-05")
    thidua.ok("certificates", "1", "-o", str(thidua.folder / "in"))
    texts = {}
    for name in ("bang-khen", "giay-khen"):
        document = Document(str(thidua.folder / "in" / f"{name}.docx"))
        texts[name] = [p.text for p in document.paragraphs] + [
            p.text for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    assert texts["bang-khen"].count("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH VĨNH LONG") == 2, texts["bang-khen"]
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH" not in texts["bang-khen"]
    assert "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ" in texts["giay-khen"]  # an authority naming its agency is left as it is


def test_in_full_completes_only_a_bare_province():
    from thidua_cli.domain.certificates import in_full

    assert in_full("Chủ tịch UBND tỉnh", "UBND tỉnh Vĩnh Long") == "Chủ tịch Ủy ban nhân dân tỉnh Vĩnh Long"
    assert in_full("Chủ tịch UBND tỉnh Trà Vinh", "UBND tỉnh Vĩnh Long") == "Chủ tịch Ủy ban nhân dân tỉnh Trà Vinh"
    assert in_full("Chủ tịch UBND thành phố", "Ủy ban nhân dân thành phố Cần Thơ") == "Chủ tịch Ủy ban nhân dân thành phố Cần Thơ"
    assert in_full("Chủ tịch UBND tỉnh", "Bộ Khoa học và Công nghệ") == "Chủ tịch Ủy ban nhân dân tỉnh"  # nothing to take it from
    assert in_full("Chủ tịch UBND tỉnh", "UBND thành phố Cần Thơ") == "Chủ tịch Ủy ban nhân dân tỉnh"  # not that level
    assert in_full("Giám đốc Sở Khoa học và Công nghệ", "UBND tỉnh Vĩnh Long") == "Giám đốc Sở Khoa học và Công nghệ"


def test_a_biên_bản_of_two_days_closes_on_the_last_sitting(thidua, monkeypatch):
    """The council voted on 03/12 (08:00–10:30), one Bằng khen fell through, and it voted again on 04/12 (14:00–15:00):
    the biên bản, dated 04/12 and telling both sittings, closed with "Cuộc họp ngày 03 tháng 12 năm 2026 kết thúc lúc
    10 giờ 30 phút. Biên bản đã được thông qua …" — approved on 03/12 with the result of 04/12 in it. It closes on the
    last sitting now; a second sitting on the same day still ends the meeting of that day."""
    monkeypatch.setenv("THIDUA_TODAY", "2026-12-10")
    _campaign(thidua)
    out = thidua.folder / "hs"
    thidua.ok("propose-awards", "--out", str(out))
    votes = thidua.write("phieu.csv", "subject,award,votes\nP1,BK-UBND,9\nCN1,BK-UBND,5\nCN2,GK,9\n")
    thidua.ok("record-votes", "1", "--file", str(votes), "--date", "2026-12-03", "--start", "08:00", "--end", "10:30",
              "--place", "Phòng họp Sở")
    again = thidua.write("phieu-2.csv", "subject,award,votes\nCN1,GK,8\n")
    thidua.ok("record-votes", "1", "--file", str(again), "--date", "2026-12-04", "--start", "14:00", "--end", "15:00")
    for path in sorted(out.glob("*/bien-ban.md")):
        text = path.read_text(encoding="utf-8")
        assert "Thời gian: bắt đầu lúc 08 giờ 00 phút, ngày 03 tháng 12 năm 2026." in text
        assert "ngày 03 tháng 12 năm 2026 kết thúc" not in text, path
        assert ("Phiên họp cuối ngày 04 tháng 12 năm 2026 kết thúc lúc 15 giờ 00 phút. Biên bản đã được thông qua trước các "
                "thành viên dự họp./.") in text, text[-600:]
    docx = next(out.glob("*/bien-ban.docx"))
    assert any(p.text.startswith("Phiên họp cuối ngày 04 tháng 12 năm 2026 kết thúc lúc 15 giờ 00 phút.")
               for p in Document(str(docx)).paragraphs)
    html = next(out.glob("*/bien-ban.html")).read_text(encoding="utf-8")
    assert "Phiên họp cuối ngày 04 tháng 12 năm 2026 kết thúc lúc 15 giờ 00 phút." in html


def test_certificates_come_in_the_order_of_the_decisions_list(thidua, monkeypatch):
    """The Giấy khen came out in the order the decision was recorded — by score — while the quyết định's annex lists
    the people by name (tên, tên đệm, họ): the office matching each certificate with its line of the annex, and
    numbering them in the register (--first-number), found them in another order. They follow the annex now."""
    monkeypatch.setenv("THIDUA_TODAY", "2026-12-10")
    _campaign(thidua, "CN3,Trần Văn An,cá nhân,P1,Kỹ sư,nam,\nCN4,Phạm Thị Yến,cá nhân,P1,Chuyên viên,nữ,\n",
              "2026-03-02,CN3,TC1,42,Hoàn thành kế hoạch,\n2026-03-02,CN3,TC2,40,Số hoá hồ sơ,\n"
              "2026-03-02,CN4,TC1,50,Hoàn thành kế hoạch,\n2026-03-02,CN4,TC2,40,Số hoá hồ sơ,\n")
    out = thidua.folder / "hs"
    thidua.ok("propose-awards", "--out", str(out))
    votes = "subject,award,votes\nP1,BK-UBND,9\nCN1,BK-UBND,9\nCN2,GK,9\nCN3,GK,9\nCN4,BK-UBND,9\n"
    result = thidua("record-votes", "1", "--file", str(thidua.write("phieu.csv", votes)), "--date", "2026-12-03")
    assert result.exit_code == 0, result.stderr
    thidua.ok("record-decision", "1", "--authority", "ubnd", "--number", "2451/QĐ-UBND", "--date", "2026-12-07")
    thidua.ok("record-decision", "1", "--authority", "giam doc", "--number", "125/QĐ-SKHCN", "--date", "2026-12-05")
    thidua.ok("certificates", "1", "--first-number", "1", "-o", str(thidua.folder / "in"))
    people = {"Nguyễn Thanh Lộc", "Lê Thị Hà", "Trần Văn An", "Phạm Thị Yến", "Phòng Quản lý khoa học"}

    def names(path):
        document = Document(str(path))
        texts = [p.text for p in document.paragraphs] + [p.text for t in document.tables for r in t.rows for c in r.cells
                                                         for p in c.paragraphs]
        return [t.split(" ", 1)[1] if t.startswith(("Ông ", "Bà ")) else t for t in texts
                if (t.split(" ", 1)[1] if t.startswith(("Ông ", "Bà ")) else t) in people]

    for certificates, decision, granted in (
            ("bang-khen", "1-chu-tich-ubnd-tinh-vinh-long/danh-sach.md", people - {"Lê Thị Hà", "Trần Văn An"}),
            ("giay-khen", "2-giam-doc-so-khoa-hoc-va-cong-nghe/quyet-dinh.md", {"Lê Thị Hà", "Trần Văn An"})):
        annex = (out / decision).read_text(encoding="utf-8")
        listed = sorted(granted, key=annex.index)  # each name's first line: its row of the list
        assert names(thidua.folder / "in" / f"{certificates}.docx") == listed, (certificates, listed)
    assert names(thidua.folder / "in" / "giay-khen.docx") == ["Trần Văn An", "Lê Thị Hà"]  # An before Hà: by tên
