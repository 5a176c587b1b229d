"""The contacts check writes titles and details in the subject's language (fr / en), with the
same fingerprints in both."""

from __future__ import annotations

import dataclasses

from audit.models import Finding, Status
from checks.contacts import ContactsCheck
from tests.checks.contacts.harness import result, scan, stage0
from tests.checks.contacts.test_check import SITE, SUBJECT, _world


def _own_site(lang: str) -> tuple[dict[tuple[str, str, str], Finding], str]:
    subject = dataclasses.replace(SUBJECT, lang=lang)
    report, _ = scan(_world(), subject, [stage0([]), ContactsCheck])
    r = result(report, "contacts", "own site")
    assert r.status is Status.FOUND
    return {(f.data["type"], str(f.data["ownership"]), f.data["source_url"]): f
            for f in r.findings}, r.detail


def test_titles_and_details_follow_the_subject_language() -> None:
    en, en_detail = _own_site("en")
    fr, fr_detail = _own_site("fr")
    assert en.keys() == fr.keys()
    phone = ("phone", "own", SITE + "/contact")
    assert en[phone].title == "Your phone number is shown on camille.example/contact"
    assert fr[phone].title == "Votre numéro de téléphone est visible sur camille.example/contact"
    other = ("email", "other", SITE + "/contact")
    assert en[other].title == "Someone else's email address on camille.example/contact (masked)"
    assert fr[other].title == ("Adresse e-mail d'une autre personne sur "
                               "camille.example/contact (masquée)")
    for key in en:
        assert en[key].fingerprint == fr[key].fingerprint
        assert en[key].data == fr[key].data
    assert en_detail.startswith("read 4 pages")
    assert fr_detail.startswith("4 pages lues")
