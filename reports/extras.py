"""Readers for what renderers share: the typed action plan (`plan`, with `helplines` and
`minutes_total` only when they hold something), and the JSON extras (the evidence log, the
history `comparison`), returned as plain, fully-populated values whatever is missing or
malformed in them.
"""

from __future__ import annotations

from typing import Any

from audit.models import ScanReport, thaw
from audit.plan.types import ActionPlan, Helplines
from reports.view import as_text, fmt_time

_EMPTY = ActionPlan()


def items(report: ScanReport, key: str) -> list[dict[str, Any]]:
    """An extras list (the evidence log) as plain dicts; non-dicts are dropped."""
    raw = thaw(report.extras.get(key) or [])
    return [dict(x) for x in raw if isinstance(x, dict)] if isinstance(raw, list) else []


def evidence(report: ScanReport) -> list[dict[str, str]]:
    """Evidence-log rows (time, screenshot, url, account_id, sha256, note)."""
    rows = []
    for item in items(report, "evidence"):
        when = item.get("captured_at") or item.get("observed_at") or item.get("time") or ""
        rows.append({
            "time": fmt_time(when),
            "screenshot": as_text(item.get("screenshot")),
            "url": as_text(item.get("url")),
            "account_id": as_text(item.get("account_id")),
            "sha256": as_text(item.get("sha256")),
            "note": as_text(item.get("note")),
            "archive_url": as_text(item.get("archive_url")),
        })
    return rows


def comparison(report: ScanReport) -> dict[str, Any] | None:
    """The history comparison, normalised, or None when there is none.

    Reads `extras["comparison"]` = {"since" (or "previous_started_at" / "previous_scan"):
    "<date or id of the previous scan>",
    "new": [...], "gone": [...], "unchanged": [...], "unchecked": [...]}, where each entry is a
    fingerprint string or a dict with `fingerprint`, `kind`, `title`, `severity`.
    Fingerprints alone are completed from the report's own findings when possible.
    """
    raw = thaw(report.extras.get("comparison"))
    if not isinstance(raw, dict):
        return None
    known = {f.fingerprint: f for f in report.findings()}
    since = raw.get("since") or raw.get("previous_started_at") or raw.get("previous_scan")
    out: dict[str, Any] = {"since": fmt_time(since) if since else ""}
    for key in ("new", "gone", "unchanged", "unchecked"):
        rows = []
        for entry in raw.get(key) or []:
            if isinstance(entry, dict):
                fp = as_text(entry.get("fingerprint", ""))
                row = {"fingerprint": fp, "kind": as_text(entry.get("kind", "")),
                       "title": as_text(entry.get("title", "")) or fp,
                       "severity": as_text(entry.get("severity", ""))}
            else:
                fp = as_text(entry)
                f = known.get(fp)
                row = {"fingerprint": fp, "kind": f.kind if f else "",
                       "title": f.title if f else fp,
                       "severity": f.severity.label if f else ""}
            rows.append(row)
        out[key] = rows
    return out


def plan(report: ScanReport) -> ActionPlan:
    """The report's action plan, typed (an empty one when the report has none)."""
    return report.plan if report.plan is not None else _EMPTY


def helplines(report: ScanReport) -> Helplines | None:
    """Emergency numbers, helplines and the data-protection authority, when the plan has any."""
    h = plan(report).helplines
    return h if h is not None and (h.emergency or h.helplines or h.authority) else None


def minutes_total(report: ScanReport) -> int | None:
    """The plan's total time in minutes, when there is one."""
    total = plan(report).minutes_total
    return total if total is not None and total > 0 else None


def day(when: str | None) -> str:
    """The date part of an ISO time (when a step was marked done), '' for none."""
    return fmt_time(when)[:10] if when else ""
