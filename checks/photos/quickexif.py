"""The fast path of `exif.read_tiff`: the few tags the photos check uses, read straight from an
EXIF block in memory, named and valued exactly as exifread (`details=False`) would give them.

exifread decodes every tag of every directory (printable text, one seek and read per value),
about 0.2 ms a block even when a block holds ten tags; this reads the directory tables with
`struct` and decodes only the wanted tags. It answers only where its result is certainly
exifread's: plain tables inside the block, ASCII text, rational GPS values, sub-directory
pointers of an integer type. Anything else (a table running past the block, a wanted tag of
another type, a sub-directory pointer exifread would trip on) returns None and the caller
runs exifread itself, so odd and hostile blocks keep exifread's answer, error included.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Mapping
from typing import Any

# exifread's names of the tags `exif.py` reads, per directory ("Image" is IFD0), by tag number
# (EXIF 2.32 / TIFF 6.0 numbers; 0xFDE8/0xFDE9 are the OwnerName/SerialNumber tags exifread
# names in its Exif table). Written out so that reading a photo does not load exifread's
# tables; a test checks them against exifread's own.
IMAGE_TAGS = {0x010F: "Make", 0x0110: "Model", 0x0132: "DateTime", 0x013B: "Artist",
              0x8298: "Copyright", 0x8769: "ExifOffset", 0x9C9D: "XPAuthor",
              0xA430: "CameraOwnerName", 0xA431: "BodySerialNumber", 0xA435: "LensSerialNumber"}
EXIF_TAGS = {0x9003: "DateTimeOriginal", 0x9004: "DateTimeDigitized", 0x9010: "OffsetTime",
             0x9011: "OffsetTimeOriginal", 0x9012: "OffsetTimeDigitized",
             0xA430: "CameraOwnerName", 0xA431: "BodySerialNumber",
             0xA435: "LensSerialNumber", 0xFDE8: "OwnerName", 0xFDE9: "SerialNumber"}
_GPS_WANTED = {1: "GPSLatitudeRef", 2: "GPSLatitude", 3: "GPSLongitudeRef",
               4: "GPSLongitude", 0x1F: "Tag 0x001F"}
_GPS_RATIONAL = {2, 4, 0x1F}
_GPS_POINTER, _INTEROP_POINTER, _EXIF_POINTER = 0x8825, 0xA005, 0x8769
_POINTER_TYPES = {3, 4, 13}  # SHORT, LONG, IFD: exifread follows these without tripping
_IGNORED = {0x02BC, 0x927C, 0x9286}  # exifread skips these with details=False
_KNOWN_TYPES = set(range(1, 14))  # exifread drops entries of other types silently
_SIZE = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4}


class Ratio:
    """A rational as exifread's `Ratio` holds it: reduced to lowest terms (a `Fraction`), or
    as written when the denominator is 0; only `numerator`/`denominator` are read."""

    __slots__ = ("denominator", "numerator")

    def __init__(self, num: int, den: int) -> None:
        g = math.gcd(num, den) if den else 1
        self.numerator, self.denominator = num // g, den // g


class Tag:
    """A decoded tag as `exif.py` reads it: `values` (text, or a list of exifread `Ratio`)."""

    __slots__ = ("values",)

    def __init__(self, values: Any) -> None:
        self.values = values


class _Unsure(Exception):
    """The block is not one this path answers for certain: exifread reads it."""


class _Reader:
    __slots__ = ("block", "end", "tags")

    def __init__(self, block: bytes, end: str) -> None:
        self.block, self.end = block, end
        self.tags: dict[str, Tag] = {}

    def table(self, at: int) -> list[tuple[int, int, int, int]]:
        """The (tag, type, count, entry offset) of a directory; `_Unsure` past the block."""
        block, end = self.block, self.end
        if at + 2 > len(block):
            raise _Unsure
        (count,) = struct.unpack_from(end + "H", block, at)
        if at + 2 + 12 * count + 4 > len(block):
            raise _Unsure
        rows = [(*struct.unpack_from(end + "HHI", block, e), e)
                for e in range(at + 2, at + 2 + 12 * count, 12)]
        for _tag, typ, n, e in rows:
            # one double out of the block: exifread keeps no value, then indexes it (raises)
            if typ == 12 and n == 1 and struct.unpack_from(end + "I", block, e + 8)[0] + 8 > \
                    len(block):
                raise _Unsure
        return rows

    def pointer(self, typ: int, count: int, entry: int) -> int | None:
        """A sub-directory offset as exifread takes it (the first value); None for none."""
        if typ not in _POINTER_TYPES or count >= 1000:
            raise _Unsure  # exifread would trip (negative seek) or keep no value
        if count == 0:
            return None
        fmt = "H" if typ == 3 else "I"
        size = 2 if typ == 3 else 4
        where = entry + 8
        if count * size > 4:
            (where,) = struct.unpack_from(self.end + "I", self.block, entry + 8)
        if where + size > len(self.block):
            raise _Unsure
        return int(struct.unpack_from(self.end + fmt, self.block, where)[0])

    def ascii(self, count: int, entry: int) -> str | bytes:
        if count == 0:
            return ""
        where = entry + 8
        if count > 4:
            (where,) = struct.unpack_from(self.end + "I", self.block, entry + 8)
        if where + count > len(self.block):
            raise _Unsure  # text running past the block (or past the part of a file read)
        raw = self.block[where : where + count].split(b"\x00", 1)[0]
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw

    def rationals(self, typ: int, count: int, entry: int) -> list[Any]:
        if typ != 5 or count >= 1000:
            raise _Unsure
        where = entry + 8
        if count * 8 > 4:
            (where,) = struct.unpack_from(self.end + "I", self.block, entry + 8)
        if where + 8 * count > len(self.block):
            raise _Unsure
        nums = struct.unpack_from(f"{self.end}{2 * count}I", self.block, where)
        return [Ratio(nums[i], nums[i + 1]) for i in range(0, 2 * count, 2)]

    def text(self, prefix: str, name: str, typ: int, count: int, entry: int) -> None:
        if typ != 2:
            raise _Unsure  # another type: exifread's printable text, not reproduced here
        self.tags[f"{prefix} {name}"] = Tag(self.ascii(count, entry))

    def directory(self, at: int, prefix: str, wanted: Mapping[int, str]) -> int:
        """One IFD0-style directory (exifread's EXIF tag table), GPS and Interop followed;
        returns its number of entries."""
        rows = self.table(at)
        for tag, typ, count, entry in rows:
            if typ not in _KNOWN_TYPES or tag in _IGNORED:
                continue
            if tag in (_GPS_POINTER, _INTEROP_POINTER):
                sub = self.pointer(typ, count, entry)
                if sub is not None and tag == _GPS_POINTER:
                    self.gps(sub)
                elif sub is not None:
                    self.table(sub)  # Interop: none of its tags is wanted; only checked
                continue
            name = wanted.get(tag)
            if name is None:
                continue
            if tag == _EXIF_POINTER:
                if typ not in _POINTER_TYPES or count == 0:
                    raise _Unsure
                self.tags[f"{prefix} {name}"] = Tag([self.pointer(typ, count, entry)])
            else:
                self.text(prefix, name, typ, count, entry)
        return len(rows)

    def gps(self, at: int) -> None:
        for tag, typ, count, entry in self.table(at):
            if typ not in _KNOWN_TYPES or tag not in _GPS_WANTED:
                continue
            name = _GPS_WANTED[tag]
            if tag in _GPS_RATIONAL:
                self.tags[f"GPS {name}"] = Tag(self.rationals(typ, count, entry))
            else:
                self.text("GPS", name, typ, count, entry)


def quick_tags(block: bytes) -> dict[str, Tag] | None:
    """exifread's tags (the wanted ones) of a TIFF block, or None: let exifread read it."""
    if len(block) < 8 or block[:4] not in (b"II*\x00", b"MM\x00*"):
        return None
    image, exif = IMAGE_TAGS, EXIF_TAGS
    r = _Reader(block, "<" if block[:1] == b"I" else ">")
    try:
        (at,) = struct.unpack_from(r.end + "I", block, 4)
        seen: set[int] = set()
        first = True
        while at:  # the IFD chain, as exifread walks it (a loop ends it)
            if at in seen:
                break
            seen.add(at)
            rows = r.directory(at, "Image", image if first else {})
            first = False
            (nxt,) = struct.unpack_from(r.end + "I", block, at + 2 + 12 * rows)
            at = 0 if nxt == at else nxt
        off = r.tags.get("Image ExifOffset")
        if off is not None:
            sub = off.values[0]
            if sub < 8:
                raise _Unsure
            r.directory(sub, "EXIF", exif)
    except (_Unsure, struct.error):
        return None
    return r.tags
