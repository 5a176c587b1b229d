"""Structured data and embedded state in a found profile: JSON-LD, page state, links.

Pure functions shared by the HTML and the JSON readers of `checks.accounts.extract`: absolute
http(s) links (`http_url`), JSON-LD `Person`/`ProfilePage` (`json_ld_person`, `ld_identifier`),
the JSON state script-rendered platforms embed in the page (`page_state`), and links written
in a bio's text (`links_in_text`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

_BARE_DOMAIN = re.compile(r"^(?:www\.)?[a-z0-9][\w-]*(?:\.[a-z0-9][\w-]*)*\.[a-z]{2,24}(?:[/?#]|$)",
                          re.I)


def http_url(value: Any, base: str) -> str | None:
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


def str_value(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) and value.strip() else None


def image_url(value: Any) -> Any:
    if isinstance(value, Mapping):
        return value.get("url") or value.get("contentUrl")
    if isinstance(value, list) and value:
        return image_url(value[0])
    return value


def as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _types(item: Mapping[str, Any]) -> set[str]:
    kind = item.get("@type")
    return set(as_list(kind))


def json_ld_person(scripts: Iterable[str]) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
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


def ld_identifier(ld: Mapping[str, Any], base: str) -> str | None:
    """The structured data's identifier, unless it is only the handle (TikTok writes the
    handle there; its numeric id is in the page state)."""
    ident = str_value(ld.get("identifier"))
    if ident is None:
        return None
    handles = {h.lstrip("@").casefold() for h in as_list(ld.get("alternateName"))
               + as_list(ld.get("additionalName"))}
    path = unquote(urlsplit(base).path).casefold()
    bare = ident.lstrip("@").casefold()
    if bare in handles or re.search(r"(?:^|/)@?" + re.escape(bare) + r"/?$", path):
        return None
    return ident


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
