"""Corrupt, truncated, hostile and huge files: each gets an answer, none hangs the scan."""

from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest

from checks.photos.extract import analyse_bytes, analyse_path
from checks.photos.model import Limits
from tests.checks.photos import factory as F

HOME = (45.7597, 4.8422)


def _huge_ascii_count() -> bytes:
    block = bytearray(F.exif_block(*HOME, artist="Someone"))
    # IFD0 entries start at 10; find Artist (0x013B) and set its count to 2**31.
    n = struct.unpack_from("<H", block, 8)[0]
    for i in range(n):
        pos = 10 + 12 * i
        if struct.unpack_from("<H", block, pos)[0] == 0x013B:
            struct.pack_into("<I", block, pos + 4, 2**31)
    return bytes(block)


def _gps_pointer_past_end() -> bytes:
    block = bytearray(F.exif_block(*HOME))
    n = struct.unpack_from("<H", block, 8)[0]
    for i in range(n):
        pos = 10 + 12 * i
        if struct.unpack_from("<H", block, pos)[0] == 0x8825:
            struct.pack_into("<I", block, pos + 8, 10**9)
    return bytes(block)


def _makernote_count() -> bytes:
    block = F.build_tiff([(0x010F, F.ASCII, "Canon")], [(0x927C, F.UNDEFINED, b"\x00" * 8)])
    raw = bytearray(block)
    at = raw.find(struct.pack("<HH", 0x927C, F.UNDEFINED))
    struct.pack_into("<I", raw, at + 4, 10**9)
    return bytes(raw)


HOSTILE = {
    "truncated-in-app1": F.jpeg_file(F.exif_block(*HOME))[:40],
    "truncated-after-soi": b"\xff\xd8",
    "app1-huge-declared": b"\xff\xd8\xff\xe1\xff\xffExif\x00\x00II*\x00" + b"\x00" * 10,
    "ifd-loop": F.jpeg_file(F.exif_block(*HOME, loop=True)),
    "ascii-count-2g": F.jpeg_file(_huge_ascii_count()),
    "gps-pointer-past-eof": F.jpeg_file(_gps_pointer_past_end()),
    "makernote-count-1e9": F.jpeg_file(_makernote_count()),
    "garbage": os.urandom(5000),
    "empty": b"",
    "png-huge-chunk": b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 0x7FFFFFF0) + b"eXIf" + b"\x00" * 8,
    "png-no-iend": F.png_file(F.exif_block(*HOME))[:-12],
    "webp-chunk-past-end": F.webp_file(F.exif_block(*HOME))[:-20],
    "heic-huge-item": F.heif_file(F.exif_block(*HOME), length_override=2**31),
    "heic-truncated": F.heif_file(F.exif_block(*HOME))[:-30],
    "mp4-box-too-small": F.box(b"ftyp", b"isom") + struct.pack(">I", 3) + b"moov",
    "mp4-no-moov": F.box(b"ftyp", b"isom\x00\x00\x00\x00") + F.box(b"mdat", b"\x00" * 100),
    "exif-not-tiff": F.jpeg_file(b"ZZ" + b"\x00" * 50),
    "takeout-bad-json": b'{"photoTakenTime": {"timestamp": ',
    "many-segments": b"\xff\xd8" + b"\xff\xfe\x00\x02" * 30000 + b"\xff\xd9",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_gets_an_answer(name: str) -> None:
    info = analyse_bytes(HOSTILE[name], name, Limits(max_items=10_000))
    assert info.state in ("located", "no_location", "unreadable", "not_media")
    if name in ("truncated-in-app1", "app1-huge-declared", "png-huge-chunk", "heic-huge-item",
                "mp4-box-too-small", "mp4-no-moov", "takeout-bad-json", "many-segments",
                "exif-not-tiff", "webp-chunk-past-end"):
        assert info.state == "unreadable", info
        assert info.error


def test_truncated_png_still_gives_what_came_before_the_cut() -> None:
    info = analyse_bytes(HOSTILE["png-no-iend"], "x")
    assert info.state == "located"
    assert any("IEND" in n for n in info.notes)


def test_loop_and_bad_gps_pointer_still_answer_sensibly() -> None:
    assert analyse_bytes(HOSTILE["ifd-loop"], "x").state == "located"
    assert analyse_bytes(HOSTILE["gps-pointer-past-eof"], "x").state in ("no_location",
                                                                         "unreadable")


def test_segments_are_skipped_not_read(tmp_path: Path) -> None:
    # Exif APP1 after 3 MB of ICC segments: found while reading only segment headers.
    path = tmp_path / "big.jpg"
    path.write_bytes(F.jpeg_file(F.exif_block(*HOME), icc_before=3_000_000))
    info = analyse_path(path, "big.jpg", Limits(max_read=64 * 1024))
    assert info.state == "located"


def test_read_budget_stops_a_file_that_asks_for_too_much(tmp_path: Path) -> None:
    path = tmp_path / "big.xmp"
    path.write_bytes(F.xmp_packet("45,45.582N", "4,50.532E") + b" " * 2_000_000)
    assert analyse_path(path, "big.xmp").state == "located"
    small = analyse_path(path, "big.xmp", Limits(max_read=1024 * 1024))
    assert small.state == "unreadable"
    assert "MiB" in small.error


def test_huge_movie_reads_only_headers(tmp_path: Path) -> None:
    path = tmp_path / "clip.mov"
    with path.open("wb") as fh:  # 600 MB sparse mdat before moov
        fh.write(F.box(b"ftyp", b"qt  \x00\x00\x02\x00qt  "))
        fh.write(struct.pack(">I", 1) + b"mdat" + struct.pack(">Q", 600_000_016))
        fh.seek(600_000_016 + 20)
        fh.write(F.mp4_file(*HOME, moov_last=False, mdat_size=0)[24:-8])
    info = analyse_path(path, "clip.mov", Limits(max_read=1024 * 1024))
    assert info.state == "located"


def test_special_files_are_never_opened_for_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jpg"
    os.mkfifo(fifo)
    info = analyse_path(fifo, "pipe.jpg")
    assert info.state == "unreadable"
    assert "regular" in info.error
    link = tmp_path / "link.jpg"
    link.symlink_to(tmp_path / "missing.jpg")
    assert analyse_path(link, "link.jpg").state == "unreadable"


def test_ifd_with_absurd_entry_count_is_refused_quickly() -> None:
    block = bytearray(F.exif_block(*HOME))
    struct.pack_into("<H", block, 8, 65535)
    block += b"\x00" * (65535 * 12)
    info = analyse_bytes(F.png_file(bytes(block)), "x")
    assert info.state == "unreadable"
    assert "65535 entries" in info.error


def test_iloc_with_empty_fields_and_huge_counts_is_refused() -> None:
    iloc_body = bytes([1, 0, 0, 0, 0x00, 0x00]) + struct.pack(">H", 65535)
    iloc_body += (struct.pack(">HHH", 2, 0, 0) + struct.pack(">H", 65535)) * 20_000
    iinf = F.full_box(b"iinf", 0, struct.pack(">H", 1) + F.full_box(
        b"infe", 2, struct.pack(">HH", 2, 0) + b"Exif\x00"))
    meta = F.full_box(b"meta", 0, iinf + F.box(b"iloc", iloc_body))
    data = F.box(b"ftyp", b"heic\x00\x00\x00\x00mif1heic") + meta
    info = analyse_bytes(data, "x.heic")
    assert info.state == "unreadable"
    assert "too many" in info.error


def test_xmp_with_thousands_of_unclosed_tags_is_read_quickly() -> None:
    packet = b"<x:xmpmeta>" + b"<exif:GPSLatitude>" * 200_000 + b"</x:xmpmeta>"
    info = analyse_bytes(b"<?xpacket begin='' ?>" + packet, "x.xmp")
    assert info.state == "no_location"


def test_xmp_made_of_one_long_word_is_read_quickly() -> None:
    # An unanchored "prefix:Name" pattern would backtrack quadratically over this.
    info = analyse_bytes(b"<?xpacket begin='' ?><x:xmpmeta>" + b"a" * 250_000, "x.xmp")
    assert info.state == "no_location"


def test_endless_chain_of_ifds_is_refused() -> None:
    # 300 IFDs of 900 entries each, chained: exifread would decode 270,000 tags.
    n_ifd, n_ent = 300, 900
    out = bytearray(b"II*\x00" + struct.pack("<I", 8))
    for i in range(n_ifd):
        start = len(out)
        size = 2 + 12 * n_ent + 4
        out += struct.pack("<H", n_ent) + struct.pack("<HHII", 0x9999, 3, 1, 0) * n_ent
        out += struct.pack("<I", start + size if i < n_ifd - 1 else 0)
    info = analyse_bytes(F.png_file(bytes(out)), "x.png", Limits(max_block=8 << 20))
    assert info.state == "unreadable"
