import json


def test_example_end_to_end(thidua):
    thidua.example()
    data = json.loads(thidua.ok("score", "--format", "json").stdout)
    assert data["campaign"] == "covid19-stttt"
    assert data["from"] == "2021-10-15" and data["to"] == "2022-05-31"
    individuals = [row for row in data["standings"] if row["kind"] == "individual"]
    assert individuals[0]["subject"] == "NV29" and individuals[0]["total"] == 99.0
