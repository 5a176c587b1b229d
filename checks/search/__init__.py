"""The `search` check plugin: name search through search engines, people-search listings,
and the manual mode commands (`exposure-audit search links` / `search import`).

Modules: `variants` (name forms), `queries` (the plan), `backends` (DuckDuckGo, SearXNG,
Brave, Mojeek), `blocks` (refusal detection), `serp` (result-page parsers), `urls`
(normalisation), `sites` (people_sites.json), `classify` (about-you score and category),
`findings`, `state` (per-scan state), `check` (the Check), `manual` and `cli` (manual mode).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from audit import hookimpl

if TYPE_CHECKING:
    from pathlib import Path

    import click

    from audit.check import Check
    from audit.sandbox.world import World


@hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register the `search` check."""
    from checks.search.check import SearchCheck

    register(SearchCheck)


@hookimpl
def register_commands(cli: click.Group) -> None:
    """Add the `search` command group (manual mode)."""
    from checks.search.cli import search_group

    cli.add_command(search_group)


@hookimpl
def register_demo(world: World, folder: Path) -> None:
    """Add the demo's search engines and people-search pages."""
    from checks.search.demo import add_to

    del folder
    add_to(world)
