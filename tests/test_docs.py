"""Every command has Vietnamese help text and appears in the README."""

import re

from typer.main import get_command

from conftest import REPO
from thidua_cli.cli import app


def all_commands():
    root = get_command(app)
    found = []

    def walk(command, path):
        subcommands = getattr(command, "commands", None)
        if subcommands:
            if path:
                found.append((path, command))
            for name, sub in subcommands.items():
                walk(sub, [*path, name])
        else:
            found.append((path, command))

    walk(root, [])
    return found


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
