"""Own-versus-other classification, masking of values and excerpts, normal forms."""

from __future__ import annotations

from datetime import UTC, datetime

from audit.models import Severity, Subject
from checks._common.page import parse_page
from checks.contacts.extract import Known, extract_details
from checks.contacts.findings import contact_finding
from checks.contacts.normalize import (
    addresses_match,
    mask_address,
    mask_email,
    mask_phone,
    normalize_email,
    normalize_phone,
)

SUBJECT = Subject(name="Camille Dufresne", emails=("Camille.Dufresne@Example.org",),
                  phones=("06 39 98 12 34",), country="FR")
PAGE = """<h1>Camille Dufresne</h1><p>Moi : camille.dufresne@example.org, tél 06 39 98 12 34.</p>
<p>Ma collègue Jeanne Martin : jeanne.martin@atelier-lumen.example, tél. 04 78 12 34 56.</p>"""


def _by_type(html: str, own_site: bool = False, options: dict[str, object] | None = None):
    known = Known.from_subject(SUBJECT, options)
    page = parse_page("https://www.camille-dufresne.example/contact", html)
    return extract_details(page, known, own_site=own_site)


def test_known_identifiers_are_normalised() -> None:
    known = Known.from_subject(SUBJECT)
    assert known.emails == {"camille.dufresne@example.org"}
    assert known.phones == {"+33639981234"}  # typed in national format, compared in E.164


def test_email_normal_form_folds_gmail_only() -> None:
    assert normalize_email(" J.Doe+news@GoogleMail.com ") == "jdoe@gmail.com"
    assert normalize_email("J.Doe+news@example.org") == "j.doe+news@example.org"
    assert normalize_phone("+33 (0)6 12 34 56 78", None) == "+33612345678"


def test_own_and_other_details_are_told_apart() -> None:
    details = {(d.type, d.ownership) for d in _by_type(PAGE)}
    assert ("email", "own") in details
    assert ("phone", "own") in details
    assert ("email", "other") in details
    assert ("phone", "other") in details


def test_other_peoples_values_are_masked_everywhere() -> None:
    details = _by_type(PAGE)
    others = [d for d in details if not d.own]
    assert {d.public_value for d in others} == {"j***@a***.example", "+33 4 ** ** ** 56"}
    for d in details:
        assert "jeanne.martin" not in d.excerpt
        assert "04 78 12 34 56" not in d.excerpt
        assert "jeanne.martin" not in d.key
    mine = next(d for d in details if d.type == "email" and d.own)
    assert "camille.dufresne@example.org" in mine.excerpt


def test_masks() -> None:
    assert mask_email("jeanne.martin@exemple.com") == "j***@e***.com"
    assert mask_phone("+33612345678") == "+33 6 ** ** ** 78"
    assert mask_address("12 rue des Lilas, 69003 Lyon") == "** rue ***, 69*** Lyon"


def test_address_is_own_when_supplied_and_other_elsewhere() -> None:
    html = "<p>Livraison : 14 rue des Lilas, 69003 Lyon</p>"
    supplied = {"addresses": ["14, Rue des lilas 69003 LYON"]}
    assert [d.ownership for d in _by_type(html, options=supplied)] == ["own"]
    assert [d.ownership for d in _by_type(html)] == ["other"]
    assert addresses_match("12 bd du Port, 80000 Amiens", "12 boulevard du port 80000 amiens")
    assert not addresses_match("12 rue des Lilas, 69003 Lyon", "14 rue des Lilas, 69003 Lyon")


def test_address_likely_own_on_own_site_or_next_to_the_name() -> None:
    html = "<p>Envoyez vos tirages au 12 rue des Lilas, 69003 Lyon</p>"
    assert [d.ownership for d in _by_type(html, own_site=True)] == ["likely_own"]
    near = "<p>Camille Dufresne, 12 rue des Lilas, 69003 Lyon</p>"
    assert [d.ownership for d in _by_type(near)] == ["likely_own"]


def test_finding_fields_and_severity() -> None:
    now = datetime(2026, 11, 22, tzinfo=UTC)
    by = {(d.type, d.own): d for d in _by_type(PAGE)}
    url = "https://www.camille-dufresne.example/contact"
    phone = contact_finding(by[("phone", True)], url, "own_site", now)
    email = contact_finding(by[("email", True)], url, "own_site", now)
    other = contact_finding(by[("email", False)], url, "own_site", now)
    assert phone.severity is Severity.HIGH
    assert email.severity is Severity.MEDIUM
    assert other.severity is Severity.INFO
    assert set(phone.data) >= {"type", "value", "own", "source_url", "excerpt"}
    assert phone.data["value"] == "+33639981234"
    assert phone.data["own"] is True
    assert other.data["value"] == "j***@a***.example"
    assert other.data["own"] is False
    assert "jeanne" not in other.key
    assert "jeanne" not in other.title


def test_directory_order_of_the_name_counts_as_the_name() -> None:
    near = "<p>DUFRESNE Camille - 12 rue des Lilas, 69003 Lyon</p>"
    assert [d.ownership for d in _by_type(near)] == ["likely_own"]
