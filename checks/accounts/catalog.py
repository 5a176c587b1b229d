"""The site catalog of the `accounts` check: its data classes and loading (validation rules
are in `checks.accounts.validation`).

A catalog is a JSON document `{"format": "exposure-audit/sites", "version": 1, "sites": [...]}`
described by `sites.schema.json` (shipped next to this module). `load_catalog()` reads the
built-in `sites.json`; `load_file(path)` reads a user's file in this format or in the
WhatsMyName format (converted by `checks.accounts.wmn`). Every entry becomes a frozen `Site`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus, urlsplit

from audit.errors import ConfigError
from checks.accounts.texts import describe_rule, say
from checks.accounts.validation import (
    FORMAT,
    PLACEHOLDER,
    VERSION,
    quick_problems,
    validate_document,
)


@dataclass(frozen=True, slots=True)
class Signal:
    """One rule: the status codes it accepts, a structural body marker, a redirect target."""

    status: tuple[int, ...] = ()
    marker: str | None = None
    url_contains: str | None = None

    def describe(self, lang: str = "en") -> str:
        """A short text naming what this signal checks, for evidence."""
        return describe_rule(self, lang)


@dataclass(frozen=True, slots=True)
class UsernameRule:
    """What a handle must look like on one site, and which characters the site drops."""

    regex: str | None = None
    min_len: int = 1
    max_len: int = 64
    strip: str = ""

    def apply(self, handle: str) -> str:
        """The handle as the site spells it (characters in `strip` removed)."""
        return "".join(c for c in handle if c not in self.strip) if self.strip else handle

    def problem(self, handle: str, lang: str = "en") -> str | None:
        """Why `handle` cannot exist on this site (after `apply`), or None when it can."""
        name = self.apply(handle)
        if not name:
            return say(lang, "problem_empty")
        if len(name) < self.min_len:
            return say(lang, "problem_short", n=self.min_len)
        if len(name) > self.max_len:
            return say(lang, "problem_long", n=self.max_len)
        if self.regex and not _compiled(self.regex).fullmatch(name):
            return say(lang, "problem_shape", regex=self.regex)
        return None


@lru_cache(maxsize=2048)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@dataclass(frozen=True, slots=True)
class ProbeSpec:
    """How to ask the site: URL template, method, headers, body template, redirect policy."""

    url: str
    method: str = "GET"
    headers: Mapping[str, str] = field(default_factory=dict, hash=False)
    body: str | None = None
    follow_redirects: bool = False


@dataclass(frozen=True, slots=True)
class Site:
    """One catalog entry. `origin` is ``curated`` (shipped or own-format file) or ``wmn``."""

    key: str
    name: str
    category: str
    profile_url: str
    probe: ProbeSpec
    present: Signal
    absent: Signal
    username: UsernameRule = UsernameRule()
    countries: tuple[str, ...] = ()
    known_handle: str | None = None
    last_verified: str | None = None
    source: str = ""
    platform_key: str = "generic"
    protection: tuple[str, ...] = ()
    severity: str = "medium"
    notes: str = ""
    origin: str = "curated"
    agrees_with: tuple[str, ...] = ()
    signal: str = ""
    crosscheck: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)

    def profile_for(self, username: str) -> str:
        """The profile URL shown to the user."""
        return self.profile_url.replace(PLACEHOLDER, quote(username, safe="@.-_~"))

    def probe_url(self, username: str) -> str:
        """The URL actually requested."""
        return self.probe.url.replace(PLACEHOLDER, quote(username, safe="@.-_~"))

    def probe_body(self, username: str) -> bytes | None:
        """The request body with the username filled in (JSON- or form-escaped)."""
        if self.probe.body is None:
            return None
        ctype = next((v for k, v in self.probe.headers.items() if k.lower() == "content-type"), "")
        if "json" in ctype or self.probe.body.lstrip().startswith(("{", "[")):
            value = json.dumps(username)[1:-1]
        elif "form" in ctype:
            value = quote_plus(username)
        else:
            value = username
        return self.probe.body.replace(PLACEHOLDER, value).encode("utf-8")

    @property
    def host(self) -> str:
        """The host (and port, when one is given) the probe goes to, for per-host limits."""
        return urlsplit(self.probe.url.replace(PLACEHOLDER, "x")).netloc.lower()


def site_from_entry(entry: Mapping[str, Any], origin: str = "curated") -> Site:
    """Build a `Site` from one (already validated) catalog entry."""
    probe = entry["probe"]
    user = entry.get("username", {})
    return Site(
        key=entry["key"],
        name=entry["name"],
        category=entry["category"],
        profile_url=entry["profile_url"],
        probe=ProbeSpec(
            url=probe["url"],
            method=probe.get("method", "GET"),
            headers=dict(probe.get("headers", {})),
            body=probe.get("body"),
            follow_redirects=bool(probe.get("follow_redirects", False)),
        ),
        present=_signal(entry["present"]),
        absent=_signal(entry["absent"]),
        username=UsernameRule(
            regex=user.get("regex"),
            min_len=int(user.get("min_len", 1)),
            max_len=int(user.get("max_len", 64)),
            strip=user.get("strip", ""),
        ),
        countries=tuple(entry.get("countries", ())),
        known_handle=entry.get("known_handle"),
        last_verified=entry.get("last_verified"),
        source=entry.get("source", ""),
        platform_key=entry.get("platform_key", "generic"),
        protection=tuple(entry.get("protection", ())),
        severity=entry.get("severity", "medium"),
        notes=entry.get("notes", ""),
        origin=origin,
        agrees_with=tuple(entry.get("agrees_with", ())),
        signal=entry.get("signal", ""),
        crosscheck=dict(entry.get("crosscheck", {})),
    )


def site_to_entry(site: Site) -> dict[str, Any]:
    """The catalog-format entry of a `Site` (inverse of `site_from_entry`)."""
    probe: dict[str, Any] = {"url": site.probe.url, "method": site.probe.method}
    if site.probe.headers:
        probe["headers"] = dict(site.probe.headers)
    if site.probe.body is not None:
        probe["body"] = site.probe.body
    probe["follow_redirects"] = site.probe.follow_redirects
    user: dict[str, Any] = {"min_len": site.username.min_len, "max_len": site.username.max_len}
    if site.username.regex:
        user["regex"] = site.username.regex
    if site.username.strip:
        user["strip"] = site.username.strip
    return {
        "key": site.key,
        "name": site.name,
        "category": site.category,
        "countries": list(site.countries),
        "profile_url": site.profile_url,
        "probe": probe,
        "username": user,
        "present": _signal_entry(site.present),
        "absent": _signal_entry(site.absent),
        "known_handle": site.known_handle,
        "last_verified": site.last_verified,
        "source": site.source,
        "platform_key": site.platform_key,
        "protection": list(site.protection),
        "severity": site.severity,
        "notes": site.notes,
        **({"agrees_with": list(site.agrees_with)} if site.agrees_with else {}),
        **({"signal": site.signal} if site.signal else {}),
        **({"crosscheck": dict(site.crosscheck)} if site.crosscheck else {}),
    }


def _signal(raw: Mapping[str, Any]) -> Signal:
    return Signal(
        status=tuple(int(s) for s in raw.get("status", ())),
        marker=raw.get("marker") or None,
        url_contains=raw.get("url_contains") or None,
    )


def _signal_entry(sig: Signal) -> dict[str, Any]:
    out: dict[str, Any] = {"status": list(sig.status), "marker": sig.marker}
    if sig.url_contains:
        out["url_contains"] = sig.url_contains
    return out


def document(sites: Iterable[Site], **meta: Any) -> dict[str, Any]:
    """A catalog document holding `sites` (for `sites import` and the benchmark)."""
    return {"format": FORMAT, "version": VERSION, **meta,
            "sites": [site_to_entry(s) for s in sites]}


def parse_document(doc: Any, origin: str = "curated", full: bool = False) -> list[Site]:
    """Check an own-format document and return its sites; raise ConfigError when invalid.

    `full` runs the JSON Schema as well; otherwise the schema only runs to explain a document
    the quick check rejects.
    """
    errors = validate_document(doc) if full or quick_problems(doc) else []
    if errors:
        shown = "; ".join(errors[:3]) + (f" (+{len(errors) - 3} more)" if len(errors) > 3 else "")
        raise ConfigError(f"invalid site catalog: {shown}")
    try:
        return [site_from_entry(e, origin) for e in doc["sites"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"invalid site catalog: {exc}") from exc


def is_wmn(doc: Any) -> bool:
    """True when `doc` looks like a WhatsMyName data file."""
    sites = doc.get("sites") if isinstance(doc, Mapping) else None
    return (
        isinstance(sites, list)
        and bool(sites)
        and isinstance(sites[0], Mapping)
        and "uri_check" in sites[0]
        and doc.get("format") != FORMAT
    )


@lru_cache(maxsize=1)
def load_catalog() -> tuple[Site, ...]:
    """The built-in catalog shipped with the package (validated once per process)."""
    text = resources.files(__package__).joinpath("sites.json").read_text("utf-8")
    return tuple(parse_document(json.loads(text)))


def load_file(path: str | Path) -> tuple[Site, ...]:
    """Sites from a user's file: own format, or WhatsMyName format (usable entries only)."""
    return _load_file_cached(str(Path(path).expanduser().resolve()), _mtime(path))


def _mtime(path: str | Path) -> float:
    try:
        return Path(path).expanduser().stat().st_mtime
    except OSError as exc:
        raise ConfigError(f"cannot read sites file {path}: {exc.strerror}") from exc


@lru_cache(maxsize=8)
def _load_file_cached(path: str, mtime: float) -> tuple[Site, ...]:
    try:
        doc = json.loads(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"cannot read sites file {path}: {exc}") from exc
    except RecursionError as exc:
        raise ConfigError(f"cannot read sites file {path}: nested too deep") from exc
    if is_wmn(doc):
        from checks.accounts import wmn

        result = wmn.convert(doc)
        if not result.sites:
            raise ConfigError(f"no usable WhatsMyName entry in {path}")
        return tuple(result.sites)
    return tuple(parse_document(doc, origin="file"))


def select(
    sites: Sequence[Site],
    categories: Iterable[str] = (),
    countries: Iterable[str] = (),
) -> list[Site]:
    """Sites in any of `categories` and tagged with any of `countries` (empty = all).

    Sites tagged ``global`` match every country filter.
    """
    cats = {c.lower() for c in categories if c}
    ccs = {c.upper() for c in countries if c}
    out = []
    for site in sites:
        if cats and site.category.lower() not in cats:
            continue
        tags = {t.upper() for t in site.countries}
        if ccs and not (tags & ccs or "GLOBAL" in tags):
            continue
        out.append(site)
    return out


__all__ = [
    "FORMAT",
    "PLACEHOLDER",
    "VERSION",
    "ProbeSpec",
    "Signal",
    "Site",
    "UsernameRule",
    "document",
    "is_wmn",
    "load_catalog",
    "load_file",
    "parse_document",
    "quick_problems",
    "select",
    "site_from_entry",
    "site_to_entry",
    "validate_document",
]
