"""What a found profile says: OpenGraph, microformats, JSON-LD, rel=me, JSON APIs."""

from __future__ import annotations

import json

from audit.httpmodel import HttpResponse
from checks.accounts import demo
from checks.accounts.extract import profile_details


def html(body: str, url: str = "https://site.example/alice") -> HttpResponse:
    return HttpResponse(url=url, status=200,
                        headers={"content-type": "text/html; charset=utf-8"},
                        body=body.encode())


def js(data: object, url: str = "https://site.example/api/alice") -> HttpResponse:
    return HttpResponse(url=url, status=200, headers={"content-type": "application/json"},
                        body=json.dumps(data).encode())


def test_github_style_page() -> None:
    got = profile_details(html(demo.GITHUB_PAGE, "https://github.com/camdufresne"),
                          "https://github.com/camdufresne")
    assert got["display_name"] == "Camille Dufresne"
    assert "camille.dufresne [at] example [dot] org" in got["bio"]
    assert got["rel_me"] == ["https://www.camille-dufresne.example/"]
    assert "https://www.camille-dufresne.example/" in got["links"]
    assert got["avatar_url"].startswith("https://avatars.githubusercontent.com/")
    assert got["account_id"] == "48151623"


def test_mastodon_api_json_with_verified_field() -> None:
    got = profile_details(js(demo.MASTODON_ACCOUNT), "https://mastodon.social/@velvetfox42")
    assert got["display_name"] == "velvet fox"
    assert got["bio"] == "photos & night walks in Lyon"
    assert got["rel_me"] == ["https://www.camille-dufresne.example/"]
    assert "https://linktr.ee/velvetfox42" in got["links"]
    assert got["account_id"] == "109876543210987654"


def test_mastodon_html_page() -> None:
    got = profile_details(html(demo.MASTODON_PAGE), "https://mastodon.social/@velvetfox42")
    assert got["display_name"] == "velvet fox"
    assert got["rel_me"] == ["https://www.camille-dufresne.example/"]
    assert "https://linktr.ee/velvetfox42" in got["links"]


def test_reddit_about_json() -> None:
    got = profile_details(js(demo.REDDIT_ABOUT), "https://www.reddit.com/user/velvetfox42")
    assert "@velvetfox42@mastodon.social" in got["bio"]
    assert got["account_id"] == "8xk2q1"


def test_json_ld_person_and_same_as() -> None:
    page = """<html><head><script type="application/ld+json">
    {"@context": "https://schema.org", "@type": "ProfilePage",
     "mainEntity": {"@type": "Person", "name": "Alice A.", "identifier": "777123",
      "description": "hello", "image": {"url": "/img/a.png"},
      "sameAs": ["https://other.example/alice", "javascript:alert(1)"]}}
    </script></head><body></body></html>"""
    got = profile_details(html(page), "https://site.example/alice")
    assert got["display_name"] == "Alice A."
    assert got["account_id"] == "777123"
    assert got["avatar_url"] == "https://site.example/img/a.png"
    assert got["links"] == ["https://other.example/alice"]


def test_opengraph_fallback_and_no_script_links() -> None:
    page = """<html><head><meta property="og:title" content="Bob">
    <meta property="og:description" content="bio text"></head>
    <body><a href="https://nav.example/">nav</a></body></html>"""
    got = profile_details(html(page), "https://site.example/bob")
    assert got == {"display_name": "Bob", "bio": "bio text"}


def test_garbage_bodies_give_nothing() -> None:
    resp = HttpResponse(url="https://x.example/", status=200, headers={}, body=b"\x00\x01")
    assert profile_details(resp, "https://x.example/") == {}
    assert profile_details(js([]), "https://x.example/") == {}
