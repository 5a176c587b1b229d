"""The `accounts` plugin's part of the offline demo world (hook `register_demo`).

- Existing accounts (`EXISTING`) answer like the real sites would, following each catalog
  entry's presence rule: github.com/camdufresne, gitlab.com camdufresne, strava camdufresne,
  mastodon.social @velvetfox42 (lookup API and HTML page, with the rel="me" link to the own
  site), reddit velvetfox42 (about.json and HTML page).
- Instagram answers a Cloudflare-style challenge (`BLOCKED`); X answers 429 with a long
  Retry-After (`RATE_LIMITED`).
- Every other catalog site answers "no such profile" following its own absence rule: the
  world's default 404 where the rule is a plain 404, otherwise a route generated from the rule
  (a glob over the username for most sites), so absence is right for every site and handle.
- Three sites mislead a bare-status rule (`MISLEADING`): SensCritique answers 200 with the
  same page to any name, Malt a 200 login wall (both rules are a bare HTTP 200: the control probe
  or the login-wall markers must turn them into `unknown`, never `found`), Depop redirects
  every name to its home page (which answers 200): that redirect matches neither rule.
"""

from __future__ import annotations

import json
import struct
import zlib

from audit.sandbox.world import Reply, Route, World, split_url
from checks.accounts.catalog import PLACEHOLDER, Signal, Site, load_catalog

HANDLES = ("camdufresne", "velvetfox42")
EXISTING: frozenset[tuple[str, str]] = frozenset(
    {
        ("github", "camdufresne"),
        ("gitlab", "camdufresne"),
        ("strava", "camdufresne"),
        ("mastodon.social", "velvetfox42"),
        ("reddit", "velvetfox42"),
    }
)
BLOCKED = frozenset({"instagram"})
RATE_LIMITED = frozenset({"x"})
_BLOCKED_HOSTS = ("www.instagram.com",)
_LIMITED_HOSTS = ("api.x.com", "publish.twitter.com", "x.com")
OWN_SITE = "https://www.camille-dufresne.example/"
MISLEADING: dict[str, str] = {
    "senscritique": "same page for any name",
    "malt": "login wall",
    "depop": "redirect to the home page",
}
SAME_PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>SensCritique</title></head><body><main><h1>Films, séries, livres, jeux, musique</h1>
<p>Notez, critiquez et découvrez ce que vos amis en pensent.</p></main></body></html>
"""
LOGIN_WALL = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Malt</title></head><body><main><h1>Please log in</h1>
<form action="/sign-in" method="post"><input name="email"><button>Continue</button></form>
</main></body></html>
"""
HOME_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Depop</title></head><body><main><h1>Buy and sell secondhand fashion.</h1></main>
</body></html>
"""

GITHUB_PAGE = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>camdufresne (Camille Dufresne) · GitHub</title>
<meta property="og:title" content="camdufresne - Overview">
<meta property="og:image" content="https://avatars.githubusercontent.com/u/48151623?v=4">
<meta name="hovercard-subject-tag" content="user:48151623">
</head><body><main>
<div class="vcard-names-container"><h1 class="vcard-names">
<span class="p-name vcard-fullname" itemprop="name">Camille Dufresne</span>
<span class="p-nickname vcard-username" itemprop="additionalName">camdufresne</span></h1></div>
<img class="avatar avatar-user" alt="" src="https://avatars.githubusercontent.com/u/48151623?v=4">
<div class="p-note user-profile-bio"><div>Illustration, maps and small web things.
Contact: camille.dufresne [at] example [dot] org</div></div>
<ul class="vcard-details"><li itemprop="url"><a rel="nofollow me" class="Link--primary"
href="{OWN_SITE}">{OWN_SITE}</a></li></ul>
</main></body></html>
"""

MASTODON_ACCOUNT = {
    "id": "109876543210987654",
    "username": "velvetfox42",
    "acct": "velvetfox42",
    "display_name": "velvet fox",
    "locked": False,
    "bot": False,
    "note": "<p>photos &amp; night walks in Lyon</p>",
    "url": "https://mastodon.social/@velvetfox42",
    "avatar": "https://files.mastodon.social/accounts/avatars/velvetfox42.png",
    "fields": [
        {
            "name": "Site",
            "value": f'<a href="{OWN_SITE}" target="_blank" rel="nofollow noopener me">'
            "camille-dufresne.example</a>",
            "verified_at": "2026-01-05T10:00:00.000+00:00",
        },
        {
            "name": "Links",
            "value": '<a href="https://linktr.ee/velvetfox42" target="_blank" '
            'rel="nofollow noopener">linktr.ee/velvetfox42</a>',
            "verified_at": None,
        },
    ],
}

MASTODON_PAGE = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>velvet fox (@velvetfox42@mastodon.social) - Mastodon</title>
<meta property="og:title" content="velvet fox (@velvetfox42@mastodon.social)">
<meta property="og:description" content="photos &amp; night walks in Lyon">
<meta property="og:image" content="https://files.mastodon.social/accounts/avatars/velvetfox42.png">
<link rel="alternate" type="application/activity+json"
href="https://mastodon.social/users/velvetfox42">
</head><body><div class="account__header h-card">
<h1><span class="p-name">velvet fox</span> <small>@velvetfox42@mastodon.social</small></h1>
<div class="account__header__content p-note"><p>photos &amp; night walks in Lyon</p></div>
<dl class="account__header__fields">
<dt>Site</dt><dd><a href="{OWN_SITE}" target="_blank"
rel="nofollow noopener me">camille-dufresne.example</a></dd>
<dt>Links</dt><dd><a href="https://linktr.ee/velvetfox42" target="_blank"
rel="nofollow noopener">linktr.ee/velvetfox42</a></dd>
</dl></div></body></html>
"""

REDDIT_ABOUT = {
    "kind": "t2",
    "data": {
        "name": "velvetfox42",
        "id": "8xk2q1",
        "icon_img": "https://styles.redditmedia.com/t5_velvetfox42/avatar.png",
        "subreddit": {
            "title": "velvet fox",
            "display_name_prefixed": "u/velvetfox42",
            "public_description": "night photos, mostly Lyon. also on mastodon as "
            "@velvetfox42@mastodon.social",
        },
    },
}

REDDIT_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>velvetfox42 (u/velvetfox42) - Reddit</title>
<meta property="og:title" content="velvetfox42 (u/velvetfox42) - Reddit">
<meta property="og:description" content="night photos, mostly Lyon. also on mastodon as
@velvetfox42@mastodon.social">
</head><body><main><h1>velvet fox</h1><p class="profile-description">night photos, mostly
Lyon. also on mastodon as @velvetfox42@mastodon.social</p></main></body></html>
"""

GITLAB_USERS = [
    {
        "id": 31415926,
        "username": "camdufresne",
        "name": "Camille Dufresne",
        "state": "active",
        "locked": False,
        "avatar_url": "https://secure.gravatar.com/avatar/3b2c1d?s=80&d=identicon",
        "web_url": "https://gitlab.com/camdufresne",
    }
]

GITLAB_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Camille Dufresne · GitLab</title>
<meta property="og:title" content="Camille Dufresne">
</head><body><div class="user-profile"><h1 class="p-name">Camille Dufresne</h1>
<p>@camdufresne</p></div></body></html>
"""

STRAVA_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Camille D. | Strava Runner Profile</title>
<meta property="og:title" content="Camille D. on Strava">
<meta property="og:description" content="Join Camille D. and get inspired. Lyon,
Auvergne-Rhône-Alpes, France">
</head><body><div class="athlete-profile"><h1 class="p-name">Camille D.</h1>
<div class="location">Lyon, Auvergne-Rhône-Alpes, France</div>
<p>Morning runs along the Rhône, 6:30 most weekdays.</p></div></body></html>
"""


def _json_reply(data: object, status: int = 200) -> Reply:
    return Reply(
        status,
        json.dumps(data, ensure_ascii=False),
        {"Content-Type": "application/json; charset=utf-8"},
    )


def _body_for(sig: Signal, json_like: bool) -> str:
    """A body that satisfies `sig`'s marker (and nothing else)."""
    marker = sig.marker
    if marker is None:
        return "{}" if json_like else "<html><head><title>Profile</title></head></html>"
    if marker.endswith(":"):
        return "{" + marker + ' "no such account"}'
    if json_like or marker in ("[]", "null"):
        return marker if marker.startswith(("[", "{", "n")) else "{" + marker + "}"
    return f"<html><head><title>Profile</title></head><body><p>{marker}</p></body></html>"


def _json_like(site: Site) -> bool:
    url = site.probe.url
    accept = " ".join(site.probe.headers.values())
    return "json" in accept or "/api" in url or ".json" in url or "api." in url


def absent_reply(site: Site) -> Reply | None:
    """The "no such profile" answer for `site`, or None when the world's default 404 fits."""
    sig = site.absent
    status = sig.status[0]
    if status == 404 and sig.marker is None and sig.url_contains is None:
        return None
    if 300 <= status < 400:
        body = f"<p>{sig.marker}</p>" if sig.marker else ""
        return Reply(status, body, {"Location": f"https://{site.host}/{sig.url_contains or ''}"})
    if status == 204:
        return Reply(204, b"")
    json_like = _json_like(site)
    ctype = "application/json; charset=utf-8" if json_like else "text/html; charset=utf-8"
    return Reply(status, _body_for(sig, json_like), {"Content-Type": ctype})


def rule_reply(site: Site, sig: Signal) -> Reply:
    """An answer that `sig` (a site's presence or absence rule) matches: its first status,
    a body holding its marker, a Location holding its `url_contains`."""
    status = sig.status[0]
    if sig.url_contains is not None:
        where = f"https://{site.host}/{sig.url_contains.strip('/')}/4815162342"
        return Reply(status if 300 <= status < 400 else 302, "", {"Location": where})
    json_like = _json_like(site)
    ctype = "application/json; charset=utf-8" if json_like else "text/html; charset=utf-8"
    return Reply(status, _body_for(sig, json_like), {"Content-Type": ctype})


def add_absent(world: World, site: Site) -> None:
    """Routes answering "no such profile" for every name on `site` (its absence rule)."""
    _absent_routes(world, site)


def _absent_routes(world: World, site: Site) -> None:
    reply = absent_reply(site) or Reply(404, "")  # explicit: another site may share the host
    method = site.probe.method
    if method == "POST":
        for handle in HANDLES:
            url = site.probe_url(site.username.apply(handle))
            host, target = split_url(url)
            world.add(Route(host, target, reply, method))
        return
    host, target = split_url(site.probe.url.replace(PLACEHOLDER, "*"))
    world.add(Route(host, target, reply, method))  # a subdomain site: host "*.example.com"


def _existing(world: World, sites: dict[str, Site]) -> None:
    gh = sites["github"]
    world.page(gh.profile_for("camdufresne"), GITHUB_PAGE)
    gl = sites["gitlab"]
    world.add(Route(*split_url(gl.probe_url("camdufresne")), _json_reply(GITLAB_USERS)))
    world.page(gl.profile_for("camdufresne"), GITLAB_PAGE)
    st = sites["strava"]  # an existing athlete's name is redirected to the numeric profile
    athlete = f"https://{st.host}/athletes/48151623"
    world.add(Route(*split_url(st.probe_url("camdufresne")),
                    Reply(301, "", {"Location": athlete})))
    world.page(athlete, STRAVA_PAGE)
    md = sites["mastodon.social"]
    world.add(Route(*split_url(md.probe_url("velvetfox42")), _json_reply(MASTODON_ACCOUNT)))
    world.page(md.profile_for("velvetfox42"), MASTODON_PAGE)
    rd = sites["reddit"]
    world.add(Route(*split_url(rd.probe_url("velvetfox42")), _json_reply(REDDIT_ABOUT)))
    world.page(rd.profile_for("velvetfox42"), REDDIT_PAGE)


def _misleading(world: World, sites: dict[str, Site]) -> None:
    """The sites of `MISLEADING`: answers that say nothing about the name asked."""
    md = sites["senscritique"]
    world.add(Route(*split_url(md.probe.url.replace(PLACEHOLDER, "*")), Reply(200, SAME_PAGE)))
    ss = sites["malt"]
    world.add(Route(*split_url(ss.probe.url.replace(PLACEHOLDER, "*")), Reply(200, LOGIN_WALL)))
    dp = sites["depop"]
    home = f"https://{dp.host}/"
    world.add(Route(*split_url(dp.probe.url.replace(PLACEHOLDER, "*")),
                    Reply(302, "", {"Location": home})))
    world.page(home, HOME_PAGE)


_AVATARS = (
    "https://avatars.githubusercontent.com/u/48151623?v=4",
    "https://files.mastodon.social/accounts/avatars/velvetfox42.png",
    "https://styles.redditmedia.com/t5_velvetfox42/avatar.png",
    "https://secure.gravatar.com/avatar/3b2c1d?s=80&d=identicon",
)


def _tiny_png() -> bytes:
    """A valid 1x1 grey PNG without any metadata chunk."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00\x80")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def add_to(world: World) -> None:
    """Add the accounts part: absent answers for every catalog site, then the exceptions."""
    catalog = {s.key: s for s in load_catalog()}
    skip_hosts = set(_BLOCKED_HOSTS) | set(_LIMITED_HOSTS)
    for site in catalog.values():
        if site.host in skip_hosts:
            continue
        _absent_routes(world, site)
    _existing(world, catalog)
    for host in _BLOCKED_HOSTS:
        world.challenge(host)
    for host in _LIMITED_HOSTS:
        world.rate_limited(host, retry_after=3600)
    _misleading(world, catalog)
    for url in _AVATARS:  # the profile pictures the pages show: plain images, no metadata
        world.page(url, _tiny_png(), headers={"Content-Type": "image/png"})
