"""Rendering `thidua log`: one block per change (who, when, which command; each field before → after)."""

from __future__ import annotations

import re
from datetime import datetime

# the columns a council member asks about, named as the office names them
FIELD_LABELS = {
    "code": "mã", "name": "tên", "kind": "loại", "applies_to": "áp dụng cho", "max_points": "điểm tối đa",
    "min_points": "điểm tối thiểu", "weight": "hệ số", "min_score": "điểm đạt", "level": "cấp", "authority": "cấp quyết định",
    "multiplier": "hệ số tiền thưởng", "collective_multiplier": "hệ số tiền thưởng tập thể", "quota_percent": "tỷ lệ tối đa (%)",
    "max_count": "số lượng tối đa", "requires": "điều kiện khen thưởng trước", "vote_threshold": "tỷ lệ phiếu cần đạt",
    "amount": "số tiền", "start": "ngày bắt đầu", "end": "ngày kết thúc", "base_salary": "lương cơ sở", "settings": "thiết lập",
    "unit": "đơn vị", "position": "chức vụ / thứ tự", "gender": "giới tính", "female_percent": "tỷ lệ nữ (%)",
    "blocked": "bị chặn xét khen", "block_reason": "lý do chặn", "active": "đang theo dõi", "details": "thông tin chi tiết",
    "award": "khen thưởng", "number": "số", "day": "ngày", "issuer": "cơ quan ban hành", "year": "năm", "category": "phân loại",
    "award_kind": "loại hình", "result": "kết quả đợt xét", "votes": "phiếu bầu", "decision_number": "số quyết định",
    "decision_date": "ngày quyết định", "cancelled_at": "huỷ lúc", "cancel_reason": "lý do huỷ", "reason": "lý do",
    "targets": "chỉ tiêu đăng ký", "status": "trạng thái", "registration_id": "đăng ký thi đua",
    "entry_id": "mục ghi", "subject_id": "đối tượng", "campaign_id": "phong trào", "round_id": "đợt xét", "decision_id": "quyết định",
    "agency_id": "cơ quan (số trong bảng agency)",
}
_POINT_FIELDS = {"max_points", "min_points"}  # integer hundredths in the ledger
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def local_time(stamp: str) -> str:
    try:
        moment = datetime.fromisoformat(stamp).astimezone()
    except ValueError:
        return stamp
    return moment.strftime("%d/%m/%Y %H:%M")


def _value(field: str, value, old: bool = False) -> str:
    if value is None or value == "":
        return "(trống)"
    if isinstance(value, str) and value.startswith("sha256:"):
        return "nội dung cũ" if old else "nội dung mới"
    if field in _POINT_FIELDS and isinstance(value, int):
        return f"{value / 100:g}".replace(".", ",")
    if field in ("blocked", "active", "initiative", "penalty", "requires_no_penalty", "agency_decides") and value in (0, 1):
        return "có" if value else "không"
    text = str(value)
    if _ISO_DAY.fullmatch(text):  # a day the ledger keeps as 2026-12-02 reads as every day the user types and sees
        return f"{text[8:10]}/{text[5:7]}/{text[:4]}"
    return text if len(text) <= 80 else text[:77] + "…"


def field_changes(record) -> list[tuple[str, str, str]]:
    before, after = record.before or {}, record.after or {}
    rows = []
    for field in dict.fromkeys([*before, *after]):
        if before.get(field) != after.get(field):
            rows.append((field, _value(field, before.get(field), old=True), _value(field, after.get(field))))
    return rows


def _action(record) -> str:
    if record.before is None:
        return "thêm"
    if record.after is None:
        return "xoá"
    return "sửa"


def log_text(records: list) -> str:
    lines = []
    for record in records:
        lines.append(f"#{record.number} {local_time(record.at)} — {record.by} — lệnh: thidua {record.command}")
        lines.append(f"  {_action(record).capitalize()} {record.what}")
        if record.corrects:  # the state names the decision corrected by its id only
            why = (record.after or {}).get("reason")
            lines.append(f"    sửa quyết định số {record.corrects}" + (f" — lý do: {why}" if why else ""))
        if record.not_granted:  # the round's result, where refusals are kept, is logged as a digest
            lines.append("    không khen: " + ", ".join(f"{code} ({award})" for code, award in record.not_granted))
        if record.before is None and record.table == "decision" and record.after:  # the number alone: which, whose?
            said = ", ".join(filter(None, (  # (round_id is the row's id, not the campaign's đợt number: not said)
                f"ngày {_value('day', record.after.get('day'))}" if record.after.get("day") else "",
                record.after.get("authority") or "")))
            if said:
                lines.append(f"    {said}")
        if record.before is None and record.table == "void" and (record.after or {}).get("reason"):
            lines.append(f"    lý do: {record.after['reason']}")  # a void is its reason: the inspector's "why"
        if record.before is not None and record.after is not None:
            for field, old, new in field_changes(record):
                lines.append(f"    {FIELD_LABELS.get(field, field)} ({field}): {old} → {new}")
    return "\n".join(lines) + ("\n" if lines else "")


def log_json(records: list) -> list[dict]:
    return [
        {
            "number": r.number, "at": r.at, "by": r.by, "command": r.command, "table": r.table, "record": r.record,
            "what": r.what, "action": {"thêm": "added", "xoá": "deleted", "sửa": "changed"}[_action(r)],
            "before": r.before, "after": r.after,
            **({"not_granted": [{"subject": code, "award": award} for code, award in r.not_granted]} if r.not_granted else {}),
        }
        for r in records
    ]
