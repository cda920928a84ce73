"""Every message one Vietnamese line (issue 18): the parser's and the system's errors, hostile files,
Ctrl-C, and a walk over every command with a malformed argument of each type."""

from __future__ import annotations

import errno
import functools
import re
import signal
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import assert_refused
from thidua_cli.cli import COMMANDS
from thidua_cli.cli.app import build_command

# English words Click, Typer, Python or the operating system would print; none may reach a user
ENGLISH = {
    "error", "usage", "invalid", "value", "values", "valid", "missing", "option", "options", "argument", "arguments",  # not "requires": a TOML key
    "required", "such", "command", "commands", "not", "is", "the", "range", "try", "does", "exist",
    "file", "directory", "permission", "denied", "space", "left", "device", "read", "only", "system", "must",
    "integer", "int", "float", "boolean", "choose", "from", "unexpected", "extra", "got", "one", "of",
    "take", "takes", "given", "were", "was", "operation", "permitted", "traceback", "exception", "expected",  # not "an": an toàn
    "could", "open", "aborted", "show", "message", "exit", "no", "str", "text", "path", "limit", "entity",
    "reference", "character", "undefined", "recursion", "maximum", "depth", "exceeded", "python", "too", "large",
    "convert", "unable", "database", "disk", "full", "locked", "readonly", "attempt", "write",
}


def english_words(text: str) -> set[str]:
    """English words left in `text` once option names, command names (English by the SPEC) and paths are set aside."""
    text = re.sub(r"^(\s+)(\S+)(?=\s)", lambda found: found[1], text, flags=re.M) if "Lệnh:" in text else text
    kept = []
    for token in text.split():
        if "/" in token or "\\\\" in token or re.match(r"^[\[(\"']*--?[A-Za-z]", token):
            continue
        kept.append(token)
    words = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z-]*", " ".join(kept))}
    return words & ENGLISH - _command_words()


def _command_words() -> set[str]:
    """Command names are English by contract (SPEC §3): `thidua campaign show --help` in a hint is fine."""
    return {word for prefix, _ in _commands() for word in prefix[-1].split("-")}


def assert_vietnamese(result, code: int | None = None, escaped_newline: bool = False) -> None:
    """No traceback, no English word; no literal \\n unless the user's own value held a newline
    (shown escaped, so that the error stays one line)."""
    said = result.stdout + result.stderr
    assert "Traceback" not in said and (escaped_newline or "\\n" not in said), said
    assert not english_words(said), (english_words(said), said)
    if code is not None:
        assert result.exit_code == code, said


@functools.cache
def _commands():
    """(argv prefix, click command) for every command and every group's subcommands."""
    found = []
    for name, module in COMMANDS.items():
        command = build_command(module, name)
        subcommands = getattr(command, "commands", None)
        found.append(([name], command))
        for sub_name, sub in (subcommands or {}).items():
            found.append(([name, sub_name], sub))
    return found


def _malformed(command) -> list[list[str]]:
    """Argument lists that are wrong in one way each, for every parameter by its type."""
    cases = [[], ["--khong-co-tuy-chon"], ["thua-1", "thua-2", "thua-3", "thua-4"]]
    for param in command.params:
        type_name = getattr(param.type, "name", "")
        opts = [o for o in getattr(param, "opts", []) if o.startswith("--")]
        if param.param_type_name == "option" and opts:
            option = opts[0]
            if option == "--help":
                continue
            if getattr(param, "is_flag", False):
                cases.append([f"{option}=abc"])
                continue
            cases.append([option])  # the value is missing
            if type_name in ("int", "int range", "integer", "float", "float range"):
                cases += [[option, "abc"], [option, "-999999"], [option, "1" * 23]]
            if hasattr(param.type, "choices"):
                cases.append([option, "khong-co"])
        elif param.param_type_name == "argument" and type_name in ("int", "int range", "integer", "float"):
            cases += [["abc"], ["1" * 23], ["05\n/BC"]]
    return cases


def test_every_command_answers_a_malformed_argument_in_vietnamese(thidua, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    walked = 0
    for prefix, command in _commands():
        for args in _malformed(command):
            if prefix == ["demo"] and not args:
                continue  # a demo without arguments is a correct call that builds a whole ledger
            result = thidua(*prefix, *args)
            assert_vietnamese(result, escaped_newline=any("\n" in arg for arg in args))
            walked += 1
    assert walked > 150


@pytest.mark.parametrize(
    "args, message",
    [
        (["void-entry", "abc", "--reason", "x"], 'giá trị không hợp lệ cho tham số ID: "abc" không phải số nguyên'),
        (["score", "--top", "0"], 'giá trị không hợp lệ cho tuỳ chọn --top: "0" phải từ 1 trở lên'),
        (["score", "--top", "05\n/BC"], 'giá trị không hợp lệ cho tuỳ chọn --top: "05\\n/BC" không phải số nguyên'),
        (["score", "--top"], "tuỳ chọn --top cần một giá trị đi sau"),
        (["void-entry", "1"], "thiếu tuỳ chọn --reason"),
        (["void-entry"], "thiếu tham số ID"),
        (["check", "--all=abc"], "tuỳ chọn --all không nhận giá trị"),
        (["khong-co"], 'không có lệnh "khong-co"'),
        (["check", "thua"], 'thừa tham số: "thua"'),
        (["record-votes", "1" * 23, "--members", "5", "--file", "x.csv"],
         f'giá trị không hợp lệ cho tham số ĐỢT: "{"1" * 23}" quá lớn'),
    ],
)
def test_the_parsers_errors_in_vietnamese(thidua, args, message):
    thidua.mini()
    before = thidua.digest()
    result = thidua(*args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == f"Lỗi: {message}"
    assert_vietnamese(result, escaped_newline=True)
    assert thidua.digest() == before


@pytest.mark.parametrize("group", [[], ["subject"], ["campaign"], ["db"], ["templates"]])
def test_a_bare_command_prints_its_help(thidua, group):
    result = thidua(*group)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith("Cách dùng: ") and "Lỗi" not in result.stdout and "\\n" not in result.stdout
    assert_vietnamese(result)


@pytest.mark.parametrize(
    "code, reason",
    [
        (errno.ENOSPC, "đĩa đầy, hết chỗ trống"),
        (errno.EROFS, "ổ đĩa chỉ cho đọc, không ghi được"),
        (errno.EACCES, "không có quyền truy cập"),
        (errno.EPERM, "hệ thống không cho phép thao tác này (không có quyền)"),
    ],
)
def test_system_errors_in_vietnamese(thidua, monkeypatch, code, reason):
    thidua.mini()
    from thidua_cli import files

    def refuse(*args, **kwargs):
        raise OSError(code, "English text from the system")

    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
    target = thidua.folder / "diem.csv"
    result = thidua("score", "-o", str(target))
    assert (result.exit_code, result.stderr) == (1, f"Lỗi: không ghi được tệp {target}: {reason}\n")
    assert not target.exists()


def test_an_unexpected_system_error_names_the_file_in_vietnamese(thidua, monkeypatch):
    thidua.mini()
    from thidua_cli.services import campaigns

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", "/tmp/khong-doc-duoc.toml")

    monkeypatch.setattr(campaigns, "load_campaign", refuse, raising=False)
    monkeypatch.setattr(Path, "read_text", refuse)
    result = thidua("campaign", "load", str(thidua.folder / "mini.toml"))
    assert result.exit_code == 1
    assert_vietnamese(result)
    assert "không có quyền truy cập" in result.stderr


def test_a_full_standard_output(thidua):
    thidua.mini()
    with open("/dev/full", "w") as full:
        run = subprocess.run(
            [sys.executable, "-m", "thidua_cli", "--db", str(thidua.db), "score"], stdout=full, stderr=subprocess.PIPE, text=True
        )
    assert run.returncode == 1
    assert run.stderr == "Lỗi: không ghi được kết quả ra đầu ra chuẩn (stdout): đĩa đầy, hết chỗ trống; sổ không thay đổi\n"


def test_ctrl_c_is_said_and_changes_nothing(thidua, tmp_path):
    """Ctrl-C while an import reads its file: the file is a pipe the test holds open, so the signal
    always arrives mid-command, whatever the speed of the machine."""
    import os

    thidua.mini()
    before = thidua.digest()
    pipe = tmp_path / "dang-nhap.csv"
    os.mkfifo(pipe)
    process = subprocess.Popen(
        [sys.executable, "-m", "thidua_cli", "--db", str(thidua.db), "import-entries", str(pipe)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    with open(pipe, "w", encoding="utf-8") as writer:  # returns once thidua has opened the file
        writer.write("date,subject,criterion,points,note\n" + "2021-11-02,NV1,TC1,1,Dòng\n" * 1000)
        writer.flush()
        import time

        time.sleep(0.5)
        process.send_signal(signal.SIGINT)
        try:
            out, err = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
            raise AssertionError((out, err))
    assert process.returncode == 130, err
    assert (out, err) == ("", "Lỗi: đã dừng theo yêu cầu (Ctrl-C); sổ không thay đổi\n")
    assert thidua.digest() == before


def test_ctrl_c_inside_a_command(thidua, monkeypatch):
    thidua.mini()
    before = thidua.digest()
    from thidua_cli.storage import entries

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(entries, "insert_entries", interrupted)
    result = thidua("add-entry", "-s", "NV1", "-k", "TC1", "-p", "5", "-d", "2021-11-02")
    assert (result.exit_code, result.stderr) == (130, "Lỗi: đã dừng theo yêu cầu (Ctrl-C); sổ không thay đổi\n")
    assert thidua.digest() == before


def _xlsx_with(path: Path, sheet_xml: bytes) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["date", "subject", "criterion", "points", "note"])
    workbook.active.append(["2021-11-02", "NV1", "TC1", 1, "GHI-CHU"])
    plain = path.with_suffix(".plain.xlsx")
    workbook.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = sheet_xml(data)
            target.writestr(name, data)
    return path


LAUGHS = (
    '<!DOCTYPE worksheet [<!ENTITY lol0 "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    + "]>"
)


@pytest.mark.parametrize(
    "name, change, reason",
    [
        ("ky-tu.xlsx", lambda d: d.replace(b"GHI-CHU", b"GHI&#1;CHU"), "có ký tự không hợp lệ trong XML"),
        ("xxe.xlsx", lambda d: b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
         + d.replace(b"GHI-CHU", b"&x;"), "có khai báo thực thể XML (DTD/ENTITY"),
        ("laughs.xlsx", lambda d: b'<?xml version="1.0"?>' + LAUGHS.encode() + d.replace(b"GHI-CHU", b"&lol9;"),
         "có khai báo thực thể XML (DTD/ENTITY"),
    ],
)
def test_hostile_xlsx_files_are_refused_safely_and_named(thidua, name, change, reason):
    thidua.mini()
    path = _xlsx_with(thidua.folder / name, change)
    result = assert_refused(thidua, ["import-entries", str(path)], f"không đọc được tệp {name}: {reason}")
    assert "/etc/passwd" not in result.stdout + result.stderr and "root:" not in result.stdout + result.stderr
    assert_vietnamese(result)


def test_a_5000_deep_toml_array_is_named(thidua):
    deep = thidua.write("sau.toml", "[campaign]\ncode = " + "[" * 5000 + "]" * 5000 + "\n")
    result = assert_refused(thidua, ["campaign", "load", str(deep)], "tệp sau.toml: danh sách hoặc bảng lồng nhau quá sâu")
    assert_vietnamese(result)


def test_a_templates_folder_that_does_not_exist_is_refused(thidua):
    thidua.example()
    before = thidua.digest()
    result = thidua("propose-awards", "--templates", "/khong-co-thu-muc", "--out", str(thidua.folder / "ho-so"))
    assert result.exit_code == 2 and result.stderr.startswith('Lỗi: --templates: không có thư mục "/khong-co-thu-muc"')
    assert thidua.digest() == before and not (thidua.folder / "ho-so").exists()


def test_the_english_detector_finds_click_and_system_text():
    """The walk above is only as good as its detector: it must catch what used to leak."""
    for leaked in ("'abc' is not a valid int.", "No space left on device", "Read-only file system",
                   "Operation not permitted", "Error: Missing option '--reason'."):
        assert english_words(leaked), leaked
    assert not english_words('Lỗi: giá trị không hợp lệ cho tuỳ chọn --top: "abc" không phải số nguyên')


def test_every_argument_is_named_in_vietnamese():
    """A missing or malformed argument is named in the `Lỗi:` line by its metavar: `discipline cancel abc` said
    "tham số DISCIPLINE_ID", `decision correct` "thiếu tham số NUMBER"."""
    import importlib

    import typer

    from thidua_cli.cli import COMMANDS
    from thidua_cli.cli.app import _ARGUMENT_NAMES

    english = []

    def walk(command, path):
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])
        for param in command.params:
            if param.param_type_name == "argument":
                shown = param.metavar or str(param.name).upper()
                if _ARGUMENT_NAMES.get(shown, shown).isascii():
                    english.append(f"{' '.join(path)} {shown}")

    for module in sorted(set(COMMANDS.values())):
        app = getattr(importlib.import_module(f"thidua_cli.cli.{module}"), "app", None)
        if isinstance(app, typer.Typer):
            walk(typer.main.get_command(app), [module])
    assert english == []
