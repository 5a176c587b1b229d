"""Offline place names and home / work clustering."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from checks.photos.clusters import Point, find_clusters, photo_key
from checks.photos.geo import distance_m, nearest_town, place_name, valid_position

HOME = (45.7597, 4.8422)
WORK = (45.7485, 4.8467)


def test_place_name_near_a_town() -> None:
    text = place_name(*HOME)
    assert text.startswith("near Lyon")
    assert text.endswith("France (1 km)")
    town = nearest_town(48.8584, 2.2945)
    assert town is not None
    assert town[1] == "France"
    assert town[2] < 5


def test_place_name_hides_far_towns() -> None:
    assert place_name(30.0, -40.0) == "far from any town"  # mid-Atlantic
    far = place_name(64.5, -17.0)  # Icelandic highlands
    assert "near" not in far
    assert "Iceland" in far or far == "far from any town"


def test_valid_position_and_distance() -> None:
    assert not valid_position(0.0, 0.0)
    assert not valid_position(91.0, 0.0)
    assert not valid_position(float("nan"), 1.0)
    assert valid_position(0.0, 1.0)
    assert distance_m(*HOME, *WORK) == pytest.approx(1294, abs=15)


def _at(pos: tuple[float, float], when: datetime, n: int, jitter: float = 0.00003) -> Point:
    return Point(f"p{n}.jpg", pos[0] + jitter * (n % 3), pos[1] - jitter * (n % 2), when)


def test_home_and_work_are_labelled_with_their_evidence() -> None:
    sat = datetime(2024, 3, 2, 11, 0)
    points = [_at(HOME, sat + timedelta(days=7 * k), k) for k in range(3)]
    points += [_at(HOME, datetime(2024, 3, 5 + k, 21, 30), 10 + k) for k in range(3)]
    points += [_at(WORK, datetime(2024, 3, 4 + k, 10 + k, 0), 20 + k) for k in range(4)]
    points.append(Point("travel.jpg", 43.2965, 5.3698, datetime(2024, 3, 6, 12)))
    clusters = find_clusters(points)
    labels = {c.label: c for c in clusters}
    assert set(labels) == {"home", "work"}
    home = labels["home"]
    assert len(home.photos) == 6
    assert home.days == 6
    assert distance_m(home.lat, home.lon, *HOME) < 20
    assert "p0.jpg" in home.photos
    work = labels["work"]
    assert work.office_share == 1.0
    assert len(work.photos) == 4
    assert all("travel" not in p for c in clusters for p in c.photos)


def test_one_evening_of_photos_is_not_a_home() -> None:
    party = [_at(HOME, datetime(2024, 3, 2, 22, k), k) for k in range(8)]
    clusters = find_clusters(party)
    assert [c.label for c in clusters] == ["other"]
    assert clusters[0].days == 1


def test_cell_edges_do_not_split_a_place() -> None:
    # Points straddling a grid line 20 m apart still form one place.
    base = 45.0 + 150 / 111_320 * 30000
    pts = [Point(f"e{n}.jpg", base + (-1) ** n * 0.0001, 4.84, datetime(2024, 3, n + 1, 22))
           for n in range(4)]
    assert len(find_clusters(pts)) == 1


def test_sidecars_count_with_their_photo() -> None:
    assert photo_key("a/IMG_1.jpg.xmp") == "a/IMG_1.jpg"
    assert photo_key("a/IMG_1.jpg.supplemental-metadata.json") == "a/IMG_1.jpg"
    assert photo_key("a/notes.json") == "a/notes.json"
    when = datetime(2024, 3, 2, 22)
    pts = [Point("IMG_1.jpg", *HOME, when), Point("IMG_1.jpg.json", *HOME, when),
           Point("IMG_1.jpg.xmp", *HOME, when)]
    assert find_clusters(pts) == []  # one photo, one day: nothing repeats


def test_utc_only_times_are_read_as_local_solar_time() -> None:
    from datetime import UTC

    tokyo = (35.6762, 139.6503)
    # 13:00 UTC on weekdays is 22:00 in Tokyo: evenings at home, not office hours.
    pts = [Point(f"t{n}.json", tokyo[0], tokyo[1], datetime(2024, 3, 4 + n, 13, tzinfo=UTC))
           for n in range(4)]
    assert [c.label for c in find_clusters(pts)] == ["home"]


def test_a_chain_of_photos_does_not_merge_home_and_work() -> None:
    # Photos every ~100 m on the way between home and work, plus the two real places.
    pts = [_at(HOME, datetime(2024, 3, 2 + k, 21), k) for k in range(5)]
    pts += [_at(WORK, datetime(2024, 3, 4 + k, 11), 10 + k) for k in range(5)]
    steps = 14
    for i in range(1, steps):
        f = i / steps
        pts.append(Point(f"walk{i}.jpg", HOME[0] + (WORK[0] - HOME[0]) * f,
                         HOME[1] + (WORK[1] - HOME[1]) * f, datetime(2024, 3, 4, 8, i)))
    labels = {c.label: c for c in find_clusters(pts)}
    assert {"home", "work"} <= set(labels)
    assert distance_m(labels["home"].lat, labels["home"].lon, *HOME) < 60
    assert distance_m(labels["work"].lat, labels["work"].lon, *WORK) < 60


def test_many_places_are_capped() -> None:
    pts = []
    for k in range(30):  # 30 separate evening places, 3 days each
        for d in range(3):
            pts.append(Point(f"p{k}-{d}.jpg", 45.0 + k * 0.05, 4.8, datetime(2024, 3, 2 + d, 22)))
    clusters = find_clusters(pts)
    assert sum(c.label == "home" for c in clusters) == 2
    assert sum(c.label == "other" for c in clusters) == 10


def test_the_town_table_reads_back_what_was_packed() -> None:
    """`pack_towns` then `towns_from` gives the rows back (positions to 1e-4 degree, the
    exact doubles a text file would give), in cell order, each cell's span holding exactly
    its towns; a file of another version or grid is refused, not misread."""
    import random

    import checks.photos.geo as geo

    rng = random.Random(7)
    rows = [(f"Town {i}", round(rng.uniform(-60, 70), 4), round(rng.uniform(-180, 180), 4),
             rng.choice(["FR", "DE", "US"])) for i in range(3000)]
    rows += [("Lyon", 45.7485, 4.8467, "FR"), ("Ōsaka", 34.6937, 135.5023, "JP")]
    table = geo.towns_from(geo.pack_towns(rows))
    back = sorted(zip(table.names, table.lats, table.lons, table.ccs, strict=True))
    assert back == sorted(rows)
    keys = [geo.cell_of(a, b) for a, b in zip(table.lats, table.lons, strict=True)]
    assert keys == sorted(keys)
    for key, span in table.cells.items():
        first, count = span >> 17, span & 0x1FFFF
        assert {keys[i] for i in range(first, first + count)} == {key}
    assert sum(span & 0x1FFFF for span in table.cells.values()) == len(rows)
    with pytest.raises(ValueError, match="not one this version reads"):
        geo.towns_from(b"name\t45.0\t4.0\tFR\n")
    with pytest.raises(ValueError, match="cells"):
        geo.towns_from(geo.pack_towns(rows).replace(
            geo._HEAD.pack(len(rows), len(table.cells), geo.CELL_DEG),
            geo._HEAD.pack(len(rows), len(table.cells), 0.5)))


def test_the_bundled_town_table_is_whole() -> None:
    import checks.photos.geo as geo

    table = geo._load()
    assert len(table.names) == len(table.lats) == len(table.lons) == len(table.ccs) == 68825
    assert sum(span & 0x1FFFF for span in table.cells.values()) == 68825
    assert all(geo.valid_position(a, b) for a, b in zip(table.lats, table.lons, strict=True))


def _plain_nearest(lat: float, lon: float) -> tuple[str, str, float] | None:
    """The nearest-town search read cell by cell, every town of every cell in order: what
    the quicker search (cells ruled out by their edges, dense cells by latitude) must give."""
    import math

    from checks.photos import geo

    towns = geo._load()
    best_d2, best = math.inf, -1
    cy, cx = math.floor(lat / geo.CELL_DEG), math.floor(lon / geo.CELL_DEG)
    kx = math.cos(math.radians(lat)) ** 2
    cells_lon = round(360 / geo.CELL_DEG)
    half = cells_lon // 2
    for ring in range(geo.RINGS + 1):
        for dy, dx in geo._ring(ring):
            span = towns.cells.get(geo._key(cy + dy, (cx + dx + half) % cells_lon - half))
            if span is None:
                continue
            for i in range(span >> 17, (span >> 17) + (span & 0x1FFFF)):
                d2 = (towns.lats[i] - lat) ** 2 + kx * (towns.lons[i] - lon) ** 2
                if d2 < best_d2:
                    best_d2, best = d2, i
        reach = ring * geo.CELL_DEG * math.cos(math.radians(min(abs(lat) + geo.CELL_DEG * ring,
                                                                89.9)))
        if best >= 0 and math.sqrt(best_d2) <= reach:
            break
    if best < 0:
        return None
    d = distance_m(lat, lon, towns.lats[best], towns.lons[best])
    if d > geo.COUNTRY_KM * 1000:
        return None
    return towns.names[best], geo._countries.get(towns.ccs[best], towns.ccs[best]), d / 1000


def test_the_quick_town_search_answers_as_reading_every_town() -> None:
    import random

    from checks.photos import geo

    towns = geo._load()
    rng = random.Random(4)
    dense = sorted(towns.cells.values(), key=lambda s: -(s & 0x1FFFF))[:40]
    points = [(rng.uniform(-60, 72), rng.uniform(-180, 180)) for _ in range(1500)]
    for span in dense:  # in and around the busiest cells, town positions themselves too
        for i in range(span >> 17, (span >> 17) + (span & 0x1FFFF), 7):
            points.append((towns.lats[i], towns.lons[i]))
            points.append((towns.lats[i] + rng.uniform(-0.3, 0.3),
                           towns.lons[i] + rng.uniform(-0.3, 0.3)))
    points += [(40.709, -74.013), (-33.865, 151.207), (45.767, 4.842), (35.685, 139.643),
               (0.0, 179.99), (0.0, -179.99), (71.0, 25.0)]
    assert sum((s & 0x1FFFF) > geo._DENSE for s in dense) == len(dense)
    for lat, lon in points:
        lat, lon = round(lat, 3), round(lon, 3)
        assert geo._nearest.__wrapped__(lat, lon) == _plain_nearest(lat, lon), (lat, lon)
