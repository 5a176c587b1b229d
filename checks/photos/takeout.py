"""Google Takeout `.json` sidecars: `geoDataExif` / `geoData` and `photoTakenTime`."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from checks.photos.geo import valid_position
from checks.photos.model import Fix, Raw, Unreadable
from checks.photos.source import Source

MAX_JSON = 1024 * 1024


def is_takeout(head: bytes) -> bool:
    """A JSON object that mentions Takeout's keys."""
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{" and (
        b'"photoTakenTime"' in head or b'"geoData' in head or b'"creationTime"' in head
    )


def _fix(geo: Any) -> Fix | None:
    if not isinstance(geo, dict):
        return None
    try:
        lat, lon = float(geo.get("latitude", 0.0)), float(geo.get("longitude", 0.0))
    except (TypeError, ValueError):
        return None
    if not valid_position(lat, lon):
        return None
    return Fix(lat, lon, 10.0, "takeout")


def read_takeout(src: Source, raw: Raw) -> None:
    """Position and capture time from one sidecar."""
    if src.size > MAX_JSON:
        raise Unreadable("JSON sidecar larger than 1 MiB")
    try:
        doc = json.loads(src.read(0, src.size).decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise Unreadable(f"JSON sidecar does not parse: {exc}") from exc
    if not isinstance(doc, dict):
        raise Unreadable("JSON sidecar is not an object")
    for key in ("geoDataExif", "geoData"):
        fix = _fix(doc.get(key))
        if fix:
            raw.fixes.append(fix)
            break
    taken = doc.get("photoTakenTime")
    if isinstance(taken, dict):
        try:
            raw.taken_at = datetime.fromtimestamp(int(taken.get("timestamp", "")), UTC)
        except (TypeError, ValueError, OverflowError, OSError):
            pass
