"""QuickTime / MP4 / 3GP: location in `moov/udta/©xyz`, the Apple `mdta` key
`com.apple.quicktime.location.ISO6709` (`moov/meta` keys + ilst), and 3GPP `loci`; capture time
from `com.apple.quicktime.creationdate` or `mvhd`. `moov` may sit after a huge `mdat`: only box
headers are read on the way."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from checks.photos.bmff import boxes, meta_children_start, uint
from checks.photos.geo import valid_position
from checks.photos.model import Fix, Raw, Unreadable
from checks.photos.source import Source

_ISO6709 = re.compile(rb"([+-]\d+(?:\.\d*)?)([+-]\d+(?:\.\d*)?)")
_EPOCH_1904 = datetime(1904, 1, 1, tzinfo=UTC)
LOCATION_KEY = b"com.apple.quicktime.location.ISO6709"
DATE_KEY = b"com.apple.quicktime.creationdate"


def _angle(text: bytes, deg_digits: int) -> float:
    """One ISO 6709 coordinate: ±DD.D, ±DDMM.M or ±DDMMSS.S (DDD for longitudes)."""
    sign = -1.0 if text[:1] == b"-" else 1.0
    whole, _, frac = text[1:].partition(b".")
    digits = len(whole)
    value = float(text[1:])
    if digits <= deg_digits:
        deg = value
    elif digits == deg_digits + 2:
        deg = int(whole[:deg_digits]) + float(whole[deg_digits:] + b"." + (frac or b"0")) / 60
    elif digits == deg_digits + 4:
        mins = int(whole[deg_digits : deg_digits + 2])
        secs = float(whole[deg_digits + 2 :] + b"." + (frac or b"0"))
        deg = int(whole[:deg_digits]) + mins / 60 + secs / 3600
    else:
        raise ValueError("bad ISO 6709 coordinate")
    return sign * deg


def parse_iso6709(text: bytes) -> Fix | None:
    """A `Fix` from an ISO 6709 string such as ``+45.7597+004.8422+170.0/``."""
    m = _ISO6709.match(text.strip())
    if not m:
        return None
    try:
        lat, lon = _angle(m.group(1), 2), _angle(m.group(2), 3)
    except ValueError:
        return None
    if not valid_position(lat, lon):
        return None
    decimals = len(m.group(1).partition(b".")[2])
    precision = max(5.0, 111_000 / 10**decimals) if decimals else 1000.0
    return Fix(lat, lon, precision, "quicktime")


def _loci(body: bytes) -> Fix | None:
    pos = 6  # FullBox header + language
    if body[pos : pos + 2] in (b"\xfe\xff", b"\xff\xfe"):
        end = pos
        while end + 1 < len(body) and body[end : end + 2] != b"\x00\x00":
            end += 2
        pos = end + 2
    else:
        pos = body.index(b"\x00", pos) + 1 if b"\x00" in body[pos:] else len(body)
    pos += 1  # role
    lon = int.from_bytes(body[pos : pos + 4], "big", signed=True) / 65536
    lat = int.from_bytes(body[pos + 4 : pos + 8], "big", signed=True) / 65536
    if len(body) < pos + 8 or not valid_position(lat, lon):
        return None
    return Fix(lat, lon, 5.0, "quicktime")


def _parse_qt_date(text: bytes) -> datetime | None:
    try:
        value = text.decode("ascii").strip()
        if value.endswith("Z"):
            value = value[:-1] + "+00:00"
        if len(value) >= 5 and value[-5] in "+-" and value[-3] != ":":
            value = value[:-2] + ":" + value[-2:]
        return datetime.fromisoformat(value)
    except (UnicodeDecodeError, ValueError):
        return None


def _keys_ilst(src: Source, off: int, length: int, raw: Raw) -> None:
    keys: list[bytes] = []
    start = meta_children_start(src, off, length)
    for btype, boff, blen in boxes(src, start, off + length):
        if btype == b"keys":
            body = src.block(boff, blen, "keys box")
            pos = 8
            for _ in range(uint(body, 4, 4)):
                size = uint(body, pos, 4)
                if size < 8:
                    break
                keys.append(body[pos + 8 : pos + size])
                pos += size
        elif btype == b"ilst":
            for itype, ioff, ilen in boxes(src, boff, boff + blen):
                index = int.from_bytes(itype, "big") - 1
                name = keys[index] if 0 <= index < len(keys) else itype
                if name not in (LOCATION_KEY, DATE_KEY, b"\xa9xyz"):
                    continue
                for dtype, doff, dlen in boxes(src, ioff, ioff + ilen):
                    if dtype != b"data":
                        continue
                    value = src.block(doff, dlen, "ilst value")[8:]
                    if name == DATE_KEY:
                        raw.taken_at = raw.taken_at or _parse_qt_date(value)
                    else:
                        fix = parse_iso6709(value)
                        if fix:
                            raw.fixes.append(fix)


def _udta(src: Source, off: int, length: int, raw: Raw) -> None:
    for btype, boff, blen in boxes(src, off, off + length):
        if btype == b"\xa9xyz":
            body = src.block(boff, blen, "©xyz box")
            fix = parse_iso6709(body[4:])
            if fix:
                raw.fixes.append(fix)
        elif btype == b"loci":
            fix = _loci(src.block(boff, blen, "loci box"))
            if fix:
                raw.fixes.append(fix)
        elif btype == b"meta":
            _keys_ilst(src, boff, blen, raw)


def read_movie(src: Source, raw: Raw) -> None:
    """Collect the location atoms and the capture time of a QuickTime/MP4/3GP file."""
    created: datetime | None = None
    for btype, off, length in boxes(src, 0, src.size):
        if btype != b"moov":
            continue
        for ctype, coff, clen in boxes(src, off, off + length):
            if ctype == b"udta":
                _udta(src, coff, clen, raw)
            elif ctype == b"meta":
                _keys_ilst(src, coff, clen, raw)
            elif ctype == b"mvhd":
                body = src.read(coff, 12)
                secs = uint(body, 4, 4) if body[:1] == b"\x00" else uint(body, 4, 8)
                if secs:
                    created = _EPOCH_1904 + timedelta(seconds=secs)
        raw.taken_at = raw.taken_at or created
        return
    if raw.fmt == "movie":
        raise Unreadable("no moov box (truncated or not a movie)")
