"""The Markdown report: escaping (pipes, newlines, backticks, HTML), safe links, tables that
keep their shape, section order and language."""

from __future__ import annotations

import re

import pytest

from audit.render import RenderOptions
from reports.markdown import MarkdownRenderer
from reports.mdtext import inline, link, quote, table
from tests.reports.factories import HOSTILE, JS_URL, empty_report, make_report


def render(hostile: bool = False, **options: object) -> str:
    return MarkdownRenderer().render(make_report(hostile=hostile), RenderOptions(**options))  # type: ignore[arg-type]


def unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_inline_escapes_markdown_and_html() -> None:
    out = inline(HOSTILE)
    assert "\n" not in out
    assert "<" not in out
    assert ">" not in out
    assert "&lt;script&gt;" in out
    assert unescaped_pipes(out) == 0
    assert "`" not in out.replace("\\`", "")
    # a plain & stays readable (URLs keep theirs); only an entity-like & is escaped
    assert inline("a & b") == "a & b"
    assert inline("https://x.example/?a=1&b=2") == "https://x.example/?a=1&b=2"
    assert inline("&amp; &#60;") == "&amp;amp; &amp;#60;"
    assert inline("- item") == "\\- item"
    assert inline("1. item") == "1\\. item"
    assert inline("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"


def test_links_only_for_http() -> None:
    assert link(JS_URL) == inline(JS_URL)
    assert link("https://a.example/a b") == "https://a.example/a b"  # not a valid link: text
    assert link("https://a.example/a|b") == "<https://a.example/a%7Cb>"
    assert link("https://a.example/p", "Page") == "[Page](<https://a.example/p>)"
    assert link("data:text/html,<b>x</b>").startswith("data:text/html,&lt;b&gt;")


def test_tables_keep_their_shape_with_hostile_cells() -> None:
    out = render(hostile=True)
    for block in re.split(r"\n\n", out):
        lines = [ln for ln in block.splitlines() if ln.startswith("| ")]
        if not lines:
            continue
        columns = unescaped_pipes(lines[0])
        assert all(unescaped_pipes(ln) == columns for ln in lines), block


def test_no_html_and_no_javascript_links() -> None:
    out = render(hostile=True)
    for match in re.finditer(r"<", out):
        assert out.startswith("<http", match.start()), out[match.start(): match.start() + 40]
    assert "](<javascript" not in out
    assert "<javascript" not in out
    assert "\nsecond line" not in out  # newlines inside values never start a new line


def test_letter_is_quoted_line_by_line() -> None:
    lines = quote("Madame,\n\n<b>x</b> | y")
    assert lines == ["> Madame,  ", ">", "> &lt;b&gt;x&lt;/b&gt; \\| y  ", ""]


def test_sections_in_order_and_checklist() -> None:
    out = render()
    headings = ["## Summary", "## Changes since the last audit", "## Action plan",
                "## What was found", "## Requests ready to send", "## Evidence log",
                "## Appendix: what was sent to whom"]
    positions = [out.index(h + "\n") for h in headings]
    assert positions == sorted(positions)
    assert out.count("- [ ] ") == 2
    assert "| work: 3 photos, 3 days | Likely work | 45.7485 | 4.8467 |" in out
    assert "| github:camdufresne | name:camille dufresne | display-name | strong |" in out


@pytest.mark.parametrize(("lang", "heading"),
                         [("fr", "## Plan d'action"), ("en", "## Action plan")])
def test_language(lang: str, heading: str) -> None:
    out = render(lang=lang)
    assert heading in out
    field = "- Nom affiché\u00a0: " if lang == "fr" else "- Display name: "
    assert f"{field}velvet fox" in out


def test_table_helper() -> None:
    assert table(["a", "b"], [("x|y", "1\n2")]) == ["| a | b |", "| --- | --- |",
                                                    "| x\\|y | 1 2 |", ""]


def test_empty_report() -> None:
    out = MarkdownRenderer().render(empty_report(), RenderOptions())
    assert "_Nothing was found._" in out
    assert "_No request was sent._" in out


def test_help_lines_and_evidence_advice() -> None:
    out = render()
    plan = out[out.index("\n## Action plan"): out.index("\n## What was found")]
    assert "| 3018 (e-Enfance) | 3018 | 9-23 | Online violence | <https://www.3018.fr/> |" in plan
    assert "About 1 h 35 min in all" in plan
    assert "### How to keep evidence" in out
