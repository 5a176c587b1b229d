"""The `markdown` renderer: the report in GitHub-flavoured Markdown, with the same sections in
the same order as the HTML report (summary, changes, action plan, findings, requests, evidence
log, appendix). Every value is escaped by `reports.mdtext`; only http(s) URLs become links.
"""

from __future__ import annotations

from collections.abc import Callable

from audit import hookimpl
from audit.models import ScanReport
from audit.render import Renderer, RenderOptions


class MarkdownRenderer(Renderer):
    """The report as Markdown (for a wiki, an issue tracker, a lawyer's notes)."""

    name = "markdown"
    extension = "md"
    media_type = "text/markdown"
    description = "Markdown with the same sections as the HTML report"

    def render(self, report: ScanReport, options: RenderOptions) -> str:
        """Return the whole Markdown document."""
        # imported on first render: keeps start-up light (every command registers renderers)
        from reports.mdreport import render_markdown

        return render_markdown(report, options)


@hookimpl
def register_renderers(register: Callable[[type[Renderer]], None]) -> None:
    """Register the Markdown renderer."""
    register(MarkdownRenderer)
