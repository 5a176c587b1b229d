"""A small bounded TIFF IFD reader (classic and BigTIFF) for what exifread does not read:
maker-note directories and BigTIFF files.

It reads through a `read(offset, n)` function (a `Source` or a block in memory), so every read
is budgeted; entry counts, value sizes and the IFDs visited are capped, and a directory that
does not fit is answered as empty rather than guessed at.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass

Reader = Callable[[int, int], bytes]
# Bytes per value of each TIFF field type (TIFF 6.0 section 2; BigTIFF adds 16-18).
TYPE_SIZE = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8,
             13: 4, 16: 8, 17: 8, 18: 8}
MAX_ENTRIES = 1000
MAX_VALUE = 64 * 1024  # owner names, serials and GPS values are a few bytes; larger are skipped


@dataclass(frozen=True, slots=True)
class Entry:
    """One directory entry: tag, type, count and its value bytes (empty when too large or
    out of the data); `pointer` is the raw offset field (for sub-directory tags)."""

    tag: int
    typ: int
    count: int
    data: bytes
    pointer: int


def block_reader(block: bytes) -> Reader:
    """A `Reader` over bytes in memory."""
    return lambda offset, n: block[offset : offset + n] if offset >= 0 else b""


def read_ifd(read: Reader, at: int, end: str, base: int = 0,
             big: bool = False) -> dict[int, Entry]:
    """The entries of the directory at absolute offset `at`; value offsets count from
    `base`. `end` is "<" or ">"; `big` for BigTIFF (8-byte counts and offsets)."""
    count_fmt, entry_size, field = ("Q", 20, 8) if big else ("H", 12, 4)
    head = read(at, 8 if big else 2)
    if at < 0 or len(head) < len(struct.pack(count_fmt, 0)):
        return {}
    count = struct.unpack(end + count_fmt, head)[0]
    if count == 0 or count > MAX_ENTRIES:
        return {}
    table = read(at + len(head), entry_size * count)
    out: dict[int, Entry] = {}
    for i in range(len(table) // entry_size):
        raw = table[i * entry_size : (i + 1) * entry_size]
        tag, typ = struct.unpack_from(end + "HH", raw)
        n = struct.unpack_from(end + ("Q" if big else "I"), raw, 4)[0]
        value_field = raw[entry_size - field :]
        pointer = struct.unpack(end + ("Q" if big else "I"), value_field)[0]
        size = TYPE_SIZE.get(typ, 0) * n
        if size <= field:
            data = value_field[:size]
        elif size <= MAX_VALUE:
            data = read(base + pointer, size)
            data = data if len(data) == size else b""
        else:
            data = b""
        out.setdefault(tag, Entry(tag, typ, n, data, pointer))
    return out


def text(entry: Entry | None) -> str:
    """An ASCII or UNDEFINED value as text: leading NULs skipped, cut at the next NUL, 0xFF
    padding dropped, spaces collapsed; "" when it holds control or non-ASCII bytes (a binary
    field, not a name or serial)."""
    if entry is None or entry.typ not in (1, 2, 7):
        return ""
    raw = entry.data.lstrip(b"\x00").split(b"\x00")[0].rstrip(b"\xff")
    if any(b < 0x20 or b > 0x7E for b in raw):
        return ""
    return " ".join(raw.decode("ascii").split())[:200]


def unsigned(entry: Entry | None, end: str) -> int | None:
    """The first value of a BYTE/SHORT/LONG/LONG8 entry."""
    if entry is None:
        return None
    fmt = {1: "B", 3: "H", 4: "I", 13: "I", 16: "Q", 18: "Q"}.get(entry.typ)
    if fmt is None or len(entry.data) < struct.calcsize(fmt):
        return None
    return int(struct.unpack_from(end + fmt, entry.data)[0])
