"""Every command has Vietnamese help text and appears in the README."""

import importlib
import pkgutil
import re

import thidua_cli.cli
from typer import _click
from typer.core import TyperGroup
from typer.main import get_command, get_group

from conftest import REPO
from thidua_cli.cli import COMMANDS, app
from thidua_cli.cli.app import make_app


def all_commands():
    """Every command path, walked through click's public API (the root builds its commands lazily:
    its `.commands` is empty until a command is asked for)."""
    found = []

    def walk(command, ctx, path):
        if isinstance(command, TyperGroup):
            if path:
                found.append((path, command))
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None, f"thidua {' '.join([*path, name])} is listed but cannot be built"
                walk(sub, _click.Context(sub, parent=ctx, info_name=name), [*path, name])
        else:
            found.append((path, command))

    root = get_command(app)
    walk(root, _click.Context(root, info_name="thidua"), [])
    return found


def test_the_command_table_names_every_command_of_every_module_in_help_order():
    """cli.COMMANDS must list exactly what the command modules register, in the order the
    eager `add_typer`/`register` assembly gave `thidua --help`: a new command cannot be forgotten."""
    package = thidua_cli.cli
    registered = {}  # command name -> module
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        scratch = make_app("")
        if hasattr(module, "register"):
            module.register(scratch)
        elif isinstance(getattr(module, "app", None), type(app)):
            scratch.add_typer(module.app, name=info.name)
        else:
            continue  # helpers: app, common, options
        for name in get_group(scratch).commands:
            assert name not in registered, f"{name} is registered by both {registered[name]} and {info.name}"
            registered[name] = info.name
    assert COMMANDS == registered

    eager = make_app("")
    for module_name in dict.fromkeys(COMMANDS.values()):
        module = importlib.import_module(f"{package.__name__}.{module_name}")
        if hasattr(module, "register"):
            module.register(eager)
        else:
            eager.add_typer(module.app, name=module_name)
    assert list(get_group(eager).commands) == list(COMMANDS)


VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]", re.IGNORECASE)


def test_every_command_has_vietnamese_help():
    commands = all_commands()
    assert len(commands) >= 12
    for path, command in commands:
        text = command.help or command.short_help or ""
        assert text.strip(), f"thidua {' '.join(path)} has no help text"
        assert VIETNAMESE.search(text), f"thidua {' '.join(path)}: help is not Vietnamese: {text!r}"
        for param in command.params:
            if getattr(param, "param_type_name", "") == "option" and param.name != "help":
                assert param.help, f"thidua {' '.join(path)} {param.opts}: no help"


def test_every_command_is_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for path, _ in all_commands():
        assert f"`thidua {' '.join(path)}" in readme, f"`thidua {' '.join(path)}` is missing from README.md"


def test_readme_has_exactly_the_two_setup_commands_and_ci_runs_the_test_one():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_every_option_a_readme_command_shows_exists():
    """Each `thidua …` the README shows (inline and in ```sh blocks) names only options its command has: an office
    worker copies them as written, and an option renamed in the code must not stay in the README."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    options = {tuple(path): {opt for param in command.params for opt in getattr(param, "opts", []) + getattr(param, "secondary_opts", [])}
               for path, command in all_commands()}
    options[()] = {"--db", "-h", "--help"}
    shown = re.findall(r"`(thidua [^`]+)`", readme)
    for block in re.findall(r"```sh\n(.*?)```", readme, re.S):
        shown += [line.split("#")[0] for line in block.replace("\\\n", " ").splitlines() if line.startswith("thidua ")]
    assert len(shown) > 100
    for line in shown:
        words = line.split()[1:]
        if words[:1] == ["--db"]:
            words = words[2:]
        path: tuple[str, ...] = ()
        for word in words:
            if (*path, word) in options:
                path = (*path, word)
            else:
                break
        if not path:
            continue  # `thidua --db sao-luu.db …`
        for option in re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)", line):
            assert option in options[path] | options[()], f"README: `{line.strip()}`: thidua {' '.join(path)} has no {option}"
