"""The project's own tables of sites for `build_catalog`: the platforms that matter most first.

Each row is ``S(name, key, category, countries, profile_url, **rules)``; see
`checks.accounts.build_catalog.entry` for the rule arguments. Defaults: GET the profile URL,
HTTP 200 = exists, HTTP 404 = missing, redirects not followed.
"""

from __future__ import annotations

from typing import Any

Row = tuple[tuple[Any, ...], dict[str, Any]]

JSON = {"Accept": "application/json"}
JSON_POST = {"Content-Type": "application/json", "Accept": "application/json"}


def S(*args: Any, **kwargs: Any) -> Row:
    """A table row."""
    return args, kwargs


# Critical platforms for exposure (issue 3), written one by one.
MAJOR_SITES: tuple[Row, ...] = (
    S("Facebook", "facebook", "social", "GLOBAL", "https://www.facebook.com/{username}",
      present=(200, "fb://profile/"), absent=(404, None), regex=r"^[A-Za-z0-9.]{1,50}$",
      platform="facebook", protection=("login",), known="zuck",
      notes="Logged-out visitors often get a login wall, reported as unknown."),
    S("Instagram", "instagram", "social", "GLOBAL", "https://www.instagram.com/{username}/",
      probe="https://www.instagram.com/api/v1/users/web_profile_info/?username={username}",
      headers={"X-IG-App-ID": "936619743392459", "Accept": "application/json"},
      present=(200, '"username":'), absent=(404, None), regex=r"^[A-Za-z0-9._]{1,30}$",
      platform="instagram", protection=("login", "rate-limit"), known="instagram"),
    S("X (Twitter)", "x", "social", "GLOBAL", "https://x.com/{username}",
      regex=r"^[A-Za-z0-9_]{1,15}$", platform="x", protection=("rate-limit",), known="jack",
      notes="Asked through the sign-up name check (rule in catalog_facts); x.com itself "
      "answers 200 to all. A name kept by a suspended account also reads as taken."),
    S("TikTok", "tiktok", "social", "GLOBAL", "https://www.tiktok.com/@{username}",
      present=(200, '"uniqueId"'), absent=(404, None), regex=r"^[A-Za-z0-9._]{2,24}$",
      platform="tiktok", protection=("captcha",), known="tiktok"),
    S("LinkedIn", "linkedin", "professional", "GLOBAL", "https://www.linkedin.com/in/{username}",
      present=(200, "linkedin.com/in/"), absent=(404, None), regex=r"^[A-Za-z0-9-]{3,100}$",
      max_len=100, platform="linkedin", protection=("login",), known="williamhgates",
      notes="Often answers HTTP 999 or an auth wall to logged-out visitors (unknown)."),
    S("Snapchat", "snapchat", "social", "GLOBAL", "https://www.snapchat.com/add/{username}",
      present=(200, None), absent=(404, None), regex=r"^[A-Za-z][A-Za-z0-9._-]{1,13}[A-Za-z0-9]$",
      platform="snapchat", known="teamsnapchat"),
    S("YouTube", "youtube", "video", "GLOBAL", "https://www.youtube.com/@{username}",
      present=(200, None), absent=(404, None), regex=r"^[A-Za-z0-9._-]{3,30}$",
      platform="youtube", known="youtube",
      notes="EU visitors may be redirected to a consent page (unexpected, unknown)."),
    S("Reddit", "reddit", "forum", "GLOBAL", "https://www.reddit.com/user/{username}",
      probe="https://www.reddit.com/user/{username}/about.json",
      present=(200, '"kind": "t2"'), absent=(404, '"error": 404'),
      regex=r"^[A-Za-z0-9_-]{3,20}$", platform="reddit", protection=("rate-limit",),
      known="spez"),
    S("Pinterest", "pinterest", "images", "GLOBAL", "https://www.pinterest.com/{username}/",
      present=(200, None), absent=(404, None), regex=r"^[A-Za-z0-9_]{3,30}$",
      platform="pinterest", known="pinterest",
      notes="A redirect to a country domain is not followed and reads as unknown."),
    S("Pinterest (FR)", "pinterest.fr", "images", "FR", "https://fr.pinterest.com/{username}/",
      present=(200, None), absent=(404, None), regex=r"^[A-Za-z0-9_]{3,30}$",
      platform="pinterest"),
    S("Codeforces", "codeforces", "coding", "GLOBAL", "https://codeforces.com/profile/{username}",
      present=(200, None), absent=(302, None, "codeforces.com/"), platform="generic",
      known="tourist", notes="Missing handles redirect to the home page (not followed)."),
    S("osu!", "osu", "gaming", "GLOBAL", "https://osu.ppy.sh/users/{username}", follow=True,
      present=(200, None, "/users/"), absent=(404, None), platform="generic",
      notes="Names redirect to /users/<id>; presence needs that final URL."),
    S("Roblox", "roblox", "gaming", "GLOBAL",
      "https://www.roblox.com/user.aspx?username={username}", follow=True,
      present=(200, None, "/users/"), absent=(404, None), regex=r"^[A-Za-z0-9_]{3,20}$",
      platform="generic", notes="Names redirect to /users/<id>/profile when they exist."),
    S("Twitch", "twitch", "video", "GLOBAL", "https://www.twitch.tv/{username}",
      probe="https://passport.twitch.tv/usernames/{username}", present=(200, None),
      absent=(204, None), regex=r"^[A-Za-z0-9_]{2,25}$", platform="twitch", known="twitch",
      notes="twitch.tv pages answer 200 to all; the sign-up name check tells taken names "
      "(200 taken, 204 free, as public username checkers such as sn0int's use it). A name "
      "kept by a closed or banned account also reads as taken: status only, medium at best."),
    S("Discord", "discord", "messaging", "GLOBAL", "https://discord.com/app?username={username}",
      probe="https://discord.com/api/v9/unique-username/username-attempt-unauthed",
      headers=JSON_POST, body='{"username": "{username}"}', present=(200, '"taken":true'),
      absent=(200, '"taken":false'), regex=r"^[a-z0-9_.]{2,32}$", platform="discord",
      notes="No public profile page: tells whether the name is registered."),
    S("Telegram", "telegram", "messaging", "GLOBAL", "https://t.me/{username}",
      present=(200, "tgme_page_title"), absent=(200, None),
      regex=r"^[A-Za-z][A-Za-z0-9_]{2,30}[A-Za-z0-9]$", platform="telegram", known="durov"),
    S("GitHub", "github", "coding", "GLOBAL", "https://github.com/{username}",
      present=(200, "vcard-username"), absent=(404, None),
      regex=r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$", platform="github",
      known="torvalds"),
    S("GitLab", "gitlab", "coding", "GLOBAL", "https://gitlab.com/{username}",
      probe="https://gitlab.com/api/v4/users?username={username}", present=(200, '"username":'),
      absent=(200, "[]"), regex=r"^[A-Za-z0-9_.][A-Za-z0-9_.-]{1,254}$", max_len=255,
      platform="gitlab", known="gitlab"),
    S("Bluesky", "bluesky", "social", "GLOBAL", "https://bsky.app/profile/{username}.bsky.social",
      probe="https://public.api.bsky.app/xrpc/app.bsky.actor.getProfile?actor={username}.bsky.social",
      present=(200, '"did":'), absent=(400, '"error":'),
      regex=r"^[A-Za-z0-9][A-Za-z0-9-]{1,16}[A-Za-z0-9]$", platform="bluesky", known="jay"),
    S("Threads", "threads", "social", "GLOBAL", "https://www.threads.net/@{username}",
      present=(200, '"username"'), absent=(404, None), regex=r"^[A-Za-z0-9._]{1,30}$",
      platform="threads", protection=("login",), known="zuck"),
    S("Medium", "medium", "blog", "GLOBAL", "https://medium.com/@{username}", present=(200, None),
      absent=(404, None), regex=r"^[A-Za-z0-9._]{1,30}$", platform="medium", known="medium"),
    S("Substack", "substack", "blog", "GLOBAL", "https://substack.com/@{username}",
      present=(200, None), absent=(404, None), platform="substack", known="substack"),
    S("Strava", "strava", "sport", "GLOBAL", "https://www.strava.com/athletes/{username}",
      present=((200, 301), None), absent=(404, None), platform="strava", severity="high",
      notes="Athlete pages show routes and home areas; most use a numeric id."),
    S("Spotify", "spotify", "music", "GLOBAL", "https://open.spotify.com/user/{username}",
      present=(200, 'content="profile"'), absent=(404, None), platform="spotify",
      known="spotify"),
    S("SoundCloud", "soundcloud", "music", "GLOBAL", "https://soundcloud.com/{username}",
      present=(200, "soundcloud://users:"), absent=(404, None),
      regex=r"^[a-z0-9_-]{3,25}$", platform="soundcloud", known="soundcloud"),
    S("Tumblr", "tumblr", "blog", "GLOBAL", "https://www.tumblr.com/{username}",
      present=(200, None), absent=(404, None), regex=r"^[A-Za-z0-9-]{1,32}$",
      platform="tumblr", known="staff"),
    S("Mastodon (mastodon.social)", "mastodon.social", "fediverse", "GLOBAL",
      "https://mastodon.social/@{username}",
      probe="https://mastodon.social/api/v1/accounts/lookup?acct={username}", headers=JSON,
      present=(200, '"id":'), absent=(404, "Record not found"), regex=r"^[A-Za-z0-9_]{1,30}$",
      platform="mastodon", known="Gargron"),
    S("Venmo", "venmo", "finance", "US", "https://account.venmo.com/u/{username}",
      present=(200, None), absent=(404, None), platform="venmo", severity="high",
      regex=r"^[A-Za-z0-9_-]{5,30}$", notes="Public payment feeds reveal friends and habits."),
    S("Cash App", "cashapp", "finance", "US GB", "https://cash.app/${username}",
      present=(200, None), absent=(404, None), platform="cashapp", severity="high",
      regex=r"^[A-Za-z][A-Za-z0-9]{0,19}$"),
    S("PayPal.me", "paypalme", "finance", "GLOBAL", "https://www.paypal.com/paypalme/{username}",
      present=(200, None), absent=(404, None), platform="paypal", severity="high",
      regex=r"^[A-Za-z0-9]{1,20}$", notes="Shows the account holder's real name."),
    S("Linktree", "linktree", "social", "GLOBAL", "https://linktr.ee/{username}",
      present=(200, None), absent=(404, None), platform="linktree", known="linktree",
      notes="Link-in-bio pages list a person's other accounts."),
    S("Steam", "steam", "gaming", "GLOBAL", "https://steamcommunity.com/id/{username}",
      present=(200, "g_rgProfileData"), absent=(200, "profile could not be found"),
      regex=r"^[A-Za-z0-9_-]{2,32}$", platform="steam", known="gabelogannewell"),
    S("Flickr", "flickr", "images", "GLOBAL", "https://www.flickr.com/people/{username}/",
      present=(200, None), absent=(404, None), platform="flickr", severity="high",
      notes="Photos often keep their location."),
    S("Vimeo", "vimeo", "video", "GLOBAL", "https://vimeo.com/{username}", present=(200, None),
      absent=(404, None), regex=r"^[A-Za-z0-9_]{3,50}$", platform="vimeo", known="staff"),
    S("Dailymotion", "dailymotion", "video", "FR GLOBAL", "https://www.dailymotion.com/{username}",
      probe="https://api.dailymotion.com/user/{username}", present=(200, '"id":'),
      absent=(404, '"error":'), platform="dailymotion", known="dailymotion"),
    S("Quora", "quora", "forum", "GLOBAL", "https://www.quora.com/profile/{username}",
      present=(200, None), absent=(404, None), regex=r"^[A-Za-z0-9-]{2,60}$",
      platform="quora"),
    S("VK", "vk", "social", "RU GLOBAL", "https://vk.com/{username}", present=(200, None),
      absent=(404, None), regex=r"^[A-Za-z0-9_.]{5,32}$", platform="vk", known="durov"),
    S("Patreon", "patreon", "finance", "GLOBAL", "https://www.patreon.com/{username}",
      present=(200, None), absent=(404, None), platform="patreon", protection=("cloudflare",)),
    S("OnlyFans", "onlyfans", "adult", "GLOBAL", "https://onlyfans.com/{username}",
      present=(200, None), absent=(404, None), platform="onlyfans", severity="high",
      protection=("js",)),
    S("Tinder", "tinder", "dating", "GLOBAL", "https://tinder.com/@{username}",
      present=(200, None), absent=(404, None), platform="tinder", severity="high"),
    S("OkCupid", "okcupid", "dating", "GLOBAL", "https://www.okcupid.com/profile/{username}",
      present=(200, None), absent=(404, None), platform="okcupid", severity="high",
      protection=("login",)),
    S("Chess.com", "chess.com", "gaming", "GLOBAL", "https://www.chess.com/member/{username}",
      probe="https://api.chess.com/pub/player/{username}", present=(200, '"player_id":'),
      absent=(404, None), regex=r"^[A-Za-z0-9_-]{3,25}$", platform="chess_com",
      known="hikaru"),
    S("Lichess", "lichess", "gaming", "GLOBAL", "https://lichess.org/@/{username}",
      probe="https://lichess.org/api/user/{username}", headers=JSON, present=(200, '"id":'),
      absent=(404, None), regex=r"^[A-Za-z0-9_-]{2,30}$", platform="lichess",
      known="thibault"),
    S("Keybase", "keybase", "coding", "GLOBAL", "https://keybase.io/{username}",
      probe="https://keybase.io/_/api/1.0/user/lookup.json?usernames={username}",
      present=(200, '"basics":'), absent=(200, '"them":[null]'),
      regex=r"^[A-Za-z0-9_]{2,16}$", platform="keybase", known="chris"),
    S("Hacker News", "hackernews", "forum", "GLOBAL", "https://news.ycombinator.com/user?id={username}",
      probe="https://hacker-news.firebaseio.com/v0/user/{username}.json", present=(200, '"id":'),
      absent=(200, "null"), regex=r"^[A-Za-z0-9_-]{2,15}$", platform="hackernews",
      known="pg"),
    S("Wikipedia (en)", "wikipedia.en", "education", "GLOBAL",
      "https://en.wikipedia.org/wiki/User:{username}",
      probe="https://en.wikipedia.org/w/api.php?action=query&list=users&format=json&ususers={username}",
      present=(200, '"userid":'), absent=(200, '"missing":'), platform="wikipedia",
      known="Jimbo_Wales"),
    S("Wikipédia (fr)", "wikipedia.fr", "education", "FR BE CH CA",
      "https://fr.wikipedia.org/wiki/Utilisateur:{username}",
      probe="https://fr.wikipedia.org/w/api.php?action=query&list=users&format=json&ususers={username}",
      present=(200, '"userid":'), absent=(200, '"missing":'), platform="wikipedia"),
    S("OpenStreetMap", "openstreetmap", "travel", "GLOBAL", "https://www.openstreetmap.org/user/{username}",
      present=(200, None), absent=(404, None), platform="openstreetmap", severity="high",
      notes="Map edits cluster around where a person lives."),
    S("Gravatar", "gravatar", "social", "GLOBAL", "https://gravatar.com/{username}",
      probe="https://en.gravatar.com/{username}.json", present=(200, '"entry":'),
      absent=(404, None), platform="gravatar", known="beau"),
    S("Skyrock", "skyrock", "blog", "FR", "https://{username}.skyrock.com/",
      present=(200, None), absent=(404, None), regex=r"^[A-Za-z0-9-]{3,30}$", platform="skyrock"),
    S("jeuxvideo.com", "jeuxvideo.com", "forum", "FR", "https://www.jeuxvideo.com/profil/{username}?mode=infos",
      present=(200, None), absent=(404, None), regex=r"^[A-Za-z0-9_.\[\]-]{3,15}$",
      platform="jeuxvideo_com"),
    S("SensCritique", "senscritique", "hobby", "FR", "https://www.senscritique.com/{username}",
      present=(200, None), absent=(404, None), platform="senscritique"),
    S("Malt", "malt", "professional", "FR BE ES DE NL", "https://www.malt.fr/profile/{username}",
      present=(200, None), absent=(404, None), platform="malt"),
    S("LinuxFr.org", "linuxfr", "forum", "FR", "https://linuxfr.org/users/{username}",
      present=(200, None), absent=(404, None), platform="generic"),
    S("Doctissimo (forums)", "doctissimo", "health", "FR", "https://club.doctissimo.fr/{username}/",
      present=(200, None), absent=(404, None), platform="doctissimo", severity="high",
      notes="Health forum: posts may reveal health details."),
    S("Over-blog", "overblog", "blog", "FR", "https://{username}.over-blog.com/",
      present=(200, None), absent=(404, None), regex=r"^[A-Za-z0-9-]{3,63}$", platform="generic"),
    S("Canalblog", "canalblog", "blog", "FR", "https://{username}.canalblog.com/",
      present=(200, None), absent=(404, None), regex=r"^[A-Za-z0-9-]{3,63}$", platform="generic"),
    S("Tipeee", "tipeee", "finance", "FR", "https://fr.tipeee.com/{username}",
      present=(200, None), absent=(404, None), platform="tipeee"),
    S("Zeste de Savoir", "zestedesavoir", "education", "FR",
      "https://zestedesavoir.com/membres/voir/{username}/", present=(200, None),
      absent=(404, None), platform="generic"),
    S("Hardware.fr (forum)", "hardware.fr", "forum", "FR",
      "https://forum.hardware.fr/profilebdd.php?config=hfr.inc&pseudo={username}",
      present=(200, "Date d'inscription"), absent=(200, None), platform="generic"),
    S("KissKissBankBank", "kisskissbankbank", "finance", "FR",
      "https://www.kisskissbankbank.com/fr/users/{username}", present=(200, None),
      absent=(404, None), platform="generic"),
    S("Gamekult", "gamekult", "gaming", "FR", "https://www.gamekult.com/membre/{username}",
      present=(200, None), absent=(404, None), platform="generic"),
    S("Babelio", "babelio", "books", "FR", "https://www.babelio.com/monprofil.php?pseudo={username}",
      present=(200, None), absent=(404, None), platform="generic"),
    S("Ulule", "ulule", "finance", "FR", "https://fr.ulule.com/{username}/", present=(200, None),
      absent=(404, None), platform="generic"),
    S("Couchsurfing", "couchsurfing", "travel", "GLOBAL", "https://www.couchsurfing.com/people/{username}",
      present=(200, None), absent=(404, None), platform="couchsurfing", severity="high",
      protection=("login",), notes="Profiles show the home city and photos."),
    S("Geocaching", "geocaching", "hobby", "GLOBAL", "https://www.geocaching.com/p/?u={username}",
      present=(200, None), absent=(404, None), platform="geocaching", severity="high",
      notes="Logs show places visited and a home area."),
    S("AllTrails", "alltrails", "sport", "GLOBAL", "https://www.alltrails.com/members/{username}",
      present=(200, None), absent=(404, None), platform="alltrails", severity="high",
      protection=("datadome",)),
    S("Garmin Connect", "garmin", "sport", "GLOBAL",
      "https://connect.garmin.com/modern/profile/{username}", present=(200, None),
      absent=(404, None), platform="garmin", severity="high", protection=("login",)),
    S("Untappd", "untappd", "hobby", "GLOBAL", "https://untappd.com/user/{username}",
      present=(200, None), absent=(404, None), platform="untappd", severity="high",
      notes="Check-ins show bars and places with times."),
    S("Foursquare", "foursquare", "travel", "GLOBAL", "https://foursquare.com/{username}",
      present=(200, None), absent=(404, None), platform="foursquare", severity="high"),
    S("MyFitnessPal", "myfitnesspal", "health", "GLOBAL",
      "https://www.myfitnesspal.com/profile/{username}", present=(200, None), absent=(404, None),
      platform="myfitnesspal", severity="high"),
    S("Calendly", "calendly", "business", "GLOBAL", "https://calendly.com/{username}",
      present=(200, None), absent=(404, None), platform="calendly",
      notes="Booking pages show the real name and availability."),
    S("Revolut.me", "revolut", "finance", "GB FR GLOBAL", "https://revolut.me/{username}",
      present=(200, None), absent=(404, None), platform="revolut", severity="high"),
    S("Clubhouse", "clubhouse", "social", "GLOBAL", "https://www.clubhouse.com/@{username}",
      present=(200, None), absent=(404, None), platform="clubhouse"),
    S("Kick", "kick", "video", "GLOBAL", "https://kick.com/{username}",
      probe="https://kick.com/api/v2/channels/{username}", headers=JSON, present=(200, '"slug":'),
      absent=(404, None), platform="kick", protection=("cloudflare",)),
    S("Truth Social", "truthsocial", "political", "US", "https://truthsocial.com/@{username}",
      probe="https://truthsocial.com/api/v1/accounts/lookup?acct={username}", headers=JSON,
      present=(200, '"acct":'), absent=(404, '"error":'), platform="truthsocial",
      protection=("cloudflare",)),
    S("Gab", "gab", "political", "US", "https://gab.com/{username}",
      probe="https://gab.com/api/v1/accounts/lookup?acct={username}", headers=JSON,
      present=(200, '"acct":'), absent=(404, '"error":'), platform="gab",
      protection=("cloudflare",)),
)


def _simple(rows: str, **common: Any) -> tuple[Row, ...]:
    """Rows written as `name | key | category | countries | profile URL [| flags]` lines.

    Flags: ``high`` (severity), ``follow`` (follow redirects), ``cf`` (Cloudflare),
    ``login`` (often needs a login), ``pk=<platform_key>``, ``re=<regex>``.
    """
    out: list[Row] = []
    for line in rows.strip().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("|")]
        name, key, cat, ccs, url = cells[:5]
        kw: dict[str, Any] = dict(common)
        protection: list[str] = []
        for flag in cells[5:]:
            if flag == "high":
                kw["severity"] = "high"
            elif flag == "follow":
                kw["follow"] = True
            elif flag in ("cf", "login", "captcha"):
                protection.append({"cf": "cloudflare"}.get(flag, flag))
            elif flag.startswith("pk="):
                kw["platform"] = flag[3:]
            elif flag.startswith("re="):
                kw["regex"] = flag[3:]
        if protection:
            kw["protection"] = tuple(protection)
        out.append(S(name, key, cat, ccs, url, **kw))
    return tuple(out)


from checks.accounts.catalog_more import MORE_ROWS  # noqa: E402 - data split over two modules

EXTRA_SITES: tuple[Row, ...] = _simple(MORE_ROWS)
