"""Handle variants for the opt-in `variants` option: separators swapped or removed, suffixes.

`variants("cam.dufresne")` -> ``camdufresne``, ``cam_dufresne``, ``cam-dufresne``,
``cam.dufresne_``... Each result is labelled as a variant in the report; the original handle is
never in the list.
"""

from __future__ import annotations

import re

SEPARATORS = (".", "_", "-")
SUFFIXES = ("_", "1", "_official", "official", "_off")
PREFIXES = ("the", "real")
MAX_VARIANTS = 12


def variants(handle: str) -> list[str]:
    """Plausible other spellings of `handle`, most likely first, without the handle itself."""
    base = handle.strip().lstrip("@")
    out: dict[str, None] = {}
    parts = [p for p in re.split(r"[._\-]", base) if p]
    if len(parts) > 1:
        out["".join(parts)] = None
        for sep in SEPARATORS:
            out[sep.join(parts)] = None
    for suffix in SUFFIXES:
        out[base + suffix] = None
    for prefix in PREFIXES:
        out[prefix + base] = None
    out.pop(base, None)
    return [v for v in out if v][:MAX_VARIANTS]
