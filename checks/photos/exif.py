"""Decode one EXIF/TIFF block with exifread (in memory, `details=False`): GPS, capture time
and identity fields. exifread never sees the whole file, so hostile counts and offsets stay
inside the block; every exception type it is known to raise becomes `Unreadable`."""

from __future__ import annotations

import functools
import io
import logging
import re
import struct
from collections.abc import Mapping
from datetime import datetime
from typing import Any, BinaryIO

from checks.photos.geo import valid_position
from checks.photos.model import Fix, Unreadable
from checks.photos.quickexif import quick_tags

logging.getLogger("exifread").setLevel(logging.CRITICAL)

QUICK_PREFIX = 128 * 1024  # of a TIFF file, read for the fast path

# exifread raises these on malformed input (see docs/reference/photo-metadata.md, 1.4).
_PLAIN_ERRORS: tuple[type[BaseException], ...] = (
    ValueError, IndexError, KeyError, AssertionError, EOFError, TypeError,
    AttributeError, ZeroDivisionError, OverflowError, struct.error, RecursionError,
    NotImplementedError, OSError, UnicodeError,
)


@functools.cache
def exifread_errors() -> tuple[type[BaseException], ...]:
    """What exifread raises on malformed input (exifread is imported on first use: it is a
    tenth of the CLI's start-up and most commands read no photo)."""
    from exifread.core.exceptions import ExifError

    return (ExifError, *_PLAIN_ERRORS)
IDENTITY_TAGS = {
    "EXIF CameraOwnerName": "CameraOwnerName",
    "EXIF OwnerName": "CameraOwnerName",
    "Image Artist": "Artist",
    "Image XPAuthor": "Artist",
    "Image Copyright": "Copyright",
    "EXIF BodySerialNumber": "BodySerialNumber",
    "Image BodySerialNumber": "BodySerialNumber",  # 0xA431 written in IFD0 by some editors
    "Image CameraOwnerName": "CameraOwnerName",
    "Image LensSerialNumber": "LensSerialNumber",
    "EXIF SerialNumber": "BodySerialNumber",
    "MakerNote SerialNumber": "BodySerialNumber",
    "MakerNote InternalSerialNumber": "InternalSerialNumber",
    "EXIF LensSerialNumber": "LensSerialNumber",
}
MAX_ENTRIES = 1000  # real IFDs hold a few hundred entries at most
MAX_IFDS = 64
DEVICE_TAGS = {"Image Make": "Make", "Image Model": "Model"}
_FIELD_TAGS = tuple({**IDENTITY_TAGS, **DEVICE_TAGS}.items())
# Size on the ground of one unit of each DMS component: degree, minute, second.
_UNIT_M = (111_320.0, 1_855.3, 30.92)


def _parts(values: Any) -> list[tuple[int, int]] | None:
    out = []
    for v in list(values)[:3]:
        if hasattr(v, "numerator"):
            num, den = int(v.numerator), int(v.denominator)
        elif isinstance(v, int):
            num, den = v, 1
        else:
            return None
        out.append((num, den))
    return out or None


def dms(values: Any) -> tuple[float, float] | None:
    """(degrees, resolution in metres) from 1-3 rationals; None for "no fix" (0/0 degrees)."""
    parts = _parts(values)
    if parts is None or parts[0][1] == 0:
        return None
    deg = 0.0
    res = _UNIT_M[0] / max(parts[0][1], 1)
    for (num, den), scale, unit in zip(parts, (1, 60, 3600), _UNIT_M, strict=False):
        if den == 0:
            if num != 0:
                return None
            continue
        deg += num / den / scale
        res = min(res, unit / den)
    return deg, res


def decode(raw: bytes) -> str:
    """Text of a byte field: UTF-16LE when it looks like it (XPAuthor), else UTF-8, else
    Windows-1252 (older cameras write owner names in it: "Ren\\xe8")."""
    if len(raw) > 1 and raw[1:2] == b"\x00":
        return raw[: len(raw) // 2 * 2].decode("utf-16-le", "replace").rstrip("\x00")
    raw = raw.rstrip(b"\x00")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")


def _text(tag: Any) -> str:
    values = getattr(tag, "values", tag)
    if isinstance(values, bytes):
        values = decode(values)
    text = values if isinstance(values, str) else str(getattr(tag, "printable", values))
    return " ".join(text.replace("\x00", " ").split())[:200]


def _gps(tags: Mapping[str, Any]) -> Fix | None:
    lat_t, lon_t = tags.get("GPS GPSLatitude"), tags.get("GPS GPSLongitude")
    if lat_t is None or lon_t is None:
        return None
    lat, lon = dms(lat_t.values), dms(lon_t.values)
    if lat is None or lon is None:
        return None
    lat_ref = _text(tags.get("GPS GPSLatitudeRef", "")).upper()[:1]
    lon_ref = _text(tags.get("GPS GPSLongitudeRef", "")).upper()[:1]
    la = -lat[0] if lat_ref == "S" else lat[0]
    lo = -lon[0] if lon_ref == "W" else lon[0]
    if not valid_position(la, lo):
        return None
    precision = max(lat[1], lon[1], 5.0)
    err = tags.get("GPS GPSHPositioningError") or tags.get("GPS Tag 0x001F")
    if err is not None:
        parts = _parts(err.values)
        if parts and parts[0][1]:
            precision = max(1.0, parts[0][0] / parts[0][1])
    missing = lat_ref not in ("N", "S") or lon_ref not in ("E", "W")
    return Fix(la, lo, round(precision, 1), "exif", ref_missing=missing)


_CLOCK = re.compile(r"(\d{4}):(\d\d):(\d\d) (\d\d):(\d\d):(\d\d)")


def _clock(text: str) -> datetime:
    """`datetime.strptime(text, "%Y:%m:%d %H:%M:%S")`, without strptime's cost for the usual
    all-digit form (anything else, e.g. one-digit fields, goes through strptime itself)."""
    m = _CLOCK.fullmatch(text)
    if m is None:
        return datetime.strptime(text, "%Y:%m:%d %H:%M:%S")
    y, mo, d, h, mi, sec = map(int, m.groups())
    return datetime(y, mo, d, h, mi, sec)


def _taken(tags: Mapping[str, Any]) -> datetime | None:
    for key, off_key in (
        ("EXIF DateTimeOriginal", "EXIF OffsetTimeOriginal"),
        ("EXIF DateTimeDigitized", "EXIF OffsetTimeDigitized"),
        ("Image DateTime", "EXIF OffsetTime"),
    ):
        if key not in tags:
            continue
        text = _text(tags[key])[:19]
        try:
            when = _clock(text)
        except ValueError:
            continue
        offset = _text(tags.get(off_key, ""))
        if len(offset) == 6 and offset[0] in "+-" and offset[3] == ":":
            try:
                when = datetime.fromisoformat(when.isoformat() + offset)
            except ValueError:
                pass
        return when
    return None


_PLACEHOLDERS = {"unknown", "none", "null", "n/a", "na", "-", "no lens", "not set", "owner",
                 "copyright", "(c)", "c"}


def plausible(value: str) -> bool:
    """False for empty fields and placeholders: all zeros or spaces ("0000000"), "Unknown"."""
    v = value.strip()
    if not v.strip("0 -.:#,_*"):
        return False
    return v.lower() not in _PLACEHOLDERS


def _read_at(stream: BinaryIO, offset: int, n: int) -> bytes:
    stream.seek(offset)
    return stream.read(n)


def check_ifds(stream: BinaryIO | bytes) -> None:
    """Refuse blocks whose IFDs declare absurd entry counts (exifread would grind through
    every entry): IFD0 and its chain, and the Exif and GPS sub-IFDs. A block in memory is
    read by slicing (what a `BytesIO` over it would return)."""
    if isinstance(stream, bytes):
        block = stream

        def read(offset: int, n: int) -> bytes:
            return block[offset : offset + n]
    else:
        def read(offset: int, n: int) -> bytes:
            return _read_at(stream, offset, n)  # type: ignore[arg-type]

    head = read(0, 8)
    if head[:4] not in (b"II*\x00", b"MM\x00*"):
        raise Unreadable("Exif block has no TIFF header")
    end = "<" if head[:2] == b"II" else ">"
    entry = struct.Struct(end + "HHII")
    todo = [int.from_bytes(head[4:8], "little" if end == "<" else "big")]
    seen: set[int] = set()
    total = 0
    while todo:
        offset = todo.pop()
        if offset in seen or offset < 8:
            continue
        seen.add(offset)
        if len(seen) > MAX_IFDS:
            raise Unreadable(f"more than {MAX_IFDS} IFDs")
        raw = read(offset, 2)
        if len(raw) < 2:
            continue
        count = struct.unpack(end + "H", raw)[0]
        total += count
        if count > MAX_ENTRIES or total > 8 * MAX_ENTRIES:
            raise Unreadable(f"an IFD declares {count} entries")
        table = read(offset + 2, 12 * count + 4)
        whole = min(count, len(table) // 12)
        for tag, typ, _n, value in entry.iter_unpack(table[: 12 * whole]):
            if tag in (0x8769, 0x8825) and typ in (4, 13):
                todo.append(value)
        if len(table) == 12 * count + 4:
            todo.append(struct.unpack_from(end + "I", table, 12 * count)[0])


def read_tiff(fh: BinaryIO | bytes) -> tuple[Fix | None, datetime | None, dict[str, str]]:
    """(position, capture time, identity and device fields) of one TIFF block or view."""
    stream: BinaryIO = io.BytesIO(fh) if isinstance(fh, bytes) else fh
    check_ifds(fh if isinstance(fh, bytes) else stream)
    try:
        if isinstance(fh, bytes):
            tags: Mapping[str, Any] | None = quick_tags(fh)
        else:
            # A TIFF file (or raw photo) read in place: its directories and the values the
            # check reads most often lie in its first part. The fast path answers from that
            # part only when everything it reads is inside it, else exifread reads the file.
            stream.seek(0)
            tags = quick_tags(stream.read(QUICK_PREFIX))
            stream.seek(0)
        if tags is None:  # an unusual block: exifread itself
            import exifread

            tags = exifread.process_file(
                stream, details=False, extract_thumbnail=False, truncate_tags=False
            )
        fix, taken = _gps(tags), _taken(tags)
        identity: dict[str, str] = {}
        for key, label in _FIELD_TAGS:
            if key in tags and label not in identity:
                value = _text(tags[key])
                if plausible(value):
                    identity[label] = value
    except exifread_errors() as exc:
        raise Unreadable(f"EXIF block is malformed ({type(exc).__name__})") from exc
    return fix, taken, identity
