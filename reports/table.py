"""The terminal renderer (and `report.txt`): the first-24-hours page first (emergency number,
helplines, what matters most, first steps), then the tables, fitted to `options.width` (the
terminal's width) and showing the part of each URL or path that tells rows apart.

Colour only when asked (the CLI asks on a TTY without NO_COLOR). Found first, then what could
not be checked grouped by reason, then skipped; not-found results are counted, not listed.
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from collections.abc import Callable

from audit import hookimpl
from audit.i18n import Messages
from audit.models import Finding, ScanReport, Severity, Status
from audit.render import Renderer, RenderOptions, reason_label, status_label, truncate

_COLOURS = {
    Severity.HIGH: "\x1b[31;1m",
    Severity.MEDIUM: "\x1b[33m",
    Severity.LOW: "\x1b[36m",
    Severity.INFO: "",
}
_RESET = "\x1b[0m"
_SCHEME = re.compile(r"https?://(?:www\.)?")

_T = Messages(
    {
        "title": "Exposure audit",
        "checked": "Checked",
        "results": "results",
        "findings": "What a stranger can find",
        "none": "Nothing found by the checks that could run.",
        "unknown": "Could not be checked (not the same as 'not found')",
        "skipped": "Skipped",
        "plan": "Plan (first steps; `exposure-audit plan list` shows them all)",
        "sev": "severity",
        "kind": "kind",
        "what": "what",
        "where": "where",
        "check": "check",
        "target": "target",
        "why": "why",
        "interrupted": "The scan was interrupted: results are partial.",
        "more": "more",
    },
    {
        "title": "Audit d'exposition",
        "checked": "Vérifié",
        "results": "résultats",
        "findings": "Ce qu'un inconnu peut trouver",
        "none": "Rien trouvé par les vérifications qui ont pu tourner.",
        "unknown": "Impossible à vérifier (ce n'est pas « absent »)",
        "skipped": "Ignoré",
        "plan": "Plan (premières étapes ; `exposure-audit plan list` les montre toutes)",
        "sev": "gravité",
        "kind": "type",
        "what": "quoi",
        "where": "où",
        "check": "module",
        "target": "cible",
        "why": "pourquoi",
        "interrupted": "L'analyse a été interrompue : résultats partiels.",
        "more": "de plus",
    },
)


class TableRenderer(Renderer):
    """Plain-text tables for the terminal."""

    name = "table"
    extension = "txt"
    description = "Terminal summary and tables (80 columns)."

    def render(self, report: ScanReport, options: RenderOptions) -> str:
        """Summary, findings, unknown by reason, skipped, first plan items."""
        from tabulate import tabulate

        from reports.first24 import first_day, short_place
        from reports.firsttext import first_day_text, help_lines
        from reports.i18n import severity_label
        from reports.i18n import t as tr
        from reports.view import by_site

        t = _T.table(options.lang)
        w = max(options.width, 60)
        counts = report.counts_by_status()
        lines = first_day_text(first_day(report), options.lang, w)
        lines += ["", t["title"], "=" * len(t["title"])]
        summary = ", ".join(f"{n} {status_label(s, options.lang)}" for s, n in counts.items() if n)
        lines.append(f"{t['checked']}: {len(report.results)} {t['results']} ({summary})")
        if report.interrupted:
            lines.append(t["interrupted"])
        lines.append("")
        lines.append(t["findings"])
        findings = report.findings()
        if findings:
            rows = []
            room = max(w - 30, 30)
            what_w = max(room * 11 // 20, 24)
            where_w = max(room - what_w, 16)
            listed, more = _sample(findings)
            for f in listed:
                sev = severity_label(f.severity, options.lang)
                if options.color:
                    sev = f"{_COLOURS[f.severity]}{sev}{_RESET}"
                title = _SCHEME.sub("", f.title)
                rows.append((sev, f.kind, truncate(title, what_w),
                             middle(short_place(f.url), where_w)))
            rows += [("", kind, truncate(tr(options.lang, "more_files", n=n), what_w + where_w), "")
                     for kind, n in more]
            lines.append(tabulate(rows, headers=[t["sev"], t["kind"], t["what"], t["where"]]))
        else:
            lines.append(t["none"])
        unknown = [r for r in report.results if r.status is Status.UNKNOWN]
        if unknown:
            lines += ["", t["unknown"]]
            by_reason = Counter(r.reason for r in unknown)
            for reason, n in by_reason.most_common():
                sites = by_site([r for r in unknown if r.reason == reason])
                shown = ", ".join(f"{site} ({len(rs)})" for site, rs in sites[:6]) + (
                    f" (+{len(sites) - 6} {t['more']})" if len(sites) > 6 else ""
                )
                lines += textwrap.wrap(
                    f"- {n} × {reason_label(reason, options.lang)}: {truncate(shown, 3 * w)}",
                    w, subsequent_indent="    ", break_on_hyphens=False,
                )
        skipped = [r for r in report.results if r.status is Status.SKIPPED]
        if skipped:
            lines += ["", t["skipped"]]
            rows2 = [
                (
                    r.check,
                    truncate(r.target, 20),
                    truncate(r.detail or reason_label(r.reason, options.lang), w - 36),
                )
                for r in skipped[:20]
            ]
            lines.append(tabulate(rows2, headers=[t["check"], t["target"], t["why"]]))
        checklist = report.plan.checklist if report.plan is not None else ()
        if checklist:
            lines += ["", t["plan"]]
            for item in checklist[:8]:
                mark = "[x]" if item.done else "[ ]"
                title = truncate(item.title, w - 8 - len(item.id))
                lines.append(f"{mark} {title}  [{item.id}]")
        lines += _dashboard(report, options.lang, w)
        # the last screen of a long terminal output carries the help too
        lines += ["", *help_lines(first_day(report), options.lang, w)]
        return "\n".join(lines) + "\n"


def _dashboard(report: ScanReport, lang: str, width: int) -> list[str]:
    """One line per site or broker: its request's status and next date."""
    from tabulate import tabulate

    from reports.i18n import t as tr

    reqs = report.plan.requests if report.plan is not None else ()
    if not reqs:
        return []
    rows = [(truncate(r.recipient or r.title, max(width - 50, 20)),
             tr(lang, f"st_{r.status or 'todo'}"), r.next_date or "", r.id) for r in reqs]
    heads = [tr(lang, k) for k in ("recipient", "col_req_status", "col_next_date")] + ["ID"]
    return ["", tr(lang, "dash_heading"), tabulate(rows, headers=heads)]


def _sample(findings: list[Finding]) -> tuple[list[Finding], list[tuple[str, int]]]:
    """The findings to list (a sample of each per-file kind, in report order) and how many
    more of each such kind there are."""
    from reports.view import sampled

    by_kind: dict[str, list[Finding]] = {}
    for f in findings:
        by_kind.setdefault(f.kind, []).append(f)
    keep: set[int] = set()
    more = []
    for kind, group in by_kind.items():
        shown, rest = sampled(kind, group)
        keep.update(id(f) for f in shown)
        if rest:
            more.append((kind, rest))
    return [f for f in findings if id(f) in keep], more


def middle(text: str, width: int) -> str:
    """Shorten text in the middle (host and file name both stay readable)."""
    if len(text) <= width:
        return text
    head = max(width * 3 // 5, 1)
    tail = max(width - head - 1, 1)
    return text[:head] + "…" + text[-tail:]


@hookimpl
def register_renderers(register: Callable[[type[Renderer]], None]) -> None:
    """Register the terminal renderer and the one-page summary."""
    from reports.firsttext import SummaryRenderer

    register(TableRenderer)
    register(SummaryRenderer)
