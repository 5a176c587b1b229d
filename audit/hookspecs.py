"""The pluggy hook specifications: plugins only *register* what they provide (checks,
renderers, commands, their part of the demo, address readers for the masker).

A plugin module (or an installed package advertising the `exposure_audit` entry-point group)
implements any of these hooks with `@audit.hookimpl`::

    from audit import hookimpl

    @hookimpl
    def register_checks(register):
        register(MyCheck)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from pathlib import Path

    import click

    from audit.check import AddressReader, Check
    from audit.render import Renderer
    from audit.sandbox.world import World

PROJECT = "exposure_audit"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Call `register(CheckClass)` once for each check the plugin provides."""


@hookspec
def register_renderers(register: Callable[[type[Renderer]], None]) -> None:
    """Call `register(RendererClass)` once for each output format the plugin provides."""


@hookspec
def register_address_readers(register: Callable[[AddressReader], None]) -> None:
    """Call `register(AddressReader(...))` for each postal-address reader the plugin provides.

    The core's masker of other people's details (applied to every output) finds street
    addresses only through these: it knows no check by name. Without any, addresses are left
    to the checks' own masks.
    """


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add click commands or groups to the `exposure-audit` command line."""


@hookspec
def register_demo(world: World, folder: Path) -> None:
    """Add this plugin's part of the offline demo: routes to `world`, local files in `folder`.

    `world` is the sandbox world the demo scan runs against; `folder` is where the persona's
    local files go (e.g. its photo folder, which the demo passes as ``--photos``).
    """
