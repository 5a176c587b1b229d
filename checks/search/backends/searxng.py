"""A SearXNG instance the person runs (opt-in, `searxng_url`): `GET /search?format=json`.

The JSON API answers `results[]` (`url`, `title`, `content`) and `unresponsive_engines` (the
upstream engines that failed or blocked the instance). Instances refuse JSON with 403 unless
`json` is in `search.formats`, and their limiter answers 429 (SearXNG docs/dev/search_api.rst,
searx/settings.yml; read 2026-11-22).
"""

from __future__ import annotations

import json
from typing import Any, ClassVar
from urllib.parse import urlencode, urlsplit

from audit.check import Blocked, PlannedRequest, UnexpectedResponse
from audit.net.model import HttpRequest, HttpResponse, Origin
from checks.search.backends.base import Backend, Locale
from checks.search.blocks import advice
from checks.search.queries import Query
from checks.search.serp import Hit, ParsedPage
from checks.search.urls import unwrap


class SearXNG(Backend):
    """The person's own SearXNG instance."""

    name: ClassVar[str] = "searxng"
    label: ClassVar[str] = "SearXNG"
    default_pace_s: ClassVar[float] = 2.0
    default_jitter_s: ClassVar[float] = 1.0

    def __init__(self, locale: Locale, base_url: str) -> None:
        super().__init__(locale)
        self.base_url = base_url.rstrip("/")

    @property
    def host(self) -> str:
        parts = urlsplit(self.base_url)
        return (parts.netloc or self.base_url).lower()

    def url(self, query: Query) -> str:
        """The JSON search URL for a query."""
        params = {"q": query.text, "format": "json", "language": self.locale.bcp47,
                  "pageno": "1"}
        return f"{self.base_url}/search?{urlencode(params)}"

    def request(self, query: Query) -> HttpRequest:
        return HttpRequest(
            url=self.url(query),
            headers={"Accept": "application/json"},
            origin=Origin.USER,
            sends=query.sends,
            max_bytes=4_000_000,
            retries=0,
        )

    def planned(self, query: Query, note: str = "") -> PlannedRequest:
        text = "your instance forwards the query to its upstream engines from its own IP"
        return PlannedRequest("GET", self.url(query), query.sends, f"{text}{note}")

    def parse(self, resp: HttpResponse) -> ParsedPage:
        try:
            data: Any = json.loads(resp.text)
        except json.JSONDecodeError as exc:
            raise UnexpectedResponse(
                "SearXNG did not answer JSON: is `json` enabled in search.formats?") from exc
        if not isinstance(data, dict) or not isinstance(data.get("results"), list):
            raise UnexpectedResponse("SearXNG answered JSON without a `results` list")
        hits: list[Hit] = []
        for item in data["results"]:
            if not isinstance(item, dict) or not item.get("url"):
                continue
            hits.append(Hit(unwrap(str(item["url"])), str(item.get("title") or ""),
                            str(item.get("content") or ""), len(hits) + 1))
        unresponsive = [str(e[0]) if isinstance(e, list) and e else str(e)
                        for e in data.get("unresponsive_engines") or []]
        if not hits and unresponsive:
            raise Blocked(advice("searxng", "its upstream engines failed or were blocked: "
                                 + ", ".join(unresponsive), self.locale.lang))
        notes: tuple[str, ...] = ()
        if unresponsive:
            notes = (f"upstream engines that failed: {', '.join(unresponsive)}",)
        return ParsedPage("searxng", tuple(hits), said_no_results=not hits,
                          query=str(data.get("query") or ""), notes=notes)
