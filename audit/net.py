"""The one HTTP layer: connection pools, TLS, proxies, timeouts, retries, size caps, logging.

Every request of every check goes through `HttpClient.send` (one request, on the caller's
thread) or `HttpClient.send_batch` (many independent requests at once, e.g. a catalog sweep).
Three engines share the same settings and behaviour: ``urllib3`` (requests' own transport,
called directly: about half the CPU of a `requests.Session`), ``requests`` (thread-local
sessions, for compatibility) and the event loop of `audit.netloop` (asyncio + h11: a fraction
of the CPU per request again, and every request of a sweep waiting at once). ``auto`` (the
default) sends batches on the event loop and single requests with urllib3. Either way:

- one TLS context per client (made on first use); `--ca-bundle` wins over
  REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE;
- `--proxy` (http, https, socks5, socks5h) wins over the proxy environment variables;
- 429 and 5xx are retried with backoff, honouring Retry-After up to a cap;
- bodies are streamed and cut at `max_bytes`;
- redirects are followed by hand (so every hop is guarded and logged) or not at all;
- page-sourced URLs never reach loopback/private/link-local addresses (`audit.addrguard`);
- each request is recorded in the request log, before it is sent.

Helpers: `audit.urls` (redacted and ASCII URL forms), `audit.netthreads` (reading answers
and naming errors for the threaded engines), `audit.netfinal` (1xx answers for urllib3),
`audit.batch` (batches on threads), `audit.netloop` (the event-loop engine).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import ssl
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from audit.addrguard import forbidden_reason
from audit.batch import Batch, ThreadBatch
from audit.blocks import BlockVerdict, classify_block
from audit.check import ForbiddenAddress, NetworkError, TimedOut
from audit.errors import ConfigError
from audit.httpmodel import HttpRequest, HttpResponse, Origin
from audit.models import RequestRecord, utcnow
from audit.netfinal import final_answers_only
from audit.netpolicy import MAX_REDIRECTS, final, next_hop, redirect_loop, retry_wait
from audit.netthreads import collect, map_transport_error
from audit.settings import Settings
from audit.urls import SECRET_PARAMS, ascii_url, redact_url

if TYPE_CHECKING:
    import requests
    import urllib3

    from audit.netloop import OnDone

__all__ = [
    "SECRET_PARAMS",
    "BlockVerdict",
    "HttpClient",
    "ascii_url",
    "classify_block",
    "redact_url",
    "resolve_ca_bundle",
]

_DROPPED = (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected)
_LOOP_PROXIES = frozenset({"http", "socks5", "socks5h"})  # the proxies audit.netloop speaks
_CHUNK = 65536


def resolve_ca_bundle(explicit: str | None, trust_env: bool = True) -> str | None:
    """The CA file to trust: the explicit one first, then the usual environment variables."""
    if explicit:
        if not os.path.isfile(explicit):
            raise ConfigError(f"CA bundle not found: {explicit}")
        return explicit
    if trust_env:
        for var in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE"):
            value = os.environ.get(var)
            if value and os.path.isfile(value):
                return value
    return None


def validate_proxy(proxy: str) -> str:
    """Check a proxy URL's form; raise ConfigError with a clear message if it is wrong."""
    parts = urlsplit(proxy)
    if parts.scheme not in ("http", "https", "socks5", "socks5h", "socks4", "socks4a"):
        raise ConfigError(
            f"bad proxy URL {proxy!r}: use http://, https://, socks5:// or socks5h:// "
            "(e.g. socks5h://127.0.0.1:9050 for Tor)"
        )
    try:
        port = parts.port
    except ValueError as exc:
        raise ConfigError(f"bad proxy URL {proxy!r}: {exc}") from exc
    if not parts.hostname or port is None:
        raise ConfigError(f"bad proxy URL {proxy!r}: it needs a host and a port")
    return proxy


class _HostLimiter:
    """A cap on simultaneous requests to one host."""

    def __init__(self, per_host: int) -> None:
        self._per_host = per_host
        self._lock = threading.Lock()
        self._sems: dict[str, threading.BoundedSemaphore] = {}

    def get(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            sem = self._sems.get(host)
            if sem is None:
                sem = self._sems[host] = threading.BoundedSemaphore(self._per_host)
            return sem


class HttpClient:
    """Sends `HttpRequest`s according to `Settings`; thread-safe; keeps the request log."""

    def __init__(
        self,
        settings: Settings,
        *,
        sleep: Callable[[float], None] = time.sleep,
        on_request: Callable[[RequestRecord], None] | None = None,
    ) -> None:
        self.settings = settings
        self._sleep = sleep
        self._on_request = on_request
        self._log: list[RequestRecord] = []
        self._log_lock = threading.Lock()
        self._open_slots: set[int] = set()
        self._limiter = _HostLimiter(settings.per_host)
        self.proxy = self._pick_proxy(settings)
        self.ca_bundle = resolve_ca_bundle(settings.ca_bundle, settings.trust_env)
        self._ssl_context: ssl.SSLContext | None = None
        self._ssl_lock = threading.Lock()
        self._pool: urllib3.PoolManager | None = None  # made on first use (urllib3 engine)
        self._pool_lock = threading.Lock()
        self._local = threading.local()

    # ----- set-up -------------------------------------------------------------------------

    @property
    def ssl_context(self) -> ssl.SSLContext:
        """The TLS context (made on first use: loading the CA store costs ~25 ms)."""
        with self._ssl_lock:
            if self._ssl_context is None:
                self._ssl_context = ssl.create_default_context(cafile=self.ca_bundle)
            return self._ssl_context

    @staticmethod
    def _pick_proxy(settings: Settings) -> str | None:
        if settings.proxy:
            return validate_proxy(settings.proxy)
        if settings.trust_env:
            import urllib.request  # only to read the proxy settings: keeps start-up light

            env = urllib.request.getproxies()
            value = env.get("https") or env.get("all") or env.get("http")
            if value:
                return validate_proxy(value)
        return None

    def _urllib3_pool(self) -> urllib3.PoolManager:
        """The urllib3 pool, made on first use: a sweep on the event loop never needs it."""
        with self._pool_lock:
            if self._pool is None:
                self._pool = self._make_pool()
            return self._pool

    def _make_pool(self) -> urllib3.PoolManager:
        import urllib3

        kw: dict[str, Any] = {
            "num_pools": max(64, self.settings.concurrency * 2),
            "maxsize": self.settings.per_host,
            "block": False,
            "ssl_context": self.ssl_context,
            "retries": False,
        }
        manager: urllib3.PoolManager
        if self.proxy is None:
            manager = urllib3.PoolManager(**kw)
        elif self.proxy.startswith("socks"):
            from urllib3.contrib.socks import SOCKSProxyManager

            manager = SOCKSProxyManager(self.proxy, **kw)
        else:
            manager = urllib3.ProxyManager(self.proxy, proxy_ssl_context=self.ssl_context, **kw)
        result: urllib3.PoolManager = final_answers_only(manager)  # 1xx skipped, 10 at most
        return result

    def _session(self) -> requests.Session:
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            import requests  # only for the `requests` engine: keeps start-up light

            session = requests.Session()
            # NOTE: trust_env=False, or requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE override
            # session.verify and the proxy variables override ours; we resolved both already.
            session.trust_env = False
            session.verify = self.ca_bundle or True
            if self.proxy:
                session.proxies = {"http": self.proxy, "https": self.proxy}
            adapter = requests.adapters.HTTPAdapter(
                pool_connections=64, pool_maxsize=self.settings.per_host, max_retries=0
            )
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            self._local.session = session
        return session

    # ----- request log --------------------------------------------------------------------

    @property
    def request_log(self) -> tuple[RequestRecord, ...]:
        """Every request sent so far, in order."""
        with self._log_lock:
            return tuple(self._log)

    def _begin(self, record: RequestRecord) -> int:
        with self._log_lock:
            self._log.append(record)
            slot = len(self._log) - 1
            self._open_slots.add(slot)
            return slot

    def _finish(self, slot: int, record: RequestRecord) -> None:
        with self._log_lock:
            self._log[slot] = record
            self._open_slots.discard(slot)
        if self._on_request is not None:
            self._on_request(record)

    def unfinished(self) -> tuple[RequestRecord, ...]:
        """The log entries of requests sent and not answered (yet)."""
        with self._log_lock:
            return tuple(self._log[slot] for slot in sorted(self._open_slots))

    def add_record(self, record: RequestRecord) -> None:
        """Add a request sent elsewhere on this scan's behalf (a worker process)."""
        with self._log_lock:
            self._log.append(record)

    # ----- sending ------------------------------------------------------------------------

    def send(self, request: HttpRequest, check: str = "") -> HttpResponse:
        """Send a request, following redirects if asked; raise on transport failure."""
        url, method, body = request.url, request.method, request.body
        redirects: list[str] = []
        for _hop in range(MAX_REDIRECTS + 1):
            url = ascii_url(url)
            self._guard(url, request.origin if not redirects else Origin.PAGE)
            resp = self._send_with_retries(request, url, method, body, check)
            hop = next_hop(request, url, method, body, resp)
            if hop is None:
                return final(resp, redirects)
            redirects.append(url)
            url, method, body = hop
        raise redirect_loop()

    def send_batch(
        self,
        requests: Sequence[HttpRequest],
        check: str,
        on_done: OnDone,
        concurrency: int | None = None,
    ) -> Batch:
        """Send independent requests at once in the background; `on_done(i, answer)` gets each
        `HttpResponse` (or the `CheckFailure` / other error) from a background thread. At most
        `concurrency` (default: the settings') are in flight at once.

        With ``engine="auto"`` they go through the event loop (`audit.netloop`) unless the
        proxy is one it does not speak (https://, socks4), in which case, as with the
        ``urllib3`` and ``requests`` engines, they are sent by `send` on pool threads."""
        limit = concurrency or self.settings.concurrency
        if self.uses_loop:
            from audit.netloop import LoopBatch  # asyncio and h11: only when a batch runs

            sleep = None if self._sleep is time.sleep else self._sleep
            return LoopBatch(self, requests, check, on_done, limit, sleep)
        return ThreadBatch(self, requests, check, on_done, limit)

    @property
    def uses_loop(self) -> bool:
        """True when batches go through the event-loop engine."""
        if self.settings.engine != "auto":
            return False
        return self.proxy is None or urlsplit(self.proxy).scheme.lower() in _LOOP_PROXIES

    def guard(self, url: str, origin: Origin) -> None:
        """Raise ForbiddenAddress for a page-sourced URL aimed inside the user's network."""
        self._guard(url, origin)

    def headers_for(self, request: HttpRequest) -> dict[str, str]:
        """The headers every engine sends for `request` (Host and Content-Length aside)."""
        headers = {
            "User-Agent": self.settings.user_agent,
            "Accept-Language": "en,fr;q=0.8",
            "Accept-Encoding": "gzip, deflate",
        }
        headers.update(request.headers)
        return headers

    @contextlib.contextmanager
    def logged(
        self, method: str, url: str, check: str, sends: tuple[str, ...]
    ) -> Iterator[Callable[[int], None]]:
        """Record one request in the log before it is sent, and its outcome after; the body
        calls the yielded function with the status. A request abandoned at the deadline
        (cancelled) keeps the record 'no answer before the scan ended'."""
        shown = redact_url(url)
        started, t0 = utcnow(), time.monotonic()
        slot = self._begin(
            RequestRecord(
                method=method,
                url=shown,
                started_at=started,
                check=check,
                error="no answer before the scan ended",
                sends=sends,
            )
        )
        status: list[int] = []
        error = ""
        try:
            yield status.append
        except (TimedOut, NetworkError) as exc:
            error = exc.detail
            raise
        except Exception:
            raise
        except BaseException:  # cancelled: the placeholder stays
            slot = -1
            raise
        finally:
            if slot >= 0:
                self._finish(
                    slot,
                    RequestRecord(
                        method=method,
                        url=shown,
                        status=status[-1] if status else None,
                        started_at=started,
                        elapsed_s=time.monotonic() - t0,
                        check=check,
                        error=error.replace(url, shown),
                        sends=sends,
                    ),
                )

    def _guard(self, url: str, origin: Origin) -> None:
        if origin is not Origin.PAGE or self.settings.allow_private:
            return
        try:
            why = forbidden_reason(url, behind_proxy=self.proxy is not None)
        except ValueError as exc:  # e.g. a port out of range
            raise NetworkError(f"bad URL {redact_url(url)[:100]!r}: {exc}") from exc
        if why:
            raise ForbiddenAddress(f"not fetched: {why}")

    def _send_with_retries(
        self, request: HttpRequest, url: str, method: str, body: bytes | None, check: str
    ) -> HttpResponse:
        retries = self.settings.retries if request.retries is None else request.retries
        attempt = 0
        while True:
            resp = self._send_once(request, url, method, body, check)
            wait = retry_wait(resp, attempt, retries, self.settings.max_retry_wait)
            if wait is None:
                return resp
            attempt += 1
            self._sleep(wait)

    def _send_once(
        self, request: HttpRequest, url: str, method: str, body: bytes | None, check: str
    ) -> HttpResponse:
        headers = self.headers_for(request)
        timeout = request.timeout or self.settings.timeout
        max_bytes = request.max_bytes or self.settings.max_bytes
        host = urlsplit(url).netloc.lower()
        # logged before it is sent: a report taken at the deadline still lists it
        with self.logged(method, url, check, request.sends) as note, self._limiter.get(host):
            if self.settings.engine != "requests":
                resp = self._urllib3(url, method, headers, body, timeout, max_bytes)
            else:
                resp = self._requests(url, method, headers, body, timeout, max_bytes)
            note(resp.status)
            return resp

    def _urllib3(
        self,
        url: str,
        method: str,
        headers: dict[str, str],
        body: bytes | None,
        timeout: float,
        max_bytes: int,
    ) -> HttpResponse:
        import urllib3

        pool = self._urllib3_pool()
        t0 = time.monotonic()
        for attempt in (1, 2):
            try:
                raw = pool.request(
                    method,
                    url,
                    body=body,
                    headers=headers,
                    redirect=False,
                    retries=False,
                    preload_content=False,
                    timeout=urllib3.Timeout(connect=timeout, read=timeout),
                )
                break
            except urllib3.exceptions.ProtocolError as exc:
                # a kept-alive connection the server had closed: once more, on a new one
                if attempt == 2 or not isinstance(exc.__context__ or exc.args[-1], _DROPPED):
                    raise map_transport_error(exc) from exc
            except Exception as exc:
                raise map_transport_error(exc) from exc
        try:
            resp = collect(
                url,
                raw.status,
                raw.headers,
                lambda: raw.read1(_CHUNK, decode_content=True),
                t0,
                timeout,
                max_bytes,
            )
        except Exception as exc:
            raw.release_conn()
            raise map_transport_error(exc) from exc
        if resp.truncated:
            raw.close()  # the rest of the body is not read: the connection cannot be reused
        else:
            raw.release_conn()
        return resp

    def _requests(
        self,
        url: str,
        method: str,
        headers: dict[str, str],
        body: bytes | None,
        timeout: float,
        max_bytes: int,
    ) -> HttpResponse:
        t0 = time.monotonic()
        try:
            raw = self._session().request(
                method,
                url,
                data=body,
                headers=headers,
                allow_redirects=False,
                stream=True,
                timeout=(timeout, timeout),
            )
        except Exception as exc:
            raise map_transport_error(exc) from exc
        try:
            return collect(
                url,
                raw.status_code,
                raw.headers,
                lambda: raw.raw.read1(_CHUNK, decode_content=True),
                t0,
                timeout,
                max_bytes,
            )
        except Exception as exc:
            raise map_transport_error(exc) from exc
        finally:
            raw.close()

    def close(self) -> None:
        """Close pooled connections."""
        if self._pool is not None:
            self._pool.clear()
