"""`thidua check` and the hash chain: any change made behind thidua's back is found and named."""

from __future__ import annotations

import json
import sqlite3

import pytest

from conftest import assert_refused
from thidua_cli.domain import checks as domain_checks
from thidua_cli.storage.hashchain import entry_fingerprint, entry_hash, entry_seal

ENTRIES = [
    ("VP", "TC1", "20", "2021-10-05", "Triển khai phong trào"),
    ("NV1", "TC1", "30", "2021-11-02", "Hoàn thành xuất sắc nhiệm vụ"),
    ("NV2", "TC1", "45", "2021-11-15", "Sáng kiến số hoá hồ sơ"),
    ("NV3", "VP", "-5", "2021-11-20", "Đi muộn nhiều lần"),
    ("NV3", "TC1", "25", "2021-12-01", "Hỗ trợ tiêm chủng"),
]


@pytest.fixture
def ledger(thidua):
    """The mini campaign with five entries (ids 1-5) and one void of entry 4."""
    thidua.mini()
    for subject, criterion, points, day, note in ENTRIES:
        thidua.ok("add-entry", "-s", subject, "-k", criterion, "-p", points, "-d", day, "-n", note)
    thidua.ok("void-entry", "4", "--reason", "Ghi nhầm")
    return thidua


def tamper(thidua, *statements: str, foreign_keys: bool = True) -> None:
    """What someone with DB Browser for SQLite or the sqlite3 module could do."""
    connection = sqlite3.connect(thidua.db)
    if not foreign_keys:
        connection.execute("PRAGMA foreign_keys = OFF")
    with connection:
        for statement in statements:
            connection.execute(statement)
    connection.close()


def check_lines(thidua, *args: str) -> list[str]:
    result = thidua("check", *args)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stderr.startswith("Lỗi: sổ ") and "lỗi (mỗi lỗi một dòng ở trên)" in result.stderr.splitlines()[0]
    assert "Traceback" not in result.stderr
    return result.stdout.splitlines()


def test_a_sound_ledger_checks_silently(ledger):
    result = ledger("check")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    data = json.loads(ledger.ok("check", "--format", "json").stdout)
    assert data == {"ok": True, "problems": []}


def test_the_example_ledger_checks_silently(thidua):
    thidua.example()
    result = thidua("check")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_points_and_note_changed_with_sqlite3_are_named(ledger):
    tamper(ledger, "UPDATE entry SET points = 5000 WHERE id = 2", "UPDATE entry SET note = 'Thành tích bịa' WHERE id = 3")
    assert check_lines(ledger) == [
        "mục ghi số 2: nội dung đã bị sửa ngoài thidua (phong trào, đối tượng, tiêu chí, ngày, điểm, thành tích hoặc "
        "minh chứng không còn khớp dấu vân tay)",
        "mục ghi số 3: nội dung đã bị sửa ngoài thidua (phong trào, đối tượng, tiêu chí, ngày, điểm, thành tích hoặc "
        "minh chứng không còn khớp dấu vân tay)",
    ]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE entry SET day = '2021-10-06' WHERE id = 3",
        "UPDATE entry SET subject_id = 2 WHERE id = 3",
        "UPDATE entry SET evidence = 'QĐ giả' WHERE id = 3",
        "UPDATE entry SET points = '45.00' WHERE id = 3",
        "UPDATE entry SET criterion_id = 3 WHERE id = 3",
        "UPDATE entry SET campaign_id = 2 WHERE id = 3",
    ],
)
def test_every_content_field_is_sealed(ledger, statement):
    tamper(ledger, statement)
    lines = check_lines(ledger)
    assert any(line.startswith("mục ghi số 3: nội dung đã bị sửa ngoài thidua") for line in lines), lines


def test_who_and_when_are_sealed(ledger):
    tamper(ledger, "UPDATE entry SET recorded_by = 'Người khác' WHERE id = 2")
    assert check_lines(ledger) == [
        "mục ghi số 2: người ghi, thời điểm ghi, mã băm, hoặc mã phong trào, đối tượng, tiêu chí của nó đã bị sửa ngoài thidua"
    ]


def test_a_deleted_row_is_named(ledger):
    tamper(ledger, "DELETE FROM entry WHERE id = 3")
    assert check_lines(ledger) == ["mục ghi số 3 bị xoá"]


def test_deleted_rows_are_reported_as_one_range(ledger):
    tamper(ledger, "DELETE FROM entry WHERE id IN (2, 3)")
    assert check_lines(ledger) == ["mục ghi số 2–3 bị xoá (2 mục)"]


def test_deleting_the_newest_entry_is_detected_and_stays_detected(ledger):
    tamper(ledger, "DELETE FROM entry WHERE id = 5")
    assert check_lines(ledger) == ["mục ghi số 5 bị xoá"]
    # the next entry does not take the deleted one's place: the gap stays visible
    assert ledger.ok("add-entry", "-s", "NV1", "-k", "TC1", "-p", "1", "-d", "2021-12-05").stdout.strip() == "6"
    assert check_lines(ledger) == ["mục ghi số 5 bị xoá"]


def test_a_row_rewritten_with_recomputed_hashes_is_named(ledger):
    """Someone who knows the hash scheme rewrites entry 2 and its hashes: entry 3 no longer links to it."""
    connection = sqlite3.connect(ledger.db)
    row = connection.execute(
        "SELECT campaign_id, subject_id, criterion_id, day, note, evidence, recorded_by, recorded_at, prev_hash FROM entry WHERE id = 2"
    ).fetchone()
    campaign_id, subject_id, criterion_id, day, note, evidence, by, at, prev = row
    fingerprint = entry_fingerprint(campaign_id, subject_id, criterion_id, day, 5000, note, evidence)
    digest = entry_seal(prev, 2, fingerprint, by, at, "mini", "NV1", "TC1")
    with connection:
        connection.execute("UPDATE entry SET points = 5000, fingerprint = ?, hash = ? WHERE id = 2", (fingerprint, digest))
    connection.close()
    assert check_lines(ledger) == ["mục ghi số 2 đã bị thay ngoài thidua (mục số 3 không còn nối tiếp nó trong chuỗi băm)"]


def test_a_row_appended_behind_the_tools_back_is_named(ledger):
    connection = sqlite3.connect(ledger.db)
    last_hash = connection.execute("SELECT hash FROM entry WHERE id = 5").fetchone()[0]
    fingerprint = entry_fingerprint(1, 2, 1, "2021-12-20", 4000, "Thêm lén", "")
    digest = entry_hash(last_hash, 6, fingerprint, "x", "2021-12-20T00:00:00+00:00")
    with connection:
        connection.execute(
            "INSERT INTO entry (id, campaign_id, subject_id, criterion_id, day, points, note, evidence, recorded_by, recorded_at, "
            "fingerprint, prev_hash, hash) VALUES (6, 1, 2, 1, '2021-12-20', 4000, 'Thêm lén', '', 'x', "
            "'2021-12-20T00:00:00+00:00', ?, ?, ?)",
            (fingerprint, last_hash, digest),
        )
    connection.close()
    assert check_lines(ledger) == ["mục ghi số 6 được thêm vào sổ ngoài thidua (sau mục cuối thidua đã ghi, số 5)"]


def test_voids_are_chained_too(ledger):
    tamper(ledger, "UPDATE void SET reason = 'Lý do khác' WHERE id = 1")
    assert check_lines(ledger) == [
        "bản huỷ số 1: mục bị huỷ, lý do, người ghi, thời điểm hoặc mã băm đã bị sửa ngoài thidua",
        "bản huỷ của mục ghi số 4: lý do (reason) đổi từ Ghi nhầm thành Lý do khác ngoài thidua",  # the change log names it too
    ]


def test_a_deleted_void_is_named(ledger):
    tamper(ledger, "DELETE FROM void WHERE id = 1")
    assert check_lines(ledger) == [
        "bản huỷ số 1 bị xoá — các mục ghi đã huỷ lại được tính điểm",
        "bản huỷ của mục ghi số 4 bị xoá ngoài thidua",  # the change log names it too
    ]


def test_dangling_references_are_named(ledger):
    tamper(ledger, "DELETE FROM subject WHERE code = 'NV2'", foreign_keys=False)
    assert check_lines(ledger) == [
        "mục ghi số 3: subject_id = 3 trỏ tới đối tượng không có trong sổ",
        "đối tượng NV2 bị xoá ngoài thidua",  # the change log names it too
    ]


def test_entries_on_a_criterion_that_no_longer_applies(ledger):
    tamper(ledger, "UPDATE criterion SET applies_to = 'collective' WHERE code = 'TC1'")
    lines = check_lines(ledger)
    assert lines == [
        f"mục ghi số {n}: tiêu chí TC1 chỉ áp dụng cho tập thể, nhưng {code} là cá nhân (mục này không được tính điểm)"
        for n, code in ((2, "NV1"), (3, "NV2"), (5, "NV3"))
    ] + ["tiêu chí TC1 của phong trào mini: áp dụng cho (applies_to) đổi từ both thành collective ngoài thidua"]


def test_campaign_dates_are_checked(ledger):
    tamper(ledger, "UPDATE campaign SET \"end\" = '2021-01-01'")
    assert check_lines(ledger) == [
        "phong trào mini: ngày kết thúc 01/01/2021 trước ngày bắt đầu 01/10/2021",
        "phong trào mini: ngày kết thúc (end) đổi từ 2021-12-31 thành 2021-01-01 ngoài thidua",
    ]


def test_a_missing_index_is_named(ledger):
    tamper(ledger, "DROP INDEX ix_entry_scoring")
    assert check_lines(ledger) == ["bảng entry thiếu chỉ mục ix_entry_scoring (chấm điểm và tra cứu sẽ chậm)"]


def test_warnings_and_notes_only_with_all(ledger):
    """An entry outside the campaign's dates and a subject nobody uses are not errors."""
    ledger.ok("add-entry", "-s", "NV1", "-k", "TC1", "-p", "1", "-d", "2022-02-01")
    ledger.ok("subject", "add", "--code", "NV9", "--name", "Đặng Thị Huệ", "--kind", "individual")
    quiet = ledger("check")
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")
    everything = ledger("check", "--all")
    assert everything.exit_code == 0
    assert everything.stdout.splitlines() == [
        "cảnh báo: phong trào mini: 1 mục ghi có ngày ngoài thời gian phong trào (01/10/2021 – 31/12/2021), "
        "không được tính điểm mặc định: số 6",
        "lưu ý: đối tượng NV9 — Đặng Thị Huệ: chưa có mục ghi hay khen thưởng nào",
    ]
    data = json.loads(ledger.ok("check", "--all", "--format", "json").stdout)
    assert data["ok"] is True
    assert [(p["check"], p["level"], p["record"]) for p in data["problems"]] == [
        ("entry-dates", "warning", "campaign/mini"),
        ("unused-subjects", "note", "subject/NV9"),
    ]
    # "mặc định": the campaign's own period leaves it out; a period taking its day in counts it (SPEC §5.1)
    def entries_of_nv1(*period: str) -> int:
        rows = json.loads(ledger.ok("score", "--format", "json", *period).stdout)["standings"]
        return next(row["entries"] for row in rows if row["subject"] == "NV1")

    assert entries_of_nv1("--as-of", "2022-02-01") == entries_of_nv1() + 1


def test_json_report_of_problems(ledger):
    tamper(ledger, "UPDATE entry SET points = 1 WHERE id = 1", "DELETE FROM entry WHERE id = 5")
    result = ledger("check", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert [(p["check"], p["record"], p["level"]) for p in data["problems"]] == [
        ("entry-chain", "entry/1", "error"),
        ("entry-chain", "entry/5", "error"),
    ]
    assert data["problems"][1]["message"] == "mục ghi số 5 bị xoá"
    assert set(data["problems"][0]) == {"check", "level", "record", "message"}


def test_a_damaged_file_is_reported_not_crashed(ledger):
    """Bytes overwritten in the middle of the file: check reports, never a traceback."""
    ledger.ok("db", "status")  # checkpointed: the file holds everything
    data = bytearray(ledger.db.read_bytes())
    page = 4096
    for offset in range(page * 3, min(len(data), page * 12), page):
        data[offset: offset + page] = bytes((i * 37 + 11) % 256 for i in range(page))
    ledger.db.write_bytes(bytes(data))
    result = ledger("check")
    assert result.exit_code == 1
    assert result.stdout.startswith("tệp sổ hỏng"), result.stdout
    assert result.stderr.startswith("Lỗi: sổ ") and "Traceback" not in result.stderr
    # other commands refuse with one line pointing at check
    for command in (["score"], ["add-entry", "-s", "NV1", "-k", "TC1", "-p", "1"]):
        refused = ledger(*command)
        assert refused.exit_code == 1 and refused.stderr.startswith("Lỗi: sổ ") and "bị hỏng" in refused.stderr


def test_check_refuses_a_file_that_is_not_a_ledger(thidua):
    thidua.db.write_text("không phải sổ", encoding="utf-8")
    assert_refused(thidua, ["check"], "không phải sổ thi đua")
    assert_refused(thidua, ["score"], "không phải sổ thi đua")


def test_check_on_a_missing_ledger(thidua):
    assert_refused(thidua, ["check"], "chưa có sổ thi đua tại")
    assert not thidua.db.exists()


def test_the_checks_are_a_plain_ordered_list():
    names = [check.name for check in domain_checks.checks(2)]
    assert names == [
        "sqlite", "schema", "foreign-keys", "entry-chain", "void-chain", "criteria", "campaign-dates", "change-log",
        "entry-dates",
        "unused-subjects",
    ]


def test_checks_are_pure_functions_of_facts():
    """beancount-style: a check turns facts into problem values; any object with the methods will do."""
    from thidua_cli.storage.integrity import ChainBreak

    class Facts:
        def chain_breaks(self, table):
            return [ChainBreak(table, domain_checks.DELETED, 7, 9), ChainBreak(table, domain_checks.CONTENT, 12, 12)]

    problems = list(domain_checks.check_chain(Facts(), "entry"))
    assert [p.message for p in problems] == [
        "mục ghi số 7–9 bị xoá (3 mục)",
        "mục ghi số 12: nội dung đã bị sửa ngoài thidua (phong trào, đối tượng, tiêu chí, ngày, điểm, thành tích hoặc "
        "minh chứng không còn khớp dấu vân tay)",
    ]
    assert [p.record for p in problems] == ["entry/7-9", "entry/12"]


def test_chain_verification_streams_a_large_chain(tmp_path):
    """20,000 entries written in one transaction verify clean; one edit among them is found alone."""
    from thidua_cli.storage.entries import NewEntry, insert_entries
    from thidua_cli.storage.integrity import verify_chain
    from thidua_cli.storage.ledger import Ledger

    ledger = Ledger.open(tmp_path / "big.db", create=True)
    with ledger.write() as connection:
        connection.execute(
            "INSERT INTO campaign (id, code, name, kind, plan, start, \"end\", agency, parent_agency, place, base_salary, "
            "settings, source, loaded_at) VALUES (1, 'c', 'c', 'chuyen-de', 'p', '2021-01-01', '2021-12-31', 'a', '', '', 0, "
            "'{}', '', 'now')"
        )
        connection.execute(
            "INSERT INTO subject (id, code, name, kind, match_key, fold_key, blocked, active, created_at) "
            "VALUES (1, 'A', 'A', 'individual', 'a', 'a', 0, 1, 'now')"
        )
        connection.execute(
            "INSERT INTO criterion (id, campaign_id, code, name, applies_to, weight, description, initiative, penalty, position) "
            "VALUES (1, 1, 'K', 'K', 'both', '1', '', 0, 0, 0)"
        )

        def entries():
            for n in range(20_000):
                entry = NewEntry(1, 1, 1, "2021-05-01", n, f"Ghi chú {n}", "", "Người ghi", "2021-05-01T00:00:00+00:00")
                yield entry, entry.fingerprint()

        assert insert_entries(connection, entries()) == 20_000
    assert list(verify_chain(ledger.connection, "entry")) == []
    with ledger.write() as connection:
        connection.execute("UPDATE entry SET note = 'sửa' WHERE id = 12345")
    breaks = list(verify_chain(ledger.connection, "entry"))
    assert [(b.kind, b.first) for b in breaks] == [(domain_checks.CONTENT, 12345)]
    ledger.close()


def test_a_kind_change_that_would_strand_entries_is_refused(ledger):
    # TC1 applies to both kinds: NV1 may become a collective …
    ledger.ok("subject", "add", "--code", "NV1", "--name", "Nguyễn Văn An", "--kind", "collective")
    # … but VP's TC2 entry would be stranded if VP became an individual
    ledger.ok("add-entry", "-s", "VP", "-k", "TC2", "-p", "10", "-d", "2021-10-10")
    assert_refused(
        ledger, ["subject", "add", "--code", "VP", "--name", "Văn phòng Sở", "--kind", "individual"],
        "đổi VP từ tập thể sang cá nhân sẽ làm 1 mục ghi không còn hợp lệ",
    )
    subjects = ledger.write("kind.csv", "code,name,kind\nVP,Văn phòng Sở,cá nhân\n")
    assert_refused(ledger, ["subject", "import", str(subjects)], 'dòng 2, cột "kind"')
    assert ledger("check").exit_code == 0
