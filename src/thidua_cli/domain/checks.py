"""`thidua check`: a plain, ordered list of named checks, each returning problem values.

As in beancount's validations, a check is a function from the ledger's facts
to a list of `Problem`s, so one run reports every problem at once. The facts
come from an object with the methods of `storage.integrity.SqliteFacts`
(SQL lives there); here is only the judgement and the wording.

Levels: an `error` makes `check` exit 1 (the ledger is damaged or was changed
behind thidua's back); a `warning` or `note` is shown only with `--all` and
never changes the exit code (entries dated outside their campaign, a subject
nobody uses, an older schema not yet upgraded).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from thidua_cli.domain.models import KIND_LABELS

ERROR = "error"
WARNING = "warning"
NOTE = "note"
LEVELS = (ERROR, WARNING, NOTE)

# What can be wrong with a hash-chained record (entries, voids); found by `storage.integrity.verify_chain`.
CONTENT = "content"  # an entry's fields no longer match its fingerprint
RECORD = "record"  # who/when recorded, or the stored hashes, no longer match
REPLACED = "replaced"  # rewritten with recomputed hashes: the next record no longer links to it
# the next record in its chain no longer links to this one, where ids may skip (a server's sequence, or
# an office that sees only its own rows): records between were deleted, or this one was rewritten
UNLINKED = "unlinked"
DELETED = "deleted"  # ids first..last are missing
APPENDED = "appended"  # ids first..last lie past the last record thidua wrote
HEAD = "head"  # the newest record is not the one thidua wrote
RECORD_CODES = "record-codes"  # a code-sealed entry: who/when, its codes or its hashes no longer match
NO_HEAD = "no-head"  # meta holds no head for the chain (first = 0, last = the records found)
NO_COUNT = "no-count"  # meta holds no count next to the head (first = head id, last = records found)
BEHIND = "behind"  # the head points below the count it is stored with (first = head id, last = count)
COUNT = "count"  # the stored count disagrees with the head or the records (first = count, last = records found)


@dataclass(frozen=True)
class Problem:
    check: str  # the check's name, e.g. "entry-chain"
    record: str  # machine name of the record: "entry/12", "subject/NV01", "ledger"
    message: str  # one Vietnamese line naming the record and what is wrong
    level: str = ERROR


@dataclass(frozen=True)
class Check:
    name: str
    title: str
    run: Callable[[object], Iterable[Problem]]
    warns_only: bool = False  # finds only warnings and notes: skipped unless they are asked for (`check --all`)


_APPLIES_LABELS = {"individual": "cá nhân", "collective": "tập thể", "both": "cả hai"}
_CHAIN_NOUNS = {"entry": ("mục ghi", "mục"), "void": ("bản huỷ", "bản")}
_ROW_NOUNS = {
    "entry": "mục ghi số {id}",
    "void": "bản huỷ số {id}",
    "subject": "đối tượng (dòng {id})",
    "criterion": "tiêu chí (dòng {id})",
    "tier": "mức xếp loại (dòng {id})",
    "award": "hình thức khen thưởng (dòng {id})",
    "base_salary": "mức lương cơ sở (dòng {id})",
    "round": "đợt xét (dòng {id})",
    "award_history": "khen thưởng đã nhận (dòng {id})",
    "decision": "quyết định khen thưởng (dòng {id})",
}
_PARENT_NOUNS = {"subject": "đối tượng", "campaign": "phong trào", "criterion": "tiêu chí", "entry": "mục ghi", "round": "đợt xét",
                 "decision": "quyết định khen thưởng"}


def _span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def _record(table: str, first: int, last: int | None = None) -> str:
    return f"{table}/{first}" if last is None or last == first else f"{table}/{first}-{last}"


def check_sqlite(facts) -> Iterator[Problem]:
    messages = facts.sqlite_integrity()
    for message in messages[:20]:
        yield Problem("sqlite", "ledger", f"tệp sổ hỏng (SQLite integrity_check): {message}")
    if len(messages) > 20:
        yield Problem("sqlite", "ledger", f"tệp sổ hỏng: … và {len(messages) - 20} lỗi SQLite khác")


def check_schema(facts, current_version: int) -> Iterator[Problem]:
    found = facts.schema()
    if found.application not in (None, "thidua"):
        yield Problem("schema", "ledger", f'sổ ghi ứng dụng "{found.application}", không phải thidua')
    if found.version is None:
        yield Problem("schema", "ledger", "sổ không ghi phiên bản lược đồ (meta.schema_version)")
        return
    if found.version > current_version:
        yield Problem("schema", "ledger", f"sổ ở lược đồ {found.version}, mới hơn bản thidua này ({current_version})")
        return
    if found.version < current_version:
        yield Problem(
            "schema", "ledger",
            f"sổ ở lược đồ {found.version}; lệnh ghi tới sẽ nâng cấp lên {current_version} (có sao lưu trước)", NOTE,
        )
        return
    if found.archive is not None and found.archive[1] != (found.archive[0],):
        named, held = found.archive
        holds = f"giữ phong trào {', '.join(held)}" if held else "không giữ phong trào nào"
        yield Problem("schema", "meta/archive_of_campaign",
                      f"bản lưu trữ ghi là của riêng phong trào {named} (meta.archive_of_campaign) nhưng {holds}: "
                      f"bảng meta hoặc bảng campaign đã bị sửa ngoài thidua")
    for table in found.missing_tables:
        yield Problem("schema", f"table/{table}", f"thiếu bảng {table}")
    for table, column in found.missing_columns:
        yield Problem("schema", f"table/{table}", f"bảng {table} thiếu cột {column}")
    for table, index in found.missing_indexes:
        yield Problem("schema", f"table/{table}", f"bảng {table} thiếu chỉ mục {index} (chấm điểm và tra cứu sẽ chậm)")


def check_foreign_keys(facts) -> Iterator[Problem]:
    for v in facts.foreign_key_violations():
        noun = _ROW_NOUNS.get(v.table, v.table + " (dòng {id})").format(id=v.rowid)
        parent = _PARENT_NOUNS.get(v.parent, v.parent)
        yield Problem(
            "foreign-keys", _record(v.table, v.rowid),
            f"{noun}: {v.column} = {v.value} trỏ tới {parent} không có trong sổ",
        )


def check_chain(facts, table: str) -> Iterator[Problem]:
    noun, short = _CHAIN_NOUNS[table]
    name = f"{table}-chain"
    for brk in facts.chain_breaks(table):
        record = _record(table, brk.first, brk.last)
        if getattr(brk, "campaign", None):
            yield Problem(name, _record(table, brk.first), _campaign_head_message(brk, noun, short))
            continue
        if brk.kind == CONTENT:
            message = (
                f"{noun} số {brk.first}: nội dung đã bị sửa ngoài thidua (phong trào, đối tượng, tiêu chí, ngày, "
                f"điểm, thành tích hoặc minh chứng không còn khớp dấu vân tay)"
            )
        elif brk.kind == RECORD:
            what = "người ghi, thời điểm ghi hoặc mã băm" if table == "entry" else "mục bị huỷ, lý do, người ghi, thời điểm hoặc mã băm"
            message = f"{noun} số {brk.first}: {what} đã bị sửa ngoài thidua"
        elif brk.kind == RECORD_CODES:
            message = (
                f"{noun} số {brk.first}: người ghi, thời điểm ghi, mã băm, hoặc mã phong trào, đối tượng, tiêu chí "
                f"của nó đã bị sửa ngoài thidua"
            )
        elif brk.kind == NO_HEAD:
            key = f"meta.{table}_chain"
            message = f"sổ không còn đầu chuỗi băm của {noun} ({key}) dù thidua luôn ghi nó: {noun} mới nhất có thể đã bị xoá"
            if brk.last:
                message += f" (còn {brk.last} {short})"
            if table == "void":
                message += " — các mục ghi đã huỷ có thể lại được tính điểm"
        elif brk.kind == NO_COUNT:
            message = f"sổ không còn số {noun} đã ghi (meta.{table}_count) cạnh đầu chuỗi băm: {noun} mới nhất có thể đã bị xoá"
        elif brk.kind == BEHIND:
            message = (
                f"đầu chuỗi băm của {noun} trỏ về {short} số {brk.first}, thấp hơn {brk.last} {short} thidua đã ghi: "
                f"{noun} mới nhất đã bị xoá hoặc đầu chuỗi bị lùi ngoài thidua"
            )
        elif brk.kind == COUNT:
            message = f"số {noun} thidua đã ghi ({brk.first}) không khớp đầu chuỗi băm hay số {short} còn trong sổ ({brk.last})"
        elif brk.kind == REPLACED:
            follower = getattr(brk, "follower", None) or brk.first + 1
            message = f"{noun} số {brk.first} đã bị thay ngoài thidua ({short} số {follower} không còn nối tiếp nó trong chuỗi băm)"
        elif brk.kind == UNLINKED:
            follower = getattr(brk, "follower", None) or brk.first + 1
            message = (
                f"{noun} số {follower} không còn nối tiếp {short} số {brk.first} trong chuỗi băm của nó: có {short} ở giữa "
                f"đã bị xoá, hoặc {short} số {brk.first} đã bị thay ngoài thidua"
            )
            if table == "void":
                message += " — các mục ghi đã huỷ có thể lại được tính điểm"
        elif brk.kind == DELETED:
            count = brk.last - brk.first + 1
            message = f"{noun} số {_span(brk.first, brk.last)} bị xoá" + (f" ({count} {short})" if count > 1 else "")
            if table == "void":
                message += " — các mục ghi đã huỷ lại được tính điểm"
        elif brk.kind == APPENDED:
            message = f"{noun} số {_span(brk.first, brk.last)} được thêm vào sổ ngoài thidua (sau {short} cuối thidua đã ghi, số {brk.first - 1})"
        elif brk.kind == HEAD:
            message = f"{noun} số {brk.first} ({short} mới nhất) đã bị thay ngoài thidua"
        else:  # pragma: no cover - every kind is handled above
            message = f"{noun} số {_span(brk.first, brk.last)}: chuỗi băm bị đứt ({brk.kind})"
        yield Problem(name, record, message)


def _campaign_head_message(brk, noun: str, short: str) -> str:
    """A campaign chain's head (schema version 14) that disagrees with the campaign's records."""
    chain = f"chuỗi băm {noun} của phong trào {brk.campaign}"
    if brk.kind == DELETED:
        found = f"{short} mới nhất còn lại là số {brk.last}" if brk.last else f"không còn {short} nào"
        return f"{chain}: đầu chuỗi ghi {short} số {brk.first} nhưng {found} — {noun} mới nhất đã bị xoá ngoài thidua"
    if brk.kind == APPENDED:
        return f"{chain}: {noun} số {brk.last} được thêm vào sổ ngoài thidua (sau {short} cuối thidua đã ghi trong chuỗi, số {brk.first})"
    if brk.kind == HEAD:
        return f"{chain}: {noun} số {brk.first} ({short} mới nhất) đã bị thay ngoài thidua"
    return f"{chain}: số {noun} thidua đã ghi ({brk.first}) không khớp số {short} còn trong sổ ({brk.last})"


def check_change_log(facts) -> Iterator[Problem]:
    for found in facts.change_log_problems():
        yield Problem("change-log", found.record, found.message)


def check_criteria(facts) -> Iterator[Problem]:
    for m in facts.misapplied_entries():
        if m.other_campaign:
            message = f"mục ghi số {m.entry_id}: tiêu chí {m.criterion} thuộc phong trào khác với mục ghi"
        else:
            message = (
                f"mục ghi số {m.entry_id}: tiêu chí {m.criterion} chỉ áp dụng cho {_APPLIES_LABELS.get(m.applies_to, m.applies_to)}, "
                f"nhưng {m.subject} là {KIND_LABELS.get(m.subject_kind, m.subject_kind)} (mục này không được tính điểm)"
            )
        yield Problem("criteria", _record("entry", m.entry_id), message)


def _iso(text) -> date | None:
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        return None


def _vn(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def check_campaign_dates(facts) -> Iterator[Problem]:
    for c in facts.campaign_dates():
        start, end = _iso(c.start), _iso(c.end)
        record = f"campaign/{c.code}"
        if start is None:
            yield Problem("campaign-dates", record, f'phong trào {c.code}: ngày bắt đầu "{c.start}" không phải ngày hợp lệ')
        if end is None:
            yield Problem("campaign-dates", record, f'phong trào {c.code}: ngày kết thúc "{c.end}" không phải ngày hợp lệ')
        if start and end and end < start:
            yield Problem("campaign-dates", record, f"phong trào {c.code}: ngày kết thúc {_vn(end)} trước ngày bắt đầu {_vn(start)}")


def check_entry_dates(facts) -> Iterator[Problem]:
    for group in facts.entries_outside_dates():
        start, end = _iso(group.start), _iso(group.end)
        if start is None or end is None:
            continue  # reported by campaign-dates
        ids = ", ".join(str(i) for i in group.sample) + (", …" if group.count > len(group.sample) else "")
        yield Problem(
            "entry-dates", f"campaign/{group.campaign}",
            f"phong trào {group.campaign}: {group.count} mục ghi có ngày ngoài thời gian phong trào ({_vn(start)} – {_vn(end)}), "
            # a period that takes those days in (--year, --from/--to, --as-of) counts them, as SPEC §5.1 says
            f"không được tính điểm mặc định: số {ids}",
            WARNING,
        )


def check_unused_subjects(facts) -> Iterator[Problem]:
    for s in facts.unused_subjects():
        yield Problem("unused-subjects", f"subject/{s.code}", f"đối tượng {s.code} — {s.name}: chưa có mục ghi hay khen thưởng nào", NOTE)


def checks(current_version: int) -> tuple[Check, ...]:
    """The checks `thidua check` runs, in order."""
    return (
        Check("sqlite", "tệp SQLite nguyên vẹn (PRAGMA integrity_check)", check_sqlite),
        Check("schema", "lược đồ đúng phiên bản, đủ bảng, cột, chỉ mục", lambda facts: check_schema(facts, current_version)),
        Check("foreign-keys", "mọi tham chiếu trỏ tới bản ghi có thật (PRAGMA foreign_key_check)", check_foreign_keys),
        Check("entry-chain", "chuỗi băm của mục ghi: không mục nào bị sửa, xoá hay chèn ngoài thidua", lambda facts: check_chain(facts, "entry")),
        Check("void-chain", "chuỗi băm của bản huỷ", lambda facts: check_chain(facts, "void")),
        Check("criteria", "tiêu chí của mỗi mục ghi còn áp dụng cho loại đối tượng", check_criteria),
        Check("campaign-dates", "ngày của phong trào hợp lệ", check_campaign_dates),
        Check("change-log", "quy định, đối tượng, khen thưởng, đợt xét, bản huỷ khớp nhật ký thay đổi (thidua log)", check_change_log),
        Check("entry-dates", "mục ghi nằm trong thời gian phong trào", check_entry_dates, warns_only=True),
        Check("unused-subjects", "đối tượng không được dùng tới", check_unused_subjects, warns_only=True),
    )
