"""XMP packets (in files and `.xmp` sidecars): GPS, capture time and identity fields, read
with regular expressions over the packet (attribute and element forms, any prefix)."""

from __future__ import annotations

import re
from datetime import datetime

from checks.photos.geo import valid_position
from checks.photos.model import Fix

_FIELD = r"[\w.-]{{1,40}}:{name}"
MAX_XMP = 256 * 1024  # GPS and identity properties sit in the first few KiB of real packets
_IDENTITY = {
    "creator": "Artist",
    "rights": "Copyright",
    "SerialNumber": "BodySerialNumber",
    "BodySerialNumber": "BodySerialNumber",
    "LensSerialNumber": "LensSerialNumber",
    "CameraOwnerName": "CameraOwnerName",
    "OwnerName": "CameraOwnerName",
    "City": "City",  # photoshop:City, Iptc4xmpCore / Iptc4xmpExt City
    "Location": "Sublocation",  # Iptc4xmpCore:Location
    "Sublocation": "Sublocation",
    "State": "State",
    "Country": "Country",
}
_NUM = r"(\d+(?:\.\d+)?)"
_COORD = re.compile(rf"^\s*(-?\d+(?:\.\d+)?)(?:,{_NUM})?(?:,{_NUM})?\s*([NSEW])?\s*$")
_TAGS = re.compile(r"<[^>]+>")


def field(text: str, name: str) -> str | None:
    """The value of an XMP property given as an attribute or as a (possibly rdf:Alt/Seq) element."""
    m = re.search(rf"(?<=[\w.-]):{name}\s*=\s*([\"'])(.{{0,400}}?)\1", text, re.S)
    if m:
        return m.group(2).strip()
    m = re.search(rf"<({_FIELD.format(name=name)})\b[^<>]{{0,400}}>(.{{0,2000}}?)</\1>", text,
                  re.S)
    if m:
        value = _TAGS.sub(" ", m.group(2))
        return " ".join(value.split()) or None
    return None


def coordinate(value: str, axis: str) -> tuple[float, int] | None:
    """Degrees and decimals count from "45,45.582N", "45,45,34.9N" or "45.7597"."""
    m = _COORD.match(value)
    if not m:
        return None
    deg_s, min_s, sec_s, ref = m.groups()
    deg = abs(float(deg_s)) + float(min_s or 0) / 60 + float(sec_s or 0) / 3600
    last = sec_s or min_s or deg_s
    decimals = len(last.partition(".")[2]) + (4 if sec_s else 2 if min_s else 0)
    negative = deg_s.startswith("-") or ref in ("S", "W")
    if ref and ref not in (("N", "S") if axis == "lat" else ("E", "W")):
        return None
    return (-deg if negative else deg), decimals


def _unescape(text: str) -> str:
    return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace(
        "&quot;", '"').replace("&apos;", "'").replace("&#39;", "'")


def read_xmp(packet: bytes) -> tuple[Fix | None, datetime | None, dict[str, str]]:
    """(position, capture time, identity fields) found in one XMP packet."""
    text = packet[:MAX_XMP].decode("utf-8", errors="replace")
    fix = None
    lat_s, lon_s = field(text, "GPSLatitude"), field(text, "GPSLongitude")
    if lat_s and lon_s:
        lat, lon = coordinate(lat_s, "lat"), coordinate(lon_s, "lon")
        if lat and lon and valid_position(lat[0], lon[0]):
            decimals = min(lat[1], lon[1])
            fix = Fix(lat[0], lon[0], max(5.0, 111_000 / 10**decimals), "xmp")
    taken = None
    for name in ("DateTimeOriginal", "DateCreated", "CreateDate"):
        value = field(text, name)
        if value:
            try:
                taken = datetime.fromisoformat(value.replace("Z", "+00:00"))
                break
            except ValueError:
                continue
    identity: dict[str, str] = {}
    for name, label in _IDENTITY.items():
        value = field(text, name)
        if value and label not in identity:
            identity[label] = _unescape(value)[:200]
    return fix, taken, identity
