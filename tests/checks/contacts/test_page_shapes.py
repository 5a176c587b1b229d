"""Contact details on pages written here in the shapes real pages take: a German imprint,
a Swiss and a Belgian contact page, US, UK and Canadian footers, structured addresses of an
organisation, phone icons, handles after a space, and links that do not parse."""

from __future__ import annotations

import pytest

from checks._common.page import parse_page, region_hint
from checks.contacts.addresses import find_addresses
from checks.contacts.extract import Known, extract_details

IMPRINT = """<!doctype html><html lang="de"><head><title>Impressum</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization",
"name":"Muster Werkstatt GmbH","address":{"@type":"PostalAddress","streetAddress":"Hauptplatz 3",
"postalCode":"8010","addressLocality":"Graz","addressCountry":"AT"}}</script></head><body>
<h1>Impressum</h1><p>Muster Werkstatt GmbH<br>Musterstraße 12<br>89073 Ulm</p>
<p>Fon: 0731 / 153 87-0<br>Fax 0731 / 153 87-99</p>
<p><i class="fa fa-mobile-phone"></i> 0171 1234567</p>
<p>Instagram @muster.werkstatt.de · <a href="mailto:info [@] gmail.com">Mail</a>
<a href="http://[ccpa-preferences]">Do not sell my data</a>
<a href="mailto:info@muster.example">info@muster.example</a></p>
<div itemscope itemtype="https://schema.org/PostalAddress">
<span itemprop="streetAddress">1 Main St</span>
<span itemprop="addressLocality">Boston</span> <span itemprop="addressRegion">MA</span>
<span itemprop="postalCode">02108</span></div>
</body></html>"""


def _details(html: str, url: str = "https://www.muster.de/impressum",
             known: Known | None = None) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for d in extract_details(parse_page(url, html), known or Known()):
        out.setdefault(d.type, []).append(d.value)
    return out


def test_a_german_imprint_is_read_whole_despite_odd_links() -> None:
    found = _details(IMPRINT)
    assert "+49731153870" in found["phone"]  # switchboard "153 87-0", after "Fon"
    assert "+491711234567" in found["phone"]  # after a phone icon
    assert found["email"] == ["info@muster.example"]  # not "instagram@muster.werkstatt.de"
    assert "Musterstraße 12, 89073 Ulm" in found["address"]
    assert "Hauptplatz 3, 8010 Graz" in found["address"]  # an organisation's PostalAddress
    assert any("1 Main St" in a and "MA 02108" in a for a in found["address"])  # microdata


def test_numbers_are_read_in_the_pages_country_without_a_hint_from_the_person() -> None:
    html = "<html lang='fr'><body><p>Tél. : 04 76 12 34 56</p></body></html>"
    assert _details(html, "https://agence.example.com/contact")["phone"] == ["+33476123456"]
    assert region_hint("https://www.muster.de/") == "DE"
    assert region_hint("https://x.example/", "de-CH") == "CH"
    assert region_hint("https://x.example/", "") is None


def test_the_persons_own_number_is_recognised_in_any_format() -> None:
    known = Known(phones=frozenset({"+33639981234"}), region="FR")
    html = "<html><body><p>Appelez le 06.39.98.12.34 ou le +33 (0)6 39 98 12 34</p></body></html>"
    found = _details(html, "https://blog.example.org/", known)
    assert found["phone"] == ["+33639981234"]


def test_a_bare_reference_number_or_a_date_is_not_a_phone() -> None:
    html = "<html><body><p>Commande n° de suivi 0612345678 expédiée le 3 mai</p></body></html>"
    assert "phone" not in _details(html, "https://shop.example.fr/")
    html = "<html lang='de'><body><p>weiter lesen</p><p>04.10.2016</p></body></html>"
    assert "phone" not in _details(html, "https://fraktion.example.de/")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Bahnhofstrasse 1 · CH-8001 Zürich", "Bahnhofstrasse 1, CH-8001 Zürich"),
        ("Hauptplatz 3, A-8010 Graz", "Hauptplatz 3, A-8010 Graz"),
        ("Kerkstraat 12, 2000 Antwerpen", "Kerkstraat 12, 2000 Antwerpen"),
        ("Rue de la Loi 16, 1000 Bruxelles", "Rue de la Loi 16, 1000 Bruxelles"),
        ("Avenue Louise 54, B-1050 Ixelles", "Avenue Louise 54, B-1050 Ixelles"),
        ("Rue du Rhône 12, 1204 Genève", "Rue du Rhône 12, 1204 Genève"),
        ("10 Downing Street, London SW1A 2AA", "10 Downing Street, London SW1A 2AA"),
        ("123 Main Street, Toronto, ON M5V 2T6", "123 Main Street, Toronto, ON M5V 2T6"),
        ("350 Fifth Avenue New York NY 10118", "350 Fifth Avenue New York, NY 10118"),
        ("1600 Pennsylvania Avenue NW Washington, DC 20500",
         "1600 Pennsylvania Avenue NW Washington, DC 20500"),
        ("Wolfgang Schmitt\nKornflur 5\n97332 Volkach\nTel.", "Kornflur 5, 97332 Volkach"),
        ("KG W.-C.-Röntgen-Str. 2, 04509 Delitzsch", "W.-C.-Röntgen-Str. 2, 04509 Delitzsch"),
        ("Stadtplatz 3\nDE- 93437 Furth im Wald\nTel.", "Stadtplatz 3, DE-93437 Furth im Wald"),
        ("Kontakt\nGumppenbergstr. 6\n81679 München", "Gumppenbergstr. 6, 81679 München"),
    ],
)
def test_address_forms_of_eight_countries(text: str, value: str) -> None:
    assert [a.value for a in find_addresses(text)] == [value]


@pytest.mark.parametrize("text", [
    "In 2019 we sold 1200 units in 3 shops Berlin", "On 12 May 2020 at 10 AM CA 94000 units",
    "Total 12345 Euros", "Seite 12 von 20", "Seite 12\n10115 Berlin", "Voxpark GmbH\n10115 Berlin",
])
def test_numbers_in_prose_are_not_addresses(text: str) -> None:
    assert list(find_addresses(text)) == []
