"""`audit.i18n.Messages`, the one translation mechanism, and every table that uses it."""

from __future__ import annotations

import importlib
import string

import pytest

from audit.i18n import Messages

SAY = Messages({"hello": "Hello {name}", "plain": "50% {raw}", "only_en": "English"},
               {"hello": "Bonjour {name}", "plain": "50 % {raw}"})


def test_french_for_fr_english_otherwise_and_english_when_french_lacks_it() -> None:
    assert SAY("fr", "hello", name="Camille") == "Bonjour Camille"
    assert SAY("en", "hello", name="Camille") == "Hello Camille"
    assert SAY("de", "hello", name="Camille") == "Hello Camille"
    assert SAY("fr", "only_en") == "English"


def test_without_fields_the_template_is_returned_as_written() -> None:
    assert SAY("fr", "plain") == "50 % {raw}"


def test_unknown_ids_are_refused_and_membership_is_by_english_id() -> None:
    with pytest.raises(KeyError):
        SAY("en", "nope")
    assert "hello" in SAY
    assert "nope" not in SAY


def test_mismatched_names_what_a_language_lacks() -> None:
    assert SAY.mismatched() == {"fr": ["only_en"]}
    assert Messages({"a": "x"}, {"a": "y"}).mismatched() == {}


def test_tables_load_from_a_package_resource() -> None:
    messages = Messages.from_resource("reports", "strings.json")
    assert messages("fr", "map_west") == "O"
    assert messages("en", "map_west") == "W"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


TABLES = [
    ("audit.render", "LABELS"),
    ("reports.table", "_T"),
    ("checks.accounts.texts", "say"),
    ("checks.accounts.manual", "_ADVICE"),
    ("checks.contacts.texts", "say"),
    ("checks.links.texts", "say"),
    ("checks.search.texts", "say"),
    ("audit.plan.texts", "say"),
    ("audit.plan.letter_templates", "LETTERS"),
    ("audit.plan.letters", "PLACEHOLDERS"),
    ("audit.plan.texts_regimes", "REGIMES"),
]


@pytest.mark.parametrize(("module", "name"), TABLES)
def test_every_table_has_both_languages_with_the_same_fields(module: str, name: str) -> None:
    messages = getattr(importlib.import_module(module), name)
    assert isinstance(messages, Messages)
    assert messages.mismatched() == {}
    for msg_id, text in messages.en.items():
        assert _fields(text) == _fields(messages.fr[msg_id]), msg_id
