"""One-off calls to fixed, well-known services that the person asks for by name (`sites
update`, `evidence add`), sent with `requests`: `HttpClient`'s own request path, run in the
caller's thread, with `requests` for the exchange (docs/network.md).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import time
from types import MappingProxyType
from typing import TYPE_CHECKING

from audit.check import TimedOut
from audit.net.client import HttpClient, as_failure
from audit.net.model import HttpRequest, HttpResponse

if TYPE_CHECKING:
    import requests
    from yarl import URL

    from audit.net.policy import Hop


class OneOffClient(HttpClient):
    """`HttpClient` for a few requests, sent with `requests` (no background loop)."""

    _requests: requests.Session

    def send(self, request: HttpRequest, check: str = "") -> HttpResponse:
        """Send a request from the caller's thread; raise a `CheckFailure` on failure."""
        import requests

        loop = asyncio.new_event_loop()
        self.new_limits()
        self._requests = requests.Session()
        self._requests.trust_env = False  # the proxy and CA were chosen by `HttpClient`
        try:
            return loop.run_until_complete(self.fetch(request, check))
        finally:
            self._requests.close()
            loop.close()

    async def _exchange(self, request: HttpRequest, target: URL, hop: Hop, guarded: bool,
                        left: float) -> HttpResponse:
        """One exchange with `requests`, blocking: nothing else runs on this loop."""
        proxy = self.proxies.for_target(target)
        if guarded and not proxy:  # a name a page chose; `requests` then looks it up again
            from audit.net.sessions import GuardedResolver

            with contextlib.suppress(OSError):  # a failed lookup: the request reports it
                await GuardedResolver(True).resolve(target.raw_host or "", 0, socket.AF_UNSPEC)
        timeout = request.timeout or self.settings.timeout
        total = min(left, timeout * 3)
        max_bytes = request.max_bytes or self.settings.max_bytes
        t0 = time.monotonic()
        try:
            raw = self._requests.request(
                hop.method, str(target), data=hop.body, headers=dict(hop.headers),
                allow_redirects=False, stream=True, timeout=(timeout, timeout),
                verify=self.ca_bundle or True,
                proxies={"http": proxy, "https": proxy} if proxy else None)
            with raw:
                data, size = [], 0
                for chunk in raw.iter_content(65536):
                    data.append(chunk)
                    size += len(chunk)
                    if size >= max_bytes or time.monotonic() - t0 > total:
                        break
        except Exception as exc:
            raise as_failure(exc, proxy) from exc
        if size < max_bytes and time.monotonic() - t0 > total:
            raise TimedOut(f"timed out: body still arriving after {total:g} s")
        merged = {k.lower(): v for k, v in raw.headers.items()}
        return HttpResponse(str(target), raw.status_code, MappingProxyType(merged),
                            b"".join(data)[:max_bytes], time.monotonic() - t0,
                            size >= max_bytes)

