"""What the CLI prints after writing reports: the one-page summary (emergency number and
helplines first) and where the files are; and the terminal's width for the renderers.
"""

from __future__ import annotations

from typing import Any

import click

from audit import api
from audit.render import RenderOptions


def terminal_width() -> int:
    """The terminal's width (80 when it cannot be told, e.g. piped)."""
    import shutil

    return max(shutil.get_terminal_size((80, 24)).columns, 60)


def show_written(
    report: Any, written: list[Any], options: RenderOptions, open_report: bool = False
) -> None:
    """After writing files: the one-page summary on stdout, then where each file is."""
    if written and "summary" in api.registry().renderers:
        click.echo(api.render(report, "summary", options))
    html = None
    for path in written:
        click.echo(f"wrote {path}", err=True)
        if path.name.endswith(".html"):
            html = path
    if html is not None:
        click.echo(f"Open the full report: {html.resolve().as_uri()}")
        if open_report:
            click.launch(str(html))
