"""What a found profile says: OpenGraph, microformats, JSON-LD, rel=me, JSON APIs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from audit.net.model import HttpResponse
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


# -- the page reader: tricky markup ----------------------------------------------------------
def page_details(body: str) -> dict[str, object]:
    return profile_details(html(f"<html><head></head><body>{body}</body></html>"),
                           "https://site.example/alice")


def test_extract_imports_bs4_only_when_it_reads_a_page() -> None:
    code = (
        "import sys\n"
        "from audit.net.model import HttpResponse\n"
        "from checks.accounts import demo\n"
        "from checks.accounts.extract import profile_details\n"
        "print('bs4' in sys.modules)\n"
        "r = HttpResponse(url='https://github.com/camdufresne', status=200,\n"
        "                 headers={'content-type': 'text/html'}, body=demo.GITHUB_PAGE.encode())\n"
        "got = profile_details(r, 'https://github.com/camdufresne')\n"
        "assert got['display_name'] == 'Camille Dufresne', got\n"
        "print('bs4' in sys.modules)\n"
    )
    root = Path(__file__).resolve().parents[3]
    proc = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "True"]


def test_nested_text_is_joined_with_single_spaces() -> None:
    got = page_details('<h1 class="p-name"><b>Alice</b><i>  van\n Dam </i>'
                       '<!-- x -->Jr<script>var no = 1;</script><style>.no{}</style></h1>')
    assert got["display_name"] == "Alice van Dam Jr"


def test_br_in_bio_is_a_space() -> None:
    got = page_details('<div class="p-note">line one<br>line two<br/>three</div>')
    assert got["bio"] == "line one line two three"
    api = profile_details(js({"id": 5, "note": "<p>first<br>second</p><p>third</p>"}),
                          "https://site.example/alice")
    assert api["bio"] == "first second third"


def test_unclosed_tags_end_with_their_ancestor_or_the_page() -> None:
    got = page_details('<div class="p-note"><span class="p-name">Al<i>ice</div>'
                       "outside text")
    assert got["display_name"] == "Al ice"
    assert got["bio"] == "Al ice"
    got = page_details('<span class="p-name">Alice<div>still inside')
    assert got["display_name"] == "Alice still inside"


def test_stray_end_tags_close_nothing() -> None:
    got = page_details('</div></span><div class="p-note">bio</p></span> text</div></div>'
                       '<span class="p-name">Bob</span>')
    assert got["bio"] == "bio text"
    assert got["display_name"] == "Bob"


def test_void_elements_hold_no_text() -> None:
    got = page_details('<img class="p-name" src="/x.png">Not a name'
                       '<span itemprop="name">Real Name</span>')
    assert got["display_name"] == "Real Name"  # the empty p-name gives way to itemprop=name
    got = page_details('<meta itemprop="name" content="x"><span itemprop="name">Real</span>')
    assert "display_name" not in got  # only the first itemprop=name element is read


def test_rel_is_a_case_insensitive_list() -> None:
    got = page_details('<link rel="ME me2" href="https://a.example/">'
                       '<a rel="nofollow Me" href="/b">b</a>'
                       '<a rel="home" href="https://c.example/">c</a>'
                       '<a rel="nome" href="https://d.example/">d</a>')
    assert got["rel_me"] == ["https://a.example/", "https://site.example/b"]
    assert got["links"] == got["rel_me"]


def test_hostile_links_are_dropped() -> None:
    hostile = ('<a href="javascript:alert(1)" rel=me>x</a>'
               '<a href="data:text/html,hi" rel=me>x</a><a href rel=me>x</a>'
               '<a href="  " rel=me>x</a><a href="mailto:a@b.example" rel=me>x</a>'
               '<a href="https://ok.example/" rel=me>ok</a>')
    api = profile_details(js({"id": 5, "note": hostile}), "https://site.example/alice")
    assert api["rel_me"] == api["links"] == ["https://ok.example/"]
    got = page_details(hostile.replace("rel=me", 'rel="me"'))
    assert got["rel_me"] == ["https://ok.example/"]


def test_links_only_from_bio_like_elements() -> None:
    got = page_details('<nav><a href="https://nav.example/">nav</a></nav>'
                       '<div class="profile-field"><a href="https://one.example/">1</a>'
                       '<div class="bio"><a href="/two">2</a></div></div>'
                       '<a class="bio" href="https://self.example/">the block itself</a>'
                       '<p class="user-profile-bio"><a href="https://three.example/">3</a></p>')
    assert got["links"] == ["https://one.example/", "https://site.example/two",
                            "https://three.example/"]


def test_entities_are_decoded() -> None:
    got = profile_details(html(
        '<html><head><meta property="og:description" content="a &amp; b &lt;3">'
        '</head><body><span class="p-name">Caf&eacute; &amp; co &#169;</span></body></html>'),
        "https://site.example/alice")
    assert got["display_name"] == "Café & co ©"
    assert got["bio"] == "a & b <3"


def test_huge_attributes_are_bounded_and_harmless() -> None:
    long_bio = "word " * 20_000
    got = profile_details(html(
        f'<html><head><meta property="og:description" content="{long_bio}"></head>'
        f'<body><a rel="me" href="https://x.example/{"a" * 600_000}">x</a></body></html>'),
        "https://site.example/alice")
    assert len(got["bio"]) == 500
    assert "rel_me" not in got  # the tag is cut by the parse limits: no half URL


def test_json_ld_with_script_end_tag_inside_a_string() -> None:
    raw = ('<html><head><meta property="og:title" content="Fallback">'
           '<script type="application/ld+json">{"@type": "Person", "name": "x</script>y"}'
           '</script></head><body></body></html>')
    assert profile_details(html(raw), "https://site.example/a")["display_name"] == "Fallback"
    escaped = raw.replace('x</script>y', 'x<\\/script>y')
    assert profile_details(html(escaped), "https://site.example/a")["display_name"] == (
        "x</script>y")


def test_markup_the_stdlib_parser_rejects_keeps_what_was_read() -> None:
    got = page_details('<span class="p-name">Alice</span><![bogus[ x ]]><p class="p-note">z')
    assert got["display_name"] == "Alice"


def test_avatar_img_when_no_meta_image() -> None:
    got = page_details('<img class="logo" src="/logo.png"><img class="Avatar-big" src="/a.png">'
                       '<img class="u-photo" src="/b.png">')
    assert got["avatar_url"] == "https://site.example/a.png"


def big_profile_page() -> str:
    """A ~300 KB profile page: a long head, a big nav, an h-card, hundreds of repo cards."""
    head = "".join(f'<link rel="preload" href="/assets/chunk-{i}.js" as="script">\n'
                   for i in range(300))
    head += "<style>" + ".c{color:red}\n" * 800 + "</style>"
    nav = "".join(f'<li class="nav-item"><a href="/topics/{i}">Topic {i}</a></li>'
                  for i in range(200))
    card = ('<div class="repo-card"><h3><a href="/camdufresne/repo-{i}">repo-{i}</a></h3>'
            '<p class="repo-description">Maps &amp; tiles, part {i}</p>'
            '<span class="lang">Python</span><span class="stars">{i}</span>'
            '<img class="contrib" src="/c/{i}.png" alt=""></div>\n')
    cards = "".join(card.format(i=i) for i in range(1200))
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta property="og:title" content="camdufresne - Overview">'
        '<meta name="octolytics-dimension-user_id" content="48151623">'
        f"{head}</head><body><header><ul>{nav}</ul></header>"
        '<div class="h-card"><img class="avatar avatar-user" src="/u/48151623.png">'
        '<h1><span class="p-name">Camille Dufresne</span></h1>'
        '<div class="p-note user-profile-bio">Maps, <b>tiles</b><br>and small things</div>'
        '<a rel="nofollow me" href="https://www.camille-dufresne.example/">site</a></div>'
        f"<main>{cards}</main></body></html>"
    )


def test_big_realistic_page() -> None:
    page = big_profile_page()
    assert len(page) > 250_000
    got = profile_details(html(page, "https://github.com/camdufresne"),
                          "https://github.com/camdufresne")
    assert got == {
        "display_name": "Camille Dufresne",
        "bio": "Maps, tiles and small things",
        "links": ["https://www.camille-dufresne.example/"],
        "rel_me": ["https://www.camille-dufresne.example/"],
        "avatar_url": "https://github.com/u/48151623.png",
        "account_id": "48151623",
    }
