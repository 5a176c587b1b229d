"""What every engine does alike between two sends: retries and redirects.

The threaded engines (`audit.net`) and the event loop (`audit.netloop`) both follow these
rules, so a 429, a 503 or a redirect is handled the same whichever sends the request:
429 and 5xx are sent again after Retry-After (or a backoff) unless the wait is longer than
the cap; redirects are followed by hand when the request asks for it, a POST becoming a GET
on 301/302/303, at most `MAX_REDIRECTS` hops.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple
from urllib.parse import urljoin

from audit.blocks import parse_retry_after
from audit.check import UnexpectedResponse
from audit.httpmodel import HttpRequest, HttpResponse

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_REDIRECTS = 10


def retry_wait(resp: HttpResponse, attempt: int, retries: int, max_wait: float) -> float | None:
    """Seconds to wait before sending again, or None: `resp` is the answer (no retry left, not
    a status to retry, or a wait beyond `max_wait`: the check then reports the rate limit)."""
    if resp.status not in RETRY_STATUSES or attempt >= retries:
        return None
    wait = parse_retry_after(resp.header("retry-after"))
    if wait is None:
        wait = 0.5 * (2**attempt)
    return None if wait > max_wait else wait


class Hop(NamedTuple):
    """The next request of a redirect chain."""

    url: str
    method: str
    body: bytes | None


def next_hop(
    request: HttpRequest, url: str, method: str, body: bytes | None, resp: HttpResponse
) -> Hop | None:
    """Where a redirect answer leads, or None when `resp` is the final answer."""
    location = resp.header("location")
    if not (request.follow_redirects and 300 <= resp.status < 400 and location):
        return None
    if resp.status in (301, 302, 303) and method == "POST":
        method, body = "GET", None
    return Hop(urljoin(url, location), method, body)


def final(resp: HttpResponse, redirects: Sequence[str]) -> HttpResponse:
    """The final answer, carrying the URLs it was redirected from."""
    if not redirects:
        return resp
    return HttpResponse(
        url=resp.url,
        status=resp.status,
        headers=resp.headers,
        body=resp.body,
        elapsed_s=resp.elapsed_s,
        truncated=resp.truncated,
        redirects=tuple(redirects),
    )


def redirect_loop() -> UnexpectedResponse:
    """The error for a chain longer than `MAX_REDIRECTS`."""
    return UnexpectedResponse(f"more than {MAX_REDIRECTS} redirects (redirect loop?)")
