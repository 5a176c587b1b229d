"""Library errors (aiohttp, aiohttp-socks, ssl, socket) as the checks' `CheckFailure`s: a
short text naming the kind (proxy, TLS, DNS, connection), secrets redacted."""

from __future__ import annotations

from audit.check import CheckFailure, NetworkError, TimedOut
from audit.net.urls import redact_text


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and cur not in seen and len(seen) < 8:
        seen.append(cur)
        cur = cur.__cause__ or cur.__context__
    return seen


def as_failure(exc: BaseException, proxy: str | None = None) -> CheckFailure:
    """The check-facing error for `exc`."""
    if isinstance(exc, CheckFailure):
        return exc
    seen = _chain(exc)
    names = " ".join(type(e).__name__ for e in seen)
    text = "; ".join(dict.fromkeys(str(e) for e in seen[:2] if str(e))) or type(exc).__name__
    if proxy:
        text = text.replace(proxy, "the proxy")
    text = redact_text(text)[:300]
    if "Timeout" in names or "timed out" in text.lower():
        return TimedOut(f"timed out: {text}")
    if "Proxy" in names or "SOCKS" in names.upper():
        return NetworkError(f"proxy error: {text}")
    if "SSL" in names or "Certificate" in names:
        return NetworkError(f"TLS error: {text}")
    if "DNS" in names or "gaierror" in names:
        return NetworkError(f"DNS error: {text}")
    return NetworkError(text)
