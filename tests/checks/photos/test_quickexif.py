"""The fast EXIF path gives exactly exifread's answer, or steps aside.

Each block is read twice by `read_tiff`: with the fast path, and with it switched off (exifread
for every block); position, capture time, identity fields and errors must be equal. Blocks:
the test factory's (every GPS style, identity field and byte order), the real samples of
`../shared/data/exif-samples` (skipped when absent) and seeded random mutations of both.
"""

from __future__ import annotations

import random
import struct
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import checks.photos.exif as exif
import checks.photos.extract as extract
from checks.photos.model import Unreadable
from checks.photos.quickexif import quick_tags
from tests.checks.photos import factory as F


def _answer(block: bytes, fast: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Any]:
    with monkeypatch.context() as m:
        if not fast:
            m.setattr(exif, "quick_tags", lambda b: None)
        try:
            return "ok", exif.read_tiff(block)
        except Unreadable as exc:
            return "unreadable", str(exc)


def _factory_blocks() -> Iterator[bytes]:
    for style in ("s100", "s1000", "s10000", "s1", "decimal", "decmin"):
        yield F.exif_block(45.7597, 4.8422, style=style)
        yield F.exif_block(-33.8568, -151.2153, style=style, big_endian=True)
    yield F.exif_block()
    yield F.exif_block(48.85, 2.35, artist="Jane Doe", owner="J. Doe", serial="12345678",
                       lens_serial="LS-1", copyright_="(c) Jane", offset="+02:00", hpe=3.5)
    yield F.exif_block(48.85, 2.35, refs=False, make=None)
    yield F.exif_block(48.85, 2.35, loop=True)
    yield F.exif_block(10.0, 10.0, gps_parts=([(0, 0), (0, 0), (0, 0)], [(1, 0), (5, 1)]))


def _sample_blocks(root: Path) -> list[bytes]:
    blocks: list[bytes] = []
    real = extract.read_tiff

    def keep(block: Any) -> Any:
        if isinstance(block, bytes):
            blocks.append(block)
        return real(block)

    with pytest.MonkeyPatch.context() as m:
        m.setattr(extract, "read_tiff", keep)
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            extract.analyse_path(path, str(path))
    return blocks


def _mutants(blocks: list[bytes], n: int, seed: int) -> Iterator[bytes]:
    rng = random.Random(seed)
    for _ in range(n):
        b = bytearray(rng.choice(blocks))
        for _ in range(rng.choice((1, 2, 4, 8))):
            i = rng.randrange(8, max(9, min(len(b), 400)))
            if i < len(b):
                b[i] = rng.choice((0, 1, 2, 3, 4, 5, 12, 13, 0xFF, rng.randrange(256)))
        yield bytes(b)


def test_factory_blocks_agree_and_take_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = list(_factory_blocks())
    for block in blocks:
        assert _answer(block, True, monkeypatch) == _answer(block, False, monkeypatch)
    # the plain blocks a camera writes are answered without exifread
    assert sum(quick_tags(b) is not None for b in blocks) >= len(blocks) - 1


def test_mutated_blocks_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = list(_factory_blocks())
    answered = 0
    for block in _mutants(blocks, 800, seed=16):
        answered += quick_tags(block) is not None
        assert _answer(block, True, monkeypatch) == _answer(block, False, monkeypatch), block
    assert 0 < answered < 800  # some mutants are sent to exifread, most are not


def test_real_sample_blocks_agree(shared_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = shared_data / "exif-samples"
    if not root.is_dir():
        pytest.skip("exif-samples absent")
    blocks = _sample_blocks(root)
    assert len(blocks) > 20
    for block in blocks:
        assert _answer(block, True, monkeypatch) == _answer(block, False, monkeypatch)
    for block in _mutants(blocks, 600, seed=3):
        assert _answer(block, True, monkeypatch) == _answer(block, False, monkeypatch), block


def test_unusual_blocks_go_to_exifread(monkeypatch: pytest.MonkeyPatch) -> None:
    gps = F.exif_block(45.0, 4.0)
    assert quick_tags(gps) is not None
    assert quick_tags(gps[:40]) is None  # a table running past the block
    assert quick_tags(b"XX*\x00" + gps[4:]) is None  # no TIFF header
    # one double whose value lies outside the block: exifread keeps no value and then fails
    # on it; the fast path must not answer in its place
    double = (b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 1)
              + struct.pack("<HHII", 0x0110, 12, 1, 0xFFFF) + struct.pack("<I", 0))
    assert quick_tags(double) is None
    assert _answer(double, True, monkeypatch)[0] == "unreadable"
    # a signed sub-directory pointer (exifread seeks before the block and fails)
    signed = (b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 1)
              + struct.pack("<HHIi", 0x8825, 9, 1, -20) + struct.pack("<I", 0))
    assert quick_tags(signed) is None
    assert _answer(signed, True, monkeypatch) == _answer(signed, False, monkeypatch)


def test_capture_time_parse_matches_strptime() -> None:
    for text in ("2024:03:02 21:15:00", "2024:13:02 21:15:00", "0000:00:00 00:00:00",
                 "2024:02:30 10:10:10", "2024:03:02 24:00:00", "2024:03:02 23:59:60",
                 "1999:12:31 23:59:59", "2024:3:2 1:2:3", "2024:03:02 21:15:0", "    :  :  "):
        try:
            want: datetime | str = datetime.strptime(text, "%Y:%m:%d %H:%M:%S")
        except ValueError:
            want = "error"
        try:
            got: datetime | str = exif._clock(text)
        except ValueError:
            got = "error"
        assert got == want, text


def test_the_tag_numbers_written_out_are_exifreads():
    """The fast path's tag tables name each number as exifread's Exif table does: the names
    `exif.py` looks up (Image ..., EXIF ...) are the same either way."""
    from exifread.tags.exif import EXIF_TAGS as EXIFREAD

    import checks.photos.quickexif as quick

    for table in (quick.IMAGE_TAGS, quick.EXIF_TAGS):
        for number, name in table.items():
            assert EXIFREAD[number][0] == name, hex(number)
    # every Image/EXIF field exif.py reads is one the fast path reads in that directory
    fields = {*exif.IDENTITY_TAGS, *exif.DEVICE_TAGS}
    for key in fields:
        ifd, name = key.split(" ", 1)
        if ifd == "Image":
            assert name in quick.IMAGE_TAGS.values(), key
        elif ifd == "EXIF":
            assert name in quick.EXIF_TAGS.values(), key


def _plain(tags: dict[str, Any]) -> dict[str, Any]:
    return {k: [(r.numerator, r.denominator) for r in t.values] if isinstance(t.values, list)
            else t.values for k, t in tags.items()}


def test_a_part_of_a_block_answers_as_the_whole_or_steps_aside(
        shared_data: Path) -> None:
    """A TIFF file is answered from its first part: what the fast path says of a block's
    first bytes is what it says of the whole block, or nothing (exifread reads the file)."""
    blocks = list(_factory_blocks())
    root = shared_data / "exif-samples"
    if root.is_dir():
        blocks += _sample_blocks(root)
    answered = 0
    for block in [*blocks, *_mutants(blocks, 300, seed=7)]:
        whole = quick_tags(block)
        for cut in sorted({8, 40, len(block) // 3, len(block) // 2, len(block) - 1}):
            part = quick_tags(block[:cut])
            if part is not None:
                answered += 1
                assert whole is not None, (block, cut)
                assert _plain(part) == _plain(whole), (block, cut)
    assert answered > 0


def _far_gps_tiff(gap: int) -> bytes:
    """A TIFF file whose GPS directory lies `gap` bytes in: 45.5 N, 4.25 E."""
    ifd0 = struct.pack("<H", 1) + struct.pack("<HHII", 0x8825, 4, 1, gap) + struct.pack("<I", 0)
    head = b"II*\x00" + struct.pack("<I", 8) + ifd0
    values = gap + 2 + 4 * 12 + 4
    gps = (struct.pack("<H", 4)
           + struct.pack("<HHI4s", 1, 2, 2, b"N\x00\x00\x00")
           + struct.pack("<HHII", 2, 5, 3, values)
           + struct.pack("<HHI4s", 3, 2, 2, b"E\x00\x00\x00")
           + struct.pack("<HHII", 4, 5, 3, values + 24) + struct.pack("<I", 0)
           + struct.pack("<6I", 45, 1, 30, 1, 0, 1) + struct.pack("<6I", 4, 1, 15, 1, 0, 1))
    return head + b"\x00" * (gap - len(head)) + gps


def test_tiff_files_take_the_fast_path_when_their_first_part_holds_all(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import exifread

    calls: list[object] = []
    real = exifread.process_file
    monkeypatch.setattr(exifread, "process_file", lambda *a, **k: calls.append(a) or real(*a, **k))
    near = tmp_path / "near.tif"
    near.write_bytes(F.exif_block(45.7597, 4.8422, artist="Jane Doe", serial="12345678"))
    far = tmp_path / "far.tif"
    far.write_bytes(_far_gps_tiff(exif.QUICK_PREFIX + 4096))
    for path, exifread_reads in ((near, False), (far, True)):
        calls.clear()
        fast = extract.analyse_path(path, str(path))
        assert bool(calls) is exifread_reads, path.name
        with monkeypatch.context() as m:
            m.setattr(exif, "quick_tags", lambda b: None)
            slow = extract.analyse_path(path, str(path))
        assert fast == slow
        assert fast.fix is not None
    assert round(extract.analyse_path(far, str(far)).fix.lat, 4) == 45.5  # type: ignore[union-attr]
