"""Maker notes: the owner name and serial numbers some makes keep only there (second pass).

The first pass reads every file with exifread's `details=False`, which skips the maker note
(and so exifread's hang on a crafted maker-note count, exif-py issue #182). This second pass
runs only on files whose make stores an owner or serial in a maker note that exifread decodes
(Canon: OwnerName 0x0009, SerialNumber 0x000C; Nikon: SerialNumber 0x001D, per exifread's
maker-note tables), and is bounded three ways: the maker note's declared size must fit in the
block, it runs only while the file's time budget lasts, and where a timer signal is available
(the main thread of a process, e.g. a reading worker) an alarm stops it at that budget.
Makes whose maker notes exifread does not decode (Sony, Panasonic, Olympus, Fujifilm, and
Canon's internal serial) are read by `makers` with a bounded IFD reader of our own, in the
same pass and under the same time budget; TIFF-based files (raw formats) get that reader only.
"""

from __future__ import annotations

import contextlib
import io
import signal
import struct
import threading
from collections.abc import Iterator, Mapping

from checks.photos.exif import decode, exifread_errors, plausible
from checks.photos.makers import decoder_for, read_serials
from checks.photos.tiffifd import Reader, block_reader

MAKES = ("canon", "nikon")  # decoded by exifread
FIELDS = {
    "MakerNote OwnerName": "CameraOwnerName",
    "MakerNote SerialNumber": "BodySerialNumber",
    "MakerNote InternalSerialNumber": "InternalSerialNumber",
}
MIN_SECONDS = 0.05


class _Timeout(Exception):
    pass


def has_maker_notes(identity: Mapping[str, str]) -> bool:
    """Whether the file's make keeps owner or serial fields in a maker note read here."""
    make = identity.get("Make", "").lower()
    return any(m in make for m in MAKES) or decoder_for(make) is not None


def maker_note_fits(block: bytes) -> bool:
    """True when the block's Exif IFD has a maker note whose declared size fits the block."""
    if block[:4] not in (b"II*\x00", b"MM\x00*"):
        return False
    end = "<" if block[:2] == b"II" else ">"

    def entries(offset: int) -> Iterator[tuple[int, int, int, int]]:
        if offset < 8 or offset + 2 > len(block):
            return
        count = struct.unpack_from(end + "H", block, offset)[0]
        for i in range(min(count, 1000, (len(block) - offset - 2) // 12)):
            yield struct.unpack_from(end + "HHII", block, offset + 2 + 12 * i)

    ifd0 = struct.unpack_from(end + "I", block, 4)[0]
    for tag, _typ, _n, value in entries(ifd0):
        if tag == 0x8769:
            for sub_tag, _t, count, where in entries(value):
                if sub_tag == 0x927C:
                    return count <= len(block) and where + count <= len(block)
    return False


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    usable = (threading.current_thread() is threading.main_thread()
              and hasattr(signal, "setitimer"))
    if not usable:
        yield
        return

    def ring(_sig: int, _frame: object) -> None:
        raise _Timeout

    old = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def read_maker_notes(block: bytes | Reader, identity: Mapping[str, str],
                     seconds: float) -> dict[str, str]:
    """Owner and serial fields of one TIFF structure's maker note (a block in memory, or a
    reader over a TIFF file); {} when none, when the maker note is malformed or oversized,
    or when the time runs out. Placeholder values (all zeros, "Unknown") are dropped."""
    if seconds < MIN_SECONDS:
        return {}
    found: dict[str, str] = {}
    try:
        with _alarm(seconds):
            if isinstance(block, bytes) and any(
                    m in identity.get("Make", "").lower() for m in MAKES):
                found.update(_exifread_notes(block))
            reader = block_reader(block) if isinstance(block, bytes) else block
            for key, value in read_serials(reader, identity).items():
                found.setdefault(key, value)
    except _Timeout:
        return {}
    except (struct.error, ValueError, OverflowError):
        pass  # a malformed maker note: keep what was read before it
    return {k: v[:200] for k, v in found.items() if plausible(v)}


def _exifread_notes(block: bytes) -> dict[str, str]:
    if not maker_note_fits(block):
        return {}
    import exifread

    try:
        tags = exifread.process_file(io.BytesIO(block), details=True,
                                     extract_thumbnail=False, truncate_tags=False)
    except exifread_errors():
        return {}
    out: dict[str, str] = {}
    for key, label in FIELDS.items():
        tag = tags.get(key)
        if tag is None:
            continue
        values = getattr(tag, "values", None)
        text = decode(values) if isinstance(values, bytes) else str(getattr(tag, "printable", tag))
        value = " ".join(text.replace("\x00", " ").split())
        if plausible(value) and label not in out:
            out[label] = value
    return out
