"""The text a scan is saved as: its UTF-8 pieces, held as they are up to `KEPT` bytes and
compressed beyond (a 30,000-photo scan's 25 MB text is never held whole), made here when
they are asked for or by a helper process (`audit.store.aside`) while this one writes the
report files."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

from audit.models import ScanReport
from audit.store.aside import Aside, aside
from audit.store.serialize import report_json_pieces

ASIDE_RESULTS = 500  # results from which a scan's text is made by a helper process
KEPT = 4 << 20  # bytes of a text held as they are; compressed beyond


class Pieces:
    """A text's UTF-8 pieces as they are made: kept as they are up to `KEPT` bytes in all,
    compressed from there on (compressing and unpacking a short text costs more than
    holding it)."""

    def __init__(self) -> None:
        self.size = 0
        self._kept: list[bytes] = []
        self._packer: Any = None

    def add(self, raw: bytes) -> None:
        self.size += len(raw)
        if self._packer is None and self.size > KEPT:
            self._packer = zlib.compressobj(1)
            packer = self._packer.compress  # piece by piece: the kept text is never copied
            self._kept = [packer(piece) for piece in self._kept]
        self._kept.append(raw if self._packer is None else self._packer.compress(raw))

    def out(self) -> Iterator[bytes]:
        """The text's bytes again, in pieces (once)."""
        if self._packer is None:
            yield from self._kept
            return
        self._kept.append(self._packer.flush())
        unpacker = zlib.decompressobj()
        for chunk in self._kept:
            yield unpacker.decompress(chunk)
        yield unpacker.flush()


class ReportText:
    """The text a scan is saved as, made here when it is asked for, or by a helper process
    started beforehand (`aside`) while this one writes the report files."""

    def __init__(self, report: ScanReport, helper: Aside | None = None,
                 pieces: Pieces | None = None) -> None:
        self._report, self._helper, self._pieces = report, helper, pieces

    @classmethod
    def here(cls, report: ScanReport) -> ReportText:
        """Made in this process, when asked for."""
        return cls(report)

    @classmethod
    def aside(cls, report: ScanReport) -> ReportText:
        """Made from now on by a helper process where one can be forked and the report is
        long enough to pay for it; else here, when asked for."""
        if len(report.results) < ASIDE_RESULTS:
            return cls(report)
        pieces = Pieces()
        helper = aside(lambda: _utf8(report), pieces.add)
        return cls(report, helper, pieces if helper is not None else None)

    def pieces(self) -> Pieces:
        """The text's pieces: the helper's once it has finished cleanly, else made here."""
        if self._helper is not None and self._helper.wait() and self._pieces is not None:
            return self._pieces
        pieces = Pieces()
        for raw in _utf8(self._report):
            pieces.add(raw)
        return pieces

    def cancel(self) -> None:
        """The text is not wanted: stop the helper."""
        if self._helper is not None:
            self._helper.cancel()


def _utf8(report: ScanReport) -> Iterator[bytes]:
    for piece in report_json_pieces(report, sort_keys=False):
        yield piece.encode("utf-8")
