"""Small helpers every command module uses."""

from __future__ import annotations

import typer


def db_of(ctx: typer.Context) -> str | None:
    root = ctx.find_root()
    return (root.obj or {}).get("db")


class progress_bar:
    """A Rich progress counter for long imports, on stderr, and only when stderr is a terminal.

    `with progress_bar() as progress:` gives `progress(rows_read)` or None (piped, redirected, tests)."""

    EVERY = 500  # rows between refreshes

    def __enter__(self):
        import sys

        from thidua_cli.domain.formats import format_number

        self.bar = None
        if not sys.stderr.isatty():
            return None
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.bar = Progress(
            SpinnerColumn(), TextColumn("Đang đọc dòng {task.fields[rows]}"), TimeElapsedColumn(),
            console=Console(file=sys.stderr), transient=True,
        )
        self.bar.start()
        bar, task = self.bar, self.bar.add_task("import", total=None, rows="0")

        shown = [0]

        def advance(rows: int) -> None:  # called for every row, or for every batch a second process checked
            if rows // self.EVERY != shown[0]:
                shown[0] = rows // self.EVERY
                bar.update(task, completed=rows, rows=format_number(rows))  # 12.500, the Vietnamese way

        return advance

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False


def show_converted(lines: list[str], dry_run: bool, limit: int = 50) -> None:
    """Report the cells converted from TCVN3/VNI (all of them on --dry-run, else the first `limit`)."""
    from thidua_cli.render.output import info

    if not lines:
        return
    info(f"Đã chuyển {len(lines)} ô từ mã cũ (TCVN3/VNI) sang Unicode:")
    shown = lines if dry_run else lines[:limit]
    for line in shown:
        info(f"  {line}")
    if len(lines) > len(shown):
        info(f"  … và {len(lines) - len(shown)} ô khác (xem hết bằng --dry-run)")


def told_before_import(report, dry_run: bool) -> bool:
    """What every import says before its summary: the file was imported before (then True: nothing more to say),
    or the cells converted from legacy encodings and the warnings (columns left out, hidden sheets …)."""
    from thidua_cli.render.output import info, warn

    if report.skipped:
        info(report.skipped[0].upper() + report.skipped[1:] + ".")
        return True
    show_converted(report.converted, dry_run)
    for line in report.warnings:
        warn(line)
    return False
