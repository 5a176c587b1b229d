"""The HTTP engine's event loop on one daemon thread (name lookups on daemon threads), the
batches of independent requests it runs, and an end that leaves nothing pending (no asyncio
warnings at Ctrl-C or the deadline; docs/network.md).
"""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import contextlib
import logging
import threading
from collections.abc import Collection, Coroutine, Iterator, MutableMapping, Sequence
from typing import TYPE_CHECKING, Any

from audit.net.model import HttpRequest, HttpResponse, OnDone
from audit.net.urls import host_key
from audit.threads import DaemonPool

if TYPE_CHECKING:
    import aiohttp

    from audit.net.client import HttpClient

logger = logging.getLogger(__name__)

THREAD = "http-loop"
Sessions = MutableMapping[Any, "aiohttp.ClientSession"]


def start() -> tuple[asyncio.AbstractEventLoop, threading.Thread]:
    """A new loop running on its own daemon thread, 64 name lookups at once."""
    loop = asyncio.new_event_loop()
    loop.set_default_executor(DaemonPool(64, name="http-lookup"))
    thread = threading.Thread(target=_run, args=(loop,), name=THREAD, daemon=True)
    thread.start()
    return loop, thread


def _run(loop: asyncio.AbstractEventLoop) -> None:
    try:
        loop.run_forever()
    finally:  # what was scheduled as it stopped runs out here, then nothing is left pending
        with contextlib.suppress(Exception, asyncio.CancelledError):
            loop.run_until_complete(cancel(None))
        loop.close()


def on_loop() -> bool:
    """True on the loop's own thread (where blocking on it would never return)."""
    return threading.current_thread().name == THREAD


async def cancel(tasks: Collection[asyncio.Future[Any]] | None,
                 sessions: Sessions | None = None) -> None:
    """Cancel `tasks` (None: every task of the loop), let them end, then close `sessions`."""
    me = asyncio.current_task()
    todo = [t for t in (asyncio.all_tasks() if tasks is None else tasks)
            if t is not me and not t.done()]
    for task in todo:
        task.cancel()
    if todo:
        await asyncio.wait(todo, timeout=1)
    if sessions is not None:
        items = list(sessions.values())
        sessions.clear()
        for session in items:
            await session.close()


def call(loop: asyncio.AbstractEventLoop, coro: Coroutine[Any, Any, Any],
         timeout: float = 2) -> None:
    """Run `coro` on `loop`, waiting at most `timeout` s (on a closed loop: closed unrun)."""
    try:
        fut = asyncio.run_coroutine_threadsafe(coro, loop)
    except RuntimeError:  # the loop is closed
        coro.close()
        return
    if not on_loop():
        with contextlib.suppress(concurrent.futures.TimeoutError,
                                 concurrent.futures.CancelledError, RuntimeError):
            fut.result(timeout)


async def _end(sessions: Sessions) -> None:
    await cancel(None, sessions)
    asyncio.get_running_loop().stop()


def shut(loop: asyncio.AbstractEventLoop, thread: threading.Thread,
         sessions: Sessions) -> None:
    """End what runs, close the sessions, stop the loop; its thread then closes it."""
    if loop.is_closed():
        return
    call(loop, _end(sessions), timeout=3)
    if thread is not threading.current_thread():
        thread.join(2)


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
    """A running batch: `on_done(i, answer)` once per request that ended, on `limit` workers
    (tasks that take the next request of a shared order, not a task per request)."""

    def __init__(self, client: HttpClient, requests: Sequence[HttpRequest], check: str,
                 on_done: OnDone, limit: int) -> None:
        self._client, self._check, self._on_done = client, check, on_done
        self._done = threading.Event()
        self._cancelled = False
        self._task: asyncio.Task[None] | None = None
        if not requests:
            self._done.set()
            return
        client.running_loop().call_soon_threadsafe(self._start, list(requests), limit)

    def _start(self, requests: list[HttpRequest], limit: int) -> None:
        if self._cancelled:
            return
        self._task = task = asyncio.get_running_loop().create_task(self._run(requests, limit))
        self._client.tasks.add(task)
        task.add_done_callback(self._ended)

    def _ended(self, task: asyncio.Task[None]) -> None:
        self._client.tasks.discard(task)
        self._done.set()

    async def _run(self, requests: list[HttpRequest], limit: int) -> None:
        wanted = self._client.wanted
        for request in requests:
            wanted[host_key(request.url)] += 1
        order = iter(reuse_order(requests, limit))  # shared: each index is taken once
        try:
            await asyncio.gather(*(self._worker(order, requests)
                                   for _ in range(min(limit, len(requests)))))
        finally:  # cancelled: what was never sent is wanted no more
            for i in order:
                wanted[host_key(requests[i].url)] -= 1

    async def _worker(self, order: Iterator[int], requests: list[HttpRequest]) -> None:
        for i in order:
            try:
                answer: HttpResponse | Exception = await self._client.fetch(requests[i],
                                                                            self._check)
            except Exception as exc:  # noqa: BLE001 - every failure is an answer
                answer = exc
            finally:
                self._client.wanted[host_key(requests[i].url)] -= 1
            if not self._cancelled:
                try:
                    self._on_done(i, answer)
                except Exception:
                    logger.exception("on_done failed for request %d", i)

    def cancel(self) -> None:
        """Send nothing more; abandon what is in flight. Returns once the loop has done it."""
        self._cancelled = True
        if self._client.loop is not None and not self._done.is_set():
            call(self._client.loop, self._abandon())
        self._done.set()

    async def _abandon(self) -> None:
        if self._task is not None:  # after `_start`: it was scheduled first
            await cancel([self._task])

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until every request has ended (or the batch was cancelled); True if so."""
        return self._done.wait(timeout)
