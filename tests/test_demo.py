"""The offline demo, end to end: every check shows its outcomes, every report is written."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from audit.cli import _register_extras, cli

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "docs/report.schema.json").read_text())


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    _register_extras()
    res = CliRunner().invoke(cli, ["demo", "-o", str(out), "--lang", "fr"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return out, res.output, json.loads((out / "report.json").read_text())


def _results(data, check):
    return [r for r in data["results"] if r["check"] == check]


def test_reports_are_written_private_and_valid(demo_run):
    out, _, data = demo_run
    names = {p.name for p in out.iterdir() if p.is_file()}
    assert {"report.json", "report.html", "report.md", "report.txt", "report.csv"} <= names
    for p in out.iterdir():
        if p.is_file():
            assert stat.S_IMODE(os.stat(p).st_mode) == 0o600, p
    jsonschema.Draft202012Validator(SCHEMA).validate(data)


def test_accounts_show_all_three_answers(demo_run):
    _, _, data = demo_run
    accounts = _results(data, "accounts")
    found = {r["url"] for r in accounts if r["status"] == "found"}
    assert "https://github.com/camdufresne" in found
    assert "https://mastodon.social/@velvetfox42" in found
    assert any(r["status"] == "not_found" for r in accounts)
    reasons = {
        r["target"].rsplit(" (", 1)[0]: r["reason"] for r in accounts if r["status"] == "unknown"
    }
    assert reasons.get("Instagram") == "blocked"
    assert reasons.get("X (Twitter)") == "rate_limited"


def test_contacts_photos_links_search_and_plan_are_there(demo_run):
    _, _, data = demo_run
    kinds = {f["kind"] for r in data["results"] for f in r["findings"]}
    assert {
        "account",
        "contact",
        "link",
        "photo_location",
        "place_cluster",
        "search_result",
        "listing",
    } <= kinds
    clusters = [f for r in data["results"] for f in r["findings"] if f["kind"] == "place_cluster"]
    assert any(f["data"]["label"] == "home" for f in clusters)
    own = [
        f["data"]
        for r in data["results"]
        for f in r["findings"]
        if f["kind"] == "contact" and f["data"]["own"]
    ]
    assert {c["type"] for c in own} >= {"email", "phone", "address"}
    assert data["checklist"]
    assert data["requests"]
    assert any(
        r["status"] == "unknown" and r["reason"] == "blocked" for r in _results(data, "search")
    )


def test_the_pseudonym_is_tied_to_the_real_name(demo_run):
    _, _, data = demo_run
    links = [f["data"] for r in data["results"] for f in r["findings"] if f["kind"] == "link"]
    pseudo = [lk for lk in links if "velvetfox42" in lk["source"] + lk["target"]]
    assert pseudo
    assert any(
        f["kind"] == "identity_cluster" and f["severity"] == "high"
        for r in data["results"]
        for f in r["findings"]
    )


def test_the_demo_sent_nothing_beyond_the_sandbox(demo_run):
    # The test network guard refuses anything but loopback: a leak would surface as a
    # network error in the request log or a `network` result.
    _, _, data = demo_run
    assert len(data["request_log"]) > 100
    assert not [r for r in data["request_log"] if "only loopback" in r["error"]]
    assert not [r for r in data["results"] if r["reason"] == "network"]


def test_the_first_screen_shows_the_emergency_number_and_helplines(demo_run):
    _, output, _ = demo_run
    first_screen = "\n".join(output.splitlines()[:24])
    assert "Les premières 24 heures" in first_screen
    assert "17" in first_screen
    assert "3018" in first_screen
    assert "116 006" in first_screen
    assert "report.html" in output  # where the full report is
