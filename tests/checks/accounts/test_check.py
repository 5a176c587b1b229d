"""The `accounts` check: probes (pure), options, and runs against a real loopback sandbox."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit.models import Reason, Status, Subject
from audit.plugins import Registry, load_plugins
from audit.sandbox.server import Sandbox
from audit.sandbox.world import World
from audit.scan.runner import Scanner
from audit.settings import Settings
from checks.accounts import AccountsCheck
from checks.accounts.catalog import document, load_catalog


def test_plugin_registers_the_check() -> None:
    registry = load_plugins(include_installed=False)
    assert registry.checks["accounts"] is AccountsCheck


def test_one_probe_per_handle_and_site_with_planned_request() -> None:
    subject = Subject(handles=("camdufresne", "velvetfox42"))
    every = list(AccountsCheck().probes(subject, {}))
    manual = [p for p in every if p.params.get("manual")]
    assert [p.target for p in manual] == ["WhatsApp", "Signal", "Google", "Amazon", "Vinted",
                                          "Leboncoin"]
    probes = [p for p in every if not p.params.get("control") and not p.params.get("manual")]
    controls = [p for p in every if p.params.get("control")]
    assert len(probes) == 2 * len(load_catalog())
    # at most one control per site, and only for sites that get a real request
    asked = {p.params["site"].key for p in probes if p.request is not None}
    assert sorted(c.params["site"].key for c in controls) == sorted(asked)
    assert len(asked) > 0.9 * len(load_catalog())
    gh = next(p for p in probes if p.target == "GitHub (camdufresne)")
    assert gh.url == "https://github.com/camdufresne"
    assert gh.host == "github.com"
    (planned,) = gh.planned
    assert planned.method == "GET"
    assert planned.url == "https://github.com/camdufresne"
    assert planned.sends == ("handle",)
    assert not any(p.method == "HEAD" for pr in probes for p in pr.planned)


def test_single_handle_targets_are_site_names() -> None:
    probes = list(AccountsCheck().probes(Subject(handles=("camdufresne",)), {}))
    assert any(p.target == "GitHub" for p in probes)


def test_category_and_country_filters() -> None:
    subject = Subject(handles=("camdufresne",))
    dating = list(AccountsCheck().probes(subject, {"categories": ["dating"]}))
    assert dating
    assert all(p.params["site"].category == "dating" for p in dating)
    fr_only = list(AccountsCheck().probes(subject, {"countries": "FR", "categories": "blog"}))
    assert any(p.params["site"].key == "skyrock" for p in fr_only)


def _demo_sites(tmp_path: Path, port_host: str) -> Path:
    """A small own-format catalog whose sites all live on the loopback sandbox."""
    catalog = {s.key: s for s in load_catalog()}
    doc = document([catalog["github"], catalog["mastodon.social"]])
    for entry in doc["sites"]:
        for field in ("profile_url",):
            entry[field] = entry[field].replace("https://", f"http://{port_host}/")
        entry["probe"]["url"] = entry["probe"]["url"].replace("https://", f"http://{port_host}/")
    path = tmp_path / "sites.json"
    path.write_text(json.dumps(doc))
    return path


@pytest.fixture
def world() -> World:
    w = World()
    w.page("http://127.0.0.1/github.com/alice",
           '<span class="p-nickname vcard-username">alice</span>'
           '<span class="p-name">Alice</span><a rel="me" href="https://alice.example/">x</a>')
    w.json("http://127.0.0.1/mastodon.social/api/v1/accounts/lookup?acct=alice",
           {"id": "1", "acct": "alice", "display_name": "Alice M"})
    w.route("127.0.0.1", "/mastodon.social/api/v1/accounts/lookup*", status=404,
            body='{"error": "Record not found"}', headers={"Content-Type": "application/json"})
    return w


def test_sites_file_option_runs_through_the_core(world: World, tmp_path: Path) -> None:
    with Sandbox(world) as sb:
        host = f"127.0.0.1:{sb.port}"
        path = _demo_sites(tmp_path, host)
        registry = Registry()
        registry.add_check(AccountsCheck)
        settings = Settings(trust_env=False, check_options={"accounts": {"sites_file": str(path)}})
        report = Scanner(registry, settings).run(Subject(handles=("alice", "bob")))
    by_target = {r.target: r for r in report.results}
    assert set(by_target) == {"GitHub (alice)", "GitHub (bob)",
                              "Mastodon (mastodon.social) (alice)",
                              "Mastodon (mastodon.social) (bob)"}
    gh = by_target["GitHub (alice)"]
    assert gh.status is Status.FOUND
    (finding,) = gh.findings
    assert finding.kind == "account"
    assert finding.data["rel_me"] == ("https://alice.example/",)
    assert finding.data["platform_key"] == "github"
    assert finding.key == "github:alice"
    assert by_target["GitHub (bob)"].status is Status.NOT_FOUND
    assert by_target["Mastodon (mastodon.social) (alice)"].status is Status.FOUND
    assert by_target["Mastodon (mastodon.social) (bob)"].status is Status.NOT_FOUND


def test_blocks_and_rate_limits_become_unknown(tmp_path: Path) -> None:
    w = World()
    w.challenge("127.0.0.1")
    with Sandbox(w) as sb:
        path = _demo_sites(tmp_path, f"127.0.0.1:{sb.port}")
        registry = Registry()
        registry.add_check(AccountsCheck)
        settings = Settings(trust_env=False, check_options={"accounts": {"sites_file": str(path)}})
        report = Scanner(registry, settings).run(Subject(handles=("alice",)))
    assert {r.status for r in report.results} == {Status.UNKNOWN}
    assert {r.reason for r in report.results} == {Reason.BLOCKED}
    assert not report.findings()
