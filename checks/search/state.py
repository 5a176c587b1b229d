"""Per-scan state of the search check, shared by its probes (which the core runs on several
threads): blocked backends, pacing, the order of queries, URLs already reported, result pages
opened.

No threads are started here: probes wait on a `threading.Condition` in their own (core-owned)
thread. The check creates one `ScanState` per instance, and the core creates one instance per
scan.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

# A probe waits for the earlier queries of the plan that have started (so queries go out best
# first). The core starts probes in plan order, so an earlier one that has not started within
# this grace period is not coming (e.g. a resumed scan that already has its answer).
GRACE_S = 2.0


@dataclass
class ScanState:
    """Mutable state of one scan; every method is thread-safe."""

    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    rng: random.Random = field(default_factory=random.Random)
    blocked: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (kind, detail)
    sent: int = 0
    started: float = field(default=-1.0)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _pace_locks: dict[str, threading.Lock] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)
    _reported: dict[str, str] = field(default_factory=dict)
    _opened: dict[str, str | None] = field(default_factory=dict)  # result page -> its text
    _arrived: set[int] = field(default_factory=set)
    _done: set[int] = field(default_factory=set)
    _cond: threading.Condition = field(default_factory=threading.Condition)

    def __post_init__(self) -> None:
        if self.started < 0:
            self.started = self.clock()

    def elapsed(self) -> float:
        """Seconds since the scan's search state was created."""
        return self.clock() - self.started

    # ----- order of queries -----------------------------------------------------------------

    def wait_turn(self, index: int) -> None:
        """Block until every earlier query that started has finished (see `GRACE_S`)."""
        with self._cond:
            self._arrived.add(index)
            self._cond.notify_all()
            since = self.clock()
            while True:
                pending = [j for j in range(index) if j not in self._done]
                if not pending:
                    return
                started = [j for j in pending if j in self._arrived]
                if not started and self.clock() - since > GRACE_S:
                    return
                self._cond.wait(timeout=0.2)

    def finish_turn(self, index: int) -> None:
        """Mark query `index` finished and wake the next ones."""
        with self._cond:
            self._done.add(index)
            self._cond.notify_all()

    # ----- blocks ---------------------------------------------------------------------------

    def mark_blocked(self, backend: str, kind: str, detail: str) -> None:
        """Remember that `backend` refused (kind `blocked` or `rate_limited`); first one wins."""
        with self._lock:
            self.blocked.setdefault(backend, (kind, detail))

    def is_blocked(self, backend: str) -> bool:
        """True when `backend` refused earlier in this scan."""
        with self._lock:
            return backend in self.blocked

    # ----- pacing ---------------------------------------------------------------------------

    def pace(self, backend: str, min_gap_s: float, jitter_s: float) -> None:
        """Sleep so that queries to one backend are at least `min_gap_s` (+ random jitter up
        to `jitter_s`) apart. The first query of a scan does not wait."""
        with self._lock:
            lock = self._pace_locks.setdefault(backend, threading.Lock())
        with lock:
            last = self._last.get(backend)
            if last is not None and (min_gap_s > 0 or jitter_s > 0):
                gap = min_gap_s + (self.rng.uniform(0, jitter_s) if jitter_s > 0 else 0.0)
                wait = last + gap - self.clock()
                if wait > 0:
                    self.sleep(wait)
            self._last[backend] = self.clock()
            with self._lock:
                self.sent += 1

    # ----- results --------------------------------------------------------------------------

    def claim_url(self, normalised_url: str, query: str) -> str | None:
        """Record that `query` reports this URL; returns the earlier query if one already did."""
        with self._lock:
            earlier = self._reported.get(normalised_url)
            if earlier is None:
                self._reported[normalised_url] = query
            return earlier

    def open_page(self, normalised_url: str, limit: int,
                  read: Callable[[], str | None]) -> str | None:
        """The text of a result page, read (by `read`) once per scan and for at most `limit`
        pages; None past the limit or when the page could not be read."""
        with self._lock:
            if normalised_url in self._opened:
                return self._opened[normalised_url]
            if len(self._opened) >= limit:
                return None
            self._opened[normalised_url] = None  # the slot is taken while the page is read
        text = read()
        with self._lock:
            self._opened[normalised_url] = text
        return text
