"""thidua certificates: print the granted awards of a round (or of one decision) on their blanks.

Everything is fitted and rendered in memory first; the files are written only when every page
fits, so a layout that does not fit writes nothing (and a certificate never writes to the ledger).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from thidua_cli.domain.certificate_layout import CertificateLayout, parse_layout
from thidua_cli.domain.certificates import CertificateFacts, certificate_values, flags_left_out, is_flag, signer_for
from thidua_cli.domain.vntext import clean, fold_key
from thidua_cli.errors import InvalidData, NotFound, UsageError
from thidua_cli.resources import templates_dir
from thidua_cli.services.ledger_session import session_for
from thidua_cli.storage import units

SHIPPED_LAYOUTS = ("giay-khen", "bang-khen")


@dataclass
class CertificatesResult:
    count: int
    written: list[Path] = field(default_factory=list)
    by_layout: dict[str, int] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)  # the Cờ thi đua left out: "VP — Văn phòng Sở (Cờ thi đua của UBND tỉnh)"
    # with --layout: how many pages each shipped blank would have taken ("Bằng khen": 6, "Giấy khen": 14) — one own
    # layout for several blanks puts some pages on a blank it was not measured on, which the office must be told
    blanks_under_own_layout: dict[str, int] = field(default_factory=dict)


def shipped_layout(name: str) -> Path:
    return templates_dir() / "certificates" / f"{name}.toml"


def read_layout(path: str | Path) -> CertificateLayout:
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InvalidData(f"--layout: không có tệp {path}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidData(f"--layout: không đọc được tệp {path}: {getattr(error, 'strerror', None) or error}") from None
    return parse_layout(text, file.name)


def _of_awards(granted: list, wanted: tuple[str, ...]) -> list:
    """The granted awards `--award` names (a code or a name, case and marks ignored); one naming none is refused."""
    keys = {fold_key(part) for value in wanted for part in str(value).split(",") if clean(part)}
    chosen = [row for row in granted if fold_key(row.award) in keys or fold_key(row.award_name) in keys]
    unknown = sorted(key for key in keys if not any(key in (fold_key(r.award), fold_key(r.award_name)) for r in granted))
    if unknown or not chosen:
        offered = "; ".join(dict.fromkeys(f"{row.award} — {row.award_name}" for row in granted))
        raise InvalidData(f"--award: {', '.join(unknown) or ', '.join(wanted)} không có trong các khen thưởng được chọn (có: {offered})")
    return chosen


def default_layout_name(award_name: str, category: str | None = None) -> str:
    """A danh hiệu on the blank of a giấy chứng nhận, which names it (the Bằng khen and Giấy khen blanks have
    "TẶNG BẰNG KHEN", "TẶNG GIẤY KHEN" printed and no line for an award's name); Giấy khen on the Giấy khen
    blank; Bằng khen and orders on the Bằng khen blank."""
    from thidua_cli.domain.models import DANH_HIEU

    if category == DANH_HIEU:
        return "danh-hieu"
    return "giay-khen" if "giay khen" in fold_key(award_name) else "bang-khen"


def _refuse_corrected(connection, campaign, number: str) -> None:
    """A decision number typed from the paper that was corrected since: its certificates are the correction's."""
    from thidua_cli.domain.formats import format_date
    from thidua_cli.errors import ThiduaError
    from thidua_cli.storage import decisions as decision_store

    for wrong in decision_store.with_number(connection, number):
        if wrong.campaign == campaign.code and not wrong.live:
            latest = decision_store.latest_correction(connection, wrong)
            raise ThiduaError(
                f"quyết định số {wrong.number} ngày {format_date(wrong.day)} đã được sửa bằng quyết định số {latest.number} "
                f"ngày {format_date(latest.day)}; khen thưởng theo số cũ không còn tính nên không in",
                hint=f"in theo quyết định mới: thidua certificates --decision {latest.number}",
            )


def write_certificates(
    db: str | None, round_number: int | None = None, decision_number: str | None = None, campaign: str | None = None,
    layout: str | None = None, out: str = "ban-in-khen-thuong", first_number: int | None = None,
    signer_title: str | None = None, signer_name: str | None = None, awards: tuple[str, ...] = (),
) -> CertificatesResult:
    from thidua_cli.render.certificates import certificates_docx, certificates_pdf, measurer, place_page
    from thidua_cli.render.output import write_file
    from thidua_cli.storage.certificates import decision_numbers, granted_awards

    if round_number is None and not (decision_number and clean(decision_number)):
        raise UsageError("chọn đợt đề nghị (thidua certificates SỐ_ĐỢT) hoặc --decision SỐ_QUYẾT_ĐỊNH")
    own_layout = read_layout(layout) if layout else None
    with session_for(db) as session:
        chosen = session.campaign(campaign)
        if round_number is not None:  # a round not in the ledger is named as such, not as one without decisions
            from thidua_cli.services.proposals import load_round

            load_round(session, chosen, round_number)
        number = clean(decision_number) if decision_number else None
        granted = granted_awards(session.connection, chosen.id, round_number, number)
        unit_names = units.unit_names(session.connection, (row.subject.unit for row in granted))
        if not granted:
            if number:
                _refuse_corrected(session.connection, chosen, number)
            known = ", ".join(decision_numbers(session.connection, chosen.id)) or "chưa có quyết định nào"
            what = f"đợt đề nghị số {round_number}" if round_number is not None else f"quyết định số {number}"
            raise NotFound(
                f"{what} của phong trào {chosen.code} chưa có khen thưởng nào được quyết định (các quyết định đã ghi: {known})",
                hint="ghi quyết định trước: thidua record-decision SỐ_ĐỢT --number … --date …",
            )
    if awards:  # one blank at a time: the Giấy khen of a decision that also recognises danh hiệu
        granted = _of_awards(granted, awards)
    flags = [f"{row.subject.code} — {row.subject.name} ({row.award_name})" for row in granted if is_flag(row.award_name)]
    granted = _in_the_decisions_order([row for row in granted if not is_flag(row.award_name)], chosen)
    if not granted:
        raise InvalidData(flags_left_out(flags), hint="chỉ có Cờ thi đua được quyết định; gửi quyết định cho nơi may cờ")
    layouts: dict[str, CertificateLayout] = {}
    pages: dict[str, list] = {}
    measure = {}
    blanks: dict[str, int] = {}
    for index, row in enumerate(granted):
        award = chosen.award(row.award)
        title, name = signer_for(chosen, award, row.issuer or (award.authority if award else ""))
        subject = replace(row.subject, unit=unit_names.get(row.subject.unit, row.subject.unit))
        facts = CertificateFacts(
            subject=subject, award_code=row.award, award_name=row.award_name, authority=row.issuer,
            decision_number=row.number, decision_date=row.day, period_from=row.period_from, period_to=row.period_to,
            signer_title=clean(signer_title).upper() if signer_title else title,
            signer_name=clean(signer_name) if signer_name else name,
            register_number=str(first_number + index) if first_number is not None else "",
            award_year=row.year,
        )
        shipped = default_layout_name(row.award_name, award.category if award else None)
        if own_layout:
            blanks[shipped] = blanks.get(shipped, 0) + 1
        key = Path(layout).stem if own_layout else shipped
        if key not in layouts:
            layouts[key] = own_layout or read_layout(shipped_layout(key))
            measure[key] = measurer(layouts[key])
        label = f"{row.subject.code} — {row.subject.name} ({row.award})"
        pages.setdefault(key, []).append(place_page(measure[key], layouts[key], certificate_values(facts, chosen), label))
    created = datetime.combine(granted[0].day, datetime.min.time(), tzinfo=timezone.utc) if granted[0].day else None
    rendered = {}
    for key, batch in pages.items():
        title = f"{layouts[key].name or key} — {chosen.code}"
        rendered[f"{key}.pdf"] = certificates_pdf(batch, title, created)
        rendered[f"{key}.docx"] = certificates_docx(batch)
    folder = Path(out)
    result = CertificatesResult(len(granted), by_layout={layouts[k].name or k: len(v) for k, v in pages.items()}, flags=flags)
    if len(blanks) > 1:
        result.blanks_under_own_layout = {read_layout(shipped_layout(k)).name or k: n for k, n in blanks.items()}
    for name, content in rendered.items():
        try:
            write_file(folder / name, content)
        except OSError as error:
            raise InvalidData(f"không ghi được tệp {folder / name}: {error.strerror or error}") from None
        result.written.append(folder / name)
    return result


def _in_the_decisions_order(granted: list, campaign) -> list:
    """The awards in the order the decision's list gives them (render.dossier._ordered): each decision as recorded,
    in it danh hiệu before hình thức, award level high → low, tập thể before cá nhân, then Vietnamese name order —
    not the order the decision was recorded in (by score), so that each certificate meets its line of the list, and
    the register numbers (--first-number) run with it."""
    from thidua_cli.domain.models import COLLECTIVE, DANH_HIEU
    from thidua_cli.domain.scoring import name_sort_key

    decisions: dict[tuple, int] = {}
    for row in granted:
        decisions.setdefault((row.number, row.day), len(decisions))

    def key(row):
        award = campaign.award(row.award)
        rank = (award.category != DANH_HIEU, -award.level, award.position, award.code) if award else (True, 0, 0, row.award)
        return (decisions[(row.number, row.day)], *rank, row.subject.kind != COLLECTIVE, name_sort_key(row.subject))

    return sorted(granted, key=key)
