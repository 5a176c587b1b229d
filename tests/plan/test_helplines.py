"""First contacts per country: the emergency number and top helplines, with dialable links."""

from __future__ import annotations

import pytest

from audit.plan.helplines import dial_uri, first_contacts


@pytest.mark.parametrize(
    ("country", "emergency"),
    [("FR", "17"), ("GB", "999"), ("US", "911"), ("CA", "911"), ("CH", "117"), ("DE", "112")],
)
def test_each_country_gets_its_emergency_number_first(country: str, emergency: str) -> None:
    first = first_contacts(country, "en")
    assert first.emergency.number == emergency
    assert first.emergency.uri == f"tel:{emergency}"
    assert 1 <= len(first.helplines) <= 3


def test_france_lists_the_sms_line_and_main_helplines_in_french() -> None:
    first = first_contacts("FR", "fr")
    assert first.jurisdiction == "FR"
    sms = [c for c in first.others if c.sms_only]
    assert [c.uri for c in sms] == ["sms:114"]
    assert [h.number for h in first.helplines] == ["3018", "116 006", "3919"]
    assert first.helplines[1].uri == "tel:116006"
    assert "gratuit" in first.helplines[2].what or "anonyme" in first.helplines[2].what


def test_uk_helplines_are_uk_services_not_the_french_3018() -> None:
    first = first_contacts("GB", "en")
    assert first.jurisdiction == "UK"
    assert all("3018" not in (h.number or "") for h in first.helplines)


def test_dial_uri_keeps_digits_and_plus_only() -> None:
    assert dial_uri("1 866 658-9022") == "tel:18666589022"
    assert dial_uri("+44 808 802 1414") == "tel:+448088021414"
    assert dial_uri(None) is None
    assert dial_uri("see website") is None
