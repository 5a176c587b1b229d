"""Recognise answers that say nothing about the account: challenges, rate limits, walls.

`block_before_rules` runs before a site's own rules and catches what can never be a real
answer (429, challenge pages, anti-bot headers, login walls, empty pages, 401/403/503 that the
site's rules do not name). `block_after_rules` runs when no rule matched, to tell a captcha or
bot wall from a merely unexpected page. Both raise `Blocked` / `RateLimited`, or return None.
"""

from __future__ import annotations

import re
from email.utils import parsedate_to_datetime

from audit.blocks import CHALLENGE_BYTES, body_head, first_marker
from audit.check import Blocked, RateLimited
from audit.net.model import HttpResponse
from checks.accounts.catalog import Site

# Body fragments that only appear on anti-bot interstitials (lowercase). The core's
# `audit.blocks.classify_block` runs first and knows the common ones; these add the rest.
_CHALLENGE_MARKERS: tuple[tuple[str, str], ...] = (
    ("<title>just a moment...</title>", "Cloudflare challenge page"),
    ("/cdn-cgi/challenge-platform/", "Cloudflare challenge page"),
    ("id=\"challenge-form\"", "Cloudflare challenge page"),
    ("attention required! | cloudflare", "Cloudflare block page"),
    ("cf-error-details", "Cloudflare error page"),
    ("_incapsula_resource", "Imperva/Incapsula block page"),
    ("request unsuccessful. incapsula incident", "Imperva/Incapsula block page"),
    ("ddos-guard", "DDoS-Guard check page"),
    ("captcha-delivery.com", "DataDome captcha"),
    ("please enable js and disable any ad blocker", "DataDome block page"),
    ("px-captcha", "PerimeterX captcha"),
    ("awswafintegration", "AWS WAF challenge"),
    ("aws-waf-token", "AWS WAF challenge"),
    ("making sure you&#39;re not a bot", "Anubis proof-of-work page"),
    ("making sure you're not a bot", "Anubis proof-of-work page"),
    ("checking your browser before accessing", "browser check page"),
    ("<title>access denied</title>", "access denied page"),
    ("sucuri website firewall", "Sucuri firewall page"),
    ("vercel security checkpoint", "Vercel security checkpoint"),
)

# Weaker signs: a captcha or a sign-in form on a page that matched no rule.
_WALL_MARKERS: tuple[tuple[str, str], ...] = (
    ("g-recaptcha", "captcha page"),
    ("h-captcha", "captcha page"),
    ("hcaptcha.com", "captcha page"),
    ("challenges.cloudflare.com/turnstile", "captcha page"),
    ("arkoselabs", "captcha page"),
    ("funcaptcha", "captcha page"),
    ("verify you are human", "captcha page"),
    ("are you a robot", "captcha page"),
    ("unusual traffic", "bot check page"),
    ("log in to continue", "login wall"),
    ("sign in to continue", "login wall"),
    ("you must be logged in", "login wall"),
    ("please log in", "login wall"),
    ("connectez-vous pour continuer", "login wall"),
)

_BLOCK_HEADERS: tuple[tuple[str, str | None, str], ...] = (
    ("cf-mitigated", None, "Cloudflare challenge (cf-mitigated header)"),
    ("x-datadome", None, "DataDome bot protection"),
    ("x-amzn-waf-action", None, "AWS WAF challenge"),
    ("x-sucuri-block", None, "Sucuri firewall"),
    ("x-px-block", None, "PerimeterX block"),
)

_LOGIN_PATH = re.compile(
    r"/(accounts/)?(login|log-in|signin|sign-in|sign_in|auth|session/new|connexion)"
    r"(\b|/|\?|$)|[?&](next|redirect|return_to|returnurl|continue)=",
    re.IGNORECASE,
)

_BLOCK_STATUSES = {401: "login required (HTTP 401)", 403: "access refused (HTTP 403)",
                   407: "proxy refused the request (HTTP 407)", 451: "unavailable for legal "
                   "reasons (HTTP 451)", 503: "service unavailable or bot check (HTTP 503)",
                   999: "request denied (HTTP 999)"}

# `judge` runs the core's `classify_block` first: a marker it looked for, or one holding such
# a marker, cannot be on a page it let through, so it is not looked for again (each search
# reads the page head once more).
_CHALLENGE_BYTES = tuple(
    (m.encode("ascii"), why) for m, why in _CHALLENGE_MARKERS
    if not any(seen in m.encode("ascii") for seen, _label in CHALLENGE_BYTES)
)
_WALL_BYTES = tuple((m.encode("ascii"), why) for m, why in _WALL_MARKERS)


def retry_after_seconds(value: str) -> float | None:
    """Seconds from a Retry-After header (delta or HTTP date), or None."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    from datetime import UTC, datetime

    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def redirect_target(resp: HttpResponse) -> str:
    """Where a redirect points (Location), or the final URL after followed redirects."""
    if 300 <= resp.status < 400:
        return resp.header("location")
    return resp.url if resp.redirects else ""


def _named_by_rules(site: Site, status: int) -> bool:
    return status in site.present.status or status in site.absent.status


def block_before_rules(site: Site, resp: HttpResponse, head: bytes | None = None) -> None:
    """Raise when the answer is a block whatever the site's rules say (`head`: the answer's
    `audit.blocks.body_head`, when the caller has it). Runs after the core's
    `audit.blocks.classify_block`, whose challenge markers it does not look for again."""
    if resp.status == 429:
        raise RateLimited(
            "the site asked to slow down (HTTP 429)",
            retry_after=retry_after_seconds(resp.header("retry-after")),
        )
    for name, value, why in _BLOCK_HEADERS:
        got = resp.header(name)
        if got and (value is None or value in got.lower()):
            raise Blocked(why)
    page = first_marker(body_head(resp) if head is None else head, _CHALLENGE_BYTES)
    if page is not None:
        raise Blocked(page)
    if resp.status in _BLOCK_STATUSES and not _named_by_rules(site, resp.status):
        raise Blocked(_BLOCK_STATUSES[resp.status])
    target = redirect_target(resp)
    if (
        target
        and _LOGIN_PATH.search(target)
        and not _rules_expect_redirect(site, target)
        and not (300 <= resp.status < 400 and _named_by_rules(site, resp.status))
    ):
        raise Blocked(f"login wall (redirected to {target[:120]})")
    if (
        200 <= resp.status < 300
        and resp.status != 204
        and not resp.body.strip()
        and _rules_read_body(site)
    ):
        raise Blocked("empty page where the site normally answers with content")


def _rules_expect_redirect(site: Site, target: str) -> bool:
    for sig in (site.present, site.absent):
        if sig.url_contains and sig.url_contains in target:
            return True
    return False


def _rules_read_body(site: Site) -> bool:
    return bool(site.present.marker or site.absent.marker) or any(
        200 <= s < 300 for s in site.present.status
    )


def block_after_rules(resp: HttpResponse, head: bytes | None = None) -> None:
    """Raise `Blocked` when a page that matched no rule looks like a captcha or a wall."""
    why = first_marker(body_head(resp) if head is None else head, _WALL_BYTES)
    if why is not None:
        raise Blocked(why)
