"""Reading a folder of saved pages for the page benchmarks: plain HTML files, and WARC files
(`.warc`, `.warc.gz`, as web archives and some public test collections keep them), with their
labels.

Labels come from a `labels.json` the measurer writes (`{"file name": ["url", ...]}`), or, for
collections that ship per-page expected results, from an `expected/<stem>.approved.txt` JSON
file next to the pages' folder (a `results` list of objects with a `url`).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class SavedPage:
    """One saved page: its file name, HTML text, and the labelled result URLs (None when
    the page has no label)."""

    name: str
    html: str
    labels: tuple[str, ...] | None


def warc_body(data: bytes) -> bytes:
    """The HTTP body of the first `response` record of a WARC file (gzip members joined)."""
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    at = data.find(b"WARC-Type: response")
    if at < 0:
        return b""
    block = data.find(b"\r\n\r\n", at)
    http = data[block + 4:]
    head = http.find(b"\r\n\r\n")
    return http[head + 4:] if head >= 0 else b""


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (".warc.gz", ".warc", ".html", ".htm"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def _labels(folder: Path) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    table = folder / "labels.json"
    if table.is_file():
        for name, urls in json.loads(table.read_text("utf-8")).items():
            out[_stem(Path(name))] = tuple(str(u) for u in urls)
    expected = folder.parent / "expected"
    if expected.is_dir():
        for path in expected.glob("*.approved.txt"):
            try:
                data = json.loads(path.read_text("utf-8"))
            except (ValueError, UnicodeDecodeError):
                continue
            results = data.get("results") if isinstance(data, dict) else None
            stem = path.name[: -len(".approved.txt")]
            out.setdefault(stem, tuple(
                str(r["url"]) for r in results or [] if isinstance(r, dict) and r.get("url")))
    return out


def read_folder(folder: Path) -> Iterator[SavedPage]:
    """Every page of the folder, sorted by name."""
    labels = _labels(folder)
    for path in sorted(folder.iterdir()):
        if path.name.endswith((".warc.gz", ".warc")):
            body = warc_body(path.read_bytes())
        elif path.suffix.lower() in (".html", ".htm"):
            body = path.read_bytes()
        else:
            continue
        stem = _stem(path)
        yield SavedPage(path.name, body.decode("utf-8", "replace"), labels.get(stem))
