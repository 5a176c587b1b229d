"""End to end against the loopback sandbox: the real runner, HTTP client and demo world."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from audit.models import Reason, ScanReport, Status, Subject
from audit.plugins import Registry
from audit.sandbox import Sandbox, World
from audit.sandbox.demo import DEMO_SUBJECT_KWARGS
from audit.scan.runner import Scanner
from audit.settings import Settings
from checks.search import demo as demo_search
from checks.search.check import SearchCheck

PERSONA = Subject(**DEMO_SUBJECT_KWARGS)


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    world = World()
    demo_search.add_to(world)
    with Sandbox(world) as sb:
        yield sb


def scan(sb: Sandbox, subject: Subject = PERSONA, **options: Any) -> ScanReport:
    registry = Registry()
    registry.add_check(SearchCheck)
    settings = Settings(
        proxy=sb.proxy_url, ca_bundle=str(sb.ca_path), trust_env=False, timeout=5.0,
        deadline=60.0, retries=0,
        check_options={
            "search": {"pace_s": 0, "email_queries": True, "phone_queries": True, **options}
        },
    )
    return Scanner(registry, settings).run(subject)


def by_target(report: ScanReport) -> dict[str, Any]:
    return {r.target: r for r in report.results}


def findings(report: ScanReport, kind: str) -> list[Any]:
    return [f for f in report.findings() if f.kind == kind]


def test_duckduckgo_emulation_finds_and_classifies_listings(sandbox: Sandbox) -> None:
    report = scan(sandbox)
    results = by_target(report)
    first = results['"Camille Dufresne"']
    assert first.status is Status.FOUND
    categories = {f.data["url"]: f.data["category"] for f in first.findings
                  if f.kind == "search_result"}
    assert categories["https://www.camille-dufresne.example/"] == "own_site"
    assert categories["https://github.com/camdufresne"] == "social_profile"
    assert categories[demo_search.SOCIETE] == "company_register"
    assert categories[demo_search.NEWS] == "news"
    assert demo_search.UNRELATED not in categories  # scored as not about her
    listings = {f.data["site"]: f for f in findings(report, "listing")}
    assert {"pagesblanches", "societe_com", "118712", "annuaire_entreprises",
            "copainsdavant"} <= set(listings)
    pb = listings["pagesblanches"]
    assert pb.data["optout_route"] == "operator"
    assert "optout_url" in pb.data
    sr = next(f for f in findings(report, "search_result") if f.data.get("site") == "societe_com")
    assert sr.data["query"] == '"Camille Dufresne"'
    assert "name in title" in sr.data["about_subject"]["reasons"]


def test_a_page_shown_by_several_searches_keeps_one_fingerprint(sandbox: Sandbox) -> None:
    report = scan(sandbox)
    results = by_target(report)
    phone = results['"06 39 98 12 34"']
    assert phone.status is Status.FOUND  # the phone search does show the listing
    assert "déjà montré(s) par une recherche précédente" in phone.detail  # persona: fr
    listing = [
        f for r in report.results for f in r.findings
        if f.kind == "search_result" and "pagesblanches" in f.url
    ]
    assert len(listing) >= 3  # shown by the name, name + city and phone searches
    assert len({f.fingerprint for f in listing}) == 1
    # ...and the report counts it once
    assert len([f for f in findings(report, "search_result") if "pagesblanches" in f.url]) == 1
    assert all("fbclid" not in f.url for f in listing)  # tracking parameters removed
    assert "your phone number" in phone.findings[0].data["about_subject"]["reasons"]


def test_block_is_unknown_and_backend_is_not_used_again(sandbox: Sandbox) -> None:
    sandbox.log.clear()
    report = scan(sandbox)
    results = by_target(report)
    blocked = results['"Dufresne Camille"']
    assert blocked.status is Status.UNKNOWN
    assert blocked.reason is Reason.BLOCKED
    assert "202" in blocked.detail
    assert "search links" in blocked.detail
    later = results['"Roux Camille"']  # planned after the block: never sent
    assert later.status is Status.UNKNOWN
    assert later.reason is Reason.BLOCKED
    posted = [r for r in sandbox.log if r.method == "POST"]
    assert len(posted) == 11  # 12 planned, the one after the block was not sent
    budget = results["(search budget)"]
    assert budget.status is Status.SKIPPED


def test_budget_limits_queries(sandbox: Sandbox) -> None:
    sandbox.log.clear()
    report = scan(sandbox, max_queries=3)
    searched = [r for r in report.results if r.target != "(search budget)"]
    assert len(searched) == 3
    assert len([r for r in sandbox.log if r.method == "POST"]) == 3
    assert "augmentez-la avec --max-queries" in by_target(report)["(search budget)"].detail


def test_cache_answers_a_repeated_scan_without_requests(sandbox: Sandbox) -> None:
    from audit.store.cache import MemoryCache

    registry = Registry()
    registry.add_check(SearchCheck)
    settings = Settings(
        proxy=sandbox.proxy_url, ca_bundle=str(sandbox.ca_path), trust_env=False, retries=0,
        check_options={"search": {"pace_s": 0, "max_queries": 2}},
    )
    cache = MemoryCache()
    sandbox.log.clear()
    first = Scanner(registry, settings, cache=cache).run(PERSONA)
    assert len(sandbox.log) == 2
    second = Scanner(registry, settings, cache=cache).run(PERSONA)
    assert len(sandbox.log) == 2  # nothing new sent
    a, b = by_target(first), by_target(second)
    assert "(en cache)" in b['"Camille Dufresne"'].detail
    assert [f.key for f in a['"Camille Dufresne"'].findings] == [
        f.key for f in b['"Camille Dufresne"'].findings]


def test_searxng_backend_via_loopback_url(sandbox: Sandbox) -> None:
    sandbox.log.clear()
    report = scan(sandbox, searxng_url=demo_search.SEARXNG, max_queries=2)
    first = by_target(report)['"Camille Dufresne"']
    assert first.status is Status.FOUND
    assert all(f.data["engine"] == "searxng" for f in first.findings if f.kind == "search_result")
    assert {r.url.split("?")[0] for r in sandbox.log} == {demo_search.SEARXNG + "/search"}


def test_rate_limited_brave_falls_back_then_stays_off(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXPOSURE_AUDIT_BRAVE_KEY", "test-key-not-real")
    sandbox.log.clear()
    report = scan(sandbox, max_queries=3)
    results = by_target(report)
    assert results['"Camille Dufresne"'].status is Status.FOUND  # answered by DuckDuckGo
    brave = [r for r in sandbox.log if "api.search.brave.com" in r.url]
    assert len(brave) == 1  # refused once, never asked again
    assert "test-key-not-real" not in brave[0].url
    assert all("test-key-not-real" not in r.url for r in report.request_log)


def test_only_brave_rate_limited_reports_rate_limited(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXPOSURE_AUDIT_BRAVE_KEY", "test-key-not-real")
    report = scan(sandbox, backend="brave", max_queries=2)
    for result in report.results:
        if result.target == "(search budget)":
            continue
        assert result.status is Status.UNKNOWN
        assert result.reason is Reason.RATE_LIMITED
        assert "429" in result.detail


def test_dry_run_plan_says_what_each_backend_receives() -> None:
    registry = Registry()
    registry.add_check(SearchCheck)
    settings = Settings(check_options={"search": {"max_queries": 4}})
    plan = Scanner(registry, settings).plan(PERSONA)
    entries = [e for e in plan if e.planned]
    assert len(entries) == 4
    first = entries[0].planned
    assert first[0].method == "POST"
    assert first[0].url == "https://html.duckduckgo.com/html/"
    assert "q='\"Camille Dufresne\"'" in first[0].note
    assert first[0].sends == ("name",)
    assert any("lite" in p.url and "cannot be read" in p.note for p in first)
    assert entries[1].planned[0].sends == ("name", "city")


def test_no_backend_is_needs_key(sandbox: Sandbox) -> None:
    report = scan(sandbox, backend="mojeek")
    (result,) = report.results
    assert result.status is Status.UNKNOWN
    assert result.reason is Reason.NEEDS_KEY
    assert "EXPOSURE_AUDIT_MOJEEK_KEY" in result.detail


def test_time_budget_stops_sending_and_says_so(sandbox: Sandbox) -> None:
    sandbox.log.clear()
    report = scan(sandbox, max_queries=3, max_seconds=0)
    searched = [r for r in report.results if r.target != "(search budget)"]
    assert all(r.status is Status.UNKNOWN and r.reason is Reason.TIMEOUT for r in searched)
    assert "le temps prévu pour la recherche" in searched[0].detail
    assert [r for r in sandbox.log if r.method == "POST"] == []


def test_full_demo_world_serves_the_search_part() -> None:
    from audit.sandbox.demo import build_demo_world

    with Sandbox(build_demo_world()) as sb:
        report = scan(sb, max_queries=1)
    first = by_target(report)['"Camille Dufresne"']
    assert first.status is Status.FOUND
    assert {"pagesblanches", "societe_com"} <= {
        f.data["site"] for f in first.findings if f.kind == "listing"}
