"""Folding and cleaning text read from pages: the normal forms the checks compare names in.

Pure functions. `fold` is the comparison form (casefolded, no accents, punctuation as
spaces); `clean_text` undoes the tricks pages use to hide text from scrapers (full-width
characters, zero-width characters, soft hyphens); `prepare_text` also decodes HTML entities.
"""

from __future__ import annotations

import html
import re
import unicodedata

ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def fold(text: str) -> str:
    """Casefold, strip accents, turn punctuation into spaces, collapse spaces."""
    decomposed = unicodedata.normalize("NFKD", text.translate(ZERO_WIDTH))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = re.sub(r"[^\w]+", " ", plain)
    return " ".join(plain.split())


def clean_text(text: str) -> str:
    """NFKC (full-width ＠ becomes @) and drop zero-width characters and soft hyphens."""
    return unicodedata.normalize("NFKC", text).translate(ZERO_WIDTH)


def prepare_text(text: str) -> str:
    """Unescape HTML entities (``&#64;``), apply NFKC, drop zero-width characters."""
    return clean_text(html.unescape(text))
