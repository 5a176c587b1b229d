"""Readers for the report's extras (the action plan's `checklist`, `requests`, `helplines`,
`evidence_advice`, `minutes_total`; the evidence log; the history `comparison`): each returns
plain, fully-populated values, whatever is missing or malformed in the input.
"""

from __future__ import annotations

from typing import Any

from audit.models import ScanReport, thaw
from reports.view import as_text, fmt_time


def items(report: ScanReport, key: str) -> list[dict[str, Any]]:
    """An extras list (checklist, requests, evidence) as plain dicts; non-dicts are dropped."""
    raw = thaw(report.extras.get(key) or [])
    return [dict(x) for x in raw if isinstance(x, dict)] if isinstance(raw, list) else []


def _steps(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [as_text(s) for s in value if as_text(s)]
    text = as_text(value)
    return [line.strip() for line in text.splitlines() if line.strip()]


def checklist(report: ScanReport) -> list[dict[str, Any]]:
    """Checklist items with every field present and typed for display."""
    out = []
    for item in items(report, "checklist"):
        minutes = item.get("minutes")
        out.append({
            "id": as_text(item.get("id")),
            "platform": as_text(item.get("platform")),
            "title": as_text(item.get("title")) or as_text(item.get("id")),
            "why": as_text(item.get("why")),
            "steps": _steps(item.get("steps")),
            "priority": as_text(item.get("priority")),
            "source_url": as_text(item.get("source_url")),
            "minutes": minutes if isinstance(minutes, int | float) and minutes > 0 else None,
            "optional": item.get("optional") is True,
            "done": item.get("done") is True,
            "done_at": fmt_time(item.get("done_at"))[:10] if item.get("done_at") else "",
            "request_ids": _strs(item.get("request_ids")),
            "finding_fingerprints": _strs(item.get("finding_fingerprints")),
        })
    return out


def _strs(value: Any) -> list[str]:
    return [as_text(v) for v in value if as_text(v)] if isinstance(value, list | tuple) else []


def requests(report: ScanReport) -> list[dict[str, Any]]:
    """Ready-to-send requests with every field present."""
    out = []
    for item in items(report, "requests"):
        targets = item.get("target_urls") or []
        deadline = item.get("deadline_days")
        out.append({
            "id": as_text(item.get("id")),
            "kind": as_text(item.get("kind")),
            "recipient": as_text(item.get("recipient")),
            "target_urls": [as_text(u) for u in targets] if isinstance(
                targets, list) else [as_text(targets)],
            "form_url": as_text(item.get("form_url")),
            "letter": as_text(item.get("letter")),
            "deadline_days": deadline if isinstance(deadline, int) else None,
            "status": as_text(item.get("status")) or "todo",
            "next_date": as_text(item.get("next_date")),
            "finding_fingerprints": _strs(item.get("finding_fingerprints")),
            **{k: as_text(item.get(k)) for k in (
                "title", "why", "needs", "legal_basis", "next_step", "next_step_url")},
        })
    return out


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


def helplines(report: ScanReport) -> dict[str, Any] | None:
    """Emergency numbers, helplines and the data-protection authority from the plan, if any.

    Reads `extras["helplines"]` = {"emergency": [...], "helplines": [...], "authority": {...}},
    each entry with `name`, `number`, `hours`, `what`, `url` (or `complaint_url`).
    """
    raw = thaw(report.extras.get("helplines"))
    if not isinstance(raw, dict):
        return None

    def row(entry: Any) -> dict[str, str]:
        entry = entry if isinstance(entry, dict) else {}
        return {k: as_text(entry.get(k)) for k in ("name", "number", "hours", "what")} | {
            "url": as_text(entry.get("url") or entry.get("complaint_url"))}

    out = {key: [row(e) for e in raw.get(key) or [] if isinstance(e, dict)]
           for key in ("emergency", "helplines")}
    authority = raw.get("authority")
    result: dict[str, Any] = dict(out)
    result["authority"] = row(authority) if isinstance(authority, dict) else None
    return result if out["emergency"] or out["helplines"] or result["authority"] else None


def evidence_advice(report: ScanReport) -> dict[str, Any] | None:
    """How to keep evidence (`extras["evidence_advice"]`: legal, steps, command, source_url)."""
    raw = thaw(report.extras.get("evidence_advice"))
    if not isinstance(raw, dict):
        return None
    steps = raw.get("steps")
    return {
        "legal": as_text(raw.get("legal")),
        "steps": [as_text(x) for x in steps] if isinstance(steps, list) else [],
        "command": as_text(raw.get("command")),
        "source_url": as_text(raw.get("source_url")),
    }


def minutes_total(report: ScanReport) -> int | None:
    """The plan's total time in minutes, when given."""
    value = report.extras.get("minutes_total")
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None
