"""The structural result reader shared by every engine's page parser.

Engines change class names every few months but keep three things: a result is a block
holding one title link to another site, the title is a heading (inside the link since
2016-ish Google, around it in older Google, Bing and DuckDuckGo pages), and clicks go through
a tracking redirect that names the target. So the reader looks for title links (a link holding
a heading, a link inside a heading, or an engine's own title-link class), unwraps the
redirect, drops links to the engine's own pages (its searches, maps, caches, ads) and takes
the snippet from the result's block. It also counts the external links of the result area,
so a page read as 0 results while it links out is called unreadable, never "no results".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from checks._common import soup as _soup
from checks.search.urls import unwrap

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

HEADINGS = ("h1", "h2", "h3", "h4")
MAX_SNIPPET = 400
# Classes and attributes that mark an advertisement block on any engine.
AD_CLASSES = frozenset({
    "b_ad", "sb_add", "sb_adsWv2", "sb_adsW", "result--ad", "result--ad--small",
    "web-result-sponsored", "result-sponsored", "uEierd", "commercial-unit-desktop-top",
    "ads-ad", "ad_cclk",
})
AD_IDS = frozenset({"tads", "tadsb", "bottomads", "ads", "rhs_ads"})
AD_ATTRS = (("data-text-ad", None), ("data-testid", "adResult"), ("data-testid", "adSiteLink"))
AD_HOSTS = ("googleadservices.com", "doubleclick.net", "r.msn.com", "0.r.msn.com")


@dataclass(frozen=True, slots=True)
class Layout:
    """What one engine's pages look like, across their layout generations."""

    engine: str
    base: str
    roots: tuple[str, ...]  # CSS selectors of the result area, first match wins
    own_host: Callable[[str], bool]  # hosts (and their pages) that belong to the engine
    title_links: tuple[str, ...] = ()  # extra CSS selectors of title links
    blocks: tuple[str, ...] = ()  # CSS selectors of a result's block
    snippets: tuple[str, ...] = ()  # CSS selectors of the snippet inside a block
    first_link_blocks: tuple[str, ...] = ()  # blocks whose first external link is the title


@dataclass(frozen=True, slots=True)
class RawHit:
    """A result as read, before deduplication."""

    url: str
    title: str
    snippet: str


def classes_of(node: Tag) -> list[str]:
    """The node's class names."""
    value: object = node.get("class") or []
    return [str(c) for c in value] if isinstance(value, list) else str(value).split()


def roots_of(soup: BeautifulSoup, layout: Layout) -> list[Tag]:
    """The result areas: every match of the first of the layout's roots found on the page
    (outermost only), else the whole document."""
    for selector in layout.roots:
        nodes = soup.select(selector)
        if nodes:
            ids = {id(n) for n in nodes}
            return [n for n in nodes if not any(id(p) in ids for p in n.parents)]
    return [soup]


def _is_ad(link: Tag, stop: Tag) -> bool:
    node: Tag | None = link
    for _ in range(14):
        if node is None or node is stop:
            return False
        if AD_CLASSES.intersection(classes_of(node)) or str(node.get("id") or "") in AD_IDS:
            return True
        for name, value in AD_ATTRS:
            got = node.get(name)
            if got is not None and (value is None or got == value):
                return True
        parent = node.parent
        node = parent if isinstance(parent, _soup.Tag) else None
    return False


def target_of(href: str, layout: Layout) -> str:
    """The external http(s) URL a link leads to, or "" (engine page, ad, other scheme)."""
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return ""
    try:
        url = unwrap(href, layout.base)
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    if not url.lower().startswith(("http://", "https://")) or not host:
        return ""
    if layout.own_host(host) or any(host == h or host.endswith("." + h) for h in AD_HOSTS):
        return ""
    return url


def _heading_title(link: Tag, extra: set[int]) -> str | None:
    heading = link.find(list(HEADINGS)) or link.find(True, attrs={"role": "heading"})
    if isinstance(heading, _soup.Tag):
        return _soup.text_of(heading)
    parent = link.parent
    for _ in range(2):
        if isinstance(parent, _soup.Tag) and parent.name in HEADINGS:
            return _soup.text_of(link)
        parent = parent.parent if isinstance(parent, _soup.Tag) else None
    return _soup.text_of(link) if id(link) in extra else None


def _title_links(root: Tag, layout: Layout) -> list[tuple[Tag, str]]:
    """(link, title) pairs in document order: links holding or inside a heading, the
    engine's title-link classes, then the first external link of each result block that
    has none of those."""
    extra: set[int] = set()
    for selector in layout.title_links:
        extra.update(id(t) for t in root.select(selector))
    links = [a for a in root.find_all("a", href=True) if isinstance(a, _soup.Tag)]
    order = {id(a): i for i, a in enumerate(links)}
    chosen: dict[int, tuple[Tag, str]] = {}
    for link in links:
        title = _heading_title(link, extra)
        if title is not None:
            chosen[id(link)] = (link, title)
    if layout.first_link_blocks:
        for block in root.select(", ".join(layout.first_link_blocks)):
            inside = [a for a in block.find_all("a", href=True) if isinstance(a, _soup.Tag)]
            if any(id(a) in chosen for a in inside):
                continue
            for a in inside:
                if target_of(str(a.get("href") or ""), layout) and _soup.text_of(a):
                    chosen[id(a)] = (a, _soup.text_of(a))
                    break
    return sorted(chosen.values(), key=lambda pair: order.get(id(pair[0]), 0))


def _block_of(link: Tag, title: str, layout: Layout, root: Tag) -> Tag | None:
    node = link.parent
    fallback: Tag | None = None
    for depth in range(10):
        if not isinstance(node, _soup.Tag) or node is root:
            break
        if any(_matches(node, s) for s in layout.blocks):
            return node
        if fallback is None and depth < 5 and len(_soup.text_of(node)) >= len(title) + 40:
            fallback = node
        node = node.parent
    return fallback


def _matches(node: Tag, selector: str) -> bool:
    return bool(node.css.match(selector))


def _snippet(block: Tag | None, title: str, layout: Layout) -> str:
    if block is None:
        return ""
    for selector in layout.snippets:
        node = block.select_one(selector)
        if node is not None and _soup.text_of(node):
            return _soup.text_of(node)[:MAX_SNIPPET]
    text = _soup.text_of(block)
    if title and text.startswith(title):
        text = text[len(title):]
    else:
        text = text.replace(title, " ", 1) if title else text
    for cite in block.find_all("cite"):
        cited = _soup.text_of(cite)
        if cited:
            text = text.replace(cited, " ", 1)
    return " ".join(text.split())[:MAX_SNIPPET]


def read_results(soup: BeautifulSoup, layout: Layout) -> tuple[list[RawHit], int]:
    """The organic results of a page, and how many external links its result area holds."""
    hits: list[RawHit] = []
    external = 0
    for root in roots_of(soup, layout):
        for link, title in _title_links(root, layout):
            url = target_of(str(link.get("href") or ""), layout)
            if not url or not title or _is_ad(link, root):
                continue
            block = _block_of(link, title, layout, root)
            hits.append(RawHit(url, title, _snippet(block, title, layout)))
        external += count_external(root, layout)
    return hits, external


def count_external(root: Tag, layout: Layout) -> int:
    """External links (not the engine's, not ads) in the result area."""
    n = 0
    for link in root.find_all("a", href=True):
        if isinstance(link, _soup.Tag) and target_of(str(link.get("href") or ""), layout) \
                and not _is_ad(link, root):
            n += 1
    return n


def visible_text(soup: BeautifulSoup) -> str:
    """The page's text outside scripts, styles and templates (translation tables and state
    blobs live there: a "no results" string in them says nothing about this page)."""
    parts = []
    for node in soup.find_all(string=True):
        parent = node.parent
        if isinstance(parent, _soup.Tag) and parent.name in (
                "script", "style", "template", "noscript", "head", "title"):
            continue
        parts.append(str(node))
    return " ".join(" ".join(parts).split())


def google_host(host: str) -> bool:
    """Google's own pages: its searches, maps and local packs, caches, accounts, support,
    static files. Sites Google only hosts for someone (sites.google.com, docs, books, play)
    stay results."""
    labels = host.split(".")
    first = labels[0] if labels else ""
    if "google" in labels[:3] and first in ("www", "google", "maps", "webcache", "translate",
                                              "support", "accounts", "policies", "news",
                                              "images", "video", "scholar", "encrypted",
                                              "consent", "myaccount", "ipv4", "ipv6"):
        return True
    return host.endswith(("googleusercontent.com", "gstatic.com", "googleapis.com",
                          "goo.gl", "googleadservices.com"))


def suffix_host(*domains: str) -> Callable[[str], bool]:
    """An `own_host` test for a list of domains (and their subdomains)."""

    def test(host: str) -> bool:
        return any(host == d or host.endswith("." + d) for d in domains)

    return test
