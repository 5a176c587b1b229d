"""Writes `sites.json`, the built-in catalog, from the project's own site tables.

Run ``python -m checks.accounts.build_catalog`` after editing a table; a test checks that the
shipped `sites.json` equals what this module builds. The tables are the project's own work:
each URL pattern is the site's public profile address (the `source` field names the site);
the rules say how the site answers for an existing and a missing profile. None has been
checked online from this project yet, so `last_verified` is null everywhere: run
``exposure-audit sites validate --yes-online`` to check them; it records the date of the
confirmed sites in `catalog_verified.json`, which this build reads.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from checks.accounts.catalog_apis import API_SITES
from checks.accounts.catalog_hosts import discourse_sites, forge_sites, mastodon_sites
from checks.accounts.catalog_peers import DEAD, apply
from checks.accounts.catalog_tables import EXTRA_SITES, MAJOR_SITES
from checks.accounts.crosscheck import read_agreement
from checks.accounts.validate import read_verified

NOTE = ("Rules written from the sites' public profile pages and APIs; not verified online "
        "(last_verified null).")
OUT = Path(__file__).with_name("sites.json")


def entry(
    name: str,
    key: str,
    category: str,
    countries: str,
    profile: str,
    *,
    probe: str | None = None,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    body: str | None = None,
    follow: bool = False,
    present: tuple[Any, ...] = (200, None),
    absent: tuple[Any, ...] = (404, None),
    regex: str | None = None,
    min_len: int = 1,
    max_len: int = 64,
    strip: str = "",
    known: str | None = None,
    platform: str = "generic",
    protection: tuple[str, ...] = (),
    severity: str = "medium",
    notes: str = "",
) -> dict[str, Any]:
    """One catalog entry in the shipped format."""
    parts = urlsplit(profile.replace("{username}", "x"))
    host = parts.netloc.removeprefix("x.")
    user: dict[str, Any] = {"min_len": min_len, "max_len": max_len}
    if regex:
        user["regex"] = regex
    if strip:
        user["strip"] = strip
    p: dict[str, Any] = {"url": probe or profile, "method": "POST" if body else method}
    if headers:
        p["headers"] = headers
    if body:
        p["body"] = body
    p["follow_redirects"] = follow
    return {
        "key": key,
        "name": name,
        "category": category,
        "countries": countries.split(),
        "profile_url": profile,
        "probe": p,
        "username": user,
        "present": _sig(present),
        "absent": _sig(absent),
        "known_handle": known,
        "last_verified": None,
        "source": f"{parts.scheme}://{host}/ (public profile URL pattern)",
        "platform_key": platform,
        "protection": list(protection),
        "severity": severity,
        "notes": (notes + " " + NOTE).strip() if notes else NOTE,
    }


def _sig(spec: tuple[Any, ...]) -> dict[str, Any]:
    status, marker, *rest = spec
    out: dict[str, Any] = {
        "status": list(status) if isinstance(status, tuple | list) else [status],
        "marker": marker,
    }
    if rest and rest[0]:
        out["url_contains"] = rest[0]
    return out


def build() -> dict[str, Any]:
    """The whole catalog document."""
    sites: list[dict[str, Any]] = []
    for row in (*MAJOR_SITES, *API_SITES, *EXTRA_SITES):
        args, kwargs = row
        sites.append(entry(*args, **kwargs))
    for args, kwargs in (*mastodon_sites(), *discourse_sites(), *forge_sites()):
        sites.append(entry(*args, **kwargs))
    agrees = read_agreement()
    sites = [apply(e, _sig, agrees) for e in sites if e["key"] not in DEAD]
    verified = read_verified()  # dates written by `sites validate --yes-online`
    for e in sites:
        e["last_verified"] = verified.get(e["key"])
    return {
        "format": "exposure-audit/sites",
        "version": 1,
        "generated_by": "python -m checks.accounts.build_catalog",
        "notes": NOTE,
        "sites": sites,
    }


def render() -> str:
    """The JSON text of the catalog, as shipped."""
    return json.dumps(build(), ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT} ({len(build()['sites'])} sites)")
