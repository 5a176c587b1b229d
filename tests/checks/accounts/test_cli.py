"""The `exposure-audit sites` commands, with the sandbox standing in for the internet."""

from __future__ import annotations

import hashlib
import json
import stat
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from audit.sandbox.server import Sandbox
from audit.sandbox.world import World
from checks.accounts import register_commands, store
from checks.accounts.catalog import document, load_catalog
from checks.accounts.cli import WMN_URL


@pytest.fixture
def cli() -> click.Group:
    group = click.Group("exposure-audit")
    register_commands(cli=group)
    return group


def wmn_doc() -> dict:
    site = {"name": "Tiny Site", "uri_check": "https://tiny.example/u/{account}", "e_code": 200,
            "e_string": "card", "m_code": 404, "m_string": "gone", "known": ["alice"],
            "cat": "social"}
    clash = dict(site, name="GitHub", uri_check="https://github.com/{account}")
    broken = dict(site, name="Broken", valid=False)
    return {"license": ["x"], "authors": ["y"], "categories": ["social"],
            "sites": [site, clash, broken]}


def test_list_filters_by_category(cli: click.Group) -> None:
    result = CliRunner().invoke(cli, ["sites", "list", "--category", "dating"])
    assert result.exit_code == 0, result.output
    assert "okcupid" in result.output
    assert "github" not in result.output


def test_import_stores_private_copy_and_keeps_curated(cli: click.Group, tmp_path: Path,
                                                       app_home: Path) -> None:
    src = tmp_path / "wmn.json"
    src.write_text(json.dumps(wmn_doc()))
    result = CliRunner().invoke(cli, ["sites", "import", str(src), "--show-rejected"])
    assert result.exit_code == 0, result.output
    assert "Broken: marked valid: false" in result.output
    assert "kept curated 'GitHub'" in result.output
    stored = app_home / "sites" / "imported.json"
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    meta = json.loads((app_home / "sites" / "imported.meta.json").read_text())
    assert "CC BY-SA 4.0" in meta["attribution"]
    assert meta["sha256"] == hashlib.sha256(src.read_bytes()).hexdigest()
    active = {s.key: s for s in store.active_sites()}
    assert active["github"].origin == "curated"
    assert active["wmn-tiny-site"].origin == "imported"
    assert len(active) == len(load_catalog()) + 1


def test_update_downloads_only_the_named_url_and_checks_sha256(cli: click.Group,
                                                                 app_home: Path) -> None:
    raw = json.dumps(wmn_doc()).encode()
    world = World()
    world.page(WMN_URL, raw, headers={"Content-Type": "application/json"})
    with Sandbox(world) as sb:
        net = ["--proxy", sb.proxy_url, "--ca-bundle", sb.ca_path]
        bad = CliRunner().invoke(cli, ["sites", "update", "--sha256", "0" * 64, *net])
        assert bad.exit_code != 0
        assert not (app_home / "sites" / "imported.json").exists()
        digest = hashlib.sha256(raw).hexdigest()
        ok = CliRunner().invoke(cli, ["sites", "update", "--sha256", digest, *net])
        assert ok.exit_code == 0, ok.output
        assert [r.url for r in sb.log] == [WMN_URL, WMN_URL]
    meta = json.loads((app_home / "sites" / "imported.meta.json").read_text())
    assert meta["source_url"] == WMN_URL
    assert meta["sha256_checked"] is True
    assert (app_home / "sites" / "imported.LICENSE.txt").exists()


def test_validate_needs_explicit_opt_in(cli: click.Group) -> None:
    result = CliRunner().invoke(cli, ["sites", "validate"])
    assert result.exit_code != 0
    assert "--yes-online" in result.output


def test_validate_writes_an_actionable_report(cli: click.Group, tmp_path: Path) -> None:
    catalog = {s.key: s for s in load_catalog()}
    sites_file = tmp_path / "sites.json"
    chosen = [catalog["github"], catalog["gitlab"], catalog["vimeo"]]
    sites_file.write_text(json.dumps(document(chosen)))
    world = World()
    world.page("https://github.com/torvalds", '<span class="vcard-username">torvalds</span>')
    world.route("github.com", "/*", status=200, body="<p>everyone exists here</p>")
    world.json("https://gitlab.com/api/v4/users?username=gitlab",
                   [{"id": 1, "username": "gitlab"}])
    world.route("gitlab.com", "/api/v4/users*", status=200, body="[]")
    world.route("vimeo.com", "/*", status=200, body="<p>a page for any name</p>")
    report = tmp_path / "validation.md"
    with Sandbox(world) as sb:
        result = CliRunner().invoke(cli, [
            "sites", "validate", "--yes-online", "--sites-file", str(sites_file),
            "--report", str(report), "--proxy", sb.proxy_url, "--ca-bundle", sb.ca_path])
    assert result.exit_code == 0, result.output
    rows = {r["key"]: r for r in json.loads(report.with_suffix(".json").read_text())["sites"]}
    assert rows["gitlab"]["verdict"] == "ok"
    # github.com answers 200 without the marker for the random handle: the rule catches it.
    assert rows["github"]["verdict"] == "unknown"
    assert rows["vimeo"]["verdict"] == "false_positive"
    assert "presence rule is too loose" in rows["vimeo"]["advice"]
    assert "gitlab" in report.read_text()
    # the confirmed site, and only it, gets today's date written back into the file
    from datetime import UTC, datetime

    dates = {e["key"]: e["last_verified"] for e in json.loads(sites_file.read_text())["sites"]}
    assert dates == {"gitlab": datetime.now(UTC).date().isoformat(), "github": None,
                     "vimeo": None}
    assert "last_verified set to today for 1 confirmed sites" in result.output


def test_validate_no_record_leaves_the_file_alone(cli: click.Group, tmp_path: Path) -> None:
    catalog = {s.key: s for s in load_catalog()}
    sites_file = tmp_path / "sites.json"
    sites_file.write_text(json.dumps(document([catalog["gitlab"]])))
    before = sites_file.read_text()
    world = World()
    world.json("https://gitlab.com/api/v4/users?username=gitlab",
                   [{"id": 1, "username": "gitlab"}])
    world.route("gitlab.com", "/api/v4/users*", status=200, body="[]")
    with Sandbox(world) as sb:
        result = CliRunner().invoke(cli, [
            "sites", "validate", "--yes-online", "--no-record", "--sites-file", str(sites_file),
            "--report", str(tmp_path / "v.md"), "--proxy", sb.proxy_url,
            "--ca-bundle", sb.ca_path])
    assert result.exit_code == 0, result.output
    assert sites_file.read_text() == before
