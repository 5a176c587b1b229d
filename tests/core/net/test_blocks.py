"""Block recognition comes before any site rule: refusals are never answers."""

from __future__ import annotations

from types import MappingProxyType

import pytest

from audit.blocks import classify_block
from audit.models import Reason
from audit.net.model import HttpResponse


def resp(
    status=200, body=b"<html>profile</html>", headers=None, url="https://s.test/u", redirects=()
):
    return HttpResponse(
        url=url,
        status=status,
        headers=MappingProxyType(headers or {}),
        body=body,
        redirects=redirects,
    )


@pytest.mark.parametrize(
    ("response", "reason"),
    [
        (resp(429, headers={"retry-after": "30"}), Reason.RATE_LIMITED),
        (resp(403), Reason.BLOCKED),
        (resp(503), Reason.BLOCKED),
        (resp(200, headers={"cf-mitigated": "challenge"}), Reason.BLOCKED),
        (resp(403, b"<title>Just a moment...</title>"), Reason.BLOCKED),
        (resp(404, b'<div class="g-recaptcha"></div>'), Reason.BLOCKED),
        (resp(404, b"<script src='https://geo.captcha-delivery.com/x.js'>"), Reason.BLOCKED),
        (resp(200, b""), Reason.UNEXPECTED_RESPONSE),
        (
            resp(200, url="https://s.test/login?next=/u", redirects=("https://s.test/u",)),
            Reason.BLOCKED,
        ),
    ],
)
def test_refusals_are_recognised(response, reason):
    verdict = classify_block(response, "https://s.test/u")
    assert verdict is not None
    assert verdict.reason is reason
    assert verdict.detail


def test_a_captcha_widget_on_an_ordinary_page_is_not_a_block():
    assert classify_block(resp(200, b'<form><div class="g-recaptcha"></div></form>')) is None


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "soon", ""])
def test_odd_retry_after_values_are_ignored(value):
    from audit.blocks import parse_retry_after

    assert parse_retry_after(value) is None


def test_retry_after_is_parsed():
    assert classify_block(resp(429, headers={"retry-after": "30"})).retry_after == 30.0


@pytest.mark.parametrize("status", [200, 404, 410, 301])
def test_ordinary_answers_are_not_blocks(status):
    assert classify_block(resp(status, b"<html>a page about captcha-free cats</html>")) is None
