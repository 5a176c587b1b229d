"""A small expiring key-value cache in the local database (e.g. search results per query).

Values are JSON. Entries are namespaced by check name; expired ones are ignored and pruned.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import datetime, timedelta
from typing import Any

from audit.store.db import migrate


def _m001_cache(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE cache (namespace TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,"
        " expires_at TEXT NOT NULL, PRIMARY KEY (namespace, key))"
    )


MIGRATIONS = (("001_cache", _m001_cache),)


class Cache:
    """JSON values with an expiry, stored in SQLite; safe to share between threads."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._lock = threading.Lock()
        with self._lock:
            migrate(conn, "cache", MIGRATIONS)

    def get(self, namespace: str, key: str, now: datetime) -> Any:
        """The value, or None when absent or expired."""
        with self._lock:
            row = self._conn.execute(
                "SELECT value, expires_at FROM cache WHERE namespace = ? AND key = ?",
                (namespace, key),
            ).fetchone()
        if row is None or datetime.fromisoformat(row[1]) <= now:
            return None
        return json.loads(row[0])

    def put(self, namespace: str, key: str, value: Any, ttl_s: float, now: datetime) -> None:
        """Store a JSON-serialisable value for `ttl_s` seconds."""
        expires = (now + timedelta(seconds=ttl_s)).isoformat()
        with self._lock:
            self._conn.execute(
                "INSERT OR REPLACE INTO cache (namespace, key, value, expires_at)"
                " VALUES (?, ?, ?, ?)",
                (namespace, key, json.dumps(value), expires),
            )
            self._conn.execute("DELETE FROM cache WHERE expires_at <= ?", (now.isoformat(),))


class MemoryCache:
    """The same interface in memory, for `--no-cache` or when there is no database."""

    def __init__(self) -> None:
        self._data: dict[tuple[str, str], tuple[Any, datetime]] = {}
        self._lock = threading.Lock()

    def get(self, namespace: str, key: str, now: datetime) -> Any:
        """The value, or None when absent or expired."""
        with self._lock:
            item = self._data.get((namespace, key))
        if item is None or item[1] <= now:
            return None
        return item[0]

    def put(self, namespace: str, key: str, value: Any, ttl_s: float, now: datetime) -> None:
        """Store a value for `ttl_s` seconds."""
        with self._lock:
            self._data[(namespace, key)] = (value, now + timedelta(seconds=ttl_s))
