"""Structured data: JSON-LD Person, h-card (and legacy vcard), OpenGraph, vCard files."""

from __future__ import annotations

import json

from checks._common.page import parse_page
from checks._common.structured import parse_vcard
from checks.contacts.extract import Known, extract_details

KNOWN = Known(
    emails=frozenset({"camille.dufresne@example.org"}),
    phones=frozenset({"+33639981234"}),
    names=("Camille Dufresne",),
    region="FR",
)


def _details(html: str) -> dict[tuple[str, str], tuple[str, ...]]:
    page = parse_page("https://site.example/", html)
    return {(d.type, d.value): d.methods for d in extract_details(page, KNOWN)}


def test_jsonld_person_in_a_graph() -> None:
    doc = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "x"},
        {"@type": ["Person"], "name": "Camille Dufresne",
         "email": "mailto:camille.dufresne@example.org", "telephone": "+33 6 39 98 12 34",
         "address": {"@type": "PostalAddress", "streetAddress": "12 rue des Lilas",
                     "postalCode": "69003", "addressLocality": "Lyon"},
         "sameAs": ["https://github.com/camdufresne"]},
    ]}
    html = f'<script type="application/ld+json">{json.dumps(doc)}</script>'
    page = parse_page("https://site.example/", html)
    person = page.persons[0]
    assert person.method == "jsonld"
    assert person.urls == ("https://github.com/camdufresne",)
    found = _details(html)
    assert found[("email", "camille.dufresne@example.org")] == ("jsonld",)
    assert found[("phone", "+33639981234")] == ("jsonld",)
    assert found[("address", "12 rue des Lilas, 69003 Lyon")] == ("jsonld",)


def test_broken_jsonld_is_ignored() -> None:
    page = parse_page("https://site.example/", '<script type="application/ld+json">{oops</script>')
    assert page.persons == ()


def test_hcard_and_legacy_vcard_classes() -> None:
    html = """<div class="h-card"><span class="p-name">Camille Dufresne</span>
    <a class="u-email" href="mailto:camille.dufresne@example.org">mail</a>
    <span class="p-tel">06 39 98 12 34</span>
    <p class="p-adr h-adr"><span class="p-street-address">12 rue des Lilas</span>
    <span class="p-postal-code">69003</span> <span class="p-locality">Lyon</span></p></div>
    <div class="vcard"><span class="fn">Jeanne Martin</span>
    <span class="email">jeanne@atelier.example</span></div>"""
    page = parse_page("https://site.example/", html)
    assert [p.name for p in page.persons] == ["Camille Dufresne", "Jeanne Martin"]
    assert page.persons[0].addresses == ("12 rue des Lilas, 69003 Lyon",)
    found = _details(html)
    assert "hcard" in found[("phone", "+33639981234")]
    assert "hcard" in found[("email", "jeanne@atelier.example")]


def test_opengraph_contact_properties() -> None:
    html = """<meta property="og:title" content="Camille">
    <meta property="og:email" content="camille.dufresne@example.org">
    <meta property="og:phone_number" content="06 39 98 12 34">"""
    page = parse_page("https://site.example/", html)
    assert page.og["og:title"] == "Camille"
    found = _details(html)
    assert found[("email", "camille.dufresne@example.org")] == ("og",)
    assert found[("phone", "+33639981234")] == ("og",)


def test_vcard_file() -> None:
    text = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Camille Dufresne\r\n"
            "EMAIL;TYPE=INTERNET:camille.dufresne@example.org\r\n"
            "TEL;TYPE=CELL:+33 6 39 98 12 34\r\n"
            "ADR;TYPE=HOME:;;12 rue des Lilas;Lyon;;69003;France\r\nURL:https://x.example/\r\n"
            "END:VCARD\r\n")
    (card,) = parse_vcard(text)
    assert card.name == "Camille Dufresne"
    assert card.emails == ("camille.dufresne@example.org",)
    assert card.phones == ("+33 6 39 98 12 34",)
    assert card.addresses == ("12 rue des Lilas, 69003 Lyon",)
    page = parse_page("https://x.example/me.vcf", "")
    values = {(d.type, d.value) for d in extract_details(page, KNOWN, extra_persons=[card])}
    assert ("phone", "+33639981234") in values


def test_vcf_and_rel_me_links_are_listed() -> None:
    page = parse_page("https://site.example/a/", '<a href="../me.vcf">card</a>'
                      '<link rel="me" href="https://mastodon.social/@x">')
    assert page.vcf_links == ("https://site.example/me.vcf",)
    assert page.rel_me == ("https://mastodon.social/@x",)
