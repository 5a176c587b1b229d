"""The `html` renderer: one self-contained, printable HTML file (inline CSS and SVG, no script,
nothing loaded from the network, a Content-Security-Policy that forbids it anyway).

Templates live in `reports/html/templates/` and are loaded with Jinja2's `PackageLoader` with
autoescaping on; the SVG map and graph are built by `svg_map` / `svg_graph`, which escape every
label themselves. Nothing that came from the web is ever marked safe.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from audit import hookimpl
from audit.models import ScanReport
from audit.render import Renderer, RenderOptions
from reports.i18n import strings, t

if TYPE_CHECKING:
    import jinja2


@cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment (autoescape on, strict undefined, package templates)."""
    import jinja2  # imported on first HTML render only: keeps CLI start-up light

    from reports import view
    from reports.html import context

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("reports.html", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["link"] = context.link
    env.globals["safe_url"] = view.safe_url
    return env


class HtmlRenderer(Renderer):
    """A self-contained HTML report: summary, plan, findings, requests, evidence, appendix."""

    name = "html"
    extension = "html"
    media_type = "text/html"
    description = "one self-contained, printable HTML page with a map and an identity graph"

    def render(self, report: ScanReport, options: RenderOptions) -> str:
        """Return the whole HTML document."""
        from reports.html import context  # imported on first render: keeps start-up light

        ctx = context.build(report, options)
        lang = ctx["lang"]
        ctx["s"] = strings(lang)
        ctx["t"] = lambda key, **values: t(lang, key, **values)
        return environment().get_template("report.html.j2").render(ctx)


@hookimpl
def register_renderers(register: Callable[[type[Renderer]], None]) -> None:
    """Register the HTML renderer."""
    register(HtmlRenderer)
