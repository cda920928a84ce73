"""The root Typer app: global --db, Vietnamese errors, exit codes (0 ok, 1 cannot do, 2 usage)."""

from __future__ import annotations

import os
import sys
from typing import Any

import typer
from typer import _click
from typer.core import TyperCommand, TyperGroup

from thidua_cli.errors import ThiduaError


def _usage_message(error: Exception) -> str:
    name = type(error).__name__
    if name == "NoSuchOption":
        option = getattr(error, "option_name", "")
        possibilities = getattr(error, "possibilities", None) or []
        hint = f" (có phải ý bạn là {', '.join(possibilities)}?)" if possibilities else ""
        return f"không có tuỳ chọn {option}{hint}"
    if name == "MissingParameter":
        param = getattr(error, "param", None)
        label = _param_label(param)
        return f"thiếu {label}"
    if name == "BadParameter":
        param = getattr(error, "param", None)
        return f"giá trị không hợp lệ cho {_param_label(param)}: {_reason(str(getattr(error, 'message', error)))}"
    if name == "BadOptionUsage":
        return f"dùng sai tuỳ chọn {getattr(error, 'option_name', '')}: {getattr(error, 'message', error)}"
    message = getattr(error, "message", str(error))
    if message.startswith("No such command"):
        command = message.split("'")[1] if "'" in message else message
        return f'không có lệnh "{command}"'
    if message.startswith("Got unexpected extra argument"):
        extra = message.split("(")[-1].rstrip(")")
        return f"thừa tham số: {extra}"
    return message


def _param_label(param: Any) -> str:
    if param is None:
        return "tham số"
    opts = getattr(param, "opts", None) or []
    if opts and opts[0].startswith("-"):
        return f"tuỳ chọn {opts[0]}"
    name = getattr(param, "metavar", None) or str(getattr(param, "name", "")).upper()
    return f"tham số {name}"


_REASONS = (
    ("valid integer", "phải là số nguyên"),
    ("valid number", "phải là số"),
    ("greater than or equal to", "phải lớn hơn hoặc bằng {n}"),
    ("less than or equal to", "phải nhỏ hơn hoặc bằng {n}"),
    ("is not in the range", "nằm ngoài khoảng cho phép"),
    ("is not one of", "không nằm trong các giá trị cho phép"),
    ("does not exist", "không tồn tại"),
)


def _reason(message: str) -> str:
    import re

    for english, vietnamese in _REASONS:
        if english in message:
            number = re.search(r"(-?\d+(?:\.\d+)?)\s*$", message.strip().rstrip("."))
            return vietnamese.format(n=number[1] if number else "")
    return message


def _one_line(text: str) -> str:
    """Each error line stays one line and safe for a terminal: control characters a value brought
    in (a newline in a TOML string, an ESC in a CSV cell) are shown escaped, never acted on."""
    return "".join(
        ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in str(text)
    )


def print_error(message: str, hint: str | None = None, details: list[str] | None = None) -> None:
    lines = [f"Lỗi: {_one_line(message)}"]
    lines.extend(f"  {_one_line(detail)}" for detail in details or [])
    if hint:
        lines.append(f"Gợi ý: {_one_line(hint)}")
    sys.stderr.write("\n".join(lines) + "\n")
    sys.stderr.flush()


class ThiduaGroup(TyperGroup):
    """Turns every failure into one `Lỗi:` line and the SPEC's exit code."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):  # type: ignore[override]
        try:
            result = super().main(args=args, prog_name=prog_name or "thidua", complete_var=complete_var, standalone_mode=False, **extra)
        except ThiduaError as error:
            _show_debug(error)
            print_error(error.message, error.hint, error.details)
            code = error.exit_code
        except _click.exceptions.UsageError as error:
            _show_debug(error)
            path = " ".join(["thidua", _command_path(error), "--help"]).replace("  ", " ")
            print_error(_usage_message(error), f"xem hướng dẫn: {path}")
            code = 2
        except _click.exceptions.ClickException as error:
            print_error(getattr(error, "message", str(error)))
            code = getattr(error, "exit_code", 1)
        except typer.Abort:
            print_error("đã dừng theo yêu cầu")
            code = 1
        except KeyboardInterrupt:
            print_error("đã dừng theo yêu cầu; sổ không thay đổi")
            code = 130
        except BrokenPipeError:
            code = 0
        except Exception as error:  # noqa: BLE001 - the user never sees a traceback
            _show_debug(error)
            print_error(
                f"lỗi không mong đợi trong thidua; sổ không thay đổi (cho người phát triển: {type(error).__name__}: {error})",
                "chạy lại với THIDUA_DEBUG=1 để xem chi tiết và gửi cho người phát triển",
            )
            code = 1
        else:
            code = result if isinstance(result, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code

    def get_command(self, ctx, cmd_name):  # type: ignore[override]
        command = super().get_command(ctx, cmd_name)
        if type(command) is TyperCommand:
            command.__class__ = ThiduaCommand
        return command

    def format_help(self, ctx, formatter):  # type: ignore[override]
        super().format_help(ctx, formatter)
        _translate(formatter)


class LazyRootGroup(ThiduaGroup):
    """The `thidua` group itself: its commands are named in a table (command name → module of
    `thidua_cli.cli`), and a command's module is imported, and its click command built by Typer,
    only when that command is used: `thidua score` neither imports nor converts the twenty-odd
    other commands (Typer's conversion evaluates every annotation: ~0.1 s for all of them).

    `thidua --help` lists every command and so builds them all, in the table's order."""

    table: dict[str, str] = {}  # set by the subclass the root app uses (thidua_cli.cli)

    def list_commands(self, ctx):  # type: ignore[override]
        return list(self.table)

    def get_command(self, ctx, cmd_name):  # type: ignore[override]
        if cmd_name not in self.commands and cmd_name in self.table:
            self.commands[cmd_name] = build_command(self.table[cmd_name], cmd_name)
        return super().get_command(ctx, cmd_name)


def build_command(module_name: str, name: str) -> _click.Command:
    """The click command `name` of the command module `thidua_cli.cli.<module_name>`, built by Typer
    exactly as the whole app would build it: the module registers itself on a scratch app
    (`register(app)`, or its own `app` added as the group `name`) and only `name` is converted."""
    import importlib

    from typer.main import get_group

    module = importlib.import_module(f"thidua_cli.cli.{module_name}")
    scratch = make_app("")
    if hasattr(module, "register"):
        module.register(scratch)
        scratch.registered_commands = [
            info for info in scratch.registered_commands if _command_name(info) == name
        ]
    else:
        scratch.add_typer(module.app, name=name)
    command = get_group(scratch).commands.get(name)
    if command is None:
        raise LookupError(f"thidua_cli.cli.{module_name} has no command {name!r}")
    return command


def _command_name(info: Any) -> str:
    return info.name or info.callback.__name__.lower().replace("_", "-")


class ThiduaCommand(TyperCommand):
    def format_help(self, ctx, formatter):  # type: ignore[override]
        super().format_help(ctx, formatter)
        _translate(formatter)


_HELP_WORDS = (
    ("Usage: ", "Cách dùng: "),
    ("Options:", "Tuỳ chọn:"),
    ("Commands:", "Lệnh:"),
    ("Arguments:", "Tham số:"),
    ("Show this message and exit.", "Hiện hướng dẫn này rồi thoát."),
    ("[required]", "[bắt buộc]"),
    ("[default: ", "[mặc định: "),
    ("COMMAND [ARGS]...", "LỆNH [THAM SỐ]..."),
    ("[OPTIONS]", "[TUỲ CHỌN]"),
)


def _translate(formatter) -> None:
    """Click's help words are English and not translatable through Typer: swap them here."""
    text = "".join(formatter.buffer)
    for english, vietnamese in _HELP_WORDS:
        text = text.replace(english, vietnamese)
    formatter.buffer[:] = [text]


def _command_path(error: Exception) -> str:
    ctx = getattr(error, "ctx", None)
    if ctx is None:
        return ""
    parts = ctx.command_path.split()[1:]
    return " ".join(parts)


def _show_debug(error: BaseException) -> None:
    if os.environ.get("THIDUA_DEBUG"):
        import traceback

        traceback.print_exception(error)


def make_app(help_text: str, **overrides) -> typer.Typer:
    settings = dict(
        cls=ThiduaGroup,
        help=help_text,
        no_args_is_help=True,
        add_completion=False,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    )
    settings.update(overrides)
    return typer.Typer(**settings)


sub_app = make_app  # command groups are built exactly like the root
