"""The root Typer app: global --db, Vietnamese errors, exit codes (0 ok, 1 cannot do, 2 usage)."""

from __future__ import annotations

import os
import re
import sys
from typing import Any

import typer
from typer import _click
from typer.core import TyperCommand, TyperGroup

from thidua_cli.errors import ThiduaError


def _usage_message(error: Exception) -> str:
    """Click's usage errors in Vietnamese, naming the option or argument; nothing English is kept
    (a message of a kind not listed here becomes a plain Vietnamese sentence)."""
    name = type(error).__name__
    message = str(getattr(error, "message", "") or "")
    if name == "NoSuchOption":
        option = getattr(error, "option_name", "")
        possibilities = getattr(error, "possibilities", None) or []
        hint = f" (có phải ý bạn là {', '.join(sorted(possibilities))}?)" if possibilities else ""
        return f"không có tuỳ chọn {option}{hint}"
    if name == "MissingParameter":
        return f"thiếu {_param_label(getattr(error, 'param', None))}"
    if name == "BadParameter":
        return f"giá trị không hợp lệ cho {_param_label(getattr(error, 'param', None))}: {_reason(message)}"
    if name in ("BadOptionUsage", "BadArgumentUsage"):
        return _option_usage(message, getattr(error, "option_name", ""))
    # Click's sentences first: a Vietnamese word the user typed (--form cảnh cáo) can sit inside one
    for pattern, vietnamese in _USAGE_MESSAGES:
        found = re.match(pattern, message)
        if found:
            return vietnamese.format(*(_quoted(g) for g in found.groups()))
    if _VIETNAMESE.search(message):
        return message  # raised by thidua itself
    return "cách gọi lệnh không đúng"


def _param_label(param: Any) -> str:
    if param is None:
        return "tham số"
    opts = getattr(param, "opts", None) or []
    if opts and opts[0].startswith("-"):
        return f"tuỳ chọn {opts[0]}"
    name = getattr(param, "metavar", None) or str(getattr(param, "name", "")).upper()
    return f"tham số {name}"


def _quoted(text: str | None) -> str:
    """A value as Click quoted it ('abc' or "a'b") shown between Vietnamese-style double quotes."""
    text = text or ""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    return f'"{text}"'


_VIETNAMESE = re.compile("[À-ỹ]")
_USAGE_MESSAGES = (
    (r"No such command (.+?)\.?$", "không có lệnh {0}"),
    (r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)$", "thừa tham số: {0}"),
    (r"Missing command\.?$", "thiếu lệnh"),
    (r"Missing (?:argument|option|parameter) (.+?)\.?$", "thiếu {0}"),
)

_RANGE_WORDS = {">=": "từ {0} trở lên", ">": "lớn hơn {0}", "<=": "không quá {0}", "<": "nhỏ hơn {0}"}


def _range(text: str) -> str:
    both = re.fullmatch(r"(-?[\d.]+)(<=?)x(<=?)(-?[\d.]+)", text)
    if both:
        return f"từ {both[1]} đến {both[4]}" if both[2] == both[3] == "<=" else f"trong khoảng {text}"
    one = re.fullmatch(r"x(>=|>|<=|<)(-?[\d.]+)", text)
    if one:
        return _RANGE_WORDS[one[1]].format(one[2])
    return f"trong khoảng {text}"


_REASONS = (
    (r"(.*) is not a valid (?:int|integer|int range|integer range)\.?$", "{0} không phải số nguyên"),
    (r"(.*) is not a valid (?:float|float range)\.?$", "{0} không phải số"),
    (r"(.*) is not a valid boolean\b.*", "{0} không phải có/không (yes/no, true/false, 1/0)"),
    (r"(.*) is not a valid UUID\.?$", "{0} không phải mã UUID"),
    (r"(.*) is not in the range (.+?)\.?$", "{0} phải {1}"),
    (r"(.*) is not one of (.+?)\.?$", "{0} phải là một trong: {1}"),
    (r"(.*) is not (.+?)\.?$", "{0} phải là {1}"),
    (r"(.*) does not match the formats? (.+?)\.?$", "{0} không đúng dạng {1}"),
    (r"(?:File|Directory|Path) (.+?) does not exist\.?$", "{0} không có"),
    (r"(?:File|Path) (.+?) is a directory\.?$", "{0} là thư mục, cần một tệp"),
    (r"(?:Directory|Path) (.+?) is a file\.?$", "{0} là tệp, cần một thư mục"),
    (r"(?:File|Directory|Path) (.+?) is not readable\.?$", "{0} không đọc được (không có quyền)"),
    (r"(?:File|Directory|Path) (.+?) is not writable\.?$", "{0} không ghi được (không có quyền)"),
    (r"(?:File|Directory|Path) (.+?) is not executable\.?$", "{0} không chạy được (không có quyền)"),
    (r"(\d+) values are required, but (\d+) (?:was|were) given\.?$", "cần {0} giá trị, có {1}"),
    (r"Value must be an iterable\.?$", "phải là một dãy giá trị"),
)


def _reason(message: str) -> str:
    message = message.strip()
    for pattern, vietnamese in _REASONS:
        found = re.match(pattern, message, re.DOTALL)
        if found:
            values = list(found.groups())
            if "is not in the range" in pattern:
                values[1] = _range(values[1])
                return vietnamese.format(_quoted(values[0]), values[1])
            if "is not one of" in pattern or pattern.startswith(r"(.*) is not (.+"):
                values[1] = ", ".join(_quoted(v.strip()).strip('"') for v in values[1].split(","))
                return vietnamese.format(_quoted(values[0]), values[1])
            if values and values[0] and not values[0].isdigit():
                values[0] = _quoted(values[0])
            return vietnamese.format(*values)
    return "giá trị không dùng được"


def _option_usage(message: str, option: str) -> str:
    needs = re.match(r"Option (.+?) requires (an argument|\d+ arguments)\.?$", message)
    if needs:
        count = "một giá trị" if needs[2] == "an argument" else f"{needs[2].split()[0]} giá trị"
        return f"tuỳ chọn {_quoted(needs[1]).strip(chr(34))} cần {count} đi sau"
    if re.match(r"Option (.+?) does not take a value\.?$", message):
        return f"tuỳ chọn {option} không nhận giá trị"
    takes = re.match(r"Argument (.+?) takes (\d+) values\.?$", message)
    if takes:
        return f"tham số {_quoted(takes[1]).strip(chr(34)).upper()} cần {takes[2]} giá trị"
    return f"dùng sai tuỳ chọn {option}".rstrip()


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


_ARGUMENT_NAMES = {"FILE": "TỆP", "CODE": "MÃ", "SUBJECT": "ĐỐI_TƯỢNG", "NAME": "TÊN", "ROUND": "ĐỢT"}
INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C
_INTERRUPTED_MESSAGE = "đã dừng theo yêu cầu (Ctrl-C); sổ không thay đổi"


class ThiduaGroup(TyperGroup):
    """Turns every failure into one `Lỗi:` line and the SPEC's exit code."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):  # type: ignore[override]
        try:
            result = super().main(args=args, prog_name=prog_name or "thidua", complete_var=complete_var, standalone_mode=False, **extra)
        except _click.exceptions.NoArgsIsHelpError as asked:
            # `thidua` or `thidua GROUP` alone: the help is the answer, not an error
            sys.stdout.write(str(asked.message).rstrip("\n") + "\n")
            sys.stdout.flush()
            code = 0
        except ThiduaError as error:
            _show_debug(error)
            print_error(error.message, error.hint, error.details)
            code = error.exit_code
        except _click.exceptions.UsageError as error:
            if str(getattr(error, "message", "")).startswith("Missing command") and getattr(error, "ctx", None) is not None:
                # `thidua --db X` or `thidua GROUP` with only options: the help is the answer, as with nothing at all
                sys.stdout.write(error.ctx.get_help().rstrip("\n") + "\n")
                sys.stdout.flush()
                code = 0
                if standalone_mode:
                    sys.exit(code)
                return code
            _show_debug(error)
            path = " ".join(["thidua", _command_path(error), "--help"]).replace("  ", " ")
            print_error(_usage_message(error), f"xem hướng dẫn: {path}")
            code = 2
        except _click.exceptions.ClickException as error:
            _show_debug(error)
            print_error(_click_message(error))
            code = getattr(error, "exit_code", 1)
        except typer.Abort as error:
            # a question answered with end-of-input (or refused): nothing was committed
            _show_debug(error)
            print_error("đã dừng theo yêu cầu; sổ không thay đổi")
            code = 1
        except KeyboardInterrupt as error:  # one transaction per write: nothing was committed
            _show_debug(error)
            print_error(_INTERRUPTED_MESSAGE)
            code = INTERRUPTED
        except BrokenPipeError:
            _silence_stdout()
            code = 0
        except OSError as error:
            _show_debug(error)
            code = _system_failure(error)
        except Exception as error:  # noqa: BLE001 - the user never sees a traceback
            _show_debug(error)
            print_error(
                f"lỗi không mong đợi trong thidua; sổ không thay đổi (cho người phát triển: {type(error).__name__}: {error})",
                "chạy lại với THIDUA_DEBUG=1 để xem chi tiết và gửi cho người phát triển",
            )
            code = 1
        else:
            code = result if isinstance(result, int) else 0
            if code == INTERRUPTED:
                # Typer turns Ctrl-C into a silent exit 130 before it reaches the handler above
                print_error(_INTERRUPTED_MESSAGE)
        if standalone_mode:
            sys.exit(code)
        return code

    def get_command(self, ctx, cmd_name):  # type: ignore[override]
        command = super().get_command(ctx, cmd_name)
        if type(command) is TyperCommand:
            command.__class__ = ThiduaCommand
        for param in getattr(command, "params", ()):
            if param.param_type_name == "argument" and (param.metavar or str(param.name).upper()) in _ARGUMENT_NAMES:
                # named in help and in messages as a Vietnamese user reads them (`thiếu tham số TỆP`)
                param.metavar = _ARGUMENT_NAMES[param.metavar or str(param.name).upper()]
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

    def invoke(self, ctx):  # type: ignore[override]
        _refuse_huge_integers(ctx)
        from thidua_cli.storage.changelog import set_context

        set_context(command=" ".join(ctx.command_path.split()[1:]) or ctx.command_path)  # named in the change log
        return super().invoke(ctx)


# SQLite holds 64-bit integers: a 23-digit round or entry number is a usage error, not an overflow deep inside
_LARGEST = 2**63 - 1


def _refuse_huge_integers(ctx) -> None:
    for param in ctx.command.params:
        value = ctx.params.get(param.name)
        values = value if isinstance(value, (list, tuple)) else (value,)
        for item in values:
            if type(item) is int and abs(item) > _LARGEST:
                raise _click.exceptions.UsageError(
                    f"giá trị không hợp lệ cho {_param_label(param)}: \"{item}\" quá lớn", ctx
                )


def _click_message(error: Exception) -> str:
    """Other Click exceptions (a file Click could not open): Vietnamese, with the file named."""
    message = str(getattr(error, "message", "") or "")
    found = re.match(r"Could not open file (.+?): (.*)$", message)
    if found:  # before the Vietnamese test: the file's own name may be Vietnamese
        return f"không mở được tệp {_quoted(found[1])}"
    if _VIETNAMESE.search(message) or not re.search("[A-Za-z]", message):
        return message  # already Vietnamese (or no words at all)
    return "lệnh không chạy được"


def _silence_stdout() -> None:
    """Standard output is gone (a closed pipe, a full disk): what is still buffered cannot be written,
    so point it at the null device and let the interpreter's exit flush nothing there."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


def _system_failure(error: OSError) -> int:
    from thidua_cli.errors import system_reason

    if error.filename is None:  # thidua names every file it opens: a nameless failure is standard output
        _silence_stdout()
        print_error(f"không ghi được kết quả ra đầu ra chuẩn (stdout): {system_reason(error)}; sổ không thay đổi")
    else:
        where = error.filename if error.filename is not None else "tệp"
        print_error(f"không đọc hay ghi được {where}: {system_reason(error)}; sổ không thay đổi")
    return 1


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
    ("<int range>", "<số nguyên>"),
    ("<int>", "<số nguyên>"),
    ("<float range>", "<số>"),
    ("<float>", "<số>"),
    ("<str>", "<chữ>"),
    ("<boolean>", "<có/không>"),
    ("<filename>", "<tệp>"),
    ("<path>", "<đường dẫn>"),
)


def _translate(formatter) -> None:
    """Click's help words are English and not translatable through Typer: swap them here."""
    text = "".join(formatter.buffer)
    for english, vietnamese in _HELP_WORDS:
        text = text.replace(english, vietnamese)
    text = re.sub(r"\[((?:-?[\d.]+<=?)?x(?:[<>]=?-?[\d.]+))\]", lambda found: f"[{_range(found[1])}]", text)
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
