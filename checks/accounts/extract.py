"""Read what a found profile says about the account: name, bio, links out, avatar, numeric id.

Pure functions over an `HttpResponse`. HTML is read in one pass of the standard library's
parser (`checks.accounts.htmlscan`: OpenGraph and other meta tags, JSON-LD
`Person`/`ProfilePage`, microformats `h-card`, `rel="me"` links, a few site-specific bits; no
bs4, whose import costs ~0.1 s); JSON API answers are read by common field names (Mastodon, GitHub,
Discourse and similar). Only absolute http(s) links are kept. Nothing here fetches anything.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urljoin, urlsplit

from audit.net.model import HttpResponse
from checks.accounts.htmlscan import BIO_CLASSES, PageScan, scan

MAX_PARSE = 512 * 1024
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
            return _clean(_from_json(data, profile_url))
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


def _http_url(value: Any, base: str) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    url = urljoin(base, value.strip())
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return url


# -- JSON -------------------------------------------------------------------------------------
def _from_json(data: Any, base: str) -> dict[str, Any]:
    obj = _user_object(data)
    if obj is None:
        return {}
    nested = obj.get("subreddit")
    if isinstance(nested, Mapping):  # Reddit keeps the profile text in a nested object
        obj = {**obj, "display_name": nested.get("title") or obj.get("name"),
               "bio": nested.get("public_description"), "avatar": obj.get("icon_img")}
    links: list[str] = []
    rel_me: list[str] = []
    bio_html = _first_str(obj, ("note", "bio", "description", "summary", "about", "bio_excerpt"))
    bio = _html_to_text(bio_html) if bio_html and "<" in bio_html else bio_html
    if bio_html and "<" in bio_html:
        links_in, me_in = _links_in_html(bio_html, base)
        links += links_in
        rel_me += me_in
    for field_ in obj.get("fields", ()) if isinstance(obj.get("fields"), list) else ():
        value = field_.get("value", "") if isinstance(field_, Mapping) else ""
        if isinstance(value, str):
            links_in, me_in = _links_in_html(value, base)
            links += links_in
            rel_me += me_in
            if field_.get("verified_at"):
                rel_me += links_in
    for name in ("blog", "website", "website_url", "url", "html_url", "homepage"):
        url = _http_url(obj.get(name), base)
        if url and url.rstrip("/") != base.rstrip("/"):
            links.append(url)
    avatar = _first_str(obj, ("avatar", "avatar_url", "profile_image_url", "avatar_template",
                              "picture", "image", "profile_image"))
    if avatar and "{size}" in avatar:
        avatar = avatar.replace("{size}", "240")
    ident = obj.get("id", obj.get("did"))
    return {
        "display_name": _first_str(obj, ("display_name", "displayName", "name", "full_name",
                                         "fullname", "title")),
        "bio": bio,
        "links": links,
        "rel_me": rel_me,
        "avatar_url": _http_url(avatar, base),
        "account_id": str(ident) if isinstance(ident, int | str) and str(ident).strip() else None,
    }


def _user_object(data: Any) -> Mapping[str, Any] | None:
    if isinstance(data, Mapping):
        for wrapper in ("user", "account", "data", "profile"):
            inner = data.get(wrapper)
            if isinstance(inner, Mapping) and any(
                k in inner for k in ("id", "username", "name", "login", "acct")
            ):
                return _user_object(inner) or inner
        return data
    if isinstance(data, list) and data and isinstance(data[0], Mapping):
        return data[0]
    return None


def _first_str(obj: Mapping[str, Any], names: Iterable[str]) -> str | None:
    for name in names:
        value = obj.get(name)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _html_to_text(fragment: str) -> str:
    """The text of an HTML fragment, text nodes (and `<br>`) separated by spaces."""
    return " ".join(scan(fragment, whole_text=True).text)


def _links_in_html(fragment: str, base: str) -> tuple[list[str], list[str]]:
    """Absolute http(s) `<a href>` links of a fragment, and those of them with rel="me"."""
    links, rel_me = [], []
    for href, me in scan(fragment).anchors:
        url = _http_url(href, base)
        if url:
            links.append(url)
            if me:
                rel_me.append(url)
    return links, rel_me


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


def condense(text: str) -> str:
    """The parts of a page the extractor reads: the head, and short windows around rel=me
    links, JSON-LD, microformats, bio and avatar elements. Parsing a whole 300 KB profile page
    with html.parser costs hundreds of milliseconds; these parts cost a few."""
    end = _HEAD_END.search(text, 0, _HEAD_MAX)
    head_end = end.start() if end else min(len(text), 4096)
    parts = [text[:head_end], "</head><body>"]
    pos, taken = head_end, 0
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
    ld = _json_ld_person(page.ld_json)
    rel_me = [url for url in (_http_url(href, base) for href in page.rel_me) if url]
    links = [url for url in (_http_url(href, base) for href in page.bio_links) if url]
    for url in _as_list(ld.get("sameAs")) + _as_list(ld.get("url")):
        absolute = _http_url(url, base)
        if absolute and absolute.rstrip("/") != base.rstrip("/"):
            links.append(absolute)
    links = rel_me + links
    display = (
        page.texts.get("p-name")
        or page.texts.get("itemprop")
        or _str(ld.get("name"))
        or _meta(page, "og:title", "twitter:title", "profile:username")
    )
    bio = (
        page.texts.get("p-note")
        or _str(ld.get("description"))
        or _meta(page, "og:description", "twitter:description", "description")
    )
    avatar = (
        _meta(page, "og:image", "twitter:image")
        or _str(_image(ld.get("image")))
        or page.avatar_src
    )
    account_id = _str(ld.get("identifier")) or _id_from_meta(page)
    return {
        "display_name": display,
        "bio": bio,
        "links": links,
        "rel_me": rel_me,
        "avatar_url": _http_url(avatar, base),
        "account_id": account_id,
    }


def _str(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) and value.strip() else None


def _image(value: Any) -> Any:
    if isinstance(value, Mapping):
        return value.get("url") or value.get("contentUrl")
    if isinstance(value, list) and value:
        return _image(value[0])
    return value


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _json_ld_person(scripts: Iterable[str]) -> Mapping[str, Any]:
    for script in scripts:
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if not isinstance(item, Mapping):
                continue
            if item.get("@type") == "ProfilePage" and isinstance(item.get("mainEntity"), Mapping):
                item = item["mainEntity"]
            if item.get("@type") in ("Person", "Organization"):
                found: Mapping[str, Any] = item
                return found
    return {}


def _id_from_meta(page: PageScan) -> str | None:
    value = _meta(page, *_ID_META)
    if value:
        digits = re.search(r"\d{3,}", value)
        return digits.group(0) if digits else None
    return None
