"""The query plan: which searches to run for a subject, in order of value, each with a purpose.

Pure: builds `Query` values from a `Subject` and options, sends nothing. The plan is cut to the
query budget by the check; `--dry-run` shows it whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from audit.models import Subject
from checks._common.lazy import lazy_module
from checks.search.sites import sites_for_country
from checks.search.texts import say, why
from checks.search.variants import fold_to_ascii, name_variants, split_name

if TYPE_CHECKING:
    import phonenumbers
else:
    phonenumbers = lazy_module("phonenumbers")

# Social platforms searched with `"name" site:...` (one query per site).
SOCIAL_SITES: tuple[str, ...] = (
    "linkedin.com/in", "facebook.com", "instagram.com", "x.com", "tiktok.com", "youtube.com",
    "reddit.com", "github.com", "bsky.app", "pinterest.com", "medium.com", "substack.com",
)
# French marketplaces and professional directories (search-contacts-links.md A.4).
FR_MARKET_SITES: tuple[str, ...] = ("leboncoin.fr", "vinted.fr", "malt.fr", "doctolib.fr")
DDG_MAX_QUERY_CHARS = 499  # DuckDuckGo refuses longer queries (SearXNG duckduckgo engine notes)


@dataclass(frozen=True, slots=True)
class Query:
    """One search: its text, why it is run, what personal data it carries, its rank."""

    text: str
    purpose: str
    sends: tuple[str, ...]
    kind: str
    priority: int
    site_key: str = ""


def _q(text: str) -> str:
    return f'"{text}"'


def phone_formats(phone: str, country: str | None) -> list[str]:
    """The common written forms of a phone number, most common first.

    France: `06 39 98 12 34`, `+33 6 39 98 12 34`, `0639981234`, `06.39.98.12.34`.
    Unparseable input is returned as given.
    """
    region = (country or "FR").upper()
    try:
        number = phonenumbers.parse(phone, region)
    except phonenumbers.NumberParseException:
        return [phone.strip()]
    fmt = phonenumbers.PhoneNumberFormat
    national = phonenumbers.format_number(number, fmt.NATIONAL)
    international = phonenumbers.format_number(number, fmt.INTERNATIONAL)
    digits = "".join(ch for ch in national if ch.isdigit())
    spaced = national.replace("(", " ").replace(")", " ").replace("-", " ")
    groups = [g for g in spaced.split() if g]
    dotted = ".".join(groups)
    out: list[str] = []
    for form in (national, international, digits, dotted):
        if form and form not in out:
            out.append(form)
    return out


def build_plan(subject: Subject, options: Mapping[str, Any] | None = None) -> list[Query]:
    """Every query worth running for this subject, best first (see the module docstring).

    Options: `email_queries`, `phone_queries` (bool, opt-in: search those identifiers too;
    `no_email_queries` / `no_phone_queries` always win), `site_queries` (bool, default true:
    `"name" site:...` queries),
    `social_sites` (list of sites for those queries).
    """
    opts = options or {}
    lang = subject.lang
    plan: list[Query] = []
    seen: set[str] = set()

    def add(text: str, purpose: str, sends: tuple[str, ...], kind: str, prio: int,
            site_key: str = "") -> None:
        text = " ".join(text.split())
        if not text or len(text) > DDG_MAX_QUERY_CHARS or text.lower() in seen:
            return
        seen.add(text.lower())
        plan.append(Query(text, purpose, sends, kind, prio, site_key))

    name = subject.name
    if name:
        variants = name_variants(name, subject.former_names)
        main = variants[0].text
        add(_q(main), say(lang, "p_name"), ("name",), "name", 10)
        if subject.city:
            add(f"{_q(main)} {subject.city}", say(lang, "p_name_city"), ("name", "city"),
                "name_city", 20)
        for handle in subject.handles:
            add(f"{_q(main)} {_q(handle)}", say(lang, "p_name_handle", handle=handle),
                ("name", "handle"), "name_handle", 25)
        if subject.employer:
            add(f"{_q(main)} {_q(subject.employer)}", say(lang, "p_name_employer"),
                ("name", "employer"), "name_employer", 50)
        for variant in variants[1:]:
            former = "former name" in variant.why
            prio = 55
            if variant.why == "former name":
                prio = 45
            elif former:
                prio = 58
            add(_q(variant.text), say(lang, "p_variant", why=why(lang, variant.why)), ("name",),
                "former_name" if former else "name_variant", prio)
    for handle in subject.handles:
        add(_q(handle), say(lang, "p_handle", handle=handle), ("handle",), "handle", 30)
    # email and phone go to a search engine only when the person opted in
    if opts.get("email_queries") and not opts.get("no_email_queries"):
        for email in subject.emails:
            add(_q(email), say(lang, "p_email"), ("email",), "email", 35)
    if opts.get("phone_queries") and not opts.get("no_phone_queries"):
        for phone in subject.phones:
            for i, form in enumerate(phone_formats(phone, subject.country)):
                add(_q(form), say(lang, "p_phone", form=form), ("phone",), "phone",
                    40 if i == 0 else 65)
    if name and opts.get("site_queries", True):
        main = name_variants(name)[0].text
        for site in sites_for_country(subject.country):
            add(f"{_q(main)} {site.site_query}", say(lang, "p_people_site", site=site.name),
                ("name",),
                "people_site", 60, site.key)
        for social in opts.get("social_sites") or SOCIAL_SITES:
            add(f"{_q(main)} site:{social}", say(lang, "p_social_site", site=social), ("name",),
                "social_site", 70)
        if (subject.country or "FR").upper() in ("FR", "BE", "CH", "LU", "MC"):
            for market in FR_MARKET_SITES:
                add(f"{_q(main)} site:{market}", say(lang, "p_market_site", site=market), ("name",),
                    "market_site", 72)
        for url in subject.urls:
            host = (urlsplit(url).hostname or "").lower()
            if host:
                add(f"{_q(main)} -site:{host}", say(lang, "p_not_own_site"),
                    ("name",), "not_own_site", 75)
    plan.sort(key=lambda q: q.priority)  # stable: keeps insertion order within a rank
    return plan


def name_parts(name: str) -> tuple[str, str]:
    """(first names, surname), accents folded, for direct people-site URLs."""
    first, last = split_name(name)
    return fold_to_ascii(first), fold_to_ascii(last)
