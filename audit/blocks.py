"""Recognising answers that are refusals, not answers: challenge pages, captchas, 403, 429.

`classify_block` runs before any site rule, so a block is never read as "found" or "not found".
Markers are structural strings of the challenge pages of common protection services. It reads
answers for the checks; it sends nothing (the network layer is `audit.net`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from audit.models import Reason
from audit.net.model import HttpResponse

# NOTE: markers of interstitial/challenge pages, as served by Cloudflare ("Just a moment...",
# /cdn-cgi/challenge-platform/), DDoS-Guard, DataDome, PerimeterX and Anubis. Lowercase;
# compared against the first 64 KiB of the body, whatever the status.
_CHALLENGE_MARKERS: tuple[tuple[str, str], ...] = (
    ("just a moment...", "Cloudflare challenge page"),
    ("cdn-cgi/challenge-platform", "Cloudflare challenge page"),
    ("cf-browser-verification", "Cloudflare browser check"),
    ("attention required! | cloudflare", "Cloudflare block page"),
    ("checking your browser before accessing", "browser check page"),
    ("ddos-guard", "DDoS-Guard check page"),
    ("captcha-delivery.com", "DataDome captcha"),
    ("px-captcha", "PerimeterX captcha"),
    ("making sure you're not a bot", "Anubis check page"),
    ("unusual traffic from your computer", "unusual-traffic page"),
)

# Captcha widgets also appear on ordinary pages (a login form on a profile page), so they
# count as a block only on an error answer.
_WIDGET_MARKERS: tuple[tuple[str, str], ...] = (
    ("h-captcha", "hCaptcha"),
    ("hcaptcha.com", "hCaptcha"),
    ("g-recaptcha", "reCAPTCHA"),
    ("google.com/recaptcha", "reCAPTCHA"),
    ("are you a robot", "robot check page"),
    ("verify you are human", "human verification page"),
)

_LOGIN_PATH = re.compile(r"/(login|signin|sign-in|accounts/login|auth/login|session/new)\b", re.I)


SCAN_BYTES = 65536

CHALLENGE_BYTES = tuple((m.encode("ascii"), label) for m, label in _CHALLENGE_MARKERS)
"""The challenge markers `classify_block` looks for in every answer (lowercase bytes)."""
_WIDGET_BYTES = tuple((m.encode("ascii"), label) for m, label in _WIDGET_MARKERS)


def body_head(resp: HttpResponse) -> bytes:
    """The first 64 KiB of the body, ASCII-lowercased: where block markers (all ASCII) are
    looked for. Computed once per answer by callers that look several times."""
    return resp.body[:SCAN_BYTES].lower()


def first_marker(head: bytes, markers: tuple[tuple[bytes, str], ...]) -> str | None:
    """The label of the first of `markers` found in `head`, or None. The markers that hold
    "captcha" are looked for only when the page holds it: one search instead of several,
    and the one that is quick on any page (each search costs 2-100 us on 8 KiB)."""
    captcha: bool | None = None
    for marker, label in markers:
        if b"captcha" in marker:
            if captcha is None:
                captcha = b"captcha" in head
            if not captcha:
                continue
        if marker in head:
            return label
    return None


@dataclass(frozen=True, slots=True)
class BlockVerdict:
    """Why an answer is a refusal, with the reason to report."""

    reason: Reason
    detail: str
    retry_after: float | None = None


def parse_retry_after(value: str) -> float | None:
    """Seconds from a Retry-After header (delta-seconds only; dates are ignored)."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        seconds = float(value)
    except ValueError:
        return None
    return max(seconds, 0.0) if math.isfinite(seconds) else None


def classify_block(
    resp: HttpResponse, requested_url: str = "", head: bytes | None = None
) -> BlockVerdict | None:
    """Return a verdict when the response is a block, rate limit or challenge; else None.
    `head` is `body_head(resp)` when the caller already has it."""
    status = resp.status
    if status == 429:
        retry = parse_retry_after(resp.header("retry-after"))
        suffix = f" (Retry-After {retry:g} s)" if retry is not None else ""
        return BlockVerdict(Reason.RATE_LIMITED, f"HTTP 429 Too Many Requests{suffix}", retry)
    if resp.header("cf-mitigated"):
        return BlockVerdict(Reason.BLOCKED, "Cloudflare challenge (cf-mitigated header)")
    if head is None:
        head = body_head(resp)
    label = first_marker(head, CHALLENGE_BYTES)
    if label is None and not 200 <= status < 300:
        label = first_marker(head, _WIDGET_BYTES)
    if label is not None:
        return BlockVerdict(Reason.BLOCKED, f"{label} (HTTP {status})")
    if status == 403:
        return BlockVerdict(Reason.BLOCKED, "HTTP 403 Forbidden")
    if status == 503:
        return BlockVerdict(Reason.BLOCKED, "HTTP 503: service unavailable or protection page")
    if status == 999:
        return BlockVerdict(Reason.BLOCKED, "HTTP 999: request refused")
    if resp.redirects and _LOGIN_PATH.search(resp.url) and not _LOGIN_PATH.search(requested_url):
        return BlockVerdict(Reason.BLOCKED, "redirected to a login page (login wall)")
    if 200 <= status < 300 and not resp.body.strip() and not resp.truncated:
        return BlockVerdict(Reason.UNEXPECTED_RESPONSE, f"empty body (HTTP {status})")
    return None
