"""Profile URLs to node ids and back, link-in-bio hosts, handles mentioned in bios."""

from __future__ import annotations

import pytest

from checks.links.platforms import is_link_in_bio, mentions, node_for_url, profile_url


@pytest.mark.parametrize(
    ("url", "node"),
    [
        ("https://github.com/camdufresne", "github:camdufresne"),
        ("https://www.reddit.com/user/velvetfox42/", "reddit:velvetfox42"),
        ("https://twitter.com/Foo", "x:foo"),
        ("https://mastodon.social/@velvetfox42", "mastodon.social:velvetfox42"),
        ("https://linktr.ee/velvetfox42", "linktree:velvetfox42"),
        ("https://velvet.carrd.co/", "carrd:velvet"),
        ("https://www.instagram.com/camdufresne/", "instagram:camdufresne"),
        ("https://github.com/features", None),
        ("https://github.com/camdufresne/repo", None),
        ("https://example.org/about", None),
        ("mailto:x@example.org", None),
    ],
)
def test_node_for_url(url: str, node: str | None) -> None:
    assert node_for_url(url) == node


def test_profile_url_is_the_inverse() -> None:
    assert profile_url("github:camdufresne") == "https://github.com/camdufresne"
    assert profile_url("pixelfed.example:velvet") == "https://pixelfed.example/@velvet"
    assert profile_url("name:camille") is None


def test_link_in_bio_hosts() -> None:
    assert is_link_in_bio("https://linktr.ee/velvetfox42")
    assert is_link_in_bio("https://beacons.ai/velvet")
    assert not is_link_in_bio("https://github.com/camdufresne")


def test_bio_mentions() -> None:
    text = ("also on mastodon as @velvetfox42@mastodon.social, insta: @velvet.photos; "
            "write to velvet@example.org")
    assert mentions(text) == [
        ("mastodon.social:velvetfox42", "@velvetfox42@mastodon.social"),
        ("instagram:velvet.photos", "insta: @velvet.photos"),
    ]
    assert mentions("Also on X as @velvetfox_x") == [("x:velvetfox_x", "X as @velvetfox_x")]
    assert mentions("nothing @here without a platform word") == []
