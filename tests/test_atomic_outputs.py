"""Outputs are written atomically (issue 18): a writer failing as on a full disk leaves the earlier
report and dossier files exactly as they were, and no partial file."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from thidua_cli import files


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    return [str(p) for p in folder.rglob("*") if ".dang-ghi-" in p.name]


@pytest.fixture
def full_disk(monkeypatch):
    """Every sync after the first `allowed` fails with ENOSPC, as `write`/`fsync` do on a full disk."""

    def arm(allowed: int = 0) -> None:
        calls = {"n": 0}
        real = os.fsync

        def fsync(descriptor):
            calls["n"] += 1
            if calls["n"] > allowed:
                raise OSError(errno.ENOSPC, "No space left on device")
            return real(descriptor)

        monkeypatch.setattr(files.os, "fsync", fsync)

    return arm


@pytest.fixture
def example(thidua):
    thidua.example()
    return thidua


def test_a_report_on_a_full_disk_leaves_the_earlier_report_intact(example, full_disk):
    target = example.folder / "out" / "bao-cao.docx"
    example.ok("report", "--month", "2021-11", "-o", str(target))
    before = target.read_bytes()
    ledger = example.digest()
    full_disk()
    result = example("report", "--month", "2021-12", "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr == f"Lỗi: không ghi được tệp {target}: đĩa đầy, hết chỗ trống\n"
    assert target.read_bytes() == before
    assert leftovers(example.folder) == []
    assert example.digest() == ledger


def test_a_dossier_on_a_full_disk_leaves_the_earlier_dossier_intact(example, full_disk):
    import json

    out = example.folder / "ho-so"
    proposals = json.loads(example.ok("propose-awards", "--out", str(out), "--format", "json").stdout)["proposals"]
    votes = example.write("v.csv", "subject,award,yes\n" + "".join(f"{p['subject']},{p['award']},7\n" for p in proposals))
    (out / "ghi-chu-cua-van-phong.txt").write_text("tệp của người dùng", encoding="utf-8")
    before = snapshot(out)
    ledger = example.digest()
    full_disk(allowed=5)  # a few files are written, then the disk is full
    result = example("record-votes", "1", "--members", "7", "--file", str(votes))
    assert result.exit_code == 1, result.stderr
    assert result.stderr.startswith(f"Lỗi: không ghi được hồ sơ vào {out}: đĩa đầy, hết chỗ trống; các tệp hồ sơ cũ giữ nguyên")
    assert snapshot(out) == before
    assert leftovers(example.folder) == []
    assert example.digest() == ledger  # the votes were not recorded either


def test_a_new_dossier_appears_whole_or_not_at_all(example, full_disk):
    out = example.folder / "ho-so-moi"
    ledger = example.digest()
    full_disk(allowed=3)
    result = example("propose-awards", "--out", str(out))
    assert result.exit_code == 1
    assert not out.exists()
    assert leftovers(example.folder) == []
    assert example.digest() == ledger


def test_an_export_keeps_the_earlier_file_on_a_full_disk(example, full_disk):
    target = example.folder / "muc-ghi.csv"
    example.ok("entries", "-o", str(target))
    before = target.read_bytes()
    full_disk()
    result = example("entries", "--month", "2021-11", "-o", str(target))
    assert (result.exit_code, result.stderr) == (1, f"Lỗi: không ghi được tệp {target}: đĩa đầy, hết chỗ trống\n")
    assert target.read_bytes() == before and leftovers(example.folder) == []


def test_a_written_file_gets_the_usual_permissions(tmp_path):
    files.write_atomic(tmp_path / "a.txt", "xin chào")
    mask = os.umask(0)
    os.umask(mask)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o666 & ~mask
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "xin chào"


def test_a_staged_file_of_a_dossier_gets_the_usual_permissions(tmp_path):
    mask = os.umask(0o027)  # an office's umask other than the usual, so the mode is the umask's, not a default
    try:
        with files.staged_folder(tmp_path / "ho-so") as staging, files.BackgroundSync() as sync:
            files.write_staged(staging, "bao-cao/a.md", ["xin ", "chào"], sync)
            sync.wait()
            files.move_into(staging, tmp_path / "ho-so", ["bao-cao/a.md"])
    finally:
        os.umask(mask)
    written = tmp_path / "ho-so" / "bao-cao" / "a.md"
    assert written.stat().st_mode & 0o777 == 0o640
    assert (tmp_path / "ho-so").stat().st_mode & 0o777 == 0o750  # not the staging folder's 0700
    assert written.read_text(encoding="utf-8") == "xin chào"


def test_every_output_file_goes_through_the_atomic_writer():
    """No module writes a file in place (the storage's own backup renames a synced temporary file too)."""
    import re

    source = Path(files.__file__).parent
    in_place = re.compile(r"\.write_text\(|\.write_bytes\(|shutil\.copy|\bopen\([^)]*['\"][wax]b?\+?['\"]")
    found = [
        f"{path.relative_to(source)}:{number}: {line.strip()}"
        for path in sorted(source.rglob("*.py")) if path.name != "files.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if in_place.search(line) and not line.lstrip().startswith("#")
    ]
    assert found == []
