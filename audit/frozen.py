"""Read-only trees of values: `freeze` turns dicts and lists into read-only mappings and
tuples (what findings and plans hold), `thaw` turns them back for JSON, and `map_strings`
copies a tree of frozen dataclasses, tuples and mappings with a function applied to every
string (text cleaning, masking, redaction), keeping every object it did not change.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any, TypeVar

__all__ = ["freeze", "map_strings", "thaw"]


def freeze(value: Any) -> Any:
    """Turn dicts and lists (recursively) into read-only mappings and tuples."""
    kind = type(value)
    if kind is str or kind in ATOMS:  # most values: answered without further type tests
        return value
    if kind is dict or kind is MappingProxyType or isinstance(value, Mapping):
        return MappingProxyType({
            (k if type(k) is str else str(k)): (
                v if type(v) is str or type(v) in ATOMS else freeze(v))
            for k, v in value.items()})
    if kind is tuple or kind is list or isinstance(value, list | tuple):
        return tuple(v if type(v) is str or type(v) in ATOMS else freeze(v) for v in value)
    return value


# what holds no string and no container (public: readers of frozen trees skip these too)
ATOMS = frozenset({int, float, bool, type(None), datetime})


_T = TypeVar("_T")
_FIELDS: dict[type, tuple[str, ...]] = {}


def map_strings(value: _T, fn: Callable[[str], str], skip: frozenset[str] = frozenset()) -> _T:
    """A copy of `value` (a report, a plan, any tree of frozen dataclasses, tuples, lists and
    mappings) with `fn` applied to every string, keys included, but the dataclass fields named
    in `skip` left as they are. Enums stay enums. What nothing changed in is the very same
    object: most of a report is, and rebuilding frozen dataclasses is what would cost."""
    return _map_strings(value, fn, skip)  # type: ignore[no-any-return]


def _map_strings(value: Any, fn: Callable[[str], str], skip: frozenset[str]) -> Any:
    kind = type(value)
    if kind is str:  # enums (StrEnum) are str too: they are kept as they are
        return fn(value)
    if kind in ATOMS:
        return value
    if kind is tuple or kind is list or (
            kind is not dict and kind is not MappingProxyType and isinstance(value, tuple | list)):
        # nothing is copied until a first item changes (most containers: none does)
        items: list[Any] | None = None
        for i, v in enumerate(value):
            t = type(v)
            if t in ATOMS:
                continue
            v2 = fn(v) if t is str else _map_strings(v, fn, skip)
            if v2 is not v:
                if items is None:
                    items = list(value)
                items[i] = v2
        if items is None:
            return value
        return items if isinstance(value, list) else tuple(items)
    if kind is dict or kind is MappingProxyType or isinstance(value, Mapping):
        pairs: list[tuple[Any, Any]] | None = None
        for i, (k, v) in enumerate(value.items()):
            k2 = fn(k) if type(k) is str else _map_strings(k, fn, skip)
            t = type(v)
            v2 = v if t in ATOMS else fn(v) if t is str else _map_strings(v, fn, skip)
            if pairs is None:
                if k2 is k and v2 is v:
                    continue
                pairs = list(itertools.islice(value.items(), i))  # the unchanged ones before
            pairs.append((k2, v2))
        if pairs is None:
            return value
        mapped = dict(pairs)
        return MappingProxyType(mapped) if isinstance(value, MappingProxyType) else mapped
    names = _FIELDS.get(kind)
    if names is None:  # () for what is not a dataclass instance (numbers, enums, None)
        names = _FIELDS[kind] = tuple(
            f.name for f in dataclasses.fields(value) if f.init
        ) if dataclasses.is_dataclass(value) and not isinstance(value, type) else ()
    changes = {}
    for name in names:
        if name in skip:
            continue
        old = getattr(value, name)
        new = _map_strings(old, fn, skip)
        if new is not old:
            changes[name] = new
    return dataclasses.replace(value, **changes) if changes else value


def thaw(value: Any) -> Any:
    """Turn frozen mappings and tuples back into plain dicts and lists (for JSON)."""
    if isinstance(value, Mapping):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [thaw(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value
