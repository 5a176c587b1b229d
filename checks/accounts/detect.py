"""Decide, from one HTTP answer and one site entry, whether the account exists.

Pure functions. Order: blocks first (the core's `audit.blocks.classify_block`, then the
site-aware `checks.accounts.blocks`; captcha and login-wall markers too when the presence
rule is a bare status), then the site's presence and absence rules, then a second look for
captcha/login walls. The answer is a `Verdict` (found or
not found, with the signal that decided) or an exception: `Blocked`, `RateLimited` or
`UnexpectedResponse`. Never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

from audit.blocks import body_head, classify_block
from audit.check import Blocked, RateLimited, UnexpectedResponse
from audit.models import Reason
from audit.net.model import HttpResponse
from checks.accounts.blocks import block_after_rules, block_before_rules, redirect_target
from checks.accounts.catalog import Signal, Site


@dataclass(frozen=True, slots=True)
class Verdict:
    """The decision for one probe, and the signal that decided it (for evidence)."""

    found: bool
    signal: str


def _match(sig: Signal, resp: HttpResponse, text: str) -> int:
    """How many conditions of `sig` hold (0 when any condition fails)."""
    if sig.status and resp.status not in sig.status:
        return 0
    score = 1 if sig.status else 0
    if sig.marker is not None:
        if sig.marker not in text:
            return 0
        score += 1
    if sig.url_contains is not None:
        if sig.url_contains not in redirect_target(resp):
            return 0
        score += 1
    return score


def core_block(resp: HttpResponse, head: bytes | None = None) -> None:
    """Apply the core's block classifier (`audit.blocks.classify_block`) shared by all checks.

    A 204 answer is not an "empty page": some sites use it to say "no such name".
    """
    requested = resp.redirects[0] if resp.redirects else resp.url
    verdict = classify_block(resp, requested, head)
    if verdict is None:
        return
    if verdict.reason is Reason.RATE_LIMITED:
        raise RateLimited(verdict.detail, retry_after=verdict.retry_after)
    if verdict.reason is Reason.BLOCKED:
        raise Blocked(verdict.detail)
    if resp.status != 204:
        raise UnexpectedResponse(verdict.detail)


def _cut_may_decide(site: Site, present: int, absent: int) -> bool:
    """True when the unread rest of a cut page could change the answer: the winning rule
    matched without a marker while the other rule's marker may lie beyond the cut, or
    nothing matched."""
    if present == absent:
        return True
    win, lose = (site.present, site.absent) if present > absent else (site.absent, site.present)
    return win.marker is None and lose.marker is not None


def judge(site: Site, resp: HttpResponse) -> Verdict:
    """Found / not found for `resp`, or raise Blocked / RateLimited / UnexpectedResponse."""
    head = body_head(resp)  # lowercased once for every marker search below
    core_block(resp, head)
    block_before_rules(site, resp, head)
    if site.present.marker is None and resp.status in site.present.status:
        block_after_rules(resp, head)  # a bare status: a 200 login or captcha page is no profile
    text = resp.text if site.present.marker or site.absent.marker else ""
    present = _match(site.present, resp, text)
    absent = _match(site.absent, resp, text)
    if resp.truncated and _cut_may_decide(site, present, absent):
        raise UnexpectedResponse(
            f"page larger than the limit (HTTP {resp.status}, {len(resp.body)} bytes read): "
            "what was read does not decide"
        )
    if present > absent:
        return Verdict(True, f"exists: {site.present.describe()}")
    if absent > present:
        return Verdict(False, f"missing: {site.absent.describe()}")
    block_after_rules(resp, head)
    if present:
        raise UnexpectedResponse(
            f"HTTP {resp.status} matches both the presence and the absence rule"
        )
    where = redirect_target(resp)
    extra = f" (redirect to {where[:100]})" if where else ""
    raise UnexpectedResponse(
        f"HTTP {resp.status}{extra} matches neither the presence rule "
        f"({site.present.describe()}) nor the absence rule ({site.absent.describe()})"
    )
