"""propose-awards lets go of what the dossier does not read before writing it (the peak of the command on a
province's ledger, SPEC: ≤ 150 MB): the scores of everyone the round does not name, and the award history the
rules read. The documents stay the same: the dossier still knows everyone ranked (units' names, heads of units,
the Chánh Văn phòng) through `Dossier.people`."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dossier_example import example_dossier
from test_proposals import award, people, setup
from thidua_cli.domain.periods import PeriodRequest
from thidua_cli.render.documents import make_environment, render_document
from thidua_cli.render.dossier import dossier_contexts


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def documents(dossier) -> list[str]:
    """Every document of the dossier, as Markdown."""
    env = make_environment()
    contexts = dossier_contexts(dossier)
    texts = [render_document("bien-ban", contexts["minutes"], "md", env=env)]
    for group in contexts["groups"]:
        texts += [render_document("to-trinh", group["to_trinh"], "md", env=env),
                  render_document("danh-sach", group["danh_sach"], "md", env=env)]
        if group["quyet_dinh"] is not None:
            texts.append(render_document("quyet-dinh", group["quyet_dinh"], "md", env=env))
        texts += [render_document("bao-cao-thanh-tich", report, "md", env=env) for report in group["reports"]]
    return texts


def test_a_dossier_from_the_rounds_own_rows_and_everyone_ranked_is_the_same():
    whole = example_dossier()
    standings = whole.round.standings
    named = [p.subject.code for p in whole.round.proposals] + [s.code for t in whole.round.ties for s in t.subjects]
    narrowed = replace(whole.round, standings=standings.narrowed(named))
    assert len(narrowed.standings.rows) < len(standings.rows)
    everyone = tuple(row.subject for row in standings.rows)
    assert documents(replace(whole, round=narrowed, people=everyone)) == documents(whole)
    # the test bites: without everyone ranked, the heads of units not proposed are not found
    assert documents(replace(whole, round=narrowed)) != documents(whole)


def test_propose_awards_keeps_only_the_rounds_own_rows_of_the_standings(thidua, tmp_path):
    from thidua_cli.services.proposals import propose_awards

    setup(thidua, award("GK", 1, quota_percent=50, max_count=3),
          people("VP,Văn phòng Sở,tập thể,,,", "NV1,Nguyễn Văn An,cá nhân,VP,nam,", "NV2,Trần Văn Bình,cá nhân,VP,nam,",
                 "NV3,Lê Văn Cường,cá nhân,VP,nam,", "NV4,Phạm Văn Dũng,cá nhân,VP,nam,", "NV5,Hồ Văn Em,cá nhân,VP,nam,",
                 "NV6,Võ Văn Giang,cá nhân,VP,nam,"),
          {"VP": 90, "NV1": 99, "NV2": 98, "NV3": 97, "NV4": 96, "NV5": 95, "NV6": 94})
    view = propose_awards(str(thidua.db), PeriodRequest(), out=str(tmp_path / "ho-so"))
    named = {p.subject.code for p in view.result.proposals} | {s.code for t in view.result.ties for s in t.subjects}
    assert named and len(named) < 7
    assert {row.subject.code for row in view.result.standings.rows} == named
    # what was let go is not what the documents say: the unit of the people proposed is still named
    danh_sach = next(path for path in view.written if path.name == "danh-sach.md")
    assert "Văn phòng Sở" in danh_sach.read_text(encoding="utf-8")


def test_a_row_in_a_list_reads_as_the_chainmap_of_its_place_and_its_shared_values():
    """The four lists of a dossier (biên bản, each sitting, danh sách, quyết định) hold one row per proposal, each
    the proposal's shared values and its place: read exactly as ChainMap(place, shared) was, in less memory."""
    import sys
    from collections import ChainMap

    from thidua_cli.render.dossier import _Placed

    shared = {"code": "A1", "name": "Đặng Thị Ánh", "amount": 702000, "amount_note": "", "paid_before": False, "stt": 99}
    paid = {"amount": 0, "amount_note": "hưởng tiền thưởng danh hiệu cao nhất: Bằng khen", "paid_before": True}
    for own in (None, paid):
        row = _Placed(shared, 7, 3, own)
        chained = ChainMap({"heading": False, "stt": 7, "index": 3, **(own or {})}, shared)
        assert list(row) == list(chained) and dict(row) == dict(chained) and len(row) == len(chained)
        assert row == chained and ("index" in row) and ("votes_for" not in row) and row.get("votes_for") is None
        with pytest.raises(KeyError):
            row["votes_for"]
        assert sys.getsizeof(row) < sys.getsizeof(chained) + sys.getsizeof(chained.maps) + sys.getsizeof(chained.maps[0])
    rows = [r for group in dossier_contexts(example_dossier())["groups"] for r in group["table"] if not r["heading"]]
    assert rows and all(isinstance(r, _Placed) for r in rows)
