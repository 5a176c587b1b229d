"""Catalog rows for sites whose profile pages are script-driven (HTTP 200 for any name), so
they are asked through their public JSON API instead. Format as in `catalog_tables`."""

from __future__ import annotations

from checks.accounts.catalog_tables import JSON, Row, S

API_SITES: tuple[Row, ...] = (
    S("Docker Hub", "dockerhub", "coding", "GLOBAL", "https://hub.docker.com/u/{username}",
      probe="https://hub.docker.com/v2/users/{username}/", headers=JSON,
      present=(200, '"username":'), absent=(404, None), regex=r"^[a-z0-9]{4,30}$",
      platform="generic", known="library"),
    S("crates.io", "crates.io", "coding", "GLOBAL", "https://crates.io/users/{username}",
      probe="https://crates.io/api/v1/users/{username}", headers=JSON,
      present=(200, '"user":'), absent=(404, None), platform="generic", known="alexcrichton"),
    S("Mixcloud", "mixcloud", "music", "GLOBAL", "https://www.mixcloud.com/{username}/",
      probe="https://api.mixcloud.com/{username}/", present=(200, '"username":'),
      absent=(404, None), platform="generic", known="mixcloud"),
    S("Duolingo", "duolingo", "education", "GLOBAL", "https://www.duolingo.com/profile/{username}",
      probe="https://www.duolingo.com/2017-06-30/users?username={username}", headers=JSON,
      present=(200, '"username":'), absent=(200, '"users":[]'), platform="generic",
      known="duolingo"),
    S("Speedrun.com", "speedrun", "gaming", "GLOBAL", "https://www.speedrun.com/users/{username}",
      probe="https://www.speedrun.com/api/v1/users/{username}", headers=JSON,
      present=(200, '"data":'), absent=(404, None), platform="generic"),
    S("Habbo", "habbo", "gaming", "GLOBAL", "https://www.habbo.com/profile/{username}",
      probe="https://www.habbo.com/api/public/users?name={username}", headers=JSON,
      present=(200, '"uniqueId":'), absent=(404, None), platform="generic"),
    S("Habbo (FR)", "habbo.fr", "gaming", "FR", "https://www.habbo.fr/profile/{username}",
      probe="https://www.habbo.fr/api/public/users?name={username}", headers=JSON,
      present=(200, '"uniqueId":'), absent=(404, None), platform="generic"),
    S("Scratch", "scratch", "education", "GLOBAL", "https://scratch.mit.edu/users/{username}/",
      probe="https://api.scratch.mit.edu/users/{username}", headers=JSON,
      present=(200, '"username":'), absent=(404, None), regex=r"^[A-Za-z0-9_-]{3,20}$",
      platform="generic", notes="Young people's site: the account may be a child's."),
)
