"""Test-data factory: minimal byte builders for every container the photos check reads.

Everything is generated here (no sample files): TIFF/EXIF blocks with GPS in several device
styles, JPEG (a real decodable 8x8 greyscale baseline image), PNG (decodable), WebP (container
only), HEIF (meta/iinf/iloc, Exif item after mdat), MP4/MOV location atoms, XMP packets and
Google Takeout sidecars, plus corrupt and hostile variants.
"""

from __future__ import annotations

import json
import struct
import zlib
from fractions import Fraction

ASCII, SHORT, LONG, RATIONAL, UNDEFINED = 2, 3, 4, 5, 7
_SIZES = {1: 1, ASCII: 1, SHORT: 2, LONG: 4, RATIONAL: 8, UNDEFINED: 1}

Entry = tuple[int, int, object]  # tag, type, value(s)


def _encode(e: str, typ: int, value: object) -> tuple[int, bytes]:
    if typ == ASCII:
        raw = str(value).encode() + b"\x00"
        return len(raw), raw
    if typ == UNDEFINED:
        raw = bytes(value)  # type: ignore[arg-type]
        return len(raw), raw
    values = value if isinstance(value, list | tuple) else [value]
    if typ == RATIONAL:
        raw = b"".join(struct.pack(e + "II", n, d) for n, d in values)  # type: ignore[misc]
        return len(values), raw
    fmt = {SHORT: "H", LONG: "I", 1: "B"}[typ]
    return len(values), b"".join(struct.pack(e + fmt, v) for v in values)


def build_tiff(
    ifd0: list[Entry], exif: list[Entry] = (), gps: list[Entry] = (),  # type: ignore[assignment]
    big_endian: bool = False, loop: bool = False,
) -> bytes:
    """A TIFF block: IFD0 (+ pointers to the Exif and GPS IFDs when given)."""
    e = ">" if big_endian else "<"
    ifds = [list(ifd0), list(exif), list(gps)]
    if exif:
        ifds[0].append((0x8769, LONG, 0))
    if gps:
        ifds[0].append((0x8825, LONG, 0))
    sizes = []
    for entries in ifds:
        raws = [_encode(e, t, v)[1] for _, t, v in entries]
        data = sum(len(r) + (len(r) & 1) for r in raws if len(r) > 4)
        sizes.append(2 + 12 * len(entries) + 4 + data)
    offsets = [8, 8 + sizes[0], 8 + sizes[0] + sizes[1]]
    out = bytearray(b"MM\x00*" if big_endian else b"II*\x00")
    out += struct.pack(e + "I", 8)
    for n, entries in enumerate(ifds):
        if n > 0 and not entries:
            continue
        base = offsets[n]
        entries = sorted(entries)
        data_pos = base + 2 + 12 * len(entries) + 4
        table, data = bytearray(struct.pack(e + "H", len(entries))), bytearray()
        for tag, typ, value in entries:
            if tag == 0x8769:
                value = offsets[1]
            elif tag == 0x8825:
                value = offsets[2]
            count, raw = _encode(e, typ, value)
            if len(raw) <= 4:
                field = raw.ljust(4, b"\x00")
            else:
                field = struct.pack(e + "I", data_pos + len(data))
                data += raw + (b"\x00" if len(raw) & 1 else b"")
            table += struct.pack(e + "HHI", tag, typ, count) + field
        table += struct.pack(e + "I", base if (loop and n == 0) else 0)
        assert len(out) == base, (len(out), base)
        out += table + data
    return bytes(out)


def rationals(value: float, style: str) -> list[tuple[int, int]]:
    """Degrees as EXIF rationals in one of several device styles."""
    v = abs(value)
    deg = int(v)
    minutes = (v - deg) * 60
    if style == "decimal":
        return [(round(v * 10**7), 10**7), (0, 1), (0, 1)]
    if style == "decmin":
        return [(deg, 1), (round(minutes * 10000), 10000), (0, 1)]
    secs = (minutes - int(minutes)) * 60
    den = {"s100": 100, "s1000": 1000, "s1": 1, "s10000": 10000}[style]
    return [(deg, 1), (int(minutes), 1), (round(secs * den), den)]


def exact(parts: list[tuple[int, int]]) -> float:
    """The degrees those rationals encode, exactly."""
    return float(sum(Fraction(n, d) / m for (n, d), m in zip(parts, (1, 60, 3600))))


def exif_block(
    lat: float | None = None, lon: float | None = None, *, style: str = "s100",
    taken: str | None = "2024:03:02 21:15:00", offset: str | None = None,
    make: str | None = "Phonemaker", model: str | None = "P1", artist: str | None = None,
    owner: str | None = None, serial: str | None = None, lens_serial: str | None = None,
    copyright_: str | None = None, orientation: int | None = None, hpe: float | None = None,
    refs: bool = True, gps_parts: tuple[list[tuple[int, int]], list[tuple[int, int]]]
    | None = None, big_endian: bool = False, loop: bool = False,
) -> bytes:
    """An EXIF TIFF block with the given GPS and identity fields."""
    ifd0: list[Entry] = []
    if make:
        ifd0.append((0x010F, ASCII, make))
    if model:
        ifd0.append((0x0110, ASCII, model))
    if orientation:
        ifd0.append((0x0112, SHORT, orientation))
    if artist:
        ifd0.append((0x013B, ASCII, artist))
    if copyright_:
        ifd0.append((0x8298, ASCII, copyright_))
    exif: list[Entry] = []
    if taken:
        exif.append((0x9003, ASCII, taken))
    if offset:
        exif.append((0x9011, ASCII, offset))
    if owner:
        exif.append((0xA430, ASCII, owner))
    if serial:
        exif.append((0xA431, ASCII, serial))
    if lens_serial:
        exif.append((0xA435, ASCII, lens_serial))
    gps: list[Entry] = []
    if gps_parts is not None or (lat is not None and lon is not None):
        if gps_parts is None:
            assert lat is not None
            assert lon is not None
            gps_parts = (rationals(lat, style), rationals(lon, style))
        if refs:
            gps.append((1, ASCII, "S" if (lat or 0) < 0 else "N"))
            gps.append((3, ASCII, "W" if (lon or 0) < 0 else "E"))
        gps.append((2, RATIONAL, gps_parts[0]))
        gps.append((4, RATIONAL, gps_parts[1]))
        if hpe is not None:
            gps.append((0x1F, RATIONAL, [(round(hpe * 100), 100)]))
    return build_tiff(ifd0, exif, gps, big_endian=big_endian, loop=loop)


# --- JPEG ---------------------------------------------------------------------------------
def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def _scan(value: int) -> bytes:
    """Entropy data of one 8x8 greyscale block of constant `value` (DC only, q=1)."""
    dc = 8 * (value - 128)
    cat = abs(dc).bit_length()
    bits = "0"  # Huffman code of the only DC symbol (= cat)
    if cat:
        mag = dc if dc > 0 else dc + (1 << cat) - 1
        bits += format(mag, f"0{cat}b")
    bits += "0"  # EOB, the only AC symbol
    bits += "1" * (-len(bits) % 8)
    out = bytearray()
    for i in range(0, len(bits), 8):
        byte = int(bits[i : i + 8], 2)
        out.append(byte)
        if byte == 0xFF:
            out.append(0)
    return bytes(out)


def jpeg_image(value: int = 150) -> tuple[bytes, bytes]:
    """(headers after SOI up to and excluding SOS, SOS segment + data + EOI) of an 8x8 image."""
    dqt = _segment(0xDB, b"\x00" + b"\x01" * 64)
    sof = _segment(0xC0, b"\x08" + struct.pack(">HH", 8, 8) + b"\x01" + b"\x01\x11\x00")
    dc = abs(8 * (value - 128)).bit_length()
    dht_dc = _segment(0xC4, b"\x00" + b"\x01" + b"\x00" * 15 + bytes([dc]))
    dht_ac = _segment(0xC4, b"\x10" + b"\x01" + b"\x00" * 15 + b"\x00")
    sos = _segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
    return dqt + sof + dht_dc + dht_ac, sos + _scan(value) + b"\xff\xd9"


def app1_exif(tiff: bytes) -> bytes:
    return _segment(0xE1, b"Exif\x00\x00" + tiff)


def app1_xmp(packet: bytes) -> bytes:
    return _segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + packet)


def jpeg_file(
    tiff: bytes | None = None, xmp: bytes | None = None, *, value: int = 150,
    icc_before: int = 0, xmp_first: bool = False, jfif: bool = True, trailing: bytes = b"",
    comment: bytes | None = None, iptc: bytes | None = None,
) -> bytes:
    """A decodable JPEG with optional Exif/XMP, big ICC segments before them, etc."""
    tables, scan = jpeg_image(value)
    parts = [b"\xff\xd8"]
    if jfif:
        parts.append(_segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"))
    remaining = icc_before
    seq = 1
    while remaining > 0:
        chunk = min(remaining, 65000)
        parts.append(_segment(0xE2, b"ICC_PROFILE\x00" + bytes([seq, 9]) + b"\x00" * chunk))
        remaining -= chunk
        seq += 1
    meta = []
    if tiff is not None:
        meta.append(app1_exif(tiff))
    if xmp is not None:
        meta.append(app1_xmp(xmp))
    if xmp_first:
        meta.reverse()
    parts += meta
    if iptc is not None:
        parts.append(_segment(0xED, b"Photoshop 3.0\x00" + iptc))
    if comment is not None:
        parts.append(_segment(0xFE, comment))
    return b"".join(parts) + tables + scan + trailing


# --- PNG ----------------------------------------------------------------------------------
def png_chunk(ctype: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + ctype + data + struct.pack(
        ">I", zlib.crc32(ctype + data) & 0xFFFFFFFF)


def raw_profile(tiff: bytes) -> bytes:
    payload = b"Exif\x00\x00" + tiff
    hexed = payload.hex().encode()
    lines = b"\n".join(hexed[i : i + 72] for i in range(0, len(hexed), 72))
    return b"\nexif\n" + str(len(payload)).rjust(8).encode() + b"\n" + lines + b"\n"


def png_file(tiff: bytes | None = None, *, mode: str = "exif", xmp: bytes | None = None,
             value: int = 90, after_idat: bool = False) -> bytes:
    """A decodable 4x4 greyscale PNG; EXIF as eXIf or as ImageMagick raw-profile text."""
    ihdr = png_chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 0, 0, 0, 0))
    idat = png_chunk(b"IDAT", zlib.compress(b"".join(b"\x00" + bytes([value]) * 4
                                                     for _ in range(4))))
    meta = b""
    if tiff is not None:
        if mode == "exif":
            meta += png_chunk(b"eXIf", tiff)
        elif mode == "ztxt":
            meta += png_chunk(b"zTXt", b"Raw profile type exif\x00\x00"
                              + zlib.compress(raw_profile(tiff)))
        else:
            meta += png_chunk(b"tEXt", b"Raw profile type exif\x00" + raw_profile(tiff))
    if xmp is not None:
        meta += png_chunk(b"iTXt", b"XML:com.adobe.xmp\x00\x00\x00\x00\x00" + xmp)
    meta += png_chunk(b"tEXt", b"Software\x00hello")
    body = ihdr + (idat + meta if after_idat else meta + idat)
    return b"\x89PNG\r\n\x1a\n" + body + png_chunk(b"IEND", b"")


# --- WebP ---------------------------------------------------------------------------------
def riff_chunk(fourcc: bytes, data: bytes) -> bytes:
    return fourcc + struct.pack("<I", len(data)) + data + (b"\x00" if len(data) & 1 else b"")


def webp_file(tiff: bytes | None = None, *, prefix: bool = False, xmp: bytes | None = None,
              bitstream: bytes = b"\x2f\x07\xc0\x01\x00\x07\x50\xbc\x22\x17\xa5\xff\x81\x88"
              b"\xe8\x7f\x00") -> bytes:
    """An extended WebP (VP8X) with EXIF (raw TIFF, or with Exif\\0\\0) and XMP chunks."""
    flags = (0x08 if tiff is not None else 0) | (0x04 if xmp is not None else 0)
    chunks = riff_chunk(b"VP8X", bytes([flags, 0, 0, 0]) + b"\x07\x00\x00\x07\x00\x00")
    chunks += riff_chunk(b"VP8L", bitstream)
    if tiff is not None:
        chunks += riff_chunk(b"EXIF", (b"Exif\x00\x00" if prefix else b"") + tiff)
    if xmp is not None:
        chunks += riff_chunk(b"XMP ", xmp)
    body = b"WEBP" + chunks
    return b"RIFF" + struct.pack("<I", len(body)) + body


# --- ISO BMFF (HEIF, MP4) -----------------------------------------------------------------
def box(btype: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload) + 8) + btype + payload


def full_box(btype: bytes, version: int, payload: bytes, flags: int = 0) -> bytes:
    return box(btype, bytes([version]) + flags.to_bytes(3, "big") + payload)


def heif_file(tiff: bytes | None, *, brand: bytes = b"heic", bare: bool = False,
              use_base: bool = True, idat: bool = False, xmp: bytes | None = None,
              length_override: int | None = None, image_size: int = 64) -> bytes:
    """A HEIF with an Exif item (4-byte offset prefix unless `bare`) stored after `mdat`
    (iloc version 1 with a base offset), or in `idat` (construction method 1)."""
    item = b""
    if tiff is not None:
        item = tiff if bare else struct.pack(">I", 6) + b"Exif\x00\x00" + tiff
    infe = [full_box(b"infe", 2, struct.pack(">HH", 1, 0) + b"hvc1" + b"\x00")]
    if tiff is not None:
        infe.append(full_box(b"infe", 2, struct.pack(">HH", 2, 0) + b"Exif" + b"\x00"))
    if xmp is not None:
        infe.append(full_box(b"infe", 2, struct.pack(">HH", 3, 0) + b"mime" + b"\x00"
                             + b"application/rdf+xml\x00"))
    iinf = full_box(b"iinf", 0, struct.pack(">H", len(infe)) + b"".join(infe))
    ftyp = box(b"ftyp", brand + b"\x00\x00\x00\x00" + b"mif1" + brand)
    hdlr = full_box(b"hdlr", 0, b"\x00" * 4 + b"pict" + b"\x00" * 13)
    image = b"\x00" * image_size

    def meta_for(base: int, xmp_at: int) -> bytes:
        entries = []
        items = [(1, 0, len(image))]
        if tiff is not None:
            items.append((2, len(image), length_override or len(item)))
        if xmp is not None:
            items.append((3, xmp_at, len(xmp)))
        for item_id, off, length in items:
            method = 1 if (idat and item_id == 2) else 0
            b_off = 0 if method == 1 else base
            e_off = 0 if method == 1 else off - (0 if use_base else -base) * 0
            if not use_base and method == 0:
                b_off, e_off = 0, base + off
            entries.append(struct.pack(">HHH", item_id, method, 0) + struct.pack(">I", b_off)
                           + struct.pack(">H", 1) + struct.pack(">II", e_off, length))
        iloc = full_box(b"iloc", 1, bytes([0x44, 0x40]) + struct.pack(">H", len(entries))
                        + b"".join(entries))
        extra = box(b"idat", item) if idat else b""
        return full_box(b"meta", 0, hdlr + iinf + iloc + extra)

    probe = meta_for(0, 0)
    mdat_start = len(ftyp) + len(probe) + 8
    payload = image + (b"" if idat else item)
    xmp_at = len(payload)
    if xmp is not None:
        payload += xmp
    meta = meta_for(mdat_start, xmp_at)
    return ftyp + meta + box(b"mdat", payload)


def iso6709(lat: float, lon: float) -> bytes:
    return f"{lat:+08.4f}{lon:+09.4f}+012.000/".encode()


def mp4_file(lat: float | None, lon: float | None, *, kind: str = "xyz",
             moov_last: bool = True, mdat_size: int = 4096, brand: bytes = b"isom") -> bytes:
    """An MP4/MOV whose moov (after a big mdat) holds ©xyz, Apple keys/ilst or 3GPP loci."""
    mvhd = full_box(b"mvhd", 0, struct.pack(">III", 3_800_000_000, 3_800_000_000, 600)
                    + b"\x00" * 84)
    children = mvhd + box(b"trak", b"\x00" * 32)
    if lat is not None and lon is not None:
        if kind == "xyz":
            text = iso6709(lat, lon)
            children += box(b"udta", box(b"\xa9xyz", struct.pack(">HH", len(text), 0x15c7)
                                         + text))
        elif kind == "keys":
            key = b"com.apple.quicktime.location.ISO6709"
            keys = full_box(b"keys", 0, struct.pack(">I", 1) + box(b"mdta", key))
            value = box(b"data", struct.pack(">II", 1, 0) + iso6709(lat, lon))
            ilst = box(b"ilst", box(struct.pack(">I", 1), value))
            children += box(b"meta", full_box(b"hdlr", 0, b"\x00" * 4 + b"mdta" + b"\x00" * 13)
                            + keys + ilst)
        elif kind == "loci":
            body = (b"\x15\xc7" + b"Home\x00" + b"\x00"
                    + struct.pack(">iii", round(lon * 65536), round(lat * 65536), 0)
                    + b"Earth\x00" + b"\x00")
            children += box(b"udta", full_box(b"loci", 0, body))
    moov = box(b"moov", children)
    mdat = box(b"mdat", b"\x00" * mdat_size)
    ftyp = box(b"ftyp", brand + b"\x00\x00\x02\x00" + brand + b"mp41")
    return ftyp + (mdat + moov if moov_last else moov + mdat)


# --- XMP and Takeout ----------------------------------------------------------------------
def xmp_packet(lat: str | None = None, lon: str | None = None, *, creator: str | None = None,
               element: bool = False, taken: str | None = "2024-03-02T21:15:00") -> bytes:
    """An XMP packet with GPS as attributes (or elements) in the exif namespace."""
    attrs, elems = [], []
    if lat is not None and lon is not None:
        if element:
            elems.append(f"<exif:GPSLatitude>{lat}</exif:GPSLatitude>"
                         f"<exif:GPSLongitude>{lon}</exif:GPSLongitude>")
        else:
            attrs.append(f'exif:GPSLatitude="{lat}" exif:GPSLongitude="{lon}"')
    if taken:
        attrs.append(f'exif:DateTimeOriginal="{taken}"')
    if creator:
        elems.append(f"<dc:creator><rdf:Seq><rdf:li>{creator}</rdf:li></rdf:Seq></dc:creator>")
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/" '
        f'xmlns:dc="http://purl.org/dc/elements/1.1/" {" ".join(attrs)}>'
        f'{"".join(elems)}</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end="w"?>'
    ).encode()


def takeout_json(lat: float, lon: float, *, timestamp: int = 1_709_410_500,
                 exif_geo: bool = True) -> bytes:
    """A Google Takeout sidecar."""
    geo = {"latitude": lat, "longitude": lon, "altitude": 170.0, "latitudeSpan": 0.0,
           "longitudeSpan": 0.0}
    zero = {"latitude": 0.0, "longitude": 0.0, "altitude": 0.0, "latitudeSpan": 0.0,
            "longitudeSpan": 0.0}
    doc = {"title": "IMG_0001.jpg", "description": "",
           "photoTakenTime": {"timestamp": str(timestamp), "formatted": "x"},
           "geoData": geo if not exif_geo else zero, "geoDataExif": geo if exif_geo else zero}
    return json.dumps(doc, indent=2).encode()
