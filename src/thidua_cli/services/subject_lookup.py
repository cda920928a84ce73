"""Who a row of an input file names: by code, by name (ignoring case, marks and spacing), two alike names told
apart by the row's "Đơn vị" cell — for entries, award history, ratings and registrations alike."""

from __future__ import annotations

from thidua_cli.domain.models import COLLECTIVE, Subject
from thidua_cli.domain.vntext import clean, fold_key, match_key


def index_for(connection, agency: int | None = None) -> "SubjectIndex":
    """Every subject, for the rows of a file; on a province server a name shared with another office's person means
    the one of `agency` (a campaign's), or else of the office writing — it writes only its own people's awards,
    ratings and registrations."""
    from thidua_cli.storage import subjects as subject_store
    from thidua_cli.storage.dialect import sees_every_row, writing_agency

    held = subject_store.subject_agencies(connection)
    if held and agency is None and not sees_every_row(connection):
        agency = writing_agency(connection) or None
    return SubjectIndex(subject_store.all_subjects(connection), held, agency if held else None)


class SubjectIndex:
    """Subjects by code, by name (with diacritics) and by folded name, for fast row lookups.

    Most files name subjects by code: the name keys (slow to compute for 20,000
    names) are built only when a row's text is not a code."""

    def __init__(self, subjects: list[Subject], agencies: dict[int, tuple[int, str]] | None = None,
                 prefer: int | None = None):
        self.subjects = subjects
        self.agencies = agencies or {}  # subject id -> (agency id, code), on a province server: `find(…, agency=…)`
        self.prefer = prefer  # the agency a name means when `find` is given none (the office writing, or the campaign's)
        self.by_code = {s.code.casefold(): s for s in subjects}
        self.by_match: dict[str, list[Subject]] | None = None
        self.by_fold: dict[str, list[Subject]] = {}

    def find(self, text: str, unit: str = "", agency: int | None = None) -> Subject | str:
        """The subject `text` (a code or a name) names, or why none: two alike names are told apart by `unit`,
        the row's "Đơn vị" cell, when it is the unit of one of them only; on a province server, by `agency`, the
        agency of the campaign the row goes to (another office's person cannot be scored in it)."""
        found = self.by_code.get(text.casefold())
        if found:
            return found
        agency = self.prefer if agency is None else agency
        if self.by_match is None:
            self.by_match = {}
            for s in self.subjects:
                self.by_match.setdefault(match_key(s.name), []).append(s)
                self.by_fold.setdefault(fold_key(s.name), []).append(s)
        for index, key in ((self.by_match, match_key(text)), (self.by_fold, fold_key(text))):
            candidates = index.get(key, [])
            if len(candidates) > 1 and agency is not None and self.agencies:
                candidates = [s for s in candidates if self.agencies.get(s.id, (agency,))[0] == agency] or candidates
            if len(candidates) == 1:
                return candidates[0]
            if len(candidates) > 1:
                within = [s for s in candidates if self.in_unit(s, unit)] if unit else []
                if len(within) == 1:
                    return within[0]
                # each one's unit, as `--subject` lists them: two equal names alone tell no one which code is whose
                if not unit:
                    return f"trùng tên với {self._listed(candidates)} — hãy ghi mã (hoặc đơn vị, ở cột Đơn vị)"
                if not within:
                    return f'trùng tên với {self._listed(candidates)}; không ai thuộc đơn vị "{unit}" — hãy ghi mã'
                return f'trùng tên với {self._listed(within)}, cùng đơn vị "{unit}" — hãy ghi mã'
        return "không có đối tượng này trong sổ"

    def _listed(self, subjects: list[Subject]) -> str:
        return "; ".join(f"{s.code} — {s.name}" + (f" ({s.unit})" if s.unit else "") for s in subjects)

    def in_unit(self, subject: Subject, text: str) -> bool:
        """Whether a file's "Đơn vị" cell names the subject's unit (its code, or its name — "Văn phòng" for
        "Văn phòng Sở", "Phòng Kế hoạch - Tài chính" for "Phòng Kế hoạch – Tài chính"), or the unit itself."""
        from thidua_cli.domain.file_kinds import header_key

        key = header_key(text)
        if not key:
            return True
        names = [subject.code, subject.name] if subject.kind == COLLECTIVE else []
        if subject.unit:
            unit = self.by_code.get(subject.unit.casefold())
            names += [subject.unit] + ([unit.name] if unit is not None else [])
        return any(_same_words(key, header_key(name)) for name in names)

    def unit_of(self, subject: Subject) -> str:
        """The subject's unit as a warning names it: "đơn vị VP — Văn phòng Sở", or that it has none."""
        if not subject.unit:
            return "không thuộc đơn vị nào trong sổ"
        unit = self.by_code.get(subject.unit.casefold())
        return f"thuộc đơn vị {subject.unit}" + (f" — {unit.name}" if unit is not None else "") + " trong sổ"


def _same_words(one: str, other: str) -> bool:
    """Two header keys alike, or one the other's first words ("van phong" of "van phong so")."""
    return one == other or other.startswith(one + " ") or one.startswith(other + " ")


def subject_named(cells: tuple, subjects: SubjectIndex, agency: int | None = None) -> Subject | tuple:
    """The subject a row's code (or name) cell names, checked against its name cell when both are
    there; or (column, value, why) when it names none. `cells`: (code cell, name cell, unit cell).

    The unit cell tells alike names apart; one that is not the subject's unit in the ledger (a person
    moved since, or a code typed for another's) gives (subject, what to tell): the row is kept, named."""
    code_text, name_text, unit_text = _text_of(cells[0]), _text_of(cells[1]), _text_of(cells[2])
    # a comma or semicolon typed after the name ("Đặng Thị Hồng,") is no part of it, as subject import trims it
    name = name_text.rstrip(",; ") if name_text else name_text
    if not code_text and not name:
        why = "trống — cần mã hoặc tên đối tượng"
        if unit_text:  # a unit's own row: its name goes where a person's would
            why += f' (điểm của chính đơn vị "{unit_text}" thì ghi tên hoặc mã đơn vị vào cột tên)'
        return ("subject", "", why)
    column, text = ("subject", code_text) if code_text else ("subject_name", name_text)
    who = subjects.find(code_text or name, "" if code_text else unit_text, agency)
    if type(who) is str:
        return (column, text, who)
    if code_text and name and fold_key(name) != fold_key(who.name):
        return ("subject_name", name_text, f"không khớp với mã {who.code} ({who.name}) — mã hay tên bị ghi nhầm?")
    if unit_text and not subjects.in_unit(who, unit_text):
        return (who, f'{who.code} — {who.name} {subjects.unit_of(who)}, tệp ghi đơn vị "{unit_text}"')
    return who


def row_subject(row, subjects: SubjectIndex, fail, notes=None) -> Subject | None:
    """The row's subject (award history import), or None after `fail` names the cell; a unit cell that is not
    the subject's unit is told in `notes` (`ReadNotes.units`)."""
    who = subject_named((row.values.get("subject"), row.values.get("subject_name"), row.values.get("unit")), subjects)
    if type(who) is tuple and len(who) == 2:
        who, told = who
        if notes is not None:
            notes.units.append(f"{row.where}: {told}")
    elif type(who) is tuple:
        column, text, why = who
        fail(row, "subject_name" if column not in row.cells else column, text, why)
        return None
    return who


def _text_of(value) -> str:
    """A cell as clean text: text cells come clean from the readers; a number or an empty cell is made so."""
    if type(value) is str:
        return value
    return clean(str(value)) if value else ""
