"""The action plan's knowledge base: loads the bilingual data files under `audit/plan/kb/`.

Owns reading platforms, search engines, jurisdictions, people-search sites and general advice,
the fallbacks (unknown platform -> "generic", unknown country -> EU or FR), and the listing of
every sourced item for the source/date rule and the `kb stale` command. Data only; no I/O
besides reading the packaged JSON files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from datetime import date
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from audit.hosts import host_of

KB_FILES = ("platforms", "engines", "jurisdictions", "brokers", "advice")
GENERIC = "generic"
EU_MEMBERS = frozenset(
    {
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
    }
)
EEA_EXTRA = frozenset({"IS", "LI", "NO"})


@cache
def load(name: str) -> dict[str, Any]:
    """One knowledge-base file as a dict (read once, then cached; treat it as read-only)."""
    if name not in KB_FILES:
        raise KeyError(f"no knowledge-base file named {name!r}")
    raw = resources.files("audit.plan").joinpath("kb", f"{name}.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


def text(value: Any, lang: str) -> str:
    """The `lang` text of a bilingual field ({"en": ..., "fr": ...}); plain strings pass through."""
    if value is None:
        return ""
    if isinstance(value, Mapping):
        return str(value.get(lang) or value.get("en") or "")
    return str(value)


def platforms() -> dict[str, Any]:
    """All platform entries by key (including "generic")."""
    result: dict[str, Any] = load("platforms")["platforms"]
    return result


def aliases() -> dict[str, str]:
    """Platform keys served by another entry (e.g. "twitter" -> "x"; small sites -> "generic")."""
    result: dict[str, str] = load("platforms").get("aliases", {})
    return result


def platform(key: str | None) -> tuple[str, dict[str, Any]]:
    """The entry for a platform key (aliases followed), falling back to "generic" for unknown
    keys; parts an entry lacks (settings, report route, deletion) come from "generic"."""
    table = platforms()
    k = (key or "").strip().lower()
    k = aliases().get(k, k)
    if k not in table:
        k = GENERIC
    entry = dict(table[k])
    for part in ("settings", "report", "deletion"):
        if not entry.get(part):
            entry[part] = table[GENERIC][part]
    return k, entry


def platform_key_for_url(url: str) -> str | None:
    """The platform whose domains serve `url` (e.g. "https://www.reddit.com/u/x" -> "reddit")."""
    host = (urlsplit(url).hostname or "").lower()
    if not host:
        return None
    for key, entry in platforms().items():
        for domain in entry.get("domains", ()):
            if host == domain or host.endswith("." + domain):
                return key
    return None


def engines() -> dict[str, Any]:
    """All search-engine entries by key."""
    result: dict[str, Any] = load("engines")["engines"]
    return result


def jurisdiction_code(country: str | None, lang: str = "en") -> str:
    """Pick the jurisdiction entry for a country code: itself, else EU for EU/EEA, else FR/EU."""
    table = load("jurisdictions")["jurisdictions"]
    code = (country or "").strip().upper()
    if code == "GB":
        code = "UK"
    if code in table:
        return code
    if code in EU_MEMBERS or code in EEA_EXTRA:
        return "EU"
    if not code:
        return "FR" if lang == "fr" else "EU"
    return "EU"


def jurisdiction(code: str) -> dict[str, Any]:
    """The jurisdiction entry for a code returned by `jurisdiction_code`."""
    result: dict[str, Any] = load("jurisdictions")["jurisdictions"][code]
    return result


def in_gdpr_area(code: str) -> bool:
    """Whether erasure letters under GDPR (or the UK/Swiss equivalents) apply."""
    return code in ("EU", "UK", "CH") or bool(jurisdiction(code).get("in_eu"))


def brokers() -> dict[str, dict[str, Any]]:
    """People-search sites and directories by key (same slugs as checks/search)."""
    return {b["key"]: b for b in load("brokers")["brokers"]}


def broker(key: str | None) -> dict[str, Any]:
    """One broker entry, or the generic one."""
    table = brokers()
    return table.get((key or "").strip().lower()) or table[GENERIC]


def broker_key_for_url(url: str) -> str | None:
    """The people-search site or directory serving `url`, by host."""
    host = host_of(url)
    for key, entry in brokers().items():
        own = host_of(entry.get("url") or "")
        if own and (host == own or host.endswith("." + own)):
            return key
    return None


def advice(advice_id: str) -> dict[str, Any]:
    """One general-advice entry by id."""
    for item in load("advice")["advice"]:
        if item["id"] == advice_id:
            result: dict[str, Any] = item
            return result
    raise KeyError(advice_id)


def knowledge_items() -> Iterator[tuple[str, dict[str, Any]]]:
    """Every sourced fact as (path, item); each must carry `source_url` and `verified` (the
    date someone checked that page, or None)."""
    for key, entry in platforms().items():
        for s in entry.get("settings", ()):
            yield f"platforms.{key}.settings.{s['id']}", s
        for part in ("report", "deletion"):
            if entry.get(part):
                yield f"platforms.{key}.{part}", entry[part]
    for key, entry in engines().items():
        if not entry.get("forms"):
            yield f"engines.{key}", entry
        for form in entry.get("forms", ()):
            yield f"engines.{key}.{form['id']}", form
    for code, entry in load("jurisdictions")["jurisdictions"].items():
        for group in ("emergency", "helplines"):
            for h in entry.get(group) or ():
                yield f"jurisdictions.{code}.{group}.{h['id']}", h
        for part in ("dpa", "dsc", "evidence"):
            if entry.get(part):
                yield f"jurisdictions.{code}.{part}", entry[part]
        for i, law in enumerate(entry.get("legal") or ()):
            yield f"jurisdictions.{code}.legal.{i}", law
    for b in load("brokers")["brokers"]:
        yield f"brokers.{b['key']}", b
    for a in load("advice")["advice"]:
        yield f"advice.{a['id']}", a


def is_checked(item: Mapping[str, Any]) -> bool:
    """Whether someone checked the item's source page (its `verified` holds that date)."""
    return bool(item.get("verified"))


# Paths of help-centre, FAQ and blog front pages: they name a site, not the page a fact is on.
_FRONT_PAGE = re.compile(
    r"^(?:[a-z]{2}(?:[-_][a-z]{2})?/)?"
    r"(?:help|support|hc|hc/[a-z]{2}(?:-[a-z]{2})?|s|docs|blog|about|about/blog|"
    r"about/support|forms|help/[a-z]+|r/[a-z0-9_]+|fr|en|index\.html?)?$"
)


def cites_specific_page(item: Mapping[str, Any]) -> bool:
    """Whether the item's source is a specific page: not a bare home page, nor the front page
    of a help centre or blog (e.g. `https://help.instagram.com/`, `.../hc/en-us`). The page of
    the very service an item describes (its `url`, e.g. a helpline's own page) is specific."""
    source = str(item.get("source_url") or "")
    parts = urlsplit(source)
    path = parts.path.strip("/").lower()
    if path and source == item.get("url"):
        return True  # the page of the very service described (a helpline's own page)
    return bool(parts.query) or not _FRONT_PAGE.match(path)


def unchecked_reason(item: Mapping[str, Any], lang: str = "en") -> str:
    """Why an unchecked item has not been checked yet (its `unchecked_reason`), or ""."""
    return text(item.get("unchecked_reason"), lang)


def unchecked_items() -> list[tuple[str, dict[str, Any]]]:
    """Items whose source page nobody has checked yet (`verified` is null), by path."""
    return sorted((p, i) for p, i in knowledge_items() if not is_checked(i))


def stale_items(today: date, days: int = 365) -> list[tuple[str, dict[str, Any]]]:
    """Checked items whose check is more than `days` days before `today`, oldest first
    (unchecked items are listed by `unchecked_items`, never given a date they do not have)."""
    old = [
        (path, item)
        for path, item in knowledge_items()
        if is_checked(item) and (today - date.fromisoformat(item["verified"])).days > days
    ]
    old.sort(key=lambda pair: (pair[1]["verified"], pair[0]))
    return old
