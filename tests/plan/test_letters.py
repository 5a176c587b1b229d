"""Letters: both languages, every kind, placeholders only for what the tool cannot know."""

from __future__ import annotations

from string import Template

import pytest

from audit.plan import build_plan, letters
from audit.plan.letter_templates import LETTERS
from audit.store.planjson import plan_to_dict
from tests.plan.persona import report

URLS = ["https://forum.example.net/t/42 (phone number)", "https://x.example/a"]


@pytest.mark.parametrize("kind", letters.LETTER_KINDS)
def test_each_letter_takes_the_same_values_in_both_languages(kind: str) -> None:
    """A value the French letter uses and the English one forgets (or the reverse) would be
    missing from one language's letters."""
    assert LETTERS.mismatched() == {}
    assert letters.PLACEHOLDERS.mismatched() == {}
    en, fr = (set(Template(LETTERS(lang, kind)).get_identifiers()) for lang in ("en", "fr"))
    assert en == fr
    assert "items" in en


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("kind", letters.LETTER_KINDS)
def test_each_letter_renders_without_template_syntax(kind: str, lang: str) -> None:
    text = letters.render(
        kind,
        lang,
        {
            "recipient": "Example",
            "name": "Camille Dufresne",
            "email": "c@example.org",
            "authority": "CNIL",
            "controller": "Example",
        },
        URLS,
    )
    assert not letters.leftover_syntax(text)
    assert "$" not in text
    assert "{" not in text
    assert "}" not in text
    assert "- https://forum.example.net/t/42 (phone number)" in text
    assert letters.PLACEHOLDERS(lang, "signature") in text
    assert "Camille Dufresne" in text
    assert letters.PLACEHOLDERS(lang, "name") not in text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_unknown_values_become_person_placeholders(lang: str) -> None:
    text = letters.render("erasure", lang, {"recipient": "x"}, URLS)
    for key in ("name", "email", "date", "signature", "recipient_address"):
        assert letters.PLACEHOLDERS(lang, key) in text
    assert not letters.leftover_syntax(text)


def test_letters_are_in_the_persons_language() -> None:
    fr = letters.render("erasure", "fr", {}, URLS)
    en = letters.render("erasure", "en", {}, URLS)
    assert "Madame, Monsieur" in fr
    assert "[votre signature]" in fr
    assert "un mois" in fr
    assert "Dear Sir or Madam," in en
    assert "Yours faithfully" in en
    assert "[your signature]" in en
    assert "one month" in en


def test_web_text_with_template_syntax_is_left_alone() -> None:
    text = letters.render("delisting", "en", {"name": "$name {x}"}, ["https://e.example/{{a}}"])
    assert "https://e.example/{{a}}" in text
    assert "$name {x}" in text


def test_leftover_detector_catches_template_syntax() -> None:
    for bad in ("Hello $name", "Hi {{ name }}", "{% if %}", "Dear {name}", "x ${y}"):
        assert letters.leftover_syntax(bad), bad
    assert not letters.leftover_syntax("[your signature] costs 5 $ and [date]")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_plan_letters_have_no_missing_placeholders(lang: str) -> None:
    plan = plan_to_dict(build_plan(report(name=None), lang))
    letters_ = [r["letter"] for r in plan["requests"] if r["letter"]]
    assert letters_
    for text in letters_:
        assert not letters.leftover_syntax(text)
        assert letters.PLACEHOLDERS(lang, "name") in text
