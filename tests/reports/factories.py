"""Test factories for the renderers: the demo persona, a finding of every kind, a result of every
status, a request log and the extras (checklist, requests, evidence, comparison: the plan's
keys become the report's typed `plan`, read as a saved report is). `make_report` builds the rich
sample report; `hostile=True` plants hostile strings in every web-sourced field.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from audit.models import (
    PLAN_KEYS,
    CheckInfo,
    CheckResult,
    Confidence,
    Evidence,
    Finding,
    Reason,
    RequestRecord,
    ScanReport,
    Severity,
    Status,
    Subject,
)
from audit.store.planjson import plan_from_dict

T0 = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
HOSTILE = (
    '<script>alert("x")</script><img src=x onerror=alert(1)> | pipe `tick` '
    "'single' \"double\"\nsecond line & =cmd|' /C calc'!A0"
)
JS_URL = "javascript:alert(document.cookie)"
FORMULAS = ("=HYPERLINK(\"http://evil.example\")", "+1+1", "-2+3", "@SUM(A1:A2)")

# Every personal value of the demo persona, in the forms they can take in a report.
PERSONAL = (
    "Camille Dufresne", "camille dufresne", "Dufresne", "Camille Roux", "camdufresne",
    "velvetfox42", "velvet fox", "camille.dufresne@example.org", "camille.dufresne",
    "+33 6 39 98 12 34", "06 39 98 12 34", "0639981234", "+33639981234", "639981234",
    "camille-dufresne.example", "45.7597", "4.8422", "45.7485", "4.8467", "45.76", "4.84",
    "12 rue des Lilas", "Atelier Lumen", "48151623", "/home/camille",
)


def make_subject(**overrides: Any) -> Subject:
    """The demo persona."""
    values: dict[str, Any] = {
        "name": "Camille Dufresne",
        "former_names": ("Camille Roux",),
        "handles": ("camdufresne", "velvetfox42"),
        "emails": ("camille.dufresne@example.org",),
        "phones": ("+33 6 39 98 12 34",),
        "urls": ("https://www.camille-dufresne.example/",),
        "photo_dirs": ("/home/camille/Photos",),
        "city": "Lyon",
        "country": "FR",
        "employer": "Atelier Lumen",
        "lang": "fr",
    }
    values.update(overrides)
    return Subject(**values)


def evidence(url: str, excerpt: str = "", minutes: int = 0) -> Evidence:
    """An evidence item observed `minutes` after T0."""
    return Evidence(url=url, excerpt=excerpt, observed_at=T0 + timedelta(minutes=minutes))


def make_findings(hostile: bool = False) -> dict[str, list[Finding]]:
    """Findings of every kind, by check name."""
    h = HOSTILE if hostile else ""
    site = "https://www.camille-dufresne.example/"
    return {
        "accounts": [
            Finding("account", f"GitHub account camdufresne{h}", Severity.MEDIUM, Confidence.HIGH,
                    url="https://github.com/camdufresne",
                    evidence=(evidence(
                        "https://github.com/camdufresne",
                        f"Camille Dufresne camille.dufresne [at] example [dot] org{h}"),),
                    data={"site": "GitHub", "username": "camdufresne",
                          "profile_url": "https://github.com/camdufresne", "category": "coding",
                          "platform_key": "github", "variant": False,
                          "display_name": "Camille Dufresne", "account_id": "48151623",
                          "bio": f"Lyon. camille.dufresne [at] example [dot] org{h}",
                          "links": [site, JS_URL]}),
            Finding("account", "Mastodon account velvetfox42", Severity.MEDIUM, Confidence.HIGH,
                    url="https://mastodon.social/@velvetfox42",
                    data={"site": "Mastodon", "username": "velvetfox42",
                          "profile_url": "https://mastodon.social/@velvetfox42",
                          "display_name": "velvet fox", "bio": "photos & night walks in Lyon",
                          "links": [site, "https://linktr.ee/velvetfox42"]}),
        ],
        "contacts": [
            Finding("contact", f"Phone number on your site{h}", Severity.HIGH, Confidence.HIGH,
                    url=site,
                    evidence=(evidence(site, f"Appelez-moi au 06 39 98 12 34 {h}"),),
                    data={"type": "phone", "value": "+33639981234", "own": True,
                          "source_url": site, "excerpt": "Tél. : 06.39.98.12.34"}),
            Finding("contact", "Postal address on your site", Severity.HIGH, Confidence.MEDIUM,
                    url=site + "contact", key="address",
                    evidence=(evidence(site + "contact",
                                       "Atelier : 12, rue des Lilas 69003 Lyon"),),
                    data={"type": "address", "value": "12 rue des Lilas, 69003 Lyon", "own": True,
                          "source_url": site + "contact",
                          "excerpt": "12 rue des Lilas, 69003 Lyon"}),
        ],
        "links": [
            Finding("link", "velvetfox42 links to your real name", Severity.HIGH,
                    Confidence.HIGH, url="https://mastodon.social/@velvetfox42", key="l1",
                    data={"source": "mastodon.social:velvetfox42",
                          "target": "url:https://www.camille-dufresne.example/",
                          "signal": "rel-me" + h, "strength": 0.95,
                          "evidence_url": "https://mastodon.social/@velvetfox42",
                          "excerpt": "rel=me https://www.camille-dufresne.example/"}),
            Finding("link", "GitHub shows your name", Severity.MEDIUM, Confidence.HIGH,
                    url="https://github.com/camdufresne", key="l2",
                    data={"source": "github:camdufresne", "target": "name:camille dufresne",
                          "signal": "display-name", "strength": 0.8}),
            Finding("link", "Your site links to GitHub", Severity.LOW, Confidence.MEDIUM,
                    url=site, key="l3",
                    data={"source": "url:https://www.camille-dufresne.example/",
                          "target": "github:camdufresne", "signal": "rel-me", "strength": 0.9}),
            Finding("link", "Same handle on Reddit", Severity.LOW, Confidence.LOW, key="l4",
                    data={"source": "reddit:velvetfox42", "target": "mastodon.social:velvetfox42",
                          "signal": "same-handle", "strength": "weak"}),
            Finding("link", "Email on GitHub", Severity.LOW, Confidence.LOW, key="l5",
                    data={"source": "github:camdufresne",
                          "target": "email:camille.dufresne@example.org",
                          "signal": "same-email", "strength": 0.7}),
        ],
        "search": [
            Finding("search_result", f"Result: Camille Dufresne, photographe{h}", Severity.LOW,
                    url="https://news.example/portrait-camille-dufresne",
                    data={"query": '"Camille Dufresne" Lyon',
                          "url": "https://news.example/portrait-camille-dufresne",
                          "title": f"Portrait{h}", "snippet": f"Camille Dufresne{h}",
                          "category": "news", "about_subject": "name and city"}),
            Finding("listing", "Listing on a people-search site", Severity.MEDIUM,
                    url="https://people.example/camille-dufresne-lyon",
                    data={"site": "PeopleFinder", "url": "https://people.example/camille-dufresne-lyon",
                          "optout_url": JS_URL if hostile else "https://people.example/optout"}),
        ],
        "photos": [
            Finding("photo_location", "IMG_0001.jpg was taken near Lyon", Severity.MEDIUM,
                    key="p1", data={"source": "/home/camille/Photos/IMG_0001.jpg",
                                    "lat": 45.7597, "lon": 4.8422, "precision_m": 5,
                                    "taken_at": "2026-03-01T21:04:00+01:00",
                                    "place": "near Lyon, FR (1 km)"}),
            Finding("photo_location", "balcony.jpg on your site was taken near Lyon",
                    Severity.HIGH, url=site + "img/balcony.jpg", key="p2",
                    data={"source": site + "img/balcony.jpg", "lat": 45.7601, "lon": 4.8419,
                          "place": "near Lyon, FR (1 km)"}),
            Finding("photo_location", "desk.jpg was taken near Lyon", Severity.LOW, key="p3",
                    data={"source": "/home/camille/Photos/desk.jpg", "lat": 45.7485,
                          "lon": 4.8467, "place": "near Lyon, FR"}),
            Finding("place_cluster", "Likely home: 45.7597, 4.8422", Severity.HIGH,
                    Confidence.MEDIUM, key="c1",
                    data={"label": "home", "lat": 45.7598, "lon": 4.8421,
                          "photos": ["/home/camille/Photos/IMG_0001.jpg", site + "img/balcony.jpg"],
                          "days": 5}),
            Finding("place_cluster", "Likely work", Severity.MEDIUM, key="c2",
                    data={"label": "work", "lat": 45.7485, "lon": 4.8467, "photos": 3, "days": 3}),
            Finding("photo_identity", "Camera owner name in IMG_0001.jpg", Severity.MEDIUM,
                    key="i1", data={"source": "/home/camille/Photos/IMG_0001.jpg",
                                    "field": "OwnerName", "value": "Camille Dufresne",
                                    "body_serial": "SN-0042-7781"}),
        ],
    }


def make_results(hostile: bool = False) -> list[CheckResult]:
    """A result of every status (and several reasons) around the findings."""
    found = make_findings(hostile)
    results = [
        CheckResult(check, f"target {i} of {check}", Status.FOUND, findings=tuple(fs))
        for i, (check, fs) in enumerate(found.items())
    ]
    results += [
        CheckResult("accounts", "GitLab", Status.NOT_FOUND, url="https://gitlab.com/camdufresne"),
        CheckResult("accounts", "Instagram", Status.UNKNOWN, url="https://www.instagram.com/camdufresne/",
                    reason=Reason.BLOCKED, detail="challenge page" + (HOSTILE if hostile else "")),
        CheckResult("accounts", "X", Status.UNKNOWN, url="https://x.com/camdufresne",
                    reason=Reason.RATE_LIMITED, detail="429"),
        CheckResult("search", "DuckDuckGo", Status.UNKNOWN, url=JS_URL if hostile else "",
                    reason=Reason.TIMEOUT),
        CheckResult("search", "Brave", Status.SKIPPED, reason=Reason.NEEDS_KEY,
                    detail="set BRAVE_API_KEY"),
        CheckResult("links", "Gravatar", Status.SKIPPED, reason=Reason.OPT_IN,
                    detail="sends your email"),
    ]
    return results


def make_extras(hostile: bool = False) -> dict[str, Any]:
    """checklist, requests, evidence and comparison as the plan and history produce them."""
    h = HOSTILE if hostile else ""
    return {
        "checklist": [
            {"id": "safety-evidence", "platform": "", "title": f"Keep evidence first{h}",
             "why": "Before deleting anything, keep a record.", "steps": ["Take screenshots", h],
             "priority": 1, "source_url": "https://www.cybermalveillance.gouv.fr/", "minutes": 15},
            {"id": "github-email", "platform": "GitHub",
             "title": "Hide your email on GitHub (camdufresne)",
             "why": "camille.dufresne@example.org appears on https://github.com/camdufresne",
             "steps": ["Settings > Emails", "Tick 'Keep my email addresses private'"],
             "priority": 2, "source_url": JS_URL if hostile else "https://docs.github.com/",
             "minutes": 5},
        ],
        "requests": [
            {"id": "req-1", "kind": "removal", "recipient": "Host of camille-dufresne.example",
             "target_urls": ["https://www.camille-dufresne.example/contact", JS_URL],
             "form_url": JS_URL if hostile else "",
             "letter": (f"Madame, Monsieur,\n\nJe vous demande d'effacer mon numéro "
                        f"06 39 98 12 34 de https://www.camille-dufresne.example/contact.{h}\n\n"
                        "Camille Dufresne\n[votre signature]"),
             "deadline_days": 30},
            {"id": "req-2", "kind": "delisting", "recipient": "Google",
             "target_urls": ["https://people.example/camille-dufresne-lyon"],
             "form_url": "https://reportcontent.google.com/forms/rtbf", "letter": "",
             "deadline_days": 30},
        ],
        "evidence": [
            {"captured_at": "2026-11-20T10:15:00+01:00",
             "screenshot": "/home/camille/evidence/shot1.png",
             "url": "https://x.com/someone/status/1", "account_id": "48151623",
             "sha256": "ab" * 32, "note": f"Threat mentioning Camille Dufresne{h}",
             "archive_url": "https://web.archive.org/web/2026/https://x.com/someone/status/1"},
        ],
        "helplines": {
            "emergency": [{"name": "Police", "number": "17", "hours": "24/7",
                           "what": f"Immediate danger{h}", "url": None}],
            "helplines": [{"name": "3018 (e-Enfance)", "number": "3018", "hours": "9-23",
                           "what": "Online violence", "url": JS_URL if hostile else
                           "https://www.3018.fr/"}],
            "authority": {"name": "CNIL", "complaint_url": "https://www.cnil.fr/fr/plaintes",
                          "what": "After one month without an answer."},
        },
        "evidence_advice": {"legal": "A constat by a commissaire de justice is stronger.",
                            "steps": ["Record date, time and URL", h],
                            "command": "exposure-audit evidence add URL",
                            "source_url": "https://www.village-justice.com/"},
        "minutes_total": 95,
        "comparison": {
            "since": "2026-10-01",
            "new": [{"fingerprint": "fp-new-1", "kind": "contact",
                     "title": f"Phone number on your site{h}", "severity": "high"}],
            "gone": [{"fingerprint": "fp-gone-1", "kind": "account",
                      "title": "Old account camdufresne on Flickr", "severity": "low"}],
            "unchanged": ["fp-unknown"],
        },
    }


def make_request_log(hostile: bool = False) -> list[RequestRecord]:
    """A few logged requests, including a search query carrying the name."""
    return [
        RequestRecord("GET", "https://github.com/camdufresne", 200, T0, 0.2, "accounts",
                      sends=("handle",)),
        RequestRecord("GET", "https://html.duckduckgo.com/html/?q=%22Camille+Dufresne%22+Lyon",
                      202, T0, 0.4, "search", sends=("name", "city")),
        RequestRecord("GET", "https://www.camille-dufresne.example/", 200, T0, 0.1, "contacts",
                      error=HOSTILE if hostile else "", sends=()),
        RequestRecord("GET", "https://api.example/lookup?phone=%2B33639981234", 404, T0, 0.1,
                      "links", sends=("phone",)),
    ]


def make_report(hostile: bool = False, **overrides: Any) -> ScanReport:
    """The rich sample report."""
    values: dict[str, Any] = {
        "scan_id": "scan-0001",
        "tool_version": "0.1.0",
        "subject": make_subject(),
        "started_at": T0,
        "finished_at": T0 + timedelta(minutes=2),
        "checks": tuple(CheckInfo(n, 1, n.title()) for n in
                        ("accounts", "contacts", "links", "photos", "search")),
        "results": tuple(make_results(hostile)),
        "request_log": tuple(make_request_log(hostile)),
        "extras": make_extras(hostile),
    }
    values.update(overrides)
    # the plan's part of the extras is read as a saved report is: typed, into `plan`
    extras = dict(values["extras"])
    if "plan" not in values and any(k in extras for k in PLAN_KEYS):
        values["plan"] = plan_from_dict(extras)
    values["extras"] = {k: v for k, v in extras.items() if k not in PLAN_KEYS}
    return ScanReport(**values)


def empty_report() -> ScanReport:
    """A report with nothing in it."""
    return ScanReport("scan-empty", "0.1.0", Subject(handles=("someone",)), T0, T0)
