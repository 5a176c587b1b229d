"""`checks._common.soup`: the bounded parse and the one HTML-to-text path."""

from __future__ import annotations

from checks._common import soup


def test_text_of_leaves_out_scripts_styles_templates_and_comments() -> None:
    page = soup.parse(
        "<p>Camille <b>Dufresne</b><br>Lyon</p><script>var x = 'no';</script>"
        "<style>p{}</style><template>hidden</template><!-- note -->"
        "<ruby>漢<rt>kan</rt></ruby>  &amp;\n\n more"
    )
    assert soup.text_of(page) == "Camille Dufresne Lyon 漢 & more"


def test_text_of_none_is_empty() -> None:
    assert soup.text_of(None) == ""


def test_markup_the_parser_gives_up_on_keeps_what_was_read() -> None:
    page = soup.parse('<div><span class="name">Alice</span><![bogus[ x ]]><p>lost</p>')
    assert soup.text_of(page.find("span")) == "Alice"
    assert page.find("p") is None
