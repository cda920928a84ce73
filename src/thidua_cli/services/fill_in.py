"""`thidua templates xlsx DIR`: the blank fill-in workbooks, with the drop-down lists the ledger can offer."""

from __future__ import annotations

from pathlib import Path

from thidua_cli.errors import ThiduaError
from thidua_cli.services.session import ledger_exists


def catalogue(db: str | None, campaign: str | None):
    """Subject, criterion and award codes of the campaign, for the drop-downs; empty when there is no ledger yet."""
    from thidua_cli.render.fill_in import Catalogue
    from thidua_cli.services.ledger_session import session_for
    from thidua_cli.services.subjects import sorted_subjects
    from thidua_cli.storage import campaigns as campaign_store
    from thidua_cli.storage import subjects as subject_store

    if not ledger_exists(db):
        return Catalogue()
    with session_for(db) as session:
        if campaign is None and not campaign_store.campaign_codes(session.connection):
            return Catalogue()
        chosen = session.campaign(campaign)
        subjects = sorted_subjects([s for s in subject_store.all_subjects(session.connection) if s.active])
    return Catalogue(
        campaign=chosen.name,
        subjects=[(s.code, s.name) for s in subjects],
        criteria=[(c.code, c.name) for c in chosen.criteria],
        awards=[(a.code, a.name) for a in sorted(chosen.awards, key=lambda a: -a.level)],
    )


def write_fill_ins(db: str | None, folder: str, campaign: str | None = None, force: bool = False) -> list[Path]:
    from thidua_cli.render.fill_in import fill_in_xlsx, fill_ins

    target = Path(folder)
    forms = fill_ins()
    existing = [target / form.filename for form in forms if (target / form.filename).exists()]
    if existing and not force:
        listed = ", ".join(path.name for path in existing)
        raise ThiduaError(f"thư mục {target} đã có {listed}; không ghi đè", hint="chọn thư mục khác, hoặc thêm --force để ghi đè")
    if target.exists() and not target.is_dir():
        raise ThiduaError(f"{target} là một tệp, không phải thư mục")
    lists = catalogue(db, campaign)
    from thidua_cli.errors import system_reason
    from thidua_cli.files import write_atomic

    written = []
    try:
        for form in forms:
            path = target / form.filename
            write_atomic(path, fill_in_xlsx(form, lists))
            written.append(path)
    except OSError as error:
        raise ThiduaError(f"không ghi được vào {target}: {system_reason(error)}") from None
    return written
