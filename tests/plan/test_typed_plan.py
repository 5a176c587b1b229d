"""The action plan renderers get is a frozen, typed `ActionPlan`, whether just built or reloaded
from the history; reports saved by older versions (the plan as loose dicts) still load."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import jsonschema
import pytest

from audit import api
from audit.models import ScanReport, map_strings
from audit.plan import build_plan
from audit.plan.types import (
    ActionPlan,
    ChecklistItem,
    EvidenceAdvice,
    Helplines,
    PlanRequest,
)
from audit.render import RenderOptions
from audit.store.db import connect
from audit.store.history import HistoryStore
from audit.store.serialize import report_from_dict, report_to_dict
from tests.plan.persona import report

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "docs/report.schema.json").read_text(encoding="utf-8")
)
FORMATS = ("json", "markdown", "html", "table", "summary")


def _with_plan(lang: str = "en") -> ScanReport:
    rep = report()
    return dataclasses.replace(rep, plan=build_plan(rep, lang))


def test_build_plan_returns_frozen_typed_values() -> None:
    plan = build_plan(report(), "en")
    assert isinstance(plan, ActionPlan)
    assert plan.checklist
    assert all(isinstance(i, ChecklistItem) for i in plan.checklist)
    assert plan.requests
    assert all(isinstance(r, PlanRequest) for r in plan.requests)
    assert isinstance(plan.helplines, Helplines)
    assert plan.helplines.emergency
    assert isinstance(plan.evidence_advice, EvidenceAdvice)
    assert plan.minutes_total == sum(i.minutes for i in plan.checklist if not i.optional)
    with pytest.raises(dataclasses.FrozenInstanceError):
        plan.checklist[0].title = "changed"  # type: ignore[misc]
    # progress is not applied yet: the JSON form then has no done / status keys
    assert all(i.done is None for i in plan.checklist)
    assert all(r.status is None for r in plan.requests)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_saved_and_reloaded_report_renders_like_the_built_one(app_home: Path,
                                                                lang: str) -> None:
    built = _with_plan(lang)
    store = HistoryStore(connect())
    store.save(built)
    again = store.get(built.scan_id)
    assert isinstance(again.plan, ActionPlan)
    assert again.plan == built.plan
    options = RenderOptions(lang=lang)
    for fmt in FORMATS:
        assert api.render(again, fmt, options) == api.render(built, fmt, options), fmt


def test_what_renderers_get_is_typed_even_in_workshop_mode() -> None:
    built = _with_plan()
    shown = api.shown(built, RenderOptions(redact=True))
    assert isinstance(shown.plan, ActionPlan)
    assert len(shown.plan.requests) == len(built.plan.requests)  # type: ignore[union-attr]
    letters = " ".join(r.letter or "" for r in shown.plan.requests)
    assert letters
    assert "Camille" not in letters
    assert "Person A" in letters


def test_the_json_form_round_trips_exactly() -> None:
    data = json.loads(json.dumps(report_to_dict(_with_plan())))
    assert report_to_dict(report_from_dict(data)) == data
    jsonschema.Draft202012Validator(SCHEMA).validate(data)


def test_map_text_changes_strings_but_not_skipped_fields_or_enums() -> None:
    plan = build_plan(report(), "en")
    shouted = map_strings(plan, str.upper, frozenset({"id"}))
    assert shouted.checklist[0].id == plan.checklist[0].id
    assert shouted.checklist[0].title == plan.checklist[0].title.upper()
    assert shouted.requests[0].severity is plan.requests[0].severity


def test_the_plan_never_hides_in_extras() -> None:
    rep = report()
    with pytest.raises(ValueError, match="plan"):
        dataclasses.replace(rep, extras={"checklist": []})


# A report as an older version saved it: loose dicts, fields missing or of another type.
OLD = {
    "checklist": [
        {"id": "chk-old", "title": "Lock your account", "steps": "Open settings\n\nTurn it on",
         "priority": 1, "minutes": 5, "why": "Old why", "done": True, "done_at": None},
        "not an item",
        {"id": "chk-bare"},
    ],
    "requests": [
        {"id": "req-old", "kind": "removal", "recipient": "Old Site",
         "target_urls": "https://old.example/page", "letter": "Dear Old Site",
         "next_step": {"when": "in a month", "what": "complain"}, "deadline_days": "30"},
    ],
    "helplines": {"emergency": [{"name": "Police", "number": "17"}], "helplines": [None]},
}


def _old_saved_report(app_home: Path) -> ScanReport:
    data = report_to_dict(report())
    data.update(OLD)
    store = HistoryStore(connect())
    store.save(report())
    store.conn.execute("UPDATE scans SET report = ? WHERE id = ?",
                       (json.dumps(data), data["scan_id"]))
    return store.get(data["scan_id"])


def test_a_report_saved_by_an_older_version_loads_typed(app_home: Path) -> None:
    old = _old_saved_report(app_home)
    plan = old.plan
    assert plan is not None
    assert [i.id for i in plan.checklist] == ["chk-old", "chk-bare"]
    assert plan.checklist[0].steps == ("Open settings", "Turn it on")
    assert plan.checklist[0].done is True
    assert plan.checklist[1].done is None
    assert plan.checklist[1].title == ""
    assert plan.checklist[1].steps == ()
    req = plan.requests[0]
    assert req.target_urls == ("https://old.example/page",)
    assert req.deadline_days is None  # a string is not a number of days
    assert req.regime is None
    assert "in a month" in req.next_step
    assert plan.helplines is not None
    assert [h.name for h in plan.helplines.emergency] == ["Police"]
    assert plan.helplines.helplines == ()
    assert plan.helplines.authority is None
    assert plan.evidence_advice is None
    assert plan.minutes_total is None


def test_a_report_saved_by_an_older_version_renders_and_keeps_its_schema(app_home: Path) -> None:
    old = _old_saved_report(app_home)
    options = RenderOptions()
    md = api.render(old, "markdown", options)
    assert "Lock your account" in md
    assert "Dear Old Site" in md
    assert "in a month" in md
    assert "chk-bare" in md  # an item without a title shows its id
    html = api.render(old, "html", options)
    assert "Lock your account" in html
    assert "Old Site" in html
    data = json.loads(api.render(old, "json", options))
    assert "evidence_advice" not in data
    assert "minutes_total" not in data
    assert "regime" not in data["requests"][0]
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
