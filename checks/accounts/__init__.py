"""The `accounts` check plugin: a handle searched across the sites of a pinned catalog.

Modules: `catalog` (site entries, loading, schema validation), `blocks` and `detect` (deciding
found / not found / could not tell), `extract`, `apidata`, `pagedata` (what a found profile
says), `variants`, `wmn` (WhatsMyName import), `store` (the user's imported catalog), `check`
(the Check), `cli` (the `exposure-audit sites` commands), `validate` (online catalog checks),
`profiles` (the catalog offered to other checks through `checks._common.profiles`), `demo`
(this plugin's part of the offline demo world). Data: `sites.json`, `sites.schema.json`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from audit.check import Check
from audit.hookspecs import hookimpl
from checks._common.profiles import register_platform_hosts, register_prober
from checks.accounts.check import AccountsCheck
from checks.accounts.profiles import catalog_platform_hosts, probe_catalog_profile

if TYPE_CHECKING:
    from audit.sandbox.world import World

register_prober(probe_catalog_profile)  # `links` asks about the handles it finds
register_platform_hosts(catalog_platform_hosts)  # `search` recognises profiles among results


@hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register the `accounts` check."""
    register(AccountsCheck)


@hookimpl
def register_commands(cli: click.Group) -> None:
    """Add the `sites` command group."""
    from checks.accounts.cli import sites

    cli.add_command(sites)


@hookimpl
def register_demo(world: World, folder: Path) -> None:
    """Add the persona's accounts, absent profiles and blocking sites to the demo world."""
    from checks.accounts import demo

    demo.add_to(world)


__all__ = ["AccountsCheck", "register_checks", "register_commands", "register_demo"]
