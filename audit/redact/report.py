"""`redact_report`: a copy of a whole report with the person's details masked (subject,
results, findings, evidence, the action plan, extras and the request log).
"""

from __future__ import annotations

from audit.models import (
    CheckResult,
    Evidence,
    Finding,
    RequestRecord,
    ScanReport,
    Subject,
    map_strings,
    thaw,
)
from audit.redact.patterns import ADDRESS, NAME
from audit.redact.redactor import Redactor


def redact_report(report: ScanReport) -> ScanReport:
    """A copy of the report with the person's details masked everywhere (workshop mode)."""
    r = Redactor(report.subject, report)
    s = report.subject
    subject = Subject(
        name=NAME if s.name else None,
        former_names=tuple(f"{NAME} (former name)" for _ in s.former_names[:1]),
        handles=tuple(r.text(h) for h in s.handles),
        emails=tuple(r.text(e) for e in s.emails),
        phones=tuple(r.text(p) for p in s.phones),
        urls=tuple(r.text(u) for u in s.urls),
        photo_dirs=tuple(r.text(d) for d in s.photo_dirs),
        addresses=tuple(ADDRESS for _ in s.addresses),
        city=s.city,
        country=s.country,
        employer=r.text(s.employer) if s.employer else None,
        lang=s.lang,
    )
    return ScanReport(
        scan_id=report.scan_id,
        tool_version=report.tool_version,
        subject=subject,
        started_at=report.started_at,
        finished_at=report.finished_at,
        checks=report.checks,
        results=tuple(_result(r, res) for res in report.results),
        request_log=tuple(_request(r, q) for q in report.request_log),
        interrupted=report.interrupted,
        extras=r.value(thaw(report.extras)),
        plan=None if report.plan is None else map_strings(report.plan, r.text),
    )


def _result(r: Redactor, res: CheckResult) -> CheckResult:
    return CheckResult(
        check=res.check,
        target=r.text(res.target),
        status=res.status,
        url=r.text(res.url),
        findings=tuple(_finding(r, f) for f in res.findings),
        reason=res.reason,
        detail=r.text(res.detail),
        duration_s=res.duration_s,
    )


def _finding(r: Redactor, f: Finding) -> Finding:
    return Finding(
        kind=f.kind,
        title=r.text(f.title),
        severity=f.severity,
        confidence=f.confidence,
        url=r.text(f.url),
        evidence=tuple(
            Evidence(url=r.text(e.url), excerpt=r.text(e.excerpt), observed_at=e.observed_at,
                     signal=r.text(e.signal))
            for e in f.evidence
        ),
        data=r.value(thaw(f.data)),
        key=r.text(f.key),
        fingerprint=f.fingerprint,
    )


def _request(r: Redactor, q: RequestRecord) -> RequestRecord:
    return RequestRecord(
        method=q.method, url=r.text(q.url), status=q.status, started_at=q.started_at,
        elapsed_s=q.elapsed_s, check=q.check, error=r.text(q.error), sends=q.sends,
    )
