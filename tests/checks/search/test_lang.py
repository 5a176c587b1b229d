"""The search check writes listing titles, query purposes and details in the subject's
language (fr / en), with the same fingerprints in both; web page titles are left as they are."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from audit.models import Finding
from audit.sandbox import Sandbox, World
from checks.search import demo as demo_search
from checks.search.queries import build_plan
from checks.search.texts import why
from tests.checks.search.test_sandbox import PERSONA, by_target, scan


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    world = World()
    demo_search.add_to(world)
    with Sandbox(world) as sb:
        yield sb


def _findings(report: object) -> dict[tuple[str, str], Finding]:
    return {(f.kind, f.fingerprint): f for f in report.findings()}  # type: ignore[attr-defined]


def test_titles_and_details_follow_the_subject_language(sandbox: Sandbox) -> None:
    en_report = scan(sandbox, dataclasses.replace(PERSONA, lang="en"), max_queries=2)
    fr_report = scan(sandbox, dataclasses.replace(PERSONA, lang="fr"), max_queries=2)
    en, fr = _findings(en_report), _findings(fr_report)
    assert en.keys() == fr.keys()  # same fingerprints in both languages
    listings = [k for k in en if k[0] == "listing"]
    assert listings
    for key in listings:
        assert en[key].title.startswith("Listed on ")
        assert fr[key].title.startswith("Vous apparaissez sur ")
        assert en[key].data == fr[key].data
    for key in en:
        if key[0] == "search_result":
            assert en[key].title == fr[key].title  # the page's own title
    first_en = by_target(en_report)['"Camille Dufresne"'].detail
    first_fr = by_target(fr_report)['"Camille Dufresne"'].detail
    assert first_en.endswith("about you. Purpose: your name as written.")
    assert first_fr.endswith("vous concernant. But : votre nom tel qu'il s'écrit.")
    assert by_target(en_report)["(search budget)"].detail.endswith(
        "(raise it with --max-queries).")
    assert by_target(fr_report)["(search budget)"].detail.endswith(
        "(augmentez-la avec --max-queries).")


def test_query_purposes_are_written_in_the_subject_language() -> None:
    en = {q.text: q.purpose for q in build_plan(dataclasses.replace(PERSONA, lang="en"))}
    fr = {q.text: q.purpose for q in build_plan(dataclasses.replace(PERSONA, lang="fr"))}
    assert en.keys() == fr.keys()  # the searches themselves do not change
    assert en['"camdufresne"'] == "the handle camdufresne on its own"
    assert fr['"camdufresne"'] == "le pseudo camdufresne seul"
    assert fr['"Camille Roux"'] == "variante du nom : ancien nom"
    assert why("fr", "accents folded (former name Camille Roux)") == (
        "sans accents (ancien nom Camille Roux)")
    assert why("en", "accents folded") == "accents folded"
