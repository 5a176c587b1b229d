"""Many independent requests sent at once on the HTTP loop (a catalog sweep), in an order
that lets a host's later requests reuse its kept-alive connection (docs/network.md).
"""

from __future__ import annotations

import asyncio
import collections
import logging
import threading
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from audit.net import loop as loops
from audit.net.model import HttpRequest, HttpResponse, OnDone
from audit.net.urls import host_key

if TYPE_CHECKING:
    from audit.net.client import HttpClient

logger = logging.getLogger(__name__)


def reuse_order(requests: Sequence[HttpRequest], limit: int) -> list[int]:
    """The order to send in: a host's n-th request about 2n * `limit` places later."""
    seen: collections.Counter[str] = collections.Counter()
    keys = []
    for i, request in enumerate(requests):
        host = host_key(request.url)
        keys.append(i + seen[host] * 2 * limit)
        seen[host] += 1
    return sorted(range(len(requests)), key=keys.__getitem__)


class Batch:
    """A running batch: `on_done(i, answer)` once per request that ended on `limit` workers."""

    def __init__(self, client: HttpClient, requests: Sequence[HttpRequest], check: str,
                 on_done: OnDone, limit: int) -> None:
        self._client, self._check, self._on_done = client, check, on_done
        self._left = len(requests)
        self._done = threading.Event()
        self._cancelled = False
        self._tasks: list[asyncio.Task[None]] = []
        if not requests:
            self._done.set()
            return
        loop = client.running_loop()
        loop.call_soon_threadsafe(self._start, loop, list(requests), limit)

    def _start(self, loop: asyncio.AbstractEventLoop, requests: list[HttpRequest],
               limit: int) -> None:
        if self._cancelled:
            return
        for request in requests:
            self._client.wanted[host_key(request.url)] += 1
        order = iter(reuse_order(requests, limit))  # shared: each index is taken once
        for _ in range(min(limit, len(requests))):  # `limit` workers, not a task per request
            task = loop.create_task(self._worker(order, requests))
            self._tasks.append(task)
            self._client.tasks.add(task)
            task.add_done_callback(self._client.tasks.discard)

    async def _worker(self, order: Iterator[int], requests: list[HttpRequest]) -> None:
        try:
            for i in order:
                if self._cancelled:
                    break
                await self._one(i, requests[i])
        finally:  # cancelled: what was never sent is wanted no more
            for i in order:
                self._client.wanted[host_key(requests[i].url)] -= 1

    async def _one(self, i: int, request: HttpRequest) -> None:
        try:
            try:
                answer: HttpResponse | Exception = await self._client.fetch(request, self._check)
            except Exception as exc:  # noqa: BLE001 - every failure is an answer
                answer = exc
            if not self._cancelled:
                try:
                    self._on_done(i, answer)
                except Exception:
                    logger.exception("on_done failed for request %d", i)
        finally:
            self._client.wanted[host_key(request.url)] -= 1
            self._left -= 1
            if self._left == 0:
                self._done.set()

    def cancel(self) -> None:
        """Send nothing more; abandon what is in flight. Returns once the loop has done it."""
        self._cancelled = True
        loop = self._client.loop
        if loop is not None and self._left:
            loops.call(loop, loops.cancel(self._tasks))
        self._done.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until every request has ended (or the batch was cancelled); True if so."""
        return self._done.wait(timeout)
