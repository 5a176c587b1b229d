"""A batch of independent requests sent in the background, and how to stop it.

`HttpClient.send_batch` returns one of these: `audit.netloop.LoopBatch` runs the event-loop
engine on its own daemon thread; `ThreadBatch` (here) sends each request with
`HttpClient.send` on pool threads (the `urllib3` / `requests` engines, and proxies the loop
engine does not speak). Either way `on_done(i, answer)` is called once per request that was
started, from a background thread, and `cancel()` stops the rest: a request not yet started is
never sent (nor logged), one in flight is abandoned.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from audit.httpmodel import HttpRequest
from audit.pool import DaemonPool

if TYPE_CHECKING:
    from audit.net import HttpClient
    from audit.netloop import Answer, OnDone

Sleep = Callable[[float], Any]


class Batch(Protocol):
    """A running batch."""

    def cancel(self) -> None:
        """Send nothing more; abandon what is in flight."""

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until every request has ended (or the batch was cancelled); True if so."""


def fd_room(wanted: int) -> int:
    """How many sockets may be open at once: `wanted`, within the open-files limit."""
    try:
        import resource
    except ImportError:  # Windows: select() handles at most 512 sockets
        return max(1, min(wanted, 500))
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return wanted
    return max(1, min(wanted, soft - 64))


class ThreadBatch:
    """Each request sent with `HttpClient.send` on pool threads."""

    def __init__(
        self,
        client: HttpClient,
        requests: Sequence[HttpRequest],
        check: str,
        on_done: OnDone,
        concurrency: int,
    ) -> None:
        self._client, self._check, self._on_done = client, check, on_done
        self._stop = threading.Event()
        self._done = threading.Event()
        self._left = len(requests)
        self._lock = threading.Lock()
        self._pool = DaemonPool(max(1, min(concurrency, len(requests))), name="batch")
        if not requests:
            self._done.set()
        for i, request in enumerate(requests):
            self._pool.submit(self._one, i, request)

    def _one(self, i: int, request: HttpRequest) -> None:
        try:
            if self._stop.is_set():
                return
            answer: Answer
            try:
                answer = self._client.send(request, check=self._check)
            except Exception as exc:  # noqa: BLE001 - every failure is an answer for the caller
                answer = exc
            if not self._stop.is_set():
                self._on_done(i, answer)
        finally:
            with self._lock:
                self._left -= 1
                if self._left == 0:
                    self._done.set()

    def cancel(self) -> None:
        self._stop.set()
        self._pool.shutdown()
        self._done.set()

    def wait(self, timeout: float | None = None) -> bool:
        return self._done.wait(timeout)
