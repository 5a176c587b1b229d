"""Holding back the results of probes that belong together until `Check.settle` combines them.

A probe with a `Probe.settle_with` key belongs to a group of its check (e.g. the `accounts`
check's probes of one site and that site's control probe). Its results are held here until
every probe of the group is answered, whichever thread ran it, then passed to
`Check.settle` on the scan's own thread; only what that returns is reported, saved and
shown live.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from audit.check import Check, Probe
from audit.models import CheckResult, Reason, Status

logger = logging.getLogger(__name__)

Answered = list[tuple[Probe, Sequence[CheckResult]]]


class Settler:
    """Counts each group's unanswered probes; `add` returns the results that can be shown."""

    def __init__(self, jobs: Sequence[tuple[Check, Probe]],
                 adjust: Callable[[int], None] | None = None) -> None:
        """`adjust(n)` is told how many results a settled group gave beyond its number of
        probes (negative when it gave fewer: progress totals stay right)."""
        self._jobs = jobs
        self._adjust = adjust
        self._size: dict[tuple[str, str], int] = {}
        self._left: dict[tuple[str, str], int] = {}
        self._held: dict[tuple[str, str], Answered] = {}
        self._checks: dict[str, Check] = {}
        for check, probe in jobs:
            if probe.settle_with:
                key = (check.name, probe.settle_with)
                self._left[key] = self._left.get(key, 0) + 1
                self._checks[check.name] = check
        self._size = dict(self._left)

    def add(self, idx: int, results: Sequence[CheckResult]) -> list[CheckResult]:
        """The results of job `idx`: as they are, held back, or its group's settled results."""
        check, probe = self._jobs[idx]
        if not probe.settle_with:
            return list(results)
        key = (check.name, probe.settle_with)
        self._held.setdefault(key, []).append((probe, results))
        self._left[key] -= 1
        if self._left[key] > 0:
            return []
        return self._settled(key, settle_group(check, self._held.pop(key)))

    def _settled(self, key: tuple[str, str], results: list[CheckResult]) -> list[CheckResult]:
        delta = len(results) - self._size[key]
        if delta and self._adjust is not None:
            self._adjust(delta)
        return results

    def flush(self) -> list[CheckResult]:
        """Settle the groups still waiting for some answers (deadline, Ctrl-C)."""
        out: list[CheckResult] = []
        for key, answered in list(self._held.items()):
            out.extend(self._settled(key, settle_group(self._checks[key[0]], answered)))
        self._held.clear()
        return out


def settle_group(check: Check, answered: Answered) -> list[CheckResult]:
    """`check.settle(answered)`; a failing hook turns the group into `unknown`/check error."""
    try:
        return check.settle(answered)
    except Exception as exc:
        logger.debug("settle() of %s failed", check.name, exc_info=True)
        return [
            CheckResult(check=check.name, target=probe.target, url=probe.url,
                        status=Status.UNKNOWN, reason=Reason.CHECK_ERROR,
                        detail=f"could not combine the answers: {type(exc).__name__}: {exc}")
            for probe, _ in answered[:1]
        ]


def settle_all(check: Check, answered: Answered) -> list[CheckResult]:
    """Results of probes never run (interrupted scan), through `settle` group by group."""
    out: list[CheckResult] = []
    groups: dict[str, Answered] = {}
    for probe, results in answered:
        if probe.settle_with:
            groups.setdefault(probe.settle_with, []).append((probe, results))
        else:
            out.extend(results)
    for group in groups.values():
        out.extend(settle_group(check, group))
    return out
