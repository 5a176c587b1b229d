"""Progress on stderr while a scan runs: each account or page found is printed as it comes
(as Sherlock and Maigret do), and on a terminal a one-line bar is redrawn below them. Nothing
goes to stdout, so `--format json` stays valid; `--quiet` prints nothing. A check that finds
more than `MAX_FOUND_LINES` (a photo library: one per located photo) prints that many, then
how many more when the scan ends: the report lists them all.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

from audit.models import CheckResult, Status

MAX_LINE = 160
MAX_FOUND_LINES = 50  # found lines printed per check; the rest are counted
REDRAW_S = 0.05  # the bar is redrawn at most this often (and when a line was printed or at the end)


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
        self._lines: dict[str, int] = {}  # found lines printed, per check
        self._more: dict[str, int] = {}  # found results not printed, per check
        self._drawn = 0.0  # when the bar was last drawn (time.monotonic)
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
            printed = result.status is Status.FOUND and self._found(result)
            if printed and not self.bar:
                self.stream.flush()  # a line as it comes, also through a pipe
            self._draw(force=printed)

    def _found(self, result: CheckResult) -> bool:
        printed = self._lines.get(result.check, 0)
        if printed >= MAX_FOUND_LINES:
            self._more[result.check] = self._more.get(result.check, 0) + 1
            return False
        self._lines[result.check] = printed + 1
        where = result.url or (result.findings[0].url if result.findings else "")
        line = f"+ {result.check}: {result.target}" + (f"  {where}" if where else "")
        prefix = "\r\x1b[2K" if self.bar else ""
        self.stream.write(prefix + line[:MAX_LINE] + "\n")
        return True

    def _draw(self, force: bool = False) -> None:
        if not self.bar:
            return
        now = time.monotonic()
        if not force and self.done < self.total and now - self._drawn < REDRAW_S:
            return  # 30,000 photos answered at once: the bar is not drawn 30,000 times
        self._drawn = now
        total = max(self.total, self.done, 1)
        filled = int(self.width * min(self.done / total, 1.0))
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(
            f"\r[{bar}] {self.done}/{total}  found {self.found}  unknown {self.unknown} "
        )
        self.stream.flush()

    def close(self) -> None:
        """End the progress line, and say how many found results were not printed."""
        if self.bar:
            self.stream.write("\n")
        for check, more in self._more.items():
            self.stream.write(f"+ {check}: {more:,} more found (all are in the report)\n")
        self._more.clear()
        self.stream.flush()


def make_observer(quiet: bool, stream: TextIO | None = None) -> ProgressBar | None:
    """Found results live (and a bar on a terminal) unless quiet; nothing when quiet."""
    stream = stream or sys.stderr
    if quiet:
        return None
    return ProgressBar(stream, bar=stream.isatty())
