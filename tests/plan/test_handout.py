"""The trainer's blank handout, generated from the knowledge base."""

from __future__ import annotations

import pytest

from audit.plan.handout import handout_items


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_handout_is_generic_ordered_and_sourced(lang: str) -> None:
    items = handout_items(lang)
    ids = [i.id for i in items]
    assert ids[:3] == ["danger", "secure_accounts", "evidence_first"]
    assert "platform:facebook" in ids
    assert ids[-1] == "monitor"
    for item in items:
        assert item.title
        assert item.steps
        assert item.source_url.startswith("https://")
    text = " ".join(s for i in items for s in i.steps)
    assert "Camille" not in text
    if lang == "fr":
        assert "3018" in text
        assert "Paramètres" in text
    else:
        assert "112" in text
        assert "Settings" in text
