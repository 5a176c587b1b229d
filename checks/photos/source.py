"""Bounded reading of one file or byte string: the only code that touches file contents.

The first `HEAD_BYTES` are read once; anything further is read on demand with `read(offset,
n)`, counted against the per-file byte budget and checked against the per-file deadline, so a
hostile or huge file costs a bounded amount of I/O and time whatever its declared lengths say.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import BinaryIO

from checks.photos.model import HEAD_BYTES, Limits, Unreadable


class Source:
    """Random access to a file (or bytes) with a read budget and a deadline."""

    def __init__(
        self,
        limits: Limits,
        *,
        fh: BinaryIO | None = None,
        data: bytes | None = None,
        size: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limits = limits
        self._fh = fh
        self._data = data
        self._clock = clock
        self._deadline = clock() + limits.max_seconds
        self.used = 0
        if data is not None:
            self.size = len(data)
            self.head = data[:HEAD_BYTES]
        else:
            assert fh is not None
            self.size = size if size is not None else os.fstat(fh.fileno()).st_size
            fh.seek(0)
            self.head = fh.read(HEAD_BYTES)
        self.truncated_source = False

    def time_left(self) -> float:
        """Seconds left of the per-file time."""
        return max(0.0, self._deadline - self._clock())

    def check_time(self) -> None:
        """Raise `Unreadable` once the per-file time is spent."""
        if self._clock() > self._deadline:
            raise Unreadable(f"took longer than {self.limits.max_seconds:g} s")

    def read(self, offset: int, n: int) -> bytes:
        """Up to `n` bytes at `offset` (fewer at the end of the file)."""
        if offset < 0 or n < 0:
            raise Unreadable("negative offset or length")
        end = min(offset + n, self.size)
        if end <= offset:
            return b""
        if end <= len(self.head):
            return self.head[offset:end]
        if self._data is not None:
            return self._data[offset:end]
        self.used += end - offset
        if self.used > self.limits.max_read:
            raise Unreadable(f"needs more than {self.limits.max_read // 1048576} MiB of reads")
        self.check_time()
        assert self._fh is not None
        self._fh.seek(offset)
        return self._fh.read(end - offset)

    def block(self, offset: int, n: int, what: str) -> bytes:
        """A whole metadata block: refused when larger than the limit or cut by the file end."""
        if n > self.limits.max_block:
            raise Unreadable(f"{what} declares {n} bytes (limit {self.limits.max_block})")
        data = self.read(offset, n)
        if len(data) < n:
            raise Unreadable(f"{what} is cut short by the end of the file")
        return data


class SourceView:
    """A read-only file object over a `Source` from `base` on, for exifread (TIFF files)."""

    def __init__(self, src: Source, base: int = 0, patch: bytes = b"") -> None:
        self._src = src
        self._base = base
        self._pos = 0
        self._patch = patch

    def read(self, n: int = -1) -> bytes:
        if n is None or n < 0:
            n = self._src.size - self._base - self._pos
        n = min(n, self._src.limits.max_block)
        data = self._src.read(self._base + self._pos, n)
        if self._patch and self._pos < len(self._patch):
            cut = len(self._patch) - self._pos
            data = self._patch[self._pos : self._pos + len(data)] + data[cut:]
        self._pos += len(data)
        return data

    def seek(self, offset: int, whence: int = 0) -> int:
        if whence == 1:
            offset += self._pos
        elif whence == 2:
            offset += self._src.size - self._base
        self._pos = max(0, offset)
        return self._pos

    def tell(self) -> int:
        return self._pos
