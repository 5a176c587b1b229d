"""Reading answers for the threaded engines (urllib3, requests), and naming their errors.

`collect` reads a streamed body within the size cap and the whole-body time limit and builds
the `HttpResponse`; `map_transport_error` turns urllib3 / requests / socket exceptions into
the check-facing `TimedOut` / `NetworkError`, with secrets redacted from their text.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from types import MappingProxyType

from audit.check import NetworkError, TimedOut
from audit.httpmodel import HttpResponse
from audit.urls import redact_text


def collect(
    url: str,
    status: int,
    headers: Mapping[str, str],
    read: Callable[[], bytes],
    t0: float,
    timeout: float,
    max_bytes: int,
) -> HttpResponse:
    """Read the body (read1: what has arrived, so a trickling body meets the time limit)
    up to `max_bytes`, and build the response both engines return."""
    data, truncated = read_capped(read, max_bytes, t0, timeout * 3)
    return HttpResponse(
        url=url,
        status=status,
        headers=MappingProxyType(merged(headers)),
        body=data,
        elapsed_s=time.monotonic() - t0,
        truncated=truncated,
    )


def merged(headers: Mapping[str, str]) -> dict[str, str]:
    """Lowercase names; a header sent several times keeps every value, joined by ", " (as
    the event-loop and requests engines do)."""
    merged = getattr(headers, "itermerged", None)  # urllib3's HTTPHeaderDict
    items = merged() if merged is not None else headers.items()
    return {k.lower(): v for k, v in items}


def read_capped(
    read: Callable[[], bytes], max_bytes: int, t0: float, total_limit: float
) -> tuple[bytes, bool]:
    """The body read chunk by chunk: cut at `max_bytes` (truncated=True), TimedOut once
    `total_limit` seconds have passed since `t0`."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = read()
        if not chunk:
            return b"".join(chunks), False
        chunks.append(chunk)
        size += len(chunk)
        if size >= max_bytes:
            return b"".join(chunks)[:max_bytes], True
        if time.monotonic() - t0 > total_limit:
            raise TimedOut(f"body still arriving after {total_limit:g} s")


def map_transport_error(exc: BaseException) -> Exception:
    """Turn urllib3 / requests / socket errors into the check-facing errors."""
    if isinstance(exc, TimedOut | NetworkError):
        return exc
    seen: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and len(seen) < 8:
        seen.append(cur)
        reason = getattr(cur, "reason", None)
        nxt = reason if isinstance(reason, BaseException) else None
        cur = nxt or cur.__cause__ or cur.__context__
        if cur in seen:
            break
    names = " ".join(type(e).__name__ for e in seen)
    text = redact_text("; ".join(str(e) for e in seen[:2]))[:300]
    if "Timeout" in names or "timed out" in text.lower():
        return TimedOut(f"timed out: {text}")
    if "ProxyError" in names or "SOCKS" in names:
        return NetworkError(f"proxy error: {text}")
    if "SSL" in names:
        return NetworkError(f"TLS error: {text}")
    return NetworkError(text or type(exc).__name__)
