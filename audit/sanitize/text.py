"""Control characters out of web strings before anything is rendered.

Pages are hostile input: a title or a bio can carry terminal escape sequences (ESC [ ...),
carriage returns that overwrite a line, or bidirectional overrides that reorder what is shown.
`clean_text` removes them from one string; `clean_report` from every string of a report. The
one boundary is `audit.api.render`, which every output (terminal table, Markdown, HTML, JSON,
CSV, `history show`) goes through, so no renderer has to remember it.
"""

from __future__ import annotations

import re
from typing import TypeVar

from audit.models import map_strings

T = TypeVar("T")

# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional embeddings,
# overrides and isolates (U+202A-U+202E, U+2066-U+2069).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str) -> str:
    """`text` without control characters (tab and newline are kept)."""
    if text.isprintable():  # most strings: no control character, answered without a regex
        return text
    return _CONTROLS.sub("", text) if _CONTROLS.search(text) else text


def clean_report(value: T) -> T:
    """A copy of a report (or any frozen dataclass tree) with every string cleaned; the very
    same objects where nothing needed cleaning."""
    return map_strings(value, clean_text)
