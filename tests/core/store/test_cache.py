"""The expiring cache (used for search results) in SQLite and in memory."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from audit.store.cache import Cache, MemoryCache
from audit.store.db import connect

T0 = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize("make", [lambda: Cache(connect()), MemoryCache])
def test_values_expire_and_are_namespaced(make):
    cache = make()
    cache.put("search", "q1", {"urls": ["a"]}, ttl_s=60, now=T0)
    assert cache.get("search", "q1", T0 + timedelta(seconds=59)) == {"urls": ["a"]}
    assert cache.get("other", "q1", T0) is None
    assert cache.get("search", "q1", T0 + timedelta(seconds=61)) is None
