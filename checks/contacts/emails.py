"""Email addresses in text: plain, HTML entities, zero-width characters, ``[at]``/``(at)``/
``arobase``/`` at `` spellings (Cloudflare's email protection: `checks._common.cfemail`).

Two tiers (see docs/reference search-contacts-links.md B.1): the strict tier (``@``,
bracketed ``[at]``/``(at)``/``{at}``, ``arobase``) is always kept; the loose tier (a bare
``at`` word) is kept only when the result is one of the person's emails or its local part
contains one of their names or handles, because ordinary sentences decode to garbage
("meet me at the point..." -> ``me@the.of``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote

from checks._common.cfemail import PLAIN_EMAIL_RE
from checks._common.text import clean_text, fold
from checks.contacts.normalize import normalize_email

_WORD = r"[A-Za-z0-9_%+\-]+"
_OPEN, _CLOSE = r"[\[\(\{<]\s*", r"\s*[\]\)\}>]"
_AT_BRACKET = rf"\s*{_OPEN}(?:at|arobase|@){_CLOSE}\s*"
_AT_WORD_FR = r"\s+arobase\s+"
# "@" glued to the local part, or spaced on both sides ("jean @ exemple.fr"); a space before
# it only ("Instagram @site.de") is a handle, not an address.
_AT_PLAIN = r"(?:@\s*|\s+@\s+)"
_AT_LOOSE = r"\s+at\s+"
_DOT_BRACKET = rf"\s*{_OPEN}(?:dot|point|\.){_CLOSE}\s*"
_DOT_WORD = r"\s+(?:dot|point)\s+"
_DOT = rf"(?:{_DOT_BRACKET}|{_DOT_WORD}|\.)"
_AT = rf"(?P<at>{_AT_BRACKET}|{_AT_WORD_FR}|{_AT_PLAIN}|{_AT_LOOSE})"
_EMAIL_RE = re.compile(
    # Bounded repetitions keep matching linear on long runs like "a dot a dot a ...".
    rf"(?<![\w.%+\-@])(?P<local>{_WORD}(?:{_DOT}{_WORD}){{0,12}}){_AT}"
    rf"(?P<domain>{_WORD}(?:{_DOT}{_WORD}){{1,8}})",
    re.IGNORECASE,
)
_DOT_ANY_RE = re.compile(rf"{_DOT_BRACKET}|{_DOT_WORD}|\.", re.IGNORECASE)
_DOT_WORD_RE = re.compile(_DOT_WORD, re.IGNORECASE)
_DOT_BRACKET_RE = re.compile(_DOT_BRACKET, re.IGNORECASE)
_NOT_TLDS = frozenset(
    {"png", "jpg", "jpeg", "gif", "svg", "webp", "css", "js", "ico", "pdf", "html", "php"}
)


@dataclass(frozen=True, slots=True)
class EmailMatch:
    """One address found in a text: normalised value, the raw text, its position, the form."""

    value: str
    raw: str
    start: int
    end: int
    method: str  # text | deobfuscated | loose


def emails_from_mailto(href: str) -> list[str]:
    """Addresses in a ``mailto:`` link (several may be comma-separated; query dropped)."""
    if not href.lower().startswith("mailto:"):
        return []
    target = unquote(html.unescape(href[7:])).split("?", 1)[0]
    out = []
    for part in target.split(","):
        part = clean_text(part).strip()
        if PLAIN_EMAIL_RE.match(part) and _tld_ok(part):
            out.append(normalize_email(part))
    return out


def _tld_ok(address: str) -> bool:
    tld = address.rsplit(".", 1)[-1].lower()
    return tld.isalpha() and 2 <= len(tld) <= 24 and tld not in _NOT_TLDS


def _rebuild(part: str) -> str:
    return _DOT_ANY_RE.sub(".", part).strip()


def find_emails(
    text: str, known: Iterable[str] = (), names: Iterable[str] = ()
) -> Iterator[EmailMatch]:
    """Every address in `text`, which should have gone through `prepare_text` (positions
    refer to it).

    `known` are the person's emails, `names` their names and handles: they decide whether a
    loose-tier spelling is kept.
    """
    known_set = {normalize_email(k) for k in known}
    name_tokens = {t for n in names for t in fold(n).split() if len(t) >= 3}
    for m in _EMAIL_RE.finditer(text):
        at = m.group("at")
        local, domain = m.group("local"), m.group("domain")
        start, end = m.start(), m.end()
        at_kind = at.strip().lower()
        if at_kind == "@":
            if _DOT_WORD_RE.search(domain) or _DOT_WORD_RE.search(local):
                # A bare "dot"/"point" word next to a real "@" is prose, not obfuscation.
                domain = _DOT_WORD_RE.split(domain)[0]
                local = _DOT_WORD_RE.split(local)[-1]
                if "." not in domain:
                    continue
                start = m.start("local") + m.group("local").rfind(local)
                end = m.start("domain") + len(domain)
            plain = at == "@" and not _has_bracket_dot(local + domain)
            method = "text" if plain else "deobfuscated"
        else:
            method = "loose" if at_kind == "at" else "deobfuscated"
        address = f"{_rebuild(local)}@{_rebuild(domain)}"
        if not PLAIN_EMAIL_RE.match(address) or not _tld_ok(address):
            continue
        value = normalize_email(address)
        if method == "loose" and value not in known_set:
            local_folded = fold(value.split("@", 1)[0])
            if not any(t in local_folded.replace(" ", "") for t in name_tokens):
                continue
        yield EmailMatch(value, text[start:end], start, end, method)


def _has_bracket_dot(s: str) -> bool:
    return bool(_DOT_BRACKET_RE.search(s))
