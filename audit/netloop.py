"""The HTTP layer's event-loop engine: hundreds of independent requests at once, one thread.

`audit.net.HttpClient.send_batch` uses it for sweeps (one request to each of hundreds of
sites, as the `accounts` check does). With threads, each request costs about 1 ms of CPU in
urllib3 / http.client and thread hand-offs, and only as many requests wait at once as there
are threads; here every request is a coroutine on one asyncio loop, HTTP/1.1 framing is done
by h11 (a sans-I/O parser), and the CPU cost per request is a fraction of that.

It honours the same settings as the threaded engines: the client's TLS context, the proxy
(http:// with CONNECT for https URLs, socks5 and socks5h: `audit.netconnect`), the per-host
cap and the overall concurrency, connect / read / whole-body time limits, retries honouring
Retry-After, the body cap (also after gzip/deflate decoding), redirects followed hop by hop
through the address guard, and the request log (each request recorded before it is sent).
Errors are the same `TimedOut` / `NetworkError` / `UnexpectedResponse` the threaded engines
raise. `LoopBatch` runs the engine on its own daemon thread, on a loop whose helper threads
are daemons too.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import ssl
import threading
import time
import zlib
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import Future
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import h11

from audit.batch import Sleep, fd_room
from audit.check import NetworkError, TimedOut
from audit.httpmodel import HttpRequest, HttpResponse, Origin
from audit.netconnect import Connector, Target, basic_auth, parse_proxy, split_url
from audit.netpipe import Pipe, Timeouts
from audit.netpolicy import MAX_REDIRECTS, final, next_hop, redirect_loop, retry_wait
from audit.pool import DaemonPool
from audit.urls import ascii_url, redact_url

if TYPE_CHECKING:
    from audit.net import HttpClient

logger = logging.getLogger(__name__)

Answer = HttpResponse | Exception
OnDone = Callable[[int, Answer], None]

_MAX_HEAD = 64 * 1024  # largest status line + headers accepted
_MAX_INFORMATIONAL = 10  # 1xx answers accepted before the real one


class _Conn:
    """One open connection and its HTTP/1.1 state."""

    __slots__ = ("absolute", "h11", "pipe", "reused")

    def __init__(self, pipe: Pipe, absolute: bool) -> None:
        self.pipe = pipe
        self.absolute = absolute  # plain http through an http proxy: absolute-form targets
        self.h11 = h11.Connection(h11.CLIENT, max_incomplete_event_size=_MAX_HEAD)
        self.reused = False


_GZIP_MAGIC = b"\x1f\x8b"


class _Decoder:
    """gzip / deflate bodies decoded as they arrive, the output capped."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self._z: zlib._Decompress | None = None
        if encoding in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._z = zlib.decompressobj()
        self._first = True
        self._ended = False

    def feed(self, data: bytes, room: int) -> tuple[bytes, bool]:
        """Decoded bytes (at most `room`), and whether more output was left over."""
        if self._z is None:
            return data[:room], len(data) > room
        if self._ended:  # what follows the last gzip member is not part of the body
            return b"", False
        if room <= 0:  # (0 would mean "no limit" to zlib)
            return b"", bool(data)
        try:
            out = self._z.decompress(data, room)
        except zlib.error:
            if not (self._first and self.encoding == "deflate"):
                raise
            self._z = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as some servers send
            out = self._z.decompress(data, room)
        self._first = False
        pieces = [out]
        room -= len(out)
        # a gzip body may hold several members one after the other
        while self.encoding != "deflate" and self._z.eof and self._z.unused_data and room > 0:
            rest = self._z.unused_data
            if not rest.startswith(_GZIP_MAGIC[: len(rest)]):  # padding after the last member
                self._ended = True
                break
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
            more = self._z.decompress(rest, room)
            pieces.append(more)
            room -= len(more)
        left = not self._ended and (
            bool(self._z.unconsumed_tail) or (self._z.eof and bool(self._z.unused_data))
        )
        return b"".join(pieces), left


class LoopEngine:
    """Sends a batch of requests on one asyncio loop; owned and configured by `HttpClient`."""

    def __init__(
        self,
        client: HttpClient,
        concurrency: int,
        sleep: Callable[[float], Awaitable[None]] | None = None,
    ) -> None:
        self._client = client
        self._settings = client.settings
        self._proxy = parse_proxy(client.proxy)
        self._concurrency = max(concurrency, 1)
        self._sleep = sleep or asyncio.sleep
        self._idle: dict[tuple[str, str, int], list[_Conn]] = {}
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._slots: asyncio.Semaphore | None = None
        self._connector: Connector
        # requests of the batch not finished yet, by host: an idle connection is kept only
        # while another one may use it (a sweep asks most hosts once: sockets would pile up)
        self._remaining: collections.Counter[str] = collections.Counter()
        self._stopped = threading.Event()

    def stop(self) -> None:
        """From any thread: start no new request (those in flight are cancelled apart)."""
        self._stopped.set()

    # ----- the batch ----------------------------------------------------------------------

    async def run(
        self, requests: Sequence[HttpRequest], check: str, on_done: OnDone
    ) -> None:
        """Send every request; `on_done(i, answer)` once for each, as each ends."""
        self._slots = asyncio.Semaphore(self._concurrency)
        timeouts = Timeouts(asyncio.get_running_loop())
        self._connector = Connector(lambda: self._client.ssl_context, self._proxy, timeouts)
        hosts = [_host_key(r.url) for r in requests]
        self._remaining.update(hosts)
        try:
            async with asyncio.TaskGroup() as group:
                for i, request in enumerate(requests):
                    group.create_task(self._one(i, request, hosts[i], check, on_done))
        finally:
            self._connector.close_all()
            self._idle.clear()

    async def _one(
        self, i: int, request: HttpRequest, host: str, check: str, on_done: OnDone
    ) -> None:
        try:
            answer: Answer = await self.send(request, check)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - every failure is an answer for the caller
            answer = exc
        finally:
            self._remaining[host] -= 1
            if self._remaining[host] <= 0:
                self._close_idle(host)
        if self._stopped.is_set():
            return
        try:
            on_done(i, answer)
        except BaseException:  # one caller error must not end the batch
            logger.exception("handling the answer to %s failed", redact_url(request.url))

    async def send(self, request: HttpRequest, check: str) -> HttpResponse:
        """Like `HttpClient.send`: redirects followed by hand when asked, each hop guarded."""
        url, method, body = request.url, request.method, request.body
        redirects: list[str] = []
        for _hop in range(MAX_REDIRECTS + 1):
            url = ascii_url(url)
            origin = request.origin if not redirects else Origin.PAGE
            if origin is Origin.PAGE and not self._settings.allow_private:
                loop = asyncio.get_running_loop()  # the guard may resolve names: not here
                await loop.run_in_executor(None, self._client.guard, url, origin)
            resp = await self._with_retries(request, url, method, body, check)
            hop = next_hop(request, url, method, body, resp)
            if hop is None:
                return final(resp, redirects)
            redirects.append(url)
            url, method, body = hop
        raise redirect_loop()

    async def _with_retries(
        self, request: HttpRequest, url: str, method: str, body: bytes | None, check: str
    ) -> HttpResponse:
        retries = self._settings.retries if request.retries is None else request.retries
        attempt = 0
        while True:
            resp = await self._limited(request, url, method, body, check)
            wait = retry_wait(resp, attempt, retries, self._settings.max_retry_wait)
            if wait is None:
                return resp
            attempt += 1
            await self._sleep(wait)

    async def _limited(
        self, request: HttpRequest, url: str, method: str, body: bytes | None, check: str
    ) -> HttpResponse:
        try:
            target = split_url(url)
        except NetworkError:
            with self._client.logged(method, url, check, request.sends):  # logged, as in
                raise  # the threaded engines
        host = target.host_header.lower()
        sem = self._hosts.get(host)
        if sem is None:
            sem = self._hosts[host] = asyncio.Semaphore(self._settings.per_host)
        assert self._slots is not None
        # the host's slot first: a request waiting for its host holds no global slot
        async with sem, self._slots:
            if self._stopped.is_set():  # cancelled while waiting: never sent, never logged
                raise asyncio.CancelledError
            headers = self._client.headers_for(request)
            timeout = request.timeout or self._settings.timeout
            max_bytes = request.max_bytes or self._settings.max_bytes
            with self._client.logged(method, url, check, request.sends) as note:
                resp = await self._exchange(target, url, method, headers, body, timeout,
                                            max_bytes)
                note(resp.status)
                return resp

    # ----- one exchange -------------------------------------------------------------------

    async def _exchange(
        self,
        target: Target,
        url: str,
        method: str,
        headers: dict[str, str],
        body: bytes | None,
        timeout: float,
        max_bytes: int,
    ) -> HttpResponse:
        t0 = time.monotonic()
        conn = self._take_idle(target)
        if conn is not None:
            try:
                return await self._on(conn, target, url, method, headers, body, timeout,
                                      max_bytes, t0)
            except _StaleConnection:
                pass  # the server closed an idle connection: once more on a new one
        pipe, absolute = await self._connector.open(target, timeout)
        conn = _Conn(pipe, absolute)
        try:
            return await self._on(conn, target, url, method, headers, body, timeout,
                                  max_bytes, t0)
        except _StaleConnection as exc:
            raise NetworkError(f"connection closed before any answer from {target.host}") from exc

    async def _on(
        self,
        conn: _Conn,
        target: Target,
        url: str,
        method: str,
        headers: dict[str, str],
        body: bytes | None,
        timeout: float,
        max_bytes: int,
        t0: float,
    ) -> HttpResponse:
        keep = False
        try:
            resp, keep = await self._talk(conn, target, url, method, headers, body, timeout,
                                          max_bytes, t0)
            return resp
        except h11.RemoteProtocolError as exc:
            raise NetworkError(f"malformed HTTP answer from {target.host}: {exc}") from exc
        except h11.LocalProtocolError as exc:
            raise NetworkError(f"could not send the request to {target.host}: {exc}") from exc
        except ConnectionError as exc:
            raise NetworkError(f"connection to {target.host} failed: {exc}") from exc
        except ssl.SSLError as exc:
            raise NetworkError(f"TLS error with {target.host}: {exc}") from exc
        finally:
            if keep and self._remaining[target.host_header.lower()] > 1:
                conn.reused = True
                self._idle.setdefault(target.key, []).append(conn)
            else:
                self._drop(conn)

    async def _talk(
        self,
        conn: _Conn,
        target: Target,
        url: str,
        method: str,
        headers: dict[str, str],
        body: bytes | None,
        timeout: float,
        max_bytes: int,
        t0: float,
    ) -> tuple[HttpResponse, bool]:
        h = conn.h11
        wire = [("Host", target.host_header), *headers.items()]
        if body is not None:
            wire.append(("Content-Length", str(len(body))))
        if conn.absolute and self._proxy is not None and self._proxy.username:
            wire.append(("Proxy-Authorization", basic_auth(self._proxy)))
        path = (
            f"{target.scheme}://{target.host_header}{target.path}" if conn.absolute
            else target.path
        )
        data = h.send(h11.Request(method=method, target=path, headers=wire))
        if body:
            data += h.send(h11.Data(data=body))
        data += h.send(h11.EndOfMessage())
        conn.pipe.write(data)
        limit = t0 + timeout * 3  # the whole answer, headers included (slow trickles)
        status = 0
        informational = 0
        resp_headers: dict[str, str] = {}
        decoder: _Decoder | None = None
        chunks: list[bytes] = []
        size = 0
        answered = False
        while True:
            event = h.next_event()
            if event is h11.NEED_DATA:
                wait = min(timeout, limit - time.monotonic())
                try:
                    chunk = await conn.pipe.read(wait)
                except TimeoutError:
                    if time.monotonic() >= limit:
                        what = "body still arriving" if status else "no complete answer"
                        raise TimedOut(f"{what} after {timeout * 3:g} s") from None
                    shown = redact_url(url)
                    raise TimedOut(f"read timed out after {timeout:g} s: {shown}") from None
                except ConnectionError:
                    if not answered and conn.reused:  # the server dropped an idle connection
                        raise _StaleConnection from None
                    raise
                if not chunk and not answered and conn.reused:
                    raise _StaleConnection
                answered = answered or bool(chunk)
                h.receive_data(chunk)
                continue
            if isinstance(event, h11.InformationalResponse):
                informational += 1
                if informational > _MAX_INFORMATIONAL:
                    raise NetworkError(f"{target.host} sent informational (1xx) answers "
                                       "without end")
                continue
            if isinstance(event, h11.Response):
                status = event.status_code
                resp_headers = _headers(event.headers)
                decoder = _Decoder(resp_headers.get("content-encoding", "").strip().lower())
                continue
            if isinstance(event, h11.Data):
                assert decoder is not None
                try:
                    out, more = decoder.feed(bytes(event.data), max_bytes - size)
                except zlib.error as exc:
                    raise NetworkError(f"could not decode the {decoder.encoding} body: {exc}") \
                        from exc
                chunks.append(out)
                size += len(out)
                if more or size >= max_bytes:
                    return _response(url, status, resp_headers, chunks, t0, True), False
                continue
            if isinstance(event, h11.EndOfMessage):
                keep = h.our_state is h11.DONE and h.their_state is h11.DONE
                if keep:
                    h.start_next_cycle()
                return _response(url, status, resp_headers, chunks, t0, False), keep
            # h11.ConnectionClosed (or PAUSED, which a client never sees here)
            if not answered and conn.reused:
                raise _StaleConnection
            raise NetworkError(f"connection to {target.host} closed before the answer ended")

    # ----- connections --------------------------------------------------------------------

    def _take_idle(self, target: Target) -> _Conn | None:
        idle = self._idle.get(target.key)
        while idle:
            conn = idle.pop()
            if not conn.pipe.closed:
                return conn
            self._drop(conn)
        return None

    def _drop(self, conn: _Conn) -> None:
        self._connector.discard(conn.pipe)

    def _close_idle(self, host: str) -> None:
        """No request for `host` is left: close its idle connections."""
        for key in [k for k in self._idle if _authority(k) == host]:
            for conn in self._idle.pop(key):
                self._drop(conn)

def _host_key(url: str) -> str:
    """The key of a URL's host for per-host counts (host[:port] as in the Host header)."""
    try:
        return split_url(ascii_url(url)).host_header.lower()
    except NetworkError:
        return ""


def _authority(key: tuple[str, str, int]) -> str:
    """The per-host key of an idle-pool key (scheme, host, port)."""
    scheme, host, port = key
    shown = f"[{host}]" if ":" in host else host
    default = (scheme, port) in (("https", 443), ("http", 80))
    return shown if default else f"{shown}:{port}"


class _StaleConnection(Exception):
    """A kept-alive connection the server had closed: retried once on a new connection."""


def _headers(raw: Sequence[tuple[bytes, bytes]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in raw:
        key = name.decode("latin-1").lower()
        text = value.decode("latin-1")
        out[key] = f"{out[key]}, {text}" if key in out else text
    return out


def _response(
    url: str, status: int, headers: dict[str, str], chunks: list[bytes], t0: float,
    truncated: bool,
) -> HttpResponse:
    return HttpResponse(
        url=url,
        status=status,
        headers=MappingProxyType(headers),
        body=b"".join(chunks),
        elapsed_s=time.monotonic() - t0,
        truncated=truncated,
    )


class _Loop(asyncio.SelectorEventLoop):
    """An event loop whose helper threads (name lookups, the address guard) are daemon
    threads: a lookup hanging at the deadline never holds up the end of the program."""

    def __init__(self, helpers: int = 8) -> None:
        super().__init__()
        self._helpers = DaemonPool(helpers, name="resolve")

    def run_in_executor(  # type: ignore[override]
        self, executor: Any, func: Callable[..., Any], *args: Any
    ) -> asyncio.Future[Any]:
        if executor is not None:
            return super().run_in_executor(executor, func, *args)
        fut: Future[Any] = self._helpers.submit(func, *args)
        return asyncio.wrap_future(fut, loop=self)

    def close(self) -> None:
        self._helpers.shutdown()
        super().close()


class LoopBatch:
    """The event-loop engine on its own daemon thread."""

    def __init__(
        self,
        client: HttpClient,
        requests: Sequence[HttpRequest],
        check: str,
        on_done: OnDone,
        concurrency: int,
        sleep: Sleep | None = None,
    ) -> None:
        # one lookup thread per request in flight, up to 64: a slow resolver must not
        # queue hundreds of lookups behind a few threads
        self._loop = _Loop(helpers=max(8, min(concurrency, 64)))
        self._engine = LoopEngine(client, fd_room(concurrency), _async(sleep))
        self._args = (requests, check, on_done)
        self._task: asyncio.Task[None] | None = None
        self._lock = threading.Lock()
        self._cancelled = False
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._main, name="http-loop", daemon=True)
        self._thread.start()

    def _main(self) -> None:
        loop = self._loop
        try:
            asyncio.set_event_loop(loop)
            with self._lock:
                if self._cancelled:
                    return
                self._task = loop.create_task(self._engine.run(*self._args))
            try:
                loop.run_until_complete(self._task)
            except asyncio.CancelledError:
                pass
            loop.run_until_complete(asyncio.sleep(0))  # let closed transports finish closing
        finally:
            asyncio.set_event_loop(None)
            loop.close()
            self._done.set()

    def cancel(self) -> None:
        self._engine.stop()  # at once: nothing more is sent, whatever the loop is doing
        with self._lock:
            self._cancelled = True
            task = self._task
        if task is not None and not self._done.is_set():
            try:
                self._loop.call_soon_threadsafe(task.cancel)
            except RuntimeError:  # the loop closed meanwhile: nothing left to stop
                pass

    def wait(self, timeout: float | None = None) -> bool:
        return self._done.wait(timeout)


def _async(sleep: Sleep | None) -> Callable[[float], Any] | None:
    """An injected (test) sleep as a coroutine function; None keeps `asyncio.sleep`."""
    if sleep is None:
        return None

    async def call(seconds: float) -> None:
        sleep(seconds)

    return call

