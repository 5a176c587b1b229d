"""Profile URLs <-> graph node ids, and handles mentioned in bios.

A small hand-kept table of the platforms that matter most (URL shapes are public facts, checked
against the sites' own profile URLs on 2026-11-22) turns a URL into a node id such as
``github:camdufresne``; fediverse URLs (``https://host/@user``) become ``host:user``
(``mastodon.social:velvetfox42``). Link-in-bio services (Linktree, Beacons, Carrd...) are
flagged so their pages get read. The accounts catalog, when it is installed, covers other sites
(see `catalog_match`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from audit.hosts import host_of
from checks.links.graph import node_id


@dataclass(frozen=True, slots=True)
class Platform:
    """One platform: node key, hosts, path pattern with a ``h`` group, profile template."""

    key: str
    hosts: tuple[str, ...]
    path: str
    template: str
    link_in_bio: bool = False


_H = r"(?P<h>[A-Za-z0-9_.\-]{1,64})"
PLATFORMS: tuple[Platform, ...] = (
    Platform("github", ("github.com",), rf"/{_H}/?", "https://github.com/{h}"),
    Platform("gitlab", ("gitlab.com",), rf"/{_H}/?", "https://gitlab.com/{h}"),
    Platform("reddit", ("reddit.com", "old.reddit.com"), rf"/(?:user|u)/{_H}/?",
             "https://www.reddit.com/user/{h}"),
    Platform("x", ("x.com", "twitter.com", "mobile.twitter.com"), rf"/{_H}/?", "https://x.com/{h}"),
    Platform("instagram", ("instagram.com",), rf"/{_H}/?", "https://www.instagram.com/{h}/"),
    Platform("tiktok", ("tiktok.com",), rf"/@{_H}/?", "https://www.tiktok.com/@{h}"),
    Platform("youtube", ("youtube.com",), rf"/@{_H}/?", "https://www.youtube.com/@{h}"),
    Platform("facebook", ("facebook.com",), rf"/{_H}/?", "https://www.facebook.com/{h}"),
    Platform("linkedin", ("linkedin.com",), rf"/in/{_H}/?", "https://www.linkedin.com/in/{h}"),
    Platform("bsky", ("bsky.app",), rf"/profile/{_H}/?", "https://bsky.app/profile/{h}"),
    Platform("twitch", ("twitch.tv",), rf"/{_H}/?", "https://www.twitch.tv/{h}"),
    Platform("medium", ("medium.com",), rf"/@{_H}/?", "https://medium.com/@{h}"),
    Platform("flickr", ("flickr.com",), rf"/(?:people|photos)/{_H}/?",
             "https://www.flickr.com/people/{h}/"),
    Platform("strava", ("strava.com",), rf"/athletes/{_H}/?", "https://www.strava.com/athletes/{h}"),
    Platform("threads", ("threads.net",), rf"/@{_H}/?", "https://www.threads.net/@{h}"),
    Platform("keybase", ("keybase.io",), rf"/{_H}/?", "https://keybase.io/{h}"),
    Platform("gravatar", ("gravatar.com", "en.gravatar.com"), rf"/{_H}/?",
             "https://gravatar.com/{h}"),
    Platform("linktree", ("linktr.ee",), rf"/{_H}/?", "https://linktr.ee/{h}", True),
    Platform("beacons", ("beacons.ai",), rf"/{_H}/?", "https://beacons.ai/{h}", True),
    Platform("lnkbio", ("lnk.bio",), rf"/{_H}/?", "https://lnk.bio/{h}", True),
    Platform("taplink", ("taplink.cc",), rf"/{_H}/?", "https://taplink.cc/{h}", True),
    Platform("carrd", ("carrd.co",), r"/?", "https://{h}.carrd.co/", True),
)
_BY_KEY = {p.key: p for p in PLATFORMS}
_RESERVED = frozenset(
    {"about", "features", "pricing", "login", "signup", "explore", "settings", "help", "home",
     "search", "intent", "share", "i", "p", "reel", "orgs", "sponsors", "topics", "watch",
     "privacy", "terms", "legal", "policies", "hashtag", "tags", "groups", "pages", "events",
     "marketplace", "jobs", "notifications", "messages", "people", "photos", "user", "u"}
)
_FEDI_PATH = re.compile(rf"/@{_H}/?")
_MENTION_FEDI = re.compile(
    r"(?<![\w.@])@(?P<h>[A-Za-z0-9_.]{1,64})@(?P<host>[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)"
)
_CONTEXT_WORDS = {
    "insta": "instagram", "instagram": "instagram", "ig": "instagram", "tiktok": "tiktok",
    "twitter": "x", "x": "x", "bsky": "bsky", "bluesky": "bsky", "twitch": "twitch",
    "youtube": "youtube", "yt": "youtube", "github": "github", "gitlab": "gitlab",
    "reddit": "reddit", "flickr": "flickr", "threads": "threads", "medium": "medium",
}
_MENTION_CTX = re.compile(
    r"\b(?P<word>" + "|".join(sorted(_CONTEXT_WORDS, key=len, reverse=True)) + r")\b"
    r"[^@\n]{0,24}?(?<![\w.])@(?P<h>[A-Za-z0-9_.]{2,40})(?![\w@])",
    re.IGNORECASE,
)


def _platform_host(url: str) -> str:
    """`host_of` without a mobile ``m.`` prefix either (``m.facebook.com`` -> ``facebook.com``)."""
    return host_of(url).removeprefix("m.")


def platform(key: str) -> Platform | None:
    """The platform for a node key (``github``), if it is in the table."""
    return _BY_KEY.get(key)


def match_url(url: str) -> tuple[str, str] | None:
    """``(platform key, handle)`` for a profile URL, or None. Fediverse-style
    ``https://host/@user`` URLs give ``(host, user)``."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return None
    host = _platform_host(url)
    path = parts.path or "/"
    for p in PLATFORMS:
        if p.key == "carrd" and host.endswith(".carrd.co"):
            return ("carrd", host.split(".", 1)[0])
        if host in p.hosts:
            m = re.fullmatch(p.path, path)
            if m and "h" in m.groupdict() and m.group("h").lower() not in _RESERVED:
                return (p.key, m.group("h"))
            return None
    m = _FEDI_PATH.fullmatch(path)
    if m and host:
        return (host, m.group("h"))
    return None


def is_link_in_bio(url: str) -> bool:
    """Whether the URL is a link-in-bio page (Linktree, Beacons, Carrd, lnk.bio, Taplink)."""
    found = match_url(url)
    p = _BY_KEY.get(found[0]) if found else None
    return bool(p and p.link_in_bio)


def node_for_url(url: str) -> str | None:
    """Graph node id for a profile URL (``github:camdufresne``), or None."""
    found = match_url(url)
    return node_id(found[0], found[1]) if found else None


def profile_url(node: str) -> str | None:
    """The profile URL for an account node id (inverse of `node_for_url`)."""
    key, _, handle = node.partition(":")
    if not handle:
        return None
    p = _BY_KEY.get(key)
    if p is not None:
        return p.template.format(h=handle)
    if "." in key:  # a fediverse instance
        return f"https://{key}/@{handle}"
    return None


def mentions(text: str) -> list[tuple[str, str]]:
    """Handles a bio mentions: ``(node id, the matched text)``. Fediverse addresses
    (``@user@host``) and ``<platform word> ... @handle`` ("also on X as @foo")."""
    out: list[tuple[str, str]] = []
    taken: list[tuple[int, int]] = []
    for m in _MENTION_FEDI.finditer(text):
        out.append((node_id(m.group("host").lower(), m.group("h")), m.group(0)))
        taken.append(m.span())
    for m in _MENTION_CTX.finditer(text):
        start = m.start("h") - 1
        if any(a <= start < b for a, b in taken):
            continue
        key = _CONTEXT_WORDS[m.group("word").lower()]
        out.append((node_id(key, m.group("h").rstrip(".")), m.group(0)))
    return out
