"""thidua register: đăng ký thi đua, its review, the summary sent upward, and requires_registration."""

from __future__ import annotations

import json

import pytest

from conftest import EXAMPLE, MINI_CAMPAIGN, assert_golden, assert_refused


@pytest.fixture
def mini(thidua, monkeypatch):
    monkeypatch.setenv("THIDUA_TODAY", "2021-10-20")
    return thidua.mini()


def listing(thidua, *args) -> list[dict]:
    return json.loads(thidua.ok("register", "list", "-O", "json", *args).stdout)["registrations"]


def test_add_approve_return_and_register_again(mini):
    assert mini.ok("register", "add", "-s", "NV1", "-a", "GK", "-t", "Hoàn thành xuất sắc; 01 sáng kiến").stdout == "1\n"
    assert mini.ok("register", "add", "-s", "Trần Thị Ánh", "-a", "giấy khen của giám đốc sở", "-d", "05/10/2021").stdout == "2\n"
    mini.ok("register", "approve", "1")
    result = mini.ok("register", "return", "2", "--reason", "Chỉ tiêu chưa cụ thể")
    assert "Đã trả lại 1 đăng ký: số 2 (NV2, GK)" in result.stderr
    rows = listing(mini)
    assert [(r["id"], r["subject"], r["award"], r["status"], r["reason"], r["date"]) for r in rows] == [
        (1, "NV1", "GK", "da-duyet", None, "2021-10-20"),
        (2, "NV2", "GK", "tra-lai", "Chỉ tiêu chưa cụ thể", "2021-10-05"),
    ]
    # a returned registration is replaced by registering again; the history stays in the ledger
    mini.ok("register", "add", "-s", "NV2", "-a", "GK", "-t", "Chỉ tiêu cụ thể")
    rows = listing(mini)
    assert [(r["id"], r["subject"], r["status"], r["targets"]) for r in rows] == [
        (1, "NV1", "da-duyet", "Hoàn thành xuất sắc; 01 sáng kiến"), (3, "NV2", "cho-duyet", "Chỉ tiêu cụ thể"),
    ]
    assert [r["id"] for r in listing(mini, "--status", "chờ duyệt")] == [3]
    mini.ok("register", "approve", "--all")
    assert {r["status"] for r in listing(mini)} == {"da-duyet"}


def test_refusals_name_the_record_and_change_nothing(mini):
    mini.ok("register", "add", "-s", "NV1", "-a", "GK")
    assert_refused(mini, ["register", "add", "-s", "NV1", "-a", "GK"], "NV1 — Nguyễn Văn An đã đăng ký GK ngày 20/10/2021 (số 1, chờ duyệt)")
    assert_refused(mini, ["register", "add", "-s", "NV1", "-a", "BK"],
                   '--award: "BK" không phải danh hiệu, hình thức của phong trào mini (có: GK — Giấy khen của Giám đốc Sở)')
    assert_refused(mini, ["register", "add", "-s", "NV9", "-a", "GK"], 'không tìm thấy đối tượng "NV9"')
    assert_refused(mini, ["register", "add", "-s", "NV1", "-a", "GK", "-d", "31/02/2021"], "--date", code=2)
    assert_refused(mini, ["register", "approve", "7"], "không có đăng ký số 7 trong phong trào mini")
    assert_refused(mini, ["register", "return", "1"], "--reason", code=2)
    assert_refused(mini, ["register", "return", "1", "--reason", "  "], "--reason: cần ghi lý do trả lại đăng ký", code=2)
    mini.ok("register", "approve", "1")
    assert_refused(mini, ["register", "approve", "1"], "đăng ký số 1 (NV1, GK) đang ở tình trạng đã duyệt")
    assert_refused(mini, ["register", "approve"], "ghi số đăng ký", code=2)
    assert_refused(mini, ["register", "list", "--status", "xong"], '--status: "xong" không hợp lệ', code=2)


def test_import_checks_every_row_first_and_skips_what_is_there(mini):
    good = mini.write("dk.csv", """
        Mã,Danh hiệu/hình thức đăng ký,Chỉ tiêu đăng ký,Ngày đăng ký
        VP,GK,"Không có ca lây nhiễm, 100% tiêm vắc xin",02/10/2021
        Lê Văn Hòa,Giấy khen của Giám đốc Sở,Hoàn thành xuất sắc nhiệm vụ,2021-10-03
    """)
    result = mini.ok("register", "import", str(good), "--dry-run")
    assert "sẽ ghi 2 đăng ký, bỏ qua 0 đã có. Chưa ghi gì." in result.stderr
    assert listing(mini) == []
    assert "Đã ghi 2 đăng ký (chờ duyệt); bỏ qua 0" in mini.ok("register", "import", str(good)).stderr
    assert "Đã ghi 0 đăng ký (chờ duyệt); bỏ qua 2" in mini.ok("register", "import", str(good)).stderr
    rows = listing(mini)
    assert [(r["subject"], r["award"], r["targets"], r["date"]) for r in rows] == [
        ("VP", "GK", "Không có ca lây nhiễm, 100% tiêm vắc xin", "2021-10-02"),
        ("NV3", "GK", "Hoàn thành xuất sắc nhiệm vụ", "2021-10-03"),
    ]
    # the numbers the office types next (register approve 1 2) are a file's on a server too: the dry run took none
    assert [r["id"] for r in rows] == [1, 2]
    bad = mini.write("sai.csv", """
        subject,award,targets,date
        NV1,GK,,01/10/2021
        NV1,GK,,01/10/2021
        NV9,GK,,01/10/2021
        NV2,BK,,01/10/2021
        NV2,GK,,32/10/2021
    """)
    result = assert_refused(mini, ["register", "import", str(bad)],
                            'tệp sai.csv có 4 dòng lỗi, chưa ghi gì vào sổ — dòng 3, cột "award": "GK" NV1 đã đăng ký GK ở dòng 2 của tệp này')
    assert 'dòng 4, cột "subject": "NV9" không có đối tượng này trong sổ' in result.stderr
    assert 'dòng 5, cột "award": "BK" không phải danh hiệu, hình thức của phong trào mini' in result.stderr
    assert 'dòng 6, cột "date": "32/10/2021" không phải ngày có thật' in result.stderr
    assert_refused(mini, ["register", "import", str(mini.write("trong.csv", "Mã,Chỉ tiêu\nNV1,x\n"))], "thiếu cột danh hiệu, hình thức đăng ký (mã hoặc tên) (dòng tiêu đề có:")


def test_the_example_summary_sent_upward(thidua, monkeypatch, tmp_path):
    monkeypatch.setenv("THIDUA_TODAY", "2021-10-25")
    thidua.example()
    thidua.ok("register", "import", str(EXAMPLE / "registrations.csv"))
    thidua.ok("register", "approve", "--all")
    thidua.ok("register", "return", "23", "--reason", "Đăng ký Huân chương phải do Bộ, tỉnh đề nghị; đăng ký lại danh hiệu phù hợp")
    document = thidua.ok("register", "list", "-O", "md", "--date", "2021-10-25").stdout
    assert_golden("registrations-example.md", document)
    assert "*Trà Vinh, ngày 25 tháng 10 năm 2021*" in document
    assert "Tổng cộng: 06 tập thể và 17 cá nhân, 23 lượt đăng ký (đã duyệt 22, trả lại 01)" in document
    html = thidua.ok("register", "list", "-O", "html").stdout
    assert "<td>Trung tâm Công nghệ thông tin và Truyền thông</td>" in html
    thidua.ok("register", "list", "-o", str(tmp_path / "dk.docx"))
    from docx import Document

    word = Document(str(tmp_path / "dk.docx"))
    section = word.sections[0]
    assert section.page_width > section.page_height  # A4 ngang
    text = "\n".join(cell.text for table in word.tables for row in table.rows for cell in row.cells)
    assert "Trần Hữu Phước" in text and "Huân chương Lao động hạng Ba" in text
    assert "I. TẬP THỂ (06)" in text and "II. CÁ NHÂN (17)" in text
    assert all(run.font.name in (None, "Times New Roman") for p in word.paragraphs for run in p.runs)


REQUIRING = MINI_CAMPAIGN.replace('authority = "Giám đốc Sở Thông tin và Truyền thông"',
                                  'authority = "Giám đốc Sở Thông tin và Truyền thông"\nrequires_registration = true')


def gated(thidua, monkeypatch) -> None:
    """Awards need an approved registration: NV1 approved, NV2 pending, NV3 returned, VP and NV4 none."""
    monkeypatch.setenv("THIDUA_TODAY", "2022-01-05")
    thidua.ok("campaign", "load", str(thidua.write("mini.toml", REQUIRING)))
    thidua.ok("subject", "import", str(thidua.write("s.csv", """
        code,name,kind,unit,position,gender
        VP,Văn phòng Sở,tập thể,,,
        NV1,Nguyễn Văn An,cá nhân,VP,Chuyên viên,nam
        NV2,Trần Thị Ánh,cá nhân,VP,Chánh Văn phòng,nữ
        NV3,Lê Văn Hòa,cá nhân,VP,Chuyên viên,nam
        NV4,Phạm Văn Bình,cá nhân,VP,Chuyên viên,nam
    """)))
    for code in ("VP", "NV1", "NV2", "NV3", "NV4"):
        thidua.ok("add-entry", "--subject", code, "--criterion", "TC1", "--points", "30", "--date", "2021-11-02")
    thidua.ok("register", "add", "-s", "NV1", "-a", "GK")  # approved below
    thidua.ok("register", "add", "-s", "NV2", "-a", "GK")  # still pending
    thidua.ok("register", "add", "-s", "NV3", "-a", "GK")  # returned
    thidua.ok("register", "approve", "1")
    thidua.ok("register", "return", "3", "--reason", "Thiếu chỉ tiêu")


def test_propose_awards_excludes_unregistered_subjects_with_the_reason(thidua, monkeypatch):
    gated(thidua, monkeypatch)
    result = thidua.ok("propose-awards", "--out", str(thidua.folder / "hs"))
    assert "Tổng cộng: 1 cá nhân; tổng tiền thưởng 450.000 đồng." in result.stdout
    assert "VP — Văn phòng Sở: GK — chưa đăng ký thi đua GK" in result.stdout
    assert "NV2 — Trần Thị Ánh: GK — đăng ký thi đua GK chưa được duyệt" in result.stdout
    assert "NV3 — Lê Văn Hòa: GK — đăng ký thi đua bị trả lại (Thiếu chỉ tiêu)" in result.stdout
    assert "NV4 — Phạm Văn Bình: GK — chưa đăng ký thi đua GK" in result.stdout
    proposed = json.loads(thidua.ok("propose-awards", "-O", "json", "--replace", "1", "--out", str(thidua.folder / "hs2")).stdout)["proposals"]
    assert [p["subject"] for p in proposed] == ["NV1"]


# --------------------------------------------------------------------------- property: the proposal rules with registration

from datetime import date  # noqa: E402
from decimal import Decimal  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

STATUSES = (None, "cho-duyet", "da-duyet", "tra-lai")


@settings(max_examples=150, deadline=None)
@given(
    totals=st.lists(st.integers(0, 100), min_size=1, max_size=9),
    kinds=st.lists(st.booleans(), min_size=9, max_size=9),
    requiring=st.tuples(st.booleans(), st.booleans()),
    quota=st.one_of(st.none(), st.integers(0, 100)),
    registered=st.lists(st.tuples(st.sampled_from(STATUSES), st.sampled_from(("A", "B"))), min_size=9, max_size=9),
)
def test_registration_gate_in_the_proposal_rules(totals, kinds, requiring, quota, registered):
    from conftest import sums_from_cells
    from thidua_cli.domain.models import Award, Campaign, Criterion, Period, Subject
    from thidua_cli.domain.proposals import decide
    from thidua_cli.domain.registration import APPROVED, Registration, registration_gate
    from thidua_cli.domain.scoring import compute_standings, in_name_order

    awards = tuple(
        Award(code=code, name=f"Hình thức {code}", level=level, applies_to="both", min_score=Decimal(minimum), authority="Giám đốc Sở",
              multiplier=Decimal("0.3"), quota_percent=None if quota is None else Decimal(quota), requires_registration=flag, position=i)
        for i, (code, level, minimum, flag) in enumerate((("A", 2, 60, requiring[0]), ("B", 1, 30, requiring[1])))
    )
    campaign = Campaign(code="p", name="Thử", kind="chuyen-de", plan="1/KH-X", issued=None, start=date(2022, 1, 1),
                        end=date(2022, 12, 31), agency="Sở X", parent_agency="", place="", base_salary=1490000,
                        criteria=(Criterion("K", "Tiêu chí", "both"),), awards=awards, id=1)
    subjects = [Subject(code=f"S{i}", name=f"Người {chr(65 + i)}", kind="collective" if kinds[i] else "individual", id=i + 1)
                for i in range(len(totals))]
    standings = compute_standings(campaign, Period(campaign.start, campaign.end), in_name_order(subjects),
                                  sums_from_cells(campaign, [(s.id, "K", t * 100, 1, 0) for s, t in zip(subjects, totals)]))
    registrations = [Registration(i + 1, s, award, f"Hình thức {award}", "", date(2022, 1, 2), status)
                     for i, (s, (status, award)) in enumerate(zip(subjects, registered)) if status is not None]
    gate = registration_gate(campaign, registrations)
    assert (gate is None) == (not any(requiring))
    outcome = decide(standings, {}, None, refuse=gate)
    approved = {(r.subject.code, r.award) for r in registrations if r.status == APPROVED}
    level = {a.code: a.level for a in awards}
    for p in outcome.proposals:  # every proposal for an award requiring registration has an approved one for it or above
        if p.award.requires_registration:
            assert any((p.subject.code, code) in approved for code in level if level[code] >= p.award.level)
    got = {p.subject.code: p.award for p in outcome.proposals}
    excluded = {(e.subject.code, e.award.code): e for e in outcome.excluded}
    for row in standings.rows:  # a subject the gate refuses is listed for that award, with the gate's reason
        for award in awards:
            refused = gate(award, row.subject) if gate else None
            if refused and row.total >= award.min_score and row.subject.code not in got:
                assert (excluded[(row.subject.code, award.code)].reason,
                        excluded[(row.subject.code, award.code)].text) == ("registration", refused)
    # with every subject approved for the top award, the gate changes nothing
    everyone = [Registration(i + 1, s, "A", "Hình thức A", "", date(2022, 1, 2), APPROVED) for i, s in enumerate(subjects)]
    gated = decide(standings, {}, None, refuse=registration_gate(campaign, everyone))
    plain = decide(standings, {}, None)
    assert (gated.proposals, gated.ties, gated.excluded) == (plain.proposals, plain.ties, plain.excluded)


def test_import_names_the_columns_it_does_not_use_and_the_ledger_checks(mini):
    path = mini.write("dk2.csv", "Họ và tên,Danh hiệu đăng ký,Chỉ tiêu,Ghi chú riêng\nNguyễn Văn An,GK,Hoàn thành tốt,abc\n")
    result = mini.ok("register", "import", str(path))
    assert "Cảnh báo: bỏ qua cột" in result.stderr and "Ghi chú riêng" in result.stderr
    assert [(r["subject"], r["targets"]) for r in listing(mini)] == [("NV1", "Hoàn thành tốt")]
    mini.ok("register", "approve", "1")
    assert mini.ok("check").stdout == ""


# --------------------------------------------------------------------------- the same gate wherever eligibility is explained


def test_score_explain_says_what_propose_awards_says_of_the_registration(thidua, monkeypatch):
    gated(thidua, monkeypatch)
    said = {
        "VP": "Không được đề nghị GK — Giấy khen của Giám đốc Sở: chưa đăng ký thi đua GK",
        "NV2": "Không được đề nghị GK — Giấy khen của Giám đốc Sở: đăng ký thi đua GK chưa được duyệt",
        "NV3": "Không được đề nghị GK — Giấy khen của Giám đốc Sở: đăng ký thi đua bị trả lại (Thiếu chỉ tiêu)",
        "NV4": "Không được đề nghị GK — Giấy khen của Giám đốc Sở: chưa đăng ký thi đua GK",
    }
    for code, line in said.items():
        explained = thidua.ok("score", "--explain", code).stdout
        assert line in explained, explained
        assert "Được đề nghị" not in explained
        data = json.loads(thidua.ok("score", "--explain", code, "-O", "json").stdout)["awards"]
        assert data["proposed"] == [] and [e["reason"] for e in data["excluded"]] == [line.split(": ", 1)[1]]
    assert "Được đề nghị: GK — Giấy khen của Giám đốc Sở" in thidua.ok("score", "--explain", "NV1").stdout
    # propose-awards says the same of each of them
    shown = thidua.ok("propose-awards", "--out", str(thidua.folder / "hs")).stdout
    for code, line in said.items():
        assert line.split(": ", 1)[1] in [row.split(": GK — ", 1)[-1] for row in shown.splitlines() if row.strip().startswith(code + " —")]


def test_a_vote_falling_through_does_not_reach_an_award_that_needs_registration(thidua):
    from test_proposals import award, people, propose, setup

    awards = award("BK", 2, min_score=85, max_count=1, multiplier=1.0, vote_threshold=80) + award("GK", 1, requires_registration=True)
    setup(thidua, awards, people("NV1,Nguyễn Văn An,cá nhân,VP,nam,", "NV2,Trần Văn Bình,cá nhân,VP,nam,"), {"NV1": 90, "NV2": 80})
    thidua.ok("register", "add", "-s", "NV2", "-a", "GK")
    thidua.ok("register", "approve", "1")
    assert [(p["award"], p["subject"]) for p in propose(thidua)["proposals"]] == [("BK", "NV1"), ("GK", "NV2")]
    result = thidua.ok("record-votes", "1", "--members", "10", "--format", "json",
                       "--file", str(thidua.write("p.csv", "subject,votes\nNV1,5\nNV2,9\n")))
    data = json.loads(result.stdout)
    # NV1 failed BK; GK below it needs a registration NV1 never made: no second sitting for NV1
    assert not any(p["subject"] == "NV1" and p["award"] == "GK" for p in data["proposals"]), data["proposals"]
    assert "xét tiếp" not in result.stderr


def test_a_stray_comma_in_a_registration_cell_is_no_award_and_a_wrong_part_is_named(thidua):
    """An office's list wrote "GK," (a comma left after the award): the file was refused as if GK were no award of the
    campaign, the list of awards in the same message holding it. The stray comma is no award; in "GK, Huân chương"
    the part that is none is the one named."""
    thidua.mini()
    done = thidua("register", "import", str(thidua.write("dk.csv", "Mã,Danh hiệu đăng ký\nNV1,\"GK,\"\n")))
    assert done.exit_code == 0, done.stderr
    registered = json.loads(thidua.ok("register", "list", "--format", "json").stdout)["registrations"]
    assert [(r["subject"], r["award"]) for r in registered] == [("NV1", "GK")]
    refused = assert_refused(thidua, ["register", "import", str(thidua.write("dk2.csv", "Mã,Danh hiệu đăng ký\nNV2,\"GK, Huân chương Lao động\"\n"))],
                             '"GK, Huân chương Lao động" "Huân chương Lao động": không phải danh hiệu, hình thức')
    assert refused.stderr.count("Huân chương Lao động") == 2, refused.stderr  # the cell, then the part at fault
