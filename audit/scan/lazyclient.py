"""The scan's HTTP client, made when a probe first sends: a scan that sends nothing (photos
only) never loads the HTTP engine (asyncio, ssl, aiohttp)."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from audit.models import RequestRecord
from audit.settings import Settings

if TYPE_CHECKING:
    from audit.net.client import HttpClient


class LazyClient:
    """Holds the scan's `HttpClient` (given, or made on first `get`) and its deadline."""

    def __init__(self, settings: Settings, client: HttpClient | None = None) -> None:
        self._settings, self._client = settings, client
        self._deadline: float | None = None
        self._lock = threading.Lock()

    def get(self) -> HttpClient:
        """The client, made now if it was not yet (open until the deadline set)."""
        with self._lock:
            if self._client is None:
                from audit.net.client import HttpClient

                self._client = HttpClient(self._settings)
                if self._deadline is not None:
                    self._client.open_until(self._deadline)
            return self._client

    def open_until(self, deadline: float) -> None:
        """Requests are accepted until `deadline` (time.monotonic()), none after it."""
        self._deadline = deadline
        if self._client is not None:
            self._client.open_until(deadline)

    def stop(self) -> None:
        """Nothing more is sent nor retried (nothing to do if nothing was sent)."""
        if self._client is not None:
            self._client.stop()

    def close(self) -> None:
        """End the client's loop and connections, if one was made."""
        if self._client is not None:
            self._client.close()

    @property
    def request_log(self) -> tuple[RequestRecord, ...]:
        """Every request sent so far (none if no client was made)."""
        return self._client.request_log if self._client is not None else ()
