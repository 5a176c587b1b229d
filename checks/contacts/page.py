"""One fetched HTML page, parsed once: visible text (Cloudflare-protected addresses decoded in
place), links with their ``rel`` values, ``rel="me"`` and verified profile fields, structured
person data, OpenGraph values and vCard links. Both the `contacts` and the `links` checks read
pages through `parse_page`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING
from urllib.parse import urldefrag, urljoin, urlsplit

from checks import _soup
from checks.contacts.emails import cf_hex_from_href, decode_cfemail, prepare_text
from checks.contacts.souptext import short_text
from checks.contacts.structured import (
    PersonData,
    hcards,
    jsonld_persons,
    og_person,
    opengraph,
)

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

_BIO_CLASS = re.compile(r"(^|[-_])(bio|note|description|about|summary)([-_]|$)", re.I)
_BLOCKS = (
    "p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "address",
    "section", "article", "header", "footer", "dd", "dt", "blockquote", "pre", "table", "ul",
)


@dataclass(frozen=True, slots=True)
class Link:
    """One ``<a href>`` or ``<link href>``: absolute URL, its ``rel`` words, its text."""

    url: str
    rel: frozenset[str] = frozenset()
    text: str = ""
    verified: bool = False


@dataclass(frozen=True, slots=True)
class PageInfo:
    """Everything the checks read from one page."""

    url: str
    title: str = ""
    text: str = ""
    links: tuple[Link, ...] = ()
    persons: tuple[PersonData, ...] = ()
    og: Mapping[str, str] = field(default_factory=dict, hash=False)
    cf_emails: frozenset[str] = frozenset()
    images: tuple[str, ...] = ()
    bio: str = ""

    @property
    def rel_me(self) -> tuple[str, ...]:
        """URLs this page marks with ``rel="me"``."""
        return tuple(link.url for link in self.links if "me" in link.rel)

    @property
    def vcf_links(self) -> tuple[str, ...]:
        """Links to vCard files."""
        return tuple(
            link.url for link in self.links
            if urlsplit(link.url).path.lower().endswith((".vcf", ".vcard"))
        )


def _classes(tag: Tag) -> set[str]:
    value = tag.get("class")
    return set(value) if isinstance(value, list) else set(str(value or "").split())


def _is_verified(tag: Tag) -> bool:
    """Mastodon marks verified profile fields with a ``verified`` class on the field (or a
    ``verified-badge`` next to the link)."""
    node: Tag | None = tag
    for _ in range(4):
        if node is None:
            return False
        if any("verified" in c for c in _classes(node)):
            return True
        node = node.parent if isinstance(node.parent, _soup.Tag) else None
    return False


def _decode_cloudflare(soup: BeautifulSoup) -> set[str]:
    decoded: set[str] = set()
    for tag in soup.find_all(True, attrs={"data-cfemail": True}):
        email = decode_cfemail(str(tag.get("data-cfemail")))
        if email:
            decoded.add(email.lower())
            tag.replace_with(_soup.NavigableString(email))
    for a in soup.find_all("a", href=True):
        hexstr = cf_hex_from_href(str(a["href"]))
        email = decode_cfemail(hexstr) if hexstr else None
        if email:
            decoded.add(email.lower())
            a["href"] = "mailto:" + email
            if "protected" in a.get_text().lower():
                a.string = email
    return decoded


def parse_page(url: str, html_text: str) -> PageInfo:
    """Parse an HTML page fetched from `url` (used to resolve relative links).

    Raises `_soup.PageTooComplex` for a page too big, deep or slow to parse."""
    soup = _soup.parse(html_text)
    cf = _decode_cloudflare(soup)
    persons = jsonld_persons(soup) + hcards(soup)
    og = opengraph(soup)
    og_data = og_person(og)
    if og_data is not None:
        persons.append(og_data)
    base = url
    base_tag = soup.find("base", href=True)
    if isinstance(base_tag, _soup.Tag):
        base = urljoin(url, str(base_tag["href"]))
    links: list[Link] = []
    for tag in soup.find_all(["a", "link"], href=True):
        href = str(tag["href"]).strip()
        if not href or href.startswith("#") or href.lower().startswith("javascript:"):
            continue
        absolute = href if ":" in href.split("/", 1)[0] else urljoin(base, href)
        rel_value = tag.get("rel")
        rel = rel_value if isinstance(rel_value, list) else str(rel_value or "").split()
        links.append(
            Link(
                urldefrag(absolute)[0] if absolute.startswith("http") else absolute,
                frozenset(r.lower() for r in rel),
                short_text(tag) if tag.name == "a" else "",
                _is_verified(tag),
            )
        )
    images = tuple(
        urljoin(base, str(img["src"])) for img in soup.find_all("img", src=True)
        if not str(img["src"]).startswith("data:")
    )
    bio = _bio_text(soup)
    title_tag = soup.find("title")
    title = " ".join(title_tag.get_text().split()) if isinstance(title_tag, _soup.Tag) else ""
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    text_lines = _visible_text(soup).splitlines()
    lines = (" ".join(line.split()) for line in text_lines)
    text = prepare_text("\n".join(line for line in lines if line))
    return PageInfo(
        url=url, title=title, text=text, links=tuple(links), persons=tuple(persons),
        og=MappingProxyType(og), cf_emails=frozenset(cf), images=images, bio=bio,
    )


def _visible_text(soup: BeautifulSoup) -> str:
    """Text of the page, a line break before each block element and at each ``<br>``.

    Walks the tree once without changing it (inserting separators into a deeply nested tree
    is quadratic in bs4). Scripts and styles are removed before."""
    parts: list[str] = []
    for node in soup.descendants:
        if isinstance(node, _soup.Tag):
            if node.name == "br" or node.name in _BLOCKS:
                parts.append("\n")
        elif type(node) is _soup.NavigableString:
            parts.append(" " + str(node) + " ")
    return "".join(parts)


def _bio_text(soup: BeautifulSoup) -> str:
    """Text of the page's bio-like blocks (class names such as ``bio``, ``note``,
    ``description``) and its meta description: where profiles say "also on X as @foo"."""
    parts: list[str] = []
    meta = soup.find("meta", attrs={"name": "description"})
    if isinstance(meta, _soup.Tag) and meta.get("content"):
        parts.append(str(meta["content"]))
    for tag in soup.find_all(True):
        if len(parts) >= 4:
            break
        if any(_BIO_CLASS.search(c) for c in _classes(tag)):
            text = short_text(tag, 500, 2000)
            if text and all(text not in p for p in parts):
                parts.append(text[:500])
    return "\n".join(parts)
