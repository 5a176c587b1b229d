"""Postal addresses in text beyond the French form: German, Austrian and Swiss (street then
number, 4- or 5-digit code), Belgian and Swiss French (``Rue de la Loi 16, 1000 Bruxelles``),
British (postcode ``SW1A 2AA``), Canadian (``ON M5V 2T6``) and US forms without a street-type
word or without the commas (the ZIP must still belong to the state).

No library does this job well here: `usaddress` parses a string already known to be a US
address (it does not find one in a page), `pyap` has had no release since 2020, and libpostal
needs a C library and about 2 GB of model data. Each pattern below is anchored on what a
street address cannot do without (a house number, a postal code of the country's shape, a
town) and the postal code is checked where the country has a rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_UP = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ"
_LOW = "a-zàâäçéèêëîïôöùûüÿß"
_DE_STREET = (
    r"stra(?:ß|ss)e|str\.|weg|gasse|platz|allee|ring|damm|ufer|chaussee|steig|pfad|markt|"
    r"graben|berg|hof|straat|laan|plein|steenweg|lei|dreef|kade|gracht"
)
# Musterstraße 12, 10115 Berlin / Bahnhofstrasse 1 · CH-8001 Zürich / Kerkstraat 12 2000 Antwerpen
_DE_RE = re.compile(
    rf"(?<![\w-])(?P<street>(?:[{_UP}][{_LOW}]+(?:e|er|es|en)\s)?[{_UP}][\w.\-]*?"
    rf"(?i:{_DE_STREET}))"
    rf"\s+(?P<num>\d{{1,4}}(?:\s?[a-z])?(?:\s?[-/]\s?\d{{1,4}})?)\s*[,·|•\n–-]?\s*"
    rf"(?:(?P<cc>D|DE|A|AT|CH|B|BE)-\s?)?(?P<cp>\d{{4,5}})\s+(?P<city>[{_UP}][\w\-']+"
    rf"(?:[ \t](?:am|an|im|bei|ob|sur|[{_UP}])[\w.\-']*){{0,2}})",
)
# Kornflur 5 / 97332 Volkach: a German street without a street word, then the postal code
# and town on the next line (an imprint's layout); only with five digits and a line break.
_DE_LINES_RE = re.compile(
    rf"(?<![\w-])(?P<street>[{_UP}][{_LOW}]+(?:[ -][{_UP}]?[{_LOW}]+){{0,2}})[ \t]+"
    rf"(?P<num>\d{{1,4}}[a-z]?)[ \t]*\n[ \t]*(?:(?P<cc>D|DE)-\s?)?(?P<cp>\d{{5}})[ \t]+"
    rf"(?P<city>[{_UP}][\w\-']+(?:[ \t](?:am|an|im|bei|ob|[{_UP}])[\w.\-']*){{0,2}})"
)
_NOT_STREETS = frozenset({"seite", "nr", "tel", "fax", "raum", "zimmer", "band", "heft",
                          "ausgabe", "kapitel", "jahr", "tag", "folge", "teil", "top", "stand",
                          "version", "artikel", "punkt", "gruppe", "halle", "stock", "etage"})
_FR_TYPES = (
    r"rue|avenue|av\.|boulevard|bd|place|chemin|route|quai|impasse|all[ée]e|square|"
    r"chauss[ée]e|drève|clos|sentier|passage|cours"
)
# Rue de la Loi 16, 1000 Bruxelles / Avenue Louise 54, B-1050 Ixelles / 16 rue X, 1204 Genève
_BE_CH_RE = re.compile(
    rf"(?<![\w-])(?:(?P<num1>\d{{1,4}}[a-z]?)\s*,?\s+)?(?P<street>(?:{_FR_TYPES})\s"
    rf"[^\n,;:\d()]{{2,50}}?)\s*(?P<num2>\d{{1,4}}[a-z]?)?\s*[,–\-]?\s*"
    rf"(?:(?P<cc>B|BE|CH)-)?(?P<cp>\d{{4}})\s+(?P<city>[{_UP}][\w\-']+(?:[ \t\-][\w\-']+)?)",
    re.IGNORECASE,
)
_UK_POSTCODE = r"(?:[A-Z]{1,2}\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2})"
# 10 Downing Street, London SW1A 2AA
_UK_RE = re.compile(
    rf"(?<![\w-])(?P<num>\d{{1,4}}[A-Za-z]?)\s+(?P<street>[A-Z][\w'\-]*(?:\s[A-Z][\w'\-]*){{0,4}})"
    rf"\s*,\s*(?:(?P<city>[A-Z][\w'\-]*(?:\s[A-Z][\w'\-]*){{0,2}})\s*,?\s+)?"
    rf"(?P<pc>{_UK_POSTCODE})\b"
)
_PROVINCES = "AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT"
# 123 Main Street, Toronto, ON M5V 2T6
_CA_RE = re.compile(
    rf"(?<![\w-])(?P<num>\d{{1,6}})\s+(?P<rest>[A-Z0-9][\w.'\- ,]{{3,80}}?),?\s+"
    rf"(?P<prov>{_PROVINCES})\s+(?P<pc>[ABCEGHJ-NPRSTVXY]\d[A-Z]\s?\d[A-Z]\d)\b"
)
_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|"
    "NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR"
)
# 350 Fifth Avenue New York NY 10118 / 1600 Pennsylvania Avenue NW Washington, DC 20500
_US_LOOSE_RE = re.compile(
    rf"(?<![\w-])(?P<num>\d{{1,6}})\s+(?P<rest>(?:[A-Z0-9][\w.'\-]*,?\s+){{2,9}}?)"
    rf"(?P<state>{_STATES}),?\s+(?P<zip>\d{{5}})(?:-(?P<plus4>\d{{4}}))?\b"
)


@dataclass(frozen=True, slots=True)
class IntlMatch:
    """One address: a tidy one-line value, the raw text, its position, its country."""

    value: str
    raw: str
    start: int
    end: int
    country: str
    postal_code: str


def _tidy(text: str) -> str:
    return " ".join(text.replace("\n", " ").split()).strip(" ,-–")


def _de_country(cc: str | None, cp: str) -> str | None:
    cc = (cc or "").upper()
    if cc in ("A", "AT"):
        return "AT" if len(cp) == 4 else None
    if cc == "CH":
        return "CH" if len(cp) == 4 else None
    if cc in ("B", "BE"):
        return "BE" if len(cp) == 4 else None
    if cc in ("D", "DE"):
        return "DE" if len(cp) == 5 else None
    return "DE" if len(cp) == 5 else "AT/CH/BE"


def find_intl_addresses(text: str, us_zip_ok: object = None) -> Iterator[IntlMatch]:
    """Addresses in the forms listed in the module docstring. `us_zip_ok(state, zip)`
    validates US ZIP codes (passed in to keep one copy of the rule)."""
    for m in _DE_RE.finditer(text):
        country = _de_country(m.group("cc"), m.group("cp"))
        if country is None:
            continue
        code = m.group("cp")
        prefix = f"{m.group('cc')}-" if m.group("cc") else ""
        value = f"{_tidy(m.group('street'))} {_tidy(m.group('num'))}, {prefix}{code} " \
                f"{_tidy(m.group('city'))}"
        yield IntlMatch(value, m.group(0), m.start(), m.end(), country, code)
    for m in _DE_LINES_RE.finditer(text):
        if m.group("street").split()[0].lower() in _NOT_STREETS:
            continue
        value = f"{_tidy(m.group('street'))} {m.group('num')}, {m.group('cp')} " \
                f"{_tidy(m.group('city'))}"
        yield IntlMatch(value, m.group(0), m.start(), m.end(), "DE", m.group("cp"))
    for m in _BE_CH_RE.finditer(text):
        num = m.group("num1") or m.group("num2")
        if not num:
            continue
        code = m.group("cp")
        prefix = f"{m.group('cc')}-" if m.group("cc") else ""
        street = _tidy(m.group("street"))
        head = f"{num} {street}" if m.group("num1") else f"{street} {num}"
        value = f"{head}, {prefix}{code} {_tidy(m.group('city'))}"
        yield IntlMatch(value, m.group(0), m.start(), m.end(), "BE/CH", code)
    for m in _UK_RE.finditer(text):
        city = f"{_tidy(m.group('city'))} " if m.group("city") else ""
        value = f"{m.group('num')} {_tidy(m.group('street'))}, {city}{m.group('pc')}"
        yield IntlMatch(value, m.group(0), m.start(), m.end(), "GB", m.group("pc"))
    for m in _CA_RE.finditer(text):
        value = f"{m.group('num')} {_tidy(m.group('rest'))}, {m.group('prov')} {m.group('pc')}"
        yield IntlMatch(value, m.group(0), m.start(), m.end(), "CA", m.group("pc"))
    for m in _US_LOOSE_RE.finditer(text):
        state, zip_code = m.group("state"), m.group("zip")
        if callable(us_zip_ok) and not us_zip_ok(state, zip_code):
            continue
        plus4 = m.group("plus4")
        zip_full = f"{zip_code}-{plus4}" if plus4 else zip_code
        value = f"{m.group('num')} {_tidy(m.group('rest'))}, {state} {zip_full}"
        yield IntlMatch(value, m.group(0), m.start(), m.end(), "US", zip_full)
