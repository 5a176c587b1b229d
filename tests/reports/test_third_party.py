"""Nothing of anyone else's leaves the tool, and nothing of the person's in workshop mode.

A contact page and a search result are planted with the person's details and a third
party's (an estate agent's email and phone) in every field a page can reach: the page text
around each detail, its title, the result's title, snippet and URL, the evidence, an error
detail and the request log. The real readers build the findings; every output format is
grepped, redacted and not."""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime
from urllib.parse import unquote_plus

import pytest

from audit.api import render
from audit.models import (
    CheckInfo,
    CheckResult,
    Reason,
    RequestRecord,
    ScanReport,
    Status,
    Subject,
)
from audit.plugins import load_plugins
from audit.render import RenderOptions
from checks._common.page import parse_page
from checks.contacts.extract import Known, extract_details
from checks.contacts.findings import contact_finding
from checks.search.classify import categorise, score
from checks.search.findings import build_findings
from checks.search.serp import Hit

REGISTRY = load_plugins(include_installed=False)
T0 = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
SUBJECT = Subject(
    name="Camille Dufresne", handles=("camdufresne",), emails=("camille.dufresne@example.org",),
    phones=("+33 6 39 98 12 34",), addresses=("12 rue des Lilas, 69003 Lyon",), city="Lyon",
    country="FR", lang="en",
)
THIRD = ("agence.martin@immo-lyon.example", "04 76 12 34 56", "0476123456", "+33476123456",
         "agence.martin", "4 76 12 34 56", "avenue Foch", "5 avenue")
OWN = ("camille.dufresne@example.org", "06 39 98 12 34")
OWN_REDACTED = (*OWN, "Camille Dufresne", "rue des Lilas", "camdufresne", "+33 6 39 98 12 34",
                "+33639981234")

PAGE = """<html lang="fr"><head><title>Contact — Camille Dufresne, agence.martin@immo-lyon.example
04 76 12 34 56</title></head><body>
<p>Camille Dufresne, 12 rue des Lilas, 69003 Lyon. Écrire à camille.dufresne@example.org ou
appeler le 06 39 98 12 34.</p>
<p>Votre agent : agence.martin@immo-lyon.example, 04 76 12 34 56 (agence Martin,
5 avenue Foch, 69006 Lyon)</p>
<p>Pour visiter : contactez l'agence au 04 76 12 34 56 ou camille.dufresne@example.org</p>
<a href="mailto:agence.martin@immo-lyon.example">agence.martin@immo-lyon.example</a>
<a href="tel:+33476123456">04 76 12 34 56</a>
</body></html>"""
URL = "https://immo-lyon.example/annonce/42?contact=agence.martin@immo-lyon.example"


def _report() -> ScanReport:
    known = Known.from_subject(SUBJECT)
    page = parse_page(URL, PAGE)
    contacts = [contact_finding(d, URL, "search_result", T0)
                for d in extract_details(page, known)]
    hit = Hit(URL, "Camille Dufresne — agence.martin@immo-lyon.example, 04 76 12 34 56",
              "Camille Dufresne vend au 12 rue des Lilas. Agent : 04 76 12 34 56, "
              "agence.martin@immo-lyon.example, 5 avenue Foch, 69006 Lyon", 1)
    about = score(SUBJECT, hit)
    search = build_findings(hit, categorise(SUBJECT, hit.url), about, '"Camille Dufresne"',
                            "ddg-html", T0)
    results = (
        CheckResult("contacts", URL, Status.FOUND, url=URL, findings=tuple(contacts)),
        CheckResult("search", '"Camille Dufresne"', Status.FOUND, url=URL,
                    findings=tuple(search)),
        CheckResult("contacts", "https://other.example/", Status.UNKNOWN, reason=Reason.TIMEOUT,
                    detail="page said: call 04 76 12 34 56 or agence.martin@immo-lyon.example"),
    )
    log = (RequestRecord("GET", URL, 200, T0, 0.1, "contacts"),)
    return ScanReport("scan-tp", "0.1.0", SUBJECT, T0, T0,
                      (CheckInfo("contacts", 1, "Contacts"), CheckInfo("search", 1, "Search")),
                      results, log)


def _forms(text: str) -> str:
    forms = {text, html.unescape(text), unquote_plus(text), unquote_plus(html.unescape(text))}
    if text.lstrip().startswith("{"):
        forms.add(json.dumps(json.loads(text), ensure_ascii=False))
    return " ".join(forms).lower()


def test_the_page_holds_both_peoples_details() -> None:
    report = _report()
    raw = json.dumps([f.title + " ".join(e.excerpt for e in f.evidence)
                      for f in report.findings()], ensure_ascii=False)
    assert "04 76 12 34 56" in raw  # the readers alone leave the agent's number in excerpts


@pytest.mark.parametrize("fmt", sorted(REGISTRY.renderers))
def test_no_third_party_detail_in_any_format(fmt: str) -> None:
    out = _forms(render(_report(), fmt, RenderOptions(show_not_found=True), REGISTRY))
    assert [v for v in THIRD if v.lower() in out] == []
    if fmt not in ("evidence-csv", "table", "summary"):  # (formats that show no values)
        assert "camille.dufresne@example.org" in out  # the person's own details stay readable


@pytest.mark.parametrize("fmt", sorted(REGISTRY.renderers))
def test_nothing_of_the_person_nor_of_others_in_redacted_output(fmt: str) -> None:
    out = _forms(render(_report(), fmt, RenderOptions(redact=True, show_not_found=True),
                        REGISTRY))
    assert [v for v in THIRD if v.lower() in out] == []
    assert [v for v in OWN_REDACTED if v.lower() in out] == []


def _sprinkled(report: ScanReport) -> ScanReport:
    """The report with control characters and bidi overrides inside its strings, keys
    included (what a hostile page can leave), as the raw report before cleaning."""
    import itertools

    from audit.models import map_strings

    marks = itertools.cycle(["\x1b[2J", "\u202e", "\x00", "", "\r", ""])

    def spoil(text: str) -> str:
        if len(text) < 3:
            return text
        cut = len(text) // 2
        return text[:cut] + next(marks) + text[cut:]

    return map_strings(report, spoil, frozenset({"kind", "fingerprint"}))


def test_details_gathered_from_the_raw_report_are_those_of_the_cleaned_one() -> None:
    """What the masker needs can be gathered from the raw report, cleaning each string as it
    is read (so it can be gathered while the report is cleaned): the same details, and the
    same masked report."""
    from audit.sanitize.text import clean_report, clean_text
    from audit.sanitize.thirdparty import gather, mask_third_parties

    readers = tuple(REGISTRY.address_readers.values())
    for raw in (_report(), _sprinkled(_report())):
        cleaned = clean_report(raw)
        ahead = gather(raw, readers, clean_text)
        assert ahead == gather(cleaned, readers)
        assert ahead.emails
        assert ahead.phones
        assert ahead.addresses
        assert mask_third_parties(cleaned, readers, ahead) == mask_third_parties(cleaned, readers)
