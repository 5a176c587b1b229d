"""Demo world part owned by the photos area: the persona's photo folder and the two photos
served on her own site (https://www.camille-dufresne.example/img/balcon.jpg and soiree.jpg).

The files are generated here (tiny decodable 8x8 greyscale JPEGs and a 4x4 PNG with EXIF
blocks written by a minimal TIFF writer): photos taken at home (45.7597 N, 4.8422 E) in the
evenings and at weekends over several days, some at work (45.7485 N, 4.8467 E) on weekday
office hours, one without GPS, one corrupt. The `register_demo` hook adds it to the demo.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from audit.sandbox.world import World

SITE = "https://www.camille-dufresne.example"
HOME = (45.7597, 4.8422)
WORK = (45.7485, 4.8467)

# (file name, (lat, lon) or None, DateTimeOriginal, owner name)
LOCAL_PHOTOS: tuple[tuple[str, tuple[float, float] | None, str, str], ...] = (
    ("IMG_0301.jpg", (45.75972, 4.84218), "2024:03:02 11:04:10", ""),  # Saturday
    ("IMG_0305.jpg", (45.75968, 4.84225), "2024:03:05 21:10:44", "Camille Dufresne"),
    ("IMG_0309.jpg", (45.75975, 4.84221), "2024:03:09 16:31:02", ""),  # Saturday
    ("IMG_0312.jpg", (45.75969, 4.84217), "2024:03:12 20:45:37", ""),
    ("IMG_0316.jpg", (45.75971, 4.84223), "2024:03:16 10:15:09", ""),  # Saturday
    ("IMG_0320.jpg", (45.75974, 4.84219), "2024:03:20 22:05:51", ""),
    ("IMG_0304.jpg", (45.74851, 4.84668), "2024:03:04 10:30:12", ""),  # Monday, work
    ("IMG_0307.jpg", (45.74848, 4.84672), "2024:03:07 14:02:40", ""),
    ("IMG_0313.jpg", (45.74853, 4.84669), "2024:03:13 11:45:03", ""),
    ("IMG_0318.jpg", (45.74849, 4.84671), "2024:03:18 15:20:26", ""),
    ("screenshot-no-gps.jpg", None, "2024:03:14 13:00:00", ""),
)
WEB_PHOTOS = (
    ("/img/balcon.jpg", (45.75970, 4.84222), "2024:03:10 19:42:18"),  # Sunday evening
    ("/img/soiree.jpg", (45.75973, 4.84220), "2024:03:15 22:31:55"),  # Friday night
)


def _rational_dms(value: float) -> bytes:
    deg = int(value)
    minutes = (value - deg) * 60
    secs = round((minutes - int(minutes)) * 60 * 100)
    return struct.pack("<IIIIII", deg, 1, int(minutes), 1, secs, 100)


def _ifd(entries: list[tuple[int, int, int, bytes]], base: int) -> bytes:
    """One little-endian IFD at offset `base`: (tag, type, count, raw value) entries."""
    table = struct.pack("<H", len(entries))
    data = b""
    data_at = base + 2 + 12 * len(entries) + 4
    for tag, typ, count, raw in sorted(entries):
        if len(raw) <= 4:
            table += struct.pack("<HHI", tag, typ, count) + raw.ljust(4, b"\x00")
        else:
            table += struct.pack("<HHII", tag, typ, count, data_at + len(data))
            data += raw + b"\x00" * (len(raw) & 1)
    return table + struct.pack("<I", 0) + data


def _ascii(tag: int, text: str) -> tuple[int, int, int, bytes]:
    raw = text.encode("utf-8") + b"\x00"
    return tag, 2, len(raw), raw


def exif_tiff(pos: tuple[float, float] | None, taken: str, owner: str = "") -> bytes:
    """A TIFF block: Make/Model, DateTimeOriginal (+ owner name) and GPS when given."""
    exif_entries = [_ascii(0x9003, taken), _ascii(0x9011, "+01:00")]
    if owner:
        exif_entries.append(_ascii(0xA430, owner))
    gps_entries = []
    if pos is not None:
        gps_entries = [_ascii(1, "N"), (2, 5, 3, _rational_dms(pos[0])), _ascii(3, "E"),
                       (4, 5, 3, _rational_dms(pos[1]))]
    ifd0 = [_ascii(0x010F, "Fairphone"), _ascii(0x0110, "FP4")]
    n0 = len(ifd0) + 1 + (1 if gps_entries else 0)
    size0 = len(_ifd([*ifd0, *[(0x8769 + i, 4, 1, b"\x00" * 4) for i in range(n0 - 2)]], 8))
    exif_at = 8 + size0
    exif_ifd = _ifd(exif_entries, exif_at)
    ifd0.append((0x8769, 4, 1, struct.pack("<I", exif_at)))
    if gps_entries:
        ifd0.append((0x8825, 4, 1, struct.pack("<I", exif_at + len(exif_ifd))))
    head = b"II*\x00" + struct.pack("<I", 8) + _ifd(ifd0, 8)
    assert len(head) == exif_at
    gps_ifd = _ifd(gps_entries, exif_at + len(exif_ifd)) if gps_entries else b""
    return head + exif_ifd + gps_ifd


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def tiny_jpeg(tiff: bytes | None, grey: int = 150) -> bytes:
    """A decodable 8x8 greyscale baseline JPEG of one grey level, with an Exif APP1."""
    dc = 8 * (grey - 128)
    cat = abs(dc).bit_length()
    bits = "0" + (format(dc if dc > 0 else dc + (1 << cat) - 1, f"0{cat}b") if cat else "")
    bits += "0"
    bits += "1" * (-len(bits) % 8)
    scan = bytearray()
    for i in range(0, len(bits), 8):
        scan.append(int(bits[i : i + 8], 2))
        if scan[-1] == 0xFF:
            scan.append(0)
    parts = [b"\xff\xd8", _segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")]
    if tiff is not None:
        parts.append(_segment(0xE1, b"Exif\x00\x00" + tiff))
    parts += [
        _segment(0xDB, b"\x00" + b"\x01" * 64),
        _segment(0xC0, b"\x08\x00\x08\x00\x08\x01\x01\x11\x00"),
        _segment(0xC4, b"\x00\x01" + b"\x00" * 15 + bytes([cat])),
        _segment(0xC4, b"\x10\x01" + b"\x00" * 16),
        _segment(0xDA, b"\x01\x01\x00\x00\x3f\x00"),
        bytes(scan),
        b"\xff\xd9",
    ]
    return b"".join(parts)


def _png_chunk(ctype: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(ctype + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + ctype + data + struct.pack(">I", crc)


def tiny_png(tiff: bytes) -> bytes:
    """A decodable 4x4 greyscale PNG with an eXIf chunk."""
    pixels = b"".join(b"\x00" + b"\x80" * 4 for _ in range(4))
    return (b"\x89PNG\r\n\x1a\n"
            + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 0, 0, 0, 0))
            + _png_chunk(b"eXIf", tiff) + _png_chunk(b"IDAT", zlib.compress(pixels))
            + _png_chunk(b"IEND", b""))


def prepare_files(folder: Path) -> None:
    """Write the persona's photo folder: home and work photos, one without GPS, one corrupt."""
    folder.mkdir(parents=True, exist_ok=True)
    for n, (name, pos, taken, owner) in enumerate(LOCAL_PHOTOS):
        (folder / name).write_bytes(tiny_jpeg(exif_tiff(pos, taken, owner), 100 + 10 * n))
    (folder / "balcon-soir.png").write_bytes(
        tiny_png(exif_tiff((45.75970, 4.84224), "2024:03:23 19:30:00")))
    broken = tiny_jpeg(exif_tiff(HOME, "2024:03:24 21:00:00"))
    (folder / "IMG_0324-damaged.jpg").write_bytes(broken[:60])


def add_to(world: World) -> None:
    """Serve the two geotagged photos the persona's own site shows (taken at home)."""
    for n, (path, pos, taken) in enumerate(WEB_PHOTOS):
        world.page(SITE + path, tiny_jpeg(exif_tiff(pos, taken), 180 + 20 * n),
                   headers={"Content-Type": "image/jpeg"})
