"""WebP (RIFF): the `EXIF` chunk (raw TIFF as the spec says, or with an `Exif\\0\\0` prefix)
and the `XMP ` chunk. `chunks` is shared with the cleaner."""

from __future__ import annotations

from collections.abc import Iterator

from checks.photos.model import Raw, Unreadable
from checks.photos.source import Source


def chunks(src: Source) -> Iterator[tuple[bytes, int, int]]:
    """(fourcc, data offset, data length) for each chunk after the `WEBP` form type."""
    end = min(src.size, 8 + int.from_bytes(src.head[4:8], "little"))
    pos = 12
    count = 0
    while pos + 8 <= end:
        count += 1
        if count > src.limits.max_items:
            raise Unreadable("too many WebP chunks")
        head = src.read(pos, 8)
        fourcc, length = head[:4], int.from_bytes(head[4:8], "little")
        if pos + 8 + length > src.size:
            raise Unreadable(f"WebP chunk {fourcc!r} runs past the end of the file")
        yield fourcc, pos + 8, length
        pos += 8 + length + (length & 1)


def read_webp(src: Source, raw: Raw) -> None:
    """Collect the EXIF block and XMP packet."""
    for fourcc, offset, length in chunks(src):
        if fourcc == b"EXIF":
            block = src.block(offset, length, "EXIF chunk")
            raw.tiff_blocks.append(block[6:] if block.startswith(b"Exif\x00") else block)
        elif fourcc == b"XMP ":
            raw.xmp_packets.append(src.block(offset, length, "XMP chunk"))
