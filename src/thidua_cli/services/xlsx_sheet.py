"""What openpyxl's streaming reader does not give about a sheet: merged cells, formulas never calculated,
rows and columns hidden (by a filter or by hand), and the comments (notes) put on cells.

Read-only (streaming) mode keeps memory flat on a big sheet but knows neither the merged
ranges (`<mergeCells>`, written after the rows) nor whether an empty formula cell had a
cached value. Both are taken from the sheet's XML in one streaming pass, and only when a
quick byte scan finds either at all: most office sheets have neither, and then this
costs one decompression of the sheet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_MARKS = (b"mergeCell", b"<f>", b"<f ", b":f>", b":f ", b'hidden="1"', b'hidden="true"')
_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")

Range = tuple[int, int, int, int]  # min_row, min_col, max_row, max_col


@dataclass
class SheetExtras:
    ranges: list[Range] = field(default_factory=list)
    uncached: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) -> formula text
    hidden_rows: set[int] = field(default_factory=set)  # rows Excel does not show (a filter, or hidden by hand)
    hidden_columns: set[int] = field(default_factory=set)  # columns hidden by hand (1 = A)
    _covered: dict[tuple[int, int], Range] = field(default_factory=dict)
    _origins: dict[Range, object] = field(default_factory=dict)
    _by_origin: dict[tuple[int, int], Range] = field(default_factory=dict)
    _uncached_rows: set[int] = field(default_factory=set)

    def index(self) -> None:
        for merged in self.ranges:
            min_row, min_col, max_row, max_col = merged
            self._by_origin[(min_row, min_col)] = merged
            if (max_row - min_row + 1) * (max_col - min_col + 1) > 100_000:
                continue  # a whole-sheet merge: nothing a person reads row by row
            for row in range(min_row, max_row + 1):
                for column in range(min_col, max_col + 1):
                    if (row, column) != (min_row, min_col):
                        self._covered[(row, column)] = merged
        self._uncached_rows = {row for row, _ in self.uncached}

    def remember(self, line: int, cells) -> None:
        """Keep the origin cell of each merged range that starts on this row."""
        if not self._by_origin:
            return
        for index, cell in enumerate(cells):
            merged = self._by_origin.get((line, index + 1))
            if merged is not None:
                self._origins[merged] = cell

    def merged_at(self, line: int, column: int) -> Range | None:
        return self._covered.get((line, column)) if self._covered else None

    def origin(self, merged: Range):
        return self._origins.get(merged)

    def shown(self, line: int, column: int, cell):
        """The cell as Excel shows it: inside a merged range, the range's value."""
        merged = self.merged_at(line, column)
        return self.origin(merged) if merged is not None else cell

    def spans_columns(self, line: int) -> bool:
        return any(min_row <= line <= max_row and max_col > min_col for min_row, min_col, max_row, max_col in self.ranges)

    def uncached_in(self, line: int, columns: set[int]) -> bool:
        return line in self._uncached_rows and any((line, column) in self.uncached for column in columns)


def sheet_extras(workbook, worksheet) -> SheetExtras:
    extras = SheetExtras()
    archive = getattr(workbook, "_archive", None)
    part = getattr(worksheet, "_worksheet_path", None)
    if archive is None or part is None:
        return extras
    if not _mentions(archive, part):
        return extras
    from xml.etree.ElementTree import iterparse

    with archive.open(part) as source:
        for _, element in iterparse(source, events=("end",)):
            tag = element.tag
            if tag == f"{_MAIN}c":
                formula = element.find(f"{_MAIN}f")
                if formula is not None:
                    value = element.find(f"{_MAIN}v")
                    # Excel stores a formula whose result is "" as an empty <v> of type "str"; a writer
                    # that never calculated leaves <v> out or empty with no type
                    empty_text = value is not None and element.get("t") == "str"
                    if value is None or (not (value.text or "").strip() and not empty_text):
                        position = _position(element.get("r", ""))
                        if position:
                            extras.uncached[position] = formula.text or ""
            elif tag == f"{_MAIN}row":
                if element.get("hidden") in ("1", "true") and (element.get("r") or "").isdigit():
                    extras.hidden_rows.add(int(element.get("r")))
                element.clear()
            elif tag == f"{_MAIN}col":
                low, high = element.get("min") or "", element.get("max") or ""
                if element.get("hidden") in ("1", "true") and low.isdigit() and high.isdigit():
                    extras.hidden_columns.update(range(int(low), min(int(high), 16384) + 1))
            elif tag == f"{_MAIN}mergeCell":
                merged = _range(element.get("ref", ""))
                if merged:
                    extras.ranges.append(merged)
    extras.index()
    return extras


def _mentions(archive, part: str) -> bool:
    tail = b""
    with archive.open(part) as source:
        while chunk := source.read(1 << 20):
            window = tail + chunk
            if any(mark in window for mark in _MARKS):
                return True
            tail = chunk[-16:]
    return False


def _position(reference: str) -> tuple[int, int] | None:
    from openpyxl.utils import column_index_from_string

    found = _REF.match(reference)
    if not found:
        return None
    return int(found[2]), column_index_from_string(found[1])


def _range(reference: str) -> Range | None:
    first, _, last = reference.partition(":")
    start, end = _position(first), _position(last or first)
    if not start or not end:
        return None
    return (min(start[0], end[0]), min(start[1], end[1]), max(start[0], end[0]), max(start[1], end[1]))


_PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def cell_comments(workbook, worksheet) -> list[tuple[str, str]]:
    """(cell, text) of every comment on the sheet's cells, in the order stored: the streaming reader drops
    them, and what a person wrote there must be named, not lost without a word."""
    import posixpath
    from xml.etree.ElementTree import fromstring, iterparse

    archive = getattr(workbook, "_archive", None)
    part = getattr(worksheet, "_worksheet_path", None)
    if archive is None or part is None:
        return []
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    try:
        relations = fromstring(archive.read(rels))
    except KeyError:
        return []
    found: list[tuple[str, str]] = []
    for relation in relations.iter(_PACKAGE_RELS):
        if not relation.get("Type", "").endswith("/comments"):
            continue
        target = posixpath.normpath(posixpath.join(folder, relation.get("Target", "")))
        try:
            source = archive.open(target.lstrip("/"))
        except KeyError:
            continue
        with source:
            for _, element in iterparse(source, events=("end",)):
                if element.tag == f"{_MAIN}comment":
                    text = " ".join("".join(t.text or "" for t in element.iter(f"{_MAIN}t")).split())
                    if text:
                        found.append((element.get("ref", ""), text))
                    element.clear()
    return found


def list_sheets(workbook, worksheet, titles: list[str]) -> set[str]:
    """Which of `titles` the sheet's drop-down lists (data validation) draw their choices from: a lookup sheet
    like the "Danh mục" of thidua's own templates, not data left unread. Read only when another sheet holds
    values at all (one more pass over the sheet's XML)."""
    from xml.etree.ElementTree import iterparse

    archive = getattr(workbook, "_archive", None)
    part = getattr(worksheet, "_worksheet_path", None)
    if archive is None or part is None or not titles:
        return set()
    sources: set[str] = set()
    with archive.open(part) as source:
        for _, element in iterparse(source, events=("end",)):
            tag = element.tag
            if tag in (f"{_MAIN}formula1", f"{_MAIN}formula2"):
                formula = element.text or ""
                sources.update(title for title in titles if f"{title}!" in formula or f"'{title}'!" in formula)
            elif tag == f"{_MAIN}row":
                element.clear()
    return sources
