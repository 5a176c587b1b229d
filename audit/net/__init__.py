"""The network layer, the only code that sends HTTP (docs/network.md). Importing it loads the
request and response shapes only: `HttpClient`, `Batch`, `SECRET_PARAMS` (the query names the
request log redacts) and aiohttp load on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from audit.net.model import Answer, HttpRequest, HttpResponse, OnDone, Origin

if TYPE_CHECKING:
    from audit.net.client import HttpClient
    from audit.net.loop import Batch
    from audit.net.urls import SECRET_PARAMS

__all__ = ["SECRET_PARAMS", "Answer", "Batch", "HttpClient", "HttpRequest", "HttpResponse",
           "OnDone", "Origin"]
_LAZY = {"HttpClient": "client", "Batch": "loop", "SECRET_PARAMS": "urls"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f"audit.net.{_LAZY[name]}"), name)
    raise AttributeError(name)
