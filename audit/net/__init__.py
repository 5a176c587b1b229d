"""The network layer, the only code that sends HTTP (docs/network.md). Importing it loads the
request and response shapes only: `HttpClient`, `Batch` and aiohttp load on first use.
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
