"""The network layer: the only code that sends HTTP (on aiohttp, with aiohttp-socks).

`model` the request and response shapes checks see; `client` the engine, on the event loop
of `loop`, sending batches with `batch` through the sessions of `sessions`; `guard` which
addresses a page-found URL may reach (checked inside the connection); `policy` retries,
redirects, secret headers and proxy choice; `urls` parsing once and redacting; `errors`
library errors as the checks' `CheckFailure`s; `oneoff` the few calls to fixed services on
`requests`. `HttpClient` is imported on first use: loading the CLI does not load aiohttp.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from audit.net.model import Answer, HttpRequest, HttpResponse, OnDone, Origin

if TYPE_CHECKING:
    from audit.net.batch import Batch
    from audit.net.client import HttpClient

__all__ = ["Answer", "Batch", "HttpClient", "HttpRequest", "HttpResponse", "OnDone", "Origin"]


def __getattr__(name: str) -> Any:
    if name in ("HttpClient", "Batch"):
        from audit.net import batch, client

        return getattr(client if name == "HttpClient" else batch, name)
    raise AttributeError(name)
