"""What a scan prints on stderr as it goes: found results as they come, at most
`MAX_FOUND_LINES` per check (then how many more), and a bar redrawn at a bounded rate."""

from __future__ import annotations

import io

from audit.models import CheckResult, Finding, Status
from audit.scan import progress
from audit.scan.progress import ProgressBar


def _found(check: str, i: int) -> CheckResult:
    return CheckResult(check=check, target=f"t{i}", status=Status.FOUND, url=f"/p/{i}.jpg",
                       findings=(Finding(kind="k", title="x", key=str(i)),))


def test_a_check_finding_many_prints_a_few_then_counts_the_rest() -> None:
    out = io.StringIO()
    bar = ProgressBar(out, bar=False)
    bar.on_planned(progress.MAX_FOUND_LINES + 130)
    for i in range(progress.MAX_FOUND_LINES + 120):
        bar.on_result(_found("photos", i))
    for i in range(3):
        bar.on_result(_found("accounts", i))
    bar.on_result(CheckResult(check="photos", target="none", status=Status.NOT_FOUND))
    bar.close()
    lines = out.getvalue().splitlines()
    assert len([x for x in lines if x.startswith("+ photos: t")]) == progress.MAX_FOUND_LINES
    assert len([x for x in lines if x.startswith("+ accounts: t")]) == 3
    assert lines[-1] == "+ photos: 120 more found (all are in the report)"
    assert bar.found == progress.MAX_FOUND_LINES + 123


def test_the_bar_is_redrawn_at_a_bounded_rate_and_ends_whole(monkeypatch) -> None:
    """Results every millisecond for 5 s (a clock of the test's own, not the machine's
    speed): the bar is drawn once per `REDRAW_S` at most, and its last state always."""
    now = [1000.0]
    monkeypatch.setattr(progress.time, "monotonic", lambda: now[0])
    out = io.StringIO()
    bar = ProgressBar(out, bar=True)
    bar.on_planned(5000)
    for i in range(5000):
        now[0] += 0.001
        bar.on_result(CheckResult(check="photos", target=f"t{i}", status=Status.NOT_FOUND))
    bar.close()
    text = out.getvalue()
    drawn = text.count("\r[")  # planned, then every 50 ms (give or take one at the edges)
    assert 5 / progress.REDRAW_S - 1 <= drawn <= 5 / progress.REDRAW_S + 2
    assert text.rstrip().endswith("5000/5000  found 0  unknown 0")  # the last state is drawn
