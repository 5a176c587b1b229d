"""The network layer: the only code that sends HTTP (on aiohttp, with aiohttp-socks).

`model` the request and response shapes checks see; `client` the engine (one event loop on
one background thread, every request logged before it is sent); `guard` which addresses a
page-found URL may reach (checked inside the connection); `policy` retries, redirects,
secret headers and proxy choice; `urls` parsing once and redacting; `blocks` challenge pages
and rate limits; `errors` library errors as the checks' `CheckFailure`s; `oneoff` the few
calls to fixed services on `requests`. `HttpClient` is imported on first use: loading the
CLI does not load aiohttp.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from audit.net.model import Answer, HttpRequest, HttpResponse, OnDone, Origin

if TYPE_CHECKING:
    from audit.net.client import Batch, HttpClient

__all__ = ["Answer", "Batch", "HttpClient", "HttpRequest", "HttpResponse", "OnDone", "Origin"]


def __getattr__(name: str) -> Any:
    if name in ("HttpClient", "Batch"):
        from audit.net import client

        return getattr(client, name)
    raise AttributeError(name)
