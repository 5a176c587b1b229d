"""The one HTTP layer: connection pools, TLS, proxies, timeouts, retries, size caps, logging.

Every request of every check goes through `HttpClient.send`. Two engines share the same
settings and behaviour: ``urllib3`` (default; requests' own transport, called directly, which
costs about half the CPU per request and matters for sweeps of hundreds of sites) and
``requests`` (thread-local `requests.Session`s, for compatibility). Either way:

- one TLS context per client; `--ca-bundle` wins over REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE;
- `--proxy` (http, https, socks5, socks5h) wins over the proxy environment variables;
- 429 and 5xx are retried with backoff, honouring Retry-After up to a cap;
- bodies are streamed and cut at `max_bytes`;
- redirects are followed by hand (so every hop is guarded and logged) or not at all;
- page-sourced URLs never reach loopback/private/link-local addresses (`audit.addrguard`);
- each request is recorded in the request log.
"""

from __future__ import annotations

import os
import re
import ssl
import threading
import time
import urllib.request
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import urllib3
from urllib3.contrib.socks import SOCKSProxyManager

from audit.addrguard import forbidden_reason
from audit.blocks import BlockVerdict, classify_block, parse_retry_after
from audit.check import ForbiddenAddress, NetworkError, TimedOut, UnexpectedResponse
from audit.errors import ConfigError
from audit.httpmodel import HttpRequest, HttpResponse, Origin
from audit.models import RequestRecord, utcnow
from audit.settings import Settings

if TYPE_CHECKING:
    import requests

__all__ = [
    "SECRET_PARAMS",
    "BlockVerdict",
    "HttpClient",
    "classify_block",
    "redact_url",
    "resolve_ca_bundle",
]

# Query parameters that carry API keys: never written to the request log or history.
SECRET_PARAMS: frozenset[str] = frozenset(
    {"api_key", "apikey", "key", "token", "access_token", "auth", "secret"}
)


_SECRET_IN_TEXT = re.compile(
    r"\b((?:" + "|".join(sorted(SECRET_PARAMS)) + r")=)[^&\s'\"]+", re.IGNORECASE
)


def redact_url(url: str) -> str:
    """The URL with secret query parameters replaced by REDACTED (for logs and history)."""
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if not any(k.lower() in SECRET_PARAMS for k, _ in pairs):
        return url
    clean = [(k, "REDACTED" if k.lower() in SECRET_PARAMS else v) for k, v in pairs]
    return urlunsplit(parts._replace(query=urlencode(clean)))


_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_MAX_REDIRECTS = 10
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
        self._limiter = _HostLimiter(settings.per_host)
        self.proxy = self._pick_proxy(settings)
        self.ca_bundle = resolve_ca_bundle(settings.ca_bundle, settings.trust_env)
        self.ssl_context = ssl.create_default_context(cafile=self.ca_bundle)
        self._pool: urllib3.PoolManager | None = None
        self._local = threading.local()
        if settings.engine == "urllib3":
            self._pool = self._make_pool()

    # ----- set-up -------------------------------------------------------------------------

    @staticmethod
    def _pick_proxy(settings: Settings) -> str | None:
        if settings.proxy:
            return validate_proxy(settings.proxy)
        if settings.trust_env:
            env = urllib.request.getproxies()
            value = env.get("https") or env.get("all") or env.get("http")
            if value:
                return validate_proxy(value)
        return None

    def _make_pool(self) -> urllib3.PoolManager:
        kw = {
            "num_pools": max(64, self.settings.concurrency * 2),
            "maxsize": self.settings.per_host,
            "block": False,
            "ssl_context": self.ssl_context,
            "retries": False,
        }
        if self.proxy is None:
            return urllib3.PoolManager(**kw)  # type: ignore[arg-type]
        if self.proxy.startswith("socks"):
            return SOCKSProxyManager(self.proxy, **kw)  # type: ignore[arg-type]
        return urllib3.ProxyManager(self.proxy, proxy_ssl_context=self.ssl_context, **kw)  # type: ignore[arg-type]

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
            return len(self._log) - 1

    def _finish(self, slot: int, record: RequestRecord) -> None:
        with self._log_lock:
            self._log[slot] = record
        if self._on_request is not None:
            self._on_request(record)

    def add_record(self, record: RequestRecord) -> None:
        """Add a request sent elsewhere on this scan's behalf (a worker process)."""
        with self._log_lock:
            self._log.append(record)

    # ----- sending ------------------------------------------------------------------------

    def send(self, request: HttpRequest, check: str = "") -> HttpResponse:
        """Send a request, following redirects if asked; raise on transport failure."""
        url = request.url
        redirects: list[str] = []
        method, body = request.method, request.body
        for _hop in range(_MAX_REDIRECTS + 1):
            self._guard(url, request.origin if not redirects else Origin.PAGE)
            resp = self._send_with_retries(request, url, method, body, check)
            location = resp.header("location")
            if not (request.follow_redirects and 300 <= resp.status < 400 and location):
                return HttpResponse(
                    url=resp.url,
                    status=resp.status,
                    headers=resp.headers,
                    body=resp.body,
                    elapsed_s=resp.elapsed_s,
                    truncated=resp.truncated,
                    redirects=tuple(redirects),
                )
            redirects.append(url)
            url = urljoin(url, location)
            if resp.status in (301, 302, 303) and method == "POST":
                method, body = "GET", None
        raise UnexpectedResponse(f"more than {_MAX_REDIRECTS} redirects (redirect loop?)")

    def _guard(self, url: str, origin: Origin) -> None:
        if origin is not Origin.PAGE or self.settings.allow_private:
            return
        why = forbidden_reason(url, behind_proxy=self.proxy is not None)
        if why:
            raise ForbiddenAddress(f"not fetched: {why}")

    def _send_with_retries(
        self, request: HttpRequest, url: str, method: str, body: bytes | None, check: str
    ) -> HttpResponse:
        retries = self.settings.retries if request.retries is None else request.retries
        attempt = 0
        while True:
            resp = self._send_once(request, url, method, body, check)
            if resp.status not in _RETRY_STATUSES or attempt >= retries:
                return resp
            wait = parse_retry_after(resp.header("retry-after"))
            if wait is None:
                wait = 0.5 * (2**attempt)
            if wait > self.settings.max_retry_wait:
                return resp  # the caller reports "rate-limited, retry after N s"
            attempt += 1
            self._sleep(wait)

    def _send_once(
        self, request: HttpRequest, url: str, method: str, body: bytes | None, check: str
    ) -> HttpResponse:
        headers = {"User-Agent": self.settings.user_agent, "Accept-Language": "en,fr;q=0.8"}
        headers.update(request.headers)
        timeout = request.timeout or self.settings.timeout
        max_bytes = request.max_bytes or self.settings.max_bytes
        host = urlsplit(url).netloc.lower()
        started, t0 = utcnow(), time.monotonic()
        status: int | None = None
        error = ""
        # logged before it is sent: a report taken at the deadline still lists it
        slot = self._begin(
            RequestRecord(
                method=method,
                url=redact_url(url),
                started_at=started,
                check=check,
                error="no answer before the scan ended",
                sends=request.sends,
            )
        )
        try:
            with self._limiter.get(host):
                if self._pool is not None:
                    resp = self._urllib3(url, method, headers, body, timeout, max_bytes)
                else:
                    resp = self._requests(url, method, headers, body, timeout, max_bytes)
            status = resp.status
            return resp
        except (TimedOut, NetworkError) as exc:
            error = exc.detail
            raise
        finally:
            self._finish(
                slot,
                RequestRecord(
                    method=method,
                    url=redact_url(url),
                    status=status,
                    started_at=started,
                    elapsed_s=time.monotonic() - t0,
                    check=check,
                    error=error.replace(url, redact_url(url)),
                    sends=request.sends,
                ),
            )

    def _urllib3(
        self,
        url: str,
        method: str,
        headers: dict[str, str],
        body: bytes | None,
        timeout: float,
        max_bytes: int,
    ) -> HttpResponse:
        assert self._pool is not None
        t0 = time.monotonic()
        try:
            raw = self._pool.request(
                method,
                url,
                body=body,
                headers=headers,
                redirect=False,
                retries=False,
                preload_content=False,
                timeout=urllib3.Timeout(connect=timeout, read=timeout),
            )
        except Exception as exc:
            raise _map_transport_error(exc) from exc
        try:
            resp = _collect(
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
            raise _map_transport_error(exc) from exc
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
            raise _map_transport_error(exc) from exc
        try:
            return _collect(
                url,
                raw.status_code,
                raw.headers,
                lambda: raw.raw.read1(_CHUNK, decode_content=True),
                t0,
                timeout,
                max_bytes,
            )
        except Exception as exc:
            raise _map_transport_error(exc) from exc
        finally:
            raw.close()

    def close(self) -> None:
        """Close pooled connections."""
        if self._pool is not None:
            self._pool.clear()


def _collect(
    url: str,
    status: int,
    headers: Mapping[str, str],
    read: Callable[[], bytes],
    t0: float,
    timeout: float,
    max_bytes: int,
) -> HttpResponse:
    """Read the body (read1: what has arrived, so a trickling body meets the time limit)
    up to `max_bytes`, and build the response both engines return."""
    data, truncated = _read_capped(read, max_bytes, t0, timeout * 3)
    return HttpResponse(
        url=url,
        status=status,
        headers=MappingProxyType({k.lower(): v for k, v in headers.items()}),
        body=data,
        elapsed_s=time.monotonic() - t0,
        truncated=truncated,
    )


def _read_capped(
    read: Callable[[], bytes], max_bytes: int, t0: float, total_limit: float
) -> tuple[bytes, bool]:
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = read()
        if not chunk:
            return b"".join(chunks), False
        chunks.append(chunk)
        size += len(chunk)
        if size >= max_bytes:
            return b"".join(chunks)[:max_bytes], True
        if time.monotonic() - t0 > total_limit:
            raise TimedOut(f"body still arriving after {total_limit:g} s")


def _map_transport_error(exc: BaseException) -> Exception:
    """Turn urllib3 / requests / socket errors into the check-facing errors."""
    if isinstance(exc, TimedOut | NetworkError):
        return exc
    seen: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and len(seen) < 8:
        seen.append(cur)
        reason = getattr(cur, "reason", None)
        nxt = reason if isinstance(reason, BaseException) else None
        cur = nxt or cur.__cause__ or cur.__context__
        if cur in seen:
            break
    names = " ".join(type(e).__name__ for e in seen)
    text = _SECRET_IN_TEXT.sub(r"\1REDACTED", "; ".join(str(e) for e in seen[:2]))[:300]
    if "Timeout" in names or "timed out" in text.lower():
        return TimedOut(f"timed out: {text}")
    if "ProxyError" in names or "SOCKS" in names:
        return NetworkError(f"proxy error: {text}")
    if "SSL" in names:
        return NetworkError(f"TLS error: {text}")
    return NetworkError(text or type(exc).__name__)
