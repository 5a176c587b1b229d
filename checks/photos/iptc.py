"""IPTC-IIM (JPEG APP13 "Photoshop 3.0" resources): by-line, copyright, place names, keywords.

Decoded by Pillow (`IptcImagePlugin.getiptcinfo`, which reads resource 0x0404): the APP13
segment alone is wrapped in a minimal JPEG header (SOI, the segment, a 1x1 frame header and a
scan header) so Pillow never sees the rest of the file. Dataset numbers (record 2) are from the
IPTC-IIM 4.2 specification: 80 By-line, 116 Copyright Notice, 90 City, 92 Sub-location,
95 Province/State, 101 Country, 25 Keywords, 122 Writer/Editor.
"""

from __future__ import annotations

import io
import struct

DATASETS = {
    (2, 80): "Artist",
    (2, 116): "Copyright",
    (2, 122): "Writer",
    (2, 90): "City",
    (2, 92): "Sublocation",
    (2, 95): "State",
    (2, 101): "Country",
    (2, 25): "Keywords",
}
_SOF = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, 1, 1, 1) + b"\x01\x11\x00"
_SOS = b"\xff\xda" + struct.pack(">HB", 8, 1) + b"\x01\x00\x00\x3f\x00"


def wrap(segment_payload: bytes) -> bytes:
    """A minimal JPEG holding one APP13 segment (payload without marker and length)."""
    seg = b"\xff\xed" + struct.pack(">H", len(segment_payload) + 2) + segment_payload
    return b"\xff\xd8" + seg + _SOF + _SOS + b"\x00\xff\xd9"


def _text(value: bytes | list[bytes]) -> str:
    values = value if isinstance(value, list) else [value]
    parts = [" ".join(v.decode("utf-8", "replace").split()) for v in values[:50]]
    return ", ".join(p for p in parts if p)[:200]


def read_iptc(segment_payload: bytes) -> dict[str, str]:
    """Identity and place fields of one APP13 segment; {} when it holds none or is broken."""
    from PIL import Image, IptcImagePlugin, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(wrap(segment_payload))) as im:
            info = IptcImagePlugin.getiptcinfo(im) or {}
    except (OSError, SyntaxError, ValueError, IndexError, KeyError, struct.error,
            UnidentifiedImageError):
        return {}
    out: dict[str, str] = {}
    for key, label in DATASETS.items():
        value = info.get(key)
        if isinstance(value, bytes | list) and label not in out:
            text = _text(value)
            if text:
                out[label] = text
    return out
