"""Each result-page parser on saved pages written for these tests, and engine detection."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.search.serp import (
    detect_engine,
    parse_bing,
    parse_ddg_html,
    parse_ddg_lite,
    parse_google,
    parse_qwant,
    parse_saved,
    parse_startpage,
)

DATA = Path(__file__).parent / "data"


def page(name: str) -> str:
    return (DATA / name).read_text("utf-8")


def test_ddg_html_results_unwrapped_and_ads_skipped() -> None:
    parsed = parse_ddg_html(page("ddg_html.html"))
    urls = [h.url for h in parsed.hits]
    assert urls[0] == "https://www.camille-dufresne.example/?utm_source=ddg"
    assert "https://github.com/camdufresne" in urls
    assert not any("y.js" in u or "peoplefinder" in u for u in urls)
    assert len(parsed.hits) == 6
    assert [h.rank for h in parsed.hits] == [1, 2, 3, 4, 5, 6]
    listing = parsed.hits[2]
    assert listing.title == "Dufresne Camille à Lyon 3e - Pages Blanches"
    assert "12 rue des Lilas" in listing.snippet
    assert parsed.query == '"Camille Dufresne"'
    assert not parsed.looks_broken


def test_ddg_html_no_results_page_says_so() -> None:
    parsed = parse_ddg_html(page("ddg_html_noresults.html"))
    assert parsed.hits == ()
    assert parsed.said_no_results
    assert not parsed.looks_broken


def test_ddg_html_parser_on_an_unknown_layout_looks_broken() -> None:
    parsed = parse_ddg_html("<html><body><div id='main'>Something else</div></body></html>")
    assert parsed.looks_broken


def test_ddg_lite_rows_and_snippets() -> None:
    parsed = parse_ddg_lite(page("ddg_lite.html"))
    assert [h.url for h in parsed.hits] == [
        "https://mastodon.social/@velvetfox42", "https://www.reddit.com/user/velvetfox42/"]
    assert parsed.hits[0].snippet == "photos & night walks in Lyon"
    assert parsed.query == '"velvetfox42"'


def test_google_results_skip_ads_and_unwrap_url_q() -> None:
    parsed = parse_google(page("google.html"))
    assert [h.url for h in parsed.hits] == [
        "https://www.pagesjaunes.fr/pagesblanches/recherche?quoiqui=dufresne&ou=lyon",
        "https://www.linkedin.com/in/camille-dufresne-lumen?trk=public_profile",
        "https://www.lyon-meteo.example/previsions",
    ]
    assert "12 rue des Lilas" in parsed.hits[0].snippet
    assert parsed.query == '"Camille Dufresne" Lyon'


def test_bing_results_decode_ck_links() -> None:
    parsed = parse_bing(page("bing.html"))
    assert [h.url for h in parsed.hits] == [
        "https://github.com/camdufresne", "https://gitlab.com/camdufresne"]
    assert parsed.hits[0].snippet.startswith("Camille Dufresne.")


def test_qwant_results() -> None:
    parsed = parse_qwant(page("qwant.html"))
    assert parsed.hits[0].url == "https://www.camille-dufresne.example/contact"
    assert parsed.hits[0].title == "Contact — Camille Dufresne"
    assert "camille.dufresne@example.org" in parsed.hits[1].snippet


def test_startpage_results() -> None:
    parsed = parse_startpage(page("startpage.html"))
    assert parsed.hits[0].url == "https://www.copainsdavant.linternaute.com/p/camille-roux-4812"
    assert parsed.hits[0].snippet.startswith("Camille Roux, lycée Ampère")
    assert parsed.query == '"Camille Roux"'


@pytest.mark.parametrize(
    ("name", "engine"),
    [
        ("ddg_html.html", "ddg-html"),
        ("ddg_html_noresults.html", "ddg-html"),
        ("ddg_lite.html", "ddg-lite"),
        ("google.html", "google"),
        ("bing.html", "bing"),
        ("qwant.html", "qwant"),
        ("startpage.html", "startpage"),
    ],
)
def test_engine_is_detected_from_content(name: str, engine: str) -> None:
    assert detect_engine(page(name)) == engine
    parsed = parse_saved(page(name))
    assert parsed is not None
    assert parsed.engine == engine


def test_unknown_page_is_not_parsed() -> None:
    assert parse_saved("<html><body>hello</body></html>") is None
