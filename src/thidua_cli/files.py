"""Writing output files so that a failure leaves no trace: no half-written file, no earlier file lost.

Every file thidua writes (reports, exports, the dossier, backups, copies of templates) goes to a
temporary file in the same folder, is synced to the disk, and is renamed over its target: on a
full disk, a read-only folder or a Ctrl-C, the target keeps its earlier bytes exactly and the
temporary file is removed. A rename within one folder is atomic (POSIX `rename`, Windows
`MoveFileEx`), and the folder itself is synced after it, so a power cut leaves one version or
the other. A group of files (the dossier) is first written whole into a temporary folder
(`staged_folder`), then moved into place.

Standard library only: the CLI imports this for every command that writes a file.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

_TEMPORARY_MARK = ".dang-ghi-"  # "being written": the prefix of every temporary name


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _file_mode() -> int:
    """What a new file's mode would be under the process umask (mkstemp makes 0600)."""
    return 0o666 & ~_umask()


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (not available on Windows: there the rename is enough)."""
    if os.name != "posix":
        return
    with suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


@contextmanager
def replacing(path: str | Path, binary: bool = False) -> Iterator[IO]:
    """A file object for the new content of `path`, put in place only when the block ends normally.

    The folder is made if missing. Whatever the block raises, `path` is left as it was."""
    path = Path(path)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}{_TEMPORARY_MARK}", suffix=".tmp", dir=folder)
    try:
        handle = os.fdopen(descriptor, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"}))
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, _file_mode())
        os.replace(temporary, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise
    sync_folder(folder)


def write_atomic(path: str | Path, content: str | bytes) -> None:
    """Write `content` (text as UTF-8, bytes as they are) to `path` through `replacing`."""
    with replacing(path, binary=isinstance(content, bytes)) as handle:
        handle.write(content)


def copy_atomic(source: str | Path, target: str | Path) -> None:
    with open(source, "rb") as original, replacing(target, binary=True) as copy:
        shutil.copyfileobj(original, copy)


@contextmanager
def staged_folder(target: str | Path) -> Iterator[Path]:
    """A temporary folder next to `target` to write a group of files into; removed at the end.

    The caller writes everything there, then moves it into place with `move_into`; if the block
    raises before that, `target` is untouched and the temporary folder is gone."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}{_TEMPORARY_MARK}", dir=target.parent))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


class BackgroundSync:
    """Syncs staged files in a second thread while the caller renders and writes the next ones.

    A sync waits for the disk (a few milliseconds each, thousands of files in a province's dossier) and
    releases the interpreter meanwhile. `wait()` returns when every file handed over is synced, and raises
    the first failure (a full disk), as a sync in the caller's thread would; the files stay in the staging
    folder until then, so nothing is moved into place unsynced."""

    _AHEAD = 64  # files handed over and not yet synced (each holds a descriptor open)

    def __init__(self):
        from concurrent.futures import ThreadPoolExecutor

        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="thidua-sync")
        self._pending: list = []

    def add(self, handle) -> None:
        """Sync and close the open file `handle` (already written and flushed)."""
        self._pending.append(self._pool.submit(_sync_and_close, handle))
        if len(self._pending) > self._AHEAD:
            finished = [future for future in self._pending if future.done()] or self._pending[:1]
            for future in finished:
                self._pending.remove(future)
                future.result()

    def wait(self) -> None:
        pending, self._pending = self._pending, []
        failure = None
        for future in pending:  # every file is closed before the first failure is raised
            try:
                future.result()
            except OSError as error:
                failure = failure or error
        if failure is not None:
            raise failure

    def __enter__(self) -> "BackgroundSync":
        return self

    def __exit__(self, *exc_info) -> None:
        try:
            if exc_info[0] is None:
                self.wait()
            else:
                with suppress(OSError):
                    self.wait()
        finally:
            self._pool.shutdown(wait=True)


def _sync_and_close(handle) -> None:
    try:
        os.fsync(handle.fileno())
    finally:
        handle.close()


def write_staged(staging: Path, relative: str | Path, content: str | bytes | Iterable[str],
                 sync: BackgroundSync | None = None) -> None:
    """One file of a staged group, synced (it is renamed into place later, not copied); with `sync`, synced
    in its thread (call `sync.wait()` before moving the group into place). `content` may be text in pieces,
    written as they come."""
    path = staging / relative
    try:  # a new file of the fresh staging folder: created with the umask's mode
        handle = open(path, "wb")
    except FileNotFoundError:  # its folder's first file (thousands of files share a few folders)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "wb")
    try:
        if isinstance(content, (str, bytes)):
            handle.write(content if isinstance(content, bytes) else content.encode("utf-8"))
        else:
            _write_pieces(handle, content)
        handle.flush()
    except BaseException:
        handle.close()
        raise
    if sync is None:
        _sync_and_close(handle)
    else:
        sync.add(handle)


def _write_pieces(handle, pieces: Iterable[str], batch: int = 1 << 16) -> None:
    waiting: list[str] = []
    size = 0
    for piece in pieces:
        waiting.append(piece)
        size += len(piece)
        if size >= batch:
            handle.write("".join(waiting).encode("utf-8"))
            waiting, size = [], 0
    handle.write("".join(waiting).encode("utf-8"))


def move_into(staging: Path, target: Path, relatives: list[str | Path]) -> None:
    """Put the staged files in place: the whole folder at once when `target` does not exist yet,
    else file by file (each rename atomic), leaving every other file in `target` as it is."""
    target = Path(target)
    if not target.exists():
        os.chmod(staging, 0o777 & ~_umask())  # mkdtemp's 0700 would hide the dossier from colleagues
        os.rename(staging, target)
        staging.mkdir()  # for staged_folder's clean-up
        sync_folder(target.parent)
        return
    folders = set()
    for relative in relatives:
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / relative, destination)
        folders.add(destination.parent)
    for folder in folders:
        sync_folder(folder)
