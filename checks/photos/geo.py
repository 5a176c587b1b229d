"""Positions: validity, distances, and offline place names from the bundled GeoNames extract.

`place_name(lat, lon)` says "near <town>, <country> (N km)" within `TOWN_KM` of a town of at
least 5,000 people, only the country up to `COUNTRY_KM`, and "far from any town" beyond. The
nearest-town search is a 0.25-degree grid over ~69,000 towns loaded once, lazily (~0.1 s),
with answers cached per ~100 m.
Data: GeoNames (CC BY 4.0), see data/README.md.
"""

from __future__ import annotations

import collections
import functools
import gzip
import math
import os
import sys
import threading
from array import array
from dataclasses import dataclass

from checks.photos.texts import say

EARTH_M = 6_371_008.8
TOWN_KM = 30.0
COUNTRY_KM = 150.0
CELL_DEG = 0.25
RINGS = 8
ATTRIBUTION = "Place names: GeoNames (geonames.org), CC BY 4.0"

_lock = threading.Lock()
_countries: dict[str, str] = {}
_SPAN = 360 * 4 * 4  # cell keys: row * _SPAN + column, both shifted positive


def valid_position(lat: float, lon: float) -> bool:
    """A real position: finite, in range, and not exactly (0, 0) ("null island")."""
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return False
    if abs(lat) > 90 or abs(lon) > 180:
        return False
    return not (lat == 0 and lon == 0)


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_M * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True, slots=True)
class _Towns:
    """The town table, compact: towns sorted by grid cell in flat arrays (names, latitudes,
    longitudes, country codes); `cells` maps a cell key to its first town << 17 | count.
    About 10 MB for 69,000 towns, against 23 MB as one tuple per town."""

    names: list[str]
    lats: array[float]
    lons: array[float]
    ccs: list[str]
    cells: dict[int, int]


_table: _Towns | None = None


def _key(cy: int, cx: int) -> int:
    return (cy + _SPAN) * 2 * _SPAN + (cx + _SPAN)


def _load() -> _Towns:
    global _table
    with _lock:
        if _table is None:
            _table = _read_towns()
        return _table


def cell_of(lat: float, lon: float) -> int:
    """The key of the grid cell a position is in (the bundled file is in this order)."""
    return _key(math.floor(lat / CELL_DEG), math.floor(lon / CELL_DEG))


def _read_towns() -> _Towns:
    """The town table from the bundled files (a package folder: read straight from disk)."""
    data = os.path.join(os.path.dirname(__file__), "data")
    with open(os.path.join(data, "countries.tsv"), encoding="utf-8") as fh:
        for line in fh.read().splitlines():
            iso, _, cname = line.partition("\t")
            _countries[iso] = cname
    with open(os.path.join(data, "towns.tsv.gz"), "rb") as fh:
        return towns_from(gzip.decompress(fh.read()).decode("utf-8"))


def towns_from(text: str) -> _Towns:
    """The table of a `name<TAB>lat<TAB>lon<TAB>cc` text, towns in cell order (file order
    within a cell). Read column by column so the loops run in C (about 0.1 s for the bundled
    file, already in cell order; any other order is sorted here)."""
    fields = text.replace("\n", "\t").split("\t")
    if fields and fields[-1] == "":
        fields.pop()
    if len(fields) % 4:
        raise ValueError("the town table is damaged (rows of unequal length)")
    names, ccs = fields[0::4], [sys.intern(c) for c in fields[3::4]]
    lats, lons = list(map(float, fields[1::4])), list(map(float, fields[2::4]))
    floor, cell, row, col = math.floor, CELL_DEG, 2 * _SPAN, _SPAN * (2 * _SPAN + 1)
    # `cell_of` written out: 69,000 calls saved
    keys = [floor(a / cell) * row + floor(b / cell) + col
            for a, b in zip(lats, lons, strict=True)]
    if keys != sorted(keys):  # not in cell order: sort (stable)
        order = sorted(range(len(keys)), key=keys.__getitem__)
        names, ccs = [names[i] for i in order], [ccs[i] for i in order]
        lats, lons = [lats[i] for i in order], [lons[i] for i in order]
        keys = [keys[i] for i in order]
    cells: dict[int, int] = {}
    first = 0
    for k, count in collections.Counter(keys).items():  # in first-seen order: cell order
        cells[k] = first << 17 | count
        first += count
    return _Towns(names, array("d", lats), array("d", lons), ccs, cells)


_loader: list[threading.Thread] = []


def preload() -> None:
    """Start loading the town table in the background (place names need it once the first
    located file is answered; until then the process mostly waits for its readers). Call it
    after reader processes are forked, and `settle` before forking again: a fork must not copy
    a half-done load."""
    if _table is None and not _loader:
        _loader.append(threading.Thread(target=_load, name="towns", daemon=True))
        _loader[0].start()


def settle() -> None:
    """Wait for a background load started by `preload`."""
    for thread in _loader:
        thread.join()


def nearest_town(lat: float, lon: float) -> tuple[str, str, float] | None:
    """(town, country name, distance km) of the nearest listed town within COUNTRY_KM."""
    return _nearest(round(lat, 3), round(lon, 3))


@functools.cache
def _ring(ring: int) -> tuple[tuple[int, int], ...]:
    """The cell offsets at exactly `ring` cells from the centre (the square's border)."""
    return tuple((dy, dx) for dy in range(-ring, ring + 1) for dx in range(-ring, ring + 1)
                 if max(abs(dy), abs(dx)) == ring)


@functools.lru_cache(maxsize=8192)
def _nearest(lat: float, lon: float) -> tuple[str, str, float] | None:
    towns = _load()
    lats, lons, cells = towns.lats, towns.lons, towns.cells
    best_d2, best = math.inf, -1
    cy, cx = math.floor(lat / CELL_DEG), math.floor(lon / CELL_DEG)
    kx = math.cos(math.radians(lat)) ** 2
    cells_lon = round(360 / CELL_DEG)
    half = cells_lon // 2
    for ring in range(RINGS + 1):
        for dy, dx in _ring(ring):
            span = cells.get(_key(cy + dy, (cx + dx + half) % cells_lon - half))
            if span is None:
                continue
            first = span >> 17
            for i in range(first, first + (span & 0x1FFFF)):
                # squared equirectangular distance in degrees: enough to rank neighbours
                d2 = (lats[i] - lat) ** 2 + kx * (lons[i] - lon) ** 2
                if d2 < best_d2:
                    best_d2, best = d2, i
        # the cells around cover at least `ring` cells in every direction: stop when the best
        # town found is closer than that
        reach = ring * CELL_DEG * math.cos(math.radians(min(abs(lat) + CELL_DEG * ring, 89.9)))
        if best >= 0 and math.sqrt(best_d2) <= reach:
            break
    if best < 0:
        return None
    d = distance_m(lat, lon, lats[best], lons[best])
    if d > COUNTRY_KM * 1000:
        return None
    cc = towns.ccs[best]
    return towns.names[best], _countries.get(cc, cc), d / 1000


def place_name(lat: float, lon: float, lang: str = "en") -> str:
    """Human place text for a position, hiding the town when it is far away (in `lang`; the
    English text is what `data["place"]` holds)."""
    found = nearest_town(lat, lon)
    if found is None:
        return say(lang, "far_from_towns")
    town, country, km = found
    if km > TOWN_KM:
        return say(lang, "no_town_within", country=country, km=TOWN_KM)
    return say(lang, "near", town=town, country=country, km=km)
