"""Keyless public sources: GitHub's users API, Gravatar's v3 profiles, keys.openpgp.org.

Facts (reference doc search-contacts-links.md C.6, C.8, C.9; read 2026-11-22):
- GitHub REST ``GET https://api.github.com/users/{login}``: 60 requests/hour per IP without a
  token; ``X-RateLimit-Remaining`` / ``X-RateLimit-Reset`` headers; 403 or 429 with a
  "rate limit exceeded" message once spent
  (docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api).
- Gravatar ``GET https://api.gravatar.com/v3/profiles/{sha256(trimmed lowercased email)}``:
  100 requests/hour unauthenticated, 404 when there is no profile (docs.gravatar.com/rest-api).
- keys.openpgp.org ``GET /vks/v1/by-email/{url-encoded email}``: the armored key, 404 when no
  verified key has that address (keys.openpgp.org/about/api).

Gravatar receives a hash of the email and the keyserver the email itself: both are opt-in
(check option ``email_lookups``). Answers are cached (GitHub's budget is small and shared).
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from audit.check import Blocked, CheckContext, RateLimited, UnexpectedResponse
from audit.net.model import HttpRequest, HttpResponse, Origin

GITHUB_API = "https://api.github.com/users/{login}"
GRAVATAR_API = "https://api.gravatar.com/v3/profiles/{hash}"
PGP_BY_EMAIL = "https://keys.openpgp.org/vks/v1/by-email/{email}"
CACHE_TTL_S = 24 * 3600.0
GITHUB_LIMIT_DETAIL = "GitHub's 60 requests/hour limit reached"


def gravatar_hash(email: str) -> str:
    """SHA-256 of the trimmed, lowercased address (Gravatar's profile key)."""
    return hashlib.sha256(email.strip().lower().encode("utf-8")).hexdigest()


def _json(resp: HttpResponse, what: str) -> dict[str, Any]:
    try:
        data = json.loads(resp.body.decode("utf-8", "replace"))
    except ValueError as exc:
        raise UnexpectedResponse(f"{what}: the answer is not JSON") from exc
    if not isinstance(data, dict):
        raise UnexpectedResponse(f"{what}: unexpected JSON shape")
    return data


def _reset_note(resp: HttpResponse) -> str:
    reset = resp.header("x-ratelimit-reset")
    if reset.isdigit():
        when = datetime.fromtimestamp(int(reset), UTC)
        return f"; it resets at {when:%H:%M} UTC"
    return ""


def github_user(ctx: CheckContext, login: str) -> dict[str, Any] | None:
    """The public fields of a GitHub account, or None when it does not exist. Raises
    `RateLimited` with a clear detail when the hourly budget is spent."""
    cached = ctx.cache_get(f"github-user:{login.lower()}")
    if isinstance(cached, dict):
        return cached.get("user")
    resp = ctx.fetch(
        HttpRequest(
            GITHUB_API.format(login=quote(login, safe="")),
            headers={"Accept": "application/vnd.github+json"},
            max_bytes=256_000, origin=Origin.CATALOG, sends=("handle",), retries=0,
        )
    )
    remaining = resp.header("x-ratelimit-remaining")
    body = resp.body[:2000].decode("utf-8", "replace").lower()
    if resp.status == 429 or (resp.status == 403 and (remaining == "0" or "rate limit" in body)):
        raise RateLimited(GITHUB_LIMIT_DETAIL + _reset_note(resp))
    if resp.status == 403:
        raise Blocked("GitHub API refused the request (HTTP 403)")
    if resp.status == 404:
        ctx.cache_put(f"github-user:{login.lower()}", {"user": None}, CACHE_TTL_S)
        return None
    if resp.status != 200:
        raise UnexpectedResponse(f"GitHub API answered HTTP {resp.status}")
    user = _json(resp, "GitHub API")
    ctx.cache_put(f"github-user:{login.lower()}", {"user": user}, CACHE_TTL_S)
    return user


def gravatar_profile(ctx: CheckContext, email: str) -> dict[str, Any] | None:
    """The public Gravatar profile of an address, or None. Sends only the SHA-256 hash."""
    digest = gravatar_hash(email)
    resp = ctx.fetch(
        HttpRequest(GRAVATAR_API.format(hash=digest), max_bytes=256_000,
                    origin=Origin.CATALOG, sends=("email_hash",), retries=0)
    )
    if resp.status == 429:
        raise RateLimited("Gravatar's 100 requests/hour limit reached")
    if resp.status == 404:
        return None
    if resp.status != 200:
        raise UnexpectedResponse(f"Gravatar answered HTTP {resp.status}")
    return _json(resp, "Gravatar")


def pgp_key_for(ctx: CheckContext, email: str) -> str | None:
    """The armored key published for an address on keys.openpgp.org, or None."""
    resp = ctx.fetch(
        HttpRequest(PGP_BY_EMAIL.format(email=quote(email, safe="")), max_bytes=512_000,
                    origin=Origin.CATALOG, sends=("email",), retries=0)
    )
    if resp.status == 429:
        raise RateLimited("keys.openpgp.org asked to slow down (HTTP 429)")
    if resp.status == 404:
        return None
    if resp.status != 200:
        raise UnexpectedResponse(f"keys.openpgp.org answered HTTP {resp.status}")
    return resp.text
