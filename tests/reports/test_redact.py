"""Workshop mode: `redact_report` masks every personal value of the subject, in every renderer's
output, with consistent pseudonyms and coordinates rounded to the town."""

from __future__ import annotations

import html
import json
from urllib.parse import unquote_plus

import pytest

from audit.models import Status, Subject
from audit.plugins import load_plugins
from audit.redact import Redactor, redact_report
from audit.render import RenderOptions
from tests.reports.factories import PERSONAL, make_report, make_subject

REGISTRY = load_plugins(include_installed=False)


def leaks(text: str) -> list[str]:
    forms = {text, html.unescape(text), unquote_plus(text), unquote_plus(html.unescape(text))}
    if text.lstrip().startswith("{"):
        forms.add(json.dumps(json.loads(text), ensure_ascii=False))
    lowered = " ".join(forms).lower()
    return [p for p in PERSONAL if p.lower() in lowered]


def test_the_sample_does_leak_without_redaction() -> None:
    out = REGISTRY.renderers["markdown"]().render(make_report(), RenderOptions())
    assert set(leaks(out)) >= {"Camille Dufresne", "camdufresne", "45.7597", "velvetfox42"}


@pytest.mark.parametrize("name", sorted(REGISTRY.renderers))
@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("hostile", [False, True])
def test_no_personal_value_in_any_format(name: str, lang: str, hostile: bool) -> None:
    renderer = REGISTRY.renderers[name]()
    report = redact_report(make_report(hostile=hostile))
    out = renderer.render(report, RenderOptions(lang=lang, redact=True, show_not_found=True))
    assert leaks(out) == []


def test_structure_and_pseudonyms_are_kept() -> None:
    original = make_report()
    red = redact_report(original)
    assert [r.status for r in red.results] == [r.status for r in original.results]
    pairs = sorted((f.fingerprint, f.kind, f.severity) for f in red.findings())
    assert pairs == sorted((f.fingerprint, f.kind, f.severity) for f in original.findings())
    s = red.subject
    assert s.name == "Person A"
    assert s.handles == ("handle-1", "handle-2")
    assert s.emails == ("c***@***",)
    assert s.phones == ("phone-1",)
    assert s.urls == ("https://site-1.example/",)
    assert s.city == "Lyon"
    assert s.country == "FR"
    links = {(f.data["source"], f.data["target"]) for f in red.findings() if f.kind == "link"}
    assert ("github:handle-1", "name:Person A") in links
    assert ("mastodon.social:handle-2", "url:https://site-1.example/") in links
    account = next(f for f in red.findings() if f.kind == "account" and "GitHub" in f.title)
    assert account.url == "https://github.com/handle-1"
    assert account.data["account_id"] == "id-1"
    evidence_log = red.extras["evidence"][0]
    assert evidence_log["account_id"] == "id-1"
    assert evidence_log["screenshot"] == "~/evidence/shot1.png"


def test_coordinates_rounded_to_the_town() -> None:
    red = redact_report(make_report())
    places = [f for f in red.findings() if f.kind in ("photo_location", "place_cluster")]
    assert places
    for f in places:
        assert f.data["lat"] in (45.7, 45.8)
        assert f.data["lon"] == 4.8
    home = next(f for f in places if f.data.get("label") == "home")
    assert home.title == "Likely home: 45.8, 4.8"
    loc = next(f for f in places if f.kind == "photo_location" and "precision_m" in f.data)
    assert loc.data["precision_m"] >= 5000
    assert loc.data["source"].startswith("[photos-1]/")


@pytest.mark.parametrize(("text", "expected"), [
    ("Camille Dufresne", "Person A"),
    ("DUFRÉSNE Camille", "Person A"),
    ("camille_dufresne", "Person A"),
    ("Camille Roux", "Person A (former name)"),
    ("Madame Dufresne", "Madame [name]"),
    ("https://x.example/?q=%22Camille+Dufresne%22", 'https://x.example/?q="person-a"'),
    ("https://www.camille-dufresne.example/about", "https://site-1.example/about"),
    ("@camdufresne and @velvetfox42", "@handle-1 and @handle-2"),
    ("mail camille.dufresne@example.org now", "mail c***@*** now"),
    ("other bob@example.net", "other b***@***"),
    ("tel 06.39.98.12.34 or +33 6 39 98 12 34", "tel phone-1 or phone-1"),
    ("call 01 23 45 67 89", "call 01 23 45 67 89"),
    ("at 45.7597, 4.8422 today", "at 45.8, 4.8 today"),
    ("45°45'35.0\"N", "45.8°N"),
    ("2026-11-20T10:15:00.123456+01:00", "2026-11-20T10:15:00.123456+01:00"),
    ("/home/camille/Photos/a.jpg", "[photos-1]/a.jpg"),
    ("works at Atelier Lumen", "works at [identity-1]"),
    ("https://x.example/?q=%22Atelier+Lumen%22", 'https://x.example/?q="[identity-1]"'),
    ("…Lumen. Balades", "…[employer]. Balades"),
    ("cluster:home:45.760,4.842:local", "cluster:home:45.8,4.8:local"),
    ("at 10:15:00.1234 and lat:45.7597", "at 10:15:00.1234 and lat:45.8"),
    ("url:https://www.camille-dufresne.example/|address:12 rue des lilas 69003 lyon|x",
     "url:https://site-1.example/|address:[address]|x"),
    ("Atelier : 12, rue des Lilas 69003 Lyon", "[employer] : [address]"),
    ("account 48151623, not 148151623", "account id-1, not 148151623"),
])
def test_text_masking(text: str, expected: str) -> None:
    assert Redactor(make_subject(), make_report()).text(text) == expected


def test_values_found_in_findings_are_masked_too() -> None:
    red = redact_report(make_report())
    texts = json.dumps([dict(f.data) for f in red.findings()], default=list)
    assert "velvet fox" not in texts  # a display name from a profile
    assert "SN-0042-7781" not in texts  # a camera serial number
    assert "12 rue des Lilas" not in texts  # the person's own address


def test_minimal_subject_and_empty_fields() -> None:
    report = make_report(subject=Subject(handles=("someone",)))
    red = redact_report(report)
    assert red.subject.name is None
    assert red.subject.handles == ("handle-1",)
    assert all(r.status in Status for r in red.results)


def test_redacting_twice_changes_nothing_more() -> None:
    once = redact_report(make_report())
    twice = redact_report(once)
    renderer = REGISTRY.renderers["markdown"]()
    options = RenderOptions(redact=True)
    assert renderer.render(twice, options) == renderer.render(once, options)
