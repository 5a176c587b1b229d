"""The request and response shapes that checks see; the client that sends them is
`audit.net.client`. Imported by `audit.check`, so it imports nothing from the HTTP engine."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

_CHARSET = re.compile(r"(?:^|;)\s*charset=[\s\"']*([^\s\"';]+)", re.IGNORECASE)


class Origin(StrEnum):
    """Where a URL came from. Page-sourced URLs are guarded against local addresses."""

    CATALOG = "catalog"
    USER = "user"
    PAGE = "page"


@dataclass(frozen=True, slots=True)
class HttpRequest:
    """One request a check wants sent; `sends` names the personal data it carries
    (``handle``, ``name``, ``email``, ``phone``), shown by the dry run and the request log."""

    url: str
    method: str = "GET"
    headers: Mapping[str, str] = field(default_factory=dict, hash=False)
    body: bytes | None = None
    follow_redirects: bool = True
    max_bytes: int | None = None
    origin: Origin = Origin.CATALOG
    sends: tuple[str, ...] = ()
    timeout: float | None = None
    retries: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "method", self.method.upper())
        object.__setattr__(self, "headers", MappingProxyType(dict(self.headers)))


@dataclass(frozen=True, slots=True)
class HttpResponse:
    """What came back; `headers` keys are lowercase; `truncated`: `body` was cut at the cap."""

    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    elapsed_s: float = 0.0
    truncated: bool = False
    redirects: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The body decoded with the declared charset (else UTF-8), errors replaced."""
        found = _CHARSET.search(self.headers.get("content-type", ""))
        charset = found.group(1) if found else "utf-8"
        try:
            return self.body.decode(charset, errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")

    def header(self, name: str, default: str = "") -> str:
        """One header, by case-insensitive name."""
        return self.headers.get(name.lower(), default)


Answer = HttpResponse | Exception
"""What a batch hands back for one request: the response, or the error that ended it."""
OnDone = Callable[[int, Answer], None]
