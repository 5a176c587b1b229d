"""Which pages the `contacts` check reads (fetched with `checks._common.fetch`).

Pages come from three places: the person's own URLs (origin USER), the profiles the
`accounts` check found (their `profile_url`, built from the catalog: origin CATALOG; plus the
bio, display name and links it already read), and search results about the person (URLs
taken from a results page: origin PAGE, so the core refuses local addresses). One target per
page URL, deduplicated on a normal form of the URL (`url_key`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from audit.hosts import host_of
from audit.models import CheckResult, Subject
from audit.net.model import Origin
from checks._common.fetch import url_key
from checks._common.findings import findings_of

VCARD_MAX_BYTES = 64_000


@dataclass(frozen=True, slots=True)
class PageTarget:
    """One page to read. `kind`: own_site, profile or search_result."""

    url: str
    kind: str
    origin: Origin
    text: str = ""  # text already known about the page (bio, snippet)
    info: Mapping[str, Any] = field(default_factory=dict, hash=False)


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
