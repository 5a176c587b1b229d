"""Block detection runs before parsing and never turns a refusal into 'no results'."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit.check import Blocked, RateLimited, UnexpectedResponse
from audit.net.model import HttpResponse
from checks.search.backends import BraveAPI, DuckDuckGoHtml, Locale, MojeekAPI, SearXNG
from checks.search.blocks import check_response, find_block_marker

DATA = Path(__file__).parent / "data"


def resp(status: int, body: str, ctype: str = "text/html; charset=utf-8",
         **headers: str) -> HttpResponse:
    hdrs = {"content-type": ctype, **{k.lower().replace("_", "-"): v for k, v in headers.items()}}
    return HttpResponse("https://html.duckduckgo.com/html/", status, hdrs, body.encode())


def test_ddg_anomaly_page_with_202_is_blocked_with_next_steps() -> None:
    html = (DATA / "ddg_anomaly.html").read_text()
    with pytest.raises(Blocked) as info:
        DuckDuckGoHtml(Locale("en", "FR")).read(resp(202, html))
    detail = info.value.detail
    assert "202" in detail
    assert "not 'no results'" in detail
    assert "search links" in detail
    assert "--searxng-url" in detail


def test_ddg_anomaly_page_with_200_is_still_blocked() -> None:
    html = (DATA / "ddg_anomaly.html").read_text()
    with pytest.raises(Blocked, match="anomaly"):
        DuckDuckGoHtml(Locale("fr", "FR")).read(resp(200, html))


def test_block_advice_in_french() -> None:
    with pytest.raises(Blocked) as info:
        check_response("ddg-html", resp(403, "Forbidden"), "fr")
    assert "a refusé" in info.value.detail
    assert "mode manuel" in info.value.detail


def test_429_is_rate_limited_with_retry_after() -> None:
    with pytest.raises(RateLimited) as info:
        check_response("brave", resp(429, "{}", "application/json", retry_after="30"))
    assert info.value.retry_after == 30.0


def test_quota_message_in_api_answer_is_rate_limited() -> None:
    body = json.dumps({"response": {"status": "ERROR: Daily Limit Reached"}})
    with pytest.raises(RateLimited):
        MojeekAPI(Locale(), "k").read(resp(200, body, "application/json"))


def test_result_page_mentioning_captcha_is_not_a_block() -> None:
    html = (DATA / "ddg_html.html").read_text().replace(
        "Contact, projets", "How to solve a captcha, are you a robot? Contact, projets")
    page = DuckDuckGoHtml(Locale()).read(resp(200, html))
    assert len(page.hits) == 6


def test_captcha_text_without_results_markup_is_a_block() -> None:
    assert find_block_marker((DATA / "google_sorry.html").read_text()) is not None
    assert find_block_marker("<html>Please verify you are human</html>") == "verify you are human"
    assert find_block_marker((DATA / "bing.html").read_text(), ("b_algo",)) is None


def test_searxng_json_disabled_403_says_how_to_enable_it() -> None:
    backend = SearXNG(Locale(), "http://127.0.0.1:8888")
    with pytest.raises(Blocked, match=r"search\.formats"):
        backend.read(resp(403, "Forbidden"))


def test_searxng_with_all_upstreams_failing_is_blocked_not_empty() -> None:
    body = json.dumps({"query": "x", "results": [], "unresponsive_engines": [
        ["duckduckgo", "CAPTCHA"], ["google", "too many requests"]]})
    with pytest.raises(Blocked, match="duckduckgo, google"):
        SearXNG(Locale(), "http://127.0.0.1:8888").read(resp(200, body, "application/json"))


def test_searxng_partial_failures_are_noted() -> None:
    body = json.dumps({"query": "x", "results": [{"url": "https://a.example/", "title": "A",
                                                  "content": ""}],
                       "unresponsive_engines": [["google", "CAPTCHA"]]})
    page = SearXNG(Locale(), "http://127.0.0.1:8888").read(resp(200, body, "application/json"))
    assert [h.url for h in page.hits] == ["https://a.example/"]
    assert page.notes == ("upstream engines that failed: google",)


def test_searxng_empty_results_without_failures_is_no_results() -> None:
    body = json.dumps({"query": "x", "results": [], "unresponsive_engines": []})
    page = SearXNG(Locale(), "http://127.0.0.1:8888").read(resp(200, body, "application/json"))
    assert page.hits == ()
    assert page.said_no_results


def test_brave_bad_key_is_blocked_and_5xx_is_unexpected() -> None:
    backend = BraveAPI(Locale(), "secret-key")
    with pytest.raises(Blocked, match="key was refused"):
        backend.read(resp(401, "{}", "application/json"))
    with pytest.raises(UnexpectedResponse):
        backend.read(resp(503, "{}", "application/json"))


def test_unreadable_ddg_page_is_an_error_not_zero_results() -> None:
    with pytest.raises(UnexpectedResponse, match="layout"):
        DuckDuckGoHtml(Locale()).read(resp(200, "<html><body>new layout</body></html>"))
