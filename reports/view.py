"""What the human-readable renderers (HTML, Markdown) show, computed once from a `ScanReport`:
sections in order, grouped results, the JSON extras (evidence, comparison) read defensively
(the action plan is typed: `ScanReport.plan`), points for the map and edges for the identity
graph. No formatting here.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from audit.hosts import hostname_of
from audit.models import CheckResult, Finding, Reason, ScanReport, Severity, Status, thaw
from audit.render import ordered_results

SECTIONS = ("summary", "changes", "plan", "findings", "requests", "evidence", "appendix")
KIND_ORDER = (
    "account", "contact", "identity_cluster", "link", "listing", "search_result",
    "place_cluster", "photo_location", "photo_identity",
)


def safe_url(value: Any) -> str | None:
    """The URL if it may become a link (http or https with a host), else None."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not any(
        c in url for c in "\r\n\t\x00 "
    ):
        return url
    return None


def as_text(value: Any) -> str:
    """A data value as plain text: lists joined, mappings as `key: value`, None as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return fmt_time(value)
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {as_text(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(as_text(v) for v in value)
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def fmt_time(value: Any) -> str:
    """A datetime (or ISO string) as 'YYYY-MM-DD HH:MM:SS +ZZZZ'; other values unchanged."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return str(value)
    if isinstance(value, datetime):
        text = value.strftime("%Y-%m-%d %H:%M:%S")
        zone = value.strftime("%z")
        return f"{text} {zone[:3]}:{zone[3:]}" if zone else text
    return as_text(value)


@dataclass(frozen=True)
class CheckRow:
    """One line of the 'what was checked' table."""

    name: str
    title: str
    counts: dict[Status, int]

    @property
    def total(self) -> int:
        """Number of targets probed by this check."""
        return sum(self.counts.values())


def check_rows(report: ScanReport) -> list[CheckRow]:
    """Per check: its title and how many targets got each status."""
    titles = {c.name: c.title or c.name for c in report.checks}
    counts: dict[str, dict[Status, int]] = {n: dict.fromkeys(Status, 0) for n in titles}
    for r in report.results:
        counts.setdefault(r.check, dict.fromkeys(Status, 0))[r.status] += 1
    return [CheckRow(n, titles.get(n, n), c) for n, c in sorted(counts.items())]


def severity_counts(report: ScanReport) -> list[tuple[Severity, int]]:
    """How many findings have each severity, most severe first."""
    counter = Counter(f.severity for f in report.findings())
    return [(s, counter.get(s, 0)) for s in sorted(Severity, reverse=True)]


def by_reason(report: ScanReport, status: Status) -> list[tuple[Reason, list[CheckResult]]]:
    """Results with `status` (unknown or skipped) grouped by reason, biggest group first."""
    groups: dict[Reason, list[CheckResult]] = defaultdict(list)
    for r in ordered_results(report):
        if r.status is status and r.reason is not None:
            groups[r.reason].append(r)
    return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0].value))


def site_of(r: CheckResult) -> str:
    """Where a question was asked, to group unanswered ones: the site's name (accounts) or
    the host of its URL, prefixed by the check."""
    target = str(r.target)
    if r.check == "accounts" and " (" in target:
        return f"{r.check}: {target.rsplit(' (', 1)[0]}"
    return f"{r.check}: {hostname_of(r.url) or target}"


def by_site(results: list[CheckResult]) -> list[tuple[str, list[CheckResult]]]:
    """Results grouped by `site_of`, biggest group first."""
    groups: dict[str, list[CheckResult]] = defaultdict(list)
    for r in results:
        groups[site_of(r)].append(r)
    return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def not_found(report: ScanReport) -> list[CheckResult]:
    """Results that showed nothing."""
    return [r for r in ordered_results(report) if r.status is Status.NOT_FOUND]


# Kinds with one finding per file: the reports people read list a sample and count the rest
# (every file is in the JSON and CSV reports).
SAMPLED_KINDS = ("photo_location", "photo_identity")
SAMPLE = 20


def sampled(kind: str, findings: list[Finding],
            keep: frozenset[str] = frozenset()) -> tuple[list[Finding], int]:
    """(findings to list, how many more there are): for a per-file kind, the `SAMPLE` most
    severe (in report order within a severity) plus any whose fingerprint is in `keep`
    (linked from the plan); every finding of other kinds."""
    if kind not in SAMPLED_KINDS or len(findings) <= SAMPLE:
        return findings, 0
    first = {id(f) for f in sorted(findings, key=lambda f: f.severity, reverse=True)[:SAMPLE]}
    shown = [f for f in findings if id(f) in first or f.fingerprint in keep]
    return shown, len(findings) - len(shown)


def findings_by_kind(report: ScanReport) -> list[tuple[str, list[Finding]]]:
    """Findings grouped by kind in a fixed reading order (unknown kinds last, by name)."""
    groups: dict[str, list[Finding]] = defaultdict(list)
    seen: set[str] = set()
    for f in report.findings():
        if f.fingerprint not in seen:
            seen.add(f.fingerprint)
            groups[f.kind].append(f)
    order = [k for k in KIND_ORDER if k in groups]
    order += sorted(k for k in groups if k not in KIND_ORDER)
    return [(k, groups[k]) for k in order]


def request_hosts(report: ScanReport) -> list[tuple[str, int, str]]:
    """Per host: number of requests and the kinds of personal details sent to it."""
    counts: Counter[str] = Counter()
    sent: dict[str, set[str]] = defaultdict(set)
    for r in report.request_log:
        host = hostname_of(r.url) or r.url
        counts[host] += 1
        sent[host].update(r.sends)
    return [(h, n, ", ".join(sorted(sent[h]))) for h, n in sorted(counts.items())]


def data_items(
    finding: Finding, yes_no: tuple[str, str] = ("yes", "no")
) -> list[tuple[str, str | list[str]]]:
    """A finding's data for people: (key, text) pairs, or (key, [texts]) for lists of two or
    more values; empty values dropped; explained items (e.g. identity paths) by explanation;
    booleans as the given words for yes and no."""
    out: list[tuple[str, str | list[str]]] = []
    for key, value in sorted(finding.data.items()):
        if isinstance(value, bool):
            out.append((str(key), yes_no[0] if value else yes_no[1]))
            continue
        if isinstance(value, list | tuple) and len(value) > 1:
            texts = [
                as_text(v.get("explanation") or v.get("title") or v)
                if isinstance(v, Mapping) else as_text(v)
                for v in value
            ]
            out.append((str(key), [x for x in texts if x]))
            continue
        if isinstance(value, list | tuple) and value and isinstance(value[0], Mapping):
            value = value[0].get("explanation") or value[0].get("title") or value[0]
        text = as_text(value)
        if text:
            out.append((str(key), text))
    return out


def data_json(finding: Finding) -> str:
    """A finding's data as compact, key-sorted JSON."""
    return json.dumps(thaw(finding.data), ensure_ascii=False, sort_keys=True, default=str)
