"""The 25 main platforms for exposure: each is either asked with a rule that accepts the
peers' known accounts, or reported in one line saying what to check by hand."""

from __future__ import annotations

import pytest

from checks.accounts.catalog import load_catalog
from checks.accounts.manual import MANUAL

SITES = {s.key: s for s in load_catalog()}
MANUAL_KEYS = {m.key: m for m in MANUAL}

# platform -> catalog key (None: cannot be checked from a handle)
MAIN: dict[str, str | None] = {
    "Facebook": "facebook", "Instagram": "instagram", "X": "x", "TikTok": "tiktok",
    "LinkedIn": "linkedin", "Snapchat": "snapchat", "YouTube": "youtube", "Reddit": "reddit",
    "GitHub": "github", "Strava": "strava", "Telegram": "telegram", "WhatsApp": None,
    "Signal": None, "Discord": "discord", "Twitch": "twitch", "Pinterest": "pinterest",
    "Mastodon": "mastodon.social", "Bluesky": "bluesky", "Google": None, "Venmo": "venmo",
    "Amazon": None, "Spotify": "spotify", "Vinted": None, "Leboncoin": None,
    "Tumblr": "tumblr",
}

# Accounts the peers list as existing (WhatsMyName `known`, Sherlock `username_claimed`,
# Maigret `usernameClaimed`): each site's username rule must accept them.
PEER_KNOWN: dict[str, tuple[str, ...]] = {
    "facebook": ("zuck", "john.miniolic", "adam"), "instagram": ("cristiano", "jennaortega"),
    "x": ("WebBreacher", "OSINT_Tactical", "blue"), "tiktok": ("charlidamelio", "red"),
    "linkedin": ("paulpfeister",), "snapchat": ("teamsnapchat",),
    "youtube": ("tactical-systems", "CybersecurityMeg", "youtube"),
    "reddit": ("koavf", "alabasterheart", "AutoModerator", "blue"),
    "github": ("blue", "WebBreacher"), "strava": ("jane", "adam", "blue"),
    "telegram": ("blue", "alice", "giovanni", "BotFather"), "twitch": ("xqc", "summit1g"),
    "pinterest": ("blue", "test123", "frickcollection"), "bluesky": ("mcuban", "john", "mark"),
    "venmo": ("John-Goolsby-8", "kate-mura", "jenny"), "spotify": ("blue", "kexp_official"),
    "mastodon.social": ("Gargron",),
}

STATUS_ONLY_MAIN = {"snapchat", "twitch"}
"""Main platforms whose presence rule is a bare status (no peer gives a string for that
URL): a found needs the control probe's not-found, and is medium confidence at best."""


def test_every_main_platform_is_asked_or_said_to_be_manual() -> None:
    for name, key in MAIN.items():
        if key is None:
            assert name.lower() in MANUAL_KEYS, name
            assert not any(s.platform_key == name.lower() for s in SITES.values()), name
        else:
            assert key in SITES, name
    assert set(MANUAL_KEYS) == {n.lower() for n, k in MAIN.items() if k is None}


@pytest.mark.parametrize("key", sorted(PEER_KNOWN))
def test_the_username_rule_accepts_the_peers_known_accounts(key: str) -> None:
    site = SITES[key]
    for handle in (*PEER_KNOWN[key], *([site.known_handle] if site.known_handle else [])):
        assert site.username.problem(handle) is None, (key, handle)


def test_main_platforms_say_what_tells_a_profile_apart() -> None:
    for key in (k for k in MAIN.values() if k):
        site = SITES[key]
        assert site.signal, key
        assert (site.signal == "status_only") == (key in STATUS_ONLY_MAIN), key
        assert site.source, key
        assert site.last_verified is None  # never checked online from this project yet
    strava = SITES["strava"]  # an existing athlete's name answers 301 to /athletes/<id>
    assert 301 in strava.present.status or strava.probe.follow_redirects
    assert strava.present.url_contains == "/athletes/"


def test_a_manual_platform_is_one_line_saying_what_to_check() -> None:
    for m in MANUAL:
        for lang, start in (("en", "cannot be checked from a handle ("),
                            ("fr", "impossible à vérifier par pseudo (")):
            text = m.text(lang)
            assert text.startswith(start), (m.key, lang)
            assert "\n" not in text, (m.key, lang)
            assert len(text) < 240, (m.key, lang)
            reason, _, advice = text.partition("): ") if lang == "en" else text.partition(") : ")
            assert reason, (m.key, lang)
            assert len(advice) > 40, (m.key, lang)
