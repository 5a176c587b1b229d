"""XMP packets (in files and `.xmp` sidecars): GPS, capture time, identity and place-name
fields. Parsed as XML (`xml.etree` behind `defusedxml`); properties are matched by local name,
whatever their prefix, in attribute and element forms."""

from __future__ import annotations

import re
from datetime import datetime

from checks.photos.geo import valid_position
from checks.photos.model import Fix

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
_CONTAINERS = {"xmpmeta", "RDF", "Description", "Alt", "Seq", "Bag", "li"}


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


def _packet(data: bytes) -> bytes:
    """The `x:xmpmeta` (or bare `rdf:RDF`) element of a packet: the xpacket wrapper and the
    padding or bytes around it are left out."""
    for opening, closing in ((b"<x:xmpmeta", b"</x:xmpmeta>"), (b"<rdf:RDF", b"</rdf:RDF>")):
        first = data.find(opening)
        last = data.rfind(closing)
        if first >= 0 and last > first:
            return data[first : last + len(closing)]
    return data


def _local(name: str) -> str:
    return name.rpartition("}")[2].rpartition(":")[2]


def properties(data: bytes) -> dict[str, str]:
    """Every property of a packet by local name (first occurrence wins): attributes of
    `rdf:Description`, simple elements, and the items of `rdf:Alt`/`Seq`/`Bag` joined by ", ".
    {} when the packet is not well-formed XML. Parsed by `xml.etree` through `defusedxml`,
    which refuses entity declarations (billion laughs) and external entities."""
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    try:
        root = SafeET.fromstring(_packet(data[:MAX_XMP]))
    except (ParseError, DefusedXmlException, ValueError):
        return {}
    out: dict[str, str] = {}
    for el in root.iter():
        for key, value in el.attrib.items():
            name = _local(key)
            if name not in out and value.strip():
                out[name] = " ".join(value.split())
        name = _local(el.tag)
        if name in out or name in _CONTAINERS:
            continue
        items = [" ".join((li.text or "").split()) for li in el.iter() if _local(li.tag) == "li"]
        text = ", ".join(i for i in items if i) if items else " ".join((el.text or "").split())
        if text:
            out[name] = text
    return out


def read_xmp(packet: bytes) -> tuple[Fix | None, datetime | None, dict[str, str]]:
    """(position, capture time, identity fields) found in one XMP packet."""
    props = properties(packet)
    fix = None
    lat_s, lon_s = props.get("GPSLatitude"), props.get("GPSLongitude")
    if lat_s and lon_s:
        lat, lon = coordinate(lat_s, "lat"), coordinate(lon_s, "lon")
        if lat and lon and valid_position(lat[0], lon[0]):
            decimals = min(lat[1], lon[1])
            fix = Fix(lat[0], lon[0], max(5.0, 111_000 / 10**decimals), "xmp")
    taken = None
    for name in ("DateTimeOriginal", "DateCreated", "CreateDate"):
        value = props.get(name)
        if value:
            try:
                taken = datetime.fromisoformat(value.replace("Z", "+00:00"))
                break
            except ValueError:
                continue
    identity: dict[str, str] = {}
    for name, label in _IDENTITY.items():
        value = props.get(name)
        if value and label not in identity:
            identity[label] = value[:200]
    return fix, taken, identity
