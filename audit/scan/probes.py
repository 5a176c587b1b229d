"""One probe run into results: what a check returns or raises becomes `CheckResult`s (any
exception a check raises is `unknown` with its reason, so one broken site never stops a scan),
and the small pieces the scanner needs around it (request identity, resume groups)."""

from __future__ import annotations

import logging
import queue
import time
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Future
from typing import Any

from audit.check import Check, CheckFailure, Probe
from audit.models import CheckResult, Outcome, Reason, Status
from audit.net import HttpRequest
from audit.scan.context import Ahead, ProbeContext, ScanState

logger = logging.getLogger("audit.scan.runner")
Key = tuple[str, str]


def run_probe(
    scan: ScanState,
    check: Check,
    probe: Probe,
    ahead: Ahead | None = None,
    inline: bool = False,
) -> list[CheckResult]:
    """Run `check.run` once for `probe` and turn what it returns or raises into results."""
    t0 = time.monotonic()
    try:
        outcome = check.run(probe, ProbeContext(scan, check, probe, ahead, inline))
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
        return [error_result(check.name, probe.target, probe.url, exc, time.monotonic() - t0)]
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


def request_key(request: HttpRequest) -> tuple[Any, ...]:
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


def put_future(
    arrived: queue.SimpleQueue[tuple[int, Any]], idx: int, fut: Future[list[CheckResult]]
) -> None:
    arrived.put((idx, fut))


def not_applicable(check: Check) -> CheckResult:
    needs = " or ".join(sorted(check.requires)) or "input"
    return CheckResult(
        check=check.name,
        target="-",
        status=Status.SKIPPED,
        reason=Reason.NOT_APPLICABLE,
        detail=f"needs {needs}",
    )


def error_result(name: str, target: str, url: str, exc: Exception, dur: float) -> CheckResult:
    return CheckResult(
        check=name,
        target=target,
        url=url,
        status=Status.UNKNOWN,
        reason=Reason.CHECK_ERROR,
        detail=f"{type(exc).__name__}: {exc}"[:300],
        duration_s=dur,
    )


def answered_groups(
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
