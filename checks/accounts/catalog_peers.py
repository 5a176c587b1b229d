"""Corrections to the site tables from the peers' public facts, each with its source.

`sites crosscheck` (`checks.accounts.crosscheck`) compared our rules with WhatsMyName,
Sherlock and Maigret. Where a peer gives a distinguishing signal (a status that separates,
a body string only one of the two pages has) the rule below uses it; the facts carry over
with their source (`FACT_SOURCE`), nothing else of the peers' files does. `build_catalog`
leaves out the `DEAD` sites, applies `FIXES` on top of the tables, records `EXPLAINED`
conflicts in each site's `crosscheck` field, and the peers that agree
(`catalog_agree.json`, written by ``sites crosscheck --record``) in `agrees_with`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from checks.accounts.catalog_facts import (
    FACT_FIXES,
    GONE,
    KEPT,
    LEMMY_API,
    OTHER_MARKER,
    STATUS_KEPT,
)

WMN = "WhatsMyName wmn-data.json (CC BY-SA 4.0)"
FACT_SOURCE = {
    "wmn": f"{WMN}: e_code/e_string (exists), m_code/m_string (missing)",
    "redirect": "Sherlock data.json / Maigret data.json (MIT): errorType/checkType "
                "response_url (a missing name is redirected)",
}
_REDIRECTED = ("vk", "pastebin", "fiverr", "ao3", "wordpress", "psnprofiles")

# key -> rule arguments of `build_catalog.entry` replacing the table's (present/absent are
# (status, marker[, url_contains]) as in the tables).
FIXES: dict[str, dict[str, Any]] = {
    # the status does not separate (200 both ways): the peer's body strings do
    "paypalme": {"present": (200, '"recipientSlugDetails":'),
                 "absent": (200, '","griffinMetadata":{"')},
    "tinder": {"present": (200, ") | Tinder</title>"),
               "absent": (200, "Tinder | Dating, Make Friends &amp; Meet New People")},
    "codecademy": {"present": (200, '"type":"User"'), "absent": (200, '"type":"UserNotFound"')},
    "slideshare": {"present": (200, 'data-testid="report-button"'),
                   "absent": (200, 'id="username-available"')},
    "beacons": {"present": (200, " - Link in Bio &amp; Creator Tools | Beacons</title>"),
                "absent": (200, "The page you are looking for does not seem to exist anymore")},
    "furaffinity": {"present": (200, "<userpage-nav-header>"),
                    "absent": (200, "<h2>System Error</h2>")},
    "opencollective": {"present": (200, "- Open Collective"), "absent": (200, "Not Found")},
    "ebay": {"present": (200, "on eBay</title>"),
             "absent": (200, "The User ID you entered was not found")},
    "wikidot": {"present": (200, '<h1 class="profile-title">'),
                "absent": (200, '<div class="error-block">User does not exist.</div>')},
    # a missing name is redirected (the peer's m_code), not answered 404
    "pinterest": {"present": (200, " - Profile | Pinterest"), "absent": (301, None)},
    "quora": {"absent": (301, None)},
    "foursquare": {"present": (200, 'class="userProfile2Page"'), "absent": (308, None)},
    "codechef": {"present": (200, 'class="user-profile-container"'), "absent": (302, None)},
    "researchgate": {"absent": (301, None)},
    "inkbunny": {"present": (200, "Profile | Inkbunny, the Furry Art Community</title>"),
                 "absent": (302, None)},
    "kofi": {"present": (200, 'id="profile-header"'), "absent": (302, None)},
    "gog": {"present": (200, "window.profilesData.profileUser"), "absent": (302, None)},
    "armorgames": {"absent": (302, None)},
    "xanga": {"present": (200, 'class="module module-weblog"'), "absent": (302, None)},
    "booth": {"present": (200, "- BOOTH</title>"), "absent": (302, None)},
    # other status codes for a missing name
    "warriorforum": {"present": (200, "Last Activity:"), "absent": (400, None)},
    "naverblog": {"present": (200, " : 네이버 블로그"), "absent": (500, None)},

    # Sherlock / Maigret (response_url): a missing name is redirected, probes do not follow
    **{k: {"absent": ((301, 302, 303, 307, 308), None)}
       for k in _REDIRECTED},
    # ...where WhatsMyName saw a 404 for the same URL: both mean missing
    "vk": {"absent": ((404, 301, 302, 303, 307, 308), None)},
    "pastebin": {"absent": ((404, 301, 302, 303, 307, 308), None)},
}

# Sites two peers found unusable: left out of the built catalog, with the peers' words.
DEAD: dict[str, str] = {
    "weheartit": "Sherlock docs/removed-sites.md (2022-02-25): the website no longer lets "
                 "anyone check usernames, it links to its mobile app; Maigret data.json: "
                 "disabled",
    **GONE,
}

# key -> {conflict class: why our rule stays as it is}
EXPLAINED: dict[str, dict[str, str]] = {k: dict(v) for k, v in KEPT.items()}
for _key, _why in STATUS_KEPT.items():
    EXPLAINED.setdefault(_key, {})["status_only"] = _why
for _key, _why in OTHER_MARKER.items():
    EXPLAINED.setdefault(_key, {})["marker_mismatch"] = _why

PEER_NAMES = {"wmn": WMN, "sherlock": "Sherlock data.json (MIT, commit 4e2a4f6, 2026-05-04)",
              "maigret": "Maigret data.json (MIT, commit 149acb1, 2026-08-20)"}


def signal_kind(entry: Mapping[str, Any]) -> str:
    """What tells an existing profile apart: ``api`` (a field of a JSON answer), ``marker``
    (a string of the page), ``redirect`` (where the site sends us) or ``status_only`` (the
    HTTP status alone: a found then relies on the control probe)."""
    present = entry["present"]
    if present.get("url_contains"):
        return "redirect"
    if not present.get("marker"):
        return "status_only"
    probe = entry["probe"]
    accept = " ".join(str(v) for v in probe.get("headers", {}).values())
    url = probe["url"]
    api = "json" in accept or probe.get("body") or "/api" in url or "://api." in url \
        or ".api." in url or "/oembed" in url or (url != entry["profile_url"] and ".json" in url)
    return "api" if api else "marker"


def _probe(entry: dict[str, Any], fix: Mapping[str, Any]) -> None:
    probe = entry["probe"]
    if "probe_path" in fix:
        root = entry["profile_url"].split("/", 3)
        probe["url"] = "/".join(root[:3]) + fix["probe_path"]
    if "probe" in fix:
        probe["url"] = fix["probe"]
    if "headers" in fix:
        probe["headers"] = dict(fix["headers"])
    if "follow" in fix:
        probe["follow_redirects"] = bool(fix["follow"])
    if "body" in fix:
        probe["body"] = fix["body"]
        probe["method"] = "POST"


def apply(entry: dict[str, Any], sig: Any,
          agrees: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """`entry` with its corrections, explanations, signal kind and agreement (`sig` builds
    a signal; `agrees`: the peers agreeing with each site, from `sites crosscheck --record`)."""
    key = entry["key"]
    later = FACT_FIXES.get(key) or (LEMMY_API if entry.get("platform_key") == "lemmy" else {})
    fix = {**FIXES.get(key, {}), **later}
    if fix:
        for name in ("present", "absent"):
            if name in fix:
                entry[name] = sig(fix[name])
        _probe(entry, fix)
        facts = [FACT_SOURCE["redirect" if key in _REDIRECTED else "wmn"]] if key in FIXES else []
        facts += [PEER_NAMES[p] for p in later.get("from", "").split()
                  if not any(f.startswith(PEER_NAMES[p]) for f in facts)]
        entry["source"] = f"{entry['source']}; status and markers: {'; '.join(facts)}"
    if key in EXPLAINED:
        entry["crosscheck"] = dict(EXPLAINED[key])
    entry["signal"] = signal_kind(entry)
    entry["agrees_with"] = list(agrees.get(key, ()))
    return entry
