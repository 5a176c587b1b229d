"""The control probe: real catalog URLs through the sandbox proxy, sites that answer the same
for any name, login walls, redirects, blocked or timed-out controls, --no-control."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from audit.models import CheckResult, Confidence, Reason, ScanReport, Status, Subject
from audit.plugins import Registry
from audit.sandbox.server import Sandbox
from audit.sandbox.world import Reply, Route, World, split_url
from audit.scan.runner import Scanner
from audit.settings import Settings
from checks.accounts import AccountsCheck
from checks.accounts.catalog import document, load_catalog
from checks.accounts.control import control_name, status_only

SITES = {s.key: s for s in load_catalog()}
PROFILE = '<span class="p-nickname vcard-username">alice</span><span class="p-name">Alice</span>'
WALL = "<html><body><h1>Please log in</h1><form action='/signin'></form></body></html>"


BARE = ("medium", "substack", "gitlab", "tumblr", "linktree")
"""Catalog sites whose rule these tests turn into a bare-status one on the profile URL."""


def _bare(key: str) -> dict[str, Any]:
    """The catalog entry of `key`, turned into a bare 200 / 404 rule on its profile page."""
    (e,) = document([SITES[key]])["sites"]
    if key != "gitlab":  # GitLab keeps asking its API, which answers 200 for any name
        e["probe"] = {"url": e["profile_url"], "method": "GET",
                      "follow_redirects": e["probe"]["follow_redirects"]}
    e["present"] = {"status": [200], "marker": None}
    e["absent"] = {"status": [404], "marker": None}
    return e


def _glob(key: str) -> tuple[str, str]:
    url = SITES[key].profile_url if key in BARE and key != "gitlab" else SITES[key].probe.url
    return split_url(url.replace("{username}", "*"))


def _world() -> World:
    w = World()
    # GitHub (marker rule): alice exists, any other name gets a challenge page
    w.page("https://github.com/alice", PROFILE)
    w.challenge("github.com")
    # Medium (turned bare 200), honest: alice exists, others 404 (the default)
    w.page("https://medium.com/@alice", "<html><body>Alice on Medium</body></html>")
    # Substack (turned bare 200): alice 200, every other name blocked -> control not answered
    w.page("https://substack.com/@alice", "<html><body>Alice</body></html>")
    w.challenge("substack.com")
    # GitLab turned bare-status below: its API answers 200 with a JSON list for any name
    w.add(Route(*_glob("gitlab"), Reply(200, "[]", {"Content-Type": "application/json"})))
    # Tumblr (turned bare 200 below): a 200 login wall for every name
    w.add(Route(*_glob("tumblr"), Reply(200, WALL)))
    # Linktree (turned bare 200 below), redirects followed: every name is sent to the home
    # page, which answers 200
    w.add(Route(*_glob("linktree"), Reply(302, "", {"Location": "https://linktr.ee/"})))
    w.page("https://linktr.ee/", "<html><body>Linktree home</body></html>")
    return w


def _entries() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = [document([SITES["github"]])["sites"][0]]
    entries += [_bare(k) for k in BARE]
    for e in entries:
        if e["key"] == "linktree":
            e["probe"]["follow_redirects"] = True
    return entries


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(_world()) as sb:
        yield sb


@pytest.fixture(scope="module")
def sites_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("control") / "sites.json"
    path.write_text(json.dumps({**document([]), "sites": _entries()}))
    return path


def scan(sb: Sandbox, path: Path, *handles: str, **opts: Any) -> ScanReport:
    registry = Registry()
    registry.add_check(AccountsCheck)
    settings = Settings(proxy=sb.proxy_url, ca_bundle=sb.ca_path, trust_env=False, timeout=20.0,
                        check_options={"accounts": {"sites_file": str(path), **opts}})
    scanner = Scanner(registry, settings)
    try:
        return scanner.run(Subject(handles=handles))
    finally:
        scanner.client.close()


def _by_site(report: ScanReport) -> dict[str, CheckResult]:
    return {r.target: r for r in report.results}


def test_a_found_stands_only_when_the_control_is_not_found(sandbox: Sandbox,
                                                          sites_file: Path) -> None:
    report = scan(sandbox, sites_file, "alice")
    got = _by_site(report)
    assert not any("control" in t for t in got), sorted(got)
    assert len(report.results) == 6
    medium = got["Medium"]
    assert medium.status is Status.FOUND
    (finding,) = medium.findings
    assert finding.confidence is Confidence.MEDIUM  # a bare status, clean control
    assert finding.data["confidence_basis"] == "status only, control not found"
    assert finding.data["control"] == "not_found"
    # marker rule, blocked control: still found, lower confidence
    github = got["GitHub"]
    assert github.status is Status.FOUND
    assert github.findings[0].confidence is Confidence.MEDIUM
    assert github.findings[0].data["confidence_basis"] == "marker, control not answered"
    # bare status, blocked control: at most unknown
    substack = got["Substack"]
    assert substack.status is Status.UNKNOWN
    assert substack.reason is Reason.BLOCKED
    assert "could not be checked" in substack.detail
    # same answer for any name: unknown, both URLs named
    for name, url in (("GitLab", "https://gitlab.com/alice"), ("Linktree",
                                                                "https://linktr.ee/alice")):
        r = got[name]
        assert r.status is Status.UNKNOWN, (name, r.detail)
        assert r.reason is Reason.UNEXPECTED_RESPONSE
        assert "site answers the same for any name" in r.detail
        assert url in r.detail
        assert r.detail.count("https://") == 2
    # a 200 login wall is never found, even before any control
    tumblr = got["Tumblr"]
    assert tumblr.status is Status.UNKNOWN
    assert tumblr.reason is Reason.BLOCKED
    assert "login wall" in tumblr.detail


def test_one_control_request_per_site_carrying_no_personal_data(sandbox: Sandbox,
                                                                sites_file: Path) -> None:
    report = scan(sandbox, sites_file, "alice", "bob")
    controls = [r for r in report.request_log if r.sends == ()]
    real = [r for r in report.request_log if r.sends == ("handle",)]
    assert len(real) >= 12  # two handles, six sites (redirects followed add records)
    hosts = sorted(r.url.split("/")[2] for r in controls if r.url != "https://linktr.ee/")
    assert hosts == sorted(["github.com", "medium.com", "substack.com", "gitlab.com",
                            "www.tumblr.com", "linktr.ee"])
    assert not any("alice" in r.url or "bob" in r.url for r in controls)
    got = _by_site(report)
    assert got["Medium (bob)"].status is Status.NOT_FOUND
    assert got["Medium (alice)"].status is Status.FOUND


def test_without_control_a_bare_status_found_is_marked_unverified(sandbox: Sandbox,
                                                                  sites_file: Path) -> None:
    report = scan(sandbox, sites_file, "alice", control=False)
    assert all(r.sends == ("handle",) for r in report.request_log)
    got = _by_site(report)
    gitlab = got["GitLab"]  # the 200-for-everything site now reads as found...
    assert gitlab.status is Status.FOUND
    (finding,) = gitlab.findings
    assert finding.confidence is Confidence.LOW  # ...but only as unverified
    assert finding.data["confidence_basis"] == "status only, unverified"
    assert finding.data["control"] == "off"


def test_the_dry_run_lists_the_control_requests() -> None:
    from audit.plugins import load_plugins

    registry = load_plugins(include_installed=False)
    settings = Settings(trust_env=False, only=("accounts",))
    entries = Scanner(registry, settings).plan(Subject(handles=("camdufresne",)))
    controls = [e for e in entries if e.target.endswith("(control)")]
    assert controls
    for e in controls:
        (planned,) = e.planned
        assert planned.sends == ()
        assert "no personal data" in planned.note
        assert "camdufresne" not in planned.url


def test_control_names_fit_every_catalog_rule() -> None:
    for site in SITES.values():
        name = control_name(site)
        assert name is not None, site.key
        assert site.username.problem(name) is None
    assert control_name(SITES["github"]) != control_name(SITES["github"])


def test_status_only_means_no_marker_and_no_redirect_target() -> None:
    assert status_only(SITES["vimeo"])
    assert not status_only(SITES["github"])


def test_the_json_report_carries_the_confidence_basis(sandbox: Sandbox, sites_file: Path) -> None:
    import jsonschema

    from audit.store.serialize import report_to_dict

    schema = json.loads((Path(__file__).resolve().parents[3] / "docs/report.schema.json")
                        .read_text())
    data = report_to_dict(scan(sandbox, sites_file, "alice"))
    accounts = [f for r in data["results"] for f in r["findings"] if f["kind"] == "account"]
    assert {f["data"]["control"] for f in accounts} == {"not_found", "unknown"}
    jsonschema.Draft202012Validator(schema).validate(data)
    accounts[0]["data"]["control"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(data)


def test_a_control_that_times_out_leaves_a_bare_status_found_unknown(tmp_path: Path) -> None:
    world = World()
    world.page("https://medium.com/@alice", "<html><body>Alice</body></html>")
    world.add(Route(*_glob("medium"), Reply(200, "", behaviour="hang")))
    path = tmp_path / "sites.json"
    path.write_text(json.dumps({**document([]), "sites": [_bare("medium")]}))
    registry = Registry()
    registry.add_check(AccountsCheck)
    with Sandbox(world) as sb:
        settings = Settings(proxy=sb.proxy_url, ca_bundle=sb.ca_path, trust_env=False,
                            timeout=1.0, retries=0,
                            check_options={"accounts": {"sites_file": str(path)}})
        scanner = Scanner(registry, settings)
        try:
            report = scanner.run(Subject(handles=("alice",)))
        finally:
            scanner.client.close()
    (result,) = report.results
    assert result.target == "Medium"
    assert result.status is Status.UNKNOWN
    assert result.reason is Reason.TIMEOUT
    assert "could not be checked" in result.detail


def test_live_progress_counts_only_the_combined_results(sandbox: Sandbox,
                                                       sites_file: Path) -> None:
    import io

    from audit.scan.progress import ProgressBar

    bar = ProgressBar(io.StringIO())
    registry = Registry()
    registry.add_check(AccountsCheck)
    settings = Settings(proxy=sandbox.proxy_url, ca_bundle=sandbox.ca_path, trust_env=False,
                        timeout=20.0, check_options={"accounts": {"sites_file": str(sites_file)}})
    scanner = Scanner(registry, settings, observer=bar)
    try:
        report = scanner.run(Subject(handles=("alice", "bob")))
    finally:
        scanner.client.close()
    assert bar.done == bar.total == len(report.results) == 12
    assert bar.found == sum(r.status is Status.FOUND for r in report.results)
    assert bar.unknown == sum(r.status is Status.UNKNOWN for r in report.results)


def test_the_result_detail_says_how_the_found_was_backed(sandbox: Sandbox,
                                                         sites_file: Path) -> None:
    got = _by_site(scan(sandbox, sites_file, "alice"))
    assert got["Medium"].detail == "exists: HTTP 200 (status only, control not found)"
    assert got["GitHub"].detail.endswith("(marker, control not answered)")
    off = _by_site(scan(sandbox, sites_file, "alice", control=False))
    assert off["Medium"].detail == "exists: HTTP 200 (status only, unverified)"


def test_the_basis_is_shown_in_french_and_kept_in_english_in_the_data() -> None:
    from checks.accounts.control import basis_text

    assert basis_text("status only, control not found", "fr") == "code HTTP seul, témoin absent"
    assert basis_text("marker, control not answered", "en") == "marker, control not answered"
