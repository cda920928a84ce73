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


def show_long_lists(converted: list[str], source: str, repeated: list[str] = (), alike: list[str] = ()) -> None:
    """The cells converted from TCVN3/VNI, the rows skipped as repeats of an earlier row of the file, and the rows
    stored though they equal an earlier row but for note or evidence: the first lines of each on the screen,
    the whole lists in a file beside `source` (`services.long_lists`)."""
    from thidua_cli.render.output import info, warn
    from thidua_cli.services.long_lists import shortened_lists

    shown = shortened_lists(source, [
        ("Các ô đã chuyển từ mã cũ (TCVN3/VNI) sang Unicode", converted, "ô"),
        ("Các dòng giống hệt một dòng trước trong tệp, bỏ qua", list(repeated), "dòng"),
        ("Các dòng giống một dòng trước trong tệp, chỉ khác nội dung hoặc minh chứng, vẫn ghi", list(alike), "dòng"),
    ])
    from thidua_cli.domain.formats import format_number

    headings = (  # counts as the lists' "… và 50.198 dòng khác" write them
        (info, f"Đã chuyển {format_number(len(converted))} ô từ mã cũ (TCVN3/VNI) sang Unicode:"),
        (warn, f"{format_number(len(repeated))} dòng giống hệt một dòng trước trong tệp, bỏ qua (chỉ ghi một lần):"),
        (warn, f"{format_number(len(alike))} dòng giống một dòng trước trong tệp (cùng ngày, đối tượng, tiêu chí, điểm), chỉ khác "
               "nội dung hoặc minh chứng — vẫn ghi, vì thường là hai thành tích khác nhau; xem lại nếu là gõ trùng:"),
    )
    for (say, heading), lines in zip(headings, shown):
        if lines:
            say(heading)
            for line in lines:
                info(f"  {line}")


def told_before_import(report, source: str) -> bool:
    """What every import says before its summary: the file was imported before (then True: nothing more to say),
    or the cells converted from legacy encodings, the rows repeated in the file and the warnings (columns left
    out, hidden sheets …)."""
    from thidua_cli.render.output import info, warn

    if report.skipped:
        info(report.skipped[0].upper() + report.skipped[1:] + ".")
        return True
    show_long_lists(report.converted, source, getattr(report, "repeated", ()), getattr(report, "alike", ()))
    for line in report.warnings:
        warn(line)
    return False


def show_rows(fmt, out, rows: list, to_json, to_table, empty: str, sheet: str) -> None:
    """A listing of records (table, json, csv, md, xlsx); on the screen, `empty` when there are none."""
    from thidua_cli.render.output import choose_format, info, write_listing

    chosen = choose_format(fmt, out, ("table", "json", "csv", "md", "xlsx"))
    if not rows and chosen == "table":
        info(empty)
        return
    write_listing(chosen, out, lambda: to_json(rows), lambda: to_table(rows), lambda: to_table(rows, machine=True), sheet=sheet)
