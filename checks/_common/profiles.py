"""What checks know about profile sites, offered to the others: existence probes and hosts.

The `links` check finds new handles on pages; the `accounts` check knows, for the sites of
its catalog, how to ask whether a profile exists and how to read the answer. Neither imports
the other: a check that can answer registers a `ProfileProber` here when its plugin module
is imported (the core imports every built-in plugin before a scan), and `probe_profile`
asks the registered probers in turn. With none that knows the site, the caller falls back
to its own request. Likewise `platform_hosts` gathers the profile hosts checks registered
(the `search` check uses them to recognise social profiles among results).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from audit.check import CheckContext


@dataclass(frozen=True, slots=True)
class ProfileAnswer:
    """A prober's answer: exists or not, the signal it relied on, a sentence in the
    subject's language, and the profile page's text (when it is a page) to read further."""

    found: bool
    signal: str
    detail: str
    html: str = ""


# (ctx, profile URL, handle, language) -> an answer, or None when the prober does not know
# the site; raises `CheckFailure` when it knows the site but cannot tell.
ProfileProber = Callable[[CheckContext, str, str, str], "ProfileAnswer | None"]

# () -> {host: platform key} for the profile sites a check knows.
HostTable = Callable[[], dict[str, str]]

_PROBERS: list[ProfileProber] = []
_HOST_TABLES: list[HostTable] = []


def register_prober(prober: ProfileProber) -> None:
    """Add a prober (registering the same one twice keeps one)."""
    if prober not in _PROBERS:
        _PROBERS.append(prober)


def register_platform_hosts(table: HostTable) -> None:
    """Add a source of host -> platform key entries (the same one twice keeps one)."""
    if table not in _HOST_TABLES:
        _HOST_TABLES.append(table)


def platform_hosts() -> dict[str, str]:
    """Host -> platform key from every registered source; the first registered wins."""
    hosts: dict[str, str] = {}
    for table in tuple(_HOST_TABLES):
        for host, key in table().items():
            hosts.setdefault(host, key)
    return hosts


def probe_profile(ctx: CheckContext, url: str, handle: str, lang: str) -> ProfileAnswer | None:
    """The first registered prober's answer for this profile, or None when none knows it."""
    for prober in tuple(_PROBERS):
        answer = prober(ctx, url, handle, lang)
        if answer is not None:
            return answer
    return None
