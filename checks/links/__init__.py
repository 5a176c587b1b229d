"""The `links` check plugin: the identity graph of the person's accounts, sites and details.

Modules: `graph` (nodes, edges, strengths, clusters, paths), `platforms` (profile URLs <->
node ids, bio mentions), `build` (edges from pages and earlier findings), `discovery`
(bounded checking of newly seen handles), `public` and `pgp` (GitHub, Gravatar,
keys.openpgp.org), `lookups` (their edges), `findings` (`link` and `identity_cluster`
findings), `check` (the Check), `demo` (this area's part of the offline demo world).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from audit.check import Check
from audit.hookspecs import hookimpl
from checks.links.check import LinksCheck

if TYPE_CHECKING:
    from pathlib import Path

    from audit.sandbox.world import World


@hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register the `links` check."""
    register(LinksCheck)


@hookimpl
def register_demo(world: World, folder: Path) -> None:
    """Serve the persona's own site, link-in-bio page and public API answers (contacts and
    links share this part of the demo)."""
    del folder
    from checks.links.demo import add_to

    add_to(world)


__all__ = ["LinksCheck", "register_checks", "register_demo"]
