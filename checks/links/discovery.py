"""Bounded recursive discovery: handles seen on profiles ("@velvetfox42@mastodon.social",
"also on X as @foo", links to other profiles) are checked in turn.

Limits (check options): ``max_depth`` (default 1: handles seen on the pages the scan already
had are checked; handles seen on *those* new profiles are only reported) and
``max_new_handles`` (default 5 profile requests in all). Each candidate gets its own result:
found (an `account` finding marked ``discovered``), not found, unknown with the reason, or
skipped when a limit stopped it. Requests use the probe and rules of a check that knows the
site (the accounts catalog registers itself in `checks._common.profiles`), otherwise a GET
of the profile URL (200 = exists, 404/410 = absent).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from audit.check import CheckFailure, UnexpectedResponse
from audit.models import Confidence, Evidence, Finding, Outcome, Reason, Severity, Status
from audit.net.model import Origin
from checks._common.fetch import fetch_checked, is_textual
from checks._common.page import parse_page
from checks._common.profiles import probe_profile
from checks.links.build import Account, Builder, Candidate
from checks.links.platforms import platform
from checks.links.texts import say

DEFAULT_MAX_DEPTH = 1
DEFAULT_MAX_NEW = 5


def limits(options: Mapping[str, Any]) -> tuple[int, int]:
    """(max_depth, max_new_handles) from the options, never negative."""

    def num(name: str, default: int) -> int:
        try:
            return max(0, int(options.get(name, default)))
        except (TypeError, ValueError):
            return default

    return num("max_depth", DEFAULT_MAX_DEPTH), num("max_new_handles", DEFAULT_MAX_NEW)


def _exists(b: Builder, cand: Candidate, origin: Origin) -> tuple[bool, str, str, str]:
    """(exists, signal, detail in the subject's language, page html) for one candidate;
    raises CheckFailure when unsure."""
    handle = cand.node.split(":", 1)[1]
    lang = b.subject.lang
    answer = probe_profile(b.ctx, cand.url, handle, lang)
    if answer is not None:
        return answer.found, answer.signal, answer.detail, answer.html
    resp = fetch_checked(b.ctx, cand.url, origin, sends=("handle",))
    if resp.status == 200:
        return (True, "exists: HTTP 200", say(lang, "exists", status=200),
                resp.text if is_textual(resp) else "")
    if resp.status in (404, 410):
        return False, f"missing: HTTP {resp.status}", say(lang, "missing", status=resp.status), ""
    raise UnexpectedResponse(f"HTTP {resp.status} for {cand.url}")


def discover(b: Builder) -> list[Outcome]:
    """Check candidates breadth-first within the limits; new pages may add candidates."""
    max_depth, max_new = limits(b.options)
    lang = b.subject.lang
    outcomes: list[Outcome] = []
    done: set[str] = set()
    checked = 0
    i = 0
    while i < len(b.candidates):
        cand = b.candidates[i]
        i += 1
        if cand.node in done or cand.node in b.accounts:
            continue
        done.add(cand.node)
        target = f"discovered handle: {cand.node}"
        if cand.depth > max_depth or checked >= max_new:
            why = (say(lang, "depth_limit", n=max_depth) if cand.depth > max_depth
                   else say(lang, "new_limit", n=max_new))
            outcomes.append(Outcome(Status.SKIPPED, reason=Reason.NOT_APPLICABLE, target=target,
                                    url=cand.url, detail=say(lang, "not_checked",
                                                             seen_on=cand.seen_on, why=why)))
            continue
        checked += 1
        key = cand.node.split(":", 1)[0]
        origin = Origin.CATALOG if platform(key) is not None else Origin.PAGE
        try:
            found, signal, detail, html = _exists(b, cand, origin)
        except CheckFailure as exc:
            outcomes.append(Outcome(Status.UNKNOWN, reason=exc.reason, target=target,
                                    url=cand.url, detail=exc.detail or type(exc).__name__))
            continue
        if not found:
            outcomes.append(Outcome(Status.NOT_FOUND, target=target, url=cand.url,
                                    detail=say(lang, "seen_on", signal=detail,
                                               seen_on=cand.seen_on)))
            continue
        b.add_account(Account(cand.node, cand.url, depth=cand.depth, origin=origin))
        page = parse_page(cand.url, html)
        display = page.og.get("og:title", "") or page.title
        b.read_page(cand.node, page, cand.depth, bio=page.og.get("og:description", ""))
        outcomes.append(Outcome(Status.FOUND,
                                findings=(_account_finding(cand, signal, display, lang),),
                                target=target, url=cand.url, detail=detail))
    return outcomes


def _account_finding(cand: Candidate, signal: str, display: str, lang: str = "en") -> Finding:
    site, _, handle = cand.node.partition(":")
    return Finding(
        kind="account",
        title=say(lang, "discovered_title", site=site, handle=handle, seen_on=cand.seen_on),
        severity=Severity.MEDIUM,
        confidence=Confidence.MEDIUM,
        url=cand.url,
        evidence=(Evidence(cand.url, display, signal=signal),),
        data={"site": site, "username": handle, "profile_url": cand.url, "category": "",
              "platform_key": site, "variant": False, "discovered": True,
              "discovered_from": cand.seen_on, "depth": cand.depth, "signal": signal},
        key=f"{site}:{handle}".lower(),
    )
