"""Deciding found / not found / could-not-tell from one answer (pure logic over HttpResponse)."""

from __future__ import annotations

import pytest

from audit.check import Blocked, RateLimited, UnexpectedResponse
from audit.net.model import HttpResponse
from checks.accounts.catalog import ProbeSpec, Signal, Site
from checks.accounts.detect import judge

HTML = {"content-type": "text/html; charset=utf-8"}


def site(present: Signal, absent: Signal, **kw) -> Site:
    return Site(
        key="demo", name="Demo", category="social",
        profile_url="https://demo.example/{username}",
        probe=ProbeSpec(url="https://demo.example/{username}"),
        present=present, absent=absent, **kw,
    )


def resp(status: int, body: str = "<html><body>page</body></html>", headers=None,
         url: str = "https://demo.example/alice", redirects: tuple[str, ...] = ()) -> HttpResponse:
    return HttpResponse(url=url, status=status, headers={**HTML, **(headers or {})},
                        body=body.encode(), redirects=redirects)


STATUS_SITE = site(Signal((200,)), Signal((404,)))
MARKER_SITE = site(Signal((200,), "profile-header"), Signal((200,), "No such user"))
REDIRECT_SITE = site(Signal((200,), "profile-header"), Signal((302,), None, "/notfound"))


def test_found_by_status() -> None:
    verdict = judge(STATUS_SITE, resp(200))
    assert verdict.found
    assert "HTTP 200" in verdict.signal


def test_absent_by_status() -> None:
    assert not judge(STATUS_SITE, resp(404)).found


def test_found_by_marker() -> None:
    verdict = judge(MARKER_SITE, resp(200, '<div class="profile-header">alice</div>'))
    assert verdict.found
    assert "profile-header" in verdict.signal


def test_absent_by_marker() -> None:
    assert not judge(MARKER_SITE, resp(200, "<p>No such user</p>")).found


def test_page_with_neither_marker_is_unexpected_not_a_guess() -> None:
    with pytest.raises(UnexpectedResponse, match="neither"):
        judge(MARKER_SITE, resp(200, "<p>maintenance</p>"))


def test_page_with_both_markers_is_unexpected() -> None:
    with pytest.raises(UnexpectedResponse, match="both"):
        judge(MARKER_SITE, resp(200, "profile-header No such user"))


def test_two_signals_both_required_for_presence() -> None:
    s = site(Signal((200,), "vcard"), Signal((404,)))
    assert judge(s, resp(200, "<span class='vcard'>x</span>")).found
    with pytest.raises(UnexpectedResponse):
        judge(s, resp(200, "<p>soft error page</p>"))


def test_redirect_absence_is_judged_on_the_redirect_itself() -> None:
    r = resp(302, "", {"location": "https://demo.example/notfound?u=alice"})
    assert not judge(REDIRECT_SITE, r).found
    other = resp(302, "", {"location": "https://demo.example/elsewhere"})
    with pytest.raises(UnexpectedResponse, match="redirect to"):
        judge(REDIRECT_SITE, other)


def test_more_specific_rule_wins_when_absence_is_status_only() -> None:
    # WhatsMyName entries with an empty m_string: "missing" is the same status without marker.
    s = site(Signal((200,), '"id":'), Signal((200,)))
    assert judge(s, resp(200, '{"id": 3}')).found
    assert not judge(s, resp(200, "[]")).found


def test_cloudflare_challenge_page_is_blocked_even_with_a_200() -> None:
    body = ("<html><head><title>Just a moment...</title></head><body>"
            "<script src='/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1'></script>"
            "</body></html>")
    with pytest.raises(Blocked):
        judge(STATUS_SITE, resp(200, body))
    with pytest.raises(Blocked):
        judge(STATUS_SITE, resp(403, body))


def test_cf_mitigated_header_is_blocked() -> None:
    with pytest.raises(Blocked, match="cf-mitigated"):
        judge(STATUS_SITE, resp(200, "<p>ok</p>", {"cf-mitigated": "challenge"}))


def test_429_is_rate_limited_with_retry_after() -> None:
    with pytest.raises(RateLimited) as info:
        judge(MARKER_SITE, resp(429, "slow down", {"retry-after": "120"}))
    assert info.value.retry_after == 120


@pytest.mark.parametrize("status", [401, 403, 503, 999])
def test_refusals_are_blocked_never_absent(status: int) -> None:
    with pytest.raises(Blocked):
        judge(STATUS_SITE, resp(status, "<p>no</p>"))


def test_empty_body_is_never_found() -> None:
    with pytest.raises((Blocked, UnexpectedResponse)):
        judge(STATUS_SITE, resp(200, ""))


def test_204_can_be_an_absence_signal() -> None:
    s = site(Signal((200,)), Signal((204,)))
    assert not judge(s, resp(204, "")).found


def test_login_wall_redirect_is_blocked() -> None:
    r = resp(302, "", {"location": "https://demo.example/accounts/login/?next=/alice"})
    with pytest.raises(Blocked, match="login"):
        judge(STATUS_SITE, r)


def test_followed_redirect_to_login_page_is_blocked() -> None:
    s = site(Signal((200,)), Signal((404,)))
    r = resp(200, "<form>password</form>", url="https://demo.example/login?next=%2Falice",
             redirects=("https://demo.example/alice",))
    with pytest.raises(Blocked):
        judge(s, r)


def test_captcha_page_matching_no_rule_is_blocked_not_unexpected() -> None:
    body = "<div class='g-recaptcha' data-sitekey='x'></div>"
    with pytest.raises(Blocked):
        judge(MARKER_SITE, resp(200, body))


@pytest.mark.parametrize(
    "body",
    [
        "<html><body><div id='px-captcha'></div></body></html>",
        "<script src='https://ct.captcha-delivery.com/c.js'></script>",
        "<title>DDoS-Guard</title>",
        "<p>Making sure you&#39;re not a bot!</p>",
    ],
)
def test_other_protection_pages_are_blocked(body: str) -> None:
    with pytest.raises(Blocked):
        judge(STATUS_SITE, resp(200, body))


def test_unexpected_status_is_unexpected() -> None:
    with pytest.raises(UnexpectedResponse):
        judge(STATUS_SITE, resp(410, "<p>gone</p>"))
