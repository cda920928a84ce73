"""thidua stats --year YYYY: the TT 02/2023/TT-BNV forms 0601.N, 0602.N and 0603.N from the ledger."""

from __future__ import annotations

from thidua_cli.domain.statistics import YearStatistics, build_statistics, parse_cell
from thidua_cli.errors import NotFound, UsageError
from thidua_cli.services.ledger_session import session_for


def year_option(text: str) -> int:
    value = (text or "").strip()
    if not (value.isdigit() and len(value) == 4 and 1945 <= int(value) <= 2999):
        raise UsageError(f'--year: "{text}" không phải năm (viết YYYY, ví dụ 2022)')
    return int(value)


def statistics(db: str | None, year: str) -> YearStatistics:
    from thidua_cli.storage.statistics import all_campaigns, campaign_agencies, history_facts

    wanted = year_option(year)
    with session_for(db) as session:
        campaigns = all_campaigns(session.connection)
        if not campaigns:
            raise NotFound("sổ chưa có phong trào nào", hint="nạp phong trào: thidua campaign load TỆP.toml")
        facts = history_facts(session.connection)
        agencies = campaign_agencies(session.connection)
    first = campaigns[0]
    # a role that reads every agency of a shared server counts them all: the heading says whose figures they are
    agency = first.agency if len(agencies) <= 1 else "Tổng hợp: " + ", ".join(agencies)
    return build_statistics(wanted, campaigns, facts, agency, first.parent_agency, first.place)


def explain(stats: YearStatistics, cell: str):
    """(form, row, column, sources) of one cell named BIỂU:MÃ_SỐ:CỘT."""
    try:
        form_code, row, column = parse_cell(cell)
    except ValueError as error:
        raise UsageError(f'--explain: "{cell}" {error}') from None
    form = next((f for f in stats.forms if f.code == form_code), None)
    if form is None:
        raise UsageError(f'--explain: không có biểu {form_code} (có: {", ".join(f.code for f in stats.forms)})')
    rows = [r.code for r in form.rows if r.code]
    columns = [c.key for c in form.columns]
    if row not in rows:
        raise UsageError(f'--explain: biểu {form.code} không có dòng mã số "{row}" (có: {", ".join(rows)})')
    if column not in columns:
        raise UsageError(f'--explain: biểu {form.code} không có cột "{column}" (có: {", ".join(columns)})')
    return form, row, column, form.cells.get((row, column), [])
