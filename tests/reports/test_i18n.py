"""Fixed strings: both languages complete, every status, reason, kind and request kind labelled."""

from __future__ import annotations

import string

import pytest

from audit.models import Confidence, Reason, Severity
from reports.i18n import (
    confidence_label,
    kind_label,
    request_kind_label,
    severity_label,
    strings,
    t,
)
from reports.view import KIND_ORDER

# The request kinds of issue 7 (audit.plan.model.REQUEST_KINDS when the plan is installed).
REQUEST_KINDS = ("delisting", "removal", "platform_report", "broker_optout", "authority")


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_the_same_keys_and_placeholders() -> None:
    en, fr = strings("en"), strings("fr")
    assert set(en) == set(fr)
    for key in en:
        assert fields(en[key]) == fields(fr[key]), key
        assert en[key].strip(), key
        assert fr[key].strip(), key


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_enum_and_kind_is_labelled(lang: str) -> None:
    for reason in Reason:
        assert f"hint_{reason.value}" in strings(lang)
    for sev in Severity:
        assert severity_label(sev, lang) != f"sev_{sev.label}"
    for conf in Confidence:
        assert confidence_label(conf, lang) != f"conf_{conf.label}"
    for kind in KIND_ORDER:
        assert "(" not in kind_label(kind, lang), kind
    for kind in REQUEST_KINDS:
        assert request_kind_label(kind, lang) != kind


def test_unknown_values_fall_back_readably() -> None:
    assert kind_label("new_kind", "en") == "Other findings (new_kind)"
    assert request_kind_label("fax", "fr") == "fax"
    assert t("de", "sec_plan") == "Action plan"
    assert t("fr", "minutes", n=5) == "environ 5 min"
