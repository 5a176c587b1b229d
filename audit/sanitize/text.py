"""Control characters out of web strings before anything is rendered.

Pages are hostile input: a title or a bio can carry terminal escape sequences (ESC [ ...),
carriage returns that overwrite a line, or bidirectional overrides that reorder what is shown.
`clean_text` removes them from one string; `clean_report` from every string of a report. The
one boundary is `audit.api.render`, which every output (terminal table, Markdown, HTML, JSON,
CSV, `history show`) goes through, so no renderer has to remember it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, TypeVar

T = TypeVar("T")

# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional embeddings,
# overrides and isolates (U+202A-U+202E, U+2066-U+2069).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str) -> str:
    """`text` without control characters (tab and newline are kept)."""
    return _CONTROLS.sub("", text) if _CONTROLS.search(text) else text


def clean_report(value: T) -> T:
    """The report (or any frozen dataclass tree) with every string cleaned. Parts with nothing
    to clean are the same objects, not copies: a clean 30,000-file report costs no memory."""
    return _clean(value)  # type: ignore[no-any-return]


def _clean(value: Any) -> Any:
    if type(value) is str:  # enums (StrEnum) are str too: they are kept as they are
        return clean_text(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            if f.init:
                old = getattr(value, f.name)
                new = _clean(old)
                if new is not old:
                    changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    if isinstance(value, Mapping):
        pairs = [(k, v, _clean(k), _clean(v)) for k, v in value.items()]
        if all(k2 is k and v2 is v for k, v, k2, v2 in pairs):
            return value
        items = {k2: v2 for _k, _v, k2, v2 in pairs}
        return MappingProxyType(items) if isinstance(value, MappingProxyType) else items
    if isinstance(value, tuple | list):
        cleaned = [_clean(v) for v in value]
        if all(a is b for a, b in zip(cleaned, value, strict=True)):
            return value
        return tuple(cleaned) if isinstance(value, tuple) else cleaned
    return value
