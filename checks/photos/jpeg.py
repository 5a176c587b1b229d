"""JPEG: walk the marker segments (APPn anywhere before the scan) for Exif and XMP blocks.

`segments` is shared with the cleaner: it yields (marker, offset, length) for every segment up
to the first SOS, reading only the 4-byte segment headers outside the head buffer.
"""

from __future__ import annotations

from collections.abc import Iterator

from checks.photos.ciff import read_ciff
from checks.photos.model import Raw, Unreadable
from checks.photos.source import Source

EXIF_ID = b"Exif\x00"
XMP_ID = b"http://ns.adobe.com/xap/1.0/\x00"
SOS, EOI = 0xDA, 0xD9
_STANDALONE = {0x01, *range(0xD0, 0xD9)}
MAX_STRAY = 4096  # stray bytes skipped between two segments


def segments(src: Source) -> Iterator[tuple[int, int, int]]:
    """(marker, payload offset, payload length) for each segment until SOS (included)."""
    pos = 2
    count = 0
    while True:
        count += 1
        if count > src.limits.max_items:
            raise Unreadable("too many JPEG segments")
        head = src.read(pos, 4)
        if len(head) < 2:
            raise Unreadable("JPEG ends before its image data")
        if head[0] != 0xFF:
            # Stray bytes between segments (some editors write them; ExifTool and decoders
            # skip them): look for the next marker a little further on.
            nxt = src.read(pos, MAX_STRAY).find(b"\xff")
            if nxt <= 0:
                raise Unreadable(f"JPEG marker expected at byte {pos}")
            pos += nxt
            continue
        marker = head[1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in _STANDALONE:
            pos += 2
            continue
        if marker == EOI:
            return
        if len(head) < 4:
            raise Unreadable("JPEG segment header cut short")
        length = int.from_bytes(head[2:4], "big")
        if length < 2:
            raise Unreadable(f"JPEG segment length {length} at byte {pos}")
        yield marker, pos + 4, length - 2
        if marker == SOS:
            return
        pos += 2 + length
        if pos > src.size:
            raise Unreadable("JPEG segment runs past the end of the file")


def read_jpeg(src: Source, raw: Raw) -> None:
    """Collect every Exif APP1 (TIFF block) and XMP APP1 packet, the first IPTC APP13, and
    the owner fields of a Canon CIFF APP0."""
    for marker, offset, length in segments(src):
        if marker == 0xE0 and length > 14 and src.read(offset + 6, 4) == b"HEAP":
            found = read_ciff(src.block(offset, length, "CIFF segment"))
            for key, value in found.items():
                raw.identity.setdefault(key, value)
            raw.notes.append("Canon CIFF block (owner, capture date, original file name)")
            continue
        if marker == 0xED and not raw.iptc:  # APP13: Photoshop resources (IPTC-IIM)
            if src.read(offset, 14) == b"Photoshop 3.0\x00":
                raw.iptc = src.block(offset, length, "APP13 segment")
            continue
        if marker != 0xE1 or length < 6:
            continue
        ident = src.read(offset, 29)
        if ident.startswith(EXIF_ID):
            block = src.block(offset, length, "Exif segment")
            raw.tiff_blocks.append(block[6:])
        elif ident.startswith(XMP_ID):
            raw.xmp_packets.append(src.block(offset, length, "XMP segment")[len(XMP_ID) :])
