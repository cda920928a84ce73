"""The demo's steps for the campaign's whole year (issue 15): registrations at launch; then, once the
decision is recorded, the certificates, the closing report and the year's statistics."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path


def registration_steps(db: Path, folder: Path, source: Path) -> Iterator[str]:
    """The example's registrations, approved but one returned, and the summary sent upward."""
    from thidua_cli.domain.registration import APPROVED, RETURNED
    from thidua_cli.render.registrations import registrations_document
    from thidua_cli.render.output import write_file
    from thidua_cli.services.campaigns import show_campaign
    from thidua_cli.services.registrations import import_registrations, list_registrations, review

    file = source / "registrations.csv"
    if not file.exists():
        return
    imported = import_registrations(str(db), str(file))
    listing = list_registrations(str(db))
    huan_chuong = [r.id for r in listing.rows if r.award.startswith("HC")]
    if huan_chuong:  # a Huân chương is proposed by the province, not registered at the Sở
        review(str(db), huan_chuong, RETURNED, "Huân chương do cấp tỉnh xét đề nghị; đăng ký lại danh hiệu, hình thức của Sở")
    review(str(db), [], APPROVED, everyone_pending=True)
    campaign = show_campaign(str(db), None)
    listing = list_registrations(str(db))
    written = []
    for fmt in ("md", "html", "docx"):
        path = folder / f"dang-ky-thi-dua.{fmt}"
        write_file(path, registrations_document(listing, fmt, campaign.start + timedelta(days=10)))
        written.append(str(path))
    yield f"Đăng ký thi đua: {imported.added} lượt, {len(huan_chuong)} trả lại; danh sách gửi cấp trên: {', '.join(written)}"


def year_end_steps(db: Path, folder: Path) -> Iterator[str]:
    """Certificates of the decision, the closing report (tổng kết) and the statistics of the decision's year."""
    from thidua_cli.render.closing_report import closing_document, closing_json
    from thidua_cli.render.output import write_file
    from thidua_cli.render.statistics import stats_markdown, stats_xlsx
    from thidua_cli.render.tabular import to_json
    from thidua_cli.services import closing_report
    from thidua_cli.services.campaigns import show_campaign
    from thidua_cli.services.certificates import write_certificates
    from thidua_cli.services.statistics import statistics

    campaign = show_campaign(str(db), None)
    printed = write_certificates(str(db), 1, out=str(folder / "ban-in-khen-thuong"), first_number=1)
    yield f"Bằng khen, giấy khen in lên phôi ({printed.count} bản): {', '.join(str(p) for p in printed.written)}"
    # the tổng kết is written once the last decision (the highest level's, weeks later) has come back
    report_day = closing_report.latest_decision_day(str(db), campaign.code) + timedelta(days=10)
    closing = closing_report.build(str(db), "tong-ket", day=report_day.isoformat())
    written = []
    for fmt in ("md", "html", "docx", "json"):
        path = folder / f"bao-cao-tong-ket.{fmt}"
        write_file(path, to_json(closing_json(closing)) if fmt == "json" else closing_document(closing, fmt))
        written.append(str(path))
    yield f"Báo cáo tổng kết phong trào: {', '.join(written)}"
    year = max((g.day.year for g in closing.granted_rows if g.day), default=campaign.end.year)
    stats = statistics(str(db), str(year))
    write_file(folder / f"thong-ke-{year}.xlsx", stats_xlsx(stats))
    write_file(folder / f"thong-ke-{year}.md", stats_markdown(stats))
    yield f"Thống kê thi đua, khen thưởng năm {year} (biểu 0601.N, 0602.N, 0603.N): {folder / f'thong-ke-{year}.xlsx'}"
