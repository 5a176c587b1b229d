"""The data behind the report's pictures: points for the photo map (photo locations and place
clusters with valid coordinates) and merged edges for the identity graph (from `link`
findings). Shared by the HTML figures and the Markdown tables.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from audit.models import ScanReport
from reports.view import as_text


def _coord(value: Any, limit: float) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and abs(number) <= limit else None


@dataclass(frozen=True)
class MapPoint:
    """A point on the photo map: a photo, or a repeated place (cluster)."""

    lat: float
    lon: float
    label: str
    cluster: str = ""
    photos: int = 0
    days: int = 0
    title: str = ""


def map_points(report: ScanReport) -> list[MapPoint]:
    """Photo locations and place clusters with valid coordinates, clusters first."""
    points: list[MapPoint] = []
    for f in report.findings():
        if f.kind not in ("photo_location", "place_cluster"):
            continue
        lat, lon = _coord(f.data.get("lat"), 90), _coord(f.data.get("lon"), 180)
        if lat is None or lon is None or (lat == 0 and lon == 0):
            continue
        if f.kind == "place_cluster":
            label = as_text(f.data.get("label")) or "other"
            photos = f.data.get("photos")
            count = len(photos) if isinstance(photos, Sequence) and not isinstance(
                photos, str) else _int(photos)
            points.append(MapPoint(lat, lon, label, label, count, _int(f.data.get("days")),
                                   f.title))
        else:
            points.append(MapPoint(lat, lon, as_text(f.data.get("place")) or f.title,
                                   title=f.title))
    best: dict[tuple[str, float, float], MapPoint] = {}
    for p in points:
        key = (p.cluster, round(p.lat, 4), round(p.lon, 4))
        if not p.cluster:
            key = (p.title, p.lat, p.lon)
        if key not in best or (p.photos, p.days) > (best[key].photos, best[key].days):
            best[key] = p
    return sorted(best.values(), key=lambda p: (p.cluster == "", p.lat, p.lon, p.label))


def _int(value: Any) -> int:
    if isinstance(value, Sequence) and not isinstance(value, str):
        return len(value)
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


@dataclass(frozen=True)
class Edge:
    """A link between two identity nodes (several signals merged)."""

    source: str
    target: str
    signals: tuple[str, ...]
    strength: float


_STRENGTH_WORDS = {"confirmed": 1.0, "very_strong": 1.0, "strong": 0.9, "high": 0.9,
                   "medium": 0.6, "weak": 0.3, "low": 0.3}


def strength_value(value: Any) -> float:
    """A link strength as a number in [0, 1] (words such as 'strong' accepted)."""
    if isinstance(value, str) and value.lower() in _STRENGTH_WORDS:
        return _STRENGTH_WORDS[value.lower()]
    number = _coord(value, 1e9)
    if number is None:
        return 0.5
    return max(0.0, min(1.0, number / 100 if number > 1 else number))


def strength_word(value: float) -> str:
    """'strong', 'medium' or 'weak' for a strength in [0, 1]."""
    return "strong" if value >= 0.75 else "medium" if value >= 0.5 else "weak"


def graph_edges(report: ScanReport) -> list[Edge]:
    """Edges from `link` findings, merged per pair of nodes, in a stable order."""
    merged: dict[tuple[str, str], tuple[list[str], float]] = {}
    for f in report.findings():
        if f.kind != "link":
            continue
        a, b = as_text(f.data.get("source")).strip(), as_text(f.data.get("target")).strip()
        if not a or not b or a == b:
            continue
        pair = (a, b) if a <= b else (b, a)
        signals, strength = merged.get(pair, ([], 0.0))
        signal = as_text(f.data.get("signal")) or "link"
        if signal not in signals:
            signals.append(signal)
        merged[pair] = (signals, max(strength, strength_value(f.data.get("strength"))))
    return [Edge(a, b, tuple(s), w) for (a, b), (s, w) in sorted(merged.items())]


def node_type(node: str) -> str:
    """'name', 'contact' (email/phone), 'site' (url) or 'account' for a graph node id."""
    prefix = node.split(":", 1)[0].lower() if ":" in node else ""
    if prefix in ("name", "former_name", "display_name"):
        return "name"
    if prefix in ("email", "phone", "address"):
        return "contact"
    if prefix in ("url", "site", "http", "https", "domain"):
        return "site"
    return "account"
