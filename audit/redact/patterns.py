"""The pattern tables of workshop mode: what a personal detail looks like (emails, phones,
coordinates, registry numbers, home folders), how names, phrases and addresses are matched
whatever their accents and separators, and the replacements for emails and coordinates.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

NAME = "Person A"
ADDRESS = "[address]"
_COORD_KEYS = {"lat", "lon", "lng", "latitude", "longitude"}
_PRECISION_FLOOR_M = 5000
_URL_RE = re.compile(r"(?:https?|ftp|file)://[^\s<>\"'`|]+", re.IGNORECASE)
_EMAIL_RE = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_PHONE_RE = re.compile(r"(?<!\d)\+?\(?\d[\d\s.\-()/+]{5,}\d(?!\d)")
_PAIR_RE = re.compile(r"(?<![\d.])(-?\d{1,3}\.\d{3,})(\s*[,;/ ]\s*)(-?\d{1,3}\.\d{3,})(?!\d)")
_SINGLE_RE = re.compile(r"(?<![\d.])-?\d{1,3}\.\d{4,}(?!\d)")
_CLOCK_BEFORE = re.compile(r"\d:\d\d:$")
_DMS_RE = re.compile(
    r"(\d{1,3})\s*°\s*(\d{1,2})\s*['′]\s*(\d{1,2}(?:[.,]\d+)?)\s*(?:\"|″|'')?\s*([NSEWO])?"
)
_HOME_RE = re.compile(r"(?:/home/|/Users/|[A-Za-z]:\\Users\\)[^/\\\s]+")
_SEP = r"(?:[\s._\-+']|%20)*"
_IDENTITY_SKIP = {"source", "field", "tag", "taken_at", "type", "make", "model", "software",
                  "camera", "lens_model", "kind"}
_SENTINEL_BASE = 0xF0000
# Finding kinds whose page is about the person (its URL, title and snippet identify them).
_PAGE_KINDS = frozenset({"search_result", "listing"})
# Company registry numbers: SIREN (9 digits, "981 234 567") and SIRET (14 digits).
_REGISTRY_NUMBER = r"\d{3}[ \u00a0.]?\d{3}[ \u00a0.]?\d{3}(?:[ \u00a0.]?\d{5})?"
_REGISTRY_RE = re.compile(
    r"(?P<label>\b(?:SIREN|SIRET|RCS(?:\s+[A-Z][a-zé]+)?|TVA|VAT|n°\s*d'entreprise|"
    r"Handelsregister|HRB|company\s+(?:number|no\.?))\b[^\d\n]{0,12})"
    rf"(?P<num>{_REGISTRY_NUMBER}|(?:FR)?\d{{2}}\s?{_REGISTRY_NUMBER})(?![\w])",
    re.IGNORECASE,
)
_URL_NUMBER_RE = re.compile(r"(?<![\d])(\d{9}|\d{14})(?![\d])")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _accent_classes() -> dict[str, str]:
    table: dict[str, str] = {}
    for code in range(0xC0, 0x250):
        ch = chr(code)
        base = _fold(ch)
        if len(base) == 1 and base.isascii() and base.isalpha() and ch.lower() == ch:
            table[base] = table.get(base, "") + ch
    return table


_ACCENTS = _accent_classes()


def _letters(word: str) -> str:
    out = []
    for c in _fold(word):
        extra = _ACCENTS.get(c, "")
        out.append(f"[{re.escape(c)}{extra}]" if extra else re.escape(c))
    return "".join(out)


def _name_regex(name: str) -> str:
    parts = [p for p in re.split(r"[\s\-_.'’]+", _fold(name)) if p]
    if not parts:
        return ""
    forward = _SEP.join(_letters(p) for p in parts)
    if len(parts) == 1:
        return forward
    return f"(?:{forward}|{_SEP.join(_letters(p) for p in reversed(parts))})"


def _alternation(patterns: Iterable[str]) -> str:
    unique = sorted({p for p in patterns if p}, key=len, reverse=True)
    return "|".join(unique)


_PSEUDONYM_RE = re.compile(
    r"(?:handle|id|phone|page)-\d+|\[[a-z ]+(?:-\d+| \d+)?\]|site-\d+\.example|"
    r"\w\*\*\*@\*\*\*"
)


def _is_pseudonym(value: str) -> bool:
    """True for a value this module produced (so redacting twice changes nothing more)."""
    return value.startswith(NAME) or bool(_PSEUDONYM_RE.fullmatch(value))


def _canon(key: str) -> str:
    return re.sub(r"(?:[\s,;.\-–+_]|%20)+", " ", key).strip()


def _hosts_regex(host: str) -> str:
    return f"(?:www\\.)?{re.escape(host)}"


_GAP = r"(?:[\s,;.\-–+_]|%20)+"


def _phrase(text: str) -> str:
    """Pattern for a phrase whatever separates its words (spaces, commas, '+', '%20'...)."""
    return _GAP.join(_letters(w) for w in re.split(r"[\s,;.\-–+_]+", text) if w)


def _address_regex(address: str) -> str:
    """The whole address, its street part, and the street name without the house number
    ("rue des Lilas" in an excerpt that cut the number off)."""
    street = address.split(",")[0]
    patterns = [_phrase(address)]
    if len(street.split()) >= 2 and street != address:
        patterns.append(_phrase(street))
    name = re.sub(r"^\s*\d+\s*(?:bis|ter|[a-d])?\b[\s,]*", "", street, flags=re.I)
    if name != street and len(name.split()) >= 2:
        patterns.append(_phrase(name))
    return "|".join(patterns)


def _page_key(url: str) -> str:
    """A page's identity for redaction: host and path, without scheme, `www.`, query
    tracking or trailing slash."""
    try:
        parts = urlsplit(unquote(url))
    except ValueError:
        return url
    host = (parts.hostname or "").lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}" + (f"?{parts.query}" if parts.query else "")


def _mask_email(match: re.Match[str], url: bool) -> str:
    return f"{match.group(0)[0].lower()}***@***"


def _round_single(match: re.Match[str], url: bool) -> str | None:
    if _CLOCK_BEFORE.search(match.string, 0, match.start()):
        return None  # the seconds of a time of day, not a coordinate
    return f"{float(match.group(0)):.1f}"


def _round_pair(match: re.Match[str], url: bool) -> str:
    return f"{float(match.group(1)):.1f}{match.group(2)}{float(match.group(3)):.1f}"


def _round_dms(match: re.Match[str], url: bool) -> str:
    deg, minutes, seconds = match.group(1), match.group(2), match.group(3).replace(",", ".")
    value = int(deg) + int(minutes) / 60 + float(seconds) / 3600
    return f"{value:.1f}°{match.group(4) or ''}"
