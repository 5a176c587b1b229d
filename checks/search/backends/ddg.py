"""DuckDuckGo's no-JS endpoints: `html.duckduckgo.com/html/` (default) and
`lite.duckduckgo.com/lite/` (fallback when the html page cannot be parsed, never after a block).

Both take a form POST: `q`, `b` (empty, first page only) and `kl` (region). Only the first page
is requested: later pages need the `vqd` token and asking for them without it lowers the IP's
reputation (SearXNG searx/engines/duckduckgo.py, read 2026-11-22).
"""

from __future__ import annotations

from typing import ClassVar
from urllib.parse import urlencode

from audit.check import PlannedRequest
from audit.net.model import HttpRequest, HttpResponse
from checks.search.backends.base import Backend
from checks.search.queries import Query
from checks.search.serp import ParsedPage, parse_ddg_html, parse_ddg_lite

HTML_URL = "https://html.duckduckgo.com/html/"
LITE_URL = "https://lite.duckduckgo.com/lite/"


class DuckDuckGoHtml(Backend):
    """DuckDuckGo html (keyless, default)."""

    name: ClassVar[str] = "ddg-html"
    label: ClassVar[str] = "DuckDuckGo"
    default_pace_s: ClassVar[float] = 6.0
    default_jitter_s: ClassVar[float] = 4.0
    endpoint: ClassVar[str] = HTML_URL

    @property
    def host(self) -> str:
        return "html.duckduckgo.com"

    def form(self, query: Query) -> dict[str, str]:
        """The POST form fields."""
        return {"q": query.text, "b": "", "kl": self.locale.ddg_region}

    def request(self, query: Query) -> HttpRequest:
        return HttpRequest(
            url=self.endpoint,
            method="POST",
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"https://{self.host}/",
                "Accept-Language": self.locale.accept_language,
            },
            body=urlencode(self.form(query)).encode("utf-8"),
            sends=query.sends,
            max_bytes=2_000_000,
            retries=0,
        )

    def planned(self, query: Query, note: str = "") -> PlannedRequest:
        fields = ", ".join(f"{k}={v!r}" for k, v in self.form(query).items())
        text = f"form {fields}; your IP, User-Agent, Accept-Language"
        return PlannedRequest("POST", self.endpoint, query.sends, f"{text}{note}")

    def parse(self, resp: HttpResponse) -> ParsedPage:
        return parse_ddg_html(resp.text)

    @staticmethod
    def browser_url(text: str) -> str:
        """A link a person can open in a browser for the same search."""
        return HTML_URL + "?" + urlencode({"q": text})


class DuckDuckGoLite(DuckDuckGoHtml):
    """DuckDuckGo lite: same form without `b`; used only when the html page is unreadable."""

    name: ClassVar[str] = "ddg-lite"
    label: ClassVar[str] = "DuckDuckGo (lite)"
    endpoint: ClassVar[str] = LITE_URL

    @property
    def host(self) -> str:
        return "lite.duckduckgo.com"

    def form(self, query: Query) -> dict[str, str]:
        return {"q": query.text, "kl": self.locale.ddg_region}

    def parse(self, resp: HttpResponse) -> ParsedPage:
        return parse_ddg_lite(resp.text)
