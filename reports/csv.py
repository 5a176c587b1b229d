"""Two CSV renderers: `csv` (one row per finding) and `evidence-csv` (the evidence log, with the
seed's columns: date and time with time zone, screenshot, URL, account ID, plus SHA-256 and a
note). Written with the csv module (RFC 4180 quoting); cells that a spreadsheet would run as a
formula (starting with = + - @, tab or carriage return) are prefixed with a single quote.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from audit import hookimpl
from audit.models import ScanReport
from audit.render import Renderer, RenderOptions
from reports.i18n import t

# `reports.view` and `reports.extras` are imported on first render: keeps start-up light.

FINDING_COLUMNS = (
    "check", "target", "kind", "severity", "confidence", "title", "url", "fingerprint", "data",
)
EVIDENCE_KEYS = ("time", "screenshot", "url", "account_id", "sha256", "note")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> str:
    """A cell value that no spreadsheet will evaluate as a formula."""
    from reports import view

    text = view.as_text(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_rows(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A whole CSV document (header first), every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([neutralise(c) for c in row])
    return buffer.getvalue()


class FindingsCsvRenderer(Renderer):
    """One row per finding, with the finding's data as JSON in the last column."""

    name = "csv"
    extension = "csv"
    media_type = "text/csv"
    description = "CSV, one row per finding (for spreadsheets)"

    def render(self, report: ScanReport, options: RenderOptions) -> str:
        """Return the findings as CSV (stable English column names)."""
        from reports import view

        rows = [
            (r.check, r.target, f.kind, f.severity.label, f.confidence.label, f.title, f.url,
             f.fingerprint, view.data_json(f))
            for r in report.results
            for f in sorted(r.findings, key=lambda f: (-f.severity, f.kind, f.title))
        ]
        return write_rows(FINDING_COLUMNS, rows)


class EvidenceCsvRenderer(Renderer):
    """The evidence log as CSV, column names in the report's language."""

    name = "evidence-csv"
    extension = "evidence.csv"
    media_type = "text/csv"
    description = "CSV of the evidence log (date and time, screenshot, URL, account ID, hash)"

    def render(self, report: ScanReport, options: RenderOptions) -> str:
        """Return the evidence log as CSV."""
        from reports import extras

        lang = options.lang
        header = [t(lang, f"col_{key}") for key in EVIDENCE_KEYS]
        rows = [[item[key] for key in EVIDENCE_KEYS] for item in extras.evidence(report)]
        return write_rows(header, rows)


@hookimpl
def register_renderers(register: Callable[[type[Renderer]], None]) -> None:
    """Register both CSV renderers."""
    register(FindingsCsvRenderer)
    register(EvidenceCsvRenderer)
