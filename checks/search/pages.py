"""Opening a result page to read whether it names the person in full (issue 14: a result whose
snippet names the person only partly may be about them).

Only results under the threshold that name the person partly are opened (see
`checks.search.classify.worth_opening`), at most `result_pages` per scan (default 4), and only
while `fetch_results` is on (the option the contacts check uses to open result pages; off with
`--no-fetch-results`). The request carries nothing but the address the search engine gave: no
name, no handle. A page that refuses (403, 429, challenge), fails or is not text is simply not
read: the result keeps its snippet's score, it is never called about or not about for that.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from audit.blocks import classify_block
from audit.check import CheckContext, CheckFailure
from audit.net.model import HttpRequest, Origin

DEFAULT_RESULT_PAGES = 4
PAGE_BYTES = 1_000_000
_TEXTUAL = ("html", "text/plain", "xml")


def pages_allowed(options: Mapping[str, Any]) -> int:
    """How many result pages a scan may open: 0 when `fetch_results` is off."""
    if not options.get("fetch_results", True):
        return 0
    try:
        return max(0, int(options.get("result_pages", DEFAULT_RESULT_PAGES)))
    except (TypeError, ValueError):
        return DEFAULT_RESULT_PAGES


def page_text(html: str) -> str:
    """The visible text of a page (scripts and styles left out); '' when it cannot be read."""
    from checks._common import soup as _soup

    try:
        soup = _soup.parse(html)
    except CheckFailure:
        return ""
    for hidden in soup(["script", "style", "template", "noscript"]):
        hidden.decompose()
    return _soup.text_of(soup)


def read_result_page(ctx: CheckContext, url: str) -> str | None:
    """The text of the result page at `url`, or None when it refused, failed or is not text."""
    try:
        resp = ctx.fetch(HttpRequest(url, max_bytes=PAGE_BYTES, origin=Origin.PAGE))
    except CheckFailure:
        return None
    ctype = resp.header("content-type").lower()
    if (classify_block(resp, url) is not None or not 200 <= resp.status < 300
            or (ctype and not any(t in ctype for t in _TEXTUAL))):
        return None
    return page_text(resp.text)
