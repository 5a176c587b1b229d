"""Progress on stderr while a scan runs: each account or page found is printed as it comes
(as Sherlock and Maigret do), and on a terminal a one-line bar is redrawn below them. Nothing
goes to stdout, so `--format json` stays valid; `--quiet` prints nothing.
"""

from __future__ import annotations

import sys
import threading
from typing import TextIO

from audit.models import CheckResult, Status

MAX_LINE = 160


class ProgressBar:
    """A `ScanObserver` drawing `[#####.....] 120/500  found 3  unknown 2` on one line (on a
    terminal) and printing one line per result found, e.g. `+ GitHub: https://github.com/x`."""

    def __init__(self, stream: TextIO | None = None, width: int = 28, bar: bool = True) -> None:
        self.stream = stream or sys.stderr
        self.width = width
        self.bar = bar
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
            if result.status is Status.FOUND:
                self._found(result)
            self._draw()

    def _found(self, result: CheckResult) -> None:
        where = result.url or (result.findings[0].url if result.findings else "")
        line = f"+ {result.check}: {result.target}" + (f"  {where}" if where else "")
        prefix = "\r\x1b[2K" if self.bar else ""
        self.stream.write(prefix + line[:MAX_LINE] + "\n")

    def _draw(self) -> None:
        if not self.bar:
            self.stream.flush()
            return
        total = max(self.total, self.done, 1)
        filled = int(self.width * min(self.done / total, 1.0))
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(
            f"\r[{bar}] {self.done}/{total}  found {self.found}  unknown {self.unknown} "
        )
        self.stream.flush()

    def close(self) -> None:
        """End the progress line."""
        if self.bar:
            self.stream.write("\n")
        self.stream.flush()


def make_observer(quiet: bool, stream: TextIO | None = None) -> ProgressBar | None:
    """Found results live (and a bar on a terminal) unless quiet; nothing when quiet."""
    stream = stream or sys.stderr
    if quiet:
        return None
    return ProgressBar(stream, bar=stream.isatty())
