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
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")


class DaemonPool:
    """Up to `size` daemon threads, started as work arrives.

    Each idle thread holds one release of `_idle`; `submit` claims one (that thread will take
    the work) or, when none is free, starts a new thread while under `size`.
    """

    def __init__(self, size: int, name: str = "probe") -> None:
        self._size = max(size, 1)
        self._name = name
        self._work: queue.SimpleQueue[
            tuple[Future[Any], Callable[..., Any], tuple[Any, ...]] | None
        ] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._idle = threading.Semaphore(0)
        self._lock = threading.Lock()
        self._closed = False

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        """Run `fn(*args)` on a pool thread; the Future holds its result or exception."""
        fut: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("pool is shut down")
            self._work.put((fut, fn, args))
            if not self._idle.acquire(blocking=False) and len(self._threads) < self._size:
                t = threading.Thread(
                    target=self._worker, name=f"{self._name}-{len(self._threads)}", daemon=True
                )
                self._threads.append(t)
                t.start()
        return fut

    def _worker(self) -> None:
        while True:
            item = self._work.get()
            if item is None:
                return
            fut, fn, args = item
            if fut.set_running_or_notify_cancel():
                try:
                    fut.set_result(fn(*args))
                except BaseException as exc:  # noqa: BLE001 - handed to the Future's owner
                    fut.set_exception(exc)
            del item, fut, fn, args
            self._idle.release()

    def shutdown(self) -> None:
        """Stop taking work; idle threads end, busy ones end when their work does."""
        with self._lock:
            self._closed = True
            for _ in self._threads:
                self._work.put(None)
