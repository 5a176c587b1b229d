"""Reproducible benchmark corpus for the photos check, with ground truth.

`build(folder, n, seed)` writes about `n` files across every format the check reads (JPEG in
several layouts and GPS styles, XMP-only JPEG, TIFF, PNG eXIf / raw-profile, WebP with and
without the Exif prefix, HEIC with the Exif item after a large mdat, MP4/MOV with moov after a
large mdat, .xmp and Takeout .json sidecars), about 20 % without a location, plus corrupt and
hostile files and non-images named like photos. Returns {relative path: [lat, lon] or None},
also written to `truth.json` beside the folder. Built from the test factory's byte builders.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

from tests.checks.photos import factory as F

PLACES = ((45.7597, 4.8422), (45.7485, 4.8467), (-33.8568, 151.2153), (40.7128, -74.0060),
          (64.1466, -21.9426), (35.6762, 139.6503))
STYLES = ("s100", "s1000", "s10000", "s1", "decimal", "decmin")
MIX = (("jpeg", 0.62), ("jpeg_icc", 0.04), ("jpeg_big", 0.03), ("jpeg_xmp", 0.08),
       ("heic", 0.06), ("png", 0.04), ("webp", 0.04), ("tiff", 0.015), ("movie", 0.015),
       ("xmp", 0.02), ("takeout", 0.02), ("corrupt", 0.02))


def _position(rng: random.Random) -> tuple[float, float]:
    lat, lon = rng.choice(PLACES)
    return round(lat + rng.uniform(-0.01, 0.01), 6), round(lon + rng.uniform(-0.01, 0.01), 6)


def _dm(value: float, pos: str, neg: str) -> str:
    deg = int(abs(value))
    return f"{deg},{(abs(value) - deg) * 60:.6f}{neg if value < 0 else pos}"


def _one(kind: str, rng: random.Random) -> tuple[str, bytes, list[float] | None]:
    located = rng.random() < 0.8
    lat, lon = _position(rng)
    style = rng.choice(STYLES)
    block = F.exif_block(lat, lon, style=style) if located else F.exif_block()
    truth: list[float] | None = None
    if located:
        parts = F.rationals(lat, style), F.rationals(lon, style)
        truth = [F.exact(parts[0]) * (-1 if lat < 0 else 1),
                 F.exact(parts[1]) * (-1 if lon < 0 else 1)]
    if kind == "jpeg":
        return ".jpg", F.jpeg_file(block, value=rng.randrange(256)), truth
    if kind == "jpeg_icc":
        return ".jpg", F.jpeg_file(block, icc_before=rng.choice((70_000, 200_000))), truth
    if kind == "jpeg_big":
        return ".jpg", F.jpeg_file(block, trailing=os.urandom(3_000_000)), truth
    if kind == "jpeg_xmp":
        packet = F.xmp_packet(_dm(lat, "N", "S"), _dm(lon, "E", "W")) if located else \
            F.xmp_packet()
        truth = [lat, lon] if located else None
        return ".jpg", F.jpeg_file(None, packet), truth
    if kind == "heic":
        return ".heic", F.heif_file(block) + b"", truth
    if kind == "png":
        return ".png", F.png_file(block, mode=rng.choice(("exif", "ztxt"))), truth
    if kind == "webp":
        return ".webp", F.webp_file(block, prefix=rng.random() < 0.3), truth
    if kind == "tiff":
        return ".tif", block + os.urandom(50_000), truth
    if kind == "movie":
        data = F.mp4_file(lat if located else None, lon, kind=rng.choice(("xyz", "keys")),
                          mdat_size=2_000_000, brand=rng.choice((b"qt  ", b"mp42")))
        return rng.choice((".mov", ".mp4")), data, ([lat, lon] if located else None)
    if kind == "xmp":
        packet = F.xmp_packet(_dm(lat, "N", "S"), _dm(lon, "E", "W")) if located else \
            F.xmp_packet()
        return ".jpg.xmp", packet, ([lat, lon] if located else None)
    if kind == "takeout":
        return ".jpg.json", F.takeout_json(lat if located else 0.0, lon if located else 0.0), \
            ([lat, lon] if located else None)
    choice = rng.randrange(4)
    if choice == 0:
        return ".jpg", F.jpeg_file(block)[: rng.randrange(4, 60)], None
    if choice == 1:
        return ".jpg", os.urandom(rng.randrange(10, 5000)), None
    if choice == 2:
        parts = F.rationals(lat, "s100"), F.rationals(lon, "s100")
        where = [F.exact(parts[0]) * (-1 if lat < 0 else 1),
                 F.exact(parts[1]) * (-1 if lon < 0 else 1)]
        return ".jpg", F.jpeg_file(F.exif_block(lat, lon, loop=True)), where
    return ".heic", F.heif_file(F.exif_block(), length_override=2**31), None


def build(folder: Path, n: int = 3000, seed: int = 1234) -> dict[str, list[float] | None]:
    """Write the corpus and its ground truth; same seed, same files (random padding aside)."""
    rng = random.Random(seed)
    kinds = [k for k, _ in MIX]
    weights = [w for _, w in MIX]
    truth: dict[str, list[float] | None] = {}
    for i in range(n):
        kind = rng.choices(kinds, weights)[0]
        ext, data, where = _one(kind, rng)
        rel = f"d{i % 20:02d}/{kind}_{i:05d}{ext}"
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        truth[rel] = where
    (folder.parent / f"{folder.name}-truth.json").write_text(json.dumps(truth, indent=0))
    return truth
