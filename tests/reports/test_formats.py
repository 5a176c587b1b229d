"""Contract of the renderers written here: registered through the plugin hook, with their
class attributes, rendering an empty report and an every-status report in both languages."""

from __future__ import annotations

import pytest

from audit.plugins import load_plugins
from audit.render import RenderOptions
from tests.reports.factories import empty_report, make_report

MINE = {"markdown": "md", "csv": "csv", "evidence-csv": "evidence.csv", "html": "html"}
REGISTRY = load_plugins(include_installed=False)


@pytest.mark.parametrize(("name", "extension"), sorted(MINE.items()))
def test_registered_with_metadata(name: str, extension: str) -> None:
    cls = REGISTRY.renderers[name]
    assert cls.name == name
    assert cls.extension == extension
    assert cls.media_type.startswith("text/")
    assert cls.description


@pytest.mark.parametrize("name", sorted(MINE))
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_renders_empty_and_full_reports(name: str, lang: str) -> None:
    renderer = REGISTRY.renderers[name]()
    for report in (empty_report(), make_report(), make_report(hostile=True)):
        out = renderer.render(report, RenderOptions(lang=lang, show_not_found=True))
        assert isinstance(out, str)
        assert out.endswith("\n")
