"""The Chánh Văn phòng of a Sở Tài chính keeping a year's ledger he must justify to the Ban Thi đua - Khen thưởng tỉnh
and to an inspector (trial8): a wrong file voided and imported again, single entries voided, decisions corrected and
refused, a supplementary round, the ledger tampered with — what the outputs did not say, or said twice."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "trial8"


def _year(thidua):
    """The campaign, its three phòng and six people, January's file and February's file as it should have been."""
    thidua.ok("campaign", "load", str(DATA / "stc.toml"))
    thidua.ok("subject", "import", str(DATA / "can-bo.csv"))
    thidua.ok("import-entries", str(DATA / "t01.csv"))
    return thidua


def test_a_campaign_whose_recipients_end_with_its_own_archive_line_has_it_once(thidua):
    """Offices write "Lưu: VT, VP" as the last of their "Nơi nhận" (recipients) — the report and the draft quyết
    định then ended "- Lưu: VT, VP;<br>- Lưu: VT, VP." (the office's line, then thidua's own). The office's line is
    the archive line: it stands once, last, with the full stop."""
    _year(thidua)
    report = thidua.ok("report", "--month", "2026-01", "-O", "md").stdout
    signature = next(line for line in report.splitlines() if "Nơi nhận" in line)
    assert signature.count("Lưu") == 1, signature
    assert "- Ban Thi đua - Khen thưởng tỉnh;<br>- BGĐ Sở;<br>- Lưu: VT, VP. |" in signature, signature


def test_score_explain_names_the_voided_entries_of_the_period(thidua):
    """`score --explain NV02` after one of her entries was voided listed only the counted ones: the inspector holding
    January's report (6,5 points for NV02's TK) could not learn from the explanation why they are no longer there.
    Each voided entry of the period is now listed under its criterion, "không tính", with when, by whom and why it
    was voided — and in the JSON under "voided" — while the sums stay those of the live entries."""
    _year(thidua)
    entry = next(e for e in json.loads(thidua.ok("entries", "--subject", "NV02", "-O", "json").stdout)["entries"]
                 if e["criterion"] == "TK")
    thidua.ok("void-entry", str(entry["id"]), "--reason", "Trùng với thành tích tháng 7")
    text = thidua.ok("score", "--explain", "NV02").stdout
    line = next(line for line in text.splitlines() if f"#{entry['id']} " in line)
    assert "6,5" in line and "không tính" in line and "Trùng với thành tích tháng 7" in line, line
    assert "Người kiểm thử" in line and "Rà soát cắt giảm chi" in line, line
    assert "Tổng điểm = 0 + 0 + 0 + 0 = 0" in text, text
    criteria = json.loads(thidua.ok("score", "--explain", "NV02", "-O", "json").stdout)["criteria"]
    tk = next(c for c in criteria if c["criterion"] == "TK")
    assert tk["entries"] == [] and tk["score"] == 0, tk
    assert [(v["id"], v["points"], v["reason"]) for v in tk["voided"]] == [(entry["id"], 6.5, "Trùng với thành tích tháng 7")]


def test_the_change_log_says_why_an_entry_was_voided(thidua):
    """`thidua log` listed "Thêm bản huỷ của mục ghi số 8" for each entry of a voided import and for a voided entry,
    with no reason: the change log an inspector reads did not say why. The reason (with the import it voided) is
    now under each void."""
    _year(thidua)
    thidua.ok("import-entries", str(DATA / "t02-sai.csv"))
    number = max(b["id"] for b in json.loads(thidua.ok("imports", "-O", "json").stdout)["imports"])
    thidua.ok("void-import", str(number), "--reason", "Tệp tháng 2 ghi nhầm tháng 3 và nhầm người")
    thidua.ok("void-entry", "1", "--reason", "Báo cáo 05/BC-PNS chưa được duyệt")
    log = thidua.ok("log").stdout
    blocks = log.split("\n#")
    # the four voids of the import are one block (one command, one moment, one reason: see test_change_log), the
    # voided entry a block of its own — each under its reason
    voids = [b for b in blocks if "bản huỷ của" in b]
    assert len(voids) == 2, log
    assert "Thêm 4 bản huỷ của các mục ghi số " in voids[0], voids[0]
    assert "lý do: Tệp tháng 2 ghi nhầm tháng 3 và nhầm người" in voids[0], voids[0]
    assert "Thêm bản huỷ của mục ghi số 1\n" in voids[1] and "lý do: Báo cáo 05/BC-PNS chưa được duyệt" in voids[1], voids[1]


def test_a_past_months_report_written_again_after_voids_says_what_it_no_longer_counts(thidua):
    """February's file was imported dated March and with NV04 for NV03; the March report was sent with 4 entries.
    After `void-import` the March report written again said "Chưa có mục ghi nào trong tháng 03/2026." and nothing
    else: the two signed reports of the same month contradicted each other with no word why. It now says which
    entries dated in the month are no longer counted, when and why they were voided (JSON: voided_count, voided),
    in every format (the sentence is part of section I), while the figures stay those of the live entries."""
    _year(thidua)
    thidua.ok("import-entries", str(DATA / "t02-sai.csv"))
    sent = json.loads(thidua.ok("report", "--month", "2026-03", "-O", "json").stdout)
    assert sent["entry_count"] == 4 and sent["voided_count"] == 0, sent
    number = max(b["id"] for b in json.loads(thidua.ok("imports", "-O", "json").stdout)["imports"])
    thidua.ok("void-import", str(number), "--reason", "Tệp tháng 2 ghi nhầm tháng 3")
    again = json.loads(thidua.ok("report", "--month", "2026-03", "-O", "json").stdout)
    assert again["entry_count"] == 0 and again["voided_count"] == 4, again
    assert [v["entries"] for v in again["voided"]] == [4] and "Tệp tháng 2 ghi nhầm tháng 3" in again["voided"][0]["reason"]
    text = thidua.ok("report", "--month", "2026-03", "-O", "md").stdout
    said = next(line for line in text.splitlines() if line.startswith("Không tính"))
    assert "4 mục ghi có ngày trong tháng 03/2026 đã bị huỷ" in said and "Tệp tháng 2 ghi nhầm tháng 3" in said, said
    january = thidua.ok("report", "--month", "2026-01", "-O", "md").stdout
    assert "đã bị huỷ" not in january, january


def test_the_very_file_of_a_voided_import_imported_again_is_named(thidua):
    """The wrong February file (t02-sai.csv: dated March, NV04 for NV03) was voided with `void-import`; imported again
    by mistake — the corrected file beside it has a near name — it went in without a word, the wrong entries back in
    the scores. thidua knows the file by its SHA-256: the import (and its --dry-run) now warns that this content was
    imported before and that import voided, when and why; the rows are still written (re-importing after a void is
    how a file is imported again with --column)."""
    _year(thidua)
    thidua.ok("import-entries", str(DATA / "t02-sai.csv"))
    number = max(b["id"] for b in json.loads(thidua.ok("imports", "-O", "json").stdout)["imports"])
    thidua.ok("void-import", str(number), "--reason", "Tệp tháng 2 ghi nhầm tháng 3")
    for args in (["--dry-run"], []):
        result = thidua.ok("import-entries", str(DATA / "t02-sai.csv"), *args)
        warning = next(line for line in result.stderr.splitlines() if "cùng nội dung" in line)
        assert f"lần nhập số {number} (tệp t02-sai.csv" in warning and "đã bị huỷ" in warning, warning
        assert "Tệp tháng 2 ghi nhầm tháng 3" in warning, warning
    corrected = thidua.ok("import-entries", str(DATA / "t02.csv"))
    assert "cùng nội dung" not in corrected.stderr, corrected.stderr


def test_entries_json_and_csv_say_why_an_entry_was_voided(thidua):
    """`entries --include-void` on the terminal shows the reason in "Đã huỷ"; the JSON and CSV an inspector is sent
    said only "voided": true / "có" — why, by whom and when were dropped. A voided entry now carries void_reason,
    voided_by and voided_at in the JSON (a live entry keeps exactly the keys of SPEC §3), and the CSV has the three
    columns when the listing holds a voided entry."""
    _year(thidua)
    thidua.ok("void-entry", "4", "--reason", "Trùng với thành tích tháng 7")
    entries = json.loads(thidua.ok("entries", "--subject", "NV02", "--include-void", "-O", "json").stdout)["entries"]
    [voided] = [e for e in entries if e["voided"]]
    assert voided["void_reason"] == "Trùng với thành tích tháng 7" and voided["voided_by"] == "Người kiểm thử", voided
    assert voided["voided_at"], voided
    live = json.loads(thidua.ok("entries", "--subject", "NV01", "-O", "json").stdout)["entries"]
    assert all("void_reason" not in e for e in live), live
    csv_text = thidua.ok("entries", "--include-void", "-O", "csv").stdout
    header, *rows = csv_text.splitlines()
    assert header.endswith(",voided,void_reason,voided_by,voided_at"), header
    assert any(row.startswith("4,") and "Trùng với thành tích tháng 7,Người kiểm thử," in row for row in rows), rows


YEAR_ENTRIES = """
Ngày;Mã;Tiêu chí;Điểm;Nội dung thành tích
10/04/2026;PNS;GN;35;Giải ngân 60% kế hoạch vốn
12/05/2026;PNS;TK;30;Tiết kiệm 10% chi
15/04/2026;NV01;GN;40;Tham mưu giải ngân quý II
18/06/2026;NV01;TK;30;Rà soát tiết kiệm
18/05/2026;NV02;GN;30;Theo dõi giải ngân
18/07/2026;NV02;TK;20;Cắt giảm chi
"""


def _decided_round(thidua) -> None:
    """The year's entries, a round for 15/01–30/11/2026 voted on 02/12 and the Giám đốc's Giấy khen 150/QĐ-STC."""
    thidua.ok("import-entries", str(thidua.write("ca-nam.csv", YEAR_ENTRIES)))
    thidua.ok("propose-awards", "--from", "2026-01-15", "--to", "2026-11-30", "--date", "01/12/2026")
    votes = thidua.write("phieu.csv", "subject,votes\nPNS,5\nNV01,5\nNV02,5\n")
    thidua.ok("record-votes", "1", "--file", str(votes), "--date", "02/12/2026", "--start", "8:00", "--end", "9:00",
              "--place", "Phòng họp Sở")
    thidua.ok("record-decision", "1", "--award", "GK-GD", "--number", "150/QĐ-STC", "--date", "03/12/2026")


def test_the_final_report_names_the_proposals_no_decision_granted(thidua):
    """The Chủ tịch UBND tỉnh granted the Bằng khen to the Phòng Ngân sách and not to Nguyễn Thị Lan
    (`record-decision --not-granted NV01`). The final report's section IV said "Đã đề nghị … 01 tập thể và 02 cá
    nhân …; đã có quyết định khen thưởng 01 tập thể và 01 cá nhân …" and nothing more: an inspector comparing the
    two counts could not tell who was not granted, nor by which document. It now names each proposal left
    ungranted — refused, with the round and the document, or still waiting for a decision."""
    _year(thidua)
    _decided_round(thidua)
    waiting = thidua.ok("report", "--final", "-O", "md").stdout
    said = next(line for line in waiting.splitlines() if line.startswith("Đã đề nghị khen thưởng"))
    assert "chưa có quyết định" in said and "Nguyễn Thị Lan — Bằng khen của Chủ tịch UBND tỉnh" in said, said
    thidua.ok("record-decision", "1", "--authority", "ubnd", "--number", "2345/QĐ-UBND", "--date", "05/12/2026",
              "--not-granted", "NV01")
    final = thidua.ok("report", "--final", "-O", "md").stdout
    said = next(line for line in final.splitlines() if line.startswith("Đã đề nghị khen thưởng"))
    assert "không được khen 01 lượt: Nguyễn Thị Lan — Bằng khen của Chủ tịch UBND tỉnh (đợt 1, quyết định số " \
           "2345/QĐ-UBND ngày 05/12/2026)" in said, said
    assert "chưa có quyết định" not in said and "Phòng Ngân sách" not in said, said


def test_voiding_an_entry_again_says_when_by_whom_and_why_it_was_voided(thidua):
    """`void-entry 8` for an entry of a voided import said "mục ghi số 8 đã bị huỷ trước đó" — the office could not
    tell whether its own void or the import's had done it, nor why (`void-import` of a voided import says both). The
    refusal now names when, by whom and why; the ledger is unchanged."""
    from conftest import assert_refused

    _year(thidua)
    thidua.ok("void-entry", "2", "--reason", "Báo cáo 07/BC-PDT chưa được duyệt")
    result = assert_refused(thidua, ["void-entry", "2", "--reason", "lại"], "mục ghi số 2 đã bị huỷ trước đó (")
    assert "Người kiểm thử: Báo cáo 07/BC-PDT chưa được duyệt)" in result.stderr.splitlines()[0], result.stderr


def test_a_subjects_change_log_holds_the_voids_of_its_entries_and_the_decisions_refusing_it(thidua):
    """`thidua log --subject NV04` — the inspector's "what happened to this person" — listed his creation and his
    awards, not that his 14 points of "February" were voided (the void is logged under the campaign); `log --subject
    NV01` did not show the Chủ tịch UBND tỉnh's decision refusing her the Bằng khen. Both are now in the subject's
    log (with the void's reason, the decision's "không khen"), and the other subjects' voids and decisions are not."""
    _year(thidua)
    thidua.ok("import-entries", str(DATA / "t02-sai.csv"))
    number = max(b["id"] for b in json.loads(thidua.ok("imports", "-O", "json").stdout)["imports"])
    thidua.ok("void-import", str(number), "--reason", "Tệp tháng 2 ghi nhầm tháng 3")
    nv04 = json.loads(thidua.ok("log", "--subject", "NV04", "-O", "json").stdout)
    voids = [r for r in nv04 if r["table"] == "void"]
    assert len(voids) == 1 and voids[0]["after"]["reason"].startswith("Tệp tháng 2 ghi nhầm tháng 3"), nv04
    nv04_entry = voids[0]["after"]["entry_id"]
    assert json.loads(thidua.ok("entries", "--subject", "NV04", "--include-void", "-O", "json").stdout)["entries"][0]["id"] \
        == nv04_entry
    _decided_round(thidua)
    thidua.ok("record-decision", "1", "--authority", "ubnd", "--number", "2345/QĐ-UBND", "--date", "05/12/2026",
              "--not-granted", "NV01")
    text = thidua.ok("log", "--subject", "NV01").stdout
    assert "2345/QĐ-UBND" in text and "không khen: NV01 (BK-UBND)" in text, text
    assert "150/QĐ-STC" not in text and text.count("Thêm bản huỷ") == 1, text  # her SK of the wrong file
    nv02 = thidua.ok("log", "--subject", "NV02").stdout
    assert "2345/QĐ-UBND" not in nv02 and "150/QĐ-STC" in nv02, nv02


def test_the_change_log_gives_a_decisions_date_and_authority(thidua):
    """`thidua log` wrote "Thêm quyết định khen thưởng 150/QĐ-STC của phong trào …" and, after `decision correct`,
    "Thêm quyết định khen thưởng 151/QĐ-STC … sửa quyết định số 150/QĐ-STC — lý do: ghi nhầm ngày ký": the date — the
    very thing corrected — and the deciding authority were not in the log an inspector reads. Each decision added now
    says its date and authority."""
    _year(thidua)
    _decided_round(thidua)
    thidua.ok("decision", "correct", "150/QĐ-STC", "--number", "151/QĐ-STC", "--date", "04/12/2026",
              "--reason", "ghi nhầm số và ngày ký")
    blocks = ["#" + b + "\n" for b in thidua.ok("log").stdout.split("\n#") if "Thêm quyết định khen thưởng" in b]
    assert len(blocks) == 2, blocks
    assert "    ngày 03/12/2026, Giám đốc Sở Tài chính\n" in blocks[0], blocks[0]
    assert "    ngày 04/12/2026, Giám đốc Sở Tài chính\n" in blocks[1], blocks[1]
    assert "sửa quyết định số 150/QĐ-STC — lý do: ghi nhầm số và ngày ký" in blocks[1], blocks[1]
