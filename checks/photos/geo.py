"""Positions: validity, distances, and offline place names from the bundled GeoNames extract.

`place_name(lat, lon)` says "near <town>, <country> (N km)" within `TOWN_KM` of a town of at
least 5,000 people, only the country up to `COUNTRY_KM`, and "far from any town" beyond. The
nearest-town search is a 0.25-degree grid over ~69,000 towns loaded once, lazily (~0.1 s),
with answers cached per ~100 m.
Data: GeoNames (CC BY 4.0), see data/README.md.
"""

from __future__ import annotations

import functools
import gzip
import math
import sys
import threading
from array import array
from dataclasses import dataclass
from importlib import resources

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
            base = resources.files("checks.photos") / "data"
            rows: list[tuple[int, str, float, float, str]] = []
            text = gzip.decompress((base / "towns.tsv.gz").read_bytes()).decode("utf-8")
            for line in text.splitlines():
                name, lat_s, lon_s, cc = line.split("\t")
                lat, lon = float(lat_s), float(lon_s)
                cell = _key(math.floor(lat / CELL_DEG), math.floor(lon / CELL_DEG))
                rows.append((cell, name, lat, lon, sys.intern(cc)))
            del text
            rows.sort(key=lambda r: r[0])
            cells: dict[int, int] = {}
            for i, row in enumerate(rows):
                first = cells.get(row[0])
                cells[row[0]] = (i << 17 | 1) if first is None else first + 1
            for line in (base / "countries.tsv").read_text(encoding="utf-8").splitlines():
                iso, _, cname = line.partition("\t")
                _countries[iso] = cname
            _table = _Towns([r[1] for r in rows], array("d", (r[2] for r in rows)),
                            array("d", (r[3] for r in rows)), [r[4] for r in rows], cells)
        return _table


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


@functools.lru_cache(maxsize=8192)
def _nearest(lat: float, lon: float) -> tuple[str, str, float] | None:
    towns = _load()
    lats, lons, cells = towns.lats, towns.lons, towns.cells
    best_d2, best = math.inf, -1
    cy, cx = math.floor(lat / CELL_DEG), math.floor(lon / CELL_DEG)
    kx = math.cos(math.radians(lat)) ** 2
    cells_lon = round(360 / CELL_DEG)
    for ring in range(RINGS + 1):
        for dy in range(-ring, ring + 1):
            for dx in range(-ring, ring + 1):
                if max(abs(dy), abs(dx)) != ring:
                    continue
                span = cells.get(_key(cy + dy, (cx + dx + cells_lon // 2) % cells_lon
                                      - cells_lon // 2))
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
