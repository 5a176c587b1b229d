"""URL forms for the HTTP layer: secrets redacted for logs, host names in ASCII for engines.

`redact_url` and `redact_text` keep API keys out of the request log, the history and error
texts; `ascii_url` gives a non-ASCII host name the single ASCII form that the address guard
checks and every engine connects to.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from audit.check import NetworkError

# Query parameters that carry API keys: never written to the request log or history.
SECRET_PARAMS: frozenset[str] = frozenset(
    {"api_key", "apikey", "key", "token", "access_token", "auth", "secret"}
)


_SECRET_IN_TEXT = re.compile(
    r"\b((?:" + "|".join(sorted(SECRET_PARAMS)) + r")=)[^&\s'\"]+", re.IGNORECASE
)


def redact_url(url: str) -> str:
    """The URL with secret query parameters replaced by REDACTED (for logs and history)."""
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if not any(k.lower() in SECRET_PARAMS for k, _ in pairs):
        return url
    clean = [(k, "REDACTED" if k.lower() in SECRET_PARAMS else v) for k, v in pairs]
    return urlunsplit(parts._replace(query=urlencode(clean)))


def ascii_url(url: str) -> str:
    """The URL with a non-ASCII host name in its ASCII form (IDNA 2008 with UTS #46, as
    browsers do), so the address guard checks the very name the engines connect to."""
    parts = urlsplit(url)
    host = parts.hostname
    if host is None or host.isascii():
        return url
    try:
        import idna  # a dependency of requests

        name = idna.encode(host, uts46=True).decode("ascii")
    except ImportError:  # pragma: no cover - idna comes with requests
        name = host.encode("idna").decode("ascii")
    except (idna.IDNAError, UnicodeError) as exc:
        raise NetworkError(f"bad host name {host[:100]!r}: {exc}") from exc
    userinfo, _, _ = parts.netloc.rpartition("@")
    try:
        port = parts.port
    except ValueError:
        return url  # the engine reports the bad port
    netloc = (f"{userinfo}@" if userinfo else "") + name + (f":{port}" if port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def redact_text(text: str) -> str:
    """`text` (an error message) with the values of secret query parameters replaced."""
    return _SECRET_IN_TEXT.sub(r"\1REDACTED", text)
