"""Phone numbers: matcher with the subject's region, strictness for strangers' numbers,
tel:/sms:/WhatsApp links, and the person's own number even in a fiction range."""

from __future__ import annotations

from checks.contacts.phones import find_phones, phone_from_link

MINE = "+33639981234"  # French fiction range: phonenumbers calls it "possible", not valid


def _values(text: str, known: tuple[str, ...] = (MINE,), region: str | None = "FR") -> list[str]:
    return [m.value for m in find_phones(text, region, known)]


def test_own_number_in_national_format() -> None:
    assert _values("Tél : 06 39 98 12 34") == [MINE]
    assert _values("appelez le 06.39.98.12.34") == [MINE]


def test_own_number_in_international_format_without_region() -> None:
    assert _values("+33 6 39 98 12 34", region=None) == [MINE]


def test_other_number_needs_a_phone_word_before_it() -> None:
    assert _values("Tél. 04 78 12 34 56") == ["+33478123456"]
    assert _values("ref 0478123456 ok") == []


def test_ids_and_sirens_are_not_numbers() -> None:
    assert _values("Matricule 0123456789") == []
    assert _values("SIREN 552100554") == []


def test_other_country_with_plus_prefix() -> None:
    assert _values("Phone: +1 650-253-0000") == ["+16502530000"]


def test_tel_link() -> None:
    found = phone_from_link("tel:0639981234", "FR", (MINE,))
    assert found is not None
    assert (found.value, found.method) == (MINE, "tel_link")


def test_sms_link_drops_the_body() -> None:
    found = phone_from_link("sms:+33612345678?body=hello", "FR")
    assert found is not None
    assert found.value == "+33612345678"


def test_wa_me_link() -> None:
    found = phone_from_link("https://wa.me/33639981234", "FR", (MINE,))
    assert found is not None
    assert (found.value, found.method) == (MINE, "wa_link")


def test_whatsapp_api_link() -> None:
    found = phone_from_link("https://api.whatsapp.com/send?phone=33612345678", "FR")
    assert found is not None
    assert found.value == "+33612345678"


def test_non_phone_links_and_invalid_numbers() -> None:
    assert phone_from_link("https://example.org/", "FR") is None
    assert phone_from_link("tel:12", "FR") is None
    assert phone_from_link("tel:0639981234", "FR") is None  # fiction range, not the person's
