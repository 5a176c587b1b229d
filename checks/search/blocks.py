"""Block detection for search engines, run on every answer BEFORE any parsing.

A refused search is never "no results": 202 anomaly pages, captcha forms, 401/403/429, quota
messages and JSON-disabled SearXNG instances raise `Blocked` or `RateLimited` with a detail in
plain language saying what to do next (wait, use another backend, or manual mode).
"""

from __future__ import annotations

from audit.check import Blocked, RateLimited, UnexpectedResponse
from audit.net.model import HttpResponse
from checks.search.texts import say

# Structural markers of challenge pages (markup, never visible text, so a result snippet that
# talks about captchas cannot trigger them). DuckDuckGo: `anomaly-modal`, `challenge-form`,
# `anomaly.js` (SearXNG searx/engines/duckduckgo.py; zeroclaw-labs/zeroclaw#6625, 2026).
# Google: the `/sorry/` page; Qwant/others: DataDome's captcha-delivery; Cloudflare challenges.
STRUCTURAL_MARKERS: tuple[str, ...] = (
    "anomaly-modal", 'id="challenge-form"', "id='challenge-form'", "/anomaly.js",
    'class="g-recaptcha"', "hcaptcha.com/1/api.js", "captcha-delivery.com", "/sorry/index",
    "challenges.cloudflare.com", "cf-turnstile", "/cdn-cgi/challenge-platform",
)
# Visible-text markers: only trusted when the page has none of the engine's result markup.
TEXT_MARKERS: tuple[str, ...] = (
    "unusual traffic from your computer", "verify you are human", "are you a robot",
    "not a robot", "captcha", "trafic inhabituel", "vous n'êtes pas un robot",
)
# Quota messages in API answers (Mojeek `response.status`, Brave error codes).
QUOTA_MARKERS: tuple[str, ...] = (
    "daily limit reached", "quota_exceeded", "rate_limit_exceeded", "rate limit exceeded",
)
# Markup that only appears on a real result page, per engine.
RESULT_MARKUP: dict[str, tuple[str, ...]] = {
    "ddg-html": ('id="links"', "result__a", "no-results"),
    "ddg-lite": ("result-link", "result-snippet", "no results"),
}

ENGINE_LABELS: dict[str, str] = {
    "ddg-html": "DuckDuckGo", "ddg-lite": "DuckDuckGo (lite)", "searxng": "your SearXNG instance",
    "brave": "the Brave Search API", "mojeek": "the Mojeek API",
}


def advice(engine: str, what: str, lang: str = "en") -> str:
    """A plain-language sentence about a refusal and the next steps."""
    return say(lang, "blocked_advice", label=ENGINE_LABELS.get(engine, engine), what=what)


def _retry_after(resp: HttpResponse) -> float | None:
    value = resp.header("retry-after").strip()
    try:
        return float(value) if value else None
    except ValueError:
        return None


def check_response(engine: str, resp: HttpResponse, lang: str = "en") -> None:
    """Raise `Blocked` / `RateLimited` when the answer is a refusal; return when it is not.

    5xx answers are not blocks: they raise `UnexpectedResponse` (the backend stays usable).
    """
    status = resp.status
    if status == 429:
        raise RateLimited(advice(engine, "HTTP 429, too many requests", lang), _retry_after(resp))
    if status in (401, 403):
        if engine == "searxng":
            what = (f"HTTP {status}: the instance refuses the JSON format; add `json` to "
                    "search.formats in its settings.yml")
        elif engine in ("brave", "mojeek"):
            what = f"HTTP {status}: the API key was refused"
        else:
            what = f"HTTP {status}, access refused"
        raise Blocked(advice(engine, what, lang))
    if engine.startswith("ddg") and status == 202:
        raise Blocked(advice(engine, "HTTP 202 'anomaly' challenge page", lang))
    text = resp.text[:300_000]
    is_json = text.lstrip().startswith(("{", "["))
    marker = None if is_json else find_block_marker(text, RESULT_MARKUP.get(engine, ()))
    if marker:
        raise Blocked(advice(engine, f"a captcha / bot-check page ({marker})", lang))
    low = text.lower()
    if status == 402 or (engine in ("brave", "mojeek") and any(m in low for m in QUOTA_MARKERS)):
        raise RateLimited(advice(engine, "API quota or rate limit reached", lang),
                          _retry_after(resp))
    if status >= 500:
        raise UnexpectedResponse(f"{ENGINE_LABELS.get(engine, engine)} answered HTTP {status}")
    if status >= 400:
        raise UnexpectedResponse(f"{ENGINE_LABELS.get(engine, engine)} answered HTTP {status}")


def find_block_marker(html: str, result_markup: tuple[str, ...] = (),
                      *, text_markers: bool = True) -> str | None:
    """The challenge marker found in a page, if any (structural first, then visible text
    when the page carries none of `result_markup` and `text_markers` is true: a page that
    gave results is a result page, whatever its snippets say about captchas)."""
    low = html[:300_000].lower()
    for marker in STRUCTURAL_MARKERS:
        if marker.lower() in low:
            return marker
    if not text_markers or (result_markup and any(m.lower() in low for m in result_markup)):
        return None
    for marker in TEXT_MARKERS:
        if marker in low:
            return marker
    return None
