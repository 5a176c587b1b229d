"""From a parsed page to contact details, each classified as the person's own or not.

`Known` is what the person supplied, in normal form. `extract_details` runs every extractor
(text, links, structured data), merges duplicates and classifies each detail:

- ``own``: equal to a supplied email / phone (E.164) / address (loose comparison);
- ``likely_own`` (addresses only): on the person's own site, or inside a structured Person
  block naming them, or within 150 characters of their name in the text, unless the
  address's line holds someone else's email or phone;
- ``other``: everything else -- reported masked, never in full.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from checks._common.names import Names
from checks._common.page import Link, PageInfo
from checks._common.structured import PersonData
from checks._common.text import fold, prepare_text
from checks.contacts.addresses import find_addresses
from checks.contacts.emails import emails_from_mailto, find_emails
from checks.contacts.normalize import (
    addresses_match,
    mask_value,
    normalize_address,
    normalize_email,
    normalize_phone,
)
from checks.contacts.phones import find_phones, phone_from_link

EXCERPT_CHARS = 60
NAME_WINDOW = 150


@dataclass(frozen=True, slots=True)
class Known:
    """The person's own identifiers, normalised for comparison."""

    emails: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()
    addresses: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()
    region: str | None = None

    @classmethod
    def from_subject(cls, subject: Any, options: Mapping[str, Any] | None = None) -> Known:
        """Build from a `Subject` (plus the check option ``addresses``, a list of strings)."""
        options = options or {}
        region = subject.country or None
        phones = {normalize_phone(p, region, strict=False) for p in subject.phones}
        addresses = tuple(getattr(subject, "addresses", ()) or ()) + tuple(
            options.get("addresses") or ()
        )
        names = Names.of(subject).names
        return cls(
            emails=frozenset(normalize_email(e) for e in subject.emails),
            phones=frozenset(p for p in phones if p),
            addresses=addresses,
            names=names,
            handles=tuple(subject.handles),
            region=region,
        )

    def names_in(self, text: str) -> list[tuple[int, int]]:
        """Positions (in folded text) where one of the person's names appears."""
        return Names(self.names).names_in(text)

    def is_name(self, value: str) -> bool:
        """Whether `value` is one of the person's names (folded comparison)."""
        return Names(self.names).is_name(value)


@dataclass(frozen=True, slots=True)
class Detail:
    """One contact detail found on a page (unmasked: internal only, masked by `public_*`)."""

    type: str  # email | phone | address
    value: str
    raw: str
    methods: tuple[str, ...]
    excerpt: str
    ownership: str = "other"  # own | likely_own | other
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False)

    @property
    def own(self) -> bool:
        """Own or likely own: shown in full."""
        return self.ownership != "other"

    @property
    def public_value(self) -> str:
        """The value as reports may show it."""
        return self.value if self.own else mask_value(self.type, self.value)

    @property
    def key(self) -> str:
        """A stable key that does not reveal another person's detail."""
        if self.own:
            return f"{self.type}:{self.value}"
        digest = hashlib.sha256(f"{self.type}:{self.value}".encode()).hexdigest()[:16]
        return f"{self.type}:other:{digest}"


def _excerpt(text: str, start: int, end: int) -> str:
    """About 60 characters each side, widened to whole words so masking sees whole tokens."""
    lo, hi = max(0, start - EXCERPT_CHARS), min(len(text), end + EXCERPT_CHARS)
    while lo > 0 and not text[lo - 1].isspace() and start - lo < EXCERPT_CHARS + 60:
        lo -= 1
    while hi < len(text) and not text[hi].isspace() and hi - end < EXCERPT_CHARS + 60:
        hi += 1
    body = " ".join(text[lo:hi].split())
    return ("…" if lo else "") + body + ("…" if hi < len(text) else "")


def _near_name(known: Known, text: str, start: int) -> bool:
    """The person's name stands within `NAME_WINDOW` characters of the address, with no one
    else's email or phone between them: in "Camille Dufresne ... Votre agent : agence@...,
    04 76..., 5 avenue Foch" the address is the agent's."""
    # Positions in folded text drift a little from the original: a generous window is fine.
    ratio = len(fold(text)) / max(1, len(text))
    pos = int(start * ratio)
    for s, e in known.names_in(text):
        if abs(s - pos) > NAME_WINDOW:
            continue
        lo, hi = sorted((int(e / ratio) if s < pos else start, int(s / ratio) if s >= pos
                         else start))
        between = text[lo:hi]
        others = any(normalize_email(m.group(0)) not in known.emails
                     for m in _PLAIN_EMAIL.finditer(between)) or any(
            not _own_digits(known, m.group(0)) for m in _DIGITS_RE.finditer(between))
        if not others:
            return True
    return False


_DIGITS_RE = re.compile(r"\+?\d[\d \t.\-/()]{7,}\d")


def _own_digits(known: Known, raw: str) -> bool:
    """A run of digits that is one of the person's numbers (or too short to be a phone)."""
    digits = re.sub(r"\D", "", raw)
    return len(digits) < 9 or any(p[-9:] in digits for p in known.phones)


def _classify(d: Detail, known: Known, own_site: bool, near_name: bool, person: bool) -> str:
    if d.type == "email":
        return "own" if d.value in known.emails else "other"
    if d.type == "phone":
        return "own" if d.value in known.phones else "other"
    if any(addresses_match(d.value, a) for a in known.addresses):
        return "own"
    if own_site or near_name or person:
        return "likely_own" if known.names else "other"
    return "other"


def _structured(page: PageInfo, known: Known, extra: Sequence[PersonData]) -> list[Detail]:
    out: list[Detail] = []
    for person in (*page.persons, *extra):
        named = known.is_name(person.name)
        label = f"{person.method}: {person.name}".strip(": ")
        for raw in person.emails:
            for value in emails_from_mailto("mailto:" + raw.removeprefix("mailto:")):
                out.append(Detail("email", value, raw, (person.method,), f"{label} email {raw}"))
        for raw in person.phones:
            e164 = normalize_phone(raw, known.region, known=known.phones)
            if e164:
                out.append(Detail("phone", e164, raw, (person.method,), f"{label} tel {raw}"))
        for raw in person.addresses:
            found = list(find_addresses(raw))
            value = found[0].value if found else " ".join(raw.split())
            out.append(
                Detail("address", value, raw, (person.method,), f"{label} address {raw}",
                       extra={"person": named})
            )
    return out


def extract_details(
    page: PageInfo,
    known: Known,
    *,
    own_site: bool = False,
    extra_text: str = "",
    extra_persons: Sequence[PersonData] = (),
) -> list[Detail]:
    """Every contact detail in the page (and in `extra_text`, e.g. a profile bio),
    classified; other people's details are masked in every excerpt."""
    text = page.text + ("\n" + prepare_text(extra_text) if extra_text else "")
    names = (*known.names, *known.handles)
    found: list[tuple[Detail, bool]] = []
    for em in find_emails(text, known.emails, names):
        method = "cfemail" if em.value in page.cf_emails else em.method
        d = Detail("email", em.value, em.raw, (method,), _excerpt(text, em.start, em.end))
        found.append((d, False))
    for ph in find_phones(text, known.region, known.phones, page.region):
        d = Detail("phone", ph.value, ph.raw, ("text",), _excerpt(text, ph.start, ph.end))
        found.append((d, False))
    for ad in find_addresses(text):
        d = Detail("address", ad.value, ad.raw, ("text",), _excerpt(text, ad.start, ad.end))
        found.append((d, _near_name(known, text, ad.start)))
    for link in page.links:
        try:
            found.extend(_from_link(link, known))
        except ValueError:
            continue  # an odd link never loses the rest of the page
    for d in _structured(page, known, extra_persons):
        found.append((d, False))
    merged = _merge(found, known, own_site)
    return _mask_excerpts(merged, known)


def _from_link(link: Link, known: Known) -> list[tuple[Detail, bool]]:
    """The email of a ``mailto:`` link, the number of a ``tel:``/WhatsApp link."""
    found: list[tuple[Detail, bool]] = []
    for value in emails_from_mailto(link.url):
        excerpt = f"mailto link: {link.text or value}"
        found.append((Detail("email", value, value, ("mailto",), excerpt), False))
    ph_link = phone_from_link(link.url, known.region, known.phones)
    if ph_link is not None:
        excerpt = f"{ph_link.method.replace('_', ' ')}: {link.text or ph_link.raw}"
        d = Detail("phone", ph_link.value, ph_link.raw, (ph_link.method,), excerpt)
        found.append((d, False))
    return found


def _merge(found: Iterable[tuple[Detail, bool]], known: Known, own_site: bool) -> list[Detail]:
    by_key: dict[tuple[str, str], Detail] = {}
    for d, near in found:
        key = (d.type, normalize_address(d.value) if d.type == "address" else d.value)
        ownership = _classify(d, known, own_site, near, bool(d.extra.get("person")))
        old = by_key.get(key)
        if old is None:
            by_key[key] = Detail(d.type, d.value, d.raw, d.methods, d.excerpt, ownership)
            continue
        methods = old.methods + tuple(m for m in d.methods if m not in old.methods)
        best = "own" if "own" in (old.ownership, ownership) else (
            "likely_own" if "likely_own" in (old.ownership, ownership) else "other"
        )
        by_key[key] = Detail(old.type, old.value, old.raw, methods, old.excerpt, best)
    return list(by_key.values())


def _mask_excerpts(details: list[Detail], known: Known) -> list[Detail]:
    others = [d for d in details if not d.own]
    out = []
    for d in details:
        excerpt = d.excerpt
        for o in others:
            masked = mask_value(o.type, o.value)
            for needle in {o.raw, o.value}:
                if needle and len(needle) >= 5:
                    excerpt = excerpt.replace(needle, masked)
        excerpt = _mask_leftover_emails(excerpt, known)
        out.append(Detail(d.type, d.value, d.raw, d.methods, excerpt, d.ownership))
    return out


_PLAIN_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")


def _mask_leftover_emails(excerpt: str, known: Known) -> str:
    """Safety net: mask any plain address left in an excerpt that is not the person's."""

    def repl(m: re.Match[str]) -> str:
        value = normalize_email(m.group(0))
        return m.group(0) if value in known.emails else mask_value("email", value)

    return _PLAIN_EMAIL.sub(repl, excerpt)
