"""Which pages the `contacts` and `links` checks read, and how they fetch them.

Pages come from three places: the person's own URLs (origin USER), the profiles the
`accounts` check found (their `profile_url`, built from the catalog: origin CATALOG; plus the
bio, display name and links it already read), and search results about the person (URLs
taken from a results page: origin PAGE, so the core refuses local addresses). One target per
page URL, deduplicated on a normal form of the URL.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from audit.blocks import classify_block
from audit.check import Blocked, CheckContext, RateLimited, UnexpectedResponse
from audit.models import CheckResult, Finding, Reason, Subject
from audit.net.model import HttpRequest, HttpResponse, Origin

PAGE_MAX_BYTES = 2_000_000
VCARD_MAX_BYTES = 64_000


@dataclass(frozen=True, slots=True)
class PageTarget:
    """One page to read. `kind`: own_site, profile or search_result."""

    url: str
    kind: str
    origin: Origin
    text: str = ""  # text already known about the page (bio, snippet)
    info: Mapping[str, Any] = field(default_factory=dict, hash=False)


def url_key(url: str) -> str:
    """A normal form for deduplication: lowercase scheme and host, no fragment, no trailing
    slash on the path, default ports dropped."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = parts.path.rstrip("/") or ""
    return urlunsplit((parts.scheme.lower(), host, path, parts.query, ""))


def host_of(url: str) -> str:
    """Lowercase host of a URL, without ``www.``."""
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def findings_of(previous: Sequence[CheckResult], kind: str) -> Iterator[Finding]:
    """Every finding of one kind in earlier results."""
    for result in previous:
        for finding in result.findings:
            if finding.kind == kind:
                yield finding


def _about_subject(value: Any) -> bool:
    if isinstance(value, Mapping):
        for key in ("is_about", "value", "about"):
            if key in value:
                return bool(value[key])
        return False
    return bool(value)


def page_targets(
    subject: Subject, options: Mapping[str, Any], previous: Sequence[CheckResult]
) -> list[PageTarget]:
    """The pages to read, own site first, deduplicated."""
    seen: set[str] = set()
    out: list[PageTarget] = []

    def add(target: PageTarget) -> None:
        key = url_key(target.url)
        if target.url.startswith(("http://", "https://")) and key not in seen:
            seen.add(key)
            out.append(target)

    for url in subject.urls:
        add(PageTarget(url, "own_site", Origin.USER))
    for f in findings_of(previous, "account"):
        url = str(f.data.get("profile_url") or f.url or "")
        bio = " ".join(
            str(f.data.get(k) or "") for k in ("display_name", "bio")
        ).strip()
        links = tuple(str(x) for x in (f.data.get("links") or ()))
        info = {
            "site": f.data.get("site", ""),
            "username": f.data.get("username", ""),
            "platform_key": f.data.get("platform_key", ""),
            "display_name": f.data.get("display_name", ""),
            "avatar_url": f.data.get("avatar_url", ""),
            "links": links,
        }
        if url:
            add(PageTarget(url, "profile", Origin.CATALOG, bio, info))
    own_hosts = {host_of(u) for u in subject.urls}
    for f in findings_of(previous, "search_result"):
        if not _about_subject(f.data.get("about_subject")):
            continue
        url = str(f.data.get("url") or f.url or "")
        if not url or host_of(url) in own_hosts:
            continue
        snippet = " ".join(str(f.data.get(k) or "") for k in ("title", "snippet")).strip()
        add(PageTarget(url, "search_result", Origin.PAGE, snippet))
    del options
    return out


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
