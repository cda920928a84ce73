"""thidua report: gather one period's numbers and build the `Report` (SPEC §8).

The figures come from SQL aggregations (storage/report.py); every standings
table from the one standings service (`standings_to_and_before`: the period,
the total to its end and the total before it, from one scan), so the report
agrees with `score` to the hundredth.
"""

from __future__ import annotations

from pathlib import Path

from thidua_cli.domain.periods import PeriodRequest, refuse_outside, resolve_period
from thidua_cli.domain.report import Report, ReportInputs, build_report, covered_period
from thidua_cli.errors import InvalidData, UsageError, system_reason
from thidua_cli.services.ledger_session import session_for
from thidua_cli.services.session import today
from thidua_cli.services.standings import standings_to_and_before

LIST_LIMIT = 200  # initiatives and penalties listed by name; the counts are always complete


def _disciplines(connection, standings, covered) -> tuple:
    """The disciplinary measures in force decided in the period against the campaign's subjects (those it ranks;
    on a shared server every office reads every measure)."""
    from thidua_cli.domain.report import DisciplineLine
    from thidua_cli.storage.discipline import disciplines

    subjects = {row.subject.code: row.subject for row in standings.rows}
    return tuple(DisciplineLine(row.day, subjects[row.subject], row.form, row.number, row.reason)
                 for row in disciplines(connection, dated_between=(covered.start, covered.end)) if row.subject in subjects)


def build(
    db: str | None, request: PeriodRequest, campaign: str | None = None, top: int = 5,
    next_steps: tuple[str, ...] | None = None, day: str | None = None, number: int | None = None,
) -> Report:
    """The report for the requested period; `day` is the date written on it (default today)."""
    from thidua_cli.storage import report as store

    written_on = _document_date(day)
    with session_for(db) as session:
        chosen = session.campaign(campaign)
        period = resolve_period(request, chosen.start, chosen.end, today())
        refuse_outside(period, chosen)
        if day and written_on < period.start:  # it would report a period not begun, with nothing proposed in it
            from thidua_cli.domain.formats import format_date
            from thidua_cli.domain.report import period_phrase

            raise UsageError(f"--date: ngày {format_date(written_on)} trước kỳ báo cáo ({period_phrase(period)} bắt đầu "
                             f"ngày {format_date(period.start)}); báo cáo ghi ngày từ đầu kỳ trở đi")
        covered = covered_period(period, chosen)
        connection = session.connection
        args = (connection, chosen.id, covered.start, covered.end)
        period_standings, standings, previous = standings_to_and_before(session, chosen, covered)
        from thidua_cli.domain.report import top_rows

        # the highlights of the very subjects section II names (one in the places with a violation gives it up)
        disciplines = _disciplines(connection, period_standings, covered)
        tops = [row.subject.code for row in top_rows(period_standings.rows, top,
                                                     frozenset(d.subject.code for d in disciplines))]
        initiatives, initiative_count = store.listed_entries(*args, store.INITIATIVE, LIST_LIMIT)
        penalties, penalty_count = store.listed_entries(*args, store.PENALTY, LIST_LIMIT)
        award_names = {award.code: award.name for award in chosen.awards}
        # Section IV follows the period asked for, not the scoring cut-off: the year-end review proposes and votes
        # after the campaign's last scoring day, within the year; and nothing after the day the report is written
        awarding = (connection, chosen.id, period.start, min(period.end, written_on))
        inputs = ReportInputs(
            campaign=chosen, period=period, today=written_on,
            criterion_sums=tuple(store.criterion_sums(*args)),
            unit_sums=tuple(store.unit_sums(*args)),
            day_sums=tuple(store.day_sums(*args)),
            negative_points=store.negative_points(*args),
            # every active subject of a scored kind is in the standings, those without entries with 0
            without_entries=tuple(row.subject for row in period_standings.rows if row.entries == 0),
            period_standings=period_standings, standings=standings, previous_standings=previous,
            initiatives=tuple(initiatives), initiative_count=initiative_count,
            penalties=tuple(penalties), penalty_count=penalty_count,
            highlights=store.highlights(*args, tops),
            proposed=tuple(_as_sent(session, chosen, store.proposed_awards(*awarding, award_names), awarding[-1])),
            decided=tuple(store.decided_awards(*awarding, award_names)),
            next_steps=next_steps, top=top, number=number,
            voided=tuple(store.voided_entries(*args)),
            disciplines=disciplines,
        )
        from dataclasses import replace

        from thidua_cli.storage.changelog import verification_code

        code = verification_code(connection)
    return replace(build_report(inputs), verification_code=code)


def _as_sent(session, campaign, proposed: list, until) -> list:
    """After the council's vote a round's proposals are those its tờ trình carries (services.rounds.proposals_as_sent)."""
    from thidua_cli.domain.report import ProposedAward
    from thidua_cli.services.rounds import with_proposals_as_sent

    return with_proposals_as_sent(session, campaign, proposed, until, lambda line, p: ProposedAward(
        round=line.round, day=line.day, award=p.award.code, award_name=p.award.name, subject=p.subject.code,
        name=p.subject.name, kind=p.subject.kind))


def _document_date(day: str | None):
    from thidua_cli.domain.formats import FormatError, parse_date

    if not day:
        return today()
    try:
        return parse_date(day)
    except FormatError as error:
        raise UsageError(f'tuỳ chọn --date: "{day}" {error}') from None


def read_next_steps(path: str) -> tuple[str, ...]:
    """Section V from a text file: one task per line (a leading "-", "•" or "1." is dropped)."""
    import re

    from thidua_cli.domain.vntext import clean

    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InvalidData(f"--next-steps: không có tệp {path}") from None
    except UnicodeDecodeError:
        raise InvalidData(f"--next-steps: tệp {path} không phải văn bản UTF-8") from None
    except OSError as error:
        raise InvalidData(f"--next-steps: không đọc được tệp {path}: {system_reason(error)}") from None
    steps = []
    for line in text.splitlines():
        item = clean(re.sub(r"^\s*(?:[-•*+]|\d+[.)])\s*", "", line))
        if item:
            steps.append(item)
    if not steps:
        raise InvalidData(f"--next-steps: tệp {path} không có dòng nào")
    return tuple(steps)
