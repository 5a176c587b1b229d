"""The contacts/links part of the offline demo world (added through the `register_demo` hook):
the persona's own site, her link-in-bio page, a small fediverse profile found through it, and
the public API answers used by the `links` check (GitHub users API, Gravatar v3,
keys.openpgp.org).

Everything is fictional. What the pages hide, and what the scan must find:
- https://www.camille-dufresne.example/ : the email written "camille [dot] dufresne [at]
  example [dot] org", a JSON-LD Person (name, sameAs), rel="me" links to
  github.com/camdufresne and mastodon.social/@velvetfox42, two photos (served by the photos
  part);
- /contact : the email behind Cloudflare's email protection, the phone in national format in a
  tel: link and a wa.me link, a vCard link, and a colleague's email and phone (must come out
  masked);
- /cv.html : the postal address "12 rue des Lilas, 69003 Lyon" (text and h-card);
- https://linktr.ee/velvetfox42 : the pseudonym's link-in-bio page, linking to the own site and
  to a further handle (@velvetnights@pixelfed.example), which links to one more (depth 2,
  left unchecked by the default limits).
Profile pages of github/mastodon/reddit are served by the accounts part, not here.
"""

from __future__ import annotations

import base64
import hashlib
import json

from audit.sandbox.world import World

SITE = "https://www.camille-dufresne.example"
EMAIL = "camille.dufresne@example.org"
_CF_KEY = 0x5A


def cf_encode(email: str, key: int = _CF_KEY) -> str:
    """Cloudflare's email-protection hex: a key byte, then each byte XOR the key."""
    return "".join(f"{b:02x}" for b in [key, *(c ^ key for c in email.encode("utf-8"))])


_HEAD = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:title" content="{title}"></head><body>
<nav><a href="/">Accueil</a> · <a href="/contact">Contact</a> · <a href="/cv.html">CV</a></nav>
"""
_FOOT = "<footer><p>© 2026 Camille Dufresne</p></footer></body></html>"

_PERSON = {
    "@context": "https://schema.org",
    "@type": "Person",
    "name": "Camille Dufresne",
    "url": SITE + "/",
    "jobTitle": "Photographe",
    "worksFor": {"@type": "Organization", "name": "Atelier Lumen"},
    "sameAs": ["https://github.com/camdufresne", "https://mastodon.social/@velvetfox42"],
}

INDEX = (
    _HEAD.format(title="Camille Dufresne - photographe à Lyon")
    + '<script type="application/ld+json">' + json.dumps(_PERSON) + "</script>\n"
    + """<h1>Camille Dufresne</h1>
<p>Photographe à Lyon, chez Atelier Lumen. Balades nocturnes, lumières de la ville.</p>
<p>Pour me joindre : camille [dot] dufresne [at] example [dot] org</p>
<p><img src="/img/balcon.jpg" alt="Vue du balcon"> <img src="/img/soiree.jpg" alt="Soirée"></p>
<ul class="elsewhere">
<li><a rel="me" href="https://github.com/camdufresne">GitHub</a></li>
<li><a rel="me" href="https://mastodon.social/@velvetfox42">Mastodon</a></li>
</ul>
"""
    + _FOOT
)

CONTACT = (
    _HEAD.format(title="Contact - Camille Dufresne")
    + f"""<h1>Contact</h1>
<p>E-mail : <a href="/cdn-cgi/l/email-protection#{cf_encode(EMAIL)}"><span class="__cf_email__"
 data-cfemail="{cf_encode(EMAIL)}">[email&#160;protected]</span></a></p>
<p>Téléphone : <a href="tel:0639981234">06 39 98 12 34</a>
 (<a href="https://wa.me/33639981234">WhatsApp</a>)</p>
<p><a href="/camille-dufresne.vcf">Télécharger ma carte de visite</a></p>
<h2>Atelier Lumen</h2>
<p>Pour les commandes d'atelier, contactez ma collègue Jeanne Martin :
 jeanne.martin@atelier-lumen.example, tél. 04 78 12 34 56.</p>
"""
    + _FOOT
)

CV = (
    _HEAD.format(title="CV - Camille Dufresne")
    + """<h1>Curriculum vitae</h1>
<div class="h-card">
<p class="p-name">Camille Dufresne</p>
<p class="p-adr h-adr"><span class="p-street-address">12 rue des Lilas</span>,
 <span class="p-postal-code">69003</span> <span class="p-locality">Lyon</span></p>
</div>
<p>Adresse : 12 rue des Lilas, 69003 Lyon</p>
<h2>Expérience</h2><p>2021- : photographe, Atelier Lumen (Lyon).</p>
<p>2016-2021 : assistante photo (sous le nom de Camille Roux).</p>
"""
    + _FOOT
)

VCARD = """BEGIN:VCARD
VERSION:3.0
FN:Camille Dufresne
EMAIL;TYPE=INTERNET:camille.dufresne@example.org
TEL;TYPE=CELL:+33 6 39 98 12 34
URL:https://www.camille-dufresne.example/
END:VCARD
"""

_LINKTREE_DATA = {
    "props": {"pageProps": {
        "username": "velvetfox42",
        "description": "photos & night walks in Lyon",
        "links": [
            {"title": "Mon site", "url": SITE + "/"},
            {"title": "Photos de nuit", "url": "https://pixelfed.example/@velvetnights"},
        ],
        "socialLinks": [{"type": "MASTODON", "url": "https://mastodon.social/@velvetfox42"}],
    }},
}

LINKTREE = (
    """<!DOCTYPE html><html><head><title>velvetfox42 | Linktree</title>
<meta property="og:title" content="velvetfox42"></head><body>
<h1>@velvetfox42</h1><p>photos &amp; night walks in Lyon</p>
<a href="https://www.camille-dufresne.example/">Mon site</a>
<a href="https://pixelfed.example/@velvetnights">Photos de nuit</a>
<a href="https://mastodon.social/@velvetfox42">Mastodon</a>
<script id="__NEXT_DATA__" type="application/json">"""
    + json.dumps(_LINKTREE_DATA)
    + "</script></body></html>"
)

PIXELFED = """<!DOCTYPE html><html><head><title>velvet fox (@velvetnights@pixelfed.example)</title>
<meta property="og:title" content="velvet fox">
<meta property="og:description" content="Night photos, Lyon. Also on X as @velvetfox_x">
</head><body><h1>velvet fox</h1><p class="bio">Night photos, Lyon. Also on X as @velvetfox_x</p>
<a href="https://linktr.ee/velvetfox42">linktr.ee/velvetfox42</a></body></html>"""

GITHUB_USER = {
    "login": "camdufresne",
    "id": 90000001,
    "html_url": "https://github.com/camdufresne",
    "name": "Camille Dufresne",
    "company": "Atelier Lumen",
    "blog": "https://www.camille-dufresne.example/",
    "location": "Lyon, France",
    "email": None,
    "bio": "Photographe. camille.dufresne [at] example [dot] org",
    "twitter_username": None,
    "public_repos": 4,
}

GRAVATAR_PROFILE = {
    "hash": hashlib.sha256(EMAIL.encode()).hexdigest(),
    "display_name": "Camille Dufresne",
    "profile_url": "https://gravatar.com/camdufresne",
    "avatar_url": "https://0.gravatar.com/avatar/" + hashlib.sha256(EMAIL.encode()).hexdigest(),
    "location": "Lyon",
    "description": "",
    "verified_accounts": [
        {"service_type": "github", "service_label": "GitHub",
         "url": "https://github.com/camdufresne"},
        {"service_type": "mastodon", "service_label": "Mastodon",
         "url": "https://mastodon.social/@velvetfox42"},
    ],
}


def demo_pgp_key() -> str:
    """A fictional, structurally valid key block: one v4 key packet and two user IDs (the
    second under the persona's former name)."""
    key_body = bytes([4]) + (1_700_000_000).to_bytes(4, "big") + bytes([22, 9])
    key_body += bytes.fromhex("2b06010401da470f01") + b"\x01\x07" + b"\x40" + bytes(32)
    packets = _packet(6, key_body)
    packets += _packet(13, f"Camille Dufresne <{EMAIL}>".encode())
    packets += _packet(13, b"Camille Roux <camille.roux@example.net>")
    b64 = base64.b64encode(packets).decode()
    lines = [b64[i:i + 64] for i in range(0, len(b64), 64)]
    return "\n".join(["-----BEGIN PGP PUBLIC KEY BLOCK-----", "", *lines,
                      "-----END PGP PUBLIC KEY BLOCK-----", ""])


def _packet(tag: int, body: bytes) -> bytes:
    """A new-format OpenPGP packet with a one-byte length (bodies here are < 192 bytes)."""
    return bytes([0xC0 | tag, len(body)]) + body


def add_to(world: World) -> None:
    """Add the own site, the link-in-bio page and the public API answers."""
    html = {"Content-Type": "text/html; charset=utf-8"}
    world.page(SITE + "/", INDEX, headers=html)
    world.page(SITE + "/contact", CONTACT, headers=html)
    world.page(SITE + "/cv.html", CV, headers=html)
    world.page(SITE + "/camille-dufresne.vcf", VCARD, headers={"Content-Type": "text/vcard"})
    world.page("https://linktr.ee/velvetfox42", LINKTREE, headers=html)
    world.page("https://pixelfed.example/@velvetnights", PIXELFED, headers=html)
    limits = {"X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "57",
              "X-RateLimit-Reset": "1795000000"}
    world.json("https://api.github.com/users/camdufresne", GITHUB_USER, headers=limits)
    world.json("https://api.github.com/users/velvetfox42", {"message": "Not Found"}, 404,
               headers=limits)
    world.json(f"https://api.gravatar.com/v3/profiles/{GRAVATAR_PROFILE['hash']}",
               GRAVATAR_PROFILE)
    world.page(f"https://keys.openpgp.org/vks/v1/by-email/{EMAIL.replace('@', '%40')}",
               demo_pgp_key(), headers={"Content-Type": "application/pgp-keys"})
