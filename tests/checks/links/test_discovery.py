"""Bounded recursive discovery: depth and count limits, answers per new handle, dry run."""

from __future__ import annotations

from audit.models import Reason, Status, Subject
from audit.sandbox import World
from checks.links import LinksCheck
from tests.checks.contacts.harness import account, result, scan, stage0

START = account("Reddit", "velvet", "https://www.reddit.com/user/velvet")


def _world() -> World:
    w = World()
    w.page("https://www.reddit.com/user/velvet",
           '<p class="bio">also @velvet@one.example and @velvet2@two.example '
           "and @velvet3@three.example</p>")
    w.page("https://one.example/@velvet", '<p class="bio">me too: @deep@four.example</p>')
    w.page("https://two.example/@velvet2", "<p>hi</p>", status=404)
    w.page("https://three.example/@velvet3", "<p>hi</p>")
    w.page("https://four.example/@deep", "<p>deep</p>")
    return w


def _statuses(report) -> dict[str, tuple[Status, Reason | None]]:  # type: ignore[no-untyped-def]
    return {r.target.split(": ", 1)[1]: (r.status, r.reason) for r in report.results
            if r.target.startswith("discovered handle")}


def test_default_limits_check_depth_one_only() -> None:
    report, served = scan(_world(), Subject(name="x"), [stage0([START]), LinksCheck])
    got = _statuses(report)
    assert got["one.example:velvet"] == (Status.FOUND, None)
    assert got["two.example:velvet2"] == (Status.NOT_FOUND, None)
    assert got["three.example:velvet3"] == (Status.FOUND, None)
    assert got["four.example:deep"] == (Status.SKIPPED, Reason.NOT_APPLICABLE)
    assert "https://four.example/@deep" not in served
    found = result(report, "links", "discovered handle: one.example")
    assert found.findings[0].kind == "account"
    assert found.findings[0].data["discovered"] is True


def test_depth_two_follows_further() -> None:
    report, served = scan(_world(), Subject(name="x"), [stage0([START]), LinksCheck],
                          {"links": {"max_depth": 2}})
    assert _statuses(report)["four.example:deep"] == (Status.FOUND, None)
    assert "https://four.example/@deep" in served


def test_count_limit() -> None:
    report, served = scan(_world(), Subject(name="x"), [stage0([START]), LinksCheck],
                          {"links": {"max_new_handles": 1}})
    got = _statuses(report)
    assert got["one.example:velvet"] == (Status.FOUND, None)
    assert got["two.example:velvet2"][0] is Status.SKIPPED
    assert "limit of 1 new handles" in result(report, "links",
                                               "discovered handle: two").detail
    assert "https://two.example/@velvet2" not in served


def test_depth_zero_turns_discovery_off() -> None:
    _, served = scan(_world(), Subject(name="x"), [stage0([START]), LinksCheck],
                     {"links": {"max_depth": 0}})
    assert not [u for u in served if "one.example" in u or "three.example" in u]


def test_dry_run_plan_names_the_limit() -> None:
    planned = next(iter(LinksCheck().probes(Subject(name="x"), {"max_new_handles": 3}, ()))).planned
    notes = [p.note for p in planned]
    assert any("up to 3 further handles" in n for n in notes)


def test_dry_run_plan_lists_email_lookups_only_when_opted_in() -> None:
    subject = Subject(name="x", emails=("a@example.org",))
    off = next(iter(LinksCheck().probes(subject, {}, ()))).planned
    on = next(iter(LinksCheck().probes(subject, {"email_lookups": True}, ()))).planned
    assert not [p for p in off if "email" in p.sends or "email_hash" in p.sends]
    assert {s for p in on for s in p.sends} >= {"email", "email_hash"}


def test_a_hostile_profile_page_becomes_a_note_not_a_failed_check() -> None:
    w = _world()
    w.page("https://www.reddit.com/user/velvet", "<div>" * 50_000)
    report, _ = scan(w, Subject(name="x"), [stage0([START]), LinksCheck])
    links = [r for r in report.results if r.check == "links"]
    assert links
    assert all(r.status is not Status.UNKNOWN for r in links), links
