"""Positions: validity, distances, and offline place names from the bundled GeoNames extract.

`place_name(lat, lon)` says "near <town>, <country> (N km)" within `TOWN_KM` of a town of at
least 5,000 people, only the country up to `COUNTRY_KM`, and "far from any town" beyond. The
nearest-town search is a 0.25-degree grid over ~69,000 towns loaded once, lazily (~0.05 s),
with answers cached per ~100 m.
Data: GeoNames (CC BY 4.0), see data/README.md.
"""

from __future__ import annotations

import bisect
import functools
import gzip
import math
import os
import struct
import sys
import threading
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from checks.photos.texts import say

EARTH_M = 6_371_008.8
TOWN_KM = 30.0
COUNTRY_KM = 150.0
CELL_DEG = 0.25
RINGS = 8
_EDGE = 1e-3  # degrees: a town's stored position (4 decimals) may round past its cell's edge
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
    return next(distances_m(lat1, lon1, ((lat2, lon2),)))


def distances_m(lat: float, lon: float,
                positions: Iterable[tuple[float, float]]) -> Iterator[float]:
    """`distance_m` from (lat, lon) to each position, the centre's terms worked out once (a
    chained place of 2,000 photos asks for 15,000 distances)."""
    radians, sin, cos, sqrt, asin = math.radians, math.sin, math.cos, math.sqrt, math.asin
    p1 = radians(lat)
    cos1 = cos(p1)
    for lat2, lon2 in positions:
        p2 = radians(lat2)
        dp, dl = p2 - p1, radians(lon2 - lon)
        a = sin(dp / 2) ** 2 + cos1 * cos(p2) * sin(dl / 2) ** 2
        yield 2 * EARTH_M * asin(min(1.0, sqrt(a)))


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
    # a dense cell's first town -> its towns' latitudes and numbers, by latitude (made on use)
    by_lat: dict[int, tuple[list[float], list[int]]] = field(default_factory=dict)


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


MAGIC = b"exposure-audit towns 1\n"
_HEAD = struct.Struct("<IId")  # towns, cells, CELL_DEG the file was built for


def _read_towns() -> _Towns:
    """The town table from the bundled files (a package folder: read straight from disk)."""
    data = os.path.join(os.path.dirname(__file__), "data")
    with open(os.path.join(data, "countries.tsv"), encoding="utf-8") as fh:
        for line in fh.read().splitlines():
            iso, _, cname = line.partition("\t")
            _countries[iso] = cname
    with open(os.path.join(data, "towns.bin.gz"), "rb") as fh:
        return towns_from(gzip.decompress(fh.read()))


def pack_towns(rows: list[tuple[str, float, float, str]]) -> bytes:
    """The bundled file's bytes for rows of (name, lat, lon, country code), positions to 4
    decimals: towns in grid-cell order (stable), then the cells' spans, so that loading is a
    few copies of arrays (`towns_from`)."""
    rows = sorted(rows, key=lambda r: cell_of(r[1], r[2]))
    cells: dict[int, int] = {}
    for i, (_name, lat, lon, _cc) in enumerate(rows):
        key = cell_of(lat, lon)
        cells[key] = cells.get(key, i << 17) + 1
    parts = [MAGIC, _HEAD.pack(len(rows), len(cells), CELL_DEG)]
    for column in ([r[1] for r in rows], [r[2] for r in rows]):
        parts.append(_le(array("i", (round(v * 10_000) for v in column))).tobytes())
    parts.append(_le(array("q", cells)).tobytes())
    parts.append(_le(array("q", cells.values())).tobytes())
    parts.append("\n".join(r[0] for r in rows).encode("utf-8") + b"\x00")
    parts.append("\n".join(r[3] for r in rows).encode("ascii"))
    return b"".join(parts)


def _le(values: array[Any]) -> array[Any]:
    """`values` in little-endian order (the file's), whatever this machine's."""
    if sys.byteorder == "big":
        values.byteswap()
    return values


def towns_from(raw: bytes) -> _Towns:
    """The table of a file `pack_towns` wrote: a few copies of arrays, no parsing."""
    if not raw.startswith(MAGIC):
        raise ValueError("the town table is not one this version reads: rebuild it")
    n, m, deg = _HEAD.unpack_from(raw, len(MAGIC))
    if deg != CELL_DEG:
        raise ValueError(f"the town table was built for {deg}-degree cells, not {CELL_DEG}")
    pos = len(MAGIC) + _HEAD.size
    columns = []
    for code, count in (("i", n), ("i", n), ("q", m), ("q", m)):
        column = array(code)
        column.frombytes(raw[pos : pos + count * column.itemsize])
        columns.append(_le(column))
        pos += count * column.itemsize
    names, _, codes = raw[pos:].partition(b"\x00")
    return _Towns(names.decode("utf-8").split("\n"),
                  array("d", [v / 10_000 for v in columns[0]]),
                  array("d", [v / 10_000 for v in columns[1]]),
                  [sys.intern(c) for c in codes.decode("ascii").split("\n")],
                  dict(zip(columns[2], columns[3], strict=True)))


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
            y, x = cy + dy, (cx + dx + half) % cells_lon - half
            span = cells.get(_key(y, x))
            if span is None:
                continue
            # the nearest a town of this cell can be (its edges, widened by `_EDGE`): a cell
            # that cannot hold a closer town than the best so far is not read (in a city, the
            # 8 cells around hold hundreds of towns that the first cell's answer rules out)
            gy = max(0.0, y * CELL_DEG - _EDGE - lat, lat - (y + 1) * CELL_DEG - _EDGE)
            gx = max(0.0, x * CELL_DEG - _EDGE - lon, lon - (x + 1) * CELL_DEG - _EDGE)
            if gy * gy + kx * gx * gx >= best_d2:
                continue
            first, count = span >> 17, span & 0x1FFFF
            if count > _DENSE:  # a city's cell: its towns by latitude, from the nearest out
                best_d2, best = _closest_in(towns, first, count, lat, lon, kx, best_d2, best)
                continue
            for i in range(first, first + count):
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


_DENSE = 24  # towns in a cell from which it is searched by latitude


def _closest_in(towns: _Towns, first: int, count: int, lat: float, lon: float, kx: float,
                best_d2: float, best: int) -> tuple[float, int]:
    """The scan of one cell's towns (`first` on, `count` of them) for a closer one than
    `best`, the same answer as reading them all in order: the cell's towns are taken by
    latitude outwards from `lat`, and a side stops once its latitude alone is farther than
    the best found. Ties go to the lower town number in the cell, as in the plain scan."""
    order = towns.by_lat.get(first)
    if order is None:
        idx = sorted(range(first, first + count), key=lambda i: (towns.lats[i], i))
        order = towns.by_lat[first] = ([towns.lats[i] for i in idx], idx)
    keys, idx = order
    lats, lons = towns.lats, towns.lons
    up = bisect.bisect_left(keys, lat)
    down = up - 1
    while True:
        go_up = up < count and (keys[up] - lat) ** 2 <= best_d2
        go_down = down >= 0 and (keys[down] - lat) ** 2 <= best_d2
        if not go_up and not go_down:
            return best_d2, best
        for j in ((up,) if go_up else ()) + ((down,) if go_down else ()):
            i = idx[j]
            d2 = (lats[i] - lat) ** 2 + kx * (lons[i] - lon) ** 2
            if d2 < best_d2 or (d2 == best_d2 and first <= best < first + count and i < best):
                best_d2, best = d2, i
        up += go_up
        down -= go_down


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
