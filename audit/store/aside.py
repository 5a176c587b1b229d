"""Bytes made in a forked helper process while this one goes on.

A scan's history text is made so while the report files are written, and the other people's
details the masker replaces are gathered so while the plan is built and the report cleaned:
Python work that one process does in turns and two do at once, on two cores. The helper
(forked: it has the report as it is, nothing is copied to it) writes the bytes to a pipe and
leaves with `os._exit`; a thread here reads them as they come. Linux only, like the photo
readers; elsewhere, when the fork fails or when the helper does not finish cleanly, the
caller is told so and makes the bytes itself. A fork is not free (each process then copies
the memory pages it writes to), so only long reports are helped so: measured, the same split
of a 2,500-result report file's JSON gained nothing and was not kept.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Iterable

READ = 1 << 20


class Aside:
    """A helper process at work: its bytes go to `sink` (on a reading thread) as they come."""

    def __init__(self, pid: int, fd: int, sink: Callable[[bytes], object]) -> None:
        self._pid, self._fd, self._sink = pid, fd, sink
        self._failed = False
        self._done: bool | None = None
        self._thread = threading.Thread(target=self._drain, name="aside-reader", daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        try:
            while chunk := os.read(self._fd, READ):
                self._sink(chunk)
        except Exception:  # noqa: BLE001 - told by wait(): the caller makes the bytes itself
            self._failed = True
        finally:
            os.close(self._fd)

    def wait(self) -> bool:
        """True when every byte arrived: the helper ended on its own, without an error."""
        if self._done is None:
            self._thread.join()
            try:
                _, status = os.waitpid(self._pid, 0)
                code = os.waitstatus_to_exitcode(status)
            except ChildProcessError:
                code = -1
            self._done = code == 0 and not self._failed
        return self._done

    def cancel(self) -> None:
        """Stop the helper (its bytes are not wanted any more) and reap it."""
        if self._done is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
            self.wait()
            self._done = False


def aside(make: Callable[[], Iterable[bytes]], sink: Callable[[bytes], object]) -> Aside | None:
    """Run `make` in a forked helper and send what it yields to `sink`; None where no helper
    can be forked (the caller then runs `make` itself)."""
    if not sys.platform.startswith("linux"):
        return None
    r, w = os.pipe()
    try:
        with warnings.catch_warnings():
            # Python 3.12+ warns when a process with threads forks: the helper runs only this
            # pure computation (no lock another thread could hold) and leaves with os._exit.
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
    except OSError:
        os.close(r)
        os.close(w)
        return None
    if pid == 0:  # the helper
        code = 1
        try:
            os.close(r)
            for chunk in make():
                view = memoryview(chunk)
                while view:
                    view = view[os.write(w, view):]
            code = 0
        finally:
            os._exit(code)  # no atexit handlers, no buffers flushed twice
    os.close(w)
    return Aside(pid, r, sink)
