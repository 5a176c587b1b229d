"""Who to call first, per country: the emergency number and the main helplines, ready to show.

Owns the small, stable view of the jurisdictions' `emergency` and `helplines` data that any
output (first screen, summary, handout) can print without knowing the knowledge-base layout:
`first_contacts(country, lang)` gives the emergency number and the country's top helplines, each
with a `tel:` (or `sms:`) link that a phone can dial.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from audit.plan import kb


@dataclass(frozen=True)
class Contact:
    """One number or service to contact, in the person's language."""

    id: str
    name: str
    number: str | None
    uri: str | None
    url: str | None
    what: str
    hours: str
    sms_only: bool
    source_url: str
    verified: str | None


@dataclass(frozen=True)
class FirstContacts:
    """The emergency number and the main helplines of one jurisdiction."""

    jurisdiction: str
    emergency: Contact
    others: tuple[Contact, ...]
    helplines: tuple[Contact, ...]


def dial_uri(number: str | None, sms: bool = False) -> str | None:
    """A `tel:` (or `sms:`) URI for a printed number ("116 006" -> "tel:116006")."""
    if not number:
        return None
    digits = re.sub(r"[^\d+]", "", number)
    if not digits:
        return None
    return ("sms:" if sms else "tel:") + digits


def contact(entry: dict[str, Any], lang: str) -> Contact:
    """A knowledge-base helpline or emergency entry as a `Contact`."""
    sms = bool(entry.get("sms_only"))
    return Contact(
        id=str(entry["id"]),
        name=kb.text(entry["name"], lang),
        number=entry.get("number"),
        uri=dial_uri(entry.get("number"), sms),
        url=entry.get("url"),
        what=kb.text(entry.get("what"), lang),
        hours=kb.text(entry.get("hours"), lang),
        sms_only=sms,
        source_url=str(entry.get("source_url") or ""),
        verified=entry.get("verified"),
    )


def first_contacts(country: str | None, lang: str = "en", limit: int = 3) -> FirstContacts:
    """The emergency number and up to `limit` top helplines (the KB lists them in order of
    priority) for a country code such as "FR", "GB", "US"; unknown EU countries get the EU
    entry."""
    lang = "fr" if lang == "fr" else "en"
    code = kb.jurisdiction_code(country, lang)
    entry = kb.jurisdiction(code)
    emergency = [contact(e, lang) for e in entry.get("emergency") or ()]
    helplines = [contact(h, lang) for h in entry.get("helplines") or ()]
    top = [h for h in helplines if h.number or h.url][:limit]
    return FirstContacts(
        jurisdiction=code,
        emergency=emergency[0],
        others=tuple(emergency[1:]),
        helplines=tuple(top),
    )
