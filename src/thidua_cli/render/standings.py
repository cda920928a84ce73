"""Standings → JSON dict (SPEC §5.1) and a plain Table (terminal, CSV, Markdown, XLSX, HTML)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP

from thidua_cli.domain.formats import format_date, points_value
from thidua_cli.domain.models import KIND_LABELS
from thidua_cli.domain.scoring import CENT, StandingRow, Standings
from thidua_cli.render.tabular import Column, Table


def _limited(standings: Standings, top: int | None) -> list[StandingRow]:
    if top is None:
        return standings.rows
    return [row for row in standings.rows if row.rank <= top]


def row_json(row: StandingRow) -> dict:
    return {
        "subject": row.subject.code,
        "name": row.subject.name,
        "kind": row.subject.kind,
        "unit": row.subject.unit,
        # hundredths / 100 in float is the double nearest the exact value, as float(Decimal) would give
        "criteria": {code: value / 100 for code, value in row.scores.items()},
        "total": float(row.total_rounded),
        "rank": row.rank,
        "tier": row.tier,
        "entries": row.entries,
    }


def _head(standings: Standings) -> dict:
    return {
        "campaign": standings.campaign.code,
        "from": standings.period.start.isoformat(),
        "to": standings.period.end.isoformat(),
    }


def standings_json(standings: Standings, top: int | None = None) -> dict:
    return {**_head(standings), "standings": [row_json(row) for row in _limited(standings, top)]}


def standings_json_text(standings: Standings, top: int | None = None) -> str:
    """Exactly `to_json(standings_json(standings, top))`, written directly (a test holds them equal).

    `score --format json` prints 20,000 rows on a big ledger; building a dict per
    row and walking it costs more than the SQL aggregation itself, so the rows'
    fixed shape is written with the JSON string encoder and float repr."""
    from json.encoder import encode_basestring as text

    from thidua_cli.render.tabular import to_json

    rows = _limited(standings, top)
    head = to_json(_head(standings))[: -len("\n}\n")] + ',\n  "standings": '
    if not rows:
        return head + "[]\n}\n"
    # Scores, totals and units repeat (caps, ties, departments): each distinct one is written once.
    # The criteria of a row fill a %-template made once per set of criteria (one per kind).
    numbers = _Texts(lambda value: repr(value / 100))
    totals = _Texts(lambda total: repr(float(total.quantize(CENT, rounding=ROUND_HALF_UP))))
    texts = _Texts(lambda value: "null" if value is None else text(value))
    templates = _Texts(lambda codes: "{" + ",".join(
        "\n        " + text(code).replace("%", "%%") + ": %s" for code in codes
    ) + "\n      }" if codes else "{}")
    number = numbers.__getitem__
    parts = []
    for row in rows:
        subject = row.subject
        scores = row.scores
        criteria = templates[tuple(scores)] % tuple(map(number, scores.values()))
        parts.append(
            f'{{\n      "subject": {text(subject.code)},\n      "name": {text(subject.name)},\n      "kind": {texts[subject.kind]}'
            f',\n      "unit": {texts[subject.unit]},\n      "criteria": {criteria},\n      "total": {totals[row.total]}'
            f',\n      "rank": {row.rank!r},\n      "tier": {texts[row.tier]},\n      "entries": {row.entries!r}\n    }}'
        )
    return head + "[\n    " + ",\n    ".join(parts) + "\n  ]\n}\n"


class _Texts(dict):
    """value → its JSON text, computed on first use."""

    def __init__(self, write):
        super().__init__()
        self.write = write

    def __missing__(self, value):
        written = self[value] = self.write(value)
        return written


def standings_table(standings: Standings, top: int | None = None, machine: bool = False) -> Table:
    """Criteria as columns; `machine` keeps codes and plain values for CSV/XLSX."""
    campaign = standings.campaign
    criteria = [c for c in campaign.criteria if any(c.applies(row.subject.kind) for row in standings.rows)]
    columns = [Column("rank", "Hạng", "number"), Column("subject", "Mã"), Column("name", "Họ và tên / Tập thể", no_wrap=True),
               Column("kind", "Loại"), Column("unit", "Đơn vị", no_wrap=True)]
    columns += [Column(c.code, c.code, "points") for c in criteria]
    columns += [Column("total", "Tổng", "points"), Column("tier", "Xếp loại", no_wrap=True), Column("entries", "Số mục", "number")]
    rows = []
    for row in _limited(standings, top):
        data = {
            "rank": row.rank, "subject": row.subject.code, "name": row.subject.name,
            "kind": row.subject.kind if machine else KIND_LABELS[row.subject.kind], "unit": row.subject.unit,
            "total": row.total_rounded, "tier": row.tier, "entries": row.entries,
        }
        for c in criteria:
            data[c.code] = points_value(row.scores[c.code]) if c.code in row.scores else None
        rows.append(data)
    title = f"Bảng điểm phong trào {campaign.code}, từ {format_date(standings.period.start)} đến {format_date(standings.period.end)}"
    caption = "" if machine else "\n".join(f"{c.code}: {c.name}" for c in criteria)
    heading = f"Bảng điểm — {campaign.name}, từ {format_date(standings.period.start)} đến {format_date(standings.period.end)}"
    return Table(columns=columns, rows=rows, title=title, caption=caption, heading=heading)


def standings_html(standings: Standings, top: int | None = None) -> str:
    from thidua_cli.render.tabular import to_html

    return to_html(standings_table(standings, top))


def standings_screen(standings: Standings, top: int | None = None) -> str:
    """For people: one table per kind, criteria by code, the legend once below."""
    from thidua_cli.render.tabular import to_plain

    parts = []
    table = standings_table(standings, top)
    columns = [c for c in table.columns if c.key not in ("kind",)]
    for kind, label in (("collective", "Tập thể"), ("individual", "Cá nhân")):
        rows = [r for r in table.rows if r["kind"] == KIND_LABELS[kind]]
        if not rows:
            continue
        keep = [c for c in columns if not (kind == "collective" and c.key == "unit")]
        keep = [c for c in keep if c.kind != "points" or c.key == "total" or any(r.get(c.key) is not None for r in rows)]
        parts.append(f"{label} — {table.title}\n\n" + to_plain(Table(keep, rows)))
    parts.append(table.caption + "\n")
    return "\n".join(parts)
