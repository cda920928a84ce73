import json


def test_example_end_to_end(thidua):
    thidua.example()
    data = json.loads(thidua.ok("score", "--format", "json").stdout)
    assert data["campaign"] == "covid19-stttt"
    assert data["from"] == "2021-10-15" and data["to"] == "2022-05-31"
    individuals = [row for row in data["standings"] if row["kind"] == "individual"]
    assert individuals[0]["subject"] == "NV29" and individuals[0]["total"] == 99.0


def test_a_bug_gives_one_vietnamese_line_and_changes_nothing(thidua, monkeypatch):
    """Whatever slips through is still one `Lỗi:` line (the technical detail marked for the developer), exit 1."""
    from conftest import assert_refused
    from thidua_cli.services import standings

    thidua.mini()

    def broken(*args, **kwargs):
        raise KeyError("criterion")

    monkeypatch.setattr(standings, "score", broken)
    result = assert_refused(thidua, ["score"], "lỗi không mong đợi trong thidua; sổ không thay đổi (cho người phát triển: KeyError: 'criterion')")
    assert "Traceback" not in result.stderr
    assert "Gợi ý: chạy lại với THIDUA_DEBUG=1" in result.stderr
