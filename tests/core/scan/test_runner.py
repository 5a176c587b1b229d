"""The runner: status mapping, deadline, stages, selection, ordering, interruption."""

from __future__ import annotations

import pytest

from audit.errors import ConfigError
from audit.models import Reason, Status, Subject
from audit.scan.runner import Scanner
from audit.settings import Settings
from tests.fakes import (
    FoundCheck,
    NeedsUrlCheck,
    NotFoundCheck,
    RaisingCheck,
    ShuffledCheck,
    SlowCheck,
    StageOneCheck,
    registry_with,
)

SUBJECT = Subject(name="Alice Example", handles=("alice",))


def run(*checks, **settings):
    return Scanner(registry_with(*checks), Settings(**settings)).run(SUBJECT)


def test_found_and_not_found_are_reported_per_target():
    report = run(FoundCheck, NotFoundCheck)
    by = {(r.check, r.target): r for r in report.results}
    assert by[("found", "t1")].status is Status.FOUND
    assert by[("found", "t1")].findings[0].kind == "account"
    assert by[("notfound", "t1")].status is Status.NOT_FOUND
    assert by[("notfound", "t1")].reason is None


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("blocked", Reason.BLOCKED),
        ("ratelimited", Reason.RATE_LIMITED),
        ("timeout", Reason.TIMEOUT),
        ("network", Reason.NETWORK),
        ("unexpected", Reason.UNEXPECTED_RESPONSE),
        ("bug", Reason.CHECK_ERROR),
    ],
)
def test_each_failure_kind_maps_to_unknown_with_its_reason(target, reason):
    report = run(RaisingCheck)
    result = next(r for r in report.results if r.target == target)
    assert result.status is Status.UNKNOWN
    assert result.reason is reason
    assert result.detail  # the user is told something
    assert not result.findings


def test_a_bug_in_one_probe_does_not_stop_the_others():
    report = run(RaisingCheck, FoundCheck)
    assert any(r.status is Status.FOUND for r in report.results)
    assert len([r for r in report.results if r.check == "raising"]) == 6


def test_deadline_turns_a_hung_probe_into_timeout_and_keeps_the_rest():
    SlowCheck.release.clear()
    try:
        report = run(SlowCheck, deadline=0.3)
    finally:
        SlowCheck.release.set()
    by = {r.target: r for r in report.results}
    assert by["fast"].status is Status.NOT_FOUND
    assert by["slow"].status is Status.UNKNOWN
    assert by["slow"].reason is Reason.TIMEOUT
    assert "deadline" in by["slow"].detail


def test_check_without_its_inputs_is_skipped_not_applicable():
    report = run(NeedsUrlCheck)
    (result,) = report.results
    assert result.status is Status.SKIPPED
    assert result.reason is Reason.NOT_APPLICABLE
    assert "urls" in result.detail


def test_later_stage_receives_earlier_results():
    StageOneCheck.seen.clear()
    report = run(FoundCheck, StageOneCheck)
    assert StageOneCheck.seen == [1]
    assert any(r.check == "stageone" and r.target == "page t1" for r in report.results)


def test_only_and_skip_select_checks_and_unknown_names_are_refused():
    report = run(FoundCheck, NotFoundCheck, only=("found",))
    assert {r.check for r in report.results} == {"found"}
    report = run(FoundCheck, NotFoundCheck, skip=("found",))
    assert {r.check for r in report.results} == {"notfound"}
    with pytest.raises(ConfigError, match="unknown check 'nope'"):
        run(FoundCheck, only=("nope",))


def test_order_is_deterministic_whatever_the_completion_order():
    a = [r.target for r in run(ShuffledCheck, concurrency=8).results]
    b = [r.target for r in run(ShuffledCheck, concurrency=1).results]
    assert a == b == sorted(a)


def test_plan_lists_requests_without_running_anything():
    scanner = Scanner(registry_with(FoundCheck, RaisingCheck), Settings())
    plan = scanner.plan(SUBJECT)
    urls = [p.url for e in plan for p in e.planned]
    assert "https://t1.example/x" in urls
    assert len(plan) == 7
    assert all(p.sends == ("handle",) for e in plan for p in e.planned)


class _InterruptingObserver:
    def __init__(self):
        self.n = 0

    def on_planned(self, count):
        pass

    def on_result(self, result):
        self.n += 1
        if self.n == 1:
            raise KeyboardInterrupt


def test_ctrl_c_keeps_what_was_done_and_marks_the_rest_interrupted():
    scanner = Scanner(
        registry_with(ShuffledCheck), Settings(concurrency=1), observer=_InterruptingObserver()
    )
    report = scanner.run(SUBJECT)
    assert report.interrupted
    statuses = {r.status for r in report.results}
    assert Status.NOT_FOUND in statuses
    rest = [r for r in report.results if r.reason is Reason.INTERRUPTED]
    assert rest
    assert len({r.target for r in report.results}) == 20


def test_resume_reuses_definitive_results_and_reruns_unknown():
    from tests.fakes import FlakyCheck

    FlakyCheck.runs.clear()
    reg = registry_with(FlakyCheck, FoundCheck)
    first = Scanner(reg, Settings()).run(SUBJECT)
    done = {(r.check, r.target): r for r in first.results}
    assert done[("flaky", "sometimes")].status is Status.UNKNOWN
    assert done[("flaky", "always")].status is Status.NOT_FOUND
    second = Scanner(reg, Settings()).run(SUBJECT, done=done)
    again = {(r.check, r.target): r for r in second.results}
    # definitive answers are kept as they were, without running their probe again
    assert again[("found", "t1")] is done[("found", "t1")]
    assert again[("flaky", "always")] is done[("flaky", "always")]
    assert FlakyCheck.runs["always"] == 1
    # the unknown one is asked again, and its new answer replaces the old one
    assert FlakyCheck.runs["sometimes"] == 2
    assert again[("flaky", "sometimes")].status is Status.FOUND
    assert len(second.results) == len(first.results)


def test_a_request_still_in_flight_at_the_deadline_is_in_the_request_log():
    from audit.sandbox import Sandbox, World
    from tests.fakes import FetchCheck

    world = World().route("probe.test", "/page", behaviour="hang")
    with Sandbox(world) as sb:
        settings = Settings(proxy=sb.proxy_url, ca_bundle=sb.ca_path, trust_env=False,
                            timeout=30, deadline=0.5)
        report = Scanner(registry_with(FetchCheck), settings).run(SUBJECT)
    (entry,) = report.request_log
    assert entry.url == "https://probe.test/page"
    assert entry.status is None
    assert "no answer" in entry.error
    assert report.results[0].reason is Reason.TIMEOUT


def test_no_later_stage_starts_after_the_deadline():
    SlowCheck.release.clear()
    StageOneCheck.seen.clear()
    try:
        report = run(SlowCheck, StageOneCheck, deadline=0.3)
    finally:
        SlowCheck.release.set()
    later = [r for r in report.results if r.check == "stageone"]
    assert len(later) == 1
    assert later[0].status is Status.UNKNOWN
    assert "not started" in later[0].detail
    assert StageOneCheck.seen == []  # its probes were never even planned


def test_a_page_wanted_by_several_probes_at_once_is_fetched_once():
    from audit.sandbox import Sandbox, World
    from tests.fakes import SamePageCheck

    world = World().page("https://shared.test/page", "<html>x</html>", delay_s=0.3)
    with Sandbox(world) as sb:
        settings = Settings(proxy=sb.proxy_url, ca_bundle=sb.ca_path, trust_env=False)
        report = Scanner(registry_with(SamePageCheck), settings).run(SUBJECT)
        served = [r for r in sb.log.snapshot() if r.host == "shared.test"]
    assert len(report.results) == 5
    assert {r.detail for r in report.results} == {"200"}
    assert len(served) == 1
    assert len(report.request_log) == 1


def _ahead_world(found: tuple[str, ...] = ("site03", "site07")):
    from audit.sandbox import World
    from tests.fakes import AheadCheck

    world = World()
    for t in AheadCheck.targets:
        if t in found:
            world.page(f"http://{t}.test/u/alice", "<html>alice</html>")
        world.page(f"http://{t}.test/more", "<html>more</html>")
    return world


def test_requests_named_ahead_are_sent_in_a_batch_and_each_probe_gets_its_answer():
    from audit.sandbox import Sandbox
    from tests.fakes import AheadCheck

    with Sandbox(_ahead_world()) as sb:
        settings = Settings(proxy=sb.proxy_url, trust_env=False,
                            check_options={"ahead": {"more": "site05"}})
        report = Scanner(registry_with(AheadCheck), settings).run(SUBJECT)
    by = {r.target: r for r in report.results}
    assert sorted(by) == sorted(AheadCheck.targets)
    assert {t for t, r in by.items() if r.status is Status.FOUND} == {"site03", "site07"}
    assert all(r.detail.startswith("404 ") for t, r in by.items() if t not in ("site03", "site07"))
    # the probe that asked for a second page got it, on a pool thread (not the loop's)
    assert by["site05"].detail.endswith("more=200")
    assert "http-loop" not in by["site05"].detail
    # the others ran where their answer arrived: on the loop's thread
    assert "http-loop" in by["site01"].detail
    urls = sorted(r.url for r in report.request_log)
    assert urls == sorted(
        [f"http://{t}.test/u/alice" for t in AheadCheck.targets] + ["http://site05.test/more"]
    )
    assert all(r.check == "ahead" for r in report.request_log)


def test_each_probe_runs_once_even_when_it_fetches_more_than_its_first_request():
    """The probe contract (`audit.check.Probe`): `run` is called once per probe, whatever it
    fetches; nothing re-runs a probe from the start."""
    from audit.sandbox import Sandbox
    from tests.fakes import AheadCheck

    AheadCheck.runs.clear()
    with Sandbox(_ahead_world()) as sb:
        settings = Settings(proxy=sb.proxy_url, trust_env=False,
                            check_options={"ahead": {"more": "site02,site05"}})
        report = Scanner(registry_with(AheadCheck), settings).run(SUBJECT)
    assert sorted(AheadCheck.runs) == sorted(AheadCheck.targets)  # once each, no re-run
    by = {r.target: r for r in report.results}
    assert by["site02"].detail.endswith("more=200")
    assert by["site05"].detail.endswith("more=200")
    assert sum(r.url.endswith("/more") for r in report.request_log) == 2


def test_a_request_only_probe_that_fetches_more_is_a_check_error_not_a_rerun():
    from audit.sandbox import Sandbox
    from tests.fakes import AheadCheck

    AheadCheck.runs.clear()
    with Sandbox(_ahead_world()) as sb:
        settings = Settings(proxy=sb.proxy_url, trust_env=False,
                            check_options={"ahead": {"misdeclared": "site04"}})
        report = Scanner(registry_with(AheadCheck), settings).run(SUBJECT)
    by = {r.target: r for r in report.results}
    assert by["site04"].status is Status.UNKNOWN
    assert by["site04"].reason is Reason.CHECK_ERROR
    assert "request_only" in by["site04"].detail
    assert AheadCheck.runs.count("site04") == 1
    # the second page was never sent, and the other sites are unaffected
    assert not any(r.url.endswith("/more") for r in report.request_log)
    assert by["site03"].status is Status.FOUND
    assert by["site01"].status is Status.NOT_FOUND


def test_identical_requests_named_ahead_are_sent_once():
    from audit.sandbox import Sandbox
    from tests.fakes import AheadCheck

    with Sandbox(_ahead_world()) as sb:
        settings = Settings(proxy=sb.proxy_url, trust_env=False,
                            check_options={"ahead": {"copies": 2}})
        report = Scanner(registry_with(AheadCheck), settings).run(SUBJECT)
    assert len(report.results) == 2 * len(AheadCheck.targets)
    found = sorted(r.target for r in report.results if r.status is Status.FOUND)
    assert found == ["site03", "site03#1", "site07", "site07#1"]
    assert len(report.request_log) == len(AheadCheck.targets)


def test_an_answer_sent_ahead_is_not_fetched_again_by_a_later_probe():
    from audit import Check, HttpRequest, Outcome, Probe
    from audit.sandbox import Sandbox
    from tests.fakes import AheadCheck

    class Later(Check):  # stage 1: fetches the page site03 answered ahead
        name = "later"
        title = description = "later"
        stage = 1

        def probes(self, subject, options, previous=()):
            yield Probe(self.name, "again", url="http://site03.test/u/alice")

        def run(self, probe, ctx):
            resp = ctx.fetch(HttpRequest(probe.url))
            return Outcome(Status.NOT_FOUND, detail=str(resp.status))

    with Sandbox(_ahead_world()) as sb:
        settings = Settings(proxy=sb.proxy_url, trust_env=False)
        report = Scanner(registry_with(AheadCheck, Later), settings).run(SUBJECT)
    assert {r.target: r.detail for r in report.results}["again"] == "200"
    hits = [r for r in report.request_log if r.url == "http://site03.test/u/alice"]
    assert len(hits) == 1


def test_a_wrong_proxy_still_fails_when_the_scan_is_set_up():
    # the client is made on the first request, but the proxy setting is checked at once
    with pytest.raises(ConfigError, match="bad proxy URL"):
        Scanner(registry_with(FoundCheck), Settings(proxy="gopher://nowhere:70"))
