"""The sections of the Markdown report (see `reports.markdown`, which registers the renderer and
imports this module on first render): header, summary, changes, action plan, findings,
requests, evidence log and appendix, every value escaped by `reports.mdtext`.
"""

from __future__ import annotations

from audit.models import ScanReport, Status
from audit.render import RenderOptions, reason_label, status_label
from reports import extras, figures, view
from reports.first24 import first_day, plain_why
from reports.i18n import (
    cluster_label,
    confidence_label,
    duration,
    field_label,
    kind_label,
    request_kind_label,
    severity_label,
    t,
    value_label,
)
from reports.mdtext import Raw, inline, link, prose, quote, table


def render_markdown(report: ScanReport, options: RenderOptions) -> str:
    """The whole Markdown document."""
    lang = options.lang if options.lang in ("en", "fr") else "en"
    out: list[str] = []
    for part in (_header, _first_day, _summary, _changes, _plan, _dashboard, _findings,
                 _requests, _evidence, _appendix):
        out.extend(part(report, options, lang))
    return "\n".join(out).rstrip() + "\n"


def _label(lang: str, key: str) -> str:
    return f"**{prose(t(lang, key))}{t(lang, 'colon')}**"


def _header(report: ScanReport, options: RenderOptions, lang: str) -> list[str]:
    s = report.subject
    who = s.name or ", ".join(s.handles) or ", ".join(s.emails)
    out = [f"# {prose(t(lang, 'report_title'))}", ""]
    if who:
        out += [f"{_label(lang, 'subject')} {inline(who)}", ""]
    out += [
        " · ".join([
            f"{prose(t(lang, 'started'))} {inline(view.fmt_time(report.started_at))}",
            f"{prose(t(lang, 'finished'))} {inline(view.fmt_time(report.finished_at))}",
            f"{prose(t(lang, 'tool'))} {inline(report.tool_version)}",
            f"{prose(t(lang, 'scan_id'))} {inline(report.scan_id)}",
        ]),
        "",
    ]
    if options.redact:
        out += [f"> {prose(t(lang, 'redacted_notice'))}", ""]
    if report.interrupted:
        out += [f"> {prose(t(lang, 'interrupted_notice'))}", ""]
    return out


def _first_day(report: ScanReport, options: RenderOptions, lang: str) -> list[str]:
    """Emergency number, helplines, what matters most and the first steps: the top page."""
    fd = first_day(report)
    out = [f"## {prose(t(lang, 'first_heading'))}", ""]
    if fd.emergency:
        numbers = f" {t(lang, 'or_word')} ".join(
            f"**{x.number}** ({x.name})" if x.name != x.number else f"**{x.number}**"
            for x in fd.emergency if x.number)
        out += [f"> {prose(t(lang, 'danger_now', numbers='{n}')).replace('{n}', numbers)}", ""]
    if fd.helplines:
        out += [f"**{prose(t(lang, 'help_short'))}{t(lang, 'colon')}**", ""]
        for h in fd.helplines:
            bits = [f"**{inline(h.name)}**", inline(h.number) if h.number not in h.name else "",
                    inline(h.hours), link(h.url) if h.url else ""]
            out.append("- " + " · ".join(b for b in bits if b))
        out.append("")
    out += [f"### {prose(t(lang, 'matters_heading'))}", ""]
    out += [f"- **{inline(severity_label(f.severity, lang))}** {inline(f.title)}"
            + (f" — {inline(f.where)}" if f.where and f.where not in f.title else "")
            for f in fd.top] or [f"_{prose(t(lang, 'no_top'))}_"]
    out += ["", f"### {prose(t(lang, 'first_steps'))}", ""]
    for n, step in enumerate(fd.steps, start=1):
        time = f" ({inline(duration(step.minutes))})" if step.minutes else ""
        out.append(f"{n}. [ ] **{inline(step.title)}**{time} — `{step.id}`")
    out += ["", prose(t(lang, "first_counts", found=fd.found, unknown=fd.unknown))]
    if fd.steps_total:
        out += ["", prose(t(lang, "steps_progress", done=fd.steps_done, total=fd.steps_total))]
    return [*out, "", prose(t(lang, "mark_done_hint")) + " " + prose(t(lang, "first_more")), ""]


def _dashboard(report: ScanReport, options: RenderOptions, lang: str) -> list[str]:
    """One line per site or broker with its request's status and next date."""
    reqs = extras.plan(report).requests
    if not reqs:
        return []
    out = [f"## {prose(t(lang, 'dash_heading'))}", "", prose(t(lang, "dash_intro")), ""]
    return out + table(
        [t(lang, "recipient"), t(lang, "col_kind"), t(lang, "col_req_status"),
         t(lang, "col_next_date"), "ID"],
        [(r.recipient or r.title, request_kind_label(r.kind, lang),
          t(lang, f"st_{r.status or 'todo'}"), r.next_date or "", r.id) for r in reqs],
    )


def _summary(report: ScanReport, options: RenderOptions, lang: str) -> list[str]:
    out = [f"## {prose(t(lang, 'sec_summary'))}", "",
           f"### {prose(t(lang, 'checked_heading'))}", ""]
    out += table(
        [t(lang, "col_check"), t(lang, "col_targets")] + [status_label(s, lang) for s in Status],
        [[row.title, row.total] + [row.counts[s] for s in Status]
         for row in view.check_rows(report)],
    )
    missing = view.not_found(report)
    out += [prose(t(lang, "not_found_count", n=len(missing))), ""]
    if options.show_not_found:
        out += [f"- {inline(r.check)}: {inline(r.target)}" for r in missing] + [""]
    out += [f"### {prose(t(lang, 'found_heading'))}", ""]
    out += table([t(lang, "col_severity"), t(lang, "col_count")],
                 [(severity_label(sev, lang), n) for sev, n in view.severity_counts(report)])
    out += _glance(report, lang)
    for status, heading, none in ((Status.UNKNOWN, "unknown_heading", "all_answered"),
                                  (Status.SKIPPED, "skipped_heading", "nothing_skipped")):
        out += [f"### {prose(t(lang, heading))}", ""]
        groups = view.by_reason(report, status)
        if not groups:
            out += [f"_{prose(t(lang, none))}_", ""]
        for reason, results in groups:
            heading_text = t(lang, "unknown_count", n=len(results),
                             reason=reason_label(reason, lang))
            hint = prose(t(lang, f"hint_{reason.value}"))
            out += [f"#### {inline(heading_text)}", "", f"{_label(lang, 'what_to_do')} {hint}", ""]
            for r in results:
                line = f"- {inline(r.check)}: {inline(r.target)}"
                line += f" — {link(r.url)}" if r.url else ""
                line += f" ({prose(r.detail)})" if r.detail else ""
                out.append(line)
            out.append("")
    return out


def _glance(report: ScanReport, lang: str) -> list[str]:
    out = [f"### {prose(t(lang, 'glance_heading'))}", "",
           f"#### {prose(t(lang, 'map_title'))}", ""]
    points = figures.map_points(report)
    if points:
        # every place cluster, then a sample of single photo locations
        shown = [p for p in points if p.cluster]
        singles = [p for p in points if not p.cluster]
        shown += singles[: view.SAMPLE]
        out += table(
            [t(lang, k) for k in ("col_place", "col_title", "col_lat", "col_lon")],
            [(cluster_label(p, lang) if p.cluster else p.label, p.title, f"{p.lat:.4f}",
              f"{p.lon:.4f}") for p in shown],
        )
        if len(singles) > view.SAMPLE:
            out += [f"_{prose(t(lang, 'more_points', n=len(singles) - view.SAMPLE))}_", ""]
    else:
        out += [f"_{prose(t(lang, 'map_none'))}_", ""]
    out += [f"#### {prose(t(lang, 'graph_title'))}", ""]
    edges = figures.graph_edges(report)
    if edges:
        out += table(
            [t(lang, k) for k in ("col_from", "col_to", "col_signal", "col_strength")],
            [(e.source, e.target, ", ".join(e.signals),
              t(lang, f"strength_{figures.strength_word(e.strength)}")) for e in edges],
        )
    else:
        out += [f"_{prose(t(lang, 'graph_none'))}_", ""]
    return out


def _changes(report: ScanReport, options: RenderOptions, lang: str) -> list[str]:
    comp = extras.comparison(report)
    if comp is None:
        return []
    out = [f"## {prose(t(lang, 'sec_changes'))}", ""]
    if comp["since"]:
        out += [prose(t(lang, "changes_since", since=comp["since"])), ""]
    for key, heading in (("new", "changes_new"), ("gone", "changes_gone"),
                         ("unchecked", "changes_unchecked"), ("unchanged", "changes_unchanged")):
        rows = comp[key]
        out += [f"### {prose(t(lang, heading))} ({len(rows)})", ""]
        if key == "unchecked" and rows:
            out += [prose(t(lang, "changes_unchecked_hint")), ""]
        if rows:
            out += table(
                [t(lang, "col_kind"), t(lang, "col_title"), t(lang, "col_severity"),
                 t(lang, "col_fingerprint")],
                [(kind_label(r["kind"], lang) if r["kind"] else "", r["title"], r["severity"],
                  r["fingerprint"]) for r in rows],
            )
        else:
            out += [f"_{prose(t(lang, 'changes_none'))}_", ""]
    return out


def _plan(report: ScanReport, options: RenderOptions, lang: str) -> list[str]:
    out = [f"## {prose(t(lang, 'sec_plan'))}", ""]
    out += _helplines(report, lang)
    items = extras.plan(report).checklist
    if not items:
        return [*out, f"_{prose(t(lang, 'plan_empty'))}_", ""]
    total = extras.minutes_total(report)
    intro = t(lang, "plan_intro")
    if total:
        intro += " " + t(lang, "minutes_total", time=duration(total))
    out += [inline(intro), ""]
    for item in items:
        meta = [inline(x) for x in (item.platform,) if x]
        if item.priority:
            meta.append(f"{prose(t(lang, 'priority'))} {inline(str(item.priority))}")
        if item.minutes > 0:
            meta.append(prose(t(lang, "minutes", n=item.minutes)))
        if item.optional:
            meta.append(prose(t(lang, "optional_item")))
        suffix = f" — {' · '.join(meta)}" if meta else ""
        box = "[x]" if item.done else "[ ]"
        out.append(f"- {box} **{inline(item.title or item.id)}**{suffix} — `{item.id}`")
        if item.why:
            out.append(f"  {_label(lang, 'why')} {inline(plain_why(item.why))}")
        for i, step in enumerate(item.steps, start=1):
            out.append(f"  {i}. {prose(step)}")
        if item.request_ids:
            ids = ", ".join(f"`{x}`" for x in item.request_ids)
            out.append(f"  {_label(lang, 'see_request')} {ids}")
        if item.source_url:
            out.append(f"  {_label(lang, 'source')} {link(item.source_url)}")
    return [*out, ""]


def _helplines(report: ScanReport, lang: str) -> list[str]:
    help_ = extras.helplines(report)
    if help_ is None:
        return []
    out = [f"### {prose(t(lang, 'help_heading'))}", ""]
    out += table(
        [t(lang, k) for k in ("col_name", "col_number", "col_hours", "col_what", "col_link")],
        [(h.name, h.number or "", h.hours, h.what, Raw(link(h.url or "")))
         for h in help_.emergency + help_.helplines],
    )
    auth = help_.authority
    if auth:
        line = f"{_label(lang, 'help_authority')} {inline(auth.name)}"
        line += f" — {link(auth.complaint_url)}" if auth.complaint_url else ""
        out += [line + (f". {inline(auth.what)}" if auth.what else ""), ""]
    return out


def _findings(report: ScanReport, options: RenderOptions, lang: str) -> list[str]:
    out = [f"## {prose(t(lang, 'sec_findings'))}", ""]
    groups = view.findings_by_kind(report)
    if not groups:
        return [*out, f"_{prose(t(lang, 'no_findings'))}_", ""]
    linked = _linked(report)
    for kind, every in groups:
        out += [f"### {inline(kind_label(kind, lang))} ({len(every)})", ""]
        findings, rest = view.sampled(kind, every, linked)
        for f in findings:
            badge = inline(severity_label(f.severity, lang).upper())
            out += [f"#### \\[{badge}\\] {inline(f.title)}", ""]
            conf = inline(confidence_label(f.confidence, lang))
            out.append(f"- {_label(lang, 'confidence')} {conf}")
            if f.url:
                out.append(f"- {_label(lang, 'col_url')} {link(f.url)}")
            for key, raw in view.data_items(f, (t(lang, "yes"), t(lang, "no"))):
                value = value_label(key, raw, lang)
                texts = [value] if isinstance(value, str) else value
                shown = "; ".join(link(x) if view.safe_url(x) else inline(x) for x in texts)
                out.append(f"- {inline(field_label(key, lang))}{t(lang, 'colon')} {shown}")
            for e in f.evidence:
                line = f"- {_label(lang, 'evidence')} {link(e.url)} ({prose(t(lang, 'observed'))} "
                line += f"{inline(view.fmt_time(e.observed_at))})"
                out.append(line + (f": “{inline(e.excerpt)}”" if e.excerpt else ""))
            out.append("")
        if rest:
            out += [f"_{prose(t(lang, 'more_files', n=rest))}_", ""]
    return out


def _linked(report: ScanReport) -> frozenset[str]:
    """Fingerprints the plan links to (its first six per step): always listed."""
    return frozenset(fp for item in extras.plan(report).checklist
                     for fp in item.finding_fingerprints[:6])


def _requests(report: ScanReport, options: RenderOptions, lang: str) -> list[str]:
    out = [f"## {prose(t(lang, 'sec_requests'))}", ""]
    items = extras.plan(report).requests
    if not items:
        return [*out, f"_{prose(t(lang, 'requests_empty'))}_", ""]
    out += [prose(t(lang, "requests_intro")), ""]
    for r in items:
        kind = inline(request_kind_label(r.kind, lang))
        out += [f"### {inline(r.title) or kind}", ""]
        meta = [kind]
        if r.recipient:
            meta.append(f"{_label(lang, 'recipient')} {inline(r.recipient)}")
        if r.id:
            meta.append(inline(r.id))
        out += [" · ".join(meta), ""]
        for key, value in (("why", r.why), ("legal_basis", r.legal_basis), ("needs", r.needs)):
            if value:
                out += [f"{_label(lang, key)} {inline(plain_why(value))}", ""]
        if r.target_urls:
            out += [_label(lang, "targets"), ""] + [f"- {link(u)}" for u in r.target_urls] + [""]
        if r.form_url:
            out += [f"{_label(lang, 'form')} {link(r.form_url)}", ""]
        if r.deadline_days:
            out += [prose(t(lang, "deadline", n=r.deadline_days)), ""]
        if r.next_step or r.next_step_url:
            nxt = f"{inline(r.next_step)} {link(r.next_step_url or '')}".strip()
            out += [f"{_label(lang, 'next_step')} {nxt}", ""]
        if r.letter:
            out += [f"#### {prose(t(lang, 'letter'))}", "", *quote(r.letter)]
    return out


def _evidence(report: ScanReport, options: RenderOptions, lang: str) -> list[str]:
    out = [f"## {prose(t(lang, 'sec_evidence'))}", ""]
    advice = extras.plan(report).evidence_advice
    if advice:
        out += [f"### {prose(t(lang, 'evidence_how'))}", ""]
        out += [inline(advice.legal), ""] if advice.legal else []
        out += [f"- {prose(step)}" for step in advice.steps] + [""]
        if advice.command:
            out += [f"`{advice.command}`", ""]
        if advice.source_url:
            out += [f"{_label(lang, 'source')} {link(advice.source_url)}", ""]
    rows = extras.evidence(report)
    if not rows:
        return [*out, f"_{prose(t(lang, 'evidence_empty'))}_", ""]
    out += [prose(t(lang, "evidence_intro")), ""]
    return out + table(
        [t(lang, k) for k in ("col_time", "col_screenshot", "col_url", "col_account_id",
                              "col_sha256", "col_note")],
        [(e["time"], e["screenshot"], Raw(link(e["url"]) + (
            f" ({link(e['archive_url'], t(lang, 'archived_copy'))})" if e["archive_url"] else "")),
          e["account_id"], e["sha256"], e["note"]) for e in rows],
    )


def _appendix(report: ScanReport, options: RenderOptions, lang: str) -> list[str]:
    out = [f"## {prose(t(lang, 'sec_appendix'))}", ""]
    if not report.request_log:
        return [*out, f"_{prose(t(lang, 'log_empty'))}_", ""]
    hosts = view.request_hosts(report)
    out += [prose(t(lang, "log_intro", n=len(report.request_log), h=len(hosts))), ""]
    out += table([t(lang, "col_host"), t(lang, "col_requests"), t(lang, "col_sent")], hosts)
    return out + table(
        [t(lang, k) for k in ("col_time", "col_method", "col_url", "col_status", "col_check",
                              "col_sent", "col_error")],
        [(view.fmt_time(r.started_at), r.method, r.url, "" if r.status is None else r.status,
          r.check, ", ".join(r.sends), r.error) for r in report.request_log],
    )
