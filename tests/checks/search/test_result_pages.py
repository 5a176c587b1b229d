"""A result whose snippet names the person only partly is opened, and the full name in its
page counts (issue 14), with the usual care for homonyms; against the loopback sandbox."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest

from audit.models import ScanReport, Status, Subject
from audit.plugins import Registry
from audit.sandbox import Sandbox, World
from audit.sandbox.demo import DEMO_SUBJECT_KWARGS
from audit.scan.runner import Scanner
from audit.settings import Settings
from checks.search.classify import score, score_page, worth_opening
from checks.search.demo import DDG_HTML, ddg_html_page
from checks.search.pages import page_text, pages_allowed
from checks.search.serp import Hit

PERSONA = Subject(**DEMO_SUBJECT_KWARGS)  # Camille Dufresne, Lyon, Atelier Lumen
QUERY = '"Camille Dufresne"'

# A regional news article: the name is only in the address, the snippet says "une photographe".
ARTICLE = "https://www.leprogres.fr/culture/2025/06/14/camille-dufresne-expose-ses-nuits"
ARTICLE_HIT = (ARTICLE, "Expo : les nuits lyonnaises en noir et blanc",
               "Jusqu'au 30 juin, une photographe expose ses balades nocturnes à la Croix-Rousse.")
ARTICLE_PAGE = (
    "<!doctype html><html lang=fr><head><title>Expo : les nuits lyonnaises</title>"
    "<script>var dataLayer = {author: 'Camille Dufresne-Martin'};</script></head><body>"
    "<nav>Lyon | Villeurbanne | Culture</nav><article><h1>Les nuits lyonnaises en noir et "
    "blanc</h1><p>La photographe <strong>Camille Dufresne</strong>, installée à Lyon depuis "
    "dix ans, expose ses balades de nuit à la mairie du 4e jusqu'au 30 juin.</p></article>"
    "</body></html>")
# A homonym: the page names a Camille Dufresne-Martin, never Camille Dufresne alone.
HOMONYM = "https://www.ouest-france.fr/bretagne/2024/03/02/camille-dufresne-martin-avocate"
HOMONYM_HIT = (HOMONYM, "Rennes : une avocate élue bâtonnière",
               "Le barreau de Rennes a élu sa nouvelle bâtonnière pour deux ans.")
HOMONYM_PAGE = ("<html><body><article><p>Maître Camille Dufresne-Martin, avocate au barreau "
                "de Rennes, a été élue.</p></article></body></html>")
# A page that refuses the tool.
REFUSING = "https://www.lyoncapitale.fr/culture/camille-dufresne-portrait"
REFUSING_HIT = (REFUSING, "Portrait d'une photographe de nuit", "Rencontre à la Croix-Rousse.")


def _hit(result: tuple[str, str, str]) -> Hit:
    return Hit(result[0], result[1], result[2], 1)


def test_a_result_named_only_in_its_address_is_worth_opening_and_its_page_decides() -> None:
    about = score(PERSONA, _hit(ARTICLE_HIT))
    assert about.reasons == ("name in URL",)
    assert not about.is_about
    assert worth_opening(about)
    text = page_text(ARTICLE_PAGE)
    assert "dataLayer" not in text  # script text is not page text
    read = score_page(PERSONA, about, text)
    assert read.is_about
    assert {"full name in the page", "city Lyon in the page"} <= set(read.reasons)


def test_a_page_naming_only_a_longer_name_is_a_homonym() -> None:
    about = score(PERSONA, _hit(HOMONYM_HIT))
    assert worth_opening(about)
    read = score_page(PERSONA, about, page_text(HOMONYM_PAGE))
    assert not read.is_about
    assert "name in the page only as part of a longer name" in read.reasons


def test_what_is_not_opened_and_a_page_without_the_name() -> None:
    nothing = score(PERSONA, Hit("https://x.example/", "Résultats", "Rien à voir.", 1))
    assert not worth_opening(nothing)  # score 0: nothing names the person
    glued = score(PERSONA, Hit("https://x.example/camille-dufresne-martin", "Camille "
                               "Dufresne-Martin", "", 1))
    assert not worth_opening(glued)
    about = score(PERSONA, _hit(ARTICLE_HIT))
    assert score_page(PERSONA, about, "Une photographe expose à Lyon.") == about
    assert pages_allowed({"fetch_results": False}) == 0
    assert pages_allowed({}) == 4
    assert pages_allowed({"result_pages": "2"}) == 2


# -- end to end -------------------------------------------------------------------------------
@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    world = World()
    world.page(DDG_HTML, ddg_html_page("", []), method="POST")
    world.page(DDG_HTML, ddg_html_page(QUERY, [ARTICLE_HIT, HOMONYM_HIT, REFUSING_HIT]),
               method="POST", match_body=urlencode({"q": QUERY}) + "&")
    world.page(ARTICLE, ARTICLE_PAGE, headers={"Content-Type": "text/html; charset=utf-8"})
    world.page(HOMONYM, HOMONYM_PAGE, headers={"Content-Type": "text/html; charset=utf-8"})
    world.challenge(REFUSING)
    with Sandbox(world) as sb:
        yield sb


def _scan(sb: Sandbox, **options: Any) -> ScanReport:
    from checks.search.check import SearchCheck

    registry = Registry()
    registry.add_check(SearchCheck)
    settings = Settings(
        proxy=sb.proxy_url, ca_bundle=str(sb.ca_path), trust_env=False, timeout=5.0,
        deadline=60.0, retries=0,
        check_options={"search": {"pace_s": 0, "max_queries": 1, **options}})
    return Scanner(registry, settings).run(PERSONA)


def _reported(report: ScanReport) -> dict[str, Any]:
    return {f.data["url"]: f.data for f in report.findings() if f.kind == "search_result"}


def test_the_article_is_reported_after_its_page_was_read(sandbox: Sandbox) -> None:
    report = _scan(sandbox)
    (result,) = [r for r in report.results if r.target == QUERY]
    assert result.status is Status.FOUND
    reported = _reported(report)
    assert set(reported) == {ARTICLE}
    assert "full name in the page" in reported[ARTICLE]["about_subject"]["reasons"]
    opened = [r for r in sandbox.log if r.method == "GET"]
    assert {r.url for r in opened} == {ARTICLE, HOMONYM, REFUSING}
    # the page requests carry the address the engine gave, nothing else of the person's
    assert all(r.body == b"" for r in opened)
    assert not any(v in str(dict(r.headers)) for r in opened
                   for v in ("Dufresne", "velvetfox42", "camdufresne", "example.org"))


def test_no_fetch_results_opens_nothing_and_the_budget_is_kept(sandbox: Sandbox) -> None:
    sandbox.log.clear()
    report = _scan(sandbox, fetch_results=False)
    assert _reported(report) == {}
    assert [r for r in sandbox.log if r.method == "GET"] == []
    sandbox.log.clear()
    _scan(sandbox, result_pages=1)
    assert [r.url for r in sandbox.log if r.method == "GET"] == [ARTICLE]
