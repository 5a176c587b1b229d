"""The scan engine: selects checks, plans probes, runs them in one thread pool, maps failures.

All probes of all checks of one stage run in a single pool of daemon threads; checks never
start threads. Probes that name their first request in advance (`Probe.request`, e.g. one
per catalog site) have those requests sent together in a batch (`HttpClient.send_batch`: one
event loop) and are run as their answers arrive, on the thread that received them.

Each request has its own time limits (in `audit.net`) and the whole scan has a deadline:
a probe still running at the deadline is reported `unknown`/`timeout`, and the HTTP client
sends and retries nothing after it (`HttpClient.open_until` / `stop`). Any exception a check
raises becomes `unknown` with a reason, so one broken site or file never stops the scan.
A Ctrl-C keeps what was done: the report is marked interrupted and can be resumed.
"""

from __future__ import annotations

import functools
import gc
import logging
import queue
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from audit import __version__
from audit.check import Check, CheckFailure, PlannedRequest, Probe, TimedOut
from audit.errors import ConfigError
from audit.models import (
    CheckInfo,
    CheckResult,
    Outcome,
    Reason,
    ScanReport,
    Status,
    Subject,
    utcnow,
)
from audit.net import Answer, HttpRequest, HttpResponse
from audit.plugins import Registry
from audit.scan.pool import DaemonPool
from audit.scan.settle import Settler, settle_all
from audit.settings import Settings
from audit.store.cache import Cache, MemoryCache

if TYPE_CHECKING:
    from audit.net.client import Batch, HttpClient

logger = logging.getLogger(__name__)

Clock = Callable[[], datetime]
Key = tuple[str, str]
Job = tuple[int, Check, Probe]


class ScanObserver(Protocol):
    """Receives progress events (the CLI shows a bar on a terminal)."""

    def on_planned(self, count: int) -> None:
        """`count` more results are to come (negative: a correction, when probes settled
        together by `Check.settle` gave fewer results than they were probes)."""

    def on_result(self, result: CheckResult) -> None:
        """One result is ready."""


class _NullObserver:
    def on_planned(self, count: int) -> None:
        pass

    def on_result(self, result: CheckResult) -> None:
        pass


@dataclass(frozen=True, slots=True)
class PlanEntry:
    """One probe of the plan, for `--dry-run` and the `checks` listing."""

    check: str
    stage: int
    target: str
    planned: tuple[PlannedRequest, ...]


class _Deferred(BaseException):
    """Raised in a check run with the answer sent ahead, on the thread that received it, when
    it asks for another request: the probe is run again on a pool thread, where waiting is fine.
    A BaseException, so that the runner's `except Exception` does not turn it into a result."""


@dataclass(frozen=True, slots=True)
class _Ahead:
    """The answer to a probe's `request`, sent ahead in a batch."""

    answer: Answer


class _ProbeContext:
    """The `CheckContext` handed to a check for one probe."""

    def __init__(
        self,
        scan: _Scan,
        check: Check,
        probe: Probe,
        ahead: _Ahead | None = None,
        inline: bool = False,
    ) -> None:
        self._scan, self._check, self._probe = scan, check, probe
        self._ahead, self._inline = ahead, inline

    @property
    def subject(self) -> Subject:
        return self._scan.subject

    @property
    def options(self) -> Mapping[str, Any]:
        return self._scan.settings.options_for(self._check.name)

    def fetch(self, request: HttpRequest) -> HttpResponse:
        if self._ahead is not None and request == self._probe.request:
            return self._scan.take_ahead(request, self._ahead.answer)
        if self._inline:
            raise _Deferred
        return self._scan.fetch(request, self._check.name)

    def now(self) -> datetime:
        return self._scan.clock()

    def cache_get(self, key: str) -> Any:
        return self._scan.cache.get(self._check.name, key, self._scan.clock())

    def cache_put(self, key: str, value: Any, ttl_s: float) -> None:
        self._scan.cache.put(self._check.name, key, value, ttl_s, self._scan.clock())

    def cancelled(self) -> bool:
        return self._scan.cancel.is_set()


class _Scan:
    """State of one scan shared by its probes: client, page cache, clock, cache."""

    def __init__(
        self,
        subject: Subject,
        settings: Settings,
        client: HttpClient,
        clock: Clock,
        cache: Cache | MemoryCache,
    ) -> None:
        self.subject, self.settings, self.client = subject, settings, client
        self.clock, self.cache = clock, cache
        self._pages: dict[tuple[str, bool], HttpResponse] = {}
        self._inflight: dict[tuple[str, bool], threading.Event] = {}
        self.cancel = threading.Event()
        self._lock = threading.Lock()

    def take_ahead(self, request: HttpRequest, answer: Answer) -> HttpResponse:
        """The answer sent ahead for `request` (raised if it is an error), kept like a fetched
        page so later probes of this scan do not ask for it again."""
        if isinstance(answer, Exception):
            raise answer
        if (
            request.method == "GET"
            and not request.headers
            and answer.status < 500
            and not answer.truncated
        ):
            with self._lock:
                self._pages.setdefault((request.url, request.follow_redirects), answer)
        return answer

    def fetch(self, request: HttpRequest, check: str) -> HttpResponse:
        """Send through the client; a page already fetched (or being fetched) by another
        probe of this scan is not requested twice."""
        if self.cancel.is_set():
            raise TimedOut("not sent: the scan's deadline was reached or it was interrupted")
        if request.method != "GET" or request.headers:
            return self.client.send(request, check=check)
        key = (request.url, request.follow_redirects)
        while True:
            with self._lock:
                hit = self._pages.get(key)
                if hit is not None and not (
                    request.max_bytes and len(hit.body) > request.max_bytes
                ):
                    return hit
                waiting = self._inflight.get(key)
                if waiting is None:
                    done = self._inflight[key] = threading.Event()
                    break
            # another probe is fetching this page: wait for it, then use its answer
            waiting.wait(timeout=(request.timeout or self.settings.timeout) * 4)
            if not waiting.is_set() or key not in self._pages:
                return self.client.send(request, check=check)
        try:
            resp = self.client.send(request, check=check)
            if resp.status < 500 and not resp.truncated:
                with self._lock:
                    self._pages[key] = resp
            return resp
        finally:
            with self._lock:
                self._inflight.pop(key, None)
            done.set()


class Scanner:
    """Runs the registered checks for a subject and returns an immutable `ScanReport`."""

    def __init__(
        self,
        registry: Registry,
        settings: Settings,
        *,
        clock: Clock = utcnow,
        observer: ScanObserver | None = None,
        client: HttpClient | None = None,
        cache: Cache | MemoryCache | None = None,
    ) -> None:
        self.registry, self.settings, self.clock = registry, settings, clock
        self.observer = observer or _NullObserver()
        if client is None:
            from audit.net.client import HttpClient  # aiohttp: loaded when a scan is made

            client = HttpClient(settings)
        self.client = client
        self.cache = cache if cache is not None else MemoryCache()

    # ----- selection ----------------------------------------------------------------------

    def selected_checks(self) -> list[Check]:
        """Instances of the checks this scan runs (after --only / --skip), by stage."""
        names = list(self.registry.checks)
        unknown = [n for n in (*self.settings.only, *self.settings.skip) if n not in names]
        if unknown:
            raise ConfigError(
                f"unknown check {unknown[0]!r}; known checks: {', '.join(sorted(names))}"
            )
        chosen = []
        for name, cls in self.registry.checks.items():
            if self.settings.only and name not in self.settings.only:
                continue
            if name in self.settings.skip:
                continue
            if not self.settings.only and not cls.default_enabled:
                continue
            chosen.append(cls())
        chosen.sort(key=lambda c: c.stage)
        return chosen

    def plan(self, subject: Subject) -> list[PlanEntry]:
        """What a scan would send, without sending anything (stage-0 probes are exact;
        later stages are listed with the requests they may make)."""
        entries = []
        for check in self.selected_checks():
            if not check.applies_to(subject) and check.stage == 0:
                continue
            for probe in check.probes(subject, self.settings.options_for(check.name), ()):
                entries.append(PlanEntry(check.name, check.stage, probe.target, probe.planned))
        return entries

    # ----- running ------------------------------------------------------------------------

    def run(self, subject: Subject, *, done: Mapping[Key, CheckResult] | None = None) -> ScanReport:
        """Run the scan. `done` holds results of an interrupted scan to resume from."""
        started = self.clock()
        t_end = time.monotonic() + self.settings.deadline
        self.client.open_until(t_end)
        scan = _Scan(subject, self.settings, self.client, self.clock, self.cache)
        checks = self.selected_checks()
        results: list[CheckResult] = []
        interrupted = False
        pool = DaemonPool(self.settings.concurrency)
        try:
            for stage in sorted({c.stage for c in checks}):
                stage_checks = [c for c in checks if c.stage == stage]
                if time.monotonic() >= t_end:  # no new stage once the deadline has passed
                    results.extend(self._not_started(stage_checks, subject, results))
                    continue
                self._run_stage(pool, scan, stage_checks, results, t_end, done or {})
        except KeyboardInterrupt:
            interrupted = True
            results.extend(self._interrupted_rest(checks, subject, results))
        finally:
            gc.unfreeze()  # what the stages froze can be collected again
            scan.cancel.set()
            self.client.stop()  # nothing is sent after the scan: the log below is complete
            # Never wait for a probe still hanging past the deadline: its result is dropped,
            # and its daemon thread does not hold up the end of the program.
            pool.shutdown()
        return ScanReport(
            scan_id=uuid.uuid4().hex[:12],
            tool_version=__version__,
            subject=subject,
            started_at=started,
            finished_at=self.clock(),
            checks=tuple(CheckInfo(c.name, c.version, c.title) for c in checks),
            results=tuple(results),
            request_log=tuple(sorted(self.client.request_log, key=lambda r: r.started_at)),
            interrupted=interrupted,
        )

    def _run_stage(
        self,
        pool: DaemonPool,
        scan: _Scan,
        checks: Sequence[Check],
        out: list[CheckResult],
        t_end: float,
        done: Mapping[Key, CheckResult],
    ) -> None:
        """Run one stage, appending to `out` as results arrive (so Ctrl-C keeps them)."""
        previous = tuple(out)
        first_new = len(out)
        jobs: list[tuple[Check, Probe]] = []
        for check in checks:
            if not check.applies_to(scan.subject):
                out.append(_not_applicable(check))
                continue
            try:
                probes = list(
                    check.probes(scan.subject, self.settings.options_for(check.name), previous)
                )
            except Exception as exc:
                if isinstance(exc, ConfigError) and check.stage == 0:
                    raise  # bad input (e.g. --sites-file): exit 2 before anything is sent
                logger.debug("probes() of %s failed", check.name, exc_info=True)
                out.append(_error_result(check.name, "-", "", exc, 0.0))
                continue
            if not probes and check.stage > 0:
                out.append(
                    CheckResult(
                        check=check.name,
                        target="-",
                        status=Status.SKIPPED,
                        reason=Reason.NOT_APPLICABLE,
                        detail="nothing to examine from the earlier checks",
                    )
                )
            answered_groups = _answered_groups(check.name, probes, done)
            for probe in probes:
                earlier = done.get((check.name, probe.target))
                if earlier is not None and earlier.status is not Status.UNKNOWN:
                    out.append(earlier)
                    continue
                if earlier is None and probe.settle_with in answered_groups:
                    continue  # e.g. a control probe of a site whose answer is kept: not re-sent
                jobs.append((check, probe))
        self.observer.on_planned(len(jobs))
        for r in out[first_new:]:
            self.observer.on_result(r)
        # Finished probes arrive through one queue, from the loop's thread and pool threads.
        arrived: queue.SimpleQueue[tuple[int, Any]] = queue.SimpleQueue()
        indexed = [(i, c, p) for i, (c, p) in enumerate(jobs)]
        # What exists now (plugins, catalog, probes) lives until the scan ends: the cyclic
        # garbage collector stops walking it (thousands of objects, again and again while
        # answers arrive).
        gc.freeze()
        for check in {id(c): c for c, _p in jobs}.values():
            check.prepare()
        batches: list[Batch] = []
        pending = set(range(len(jobs)))
        settler = Settler(jobs, self.observer.on_planned)  # `Check.settle` groups, here only
        try:
            batches = self._start(scan, indexed, pool, arrived, self.settings.concurrency)
            while pending:
                remaining = t_end - time.monotonic()
                if remaining <= 0:
                    break
                try:
                    idx, payload = arrived.get(timeout=remaining)
                except queue.Empty:
                    break
                pending.discard(idx)
                results = payload.result() if isinstance(payload, Future) else payload
                for r in settler.add(idx, results):
                    out.append(r)
                    self.observer.on_result(r)
        except KeyboardInterrupt:
            out.extend(settler.flush())  # what was answered is kept, combined
            raise
        finally:
            for batch in batches:
                batch.cancel()  # a no-op once it has ended
            if pending:
                scan.cancel.set()  # probes still running should stop at their next check
                self.client.stop()  # nothing more is sent nor retried
        while pending:  # answers that came in while the rest was being stopped
            try:
                idx, payload = arrived.get_nowait()
            except queue.Empty:
                break
            if idx in pending:
                pending.discard(idx)
                for r in settler.add(idx, payload.result() if isinstance(payload, Future)
                                     else payload):
                    out.append(r)
                    self.observer.on_result(r)
        for idx in sorted(pending):
            check, probe = jobs[idx]
            r = CheckResult(
                check=check.name,
                target=probe.target,
                url=probe.url,
                status=Status.UNKNOWN,
                reason=Reason.TIMEOUT,
                detail=f"scan deadline of {self.settings.deadline:g} s reached",
            )
            for settled in settler.add(idx, [r]):
                out.append(settled)
                self.observer.on_result(settled)

    def _start(
        self,
        scan: _Scan,
        jobs: Sequence[Job],
        pool: DaemonPool,
        arrived: queue.SimpleQueue[tuple[int, Any]],
        concurrency: int,
    ) -> list[Batch]:
        """Start these jobs: their results (or Futures of them) arrive in `arrived` by index.
        Batches keep at most `concurrency` requests in flight."""
        ahead = [j for j in jobs if j[2].request is not None]
        batches = self._send_ahead(scan, ahead, arrived, pool, concurrency)
        for idx, check, probe in jobs:
            if probe.request is None:
                fut = pool.submit(self._run_probe, scan, check, probe)
                fut.add_done_callback(functools.partial(_put_future, arrived, idx))
        return batches

    def _send_ahead(
        self,
        scan: _Scan,
        jobs: Sequence[Job],
        arrived: queue.SimpleQueue[tuple[int, Any]],
        pool: DaemonPool,
        concurrency: int,
    ) -> list[Batch]:
        """Send the known first request of these probes in one batch per check.

        Each probe runs as soon as its answer is in, on the thread that received it (the
        event loop's: one thread holds the GIL for the I/O and the checks' short work, rather
        than two taking it from each other); a probe that asks for more requests moves to a
        pool thread. Results arrive in `arrived` like those of other probes."""
        by_check: dict[str, list[Job]] = {}
        for job in jobs:
            by_check.setdefault(job[1].name, []).append(job)
        batches = []
        for name, group in by_check.items():
            requests: list[HttpRequest] = []
            owners: list[list[Job]] = []
            seen: dict[tuple[Any, ...], int] = {}
            for job in group:
                request = job[2].request
                assert request is not None
                key = _request_key(request)
                n = seen.get(key)
                if n is None:
                    n = seen[key] = len(requests)
                    requests.append(request)
                    owners.append([])
                owners[n].append(job)

            def on_done(n: int, answer: Answer, owners: list[list[Job]] = owners) -> None:
                for idx, check, probe in owners[n]:
                    self._run_answered(scan, idx, check, probe, _Ahead(answer), arrived, pool)

            batches.append(scan.client.send_batch(requests, name, on_done, concurrency))
        return batches

    def _run_answered(
        self,
        scan: _Scan,
        idx: int,
        check: Check,
        probe: Probe,
        ahead: _Ahead,
        arrived: queue.SimpleQueue[tuple[int, Any]],
        pool: DaemonPool,
    ) -> None:
        """Run a probe whose first answer is in, without waiting for anything else."""
        try:
            results = self._run_probe(scan, check, probe, ahead, inline=True)
        except _Deferred:  # it needs more requests: on a pool thread, where waiting is fine
            try:
                fut = pool.submit(self._run_probe, scan, check, probe, ahead)
            except RuntimeError:  # the pool is shut down: the scan is over
                return
            fut.add_done_callback(functools.partial(_put_future, arrived, idx))
            return
        arrived.put((idx, results))

    def _run_probe(
        self,
        scan: _Scan,
        check: Check,
        probe: Probe,
        ahead: _Ahead | None = None,
        inline: bool = False,
    ) -> list[CheckResult]:
        t0 = time.monotonic()
        try:
            outcome = check.run(probe, _ProbeContext(scan, check, probe, ahead, inline))
        except CheckFailure as exc:
            return [
                CheckResult(
                    check=check.name,
                    target=probe.target,
                    url=probe.url,
                    status=Status.UNKNOWN,
                    reason=exc.reason,
                    detail=exc.detail or type(exc).__name__,
                    duration_s=time.monotonic() - t0,
                )
            ]
        except Exception as exc:
            logger.debug("check %s failed on %s", check.name, probe.target, exc_info=True)
            return [_error_result(check.name, probe.target, probe.url, exc, time.monotonic() - t0)]
        outcomes: Iterable[Outcome] = [outcome] if isinstance(outcome, Outcome) else outcome
        elapsed = time.monotonic() - t0
        return [
            CheckResult(
                check=check.name,
                target=o.target or probe.target,
                url=o.url or probe.url,
                status=o.status,
                findings=o.findings,
                reason=o.reason,
                detail=o.detail,
                duration_s=elapsed,
            )
            for o in outcomes
        ]

    def _not_started(
        self, checks: Sequence[Check], subject: Subject, results: Sequence[CheckResult]
    ) -> list[CheckResult]:
        out = []
        for check in checks:
            if not check.applies_to(subject):
                out.append(_not_applicable(check))
                continue
            out.append(
                CheckResult(
                    check=check.name,
                    target="-",
                    status=Status.UNKNOWN,
                    reason=Reason.TIMEOUT,
                    detail=f"not started: the scan deadline of {self.settings.deadline:g} s "
                    "was reached before this check's turn",
                )
            )
        for r in out:
            self.observer.on_result(r)
        return out

    def _interrupted_rest(
        self, checks: Sequence[Check], subject: Subject, results: Sequence[CheckResult]
    ) -> list[CheckResult]:
        have = {(r.check, r.target) for r in results}
        rest = []
        for check in checks:
            if check.stage > 0 or not check.applies_to(subject):
                continue
            never: list[tuple[Probe, Sequence[CheckResult]]] = []
            for probe in check.probes(subject, self.settings.options_for(check.name), ()):
                if (check.name, probe.target) not in have:
                    never.append((probe, [
                        CheckResult(
                            check=check.name,
                            target=probe.target,
                            url=probe.url,
                            status=Status.UNKNOWN,
                            reason=Reason.INTERRUPTED,
                            detail="the scan was interrupted before this ran",
                        )
                    ]))
            rest.extend(settle_all(check, never))
        return rest


def _request_key(request: HttpRequest) -> tuple[Any, ...]:
    """What makes two requests the same request (sent once for both probes)."""
    return (
        request.method,
        request.url,
        request.body,
        tuple(sorted(request.headers.items())),
        request.follow_redirects,
        request.max_bytes,
        request.origin,
        request.timeout,
        request.retries,
    )


def _put_future(
    arrived: queue.SimpleQueue[tuple[int, Any]], idx: int, fut: Future[list[CheckResult]]
) -> None:
    arrived.put((idx, fut))


def _not_applicable(check: Check) -> CheckResult:
    needs = " or ".join(sorted(check.requires)) or "input"
    return CheckResult(
        check=check.name,
        target="-",
        status=Status.SKIPPED,
        reason=Reason.NOT_APPLICABLE,
        detail=f"needs {needs}",
    )


def _error_result(name: str, target: str, url: str, exc: Exception, dur: float) -> CheckResult:
    return CheckResult(
        check=name,
        target=target,
        url=url,
        status=Status.UNKNOWN,
        reason=Reason.CHECK_ERROR,
        detail=f"{type(exc).__name__}: {exc}"[:300],
        duration_s=dur,
    )


def host_of(url: str) -> str:
    """The lowercase host:port of a URL (used for per-host limits and dry-run listings)."""
    return urlsplit(url).netloc.lower()


def _answered_groups(
    check: str, probes: Sequence[Probe], done: Mapping[Key, CheckResult]
) -> set[str]:
    """On resume: the `settle_with` groups whose saved results are all answers (found or not
    found). Their other probes (which `Check.settle` folds away, like a control probe) need not
    run again: the group's outcome is already kept."""
    if not done:
        return set()
    state: dict[str, bool] = {}
    for probe in probes:
        if not probe.settle_with:
            continue
        earlier = done.get((check, probe.target))
        if earlier is None:
            continue
        ok = earlier.status is not Status.UNKNOWN
        state[probe.settle_with] = state.get(probe.settle_with, True) and ok
    return {group for group, ok in state.items() if ok}
