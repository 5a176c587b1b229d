"""One file (or downloaded body) in, one `PhotoInfo` out: sniff the format by content, run the
container reader, decode EXIF/XMP, and merge. Nothing raised by a file escapes as anything but
an `unreadable` answer; a file that is not a regular file is never opened."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path

from checks.photos.bigtiff import classic_block
from checks.photos.exif import plausible, read_tiff
from checks.photos.heif import read_heif, read_jxl
from checks.photos.iptc import read_iptc
from checks.photos.jpeg import read_jpeg
from checks.photos.makernotes import has_maker_notes as _has_maker_notes
from checks.photos.makernotes import read_maker_notes
from checks.photos.model import Fix, Limits, PhotoInfo, Raw, Unreadable
from checks.photos.movie import read_movie
from checks.photos.png import SIGNATURE, read_png
from checks.photos.source import Source, SourceView
from checks.photos.takeout import is_takeout, read_takeout
from checks.photos.webp import read_webp
from checks.photos.xmp import read_xmp

_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs",
                b"mif1", b"msf1", b"avif", b"avis", b"mif2", b"miaf"}
_BOX_STARTS = {b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot", b"uuid"}
_BIGTIFF_MAGIC = {b"II+\x00", b"MM\x00+"}
_TIFF_MAGIC = {b"II*\x00", b"MM\x00*", b"IIRO", b"IIRS", b"IIU\x00", b"MMOR", *_BIGTIFF_MAGIC}
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".jpe", ".png", ".webp", ".heic", ".heif", ".avif", ".tif",
                  ".tiff", ".dng", ".nef", ".arw", ".cr2", ".orf", ".rw2", ".pef", ".srw",
                  ".mov", ".mp4", ".m4v", ".3gp", ".jxl", ".xmp", ".gif", ".bmp"}


def sniff(head: bytes) -> str:
    """The container format from the first bytes; `unknown` when none is recognised."""
    if head[:3] == b"\xff\xd8\xff":
        return "jpeg"
    if head[:8] == SIGNATURE:
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:4] in _TIFF_MAGIC:
        return "tiff"
    if head[:12] == b"\x00\x00\x00\x0cJXL \r\n\x87\n":
        return "jxl"
    if head[4:8] == b"ftyp":
        return "heif" if head[8:12] in _HEIF_BRANDS else "movie"
    if head[4:8] in _BOX_STARTS:
        return "movie"
    text = head[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith((b"<?xpacket", b"<x:xmpmeta", b"<?xml")) and b"xmpmeta" in head:
        return "xmp"
    if is_takeout(head[:4096]):
        return "takeout"
    if head[:6] in (b"GIF87a", b"GIF89a") or head[:2] == b"BM":
        return "other_image"
    return "unknown"


def _container(src: Source, raw: Raw) -> None:
    fmt = raw.fmt
    if fmt == "jpeg":
        read_jpeg(src, raw)
    elif fmt == "png":
        read_png(src, raw)
    elif fmt == "webp":
        read_webp(src, raw)
    elif fmt == "heif":
        read_heif(src, raw)
    elif fmt == "movie":
        read_movie(src, raw)
    elif fmt == "jxl":
        read_jxl(src, raw)
    elif fmt == "xmp":
        raw.xmp_packets.append(src.block(0, src.size, "XMP sidecar"))
    elif fmt == "takeout":
        read_takeout(src, raw)


def _merge(identity: dict[str, str], found: Mapping[str, str]) -> None:
    """Add the fields not known yet, placeholders ("0000000000", "null", "Unknown") left out
    whatever block they come from."""
    for key, value in found.items():
        if key not in identity and plausible(value):
            identity[key] = value


def _tiff_reader(src: Source) -> Callable[[int, int], bytes]:
    """`src.read` with a TIFF-family file's own magic (ORF "IIRO", RW2 "IIU") read as TIFF's."""
    patch = b"II*\x00" if src.head[:2] == b"II" else b"MM\x00*"

    def read(offset: int, n: int) -> bytes:
        data = src.read(offset, n)
        return patch[offset:] + data[4 - offset :] if offset < 4 else data

    return read


def analyse(src: Source, source: str) -> PhotoInfo:
    """Read everything one file reveals. Never raises for a bad file."""
    raw = Raw(sniff(src.head))
    if raw.fmt in ("unknown", "other_image"):
        return PhotoInfo(source, raw.fmt)
    big = src.head[:4] in _BIGTIFF_MAGIC
    errors: list[str] = []
    try:
        if big:  # 64-bit offsets: exifread reads classic TIFF only
            raw.tiff_blocks.append(classic_block(src.read))
        else:
            _container(src, raw)
    except Unreadable as exc:
        errors.append(str(exc))
    fix: Fix | None = None
    taken: datetime | None = raw.taken_at
    identity: dict[str, str] = {}
    blocks: list[bytes | SourceView] = list(raw.tiff_blocks)
    if raw.fmt == "tiff" and not errors and not big:
        patch = b"II*\x00" if src.head[:2] == b"II" else b"MM\x00*"
        blocks.append(SourceView(src, 0, patch))
    for block in blocks:
        try:
            src.check_time()
            b_fix, b_taken, b_id = read_tiff(block)  # type: ignore[arg-type]
        except Unreadable as exc:
            errors.append(str(exc))
            continue
        fix = fix or b_fix
        taken = taken or b_taken
        _merge(identity, b_id)
    for packet in raw.xmp_packets:
        x_fix, x_taken, x_id = read_xmp(packet)
        fix = fix or x_fix
        taken = taken or x_taken
        _merge(identity, x_id)
    if raw.iptc:
        _merge(identity, read_iptc(raw.iptc))
    _merge(identity, raw.identity)
    if identity and _has_maker_notes(identity) and (raw.tiff_blocks or raw.fmt == "tiff"):
        # second pass, only for makes that keep an owner or serial in a maker note
        target = raw.tiff_blocks[0] if raw.tiff_blocks else _tiff_reader(src)
        _merge(identity, read_maker_notes(target, identity, src.time_left()))
    fix = fix or (raw.fixes[0] if raw.fixes else None)
    if fix is None and errors:
        return PhotoInfo(source, raw.fmt, None, taken, identity, errors[0], tuple(raw.notes))
    return PhotoInfo(source, raw.fmt, fix, taken, identity, "", tuple(raw.notes + errors))


def analyse_bytes(data: bytes, source: str, limits: Limits | None = None) -> PhotoInfo:
    """`analyse` for a downloaded body."""
    return analyse(Source(limits or Limits(), data=data), source)


def analyse_path(
    path: Path, source: str, limits: Limits | None = None,
    opener: Callable[[Path], int] | None = None,
) -> PhotoInfo:
    """`analyse` for a file on disk; special files and unreadable paths get an answer too."""
    limits = limits or Limits()
    try:
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
        fd = (opener or (lambda p: os.open(p, flags)))(path)
    except OSError as exc:
        return PhotoInfo(source, "unknown", error=f"cannot open: {exc.strerror or exc}")
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            os.close(fd)
            return PhotoInfo(source, "unknown", error="not a regular file")
        with os.fdopen(fd, "rb", buffering=0) as fh:
            return analyse(Source(limits, fh=fh, size=info.st_size), source)
    except OSError as exc:
        return PhotoInfo(source, "unknown", error=f"read error: {exc.strerror or exc}")
