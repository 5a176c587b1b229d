"""Parsers for search-result pages (HTML): DuckDuckGo html and lite, Google, Bing, Qwant,
Startpage, plus engine detection for saved pages.

Each parser returns a `ParsedPage`: the organic results (ads skipped, redirect wrappers
unwrapped), whether the page said "no results", and the query when the page shows it. Block
detection is NOT done here: callers run `checks.search.blocks` first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from checks import _soup
from checks.search.urls import unwrap

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag


@dataclass(frozen=True, slots=True)
class Hit:
    """One organic search result."""

    url: str
    title: str
    snippet: str
    rank: int


@dataclass(frozen=True, slots=True)
class ParsedPage:
    """What a result page says: hits, an explicit "no results" marker, the query shown."""

    engine: str
    hits: tuple[Hit, ...]
    said_no_results: bool = False
    query: str = ""
    notes: tuple[str, ...] = ()

    @property
    def looks_broken(self) -> bool:
        """Zero hits without the engine's "no results" marker: the page was not understood."""
        return not self.hits and not self.said_no_results


def _text(node: Tag | None) -> str:
    return " ".join(node.get_text(" ", strip=True).split()) if node is not None else ""


def _classes(node: Tag) -> list[str]:
    value: object = node.get("class") or []
    return [str(c) for c in value] if isinstance(value, list) else str(value).split()


def _href(node: Tag | None) -> str:
    if node is None:
        return ""
    value = node.get("href")
    return str(value) if value else ""


def _query_from(soup: BeautifulSoup, *names: str) -> str:
    for name in names:
        for tag in soup.find_all(["input", "textarea"], attrs={"name": name}):
            if not isinstance(tag, _soup.Tag):
                continue
            if tag.name == "textarea":
                value = tag.get_text()
            else:
                raw = tag.get("value")
                value = str(raw) if raw else ""
            if value.strip():
                return value.strip()
    return ""


def _http(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


class _Collector:
    """Accumulates hits, skipping duplicates and non-web links."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.hits: list[Hit] = []
        self._seen: set[str] = set()

    def add(self, href: str, title: str, snippet: str) -> None:
        if not href:
            return
        url = unwrap(href, self.base)
        if not _http(url) or url in self._seen or not title:
            return
        self._seen.add(url)
        self.hits.append(Hit(url, title, snippet, len(self.hits) + 1))


def parse_ddg_html(html: str) -> ParsedPage:
    """DuckDuckGo's no-JS page (`html.duckduckgo.com/html/`): `div.web-result` blocks with
    `a.result__a` titles and `.result__snippet`; `.result--ad` blocks are ads."""
    soup = _soup.BeautifulSoup(html, "html.parser")
    out = _Collector("https://duckduckgo.com/")
    for block in soup.select("div.result"):
        classes = _classes(block)
        if "result--ad" in classes or "result--ad--small" in classes:
            continue
        link = block.select_one("a.result__a")
        snippet = block.select_one(".result__snippet")
        out.add(_href(link), _text(link), _text(snippet))
    said_none = bool(soup.select_one(".no-results")) or "No results." in _text(
        soup.select_one("#links"))
    return ParsedPage("ddg-html", tuple(out.hits), said_none and not out.hits,
                      _query_from(soup, "q"))


def parse_ddg_lite(html: str) -> ParsedPage:
    """DuckDuckGo lite: table rows, `a.result-link` then a `td.result-snippet` row;
    sponsored rows carry `result-sponsored`."""
    soup = _soup.BeautifulSoup(html, "html.parser")
    out = _Collector("https://duckduckgo.com/")
    for link in soup.select("a.result-link"):
        row = link.find_parent("tr")
        if row is not None and "result-sponsored" in _classes(row):
            continue
        snippet = ""
        nxt = row.find_next_sibling("tr") if row is not None else None
        if isinstance(nxt, _soup.Tag):
            snippet = _text(nxt.select_one("td.result-snippet"))
        out.add(_href(link), _text(link), snippet)
    body = _text(soup.body) if soup.body else ""
    said_none = not out.hits and "no results" in body.lower()
    return ParsedPage("ddg-lite", tuple(out.hits), said_none, _query_from(soup, "q"))


def parse_google(html: str) -> ParsedPage:
    """Google: in `#search`/`#rso`, each link holding an `h3` is a result; the snippet is the
    block's `VwiC3b` / `data-sncf` text."""
    soup = _soup.BeautifulSoup(html, "html.parser")
    out = _Collector("https://www.google.com/")
    root = soup.select_one("#rso") or soup.select_one("#search") or soup
    for h3 in root.find_all("h3"):
        link = h3.find_parent("a")
        if not isinstance(link, _soup.Tag):
            continue
        block = link.find_parent(lambda t: isinstance(t, _soup.Tag) and (
            "g" in _classes(t) or t.has_attr("data-hveid")))
        if link.find_parent(attrs={"data-text-ad": True}) is not None:
            continue
        if "googleadservices.com" in _href(link):
            continue
        snippet_node = None
        if isinstance(block, _soup.Tag):
            snippet_node = block.select_one(".VwiC3b, [data-sncf], .IsZvec")
        out.add(_href(link), _text(h3), _text(snippet_node))
    said_none = "did not match any documents" in html or "aucun document ne correspond" in html
    return ParsedPage("google", tuple(out.hits), said_none and not out.hits,
                      _query_from(soup, "q"))


def parse_bing(html: str) -> ParsedPage:
    """Bing: `#b_results > li.b_algo` with `h2 a` and `.b_caption p` (links may be
    `bing.com/ck/a?u=a1<base64>` wrappers)."""
    soup = _soup.BeautifulSoup(html, "html.parser")
    out = _Collector("https://www.bing.com/")
    for item in soup.select("#b_results li.b_algo"):
        link = item.select_one("h2 a")
        snippet = item.select_one(".b_caption p") or item.select_one("p")
        out.add(_href(link), _text(link), _text(snippet))
    said_none = bool(soup.select_one("#b_results li.b_no"))
    return ParsedPage("bing", tuple(out.hits), said_none and not out.hits,
                      _query_from(soup, "q"))


def parse_qwant(html: str) -> ParsedPage:
    """Qwant (page saved after rendering): `[data-testid=webResult]` blocks, title link first,
    snippet in the block's description element."""
    soup = _soup.BeautifulSoup(html, "html.parser")
    out = _Collector("https://www.qwant.com/")
    for block in soup.select('[data-testid="webResult"]'):
        link = block.select_one('a[data-testid="serTitle"]') or block.select_one("h2 a")
        if link is None:
            link = block.select_one("a[href^='http']")
        title = _text(block.select_one("h2")) or _text(link)
        snippet = block.select_one('[data-testid="serDescription"]') or block.select_one("p")
        out.add(_href(link), title, _text(snippet))
    low = html.lower()
    said_none = "no results" in low or "aucun résultat" in low
    return ParsedPage("qwant", tuple(out.hits), said_none and not out.hits,
                      _query_from(soup, "q"))


def parse_startpage(html: str) -> ParsedPage:
    """Startpage: `.w-gl .result` (or older `.w-gl__result`) blocks, `a.result-title`, and
    `p.description`."""
    soup = _soup.BeautifulSoup(html, "html.parser")
    out = _Collector("https://www.startpage.com/")
    for block in soup.select(".w-gl .result, .w-gl__result"):
        link = block.select_one("a.result-title, a.w-gl__result-title, a.result-link")
        title = _text(block.select_one("h2, h3")) or _text(link)
        snippet = block.select_one("p.description, p.w-gl__description")
        out.add(_href(link), title, _text(snippet))
    low = html.lower()
    said_none = "no results found" in low or "aucun résultat" in low
    return ParsedPage("startpage", tuple(out.hits), said_none and not out.hits,
                      _query_from(soup, "query", "q"))


PARSERS: dict[str, Callable[[str], ParsedPage]] = {
    "ddg-html": parse_ddg_html,
    "ddg-lite": parse_ddg_lite,
    "google": parse_google,
    "bing": parse_bing,
    "qwant": parse_qwant,
    "startpage": parse_startpage,
}


def detect_engine(html: str) -> str | None:
    """Which engine produced a saved result page, from its content (None when unknown)."""
    low = html[:500_000].lower()
    if "result__a" in low or "html.duckduckgo.com" in low or (
        'action="/html/"' in low and "duckduckgo" in low
    ):
        return "ddg-html"
    if "result-link" in low and "duckduckgo" in low:
        return "ddg-lite"
    if 'id="b_results"' in low or ("bing.com" in low and "b_algo" in low):
        return "bing"
    if "startpage" in low and ("w-gl" in low or "result-title" in low):
        return "startpage"
    if "qwant" in low and "webresult" in low:
        return "qwant"
    if ('id="rso"' in low or "/search?q=" in low) and "google" in low:
        return "google"
    return None


def parse_saved(html: str) -> ParsedPage | None:
    """Detect the engine and parse; None when the page is from no engine we know."""
    engine = detect_engine(html)
    return PARSERS[engine](html) if engine else None


# Result markup of every engine (used to tell a captcha page from a result page whose text
# merely mentions a captcha).
RESULT_MARKUP_ALL: tuple[str, ...] = (
    "result__a", "result-link", 'id="rso"', "b_algo", "webresult", "w-gl",
)
