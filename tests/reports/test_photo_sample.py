"""Reports people read list a sample of per-file photo findings and count the rest; the JSON
report keeps every file."""

from __future__ import annotations

import json

from audit import api
from audit.models import CheckResult, Finding, ScanReport, Severity, Status, Subject, utcnow
from audit.render import RenderOptions
from reports.view import SAMPLE
from tests.fakes import registry_with


def _report(n: int) -> ScanReport:
    now = utcnow()
    results = tuple(
        CheckResult("photos", f"IMG-{i:04d}.jpg", Status.FOUND, "", (Finding(
            kind="photo_location", title=f"Photo taken near Town{i}",
            severity=Severity.HIGH if i == n - 1 else Severity.MEDIUM,
            url=f"/p/IMG-{i:04d}.jpg",
            data={"lat": 45.0 + i / 1000, "lon": 4.0, "place": f"near Town{i}",
                  "source": f"/p/IMG-{i:04d}.jpg"}),))
        for i in range(n))
    return ScanReport("s", "v", Subject(photo_dirs=("/p",)), now, now, results=results)


def _render(report: ScanReport, fmt: str) -> str:
    from reports.html import HtmlRenderer
    from reports.markdown import MarkdownRenderer
    from reports.table import TableRenderer

    reg = registry_with()
    for r in (HtmlRenderer, MarkdownRenderer, TableRenderer):
        reg.add_renderer(r)
    return api.render(report, fmt, RenderOptions(), reg)


def test_a_large_library_is_sampled_and_counted_in_every_readable_format() -> None:
    n = 50
    report = _report(n)
    for fmt in ("table", "markdown", "html"):
        text = _render(report, fmt)
        listed = sum(1 for i in range(n) if f"IMG-{i:04d}.jpg" in text)
        assert SAMPLE <= listed < n, (fmt, listed)
        assert f"{n - SAMPLE} more files" in text, fmt
        assert f"IMG-{n - 1:04d}.jpg" in text  # the most severe one is in the sample
    doc = json.loads(_render(report, "json"))
    assert len(doc["results"]) == n


def test_a_small_library_is_listed_whole() -> None:
    report = _report(SAMPLE)
    for fmt in ("table", "markdown", "html"):
        text = _render(report, fmt)
        assert all(f"IMG-{i:04d}.jpg" in text for i in range(SAMPLE)), fmt
        assert "more files" not in text
