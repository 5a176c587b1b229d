"""URL normalisation: redirect wrappers, tracking parameters, host case, trailing slash."""

from __future__ import annotations

import pytest

from checks.search.urls import landing_host, normalise_url, unwrap


@pytest.mark.parametrize(
    ("wrapped", "target"),
    [
        ("//duckduckgo.com/l/?uddg=https%3A%2F%2Fgithub.com%2Fcamdufresne&rut=abc",
         "https://github.com/camdufresne"),
        ("https://www.google.com/url?q=https://example.org/a%3Fb%3D1&sa=U&ved=x",
         "https://example.org/a?b=1"),
        ("/url?q=https://example.org/page&sa=U", "https://example.org/page"),
        ("https://www.bing.com/ck/a?!&&p=1&u=a1aHR0cHM6Ly9naXRodWIuY29tL2NhbWR1ZnJlc25l&ntb=1",
         "https://github.com/camdufresne"),
        ("https://example.org/plain", "https://example.org/plain"),
    ],
)
def test_unwrap_engine_redirects(wrapped: str, target: str) -> None:
    base = "https://www.google.com/" if wrapped.startswith("/url") else "https://duckduckgo.com/"
    assert unwrap(wrapped, base) == target


def test_double_encoded_uddg_is_decoded() -> None:
    url = "https://duckduckgo.com/l/?uddg=https%253A%252F%252Fexample.org%252Fx"
    assert unwrap(url) == "https://example.org/x"


def test_normalise_removes_tracking_and_fragment_and_sorts_params() -> None:
    a = normalise_url("HTTPS://Example.ORG:443/Path/?utm_source=x&b=2&fbclid=IwAR&a=1#top")
    b = normalise_url("https://example.org/Path?a=1&b=2&gclid=zz&utm_medium=mail")
    assert a == b == "https://example.org/Path?a=1&b=2"


def test_normalise_keeps_meaningful_differences() -> None:
    assert normalise_url("https://example.org/a") != normalise_url("https://example.org/b")
    assert normalise_url("https://example.org/?q=1") != normalise_url("https://example.org/?q=2")
    assert normalise_url("http://example.org:8080/") == "http://example.org:8080/"


def test_normalise_unwraps_before_comparing() -> None:
    wrapped = ("//duckduckgo.com/l/?uddg=https%3A%2F%2Fwww.camille-dufresne.example%2F"
               "%3Futm_source%3Dddg")
    assert normalise_url(wrapped) == normalise_url("https://www.camille-dufresne.example")


def test_host_of_drops_www_and_lowercases() -> None:
    assert landing_host("https://WWW.Societe.com/dirigeant/x.html") == "societe.com"


def test_clean_url_keeps_the_page_but_drops_tracking() -> None:
    from checks.search.urls import clean_url

    assert clean_url("https://www.pagesjaunes.fr/pagesblanches/recherche?quoiqui=dufresne&ou=lyon"
                     "&fbclid=IwAR0#x") == (
        "https://www.pagesjaunes.fr/pagesblanches/recherche?quoiqui=dufresne&ou=lyon")
    assert clean_url("https://Example.org/A/?b=1&a=2") == "https://Example.org/A/?b=1&a=2"
