"""`host_of` and `hostname_of`: the one reading of which site a URL is on."""

from __future__ import annotations

import pytest

from audit.hosts import host_of, hostname_of


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://WWW.Example.org/x", "example.org"),
        ("https://www.example.org:8443/x?y=1", "example.org"),
        ("http://example.org./", "example.org"),
        ("https://blog.www.example.org/", "blog.www.example.org"),
        ("https://m.facebook.com/u", "m.facebook.com"),
        ("https://Élise.fr/", "élise.fr"),  # as written, not IDNA
        ("https://[::1]:8080/", "::1"),
        ("https://[::1/", ""),  # unparsable: no host, no exception
        ("/tmp/photo.jpg", ""),
        ("", ""),
    ],
)
def test_host_of(url: str, host: str) -> None:
    assert host_of(url) == host


def test_hostname_of_keeps_www_for_display() -> None:
    assert hostname_of("https://WWW.Example.org:8443/x") == "www.example.org"
    assert hostname_of("https://[::1/") == ""
