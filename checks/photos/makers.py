"""Maker-note serial numbers exifread does not decode: Sony, Panasonic, Olympus, Fujifilm, and
Canon's internal serial, read with the bounded IFD reader in `tiffifd`.

Where each make keeps them (tag numbers, maker-note headers and offset bases as documented in
ExifTool's tag tables, Image::ExifTool 13.x `Sony.pm`, `Panasonic.pm`, `Olympus.pm`,
`FujiFilm.pm`, `Canon.pm`, `MakerNotes.pm`, read 2026-12-03):

* Sony: maker note with or without a 12-byte "SONY DSC " header, offsets from the TIFF header;
  0x2031 SerialNumber (digits stored in reverse pairs); 0x9050 enciphered block (each byte
  b stored as b**3 mod 249) with the internal serial at 0x7C (4 bytes, most ILCE/NEX), 0xF0
  (5 bytes, SLT/ILCA), 0x88 (6 bytes, 2015-2020 ILCE) or 0x38 (6 bytes, 2023 on).
* Panasonic: "Panasonic\\0\\0\\0" header; 0x25 InternalSerialNumber (shown as ExifTool shows it,
  "(S04) 2004:08:08 no. 0427": factory code, date of manufacture, unit), 0x52 LensSerialNumber.
* Olympus: "OLYMP\\0"/"EPSON\\0" (directory at +8, offsets from the TIFF header),
  "OLYMPUS\\0II\\3\\0" (+12) and "OM SYSTEM\\0..." (+16), both with offsets from the maker
  note; 0x0404 and 0x101A SerialNumber, and in the 0x2010 Equipment directory 0x101
  SerialNumber, 0x102 InternalSerialNumber, 0x202 LensSerialNumber.
* Fujifilm: "FUJIFILM" + little-endian offset of the directory, offsets from the maker note,
  always little-endian; 0x10 InternalSerialNumber.
* Canon: directory at the maker note's start; 0x96 InternalSerialNumber (a string except on
  the EOS 5D).
* Nikon (type 3, "Nikon\\0\\2"): its own TIFF header 10 bytes in, offsets from there; 0x1D
  SerialNumber (read here too when exifread's decoding of the note fails).
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable, Mapping

from checks.photos.tiffifd import Entry, Reader, read_ifd, text, unsigned

Found = dict[str, str]
_SONY_HEADERS = (b"SONY DSC ", b"SONY CAM ", b"SONY MOBILE")
_CIPHER = {pow(b, 3, 249): b for b in range(249)}  # inverse of b -> b**3 mod 249 (0-248)


def _decipher(data: bytes) -> bytes:
    return bytes(_CIPHER.get(c, c) if c < 249 else c for c in data)


def _sony_offset(model: str) -> tuple[int, int] | None:
    """(offset, length) of the internal serial in the deciphered 0x9050 block."""
    m = model.upper()
    if m.startswith(("DSC-", "STELLAR", "ZV-E10M2")):
        return None
    newest = ("ILCE-6700", "ILCE-7CM2", "ILCE-7CR", "ILME-FX2", "ZV-E1")
    if m.startswith(newest):
        return 0x38, 6
    if m.startswith(("ILCE-1", "ILCE-7M4", "ILCE-7RM5", "ILCE-7SM3", "ILME-FX3")):
        return (0x8A, 6) if m.startswith("ILCE-1") else (0x88, 6)
    newer = ("ILCE-6100", "ILCE-6300", "ILCE-6400", "ILCE-6500", "ILCE-6600", "ILCE-7C",
             "ILCE-7M3", "ILCE-7RM2", "ILCE-7RM3", "ILCE-7RM4", "ILCE-7SM2", "ILCE-9",
             "ILCA-99M2", "ZV-E10")
    if m.startswith(newer):
        return 0x88, 6
    if m.startswith(("SLT-", "HV", "ILCA-")):
        return 0xF0, 5
    if m.startswith(("LUNAR", "NEX-5N", "NEX-7", "NEX-VG20E")):
        return None
    return 0x7C, 4


def _sony(read: Reader, at: int, size: int, end: str, model: str) -> Found:
    start = at + 12 if read(at, 12).startswith(_SONY_HEADERS) else at
    ifd = read_ifd(read, start, end)
    out: Found = {}
    serial = text(ifd.get(0x2031))
    if serial.isdigit() and len(serial) >= 8:
        pairs = serial[:8]
        out["BodySerialNumber"] = "".join(pairs[i : i + 2] for i in (6, 4, 2, 0)).lstrip("0")
    cipher, where = ifd.get(0x9050), _sony_offset(model)
    if cipher is not None and where and len(cipher.data) >= sum(where):
        plain = _decipher(cipher.data[where[0] : where[0] + where[1]])
        out["InternalSerialNumber"] = plain.hex()
    return out


_PANASONIC_SERIAL = re.compile(r"^(.{3})(\d{2})(\d{2})(\d{2})(\d{4})")


def _panasonic(read: Reader, at: int, size: int, end: str, model: str) -> Found:
    if read(at, 9) != b"Panasonic":
        return {}
    ifd = read_ifd(read, at + 12, end)
    serial = text(ifd.get(0x25))
    m = _PANASONIC_SERIAL.match(serial) if serial.strip("0 ") else None
    if m:  # shown as ExifTool shows it: the factory code, date of manufacture, unit number
        year = int(m[2]) + (2000 if int(m[2]) < 70 else 1900)
        serial = f"({m[1]}) {year}:{m[3]}:{m[4]} no. {m[5]}"
    return {"InternalSerialNumber": serial, "LensSerialNumber": text(ifd.get(0x52))}


def _olympus(read: Reader, at: int, size: int, end: str, model: str) -> Found:
    head = read(at, 16)
    if head.startswith((b"OLYMP\x00", b"EPSON\x00")):
        start, base = at + 8, 0
    elif head.startswith(b"OLYMPUS\x00"):
        start, base, end = at + 12, at, "<" if head[8:10] == b"II" else ">"
    elif head.startswith(b"OM SYSTEM\x00"):
        start, base, end = at + 16, at, "<" if head[12:14] == b"II" else ">"
    else:
        return {}
    ifd = read_ifd(read, start, end, base)
    if not ifd:  # old-style notes written in the other byte order
        end = ">" if end == "<" else "<"
        ifd = read_ifd(read, start, end, base)
    out: Found = {"BodySerialNumber": text(ifd.get(0x0404)) or text(ifd.get(0x101A))}
    equipment = ifd.get(0x2010)
    if equipment is not None:
        sub = read_ifd(read, base + equipment.pointer, end, base)
        out["BodySerialNumber"] = text(sub.get(0x101)) or out["BodySerialNumber"]
        out["InternalSerialNumber"] = text(sub.get(0x102))
        out["LensSerialNumber"] = text(sub.get(0x202))
    return out


def _fujifilm(read: Reader, at: int, size: int, end: str, model: str) -> Found:
    head = read(at, 12)
    if not head.startswith((b"FUJIFILM", b"GENERALE")) or len(head) < 12:
        return {}
    ifd = read_ifd(read, at + struct.unpack_from("<I", head, 8)[0], "<", at)
    return {"InternalSerialNumber": text(ifd.get(0x10))}


def _canon(read: Reader, at: int, size: int, end: str, model: str) -> Found:
    if "EOS 5D" in model.upper():
        return {}
    return {"InternalSerialNumber": text(read_ifd(read, at, end).get(0x96))}


def _nikon(read: Reader, at: int, size: int, end: str, model: str) -> Found:
    head = read(at, 18)
    if not head.startswith(b"Nikon\x00\x02") or head[10:12] not in (b"II", b"MM"):
        return {}
    end = "<" if head[10:12] == b"II" else ">"
    first = struct.unpack_from(end + "I", head, 14)[0]
    return {"BodySerialNumber": text(read_ifd(read, at + 10 + first, end, at + 10).get(0x1D))}


_Decoder = Callable[[Reader, int, int, str, str], Found]
DECODERS: dict[str, _Decoder] = {"sony": _sony, "panasonic": _panasonic, "olympus": _olympus,
                                 "om digital": _olympus, "fujifilm": _fujifilm,
                                 "canon": _canon, "nikon": _nikon}


def decoder_for(make: str) -> _Decoder | None:
    """The decoder of a camera make ("SONY", "OLYMPUS IMAGING CORP.", ...), if any."""
    low = make.lower()
    return next((d for name, d in DECODERS.items() if low.startswith(name)), None)


def maker_note(read: Reader) -> tuple[int, int, str] | None:
    """(offset, size, byte order) of the maker note of the TIFF structure `read` starts with."""
    head = read(0, 8)
    if head[:4] not in (b"II*\x00", b"MM\x00*"):
        return None
    end = "<" if head[:2] == b"II" else ">"
    ifd0 = read_ifd(read, struct.unpack_from(end + "I", head, 4)[0], end)
    exif_at = unsigned(ifd0.get(0x8769), end)
    if exif_at is None:
        return None
    note: Entry | None = read_ifd(read, exif_at, end).get(0x927C)
    if note is None or note.typ not in (1, 7) or note.count < 12:
        return None
    return note.pointer, note.count, end


def read_serials(read: Reader, identity: Mapping[str, str]) -> Found:
    """Serial numbers in the maker note of a make listed in `DECODERS`; {} for other makes
    or when the maker note is missing or not in the form its make uses."""
    decode = decoder_for(identity.get("Make", ""))
    where = maker_note(read) if decode else None
    if decode is None or where is None:
        return {}
    at, size, end = where
    found = decode(read, at, size, end, identity.get("Model", ""))
    return {k: v for k, v in found.items() if v}
