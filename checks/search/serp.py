"""Parsers for search-result pages (HTML): DuckDuckGo html and lite, Google, Bing, Qwant,
Startpage, plus engine detection for saved pages.

Each parser returns a `ParsedPage`: the organic results (ads and the engine's own links
skipped, redirect wrappers unwrapped), whether the page said "no results", the query when the
page shows it, and how many external links its result area holds. The parsers share the
structural reader of `checks.search.reader` and differ only by their `Layout`. Block detection
is NOT done here: callers run `checks.search.blocks` first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from checks._common import soup as _soup
from checks.search.reader import (
    Layout,
    classes_of,
    count_external,
    google_host,
    read_results,
    suffix_host,
    target_of,
    visible_text,
)

if TYPE_CHECKING:
    from bs4 import BeautifulSoup


@dataclass(frozen=True, slots=True)
class Hit:
    """One organic search result."""

    url: str
    title: str
    snippet: str
    rank: int


@dataclass(frozen=True, slots=True)
class ParsedPage:
    """What a result page says: hits, an explicit "no results" marker, the query shown, and
    the number of external links in its result area."""

    engine: str
    hits: tuple[Hit, ...]
    said_no_results: bool = False
    query: str = ""
    notes: tuple[str, ...] = ()
    external_links: int = 0

    @property
    def looks_broken(self) -> bool:
        """Zero hits without the engine's "no results" marker, or zero hits on a page that
        links out: the page was not understood (an unexpected page, never "no results")."""
        return not self.hits and (not self.said_no_results or self.external_links > 0)


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


class _Collector:
    """Accumulates hits, skipping duplicates, empty titles and non-web links."""

    def __init__(self) -> None:
        self.hits: list[Hit] = []
        self._seen: set[str] = set()

    def add(self, url: str, title: str, snippet: str) -> None:
        if not url.lower().startswith(("http://", "https://")) or url in self._seen \
                or not title:
            return
        self._seen.add(url)
        self.hits.append(Hit(url, title, snippet, len(self.hits) + 1))


GOOGLE = Layout(
    "google", "https://www.google.com/", ("#rso", "#search", "#res", "#main", "#center_col"),
    google_host,
    blocks=("div.g", "li.g", "div.MjjYud", "div.Gx5Zad", "div.xpd", "div.mnr-c", "div.ZINbbc",
            "div[data-hveid]"),
    snippets=(".VwiC3b", "[data-sncf]", ".IsZvec", "span.st", "div.s", ".BNeawe.s3v9rd",
              ".yDYNvb"),
)
BING = Layout(
    "bing", "https://www.bing.com/", ("#b_results", "#results", "#results_container"),
    suffix_host("bing.com", "bingj.com", "msn.com", "microsofttranslator.com"),
    blocks=("li.b_algo", "li.sa_wr", "div.sa_cc", "#results li"),
    snippets=(".b_caption p", "p.b_lineclamp2", "p.b_lineclamp3", "p.b_lineclamp4",
              ".b_caption", "p"),
    first_link_blocks=("li.b_algo",),
)
DDG_HTML = Layout(
    "ddg-html", "https://duckduckgo.com/", ("#links", ".results", ".serp__results"),
    suffix_host("duckduckgo.com"),
    title_links=("a.result__a", ".links_main a.large"),
    blocks=("div.result", "div.web-result", "div.results_links"),
    snippets=(".result__snippet", "div.snippet"),
    first_link_blocks=("div.web-result", "div.results_links"),
)
DDG_LITE = Layout(
    "ddg-lite", "https://duckduckgo.com/", (), suffix_host("duckduckgo.com"),
    title_links=("a.result-link",),
)
QWANT = Layout(
    "qwant", "https://www.qwant.com/", ('[data-testid="sectionWeb"]', "#root", "body"),
    suffix_host("qwant.com"),
    title_links=('a[data-testid="serTitle"]', "div.result span.title a"),
    blocks=('[data-testid="webResult"]', "div.result"),
    snippets=('[data-testid="serDescription"]', '[class*="description"]', "p.desc",
              "span.desc", "p"),
    first_link_blocks=('[data-testid="webResult"]', "div.result"),
)
STARTPAGE = Layout(
    "startpage", "https://www.startpage.com/", (".w-gl", "#main", "body"),
    suffix_host("startpage.com", "startmail.com"),
    title_links=("a.result-title", "a.w-gl__result-title", "a.result-link"),
    blocks=(".result", ".w-gl__result"),
    snippets=("p.description", "p.w-gl__description"),
    first_link_blocks=(".w-gl__result", ".w-gl .result"),
)

# "No results" notices, read only in the page's visible text (never in scripts, where Qwant
# keeps every translation, "no results" included).
NO_RESULTS: dict[str, tuple[str, ...]] = {
    "google": ("did not match any documents", "aucun document ne correspond",
               "keine übereinstimmenden dokumente"),
    "bing": ("there are no results for", "aucun résultat pour", "no results found for"),
    "ddg-html": ("no results.", "no results found"),
    "ddg-lite": ("no results.", "no results found"),
    "qwant": ("no results found", "aucun résultat", "we did not find any results",
              "nous n'avons trouvé aucun résultat"),
    "startpage": ("no results found", "aucun résultat"),
}


def _notice(engine: str, *selectors: str) -> Callable[[BeautifulSoup], bool]:
    """A "no results" test: one of the engine's notice elements is present, or its notice
    sentence is in the visible text."""

    def test(soup: BeautifulSoup) -> bool:
        if any(soup.select_one(s) is not None for s in selectors):
            return True
        text = visible_text(soup).lower()
        return any(marker in text for marker in NO_RESULTS[engine])

    return test


def _parse(html: str, layout: Layout, said_none: Callable[[BeautifulSoup], bool],
           *query_names: str) -> ParsedPage:
    soup = _soup.parse(html)  # bounded: a hostile page is refused, never parsed for minutes
    out = _Collector()
    raw, external = read_results(soup, layout)
    for hit in raw:
        out.add(hit.url, hit.title, hit.snippet)
    none = not out.hits and said_none(soup)
    return ParsedPage(layout.engine, tuple(out.hits), none, _query_from(soup, *query_names),
                      external_links=external)


def parse_ddg_html(html: str) -> ParsedPage:
    """DuckDuckGo's no-JS page (`html.duckduckgo.com/html/`, and the 2015 `links_main`
    generation): title links `a.result__a` / `.links_main a.large`, `.result__snippet`."""
    return _parse(html, DDG_HTML, _notice("ddg-html", ".no-results"), "q")


def parse_ddg_lite(html: str) -> ParsedPage:
    """DuckDuckGo lite: table rows, `a.result-link` then a `td.result-snippet` row;
    sponsored rows carry `result-sponsored`."""
    soup = _soup.parse(html)  # bounded: a hostile page is refused, never parsed for minutes
    out = _Collector()
    for link in soup.select("a.result-link"):
        row = link.find_parent("tr")
        if row is not None and "result-sponsored" in classes_of(row):
            continue
        snippet = ""
        nxt = row.find_next_sibling("tr") if row is not None else None
        if isinstance(nxt, _soup.Tag):
            snippet = _soup.text_of(nxt.select_one("td.result-snippet"))
        out.add(target_of(str(link.get("href") or ""), DDG_LITE), _soup.text_of(link), snippet)
    said_none = not out.hits and _notice("ddg-lite")(soup)
    return ParsedPage("ddg-lite", tuple(out.hits), said_none, _query_from(soup, "q"),
                      external_links=count_external(soup, DDG_LITE))


def parse_google(html: str) -> ParsedPage:
    """Google, every generation: a title link holds the `h3` (2016 on) or sits in it (older
    pages), mobile pages mark the title `role="heading"`; `/url?q=` wrappers unwrapped and
    Google's own links (searches, maps, local packs) dropped."""
    return _parse(html, GOOGLE, _notice("google", "#topstuff .card-section"), "q")


def parse_bing(html: str) -> ParsedPage:
    """Bing: `li.b_algo` with `h2 a` (2013 on) or `#results li` with `h3 a` (2010-2012);
    `bing.com/ck/a?u=a1<base64>` wrappers decoded."""
    return _parse(html, BING, _notice("bing", "#b_results li.b_no"), "q")


def parse_qwant(html: str) -> ParsedPage:
    """Qwant: rendered `[data-testid=webResult]` blocks (2020 on) or the 2016 lite table's
    `div.result span.title a`."""
    return _parse(html, QWANT, _notice("qwant", '[data-testid="noResult"]'), "q")


def parse_startpage(html: str) -> ParsedPage:
    """Startpage: `.w-gl .result` (or older `.w-gl__result`) blocks, `a.result-title`, and
    `p.description`."""
    return _parse(html, STARTPAGE, _notice("startpage"), "query", "q")


PARSERS: dict[str, Callable[[str], ParsedPage]] = {
    "ddg-html": parse_ddg_html,
    "ddg-lite": parse_ddg_lite,
    "google": parse_google,
    "bing": parse_bing,
    "qwant": parse_qwant,
    "startpage": parse_startpage,
}


def _title(low: str) -> str:
    start = low.find("<title")
    if start < 0:
        return ""
    end = low.find("</title>", start)
    return low[start:end if end > 0 else start + 300][:300]


def detect_engine(html: str) -> str | None:
    """Which engine produced a saved result page, from its markup (None when unknown).

    The engine's own markup decides first (a DuckDuckGo page links to Google Maps, a Google
    page may cite DuckDuckGo), then the page title."""
    low = html[:600_000].lower()
    title = _title(low)
    if "result__a" in low or "html.duckduckgo.com" in low or ("links_main" in low and (
            "duckduckgo" in low)) or ('action="/html/"' in low and "duckduckgo" in low):
        return "ddg-html"
    if "result-link" in low and "duckduckgo" in low:
        return "ddg-lite"
    if 'id="b_results"' in low or "b_algo" in low or ("bing" in title and (
            "sb_tlst" in low or "sa_cc" in low or 'id="results"' in low)):
        return "bing"
    if "startpage" in low and ("w-gl" in low or "result-title" in low):
        return "startpage"
    if "qwant" in low and ("webresult" in low or 'class="result"' in low):
        return "qwant"
    for word, engine in (("duckduckgo", "ddg-html"), ("qwant", "qwant"), ("bing", "bing"),
                         ("startpage", "startpage")):
        if word in title:
            return engine
    if 'id="rso"' in low or "id=rso" in low:
        return "google"
    google_markup = ('class="g"' in low or "class=g>" in low or "/url?q=" in low
                     or "/search?q=" in low)
    if google_markup and "google" in title:
        return "google"
    return None


def parse_saved(html: str) -> ParsedPage | None:
    """Detect the engine and parse; None when the page is from no engine we know."""
    engine = detect_engine(html)
    return PARSERS[engine](html) if engine else None


# Result markup of every engine (used to tell a captcha page from a result page whose text
# merely mentions a captcha).
RESULT_MARKUP_ALL: tuple[str, ...] = (
    "result__a", "result-link", 'id="rso"', "b_algo", "webresult", "w-gl", "links_main",
    "id=rso", 'class="g"',
)
