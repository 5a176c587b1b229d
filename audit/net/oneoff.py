"""One-off calls to fixed, well-known services on `requests` (`sites update`, `evidence add
--archive`): the person asks for each by name; nothing a scan sweeps goes through here.

`OneOffClient` is an `HttpClient` whose `send` uses a `requests` session on the caller's
thread, with the same proxy choice, CA, request log, address guard, redirect rules (one hop
at a time, secret headers dropped) and body cap.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from types import MappingProxyType
from typing import Any

from audit.check import CheckFailure, ForbiddenAddress, TimedOut
from audit.net.client import HttpClient
from audit.net.errors import as_failure
from audit.net.guard import non_public
from audit.net.model import HttpRequest, HttpResponse, Origin
from audit.net.policy import MAX_REDIRECTS, final, hop_headers, next_hop, redirect_loop
from audit.net.urls import parse_url


class OneOffClient(HttpClient):
    """`HttpClient` for a few requests, sent with `requests` (no event loop)."""

    def send(self, request: HttpRequest, check: str = "") -> HttpResponse:
        import requests

        session = requests.Session()
        session.trust_env = False  # the proxy and CA were chosen by `HttpClient`
        url, method, body = request.url, request.method, request.body
        headers, origin = self.headers_for(request), request.origin
        redirects: list[str] = []
        try:
            for _hop in range(MAX_REDIRECTS + 1):
                self.guard(url, origin)
                if origin is Origin.PAGE and not self.proxies.for_url(url):
                    self._resolve_guard(url)
                resp = self._once(session, request, url, method, headers, body, check)
                hop = next_hop(request, url, method, body, resp)
                if hop is None:
                    return final(resp, redirects)
                redirects.append(url)
                headers = hop_headers(headers, url, hop)
                url, method, body = hop
                origin = Origin.PAGE
        finally:
            session.close()
        raise redirect_loop()

    def _resolve_guard(self, url: str) -> None:
        """A redirect to a name: refused when it resolves to a non-public address (requests
        looks it up again: these calls go to fixed services, not to what pages say)."""
        if self.settings.allow_private:
            return
        host = parse_url(url).raw_host or ""
        try:
            infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
        except OSError:
            return  # the request reports the DNS failure
        for info in infos:
            addr = str(info[4][0])
            if non_public(ipaddress.ip_address(addr.split("%")[0])):
                raise ForbiddenAddress(f"not fetched: {host} resolves to a non-public address")

    def _once(self, session: Any, request: HttpRequest, url: str, method: str,
              headers: dict[str, str], body: bytes | None, check: str) -> HttpResponse:
        timeout = request.timeout or self.settings.timeout
        max_bytes = request.max_bytes or self.settings.max_bytes
        proxy = self.proxies.for_url(url)
        with self.logged(method, url, check, request.sends) as note:
            target = str(parse_url(url))
            t0 = time.monotonic()
            try:
                raw = session.request(
                    method, target, data=body, headers=headers, allow_redirects=False,
                    stream=True, timeout=(timeout, timeout), verify=self.ca_bundle or True,
                    proxies={"http": proxy, "https": proxy} if proxy else None)
                with raw:
                    data, size = [], 0
                    for chunk in raw.iter_content(65536):
                        data.append(chunk)
                        size += len(chunk)
                        if size >= max_bytes or time.monotonic() - t0 > 3 * timeout:
                            break
            except CheckFailure:
                raise
            except Exception as exc:
                raise as_failure(exc, proxy) from exc
            if size < max_bytes and time.monotonic() - t0 > 3 * timeout:
                raise TimedOut(f"timed out: body still arriving after {3 * timeout:g} s")
            note(raw.status_code)
            merged = {k.lower(): v for k, v in raw.headers.items()}
            return HttpResponse(target, raw.status_code, MappingProxyType(merged),
                                b"".join(data)[:max_bytes], time.monotonic() - t0,
                                size >= max_bytes)
