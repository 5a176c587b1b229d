"""Identity and place fields beyond EXIF: IPTC-IIM (APP13), PNG text chunks, XMP place names,
Canon/Nikon maker notes (bounded second pass), placeholders ignored, stray JPEG bytes."""

from __future__ import annotations

import struct

from checks.photos.exif import plausible
from checks.photos.extract import analyse_bytes
from checks.photos.findings import file_outcome
from checks.photos.makernotes import maker_note_fits, read_maker_notes
from tests.checks.photos import factory as F


def _iim(dataset: int, value: bytes) -> bytes:
    return b"\x1c\x02" + bytes([dataset]) + struct.pack(">H", len(value)) + value


def app13(*datasets: bytes) -> bytes:
    iim = b"\x1c\x02\x00\x00\x02\x00\x04" + b"".join(datasets)
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(iim)) + iim
    if len(iim) % 2:
        resource += b"\x00"
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def _with_segment(jpeg: bytes, segment: bytes) -> bytes:
    return jpeg[:2] + segment + jpeg[2:]


def test_iptc_by_line_copyright_places_and_keywords_are_reported() -> None:
    seg = app13(_iim(80, b"Camille Dufresne"), _iim(116, b"(c) Camille"),
                _iim(90, b"Lyon"), _iim(92, b"Croix-Rousse"), _iim(25, b"home"),
                _iim(25, b"garden"))
    info = analyse_bytes(_with_segment(F.jpeg_file(F.exif_block()), seg), "a.jpg")
    assert info.identity["Artist"] == "Camille Dufresne"
    assert info.identity["Copyright"] == "(c) Camille"
    assert info.identity["City"] == "Lyon"
    assert info.identity["Sublocation"] == "Croix-Rousse"
    assert info.identity["Keywords"] == "home, garden"
    finding = file_outcome(info, "a.jpg").findings[0]
    assert finding.kind == "photo_identity"
    assert finding.data["city"] == "Lyon"


def test_broken_app13_is_ignored_not_fatal() -> None:
    seg = b"\xff\xed\x00\x14Photoshop 3.0\x008BIM\x04"
    info = analyse_bytes(_with_segment(F.jpeg_file(F.exif_block()), seg), "a.jpg")
    assert info.state == "no_location"


def test_png_author_copyright_and_comment_text_chunks() -> None:
    png = F.png_file(None)
    extra = (F.png_chunk(b"tEXt", b"Author\x00Camille D")
             + F.png_chunk(b"iTXt", b"Copyright\x00\x00\x00\x00\x00(c) 2026 C. D.")
             + F.png_chunk(b"tEXt", b"Comment\x00at home, rue X"))
    data = png[:33] + extra + png[33:]
    info = analyse_bytes(data, "a.png")
    assert info.identity["Artist"] == "Camille D"
    assert info.identity["Copyright"] == "(c) 2026 C. D."
    assert info.identity["Comment"] == "at home, rue X"
    title = file_outcome(info, "a.png").findings[0].title
    assert title.startswith("Name in photo metadata")


def test_xmp_city_and_location_names() -> None:
    packet = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/'
              b'1999/02/22-rdf-syntax-ns#"><rdf:Description '
              b'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
              b'xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/" '
              b'photoshop:City="Lyon" Iptc4xmpCore:Location="Parc de la T&#234;te d\'Or" '
              b'photoshop:Country="France"><dc:creator xmlns:dc="http://purl.org/dc/elements/'
              b'1.1/"><rdf:Seq><rdf:li>Camille &amp; Jo</rdf:li><rdf:li>Sam</rdf:li></rdf:Seq>'
              b'</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>')
    info = analyse_bytes(F.jpeg_file(None, packet), "a.jpg")
    assert info.identity["City"] == "Lyon"
    assert info.identity["Sublocation"] == "Parc de la T\u00eate d'Or"
    assert info.identity["Country"] == "France"
    assert info.identity["Artist"] == "Camille & Jo, Sam"


def test_xmp_entity_declarations_are_refused() -> None:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            b'<x:xmpmeta xmlns:x="adobe:ns:meta/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            b"<dc:creator>&b;</dc:creator></x:xmpmeta>")
    info = analyse_bytes(bomb, "bomb.xmp")
    assert "Artist" not in info.identity


def test_placeholder_serials_and_names_are_ignored() -> None:
    for value in ("0000000000", "0", "   ", "Unknown", "-"):
        assert not plausible(value)
    assert plausible("PI040378D25L000046")


def _maker_block(count: int, body: bytes, make: bytes = b"Canon\x00") -> bytes:
    """A little-endian TIFF: IFD0 (Make, ExifIFD pointer), Exif IFD with one MakerNote."""
    ifd0_at, exif_at = 8, 8 + 2 + 2 * 12 + 4
    make_at = exif_at + 2 + 12 + 4
    note_at = make_at + len(make)
    ifd0 = struct.pack("<H", 2) + struct.pack("<HHII", 0x010F, 2, len(make), make_at)
    ifd0 += struct.pack("<HHII", 0x8769, 4, 1, exif_at) + struct.pack("<I", 0)
    exif = struct.pack("<H", 1) + struct.pack("<HHII", 0x927C, 7, count, note_at)
    exif += struct.pack("<I", 0)
    return b"II*\x00" + struct.pack("<I", ifd0_at) + ifd0 + exif + make + body


def test_a_maker_note_declaring_more_than_its_block_is_not_decoded() -> None:
    huge = _maker_block(10**9, b"\x00" * 64)
    assert not maker_note_fits(huge)
    assert read_maker_notes(huge, {"Make": "Canon"}, 2.0) == {}
    assert maker_note_fits(_maker_block(64, b"\x00" * 64))


def test_no_maker_note_pass_without_time_left() -> None:
    assert read_maker_notes(_maker_block(64, b"\x00" * 64), {"Make": "Canon"}, 0.0) == {}


def test_stray_bytes_between_jpeg_segments_are_skipped() -> None:
    jpeg = F.jpeg_file(F.exif_block(45.7597, 4.8422))
    cut = 4 + int.from_bytes(jpeg[4:6], "big")  # after the first segment
    stray = jpeg[:cut] + b"\x00\x00\x0d\x0a" + jpeg[cut:]
    info = analyse_bytes(stray, "a.jpg")
    assert info.fix is not None
    assert not info.error


def test_heic_cut_one_byte_short_keeps_its_intact_exif() -> None:
    data = F.heif_file(F.exif_block(45.7597, 4.8422) + b"\x00" * 16)
    info = analyse_bytes(data[:-1], "a.heic")
    assert info.fix is not None
    assert any("cut short by 1 bytes" in n for n in info.notes)


def test_bigtiff_without_a_directory_is_answered_unreadable() -> None:
    head = b"II+\x00\x08\x00\x00\x00" + struct.pack("<Q", 16) + b"\x00" * 64
    info = analyse_bytes(head, "big.tif")
    assert info.state == "unreadable"
    assert "BigTIFF" in info.error
