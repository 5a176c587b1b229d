"""Rules taken from the peers' public facts in the second comparison (all three peers).

`sites crosscheck` was run against WhatsMyName, Sherlock and Maigret (read on 2026-12-03;
Sherlock `data.json` at commit 4e2a4f6 of 2026-05-04, Maigret `data.json` at commit 149acb1
of 2026-08-20). Where a peer asking the same URL gives a string that only an existing
profile's page has (or only a missing one's), the rule below uses it, and `FROM` names the
peer(s) whose fact it is. A missing page told apart by a string only ("message" checks)
may come with HTTP 200 or 404: such absence rules accept both, with the string.
Nothing but these facts (a status, a body string, a URL) comes from the peers' files.
"""

from __future__ import annotations

from typing import Any

_MISSING = (200, 404)
"""A missing page recognised by its text, whichever of these two statuses it comes with."""


def _f(peers: str, **rule: Any) -> dict[str, Any]:
    return {"from": peers, **rule}


# key -> rule arguments of `build_catalog.entry` (present/absent: (status, marker[, url]))
FACT_FIXES: dict[str, dict[str, Any]] = {
    # --- the 25 main platforms and other large sites ---
    "facebook": _f("wmn", present=(200, "__isProfile"), absent=(200, "<title>Facebook</title>")),
    "instagram": _f("maigret", present=(200, '"biography"')),
    "tiktok": _f("maigret", present=(200, '"nickname":'), absent=(_MISSING, 'serverCode":404')),
    "reddit": _f("wmn maigret", present=(200, '"id":'), absent=(404, "Not Found")),
    "tumblr": _f("wmn", present=(200, '"queryKey":["user-info'), absent=(404, None)),
    "youtube": _f("wmn", present=(200, "canonicalBaseUrl")),
    "youtube.user": _f("wmn", probe="https://www.youtube.com/user/{username}/about",
                       present=(200, "joinedDateText")),
    "youtube.c": _f("wmn", probe="https://www.youtube.com/c/{username}/about",
                    present=(200, "joinedDateText")),
    "x": _f("wmn", probe="https://api.x.com/i/users/username_available.json?username={username}",
            present=(200, '"reason":"taken"'), absent=(200, '"reason":"available"')),
    "venmo": _f("wmn", present=(200, "profileInfo_username__")),
    "strava": _f("wmn", present=((200, 301), None, "/athletes/"), absent=(404, None),
                 follow=True),  # an existing athlete's name is redirected to /athletes/<id>
    "bluesky": _f("wmn maigret", absent=(400, "Profile not found")),
    "soundcloud": _f("wmn maigret", present=(200, '"hydratable":"user"')),
    "gitlab": _f("wmn", present=(200, '"id":')),
    "keybase": _f("wmn", present=(200, '"id":')),
    "hackernews": _f("maigret", present=(200, '"created"')),
    "kick": _f("wmn", present=(200, '"id"')),
    "truthsocial": _f("wmn", present=(200, '"id":'), absent=(404, "Record not found")),
    "dockerhub": _f("wmn", present=(200, '"uuid":')),
    "fosstodon.org": _f("wmn", present=(200, "display_name")),
    "discuss.privacyguides.net": _f("wmn", present=(200, "assign_path"), absent=(
        404, "The requested URL or resource could not be found.")),
    # --- a presence string where the peer has one ---
    "carrd": _f("wmn maigret", present=(200, "( Made with Carrd )")),
    "cashapp": _f("maigret", present=(200, "on Cash App</title>"),
                  absent=(_MISSING, "The page you are looking for can't be found")),
    "codeforces": _f("maigret", present=(200, "Contest rating")),
    "codepen": _f("wmn", present=(200, 'property="og:url"')),
    "depop": _f("wmn", present=(200, "s Shop - Depop")),
    "deviantart": _f("wmn", present=(200, " | DeviantArt</title>")),
    "douban": _f("maigret", present=(200, "db-usr-profile")),
    "dribbble": _f("wmn", present=(200, " | Dribbble")),
    "goodreads": _f("maigret", present=(200, 'og:type" content="profile"')),
    "houzz": _f("wmn", present=(200, "Followers")),
    "issuu": _f("maigret", present=(200, '"displayName":"'),
                absent=(_MISSING, "NEXT_HTTP_ERROR_FALLBACK;404")),
    "jeuxvideo.com": _f("maigret", present=(200, "Messages Forums")),
    "kaggle": _f("wmn", present=(200, 'property="og:username"')),
    "kongregate": _f("wmn", present=(200, "Member Since")),
    "letterboxd": _f("wmn", present=(200, "’s profile on Letterboxd")),
    "liberapay": _f("wmn", present=(200, 'class="profile-header"')),
    "linktree": _f("wmn", present=(200, '"uuid":')),
    "lnkbio": _f("maigret", present=(200, "data-username"),
                 absent=(_MISSING, "Not Found - Lnk.Bio")),
    "namemc": _f("maigret", present=(200, "Name History")),
    "newgrounds": _f("wmn", present=(200, "user-header-name")),
    "observable": _f("maigret sherlock", present=(200, "profile_email"),
                     absent=(_MISSING, "Page not found")),
    "odysee": _f("maigret sherlock", present=(200, '<link rel="canonical" href="https://odysee.com/@'),
                 absent=(_MISSING, '<link rel="canonical" content="odysee.com"/>')),
    "pastebin": _f("wmn", present=(200, 'class="user-view"')),
    "periscope": _f("maigret", present=(200, "ProfileUsername"), absent=(_MISSING, "error-fill")),
    "pornhub": _f("wmn", present=(200, 'id="topProfileHeader"')),
    "poshmark": _f("wmn maigret",
                   present=(200, " is using Poshmark to sell items from their closet.")),
    "producthunt": _f("wmn", present=(200, "s profile on Product Hunt")),
    "pypi": _f("wmn", present=(200, "Profile of")),
    "replit": _f("wmn", present=(200, '"__typename":"User"')),
    "rumble": _f("wmn maigret", present=(200, "href=https://rumble.com/user/")),
    "smule": _f("maigret sherlock", present=(200, "Profile: "),
                absent=(_MISSING, "Smule | Page Not Found (404)")),
    "sourceforge": _f("maigret", present=(200, "Personal Tools")),
    "speakerdeck": _f("wmn", present=(200, ") on Speaker Deck</title>")),
    "taplink": _f("maigret", present=(200, "at Taplink")),
    "tryhackme": _f("maigret", present=(200, "heatmap-user-activity"),
                    absent=(302, "Redirecting to /404")),
    "unsplash": _f("wmn", present=(200, "| Unsplash Photo Community")),
    "viewbug": _f("wmn", present=(200, 'class="top-profile-since"')),
    "xhamster": _f("wmn", present=(200, "s profile | xHamster</title>")),
    # --- only a string of the missing page is known: found still needs the control ---
    "gaiaonline": _f("sherlock maigret",
                     absent=(_MISSING, "No user ID specified or user does not exist")),
    "giphy": _f("sherlock", absent=(_MISSING, "<title> GIFs - Find &amp; Share on GIPHY</title>")),
    "instructables": _f("maigret", absent=(_MISSING, "404: We're sorry, things break sometimes")),
    "mercadolivre": _f("maigret", absent=(_MISSING, "Parece que esta página não existe")),
    "ngl": _f("maigret", absent=(_MISSING, "Could not find user")),
    "reverbnation": _f("sherlock", absent=(_MISSING, "Sorry, we couldn't find that page")),
    "slashdot": _f("sherlock maigret", absent=(_MISSING, "user you requested does not exist")),
    "trovo": _f("sherlock", absent=(_MISSING, "Uh Ohhh...")),
    "wattpad": _f("maigret", absent=(_MISSING, "userError-404")),
    "weebly": _f("wmn maigret", absent=(_MISSING, "Page Not Found")),
    "wishlistr": _f("maigret", absent=(_MISSING, "Page Not Found")),
    "lemmy.world": _f("sherlock", absent=(_MISSING, "<h1>Error!</h1>")),
    # --- asked where the peer asks: an API or another page that separates ---
    "boardgamegeek": _f("wmn sherlock",
                        probe="https://api.geekdo.com/api/accounts/validate/username"
                              "?username={username}",
                        present=(200, '"message":"Sorry, this username is already taken."'),
                        absent=(200, '"isValid":true')),
    "hashnode": _f("wmn maigret", probe="https://gql.hashnode.com/",
                   headers={"Content-Type": "application/json"},
                   body='{"operationName":"UserBadge","query":"query UserBadge($username:'
                        'String!){user(username:$username){id}}","variables":'
                        '{"username":"{username}"}}',
                   present=(200, '"id":'), absent=(200, '"user":null')),
    "garmin": _f("wmn", probe="https://connect.garmin.com/app/profile/{username}",
                 present=(200, "window.VIEWER_USERPREFERENCES = {"),
                 absent=(200, "window.VIEWER_USERPREFERENCES = null")),
}

_JSON = {"Accept": "application/json"}
# The peer asks another URL of the same site (often its public JSON API) that separates.
API_FACTS: dict[str, dict[str, Any]] = {
    "medium": _f("wmn", probe="https://medium.com/@{username}/about",
                 present=(200, "Medium member since"), absent=(404, "Out of nothing, something")),
    "substack": _f("wmn maigret", probe="https://substack.com/api/v1/user/{username}"
                                        "/public_profile", headers=_JSON,
                   present=(200, '"id":'), absent=(404, '"error":"profile not found"')),
    "calendly": _f("wmn", probe="https://calendly.com/api/booking/profiles/{username}",
                   present=(200, '"id":'), absent=(404, '"message":"not found"')),
    "revolut": _f("wmn", probe="https://revolut.me/api/web-profile/{username}",
                  present=(200, '"firstName"'), absent=(404, '"User not found"')),
    "hackerrank": _f("wmn", probe="https://www.hackerrank.com/rest/contests/master/hackers/"
                                  "{username}/profile",
                     present=(200, '"model":'), absent=(404, '"error":"Not Found"')),
    "freecodecamp": _f("wmn", probe="https://api.freecodecamp.org/users/get-public-profile"
                                    "?username={username}", present=(200, '"user":')),
    "leetcode": _f("wmn maigret", probe="https://leetcode.com/graphql/",
                   headers={"Content-Type": "application/json"},
                   body='{"query":"query userPublicProfile($username: String!) { matchedUser('
                        'username: $username) { username } }","variables":{"username":'
                        '"{username}"},"operationName":"userPublicProfile"}',
                   present=(200, '"username":'), absent=(200, '"matchedUser":null')),
    "lobsters": _f("wmn", probe="https://lobste.rs/u/{username}", present=(200, "Joined")),
    "trello": _f("wmn", probe="https://trello.com/1/Members/{username}", headers=_JSON,
                 present=(200, '"id":')),
    "quizlet": _f("wmn", probe="https://quizlet.com/webapi/3.2/users/check-username"
                               "?username={username}",
                  present=(200, '"identifier":"username_is_taken"'),
                  absent=(200, '"success":true')),
    "freelancer": _f("wmn sherlock maigret",
                     probe="https://www.freelancer.com/api/users/0.1/users"
                           "?usernames%5B%5D={username}&compact=true",
                     present=(200, '"users":{"'), absent=(200, '"users":{}')),
    "picsart": _f("wmn maigret", probe="https://api.picsart.com/users/show/{username}.json",
                  present=(200, '"status":"success"'), absent=(_MISSING, '"status":"error"')),
    "artstation": _f("wmn", probe="https://www.artstation.com/api/v2/user_profiles/"
                                  "{username}.json", headers=_JSON, present=(200, '"id":')),
    "cults3d": _f("wmn sherlock maigret",
                  probe="https://cults3d.com/en/users/{username}/creations",
                  present=(200, "All the 3D models of"),
                  absent=(_MISSING, "Oh dear, this page is not working!")),
    "bandlab": _f("wmn", probe="https://www.bandlab.com/api/v1.3/users/{username}",
                  headers=_JSON, present=(200, '"username":')),
    "minds": _f("wmn sherlock",
                probe="https://www.minds.com/api/v3/register/validate?username={username}",
                present=(200, '"valid":false'), absent=(200, '"valid":true')),
    "gettr": _f("wmn", probe="https://gettr.com/api/s/uinf/{username}",
                present=(200, '"rc":"OK"'), absent=(400, '"rc":"ERR"')),
    "gamejolt": _f("wmn", probe="https://gamejolt.com/site-api/web/profile/@{username}/",
                   present=(200, "created_on")),
    "faceit": _f("wmn", probe="https://www.faceit.com/api/users/v1/nicknames/{username}",
                 present=(200, '"result":"OK"')),
    "polarsteps": _f("wmn", probe="https://api.polarsteps.com/users/byusername/{username}",
                     present=(200, '"id":')),
    "vivino": _f("wmn", probe="https://api.vivino.com/users/{username}",
                 present=(200, '"id":'), absent=(404, "Record not found")),
    "fansly": _f("wmn", probe="https://apiv3.fansly.com/api/v1/account?usernames={username}",
                 present=(200, '"id":'), absent=(200, '"response":[]')),
    "stripchat": _f("wmn", probe="https://stripchat.com/api/front/users/checkUsername"
                                 "?username={username}",
                    present=(400, '"error":"This username already exists"'),
                    absent=(200, "[]")),
    "habr": _f("wmn", probe="https://habr.com/ru/users/{username}/",
               present=(200, "tm-page tm-user")),
    "fandom": _f("maigret", probe="https://community.fandom.com/api.php?action=query"
                                  "&list=users&ususers={username}&format=json",
                 present=(200, '"userid"'), absent=(200, '"missing"')),
    "streamelements": _f("wmn", probe="https://api.streamelements.com/kappa/v2/channels/"
                                      "{username}", present=(200, '"providerId"')),
    "spring": _f("wmn", probe="https://commerce.teespring.com/v1/stores?slug={username}",
                 present=(200, "sellerToken")),
    "cameo": _f("wmn", probe="https://www.cameo.com/api/v2/users/{username}",
                present=(200, '"_id":')),
}
FACT_FIXES.update(API_FACTS)

# WhatsMyName gives a string of the existing profile's page for the same URL, where the status
# already separates: the presence rule reads it too (a 200 without it is unknown, not found).
# Generic strings (" | ", "about", "projects", a framework's hashed class name) are left out.
WMN_PRESENCE: dict[str, str] = {
    "quora": "Credentials", "vk": "content=\"profile\"", "patreon": "full_name\":",
    "openstreetmap": "Mapper since:", "geocaching": "class=\"hax-profile\"",
    "untappd": "class=\"cont user_profile\"", "npm": "\"id\":",
    "huggingface": "data-target=\"UserProfile\"", "atcoder": "<h3>Contest Status</h3>",
    "jsfiddle": "Settings - JSFiddle - Code Playground",
    "gitee": "class=\"ui container user_page\"",
    "hackaday.io": "class=\"following-container \"", "academia": "- Academia.edu",
    "aboutme": " | about.me", "biolink": "profile:username", "soloto": "create your own page",
    "vsco": "permaSubdomain", "smugmug": "schema.org/Person",
    "behance": "\"entityOwners\":[{\"username", "redbubble": "Shop | Redbubble",
    "trakt": "s profile - Trakt", "myanimelist": "Profile - MyAnimeList.net",
    "lastfm": "class=\"header-info\"", "bandcamp": " collection | Bandcamp</title>",
    "genius": "class=\"profile_header\"", "gumroad": "s profile picture",
    "tradingview": "class=\"js-user-profile\"", "pixelfed.social": "on pixelfed</title>",
    "hubpages": "name\">Followers", "xboxgamertag": "Games Played",
    "pokemonshowdown": "Official ladder",
    "fortnitetracker": "s Fortnite Stats - Fortnite Tracker",
    "etsy": " favorite items - Etsy</title>", "tripadvisor": "Contributions",
    "twitchtracker": "Overview</a>", "wykop": "<title>Profil:", "myspace": "<!-- Profile -->",
}
for _key, _marker in WMN_PRESENCE.items():
    FACT_FIXES.setdefault(_key, _f("wmn", present=(200, _marker)))

LEMMY_API = _f("maigret", probe_path="/api/v3/user?username={username}",
               present=(200, None), absent=(404, None))
"""Lemmy's public user API (Maigret's check for lemmy.world: status_code on this URL);
every Lemmy instance runs the same software, so every instance is asked the same way."""

# Sites the peers found unusable and no peer still checks: left out of the built catalog.
GONE: dict[str, str] = {
    "alltrails": "Maigret data.json: disabled; no other peer checks it",
    "askfm": "Maigret data.json: disabled; no other peer checks it",
    "badoo": "Maigret data.json: disabled; no other peer checks it",
    "myfitnesspal": "Maigret data.json: disabled (Cloudflare firewall); no other peer checks it",
    "photobucket": "Maigret data.json: disabled; no other peer checks it",
    "polywork": "Maigret data.json: disabled; no other peer checks it",
    "rootme": "Maigret data.json: disabled; no other peer checks it",
}

_STILL = "Maigret disabled it, {peer} still checks it{what}; a block page reads as unknown"
# key -> {conflict class: why the site is kept as it is}
KEPT: dict[str, dict[str, str]] = {
    "strava": {"disabled_by_peer": _STILL.format(
        peer="WhatsMyName", what=" (301 for existing athletes, 404 for missing)")},
    "foursquare": {"disabled_by_peer": _STILL.format(peer="WhatsMyName", what="")},
    "pypi": {"disabled_by_peer": _STILL.format(peer="WhatsMyName and Sherlock",
                                               what=" (Maigret: scraping protection)")},
    "kaggle": {"disabled_by_peer": _STILL.format(peer="WhatsMyName and Sherlock", what="")},
    "replit": {"disabled_by_peer": _STILL.format(peer="WhatsMyName and Sherlock", what="")},
    "researchgate": {"disabled_by_peer": _STILL.format(
        peer="WhatsMyName and Sherlock", what=" (missing names are redirected)")},
    "unsplash": {"disabled_by_peer": _STILL.format(peer="WhatsMyName and Sherlock", what="")},
    "rateyourmusic": {"disabled_by_peer": _STILL.format(peer="Sherlock",
                                                        what=" (Maigret: Cloudflare challenge)")},
    "trovo": {"disabled_by_peer": _STILL.format(peer="Sherlock", what="")},
    "psnprofiles": {"disabled_by_peer": _STILL.format(
        peer="Sherlock", what=" (missing names are redirected)")},
    "boardgamegeek": {"disabled_by_peer": "Maigret disabled its profile-page check; WhatsMyName "
                      "and Sherlock ask the username API this rule uses"},
    "houzz": {"disabled_by_peer": _STILL.format(peer="WhatsMyName and Sherlock", what="")},
    "pornhub": {"disabled_by_peer": _STILL.format(peer="WhatsMyName and Sherlock", what="")},
    "kaskus": {"disabled_by_peer": _STILL.format(peer="Sherlock", what="")},
    "archiveorg": {"disabled_by_peer": _STILL.format(peer="Sherlock", what="")},
    "chaos.social": {"disabled_by_peer": _STILL.format(
        peer="WhatsMyName and Sherlock", what=" (profile page; we ask Mastodon's lookup API)")},
}

_SAME = "{peer}'s string for the same URL"
# Markers that one peer confirms and WhatsMyName words differently (seen with WMN alone).
OTHER_MARKER: dict[str, str] = {
    "reddit": _SAME.format(peer="Maigret") + "; it holds with or without a space after the "
              "colon in the JSON, WhatsMyName's '\"error\":404' only without",
    "bluesky": _SAME.format(peer="Maigret") + " (the account's identifier); WhatsMyName's "
               "'\"handle\":\"' is in the same answer",
    "steam": "Sherlock's and Maigret's string for the same URL",
    "jeuxvideo.com": _SAME.format(peer="Maigret") + "; WhatsMyName's '- jeuxvideo.com' ends "
                     "the title of every page of the site, too weak alone",
}

NO_STRING = ("no peer gives a string of either page for this URL that is specific (only "
             "generic words); the bare status is kept and the control probe (a made-up name, "
             "same run) turns a page that answers the same for any name into unknown")
STATUS_KEPT: dict[str, str] = {
    "tagged": NO_STRING,
    "archiveorg": "Sherlock's strings are for another URL (its urlProbe); "
                  + NO_STRING.split("; ", 1)[1],
    "hackerone": "Maigret says the status separates (status_code), Sherlock reads the body; "
                 "the 404 rule is kept and the control probe decides a found",
    "kaskus": NO_STRING,
}
