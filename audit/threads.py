"""A thread pool whose threads never hold up the end of the program.

`concurrent.futures.ThreadPoolExecutor` joins its threads when the interpreter exits, so one
request stuck in a hostile server would keep the tool alive after the report is written (or
after Ctrl-C). Probes and the HTTP loop's name lookups run here on daemon threads instead;
the scan's deadline decides what is reported, and a thread still stuck then is left behind.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


class DaemonPool(ThreadPoolExecutor):
    """Up to `size` daemon threads, started as work arrives.

    Each idle thread holds one release of `_idle`; `submit` claims one (that thread will take
    the work) or, when none is free, starts a new thread while under `size`. It is a
    `ThreadPoolExecutor` (whose own threads are never started) because that is the only kind
    of executor an asyncio loop takes as its default: the HTTP loop's name lookups run here.
    """

    def __init__(self, size: int, name: str = "probe") -> None:
        super().__init__(max_workers=1)
        self._size = max(size, 1)
        self._name = name
        self._jobs: queue.SimpleQueue[
            tuple[Future[Any], Callable[..., Any], tuple[Any, ...], dict[str, Any]] | None
        ] = queue.SimpleQueue()
        self._daemons: list[threading.Thread] = []
        self._idle = threading.Semaphore(0)
        self._lock = threading.Lock()
        self._closed = False

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        """Run `fn(*args, **kwargs)` on a pool thread; the Future holds its result or
        exception."""
        fut: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("pool is shut down")
            self._jobs.put((fut, fn, args, kwargs))
            if not self._idle.acquire(blocking=False) and len(self._daemons) < self._size:
                t = threading.Thread(
                    target=self._worker, name=f"{self._name}-{len(self._daemons)}", daemon=True
                )
                self._daemons.append(t)
                t.start()
        return fut

    def _worker(self) -> None:
        while True:
            item = self._jobs.get()
            if item is None:
                return
            fut, fn, args, kwargs = item
            if fut.set_running_or_notify_cancel():
                try:
                    fut.set_result(fn(*args, **kwargs))
                except BaseException as exc:  # noqa: BLE001 - handed to the Future's owner
                    fut.set_exception(exc)
            del item, fut, fn, args, kwargs
            self._idle.release()

    def shutdown(self, wait: bool = False, *, cancel_futures: bool = False) -> None:
        """Stop taking work; idle threads end, busy ones end when their work does (never
        waited for: `wait` and `cancel_futures` are ignored)."""
        with self._lock:
            self._closed = True
            for _ in self._daemons:
                self._jobs.put(None)
