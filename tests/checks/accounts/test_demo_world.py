"""End to end: the full catalog through the sandbox proxy (TLS) against the demo world."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest

from audit.models import Confidence, Reason, ScanReport, Status, Subject
from audit.plugins import Registry
from audit.sandbox.server import Sandbox
from audit.sandbox.world import World
from audit.scan.runner import Scanner
from audit.settings import Settings
from checks.accounts import AccountsCheck, demo
from checks.accounts.catalog import load_catalog
from checks.accounts.manual import MANUAL

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    world = World()
    demo.add_to(world)
    with Sandbox(world) as sb:
        yield sb


def scan(sb: Sandbox, *handles: str) -> ScanReport:
    registry = Registry()
    registry.add_check(AccountsCheck)
    settings = Settings(proxy=sb.proxy_url, ca_bundle=sb.ca_path, trust_env=False, timeout=30.0)
    scanner = Scanner(registry, settings)
    try:
        return scanner.run(Subject(handles=handles))
    finally:
        scanner.client.close()


@pytest.fixture(scope="module")
def persona_report(sandbox: Sandbox) -> ScanReport:
    return scan(sandbox, *demo.HANDLES)


def test_known_handles_find_every_demo_account_and_report_blocks(
    persona_report: ScanReport,
) -> None:
    report = persona_report
    found = {(f.data["site_key"], f.data["username"]) for f in report.findings()}
    assert found == set(demo.EXISTING), [(r.target, r.status, r.detail) for r in report.results
                                          if r.status is not Status.NOT_FOUND]
    unknown = {(r.target.split(" (")[0], r.reason) for r in report.results
               if r.status is Status.UNKNOWN}
    details = [(r.target, r.reason, r.detail) for r in report.results
               if r.status is Status.UNKNOWN]
    assert unknown == {("Instagram", Reason.BLOCKED), ("X", Reason.RATE_LIMITED),
                       ("SensCritique", Reason.UNEXPECTED_RESPONSE), ("Malt", Reason.BLOCKED),
                       ("Depop", Reason.UNEXPECTED_RESPONSE)}, details
    per_status = report.counts_by_status()
    assert per_status[Status.FOUND] == len(demo.EXISTING)
    expected_total = 2 * len(load_catalog()) + len(MANUAL)
    assert sum(per_status.values()) == expected_total
    misleading = 2 * len(demo.MISLEADING)  # two handles each
    assert per_status[Status.NOT_FOUND] == (
        expected_total - len(demo.EXISTING) - 4 - misleading - per_status[Status.SKIPPED])
    assert all(r.reason is Reason.NOT_APPLICABLE for r in report.results
               if r.status is Status.SKIPPED)
    manual = {r.target: r.detail for r in report.results if r.target in
              {m.name for m in MANUAL}}
    assert set(manual) == {"WhatsApp", "Signal", "Google", "Amazon", "Vinted", "Leboncoin"}
    assert all(d.startswith("cannot be checked from a handle") for d in manual.values())


def test_found_profiles_carry_the_contract_fields(persona_report: ScanReport) -> None:
    report = persona_report
    by_site = {f.data["site_key"]: f for f in report.findings()}
    github = by_site["github"].data
    assert github["display_name"] == "Camille Dufresne"
    assert "camille.dufresne [at] example [dot] org" in github["bio"]
    assert "https://www.camille-dufresne.example/" in github["rel_me"]
    masto = by_site["mastodon.social"].data
    assert masto["profile_url"] == "https://mastodon.social/@velvetfox42"
    assert "https://www.camille-dufresne.example/" in masto["rel_me"]
    assert "https://linktr.ee/velvetfox42" in masto["links"]
    assert "@velvetfox42@mastodon.social" in by_site["reddit"].data["bio"]
    assert by_site["strava"].severity.label == "high"
    for finding in by_site.values():
        for field in ("site", "username", "profile_url", "category", "platform_key", "variant"):
            assert field in finding.data


def test_unknown_handle_finds_nothing_and_blocks_stay_unknown(sandbox: Sandbox) -> None:
    report = scan(sandbox, "nobody0here")
    assert report.findings() == []
    unknown = {r.target: r.reason for r in report.results if r.status is Status.UNKNOWN}
    assert unknown == {"Instagram": Reason.BLOCKED, "X (Twitter)": Reason.RATE_LIMITED,
                       "SensCritique": Reason.UNEXPECTED_RESPONSE, "Malt": Reason.BLOCKED,
                       "Depop": Reason.UNEXPECTED_RESPONSE}


def test_a_random_handle_over_the_whole_catalog_finds_nothing(sandbox: Sandbox) -> None:
    name = "zq" + secrets.token_hex(6)
    report = scan(sandbox, name)
    assert report.findings() == [], [r.target for r in report.results
                                      if r.status is Status.FOUND]
    assert not any("(control)" in r.target for r in report.results)
    # one control request per site asked at most, for a made-up name, carrying nothing
    asked = [r for r in report.request_log if r.sends == ("handle",)]
    controls = [r for r in report.request_log if r.sends == ()]
    assert len(asked) + len(controls) == len(report.request_log)
    assert 0.9 * len(asked) < len(controls) <= 1.1 * len(asked)
    assert not any(name in r.url for r in controls)


def test_misleading_sites_are_unknown_with_the_reason(persona_report: ScanReport) -> None:
    by_target = {r.target: r for r in persona_report.results}
    same = by_target["SensCritique (camdufresne)"]
    assert same.status is Status.UNKNOWN
    assert "site answers the same for any name" in same.detail
    profile = "https://www.senscritique.com/camdufresne"
    assert profile in same.detail
    assert "https://www.senscritique.com/" in same.detail.replace(profile, "")
    assert "login wall" in by_target["Malt (velvetfox42)"].detail
    assert by_target["Depop (camdufresne)"].status is Status.UNKNOWN


def test_found_accounts_say_how_sure_and_why(persona_report: ScanReport) -> None:
    by_site = {f.data["site_key"]: f for f in persona_report.findings()}
    assert by_site["github"].confidence is Confidence.HIGH  # marker + clean control
    assert by_site["github"].data["control"] == "not_found"
    assert by_site["strava"].data["confidence_basis"].endswith("control not found")
    for finding in by_site.values():
        assert finding.data["control"] == "not_found"
