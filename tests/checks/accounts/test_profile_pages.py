"""Profiles read from found accounts, on pages written here in the shapes of real 2024-2026
responses: a YouTube channel whose head is megabytes of inline script, an Instagram profile
with its embedded JSON state, a TikTok profile with a bare link in bio, and a bio that writes
its links as text."""

from __future__ import annotations

import json

from audit.net.model import HttpResponse
from checks.accounts.extract import profile_details
from checks.accounts.pagedata import links_in_text, page_state

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


# -- shapes seen on saved real profile pages (2017-2026) ----------------------------------------
def _read(url: str, body: str, ctype: str = "text/html; charset=utf-8",
          profile: str | None = None) -> dict[str, object]:
    return profile_details(_resp(url, body, ctype), profile or url)


def test_profile_page_json_ld_with_a_raw_line_break_and_a_did() -> None:
    # Bluesky writes the bio's line break raw inside the JSON-LD string (not valid strict JSON).
    body = ('<html><head>'
            '<meta property="og:title" content="Camille Dufresne (@cam.example.social)">'
            '<meta property="og:description" content="Photographe \n"></head><body>'
            '<script type="application/ld+json">{"@context": "https://schema.org", '
            '"@type": "ProfilePage", "mainEntity": {"@type": "Person", "name": "Camille Dufresne",'
            ' "alternateName": "@cam.example.social", "identifier": "did:plc:abc123def456",'
            ' "description": "Photographe \n", "image": "https://cdn.example/avatar/abc@jpeg"}}'
            '</script></body></html>')
    found = _read("https://bsky.app/profile/cam.example.social", body)
    assert found["display_name"] == "Camille Dufresne"
    assert found["account_id"] == "did:plc:abc123def456"
    assert found["avatar_url"] == "https://cdn.example/avatar/abc@jpeg"


def test_a_title_with_the_handle_in_parentheses_gives_the_name() -> None:
    for title in ("Camille D. (@camdufresne) • Instagram photos and videos",
                  "Camille D. (@camdufresne) on X", "Camille D. (@camdufresne) / X",
                  "Camille D. (@camdufresne) | TikTok"):
        body = f'<html><head><meta property="og:title" content="{title}"></head></html>'
        assert _read("https://x.example/camdufresne", body)["display_name"] == "Camille D."


def test_counters_are_not_a_bio_and_the_quoted_instagram_bio_is() -> None:
    body = ('<html><head><meta property="og:description" content="2,362 Followers, 136 Following,'
            ' 224 Posts - See Instagram photos and videos from Camille D. (&#064;camdufresne)">'
            '<meta name="description" content=\'2,362 Followers, 136 Following, 224 Posts - '
            'Camille D. (&#064;camdufresne) on Instagram: "Night walks &#x2014; Lyon"\'>'
            '</head></html>')
    assert _read("https://www.instagram.com/camdufresne/", body)["bio"] == "Night walks — Lyon"
    listeners = ('<html><head><meta property="og:title" content="Les Veilleurs">'
                 '<meta property="og:description" content="Artist · 2M monthly listeners.">'
                 '</head></html>')
    assert "bio" not in _read("https://open.spotify.com/artist/1aB2cD3eF4gH5iJ6kL7mN8", listeners)


def test_x_profile_page_avatar_website_and_id_come_from_its_json_ld() -> None:
    ld = {"@context": "http://schema.org", "@type": "ProfilePage", "mainEntity": {
        "@type": "Person", "additionalName": "camdufresne", "identifier": "101198215",
        "name": "Camille D.", "description": "Night walks \nhttps://t.co/AbCdEf1234",
        "image": {"@type": "ImageObject",
                  "contentUrl": "https://pbs.example/profile_images/1/cam_400x400.jpg"},
        "url": "https://x.com/camdufresne"},
        "relatedLink": ["https://t.co/ZyXwVu9876", "http://camille-dufresne.example"]}
    body = ('<html><head><meta property="og:image" '
            'content="https://abs.example/rweb/ssr/default/v2/og/image.png">'
            '<meta property="og:title" content="Camille D. (@camdufresne) / X"></head><body>'
            '<script type="application/ld+json" data-testid="UserProfileSchema-test">'
            + json.dumps(ld) + "</script></body></html>")
    found = _read("https://x.com/camdufresne", body)
    assert found["avatar_url"] == "https://pbs.example/profile_images/1/cam_400x400.jpg"
    assert found["account_id"] == "101198215"
    assert set(found["links"]) >= {"https://t.co/ZyXwVu9876", "http://camille-dufresne.example",
                                   "https://t.co/AbCdEf1234"}


def test_tiktok_identifier_that_is_the_handle_gives_way_to_the_numeric_id() -> None:
    ld = {"@context": "https://schema.org/", "@type": "ProfilePage", "mainEntity": {
        "@type": "Person", "name": "velvet fox", "alternateName": "velvetfox42",
        "identifier": "velvetfox42", "description": "night walks"}}
    state = {"webapp.user-detail": {"userInfo": {"user": {"id": "6912345678901234567",
                                                          "shortId": ""}}}}
    body = ('<html><head><meta name="al:ios:url" content="snssdk1233://user/profile/">'
            '<script type="application/ld+json">' + json.dumps(ld) + '</script></head><body>'
            '<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json">'
            + json.dumps(state, separators=(",", ":")) + "</script></body></html>")
    assert _read("https://www.tiktok.com/@velvetfox42", body)["account_id"] == (
        "6912345678901234567")


def test_youtube_meta_tags_after_a_large_head_and_the_header_link() -> None:
    state = {"header": {"headerLinks": {"channelHeaderLinksViewModel": {"firstLink": {
        "content": "facebook.com/204568612956950"}}}},
        "metadata": {"channelMetadataRenderer": {"externalId": "UCa1b2c3d4e5f6g7h8i9j0kL"}}}
    body = ("<html><head>" + BIG_SCRIPT + "</head><body>"
            '<meta property="og:title" content="Nuits de Lyon">'
            '<meta property="og:image" content="https://yt3.example/cam=s900">'
            "<script>var ytInitialData = " + json.dumps(state, separators=(",", ":"))
            + ";</script></body></html>")
    found = _read("https://www.youtube.com/channel/UCa1b2c3d4e5f6g7h8i9j0kL", body)
    assert found["display_name"] == "Nuits de Lyon"
    assert found["avatar_url"] == "https://yt3.example/cam=s900"
    assert found["links"] == ["https://facebook.com/204568612956950"]


def test_an_avatar_image_named_after_the_account_beats_a_shot_in_og_image() -> None:
    body = ('<html><head><meta property="og:title" content="Atelier Dufresne">'
            '<meta name="description" content="Atelier Dufresne | We design night-time maps.">'
            '<meta property="og:image" content="https://cdn.example/userupload/shot-1.png">'
            '</head><body><div class="masthead-content"><img class="profile-avatar" '
            'alt="Atelier Dufresne" src="https://cdn.example/users/4053754/avatars/a.png">'
            '<div class="follow-prompt" data-user-id="4053754"></div></div></body></html>')
    found = _read("https://dribbble.com/atelierdufresne", body)
    assert found["avatar_url"] == "https://cdn.example/users/4053754/avatars/a.png"
    assert found["bio"] == "We design night-time maps."
    assert found["account_id"] == "4053754"


def test_linkedin_organization_urn_and_spotify_app_link_give_the_id() -> None:
    linkedin = ('<html><head><meta property="og:title" content="Atelier Dufresne | LinkedIn">'
                '</head><body><div data-semaphore-content-urn="urn:li:organization:10529043">'
                "</div></body></html>")
    assert _read("https://fr.linkedin.com/company/atelier", linkedin)["account_id"] == "10529043"
    spotify = ('<html><head>'
               '<meta name="al:ios:url" content="spotify://artist/1aB2cD3eF4gH5iJ6kL7mN8">'
               "</head></html>")
    assert _read("https://open.spotify.com/artist/1aB2cD3eF4gH5iJ6kL7mN8", spotify)[
        "account_id"] == "1aB2cD3eF4gH5iJ6kL7mN8"


def test_activitypub_actor_icon_and_attachment_links() -> None:
    actor = {"id": "https://mastodon.example/users/cam", "type": "Person",
             "preferredUsername": "cam", "name": "Camille", "summary": "<p>Photographe</p>",
             "url": "https://mastodon.example/@cam",
             "attachment": [{"type": "PropertyValue", "name": "Site", "value":
                             '<a href="https://camille-dufresne.example/" rel="me nofollow">'
                             '<span class="invisible">https://</span>camille-dufresne.example'
                             "</a>"}, {"type": "PropertyValue", "name": "Mail",
                                       "value": "cam@example.org"}],
             "icon": {"type": "Image", "url": "https://files.example/avatars/cam.png"},
             "image": {"type": "Image", "url": "https://files.example/headers/cam.jpg"}}
    found = _read("https://mastodon.example/users/cam", json.dumps(actor),
                  "application/activity+json", profile="https://mastodon.example/@cam")
    assert found["avatar_url"] == "https://files.example/avatars/cam.png"
    assert found["links"] == ["https://camille-dufresne.example/"]
    assert found["account_id"] == "https://mastodon.example/users/cam"


def test_an_api_address_in_a_json_profile_is_not_a_link_out() -> None:
    user = {"login": "camdufresne", "id": 113001, "url": "https://api.github.com/users/camdufresne",
            "html_url": "https://github.com/camdufresne", "name": "Camille Dufresne",
            "blog": "https://camille-dufresne.example", "bio": None,
            "avatar_url": "https://avatars.example/u/113001?v=3"}
    found = _read("https://api.github.com/users/camdufresne", json.dumps(user),
                  "application/json", profile="https://github.com/camdufresne")
    assert found["links"] == ["https://camille-dufresne.example"]
    assert found["account_id"] == "113001"


def test_soundcloud_api_user_shows_its_username_and_bio_links() -> None:
    user = {"id": 542134, "kind": "user", "permalink": "camdufresne", "username": "cam nuit",
            "full_name": "Camille Dufresne",
            "description": "Field recordings\nhttp://nuits-sonores.example\nAlso on "
                           "http://www.camdufresne.bandcamp.example",
            "avatar_url": "https://i1.sndcdn.example/avatars-abc-large.jpg",
            "permalink_url": "https://soundcloud.com/camdufresne"}
    found = _read("https://api-v2.soundcloud.com/users/542134", json.dumps(user),
                  "application/json", profile="https://soundcloud.com/camdufresne")
    assert found["display_name"] == "cam nuit"
    assert found["links"] == ["http://nuits-sonores.example",
                              "http://www.camdufresne.bandcamp.example"]
    assert found["account_id"] == "542134"


def test_peertube_channel_avatars_and_support_text() -> None:
    channel = {"id": 1126, "name": "nuits_channel", "displayName": "Nuits de Lyon",
               "description": "Balades nocturnes.",
               "support": "Soutenir : [un don](https://don.nuits.example)",
               "url": "https://video.nuits.example/video-channels/nuits_channel",
               "avatars": [{"width": 48, "fileUrl": "https://tube.example/avatars/small.png"},
                           {"width": 120, "fileUrl": "https://tube.example/avatars/big.png"}]}
    found = _read("https://tube.example/api/v1/video-channels/nuits_channel@video.nuits.example",
                  json.dumps(channel), "application/json",
                  profile="https://video.nuits.example/video-channels/nuits_channel")
    assert found["avatar_url"] == "https://tube.example/avatars/big.png"
    assert found["links"] == ["https://don.nuits.example"]
    assert found["display_name"] == "Nuits de Lyon"
