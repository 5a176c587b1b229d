"""The network layer, the only code that sends HTTP (docs/network.md). Importing it loads the
request and response shapes only; the engine is `audit.net.client.HttpClient`, which loads
aiohttp on the first request.
"""

from audit.net.model import Answer, HttpRequest, HttpResponse, OnDone, Origin

__all__ = ["Answer", "HttpRequest", "HttpResponse", "OnDone", "Origin"]
