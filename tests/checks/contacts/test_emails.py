"""Email extraction: one test per written form, plus the loose tier's guard."""

from __future__ import annotations

from checks._common.cfemail import decode_cfemail
from checks._common.page import parse_page
from checks._common.text import prepare_text
from checks.contacts.emails import emails_from_mailto, find_emails

ME = "camille.dufresne@example.org"


def _values(text: str, known: tuple[str, ...] = (), names: tuple[str, ...] = ()) -> list[str]:
    return [m.value for m in find_emails(prepare_text(text), known, names)]


def _cf(email: str, key: int = 0x42) -> str:
    return "".join(f"{b:02x}" for b in [key, *(c ^ key for c in email.encode())])


def test_plain_text() -> None:
    assert _values("write to Camille.Dufresne@Example.org.") == [ME]


def test_html_entities() -> None:
    assert _values("camille.dufresne&#64;example&#46;org") == [ME]


def test_zero_width_characters() -> None:
    assert _values("camille.dufresne\u200b@exam\u00adple.org") == [ME]


def test_full_width_at_sign() -> None:
    assert _values("camille.dufresne＠example.org") == [ME]


def test_bracketed_at_and_dot() -> None:
    assert _values("camille [dot] dufresne [at] example [dot] org") == [ME]


def test_parenthesised_at_and_point() -> None:
    assert _values("helene(at)exemple(point)fr") == ["helene@exemple.fr"]


def test_braces_form() -> None:
    assert _values("helene {at} exemple {dot} fr") == ["helene@exemple.fr"]


def test_arobase_and_point_words() -> None:
    assert _values("helene arobase exemple point fr") == ["helene@exemple.fr"]


def test_bare_at_word_kept_only_for_the_persons_address() -> None:
    assert _values("camille at example dot org", known=("camille@example.org",)) == [
        "camille@example.org"
    ]
    assert _values("camille at example dot org", names=("Camille Dufresne",)) == [
        "camille@example.org"
    ]
    assert _values("Meet me at the point of no return") == []
    assert _values("je suis at home point final") == []
    assert _values("someone at example dot org") == []


def test_prose_dot_word_after_a_real_address_is_not_glued_on() -> None:
    assert _values("a@b.fr point final") == ["a@b.fr"]


def test_file_names_are_not_addresses() -> None:
    assert _values("logo@2x.png and icon@3x.webp") == []


def test_mailto_links_with_several_addresses_and_a_query() -> None:
    assert emails_from_mailto("mailto:A@b.com,%20c@d.fr?subject=hi") == ["a@b.com", "c@d.fr"]
    assert emails_from_mailto("https://example.org/") == []


def test_cloudflare_hex_decoding() -> None:
    assert decode_cfemail(_cf(ME)) == ME
    assert decode_cfemail(_cf(ME, key=0x9C)) == ME
    assert decode_cfemail("zz") is None
    assert decode_cfemail(_cf("not an address")) is None


def test_cloudflare_span_and_link_in_a_page() -> None:
    html = (
        f'<p>Mail: <span class="__cf_email__" data-cfemail="{_cf(ME)}">[email&#160;protected]'
        f'</span></p><a href="/cdn-cgi/l/email-protection#{_cf("other@example.net")}">'
        "[email&#160;protected]</a>"
    )
    page = parse_page("https://site.example/", html)
    assert ME in page.text
    assert "protected" not in page.text
    assert page.cf_emails == {ME, "other@example.net"}
    assert any(link.url == "mailto:other@example.net" for link in page.links)


def test_long_runs_do_not_blow_up() -> None:
    # Without bounded repetitions this input takes minutes (quadratic backtracking).
    assert _values("a dot " * 30000) == []
    assert _values("a [dot] " * 20000) == []
    assert _values("a.b.c.d.e.f.g.h@example.org") == ["a.b.c.d.e.f.g.h@example.org"]
