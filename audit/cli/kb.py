"""`kb stale` and `kb show`: the action plan's knowledge base (settings pages, forms,
helplines) and which of its items are due for a new check."""

from __future__ import annotations

from typing import Any

import click

from audit.cli import context
from audit.i18n import Messages
from audit.plan import kb

_SAY = Messages({"no_reason": "no reason given"}, {"no_reason": "aucune raison donnée"})


@click.group("kb")
def kb_group() -> None:
    """The action plan's knowledge base (settings, forms, helplines, sources)."""


@kb_group.command("stale")
@click.option(
    "--days",
    type=click.IntRange(min=0),
    default=365,
    show_default=True,
    help="List checked items whose source was last checked more than this many days ago.",
)
@click.option("--lang", type=click.Choice(["en", "fr"]), default="en", show_default=True)
@click.pass_context
def kb_stale(ctx: click.Context, days: int, lang: str) -> None:
    """List knowledge items to re-check: those not yet checked (with why), then those checked
    too long ago (oldest first), each with its source."""
    today = context.clock(ctx)().date()
    unchecked = kb.unchecked_items()
    for path, item in unchecked:
        home = "" if kb.cites_specific_page(item) else "  [cites a home page]"
        why = kb.unchecked_reason(item, lang) or _SAY(lang, "no_reason")
        click.echo(
            f"not yet checked  {path}{home}\n            {item['source_url']}\n"
            f"            {why}"
        )
    items = kb.stale_items(today, days)
    for path, item in items:
        click.echo(f"checked {item['verified']}  {path}\n            {item['source_url']}")
    checked = sum(1 for _, item in kb.knowledge_items() if kb.is_checked(item))
    click.echo(
        f"{len(unchecked)} item(s) not yet checked; {checked} checked, of which {len(items)} "
        f"more than {days} days before {today}."
    )


def _checked(item: dict[str, Any]) -> str:
    return f"checked {item['verified']}" if kb.is_checked(item) else "not yet checked"


@kb_group.command("show")
@click.argument("platform")
@click.option("--lang", type=click.Choice(["en", "fr"]), default="en", show_default=True)
def kb_show(platform: str, lang: str) -> None:
    """Show what the plan knows about one platform (settings, report route, deletion)."""
    key, entry = kb.platform(platform)
    if key == kb.GENERIC and platform.strip().lower() != kb.GENERIC:
        click.echo(f"(no entry for {platform!r}: showing the generic advice)")
    elif key != platform.strip().lower():
        click.echo(f"({platform!r} is listed as {entry.get('name') or key})")
    click.echo(f"{entry.get('name') or key} [{key}]")
    for s in entry.get("settings", ()):
        click.echo(
            f"- {kb.text(s['title'], lang)}\n    {kb.text(s['path'], lang)}\n"
            f"    -> {kb.text(s['value'], lang)}\n    source: {s['source_url']} "
            f"({_checked(s)})"
        )
    for part in ("report", "deletion"):
        item = entry.get(part)
        if item:
            how = kb.text(item.get("how") or item.get("note"), lang)
            click.echo(
                f"{part}: {item.get('url') or ''}\n    {how}\n    source: "
                f"{item['source_url']} ({_checked(item)})"
            )


