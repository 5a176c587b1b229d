"""Turn a scored, categorised search result into findings (`search_result`, `listing`).

`search_result` data: `query`, `url`, `title`, `snippet`, `category`, `about_subject`
(`score`, `reasons`), plus `engine`, `rank`, and `platform_key` / `site` when known.
`listing` data: `site` (key into people_sites.json), `site_name`, `category`, `url`,
`optout_url`, `optout_route`, `query`.
"""

from __future__ import annotations

from datetime import datetime

from audit.models import Confidence, Evidence, Finding, Severity
from checks.search.classify import LISTING_KINDS, About, Category
from checks.search.serp import Hit
from checks.search.texts import say
from checks.search.urls import clean_url, normalise_url

_SEVERITY = {
    "people_search": Severity.HIGH,
    "directory": Severity.MEDIUM,
    "company_register": Severity.MEDIUM,
    "news": Severity.MEDIUM,
    "social_profile": Severity.LOW,
    "own_site": Severity.LOW,
    "other": Severity.LOW,
}


def confidence_for(about: About) -> Confidence:
    """HIGH from 6 points, MEDIUM from the threshold (3), LOW below."""
    if about.score >= 6:
        return Confidence.HIGH
    if about.is_about:
        return Confidence.MEDIUM
    return Confidence.LOW


def severity_for(category: Category, about: About) -> Severity:
    """Listings of people-search sites are high; any page with your email or phone too."""
    base = _SEVERITY.get(category.name, Severity.LOW)
    if any(r in ("your email address", "your phone number") for r in about.reasons):
        return max(base, Severity.HIGH)
    return base


def build_findings(
    hit: Hit, category: Category, about: About, query: str, engine: str, seen_at: datetime,
    lang: str = "en",
) -> list[Finding]:
    """The findings for one result: always a `search_result`; a `listing` as well when the
    page is on a known people-search site, directory or company register. The result's title
    is the page's own; the listing's title is written in `lang`."""
    key = normalise_url(hit.url)
    url = clean_url(hit.url)
    evidence = (Evidence(url=url, excerpt=hit.snippet or hit.title, observed_at=seen_at,
                         signal=f"search:{engine}"),)
    data: dict[str, object] = {
        "query": query,
        "url": url,
        "title": hit.title,
        "snippet": hit.snippet,
        "category": category.name,
        "about_subject": {"score": about.score, "reasons": list(about.reasons),
                          "is_about": about.is_about},
        "engine": engine,
        "rank": hit.rank,
    }
    if category.platform_key:
        data["platform_key"] = category.platform_key
    if category.site_key:
        data["site"] = category.site_key
    out = [
        Finding(
            kind="search_result",
            title=hit.title or url,
            severity=severity_for(category, about),
            confidence=confidence_for(about),
            url=url,
            evidence=evidence,
            data=data,
            key=key,
        )
    ]
    if category.name in LISTING_KINDS and category.site_key:
        out.append(
            Finding(
                kind="listing",
                title=say(lang, "listed_on", site=category.site_name),
                severity=severity_for(category, about),
                confidence=confidence_for(about),
                url=url,
                evidence=evidence,
                data={
                    "site": category.site_key,
                    "site_name": category.site_name,
                    "category": category.name,
                    "url": url,
                    "optout_url": category.optout_url,
                    "optout_route": category.optout_route,
                    "query": query,
                },
                key=key,
            )
        )
    return out
