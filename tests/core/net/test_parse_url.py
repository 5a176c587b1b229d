"""`parse_url`: the quick path for plain catalog URLs reads every URL exactly as the general
path does (same URL, host and port, same refusals)."""

from __future__ import annotations

import re

import pytest

from audit.check import NetworkError
from audit.net import urls
from checks.accounts.store import active_sites

TRICKY = [
    "http://127.0.0.1:99999/x",  # port out of range
    "HTTP://EXAMPLE.com/X",
    "http://example.com",
    "https://a.b:0/",
    "http://1.2.3.4:80/?q=1#f",
    "http://ex-ample.com./a",
    "http://[::1]/",
    "http://127.1/",
    "http://0x7f.1/a",
    "https://xn--bcher-kva.de/",
    "http://a..b/",
    "http://a.com:/x",
    "http://a.com:08/x",
    "https://example.com/a%2Fb?x=%41",
    "https://example.com/ü",
    "https://exämple.com/u",
    "http://user@example.com/",
    "http://example.com\\@evil.com/",
    "ftp://example.com/",
]


def _read(url: str, quick: bool) -> tuple[str, str | None, int | None, str]:
    saved = urls._PLAIN
    if not quick:
        urls._PLAIN = re.compile(r"(?!)")  # nothing takes the quick path
    try:
        parsed = urls.parse_url(url)
    except NetworkError as exc:
        return "", None, None, str(exc)
    finally:
        urls._PLAIN = saved
    return str(parsed), parsed.raw_host, parsed.port, ""


def _catalog_urls() -> list[str]:
    out = []
    for site in active_sites(None):
        for handle in ("alice", "Bob.Smith", "x_y-z", "é", "a b", "%41", "a/b", "a?b"):
            out.append(site.profile_for(handle))
            try:
                out.append(site.probe_url(handle))
            except ValueError:
                pass
    return out


@pytest.mark.parametrize("url", TRICKY)
def test_quick_path_reads_tricky_urls_as_the_general_path(url: str) -> None:
    assert _read(url, quick=True) == _read(url, quick=False)


def test_quick_path_reads_every_catalog_url_as_the_general_path() -> None:
    catalog = _catalog_urls()
    quick = [u for u in catalog if urls._PLAIN.fullmatch(u)]
    assert len(quick) > len(catalog) // 2  # most catalog URLs do take the quick path
    differ = [u for u in catalog if _read(u, quick=True) != _read(u, quick=False)]
    assert differ == []
