"""Reading on several processes: same answers, same order as in-process; a stuck worker's
chunk is read again here, so the scan neither stalls nor loses a file."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from checks.photos import extract, reader
from checks.photos.model import Limits
from tests.checks.photos import factory as F

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def _folder(tmp_path: Path, n: int) -> list[Path]:
    paths = []
    for i in range(n):
        p = tmp_path / f"p{i:03d}.jpg"
        block = F.exif_block(45.0 + i / 1000, 4.0) if i % 3 else F.exif_block()
        p.write_bytes(F.jpeg_file(block) if i % 7 else b"garbage")
        paths.append(p)
    return paths


def test_workers_give_the_same_answers_in_order(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MIN_PARALLEL", 1)
    monkeypatch.setattr(reader, "CHUNK", 4)
    paths = _folder(tmp_path, 30)
    here = list(reader.read_files(paths, Limits(), workers=1))
    there = list(reader.read_files(paths, Limits(), workers=2))
    assert there == here
    assert [i.source for i in there] == [str(p) for p in paths]


def test_a_stuck_worker_does_not_stall_the_scan(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MIN_PARALLEL", 1)
    monkeypatch.setattr(reader, "CHUNK", 4)
    monkeypatch.setattr(reader, "SLACK", 1.0)
    paths = _folder(tmp_path, 12)
    parent = os.getpid()
    real = extract.analyse_path

    def hang_in_worker(path: Path, source: str, limits: Limits | None = None) -> object:
        if os.getpid() != parent and path.name == "p005.jpg":
            time.sleep(3600)
        return real(path, source, limits)

    monkeypatch.setattr(reader, "analyse_path", hang_in_worker)
    t0 = time.monotonic()
    infos = list(reader.read_files(paths, Limits(max_seconds=0.1), workers=2))
    assert time.monotonic() - t0 < 30
    assert [i.source for i in infos] == [str(p) for p in paths]
    assert infos[5].state in ("located", "no_location")


def test_only_a_few_chunks_are_in_flight(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks are submitted as answers come back, not all at once, and each answer is dropped
    once read: memory stays flat however large the folder."""
    monkeypatch.setattr(reader, "MIN_PARALLEL", 1)
    monkeypatch.setattr(reader, "CHUNK", 2)
    monkeypatch.setattr(reader, "AHEAD", 1)
    submitted: list[int] = []

    class Counting(reader.ProcessPoolExecutor):
        def submit(self, *args, **kwargs):  # type: ignore[no-untyped-def,override]
            submitted.append(1)
            return super().submit(*args, **kwargs)

    monkeypatch.setattr(reader, "ProcessPoolExecutor", Counting)
    paths = _folder(tmp_path, 40)
    infos = reader.read_files(paths, Limits(), workers=2)
    got = [next(infos) for _ in range(2)]  # the first chunk
    assert len(submitted) <= 3  # two ahead (one per worker), plus the one that replaced it
    got += list(infos)
    assert len(submitted) == 20
    assert [i.source for i in got] == [str(p) for p in paths]
