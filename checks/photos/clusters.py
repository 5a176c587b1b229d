"""Places that repeat: grid clustering of photo positions, then home / work / other labels.

Positions go into ~150 m cells (longitude scaled by the latitude); occupied cells touching
each other (8 neighbours) form one place, so a home on a cell edge is not split; a place wider
than 300 m (photos all along a daily walk) is split around its densest cells. A place is
"home" with photos on at least `HOME_DAYS` distinct days, mostly at night (19:00-07:00 local
wall time) or on weekends, few in office hours; "work" with most photos Monday-Friday
09:00-17:00 on at least `WORK_DAYS` days; other repeated places are "other" (times known only
in UTC are moved to the place's solar time). Photo and its
sidecar (`IMG_1.jpg`, `IMG_1.jpg.xmp`, `IMG_1.jpg.json`) count once.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from checks.photos.geo import distances_m

CELL_M = 150.0
HOME_DAYS = 3
WORK_DAYS = 2
MIN_PHOTOS = 3
MAX_EXTENT_M = 300.0  # a place wider than this is split around its densest spots
PEEL_M = 150.0
MAX_LABELLED = 2
MAX_OTHER = 10  # the biggest other repeated places; home and work are always listed
_SIDECAR_SUFFIXES = (".supplemental-metadata.json", ".json", ".xmp")


@dataclass(frozen=True, slots=True)
class Point:
    """One located photo as the clustering sees it."""

    source: str
    lat: float
    lon: float
    taken_at: datetime | None = None
    published: bool = False


@dataclass(frozen=True, slots=True)
class Cluster:
    """A place that repeats, with the evidence behind its label."""

    label: str
    lat: float
    lon: float
    photos: tuple[str, ...]
    days: int
    night_share: float
    office_share: float
    published: tuple[str, ...]


def photo_key(source: str) -> str:
    """The photo a file speaks for: sidecars map to the photo they describe."""
    low = source.lower()
    for suffix in _SIDECAR_SUFFIXES:
        if low.endswith(suffix):
            stem = source[: -len(suffix)]
            return stem if "." in stem.rsplit("/", 1)[-1] else source
    return source


def _cell(lat: float, lon: float) -> tuple[int, int]:
    dlat = CELL_M / 111_320.0
    y = math.floor(lat / dlat)
    scale = max(math.cos(math.radians((y + 0.5) * dlat)), 0.01)
    return y, math.floor(lon * scale / dlat)


def _groups(points: list[Point]) -> list[list[Point]]:
    cells: dict[tuple[int, int], list[Point]] = defaultdict(list)
    for p in points:
        cells[_cell(p.lat, p.lon)].append(p)
    parent = {c: c for c in cells}

    def root(c: tuple[int, int]) -> tuple[int, int]:
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    for (y, x) in cells:
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                n = (y + dy, x + dx)
                if n in parent:
                    a, b = root((y, x)), root(n)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
    groups: dict[tuple[int, int], list[Point]] = defaultdict(list)
    for c, members in cells.items():
        groups[root(c)].extend(members)
    out: list[list[Point]] = []
    for group in groups.values():
        out.extend(_peel(group) if _extent_m(group) > MAX_EXTENT_M else [group])
    return out


def _centre(points: list[Point]) -> tuple[float, float]:
    return (sum(p.lat for p in points) / len(points), sum(p.lon for p in points) / len(points))


def _distances(lat: float, lon: float, points: Iterable[Point]) -> Iterator[float]:
    return distances_m(lat, lon, ((p.lat, p.lon) for p in points))


def _within(lat: float, lon: float, points: list[Point]) -> list[Point]:
    return [p for p, d in zip(points, _distances(lat, lon, points), strict=True) if d <= PEEL_M]


def _extent_m(points: list[Point]) -> float:
    lat, lon = _centre(points)
    return max(_distances(lat, lon, points))


def _peel(points: list[Point]) -> list[list[Point]]:
    """Split a chained place (photos all along a street) around its densest cells: take cells
    from the fullest down, gather the photos within PEEL_M of their centre, never twice."""
    cells: dict[tuple[int, int], list[Point]] = defaultdict(list)
    for p in points:
        cells[_cell(p.lat, p.lon)].append(p)
    taken: set[int] = set()
    out = []
    for (y, x) in sorted(cells, key=lambda c: (-len(cells[c]), c)):
        seed = [p for p in cells[(y, x)] if id(p) not in taken]
        if len(seed) < 2:
            continue
        near = [p for dy in range(-2, 3) for dx in range(-2, 3)
                for p in cells.get((y + dy, x + dx), ()) if id(p) not in taken]
        members = _within(*_centre(seed), near) or seed
        members = _within(*_centre(members), near) or seed
        taken.update(id(p) for p in members)
        out.append(members)
    return out


def local_time(p: Point) -> datetime | None:
    """Wall-clock time of a photo. Times known only in UTC (Takeout, QuickTime `mvhd`) are
    moved to the local solar time of the place (one hour per 15 degrees of longitude)."""
    t = p.taken_at
    if t is not None and t.tzinfo is not None and t.utcoffset() == timedelta(0):
        return t + timedelta(hours=round(p.lon / 15))
    return t


def _is_night_or_weekend(t: datetime) -> bool:
    return t.weekday() >= 5 or t.hour >= 19 or t.hour < 7


def _is_office(t: datetime) -> bool:
    return t.weekday() < 5 and 9 <= t.hour < 17


def _label(days: int, n_timed: int, night: int, office: int) -> str:
    if n_timed and days >= HOME_DAYS and night / n_timed >= 0.6 and office / n_timed <= 0.3:
        return "home"
    if n_timed and days >= WORK_DAYS and office / n_timed >= 0.6:
        return "work"
    return "other"


def find_clusters(points: list[Point]) -> list[Cluster]:
    """Repeated places among `points`, biggest first."""
    out: list[Cluster] = []
    for group in _groups(points):
        by_photo: dict[str, Point] = {}
        for p in sorted(group, key=lambda p: (p.taken_at is None, p.source)):
            by_photo.setdefault(photo_key(p.source), p)
        members = list(by_photo.values())
        timed = [t for t in (local_time(p) for p in members) if t is not None]
        days = len({t.date() for t in timed})
        if len(members) < MIN_PHOTOS and days < 2:
            continue
        night = sum(1 for t in timed if _is_night_or_weekend(t))
        office = sum(1 for t in timed if _is_office(t))
        lat = sum(p.lat for p in members) / len(members)
        lon = sum(p.lon for p in members) / len(members)
        sources = tuple(sorted(p.source for p in group))
        out.append(Cluster(
            label=_label(days, len(timed), night, office),
            lat=round(lat, 5),
            lon=round(lon, 5),
            photos=sources,
            days=days,
            night_share=round(night / len(timed), 2) if timed else 0.0,
            office_share=round(office / len(timed), 2) if timed else 0.0,
            published=tuple(sorted(p.source for p in group if p.published)),
        ))
    out.sort(key=lambda c: (-len(c.photos), c.lat, c.lon))
    for label in ("home", "work"):  # a person has one or two of each: keep the biggest
        for extra in [c for c in out if c.label == label][MAX_LABELLED:]:
            out[out.index(extra)] = replace(extra, label="other")
    others = [c for c in out if c.label == "other"][:MAX_OTHER]
    return [c for c in out if c.label != "other" or c in others]
