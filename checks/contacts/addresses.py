"""Postal addresses in text: French street addresses and US street addresses, each checked
against postal-code rules (data/postal_rules.json) so ``Total 12345 Euros`` is not an address;
the German, Austrian, Swiss, Belgian, British, Canadian and comma-less US forms are in
`checks.contacts.addresses_intl`.

French form: number [bis|ter] [,] type de voie + name [,|-] code postal + commune [CEDEX nn].
US form: number + street (ending with a street type) , city , ST 12345[-6789], where the
ZIP's first digit must belong to the state.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

_VOIES = (
    "rue|avenue|av\\.?|boulevard|bd|bld|place|pl\\.|impasse|all[ée]e|chemin|route|quai|cours|"
    "square|passage|villa|cit[ée]|r[ée]sidence|hameau|lieu-dit|lotissement|voie|sentier|"
    "rond-point|esplanade|faubourg|fbg|promenade|parvis|mont[ée]e|traverse|venelle|ruelle|"
    "chauss[ée]e|clos|domaine"
)
_UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ"
_FR_RE = re.compile(
    rf"(?<![\w-])(?P<num>\d{{1,4}}(?:\s?(?:bis|ter|quater|[A-D])\b)?)\s*,?\s+"
    rf"(?P<street>(?:{_VOIES})\s+[^\n,;:\d()]{{2,60}}?)\s*[,–\-]?\s*"
    rf"(?P<cp>\d{{5}})\s+(?P<city>[{_UPPER}][\w'’\- ]{{1,40}}?)"
    rf"(?P<cedex>\s+cedex(?:\s+\d{{1,2}})?)?(?=\s*(?:$|[\n,.;:()<]|\s[a-z]|\s\d|\s[{_UPPER}]))",
    re.IGNORECASE,
)
_US_TYPES = (
    "Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Way|"
    "Terrace|Ter|Parkway|Pkwy|Circle|Cir|Highway|Hwy|Square|Sq|Trail|Trl"
)
_US_RE = re.compile(
    rf"(?<![\w-])(?P<num>\d{{1,6}})\s+(?P<street>(?:[A-Z0-9][\w.'\-]*\s+){{0,5}}?"
    rf"(?:{_US_TYPES})\.?(?:\s+(?:Apt|Suite|Ste|Unit|#)\.?\s*[\w\-]+)?)\s*,\s*"
    rf"(?P<city>[A-Z][A-Za-z.'\-]*(?:\s+[A-Z][A-Za-z.'\-]*){{0,3}})\s*,\s*"
    r"(?P<state>[A-Z]{2})\s+(?P<zip>\d{5})(?:-(?P<plus4>\d{4}))?\b"
)


@dataclass(frozen=True, slots=True)
class AddressMatch:
    """One address: a tidy one-line value, the raw text, its position, its country."""

    value: str
    raw: str
    start: int
    end: int
    country: str  # "FR" | "US"
    postal_code: str


@cache
def _rules() -> dict[str, Any]:
    text = resources.files("checks.contacts").joinpath("data/postal_rules.json").read_text()
    data: dict[str, Any] = json.loads(text)
    return data


def french_postal_code_ok(code: str) -> bool:
    """Five digits whose prefix is a departement (01-95, Corsica as 20xxx) or an overseas
    prefix (971-978, 980 Monaco, 986-988)."""
    if not re.fullmatch(r"\d{5}", code):
        return False
    fr = _rules()["fr"]
    low, high = fr["mainland_departements"]
    if low <= int(code[:2]) <= high:
        return True
    return code[:3] in fr["overseas_prefixes"]


def us_zip_ok(state: str, zip_code: str) -> bool:
    """The ZIP's first digit belongs to the state (USPS national areas)."""
    states = _rules()["us"]["first_digit"].get(zip_code[:1], [])
    return state.upper() in states


# a number that is not part of a decimal one ("12", "75001", "SW1A"), as every form needs
_WHOLE_NUMBER = re.compile(r"(?<![\d.])\d+(?!\d|\.\d)")


def find_addresses(text: str) -> Iterator[AddressMatch]:
    """French, US, then the other forms of `checks.contacts.addresses_intl` (DE, AT, CH,
    BE, UK, CA, US without commas); postal codes checked; a span already read by an earlier
    form is not read again. A text whose numbers are all decimals (coordinates, sizes) is not
    read at all: every form has a house number or a postal code."""
    if not _WHOLE_NUMBER.search(text):
        return
    taken: list[tuple[int, int]] = []
    for found in _all_addresses(text):
        if any(found.start < end and start < found.end for start, end in taken):
            continue
        taken.append((found.start, found.end))
        yield found


def _all_addresses(text: str) -> Iterator[AddressMatch]:
    from checks.contacts.addresses_intl import find_intl_addresses

    for m in _FR_RE.finditer(text):
        code = m.group("cp")
        if not french_postal_code_ok(code):
            continue
        num = " ".join(m.group("num").split())
        street = " ".join(m.group("street").split()).rstrip(" -–")
        city = " ".join(m.group("city").split())
        cedex = " ".join((m.group("cedex") or "").split())
        value = f"{num} {street}, {code} {city}" + (f" {cedex.upper()}" if cedex else "")
        yield AddressMatch(value, m.group(0), m.start(), m.end(), "FR", code)
    for m in _US_RE.finditer(text):
        state, zip_code = m.group("state"), m.group("zip")
        if not us_zip_ok(state, zip_code):
            continue
        plus4 = m.group("plus4")
        zip_full = f"{zip_code}-{plus4}" if plus4 else zip_code
        street = " ".join(m.group("street").split())
        value = f"{m.group('num')} {street}, {m.group('city')}, {state} {zip_full}"
        yield AddressMatch(value, m.group(0), m.start(), m.end(), "US", zip_full)
    for other in find_intl_addresses(text, us_zip_ok):
        yield AddressMatch(other.value, other.raw, other.start, other.end, other.country,
                           other.postal_code)
