"""What the sandbox answers: the `Reply` dataclass, its behaviours, and canned replies that
imitate real sites refusing a client (bot challenge, rate limit, unknown host)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

Behaviour = Literal["normal", "reset", "hang", "huge", "redirect_loop", "slow_body"]
BEHAVIOURS: frozenset[str] = frozenset(
    {"normal", "reset", "hang", "huge", "redirect_loop", "slow_body"}
)

_REASONS = {
    200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 301: "Moved Permanently",
    302: "Found", 303: "See Other", 304: "Not Modified", 307: "Temporary Redirect",
    308: "Permanent Redirect", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
    404: "Not Found", 405: "Method Not Allowed", 410: "Gone", 429: "Too Many Requests",
    500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
    504: "Gateway Timeout",
}


def reason_phrase(status: int) -> str:
    """The standard reason phrase for a status code (empty when unknown)."""
    return _REASONS.get(status, "")


@dataclass(frozen=True, slots=True)
class Reply:
    """What the sandbox answers, and how.

    `behaviour` changes the transport: ``reset`` closes the connection with a TCP reset and no
    answer; ``hang`` never answers (until the client leaves or the sandbox stops); ``huge``
    streams `huge_size` bytes; ``redirect_loop`` answers 302 to the same URL forever;
    ``slow_body`` sends the headers, then the body `drip_bytes` at a time every `drip_s`
    seconds. `delay_s` waits before anything is sent. A `str` body is UTF-8 and defaults to
    ``text/html; charset=utf-8``; a non-empty `bytes` body to ``application/octet-stream``.
    """

    status: int = 200
    body: bytes | str = b""
    headers: Mapping[str, str] = field(default_factory=dict, hash=False)
    delay_s: float = 0.0
    behaviour: Behaviour = "normal"
    huge_size: int = 50 * 1024 * 1024
    drip_bytes: int = 16
    drip_s: float = 0.05
    raw: bytes = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        if self.behaviour not in BEHAVIOURS:
            raise ValueError(f"unknown behaviour {self.behaviour!r}")
        if not 100 <= self.status <= 599:
            raise ValueError(f"bad status {self.status}")
        raw = self.body.encode("utf-8") if isinstance(self.body, str) else bytes(self.body)
        headers = {str(k): str(v) for k, v in self.headers.items()}
        if not any(k.lower() == "content-type" for k in headers):
            if isinstance(self.body, str):
                headers["Content-Type"] = "text/html; charset=utf-8"
            elif raw:
                headers["Content-Type"] = "application/octet-stream"
        object.__setattr__(self, "raw", raw)
        object.__setattr__(self, "headers", MappingProxyType(headers))

    def header(self, name: str, default: str = "") -> str:
        """One header by case-insensitive name."""
        low = name.lower()
        for key, value in self.headers.items():
            if key.lower() == low:
                return value
        return default


UNKNOWN_HOST_502 = Reply(
    502, "<html><body><h1>502 unknown host</h1><p>The sandbox world does not describe this "
    "host.</p></body></html>", {"X-Sandbox": "unknown-host"},
)

_CHALLENGE_HTML = """<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>
<meta http-equiv="refresh" content="390"><meta name="robots" content="noindex,nofollow">
</head><body><div class="main-wrapper" role="main"><div class="main-content">
<h1 class="zone-name-title h1">{host}</h1>
<h2 class="h2" id="challenge-running">Checking if the site connection is secure</h2>
<noscript><div class="h2">Enable JavaScript and cookies to continue</div></noscript>
<div id="challenge-body-text" class="core-msg spacer">{host} needs to review the security of
your connection before proceeding.</div>
<form id="challenge-form" action="/?__cf_chl_f_tk=sandbox" method="POST"></form>
</div></div><div class="footer">Performance &amp; security by Cloudflare</div>
<script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1"></script></body></html>
"""


def challenge_reply(host: str, status: int = 403) -> Reply:
    """A Cloudflare-style interstitial challenge page for `host`.

    NOTE: Cloudflare marks every challenge page with ``cf-mitigated: challenge``
    (https://developers.cloudflare.com/cloudflare-challenges/challenge-types/challenge-pages/detect-response,
    checked 2026-11-22); the page text imitates the interstitial's usual wording, which
    block detectors also key on.
    """
    return Reply(
        status,
        _CHALLENGE_HTML.format(host=host),
        {
            "Server": "cloudflare",
            "cf-mitigated": "challenge",
            "CF-RAY": "8c0ffee000000000-CDG",
            "Cache-Control": "private, max-age=0, no-store, no-cache, must-revalidate",
        },
    )


def rate_limit_reply(retry_after: int | str = 60) -> Reply:
    """429 Too Many Requests with a ``Retry-After`` (seconds or an HTTP date)."""
    return Reply(
        429,
        "<html><body><h1>429 Too Many Requests</h1></body></html>",
        {"Retry-After": str(retry_after)},
    )
