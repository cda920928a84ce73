"""`db copy SRC FILE --campaign C`: one campaign archived to a read-only SQLite file (issue 12: "the province
archives one campaign to a file"). The archive holds the campaign's rows and the province's shared records (subjects,
ratings, award history, corrections), and `check` judges it as an office's view of the server is judged."""

from __future__ import annotations

import json
import sqlite3

from conftest import MINI_CAMPAIGN, Thidua, assert_refused


def _two_campaigns(thidua: Thidua, tmp_path) -> None:
    """mini (entries, a void, a round and its decision) and m2 (a round and decision giving NV2 a Giấy khen), an
    award recorded outside any campaign, and a rating: what an archive of either must carry."""
    thidua.mini()
    thidua.ok("campaign", "load", str(thidua.write("m2.toml", MINI_CAMPAIGN.replace('code = "mini"', 'code = "m2"', 1))))
    for campaign, subject, points, day in (("mini", "NV1", "15", "2021-11-02"), ("mini", "NV1", "10", "2021-11-03"),
                                           ("m2", "NV2", "25", "2021-11-04"), ("mini", "NV3", "4", "2021-11-05"),
                                           ("m2", "NV2", "3", "2021-11-06")):
        thidua.ok("add-entry", "-c", campaign, "-s", subject, "-k", "TC1", "-p", points, "-d", day)
    thidua.ok("void-entry", "4", "--reason", "Ghi nhầm người")
    for campaign, number in (("m2", "8/QĐ-STTTT"), ("mini", "9/QĐ-STTTT")):
        thidua.ok("propose-awards", "-c", campaign, "--out", str(tmp_path / f"hs-{campaign}"))
        thidua.ok("record-decision", "1", "-c", campaign, "--number", number, "--date", "2021-12-30")
    thidua.ok("import-entries", "-c", "mini", str(thidua.write("e.csv", "date,subject,criterion,points\n2021-11-08,NV3,TC1,2\n")))
    thidua.ok("ratings", "import", str(thidua.write("xl.csv", "Mã,Năm,Xếp loại\nNV1,2021,HTXSNV\n")))
    thidua.ok("awards", "add", "--subject", "NV3", "--award", "BKUBND", "--name", "Bằng khen của Chủ tịch UBND tỉnh",
              "--number", "123/QĐ-UBND", "--date", "2020-05-10")


def _same(thidua: Thidua, archive, *args: str) -> str:
    here = thidua.ok(*args).stdout
    there = Thidua(thidua.folder, None)
    there.db = archive
    assert there.ok(*args).stdout == here, args
    return here


def test_one_campaign_archived_to_a_file_reads_and_checks_as_on_the_ledger(thidua, tmp_path):
    _two_campaigns(thidua, tmp_path)
    archive = tmp_path / "luu-tru-mini.db"
    done = thidua.ok("db", "copy", str(thidua.db), str(archive), "--campaign", "mini")
    assert done.stderr.startswith(f"Đã chép phong trào mini của sổ {thidua.db} ra tệp lưu trữ {archive} (chỉ để đọc): "
                                  "4 mục ghi, 1 bản huỷ, 1 đợt xét, 1 quyết định; cùng 4 đối tượng và 3 khen thưởng"), done.stderr
    with sqlite3.connect(archive) as connection:
        assert [row[0] for row in connection.execute("SELECT code FROM campaign")] == ["mini"]
        assert connection.execute("SELECT COUNT(*) FROM entry WHERE campaign_id <> 1").fetchone()[0] == 0
    reader = Thidua(tmp_path, None)
    reader.db = archive
    checked = reader("check")
    assert checked.exit_code == 0, (checked.stdout, checked.stderr)
    for args in (["score", "-c", "mini", "--format", "json"], ["score", "-c", "mini", "--explain", "NV1"],
                 ["entries", "-c", "mini", "--include-void", "--format", "json"],
                 ["report", "-c", "mini", "--month", "2021-11", "--format", "json"],
                 ["awards", "-s", "NV1", "--format", "json"], ["awards", "-s", "NV3", "--format", "json"]):
        _same(thidua, archive, *args)
    status = json.loads(reader.ok("db", "status", "--format", "json").stdout)
    assert (status["archive_of"], status["counts"]["entries"]) == ("mini", 4)
    assert "riêng phong trào mini, chỉ để đọc" in reader.ok("db", "status").stdout
    # NV2's Giấy khen of m2 is in the archive (a `requires` or the one-award rule reads it), by its decision
    kept = json.loads(reader.ok("awards", "-s", "NV2", "--format", "json").stdout)["awards"]
    assert [(a["number"], a["date"]) for a in kept] == [("8/QĐ-STTTT", "2021-12-30")]

    # read-only: every write refused in one line, the file unchanged
    before = reader.digest()
    for args in (["add-entry", "-c", "mini", "-s", "NV1", "-k", "TC1", "-p", "1", "-d", "2021-11-07"],
                 ["subject", "add", "--code", "NV9", "--name", "Đỗ Văn Mới", "--kind", "individual"],
                 ["campaign", "load", str(tmp_path / "m2.toml")]):
        refused = reader(*args)
        assert refused.exit_code == 1, args
        assert refused.stderr.startswith(f"Lỗi: sổ {archive} là bản lưu trữ riêng phong trào mini, chỉ để đọc; không ghi gì"), refused.stderr
    # a file imported into the ledger before: refused as a write, not "imported before, skipped" (trial20)
    for args in (["import-entries", "-c", "mini", str(tmp_path / "e.csv")], ["ratings", "import", str(tmp_path / "xl.csv")]):
        refused = reader(*args)
        assert (refused.exit_code, refused.stderr.splitlines()[0]) == (
            1, f"Lỗi: sổ {archive} là bản lưu trữ riêng phong trào mini, chỉ để đọc; không ghi gì"), (args, refused.stderr)
    assert reader.digest() == before
    # an archive is not a whole ledger: not copied on as one
    refused = reader("db", "copy", str(archive), "postgresql://ai@may-chu/so")
    assert refused.exit_code == 1 and "là bản lưu trữ riêng phong trào mini, không phải cả sổ" in refused.stderr


def test_an_archive_edited_outside_thidua_fails_its_check(thidua, tmp_path):
    _two_campaigns(thidua, tmp_path)
    archive = tmp_path / "luu-tru-mini.db"
    thidua.ok("db", "copy", str(thidua.db), str(archive), "--campaign", "mini")
    with sqlite3.connect(archive) as connection:
        connection.execute("DELETE FROM entry WHERE id = (SELECT MAX(id) FROM entry)")
    reader = Thidua(tmp_path, None)
    reader.db = archive
    checked = reader("check")
    assert checked.exit_code == 1 and "mini" in checked.stdout, (checked.stdout, checked.stderr)


def test_archiving_a_campaign_refuses_what_it_cannot_do_and_writes_nothing(thidua, tmp_path):
    _two_campaigns(thidua, tmp_path)
    target = tmp_path / "luu-tru.db"
    assert_refused(thidua, ["db", "copy", str(thidua.db), str(target), "--campaign", "khong-co"],
                   f'--campaign: sổ nguồn {thidua.db} không có phong trào "khong-co"')
    assert_refused(thidua, ["db", "copy", str(thidua.db), "postgresql://ai@may-chu/so", "--campaign", "mini"],
                   "--campaign chép một phong trào ra một tệp SQLite lưu trữ; ĐÍCH phải là tên tệp")
    target.write_bytes(b"x")
    assert_refused(thidua, ["db", "copy", str(thidua.db), str(target), "--campaign", "mini"], f"sổ đích {target} không trống")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".luu-tru")] == []
