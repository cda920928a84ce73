"""Subjects: import, add, list, block."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from decimal import Decimal

from datetime import date

from thidua_cli.domain.formats import FormatError, format_date, parse_date, parse_decimal, some_of, written_as_date
from thidua_cli.domain.models import COLLECTIVE, INDIVIDUAL, KIND_LABELS, SUBJECT_DETAIL_FIELDS, Subject
from thidua_cli.domain.scoring import name_sort_key
from thidua_cli.domain.vntext import clean, fold_key, match_key
from thidua_cli.errors import FileRowsError, InvalidData, RowError, ThiduaError, UsageError
from thidua_cli.services.import_result import FileImport, taken_from_option
from thidua_cli.services.ledger_session import session_for
from thidua_cli.storage import subjects as store

_KINDS = {"individual": INDIVIDUAL, "ca nhan": INDIVIDUAL, "canhan": INDIVIDUAL, "cn": INDIVIDUAL,
          "collective": COLLECTIVE, "tap the": COLLECTIVE, "tapthe": COLLECTIVE, "tt": COLLECTIVE}
_KIND_OPTIONS = "ca-nhan (cá nhân) hoặc tap-the (tập thể)"
_GENDERS = {"nam": "nam", "male": "nam", "m": "nam", "nu": "nữ", "female": "nữ", "f": "nữ"}
_CODE = re.compile(r"^[^\s,;]{1,40}$")
# a name's search keys are indexed: a server's index entry holds about 2 700 bytes (a file's any length), so the
# longest name is bounded alike on both engines — as the award history bounds its names (awards.MAX_TEXT)
MAX_NAME = 300


def parse_subject(values: dict, field_name=lambda key: key) -> tuple[Subject | None, list[tuple[str, object, str]]]:
    """Validate one subject's fields; returns the subject or the (column, value, why) problems."""
    problems: list[tuple[str, object, str]] = []
    code = clean(str(values.get("code") or ""))
    # a comma or semicolon typed after the name ("Nguyễn Văn An,") is no part of it: it went into the documents
    name = clean(f'{values.get("surname") or ""} {values.get("name") or ""}').rstrip(",;").strip()
    kind_text = clean(str(values.get("kind") or ""))
    if not code:
        problems.append(("code", code, "trống — mỗi đối tượng cần một mã"))
    elif not _CODE.match(code):
        problems.append(("code", code, "không được có khoảng trắng, dấu phẩy hay chấm phẩy, tối đa 40 ký tự"))
    if not name:
        problems.append(("name", name, "trống — cần họ và tên hoặc tên tập thể"))
    elif len(name) > MAX_NAME:
        problems.append(("name", name[:30] + "…", f"dài quá {MAX_NAME} ký tự"))
    kind = parse_kind(kind_text)
    if kind is None:
        problems.append(("kind", kind_text, "phải là cá nhân (individual) hoặc tập thể (collective)"))
    gender = None
    gender_text = clean(str(values.get("gender") or ""))
    if gender_text:
        gender = _GENDERS.get(fold_key(gender_text))
        if gender is None:
            problems.append(("gender", gender_text, "phải là nam hoặc nữ"))
    birth_date = values.get("birth_date")
    male, female = _detail_text(values.get("birth_male")), _detail_text(values.get("birth_female"))
    if male and female:
        if any(char.isdigit() for char in male + female):
            problems.append(("birth_female", female, f'có năm sinh ở cả cột Nam ("{male}") và cột Nữ — để ở một cột'))
        else:  # "x" ticked under "Giới tính: Nam | Nữ" twice: no birth year in sight
            problems.append(("birth_female", female, f'đánh dấu cả cột Nam ("{male}") và cột Nữ — đánh dấu một cột'))
    elif male or female:  # the column it is written under tells the gender
        written, under = ("nam", "Nam") if male else ("nữ", "Nữ")
        mark = male or female
        dated = any(char.isdigit() for char in mark)  # an "x" ticked under "Giới tính: Nam | Nữ" is no birth date
        if gender is not None and gender != written:
            problems.append(("gender", gender_text, f"khác cột {under} ({mark})" if not dated else f"khác cột năm sinh ({under}: {mark})"))
        elif dated and _detail_text(birth_date) and _detail_text(birth_date) != mark:
            problems.append(("birth_date", _detail_text(birth_date), f"khác năm sinh ở cột {under} ({mark})"))
        gender = written
        if dated:
            birth_date = mark
    birth_text, no_such_day = _birth_text(birth_date) if birth_date is not None else (None, False)
    if no_such_day:  # "31/02/1990": the báo cáo thành tích would print it
        problems.append(("birth_date", birth_text, "không phải ngày có thật"))
    percent = None
    percent_text = clean(str(values.get("female_percent") or "")).rstrip("%").strip()
    if percent_text:
        try:
            percent = parse_decimal(percent_text, "tỷ lệ phần trăm")
            if not Decimal(0) <= percent <= Decimal(100):
                problems.append(("female_percent", percent_text, "phải từ 0 đến 100"))
        except FormatError as error:
            problems.append(("female_percent", percent_text, str(error)))
    if problems:
        return None, problems
    unit = clean(str(values.get("unit") or "")) or None
    position = clean(str(values.get("position") or "")) or None
    details = {key: _detail_text(values[key]) for key in SUBJECT_DETAIL_FIELDS if key in values}
    if birth_text is not None:
        details["birth_date"] = birth_text
    return Subject(
        code=code, name=name, kind=kind, unit=unit, position=position,
        gender=gender if kind == INDIVIDUAL else None,
        female_percent=percent if kind == COLLECTIVE else None,
        details={key: text for key, text in details.items() if text},
    ), []


def heading_kind(heading: str | None) -> str | None:
    """The kind a group's heading names ("A. TẬP THỂ", "II. Cá nhân thuộc Văn phòng"), or None."""
    folded = fold_key(heading or "")
    named = [found for words, found in (("tap the", COLLECTIVE), ("ca nhan", INDIVIDUAL)) if words in folded]
    return named[0] if len(named) == 1 else None


def parse_kind(text: str | None) -> str | None:
    """individual | collective from what an office writes: "Cá nhân", "TẬP THỂ", "cn", "ca-nhan", "collective"."""
    return _KINDS.get(" ".join(fold_key(text).replace("-", " ").replace("_", " ").split()))


def kind_option(text: str | None) -> str | None:
    """`subject import --kind`: the kind of every row that does not say its own."""
    if text is None:
        return None
    kind = parse_kind(text)
    if kind is None:
        raise UsageError(f'--kind: "{text}" phải là {_KIND_OPTIONS}')
    return kind


def _keep_known(subject: Subject, existing: Subject | None) -> Subject:
    """The subject as a file row gives it, with what the ledger knows where the row has no value (no column, or
    an empty cell), as for the details: importing a list without "Đơn vị" must not wipe every unit."""
    if existing is None:
        return subject
    kept = {
        "unit": subject.unit or existing.unit,
        "position": subject.position or existing.position,
        "gender": (subject.gender or existing.gender) if subject.kind == INDIVIDUAL else None,
        "female_percent": subject.female_percent if subject.female_percent is not None
        else existing.female_percent if subject.kind == COLLECTIVE else None,
    }
    return replace(subject, **kept)


_ONLY_FOR = {"gender": (INDIVIDUAL, "giới tính"), "female_percent": (COLLECTIVE, "tỷ lệ nữ")}
_OPTIONS = {"code": "--code", "name": "--name", "kind": "--kind", "gender": "--gender", "female_percent": "--female-percent"}


def _not_for_kind(values: dict, subject: Subject) -> list[tuple[str, str, str]]:
    """(field, text, why) of each value the subject's kind has no place for (a collective's gender, a person's
    share of women)."""
    found = []
    for field, (kind, label) in _ONLY_FOR.items():
        text = clean(str(values.get(field) or ""))
        if text and subject.kind != kind:
            found.append((field, text, f"{label} chỉ ghi cho {KIND_LABELS[kind]}, {subject.code} là {KIND_LABELS[subject.kind]}"))
    return found


def _birth_text(value) -> tuple[str, bool]:
    """A birth date written the Vietnamese way however it was typed ("7/3/1995", "1995-03-07" → "07/03/1995"), as the
    báo cáo thành tích prints it; a year alone ("1995") or anything else, as typed. True beside a text written as a
    date that is no day of the calendar."""
    text = _detail_text(value)
    try:
        return format_date(parse_date(text)), False
    except FormatError:
        return text, written_as_date(text)


def _detail_text(value) -> str:
    """A detail as the office typed it; a date cell written the Vietnamese way."""
    if isinstance(value, date):
        return format_date(value)
    return clean(str(value)) if value is not None else ""


@dataclass
class ImportReport(FileImport):
    updated: int = 0
    unchanged: int = 0


def import_subjects(
    db: str | None, path: str, dry_run: bool = False, sheet: str | None = None, progress=None, columns: tuple[str, ...] = (),
    kind: str | None = None,
) -> ImportReport:
    """All rows are checked; any bad row → nothing written and every bad row reported.

    A subject whose name matches another one's on the match key (case, spaces,
    tone placement "Hòa"/"Hoà" ignored) under a different code is imported but
    warned about: it is probably the same person typed twice. The personal and
    unit details (ngày sinh, quê quán …) go to `subject.details`.

    `kind` (`--kind`): the kind of the rows that do not say theirs — a staff list has no "Loại" column (then
    the file need not have one), or leaves the cell empty; a row that says its kind keeps it."""
    from pathlib import Path

    from thidua_cli.domain.file_kinds import SUBJECTS
    from thidua_cli.services.imports import file_sha256, seen_before, skipped_message
    from thidua_cli.services.readers import ReadNotes, read_rows
    from thidua_cli.services.session import current_user, ledger_exists, now_text
    from thidua_cli.storage import imports as batch_store

    filename = Path(path).name
    subjects: list[tuple[str, Subject]] = []
    errors: list[RowError] = []
    report = ImportReport(dry_run=dry_run)
    seen: dict[str, tuple[str, Subject]] = {}
    repeated: list[str] = []
    notes = ReadNotes()
    sha256 = file_sha256(path)
    if ledger_exists(db):
        with session_for(db, dry_run=dry_run) as session:
            earlier = seen_before(session.connection, "subjects", sha256, sheet)
        if earlier is not None:
            report.skipped = skipped_message(path, earlier)
            return report
    rows = 0
    # the kind may also come from the heading a row stands under ("A. TẬP THỂ" … "B. CÁ NHÂN"): a file without a
    # "Loại" column is refused as before once a row has it from nowhere
    file_kind = SUBJECTS.not_requiring("kind")
    given: list[str] = []  # rows whose kind comes from --kind
    headed: dict[str, list[str]] = {}  # a heading naming a kind -> the rows that took their kind from it
    trimmed: list[str] = []  # rows whose name ended in a stray comma
    kindless = 0  # rows of a file without a "Loại" column whose kind comes from nowhere
    unkept: list[str] = []  # a gender given to a collective, a share of women to a person: said, not kept
    fractions: list[str] = []  # a share of women of 1 or less (0,7 for 70%?): kept as written, named
    typed: dict[str, tuple[dict, dict]] = {}  # where -> (the row's cells as typed, how to name its columns)
    for count, row in enumerate(read_rows(path, file_kind, sheet, columns, notes), 1):
        rows = count
        if progress is not None:
            progress(count)
        report.converted.extend(row.converted)
        if row.problems:
            errors.extend(row.problems)
            continue
        values = row.values
        if not clean(str(values.get("kind") or "")):
            heading = next(filter(heading_kind, notes.headings_above(row.line)), None)
            if heading is not None:
                values = {**values, "kind": KIND_LABELS[heading_kind(heading)]}
                headed.setdefault(heading, []).append(row.where)
            elif kind is not None:
                values = {**values, "kind": KIND_LABELS[kind]}
                given.append(row.where)
            elif "kind" not in row.cells:
                kindless += 1
                continue
        subject, problems = parse_subject(values)
        for column, value, why in problems:
            errors.append(RowError(row.where, row.cells.get(column, column), value, why))
        if subject is None:
            continue
        typed_name = clean(f'{values.get("surname") or ""} {values.get("name") or ""}')
        if typed_name != subject.name:
            trimmed.append(f'{row.where} "{typed_name}"')
        share = subject.female_percent
        if share is not None and 0 < share <= 1 and "%" not in str(values.get("female_percent")):
            # 0,7 typed for 70% (a share, as a cell not formatted as percent holds it): kept as written, said
            fractions.append(RowError(row.where, row.cells.get("female_percent", "female_percent"),
                                      clean(str(values.get("female_percent"))), "").describe().rstrip())
        unkept.extend(RowError(row.where, row.cells.get(field, field), text, f"— {why}").describe()
                      for field, text, why in _not_for_kind(values, subject))
        first = seen.get(subject.code.casefold())
        if first is not None:
            if first[1] == subject:  # the same row twice (copied on by mistake): kept once, and said
                sheet, _, line = first[0].rpartition("dòng ")  # the same sheet is named once: "…, dòng 5 giống hệt dòng 3"
                repeated.append(f"{row.where} giống hệt " + (f"dòng {line}" if row.where.startswith(sheet) else first[0]))
                continue
            errors.append(RowError(row.where, row.cells.get("code", "code"), subject.code, f"trùng mã với {first[0]}"))
            continue
        seen[subject.code.casefold()] = (row.where, subject)
        subjects.append((row.where, subject))
        typed[row.where] = (values, row.cells)
    if trimmed:
        report.warnings.append("bỏ dấu phẩy, chấm phẩy thừa cuối tên: " + "; ".join(trimmed[:10])
                               + (f"; … và {len(trimmed) - 10} dòng khác" if len(trimmed) > 10 else ""))
    if kindless:
        from thidua_cli.services.readers import read_layout

        read_layout(path, SUBJECTS, sheet, columns)  # refuses the file as lacking its "Loại" column
    if errors:
        raise FileRowsError(filename, errors, path, notes.refusal_hint())
    if not subjects:
        raise ThiduaError(f"tệp {filename} không có dòng dữ liệu nào")
    report.warnings.extend(notes.warnings())
    for heading, wheres in headed.items():
        report.warnings.append(taken_from_option(
            wheres, rows, f'không ghi loại, lấy loại {KIND_LABELS[heading_kind(heading)]} theo dòng tên nhóm "{heading}" phía trên'))
    if unkept:
        report.warnings.append("không ghi giá trị không dùng cho loại đối tượng của dòng (loại có đúng không?): "
                               + "; ".join(unkept[:20]) + (f"; … và {len(unkept) - 20} ô khác" if len(unkept) > 20 else ""))
    if given:
        report.warnings.append(taken_from_option(given, rows, f"không ghi loại, lấy loại {KIND_LABELS[kind]} theo --kind"))
    if fractions:
        report.warnings.append(
            "tỷ lệ nữ từ 1 trở xuống được ghi là phần trăm như đã viết (0,7 là 0,7%, không phải 70%) — tập thể từ 70% nữ "
            "được ưu tiên khi đồng hạng (NĐ 152/2025 Điều 4 k6); nếu là tỷ lệ viết dạng số thập phân thì ghi 70: "
            + some_of(fractions))
    if repeated:
        report.warnings.append(f"bỏ qua {len(repeated)} dòng lặp lại trong tệp: " + "; ".join(repeated[:5])
                               + (f"; … và {len(repeated) - 5} dòng khác" if len(repeated) > 5 else ""))
    if dry_run and not ledger_exists(db):
        report.warnings.extend(_twin_warnings(subjects, []))
        report.added = len(subjects)
        return report
    with session_for(db, create=True, dry_run=dry_run) as session:
        connection = session.connection
        stored = store.all_subjects(connection)
        others = store.others_subjects(connection)
        # another office's person or unit of the same name is another person (its "Văn phòng Sở" is not ours)
        report.warnings.extend(_twin_warnings(subjects, [s for s in stored if s.id not in others]))
        by_code = {s.code.casefold(): s for s in stored}
        # a short list (mã, họ tên, loại) updates what it says: the unit, position … it has no value for stay
        subjects = [(where, _keep_known(subject, by_code.get(subject.code.casefold()))) for where, subject in subjects]
        codes = _unit_codes([s for s in stored if s.id not in others] + [subject for _, subject in subjects])
        named = [(where, subject, codes[key]) for where, subject in subjects
                 if subject.unit and (key := fold_key(subject.unit)) in codes and codes[key].casefold() != subject.unit.casefold()]
        if named:
            moved = {where: code for where, _, code in named}
            subjects = [(where, replace(subject, unit=moved[where]) if where in moved else subject) for where, subject in subjects]
            report.warnings.append(
                "đơn vị ghi bằng tên của một tập thể, lưu theo mã tập thể ấy (như các dòng ghi mã; văn bản vẫn in tên): "
                + "; ".join(f'{where} "{subject.unit}" → {code}' for where, subject, code in named[:10])
                + (f"; … và {len(named) - 10} dòng khác" if len(named) > 10 else ""))

        loose: dict[str, list[str]] = {}  # a unit the file gives a person that is no collective of the ledger or file
        for where, subject in subjects:
            if (codes and subject.kind == INDIVIDUAL and subject.unit and fold_key(subject.unit) not in codes
                    and clean(str(typed[where][0].get("unit") or ""))):
                loose.setdefault(subject.unit, []).append(where)
        if loose:
            shown = [f'"{unit}" ({", ".join(wheres[:3])}{f" … và {len(wheres) - 3} dòng khác" if len(wheres) > 3 else ""})'
                     for unit, wheres in loose.items()]
            report.warnings.append(f"đơn vị {_NO_COLLECTIVE.format(who='cá nhân của đơn vị ấy')}: {some_of(shown, 'đơn vị')} "
                                   f"— {_NAME_THE_COLLECTIVE}")

        def cell(where: str, field: str, value) -> tuple[str, str]:  # the column as the file heads it, the value as typed
            values, cells = typed[where]
            return cells.get(field, "--kind" if field == "kind" else field), clean(str(values.get(field) or value))

        stranded = [
            RowError(where, *cell(where, "code", subject.code), f"là đối tượng {others[held.id]}; {_OWN_ONLY}")
            for where, subject in subjects
            if (held := by_code.get(subject.code.casefold())) is not None and held.id in others
        ] + [
            RowError(where, *cell(where, "kind", subject.kind), why)
            for where, subject in subjects
            if (why := _kind_change_problem(connection, subject, by_code.get(subject.code.casefold())))
        ]
        renamed, slid = _renamed(subjects, [s for s in stored if s.id not in others])
        stranded += [RowError(where, *cell(where, "name", subject.name), why) for where, subject, why in slid]
        if stranded:
            raise FileRowsError(filename, stranded, path)
        if renamed:
            report.warnings.append("đổi tên: " + some_of(renamed))
        if dry_run:
            for _, subject in subjects:
                status = store.subject_status(connection, subject, by_code.get(subject.code.casefold()))
                setattr(report, status, getattr(report, status) + 1)
            return report
        with session.ledger.write():
            for _, subject in subjects:
                status = store.upsert_subject(connection, subject, by_code.get(subject.code.casefold()))
                setattr(report, status, getattr(report, status) + 1)
            report.batch = batch_store.insert_batch(connection, "subjects", filename, sha256 or "", now_text(), current_user(None),
                                                    sheet)
            batch_store.finish_batch(connection, report.batch, rows, report.added + report.updated)
        return report


# a person's unit that is no collective of the ledger (subject import, subject add): said alike
_NO_COLLECTIVE = ("không phải tập thể nào trong sổ — {who} không được tính là cá nhân của tập thể nào (điều kiện của "
                  "danh hiệu tập thể: tỷ lệ cá nhân đạt Lao động tiên tiến …)")
_NAME_THE_COLLECTIVE = "nếu là một tập thể đã có, ghi đúng mã hoặc tên tập thể ấy"
_OWN_ONLY = "trên sổ chung, mỗi văn phòng chỉ sửa được đối tượng của cơ quan mình"


def _renamed(subjects: list[tuple[str, Subject]], stored: list[Subject]) -> tuple[list[str], list[tuple[str, Subject, str]]]:
    """The rows that give a subject of the ledger another name (told), and those whose new name is the ledger's name
    of another subject the file renames too — the names slid against the codes (one column sorted on its own in
    Excel): each code would silently become another person's (refused)."""
    by_code = {s.code.casefold(): s for s in stored}
    changed = [(where, held, subject) for where, subject in subjects
               if (held := by_code.get(subject.code.casefold())) is not None and match_key(held.name) != match_key(subject.name)]
    changed_codes = {held.code.casefold() for _, held, _ in changed}
    named: dict[str, list[Subject]] = {}
    for held in stored:
        named.setdefault(match_key(held.name), []).append(held)
    told, slid = [], []
    for where, held, subject in changed:
        owner = next((other for other in named.get(match_key(subject.name), [])
                      if other.code.casefold() != held.code.casefold() and other.code.casefold() in changed_codes), None)
        if owner is None:
            told.append(f'{where} {held.code} "{held.name}" → "{subject.name}"')
        else:
            slid.append((where, subject, f"là tên của {owner.code} trong sổ, mà tệp ghi cho {held.code} — {held.name} (tệp "
                                         f"cũng đổi tên {owner.code}): cột mã và cột họ tên bị lệch (sắp xếp riêng một "
                                         "cột?) — kiểm tra lại tệp"))
    return told, slid


def _refuse_others(connection, subject: Subject, field: str) -> None:
    whose = store.others_subjects(connection, subject.id).get(subject.id)
    if whose is not None:
        raise InvalidData(f"{field}: {subject.code} — {subject.name} là đối tượng {whose}; {_OWN_ONLY}",
                          hint="nhờ văn phòng giữ đối tượng ấy, hoặc quản trị máy chủ, sửa giúp")


def _twin_warnings(subjects: list[tuple[str, Subject]], existing: list[Subject]) -> list[str]:
    """Near-duplicates: same name on the match key, different code (in the ledger or earlier in the file)."""
    incoming = {subject.code.casefold() for _, subject in subjects}
    by_key: dict[str, list[tuple[Subject, str | None]]] = {}
    for subject in existing:
        if subject.code.casefold() not in incoming:  # re-imported rows are compared as the file has them
            by_key.setdefault(match_key(subject.name), []).append((subject, None))
    warnings = []
    for where, subject in subjects:
        key = match_key(subject.name)
        for twin, twin_where in by_key.get(key, []):
            place = f"ở {twin_where}" if twin_where else "đã có trong sổ"
            warnings.append(
                f'{where}: "{subject.name}" (mã {subject.code}) trùng tên với {twin.code} — {twin.name} ({place}); '
                f"nếu là một người, hãy dùng một mã; nếu là hai người, tệp điểm ghi mã (hoặc tên kèm cột Đơn vị) vì tên "
                f"không phân biệt được"
            )
        by_key.setdefault(key, []).append((subject, where))
    return warnings


def add_subject(db: str | None, values: dict) -> tuple[Subject, str, list[str]]:
    """(the subject as stored, added | updated | unchanged, warnings)."""
    with session_for(db, create=True) as session:  # a ledger this command created is removed if it fails
        code = clean(str(values.get("code") or ""))
        values = _name_and_kind_kept(values, store.subject_by_code(session.connection, code) if code else None, code)
        subject, problems = parse_subject(values)
        if problems:
            column, value, why = problems[0]
            raise InvalidData(f'{_OPTIONS[column]}: "{value}" {why}')
        unplaced = _not_for_kind(values, subject)
        if unplaced:
            field, _text, why = unplaced[0]
            raise InvalidData(f"{_OPTIONS[field]}: {why}")
        held = store.subject_by_code(session.connection, subject.code)
        if held is not None:
            _refuse_others(session.connection, held, "--code")
        subject = _keep_known(subject, held)  # an option not given keeps what the ledger knows …
        cleared = {field: None for field in ("unit", "position", "gender", "female_percent")
                   if values.get(field) is not None and not clean(str(values[field]))}
        subject = replace(subject, **cleared)  # … one given empty (--unit "") clears it
        warnings = []
        if subject.unit:
            others = store.others_subjects(session.connection)
            units = _unit_codes([s for s in store.subjects_in_listing_order(session.connection, COLLECTIVE)
                                 if s.id not in others])
            code = units.get(fold_key(subject.unit))
            if code is None and units and subject.kind == INDIVIDUAL and clean(str(values.get("unit") or "")):
                # as subject import says it: a person of no collective counts toward no collective's conditions
                warnings.append(f'--unit: "{subject.unit}" {_NO_COLLECTIVE.format(who=subject.code)}; {_NAME_THE_COLLECTIVE}')
            subject = replace(subject, unit=code or subject.unit)
        with session.ledger.write():
            why = _kind_change_problem(session.connection, subject, held)
            if why:
                raise InvalidData(f'--kind: "{values.get("kind")}" {why}')
            status = store.upsert_subject(session.connection, subject)
        return store.subject_by_code(session.connection, subject.code), status, warnings


def _name_and_kind_kept(values: dict, held: Subject | None, code: str) -> dict:
    """`subject add` of a subject the ledger has: --name and --kind left out keep what it has (as every other option
    does); a new subject needs both."""
    missing = [option for option in ("name", "kind") if values.get(option) is None]
    if not missing:
        return values
    if held is None:
        raise UsageError(f"thiếu tuỳ chọn --{missing[0]}: {code or 'đối tượng'} chưa có trong sổ, đối tượng mới cần họ và tên "
                         f"(--name) và loại (--kind ca-nhan hoặc tap-the)")
    return {**values, "name": values.get("name") if values.get("name") is not None else held.name,
            "kind": values.get("kind") if values.get("kind") is not None else held.kind}


def _kind_change_problem(connection, subject: Subject, existing: Subject | None) -> str | None:
    """Changing a subject's kind must not strand its entries on criteria that no longer apply, nor give a collective
    the awards of a person (or the reverse): "Tập thể" dragged down the "Loại" column of a list imported again
    turned a person holding Lao động tiên tiến into a tập thể."""
    if existing is None or existing.kind == subject.kind:
        return None
    count = store.entries_stranded_by_kind(connection, existing.id, subject.kind)
    if count:
        return (
            f"đổi {existing.code} từ {KIND_LABELS[existing.kind]} sang {KIND_LABELS[subject.kind]} sẽ làm {count} mục ghi "
            f"không còn hợp lệ (tiêu chí không áp dụng cho {KIND_LABELS[subject.kind]}); huỷ các mục đó trước (void-entry)"
        )
    held = store.award_history_held(connection, existing.id)
    if held:
        shown = ", ".join(f"{name} năm {year}" if year else name for name, year in held[:3])
        more = f" và {len(held) - 3} khen thưởng khác" if len(held) > 3 else ""
        return (
            f"đổi {existing.code} — {existing.name} từ {KIND_LABELS[existing.kind]} sang {KIND_LABELS[subject.kind]}, "
            f"nhưng đã có khen thưởng của một {KIND_LABELS[existing.kind]} ({shown}{more}): không đổi được — kiểm tra "
            "lại ô loại (Excel kéo ô xuống chép nhầm?)"
        )
    return None


def sorted_subjects(subjects: list[Subject]) -> list[Subject]:
    collectives = sorted((s for s in subjects if s.kind == COLLECTIVE), key=name_sort_key)
    individuals = sorted((s for s in subjects if s.kind == INDIVIDUAL), key=name_sort_key)
    return collectives + individuals


@dataclass
class SubjectListing:
    count: int
    rows: Callable[[], Iterator[Subject]]  # in listing order, read from the ledger as they are consumed


@contextmanager
def open_subject_listing(db: str | None, kind: str | None = None, unit: str | None = None) -> Iterator[SubjectListing]:
    """The subjects as `subject list` shows them (collectives, then individuals, each in name order), streamed while the ledger stays open."""
    with session_for(db) as session:
        connection = session.connection
        keys = unit_keys(store.subjects_in_listing_order(connection, COLLECTIVE), unit) if unit else None

        def rows() -> Iterator[Subject]:
            for subject in store.subjects_in_listing_order(connection, kind):
                if keys is None or unit_matches(subject, keys):
                    yield subject

        if keys is None:
            count = connection.execute(
                "SELECT COUNT(*) FROM subject WHERE kind IN ('collective', 'individual')" + (" AND kind = ?" if kind else ""),
                (kind,) if kind else (),
            ).fetchone()[0]
        else:
            count = sum(1 for _ in rows())
        yield SubjectListing(count, rows)


def unit_matches(subject: Subject, unit_keys: set[str]) -> bool:
    candidates = {fold_key(subject.unit)} if subject.unit else set()
    if subject.kind == COLLECTIVE:
        candidates |= {fold_key(subject.code), fold_key(subject.name)}
    return bool(candidates & unit_keys)


def filter_by_unit(subjects: list[Subject], unit: str) -> list[Subject]:
    """A unit is named by its code or name; collectives belong to themselves."""
    keys = unit_keys(subjects, unit)
    return [s for s in subjects if unit_matches(s, keys)]


def unit_keys(collectives: Iterable[Subject], unit: str) -> set[str]:
    """The folded texts that name the unit `unit`: itself, and the code and name of the collective it names."""
    wanted = fold_key(unit)
    keys = {wanted}
    for subject in collectives:
        if subject.kind == COLLECTIVE and wanted in (fold_key(subject.code), fold_key(subject.name)):
            keys |= {fold_key(subject.code), fold_key(subject.name)}
    return keys


def _unit_codes(subjects: Iterable[Subject]) -> dict[str, str]:
    """folded name or code of each collective → its code: an individual's unit is kept as its collective's code,
    whether the office typed the code (BVDK) or the name (Bệnh viện Đa khoa tỉnh). A name two collectives share
    names neither."""
    found: dict[str, set[str]] = {}
    for subject in subjects:
        if subject.kind == COLLECTIVE:
            for key in (fold_key(subject.code), fold_key(subject.name)):
                found.setdefault(key, set()).add(subject.code)
    return {key: next(iter(codes)) for key, codes in found.items() if len(codes) == 1}


def unit_names(connection) -> dict[str, str]:
    """unit text (folded) -> display name of the collective, when the unit is a collective's code or name.

    Codes and names only: a province's 20,000 subjects built as records here were a fifth of a round's memory."""
    names = {}
    for code, name in store.collective_names(connection):
        names[fold_key(code)] = name
        names[fold_key(name)] = name
    return names


def set_block(db: str | None, name_or_code: str, blocked: bool, reason: str | None) -> tuple[Subject, bool]:
    """(the subject, whether anything changed): unblocking a subject not blocked writes nothing."""
    if blocked and not clean(reason or ""):
        raise InvalidData("--reason: cần ghi lý do (ví dụ: đang bị xem xét kỷ luật)")
    with session_for(db) as session:
        subject = session.subject(name_or_code, "ĐỐI_TƯỢNG", own=True)  # as the help shows the argument
        _refuse_others(session.connection, subject, "ĐỐI_TƯỢNG")
        if not blocked and not subject.blocked:
            return subject, False
        with session.ledger.write():
            store.set_blocked(session.connection, subject.id, blocked, clean(reason or "") or None)
        return store.subject_by_code(session.connection, subject.code), True
