"""The canonical JSON form of a `ScanReport` (a public interface), shared by the JSON renderer
and the history store (the action plan's part is in `audit.store.planjson`).
`docs/report.schema.json` describes it; bump `SCHEMA_VERSION` on any incompatible change.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from types import MappingProxyType
from typing import Any

from audit.models import (
    CheckInfo,
    CheckResult,
    Confidence,
    Evidence,
    Finding,
    Reason,
    RequestRecord,
    ScanReport,
    Severity,
    Status,
    Subject,
    thaw,
)
from audit.store.planjson import PLAN_KEYS, plan_from_dict, plan_to_dict

SCHEMA_VERSION = 1

_SUBJECT_FIELDS = (
    "name",
    "former_names",
    "handles",
    "emails",
    "phones",
    "urls",
    "photo_dirs",
    "city",
    "country",
    "employer",
    "lang",
)


def subject_to_dict(subject: Subject) -> dict[str, Any]:
    """Plain dict of the subject's fields."""
    return {f: thaw(getattr(subject, f)) for f in _SUBJECT_FIELDS}


def subject_from_dict(data: dict[str, Any]) -> Subject:
    """Rebuild a subject from `subject_to_dict` output."""
    kwargs = {f: data[f] for f in _SUBJECT_FIELDS if f in data and data[f] is not None}
    for f in ("former_names", "handles", "emails", "phones", "urls", "photo_dirs", "addresses"):
        if f in kwargs:
            kwargs[f] = tuple(kwargs[f])
    return Subject(**kwargs)


_PLAIN = (str, int, float, bool, type(None))
_MAPS = (dict, MappingProxyType)


def _thaw(value: Any) -> Any:
    """`thaw` with the plain values and the mapping types findings hold answered first (most
    of a report's values: the ABC checks `thaw` makes cost more than the copy)."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind in _MAPS:
        return {k: _thaw(v) for k, v in value.items()}
    if kind is tuple or kind is list:
        return [_thaw(v) for v in value]
    return thaw(value)


def finding_to_dict(f: Finding) -> dict[str, Any]:
    """Plain dict of a finding, with stable key names."""
    return {
        "kind": f.kind,
        "title": f.title,
        "severity": f.severity.label,
        "confidence": f.confidence.label,
        "url": f.url,
        "fingerprint": f.fingerprint,
        "key": f.key,
        "data": _thaw(f.data),
        "evidence": [
            {
                "url": e.url,
                "excerpt": e.excerpt,
                "observed_at": e.observed_at.isoformat(),
                "signal": e.signal,
            }
            for e in f.evidence
        ],
    }


def finding_from_dict(d: dict[str, Any]) -> Finding:
    """Rebuild a finding from `finding_to_dict` output."""
    return Finding(
        kind=d["kind"],
        title=d["title"],
        severity=Severity.parse(d["severity"]),
        confidence=Confidence.parse(d["confidence"]),
        url=d.get("url", ""),
        data=d.get("data", {}),
        key=d.get("key", ""),
        fingerprint=d.get("fingerprint", ""),
        evidence=tuple(
            Evidence(
                url=e["url"],
                excerpt=e.get("excerpt", ""),
                observed_at=datetime.fromisoformat(e["observed_at"]),
                signal=e.get("signal", ""),
            )
            for e in d.get("evidence", ())
        ),
    )


def result_to_dict(r: CheckResult) -> dict[str, Any]:
    """Plain dict of one check result."""
    return {
        "check": r.check,
        "target": r.target,
        "url": r.url,
        "status": r.status.value,
        "reason": r.reason.value if r.reason else None,
        "detail": r.detail,
        "duration_s": round(r.duration_s, 4),
        "findings": [finding_to_dict(f) for f in r.findings],
    }


def result_from_dict(d: dict[str, Any]) -> CheckResult:
    """Rebuild a check result from `result_to_dict` output."""
    return CheckResult(
        check=d["check"],
        target=d["target"],
        url=d.get("url", ""),
        status=Status(d["status"]),
        reason=Reason(d["reason"]) if d.get("reason") else None,
        detail=d.get("detail", ""),
        duration_s=float(d.get("duration_s", 0.0)),
        findings=tuple(finding_from_dict(f) for f in d.get("findings", ())),
    )


def request_to_dict(r: RequestRecord) -> dict[str, Any]:
    """Plain dict of one request-log entry."""
    return {
        "method": r.method,
        "url": r.url,
        "status": r.status,
        "started_at": r.started_at.isoformat(),
        "elapsed_s": round(r.elapsed_s, 4),
        "check": r.check,
        "error": r.error,
        "sends": list(r.sends),
    }


def request_from_dict(d: dict[str, Any]) -> RequestRecord:
    """Rebuild a request-log entry."""
    return RequestRecord(
        method=d["method"],
        url=d["url"],
        status=d.get("status"),
        started_at=datetime.fromisoformat(d["started_at"]),
        elapsed_s=float(d.get("elapsed_s", 0.0)),
        check=d.get("check", ""),
        error=d.get("error", ""),
        sends=tuple(d.get("sends", ())),
    )


def report_to_dict(report: ScanReport, results: bool = True) -> dict[str, Any]:
    """The canonical JSON-ready dict of a report (`results=False`: its results left out)."""
    counts = report.counts_by_status()
    top = report.max_severity()
    out: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "exposure-audit", "version": report.tool_version},
        "scan_id": report.scan_id,
        "started_at": report.started_at.isoformat(),
        "finished_at": report.finished_at.isoformat(),
        "interrupted": report.interrupted,
        "subject": subject_to_dict(report.subject),
        "checks": [{"name": c.name, "version": c.version, "title": c.title} for c in report.checks],
        "summary": {
            "counts": {s.value: n for s, n in counts.items()},
            "findings": len(report.findings()),
            "max_severity": top.label if top is not None else None,
        },
        "results": [result_to_dict(r) for r in report.results] if results else [],
        "request_log": [request_to_dict(r) for r in report.request_log],
    }
    # the plan's keys come first: a report without a plan still has an empty checklist
    if report.plan is not None:
        out.update(plan_to_dict(report.plan))
    else:
        out.update(checklist=[], requests=[])
    out.update(thaw(report.extras))
    return out


def report_json(report: ScanReport, sort_keys: bool = True) -> str:
    """The canonical JSON text of a report: sorted keys, one top-level key per line and one
    list item (result, request, checklist entry) per line. Results are turned into JSON one at
    a time, so a 30,000-file report never exists as a second tree of dicts in memory; the C
    encoder does the work (`indent` would force the pure-Python one).

    `sort_keys=False` keeps the order of the keys inside each value (a check's finding data
    as the check wrote it): the history saves it so, and a reloaded report shows the same."""
    return "".join(report_json_pieces(report, sort_keys))


def report_json_pieces(report: ScanReport, sort_keys: bool = True) -> Iterator[str]:
    """`report_json`'s text in pieces (a result at most each), made as they are asked for:
    a file can be written from them without the whole text ever being in memory."""

    # one encoder for every piece: `json.dumps` with options makes a new one per call
    _dump = json.JSONEncoder(sort_keys=sort_keys, ensure_ascii=False).encode

    data = report_to_dict(report, results=False)
    yield "{\n"
    for n, key in enumerate(sorted(data)):
        yield ("" if n == 0 else ",\n") + f"  {_dump(key)}: "
        value = data[key]
        items: Iterable[str] = (
            (_dump(result_to_dict(r)) for r in report.results) if key == "results"
            else (_dump(v) for v in value) if isinstance(value, list) else ())
        first = True
        for item in items:
            yield ("[\n    " if first else ",\n    ") + item
            first = False
        if not first:
            yield "\n  ]"
        else:
            yield _dump([] if key == "results" else value)
    yield "\n}\n"


_RESULTS = '\n  "results": [\n    '


def report_parts(text: str) -> tuple[dict[str, Any], Iterator[dict[str, Any]]] | None:
    """A report's JSON text as (everything but its results, the results one dict at a time),
    for the form `report_json` writes (one result per line): read a line at a time, so a
    30,000-file scan never becomes one whole tree of dicts. None for any other form."""
    start = text.find(_RESULTS) if text.startswith('{\n  "') else -1
    end = text.find("\n  ]", start) if start >= 0 else -1
    if end < 0:
        return None
    head = json.loads(text[:start] + '\n  "results": []' + text[end + 4 :])

    def lines() -> Iterator[dict[str, Any]]:
        pos = start + len(_RESULTS)
        while pos < end:  # JSON strings hold no raw newline: each line is one result
            stop = text.find("\n", pos, end)
            stop = end if stop < 0 else stop
            line = text[pos:stop].strip().removesuffix(",")
            if line:
                yield json.loads(line)
            pos = stop + 1

    return head, lines()


def report_from_json(text: str) -> ScanReport:
    """A report back from its JSON text, a result at a time where it is in `report_json`'s
    form (see `report_parts`); any other JSON form is read whole."""
    parts = report_parts(text)
    if parts is None:
        return report_from_dict(json.loads(text))
    head, results = parts
    rebuilt = tuple(result_from_dict(r) for r in results)
    return dataclasses.replace(report_from_dict(head), results=rebuilt)


_CORE_KEYS = {
    "schema_version",
    "tool",
    "scan_id",
    "started_at",
    "finished_at",
    "interrupted",
    "subject",
    "checks",
    "summary",
    "results",
    "request_log",
}


def report_from_dict(d: dict[str, Any]) -> ScanReport:
    """Rebuild a report from its JSON-ready dict (as saved in history)."""
    if d.get("schema_version") != SCHEMA_VERSION:
        raise ValueError(f"unsupported report schema version {d.get('schema_version')!r}")
    extras = {k: v for k, v in d.items() if k not in _CORE_KEYS and k not in PLAN_KEYS}
    has_plan = any(k in d for k in PLAN_KEYS)
    return ScanReport(
        scan_id=d["scan_id"],
        tool_version=d["tool"]["version"],
        subject=subject_from_dict(d["subject"]),
        started_at=datetime.fromisoformat(d["started_at"]),
        finished_at=datetime.fromisoformat(d["finished_at"]),
        checks=tuple(CheckInfo(c["name"], c["version"], c.get("title", "")) for c in d["checks"]),
        results=tuple(result_from_dict(r) for r in d["results"]),
        request_log=tuple(request_from_dict(r) for r in d.get("request_log", ())),
        interrupted=bool(d.get("interrupted", False)),
        extras=extras,
        plan=plan_from_dict(d) if has_plan else None,
    )
