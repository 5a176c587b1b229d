"""URLs for the HTTP layer: the single parse of every URL sent (the very `yarl.URL` the guard
judges and aiohttp connects to), redaction of secrets, and the key of a URL's connections.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from audit.check import NetworkError

if TYPE_CHECKING:
    from yarl import URL

# Query parameters that carry API keys: never written to the request log or history.
SECRET_PARAMS = frozenset({"api_key", "apikey", "key", "token", "access_token", "auth", "secret"})
_SECRET_IN_TEXT = re.compile(r"\b((?:" + "|".join(sorted(SECRET_PARAMS)) + r")=)[^&\s'\"]+",
                             re.IGNORECASE)
_USERINFO = re.compile(r"(//)[^/\s@]*@")
_SENT_AS_IS = re.compile(r"[!#-;=?-\[\]_a-z~]+", re.IGNORECASE)  # printable, no space, "<>\\^`{|}"
_AMBIGUOUS = re.compile(r"[\\%\s\x00-\x1f\x7f]")
# The usual catalog URL (http(s), ASCII host, optional port, characters sent as they are):
# every parser reads it alike, so it is parsed once, as written.
_PLAIN = re.compile(r"https?://[a-z0-9.-]+(?::[0-9]{1,5})?(?:[/?][!#-;=?-\[\]_a-z~]*)?",
                    re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def host_key(url: str) -> str:
    """The host:port a URL's requests share connections with (cached: asked often)."""
    return urlsplit(url).netloc.lower()


def redact_url(url: str) -> str:
    """The URL with secret query parameters replaced by REDACTED (for logs and history)."""
    if "?" not in url:
        return url
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if not any(k.lower() in SECRET_PARAMS for k, _ in pairs):
        return url
    clean = [(k, "REDACTED" if k.lower() in SECRET_PARAMS else v) for k, v in pairs]
    return urlunsplit(parts._replace(query=urlencode(clean)))


def redact_text(text: str) -> str:
    """`text` (an error message) without secret query values nor user:password@ parts."""
    return _USERINFO.sub(r"\1***@", _SECRET_IN_TEXT.sub(r"\1REDACTED", text))


def _same_host(a: str | None, b: str | None) -> bool:
    if (a or "").lower() == (b or "").lower():
        return True
    try:
        return ipaddress.ip_address(a or "") == ipaddress.ip_address(b or "")
    except ValueError:
        return (a or "").lower() == (b or "").lower()


def _idna_2008(authority: str) -> None:
    """Refuse a non-ASCII host that IDNA 2008 (UTS #46, as browsers) rejects: yarl, which then
    encodes it the same way, would fall back to IDNA 2003 and reach another name."""
    host = authority if authority.startswith("[") else authority.rsplit(":", 1)[0]
    if not host.isascii():
        import idna  # a dependency of requests and yarl

        idna.encode(host, uts46=True)  # IDNAError is a UnicodeError: the caller's ValueError


def parse_url(url: str) -> URL:
    """The one parsed form of `url`, guarded and connected to; NetworkError when it is not
    http(s) or its host could be read differently by different parsers."""
    from yarl import URL

    if _PLAIN.fullmatch(url):
        try:
            fast = URL(url, encoded=True)
            if fast.raw_host and fast.port is not None:
                return fast
        except (ValueError, TypeError):
            pass  # the general path below says what is wrong
    shown = redact_url(url)[:100]
    _scheme, sep, rest = url.partition("://")
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0] if sep else ""
    if _AMBIGUOUS.search(authority) or "@" in authority:
        raise NetworkError(f"bad URL {shown!r}: ambiguous host part (refused)")
    try:
        _idna_2008(authority)
        parsed = URL(url)
        if _SENT_AS_IS.fullmatch(url):  # already encoded: sent exactly as written
            exact = URL(url, encoded=True)
            if exact.port != parsed.port or not _same_host(exact.raw_host, parsed.raw_host):
                raise ValueError("ambiguous host part")
            parsed = exact
        port = parsed.port
    except (ValueError, TypeError) as exc:  # UnicodeError included
        raise NetworkError(f"bad URL {shown!r}: {exc}") from exc
    if parsed.scheme not in ("http", "https"):
        raise NetworkError(f"bad URL {shown!r}: scheme {parsed.scheme!r} is not fetched")
    if not parsed.raw_host or port is None:
        raise NetworkError(f"bad URL {shown!r}: no host")
    return parsed
