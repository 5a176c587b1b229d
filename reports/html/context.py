"""The values the HTML template shows, built from a `ScanReport` (via `reports.view`), and the
one helper that turns a URL into markup: only http(s) URLs become links, everything is escaped.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup, escape

from audit.models import Finding, ScanReport, Status
from audit.plan.types import ChecklistItem, PlanRequest
from audit.render import RenderOptions, reason_label, status_label
from reports import extras, figures, view
from reports.first24 import first_day, plain_why, short_place, tel
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
    value_label,
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


def tel_link(number: Any, tel: Any) -> Markup:
    """A `tel:` link for a dialable number (escaped text otherwise)."""
    if not tel:
        return Markup('<span class="number">{}</span>').format(view.as_text(number))
    return Markup('<a class="tel" href="tel:{}">{}</a>').format(tel, view.as_text(number))


def code_spans(text: Any) -> Markup:
    """Escaped text where the tool's own `command` spans become <code>."""
    parts = re.split(r"`([^`]+)`", view.as_text(text))  # odd items: inside the backticks
    return Markup("").join(
        Markup("<code>{}</code>").format(p) if i % 2 else escape(p) for i, p in enumerate(parts)
    )


def _unknown_groups(report: ScanReport, lang: str, status: Status) -> list[dict[str, Any]]:
    """Unanswered (or skipped) results by reason, then by site, with counts."""
    out: list[dict[str, Any]] = []
    for reason, results in view.by_reason(report, status):
        out.append({
            "reason": reason_label(reason, lang),
            "hint": t(lang, f"hint_{reason.value}"),
            "results": results,
            "sites": view.by_site(results),
        })
    return out


def _finding(f: Finding, lang: str) -> dict[str, Any]:
    data = [(field_label(k, lang), value_label(k, v, lang))
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


def _step(item: ChecklistItem, titles: dict[str, str]) -> dict[str, Any]:
    """A checklist item as the template shows it."""
    return {
        "id": item.id, "title": item.title or item.id, "platform": item.platform,
        "priority": item.priority, "minutes": item.minutes if item.minutes > 0 else None,
        "optional": item.optional, "done": bool(item.done), "done_at": extras.day(item.done_at),
        "why": plain_why(item.why), "steps": item.steps, "source_url": item.source_url,
        "request_ids": item.request_ids,
        "findings": [(fp, titles[fp]) for fp in item.finding_fingerprints if fp in titles],
    }


def _request(r: PlanRequest, lang: str) -> dict[str, Any]:
    """A request as the template shows it."""
    status = r.status or "todo"
    return {
        "id": r.id, "kind_label": request_kind_label(r.kind, lang), "title": r.title,
        "recipient": r.recipient, "why": plain_why(r.why), "legal_basis": r.legal_basis,
        "needs": r.needs, "target_urls": r.target_urls, "form_url": r.form_url or "",
        "deadline_days": r.deadline_days, "next_step": r.next_step,
        "next_step_url": r.next_step_url or "", "letter": r.letter or "", "status": status,
        "status_label": t(lang, f"st_{status}"), "next_date": r.next_date or "",
    }


def build(report: ScanReport, options: RenderOptions) -> dict[str, Any]:
    """Everything the template needs, in reading order."""
    lang = options.lang if options.lang in ("en", "fr") else "en"
    s = report.subject
    who = s.name or ", ".join(s.handles) or ", ".join(s.emails) or ", ".join(s.urls)
    linked = frozenset(fp for item in extras.plan(report).checklist
                       for fp in item.finding_fingerprints[:6])
    groups: list[dict[str, Any]] = []
    for k, every in view.findings_by_kind(report):
        fs, rest = view.sampled(k, every, linked)  # per-file kinds: a sample, the rest counted
        groups.append({"kind": k, "label": kind_label(k, lang), "total": len(every),
                       "more": rest, "findings": [_finding(f, lang) for f in fs]})
    points = figures.map_points(report)
    edges = figures.graph_edges(report)
    unknown = _unknown_groups(report, lang, Status.UNKNOWN)
    skipped = _unknown_groups(report, lang, Status.SKIPPED)
    titles = {f.fingerprint: f.title for f in report.findings()}
    plan = extras.plan(report)
    checklist = [_step(item, titles) for item in plan.checklist]
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
        "findings_total": sum(g["total"] for g in groups),
        "unknown": unknown,
        "skipped": skipped,
        "not_found": view.not_found(report),
        "show_not_found": options.show_not_found,
        "comparison": extras.comparison(report),
        "checklist": checklist,
        "first": first_day(report),
        "tel_link": tel_link,
        "code_spans": code_spans,
        "tel": tel,
        "short_place": short_place,
        "severity_name": lambda sev: severity_label(sev, lang),
        "unknown_total": sum(len(g["results"]) for g in unknown),
        "helplines": extras.helplines(report),
        "minutes_total": extras.minutes_total(report),
        "evidence_advice": plan.evidence_advice,
        "groups": groups,
        "map_svg": render_map(points, lang),
        "places": points,
        "graph_svg": render_graph(edges, lang),
        "edges": edges,
        "strength_label": lambda w: t(lang, f"strength_{figures.strength_word(w)}"),
        "requests": [_request(r, lang) for r in plan.requests],
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
