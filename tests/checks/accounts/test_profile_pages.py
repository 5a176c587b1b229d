"""Profiles read from found accounts, on pages written here in the shapes of real 2024-2026
responses: a YouTube channel whose head is megabytes of inline script, an Instagram profile
with its embedded JSON state, a TikTok profile with a bare link in bio, and a bio that writes
its links as text."""

from __future__ import annotations

import json

from audit.httpmodel import HttpResponse
from checks.accounts.extract import links_in_text, page_state, profile_details

BIG_SCRIPT = "<script>var ytInitialPlayer = " + json.dumps({"x": "a" * 400_000}) + ";</script>"


def _resp(url: str, body: str, ctype: str = "text/html; charset=utf-8") -> HttpResponse:
    return HttpResponse(url=url, status=200, headers={"content-type": ctype},
                        body=body.encode())


def test_a_channel_whose_head_is_larger_than_128_kb_is_read() -> None:
    body = (
        "<!doctype html><html><head>" + BIG_SCRIPT
        + '<meta property="og:title" content="Camille Dufresne Photo">'
        + '<meta property="og:description" content="Night walks in Lyon. linktr.ee/camdufresne">'
        + '<meta property="og:image" content="https://yt3.example/avatar.jpg">'
        + "<script>var ytInitialData = {\"metadata\":{\"channelMetadataRenderer\":"
        + "{\"externalId\":\"UCa1b2c3d4e5f6g7h8i9j0kL\",\"title\":\"Camille Dufresne Photo\"}}};"
        + "</script></head><body><div id=\"content\"></div></body></html>"
    )
    found = profile_details(_resp("https://www.youtube.com/@camdufresne", body),
                            "https://www.youtube.com/@camdufresne")
    assert found["display_name"] == "Camille Dufresne Photo"
    assert found["avatar_url"] == "https://yt3.example/avatar.jpg"
    assert found["account_id"] == "UCa1b2c3d4e5f6g7h8i9j0kL"
    assert "https://linktr.ee/camdufresne" in found["links"]


def test_instagram_profile_state_gives_id_bio_and_link() -> None:
    state = {"require": [["PolarisProfilePageContentQuery", {"user": {
        "id": "48151623", "username": "camdufresne", "full_name": "Camille D.",
        "biography": "Photographe \u00e0 Lyon \u2014 portfolio: camille-dufresne.example/portfolio",
        "external_url": "https://www.camille-dufresne.example/"}}]]}
    body = (
        '<html><head><meta property="og:title" content="Camille D. (@camdufresne)">'
        + BIG_SCRIPT + '</head><body><script type="application/json">'
        + json.dumps(state) + '</script><script>"profilePage_48151623"</script></body></html>'
    )
    found = profile_details(_resp("https://www.instagram.com/camdufresne/", body),
                            "https://www.instagram.com/camdufresne/")
    assert found["account_id"] == "48151623"
    assert found["bio"].startswith("Photographe à Lyon")
    assert "https://www.camille-dufresne.example/" in found["links"]
    assert "https://camille-dufresne.example/portfolio" in found["links"]


def test_a_bare_tiktok_bio_link_is_a_site_not_a_tiktok_path() -> None:
    universal = {"__DEFAULT_SCOPE__": {"webapp.user-detail": {"userInfo": {"user": {
        "id": "6912345678901234567", "shortId": "", "uniqueId": "velvetfox42",
        "nickname": "velvet fox", "signature": "night walks \u2022 Lyon",
        "bioLink": {"link": "linktr.ee/velvetfox42", "risk": 0}}}}}}
    body = ('<html><head><meta property="og:title" content="velvet fox (@velvetfox42)">'
            '</head><body><script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" '
            'type="application/json">' + json.dumps(universal, separators=(",", ":"))
            + "</script></body></html>")
    found = profile_details(_resp("https://www.tiktok.com/@velvetfox42", body),
                            "https://www.tiktok.com/@velvetfox42")
    assert found["links"] == ["https://linktr.ee/velvetfox42"]
    assert not any("tiktok.com/" in u and "linktr" in u for u in found["links"])
    assert found["account_id"] == "6912345678901234567"
    assert found["bio"] == "night walks • Lyon"


def test_links_written_in_bio_text() -> None:
    text = "mail me: cam@example.org · site: www.camille-dufresne.example, https://x.example/a)."
    assert links_in_text(text) == ["www.camille-dufresne.example", "https://x.example/a"]
    assert page_state("<html></html>") == {}
