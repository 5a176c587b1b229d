"""What a scan tells its caller while it runs: how many probes are planned and each result as
it arrives (the CLI's progress on stderr implements it, `audit.scan.progress`)."""

from __future__ import annotations

from typing import Protocol

from audit.models import CheckResult


class ScanObserver(Protocol):
    """Receives progress events (the CLI shows a bar on a terminal)."""

    def on_planned(self, count: int) -> None:
        """`count` more results are to come (negative: a correction, when probes settled
        together by `Check.settle` gave fewer results than they were probes)."""

    def on_result(self, result: CheckResult) -> None:
        """One result is ready."""


class NullObserver:
    def on_planned(self, count: int) -> None:
        pass

    def on_result(self, result: CheckResult) -> None:
        pass
