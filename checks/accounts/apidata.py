"""A found profile's JSON API answer (Mastodon, GitHub, Discourse, PeerTube and similar) read
by common field names: name, bio, links, rel="me" links, avatar, numeric id."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from checks.accounts.htmlscan import fragment_text, scan
from checks.accounts.pagedata import http_url, image_url, links_in_text, str_value


def from_json(data: Any, base: str) -> dict[str, Any]:
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
    bio = fragment_text(bio_html) if bio_html and "<" in bio_html else bio_html
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
        url = http_url(obj.get(name), base)
        if url and url.rstrip("/") != base.rstrip("/") and not _api_address(url):
            links.append(url)
    support = obj.get("support")  # PeerTube: "Support us [by making a donation](https://...)"
    for candidate in links_in_text(f"{bio or ''} {support if isinstance(support, str) else ''}"):
        url = http_url(candidate, base)
        if url and url not in links:
            links.append(url)
    avatar = (_first_str(obj, ("avatar", "avatar_url", "profile_image_url", "avatar_template",
                               "picture", "image", "profile_image"))
              or str_value(image_url(obj.get("icon"))) or _largest_image(obj.get("avatars")))
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
        "avatar_url": http_url(avatar, base),
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
        url = str_value(item.get("fileUrl") or item.get("url"))
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


def _links_in_html(fragment: str, base: str) -> tuple[list[str], list[str]]:
    """Absolute http(s) `<a href>` links of a fragment, and those of them with rel="me"."""
    links, rel_me = [], []
    for href, me in scan(fragment).anchors:
        url = http_url(href, base)
        if url:
            links.append(url)
            if me:
                rel_me.append(url)
    return links, rel_me
