"""One-off calls to fixed, well-known services that the person asks for by name (`sites
update`, `evidence add`): `HttpClient`'s own request path, with the exchange done by `requests`
on a helper thread of the loop (docs/network.md).
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
from audit.net.guard import GuardedResolver
from audit.net.model import HttpRequest, HttpResponse

if TYPE_CHECKING:
    from yarl import URL

    from audit.net.policy import Hop


class OneOffClient(HttpClient):
    """`HttpClient` for a few requests, each exchange sent with `requests`."""

    async def _exchange(self, request: HttpRequest, target: URL, hop: Hop, guarded: bool,
                        left: float) -> HttpResponse:
        proxy = self.proxies.for_target(target)
        if guarded and not proxy:  # a name a page chose; `requests` then looks it up again
            with contextlib.suppress(OSError):  # a failed lookup: the request reports it
                await GuardedResolver(True).resolve(target.raw_host or "", 0, socket.AF_UNSPEC)
        return await asyncio.get_running_loop().run_in_executor(
            None, self._with_requests, request, target, hop, proxy, left)

    def _with_requests(self, request: HttpRequest, target: URL, hop: Hop, proxy: str | None,
                       left: float) -> HttpResponse:
        """One exchange with `requests` (blocking, on a helper thread)."""
        import requests

        timeout = request.timeout or self.settings.timeout
        total = min(left, timeout * 3)
        max_bytes = request.max_bytes or self.settings.max_bytes
        t0 = time.monotonic()
        try:
            with requests.Session() as session:
                session.trust_env = False  # the proxy and CA were chosen by `HttpClient`
                raw = session.request(
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
