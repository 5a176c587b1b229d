"""Postal addresses: French and US street patterns with postal-code rules."""

from __future__ import annotations

import pytest

from checks.contacts.addresses import find_addresses, french_postal_code_ok, us_zip_ok


def _values(text: str) -> list[str]:
    return [a.value for a in find_addresses(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Adresse : 12 rue des Lilas, 69003 Lyon\nTél", "12 rue des Lilas, 69003 Lyon"),
        ("12 bis, avenue Jean-Jaurès 69007 Lyon.", "12 bis avenue Jean-Jaurès, 69007 Lyon"),
        ("3 impasse du Moulin – 44000 Nantes", "3 impasse du Moulin, 44000 Nantes"),
        ("8 bd du Port 80000 Amiens", "8 bd du Port, 80000 Amiens"),
        ("J'habite au 12 rue des Lilas, 69003 Lyon depuis 2019", "12 rue des Lilas, 69003 Lyon"),
        ("7 cours Napoléon, 20000 Ajaccio", "7 cours Napoléon, 20000 Ajaccio"),
        ("2 rue du Port, 97400 Saint-Denis", "2 rue du Port, 97400 Saint-Denis"),
        ("12 rue des Lilas<br>69003 Lyon".replace("<br>", "\n"), "12 rue des Lilas, 69003 Lyon"),
    ],
)
def test_french_addresses(text: str, expected: str) -> None:
    assert _values(text) == [expected]


def test_french_postal_code_rules() -> None:
    assert french_postal_code_ok("69003")
    assert french_postal_code_ok("20000")  # Corsica (2A/2B) uses 20xxx
    assert french_postal_code_ok("97400")  # La Réunion
    assert french_postal_code_ok("98000")  # Monaco
    assert not french_postal_code_ok("00123")
    assert not french_postal_code_ok("96000")
    assert not french_postal_code_ok("97900")
    assert _values("4 rue X, 00123 Nowhere") == []
    assert _values("Total 12345 Euros") == []


def test_us_addresses_with_state_zip_consistency() -> None:
    assert _values("1600 Amphitheatre Parkway, Mountain View, CA 94043") == [
        "1600 Amphitheatre Parkway, Mountain View, CA 94043"
    ]
    assert _values("350 Fifth Avenue, New York, NY 10118-0110") == [
        "350 Fifth Avenue, New York, NY 10118-0110"
    ]
    assert _values("350 Fifth Avenue, New York, CA 10118") == []
    assert us_zip_ok("TX", "75001")
    assert not us_zip_ok("TX", "95001")


def test_numbers_that_are_all_decimals_are_not_an_address() -> None:
    # coordinates and measures are skipped before any form is tried; whole numbers next to
    # commas, letters or line breaks are still house numbers and postal codes
    assert _values("exif GPS 48.85660, 2.35220 rue de Rivoli Paris") == []
    assert _values("near Lyon (0.5 km), 45.76048, 4.85213") == []
    assert _values("Rue de la Loi 16,1000 Bruxelles") == ["Rue de la Loi 16, 1000 Bruxelles"]
    assert _values("12 rue de Rivoli, 75001 Paris") == ["12 rue de Rivoli, 75001 Paris"]
    assert _values("Kornflur 5\n97332 Volkach") == ["Kornflur 5, 97332 Volkach"]
    assert _values("10 Downing Street, London SW1A 2AA") == ["10 Downing Street, London SW1A 2AA"]
