"""Plain data of the photos check: limits, what one file revealed, and the reading error."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType

HEAD_BYTES = 128 * 1024


class Unreadable(Exception):
    """A file (or block) cannot be read to the end of its structure; the text says why."""


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-file limits: bytes read beyond the head, wall time, largest metadata block."""

    max_read: int = 32 * 1024 * 1024
    max_seconds: float = 2.0
    max_block: int = 4 * 1024 * 1024
    max_items: int = 20_000


@dataclass(frozen=True, slots=True)
class Fix:
    """A position read from a file. `origin`: exif, xmp, quicktime or takeout."""

    lat: float
    lon: float
    precision_m: float
    origin: str
    ref_missing: bool = False


@dataclass
class Raw:
    """What the container layer pulled out of one file, before any decoding."""

    fmt: str
    tiff_blocks: list[bytes] = field(default_factory=list)
    xmp_packets: list[bytes] = field(default_factory=list)
    fixes: list[Fix] = field(default_factory=list)
    taken_at: datetime | None = None
    notes: list[str] = field(default_factory=list)
    identity: dict[str, str] = field(default_factory=dict)  # IPTC, PNG text, CIFF
    iptc: bytes = b""  # the JPEG's head up to its first scan, when it has an APP13 segment


@dataclass(frozen=True, slots=True)
class PhotoInfo:
    """The answer for one file: located, no location, unreadable, or not a photo at all."""

    source: str
    fmt: str
    fix: Fix | None = None
    taken_at: datetime | None = None
    identity: Mapping[str, str] = field(default_factory=dict)
    error: str = ""
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "identity", MappingProxyType(dict(self.identity)))
        object.__setattr__(self, "notes", tuple(self.notes))

    @property
    def state(self) -> str:
        """`located`, `no_location`, `unreadable` or `not_media`."""
        if self.error:
            return "unreadable"
        if self.fix is not None:
            return "located"
        if self.fmt == "unknown":
            return "not_media"
        return "no_location"
