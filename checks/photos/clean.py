"""Lossless metadata removal for JPEG, PNG and WebP copies (`photos clean`).

JPEG: drop APP1 (Exif, XMP), APP13 (IPTC/Photoshop), COM, MPF, Canon CIFF and every other
APPn segment and any bytes after the end of the image; keep one plain JFIF APP0 (without its
thumbnail), ICC and Adobe segments, tables, frame and scan data byte for byte; when the Exif said
the picture is rotated, write back an Exif holding only that Orientation. PNG: drop eXIf, tEXt,
zTXt, iTXt and tIME chunks (iCCP stays). WebP: drop EXIF and XMP chunks (ICCP stays), write
back an EXIF chunk holding only the Orientation when it was not 1, set the VP8X flags to match
and fix the RIFF size. Other formats are never copied with their
metadata: the result says why. Every cleaned copy is checked again before it is written.
"""

from __future__ import annotations

import io
import os
import struct
from dataclasses import dataclass
from pathlib import Path

from checks.photos import jpeg, png, webp
from checks.photos.check import walk_files
from checks.photos.exif import exifread_errors
from checks.photos.extract import analyse_bytes, sniff
from checks.photos.findings import NAME_FIELDS, PLACE_FIELDS, SERIAL_FIELDS, TEXT_FIELDS
from checks.photos.model import Limits, Unreadable
from checks.photos.source import Source

MAX_CLEAN_BYTES = 1024 * 1024 * 1024
CANNOT = {
    "tiff": "TIFF/RAW: metadata is woven into the image structure; export a JPEG copy instead",
    "heif": "HEIC/HEIF/AVIF: cannot be cleaned losslessly here; export a JPEG copy, or use "
            "`exiftool -all= FILE` on a copy",
    "movie": "video: cannot be cleaned losslessly here; use `exiftool -all= FILE` on a copy "
             "or your phone's share options without location",
    "jxl": "JPEG XL: not supported by the cleaner",
    "xmp": "XMP sidecar: it is metadata itself; do not share it",
    "takeout": "Takeout JSON sidecar: it is metadata itself; do not share it",
    "other_image": "GIF/BMP: no location metadata is read from these; not copied",
    "unknown": "not a photo: not copied",
}


@dataclass(frozen=True, slots=True)
class CleanResult:
    """What happened to one source file."""

    source: str
    action: str  # cleaned / unchanged / refused / error
    message: str
    dest: str = ""


def _orientation(block: bytes) -> int:
    import exifread

    try:
        tags = exifread.process_file(io.BytesIO(block), details=False,
                                     extract_thumbnail=False, stop_tag="Orientation")
        tag = tags.get("Image Orientation")
        value = int(tag.values[0]) if tag is not None and tag.values else 1
    except exifread_errors():
        return 1
    return value if 1 <= value <= 8 else 1


def orientation_app1(value: int) -> bytes:
    """A minimal Exif APP1 segment whose IFD0 holds only Orientation."""
    tiff = b"MM\x00*" + struct.pack(">I", 8) + struct.pack(">H", 1)
    tiff += struct.pack(">HHIHH", 0x0112, 3, 1, value, 0) + struct.pack(">I", 0)
    payload = b"Exif\x00\x00" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


def _scan_end(data: bytes, pos: int) -> int:
    """Offset just past EOI, walking entropy-coded data and the segments between scans."""
    n = len(data)
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= n:
            raise Unreadable("JPEG has no end-of-image marker")
        marker = data[pos + 1]
        if marker == 0x00 or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
            pos += 1 if marker == 0xFF else 2
            continue
        if marker == jpeg.EOI:
            return pos + 2
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        if length < 2:
            raise Unreadable("bad segment between scans")
        pos += 2 + length


def clean_jpeg(data: bytes) -> tuple[bytes, list[str]]:
    """The cleaned JPEG and what was removed."""
    src = Source(Limits(max_read=len(data) + 1, max_block=1 << 30), data=data)
    out = [b"\xff\xd8"]
    dropped: list[str] = []
    orientation = 1
    jfif_kept = False
    for marker, offset, length in jpeg.segments(src):
        seg = data[offset - 4 : offset + length]
        payload = data[offset : offset + 32]
        if marker == jpeg.SOS:
            if orientation != 1:
                jfif = len(out) > 1 and out[1][:2] == b"\xff\xe0"
                out.insert(2 if jfif else 1, orientation_app1(orientation))
            end = _scan_end(data, offset + length)
            out.append(data[offset - 4 : end])
            if end < len(data):
                dropped.append(f"{len(data) - end} bytes after the image")
            return b"".join(out), dropped
        if marker == 0xE0 and payload.startswith(b"JFIF\x00") and length >= 14 and not jfif_kept:
            # a plain JFIF header only: its optional thumbnail is dropped
            jfif_kept = True
            out.append(b"\xff\xe0\x00\x10" + data[offset : offset + 12] + b"\x00\x00")
            if length > 14:
                dropped.append("JFIF thumbnail")
            continue
        keep = (
            not 0xE0 <= marker <= 0xEF and marker != 0xFE
        ) or marker == 0xEE or (marker == 0xE2 and payload.startswith(b"ICC_PROFILE\x00"))
        if keep:
            out.append(seg)
            continue
        if marker == 0xE1 and payload.startswith(jpeg.EXIF_ID):
            orientation = _orientation(data[offset + 6 : offset + length])
            dropped.append("Exif")
        elif marker == 0xE1 and payload.startswith(b"http://ns.adobe.com/"):
            dropped.append("XMP")
        elif marker == 0xFE:
            dropped.append("comment")
        elif marker == 0xED:
            dropped.append("IPTC/Photoshop")
        elif marker == 0xE0 and payload[6:10] == b"HEAP":
            dropped.append("Canon CIFF (owner, date, file name)")
        else:
            dropped.append(f"APP{marker - 0xE0}")
    raise Unreadable("JPEG has no image data")


def clean_png(data: bytes) -> tuple[bytes, list[str]]:
    """The cleaned PNG and what was removed."""
    src = Source(Limits(max_read=len(data) + 1, max_block=1 << 30), data=data)
    out = [png.SIGNATURE]
    dropped: list[str] = []
    for ctype, offset, length in png.chunks(src):
        if ctype in (b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"tIME"):
            dropped.append(ctype.decode("latin-1"))
            continue
        out.append(data[offset - 8 : offset + length + 4])
    return b"".join(out), dropped


def clean_webp(data: bytes) -> tuple[bytes, list[str]]:
    """The cleaned WebP and what was removed."""
    src = Source(Limits(max_read=len(data) + 1, max_block=1 << 30), data=data)
    body: list[bytes] = []
    dropped: list[str] = []
    orientation = 1
    for fourcc, offset, length in webp.chunks(src):
        chunk = data[offset - 8 : offset + length + (length & 1)]
        if fourcc in (b"EXIF", b"XMP "):
            if fourcc == b"EXIF":
                block = data[offset : offset + length]
                orientation = _orientation(block[6:] if block.startswith(b"Exif\x00")
                                           else block)
            dropped.append(fourcc.decode("latin-1").strip())
            continue
        body.append(chunk)
    # keep the orientation: an EXIF chunk (raw TIFF, after the image data as the container
    # spec orders it) holding only Orientation; the VP8X flags say which chunks remain
    tiff = orientation_app1(orientation)[10:] if orientation != 1 else b""
    if tiff:
        body.append(b"EXIF" + struct.pack("<I", len(tiff)) + tiff + b"\x00" * (len(tiff) & 1))
    for i, chunk in enumerate(body):
        if chunk[:4] == b"VP8X":
            flags = (chunk[8] & ~0x0C & 0xFF) | (0x08 if tiff else 0)
            body[i] = chunk[:8] + bytes([flags]) + chunk[9:]
    joined = b"WEBP" + b"".join(body)
    return b"RIFF" + struct.pack("<I", len(joined)) + joined, dropped


CLEANERS = {"jpeg": clean_jpeg, "png": clean_png, "webp": clean_webp}


def clean_bytes(data: bytes) -> tuple[bytes | None, str]:
    """(cleaned bytes or None, message) for one file's content."""
    fmt = sniff(data[:4096])
    cleaner = CLEANERS.get(fmt)
    if cleaner is None:
        return None, CANNOT.get(fmt, CANNOT["unknown"])
    try:
        cleaned, dropped = cleaner(data)
    except Unreadable as exc:
        return None, f"{fmt}: damaged file, not cleaned ({exc})"
    after = analyse_bytes(cleaned, "cleaned")
    left = [k for k in (*NAME_FIELDS, *PLACE_FIELDS, *SERIAL_FIELDS, *TEXT_FIELDS)
            if k in after.identity]
    if after.fix is not None or left or after.error:
        return None, f"{fmt}: metadata remained after cleaning; not written"
    return cleaned, f"{fmt}: removed " + (", ".join(dict.fromkeys(dropped)) or "nothing")


def _inside(child: Path, parent: Path) -> bool:
    return child == parent or parent in child.parents


def clean_tree(src: Path, dest: Path) -> list[CleanResult]:
    """Clean every file of `src` (a file or a folder) into `dest`, mirroring the layout."""
    src_r, dest_r = src.resolve(), dest.resolve()
    home = src_r if src_r.is_dir() else src_r.parent
    if _inside(dest_r, home):
        raise ValueError(f"refusing to write into the source folder: {dest}")
    files = [src_r] if src_r.is_file() else list(walk_files(src_r, 10**7))
    results = []
    for path in files:
        rel = path.relative_to(home)
        results.append(_clean_one(path, dest_r / rel, str(rel)))
    return results


def _clean_one(path: Path, target: Path, name: str) -> CleanResult:
    try:
        if not path.is_file() or path.is_symlink():
            return CleanResult(name, "refused", "not a regular file")
        if path.stat().st_size > MAX_CLEAN_BYTES:
            return CleanResult(name, "refused", "larger than 1 GiB")
        data = path.read_bytes()
    except OSError as exc:
        return CleanResult(name, "error", f"cannot read: {exc.strerror or exc}")
    cleaned, message = clean_bytes(data)
    if cleaned is None:
        return CleanResult(name, "refused", message)
    try:
        _mkdirs(target.parent)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                     0o600)
    except FileExistsError:
        return CleanResult(name, "refused", "already exists in the destination; not overwritten")
    except OSError as exc:
        return CleanResult(name, "error", f"cannot write: {exc.strerror or exc}")
    with os.fdopen(fd, "wb") as fh:
        os.fchmod(fh.fileno(), 0o600)
        fh.write(cleaned)
    return CleanResult(name, "cleaned", message, str(target))


def _mkdirs(folder: Path) -> None:
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for d in reversed(missing):
        d.mkdir(mode=0o700)
        os.chmod(d, 0o700)
