"""One hash chain per campaign (schema version 14): entries, voids and changes of a campaign link to
each other only, every chain is verified, and a break is named in the campaign where it is."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import MINI_CAMPAIGN
from test_integrity import check_lines, tamper

from thidua_cli.storage.hashchain import GENESIS

pytestmark = pytest.mark.sqlite_only  # reads and tampers with the SQLite file itself (the server's chains: test_postgres_agencies)


def _two_campaigns(thidua):
    thidua.mini()
    thidua.ok("campaign", "load", str(thidua.write("m2.toml", MINI_CAMPAIGN.replace('code = "mini"', 'code = "mini2"', 1))))
    for day in ("2021-11-02", "2021-11-03", "2021-11-04"):  # interleaved: 1, 3, 5 in mini; 2, 4, 6 in mini2
        thidua.ok("add-entry", "-c", "mini", "-s", "NV1", "-k", "TC1", "-p", "5", "-d", day)
        thidua.ok("add-entry", "-c", "mini2", "-s", "NV2", "-k", "TC1", "-p", "7", "-d", day)
    thidua.ok("void-entry", "3", "--reason", "Ghi nhầm")
    thidua.ok("void-entry", "4", "--reason", "Ghi nhầm")
    return thidua


def _rows(thidua, sql: str) -> list[tuple]:
    connection = sqlite3.connect(thidua.db)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_each_campaign_chains_its_own_entries_voids_and_changes(thidua):
    _two_campaigns(thidua)
    entries = {i: (c, prev, h) for i, c, prev, h in _rows(thidua, "SELECT id, campaign_id, prev_hash, hash FROM entry")}
    by_campaign: dict[int, list[int]] = {}
    for record_id, (campaign, _, _) in sorted(entries.items()):
        by_campaign.setdefault(campaign, []).append(record_id)
    assert sorted(by_campaign.values()) == [[1, 3, 5], [2, 4, 6]]
    for ids in by_campaign.values():
        assert entries[ids[0]][1] == GENESIS
        assert [entries[i][1] for i in ids[1:]] == [entries[i][2] for i in ids[:-1]]
    voids = _rows(thidua, "SELECT id, prev_hash FROM void ORDER BY id")
    assert [prev for _, prev in voids] == [GENESIS, GENESIS]  # the first void of each campaign
    heads = {(t, c): (last, n) for t, c, last, n in _rows(thidua, "SELECT tbl, campaign_id, last_id, count FROM chain_head")}
    campaigns = dict(_rows(thidua, "SELECT code, id FROM campaign"))
    assert heads[("entry", campaigns["mini"])] == (5, 3) and heads[("entry", campaigns["mini2"])] == (6, 3)
    assert heads[("void", campaigns["mini"])] == (1, 1) and heads[("void", campaigns["mini2"])] == (2, 1)
    assert ("change_log", 0) in heads  # the subjects' changes: the chain of no campaign
    assert thidua("check").exit_code == 0


def test_a_rewritten_entry_is_named_in_its_campaign_chain(thidua):
    _two_campaigns(thidua)
    # entry 3 rewritten with its hash recomputed: entry 5 (next in mini) no longer follows it; mini2 is untouched
    tamper(thidua, "UPDATE entry SET hash = '" + "f" * 64 + "' WHERE id = 3")
    lines = check_lines(thidua)
    assert lines == [
        "mục ghi số 3: người ghi, thời điểm ghi, mã băm, hoặc mã phong trào, đối tượng, tiêu chí của nó đã bị sửa ngoài thidua",
        "mục ghi số 3 đã bị thay ngoài thidua (mục số 5 không còn nối tiếp nó trong chuỗi băm)",  # 5 follows 3 in mini
    ], lines


def test_a_campaign_head_moved_behind_the_tools_back_is_named(thidua):
    _two_campaigns(thidua)
    campaign = _rows(thidua, "SELECT id FROM campaign WHERE code = 'mini2'")[0][0]
    tamper(thidua, f"UPDATE chain_head SET count = 2 WHERE tbl = 'entry' AND campaign_id = {campaign}")
    assert check_lines(thidua) == [
        "chuỗi băm mục ghi của phong trào mini2: số mục ghi thidua đã ghi (2) không khớp số mục còn trong sổ (3)"]
    (four,), = _rows(thidua, "SELECT hash FROM entry WHERE id = 4")
    tamper(thidua, f"UPDATE chain_head SET count = 2, last_id = 4, last_hash = '{four}' WHERE tbl = 'entry' AND campaign_id = {campaign}")
    assert check_lines(thidua) == [
        "chuỗi băm mục ghi của phong trào mini2: mục ghi số 6 được thêm vào sổ ngoài thidua (sau mục cuối thidua đã ghi "
        "trong chuỗi, số 4)"]


def test_the_next_entry_follows_its_campaigns_head_not_the_newest_row(thidua):
    _two_campaigns(thidua)
    thidua.ok("add-entry", "-c", "mini", "-s", "NV1", "-k", "TC1", "-p", "1", "-d", "2021-11-05")
    (prev,), = _rows(thidua, "SELECT prev_hash FROM entry WHERE id = 7")
    (five,), = _rows(thidua, "SELECT hash FROM entry WHERE id = 5")
    assert prev == five
    assert thidua("check").exit_code == 0
