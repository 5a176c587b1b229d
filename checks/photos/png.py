"""PNG: walk the chunks for `eXIf`, "Raw profile type exif/APP1" text chunks, XMP `iTXt`, and
the Author / Copyright / Comment / Description text chunks (identity fields)."""

from __future__ import annotations

import binascii
import zlib
from collections.abc import Iterator

from checks.photos.model import Raw, Unreadable
from checks.photos.source import Source

SIGNATURE = b"\x89PNG\r\n\x1a\n"
TEXT_CHUNKS = {b"tEXt", b"zTXt", b"iTXt"}
# Text keywords that name a person or carry free text (PNG spec, section 11.3.4.2).
TEXT_IDENTITY = {b"author": "Artist", b"copyright": "Copyright", b"comment": "Comment",
                 b"description": "Comment", b"artist": "Artist"}
MAX_TEXT = 64 * 1024


def chunks(src: Source) -> Iterator[tuple[bytes, int, int]]:
    """(type, data offset, data length) for each chunk, up to and including IEND."""
    pos = 8
    count = 0
    while pos < src.size:
        count += 1
        if count > src.limits.max_items:
            raise Unreadable("too many PNG chunks")
        head = src.read(pos, 8)
        if len(head) < 8:
            raise Unreadable("PNG chunk header cut short")
        length = int.from_bytes(head[:4], "big")
        ctype = head[4:8]
        if length > 0x7FFFFFFF:
            raise Unreadable(f"PNG chunk length {length} is invalid")
        yield ctype, pos + 8, length
        if ctype == b"IEND":
            return
        pos += 12 + length
    raise Unreadable("PNG has no IEND chunk (truncated)")


def _inflate(data: bytes, limit: int) -> bytes:
    dec = zlib.decompressobj()
    try:
        out = dec.decompress(data, limit)
    except zlib.error as exc:
        raise Unreadable(f"bad compressed text chunk: {exc}") from exc
    if dec.unconsumed_tail:
        raise Unreadable("compressed text chunk inflates past the limit")
    return out


def _text(ctype: bytes, data: bytes, limit: int) -> tuple[bytes, bytes]:
    """(keyword, text bytes) of a tEXt / zTXt / iTXt chunk."""
    keyword, _, rest = data.partition(b"\x00")
    if ctype == b"tEXt":
        return keyword, rest
    if ctype == b"zTXt":
        return keyword, _inflate(rest[1:], limit)
    compressed = rest[:1] == b"\x01"
    rest = rest[2:]
    _lang, _, rest = rest.partition(b"\x00")
    _tkw, _, text = rest.partition(b"\x00")
    return keyword, _inflate(text, limit) if compressed else text


def raw_profile(text: bytes) -> bytes:
    """Decode ImageMagick's "\\nexif\\n   LEN\\nHEX..." text into the bytes it carries."""
    lines = text.strip().split(b"\n", 2)
    if len(lines) < 3:
        raise Unreadable("raw profile text chunk is malformed")
    try:
        data = binascii.unhexlify(b"".join(lines[2].split()))
    except (binascii.Error, ValueError) as exc:
        raise Unreadable("raw profile text chunk is not hexadecimal") from exc
    return data


def read_png(src: Source, raw: Raw) -> None:
    """Collect eXIf and raw-profile TIFF blocks and XMP packets."""
    limit = src.limits.max_block
    for ctype, offset, length in chunks(src):
        if ctype == b"eXIf":
            block = src.block(offset, length, "eXIf chunk")
            raw.tiff_blocks.append(block[6:] if block.startswith(b"Exif\x00") else block)
        elif ctype in TEXT_CHUNKS:
            keyword = src.read(offset, 80).partition(b"\x00")[0].lower()
            label = TEXT_IDENTITY.get(keyword)
            if label is not None:
                if label not in raw.identity:
                    _, text = _text(ctype, src.block(offset, min(length, MAX_TEXT), "text chunk"),
                                    MAX_TEXT)
                    value = " ".join(text.decode("utf-8", "replace").split())[:200]
                    if value:
                        raw.identity[label] = value
                continue
            if keyword not in (b"raw profile type exif", b"raw profile type app1",
                               b"xml:com.adobe.xmp"):
                continue
            key, text = _text(ctype, src.block(offset, length, "text chunk"), limit)
            if key.lower() == b"xml:com.adobe.xmp":
                raw.xmp_packets.append(text)
                continue
            block = raw_profile(text)
            raw.tiff_blocks.append(block[6:] if block.startswith(b"Exif\x00") else block)
