"""Rendering `thidua log`: one block per change (who, when, which command; each field before → after)."""

from __future__ import annotations

import re
from datetime import datetime

from thidua_cli.domain.change_fields import FIELD_LABELS, value_words
_POINT_FIELDS = {"max_points", "min_points"}  # integer hundredths in the ledger
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?")


def local_time(stamp: str) -> str:
    try:
        moment = datetime.fromisoformat(stamp).astimezone()
    except ValueError:
        return stamp
    return moment.strftime("%d/%m/%Y %H:%M")


def _value(field: str, value, old: bool = False, agencies: dict | None = None) -> str:
    if value is None or value == "":
        return "(trống)"
    if field == "agency_id" and agencies and value in agencies:
        return agencies[value]
    if isinstance(value, str) and value.startswith("sha256:"):
        return "nội dung cũ" if old else "nội dung mới"
    if field in _POINT_FIELDS and isinstance(value, int):
        return f"{value / 100:g}".replace(".", ",")
    if field in ("blocked", "active", "initiative", "penalty", "requires_no_penalty", "agency_decides") and value in (0, 1):
        return "có" if value else "không"
    text = value_words(field, value) if isinstance(value, str) else str(value)
    if _ISO_MOMENT.fullmatch(text):  # a moment the ledger keeps in UTC (huỷ lúc …), as the log's own lines write one
        return local_time(text)
    if _ISO_DAY.fullmatch(text):  # a day the ledger keeps as 2026-12-02 reads as every day the user types and sees
        return f"{text[8:10]}/{text[5:7]}/{text[:4]}"
    return text if len(text) <= 80 else text[:77] + "…"


def field_changes(record) -> list[tuple[str, str, str]]:
    before, after = record.before or {}, record.after or {}
    rows = []
    for field in dict.fromkeys([*before, *after]):
        if before.get(field) != after.get(field):
            rows.append((field, _value(field, before.get(field), True, record.agencies),
                         _value(field, after.get(field), False, record.agencies)))
    return rows


def _action(record) -> str:
    if record.before is None:
        return "thêm"
    if record.after is None:
        return "xoá"
    return "sửa"


def _voids_of_one_command(records: list) -> list[list]:
    """The records in order, the voids one command wrote at one moment with one reason (`void-import` of a batch of
    hundreds) gathered into one group: one line says them, not one record each."""
    groups: list[list] = []
    for record in records:
        if groups and _same_void(groups[-1][-1], record):
            groups[-1].append(record)
        else:
            groups.append([record])
    return groups


def _same_void(first, record) -> bool:
    def key(r):
        after = r.after or {}
        return (r.command, r.by, r.at, after.get("reason"), r.number)

    if not all(r.table == "void" and r.before is None and r.after for r in (first, record)):
        return False
    (*same, number), (*also, next_number) = key(first), key(record)
    return same == also and next_number == number + 1


def _numbers_text(numbers: list[int]) -> str:
    """"1–4, 7, 9–12": runs of consecutive numbers as ranges."""
    from itertools import groupby

    parts = []
    for _, run in groupby(enumerate(sorted(numbers)), key=lambda pair: pair[1] - pair[0]):
        run = [number for _, number in run]
        parts.append(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}")
    return ", ".join(parts)


def log_text(records: list) -> str:
    lines = []
    for group in _voids_of_one_command(records):
        if len(group) > 1:
            first, last = group[0], group[-1]
            entries = [(r.after or {}).get("entry_id") for r in group]
            lines.append(f"#{first.number}–#{last.number} {local_time(first.at)} — {first.by} — lệnh: thidua {first.command}")
            lines.append(f"  Thêm {len(group)} bản huỷ của các mục ghi số {_numbers_text([int(e) for e in entries])}")
            if (first.after or {}).get("reason"):
                lines.append(f"    lý do: {first.after['reason']}")
            continue
        record = group[0]
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
            **({"corrects": r.corrects} if r.corrects else {}),  # the number, as the text says it (`after` has the row id)
        }
        for r in records
    ]
