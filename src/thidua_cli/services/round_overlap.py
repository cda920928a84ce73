"""A new round for a period that overlaps a live round: said, and done only when the user says how.

`propose-awards` for a period sharing days with a round that is not cancelled
is refused, naming that round, unless `--replace N` (round N is cancelled in
the same transaction; it must have no decision) or `--allow-overlap` (both are
kept: the one-award rule of record-decision still holds between them).
"""

from __future__ import annotations

from datetime import date

from thidua_cli.domain.decisions import overlap
from thidua_cli.domain.formats import format_date
from thidua_cli.domain.models import Campaign, Period
from thidua_cli.errors import NotFound, ThiduaError
from thidua_cli.storage import decisions as decision_store
from thidua_cli.storage import rounds as round_store


def _span(start: date, end: date) -> str:
    return f"{format_date(start)} – {format_date(end)}"


def decisions_text(connection, round_id: int) -> str:
    """"số 35/QĐ-STTTT ngày 20/06/2022 của Giám đốc Sở …; …" for the live decisions of a round ("" if none)."""
    return "; ".join(
        f"số {d.number} ngày {format_date(d.day)} của {d.authority}" for d in decision_store.of_round(connection, round_id) if d.live
    )


def overlapping_rounds(connection, campaign: Campaign, period: Period, aside: round_store.RoundRow | None = None) -> list:
    """The campaign's rounds not cancelled whose period overlaps `period` (the round `aside` left out): a new round
    for the same achievements is a supplementary one (đợt bổ sung)."""
    return [
        r for r in round_store.list_rounds(connection, campaign.id)
        if not r.cancelled and (aside is None or r.id != aside.id) and overlap((r.period_from, r.period_to), (period.start, period.end))
    ]


def round_to_replace(
    connection, campaign: Campaign, period: Period, replace: int | None, allow_overlap: bool
) -> round_store.RoundRow | None:
    """The round `--replace` cancels (checked), after refusing an overlap the user did not allow."""
    replaced = None
    if replace is not None:
        replaced = round_store.get_round(connection, campaign.id, replace)
        if replaced is None:
            raise NotFound(f"--replace: không có đợt đề nghị số {replace} của phong trào {campaign.code}")
        if replaced.cancelled:
            raise ThiduaError(f"--replace: đợt đề nghị số {replace} đã huỷ từ trước; không cần thay")
        if decision_store.of_round(connection, replaced.id):
            raise ThiduaError(
                f"--replace: đợt đề nghị số {replace} đã có quyết định khen thưởng ({decisions_text(connection, replaced.id)}); "
                "không huỷ được",
                hint="lập thêm đợt mới bên cạnh đợt này: --allow-overlap",
            )
    if allow_overlap:
        return replaced
    clashing = overlapping_rounds(connection, campaign, period, replaced)
    if clashing:
        listed = "; ".join(f"số {r.number} ({_span(r.period_from, r.period_to)})" for r in clashing)
        first = clashing[0]
        # --replace cancels one round with no decision; offered for a decided one (or one of several) it was refused
        if len(clashing) == 1 and not decision_store.of_round(connection, first.id):
            hint = f"thay đợt cũ: thêm --replace {first.number} (đợt {first.number} được huỷ); hoặc vẫn lập thêm: --allow-overlap"
        else:
            hint = "lập đợt bổ sung bên cạnh các đợt ấy: --allow-overlap (đợt đã có quyết định không huỷ được)"
        raise ThiduaError(
            f"kỳ {_span(period.start, period.end)} trùng với đợt đề nghị chưa huỷ của phong trào {campaign.code}: {listed}; "
            "chưa lập đợt mới",
            hint=hint,
        )
    return replaced
