"""Phone numbers in text (``phonenumbers`` matcher) and in ``tel:``, ``sms:`` and WhatsApp links.

Text matching runs `phonenumbers.PhoneNumberMatcher` with the page's country (domain or
language), then the subject's, then no region (``+international`` numbers). A number that is
not the person's own needs a phone word within 40 characters before it, or strict grouping
and a line of its own: any ten digits starting ``0[1-9]`` are a valid French number, so a bare
ID or reference would otherwise be reported (reference doc B.2).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, unquote, urlsplit

from checks._common.lazy import lazy_module
from checks.contacts.normalize import normalize_phone

if TYPE_CHECKING:
    import phonenumbers
else:
    phonenumbers = lazy_module("phonenumbers")

MAX_TEXT = 100_000
_CONTEXT_RE = re.compile(
    r"t[ée]l|phone|fon\b|fon:|telefon|mobil|portable|handy|fixe|fax|appel|joindre|whatsapp|"
    r"signal|gsm|cell|call|ruf|num[ée]ro|nummer|\bnr\.|☎|📞|📱|✆",
    re.IGNORECASE,
)
CONTEXT_CHARS = 40
_DATE_RE = re.compile(r"^\d{1,2}[./]\d{1,2}[./]\d{2,4}$")  # "04.10.2016" is a date


@dataclass(frozen=True, slots=True)
class PhoneMatch:
    """One number: E.164 value, raw text, position in the text, and how it was found."""

    value: str
    raw: str
    start: int
    end: int
    method: str  # text | tel_link | wa_link


def _e164(number: phonenumbers.PhoneNumber) -> str:
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def _matches(text: str, region: str | None, leniency: int) -> Iterator[tuple[int, int, str]]:
    for m in phonenumbers.PhoneNumberMatcher(text, region, leniency=leniency, max_tries=65535):
        yield m.start, m.end, _e164(m.number)


def _alone_on_line(text: str, start: int, end: int) -> bool:
    """The number is (nearly) all its line holds: a contact block's line, not prose."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    line = text[lo:hi if hi >= 0 else len(text)]
    return len(line.strip()) <= (end - start) + 6


def find_phones(
    text: str, region: str | None, known: Iterable[str] = (), page_region: str | None = None,
) -> Iterator[PhoneMatch]:
    """Numbers in the first `MAX_TEXT` characters of `text` (the matcher is slow on long
    pages); `known` are the person's numbers in E.164 form.

    Numbers are read with the page's own country first (`page_region`, from its domain or
    language), then the person's, then as international numbers. Leniency depends on the
    context: the person's own numbers in any format phonenumbers calls possible; a number
    after a phone word (Tél., Fon, Telefon, mobile, ☎...) when valid, switchboard forms
    like ``0731 / 153 87-0`` included; a number without a phone word only when its digits
    are grouped as the country writes them and it stands alone on its line."""
    text = text[:MAX_TEXT]
    known_set = set(known)
    regions: list[str | None] = []
    for reg in (page_region, region, None):
        if reg not in regions:
            regions.append(reg)
    strict: set[tuple[int, int]] = set()
    for reg in regions:
        strict |= {(s, e) for s, e, _ in _matches(text, reg, phonenumbers.Leniency.STRICT_GROUPING)}
    seen: list[tuple[int, int]] = []
    for reg in regions:
        candidates = list(_matches(text, reg, phonenumbers.Leniency.VALID))
        if known_set:
            candidates += [
                c for c in _matches(text, reg, phonenumbers.Leniency.POSSIBLE) if c[2] in known_set
            ]
        for start, end, value in candidates:
            if any(start < e and s < end for s, e in seen) or _DATE_RE.match(text[start:end]):
                continue
            if value not in known_set:
                before = text[max(0, start - CONTEXT_CHARS):start]
                if not _CONTEXT_RE.search(before) and not (
                        (start, end) in strict and _alone_on_line(text, start, end)):
                    continue
            seen.append((start, end))
            yield PhoneMatch(value, text[start:end], start, end, "text")


def phone_from_link(
    href: str, region: str | None, known: Iterable[str] = ()
) -> PhoneMatch | None:
    """The number in a ``tel:``/``sms:`` link, a ``wa.me/<digits>`` link or an
    ``api.whatsapp.com/send?phone=`` link; None for anything else or an invalid number."""
    href = unquote(href.strip())
    low = href.lower()
    raw: str | None = None
    method = "tel_link"
    if low.startswith(("tel:", "sms:")):
        raw = href.split(":", 1)[1].split("?", 1)[0].split(";", 1)[0]
    else:
        try:
            parts = urlsplit(href if "://" in href else "https://" + href)
            host = (parts.hostname or "").lower()
        except ValueError:
            return None
        if host in ("wa.me", "www.wa.me"):
            digits = parts.path.strip("/").split("/", 1)[0]
            raw = "+" + digits if digits.isdigit() else None
            method = "wa_link"
        elif host in ("api.whatsapp.com", "web.whatsapp.com") and parts.path.startswith("/send"):
            phone = parse_qs(parts.query).get("phone", [""])[0].strip()
            raw = ("+" + phone.lstrip("+")) if phone.lstrip("+").isdigit() else None
            method = "wa_link"
    if not raw:
        return None
    value = normalize_phone(raw, region, known=set(known))
    if value is None:
        return None
    return PhoneMatch(value, raw, 0, 0, method)
