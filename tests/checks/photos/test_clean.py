"""`photos clean`: no GPS or identity left, image data byte for byte, originals untouched."""

from __future__ import annotations

import hashlib
import io
import stat
import struct
from pathlib import Path

import pytest

from checks.photos import jpeg, png, webp
from checks.photos.clean import clean_bytes, clean_tree
from checks.photos.extract import analyse_bytes
from checks.photos.model import Limits
from checks.photos.source import Source
from tests.checks.photos import factory as F

HOME = (45.7597, 4.8422)
IDENT = {"owner": "Camille Dufresne", "serial": "SN1", "artist": "C", "copyright_": "(c) C"}


def _jpeg_image_data(data: bytes) -> bytes:
    src = Source(Limits(), data=data)
    sos = next(off for m, off, _ in jpeg.segments(src) if m == jpeg.SOS)
    return data[sos - 4 : data.rindex(b"\xff\xd9") + 2]


def _chunks(data: bytes, module: object, keep: set[bytes]) -> list[bytes]:
    src = Source(Limits(), data=data)
    return [data[o - 8 : o + n] for t, o, n in module.chunks(src) if t in keep]  # type: ignore[attr-defined]


def test_jpeg_clean_keeps_scan_bytes_and_drops_metadata() -> None:
    original = F.jpeg_file(F.exif_block(*HOME, **IDENT), F.xmp_packet("45,45.582N", "4,50.5E"),
                           icc_before=1000, comment=b"Camille's phone", iptc=b"8BIM....",
                           trailing=b"MPF second image with Exif GPS")
    cleaned, message = clean_bytes(original)
    assert cleaned is not None
    info = analyse_bytes(cleaned, "x")
    assert info.fix is None
    assert not info.identity
    assert b"Camille" not in cleaned
    assert b"GPS" not in cleaned
    assert b"ICC_PROFILE" in cleaned  # colour kept
    assert _jpeg_image_data(cleaned) == _jpeg_image_data(original)
    assert "Exif" in message
    assert "XMP" in message


def test_jpeg_orientation_survives_cleaning() -> None:
    original = F.jpeg_file(F.exif_block(*HOME, orientation=6))
    cleaned, _ = clean_bytes(original)
    assert cleaned is not None
    import exifread

    src = Source(Limits(), data=cleaned)
    raw = [cleaned[o + 6 : o + n] for m, o, n in jpeg.segments(src) if m == 0xE1]
    tags = exifread.process_file(io.BytesIO(raw[0]), details=False)
    assert tags["Image Orientation"].values == [6]
    assert len(tags) == 1


def test_png_and_webp_clean() -> None:
    p = F.png_file(F.exif_block(*HOME, **IDENT), mode="ztxt", xmp=F.xmp_packet("1,1N", "1,1E"))
    cleaned, _ = clean_bytes(p)
    assert cleaned is not None
    assert analyse_bytes(cleaned, "x").fix is None
    keep = {b"IHDR", b"IDAT", b"IEND"}
    assert _chunks(cleaned, png, keep) == _chunks(p, png, keep)
    assert not _chunks(cleaned, png, {b"tEXt", b"zTXt", b"iTXt", b"eXIf"})
    w = F.webp_file(F.exif_block(*HOME, **IDENT), xmp=F.xmp_packet("1,1N", "1,1E"))
    cleaned, _ = clean_bytes(w)
    assert cleaned is not None
    assert analyse_bytes(cleaned, "x").fix is None
    assert _chunks(cleaned, webp, {b"VP8L"}) == _chunks(w, webp, {b"VP8L"})
    assert int.from_bytes(cleaned[4:8], "little") == len(cleaned) - 8
    vp8x = _chunks(cleaned, webp, {b"VP8X"})[0]
    assert vp8x[8] & 0x0C == 0


def test_cleaned_copies_decode_to_the_same_pixels() -> None:
    image = pytest.importorskip("PIL.Image")
    for original in (F.jpeg_file(F.exif_block(*HOME, **IDENT), value=77),
                     F.png_file(F.exif_block(*HOME), value=201)):
        cleaned, _ = clean_bytes(original)
        assert cleaned is not None
        a = image.open(io.BytesIO(original))
        b = image.open(io.BytesIO(cleaned))
        assert a.tobytes() == b.tobytes()
        assert a.size == b.size


def test_clean_tree(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "album").mkdir(parents=True)
    files = {
        "a.jpg": F.jpeg_file(F.exif_block(*HOME)),
        "album/b.png": F.png_file(F.exif_block(*HOME)),
        "c.heic": F.heif_file(F.exif_block(*HOME)),
        "d.mp4": F.mp4_file(*HOME),
        "e.jpg.xmp": F.xmp_packet("45,45.582N", "4,50.5E"),
        "broken.jpg": b"\xff\xd8\xff\xe1\x00\x10Exif",
    }
    for name, data in files.items():
        (src / name).write_bytes(data)
    before = {n: hashlib.sha256((src / n).read_bytes()).hexdigest() for n in files}
    dest = tmp_path / "clean"
    results = {r.source: r for r in clean_tree(src, dest)}
    assert results["a.jpg"].action == "cleaned"
    assert results["album/b.png"].action == "cleaned"
    assert "HEIC" in results["c.heic"].message
    assert results["c.heic"].action == "refused"
    assert results["d.mp4"].action == "refused"
    assert "video" in results["d.mp4"].message
    assert results["e.jpg.xmp"].action == "refused"
    assert results["broken.jpg"].action == "refused"
    assert sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file()) == [
        "a.jpg", "album/b.png"]
    for p in dest.rglob("*"):
        mode = stat.S_IMODE(p.stat().st_mode)
        assert mode == (0o700 if p.is_dir() else 0o600)
        if p.is_file():
            assert analyse_bytes(p.read_bytes(), "x").fix is None
    after = {n: hashlib.sha256((src / n).read_bytes()).hexdigest() for n in files}
    assert before == after
    again = {r.source: r for r in clean_tree(src, dest)}
    assert "not overwritten" in again["a.jpg"].message


def test_clean_refuses_the_source_folder(tmp_path: Path) -> None:
    (tmp_path / "a.jpg").write_bytes(F.jpeg_file(F.exif_block(*HOME)))
    with pytest.raises(ValueError, match="source folder"):
        clean_tree(tmp_path, tmp_path / "out")
    with pytest.raises(ValueError, match="source folder"):
        clean_tree(tmp_path / "a.jpg", tmp_path)
    with pytest.raises(ValueError, match="source folder"):
        clean_tree(tmp_path, tmp_path)


def _ciff_app0(owner: bytes, original_name: bytes) -> bytes:
    """A Canon CIFF APP0 segment ("II", header length, HEAPJPGM) with OwnerName (0x0810) and
    OriginalFileName (0x0816) as ASCII values in the heap, its directory at the end."""
    header = b"II" + struct.pack("<I", 14) + b"HEAPJPGM"
    values = owner + b"\x00" + original_name + b"\x00"
    table = struct.pack("<H", 2)
    table += struct.pack("<HII", 0x0810, len(owner) + 1, 0)
    table += struct.pack("<HII", 0x0816, len(original_name) + 1, len(owner) + 1)
    heap = values + table + struct.pack("<I", len(values))
    payload = header + heap
    return b"\xff\xe0" + struct.pack(">H", len(payload) + 2) + payload


def test_ciff_and_other_app0_segments_are_reported_and_dropped() -> None:
    """A Canon CIFF heap (owner, original file name) and a JFXX APP0 beside the plain JFIF:
    the scan names the owner; the clean copy keeps only the JFIF header, and the same image."""
    original = F.jpeg_file(F.exif_block())
    jfxx = b"\xff\xe0" + struct.pack(">H", 2 + 6 + 4) + b"JFXX\x00\x13" + b"\x00" * 4
    ciff = _ciff_app0(b"Chris Smith", b"IMG_0042.JPG")
    cut = 2 + 4 + 14  # after SOI and the JFIF APP0
    data = original[:cut] + ciff + jfxx + original[cut:]
    info = analyse_bytes(data, "a.jpg")
    assert info.identity["CameraOwnerName"] == "Chris Smith"
    assert info.identity["OriginalFileName"] == "IMG_0042.JPG"
    assert any("CIFF" in n for n in info.notes)
    cleaned, message = clean_bytes(data)
    assert cleaned is not None
    assert b"HEAP" not in cleaned
    assert b"JFXX" not in cleaned
    assert b"Chris" not in cleaned
    app0 = [off for m, off, _ in jpeg.segments(Source(Limits(), data=cleaned)) if m == 0xE0]
    assert len(app0) == 1
    assert cleaned[app0[0] : app0[0] + 5] == b"JFIF\x00"
    assert "CIFF" in message
    assert not analyse_bytes(cleaned, "a.jpg").identity
    assert _jpeg_image_data(cleaned) == _jpeg_image_data(data)


def test_webp_clean_keeps_orientation_and_colour_profile() -> None:
    w = F.webp_file(F.exif_block(*HOME, orientation=6, **IDENT))
    icc = b"ICCP" + struct.pack("<I", 16) + b"colour-profile.."
    at = 12 + 8 + 10  # after the RIFF header and the VP8X chunk
    w = w[:at] + icc + w[at:]
    w = w[:4] + struct.pack("<I", len(w) - 8) + w[8:]
    w = w[:20] + bytes([w[20] | 0x20]) + w[21:]  # VP8X: ICC flag
    cleaned, _ = clean_bytes(w)
    assert cleaned is not None
    assert _chunks(cleaned, webp, {b"ICCP"}) == _chunks(w, webp, {b"ICCP"})
    exif = _chunks(cleaned, webp, {b"EXIF"})
    assert len(exif) == 1
    import exifread

    tags = exifread.process_file(io.BytesIO(exif[0][8:]), details=False)
    assert tags["Image Orientation"].values == [6]
    info = analyse_bytes(cleaned, "a.webp")
    assert info.fix is None
    assert not info.identity
    vp8x = _chunks(cleaned, webp, {b"VP8X"})[0]
    assert vp8x[8] & 0x20
    assert vp8x[8] & 0x08
