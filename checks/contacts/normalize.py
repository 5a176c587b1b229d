"""Normal forms and masks for contact details: emails, phone numbers (E.164), postal addresses.

Pure functions. Normal forms decide whether a detail found on a page is the person's own; masks
are how other people's details appear in reports (``j***@e***.com``, ``+33 6 ** ** ** 34``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from typing import TYPE_CHECKING

from checks._common.lazy import lazy_module
from checks._common.text import clean_text, fold

if TYPE_CHECKING:
    import phonenumbers
else:
    phonenumbers = lazy_module("phonenumbers")


_ADDRESS_WORDS = {
    "bd": "boulevard", "bld": "boulevard", "boul": "boulevard", "av": "avenue", "ave": "avenue",
    "pl": "place", "st": "saint", "ste": "sainte", "imp": "impasse", "fbg": "faubourg",
    "rte": "route", "chem": "chemin", "sq": "square", "all": "allee",
}


def normalize_email(email: str) -> str:
    """Lowercase, trimmed; Gmail addresses also lose dots and ``+tags`` in the local part
    (Gmail ignores them); other providers' local parts are kept as they are."""
    email = clean_text(email).strip().strip("<>.,;:").lower()
    local, _, domain = email.rpartition("@")
    if domain in ("gmail.com", "googlemail.com"):
        local = local.split("+", 1)[0].replace(".", "")
        domain = "gmail.com"
    return f"{local}@{domain}" if local else email


def normalize_phone(
    raw: str, region: str | None, known: Collection[str] = (), strict: bool = True
) -> str | None:
    """E.164 form of a number (``+33639981234``), or None when it is not a valid number.

    A number that is only *possible* (e.g. the French fiction range 06 39 98, which
    phonenumbers rejects as invalid) is accepted when it is one of `known` or when `strict` is
    false (used for the numbers the person typed in)."""
    try:
        number = phonenumbers.parse(clean_text(raw), region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    value = str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
    if phonenumbers.is_valid_number(number) or not strict or value in known:
        return value
    return None


def format_phone(e164: str) -> str:
    """International display form (``+33 6 39 98 12 34``)."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return str(
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    )


def normalize_address(address: str) -> str:
    """Loose comparison form: folded, abbreviations expanded (bd -> boulevard, st -> saint)."""
    words = fold(address).split()
    return " ".join(_ADDRESS_WORDS.get(w, w) for w in words)


def addresses_match(a: str, b: str) -> bool:
    """Same postal code (when both have one) and near-identical house number and street."""
    na, nb = normalize_address(a), normalize_address(b)
    if na == nb:
        return True
    codes_a = set(re.findall(r"\b\d{5}\b", na))
    codes_b = set(re.findall(r"\b\d{5}\b", nb))
    if codes_a and codes_b and not codes_a & codes_b:
        return False
    num_a, num_b = re.match(r"\d+", na), re.match(r"\d+", nb)
    if num_a and num_b and num_a.group() != num_b.group():
        return False
    return difflib.SequenceMatcher(None, na, nb).ratio() >= 0.85


def mask_email(email: str) -> str:
    """``jeanne.martin@exemple.com`` -> ``j***@e***.com``."""
    local, _, domain = email.rpartition("@")
    labels = domain.split(".")
    tld = labels[-1] if len(labels) > 1 else ""
    head = (labels[0][:1] + "***") if labels and labels[0] else "***"
    local_mask = (local[:1] + "***") if local else "***"
    return f"{local_mask}@{head}.{tld}" if tld else f"{local_mask}@{head}"


def mask_phone(e164: str) -> str:
    """Keep the country code, the first national digit and the last two digits:
    ``+33612345678`` -> ``+33 6 ** ** ** 78``."""
    shown = format_phone(e164)
    try:
        code = str(phonenumbers.parse(e164, None).country_code)
    except phonenumbers.NumberParseException:
        code = ""
    prefix = f"+{code}" if code and shown.startswith(f"+{code}") else ""
    rest = shown[len(prefix):]
    digit_positions = [i for i, c in enumerate(rest) if c.isdigit()]
    keep = set(digit_positions[:1] + digit_positions[-2:])
    masked = "".join(
        c if (not c.isdigit() or i in keep) else "*" for i, c in enumerate(rest)
    )
    return prefix + masked


def mask_address(address: str) -> str:
    """Hide the house number and the street name; keep the first two digits of the postal
    code and the town: ``12 rue des Lilas, 69003 Lyon`` -> ``** rue ***, 69*** Lyon``."""
    code = re.search(r"\b(\d{2})\d{3}(?:-\d{4})?\b", address)
    town = ""
    if code:
        after = address[code.end():].strip(" ,")
        town = after.split(",")[0].strip()
    street_type = re.search(r"^\s*\d+\w*\s+([A-Za-zÀ-ÿ.]+)", address)
    kind = street_type.group(1) if street_type else ""
    parts = ["**", kind, "***,"] if kind else ["***,"]
    if code:
        parts.append(f"{code.group(1)}***")
    if town:
        parts.append(town)
    return " ".join(parts)


def mask_value(kind: str, value: str) -> str:
    """The masked form of a normalised detail of type ``email``, ``phone`` or ``address``."""
    if kind == "email":
        return mask_email(value)
    if kind == "phone":
        return mask_phone(value)
    return mask_address(value)
