"""The `contact` finding for one detail on one page.

``data`` fields (JSON): ``type`` (email / phone / address), ``value`` (normalised: email
lowercased, phone E.164, address on one line; masked when not the person's own), ``own``
(bool), ``ownership`` (own / likely_own / other), ``source_url``, ``excerpt`` (short text
around the detail, other people's details masked), ``methods`` (how it was found: text,
deobfuscated, loose, cfemail, mailto, tel_link, wa_link, jsonld, hcard, og, vcf) and
``page_kind`` (own_site / profile / search_result).

Severity: the person's phone or address is high, their email medium; someone else's detail is
info (it is listed, masked, so the person knows what their pages show about others).
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from audit.models import Confidence, Evidence, Finding, Severity
from checks._common.fetch import url_key
from checks.contacts import texts
from checks.contacts.extract import Detail


def _where(url: str) -> str:
    parts = urlsplit(url)
    return (parts.hostname or "").removeprefix("www.") + (parts.path if parts.path != "/" else "")


def severity_of(d: Detail) -> Severity:
    """High for the person's phone or address, medium for their email, info otherwise."""
    if not d.own:
        return Severity.INFO
    return Severity.MEDIUM if d.type == "email" else Severity.HIGH


def contact_finding(
    d: Detail, source_url: str, page_kind: str, now: datetime, lang: str = "en"
) -> Finding:
    """Build the finding (masking other people's values); the title is in `lang`."""
    if d.ownership == "own":
        confidence = Confidence.HIGH
    elif d.ownership == "likely_own":
        confidence = Confidence.MEDIUM
    else:
        confidence = Confidence.LOW
    data = {
        "type": d.type,
        "value": d.public_value,
        "own": d.own,
        "ownership": d.ownership,
        "source_url": source_url,
        "excerpt": d.excerpt,
        "methods": list(d.methods),
        "page_kind": page_kind,
    }
    return Finding(
        kind="contact",
        title=texts.title(lang, d.ownership, d.type, _where(source_url)),
        severity=severity_of(d),
        confidence=confidence,
        url=source_url,
        evidence=(Evidence(source_url, d.excerpt, now, ",".join(d.methods)),),
        data=data,
        key=f"{d.key}@{url_key(source_url)}",
    )
