"""trial11: the same input gives the same output, and the same refusals, on a SQLite file and on PostgreSQL.

Run twice: `pytest tests/test_trial11.py` (SQLite) and `THIDUA_TEST_ENGINE=postgresql pytest tests/test_trial11.py`."""

from __future__ import annotations

import random
import sqlite3
import string

import pytest

from conftest import MINI_CAMPAIGN, assert_refused


def test_points_beyond_what_a_server_column_holds_are_refused_on_both_engines(thidua):
    # points are kept as integer hundredths; a server's INTEGER column holds up to 2 147 483 647 of them.
    # 30 000 000 points were written to a file and refused by the server with its own English message
    # ("máy chủ báo: value "3000000000" is out of range for type integer") — now refused on both, naming the field.
    thidua.mini()
    assert_refused(thidua, ["add-entry", "--subject", "NV1", "--criterion", "TC1", "--points", "30000000"],
                   '--points: "30000000" quá lớn')
    assert_refused(thidua, ["add-entry", "--subject", "NV1", "--criterion", "TC1", "--points", "21474836,48"],
                   "quá lớn")
    path = thidua.write("big.csv", """
        date,subject,criterion,points,note,evidence
        05/11/2021,NV1,TC1,5,Đủ,CV 1
        06/11/2021,NV2,TC1,30000000,Quá lớn,CV 2
    """)
    result = assert_refused(thidua, ["import-entries", str(path)], "dòng 3")
    assert 'cột "points": "30000000" quá lớn' in result.stderr
    assert "máy chủ báo" not in result.stderr
    # the largest allowed is written on both, and read back the same
    ok = thidua.ok("add-entry", "--subject", "NV1", "--criterion", "TC1", "--points", "10000000", "--date", "2021-11-05")
    assert "10.000.000 điểm" in ok.stderr + ok.stdout
    assert "máy chủ báo" not in ok.stderr


def test_campaign_numbers_beyond_what_a_server_column_holds_are_refused_on_both_engines(thidua):
    # base_salary, caps and award scores were written to a file but refused by the server ("integer out of range")
    too_big_salary = MINI_CAMPAIGN.replace("base_salary = 1490000", "base_salary = 3000000000")
    assert_refused(thidua, ["campaign", "load", str(thidua.write("salary.toml", too_big_salary))], "base_salary")
    too_big_cap = MINI_CAMPAIGN.replace("max_points = 50", "max_points = 30000000")
    result = assert_refused(thidua, ["campaign", "load", str(thidua.write("cap.toml", too_big_cap))], "max_points")
    assert "quá lớn" in result.stderr and "máy chủ báo" not in result.stderr


def test_award_money_beyond_what_a_server_column_holds_is_refused_at_load_on_both_engines(thidua):
    # multiplier 1000 × 1 490 000 đồng = 1 490 000 000 fits; for a collective (2 × multiplier) 2 980 000 000 does not:
    # a file recorded the decision, the server refused it ("máy chủ báo: integer out of range") after the vote
    big = MINI_CAMPAIGN.replace("multiplier = 0.3", "multiplier = 1000")
    result = assert_refused(thidua, ["campaign", "load", str(thidua.write("big.toml", big))], "multiplier")
    assert "2.980.000.000 đồng" in result.stderr and "máy chủ báo" not in result.stderr
    fits = MINI_CAMPAIGN.replace("multiplier = 0.3", "multiplier = 1000\ncollective_multiplier = 1000")
    thidua.ok("campaign", "load", str(thidua.write("fits.toml", fits)))


def _long_name(words: int = 600) -> str:
    """A name of varied words (so that the server cannot compress its index entry): 4 000 characters and more."""
    syllables = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Ánh Bích Cúc Đào Hạnh".split()
    return " ".join(f"{syllables[(i * 7) % len(syllables)]}{(i * 7919) % 1000}" for i in range(words))


def test_a_subject_name_longer_than_a_server_index_holds_is_refused_on_both_engines(thidua):
    # the name's search keys are indexed; a server's index entry holds about 2 700 bytes: a 4 500-character name
    # was added to a file and refused by the server ("máy chủ báo: index row size 2992 exceeds btree version 4 …")
    thidua.mini()
    name = _long_name()
    result = assert_refused(thidua, ["subject", "add", "--code", "X1", "--name", name, "--kind", "ca-nhan"], "dài quá 300 ký tự")
    assert "máy chủ báo" not in result.stderr
    path = thidua.write("long.csv", f"code,name,kind,unit\nX2,Lê Văn Tám,cá nhân,VP\nX3,{name},cá nhân,VP\n")
    result = assert_refused(thidua, ["subject", "import", str(path)], "dòng 3")
    assert 'cột "name"' in result.stderr and "dài quá 300 ký tự" in result.stderr
    thidua.ok("subject", "add", "--code", "X4", "--name", _long_name(40)[:300], "--kind", "tap-the")


def test_a_campaign_or_item_code_longer_than_a_server_index_holds_is_refused_on_both_engines(thidua):
    # criterion, award and campaign codes are unique keys, indexed: 3 000 characters were loaded into a file and
    # refused by the server with its own message
    long_code = "".join("ABCDEFGHJKMNPQRSTUVWXYZ23456789"[(i * 13) % 31] for i in range(3000))
    criterion = MINI_CAMPAIGN.replace('code = "TC2"', f'code = "T{long_code}"')
    result = assert_refused(thidua, ["campaign", "load", str(thidua.write("c.toml", criterion))], "criteria[2].code")
    assert "dài quá 40 ký tự" in result.stderr and "máy chủ báo" not in result.stderr
    award = MINI_CAMPAIGN.replace('code = "GK"', f'code = "G{long_code}"')
    assert_refused(thidua, ["campaign", "load", str(thidua.write("a.toml", award))], "awards[1].code")
    campaign = MINI_CAMPAIGN.replace('code = "mini"', f'code = "m{long_code.lower()}"')
    result = assert_refused(thidua, ["campaign", "load", str(thidua.write("m.toml", campaign))], "campaign.code")
    assert "dài quá 100 ký tự" in result.stderr


def test_a_tier_name_longer_than_a_server_index_holds_is_refused_on_both_engines(thidua):
    # a tier is known by its name (the change log's key of it is indexed): a 4 500-character name was loaded into a
    # file and refused by the server ("máy chủ báo: index row size 2744 exceeds btree version 4 maximum 2704 …")
    campaign = MINI_CAMPAIGN.replace('name = "Xuất sắc"', f'name = "{_long_name()}"')
    result = assert_refused(thidua, ["campaign", "load", str(thidua.write("t.toml", campaign))], "tiers[1].name")
    assert "dài quá 300 ký tự" in result.stderr and "máy chủ báo" not in result.stderr


def _decided_round(thidua):
    thidua.mini()
    thidua.ok("add-entry", "--subject", "NV1", "--criterion", "TC1", "--points", "30", "--date", "2021-11-05")
    thidua.ok("propose-awards", "--from", "2021-10-01", "--to", "2021-12-31", "--date", "2022-01-05")
    thidua.write("votes.csv", "subject,award,votes\nNV1,GK,7\n")
    thidua.ok("record-votes", "1", "--file", "votes.csv", "--members", "7", "--date", "2022-01-06")
    thidua.ok("record-decision", "1", "--number", "5/QĐ-STTTT", "--date", "2022-01-10")


def test_a_decision_number_longer_than_a_server_index_holds_is_refused_on_both_engines(thidua, monkeypatch):
    # a decision's number is indexed (ix_decision_number_key): a 3 000-character number corrected a decision in a
    # file and was refused by the server ("máy chủ báo: index row size 3016 exceeds btree version 4 maximum 2704 …");
    # now refused on both, as `awards add` refuses a number longer than 300 characters
    monkeypatch.setenv("THIDUA_TODAY", "2022-02-01")
    _decided_round(thidua)
    rng = random.Random(11)  # varied characters: the server compresses a repetitive key below its limit
    number = "1/" + "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(3000))
    result = assert_refused(thidua, ["decision", "correct", "5/QĐ-STTTT", "--number", number, "--date", "2022-01-10",
                                     "--reason", "gõ nhầm"], "dài quá 300 ký tự")
    assert result.stderr.startswith("Lỗi: --number:") and "máy chủ báo" not in result.stderr
    assert_refused(thidua, ["record-decision", "1", "--number", number, "--date", "2022-01-10"], "--number:")


@pytest.mark.sqlite_only  # a file written by an earlier thidua, copied to a server: both engines in one test
def test_db_copy_names_a_value_too_large_for_the_server_instead_of_its_english_error(thidua, postgres_server):
    # before the limits above a file could hold 30 000 000 points; `db copy` to a server then failed with the
    # server's message ('value "3000000000" is out of range for type integer'), naming no record
    thidua.mini()
    thidua.ok("add-entry", "--subject", "NV1", "--criterion", "TC1", "--points", "5", "--date", "2021-11-05")
    with sqlite3.connect(thidua.db) as connection:  # as an earlier version wrote it
        connection.execute("UPDATE criterion SET max_points = 3000000000 WHERE code = 'TC1'")
    url = postgres_server.new_database()
    result = thidua("db", "copy", str(thidua.db), url)
    assert result.exit_code == 1, result.stderr
    assert result.stderr.startswith("Lỗi: sổ nguồn") and "bảng criterion" in result.stderr
    assert 'cột "max_points"' in result.stderr and "3000000000" in result.stderr
    assert "out of range" not in result.stderr
    assert postgres_server.rows(url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == [(0,)]


@pytest.mark.parametrize("encoding", ["SQL_ASCII", "LATIN1"])
def test_a_server_database_not_in_utf8_is_refused_before_anything_is_written(thidua, postgres_server, encoding):
    # what a file keeps (Vietnamese text) a database made in another encoding cannot: LATIN1 gave 'lỗi không mong đợi
    # … UnicodeEncodeError', SQL_ASCII left 23 tables behind a failed campaign load ('sổ giữ nguyên như trước') and
    # then refused every command ('relation "agency" already exists'). Now one Lỗi: line names the encoding and how
    # to make the database, and nothing is written.
    import psycopg

    name = f"ma_{encoding.lower()}"
    with psycopg.connect(postgres_server.url(), autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING '{encoding}' LC_COLLATE 'C' LC_CTYPE 'C'")
    url = postgres_server.url(name)
    campaign = thidua.write("mini.toml", MINI_CAMPAIGN)
    for args in (["campaign", "load", str(campaign)], ["db", "init"], ["db", "status"]):
        result = thidua("--db", url, *args)
        assert result.exit_code == 1, result.stderr
        assert result.stderr.startswith("Lỗi: sổ PostgreSQL") and encoding in result.stderr and "UTF8" in result.stderr
        assert "không mong đợi" not in result.stderr
    assert postgres_server.rows(url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == [(0,)]


def test_a_client_encoding_set_for_other_tools_does_not_break_vietnamese_text(thidua, monkeypatch):
    # PGCLIENTENCODING=LATIN1 (left by another tool) made every server command fail reading a name ('character with
    # byte sequence 0xe1 0xba 0xa3 in encoding "UTF8" has no equivalent in encoding "LATIN1"'); a file never cared
    thidua.mini()
    monkeypatch.setenv("PGCLIENTENCODING", "LATIN1")
    listed = thidua.ok("subject", "list", "--format", "json")
    assert "Trần Thị Ánh" in listed.stdout
    thidua.ok("subject", "add", "--code", "NV9", "--name", "Đặng Thị Ngọc Ẩn", "--kind", "ca-nhan", "--unit", "VP")
    assert "Đặng Thị Ngọc Ẩn" in thidua.ok("subject", "list").stdout
