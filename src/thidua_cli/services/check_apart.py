"""An import's checks run in a second process while this one writes: on two cores, reading, cleaning and
checking a big file overlaps SQLite's inserts (issue 13: import-entries within 3× a bare csv + executemany).

- The second process is forked before this one opens the ledger, so no SQLite connection crosses the
  fork. It reads the file ahead until the write transaction has begun (`go`), then opens the ledger on its own
  connection and reads the state that transaction starts from: the writer holds the lock, so nobody
  commits in between, and the indexes a big load drops are still there for its lookups. It never writes.
- It sends the checked rows through a pipe in pickled batches, then what its checks found (or the
  error that stopped them); this process appends the rows as they come, and commits only after the
  second process has sent everything and ended. If anything fails, the transaction is rolled back
  and the second process is stopped: a failed import changes nothing, as before.
- Where a second process does not pay — one core, a small file, a workbook (read by openpyxl, not this
  path), a server ledger (COPY is already fast there), a system without `fork` — the same check runs
  in this process.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

BATCH = 2000  # rows per message: a few hundred kB, so the pipe is not written for every row
MIN_BYTES = 2_000_000  # ~20,000 rows: below that, forking and a second connection cost more than they save
PIPE_BYTES = 1 << 20  # room for a few batches, so neither process waits on the other for each one


def worth_a_second_process(db: str | None, path: str) -> bool:
    """Whether checking `path` apart from the writer can pay: a big CSV file into a SQLite ledger, two cores, fork."""
    if sys.platform != "linux" or not hasattr(os, "fork"):
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    if cores < 2:
        return False
    from thidua_cli.services.session import ledger_target

    if isinstance(ledger_target(db), str):  # a PostgreSQL URL
        return False
    file = Path(path)
    try:
        return file.suffix.lower() in (".csv", ".txt") and file.is_file() and file.stat().st_size >= MIN_BYTES
    except OSError:
        return False


class Stopped(Exception):
    """The writer gave up before its transaction began (the file was imported before, or it failed)."""


class CheckApart:
    """`work(progress, go)` (an iterator of picklable rows) run in a forked process; `found()` is sent after it.
    The work calls `go.wait()` before it reads the ledger: it returns once the write transaction has begun
    (`Stopped` if the writer gave up); `go.given()` says, without waiting, whether the writer has answered.

    `go()` once the write transaction has begun, `rows(progress)` for the rows as they come, `finish()`
    for what `found()` gave, `close()` always (stops the process if it still runs)."""

    def __init__(self, work: Callable[[Callable[[int], None], "_Go"], Iterator], found: Callable[[], object]):
        go_read, self._go = os.pipe()
        rows_read, rows_write = os.pipe()
        _widen(rows_write)
        self.pid = os.fork()
        if self.pid == 0:  # the second process: never returns
            os.close(self._go)
            os.close(rows_read)
            _serve(work, found, go_read, rows_write)
        os.close(go_read)
        os.close(rows_write)
        self._incoming = os.fdopen(rows_read, "rb")
        self._found = None
        self._running = True

    def go(self) -> None:
        try:
            os.write(self._go, b"1")
        except BrokenPipeError:  # it has ended already: `rows` says so
            pass
        os.close(self._go)
        self._go = None

    def rows(self, progress=None) -> Iterator:
        while True:
            kind, payload = self._receive()
            if kind == "rows":
                batch, read = payload
                if progress is not None:
                    progress(read)
                yield from batch
            elif kind == "found":
                self._found = payload
                return
            elif kind == "error":
                raise payload
            else:
                raise RuntimeError(f"tiến trình kiểm tra tệp gặp lỗi:\n{payload}")

    def finish(self):
        """What the check found, once it has ended (its connection closed) — before the commit."""
        if self._found is None:
            for _ in self.rows():  # the writer stopped early: the rest is not wanted, the outcome is
                pass
        self._wait()
        return self._found

    def close(self) -> None:
        if self._go is not None:
            os.close(self._go)  # never started: it ends without opening anything
            self._go = None
        if self._running:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._wait()
        self._incoming.close()

    def _receive(self):
        try:
            return pickle.load(self._incoming)
        except EOFError:
            self._wait()
            from thidua_cli.errors import ThiduaError

            raise ThiduaError(
                "tiến trình thứ hai đọc và kiểm tra tệp đã dừng giữa chừng (bị dừng từ bên ngoài, hay hết bộ nhớ?); "
                "chưa ghi gì vào sổ", hint="chạy lại lệnh",
            ) from None

    def _wait(self) -> None:
        if self._running:
            os.waitpid(self.pid, 0)
            self._running = False


def _serve(work, found, go_read: int, rows_write: int) -> None:
    import gc

    gc.disable()  # a short life, rows freed batch by batch as they are sent: nothing for the collector to find
    code = 1
    go = _Go(go_read)
    try:
        out = os.fdopen(rows_write, "wb", buffering=PIPE_BYTES)

        def send(kind: str, payload) -> None:
            pickle.dump((kind, payload), out, protocol=pickle.HIGHEST_PROTOCOL)
            out.flush()

        try:
            read = [0]
            batch: list = []
            for row in work(partial(read.__setitem__, 0), go):  # the rows read so far, for the progress shown
                batch.append(row)
                if len(batch) == BATCH:
                    go.wait()
                    send("rows", (batch, read[0]))
                    batch = []
            go.wait()
            send("rows", (batch, read[0]))
            send("found", found())
        except Stopped:
            pass
        except BaseException as error:  # told to the writer once it has begun; it rolls back and raises it
            try:
                go.wait()
                send("error", error)
            except Stopped:
                pass
            except Exception:
                import traceback

                send("crash", traceback.format_exc())
        code = 0
    finally:
        os._exit(code)  # no cleanup of what the fork copied (the parent's files, atexit handlers)


class _Go:
    """The writer's word that its transaction has begun (one byte), or that it gave up (the pipe closed)."""

    def __init__(self, fd: int):
        self.fd = fd
        self.begun: bool | None = None

    def given(self) -> bool:
        import select

        return self.begun is not None or bool(select.select([self.fd], [], [], 0)[0])

    def wait(self) -> None:
        if self.begun is None:
            self.begun = os.read(self.fd, 1) == b"1"
        if not self.begun:
            raise Stopped()


def _widen(pipe: int) -> None:
    try:
        import fcntl

        fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass
