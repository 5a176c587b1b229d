"""The HTTP engine's event loop on one daemon thread, name lookups on daemon threads, and an
end that leaves nothing pending (no asyncio warnings at Ctrl-C or the deadline).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import threading
from collections.abc import Callable, Collection, Coroutine, MutableMapping
from typing import TYPE_CHECKING, Any

from audit.threads import DaemonPool

if TYPE_CHECKING:
    import aiohttp

THREAD = "http-loop"
Sessions = MutableMapping[Any, "aiohttp.ClientSession"]


class _Lookups(concurrent.futures.ThreadPoolExecutor):
    """The loop's helper threads (name lookups) as daemons: a hung lookup never holds exit."""

    def __init__(self, size: int) -> None:
        super().__init__(max_workers=1)  # its own threads are never started
        self._daemons = DaemonPool(size, name="http-lookup")

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        return self._daemons.submit(lambda: fn(*args, **kwargs))

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._daemons.shutdown()


def start() -> tuple[asyncio.AbstractEventLoop, threading.Thread]:
    """A new loop running on its own daemon thread, 64 name lookups at once."""
    loop = asyncio.new_event_loop()
    loop.set_default_executor(_Lookups(64))
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
