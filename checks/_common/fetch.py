"""Fetching a page for a check: through the core, refusals raised before the body is read.

`fetch_checked` is how the `contacts` and `links` checks GET pages (logged, guarded,
size-capped, cached per scan by the core); `is_textual` tells whether the page readers can
read a response; `url_key` is the normal form pages are deduplicated on.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from audit.blocks import classify_block
from audit.check import Blocked, CheckContext, RateLimited, UnexpectedResponse
from audit.models import Reason
from audit.net.model import HttpRequest, HttpResponse, Origin

PAGE_MAX_BYTES = 2_000_000


def url_key(url: str) -> str:
    """A normal form for deduplication: lowercase scheme and host, no fragment, no trailing
    slash on the path, default ports dropped."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = parts.path.rstrip("/") or ""
    return urlunsplit((parts.scheme.lower(), host, path, parts.query, ""))


def fetch_checked(
    ctx: CheckContext, url: str, origin: Origin, max_bytes: int = PAGE_MAX_BYTES,
    sends: tuple[str, ...] = (),
) -> HttpResponse:
    """GET a page through the core (logged, guarded, size-capped, cached per scan) and raise
    `Blocked` / `RateLimited` for refusals, before anyone reads the body."""
    resp = ctx.fetch(
        HttpRequest(url, max_bytes=max_bytes, origin=origin, sends=sends)
    )
    verdict = classify_block(resp, url)
    if verdict is not None:
        if verdict.reason is Reason.RATE_LIMITED:
            raise RateLimited(verdict.detail, verdict.retry_after)
        if verdict.reason is Reason.BLOCKED:
            raise Blocked(verdict.detail)
        raise UnexpectedResponse(verdict.detail)
    return resp


def is_textual(resp: HttpResponse) -> bool:
    """HTML, XHTML or plain text (what the extractors read)."""
    ctype = resp.header("content-type").lower()
    return not ctype or any(t in ctype for t in ("html", "text/plain", "xml"))
