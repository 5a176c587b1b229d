"""Is a search result about this person (score and reasons), and what kind of page is it?

Pure functions of the subject and one result (and, for a result under the threshold that
names the person partly, of the text of its page once read: `worth_opening`, `score_page`).
Categories: `own_site`, `social_profile`, `people_search`, `directory`, `company_register`,
`news`, `other`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from audit.models import Subject
from checks._common.lazy import lazy_module
from checks.search.serp import Hit
from checks.search.sites import find_people_site, is_news, social_platform
from checks.search.urls import host_matches, landing_host
from checks.search.variants import fold_to_ascii, match_key, name_forms_for_matching, split_name

if TYPE_CHECKING:
    import phonenumbers
else:
    phonenumbers = lazy_module("phonenumbers")

ABOUT_THRESHOLD = 3
LONGER_NAME = "name only as part of a longer name"
LISTING_KINDS: frozenset[str] = frozenset({"people_search", "directory", "company_register"})


@dataclass(frozen=True, slots=True)
class About:
    """How strongly a result is about the subject, and why (reasons are short phrases)."""

    score: int
    reasons: tuple[str, ...]

    @property
    def is_about(self) -> bool:
        """True when the score reaches the threshold."""
        return self.score >= ABOUT_THRESHOLD


@dataclass(frozen=True, slots=True)
class Category:
    """What kind of page a result is, with the known site it belongs to."""

    name: str
    site_key: str = ""
    site_name: str = ""
    platform_key: str = ""
    optout_url: str | None = None
    optout_route: str = ""


def _contains(text_key: str, needle_key: str) -> bool:
    if not needle_key:
        return False
    pattern = r"(?<![a-z0-9])" + re.escape(needle_key) + r"(?![a-z0-9])"
    return re.search(pattern, text_key) is not None


def _longer_name(text: str, forms: list[str]) -> bool:
    """True when the name only appears glued to another name (`Camille Dufresne-Martin`)."""
    low = fold_to_ascii(text).lower()
    found_alone = found_glued = False
    for form in forms:
        for m in re.finditer(r"(?<![a-z0-9])" + re.escape(form), low):
            after = low[m.end():m.end() + 2]
            if after[:1] == "-" and after[1:2].isalpha():
                found_glued = True
            elif not after[:1].isalnum():
                found_alone = True
    return found_glued and not found_alone


def _full_names(subject: Subject) -> list[str]:
    """Comparison keys of the person's full names, in both orders ("Dufresne Camille")."""
    out = []
    for name in (subject.name, *subject.former_names):
        words = match_key(name or "").split()
        if len(words) >= 2:
            out += [" ".join(words), " ".join(words[-1:] + words[:-1])]
    return out


def _phone_digit_forms(phone: str, country: str | None) -> set[str]:
    try:
        number = phonenumbers.parse(phone, (country or "FR").upper())
    except phonenumbers.NumberParseException:
        digits = re.sub(r"\D", "", phone)
        return {digits} if len(digits) >= 6 else set()
    national = re.sub(r"\D", "", phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.NATIONAL))
    e164 = re.sub(r"\D", "", phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.E164))
    return {national, e164}


def score(subject: Subject, hit: Hit) -> About:
    """Score a result: your name/handle/email/phone/city/employer in it, or your own site."""
    reasons: list[str] = []
    points = 0
    title_key = match_key(hit.title)
    snippet_key = match_key(hit.snippet)
    url_text = unquote(hit.url).lower()
    if subject.name:
        forms = name_forms_for_matching(subject.name, subject.former_names)
        if _longer_name(f"{hit.title} {hit.snippet}", forms):
            points -= 2
            reasons.append(LONGER_NAME)
        if any(_contains(title_key, f) for f in forms):
            points += 3
            reasons.append("name in title")
        elif any(_contains(snippet_key, f) for f in _full_names(subject)):
            # The whole name in the text is about the person (a news article quoting them);
            # homonyms are told apart by the city, employer and handles, and by a longer name.
            points += 3
            reasons.append("full name in snippet")
        elif any(_contains(snippet_key, f) for f in forms):
            points += 2
            reasons.append("name in snippet")
        else:
            first, last = split_name(subject.name)
            slug = re.sub(r"[^a-z0-9]+", "", match_key(f"{first}{last}"))
            url_key = re.sub(r"[^a-z0-9]+", "", url_text)
            if slug and len(slug) >= 6 and slug in url_key:
                points += 2
                reasons.append("name in URL")
    path = urlsplit(hit.url).path.lower()
    for handle in subject.handles:
        h = handle.lower()
        if re.search(r"(?<![a-z0-9])@?" + re.escape(h) + r"(?![a-z0-9])", path):
            points += 3
            reasons.append(f"handle {handle} in URL")
        elif _contains(title_key + " " + snippet_key, match_key(handle)):
            points += 2
            reasons.append(f"handle {handle} in text")
    text_low = f"{hit.title} {hit.snippet}".lower()
    for email in subject.emails:
        if email.lower() in text_low or email.lower() in url_text:
            points += 4
            reasons.append("your email address")
    digits = re.sub(r"\D", "", f"{hit.title} {hit.snippet}")
    for phone in subject.phones:
        if any(form and form in digits for form in _phone_digit_forms(phone, subject.country)):
            points += 4
            reasons.append("your phone number")
    both = title_key + " " + snippet_key
    if subject.city and _contains(both, match_key(subject.city)):
        points += 1
        reasons.append(f"city {subject.city}")
    if subject.employer and _contains(both, match_key(subject.employer)):
        points += 1
        reasons.append(f"employer {subject.employer}")
    host = landing_host(hit.url)
    for own in subject.urls:
        own_host = landing_host(own)
        if own_host and host_matches(host, own_host):
            points += 5
            reasons.append("your own site")
            break
    return About(points, tuple(dict.fromkeys(reasons)))


# A result under the threshold whose title, snippet or URL names the person only partly (a
# variant of the name, the name in the URL, a handle) may say in its page who it is about.
_PARTLY_NAMED = ("name in snippet", "name in URL", "handle ")


def worth_opening(about: About) -> bool:
    """True for a result under the threshold that names the person partly (never one whose
    name is only part of a longer name: that is a homonym)."""
    if about.is_about or about.score < 1 or LONGER_NAME in about.reasons:
        return False
    return any(reason.startswith(_PARTLY_NAMED) for reason in about.reasons)


def score_page(subject: Subject, about: About, page_text: str) -> About:
    """A result's score once its page was read. The person's full name in the page counts as
    in a snippet (+3), and then the city and employer there add 1 each (unless the snippet
    had them); a page that holds the name only inside a longer name (`Camille
    Dufresne-Martin`) is a homonym's (-2). Without the full name the score stays."""
    names = _full_names(subject)
    key = match_key(page_text)
    if not names or not any(_contains(key, n) for n in names):
        return about
    points, reasons = about.score, list(about.reasons)
    forms = name_forms_for_matching(subject.name or "", subject.former_names)
    if _longer_name(page_text, forms):
        return About(points - 2, (*reasons, "name in the page only as part of a longer name"))
    points += 3
    reasons.append("full name in the page")
    for label, value in (("city", subject.city), ("employer", subject.employer)):
        if value and f"{label} {value}" not in reasons and _contains(key, match_key(value)):
            points += 1
            reasons.append(f"{label} {value} in the page")
    return About(points, tuple(dict.fromkeys(reasons)))


def categorise(subject: Subject, url: str) -> Category:
    """The kind of page at `url`: own site first, then listings, social platforms, news."""
    host = landing_host(url)
    for own in subject.urls:
        own_host = landing_host(own)
        if own_host and host_matches(host, own_host):
            return Category("own_site")
    site = find_people_site(url)
    if site is not None:
        return Category(site.category, site.key, site.name, optout_url=site.optout_url,
                        optout_route=site.optout_route)
    platform = social_platform(url)
    if platform:
        return Category("social_profile", platform_key=platform)
    if is_news(url):
        return Category("news")
    return Category("other")
