"""Convert WhatsMyName-format data (`wmn-data.json`) into catalog `Site`s.

Semantics honoured: `uri_check` is the probe and `uri_pretty` the profile shown (the probe when
absent); `post_body` means POST with that body and the entry's `headers`; `strip_bad_char`
characters are removed from the handle first; `e_code`+`e_string` say "exists" and
`m_code`+`m_string` say "missing" (an empty string means status only); redirects are never
followed, so a 3xx code is judged on the redirect itself; `valid: false` entries are
rejected; `protection` is kept. Every entry ends up usable or rejected with a reason.

WhatsMyName data is CC BY-SA 4.0 (WebBreacher/WhatsMyName): converted copies stored by
`sites import`/`sites update` keep that licence and attribution next to them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from checks.accounts.catalog import PLACEHOLDER, ProbeSpec, Signal, Site, UsernameRule

ATTRIBUTION = (
    "Site data from WhatsMyName (https://github.com/WebBreacher/WhatsMyName), "
    "Copyright (C) 2015-2026 Micah Hoffman, licensed CC BY-SA 4.0 "
    "(https://creativecommons.org/licenses/by-sa/4.0/); converted by exposure-audit."
)

_CATEGORIES = {
    "archived": "archived", "art": "art", "blog": "blog", "business": "business",
    "coding": "coding", "dating": "dating", "finance": "finance", "gaming": "gaming",
    "health": "health", "hobby": "hobby", "images": "images", "misc": "misc", "music": "music",
    "news": "news", "political": "political", "search": "search", "shopping": "shopping",
    "social": "social", "tech": "tech", "video": "video", "xx nsfw xx": "adult",
}
_PROTECTIONS = {"anubis", "captcha", "cloudflare", "cloudfront", "ddos-guard", "multiple",
                "other", "user-agent", "user-auth"}
_BLOCK_CODES = {401, 403, 429, 503}


@dataclass(frozen=True, slots=True)
class Rejected:
    """An entry that could not be used, and why."""

    name: str
    reason: str


@dataclass
class Conversion:
    """The result of converting a WhatsMyName document."""

    sites: list[Site] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)


def slug(name: str, url: str = "") -> str:
    """A catalog key from a site name (``Hackaday.io`` -> ``wmn-hackaday.io``); names with
    too few Latin letters or digits (``Военное обозрение``) use the probe host instead."""
    base = re.sub(r"[^a-z0-9.]+", "-", name.lower()).strip("-.")
    if sum(c.isalnum() for c in base) < 3 and url:
        host = urlsplit(url.replace("{account}", "x")).hostname or ""
        base = re.sub(r"[^a-z0-9.]+", "-", host.removeprefix("www.")).strip("-.")
    return f"wmn-{base or 'site'}"[:64]


def convert(doc: Mapping[str, Any]) -> Conversion:
    """Convert every entry of a WhatsMyName document; duplicates by key are rejected."""
    out = Conversion()
    seen: set[str] = set()
    for raw in doc.get("sites", ()):
        name = str(raw.get("name", "?")) if isinstance(raw, Mapping) else "?"
        try:
            site = convert_entry(raw)
        except ValueError as exc:
            out.rejected.append(Rejected(name, str(exc)))
            continue
        if site.key in seen:
            out.rejected.append(Rejected(name, f"duplicate of an earlier entry ({site.key})"))
            continue
        seen.add(site.key)
        out.sites.append(site)
    return out


def _template(url: str) -> str:
    return url.replace("{account}", PLACEHOLDER)


def convert_entry(raw: Any) -> Site:
    """One WhatsMyName entry as a `Site`; raise ValueError with the reason it is unusable."""
    if not isinstance(raw, Mapping):
        raise ValueError("not an object")
    for name in ("name", "uri_check", "e_code", "e_string", "m_code", "m_string", "cat"):
        if name not in raw:
            raise ValueError(f"missing field {name!r}")
    if raw.get("valid") is False:
        raise ValueError("marked valid: false by WhatsMyName (temporarily broken)")
    uri, body = str(raw["uri_check"]), raw.get("post_body")
    if not uri.startswith(("http://", "https://")):
        raise ValueError(f"uri_check is not an http(s) URL: {uri[:60]}")
    if "{account}" not in uri and not (body and "{account}" in str(body)):
        raise ValueError("neither uri_check nor post_body contains {account}")
    try:
        e_code, m_code = int(raw["e_code"]), int(raw["m_code"])
    except (TypeError, ValueError) as exc:
        raise ValueError("e_code/m_code are not integers") from exc
    e_string, m_string = str(raw["e_string"] or ""), str(raw["m_string"] or "")
    if e_code in _BLOCK_CODES:
        raise ValueError(f"e_code {e_code} is a block status: a block would read as 'exists'")
    if m_code in _BLOCK_CODES:
        raise ValueError(f"m_code {m_code} is a block status: a block would read as 'missing'")
    if e_code == m_code and e_string == m_string:
        raise ValueError("the exists and missing rules cannot be told apart")
    if e_code == m_code and not e_string:
        raise ValueError("same status for exists and missing and no e_string")
    if e_string and m_string and (e_string in m_string or m_string in e_string) \
            and e_code == m_code:
        raise ValueError("e_string and m_string contain each other")
    headers = raw.get("headers") or {}
    if not isinstance(headers, Mapping):
        raise ValueError("headers is not an object")
    cat = str(raw["cat"]).lower()
    if cat not in _CATEGORIES:
        raise ValueError(f"unknown category {raw['cat']!r}")
    known = [str(k) for k in raw.get("known") or () if str(k).strip()]
    pretty = _template(str(raw.get("uri_pretty") or uri))
    if PLACEHOLDER not in pretty:
        raise ValueError("no profile URL with {account} (uri_pretty missing)")
    protection = [p for p in raw.get("protection") or () if p in _PROTECTIONS]
    name = str(raw["name"])
    return Site(
        key=slug(name, uri),
        name=name,
        category=_CATEGORIES[cat],
        profile_url=pretty,
        probe=ProbeSpec(
            url=_template(uri),
            method="POST" if body else "GET",
            headers={str(k): str(v) for k, v in headers.items()},
            body=_template(str(body)) if body else None,
            follow_redirects=False,
        ),
        present=Signal(status=(e_code,), marker=e_string or None),
        absent=Signal(status=(m_code,), marker=m_string or None),
        username=UsernameRule(strip=str(raw.get("strip_bad_char") or "")),
        countries=("GLOBAL",),
        known_handle=known[0] if known else None,
        last_verified=None,
        source="https://github.com/WebBreacher/WhatsMyName (wmn-data.json)",
        platform_key="generic",
        protection=tuple(protection),
        severity="high" if cat == "dating" else "medium",
        notes="imported from WhatsMyName data (CC BY-SA 4.0)",
        origin="wmn",
    )


@dataclass
class Merge:
    """Curated sites plus imported ones; imported entries never replace curated ones."""

    sites: list[Site] = field(default_factory=list)
    kept_curated: list[tuple[str, str]] = field(default_factory=list)


def _norm_host(site: Site) -> str:
    return site.host.removeprefix("www.")


def merge(curated: Iterable[Site], imported: Iterable[Site]) -> Merge:
    """Add imported sites whose key, name or probe host is not already curated."""
    out = Merge(sites=list(curated))
    keys = {s.key for s in out.sites}
    names = {s.name.lower(): s for s in out.sites}
    hosts = {_norm_host(s): s for s in out.sites}
    for site in imported:
        clash = names.get(site.name.lower()) or hosts.get(_norm_host(site))
        if site.key in keys or clash is not None:
            curated_name = clash.name if clash is not None else site.key
            out.kept_curated.append((site.name, curated_name))
            continue
        keys.add(site.key)
        names[site.name.lower()] = site
        out.sites.append(site)
    return out
