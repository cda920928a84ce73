"""Choosing a format (-O, or the extension of -o) and writing data to stdout or a file."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from thidua_cli.errors import ThiduaError, UsageError, system_reason

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
