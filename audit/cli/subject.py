"""Building and checking a `Subject` from command-line values, with clear one-line errors."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from audit.errors import ConfigError
from audit.models import Subject

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def build_subject(
    *,
    name: str | None = None,
    former_names: Sequence[str] = (),
    handles: Sequence[str] = (),
    emails: Sequence[str] = (),
    phones: Sequence[str] = (),
    urls: Sequence[str] = (),
    photo_dirs: Sequence[str] = (),
    addresses: Sequence[str] = (),
    city: str | None = None,
    country: str | None = None,
    employer: str | None = None,
    lang: str = "en",
) -> Subject:
    """Validate every value and return the subject; raise ConfigError on the first bad one."""
    for handle in handles:
        if not Subject.handle_is_valid(handle):
            raise ConfigError(
                f"invalid handle {handle!r}: use letters, digits, '.', '_' or '-' "
                "(1 to 64 characters, an optional leading @)"
            )
    for email in emails:
        if not _EMAIL.match(email.strip()):
            raise ConfigError(f"invalid email address {email!r}")
    region = (country or "").upper() or None
    if phones:
        import phonenumbers  # only when phones are given: keeps start-up light
    for phone in phones:
        try:
            parsed = phonenumbers.parse(phone, region)
        except phonenumbers.NumberParseException as exc:
            raise ConfigError(
                f"invalid phone number {phone!r}: {exc}; give it as +33 6 12 34 56 78 "
                "or with --country"
            ) from exc
        if not phonenumbers.is_possible_number(parsed):
            raise ConfigError(f"invalid phone number {phone!r}: not a possible number")
    for url in urls:
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 - raises ValueError for a port out of range
        except ValueError as exc:
            raise ConfigError(f"invalid URL {url!r}: {exc}") from exc
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigError(f"invalid URL {url!r}: give a full http:// or https:// address")
    for folder in photo_dirs:
        if not os.path.isdir(folder):
            raise ConfigError(f"photo folder not found: {folder}")
        if not os.access(folder, os.R_OK | os.X_OK):
            raise ConfigError(f"photo folder not readable: {folder}")
    if country and not re.fullmatch(r"[A-Za-z]{2}", country):
        raise ConfigError(f"invalid country {country!r}: use a two-letter code such as FR or US")
    subject = Subject(
        name=name,
        former_names=tuple(former_names),
        handles=tuple(handles),
        emails=tuple(emails),
        phones=tuple(phones),
        urls=tuple(urls),
        photo_dirs=tuple(os.path.abspath(p) for p in photo_dirs),
        addresses=tuple(addresses),
        city=city,
        country=country,
        employer=employer,
        lang=lang,
    )
    if subject.is_empty():
        raise ConfigError(
            "nothing to audit: give at least --name, --handle, --email, --phone, --url or --photos"
        )
    return subject
