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
    started beforehand (`aside`) while this one writes the report files. The helper also
    makes the scan's brief (`audit.store.history.brief_json`), sent as the first line."""

    def __init__(self, report: ScanReport, helper: Aside | None = None,
                 received: _Received | None = None) -> None:
        self._report, self._helper, self._received = report, helper, received

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
        received = _Received()
        helper = aside(lambda: _brief_and_text(report), received.add)
        return cls(report, helper, received if helper is not None else None)

    def _helped(self) -> _Received | None:
        """What the helper sent, once it has finished cleanly; else None."""
        got = self._received
        if self._helper is None or got is None or not self._helper.wait() or got.brief is None:
            return None
        return got

    def pieces(self) -> Pieces:
        """The text's pieces: the helper's once it has finished cleanly, else made here."""
        got = self._helped()
        if got is not None:
            return got.pieces
        pieces = Pieces()
        for raw in _utf8(self._report):
            pieces.add(raw)
        return pieces

    def brief(self) -> str | None:
        """The brief the helper made, or None (then made by the caller)."""
        got = self._helped()
        return got.brief if got is not None else None

    def cancel(self) -> None:
        """The text is not wanted: stop the helper."""
        if self._helper is not None:
            self._helper.cancel()


class _Received:
    """What a helper sends: the brief's line, then the text's bytes."""

    def __init__(self) -> None:
        self.brief: str | None = None
        self.pieces = Pieces()
        self._head = bytearray()

    def add(self, chunk: bytes) -> None:
        if self.brief is None:
            cut = chunk.find(b"\n")
            if cut < 0:
                self._head += chunk
                return
            self._head += chunk[:cut]
            self.brief = self._head.decode("utf-8")
            chunk = chunk[cut + 1 :]
        if chunk:
            self.pieces.add(chunk)


def _brief_and_text(report: ScanReport) -> Iterator[bytes]:
    from audit.store.history import brief_json, brief_of  # in the helper (history imports us)

    yield brief_json(brief_of(report)).encode("utf-8") + b"\n"  # JSON of one line
    yield from _utf8(report)


def _utf8(report: ScanReport) -> Iterator[bytes]:
    for piece in report_json_pieces(report, sort_keys=False):
        yield piece.encode("utf-8")
