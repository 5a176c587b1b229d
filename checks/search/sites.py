"""The people-search / directory / company-register data file and host look-ups.

Loads `people_sites.json` (shipped in the package) once, and answers "which known site is this
URL on?" for listings, social platforms and news sites. Social platforms come from the
`accounts` check's catalog when it is installed (through `checks._common.profiles`), otherwise
from the small list in the file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import quote, urlsplit

from checks._common.profiles import platform_hosts
from checks.search.urls import host_matches, landing_host, unwrap


@dataclass(frozen=True, slots=True)
class PeopleSite:
    """One people-search site, directory or company register."""

    key: str
    name: str
    country: str
    category: str
    domains: tuple[str, ...]
    search_page: str
    search_url: str | None
    site_query: str
    optout_url: str | None
    optout_route: str
    optout_note: Mapping[str, str]
    source_url: str
    verified: str

    def matches(self, url: str) -> bool:
        """True when `url` is on one of this site's domains (a domain may carry a path)."""
        target = unwrap(url)
        host = landing_host(target)
        path = urlsplit(target).path or "/"
        for domain in self.domains:
            dom, _, prefix = domain.partition("/")
            if host_matches(host, dom) and (not prefix or path.startswith("/" + prefix)):
                return True
        return False

    def direct_url(self, name: str, first: str, last: str) -> str | None:
        """The site's own search URL for this name, when it has one."""
        if not self.search_url:
            return None
        return self.search_url.format(
            query=quote(name), first=quote(first, safe=""), last=quote(last, safe="")
        )


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    text = resources.files("checks.search").joinpath("people_sites.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@lru_cache(maxsize=1)
def people_sites() -> tuple[PeopleSite, ...]:
    """Every site of the data file, in file order."""
    out = []
    for item in _raw()["sites"]:
        out.append(
            PeopleSite(
                key=item["key"],
                name=item["name"],
                country=item["country"],
                category=item["category"],
                domains=tuple(item["domains"]),
                search_page=item["search_page"],
                search_url=item.get("search_url"),
                site_query=item["site_query"],
                optout_url=item.get("optout_url"),
                optout_route=item["optout_route"],
                optout_note=dict(item.get("optout_note", {})),
                source_url=item["source_url"],
                verified=item["verified"],
            )
        )
    return tuple(out)


def sites_for_country(country: str | None) -> list[PeopleSite]:
    """Sites relevant to a country: FR and US sites for those two; both when unknown."""
    wanted = {country.upper()} if country and country.upper() in {"FR", "US"} else {"FR", "US"}
    if country and country.upper() in {"BE", "CH", "LU", "MC"}:
        wanted = {"FR"}
    return [s for s in people_sites() if s.country in wanted]


def find_people_site(url: str) -> PeopleSite | None:
    """The known listing site a URL is on, if any."""
    for site in people_sites():
        if site.matches(url):
            return site
    return None


@lru_cache(maxsize=1)
def social_hosts() -> dict[str, str]:
    """Host -> platform key for social platforms: what other checks registered (the accounts
    catalog), then the file."""
    hosts: dict[str, str] = {}
    hosts.update(platform_hosts())
    for domain, key in _raw()["social_hosts"]:
        hosts.setdefault(domain, key)
    return hosts


def social_platform(url: str) -> str | None:
    """The platform key of a social site URL (`github`, `instagram`...), if known."""
    host = landing_host(url)
    for domain, key in social_hosts().items():
        if host_matches(host, domain):
            return key
    return None


def is_news(url: str) -> bool:
    """True for known news hosts, or a URL path that looks like an article."""
    raw = _raw()
    host = landing_host(url)
    if any(host_matches(host, d) for d in raw["news_hosts"]):
        return True
    path = urlsplit(unwrap(url)).path.lower()
    return any(hint in path for hint in raw["news_path_hints"])
