"""A report shaped like the demo persona's scan (Camille Dufresne), for the plan tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from audit.models import CheckResult, Finding, ScanReport, Severity, Status, Subject

SITE = "https://www.camille-dufresne.example/"
T0 = datetime(2026, 11, 1, 10, 0, tzinfo=UTC)


def subject(
    country: str | None = "FR", lang: str = "fr", name: str | None = "Camille Dufresne"
) -> Subject:
    return Subject(
        name=name,
        handles=("camdufresne", "velvetfox42"),
        emails=("camille.dufresne@example.org",),
        phones=("+33 6 39 98 12 34",),
        urls=(SITE,),
        city="Lyon",
        country=country,
        lang=lang,
    )


def account(site: str, key: str, user: str, url: str, sev: Severity = Severity.MEDIUM) -> Finding:
    return Finding(
        "account",
        f"{site} account {user}",
        sev,
        url=url,
        data={
            "site": site,
            "username": user,
            "profile_url": url,
            "platform_key": key,
            "category": "social",
            "variant": False,
        },
    )


def persona_findings() -> list[Finding]:
    F = Finding
    return [
        account("GitHub", "github", "camdufresne", "https://github.com/camdufresne"),
        account("GitLab", "gitlab", "camdufresne", "https://gitlab.com/camdufresne"),
        account("Reddit", "reddit", "velvetfox42", "https://www.reddit.com/user/velvetfox42"),
        account("Mastodon", "mastodon", "velvetfox42", "https://mastodon.social/@velvetfox42"),
        account(
            "Strava",
            "strava",
            "camdufresne",
            "https://www.strava.com/athletes/camdufresne",
            Severity.HIGH,
        ),
        F(
            "contact",
            "Email on own site",
            Severity.HIGH,
            url=SITE + "contact",
            data={
                "type": "email",
                "value": "camille.dufresne@example.org",
                "own": True,
                "source_url": SITE + "contact",
                "excerpt": "camille.dufresne [at] example",
            },
        ),
        F(
            "contact",
            "Address on own site",
            Severity.HIGH,
            url=SITE + "cv",
            data={
                "type": "address",
                "value": "12 rue des Lilas, 69003 Lyon",
                "own": True,
                "source_url": SITE + "cv",
                "excerpt": "12 rue des Lilas",
            },
        ),
        F(
            "contact",
            "Email in GitHub bio",
            Severity.MEDIUM,
            url="https://github.com/camdufresne",
            data={
                "type": "email",
                "value": "camille.dufresne@example.org",
                "own": True,
                "source_url": "https://github.com/camdufresne",
                "excerpt": "[at]",
            },
        ),
        F(
            "contact",
            "Phone on a forum",
            Severity.HIGH,
            url="https://forum.example.net/t/42",
            data={
                "type": "phone",
                "value": "+33639981234",
                "own": True,
                "source_url": "https://forum.example.net/t/42",
                "excerpt": "06 39 98",
            },
        ),
        F(
            "contact",
            "Someone else's phone",
            Severity.LOW,
            url="https://forum.example.net/t/43",
            data={
                "type": "phone",
                "value": "+33 6 ** ** ** 99",
                "own": False,
                "source_url": "https://forum.example.net/t/43",
                "excerpt": "",
            },
        ),
        F(
            "listing",
            "Pages Blanches listing",
            Severity.HIGH,
            url="https://www.pagesjaunes.fr/pagesblanches/recherche?quoiqui=dufresne",
            data={
                "site": "Pages Blanches (PagesJaunes)",
                "url": "https://www.pagesjaunes.fr/pagesblanches/recherche?quoiqui=dufresne",
                "optout_url": None,
            },
        ),
        F(
            "listing",
            "Societe.com officer page",
            Severity.MEDIUM,
            url="https://www.societe.com/dirigeant/camille-dufresne",
            data={
                "site": "Societe.com",
                "url": "https://www.societe.com/dirigeant/camille-dufresne",
                "optout_url": None,
            },
        ),
        F(
            "listing",
            "Spokeo listing",
            Severity.MEDIUM,
            url="https://www.spokeo.com/Camille-Dufresne",
            data={
                "site": "Spokeo",
                "url": "https://www.spokeo.com/Camille-Dufresne",
                "optout_url": "https://www.spokeo.com/optout",
            },
        ),
        F(
            "photo_location",
            "Photo taken near home",
            Severity.HIGH,
            url=SITE + "img/balcon.jpg",
            data={
                "source": SITE + "img/balcon.jpg",
                "lat": 45.7597,
                "lon": 4.8422,
                "precision_m": 5,
                "taken_at": "2026-06-01T21:00:00",
                "place": "near Lyon",
            },
        ),
        F(
            "photo_location",
            "Local photo",
            Severity.LOW,
            key="/home/c/Photos/IMG_1.jpg",
            data={
                "source": "/home/c/Photos/IMG_1.jpg",
                "lat": 45.7597,
                "lon": 4.8422,
                "precision_m": 5,
                "taken_at": "2026-06-02T21:00:00",
                "place": "near Lyon",
            },
        ),
        F(
            "photo_identity",
            "Camera serial",
            Severity.LOW,
            key="/home/c/Photos/IMG_2.jpg",
            data={"source": "/home/c/Photos/IMG_2.jpg", "serial": "123"},
        ),
        F(
            "place_cluster",
            "Likely home",
            Severity.HIGH,
            key="home:45.76:4.84",
            data={
                "label": "home",
                "lat": 45.7597,
                "lon": 4.8422,
                "days": 4,
                "photos": [SITE + "img/balcon.jpg", "/home/c/Photos/IMG_1.jpg"],
            },
        ),
        F(
            "link",
            "Pseudonym velvetfox42 links to the real-name site",
            Severity.HIGH,
            url="https://mastodon.social/@velvetfox42",
            key="mastodon:velvetfox42->url",
            data={
                "source": "mastodon:velvetfox42",
                "target": "url:" + SITE,
                "signal": "rel_me",
                "strength": 0.95,
                "evidence_url": "https://mastodon.social/@velvetfox42",
                "excerpt": 'rel="me"',
            },
        ),
        F(
            "identity_cluster",
            "velvetfox42 = Camille Dufresne",
            Severity.HIGH,
            key="cluster-1",
            data={"nodes": ["mastodon:velvetfox42", "name:Camille Dufresne"]},
        ),
        F(
            "search_result",
            "Old article",
            Severity.MEDIUM,
            url="https://news.example.com/a/1",
            data={
                "query": '"Camille Dufresne"',
                "url": "https://news.example.com/a/1",
                "title": "Article",
                "snippet": "...",
                "category": "news",
                "about_subject": {"value": True, "reason": "name and city"},
            },
        ),
        F(
            "search_result",
            "Own site result",
            Severity.INFO,
            url=SITE,
            data={
                "query": '"Camille Dufresne"',
                "url": SITE,
                "title": "Home",
                "snippet": "",
                "category": "own_site",
                "about_subject": True,
            },
        ),
        F(
            "search_result",
            "Not about her",
            Severity.INFO,
            url="https://other.example/x",
            data={
                "query": '"Camille Dufresne"',
                "url": "https://other.example/x",
                "title": "x",
                "snippet": "",
                "category": "other",
                "about_subject": False,
            },
        ),
    ]


def report(findings: list[Finding] | None = None, **subject_kw: Any) -> ScanReport:
    fs = persona_findings() if findings is None else findings
    results = tuple(
        CheckResult(check="test", target=f"{i}", status=Status.FOUND, findings=(f,))
        for i, f in enumerate(fs)
    )
    return ScanReport(
        scan_id="scan-1",
        tool_version="0.1.0",
        subject=subject(**subject_kw),
        started_at=T0,
        finished_at=T0,
        results=results,
    )
