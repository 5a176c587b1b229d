"""Bytes in from one connection of the event-loop engine, read with time limits.

`Pipe` is the asyncio protocol of every connection `audit.netloop` opens: it buffers what
arrives (pausing the socket past a high-water mark) and hands it out with a time limit.
`Timeouts` gives thousands of waits their limits with few loop timers.
"""

from __future__ import annotations

import asyncio
import collections
import math
from typing import Any

from audit.check import NetworkError

_HIGH_WATER = 256 * 1024  # bytes buffered from one connection before reading pauses


class Timeouts:
    """Time limits for thousands of waits with few timers: each limit is rounded up to the
    next tick and all the waits ending within one tick share one loop timer (a timer per
    wait costs more than the rest of a request's bookkeeping)."""

    TICK = 0.05

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._buckets: dict[int, list[asyncio.Future[Any]]] = {}

    def limit(self, waiter: asyncio.Future[Any], seconds: float) -> None:
        """Fail `waiter` with TimeoutError if it is still pending after `seconds`."""
        bucket = math.ceil((self._loop.time() + max(seconds, 0.0)) / self.TICK)
        waiters = self._buckets.get(bucket)
        if waiters is None:
            waiters = self._buckets[bucket] = []
            self._loop.call_at(bucket * self.TICK, self._fire, bucket)
        waiters.append(waiter)

    def _fire(self, bucket: int) -> None:
        for waiter in self._buckets.pop(bucket, ()):
            if not waiter.done():
                waiter.set_exception(TimeoutError())


class Pipe(asyncio.Protocol):
    """Bytes in from one connection, read with a time limit; nothing else."""

    def __init__(self, loop: asyncio.AbstractEventLoop, timeouts: Timeouts) -> None:
        self._loop = loop
        self._timeouts = timeouts
        self.transport: asyncio.Transport | None = None
        self._chunks: collections.deque[bytes] = collections.deque()
        self._size = 0
        self._eof = False
        self._error: BaseException | None = None
        self._waiter: asyncio.Future[None] | None = None
        self._paused = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self._chunks.append(data)
        self._size += len(data)
        if self._size > _HIGH_WATER and not self._paused and self.transport is not None:
            self._paused = True
            self.transport.pause_reading()
        self._wake()

    def eof_received(self) -> bool:
        self._eof = True
        self._wake()
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self._eof = True
        self._error = exc
        self._wake()

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    @property
    def closed(self) -> bool:
        return self._eof or self.transport is None or self.transport.is_closing()

    async def read(self, timeout: float) -> bytes:
        """What has arrived (at least one byte), or b"" at the end; TimeoutError after
        `timeout` seconds without a byte."""
        if not self._chunks and not self._eof:
            waiter = self._waiter = self._loop.create_future()
            self._timeouts.limit(waiter, timeout)
            try:
                await waiter
            finally:
                self._waiter = None
        if self._chunks:
            data = self._chunks.popleft() if len(self._chunks) == 1 else b"".join(self._chunks)
            self._chunks.clear()
            self._size = 0
            if self._paused and self.transport is not None:
                self._paused = False
                self.transport.resume_reading()
            return data
        if self._error is not None:
            raise self._error
        return b""

    async def read_exactly(self, n: int, timeout: float) -> bytes:
        """Exactly `n` bytes (proxy handshakes); NetworkError if the peer closes first."""
        data = b""
        while len(data) < n:
            chunk = await self.read(timeout)
            if not chunk:
                raise NetworkError("proxy error: the proxy closed the connection")
            data += chunk
        if len(data) > n:  # never happens with the proxies we speak to: they wait for us
            self._chunks.appendleft(data[n:])
            self._size += len(data) - n
        return data[:n]

    def write(self, data: bytes) -> None:
        assert self.transport is not None
        self.transport.write(data)

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()


def set_done(done: asyncio.Future[None]) -> None:
    """Resolve `done` unless it already is (a loop callback)."""
    if not done.done():
        done.set_result(None)
