"""A new office worker following the README and the --help of each command (trial6): what they met."""

from __future__ import annotations

from conftest import assert_refused


def test_templates_list_says_what_every_shipped_template_is_for(thidua):
    """`templates list` left "Dùng cho" empty for bao-cao-tong-ket and danh-sach-dang-ky."""
    from thidua_cli.render.documents import DESCRIPTIONS, list_templates

    names = [t["name"] for t in list_templates()]
    assert [n for n in names if not DESCRIPTIONS.get(n)] == []
    out = thidua.ok("templates", "list").stdout
    assert "Báo cáo tổng kết" in out and "đăng ký thi đua" in out


def test_subject_add_edits_a_known_subject_without_retyping_its_name_and_kind(thidua):
    """The README: `subject add` "thêm (hoặc sửa) … tuỳ chọn không ghi thì giữ giá trị đã có"; yet --name and --kind
    were required, so changing one person's position meant typing their name and kind again."""
    thidua.mini()
    result = thidua.ok("subject", "add", "--code", "NV1", "--position", "Phó Chánh Văn phòng")
    assert "Đã cập nhật NV1 — Nguyễn Văn An" in result.stderr
    listed = thidua.ok("subject", "list", "-O", "json").stdout
    import json

    nv1 = next(s for s in json.loads(listed)["subjects"] if s["code"] == "NV1")
    assert (nv1["name"], nv1["kind"], nv1["unit"], nv1["position"]) == ("Nguyễn Văn An", "individual", "VP", "Phó Chánh Văn phòng")
    # a new subject still needs both; one Lỗi: line naming the option, nothing written
    assert_refused(thidua, ["subject", "add", "--code", "NV9", "--name", "Lê Văn Mới"], "--kind", code=2)
    assert_refused(thidua, ["subject", "add", "--code", "NV9", "--kind", "ca-nhan"], "--name", code=2)
    # the kind the import names (ca-nhan / tap-the) is named in the help too
    assert "ca-nhan" in thidua.ok("subject", "add", "--help").stdout


def test_stats_explain_names_the_ledger_rows_in_vietnamese(thidua):
    """`stats --explain` listed its rows as "award_history 3: …" and "campaign mini: … từ 2021-10-01 đến 2021-12-31"
    (table names and ISO dates); the office reads "khen thưởng số 3" and 01/10/2021."""
    thidua.mini()
    thidua.ok("awards", "add", "--subject", "NV1", "--award", "Bằng khen của Chủ tịch UBND tỉnh", "--number", "12/QĐ-UBND",
              "--date", "15/11/2021")
    text = thidua.ok("stats", "--year", "2021", "--explain", "0601:01:1").stdout
    assert "campaign " not in text and "2021-10-01" not in text, text
    assert "phong trào mini: mini — Phong trào thử nghiệm" in text and "từ 01/10/2021 đến 31/12/2021" in text, text
    form = next(line for line in thidua.ok("stats", "--year", "2021", "-O", "md").stdout.splitlines() if "0603" in line)
    assert form
    text = thidua.ok("stats", "--year", "2021", "--explain", "0603:01:1").stdout
    assert "award_history" not in text, text
    assert "  khen thưởng số " in text and "ngày 15/11/2021" in text, text


def test_awards_add_names_the_option_it_guessed_from_and_an_award_once(thidua):
    """`awards add --award CSTDCS --name "Chiến sĩ thi đua cơ sở"` warned of `--award "Chiến sĩ thi đua cơ sở"` (the
    office typed CSTDCS there); an award outside the campaigns was said twice: "Bằng khen của Bộ … (Bằng khen của Bộ …)"."""
    thidua.mini()
    result = thidua.ok("awards", "add", "--subject", "NV1", "--award", "CSTDCS", "--name", "Chiến sĩ thi đua cơ sở",
                       "--number", "215/QĐ-STTTT", "--date", "28/12/2020")
    assert '--name "Chiến sĩ thi đua cơ sở" → danh hiệu thi đua' in result.stderr, result.stderr
    assert "Chiến sĩ thi đua cơ sở (CSTDCS)" in result.stderr
    result = thidua.ok("awards", "add", "--subject", "NV2", "--award", "Bằng khen của Bộ Thông tin và Truyền thông",
                       "--number", "12/QĐ-BTTTT", "--date", "05/01/2019")
    assert '--award "Bằng khen của Bộ Thông tin và Truyền thông" → hình thức khen thưởng' in result.stderr, result.stderr
    assert "Truyền thông (Bằng khen" not in result.stderr, result.stderr
    assert "Trần Thị Ánh: Bằng khen của Bộ Thông tin và Truyền thông, quyết định số 12/QĐ-BTTTT" in result.stderr


def test_propose_awards_help_says_what_a_round_gives_and_who_may_be_reconsidered(thidua):
    """The help said "mỗi đối tượng nhiều nhất một hình thức trong đợt" (a round gives a danh hiệu and a hình thức) and
    --reconsider only for a failed vote (the README: also those the higher level did not grant)."""
    text = " ".join(thidua.ok("propose-awards", "--help").stdout.split())
    assert "một hình thức khen thưởng và một danh hiệu thi đua trong đợt" in text
    assert "cấp trên không khen" in text


def test_score_explain_writes_the_total_as_the_score_table_does(thidua):
    """`score` showed 20,5 and `score --explain` "Tổng điểm = … = 20,50" (and 91,00 for 91): one number, two spellings."""
    thidua.mini()
    thidua.ok("add-entry", "--subject", "NV1", "--criterion", "TC1", "--points", "20,5", "--date", "05/11/2021")
    assert " 20,5 " in thidua.ok("score").stdout
    text = thidua.ok("score", "--explain", "NV1").stdout
    assert "Tổng điểm = 20,5 + 0 = 20,5\n" in text, text


def test_subject_unblock_of_a_subject_not_blocked_says_so(thidua):
    """`subject unblock NV1` of a subject never blocked said "Đã bỏ tạm dừng xét khen thưởng NV1" as if it had lifted one."""
    thidua.mini()
    before = thidua.digest()
    result = thidua.ok("subject", "unblock", "NV1")
    assert "Đã bỏ" not in result.stderr
    assert "NV1 — Nguyễn Văn An không bị tạm dừng xét khen thưởng; không thay đổi gì" in result.stderr
    assert thidua.digest() == before
    thidua.ok("subject", "block", "NV1", "--reason", "đang xem xét kỷ luật")
    assert "Đã bỏ tạm dừng xét khen thưởng NV1 — Nguyễn Văn An" in thidua.ok("subject", "unblock", "NV1").stderr


def test_certificates_of_a_round_not_in_the_ledger_says_there_is_no_such_round(thidua):
    """`certificates 9` (no round 9) said "đợt đề nghị số 9 … chưa có khen thưởng nào được quyết định", as if round 9
    existed and waited for its decision."""
    thidua.mini()
    result = assert_refused(thidua, ["certificates", "9", "-o", str(thidua.folder / "in")],
                            "không có đợt đề nghị số 9 của phong trào mini (đang có: chưa có đợt nào)")
    assert "chưa có khen thưởng nào được quyết định" not in result.stderr


def test_report_gives_the_highlight_of_the_one_who_takes_a_violators_place(thidua):
    """Section II leaves out one with a violation and names the next ranked in their place, but the "Thành tích nổi
    bật" was read only for the first `--top` ranks: the one who took the place had it empty (demo: Võ Thanh Sơn, 6th)."""
    import json

    thidua.mini()
    thidua.ok("add-entry", "--subject", "NV1", "--criterion", "TC1", "--points", "30", "--date", "05/11/2021", "--note", "Việc lớn")
    thidua.ok("add-entry", "--subject", "NV1", "--criterion", "VP", "--points", "-1", "--date", "06/11/2021", "--note", "Đi muộn")
    thidua.ok("add-entry", "--subject", "NV2", "--criterion", "TC1", "--points", "20", "--date", "07/11/2021",
              "--note", "Số hoá hồ sơ lưu trữ")
    report = json.loads(thidua.ok("report", "--month", "2021-11", "--top", "1", "-O", "json").stdout)
    people = [line for line in report["top"] if line["subject"] == "NV2"]
    assert people and people[0]["highlight"] == "Số hoá hồ sơ lưu trữ", report["top"]
    assert all(line["subject"] != "NV1" for line in report["top"])


def test_campaign_init_without_plan_says_the_plan_number_is_a_placeholder(thidua):
    """`campaign init --no-input` without --plan wrote "Kế hoạch số 01/KH-SNV" without a word; every tờ trình and report
    then cites a plan number nobody issued."""
    args = ["campaign", "init", "--kind", "thuong-xuyen", "--year", "2026", "--agency", "Sở Nội vụ",
            "--parent-agency", "UBND tỉnh Vĩnh Long", "--place", "Vĩnh Long", "--no-input"]
    result = thidua.ok(*args, "-o", str(thidua.folder / "a.toml"))
    assert "Cảnh báo: chưa ghi --plan: tệp ghi tạm Kế hoạch số 01/KH-SNV" in result.stderr, result.stderr
    result = thidua.ok(*args, "--plan", "12/KH-SNV", "-o", str(thidua.folder / "b.toml"))
    assert "--plan" not in result.stderr


def test_subject_list_and_score_take_the_kind_as_subject_import_does(thidua):
    """`subject import --kind ca-nhan` and `subject add --kind "cá nhân"`, but `subject list --kind ca-nhan` and
    `score --kind ca-nhan` were refused: '"ca-nhan" phải là individual hoặc collective'."""
    thidua.mini()
    listed = thidua.ok("subject", "list", "--kind", "ca-nhan").stdout
    assert "NV1" in listed and "Văn phòng Sở" not in listed
    assert "Văn phòng Sở" in thidua.ok("subject", "list", "--kind", "tập thể").stdout
    assert "Văn phòng Sở" not in thidua.ok("score", "--kind", "ca-nhan").stdout
    assert "NV1" in thidua.ok("subject", "list", "--kind", "individual").stdout  # the old words still do
    assert_refused(thidua, ["score", "--kind", "nhóm"], '--kind: "nhóm" phải là ca-nhan (cá nhân) hoặc tap-the (tập thể)', code=2)
