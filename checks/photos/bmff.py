"""ISO base media boxes: the walker shared by HEIF/AVIF (`heif.py`), QuickTime/MP4 (`movie.py`)
and JPEG XL containers. Only box headers are read until a box's body is wanted."""

from __future__ import annotations

from collections.abc import Iterator

from checks.photos.model import Unreadable
from checks.photos.source import Source


def boxes(src: Source, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """(type, body offset, body length) for each box between `start` and `end`."""
    pos = start
    end = min(end, src.size)
    count = 0
    while pos + 8 <= end:
        count += 1
        if count > src.limits.max_items:
            raise Unreadable("too many boxes")
        head = src.read(pos, 16)
        size = int.from_bytes(head[:4], "big")
        btype = head[4:8]
        header = 8
        if size == 1:
            if len(head) < 16:
                raise Unreadable("box header cut short")
            size = int.from_bytes(head[8:16], "big")
            header = 16
        elif size == 0:
            size = end - pos
        if size < header:
            raise Unreadable(f"box {btype!r} has an impossible size {size}")
        body_len = min(size, end - pos) - header
        yield btype, pos + header, body_len
        pos += size


def find(src: Source, start: int, end: int, *path: bytes) -> tuple[int, int] | None:
    """(offset, length) of the first box found by following `path`, or None."""
    for btype, off, length in boxes(src, start, end):
        if btype == path[0]:
            if len(path) == 1:
                return off, length
            return find(src, off, off + length, *path[1:])
    return None


def meta_children_start(src: Source, off: int, length: int) -> int:
    """Offset of the first child of a `meta` box (ISO FullBox, or QuickTime's plain box)."""
    if src.read(off + 4, 4) in (b"hdlr", b"keys", b"ilst", b"mdta"):
        return off
    return off + 4


def uint(data: bytes, pos: int, size: int) -> int:
    """Big-endian unsigned integer of `size` bytes at `pos` (0 when size is 0)."""
    if size == 0:
        return 0
    if pos + size > len(data):
        raise Unreadable("box body cut short")
    return int.from_bytes(data[pos : pos + size], "big")
