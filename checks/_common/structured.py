"""Structured data about a person in a page: JSON-LD ``Person``, microformats h-card (and the
legacy ``vcard`` classes), OpenGraph contact properties, and vCard (.vcf) files.

Each source becomes a `PersonData` (name, emails, phones, addresses, URLs as written); the
extraction pipeline normalises and classifies them like any other detail.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from checks._common import soup as _soup
from checks._common.souptext import short_text

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

MAX_CARDS = 10


@dataclass(frozen=True, slots=True)
class PersonData:
    """What one structured block says about someone. `method`: jsonld, hcard, og or vcf."""

    method: str
    name: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()


def _strs(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [s for v in value for s in _strs(v)]
    if isinstance(value, dict):
        for key in ("@id", "url", "name"):
            if isinstance(value.get(key), str):
                return [value[key].strip()]
    return []


def _postal(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [a for v in value for a in _postal(v)]
    if isinstance(value, dict):
        street = str(value.get("streetAddress") or "").strip()
        code = str(value.get("postalCode") or "").strip()
        town = str(value.get("addressLocality") or "").strip()
        region = str(value.get("addressRegion") or "").strip()
        tail = f"{town}, {region} {code}" if region and code and not code[:1].isalpha() and (
            len(region) == 2
        ) else f"{code} {town}".strip()
        text = ", ".join(p for p in (street, tail) if p)
        return [text] if text else []
    return []


def _is_person(node: dict[str, Any]) -> bool:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1] == "Person" for k in kinds)


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, list):
        for item in node:
            yield from _walk(item)
    elif isinstance(node, dict):
        if _is_person(node):
            yield node
        for key, value in node.items():
            if key != "@context" and isinstance(value, dict | list):
                yield from _walk(value)


def jsonld_persons(soup: BeautifulSoup) -> list[PersonData]:
    """Every ``Person`` in the page's JSON-LD blocks (``@graph``, nested ``mainEntity``)."""
    out = []
    for script in soup.find_all("script", attrs={"type": re.compile("ld\\+json", re.I)}):
        try:
            data = json.loads(script.string or script.get_text() or "null")
        except ValueError:
            continue
        for node in _walk(data):
            out.append(
                PersonData(
                    "jsonld",
                    name=" ".join(_strs(node.get("name"))[:1]),
                    emails=tuple(e.removeprefix("mailto:") for e in _strs(node.get("email"))),
                    phones=tuple(p.removeprefix("tel:") for p in _strs(node.get("telephone"))),
                    addresses=tuple(_postal(node.get("address"))),
                    urls=tuple(_strs(node.get("sameAs")) + _strs(node.get("url"))),
                )
            )
    return out


def _is_postal(node: dict[str, Any]) -> bool:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1] == "PostalAddress" for k in kinds)


def _postal_nodes(node: Any, owner: str = "", in_person: bool = False,
                  ) -> Iterator[tuple[str, dict[str, Any]]]:
    """(owner name, PostalAddress node) for every address outside a Person block (those are
    read with their Person)."""
    if isinstance(node, list):
        for item in node:
            yield from _postal_nodes(item, owner, in_person)
        return
    if not isinstance(node, dict):
        return
    person = in_person or _is_person(node)
    name = " ".join(_strs(node.get("name"))[:1]) or owner
    if _is_postal(node) and not in_person:
        yield owner, node
        return
    for key, value in node.items():
        if key == "address" and isinstance(value, dict) and not person and not _is_postal(value):
            yield name, value
        elif key != "@context" and isinstance(value, dict | list):
            yield from _postal_nodes(value, name, person)


def postal_blocks(soup: BeautifulSoup) -> list[PersonData]:
    """Every ``PostalAddress`` in the page's structured data outside a ``Person`` block:
    JSON-LD (an organisation's, a place's, an event's) and microdata ``itemtype``."""
    out: list[PersonData] = []
    for script in soup.find_all("script", attrs={"type": re.compile("ld\\+json", re.I)}):
        try:
            data = json.loads(script.string or script.get_text() or "null")
        except ValueError:
            continue
        for owner, node in _postal_nodes(data):
            addresses = tuple(_postal(node))
            if addresses:
                out.append(PersonData("jsonld", name=owner, addresses=addresses))
    for tag in soup.find_all(True, attrs={"itemtype": re.compile("PostalAddress", re.I)}):
        if not isinstance(tag, _soup.Tag):
            continue
        parts = {}
        for key in ("streetAddress", "postalCode", "addressLocality", "addressRegion"):
            prop = tag.find(True, attrs={"itemprop": key})
            if isinstance(prop, _soup.Tag):
                value = prop.get("content") or prop.get_text(" ", strip=True)
                parts[key] = " ".join(str(value).split())
        addresses = tuple(_postal(parts))
        if addresses:
            out.append(PersonData("microdata", addresses=addresses))
    return out


def _classes(tag: Tag) -> set[str]:
    value = tag.get("class")
    return set(value) if isinstance(value, list) else set(str(value or "").split())


def _within(card: Tag, *names: str) -> list[Tag]:
    wanted = set(names)
    return [t for t in card.find_all(True, limit=5000) if _classes(t) & wanted][:20]


def _text(tag: Tag) -> str:
    return short_text(tag, 500, 2000)


def _href_or_text(tag: Tag, prefix: str) -> str:
    href = str(tag.get("href") or "")
    if href.lower().startswith(prefix):
        return href[len(prefix):].split("?", 1)[0]
    return _text(tag)


def hcards(soup: BeautifulSoup) -> list[PersonData]:
    """Microformats2 h-card and legacy vcard blocks."""
    out: list[PersonData] = []
    for card in soup.find_all(True):
        if len(out) >= MAX_CARDS:
            break
        if not _classes(card) & {"h-card", "vcard"}:
            continue
        names = _within(card, "p-name", "fn")
        adrs = []
        for adr in _within(card, "p-adr", "h-adr", "adr"):
            parts = [_text(t) for t in _within(adr, "p-street-address", "street-address")]
            code = [_text(t) for t in _within(adr, "p-postal-code", "postal-code")]
            town = [_text(t) for t in _within(adr, "p-locality", "locality")]
            composed = ", ".join(p for p in (" ".join(parts), " ".join(code + town)) if p)
            adrs.append(composed or _text(adr))
        out.append(
            PersonData(
                "hcard",
                name=_text(names[0]) if names else "",
                emails=tuple(
                    _href_or_text(t, "mailto:") for t in _within(card, "u-email", "email")
                ),
                phones=tuple(_href_or_text(t, "tel:") for t in _within(card, "p-tel", "tel")),
                addresses=tuple(a for a in adrs if a),
                urls=tuple(
                    str(t.get("href")) for t in _within(card, "u-url", "url") if t.get("href")
                ),
            )
        )
    return out


def opengraph(soup: BeautifulSoup) -> dict[str, str]:
    """``og:*``, ``profile:*`` and ``twitter:*`` meta values (first of each)."""
    out: dict[str, str] = {}
    for meta in soup.find_all("meta"):
        key = str(meta.get("property") or meta.get("name") or "").strip().lower()
        if key.startswith(("og:", "profile:", "twitter:")) and key not in out:
            out[key] = str(meta.get("content") or "").strip()
    return out


def og_person(og: dict[str, str]) -> PersonData | None:
    """The contact properties of the original OpenGraph spec (og:email, og:phone_number,
    og:street-address...), when a page sets them."""
    address = ", ".join(
        p for p in (og.get("og:street-address", ""),
                    f"{og.get('og:postal-code', '')} {og.get('og:locality', '')}".strip()) if p
    )
    name = " ".join(
        p for p in (og.get("profile:first_name", ""), og.get("profile:last_name", "")) if p
    )
    person = PersonData(
        "og",
        name=name,
        emails=(og["og:email"],) if og.get("og:email") else (),
        phones=(og["og:phone_number"],) if og.get("og:phone_number") else (),
        addresses=(address,) if og.get("og:street-address") else (),
    )
    if person.emails or person.phones or person.addresses or person.name:
        return person
    return None


def parse_vcard(text: str) -> list[PersonData]:
    """A minimal vCard 3/4 reader: FN, EMAIL, TEL, ADR, URL of each BEGIN/END:VCARD block."""
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    cards: list[PersonData] = []
    fields: dict[str, list[str]] = {}
    for line in unfolded.splitlines():
        if ":" not in line:
            continue
        head, value = line.split(":", 1)
        prop = head.split(";", 1)[0].split(".")[-1].upper()
        if prop == "BEGIN":
            fields = {}
        elif prop == "END":
            adrs = []
            for adr in fields.get("ADR", []):
                parts = [p.strip() for p in adr.split(";")] + [""] * 7
                street, town, code = parts[2], parts[3], parts[5]
                adrs.append(", ".join(p for p in (street, f"{code} {town}".strip()) if p))
            cards.append(
                PersonData(
                    "vcf",
                    name=(fields.get("FN") or [""])[0],
                    emails=tuple(fields.get("EMAIL", [])),
                    phones=tuple(v.removeprefix("tel:") for v in fields.get("TEL", [])),
                    addresses=tuple(a for a in adrs if a),
                    urls=tuple(fields.get("URL", [])),
                )
            )
        else:
            fields.setdefault(prop, []).append(value.replace("\\,", ",").strip())
    return cards
