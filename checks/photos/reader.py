"""Read many files: in this process, or on every core with forked worker processes.

Reading is Python CPU (container walk, exifread), so threads do not help and a second process
does. Workers are forked (Linux only, `default_workers`) once a
folder holds enough files to pay for them (`MIN_PARALLEL`); each takes chunks of paths and
sends back plain tuples. Answers come back in the order of the paths. A chunk that does not
come back in time (a worker stuck or killed) is read again here, file by file, under the same
per-file limits, so no worker can stall the scan and no file is lost.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from checks.photos.extract import analyse_path
from checks.photos.model import Limits, PhotoInfo

MIN_PARALLEL = 400
CHUNK = 64
AHEAD = 4  # chunks submitted ahead per worker process
SLACK = 30.0  # seconds a chunk may take beyond its files' own time limits
_Plain = tuple[Any, ...]


def _plain(info: PhotoInfo) -> _Plain:
    return (info.source, info.fmt, info.fix, info.taken_at, dict(info.identity), info.error,
            tuple(info.notes))


def _info(t: _Plain) -> PhotoInfo:
    return PhotoInfo(t[0], t[1], t[2], t[3], t[4], t[5], t[6])


def _read_chunk(paths: Sequence[str], limits: Limits) -> list[_Plain]:
    return [_plain(analyse_path(Path(p), p, limits)) for p in paths]


def can_fork() -> bool:
    """True where worker processes can be forked (not on Windows)."""
    return hasattr(os, "fork")


def default_workers() -> int:
    """Processes for reading when the user did not choose: one per core (at most 4) on Linux;
    one elsewhere, where forking a process that already runs threads is not safe (macOS
    system libraries)."""
    if not sys.platform.startswith("linux"):
        return 1
    return min(os.cpu_count() or 1, 4)


def workers_for(n_files: int, wanted: int | None = None) -> int:
    """How many processes read `n_files` files (1: read here)."""
    procs = default_workers() if wanted is None else wanted
    if procs < 2 or n_files < MIN_PARALLEL or not can_fork():
        return 1
    return max(1, min(procs, n_files // CHUNK))


def read_files(
    paths: Sequence[Path], limits: Limits, workers: int | None = None,
    started: Callable[[], None] | None = None,
) -> Iterator[PhotoInfo]:
    """One `PhotoInfo` per path, in order. `started` is called once reading has begun (after
    the worker processes are forked, when there are any)."""
    procs = workers_for(len(paths), workers)
    if procs < 2:
        if started is not None:
            started()
        for p in paths:
            yield analyse_path(p, str(p), limits)
        return
    names = [str(p) for p in paths]
    chunks = [names[i : i + CHUNK] for i in range(0, len(names), CHUNK)]
    # Generous: a chunk reads in well under a second; this only catches a stuck worker.
    wait = CHUNK * limits.max_seconds + SLACK
    pool = ProcessPoolExecutor(procs, mp_context=multiprocessing.get_context("fork"))
    todo = iter(chunks)
    flight: deque[tuple[list[str], Future[list[_Plain]]]] = deque()

    def submit() -> None:
        for chunk in itertools.islice(todo, AHEAD * procs - len(flight)):
            flight.append((chunk, pool.submit(_read_chunk, chunk, limits)))

    try:
        submit()
        if started is not None:
            started()  # with the fork start method every worker exists after the first submit
        while flight:
            # a bounded number of chunks in flight, each dropped once answered: memory stays
            # flat however many files the folder holds
            chunk, fut = flight.popleft()
            try:
                plain = fut.result(timeout=wait)
            except (FutureTimeout, BrokenProcessPool, OSError, EOFError):
                # a stuck, killed or broken worker: read its chunk here
                plain = _read_chunk(chunk, limits)
            del fut
            submit()
            for t in plain:
                yield _info(t)
    finally:
        for _chunk, fut in flight:
            fut.cancel()
        _stop(pool)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Shut the pool down without waiting for a stuck worker."""
    procs = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        if proc.is_alive():
            proc.join(timeout=0.5)
        if proc.is_alive():
            proc.kill()
            proc.join(timeout=1.0)
