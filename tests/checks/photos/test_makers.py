"""Maker-note serials read by our own bounded IFD reader (Sony, Panasonic, Olympus, Fujifilm,
Canon internal, Nikon) and BigTIFF files, on blocks built here byte by byte."""

from __future__ import annotations

import shutil
import struct
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from checks.photos.extract import analyse_bytes
from checks.photos.makers import _decipher
from checks.photos.tiffifd import block_reader, read_ifd
from tests.checks.photos import factory as F


def _ifd(entries: list[tuple[int, int, int, bytes]], at: int, base: int = 0,
         end: str = "<") -> bytes:
    """A directory placed at absolute offset `at`, its long values right after it (their
    offsets counted from `base`)."""
    data_at = at + 2 + 12 * len(entries) + 4
    table, data = struct.pack(end + "H", len(entries)), b""
    for tag, typ, count, value in entries:
        if len(value) > 4:
            field = struct.pack(end + "I", data_at + len(data) - base)
            data += value
        else:
            field = value.ljust(4, b"\x00")
        table += struct.pack(end + "HHI", tag, typ, count) + field
    return table + b"\x00\x00\x00\x00" + data


def _ascii(tag: int, text: str) -> tuple[int, int, int, bytes]:
    raw = text.encode() + b"\x00"
    return tag, 2, len(raw), raw


def _block(make: str, model: str, note: Callable[[int], bytes]) -> bytes:
    """A little-endian Exif block: IFD0 (Make, Model, Exif pointer), an Exif IFD holding only
    a maker note built by `note(absolute offset of the note)`."""
    strings = make.encode() + b"\x00", model.encode() + b"\x00"
    ifd0_at = 8
    ifd0_size = 2 + 12 * 3 + 4
    make_at = ifd0_at + ifd0_size
    model_at = make_at + len(strings[0])
    exif_at = model_at + len(strings[1])
    note_at = exif_at + 2 + 12 + 4
    body = note(note_at)
    ifd0 = struct.pack("<H", 3)
    ifd0 += struct.pack("<HHII", 0x010F, 2, len(strings[0]), make_at)
    ifd0 += struct.pack("<HHII", 0x0110, 2, len(strings[1]), model_at)
    ifd0 += struct.pack("<HHII", 0x8769, 4, 1, exif_at) + b"\x00" * 4
    exif = struct.pack("<H", 1) + struct.pack("<HHII", 0x927C, 7, len(body), note_at)
    exif += b"\x00" * 4
    return b"II*\x00" + struct.pack("<I", ifd0_at) + ifd0 + b"".join(strings) + exif + body


def _identity(block: bytes) -> dict[str, str]:
    return dict(analyse_bytes(F.jpeg_file(block), "a.jpg").identity)


def _encipher(plain: bytes) -> bytes:
    return bytes(pow(b, 3, 249) if b < 249 else b for b in plain)


def test_sony_serial_and_enciphered_internal_serial() -> None:
    cipher = bytearray(0x100)
    cipher[0xF0:0xF5] = b"\x07\x08\x72\x2f\x67"

    def note(at: int) -> bytes:
        return b"SONY DSC \x00\x00\x00" + _ifd(
            [_ascii(0x2031, "04030201"), (0x9050, 7, 0x100, _encipher(bytes(cipher)))],
            at + 12)

    found = _identity(_block("SONY", "SLT-A58", note))
    assert found["BodySerialNumber"] == "1020304"
    assert found["InternalSerialNumber"] == "0708722f67"
    assert _decipher(_encipher(bytes(range(256)))) == bytes(range(256))


def test_sony_models_without_a_known_serial_offset_report_none() -> None:
    def note(at: int) -> bytes:
        return _ifd([(0x9050, 7, 0x100, _encipher(b"\x11" * 0x100))], at)

    assert "InternalSerialNumber" not in _identity(_block("SONY", "DSC-RX100", note))
    assert "InternalSerialNumber" in _identity(_block("SONY", "ILCE-6000", note))


def test_panasonic_internal_and_lens_serials() -> None:
    def note(at: int) -> bytes:
        return b"Panasonic\x00\x00\x00" + _ifd(
            [(0x25, 7, 16, b"S040408080427\x00\xff\xff"), _ascii(0x52, "01AB2345  ")], at + 12)

    found = _identity(_block("Panasonic", "DMC-FZ20", note))
    assert found["InternalSerialNumber"] == "(S04) 2004:08:08 no. 0427"
    assert found["LensSerialNumber"] == "01AB2345"


def test_olympus_new_style_equipment_directory() -> None:
    def note(at: int) -> bytes:
        head = b"OLYMPUS\x00II\x03\x00"
        equipment_at = 12 + 2 + 12 + 4  # counted from the maker note's start
        main = _ifd([(0x2010, 13, 1, struct.pack("<I", equipment_at))], at + 12, at)
        equipment = _ifd([_ascii(0x101, "B9U505495" + " " * 22), _ascii(0x102, "4124110012362102"),
                          _ascii(0x202, "AC1205545")], at + equipment_at, at)
        return head + main + equipment

    found = _identity(_block("OLYMPUS IMAGING CORP.", "E-P3", note))
    assert found == {"Make": "OLYMPUS IMAGING CORP.", "Model": "E-P3",
                     "BodySerialNumber": "B9U505495",
                     "InternalSerialNumber": "4124110012362102", "LensSerialNumber": "AC1205545"}


def test_olympus_old_style_serial_and_binary_garbage_dropped() -> None:
    def note(at: int) -> bytes:
        return b"OLYMP\x00\x01\x00" + _ifd([_ascii(0x0404, "C85519098")], at + 8)

    assert _identity(_block("OLYMPUS OPTICAL CO.,LTD", "C760", note))["BodySerialNumber"] == \
        "C85519098"

    def garbage(at: int) -> bytes:
        return b"OLYMP\x00\x01\x00" + _ifd([(0x0404, 2, 12, b"L\x8fKo\x02\x9b/\x01\x0c\xff1\x00")],
                                           at + 8)

    assert "BodySerialNumber" not in _identity(_block("OLYMPUS", "FE190", garbage))


def test_fujifilm_internal_serial_offsets_from_the_maker_note() -> None:
    def note(at: int) -> bytes:
        return b"FUJIFILM" + struct.pack("<I", 12) + _ifd(
            [_ascii(0x10, "FC  A3115393     592D3133")], at + 12, at)

    assert _identity(_block("FUJIFILM", "FinePix F40fd", note))["InternalSerialNumber"] == \
        "FC A3115393 592D3133"


def test_nikon_type3_note_with_its_own_tiff_header() -> None:
    def note(at: int) -> bytes:
        return b"Nikon\x00\x02\x10\x00\x00" + b"II*\x00" + struct.pack("<I", 8) + _ifd(
            [_ascii(0x1D, "6754846")], at + 18, at + 10)

    assert _identity(_block("NIKON CORPORATION", "NIKON D3100", note))["BodySerialNumber"] == \
        "6754846"


def test_zero_placeholder_serials_are_ignored() -> None:
    def note(at: int) -> bytes:
        return b"Panasonic\x00\x00\x00" + _ifd([(0x25, 7, 16, b"0000000000000000")], at + 12)

    assert "InternalSerialNumber" not in _identity(_block("Panasonic", "DMC-FZ20", note))

    def sony(at: int) -> bytes:
        return _ifd([_ascii(0x2031, "00000000"), (0x9050, 7, 0x100, _encipher(bytes(0x100)))],
                    at)

    found = _identity(_block("SONY", "ILCE-7M3", sony))
    assert not {"BodySerialNumber", "InternalSerialNumber"} & set(found)


def test_hostile_maker_notes_cost_nothing_and_answer_nothing() -> None:
    def loop(at: int) -> bytes:  # Equipment pointing at the main directory, huge counts
        return b"OLYMPUS\x00II\x03\x00" + _ifd(
            [(0x2010, 13, 1, struct.pack("<I", 12)), (0x0404, 2, 0xFFFFFFF, b"\x00" * 4)],
            at + 12, at)

    found = _identity(_block("OLYMPUS", "E-1", loop))
    assert "BodySerialNumber" not in found
    assert read_ifd(block_reader(struct.pack("<H", 60000) + b"\x00" * 64), 0, "<") == {}
    cut = _block("FUJIFILM", "X100", lambda at: b"FUJIFILM" + struct.pack("<I", 10**9))
    assert _identity(cut) == {"Make": "FUJIFILM", "Model": "X100"}


def bigtiff(lat: tuple[int, int, int], lon: tuple[int, int, int], serial: str) -> bytes:
    """A little-endian BigTIFF: IFD0 (Make, Artist, Exif and GPS pointers), Exif IFD with a
    body serial, GPS IFD; every directory with 20-byte entries and 8-byte offsets."""
    def ifd(entries: list[tuple[int, int, int, bytes]], at: int) -> bytes:
        data_at = at + 8 + 20 * len(entries) + 8
        table, data = struct.pack("<Q", len(entries)), b""
        for tag, typ, count, value in entries:
            if len(value) > 8:
                field = struct.pack("<Q", data_at + len(data))
                data += value
            else:
                field = value.ljust(8, b"\x00")
            table += struct.pack("<HHQ", tag, typ, count) + field
        return table + b"\x00" * 8 + data

    def rationals(parts: tuple[int, int, int]) -> bytes:
        return b"".join(struct.pack("<II", p, 1) for p in parts)

    gps = [(1, 2, 2, b"N\x00"), (2, 5, 3, rationals(lat)), (3, 2, 2, b"E\x00"),
           (4, 5, 3, rationals(lon))]
    exif = [_ascii(0xA431, serial)]
    ifd0_at = 16

    def ifd0(exif_at: int, gps_at: int) -> list[tuple[int, int, int, bytes]]:
        return [_ascii(0x010F, "TestCam"), _ascii(0x013B, "Jane Roe"),
                (0x8769, 18, 1, struct.pack("<Q", exif_at)),
                (0x8825, 18, 1, struct.pack("<Q", gps_at))]

    exif_at = ifd0_at + len(ifd(ifd0(0, 0), ifd0_at))
    gps_at = exif_at + len(ifd(exif, exif_at))
    head = b"II+\x00" + struct.pack("<HHQ", 8, 0, ifd0_at)
    return head + ifd(ifd0(exif_at, gps_at), ifd0_at) + ifd(exif, exif_at) + ifd(gps, gps_at)


def test_bigtiff_location_and_identity_are_read() -> None:
    info = analyse_bytes(bigtiff((45, 45, 36), (4, 50, 24), "PI040378"), "big.tif")
    assert info.state == "located", info.error
    assert info.fix is not None
    assert info.fix.lat == pytest.approx(45.76)
    assert info.fix.lon == pytest.approx(4.84)
    assert info.identity["Artist"] == "Jane Roe"
    assert info.identity["BodySerialNumber"] == "PI040378"


def test_bigtiff_cut_short_is_unreadable_not_a_crash() -> None:
    data = bigtiff((45, 45, 36), (4, 50, 24), "PI040378")
    for cut in (8, 20, 60):
        assert analyse_bytes(data[:cut], "big.tif").state in ("unreadable", "no_location")


@pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool not installed")
def test_bigtiff_agrees_with_exiftool(tmp_path: Path) -> None:
    """ExifTool (12.57 to 13.46, `BigTIFF.pm`) reads every BigTIFF sub-directory with its Exif
    table, so the GPS IFD's latitude (tag 2) is shown as "InteropVersion": compare the raw
    degrees, minutes and seconds it prints, and the owner and serial fields."""
    path = tmp_path / "big.tif"
    path.write_bytes(bigtiff((48, 51, 24), (2, 21, 3), "SN12345"))
    out = subprocess.run(["exiftool", "-n", "-s3", "-InteropVersion", "-Artist",
                          "-SerialNumber", str(path)],
                         capture_output=True, text=True, check=True).stdout.split("\n")
    deg, minutes, sec = (float(v) for v in out[0].split())
    info = analyse_bytes(path.read_bytes(), "big.tif")
    assert info.fix is not None
    assert info.fix.lat == pytest.approx(deg + minutes / 60 + sec / 3600, abs=1e-9)
    assert info.fix.lon == pytest.approx(2 + 21 / 60 + 3 / 3600, abs=1e-9)
    assert [info.identity["Artist"], info.identity["BodySerialNumber"]] == out[1:3]


def test_owner_names_in_older_encodings_are_decoded() -> None:
    from checks.photos.exif import decode

    assert decode(b"Ren\xe8 Glanzer\x00") == "Renè Glanzer"  # Windows-1252 (Canon IXUS 750)
    assert decode("Café".encode()) == "Café"
    assert decode("Jo Roe".encode("utf-16-le") + b"\x00\x00") == "Jo Roe"  # XPAuthor


def test_placeholders_are_dropped_from_every_source() -> None:
    """A zero lens serial and "null" names in XMP (as a real Canon EOS 5D Mark III file
    has them) are no identity field; a real serial beside them is kept."""
    packet = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/'
              b'1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:aux="http://ns.adobe.com/'
              b'exif/1.0/aux/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
              b'aux:LensSerialNumber="0000000000" aux:SerialNumber="072024000973">'
              b'<dc:creator><rdf:Seq><rdf:li>null</rdf:li></rdf:Seq></dc:creator>'
              b'</rdf:Description></rdf:RDF></x:xmpmeta>')
    info = analyse_bytes(F.jpeg_file(None, packet), "a.jpg")
    assert dict(info.identity) == {"BodySerialNumber": "072024000973"}


def test_a_body_serial_written_in_ifd0_is_reported() -> None:
    """Some editors move tag 0xA431 into IFD0 (a real Canon EOS REBEL T3i file): still read."""
    block = F.build_tiff([(0x010F, F.ASCII, "Canon"), (0xA431, F.ASCII, "142066080698")])
    assert _identity(block)["BodySerialNumber"] == "142066080698"
