"""The search-backend contract: build the request for a query, read the answer.

A backend never sends anything itself: `request()` returns the `HttpRequest` the check passes
to `ctx.fetch`, and `read()` turns the response into a `ParsedPage` after the block detection
of `checks.search.blocks` (which runs first, always). `planned()` says what the backend would
receive, for `--dry-run`, without any secret in it.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass
from typing import ClassVar

from audit.check import PlannedRequest, UnexpectedResponse
from audit.net.model import HttpRequest, HttpResponse
from checks.search.blocks import check_response
from checks.search.queries import Query
from checks.search.serp import ParsedPage

USER_AGENT_NOTE = "honest User-Agent of the tool (set by the core)"


@dataclass(frozen=True, slots=True)
class Locale:
    """Region and language hints sent with each query."""

    lang: str = "en"  # "fr" / "en"
    country: str = ""  # "FR", "US" or ""

    @property
    def ddg_region(self) -> str:
        """DuckDuckGo `kl` value (`fr-fr`, `us-en`, `wt-wt` for no region)."""
        table = {"FR": "fr-fr", "BE": "be-fr", "CH": "ch-fr", "CA": "ca-fr", "US": "us-en",
                 "GB": "uk-en", "UK": "uk-en"}
        return table.get(self.country.upper(), "wt-wt")

    @property
    def accept_language(self) -> str:
        """`Accept-Language` header value."""
        if self.lang == "fr":
            return "fr-FR,fr;q=0.9,en;q=0.5"
        return "en-US,en;q=0.9"

    @property
    def bcp47(self) -> str:
        """`fr-FR` / `en-US` style tag."""
        if self.lang == "fr":
            return f"fr-{self.country.upper() or 'FR'}"
        return f"en-{self.country.upper() or 'US'}" if self.country else "en"


class Backend(abc.ABC):
    """One search backend. Subclasses set the class attributes and three methods."""

    name: ClassVar[str]
    label: ClassVar[str]
    requires_key: ClassVar[bool] = False
    default_pace_s: ClassVar[float] = 1.0
    default_jitter_s: ClassVar[float] = 0.5

    def __init__(self, locale: Locale) -> None:
        self.locale = locale

    @property
    @abc.abstractmethod
    def host(self) -> str:
        """The host that receives the queries."""

    @abc.abstractmethod
    def request(self, query: Query) -> HttpRequest:
        """The request that runs `query`."""

    @abc.abstractmethod
    def planned(self, query: Query, note: str = "") -> PlannedRequest:
        """What `--dry-run` shows for this query (no secrets)."""

    @abc.abstractmethod
    def parse(self, resp: HttpResponse) -> ParsedPage:
        """Read a response that passed block detection."""

    def read(self, resp: HttpResponse) -> ParsedPage:
        """Block detection first, then parsing; a page we cannot read is an error."""
        check_response(self.name, resp, self.locale.lang)
        if resp.status != 200:
            raise UnexpectedResponse(f"{self.label} answered HTTP {resp.status}")
        page = self.parse(resp)
        if page.looks_broken:
            raise UnexpectedResponse(
                f"{self.label} answered a page with no results and no 'no results' notice;"
                " its layout may have changed"
            )
        return page
