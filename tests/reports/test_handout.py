"""The blank workshop checklist, in HTML and Markdown, from the knowledge base's items."""

from __future__ import annotations

import stat
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from audit.plan.types import HandoutItem
from reports.handout import register_commands, render_handout
from tests.reports.factories import HOSTILE, JS_URL
from tests.reports.htmlcheck import parse

ITEMS = [
    HandoutItem(id="danger", title="If you are in danger", steps=("Call 17", "Call 3018"),
                minutes=5, source_url="https://www.3018.fr/"),
    HandoutItem(id="x", title=f"X {HOSTILE}", steps=(HOSTILE,), minutes=0, source_url=JS_URL),
]


def test_html_handout_is_printable_blank_and_escaped() -> None:
    out = render_handout(ITEMS, "en", "html")
    doc = parse(out)
    boxes = [i for i in doc.all("input") if i.get("type") == "checkbox"]
    assert len(boxes) == 3
    assert not any("checked" in b for b in boxes)
    assert "@page" in out
    assert "@media print" in out
    assert not doc.all("script")
    assert all((a.get("href") or "").startswith("https://") for a in doc.all("a"))
    assert '<html lang="en">' in out
    assert "Protect yourself online" in out


def test_markdown_handout() -> None:
    out = render_handout(ITEMS, "fr", "markdown")
    assert out.startswith("# Se protéger en ligne")
    assert out.count("- [ ] ") == 3
    assert "<script" not in out
    assert "## If you are in danger (environ 5 min)" in out


def test_real_knowledge_base_items_in_both_languages() -> None:
    handout = pytest.importorskip("audit.plan.handout")
    for lang in ("en", "fr"):
        items = handout.handout_items(lang)
        out = render_handout(items, lang, "html")
        assert out.count('<input type="checkbox"') == sum(len(i.steps) for i in items)
        assert f'<html lang="{lang}">' in out


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="handout format"):
        render_handout(ITEMS, "en", "pdf")


def test_handout_command(tmp_path: Path) -> None:
    pytest.importorskip("audit.plan.handout")
    group = click.Group()
    register_commands(group)
    runner = CliRunner()
    done = runner.invoke(group, ["handout", "--lang", "fr", "--format", "markdown"],
                         catch_exceptions=False)
    assert done.exit_code == 0
    assert done.output.startswith("# Se protéger en ligne")
    target = tmp_path / "handout.html"
    done = runner.invoke(group, ["handout", "-o", str(target)], catch_exceptions=False)
    assert done.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
