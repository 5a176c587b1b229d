"""Name variants (accents, hyphens, particles, order) and the query plan."""

from __future__ import annotations

from audit.models import Subject
from checks.search.queries import build_plan, phone_formats
from checks.search.variants import fold_to_ascii, match_key, name_variants, split_name


def texts(name: str, former: tuple[str, ...] = ()) -> list[str]:
    return [v.text for v in name_variants(name, former)]


def test_fold_removes_accents_ligatures_and_typographic_apostrophes() -> None:
    assert fold_to_ascii("Hélène Lœuvre") == "Helene Loeuvre"
    assert fold_to_ascii("Jean d’Alembert") == "Jean d'Alembert"
    assert fold_to_ascii("Straße") == "Strasse"
    assert match_key("  DUPONT,   Hélène ") == "dupont helene"


def test_accented_name_gets_a_folded_variant_and_plain_names_do_not_repeat() -> None:
    assert texts("Hélène Dupont")[:2] == ["Hélène Dupont", "Helene Dupont"]
    variants = texts("Camille Dufresne")
    assert variants == ["Camille Dufresne", "Dufresne Camille"]


def test_particles_start_the_surname_and_get_a_joined_form() -> None:
    assert split_name("Hélène de La Fontaine") == ("Hélène", "de La Fontaine")
    assert split_name("Jean-Pierre Le Goff") == ("Jean-Pierre", "Le Goff")
    assert "Hélène Delafontaine" in texts("Hélène de La Fontaine")
    assert "Jean-Pierre Legoff" in texts("Jean-Pierre Le Goff")
    assert "Marie Dalembert" in texts("Marie d’Alembert")


def test_hyphens_and_surname_first_order() -> None:
    variants = texts("Jean-Pierre Le Goff")
    assert "Jean Pierre Le Goff" in variants
    assert "Le Goff Jean-Pierre" in variants


def test_capitalised_surname_first_is_recognised() -> None:
    assert split_name("DUPONT Hélène") == ("Hélène", "Dupont")
    assert texts("DUPONT Hélène")[0] == "Hélène Dupont"


def test_former_names_are_variants_too() -> None:
    variants = name_variants("Camille Dufresne", ("Camille Roux",))
    former = [v for v in variants if "former" in v.why]
    assert [v.text for v in former] == ["Camille Roux", "Roux Camille"]


def test_phone_formats_french_and_us() -> None:
    assert phone_formats("+33 6 39 98 12 34", "FR") == [
        "06 39 98 12 34", "+33 6 39 98 12 34", "0639981234", "06.39.98.12.34"]
    us = phone_formats("+1 415 555 0100", "US")
    assert us[0] == "(415) 555-0100"
    assert "415.555.0100" in us
    assert phone_formats("not a phone", "FR") == ["not a phone"]


PERSONA = Subject(
    name="Camille Dufresne", former_names=("Camille Roux",),
    handles=("camdufresne", "velvetfox42"), emails=("camille.dufresne@example.org",),
    phones=("+33 6 39 98 12 34",), urls=("https://www.camille-dufresne.example/",),
    city="Lyon", country="FR", employer="Atelier Lumen", lang="fr",
)


def test_plan_is_ordered_by_value_and_each_query_has_a_purpose() -> None:
    plan = build_plan(PERSONA, {"email_queries": True, "phone_queries": True})
    first = [q.text for q in plan[:8]]
    assert first == [
        '"Camille Dufresne"',
        '"Camille Dufresne" Lyon',
        '"Camille Dufresne" "camdufresne"',
        '"Camille Dufresne" "velvetfox42"',
        '"camdufresne"',
        '"velvetfox42"',
        '"camille.dufresne@example.org"',
        '"06 39 98 12 34"',
    ]
    assert all(q.purpose for q in plan)
    assert [q.priority for q in plan] == sorted(q.priority for q in plan)
    by_text = {q.text: q for q in plan}
    assert by_text['"Camille Dufresne" Lyon'].sends == ("name", "city")
    assert '"Camille Dufresne" site:pagesjaunes.fr' in by_text
    assert '"Camille Dufresne" site:linkedin.com/in' in by_text
    assert '"Camille Dufresne" -site:www.camille-dufresne.example' in by_text
    assert '"Camille Roux"' in by_text
    assert '"Camille Dufresne" "Atelier Lumen"' in by_text
    # French subject: French people-data sites, not the US brokers
    assert not any("whitepages" in q.text for q in plan)
    assert len(by_text) == len(plan)  # no duplicates


def test_email_and_phone_go_to_engines_only_on_opt_in() -> None:
    sent = {s for q in build_plan(PERSONA) for s in q.sends}
    assert "email" not in sent
    assert "phone" not in sent
    opted = {s for q in build_plan(PERSONA, {"email_queries": True}) for s in q.sends}
    assert "email" in opted
    assert "phone" not in opted


def test_plan_opt_outs_win_over_opt_ins() -> None:
    plan = build_plan(PERSONA, {"email_queries": True, "phone_queries": True,
                                "no_email_queries": True, "no_phone_queries": True})
    sent = {s for q in plan for s in q.sends}
    assert "email" not in sent
    assert "phone" not in sent
    assert not any("@example.org" in q.text or "39 98" in q.text for q in plan)


def test_plan_for_a_handle_only_subject_and_no_site_queries() -> None:
    plan = build_plan(Subject(handles=("velvetfox42",), country="US"), {"site_queries": False})
    assert [q.text for q in plan] == ['"velvetfox42"']


def test_us_subject_gets_us_people_search_sites() -> None:
    plan = build_plan(Subject(name="Jane Roe", country="US"))
    assert any(q.site_key == "whitepages" for q in plan)
    assert not any(q.site_key == "pagesblanches" for q in plan)
