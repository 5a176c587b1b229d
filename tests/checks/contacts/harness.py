"""Test harness shared by the contacts and links tests: stand-in stage-0 checks that hand
out `account` / `search_result` findings, and a scan through the loopback sandbox."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar

from audit.check import Check, CheckContext, Probe
from audit.models import (
    CheckResult,
    Finding,
    Outcome,
    ScanReport,
    Status,
    Subject,
)
from audit.plugins import Registry
from audit.sandbox import Sandbox, World
from audit.scan.runner import Scanner
from audit.settings import Settings


def account(site: str, username: str, url: str, **data: Any) -> Finding:
    """An `account` finding as the accounts check makes it."""
    fields = {"site": site, "username": username, "profile_url": url,
              "platform_key": site.lower(), **data}
    return Finding(kind="account", title=f"{site} {username}", url=url, data=fields)


def search_result(url: str, snippet: str = "", about: bool = True) -> Finding:
    """A `search_result` finding as the search check makes it."""
    return Finding(kind="search_result", title=url, url=url,
                   data={"query": "q", "url": url, "title": "", "snippet": snippet,
                         "category": "other", "about_subject": about})


def stage0(found: Sequence[Finding], check_name: str = "accounts") -> type[Check]:
    """A stage-0 check that returns `found` (no request)."""

    class Stub(Check):
        name: ClassVar[str] = check_name
        title: ClassVar[str] = "stub"
        description: ClassVar[str] = "stub"
        stage: ClassVar[int] = 0

        def probes(
            self, subject: Subject, options: Mapping[str, Any],
            previous: Sequence[CheckResult] = (),
        ) -> Iterable[Probe]:
            yield Probe(check=self.name, target="stub")

        def run(self, probe: Probe, ctx: CheckContext) -> Outcome:
            if not found:
                return Outcome(Status.NOT_FOUND)
            return Outcome(Status.FOUND, findings=tuple(found))

    return Stub


def scan(
    world: World,
    subject: Subject,
    checks: Sequence[type[Check]],
    options: Mapping[str, Mapping[str, Any]] | None = None,
) -> tuple[ScanReport, list[str]]:
    """Run the checks against the world through the sandbox; returns the report and the
    URLs the sandbox answered."""
    reg = Registry()
    for cls in checks:
        reg.add_check(cls)
    with Sandbox(world) as sb:
        settings = Settings(proxy=sb.proxy_url, ca_bundle=str(sb.ca_path), retries=0,
                            check_options=dict(options or {}), timeout=10.0)
        scanner = Scanner(reg, settings)
        try:
            report = scanner.run(subject)
        finally:
            scanner.client.close()
        served = sb.log.urls()
    return report, served


def findings(report: ScanReport, kind: str) -> list[Finding]:
    """All findings of one kind."""
    return [f for r in report.results for f in r.findings if f.kind == kind]


def result(report: ScanReport, check: str, target_start: str) -> CheckResult:
    """The one result of `check` whose target starts with `target_start`."""
    found = [r for r in report.results if r.check == check and r.target.startswith(target_start)]
    assert len(found) == 1, [(r.check, r.target) for r in report.results]
    return found[0]
