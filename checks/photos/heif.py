"""HEIF / HEIC / AVIF: find the `Exif` and XMP items in `meta/iinf` and follow `iloc` (base
offset, several extents, `idat` construction) to their bytes. JPEG XL `Exif`/`xml ` boxes too."""

from __future__ import annotations

from checks.photos.bmff import boxes, find, uint
from checks.photos.model import Raw, Unreadable
from checks.photos.source import Source

MAX_EXTENTS = 100_000


def _items(body: bytes) -> dict[int, str]:
    """item id -> item type (`Exif`, or `xmp` for an RDF/XML mime item) from an `iinf` body."""
    version = body[0] if body else 0
    pos = 4 + (2 if version == 0 else 4)
    out: dict[int, str] = {}
    while pos + 8 <= len(body):
        size = uint(body, pos, 4)
        if size < 8 or body[pos + 4 : pos + 8] != b"infe":
            break
        infe = body[pos + 8 : pos + size]
        if len(infe) >= 12 and infe[0] >= 2:
            id_len = 2 if infe[0] == 2 else 4
            item_id = uint(infe, 4, id_len)
            itype = infe[6 + id_len : 10 + id_len]
            if itype == b"Exif":
                out[item_id] = "Exif"
            elif itype == b"mime":
                rest = infe[10 + id_len :]
                ctype = rest.split(b"\x00")[1] if rest.count(b"\x00") >= 2 else b""
                if b"rdf+xml" in ctype or b"xmp" in ctype:
                    out[item_id] = "xmp"
        pos += size
    return out


def _locations(body: bytes, wanted: set[int]) -> dict[int, tuple[int, list[tuple[int, int]]]]:
    """item id -> (construction method, [(offset, length)...]) from an `iloc` body."""
    version = body[0]
    if version > 2:
        raise Unreadable(f"iloc version {version} is unknown")
    off_size, len_size = body[4] >> 4, body[4] & 15
    base_size, index_size = body[5] >> 4, (body[5] & 15 if version else 0)
    pos = 6
    count = uint(body, pos, 2 if version < 2 else 4)
    pos += 2 if version < 2 else 4
    out: dict[int, tuple[int, list[tuple[int, int]]]] = {}
    budget = MAX_EXTENTS
    for _ in range(count):
        item_id = uint(body, pos, 2 if version < 2 else 4)
        pos += 2 if version < 2 else 4
        method = 0
        if version in (1, 2):
            method = uint(body, pos, 2) & 15
            pos += 2
        pos += 2  # data_reference_index
        base = uint(body, pos, base_size)
        pos += base_size
        extents = uint(body, pos, 2)
        pos += 2
        budget -= extents + 1
        if budget < 0:
            raise Unreadable("iloc lists too many items or extents")
        spans = []
        for _ in range(extents):
            pos += index_size
            e_off = uint(body, pos, off_size)
            pos += off_size
            e_len = uint(body, pos, len_size)
            pos += len_size
            spans.append((base + e_off, e_len))
        if item_id in wanted:
            out[item_id] = (method, spans)
    return out


def exif_payload(data: bytes) -> bytes:
    """The TIFF block inside an Exif item: after its 4-byte header offset (or bare TIFF)."""
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return data
    skip = 4 + int.from_bytes(data[:4], "big")
    if data[skip : skip + 4] in (b"II*\x00", b"MM\x00*"):
        return data[skip:]
    for magic in (b"II*\x00", b"MM\x00*"):
        at = data.find(magic, 0, 64)
        if at >= 0:
            return data[at:]
    raise Unreadable("Exif item holds no TIFF header")


def read_heif(src: Source, raw: Raw) -> None:
    """Collect the Exif item's TIFF block and XMP items of a HEIF/AVIF file."""
    meta = find(src, 0, src.size, b"meta")
    if meta is None:
        return
    start, end = meta[0] + 4, meta[0] + meta[1]
    parts: dict[bytes, tuple[int, int]] = {}
    for btype, off, length in boxes(src, start, end):
        if btype in (b"iinf", b"iloc", b"idat"):
            parts[btype] = (off, length)
    if b"iinf" not in parts or b"iloc" not in parts:
        return
    items = _items(src.block(*parts[b"iinf"], "iinf box"))
    if not items:
        return
    located = _locations(src.block(*parts[b"iloc"], "iloc box"), set(items))
    for item_id, (method, spans) in located.items():
        base = 0
        if method == 1:
            if b"idat" not in parts:
                raise Unreadable("item stored in a missing idat box")
            base = parts[b"idat"][0]
        elif method != 0:
            continue
        total = sum(n for _, n in spans)
        if total > src.limits.max_block:
            raise Unreadable(f"metadata item declares {total} bytes")
        data = b"".join(src.read(base + o, n) for o, n in spans)
        if len(data) < total:
            # a file cut at its end (a copy or download that stopped a few bytes short):
            # read what is there, as ExifTool does, and say so
            if len(data) < 16:
                raise Unreadable("metadata item is cut short by the end of the file")
            raw.notes.append(f"{items[item_id]} item cut short by {total - len(data)} bytes")
        if items[item_id] == "Exif":
            raw.tiff_blocks.append(exif_payload(data))
        else:
            raw.xmp_packets.append(data)


def read_jxl(src: Source, raw: Raw) -> None:
    """JPEG XL container: `Exif` box (4-byte offset prefix) and `xml ` box."""
    for btype, off, length in boxes(src, 0, src.size):
        if btype == b"Exif":
            raw.tiff_blocks.append(exif_payload(src.block(off, length, "Exif box")))
        elif btype == b"xml ":
            raw.xmp_packets.append(src.block(off, length, "xml box"))
        elif btype == b"brob":
            raw.notes.append("Brotli-compressed metadata box not read")
