"""The HTTP layer's event-loop engine: hundreds of independent requests at once, one thread.

`audit.net.HttpClient.send_batch` uses it for sweeps (one request to each of hundreds of
sites, as the `accounts` check does). With threads, each request costs about 1 ms of CPU in
urllib3 / http.client and thread hand-offs, and only as many requests wait at once as there
are threads; here every request is a coroutine on one asyncio loop, HTTP/1.1 framing is done
by h11 (a sans-I/O parser), and the CPU cost per request is a fraction of that.

It honours the same settings as the threaded engines: the client's TLS context, the proxy
(http:// with CONNECT for https URLs, socks5 and socks5h), the per-host cap and the overall
concurrency, connect / read / whole-body time limits, retries honouring Retry-After, the body
cap (also after gzip/deflate decoding), redirects followed hop by hop through the address
guard, and the request log (each request recorded before it is sent). Errors are the same
`TimedOut` / `NetworkError` / `UnexpectedResponse` the threaded engines raise.
"""

from __future__ import annotations

import asyncio
import base64
import collections
import ipaddress
import math
import os
import socket
import ssl
import struct
import threading
import time
import zlib
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urljoin, urlsplit

import h11

from audit.batch import Sleep, fd_room
from audit.blocks import parse_retry_after
from audit.check import NetworkError, TimedOut, UnexpectedResponse
from audit.httpmodel import HttpRequest, HttpResponse, Origin
from audit.pool import DaemonPool

if TYPE_CHECKING:
    from audit.net import HttpClient

Answer = HttpResponse | Exception
OnDone = Callable[[int, Answer], None]

_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_MAX_REDIRECTS = 10
_HIGH_WATER = 256 * 1024  # bytes buffered from one connection before reading pauses
_MAX_HEAD = 64 * 1024  # largest status line + headers accepted
_SAFE_TARGET = "!#$%&'()*+,/:;=?@[]~"


@dataclass(frozen=True, slots=True)
class _Target:
    """Where one URL is sent: scheme, host, port, request target and Host header."""

    scheme: str
    host: str
    port: int
    path: str
    host_header: str
    authority: str  # host:port, always with the port (CONNECT)

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.scheme, self.host, self.port)


def split_url(url: str) -> _Target:
    """The parts of an http(s) URL the engine needs; NetworkError for anything else."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise NetworkError(f"unsupported URL scheme: {url[:100]!r}")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as exc:
        raise NetworkError(f"bad URL {url[:100]!r}: {exc}") from exc
    host = parts.hostname or ""
    if not host:
        raise NetworkError(f"bad URL {url[:100]!r}: no host")
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise NetworkError(f"bad host name in {url[:100]!r}: {exc}") from exc
    shown = f"[{host}]" if ":" in host else host
    default = (scheme == "https" and port == 443) or (scheme == "http" and port == 80)
    path = quote(parts.path or "/", safe=_SAFE_TARGET)
    if parts.query:
        path += "?" + quote(parts.query, safe=_SAFE_TARGET)
    authority = f"{shown}:{port}"
    return _Target(scheme, host, port, path, shown if default else authority, authority)


@dataclass(frozen=True, slots=True)
class _Proxy:
    kind: str  # "http", "socks5" or "socks5h"
    host: str
    port: int
    username: str | None
    password: str | None


def parse_proxy(url: str | None) -> _Proxy | None:
    """The proxy as the loop engine sees it (validated earlier by `audit.net`)."""
    if not url:
        return None
    parts = urlsplit(url)
    user = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password else None
    return _Proxy(parts.scheme.lower(), parts.hostname or "", parts.port or 0, user, password)


class _Timeouts:
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


class _Pipe(asyncio.Protocol):
    """Bytes in from one connection, read with a time limit; nothing else."""

    def __init__(self, loop: asyncio.AbstractEventLoop, timeouts: _Timeouts) -> None:
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


class _Conn:
    """One open connection and its HTTP/1.1 state."""

    __slots__ = ("absolute", "h11", "pipe", "reused")

    def __init__(self, pipe: _Pipe, absolute: bool) -> None:
        self.pipe = pipe
        self.absolute = absolute  # plain http through an http proxy: absolute-form targets
        self.h11 = h11.Connection(h11.CLIENT, max_incomplete_event_size=_MAX_HEAD)
        self.reused = False


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

    def feed(self, data: bytes, room: int) -> tuple[bytes, bool]:
        """Decoded bytes (at most `room`), and whether more output was left over."""
        if self._z is None:
            return data[:room], len(data) > room
        try:
            out = self._z.decompress(data, room)
        except zlib.error:
            if not (self._first and self.encoding == "deflate"):
                raise
            self._z = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as some servers send
            out = self._z.decompress(data, room)
        self._first = False
        return out, bool(self._z.unconsumed_tail)


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
        self._timeouts: _Timeouts
        self._open: set[_Pipe] = set()

    # ----- the batch ----------------------------------------------------------------------

    async def run(
        self, requests: Sequence[HttpRequest], check: str, on_done: OnDone
    ) -> None:
        """Send every request; `on_done(i, answer)` once for each, as each ends."""
        self._slots = asyncio.Semaphore(self._concurrency)
        self._timeouts = _Timeouts(asyncio.get_running_loop())
        try:
            async with asyncio.TaskGroup() as group:
                for i, request in enumerate(requests):
                    group.create_task(self._one(i, request, check, on_done))
        finally:
            for pipe in list(self._open):
                pipe.close()
            self._idle.clear()

    async def _one(self, i: int, request: HttpRequest, check: str, on_done: OnDone) -> None:
        try:
            answer: Answer = await self.send(request, check)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - every failure is an answer for the caller
            answer = exc
        on_done(i, answer)

    async def send(self, request: HttpRequest, check: str) -> HttpResponse:
        """Like `HttpClient.send`: redirects followed by hand when asked, each hop guarded."""
        url, method, body = request.url, request.method, request.body
        redirects: list[str] = []
        for _hop in range(_MAX_REDIRECTS + 1):
            origin = request.origin if not redirects else Origin.PAGE
            if origin is Origin.PAGE and not self._settings.allow_private:
                loop = asyncio.get_running_loop()  # the guard may resolve names: not here
                await loop.run_in_executor(None, self._client.guard, url, origin)
            resp = await self._with_retries(request, url, method, body, check)
            location = resp.header("location")
            if not (request.follow_redirects and 300 <= resp.status < 400 and location):
                if redirects:
                    return HttpResponse(
                        url=resp.url, status=resp.status, headers=resp.headers, body=resp.body,
                        elapsed_s=resp.elapsed_s, truncated=resp.truncated,
                        redirects=tuple(redirects),
                    )
                return resp
            redirects.append(url)
            url = urljoin(url, location)
            if resp.status in (301, 302, 303) and method == "POST":
                method, body = "GET", None
        raise UnexpectedResponse(f"more than {_MAX_REDIRECTS} redirects (redirect loop?)")

    async def _with_retries(
        self, request: HttpRequest, url: str, method: str, body: bytes | None, check: str
    ) -> HttpResponse:
        retries = self._settings.retries if request.retries is None else request.retries
        attempt = 0
        while True:
            resp = await self._limited(request, url, method, body, check)
            if resp.status not in _RETRY_STATUSES or attempt >= retries:
                return resp
            wait = parse_retry_after(resp.header("retry-after"))
            if wait is None:
                wait = 0.5 * (2**attempt)
            if wait > self._settings.max_retry_wait:
                return resp  # the caller reports "rate-limited, retry after N s"
            attempt += 1
            await self._sleep(wait)

    async def _limited(
        self, request: HttpRequest, url: str, method: str, body: bytes | None, check: str
    ) -> HttpResponse:
        target = split_url(url)
        host = target.host_header.lower()
        sem = self._hosts.get(host)
        if sem is None:
            sem = self._hosts[host] = asyncio.Semaphore(self._settings.per_host)
        assert self._slots is not None
        # the host's slot first: a request waiting for its host holds no global slot
        async with sem, self._slots:
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
        target: _Target,
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
        conn = await self._connect(target, timeout)
        try:
            return await self._on(conn, target, url, method, headers, body, timeout,
                                  max_bytes, t0)
        except _StaleConnection as exc:
            raise NetworkError(f"connection closed before any answer from {target.host}") from exc

    async def _on(
        self,
        conn: _Conn,
        target: _Target,
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
            if keep:
                conn.reused = True
                self._idle.setdefault(target.key, []).append(conn)
            else:
                self._drop(conn)

    async def _talk(
        self,
        conn: _Conn,
        target: _Target,
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
            wire.append(("Proxy-Authorization", _basic(self._proxy)))
        path = (
            f"{target.scheme}://{target.host_header}{target.path}" if conn.absolute
            else target.path
        )
        data = h.send(h11.Request(method=method, target=path, headers=wire))
        if body:
            data += h.send(h11.Data(data=body))
        data += h.send(h11.EndOfMessage())
        conn.pipe.write(data)
        limit = t0 + timeout * 3
        status = 0
        resp_headers: dict[str, str] = {}
        decoder: _Decoder | None = None
        chunks: list[bytes] = []
        size = 0
        answered = False
        while True:
            event = h.next_event()
            if event is h11.NEED_DATA:
                wait = timeout if not status else min(timeout, limit - time.monotonic())
                try:
                    chunk = await conn.pipe.read(wait)
                except TimeoutError:
                    if status and time.monotonic() >= limit:
                        raise TimedOut(f"body still arriving after {timeout * 3:g} s") from None
                    raise TimedOut(f"read timed out after {timeout:g} s: {url}") from None
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

    def _take_idle(self, target: _Target) -> _Conn | None:
        idle = self._idle.get(target.key)
        while idle:
            conn = idle.pop()
            if not conn.pipe.closed:
                return conn
            self._drop(conn)
        return None

    def _drop(self, conn: _Conn) -> None:
        conn.pipe.close()
        self._open.discard(conn.pipe)

    async def _connect(self, target: _Target, timeout: float) -> _Conn:
        proxy = self._proxy
        tls = self._client.ssl_context if target.scheme == "https" else None
        where = f"{proxy.host}:{proxy.port}" if proxy else f"{target.host}:{target.port}"
        pipe: _Pipe | None = None
        try:
            if proxy is None:
                sock = await self._tcp(target.host, target.port, timeout)
                pipe = await self._wrap(sock, tls, target.host, timeout)
                return _Conn(pipe, absolute=False)
            sock = await self._tcp(proxy.host, proxy.port, timeout)
            pipe = await self._wrap(sock, None, proxy.host, timeout)
            if proxy.kind == "http":
                if tls is None:
                    return _Conn(pipe, absolute=True)
                await self._tunnel(pipe, target, timeout)
            else:
                await self._socks5(pipe, proxy, target, timeout)
            if tls is not None:
                assert pipe.transport is not None
                wrapped = await self._loop().start_tls(
                    pipe.transport, pipe, tls, server_hostname=target.host,
                    ssl_handshake_timeout=timeout,
                )
                if wrapped is None:
                    raise NetworkError(f"TLS error: no TLS session with {target.host}")
                pipe.transport = wrapped  # type: ignore[assignment]
            return _Conn(pipe, absolute=False)
        except TimeoutError:
            self._discard(pipe)
            raise TimedOut(f"connect timed out after {timeout:g} s: {where}") from None
        except ssl.SSLError as exc:
            self._discard(pipe)
            raise NetworkError(f"TLS error with {target.host}: {exc}") from exc
        except socket.gaierror as exc:
            self._discard(pipe)
            what = "proxy error: " if proxy else ""
            raise NetworkError(f"{what}DNS lookup failed for {where}: {exc.strerror or exc}") \
                from exc
        except OSError as exc:
            self._discard(pipe)
            if "handshake is taking longer" in str(exc):
                raise TimedOut(f"TLS handshake timed out after {timeout:g} s: {where}") from None
            what = "proxy error" if proxy else "connection failed"
            raise NetworkError(f"{what}: {where}: {exc.strerror or exc}") from exc
        except BaseException:
            self._discard(pipe)
            raise

    @staticmethod
    def _loop() -> asyncio.AbstractEventLoop:
        return asyncio.get_running_loop()

    async def _tcp(self, host: str, port: int, timeout: float) -> socket.socket:
        """A connected non-blocking TCP socket to host:port (each address in turn)."""
        loop = self._loop()
        try:
            ip = ipaddress.ip_address(host)
            infos: list[tuple[int, tuple[Any, ...]]] = [
                (socket.AF_INET if ip.version == 4 else socket.AF_INET6, (host, port))
            ]
        except ValueError:
            lookup = loop.run_in_executor(
                None, socket.getaddrinfo, host, port, 0, socket.SOCK_STREAM
            )
            self._timeouts.limit(lookup, timeout)
            found = await lookup
            infos = [(family, addr) for family, _t, _p, _c, addr in found]
        error: OSError = OSError(f"no address for {host}")
        for family, addr in infos:
            sock = socket.socket(family, socket.SOCK_STREAM)
            try:
                sock.setblocking(False)
                await self._sock_connect(loop, sock, addr, timeout)
                return sock
            except OSError as exc:  # the next address, if any
                sock.close()
                error = exc
            except BaseException:
                sock.close()
                raise
        raise error

    async def _sock_connect(
        self, loop: asyncio.AbstractEventLoop, sock: socket.socket, addr: tuple[Any, ...],
        timeout: float,
    ) -> None:
        try:
            sock.connect(addr)
            return
        except (BlockingIOError, InterruptedError):
            pass
        done: asyncio.Future[None] = loop.create_future()
        fd = sock.fileno()
        loop.add_writer(fd, _set_done, done)
        self._timeouts.limit(done, timeout)
        try:
            await done
        finally:
            loop.remove_writer(fd)
        err = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if err:
            raise OSError(err, os.strerror(err))

    async def _wrap(
        self, sock: socket.socket, tls: ssl.SSLContext | None, host: str, timeout: float
    ) -> _Pipe:
        """The connected socket as a transport with a `_Pipe` (TLS handshake done if asked)."""
        loop = self._loop()
        try:
            _, pipe = await loop.create_connection(
                lambda: _Pipe(loop, self._timeouts), sock=sock, ssl=tls,
                server_hostname=host if tls else None,
                ssl_handshake_timeout=timeout if tls else None,
            )
        except BaseException:
            sock.close()
            raise
        self._open.add(pipe)
        return pipe

    def _discard(self, pipe: _Pipe | None) -> None:
        if pipe is not None:
            pipe.close()
            self._open.discard(pipe)

    async def _tunnel(self, pipe: _Pipe, target: _Target, timeout: float) -> None:
        """HTTP CONNECT through the proxy to host:port."""
        assert self._proxy is not None
        authority = target.authority
        lines = [f"CONNECT {authority} HTTP/1.1", f"Host: {authority}"]
        if self._proxy.username:
            lines.append(f"Proxy-Authorization: {_basic(self._proxy)}")
        pipe.write(("\r\n".join(lines) + "\r\n\r\n").encode("ascii"))
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = await pipe.read(timeout)
            if not chunk:
                raise NetworkError("proxy error: the proxy closed the connection")
            head += chunk
            if len(head) > _MAX_HEAD:
                raise NetworkError("proxy error: oversized answer to CONNECT")
        first = head.split(b"\r\n", 1)[0].decode("latin-1")
        parts = first.split(" ", 2)
        if len(parts) < 2 or not parts[1].isdigit():
            raise NetworkError(f"proxy error: odd answer to CONNECT: {first[:100]!r}")
        if not 200 <= int(parts[1]) < 300:
            raise NetworkError(f"proxy error: CONNECT {authority} refused: {first[:100]}")

    async def _socks5(self, pipe: _Pipe, proxy: _Proxy, target: _Target, timeout: float) -> None:
        """The SOCKS5 handshake (RFC 1928, user/password per RFC 1929): socks5h sends the
        name (DNS at the proxy, as Tor needs), socks5 resolves it here first."""
        methods = b"\x00\x02" if proxy.username else b"\x00"
        pipe.write(b"\x05" + bytes([len(methods)]) + methods)
        ver, method = await pipe.read_exactly(2, timeout)
        if ver != 5 or method == 0xFF:
            raise NetworkError("proxy error: the SOCKS5 proxy accepts none of our methods")
        if method == 2:
            user = (proxy.username or "").encode()[:255]
            word = (proxy.password or "").encode()[:255]
            pipe.write(b"\x01" + bytes([len(user)]) + user + bytes([len(word)]) + word)
            _v, ok = await pipe.read_exactly(2, timeout)
            if ok != 0:
                raise NetworkError("proxy error: the SOCKS5 proxy refused the user name "
                                   "or password")
        address = await self._socks_address(proxy, target)
        pipe.write(b"\x05\x01\x00" + address + struct.pack("!H", target.port))
        ver, reply, _rsv, atyp = await pipe.read_exactly(4, timeout)
        if ver != 5 or reply != 0:
            raise NetworkError(f"proxy error: SOCKS5 CONNECT to {target.host} failed "
                               f"(code {reply})")
        rest = {1: 4, 4: 16}.get(atyp)
        if rest is None:
            rest = (await pipe.read_exactly(1, timeout))[0]
        await pipe.read_exactly(rest + 2, timeout)

    async def _socks_address(self, proxy: _Proxy, target: _Target) -> bytes:
        try:
            ip = ipaddress.ip_address(target.host)
        except ValueError:
            ip = None
        if ip is None and proxy.kind == "socks5h":
            name = target.host.encode("ascii")
            return b"\x03" + bytes([len(name)]) + name
        if ip is None:
            loop = asyncio.get_running_loop()
            infos = await loop.getaddrinfo(target.host, target.port, type=1)
            ip = ipaddress.ip_address(infos[0][4][0])
        return (b"\x01" if ip.version == 4 else b"\x04") + ip.packed


def _set_done(done: asyncio.Future[None]) -> None:
    if not done.done():
        done.set_result(None)


class _StaleConnection(Exception):
    """A kept-alive connection the server had closed: retried once on a new connection."""


def _basic(proxy: _Proxy) -> str:
    token = f"{proxy.username or ''}:{proxy.password or ''}".encode()
    return "Basic " + base64.b64encode(token).decode("ascii")


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

    def __init__(self) -> None:
        super().__init__()
        self._helpers = DaemonPool(8, name="resolve")

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
        self._loop = _Loop()
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

