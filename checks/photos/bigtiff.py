"""BigTIFF (64-bit offsets, header "II+\\0"/"MM\\0+"): its IFD0, Exif and GPS directories
rewritten as a small classic TIFF block, so the same EXIF decoder reads them as in any other
file. Layout per the BigTIFF design (version 43, 8-byte offset size, 20-byte entries,
LONG8/SLONG8/IFD8 types 16-18), as described by the libtiff project's BigTIFF page."""

from __future__ import annotations

import struct

from checks.photos.model import Unreadable
from checks.photos.tiffifd import Entry, Reader, read_ifd, unsigned

EXIF_IFD, GPS_IFD, MAKER_NOTE = 0x8769, 0x8825, 0x927C
_SKIP = {EXIF_IFD, GPS_IFD, MAKER_NOTE}


def _first_ifd(read: Reader) -> tuple[str, int]:
    head = read(0, 16)
    if len(head) < 16 or head[:4] not in (b"II+\x00", b"MM\x00+"):
        raise Unreadable("BigTIFF header cut short")
    end = "<" if head[:2] == b"II" else ">"
    size, _zero, first = struct.unpack_from(end + "HHQ", head, 4)
    if size != 8:
        raise Unreadable(f"BigTIFF with {size}-byte offsets")
    return end, first


def _classic(entries: dict[int, Entry]) -> list[Entry]:
    return [e for tag, e in sorted(entries.items())
            if tag not in _SKIP and e.typ <= 13 and (e.data or e.count == 0)]


def _pack(end: str, ifds: list[list[Entry]]) -> bytes:
    """A classic TIFF: IFD0 with pointers to the Exif and GPS IFDs that follow it."""
    sizes = [2 + 12 * len(ifd) + 4 + sum(len(e.data) + 1 for e in ifd if len(e.data) > 4)
             for ifd in ifds]
    starts = [8]
    for size in sizes[:-1]:
        starts.append(starts[-1] + size)
    out = bytearray(b"II*\x00" if end == "<" else b"MM\x00*")
    out += struct.pack(end + "I", 8)
    for ifd, start, size in zip(ifds, starts, sizes, strict=True):
        data_at = start + 2 + 12 * len(ifd) + 4
        table, data = bytearray(struct.pack(end + "H", len(ifd))), bytearray()
        for e in ifd:
            if len(e.data) > 4:
                field = struct.pack(end + "I", data_at + len(data))
                data += e.data + (b"\x00" if len(e.data) % 2 else b"")
            else:
                field = e.data.ljust(4, b"\x00")
            table += struct.pack(end + "HHI", e.tag, e.typ, e.count) + field
        table += b"\x00\x00\x00\x00"
        out += table + data
        out += b"\x00" * (start + size - len(out))
    return bytes(out)


def classic_block(read: Reader) -> bytes:
    """The IFD0, Exif and GPS fields of a BigTIFF as one classic TIFF block."""
    end, first = _first_ifd(read)
    ifd0 = read_ifd(read, first, end, big=True)
    if not ifd0:
        raise Unreadable("BigTIFF first directory is empty or unreadable")
    subs: list[tuple[int, dict[int, Entry]]] = []
    for tag in (EXIF_IFD, GPS_IFD):
        at = unsigned(ifd0.get(tag), end)
        if at:
            subs.append((tag, read_ifd(read, at, end, big=True)))
    main = _classic(ifd0)
    ifds = [main] + [_classic(entries) for _tag, entries in subs]
    # pointers to the sub-IFDs, at the offsets `_pack` will give them
    sizes = [2 + 12 * (len(ifd) + (len(subs) if n == 0 else 0)) + 4
             + sum(len(e.data) + 1 for e in ifd if len(e.data) > 4)
             for n, ifd in enumerate(ifds)]
    at = 8 + sizes[0]
    for (tag, _entries), size in zip(subs, sizes[1:], strict=True):
        main.append(Entry(tag, 4, 1, struct.pack(end + "I", at), at))
        at += size
    main.sort(key=lambda e: e.tag)
    return _pack(end, ifds)
