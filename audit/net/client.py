"""The HTTP engine: `HttpClient` sends every request of a scan on one aiohttp event loop,
each hop guarded and logged before it leaves, library errors turned into the checks' errors
(the path of a request: docs/network.md).
"""

from __future__ import annotations

import asyncio
import collections
import dataclasses
import functools
import math
import ssl
import threading
import time
import weakref
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import aiohttp
from yarl import URL

from audit.check import CheckFailure, NetworkError, TimedOut, UnexpectedResponse
from audit.models import RequestRecord, utcnow
from audit.net import loop as loops
from audit.net import policy
from audit.net.guard import GuardedResolver, refuse_local
from audit.net.loop import Batch
from audit.net.model import Answer, HttpRequest, HttpResponse, OnDone, Origin
from audit.net.policy import Hop
from audit.net.urls import host_key, parse_url, redact_text, redact_url
from audit.settings import Settings

Key = tuple[str | None, bool]
Chosen = tuple[aiohttp.ClientSession, str | None, dict[str, str] | None]
_BASE_HEADERS = {"Accept-Language": "en,fr;q=0.8", "Accept-Encoding": "gzip, deflate, br"}
_NOT_SENT = "not sent: the scan's deadline was reached or it was interrupted"


class HttpClient:
    """Sends `HttpRequest`s according to `Settings`; thread-safe; keeps the request log."""

    def __init__(self, settings: Settings, *, sleep: Callable[[float], None] | None = None
                 ) -> None:
        self.settings = settings
        self._sleep = sleep  # tests: record the waits instead of waiting
        self._log: list[RequestRecord] = []
        self._lock = threading.Lock()
        self.proxies = policy.ProxyChoice(settings.proxy, settings.trust_env)
        self.ca_bundle = policy.resolve_ca_bundle(settings.ca_bundle, settings.trust_env)
        self._ssl: ssl.SSLContext | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._open: dict[Key, aiohttp.ClientSession] = {}  # what the loop's end closes
        self._chosen: dict[Key, Chosen] = {}
        self._slots = asyncio.Semaphore(fd_room(settings.concurrency))
        self._hosts: dict[str, asyncio.Semaphore] = collections.defaultdict(
            lambda: asyncio.Semaphore(settings.per_host))
        self.tasks: set[asyncio.Future[Any]] = set()
        self.wanted: collections.Counter[str] = collections.Counter()  # requests per host
        self.stop_at = math.inf
        self.stopped = False

    def running_loop(self) -> asyncio.AbstractEventLoop:
        """The loop (started on first use)."""
        with self._lock:
            if self.loop is None:
                self.loop, self._thread = loops.start()
                weakref.finalize(self, loops.shut, self.loop, self._thread, self._open)
            return self.loop

    def open_until(self, deadline: float) -> None:
        """Accept requests again, until `deadline` (time.monotonic()); none after it."""
        self.stopped, self.stop_at = False, deadline

    def stop(self) -> None:
        """Send and retry nothing more, abandon what is in flight, close the connections."""
        self.stopped = True
        if self.loop is not None:
            loops.call(self.loop, loops.cancel(list(self.tasks), self._open))

    def close(self) -> None:
        """Stop, and end the loop and its thread."""
        self.stop()
        with self._lock:
            loop, thread, self.loop = self.loop, self._thread, None
        if loop is not None and thread is not None:
            loops.shut(loop, thread, self._open)

    @property
    def request_log(self) -> tuple[RequestRecord, ...]:
        """Every request sent so far, in order."""
        with self._lock:
            return tuple(self._log)

    def _log_start(self, method: str, url: str, check: str, sends: tuple[str, ...]
                   ) -> tuple[int, float]:
        """The log entry of a request about to be sent: its slot and start time."""
        record = RequestRecord(method=method, url=redact_url(url), started_at=utcnow(),
                               check=check, sends=sends,
                               error="no answer before the scan ended")
        with self._lock:
            self._log.append(record)
            return len(self._log) - 1, time.monotonic()

    def _log_end(self, slot: int, t0: float, status: int | None, error: str, url: str
                 ) -> None:
        """The outcome of the request logged in `slot` (`url` in an error shown redacted)."""
        with self._lock:
            begun = self._log[slot]
            self._log[slot] = dataclasses.replace(
                begun, status=status, elapsed_s=time.monotonic() - t0,
                error=error.replace(url, begun.url) if error else "")

    def send(self, request: HttpRequest, check: str = "") -> HttpResponse:
        """Send a request (following redirects if asked); raise a `CheckFailure` on failure."""
        if loops.on_loop():
            raise RuntimeError("send() would block the HTTP loop: await fetch() there")
        answers: list[Answer] = []
        batch = Batch(self, (request,), check, lambda _i, answer: answers.append(answer), 1)
        try:
            batch.wait()
        except BaseException:
            batch.cancel()
            raise
        if not answers:  # abandoned: the client was stopped
            raise TimedOut(_NOT_SENT)
        if isinstance(answers[0], Exception):
            raise answers[0]
        return answers[0]

    def send_batch(self, requests: Sequence[HttpRequest], check: str, on_done: OnDone,
                   concurrency: int | None = None) -> Batch:
        """Send independent requests at once, `on_done(i, answer)` on the loop's thread."""
        return Batch(self, requests, check, on_done, concurrency or self.settings.concurrency)

    async def fetch(self, request: HttpRequest, check: str = "") -> HttpResponse:
        """`request` answered on the loop: redirects followed hop by hop, each one guarded."""
        headers = {"User-Agent": self.settings.user_agent, **_BASE_HEADERS, **request.headers}
        hop = Hop(request.url, request.method, request.body, headers, request.origin)
        redirects: list[str] = []
        for _hop in range(policy.MAX_REDIRECTS + 1):
            resp = await self._with_retries(request, hop, check)
            after = policy.next_hop(request, hop, resp)
            if after is None:
                return dataclasses.replace(resp, redirects=tuple(redirects)) if redirects else resp
            redirects.append(hop.url)
            hop = after
        raise UnexpectedResponse(f"more than {policy.MAX_REDIRECTS} redirects (redirect loop?)")

    async def _with_retries(self, request: HttpRequest, hop: Hop, check: str) -> HttpResponse:
        retries = self.settings.retries if request.retries is None else request.retries
        attempt = 0
        while True:
            resp = await self._attempt(request, hop, check)
            wait = policy.retry_wait(resp, attempt, retries, self.settings.max_retry_wait)
            if wait is None or self.stopped or time.monotonic() + wait >= self.stop_at:
                return resp
            attempt += 1
            if self._sleep is not None:
                self._sleep(wait)
            else:
                await asyncio.sleep(wait)

    async def _attempt(self, request: HttpRequest, hop: Hop, check: str) -> HttpResponse:
        guarded = hop.origin is Origin.PAGE and not self.settings.allow_private
        if guarded:
            refuse_local(hop.url)
        slot, t0 = self._log_start(hop.method, hop.url, check, request.sends)
        try:
            target = parse_url(hop.url)
            async with self._slots, self._hosts[f"{target.raw_host}:{target.port}"]:
                left = self.stop_at - time.monotonic()
                if self.stopped or left <= 0:
                    raise TimedOut(_NOT_SENT)
                resp = await self._exchange(request, target, hop, guarded, left)
        except CheckFailure as exc:
            self._log_end(slot, t0, None, exc.detail, hop.url)
            raise
        except asyncio.CancelledError:  # abandoned: 'no answer before the scan ended' stays
            raise
        except BaseException:
            self._log_end(slot, t0, None, "", hop.url)
            raise
        self._log_end(slot, t0, resp.status, "", hop.url)
        return resp

    async def _exchange(self, request: HttpRequest, target: URL, hop: Hop, guarded: bool,
                        left: float) -> HttpResponse:
        """One exchange with aiohttp: `timeout` to connect and between reads, at most three
        times that in all, and never past the `left` seconds of the scan."""
        limit = request.timeout or self.settings.timeout
        proxy = self.proxies.for_target(target)
        chosen = self._chosen.get((proxy, guarded))
        if chosen is None or chosen[0].closed:  # new, or closed by the end of a scan
            chosen = self._chosen[(proxy, guarded)] = _session(self._open, proxy, guarded)
        session, via, auth = chosen
        max_bytes = request.max_bytes or self.settings.max_bytes
        headers = hop.headers
        if auth and target.scheme == "http":  # absolute-form: the proxy reads this request
            headers = {**headers, **auth}
        if self.wanted[host_key(hop.url)] <= 1:  # the host's last request: no idle socket kept
            headers = {**headers, "Connection": "close"}
        t0, phase = time.monotonic(), "no answer"
        try:
            async with asyncio.timeout(min(left, limit * 3)), session.request(
                hop.method, target, headers=headers, data=hop.body, allow_redirects=False,
                proxy=via, proxy_headers=auth, timeout=_timeout(limit),
                ssl=self.ssl_context() if target.scheme == "https" or via else True,
            ) as raw:
                if via and raw.status == 407:
                    raise NetworkError("proxy error: 407 proxy authentication required")
                phase = "body still arriving"
                data, truncated = await _read_capped(raw, max_bytes)
                merged = _merged(raw.headers)
        except TimeoutError as exc:
            raise TimedOut(f"timed out: {phase} after {time.monotonic() - t0:.3g} s") from exc
        except CheckFailure:
            raise
        except Exception as exc:
            raise as_failure(exc, proxy) from exc
        return HttpResponse(url=str(target), status=raw.status,
                            headers=MappingProxyType(merged), body=data,
                            elapsed_s=time.monotonic() - t0, truncated=truncated)

    def ssl_context(self) -> ssl.SSLContext:
        """The TLS settings (the client's CA), made on the first https request."""
        if self._ssl is None:
            self._ssl = ssl.create_default_context(cafile=self.ca_bundle)
        return self._ssl


def fd_room(wanted: int) -> int:
    """How many sockets may be open at once: `wanted`, within the open-files limit."""
    try:
        import resource
    except ImportError:  # Windows
        return max(1, min(wanted, 500))
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    return wanted if soft == resource.RLIM_INFINITY else max(1, min(wanted, soft - 64))


@functools.lru_cache(maxsize=16)
def _timeout(seconds: float) -> aiohttp.ClientTimeout:
    """The connect and idle-read limits of one attempt."""
    return aiohttp.ClientTimeout(sock_connect=seconds, sock_read=seconds)


def _merged(headers: Mapping[str, str]) -> dict[str, str]:
    """The answer's headers by lower-case name, repeated ones joined with ", "."""
    out: dict[str, str] = {}
    for name, value in headers.items():
        key = name.lower()
        out[key] = f"{out[key]}, {value}" if key in out else value
    return out


async def _read_capped(raw: aiohttp.ClientResponse, max_bytes: int) -> tuple[bytes, bool]:
    """The decoded body, cut at `max_bytes` (True when cut: the connection is dropped)."""
    try:
        data = await raw.content.readexactly(max_bytes)
    except asyncio.IncompleteReadError as short:  # the whole body, under the cap
        return short.partial, False
    raw.close()
    return data, True


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and cur not in seen and len(seen) < 8:
        seen.append(cur)
        cur = cur.__cause__ or cur.__context__
    return seen


def as_failure(exc: BaseException, proxy: str | None = None) -> CheckFailure:
    """The check-facing error for `exc`."""
    if isinstance(exc, CheckFailure):
        return exc
    seen = _chain(exc)
    names = " ".join(type(e).__name__ for e in seen)
    text = "; ".join(dict.fromkeys(str(e) for e in seen[:2] if str(e))) or type(exc).__name__
    if proxy:
        text = text.replace(proxy, "the proxy")
    text = redact_text(text)[:300]
    if "Timeout" in names or "timed out" in text.lower():
        return TimedOut(f"timed out: {text}")
    if "Proxy" in names or "SOCKS" in names.upper():
        return NetworkError(f"proxy error: {text}")
    if "SSL" in names or "Certificate" in names:
        return NetworkError(f"TLS error: {text}")
    if "DNS" in names or "gaierror" in names:
        return NetworkError(f"DNS error: {text}")
    return NetworkError(text)


def _session(sessions: dict[Key, aiohttp.ClientSession], proxy: str | None, guarded: bool
             ) -> Chosen:
    """The session for `proxy` (`guarded`: refusing non-public answers; made on first use, one
    per proxy and guard setting), the proxy URL and the credentials aiohttp takes."""
    parsed = URL(proxy) if proxy else None
    scheme = parsed.scheme if parsed is not None else ""
    local_dns = scheme in ("", "socks5", "socks4")
    key = (proxy, guarded and local_dns)
    via, auth = None, None
    if parsed is not None and scheme in ("http", "https"):
        via = str(parsed.with_user(None))
        if parsed.user is not None:
            auth = {"Proxy-Authorization": aiohttp.encode_basic_auth(
                parsed.user, parsed.password or "")}
    session = sessions.get(key)
    if session is None:
        session = sessions[key] = aiohttp.ClientSession(
            connector=_connector(parsed, key[1], local_dns),
            cookie_jar=aiohttp.DummyCookieJar(), trust_env=False, auto_decompress=True,
            skip_auto_headers=("User-Agent",))
    return session, via, auth


def _connector(proxy: URL | None, refuse: bool, local_dns: bool) -> aiohttp.BaseConnector:
    kw: dict[str, Any] = {"limit": 0, "use_dns_cache": False}
    if proxy is None or not proxy.scheme.startswith("socks"):
        return aiohttp.TCPConnector(resolver=GuardedResolver(refuse), **kw)
    from aiohttp_socks import ProxyConnector, ProxyType

    kind = ProxyType.SOCKS4 if proxy.scheme.startswith("socks4") else ProxyType.SOCKS5
    connector = ProxyConnector(proxy_type=kind, host=proxy.raw_host or "",
                               port=proxy.port or 1080, username=proxy.user,
                               password=proxy.password, rdns=not local_dns, **kw)
    if local_dns:  # look the name up here, guarded, and give the proxy the address
        connector._resolver = GuardedResolver(refuse)
    return connector
