"""Loading, listing and showing campaigns."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from thidua_cli.domain.campaign_def import parse_campaign
from thidua_cli.domain.models import Campaign
from thidua_cli.errors import ThiduaError
from thidua_cli.services.ledger_session import session_for
from thidua_cli.storage import campaigns as store


@dataclass(frozen=True)
class LoadResult:
    campaign: Campaign
    status: str  # created | updated | unchanged
    warnings: tuple[str, ...] = ()


def read_definition(path: str) -> tuple[Campaign, str, list[str]]:
    """The campaign, the file's text, and the values typed in a legacy font that were converted (to be said)."""
    file = Path(path)
    if not file.exists():
        raise ThiduaError(f"không tìm thấy tệp {path}")
    data = file.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # Notepad's "ANSI" (Windows-1258) or a legacy-font editor: name the first line that is not UTF-8
        line = data[:error.start].count(b"\n") + 1
        raise ThiduaError(
            f"tệp {path}, dòng {line}: không phải văn bản UTF-8 (tệp lưu theo bảng mã khác, thường là ANSI của Notepad)",
            hint="mở tệp bằng Notepad, chọn Lưu thành → Mã hoá (Encoding) UTF-8, rồi nạp lại",
        ) from None
    text, converted = legacy_strings(text)
    return parse_campaign(text, file.name), text, converted


_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"|\'([^\'\n]*)\'')  # a TOML basic or literal string on one line


def legacy_strings(text: str) -> tuple[str, list[str]]:
    """A name pasted from an old document typed in TCVN3 or VNI ("Hoµn thµnh nhiÖm vô") would go into every
    document as it is: each such string is converted to Unicode, and named (line, key, the text read)."""
    if text.isascii():
        return text, []
    from thidua_cli.domain import legacy
    from thidua_cli.domain.campaign_rules import key_of_line

    notes: list[str] = []
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        if line.isascii() or line.lstrip().startswith("#"):
            continue

        def convert(found: re.Match) -> str:
            value = found.group(1) if found.group(1) is not None else found.group(2)
            if value.isascii() or legacy.is_unicode_vietnamese(value) or any(ord(char) > 0xFF for char in value):
                return found.group(0)
            unicode, encoding = legacy.to_unicode(value)
            if encoding not in ("tcvn3", "vni"):
                return found.group(0)
            key = key_of_line(lines, number) or "(ngoài khoá nào)"
            notes.append(f'dòng {number}, khoá {key}: {encoding.upper()} → Unicode "{unicode}"')
            quote = found.group(0)[0]
            return quote + unicode + quote

        lines[number - 1] = _STRING.sub(convert, line)
    return ("\n".join(lines), notes) if notes else (text, [])


def rule_set_warning(campaign: Campaign) -> str | None:
    """The documents cite the Law and the decree of the campaign's rule set; one thidua does not know is replaced."""
    from thidua_cli.domain.rulesets import RULE_SETS, rule_set

    if not campaign.rules.strip() or campaign.rules.strip().casefold() in RULE_SETS:
        return None  # none named: the texts in force when the campaign ended, silently
    used = rule_set(campaign.rules, campaign.end)
    return (f'bộ quy định "{campaign.rules}" chưa có trong thidua (có: {", ".join(RULE_SETS)}); văn bản căn cứ {used.decree_short}, '
            f"văn bản có hiệu lực khi phong trào kết thúc — ghi rules = \"{used.code}\" nếu đúng")


def years_counted_warnings(campaign: Campaign) -> list[str]:
    """`years = N` with `this_year = true` checks N + 1 years (the N before the year of the round, and that one):
    an office writing "3 năm liền, kể cả năm xét" as years = 3 would ask one year too many, so the load says so."""
    found = []
    for award in campaign.awards:
        for item in award.prerequisites:
            if item.this_year and item.years and not item.on_members:
                what = f"xếp loại từ {item.rating}" if item.rating else (item.award or "")
                fewer = f"ghi years = {item.years - 1}" if item.years > 1 else "bỏ years, chỉ để this_year = true"
                found.append(f"{award.code}: điều kiện {what} tính {item.years + 1} năm liền — năm xét và {item.years} năm trước "
                             f"(this_year = true tính thêm năm xét); nếu Kế hoạch nói {item.years} năm kể cả năm xét thì {fewer}")
    return found


def load_campaign(db: str | None, path: str) -> LoadResult:
    campaign, text, converted = read_definition(path)
    # unknown keys are refused with the key meant (domain/campaign_rules); a rule set thidua does not carry is said
    warnings = tuple(filter(None, (
        "đã chuyển giá trị gõ mã cũ sang Unicode (sửa lại trong tệp cho đúng): " + "; ".join(converted) if converted else None,
        rule_set_warning(campaign),
        *years_counted_warnings(campaign),
    )))
    with session_for(db, create=True) as session:
        connection = session.connection
        current = store.read_campaign(connection, campaign.code)
        if current is not None and replace(current, id=None) == campaign:
            return LoadResult(current, "unchanged", warnings)
        try:
            with session.ledger.write():
                if current is not None:
                    used = store.criteria_with_entries(connection, current.id)
                    kept = {c.code.casefold() for c in campaign.criteria}
                    orphaned = [code for code in used if code.casefold() not in kept]
                    if orphaned:
                        listed = ", ".join(f"{code} ({used[code]} mục ghi)" for code in sorted(orphaned))
                        raise ThiduaError(
                            f"tệp {Path(path).name} bỏ tiêu chí đã có mục ghi: {listed}; không nạp",
                            hint="giữ lại các tiêu chí này trong tệp (có thể đổi tên), hoặc huỷ các mục ghi bằng void-entry",
                        )
                    for criterion in campaign.criteria:
                        old = current.criterion(criterion.code)
                        if old is not None and old.applies_to != criterion.applies_to and criterion.applies_to != "both":
                            # Narrowing who a criterion applies to would strand existing entries.
                            count = connection.execute(
                                "SELECT COUNT(*) FROM entry e JOIN criterion c ON c.id = e.criterion_id "
                                "JOIN subject s ON s.id = e.subject_id WHERE c.campaign_id = ? AND c.code = ? AND s.kind <> ?",
                                (current.id, old.code, criterion.applies_to),
                            ).fetchone()[0]
                            if count:
                                raise ThiduaError(
                                    f"tiêu chí {criterion.code}: đổi applies_to thành {criterion.applies_to} sẽ làm {count} mục ghi không còn hợp lệ; không nạp"
                                )
                store.save_campaign(connection, campaign, text)
        except ThiduaError as error:  # on a shared server the code may be another agency's, which this role cannot see
            from thidua_cli.storage.server_ledger import taken_key

            raise taken_key(error, "mã phong trào", campaign.code) from error.__cause__
        saved = store.read_campaign(connection, campaign.code)
        return LoadResult(saved, "updated" if current is not None else "created", warnings)


def list_campaigns(db: str | None) -> list[tuple[Campaign, int]]:
    with session_for(db) as session:
        result = []
        for code in store.campaign_codes(session.connection):
            campaign = store.read_campaign(session.connection, code)
            count = session.connection.execute(
                "SELECT COUNT(*) FROM entry e WHERE e.campaign_id = ? AND NOT EXISTS (SELECT 1 FROM void v WHERE v.entry_id = e.id)",
                (campaign.id,),
            ).fetchone()[0]
            result.append((campaign, count))
        return result


def show_campaign(db: str | None, code: str | None) -> Campaign:
    with session_for(db) as session:
        return session.campaign(code)
