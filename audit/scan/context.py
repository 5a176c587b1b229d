"""What the probes of one scan share (`ScanState`: client, clock, cache, and the page cache that
sends a page once however many probes ask for it) and the `CheckContext` each probe gets."""

from __future__ import annotations

import collections
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from audit.check import Check, ContractError, Probe, TimedOut
from audit.models import Subject
from audit.net import Answer, HttpRequest, HttpResponse
from audit.settings import Settings
from audit.store.cache import Cache, MemoryCache

if TYPE_CHECKING:
    from audit.net.client import HttpClient

Clock = Callable[[], datetime]
PAGE_CACHE_BYTES = 64 * 1024 * 1024
"""At most this much of the pages a scan fetched is kept for its later probes (a sweep of
thousands of sites would otherwise hold every page until the end)."""


@dataclass(frozen=True, slots=True)
class Ahead:
    """The answer to a probe's `request`, sent ahead in a batch."""

    answer: Answer


class ProbeContext:
    """The `CheckContext` handed to a check for one probe (`inline`: run on the thread that
    received its first answer, where nothing may wait)."""

    def __init__(
        self,
        scan: ScanState,
        check: Check,
        probe: Probe,
        ahead: Ahead | None = None,
        inline: bool = False,
    ) -> None:
        self._scan, self._check, self._probe = scan, check, probe
        self._ahead, self._inline = ahead, inline

    @property
    def subject(self) -> Subject:
        return self._scan.subject

    @property
    def options(self) -> Mapping[str, Any]:
        return self._scan.settings.options_for(self._check.name)

    def fetch(self, request: HttpRequest) -> HttpResponse:
        if self._ahead is not None and request == self._probe.request:
            return self._scan.take_ahead(request, self._ahead.answer)
        if self._inline:
            # Run on the event loop's thread, which cannot wait for another answer.
            raise ContractError(
                f"probe {self._probe.target!r} of {self._check.name!r} is marked "
                "`request_only` but fetched another request; it was not sent"
            )
        return self._scan.fetch(request, self._check.name)

    def now(self) -> datetime:
        return self._scan.clock()

    def cache_get(self, key: str) -> Any:
        return self._scan.cache.get(self._check.name, key, self._scan.clock())

    def cache_put(self, key: str, value: Any, ttl_s: float) -> None:
        self._scan.cache.put(self._check.name, key, value, ttl_s, self._scan.clock())

    def cancelled(self) -> bool:
        return self._scan.cancel.is_set()

    @property
    def deadline_s(self) -> float:
        return self._scan.settings.deadline


class ScanState:
    """State of one scan shared by its probes: client, page cache, clock, cache."""

    def __init__(
        self,
        subject: Subject,
        settings: Settings,
        client: HttpClient | Callable[[], HttpClient],
        clock: Clock,
        cache: Cache | MemoryCache,
    ) -> None:
        self.subject, self.settings, self._client = subject, settings, client
        self.clock, self.cache = clock, cache
        self._pages: collections.OrderedDict[tuple[str, bool], HttpResponse] = (
            collections.OrderedDict())
        self._page_bytes = 0
        self._inflight: dict[tuple[str, bool], threading.Event] = {}
        self.cancel = threading.Event()
        self._lock = threading.Lock()

    @property
    def client(self) -> HttpClient:
        """The client (given, or made on first use by the function given)."""
        return self._client() if callable(self._client) else self._client

    def take_ahead(self, request: HttpRequest, answer: Answer) -> HttpResponse:
        """The answer sent ahead for `request` (raised if it is an error), kept like a fetched
        page so later probes of this scan do not ask for it again."""
        if isinstance(answer, Exception):
            raise answer
        if (
            request.method == "GET"
            and not request.headers
            and answer.status < 500
            and not answer.truncated
        ):
            self._keep((request.url, request.follow_redirects), answer)
        return answer

    def _keep(self, key: tuple[str, bool], page: HttpResponse, replace: bool = False) -> None:
        """Keep a page for the later probes of this scan, within `PAGE_CACHE_BYTES`: the
        pages kept longest go first (asked again, such a page is fetched again)."""
        with self._lock:
            old = self._pages.pop(key, None)
            if old is not None:
                if not replace:
                    self._pages[key] = old
                    return
                self._page_bytes -= len(old.body)
            self._pages[key] = page
            self._page_bytes += len(page.body)
            while self._page_bytes > PAGE_CACHE_BYTES and len(self._pages) > 1:
                _key, old = self._pages.popitem(last=False)
                self._page_bytes -= len(old.body)

    def fetch(self, request: HttpRequest, check: str) -> HttpResponse:
        """Send through the client; a page already fetched (or being fetched) by another
        probe of this scan is not requested twice."""
        if self.cancel.is_set():
            raise TimedOut("not sent: the scan's deadline was reached or it was interrupted")
        if request.method != "GET" or request.headers:
            return self.client.send(request, check=check)
        key = (request.url, request.follow_redirects)
        while True:
            with self._lock:
                hit = self._pages.get(key)
                if hit is not None and not (
                    request.max_bytes and len(hit.body) > request.max_bytes
                ):
                    return hit
                waiting = self._inflight.get(key)
                if waiting is None:
                    done = self._inflight[key] = threading.Event()
                    break
            # another probe is fetching this page: wait for it, then use its answer
            waiting.wait(timeout=(request.timeout or self.settings.timeout) * 4)
            if not waiting.is_set() or key not in self._pages:
                return self.client.send(request, check=check)
        try:
            resp = self.client.send(request, check=check)
            if resp.status < 500 and not resp.truncated:
                self._keep(key, resp, replace=True)
            return resp
        finally:
            with self._lock:
                self._inflight.pop(key, None)
            done.set()
