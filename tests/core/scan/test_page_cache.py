"""The scan's page cache: a page asked by several probes is sent once, within a byte budget
(the pages kept longest go first and are fetched again if asked again)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from audit.models import Subject
from audit.net import HttpRequest, Origin
from audit.net.client import HttpClient
from audit.sandbox import Sandbox, World
from audit.scan import context
from audit.scan.context import ScanState
from audit.settings import Settings
from audit.store.cache import MemoryCache


def test_pages_beyond_the_budget_are_dropped_oldest_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(context, "PAGE_CACHE_BYTES", 2500)
    world = World()
    for n in (1, 2, 3):
        world.page(f"https://cache.test/p{n}", "x" * 1000)
    with Sandbox(world) as sb:
        settings = Settings(proxy=sb.proxy_url, ca_bundle=sb.ca_path, trust_env=False)
        client = HttpClient(settings)
        state = ScanState(Subject(handles=("a",)), settings, client,
                          lambda: datetime.now(UTC), MemoryCache())
        try:
            for n in (1, 2, 3, 3, 2, 1):
                page = state.fetch(HttpRequest(f"https://cache.test/p{n}", origin=Origin.USER),
                                   "test")
                assert page.status == 200
        finally:
            client.close()
        served = [r.path for r in sb.log.snapshot() if r.host == "cache.test"]
    # p1 was dropped when p3 came in (3,000 bytes > 2,500): asked again, it is sent again;
    # p2 and p3 are answered from the cache.
    assert sorted(served) == ["/p1", "/p1", "/p2", "/p3"]
