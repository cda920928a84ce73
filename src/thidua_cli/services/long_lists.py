"""The long lists a file import prints — cells converted from TCVN3/VNI, bad rows, rows near a live entry,
rows repeated inside the file — cut for the screen, kept whole in a text file.

A big file can convert or refuse every row (25,900 lines): the screen shows the first `SHOWN`, then one
line "… và M dòng khác — xem đủ trong tệp …"; the whole list (every list of that run, each under its
title) is written as `<tên tệp>.kiem-tra.txt` in the working folder, where the dossier of a round goes
too: the office finds it where it ran the command, and a file in a shared or read-only folder (a colleague's
share, the examples) is never written beside. The file is written again on every run that cuts a list; a
run that cuts none leaves it alone. If it cannot be written, the cut line says why instead."""

from __future__ import annotations

from pathlib import Path

SHOWN = 20  # lines of one list shown on the screen
SUFFIX = ".kiem-tra.txt"


def full_list_path(source: str | Path) -> Path:
    """Where the whole lists of an import of `source` go: `<tên tệp>.kiem-tra.txt` in the working folder."""
    return Path(Path(source).name + SUFFIX)


def shortened(lines: list[str], source: str | Path, title: str, unit: str = "dòng", skipped_first: int = 0) -> list[str]:
    """`lines` as printed: whole when short, else the first `SHOWN` and one closing line, the whole list
    written to the file under `title`. `skipped_first`: lines printed before these (the first bad row, in
    the error line itself) that the file holds too — pass `lines` whole then and they are dropped here."""
    return shortened_lists(source, [(title, lines, unit)], skipped_first)[0]


def shortened_lists(source: str | Path, lists: list[tuple[str, list[str], str]], skipped_first: int = 0) -> list[list[str]]:
    """Each (title, lines, unit) as printed; when any list is cut, every list goes to the one file."""
    shown = [lines[skipped_first:] if index == 0 else lines for index, (_, lines, _) in enumerate(lists)]
    if all(len(lines) <= SHOWN + 1 for lines in shown):  # "… và 1 dòng khác" would hide a line for nothing
        return shown
    where = _written(source, lists)
    return [
        lines if len(lines) <= SHOWN + 1 else
        [*lines[:SHOWN], f"… và {_count(len(lines) - SHOWN)} {unit} khác — {where}"]
        for (_, _, unit), lines in zip(lists, shown)
    ]


def _written(source: str | Path, lists: list[tuple[str, list[str], str]]) -> str:
    from thidua_cli.errors import system_reason
    from thidua_cli.files import replacing

    target = full_list_path(source)
    try:
        with replacing(target) as handle:
            handle.write(f"Tệp {Path(source).name}\n")
            for title, lines, _ in lists:
                if lines:
                    handle.write(f"\n{title} ({_count(len(lines))}):\n")
                    handle.writelines(f"{line}\n" for line in lines)
    except OSError as error:
        return f"không ghi được danh sách đầy đủ ra tệp {target} ({system_reason(error)})"
    return f"xem đủ trong tệp {target}"


def _count(number: int) -> str:
    from thidua_cli.domain.formats import format_number

    return format_number(number)
