"""Network side of `photos_web`: fetch pages through the core, list their images, download
each image with a size cap. Failures become per-page / per-image outcomes."""

from __future__ import annotations

from collections.abc import Sequence

from audit.blocks import classify_block
from audit.check import (
    Blocked,
    CheckContext,
    CheckFailure,
    RateLimited,
    UnexpectedResponse,
)
from audit.models import Outcome, Reason, Status
from audit.net.model import HttpRequest, Origin
from checks.photos.links import image_links
from checks.photos.texts import say

PAGE_BYTES = 2_000_000


def collect_images(
    ctx: CheckContext, pages: Sequence[Sequence[str]], max_images: int
) -> tuple[list[Outcome], list[str]]:
    """Outcomes for pages that failed or link no image, and the image URLs found."""
    outcomes: list[Outcome] = []
    urls: list[str] = []
    lang = ctx.subject.lang
    for url, origin in pages:
        try:
            resp = ctx.fetch(HttpRequest(url, max_bytes=PAGE_BYTES, origin=Origin(origin)))
        except CheckFailure as exc:
            outcomes.append(Outcome(Status.UNKNOWN, reason=exc.reason,
                                    detail=exc.detail or type(exc).__name__, target=url, url=url))
            continue
        verdict = classify_block(resp, url)
        if verdict is not None:
            outcomes.append(Outcome(Status.UNKNOWN, reason=verdict.reason, detail=verdict.detail,
                                    target=url, url=url))
            continue
        if resp.status != 200:
            outcomes.append(Outcome(Status.UNKNOWN, reason=Reason.UNEXPECTED_RESPONSE,
                                    detail=say(lang, "page_status", status=resp.status), target=url,
                                    url=url))
            continue
        ctype = resp.header("content-type").lower()
        if ctype.startswith("image/"):
            found = [resp.url]
        else:
            found = image_links(resp.text, resp.url, max_images)
        if not found:
            outcomes.append(Outcome(Status.NOT_FOUND, detail=say(lang, "no_images"),
                                    target=url, url=url))
        for img in found:
            if img not in urls and len(urls) < max_images:
                urls.append(img)
    return outcomes, urls


def fetch_image(ctx: CheckContext, url: str, cap: int) -> tuple[bytes, bool]:
    """(body, truncated) of one image; raises a `CheckFailure` for blocks and errors."""
    resp = ctx.fetch(HttpRequest(url, max_bytes=cap, origin=Origin.PAGE))
    if resp.status != 200 or not resp.body:
        verdict = classify_block(resp, url)
        if verdict is not None:
            raise _failure(verdict.reason, verdict.detail)
        raise UnexpectedResponse(f"image answered HTTP {resp.status}")
    return resp.body, resp.truncated


def _failure(reason: Reason, detail: str) -> CheckFailure:
    if reason is Reason.RATE_LIMITED:
        return RateLimited(detail)
    if reason is Reason.BLOCKED:
        return Blocked(detail)
    return UnexpectedResponse(detail)
