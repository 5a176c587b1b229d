"""Canon CIFF blocks (the "HEAPJPGM" heap some Canon cameras put in a JPEG APP0 segment):
owner name and original file name. No kept library reads CIFF, so this is a small bounded walk.

Layout, from Canon's CIFF specification 1.0r4 (1997) and ExifTool's CanonRaw tag tables: a
header (byte order `II`/`MM`, header length, `HEAP` + `JPGM`), then a heap running to the end
of the block whose last 4 bytes give the offset of its directory: a 2-byte entry count and
10-byte entries (tag, size, offset). Tag bits 0xC000 say where the value is (0x4000: in the
entry itself, 8 bytes); bits 0x3800 give its type (0x0800 ASCII; 0x2800 and 0x3000 a
sub-heap). Tags: 0x0810 OwnerName, 0x0816 OriginalFileName (ASCII).
"""

from __future__ import annotations

import struct

FIELDS = {0x0810: "CameraOwnerName", 0x0816: "OriginalFileName"}
MAX_ENTRIES = 400
MAX_DEPTH = 4


def is_ciff(payload: bytes) -> bool:
    """Whether an APP0 payload is a CIFF heap."""
    return payload[:2] in (b"II", b"MM") and payload[6:10] == b"HEAP"


def read_ciff(payload: bytes) -> dict[str, str]:
    """Owner and original file name in one CIFF block; {} when malformed."""
    if not is_ciff(payload) or len(payload) < 14:
        return {}
    end = "<" if payload[:2] == b"II" else ">"
    start = struct.unpack_from(end + "I", payload, 2)[0]
    out: dict[str, str] = {}
    budget = [MAX_ENTRIES]
    _heap(payload, start, len(payload), end, 0, out, budget)
    return out


def _heap(data: bytes, start: int, stop: int, end: str, depth: int, out: dict[str, str],
          budget: list[int]) -> None:
    if depth > MAX_DEPTH or not 0 <= start < stop <= len(data) or stop - start < 6:
        return
    table = start + struct.unpack_from(end + "I", data, stop - 4)[0]
    if not start <= table <= stop - 6:
        return
    count = struct.unpack_from(end + "H", data, table)[0]
    for i in range(count):
        at = table + 2 + 10 * i
        budget[0] -= 1
        if budget[0] < 0 or at + 10 > stop:
            return
        tag, size, offset = struct.unpack_from(end + "HII", data, at)
        if tag & 0xC000 == 0x4000:  # value stored in the entry itself
            value, where = data[at + 2 : at + 10], None
        else:
            where = start + offset
            if where + size > stop:
                continue
            value = data[where : where + size]
        kind = tag & 0x3800
        if kind in (0x2800, 0x3000) and where is not None:
            _heap(data, where, where + size, end, depth + 1, out, budget)
            continue
        label = FIELDS.get(tag & 0x3FFF)
        if label and kind == 0x0800 and label not in out:
            text = " ".join(value.split(b"\x00", 1)[0].decode("latin-1").split())
            if text:
                out[label] = text[:200]
