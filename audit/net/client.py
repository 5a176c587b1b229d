"""The HTTP engine: every request a scan sends, on one aiohttp event loop, one background thread.

`HttpClient.send` (blocking, from any thread but the loop's) and `HttpClient.send_batch`
(many independent requests at once: a catalog sweep) both run `fetch` on the loop, which:

- parses the URL once (`audit.net.urls`) and guards page-found hops (`audit.net.guard`:
  literal hosts here, names inside the connection by `GuardedResolver`);
- follows redirects itself, one hop at a time, each hop logged and guarded, secret headers
  dropped on a change of host or a downgrade (`audit.net.policy`);
- keeps the global concurrency and the per-host cap, a connect / idle-read limit and a limit
  on each attempt's whole time (headers included), the scan deadline (`stop_at`: nothing is
  sent or retried after it), retries with Retry-After;
- reads at most `max_bytes` after decompression (`truncated` says the page was cut);
- records each request in the log before it is sent, and its outcome after.

Proxies: http and https proxies through aiohttp (CONNECT for https URLs, credentials sent
with every request), socks4/5 through aiohttp-socks; TLS with the client's CA settings.
"""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import contextlib
import functools
import logging
import math
import ssl
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from audit.check import CheckFailure, ForbiddenAddress, NetworkError, TimedOut
from audit.models import RequestRecord, utcnow
from audit.net.errors import as_failure
from audit.net.guard import GuardedResolver, forbidden_reason
from audit.net.model import HttpRequest, HttpResponse, OnDone, Origin
from audit.net.policy import (
    MAX_REDIRECTS,
    ProxyChoice,
    final,
    hop_headers,
    next_hop,
    redirect_loop,
    resolve_ca_bundle,
    retry_wait,
)
from audit.net.urls import parse_url, redact_url
from audit.scan.pool import DaemonPool
from audit.settings import Settings

if TYPE_CHECKING:
    import aiohttp
    from yarl import URL

logger = logging.getLogger(__name__)
_NOT_SENT = "not sent: the scan's deadline was reached or it was interrupted"


class _DaemonExecutor(concurrent.futures.ThreadPoolExecutor):
    """The loop's helper threads (name lookups) as daemons: a hung lookup never holds exit."""

    def __init__(self, size: int) -> None:
        super().__init__(max_workers=1)  # its own threads are never started
        self._daemons = DaemonPool(size, name="http-lookup")

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        return self._daemons.submit(lambda: fn(*args, **kwargs))

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._daemons.shutdown()


@functools.lru_cache(maxsize=4096)
def host_key(url: str) -> str:
    """The host:port a URL's requests share connections with (asked several times per
    request: remembered)."""
    return urlsplit(url).netloc.lower()


def fd_room(wanted: int) -> int:
    """How many sockets may be open at once: `wanted`, within the open-files limit."""
    try:
        import resource
    except ImportError:  # Windows
        return max(1, min(wanted, 500))
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    return wanted if soft == resource.RLIM_INFINITY else max(1, min(wanted, soft - 64))


class HttpClient:
    """Sends `HttpRequest`s according to `Settings`; thread-safe; keeps the request log."""

    def __init__(
        self,
        settings: Settings,
        *,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self.settings = settings
        self._sleep = sleep  # tests: record the waits instead of waiting
        self._log: list[RequestRecord] = []
        self._lock = threading.Lock()
        self.proxies = ProxyChoice(settings.proxy, settings.trust_env)
        self.ca_bundle = resolve_ca_bundle(settings.ca_bundle, settings.trust_env)
        self._ssl: ssl.SSLContext | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._sessions: dict[tuple[str | None, bool], aiohttp.ClientSession] = {}
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._slots: asyncio.Semaphore | None = None
        self._tasks: set[asyncio.Future[Any]] = set()
        self.wanted: collections.Counter[str] = collections.Counter()  # requests per host
        self.stop_at = math.inf
        self.stopped = False

    @property
    def proxy(self) -> str | None:
        """The proxy of an https URL (the one `--proxy` or the environment gives)."""
        return self.proxies.for_url("https://example.org/")

    # ----- the loop ---------------------------------------------------------------------

    def _running_loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                loop = asyncio.new_event_loop()
                loop.set_default_executor(_DaemonExecutor(64))  # name lookups at once
                threading.Thread(target=loop.run_forever, name="http-loop", daemon=True).start()
                weakref.finalize(self, _shut, loop, self._sessions)
                self._loop = loop
            return self._loop

    def _submit(self, coro: Any) -> concurrent.futures.Future[Any]:
        return asyncio.run_coroutine_threadsafe(coro, self._running_loop())

    def open_until(self, deadline: float) -> None:
        """Accept requests again, until `deadline` (time.monotonic()); none after it."""
        self.stopped, self.stop_at = False, deadline

    def stop(self) -> None:
        """Send nothing more, retry nothing, abandon what is in flight (its log entry stays
        'no answer before the scan ended') and close the connections. Returns once the loop
        has done it; the client can be opened again (`open_until`)."""
        self.stopped = True
        if self._loop is None:
            return

        with contextlib.suppress(concurrent.futures.TimeoutError, RuntimeError):
            self._submit(_cancel(list(self._tasks), self._sessions)).result(timeout=2)

    def close(self) -> None:
        """Stop, and end the loop's thread."""
        self.stop()
        with self._lock:
            loop, self._loop = self._loop, None
        if loop is not None:
            _shut(loop, self._sessions)

    # ----- request log ------------------------------------------------------------------

    @property
    def request_log(self) -> tuple[RequestRecord, ...]:
        """Every request sent so far, in order."""
        with self._lock:
            return tuple(self._log)

    @contextlib.contextmanager
    def logged(
        self, method: str, url: str, check: str, sends: tuple[str, ...]
    ) -> Iterator[Callable[[int], None]]:
        """Record one request before it is sent, and its outcome after; the body calls the
        yielded function with the status. Cancelled: the entry keeps 'no answer before the
        scan ended'."""
        shown, started, t0 = redact_url(url), utcnow(), time.monotonic()
        with self._lock:
            self._log.append(RequestRecord(method=method, url=shown, started_at=started,
                                           check=check, sends=sends,
                                           error="no answer before the scan ended"))
            slot = len(self._log) - 1
        status: list[int] = []
        error, abandoned = "", False
        try:
            yield status.append
        except CheckFailure as exc:
            error = exc.detail
            raise
        except asyncio.CancelledError:
            abandoned = True
            raise
        finally:
            if not abandoned:
                record = RequestRecord(
                    method=method, url=shown, status=status[-1] if status else None,
                    started_at=started, elapsed_s=time.monotonic() - t0, check=check,
                    error=error.replace(url, shown), sends=sends,
                )
                with self._lock:
                    self._log[slot] = record

    # ----- sending ----------------------------------------------------------------------

    def send(self, request: HttpRequest, check: str = "") -> HttpResponse:
        """Send a request (following redirects if asked); raise a `CheckFailure` on failure."""
        if threading.current_thread().name == "http-loop":
            raise RuntimeError("send() would block the HTTP loop: await fetch() there")
        fut = self._submit(self._tracked(self.fetch(request, check), host_key(request.url)))
        try:
            result: HttpResponse = fut.result()
        except concurrent.futures.CancelledError:
            raise TimedOut(_NOT_SENT) from None
        except BaseException:
            fut.cancel()
            raise
        return result

    def send_batch(
        self,
        requests: Sequence[HttpRequest],
        check: str,
        on_done: OnDone,
        concurrency: int | None = None,
    ) -> Batch:
        """Send independent requests at once; `on_done(i, answer)` gets each response (or
        the error) on the loop's thread. At most `concurrency` are in flight at once."""
        return Batch(self, requests, check, on_done, concurrency or self.settings.concurrency)

    async def _tracked(self, coro: Any, host: str) -> Any:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        self.wanted[host] += 1
        try:
            return await coro
        finally:
            self._tasks.discard(task)
            self.wanted[host] -= 1

    def headers_for(self, request: HttpRequest) -> dict[str, str]:
        """The headers sent for `request` (Host and Content-Length aside)."""
        headers = {"User-Agent": self.settings.user_agent, "Accept-Language": "en,fr;q=0.8",
                   "Accept-Encoding": "gzip, deflate, br"}
        headers.update(request.headers)
        return headers

    def guard(self, url: str, origin: Origin) -> None:
        """Raise ForbiddenAddress for a page-found URL aimed inside the user's network."""
        if origin is Origin.PAGE and not self.settings.allow_private:
            scheme = url.partition(":")[0].lower()
            why = forbidden_reason(parse_url(url)) if scheme in ("http", "https") else (
                f"scheme {scheme!r} is not fetched")
            if why:
                raise ForbiddenAddress(f"not fetched: {why}")

    async def fetch(self, request: HttpRequest, check: str = "") -> HttpResponse:
        """`request` answered on the loop: redirects followed hop by hop, each one guarded."""
        url, method, body = request.url, request.method, request.body
        headers, origin = self.headers_for(request), request.origin
        redirects: list[str] = []
        for _hop in range(MAX_REDIRECTS + 1):
            resp = await self._with_retries(request, url, method, headers, body, check, origin)
            hop = next_hop(request, url, method, body, resp)
            if hop is None:
                return final(resp, redirects)
            redirects.append(url)
            headers = hop_headers(headers, url, hop)
            url, method, body = hop
            origin = Origin.PAGE  # where a redirect leads is decided by a page
        raise redirect_loop()

    async def _with_retries(self, request: HttpRequest, url: str, method: str,
                            headers: Mapping[str, str], body: bytes | None, check: str,
                            origin: Origin) -> HttpResponse:
        retries = self.settings.retries if request.retries is None else request.retries
        attempt = 0
        while True:
            resp = await self._attempt(request, url, method, headers, body, check, origin)
            wait = retry_wait(resp, attempt, retries, self.settings.max_retry_wait)
            if wait is None or self.stopped or time.monotonic() + wait >= self.stop_at:
                return resp
            attempt += 1
            if self._sleep is not None:
                self._sleep(wait)
            else:
                await asyncio.sleep(wait)

    def _host_cap(self, key: str) -> asyncio.Semaphore:
        sem = self._hosts.get(key)
        if sem is None:
            sem = self._hosts[key] = asyncio.Semaphore(self.settings.per_host)
        return sem

    async def _attempt(self, request: HttpRequest, url: str, method: str,
                       headers: Mapping[str, str], body: bytes | None, check: str,
                       origin: Origin) -> HttpResponse:
        if self._slots is None:
            self._slots = asyncio.Semaphore(fd_room(self.settings.concurrency))
        guarded = origin is Origin.PAGE and not self.settings.allow_private
        if guarded:
            try:
                self.guard(url, origin)
            except ForbiddenAddress:  # a refused host is not logged: nothing was sent
                raise
            except CheckFailure:  # an unparsable URL: logged below, with its error
                pass
        with self.logged(method, url, check, request.sends) as note:
            target = parse_url(url)
            async with self._slots, self._host_cap(f"{target.raw_host}:{target.port}"):
                left = self.stop_at - time.monotonic()
                if self.stopped or left <= 0:
                    raise TimedOut(_NOT_SENT)
                resp = await self._exchange(request, target, method, headers, body, guarded,
                                            min(left, (request.timeout or self.settings.timeout)
                                                * 3), host_key(url))
            note(resp.status)
            return resp

    async def _exchange(self, request: HttpRequest, target: URL, method: str,
                        headers: Mapping[str, str], body: bytes | None, guarded: bool,
                        total: float, host: str) -> HttpResponse:
        import aiohttp

        proxy = self.proxies.for_url(str(target))
        session, via, auth = self._session(proxy, guarded)
        timeout = request.timeout or self.settings.timeout
        max_bytes = request.max_bytes or self.settings.max_bytes
        if auth and target.scheme == "http":  # absolute-form: the proxy reads this request
            headers = {**headers, **auth}
        if self.wanted[host] <= 1:  # nothing more for this host: the server closes after it,
            headers = {**headers, "Connection": "close"}  # no idle socket is kept per site
        t0, phase = time.monotonic(), "no answer"
        try:
            async with asyncio.timeout(total):
                async with session.request(
                    method, target, headers=headers, data=body, allow_redirects=False,
                    proxy=via, proxy_headers=auth,
                    ssl=self._ssl_context() if target.scheme == "https" or via else True,
                    timeout=aiohttp.ClientTimeout(sock_connect=timeout, sock_read=timeout),
                ) as raw:
                    if via and raw.status == 407:
                        raise NetworkError("proxy error: 407 proxy authentication required")
                    phase = "body still arriving"
                    data, truncated = await _read_capped(raw, max_bytes)
                    merged = {k.lower(): ", ".join(raw.headers.getall(k)) for k in raw.headers}
        except TimeoutError as exc:
            raise TimedOut(f"timed out: {phase} after {time.monotonic() - t0:.3g} s") from exc
        except CheckFailure:
            raise
        except Exception as exc:
            raise as_failure(exc, proxy) from exc
        return HttpResponse(url=str(target), status=raw.status,
                            headers=MappingProxyType(merged), body=data,
                            elapsed_s=time.monotonic() - t0, truncated=truncated)

    def _ssl_context(self) -> ssl.SSLContext:
        if self._ssl is None:
            self._ssl = ssl.create_default_context(cafile=self.ca_bundle)
        return self._ssl

    def _session(
        self, proxy: str | None, guarded: bool
    ) -> tuple[aiohttp.ClientSession, str | None, dict[str, str] | None]:
        """The session for this proxy; with `guarded`, one whose resolver refuses
        non-public answers. Returns it with the proxy and credentials aiohttp takes."""
        import aiohttp
        from yarl import URL

        scheme = URL(proxy).scheme if proxy else ""
        local_dns = scheme in ("", "socks5", "socks4")
        key = (proxy, guarded and local_dns)
        via, auth = None, None
        if scheme in ("http", "https") and proxy:
            parsed = URL(proxy)
            via = str(parsed.with_user(None))
            if parsed.user is not None:
                auth = {"Proxy-Authorization": aiohttp.encode_basic_auth(
                    parsed.user, parsed.password or "")}
        session = self._sessions.get(key)
        if session is None:
            kw: dict[str, Any] = {"limit": 0, "use_dns_cache": False}
            connector: aiohttp.BaseConnector
            if scheme.startswith("socks") and proxy:
                from aiohttp_socks import ProxyConnector, ProxyType

                p = URL(proxy)
                kind = ProxyType.SOCKS4 if scheme.startswith("socks4") else ProxyType.SOCKS5
                connector = ProxyConnector(
                    proxy_type=kind,
                    host=p.raw_host or "", port=p.port or 1080, username=p.user,
                    password=p.password, rdns=not local_dns, **kw)
                if local_dns:  # look the name up here, guarded, and give the proxy the address
                    connector._resolver = GuardedResolver(refuse=key[1])
            else:
                connector = aiohttp.TCPConnector(resolver=GuardedResolver(key[1]), **kw)
            session = self._sessions[key] = aiohttp.ClientSession(
                connector=connector, cookie_jar=aiohttp.DummyCookieJar(), trust_env=False,
                auto_decompress=True, skip_auto_headers=("User-Agent",),
            )
        return session, via, auth


async def _cancel(tasks: Sequence[asyncio.Future[Any]],
                  sessions: dict[Any, aiohttp.ClientSession] | None = None) -> None:
    """Cancel `tasks` (on the loop), then close `sessions`."""
    for task in tasks:
        task.cancel()
    if sessions is not None:
        await _close_all(sessions)


async def _close_all(sessions: dict[Any, aiohttp.ClientSession]) -> None:
    items = list(sessions.values())
    sessions.clear()
    for session in items:
        await session.close()


def _shut(loop: asyncio.AbstractEventLoop, sessions: dict[Any, aiohttp.ClientSession]) -> None:
    """Close the sessions, then end the loop (also when a client is dropped unclosed)."""
    async def end() -> None:
        await _close_all(sessions)
        loop.stop()

    with contextlib.suppress(RuntimeError):
        loop.call_soon_threadsafe(lambda: loop.create_task(end()))


async def _read_capped(raw: aiohttp.ClientResponse, max_bytes: int) -> tuple[bytes, bool]:
    """The decoded body, cut at `max_bytes` (True when cut: the connection is dropped)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = await raw.content.read(65536)
        if not chunk:
            return b"".join(chunks), False
        chunks.append(chunk)
        size += len(chunk)
        if size >= max_bytes:
            raw.close()
            return b"".join(chunks)[:max_bytes], True


def _reuse_order(requests: Sequence[HttpRequest], limit: int) -> list[int]:
    """The order to send a batch in: a host's n-th request moves about 2n * `limit` places
    later, so it starts once the host's earlier one has ended and takes its kept-alive
    connection (no new connection, no new TLS handshake) while idle sockets stay near
    `limit`."""
    seen: collections.Counter[str] = collections.Counter()
    keys = []
    for i, request in enumerate(requests):
        host = host_key(request.url)
        keys.append(i + seen[host] * 2 * limit)
        seen[host] += 1
    return sorted(range(len(requests)), key=keys.__getitem__)


class Batch:
    """A running batch: `on_done(i, answer)` once per request that ended, `cancel()` to
    send nothing more (a request in flight is abandoned), `wait()` for the end."""

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
        loop = client._running_loop()
        loop.call_soon_threadsafe(self._start, loop, list(requests), limit)

    def _start(self, loop: asyncio.AbstractEventLoop, requests: list[HttpRequest],
               limit: int) -> None:
        if self._cancelled:
            return
        sem = asyncio.Semaphore(limit)
        for i in _reuse_order(requests, limit):
            request = requests[i]
            self._client.wanted[host_key(request.url)] += 1
            task = loop.create_task(self._one(i, request, sem))
            self._tasks.append(task)
            self._client._tasks.add(task)
            task.add_done_callback(self._client._tasks.discard)

    async def _one(self, i: int, request: HttpRequest, sem: asyncio.Semaphore) -> None:
        try:
            async with sem:
                if self._cancelled:
                    return
                try:
                    answer: HttpResponse | Exception = await self._client.fetch(
                        request, self._check)
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
        loop = self._client._loop
        if loop is not None and self._left:
            stop = asyncio.run_coroutine_threadsafe(_cancel(self._tasks), loop)
            if threading.current_thread().name != "http-loop":
                with contextlib.suppress(concurrent.futures.TimeoutError, RuntimeError):
                    stop.result(timeout=2)
        self._done.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until every request has ended (or the batch was cancelled); True if so."""
        return self._done.wait(timeout)
