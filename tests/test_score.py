"""thidua score on the bundled example: golden files, filters, periods, explain."""

import json

import pytest

from conftest import assert_golden, assert_refused


@pytest.fixture
def example(thidua):
    return thidua.example()


def test_golden_table_json_csv(example):
    assert_golden("score-example.txt", example.ok("score").stdout)
    assert_golden("score-example.json", example.ok("score", "--format", "json").stdout)
    assert_golden("score-example.csv", example.ok("score", "--format", "csv").stdout)
    assert_golden("score-example.md", example.ok("score", "--format", "md").stdout)


def test_golden_explain(example):
    assert_golden("explain-NV19.txt", example.ok("score", "--explain", "Nguyễn Tuấn Anh").stdout)
    data = json.loads(example.ok("score", "--explain", "NV19", "--format", "json").stdout)
    assert data["subject"]["subject"] == "NV19"
    penalty = next(c for c in data["criteria"] if c["criterion"] == "VPH")
    assert penalty["raw"] == -2.0 and penalty["entries"][0]["points"] == -2.0
    capped = [c for c in data["criteria"] if c["bound"] == "trần"]
    assert capped and all(c["raw"] > c["score"] for c in capped)
    assert sum(c["weighted"] for c in data["criteria"]) == data["total"]


def test_json_schema_matches_spec(example):
    data = json.loads(example.ok("score", "--format", "json").stdout)
    assert set(data) == {"campaign", "from", "to", "standings"}
    row = data["standings"][0]
    assert set(row) == {"subject", "name", "kind", "unit", "criteria", "total", "rank", "tier", "entries"}
    assert row["kind"] == "collective" and row["unit"] is None
    kinds = [r["kind"] for r in data["standings"]]
    assert kinds == sorted(kinds), "collectives first, then individuals"
    assert len(data["standings"]) == 46, "every active subject is present, with zeros if it has no entries"
    empty = next(r for r in data["standings"] if r["subject"] == "NV08")
    assert empty["total"] == 0 and empty["entries"] == 0 and set(empty["criteria"].values()) == {0}


def test_competition_ranking_ties_in_name_order(example):
    data = json.loads(example.ok("score", "--kind", "individual", "--format", "json").stdout)
    tied = [r for r in data["standings"] if r["total"] == 80.0]
    # Đinh Công Đạt before Bùi Quang Vinh: tên "Đạt" < "Vinh" (Vietnamese name order)
    assert [r["subject"] for r in tied] == ["NV39", "NV26"]
    assert tied[0]["rank"] == tied[1]["rank"]
    ranks = [r["rank"] for r in data["standings"]]
    for previous, current, row in zip(ranks, ranks[1:], data["standings"][1:]):
        assert current >= previous
    after = data["standings"].index(tied[1]) + 1
    assert data["standings"][after]["rank"] == tied[0]["rank"] + 2


def test_periods(example):
    month = json.loads(example.ok("score", "--month", "2021-11", "--format", "json").stdout)
    assert (month["from"], month["to"]) == ("2021-11-01", "2021-11-30")
    quarter = json.loads(example.ok("score", "--quarter", "2021-Q4", "--format", "json").stdout)
    assert (quarter["from"], quarter["to"]) == ("2021-10-01", "2021-12-31")
    year = json.loads(example.ok("score", "--year", "2022", "--format", "json").stdout)
    assert (year["from"], year["to"]) == ("2022-01-01", "2022-12-31")
    as_of = json.loads(example.ok("score", "--as-of", "31/12/2021", "--format", "json").stdout)
    assert (as_of["from"], as_of["to"]) == ("2021-10-15", "2021-12-31")
    by_month = {r["subject"]: r["entries"] for r in month["standings"]}
    by_quarter = {r["subject"]: r["entries"] for r in quarter["standings"]}
    assert all(by_month[s] <= by_quarter[s] for s in by_month)
    for bad, message in [
        (["--quarter", "2021-Q5"], '"2021-Q5" không đúng dạng YYYY-Qn'),
        (["--from", "2021-12-01", "--to", "2021-11-01"], "--to 01/11/2021 trước --from 01/12/2021"),
        (["--year", "21"], '"21" không đúng dạng YYYY'),
    ]:
        assert_refused(example, ["score", *bad], message, code=2)


def test_filters(example):
    unit = json.loads(example.ok("score", "--unit", "Văn phòng Sở", "--format", "json").stdout)
    assert {r["subject"] for r in unit["standings"]} >= {"VP", "NV04"}
    assert all(r["unit"] == "VP" or r["subject"] == "VP" for r in unit["standings"])
    top = json.loads(example.ok("score", "--top", "3", "--format", "json").stdout)
    assert all(r["rank"] <= 3 for r in top["standings"])
    assert {r["kind"] for r in top["standings"]} == {"collective", "individual"}
    assert_refused(example, ["score", "--unit", "Phòng Không Có"], '--unit: không có đơn vị "Phòng Không Có"')
    assert_refused(example, ["score", "--explain", "Không Ai"], '--explain: không tìm thấy đối tượng "Không Ai"')


def test_output_file_infers_format(example):
    out = example.folder / "bang-diem.json"
    result = example.ok("score", "--out", str(out))
    assert result.stdout == "" and f"Đã ghi {out}" in result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["campaign"] == "covid19-stttt"
    html = example.folder / "bang-diem.html"
    example.ok("score", "-o", str(html))
    assert "<table>" in html.read_text(encoding="utf-8")
    assert_refused(example, ["score", "--out", str(example.folder / "x.odt")], 'không đoán được định dạng từ tệp', code=2)
    # .pdf is a known extension (reports write PDF); score does not
    assert_refused(example, ["score", "--out", str(example.folder / "x.pdf")], 'định dạng "pdf" không dùng được ở lệnh này', code=2)
    assert_refused(example, ["score", "--format", "docx"], 'định dạng "docx" không dùng được ở lệnh này', code=2)


def test_ties_keep_vietnamese_name_order_without_stored_name_keys(example):
    """A ledger edited by hand may lack the stored name-order keys: the order is then computed, the same."""
    import sqlite3

    before = example.ok("score", "--format", "json").stdout
    connection = sqlite3.connect(example.db)
    with connection:
        connection.execute("DELETE FROM name_order")
    connection.close()
    assert example.ok("score", "--format", "json").stdout == before


def test_name_keys_follow_a_renamed_subject(thidua):
    thidua.mini()
    thidua.ok("add-entry", "-s", "NV1", "-k", "TC1", "-p", "5", "-d", "2021-11-02")
    thidua.ok("add-entry", "-s", "NV3", "-k", "TC1", "-p", "5", "-d", "2021-11-02")
    order = lambda: [r["subject"] for r in json.loads(thidua.ok("score", "--format", "json").stdout)["standings"] if r["total"] == 5]
    assert order() == ["NV1", "NV3"]  # An before Hòa
    thidua.ok("subject", "add", "--code", "NV1", "--name", "Nguyễn Văn Yến", "--kind", "individual", "--unit", "VP")
    assert order() == ["NV3", "NV1"]  # Hòa before Yến
    # the order came from the stored keys (without them it would be computed, the same): each matches its name
    import sqlite3

    from thidua_cli.domain.scoring import name_sort_bytes

    connection = sqlite3.connect(thidua.db)
    rows = connection.execute("SELECT s.kind, s.name, o.sort_key FROM subject s LEFT JOIN name_order o ON o.subject_id = s.id").fetchall()
    connection.close()
    assert len(rows) == 4 and all(key == name_sort_bytes(kind, name) for kind, name, key in rows)


def test_entries_of_a_criterion_that_does_not_apply_are_not_counted(thidua):
    """thidua refuses them; a ledger edited by hand may still hold one (TC2 is for collectives only)."""
    import sqlite3

    thidua.mini()
    thidua.ok("add-entry", "-s", "NV1", "-k", "TC1", "-p", "5", "-d", "2021-11-02")
    thidua.ok("add-entry", "-s", "NV1", "-k", "VP", "-p", "-1", "-d", "2021-11-03")
    connection = sqlite3.connect(thidua.db)
    with connection:
        connection.execute(
            "INSERT INTO entry (campaign_id, subject_id, criterion_id, day, points, note, evidence, recorded_by, recorded_at, "
            "fingerprint, prev_hash, hash) SELECT campaign_id, subject_id, (SELECT id FROM criterion WHERE code = 'TC2'), day, "
            "-700, 'sửa tay', '', 'x', recorded_at, 'f', 'p', 'h' FROM entry WHERE id = 1"
        )
    connection.close()
    row = next(r for r in json.loads(thidua.ok("score", "--format", "json").stdout)["standings"] if r["subject"] == "NV1")
    assert (row["criteria"], row["total"], row["entries"]) == ({"TC1": 5.0, "VP": -1.0}, 4.0, 2)


def test_a_period_outside_the_campaign_is_refused_as_report_refuses_it(thidua):
    """score used to print zeros with everyone ranked 1 for a month after the campaign; report refused the month."""
    thidua.mini()
    thidua.ok("add-entry", "-s", "NV1", "-k", "TC1", "-p", "10", "--date", "2021-10-20")
    message = "Lỗi: tháng 12/2022 nằm ngoài thời gian phong trào mini (từ 01/10/2021 đến 31/12/2021)"
    for command in (["score"], ["score", "-O", "json"], ["score", "--explain", "NV1"], ["report"], ["propose-awards"]):
        result = assert_refused(thidua, [*command, "--month", "2022-12"], message)
        assert result.stdout == ""
        assert "Gợi ý: chọn một kỳ trong thời gian phong trào, ví dụ --month 2021-10" in result.stderr
    assert_refused(thidua, ["score", "--as-of", "2021-09-30"], "Lỗi: ngày 30/09/2021 nằm ngoài thời gian phong trào mini")
    assert_refused(thidua, ["score", "--from", "2022-01-01", "--to", "2022-02-01"],
                   "từ ngày 01/01/2022 đến ngày 01/02/2022 nằm ngoài thời gian phong trào mini")
    overlapping = json.loads(thidua.ok("score", "--year", "2021", "-O", "json").stdout)  # a period that meets the campaign is kept
    assert (overlapping["from"], overlapping["to"]) == ("2021-01-01", "2021-12-31")
