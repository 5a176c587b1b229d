"""Read what a found profile says about the account: name, bio, links out, avatar, numeric id.

Pure functions over an `HttpResponse`. HTML is read with bs4 (`checks.accounts.htmlscan`:
OpenGraph and other meta tags, JSON-LD `Person`/`ProfilePage`, microformats `h-card`,
`rel="me"` links, a few site-specific bits), on the parts of the page `condense` keeps; JSON
API answers are read by common field names (`checks.accounts.apidata`); JSON-LD, embedded
page state and links in text are read by `checks.accounts.pagedata`. Only absolute http(s)
links are kept. Nothing here fetches anything.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from audit.net.model import HttpResponse
from checks.accounts.apidata import from_json
from checks.accounts.htmlscan import BIO_CLASSES, PageScan, scan
from checks.accounts.pagedata import (
    as_list,
    http_url,
    image_url,
    json_ld_person,
    ld_identifier,
    links_in_text,
    page_state,
    str_value,
)

MAX_PARSE = 3 * 1024 * 1024  # a YouTube channel or a 2025 Instagram profile: 0.5-1.5 MB
_MAX_LINKS = 20
_TEXT_LIMIT = 500
_ID_META = ("hovercard-subject-tag", "octolytics-dimension-user_id", "profile:id", "user-id",
            "al:ios:url", "al:android:url")
_BIO_CLASSES = BIO_CLASSES  # class names whose links count as the profile's links


def profile_details(resp: HttpResponse, profile_url: str) -> dict[str, Any]:
    """The fields the page shows: display_name, bio, links, rel_me, avatar_url, account_id."""
    ctype = resp.header("content-type").lower()
    text = resp.body[:MAX_PARSE].decode("utf-8", errors="replace")
    stripped = text.lstrip()
    if "json" in ctype or stripped.startswith(("{", "[")):
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if data is not None:
            return _clean(from_json(data, profile_url))
    if "html" in ctype or "<" in stripped[:200]:
        return _clean(_from_html(text, resp.url or profile_url))
    return {}


def _clean(found: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in found.items():
        if isinstance(value, str):
            value = " ".join(value.split())[:_TEXT_LIMIT]
        if isinstance(value, list):
            value = list(dict.fromkeys(v for v in value if v))[:_MAX_LINKS]
        if value not in (None, "", []):
            out[key] = value
    return out


# -- HTML -------------------------------------------------------------------------------------
def _meta(page: PageScan, *names: str) -> str | None:
    for name in names:
        if name in page.metas:
            return page.metas[name]
    return None


_HEAD_END = re.compile(r"</head\s*>|<body\b", re.I)
_SNIPPET_START = re.compile(
    r"<(?:a|link)\b[^>]*\brel=[\"'][^\"']*\bme\b[^>]*>"
    r"|<script\b[^>]*application/ld\+json"
    r"|<[a-z0-9]+\b[^>]*\b(?:class=[\"'][^\"']*(?:\bp-name\b|\bp-note\b|\bh-card\b|bio\b"
    r"|\bnote\b|profile-field|account__header|\bavatar\b|\bu-photo\b)|itemprop=[\"']name)",
    re.I,
)
_SNIPPET_BYTES = 4096
_MAX_SNIPPETS = 16
_HEAD_MAX = 128 * 1024


_BODY_META = re.compile(r"<meta\b[^>]*\b(?:property|name)=[\"'](?:og|twitter):[^>]*>", re.I)
_BODY_META_SPAN = 256 * 1024
_HEAD_TAGS = re.compile(r"<(?:meta|link)\b[^>]*>|<title\b[^>]*>[^<]{0,500}</title>", re.I)


def condense(text: str) -> str:
    """The parts of a page the extractor reads: the head, and short windows around rel=me
    links, JSON-LD, microformats, bio and avatar elements. Parsing a whole 300 KB profile page
    with html.parser costs hundreds of milliseconds; these parts cost a few. A head longer than
    128 KB (YouTube, Instagram: megabytes of inline script) is reduced to its meta, link and
    title tags, and its JSON-LD is read as a window like the body's. og:/twitter: meta tags
    written in the first 256 KB after the head (YouTube's) are kept too."""
    end = _HEAD_END.search(text)
    head_end = end.start() if end else min(len(text), 4096)
    if head_end <= _HEAD_MAX:
        parts = [text[:head_end], "</head><body>"]
        pos = head_end
    else:
        parts = ["<head>", *(m.group(0) for m in _HEAD_TAGS.finditer(text, 0, head_end)),
                 "</head><body>"]
        pos = 0
    # YouTube writes its og:/twitter: tags after </head>: take those of the next 256 KB.
    parts += [m.group(0) for m in _BODY_META.finditer(text, head_end, head_end + _BODY_META_SPAN)]
    taken = 0
    while taken < _MAX_SNIPPETS:
        match = _SNIPPET_START.search(text, pos)
        if match is None:
            break
        stop = match.start() + _SNIPPET_BYTES
        if text.startswith("<script", match.start()):
            close = text.find("</script>", match.start())
            stop = close + 9 if close != -1 else stop
        parts.append(text[match.start():stop])
        pos, taken = stop, taken + 1
    return "".join(parts)


def _from_html(text: str, base: str) -> dict[str, Any]:
    page = scan(condense(text))
    ld, ld_page = json_ld_person(page.ld_json)
    rel_me = [url for url in (http_url(href, base) for href in page.rel_me) if url]
    links = [url for url in (http_url(href, base) for href in page.bio_links) if url]
    for url in (as_list(ld.get("sameAs")) + as_list(ld.get("url"))
                + as_list(ld_page.get("relatedLink"))):  # X keeps the website there
        absolute = http_url(url, base)
        if absolute and absolute.rstrip("/") != base.rstrip("/"):
            links.append(absolute)
    links = rel_me + links
    display = (
        page.texts.get("p-name")
        or page.texts.get("itemprop")
        or str_value(ld.get("name"))
        or _without_handle(_meta(page, "og:title", "twitter:title", "profile:username"))
    )
    bio = page.texts.get("p-note") or str_value(ld.get("description")) or _meta_bio(
        page, display)
    state = page_state(text)
    avatar = _avatar(page, ld, display)
    account_id = ld_identifier(ld, base) or _id_from_meta(page) or state.get("account_id")
    display = display or state.get("display_name")
    if state.get("bio") and (not bio or len(state["bio"]) > len(bio)):
        bio = state["bio"]
    for candidate in [*state.get("links", []), *links_in_text(bio or "")]:
        absolute = http_url(candidate, base)
        if absolute and absolute not in links and urlsplit(absolute).hostname != (
                urlsplit(base).hostname):
            links.append(absolute)
    return {
        "display_name": display,
        "bio": bio,
        "links": links,
        "rel_me": rel_me,
        "avatar_url": http_url(avatar, base),
        "account_id": account_id,
    }


_HANDLE_TITLE = re.compile(r"^(.+?)\s*\(@[^()\s]+\)(?:\s.*)?$", re.S)


def _without_handle(title: str | None) -> str | None:
    """`Pluto (@pluto__travel) • Instagram photos and videos`, `Kiko Beats (@Kikobeats) / X`:
    the name before the handle in parentheses."""
    if not title:
        return title
    m = _HANDLE_TITLE.match(title.strip())
    return m.group(1).strip() if m else title


# A description made of counters ("2,362 Followers, 136 Following", "2M monthly listeners") is
# the platform's summary, not the person's bio; Instagram quotes the bio after it.
_COUNTERS = re.compile(r"\d[\d.,\u202f\u00a0 ]*[KkMmBb]?\s+(?:monthly listeners|followers|following"
                       r"|posts|likes|members|subscribers|abonnés|abonnements)\b", re.I)
_QUOTED_BIO = re.compile(r"\bon Instagram: [\"\u201c](.+)[\"\u201d]\s*$", re.S)


def _meta_bio(page: PageScan, display: str | None) -> str | None:
    for name in ("og:description", "twitter:description", "description"):
        text = page.metas.get(name)
        if not text or not text.strip():
            continue
        quoted = _QUOTED_BIO.search(text)
        if quoted:
            return quoted.group(1)
        if _COUNTERS.search(text):
            continue
        if display and text.startswith(display + " | "):  # Dribbble: "Name | about text"
            return text[len(display) + 3:]
        return text
    return None


def _avatar(page: PageScan, ld: Mapping[str, Any], display: str | None) -> str | None:
    """The account's picture: an avatar <img> whose alt is the account's name, the page's
    og:image unless it is the site's default picture, the structured data's image, then the
    first avatar <img>."""
    if page.avatar_src and display and page.avatar_alt.casefold() == display.casefold():
        return page.avatar_src
    og = _meta(page, "og:image", "twitter:image")
    if og and "/default/" not in urlsplit(og).path:
        return og
    return str_value(image_url(ld.get("image"))) or og or page.avatar_src


_APP_LINK_ID = re.compile(  # an id holds a digit: "snssdk1233://user/profile/" names none
    r"^[a-z][\w+.-]*://(?:artist|user|profile|channel)/(?=[\w-]*\d)([\w-]{5,})/?$")


def _id_from_meta(page: PageScan) -> str | None:
    value = _meta(page, *_ID_META)
    if value:
        app = _APP_LINK_ID.match(value)  # Spotify: spotify://artist/1gR0gsQYfi6joyO1dlp76N
        if app:
            return app.group(1)
        digits = re.search(r"\d{3,}", value.split("://", 1)[-1])  # not the scheme's digits
        return digits.group(0) if digits else None
    return None
