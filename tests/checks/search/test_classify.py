"""Scoring (is it about this person, and why) and classification of results."""

from __future__ import annotations

from audit.models import Subject
from checks.search.classify import categorise, score
from checks.search.serp import Hit
from checks.search.sites import find_people_site, people_sites

PERSONA = Subject(
    name="Camille Dufresne", former_names=("Camille Roux",),
    handles=("camdufresne", "velvetfox42"), emails=("camille.dufresne@example.org",),
    phones=("+33 6 39 98 12 34",), urls=("https://www.camille-dufresne.example/",),
    city="Lyon", country="FR", employer="Atelier Lumen", lang="fr",
)


def hit(url: str, title: str = "", snippet: str = "") -> Hit:
    return Hit(url, title, snippet, 1)


def test_name_in_title_with_city_and_phone_scores_high_with_reasons() -> None:
    about = score(PERSONA, hit(
        "https://www.pagesjaunes.fr/pagesblanches/x", "Dufresne Camille à Lyon 3e",
        "12 rue des Lilas, 69003 Lyon. Tél : 06 39 98 12 34."))
    assert about.is_about
    assert "name in title" in about.reasons
    assert "city Lyon" in about.reasons
    assert "your phone number" in about.reasons
    assert about.score >= 8


def test_handle_in_url_counts_and_accents_do_not_matter() -> None:
    about = score(PERSONA, hit("https://github.com/camdufresne", "camdufresne · GitHub", ""))
    assert "handle camdufresne in URL" in about.reasons
    assert about.is_about
    folded = score(PERSONA, hit("https://x.example/", "Camille DUFRESNE", ""))
    assert folded.reasons == ("name in title",)


def test_unrelated_page_is_not_about_the_person() -> None:
    about = score(PERSONA, hit("https://www.example.net/genealogie/dufresne",
                               "Généalogie de la famille Dufresne", "Origine du nom Dufresne"))
    assert not about.is_about
    assert about.score == 0


def test_name_glued_to_another_name_scores_lower() -> None:
    other = score(PERSONA, hit("https://x.example", "Camille Dufresne-Martin, avocate", ""))
    assert "name only as part of a longer name" in other.reasons
    assert not other.is_about
    same = score(PERSONA, hit("https://x.example", "Camille Dufresne - avocate", ""))
    assert same.is_about


def test_email_and_own_site() -> None:
    about = score(PERSONA, hit("https://www.camille-dufresne.example/contact", "Contact",
                               "Écrivez à camille.dufresne@example.org"))
    assert {"your email address", "your own site"} <= set(about.reasons)


def test_former_name_matches() -> None:
    assert score(PERSONA, hit("https://x.example", "Camille Roux - lycée", "")).is_about


def test_categories() -> None:
    cat = categorise(PERSONA, "https://www.camille-dufresne.example/a")
    assert cat.name == "own_site"
    cat = categorise(PERSONA, "https://www.pagesjaunes.fr/pagesblanches/recherche?x=1")
    assert (cat.name, cat.site_key) == ("directory", "pagesblanches")
    cat = categorise(PERSONA, "https://www.societe.com/dirigeant/camille-dufresne-8812.html")
    assert (cat.name, cat.site_key) == ("company_register", "societe_com")
    cat = categorise(PERSONA, "https://www.whitepages.com/name/Jane-Roe")
    assert (cat.name, cat.optout_url) == (
        "people_search", "https://www.whitepages.com/suppression_requests")
    cat = categorise(PERSONA, "https://github.com/camdufresne")
    assert (cat.name, cat.platform_key) == ("social_profile", "github")
    assert categorise(PERSONA, "https://www.leprogres.fr/culture/x").name == "news"
    assert categorise(PERSONA, "https://www.example.net/page").name == "other"
    # pagesjaunes.fr outside /pagesblanches is a business directory, not a person listing
    assert find_people_site("https://www.pagesjaunes.fr/annuaire/lyon/plombier") is None


def test_every_people_site_has_route_source_and_date() -> None:
    sites = people_sites()
    assert len({s.key for s in sites}) == len(sites)
    for site in sites:
        assert site.category in {"people_search", "directory", "company_register"}
        assert site.source_url.startswith("https://")
        assert len(site.verified) == 10
        assert site.verified.startswith("20")
        assert site.optout_url or site.optout_note.get("en")
        assert site.site_query.startswith("site:")
        assert site.country in {"FR", "US"}


def test_a_news_article_quoting_the_full_name_in_its_snippet_is_about_the_person() -> None:
    about = score(PERSONA, hit(
        "https://www.leprogres.fr/culture/2025/06/14/expo", "Expo photo nocturne à la Croix-Rousse",
        "La photographe Camille Dufresne expose ses balades de nuit jusqu'au 30 juin."))
    assert "full name in snippet" in about.reasons
    assert about.is_about
    reversed_order = score(PERSONA, hit("https://x.example/", "Résultats",
                                        "DUFRESNE Camille, 3e au classement"))
    assert reversed_order.is_about


def test_a_longer_name_in_the_snippet_is_a_homonym() -> None:
    about = score(PERSONA, hit("https://x.example/", "Résultats du marathon",
                               "Camille Dufresne-Martin termine 12e."))
    assert not about.is_about
