"""The accounts catalog offered to other checks through `checks._common.profiles`.

`probe_catalog_profile`: a profile URL on a site of the catalog is asked with that site's
probe and judged with its rules, exactly as the accounts sweep does. `catalog_platform_hosts`:
the catalog's profile hosts, so results on them are recognised as social profiles. The
catalog and the detection rules are imported on first use: every command imports this plugin
to register it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from audit.hosts import host_of
from checks._common.fetch import is_textual
from checks._common.profiles import ProfileAnswer

if TYPE_CHECKING:
    from audit.check import CheckContext


def _catalog_site(url: str) -> Any:
    """The catalog entry whose profile URL has the same host, if any."""
    try:
        from checks.accounts.catalog import load_catalog

        sites = load_catalog()
    except (ImportError, OSError, ValueError, KeyError):
        return None
    host = host_of(url)
    for site in sites:
        if host_of(site.profile_url.replace("{username}", "x")) == host:
            return site
    return None


def probe_catalog_profile(
    ctx: CheckContext, url: str, handle: str, lang: str
) -> ProfileAnswer | None:
    """Whether `handle` exists on the catalog site serving `url`; None when no site does."""
    site = _catalog_site(url)
    if site is None:
        return None
    from checks.accounts.check import build_request
    from checks.accounts.detect import judge
    from checks.accounts.texts import verdict_detail

    resp = ctx.fetch(build_request(site, site.username.apply(handle)))
    verdict = judge(site, resp)
    detail = verdict_detail(lang, verdict.found, site.present if verdict.found else site.absent)
    return ProfileAnswer(verdict.found, verdict.signal, detail,
                         resp.text if is_textual(resp) else "")


def catalog_platform_hosts() -> dict[str, str]:
    """Host -> platform key from the catalog (profile URL hosts; for `{username}.host`
    patterns, the parent host), for the `search` check's classification of results."""
    try:
        from checks.accounts.catalog import load_catalog

        sites = load_catalog()
    except (ImportError, AttributeError, OSError, ValueError, KeyError, TypeError):
        return {}
    hosts: dict[str, str] = {}
    for site in sites:
        if getattr(site, "category", "") in ("news", "archived"):
            continue
        profile = str(getattr(site, "profile_url", "")).replace("{username}", "u-placeholder")
        host = (urlsplit(profile).hostname or "").lower()
        if host.startswith("u-placeholder."):
            host = host[len("u-placeholder."):]
        host = host[4:] if host.startswith("www.") else host
        if not host or "u-placeholder" in host:
            continue
        key = str(getattr(site, "platform_key", "") or "generic")
        hosts.setdefault(host, key if key != "generic" else str(getattr(site, "key", host)))
    return hosts
