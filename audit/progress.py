"""Progress on stderr: a one-line bar on a terminal, nothing when piped or quiet."""

from __future__ import annotations

import sys
import threading
from typing import TextIO

from audit.models import CheckResult, Status


class ProgressBar:
    """A `ScanObserver` drawing `[#####.....] 120/500  found 3  unknown 2` on one line."""

    def __init__(self, stream: TextIO | None = None, width: int = 28) -> None:
        self.stream = stream or sys.stderr
        self.width = width
        self.total = 0
        self.done = 0
        self.found = 0
        self.unknown = 0
        self._lock = threading.Lock()

    def on_planned(self, count: int) -> None:
        with self._lock:
            self.total += count
            self._draw()

    def on_result(self, result: CheckResult) -> None:
        with self._lock:
            self.done += 1
            self.found += result.status is Status.FOUND
            self.unknown += result.status is Status.UNKNOWN
            self._draw()

    def _draw(self) -> None:
        total = max(self.total, self.done, 1)
        filled = int(self.width * min(self.done / total, 1.0))
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(
            f"\r[{bar}] {self.done}/{total}  found {self.found}  unknown {self.unknown} "
        )
        self.stream.flush()

    def close(self) -> None:
        """End the progress line."""
        self.stream.write("\n")
        self.stream.flush()


def make_observer(quiet: bool, stream: TextIO | None = None) -> ProgressBar | None:
    """A bar when stderr is a terminal and not quiet; otherwise nothing."""
    stream = stream or sys.stderr
    if quiet or not stream.isatty():
        return None
    return ProgressBar(stream)
