"""Property test: `score --format json` equals a straightforward computation of SPEC §5.1."""

import json
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua_cli.domain.vntext import collation_key, person_sort_key

START = date(2021, 10, 1)
END = date(2021, 12, 31)
GIVEN = ["An", "Ánh", "Ăn", "Bình", "Đạt", "Hòa", "Hoà", "Yến"]

criterion = st.fixed_dictionaries(
    {
        "applies_to": st.sampled_from(["individual", "collective", "both"]),
        "max": st.one_of(st.none(), st.integers(-5, 60)),
        "min": st.one_of(st.none(), st.integers(-30, 10)),
        "weight": st.sampled_from(["1", "1.5", "0.5", "2", "0.25", "3"]),
    }
).filter(lambda c: c["max"] is None or c["min"] is None or c["min"] <= c["max"])

subject = st.tuples(st.sampled_from(["individual", "collective"]), st.sampled_from(GIVEN), st.sampled_from(["Lê", "Trần Thị", "Đỗ Văn"]))

ledger = st.fixed_dictionaries(
    {
        "criteria": st.lists(criterion, min_size=1, max_size=4),
        "subjects": st.lists(subject, min_size=1, max_size=7),
        "entries": st.lists(
            st.tuples(
                st.integers(0, 6), st.integers(0, 3), st.integers(-95, 95),
                st.sampled_from([-1, 0, 1, 30, 45, 60, 91, 92]),  # day offsets: edges of the campaign and of the period
                st.integers(-3000, 3000), st.booleans(),
            ),
            max_size=30,
        ),
        "tiers": st.lists(st.integers(-10, 80), max_size=3, unique=True),
        # None: the whole campaign (the query then drops the date test when it holds every entry);
        # one or two days: short against the entries' span, read through ix_entry_by_day
        "period": st.sampled_from([None, ("2021-10-01", "2021-10-31"), ("2021-10-31", "2021-11-30"), ("2021-11-30", "2021-12-31"),
                                   ("2021-11-15", "2021-11-15"), ("2021-10-31", "2021-11-01")]),
    }
)


def campaign_toml(data) -> str:
    parts = [
        '[campaign]\ncode = "prop"\nname = "Thử"\nkind = "chuyen-de"\nplan = "1/KH-X"\n'
        f"start = {START}\nend = {END}\nagency = \"Sở X\"\nbase_salary = 1490000\n"
    ]
    for index, c in enumerate(data["criteria"]):
        part = f'[[criteria]]\ncode = "K{index}"\nname = "Tiêu chí {index}"\napplies_to = "{c["applies_to"]}"\nweight = {c["weight"]}\n'
        if c["max"] is not None:
            part += f"max_points = {c['max']}\n"
        if c["min"] is not None:
            part += f"min_points = {c['min']}\n"
        parts.append(part)
    for index, minimum in enumerate(data["tiers"]):
        parts.append(f'[[tiers]]\nname = "Mức {index}"\nmin_score = {minimum}\n')
    return "\n".join(parts)


def naive(data, entries, period_start, period_end):
    criteria = data["criteria"]
    rows = []
    for s_index, (kind, given, family) in enumerate(data["subjects"]):
        code = f"S{s_index}"
        name = f"{family} {given}"
        applicable = [k for k, c in enumerate(criteria) if c["applies_to"] in ("both", kind)]
        if not any(c["applies_to"] in ("both", kind) for c in criteria):
            continue
        scores = {}
        total = Decimal(0)
        count = 0
        for k in applicable:
            raw = sum(
                (Decimal(p) / 100 for (s, kk, p, day, voided) in entries if s == s_index and kk == k and not voided and period_start <= day <= period_end),
                Decimal(0),
            )
            count += sum(1 for (s, kk, p, day, voided) in entries if s == s_index and kk == k and not voided and period_start <= day <= period_end)
            c = criteria[k]
            if c["max"] is not None:
                raw = min(raw, Decimal(c["max"]))
            if c["min"] is not None:
                raw = max(raw, Decimal(c["min"]))
            scores[f"K{k}"] = raw
            total += Decimal(c["weight"]) * raw
        reached = [(m, f"Mức {i}") for i, m in enumerate(data["tiers"]) if Decimal(m) <= total]
        tier = max(reached)[1] if reached else None
        rows.append({"code": code, "name": name, "kind": kind, "scores": scores, "total": total, "tier": tier, "entries": count})
    result = []
    for kind in ("collective", "individual"):
        group = [r for r in rows if r["kind"] == kind]
        key = person_sort_key if kind == "individual" else (lambda n: (collation_key(n), n))
        group.sort(key=lambda r: (-r["total"], key(r["name"])))
        for r in group:
            r["rank"] = 1 + sum(1 for other in group if other["total"] > r["total"])
        result += group
    return result


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=ledger)
def test_score_json_equals_naive_computation(thidua_factory, data):
    thidua = thidua_factory()
    criteria = data["criteria"]
    thidua.ok("campaign", "load", str(thidua.write("c.toml", campaign_toml(data))))
    lines = ["code,name,kind"] + [f"S{i},{family} {given},{kind}" for i, (kind, given, family) in enumerate(data["subjects"])]
    thidua.ok("subject", "import", str(thidua.write("s.csv", "\n".join(lines) + "\n")))
    entries = []
    csv_lines = ["date,subject,criterion,points,note"]
    for s_index, k_index, _, offset, cents, voided in data["entries"]:
        s_index %= len(data["subjects"])
        k_index %= len(criteria)
        kind = data["subjects"][s_index][0]
        if criteria[k_index]["applies_to"] not in ("both", kind):
            continue
        day = START + timedelta(days=offset)
        entries.append([s_index, k_index, cents, day, voided])
        csv_lines.append(f"{day.isoformat()},S{s_index},K{k_index},{Decimal(cents) / 100},dòng {len(csv_lines)}")
    if entries:
        thidua.ok("import-entries", str(thidua.write("e.csv", "\n".join(csv_lines) + "\n")))
        for entry_id, entry in enumerate(entries, 1):
            if entry[4]:
                thidua.ok("void-entry", str(entry_id), "--reason", "huỷ thử")
    args = ["score", "--format", "json"]
    period_start, period_end = START, END
    if data["period"]:
        args += ["--from", data["period"][0], "--to", data["period"][1]]
        period_start, period_end = date.fromisoformat(data["period"][0]), date.fromisoformat(data["period"][1])
    got = json.loads(thidua.ok(*args).stdout)
    expected = naive(data, [tuple(e) for e in entries], period_start, period_end)
    assert (got["from"], got["to"]) == (period_start.isoformat(), period_end.isoformat())
    assert [r["subject"] for r in got["standings"]] == [r["code"] for r in expected]
    for row, want in zip(got["standings"], expected):
        assert row["rank"] == want["rank"], (row, want)
        assert Decimal(str(row["total"])) == want["total"].quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        assert {k: Decimal(str(v)) for k, v in row["criteria"].items()} == want["scores"]
        assert row["tier"] == want["tier"]
        assert row["entries"] == want["entries"]
        assert row["kind"] == want["kind"]
