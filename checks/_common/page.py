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

from checks._common import soup as _soup
from checks._common.cfemail import cf_hex_from_href, decode_cfemail
from checks._common.souptext import short_text
from checks._common.structured import (
    PersonData,
    hcards,
    jsonld_persons,
    og_person,
    opengraph,
    postal_blocks,
)
from checks._common.text import prepare_text

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
    region: str | None = None  # the page's country, from its domain or its language

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
    persons = jsonld_persons(soup) + hcards(soup) + postal_blocks(soup)
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
        try:
            absolute = href if ":" in href.split("/", 1)[0] else urljoin(base, href)
            urlsplit(absolute).hostname  # noqa: B018 - raises on a malformed host
        except ValueError:
            continue  # one odd link (`http://[ccpa-preferences]`) never loses the page
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
    images = tuple(_images(soup, base))
    bio = _bio_text(soup)
    title_tag = soup.find("title")
    title = " ".join(title_tag.get_text().split()) if isinstance(title_tag, _soup.Tag) else ""
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    _mark_phone_icons(soup)
    text_lines = _visible_text(soup).splitlines()
    lines = (" ".join(line.split()) for line in text_lines)
    text = prepare_text("\n".join(line for line in lines if line))
    return PageInfo(
        url=url, title=title, text=text, links=tuple(links), persons=tuple(persons),
        og=MappingProxyType(og), cf_emails=frozenset(cf), images=images, bio=bio,
        region=region_hint(url, _lang(soup)),
    )


_PHONE_ICON = re.compile(r"phone|(^|[-_ ])tel([-_ ]|$)|call|mobile", re.I)
_TLD_REGIONS = {
    "fr": "FR", "be": "BE", "ch": "CH", "de": "DE", "at": "AT", "lu": "LU", "uk": "GB",
    "ca": "CA", "it": "IT", "es": "ES", "nl": "NL", "pt": "PT", "ie": "IE", "pl": "PL",
    "mc": "MC", "re": "RE", "us": "US", "au": "AU", "qc": "CA",
}
_LANG_REGIONS = {"fr": "FR", "de": "DE", "it": "IT", "es": "ES", "nl": "NL", "pt": "PT",
                 "pl": "PL"}


def region_hint(url: str, lang: str = "") -> str | None:
    """The country a page's phone numbers are most likely written for: its country-code
    domain, else the region of its `lang` (``de-CH`` -> CH), else the language's main
    country."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        host = ""
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    if tld in _TLD_REGIONS:
        return _TLD_REGIONS[tld]
    parts = lang.replace("_", "-").split("-")
    if len(parts) >= 2 and len(parts[1]) == 2 and parts[1].isalpha():
        return parts[1].upper()
    return _LANG_REGIONS.get(parts[0].lower()) if parts and parts[0] else None


def _lang(soup: BeautifulSoup) -> str:
    html = soup.find("html")
    value = html.get("lang") if isinstance(html, _soup.Tag) else None
    return str(value or "")


def _mark_phone_icons(soup: BeautifulSoup) -> None:
    """A phone icon (``<i class="fa-phone">``, an image titled "Téléphone") says what the
    number after it is: it becomes a ☎ in the text."""
    for tag in soup.find_all(["i", "span", "svg", "img", "em"]):
        if not isinstance(tag, _soup.Tag) or tag.get_text(strip=True):
            continue
        words = " ".join(str(tag.get(k) or "") for k in ("class", "alt", "title", "aria-label"))
        if isinstance(tag.get("class"), list):
            words += " " + " ".join(tag.get("class") or [])
        if _PHONE_ICON.search(words) or "t\u00e9l" in words.lower():
            tag.replace_with(_soup.NavigableString(" ☎ "))


def _images(soup: BeautifulSoup, base: str) -> list[str]:
    out = []
    for img in soup.find_all("img", src=True):
        src = str(img["src"])
        if src.startswith("data:"):
            continue
        try:
            out.append(urljoin(base, src))
        except ValueError:
            continue
    return out


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
