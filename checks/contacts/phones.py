"""Phone numbers in text (``phonenumbers`` matcher) and in ``tel:``, ``sms:`` and WhatsApp links.

Text matching uses the subject's country as the default region with `Leniency.VALID`, plus a
region-less pass for ``+international`` numbers. A number that is not the person's own is kept
only when it also passes `Leniency.STRICT_GROUPING` and a phone word stands within 40
characters before it: any ten digits starting ``0[1-9]`` are a valid French number, so a
bare ID or reference would otherwise be reported (reference doc B.2).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, unquote, urlsplit

from checks._lazy import lazy_module
from checks.contacts.normalize import normalize_phone

if TYPE_CHECKING:
    import phonenumbers
else:
    phonenumbers = lazy_module("phonenumbers")

MAX_TEXT = 100_000
_CONTEXT_RE = re.compile(
    r"t[ée]l|phone|portable|mobile|fixe|fax|appel|joindre|whatsapp|gsm|cell|call|☎|📞",
    re.IGNORECASE,
)


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


def find_phones(
    text: str, region: str | None, known: Iterable[str] = ()
) -> Iterator[PhoneMatch]:
    """Numbers in the first `MAX_TEXT` characters of `text` (the matcher is slow on long
    pages); `known` are the person's numbers in E.164 form."""
    text = text[:MAX_TEXT]
    known_set = set(known)
    strict = {
        (s, e) for s, e, _ in _matches(text, region, phonenumbers.Leniency.STRICT_GROUPING)
    }
    if region is not None:
        strict |= {
            (s, e) for s, e, _ in _matches(text, None, phonenumbers.Leniency.STRICT_GROUPING)
        }
    seen: set[tuple[int, int]] = set()
    regions: list[str | None] = [region, None] if region is not None else [None]
    for reg in regions:
        # The person's own numbers are matched by their exact E.164 form, even when
        # phonenumbers calls them merely "possible" (fiction ranges, new ranges).
        candidates = list(_matches(text, reg, phonenumbers.Leniency.VALID))
        if known_set:
            candidates += [
                c for c in _matches(text, reg, phonenumbers.Leniency.POSSIBLE) if c[2] in known_set
            ]
        for start, end, value in candidates:
            if (start, end) in seen:
                continue
            if value not in known_set:
                before = text[max(0, start - 40):start]
                if (start, end) not in strict or not _CONTEXT_RE.search(before):
                    continue
            seen.add((start, end))
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
        parts = urlsplit(href if "://" in href else "https://" + href)
        host = (parts.hostname or "").lower()
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
