"""One plain table shape, many renderings: terminal, CSV, Markdown, XLSX.

Numbers stay numbers (plain in CSV, numeric cells in XLSX, Vietnamese style
on screen); text that a spreadsheet would run as a formula is neutralised.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from json.encoder import c_make_encoder, encode_basestring

from thidua_cli.domain.formats import format_date, format_number

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    kind: str = "text"  # text | number | money | date | points
    width: int | None = None
    justify: str | None = None
    no_wrap: bool = False
    labels: dict | None = None  # value → what a person reads (terminal, Markdown, XLSX); CSV and JSON keep the value

    def label(self, value):
        if self.labels is not None and isinstance(value, (str, bool)) and value in self.labels:
            return self.labels[value]
        return value


@dataclass
class Table:
    columns: list[Column]
    rows: list[dict]  # or, for a streamed listing, any iterable read once (`write_csv`, `write_markdown`, xlsx)
    title: str = ""
    caption: str = ""
    footer: dict = field(default_factory=dict)
    heading: str = ""  # the title row of a spreadsheet: the campaign's name and the period (else `title`)


def neutralise(text: str) -> str:
    """A cell a spreadsheet would execute as a formula is prefixed with an apostrophe.

    Also when the formula character follows leading white space (" =1+1"):
    some spreadsheets trim cells on import."""
    if text and (text.startswith(FORMULA_PREFIXES) or text.lstrip().startswith(FORMULA_PREFIXES)):
        return "'" + text
    return text


def plain_number(value) -> str:
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return str(int(value))
        return format(value.normalize(), "f")
    return str(value)


def json_number(value):
    """Decimals as JSON numbers: integral ones as ints, others as floats."""
    if isinstance(value, Decimal):
        if value == value.to_integral_value() and abs(value) < 10**15:
            return float(value) if value.as_tuple().exponent < 0 else int(value)
        return float(value)
    return value


def _csv_cell(column: Column, value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return plain_number(value)
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(str(value))


def to_csv(table: Table) -> str:
    buffer = io.StringIO()
    write_csv(table, buffer)
    return buffer.getvalue()


def write_csv(table: Table, handle) -> None:
    """CSV to an open text file, one row as it is read."""
    writer = csv.writer(handle, lineterminator="\n")
    columns = table.columns
    writer.writerow([c.key for c in columns])
    for row in table.rows:
        writer.writerow([_csv_cell(c, row.get(c.key)) for c in columns])


def display(column: Column, value) -> str:
    value = column.label(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else ""
    if column.kind == "money":
        return format_number(Decimal(value), 0)
    if column.kind == "points":
        return format_number(Decimal(str(value)), 2, trim=True)
    if isinstance(value, Decimal):
        return format_number(value, 2, trim=True)
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def _md_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def to_markdown(table: Table) -> str:
    buffer = io.StringIO()
    write_markdown(table, buffer)
    return buffer.getvalue()


def write_markdown(table: Table, handle) -> None:
    """A Markdown table to an open text file, one row as it is read."""
    write = handle.write
    if table.title:
        write(f"## {_md_escape(table.title)}\n\n")
    columns = table.columns
    write("| " + " | ".join(_md_escape(c.title) for c in columns) + " |\n")
    write("|" + "|".join("---:" if c.kind in ("number", "money", "points") else "---" for c in columns) + "|\n")
    for row in table.rows:
        write("| " + " | ".join(_md_escape(display(c, row.get(c.key))) for c in columns) + " |\n")
    if table.caption:
        write("\n" + _md_escape(table.caption) + "\n")


def to_plain(table: Table) -> str:
    """Fast fixed-width text for long listings (Rich is slow past a few thousand rows)."""
    cells = [[c.title for c in table.columns]] + [[display(c, row.get(c.key)) for c in table.columns] for row in table.rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(table.columns))]
    out = []
    for index, line in enumerate(cells):
        parts = []
        for i, (column, text) in enumerate(zip(table.columns, line)):
            right = column.kind in ("number", "money", "points")
            parts.append(text.rjust(widths[i]) if right else text.ljust(widths[i]))
        out.append("  ".join(parts).rstrip())
        if index == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out) + "\n"


RICH_ROW_LIMIT = 2000


def to_rich(table: Table, width: int | None = None) -> str:
    """A Rich table as text; user text is never read as markup."""
    if len(table.rows) > RICH_ROW_LIMIT:
        header = f"{table.title}\n" if table.title else ""
        return header + to_plain(table) + (f"{table.caption}\n" if table.caption else "")
    from rich import box
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    rich_table = RichTable(title=Text(table.title) if table.title else None, box=box.SIMPLE_HEAD, title_justify="left", padding=(0, 1), pad_edge=False)
    console_width = width or _terminal_width()
    fitted = _fitted_widths(table, console_width)
    for column, fixed in zip(table.columns, fitted):
        justify = column.justify or ("right" if column.kind in ("number", "money", "points") else "left")
        rich_table.add_column(Text(column.title), justify=justify, overflow="fold", width=fixed, no_wrap=column.no_wrap)
    for row in table.rows:
        rich_table.add_row(*(Text(display(c, row.get(c.key))) for c in table.columns))
    # too many columns for the terminal: wider lines, rather than a column cut away
    console_width = max(console_width, sum(fitted) + _overhead(table))
    console = Console(width=console_width, file=io.StringIO(), force_terminal=False, color_system=None, highlight=False)
    console.print(rich_table)
    if table.caption:
        console.print(Text(table.caption))
    return console.file.getvalue()


def _overhead(table: Table) -> int:
    """What the frame takes beside the text: a space each side of a column, and one between columns (one to spare)."""
    return 3 * len(table.columns)


def _fitted_widths(table: Table, console_width: int) -> list[int]:
    """The width of each column's text. A heading or a value is wrapped between words, never inside one ("Đồng hạng",
    not "Đồ/ng hạ/ng"; "215/QĐ-STP", "1.410.000", "25/12/2025" whole: a folded number reads as two numbers), and a
    column that does not wrap is as wide as its widest line. As Rich does, the widest columns give up room first, down
    to one width for all of them; unlike Rich (whose last resort shrinks every column alike), none below its least."""
    least, most = [], []
    for column in table.columns:
        lines = [column.title] + [line for row in table.rows for line in display(column, row.get(column.key)).splitlines()]
        widest_line = max((len(line) for line in lines), default=0)
        widest_word = widest_line if column.no_wrap else max((len(w) for line in lines for w in line.split()), default=0)
        cap = column.width or widest_line
        least.append(max(1, min(widest_word, cap)))
        most.append(max(1, min(widest_line, cap)))
    room = console_width - _overhead(table)
    if sum(most) <= room:
        return most
    if sum(least) >= room:
        return least

    def capped(cap: int) -> list[int]:
        return [max(n, min(m, cap)) for m, n in zip(most, least)]

    low, high = 0, max(most)  # the widest cap under which the columns fit
    while low < high:
        cap = (low + high + 1) // 2
        low, high = (cap, high) if sum(capped(cap)) <= room else (low, cap - 1)
    widths = capped(low)
    spare = room - sum(widths)
    for index in range(len(widths)):  # what the cap leaves over: one more to each column still cut, as Rich fills the line
        if spare and least[index] <= widths[index] == low < most[index]:
            widths[index] += 1
            spare -= 1
    return widths


def _terminal_width() -> int:
    import os
    import shutil

    if os.environ.get("COLUMNS"):
        try:
            return int(os.environ["COLUMNS"])
        except ValueError:
            pass
    return max(80, shutil.get_terminal_size((120, 24)).columns)


def _json_default(value):
    if isinstance(value, Decimal):
        return json_number(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def to_json(data) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)`, byte for byte, about twice as fast.

    With `indent`, the standard library encodes in pure Python (0.6 s for the
    20,000 rows of a big `score`). Here every run of scalar items inside a dict
    or list is encoded by the C encoder in one call, its item separator carrying
    the newline and indentation of that level (encoded strings never hold a raw
    newline, so the result is exact); only the nesting is walked in Python."""
    try:
        return _indented(data, 0) + "\n"
    except _NotPlain:
        return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default) + "\n"


def write_json_list(key: str, items, handle) -> None:
    """`to_json({key: list(items)})`, byte for byte, written one item as it is read."""
    write = handle.write
    write("{\n  " + encode_basestring(key) + ": [")
    separator = "\n    "
    empty = True
    for item in items:
        write(separator + (_indented(item, 2) if isinstance(item, _CONTAINERS) and item else _scalars([item], 2)))
        separator = ",\n    "
        empty = False
    write("]\n}\n" if empty else "\n  ]\n}\n")


class _NotPlain(Exception):
    """A key that is not a string: leave it to the standard library."""


_CONTAINERS = (dict, list, tuple)
_ENCODERS: dict[int, object] = {}


def _scalars(values, level: int) -> str:
    """A dict or list of scalars encoded at `level`, without its brackets."""
    encode = _ENCODERS.get(level)
    if encode is None:
        if c_make_encoder is None:  # pragma: no cover - CPython always has the C encoder
            raise _NotPlain()
        encode = _ENCODERS[level] = c_make_encoder(
            None, _json_default, encode_basestring, None, ": ", ",\n" + "  " * (level + 1), False, False, True
        )
    return "".join(encode(values, 0))[1:-1]


def _indented(value, level: int) -> str:
    if isinstance(value, dict):
        if not value:
            return "{}"
        parts = []
        run: dict | None = None
        for key, item in value.items():
            if type(key) is not str:
                raise _NotPlain()
            if isinstance(item, _CONTAINERS) and item:
                if run:
                    parts.append(_scalars(run, level))
                    run = None
                parts.append(encode_basestring(key) + ": " + _indented(item, level + 1))
            else:
                if run is None:
                    run = {}
                run[key] = item
        if run:
            parts.append(_scalars(run, level))
        inner = "\n" + "  " * (level + 1)
        return "{" + inner + ("," + inner).join(parts) + "\n" + "  " * level + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        parts = []
        items: list | None = None
        for item in value:
            if isinstance(item, _CONTAINERS) and item:
                if items:
                    parts.append(_scalars(items, level))
                    items = None
                parts.append(_indented(item, level + 1))
            else:
                if items is None:
                    items = []
                items.append(item)
        if items:
            parts.append(_scalars(items, level))
        inner = "\n" + "  " * (level + 1)
        return "[" + inner + ("," + inner).join(parts) + "\n" + "  " * level + "]"
    return _scalars([value], level)


def write_xlsx(table: Table, handle, sheet_title: str = "Dữ liệu") -> None:
    from thidua_cli.render.xlsx import write_table_xlsx

    write_table_xlsx(table, handle, sheet_title)


def to_xlsx(table: Table, sheet_title: str = "Dữ liệu") -> bytes:
    from thidua_cli.render.xlsx import table_to_xlsx

    return table_to_xlsx(table, sheet_title)


def to_html(table: Table) -> str:
    """A self-contained, print-ready HTML page; every user text is escaped."""
    from html import escape

    head = "".join(f"<th>{escape(c.title)}</th>" for c in table.columns)
    body = []
    for row in table.rows:
        cells = []
        for c in table.columns:
            numeric = c.kind in ("number", "money", "points")
            cells.append(f'<td{" class=num" if numeric else ""}>{escape(display(c, row.get(c.key)))}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    caption = f"<p>{escape(table.caption)}</p>" if table.caption else ""
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        f"<title>{escape(table.title)}</title><style>"
        "@page{size:A4 landscape;margin:20mm 15mm 20mm 30mm}body{font-family:'Times New Roman',serif;font-size:13pt}"
        "table{border-collapse:collapse;width:100%}th,td{border:1px solid #000;padding:2px 4px}"
        "th{text-align:center}.num{text-align:right}</style></head><body>"
        f"<h2>{escape(table.title)}</h2><table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        f"{caption}</body></html>\n"
    )
