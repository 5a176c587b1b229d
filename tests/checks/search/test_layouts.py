"""The result readers on one page per layout generation, written here in the shape of real
saved pages (Google 2009 / 2015 / mobile / no-JS, Bing 2010, DuckDuckGo 2015, Qwant 2016 lite
and 2021), plus the structural rules: the engine's own links are not results, a word in a
snippet or in translation data decides nothing, and a page read as 0 results while it links
out is an unexpected page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checks.search.cli import search_group
from checks.search.serp import detect_engine, parse_saved

DATA = Path(__file__).parent / "data" / "layouts"


def read(name: str) -> str:
    return (DATA / name).read_text("utf-8")


@pytest.mark.parametrize(
    ("name", "engine", "urls"),
    [
        ("google_2009.html", "google", [
            "http://www.camille-dufresne.example/", "http://forum.example.com/t/lyon-photo-walk/221",
            "http://annuaire.example.fr/dufresne-camille"]),
        ("google_2015.html", "google", [
            "https://github.com/camdufresne", "https://www.flickr.com/photos/camdufresne/"]),
        ("google_mobile.html", "google", [
            "https://www.linkedin.com/in/camille-dufresne-lumen",
            "https://www.camille-dufresne.example/contact"]),
        ("google_nojs.html", "google", [
            "https://mastodon.social/@velvetfox42", "https://www.reddit.com/user/velvetfox42/"]),
        ("bing_2010.html", "bing", [
            "http://www.camille-dufresne.example/", "http://www.flickr.com/photos/camdufresne/"]),
        ("ddg_2015.html", "ddg-html", [
            "http://www.camille-dufresne.example/", "https://twitter.com/camdufresne"]),
        ("qwant_2016.html", "qwant", [
            "https://www.camille-dufresne.example/",
            "https://www.linkedin.com/in/camille-dufresne-lumen"]),
        ("qwant_2021.html", "qwant", [
            "https://www.camille-dufresne.example/",
            "https://copainsdavant.linternaute.com/p/camille-roux-4812"]),
    ],
)
def test_each_layout_generation_is_read(name: str, engine: str, urls: list[str]) -> None:
    html = read(name)
    assert detect_engine(html) == engine
    page = parse_saved(html)
    assert page is not None
    assert [h.url for h in page.hits] == urls
    assert all(h.title for h in page.hits)
    assert not page.looks_broken


def test_titles_and_snippets_come_from_the_result_block() -> None:
    page = parse_saved(read("google_2009.html"))
    assert page is not None
    first = page.hits[0]
    assert first.title == "Camille Dufresne - photographe"
    assert first.snippet.startswith("Portraits et balades nocturnes")
    mobile = parse_saved(read("google_mobile.html"))
    assert mobile is not None
    assert mobile.hits[0].title == "Camille Dufresne - Atelier Lumen | LinkedIn"
    assert "Photographe" in mobile.hits[0].snippet
    ddg = parse_saved(read("ddg_2015.html"))
    assert ddg is not None
    assert ddg.hits[1].snippet.startswith("The latest Tweets")
    qwant = parse_saved(read("qwant_2021.html"))
    assert qwant is not None
    assert qwant.hits[1].snippet == "Camille Roux, lycée Ampère, promotion 2009."


def test_the_engines_own_links_and_ads_are_not_results() -> None:
    for name in ("google_mobile.html", "google_2015.html", "google_nojs.html", "bing_2010.html",
                 "qwant_2021.html", "ddg_2015.html"):
        page = parse_saved(read(name))
        assert page is not None
        for hit in page.hits:
            for word in ("google.", "bing.com", "peoplefinder", "msn.com"):
                assert word not in hit.url, (name, hit.url)


def test_a_page_that_links_out_but_reads_as_nothing_is_unexpected_not_no_results() -> None:
    page = parse_saved(read("qwant_unreadable.html"))
    assert page is not None
    assert page.hits == ()
    # "No results found" is in the page's translation data, not on the page
    assert not page.said_no_results
    assert page.external_links == 2
    assert page.looks_broken


def test_import_reads_a_result_page_whose_snippets_talk_about_captchas(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("google_captcha_word.html", "qwant_unreadable.html"):
        (tmp_path / name).write_text(read(name), "utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(search_group, [
        "import", "-f", "json", "--name", "Camille Dufresne", "--handle", "camdufresne",
        "google_captcha_word.html", "qwant_unreadable.html"])  # relative paths
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    report = json.loads(result.output[result.output.index("{"):])
    by_target = {r["target"]: r for r in report["results"]}
    google = next(r for t, r in by_target.items() if "captcha" in t)
    assert google["status"] == "found"
    titles = [f["title"] for f in google["findings"]]
    assert "camdufresne/captcha-solver · GitHub" in titles
    unreadable = by_target["qwant_unreadable.html"]
    assert unreadable["status"] == "unknown"
    assert unreadable["reason"] == "unexpected_response"
