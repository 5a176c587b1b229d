"""Reading earlier checks' findings: a check sees what ran before it only through these."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from audit.models import CheckResult, Finding


def findings_of(previous: Sequence[CheckResult], kind: str) -> Iterator[Finding]:
    """Every finding of one kind in earlier results."""
    for result in previous:
        for finding in result.findings:
            if finding.kind == kind:
                yield finding
