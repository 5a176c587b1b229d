"""The whole built-in catalog through the sandbox proxy (its real URLs routed to loopback):
a world where every site answers like an existing profile for any name finds nothing, and an
honest world finds exactly the accounts it holds."""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterator

import pytest

from audit.models import Reason, ScanReport, Status, Subject
from audit.plugins import Registry
from audit.sandbox.server import Sandbox
from audit.sandbox.world import Reply, Route, World, split_url
from audit.scan.runner import Scanner
from audit.settings import Settings
from checks.accounts import AccountsCheck
from checks.accounts.catalog import PLACEHOLDER, Site, load_catalog
from checks.accounts.demo import add_absent, rule_reply
from checks.accounts.manual import MANUAL

pytestmark = pytest.mark.slow

SITES = load_catalog()
HANDLE = "lunamoth7"
SAME = "site answers the same for any name"


def _add_present(world: World, site: Site, handle: str | None) -> None:
    """`site` answers like an existing profile: for `handle` only, or for any name (None)."""
    reply = rule_reply(site, site.present)
    if site.probe.method == "POST":
        url = site.probe_url(handle or "x")
        world.add(Route(*split_url(url), reply, "POST",
                        match_body=None if handle is None else handle))
    else:
        url = site.probe_url(handle) if handle else site.probe.url.replace(PLACEHOLDER, "*")
        world.add(Route(*split_url(url), reply))
    where = reply.headers.get("Location") if reply.headers else None
    if where and site.probe.follow_redirects:  # the profile the redirect leads to
        world.add(Route(*split_url(where), Reply(200, "<html><body>profile</body></html>")))


def _scan(sb: Sandbox, handle: str) -> ScanReport:
    registry = Registry()
    registry.add_check(AccountsCheck)
    settings = Settings(proxy=sb.proxy_url, ca_bundle=sb.ca_path, trust_env=False, timeout=30.0)
    scanner = Scanner(registry, settings)
    try:
        return scanner.run(Subject(handles=(handle,)))
    finally:
        scanner.client.close()


def _site_results(report: ScanReport) -> dict[str, tuple[Status, Reason | None, str]]:
    manual = {m.name for m in MANUAL}
    return {r.target: (r.status, r.reason, r.detail) for r in report.results
            if r.target not in manual}


@pytest.fixture(scope="module")
def anything_goes() -> Iterator[Sandbox]:
    world = World()
    for site in SITES:
        _add_present(world, site, None)
    with Sandbox(world) as sb:
        yield sb


def test_a_site_that_shows_a_profile_for_any_name_is_never_found(anything_goes: Sandbox) -> None:
    """Every catalog site, marker rules included, answers its own presence rule for every
    name: the control probe reads found too, so nothing is found, and the reason says why."""
    for handle in ("zq" + secrets.token_hex(6), HANDLE):
        report = _scan(anything_goes, handle)
        got = _site_results(report)
        assert report.findings() == [], [t for t, v in got.items() if v[0] is Status.FOUND]
        asked = {t: v for t, v in got.items() if v[0] is not Status.SKIPPED}
        assert len(asked) > 400
        assert all(v[0] is Status.UNKNOWN for v in asked.values()), [
            (t, v) for t, v in asked.items() if v[0] is not Status.UNKNOWN][:5]
        same = [t for t, v in asked.items() if SAME in v[2]]
        assert len(same) >= 0.95 * len(asked), [
            (t, v[2]) for t, v in asked.items() if SAME not in v[2]][:5]


@pytest.fixture(scope="module")
def honest() -> Iterator[tuple[Sandbox, set[str]]]:
    """Every site says "no such profile" by its absence rule; HANDLE exists on 40 of them."""
    usable = [s for s in SITES if s.username.problem(HANDLE) is None]
    holding = random.Random(12).sample(usable, 40)
    world = World()
    for site in SITES:
        add_absent(world, site)
    for site in holding:
        _add_present(world, site, site.username.apply(HANDLE))
    with Sandbox(world) as sb:
        yield sb, {s.name for s in holding}


def test_a_known_handle_finds_exactly_the_accounts_the_world_holds(
    honest: tuple[Sandbox, set[str]],
) -> None:
    sb, holding = honest
    report = _scan(sb, HANDLE)
    got = _site_results(report)
    found = {t for t, v in got.items() if v[0] is Status.FOUND}
    assert found == holding
    rest = {t: v for t, v in got.items() if t not in holding}
    assert all(v[0] in (Status.NOT_FOUND, Status.SKIPPED) for v in rest.values()), [
        (t, v) for t, v in rest.items() if v[0] not in (Status.NOT_FOUND, Status.SKIPPED)][:5]
    for f in report.findings():
        assert f.data["control"] == "not_found"


def test_a_random_handle_in_the_honest_world_finds_nothing(
    honest: tuple[Sandbox, set[str]],
) -> None:
    sb, _ = honest
    report = _scan(sb, "zq" + secrets.token_hex(6))
    got = _site_results(report)
    assert report.findings() == []
    assert all(v[0] in (Status.NOT_FOUND, Status.SKIPPED) for v in got.values()), [
        (t, v) for t, v in got.items() if v[0] not in (Status.NOT_FOUND, Status.SKIPPED)][:5]
