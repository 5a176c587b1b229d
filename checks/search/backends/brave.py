"""Brave Search API (opt-in, needs the person's key in `EXPOSURE_AUDIT_BRAVE_KEY`).

`GET https://api.search.brave.com/res/v1/web/search?q=...` with the key in the
`X-Subscription-Token` header (never in the URL, so the request log never holds it); answers
`web.results[]` (`url`, `title`, `description`); errors 401/403 (key), 429 (rate or quota).
Sources: api-dashboard.search.brave.com/app/documentation/web-search (and the reference notes
in search-contacts-links.md A.1), read 2026-11-22.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar
from urllib.parse import urlencode

from audit.check import PlannedRequest, UnexpectedResponse
from audit.net.model import HttpRequest, HttpResponse
from checks.search.backends.base import Backend, Locale
from checks.search.queries import Query
from checks.search.serp import Hit, ParsedPage

ENDPOINT = "https://api.search.brave.com/res/v1/web/search"
KEY_ENV = "EXPOSURE_AUDIT_BRAVE_KEY"


class BraveAPI(Backend):
    """Brave Search API with the person's own key."""

    name: ClassVar[str] = "brave"
    label: ClassVar[str] = "Brave Search API"
    requires_key: ClassVar[bool] = True
    default_pace_s: ClassVar[float] = 1.1
    default_jitter_s: ClassVar[float] = 0.3

    def __init__(self, locale: Locale, key: str) -> None:
        super().__init__(locale)
        self._key = key

    def __repr__(self) -> str:
        return "BraveAPI(key=<hidden>)"

    @property
    def host(self) -> str:
        return "api.search.brave.com"

    def url(self, query: Query) -> str:
        """The request URL (no key in it)."""
        params = {"q": query.text, "count": "20"}
        if self.locale.country:
            params["country"] = self.locale.country.upper()
        params["search_lang"] = self.locale.lang
        return f"{ENDPOINT}?{urlencode(params)}"

    def request(self, query: Query) -> HttpRequest:
        return HttpRequest(
            url=self.url(query),
            headers={"Accept": "application/json", "X-Subscription-Token": self._key},
            sends=query.sends,
            max_bytes=4_000_000,
            retries=0,
        )

    def planned(self, query: Query, note: str = "") -> PlannedRequest:
        return PlannedRequest("GET", self.url(query), query.sends,
                              f"your API key in the X-Subscription-Token header{note}")

    def parse(self, resp: HttpResponse) -> ParsedPage:
        try:
            data: Any = json.loads(resp.text)
        except json.JSONDecodeError as exc:
            raise UnexpectedResponse("the Brave API did not answer JSON") from exc
        if not isinstance(data, dict):
            raise UnexpectedResponse("the Brave API answered an unexpected JSON value")
        web = data.get("web") or {}
        results = web.get("results") if isinstance(web, dict) else None
        hits: list[Hit] = []
        for item in results or []:
            if isinstance(item, dict) and item.get("url"):
                hits.append(Hit(str(item["url"]), str(item.get("title") or ""),
                                str(item.get("description") or ""), len(hits) + 1))
        if not hits and data.get("type") != "search":
            raise UnexpectedResponse("the Brave API answer has neither results nor a search type")
        return ParsedPage("brave", tuple(hits), said_no_results=not hits)
