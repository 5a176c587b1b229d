"""The blank one-page checklist for workshops (`exposure-audit handout`), in HTML or Markdown.

`render_handout(items, lang, fmt)` lays out the sections given by `audit.plan.handout`
(typed `HandoutItem`s): nothing about any person, every value escaped.
The `handout` command is added to the CLI through the `register_commands` plugin hook.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from audit import hookimpl
from audit.plan.types import HandoutItem
from audit.store.paths import write_private
from reports.html import environment
from reports.i18n import strings, t

# `reports.view` and `reports.mdtext` are imported on first use: keeps start-up light.

FORMATS = ("html", "markdown")
_BLANK = "\\_" * 4


def _rows(items: Sequence[HandoutItem]) -> list[dict[str, Any]]:
    """The sections as the templates show them (a section without a title shows its id)."""
    return [
        {"title": i.title or i.id, "steps": i.steps,
         "minutes": i.minutes if i.minutes > 0 else None, "source_url": i.source_url}
        for i in items
    ]


def render_handout(items: Sequence[HandoutItem], lang: str, fmt: str = "html") -> str:
    """The blank checklist as a whole HTML page (`fmt="html"`) or Markdown (`"markdown"`)."""
    lang = lang if lang in ("en", "fr") else "en"
    rows = _rows(items)
    if fmt in ("md", "markdown"):
        return _markdown(rows, lang)
    if fmt != "html":
        raise ValueError(f"handout format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    template = environment().get_template("handout.html.j2")
    return template.render(
        items=rows, lang=lang, s=strings(lang), t=lambda key, **kw: t(lang, key, **kw)
    )


def _markdown(rows: list[dict[str, Any]], lang: str) -> str:
    from reports.mdtext import inline, link

    out = [f"# {inline(t(lang, 'handout_title'))}", "", inline(t(lang, "handout_intro")), "",
           f"{inline(t(lang, 'handout_date'))} {_BLANK} / {_BLANK} / {_BLANK}{_BLANK}", ""]
    for row in rows:
        minutes = f" ({inline(t(lang, 'minutes', n=row['minutes']))})" if row["minutes"] else ""
        out += [f"## {inline(row['title'])}{minutes}", ""]
        out += [f"- [ ] {inline(step)}" for step in row["steps"]]
        if row["source_url"]:
            out += ["", f"{inline(t(lang, 'source'))}{t(lang, 'colon')} {link(row['source_url'])}"]
        out.append("")
    out.append(f"_{inline(t(lang, 'handout_footer'))}_")
    out += ["", inline(t(lang, "handout_forget"))]
    return "\n".join(out) + "\n"


@click.command("handout")
@click.option("--lang", type=click.Choice(["en", "fr"]), default="en", show_default=True,
              help="Language of the checklist.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="html", show_default=True,
              help="HTML (to print) or Markdown.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (created mode 0600); standard output otherwise.")
@click.option("--redact", is_flag=True,
              help="Workshop mode (accepted like everywhere): the handout is already blank.")
def handout_command(lang: str, fmt: str, output: Path | None, redact: bool) -> None:
    """Print a blank one-page checklist for workshops (nothing about any person). It reminds
    trainers to run `exposure-audit forget --all --yes` when the workshop ends."""
    del redact  # nothing about any person is ever in the handout
    from audit.plan.handout import handout_items

    text = render_handout(handout_items(lang), lang, fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_private(output, text)
        click.echo(f"wrote {output}", err=True)


@hookimpl
def register_commands(cli: click.Group) -> None:
    """Add `exposure-audit handout`."""
    cli.add_command(handout_command)
