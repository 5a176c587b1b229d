"""The rules between two sends: retries, redirects and the headers a hop keeps, which
proxy (NO_PROXY as `requests` reads it), which CA file. Why: docs/network.md.
"""

from __future__ import annotations

import ipaddress
import os
import urllib.request
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import urljoin, urlsplit

from audit.blocks import parse_retry_after
from audit.net.model import HttpRequest, HttpResponse, Origin
from audit.settings import validate_proxy

if TYPE_CHECKING:
    from yarl import URL

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_REDIRECTS = 10
_SECRET_HEADERS = frozenset({"authorization", "cookie", "proxy-authorization"})
_BODY = frozenset({"content-type", "content-length", "content-encoding", "transfer-encoding"})
_SECRET_WORDS = ("key", "token", "secret", "auth", "session", "password")


def retry_wait(resp: HttpResponse, attempt: int, retries: int, max_wait: float) -> float | None:
    """Seconds to wait before sending again, or None: `resp` is the answer."""
    if resp.status not in RETRY_STATUSES or attempt >= retries:
        return None
    wait = parse_retry_after(resp.header("retry-after"))
    if wait is None:
        wait = 0.5 * (2**attempt)
    return None if wait > max_wait else wait


class Hop(NamedTuple):
    """One request of a redirect chain (the first is the request itself)."""

    url: str
    method: str
    body: bytes | None
    headers: Mapping[str, str]
    origin: Origin


def next_hop(request: HttpRequest, hop: Hop, resp: HttpResponse) -> Hop | None:
    """Where a redirect answer leads (None: `resp` is the answer), with the headers it keeps."""
    location = resp.header("location")
    if not (request.follow_redirects and 300 <= resp.status < 400 and location):
        return None
    method, body = hop.method, hop.body
    if (resp.status == 303 and method != "HEAD") or (resp.status in (301, 302)
                                                     and method == "POST"):
        method, body = "GET", None
    url = urljoin(hop.url, location)
    a, b = urlsplit(hop.url), urlsplit(url)
    same = a.netloc.lower() == b.netloc.lower() and not (a.scheme == "https" != b.scheme)
    headers = {k: v for k, v in hop.headers.items()
               if (same or not _secret(k)) and (body is not None or k.lower() not in _BODY)}
    return Hop(url, method, body, headers, Origin.PAGE)  # where it leads, a page decided


def _secret(name: str) -> bool:
    low = name.lower()
    return low in _SECRET_HEADERS or any(w in low for w in _SECRET_WORDS)


def _no_proxy_match(host: str, port: int | None, entries: Sequence[str]) -> bool:
    host = host.strip("[]").rstrip(".").lower()
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        ip = None
    for entry in entries:
        entry = entry.strip().lower()
        if entry == "*":
            return True
        name, _, want_port = entry.rpartition(":") if entry.count(":") == 1 else (entry, "", "")
        if want_port and want_port != str(port):  # as requests: only that explicit port
            continue
        name = name.strip("[]").rstrip(".")
        if ip is not None:
            try:
                if ip in ipaddress.ip_network(name, strict=False):
                    return True
            except ValueError:
                pass
            continue
        name = name.lstrip(".").removeprefix("*.")
        if name and (host == name or host.endswith("." + name)):
            return True
    return False


class ProxyChoice:
    """Which proxy a URL goes through (None: direct)."""

    def __init__(self, explicit: str | None, trust_env: bool) -> None:
        self.explicit = validate_proxy(explicit) if explicit else None
        env = urllib.request.getproxies_environment() if trust_env and not explicit else {}
        self._by_scheme = {s: validate_proxy(env[s]) for s in ("http", "https", "all")
                           if env.get(s)}
        self._no = [e for e in env.get("no", "").replace(" ", ",").split(",") if e.strip()]
        self._seen: dict[tuple[str, str, int | None], str | None] = {}
        # Without a NO_PROXY entry naming a port, the port never changes the choice.
        self._ports = any(e.strip().count(":") == 1 for e in self._no)

    def for_target(self, url: URL) -> str | None:
        """The proxy for a URL parsed by `audit.net.urls.parse_url` (remembered per host)."""
        if self.explicit:
            return self.explicit
        port = url.explicit_port
        key = (url.scheme, (url.raw_host or "").lower(), port if self._ports else None)
        if key not in self._seen:
            proxy = self._by_scheme.get(key[0]) or self._by_scheme.get("all")
            direct = proxy and self._no and _no_proxy_match(key[1], port, self._no)
            self._seen[key] = None if direct else proxy
        return self._seen[key]


def resolve_ca_bundle(explicit: str | None, trust_env: bool = True) -> str | None:
    """The CA file to trust: the explicit one (checked by `Settings`), else the first usual
    environment variable naming a file."""
    if explicit or not trust_env:
        return explicit
    found = (os.environ.get(v) for v in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE"))
    return next((path for path in found if path and os.path.isfile(path)), None)
