"""The offline demo: the fictional persona, and the assembly of its sandbox world.

Each check plugin adds its own part of the demo world through the `register_demo(world,
folder)` hook (routes the real sites would answer, and local files such as the persona's
photo folder), so the demo always exercises every installed check. This module owns only the
persona's details and the assembly.

Usage (what ``exposure-audit demo`` does)::

    world = build_demo_world(folder)
    subject = build_subject(**DEMO_SUBJECT_KWARGS, photo_dirs=[folder / "photos"])
    with Sandbox(world) as sb:
        ...scan through sb.proxy_url, trusting sb.ca_path...
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from types import MappingProxyType
from typing import Any

from audit.plugins import Registry, load_plugins
from audit.sandbox.world import World

DEMO_SUBJECT_KWARGS: MappingProxyType[str, Any] = MappingProxyType(
    {
        "name": "Camille Dufresne",
        "former_names": ("Camille Roux",),
        "handles": ("camdufresne", "velvetfox42"),
        "emails": ("camille.dufresne@example.org",),
        "phones": ("+33 6 39 98 12 34",),
        "urls": ("https://www.camille-dufresne.example/",),
        "city": "Lyon",
        "country": "FR",
        "employer": "Atelier Lumen",
        "lang": "fr",
    }
)
"""Keyword arguments for `audit.models.Subject` (the caller adds ``photo_dirs``)."""

PHOTO_FOLDER = "photos"
"""Sub-folder of the demo folder where plugins put the persona's local photos."""


def build_demo_world(folder: Path | None = None, registry: Registry | None = None) -> World:
    """A fresh World holding every plugin's demo part; plugins write local files in `folder`.

    Unmatched URLs answer 404, as an absent profile would.
    """
    folder = Path(folder) if folder is not None else Path(tempfile.mkdtemp(prefix="ea-demo-"))
    (folder / PHOTO_FOLDER).mkdir(parents=True, exist_ok=True)
    reg = registry or load_plugins(include_installed=True)
    world = World()
    if reg.manager is not None:
        reg.manager.hook.register_demo(world=world, folder=folder)
    return world
