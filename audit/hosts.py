"""Which site a URL is on: the one reading that checks, the plan and the renderers share.

Not HTTP code (nothing here is sent or parsed for sending: that is `audit.net.urls`), so it
sits low, importing nothing of the project.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def hostname_of(url: str) -> str:
    """The URL's host name as written, lower-cased, without a trailing dot nor port ("" when
    the URL has no host or cannot be parsed). Not converted to IDNA."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return ""
    return host.lower().rstrip(".")


def host_of(url: str) -> str:
    """The site a URL is on: `hostname_of` without a leading ``www.``
    (``https://WWW.Example.org:8443/x`` -> ``example.org``)."""
    return hostname_of(url).removeprefix("www.")
