"""Choosing a format (-O, or the extension of -o) and writing data to stdout or a file."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from thidua_cli.errors import ThiduaError, UsageError, system_reason

if TYPE_CHECKING:
    from thidua_cli.render.tabular import Table

EXTENSIONS = {".json": "json", ".csv": "csv", ".md": "md", ".html": "html", ".htm": "html", ".docx": "docx", ".xlsx": "xlsx", ".pdf": "pdf", ".txt": "table"}
BINARY = {"docx", "xlsx", "pdf"}


def choose_format(
    fmt: str | None, out: str | None, allowed: tuple[str, ...], default: str = "table", own_folder: bool = False
) -> str:
    """The format asked for (-O), else the one `out`'s extension names, else `default`; refused if not
    `allowed`. Binary formats need --out, except for a command that writes into its own folder."""
    if fmt:
        chosen = fmt.strip().lower()
    elif out:
        suffix = Path(out).suffix.lower()
        if suffix not in EXTENSIONS:
            raise UsageError(f'không đoán được định dạng từ tệp "{out}"; hãy thêm --format ({", ".join(allowed)})')
        chosen = EXTENSIONS[suffix]
    else:
        chosen = default
    if chosen not in allowed:
        raise UsageError(f'định dạng "{chosen}" không dùng được ở lệnh này; chọn: {", ".join(allowed)}')
    if chosen in BINARY and not out and not own_folder:
        raise UsageError(f"định dạng {chosen} cần --out TỆP")
    return chosen


def write_file(path: Path, content: str | bytes) -> None:
    """Write a rendered document: bytes as they are (docx, xlsx), text as UTF-8; the folder is made if
    missing. Atomic (`thidua_cli.files`): a failure leaves the earlier file exactly as it was."""
    from thidua_cli.files import write_atomic

    write_atomic(path, content)


def write_output(render: Callable[[], str | bytes], out: str | None) -> None:
    """Render, then write to `out` or stdout (data on stdout, never messages)."""
    content = render()
    if out:
        path = Path(out)
        if isinstance(content, str) and path.suffix.lower() == ".csv" and not content.startswith("\ufeff"):
            content = "\ufeff" + content  # Excel reads a CSV file as UTF-8 only with a BOM; stdout stays without, for scripts
        try:
            write_file(path, content)
        except OSError as error:
            raise ThiduaError(f"không ghi được tệp {out}: {system_reason(error)}") from None
        info(f"Đã ghi {out}")
        return
    if isinstance(content, bytes):
        sys.stdout.buffer.write(content)
    else:
        sys.stdout.write(content)
        if content and not content.endswith("\n"):
            sys.stdout.write("\n")
    sys.stdout.flush()


def info(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def warn(message: str) -> None:
    sys.stderr.write(f"Cảnh báo: {message}\n")
    sys.stderr.flush()


def write_listing(chosen: str, out: str | None, data: Callable[[], dict], table: Callable, machine: Callable | None = None, sheet: str = "Dữ liệu") -> None:
    """The usual renderings of one listing: JSON from `data()`, CSV/XLSX from `machine()` (plain keys and
    values, default `table`), Markdown and the terminal from `table()`."""
    from thidua_cli.render import tabular

    machine = machine or table
    renderers = {
        "json": lambda: tabular.to_json(data()),
        "csv": lambda: tabular.to_csv(machine()),
        "md": lambda: tabular.to_markdown(table()),
        "xlsx": lambda: tabular.to_xlsx(machine(), sheet),
        "table": lambda: tabular.to_rich(table()),
    }
    write_output(renderers[chosen], out)


SCREEN_ROWS = 2000  # rows a terminal table shows unless --top says otherwise


@dataclass
class Listing:
    """A listing read from the ledger as it is written: each callable runs the query again and
    yields rows one by one (the ledger stays open while the listing is written)."""

    count: int
    noun: str  # what a row is, for the screen note: "mục ghi", "đối tượng", "khen thưởng"
    json_key: str
    json_items: Callable[[], Iterable[dict]]
    table: Callable[[], "Table"]  # rows for people (terminal, Markdown)
    machine: Callable[[], "Table"]  # plain keys and values (CSV, XLSX)
    screen: Callable[[], "Table"] | None = None  # the terminal's narrower form, when `table` is too wide for it


def write_streamed(chosen: str, out: str | None, listing: Listing, sheet: str = "Dữ liệu", top: int | None = None) -> None:
    """Write `listing` in the chosen format to `out` (atomically) or stdout, row by row.

    The terminal table shows at most `top` rows (default `SCREEN_ROWS`) and says how many there are."""
    from thidua_cli.render import tabular

    if chosen == "table":
        shown = top or SCREEN_ROWS
        table = (listing.screen or listing.table)()
        table.rows = list(islice(table.rows, shown))
        write_output(lambda: tabular.to_rich(table), out)
        if listing.count > len(table.rows):
            from thidua_cli.domain.formats import format_number

            info(
                f"Đang hiện {format_number(len(table.rows))}/{format_number(listing.count)} {listing.noun} đầu tiên; "
                f"xem hết: --format csv -o TỆP.csv (hoặc --top {listing.count})"
            )
        return
    writers = {
        "json": lambda handle: tabular.write_json_list(listing.json_key, listing.json_items(), handle),
        "csv": lambda handle: tabular.write_csv(listing.machine(), handle),
        "md": lambda handle: tabular.write_markdown(listing.table(), handle),
        "xlsx": lambda handle: tabular.write_xlsx(listing.machine(), handle, sheet),
    }
    write = writers[chosen]
    if out:
        from thidua_cli.files import replacing

        try:
            with replacing(out, binary=chosen in BINARY) as handle:
                if chosen == "csv" and Path(out).suffix.lower() == ".csv":
                    handle.write("\ufeff")  # as write_output: Excel reads a CSV file as UTF-8 only with a BOM
                write(handle)
        except OSError as error:
            raise ThiduaError(f"không ghi được tệp {out}: {system_reason(error)}") from None
        info(f"Đã ghi {out}")
        return
    write(sys.stdout)
    sys.stdout.flush()
