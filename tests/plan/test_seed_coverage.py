"""Every concrete recommendation of the French source documents is covered by the plan's data.

The list (`seed_recommendations.json`) is ours, in our own words; it does not need the source
documents to run. Each entry names the handout section, helpline, authority or evidence rule
that covers it and a phrase that item must contain in French.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit.plan import kb
from audit.plan.handout import handout_items

DATA = json.loads((Path(__file__).with_name("seed_recommendations.json")).read_text("utf-8"))
RECS = DATA["recommendations"]


def _corpus() -> dict[str, str]:
    texts: dict[str, str] = {}
    for item in handout_items("fr"):
        texts[f"handout:{item.id}"] = " ".join([item.title, *item.steps])
    fr = kb.jurisdiction("FR")
    for group, prefix in (("helplines", "helpline"), ("emergency", "emergency")):
        for h in fr[group]:
            texts[f"{prefix}:{h['id']}"] = " ".join(
                [kb.text(h["name"], "fr"), kb.text(h["what"], "fr")]
            )
    texts["authority:FR"] = kb.text(fr["dpa"]["text"], "fr")
    texts["evidence:FR"] = kb.text(fr["evidence"]["text"], "fr")
    return {k: v.lower() for k, v in texts.items()}


CORPUS = _corpus()


def test_the_list_covers_every_source_document() -> None:
    assert {r["seed"] for r in RECS} == {"000", "001", "002", "003", "004"}
    assert len(RECS) >= 51


@pytest.mark.parametrize("rec", RECS, ids=[r["recommendation"][:40] for r in RECS])
def test_each_recommendation_is_covered(rec: dict[str, str]) -> None:
    assert rec["covered_by"] in CORPUS, rec["covered_by"]
    assert rec["keyword"].lower() in CORPUS[rec["covered_by"]], rec
