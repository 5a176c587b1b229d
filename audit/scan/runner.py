"""The scan engine: selects checks, plans probes, runs them in one thread pool, maps failures.

All probes of all checks of one stage run in one pool of daemon threads; checks never start
threads. Probes that name their first request (`Probe.request`, e.g. one per catalog site)
have those sent together in a batch (`HttpClient.send_batch`) and run as their answers
arrive: on the thread that received them when the probe fetches nothing else
(`Probe.request_only`), else on a pool thread. Each probe's `run` is called exactly once.

Each request has its own time limits (`audit.net`) and the scan a deadline: a probe still
running then is reported `unknown`/`timeout`, and nothing is sent or retried after it. Any
exception a check raises becomes `unknown` with a reason: one broken site or file never
stops the scan. A Ctrl-C keeps what was done: the report is marked interrupted, resumable.
"""

from __future__ import annotations

import functools
import gc
import logging
import queue
import time
import uuid
from collections.abc import Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from audit import __version__
from audit.check import Check, PlannedRequest, Probe
from audit.errors import ConfigError
from audit.models import CheckInfo, CheckResult, Reason, ScanReport, Status, Subject, utcnow
from audit.net import Answer, HttpRequest
from audit.plugins import Registry
from audit.scan.context import Ahead, Clock, ScanState
from audit.scan.lazyclient import LazyClient
from audit.scan.observer import NullObserver, ScanObserver
from audit.scan.probes import (
    Key,
    answered_groups,
    error_result,
    not_applicable,
    put_future,
    request_key,
    run_probe,
)
from audit.scan.settle import Settler, settle_all
from audit.settings import Settings
from audit.store.cache import Cache, MemoryCache
from audit.threads import DaemonPool

if TYPE_CHECKING:
    from audit.net.client import HttpClient
    from audit.net.loop import Batch

logger = logging.getLogger(__name__)

Job = tuple[int, Check, Probe]

__all__ = ["Key", "PlanEntry", "ScanObserver", "Scanner"]


@dataclass(frozen=True, slots=True)
class PlanEntry:
    """One probe of the plan, for `--dry-run` and the `checks` listing."""

    check: str
    stage: int
    target: str
    planned: tuple[PlannedRequest, ...]


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
        self.observer = observer or NullObserver()
        self.http = LazyClient(settings, client)  # `http.close()` ends it, if it was made
        self.cache = cache if cache is not None else MemoryCache()

    @property
    def client(self) -> HttpClient:
        """The HTTP client (made when a probe first sends)."""
        return self.http.get()

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

    def run(self, subject: Subject, *, done: Mapping[Key, CheckResult] | None = None) -> ScanReport:
        """Run the scan. `done` holds results of an interrupted scan to resume from."""
        started = self.clock()
        t_end = time.monotonic() + self.settings.deadline
        self.http.open_until(t_end)
        scan = ScanState(subject, self.settings, self.http.get, self.clock, self.cache)
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
            self.http.stop()  # nothing is sent after the scan: the log below is complete
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
            request_log=tuple(sorted(self.http.request_log, key=lambda r: r.started_at)),
            interrupted=interrupted,
        )

    def _run_stage(
        self,
        pool: DaemonPool,
        scan: ScanState,
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
                out.append(not_applicable(check))
                continue
            try:
                probes = list(
                    check.probes(scan.subject, self.settings.options_for(check.name), previous)
                )
            except Exception as exc:
                if isinstance(exc, ConfigError) and check.stage == 0:
                    raise  # bad input (e.g. --sites-file): exit 2 before anything is sent
                logger.debug("probes() of %s failed", check.name, exc_info=True)
                out.append(error_result(check.name, "-", "", exc, 0.0))
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
            kept_groups = answered_groups(check.name, probes, done)
            for probe in probes:
                earlier = done.get((check.name, probe.target))
                if earlier is not None and earlier.status is not Status.UNKNOWN:
                    out.append(earlier)
                    continue
                if earlier is None and probe.settle_with in kept_groups:
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
                self.http.stop()  # nothing more is sent nor retried
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
        scan: ScanState,
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
                fut = pool.submit(run_probe, scan, check, probe)
                fut.add_done_callback(functools.partial(put_future, arrived, idx))
        return batches

    def _send_ahead(
        self,
        scan: ScanState,
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
                key = request_key(request)
                n = seen.get(key)
                if n is None:
                    n = seen[key] = len(requests)
                    requests.append(request)
                    owners.append([])
                owners[n].append(job)

            def on_done(n: int, answer: Answer, owners: list[list[Job]] = owners) -> None:
                for idx, check, probe in owners[n]:
                    self._run_answered(scan, idx, check, probe, Ahead(answer), arrived, pool)

            batches.append(scan.client.send_batch(requests, name, on_done, concurrency))
        return batches

    def _run_answered(
        self,
        scan: ScanState,
        idx: int,
        check: Check,
        probe: Probe,
        ahead: Ahead,
        arrived: queue.SimpleQueue[tuple[int, Any]],
        pool: DaemonPool,
    ) -> None:
        """Run a probe whose first answer is in, once: on this thread (the event loop's) when
        it fetches nothing else (`Probe.request_only`), otherwise on a pool thread, where
        waiting for more answers is fine."""
        if probe.request_only:
            arrived.put((idx, run_probe(scan, check, probe, ahead, inline=True)))
            return
        try:
            fut = pool.submit(run_probe, scan, check, probe, ahead)
        except RuntimeError:  # the pool is shut down: the scan is over
            return
        fut.add_done_callback(functools.partial(put_future, arrived, idx))

    def _not_started(
        self, checks: Sequence[Check], subject: Subject, results: Sequence[CheckResult]
    ) -> list[CheckResult]:
        out = []
        for check in checks:
            if not check.applies_to(subject):
                out.append(not_applicable(check))
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
