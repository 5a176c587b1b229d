"""Manual mode: search links for the person's own browser, and reading saved result pages.

Nothing here sends a request. `search_links` turns the query plan into numbered links for
DuckDuckGo, Google, Bing, Qwant or Startpage (plus the directories' own search pages);
`import_pages` reads saved result pages back (engine detected from the content), runs the
same block detection, scoring and classification as the automatic check, and returns
`CheckResult`s that the core's renderers can show.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from audit import __version__
from audit.models import CheckInfo, CheckResult, Reason, ScanReport, Status, Subject, utcnow
from checks.search.check import SearchCheck, budget_of
from checks.search.texts import say

# The query planner, parsers and scoring are imported on first use (in the functions below):
# `search links|import` are registered on every run, and this module with them.

ENGINES: dict[str, tuple[str, str]] = {
    # name: (base URL, query parameter). The DuckDuckGo link is the no-JS page, whose saved
    # HTML holds the results (the JS page's does not).
    "duckduckgo": ("https://html.duckduckgo.com/html/", "q"),
    "google": ("https://www.google.com/search", "q"),
    "bing": ("https://www.bing.com/search", "q"),
    "qwant": ("https://www.qwant.com/", "q"),
    "startpage": ("https://www.startpage.com/sp/search", "query"),
}


@dataclass(frozen=True, slots=True)
class ManualLink:
    """One numbered search for the person to run in their browser."""

    number: int
    query: str
    purpose: str
    sends: tuple[str, ...]
    urls: Mapping[str, str]


def engine_url(engine: str, text: str) -> str:
    """The browser URL for a query on one engine."""
    base, param = ENGINES[engine]
    return f"{base}?{urlencode({param: text})}"


def search_links(
    subject: Subject, options: Mapping[str, Any], engines: Sequence[str] = ("duckduckgo",)
) -> list[ManualLink]:
    """The numbered searches (best first, cut to the budget) with a link per engine."""
    from checks.search.queries import build_plan

    plan = build_plan(subject, options)[: budget_of(options)]
    return [
        ManualLink(i, q.text, q.purpose, q.sends, {e: engine_url(e, q.text) for e in engines})
        for i, q in enumerate(plan, start=1)
    ]


def directory_links(subject: Subject) -> list[tuple[str, str]]:
    """(site name, URL) of the directories to check by hand: their own search URL for the
    name where one is known, otherwise their search page."""
    from checks.search.queries import name_parts
    from checks.search.sites import sites_for_country

    out = []
    first, last = name_parts(subject.name) if subject.name else ("", "")
    for site in sites_for_country(subject.country):
        direct = site.direct_url(subject.name or "", first, last) if subject.name else None
        out.append((site.name, direct or site.search_page))
    return out


def import_pages(
    subject: Subject, files: Sequence[Path], now: datetime | None = None
) -> list[CheckResult]:
    """One result per saved page: found / not_found, or unknown when the page is a captcha
    or from an engine we do not know. Results already reported by an earlier file are not
    repeated."""
    from audit.check import CheckFailure
    from checks.search.blocks import find_block_marker
    from checks.search.classify import categorise, score
    from checks.search.findings import build_findings
    from checks.search.serp import RESULT_MARKUP_ALL, parse_saved
    from checks.search.state import ScanState
    from checks.search.urls import normalise_url

    seen_at = now or utcnow()
    lang = subject.lang
    state = ScanState()
    results: list[CheckResult] = []
    for given in files:
        path = Path(given).resolve()
        target = path.name
        try:
            html = path.read_text("utf-8", errors="replace")
            page = parse_saved(html)
        except (OSError, CheckFailure) as exc:  # one unreadable file never stops the import
            results.append(CheckResult(
                "search", target, Status.UNKNOWN, url=path.as_uri(),
                reason=Reason.UNEXPECTED_RESPONSE,
                detail=f"{say(lang, 'unreadable_file', file=path.name)} ({exc})"))
            continue
        # A page that gives results is a result page, whatever its snippets say about
        # captchas; only a page without results is checked for the words of a bot check.
        marker = find_block_marker(html, RESULT_MARKUP_ALL,
                                   text_markers=page is None or not page.hits)
        if marker:
            results.append(CheckResult(
                "search", target, Status.UNKNOWN, url=path.as_uri(), reason=Reason.BLOCKED,
                detail=say(lang, "captcha_file", file=path.name, marker=marker)))
            continue
        if page is None or page.looks_broken:
            results.append(CheckResult(
                "search", target, Status.UNKNOWN, url=path.as_uri(),
                reason=Reason.UNEXPECTED_RESPONSE,
                detail=say(lang, "unreadable_file", file=path.name)))
            continue
        query = page.query or path.stem
        findings = []
        about_count = repeated = 0
        for hit in page.hits:
            about = score(subject, hit)
            if not about.is_about:
                continue
            about_count += 1
            if state.claim_url(normalise_url(hit.url), query) is not None:
                repeated += 1
            findings.extend(build_findings(hit, categorise(subject, hit.url), about, query,
                                           page.engine, seen_at, lang))
        results.append(CheckResult(
            "search", f"{query} [{page.engine}]",
            Status.FOUND if findings else Status.NOT_FOUND, url=path.as_uri(),
            findings=tuple(findings),
            detail=(say(lang, "imported_one" if len(page.hits) == 1 else "imported",
                        n=len(page.hits), file=path.name, about=about_count)
                    + (say(lang, "imported_repeated", n=repeated) if repeated else "") + ".")))
    return results


def imported_report(subject: Subject, results: Sequence[CheckResult],
                    started: datetime, finished: datetime) -> ScanReport:
    """A report of imported pages (no request was sent: the request log is empty)."""
    return ScanReport(
        scan_id="import-" + uuid.uuid4().hex[:8],
        tool_version=__version__,
        subject=subject,
        started_at=started,
        finished_at=finished,
        checks=(CheckInfo(SearchCheck.name, SearchCheck.version, SearchCheck.title),),
        results=tuple(results),
    )
