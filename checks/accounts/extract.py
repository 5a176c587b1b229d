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
from urllib.parse import unquote, urljoin, urlsplit

from audit.net.model import HttpResponse
from checks.accounts.htmlscan import BIO_CLASSES, PageScan, scan

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


_BARE_DOMAIN = re.compile(r"^(?:www\.)?[a-z0-9][\w-]*(?:\.[a-z0-9][\w-]*)*\.[a-z]{2,24}(?:[/?#]|$)",
                          re.I)


def _http_url(value: Any, base: str) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if _BARE_DOMAIN.match(text):  # "linktr.ee/foo" in a bio is a site, not a relative path
        text = "https://" + text
    try:
        url = urljoin(base, text)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return None
    except ValueError:
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
    fields = obj.get("fields") or obj.get("attachment")  # Mastodon API / ActivityPub actor
    for field_ in fields if isinstance(fields, list) else ():
        value = field_.get("value", "") if isinstance(field_, Mapping) else ""
        if isinstance(value, str):
            links_in, me_in = _links_in_html(value, base)
            links += links_in
            rel_me += me_in
            if isinstance(field_, Mapping) and field_.get("verified_at"):
                rel_me += links_in
    for name in ("blog", "website", "website_url", "url", "html_url", "homepage"):
        url = _http_url(obj.get(name), base)
        if url and url.rstrip("/") != base.rstrip("/") and not _api_address(url):
            links.append(url)
    support = obj.get("support")  # PeerTube: "Support us [by making a donation](https://...)"
    for candidate in links_in_text(f"{bio or ''} {support if isinstance(support, str) else ''}"):
        url = _http_url(candidate, base)
        if url and url not in links:
            links.append(url)
    avatar = (_first_str(obj, ("avatar", "avatar_url", "profile_image_url", "avatar_template",
                               "picture", "image", "profile_image"))
              or _str(_image(obj.get("icon"))) or _largest_image(obj.get("avatars")))
    if avatar and "{size}" in avatar:
        avatar = avatar.replace("{size}", "240")
    ident = obj.get("id", obj.get("did"))
    # SoundCloud's API: `username` is the name shown, `permalink` the handle in the address.
    shown = ("username",) if isinstance(obj.get("permalink"), str) else ()
    return {
        "display_name": _first_str(obj, (*shown, "display_name", "displayName", "name",
                                         "full_name", "fullname", "title")),
        "bio": bio,
        "links": links,
        "rel_me": rel_me,
        "avatar_url": _http_url(avatar, base),
        "account_id": str(ident) if isinstance(ident, int | str) and str(ident).strip() else None,
    }


def _largest_image(value: Any) -> str | None:
    """The widest of a list of `{"width", "fileUrl"/"url"}` pictures (PeerTube's `avatars`)."""
    if not isinstance(value, list):
        return None
    sized: list[tuple[int, Mapping[str, Any]]] = [
        (v["width"] if isinstance(v.get("width"), int) else 0, v) for v in value
        if isinstance(v, Mapping)]
    for _, item in sorted(sized, key=lambda pair: -pair[0]):
        url = _str(item.get("fileUrl") or item.get("url"))
        if url:
            return url
    return None


def _api_address(url: str) -> bool:
    """An API's address for the account (GitHub's `url` field), not a link the person gave."""
    parts = urlsplit(url)
    return (parts.hostname or "").startswith("api.") or "/api/" in parts.path


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
    ld, ld_page = _json_ld_person(page.ld_json)
    rel_me = [url for url in (_http_url(href, base) for href in page.rel_me) if url]
    links = [url for url in (_http_url(href, base) for href in page.bio_links) if url]
    for url in (_as_list(ld.get("sameAs")) + _as_list(ld.get("url"))
                + _as_list(ld_page.get("relatedLink"))):  # X keeps the website there
        absolute = _http_url(url, base)
        if absolute and absolute.rstrip("/") != base.rstrip("/"):
            links.append(absolute)
    links = rel_me + links
    display = (
        page.texts.get("p-name")
        or page.texts.get("itemprop")
        or _str(ld.get("name"))
        or _without_handle(_meta(page, "og:title", "twitter:title", "profile:username"))
    )
    bio = page.texts.get("p-note") or _str(ld.get("description")) or _meta_bio(
        page, display)
    state = page_state(text)
    avatar = _avatar(page, ld, display)
    account_id = _ld_identifier(ld, base) or _id_from_meta(page) or state.get("account_id")
    display = display or state.get("display_name")
    if state.get("bio") and (not bio or len(state["bio"]) > len(bio)):
        bio = state["bio"]
    for candidate in [*state.get("links", []), *links_in_text(bio or "")]:
        absolute = _http_url(candidate, base)
        if absolute and absolute not in links and urlsplit(absolute).hostname != (
                urlsplit(base).hostname):
            links.append(absolute)
    return {
        "display_name": display,
        "bio": bio,
        "links": links,
        "rel_me": rel_me,
        "avatar_url": _http_url(avatar, base),
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
    return _str(_image(ld.get("image"))) or og or page.avatar_src


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


def _types(item: Mapping[str, Any]) -> set[str]:
    kind = item.get("@type")
    return set(_as_list(kind))


def _json_ld_person(scripts: Iterable[str]) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
    """The first JSON-LD `Person`/`Organization` (the `mainEntity` of a `ProfilePage`), and the
    `ProfilePage` itself (empty when there is none). Raw line breaks inside strings, as some
    platforms write them, are accepted."""
    for script in scripts:
        try:
            data = json.loads(script, strict=False)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if not isinstance(item, Mapping):
                continue
            profile_page: Mapping[str, Any] = {}
            if "ProfilePage" in _types(item) and isinstance(item.get("mainEntity"), Mapping):
                profile_page, item = item, item["mainEntity"]
            if _types(item) & {"Person", "Organization"}:
                return item, profile_page
    return {}, {}


def _ld_identifier(ld: Mapping[str, Any], base: str) -> str | None:
    """The structured data's identifier, unless it is only the handle (TikTok writes the
    handle there; its numeric id is in the page state)."""
    ident = _str(ld.get("identifier"))
    if ident is None:
        return None
    handles = {h.lstrip("@").casefold() for h in _as_list(ld.get("alternateName"))
               + _as_list(ld.get("additionalName"))}
    path = unquote(urlsplit(base).path).casefold()
    bare = ident.lstrip("@").casefold()
    if bare in handles or re.search(r"(?:^|/)@?" + re.escape(bare) + r"/?$", path):
        return None
    return ident


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


# -- embedded JSON state ------------------------------------------------------------------------
# Platforms that render profiles with JavaScript keep the account in a JSON blob in the page:
# the numeric id the evidence log needs, the bio, the link in bio. (key pattern, field)
_STATE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), f) for p, f in (
        (r'"externalId"\s*:\s*"(UC[\w-]{22})"', "account_id"),  # YouTube channel
        (r'"channelId"\s*:\s*"(UC[\w-]{22})"', "account_id"),
        (r'"profilePage_(\d{3,})"', "account_id"),  # Instagram
        (r'"profile_id"\s*:\s*"(\d{3,})"', "account_id"),
        (r'"rest_id"\s*:\s*"(\d{3,})"', "account_id"),  # X / Twitter
        (r'"(?:user_id|userId|owner_id|authorId)"\s*:\s*"?(\d{5,})"?', "account_id"),
        (r'"id"\s*:\s*"(\d{10,})"\s*,\s*"shortId"', "account_id"),  # TikTok
        (r'urn:li:(?:organization|member):(\d{3,})', "account_id"),  # LinkedIn
        (r' data-user-id="(\d{3,})"', "account_id"),  # Dribbble (no \b: a literal start is fast)
        (r'"biography"\s*:\s*"((?:[^"\\]|\\.){1,2000})"', "bio"),  # Instagram
        (r'"signature"\s*:\s*"((?:[^"\\]|\\.){1,2000})"', "bio"),  # TikTok
        (r'"full_name"\s*:\s*"((?:[^"\\]|\\.){1,200})"', "display_name"),
        (r'"nickname"\s*:\s*"((?:[^"\\]|\\.){1,200})"', "display_name"),
        (r'"external_url"\s*:\s*"((?:[^"\\]|\\.){4,500})"', "links"),  # Instagram
        (r'"bioLink"\s*:\s*\{\s*"link"\s*:\s*"((?:[^"\\]|\\.){4,500})"', "links"),  # TikTok
        (r'"channelHeaderLinksViewModel"\s*:\s*\{\s*"firstLink"\s*:\s*\{\s*"content"\s*:\s*'
         r'"((?:[^"\\]|\\.){4,500})"', "links"),  # YouTube channel header
    ))


def _json_string(raw: str) -> str:
    try:
        value = json.loads(f'"{raw}"')
    except ValueError:
        return raw
    return value if isinstance(value, str) else raw


def page_state(text: str) -> dict[str, Any]:
    """The account id, bio, display name and links kept in a page's embedded JSON state
    (first match of each)."""
    out: dict[str, Any] = {}
    for pattern, name in _STATE_PATTERNS:
        if name != "links" and name in out:
            continue
        m = pattern.search(text)
        if m is None:
            continue
        value = _json_string(m.group(1)).strip()
        if not value:
            continue
        if name == "links":
            out.setdefault("links", []).append(value)
        else:
            out[name] = value
    return out


_TEXT_URL = re.compile(
    r"(?<![@\w.])(?:https?://[^\s<>\"'()]+|(?:www\.)?[a-z0-9][\w-]*(?:\.[a-z0-9][\w-]*)*"
    r"\.(?:com|net|org|fr|de|be|ch|io|me|co|ee|bio|link|page|art|blog|info|eu|uk|ca|app|dev|xyz"
    r"|gg|tv|fm|social|site|online|example)(?![\w-])(?:/[^\s<>\"'()]*)?)", re.I)


def links_in_text(text: str) -> list[str]:
    """Links written in a bio's text ("portfolio: linktr.ee/foo", "https://x.example/")."""
    return [m.group(0).rstrip(".,;:!?)") for m in _TEXT_URL.finditer(text)]
