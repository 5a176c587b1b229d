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
    """A copy of a report (or any frozen dataclass tree) with every string cleaned."""
    return _clean(value)  # type: ignore[no-any-return]


_FIELDS: dict[type, tuple[str, ...]] = {}


def _clean(value: Any) -> Any:
    """`value` cleaned; the very same object when nothing in it changed (most of a report:
    rebuilding frozen dataclasses is what would cost)."""
    kind = type(value)
    if kind is str:  # enums (StrEnum) are str too: they are kept as they are
        return clean_text(value)
    if isinstance(value, tuple | list):
        items = [_clean(v) for v in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        return items if isinstance(value, list) else tuple(items)
    if isinstance(value, Mapping):
        pairs = [(_clean(k), _clean(v)) for k, v in value.items()]
        if all(k is a and v is b for (k, v), (a, b) in zip(pairs, value.items(), strict=True)):
            return value
        return MappingProxyType(dict(pairs)) if isinstance(value, MappingProxyType) else dict(
            pairs)
    names = _FIELDS.get(kind)
    if names is None:  # () for what is not a dataclass instance (numbers, enums, None)
        names = _FIELDS[kind] = tuple(
            f.name for f in dataclasses.fields(value) if f.init
        ) if dataclasses.is_dataclass(value) and not isinstance(value, type) else ()
    changes = {}
    for name in names:
        old = getattr(value, name)
        new = _clean(old)
        if new is not old:
            changes[name] = new
    return dataclasses.replace(value, **changes) if changes else value
