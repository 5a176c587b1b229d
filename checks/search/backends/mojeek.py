"""Mojeek Search API (opt-in, needs the person's key in `EXPOSURE_AUDIT_MOJEEK_KEY`).

`GET https://www.mojeek.com/search?q=...&fmt=json&api_key=...`: the API only takes the key as
a URL parameter (mojeek.com/support/api/search/request_parameters.html, read 2026-11-22), so
the core's request log must redact `api_key` (see `REDACT_PARAMS`); the dry run shows it
redacted. Answers `response.status` ("OK" or an error such as "ERROR: Daily Limit Reached")
and `response.results[]` (`url`, `title`, `desc`).
"""

from __future__ import annotations

import json
from typing import Any, ClassVar
from urllib.parse import urlencode

from audit.check import Blocked, PlannedRequest, RateLimited, UnexpectedResponse
from audit.net.model import HttpRequest, HttpResponse
from checks.search.backends.base import Backend, Locale
from checks.search.blocks import advice
from checks.search.queries import Query
from checks.search.serp import Hit, ParsedPage

ENDPOINT = "https://www.mojeek.com/search"
KEY_ENV = "EXPOSURE_AUDIT_MOJEEK_KEY"
REDACT_PARAMS: tuple[str, ...] = ("api_key",)


class MojeekAPI(Backend):
    """Mojeek Search API with the person's own key."""

    name: ClassVar[str] = "mojeek"
    label: ClassVar[str] = "Mojeek API"
    requires_key: ClassVar[bool] = True
    default_pace_s: ClassVar[float] = 1.0
    default_jitter_s: ClassVar[float] = 0.5

    def __init__(self, locale: Locale, key: str) -> None:
        super().__init__(locale)
        self._key = key

    def __repr__(self) -> str:
        return "MojeekAPI(key=<hidden>)"

    @property
    def host(self) -> str:
        return "www.mojeek.com"

    def url(self, query: Query, key: str) -> str:
        """The request URL; `key` is the real key or a placeholder for display."""
        params = {"q": query.text, "fmt": "json", "t": "20", "api_key": key}
        if self.locale.country:
            params.update({"rb": self.locale.country.upper(), "rbb": "10"})
        return f"{ENDPOINT}?{urlencode(params)}"

    def request(self, query: Query) -> HttpRequest:
        return HttpRequest(url=self.url(query, self._key), headers={"Accept": "application/json"},
                           sends=query.sends, max_bytes=4_000_000, retries=0)

    def planned(self, query: Query, note: str = "") -> PlannedRequest:
        return PlannedRequest("GET", self.url(query, "REDACTED"), query.sends,
                              f"your API key as the api_key URL parameter{note}")

    def parse(self, resp: HttpResponse) -> ParsedPage:
        try:
            data: Any = json.loads(resp.text)
        except json.JSONDecodeError as exc:
            raise UnexpectedResponse("the Mojeek API did not answer JSON") from exc
        body = data.get("response") if isinstance(data, dict) else None
        if not isinstance(body, dict):
            raise UnexpectedResponse("the Mojeek API answer has no `response` object")
        status = str(body.get("status") or "")
        if status != "OK":
            low = status.lower()
            if "limit" in low:
                raise RateLimited(advice("mojeek", f"API says: {status}", self.locale.lang))
            if "key" in low or "auth" in low:
                raise Blocked(advice("mojeek", f"API says: {status}", self.locale.lang))
            raise UnexpectedResponse(f"the Mojeek API answered status {status!r}")
        hits: list[Hit] = []
        for item in body.get("results") or []:
            if isinstance(item, dict) and item.get("url"):
                hits.append(Hit(str(item["url"]), str(item.get("title") or ""),
                                str(item.get("desc") or ""), len(hits) + 1))
        return ParsedPage("mojeek", tuple(hits), said_no_results=not hits)
