"""The values the HTML template shows, built from a `ScanReport` (via `reports.view`), and the
one helper that turns a URL into markup: only http(s) URLs become links, everything is escaped.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from audit.models import Finding, ScanReport, Status
from audit.render import RenderOptions, reason_label, status_label
from reports import extras, figures, view
from reports.html.svg_graph import render_graph
from reports.html.svg_map import render_map
from reports.i18n import (
    confidence_label,
    duration,
    field_label,
    kind_label,
    request_kind_label,
    severity_label,
    t,
)


def link(url: Any, text: Any = None) -> Markup:
    """An <a> for http(s) URLs (escaped, no referrer); plain escaped text for anything else."""
    label = view.as_text(text if text not in (None, "") else url)
    target = view.safe_url(url)
    if target is None:
        return Markup('<span class="url">{}</span>').format(label)
    return Markup('<a href="{}" rel="noopener noreferrer nofollow">{}</a>').format(
        target, label
    )


def _finding(f: Finding, lang: str) -> dict[str, Any]:
    data = [(field_label(k, lang), v)
            for k, v in view.data_items(f, (t(lang, "yes"), t(lang, "no")))]
    return {
        "title": f.title,
        "severity": f.severity.label,
        "severity_label": severity_label(f.severity, lang),
        "confidence_label": confidence_label(f.confidence, lang),
        "url": f.url,
        "fingerprint": f.fingerprint,
        "data": data,
        "evidence": [
            {"url": e.url, "excerpt": e.excerpt, "time": view.fmt_time(e.observed_at),
             "signal": e.signal}
            for e in f.evidence
        ],
    }


def build(report: ScanReport, options: RenderOptions) -> dict[str, Any]:
    """Everything the template needs, in reading order."""
    lang = options.lang if options.lang in ("en", "fr") else "en"
    s = report.subject
    who = s.name or ", ".join(s.handles) or ", ".join(s.emails) or ", ".join(s.urls)
    groups = [
        {"kind": k, "label": kind_label(k, lang), "findings": [_finding(f, lang) for f in fs]}
        for k, fs in view.findings_by_kind(report)
    ]
    points = figures.map_points(report)
    edges = figures.graph_edges(report)
    unknown = [
        {"reason": reason_label(r, lang), "hint": t(lang, f"hint_{r.value}"), "results": rs}
        for r, rs in view.by_reason(report, Status.UNKNOWN)
    ]
    skipped = [
        {"reason": reason_label(r, lang), "hint": t(lang, f"hint_{r.value}"), "results": rs}
        for r, rs in view.by_reason(report, Status.SKIPPED)
    ]
    return {
        "lang": lang,
        "redacted": options.redact,
        "report": report,
        "who": who,
        "started": view.fmt_time(report.started_at),
        "finished": view.fmt_time(report.finished_at),
        "statuses": list(Status),
        "status_label": lambda st: status_label(st, lang),
        "check_rows": view.check_rows(report),
        "severity_counts": [
            (sev.label, severity_label(sev, lang), n) for sev, n in view.severity_counts(report)
        ],
        "findings_total": sum(len(g["findings"]) for g in groups),
        "unknown": unknown,
        "skipped": skipped,
        "not_found": view.not_found(report),
        "show_not_found": options.show_not_found,
        "comparison": extras.comparison(report),
        "checklist": extras.checklist(report),
        "helplines": extras.helplines(report),
        "minutes_total": extras.minutes_total(report),
        "evidence_advice": extras.evidence_advice(report),
        "groups": groups,
        "map_svg": render_map(points, lang),
        "places": points,
        "graph_svg": render_graph(edges, lang),
        "edges": edges,
        "strength_label": lambda w: t(lang, f"strength_{figures.strength_word(w)}"),
        "requests": [dict(r, kind_label=request_kind_label(r["kind"], lang))
                     for r in extras.requests(report)],
        "evidence": extras.evidence(report),
        "request_log": [
            {"time": view.fmt_time(r.started_at), "method": r.method, "url": r.url,
             "status": "" if r.status is None else str(r.status), "check": r.check,
             "sends": ", ".join(r.sends), "error": r.error}
            for r in report.request_log
        ],
        "hosts": view.request_hosts(report),
        "kind_label": lambda k: kind_label(k, lang) if k else "",
        "duration": duration,
    }


__all__ = ["build", "escape", "link"]
