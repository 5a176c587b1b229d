"""The sandbox's record of answered requests: `LoggedRequest` entries in a thread-safe
`RequestLog`, so tests can assert what a client sent (or that it sent nothing)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import overload


@dataclass(frozen=True, slots=True)
class LoggedRequest:
    """One request the sandbox answered. `headers` keys are lowercase; `time` is epoch s."""

    method: str
    scheme: str
    host: str
    path: str
    headers: Mapping[str, str]
    body: bytes
    time: float
    status: int
    behaviour: str
    matched: bool

    @property
    def url(self) -> str:
        """The full URL that was requested."""
        return f"{self.scheme}://{self.host}{self.path}"


class RequestLog(Sequence[LoggedRequest]):
    """Thread-safe, append-only record of served requests (`total` counts even when the
    sandbox keeps no entries)."""

    def __init__(self, keep: bool = True) -> None:
        self.keep = keep
        self.total = 0
        self._items: list[LoggedRequest] = []
        self._lock = threading.Lock()

    def record(self, entry_factory: Callable[[], LoggedRequest]) -> None:
        """Count one request; build and keep its entry when keeping entries."""
        with self._lock:
            self.total += 1
        if self.keep:
            entry = entry_factory()
            with self._lock:
                self._items.append(entry)

    @overload
    def __getitem__(self, index: int) -> LoggedRequest: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[LoggedRequest]: ...
    def __getitem__(self, index: int | slice) -> LoggedRequest | Sequence[LoggedRequest]:
        with self._lock:
            return self._items[index]

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def __iter__(self) -> Iterator[LoggedRequest]:
        with self._lock:
            return iter(list(self._items))

    def snapshot(self) -> list[LoggedRequest]:
        """A copy of the entries so far."""
        with self._lock:
            return list(self._items)

    def clear(self) -> None:
        """Forget the entries and reset the count."""
        with self._lock:
            self._items.clear()
            self.total = 0

    def urls(self) -> list[str]:
        """The URL of every kept entry, in order."""
        return [e.url for e in self.snapshot()]

    def hosts(self) -> set[str]:
        """Every host that received a request."""
        return {e.host for e in self.snapshot()}
