"""Fake checks and a registry builder for core tests (no real plugin involved)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar

from audit import (
    Blocked,
    Check,
    CheckContext,
    Finding,
    HttpRequest,
    Outcome,
    PlannedRequest,
    Probe,
    RateLimited,
    Severity,
    Status,
    Subject,
    TimedOut,
    UnexpectedResponse,
)
from audit.check import CheckOption, NetworkError
from audit.models import CheckResult
from audit.plugins import Registry


class _Base(Check):
    title = "fake"
    description = "fake check for tests"
    requires: ClassVar[frozenset[str]] = frozenset({"handles"})
    targets: ClassVar[tuple[str, ...]] = ("t1",)

    def probes(
        self, subject: Subject, options: Mapping[str, Any], previous: Sequence[CheckResult] = ()
    ) -> Iterable[Probe]:
        for t in self.targets:
            yield Probe(
                self.name,
                t,
                url=f"https://{t}.example/x",
                planned=(PlannedRequest("GET", f"https://{t}.example/x", ("handle",)),),
            )


class FoundCheck(_Base):
    name = "found"

    def run(self, probe: Probe, ctx: CheckContext) -> Outcome:
        f = Finding(
            kind="account",
            title=f"account on {probe.target}",
            severity=Severity.MEDIUM,
            url=probe.url,
            data={"site": probe.target, "username": "u", "profile_url": probe.url},
        )
        return Outcome(Status.FOUND, (f,))


class NotFoundCheck(_Base):
    name = "notfound"

    def run(self, probe: Probe, ctx: CheckContext) -> Outcome:
        return Outcome(Status.NOT_FOUND)


_ERRORS: dict[str, Exception] = {
    "blocked": Blocked("challenge page"),
    "ratelimited": RateLimited("429", retry_after=30),
    "timeout": TimedOut("slow"),
    "network": NetworkError("reset"),
    "unexpected": UnexpectedResponse("odd page"),
    "bug": ZeroDivisionError("division by zero"),
}


class RaisingCheck(_Base):
    name = "raising"
    targets = tuple(_ERRORS)

    def run(self, probe: Probe, ctx: CheckContext) -> Outcome:
        raise _ERRORS[probe.target]


class FlakyCheck(_Base):
    """Blocked on its first run, found afterwards; counts the runs of each target."""

    name = "flaky"
    targets = ("sometimes", "always")
    runs: ClassVar[dict[str, int]] = {}

    def run(self, probe: Probe, ctx: CheckContext) -> Outcome:
        n = self.runs[probe.target] = self.runs.get(probe.target, 0) + 1
        if probe.target == "always":
            return Outcome(Status.NOT_FOUND)
        if n == 1:
            raise Blocked("challenge page")
        return FoundCheck.run(self, probe, ctx)  # type: ignore[arg-type]


class SlowCheck(_Base):
    name = "slow"
    targets = ("fast", "slow")
    release = threading.Event()

    def run(self, probe: Probe, ctx: CheckContext) -> Outcome:
        if probe.target == "slow":
            self.release.wait(5)
        return Outcome(Status.NOT_FOUND)


class NeedsUrlCheck(_Base):
    name = "needsurl"
    requires = frozenset({"urls"})

    def run(self, probe: Probe, ctx: CheckContext) -> Outcome:
        return Outcome(Status.NOT_FOUND)


class StageOneCheck(_Base):
    """Sees the results of stage 0 and reports how many were found."""

    name = "stageone"
    stage = 1
    requires = frozenset()
    seen: ClassVar[list[int]] = []

    def probes(
        self, subject: Subject, options: Mapping[str, Any], previous: Sequence[CheckResult] = ()
    ) -> Iterable[Probe]:
        found = [r for r in previous if r.status is Status.FOUND]
        self.seen.append(len(found))
        for r in found:
            yield Probe(self.name, f"page {r.target}", url=r.url)

    def run(self, probe: Probe, ctx: CheckContext) -> Outcome:
        return Outcome(Status.NOT_FOUND)


class FetchCheck(_Base):
    """Fetches `options['url']` through the context and reports the status code."""

    name = "fetch"
    targets = ("page",)

    def run(self, probe: Probe, ctx: CheckContext) -> Outcome:
        resp = ctx.fetch(
            HttpRequest(ctx.options.get("url", "https://probe.test/page"), sends=("handle",))
        )
        return Outcome(Status.NOT_FOUND, detail=str(resp.status))


class ShuffledCheck(_Base):
    name = "shuffled"
    targets = tuple(f"site{i:02d}" for i in range(20))

    def run(self, probe: Probe, ctx: CheckContext) -> Outcome:
        time.sleep((hash(probe.target) % 5) / 1000)
        return Outcome(Status.NOT_FOUND)


def registry_with(*checks: type[Check]) -> Registry:
    """A registry holding only the given checks plus the built-in table/json renderers."""
    from reports.json import JsonRenderer
    from reports.table import TableRenderer

    reg = Registry()
    for c in checks:
        reg.add_check(c)
    reg.add_renderer(TableRenderer)
    reg.add_renderer(JsonRenderer)
    return reg


class PidCheck(_Base):
    """Shardable: reports the process that ran each probe, and fetches a page."""

    name = "pids"
    shardable = True
    targets = tuple(f"host{i:03d}" for i in range(40))

    def probes(
        self, subject: Subject, options: Mapping[str, Any], previous: Sequence[CheckResult] = ()
    ) -> Iterable[Probe]:
        for t in self.targets:
            url = f"http://{t}.test/u"
            yield Probe(self.name, t, url=url, host=f"{t}.test")

    def run(self, probe: Probe, ctx: CheckContext) -> Outcome:
        import os

        if "url" in ctx.options:
            ctx.fetch(HttpRequest(probe.url))
        return Outcome(Status.NOT_FOUND, detail=str(os.getpid()))


class CrashCheck(PidCheck):
    """Shardable; the worker process dies on one probe."""

    name = "crash"

    def run(self, probe: Probe, ctx: CheckContext) -> Outcome:
        import os

        if os.getpid() != int(ctx.options["parent"]):  # in the worker process
            os._exit(3)
        return Outcome(Status.NOT_FOUND, detail=str(os.getpid()))


class OptionsCheck(_Base):
    """Reports the options it was given, to check they are passed on; declares two `scan`
    options of its own, as a plugin check would."""

    name = "options"
    options: ClassVar[tuple[CheckOption, ...]] = (
        CheckOption("--max-queries", "max_queries", "A budget.", kind="int", minimum=0),
        CheckOption("--email-queries/--no-email-queries", "email_queries", "An opt-in.",
                    kind="switch"),
        CheckOption("--colour-of-sky", "sky", "Only a plugin knows this one.", multiple=True),
    )

    def run(self, probe: Probe, ctx: CheckContext) -> Outcome:
        import json

        return Outcome(Status.NOT_FOUND, detail=json.dumps(dict(ctx.options), sort_keys=True))


class SamePageCheck(_Base):
    """Five probes that all want the same page at the same time."""

    name = "samepage"
    targets = tuple(f"p{i}" for i in range(5))

    def run(self, probe: Probe, ctx: CheckContext) -> Outcome:
        resp = ctx.fetch(HttpRequest("https://shared.test/page"))
        return Outcome(Status.NOT_FOUND, detail=str(resp.status))


class AheadCheck(_Base):
    """Names its first request in advance (`Probe.request`); on targets listed in the
    `more` option it also fetches a second page, which cannot be answered ahead."""

    name = "ahead"
    shardable = True
    targets = tuple(f"site{i:02d}" for i in range(12))
    runs: ClassVar[list[str]] = []  # targets, once per call of `run`

    def probes(
        self, subject: Subject, options: Mapping[str, Any], previous: Sequence[CheckResult] = ()
    ) -> Iterable[Probe]:
        more = str(options.get("more", "")).split(",")
        # `misdeclared` targets say `request_only` and still fetch a second page
        misdeclared = str(options.get("misdeclared", "")).split(",")
        for copy in range(int(options.get("copies", 1))):  # copies ask the same request
            for t in self.targets:
                url = f"http://{t}.test/u/{subject.handles[0]}"
                target = f"{t}#{copy}" if copy else t
                yield Probe(self.name, target, url=url, host=f"{t}.test",
                            request=HttpRequest(url),
                            request_only=t not in more or t in misdeclared)

    def run(self, probe: Probe, ctx: CheckContext) -> Outcome:
        import os
        import threading as _threading

        AheadCheck.runs.append(probe.target)
        assert probe.request is not None
        first = ctx.fetch(probe.request)
        detail = f"{first.status} {os.getpid()} {_threading.current_thread().name}"
        wants_more = f"{ctx.options.get('more', '')},{ctx.options.get('misdeclared', '')}"
        if probe.target in wants_more.split(","):
            second = ctx.fetch(HttpRequest(f"http://{probe.target}.test/more"))
            detail += f" more={second.status}"
        if first.status != 200:
            return Outcome(Status.NOT_FOUND, detail=detail)
        f = Finding(kind="account", title=f"account on {probe.target}", severity=Severity.LOW,
                    url=probe.url, data={"site": probe.target, "username": "alice",
                                         "profile_url": probe.url})
        return Outcome(Status.FOUND, (f,), detail=detail)


class ListedAheadCheck(_Base):
    """Shardable; one probe per `[host label, URL]` pair of the `targets` option, each naming
    its request in advance (`Probe.request`); reports the answer's status and the process
    that ran it. The label is the probe's host, so a test chooses each probe's share."""

    name = "listed"
    shardable = True

    def probes(
        self, subject: Subject, options: Mapping[str, Any], previous: Sequence[CheckResult] = ()
    ) -> Iterable[Probe]:
        for label, url in options.get("targets", ()):
            yield Probe(self.name, label, url=url, host=label,
                        request=HttpRequest(url, retries=0))

    def run(self, probe: Probe, ctx: CheckContext) -> Outcome:
        import os

        assert probe.request is not None
        resp = ctx.fetch(probe.request)
        return Outcome(Status.NOT_FOUND, detail=f"{resp.status} {os.getpid()}")
