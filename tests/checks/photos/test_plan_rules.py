"""The photo plan rules on large scans: one item, a sample of folders and photos, the rest
counted; each finding costs the same whatever came before (no rebuild over all findings)."""

from __future__ import annotations

import os

import pytest

from audit.models import Finding, Severity
from audit.plan import build_plan, rules_photos
from audit.store.planjson import plan_to_dict
from tests.plan.persona import report


def _local(i: int, folder: str | None = None) -> Finding:
    source = f"/home/c/Photos/d{i % 30:02d}/IMG_{i:05d}.jpg"
    data = {"source": source, "lat": 45.76, "lon": 4.84, "precision_m": 5,
            "taken_at": None, "place": "near Lyon"}
    if folder:
        data["folder"] = folder
    return Finding("photo_location", "Local photo", Severity.MEDIUM, key=f"location:{i}",
                   data=data)


def _web(i: int) -> Finding:
    url = f"https://blog.example/img/{i}.jpg"
    return Finding("photo_location", "Photo on a blog", Severity.HIGH, url=url,
                   data={"source": url, "lat": 45.7, "lon": 4.8})


def test_many_local_photos_list_five_folders_and_count_the_rest() -> None:
    plan = plan_to_dict(build_plan(report([_local(i) for i in range(3000)]), "en"))
    item = next(i for i in plan["checklist"] if i["title"].startswith("Clean the location"))
    assert len(item["finding_fingerprints"]) == 3000
    commands = [s for s in item["steps"] if s.startswith("exposure-audit photos clean")]
    assert commands == [f"exposure-audit photos clean /home/c/Photos/d{n:02d}" for n in range(5)]
    assert "… and 25 more folders: run the same command on each" in item["steps"]


def test_the_scanned_folder_is_suggested_when_the_finding_names_it() -> None:
    findings = [_local(i, "/home/c/My Photos") for i in range(100)]
    plan = plan_to_dict(build_plan(report(findings), "en"))
    item = next(i for i in plan["checklist"] if i["title"].startswith("Clean the location"))
    commands = [s for s in item["steps"] if s.startswith("exposure-audit photos clean")]
    assert commands == ["exposure-audit photos clean '/home/c/My Photos'"]


def test_many_online_photos_list_ten_and_count_the_rest() -> None:
    plan = plan_to_dict(build_plan(report([_web(i) for i in range(40)]), "en"))
    item = next(i for i in plan["checklist"] if "blog.example" in i["title"])
    online = [s for s in item["steps"] if s.startswith("Online photo:")]
    assert len(online) == 10
    assert "… and 30 more online photos" in item["steps"]


def test_steps_are_not_rebuilt_from_all_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    """The work per finding does not grow with the item: `os.path.dirname` is called once
    per local finding (it was called for every finding of the item, for every finding)."""
    calls = 0
    real = os.path.dirname

    def counting(p: str) -> str:
        nonlocal calls
        calls += 1
        return real(p)

    monkeypatch.setattr(rules_photos.os.path, "dirname", counting)
    build_plan(report([_local(i) for i in range(500)]), "en")
    assert calls == 500
